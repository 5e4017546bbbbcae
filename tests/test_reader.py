"""The workbook reader's contract (model/workbook.py): calamine reads the values, openpyxl
when a cell holds an error value, for other suffixes, or when calamine fails.

Both readers must give the same headers, column letters, rows (Excel row numbers) and
problems, once whole floats are ints (openpyxl reads ``2030.0`` as a float). Reading a
workbook with formulas adds openpyxl's formula pass. Reading and validating written cases is
tested in test_workbook.py.
"""

from __future__ import annotations

import dataclasses
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import python_calamine

from model import workbook
from model.validate import validate
from model.workbook import RawWorkbook, read_workbook, write_tables
from tests.builders import tech

INPUTS = Path(__file__).resolve().parent.parent / "inputs"
BUNDLED = sorted(INPUTS.glob("*.xlsx"))

_CALAMINE_VALUES = workbook._calamine_values
_LOAD_WORKBOOK = openpyxl.load_workbook


class _BrokenCalamine:
    """Stands in for python_calamine.CalamineWorkbook: fails on every file."""

    @staticmethod
    def from_path(path: Path) -> None:
        raise python_calamine.CalamineError(f"cannot read {path}")


def read(path: Path, *, calamine_fails: bool = False) -> tuple[RawWorkbook, list[str]]:
    """read_workbook(path), and the readers it used, in order: "calamine" (values; "calamine
    failed" if it gave none), "openpyxl" (values) and "formulas" (openpyxl's formula pass)."""
    used: list[str] = []

    def calamine_values(p: Path) -> dict | None:
        values = _CALAMINE_VALUES(p)
        used.append("calamine" if values is not None else "calamine failed")
        return values

    def load_workbook(p: Path, *, data_only: bool, read_only: bool):
        used.append("openpyxl" if data_only else "formulas")
        return _LOAD_WORKBOOK(p, data_only=data_only, read_only=read_only)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(workbook, "_calamine_values", calamine_values)
        mp.setattr(workbook.openpyxl, "load_workbook", load_workbook)
        if calamine_fails:
            mp.setattr(workbook.python_calamine, "CalamineWorkbook", _BrokenCalamine)
        return read_workbook(path), used


def _typed(value: object) -> tuple[str, object]:
    """A value with its type (1, 1.0 and True differ), whole floats made int."""
    if type(value) is float and value.is_integer() and abs(value) < 2**53:
        value = int(value)
    return type(value).__name__, value


def contents(raw: RawWorkbook) -> tuple[dict, list]:
    """Sheets (headers, letters, typed records) and problems (typed values) of a read."""
    sheets = {title: (sheet.headers, sheet.letters,
                      {row: {h: _typed(v) for h, v in rec.items()}
                       for row, rec in sheet.records.items()})
              for title, sheet in raw.sheets.items()}
    return sheets, [dataclasses.replace(p, value=_typed(p.value)) for p in raw.problems]


def read_both_ways(path: Path) -> tuple[RawWorkbook, list[str]]:
    """Read by calamine and by openpyxl (calamine made to fail): the same contents."""
    raw, used = read(path)
    fallback, fallback_used = read(path, calamine_fails=True)
    assert contents(raw) == contents(fallback)
    assert fallback_used[:2] == ["calamine failed", "openpyxl"]
    return raw, used


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


# --------------------------------------------------------------------------------------
# the bundled cases
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_bundled_workbooks_read_alike_by_calamine_alone(path):
    raw, used = read_both_ways(path)
    assert used == ["calamine"]  # openpyxl.load_workbook never called
    assert raw.problems == []
    assert sum(len(s.records) for s in raw.sheets.values()) > 50


# --------------------------------------------------------------------------------------
# hand-made workbooks
# --------------------------------------------------------------------------------------


