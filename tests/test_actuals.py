"""What happened, kept by the re-plan (sheet 'actuals', model/actuals.py, the actuals family of
model/maths/actuals.py): hand-computed delays, floors of blocks recorded in part, measured
activity and emissions with their duals, and every bad row named by sheet, row and column.

The small case: 87.6 GWh of heat a year (10 MW all year) from a gas boiler (20 MW in place,
gas 0.03 MEUR/GWh) or a heat pump (1 GWh of electricity at 0.01 MEUR/GWh per GWh of heat;
capex 0.1 MEUR/MW with a one-year life, so its annuity at r = 10 % is 0.11 MEUR/MW paid at
the end of its year). The heat pump costs 0.11 / 8.76 + 0.01 = 0.02256 MEUR/GWh against 0.03
for gas: the plan builds 10 MW of it every year.
"""

from __future__ import annotations

import pytest

from model.actuals import from_actuals
from model.case import load_case
from model.errors import CaseError
from model.replan import facts_table, npv_without_penalties, solve_replan
from model.solve import solve_case
from tests import builders as b

D25, D26, D27 = 1 / 1.1, 1 / 1.1 ** 2, 1 / 1.1 ** 3  # end-of-year discount factors


def hp_flows() -> list[dict]:
    return [{"technology": "heat_pump", "commodity": "electricity", "direction": "in",
             "ratio": 1.0},
            {"technology": "heat_pump", "commodity": "heat", "direction": "out", "ratio": 1.0}]


def heat_case(actuals=(), until=None, *, end_year=2027, step=1, rate=None, capex=0.1,
              lifetime=1, rate_r=0.1, targets=(), unrecorded=None, co2=0.0, base=None):
    settings = {"end_year": end_year, "year_step": step, "discount_rate": rate_r,
                "actuals_until": until, "actuals_unrecorded": unrecorded,
                "base_emissions": base}
    return b.case(settings,
                  commodities=b.HEAT_COMMODITIES,
                  technologies=[b.tech("gas_boiler", early_retirement=True),
                                b.tech("heat_pump", category="electrification",
                                       lifetime=lifetime, max_build_per_year=rate)],
                  flows=b.gas_boiler_flows(co2=co2) + hp_flows(),
                  costs=[b.yearly({"technology": "heat_pump", "parameter": "capex"},
                                  {2025: capex})],
                  prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                          b.yearly({"commodity": "electricity", "parameter": "price"},
                                   {2025: 0.01})],
                  demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
                  capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                                     {2025: 20})],
                  targets=list(targets), actuals=list(actuals))


# --------------------------------------------------------------------------------------
# fixing what was planned changes nothing
# --------------------------------------------------------------------------------------


def test_actuals_equal_to_the_plan_change_nothing_in_the_small_case():
    rows = [{"year": y, "technology": "heat_pump", "commissioned": 10.0} for y in (2025, 2026)]
    rows += [{"year": y, "technology": "gas_boiler", "commissioned": 0.0, "retired": 0.0}
             for y in (2025, 2026)]
    original, replan = solve_replan(heat_case(rows, 2026, unrecorded="none"))
    assert original.solution["new"]["heat_pump", 2026] == pytest.approx(10.0)
    assert npv_without_penalties(replan) == pytest.approx(npv_without_penalties(original),
                                                          rel=1e-9)
    expected = sum(d * (10 * 0.11 + 87.6 * 0.01) for d in (D25, D26, D27))
    assert npv_without_penalties(original) == pytest.approx(expected, rel=1e-9)


def test_actuals_equal_to_the_plan_change_nothing_in_dunkerque():
    """Every decision of the bundled plan's first two blocks recorded as actuals (a complete
    record: what it leaves empty was nothing), the re-plan has the same net present cost to
    1e-9 and the same plan."""
    case = load_case("inputs/dunkerque.xlsx")
    plan = solve_case(case)
    rows = []
    for (t, y), value in plan.solution["new"].items():
        if y <= 2030 and value > 0:
            rows.append({"year": y, "technology": t, "commissioned": value, "_row": len(rows) + 2})
    retired: dict[tuple[str, int], float] = {}
    for (t, _j, y), value in plan.solution["retire"].items():
        if y <= 2030:
            retired[(t, y)] = retired.get((t, y), 0.0) + value
    for (t, y), value in retired.items():
        rows.append({"year": y, "technology": t, "retired": value, "_row": len(rows) + 2})
    import pandas as pd

    case.tables.tables["actuals"] = pd.DataFrame(rows)
    case.settings.update(actuals_until=2034, actuals_unrecorded="none")
    original, replan = solve_replan(case)
    assert replan.status == "optimal" and not replan.misses
    assert replan.objective == pytest.approx(original.objective, rel=1e-9)
    for key, value in original.solution["cap"].items():
        assert replan.solution["cap"][key] == pytest.approx(value, abs=1e-6)
    facts = replan.case.fixed.facts
    assert sum(f.recorded for f in facts) == len(rows)
    assert {f.year for f in facts} == {2025, 2030}


