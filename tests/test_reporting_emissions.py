"""Hand-computed checks of the emission and abatement reporting: the scope-1/2 rows of the
`emissions` table, the `targets` table (shadow prices of budgets over 5-year blocks, the MAC of
scope-1+2 targets), the `reservoirs` scarcity rent over 2-year blocks, `model.abatement`'s
average table and MAC curve (discounted, multi-year blocks, a carbon price) and the key figures
front ends quote (`model.results.figures`: MAC sides, miss text, investment order, reservoir
note boundary).

Each asserted number is worked out in the comment beside it, with r > 0 and blocks longer than
one year where the reporting code discounts or weights by block, so that a dropped or misplaced
factor changes the value. Notation: d(k) = 1.1**-(k - 2024) (end of calendar year k, r = 10 %),
W_y = sum of d(k) over the block of y.
"""

import pandas as pd
import pytest

from model.abatement import analyse
from model.results import collect
from model.results.figures import RESERVOIR_LOOKAHEAD_YEARS, TargetFigure, reservoir_notes
from tests import builders as b
from tests.test_abatement import _case
from tests.test_emissions import (
    E_GAS,
    _ccs_case,
    _switch_case,
    _two_gases_case,
    dac_net_zero_case,
    scope12_case,
)

MAC = "marginal abatement cost [MEUR/Mt CO2e]"
SHADOW = "shadow price [MEUR/Mt CO2e]"
EMIS = "emissions [Mt CO2e/yr]"


def _scope1(table: pd.DataFrame) -> pd.DataFrame:
    return table[table["scope"] == "scope1"].set_index("technology")


# --- the emissions table ---------------------------------------------------------------------


def test_removals_are_subtracted_in_the_scope1_rows():
    # test_removals_offset_residual_emissions_for_net_zero at r = 10 %: the gas boiler emits
    # 8.76 GWh * 0.0002 = 0.001752 Mt, the DAC takes 0.001752 Mt from the air (co2 'in'), net
    # zero. (Discounting scales every cost by d(2025), so the plan is the same.)
    out = b.solve(dac_net_zero_case(discount_rate=0.1))
    s1 = _scope1(collect(out).tables["emissions"])
    assert s1.loc["gas_boiler", EMIS] == pytest.approx(0.001752, rel=1e-9)  # 8.76 * 0.0002
    assert s1.loc["dac", EMIS] == pytest.approx(-0.001752, rel=1e-9)  # removed: minus
    assert s1[EMIS].sum() == pytest.approx(0.0, abs=1e-12)  # 0.001752 - 0.001752


def test_scope1_rows_are_in_co2e():
    # test_mac_with_two_priced_gases_counts_the_carbon_price_once: gas heat emits 0.0002 Mt
    # CO2 and 1e-6 Mt CH4 (co2e 28) per GWh, 0.000228 Mt CO2e; the cap of 0.005 Mt CO2e binds
    # (87.6 GWh of gas heat would emit 0.01997): x = 0.005 / 0.000228 GWh of gas heat.
    c = _two_gases_case(discount_rate=0.1)
    emissions = collect(b.solve(c)).tables["emissions"]
    s1 = emissions[emissions["scope"] == "scope1"].set_index("commodity")
    x = 0.005 / 0.000228  # GWh of gas heat = 21.9298...
    assert s1.loc["co2", EMIS] == pytest.approx(x * 0.0002, rel=1e-9)  # 0.0043860
    assert s1.loc["ch4", EMIS] == pytest.approx(x * 1e-6 * 28, rel=1e-9)  # 0.0006140 CO2e
    assert s1[EMIS].sum() == pytest.approx(0.005, rel=1e-9)  # the binding cap


# --- the targets table -----------------------------------------------------------------------


