"""Validation of a case workbook, driven by :mod:`model.schema`.

:func:`validate` turns a :class:`~model.workbook.RawWorkbook` into typed :class:`CaseTables`
and a list of every :class:`~model.errors.Problem` found (not just the first). Checks run in
three layers: cell (type, allowed value, range, required), sheet (required columns, duplicate
keys, references to other sheets) and case (horizon, targets, time slices, commodities that
nobody produces, ...). Nothing here builds the optimisation model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from model import user_constraints
from model.errors import Problem
from model.horizon import HOURS_PER_YEAR, modelled_years
from model.interpolate import interpolate
from model.schema import (
    SETTING_BY_NAME,
    SETTINGS,
    SHEET_BY_NAME,
    SHEETS,
    Column,
    Sheet,
    is_year_header,
)
from model.workbook import RawSheet, RawWorkbook

#: Sheets a planner may keep for their own notes (and any sheet named ``_...``, such as the
#: template's hidden drop-down lists); read by nobody.
IGNORED_SHEETS = {"notes", "readme", "about"}

Key = tuple[str, ...]

#: The typed rows of each table while the case is checked: ``case.tables[sheet]`` as dicts
#: (the same values), which plain loops scan far faster than pandas can hand rows out.
Rows = dict[str, list[dict[str, Any]]]


@dataclass
class CaseTables:
    """Typed, validated contents of a case workbook.

    ``tables[sheet]`` holds the schema columns (typed, defaults filled) plus ``_row``, the
    Excel row number. ``trajectories[sheet]`` maps each row's key tuple to ``{year: value}``
    for the year columns. ``profiles`` maps a profile header (``availability:pv``) to
    ``{slice: value}``.
    """

    workbook: str
    settings: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    trajectories: dict[str, dict[Key, dict[int, float]]] = field(default_factory=dict)
    profiles: dict[str, dict[str, float]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Sheets as DataFrames in workbook layout (year columns, profile columns), ready for
        :func:`model.workbook.write_tables`: the inverse of reading and validating."""
        frames = {"settings": pd.DataFrame(
            [{"name": k, "value": v} for k, v in self.settings.items()
             if not k.startswith("_") and v is not None])}
        for name, frame in self.tables.items():
            schema = SHEET_BY_NAME[name]
            out = frame.drop(columns="_row").copy()
            if schema.year_columns:
                traj = self.trajectories.get(name, {})
                keys = [tuple(str(r[k]) for k in schema.keys) for r in _records(frame)]
                years = sorted({y for k in keys for y in traj.get(k, {})})
                for y in years:
                    out[y] = [traj.get(k, {}).get(y) for k in keys]
            if schema.dynamic_prefixes:
                first = schema.keys[0]
                for header, values in self.profiles.items():
                    out[header] = [values.get(str(v)) for v in frame[first]]
            if not out.empty or schema.required:
                frames[name] = out
        return frames


# --------------------------------------------------------------------------------------
# cell conversion
# --------------------------------------------------------------------------------------

_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0"}


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def convert(value: object, dtype: str) -> tuple[bool, object]:
    """Convert a cell value to ``dtype``; return (ok, converted)."""
    try:
        if dtype == "str":
            if isinstance(value, float) and value.is_integer():
                return True, str(int(value))
            return True, str(value).strip()
        if dtype == "bool":
            if isinstance(value, bool):
                return True, value
            text = str(value).strip().lower()
            if text in _TRUE:
                return True, True
            if text in _FALSE:
                return True, False
            return False, None
        if isinstance(value, bool):
            return False, None
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
        if dtype == "int":
            if not number.is_integer():
                return False, None
            return True, int(number)
        if math.isnan(number):
            return False, None
        return True, number
    except (TypeError, ValueError):
        return False, None


_EXPECTED = {"str": "text", "int": "a whole number", "float": "a number",
             "bool": "TRUE or FALSE"}


class _Collector:
    def __init__(self, workbook: str):
        self.workbook = workbook
        self.problems: list[Problem] = []

    def add(self, sheet: str | None, message: str, *, raw: RawSheet | None = None,
            row: int | None = None, column: str | None = None, value: object = None,
            expected: str | None = None, severity: str = "error") -> None:
        cell = raw.cell(row, column) if raw is not None and row is not None and column else None
        self.problems.append(Problem(self.workbook, sheet, message, row=row, column=column,
                                     cell=cell, value=value, expected=expected,
                                     severity=severity))  # type: ignore[arg-type]


