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

import pyomo.environ as pyo

from model.case import Case
from model.maths.common import Index, ParamValues
from model.validate import HOURS_PER_YEAR


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
