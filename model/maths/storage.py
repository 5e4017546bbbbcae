r"""Storage of a commodity between the slices of a period (batteries, hydrogen tanks, caverns).

``charge[t,y,s]`` and ``discharge[t,y,s]`` are quantities over the whole year in slice ``s``
(as in the commodity balance); ``soc[t,y,s]`` is the state of charge inside one occurrence of
the slice's period, at the *start* of slice ``s``. A period occurs ``m_p`` times a year and a
slice lasts ``h_s = w_s / m_p`` hours in one occurrence.

.. math::

    soc[t,y,next(s)] = soc[t,y,s] (1 - loss_t)^{h_s}
        + \frac{\eta^{in}_t\, charge[t,y,s] - discharge[t,y,s] / \eta^{out}_t}{m_p}
                                                             \quad (soc\_balance,\ cyclic)

    soc[t,y,s] \le e2p_t \cdot cap[t,y] \cdot cap\_to\_act_t / 8760   \quad (soc\_max)

    charge[t,y,s],\ discharge[t,y,s] \le cap[t,y] \cdot cap\_to\_act_t \cdot
        \frac{w_s}{8760} \cdot avail_{t,s}                               \quad (charge\_max,\ discharge\_max)

With capacity in MW and the commodity in MWh (``cap_to_act = 8760``) the limits read
``charge <= cap * w_s`` and ``soc <= e2p * cap``, as in the specification.
"""

from __future__ import annotations

from model.case import Case
from model.horizon import HOURS_PER_YEAR
from model.maths.common import Index, ParamValues, pyo
from model.maths.lp import Builder, dense, positions


def parameters(case: Case, ix: Index) -> ParamValues:
    retention, inflow, outflow, energy = {}, {}, {}, {}
    for t in ix.storages:
        spec = case.storage[t]
        tech = case.technologies[t]
        energy[t] = spec.energy_per_power * tech.cap_to_act / HOURS_PER_YEAR
        for s in ix.slices:
            m_p = case.occurrences[s]
            h_s = case.hours[s] / m_p
            retention[(t, s)] = (1.0 - spec.self_discharge) ** h_s
            inflow[(t, s)] = spec.efficiency_in / m_p
            outflow[(t, s)] = 1.0 / (spec.efficiency_out * m_p) if spec.efficiency_out > 0 \
                else 0.0
    return {"soc_retention": retention, "soc_in": inflow, "soc_out": outflow,
            "energy_per_cap": energy}


def add(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    m.charge = pyo.Var(ix.storages, ix.years, ix.slices, domain=pyo.NonNegativeReals)
    m.discharge = pyo.Var(ix.storages, ix.years, ix.slices, domain=pyo.NonNegativeReals)
    m.soc = pyo.Var(ix.storages, ix.years, ix.slices, domain=pyo.NonNegativeReals)
    idx = [(t, y, s) for t in ix.storages for y in ix.years for s in ix.slices]

    def soc_balance(m, t, y, s):
        return m.soc[t, y, case.next_slice[s]] == m.soc_retention[t, s] * m.soc[t, y, s] \
            + m.soc_in[t, s] * m.charge[t, y, s] - m.soc_out[t, s] * m.discharge[t, y, s]

    m.soc_balance = pyo.Constraint(idx, rule=soc_balance)
    m.soc_max = pyo.Constraint(
        idx, rule=lambda m, t, y, s: m.soc[t, y, s] <= m.energy_per_cap[t] * m.cap[t, y])
    m.charge_max = pyo.Constraint(
        idx, rule=lambda m, t, y, s: m.charge[t, y, s] <= m.act_per_cap[t, s] * m.cap[t, y])
    m.discharge_max = pyo.Constraint(
        idx, rule=lambda m, t, y, s: m.discharge[t, y, s] <= m.act_per_cap[t, s] * m.cap[t, y])


def arrays(b: Builder, case: Case, ix: Index, p: ParamValues) -> None:
    """The rows and columns of :func:`add` as arrays (same names)."""
    stores, years, slices = ix.storages, ix.years, ix.slices
    dims = (stores, years, slices)
    charge = b.var("charge", dims)
    discharge = b.var("discharge", dims)
    soc = b.var("soc", dims)
    if not stores:
        return
    cap = b.vars["cap"]
    tech_of = positions(stores, ix.techs)
    retention = dense(p["soc_retention"], stores, slices)
    inflow = dense(p["soc_in"], stores, slices)
    outflow = dense(p["soc_out"], stores, slices)
    after = positions([case.next_slice[x] for x in slices], slices)

    # soc_balance: soc[next(s)] - retention soc[s] - in charge[s] + out discharge[s] = 0
    rows = b.rows("soc_balance", dims, lower=0.0, upper=0.0)
    g, y, s = rows.grid()
    rows.add(soc.col(g, y, after[s]), 1.0)
    rows.add(soc.col(g, y, s), -retention[g, s])
    rows.add(charge.col(g, y, s), -inflow[g, s])
    rows.add(discharge.col(g, y, s), outflow[g, s])

    # soc_max: soc - energy_per_cap cap <= 0; charge_max, discharge_max: x - act_per_cap cap <= 0
    energy = dense(p["energy_per_cap"], stores)
    rows = b.rows("soc_max", dims, upper=0.0)
    rows.add(soc.col(g, y, s), 1.0)
    rows.add(cap.col(tech_of[g], y), -energy[g])
    apc = dense(p["act_per_cap"], stores, slices)
    for name, var in (("charge_max", charge), ("discharge_max", discharge)):
        rows = b.rows(name, dims, upper=0.0)
        rows.add(var.col(g, y, s), 1.0)
        rows.add(cap.col(tech_of[g], y), -apc[g, s])
