"""The workbook writer (model/outputs/excel.py), read back with openpyxl: number formats by
unit, Excel tables, frozen panes, print set-up, units in headers, hostile text kept as text,
and native charts whose series point at the numbers they draw."""

import re
import shutil
import subprocess
import zipfile

import numpy as np
import openpyxl
import pandas as pd
import pytest

from model.outputs.books import write_book
from model.outputs.charts import ChartData, SeriesData
from model.outputs.excel import Workbook, sheet_names
from model.outputs.formats import number_text
from model.outputs.schema import RESULTS, Column, Table
from model.outputs.shown import show

HOSTILE = ['=HYPERLINK("http://example.com","click")', "+cmd|' /C calc'!A0", "@SUM(A1:A2)",
           "-1+2", "=1+1", "<b>&amp;</b>", "$x$ and $y$"]

TABLE = Table("widgets", "widget and year", "Test table.", (
    Column("widget", "", "Name.", "text"),
    Column("year", "", "Year.", "year"),
    Column("cost", "{money}", "Cost.", "money"),
    Column("price", "{money}/{unit}", "Price.", "price"),
    Column("amount", "{unit}/yr", "Amount.", "quantity"),
    Column("share", "%", "Share.", "percent", header="share [fraction]"),
    Column("emissions", "Mt CO2e/yr", "Emissions.", "mass"),
    Column("unit", "", "Unit of the row.", "text"),
))


def _frame(units=("MWh", "t")) -> pd.DataFrame:
    return pd.DataFrame({
        "widget": ["a", HOSTILE[0], "c"],
        "year": [2025, 2030, 2035],
        "cost [MEUR]": [1234567.891, -0.5, 7.199999999999999],
        "price [MEUR/unit]": [250.123, 0.0854, -3.0],
        "amount [unit/yr]": [1.5, 2.25, np.nan],
        "share [fraction]": [0.5, 0.125, 1.0],
        "emissions [Mt CO2e/yr]": [16.0096, -1.849215e-15, 7.2],
        "unit": [units[0], units[1], units[0]],
    })


def _write(tmp_path, frame, table=TABLE, name="widgets"):
    path = tmp_path / "w.xlsx"
    book = Workbook(path)
    book.table_sheet(show(name, frame, table))
    book.close()
    return openpyxl.load_workbook(path), path


def test_headers_carry_units_and_cells_their_number_format(tmp_path):
    wb, _ = _write(tmp_path, _frame())
    ws = wb["widgets"]
    headers = [c.value for c in ws[1]]
    assert headers == ["widget", "year", "cost [MEUR]", "price [MEUR/unit, see unit]",
                       "amount [unit/yr, see unit]", "share [%]", "emissions [Mt CO2e/yr]",
                       "unit"]
    assert not any("{" in h or "[unit]" in h for h in headers)
    row = {h: ws.cell(row=2, column=j + 1) for j, h in enumerate(headers)}
    assert row["year"].number_format == "0"
    assert row["cost [MEUR]"].number_format == "#,##0.0"
    assert row["share [%]"].number_format == "0.0%"
    assert row["emissions [Mt CO2e/yr]"].number_format == "#,##0.000"
    # quantities of mixed units: each cell shows its row's unit
    assert row["amount [unit/yr, see unit]"].number_format == '#,##0.00\\ "MWh/yr"'
    assert ws["E3"].number_format == '#,##0.00\\ "t/yr"'
    assert row["price [MEUR/unit, see unit]"].number_format == '#,##0.00\\ "MEUR/MWh"'
    assert ws["D3"].number_format == '#,##0.00##\\ "MEUR/t"'  # a price below 1 keeps 4 decimals
    # values as written; noise shown as 0, not -1.849215E-15
    assert ws["C2"].value == pytest.approx(1234567.891) and ws["G3"].value == 0
    assert ws["E4"].value is None  # NaN: an empty cell
    assert number_text(7.199999999999999, "money") == "7.2"
    assert number_text(1234567.891, "money") == "1,234,567.9"


def test_one_unit_on_every_row_is_written_in_the_header(tmp_path):
    wb, _ = _write(tmp_path, _frame(units=("GWh", "GWh")))
    headers = [c.value for c in wb["widgets"][1]]
    assert "amount [GWh/yr]" in headers and "price [MEUR/GWh]" in headers
    assert wb["widgets"]["E2"].number_format == "#,##0.00"  # the unit is in the header


