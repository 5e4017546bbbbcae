"""Result tables of a solved case (pandas DataFrames, units in every header).

Money is in the case's money unit (``settings.money_unit``). Quantities carry their unit in a
``unit`` column where it varies by row; the header says which column. Cost tables are built
with the same coefficient functions as the objective (:mod:`model.maths.costs`), so the
present values sum to the objective.

The tables read the solution as arrays (:class:`SolvedArrays`, made once per
:func:`collect`) and are built column by column. Sums over slices, technologies or
commodities add their terms one by one in index order (:func:`_sum_in_order`), as the
plain Python sums they replace did, so the numbers do not depend on how numpy would group a
sum.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.case import Case, target_cap
from model.maths import costs as cost_maths
from model.maths.capacity import tranches
from model.maths.common import paused_gc
from model.maths.emissions import grid_commodities, scope_emissions
from model.maths.lp import dense, positions
from model.solution import Solution
from model.solve import Outcome

EPS = 1e-9


def _v(value: float) -> float:
    """A solution value with solver noise below EPS shown as 0."""
    return 0.0 if abs(value) < EPS else float(value)


def _block_of(case: Case, k: int) -> int:
    """The modelled year whose block holds calendar year ``k``."""
    return max(y for y in case.years if y <= k)


def _sum_in_order(terms: np.ndarray, axis: int = -1) -> np.ndarray:
    """Sum over ``axis``, adding the terms one by one in index order, as Python's ``sum``
    does (numpy's pairwise ``sum`` may differ in the last bits). Python's sum starts from the
    integer 0, so a total of -0.0 reads 0.0 here too (``+ 0.0``)."""
    if terms.shape[axis] == 0:
        return np.zeros(np.delete(terms.shape, axis).astype(int))
    return np.cumsum(terms, axis=axis).take(-1, axis=axis) + 0.0


def _per_year(total: np.ndarray | int, n_years: int) -> list:
    """A sum over no terms or over arrays by modelled year, as column values: an empty sum is
    Python's integer 0, so a column that only ever sums nothing keeps its integer dtype."""
    return total.tolist() if isinstance(total, np.ndarray) else [total] * n_years


def _frame(columns: dict[str, Sequence], headers_when_empty: bool = False) -> pd.DataFrame:
    """A table from its columns (header -> one value per row). Without rows: no columns at
    all, or with ``headers_when_empty`` the headers with object columns (what building the
    table row by row gave)."""
    if not len(next(iter(columns.values()))):
        return pd.DataFrame([], columns=list(columns)) if headers_when_empty else pd.DataFrame()
    return pd.DataFrame(columns)


def _values(m: Solution, name: str, *dims: Sequence) -> np.ndarray:
    """Values of variable family ``name`` over the product of ``dims``, solver noise below
    EPS as 0 (see :meth:`Solution.array`)."""
    raw = m.array(name, *dims)
    return np.where(np.abs(raw) < EPS, 0.0, raw)


@dataclass
class SolvedArrays:
    """The solution's primal values as arrays over the model's index sets, noise below EPS
    shown as 0 (as :func:`_v`).

    Axes: ``techs`` is ``ix.techs`` (all technologies, as ``case.technologies``), ``active``
    ``ix.active``, ``storages`` ``ix.storages``, ``supply`` ``ix.supply``, ``sellable``
    ``ix.sellable``, ``emissions`` ``ix.emissions``; ``years`` the modelled years; ``slices``
    ``case.slices``. A per-slice quantity is over the whole year in that slice (as in the
    commodity balance), so summing the slices gives the year's.
    """

    new: np.ndarray  #: [techs, years] capacity commissioned (capacity unit)
    cap: np.ndarray  #: [techs, years] capacity in service (capacity unit)
    act: np.ndarray  #: [active, years, slices] activity (activity unit/yr)
    annual: np.ndarray  #: [active, years] activity over the year (activity unit/yr)
    charge: np.ndarray  #: [storages, years, slices] (commodity unit/yr)
    discharge: np.ndarray  #: [storages, years, slices] (commodity unit/yr)
    soc: np.ndarray  #: [storages, years, slices] state of charge at slice start (unit)
    buy: np.ndarray  #: [supply, years, slices] purchases (commodity unit/yr)
    bought: np.ndarray  #: [supply, years] purchases over the year (commodity unit/yr)
    sold: np.ndarray  #: [sellable, years] sales over the year (commodity unit/yr)
    emission: np.ndarray  #: [emissions, years] net direct emissions (commodity unit/yr)

    @classmethod
    def of(cls, case: Case, m: Solution) -> SolvedArrays:
        ix = m.ix
        years, slices = case.years, case.slices
        act = _values(m, "act", ix.active, years, slices)
        buy = _values(m, "buy", ix.supply, years, slices)
        return cls(
            new=_values(m, "new", ix.techs, years),
            cap=_values(m, "cap", ix.techs, years),
            act=act,
            annual=_sum_in_order(act),
            charge=_values(m, "charge", ix.storages, years, slices),
            discharge=_values(m, "discharge", ix.storages, years, slices),
            soc=_values(m, "soc", ix.storages, years, slices),
            buy=buy,
            bought=_sum_in_order(buy),
            sold=_sum_in_order(_values(m, "sell", ix.sellable, years, slices)),
            emission=_values(m, "emission", ix.emissions, years),
        )


@dataclass
class Results:
    """Tables and headline figures of a solved case."""

    summary: dict[str, object]
    tables: dict[str, pd.DataFrame]


def collect(outcome: Outcome) -> Results:
    """All result tables of a solved (optimal) outcome."""
    # Few of the objects made are garbage: a collection meanwhile would mostly scan the
    # objects of the case and its workbook (as for generating the LP)
    with paused_gc():
        return _collect(outcome)


def _collect(outcome: Outcome) -> Results:
    case, m = outcome.case, outcome.solution
    money = case.money
    v = SolvedArrays.of(case, m)
    tables = {
        "targets": targets_table(outcome),
        "capacity": capacity_table(case, m, v),
        "investment": investment_table(case, m, v),
        "activity": activity_table(case, m, v),
        "flows": flows_table(case, m, v),
        "balances": balances_table(case, m, v),
        "emissions": emissions_table(case, m, v),
        "costs": costs_table(case, m, v),
        "prices": prices_table(outcome),
        "storage": storage_table(case, m, v),
    }
    tables["cash_flows"] = cash_flows_table(tables["costs"], money)
    tables["socioeconomic"] = socioeconomic_table(outcome, tables, v)
    tables["levelised"] = levelised_table(outcome, v)
    return Results(summary_figures(outcome, tables), tables)


def _group_sums(keys: Iterable, values: Iterable[float]) -> dict:
    """The sum of ``values`` by key, keys sorted (as a pandas groupby sum). Sums are rounded
    once (``math.fsum``); pandas' compensated sums agree to the last bit or so."""
    groups: dict = {}
    for key, value in zip(keys, values, strict=True):
        groups.setdefault(key, []).append(value)
    return {key: math.fsum(groups[key]) for key in sorted(groups)}


# --------------------------------------------------------------------------------------


def capacity_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Capacity by technology and year; 'retired early' is the residual capacity retired
    before its scheduled exit and still missing in that year, so
    capacity = residual - retired early + capacity built and still alive."""
    v = v if v is not None else SolvedArrays.of(case, m)
    years = case.years
    retirements: dict[str, list[tuple[int | None, int, float]]] = {}  # t: (exit, year, size)
    for t in m.ix.retirable:
        leaving = {j: e for j, (e, _size) in tranches(case, t).items()}
        retirements[t] = [(leaving[j], vy, _v(m.retire[tt, j, vy]))
                          for (tt, j, vy) in m.retire.keys() if tt == t]
    techs = case.technologies
    per_row = [(t, tech) for t, tech in techs.items() for _y in years]
    return _frame({
        "technology": [t for t, _tech in per_row],
        "category": [tech.category for _t, tech in per_row],
        "plant": [tech.plant for _t, tech in per_row],
        "year": years * len(techs),
        "capacity [capacity_unit]": v.cap.ravel(),
        "new [capacity_unit]": v.new.ravel(),
        "residual [capacity_unit]": [case.residual.get((t, y), 0.0) for t in techs
                                     for y in years],
        # an empty sum is the integer 0, as it always was
        "retired early [capacity_unit]": [
            sum(amount for exit_year, vy, amount in retirements.get(t, ())
                if vy <= y and (exit_year is None or exit_year > y))
            for t in techs for y in years],
        "capacity_unit": [tech.capacity_unit for _t, tech in per_row],
    })


def investment_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Overnight capex by commissioning year (what is spent, whatever the capex method)."""
    v = v if v is not None else SolvedArrays.of(case, m)
    money = case.money
    capex = case.cost.get("capex", {})
    rows = []
    for (t, tech), built in zip(case.technologies.items(), v.new.tolist(), strict=True):
        for vy, new in zip(case.years, built, strict=True):
            if new <= 0:
                continue
            unit_cost = capex.get((t, vy), 0.0)
            rows.append((vy, t, tech.category, tech.plant, new, tech.capacity_unit, unit_cost,
                         new * unit_cost, new * cost_maths.annuity(case, t, vy), tech.life))
    return pd.DataFrame(rows, columns=[
        "year", "technology", "category", "plant", "new capacity [capacity_unit]",
        "capacity_unit", f"capex per unit [{money}/capacity_unit]",
        f"overnight investment [{money}]", f"annuity per year [{money}/yr]",
        "effective life [yr]"])


def activity_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Activity of each technology by year (activity unit/yr) and its utilisation: activity
    over what its capacity could give at full availability."""
    v = v if v is not None else SolvedArrays.of(case, m)
    ix = m.ix
    years = case.years
    # activity per unit of capacity over the year, at full availability
    per_capacity = np.array([sum(m.act_per_cap[t, s] for s in case.slices) for t in ix.active])
    potential = per_capacity[:, None] * v.cap[positions(ix.active, ix.techs)]
    utilisation = np.zeros_like(potential)
    np.divide(v.annual, potential, out=utilisation, where=potential > EPS)
    techs = [case.technologies[t] for t in ix.active for _y in years]
    return _frame({
        "technology": [t for t in ix.active for _y in years],
        "category": [tech.category for tech in techs],
        "plant": [tech.plant for tech in techs],
        "year": years * len(ix.active),
        "activity [activity_unit/yr]": v.annual.ravel(),
        "activity_unit": [tech.activity_unit for tech in techs],
        "utilisation [fraction of available]": utilisation.ravel(),
    })


def flows_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Annual inputs and outputs of each (non-storage) technology (commodity unit/yr)."""
    v = v if v is not None else SolvedArrays.of(case, m)
    years = case.years
    row_of = {t: i for i, t in enumerate(m.ix.active)}
    pairs = [(t, c, direction, series)
             for (table, direction) in ((case.ratio_in, "in"), (case.ratio_out, "out"))
             for (t, c), series in table.items() if not case.technologies[t].is_storage]
    quantity = [np.array([series[y] for y in years]) * v.annual[row_of[t]]
                for t, _c, _d, series in pairs]
    return _frame({
        "technology": [t for t, _c, _d, _s in pairs for _y in years],
        "commodity": [c for _t, c, _d, _s in pairs for _y in years],
        "direction": [d for _t, _c, d, _s in pairs for _y in years],
        "year": years * len(pairs),
        "quantity [unit/yr]": np.concatenate(quantity) if quantity else [],
        "unit": [case.commodities[c].unit for _t, c, _d, _s in pairs for _y in years],
    })


def balances_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Annual balance of each balanced commodity (commodity unit/yr): bought + produced -
    consumed - stored, net - sold = demand."""
    v = v if v is not None else SolvedArrays.of(case, m)
    ix = m.ix
    years = case.years
    n = len(years)
    active = {t: i for i, t in enumerate(ix.active)}
    storage = {t: i for i, t in enumerate(ix.storages)}
    supply = {c: i for i, c in enumerate(ix.supply)}
    sellable = {c: i for i, c in enumerate(ix.sellable)}
    net_charge = v.charge - v.discharge  # [storages, years, slices]
    columns: dict[str, list] = {k: [] for k in (
        "commodity", "year", "bought [unit/yr]", "produced [unit/yr]", "consumed [unit/yr]",
        "stored, net [unit/yr]", "sold [unit/yr]", "demand [unit/yr]", "unit")}
    for c in ix.balanced:
        produced = sum(np.array([case.ratio_out[(t, c)][y] for y in years]) * v.annual[active[t]]
                       for t in ix.producers[c])
        consumed = sum(np.array([case.ratio_in[(t, c)][y] for y in years]) * v.annual[active[t]]
                       for t in ix.consumers[c])
        stores = [storage[t] for t in ix.stores_of[c]]
        # over the commodity's stores and their slices, store by store
        stored = _sum_in_order(net_charge[stores].transpose(1, 0, 2).reshape(n, -1)) \
            if stores else 0
        columns["commodity"] += [c] * n
        columns["year"] += years
        columns["bought [unit/yr]"] += v.bought[supply[c]].tolist() if c in supply \
            else [0.0] * n
        columns["produced [unit/yr]"] += _per_year(produced, n)
        columns["consumed [unit/yr]"] += _per_year(consumed, n)
        columns["stored, net [unit/yr]"] += _per_year(stored, n)
        columns["sold [unit/yr]"] += v.sold[sellable[c]].tolist() if c in sellable \
            else [0.0] * n
        columns["demand [unit/yr]"] += [case.demand.get((c, y), 0.0) for y in years]
        columns["unit"] += [case.commodities[c].unit] * n
    return _frame(columns)


def emissions_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Emissions by plant, technology, commodity and year (Mt CO2e/yr); scope 2 from
    purchases."""
    v = v if v is not None else SolvedArrays.of(case, m)
    ix = m.ix
    years = case.years
    n = len(years)
    active = {t: i for i, t in enumerate(ix.active)}
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
            out = case.ratio_out.get((t, c), {})
            inp = case.ratio_in.get((t, c), {})
            net = np.array([out.get(y, 0.0) - inp.get(y, 0.0) for y in years])
            add(tech.plant, t, tech.category, c, "scope1",
                (net * v.annual[active[t]] * f).tolist())
    gef = case.price.get("grid_emission_factor", {})
    supply = {c: i for i, c in enumerate(ix.supply)}
    for c in grid_commodities(case, ix):
        factor = np.array([gef.get((c, y), 0.0) for y in years])
        add("purchases", f"purchased {c}", "supply", c, "scope2",
            (factor * v.bought[supply[c]]).tolist())
    return _frame(columns, headers_when_empty=True)


def costs_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Cash flows by calendar year, category and item: money of the year and present value.

    Operating flows of a calendar year fall at its end; capex per the capex method (see
    :mod:`model.maths.costs`). The present values sum to the objective.
    """
    v = v if v is not None else SolvedArrays.of(case, m)
    ix = m.ix
    money = case.money
    years, slices = case.years, case.slices
    calendar = range(case.base_year, case.end_year + 1)
    d_end = {k: cost_maths.discount_end(case, k) for k in calendar}
    block_of = {k: _block_of(case, k) for k in calendar}
    headers = ["year", "modelled year", "category", "item", f"cash flow [{money}]",
               f"present value [{money}]"]
    columns: list[list] = [[] for _ in headers]
    year, modelled, category, item, cash, present = columns

    def operating(y: int, what: str, name: str, amount: float) -> None:
        """A flow of every calendar year of block ``y`` (money/yr), at the years' ends."""
        if abs(amount) < EPS:
            return
        for k in case.block_years(y):
            year.append(k)
            modelled.append(y)
            category.append(what)
            item.append(name)
            cash.append(amount)
            present.append(amount * d_end[k])

    for t, built in zip(ix.techs, v.new.tolist(), strict=True):
        for vy, new in zip(years, built, strict=True):
            if new <= 0:
                continue
            for k, what, amount, pv in cost_maths.capex_cash_flows(case, t, vy):
                year.append(k)
                modelled.append(block_of[k])
                category.append(what)
                item.append(t)
                cash.append(amount * new)
                present.append(pv * new)

    # Operating flows by [item, modelled year] (money/yr)
    fixed_om = dense(case.cost.get("fixed_om", {}), ix.techs, years) * v.cap
    used = np.zeros_like(v.cap)  # activity of active technologies, discharge of storages
    used[positions(ix.active, ix.techs)] = v.annual
    used[positions(ix.storages, ix.techs)] = _sum_in_order(v.discharge)
    variable_om = dense(case.cost.get("variable_om", {}), ix.techs, years) * used
    price_shape = np.array([[case.price_shape[(c, s)] for s in slices] for c in ix.supply])
    fuel = dense(case.price.get("price", {}), ix.supply, years) * _sum_in_order(
        price_shape.reshape(len(ix.supply), 1, len(slices)) * v.buy)
    sales = -dense(case.price.get("export_price", {}), ix.sellable, years) * v.sold
    carbon = dense(case.price.get("carbon_price", {}), ix.emissions, years) * v.emission
    credit = case.price.get("storage_credit", {})
    credits_of: dict[int, list[tuple[str, str]]] = {}  # modelled year: [(t, c)]
    for (t, c, y) in m.cred.keys():
        credits_of.setdefault(y, []).append((t, c))
    fixed_om_of, variable_om_of = fixed_om.T.tolist(), variable_om.T.tolist()  # [year][t]
    by_commodity = (("fuel", ix.supply, fuel.T.tolist()), ("sales", ix.sellable, sales.T.tolist()),
                    ("carbon", ix.emissions, carbon.T.tolist()))  # [year][c]
    for j, y in enumerate(years):  # in the order of the objective's terms
        for t, fom, vom in zip(ix.techs, fixed_om_of[j], variable_om_of[j], strict=True):
            operating(y, "fixed_om", t, fom)
            operating(y, "variable_om", t, vom)
        for what, commodities, amounts in by_commodity:
            for c, amount in zip(commodities, amounts[j], strict=True):
                operating(y, what, c, amount)
        for t, c in credits_of.get(y, ()):
            operating(y, "storage_credit", t, -credit.get((c, y), 0.0) * _v(m.cred[t, c, y]))
    penalty = float(case.settings.get("miss_penalty") or 0.0)
    for tg in case.targets:
        miss = _v(m.miss[tg.label])
        if miss <= 0:
            continue
        if tg.kind == "budget":
            year.append(tg.year)
            modelled.append(_block_of(case, tg.year))
            category.append("target_penalty")
            item.append(tg.label)
            cash.append(penalty * miss)
            present.append(penalty * miss * d_end[tg.year])
        else:
            operating(tg.year, "target_penalty", tg.label, penalty * miss)
    return _frame(dict(zip(headers, columns, strict=True)), headers_when_empty=True)


def cash_flows_table(costs: pd.DataFrame, money: str) -> pd.DataFrame:
    """Calendar year x category table of the cost table's money of the year (categories in
    alphabetical order, 0 where a year has none), with the year's total, its present value
    and the cumulated present value."""
    if costs.empty:
        return pd.DataFrame()
    year = costs["year"].tolist()
    category = costs["category"].tolist()
    by_year_category = _group_sums(zip(year, category, strict=True),
                                   costs[f"cash flow [{money}]"].tolist())
    present = _group_sums(year, costs[f"present value [{money}]"].tolist())
    years = list(present)
    columns: dict[str, list] = {"year": years}
    for c in sorted(set(category)):
        columns[f"{c} [{money}]"] = [by_year_category.get((y, c), 0.0) for y in years]
    columns[f"total [{money}]"] = [sum(row) for row in zip(*list(columns.values())[1:],
                                                            strict=True)]
    columns[f"total present value [{money}]"] = list(present.values())
    columns[f"cumulative present value [{money}]"] = list(itertools.accumulate(
        present.values()))
    return pd.DataFrame(columns)


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
    weight = {y: cost_maths.op_weight(case, y) for y in case.years}
    by_slice = m.duals("balance_slice")  # (c, y, s): dual
    annual = m.duals("balance_annual")  # (c, y): dual
    keys = [*by_slice, *annual]
    return _frame({
        "commodity": [key[0] for key in keys],
        "year": [key[1] for key in keys],
        "slice": [s for _c, _y, s in by_slice] + ["annual"] * len(annual),
        f"marginal price [{money}/unit]": [
            math.nan if d is None else d / weight[key[1]]
            for key, d in zip(keys, itertools.chain(by_slice.values(), annual.values()),
                              strict=True)],
        "unit": [case.commodities[key[0]].unit for key in keys],
    })


def storage_table(case: Case, m: Solution, v: SolvedArrays | None = None) -> pd.DataFrame:
    """Charge, discharge (commodity unit/yr) and state of charge (unit) of each storage
    technology by year and slice."""
    v = v if v is not None else SolvedArrays.of(case, m)
    storages = m.ix.storages
    per_store = len(case.years) * len(case.slices)
    units = [case.commodities[case.storage[t].commodity].unit for t in storages]
    return _frame({
        "technology": [t for t in storages for _ in range(per_store)],
        "year": [y for y in case.years for _s in case.slices] * len(storages),
        "slice": list(case.slices) * (len(storages) * len(case.years)),
        "charge [unit/yr]": v.charge.ravel(),
        "discharge [unit/yr]": v.discharge.ravel(),
        "state of charge at slice start [unit]": v.soc.ravel(),
        "unit": [u for u in units for _ in range(per_store)],
    })


def _emissions_by_year_and_scope(em: pd.DataFrame) -> dict[tuple[int, str], float]:
    """Total of the emissions table by (year, scope), in Mt CO2e/yr."""
    return _group_sums(zip(em["year"].tolist(), em["scope"].tolist(), strict=True),
                       em["emissions [Mt CO2e/yr]"].tolist())


def summary_figures(outcome: Outcome, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    case = outcome.case
    money = case.money
    by_scope = _emissions_by_year_and_scope(tables["emissions"])
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
        "scope-1 emissions by year [Mt CO2e/yr]": {int(y): float(q) for (y, scope), q
                                                   in by_scope.items() if scope == "scope1"},
        "scope-2 emissions by year [Mt CO2e/yr]": {int(y): float(q) for (y, scope), q
                                                   in by_scope.items() if scope == "scope2"},
        "base emissions [Mt CO2e/yr]": outcome.base_emissions,
        "base emissions source": outcome.base_emissions_source,
        "elastic mode": outcome.elastic,
    }


def socioeconomic_table(outcome: Outcome, tables: dict[str, pd.DataFrame],
                        v: SolvedArrays | None = None) -> pd.DataFrame:
    """CO2e by scope, abatement, investment, jobs and GDP by modelled year.

    Abatement is measured against the base emissions in the case's default scope (the
    reported ``base_emissions``, or the model's base-year emissions when none is given).
    Construction job-years are those of the capacity commissioned in the modelled year's
    block; operating jobs and GDP are per calendar year of the block.
    """
    case, m = outcome.case, outcome.solution
    v = v if v is not None else SolvedArrays.of(case, m)
    money = case.money
    scope = case.settings.get("emission_scope") or "scope1"
    by_scope = _emissions_by_year_and_scope(tables["emissions"])
    inv = tables["investment"]
    invest = _group_sums(inv["year"].tolist(), inv[f"overnight investment [{money}]"].tolist()) \
        if not inv.empty else {}
    s1_base = float(by_scope.get((case.base_year, "scope1"), 0.0))
    s2_base = float(by_scope.get((case.base_year, "scope2"), 0.0))
    base = outcome.base_emissions.get(scope) if outcome.base_emissions else None
    if base is None:
        base = s1_base + (s2_base if scope == "scope12" else 0.0)
    n = len(case.years)
    techs = list(case.technologies.values())
    # by modelled year, technology by technology
    construction = _per_year(sum(tech.construction_jobs * new
                                 for tech, new in zip(techs, v.new, strict=True)), n)
    operating = _per_year(sum(tech.operating_jobs * cap
                              for tech, cap in zip(techs, v.cap, strict=True)), n)
    gdp = _per_year(sum(case.technologies[t].gdp_per_activity * annual
                        for t, annual in zip(m.ix.active, v.annual, strict=True)), n)
    rows = []
    cumulative = 0.0
    for j, y in enumerate(case.years):
        s1 = float(by_scope.get((y, "scope1"), 0.0))
        s2 = float(by_scope.get((y, "scope2"), 0.0))
        in_scope = s1 + (s2 if scope == "scope12" else 0.0)
        spent = float(invest.get(y, 0.0))
        cumulative += spent
        rows.append({
            "year": y,
            "scope-1 emissions [Mt CO2e/yr]": s1,
            "scope-2 emissions [Mt CO2e/yr]": s2,
            "scope-1+2 emissions [Mt CO2e/yr]": s1 + s2,
            f"abatement vs base, {scope} [Mt CO2e/yr]": base - in_scope,
            f"overnight investment in the block [{money}]": spent,
            f"cumulative investment [{money}]": cumulative,
            "construction [job-years in the block]": construction[j],
            "construction, average [jobs]": construction[j] / case.n_years[y],
            "operating jobs [jobs]": operating[j],
            f"GDP contribution [{money}/yr]": gdp[j],
        })
    return pd.DataFrame(rows)


def _balance_duals(outcome: Outcome) -> np.ndarray:
    """Present-value dual of each balanced commodity by [balanced, years, slices]
    (money/unit); an annual balance's repeated over the slices, 0 where a balance has no
    row."""
    case, m = outcome.case, outcome.solution
    duals = dense(m.duals("balance_slice"), m.ix.balanced, case.years, case.slices)
    row = {c: i for i, c in enumerate(m.ix.balanced)}
    column = {y: j for j, y in enumerate(case.years)}
    for (c, y), d in m.duals("balance_annual").items():
        duals[row[c], column[y], :] = d
    return duals


def levelised_table(outcome: Outcome, v: SolvedArrays | None = None) -> pd.DataFrame:
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
    v = v if v is not None else SolvedArrays.of(case, m)
    ix = m.ix
    money = case.money
    years = case.years
    n_active = len(ix.active)
    inputs_of: dict[str, list[str]] = {}  # t: commodities in, in the order of the flows sheet
    outputs_of: dict[str, list[str]] = {}
    for (t, c) in case.ratio_in:
        inputs_of.setdefault(t, []).append(c)
    for (t, c) in case.ratio_out:
        outputs_of.setdefault(t, []).append(c)
    main_of = {t: outputs[0] for t in ix.active
               if (outputs := [c for c in outputs_of.get(t, ())
                               if case.commodities[c].kind != "emission"])}

    def by_year(series: dict[int, float]) -> np.ndarray:
        return np.array([series[y] for y in years])

    def over_activity(per_activity: np.ndarray) -> np.ndarray:
        """Present value by technology: ``sum over (..., y, s)`` of ``per_activity[t, ...,
        y] * act[t, y, s]``, term by term in index order (money)."""
        terms = per_activity[..., None] * v.act.reshape(
            (n_active,) + (1,) * (per_activity.ndim - 2) + v.act.shape[1:])
        return _sum_in_order(terms.reshape(n_active, -1))

    # Present values by active technology (money; output in its main product's unit)
    w = np.array([cost_maths.op_weight(case, y) for y in years])  # W_y
    main_ratio = np.array([by_year(case.ratio_out[(t, main_of[t])]) if t in main_of
                           else np.zeros(len(years)) for t in ix.active])
    output = over_activity(w * main_ratio).tolist()
    rows_of_active = positions(ix.active, ix.techs)
    capex = _sum_in_order(dense(m.inv_pv, ix.techs, years) * v.new)[rows_of_active].tolist()
    fom = _sum_in_order(dense(m.fom_pv, ix.techs, years) * v.cap)[rows_of_active].tolist()
    vom = over_activity(dense(m.vom_pv, ix.active, years)).tolist()
    net_direct = np.array([[[  # [active, emissions, years]: out - in per unit of activity
        case.ratio_out.get((t, c), {}).get(y, 0.0) - case.ratio_in.get((t, c), {}).get(y, 0.0)
        for y in years] for c in ix.emissions] for t in ix.active]).reshape(
        n_active, len(ix.emissions), len(years))
    carbon = over_activity(dense(m.carbon_pv, ix.emissions, years) * net_direct).tolist()
    duals = _balance_duals(outcome)  # [balanced, years, slices]
    balanced = {c: i for i, c in enumerate(ix.balanced)}
    credits_of: dict[str, list[tuple[str, int]]] = {}
    for (t, c, y) in m.cred.keys():
        credits_of.setdefault(t, []).append((c, y))

    def valued(ratios: dict[str, dict[int, float]], act: np.ndarray) -> float:
        """Flows of the commodities of ``ratios`` (c: ratio by year) at their marginal prices
        (present value, money): the sum over c, years and slices of dual * ratio * act."""
        terms = [(duals[balanced[c]] * by_year(ratio)[:, None] * act).ravel()
                 for c, ratio in ratios.items()]
        return float(_sum_in_order(np.concatenate(terms))) if terms else 0

    rows = []
    for a, t in enumerate(ix.active):
        if t not in main_of or output[a] <= EPS:
            continue
        main = main_of[t]
        inputs = valued({c: case.ratio_in[(t, c)] for c in inputs_of.get(t, ())
                         if c in balanced}, v.act[a])
        byproducts = valued({c: case.ratio_out[(t, c)] for c in outputs_of[t]
                             if c != main and c in balanced}, v.act[a])
        credits = sum(m.credit_pv[c, y] * _v(m.cred[t, c, y]) for c, y in credits_of.get(t, ()))
        parts = {"capex": capex[a], "fixed O&M": fom[a], "variable O&M": vom[a],
                 "inputs": inputs, "carbon": carbon[a], "by-products": -byproducts,
                 "storage credits": -credits}
        tech = case.technologies[t]
        rows.append({
            "technology": t, "category": tech.category, "plant": tech.plant,
            "main product": main, "unit": case.commodities[main].unit,
            "discounted output [unit]": output[a],
            **{f"{k} [{money}/unit]": x / output[a] for k, x in parts.items()},
            f"levelised cost [{money}/unit]": sum(parts.values()) / output[a],
            f"own cost, without inputs and by-products [{money}/unit]":
                (capex[a] + fom[a] + vom[a] + carbon[a]) / output[a],
        })
    return pd.DataFrame(rows)
