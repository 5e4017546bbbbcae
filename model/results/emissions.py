"""Result tables of the emissions maths: emissions by plant and scope, targets and their
marginal abatement costs, CO2 reservoirs."""

from __future__ import annotations

import math

import pandas as pd

from model.case import Case, target_cap
from model.maths import costs as cost_maths
from model.maths.emissions import grid_commodities
from model.results.reading import clean, frame, summed
from model.schema import CARBON_PRICE
from model.solution import Solution
from model.solve import Outcome


def emissions_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Emissions by plant, technology, commodity and year (Mt CO2e/yr): scope 1 from the
    terms of ``emission_def`` (emitted minus removed, times the commodity's CO2e factor),
    scope 2 from the purchases term of ``scope2_def``."""
    ix = sol.ix
    years = case.years
    n = len(years)
    emitted = summed(sol, ["emission_def"], "emitted", ["x.t", "c", "y"])
    removed = summed(sol, ["emission_def"], "removed", ["x.t", "c", "y"], sign=-1.0)
    purchased = summed(sol, ["scope2_def"], "purchased", ["x.c", "y"])
    columns: dict[str, list] = {k: [] for k in (
        "plant", "technology", "category", "commodity", "scope", "year",
        "emissions [Mt CO2e/yr]")}

    def add(plant: str, t: str, category: str, c: str, scope: str, q: list[float]) -> None:
        for header, value in (("plant", plant), ("technology", t), ("category", category),
                              ("commodity", c), ("scope", scope)):
            columns[header] += [value] * n
        columns["year"] += years
        columns["emissions [Mt CO2e/yr]"] += q

    for c in ix.emissions:
        f = case.commodities[c].co2e_factor
        for t in sorted(set(ix.producers[c]) | set(ix.consumers[c])):
            tech = case.technologies[t]
            add(tech.plant, t, tech.category, c, "scope1",
                [(emitted.get((t, c, y), 0.0) - removed.get((t, c, y), 0.0)) * f + 0.0
                 for y in years])
    for c in grid_commodities(case, ix):
        add("purchases", f"purchased {c}", "supply", c, "scope2",
            [purchased.get((c, y), 0.0) + 0.0 for y in years])
    return frame(columns, headers_when_empty=True)


def target_emissions(sol: Solution) -> dict[str, float]:
    """Emissions counted by each target row (Mt CO2e, per year or over a budget): the
    target's emission terms at the solution."""
    out: dict[str, float] = {}
    for label in ("emissions", "scope 2"):
        for (k,), value in summed(sol, ["target"], label, ["k"]).items():
            out[k] = out.get(k, 0.0) + value
    return out


def targets_table(outcome: Outcome, analysis=None) -> pd.DataFrame:
    """Each emission constraint: cap, emissions, miss, shadow price and marginal abatement cost.

    The shadow price is the constraint's dual in money of the target year (dual / W_y for an
    annual cap, dual / d_end(year) for a budget), per Mt CO2e. For an annual scope-1 target
    the marginal abatement cost adds the carbon price per Mt CO2e, which the emissions pay on
    top (the highest, when several gases are priced differently); a budget's is its shadow
    price alone. With ``analysis`` (:mod:`model.abatement`), each binding annual target's
    MAC when its cap is lowered and when it is raised (one-sided differences of the net
    present cost): where they differ, the MAC is not unique (a degenerate LP) and the range is
    what to quote.
    """
    case, sol = outcome.case, outcome.solution
    ranges = analysis.mac_ranges if analysis is not None else {}
    money = case.money
    rows = []
    cp = case.price.get(CARBON_PRICE, {})
    target_duals = sol.duals("target")
    emitted = target_emissions(sol)
    miss = sol.values("miss")
    for tg in case.targets:
        base = outcome.base_emissions.get(tg.scope) if outcome.base_emissions else None
        cap = target_cap(tg, base) if (tg.cap_per_base == 0 or base is not None) else math.nan
        dual = target_duals.get(tg.label)
        weight = cost_maths.discount_end(case, tg.year) if tg.kind == "budget" else \
            cost_maths.op_weight(case, tg.year)
        shadow = -dual / weight if dual is not None else math.nan
        if abs(shadow) < 1e-9:
            shadow = 0.0
        carbon = 0.0
        if tg.kind != "budget":  # a budget's shadow price spans years of different prices
            carbon = max((cp.get((c, tg.year), 0.0) / case.commodities[c].co2e_factor
                          for c in sol.ix.emissions if case.commodities[c].co2e_factor > 0),
                         default=0.0)
        rows.append({
            "target": tg.label, "kind": tg.kind, "scope": tg.scope, "year": tg.year,
            "value as given": tg.value,
            "cap [Mt CO2e" + ("]" if tg.kind == "budget" else "/yr]"): cap,
            "emissions [Mt CO2e (/yr)]": emitted.get(tg.label, 0.0),
            "missed [Mt CO2e (/yr)]": clean(miss[tg.label]),
            "binding": bool(abs(shadow) > 1e-9),
            f"shadow price [{money}/Mt CO2e]": shadow,
            f"carbon price [{money}/Mt CO2e]": carbon,
            f"marginal abatement cost [{money}/Mt CO2e]": shadow + carbon
            if tg.scope == "scope1" else shadow,
            f"MAC, cap lowered [{money}/Mt CO2e]": ranges[tg.label].tightening
            if tg.label in ranges else math.nan,
            f"MAC, cap raised [{money}/Mt CO2e]": ranges[tg.label].relaxing
            if tg.label in ranges else math.nan,
            "MAC unique": ranges[tg.label].unique if tg.label in ranges else None,
        })
    return pd.DataFrame(rows)


def reservoirs_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Each reservoir in each modelled year: injected per year of the block (Mt/yr), stored
    by the block's end (the activity of its ``reservoir_limit`` row, Mt), its capacity, the
    share used, and the scarcity rent: the row's dual over the block's mean discount factor
    ``W_y / n_y``, in money of the year per Mt, as a positive number when the space is
    scarce (one more Mt of space is 1/n_y Mt/yr more over the block's n_y years)."""
    if not case.reservoirs:
        return pd.DataFrame()
    money = case.money
    stored = summed(sol, ["reservoir_limit"], "injected", ["r", "y"])
    duals = sol.duals("reservoir_limit")
    columns: dict[str, list] = {k: [] for k in (
        "reservoir", "year", "injected [Mt/yr]", "stored by the end of the block [Mt]",
        "capacity [Mt]", "used", f"scarcity rent [{money}/Mt]")}
    for r, capacity in case.reservoirs.items():
        before = 0.0
        for y in case.years:
            cumulative = clean(stored.get((r, y), 0.0))
            dual = duals.get((r, y))
            # one more Mt of space lets the block inject 1/n_y Mt/yr more over its n_y
            # years: the dual is worth W_y / n_y per Mt in money of the year
            rent = 0.0 if dual is None else clean(
                -dual * case.n_years[y] / cost_maths.op_weight(case, y))
            for key, value in zip(columns, (r, y, clean((cumulative - before) / case.n_years[y]),
                                            cumulative, capacity,
                                            cumulative / capacity if capacity > 0 else 0.0,
                                            rent), strict=True):
                columns[key].append(value)
            before = cumulative
    return frame(columns)
