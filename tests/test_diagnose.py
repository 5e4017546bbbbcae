"""Infeasible cases explained in the workbook's words (an IIS from HiGHS, by sentence)."""

from model.solve import solve_case
from tests import builders as b


def _steel(targets=(), **settings):
    """Steel demand of 10 Mt in 2025; the blast furnace is limited to 4 Mt/yr (capacity
    sheet) and the EAF cannot be built before 2030 (technologies sheet)."""
    return b.case({"end_year": 2025, **settings},
                  commodities=[{"commodity": "steel", "kind": "demand", "unit": "Mt"},
                               {"commodity": "coal", "kind": "supply", "unit": "Mt"},
                               {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
                  technologies=[b.tech("bf", cap_to_act=1, capacity_unit="Mt/yr",
                                       activity_unit="Mt"),
                                b.tech("eaf", cap_to_act=1, capacity_unit="Mt/yr",
                                       activity_unit="Mt", first_year=2030)],
                  flows=[{"technology": "bf", "commodity": "coal", "direction": "in",
                          "ratio": 1},
                         {"technology": "bf", "commodity": "steel", "direction": "out",
                          "ratio": 1},
                         {"technology": "bf", "commodity": "co2", "direction": "out",
                          "ratio": 2},
                         {"technology": "eaf", "commodity": "steel", "direction": "out",
                          "ratio": 1}],
                  capacity=[b.yearly({"technology": "bf", "parameter": "max"}, {2025: 4})],
                  prices=[b.yearly({"commodity": "coal", "parameter": "price"}, {2025: 1})],
                  demand=[b.yearly({"commodity": "steel"}, {2025: 10})],
                  targets=list(targets))


def test_demand_above_what_the_technologies_may_make_is_explained_with_its_rows():
    out = solve_case(_steel())
    assert out.status == "infeasible"
    text = "\n".join(out.messages)
    assert "demand for steel in 2025: 10 Mt/yr (demand sheet, row 2)" in text
    assert "capacity of bf is at most 4 Mt/yr in 2025 (capacity sheet, row 2)" in text
    assert "eaf cannot be built before 2030 (technologies sheet, row 3, first_year)" in text
    assert "the least that cannot be delivered: 6 Mt of steel a year in 2025" in text


def test_an_unreachable_target_says_which_limits_make_it_so():
    # With steel demand of 4 Mt the case solves, but a cap of 1 Mt of CO2 needs more than the
    # EAF can give before 2030: the target is missed (elastic) and the limits are named.
    c = _steel(targets=[{"year": 2025, "kind": "absolute", "value": 1.0}])
    c.demand[("steel", 2025)] = 4.0
    out = solve_case(c)
    assert out.elastic_fallback and out.misses
    text = "\n".join(out.messages)
    assert "why: these cannot hold together" in text
    assert "the target 2025 absolute scope1" in text
    assert "eaf cannot be built before 2030" in text


def test_the_explanation_is_looked_for_only_as_long_as_the_settings_allow():
    # explain_time_limit 0 skips the IIS; a limit too short to finish says that no set was
    # found in time rather than waiting (a large case can take HiGHS minutes).
    skipped = solve_case(_steel(explain_time_limit=0))
    assert skipped.status == "infeasible"
    assert not any("cannot hold together" in m for m in skipped.messages)
    assert not any("found no irreducible set" in m for m in skipped.messages)
    hurried = solve_case(_steel(explain_time_limit=1e-9))
    assert hurried.status == "infeasible"
    text = "\n".join(hurried.messages)
    assert "found no irreducible set of conflicting rows" in text
    assert "explain_time_limit 1e-09 s, settings sheet" in text
