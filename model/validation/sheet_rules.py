"""Checks inside one sheet (settings, technologies, flows, storage, trajectories, capacity,
time slices, profiles, targets): one rule per function, each naming the cell it is about."""

from __future__ import annotations

from typing import Any

from model.horizon import HOURS_PER_YEAR
from model.interpolate import interpolate
from model.schema import (
    CAPACITY_MAX,
    CAPACITY_MIN,
    MAX_REDUCTION,
    RESIDUAL,
    SHEET_BY_NAME,
)
from model.validation.cells import is_missing, show
from model.validation.problems import Collector
from model.validation.rules import CaseView, rule

TRAJECTORY_SHEETS = ("costs", "prices", "demand", "capacity")
PARAMETER_SHEETS = ("costs", "prices", "capacity")

# --------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------


@rule("settings")
def end_year_not_before_base_year(case: CaseView, out: Collector) -> None:
    base, end = case.base, case.end
    if isinstance(base, int) and isinstance(end, int) and end < base:
        out.add("settings", "end_year is before base_year", raw=case.raw("settings"),
                row=case.setting_row("end_year"), column="value", value=end,
                expected=f">= base_year ({base})")


@rule("settings")
def miss_penalty_positive(case: CaseView, out: Collector) -> None:
    penalty = case.settings.get("miss_penalty")
    if penalty is not None and penalty <= 0:
        out.add("settings", "miss_penalty must be positive (at 0, elastic mode ignores targets)",
                raw=case.raw("settings"), row=case.setting_row("miss_penalty"),
                column="value", value=penalty, expected="> 0, far above any abatement cost")


# --------------------------------------------------------------------------------------
# technologies, flows, storage
# --------------------------------------------------------------------------------------


@rule("technologies")
def life_and_conversion_positive(case: CaseView, out: Collector) -> None:
    for r in case.rows["technologies"]:
        for name in ("lifetime", "cap_to_act"):
            if r[name] is not None and r[name] <= 0:
                out.add("technologies", f"'{name}' must be positive",
                        raw=case.raw("technologies"), row=r["_row"], column=name,
                        value=r[name], expected="> 0")


@rule("technologies", "settings")
def first_year_inside_horizon(case: CaseView, out: Collector) -> None:
    if not case.years:
        return
    for r in case.rows["technologies"]:
        if r["first_year"] is not None and r["first_year"] > case.end:
            out.add("technologies", "first_year is after the horizon: never built",
                    raw=case.raw("technologies"), row=r["_row"], column="first_year",
                    value=r["first_year"], expected=f"<= end_year ({case.end})",
                    severity="warning")


@rule("flows")
def flow_has_ratio_or_year_values(case: CaseView, out: Collector) -> None:
    traj = case.trajectories("flows")
    for r in case.rows["flows"]:
        key = (r["technology"], r["commodity"], r["direction"])
        if r["ratio"] is None and not traj.get(tuple(map(str, key))):
            out.add("flows", "no ratio and no year values", raw=case.raw("flows"),
                    row=r["_row"], column="ratio", expected="a ratio or year columns")


@rule("flows")
def flow_ratios_not_negative(case: CaseView, out: Collector) -> None:
    for key, points in case.trajectories("flows").items():
        negative = {y: v for y, v in points.items() if v < 0}
        if negative:
            row = next((r["_row"] for r in case.rows["flows"] if (
                r["technology"], r["commodity"], r["direction"]) == key), None)
            y, v = next(iter(negative.items()))
            out.add("flows", "negative flow ratio (use the other direction)",
                    raw=case.raw("flows"), row=row, column=str(y), value=v, expected=">= 0")


@rule("storage")
def storage_efficiencies_positive(case: CaseView, out: Collector) -> None:
    for r in case.rows["storage"]:
        for name in ("efficiency_in", "efficiency_out"):
            if r[name] is not None and r[name] <= 0:
                out.add("storage", f"'{name}' must be positive (0 would create or destroy "
                        "energy for free)", raw=case.raw("storage"), row=r["_row"],
                        column=name, value=r[name], expected="> 0 and <= 1")


# --------------------------------------------------------------------------------------
# trajectory sheets: costs, prices, demand, capacity
# --------------------------------------------------------------------------------------


def _trajectory_rule(sheet: str):
    @rule(sheet)
    def row_has_year_values(case: CaseView, out: Collector) -> None:
        keys = SHEET_BY_NAME[sheet].keys
        for r in case.rows[sheet]:
            if not r.get("_refused_years") and \
                    not case.trajectories(sheet).get(tuple(str(r[k]) for k in keys)):
                out.add(sheet, "row has no year values", raw=case.raw(sheet), row=r["_row"],
                        column=keys[0], value=r[keys[0]], expected="values in year columns "
                        "(e.g. 2025, 2030)")
    row_has_year_values.__name__ = f"{sheet}_row_has_year_values"
    return row_has_year_values


