"""Emissions, targets, reservoirs, credits and elastic mode (hand-computed optima)."""

import math

import pytest

from model.case import needs_base_emissions
from model.results import collect
from tests import builders as b

GAS = b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01})
ELEC = b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.03})
HEAT = b.yearly({"commodity": "heat"}, {2025: 8.76})  # 1 MW all year
E_GAS = 8.76 * 0.0002  # Mt CO2 of one year of gas heat: 0.001752


def _switch_case(targets, settings=None, **extra):
    # Residual 1 MW gas boiler for the whole horizon; an e-boiler costs 1 MEUR/MW with a
    # 1-year life (r = wacc = 0: annuity 1 MEUR/MW in its year only). The targets below cap
    # the years they name only (after_last_target free; 'hold' is tested on its own).
    s = {"end_year": 2027, "discount_rate": 0.0, "after_last_target": "free"}
    s.update(settings or {})
    sheets = dict(
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30), b.tech("e_boiler", lifetime=1, wacc=0.0)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 1.0})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 1})],
        prices=[GAS, ELEC],
        demand=[HEAT],
        targets=targets,
    )
    sheets.update(extra)
    return b.case(s, **sheets)


def test_target_forces_a_switch_in_exactly_one_year():
    # Zero cap in 2026 only: gas in 2025 and 2027 (8.76 * 0.01 = 0.0876 each); in 2026
    # 1 MW of e-boiler (annuity 1.0) and electricity 8.76 * 0.03 = 0.2628.
    out = b.solve(_switch_case([{"year": 2026, "kind": "absolute", "value": 0.0}]))
    m = out.solution
    assert out.status == "optimal"
    assert [b.value(m["act"]["e_boiler", y, "all"]) for y in (2025, 2026, 2027)] == \
        pytest.approx([0, 8.76, 0], abs=1e-9)
    assert b.value(m["new"]["e_boiler", 2026]) == pytest.approx(1.0)
    assert out.objective == pytest.approx(2 * 0.0876 + 1.0 + 0.2628, rel=1e-9)


def test_marginal_abatement_cost_is_the_dual_and_matches_a_finite_difference():
    # Relaxing the 2026 cap by d Mt lets d / 0.0002 GWh of heat come from gas, saving per GWh
    # 0.03 - 0.01 on fuel and 1/8.76 MEUR of e-boiler capacity: MAC = (0.02 + 1/8.76) /
    # 0.0002 = 670.776 MEUR/Mt (= EUR/t).
    mac = (0.02 + 1 / 8.76) / 0.0002
    out = b.solve(_switch_case([{"year": 2026, "kind": "absolute", "value": 0.0}]))
    table = collect(out).tables["targets"]
    assert table.loc[0, "marginal abatement cost [MEUR/Mt CO2e]"] == pytest.approx(mac, rel=1e-9)
    delta = 1e-4
    relaxed = b.solve(_switch_case([{"year": 2026, "kind": "absolute", "value": delta}]))
    assert (out.objective - relaxed.objective) / delta == pytest.approx(mac, rel=1e-6)


def test_carbon_price_adds_to_the_marginal_abatement_cost():
    # With a carbon price of 50 on co2, gas heat costs 0.01 + 50 * 0.0002 = 0.02 per GWh;
    # the cap's shadow price falls by 50 and the MAC (shadow + carbon price) is unchanged.
    cp = b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 50.0})
    out = b.solve(_switch_case([{"year": 2026, "kind": "absolute", "value": 0.0}],
                             prices=[GAS, ELEC, cp]))
    t = collect(out).tables["targets"].iloc[0]
    mac = (0.02 + 1 / 8.76) / 0.0002
    assert t["shadow price [MEUR/Mt CO2e]"] == pytest.approx(mac - 50, rel=1e-9)
    assert t["marginal abatement cost [MEUR/Mt CO2e]"] == pytest.approx(mac, rel=1e-9)
    assert out.objective == pytest.approx(2 * (0.0876 + 50 * E_GAS) + 1.2628, rel=1e-9)


