"""Writing tables as an Excel workbook, fast: one sheet per table under a bold, filled,
frozen header row.

Why a writer of our own: xlsxwriter and openpyxl spend about 10 µs of Python per cell. The
bundled case's results workbook has about 27,000 cells, so writing it took 0.25 s, half the
time of the solve (see docs/performance.md). Here each column is turned into XML in one
comprehension, about 1-2 µs per cell, and the sheet is streamed into the archive a
block of rows at a time, so memory beyond the tables themselves stays flat.

What is written is the smallest SpreadsheetML package of ECMA-376 Part 1 that Excel,
LibreOffice, openpyxl and pandas read as they read xlsxwriter's: the workbook, one worksheet
per table, styles, shared strings and the core and app properties; elements in the order
the schema prescribes (``CT_Worksheet``: dimension, sheetViews, sheetFormatPr, cols,
sheetData, pageMargins). Cell types:

- numbers (finite ``int`` and ``float``): written exactly (``repr``, the shortest form that
  reads back as the same double); an integral float is written without ``.0``, as Excel
  does, so it reads back as an integer;
- ``bool``: a boolean cell;
- text: a shared string (never a formula or a link); Excel's limit of 32,767 characters per
  cell is kept by cutting longer text, and characters XML 1.0 cannot hold are written as
  Excel's ``_xHHHH_`` escapes;
- dates and datetimes: date cells (``yyyy-mm-dd`` and ``yyyy-mm-dd hh:mm:ss``); times with
  a time zone are converted to UTC first;
- dicts and lists: their JSON text; anything else: its ``str``;
- ``None``, NaN, NA, infinities and ``""``: an empty cell.
"""

from __future__ import annotations

import json
import math
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd

MAX_ROWS = 1_048_576  # Excel's limits per worksheet and per cell
MAX_COLUMNS = 16_384
MAX_CHARS = 32_767
MAX_SHEET_NAME = 31
ROWS_PER_BLOCK = 10_000  # rows formatted and compressed at a time
ZIP64_ABOVE_CELLS = 20_000_000
COMPRESS_LEVEL = 1  # deflate level: 1 is about 3x faster than the default 6 on these parts  # a sheet XML part may pass 2 GiB only beyond this

HEADER_FILL = "E2EFDA"  # light green
MIN_WIDTH, MAX_WIDTH = 12, 60  # column width in characters: header length + 2, within these

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Cell style indices (cellXfs in styles.xml)
_HEADER_STYLE, _DATETIME_STYLE, _DATE_STYLE = 1, 2, 3
_EXCEL_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's 1900 date system (after its 1900 leap bug)

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EXCEL_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")  # text Excel would read as an escape
_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
SELECTED = ' tabSelected="1"'  # the sheet shown on opening


def column_letter(j: int) -> str:
    """Excel column letters of the 0-based column ``j`` (0 -> A, 26 -> AA)."""
    letters = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def excel_width(characters: float) -> float:
    """The width Excel stores for a column ``characters`` wide in its default 11-pt font
    (7-pixel digits and 5 pixels of padding, in 1/256 of a character)."""
    return math.floor((characters * 7 + 5) / 7 * 256) / 256