# --------------------------------------------------------------------------------------
# a delay, by hand
# --------------------------------------------------------------------------------------


def test_a_one_year_delay_of_the_cheap_option_costs_what_gas_costs_more_that_year():
    # The heat pump may not be built in 2026 (recorded: none); 2025 is as planned. In 2026
    # the gas boiler makes the 87.6 GWh: 2.628 MEUR instead of the annuity 1.1 and 0.876 of
    # electricity, both at the end of 2026: +0.652 / 1.1^2 = 0.538843 MEUR.
    rows = [{"year": 2026, "technology": "heat_pump", "commissioned": 0.0}]
    original, replan = solve_replan(heat_case(rows, 2026))
    assert replan.solution["new"]["heat_pump", 2026] == pytest.approx(0.0)
    assert replan.solution["new"]["heat_pump", 2027] == pytest.approx(10.0)
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx((2.628 - 1.1 - 0.876) * D26, rel=1e-9)
    # the fact's dual: one MW more of heat pump in 2026 would save 8.76 GWh of gas less its
    # annuity and electricity, at the end of 2026: -(0.2628 - 0.11 - 0.0876) / 1.21 per MW
    fact = facts_table(replan)
    row = fact[(fact["technology"] == "heat_pump") & (fact["year"] == 2026)].iloc[0]
    assert row["value of the fact, present value [MEUR/unit]"] == pytest.approx(
        -(0.2628 - 0.11 - 0.0876) * D26, rel=1e-9)
    assert row["from"] == "actuals sheet, row 2"
    # 2025 was as planned: kept at the plan's 10 MW (a fact not recorded in the sheet)
    kept = {(f.key, f.year): f for f in replan.case.fixed.facts}
    assert kept[("heat_pump", 2025)].lower == pytest.approx(10.0)
    assert not kept[("heat_pump", 2025)].recorded


def test_unrecorded_none_means_nothing_was_built():
    # actuals_until 2026 with an empty sheet and 'none': no heat pump in 2025 and 2026.
    original, replan = solve_replan(heat_case([], 2026, unrecorded="none"))
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx((2.628 - 1.1 - 0.876) * (D25 + D26), rel=1e-9)


def test_a_block_recorded_in_part_keeps_a_floor_and_the_build_rate_of_the_open_years():
    # Two 5-year blocks, r = 0. Heat pump: capex 1 MEUR/MW, life 30 (annuity 1/30 a year,
    # counted inside the horizon 2025-2034), at most 2 MW a year. The plan builds 10 MW in
    # the 2025 block. Recorded: nothing in 2025-2026, so the block may add 3 x 2 = 6 MW;
    # 4 MW come in 2030. Gas makes 4 x 8.76 = 35.04 GWh a year for five years (+0.02 each)
    # and 4 MW of annuities are paid for 5 years instead of 10:
    # 5 * 35.04 * 0.02 - 4 * 5 / 30 = 3.504 - 0.6667.
    rows = [{"year": 2025, "technology": "heat_pump", "commissioned": 0.0},
            {"year": 2026, "technology": "heat_pump", "commissioned": 0.0}]
    case = heat_case(rows, 2026, end_year=2030, step=5, rate=2.0, capex=1.0, lifetime=30,
                     rate_r=0.0)
    original, replan = solve_replan(case)
    assert original.solution["new"]["heat_pump", 2025] == pytest.approx(10.0)
    assert replan.solution["new"]["heat_pump", 2025] == pytest.approx(6.0)
    assert replan.solution["new"]["heat_pump", 2030] == pytest.approx(4.0)
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx(3.504 - 4 * 5 / 30, rel=1e-9)
    fact = next(f for f in replan.case.fixed.facts if f.key == "heat_pump")
    assert (fact.lower, fact.upper, fact.first, fact.last) == (0.0, 6.0, 2025, 2026)
    # its dual is the upper bound's: one MW more room saves 8.76 x 5 x 0.02 of gas and
    # costs 5 more years of annuity (1/30 each)
    dual = replan.solution.duals("actual_new_room")["heat_pump", 2025]
    assert dual == pytest.approx(-(0.876 - 5 / 30), rel=1e-9)


