r"""Capacity: vintages, lifetimes, residual stock, early retirement, build and capacity limits.

Variables (capacity units of the technology):

* ``new[t,v] >= 0``: capacity commissioned in modelled year ``v``, in service from ``v``.
* ``cap[t,y] >= 0``: capacity in service in modelled year ``y`` (defined by ``cap_def``).
* ``retire[t,j,v] >= 0``: early retirement in year ``v`` of residual tranche ``j``
  (technologies with ``early_retirement`` only).

Residual tranches. With modelled years :math:`y_0 < y_1 < \dots < y_K`, tranche
:math:`j = k` (``1 <= k <= K``) is the residual capacity that leaves at :math:`y_k`,
:math:`size_k = R[y_{k-1}] - R[y_k]`, and tranche :math:`K+1` (``j = "end"``) is
:math:`R[y_K]`, still in service at the end. A tranche leaving at :math:`e_j` may be retired
in any year :math:`v < e_j`.

.. math::

    cap[t,y] = R[t,y] - \sum_{j: e_j > y} \sum_{v \le y} retire[t,j,v]
               + \sum_{v \in Y,\; v \le y < v + L_t} new[t,v]          \quad (cap\_def)

    \sum_v retire[t,j,v] \le size_{t,j}                                  \quad (tranche)

    act[t,y,s] \le cap[t,y] \cdot cap\_to\_act_t \cdot \frac{w_s}{8760} \cdot avail_{t,s}
                                                                          \quad (act\_max)

    act[t,y,s] \ge min\_load_t \cdot cap[t,y] \cdot cap\_to\_act_t \cdot \frac{w_s}{8760}
                                                                          \quad (act\_min)

Bounds: ``new[t,v] = 0`` for ``v < first_year_t``; ``new[t,v] <= max_build_per_year_t * n_v``;
``min[t,y] <= cap[t,y] <= max[t,y]``. ``L_t`` is the effective life (lifetime rounded up to
whole year steps).
"""

from __future__ import annotations

import numpy as np

from model.case import Case
from model.horizon import HOURS_PER_YEAR
from model.maths.common import INF, Index, ParamValues, pyo, set_bounds
from model.maths.lp import Builder, dense, positions

END = "end"


def tranches(case: Case, t: str) -> dict[object, tuple[int | None, float]]:
    """Residual tranches of ``t``: j -> (leaving year or None, size)."""
    ys = case.years
    r = [case.residual.get((t, y), 0.0) for y in ys]
    out: dict[object, tuple[int | None, float]] = {}
    for k in range(1, len(ys)):
        out[k] = (ys[k], max(r[k - 1] - r[k], 0.0))
    out[END] = (None, r[-1])
    return out


def parameters(case: Case, ix: Index) -> ParamValues:
    """Residual capacity, tranche sizes and the activity-per-capacity coefficients."""
    act_per_cap = {(t, s): case.technologies[t].cap_to_act * case.hours[s] / HOURS_PER_YEAR
                   * case.avail[(t, s)] for t in ix.techs for s in ix.slices}
    min_act_per_cap = {(t, s): case.technologies[t].min_load * case.technologies[t].cap_to_act
                       * case.hours[s] / HOURS_PER_YEAR
                       for t in ix.active if case.technologies[t].min_load > 0
                       for s in ix.slices}
    return {
        "residual": {(t, y): case.residual.get((t, y), 0.0) for t in ix.techs for y in ix.years},
        "tranche_size": {(t, j): size for t in ix.retirable
                         for j, (_e, size) in tranches(case, t).items()},
        "act_per_cap": act_per_cap,
        "min_act_per_cap": min_act_per_cap,
    }


def retire_index(case: Case, ix: Index) -> list[tuple[str, object, int]]:
    """(t, j, v): tranche ``j`` of ``t`` may be retired in ``v`` (before it leaves)."""
    return [(t, j, v) for t in ix.retirable
            for j, (e, _s) in tranches(case, t).items()
            for v in ix.years if e is None or v < e]


