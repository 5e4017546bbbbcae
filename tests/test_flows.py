"""Commodity balances, supply limits, import rates and sales (hand-computed optima)."""

import pytest

from tests import builders as b


def _two_boilers(prices: list[dict], **sheets):
    base = dict(
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30), b.tech("e_boiler", lifetime=30)],
        flows=b.gas_boiler_flows() + b.e_boiler_flows(),
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10}),
                  b.yearly({"technology": "e_boiler", "parameter": "residual"}, {2025: 10})],
        prices=prices,
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    base.update(sheets)
    return b.case({"discount_rate": 0.0}, **base)


PRICES = [b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.02}),
          b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.05})]


def test_cheapest_supply_meets_demand():
    out = b.solve(_two_boilers(PRICES))
    assert b.value(out.solution["buy"]["gas", 2025, "all"]) == pytest.approx(87.6)
    assert out.objective == pytest.approx(87.6 * 0.02, rel=1e-9)


def test_max_supply_binds():
    # Only 50 GWh of gas a year: the remaining 37.6 GWh of heat comes from electricity.
    prices = [*PRICES, b.yearly({"commodity": "gas", "parameter": "max_supply"}, {2025: 50})]
    out = b.solve(_two_boilers(prices))
    assert b.value(out.solution["buy"]["gas", 2025, "all"]) == pytest.approx(50)
    assert out.objective == pytest.approx(50 * 0.02 + 37.6 * 0.05, rel=1e-9)


def test_max_import_rate_binds():
    # Gas connection of 0.004 GWh/h = 4 MW: 35.04 GWh a year at most.
    prices = [*PRICES, b.yearly({"commodity": "gas", "parameter": "max_import_rate"},
                              {2025: 0.004})]
    out = b.solve(_two_boilers(prices))
    assert b.value(out.solution["buy"]["gas", 2025, "all"]) == pytest.approx(35.04)
    assert out.objective == pytest.approx(35.04 * 0.02 + (87.6 - 35.04) * 0.05, rel=1e-9)


def test_by_product_is_sold_at_export_price():
    # A CHP makes 1 GWh heat and 0.5 GWh electricity from 2 GWh gas; the electricity is sold
    # at 0.04 (below the 0.05 purchase price, else buying to sell would be unbounded).
    # Heat 87.6 GWh -> gas 175.2 * 0.02 = 3.504, sales 43.8 * 0.04 = 1.752.
    out = b.solve(b.case(
        {"discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("chp", lifetime=30)],
        flows=[{"technology": "chp", "commodity": "gas", "direction": "in", "ratio": 2.0},
               {"technology": "chp", "commodity": "heat", "direction": "out", "ratio": 1.0},
               {"technology": "chp", "commodity": "electricity", "direction": "out",
                "ratio": 0.5}],
        capacity=[b.yearly({"technology": "chp", "parameter": "residual"}, {2025: 10})],
        prices=[*PRICES, b.yearly({"commodity": "electricity", "parameter": "export_price"},
                                {2025: 0.04})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    ))
    assert b.value(out.solution["sell"]["electricity", 2025, "all"]) == pytest.approx(43.8)
    assert out.objective == pytest.approx(3.504 - 1.752, rel=1e-9)


def test_slice_balance_with_profiled_demand_and_capacity_factor():
    # Two slices of 4380 h; PV (capacity factor 0.5 by day, 0 at night) and a grid. Demand
    # of electricity-based heat 8.76 GWh with profile day 3 : night 1 -> 6.57 by day,
    # 2.19 at night. PV costs 0.01 MEUR/MW (life 1, r=0) and makes 0.5 * 4380 h = 2.19 GWh
    # per MW by day; grid costs 0.05. PV covers the day: 6.57 / 2.19 = 3 MW.
    slices = [{"slice": "day", "period": "d", "order": 1, "hours": 4380, "occurrences": 365},
              {"slice": "night", "period": "d", "order": 2, "hours": 4380,
               "occurrences": 365}]
    out = b.solve(b.case(
        {"discount_rate": 0.0},
        commodities=[{"commodity": "electricity", "kind": "supply", "unit": "GWh",
                      "balance": "slice"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh", "balance": "slice"}],
        technologies=[b.tech("pv", category="renewable", lifetime=1, wacc=0.0),
                      b.tech("e_boiler", lifetime=30)],
        flows=[{"technology": "pv", "commodity": "electricity", "direction": "out",
                "ratio": 1.0}, *b.e_boiler_flows()],
        costs=[b.yearly({"technology": "pv", "parameter": "capex"}, {2025: 0.01})],
        capacity=[b.yearly({"technology": "e_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.05})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 8.76})],
        timeslices=slices,
        profiles=[{"slice": "day", "availability:pv": 0.5, "demand:heat": 3},
                  {"slice": "night", "availability:pv": 0.0, "demand:heat": 1}],
    ))
    m = out.solution
    assert b.value(m["cap"]["pv", 2025]) == pytest.approx(3.0)
    assert b.value(m["buy"]["electricity", 2025, "day"]) == pytest.approx(0.0, abs=1e-9)
    assert b.value(m["buy"]["electricity", 2025, "night"]) == pytest.approx(2.19)
    assert out.objective == pytest.approx(0.03 + 2.19 * 0.05, rel=1e-9)


def test_buying_to_sell_at_a_profit_is_unbounded_and_reported():
    # Export price above the purchase price with no supply limit: the LP is unbounded, and
    # the outcome says so plainly (validation warns about it beforehand).
    prices = [*PRICES, b.yearly({"commodity": "electricity", "parameter": "export_price"},
                              {2025: 0.06})]
    c = _two_boilers(prices)
    assert any("export_price above the" in str(w) for w in c.warnings)
    assert b.solve(c).status == "unbounded"
