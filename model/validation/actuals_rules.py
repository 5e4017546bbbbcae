"""Checks of the ``actuals`` sheet against the case (``--from-actuals``, model/actuals.py):
the record ends at ``actuals_until`` inside the horizon, its rows lie up to it, and each
records what the case allows then: a technology available in that block, within its build
rate, its maximum capacity and its residual stock, measurements of whole blocks. One rule per
function; each problem names the sheet, row and column."""

from __future__ import annotations

import math
from typing import Any

from model.actuals import block_of, horizon_end, recorded_years
from model.horizon import block_lengths
from model.interpolate import interpolate
from model.schema import CAPACITY_MAX, RESIDUAL
from model.validation.cells import is_missing
from model.validation.problems import Collector
from model.validation.rules import CaseView, rule

SHEET = "actuals"
#: Tolerance on capacities compared with limits (capacity units).
TOLERANCE = 1e-9


def _blocks(case: CaseView) -> tuple[list[int], dict[int, int]] | None:
    """Modelled years and the calendar years each stands for; None while the horizon is
    not valid."""
    years = case.years
    if not years:
        return None
    s = case.settings
    return years, block_lengths(years, s["end_year"], s["year_step"],
                                str(s.get("final_block") or "full"))


def _until(case: CaseView) -> int | None:
    until = case.settings.get("actuals_until")
    return until if isinstance(until, int) else None


def _value(r: dict[str, Any], column: str) -> float | None:
    value = r.get(column)
    return None if is_missing(value) else float(value)


def _in_horizon(case: CaseView) -> list[dict[str, Any]]:
    """Rows whose year lies in the horizon and up to actuals_until (the others are reported
    by :func:`actuals_rows_lie_inside_the_record`)."""
    blocks, until = _blocks(case), _until(case)
    if blocks is None:
        return []
    years, n = blocks
    return [r for r in case.rows[SHEET] if isinstance(r["year"], int)
            and block_of(years, n, r["year"]) is not None
            and (until is None or r["year"] <= until)]


def _technologies(case: CaseView) -> dict[str, dict[str, Any]]:
    return {r["technology"]: r for r in case.rows["technologies"]
            if not is_missing(r["technology"])}


def _span(y: int, n: int) -> str:
    """A block in words: ``2030`` (a year step of 1) or ``the block 2030-2034``."""
    return str(y) if n == 1 else f"the block {y}-{y + n - 1}"


def _add(case: CaseView, out: Collector, r: dict[str, Any], column: str, message: str,
         expected: str, severity: str = "error", value: object = None) -> None:
    out.add(SHEET, message, raw=case.raw(SHEET), row=int(r["_row"]), column=column,
            value=r.get(column) if value is None else value, expected=expected,
            severity=severity)


# --------------------------------------------------------------------------------------
# the record's end and the rows' years
# --------------------------------------------------------------------------------------


@rule("actuals", "settings")
def actuals_need_their_last_year(case: CaseView, out: Collector) -> None:
    rows = case.rows[SHEET]
    if rows and case.settings.get("actuals_until") is None \
            and "actuals_until" not in case.settings.get("_rows", {}):
        out.add("settings", f"the actuals sheet records {len(rows)} row(s) but the setting "
                "'actuals_until' is missing: the last calendar year they cover decides what "
                "is fixed", expected="a settings row actuals_until (a calendar year inside "
                "the horizon)")


@rule("settings")
def actuals_until_lies_in_the_horizon(case: CaseView, out: Collector) -> None:
    until, blocks = _until(case), _blocks(case)
    if until is None or blocks is None:
        return
    years, n = blocks
    first, last = years[0], horizon_end(years, n)
    if not first <= until <= last:
        out.add("settings", "actuals_until lies outside the horizon", raw=case.raw("settings"),
                row=case.setting_row("actuals_until"), column="value", value=until,
                expected=f"a calendar year from {first} to {last}")


@rule("actuals", "settings")
def actuals_rows_lie_inside_the_record(case: CaseView, out: Collector) -> None:
    blocks, until = _blocks(case), _until(case)
    if blocks is None:
        return
    years, n = blocks
    first, last = years[0], horizon_end(years, n)
    for r in case.rows[SHEET]:
        k = r["year"]
        if not isinstance(k, int):
            continue
        if k < first:
            _add(case, out, r, "year", f"before the horizon (it starts in {first}): what was "
                 "in service then is the residual capacity (capacity sheet)",
                 f"a calendar year from {first}")
        elif k > last:
            _add(case, out, r, "year", f"past the horizon (it ends in {last})",
                 f"a calendar year up to {last}")
        elif until is not None and k > until:
            _add(case, out, r, "year", f"past the end of the actuals (actuals_until = "
                 f"{until} in settings)", f"a calendar year up to {until}, or a later "
                 "actuals_until")


