r"""Emissions, CO2 reservoirs, storage credits and targets.

Net direct emissions of emission commodity ``c`` (Mt of ``c``; negative terms are removals):

.. math::

    emission[c,y] = \sum_{t,s} (out_{t,c,y} - in_{t,c,y})\, act[t,y,s]     \quad (emission\_def)

    E_1[y] = \sum_c co2e_c\, emission[c,y], \qquad
    scope2[y] = \sum_{c,s} gef_{c,y}\, buy[c,y,s]                          \quad (scope2\_def)

Reservoirs (cumulative injection, ``n_y`` calendar years per modelled year):

.. math::

    \sum_{y' \le y} n_{y'} \sum_{t \in r, s} act[t,y',s] \le capacity_r     \quad (reservoir\_limit)

Storage credits (e.g. US 45Q), for commodities ``c`` with a ``storage_credit``: the credited
quantity is tracked per producing technology, ``cred[t,c,y]``, and is at most what that
technology actually produces and what injectors store:

.. math::

    \sum_t cred[t,c,y] \le \sum_{t' \in inj, s} in_{t',c,y}\, act[t',y,s]       \quad (credit\_stored)

    cred[t,c,y] \le out_{t,c,y} \sum_s act[t,y,s]                                   \quad (credit\_output)

and, when ``t`` has ``credit_years = N`` (credits for ``N`` years from each unit's start),

.. math::

    cred[t,c,y] \le \sum_{v\ \mathrm{alive\ in}\ y} share_{y,v}\, pot_{t,c,y}\, new[t,v],
    \qquad share_{y,v} = \frac{|\{k \in block(y): v \le k < v + N\}|}{n_y}
                                                                           \quad (credit\_vintage)

with :math:`pot_{t,c,y} = cap\_to\_act_t \sum_s \frac{w_s}{8760} avail_{t,s}\, out_{t,c,y}`, so a
vintage earns credits for exactly ``N`` calendar years whatever the year step, and idle
capacity earns nothing (output is attributed to the newest, credited capacity first).

Targets: each :class:`~model.case.Target` ``k`` gives

.. math::

    \sum_y weight_{k,y} \Big(\sum_c co2e_c\, emission[c,y] + [scope12_k]\, scope2[y]\Big)
      - miss[k] \le cap_k                                                   \quad (target)

``miss[k]`` is fixed at 0 unless the model is elastic, where it is priced in the objective.
"""

from __future__ import annotations

from model.case import Case, target_cap
from model.horizon import HOURS_PER_YEAR
from model.maths.algebra import Has, Maths, Sum, over, symbols
from model.maths.common import Index, param
from model.schema import GRID_EMISSION_FACTOR, STORAGE_CREDIT

#: Base emissions of reduction targets: one value, or one per scope (Mt CO2e/yr).
BaseEmissions = float | dict[str, float] | None

t, c, y, y2, s, v, k, r = symbols("t c y y2 s v k r")


def grid_commodities(case: Case, ix: Index) -> list[str]:
    """Supply commodities with a grid emission factor (scope 2)."""
    gef = case.price.get(GRID_EMISSION_FACTOR, {})
    return [com for com in ix.supply if any((com, year) in gef for year in ix.years)]


def credited(case: Case) -> list[str]:
    """Commodities that earn a storage credit."""
    return sorted({com for (com, _y) in case.price.get(STORAGE_CREDIT, {})})


def target_caps(case: Case, base_emissions: BaseEmissions) -> dict[str, float]:
    """Cap of each target (Mt CO2e), with ``base_emissions`` overriding the case's."""
    caps = {}
    for tg in case.targets:
        base = base_emissions if base_emissions is not None else case.base_emissions
        if isinstance(base, dict):
            base = base.get(tg.scope)
        try:
            caps[tg.label] = target_cap(tg, base)
        except ValueError:
            caps[tg.label] = 0.0  # set once the reference run has given base emissions
    return caps


def scope_emissions(sol, year: int, scope: str) -> float:
    """``E[y]`` of a solution in ``scope`` (Mt CO2e/yr): :math:`\\sum_c co2e_c\\,
    emission[c,y]`, plus ``scope2[y]`` for scope 1+2 (the quantity the targets bound)."""
    co2e = sol.lp.params["co2e"]
    emission = sol.values("emission")
    direct = sum(co2e.value_at((c,)) * emission[c, year] for c in sol.ix.emissions)
    return direct + sol.values("scope2")[year] if scope == "scope12" else direct


