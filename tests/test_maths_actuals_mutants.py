"""Hand-computed optima that guard model/maths/actuals.py (the actuals family) against mutants
the other tests let through:

* the scope flag of measured emissions (``fact_scope12``): scope 2 counts in a scope-1+2
  fact and only there (grid electricity with an emission factor);
* the upper bound of a recorded early retirement (a whole block keeps ``=``, not ``>=``);
* the reference run for base emissions leaves the facts out (``active=targets``);
* no room row (``actual_new_room``) for a block recorded whole.

The small case: 87.6 GWh of heat a year (10 MW all year) from a gas boiler (20 MW in place,
gas 0.03 MEUR/GWh, 0.0002 Mt CO2/GWh) or a heat pump (1 GWh of grid electricity per GWh of
heat at 0.01 MEUR/GWh, 0.0001 Mt CO2e/GWh of scope 2). Discount rate 10 %, costs of a
calendar year k at its end: d(k) = 1.1^-(k - 2024).
"""

from __future__ import annotations

import math

import pytest

from model.actuals import from_actuals, with_fixings
from model.replan import facts_table, npv_without_penalties, solve_replan
from model.solve import solve_case
from tests import builders as b

D25, D26, D27 = 1 / 1.1, 1 / 1.1 ** 2, 1 / 1.1 ** 3
W2025_2Y = D25 + D26  # the 2025 block of a 2-year step: calendar years 2025 and 2026


def heat_case(actuals=(), until=None, *, end_year=2027, step=1, capex=0.1, lifetime=1,
              gas=0.03, gas_fom=None, scope="scope1", targets=()):
    settings = {"end_year": end_year, "year_step": step, "discount_rate": 0.1,
                "actuals_until": until, "emission_scope": scope}
    costs = [b.yearly({"technology": "heat_pump", "parameter": "capex"}, {2025: capex})]
    if gas_fom is not None:
        costs.append(b.yearly({"technology": "gas_boiler", "parameter": "fixed_om"},
                              {2025: gas_fom}))
    return b.case(
        settings,
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", early_retirement=True),
                      b.tech("heat_pump", category="electrification", lifetime=lifetime)],
        flows=b.gas_boiler_flows(co2=0.0002) + [
            {"technology": "heat_pump", "commodity": "electricity", "direction": "in",
             "ratio": 1.0},
            {"technology": "heat_pump", "commodity": "heat", "direction": "out", "ratio": 1.0}],
        costs=costs,
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: gas}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "grid_emission_factor"},
                         {2025: 0.0001})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 20})],
        targets=list(targets), actuals=list(actuals))


@pytest.mark.parametrize("scope, gas_gwh, per_mt", [("scope1", 50.0, 100.0),
                                                    ("scope12", 12.4, 200.0)])
def test_measured_emissions_count_scope_2_only_in_scope_12(scope, gas_gwh, per_mt):
    # Two-year steps (blocks 2025-2026 and 2027-2028), heat pump life 30: the plan builds
    # 10 MW of it in 2025 (0.0106/8.76 + 0.01 < 0.03 per GWh) and burns no gas. Measured:
    # 0.012 and 0.008 Mt in 2025 and 2026, mean E = 0.01 Mt/yr for the 2025 block; the heat
    # pump's 10 MW are kept as planned, gas g and heat pump 87.6 - g GWh.
    #   scope 1:   0.0002 g = 0.01                          -> g = 50 GWh
    #   scope 1+2: 0.0002 g + 0.0001 (87.6 - g) = 0.01      -> 0.0001 g = 0.00124, g = 12.4
    # Each GWh of gas instead of electricity costs 0.03 - 0.01 = 0.02 in each of the block's
    # two years: extra cost g x 0.02 x (1/1.1 + 1/1.21). One more Mt/yr is 1/0.0002 = 5000
    # (scope 1) or 1/(0.0002 - 0.0001) = 10000 (scope 1+2) GWh of gas: 100 or 200 MEUR/Mt.
    rows = [{"year": 2025, "emissions": 0.012}, {"year": 2026, "emissions": 0.008}]
    case = heat_case(rows, 2026, step=2, lifetime=30, scope=scope)
    original, replan = solve_replan(case)
    assert original.solution["act"]["gas_boiler", 2025, "all"] == pytest.approx(0.0, abs=1e-9)
    assert replan.solution["new"]["heat_pump", 2025] == pytest.approx(10.0)
    assert replan.solution["act"]["gas_boiler", 2025, "all"] == pytest.approx(gas_gwh)
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx(gas_gwh * 0.02 * W2025_2Y, rel=1e-9)
    table = facts_table(replan)
    row = table[table["fact"] == "emissions"].iloc[0]
    assert row["technology"] == scope
    assert row["in the re-plan [unit]"] == pytest.approx(0.01)
    assert row["value of the fact, per year [MEUR/unit]"] == pytest.approx(per_mt, rel=1e-9)
    # the heat pump's block is recorded whole: an equality, no room row (nor its value)
    hp = table[(table["fact"] == "new capacity") & (table["technology"] == "heat_pump")]
    assert math.isnan(hp.iloc[0]["value of more room, present value [MEUR/unit]"])
    assert ("heat_pump", 2025) not in replan.solution.duals("actual_new_room")


