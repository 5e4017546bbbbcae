"""Hand-computed optima guarding the declarations of model/maths/capacity.py, storage.py and
actuals.py against single plausible bugs that the existing tests let through (mutation
testing). The array LP and the Pyomo LP come from the same declaration, so only a value
computed by hand catches a wrong one.

Guarded: a residual tranche retired early leaves the stock only while it would still have
been in service (not also in its own leaving year); storage charging losses (efficiency_in),
the cyclic order of three slices under self-discharge, and the discharge losses kept apart
from the charging ones.

Units: MW, GWh, MEUR. Discount factors are written out; year steps of 5 where it matters.
"""

from __future__ import annotations

import pytest

from model.maths.costs import crf
from tests import builders as b
from tests.test_capacity import min_load_case

# --------------------------------------------------------------------------------------
# early retirement of a residual tranche that leaves inside the horizon
# --------------------------------------------------------------------------------------


def _tranche_case():
    # Modelled years 2025 and 2030 (5-year blocks, horizon to 2034), r = 5 %.
    # Heat: 87.6 GWh/yr = 10 MW all year. Residual gas boiler: 10 MW in 2025, 0 from 2030,
    # so its only tranche (j = 1, size 10) leaves in 2030; it may be retired in 2025.
    # Gas boiler: fixed O&M 1 MEUR/MW/yr, gas 0.01 MEUR/GWh, new ones far too dear (capex
    # 100 MEUR/MW: a new gas boiler cannot stand in for a residual one). E-boiler: capex
    # 0.5 MEUR/MW, lifetime 5 (one block), wacc 5 %, electricity 0.01 MEUR/GWh.
    return b.case(
        {"end_year": 2034, "year_step": 5, "discount_rate": 0.05},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30, early_retirement=True),
                      b.tech("e_boiler", lifetime=5, wacc=0.05)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "fixed_om"}, {2025: 1.0}),
               b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 100.0}),
               b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                           {2025: 10, 2030: 0})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )


def test_tranche_leaving_in_a_later_step_can_be_retired_early():
    # W_2025 = sum_{n=1..5} 1.05^-n = 4.329477, W_2030 = sum_{n=6..10} 1.05^-n = 3.392258.
    # E-boiler annuity per MW: 0.5 * CRF(5 %, 5) = 0.5 * 0.230975 = 0.115487 MEUR/yr, paid in
    # the 5 years of its block, so 10 MW cost 1.154874 MEUR a year of their block.
    # Keeping the gas boiler in 2025: 10 MW * 1 + 87.6 * 0.01 = 10.876 MEUR/yr; retiring
    # tranche 1 in 2025 and building 10 MW of e-boilers: 1.154874 + 0.876 = 2.030874 MEUR/yr.
    # 2030: the tranche has left anyway; 10 MW of e-boilers again: 2.030874 MEUR/yr.
    # NPV = 2.030874 * (4.329477 + 3.392258) = 2.030874 * 7.721735 = 15.681871 MEUR.
    # (Retirement subtracted also in the leaving year 2030 makes cap[2030] = 0 - 10 + new,
    # so retiring would need 10 MW of dear new gas boilers: the tranche would be kept,
    # 10.876 * W_2025 + 2.030874 * W_2030 = 53.98.)
    w25 = sum(1.05 ** -n for n in range(1, 6))
    w30 = sum(1.05 ** -n for n in range(6, 11))
    assert w25 == pytest.approx(4.329477, abs=1e-6)
    assert w30 == pytest.approx(3.392258, abs=1e-6)
    per_year = 10 * 0.5 * crf(0.05, 5) + 0.876
    assert per_year == pytest.approx(2.030874, abs=1e-6)
    out = b.solve(_tranche_case())
    assert out.status == "optimal"
    m = out.solution
    assert b.value(m["retire"]["gas_boiler", 1, 2025]) == pytest.approx(10)
    assert b.value(m["cap"]["gas_boiler", 2025]) == pytest.approx(0, abs=1e-9)
    assert b.value(m["cap"]["gas_boiler", 2030]) == pytest.approx(0, abs=1e-9)
    assert b.value(m["new"]["e_boiler", 2025]) == pytest.approx(10)
    assert b.value(m["new"]["e_boiler", 2030]) == pytest.approx(10)
    assert out.objective == pytest.approx(per_year * (w25 + w30), rel=1e-7)
    assert out.objective == pytest.approx(15.681871, rel=1e-6)


