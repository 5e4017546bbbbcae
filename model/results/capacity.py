"""Result tables of the capacity maths: capacity, investment and activity."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.case import Case
from model.maths import costs as cost_maths
from model.results.reading import EPS, SolvedArrays, frame, summed
from model.solution import Solution


def capacity_table(case: Case, sol: Solution, v: SolvedArrays) -> pd.DataFrame:
    """Capacity by technology and year, from the rows that define it (``cap_def``):
    capacity = residual - retired early + built and still alive; 'retired early' is the
    residual capacity retired before its scheduled exit and still missing in that year."""
    years = case.years
    techs = case.technologies
    retired = summed(sol, ["cap_def"], "retired", ["t", "y"], sign=-1.0)
    per_row = [(t, tech) for t, tech in techs.items() for _y in years]
    return frame({
        "technology": [t for t, _tech in per_row],
        "category": [tech.category for _t, tech in per_row],
        "plant": [tech.plant for _t, tech in per_row],
        "year": years * len(techs),
        "capacity [capacity_unit]": v.cap.ravel(),
        "new [capacity_unit]": v.new.ravel(),
        "residual [capacity_unit]": [case.residual.get((t, y), 0.0) for t in techs
                                     for y in years],
        "retired early [capacity_unit]": [retired.get((t, y), 0.0) + 0.0 for t in techs
                                          for y in years],
        "capacity_unit": [tech.capacity_unit for _t, tech in per_row],
    })


def investment_table(case: Case, v: SolvedArrays) -> pd.DataFrame:
    """Overnight capex by commissioning year (what is spent, whatever the capex method)."""
    money = case.money
    rows = []
    for (t, tech), built in zip(case.technologies.items(), v.new.tolist(), strict=True):
        for vy, new in zip(case.years, built, strict=True):
            if new <= 0:
                continue
            unit_cost = cost_maths.capex(case, t, vy)
            rows.append((vy, t, tech.category, tech.plant, new, tech.capacity_unit, unit_cost,
                         new * unit_cost, new * cost_maths.annuity(case, t, vy), tech.life))
    return pd.DataFrame(rows, columns=[
        "year", "technology", "category", "plant", "new capacity [capacity_unit]",
        "capacity_unit", f"capex per unit [{money}/capacity_unit]",
        f"overnight investment [{money}]", f"annuity per year [{money}/yr]",
        "effective life [yr]"])


def activity_table(case: Case, sol: Solution, v: SolvedArrays) -> pd.DataFrame:
    """Activity of each technology by year (activity unit/yr) and its utilisation: activity
    over what its capacity could give at full availability (the ``act_max`` coefficients)."""
    ix = sol.ix
    years = case.years
    act_per_cap = sol.lp.params["act_per_cap"]
    codes = act_per_cap.universes[0].codes(ix.active)
    per_capacity = act_per_cap.data[codes].sum(axis=1)
    potential = per_capacity[:, None] * v.cap[act_per_cap.universes[0].codes(ix.active)]
    utilisation = np.zeros_like(potential)
    np.divide(v.annual, potential, out=utilisation, where=potential > EPS)
    techs = [case.technologies[t] for t in ix.active for _y in years]
    return frame({
        "technology": [t for t in ix.active for _y in years],
        "category": [tech.category for tech in techs],
        "plant": [tech.plant for tech in techs],
        "year": years * len(ix.active),
        "activity [activity_unit/yr]": v.annual.ravel(),
        "activity_unit": [tech.activity_unit for tech in techs],
        "utilisation [fraction of available]": utilisation.ravel(),
    })