def _parameter_rule(sheet: str):
    @rule(sheet)
    def parameter_values_in_range(case: CaseView, out: Collector) -> None:
        """Year values below the parameter's minimum are errors; below its warning level
        (a negative price), warnings naming the cell."""
        schema = SHEET_BY_NAME[sheet]
        first = schema.keys[0]
        for r in case.rows[sheet]:
            if r["parameter"] is None:
                continue
            param = schema.parameter(r["parameter"])
            values = case.trajectories(sheet).get((str(r[first]), str(r["parameter"])), {})
            for year, v in values.items():
                if param.minimum is not None and v < param.minimum:
                    out.add(sheet, f"{param.name} is below its minimum", raw=case.raw(sheet),
                            row=r["_row"], column=str(year), value=v,
                            expected=f">= {param.minimum} {param.unit}")
                elif param.warn_below is not None and v < param.warn_below:
                    out.add(sheet, f"{param.name} is below {show(param.warn_below)}: allowed, "
                            "but the cluster is then paid for each unit (check the sign)",
                            raw=case.raw(sheet), row=r["_row"], column=str(year), value=v,
                            expected=f">= {show(param.warn_below)} {param.unit}",
                            severity="warning")
    parameter_values_in_range.__name__ = f"{sheet}_parameter_values_in_range"
    return parameter_values_in_range


for _sheet in TRAJECTORY_SHEETS:
    _trajectory_rule(_sheet)
for _sheet in PARAMETER_SHEETS:
    _parameter_rule(_sheet)


@rule("capacity", "settings")
def residual_never_increases(case: CaseView, out: Collector) -> None:
    years = case.years
    traj = case.trajectories("capacity")
    raw = case.raw("capacity")
    for r in case.rows["capacity"]:
        points = traj.get((str(r["technology"]), RESIDUAL), {}) \
            if r["parameter"] == RESIDUAL else {}
        if not points or not years:
            continue
        values = [interpolate(points, y) for y in years]
        for y0, y1, v0, v1 in zip(years, years[1:], values, values[1:], strict=False):
            if v1 > v0 + 1e-9 * max(1.0, abs(v0)):
                column = str(y1) if raw is not None and str(y1) in raw.letters else "parameter"
                out.add("capacity", f"residual capacity increases from {y0} to {y1}", raw=raw,
                        row=r["_row"], column=column, value=v1,
                        expected=f"<= {v0:g} (use parameter 'min' for committed builds)")
                break


@rule("capacity", "settings")
def min_not_above_max(case: CaseView, out: Collector) -> None:
    traj = case.trajectories("capacity")
    lo = {r["technology"]: traj.get((r["technology"], CAPACITY_MIN), {})
          for r in case.rows["capacity"] if r["parameter"] == CAPACITY_MIN}
    for r in case.rows["capacity"]:
        if r["parameter"] != CAPACITY_MAX or r["technology"] not in lo:
            continue
        hi, low = traj.get((r["technology"], CAPACITY_MAX), {}), lo[r["technology"]]
        for y in case.years:
            if hi and low and interpolate(low, y) > interpolate(hi, y) + 1e-9:
                out.add("capacity", f"min capacity exceeds max capacity in {y}",
                        raw=case.raw("capacity"), row=r["_row"], column="parameter",
                        value=CAPACITY_MAX, expected="max >= min")
                break


# --------------------------------------------------------------------------------------
# time slices and profiles
# --------------------------------------------------------------------------------------


def _periods(slices: list[dict[str, Any]]) -> dict[Any, list[dict[str, Any]]]:
    """Slices by period, periods in order of first appearance; slices without a period left
    out (as pandas' ``groupby(sort=False)``)."""
    periods: dict[Any, list[dict[str, Any]]] = {}
    for r in slices:
        if not is_missing(r["period"]):
            periods.setdefault(r["period"], []).append(r)
    return periods


def _complete_slices(case: CaseView) -> bool:
    rows = case.rows["timeslices"]
    return bool(rows) and not any(is_missing(r["hours"]) for r in rows)


@rule("timeslices")
def some_time_slices(case: CaseView, out: Collector) -> None:
    if not case.rows["timeslices"]:
        out.add("timeslices", "no time slices",
                expected="at least one slice (e.g. 'all', hours 8760)")


@rule("timeslices")
def hours_sum_to_a_year(case: CaseView, out: Collector) -> None:
    if not _complete_slices(case):
        return
    total = float(sum(r["hours"] for r in case.rows["timeslices"]))
    if abs(total - HOURS_PER_YEAR) > 1e-3:
        out.add("timeslices", "slice hours do not sum to a year", column="hours", value=total,
                expected="8760 h")


