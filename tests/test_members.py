"""Who pays: two members share a CO2 pipeline and an electrolyser (hand-computed).

One year, r = 0. Member A makes 1 unit of product pa, member B 3 units of pb; each unit
emits 1 Mt of flue CO2, vented (free) or captured (5 MEUR/Mt of flue: 0.9 Mt captured, 0.1
Mt emitted). Captured CO2 goes to a shared pipeline ending in storage (10 MEUR/Mt). B also
takes 0.5 unit of hydrogen per unit of pb from a shared electrolyser (2 MEUR per unit of
hydrogen, 1.5 GWh of power at 0.03 MEUR/GWh each). A cap of 0.4 Mt makes both capture all.

* pipeline: 0.9 + 2.7 = 3.6 Mt at 10 -> 36 MEUR: A 9, B 27; tariff 10 MEUR/Mt = 10 EUR/t;
* electrolyser: 1.5 * 2 + 1.5 * 1.5 * 0.03 = 3.0675 MEUR, all B's; tariff 2.045 per unit;
* A: 1 (process) + 5 (capture) + 9 = 15; B: 3 + 15 + 27 + 3.0675 = 48.0675; NPV 63.0675.
"""

import pytest

from model.results import collect
from tests import builders as b


def _tech(name, member, vom_flow=None, **kw):
    return b.tech(name, member=member, cap_to_act=1, **kw)


def members_case(settings: dict | None = None, prices=(), targets=(), a_proc=None):
    """Member A makes 1 unit of pa, B 3 of pb; each unit emits 1 Mt of flue CO2, vented or
    captured (5 MEUR/Mt of flue, 0.9 captured, 0.1 emitted) into a shared pipeline (10
    MEUR/Mt); B takes 0.5 unit of hydrogen per pb from a shared electrolyser (2 MEUR/unit,
    1.5 GWh at 0.03 MEUR/GWh). ``settings`` (default: the single year 2025), extra
    ``prices`` rows, emission ``targets`` and columns of ``a_proc``."""
    settings = settings or {"end_year": 2025}
    comms = [{"commodity": c, "kind": k, "unit": u} for c, k, u in (
        ("electricity", "supply", "GWh"), ("pa", "demand", "unit"), ("pb", "demand", "unit"),
        ("a_flue", "internal", "Mt"), ("b_flue", "internal", "Mt"),
        ("co2_captured", "internal", "Mt"), ("hydrogen", "internal", "unit"),
        ("co2", "emission", "Mt"))]
    techs = [_tech("a_proc", "A", **(a_proc or {})), _tech("a_stack", "A"),
             _tech("a_capture", "A"), _tech("b_proc", "B"), _tech("b_stack", "B"),
             _tech("b_capture", "B"), _tech("pipeline", "shared", category="infrastructure"),
             _tech("electrolyser", "shared", category="hydrogen")]
    flow = [("a_proc", "pa", "out", 1), ("a_proc", "a_flue", "out", 1),
            ("b_proc", "pb", "out", 1), ("b_proc", "b_flue", "out", 1),
            ("b_proc", "hydrogen", "in", 0.5),
            ("a_stack", "a_flue", "in", 1), ("a_stack", "co2", "out", 1),
            ("b_stack", "b_flue", "in", 1), ("b_stack", "co2", "out", 1),
            ("a_capture", "a_flue", "in", 1), ("a_capture", "co2_captured", "out", 0.9),
            ("a_capture", "co2", "out", 0.1),
            ("b_capture", "b_flue", "in", 1), ("b_capture", "co2_captured", "out", 0.9),
            ("b_capture", "co2", "out", 0.1),
            ("pipeline", "co2_captured", "in", 1),
            ("electrolyser", "electricity", "in", 1.5), ("electrolyser", "hydrogen", "out", 1)]
    vom = {"a_proc": 1, "b_proc": 1, "a_capture": 5, "b_capture": 5, "pipeline": 10,
           "electrolyser": 2}
    residual = dict.fromkeys(range(2025, int(settings["end_year"]) + 1, 5), 10)
    return b.case(
        settings, commodities=comms, technologies=techs,
        flows=[{"technology": t, "commodity": c, "direction": d, "ratio": r}
               for t, c, d, r in flow],
        costs=[b.yearly({"technology": t, "parameter": "variable_om"}, {2025: v})
               for t, v in vom.items()],
        capacity=[b.yearly({"technology": t["technology"], "parameter": "residual"}, residual)
                  for t in techs],
        prices=[b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.03}),
                *prices],
        demand=[b.yearly({"commodity": "pa"}, {2025: 1}), b.yearly({"commodity": "pb"},
                                                                   {2025: 3})],
        targets=list(targets))


def _case():
    return members_case(targets=[{"year": 2025, "kind": "absolute", "value": 0.4}])


def test_shared_costs_go_to_the_members_that_use_them_and_add_up():
    out = b.solve(_case())
    assert out.objective == pytest.approx(63.0675)
    tables = collect(out).tables
    members = tables["members"].set_index("member")
    total = "total [MEUR]"
    assert members.loc["A", "share of shared infrastructure [MEUR]"] == pytest.approx(9.0)
    assert members.loc["A", total] == pytest.approx(15.0)
    assert members.loc["B", "share of shared infrastructure [MEUR]"] == pytest.approx(30.0675)
    assert members.loc["B", total] == pytest.approx(48.0675)
    assert members.loc["not allocated", total] == pytest.approx(0.0, abs=1e-9)
    assert members.loc["total", total] == pytest.approx(out.objective)
    assert members.loc["B", "direct emissions 2025 [Mt CO2e/yr]"] == pytest.approx(0.3)


def test_each_shared_asset_has_a_tariff_that_recovers_it_and_its_marginal_price():
    out = b.solve(_case())
    tariffs = collect(out).tables["tariffs"].set_index("shared asset")
    pipe = tariffs.loc["pipeline"]
    assert pipe["service"] == "takes co2_captured"
    assert pipe["tariff [MEUR/unit]"] == pytest.approx(10.0)
    assert pipe["tariff [display unit]"] == pytest.approx(10.0) and pipe["display unit"] == "EUR/t"
    assert pipe["marginal price [MEUR/unit]"] == pytest.approx(10.0)
    h2 = tariffs.loc["electrolyser"]
    assert h2["service"] == "delivers hydrogen"
    assert h2["tariff [MEUR/unit]"] == pytest.approx(3.0675 / 1.5)
    assert h2["discounted quantity [unit]"] == pytest.approx(1.5)