def _check_value(col: Column, value: object, out: _Collector, sheet: str, raw: RawSheet | None,
                 row: int | None, column: str | None = None) -> object:
    """Check and convert one cell against its column declaration (None when blank/bad).

    ``column`` is the header of the cell (default: the declaration's name).
    """
    column = column or (col.name if raw is not None else None)
    if _is_blank(value):
        if col.required:
            out.add(sheet, f"required value '{col.name}' is empty", raw=raw, row=row,
                    column=column, expected=_EXPECTED[col.dtype])
        return col.default
    ok, converted = convert(value, col.dtype)
    if not ok:
        out.add(sheet, f"'{col.name}' has the wrong type", raw=raw, row=row, column=column,
                value=value, expected=f"{_EXPECTED[col.dtype]} ({col.unit})")
        return None
    if col.allowed is not None and converted not in col.allowed:
        out.add(sheet, f"'{col.name}' is not an allowed value", raw=raw, row=row,
                column=column, value=value, expected="one of " + ", ".join(col.allowed))
        return None
    if col.minimum is not None and converted < col.minimum:
        out.add(sheet, f"'{col.name}' is below its minimum", raw=raw, row=row, column=column,
                value=value, expected=f">= {col.minimum} {col.unit}")
        return None
    if col.maximum is not None and converted > col.maximum:
        out.add(sheet, f"'{col.name}' is above its maximum", raw=raw, row=row, column=column,
                value=value, expected=f"<= {col.maximum} {col.unit}")
        return None
    return converted


# --------------------------------------------------------------------------------------
# sheets
# --------------------------------------------------------------------------------------


def _read_settings(raw: RawWorkbook, out: _Collector) -> dict[str, Any]:
    """Typed settings; ``settings["_rows"]`` maps each given setting to its Excel row."""
    sheet = raw.sheets.get("settings")
    settings: dict[str, Any] = {s.name: s.default for s in SETTINGS}
    if sheet is None:
        out.add("settings", "required sheet is missing", expected="a 'settings' sheet")
        return settings
    for header in ("name", "value"):
        if header not in sheet.headers:
            out.add("settings", f"required column '{header}' is missing", row=1,
                    expected="columns name, value")
            return settings
    seen: dict[str, int] = {}
    for row, rec in sheet.records.items():
        name = rec["name"]
        if _is_blank(name):
            out.add("settings", "setting name is empty", raw=sheet, row=row, column="name")
            continue
        name = str(name).strip()
        decl = SETTING_BY_NAME.get(name)
        if decl is None:
            out.add("settings", "unknown setting", raw=sheet, row=row, column="name", value=name,
                    expected="one of " + ", ".join(SETTING_BY_NAME))
            continue
        if name in seen:
            out.add("settings", f"setting '{name}' is given twice (first in row {seen[name]})",
                    raw=sheet, row=row, column="name", value=name, expected="each setting once")
            continue
        seen[name] = row
        settings[name] = _check_value(decl, rec["value"], out, "settings", sheet, row, "value")
        if settings[name] is None:
            settings[name] = decl.default if _is_blank(rec["value"]) else None
    settings["_rows"] = dict(seen)
    for decl in SETTINGS:
        if decl.required and decl.name not in seen:
            out.add("settings", f"required setting '{decl.name}' is missing",
                    expected=f"a row named {decl.name} ({decl.description})")
    return settings


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts (a pandas Series per row, as iterrows makes, costs more
    than the checks themselves)."""
    return frame.to_dict("records")


def _empty_table(names: list[str]) -> pd.DataFrame:
    """A table without rows: the schema's columns and ``_row``, object dtype."""
    return pd.DataFrame({n: pd.Series(dtype=object) for n in [*names, "_row"]})


