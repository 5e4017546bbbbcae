"""Hand-computed values of the cost reporting: the levelised-cost table (discounted output,
every part, the display unit), the cash-flow table's totals, the budget penalty's present value
and the statement's memo lines (construction spend, net present cost without penalties).

Every case discounts at r = 10 % with two-year steps (2025-2028: modelled years 2025 and 2027,
two calendar years each) and prices that change between the blocks, so that a dropped or
misplaced discount factor, a dropped term or a flipped sign changes the asserted values.
"""

import pytest

from model.maths.costs import crf
from model.results import collect
from tests import builders as b

R = 0.10
STEPPED = {"end_year": 2028, "year_step": 2, "discount_rate": R}
# Present value of 1 money unit paid at the end of each calendar year of a block (W_y):
W1 = 1.1**-1 + 1.1**-2  # block 2025 (2025, 2026) = 0.909091 + 0.826446 = 1.735537
W2 = 1.1**-3 + 1.1**-4  # block 2027 (2027, 2028) = 0.751315 + 0.683013 = 1.434328
E_GAS = 8.76 * 0.0002  # Mt CO2 of one year of 1 MW of gas heat: 0.001752


def _price(commodity, values, parameter="price"):
    return b.yearly({"commodity": commodity, "parameter": parameter}, values)


def _levelised(out):
    return collect(out).tables["levelised"].set_index("technology")


# --- levelised cost and cash flows of an e-boiler ------------------------------------------


def _e_boiler_case():
    """10 MW of e-boiler (capex 0.5 MEUR/MW, life 4, wacc 8 %, fixed O&M 0.01 MEUR/MW/yr)
    built in 2025 meets 87.6 GWh/yr of heat 2025-2028 with electricity at 0.06 MEUR/GWh in
    the 2025 block and 0.08 in the 2027 block."""
    return b.case(
        STEPPED,
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("e_boiler", lifetime=4, wacc=0.08)],
        flows=b.e_boiler_flows(),
        costs=[
            b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5}),
            b.yearly({"technology": "e_boiler", "parameter": "fixed_om"}, {2025: 0.01}),
        ],
        prices=[_price("gas", {2025: 0.03}), _price("electricity", {2025: 0.06, 2027: 0.08})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )


# Annuity of the 10 MW: A = 10 * 0.5 * CRF(8 %, 4) = 5 * 0.301921 = 1.509604 MEUR/yr, paid at
# the end of each year 2025..2028 (effective life 2 * ceil(4 / 2) = 4).
ANNUITY = 5 * 0.08 * 1.08**4 / (1.08**4 - 1)


def test_e_boiler_levelised_cost_discounts_its_output_and_shows_eur_per_mwh():
    assert abs(ANNUITY - 5 * crf(0.08, 4)) < 1e-12  # the same CRF as the model
    out = b.solve(_e_boiler_case())
    assert out.status == "optimal"
    assert b.value(out.solution["new"]["e_boiler", 2025]) == pytest.approx(10.0)
    row = _levelised(out).loc["e_boiler"]
    assert row["main product"] == "heat"
    # discounted output = 87.6 * (W1 + W2) = 87.6 * 3.169865 = 277.680213 GWh
    output = 87.6 * (W1 + W2)
    assert row["discounted output [unit]"] == pytest.approx(output, rel=1e-9)
    # capex PV / output = A * (W1 + W2) / (87.6 * (W1 + W2)) = 1.509604 / 87.6 = 0.0172329
    assert row["capex [MEUR/unit]"] == pytest.approx(ANNUITY / 87.6, rel=1e-9)
    # fixed O&M = 10 MW * 0.01 = 0.1 MEUR/yr: 0.1 / 87.6 = 0.00114155
    assert row["fixed O&M [MEUR/unit]"] == pytest.approx(0.1 / 87.6, rel=1e-9)
    # electricity at its marginal price (price * W_y): 87.6 * (0.06 W1 + 0.08 W2) / output
    # = (0.06 * 1.735537 + 0.08 * 1.434328) / 3.169865 = 0.2188785 / 3.169865 = 0.0690498
    inputs = (0.06 * W1 + 0.08 * W2) / (W1 + W2)
    assert row["inputs [MEUR/unit]"] == pytest.approx(inputs, rel=1e-9)
    # LC = (A + 0.1) / 87.6 + inputs = 0.0183745 + 0.0690498 = 0.0874243 MEUR/GWh
    levelised = (ANNUITY + 0.1) / 87.6 + inputs
    assert row["levelised cost [MEUR/unit]"] == pytest.approx(levelised, rel=1e-9)
    own = (ANNUITY + 0.1) / 87.6  # capex + fixed O&M, no carbon: 0.0183745 MEUR/GWh
    assert row["own cost, without inputs and by-products [MEUR/unit]"] == pytest.approx(
        own, rel=1e-9
    )
    # MEUR/GWh -> EUR/MWh: * 1e6 EUR/MEUR / 1e3 MWh/GWh = * 1e3: 87.4243 EUR/MWh
    assert row["display unit"] == "EUR/MWh"
    assert row["levelised cost [display unit]"] == pytest.approx(levelised * 1e3, rel=1e-9)
    assert row["own cost [display unit]"] == pytest.approx(own * 1e3, rel=1e-9)