@rule("actuals", "settings")
def actuals_until_inside_a_block_leaves_it_open(case: CaseView, out: Collector) -> None:
    blocks, until = _blocks(case), _until(case)
    if blocks is None or until is None or not case.rows[SHEET]:
        return
    years, n = blocks
    y = block_of(years, n, until)
    if y is None or recorded_years(y, n[y], until) == n[y]:
        return
    out.add("settings", f"actuals_until {until} falls inside the block {y}-{y + n[y] - 1}: "
            "there, the capacity recorded is a floor, the years after it may add up to each "
            "technology's max_build_per_year, and activity and emissions are not fixed",
            raw=case.raw("settings"), row=case.setting_row("actuals_until"), column="value",
            value=until, expected=f"{y + n[y] - 1} to record the whole block",
            severity="warning")


# --------------------------------------------------------------------------------------
# what a row records
# --------------------------------------------------------------------------------------


@rule("actuals")
def actuals_rows_say_what_they_record(case: CaseView, out: Collector) -> None:
    for r in case.rows[SHEET]:
        tech = r["technology"]
        given = [c for c in ("commissioned", "retired", "activity", "emissions")
                 if _value(r, c) is not None]
        if is_missing(tech):
            for column in (c for c in given if c != "emissions"):
                _add(case, out, r, column, f"'{column}' needs a technology on its row",
                     "a technology (a row without one records the cluster's emissions)")
        elif "emissions" in given:
            _add(case, out, r, "emissions", "emissions are recorded for the whole cluster, "
                 "on a row without technology", "an empty technology cell on this row, or "
                 "no emissions")
        if not given:
            _add(case, out, r, "year", "the row records nothing", "a value in commissioned, "
                 "retired, activity or emissions", severity="warning")


@rule("actuals", "technologies", "settings")
def actuals_build_what_was_available(case: CaseView, out: Collector) -> None:
    blocks = _blocks(case)
    if blocks is None:
        return
    years, n = blocks
    techs = _technologies(case)
    for r in _in_horizon(case):
        tech = techs.get(r["technology"])
        built = _value(r, "commissioned")
        if tech is None or not built:
            continue
        first = tech["first_year"] if isinstance(tech["first_year"], int) else case.base
        y = block_of(years, n, r["year"])
        if r["year"] < first:
            _add(case, out, r, "commissioned", f"{r['technology']} is not available before "
                 f"{first} (its first_year, sheet technologies)", f"0, or a year from {first}")
        elif y < first:
            _add(case, out, r, "commissioned", f"{r['year']} falls in the block {y}-"
                 f"{y + n[y] - 1}, which starts before {r['technology']}'s first_year "
                 f"{first}: the model builds nothing of it in that block",
                 f"0, or first_year {y} or earlier (sheet technologies)")


@rule("actuals", "technologies", "settings")
def actuals_keep_to_the_build_rate(case: CaseView, out: Collector) -> None:
    blocks = _blocks(case)
    if blocks is None:
        return
    years, n = blocks
    techs = _technologies(case)
    totals: dict[tuple[str, int], tuple[float, dict[str, Any]]] = {}
    for r in _in_horizon(case):
        built = _value(r, "commissioned")
        if r["technology"] in techs and built:
            key = (r["technology"], block_of(years, n, r["year"]))
            total = totals.get(key, (0.0, r))[0] + built
            totals[key] = (total, r)
    for (t, y), (total, r) in totals.items():
        rate = techs[t]["max_build_per_year"]
        if rate is not None and total > rate * n[y] + TOLERANCE:
            _add(case, out, r, "commissioned", f"{total:g} of {t} commissioned in "
                 f"{_span(y, n[y])} is more than its max_build_per_year {rate:g} allows in "
                 f"{n[y]} year(s)", f"at most {rate * n[y]:g}, or a higher "
                 "max_build_per_year (sheet technologies)", value=total)