def test_budget_shadow_price_is_in_money_of_its_last_year():
    # _switch_case with 5-year steps, r = 10 %, 2025-2034: blocks 2025 and 2030 of 5 years.
    # The e-boiler's lifetime 1 becomes an effective life of 5 (one block): annuity 1/5 MEUR
    # per MW a year (wacc 0) paid in each year of the block. Electric heat costs, per year
    # and MW, 0.2 (annuity) + 8.76 * (0.03 - 0.01) = 0.2 + 0.1752 = 0.3752 more than gas.
    #
    # Budget 2025-2034 of 5 years of gas emissions (5 * 0.001752 Mt; both blocks weigh 5):
    # gas in the 2025 block, electric in the (more discounted) 2030 block. One more Mt of
    # budget lets 1 / (5 * 0.001752) MW-years of the 2030 block back to gas: dual (PV)
    # 0.3752 * W_2030 / (5 * E_GAS); in money of 2034 (/ d(2034)):
    # W_2030 / d(2034) = 1.1**4 + 1.1**3 + 1.1**2 + 1.1 + 1 = 6.1051.
    c = _switch_case([{"year": 2034, "kind": "budget", "value": 5 * E_GAS}],
                     {"end_year": 2034, "year_step": 5, "discount_rate": 0.1})
    out = b.solve(c)
    assert [b.value(out.solution["new"]["e_boiler", y]) for y in (2025, 2030)] == \
        pytest.approx([0.0, 1.0], abs=1e-9)
    t = collect(out).tables["targets"].iloc[0]
    shadow = 0.3752 * 6.1051 / (5 * 0.001752)  # = 2.29063352 / 0.00876 = 261.4878
    assert t[SHADOW] == pytest.approx(shadow, rel=1e-9)
    assert t[MAC] == pytest.approx(shadow, rel=1e-9)  # a budget's MAC: the shadow price alone


def test_budget_shadow_price_when_the_budget_ends_in_a_modelled_year():
    # As above (0.3752 MEUR per MW-year of electric heat over gas, r = 10 %, 5-year blocks).
    # The budget ends in 2030, a modelled year: weights 5 (2025 block) and 1 (2030 only).
    # Abating in the 2025 block frees 5 * 0.0002 Mt per GWh/yr, in 2030 only 0.0002 for the
    # same block cost: the 2025 block abates. 5 E_2025 + E_GAS <= 5 E_GAS: 0.2 MW electric in
    # 2025. Dual (PV) 0.3752 * W_2025 / (5 * E_GAS); in money of 2030 (/ d(2030)):
    # W_2025 / d(2030) = 1.1**5 + 1.1**4 + 1.1**3 + 1.1**2 + 1.1 = 6.71561.
    c = _switch_case([{"year": 2030, "kind": "budget", "value": 5 * E_GAS}],
                     {"end_year": 2034, "year_step": 5, "discount_rate": 0.1})
    out = b.solve(c)
    assert b.value(out.solution["new"]["e_boiler", 2025]) == pytest.approx(0.2)  # 1 - 4/5
    t = collect(out).tables["targets"].iloc[0]
    assert t[SHADOW] == pytest.approx(0.3752 * 6.71561 / 0.00876, rel=1e-9)  # 287.6366


def _scope12_case():
    # test_scope12_target_counts_grid_emissions at r = 10 % with a carbon price of 100 on co2
    # (nothing in the case emits co2 directly): the cap of 0.0004 Mt on grid power (0.0001
    # Mt/GWh) allows 4 GWh of the 8.76; own PV (annuity 0.5 MEUR/MW, wacc 0, life 1, paid at
    # d(2025) = W_2025) makes 4.76 GWh.
    return scope12_case(discount_rate=0.1, carbon_price=100.0)


# One more Mt of scope-2 cap: 1 / 0.0001 GWh more grid power instead of PV, saving
# 0.5 / 8.76 - 0.03 per GWh: (0.0570776 - 0.03) / 0.0001 = 270.776 MEUR/Mt. Grid power pays
# no carbon price, so the MAC of a scope-1+2 target is this shadow price alone (not 370.776).
MAC12 = (0.5 / 8.76 - 0.03) / 0.0001