def _read_sheet(schema: Sheet, raw: RawWorkbook, out: _Collector
                ) -> tuple[pd.DataFrame, list[dict[str, Any]], dict[Key, dict[int, float]],
                           dict[str, dict[str, float]]]:
    """Typed frame (and its rows as dicts), trajectories and dynamic (profile) columns of
    one sheet."""
    names = [c.name for c in schema.columns]
    sheet = raw.sheets.get(schema.name)
    if sheet is None:
        if schema.required:
            out.add(schema.name, "required sheet is missing",
                    expected=f"a sheet '{schema.name}' ({schema.description})")
        return _empty_table(names), [], {}, {}
    if sheet.empty and not schema.required:
        return _empty_table(names), [], {}, {}  # an optional sheet left empty says nothing
    missing = [c.name for c in schema.columns if c.required and c.name not in sheet.headers]
    for name in missing:
        out.add(schema.name, f"required column '{name}' is missing", row=1,
                expected=f"a column '{name}' ({schema.column(name).description})")
    if missing:
        return _empty_table(names), [], {}, {}
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
                out.add(schema.name, "unknown profile column prefix", raw=sheet, row=1,
                        column=header, value=header, expected="availability:<technology>, "
                        "demand:<commodity> or price:<commodity>")
        elif is_year_header(header):
            out.add(schema.name, "this sheet takes no year columns", raw=sheet, row=1,
                    column=header, value=header, expected="columns " + ", ".join(names))
        else:
            out.add(schema.name, "unknown column (ignored)", raw=sheet, row=1, column=header,
                    value=header, expected="columns " + ", ".join(names), severity="warning")

    records = []
    trajectories: dict[Key, dict[int, float]] = {}
    profiles: dict[str, dict[str, float]] = {h: {} for h in dynamic}
    first_row: dict[Key, int] = {}
    keys = schema.keys
    required_keys = [k for k in keys if schema.column(k).required]
    for row, rec in sheet.records.items():
        typed: dict[str, Any] = {"_row": row}
        for col in schema.columns:
            typed[col.name] = _check_value(col, rec.get(col.name), out, schema.name, sheet, row)
        key = tuple(str(typed[k]) for k in keys)
        if keys and all(typed[k] is not None for k in required_keys):
            if key in first_row:
                out.add(schema.name, f"duplicate key {dict(zip(keys, key, strict=True))}"
                        f" (first in row {first_row[key]})", raw=sheet, row=row,
                        column=keys[0], expected="each key once")
                continue
            first_row[key] = row
        years = {int(h): v for h, v in _numbers(rec, year_headers, "year value", out,
                                                schema.name, sheet, row).items()}
        if schema.year_columns:
            trajectories[key] = years
        for header, v in _numbers(rec, dynamic, "profile value", out, schema.name, sheet,
                                  row).items():
            profiles[header][str(typed[keys[0]])] = v
        records.append(typed)
    frame = pd.DataFrame(records, columns=[*names, "_row"], dtype=object) if records \
        else _empty_table(names)
    frame._raw = sheet  # type: ignore[attr-defined]  # kept for cell references in checks
    return frame, records, trajectories, profiles


def _numbers(rec: Mapping[str, Any], headers: list[str], what: str, out: _Collector, sheet_name: str,
             sheet: RawSheet, row: int) -> dict[str, float]:
    """The numeric cells of ``headers`` in one row (blank cells skipped, others reported)."""
    numbers: dict[str, float] = {}
    for header in headers:
        value = rec[header]
        if _is_blank(value):
            continue
        ok, number = convert(value, "float")
        if ok:
            numbers[header] = number
        else:
            out.add(sheet_name, f"{what} is not a number", raw=sheet, row=row, column=header,
                    value=value, expected="a number")
    return numbers


# --------------------------------------------------------------------------------------
# the case
# --------------------------------------------------------------------------------------