def test_e_boiler_cash_flows_total_every_category():
    out = b.solve(_e_boiler_case())
    tables = collect(out).tables
    # each calendar year's flows belong to the modelled year of its block
    costs = tables["costs"]
    assert dict(zip(costs["year"], costs["modelled year"], strict=True)) == {
        2025: 2025,
        2026: 2025,
        2027: 2027,
        2028: 2027,
    }
    flows = tables["cash_flows"].set_index("year")
    assert list(flows.index) == [2025, 2026, 2027, 2028]
    fuel = {2025: 87.6 * 0.06, 2026: 87.6 * 0.06, 2027: 87.6 * 0.08, 2028: 87.6 * 0.08}
    for k in (2025, 2026, 2027, 2028):
        r = flows.loc[k]
        assert r["capex [MEUR]"] == pytest.approx(ANNUITY, rel=1e-9)  # 1.509604
        assert r["fixed_om [MEUR]"] == pytest.approx(0.1, rel=1e-9)
        assert r["fuel [MEUR]"] == pytest.approx(fuel[k], rel=1e-9)  # 5.256 or 7.008
        # total = A + 0.1 + fuel: 2025 1.509604 + 0.1 + 5.256 = 6.865604; 2027 8.617604
        assert r["total [MEUR]"] == pytest.approx(ANNUITY + 0.1 + fuel[k], rel=1e-9)
        # present value at the end of year k: total * 1.1^-(k - 2024)
        assert r["total present value [MEUR]"] == pytest.approx(
            (ANNUITY + 0.1 + fuel[k]) * 1.1 ** -(k - 2024), rel=1e-9
        )
    # cumulated: (A + 0.1) (W1 + W2) + 87.6 (0.06 W1 + 0.08 W2) = 5.102228 + 19.173756
    npv = (ANNUITY + 0.1) * (W1 + W2) + 87.6 * (0.06 * W1 + 0.08 * W2)
    assert flows.loc[2028, "cumulative present value [MEUR]"] == pytest.approx(npv, rel=1e-9)
    assert out.objective == pytest.approx(npv, rel=1e-9)


# --- carbon in a technology's own cost: emissions and removals -----------------------------


