"""The blank case workbook, written from the schema (``python run.py template PATH``).

Written with the project's workbook writer (:mod:`model.outputs.excel`, xlsxwriter): each
header carries a comment with its unit and meaning, enumerated columns a drop-down list (on
a hidden ``_lists`` sheet when the list is too long for Excel's 255 characters), year columns
a yellow header; the header row is frozen; every sheet prints landscape, one page wide.
The file is written beside its destination and renamed into place.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.atomic import replacing
from model.outputs.excel import HEADER_FILL, YEAR_FILL, Workbook, print_setup
from model.outputs.shown import python_values, wrapped_lines
from model.schema import SETTINGS, SHEET_BY_NAME, SHEETS, Sheet, is_year_header
from model.workbook import LISTS_SHEET, header_comment

DROP_DOWN_ROWS = 500  #: rows below the header that get the drop-down lists
MAX_WIDTH = 80  #: characters; longer text wraps
COMMENT_SIZE = {"x_scale": 2.2, "y_scale": 2.0}

TEMPLATE_YEARS = (2025, 2030, 2035, 2040, 2045, 2050)

NOTES = [
    "How to fill this workbook",
    "One workbook is one case (a cluster). Each sheet is a long table: one row per thing, "
    "keyed by names. Hover over a header to see its unit and meaning.",
    "Year columns (2025, 2030, ...) give values at some years; the model interpolates "
    "linearly between them and holds the first/last value flat outside. Add or remove year "
    "columns freely; they may lie outside the horizon.",
    "Money is in the money unit named in settings (default MEUR, million EUR) in money of "
    "currency_year.",
    "Formulas are allowed; their computed values are read (save the file in Excel or "
    "LibreOffice so the values exist).",
    "Rows whose first cell starts with # are comments. Empty rows are skipped.",
    "Check the workbook with: python run.py validate <file>",
    "The full reference is docs/inputs.md.",
]


def template_frames() -> dict[str, pd.DataFrame]:
    """One (mostly empty) frame per sheet, with the schema's columns and examples."""
    frames: dict[str, pd.DataFrame] = {"notes": pd.DataFrame({"notes": NOTES})}
    for sheet in SHEETS:
        frames[sheet.name] = _frame(sheet)
    return frames


def _frame(sheet: Sheet) -> pd.DataFrame:
    columns = [c.name for c in sheet.columns]
    if sheet.year_columns:
        columns += [str(y) for y in TEMPLATE_YEARS]
    if sheet.name == "settings":
        rows = [{"name": s.name, "value": s.default, "unit": s.unit,
                 "description": s.description + (" (required)" if s.required else "")}
                for s in SETTINGS]
        return pd.DataFrame(rows, columns=columns)
    return pd.DataFrame([{k: v for k, v in ex.items()} for ex in sheet.example],
                        columns=columns)


def write_template(path: str | Path, overwrite: bool = False) -> Path:
    """Write the blank template; refuses to overwrite an existing file unless asked."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; refusing to overwrite it")
    with replacing(path) as tmp:
        write_case_book(tmp, template_frames())
    return path


def write_case_book(path: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Sheets of a case workbook, formatted from the schema (see the module's docstring)."""
    book = Workbook(path)
    lists: list[tuple[str, tuple[str, ...]]] = []
    try:
        header = {fill: book.header_format(fill) for fill in (HEADER_FILL, YEAR_FILL)}
        wrapped = book.format("text", text_wrap=True, valign="top")
        for name, frame in frames.items():
            ws = book.add_sheet(name)
            sheet = SHEET_BY_NAME.get(name)
            headers = [str(c) for c in frame.columns]
            for j, h in enumerate(headers):
                year = is_year_header(h)
                if year:
                    ws.write_number(0, j, int(h), header[YEAR_FILL])
                else:
                    ws.write_string(0, j, h, header[HEADER_FILL])
                longest = max((len(str(v)) for v in frame.iloc[:, j].tolist()
                               if isinstance(v, str)), default=0)
                ws.set_column(j, j, min(max(len(h) + 2, longest + 2, 10), MAX_WIDTH),
                              wrapped if longest + 2 > MAX_WIDTH else None)
                if sheet is None:
                    continue
                text = header_comment(sheet, h)
                if text:
                    ws.write_comment(0, j, text, {"author": "cluster-pathways", **COMMENT_SIZE})
                column = next((c for c in sheet.columns if c.name == h), None)
                if column is not None and column.allowed:
                    _drop_down(ws, j, sheet, column, lists)
            lines = [1] * len(frame)
            for j in range(len(headers)):
                for i, v in enumerate(python_values(frame.iloc[:, j])):
                    if v is None:
                        continue
                    if isinstance(v, str):
                        wrap = len(v) + 2 > MAX_WIDTH
                        ws.write_string(i + 1, j, v, wrapped if wrap else None)
                        if wrap:  # rows as tall as their wrapped text (1.15 characters/unit)
                            lines[i] = max(lines[i], wrapped_lines(v, MAX_WIDTH * 1.15 - 2))
                    elif isinstance(v, bool):
                        ws.write_boolean(i + 1, j, v)
                    elif isinstance(v, int | float):
                        ws.write_number(i + 1, j, v)
                    else:
                        ws.write_string(i + 1, j, str(v))
            for i, n in enumerate(lines):
                if n > 1:
                    ws.set_row(i + 1, 15 * n)
            ws.freeze_panes(1, 0)
            print_setup(ws)
        if lists:
            ws = book.add_sheet(LISTS_SHEET)
            ws.hide()
            for j, (title, values) in enumerate(lists):
                ws.write_string(0, j, title)
                for i, v in enumerate(values, start=1):
                    ws.write_string(i, j, v)
    finally:
        book.close()
    return path


def _drop_down(ws, j: int, sheet: Sheet, column, lists: list) -> None:
    """A list validation on the column's rows below the header (Excel keeps an inline list
    under 255 characters; a longer one goes to the hidden lists sheet)."""
    inline = ",".join(column.allowed)
    if len(inline) < 250:
        source: object = list(column.allowed)
    else:
        from model.outputs.shown import column_letter

        letter = column_letter(len(lists))
        lists.append((f"{sheet.name}.{column.name}", column.allowed))
        source = f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(column.allowed) + 1}"
    ws.data_validation(1, j, DROP_DOWN_ROWS - 1, j, {
        "validate": "list", "source": source, "ignore_blank": not column.required,
        "error_title": column.name[:32], "error_message": ("One of: " + inline)[:255]})
