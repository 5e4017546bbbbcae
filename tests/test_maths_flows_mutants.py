"""Hand-computed optima that guard declarations of model/maths/{flows,emissions,user}.py and
the reference run (model/solve.py) against plausible bugs that the other hand-computed tests
let through (found by mutation testing; the array and Pyomo LPs share one declaration, so
only a hand value catches a wrong one):

* max_import_rate scaled by 8760 h instead of each slice's hours;
* max_supply read as a total per year-step block instead of per calendar year;
* a scope-1 target counting purchased (scope-2) emissions;
* a storage credit capped at a producer's activity instead of its credited output;
* reference-run base emissions taken from a year other than the base year;
* user constraints: removals (emission inputs) added instead of subtracted, co2e factor
  dropped, new_capacity read as installed capacity, sales read as purchases.

Every case has a discount rate > 0: d(k) = 1.05 ** -(k - 2024) discounts a cash flow at the
end of calendar year k; an operating year's weight W_y sums d(k) over its block.
"""

import pytest

from tests import builders as b

R = 1.05


def d(k: int) -> float:
    """Discount factor of a cash flow at the end of calendar year ``k`` (base year 2025)."""
    return R ** -(k - 2024)


def _heat(prices, demand=None, settings=None, techs=("gas_boiler", "e_boiler"), **sheets):
    """Heat from residual boilers (10 MW each) at r = 5 %; gas 0.0002 Mt CO2/GWh."""
    base = dict(
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech(t, lifetime=30) for t in techs],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 10})
                  for t in techs],
        prices=prices,
        demand=demand or [b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    base.update(sheets)
    return b.case({"discount_rate": 0.05, **(settings or {})}, **base)


def price(com, values, parameter="price"):
    return b.yearly({"commodity": com, "parameter": parameter}, values)


def test_import_rate_is_per_hour_of_each_slice():
    # Slices of 2000 h and 6760 h. Gas connection 0.004 GWh/h: 8 GWh in the first slice and
    # 27.04 in the second, 35.04 in all; the other 52.56 GWh of heat is electric.
    # NPV = (35.04 * 0.02 + 52.56 * 0.05) / 1.05 = 3.3288 / 1.05.
    # (Bug guarded: limit = rate * 8760 in every slice -> 70.08 GWh of gas.)
    slices = [{"slice": "peak", "period": "year", "order": 1, "hours": 2000, "occurrences": 1},
              {"slice": "rest", "period": "year", "order": 2, "hours": 6760, "occurrences": 1}]
    out = b.solve(_heat([price("gas", {2025: 0.02}), price("electricity", {2025: 0.05}),
                         price("gas", {2025: 0.004}, "max_import_rate")],
                        timeslices=slices))
    gas = out.solution["buy"]
    assert [b.value(gas["gas", 2025, s]) for s in ("peak", "rest")] == pytest.approx([8, 27.04])
    assert out.objective == pytest.approx((35.04 * 0.02 + 52.56 * 0.05) / R, rel=1e-9)


def test_max_supply_is_per_calendar_year_in_a_year_step_block():
    # Modelled years 2025 and 2027 (2-year blocks, to 2028). 50 GWh of gas a year; heat
    # 87.6 GWh/yr, the other 37.6 GWh electric (0.05). Gas 0.02 then 0.03.
    # Yearly cost: 2025 50 * 0.02 + 37.6 * 0.05 = 2.88; 2027 50 * 0.03 + 1.88 = 3.38.
    # NPV = 2.88 (d(2025) + d(2026)) + 3.38 (d(2027) + d(2028)).
    # (Bug guarded: 50 per block of 2 years, i.e. all heat from gas.)
    out = b.solve(_heat([price("gas", {2025: 0.02, 2027: 0.03}),
                         price("electricity", {2025: 0.05, 2027: 0.05}),
                         price("gas", {2025: 50, 2027: 50}, "max_supply")],
                        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6, 2027: 87.6})],
                        settings={"end_year": 2028, "year_step": 2}))
    assert b.value(out.solution["buy"]["gas", 2027, "all"]) == pytest.approx(50)
    expected = 2.88 * (d(2025) + d(2026)) + 3.38 * (d(2027) + d(2028))
    assert out.objective == pytest.approx(expected, rel=1e-9)


