"""The cash-flow statement a finance team reads, and the bridge from overnight capex to the
capex the net present cost counts.

* :func:`cash_flow_statement`: calendar years as columns; a line per cost category in money
  of the year (capex as the objective counts it: annuity payments inside the horizon, or
  overnight lump sums less salvage), the total, the discount factor, the present value and
  its cumulation; the present values add up to the net present cost. Memo lines: the
  overnight investment spent in each calendar year (spread over each technology's
  ``build_time``, ending in its commissioning year), and the net present cost without
  penalties when targets are missed.
* :func:`capex_bridge`: overnight investment -> financing over the assets' lives -> annuity
  payments over their lives -> less those after the horizon -> the capex in the net present
  cost (annuity method); overnight -> less salvage -> the capex in the net present cost
  (lump sum); undiscounted and as present values.

Both are read from the cost table (itself read from the objective's terms) and the capex
schedule of :mod:`model.maths.costs`, so they reconcile with the objective.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.case import Case
from model.maths import costs as cost_maths
from model.results.reading import EPS, SolvedArrays

#: Statement lines by cost category, in the order a statement lists them.
LINES: tuple[tuple[str, str], ...] = (
    ("capex", "capex"),
    ("salvage", "salvage value of assets outliving the horizon"),
    ("fixed_om", "fixed O&M"),
    ("variable_om", "variable O&M"),
    ("fuel", "fuel and power purchases"),
    ("carbon", "carbon cost"),
    ("storage_credit", "storage credits (e.g. US 45Q)"),
    ("sales", "export revenue"),
    ("target_penalty", "penalties for missed targets (elastic mode)"),
)

TOTAL, FACTOR, PRESENT, CUMULATIVE = ("total cost", "discount factor, end of year",
                                      "present value", "cumulative present value")
SPEND = "memo: overnight investment spent (construction profile)"
WITHOUT_PENALTIES = "memo: net present cost without penalties"


def capex_line(case: Case) -> str:
    if case.settings.get("capex_method", "annuity") == "annuity":
        return "capex: annuity payments inside the horizon"
    return "capex: overnight investment at commissioning"


def overnight_spend(case: Case, v: SolvedArrays, techs: list[str]) -> dict[int, float]:
    """Overnight investment by calendar year: each vintage's ``capex * new`` spread evenly
    over the ``build_time`` years ending in its commissioning year (money of the year)."""
    spend: dict[int, float] = {}
    for t, built in zip(techs, v.new.tolist(), strict=True):
        n = case.technologies[t].build_time
        for vy, new in zip(case.years, built, strict=True):
            if new <= EPS:
                continue
            amount = cost_maths.capex(case, t, vy) * new
            for k in range(vy - n + 1, vy + 1):
                spend[k] = spend.get(k, 0.0) + amount / n
    return spend


def cash_flow_statement(case: Case, costs: pd.DataFrame, v: SolvedArrays,
                        techs: list[str]) -> pd.DataFrame:
    """The statement (module docstring): one row per line, a column per calendar year."""
    money = case.money
    calendar = list(range(case.base_year, case.end_year + 1))
    spend = overnight_spend(case, v, techs)
    years = sorted(set(calendar) | set(spend))
    cash_col, pv_col = f"cash flow [{money}]", f"present value [{money}]"
    by = {}
    if not costs.empty:
        grouped = costs.groupby(["category", "year"])[[cash_col, pv_col]].sum()
        by = {key: (row[cash_col], row[pv_col]) for key, row in grouped.iterrows()}
    rows: list[dict] = []

    def row(line: str, unit: str, per_year: dict[int, float] | None, total, present):
        r = {"line": line, "unit": unit, "total": total, "present value": present}
        for k in years:
            r[str(k)] = None if per_year is None else per_year.get(k)
        rows.append(r)

    cash_total = {k: 0.0 for k in calendar}
    pv_total = {k: 0.0 for k in calendar}
    for category, label in LINES:
        flows = {k: by[(category, k)] for k in calendar if (category, k) in by}
        if not flows:
            continue
        label = capex_line(case) if category == "capex" else label
        for k, (cash, pv) in flows.items():
            cash_total[k] += cash
            pv_total[k] += pv
        row(label, money, {k: c for k, (c, _p) in flows.items()},
            sum(c for c, _p in flows.values()), sum(p for _c, p in flows.values()))
    row(TOTAL, money, cash_total, sum(cash_total.values()), sum(pv_total.values()))
    factors = {k: cost_maths.discount_end(case, k) for k in calendar}
    row(FACTOR, "", factors, None, None)
    row(PRESENT, money, pv_total, None, sum(pv_total.values()))
    cumulative, running = {}, 0.0
    for k in calendar:
        running += pv_total[k]
        cumulative[k] = running
    row(CUMULATIVE, money, cumulative, None, running)
    row(SPEND, money, spend, sum(spend.values()), sum(
        amount * cost_maths.discount_start(case, k) for k, amount in spend.items()))
    penalties = {k: by[("target_penalty", k)][1] for k in calendar
                 if ("target_penalty", k) in by}
    if penalties:
        row(WITHOUT_PENALTIES, money, None, None, running - sum(penalties.values()))
    return pd.DataFrame(rows)


def capex_bridge(case: Case, v: SolvedArrays, techs: list[str]) -> pd.DataFrame:
    """From overnight investment to the capex the net present cost counts (module docstring):
    undiscounted and present value (money), each line with what it means."""
    money = case.money
    end = case.end_year
    annuity_method = case.settings.get("capex_method", "annuity") == "annuity"
    totals = np.zeros((6, 2))  # lines x (undiscounted, present value)
    for t, built in zip(techs, v.new.tolist(), strict=True):
        life = case.technologies[t].life
        for vy, new in zip(case.years, built, strict=True):
            if new <= EPS:
                continue
            overnight = cost_maths.capex(case, t, vy) * new
            totals[0] += (overnight, overnight * cost_maths.discount_start(case, vy))
            if annuity_method:
                a = cost_maths.annuity(case, t, vy) * new
                last = vy + life - 1
                inside = min(last, end)
                lifetime = (a * life, a * cost_maths.end_of_year_pv(case, vy, last))
                after = (a * max(0, last - end),
                         a * cost_maths.end_of_year_pv(case, end + 1, last))
                totals[2] += lifetime
                totals[3] += after
                totals[4] += (a * (inside - vy + 1), a * cost_maths.end_of_year_pv(
                    case, vy, inside))
            else:
                salvage = cost_maths.salvage(case, t, vy) * new
                totals[3] += (salvage, salvage * cost_maths.discount_end(case, end))
                totals[4] += (overnight - salvage, overnight * cost_maths.discount_start(
                    case, vy) - salvage * cost_maths.discount_end(case, end))
    totals[1] = totals[2] - totals[0]
    if annuity_method:
        lines = [
            ("overnight investment", totals[0], "capex x new capacity; present value at the "
             "start of each commissioning year"),
            ("+ financing over the assets' lives", totals[1], "annuities at each "
             "technology's wacc over its effective life, less the overnight investment (its "
             "present value is zero when wacc equals the discount rate)"),
            ("= annuity payments over the assets' lives", totals[2], "every payment, "
             "also those after the horizon"),
            ("- annuity payments after the horizon", totals[3], f"payments after {end}, "
             "which the net present cost leaves out (the assets serve years it does not "
             "count)"),
            ("= capex in the net present cost", totals[4], "the statement's capex line"),
        ]
    else:
        lines = [
            ("overnight investment", totals[0], "capex x new capacity, paid at the start of "
             "each commissioning year"),
            ("- salvage value", totals[3], f"at the end of {end}: the annuities that assets "
             "outliving the horizon would still owe, at their wacc"),
            ("= capex in the net present cost", totals[4], "the statement's capex and "
             "salvage lines"),
        ]
    return pd.DataFrame({
        "line": [name for name, _v, _n in lines],
        f"undiscounted [{money}]": [float(x[0]) for _n, x, _c in lines],
        f"present value [{money}]": [float(x[1]) for _n, x, _c in lines],
        "note": [note for _n, _v, note in lines],
    })
