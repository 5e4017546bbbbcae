"""Reading and writing workbooks (model/workbook.py, model/template.py) and the CLI on bad input.

No optimisation here: templates, formulas, comment rows, refusing to overwrite, and
``python run.py validate|template`` exiting with code 2 and readable problems, never a
traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from model.errors import Problem
from model.schema import SHEETS, is_year_header
from model.template import TEMPLATE_YEARS, template_frames, write_template
from model.validate import validate
from model.workbook import has_formulas, read_workbook, write_tables
from tests.builders import boiler_tables

PROJECT = Path(__file__).resolve().parent.parent
REQUIRED_SETTINGS = ("cluster", "base_year", "end_year", "discount_rate")


def case_frames() -> dict[str, pd.DataFrame]:
    """A small valid case (gas boiler meeting a heat demand) as DataFrames."""
    return boiler_tables("file case", capex=0.5)


def write_case(path: Path, frames: dict[str, pd.DataFrame] | None = None) -> Path:
    return write_tables(case_frames() if frames is None else frames, path)


def header_letters(ws) -> dict[str, str]:
    return {str(c.value): c.column_letter for c in ws[1] if c.value is not None}


def describe(problems: list[Problem]) -> str:
    return "\n".join(f"[{p.severity}] {p}" for p in problems) or "(no problems)"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, COLUMNS="250", NO_COLOR="1")
    return subprocess.run([sys.executable, "run.py", *args], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_written_case_reads_back_valid(tmp_path):
    path = write_case(tmp_path / "case.xlsx")
    raw = read_workbook(path)
    assert raw.problems == []
    assert raw.name == "case.xlsx"
    case_tables, problems = validate(raw)
    assert case_tables is not None, describe(problems)
    assert problems == []
    assert case_tables.trajectories["demand"][("heat",)] == {2025: 100.0, 2030: 90.0}
    assert list(case_tables.table("flows")["_row"]) == [2, 3, 4]


# --------------------------------------------------------------------------------------
# (a) template round trip
# --------------------------------------------------------------------------------------


def test_blank_template_fails_on_required_settings_and_says_what_else_is_needed(tmp_path):
    path = write_template(tmp_path / "template.xlsx")
    raw = read_workbook(path)
    assert raw.problems == []
    case_tables, problems = validate(raw)
    assert case_tables is None
    assert all(p.severity == "error" for p in problems), describe(problems)
    nothing = "the case has no technologies: there is nothing to plan"
    assert sorted(p.message for p in problems) == sorted(
        [nothing, *(f"required value '{name}' is empty" for name in REQUIRED_SETTINGS)]), \
        describe(problems)
    (empty,) = [p for p in problems if p.message == nothing]
    assert empty.sheet == "technologies"
    for needed in ("'technologies'", "'flows'", "'demand'", "'prices'"):
        assert needed in empty.expected
    settings = [p for p in problems if p is not empty]
    names = {p.row: n for p in settings for n in REQUIRED_SETTINGS if f"'{n}'" in p.message}
    ws = openpyxl.load_workbook(path)["settings"]
    for p in settings:
        assert p.sheet == "settings"
        assert p.column == "value"
        assert p.cell == f"B{p.row}"
        assert ws.cell(row=p.row, column=1).value == names[p.row]  # the setting's own row


def _append(ws, row: dict) -> None:
    letters = header_letters(ws)
    r = ws.max_row + 1
    for header, value in row.items():
        ws[f"{letters[str(header)]}{r}"] = value


def test_filled_template_validates(tmp_path):
    template = write_template(tmp_path / "template.xlsx")
    before = template.read_bytes()
    wb = openpyxl.load_workbook(template)
    settings = wb["settings"]
    values = {"cluster": "Filled cluster", "base_year": 2025, "end_year": 2050,
              "year_step": 5, "discount_rate": 0.04}
    for (name_cell, value_cell) in settings.iter_rows(min_row=2, max_col=2):
        if name_cell.value in values:
            value_cell.value = values[name_cell.value]
    _append(wb["commodities"], {"commodity": "gas", "kind": "supply", "unit": "GWh"})
    _append(wb["commodities"], {"commodity": "heat", "kind": "demand", "unit": "GWh"})
    _append(wb["technologies"], {"technology": "boiler", "category": "incumbent",
                                 "capacity_unit": "MW", "activity_unit": "GWh",
                                 "cap_to_act": 8.76, "lifetime": 25})
    for commodity, direction, ratio in (("gas", "in", 1.1), ("heat", "out", 1.0),
                                        ("co2", "out", 0.0002)):
        _append(wb["flows"], {"technology": "boiler", "commodity": commodity,
                              "direction": direction, "ratio": ratio})
    _append(wb["costs"], {"technology": "boiler", "parameter": "capex", "2025": 0.5})
    _append(wb["prices"], {"commodity": "gas", "parameter": "price", "2025": 0.03,
                           "2050": 0.04})
    _append(wb["demand"], {"commodity": "heat", "2025": 100, "2050": 80})
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    assert template.read_bytes() == before  # the template itself is untouched

    case_tables, problems = validate(read_workbook(filled))
    assert [p for p in problems if p.severity == "error"] == [], describe(problems)
    assert case_tables is not None
    assert case_tables.settings["cluster"] == "Filled cluster"
    assert case_tables.settings["year_step"] == 5
    assert list(case_tables.table("technologies")["technology"]) == ["boiler"]
    assert list(case_tables.table("commodities")["commodity"]) == ["co2", "gas", "heat"]
    assert case_tables.trajectories["demand"][("heat",)] == {2025: 100.0, 2050: 80.0}
    # the template's example targets are modelled years of the filled horizon
    assert list(case_tables.table("targets")["year"]) == [2030, 2050]


# --------------------------------------------------------------------------------------
# (b) header comments and drop-downs
# --------------------------------------------------------------------------------------


def test_template_header_comments_give_the_unit(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "template.xlsx"))
    for sheet in SHEETS:
        ws = wb[sheet.name]
        letters = header_letters(ws)
        assert ws.freeze_panes == "A2", sheet.name
        for col in sheet.columns:
            assert col.name in letters, f"{sheet.name}.{col.name} not in the template"
            comment = ws[f"{letters[col.name]}1"].comment
            assert comment is not None, f"no comment on {sheet.name}.{col.name}"
            assert f"Unit: {col.unit}" in comment.text
            assert col.description in comment.text
            if col.required:
                assert "Required." in comment.text
        if sheet.year_columns:
            for year in TEMPLATE_YEARS:
                comment = ws[f"{letters[str(year)]}1"].comment
                assert comment is not None
                assert comment.text.startswith("Year column. Unit:")
                if sheet.year_unit:
                    assert sheet.year_unit in comment.text


def test_template_has_drop_downs_for_enumerated_columns(tmp_path):
    wb = openpyxl.load_workbook(write_template(tmp_path / "template.xlsx"))
    commodities = wb["commodities"]
    kinds = [dv for dv in commodities.data_validations.dataValidation
             if "B2" in dv.sqref]
    assert len(kinds) == 1
    assert kinds[0].type == "list"
    assert kinds[0].formula1 == '"supply,demand,internal,emission,export"'
    assert not kinds[0].allow_blank  # kind is required
    checked = 0
    for sheet in SHEETS:
        ws = wb[sheet.name]
        letters = header_letters(ws)
        for col in sheet.columns:
            cell = f"{letters[col.name]}2"
            dvs = [dv for dv in ws.data_validations.dataValidation if cell in dv.sqref]
            if col.allowed is None:
                assert dvs == [], f"{sheet.name}.{col.name} has an unexpected drop-down"
                continue
            if len(",".join(col.allowed)) >= 250:
                continue  # too long for an in-cell list (Excel allows 255 characters)
            assert len(dvs) == 1, f"no drop-down on {sheet.name}.{col.name}"
            assert dvs[0].formula1.strip('"').split(",") == list(col.allowed)
            assert f"{letters[col.name]}500" in dvs[0].sqref
            checked += 1
    assert checked >= 8


def test_template_frames_cover_every_schema_column():
    frames = template_frames()
    assert "notes" in frames
    for sheet in SHEETS:
        columns = list(frames[sheet.name].columns)
        assert columns[:len(sheet.columns)] == [c.name for c in sheet.columns]
        assert [c for c in columns if is_year_header(c)] == (
            [str(y) for y in TEMPLATE_YEARS] if sheet.year_columns else [])


# --------------------------------------------------------------------------------------
# (c) never overwrite
# --------------------------------------------------------------------------------------


def test_write_tables_refuses_to_overwrite(tmp_path):
    path = tmp_path / "existing.xlsx"
    path.write_bytes(b"precious planner data")
    with pytest.raises(FileExistsError, match="refusing to overwrite"):
        write_tables(case_frames(), path)
    with pytest.raises(FileExistsError):
        write_template(path)
    assert path.read_bytes() == b"precious planner data"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.xlsx"]  # no temp files


def test_write_tables_overwrites_when_asked(tmp_path):
    path = tmp_path / "existing.xlsx"
    path.write_bytes(b"old")
    write_tables(case_frames(), path, overwrite=True)
    assert validate(read_workbook(path))[0] is not None


def test_cli_template_refuses_existing_file(tmp_path):
    path = tmp_path / "existing.xlsx"
    path.write_bytes(b"precious planner data")
    os.utime(path, (1_000_000_000, 1_000_000_000))
    mtime = path.stat().st_mtime_ns
    result = run_cli("template", str(path))
    assert result.returncode == 2, result.stderr
    assert "exists" in result.stderr and "not overwriting" in result.stderr
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == b"precious planner data"
    assert path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.xlsx"]


def test_cli_template_writes_new_file(tmp_path):
    path = tmp_path / "new.xlsx"
    result = run_cli("template", str(path))
    assert result.returncode == 0, result.stderr
    assert "wrote the blank case template" in result.stdout
    assert "settings" in openpyxl.load_workbook(path).sheetnames


# --------------------------------------------------------------------------------------
# (d) formulas
# --------------------------------------------------------------------------------------


def _with_formula(tmp_path: Path, name: str = "formula.xlsx") -> Path:
    path = write_case(tmp_path / "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    assert header_letters(wb["demand"])["2030"] == "C"
    wb["demand"]["C2"] = "=2*3"
    out = tmp_path / name
    wb.save(out)
    return out


def _set_cached_value(path: Path, formula: str, cached: str) -> None:
    """Give a formula a cached value, as Excel does when it saves (<f>..</f><v>..</v>)."""
    with zipfile.ZipFile(path) as z:
        entries = [(info, z.read(info.filename)) for info in z.infolist()]
    pattern = re.compile(rb"<f>" + re.escape(formula.encode()) + rb"</f>\s*(<v\s*/>|<v></v>)")
    patched = 0
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in entries:
            if info.filename.startswith("xl/worksheets/"):
                data, n = pattern.subn(
                    b"<f>" + formula.encode() + b"</f><v>" + cached.encode() + b"</v>", data)
                patched += n
            z.writestr(info, data)
    assert patched == 1


def test_the_formula_pass_runs_only_for_workbooks_with_formulas(tmp_path):
    # The template's drop-downs hold <formula1> elements, which are not cell formulas.
    template = tmp_path / "template.xlsx"
    assert run_cli("template", str(template)).returncode == 0
    assert not has_formulas(template)
    formula = _with_formula(tmp_path)  # written from plain.xlsx
    assert not has_formulas(tmp_path / "plain.xlsx")
    assert has_formulas(formula)


def test_formula_without_cached_value_is_reported(tmp_path):
    path = _with_formula(tmp_path)
    raw = read_workbook(path)
    (problem,) = raw.problems
    assert problem.sheet == "demand"
    assert problem.cell == "C2"
    assert problem.row == 2
    assert problem.column == "2030"
    assert problem.value == "=2*3"
    assert "formula has no computed value" in problem.message
    assert "cell C2" in str(problem) and "'=2*3'" in str(problem)
    case_tables, problems = validate(raw)
    assert case_tables is None
    assert problem in problems


def test_formula_with_cached_value_is_read_as_its_value(tmp_path):
    path = _with_formula(tmp_path)
    _set_cached_value(path, "2*3", "6")
    raw = read_workbook(path)
    assert raw.problems == []
    assert raw.sheets["demand"].rows.loc[2, "2030"] == 6
    case_tables, problems = validate(raw)
    assert case_tables is not None, describe(problems)
    assert case_tables.trajectories["demand"][("heat",)] == {2025: 100.0, 2030: 6.0}


def test_plain_numeric_cell_is_read(tmp_path):
    raw = read_workbook(write_case(tmp_path / "case.xlsx"))
    demand = raw.sheets["demand"]
    assert demand.headers == ["commodity", "2025", "2030"]
    assert demand.letters == {"commodity": "A", "2025": "B", "2030": "C"}
    assert demand.rows.loc[2, "2025"] == 100
    assert demand.cell(2, "2030") == "C2"


def test_row_of_uncomputed_formulas_is_reported_not_skipped(tmp_path):
    path = write_case(tmp_path / "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["demand"]
    ws["A3"], ws["B3"], ws["C3"] = '="steam"', "=1+1", "=2+2"
    wb.save(tmp_path / "formulas.xlsx")
    raw = read_workbook(tmp_path / "formulas.xlsx")
    assert {p.cell for p in raw.problems} == {"A3", "B3", "C3"}


# --------------------------------------------------------------------------------------
# (e) comment rows, empty rows, real row numbers
# --------------------------------------------------------------------------------------


def test_comment_and_empty_rows_are_skipped_with_real_row_numbers(tmp_path):
    path = write_case(tmp_path / "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["technologies"]
    letters = header_letters(ws)
    ws.insert_rows(2, amount=3)
    ws["A2"] = "# existing plants (lifetime -5 is a typo, ignore)"
    ws[f"{letters['lifetime']}2"] = -5                     # a comment row is not checked
    ws["A3"] = "   #indented comment"
    # row 4 stays empty
    # row 6 stays empty too; row 7 is a second technology with a typo in its lifetime
    for header, value in (("technology", "furnace"), ("category", "incumbent"),
                          ("capacity_unit", "MW"), ("activity_unit", "GWh"),
                          ("cap_to_act", 8.76), ("lifetime", "thirty")):
        ws[f"{letters[header]}7"] = value
    ws["A9"] = "   "                                         # whitespace only: empty
    flows = wb["flows"]
    flows.insert_rows(3)                                     # blank row 3 inside the data
    flows.append(["furnace", "gas", "in", 1.0])              # row 6
    path = tmp_path / "commented.xlsx"
    wb.save(path)

    raw = read_workbook(path)
    assert raw.problems == []
    assert list(raw.sheets["technologies"].rows.index) == [5, 7]
    assert list(raw.sheets["technologies"].rows["technology"]) == ["boiler", "furnace"]
    assert list(raw.sheets["flows"].rows.index) == [2, 4, 5, 6]
    case_tables, problems = validate(raw)
    assert case_tables is None
    errors = [p for p in problems if p.severity == "error"]
    assert len(errors) == 1, describe(problems)
    (problem,) = errors
    assert problem.sheet == "technologies"
    assert problem.message == "'lifetime' has the wrong type"
    assert problem.row == 7
    assert problem.cell == f"{letters['lifetime']}7"


def test_problem_rows_after_skipped_rows_in_later_checks(tmp_path):
    path = write_case(tmp_path / "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    flows = wb["flows"]
    flows.insert_rows(2, amount=2)
    flows["A2"] = "# inputs"                                 # row 3 stays empty
    flows["A6"] = "boilr"                                    # was row 4 (co2 out)
    path = tmp_path / "shifted.xlsx"
    wb.save(path)
    _, problems = validate(read_workbook(path))
    hits = [p for p in problems if p.sheet == "flows" and "unknown technology" in p.message]
    assert [(p.row, p.cell, p.value) for p in hits] == [(6, "A6", "boilr")], describe(problems)


def test_duplicate_column_header_is_reported(tmp_path):
    frames = case_frames()
    flows = frames["flows"].copy()
    flows.insert(len(flows.columns), "ratio ", [2.0, 2.0, 2.0], allow_duplicates=True)
    frames["flows"] = flows
    raw = read_workbook(write_case(tmp_path / "dup.xlsx", frames))
    (problem,) = raw.problems
    assert problem.sheet == "flows"
    assert problem.message == "duplicate column header"
    assert problem.cell == "E1"
    assert problem.value == "ratio"
    # the first 'ratio' column is the one read
    assert list(raw.sheets["flows"].rows["ratio"]) == [1.1, 1, 0.0002]


# --------------------------------------------------------------------------------------
# (f) the CLI on bad input: exit code 2, every problem, no traceback
# --------------------------------------------------------------------------------------


def test_cli_validate_reports_every_problem(tmp_path):
    path = write_case(tmp_path / "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    tech_letters = header_letters(wb["technologies"])
    wb["technologies"][f"{tech_letters['lifetime']}2"] = "thirty"
    wb["flows"]["A4"] = "boilr"
    wb["demand"]["C2"] = "lots"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    result = run_cli("validate", str(bad))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "3 error(s)" in result.stderr
    lines = result.stderr.splitlines()
    for expected in (
        f"bad.xlsx, sheet 'technologies', cell {tech_letters['lifetime']}2, column 'lifetime': "
        "'lifetime' has the wrong type (found 'thirty')",
        "bad.xlsx, sheet 'flows', cell A4, column 'technology': unknown technology referenced",
        "bad.xlsx, sheet 'demand', cell C2, column '2030': year value is not a number "
        "(found 'lots')",
    ):
        assert any(expected in line for line in lines), result.stderr
    assert "valid" not in result.stdout


def test_cli_validate_valid_file(tmp_path):
    path = write_case(tmp_path / "good.xlsx")
    result = run_cli("validate", str(path))
    assert result.returncode == 0, result.stderr
    assert "good.xlsx: valid (0 warning(s))" in result.stdout
    assert "error" not in result.stderr


@pytest.mark.parametrize(("make", "message"), [
    pytest.param(lambda p: None, "file not found", id="missing file"),
    pytest.param(lambda p: p.write_text("cluster,base_year\nx,2025\n"),
                 "cannot open as an Excel workbook", id="text file named .xlsx"),
])
def test_cli_validate_unreadable_file(tmp_path, make, message):
    path = tmp_path / "case.xlsx"
    make(path)
    result = run_cli("validate", str(path))
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "1 error(s)" in result.stderr
    assert f"case.xlsx: {message}" in result.stderr


def test_read_workbook_problems_for_unreadable_files(tmp_path):
    missing = read_workbook(tmp_path / "nope.xlsx")
    assert [(p.workbook, p.sheet, p.message) for p in missing.problems] == [
        ("nope.xlsx", None, "file not found")]
    text = tmp_path / "notes.xlsx"
    text.write_text("not a spreadsheet")
    (problem,) = read_workbook(text).problems
    assert problem.message.startswith("cannot open as an Excel workbook: it is a text file")
    assert problem.expected.startswith("an .xlsx workbook")
    assert validate(read_workbook(text))[0] is None


@pytest.mark.parametrize("value", ["heat [low]", "[/]"])
def test_cli_prints_workbook_text_verbatim(tmp_path, value):
    path = write_case(tmp_path / "plain.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["flows"]["B3"] = value
    bad = tmp_path / "brackets.xlsx"
    wb.save(bad)
    result = run_cli("validate", str(bad))
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert f"(found {value!r})" in result.stderr


def test_cli_unknown_profile_prefix_is_a_problem_not_a_traceback(tmp_path):
    frames = case_frames()
    frames["profiles"] = pd.DataFrame({"slice": ["all"], "avail:boiler": [0.5]})
    bad = write_case(tmp_path / "profiles.xlsx", frames)
    result = run_cli("validate", str(bad))
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert "unknown profile column prefix" in result.stderr


def test_cli_bad_workbook_of_template_lists_required_settings(tmp_path):
    path = write_template(tmp_path / "blank.xlsx")
    result = run_cli("validate", str(path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    for name in REQUIRED_SETTINGS:
        assert f"required value '{name}' is empty" in result.stderr
    assert re.search(r"blank\.xlsx, sheet 'settings', cell B\d+, column 'value'", result.stderr)



def test_validated_tables_round_trip_to_a_workbook(tmp_path):
    # Reading, validating and writing back gives a workbook that derives the same case.
    from model.case import derive, load_case

    source = Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx"
    case = load_case(source)
    copy = write_tables(case.tables.to_frames(), tmp_path / "copy.xlsx")
    again = load_case(copy)
    assert again.technologies == case.technologies
    assert again.ratio_in == case.ratio_in and again.ratio_out == case.ratio_out
    assert again.cost == case.cost and again.price == case.price
    assert again.avail == case.avail and again.demand == case.demand
    assert [t.label for t in again.targets] == [t.label for t in case.targets]
    assert derive(again.tables).residual == case.residual


def test_inputs_doc_is_generated_from_the_schema():
    # docs/inputs.md must be regenerated (python -m model.docs) whenever the schema changes.
    from model.docs import render

    doc = Path(__file__).resolve().parent.parent / "docs" / "inputs.md"
    assert doc.read_text(encoding="utf-8") == render()


def test_a_file_replaced_atomically_is_whole_readable_or_untouched(tmp_path):
    import os
    import stat

    from model.atomic import replacing

    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), replacing(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old"
    with replacing(target) as tmp:
        tmp.write_text("new", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no .tmp-* left behind
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask  # not mkstemp's 0600