def test_scope12_target_mac_is_the_shadow_price_without_the_carbon_price():
    out = b.solve(_scope12_case())
    analysis = analyse(out)
    t = collect(out, analysis).tables["targets"].set_index("target").loc["2025 absolute scope12"]
    assert t[SHADOW] == pytest.approx(MAC12, rel=1e-9)
    assert t["carbon price [MEUR/Mt CO2e]"] == pytest.approx(100.0)  # what co2 would pay
    assert t[MAC] == pytest.approx(MAC12, rel=1e-9)  # 270.776, not 270.776 + 100
    # the one-sided differences of the NPV (4 GWh of grid power, away from any kink)
    ranges = analysis.mac_ranges["2025 absolute scope12"]
    assert ranges.tightening == pytest.approx(MAC12, rel=1e-6)
    assert ranges.relaxing == pytest.approx(MAC12, rel=1e-6)
    assert ranges.unique
    assert t["MAC, cap lowered [MEUR/Mt CO2e]"] == pytest.approx(MAC12, rel=1e-6)


def test_scope12_average_abatement_counts_grid_emissions():
    # Reference run (no cap): all 8.76 GWh from the grid, 0.000876 Mt scope 2; the run emits
    # the cap 0.0004: abatement 0.000876 - 0.0004 = 0.000476 Mt (one 1-year block), discounted
    # 0.000476 * W_2025 = 0.000476 / 1.1. Cost of the target: 4.76 GWh from PV instead of the
    # grid, 4.76 * (0.5 / 8.76 - 0.03) / 1.1; per discounted tonne MAC12 (one measure).
    out = b.solve(_scope12_case())
    avg = analyse(out).average.set_index("item")["value"]
    assert avg["abatement over the horizon"] == pytest.approx(0.000476, rel=1e-9)
    assert avg["abatement, discounted"] == pytest.approx(0.000476 / 1.1, rel=1e-9)
    assert avg["cost of the targets"] == pytest.approx(4.76 * (0.5 / 8.76 - 0.03) / 1.1,
                                                       rel=1e-9)
    assert avg["average abatement cost per discounted tonne"] == pytest.approx(MAC12, rel=1e-9)


# --- reservoirs ------------------------------------------------------------------------------


def test_reservoir_scarcity_rent_over_2_year_blocks(monkeypatch):
    # _ccs_case(2.5 Mt, r = 10 %) with 2-year steps: blocks 2025-2026 and 2027-2028. Injecting
    # saves 100 - 10 = 90 MEUR per Mt in money of its year, worth more early: 1 Mt/yr in the
    # 2025 block (2 Mt), the 0.5 Mt left over the 2027 block (0.25 Mt/yr).
    # One more Mt of space lets the 2027 block inject 0.5 Mt/yr more (1 Mt over its 2 years),
    # each tonne saving 90: dual (PV) = 0.5 * 90 * W_2027 = 45 * (1.1**-3 + 1.1**-4) = 64.545.
    # "What one more Mt of space by then would save, in money of the year" (docs/outputs.md):
    # 90 per Mt, as with annual steps (test_the_reservoirs_table_and_the_note_...: 90), i.e.
    # the dual over the block's mean discount factor W_2027 / 2, not over W_2027 (45).
    real = b.case
    monkeypatch.setattr(b, "case", lambda settings, **sheets: real({**settings, "year_step": 2},
                                                                   **sheets))
    c = _ccs_case(2.5, 0.10)
    monkeypatch.setattr(b, "case", real)
    assert c.n_years == {2025: 2, 2027: 2}
    out = b.solve(c)
    assert [b.value(out.solution["act"]["injector", y, "all"]) for y in (2025, 2027)] == \
        pytest.approx([1.0, 0.25])
    assert out.solution.duals("reservoir_limit")[("field", 2027)] == pytest.approx(
        -45 * (1.1**-3 + 1.1**-4), rel=1e-9)
    table = collect(out).tables["reservoirs"]
    assert table["scarcity rent [MEUR/Mt]"].tolist() == pytest.approx([0.0, 90.0], rel=1e-9)


