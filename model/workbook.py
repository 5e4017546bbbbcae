"""Reading and writing case workbooks (Excel) as plain tables.

Reading takes cached values of formula cells; a formula whose value was never computed
(e.g. a workbook written by a script and never opened in Excel) is reported with its cell,
rather than read as empty. Row 1 of every sheet holds the column headers; rows whose first
cell starts with ``#`` are comments; empty rows are skipped.

Cell values are read with python-calamine (about ten times faster than openpyxl). It gives
the values openpyxl gives, except that whole numbers stored as ``2030.0`` read as int;
escapes such as ``_x000D_`` are decoded; cells outside a sheet's stated ``<dimension>`` are
read; empty text reads as None, dates without a time as dates; and text of rich-text runs
may be trimmed at run edges (unless marked preserved, as Excel does). All harmless: text is
stripped and numbers are checked by value. openpyxl reads the values instead when a cell
holds an error (calamine reads ``#N/A`` as empty, openpyxl as its text, which validation
reports), or when calamine fails. Formulas are read with openpyxl, only if there are any.

Before either reader sees a file, :mod:`model.preflight` looks at it: other file types
(.xls, .ods, .csv, folders, encrypted or empty files) are refused with what to do, and so is
anything that would cost more to read than the documented limits (a cell at XFD1048576, a
zip bomb, malformed XML or XML declaring entities).

Writing uses the schema (:mod:`model.schema`) to give every header a comment with its unit
and meaning, drop-down lists for enumerated columns, and a frozen header row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import python_calamine
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from model.atomic import replacing
from model.errors import Problem
from model.preflight import SAVE_AS_XLSX, ReadLimits, preflight
from model.schema import SHEET_BY_NAME, Sheet, is_year_header

#: One row of a sheet: ``{header: value}`` (every header; blank cells None, text stripped).
Record = dict[str, Any]


@dataclass
class RawSheet:
    """A sheet as read: headers, their Excel column letters, and rows by Excel row number.

    ``records`` maps the Excel row number of every kept row (not empty, not a comment) to
    its cells by header. :attr:`rows` shows the same as a DataFrame.
    """

    name: str
    headers: list[str]
    letters: dict[str, str]
    records: dict[int, Record] = field(default_factory=dict)

    def cell(self, row: int, header: str) -> str:
        return f"{self.letters.get(header, '?')}{row}"

    @property
    def empty(self) -> bool:
        """No rows or no columns (as ``rows.empty``)."""
        return not self.records or not self.headers

    @property
    def rows(self) -> pd.DataFrame:
        """The records as a DataFrame: object dtype; index = Excel row number; columns =
        headers (then any other keys of assigned records). Built anew on each access: to
        change the sheet, assign a changed frame."""
        columns = list(dict.fromkeys([*self.headers, *(k for r in self.records.values()
                                                         for k in r)]))
        return pd.DataFrame.from_dict(
            {row: [rec.get(c) for c in columns] for row, rec in self.records.items()},
            orient="index", columns=columns, dtype=object)

    @rows.setter
    def rows(self, frame: pd.DataFrame) -> None:
        """Replace the records by a frame's rows (index: Excel row numbers; headers kept)."""
        if not frame.index.is_unique:
            raise ValueError(f"sheet '{self.name}': row numbers (the index) must be unique")
        self.records = dict(zip(frame.index.tolist(), frame.to_dict("records"), strict=True))


@dataclass
class RawWorkbook:
    """A workbook as read: its sheets, and the problems of reading it. ``refused`` says the
    file was not read at all (not a workbook, or beyond the reading limits)."""

    path: Path
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False

    @property
    def name(self) -> str:
        return self.path.name


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_workbook(path: str | Path, limits: ReadLimits | None = None) -> RawWorkbook:
    """Read every sheet of a workbook into :class:`RawSheet` tables (values, not formulas).

    The file is looked at first (:func:`model.preflight.preflight`): one that is not an
    .xlsx workbook, or would cost more to read than ``limits`` (default: the documented
    limits, changed by ``CLUSTER_PATHWAYS_LIMITS``), is refused with a problem saying why and
    what to do, and never handed to a parser."""
    path = Path(path)
    raw = RawWorkbook(path=path)
    report = preflight(path, limits)
    if report.problems:
        raw.problems.extend(report.problems)
        raw.refused = True
        return raw
    values: Mapping[str, Iterable[Sequence]] | None = None
    if not report.errors:
        values = _calamine_values(path)
    with ExitStack() as opened:
        try:
            if values is None:
                values_wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
                opened.callback(values_wb.close)
                values = {ws.title: _rows_of(ws) for ws in values_wb.worksheets}
            formulas_wb = None
            if report.formulas:
                formulas_wb = openpyxl.load_workbook(path, data_only=False, read_only=True)
                opened.callback(formulas_wb.close)
            for title, rows in values.items():
                formula_rows = list(_rows_of(formulas_wb[title])) \
                    if formulas_wb is not None else []
                raw.sheets[title] = _to_raw_sheet(raw, title, list(rows), formula_rows)
        except Exception as exc:  # openpyxl raises many kinds for a file it cannot read
            raw.sheets.clear()
            raw.problems.append(Problem(path.name, None, "cannot open as an Excel workbook: "
                                        f"{type(exc).__name__}: {exc}",
                                        expected=SAVE_AS_XLSX))
            raw.refused = True
    return raw