def test_scope1_target_ignores_grid_emissions():
    # Grid electricity carries 0.0001 Mt/GWh (scope 2). A scope-1 cap of 0.001 Mt allows
    # 5 GWh of gas heat (0.0002 Mt/GWh); the other 3.76 GWh is electric.
    # NPV = (5 * 0.01 + 3.76 * 0.03) / 1.05 = 0.1628 / 1.05.
    # (Bug guarded: scope 2 counted too -> 0.0001 g + 0.000876 <= 0.001, g = 1.24.)
    out = b.solve(_heat([price("gas", {2025: 0.01}), price("electricity", {2025: 0.03}),
                         price("electricity", {2025: 0.0001}, "grid_emission_factor")],
                        demand=[b.yearly({"commodity": "heat"}, {2025: 8.76})],
                        targets=[{"year": 2025, "kind": "absolute", "value": 0.001}]))
    assert not out.elastic_fallback
    assert b.value(out.solution["act"]["gas_boiler", 2025, "all"]) == pytest.approx(5.0)
    assert out.objective == pytest.approx((5 * 0.01 + 3.76 * 0.03) / R, rel=1e-9)


def test_storage_credit_counts_the_credited_output_not_the_activity():
    # An ammonia plant makes 1 Mt of product and 1.8 Mt of captured CO2 per Mt of activity;
    # the CO2 is injected (10 MEUR/Mt) for a credit of 50 (2025) / 60 (2027) MEUR/Mt, or
    # vented at a carbon price of 100. 2-year blocks to 2028, product 1 Mt/yr.
    # Yearly: 1.8 * 10 - 1.8 * 50 = -72 (2025); 18 - 1.8 * 60 = -90 (2027).
    # NPV = -72 (d(2025) + d(2026)) - 90 (d(2027) + d(2028)).
    # (Bug guarded: credit <= activity -> 1 Mt credited a year.)
    mt = {"capacity_unit": "Mt/yr", "activity_unit": "Mt", "cap_to_act": 1.0}
    c = b.case(
        {"discount_rate": 0.05, "end_year": 2028, "year_step": 2},
        commodities=[{"commodity": "product", "kind": "demand", "unit": "Mt"},
                     {"commodity": "captured", "kind": "internal", "unit": "Mt"},
                     {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
        technologies=[b.tech("plant", **mt), b.tech("vent", **mt),
                      b.tech("injector", reservoir="field", **mt)],
        flows=[{"technology": "plant", "commodity": "product", "direction": "out", "ratio": 1},
               {"technology": "plant", "commodity": "captured", "direction": "out",
                "ratio": 1.8},
               {"technology": "vent", "commodity": "captured", "direction": "in", "ratio": 1},
               {"technology": "vent", "commodity": "co2", "direction": "out", "ratio": 1},
               {"technology": "injector", "commodity": "captured", "direction": "in",
                "ratio": 1}],
        costs=[b.yearly({"technology": "injector", "parameter": "variable_om"},
                        {2025: 10.0, 2027: 10.0})],
        capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 5, 2027: 5})
                  for t in ("plant", "vent", "injector")],
        prices=[price("co2", {2025: 100.0, 2027: 100.0}, "carbon_price"),
                price("captured", {2025: 50.0, 2027: 60.0}, "storage_credit")],
        demand=[b.yearly({"commodity": "product"}, {2025: 1.0, 2027: 1.0})],
        reservoirs=[{"reservoir": "field", "capacity": 100.0}],
    )
    out = b.solve(c)
    assert b.value(out.solution["cred"]["plant", "captured", 2027]) == pytest.approx(1.8)
    expected = -72 * (d(2025) + d(2026)) - 90 * (d(2027) + d(2028))
    assert out.objective == pytest.approx(expected, rel=1e-9)


