"""Who pays and jobs, discounted over 5-year blocks (hand-computed regression tests).

Guards the reporting code of ``model/results/members.py`` and ``socioeconomic.py`` where a
one-year, r = 0 case (tests/test_members.py) cannot tell a present value from an annual
amount: the carbon cost put on a member must be discounted like the objective, a tariff is a
present value over a *discounted* quantity, a member's abatement is its first-year minus its
last-year emissions, sales revenue goes to the producers of what is sold, and the average
construction jobs are the block's job-years over the block's length.

The members case is the one of tests/test_members.py (member A makes 1 unit of pa, B 3 of pb;
each unit emits 1 Mt of flue CO2, vented or captured at 5 MEUR/Mt of flue with 0.9 captured
and 0.1 emitted; captured CO2 goes to a shared pipeline at 10 MEUR/Mt; B takes 0.5 unit of
hydrogen per pb from a shared electrolyser at 2 MEUR/unit plus 1.5 GWh at 0.03 MEUR/GWh;
a_proc, b_proc cost 1 MEUR/unit) with r = 0.1 and year_step 5: 2025 stands for 2025-2029,
2030 for 2030-2034. End-of-year discounting from 2025:

* W25 = sum_{i=1..5} 1.1^-i = 3.790786769408448;
* W30 = sum_{i=6..10} 1.1^-i = 1.1^-5 * W25 = 2.353780336296232.

With both members capturing everything, a year costs A 1 + 5 + 9 (pipeline) = 15 and B
3 + 15 + 27 (pipeline) + 3.0675 (electrolyser: 1.5 * 2 + 2.25 * 0.03) = 48.0675 MEUR.
"""

import pytest

from model.results import collect
from tests import builders as b
from tests.test_members import members_case

W25 = sum(1.1 ** -i for i in range(1, 6))  # 1/1.1 + ... + 1/1.1^5 = 3.790786769408448
W30 = sum(1.1 ** -i for i in range(6, 11))  # 1/1.1^6 + ... + 1/1.1^10 = 2.353780336296232
TOTAL = "total [MEUR]"
OWN = "own costs [MEUR]"
SHARE = "share of shared infrastructure [MEUR]"


def test_discount_weights_are_the_ones_written_out():
    assert abs(W25 - 3.790786769408448) < 1e-12
    assert abs(W30 - 2.353780336296232) < 1e-12


def _members_case(prices=(), targets=(), end_year=2030, a_proc=None):
    """The case of tests/test_members.py with r = 0.1 and 5-year blocks to ``end_year``."""
    return members_case({"end_year": end_year, "year_step": 5, "discount_rate": 0.1},
                        prices=prices, targets=targets, a_proc=a_proc)


CAP = [{"year": 2025, "kind": "absolute", "value": 0.4}]  # both capture all: 0.1 + 0.3 Mt
CARBON = [b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 20, 2030: 40})]


def _members(out):
    return collect(out).tables["members"].set_index("member")


def test_carbon_cost_on_a_member_is_discounted_and_members_add_up_to_the_npv():
    out = b.solve(_members_case(prices=CARBON, targets=CAP))
    # Both capture all in both blocks (the 2025 cap also caps 2030). Carbon: A emits 0.1,
    # B 0.3 Mt/yr at 20 (2025) and 40 (2030) MEUR/Mt: A 2 and 4, B 6 and 12 MEUR/yr.
    # NPV = (15 + 2 + 48.0675 + 6) W25 + (15 + 4 + 48.0675 + 12) W30
    #     = 71.0675 * 3.790786769 + 79.0675 * 2.353780336 = 269.3998 + 186.1070 = 455.5068
    npv = 71.0675 * W25 + 79.0675 * W30
    assert out.objective == pytest.approx(npv, rel=1e-9)
    members = _members(out)
    # A's own: process 1 + capture 5 + carbon: (6 + 2) W25 + (6 + 4) W30
    #        = 8 * 3.790786769 + 10 * 2.353780336 = 30.32629 + 23.53780 = 53.86410
    assert members.loc["A", OWN] == pytest.approx(8 * W25 + 10 * W30, rel=1e-9)
    # A's pipeline share: 0.9 Mt at 10 = 9 MEUR/yr: 9 (W25 + W30) = 9 * 6.144567 = 55.30111
    assert members.loc["A", SHARE] == pytest.approx(9 * (W25 + W30), rel=1e-9)
    # B's own: 3 + 15 + carbon 6 | 12: 24 W25 + 30 W30 = 90.97888 + 70.61341 = 161.59229
    assert members.loc["B", OWN] == pytest.approx(24 * W25 + 30 * W30, rel=1e-9)
    assert members.loc["not allocated", TOTAL] == pytest.approx(0.0, abs=1e-9)
    assert members.loc["total", TOTAL] == pytest.approx(out.objective, abs=1e-9)

    # A's carbon share alone: the same case without a carbon price (same flows) differs from
    # it in A's own costs by 0.1 * 20 * W25 + 0.1 * 40 * W30 = 7.581574 + 9.415121 = 16.99669.
    plain = _members(b.solve(_members_case(targets=CAP)))
    assert members.loc["A", OWN] - plain.loc["A", OWN] == pytest.approx(
        0.1 * 20 * W25 + 0.1 * 40 * W30, rel=1e-9)
    assert members.loc["A", SHARE] == pytest.approx(plain.loc["A", SHARE], rel=1e-12)