def _escape(text: str) -> str:
    """Text as XML character data in a shared string, with Excel's escapes."""
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(lambda m: "_x005F" + m.group(), text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if _XML_ILLEGAL.search(text):
        text = _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
    return text


def _attribute(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _number(value: float | int) -> str:
    """A finite number exactly, as Excel writes it (no ``.0`` on integral floats)."""
    text = repr(value)
    return text[:-2] if text.endswith(".0") else text


@dataclass
class SharedStrings:
    """The workbook's table of distinct texts; cells refer to a text by its index."""

    index: dict[str, int] = field(default_factory=dict)
    uses: int = 0

    def __call__(self, text: str) -> int:
        self.uses += 1
        i = self.index.get(text)
        if i is None:
            i = self.index[text] = len(self.index)
        return i

    def xml(self) -> Iterator[str]:
        yield (f'{_DECL}<sst xmlns="{_MAIN}" count="{self.uses}" '
               f'uniqueCount="{len(self.index)}">')
        for text in self.index:
            space = ' xml:space="preserve"' if text != text.strip() else ""
            yield f"<si><t{space}>{_escape(text)}</t></si>"
        yield "</sst>"


# --------------------------------------------------------------------------------------
# cells
# --------------------------------------------------------------------------------------

def _plain(value: object) -> object:
    """A value of any kind as one of: None, bool, int, float, str, datetime, date."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, np.generic):  # before float: np.float64 is a float
        return _plain(value.item())
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dict | list | tuple):
        return json.dumps(value, default=str)
    if isinstance(value, datetime):  # pd.Timestamp too
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value
    if isinstance(value, date):
        return value
    if isinstance(value, Decimal):
        return float(value)
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return str(value)


def _cell(ref: str, value: object, strings: SharedStrings) -> str:
    """One cell's XML; "" for an empty cell."""
    value = _plain(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{_number(value)}</v></c>' if math.isfinite(value) else ""
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"><v>{strings(value[:MAX_CHARS])}</v></c>' if value else ""
    if isinstance(value, datetime):
        serial = (value - _EXCEL_EPOCH).total_seconds() / 86_400
        return f'<c r="{ref}" s="{_DATETIME_STYLE}"><v>{_number(serial)}</v></c>'
    serial = (value - _EXCEL_EPOCH.date()).days
    return f'<c r="{ref}" s="{_DATE_STYLE}"><v>{serial}</v></c>'


def _column_values(column: pd.Series) -> tuple[str, list]:
    """A column as (kind, Python values): kind "number" (floats and ints, None where not
    finite), "bool", "text" (None for NA and "") or "any" (values of mixed kinds)."""
    dtype = column.dtype
    kind = dtype.kind if isinstance(dtype, np.dtype) else ""
    if kind == "f":
        array = column.to_numpy()
        values = array.tolist()
        for i in np.flatnonzero(~np.isfinite(array)).tolist():
            values[i] = None
        return "number", values
    if kind in ("i", "u"):
        return "number", column.tolist()
    if kind == "b":
        return "bool", column.tolist()
    if isinstance(dtype, pd.StringDtype):
        return "text", [v or None for v in column.to_numpy(dtype=object, na_value=None).tolist()]
    return "any", column.tolist()


def _cells(kind: str, values: list, letter: str, first_row: int,
           strings: SharedStrings) -> list[str]:
    """The XML of one column's cells for consecutive rows from ``first_row`` ("" if empty)."""
    rows = range(first_row, first_row + len(values))
    if kind == "number":
        return [f'<c r="{letter}{r}"><v>{_number(v)}</v></c>' if v is not None else ""
                for r, v in zip(rows, values, strict=True)]
    if kind == "bool":
        return [f'<c r="{letter}{r}" t="b"><v>{int(v)}</v></c>'
                for r, v in zip(rows, values, strict=True)]
    if kind == "text":
        return [f'<c r="{letter}{r}" t="s"><v>{strings(v[:MAX_CHARS])}</v></c>' if v else ""
                for r, v in zip(rows, values, strict=True)]
    return [_cell(f"{letter}{r}", v, strings) for r, v in zip(rows, values, strict=True)]


# --------------------------------------------------------------------------------------
# parts
# --------------------------------------------------------------------------------------

def _sheet_xml(frame: pd.DataFrame, strings: SharedStrings, selected: bool) -> Iterator[str]:
    """A worksheet part, in blocks of rows."""
    n_rows, n_cols = frame.shape
    letters = [column_letter(j) for j in range(n_cols)]
    titles = [str(c) for c in frame.columns]
    last = f"{letters[-1]}{n_rows + 1}" if n_cols else "A1"
    yield (f'{_DECL}<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}">'
           f'<dimension ref="{"A1" if last == "A1" else "A1:" + last}"/>'
           f'<sheetViews><sheetView{SELECTED if selected else ""} workbookViewId="0">'
           '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
           '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
    if n_cols:
        yield "<cols>" + "".join(
            f'<col min="{j + 1}" max="{j + 1}" width="{excel_width(_width(t))}" customWidth="1"/>'
            for j, t in enumerate(titles)) + "</cols>"
    yield "<sheetData>"
    if n_cols:
        yield '<row r="1">' + "".join(
            f'<c r="{x}1" s="{_HEADER_STYLE}" t="s"><v>{strings(t)}</v></c>'
            for x, t in zip(letters, titles, strict=True)) + "</row>"
    for start in range(0, n_rows, ROWS_PER_BLOCK):
        block = frame.iloc[start:start + ROWS_PER_BLOCK]  # as Python values, a block at a time
        cells = [_cells(*_column_values(block.iloc[:, j]), letter, start + 2, strings)
                 for j, letter in enumerate(letters)]
        rows = map("".join, zip(*cells, strict=True))
        yield "".join(f'<row r="{r}">{row}</row>'
                      for r, row in enumerate(rows, start=start + 2) if row)
    yield ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75"'
           ' header="0.3" footer="0.3"/></worksheet>')


def _width(title: str) -> int:
    return min(max(len(title) + 2, MIN_WIDTH), MAX_WIDTH)


def _styles_xml(header_fill: str) -> str:
    font = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
    xf = 'fontId="0" fillId="0" borderId="0" xfId="0"'
    return (
        f'{_DECL}<styleSheet xmlns="{_MAIN}">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/>'
        '<numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd"/></numFmts>'
        f'<fonts count="2"><font>{font}</font><font><b/>{font}</font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill>'
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{header_fill}"/>'
        '<bgColor indexed="64"/></patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border>'
        '</borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        '</cellStyleXfs>'
        f'<cellXfs count="4"><xf numFmtId="0" {xf}/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1"'
        ' applyFill="1"/>'
        f'<xf numFmtId="164" {xf} applyNumberFormat="1"/>'
        f'<xf numFmtId="165" {xf} applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0"/></styleSheet>')


def _workbook_xml(names: list[str]) -> str:
    sheets = "".join(f'<sheet name="{_attribute(n)}" sheetId="{i}" r:id="rId{i}"/>'
                     for i, n in enumerate(names, start=1))
    return (f'{_DECL}<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><bookViews>'
            f'<workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>')


def _workbook_rels(n: int) -> str:
    rels = [(f"rId{i}", "worksheet", f"worksheets/sheet{i}.xml") for i in range(1, n + 1)]
    rels += [(f"rId{n + 1}", "styles", "styles.xml"),
             (f"rId{n + 2}", "sharedStrings", "sharedStrings.xml")]
    return _relationships((rid, f"{_REL}/{kind}", target) for rid, kind, target in rels)


def _package_rels() -> str:
    return _relationships([
        ("rId1", f"{_REL}/officeDocument", "xl/workbook.xml"),
        ("rId2", f"{_PKG_REL}/metadata/core-properties", "docProps/core.xml"),
        ("rId3", f"{_REL}/extended-properties", "docProps/app.xml")])


def _relationships(rels: Iterable[tuple[str, str, str]]) -> str:
    body = "".join(f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
                   for rid, kind, target in rels)
    return f'{_DECL}<Relationships xmlns="{_PKG_REL}">{body}</Relationships>'


def _content_types(n: int) -> str:
    overrides = [("/xl/workbook.xml", f"{_CT}.sheet.main+xml")]
    overrides += [(f"/xl/worksheets/sheet{i}.xml", f"{_CT}.worksheet+xml")
                  for i in range(1, n + 1)]
    overrides += [("/xl/styles.xml", f"{_CT}.styles+xml"),
                  ("/xl/sharedStrings.xml", f"{_CT}.sharedStrings+xml"),
                  ("/docProps/core.xml",
                   "application/vnd.openxmlformats-package.core-properties+xml"),
                  ("/docProps/app.xml",
                   "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    body = "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in overrides)
    return (f'{_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Default Extension="xml" ContentType="application/xml"/>{body}</Types>')


def _core_xml(creator: str, created: datetime) -> str:
    stamp = created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return (f'{_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f'<dc:creator>{_attribute(creator)}</dc:creator>'
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            '</cp:coreProperties>')


def _app_xml(creator: str) -> str:
    return (f'{_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            f'extended-properties"><Application>{_attribute(creator)}</Application></Properties>')


def sheet_names(names: Iterable[str]) -> list[str]:
    """Excel sheet names: cut to 31 characters; raise for characters Excel refuses or for
    names that are then the same (Excel compares them without case)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        short = str(name)[:MAX_SHEET_NAME]
        if not short or _SHEET_NAME_ILLEGAL.search(short) or short.startswith("'") \
                or short.endswith("'"):
            raise ValueError(f"{name!r} cannot name an Excel sheet (1-31 characters, none of "
                             "[ ] : * ? / \\, not starting or ending with ')")
        if short.lower() in seen:
            raise ValueError(f"sheet name {short!r} is used twice (Excel ignores case and "
                             "keeps 31 characters)")
        seen.add(short.lower())
        out.append(short)
    return out


def write_workbook(path: str | Path, sheets: Mapping[str, pd.DataFrame], *,
                   header_fill: str = HEADER_FILL, creator: str = "cluster-pathways",
                   created: datetime | None = None) -> Path:
    """Write each table as a sheet: a bold header filled with ``header_fill`` (RGB hex),
    frozen, columns as wide as their header (12-60 characters), then one row per table row.

    The file is written in place; callers that need atomicity write into a temporary folder
    (see :func:`model.report.atomic_run_folder`). Raises ValueError for a table that does not
    fit a worksheet or a name that cannot name a sheet, before anything is written.
    """
    path = Path(path)
    names = sheet_names(sheets)
    frames = list(sheets.values())
    for frame in frames:
        if len(frame) + 1 > MAX_ROWS or frame.shape[1] > MAX_COLUMNS:
            raise ValueError(f"a table of {frame.shape[0]} rows and {frame.shape[1]} columns "
                             f"does not fit a worksheet ({MAX_ROWS - 1} rows and "
                             f"{MAX_COLUMNS} columns at most)")
    created = created or datetime.now(UTC)
    strings = SharedStrings()
    n = len(frames)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED,
                         compresslevel=COMPRESS_LEVEL) as archive:
        def part(name: str, chunks: Iterable[str], zip64: bool = False) -> None:
            with archive.open(name, "w", force_zip64=zip64) as fh:
                for chunk in chunks:
                    fh.write(chunk.encode("utf-8", errors="replace"))

        part("[Content_Types].xml", [_content_types(n)])
        part("_rels/.rels", [_package_rels()])
        part("docProps/core.xml", [_core_xml(creator, created)])
        part("docProps/app.xml", [_app_xml(creator)])
        part("xl/workbook.xml", [_workbook_xml(names)])
        part("xl/_rels/workbook.xml.rels", [_workbook_rels(n)])
        part("xl/styles.xml", [_styles_xml(header_fill)])
        for i, frame in enumerate(frames, start=1):
            part(f"xl/worksheets/sheet{i}.xml", _sheet_xml(frame, strings, selected=i == 1),
                 zip64=frame.size > ZIP64_ABOVE_CELLS)
        part("xl/sharedStrings.xml", strings.xml())
    return path