def test_reduction_target_against_input_base_emissions():
    # base_emissions 0.002 Mt; -50 % in 2026 -> cap 0.001 Mt: gas may make 5 GWh, the
    # e-boiler the other 3.76 GWh (0.4292 MW, annuity 0.4292 MEUR).
    out = b.solve(_switch_case([{"year": 2026, "kind": "reduction", "value": 0.5}],
                             {"base_emissions": 0.002}))
    mw = 3.76 / 8.76
    assert b.value(out.solution["new"]["e_boiler", 2026]) == pytest.approx(mw)
    assert out.objective == pytest.approx(2 * 0.0876 + 5 * 0.01 + 3.76 * 0.03 + mw, rel=1e-9)


def test_reduction_target_without_base_emissions_uses_a_reference_run():
    # The reference run (no targets) emits 0.001752 Mt in 2025 (the base year); -50 % in
    # 2026 -> cap 0.000876 Mt: gas makes half of the heat.
    c = _switch_case([{"year": 2026, "kind": "reduction", "value": 0.5}])
    assert needs_base_emissions(c)
    out = b.solve(c)
    assert out.base_emissions_source == "reference run"
    assert out.base_emissions["scope1"] == pytest.approx(E_GAS)
    assert b.value(out.solution["act"]["gas_boiler", 2026, "all"]) == pytest.approx(4.38)


def test_linear_trajectory_interpolates_caps_between_targets():
    # Targets: 2025 absolute 0.001752 (not binding), 2027 absolute 0; linear trajectory
    # adds a 2026 cap of 0.000876: half of 2026's heat is electric.
    targets = [{"year": 2025, "kind": "absolute", "value": E_GAS},
               {"year": 2027, "kind": "absolute", "value": 0.0}]
    c = _switch_case(targets, {"target_trajectory": "linear"})
    linear = [t for t in c.targets if t.kind == "linear"]
    assert [(t.year, t.cap_const) for t in linear] == [(2026, pytest.approx(E_GAS / 2))]
    out = b.solve(c)
    assert b.value(out.solution["act"]["e_boiler", 2026, "all"]) == pytest.approx(4.38)
    assert b.value(out.solution["act"]["e_boiler", 2027, "all"]) == pytest.approx(8.76)


def test_cumulative_budget():
    # Budget 2025-2027 of 2 years of gas emissions: one year must be electric. With r = 0
    # every year costs the same, so the objective is exact whatever year is chosen.
    out = b.solve(_switch_case([{"year": 2027, "kind": "budget", "value": 2 * E_GAS}]))
    assert out.objective == pytest.approx(2 * 0.0876 + 1.2628, rel=1e-9)
    total = sum(b.value(out.solution["act"]["e_boiler", y, "all"]) for y in (2025, 2026, 2027))
    assert total == pytest.approx(8.76)


def test_budget_counts_calendar_years_of_each_block():
    # year_step 5, 2025-2034: modelled years 2025 and 2030, five calendar years each. A
    # budget of 5 years of gas emissions from 2025 to 2034 leaves gas for one block only.
    c = _switch_case([{"year": 2034, "kind": "budget", "value": 5 * E_GAS}],
                     {"end_year": 2034, "year_step": 5})
    tg = c.targets[0]
    assert tg.weights == {2025: 5.0, 2030: 5.0}
    out = b.solve(c)
    gas = sum(b.value(out.solution["act"]["gas_boiler", y, "all"]) for y in (2025, 2030))
    assert gas == pytest.approx(8.76)


def test_elastic_mode_reports_the_miss():
    # Zero cap in 2026 but no e-boiler may be built (first_year 2030): infeasible, so the
    # model re-solves elastic and reports the 2026 miss of 0.001752 Mt at the penalty of
    # 1e5 MEUR/Mt: objective = 3 * 0.0876 + 175.2.
    c = _switch_case([{"year": 2026, "kind": "absolute", "value": 0.0}],
                     technologies=[b.tech("gas_boiler", lifetime=30),
                                   b.tech("e_boiler", lifetime=1, first_year=2030)])
    out = b.solve(c)
    assert out.status == "optimal"
    assert out.elastic_fallback
    assert out.misses == {"2026 absolute scope1": pytest.approx(E_GAS)}
    assert out.objective == pytest.approx(3 * 0.0876 + 1e5 * E_GAS, rel=1e-9)
    assert any("elastic" in msg for msg in out.messages)


