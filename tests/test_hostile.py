"""Bad and hostile workbooks, generated here (no committed binaries), one test per class.

Each goes through the command line in-process (``model.cli.main``) as a planner's file
would, and every test asserts the same promises: the exit code (2 for any problem of the
workbook, never "internal error" or a traceback); a message that names the workbook, the
sheet or part, the cell where there is one, and what was expected; no file or folder
anywhere but inside the results folder; the input file unchanged; and, for files that would
cost too much to read, that they were refused before any reader saw them (no parser called,
at most a few MiB inflated): memory and time bounded by refusing early, not by timing.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from model import cli, workbook
from model.preflight import preflight
from model.template import write_template
from model.workbook import write_tables
from tests.builders import boiler_tables, tech

PROJECT = Path(__file__).resolve().parent.parent
MIB = 1 << 20


# --------------------------------------------------------------------------------------
# a small valid case, and ways to spoil it
# --------------------------------------------------------------------------------------


def case_frames(cluster: str = "hostile test") -> dict[str, pd.DataFrame]:
    """A gas boiler meeting a heat demand over 2025-2030 (solves in well under a second;
    the cells are listed in :func:`tests.builders.boiler_tables`)."""
    return boiler_tables(cluster, target=0.05)


def write_case(path: Path, frames: dict[str, pd.DataFrame] | None = None) -> Path:
    return write_tables(case_frames() if frames is None else frames, path)


def with_cells(path: Path, sheet: str, cells: dict[str, object]) -> Path:
    """Set cells of a written case (openpyxl keeps text as text: '449,68' stays a string)."""
    wb = openpyxl.load_workbook(path)
    for ref, value in cells.items():
        wb[sheet][ref] = value
    wb.save(path)
    return path


def sheet_part(path: Path, title: str) -> str:
    """The archive part of a sheet."""
    return next(s.part for s in preflight(path).sheets.values() if s.title == title)


def rewrite(path: Path, part: str, change: Callable[[bytes], bytes]) -> Path:
    """Rewrite one part of the archive (the others copied as they are)."""
    with zipfile.ZipFile(path) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts:
            archive.writestr(info.filename, change(data) if info.filename == part else data)
    return path


def declare_size(path: Path, part: str, size: int) -> Path:
    """Make the archive declare ``size`` bytes for ``part`` (local header and central
    directory), whatever it really inflates to."""
    data = bytearray(path.read_bytes())
    name = part.encode()
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        for m in re.finditer(re.escape(signature), data):
            name_at = m.start() + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                struct.pack_into("<I", data, m.start() + offset, size)
    path.write_bytes(bytes(data))
    return path


# --------------------------------------------------------------------------------------
# running a file through the command line, and the promises every run keeps
# --------------------------------------------------------------------------------------


@dataclass
class Run:
    code: int
    out: str
    err: str
    parsers: list[str]  #: readers that saw the file: "calamine", "openpyxl"
    inflated: int  #: bytes inflated from the archive, in all


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*")}


def digest(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else None


@pytest.fixture
def run_cli(tmp_path, capsys, monkeypatch):
    """``run_cli(command, path)``: the command line on a file, in-process, with its promises
    checked (exit code not 1 for an internal error, no traceback, nothing written outside
    ``tmp_path/results``, the input unchanged)."""
    monkeypatch.chdir(tmp_path)  # a stray relative path would land here, and be seen
    parsers: list[str] = []
    inflated = [0]
    calamine, load = workbook._calamine_values, workbook.openpyxl.load_workbook
    read = zipfile.ZipExtFile.read

    def calamine_values(path):
        parsers.append("calamine")
        return calamine(path)

    def load_workbook(*args, **kwargs):
        parsers.append("openpyxl")
        return load(*args, **kwargs)

    def counted_read(self, n=-1):
        data = read(self, n)
        inflated[0] += len(data)
        return data

    monkeypatch.setattr(workbook, "_calamine_values", calamine_values)
    monkeypatch.setattr(workbook.openpyxl, "load_workbook", load_workbook)
    monkeypatch.setattr(zipfile.ZipExtFile, "read", counted_read)

    def run(command: str, path: Path, *extra: str) -> Run:
        parsers.clear()
        inflated[0] = 0
        results = tmp_path / "results"
        before, was = snapshot(tmp_path), digest(path)
        args = [command, str(path), *extra]
        if command == "run":
            args += ["--results", str(results), "--quiet"]
        code = cli.main(args)
        out = capsys.readouterr()
        after = snapshot(tmp_path)
        created = [p for p in after if p not in before]
        changed = [p for p in before if p in after and before[p] != after[p]
                   and not p.startswith("results")]
        outside = [p for p in created if p != "results"
                   and not p.startswith("results" + os.sep)]
        assert outside == [], f"written outside the results folder: {outside}"
        assert changed == [], f"changed: {changed}"
        assert digest(path) == was, "the input file changed"
        assert "Traceback" not in out.err + out.out
        assert "internal error" not in out.err + out.out
        return Run(code, out.out, out.err, list(parsers), inflated[0])

    return run


def one_error(run: Run) -> str:
    """The single error line the command line printed."""
    assert run.code == 2, run.out + run.err
    assert "1 error(s)" in run.err, run.err
    (line,) = [ln for ln in run.err.splitlines() if ln.startswith("  - ")]
    return line


# --------------------------------------------------------------------------------------
# 1. reading that bounds its cost before paying it
# --------------------------------------------------------------------------------------


def test_a_cell_at_xfd1048576_of_an_ignored_sheet_is_refused_before_reading(tmp_path,
                                                                            run_cli):
    path = write_case(tmp_path / "case.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("notes")["XFD1048576"] = "stray"
    wb.save(path)
    run = run_cli("validate", path)
    line = one_error(run)
    assert "case.xlsx, sheet 'notes', cell XFD1048576: the sheet is too large to read" in line
    assert "17,179,869,184 cells" in line and "above the limit of 5,000,000" in line
    assert "expected a smaller sheet" in line and "CLUSTER_PATHWAYS_LIMITS" in line
    assert run.parsers == []  # calamine would have aborted the process


def test_the_same_file_in_a_separate_process_exits_2_without_a_crash(tmp_path):
    path = write_case(tmp_path / "case.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["technologies"]["XFD1048576"] = 1
    wb.save(path)
    env = dict(os.environ, COLUMNS="250", NO_COLOR="1")
    result = subprocess.run([sys.executable, "run.py", "run", str(path), "--results",
                             str(tmp_path / "results"), "--quiet"], cwd=PROJECT, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "sheet 'technologies', cell XFD1048576" in result.stderr
    assert "panicked" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "results").exists()


def test_a_sheet_beyond_a_lowered_limit_is_refused_and_a_raised_limit_reads_it(
        tmp_path, run_cli, monkeypatch):
    frames = case_frames()
    frames["sources"] = pd.DataFrame({"id": [f"s{i}" for i in range(200)],
                                      "title": ["a reference"] * 200})  # 201 rows x 2
    path = write_case(tmp_path / "case.xlsx", frames)
    monkeypatch.setenv("CLUSTER_PATHWAYS_LIMITS", "sheet_cells=400")
    line = one_error(run_cli("validate", path))
    assert "sheet 'sources', cell B201: the sheet is too large to read" in line
    assert "a grid of 402 cells from A1, above the limit of 400" in line
    monkeypatch.setenv("CLUSTER_PATHWAYS_LIMITS", "sheet_cells=1000")
    assert run_cli("validate", path).code == 0


@pytest.mark.parametrize(("cells", "said"), [
    pytest.param(b'<row r="2"><c s="0" r="XFD1048576"><v>1</v></c></row>',
                 "the sheet is too large to read: its cells reach column XFD and row "
                 "1,048,576", id="attributes before the reference"),
    pytest.param(b'<row r="2"><c r="XFE2"><v>1</v></c></row>',
                 "has cells beyond Excel's grid (row 2, column 16,385)", id="beyond XFD"),
    pytest.param(b'<row r="2"><c r="A12345678"><v>1</v></c></row>',
                 "has a cell reference that is not a cell of Excel's grid", id="not a cell"),
    pytest.param(b'<row r="2000000"/>', "has cells beyond Excel's grid (row 2,000,000",
                 id="row beyond the grid"),
    pytest.param(b'<row r="2">' + b"<c><v>1</v></c>" * 6000 + b"</row><row r='900'/>",
                 "the sheet is too large to read: its cells reach column", id="no references"),
])
def test_far_cells_written_in_other_ways_are_still_found(tmp_path, run_cli, cells, said):
    path = write_case(tmp_path / "case.xlsx")
    part = sheet_part(path, "demand")
    rewrite(path, part, lambda xml: re.sub(rb"<sheetData>.*</sheetData>|<sheetData\s*/>",
                                           lambda m: b"<sheetData>" + cells + b"</sheetData>",
                                           xml, flags=re.S))
    run = run_cli("validate", path)
    line = one_error(run)
    assert "case.xlsx, sheet 'demand'" in line and said in line, line
    assert run.parsers == []


def test_a_bad_limits_variable_is_a_usage_error(tmp_path, run_cli, monkeypatch):
    path = write_case(tmp_path / "case.xlsx")
    monkeypatch.setenv("CLUSTER_PATHWAYS_LIMITS", "cells=10")
    line = one_error(run_cli("validate", path))
    assert "CLUSTER_PATHWAYS_LIMITS: unknown limit 'cells'" in line
    assert "sheet_cells" in line


def test_a_zip_bomb_is_refused_from_its_declared_sizes_without_inflating(tmp_path, run_cli):
    path = write_case(tmp_path / "case.xlsx")
    part = "xl/media/padding.xml"
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(part, b"<a>" + b" " * (40 * MIB) + b"</a>")  # 40 MiB -> ~40 KiB
    run = run_cli("validate", path)
    line = one_error(run)
    assert "case.xlsx: cannot open as an Excel workbook: part xl/media/padding.xml inflates " \
        "1,0" in line and "above the limit of 100 (a zip bomb" in line
    assert run.parsers == [] and run.inflated < 2 * MIB


def test_a_part_larger_than_it_declares_is_refused_after_its_declared_size(tmp_path,
                                                                           run_cli):
    path = write_case(tmp_path / "case.xlsx")
    part = sheet_part(path, "technologies")
    rewrite(path, part, lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + b" " * MIB))
    declare_size(path, part, 2000)  # the archive says 2 kB; the part inflates to over 1 MiB
    run = run_cli("validate", path)
    line = one_error(run)
    assert f"sheet 'technologies' ({part}) is damaged" in line \
        or f"sheet 'technologies' ({part}) is not well-formed XML" in line, line
    assert run.parsers == [] and run.inflated < 2 * MIB


@pytest.mark.parametrize(("change", "said"), [
    pytest.param(lambda xml: xml.replace(b"</sheetData>", b"<row></sheetData>"),
                 "is not well-formed XML (line 1, column", id="malformed"),
    pytest.param(lambda xml: xml.replace(
        b"<worksheet", b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<worksheet", 1), "declares a document type or entities", id="entities"),
])
def test_bad_xml_in_a_sheet_is_a_workbook_error_naming_the_part(tmp_path, run_cli, change,
                                                                said):
    path = write_case(tmp_path / "case.xlsx")
    part = sheet_part(path, "flows")
    rewrite(path, part, change)
    run = run_cli("validate", path)
    line = one_error(run)
    assert f"case.xlsx: cannot open as an Excel workbook: sheet 'flows' ({part}) {said}" \
        in line
    assert "expected an .xlsx workbook: open the file in Excel or LibreOffice and save it" \
        in line
    assert run.parsers == []


def test_a_shared_string_that_does_not_exist_is_a_workbook_error(tmp_path, run_cli):
    path = write_case(tmp_path / "case.xlsx")
    part = sheet_part(path, "technologies")
    rewrite(path, part, lambda xml: re.sub(rb'<c r="A2"[^>]*>.*?</c>',
                                           b'<c r="A2" t="s"><v>999999</v></c>', xml, count=1))
    run = run_cli("validate", path)
    assert run.code == 2
    assert "case.xlsx" in run.err and "cannot open as an Excel workbook" in run.err


def _ole2(path: Path, extra: bytes = b"") -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + extra)
    return path


def _text(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


def _bytes(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _ods(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    return path


@pytest.mark.parametrize(("name", "make", "said", "what_to_do"), [
    pytest.param("old.xls", _ole2, "it is an Excel 97-2003 workbook (.xls)",
                 "save it as Excel Workbook (.xlsx)", id="xls"),
    pytest.param("secret.xlsx", lambda p: _ole2(p, "EncryptedPackage".encode("utf-16-le")),
                 "the workbook is protected by a password (encrypted)",
                 "remove the password", id="encrypted"),
    pytest.param("case.ods", _ods, "it is an OpenDocument spreadsheet (.ods)",
                 "save it as Excel 2007-365 (.xlsx)", id="ods"),
    pytest.param("case.csv", lambda p: _text(p, "name,value\ncluster,x\n"),
                 "it is a text file (such as CSV)", "python run.py template FILE", id="csv"),
    pytest.param("cases", _folder, "it is a folder",
                 "python run.py portfolio FOLDER", id="folder"),
    pytest.param("empty.xlsx", lambda p: _bytes(p, b""),
                 "the file is empty (0 bytes)", "python run.py template FILE", id="empty"),
    pytest.param("noise.xlsx", lambda p: _bytes(p, bytes(range(256)) * 8),
                 "the file is neither an .xlsx workbook nor any other spreadsheet",
                 "an .xlsx workbook",
                 id="binary"),
    pytest.param("renamed.xls", lambda p: write_case(p.with_suffix(".xlsx")).rename(p),
                 "it holds an .xlsx workbook but is named .xls",
                 "the same file renamed to renamed.xlsx", id="xlsx named xls"),
])
def test_other_files_get_one_line_saying_what_to_do(tmp_path, run_cli, name, make, said,
                                                    what_to_do):
    path = make(tmp_path / name)
    for command in ("validate", "run"):
        run = run_cli(command, path)
        line = one_error(run)
        assert line.startswith(f"  - {name}: cannot open as an Excel workbook: {said}"), line
        assert what_to_do in line
        assert run.parsers == []
    assert not (tmp_path / "results").exists()


# --------------------------------------------------------------------------------------
# 2. values read as meant or refused
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("sheet", "cells", "said", "expected"), [
    pytest.param("prices", {("2025", 2): "449,68"},
                 "year value is a number stored as text with separators, which could read "
                 "as 449.68 (with a decimal comma) or 44968 (with the comma separating "
                 "thousands) (found '449,68')", "a number without separators, e.g. 449.68",
                 id="decimal comma"),
    pytest.param("demand", {("2025", 2): "1.234,5"},
                 "year value is a number stored as text with separators, which could read "
                 "as 1234.5 (with a decimal comma) or 1.2345 (with the comma separating "
                 "thousands)", "a number without separators, e.g. 1234.5",
                 id="european thousands"),
    pytest.param("technologies", {("lifetime", 2): "inf"},
                 "'lifetime' is not a finite number (found 'inf')", "a number (years)",
                 id="inf"),
    pytest.param("demand", {("2030", 2): "NaN"}, "year value is not a finite number",
                 "a number", id="nan"),
    pytest.param("technologies", {("lifetime", 2): 1e300},
                 "'lifetime' is beyond its plausible range (check the unit) (found 1e+300)",
                 "0 .. 500 years", id="huge lifetime"),
    pytest.param("demand", {("2025", 2): 1e300}, "year value is beyond its plausible range",
                 "-1e+12 .. 1e+12", id="huge demand"),
    pytest.param("targets", {("value", 2): 55},
                 "a reduction is a fraction of base emissions: 0.55 means 55 %",
                 "a fraction <= 2 (1 = net zero)", id="reduction in percent"),
    pytest.param("technologies", {("availability", 2): 95},
                 "'availability' is above its maximum: a fraction, so 0.95 means 95 %",
                 "<= 1.0 fraction", id="availability in percent"),
    pytest.param("technologies", {("availability", 2): "95%"},
                 "'availability' is a percentage stored as text: '95%' stands for 0.95",
                 "a number: 0.95", id="percent text"),
    pytest.param("prices", {("commodity", 3): "co2", ("parameter", 3): "carbon_price",
                            ("2025", 3): -80}, "carbon_price is below its minimum",
                 ">= 0.0 money / commodity unit", id="negative carbon price"),
])
def test_values_are_read_as_meant_or_refused_naming_the_cell(tmp_path, run_cli, sheet, cells,
                                                             said, expected):
    frames = case_frames()
    frames["targets"] = pd.DataFrame([{"year": 2030, "kind": "reduction", "value": 0.5}])
    frames["technologies"] = pd.DataFrame([tech("boiler", availability=1.0)])
    path = write_case(tmp_path / "case.xlsx", frames)
    wb = openpyxl.load_workbook(path)
    letters = {str(c.value): c.column_letter for c in wb[sheet][1]}
    for (header, row), value in cells.items():
        wb[sheet][f"{letters[header]}{row}"] = value
    wb.save(path)
    (header, row) = list(cells)[-1]
    line = one_error(run_cli("run", path))
    located = f"sheet '{sheet}', cell {letters[header]}{row}, column '{header}'"
    assert f"case.xlsx, {located}: {said}" in line, line
    assert f"expected {expected}" in line, line
    assert not (tmp_path / "results").exists()


def test_a_negative_price_is_accepted_with_a_warning_naming_the_cell(tmp_path, run_cli):
    path = with_cells(write_case(tmp_path / "case.xlsx"), "prices", {"C2": -1000})
    run = run_cli("validate", path)
    assert run.code == 0, run.err
    assert "warning: case.xlsx, sheet 'prices', cell C2, column '2025': price is below 0: " \
        "allowed, but the cluster is then paid for each unit (check the sign) (found " \
        "-1000.0)" in run.err


# --------------------------------------------------------------------------------------
# 3. names that cannot become paths
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("cluster", ["..", ".", "../../outside", "a/b\\c", "x" * 300, "CON",
                                     "天津"])
def test_cluster_names_become_safe_folders_inside_the_results_folder(tmp_path, run_cli,
                                                                     cluster):
    path = write_case(tmp_path / "case.xlsx", case_frames(cluster))
    run = run_cli("run", path)
    assert run.code == 0, run.err
    results = tmp_path / "results"
    (case_folder,) = list(results.iterdir())
    (run_folder,) = list(case_folder.iterdir())
    assert (run_folder / "results.xlsx").is_file()
    assert case_folder.name not in (".", "..") and len(case_folder.name) <= 64
    assert case_folder.resolve().parent == results.resolve()
    assert str(run_folder) in run.out.replace("\n", "")


def test_a_results_link_pointing_elsewhere_is_refused(tmp_path, run_cli):
    path = write_case(tmp_path / "case.xlsx", case_frames("linked"))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "results").mkdir()
    (tmp_path / "results" / "linked").symlink_to(elsewhere, target_is_directory=True)
    run = run_cli("run", path)
    assert run.code == 1 and "outside the results folder" in run.err
    assert list(elsewhere.iterdir()) == []


# --------------------------------------------------------------------------------------
# 4. messages that help
# --------------------------------------------------------------------------------------


def test_a_header_in_capitals_is_read_with_a_warning(tmp_path, run_cli):
    path = with_cells(write_case(tmp_path / "case.xlsx"), "technologies", {"F1": "Lifetime"})
    run = run_cli("validate", path)
    assert run.code == 0, run.err
    assert "warning: case.xlsx, sheet 'technologies', cell F1, column 'Lifetime': column " \
        "header read as 'lifetime'" in run.err


def test_a_misspelt_required_header_is_one_error_with_a_suggestion(tmp_path, run_cli):
    path = with_cells(write_case(tmp_path / "case.xlsx"), "technologies", {"F1": "lifetme"})
    line = one_error(run_cli("validate", path))
    assert "sheet 'technologies', row 1: required column 'lifetime' is missing, did you " \
        "mean column 'lifetme'?" in line


def test_a_sheet_name_with_capitals_and_a_trailing_space_is_read_with_a_warning(tmp_path,
                                                                                run_cli):
    path = write_case(tmp_path / "case.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["technologies"].title = "Technologies "
    wb.save(path)
    run = run_cli("validate", path)
    assert run.code == 0, run.err
    assert "warning: case.xlsx, sheet 'Technologies ': sheet name read as 'technologies'" \
        in run.err


def test_a_misspelt_sheet_name_is_one_error_with_a_suggestion(tmp_path, run_cli):
    path = write_case(tmp_path / "case.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["technologies"].title = "technolgies"
    wb.save(path)
    run = run_cli("validate", path)
    assert "1 error(s)" in run.err and run.code == 2
    assert "sheet 'technolgies': unknown sheet (ignored), did you mean 'technologies'?" \
        in run.err
    assert "sheet 'technologies': required sheet is missing" in run.err


def test_a_misspelt_name_gets_a_suggestion_and_long_lists_a_count(tmp_path, run_cli):
    frames = case_frames()
    frames["technologies"] = pd.DataFrame([tech("boiler")] + [
        tech(f"spare_{i:02d}") for i in range(30)])
    frames["flows"].loc[1, "technology"] = "boilr"
    path = write_case(tmp_path / "case.xlsx", frames)
    run = run_cli("validate", path)
    assert run.code == 2
    line = next(ln for ln in run.err.splitlines() if "boilr" in ln)
    assert "sheet 'flows', cell A3, column 'technology': unknown technology referenced in " \
        "'technology', did you mean 'boiler'? (found 'boilr')" in line
    assert "spare_08, ... and 21 more (31 technologies)" in line


def test_many_problems_alike_are_summarised_with_a_count(tmp_path, run_cli):
    frames = case_frames()
    frames["flows"] = pd.concat([frames["flows"], pd.DataFrame([
        {"technology": "boiler", "commodity": f"fuel_{i}", "direction": "in", "ratio": 1.0}
        for i in range(12)])], ignore_index=True)
    path = write_case(tmp_path / "case.xlsx", frames)
    run = run_cli("validate", path)
    assert run.code == 2
    assert "12 error(s)" in run.err
    assert "... and 9 more like this (B8, B9, B10, B11, B12, B13, B14, B15, ... (9 in all))" \
        in run.err
    assert len(run.err.splitlines()) < 10


# --------------------------------------------------------------------------------------
# 7. the minimal case
# --------------------------------------------------------------------------------------


def _template_with_required_settings(path: Path) -> Path:
    write_template(path)
    wb = openpyxl.load_workbook(path)
    values = {"cluster": "Minimal", "base_year": 2025, "end_year": 2050,
              "discount_rate": 0.05}
    for name, value in wb["settings"].iter_rows(min_row=2, max_col=2):
        if name.value in values:
            value.value = values[name.value]
    wb.save(path)
    return path


def test_the_template_with_only_its_required_settings_says_what_else_is_needed(tmp_path,
                                                                             run_cli):
    path = _template_with_required_settings(tmp_path / "minimal.xlsx")
    for command in ("validate", "run"):
        line = one_error(run_cli(command, path))
        assert "minimal.xlsx, sheet 'technologies': the case has no technologies: there " \
            "is nothing to plan; expected at least one technology" in line
        for sheet in ("'flows'", "'demand'", "'prices'"):
            assert sheet in line
    assert not (tmp_path / "results").exists()


def test_the_template_with_what_it_says_is_needed_solves(tmp_path, run_cli):
    path = _template_with_required_settings(tmp_path / "minimal.xlsx")
    wb = openpyxl.load_workbook(path)

    def append(sheet: str, row: dict) -> None:
        ws = wb[sheet]
        letters = {str(c.value): c.column_letter for c in ws[1] if c.value is not None}
        r = ws.max_row + 1
        for header, value in row.items():
            ws[f"{letters[str(header)]}{r}"] = value

    append("commodities", {"commodity": "gas", "kind": "supply", "unit": "GWh"})
    append("commodities", {"commodity": "heat", "kind": "demand", "unit": "GWh"})
    append("technologies", {"technology": "boiler", "category": "incumbent",
                            "capacity_unit": "MW", "activity_unit": "GWh", "cap_to_act": 8.76,
                            "lifetime": 25})
    for commodity, direction, ratio in (("gas", "in", 1.1), ("heat", "out", 1.0)):
        append("flows", {"technology": "boiler", "commodity": commodity,
                         "direction": direction, "ratio": ratio})
    append("prices", {"commodity": "gas", "parameter": "price", "2025": 0.03})
    append("demand", {"commodity": "heat", "2025": 100})
    wb.save(path)
    run = run_cli("run", path)
    assert run.code == 0, run.out + run.err
    assert "Minimal: optimal" in run.out
