r"""Net present cost: discounting, annuities, salvage, and the objective.

Timing. Money for capacity commissioned in year ``v`` is spent at the *start* of ``v``;
operating cash flows and annuity payments of calendar year ``k`` fall at its *end*. With
``r`` the discount rate and ``b`` the base year:

.. math::

    d^{end}_k = (1+r)^{-(k - b + 1)}, \qquad d^{start}_v = (1+r)^{-(v-b)}, \qquad
    W_y = \sum_{k = y}^{y + n_y - 1} d^{end}_k

Annuity method (default). Capex is financed at ``wacc_t`` over the effective life ``L_t``:
:math:`A_{t,v} = capex_{t,v}\, CRF(wacc_t, L_t)` per unit of ``new``, paid at the end of every
calendar year ``v .. v+L_t-1``; only payments up to ``end_year`` count:

.. math::

    inv_{t,v} = A_{t,v} \sum_{k=v}^{\min(v+L_t-1,\ end)} d^{end}_k

Lump-sum method: :math:`inv_{t,v} = capex_{t,v}\, d^{start}_v - salv_{t,v}` with
:math:`salv_{t,v} = d^{end}_{end} \sum_{k=end+1}^{v+L_t-1} A_{t,v} (1+wacc_t)^{-(k-end)}`.

Objective (``NPV``, money):

.. math::

    \min \sum_{t,v} inv_{t,v}\, new[t,v] + \sum_y W_y \Big( \sum_t fom_{t,y} cap[t,y]
      + \sum_{t,s} vom_{t,y} act[t,y,s] + \sum_{c,s} price_{c,y} shape_{c,s} buy[c,y,s]
      + \sum_c cp_{c,y}\, emission[c,y] - \sum_{t,c} credit_{c,y}\, cred[t,c,y]
      - \sum_{c,s} xp_{c,y}\, sell[c,y,s] \Big) + \sum_k pen_k\, miss[k]

Storage technologies pay ``vom`` per unit discharged. ``pen_k`` is ``miss_penalty`` times
:math:`W_y` for an annual target in year ``y`` and times :math:`d^{end}` of the last year for
a budget. The same coefficient functions produce the cost tables of the results, so the
tables reconcile with the objective.
"""

from __future__ import annotations

import numpy as np

from model.case import Case
from model.maths.common import Index, ParamValues, pyo
from model.maths.lp import Builder, dense, positions


def crf(rate: float, life: float) -> float:
    """Capital recovery factor (1/yr): annuity per unit of capital over ``life`` years."""
    if life <= 0:
        return 0.0
    if rate == 0:
        return 1.0 / life
    g = (1.0 + rate) ** life
    return rate * g / (g - 1.0)


def discount_end(case: Case, k: int) -> float:
    """Discount factor of a cash flow at the end of calendar year ``k``."""
    return (1.0 + case.discount_rate) ** -(k - case.base_year + 1)


def discount_start(case: Case, v: int) -> float:
    """Discount factor of a cash flow at the start of calendar year ``v``."""
    return (1.0 + case.discount_rate) ** -(v - case.base_year)


def end_of_year_pv(case: Case, first: int, last: int) -> float:
    """Present value of one money unit paid at the end of each calendar year ``first..last``
    (a geometric sum; 0 when ``last < first``)."""
    n = last - first + 1
    if n <= 0:
        return 0.0
    r = case.discount_rate
    if r == 0:
        return float(n)
    q = 1.0 / (1.0 + r)
    return discount_end(case, first) * (1.0 - q ** n) / (1.0 - q)


def op_weight(case: Case, y: int) -> float:
    """``W_y``: present value of one money unit paid at the end of each year of block ``y``."""
    return end_of_year_pv(case, y, y + case.n_years[y] - 1)


def annuity(case: Case, t: str, v: int) -> float:
    """Annual payment per unit of new capacity of ``t`` built in ``v`` (money/unit/yr)."""
    tech = case.technologies[t]
    return case.cost.get("capex", {}).get((t, v), 0.0) * crf(tech.wacc, tech.life)


def salvage(case: Case, t: str, v: int) -> float:
    """Value at the end of the horizon of the annuities still due (money/unit, end-year money)."""
    tech = case.technologies[t]
    end = case.end_year
    a = annuity(case, t, v)
    return sum(a * (1.0 + tech.wacc) ** -(k - end) for k in range(end + 1, v + tech.life))


def capex_cash_flows(case: Case, t: str, v: int) -> list[tuple[int, str, float, float]]:
    """Capex cash flows per unit of ``new[t,v]``: (calendar year, category, money, PV).

    Annuity: a payment in each calendar year ``v .. min(v+L-1, end)``. Lump sum: the
    overnight cost in ``v`` and, when the asset outlives the horizon, a negative salvage in
    the last year.
    """
    tech = case.technologies[t]
    end = case.end_year
    if case.settings.get("capex_method", "annuity") == "annuity":
        a = annuity(case, t, v)
        return [(k, "capex", a, a * discount_end(case, k))
                for k in range(v, min(v + tech.life - 1, end) + 1)]
    capex = case.cost.get("capex", {}).get((t, v), 0.0)
    flows = [(v, "capex", capex, capex * discount_start(case, v))]
    salv = salvage(case, t, v)
    if salv:
        flows.append((end, "salvage", -salv, -salv * discount_end(case, end)))
    return flows