# --- the average abatement cost and the MAC curve -------------------------------------------


def test_average_abatement_weights_discounted_tonnes_and_counts_the_years_of_a_block():
    # tests/test_abatement.py's _case (net zero in 2025) with r = 10 % and 2-year steps: one
    # block 2025-2026, W_2025 = 1/1.1 + 1/1.21 = 1.7355372. Gas would emit E_GAS = 0.001752
    # Mt/yr, the run none: over the horizon 2 * 0.001752 = 0.003504 Mt, discounted
    # W_2025 * 0.001752 = 0.0030406.
    # Cost: lives of 1 become 2 (one block); wacc = r so each annuity's PV is its capex: heat
    # pump 0.5 MW * 0.5 + e-boiler 0.5 MW * 1.0 = 0.75, plus W_2025 * (electricity 4.38 *
    # 0.5 * 0.03 + 4.38 * 0.03 = 0.1971 less gas 8.76 * 0.01 = 0.0876) = W_2025 * 0.1095.
    w = 1 / 1.1 + 1 / 1.21
    out = b.solve(_case(discount_rate=0.1, year_step=2))
    avg = analyse(out).average.set_index("item")["value"]
    assert avg["abatement over the horizon"] == pytest.approx(2 * 0.001752, rel=1e-9)
    assert avg["abatement, discounted"] == pytest.approx(w * 0.001752, rel=1e-9)
    cost = 0.75 + w * 0.1095  # 0.9400413
    assert avg["cost of the targets"] == pytest.approx(cost, rel=1e-9)
    assert avg["average abatement cost per discounted tonne"] == pytest.approx(
        cost / (w * 0.001752), rel=1e-9)  # 309.17
    assert avg["average abatement cost per tonne"] == pytest.approx(cost / 0.003504, rel=1e-9)


# _case at r = 10 % (wacc = r: a 1-year annuity is 1.1 x capex, paid at d(2025) = W_2025)
# with a carbon price of 50 on co2: gas heat costs 0.01 + 50 * 0.0002 = 0.02 per GWh. In money
# of 2025 the MAC (shadow price + 50) is the measure's cost over gas without carbon:
# heat pump (0.5 * 0.03 + 0.5 * 1.1 / 8.76 - 0.01) / 0.0002 = 338.927 for the first half,
# e-boiler (0.03 + 1.0 * 1.1 / 8.76 - 0.01) / 0.0002 = 727.854 for the rest.
HP = (0.015 + 0.55 / 8.76 - 0.01) / 0.0002
EB = (0.03 + 1.1 / 8.76 - 0.01) / 0.0002


def _priced_case(monkeypatch, cap: float = 0.0):
    real = b.case

    def with_carbon_price(settings, **sheets):
        carbon = b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 50.0})
        return real(settings, **{**sheets, "prices": [*sheets["prices"], carbon]})

    monkeypatch.setattr(b, "case", with_carbon_price)
    c = _case(cap, discount_rate=0.1)
    monkeypatch.setattr(b, "case", real)
    return c