def test_carbon_part_counts_emissions_and_removals_at_the_carbon_price():
    # Heat (87.6 GWh/yr) from a residual gas boiler emitting 0.0002 Mt CO2 per GWh; steam
    # (43.8 GWh/yr) from a residual electric unit that takes 0.0001 Mt CO2 per GWh in (a
    # removal). Carbon price 100 MEUR/Mt in the 2025 block, 140 in the 2027 block. Residual
    # capacity carries no capex and there is no O&M, so the own cost is the carbon part:
    # carbon PV / output = ratio * (100 W1 + 140 W2) / (W1 + W2) per GWh, where
    # (100 * 1.735537 + 140 * 1.434328) / 3.169865 = 374.3597 / 3.169865 = 118.0995 MEUR/Mt.
    c = b.case(
        STEPPED,
        commodities=b.HEAT_COMMODITIES + [{"commodity": "steam", "kind": "demand", "unit": "GWh"}],
        technologies=[b.tech("gas_boiler"), b.tech("bio_boiler")],
        flows=b.gas_boiler_flows()
        + [
            {
                "technology": "bio_boiler",
                "commodity": "electricity",
                "direction": "in",
                "ratio": 1.0,
            },
            {"technology": "bio_boiler", "commodity": "steam", "direction": "out", "ratio": 1.0},
            {"technology": "bio_boiler", "commodity": "co2", "direction": "in", "ratio": 0.0001},
        ],
        capacity=[
            b.yearly({"technology": t, "parameter": "residual"}, {2025: 10})
            for t in ("gas_boiler", "bio_boiler")
        ],
        prices=[
            _price("gas", {2025: 0.02}),
            _price("electricity", {2025: 0.06}),
            _price("co2", {2025: 100, 2027: 140}, "carbon_price"),
        ],
        demand=[
            b.yearly({"commodity": "heat"}, {2025: 87.6}),
            b.yearly({"commodity": "steam"}, {2025: 43.8}),
        ],
    )
    out = b.solve(c)
    assert out.status == "optimal"
    lv = _levelised(out)
    price = (100 * W1 + 140 * W2) / (W1 + W2)  # 118.0995 MEUR/Mt, output-weighted
    own = "own cost, without inputs and by-products [MEUR/unit]"
    gas = lv.loc["gas_boiler"]
    assert gas["carbon [MEUR/unit]"] == pytest.approx(0.0002 * price, rel=1e-9)  # 0.0236199
    assert gas[own] == pytest.approx(0.0002 * price, rel=1e-9)
    # levelised = gas 0.02 + carbon 0.0236199 = 0.0436199 MEUR/GWh = 43.6199 EUR/MWh
    assert gas["levelised cost [MEUR/unit]"] == pytest.approx(0.02 + 0.0002 * price, rel=1e-9)
    assert gas["own cost [display unit]"] == pytest.approx(0.0002 * price * 1e3, rel=1e-9)
    bio = lv.loc["bio_boiler"]
    assert bio["main product"] == "steam"
    # a removal earns the carbon price: -0.0001 * 118.0995 = -0.0118100 MEUR/GWh
    assert bio["carbon [MEUR/unit]"] == pytest.approx(-0.0001 * price, rel=1e-9)
    assert bio[own] == pytest.approx(-0.0001 * price, rel=1e-9)
    # levelised = electricity 0.06 - 0.0118100 = 0.0481900 MEUR/GWh
    assert bio["levelised cost [MEUR/unit]"] == pytest.approx(0.06 - 0.0001 * price, rel=1e-9)


# --- by-products ----------------------------------------------------------------------------


def test_a_chp_by_product_sold_lowers_its_levelised_cost():
    # A residual CHP burns 2 GWh of gas (0.02 MEUR/GWh) per GWh of heat and makes 0.5 GWh of
    # electricity, sold at the export price 0.04 MEUR/GWh (2025 block) and 0.05 (2027 block);
    # buying electricity costs 0.09, so none is bought and its marginal price is the export
    # price. By-products per GWh of heat: -0.5 * (0.04 W1 + 0.05 W2) / (W1 + W2)
    # = -0.5 * (0.0694215 + 0.0717164) / 3.169865 = -0.5 * 0.0445250 = -0.0222625.
    c = b.case(
        STEPPED,
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("chp")],
        flows=[
            {"technology": "chp", "commodity": "gas", "direction": "in", "ratio": 2.0},
            {"technology": "chp", "commodity": "heat", "direction": "out", "ratio": 1.0},
            {"technology": "chp", "commodity": "electricity", "direction": "out", "ratio": 0.5},
        ],
        capacity=[b.yearly({"technology": "chp", "parameter": "residual"}, {2025: 10})],
        prices=[
            _price("gas", {2025: 0.02}),
            _price("electricity", {2025: 0.09}),
            _price("electricity", {2025: 0.04, 2027: 0.05}, "export_price"),
        ],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c)
    assert out.status == "optimal"
    row = _levelised(out).loc["chp"]
    assert row["main product"] == "heat"
    by_products = -0.5 * (0.04 * W1 + 0.05 * W2) / (W1 + W2)
    assert row["by-products [MEUR/unit]"] == pytest.approx(by_products, rel=1e-9)
    assert row["inputs [MEUR/unit]"] == pytest.approx(2 * 0.02, rel=1e-9)  # 0.04
    # LC = 0.04 - 0.0222625 = 0.0177375 MEUR/GWh
    assert row["levelised cost [MEUR/unit]"] == pytest.approx(0.04 + by_products, rel=1e-9)


