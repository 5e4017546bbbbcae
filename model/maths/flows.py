r"""Commodity flows: balances, purchases, sales and supply limits.

For every commodity ``c`` that is not an emission, at its balance level (each slice, or the
year as the sum over slices):

.. math::

    buy[c,y,s] + \sum_t out_{t,c,y}\, act[t,y,s] - \sum_t in_{t,c,y}\, act[t,y,s]
      + \sum_{t \in stores(c)} (discharge[t,y,s] - charge[t,y,s]) - sell[c,y,s]
      = demand_{c,y} \cdot share_{c,s}                                   \quad (balance)

``buy`` exists for commodities of kind ``supply``; ``sell`` for kind ``export`` and for any
commodity with an ``export_price``. The balance is an equality: whatever is produced must be
used, stored, sold or vented by a technology (renewables curtail by running below their
availability). ``share_{c,s}`` spreads annual demand by the ``demand:<c>`` profile (by slice
hours when none is given).

Supply limits: :math:`\sum_s buy[c,y,s] \le max\_supply_{c,y}` (``max_supply``) and
:math:`buy[c,y,s] \le max\_import\_rate_{c,y} \cdot w_s` (a bound).
"""

from __future__ import annotations

import numpy as np

from model.case import Case
from model.maths.common import INF, Index, ParamValues, pyo, set_bounds
from model.maths.lp import Builder, RowBlock, dense, positions


def parameters(case: Case, ix: Index) -> ParamValues:
    ratio_in = {(t, c, y): v for (t, c), series in case.ratio_in.items()
                if t in ix.active for y, v in series.items()}
    ratio_out = {(t, c, y): v for (t, c), series in case.ratio_out.items()
                 if t in ix.active for y, v in series.items()}
    demand = {(c, y, s): case.demand.get((c, y), 0.0) * case.demand_share[(c, s)]
              for c in ix.balanced for y in ix.years for s in ix.slices}
    max_supply = case.price.get("max_supply", {})
    return {
        "ratio_in": ratio_in,
        "ratio_out": ratio_out,
        "demand": demand,
        "max_supply": {(c, y): max_supply[(c, y)] for c in ix.supply for y in ix.years
                       if (c, y) in max_supply},
    }


def net_supply(m: pyo.ConcreteModel, ix: Index, c: str, y: int, s: str):
    """Left-hand side of the balance of ``c`` in slice ``s`` of year ``y``."""
    expr = sum(m.ratio_out[t, c, y] * m.act[t, y, s] for t in ix.producers[c]) \
        - sum(m.ratio_in[t, c, y] * m.act[t, y, s] for t in ix.consumers[c]) \
        + sum(m.discharge[t, y, s] - m.charge[t, y, s] for t in ix.stores_of[c])
    if c in ix.supply:
        expr = expr + m.buy[c, y, s]
    if c in ix.sellable:
        expr = expr - m.sell[c, y, s]
    return expr