def test_table_filters_frozen_header_widths_and_print_setup(tmp_path):
    wb, _ = _write(tmp_path, _frame())
    ws = wb["widgets"]
    (name, ref), = ws.tables.items()
    assert ref == "A1:H4" and ws.tables[name].autoFilter is not None
    assert ws.freeze_panes == "A2"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToHeight == 0  # one page wide, as many tall as needed
    assert ws.print_title_rows == "$1:$1"
    for j, cell in enumerate(ws[1], start=1):  # each column fits its header's longest word
        width = ws.column_dimensions[openpyxl.utils.get_column_letter(j)].width
        assert width >= max(len(w) for w in cell.value.split()) + 2
        assert cell.font.b and cell.alignment.wrap_text
    # the widest number fits: '1,234,567.9' is 11 characters
    assert ws.column_dimensions["C"].width >= 11


def test_hostile_strings_stay_text(tmp_path):
    frame = pd.DataFrame({"widget": HOSTILE, "year": range(2025, 2025 + len(HOSTILE))})
    wb, path = _write(tmp_path, frame)
    ws = wb["widgets"]
    assert [c.value for c in ws["A"][1:]] == HOSTILE
    assert all(c.data_type == "s" and c.hyperlink is None for c in ws["A"][1:])
    with zipfile.ZipFile(path) as z:
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no formula anywhere
    # the same strings as sheet names' neighbours: headers and chart series names
    chart = ChartData("c", "t", "stacked", "year", [2025, 2030],
                      [SeriesData(h, [1.0, 2.0], "column") for h in HOSTILE], "y")
    book = Workbook(tmp_path / "c.xlsx")
    book.chart_sheets([chart])
    book.close()
    data = openpyxl.load_workbook(tmp_path / "c.xlsx")["chart data"]
    assert [c.value for c in data[2]][1:] == HOSTILE
    assert all(c.data_type == "s" for c in data[2])
    with zipfile.ZipFile(tmp_path / "c.xlsx") as z:
        xml = z.read("xl/charts/chart1.xml").decode()
    # series names are references to their header cells, never formulas of their own
    assert re.findall(r"<c:tx><c:strRef><c:f>([^<]*)</c:f>", xml)[:2] == [
        "'chart data'!$B$2", "'chart data'!$C$2"]


def test_headers_are_made_unique_for_excel_tables(tmp_path):
    frame = pd.DataFrame([[1, 2, 3]], columns=["x", "X", "x (2)"])
    wb, _ = _write(tmp_path, frame, table=None, name="odd")
    assert [c.value for c in wb["odd"][1]] == ["x", "X (2)", "x (2) (2)"]


def test_sheet_names_follow_excel_rules():
    assert sheet_names(["a" * 40, "b"]) == ["a" * 31, "b"]
    for bad in (["a/b"], ["x[1]"], ["what?"], [""], ["'quoted'"]):
        with pytest.raises(ValueError, match="cannot name an Excel sheet"):
            sheet_names(bad)
    with pytest.raises(ValueError, match="used twice"):
        sheet_names(["Costs", "costs"])


def test_summary_values_get_the_format_of_their_unit(tmp_path):
    summary = pd.DataFrame({"item": ["cluster", "net present cost", "scope-1 emissions 2050",
                                     "marginal abatement cost x", "elastic mode"],
                            "value": pd.Series(["=cmd()", 81631.36587, -1.8e-15, 270.7246,
                                                False], dtype=object),
                            "unit": ["", "MEUR", "Mt CO2e/yr", "MEUR/Mt CO2e", ""],
                            "comment": [""] * 5})
    path = write_book(tmp_path / "s.xlsx", {"summary": summary}, RESULTS, [], money="MEUR")
    ws = openpyxl.load_workbook(path)["summary"]
    values = [c for c in ws["B"][1:]]
    assert values[0].value == "=cmd()" and values[0].data_type == "s"
    assert values[1].number_format == "#,##0.0"
    assert values[2].number_format == "#,##0.000" and values[2].value == 0
    assert values[3].number_format == "#,##0.00"
    assert values[4].value is False
    # one page: fitToHeight 1 (the default, so xlsxwriter leaves it out)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight in (None, 1)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_the_workbook_and_finds_the_values(tmp_path):
    """A spreadsheet program, not only Python readers, opens the file: LibreOffice converts it
    to PDF (every sheet, the charts) and back to xlsx with the same values."""
    _, path = _write(tmp_path, _frame())
    for target in ("pdf", "xlsx:Calc MS Excel 2007 XML"):
        subprocess.run(["soffice", "--headless", "--convert-to", target, "--outdir",
                        str(tmp_path / "lo"), str(path)], check=True, timeout=300,
                       capture_output=True)
    assert (tmp_path / "lo" / "w.pdf").stat().st_size > 1000
    theirs = openpyxl.load_workbook(tmp_path / "lo" / "w.xlsx")["widgets"]
    ours = openpyxl.load_workbook(path)["widgets"]
    for mine, read in zip(ours.iter_rows(values_only=True), theirs.iter_rows(values_only=True),
                          strict=True):
        for u, v in zip(mine, read, strict=True):
            assert v == (pytest.approx(u, rel=1e-14) if isinstance(u, float) else u)
