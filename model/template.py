"""The blank case workbook, written from the schema (``python run.py template PATH``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.schema import SETTINGS, SHEETS, Sheet
from model.workbook import write_tables

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
    return write_tables(template_frames(), path, overwrite=overwrite)