# --------------------------------------------------------------------------------------
# storage: three slices of a day, lossy charging and discharging, self-discharge
# --------------------------------------------------------------------------------------

# One representative day of three slices of unequal length, in the order morning (8 h) ->
# midday (6 h) -> evening (10 h) -> morning, occurring 365 times a year.
DAY3 = [{"slice": "morning", "period": "d", "order": 1, "hours": 2920, "occurrences": 365},
        {"slice": "midday", "period": "d", "order": 2, "hours": 2190, "occurrences": 365},
        {"slice": "evening", "period": "d", "order": 3, "hours": 3650, "occurrences": 365}]


def _three_slice_case():
    # Demand for power only in the evening: 1 MW for its 10 h, 10 MWh a day, 3.65 GWh a year.
    # Electricity 0.1 MEUR/GWh on average, shaped 1.5 / 0 / 1.2 (hours-weighted mean
    # (8 * 1.5 + 6 * 0 + 10 * 1.2) / 24 = 1): 0.15 MEUR/GWh in the morning, free at midday,
    # 0.12 in the evening. Battery: 12 h of energy per MW, efficiency_in 0.9, efficiency_out
    # 0.8, self-discharge 1 %/h; capex 0.1 MEUR/MW, life 1 yr, wacc = r = 5 %: its one
    # annuity 0.1 * 1.05 is paid at the end of 2025 and discounted by 1/1.05, so it costs
    # 0.1 MEUR/MW in present value.
    return b.battery_case(
        capex=0.1, demand=3.65, timeslices=DAY3, discount_rate=0.05, efficiency_in=0.9,
        efficiency_out=0.8, self_discharge=0.01,
        profiles=[{"slice": "morning", "price:electricity": 1.5, "demand:power": 0.0},
                  {"slice": "midday", "price:electricity": 0.0, "demand:power": 0.0},
                  {"slice": "evening", "price:electricity": 1.2, "demand:power": 1.0}])


def test_three_slice_battery_sized_by_both_efficiencies_and_self_discharge():
    # Per occurrence (MWh): charge c at midday, discharge 10 in the evening, empty by the
    # morning. soc[evening] = 0.9 c (charged at midday, no retention on the slice's own
    # charge); soc[morning] = 0.99^10 soc[evening] - 10 / 0.8 = 0 (the evening's 10 h of
    # self-discharge, then the discharge drawn through efficiency_out 0.8); soc[midday]
    # = 0.99^8 * 0 = 0. So 0.9 * 0.8 * 0.99^10 * c = 10:
    #   0.99^10 = 0.904382, c = 10 / (0.72 * 0.904382) = 15.357324 MWh a day.
    # Charging limit c <= 6 h * cap: cap = 2.559554 MW (discharge needs only 1 MW, the
    # energy 0.9 c = 13.82 MWh <= 12 h * cap = 30.7 MWh). Every evening GWh from the
    # battery saves 0.12 MEUR and costs 0.1 * 2.559554 / 3.65 = 0.0701 MEUR, so the
    # battery covers the whole evening: NPV = 0.1 * 2.559554 = 0.255955 MEUR.
    ret = 0.99 ** 10
    assert ret == pytest.approx(0.904382, abs=1e-6)
    c = 10 / (0.9 * 0.8 * ret)
    assert c == pytest.approx(15.357324, abs=1e-6)
    cap = c / 6
    assert cap == pytest.approx(2.559554, abs=1e-6)
    out = b.solve(_three_slice_case())
    assert out.status == "optimal"
    m = out.solution
    assert b.value(m["cap"]["battery", 2025]) == pytest.approx(cap, rel=1e-7)
    # Year totals (GWh): charge c * 365 / 1000 = 5.605423 at midday, 3.65 out in the evening.
    assert b.value(m["charge"]["battery", 2025, "midday"]) == pytest.approx(
        c * 365 / 1000, rel=1e-7)
    assert b.value(m["discharge"]["battery", 2025, "evening"]) == pytest.approx(3.65, rel=1e-7)
    # State of charge at the start of the evening: 0.9 c = 13.821592 MWh = 0.013822 GWh.
    assert b.value(m["soc"]["battery", 2025, "evening"]) == pytest.approx(
        0.9 * c / 1000, rel=1e-7)
    assert out.objective == pytest.approx(0.1 * cap, rel=1e-7)


# --------------------------------------------------------------------------------------
# minimum load is a share of the nominal capacity, whatever its availability
# --------------------------------------------------------------------------------------