def scope12_case(discount_rate: float = 0.0, carbon_price: float | None = None):
    """An e-boiler making 8.76 GWh of heat from grid power (0.0001 Mt/GWh, 0.03 MEUR/GWh)
    or own PV (capex 0.5 MEUR/MW, life 1, wacc 0) under a scope-1+2 cap of 0.0004 Mt in 2025;
    optionally a carbon price on co2 (which nothing in the case emits directly)."""
    carbon = [] if carbon_price is None else [
        b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: carbon_price})]
    return b.case(
        {"discount_rate": discount_rate, "emission_scope": "scope12"},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("e_boiler", lifetime=30), b.tech("pv", lifetime=1, wacc=0.0)],
        flows=[*b.e_boiler_flows(), {"technology": "pv", "commodity": "electricity",
                                     "direction": "out", "ratio": 1.0}],
        costs=[b.yearly({"technology": "pv", "parameter": "capex"}, {2025: 0.5})],
        capacity=[b.yearly({"technology": "e_boiler", "parameter": "residual"}, {2025: 1})],
        prices=[GAS, ELEC, b.yearly({"commodity": "electricity",
                                     "parameter": "grid_emission_factor"}, {2025: 0.0001}),
                *carbon],
        demand=[HEAT],
        targets=[{"year": 2025, "kind": "absolute", "value": 0.0004}])


def test_scope12_target_counts_grid_emissions():
    # Electricity bought from the grid carries 0.0001 Mt/GWh. A scope-1+2 cap of 0.0004 Mt
    # on 8.76 GWh of e-boiler heat allows 4 GWh of grid power; the rest (4.76 GWh) comes
    # from own PV (capex 0.5 MEUR/MW, life 1, cf 1: 0.057 MEUR/GWh, dearer than the grid's
    # 0.03): 4.76 / 8.76 MW.
    c = scope12_case()
    out = b.solve(c)
    assert b.value(out.solution["buy"]["electricity", 2025, "all"]) == pytest.approx(4.0)
    assert out.objective == pytest.approx(4 * 0.03 + 0.5 * 4.76 / 8.76, rel=1e-9)
    emissions = collect(out).tables["emissions"]
    scope2 = emissions[emissions["scope"] == "scope2"]["emissions [Mt CO2e/yr]"].sum()
    assert scope2 == pytest.approx(0.0004)


def _ccs_case(reservoir_mt: float, discount_rate: float, **extra):
    # A plant emits 1 Mt/yr of flue CO2 (internal) that is vented (carbon price 100) or
    # injected (variable cost 10 MEUR/Mt) into a reservoir of `reservoir_mt`.
    commodities = [{"commodity": "product", "kind": "demand", "unit": "Mt"},
                   {"commodity": "flue", "kind": "internal", "unit": "Mt"},
                   {"commodity": "captured", "kind": "internal", "unit": "Mt"},
                   {"commodity": "co2", "kind": "emission", "unit": "Mt"}]
    mt = {"capacity_unit": "Mt/yr", "activity_unit": "Mt", "cap_to_act": 1.0}
    technologies = [b.tech("plant", **mt), b.tech("vent", **mt), b.tech("capture", **mt),
                    b.tech("injector", reservoir="field", **mt)]
    flows = [{"technology": "plant", "commodity": "product", "direction": "out", "ratio": 1},
             {"technology": "plant", "commodity": "flue", "direction": "out", "ratio": 1},
             {"technology": "vent", "commodity": "flue", "direction": "in", "ratio": 1},
             {"technology": "vent", "commodity": "co2", "direction": "out", "ratio": 1},
             {"technology": "capture", "commodity": "flue", "direction": "in", "ratio": 1},
             {"technology": "capture", "commodity": "captured", "direction": "out", "ratio": 1},
             {"technology": "injector", "commodity": "captured", "direction": "in", "ratio": 1}]
    sheets = dict(
        commodities=commodities, technologies=technologies, flows=flows,
        costs=[b.yearly({"technology": "injector", "parameter": "variable_om"}, {2025: 10.0})],
        capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 5})
                  for t in ("plant", "vent", "capture", "injector")],
        prices=[b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 100.0})],
        demand=[b.yearly({"commodity": "product"}, {2025: 1.0})],
        reservoirs=[{"reservoir": "field", "capacity": reservoir_mt}],
    )
    sheets.update(extra)
    return b.case({"end_year": 2027, "discount_rate": discount_rate}, **sheets)


