"""Capacity: vintages and lifetimes, residual stock, early retirement, build limits, min load.

Every optimum below is computed by hand in the test. Units: MW, GWh, MEUR; one slice of
8760 h, so 1 MW running all year is 8.76 GWh.
"""

import pytest

from model.results import collect
from tests import builders as b

YEARS = [2025, 2026, 2027, 2028, 2029]


def _boiler_case(capex_method: str = "annuity", **tech_kw):
    return b.case(
        {"end_year": 2029, "capex_method": capex_method, "discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=2, wacc=0.0, **tech_kw)],
        flows=b.gas_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 2.0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.0}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.0})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],  # 10 MW all year
    )


@pytest.mark.parametrize("method", ["annuity", "lump_sum"])
def test_lifetime_ending_inside_horizon_forces_rebuilds(method):
    # 10 MW needed every year 2025-2029; a 2-year life means builds in 2025, 2027, 2029.
    # Annuity, r = wacc = 0: A = 2 MEUR/MW * CRF(0, 2) = 1 MEUR/MW/yr, paid in every
    # year some vintage is alive inside the horizon: 5 years * 10 MW * 1 = 50 MEUR.
    # Lump sum: 3 builds * 10 MW * 2 = 60, minus the salvage of the 2029 vintage, which
    # would still owe its 2030 annuity: 10 * 1 = 10 -> 50 MEUR. Same plan, same NPV.
    out = b.solve(_boiler_case(method))
    assert out.status == "optimal"
    m = out.solution
    new = {y: b.value(m["new"]["gas_boiler", y]) for y in YEARS}
    assert new == pytest.approx({2025: 10, 2026: 0, 2027: 10, 2028: 0, 2029: 10}, abs=1e-6)
    assert [b.value(m["cap"]["gas_boiler", y]) for y in YEARS] == pytest.approx([10] * 5)
    assert out.objective == pytest.approx(50.0, rel=1e-9)


def test_first_year_and_max_build_bound_new_capacity():
    # Residual 10 MW until 2026 (leaves in 2027). The gas boiler cannot be rebuilt before
    # 2028 (first_year), so the e-boiler covers 2027 at most: its builds are capped at
    # 4 MW/yr; 2027 needs 10 MW -> infeasible unless e-boiler capacity was built earlier.
    # With first_year 2027 for the e-boiler too, 2027 has at most 4 MW: the case is
    # infeasible and must say so (no targets, so no elastic fallback).
    c = b.case(
        {"end_year": 2028, "discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=10, first_year=2028),
                      b.tech("e_boiler", lifetime=10, first_year=2027, max_build_per_year=4)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                         {2025: 10, 2026: 10, 2027: 0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.03})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    assert b.solve(c).status == "infeasible"
    # Allowing 10 MW/yr of e-boilers: 10 MW built in 2027 (capex 0) and used in 2027 and
    # 2028 (gas boiler may be rebuilt in 2028 but is then not needed... it is cheaper to
    # run: fuel 0.01 vs 0.03 but capex 1 MEUR/MW, life 10, r=0 -> 0.1 MEUR/MW/yr annuity;
    # gas saves 87.6 * 0.02 = 1.752 MEUR/yr for 1 MEUR/yr of annuity -> rebuilt in 2028).
    c2 = b.case(
        {"end_year": 2028, "discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=10, first_year=2028, wacc=0.0),
                      b.tech("e_boiler", lifetime=10, first_year=2027, max_build_per_year=10)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 1.0})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                         {2025: 10, 2026: 10, 2027: 0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.03})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c2)
    m = out.solution
    assert b.value(m["new"]["e_boiler", 2027]) == pytest.approx(10)
    assert b.value(m["new"]["gas_boiler", 2028]) == pytest.approx(10)
    assert all(b.value(m["new"]["gas_boiler", y]) == 0 for y in (2025, 2026, 2027))
    # 2025, 2026 gas: 2 * 0.876; 2027 electricity: 87.6 * 0.03 = 2.628; 2028 gas 0.876 +
    # one annuity of 10 MW * 1 * CRF(0, 10) = 1.0 MEUR.
    assert out.objective == pytest.approx(3 * 0.876 + 2.628 + 1.0, rel=1e-9)


def test_max_build_scales_with_year_step():
    # year_step 5: the 2025 block stands for 5 calendar years, so max_build_per_year 3 allows
    # 15 MW in 2025; 10 MW are needed -> feasible. With 1.5 MW/yr (7.5 per block) it is not.
    def make(limit):
        return b.case(
            {"end_year": 2029, "year_step": 5, "discount_rate": 0.0},
            commodities=b.HEAT_COMMODITIES,
            technologies=[b.tech("gas_boiler", lifetime=5, max_build_per_year=limit)],
            flows=b.gas_boiler_flows(),
            prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                    b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.0})],
            demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
        )
    assert b.solve(make(3)).status == "optimal"
    assert b.solve(make(1.5)).status == "infeasible"


def _retirement_case(early: bool):
    # Residual gas boiler 10 MW for the whole horizon with fixed O&M 1 MEUR/MW/yr; a heat
    # pump (e-boiler flows) costs 0.5 MEUR/MW with a 1-year life (annuity 0.5/MW/yr, r=0).
    # Fuel: gas 0.01, electricity 0.01 MEUR/GWh -> 0.876 MEUR/yr either way.
    return b.case(
        {"end_year": 2026, "discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30, early_retirement=early),
                      b.tech("e_boiler", lifetime=1, wacc=0.0)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "fixed_om"}, {2025: 1.0}),
               b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )


