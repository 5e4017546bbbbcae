"""The bundled cases: valid, optimal, on target, on baseline, and reconciled (their sources:
tests/test_bundled_sources.py).

Baselines are each cluster's reported emissions in the scope of its targets (docs/cases/).
"""

from functools import cache
from pathlib import Path

import pytest

from model.case import load_case
from model.highs import SolverOptions
from model.results import collect
from model.solve import solve_case
from model.validate import validate
from model.workbook import read_workbook

INPUTS = Path(__file__).resolve().parent.parent / "inputs"

#: workbook -> (base-year emissions in Mt CO2e/yr, scope of the targets)
BASELINES = {
    "dunkerque.xlsx": (16.0, "scope1"),
    "louisiana_lfec.xlsx": (143.0, "scope1"),
    "tianjin_teda.xlsx": (16.0, "scope12"),
    "taicang.xlsx": (1.109, "scope12"),
}
CASES = [name for name in BASELINES if (INPUTS / name).exists()]


@cache
def solved(name: str):
    outcome = solve_case(load_case(INPUTS / name))
    return outcome, collect(outcome) if outcome.result.ok else None


def test_every_bundled_workbook_is_covered():
    assert sorted(p.name for p in INPUTS.glob("*.xlsx")) == sorted(CASES)
    assert "dunkerque.xlsx" in CASES


@pytest.mark.parametrize("name", CASES)
def test_validates_without_errors_or_warnings(name):
    tables, problems = validate(read_workbook(INPUTS / name))
    assert tables is not None, [str(p) for p in problems]
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("name", CASES)
def test_solves_to_optimal_and_meets_every_target(name):
    outcome, res = solved(name)
    assert outcome.status == "optimal"
    assert not outcome.elastic and not outcome.misses
    for r in res.tables["targets"].to_dict("records"):
        cap = next(v for k, v in r.items() if k.startswith("cap ["))
        assert r["emissions [Mt CO2e (/yr)]"] <= cap + 1e-6, r["target"]


@pytest.mark.parametrize("name", CASES)
def test_base_year_emissions_match_the_reported_baseline(name):
    baseline, scope = BASELINES[name]
    outcome, res = solved(name)
    socio = res.tables["socioeconomic"].set_index("year")
    column = "scope-1 emissions [Mt CO2e/yr]" if scope == "scope1" else \
        "scope-1+2 emissions [Mt CO2e/yr]"
    assert socio.loc[outcome.case.base_year, column] == pytest.approx(baseline, rel=0.02)
    assert (outcome.case.settings.get("emission_scope") or "scope1") == scope


@pytest.mark.parametrize("name", CASES)
def test_costs_reconcile_and_mac_is_reported(name):
    outcome, res = solved(name)
    money = outcome.case.money
    total = res.tables["costs"][f"present value [{money}]"].sum()
    assert total == pytest.approx(outcome.objective, rel=1e-6)
    binding = res.tables["targets"][res.tables["targets"]["binding"]]
    assert (binding[f"marginal abatement cost [{money}/Mt CO2e]"] > 0).all()


@pytest.mark.parametrize("name", CASES)
def test_socioeconomic_coefficients_are_filled(name):
    outcome, res = solved(name)
    socio = res.tables["socioeconomic"]
    assert (socio["operating jobs [jobs]"] > 0).all()
    assert (socio[f"GDP contribution [{outcome.case.money}/yr]"] > 0).all()


def test_interior_point_gives_the_same_optimum():
    outcome, _ = solved("dunkerque.xlsx")
    ipm = solve_case(load_case(INPUTS / "dunkerque.xlsx"), SolverOptions(method="ipm"))
    assert ipm.result.algorithm.startswith("ipm")
    assert ipm.objective == pytest.approx(outcome.objective, rel=1e-6)