def investment_pv(case: Case, t: str, v: int) -> float:
    """``inv_{t,v}``: present value of the capex of one unit of ``new[t,v]`` (money/unit);
    the sum of :func:`capex_cash_flows`' present values, in closed form."""
    if case.settings.get("capex_method", "annuity") == "annuity":
        life = case.technologies[t].life
        return annuity(case, t, v) * end_of_year_pv(case, v, min(v + life - 1, case.end_year))
    capex = case.cost.get("capex", {}).get((t, v), 0.0)
    return capex * discount_start(case, v) - salvage(case, t, v) * discount_end(
        case, case.end_year)


def penalty_weight(case: Case, label: str) -> float:
    """Discounting of a missed Mt of target ``label`` (see module docstring)."""
    tg = next(x for x in case.targets if x.label == label)
    if tg.kind == "budget":
        return discount_end(case, tg.year)
    return op_weight(case, tg.year)


def parameters(case: Case, ix: Index) -> ParamValues:
    """Objective coefficients (present values)."""
    w = {y: op_weight(case, y) for y in ix.years}
    fom = case.cost.get("fixed_om", {})
    vom = case.cost.get("variable_om", {})
    price = case.price.get("price", {})
    xp = case.price.get("export_price", {})
    cp = case.price.get("carbon_price", {})
    credit = case.price.get("storage_credit", {})
    penalty = float(case.settings.get("miss_penalty") or 0.0)
    return {
        "inv_pv": {(t, v): investment_pv(case, t, v) for t in ix.techs for v in ix.years},
        "fom_pv": {(t, y): w[y] * fom.get((t, y), 0.0) for t in ix.techs for y in ix.years},
        "vom_pv": {(t, y): w[y] * vom.get((t, y), 0.0) for t in ix.techs for y in ix.years},
        "fuel_pv": {(c, y, s): w[y] * price.get((c, y), 0.0) * case.price_shape[(c, s)]
                    for c in ix.supply for y in ix.years for s in ix.slices},
        "sales_pv": {(c, y, s): w[y] * xp.get((c, y), 0.0) for c in ix.sellable
                     for y in ix.years for s in ix.slices},
        "carbon_pv": {(c, y): w[y] * cp.get((c, y), 0.0) for c in ix.emissions
                      for y in ix.years},
        "credit_pv": {(c, y): w[y] * credit.get((c, y), 0.0) for (c, _y) in credit
                      for y in ix.years},
        "penalty_pv": {tg.label: penalty * penalty_weight(case, tg.label)
                       for tg in case.targets},
    }


def objective_terms(m: pyo.ConcreteModel, ix: Index) -> dict[str, object]:
    """The objective's parts by category, as Pyomo expressions."""
    return {
        "capex": sum(m.inv_pv[t, v] * m.new[t, v] for t in ix.techs for v in ix.years),
        "fixed_om": sum(m.fom_pv[t, y] * m.cap[t, y] for t in ix.techs for y in ix.years),
        "variable_om": sum(m.vom_pv[t, y] * m.act[t, y, s] for t in ix.active
                           for y in ix.years for s in ix.slices)
        + sum(m.vom_pv[t, y] * m.discharge[t, y, s] for t in ix.storages
              for y in ix.years for s in ix.slices),
        "fuel": sum(m.fuel_pv[c, y, s] * m.buy[c, y, s] for c in ix.supply
                    for y in ix.years for s in ix.slices),
        "carbon": sum(m.carbon_pv[c, y] * m.emission[c, y] for c in ix.emissions
                      for y in ix.years),
        "storage_credit": -sum(m.credit_pv[c, y] * m.cred[t, c, y]
                               for (t, c, y) in m.cred.keys()),
        "sales": -sum(m.sales_pv[c, y, s] * m.sell[c, y, s] for c in ix.sellable
                      for y in ix.years for s in ix.slices),
        "target_penalty": sum(m.penalty_pv[k] * m.miss[k] for k in m.miss.keys()),
    }


def add(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    m.npv = pyo.Objective(expr=sum(objective_terms(m, ix).values()), sense=pyo.minimize)


def arrays(b: Builder, case: Case, ix: Index, p: ParamValues) -> None:
    """The objective of :func:`add` as a cost vector (same terms as :func:`objective_terms`)."""
    v = b.vars
    techs, years, slices = ix.techs, ix.years, ix.slices
    b.cost(v["new"].block.positions, dense(p["inv_pv"], techs, years).ravel())
    b.cost(v["cap"].block.positions, dense(p["fom_pv"], techs, years).ravel())
    vom = dense(p["vom_pv"], techs, years)
    active = positions(ix.active, techs)
    stores = positions(ix.storages, techs)
    b.cost(v["act"].block.positions,
           np.broadcast_to(vom[active][:, :, None], v["act"].shape).ravel())
    b.cost(v["discharge"].block.positions,
           np.broadcast_to(vom[stores][:, :, None], v["discharge"].shape).ravel())
    b.cost(v["buy"].block.positions, dense(p["fuel_pv"], ix.supply, years, slices).ravel())
    b.cost(v["emission"].block.positions, dense(p["carbon_pv"], ix.emissions, years).ravel())
    cred = v["cred"]
    b.cost(cred.block.positions,
           -np.array([p["credit_pv"].get((c, y), 0.0) for (_t, c, y) in cred.block.keys]))
    b.cost(v["sell"].block.positions, -dense(p["sales_pv"], ix.sellable, years, slices).ravel())
    miss = v["miss"]
    b.cost(miss.block.positions, np.array([p["penalty_pv"][k] for k in miss.block.keys]))