def test_mac_curve_with_discounting_and_a_carbon_price(monkeypatch):
    out = b.solve(_priced_case(monkeypatch))
    curve = analyse(out, macc_steps=4).curve
    # caps 3/4, 1/2, 1/4, 0 of E_GAS: each step abates E_GAS / 4 more than the reference
    assert list(curve["abatement, cumulative [Mt CO2e/yr]"]) == pytest.approx(
        [0.000438, 0.000876, 0.001314, 0.001752], rel=1e-9)  # k / 4 * 0.001752
    assert list(curve[MAC]) == pytest.approx([HP, HP, EB, EB], rel=1e-9)
    # step average: NPV increase / W_2025 / (E_GAS / 4) + 50, e.g. the first step
    # W * 2.19 GWh * (0.015 + 0.55/8.76 - 0.02) / W / 0.000438 + 50 = HP
    assert list(curve["average cost of the step [MEUR/Mt CO2e]"]) == pytest.approx(
        [HP, HP, EB, EB], rel=1e-9)
    # NPV: reference 8.76 * 0.02 / 1.1; each step adds (MAC - 50) * 0.000438 / 1.1
    added = [(HP - 50) * 0.000438, (HP - 50) * 0.000438, (EB - 50) * 0.000438,
             (EB - 50) * 0.000438]
    npv = [(0.1752 + sum(added[:k])) / 1.1 for k in (1, 2, 3, 4)]
    assert list(curve["net present cost [MEUR]"]) == pytest.approx(npv, rel=1e-9)


def test_figures_quote_the_mac_sides_at_a_kink(monkeypatch):
    # Capped at E_GAS / 2, where the heat pump runs out: raising the cap saves HP per Mt
    # (less heat pump), lowering it costs EB (more e-boiler); carbon price included in both.
    out = b.solve(_priced_case(monkeypatch, cap=0.001752 / 2))
    figure = collect(out, analyse(out)).figures.targets[0]
    assert figure.mac_low == pytest.approx(HP, rel=1e-6)  # cap raised: 338.927
    assert figure.mac_high == pytest.approx(EB, rel=1e-6)  # cap lowered: 727.854
    assert figure.mac_unique is False


# --- key figures -----------------------------------------------------------------------------


def test_investment_by_technology_lists_the_largest_first():
    # Net zero in _case: 0.5 MW of heat pump at 0.5 MEUR/MW = 0.25 and 0.5 MW of e-boiler at
    # 1.0 MEUR/MW = 0.5 of overnight investment (r = 10 % does not touch overnight money).
    out = b.solve(_case(discount_rate=0.1))
    figures = collect(out).figures
    assert list(figures.investment_by_technology.items()) == [
        ("e_boiler", pytest.approx(0.5, rel=1e-9)), ("heat_pump", pytest.approx(0.25, rel=1e-9))]


def _target_figure(missed: float) -> TargetFigure:
    return TargetFigure("2030 absolute scope1", "absolute", "scope1", 2030, cap=0.004,
                        emissions=0.004 + missed, missed=missed, binding=True,
                        shadow_price=0.0, carbon_price=0.0, mac=0.0)


def test_miss_text_says_met_at_zero_and_words_a_miss():
    assert _target_figure(0.0).miss_text == "met"
    # 0.001 of a 0.004 cap: 25 %
    assert _target_figure(0.001).miss_text == (
        "the absolute target of 2030 (scope1) is missed by 0.001 Mt CO2e a year (25% of its "
        "cap): nothing the case allows reaches it")


def test_reservoir_note_boundary_is_fewer_than_the_lookahead_years():
    # Space left lasting fewer than RESERVOIR_LOOKAHEAD_YEARS (10) at the last rate is noted:
    # 100 - 90 = 10 Mt at 1 Mt/yr lasts exactly 10.0 years, no note; 100 - 90.5 = 9.5 years,
    # a note. The first year's row (nearly empty) must not matter.
    assert RESERVOIR_LOOKAHEAD_YEARS == 10.0

    def table(stored: float) -> pd.DataFrame:
        return pd.DataFrame({"reservoir": ["field", "field"], "year": [2025, 2030],
                             "injected [Mt/yr]": [1.0, 1.0],
                             "stored by the end of the block [Mt]": [5.0, stored],
                             "capacity [Mt]": [100.0, 100.0], "used": [0.05, stored / 100]})

    assert reservoir_notes(table(90.0)) == []
    notes = reservoir_notes(table(90.5))
    assert len(notes) == 1 and "full 9.5 years later at the last rate (1.0 Mt/yr)" in notes[0]
