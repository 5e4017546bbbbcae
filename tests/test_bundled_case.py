"""The bundled Dunkerque case: valid, sourced, optimal, on target, and reconciled."""

from pathlib import Path

import pytest

from model.case import load_case
from model.results import collect
from model.schema import SHEETS
from model.solve import solve_case
from model.validate import validate
from model.workbook import read_workbook

CASE = Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx"


@pytest.fixture(scope="module")
def outcome():
    return solve_case(load_case(CASE))


def test_validates_without_problems():
    tables, problems = validate(read_workbook(CASE))
    assert tables is not None, [str(p) for p in problems]
    assert [str(p) for p in problems if p.severity == "error"] == []


def test_every_data_row_cites_a_known_source():
    tables, _ = validate(read_workbook(CASE))
    ids = set(tables.tables["sources"]["id"])
    assert ids
    for sheet in SHEETS:
        if "source" not in [c.name for c in sheet.columns] or sheet.name == "sources":
            continue
        frame = tables.tables[sheet.name]
        missing = frame[frame["source"].isna()]["_row"].tolist()
        assert not missing, f"{sheet.name}: rows without a source: {missing}"
        assert set(frame["source"]) <= ids


def test_solves_to_optimal_and_meets_both_targets(outcome):
    assert outcome.status == "optimal"
    assert not outcome.elastic and not outcome.misses
    targets = collect(outcome).tables["targets"].set_index("year")
    assert targets.loc[2030, "emissions [Mt CO2e (/yr)]"] <= 16.0 * 0.45 + 1e-6
    assert targets.loc[2050, "emissions [Mt CO2e (/yr)]"] <= 1e-6


def test_base_year_emissions_are_16_mt(outcome):
    res = collect(outcome)
    base = res.summary["scope-1 emissions by year [Mt CO2e/yr]"][2025]
    assert base == pytest.approx(16.0, rel=0.02)


def test_costs_reconcile_and_mac_is_reported(outcome):
    res = collect(outcome)
    total = res.tables["costs"]["present value [MEUR]"].sum()
    assert total == pytest.approx(outcome.objective, rel=1e-6)
    mac = res.tables["targets"]["marginal abatement cost [MEUR/Mt CO2e]"]
    assert (mac > 0).all()


def test_interior_point_gives_the_same_optimum(outcome):
    from model.highs import SolverOptions

    ipm = solve_case(load_case(CASE), SolverOptions(method="ipm"))
    assert ipm.result.algorithm.startswith("ipm")
    assert ipm.objective == pytest.approx(outcome.objective, rel=1e-6)
