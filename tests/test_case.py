"""The derived case (model/case.py): the numbers the model reads, computed by hand.

Interpolation at the modelled years, block lengths, effective lives, the defaults validation
fills in (and derive trusts), slices and profiles, and the emission constraints built from the
targets sheet.
"""

from __future__ import annotations

import math

import pytest

from model.case import derive, needs_base_emissions, target_cap
from model.schema import SHEET_BY_NAME
from model.validation import validate
from tests.builders import case, raw, tech, yearly

HEAT = [{"commodity": "gas", "kind": "supply", "unit": "GWh"},
        {"commodity": "heat", "kind": "demand", "unit": "GWh"},
        {"commodity": "co2", "kind": "emission", "unit": "Mt"}]
FLOWS = [{"technology": "boiler", "commodity": "gas", "direction": "in", "ratio": 1.1},
         {"technology": "boiler", "commodity": "heat", "direction": "out", "ratio": 1.0},
         {"technology": "boiler", "commodity": "co2", "direction": "out", "ratio": 0.0002}]
HORIZON = {"base_year": 2025, "end_year": 2052, "year_step": 5, "discount_rate": 0.05}


def boiler_case(settings: dict | None = None, **sheets):
    """A gas boiler meeting heat demand, 2025-2052 in steps of 5, with ``sheets`` changed."""
    base = dict(commodities=HEAT, technologies=[tech("boiler")], flows=FLOWS,
                prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03})],
                demand=[yearly({"commodity": "heat"}, {2025: 100.0})])
    base.update(sheets)
    return case({**HORIZON, **(settings or {})}, **base)


# --------------------------------------------------------------------------------------
# the time axis
# --------------------------------------------------------------------------------------


def test_modelled_years_and_the_calendar_years_each_stands_for():
    # end_year 2052 with 5-year steps: modelled years up to 2050, and the final block is a
    # full step (final_block 'full', docs/formulation.md "End of the horizon"), so the
    # horizon runs to 2054; with 'truncated' it stops at end_year and 2050 stands for 3 years.
    c = boiler_case()
    assert c.years == [2025, 2030, 2035, 2040, 2045, 2050]
    assert c.n_years == {2025: 5, 2030: 5, 2035: 5, 2040: 5, 2045: 5, 2050: 5}
    assert (c.base_year, c.end_year) == (2025, 2054)
    assert list(c.block_years(2050)) == [2050, 2051, 2052, 2053, 2054]
    short = boiler_case({"final_block": "truncated"})
    assert short.n_years[2050] == 3 and short.end_year == 2052
    assert list(short.block_years(2050)) == [2050, 2051, 2052]


@pytest.mark.parametrize(("lifetime", "life"), [(10, 10), (12, 15), (15, 15), (0.5, 5),
                                                (30.000000001, 30)])
def test_effective_life_is_whole_steps(lifetime, life):
    c = boiler_case(technologies=[tech("boiler", lifetime=lifetime)])
    assert c.technologies["boiler"].life == life
    assert c.technologies["boiler"].lifetime == lifetime


def test_active_vintages_follow_the_effective_life():
    c = boiler_case(technologies=[tech("boiler", lifetime=12)])  # life 15
    assert c.active_vintages("boiler", 2040) == [2030, 2035, 2040]


# --------------------------------------------------------------------------------------
# trajectories at the modelled years
# --------------------------------------------------------------------------------------


def test_trajectories_are_interpolated_linearly_and_held_flat_outside():
    c = boiler_case(
        costs=[yearly({"technology": "boiler", "parameter": "capex"}, {2025: 0.5, 2050: 0.4}),
               yearly({"technology": "boiler", "parameter": "fixed_om"}, {2035: 0.02})],
        prices=[yearly({"commodity": "gas", "parameter": "price"}, {2020: 0.01, 2040: 0.05})],
        demand=[yearly({"commodity": "heat"}, {2030: 80.0, 2040: 100.0})])
    capex = {y: c.cost["capex"][("boiler", y)] for y in c.years}
    assert capex == pytest.approx({2025: 0.5, 2030: 0.48, 2035: 0.46, 2040: 0.44, 2045: 0.42,
                                   2050: 0.4})
    assert {y: c.cost["fixed_om"][("boiler", y)] for y in c.years} == {y: 0.02 for y in c.years}
    # a year column before the horizon still serves interpolation: 0.01 + 0.04 * 5/20
    assert c.price["price"][("gas", 2025)] == pytest.approx(0.02)
    assert c.price["price"][("gas", 2045)] == pytest.approx(0.05)
    assert [c.demand[("heat", y)] for y in c.years] == pytest.approx(
        [80.0, 80.0, 90.0, 100.0, 100.0, 100.0])


