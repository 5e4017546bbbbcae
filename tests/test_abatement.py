"""Abatement costs around the optimum: the MAC curve of two measures of known cost per
tonne, the average abatement cost, a MAC that is not unique, and a missed target's true cost.

One year (2025), r = 0, one slice; heat 8.76 GWh (1 MW all year) from a gas boiler (0.01
MEUR/GWh of gas, 0.0002 Mt CO2/GWh: 0.001752 Mt) or from
* a heat pump: COP 2 (0.5 GWh of power at 0.03 per GWh of heat), capex 0.5 MEUR/MW for one
  year, at most 0.5 MW: (0.015 + 0.5 / 8.76 - 0.01) / 0.0002 = 310.388 MEUR/Mt (EUR/t) for
  the first 0.000876 Mt;
* an e-boiler: (0.03 + 1 / 8.76 - 0.01) / 0.0002 = 670.776 MEUR/Mt for the rest.
"""

import pytest

from model.abatement import analyse
from model.results import collect
from model.solve import solve_case
from tests import builders as b

HP = (0.015 + 0.5 / 8.76 - 0.01) / 0.0002
EB = (0.03 + 1 / 8.76 - 0.01) / 0.0002
E_GAS = 8.76 * 0.0002


def _case(cap: float = 0.0, **settings):
    return b.case({"end_year": 2025, "macc_steps": 4, **settings},
                  commodities=b.HEAT_COMMODITIES,
                  technologies=[b.tech("gas_boiler"), b.tech("heat_pump", lifetime=1),
                                b.tech("e_boiler", lifetime=1)],
                  flows=b.gas_boiler_flows() + b.e_boiler_flows() + [
                      {"technology": "heat_pump", "commodity": "electricity",
                       "direction": "in", "ratio": 0.5},
                      {"technology": "heat_pump", "commodity": "heat", "direction": "out",
                       "ratio": 1.0}],
                  costs=[b.yearly({"technology": "heat_pump", "parameter": "capex"},
                                  {2025: 0.5}),
                         b.yearly({"technology": "e_boiler", "parameter": "capex"},
                                  {2025: 1.0})],
                  capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                                     {2025: 1}),
                            b.yearly({"technology": "heat_pump", "parameter": "max"},
                                     {2025: 0.5})],
                  prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                          b.yearly({"commodity": "electricity", "parameter": "price"},
                                   {2025: 0.03})],
                  demand=[b.yearly({"commodity": "heat"}, {2025: 8.76})],
                  targets=[{"year": 2025, "kind": "absolute", "value": cap}])


def test_the_mac_curve_steps_through_the_two_measures_in_cost_order():
    out = solve_case(_case())
    curve = analyse(out, macc_steps=4).curve
    assert list(curve["cap [Mt CO2e/yr]"]) == pytest.approx([0.75 * E_GAS, 0.5 * E_GAS,
                                                             0.25 * E_GAS, 0.0])
    assert list(curve["abatement of the step [Mt CO2e/yr]"]) == pytest.approx([E_GAS / 4] * 4)
    assert list(curve["marginal abatement cost [MEUR/Mt CO2e]"]) == pytest.approx(
        [HP, HP, EB, EB], rel=1e-9)
    assert list(curve["average cost of the step [MEUR/Mt CO2e]"]) == pytest.approx(
        [HP, HP, EB, EB], rel=1e-9)
    assert [m.split(",")[0] for m in curve["measures (activity grown most)"]] == \
        ["heat_pump", "heat_pump", "e_boiler", "e_boiler"]
    # the loaded LP is left as it was: solving it again gives the run's optimum
    assert out.bridge.solve(warm=True).objective == pytest.approx(out.objective)


def test_the_average_abatement_cost_is_the_cost_of_the_target_per_tonne():
    # Net zero costs 0.000876 * HP + 0.000876 * EB more than no target: per tonne their mean.
    out = solve_case(_case())
    table = analyse(out).average.set_index("item")["value"]
    assert table["cost of the targets"] == pytest.approx(E_GAS / 2 * (HP + EB), rel=1e-9)
    assert table["abatement over the horizon"] == pytest.approx(E_GAS)
    assert table["average abatement cost per discounted tonne"] == pytest.approx(
        (HP + EB) / 2, rel=1e-9)


def test_a_cap_at_a_kink_has_no_unique_mac_and_the_range_is_reported():
    # Capped where the heat pump runs out: lowering the cap costs EB per Mt, raising it saves
    # HP per Mt. Whichever dual the solver returns, the results give both and say so.
    out = solve_case(_case(cap=E_GAS / 2))
    ranges = analyse(out).mac_ranges["2025 absolute scope1"]
    assert ranges.tightening == pytest.approx(EB, rel=1e-6)
    assert ranges.relaxing == pytest.approx(HP, rel=1e-6)
    assert not ranges.unique
    figure = collect(out, analyse(out)).figures.targets[0]
    assert figure.mac_unique is False and figure.mac in (pytest.approx(HP), pytest.approx(EB))
    unique = analyse(solve_case(_case(cap=E_GAS / 4))).mac_ranges["2025 absolute scope1"]
    assert unique.unique and unique.tightening == pytest.approx(EB, rel=1e-6)


def test_a_missed_target_reports_the_cost_without_penalties_in_plain_words():
    # No heat pump or e-boiler may be built before 2030: net zero in 2025 is missed by the
    # whole 0.001752 Mt; the objective carries 1e5 per Mt of penalty, the cost is the gas.
    c = _case()
    for t in ("heat_pump", "e_boiler"):
        c.technologies[t] = type(c.technologies[t])(**{**vars(c.technologies[t]),
                                                      "first_year": 2030})
    out = solve_case(c)
    assert out.misses == {"2025 absolute scope1": pytest.approx(E_GAS)}
    figures = collect(out, analyse(out)).figures
    assert figures.npv == pytest.approx(8.76 * 0.01 + 1e5 * E_GAS)
    assert figures.npv_without_penalties == pytest.approx(8.76 * 0.01)
    text = figures.targets[0].miss_text
    assert "missed by 0.002 Mt CO2e a year" in text and "2025" in text
    assert analyse(out).notes and "missed" in analyse(out).notes[0]