def test_measured_activity_is_kept_and_its_dual_is_the_cost_of_one_more_unit():
    # 50 GWh of the 2026 heat came from gas (measured); the heat pump was built as planned
    # (10 MW) and made the rest. Each GWh from gas instead of the heat pump costs
    # 0.03 - 0.01 = 0.02 MEUR in money of 2026: the delay is 50 x 0.02 / 1.1^2, and the
    # fact's dual per year (dual / W_2026) is 0.02 MEUR/GWh.
    rows = [{"year": 2026, "technology": "gas_boiler", "activity": 50.0}]
    original, replan = solve_replan(heat_case(rows, 2026))
    assert replan.solution["new"]["heat_pump", 2026] == pytest.approx(10.0)
    assert replan.solution["act"]["heat_pump", 2026, "all"] == pytest.approx(37.6)
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx(50 * 0.02 * D26, rel=1e-9)
    table = facts_table(replan)
    gas = table[(table["fact"] == "activity") & (table["technology"] == "gas_boiler")].iloc[0]
    assert gas["calendar years"] == "2026" and gas["unit"] == "GWh/yr"
    assert gas["value of the fact, per year [MEUR/unit]"] == pytest.approx(0.02, rel=1e-9)
    assert gas["value of the fact, present value [MEUR/unit]"] == pytest.approx(0.02 * D26,
                                                                               rel=1e-9)


def test_measured_emissions_fix_the_dispatch_and_price_one_more_tonne():
    # 0.01 Mt measured in 2026 with a boiler emitting 0.0002 Mt/GWh: 50 GWh of gas. One more
    # Mt is 5000 GWh more gas instead of the heat pump: 5000 x 0.02 = 100 MEUR/Mt in money
    # of 2026 (dual / W_2026).
    rows = [{"year": 2026, "emissions": 0.01}]
    original, replan = solve_replan(heat_case(rows, 2026, co2=0.0002))
    assert replan.solution["act"]["gas_boiler", 2026, "all"] == pytest.approx(50.0)
    table = facts_table(replan)
    row = table[table["fact"] == "emissions"].iloc[0]
    assert row["technology"] == "scope1" and row["unit"] == "Mt CO2e/yr"
    assert row["in the re-plan [unit]"] == pytest.approx(0.01)
    assert row["value of the fact, per year [MEUR/unit]"] == pytest.approx(100.0, rel=1e-9)
    delay = npv_without_penalties(replan) - npv_without_penalties(original)
    assert delay == pytest.approx(50 * 0.02 * D26, rel=1e-9)


def test_recorded_early_retirement_is_kept():
    # 5 MW of the gas boiler retired in 2025: its capacity is 15 MW from then on.
    rows = [{"year": 2025, "technology": "gas_boiler", "retired": 5.0}]
    _original, replan = solve_replan(heat_case(rows, 2025))
    assert replan.solution["cap"]["gas_boiler", 2027] == pytest.approx(15.0)


def test_reduction_targets_keep_the_original_base_emissions():
    # Base emissions from a reference run (none given): 87.6 GWh of gas = 0.01752 Mt in
    # 2025. The actuals force 60 GWh of gas in 2025; a reference run with them would move the
    # base. The re-plan's 2026 cap stays 50 % of the original base.
    rows = [{"year": 2025, "technology": "gas_boiler", "activity": 60.0},
            {"year": 2025, "technology": "heat_pump", "activity": 27.6}]
    targets = [{"year": 2026, "kind": "reduction", "value": 0.5}]
    case = heat_case(rows, 2025, co2=0.0002, capex=0.3, targets=targets)
    original, replan = solve_replan(case)
    assert original.base_emissions["scope1"] == pytest.approx(0.01752)
    assert replan.base_emissions == original.base_emissions
    cap = [t for t in replan.case.targets if t.year == 2026][0]
    assert cap.cap_const == pytest.approx(0.5 * 0.01752) and cap.cap_per_base == 0