# --- storage credits ------------------------------------------------------------------------


def test_storage_credits_part_of_a_capture_unit():
    # A plant makes 1 Mt/yr of product and 1 Mt/yr of flue CO2, vented at the carbon price
    # 100 MEUR/Mt or captured (new capture unit, no capex, variable O&M 10 MEUR/Mt) and
    # injected. Stored CO2 earns a credit of 50 MEUR/Mt in the 2025 block and 70 in the 2027
    # block (credit_years 10 covers the horizon), so all the flue is captured. Per Mt
    # captured: credits -(50 W1 + 70 W2) / (W1 + W2) = -(86.77686 + 100.40298) / 3.169865
    # = -59.04977 MEUR/Mt; variable O&M 10.
    mt = {"capacity_unit": "Mt/yr", "activity_unit": "Mt", "cap_to_act": 1.0}
    c = b.case(
        STEPPED,
        commodities=[
            {"commodity": "product", "kind": "demand", "unit": "Mt"},
            {"commodity": "flue", "kind": "internal", "unit": "Mt"},
            {"commodity": "captured", "kind": "internal", "unit": "Mt"},
            {"commodity": "co2", "kind": "emission", "unit": "Mt"},
        ],
        technologies=[
            b.tech("plant", **mt),
            b.tech("vent", **mt),
            b.tech("injector", reservoir="field", **mt),
            b.tech("capture", lifetime=30, credit_years=10, wacc=R, **mt),
        ],
        flows=[
            {"technology": "plant", "commodity": "product", "direction": "out", "ratio": 1},
            {"technology": "plant", "commodity": "flue", "direction": "out", "ratio": 1},
            {"technology": "vent", "commodity": "flue", "direction": "in", "ratio": 1},
            {"technology": "vent", "commodity": "co2", "direction": "out", "ratio": 1},
            {"technology": "capture", "commodity": "flue", "direction": "in", "ratio": 1},
            {"technology": "capture", "commodity": "captured", "direction": "out", "ratio": 1},
            {"technology": "injector", "commodity": "captured", "direction": "in", "ratio": 1},
        ],
        costs=[b.yearly({"technology": "capture", "parameter": "variable_om"}, {2025: 10.0})],
        capacity=[
            b.yearly({"technology": t, "parameter": "residual"}, {2025: 5})
            for t in ("plant", "vent", "injector")
        ],
        prices=[
            _price("co2", {2025: 100.0}, "carbon_price"),
            _price("captured", {2025: 50.0, 2027: 70.0}, "storage_credit"),
        ],
        demand=[b.yearly({"commodity": "product"}, {2025: 1.0})],
        reservoirs=[{"reservoir": "field", "capacity": 100.0}],
    )
    out = b.solve(c)
    assert out.status == "optimal"
    row = _levelised(out).loc["capture"]
    assert row["main product"] == "captured"
    assert row["discounted output [unit]"] == pytest.approx(W1 + W2, rel=1e-9)  # 1 Mt/yr
    credits = -(50 * W1 + 70 * W2) / (W1 + W2)
    assert row["storage credits [MEUR/unit]"] == pytest.approx(credits, rel=1e-9)
    assert row["variable O&M [MEUR/unit]"] == pytest.approx(10.0, rel=1e-9)
    # own cost = variable O&M only (no capex, no carbon): 10 MEUR/Mt = 10 * 1e6 EUR / 1e6 t
    assert row["display unit"] == "EUR/t"
    assert row["own cost [display unit]"] == pytest.approx(10.0, rel=1e-9)


# --- budget penalty and the statement's memo lines -----------------------------------------