def validate(raw: RawWorkbook) -> tuple[CaseTables | None, list[Problem]]:
    """Check a workbook; return typed tables (None when errors were found) and all problems."""
    out = _Collector(raw.name)
    out.problems.extend(raw.problems)
    if any(p.sheet is None for p in raw.problems):
        return None, out.problems
    known = {s.name for s in SHEETS}
    for name in raw.sheets:
        if name not in known and name.lower() not in IGNORED_SHEETS and \
                not name.startswith("_"):
            out.add(name, "unknown sheet (ignored)", expected="one of " + ", ".join(known),
                    severity="warning")
    settings = _read_settings(raw, out)
    tables: dict[str, pd.DataFrame] = {}
    rows: Rows = {}
    trajectories: dict[str, dict[Key, dict[int, float]]] = {}
    profiles: dict[str, dict[str, float]] = {}
    for schema in SHEETS:
        if schema.name == "settings":
            continue
        frame, records, traj, prof = _read_sheet(schema, raw, out)
        tables[schema.name] = frame
        rows[schema.name] = records
        trajectories[schema.name] = traj
        profiles.update(prof)
    case = CaseTables(raw.name, settings, tables, trajectories, profiles)
    _check_references(case, rows, out)
    _check_case(case, rows, raw, out)
    out.problems.extend(user_constraints.parse(case)[1])
    errors = [p for p in out.problems if p.severity == "error"]
    case.warnings = [p for p in out.problems if p.severity == "warning"]
    return (None if errors else case), out.problems


def _raw(frame: pd.DataFrame) -> RawSheet | None:
    return getattr(frame, "_raw", None)


