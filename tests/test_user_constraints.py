"""The planner's own constraints (sheet 'constraints'): hand-computed optima and duals,
selectors, and bad rows named by sheet, row and column."""

import pytest

from model.errors import CaseError
from model.maths.lp import assert_same_lp
from model.results import collect
from model.selectors import select
from tests import builders as b

PRICES = [b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
          b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.05})]


def _heat_case(constraints, **settings):
    """87.6 GWh of heat from a gas boiler (0.03 MEUR/GWh of gas) or an electric boiler
    (0.05 MEUR/GWh of electricity), both with 20 MW in place and no other cost."""
    return b.case({"end_year": 2025, **settings},
                commodities=b.HEAT_COMMODITIES,
                technologies=[b.tech("gas_boiler"), b.tech("e_boiler")],
                flows=b.gas_boiler_flows(co2=0.0) + b.e_boiler_flows(),
                prices=PRICES,
                demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
                capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                                 {2025: 20}),
                          b.yearly({"technology": "e_boiler", "parameter": "residual"},
                                 {2025: 20})],
                constraints=constraints)


def test_a_share_constraint_binds_and_its_dual_is_the_extra_cost_per_unit():
    # At least half of the heat from electricity: e - 0.5 (e + g) >= 0 with e + g = 87.6.
    # Optimum e = g = 43.8: 43.8 * 0.03 + 43.8 * 0.05 = 3.504 MEUR (1.314 + 2.19).
    # Raising the right-hand side by d moves d GWh from gas to electricity... per unit of
    # the row (0.5 e - 0.5 g >= d): e = 43.8 + d, cost + 0.02 d -> shadow price 0.02.
    rows = [{"constraint": "electric share", "variable": "output", "technology": "e_boiler",
             "commodity": "heat", "coefficient": 1.0, "sense": ">=", 2025: 0.0},
            {"constraint": "electric share", "variable": "output", "technology": "*boiler",
             "commodity": "heat", "coefficient": -0.5}]
    out = b.solve(_heat_case(rows))
    assert out.status == "optimal"
    assert out.objective == pytest.approx(3.504)
    assert out.solution["act"]["e_boiler", 2025, "all"] == pytest.approx(43.8)
    table = collect(out).tables["user_constraints"].iloc[0]
    assert table["constraint"] == "electric share" and table["binding"]
    assert table["shadow price [MEUR/unit]"] == pytest.approx(0.02)
    assert table["value [unit of its terms]"] == pytest.approx(0.0, abs=1e-9)
    # the dual is the finite difference of the optimum
    rows[0][2025] = 1.0
    assert b.solve(_heat_case(rows)).objective - out.objective == pytest.approx(0.02)


def test_a_minimum_capacity_binds_with_its_annuity_less_what_it_saves():
    # PV (capex 1 MEUR/MW, 1-year life, r = 0: 1 MEUR/MW/yr; capacity factor 0.2, so
    # 1.752 GWh/MW saving 0.05 MEUR/GWh of grid power) is not worth building; "at least
    # 2 MW of PV" costs 2 * (1 - 0.0876) = 1.8248 MEUR more, its shadow price 0.9124 per MW.
    def pv_case(minimum):
        return b.case({"end_year": 2025},
                    commodities=b.HEAT_COMMODITIES,
                    technologies=[b.tech("e_boiler"), b.tech("pv", lifetime=1, availability=0.2)],
                    flows=b.e_boiler_flows() + [{"technology": "pv", "commodity": "electricity",
                                               "direction": "out", "ratio": 1.0}],
                    costs=[b.yearly({"technology": "pv", "parameter": "capex"}, {2025: 1.0})],
                    prices=PRICES,
                    demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
                    capacity=[b.yearly({"technology": "e_boiler", "parameter": "residual"},
                                     {2025: 20})],
                    constraints=[{"constraint": "pv by 2025", "variable": "capacity",
                                  "technology": "p?", "sense": ">=", 2025: minimum}])
    free = b.solve(pv_case(0.0))
    forced = b.solve(pv_case(2.0))
    assert free.objective == pytest.approx(87.6 * 0.05)
    assert forced.solution["cap"]["pv", 2025] == pytest.approx(2.0)
    assert forced.objective - free.objective == pytest.approx(2 * (1 - 1.752 * 0.05))
    row = collect(forced).tables["user_constraints"].iloc[0]
    assert row["shadow price [MEUR/unit]"] == pytest.approx(1 - 1.752 * 0.05)