def test_reservoir_limit_binds_and_fills_early():
    # 3 Mt would be injected over 2025-2027 but the field holds 2.5 Mt. Injecting saves
    # 90 MEUR/Mt discounted at 10 %, worth more early: inject 1, 1, 0.5; vent 0.5 in 2027.
    out = b.solve(_ccs_case(2.5, 0.10))
    m = out.solution
    inj = [b.value(m["act"]["injector", y, "all"]) for y in (2025, 2026, 2027)]
    assert inj == pytest.approx([1.0, 1.0, 0.5])
    expected = 10 / 1.1 + 10 / 1.1**2 + (0.5 * 10 + 0.5 * 100) / 1.1**3
    assert out.objective == pytest.approx(expected, rel=1e-9)


def test_storage_credit_limited_to_credit_years_per_capture_vintage():
    # The injection earns a credit of 50 MEUR/Mt of captured CO2 stored, paid for 2 years
    # from the start of each new capture unit (credit_years 2). New capture costs 240
    # MEUR per Mt/yr, life 3, r = 0: an annuity of 80 in each year it is alive.
    # Build in 2025: 240 + injection 3 * 10 - credits 2025, 2026 (100) = 170.
    # Build in 2026: 160 + vent 2025 (100) + 20 - 100 = 180. Build in 2027: 80 + 200 + 10
    # - 50 = 240. A second unit for 2027's credit costs 80 > 50. Optimum: 170.
    mt = {"capacity_unit": "Mt/yr", "activity_unit": "Mt", "cap_to_act": 1.0}

    def make(credit_years):
        return _ccs_case(
            10.0, 0.0,
            technologies=[b.tech("plant", **mt), b.tech("vent", **mt),
                          b.tech("capture", wacc=0.0, lifetime=3, credit_years=credit_years,
                               **mt),
                          b.tech("injector", reservoir="field", **mt)],
            costs=[b.yearly({"technology": "injector", "parameter": "variable_om"}, {2025: 10.0}),
                   b.yearly({"technology": "capture", "parameter": "capex"}, {2025: 240.0})],
            capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 5})
                      for t in ("plant", "vent", "injector")],
            prices=[b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 100.0}),
                    b.yearly({"commodity": "captured", "parameter": "storage_credit"},
                           {2025: 50.0})],
        )
    out = b.solve(make(2))
    m = out.solution
    assert [b.value(m["cred"]["capture", "captured", y]) for y in (2025, 2026, 2027)] == \
        pytest.approx([1, 1, 0], abs=1e-9)
    assert out.objective == pytest.approx(170.0, rel=1e-9)
    # Without a credit period, every stored tonne earns it: 240 + 30 - 150 = 120.
    unlimited = b.solve(make(None))
    assert unlimited.objective == pytest.approx(120.0, rel=1e-9)