def parameters(m: Maths, case: Case, ix: Index, base_emissions: BaseEmissions = None) -> None:
    """Emission factors, reservoirs, credit potentials, target caps and weights."""
    techs = case.technologies
    gef = case.price.get(GRID_EMISSION_FACTOR, {})
    param(m, "co2e", "commodity", {com: case.commodities[com].co2e_factor
                                   for com in ix.emissions})
    param(m, "gef", "commodity year", {(com, year): gef.get((com, year), 0.0)
                                       for com in grid_commodities(case, ix)
                                       for year in ix.years}, sparse=True)
    param(m, "n_years", "year", {year: float(case.n_years[year]) for year in ix.years})
    param(m, "reservoir_capacity", "reservoir", dict(case.reservoirs))
    param(m, "injects", "tech reservoir", {(x, techs[x].reservoir): 1.0 for x in ix.active
                                           if techs[x].reservoir}, sparse=True)
    param(m, "injector", "tech", {x: 1.0 for x in ix.active if techs[x].reservoir})
    creditable = credited(case)
    m.set("credited", "commodity", creditable)
    m.set("credit_limited", "tech", [x for x in ix.active if techs[x].credit_years is not None])
    param(m, "has_producer", "commodity", {com: 1.0 for com in creditable
                                           if ix.producers[com]})
    vintage = {}
    for com in creditable:
        for x in ix.producers[com]:
            tech = techs[x]
            if tech.credit_years is None:
                continue
            full = tech.cap_to_act * sum(case.hours[sl] / HOURS_PER_YEAR * case.avail[(x, sl)]
                                         for sl in ix.slices)
            for year in ix.years:
                for vy in case.active_vintages(x, year):
                    # calendar years of block y inside [v, v + N); a fractional N prorates
                    years = sum(min(1.0, max(0.0, vy + tech.credit_years - kk))
                                for kk in case.block_years(year) if kk >= vy)
                    vintage[(x, com, year, vy)] = full * case.ratio_out[(x, com)][year] \
                        * years / case.n_years[year]
    param(m, "credit_vintage_coef", "tech commodity year year", vintage, sparse=True)
    param(m, "target_cap", "target", target_caps(case, base_emissions))
    param(m, "target_weight", "target year", {(tg.label, year): w for tg in case.targets
                                              for year, w in tg.weights.items()}, sparse=True)
    param(m, "scope12", "target", {tg.label: 1.0 for tg in case.targets
                                   if tg.scope == "scope12"})


def declare(m: Maths, elastic: bool, targets: bool) -> None:
    S, P, V = m.sets, m.params, m.vars  # noqa: N806
    act, buy, new = V["act"], V["buy"], V["new"]
    emission = m.var("emission", over(c=S["emissions"], y=S["years"]), lower=-float("inf"))
    scope2 = m.var("scope2", over(y=S["years"]), lower=-float("inf"))
    cred = m.var("cred", over(t=S["active"], c=S["credited"], y=S["years"],
                              where=Has(P["ratio_out"][t, c, y])))
    miss = m.var("miss", over(k=S["targets"]), active=elastic)
    out, inp = P["ratio_out"], P["ratio_in"]

    m.family("emission_def", over(c=S["emissions"], y=S["years"]),
             emission[c, y] == Sum(out[t, c, y] * act[t, y, s], over(t=S["active"],
                                                                      s=S["slices"]),
                                   label="emitted")
             - Sum(inp[t, c, y] * act[t, y, s], over(t=S["active"], s=S["slices"]),
                   label="removed"))
    m.family("scope2_def", over(y=S["years"]),
             scope2[y] == Sum(P["gef"][c, y] * buy[c, y, s], over(c=S["supply"], s=S["slices"]),
                              label="purchased"))
    m.family("reservoir_limit", over(r=S["reservoirs"], y=S["years"]),
             Sum(P["n_years"][y2] * act[t, y2, s], over(t=S["active"], y2=S["years"],
                                                          s=S["slices"]),
                 where=Has(P["injects"][t, r]) & (y2 <= y), label="injected")
             <= P["reservoir_capacity"][r])
    m.family("credit_stored",
             over(c=S["credited"], y=S["years"], where=P["has_producer"][c] > 0),
             Sum(cred[t, c, y], over(t=S["active"]))
             <= Sum(inp[t, c, y] * act[t, y, s], over(t=S["active"], s=S["slices"]),
                    where=P["injector"][t] > 0, label="stored"))
    m.family("credit_output",
             over(t=S["active"], c=S["credited"], y=S["years"], where=Has(out[t, c, y])),
             cred[t, c, y] <= Sum(out[t, c, y] * act[t, y, s], over(s=S["slices"]),
                                  label="produced"))
    m.family("credit_vintage",
             over(t=S["credit_limited"], c=S["credited"], y=S["years"],
                  where=Has(out[t, c, y])),
             cred[t, c, y] <= Sum(P["credit_vintage_coef"][t, c, y, v] * new[t, v],
                                  over(v=S["years"]), label="vintages"))
    weight = P["target_weight"]
    m.family("target", over(k=S["targets"]),
             Sum(weight[k, y] * P["co2e"][c] * emission[c, y],
                 over(c=S["emissions"], y=S["years"]), label="emissions")
             + Sum(weight[k, y] * P["scope12"][k] * scope2[y], over(y=S["years"]),
                   label="scope 2")
             - Sum(miss[k], label="missed") <= P["target_cap"][k],
             active=targets)
