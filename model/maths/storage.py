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
from model.maths.algebra import IndexMap, Maths, over, symbols
from model.maths.common import Index, param

t, y, s = symbols("t y s")


def parameters(m: Maths, case: Case, ix: Index) -> None:
    """Retention over a slice, charge and discharge per unit, energy per unit of capacity."""
    retention, inflow, outflow, energy = {}, {}, {}, {}
    for tech in ix.storages:
        spec = case.storage[tech]
        energy[tech] = spec.energy_per_power * case.technologies[tech].cap_to_act \
            / HOURS_PER_YEAR
        for sl in ix.slices:
            m_p = case.occurrences[sl]
            h_s = case.hours[sl] / m_p
            retention[(tech, sl)] = (1.0 - spec.self_discharge) ** h_s
            inflow[(tech, sl)] = spec.efficiency_in / m_p
            outflow[(tech, sl)] = 1.0 / (spec.efficiency_out * m_p) \
                if spec.efficiency_out > 0 else 0.0
    param(m, "soc_retention", "tech slice", retention)
    param(m, "soc_in", "tech slice", inflow)
    param(m, "soc_out", "tech slice", outflow)
    param(m, "energy_per_cap", "tech", energy)
    slices = m.universes["slice"]
    m.maps["next_slice"] = IndexMap("next_slice", slices, slices, case.next_slice)


def declare(m: Maths) -> None:
    S, P = m.sets, m.params  # noqa: N806
    stores = over(t=S["storages"], y=S["years"], s=S["slices"])
    charge = m.var("charge", stores)
    discharge = m.var("discharge", stores)
    soc = m.var("soc", stores)
    cap = m.vars["cap"]
    after = m.maps["next_slice"]

    m.family("soc_balance", stores,
             soc[t, y, after[s]] == P["soc_retention"][t, s] * soc[t, y, s]
             + P["soc_in"][t, s] * charge[t, y, s] - P["soc_out"][t, s] * discharge[t, y, s])
    m.family("soc_max", stores, soc[t, y, s] <= P["energy_per_cap"][t] * cap[t, y])
    m.family("charge_max", stores, charge[t, y, s] <= P["act_per_cap"][t, s] * cap[t, y])
    m.family("discharge_max", stores,
             discharge[t, y, s] <= P["act_per_cap"][t, s] * cap[t, y])