def dac_net_zero_case(discount_rate: float = 0.0) -> dict:
    """:func:`_switch_case` with net zero in 2025 (its only year) and a DAC unit that takes
    CO2 from the air (co2 'in') using 2000 GWh of electricity per Mt, at no other cost."""
    return _switch_case(
        [{"year": 2025, "kind": "reduction", "value": 1.0}],
        {"base_emissions": 1.0, "end_year": 2025, "discount_rate": discount_rate},
        technologies=[b.tech("gas_boiler", lifetime=30), b.tech("e_boiler", lifetime=1, wacc=0.0),
                      b.tech("dac", category="removal", capacity_unit="Mt/yr",
                             activity_unit="Mt", cap_to_act=1.0, lifetime=20)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows() + [
            {"technology": "dac", "commodity": "co2", "direction": "in", "ratio": 1.0},
            {"technology": "dac", "commodity": "electricity", "direction": "in",
             "ratio": 2000.0}],
    )


def test_removals_offset_residual_emissions_for_net_zero():
    # Net zero in 2025 with 0.001752 Mt of gas-boiler emissions left: a DAC unit takes CO2
    # from the air (co2 'in') using 2 GWh of electricity per... 2000 GWh/Mt; it costs
    # electricity only. Removing 0.001752 Mt needs 3.504 GWh at 0.03: 0.10512 MEUR,
    # cheaper than the e-boiler (1 + 0.2628 - 0.0876).
    out = b.solve(dac_net_zero_case())
    assert b.value(out.solution["act"]["dac", 2025, "all"]) == pytest.approx(E_GAS)
    assert out.objective == pytest.approx(0.0876 + E_GAS * 2000 * 0.03, rel=1e-9)
    assert b.value(out.solution["emission"]["co2", 2025]) == pytest.approx(0.0, abs=1e-9)
    assert not math.isnan(out.objective)


def _credit_case(settings, technologies, costs, capacity, credit=50.0):
    # Like _ccs_case, with two capture routes feeding the injector directly.
    mt = {"capacity_unit": "Mt/yr", "activity_unit": "Mt", "cap_to_act": 1.0}
    flows = [{"technology": "plant", "commodity": "product", "direction": "out", "ratio": 1},
             {"technology": "plant", "commodity": "flue", "direction": "out", "ratio": 1},
             {"technology": "vent", "commodity": "flue", "direction": "in", "ratio": 1},
             {"technology": "vent", "commodity": "co2", "direction": "out", "ratio": 1},
             {"technology": "injector", "commodity": "captured", "direction": "in", "ratio": 1}]
    for t in technologies:
        if t["technology"].startswith("capture"):
            flows += [{"technology": t["technology"], "commodity": "flue", "direction": "in",
                       "ratio": 1},
                      {"technology": t["technology"], "commodity": "captured",
                       "direction": "out", "ratio": 1}]
    return b.case(
        {"discount_rate": 0.0, **settings},
        commodities=[{"commodity": "product", "kind": "demand", "unit": "Mt"},
                     {"commodity": "flue", "kind": "internal", "unit": "Mt"},
                     {"commodity": "captured", "kind": "internal", "unit": "Mt"},
                     {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
        technologies=[b.tech("plant", **mt), b.tech("vent", **mt),
                      b.tech("injector", reservoir="field", **mt),
                      *[{**t, **mt} for t in technologies]],
        flows=flows,
        costs=costs,
        capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 5})
                  for t in ("plant", "vent", "injector")] + capacity,
        prices=[b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 100.0}),
                b.yearly({"commodity": "captured", "parameter": "storage_credit"},
                       {2025: credit})],
        demand=[b.yearly({"commodity": "product"}, {2025: 1.0})],
        reservoirs=[{"reservoir": "field", "capacity": 100.0}],
    )


def test_idle_capture_capacity_earns_no_credit():
    # An existing capture unit (no credit: not new, and none can be built) captures at 10/Mt.
    # A new unit would earn
    # the 50/Mt credit for 1 year but costs 100/Mt to run, so it does not run (100 - 50 > 10)
    # and, being idle, must earn nothing: building it just to credit the old unit's output
    # is not allowed. NPV = 3 years * 10 = 30, no credit, no new capacity.
    c = _credit_case(
        {"end_year": 2027},
        [b.tech("capture_old", lifetime=30, credit_years=1, first_year=2040),
         b.tech("capture_new", lifetime=3, credit_years=1, wacc=0.0)],
        [b.yearly({"technology": "capture_old", "parameter": "variable_om"}, {2025: 10.0}),
         b.yearly({"technology": "capture_new", "parameter": "variable_om"}, {2025: 100.0}),
         b.yearly({"technology": "capture_new", "parameter": "capex"}, {2025: 1.0})],
        [b.yearly({"technology": "capture_old", "parameter": "residual"}, {2025: 1})],
    )
    out = b.solve(c)
    m = out.solution
    assert out.objective == pytest.approx(30.0, rel=1e-9)
    assert sum(b.value(m["cred"][k]) for k in m["cred"].keys()) == pytest.approx(0.0, abs=1e-9)
    assert sum(b.value(m["new"]["capture_new", y]) for y in (2025, 2026, 2027)) == \
        pytest.approx(0.0, abs=1e-9)