def test_blank_rows_columns_and_gaps_keep_excel_rows_and_letters(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "layout"
    # headers from column C (columns A and B blank), a gap in F, a duplicate in H
    for col, header in {"C": "name", "D": 2030, "E": 2035.0, "G": " spaced ", "H": "name",
                        "I": "last"}.items():
        ws[f"{col}1"] = header
    ws["C5"], ws["D5"], ws["E5"], ws["I5"] = "boiler", 1, 2.5, "x"  # rows 2-4 blank
    ws["F5"] = "under no header"
    ws["C6"], ws["D6"] = "# a comment", 99
    ws["C9"], ws["G9"], ws["J9"] = "  furnace ", "tail", "under no header"
    ws["F11"] = "only outside the headers"  # an empty row
    ws["I14"] = 7
    wb.create_sheet("empty")
    wb.create_sheet("no header row")["C3"] = "not a header: row 1 is blank"
    raw, used = read_both_ways(save(wb, tmp_path / "layout.xlsx"))
    assert used == ["calamine"]
    layout = raw.sheets["layout"]
    assert layout.headers == ["name", "2030", "2035", "spaced", "last"]
    assert layout.letters == {"name": "C", "2030": "D", "2035": "E", "spaced": "G", "last": "I"}
    assert list(layout.records) == [5, 9, 14]
    assert layout.records[9] == {"name": "furnace", "2030": None, "2035": None,
                                 "spaced": "tail", "last": None}
    assert [(p.message, p.cell) for p in raw.problems] == [("duplicate column header", "H1")]
    for title in ("empty", "no header row"):
        assert raw.sheets[title].headers == [] and raw.sheets[title].empty


def test_values_keep_their_types(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    values = {"int": 7, "negative": -3, "zero": 0, "whole float": 2030.0, "fraction": 0.25,
              "small": 1e-05, "huge": 1e20, "true": True, "false": False,
              "padded": "  padded text  ", "inner": "a  b", "number text": "2030"}
    ws.append(list(values))
    ws.append(list(values.values()))
    raw, used = read_both_ways(save(wb, tmp_path / "values.xlsx"))
    assert used == ["calamine"]
    record = raw.sheets["Sheet"].records[2]
    assert {h: _typed(v) for h, v in record.items()} == {
        "int": ("int", 7), "negative": ("int", -3), "zero": ("int", 0),
        "whole float": ("int", 2030), "fraction": ("float", 0.25), "small": ("float", 1e-05),
        "huge": ("float", 1e20), "true": ("bool", True), "false": ("bool", False),
        "padded": ("str", "padded text"), "inner": ("str", "a  b"),
        "number text": ("str", "2030")}
    assert type(record["whole float"]) is int and type(record["huge"]) is float


@pytest.mark.parametrize("error", ["#N/A", "#DIV/0!"])
def test_error_cells_are_read_by_openpyxl_and_reported(tmp_path, error):
    path = write_tables({"technologies": pd.DataFrame([tech("boiler"), tech("furnace")])},
                        tmp_path / "errors.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["technologies"]["F3"] = error  # lifetime of the furnace; openpyxl writes t="e"
    raw, used = read(save(wb, path))
    assert used == ["openpyxl"]  # calamine would read the error as a blank cell
    sheet = raw.sheets["technologies"]
    assert sheet.letters["lifetime"] == "F"
    assert sheet.records[3]["lifetime"] == error
    _, problems = validate(raw)
    (problem,) = [p for p in problems if p.sheet == "technologies" and p.severity == "error"]
    assert (problem.cell, problem.value, problem.severity) == ("F3", error, "error")
    assert "wrong type" in problem.message


def test_formulas_with_and_without_cached_values(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["name", "a", "b"])
    ws.append(["x", "=1+1", 3])
    ws.append(['=UPPER("y")', "=2*3", None])  # only uncomputed formulas: reported
    path = save(wb, tmp_path / "formulas.xlsx")
    with zipfile.ZipFile(path) as archive:  # give =1+1 its computed value, as Excel would
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w") as archive:
        for info, data in parts.items():
            archive.writestr(info, data.replace(b"<f>1+1</f><v />", b"<f>1+1</f><v>2</v>"))
    raw, used = read_both_ways(path)
    assert used == ["calamine", "formulas"]
    assert raw.sheets["Sheet"].records[2] == {"name": "x", "a": 2, "b": 3}
    assert [(p.cell, p.value) for p in raw.problems] == [("A3", '=UPPER("y")'),
                                                         ("B3", "=2*3")]
    assert all("formula has no computed value" in p.message for p in raw.problems)


def test_chart_sheets_are_skipped(tmp_path):
    from openpyxl.chart import BarChart, Reference

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["a", "b"])
    ws.append([1, 2])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2))
    wb.create_chartsheet("chart").add_chart(chart)
    raw, used = read_both_ways(save(wb, tmp_path / "chart.xlsx"))
    assert used == ["calamine"]
    assert list(raw.sheets) == ["Sheet"]