def _is_missing(value: object) -> bool:
    """None or NaN: what pandas' ``dropna`` drops from a typed column."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def _check_references(case: CaseTables, rows: Rows, out: _Collector) -> None:
    for schema in SHEETS:
        records = rows.get(schema.name)
        if not records:
            continue
        frame = case.tables[schema.name]
        for col in schema.columns:
            if col.ref is None:
                continue
            ref_sheet, ref_col = col.ref
            valid = {str(r[ref_col]) for r in rows.get(ref_sheet, [])
                     if not _is_missing(r[ref_col])}
            for r in records:
                row, value = r["_row"], r[col.name]
                if _is_missing(value):
                    continue
                if str(value) not in valid:
                    hint = ", ".join(sorted(valid)[:12]) + (" ..." if len(valid) > 12 else "")
                    out.add(schema.name, f"unknown {ref_col} referenced in '{col.name}'",
                            raw=_raw(frame), row=int(row), column=col.name, value=value,
                            expected=f"{'an' if ref_col[0] in 'aeiou' else 'a'} {ref_col} of "
                            f"sheet '{ref_sheet}'"
                            + (f" ({hint})" if valid else " (that sheet is empty)"))


def _check_case(case: CaseTables, rows: Rows, raw: RawWorkbook, out: _Collector) -> None:
    s = case.settings
    base, end, step = s.get("base_year"), s.get("end_year"), s.get("year_step") or 1
    years: list[int] = []
    if isinstance(base, int) and isinstance(end, int):
        if end < base:
            out.add("settings", "end_year is before base_year", raw=raw.sheets.get("settings"),
                    row=s.get("_rows", {}).get("end_year"), column="value", value=end,
                    expected=f">= base_year ({base})")
        else:
            years = modelled_years(base, end, step)
    penalty = s.get("miss_penalty")
    if penalty is not None and penalty <= 0:
        out.add("settings", "miss_penalty must be positive (at 0, elastic mode ignores targets)",
                raw=raw.sheets.get("settings"), row=s.get("_rows", {}).get("miss_penalty"),
                column="value", value=penalty, expected="> 0, far above any abatement cost")
    t = case.tables
    techs = t["technologies"]
    comms = t["commodities"]
    kind = {r["commodity"]: r["kind"] for r in rows["commodities"]}
    storage_techs = {r["technology"] for r in rows["storage"]}

    # technologies: positive life and conversion factor; first year inside horizon
    for r in rows["technologies"]:
        for name in ("lifetime", "cap_to_act"):
            if r[name] is not None and r[name] <= 0:
                out.add("technologies", f"'{name}' must be positive", raw=_raw(techs),
                        row=r["_row"], column=name, value=r[name], expected="> 0")
        if years and r["first_year"] is not None and r["first_year"] > end:
            out.add("technologies", "first_year is after the horizon: never built",
                    raw=_raw(techs), row=r["_row"], column="first_year", value=r["first_year"],
                    expected=f"<= end_year ({end})", severity="warning")

    # flows: each row needs a ratio; storage technologies take no flows
    flows = t["flows"]
    traj = case.trajectories.get("flows", {})
    for r in rows["flows"]:
        key = (r["technology"], r["commodity"], r["direction"])
        if r["ratio"] is None and not traj.get(tuple(map(str, key))):
            out.add("flows", "no ratio and no year values", raw=_raw(flows), row=r["_row"],
                    column="ratio", expected="a ratio or year columns")
        if r["technology"] in storage_techs:
            out.add("flows", "storage technologies take no flows (see the storage sheet)",
                    raw=_raw(flows), row=r["_row"], column="technology", value=r["technology"])
    for key, points in traj.items():
        negative = {y: v for y, v in points.items() if v < 0}
        if negative:
            row = next((r["_row"] for r in rows["flows"] if (r["technology"], r["commodity"],
                                                             r["direction"]) == key), None)
            y, v = next(iter(negative.items()))
            out.add("flows", "negative flow ratio (use the other direction)", raw=_raw(flows),
                    row=row, column=str(y), value=v, expected=">= 0")
    for r in rows["technologies"]:
        if r["technology"] in storage_techs and (r["reservoir"] or (r["min_load"] or 0) > 0):
            out.add("technologies", "reservoir and min_load do not apply to a storage "
                    "technology (ignored)", raw=_raw(techs), row=r["_row"],
                    column="reservoir" if r["reservoir"] else "min_load",
                    value=r["reservoir"] or r["min_load"], severity="warning")
    flowing = {r["technology"] for r in rows["flows"]}
    for r in rows["technologies"]:
        if r["technology"] not in flowing and r["technology"] not in storage_techs:
            out.add("technologies", "technology has no flows and is not a storage: it does "
                    "nothing", raw=_raw(techs), row=r["_row"], column="technology",
                    value=r["technology"], severity="warning")
    for r in rows["storage"]:
        for name in ("efficiency_in", "efficiency_out"):
            if r[name] is not None and r[name] <= 0:
                out.add("storage", f"'{name}' must be positive (0 would create or destroy "
                        "energy for free)", raw=_raw(t["storage"]), row=r["_row"], column=name,
                        value=r[name], expected="> 0 and <= 1")
        if kind.get(r["commodity"]) == "emission":
            out.add("storage", "an emission commodity cannot be stored here (use a reservoir)",
                    raw=_raw(t["storage"]), row=r["_row"], column="commodity",
                    value=r["commodity"])

    # trajectory sheets: a row with no year values says nothing
    for sheet in ("costs", "prices", "demand", "capacity"):
        frame = t[sheet]
        keys = [c.name for c in next(x for x in SHEETS if x.name == sheet).columns if c.key]
        for r in rows[sheet]:
            key = tuple(str(r[k]) for k in keys)
            if not case.trajectories[sheet].get(key):
                out.add(sheet, "row has no year values", raw=_raw(frame), row=r["_row"],
                        column=keys[0], value=r[keys[0]], expected="values in year columns "
                        "(e.g. 2025, 2030)")
    _check_parameters(case, rows, out, kind)

    # demand: only deliverable commodities, and somebody must produce them
    producers = {r["commodity"] for r in rows["flows"] if r["direction"] == "out"}
    producers |= {c for c, k in kind.items() if k == "supply"}
    demand = t["demand"]
    for r in rows["demand"]:
        c = r["commodity"]
        if kind.get(c) == "emission":
            out.add("demand", "emissions cannot be demanded", raw=_raw(demand), row=r["_row"],
                    column="commodity", value=c, expected="a non-emission commodity")
        elif c in kind and c not in producers:
            out.add("demand", "demand commodity that nobody produces", raw=_raw(demand),
                    row=r["_row"], column="commodity", value=c,
                    expected="a technology with an 'out' flow of it, or kind 'supply'")
        elif c in kind and any(v < 0 for v in case.trajectories["demand"].get((c,), {}).values()):
            out.add("demand", "negative demand", raw=_raw(demand), row=r["_row"],
                    column="commodity", value=c, expected=">= 0 in every year")
    demanded = {r["commodity"] for r in rows["demand"]}
    for r in rows["commodities"]:
        if r["kind"] == "demand" and r["commodity"] not in demanded:
            out.add("commodities", "demand commodity without a row in sheet 'demand' "
                    "(its demand is zero)", raw=_raw(comms), row=r["_row"], column="commodity",
                    value=r["commodity"], severity="warning")

    _check_capacity(case, rows, out, years)
    _check_timeslices(case, rows, out)
    _check_targets(case, rows, out, years, base, end)


_PARAM_KINDS = {
    "price": ("supply",),
    "max_supply": ("supply",),
    "max_import_rate": ("supply",),
    "grid_emission_factor": ("supply",),
    "carbon_price": ("emission",),
    "export_price": ("supply", "demand", "internal", "export"),
    "storage_credit": ("supply", "internal", "export"),
}


def _check_parameters(case: CaseTables, rows: Rows, out: _Collector,
                      kind: dict[str, str]) -> None:
    for sheet in ("costs", "prices", "capacity"):
        schema = SHEET_BY_NAME[sheet]
        frame = case.tables[sheet]
        first = schema.keys[0]
        for r in rows[sheet]:
            if r["parameter"] is None:
                continue
            param = schema.parameter(r["parameter"])
            values = case.trajectories[sheet].get((str(r[first]), str(r["parameter"])), {})
            for year, v in values.items():
                if param.minimum is not None and v < param.minimum:
                    out.add(sheet, f"{param.name} is below its minimum", raw=_raw(frame),
                            row=r["_row"], column=str(year), value=v,
                            expected=f">= {param.minimum} {param.unit}")
            if sheet == "prices":
                k = kind.get(r["commodity"])
                if k is not None and k not in _PARAM_KINDS[param.name]:
                    out.add(sheet, f"'{param.name}' does not apply to a commodity of kind '{k}'",
                            raw=_raw(frame), row=r["_row"], column="parameter",
                            value=param.name, expected="a commodity of kind "
                            + " or ".join(_PARAM_KINDS[param.name]))
    prices = case.tables["prices"]
    priced = {r["commodity"] for r in rows["prices"] if r["parameter"] == "price"}
    traj = case.trajectories["prices"]
    for r in (r for r in rows["prices"] if r["parameter"] == "export_price"):
        c = str(r["commodity"])
        buy, sell = traj.get((c, "price"), {}), traj.get((c, "export_price"), {})
        limited = traj.get((c, "max_supply")) or traj.get((c, "max_import_rate"))
        cheapest = _cheapest_price_factor(case, c)
        if buy and sell and not limited and any(
                interpolate(sell, y) > cheapest * interpolate(buy, y) for y in {*buy, *sell}):
            out.add("prices", "export_price above the (cheapest slice's) price with no supply "
                    "limit: buying to sell is unbounded", raw=_raw(prices), row=r["_row"], column="parameter",
                    value=c, expected="export_price <= price, or a max_supply / "
                    "max_import_rate row", severity="warning")
    comms = case.tables["commodities"]
    for r in rows["commodities"]:
        if r["kind"] == "supply" and r["commodity"] not in priced:
            out.add("commodities", "supply commodity has no 'price' row in sheet 'prices'",
                    raw=_raw(comms), row=r["_row"], column="commodity", value=r["commodity"],
                    expected="a prices row (commodity, price) with year values")


def _cheapest_price_factor(case: CaseTables, commodity: str) -> float:
    """Lowest slice multiplier of a commodity's price profile (normalised to an hours-weighted
    mean of 1, as the model does); 1 without a profile."""
    shape = case.profiles.get(f"price:{commodity}")
    ts = case.tables["timeslices"]
    if not shape or ts.empty:
        return 1.0
    hours = {sl: h for sl, h in zip(ts["slice"], ts["hours"], strict=True) if h is not None}
    mean = sum(shape.get(sl, 0.0) * h for sl, h in hours.items()) / HOURS_PER_YEAR
    return min(shape.values()) / mean if mean > 0 else 1.0


def _check_capacity(case: CaseTables, rows: Rows, out: _Collector, years: list[int]) -> None:
    frame = case.tables["capacity"]
    traj = case.trajectories["capacity"]
    if not years:
        return
    for r in rows["capacity"]:
        if r["parameter"] != "residual":
            continue
        points = traj.get((str(r["technology"]), "residual"), {})
        if not points:
            continue
        values = [interpolate(points, y) for y in years]
        for y0, y1, v0, v1 in zip(years, years[1:], values, values[1:], strict=False):
            if v1 > v0 + 1e-9 * max(1.0, abs(v0)):
                out.add("capacity", f"residual capacity increases from {y0} to {y1}",
                        raw=_raw(frame), row=r["_row"], column=str(y1) if str(y1) in
                        (_raw(frame).letters if _raw(frame) else {}) else "parameter",
                        value=v1, expected=f"<= {v0:g} (use parameter 'min' for committed "
                        "builds)")
                break
    retirable = {r["technology"]: bool(r["early_retirement"])
                 for r in rows["technologies"]}
    for r in rows["capacity"]:
        t = r["technology"]
        if r["parameter"] != "max" or retirable.get(t, True):
            continue
        hi, res = traj.get((t, "max"), {}), traj.get((t, "residual"), {})
        for y in years:
            if hi and res and interpolate(res, y) > interpolate(hi, y) + 1e-9:
                out.add("capacity", f"max capacity is below the residual capacity in {y}, "
                        "and the technology may not retire early", raw=_raw(frame),
                        row=r["_row"], column="parameter", value="max",
                        expected="max >= residual, or early_retirement TRUE")
                break
    lo = {r["technology"]: traj.get((r["technology"], "min"), {})
          for r in rows["capacity"] if r["parameter"] == "min"}
    for r in rows["capacity"]:
        if r["parameter"] != "max" or r["technology"] not in lo:
            continue
        hi = traj.get((r["technology"], "max"), {})
        for y in years:
            if hi and lo[r["technology"]] and interpolate(lo[r["technology"]], y) > \
                    interpolate(hi, y) + 1e-9:
                out.add("capacity", f"min capacity exceeds max capacity in {y}",
                        raw=_raw(frame), row=r["_row"], column="parameter", value="max",
                        expected="max >= min")
                break


def _periods(slices: list[dict[str, Any]]) -> dict[Any, list[dict[str, Any]]]:
    """Slices by period, periods in order of first appearance; slices without a period left
    out (as pandas' ``groupby(sort=False)``)."""
    periods: dict[Any, list[dict[str, Any]]] = {}
    for r in slices:
        if not _is_missing(r["period"]):
            periods.setdefault(r["period"], []).append(r)
    return periods


def _check_timeslices(case: CaseTables, rows: Rows, out: _Collector) -> None:
    ts = case.tables["timeslices"]
    slice_rows = rows["timeslices"]
    if not slice_rows or any(_is_missing(r["hours"]) for r in slice_rows):
        if not slice_rows and "timeslices" in case.tables:
            out.add("timeslices", "no time slices", expected="at least one slice "
                    "(e.g. 'all', hours 8760)")
        return
    total = float(ts["hours"].sum())
    if abs(total - HOURS_PER_YEAR) > 1e-3:
        out.add("timeslices", "slice hours do not sum to a year", column="hours", value=total,
                expected="8760 h")
    for period, group in _periods(slice_rows).items():
        first = group[0]["occurrences"]
        for r in group:
            if r["occurrences"] is not None and first is not None and r["occurrences"] != first:
                out.add("timeslices", f"slices of period '{period}' disagree on occurrences",
                        raw=_raw(ts), row=int(r["_row"]), column="occurrences",
                        value=r["occurrences"], expected=f"{first:g} like the period's first "
                        "slice (one value per period)")
        orders: set[Any] = set()
        for r in group:
            if r["order"] in orders:
                out.add("timeslices", f"order repeats inside period '{period}'", raw=_raw(ts),
                        row=int(r["_row"]), column="order", value=r["order"],
                        expected="a distinct position per slice")
            orders.add(r["order"])
        for r in group:
            if r["occurrences"] is not None and r["occurrences"] <= 0:
                out.add("timeslices", "occurrences must be positive", raw=_raw(ts),
                        row=r["_row"], column="occurrences", value=r["occurrences"],
                        expected="> 0")
    slices = {r["slice"] for r in slice_rows if r["slice"] is not None}
    techs = {r["technology"] for r in rows["technologies"]}
    comms = {r["commodity"] for r in rows["commodities"]}
    raw = _raw(case.tables["profiles"])
    profile_rows = {r["slice"]: r["_row"] for r in rows["profiles"]}
    balance = {r["commodity"]: r["balance"] for r in rows["commodities"]}
    for header, values in case.profiles.items():
        prefix, name = header.split(":", 1)
        if prefix == "price" and name in balance and (balance[name] or "annual") != "slice":
            out.add("profiles", f"a price profile needs commodity '{name}' to be balanced by "
                    "slice (with an annual balance every purchase would move to the cheapest "
                    "slice)", raw=raw, row=1, column=header, value=header,
                    expected=f"balance 'slice' for '{name}' in sheet 'commodities', or no "
                    "price profile")
        valid = techs if prefix == "availability" else comms
        if name not in valid:
            out.add("profiles", f"profile of an unknown {'technology' if prefix == 'availability' else 'commodity'}",
                    row=1, value=header, expected="a name from sheet "
                    + ("'technologies'" if prefix == "availability" else "'commodities'"))
        missing = slices - set(values)
        if missing:
            out.add("profiles", f"profile '{header}' has no value for {len(missing)} slice(s)",
                    value=", ".join(sorted(missing)[:5]), expected="a value for every slice")
        for sl, v in values.items():
            row = profile_rows.get(sl)
            if v < 0 or (prefix == "availability" and v > 1):
                out.add("profiles", "profile value out of range", raw=raw, row=row,
                        column=header, value=v,
                        expected="0..1" if prefix == "availability" else ">= 0")
        if prefix != "availability" and values and sum(values.values()) <= 0:
            out.add("profiles", f"profile '{header}' is zero everywhere", value=header,
                    expected="some positive values")


def _check_targets(case: CaseTables, rows: Rows, out: _Collector, years: list[int], base: Any,
                   end: Any) -> None:
    targets = case.tables["targets"]
    raw = _raw(targets)
    default_scope = case.settings.get("emission_scope") or "scope1"
    seen: dict[tuple, int] = {}
    for r in rows["targets"]:
        key = (r["year"], r["kind"], r["scope"] or default_scope)
        if key in seen:
            out.add("targets", f"same target as row {seen[key]} once the default scope "
                    f"({default_scope}) is applied", raw=raw, row=r["_row"], column="scope",
                    value=r["scope"], expected="one row per year, kind and scope")
        seen.setdefault(key, r["_row"])
    for r in rows["targets"]:
        y = r["year"]
        if y is None or not years:
            continue
        if r["kind"] == "budget" and r["start_year"] is not None and r["start_year"] < base:
            out.add("targets", "budget start_year is before the base year (years outside the "
                    "horizon cannot be counted)", raw=raw, row=r["_row"], column="start_year",
                    value=r["start_year"], expected=f">= base_year ({base})")
        if y < base or y > end:
            out.add("targets", "target year outside the horizon", raw=raw, row=r["_row"],
                    column="year", value=y, expected=f"{base}..{end}")
        elif r["kind"] != "budget" and y not in years:
            out.add("targets", "target year is not a modelled year", raw=raw, row=r["_row"],
                    column="year", value=y, expected="one of " + ", ".join(map(str, years)))
        if r["kind"] == "budget" and r["start_year"] is not None and r["start_year"] > y:
            out.add("targets", "budget start_year is after its year", raw=raw, row=r["_row"],
                    column="start_year", value=r["start_year"], expected=f"<= {y}")
        if (case.settings.get("final_block") == "truncated" and years and y in years
                and y == years[-1] and end - y + 1 < (case.settings.get("year_step") or 1)):
            out.add("targets", f"target year {y} is the last modelled year and, with "
                    "final_block 'truncated', stands for only "
                    f"{end - y + 1} of {case.settings.get('year_step')} years: its "
                    "marginal abatement cost and the investments before it are distorted",
                    raw=raw, row=r["_row"], column="year", value=y,
                    expected="final_block 'full' (the default), or end_year at the end of "
                    "the last step", severity="warning")
        if r["kind"] in ("absolute", "budget") and r["value"] is not None and r["value"] < 0 \
                and not _has_removals(case):
            out.add("targets", "negative cap but no technology removes emissions", raw=raw,
                    row=r["_row"], column="value", value=r["value"],
                    expected=">= 0, or a removal technology", severity="warning")


def _has_removals(case: CaseTables) -> bool:
    flows = case.tables["flows"]
    kinds = dict(zip(case.tables["commodities"]["commodity"], case.tables["commodities"]["kind"],
                     strict=True))
    return any(kinds.get(c) == "emission" and d == "in"
               for c, d in zip(flows["commodity"], flows["direction"], strict=True))
