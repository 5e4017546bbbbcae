r"""What happened, kept by the plan: one family per kind of fact (:mod:`model.actuals`).

For each fact of the case's fixings (the ``actuals`` sheet under ``--from-actuals``, or the
blocks a rolling horizon has decided), in its modelled year ``y``:

.. math::

    new[t,y] = F_{t,y} \ \text{(a whole block)}, \quad
    new[t,y] \ge F_{t,y} \ \text{(a block recorded in part)}         \quad (actual\_new)

    new[t,y] \le F_{t,y} + R_{t,y} \ \text{(a block recorded in part)}  \quad (actual\_new\_room)

    lo^{ret}_{t,y} \le \sum_j retire[t,j,y] \le up^{ret}_{t,y}              \quad (actual\_retired)

    \sum_s act[t,y,s] = A_{t,y}                                              \quad (actual\_activity)

    \sum_c co2e_c\, emission[c,y] + [scope12]\, scope2[y] = E_y             \quad (actual\_emissions)

``F`` is the capacity commissioned in the block's recorded years (their sum). A block recorded
in part keeps it as a floor, and its years still open may add ``R = max_build_per_year *
(years still open)`` (no room row without a build limit); early retirement likewise
(``lo = up`` for a whole block, a floor otherwise). ``A`` and ``E`` are the means of the
block's measured years (Mt CO2e/yr for ``E``, in the case's ``emission_scope``).

The dual of a row is the change of the net present cost per unit more of the fact (present
value; for activity and emissions divide by :math:`W_y` for money of the year per unit and
year): what the fact is worth to the plan; the room's dual is what one more unit of it
would save. (Floor and room are two rows, not one ranged row, so that each has its dual.) The reference run for base emissions
(``targets = False``) leaves the facts out: base emissions are the case's, whatever
happened later.
"""

from __future__ import annotations

from model.actuals import Fixings
from model.case import Case
from model.maths.algebra import INF, Has, Maths, Ranged, Sum, over, symbols
from model.maths.common import Index, param

t, y, j, s, c = symbols("t y j s c")


def parameters(m: Maths, case: Case, ix: Index) -> None:
    """The facts' bounds by technology and modelled year (sparse: where a fact is)."""
    fixed: Fixings = case.fixed or Fixings()
    years, techs = set(ix.years), set(ix.techs)
    for kind, dims in (("new", "tech year"), ("retired", "tech year")):
        facts = {k: f for k, f in fixed.of(kind).items() if k[0] in techs and k[1] in years}
        if kind == "retired":
            facts = {k: f for k, f in facts.items() if k[0] in ix.retirable}
        param(m, f"fact_{kind}", dims, {k: f.lower for k, f in facts.items()}, sparse=True)
        param(m, f"fact_{kind}_upper", dims, {k: f.upper if f.fixed else INF
                                              for k, f in facts.items()}, default=INF)
        if kind == "new":
            param(m, "fact_new_room", dims, {k: f.upper for k, f in facts.items()
                                             if not f.fixed and f.upper < INF}, sparse=True)
    active = set(ix.active)
    param(m, "fact_activity", "tech year",
          {k: f.lower for k, f in fixed.of("activity").items()
           if k[0] in active and k[1] in years}, sparse=True)
    emissions = {yr: f for (_scope, yr), f in fixed.of("emissions").items() if yr in years}
    param(m, "fact_emissions", "year", {yr: f.lower for yr, f in emissions.items()},
          sparse=True)
    param(m, "fact_scope12", "year", {yr: 1.0 for yr, f in emissions.items()
                                        if f.key == "scope12"})


def declare(m: Maths, targets: bool = True) -> None:
    """The families; left out of the reference run (``targets`` False)."""
    S, P, V = m.sets, m.params, m.vars  # noqa: N806
    new, retire, act = V["new"], V["retire"], V["act"]
    emission, scope2 = V["emission"], V["scope2"]
    m.family("actual_new",
             over(t=S["techs"], y=S["years"], where=Has(P["fact_new"][t, y])),
             Ranged(P["fact_new"][t, y], Sum(new[t, y], label="new capacity"),
                    P["fact_new_upper"][t, y]), active=targets)
    m.family("actual_new_room",
             over(t=S["techs"], y=S["years"], where=Has(P["fact_new_room"][t, y])),
             Sum(new[t, y], label="new capacity") <= P["fact_new_room"][t, y],
             active=targets)
    m.family("actual_retired",
             over(t=S["retirable"], y=S["years"], where=Has(P["fact_retired"][t, y])),
             Ranged(P["fact_retired"][t, y],
                    Sum(retire[t, j, y], over(j=S["tranches"]), label="retired"),
                    P["fact_retired_upper"][t, y]), active=targets)
    m.family("actual_activity",
             over(t=S["active"], y=S["years"], where=Has(P["fact_activity"][t, y])),
             Sum(act[t, y, s], over(s=S["slices"]), label="activity")
             == P["fact_activity"][t, y], active=targets)
    m.family("actual_emissions", over(y=S["years"], where=Has(P["fact_emissions"][y])),
             Sum(P["co2e"][c] * emission[c, y], over(c=S["emissions"]), label="direct")
             + Sum(P["fact_scope12"][y] * scope2[y], label="scope 2")
             == P["fact_emissions"][y], active=targets)