def test_a_tariff_is_present_cost_over_discounted_quantity():
    out = b.solve(_members_case(prices=CARBON, targets=CAP))
    tariffs = collect(out).tables["tariffs"].set_index("shared asset")
    pipe = tariffs.loc["pipeline"]
    # The pipeline takes 3.6 Mt/yr in both blocks: discounted quantity 3.6 (W25 + W30)
    # = 3.6 * 6.144567106 = 22.12044; its cost 36 (W25 + W30) = 221.2044 MEUR;
    # tariff 221.2044 / 22.12044 = 10 MEUR/Mt (undiscounted quantity 7.2 would give 30.72).
    assert pipe["discounted quantity [unit]"] == pytest.approx(3.6 * (W25 + W30), rel=1e-9)
    assert pipe["cost, present value [MEUR]"] == pytest.approx(36 * (W25 + W30), rel=1e-9)
    assert pipe["tariff [MEUR/unit]"] == pytest.approx(10.0, rel=1e-9)
    # One more Mt of captured CO2 costs the pipeline's 10 MEUR/Mt (its capacity, 10, does not
    # bind): the balance dual is -10 W_y; what taking it away costs is +10 MEUR/Mt.
    assert pipe["marginal price [MEUR/unit]"] == pytest.approx(10.0, rel=1e-6)
    # Electrolyser: 1.5 units/yr at 3.0675 MEUR/yr: 3.0675 / 1.5 = 2.045 MEUR/unit.
    h2 = tariffs.loc["electrolyser"]
    assert h2["discounted quantity [unit]"] == pytest.approx(1.5 * (W25 + W30), rel=1e-9)
    assert h2["tariff [MEUR/unit]"] == pytest.approx(2.045, rel=1e-9)


def test_a_members_abatement_is_its_first_year_minus_last_year_emissions():
    # A cap only in 2030 (0.4 Mt): in 2025 venting is free, so both vent (A 1 Mt, B 3 Mt);
    # in 2030 both must capture all (A 0.1, B 0.3 Mt: 0.4 = the cap).
    out = b.solve(_members_case(targets=[{"year": 2030, "kind": "absolute", "value": 0.4}]))
    # NPV: 2025 A 1, B 3 + 3.0675 = 7.0675/yr; 2030 15 + 48.0675 = 63.0675/yr:
    # 7.0675 * 3.790786769 + 63.0675 * 2.353780336 = 26.79139 + 148.44704 = 175.23843
    assert out.objective == pytest.approx(7.0675 * W25 + 63.0675 * W30, rel=1e-9)
    members = _members(out)
    a = members.loc["A"]
    assert a["direct emissions 2025 [Mt CO2e/yr]"] == pytest.approx(1.0, rel=1e-9)
    assert a["direct emissions 2030 [Mt CO2e/yr]"] == pytest.approx(0.1, rel=1e-9)
    assert a["abatement [Mt CO2e/yr]"] == pytest.approx(0.9, rel=1e-9)  # 1.0 - 0.1
    assert members.loc["B", "abatement [Mt CO2e/yr]"] == pytest.approx(2.7, rel=1e-9)  # 3 - 0.3
    assert members.loc["total", "abatement [Mt CO2e/yr]"] == pytest.approx(3.6, rel=1e-9)
    # A's pipeline share only in 2030: 9 W30 = 21.18402
    assert a[SHARE] == pytest.approx(9 * W30, rel=1e-9)
    assert members.loc["total", TOTAL] == pytest.approx(out.objective, abs=1e-9)