def test_budget_penalty_is_discounted_from_the_budget_year_and_left_out_of_the_memo():
    # A residual 1 MW gas boiler (0.0002 Mt CO2/GWh, gas 0.01 MEUR/GWh in the 2025 block, 0.02
    # in the 2027 block) is the only way to make 8.76 GWh/yr of heat: the e-boiler may not be
    # built before 2030. A zero budget for 2025-2028 is missed by 4 years of gas emissions,
    # 4 * 0.001752 = 0.007008 Mt, at the default penalty 1e5 MEUR/Mt: 700.8 MEUR paid at the
    # end of 2028, present value 700.8 * 1.1^-4 = 478.65 MEUR.
    c = b.case(
        {**STEPPED, "after_last_target": "free"},
        commodities=b.HEAT_COMMODITIES,
        technologies=[
            b.tech("gas_boiler", lifetime=30),
            b.tech("e_boiler", lifetime=1, first_year=2030),
        ],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 1.0})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 1})],
        prices=[_price("gas", {2025: 0.01, 2027: 0.02}), _price("electricity", {2025: 0.03})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 8.76})],
        targets=[{"year": 2028, "kind": "budget", "value": 0.0}],
    )
    out = b.solve(c)
    assert out.status == "optimal" and out.elastic_fallback
    assert out.misses == {"2028 budget scope1": pytest.approx(4 * E_GAS, rel=1e-9)}
    penalty = 1e5 * 4 * E_GAS  # 700.8 MEUR
    penalty_pv = penalty * 1.1**-4  # 700.8 / 1.4641 = 478.6558
    # fuel: 8.76 * 0.01 = 0.0876 in 2025 and 2026, 8.76 * 0.02 = 0.1752 in 2027 and 2028:
    # 0.0876 * 1.735537 + 0.1752 * 1.434328 = 0.152033 + 0.251294 = 0.403327 MEUR
    fuel_pv = 0.0876 * W1 + 0.1752 * W2
    assert out.objective == pytest.approx(fuel_pv + penalty_pv, rel=1e-9)

    tables = collect(out).tables
    costs = tables["costs"]
    pen = costs[costs["category"] == "target_penalty"]
    assert list(pen["year"]) == [2028]
    assert pen["cash flow [MEUR]"].sum() == pytest.approx(penalty, rel=1e-9)
    assert pen["present value [MEUR]"].sum() == pytest.approx(penalty_pv, rel=1e-9)
    assert costs["present value [MEUR]"].sum() == pytest.approx(out.objective, rel=1e-9)
    flows = tables["cash_flows"].set_index("year")
    # 2028: fuel 0.1752 + penalty 700.8 = 700.9752, PV 700.9752 / 1.4641 = 478.7755
    assert flows.loc[2028, "total [MEUR]"] == pytest.approx(0.1752 + penalty, rel=1e-9)
    assert flows.loc[2028, "total present value [MEUR]"] == pytest.approx(
        (0.1752 + penalty) * 1.1**-4, rel=1e-9
    )

    st = tables["cash_flow_statement"].set_index("line")
    line = "penalties for missed targets (elastic mode)"
    assert st.loc[line, "2028"] == pytest.approx(penalty, rel=1e-9)
    assert st.loc[line, "present value"] == pytest.approx(penalty_pv, rel=1e-9)
    assert st.loc["present value", "present value"] == pytest.approx(fuel_pv + penalty_pv, rel=1e-9)
    # without penalties: the fuel alone, 0.403327 MEUR
    assert st.loc["memo: net present cost without penalties", "present value"] == pytest.approx(
        fuel_pv, rel=1e-9
    )


def test_construction_spend_memo_is_discounted_from_the_start_of_each_year():
    # Heat is needed from the 2027 block only (0 in 2025, 8.76 GWh/yr from 2027): 1 MW of
    # e-boiler (capex 10 MEUR/MW, build_time 3) is commissioned in 2027 and its 10 MEUR are
    # spent evenly in 2025, 2026 and 2027 (3.3333 each), each at the start of its year:
    # PV = 10/3 * (1.1^0 + 1.1^-1 + 1.1^-2) = 10/3 * 2.735537 = 9.118457 MEUR.
    c = b.case(
        STEPPED,
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("e_boiler", lifetime=20, wacc=0.08, build_time=3)],
        flows=b.e_boiler_flows(),
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 10.0})],
        prices=[_price("gas", {2025: 0.01}), _price("electricity", {2025: 0.03})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 0.0, 2027: 8.76})],
    )
    out = b.solve(c)
    assert out.status == "optimal"
    assert b.value(out.solution["new"]["e_boiler", 2027]) == pytest.approx(1.0)
    st = collect(out).tables["cash_flow_statement"].set_index("line")
    spend = st.loc["memo: overnight investment spent (construction profile)"]
    assert [spend[str(k)] for k in (2025, 2026, 2027)] == pytest.approx([10 / 3] * 3, rel=1e-9)
    assert spend["total"] == pytest.approx(10.0, rel=1e-9)
    assert spend["present value"] == pytest.approx(10 / 3 * (1 + 1.1**-1 + 1.1**-2), rel=1e-9)


