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

import pyomo.environ as pyo

from model.case import Case
from model.maths.common import INF, Index, ParamValues, set_bounds


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


def bounds(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    rate = case.price.get("max_import_rate", {})
    upper = {(c, y, s): rate[(c, y)] * case.hours[s] if (c, y) in rate else INF
             for c in ix.supply for y in ix.years for s in ix.slices}
    set_bounds(m.buy, None, upper)