def add(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    m.new = pyo.Var(ix.techs, ix.years, domain=pyo.NonNegativeReals)
    m.cap = pyo.Var(ix.techs, ix.years, domain=pyo.NonNegativeReals)
    m.retire = pyo.Var(retire_index(case, ix), domain=pyo.NonNegativeReals)
    m.act = pyo.Var(ix.active, ix.years, ix.slices, domain=pyo.NonNegativeReals)

    leaving = {t: tranches(case, t) for t in ix.retirable}

    def cap_def(m, t, y):
        built = sum(m.new[t, v] for v in case.active_vintages(t, y))
        retired = 0
        if t in leaving:
            retired = sum(m.retire[t, j, v] for j, (e, _s) in leaving[t].items()
                          if e is None or e > y for v in ix.years if v <= y and
                          (e is None or v < e))
        return m.cap[t, y] == m.residual[t, y] - retired + built

    m.cap_def = pyo.Constraint(ix.techs, ix.years, rule=cap_def)

    def tranche(m, t, j):
        e = leaving[t][j][0]
        return sum(m.retire[t, j, v] for v in ix.years if e is None or v < e) \
            <= m.tranche_size[t, j]

    m.tranche = pyo.Constraint([(t, j) for t in ix.retirable for j in leaving[t]], rule=tranche)

    m.act_max = pyo.Constraint(
        ix.active, ix.years, ix.slices,
        rule=lambda m, t, y, s: m.act[t, y, s] <= m.act_per_cap[t, s] * m.cap[t, y])
    min_load = [(t, y, s) for t in ix.active if case.technologies[t].min_load > 0
                for y in ix.years for s in ix.slices]
    m.act_min = pyo.Constraint(
        min_load, rule=lambda m, t, y, s: m.act[t, y, s] >= m.min_act_per_cap[t, s] * m.cap[t, y])


def build_limit(case: Case, ix: Index) -> dict[tuple[str, int], float]:
    """Upper bound of ``new[t,v]``: 0 before the first year, else the build rate times n_v."""
    new_ub = {}
    for t in ix.techs:
        tech = case.technologies[t]
        for v in ix.years:
            if v < tech.first_year:
                new_ub[(t, v)] = 0.0
            else:
                new_ub[(t, v)] = tech.max_build_per_year * case.n_years[v] \
                    if tech.max_build_per_year < INF else INF
    return new_ub


def bounds(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    """Build limits on ``new`` and capacity limits on ``cap``."""
    set_bounds(m.new, None, build_limit(case, ix))
    set_bounds(m.cap, case.cap_min, case.cap_max)


def arrays(b: Builder, case: Case, ix: Index, p: ParamValues) -> None:
    """The rows and columns of :func:`add` and :func:`bounds` as arrays (same names)."""
    techs, years, slices = ix.techs, ix.years, ix.slices
    n_y = len(years)
    new = b.var("new", (techs, years), upper=dense(build_limit(case, ix), techs, years))
    cap = b.var("cap", (techs, years), lower=dense(case.cap_min, techs, years),
                upper=dense(case.cap_max, techs, years, default=INF))
    retire_keys = retire_index(case, ix)
    retire = b.var("retire", keys=retire_keys)
    act = b.var("act", (ix.active, years, slices))

    # cap_def: cap[t,y] + sum of retirements of tranches still in service
    #          - sum of new[t,v] alive in y = residual[t,y]
    residual = dense(p["residual"], techs, years)
    rows = b.rows("cap_def", (techs, years), lower=residual, upper=residual)
    t, y = rows.grid()
    rows.add(cap.col(t, y), 1.0)
    year = np.asarray(years)
    life = np.array([case.technologies[x].life for x in techs])
    v = np.arange(n_y)
    alive = (year[None, None, :] <= year[None, :, None]) & \
        (year[None, :, None] < year[None, None, :] + life[:, None, None])  # [t, y, v]
    rows.add(new.col(t[..., None], v[None, None, :]), -alive.astype(float))
    if retire_keys:
        leaving = {x: tranches(case, x) for x in ix.retirable}
        r_t = positions([k[0] for k in retire_keys], techs)
        r_v = positions([k[2] for k in retire_keys], years)
        r_e = np.array([years.index(e) if e is not None else n_y
                        for e in (leaving[k[0]][k[1]][0] for k in retire_keys)])
        # retire[t,j,v] lowers cap[t,y] for v <= y < leaving year of tranche j
        in_row = (r_v[:, None] <= v[None, :]) & (v[None, :] < r_e[:, None])  # [key, y]
        cols = retire.col(np.arange(len(retire_keys)))[:, None]
        rows.add(np.broadcast_to(cols, in_row.shape)[in_row], 1.0,
                 rows=rows.row(np.broadcast_to(r_t[:, None], in_row.shape)[in_row],
                               np.broadcast_to(v[None, :], in_row.shape)[in_row]))

        tranche_keys = [(x, j) for x in ix.retirable for j in leaving[x]]
        size = np.array([p["tranche_size"][k] for k in tranche_keys])
        rows = b.rows("tranche", keys=tranche_keys, upper=size)
        row_of = {k: i for i, k in enumerate(tranche_keys)}
        rows.add(retire.col(np.arange(len(retire_keys))), 1.0,
                 rows=np.array([row_of[(k[0], k[1])] for k in retire_keys]))

    # act_max: act[t,y,s] - act_per_cap[t,s] cap[t,y] <= 0
    apc = dense(p["act_per_cap"], techs, slices)
    tech_of = positions(ix.active, techs)
    rows = b.rows("act_max", (ix.active, years, slices), upper=0.0)
    a, y, s = rows.grid()
    rows.add(act.col(a, y, s), 1.0)
    rows.add(cap.col(tech_of[a], y), -apc[tech_of[a], s])

    # act_min: min_act_per_cap[t,s] cap[t,y] - act[t,y,s] <= 0
    loaded = [x for x in ix.active if case.technologies[x].min_load > 0]
    if loaded:
        mapc = dense(p["min_act_per_cap"], loaded, slices)
        rows = b.rows("act_min", (loaded, years, slices), upper=0.0)
        k, y, s = rows.grid()
        rows.add(cap.col(positions(loaded, techs)[k], y), mapc[k, s])
        rows.add(act.col(positions(loaded, ix.active)[k], y, s), -1.0)
