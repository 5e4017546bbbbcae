"""Result tables of a solved case (pandas DataFrames, units in every header).

Money is in the case's money unit (``settings.money_unit``). Quantities carry their unit in a
``unit`` column where it varies by row; the header says which column. Cost tables are built
with the same coefficient functions as the objective (:mod:`model.maths.costs`), so the
present values sum to the objective.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from model.case import Case, target_cap
from model.maths import costs as cost_maths
from model.maths.capacity import tranches
from model.maths.emissions import grid_commodities, scope_emissions
from model.solve import Outcome

EPS = 1e-9


def _v(value: float) -> float:
    """A solution value with solver noise below EPS shown as 0."""
    return 0.0 if abs(value) < EPS else float(value)


def _block_of(case: Case, k: int) -> int:
    return max(y for y in case.years if y <= k)


@dataclass
class Results:
    """Tables and headline figures of a solved case."""

    summary: dict[str, object]
    tables: dict[str, pd.DataFrame]


def collect(outcome: Outcome) -> Results:
    """All result tables of a solved (optimal) outcome."""
    case, m = outcome.case, outcome.solution
    money = case.money
    annual = annual_activity(case, m)
    tables = {
        "targets": targets_table(outcome),
        "capacity": capacity_table(case, m),
        "investment": investment_table(case, m),
        "activity": activity_table(case, m, annual),
        "flows": flows_table(case, m, annual),
        "balances": balances_table(case, m, annual),
        "emissions": emissions_table(case, m, annual),
        "costs": costs_table(case, m),
        "prices": prices_table(outcome),
        "storage": storage_table(case, m),
    }
    tables["cash_flows"] = cash_flows_table(tables["costs"], money)
    tables["socioeconomic"] = socioeconomic_table(outcome, tables, annual)
    tables["levelised"] = levelised_table(outcome)
    return Results(summary_figures(outcome, tables), tables)


# --------------------------------------------------------------------------------------


def capacity_table(case: Case, m) -> pd.DataFrame:
    """Capacity by technology and year; 'retired early' is the residual capacity retired
    before its scheduled exit and still missing in that year, so
    capacity = residual - retired early + capacity built and still alive."""
    retirements: dict[str, list[tuple[int | None, int, float]]] = {}  # t: (exit, year, size)
    for t in m.ix.retirable:
        leaving = {j: e for j, (e, _size) in tranches(case, t).items()}
        retirements[t] = [(leaving[j], v, _v(m.retire[tt, j, v]))
                          for (tt, j, v) in m.retire.keys() if tt == t]
    rows = []
    for t, tech in case.technologies.items():
        for y in case.years:
            retired = sum(amount for e, v, amount in retirements.get(t, ())
                          if v <= y and (e is None or e > y))
            rows.append({
                "technology": t, "category": tech.category, "plant": tech.plant, "year": y,
                "capacity [capacity_unit]": _v(m.cap[t, y]),
                "new [capacity_unit]": _v(m.new[t, y]),
                "residual [capacity_unit]": case.residual.get((t, y), 0.0),
                "retired early [capacity_unit]": retired,
                "capacity_unit": tech.capacity_unit,
            })
    return pd.DataFrame(rows)


def investment_table(case: Case, m) -> pd.DataFrame:
    """Overnight capex by commissioning year (what is spent, whatever the capex method)."""
    money = case.money
    rows = []
    for t, tech in case.technologies.items():
        for v in case.years:
            new = _v(m.new[t, v])
            if new <= 0:
                continue
            unit_cost = case.cost.get("capex", {}).get((t, v), 0.0)
            rows.append({
                "year": v, "technology": t, "category": tech.category, "plant": tech.plant,
                "new capacity [capacity_unit]": new, "capacity_unit": tech.capacity_unit,
                f"capex per unit [{money}/capacity_unit]": unit_cost,
                f"overnight investment [{money}]": new * unit_cost,
                f"annuity per year [{money}/yr]": new * cost_maths.annuity(case, t, v),
                "effective life [yr]": tech.life,
            })
    return pd.DataFrame(rows, columns=[
        "year", "technology", "category", "plant", "new capacity [capacity_unit]",
        "capacity_unit", f"capex per unit [{money}/capacity_unit]",
        f"overnight investment [{money}]", f"annuity per year [{money}/yr]",
        "effective life [yr]"])


def annual_activity(case: Case, m) -> dict[tuple[str, int], float]:
    """Activity of each technology over each modelled year (sum of its slices)."""
    return {(t, y): sum(_v(m.act[t, y, s]) for s in case.slices)
            for t in m.ix.active for y in case.years}


def activity_table(case: Case, m, annual: dict[tuple[str, int], float]) -> pd.DataFrame:
    rows = []
    for t in m.ix.active:
        tech = case.technologies[t]
        for y in case.years:
            total = annual[(t, y)]
            potential = sum(m.act_per_cap[t, s] for s in case.slices) * _v(m.cap[t, y])
            rows.append({
                "technology": t, "category": tech.category, "plant": tech.plant, "year": y,
                "activity [activity_unit/yr]": total, "activity_unit": tech.activity_unit,
                "utilisation [fraction of available]": total / potential if potential > EPS
                else 0.0,
            })
    return pd.DataFrame(rows)


def flows_table(case: Case, m, annual: dict[tuple[str, int], float]) -> pd.DataFrame:
    rows = []
    for (table, direction) in ((case.ratio_in, "in"), (case.ratio_out, "out")):
        for (t, c), series in table.items():
            if case.technologies[t].is_storage:
                continue
            for y in case.years:
                q = series[y] * annual[(t, y)]
                rows.append({"technology": t, "commodity": c, "direction": direction,
                             "year": y, "quantity [unit/yr]": q,
                             "unit": case.commodities[c].unit})
    return pd.DataFrame(rows)


def balances_table(case: Case, m, annual: dict[tuple[str, int], float]) -> pd.DataFrame:
    ix = m.ix
    rows = []
    for c in ix.balanced:
        for y in case.years:
            produced = sum(case.ratio_out[(t, c)][y] * annual[(t, y)] for t in ix.producers[c])
            consumed = sum(case.ratio_in[(t, c)][y] * annual[(t, y)] for t in ix.consumers[c])
            stored = sum(_v(m.charge[t, y, s]) - _v(m.discharge[t, y, s])
                         for t in ix.stores_of[c] for s in case.slices)
            bought = sum(_v(m.buy[c, y, s]) for s in case.slices) if c in ix.supply else 0.0
            sold = sum(_v(m.sell[c, y, s]) for s in case.slices) if c in ix.sellable else 0.0
            rows.append({"commodity": c, "year": y, "bought [unit/yr]": bought,
                         "produced [unit/yr]": produced, "consumed [unit/yr]": consumed,
                         "stored, net [unit/yr]": stored, "sold [unit/yr]": sold,
                         "demand [unit/yr]": case.demand.get((c, y), 0.0),
                         "unit": case.commodities[c].unit})
    return pd.DataFrame(rows)


def emissions_table(case: Case, m, annual: dict[tuple[str, int], float]) -> pd.DataFrame:
    """Emissions by plant, technology, commodity and year; scope 2 from purchases."""
    ix = m.ix
    rows = []
    for c in ix.emissions:
        f = case.commodities[c].co2e_factor
        for t in sorted(set(ix.producers[c]) | set(ix.consumers[c])):
            tech = case.technologies[t]
            for y in case.years:
                out = case.ratio_out.get((t, c), {}).get(y, 0.0)
                inp = case.ratio_in.get((t, c), {}).get(y, 0.0)
                q = (out - inp) * annual[(t, y)] * f
                rows.append({"plant": tech.plant, "technology": t, "category": tech.category,
                             "commodity": c, "scope": "scope1", "year": y,
                             "emissions [Mt CO2e/yr]": q})
    gef = case.price.get("grid_emission_factor", {})
    for c in grid_commodities(case, ix):
        for y in case.years:
            q = gef.get((c, y), 0.0) * sum(_v(m.buy[c, y, s]) for s in case.slices)
            rows.append({"plant": "purchases", "technology": f"purchased {c}",
                         "category": "supply", "commodity": c, "scope": "scope2", "year": y,
                         "emissions [Mt CO2e/yr]": q})
    return pd.DataFrame(rows, columns=["plant", "technology", "category", "commodity", "scope",
                                       "year", "emissions [Mt CO2e/yr]"])


def costs_table(case: Case, m) -> pd.DataFrame:
    """Cash flows by calendar year, category and item: money of the year and present value.

    Operating flows of a calendar year fall at its end; capex per the capex method (see
    :mod:`model.maths.costs`). The present values sum to the objective.
    """
    ix = m.ix
    money = case.money
    d_end = {k: cost_maths.discount_end(case, k) for k in range(case.base_year,
                                                                 case.end_year + 1)}
    rows: list[tuple] = []

    def operating(y: int, category: str, item: str, amount: float) -> None:
        if abs(amount) < EPS:
            return
        for k in case.block_years(y):
            rows.append((k, y, category, item, amount, amount * d_end[k]))

    for t in ix.techs:
        for v in case.years:
            new = _v(m.new[t, v])
            if new <= 0:
                continue
            for k, category, amount, pv in cost_maths.capex_cash_flows(case, t, v):
                rows.append((k, _block_of(case, k), category, t, amount * new, pv * new))
    fom = case.cost.get("fixed_om", {})
    vom = case.cost.get("variable_om", {})
    price = case.price.get("price", {})
    xp = case.price.get("export_price", {})
    cp = case.price.get("carbon_price", {})
    credit = case.price.get("storage_credit", {})
    for y in case.years:
        for t in ix.techs:
            operating(y, "fixed_om", t, fom.get((t, y), 0.0) * _v(m.cap[t, y]))
            used = m.discharge if case.technologies[t].is_storage else m.act
            operating(y, "variable_om", t, vom.get((t, y), 0.0) *
                      sum(_v(used[t, y, s]) for s in case.slices))
        for c in ix.supply:
            operating(y, "fuel", c, price.get((c, y), 0.0) * sum(
                case.price_shape[(c, s)] * _v(m.buy[c, y, s]) for s in case.slices))
        for c in ix.sellable:
            operating(y, "sales", c, -xp.get((c, y), 0.0) *
                      sum(_v(m.sell[c, y, s]) for s in case.slices))
        for c in ix.emissions:
            operating(y, "carbon", c, cp.get((c, y), 0.0) * _v(m.emission[c, y]))
        for (t, c, yy) in m.cred.keys():
            if yy == y:
                operating(y, "storage_credit", t, -credit.get((c, y), 0.0) * _v(m.cred[t, c, y]))
    penalty = float(case.settings.get("miss_penalty") or 0.0)
    for tg in case.targets:
        miss = _v(m.miss[tg.label])
        if miss <= 0:
            continue
        if tg.kind == "budget":
            rows.append((tg.year, _block_of(case, tg.year), "target_penalty", tg.label,
                         penalty * miss, penalty * miss * d_end[tg.year]))
        else:
            operating(tg.year, "target_penalty", tg.label, penalty * miss)
    return pd.DataFrame(rows, columns=["year", "modelled year", "category", "item",
                                       f"cash flow [{money}]", f"present value [{money}]"])


def cash_flows_table(costs: pd.DataFrame, money: str) -> pd.DataFrame:
    """Calendar year x category pivot of the cost table, money of the year and PV."""
    if costs.empty:
        return pd.DataFrame()
    flow = costs.pivot_table(index="year", columns="category", values=f"cash flow [{money}]",
                             aggfunc="sum", fill_value=0.0)
    flow.columns = [f"{c} [{money}]" for c in flow.columns]
    flow[f"total [{money}]"] = flow.sum(axis=1)
    pv = costs.groupby("year")[f"present value [{money}]"].sum()
    flow[f"total present value [{money}]"] = pv
    flow[f"cumulative present value [{money}]"] = pv.cumsum()
    return flow.reset_index()


def targets_table(outcome: Outcome) -> pd.DataFrame:
    """Each emission constraint: cap, emissions, miss, shadow price and marginal abatement cost.

    The shadow price is the constraint's dual in money of the target year (dual / W_y for an
    annual cap, dual / d_end(year) for a budget), per Mt CO2e. For an annual scope-1 target
    the marginal abatement cost adds the carbon price per Mt CO2e, which the emissions pay on
    top (the highest, when several gases are priced differently); a budget's is its shadow
    price alone.
    """
    case, m = outcome.case, outcome.solution
    money = case.money
    rows = []
    cp = case.price.get("carbon_price", {})
    target_duals = m.duals("target")
    for tg in case.targets:
        base = outcome.base_emissions.get(tg.scope) if outcome.base_emissions else None
        cap = target_cap(tg, base) if (tg.cap_per_base == 0 or base is not None) else math.nan
        emitted = sum(w * scope_emissions(m, m.ix, y, tg.scope)
                      for y, w in tg.weights.items())
        dual = target_duals.get(tg.label)
        weight = cost_maths.discount_end(case, tg.year) if tg.kind == "budget" else \
            cost_maths.op_weight(case, tg.year)
        shadow = -dual / weight if dual is not None else math.nan
        if abs(shadow) < 1e-9:
            shadow = 0.0
        carbon = 0.0
        if tg.kind != "budget":  # a budget's shadow price spans years of different prices
            carbon = max((cp.get((c, tg.year), 0.0) / case.commodities[c].co2e_factor
                          for c in m.ix.emissions if case.commodities[c].co2e_factor > 0),
                         default=0.0)
        rows.append({
            "target": tg.label, "kind": tg.kind, "scope": tg.scope, "year": tg.year,
            "value as given": tg.value,
            "cap [Mt CO2e" + ("]" if tg.kind == "budget" else "/yr]"): cap,
            "emissions [Mt CO2e (/yr)]": emitted,
            "missed [Mt CO2e (/yr)]": _v(m.miss[tg.label]),
            "binding": bool(abs(shadow) > 1e-9),
            f"shadow price [{money}/Mt CO2e]": shadow,
            f"carbon price [{money}/Mt CO2e]": carbon,
            f"marginal abatement cost [{money}/Mt CO2e]": shadow + carbon
            if tg.scope == "scope1" else shadow,
        })
    return pd.DataFrame(rows)


def prices_table(outcome: Outcome) -> pd.DataFrame:
    """Marginal cost of each balanced commodity: the balance's dual / W_y (money/unit)."""
    case, m = outcome.case, outcome.solution
    money = case.money
    rows = []
    for (c, y, s), d in m.duals("balance_slice").items():
        rows.append({"commodity": c, "year": y, "slice": s,
                     f"marginal price [{money}/unit]": math.nan if d is None else
                     d / cost_maths.op_weight(case, y), "unit": case.commodities[c].unit})
    for (c, y), d in m.duals("balance_annual").items():
        rows.append({"commodity": c, "year": y, "slice": "annual",
                     f"marginal price [{money}/unit]": math.nan if d is None else
                     d / cost_maths.op_weight(case, y), "unit": case.commodities[c].unit})
    return pd.DataFrame(rows)


