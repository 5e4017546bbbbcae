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
a budget. Each category is one declared cost term (money of the year per unit of a variable,
times its present-value weight), so the result tables read every cash flow from the
objective's own terms and reconcile with it.
"""

from __future__ import annotations

from model.case import Case
from model.maths.algebra import Maths, over, symbols
from model.maths.common import Index, param
from model.schema import (
    CAPEX,
    CAPEX_PREMIUM,
    CARBON_PRICE,
    EXPORT_PRICE,
    FIXED_OM,
    PRICE,
    STORAGE_CREDIT,
    VARIABLE_OM,
)

t, c, y, s, v, k = symbols("t c y s v k")


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


def capex(case: Case, t: str, v: int) -> float:
    """Overnight investment per unit of new capacity of ``t`` commissioned in ``v``
    (money/unit): ``capex * (1 + capex_premium)``, the premium standing for first-of-a-kind
    units of that vintage."""
    return case.cost.get(CAPEX, {}).get((t, v), 0.0) * (
        1.0 + case.cost.get(CAPEX_PREMIUM, {}).get((t, v), 0.0))


def annuity(case: Case, t: str, v: int) -> float:
    """Annual payment per unit of new capacity of ``t`` built in ``v`` (money/unit/yr)."""
    tech = case.technologies[t]
    return capex(case, t, v) * crf(tech.wacc, tech.life)


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
    overnight = capex(case, t, v)
    flows = [(v, "capex", overnight, overnight * discount_start(case, v))]
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
    return capex(case, t, v) * discount_start(case, v) - salvage(case, t, v) * discount_end(
        case, case.end_year)


def penalty_weight(case: Case, label: str) -> float:
    """Discounting of a missed Mt of target ``label`` (see module docstring)."""
    tg = next(x for x in case.targets if x.label == label)
    if tg.kind == "budget":
        return discount_end(case, tg.year)
    return op_weight(case, tg.year)


def parameters(m: Maths, case: Case, ix: Index) -> None:
    """Present-value weights and the money of the year of every cost."""
    param(m, "op_weight", "year", {year: op_weight(case, year) for year in ix.years})
    param(m, "inv_pv", "tech year", {(x, vy): investment_pv(case, x, vy)
                                     for x in ix.techs for vy in ix.years})
    param(m, "fixed_om", "tech year", case.cost.get(FIXED_OM, {}))
    param(m, "variable_om", "tech year", case.cost.get(VARIABLE_OM, {}))
    param(m, "price", "commodity year", case.price.get(PRICE, {}))
    param(m, "price_shape", "commodity slice", case.price_shape, default=1.0)
    param(m, "export_price", "commodity year", case.price.get(EXPORT_PRICE, {}))
    param(m, "carbon_price", "commodity year", case.price.get(CARBON_PRICE, {}))
    param(m, "storage_credit", "commodity year", case.price.get(STORAGE_CREDIT, {}))
    penalty = float(case.settings.get("miss_penalty") or 0.0)
    param(m, "miss_penalty", "target", {tg.label: penalty for tg in case.targets})
    param(m, "penalty_weight", "target", {tg.label: penalty_weight(case, tg.label)
                                          for tg in case.targets})


def declare(m: Maths) -> None:
    """The objective, one cost term per category (module docstring)."""
    S, P, V = m.sets, m.params, m.vars  # noqa: N806
    w = P["op_weight"]
    m.cost("capex", over(t=S["techs"], v=S["years"]), P["inv_pv"][t, v], V["new"][t, v],
           timing="capex")
    m.cost("fixed_om", over(t=S["techs"], y=S["years"]), P["fixed_om"][t, y], V["cap"][t, y],
           discount=w[y])
    m.cost("variable_om", over(t=S["active"], y=S["years"], s=S["slices"]),
           P["variable_om"][t, y], V["act"][t, y, s], discount=w[y])
    m.cost("variable_om", over(t=S["storages"], y=S["years"], s=S["slices"]),
           P["variable_om"][t, y], V["discharge"][t, y, s], discount=w[y])
    m.cost("fuel", over(c=S["supply"], y=S["years"], s=S["slices"]),
           P["price"][c, y] * P["price_shape"][c, s], V["buy"][c, y, s], discount=w[y])
    m.cost("carbon", over(c=S["emissions"], y=S["years"]), P["carbon_price"][c, y],
           V["emission"][c, y], discount=w[y])
    m.cost("storage_credit", over(t=S["active"], c=S["credited"], y=S["years"]),
           -P["storage_credit"][c, y], V["cred"][t, c, y], discount=w[y])
    m.cost("sales", over(c=S["sellable"], y=S["years"], s=S["slices"]),
           -P["export_price"][c, y], V["sell"][c, y, s], discount=w[y])
    m.cost("target_penalty", over(k=S["targets"]), P["miss_penalty"][k], V["miss"][k],
           discount=P["penalty_weight"][k], timing="penalty")