def _rows_of(ws) -> Iterable[tuple]:
    """Rows of values of a read-only openpyxl sheet, from A1 to its last cell: the declared
    dimension is ignored (it may claim a grid far larger than the cells)."""
    ws.reset_dimensions()
    return ws.iter_rows(values_only=True)


def has_formulas(path: Path) -> bool:
    """Whether any worksheet of the workbook holds a formula cell.

    Formulas are read in a second pass, only to report those without a computed value; a
    workbook without any (as the bundled cases and most tool-written ones) skips that pass."""
    return preflight(path).formulas


def _calamine_values(path: Path) -> dict[str, list[list]] | None:
    """Rows of cell values (from A1) of every worksheet, chart sheets skipped, each value
    as :func:`_value` gives it; None when calamine cannot read the workbook."""
    try:
        with python_calamine.CalamineWorkbook.from_path(path) as book:
            values = {}
            for meta in book.sheets_metadata:
                if meta.typ == python_calamine.SheetTypeEnum.ChartSheet:
                    continue  # not a worksheet: openpyxl leaves it out too
                rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                values[meta.name] = [[_value(v) for v in row] for row in rows]
            return values
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # calamine's errors, and its panics (a BaseException): openpyxl
        return None  # reads the file instead, or reports what is wrong with it


def _value(value: object) -> object:
    """A calamine value: whole floats (exact, below 2**53) int; empty text (an empty cell)
    None; text, bools, ints, floats, dates, times and durations as they come."""
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    return None if value == "" else value


def _to_raw_sheet(raw: RawWorkbook, title: str, value_rows: Sequence[Sequence],
                  formula_rows: Sequence[Sequence]) -> RawSheet:
    """Headers (row 1) and the kept rows of one sheet; formulas without a value reported.

    Rows run to the last one with a value or a formula (calamine gives no row after the last
    value; openpyxl gives as many of both)."""
    if not value_rows and not formula_rows:
        return RawSheet(title, [], {})
    headers, letters, positions = _headers(raw, title, value_rows[0] if value_rows else ())
    records: dict[int, Record] = {}
    for i in range(2, max(len(value_rows), len(formula_rows)) + 1):
        row = value_rows[i - 1] if i - 1 < len(value_rows) else ()
        cells = [row[j] if j < len(row) else None for j in positions]
        frow = formula_rows[i - 1] if i - 1 < len(formula_rows) else ()
        has_formula = any(isinstance(f, str) and f.startswith("=") for f in frow)
        if not has_formula and all(c is None or (isinstance(c, str) and not c.strip())
                                   for c in cells):
            continue
        first = cells[0] if cells else None
        if isinstance(first, str) and first.lstrip().startswith("#"):
            continue
        for k, j in enumerate(positions):
            f = frow[j] if j < len(frow) else None
            if isinstance(f, str) and f.startswith("=") and cells[k] is None:
                raw.problems.append(Problem(
                    raw.name, title, "formula has no computed value (open and save the "
                    "workbook in Excel or LibreOffice to compute it)", row=i,
                    column=headers[k], cell=f"{get_column_letter(j + 1)}{i}", value=f))
        records[i] = dict(zip(headers, [c.strip() if isinstance(c, str) else c for c in cells],
                              strict=True))
    return RawSheet(title, headers, letters, records)


def _headers(raw: RawWorkbook, title: str, row: Sequence
             ) -> tuple[list[str], dict[str, str], list[int]]:
    """Headers of row 1, their letters and 0-based positions; duplicates reported, skipped."""
    headers: list[str] = []
    letters: dict[str, str] = {}
    positions: list[int] = []
    for j, h in enumerate(row):
        text = _header_text(h)
        if not text:
            continue
        if text in letters:
            raw.problems.append(Problem(raw.name, title, "duplicate column header", row=1,
                                        cell=f"{get_column_letter(j + 1)}1", value=text,
                                        expected="each column once"))
            continue
        headers.append(text)
        letters[text] = get_column_letter(j + 1)
        positions.append(j)
    return headers, letters, positions


# --------------------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------------------

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
YEAR_FILL = PatternFill("solid", fgColor="FFF2CC")


def _header_comment(sheet: Sheet, header: str) -> str | None:
    if is_year_header(header):
        unit = sheet.year_unit or "see the row's parameter"
        return f"Year column. Unit: {unit}. Interpolated linearly between given years."
    for col in sheet.columns:
        if col.name == header:
            text = f"Unit: {col.unit}\n{col.description}"
            if col.required:
                text += "\nRequired."
            if col.default is not None:
                text += f"\nDefault: {col.default}"
            if col.allowed:
                text += "\nOne of: " + ", ".join(col.allowed)
            return text
    for prefix, (ref_sheet, _) in sheet.dynamic_prefixes.items():
        if header.startswith(prefix + ":"):
            return f"{prefix} profile of {header.split(':', 1)[1]} ({ref_sheet})"
    return None