def test_credit_years_count_calendar_years_inside_year_steps():
    # 5-year steps, 2025-2044. A capture unit built in 2025 with credit_years 7 earns the
    # credit in 2025-2031: the whole 2025 block and 2 of the 5 years of the 2030 block.
    # 1 Mt/yr stored * 50 * 7 years = 350 of credits (r = 0). Capex 1800 per Mt/yr (life 30,
    # annuity 60/yr) makes a second unit built later for fresh credits a loss: built in 2040
    # it pays 5 * 60 = 300 for 5 * 50 = 250 of credits; earlier units pay more than 350.
    c = _credit_case(
        {"end_year": 2044, "year_step": 5},
        [b.tech("capture", lifetime=30, credit_years=7, wacc=0.0)],
        [b.yearly({"technology": "capture", "parameter": "variable_om"}, {2025: 10.0}),
         b.yearly({"technology": "capture", "parameter": "capex"}, {2025: 1800.0})],
        [],
    )
    out = b.solve(c)
    m = out.solution
    assert b.value(m["new"]["capture", 2025]) == pytest.approx(1.0)
    assert [b.value(m["cred"]["capture", "captured", y]) for y in (2025, 2030, 2035, 2040)] == \
        pytest.approx([1.0, 0.4, 0.0, 0.0], abs=1e-9)
    costs = collect(out).tables["costs"]
    credits = costs[costs["category"] == "storage_credit"]["cash flow [MEUR]"].sum()
    assert credits == pytest.approx(-350.0, rel=1e-9)


def _two_gases_case(discount_rate: float = 0.0):
    """Gas heat emitting CO2 and CH4 (co2e 28), both priced at 100 MEUR/Mt CO2e, electric
    heat at 0.06, and a cap of 0.005 Mt CO2e in 2025."""
    commodities = b.HEAT_COMMODITIES + [{"commodity": "ch4", "kind": "emission", "unit": "Mt",
                                       "co2e_factor": 28}]
    return b.case(
        {"discount_rate": discount_rate},
        commodities=commodities,
        technologies=[b.tech("gas_boiler"), b.tech("e_boiler")],
        flows=b.gas_boiler_flows() + b.e_boiler_flows() + [
            {"technology": "gas_boiler", "commodity": "ch4", "direction": "out",
             "ratio": 0.000001}],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10}),
                  b.yearly({"technology": "e_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.02}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06}),
                b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 100}),
                b.yearly({"commodity": "ch4", "parameter": "carbon_price"}, {2025: 2800})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
        targets=[{"year": 2025, "kind": "absolute", "value": 0.005}])


def test_mac_with_two_priced_gases_counts_the_carbon_price_once():
    # CO2 and CH4 (co2e 28) both at 100 MEUR/Mt CO2e (CH4: 2800 per Mt CH4). Gas heat emits
    # 0.0002 Mt CO2 + 1e-6 Mt CH4 = 0.000228 Mt CO2e per GWh; switching a GWh to electricity
    # costs 0.06 - 0.02 = 0.04: MAC = 0.04 / 0.000228 = 175.44, of which 100 is the carbon
    # price and 75.44 the target's shadow price.
    c = _two_gases_case()
    t = collect(b.solve(c)).tables["targets"].iloc[0]
    assert t["carbon price [MEUR/Mt CO2e]"] == pytest.approx(100.0)
    assert t["marginal abatement cost [MEUR/Mt CO2e]"] == pytest.approx(0.04 / 0.000228,
                                                                          rel=1e-9)


def test_fractional_credit_years_are_prorated():
    # As above with credit_years 6.5: the 2025 block (5 years) and 1.5 of the 2030 block's
    # years: credit 50 * 6.5 = 325.
    c = _credit_case(
        {"end_year": 2044, "year_step": 5},
        [b.tech("capture", lifetime=30, credit_years=6.5, wacc=0.0)],
        [b.yearly({"technology": "capture", "parameter": "variable_om"}, {2025: 10.0}),
         b.yearly({"technology": "capture", "parameter": "capex"}, {2025: 1800.0})],
        [],
    )
    costs = collect(b.solve(c)).tables["costs"]
    credits = costs[costs["category"] == "storage_credit"]["cash flow [MEUR]"].sum()
    assert credits == pytest.approx(-325.0, rel=1e-9)


