"""Discounting, annuity vs lump sum, year steps, and reconciliation of costs with the objective."""

import pytest

from model.maths.costs import crf
from model.results import collect
from tests import builders as b

R, WACC, CAPEX = 0.05, 0.08, 3.0


def _capex_case(method, *, end_year=2034, life=5, wacc=WACC, step=1, targets=None,
                extra_prices=()):
    # 10 MW of heat all years from a boiler with capex 3 MEUR/MW; fuel is free so the NPV is
    # pure capex (plus whatever else the caller adds).
    return b.case(
        {"end_year": end_year, "discount_rate": R, "capex_method": method,
         "year_step": step},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=life, wacc=wacc)],
        flows=b.gas_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: CAPEX})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.0}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.0}),
                *extra_prices],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
        targets=targets or [],
    )


def test_crf():
    assert crf(0.07, 20) == pytest.approx(0.0944, abs=5e-5)  # data.md's CRF table
    assert crf(0.07, 30) == pytest.approx(0.0806, abs=5e-5)
    assert crf(0.0, 4) == pytest.approx(0.25)


def test_annuity_and_lump_sum_on_a_horizon_nothing_outlives():
    # 2025-2034, life 5: 10 MW built in 2025 and 2030, none outlives 2034.
    # Lump sum: 10 * 3 * (1 + 1.05^-5), paid at the start of 2025 and 2030.
    # Annuity: A = 3 * CRF(8 %, 5) per MW at the end of each year 2025..2034:
    # 10 * A * sum_{k=1..10} 1.05^-k. Financing at 8 % > 5 % costs more.
    lump = b.solve(_capex_case("lump_sum"))
    ann = b.solve(_capex_case("annuity"))
    for out in (lump, ann):
        assert [b.value(out.solution["new"]["gas_boiler", y]) for y in (2025, 2030)] == \
            pytest.approx([10, 10])
    assert lump.objective == pytest.approx(10 * CAPEX * (1 + 1.05**-5), rel=1e-9)
    annuity = CAPEX * crf(WACC, 5)
    assert ann.objective == pytest.approx(
        10 * annuity * sum(1.05**-k for k in range(1, 11)), rel=1e-9)
    assert ann.objective > lump.objective


@pytest.mark.parametrize("life", [5, 8, 13])
def test_methods_agree_when_wacc_equals_discount_rate(life):
    # Consistency property: with wacc = r both methods give the same NPV and plan, whether
    # or not assets outlive the horizon (life 8 and 13 outlive 2034).
    lump = b.solve(_capex_case("lump_sum", life=life, wacc=R))
    ann = b.solve(_capex_case("annuity", life=life, wacc=R))
    assert ann.objective == pytest.approx(lump.objective, rel=1e-9)
    for y in range(2025, 2035):
        assert b.value(ann.solution["new"]["gas_boiler", y]) == \
            pytest.approx(b.value(lump.solution["new"]["gas_boiler", y]), abs=1e-7)


@pytest.mark.parametrize("method", ["annuity", "lump_sum"])
def test_year_step_five_matches_annual(method):
    # Lives multiple of 5, constant data, builds only needed in block years, caps constant
    # within each block (annual model: the same cap in every year of the block).
    # Gas boiler (life 10) vs e-boiler (life 5); a cap from 2030 forces electricity.
    def make(step):
        years = [2030] if step == 5 else list(range(2030, 2035))
        targets = [{"year": y, "kind": "absolute", "value": 0.001} for y in years]
        return b.case(
            {"end_year": 2034, "discount_rate": R, "capex_method": method, "year_step": step},
            commodities=b.HEAT_COMMODITIES,
            technologies=[b.tech("gas_boiler", lifetime=10, wacc=0.07),
                          b.tech("e_boiler", lifetime=5, wacc=0.06)],
            flows=b.gas_boiler_flows() + b.e_boiler_flows(),
            costs=[b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 0.8}),
                   b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5}),
                   b.yearly({"technology": "e_boiler", "parameter": "fixed_om"}, {2025: 0.01})],
            prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                    b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06})],
            demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
            targets=targets,
        )
    annual, stepped = b.solve(make(1)), b.solve(make(5))
    assert annual.status == stepped.status == "optimal"
    assert stepped.objective == pytest.approx(annual.objective, rel=1e-9)
    for t in ("gas_boiler", "e_boiler"):
        for y in (2025, 2030):
            assert b.value(stepped.solution["new"][t, y]) == pytest.approx(
                b.value(annual.solution["new"][t, y]), abs=1e-7)


def _reconcile(out):
    res = collect(out)
    costs = res.tables["costs"]
    total = costs["present value [MEUR]"].sum()
    assert total == pytest.approx(out.objective, rel=1e-6, abs=1e-9)
    flows = res.tables["cash_flows"]
    assert flows["total present value [MEUR]"].sum() == pytest.approx(out.objective, rel=1e-6)
    return res


@pytest.mark.parametrize("method", ["annuity", "lump_sum"])
@pytest.mark.parametrize("step", [1, 5])
def test_cost_table_reconciles_with_objective(method, step):
    # A case with every cost category: capex (outliving the horizon), fixed and variable
    # O&M, fuel, carbon price, sales, and a target.
    c = b.case(
        {"end_year": 2036, "discount_rate": 0.04, "capex_method": method, "year_step": step},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=12, wacc=0.07),
                      b.tech("e_boiler", lifetime=7, wacc=0.06)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 0.8}),
               b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5, 2035: 0.3}),
               b.yearly({"technology": "e_boiler", "parameter": "fixed_om"}, {2025: 0.01}),
               b.yearly({"technology": "gas_boiler", "parameter": "variable_om"}, {2025: 0.002})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                         {2025: 6, 2030: 0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03, 2035: 0.04}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06}),
                b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 80, 2036: 200}),
                b.yearly({"commodity": "heat", "parameter": "export_price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6, 2036: 100})],
        targets=[{"year": 2035, "kind": "absolute", "value": 0.005}],
    )
    out = b.solve(c)
    assert out.status == "optimal"
    res = _reconcile(out)
    categories = set(res.tables["costs"]["category"])
    assert {"capex", "fixed_om", "variable_om", "fuel", "carbon"} <= categories
    if method == "lump_sum":
        assert "salvage" in categories


def test_levelised_cost_of_a_single_producer():
    # One year, r = 0: 10 MW e-boiler built at 0.5 MEUR/MW (life 1: annuity 0.5 per MW),
    # fixed O&M 0.01/MW, electricity at 0.06/GWh (its marginal price), 87.6 GWh of heat:
    # LC = (5 + 0.1 + 87.6 * 0.06) / 87.6 = 0.06 + 5.1 / 87.6 MEUR/GWh.
    c = b.case(
        {"discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("e_boiler", lifetime=1, wacc=0.0)],
        flows=b.e_boiler_flows(),
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5}),
               b.yearly({"technology": "e_boiler", "parameter": "fixed_om"}, {2025: 0.01})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c)
    row = collect(out).tables["levelised"].set_index("technology").loc["e_boiler"]
    assert row["main product"] == "heat"
    assert row["levelised cost [MEUR/unit]"] == pytest.approx(0.06 + 5.1 / 87.6, rel=1e-9)
    # A sole producer's levelised cost equals the heat's marginal price here (it is built
    # for the last unit): the balance dual / W.
    prices = collect(out).tables["prices"]
    heat = prices[prices["commodity"] == "heat"]["marginal price [MEUR/unit]"].iloc[0]
    assert heat == pytest.approx(row["levelised cost [MEUR/unit]"], rel=1e-9)
