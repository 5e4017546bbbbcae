r"""The planner's own constraints: one family over the workbook's ``constraints`` sheet.

For each user constraint ``u`` and each modelled year ``y`` where it applies
(:mod:`model.user_constraints`), with coefficients :math:`a^{kind}_{u,\cdot}` gathered from
its rows (zero where a row does not select):

.. math::

    lo_{u,y} \le \sum_t a^{cap}_{u,t}\, cap[t,y] + \sum_t a^{new}_{u,t}\, new[t,y]
        + \sum_{t,s} a^{act}_{u,t}\, act[t,y,s]
        + \sum_{t,c,s} \big(a^{in}_{u,t,c}\, in_{t,c,y} + a^{out}_{u,t,c}\, out_{t,c,y}
          + a^{em}_{u,t,c}\, co2e_c (out_{t,c,y} - in_{t,c,y})\big)\, act[t,y,s]
        + \sum_{c,s} \big(a^{buy}_{u,c}\, buy[c,y,s] + a^{sell}_{u,c}\, sell[c,y,s]\big)
        \le up_{u,y}                                            \quad (user\_constraint)

with :math:`lo = up = rhs` for ``=``, :math:`lo = rhs, up = \infty` for ``>=`` and
:math:`lo = -\infty, up = rhs` for ``<=``. The dual of a row, divided by :math:`W_y`, is the
constraint's shadow price in money of the year per unit of its right-hand side.

This module is the worked example of adding a family (docs/formulation.md): parameters from
the case, one :meth:`~model.maths.algebra.Maths.family` declaration; both emitters, the
comparison of their LPs, the read-back of values and duals come with it.
"""

from __future__ import annotations

from model.case import Case
from model.maths.algebra import INF, Has, Maths, Ranged, Sum, over, symbols
from model.maths.common import Index, param

u, t, c, y, s = symbols("u t c y s")

#: variable of a term -> parameter holding its coefficients, and that parameter's dimensions
COEFFICIENTS = {
    "capacity": ("uc_capacity", "constraint tech"),
    "new_capacity": ("uc_new_capacity", "constraint tech"),
    "activity": ("uc_activity", "constraint tech"),
    "input": ("uc_input", "constraint tech commodity"),
    "output": ("uc_output", "constraint tech commodity"),
    "emissions": ("uc_emissions", "constraint tech commodity"),
    "purchases": ("uc_purchases", "constraint commodity"),
    "sales": ("uc_sales", "constraint commodity"),
}


def parameters(m: Maths, case: Case, ix: Index) -> None:
    """Coefficients of every term, right-hand sides and the bounds they give each row."""
    names = [uc.name for uc in case.user_constraints]
    m.universe("constraint", names)
    m.set("user_constraints", "constraint", names)
    m.set("all_commodities", "commodity", ix.commodities)
    coefficients: dict[str, dict[tuple, float]] = {k: {} for k in COEFFICIENTS}
    lower, upper, rhs = {}, {}, {}
    for uc in case.user_constraints:
        for term in uc.terms:
            target = coefficients[term.variable]
            techs = term.technologies or [None]
            comms = term.commodities or [None]
            for tech in techs:
                for com in comms:
                    key = tuple(x for x in (uc.name, tech, com) if x is not None)
                    target[key] = target.get(key, 0.0) + term.coefficient
        for year, value in uc.rhs.items():
            rhs[(uc.name, year)] = value
            lower[(uc.name, year)] = value if uc.sense in (">=", "=") else -INF
            upper[(uc.name, year)] = value if uc.sense in ("<=", "=") else INF
    for kind, (name, dims) in COEFFICIENTS.items():
        param(m, name, dims, coefficients[kind], sparse=True)
    param(m, "uc_rhs", "constraint year", rhs, sparse=True)
    param(m, "uc_lower", "constraint year", lower)
    param(m, "uc_upper", "constraint year", upper)


def declare(m: Maths) -> None:
    S, P, V = m.sets, m.params, m.vars  # noqa: N806
    cap, new, act, buy, sell = V["cap"], V["new"], V["act"], V["buy"], V["sell"]
    out, inp = P["ratio_out"], P["ratio_in"]
    active, slices, comms = S["active"], S["slices"], S["all_commodities"]
    flows = over(t=active, c=comms, s=slices)
    m.family(
        "user_constraint",
        over(u=S["user_constraints"], y=S["years"], where=Has(P["uc_rhs"][u, y])),
        Ranged(P["uc_lower"][u, y],
               Sum(P["uc_capacity"][u, t] * cap[t, y], over(t=S["techs"]), label="capacity")
               + Sum(P["uc_new_capacity"][u, t] * new[t, y], over(t=S["techs"]),
                     label="new_capacity")
               + Sum(P["uc_activity"][u, t] * act[t, y, s], over(t=active, s=slices),
                     label="activity")
               + Sum(P["uc_input"][u, t, c] * inp[t, c, y] * act[t, y, s], flows,
                     label="input")
               + Sum(P["uc_output"][u, t, c] * out[t, c, y] * act[t, y, s], flows,
                     label="output")
               + Sum(P["uc_emissions"][u, t, c] * P["co2e"][c] * (out[t, c, y] - inp[t, c, y])
                     * act[t, y, s], flows, label="emissions")
               + Sum(P["uc_purchases"][u, c] * buy[c, y, s], over(c=comms, s=slices),
                     label="purchases")
               + Sum(P["uc_sales"][u, c] * sell[c, y, s], over(c=comms, s=slices),
                     label="sales"),
               P["uc_upper"][u, y]))
