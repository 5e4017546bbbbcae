"""Sheets to typed rows: the settings, then every sheet of the schema.

Sheet names and column headers are matched to the schema exactly, else ignoring case and
surrounding spaces (with a warning saying so). A sheet that cannot be read (required sheet or
column missing) is marked unusable, so that the checks depending on it stay silent instead of
reporting every row that refers to it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from model.schema import SETTING_BY_NAME, SETTINGS, SHEETS, Sheet, is_year_header
from model.validation.cells import (
    WRONG_TYPE,
    Refusal,
    check_value,
    is_blank,
    plausible_range,
    to_number,
)
from model.validation.names import did_you_mean, match, name_list
from model.validation.problems import Collector
from model.validation.tables import Key, empty_table
from model.workbook import RawSheet, RawWorkbook

#: Sheets a planner may keep for their own notes (and any sheet named ``_...``, such as the
#: template's hidden drop-down lists); read by nobody.
IGNORED_SHEETS = {"notes", "readme", "about"}


def find_sheets(raw: RawWorkbook, out: Collector) -> dict[str, RawSheet]:
    """The workbook's sheet for each schema sheet it has: the sheet of that exact name, else
    one whose name matches ignoring case and surrounding spaces (warned). Other sheets are
    warned as unknown, with the closest schema sheet name, unless kept for notes."""
    names = [s.name for s in SHEETS]
    found = {title: sheet for title, sheet in raw.sheets.items() if title in names}
    for title, sheet in raw.sheets.items():
        if title in found:
            continue
        name = match(title, names)
        if name is not None and name not in found:
            out.add(title, f"sheet name read as '{name}' (names are matched ignoring case "
                    "and surrounding spaces)", value=title, expected=f"'{name}'",
                    severity="warning")
            found[name] = sheet
        elif title.strip().lower() not in IGNORED_SHEETS and not title.startswith("_"):
            out.add(title, "unknown sheet (ignored)" + did_you_mean(title, names),
                    expected="one of " + ", ".join(names), severity="warning")
    return {name: found[name] for name in names if name in found}


def canonical_headers(sheet: RawSheet, names: list[str], sheet_name: str,
                      out: Collector) -> RawSheet:
    """The sheet with headers that match a schema column ignoring case renamed to it
    (warned); the sheet itself when every header is exact."""
    renames: dict[str, str] = {}
    for header in sheet.headers:
        if header in names:
            continue
        name = match(header, names)
        if name is not None and name not in sheet.headers and name not in renames.values():
            renames[header] = name
            out.add(sheet_name, f"column header read as '{name}' (headers are matched "
                    "ignoring case)", raw=sheet, row=1, column=header, value=header,
                    expected=f"'{name}'", severity="warning")
    if not renames:
        return sheet
    renamed = [renames.get(h, h) for h in sheet.headers]
    return RawSheet(sheet.name, renamed,
                    {renames.get(h, h): letter for h, letter in sheet.letters.items()},
                    {row: {renames.get(h, h): v for h, v in rec.items()}
                     for row, rec in sheet.records.items()})


@dataclass
class SheetRead:
    """One sheet as read: typed frame and rows, trajectories, profile columns, the sheet
    (headers as the schema names them) and whether it could be read at all."""

    frame: pd.DataFrame
    records: list[dict[str, Any]] = field(default_factory=list)
    trajectories: dict[Key, dict[int, float]] = field(default_factory=dict)
    profiles: dict[str, dict[str, float]] = field(default_factory=dict)
    raw: RawSheet | None = None
    usable: bool = True


# --------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------


def read_settings(sheet: RawSheet | None, out: Collector) -> tuple[dict[str, Any], SheetRead]:
    """Typed settings, every default filled in, and the sheet as read (unusable when it is
    missing or lacks a required column).

    ``settings["_rows"]`` maps each given setting to its Excel row."""
    settings: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    settings["_rows"] = {}
    if sheet is None:
        out.add("settings", "required sheet is missing", expected="a 'settings' sheet")
        return settings, SheetRead(empty_table([]), usable=False)
    sheet = canonical_headers(sheet, ["name", "value", "unit", "description"], "settings", out)
    for header in ("name", "value"):
        if header not in sheet.headers:
            out.add("settings", f"required column '{header}' is missing", row=1,
                    expected="columns name, value")
            return settings, SheetRead(empty_table([]), raw=sheet, usable=False)
    seen: dict[str, int] = {}
    for row, rec in sheet.records.items():
        name = rec["name"]
        if is_blank(name):
            out.add("settings", "setting name is empty", raw=sheet, row=row, column="name")
            continue
        name = str(name).strip()
        if name not in SETTING_BY_NAME and (exact := match(name, SETTING_BY_NAME)):
            out.add("settings", f"setting name read as '{exact}' (names are matched ignoring "
                    "case)", raw=sheet, row=row, column="name", value=name,
                    severity="warning")
            name = exact
        decl = SETTING_BY_NAME.get(name)
        if decl is None:
            out.add("settings", "unknown setting" + did_you_mean(name, SETTING_BY_NAME),
                    raw=sheet, row=row, column="name", value=name,
                    expected="one of " + ", ".join(SETTING_BY_NAME))
            continue
        if name in seen:
            out.add("settings", f"setting '{name}' is given twice (first in row {seen[name]})",
                    raw=sheet, row=row, column="name", value=name, expected="each setting once")
            continue
        seen[name] = row
        settings[name] = check_value(decl, rec["value"], out, "settings", sheet, row, "value")
        if settings[name] is None:
            settings[name] = decl.default if is_blank(rec["value"]) else None
    settings["_rows"] = dict(seen)
    for decl in SETTINGS:
        if decl.required and decl.name not in seen:
            out.add("settings", f"required setting '{decl.name}' is missing",
                    expected=f"a row named {decl.name} ({decl.description})")
    return settings, SheetRead(empty_table([]), raw=sheet)


# --------------------------------------------------------------------------------------
# the other sheets
# --------------------------------------------------------------------------------------


def read_sheet(schema: Sheet, sheet: RawSheet | None, out: Collector) -> SheetRead:
    """Typed rows, trajectories and profile columns of one sheet; duplicate keys and bad
    cells reported."""
    names = [c.name for c in schema.columns]
    if sheet is None:
        if schema.required:
            out.add(schema.name, "required sheet is missing",
                    expected=f"a sheet '{schema.name}' ({schema.description})")
        return SheetRead(empty_table(names), usable=not schema.required)
    if sheet.empty and not schema.required:
        return SheetRead(empty_table(names), raw=sheet)  # an optional empty sheet says nothing
    sheet = canonical_headers(sheet, names, schema.name, out)
    missing = [c.name for c in schema.columns if c.required and c.name not in sheet.headers]
    unclaimed = [h for h in sheet.headers if h not in names and not is_year_header(h)]
    for name in missing:
        hint = did_you_mean(name, unclaimed)
        out.add(schema.name, f"required column '{name}' is missing" + (
            hint.replace("did you mean", "did you mean column") if hint else ""), row=1,
            expected=f"a column '{name}' ({schema.column(name).description})")
    if missing:
        return SheetRead(empty_table(names), raw=sheet, usable=False)
    year_headers, dynamic = _extra_columns(schema, sheet, names, out)

    records = []
    trajectories: dict[Key, dict[int, float]] = {}
    profiles: dict[str, dict[str, float]] = {h: {} for h in dynamic}
    first_row: dict[Key, int] = {}
    keys = schema.keys
    required_keys = [k for k in keys if schema.column(k).required]
    for row, rec in sheet.records.items():
        typed: dict[str, Any] = {"_row": row}
        for col in schema.columns:
            typed[col.name] = check_value(col, rec.get(col.name), out, schema.name, sheet, row)
        key = tuple(str(typed[k]) for k in keys)
        if keys and all(typed[k] is not None for k in required_keys):
            if key in first_row:
                out.add(schema.name, f"duplicate key {dict(zip(keys, key, strict=True))}"
                        f" (first in row {first_row[key]})", raw=sheet, row=row,
                        column=keys[0], expected="each key once")
                continue
            first_row[key] = row
        if schema.year_columns:
            plausible = _year_value_range(schema, typed.get("parameter"))
            years = numbers(rec, year_headers, "year value", out, schema.name, sheet, row,
                            plausible)
            trajectories[key] = {int(h): v for h, v in years.items()}
            if len(years) < sum(not is_blank(rec[h]) for h in year_headers):
                typed["_refused_years"] = True  # reported; "no year values" would repeat it
        for header, v in numbers(rec, dynamic, "profile value", out, schema.name, sheet,
                                 row).items():
            profiles[header][str(typed[keys[0]])] = v
        records.append(typed)
    frame = pd.DataFrame(records, columns=[*names, "_row"], dtype=object) if records \
        else empty_table(names)
    return SheetRead(frame, records, trajectories, profiles, sheet)


def _extra_columns(schema: Sheet, sheet: RawSheet, names: list[str], out: Collector
                   ) -> tuple[list[str], list[str]]:
    """Year columns and profile columns of a sheet; other unknown columns reported."""
    year_headers: list[str] = []
    dynamic: list[str] = []
    for header in sheet.headers:
        if header in names:
            continue
        if schema.year_columns and is_year_header(header):
            year_headers.append(header)
        elif schema.dynamic_prefixes and ":" in header:
            prefix = header.split(":", 1)[0]
            if prefix in schema.dynamic_prefixes:
                dynamic.append(header)
            else:
                out.add(schema.name, "unknown profile column prefix"
                        + did_you_mean(prefix, schema.dynamic_prefixes), raw=sheet, row=1,
                        column=header, value=header, expected="availability:<technology>, "
                        "demand:<commodity> or price:<commodity>")
        elif is_year_header(header):
            out.add(schema.name, "this sheet takes no year columns", raw=sheet, row=1,
                    column=header, value=header, expected="columns " + ", ".join(names))
        else:
            absent = [n for n in names if n not in sheet.headers]
            out.add(schema.name, "unknown column (ignored)" + did_you_mean(header, absent),
                    raw=sheet, row=1, column=header, value=header,
                    expected="columns " + name_list(names, what="columns"),
                    severity="warning")
    return year_headers, dynamic


def _year_value_range(schema: Sheet, parameter: object) -> tuple[float, float]:
    """Plausible range of a row's year values: its parameter's, else the default."""
    declared = next((p.plausible for p in schema.parameters if p.name == parameter), None)
    return plausible_range(declared)


def numbers(rec: Mapping[str, Any], headers: list[str], what: str, out: Collector,
            sheet_name: str, sheet: RawSheet, row: int,
            plausible: tuple[float, float] | None = None) -> dict[str, float]:
    """The numeric cells of ``headers`` in one row (blank cells skipped, others reported:
    not a number, separators, not finite, beyond the plausible range)."""
    low, high = plausible_range(plausible)
    found: dict[str, float] = {}
    for header in headers:
        value = rec[header]
        if is_blank(value):
            continue
        number = to_number(value)
        if isinstance(number, Refusal):
            message = "is not a number" if number is WRONG_TYPE else number.message
            out.add(sheet_name, f"{what} {message}", raw=sheet, row=row, column=header,
                    value=value, expected=number.expected or "a number")
        elif not low <= number <= high:
            out.add(sheet_name, f"{what} is beyond its plausible range (check the unit)",
                    raw=sheet, row=row, column=header, value=value,
                    expected=f"{low:g} .. {high:g}")
        else:
            found[header] = number
    return found