def test_a_credit_nobody_can_earn_builds_and_solves():
    # A storage credit on an internal commodity that no technology produces or injects:
    # nothing can be credited, the model builds and equals the case without the credit.
    extra = {"commodities": b.HEAT_COMMODITIES + [{"commodity": "captured", "kind": "internal",
                                                 "unit": "Mt"}]}
    credit = b.yearly({"commodity": "captured", "parameter": "storage_credit"}, {2025: 10.0})
    with_credit = b.solve(_switch_case([], prices=[GAS, ELEC, credit], **extra))
    without = b.solve(_switch_case([], **extra))
    assert with_credit.status == "optimal"
    assert with_credit.objective == pytest.approx(without.objective, rel=1e-12)


def test_a_first_of_a_kind_premium_raises_the_capex_of_its_vintages():
    # The 2026 switch needs 1 MW of e-boiler; a premium of 1.2 on 2026 vintages (2.2 x capex)
    # makes its annuity 2.2 instead of 1.0: objective 2 * 0.0876 + 2.2 + 0.2628; the
    # investment sheet shows the 2.2 MEUR/MW paid.
    premium = b.yearly({"technology": "e_boiler", "parameter": "capex_premium"},
                       {2026: 1.2, 2027: 0.0})
    out = b.solve(_switch_case(
        [{"year": 2026, "kind": "absolute", "value": 0.0}],
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 1.0}),
               premium]))
    assert out.objective == pytest.approx(2 * 0.0876 + 2.2 + 0.2628, rel=1e-9)
    inv = collect(out).tables["investment"].set_index("technology").loc["e_boiler"]
    assert inv["capex per unit [MEUR/capacity_unit]"] == pytest.approx(2.2)


def test_the_reservoirs_table_and_the_note_that_a_reservoir_fills_at_the_horizon():
    # The field of test_reservoir_limit_binds_and_fills_early: 1, 1 and 0.5 Mt injected in
    # 2025-2027 fill its 2.5 Mt. One more Mt of space by 2027 would let 2027 inject instead
    # of venting: 100 (carbon) - 10 (injection) = 90 MEUR/Mt in money of 2027 (the row's
    # dual, 90 / 1.1**3 in present value, over W_2027 = 1 / 1.1**3); the rows of 2025 and
    # 2026 have space to spare.
    from model.results.figures import reservoir_notes

    out = b.solve(_ccs_case(2.5, 0.10))
    table = collect(out).tables["reservoirs"]
    assert table["year"].tolist() == [2025, 2026, 2027]
    assert table["injected [Mt/yr]"].tolist() == pytest.approx([1.0, 1.0, 0.5])
    assert table["stored by the end of the block [Mt]"].tolist() == pytest.approx(
        [1.0, 2.0, 2.5])
    assert table["used"].tolist() == pytest.approx([0.4, 0.8, 1.0])
    assert table["scarcity rent [MEUR/Mt]"].tolist() == pytest.approx([0.0, 0.0, 90.0])
    notes = collect(out).figures.horizon_notes
    assert len(notes) == 1
    assert "field holds 2.5 of its 2.5 Mt (100%) by the end of the horizon and is full by " \
        "then" in notes[0]
    # space for 12 years at the last rate: no note; for 8 years: a note that says so
    last = table.iloc[[-1]].assign(**{"stored by the end of the block [Mt]": 88.0,
                                      "capacity [Mt]": 100.0, "injected [Mt/yr]": 1.0,
                                      "used": 0.88})
    assert reservoir_notes(last) == []
    assert "full 8.0 years later at the last rate (1.0 Mt/yr)" in reservoir_notes(
        last.assign(**{"stored by the end of the block [Mt]": 92.0}))[0]


def test_a_reservoir_full_at_the_horizon_is_a_red_headline_of_the_report():
    from model.report import HORIZON_NOTE, headline, summary_rows

    out = b.solve(_ccs_case(2.5, 0.10))
    summary = summary_rows(out, collect(out))
    notes = summary[summary["item"] == HORIZON_NOTE]
    assert len(notes) == 1 and "field holds 2.5 of its 2.5 Mt" in notes["value"].iloc[0]
    figure = [h for h in headline(summary, {"status": "optimal"}) if h.label == HORIZON_NOTE]
    assert len(figure) == 1 and figure[0].bad and "extend end_year" in figure[0].comment
    roomy = b.solve(_ccs_case(100.0, 0.10))  # 3 of 100 Mt used: nothing to say
    assert HORIZON_NOTE not in summary_rows(roomy, collect(roomy))["item"].tolist()