def test_recorded_early_retirement_of_a_whole_block_is_not_a_floor():
    # Two-year steps; the gas boiler costs 0.05 MEUR/MW a year of fixed O&M and is not
    # needed (the heat pump is cheaper), so the plan retires all 20 MW in 2025. Recorded:
    # only 5 MW retired in 2025-2026 (the block is whole: = 5, not >= 5). The other 15 MW
    # stay for the block and go in 2027: 15 x 0.05 x (1/1.1 + 1/1.21) more fixed O&M.
    rows = [{"year": 2025, "technology": "gas_boiler", "retired": 5.0}]
    case = heat_case(rows, 2026, step=2, lifetime=30, gas_fom=0.05)
    original, replan = solve_replan(case)
    retired = {}
    for (t, _j, v), x in replan.solution["retire"].items():
        retired[(t, v)] = retired.get((t, v), 0.0) + x
    assert original.solution["cap"]["gas_boiler", 2025] == pytest.approx(0.0, abs=1e-9)
    assert retired[("gas_boiler", 2025)] == pytest.approx(5.0)
    assert retired[("gas_boiler", 2027)] == pytest.approx(15.0)
    assert replan.solution["cap"]["gas_boiler", 2025] == pytest.approx(15.0)
    assert replan.solution["cap"]["gas_boiler", 2027] == pytest.approx(0.0, abs=1e-9)
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx(15 * 0.05 * W2025_2Y, rel=1e-9)


def test_the_reference_run_for_base_emissions_leaves_the_facts_out():
    # A case keeping its facts solved on its own (no original plan's base emissions to keep):
    # its reduction target takes base emissions from a reference run without targets, which
    # leaves the facts out. Gas is cheaper here (0.02 against 0.11/8.76 + 0.01 = 0.02256 per
    # GWh for the heat pump, life 1, annuity 0.11 MEUR/MW): without the facts the reference
    # burns 87.6 GWh of gas in 2025, base 0.01752 Mt (with them: 10 MW of heat pump in 2025,
    # base 0). The 2027 cap is 50 %: 0.00876 Mt = 43.8 GWh of gas, 5 MW of heat pump.
    #   2025 (fact, 10 MW heat pump): 10 x 0.11 + 87.6 x 0.01 = 1.976
    #   2026 (gas):                   87.6 x 0.02             = 1.752
    #   2027: 43.8 x 0.02 + 5 x 0.11 + 43.8 x 0.01            = 1.864
    rows = [{"year": 2025, "technology": "heat_pump", "commissioned": 10.0}]
    targets = [{"year": 2027, "kind": "reduction", "value": 0.5}]
    case = heat_case(rows, 2025, gas=0.02, targets=targets)
    fixed = with_fixings(case, from_actuals(case, None), None)
    out = solve_case(fixed)
    assert out.base_emissions_source == "reference run"
    assert out.base_emissions["scope1"] == pytest.approx(0.01752, rel=1e-9)
    assert out.solution["new"]["heat_pump", 2025] == pytest.approx(10.0)
    assert out.solution["new"]["heat_pump", 2027] == pytest.approx(5.0)
    assert npv_without_penalties(out) == pytest.approx(
        1.976 * D25 + 1.752 * D26 + 1.864 * D27, rel=1e-9)