@rule("timeslices")
def periods_agree_on_occurrences(case: CaseView, out: Collector) -> None:
    if not _complete_slices(case):
        return
    for period, group in _periods(case.rows["timeslices"]).items():
        first = group[0]["occurrences"]
        for r in group:
            if r["occurrences"] is not None and first is not None and r["occurrences"] != first:
                out.add("timeslices", f"slices of period '{period}' disagree on occurrences",
                        raw=case.raw("timeslices"), row=int(r["_row"]), column="occurrences",
                        value=r["occurrences"], expected=f"{first:g} like the period's first "
                        "slice (one value per period)")


@rule("timeslices")
def order_distinct_in_period(case: CaseView, out: Collector) -> None:
    if not _complete_slices(case):
        return
    for period, group in _periods(case.rows["timeslices"]).items():
        orders: set[Any] = set()
        for r in group:
            if r["order"] in orders:
                out.add("timeslices", f"order repeats inside period '{period}'",
                        raw=case.raw("timeslices"), row=int(r["_row"]), column="order",
                        value=r["order"], expected="a distinct position per slice")
            orders.add(r["order"])


@rule("timeslices")
def occurrences_positive(case: CaseView, out: Collector) -> None:
    if not _complete_slices(case):
        return
    for group in _periods(case.rows["timeslices"]).values():
        for r in group:
            if r["occurrences"] is not None and r["occurrences"] <= 0:
                out.add("timeslices", "occurrences must be positive",
                        raw=case.raw("timeslices"), row=r["_row"], column="occurrences",
                        value=r["occurrences"], expected="> 0")


@rule("profiles")
def profile_values_in_range(case: CaseView, out: Collector) -> None:
    profile_rows = {r["slice"]: r["_row"] for r in case.rows["profiles"]}
    for header, values in case.tables.profiles.items():
        availability = header.split(":", 1)[0] == "availability"
        for sl, v in values.items():
            if v < 0 or (availability and v > 1):
                out.add("profiles", "profile value out of range", raw=case.raw("profiles"),
                        row=profile_rows.get(sl), column=header, value=v,
                        expected="0..1" if availability else ">= 0")


@rule("profiles")
def shape_not_zero_everywhere(case: CaseView, out: Collector) -> None:
    for header, values in case.tables.profiles.items():
        if header.split(":", 1)[0] != "availability" and values \
                and sum(values.values()) <= 0:
            out.add("profiles", f"profile '{header}' is zero everywhere", value=header,
                    expected="some positive values")


# --------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------


@rule("targets", "settings")
def one_target_per_year_kind_and_scope(case: CaseView, out: Collector) -> None:
    default_scope = case.settings["emission_scope"]
    seen: dict[tuple, int] = {}
    for r in case.rows["targets"]:
        key = (r["year"], r["kind"], r["scope"] or default_scope)
        if key in seen:
            out.add("targets", f"same target as row {seen[key]} once the default scope "
                    f"({default_scope}) is applied", raw=case.raw("targets"), row=r["_row"],
                    column="scope", value=r["scope"],
                    expected="one row per year, kind and scope")
        seen.setdefault(key, r["_row"])


@rule("targets", "settings")
def target_years_in_horizon(case: CaseView, out: Collector) -> None:
    years, base, end = case.years, case.base, case.end
    raw = case.raw("targets")
    for r in case.rows["targets"]:
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


@rule("targets", "settings")
def target_in_a_short_final_block(case: CaseView, out: Collector) -> None:
    """With final_block truncated, a target in a last block shorter than a step is distorted
    (docs/formulation.md, "End of the horizon")."""
    years, end = case.years, case.end
    step = case.settings.get("year_step") or 1
    if case.settings.get("final_block") != "truncated" or not years:
        return
    for r in case.rows["targets"]:
        y = r["year"]
        if y == years[-1] and end - y + 1 < step:
            out.add("targets", f"target year {y} is the last modelled year and, with "
                    f"final_block 'truncated', stands for only {end - y + 1} of {step} years: "
                    "its marginal abatement cost and the investments before it are distorted",
                    raw=case.raw("targets"), row=r["_row"], column="year", value=y,
                    expected="final_block 'full' (the default), or end_year at the end of the "
                    "last step", severity="warning")


@rule("targets")
def reduction_is_a_fraction(case: CaseView, out: Collector) -> None:
    for r in case.rows["targets"]:
        value = r["value"]
        if r["kind"] == "reduction" and value is not None and value > MAX_REDUCTION:
            share = show(value / 100) if value <= 100 else "0.55"
            out.add("targets", f"a reduction is a fraction of base emissions: {share} means "
                    f"{show(value) if value <= 100 else '55'} %", raw=case.raw("targets"),
                    row=r["_row"], column="value", value=value,
                    expected=f"a fraction <= {show(MAX_REDUCTION)} (1 = net zero)")
