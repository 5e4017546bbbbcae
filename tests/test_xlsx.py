"""The results workbook writer (model/xlsx.py): every kind of value reads back as written,
the package is well formed, and bad tables or names are refused before anything is written."""

import shutil
import subprocess
import zipfile
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from xml.etree import ElementTree

import numpy as np
import openpyxl
import pandas as pd
import pytest

import model.xlsx
from model.xlsx import column_letter, excel_width, sheet_names, write_workbook

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"

FLOATS = [0.1 + 0.2, 1e-300, 5e-324, 1.7976931348623157e308, -0.0, 1e16, 123456789.125,
          -2.5, 1 / 3, 2030.0]


def _read(path, sheet):
    ws = openpyxl.load_workbook(path)[sheet]
    return ws, [[c.value for c in row] for row in ws.iter_rows()]


def test_column_letters_and_widths():
    assert [column_letter(j) for j in (0, 1, 25, 26, 27, 51, 52, 701, 702, 16383)] == \
        ["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
    # Excel stores a column 36 characters wide as 36.7109375 in its default font
    assert excel_width(36) == 36.7109375
    assert excel_width(12) == 12.7109375


def test_numbers_are_written_exactly(tmp_path):
    frame = pd.DataFrame({"x": FLOATS, "n": np.arange(len(FLOATS), dtype=np.int64) * 2**40})
    path = write_workbook(tmp_path / "n.xlsx", {"n": frame})
    _, rows = _read(path, "n")
    got = [r[0] for r in rows[1:]]
    assert got == FLOATS  # bit for bit: repr is the shortest exact form
    assert type(got[-1]) is int and got[-1] == 2030  # integral floats as Excel writes them
    assert [r[1] for r in rows[1:]] == [i * 2**40 for i in range(len(FLOATS))]


def test_every_kind_of_value(tmp_path):
    aware = datetime(2030, 1, 1, 12, 30, tzinfo=timezone(timedelta(hours=1)))
    frame = pd.DataFrame({
        "text": pd.Series(["a & <b> \"c\"", None, "", "  padded  ", "é – ✓", "line\nbreak",
                           "= not a formula", "http://not.a/link"], dtype="str"),
        "nullable": pd.array([1, None, 3, 4, None, 6, 7, 8], dtype="Int64"),
        "category": pd.Categorical(["x", "y", "x", None, "y", "x", "x", "y"]),
        "bool": [True, False, True, False, True, False, True, False],
        "mixed": [{"k": [1, 2]}, [1, "a"], np.float64(2.5), np.int32(-3), np.bool_(True),
                  Decimal("1.25"), float("-inf"), pd.NA],
        "dates": [date(2030, 1, 1), datetime(2030, 1, 1, 6), aware, pd.Timestamp("2050-12-31"),
                  None, pd.NaT, "2030", 5],
    })
    path = write_workbook(tmp_path / "k.xlsx", {"kinds": frame})
    ws, rows = _read(path, "kinds")
    assert rows[0] == list(frame.columns)
    body = rows[1:]
    assert [r[0] for r in body] == ['a & <b> "c"', None, None, "  padded  ", "é – ✓",
                                    "line\nbreak", "= not a formula", "http://not.a/link"]
    assert ws["A8"].data_type == "s" and ws["A9"].hyperlink is None
    assert [r[1] for r in body] == [1, None, 3, 4, None, 6, 7, 8]
    assert [r[2] for r in body] == ["x", "y", "x", None, "y", "x", "x", "y"]
    assert [r[3] for r in body] == [True, False] * 4
    assert [r[4] for r in body] == ['{"k": [1, 2]}', '[1, "a"]', 2.5, -3, True, 1.25, None,
                                    None]
    assert type(body[3][4]) is int and type(body[4][4]) is bool
    assert [r[5] for r in body] == [datetime(2030, 1, 1), datetime(2030, 1, 1, 6),
                                    datetime(2030, 1, 1, 11, 30), datetime(2050, 12, 31),
                                    None, None, "2030", 5]
    assert ws["F2"].number_format == "yyyy\\-mm\\-dd"
    assert ws["F3"].number_format == "yyyy\\-mm\\-dd\\ hh:mm:ss"


def test_text_escapes_and_limits(tmp_path):
    frame = pd.DataFrame({"t": ["x\x01y", "_x0041_", "a\tb", "z" * 40_000]})
    path = write_workbook(tmp_path / "t.xlsx", {"t": frame})
    _, rows = _read(path, "t")
    # a character XML 1.0 cannot hold becomes Excel's escape; text that looks like an escape
    # is itself escaped, so it reads back unchanged
    assert [r[0] for r in rows[1:4]] == ["x_x0001_y", "_x0041_", "a\tb"]
    assert rows[4][0] == "z" * model.xlsx.MAX_CHARS  # Excel's limit per cell


def test_header_style_freeze_widths_and_selected_sheet(tmp_path):
    frame = pd.DataFrame({"a rather long column header [unit]": [1.0], "v": [2]})
    path = write_workbook(tmp_path / "h.xlsx", {"first": frame, "second": frame},
                          header_fill="123456")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["first", "second"] and wb.active.title == "first"
    ws = wb["first"]
    assert ws.freeze_panes == "A2"
    for cell in ws[1]:
        assert cell.font.b and cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb == "FF123456"
    assert not ws["A2"].font.b and ws["A2"].fill.fill_type is None
    assert ws.column_dimensions["A"].width == excel_width(36)
    assert ws.column_dimensions["B"].width == excel_width(12)  # at least 12
    assert wb["first"].sheet_view.tabSelected and not wb["second"].sheet_view.tabSelected


@pytest.mark.parametrize("rows_per_block", [1, 2, 10_000])
def test_rows_across_blocks_and_empty_rows(tmp_path, monkeypatch, rows_per_block):
    monkeypatch.setattr(model.xlsx, "ROWS_PER_BLOCK", rows_per_block)
    frame = pd.DataFrame({"a": [1.0, np.nan, 3.0, np.nan, 5.0],
                          "b": pd.Series(["x", None, None, None, "y"], dtype="str")})
    path = write_workbook(tmp_path / "b.xlsx", {"b": frame, "empty": frame.iloc[:0],
                                                "no columns": pd.DataFrame()})
    ws, rows = _read(path, "b")
    assert rows == [["a", "b"], [1, "x"], [None, None], [3, None], [None, None], [5, "y"]]
    assert ws.max_row == 6  # the last row has values, so the sheet ends there
    with zipfile.ZipFile(path) as z:
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    numbers = [int(r.get("r")) for r in sheet.iter(f"{MAIN}row")]
    assert numbers == [1, 2, 4, 6]  # all-empty rows are left out
    assert sheet.find(f"{MAIN}dimension").get("ref") == "A1:B6"
    _, empty = _read(path, "empty")
    assert empty == [["a", "b"]]
    assert openpyxl.load_workbook(path)["no columns"].max_row == 1


def test_package_is_well_formed(tmp_path):
    frame = pd.DataFrame({"a": [1.5, 2.5], "b": ["x", "y"]})
    created = datetime(2030, 6, 1, 12, 0, tzinfo=UTC)
    path = write_workbook(tmp_path / "p.xlsx", {"one": frame, "two & more": frame},
                          created=created)
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        names = z.namelist()
        for name in names:
            ElementTree.fromstring(z.read(name))  # every part is well-formed XML
        assert names[0] == "[Content_Types].xml"
        assert {"[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/sharedStrings.xml",
                "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml",
                "xl/_rels/workbook.xml.rels", "_rels/.rels", "docProps/core.xml",
                "docProps/app.xml"} == set(names)
        sheet = ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml"))
        # the element order CT_Worksheet prescribes (Excel refuses another)
        assert [child.tag.removeprefix(MAIN) for child in sheet] == [
            "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "pageMargins"]
        sst = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
        # headers a, b twice and x, y twice: 8 uses of 4 texts
        assert (sst.get("count"), sst.get("uniqueCount")) == ("8", "4")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["one", "two & more"]
    assert wb.properties.creator == "cluster-pathways"
    assert wb.properties.created == datetime(2030, 6, 1, 12, 0)
    read = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    pd.testing.assert_frame_equal(read["two & more"], frame)


def test_sheet_names_follow_excel_rules():
    assert sheet_names(["a" * 40, "b"]) == ["a" * 31, "b"]
    for bad in (["a/b"], ["x[1]"], ["what?"], [""], ["'quoted'"]):
        with pytest.raises(ValueError, match="cannot name an Excel sheet"):
            sheet_names(bad)
    with pytest.raises(ValueError, match="used twice"):
        sheet_names(["Costs", "costs"])
    with pytest.raises(ValueError, match="used twice"):
        sheet_names(["x" * 31 + "1", "x" * 31 + "2"])


def test_refuses_before_writing_anything(tmp_path, monkeypatch):
    path = tmp_path / "never.xlsx"
    with pytest.raises(ValueError, match="used twice"):
        write_workbook(path, {"a": pd.DataFrame({"x": [1]}), "A": pd.DataFrame({"x": [1]})})
    monkeypatch.setattr(model.xlsx, "MAX_ROWS", 3)
    with pytest.raises(ValueError, match="does not fit a worksheet"):
        write_workbook(path, {"ok": pd.DataFrame({"x": [1]}),
                              "big": pd.DataFrame({"x": [1, 2, 3]})})
    assert not path.exists()


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_reads_what_was_written(tmp_path):
    """A spreadsheet program, not only Python readers, opens the file and finds every value
    (LibreOffice re-saves numbers with 15 significant digits and booleans as formulas)."""
    frame = pd.DataFrame({"x": FLOATS, "t": ["a & b", "", None, "é", "x\x01", "1", "k", "l",
                                              "m", "n"],
                          "b": [True, False] * 5})
    path = write_workbook(tmp_path / "in.xlsx", {"one": frame, "two": frame.iloc[:3]})
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                    "--outdir", str(tmp_path / "lo"), str(path)], check=True, timeout=300,
                   capture_output=True)
    ours, theirs = openpyxl.load_workbook(path), openpyxl.load_workbook(tmp_path / "lo/in.xlsx")
    assert theirs.sheetnames == ours.sheetnames
    for name in ours.sheetnames:
        mine = list(ours[name].iter_rows(values_only=True))
        read = list(theirs[name].iter_rows(values_only=True))
        assert len(read) == len(mine)
        for row, other in zip(mine, read, strict=True):
            for u, v in zip(row, other, strict=True):
                if isinstance(u, bool):
                    assert v in (u, f"={str(u).upper()}()")
                elif isinstance(u, float):
                    assert v == pytest.approx(u, rel=1e-14, abs=0)
                else:
                    assert v == u
        assert theirs[name]["A1"].font.b