def storage_table(case: Case, m) -> pd.DataFrame:
    rows = []
    for t in m.ix.storages:
        unit = case.commodities[case.storage[t].commodity].unit
        for y in case.years:
            for s in case.slices:
                rows.append({"technology": t, "year": y, "slice": s,
                             "charge [unit/yr]": _v(m.charge[t, y, s]),
                             "discharge [unit/yr]": _v(m.discharge[t, y, s]),
                             "state of charge at slice start [unit]": _v(m.soc[t, y, s]),
                             "unit": unit})
    return pd.DataFrame(rows)


def summary_figures(outcome: Outcome, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    case = outcome.case
    money = case.money
    em = tables["emissions"]
    scope1 = em[em["scope"] == "scope1"].groupby("year")["emissions [Mt CO2e/yr]"].sum()
    scope2 = em[em["scope"] == "scope2"].groupby("year")["emissions [Mt CO2e/yr]"].sum()
    costs = tables["costs"]
    pv_total = float(costs[f"present value [{money}]"].sum()) if not costs.empty else 0.0
    inv = tables["investment"]
    return {
        "cluster": case.name,
        "status": outcome.status,
        f"net present cost [{money}]": outcome.objective,
        f"sum of present values in 'costs' [{money}]": pv_total,
        f"overnight investment, total [{money}]": float(
            inv[f"overnight investment [{money}]"].sum()) if not inv.empty else 0.0,
        "scope-1 emissions by year [Mt CO2e/yr]": {int(k): float(v) for k, v in scope1.items()},
        "scope-2 emissions by year [Mt CO2e/yr]": {int(k): float(v) for k, v in scope2.items()},
        "base emissions [Mt CO2e/yr]": outcome.base_emissions,
        "base emissions source": outcome.base_emissions_source,
        "elastic mode": outcome.elastic,
    }


def socioeconomic_table(outcome: Outcome, tables: dict[str, pd.DataFrame],
                        annual: dict[tuple[str, int], float]) -> pd.DataFrame:
    """CO2e by scope, abatement, investment, jobs and GDP by modelled year.

    Abatement is measured against the base emissions in the case's default scope (the
    reported ``base_emissions``, or the model's base-year emissions when none is given).
    Construction job-years are those of the capacity commissioned in the modelled year's
    block; operating jobs and GDP are per calendar year of the block.
    """
    case, m = outcome.case, outcome.solution
    money = case.money
    scope = case.settings.get("emission_scope") or "scope1"
    em = tables["emissions"]
    by_scope = em.groupby(["year", "scope"])["emissions [Mt CO2e/yr]"].sum()
    inv = tables["investment"]
    invest = inv.groupby("year")[f"overnight investment [{money}]"].sum() if not inv.empty \
        else pd.Series(dtype=float)
    s1_base = float(by_scope.get((case.base_year, "scope1"), 0.0))
    s2_base = float(by_scope.get((case.base_year, "scope2"), 0.0))
    base = outcome.base_emissions.get(scope) if outcome.base_emissions else None
    if base is None:
        base = s1_base + (s2_base if scope == "scope12" else 0.0)
    rows = []
    cumulative = 0.0
    for y in case.years:
        s1 = float(by_scope.get((y, "scope1"), 0.0))
        s2 = float(by_scope.get((y, "scope2"), 0.0))
        in_scope = s1 + (s2 if scope == "scope12" else 0.0)
        spent = float(invest.get(y, 0.0))
        cumulative += spent
        construction = sum(tech.construction_jobs * _v(m.new[t, y])
                           for t, tech in case.technologies.items())
        operating = sum(tech.operating_jobs * _v(m.cap[t, y])
                        for t, tech in case.technologies.items())
        gdp = sum(case.technologies[t].gdp_per_activity * annual[(t, y)]
                  for t in m.ix.active)
        rows.append({
            "year": y,
            "scope-1 emissions [Mt CO2e/yr]": s1,
            "scope-2 emissions [Mt CO2e/yr]": s2,
            "scope-1+2 emissions [Mt CO2e/yr]": s1 + s2,
            f"abatement vs base, {scope} [Mt CO2e/yr]": base - in_scope,
            f"overnight investment in the block [{money}]": spent,
            f"cumulative investment [{money}]": cumulative,
            "construction [job-years in the block]": construction,
            "construction, average [jobs]": construction / case.n_years[y],
            "operating jobs [jobs]": operating,
            f"GDP contribution [{money}/yr]": gdp,
        })
    return pd.DataFrame(rows)


def _balance_duals(outcome: Outcome) -> dict[tuple[str, int, str], float]:
    """Present-value dual of each balanced commodity per (c, y, s); annual balances repeated."""
    case, m = outcome.case, outcome.solution
    duals: dict[tuple[str, int, str], float] = {}
    duals.update(m.duals("balance_slice"))
    for (c, y), d in m.duals("balance_annual").items():
        for s in case.slices:
            duals[(c, y, s)] = d
    return duals


def levelised_table(outcome: Outcome) -> pd.DataFrame:
    """Levelised cost of each technology's main product over the horizon (money/unit).

    ``LC_t = (capex + fixed O&M + variable O&M + inputs + carbon - by-products - storage
    credits) / output``,
    all present values: capex and O&M as in the objective, inputs and by-products valued at
    their marginal prices (balance duals, so an internal input such as electricity from the
    cluster's own wind carries its system cost), direct emissions at the carbon price, and
    the main product (the technology's first non-emission output in the flows sheet)
    discounted like a cash flow (``sum_y W_y * output_y``). Residual capacity carries no
    capex (sunk). Technologies that produce nothing are left out. An input with a negative
    marginal price (flue CO2 that would otherwise be vented at the carbon price) lowers the
    levelised cost; the "own cost" column leaves inputs and by-products out.
    """
    case, m = outcome.case, outcome.solution
    ix = m.ix
    money = case.money
    duals = _balance_duals(outcome)
    rows = []
    for t in ix.active:
        outputs = [c for (tt, c) in case.ratio_out if tt == t
                   and case.commodities[c].kind != "emission"]
        if not outputs:
            continue
        main = outputs[0]
        w = {y: cost_maths.op_weight(case, y) for y in case.years}
        act = {(y, s): _v(m.act[t, y, s]) for y in case.years for s in case.slices}
        output = sum(w[y] * case.ratio_out[(t, main)][y] * act[(y, s)]
                     for y in case.years for s in case.slices)
        if output <= EPS:
            continue
        capex = sum(m.inv_pv[t, v] * _v(m.new[t, v]) for v in case.years)
        fom = sum(m.fom_pv[t, y] * _v(m.cap[t, y]) for y in case.years)
        vom = sum(m.vom_pv[t, y] * act[(y, s)] for y in case.years
                  for s in case.slices)
        inputs = sum(duals.get((c, y, s), 0.0) * case.ratio_in[(tt, c)][y] * act[(y, s)]
                     for (tt, c) in case.ratio_in if tt == t and c in ix.balanced
                     for y in case.years for s in case.slices)
        byproducts = sum(duals.get((c, y, s), 0.0) * case.ratio_out[(tt, c)][y] * act[(y, s)]
                         for (tt, c) in case.ratio_out if tt == t and c != main
                         and c in ix.balanced for y in case.years for s in case.slices)
        carbon = sum(m.carbon_pv[c, y] * (
            case.ratio_out.get((t, c), {}).get(y, 0.0) - case.ratio_in.get((t, c), {}).get(y, 0.0))
            * act[(y, s)] for c in ix.emissions for y in case.years for s in case.slices)
        credits = sum(m.credit_pv[c, y] * _v(m.cred[tt, c, y])
                      for (tt, c, y) in m.cred.keys() if tt == t)
        parts = {"capex": capex, "fixed O&M": fom, "variable O&M": vom, "inputs": inputs,
                 "carbon": carbon, "by-products": -byproducts, "storage credits": -credits}
        tech = case.technologies[t]
        rows.append({
            "technology": t, "category": tech.category, "plant": tech.plant,
            "main product": main, "unit": case.commodities[main].unit,
            "discounted output [unit]": output,
            **{f"{k} [{money}/unit]": v / output for k, v in parts.items()},
            f"levelised cost [{money}/unit]": sum(parts.values()) / output,
            f"own cost, without inputs and by-products [{money}/unit]":
                (capex + fom + vom + carbon) / output,
        })
    return pd.DataFrame(rows)