def test_sales_revenue_lowers_the_costs_of_the_member_that_makes_what_is_sold():
    # One block (2025-2029), no cap, no carbon price: both vent. pa sells at 3 MEUR/unit
    # against 1 MEUR/unit to make it, so A runs a_proc at its capacity (10, none may be
    # built), 10 units/yr: 1 for demand, 9 exported for 27 MEUR/yr.
    out = b.solve(_members_case(
        prices=[b.yearly({"commodity": "pa", "parameter": "export_price"}, {2025: 3})],
        end_year=2025, a_proc={"max_build_per_year": 0}))
    assert b.value(out.solution["sell"]["pa", 2025, "all"]) == pytest.approx(9.0)
    # NPV = (10 - 27 + 3 + 3.0675) W25 = -10.9325 * 3.790786769 = -41.44327
    assert out.objective == pytest.approx(-10.9325 * W25, rel=1e-9)
    members = _members(out)
    # A: 10 * 1 - 27 = -17 MEUR/yr: -17 W25 = -64.44338 (the revenue is A's, as A made pa)
    assert members.loc["A", OWN] == pytest.approx(-17 * W25, rel=1e-9)
    assert members.loc["A", TOTAL] == pytest.approx(-17 * W25, rel=1e-9)
    # B: 3 (b_proc) + 3.0675 (electrolyser) = 6.0675/yr: 6.0675 W25 = 23.00060
    assert members.loc["B", TOTAL] == pytest.approx(6.0675 * W25, rel=1e-9)
    assert members.loc["not allocated", TOTAL] == pytest.approx(0.0, abs=1e-9)
    assert members.loc["total", TOTAL] == pytest.approx(out.objective, abs=1e-9)


def test_average_construction_jobs_spread_the_blocks_job_years_over_its_years():
    # An e-boiler (8.76 GWh/MW, capex 0.5 MEUR/MW, 100 construction job-years and 2
    # operating jobs per MW) meets 87.6 GWh of heat in 2025 and 131.4 in 2030: 10 MW built in
    # 2025, 5 more in 2030 (life 30). r = 0.1, 5-year blocks.
    out = b.solve(b.case(
        {"end_year": 2030, "year_step": 5, "discount_rate": 0.1},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("e_boiler", construction_jobs=100.0, operating_jobs=2.0)],
        flows=b.e_boiler_flows(),
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6, 2030: 131.4})]))
    assert b.value(out.solution["new"]["e_boiler", 2025]) == pytest.approx(10.0)  # 87.6/8.76
    assert b.value(out.solution["new"]["e_boiler", 2030]) == pytest.approx(5.0)  # 43.8/8.76
    se = collect(out).tables["socioeconomic"].set_index("year")
    # 2025: 10 MW * 100 = 1000 job-years in 2025-2029: 1000 / 5 = 200 jobs on average.
    assert se.loc[2025, "construction [job-years in the block]"] == pytest.approx(1000.0)
    assert se.loc[2025, "construction, average [jobs]"] == pytest.approx(200.0, rel=1e-12)
    # 2030: 5 MW * 100 = 500 job-years in 2030-2034: 500 / 5 = 100 jobs on average.
    assert se.loc[2030, "construction [job-years in the block]"] == pytest.approx(500.0)
    assert se.loc[2030, "construction, average [jobs]"] == pytest.approx(100.0, rel=1e-12)
    # Operating: 2 jobs/MW on 10 MW, then 15 MW.
    assert se.loc[2025, "operating jobs [jobs]"] == pytest.approx(20.0)
    assert se.loc[2030, "operating jobs [jobs]"] == pytest.approx(30.0)