def test_flow_ratios_by_year_override_the_ratio_column():
    flows = [{**FLOWS[0], "ratio": None, 2025: 1.2, 2045: 1.0}, *FLOWS[1:]]
    c = boiler_case(flows=flows)
    assert [c.ratio_in[("boiler", "gas")][y] for y in c.years] == pytest.approx(
        [1.2, 1.15, 1.1, 1.05, 1.0, 1.0])
    assert c.ratio_out[("boiler", "heat")] == {y: 1.0 for y in c.years}


def test_capacity_parameters_by_their_names():
    c = boiler_case(capacity=[
        yearly({"technology": "boiler", "parameter": "residual"}, {2025: 10, 2045: 0}),
        yearly({"technology": "boiler", "parameter": "min"}, {2030: 2}),
        yearly({"technology": "boiler", "parameter": "max"}, {2025: 50})])
    assert [c.residual[("boiler", y)] for y in c.years] == pytest.approx(
        [10, 7.5, 5, 2.5, 0, 0])
    assert c.cap_min[("boiler", 2025)] == 2 and c.cap_max[("boiler", 2050)] == 50


# --------------------------------------------------------------------------------------
# defaults: filled in by validation from the schema, trusted by derive
# --------------------------------------------------------------------------------------


def test_derive_uses_the_schema_defaults_validation_filled_in():
    c = boiler_case()
    boiler, gas = c.technologies["boiler"], c.commodities["gas"]
    defaults = {col.name: col.default for col in SHEET_BY_NAME["technologies"].columns}
    for name in ("plant", "min_load", "availability", "early_retirement", "construction_jobs",
                 "operating_jobs", "gdp_per_activity"):
        assert getattr(boiler, name) == defaults[name], name
    comm_defaults = {col.name: col.default for col in SHEET_BY_NAME["commodities"].columns}
    assert (gas.balance, gas.co2e_factor) == (comm_defaults["balance"],
                                              comm_defaults["co2e_factor"])
    assert c.settings["capex_method"] == "annuity" and c.money == "MEUR"


def test_empty_cells_that_mean_more_than_a_default():
    c = boiler_case()
    boiler = c.technologies["boiler"]
    assert boiler.wacc == 0.05  # the discount rate
    assert boiler.first_year == 2025  # the base year
    assert boiler.max_build_per_year == math.inf  # no limit
    assert boiler.credit_years is None and boiler.reservoir is None
    c = boiler_case(technologies=[tech("boiler", wacc=0.08, first_year=2030,
                                       max_build_per_year=5, credit_years=12)])
    boiler = c.technologies["boiler"]
    assert (boiler.wacc, boiler.first_year, boiler.max_build_per_year, boiler.credit_years) \
        == (0.08, 2030, 5.0, 12.0)


def test_derive_trusts_the_tables_it_is_given():
    tables, problems = validate(raw({**HORIZON}, commodities=HEAT,
                                    technologies=[tech("boiler")], flows=FLOWS,
                                    prices=[yearly({"commodity": "gas", "parameter": "price"},
                                                   {2025: 0.03})]))
    assert tables is not None, problems
    tables.tables["technologies"].loc[0, "availability"] = 0.9  # as a scenario would
    tables.settings["capex_method"] = "lump_sum"
    c = derive(tables)
    assert c.technologies["boiler"].availability == 0.9
    assert c.avail[("boiler", "all")] == 0.9
    assert c.settings["capex_method"] == "lump_sum"


# --------------------------------------------------------------------------------------
# slices and profiles
# --------------------------------------------------------------------------------------

SLICES = [{"slice": "night", "period": "day", "order": 2, "hours": 2920, "occurrences": 365},
          {"slice": "morning", "period": "day", "order": 1, "hours": 2920, "occurrences": 365},
          {"slice": "evening", "period": "day", "order": 3, "hours": 2920, "occurrences": 365}]


