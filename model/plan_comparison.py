"""Two solved plans of one case side by side: the original plan and the re-plan from actuals
(:mod:`model.replan`), or the perfect-foresight plan and the myopic one (:mod:`model.rolling`).

The tables are declared by :func:`model.outputs.schema.plan_comparison`: headline figures,
years, capacity and targets. Capacity, new capacity, emissions and investment are read with
the comparison machinery of studies (:func:`model.study.outputs.from_results` and
:func:`model.study.compare.wide`); the costs of each block come from the ``costs`` table, so
the yearly changes of present value add up, to the reconciliation of the cost table with the
objective (1e-6), to the change of the net present cost without penalties.

A target is **at risk** in the second plan when it is missed, or binding there while it was
not in the first, or binding at a marginal abatement cost more than :data:`AT_RISK_MAC_RATIO`
times the first plan's.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.results import Results
from model.results.figures import TargetFigure
from model.solve import Outcome

#: A binding target whose MAC grew by more than this factor is reported at risk.
AT_RISK_MAC_RATIO = 1.25
#: A miss below this is no miss (Mt CO2e; the solver's tolerance).
MISS_TOLERANCE = 1e-7


@dataclass
class Plan:
    """One solved plan and its result tables, under the name the comparison gives it;
    ``targets`` replaces the results' target figures (the myopic plan's MACs are its
    windows')."""

    name: str
    outcome: Outcome
    results: Results
    targets: list[TargetFigure] | None = None

    @property
    def npv(self) -> float:
        """Net present cost without the penalties of missed targets (money)."""
        return float(self.results.figures.npv_without_penalties)

    @property
    def target_figures(self) -> list[TargetFigure]:
        return self.targets if self.targets is not None else self.results.figures.targets


def compare_plans(prefix: str, first: Plan, second: Plan, what: str
                  ) -> dict[str, pd.DataFrame]:
    """The comparison tables ``prefix``, ``prefix_years``, ``prefix_capacity`` and
    ``prefix_targets`` (``what`` names the change of the net present cost, e.g. "the cost
    of myopia"). The second plan's messages get a line per target at risk or missed."""
    from model.study.compare import wide
    from model.study.outputs import from_results

    runs = [from_results(p.name, p.outcome, p.results) for p in (first, second)]
    names = [first.name, second.name]
    at_risk = targets(first, second)
    for r in at_risk.to_dict("records"):
        if not str(r["status"]).startswith("met"):
            second.outcome.messages.append(f"target {r['target']}: {r['status']}")
    return {
        prefix: headline(first, second, what),
        f"{prefix}_years": by_year(first, second, wide(runs, "emissions"),
                                   wide(runs, "capex")),
        f"{prefix}_capacity": capacity(names, wide(runs, "capacity"),
                                       wide(runs, "new_capacity")),
        f"{prefix}_targets": at_risk,
    }


# --------------------------------------------------------------------------------------
# headline figures
# --------------------------------------------------------------------------------------