def test_min_load_counts_nominal_capacity_not_available_capacity():
    # Gas boiler: 10 MW residual, availability 0.8, min_load 0.5, gas 0.05 MEUR/GWh. E-boiler:
    # 10 MW residual, electricity 0.01 MEUR/GWh. Heat 87.6 GWh (10 MW all year), r = 5 %.
    # act_min = min_load * cap_to_act * cap = 0.5 * 8.76 * 10 = 43.8 GWh of gas heat (within
    # the 0.8 * 87.6 = 70.08 available), the e-boiler the other 43.8.
    # NPV = (43.8 * 0.05 + 43.8 * 0.01) / 1.05 = 2.628 / 1.05 = 2.502857 MEUR.
    # (Scaled by availability the floor would be 35.04 GWh and the NPV 2.2776 / 1.05.)
    out = b.solve(min_load_case(discount_rate=0.05, availability=0.8))
    assert out.status == "optimal"
    assert b.value(out.solution["act"]["gas_boiler", 2025, "all"]) == pytest.approx(43.8)
    assert out.objective == pytest.approx(2.628 / 1.05, rel=1e-9)
    assert out.objective == pytest.approx(2.502857, rel=1e-6)


# --------------------------------------------------------------------------------------
# a tranche retired early cannot be larger than the residual drop it stands for
# --------------------------------------------------------------------------------------


def test_early_retirement_of_the_last_residual_is_for_good():
    # Modelled years 2025, 2030, 2035, 2040 (5-year blocks, to 2044), r = 5 %. Heat 17.52 GWh/yr
    # (2 MW all year). Residual gas boiler 10, 6, 2, 2 MW: tranches 1 (leaves 2030) and
    # 2 (leaves 2035) of 4 MW each, tranche 3 (leaves 2040) of 0 MW, 2 MW still there at the
    # end. Its fixed O&M is 1 MEUR/MW/yr in 2035 only (0 in the other modelled years).
    # E-boiler: capex 0.5 MEUR/MW, lifetime 5 (one block), wacc 5 %: 2 MW cost
    # 2 * 0.5 * CRF(5 %, 5) = 0.230975 MEUR a year of their block. Fuel 0.01 MEUR/GWh either
    # way: 0.1752 MEUR/yr over 20 years whatever the plan.
    # 2035: keeping the 2 MW costs 2 MEUR/yr; retiring them (end tranche: the only 2 MW
    # left) and building e-boilers costs 0.230975, and as the retirement is for good the
    # e-boilers are built again in 2040. Discount weights of the blocks:
    #   W_2035 = sum_{n=11..15} 1.05^-n = 2.657923, W_2040 = sum_{n=16..20} = 2.082552,
    #   sum_{n=1..20} 1.05^-n = 12.462210.
    # NPV = 0.1752 * 12.462210 + 0.230975 * (2.657923 + 2.082552) = 2.183379 + 1.094930
    #     = 3.278310 MEUR.
    # (A tranche 3 sized 10 - 2 = 8 instead of 2 - 2 = 0 would let the 2 MW be retired in
    # 2035 and come back in 2040, saving the 2040 e-boilers.)
    w = [1.05 ** -n for n in range(1, 21)]
    w35, w40 = sum(w[10:15]), sum(w[15:20])
    assert (w35, w40, sum(w)) == pytest.approx((2.657923, 2.082552, 12.462210), abs=1e-6)
    annual = 2 * 0.5 * crf(0.05, 5)
    assert annual == pytest.approx(0.230975, abs=1e-6)
    c = b.case(
        {"end_year": 2044, "year_step": 5, "discount_rate": 0.05},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30, early_retirement=True),
                      b.tech("e_boiler", lifetime=5, wacc=0.05)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "gas_boiler", "parameter": "fixed_om"},
                        {2030: 0.0, 2035: 1.0, 2040: 0.0}),
               b.yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 100.0}),
               b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                           {2025: 10, 2030: 6, 2035: 2})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 17.52})],
    )
    out = b.solve(c)
    assert out.status == "optimal"
    m = out.solution
    assert [b.value(m["cap"]["gas_boiler", y]) for y in (2035, 2040)] == pytest.approx(
        [0, 0], abs=1e-9)
    assert [b.value(m["new"]["e_boiler", y]) for y in (2035, 2040)] == pytest.approx([2, 2])
    assert out.objective == pytest.approx(0.1752 * sum(w) + annual * (w35 + w40), rel=1e-7)
    assert out.objective == pytest.approx(3.278310, rel=1e-6)