def test_slices_cycle_in_order_inside_their_period_and_profiles_are_normalised():
    commodities = [dict(HEAT[0], balance="slice"), *HEAT[1:]]
    c = boiler_case(commodities=commodities, timeslices=SLICES, profiles=[
        {"slice": "morning", "availability:boiler": 0.5, "demand:heat": 2, "price:gas": 1},
        {"slice": "night", "availability:boiler": 1.0, "demand:heat": 1, "price:gas": 1},
        {"slice": "evening", "availability:boiler": 0.8, "demand:heat": 1, "price:gas": 4}])
    assert c.slices == ["night", "morning", "evening"]  # as in the sheet
    assert c.next_slice == {"morning": "night", "night": "evening", "evening": "morning"}
    assert c.hours == {"night": 2920, "morning": 2920, "evening": 2920}
    assert c.avail[("boiler", "morning")] == 0.5
    # demand share: hours x shape / sum = 2 : 1 : 1
    assert c.demand_share[("heat", "morning")] == pytest.approx(0.5)
    assert c.demand_share[("heat", "night")] == pytest.approx(0.25)
    # price shape: mean weighted by hours is (1 + 1 + 4) / 3 = 2
    assert c.price_shape[("gas", "evening")] == pytest.approx(2.0)
    assert c.price_shape[("gas", "night")] == pytest.approx(0.5)
    assert c.price_shape[("heat", "night")] == 1.0  # no profile


# --------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------


def test_reduction_absolute_and_budget_targets():
    c = boiler_case(targets=[
        {"year": 2030, "kind": "reduction", "value": 0.55},
        {"year": 2050, "kind": "absolute", "value": 0.1, "scope": "scope12"},
        {"year": 2032, "kind": "budget", "value": 7.0},
    ])
    by_label = {t.label: t for t in c.targets}
    red = by_label["2030 reduction scope1"]  # default scope: the setting emission_scope
    assert (red.weights, red.cap_const, red.cap_per_base) == ({2030: 1.0}, 0.0,
                                                              pytest.approx(0.45))
    assert target_cap(red, 2.0) == pytest.approx(0.9)
    ab = by_label["2050 absolute scope12"]
    assert (ab.cap_const, ab.cap_per_base, target_cap(ab, None)) == (0.1, 0.0, 0.1)
    budget = by_label["2032 budget scope1"]
    # from the base year 2025 to 2032: 2025-2029 (5 years) and 2030-2032 (3 of 5)
    assert budget.weights == {2025: 5.0, 2030: 3.0}
    assert (budget.cap_const, budget.cap_per_base) == (7.0, 0.0)
    assert needs_base_emissions(c)
    with pytest.raises(ValueError, match="needs base emissions"):
        target_cap(red, None)


def test_default_scope_follows_the_setting_and_budgets_start_where_told():
    c = boiler_case({"emission_scope": "scope12"}, targets=[
        {"year": 2040, "kind": "budget", "value": 7.0, "start_year": 2033}])
    (budget,) = c.targets
    assert budget.label == "2040 budget scope12"
    assert budget.weights == {2030: 2.0, 2035: 5.0, 2040: 1.0}  # 2033-2034, 2035-39, 2040


def test_linear_trajectory_interpolates_caps_between_target_years():
    c = boiler_case({"target_trajectory": "linear", "base_emissions": 2.0}, targets=[
        {"year": 2030, "kind": "reduction", "value": 0.5},
        {"year": 2050, "kind": "absolute", "value": 0.2}])
    linear = {t.year: t for t in c.targets if t.kind == "linear"}
    assert sorted(linear) == [2035, 2040, 2045]
    # 2040 is halfway: cap = 0.5 * (0.5 * base) + 0.5 * 0.2
    assert linear[2040].cap_const == pytest.approx(0.1)
    assert linear[2040].cap_per_base == pytest.approx(0.25)
    assert target_cap(linear[2040], c.base_emissions) == pytest.approx(0.6)
    assert not needs_base_emissions(c)
    assert all(math.isnan(t.value) for t in linear.values())


def test_without_a_trajectory_only_target_years_are_capped():
    c = boiler_case(targets=[{"year": 2030, "kind": "reduction", "value": 0.5},
                             {"year": 2050, "kind": "reduction", "value": 1.0}])
    assert [t.year for t in c.targets] == [2030, 2050]