# --------------------------------------------------------------------------------------
# files that are not workbooks
# --------------------------------------------------------------------------------------


def test_files_that_are_not_workbooks_are_never_handed_to_a_reader(tmp_path):
    text = tmp_path / "text.xlsx"
    text.write_text("cluster,base_year\nx,2025\n")
    real = write_tables({"s": pd.DataFrame({"a": [1]})}, tmp_path / "real.xlsx")
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(real.read_bytes()[:300])
    for path, reason in ((text, "it is a text file"), (corrupt, "the file is damaged")):
        raw, used = read(path)
        assert used == []  # refused by the look before reading (model/preflight.py)
        (problem,) = raw.problems
        assert problem.sheet is None and raw.sheets == {} and raw.refused
        assert problem.message.startswith(f"cannot open as an Excel workbook: {reason}")


def test_a_workbook_with_another_suffix_is_refused_with_the_name_to_give_it(tmp_path):
    real = write_tables({"s": pd.DataFrame({"a": [1]})}, tmp_path / "real.xlsx")
    old = tmp_path / "old.xls"
    old.write_bytes(real.read_bytes())  # calamine would read it; openpyxl refuses .xls
    raw, used = read(old)
    assert used == []
    (problem,) = raw.problems
    assert problem.message == ("cannot open as an Excel workbook: it holds an .xlsx "
                               "workbook but is named .xls")
    assert problem.expected == "the same file renamed to old.xlsx"
    assert raw.sheets == {}


# --------------------------------------------------------------------------------------
# the look before reading (model/preflight.py)
# --------------------------------------------------------------------------------------

from model.preflight import ReadLimits, column_letters, column_number, preflight  # noqa: E402


def test_limits_are_read_from_the_environment():
    limits = ReadLimits.from_environment({"CLUSTER_PATHWAYS_LIMITS":
                                          " sheet_cells=2e7, part_mb=512 ,"})
    assert limits.sheet_cells == 20_000_000 and isinstance(limits.sheet_cells, int)
    assert limits.part_mb == 512.0 and limits.ratio == ReadLimits().ratio
    assert ReadLimits.from_environment({}) == ReadLimits()
    for text, said in (("cells=1", "unknown limit 'cells'"), ("ratio=many", "is not a number"),
                       ("ratio=-1", "must be positive")):
        with pytest.raises(ValueError, match=said):
            ReadLimits.from_environment({"CLUSTER_PATHWAYS_LIMITS": text})


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AA", 27), ("AZ", 52),
                                                 ("XFD", 16384)])
def test_column_letters_and_numbers(letters, number):
    assert column_number(letters) == column_number(letters.encode()) == number
    assert column_letters(number) == letters


@pytest.mark.parametrize("path", BUNDLED, ids=[p.stem for p in BUNDLED])
def test_the_bundled_workbooks_pass_the_look_and_their_sheets_are_found(path):
    report = preflight(path)
    assert report.problems == []
    raw = read_workbook(path)
    by_title = {s.title: s for s in report.sheets.values()}
    assert set(by_title) == set(raw.sheets)
    for title, sheet in raw.sheets.items():
        last_row = max(sheet.records, default=1)
        assert by_title[title].rows >= last_row  # the grid covers every row read
        assert by_title[title].cells <= 100_000
    assert not report.formulas and not report.errors


def test_the_look_reads_a_sheet_in_chunks_without_missing_a_cell(tmp_path):
    """A sheet several MiB long (chunks of 1 MiB), its farthest cell at the very end."""
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("long")
    for i in range(60_000):
        ws.append([f"row {i}", i, i * 0.5])
    ws.append([None] * 29 + ["last"])  # column AD of row 60001
    path = tmp_path / "long.xlsx"
    wb.save(path)
    (scan,) = preflight(path).sheets.values()
    assert (scan.rows, scan.columns, scan.cells) == (60_001, 30, 1_800_030)
