"""Reading and writing case workbooks (Excel) as plain tables.

Reading takes cached values of formula cells; a formula whose value was never computed
(e.g. a workbook written by a script and never opened in Excel) is reported with its cell,
rather than read as empty. Row 1 of every sheet holds the column headers; rows whose first
cell starts with ``#`` are comments; empty rows are skipped.

Writing uses the schema (:mod:`model.schema`) to give every header a comment with its unit
and meaning, drop-down lists for enumerated columns, and a frozen header row.
"""

from __future__ import annotations

import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from model.errors import Problem
from model.schema import SHEET_BY_NAME, Sheet, is_year_header


@dataclass
class RawSheet:
    """A sheet as read: headers, their Excel column letters, and rows by Excel row number."""

    name: str
    headers: list[str]
    letters: dict[str, str]
    rows: pd.DataFrame  # object dtype; index = Excel row number; columns = headers

    def cell(self, row: int, header: str) -> str:
        return f"{self.letters.get(header, '?')}{row}"


@dataclass
class RawWorkbook:
    path: Path
    sheets: dict[str, RawSheet] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.path.name


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def read_workbook(path: str | Path) -> RawWorkbook:
    """Read every sheet of a workbook into :class:`RawSheet` tables (values, not formulas)."""
    path = Path(path)
    raw = RawWorkbook(path=path)
    if not path.exists():
        raw.problems.append(Problem(path.name, None, "file not found", value=str(path)))
        return raw
    try:
        values_wb = openpyxl.load_workbook(path, data_only=True, read_only=True)
        formulas_wb = openpyxl.load_workbook(path, data_only=False, read_only=True) \
            if has_formulas(path) else None
    except Exception as exc:  # openpyxl raises many kinds for a non-xlsx file
        raw.problems.append(Problem(path.name, None, f"cannot open as an Excel workbook: {exc}",
                                    expected="an .xlsx file"))
        return raw
    try:
        for ws in values_wb.worksheets:
            value_rows = list(ws.iter_rows(values_only=True))
            formula_rows = list(formulas_wb[ws.title].iter_rows(values_only=True)) \
                if formulas_wb is not None else []
            raw.sheets[ws.title] = _to_raw_sheet(raw, ws.title, value_rows, formula_rows)
    finally:
        values_wb.close()
        if formulas_wb is not None:
            formulas_wb.close()
    return raw


#: A cell formula element in a worksheet part (``<f>``, ``<f t="shared" ...>``, ``<x:f/>``);
#: not ``<formula1>`` of data validations.
_FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def has_formulas(path: Path) -> bool:
    """Whether any worksheet of the workbook holds a formula cell.

    Formulas are read in a second pass, only to report those without a computed value; a
    workbook without any (as the bundled cases and most tool-written ones) skips that pass,
    half the reading time. Unreadable archives say True, leaving the verdict to openpyxl."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(_FORMULA_TAG.search(archive.read(name))
                       for name in archive.namelist()
                       if name.startswith("xl/worksheets/") and name.endswith(".xml"))
    except (OSError, zipfile.BadZipFile):
        return True


def _to_raw_sheet(raw: RawWorkbook, title: str, value_rows: list[tuple],
                  formula_rows: list[tuple]) -> RawSheet:
    if not value_rows:
        return RawSheet(title, [], {}, pd.DataFrame())
    headers_raw = value_rows[0]
    headers: list[str] = []
    letters: dict[str, str] = {}
    positions: list[int] = []
    for j, h in enumerate(headers_raw):
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
    records: dict[int, list] = {}
    for i, row in enumerate(value_rows[1:], start=2):
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
        records[i] = [c.strip() if isinstance(c, str) else c for c in cells]
    frame = pd.DataFrame.from_dict(records, orient="index", columns=headers, dtype=object)
    return RawSheet(title, headers, letters, frame)


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
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the file normal permissions
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
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
        raw.sheets[sheet] = RawSheet(sheet, headers, letters, rows)
    return raw