def test_from_actuals_without_actuals_is_refused():
    with pytest.raises(CaseError, match="no actuals"):
        solve_replan(heat_case())


def test_without_the_flag_the_actuals_change_nothing():
    rows = [{"year": 2026, "technology": "heat_pump", "commissioned": 0.0}]
    plain = solve_case(heat_case(rows, 2026))
    assert plain.solution["new"]["heat_pump", 2026] == pytest.approx(10.0)
    assert from_actuals(heat_case(rows, 2026), plain.solution).until == 2026


# --------------------------------------------------------------------------------------
# bad actuals rows: sheet, row and column
# --------------------------------------------------------------------------------------


def problems_of(rows, until=2026, **kw):
    with pytest.raises(CaseError) as info:
        heat_case(rows, until, **kw)
    return info.value.problems


def only(problems, sheet="actuals"):
    found = [p for p in problems if p.sheet == sheet]
    assert len(found) == 1, [str(p) for p in problems]
    return found[0]


@pytest.mark.parametrize("row, column, words", [
    ({"year": 2026, "technology": "heat_pmp", "commissioned": 1.0}, "technology",
     "did you mean 'heat_pump'"),
    ({"year": 2027, "technology": "heat_pump", "commissioned": 1.0}, "year",
     "past the end of the actuals (actuals_until = 2026"),
    ({"year": 2024, "technology": "heat_pump", "commissioned": 1.0}, "year",
     "before the horizon"),
    ({"year": 2026, "technology": "heat_pump", "commissioned": -1.0}, "commissioned", ""),
    ({"year": 2026, "technology": "heat_pump", "retired": 1.0}, "retired",
     "may not retire early"),
    ({"year": 2026, "technology": "gas_boiler", "retired": 25.0}, "retired",
     "more than the residual capacity"),
    ({"year": 2026, "commissioned": 1.0}, "commissioned", "needs a technology"),
    ({"year": 2026, "technology": "heat_pump", "emissions": 1.0}, "emissions",
     "whole cluster"),
])
def test_a_bad_row_names_sheet_row_and_column(row, column, words):
    rows = [{"year": 2025, "technology": "heat_pump", "commissioned": 10.0}, row]
    p = only(problems_of(rows))
    assert (p.sheet, p.row, p.column) == ("actuals", 3, column)
    assert words in str(p)


def test_a_technology_not_yet_available():
    rows = [{"year": 2026, "technology": "heat_pump", "commissioned": 1.0}]
    with pytest.raises(CaseError) as info:
        b.case({"end_year": 2027, "actuals_until": 2026},
               commodities=b.HEAT_COMMODITIES,
               technologies=[b.tech("gas_boiler"), b.tech("heat_pump", first_year=2027)],
               flows=b.gas_boiler_flows() + hp_flows(),
               prices=[b.yearly({"commodity": c, "parameter": "price"}, {2025: 0.03})
                       for c in ("gas", "electricity")],
               demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
               capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                                  {2025: 20})],
               actuals=rows)
    p = only(info.value.problems)
    assert (p.row, p.column) == (2, "commissioned")
    assert "not available before 2027" in p.message


def test_a_block_that_starts_before_first_year():
    # 5-year blocks: 2026 is in the block 2025-2029, which starts before first_year 2026
    rows = [{"year": 2026, "technology": "heat_pump", "commissioned": 1.0}]
    settings = {"end_year": 2030, "year_step": 5, "actuals_until": 2029}
    with pytest.raises(CaseError) as info:
        b.case(settings, commodities=b.HEAT_COMMODITIES,
               technologies=[b.tech("gas_boiler"), b.tech("heat_pump", first_year=2026)],
               flows=b.gas_boiler_flows() + hp_flows(),
               prices=[b.yearly({"commodity": c, "parameter": "price"}, {2025: 0.03})
                       for c in ("gas", "electricity")],
               demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})], actuals=rows)
    p = only(info.value.problems)
    assert (p.row, p.column) == (2, "commissioned") and "block 2025-2029" in p.message