#: The text of a header's comment (unit, meaning, default, allowed values); the template
#: (:mod:`model.template`) writes the same.
header_comment = _header_comment


def format_sheet(ws, sheet: Sheet | None, headers: list[str], n_rows: int) -> None:
    """Style a written sheet: header comments, drop-downs, widths, frozen header."""
    ws.freeze_panes = "A2"
    for j, header in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=j)
        cell.font = HEADER_FONT
        cell.fill = YEAR_FILL if is_year_header(header) else HEADER_FILL
        width = max(len(str(header)) + 2, 10)
        ws.column_dimensions[get_column_letter(j)].width = min(width, 40)
        if sheet is None:
            continue
        text = _header_comment(sheet, header)
        if text:
            cell.comment = Comment(text, "cluster-pathways", width=320, height=140)
        col = next((c for c in sheet.columns if c.name == header), None)
        if col is not None and col.allowed:
            inline = ",".join(col.allowed)
            if len(inline) < 250:
                formula = f'"{inline}"'
            else:  # Excel caps inline lists at 255 characters: keep the list on a hidden sheet
                formula = _list_range(ws.parent, f"{sheet.name}.{header}", col.allowed)
            dv = DataValidation(type="list", formula1=formula, allow_blank=not col.required,
                                showErrorMessage=True, errorTitle=f"{header}",
                                error="One of: " + ", ".join(col.allowed))
            letter = get_column_letter(j)
            dv.add(f"{letter}2:{letter}{max(n_rows + 1, 500)}")
            ws.add_data_validation(dv)


LISTS_SHEET = "_lists"


def _list_range(wb, name: str, values: tuple[str, ...]) -> str:
    """Write ``values`` as a column of the hidden lists sheet; return its range formula."""
    if LISTS_SHEET not in wb.sheetnames:
        ws = wb.create_sheet(LISTS_SHEET)
        ws.sheet_state = "hidden"
    ws = wb[LISTS_SHEET]
    j = ws.max_column + 1 if ws.max_row > 1 or ws.cell(1, 1).value is not None else 1
    ws.cell(row=1, column=j, value=name)
    for i, v in enumerate(values, start=2):
        ws.cell(row=i, column=j, value=v)
    letter = get_column_letter(j)
    return f"'{LISTS_SHEET}'!${letter}$2:${letter}${len(values) + 1}"


def write_tables(tables: dict[str, pd.DataFrame], path: str | Path, *,
                 overwrite: bool = False) -> Path:
    """Write tables as a case workbook, formatted from the schema, atomically.

    Sheets are written in the schema's order (unknown sheets after). Refuses to overwrite an
    existing file unless ``overwrite`` is set.
    """
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; refusing to overwrite it")
    notes = [n for n in tables if n.lower() in ("notes", "readme")]  # a guide comes first
    order = notes + [s.name for s in SHEET_BY_NAME.values() if s.name in tables]
    order += [n for n in tables if n not in order]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name in order:
        frame = tables[name]
        ws = wb.create_sheet(name)
        headers = [str(c) for c in frame.columns]
        ws.append([int(h) if is_year_header(h) else h for h in headers])
        for row in frame.itertuples(index=False):
            ws.append([_cell_value(v) for v in row])
            for cell in ws[ws.max_row]:  # text is text: openpyxl reads '=...' as a formula
                if cell.data_type == "f":
                    cell.data_type = "s"
        format_sheet(ws, SHEET_BY_NAME.get(name), headers, len(frame))
    return save_atomically(wb, path)


def _cell_value(v: object) -> object:
    if v is None:
        return None
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(v, "item"):
        return v.item()
    return v


def save_atomically(wb: openpyxl.Workbook, path: Path) -> Path:
    """Save to a temporary file beside ``path``, then rename it into place."""
    with replacing(path) as tmp:
        wb.save(tmp)
    return path


def raw_from_frames(name: str, tables: dict[str, pd.DataFrame]) -> RawWorkbook:
    """A RawWorkbook made from DataFrames as if read from a file (tests, scenario tools).

    Row numbers start at 2 below the header, as in Excel; blank cells are None.
    """
    raw = RawWorkbook(path=Path(name))
    for sheet, frame in tables.items():
        headers = [_header_text(h) for h in frame.columns]
        letters = {h: get_column_letter(j + 1) for j, h in enumerate(headers)}
        rows = frame.copy()
        rows.columns = headers
        rows = rows.astype(object).where(rows.notna(), None)
        rows.index = range(2, 2 + len(rows))
        raw.sheets[sheet] = RawSheet(sheet, headers, letters)
        raw.sheets[sheet].rows = rows
    return raw