def test_reference_run_takes_base_emissions_from_the_base_year():
    # Heat falls 8.76 -> 6.57 -> 4.38 GWh (2025-2027); unconstrained, all of it from the
    # residual gas boiler (0.01 vs 0.03 for electricity). Base emissions = 2025's
    # 8.76 * 0.0002 = 0.001752 Mt; -50 % in 2027 -> 0.000876 Mt = 4.38 GWh of gas: the cap
    # does not bind and no e-boiler is built.
    # NPV = 0.0876 d(2025) + 0.0657 d(2026) + 0.0438 d(2027).
    # (Bug guarded: base from 2027 -> cap 0.000438, half of 2027's heat electric.)
    c = _heat([price("gas", {2025: 0.01, 2026: 0.01, 2027: 0.01}),
               price("electricity", {2025: 0.03, 2026: 0.03, 2027: 0.03})],
              demand=[b.yearly({"commodity": "heat"}, {2025: 8.76, 2026: 6.57, 2027: 4.38})],
              settings={"end_year": 2027, "after_last_target": "free"},
              technologies=[b.tech("gas_boiler", lifetime=30),
                            b.tech("e_boiler", lifetime=1, wacc=0.0)],
              costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"},
                              {2025: 1.0, 2026: 1.0, 2027: 1.0})],
              capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                                 {2025: 1})],
              targets=[{"year": 2027, "kind": "reduction", "value": 0.5}])
    out = b.solve(c)
    assert out.base_emissions["scope1"] == pytest.approx(0.001752)
    assert b.value(out.solution["act"]["gas_boiler", 2027, "all"]) == pytest.approx(4.38)
    expected = 0.0876 * d(2025) + 0.0657 * d(2026) + 0.0438 * d(2027)
    assert out.objective == pytest.approx(expected, rel=1e-9)


def test_user_emissions_term_nets_removals_and_weights_by_co2e():
    # The gas boiler emits 0.0002 Mt CO2 and leaks 0.00001 Mt CH4 (co2e 28) per GWh:
    # 0.00048 Mt CO2e/GWh, 0.0042048 Mt for 8.76 GWh of heat. A DAC unit removes CO2 (co2
    # 'in') at 20 MEUR/Mt, cheaper than switching to electricity (0.02 / 0.00048 = 41.7
    # MEUR/Mt). "net CO2e <= 0.001 Mt": DAC removes 0.0032048 Mt.
    # NPV = (8.76 * 0.01 + 0.0032048 * 20) / 1.05 = (0.0876 + 0.064096) / 1.05.
    # (Bugs guarded: removals added -> no DAC, gas 0.001 / 0.00048 GWh; co2e dropped ->
    # DAC removes 8.76 * 0.00021 - 0.001.)
    mt = {"capacity_unit": "Mt/yr", "activity_unit": "Mt", "cap_to_act": 1.0}
    commodities = [*b.HEAT_COMMODITIES,
                   {"commodity": "ch4", "kind": "emission", "unit": "Mt", "co2e_factor": 28.0}]
    c = _heat([price("gas", {2025: 0.01}), price("electricity", {2025: 0.03})],
              demand=[b.yearly({"commodity": "heat"}, {2025: 8.76})],
              commodities=commodities,
              technologies=[b.tech("gas_boiler", lifetime=30), b.tech("e_boiler", lifetime=30),
                            b.tech("dac", category="removal", lifetime=30, **mt)],
              flows=b.gas_boiler_flows() + b.e_boiler_flows() + [
                  {"technology": "gas_boiler", "commodity": "ch4", "direction": "out",
                   "ratio": 0.00001},
                  {"technology": "dac", "commodity": "co2", "direction": "in", "ratio": 1.0}],
              costs=[b.yearly({"technology": "dac", "parameter": "variable_om"}, {2025: 20.0})],
              capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 1})
                        for t in ("gas_boiler", "e_boiler", "dac")],
              constraints=[{"constraint": "net", "variable": "emissions", "technology": "*",
                            "commodity": "co2, ch4", "sense": "<=", 2025: 0.001}])
    out = b.solve(c)
    assert b.value(out.solution["act"]["dac", 2025, "all"]) == pytest.approx(0.0032048)
    assert out.objective == pytest.approx((0.0876 + 0.0032048 * 20) / R, rel=1e-9)