def add(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    m.buy = pyo.Var(ix.supply, ix.years, ix.slices, domain=pyo.NonNegativeReals)
    m.sell = pyo.Var(ix.sellable, ix.years, ix.slices, domain=pyo.NonNegativeReals)
    by_slice = [c for c in ix.balanced if case.commodities[c].balance == "slice"]
    annual = [c for c in ix.balanced if case.commodities[c].balance != "slice"]
    m.balance_slice = pyo.Constraint(
        by_slice, ix.years, ix.slices,
        rule=lambda m, c, y, s: net_supply(m, ix, c, y, s) == m.demand[c, y, s])
    m.balance_annual = pyo.Constraint(
        annual, ix.years,
        rule=lambda m, c, y: sum(net_supply(m, ix, c, y, s) for s in ix.slices)
        == sum(m.demand[c, y, s] for s in ix.slices))
    limited = [(c, y) for c in ix.supply for y in ix.years
               if (c, y) in case.price.get("max_supply", {})]
    m.supply_limit = pyo.Constraint(
        limited, rule=lambda m, c, y: sum(m.buy[c, y, s] for s in ix.slices)
        <= m.max_supply[c, y])


def import_limit(case: Case, ix: Index) -> dict[tuple[str, int, str], float]:
    """Upper bound of ``buy[c,y,s]``: max_import_rate times the slice's hours."""
    rate = case.price.get("max_import_rate", {})
    return {(c, y, s): rate[(c, y)] * case.hours[s] if (c, y) in rate else INF
            for c in ix.supply for y in ix.years for s in ix.slices}


def bounds(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    set_bounds(m.buy, None, import_limit(case, ix))


def ratio_series(p: ParamValues, name: str, t: str, c: str, years: list[int]) -> np.ndarray:
    """``ratio_in`` / ``ratio_out`` of (t, c) over the modelled years."""
    values = p[name]
    return np.array([values.get((t, c, y), 0.0) for y in years])


def add_net_output(rows: RowBlock, b: Builder, ix: Index, p: ParamValues, c: str,
                   at: np.ndarray, sign: float) -> None:
    """Add ``sign * (sum_t out_{t,c,y} act[t,y,s] - sum_t in_{t,c,y} act[t,y,s])`` to the rows
    ``at`` (an array over years x slices of row positions in ``rows``)."""
    act = b.vars["act"]
    y = np.arange(len(ix.years))[:, None]
    s = np.arange(len(ix.slices))[None, :]
    active = {t: i for i, t in enumerate(ix.active)}
    for name, techs, direction in (("ratio_out", ix.producers[c], 1.0),
                                   ("ratio_in", ix.consumers[c], -1.0)):
        for t in techs:
            rows.add(act.col(active[t], y, s),
                     sign * direction * ratio_series(p, name, t, c, ix.years)[:, None], rows=at)


def add_net_supply(rows: RowBlock, b: Builder, ix: Index, p: ParamValues, c: str, k: int,
                   per_slice: bool) -> None:
    """Add the terms of :func:`net_supply` of ``c`` to row ``k`` of each year (and slice).

    Per slice, the rows are ``rows.row(k, y, s)``; otherwise ``rows.row(k, y)`` summed over
    the slices."""
    n_y, n_s = len(ix.years), len(ix.slices)
    y = np.arange(n_y)[:, None]
    s = np.arange(n_s)[None, :]
    at = rows.row(k, y, s) if per_slice else np.broadcast_to(rows.row(k, y), (n_y, n_s))
    add_net_output(rows, b, ix, p, c, at, sign=1.0)
    stores = {t: i for i, t in enumerate(ix.storages)}
    for t in ix.stores_of[c]:
        rows.add(b.vars["discharge"].col(stores[t], y, s), 1.0, rows=at)
        rows.add(b.vars["charge"].col(stores[t], y, s), -1.0, rows=at)
    if c in ix.supply:
        rows.add(b.vars["buy"].col(ix.supply.index(c), y, s), 1.0, rows=at)
    if c in ix.sellable:
        rows.add(b.vars["sell"].col(ix.sellable.index(c), y, s), -1.0, rows=at)


def arrays(b: Builder, case: Case, ix: Index, p: ParamValues) -> None:
    """The rows and columns of :func:`add` and :func:`bounds` as arrays (same names)."""
    years, slices = ix.years, ix.slices
    buy = b.var("buy", (ix.supply, years, slices),
                upper=dense(import_limit(case, ix), ix.supply, years, slices, default=INF))
    b.var("sell", (ix.sellable, years, slices))
    by_slice = [c for c in ix.balanced if case.commodities[c].balance == "slice"]
    annual = [c for c in ix.balanced if case.commodities[c].balance != "slice"]

    demand = dense(p["demand"], by_slice, years, slices)
    rows = b.rows("balance_slice", (by_slice, years, slices), lower=demand, upper=demand)
    for k, c in enumerate(by_slice):
        add_net_supply(rows, b, ix, p, c, k, per_slice=True)

    demand = dense(p["demand"], annual, years, slices).sum(axis=2)
    rows = b.rows("balance_annual", (annual, years), lower=demand, upper=demand)
    for k, c in enumerate(annual):
        add_net_supply(rows, b, ix, p, c, k, per_slice=False)

    limited = list(p["max_supply"])
    if limited:
        rows = b.rows("supply_limit", keys=limited,
                      upper=np.array([p["max_supply"][k] for k in limited]))
        supply = positions([c for c, _y in limited], ix.supply)[:, None]
        year = positions([y for _c, y in limited], years)[:, None]
        rows.add(buy.col(supply, year, np.arange(len(slices))[None, :]), 1.0,
                 rows=np.broadcast_to(np.arange(len(limited))[:, None],
                                      (len(limited), len(slices))))