def test_an_upper_limit_on_purchases_in_a_later_year_with_discounting():
    # Years 2025-2026, r = 10 %: gas bought at most 40 GWh in 2026 (the constraint starts in
    # 2026, not before). The rest of the 2026 heat comes from electricity: 47.6 GWh at 0.02
    # more per GWh, discounted by 1.1^-2 -> shadow price in money of 2026: -0.02 per GWh.
    rows = [{"constraint": "gas cap", "variable": "purchases", "commodity": "gas",
             "sense": "<=", 2026: 40.0}]
    out = b.solve(_heat_case(rows, end_year=2026, discount_rate=0.1))
    assert out.solution["buy"]["gas", 2025, "all"] == pytest.approx(87.6)
    assert out.solution["buy"]["gas", 2026, "all"] == pytest.approx(40.0)
    table = collect(out).tables["user_constraints"]
    assert list(table["year"]) == [2026]
    assert table.iloc[0]["shadow price [MEUR/unit]"] == pytest.approx(-0.02)
    expected = 87.6 * 0.03 / 1.1 + (40 * 0.03 + 47.6 * 0.05) / 1.1 ** 2
    assert out.objective == pytest.approx(expected)


def test_an_emissions_term_counts_co2e_of_the_selected_technologies():
    # The gas boiler emits 0.0002 Mt/GWh; "boiler emissions <= 0.01 Mt" leaves 50 GWh of gas.
    rows = [{"constraint": "stack", "variable": "emissions", "technology": "-e_boiler",
             "commodity": "co2", "sense": "<=", 2025: 0.01}]
    c = b.case({"end_year": 2025}, commodities=b.HEAT_COMMODITIES,
             technologies=[b.tech("gas_boiler"), b.tech("e_boiler")],
             flows=b.gas_boiler_flows() + b.e_boiler_flows(), prices=PRICES,
             demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
             capacity=[b.yearly({"technology": t, "parameter": "residual"}, {2025: 20})
                       for t in ("gas_boiler", "e_boiler")],
             constraints=rows)
    out = b.solve(c)
    assert out.solution["act"]["gas_boiler", 2025, "all"] == pytest.approx(50.0)
    from model.maths import generate, pyomo_lp
    assert_same_lp(generate(c), pyomo_lp(c))


def test_selectors_take_wildcards_lists_and_exclusions():
    names = ["steel_capture", "cement_capture", "dac", "pv", "pv_roof"]
    assert select("*capture*", names) == ["steel_capture", "cement_capture"]
    assert select("pv?roof, dac", names) == ["dac", "pv_roof"]
    assert select("-dac", names) == ["steel_capture", "cement_capture", "pv", "pv_roof"]
    assert select("pv*, -pv_roof", names) == ["pv"]
    assert select("nothing*", names) == []


@pytest.mark.parametrize("rows,where,message", [
    ([{"constraint": "x", "variable": "capacity", "technology": "wind*", "sense": ">=",
       2025: 1}], (2, "technology"), "selects no technology"),
    ([{"constraint": "x", "variable": "output", "technology": "*", "commodity": "steel",
       "sense": ">=", 2025: 1}], (2, "commodity"), "selects no commodity"),
    ([{"constraint": "x", "variable": "capacity", "technology": "*", 2025: 1}],
     (2, "sense"), "has no sense"),
    ([{"constraint": "x", "variable": "capacity", "technology": "gas*", "sense": ">=",
       2025: 1},
      {"constraint": "x", "variable": "capacity", "technology": "e_*", "sense": "<="}],
     (3, "sense"), "another sense in row 2"),
    ([{"constraint": "x", "variable": "capacity", "technology": "*", "sense": ">="}],
     (2, "constraint"), "no right-hand side"),
    ([{"constraint": "x", "variable": "capacity", "technology": "gas*", "sense": ">=",
       2025: 1},
      {"constraint": "x", "variable": "capacity", "technology": "e_*", 2025: 2}],
     (3, "2025"), "another right-hand side"),
    ([{"constraint": "x", "variable": "capital", "technology": "*", "sense": ">=",
       2025: 1}], (2, "variable"), "not an allowed value"),
])
def test_bad_rows_are_reported_with_sheet_cell_and_expectation(rows, where, message):
    with pytest.raises(CaseError) as err:
        _heat_case(rows)
    found = [p for p in err.value.problems if p.sheet == "constraints"]
    assert found, str(err.value)
    p = found[0]
    assert message in p.message and (p.row, p.column) == where, str(p)
    assert p.expected
    if p.cell is not None:  # the cell reference names the column the problem is in
        assert p.cell.endswith(str(p.row)) and not p.cell.startswith("?")