def test_early_retirement_saves_fixed_costs():
    # Keeping the gas boiler: 2 yr * (10 MW * 1 + 0.876) = 21.752 MEUR.
    # Retiring it in 2025 and building 10 MW of e-boilers each year: 2 * (5 + 0.876) = 11.752.
    kept = b.solve(_retirement_case(early=False))
    assert kept.objective == pytest.approx(21.752, rel=1e-9)
    out = b.solve(_retirement_case(early=True))
    m = out.solution
    assert out.objective == pytest.approx(11.752, rel=1e-9)
    retired_2025 = sum(b.value(m["retire"][k]) for k in m["retire"].keys() if k[2] == 2025)
    assert retired_2025 == pytest.approx(10)
    assert b.value(m["cap"]["gas_boiler", 2025]) == pytest.approx(0, abs=1e-9)
    assert b.value(m["cap"]["gas_boiler", 2026]) == pytest.approx(0, abs=1e-9)
    table = collect(out).tables["capacity"].set_index(["technology", "year"])
    retired = table["retired early [capacity_unit]"]
    assert retired[("gas_boiler", 2025)] == pytest.approx(10)
    assert retired[("gas_boiler", 2026)] == pytest.approx(10)


def test_residual_tranches_leave_on_schedule():
    # Residual 10 MW in 2025, 6 in 2026, 0 from 2027 (linear interpolation between given
    # years, flat after): demand 10 MW is met by 10, 6+4 new, 0+10 new... with a 30-year
    # life, 4 MW built in 2026 and 6 more in 2027. Capex 1/MW, r=0, life 30: annuity 1/30.
    c = b.case(
        {"end_year": 2027, "discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30, wacc=0.0)],
        flows=b.gas_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 1.0})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                         {2025: 10, 2026: 6, 2027: 0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.0}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.0})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c)
    m = out.solution
    assert b.value(m["new"]["gas_boiler", 2026]) == pytest.approx(4)
    assert b.value(m["new"]["gas_boiler", 2027]) == pytest.approx(6)
    # 4 MW pay 2 annuities (2026, 2027), 6 MW pay one: (8 + 6) / 30.
    assert out.objective == pytest.approx(14 / 30, rel=1e-9)


def min_load_case(discount_rate: float, **gas_boiler) -> dict:
    """Two boilers with 10 MW of residual each share 87.6 GWh of heat in 2025: gas (0.05
    MEUR/GWh) with min_load 0.5, electricity (0.01). ``gas_boiler``: more of its fields."""
    return b.case(
        {"discount_rate": discount_rate},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30, min_load=0.5, **gas_boiler),
                      b.tech("e_boiler", lifetime=30)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10}),
                  b.yearly({"technology": "e_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.05}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )


def test_min_load_forces_output():
    # Two boilers share 10 MW of heat: an expensive one (gas 0.05) with min_load 0.5 on its
    # 10 MW residual must make >= 5 MW * 8760 h = 43.8 GWh; the cheap one (electricity 0.01)
    # makes the other 43.8. Cost 43.8 * 0.05 + 43.8 * 0.01 = 2.628 MEUR.
    out = b.solve(min_load_case(discount_rate=0.0))
    assert out.objective == pytest.approx(2.628, rel=1e-9)
    assert b.value(out.solution["act"]["gas_boiler", 2025, "all"]) == pytest.approx(43.8)


def test_capacity_max_bound():
    # The cheap e-boiler is limited to 4 MW by a `max` row; the rest comes from gas.
    c = b.case(
        {"discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30), b.tech("e_boiler", lifetime=30)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        capacity=[b.yearly({"technology": "e_boiler", "parameter": "max"}, {2025: 4})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.05}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c)
    assert b.value(out.solution["cap"]["e_boiler", 2025]) == pytest.approx(4)
    assert out.objective == pytest.approx(4 * 8.76 * 0.01 + 6 * 8.76 * 0.05, rel=1e-9)


def test_capacity_sheet_adds_up_with_early_retirement_and_year_steps():
    # Residual falls 10 -> 0 by 2040 in 5-year steps; early retirement allowed and cheap
    # e-boilers: in every row, capacity = residual - retired early + new capacity alive.
    c = b.case(
        {"end_year": 2044, "year_step": 5, "discount_rate": 0.05},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30, early_retirement=True),
                      b.tech("e_boiler", lifetime=10, wacc=0.05)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "fixed_om"}, {2025: 1.0}),
               b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                         {2025: 10, 2040: 0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.012})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c)
    table = collect(out).tables["capacity"]
    assert table["retired early [capacity_unit]"].max() > 1  # the case does retire early
    for r in table.to_dict("records"):
        t, y = r["technology"], r["year"]
        alive = sum(b.value(out.solution["new"][t, v]) for v in out.case.active_vintages(t, y))
        assert r["capacity [capacity_unit]"] == pytest.approx(
            r["residual [capacity_unit]"] - r["retired early [capacity_unit]"] + alive,
            abs=1e-7)