def test_capacity_above_the_build_rate_and_the_max():
    rows = [{"year": 2025, "technology": "heat_pump", "commissioned": 3.0},
            {"year": 2026, "technology": "heat_pump", "commissioned": 3.0}]
    p = only(problems_of(rows[:1], rate=2.0))
    assert (p.row, p.column) == (2, "commissioned") and "max_build_per_year 2" in p.message
    # in 5-year blocks the rate applies to the block: 6 in 2025-2029 is within 2 x 5,
    # 11 is not (named at the block's last row)
    five = rows + [{"year": 2027, "technology": "heat_pump", "commissioned": 5.0}]
    p = only(problems_of(five, until=2029, end_year=2030, step=5, rate=2.0))
    assert (p.row, p.column, p.value) == (4, "commissioned", 11.0)
    assert "the block 2025-2029" in p.message
    with pytest.raises(CaseError) as info:
        b.case({"end_year": 2027, "actuals_until": 2026}, commodities=b.HEAT_COMMODITIES,
               technologies=[b.tech("gas_boiler"), b.tech("heat_pump")],
               flows=b.gas_boiler_flows() + hp_flows(),
               prices=[b.yearly({"commodity": c, "parameter": "price"}, {2025: 0.03})
                       for c in ("gas", "electricity")],
               demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
               capacity=[b.yearly({"technology": "heat_pump", "parameter": "max"},
                                  {2025: 5})],
               actuals=rows)
    p = only(info.value.problems)
    assert (p.row, p.column) == (3, "commissioned") and "above its max capacity 5" in p.message


def test_past_the_horizon_and_actuals_until_outside_it():
    rows = [{"year": 2028, "technology": "heat_pump", "commissioned": 1.0}]
    problems = problems_of(rows, until=2030)
    p = only(problems)
    assert (p.row, p.column) == (2, "year") and "past the horizon (it ends in 2027)" in str(p)
    s = only(problems, "settings")
    assert s.column == "value" and "outside the horizon" in s.message


def test_actuals_need_actuals_until():
    rows = [{"year": 2025, "technology": "heat_pump", "commissioned": 1.0}]
    s = only(problems_of(rows, until=None), "settings")
    assert "actuals_until" in s.message


def test_measurements_cover_a_whole_block_or_warn_when_it_is_open():
    rows = [{"year": 2026, "technology": "gas_boiler", "activity": 50.0}]
    p = only(problems_of(rows, until=2029, end_year=2030, step=5))
    assert (p.row, p.column) == (2, "activity") and "not 2025, 2027, 2028, 2029" in p.message
    case = heat_case(rows, 2026, end_year=2030, step=5)
    warned = [w for w in case.warnings if w.sheet == "actuals"]
    assert len(warned) == 1 and "not fixed" in warned[0].message
    assert [w for w in case.warnings if w.sheet == "settings" and "floor" in w.message]
    _original, replan = solve_replan(case)
    assert not [f for f in replan.case.fixed.facts if f.kind == "activity"]


def test_activity_of_a_storage_technology():
    rows = [{"year": 2025, "technology": "battery", "activity": 1.0}]
    with pytest.raises(CaseError) as info:
        b.case({"end_year": 2026, "actuals_until": 2025}, commodities=b.HEAT_COMMODITIES,
               technologies=[b.tech("gas_boiler"), b.tech("battery", category="storage")],
               flows=b.gas_boiler_flows(),
               storage=[{"technology": "battery", "commodity": "heat",
                         "energy_per_power": 4}],
               prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03})],
               demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})], actuals=rows)
    p = only(info.value.problems)
    assert (p.row, p.column) == (2, "activity") and "storage technology" in p.message


def test_facts_that_cannot_hold_together_are_explained_by_their_rows():
    # No heat pump in 2026 but 50 GWh of heat-pump activity measured (row 3).
    rows = [{"year": 2025, "technology": "gas_boiler", "activity": 87.6},
            {"year": 2026, "technology": "heat_pump", "commissioned": 0.0, "activity": 50.0}]
    _original, replan = solve_replan(heat_case(rows, 2026))
    assert replan.status == "infeasible"
    text = "\n".join(replan.messages)
    assert "new capacity of heat_pump in 2026 is 0 (actuals sheet, row 3)" in text
    assert "activity of heat_pump in 2026 is 50 (actuals sheet, row 3)" in text
