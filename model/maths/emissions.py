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

    \sum_y weight_{k,y} (E_1[y] + [scope12]\, scope2[y]) - miss[k] \le cap_k  \quad (target)

``miss[k]`` is fixed at 0 unless the model is elastic, where it is priced in the objective.
"""

from __future__ import annotations

import numpy as np

from model.case import Case, target_cap
from model.horizon import HOURS_PER_YEAR
from model.maths.common import Index, ParamValues, pyo
from model.maths.flows import add_net_output, ratio_series
from model.maths.lp import Builder, dense, positions

#: Base emissions of reduction targets: one value, or one per scope (Mt CO2e/yr).
BaseEmissions = float | dict[str, float] | None


def _injectors(case: Case, ix: Index) -> list[str]:
    return [t for t in ix.active if case.technologies[t].reservoir]


def grid_commodities(case: Case, ix: Index) -> list[str]:
    """Supply commodities with a grid emission factor (scope 2)."""
    gef = case.price.get("grid_emission_factor", {})
    return [c for c in ix.supply if any((c, y) in gef for y in ix.years)]


def credited(case: Case, ix: Index) -> list[str]:
    return sorted({c for (c, _y) in case.price.get("storage_credit", {})})


def parameters(case: Case, ix: Index, base_emissions: BaseEmissions = None) -> ParamValues:
    """Emission factors, reservoir capacities, target caps and credit potentials.

    ``base_emissions`` overrides the case's: one value, or one per scope (Mt CO2e/yr).
    """
    gef = case.price.get("grid_emission_factor", {})
    caps = {}
    for tg in case.targets:
        base = base_emissions if base_emissions is not None else case.base_emissions
        if isinstance(base, dict):
            base = base.get(tg.scope)
        try:
            caps[tg.label] = target_cap(tg, base)
        except ValueError:
            caps[tg.label] = 0.0  # set once the reference run has given base emissions
    vintage = {}
    for c in credited(case, ix):
        for t in ix.producers[c]:
            tech = case.technologies[t]
            if tech.credit_years is None:
                continue
            full = tech.cap_to_act * sum(case.hours[s] / HOURS_PER_YEAR * case.avail[(t, s)]
                                         for s in ix.slices)
            for y in ix.years:
                for v in case.active_vintages(t, y):
                    # calendar years of block y inside [v, v + N); a fractional N prorates
                    years = sum(min(1.0, max(0.0, v + tech.credit_years - k))
                                for k in case.block_years(y) if k >= v)
                    vintage[(t, c, y, v)] = full * case.ratio_out[(t, c)][y] * years \
                        / case.n_years[y]
    return {
        "co2e": {c: case.commodities[c].co2e_factor for c in ix.emissions},
        "gef": {(c, y): gef.get((c, y), 0.0) for c in grid_commodities(case, ix)
                for y in ix.years},
        "reservoir_capacity": dict(case.reservoirs),
        "target_cap": caps,
        "credit_vintage_coef": vintage,
    }


def scope_emissions(m: pyo.ConcreteModel, ix: Index, y: int, scope: str):
    """E[y] in the given scope (Mt CO2e/yr)."""
    direct = sum(m.co2e[c] * m.emission[c, y] for c in ix.emissions)
    return direct + m.scope2[y] if scope == "scope12" else direct


def add(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    m.emission = pyo.Var(ix.emissions, ix.years, domain=pyo.Reals)
    m.scope2 = pyo.Var(ix.years, domain=pyo.Reals)

    def emission_def(m, c, y):
        return m.emission[c, y] == sum(
            m.ratio_out[t, c, y] * m.act[t, y, s] for t in ix.producers[c] for s in ix.slices
        ) - sum(m.ratio_in[t, c, y] * m.act[t, y, s] for t in ix.consumers[c]
                for s in ix.slices)

    m.emission_def = pyo.Constraint(ix.emissions, ix.years, rule=emission_def)
    gef_commodities = grid_commodities(case, ix)
    m.scope2_def = pyo.Constraint(ix.years, rule=lambda m, y: m.scope2[y] == sum(
        m.gef[c, y] * m.buy[c, y, s] for c in gef_commodities for s in ix.slices))

    injectors = _injectors(case, ix)

    def reservoir_limit(m, r, y):
        members = [t for t in injectors if case.technologies[t].reservoir == r]
        return sum(case.n_years[yy] * m.act[t, yy, s] for yy in ix.years if yy <= y
                   for t in members for s in ix.slices) <= m.reservoir_capacity[r]

    m.reservoir_limit = pyo.Constraint(list(case.reservoirs), ix.years, rule=reservoir_limit)

    creditable = credited(case, ix)
    cred_index = [(t, c, y) for c in creditable for t in ix.producers[c] for y in ix.years]
    m.cred = pyo.Var(cred_index, domain=pyo.NonNegativeReals)
    def credit_stored(m, c, y):
        stored = [t for t in injectors if t in ix.consumers[c]]
        if not ix.producers[c]:
            return pyo.Constraint.Skip  # nothing can earn the credit
        return sum(m.cred[t, c, y] for t in ix.producers[c]) <= sum(
            m.ratio_in[t, c, y] * m.act[t, y, s] for t in stored for s in ix.slices)

    m.credit_stored = pyo.Constraint(creditable, ix.years, rule=credit_stored)
    m.credit_output = pyo.Constraint(cred_index, rule=lambda m, t, c, y: m.cred[t, c, y] <= sum(
        m.ratio_out[t, c, y] * m.act[t, y, s] for s in ix.slices))
    limited = [(t, c, y) for (t, c, y) in cred_index
               if case.technologies[t].credit_years is not None]
    m.credit_vintage = pyo.Constraint(limited, rule=lambda m, t, c, y: m.cred[t, c, y] <= sum(
        m.credit_vintage_coef[t, c, y, v] * m.new[t, v] for v in case.active_vintages(t, y)))

    labels = [tg.label for tg in case.targets]
    m.miss = pyo.Var(labels, domain=pyo.NonNegativeReals)
    by_label = {tg.label: tg for tg in case.targets}

    def target(m, k):
        tg = by_label[k]
        return sum(w * scope_emissions(m, ix, y, tg.scope) for y, w in tg.weights.items()) \
            - m.miss[k] <= m.target_cap[k]

    m.target = pyo.Constraint(labels, rule=target)


def bounds(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    set_elastic(m, bool(case.settings.get("elastic")))


def set_elastic(m: pyo.ConcreteModel, on: bool) -> None:
    """Allow (priced) target misses, or fix them at zero.

    Fixed misses leave the compiled LP altogether, so a binding target's dual is its
    shadow price (a miss column at a [0, 0] bound would make that dual degenerate).
    """
    for k in m.miss.keys():
        if on:
            m.miss[k].unfix()
        else:
            m.miss[k].fix(0.0)


def arrays(b: Builder, case: Case, ix: Index, p: ParamValues, elastic: bool = False,
           targets: bool = True) -> None:
    """The rows and columns of :func:`add` as arrays (same names). ``elastic``: misses are
    columns (else fixed at 0 and left out); ``targets``: with the target rows (the
    reference run leaves them out)."""
    years, slices = ix.years, ix.slices
    n_y, n_s = len(years), len(slices)
    y = np.arange(n_y)[:, None]
    s = np.arange(n_s)[None, :]
    act, buy, new = b.vars["act"], b.vars["buy"], b.vars["new"]
    active = {t: i for i, t in enumerate(ix.active)}
    emission = b.var("emission", (ix.emissions, years), lower=-np.inf)
    scope2 = b.var("scope2", (years,), lower=-np.inf)

    # emission_def: emission[c,y] - sum out act + sum in act = 0
    rows = b.rows("emission_def", (ix.emissions, years), lower=0.0, upper=0.0)
    for k, c in enumerate(ix.emissions):
        at = np.broadcast_to(rows.row(k, y), (n_y, n_s))
        rows.add(emission.col(k, y[:, 0]), 1.0, rows=rows.row(k, y[:, 0]))
        add_net_output(rows, b, ix, p, c, at, sign=-1.0)

    # scope2_def: scope2[y] - sum gef buy = 0
    rows = b.rows("scope2_def", (years,), lower=0.0, upper=0.0)
    rows.add(scope2.col(y[:, 0]), 1.0)
    at = np.broadcast_to(y, (n_y, n_s))
    for c in grid_commodities(case, ix):
        gef = np.array([p["gef"][(c, x)] for x in years])[:, None]
        rows.add(buy.col(ix.supply.index(c), y, s), -gef, rows=at)

    # reservoir_limit: sum over y' <= y of n_y' act[t,y',s] <= capacity
    injectors = _injectors(case, ix)
    reservoirs = list(case.reservoirs)
    rows = b.rows("reservoir_limit", (reservoirs, years),
                  upper=np.array([p["reservoir_capacity"][r] for r in reservoirs])[:, None])
    n = np.array([case.n_years[x] for x in years], dtype=float)
    earlier = (np.arange(n_y)[None, :] <= np.arange(n_y)[:, None])  # [y, y']
    for k, r in enumerate(reservoirs):
        for t in (x for x in injectors if case.technologies[x].reservoir == r):
            cols = act.col(active[t], np.arange(n_y)[None, :, None], s[None])  # [y, y', s]
            rows.add(cols, (n[None, :] * earlier)[:, :, None],
                     rows=rows.row(k, np.arange(n_y)[:, None, None]))

    # storage credits
    creditable = credited(case, ix)
    cred_keys = [(t, c, x) for c in creditable for t in ix.producers[c] for x in years]
    cred = b.var("cred", keys=cred_keys)
    stored_keys = [(c, x) for c in creditable if ix.producers[c] for x in years]
    if stored_keys:
        rows = b.rows("credit_stored", keys=stored_keys, upper=0.0)
        row_of = {k: i for i, k in enumerate(stored_keys)}
        rows.add(cred.cols_of(cred_keys), 1.0,
                 rows=np.array([row_of[(c, x)] for (_t, c, x) in cred_keys]))
        for c in creditable:
            if not ix.producers[c]:
                continue
            at = np.broadcast_to(np.array([row_of[(c, x)] for x in years])[:, None], (n_y, n_s))
            for t in (x for x in injectors if x in ix.consumers[c]):
                rows.add(act.col(active[t], y, s),
                         -ratio_series(p, "ratio_in", t, c, years)[:, None], rows=at)
    if cred_keys:
        rows = b.rows("credit_output", keys=cred_keys, upper=0.0)
        k = np.arange(len(cred_keys))
        rows.add(cred.col(k), 1.0, rows=k)
        out = np.array([p["ratio_out"].get(key, 0.0) for key in cred_keys])
        tech = np.array([active[t] for (t, _c, _y) in cred_keys])
        year = positions([x for (_t, _c, x) in cred_keys], years)
        rows.add(act.col(tech[:, None], year[:, None], s), -out[:, None],
                 rows=np.broadcast_to(k[:, None], (len(k), n_s)))
    limited = [key for key in cred_keys if case.technologies[key[0]].credit_years is not None]
    if limited:
        rows = b.rows("credit_vintage", keys=limited, upper=0.0)
        k = np.arange(len(limited))
        rows.add(cred.cols_of(limited), 1.0, rows=k)
        coef = p["credit_vintage_coef"]
        r, cols, vals = [], [], []
        tech_pos = {t: i for i, t in enumerate(ix.techs)}
        year_pos = {x: i for i, x in enumerate(years)}
        for i, (t, c, x) in enumerate(limited):
            for v in case.active_vintages(t, x):
                r.append(i)
                cols.append(new.col(tech_pos[t], year_pos[v]))
                vals.append(-coef[(t, c, x, v)])
        rows.add(np.array(cols, dtype=np.int64), np.array(vals), rows=np.array(r, dtype=int))

    # targets: sum_y w (sum_c co2e_c emission[c,y] [+ scope2[y]]) - miss <= cap
    labels = [tg.label for tg in case.targets]
    miss = b.var("miss", keys=labels if elastic else [])
    if not targets or not labels:
        return
    cap = np.array([p["target_cap"][k] for k in labels])
    rows = b.rows("target", keys=labels, upper=cap)
    co2e = dense(p["co2e"], ix.emissions)
    for k, tg in enumerate(case.targets):
        for x, w in tg.weights.items():
            yi = years.index(x)
            rows.add(emission.col(np.arange(len(ix.emissions)), yi), w * co2e, rows=k)
            if tg.scope == "scope12":
                rows.add(scope2.col(yi), w, rows=k)
        if elastic:
            rows.add(miss.col(k), -1.0, rows=k)
