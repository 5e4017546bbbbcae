r"""Commodity flows: balances, purchases, sales and supply limits.

For every commodity ``c`` that is not an emission, at its balance level (each slice, or the
year as the sum over slices):

.. math::

    buy[c,y,s] + \sum_t out_{t,c,y}\, act[t,y,s] - \sum_t in_{t,c,y}\, act[t,y,s]
      + \sum_{t \in stores(c)} (discharge[t,y,s] - charge[t,y,s]) - sell[c,y,s]
      = demand_{c,y,s}                                                   \quad (balance)

with :math:`demand_{c,y,s} = demand_{c,y} \cdot share_{c,s}` (the annual balance's right-hand
side is :math:`\sum_s demand_{c,y,s} = demand_{c,y}`, the shares summing to 1). ``buy`` exists for commodities
of kind ``supply``; ``sell`` for kind ``export`` and for any commodity with an
``export_price``. The balance is an equality: whatever is produced must be used, stored,
sold or vented by a technology (renewables curtail by running below their availability).
``share_{c,s}`` spreads annual demand by the ``demand:<c>`` profile (by slice hours when
none is given). The terms are labelled (produced, consumed, discharged, charged, bought,
sold) so that the results read each from the solved rows.

Supply limits: :math:`\sum_s buy[c,y,s] \le max\_supply_{c,y}` (``supply_limit``) and
:math:`buy[c,y,s] \le max\_import\_rate_{c,y} \cdot w_s` (a bound).
"""

from __future__ import annotations

import numpy as np

from model.case import Case
from model.maths.algebra import INF, Has, LinExpr, Maths, Sum, Sym, over, symbols
from model.maths.common import Index, array_param, param
from model.schema import MAX_IMPORT_RATE, MAX_SUPPLY

t, c, y, s = symbols("t c y s")


def ratios(case: Case, ix: Index, which: str) -> dict[tuple[str, str, int], float]:
    """``ratio_in`` / ``ratio_out`` of active technologies by (t, c, y) (every given pair,
    zeros included: a pair names a producer or consumer)."""
    table = case.ratio_in if which == "in" else case.ratio_out
    active = set(ix.active)
    return {(x, com, year): v for (x, com), series in table.items() if x in active
            for year, v in series.items()}


def import_limit(case: Case, ix: Index) -> dict[tuple[str, int, str], float]:
    """Upper bound of ``buy[c,y,s]``: max_import_rate times the slice's hours."""
    rate = case.price.get(MAX_IMPORT_RATE, {})
    return {(com, year, sl): rate[(com, year)] * case.hours[sl]
            for com in ix.supply for year in ix.years if (com, year) in rate
            for sl in ix.slices}


def parameters(m: Maths, case: Case, ix: Index) -> None:
    """Flow ratios, demand by slice, supply limits, and which storage holds what."""
    param(m, "ratio_in", "tech commodity year", ratios(case, ix, "in"), sparse=True)
    param(m, "ratio_out", "tech commodity year", ratios(case, ix, "out"), sparse=True)
    comms, years, slices = m.universes["commodity"], ix.years, ix.slices
    annual = np.array([[case.demand.get((com, year), 0.0) for year in years]
                       for com in comms.labels]).reshape(len(comms), len(years))
    share = np.array([[case.demand_share[(com, sl)] for sl in slices]
                      for com in comms.labels]).reshape(len(comms), len(slices))
    array_param(m, "demand", "commodity year slice", annual[:, :, None] * share[:, None, :])
    array_param(m, "annual_demand", "commodity year", annual)
    max_supply = case.price.get(MAX_SUPPLY, {})
    param(m, "max_supply", "commodity year",
          {(com, year): max_supply[(com, year)] for com in ix.supply for year in years
           if (com, year) in max_supply}, sparse=True)
    param(m, "import_limit", "commodity year slice", import_limit(case, ix), default=INF)
    param(m, "stores", "tech commodity",
          {(x, case.storage[x].commodity): 1.0 for x in ix.storages}, sparse=True)


def net_supply(m: Maths, c: Sym, y: Sym, s: Sym) -> LinExpr:
    """What the cluster makes available of ``c`` in slice ``s`` of year ``y``."""
    S, P, V = m.sets, m.params, m.vars  # noqa: N806
    act, charge, discharge = V["act"], V["charge"], V["discharge"]
    return (Sum(P["ratio_out"][t, c, y] * act[t, y, s], over(t=S["active"]), label="produced")
            - Sum(P["ratio_in"][t, c, y] * act[t, y, s], over(t=S["active"]), label="consumed")
            + Sum(discharge[t, y, s], over(t=S["storages"]), where=Has(P["stores"][t, c]),
                  label="discharged")
            - Sum(charge[t, y, s], over(t=S["storages"]), where=Has(P["stores"][t, c]),
                  label="charged")
            + Sum(V["buy"][c, y, s], label="bought")
            - Sum(V["sell"][c, y, s], label="sold"))


def declare(m: Maths) -> None:
    S, P = m.sets, m.params  # noqa: N806
    buy = m.var("buy", over(c=S["supply"], y=S["years"], s=S["slices"]),
                upper=P["import_limit"][c, y, s])
    m.var("sell", over(c=S["sellable"], y=S["years"], s=S["slices"]))
    demand = P["demand"]

    m.family("balance_slice", over(c=S["by_slice"], y=S["years"], s=S["slices"]),
             net_supply(m, c, y, s) == demand[c, y, s])
    m.family("balance_annual", over(c=S["annual"], y=S["years"]),
             Sum(net_supply(m, c, y, s), over(s=S["slices"])) == P["annual_demand"][c, y])
    m.family("supply_limit",
             over(c=S["supply"], y=S["years"], where=Has(P["max_supply"][c, y])),
             Sum(buy[c, y, s], over(s=S["slices"])) <= P["max_supply"][c, y])