def test_user_new_capacity_term_is_this_years_build_only():
    # 2-year blocks 2025 and 2027 (to 2028). Heat 1 MW in 2025, 2 MW in 2027; a residual
    # gas boiler (gas 0.04 then 0.05) or new e-boilers (electricity 0.02; capex 0.4 MEUR/MW,
    # life 4, wacc 0: 0.1 MEUR/MW a year while in service and inside the horizon).
    # "New e-boiler capacity in 2027 <= 0.5 MW". A MW built in 2027 pays 0.1 (d27 + d28) =
    # 0.169 and saves 8.76 * 0.03 (d27 + d28) = 0.443: build the 0.5 allowed. The other MW
    # of 2027 is built in 2025 ahead of need: 0.1 (d25..d28) = 0.355 against 0.443 of gas
    # saved; so 1.5 MW in 2025 (1 MW used, saving 0.1752 a year in 2025-2026) and all
    # 2027 heat electric (17.52 * 0.02 = 0.3504 a year).
    # NPV = 0.15 (w25 + w27) + 0.05 w27 + 0.1752 w25 + 0.3504 w27, w25 = d25 + d26,
    # w27 = d27 + d28.
    # (Bug guarded: installed capacity <= 0.5 in 2027 -> mostly gas in 2027.)
    c = b.case(
        {"discount_rate": 0.05, "end_year": 2028, "year_step": 2},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30),
                      b.tech("e_boiler", lifetime=4, wacc=0.0)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"},
                        {2025: 0.4, 2027: 0.4})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                           {2025: 2, 2027: 2})],
        prices=[price("gas", {2025: 0.04, 2027: 0.05}),
                price("electricity", {2025: 0.02, 2027: 0.02})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 8.76, 2027: 17.52})],
        constraints=[{"constraint": "build rate", "variable": "new_capacity",
                      "technology": "e_boiler", "sense": "<=", 2027: 0.5}],
    )
    out = b.solve(c)
    new = out.solution["new"]
    assert [b.value(new["e_boiler", y]) for y in (2025, 2027)] == pytest.approx([1.5, 0.5])
    w25, w27 = d(2025) + d(2026), d(2027) + d(2028)
    expected = 0.15 * (w25 + w27) + 0.05 * w27 + 0.1752 * w25 + 0.3504 * w27
    assert out.objective == pytest.approx(expected, rel=1e-9)


def test_user_sales_term_bounds_sales_not_purchases():
    # A CHP makes 1 GWh heat + 0.5 GWh electricity from 2 GWh gas (0.02); the electricity
    # sells at 0.04: 0.04 - 0.02 = 0.02 per GWh of heat, vs 1.25 * 0.02 = 0.025 from a
    # boiler. "Electricity sales <= 20 GWh" caps CHP heat at 40 GWh; the boiler makes 47.6.
    # NPV = (80 * 0.02 - 20 * 0.04 + 59.5 * 0.02) / 1.05 = 1.99 / 1.05.
    # (Bug guarded: the row bounds purchases, which are 0 -> all heat from the CHP.)
    flows = [{"technology": "chp", "commodity": "gas", "direction": "in", "ratio": 2.0},
             {"technology": "chp", "commodity": "heat", "direction": "out", "ratio": 1.0},
             {"technology": "chp", "commodity": "electricity", "direction": "out",
              "ratio": 0.5},
             {"technology": "boiler", "commodity": "gas", "direction": "in", "ratio": 1.25},
             {"technology": "boiler", "commodity": "heat", "direction": "out", "ratio": 1.0}]
    c = _heat([price("gas", {2025: 0.02}), price("electricity", {2025: 0.05}),
               price("electricity", {2025: 0.04}, "export_price")],
              techs=("chp", "boiler"), flows=flows,
              constraints=[{"constraint": "grid export", "variable": "sales",
                            "commodity": "electricity", "sense": "<=", 2025: 20.0}])
    out = b.solve(c)
    assert b.value(out.solution["sell"]["electricity", 2025, "all"]) == pytest.approx(20.0)
    assert out.objective == pytest.approx(1.99 / R, rel=1e-9)