def headline(first: Plan, second: Plan, what: str) -> pd.DataFrame:
    """Net present cost and its change, penalties, investment, emissions over the horizon
    and each target's MAC in both plans."""
    case = second.outcome.case
    money = case.money
    rows: list[tuple] = []

    def add(item: str, a, b, unit: str, comment: str = "", change: float | None = None):
        if change is None and a is not None and b is not None:
            change = b - a
        rows.append((item, a, b, change, unit, comment))

    add("net present cost", first.npv, second.npv, money,
        f"discounted at {case.discount_rate:.2%}/yr to the start of {case.base_year}, "
        "without the penalties of missed targets")
    add(what, None, None, money, f"the {second.name}'s net present cost minus the "
        f"{first.name}'s: the sum of the changes by year ('cumulated' in the years table)",
        change=second.npv - first.npv)
    penalties = [p.results.figures.penalties for p in (first, second)]
    if any(abs(x) > 0 for x in penalties):
        add("penalties of missed targets, present value", *penalties, money,
            "what the solver priced the missed tonnes at (not a cost; left out above)")
    invest = [sum(p.results.figures.investment_by_technology.values()) for p in (first, second)]
    add("overnight investment, total", *invest, money, "undiscounted")
    scope = second.results.figures.scope
    emitted = [_horizon_emissions(p, scope) for p in (first, second)]
    add(f"emissions over the horizon, {scope}", *emitted, "Mt CO2e",
        "each modelled year's emissions times the calendar years it stands for")
    before = {t.label: t for t in first.target_figures}
    for t in second.target_figures:
        a = before.get(t.label)
        add(f"marginal abatement cost {t.label}", a.mac if a else None, t.mac,
            f"{money}/Mt CO2e", status(a, t, first.name, money))
        if t.missed > MISS_TOLERANCE or (a is not None and a.missed > MISS_TOLERANCE):
            add(f"missed {t.label}", a.missed if a else None, t.missed,
                "Mt CO2e" if t.kind == "budget" else "Mt CO2e/yr", t.miss_text)
    frame = pd.DataFrame(rows, columns=["item", first.name, second.name, "change", "unit",
                                        "comment"])
    for column in (first.name, second.name, "change"):
        frame[column] = frame[column].astype(object)
    return frame


def _horizon_emissions(plan: Plan, scope: str) -> float:
    case = plan.outcome.case
    field = "scope12" if scope == "scope12" else "scope1"
    return sum(getattr(f, field) * case.n_years[f.year] for f in plan.results.figures.years)


# --------------------------------------------------------------------------------------
# by year
# --------------------------------------------------------------------------------------

EMISSION_ITEMS = {"scope1": "scope-1 emissions", "scope12": "scope-1+2 emissions"}


def block_costs(plan: Plan) -> pd.DataFrame:
    """Present value and money of the years of each block's costs, penalties left out."""
    money = plan.outcome.case.money
    costs = plan.results.tables["costs"]
    costs = costs[costs["category"] != "target_penalty"]
    by_block = costs.groupby("modelled year")[[f"present value [{money}]",
                                               f"cash flow [{money}]"]].sum()
    years = plan.outcome.case.years
    return by_block.reindex(years, fill_value=0.0)


def _scope2_differs(emissions: pd.DataFrame, names: list[str]) -> bool:
    """Whether scope-1+2 emissions differ from scope 1 in some year (else one line)."""
    if emissions.empty:
        return False
    s1 = emissions[emissions["item"] == "scope1"].set_index("year")[names].fillna(0.0)
    s12 = emissions[emissions["item"] == "scope12"].set_index("year")[names].fillna(0.0)
    return not s12.empty and bool(((s12 - s1.reindex(s12.index).fillna(0.0)).abs()
                                   > 1e-9).to_numpy().any())


def by_year(first: Plan, second: Plan, emissions: pd.DataFrame, capex: pd.DataFrame
            ) -> pd.DataFrame:
    """Emissions, costs (present value, cumulated, money of the years) and overnight
    investment by modelled year in both plans, and the change."""
    money = second.outcome.case.money
    a, b = first.name, second.name
    rows: list[tuple] = []
    show12 = _scope2_differs(emissions, [a, b])
    for r in emissions.to_dict("records"):
        if r["item"] == "scope12" and not show12:
            continue
        rows.append((int(r["year"]), EMISSION_ITEMS[r["item"]], r["unit"], r[a], r[b]))
    pv, cash = f"present value [{money}]", f"cash flow [{money}]"
    ca, cb = block_costs(first), block_costs(second)
    cum_a = ca[pv].cumsum()
    cum_b = cb[pv].cumsum()
    for y in second.outcome.case.years:
        rows.append((y, "costs, present value", money, float(ca.at[y, pv]), float(cb.at[y, pv])))
        rows.append((y, "costs, present value, cumulated", money, float(cum_a.at[y]),
                     float(cum_b.at[y])))
        rows.append((y, "costs in the block, money of the years", money,
                     float(ca.at[y, cash]), float(cb.at[y, cash])))
    for r in capex.to_dict("records"):
        rows.append((int(r["year"]), "overnight investment", money, r[a], r[b]))
    frame = pd.DataFrame(rows, columns=["year", "item", "unit", a, b])
    frame[[a, b]] = frame[[a, b]].astype(float).fillna(0.0)
    frame["change"] = frame[b] - frame[a]
    order = {name: i for i, name in enumerate(
        [*EMISSION_ITEMS.values(), "costs, present value", "costs, present value, cumulated",
         "costs in the block, money of the years", "overnight investment"])}
    frame = frame.sort_values(["year", "item"], key=lambda s: s.map(order) if s.name == "item"
                              else s, kind="stable", ignore_index=True)
    for column in (a, b, "change"):
        frame[column] = frame[column].astype(object)
    return frame


