r"""Capacity: vintages, lifetimes, residual stock, early retirement, build and capacity limits.

Variables (capacity units of the technology):

* ``new[t,v] >= 0``: capacity commissioned in modelled year ``v``, in service from ``v``.
* ``cap[t,y] >= 0``: capacity in service in modelled year ``y`` (defined by ``cap_def``).
* ``retire[t,j,v] >= 0``: early retirement in year ``v`` of residual tranche ``j``
  (technologies with ``early_retirement`` only).
* ``act[t,y,s] >= 0``: activity over all hours slice ``s`` stands for in year ``y``.

Residual tranches. With modelled years :math:`y_0 < y_1 < \dots < y_K`, tranche
:math:`j = k` (``1 <= k <= K``) is the residual capacity that leaves at :math:`e_k = y_k`,
:math:`size_k = R[y_{k-1}] - R[y_k]`, and tranche :math:`K+1` (``j = "end"``,
:math:`e_j = \infty`) is :math:`R[y_K]`, still in service at the end. A tranche leaving at
:math:`e_j` may be retired in any year :math:`v < e_j`.

.. math::

    cap[t,y] = R[t,y] - \sum_{j, v:\ v \le y < e_j} retire[t,j,v]
               + \sum_{v \in Y:\ v \le y < v + L_t} new[t,v]          \quad (cap\_def)

    \sum_v retire[t,j,v] \le size_{t,j}                                  \quad (tranche)

    act[t,y,s] \le act\_per\_cap_{t,s} \cdot cap[t,y], \quad
    act\_per\_cap_{t,s} = cap\_to\_act_t \cdot \frac{w_s}{8760} \cdot avail_{t,s}
                                                                          \quad (act\_max)

    act[t,y,s] \ge min\_load_t \cdot cap\_to\_act_t \cdot \frac{w_s}{8760} \cdot cap[t,y]
                                                                          \quad (act\_min)

Bounds: ``new[t,v] = 0`` for ``v < first_year_t``; ``new[t,v] <= max_build_per_year_t * n_v``;
``min[t,y] <= cap[t,y] <= max[t,y]``. ``L_t`` is the effective life (lifetime rounded up to
whole year steps).
"""

from __future__ import annotations

from model.case import Case
from model.horizon import HOURS_PER_YEAR
from model.maths.algebra import INF, Maths, Sum, over, symbols
from model.maths.common import END, Index, param

t, y, v, j, s = symbols("t y v j s")


def tranches(case: Case, tech: str) -> dict[object, tuple[int | None, float]]:
    """Residual tranches of ``tech``: j -> (leaving year or None, size)."""
    ys = case.years
    r = [case.residual.get((tech, x), 0.0) for x in ys]
    out: dict[object, tuple[int | None, float]] = {}
    for k in range(1, len(ys)):
        out[k] = (ys[k], max(r[k - 1] - r[k], 0.0))
    out[END] = (None, r[-1])
    return out


def build_limit(case: Case, ix: Index) -> dict[tuple[str, int], float]:
    """Upper bound of ``new[t,v]``: 0 before the first year, else the build rate times n_v."""
    new_ub = {}
    for tech_name in ix.techs:
        tech = case.technologies[tech_name]
        for year in ix.years:
            if year < tech.first_year:
                new_ub[(tech_name, year)] = 0.0
            else:
                new_ub[(tech_name, year)] = tech.max_build_per_year * case.n_years[year] \
                    if tech.max_build_per_year < INF else INF
    return new_ub


def parameters(m: Maths, case: Case, ix: Index) -> None:
    """Residual stock and its tranches, lives, limits and activity per unit of capacity."""
    techs = case.technologies
    param(m, "residual", "tech year", case.residual)
    param(m, "life", "tech", {x: techs[x].life for x in ix.techs})
    param(m, "exit_year", "tranche", {**{k: float(ix.years[k]) for k in range(1, len(ix.years))},
                                      END: INF})
    param(m, "tranche_size", "tech tranche",
          {(x, k): size for x in ix.retirable for k, (_e, size) in tranches(case, x).items()})
    param(m, "act_per_cap", "tech slice",
          {(x, sl): techs[x].cap_to_act * case.hours[sl] / HOURS_PER_YEAR * case.avail[(x, sl)]
           for x in ix.techs for sl in ix.slices})
    param(m, "min_act_per_cap", "tech slice",
          {(x, sl): techs[x].min_load * techs[x].cap_to_act * case.hours[sl] / HOURS_PER_YEAR
           for x in ix.active if techs[x].min_load > 0 for sl in ix.slices})
    param(m, "build_limit", "tech year", build_limit(case, ix), default=INF)
    param(m, "cap_min", "tech year", case.cap_min)
    param(m, "cap_max", "tech year", case.cap_max, default=INF)


def declare(m: Maths) -> None:
    S, P = m.sets, m.params  # noqa: N806
    new = m.var("new", over(t=S["techs"], v=S["years"]), upper=P["build_limit"][t, v])
    cap = m.var("cap", over(t=S["techs"], y=S["years"]),
                lower=P["cap_min"][t, y], upper=P["cap_max"][t, y])
    retire = m.var("retire", over(t=S["retirable"], j=S["tranches"], v=S["years"],
                                  where=v < P["exit_year"][j]))
    act = m.var("act", over(t=S["active"], y=S["years"], s=S["slices"]))
    exit_year, life = P["exit_year"], P["life"]

    m.family("cap_def", over(t=S["techs"], y=S["years"]),
             cap[t, y] == P["residual"][t, y]
             - Sum(retire[t, j, v], over(j=S["tranches"], v=S["years"]),
                   where=(v <= y) & (y < exit_year[j]), label="retired")
             + Sum(new[t, v], over(v=S["years"]), where=(v <= y) & (y < v + life[t]),
                   label="built"))
    m.family("tranche", over(t=S["retirable"], j=S["tranches"]),
             Sum(retire[t, j, v], over(v=S["years"])) <= P["tranche_size"][t, j])
    m.family("act_max", over(t=S["active"], y=S["years"], s=S["slices"]),
             act[t, y, s] <= P["act_per_cap"][t, s] * cap[t, y])
    m.family("act_min", over(t=S["loaded"], y=S["years"], s=S["slices"]),
             act[t, y, s] >= P["min_act_per_cap"][t, s] * cap[t, y])