def test_marginal_prices_are_in_money_of_the_year_over_two_year_blocks():
    # Heat 87.6 GWh/yr from a gas boiler or an e-boiler (20 MW each already there, so neither
    # is at its limit and the prices are unique), r = 10 %, 2-year blocks 2025-26 and 2027-28.
    # Gas heat costs the gas price plus 0.0002 Mt/GWh at the carbon price:
    #   2025: 0.02 + 0.0002 * 100 = 0.04 < 0.06 (electricity): gas is marginal, heat at 0.04;
    #   2027: 0.04 + 0.0002 * 150 = 0.07 > 0.06: the e-boiler is marginal, heat at 0.06.
    # The balance's dual is that cost times the block's weight W_y (1/1.1 + 1/1.1^2 = 1.73554
    # for 2025, 1/1.1^3 + 1/1.1^4 = 1.43433 for 2027); the table divides it back out, so the
    # prices are money of the year (undivided they would read 0.06942 and 0.08606).
    c = b.case(
        {"end_year": 2028, "year_step": 2, "discount_rate": 0.1},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler"), b.tech("e_boiler")],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 20}),
                  b.yearly({"technology": "e_boiler", "parameter": "residual"}, {2025: 20})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.02, 2027: 0.04}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06}),
                b.yearly({"commodity": "co2", "parameter": "carbon_price"},
                         {2025: 100, 2027: 150})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})])
    out = b.solve(c)
    w25, w27 = 1 / 1.1 + 1 / 1.1**2, 1 / 1.1**3 + 1 / 1.1**4
    assert out.objective == pytest.approx(87.6 * (0.04 * w25 + 0.06 * w27), rel=1e-9)
    prices = collect(out).tables["prices"]
    heat = prices[prices["commodity"] == "heat"].groupby("year")["marginal price [MEUR/unit]"]
    assert heat.min().to_dict() == pytest.approx({2025: 0.04, 2027: 0.06}, rel=1e-9)
    assert heat.max().to_dict() == pytest.approx({2025: 0.04, 2027: 0.06}, rel=1e-9)
    # the marginal unit of each block makes all 87.6 GWh with 20 MW (175.2 GWh/yr possible)
    act = collect(out).tables["activity"].set_index(["technology", "year"])
    use = act["utilisation [fraction of available]"]
    assert use[("gas_boiler", 2025)] == pytest.approx(0.5, rel=1e-9)  # 87.6 / 175.2
    assert use[("e_boiler", 2027)] == pytest.approx(0.5, rel=1e-9)
    assert use[("gas_boiler", 2027)] == pytest.approx(0.0, abs=1e-12)


def test_investment_and_activity_tables_of_the_e_boiler():
    # The e-boiler case: 10 MW built in 2025 at 0.5 MEUR/MW, wacc 8 %, life 4 (effective life
    # 4: two 2-year blocks). The investment sheet states what is spent and what it costs a year:
    # overnight 10 * 0.5 = 5 MEUR, annuity 5 * CRF(8 %, 4) = 1.509604 MEUR/yr.
    # It runs at full output, 87.6 GWh/yr = 10 MW * 8.76 GWh/MW/yr: utilisation 1.
    tables = collect(b.solve(_e_boiler_case())).tables
    inv = tables["investment"].set_index("technology").loc["e_boiler"]
    assert inv["year"] == 2025
    assert inv["new capacity [capacity_unit]"] == pytest.approx(10.0, rel=1e-9)
    assert inv["capex per unit [MEUR/capacity_unit]"] == pytest.approx(0.5, rel=1e-9)
    assert inv["overnight investment [MEUR]"] == pytest.approx(5.0, rel=1e-9)
    assert inv["annuity per year [MEUR/yr]"] == pytest.approx(ANNUITY, rel=1e-9)
    assert inv["effective life [yr]"] == pytest.approx(4.0)
    act = tables["activity"].set_index("year")
    assert act["activity [activity_unit/yr]"].to_dict() == pytest.approx(
        {2025: 87.6, 2027: 87.6}, rel=1e-9)
    assert act["utilisation [fraction of available]"].to_dict() == pytest.approx(
        {2025: 1.0, 2027: 1.0}, rel=1e-9)
