"""Result tables of the flow maths: flows, commodity balances, marginal prices, storage.

Quantities come from the labelled terms of the balance rows (``balance_slice``,
``balance_annual``) and of ``emission_def``: what each technology produces and consumes is
what it contributes to those rows."""

from __future__ import annotations

import itertools
import math

import pandas as pd

from model.case import Case
from model.maths import costs as cost_maths
from model.results.reading import SolvedArrays, frame, summed
from model.solution import Solution

BALANCES = ("balance_slice", "balance_annual")


def flow_quantities(sol: Solution) -> dict[str, dict[tuple, float]]:
    """Annual quantities by (technology, commodity, year), for direction "out" and "in":
    from the balance rows for balanced commodities, from ``emission_def`` for emissions."""
    out = summed(sol, BALANCES, "produced", ["x.t", "c", "y"])
    out.update(summed(sol, ["emission_def"], "emitted", ["x.t", "c", "y"]))
    into = summed(sol, BALANCES, "consumed", ["x.t", "c", "y"], sign=-1.0)
    into.update(summed(sol, ["emission_def"], "removed", ["x.t", "c", "y"], sign=-1.0))
    return {"out": out, "in": into}


def flows_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Annual inputs and outputs of each (non-storage) technology (commodity unit/yr)."""
    years = case.years
    quantities = flow_quantities(sol)
    pairs = [(t, c, direction)
             for (table, direction) in ((case.ratio_in, "in"), (case.ratio_out, "out"))
             for (t, c) in table if not case.technologies[t].is_storage]
    return frame({
        "technology": [t for t, _c, _d in pairs for _y in years],
        "commodity": [c for _t, c, _d in pairs for _y in years],
        "direction": [d for _t, _c, d in pairs for _y in years],
        "year": years * len(pairs),
        "quantity [unit/yr]": [quantities[d].get((t, c, y), 0.0) + 0.0 for t, c, d in pairs
                               for y in years],
        "unit": [case.commodities[c].unit for _t, c, _d in pairs for _y in years],
    })


def balances_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Annual balance of each balanced commodity (commodity unit/yr): bought + produced -
    consumed - stored, net - sold = demand; each column one labelled term of the balance."""
    ix = sol.ix
    years = case.years
    n = len(years)
    parts = {
        "bought [unit/yr]": summed(sol, BALANCES, "bought", ["c", "y"]),
        "produced [unit/yr]": summed(sol, BALANCES, "produced", ["c", "y"]),
        "consumed [unit/yr]": summed(sol, BALANCES, "consumed", ["c", "y"], sign=-1.0),
        "charged": summed(sol, BALANCES, "charged", ["c", "y"], sign=-1.0),
        "discharged": summed(sol, BALANCES, "discharged", ["c", "y"]),
        "sold [unit/yr]": summed(sol, BALANCES, "sold", ["c", "y"], sign=-1.0),
    }
    columns: dict[str, list] = {"commodity": [c for c in ix.balanced for _y in years],
                                "year": years * len(ix.balanced)}
    for header in ("bought [unit/yr]", "produced [unit/yr]", "consumed [unit/yr]"):
        columns[header] = [parts[header].get((c, y), 0.0) + 0.0 for c in ix.balanced
                           for y in years]
    columns["stored, net [unit/yr]"] = [
        parts["charged"].get((c, y), 0.0) - parts["discharged"].get((c, y), 0.0) + 0.0
        for c in ix.balanced for y in years]
    columns["sold [unit/yr]"] = [parts["sold [unit/yr]"].get((c, y), 0.0) + 0.0
                                 for c in ix.balanced for y in years]
    columns["demand [unit/yr]"] = [case.demand.get((c, y), 0.0) for c in ix.balanced
                                   for y in years]
    columns["unit"] = [case.commodities[c].unit for c in ix.balanced for _y in range(n)]
    return frame(columns)


def prices_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Marginal cost of each balanced commodity: the balance's dual / W_y (money/unit)."""
    money = case.money
    weight = {y: cost_maths.op_weight(case, y) for y in case.years}
    by_slice = sol.duals("balance_slice")  # (c, y, s): dual
    annual = sol.duals("balance_annual")  # (c, y): dual
    keys = [*by_slice, *annual]
    return frame({
        "commodity": [key[0] for key in keys],
        "year": [key[1] for key in keys],
        "slice": [s for _c, _y, s in by_slice] + ["annual"] * len(annual),
        f"marginal price [{money}/unit]": [
            math.nan if d is None else d / weight[key[1]]
            for key, d in zip(keys, itertools.chain(by_slice.values(), annual.values()),
                              strict=True)],
        "unit": [case.commodities[key[0]].unit for key in keys],
    })


def storage_table(case: Case, sol: Solution, v: SolvedArrays) -> pd.DataFrame:
    """Charge, discharge (commodity unit/yr) and state of charge (unit) of each storage
    technology by year and slice."""
    storages = sol.ix.storages
    per_store = len(case.years) * len(case.slices)
    units = [case.commodities[case.storage[t].commodity].unit for t in storages]
    return frame({
        "technology": [t for t in storages for _ in range(per_store)],
        "year": [y for y in case.years for _s in case.slices] * len(storages),
        "slice": list(case.slices) * (len(storages) * len(case.years)),
        "charge [unit/yr]": v.charge.ravel(),
        "discharge [unit/yr]": v.discharge.ravel(),
        "state of charge at slice start [unit]": v.soc.ravel(),
        "unit": [u for u in units for _ in range(per_store)],
    })


def balance_duals(case: Case, sol: Solution) -> dict[tuple[str, int, str], float]:
    """Present-value dual of each balanced commodity by (c, y, s) (money/unit); an annual
    balance's repeated over the slices."""
    out = dict(sol.duals("balance_slice"))
    for (c, y), d in sol.duals("balance_annual").items():
        for s in case.slices:
            out[(c, y, s)] = d
    return out