# --------------------------------------------------------------------------------------
# capacity
# --------------------------------------------------------------------------------------


def capacity(names: list[str], installed: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Installed and new capacity by technology and year in both plans (technologies built
    in either), with the changes."""
    a, b = names
    change = f"{b} - {a}"
    parts = []
    for frame, what in ((installed, "capacity"), (new, "new")):
        if frame.empty:
            continue
        parts.append(frame.rename(columns={
            "item": "technology", "unit": "capacity_unit",
            a: f"{what}, {a} [capacity_unit]", b: f"{what}, {b} [capacity_unit]",
            change: f"{what}, change [capacity_unit]"}).set_index(
            ["technology", "year", "capacity_unit"]))
    if not parts:
        return pd.DataFrame()
    table = pd.concat(parts, axis=1, join="outer").fillna(0.0).reset_index()
    columns = ["technology", "year"] + [f"{w}, {x} [capacity_unit]" for w in ("capacity", "new")
                                        for x in (a, b, "change")] + ["capacity_unit"]
    for c in columns:
        if c not in table.columns:
            table[c] = 0.0
    table["year"] = table["year"].astype(int)
    return table[columns].sort_values(["technology", "year"], ignore_index=True)


# --------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------


def status(before: TargetFigure | None, after: TargetFigure, first: str, money: str) -> str:
    """Whether a target is met, at risk or missed in the second plan, in words."""
    if after.missed > MISS_TOLERANCE:
        return "missed: " + after.miss_text
    if after.binding and (before is None or not before.binding):
        return (f"at risk: binding now (MAC {after.mac:,.1f} {money}/Mt CO2e), it was not in "
                f"the {first}")
    if after.binding and before is not None and before.mac > 0 \
            and after.mac > AT_RISK_MAC_RATIO * before.mac:
        return (f"at risk: binding at a MAC {after.mac / before.mac:.1f} times the {first}'s "
                f"({before.mac:,.1f} -> {after.mac:,.1f} {money}/Mt CO2e)")
    return "met, binding" if after.binding else "met"


def targets(first: Plan, second: Plan) -> pd.DataFrame:
    """Each target of the second plan beside the first: emissions, miss, MAC, status."""
    money = second.outcome.case.money
    a, b = first.name, second.name
    before = {t.label: t for t in first.target_figures}
    rows = []
    for t in second.target_figures:
        p = before.get(t.label)
        rows.append({
            "target": t.label, "kind": t.kind, "year": t.year, "cap [Mt CO2e (/yr)]": t.cap,
            f"emissions, {a} [Mt CO2e (/yr)]": p.emissions if p else None,
            f"emissions, {b} [Mt CO2e (/yr)]": t.emissions,
            f"missed, {b} [Mt CO2e (/yr)]": t.missed,
            f"MAC, {a} [{money}/Mt CO2e]": p.mac if p else None,
            f"MAC, {b} [{money}/Mt CO2e]": t.mac,
            f"MAC, change [{money}/Mt CO2e]": t.mac - p.mac if p else None,
            "status": status(p, t, a, money)})
    return pd.DataFrame(rows)
