"""Socio-economic figures by modelled year: CO2e by scope, abatement, investment, jobs, GDP."""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.results.reading import SolvedArrays, group_sums
from model.solve import Outcome


def emissions_by_year_and_scope(em: pd.DataFrame) -> dict[tuple[int, str], float]:
    """Total of the emissions table by (year, scope), in Mt CO2e/yr."""
    return group_sums(zip(em["year"].tolist(), em["scope"].tolist(), strict=True),
                      em["emissions [Mt CO2e/yr]"].tolist())


def socioeconomic_table(outcome: Outcome, tables: dict[str, pd.DataFrame],
                        v: SolvedArrays) -> pd.DataFrame:
    """CO2e by scope, abatement, investment, jobs and GDP by modelled year.

    Abatement is measured against the base emissions in the case's default scope (the
    reported ``base_emissions``, or the model's base-year emissions when none is given).
    Construction job-years are those of the capacity commissioned in the modelled year's
    block; operating jobs and GDP are per calendar year of the block.
    """
    case = outcome.case
    ix = outcome.solution.ix
    money = case.money
    scope = case.settings.get("emission_scope") or "scope1"
    by_scope = emissions_by_year_and_scope(tables["emissions"])
    inv = tables["investment"]
    invest = group_sums(inv["year"].tolist(), inv[f"overnight investment [{money}]"].tolist()) \
        if not inv.empty else {}
    s1_base = float(by_scope.get((case.base_year, "scope1"), 0.0))
    s2_base = float(by_scope.get((case.base_year, "scope2"), 0.0))
    base = outcome.base_emissions.get(scope) if outcome.base_emissions else None
    if base is None:
        base = s1_base + (s2_base if scope == "scope12" else 0.0)
    techs = [case.technologies[t] for t in ix.techs]
    active = [case.technologies[t] for t in ix.active]
    construction = np.array([t.construction_jobs for t in techs]) @ v.new if techs \
        else np.zeros(len(case.years))
    operating = np.array([t.operating_jobs for t in techs]) @ v.cap if techs \
        else np.zeros(len(case.years))
    gdp = np.array([t.gdp_per_activity for t in active]) @ v.annual if active \
        else np.zeros(len(case.years))
    rows = []
    cumulative = 0.0
    for j, y in enumerate(case.years):
        s1 = float(by_scope.get((y, "scope1"), 0.0))
        s2 = float(by_scope.get((y, "scope2"), 0.0))
        in_scope = s1 + (s2 if scope == "scope12" else 0.0)
        spent = float(invest.get(y, 0.0))
        cumulative += spent
        rows.append({
            "year": y,
            "scope-1 emissions [Mt CO2e/yr]": s1,
            "scope-2 emissions [Mt CO2e/yr]": s2,
            "scope-1+2 emissions [Mt CO2e/yr]": s1 + s2,
            f"abatement vs base, {scope} [Mt CO2e/yr]": base - in_scope,
            f"overnight investment in the block [{money}]": spent,
            f"cumulative investment [{money}]": cumulative,
            "construction [job-years in the block]": float(construction[j]),
            "construction, average [jobs]": float(construction[j]) / case.n_years[y],
            "operating jobs [jobs]": float(operating[j]),
            f"GDP contribution [{money}/yr]": float(gdp[j]),
        })
    return pd.DataFrame(rows)