@rule("actuals", "technologies", "capacity", "settings")
def actuals_stay_under_max_capacity(case: CaseView, out: Collector) -> None:
    blocks = _blocks(case)
    if blocks is None:
        return
    years, n = blocks
    step = int(case.settings["year_step"])
    techs = _technologies(case)
    traj = case.trajectories("capacity")
    built: dict[str, list[tuple[int, float, dict[str, Any]]]] = {}
    for r in _in_horizon(case):
        value = _value(r, "commissioned")
        if r["technology"] in techs and value:
            built.setdefault(r["technology"], []).append(
                (block_of(years, n, r["year"]), value, r))
    for t, rows in built.items():
        highest = traj.get((t, CAPACITY_MAX))
        lifetime = techs[t]["lifetime"]
        if not highest or lifetime is None:
            continue
        life = int(step * math.ceil(float(lifetime) / step - 1e-9))
        residual = traj.get((t, RESIDUAL)) or {}
        kept = 0.0 if techs[t]["early_retirement"] else None
        for y in years:
            alive = [(v, q, r) for v, q, r in rows if v <= y < v + life]
            if not alive:
                continue
            low = sum(q for _v, q, _r in alive) + (
                kept if kept is not None else (interpolate(residual, y) if residual else 0.0))
            cap = interpolate(highest, y)
            if low > cap + TOLERANCE:
                last = max(alive, key=lambda a: (a[0], a[2]["_row"]))[2]
                _add(case, out, last, "commissioned", f"{t} would have at least {low:g} in "
                     f"service in {y} (recorded commissioning" + ("" if kept is not None else
                                                                  " plus residual capacity")
                     + f"), above its max capacity {cap:g} (sheet capacity)",
                     f"at most {cap:g} in service, or a higher max", value=low)
                break


@rule("actuals", "technologies", "capacity", "settings")
def actuals_retire_existing_capacity(case: CaseView, out: Collector) -> None:
    blocks = _blocks(case)
    if blocks is None:
        return
    years, n = blocks
    techs = _technologies(case)
    traj = case.trajectories("capacity")
    cumulative: dict[str, float] = {}
    for r in sorted(_in_horizon(case), key=lambda r: (r["year"], r["_row"])):
        t, retired = r["technology"], _value(r, "retired")
        if t not in techs or not retired:
            continue
        if not techs[t]["early_retirement"]:
            _add(case, out, r, "retired", f"{t} may not retire early (early_retirement is "
                 "FALSE, sheet technologies)", "0, or early_retirement TRUE")
            continue
        residual = traj.get((t, RESIDUAL)) or {}
        y = block_of(years, n, r["year"])
        still = interpolate(residual, y) if residual else 0.0
        start = interpolate(residual, years[0]) if residual else 0.0
        cumulative[t] = cumulative.get(t, 0.0) + retired
        if retired > still + TOLERANCE:
            _add(case, out, r, "retired", f"more than the residual capacity of {t} still in "
                 f"service in {y} ({still:g}, sheet capacity)", f"at most {still:g}")
        elif cumulative[t] > start + TOLERANCE:
            _add(case, out, r, "retired", f"the retirements of {t} recorded up to this row "
                 f"add up to {cumulative[t]:g}, more than its residual capacity ({start:g})",
                 f"at most {start:g} in all", value=cumulative[t])


@rule("actuals", "storage")
def actuals_activity_of_operating_technologies(case: CaseView, out: Collector) -> None:
    storage = case.storage_techs
    for r in case.rows[SHEET]:
        if r["technology"] in storage and _value(r, "activity") is not None:
            _add(case, out, r, "activity", f"{r['technology']} is a storage technology: it "
                 "has no activity to fix", "no activity (record its capacity only)")


@rule("actuals", "settings")
def actuals_measure_whole_blocks(case: CaseView, out: Collector) -> None:
    """Activity and emissions are fixed at the mean of a block's years: all of them, in
    blocks recorded whole; blocks recorded in part are not fixed (a warning)."""
    blocks, until = _blocks(case), _until(case)
    if blocks is None or until is None:
        return
    years, n = blocks
    for column in ("activity", "emissions"):
        groups: dict[tuple[object, int], list[dict[str, Any]]] = {}
        for r in _in_horizon(case):
            if _value(r, column) is not None:
                key = (r["technology"], block_of(years, n, r["year"]))
                groups.setdefault(key, []).append(r)
        for (t, y), rows in groups.items():
            span = f"{y}-{y + n[y] - 1}"
            given = sorted({r["year"] for r in rows})
            what = f"{column} of {t}" if column == "activity" else "the cluster's emissions"
            first = min(rows, key=lambda r: r["_row"])
            if recorded_years(y, n[y], until) < n[y]:
                _add(case, out, first, column, f"{what} in {', '.join(map(str, given))} is "
                     f"not fixed: the block {span} is recorded only up to {until}",
                     f"actuals_until {y + n[y] - 1} or later to fix it", severity="warning")
            elif len(given) < n[y]:
                missing = [k for k in range(y, y + n[y]) if k not in given]
                _add(case, out, first, column, f"{what} is measured for "
                     f"{', '.join(map(str, given))} but not "
                     f"{', '.join(map(str, missing))}: the block {span} is fixed at the mean "
                     "of its years", f"a value for every year {span}, or none")
