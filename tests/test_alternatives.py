"""Near-optimal alternatives (modelling to generate alternatives), on cases small enough to
compute by hand.

The two-boiler case: 87.6 GWh/yr of heat (10 MW at 8.76 GWh per MW-yr) in one year (2025)
at r = 0, from two boilers burning gas at 0.03 MEUR/GWh, capex 1 MEUR/MW over 10 years (an
annuity of 0.1 MEUR/MW-yr at r = wacc = 0, one year inside the horizon). The least cost is
C* = 10 * 0.1 + 87.6 * 0.03 = 3.628 MEUR whichever boiler serves the heat.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from model.cli import main
from model.errors import CaseError
from model.scenario_template import write_scenario_template, write_selector_workbook
from model.study.alternatives import read_alternatives
from model.study.run import StudyInterrupted, run_study
from model.study.store import ChunkStore
from model.workbook import write_tables
from tests.builders import tables, tech

pytestmark = pytest.mark.no_cross_check
ROOT = Path(__file__).resolve().parent.parent

HEAT = 87.6  # GWh/yr
MW = 10.0
ANNUITY = 0.1  # MEUR/MW-yr: capex 1 MEUR/MW, 10 years, r = wacc = 0
GAS = 0.03  # MEUR/GWh
OPTIMUM = MW * ANNUITY + HEAT * GAS  # 3.628 MEUR
EXTRA = 0.002  # MEUR/GWh: boiler b's variable O&M in the dearer case


def boilers_case(path: Path, extra_b: float = 0.0, unit_b: str = "MW") -> Path:
    """Boilers a and b, alike but for ``extra_b`` MEUR/GWh of variable O&M on b."""
    flows = [row for name in ("boiler_a", "boiler_b") for row in (
        {"technology": name, "commodity": "gas", "direction": "in", "ratio": 1.0},
        {"technology": name, "commodity": "heat", "direction": "out", "ratio": 1.0})]
    costs = [{"technology": t, "parameter": "capex", 2025: 1.0}
             for t in ("boiler_a", "boiler_b")]
    if extra_b:
        costs.append({"technology": "boiler_b", "parameter": "variable_om", 2025: extra_b})
    return write_tables(tables(
        {"cluster": "two boilers"},
        commodities=[{"commodity": "gas", "kind": "supply", "unit": "GWh"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh"}],
        technologies=[tech("boiler_a", lifetime=10),
                      tech("boiler_b", lifetime=10, capacity_unit=unit_b)],
        flows=flows, costs=costs,
        prices=[{"commodity": "gas", "parameter": "price", 2025: GAS}],
        demand=[{"commodity": "heat", 2025: HEAT}]), path)


def alternatives_study(path: Path, base: str, groups: list[dict], slack: float = 0.05,
                       random: int = 0, seed: int = 5) -> Path:
    return write_selector_workbook(path, {
        "study": [{"item": "base", "value": base}, {"item": "slack", "value": slack},
                  {"item": "random_directions", "value": random},
                  {"item": "seed", "value": seed}],
        "alternatives": groups})


def _run(path: Path, results: Path, **kw):
    return run_study(path, results_dir=results, workers=kw.pop("workers", 1),
                     progress=False, **kw)


def _groups(result) -> pd.DataFrame:
    return result.groups.set_index("group")


def _npv(result) -> pd.Series:
    t = result.table
    return t[t["output"] == "npv"].set_index("variant")["value"]


def _assert_within_slack(result, slack: float, optimum: float) -> None:
    """Every alternative costs at most (1 + slack) x optimum (optimum > 0 here)."""
    npv = _npv(result)
    assert npv[0] == pytest.approx(optimum, rel=1e-8)
    assert (npv <= (1 + slack) * optimum * (1 + 1e-9)).all()
    assert (npv >= optimum * (1 - 1e-9)).all()


EQUAL_GROUPS = [
    {"group": "a heat", "technology": "boiler_a", "measure": "activity"},
    {"group": "b heat", "technology": "boiler_b", "measure": "activity"},
    {"group": "a capacity", "technology": "boiler_a", "measure": "capacity", "sense": "max"},
]


def test_equal_costs_span_the_whole_range_between_them(tmp_path):
    boilers_case(tmp_path / "boilers.xlsx")
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", EQUAL_GROUPS)
    result = _run(path, tmp_path / "res")
    assert (result.variants["status"] == "optimal").all()
    assert len(result.variants) == 1 + 2 + 2 + 1
    g = _groups(result)
    for name in ("a heat", "b heat"):  # 0 to 100 % of the heat, either way
        assert g.loc[name, "min [unit]"] == pytest.approx(0.0, abs=1e-8)
        assert g.loc[name, "max [unit]"] == pytest.approx(HEAT, rel=1e-8)
        assert g.loc[name, "verdict"] == "optional"
    # the slack buys idle capacity: 5 % of 3.628 MEUR at 0.1 MEUR/MW = 1.814 MW more
    assert g.loc["a capacity", "max [unit]"] == pytest.approx(MW + 0.05 * OPTIMUM / ANNUITY,
                                                                 rel=1e-8)
    _assert_within_slack(result, 0.05, OPTIMUM)
    techs = result.technologies.set_index("technology")
    assert set(techs["verdict"]) == {"interchangeable"}
    assert techs.loc["boiler_a", "replaced by"].startswith("boiler_b (+")
    ranges = result.ranges.set_index(["group", "year"])
    assert ranges.loc[("b heat", 2025), "max [unit]"] == pytest.approx(HEAT, rel=1e-8)
    assert 0 < ranges.loc[("b heat", 2025), "share building"] < 1
    directions = result.variants[result.variants["kind"] != "optimum"]
    assert directions["warm"].all()  # re-solved from the optimum's basis


# boiler b costs EXTRA more per GWh: taking over all the heat costs 87.6 * 0.002 = 0.1752
# MEUR, which a slack covers from 0.1752 / 3.628 = 4.829 % on.
THRESHOLD = HEAT * EXTRA / OPTIMUM
DEARER_GROUPS = [
    {"group": "a", "technology": "boiler_a", "measure": "capacity", "sense": "min"},
    {"group": "b heat", "technology": "boiler_b", "measure": "activity", "sense": "max"},
]


@pytest.mark.parametrize("slack", [0.0, THRESHOLD - 0.001, THRESHOLD + 0.001, 0.06])
def test_a_dearer_boiler_takes_over_only_when_the_slack_covers_its_extra_cost(tmp_path,
                                                                              slack):
    boilers_case(tmp_path / "boilers.xlsx", extra_b=EXTRA)
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", DEARER_GROUPS,
                              slack=slack)
    result = _run(path, tmp_path / "res")
    g = _groups(result)
    room = slack * OPTIMUM  # MEUR above the least cost
    # b serves what the room pays for at EXTRA per GWh; a keeps the rest (8.76 GWh per MW)
    b_heat = min(HEAT, room / EXTRA)
    a_min = max(0.0, (HEAT - room / EXTRA) / 8.76)
    assert g.loc["b heat", "max [unit]"] == pytest.approx(b_heat, rel=1e-8, abs=1e-8)
    assert g.loc["a", "min [unit]"] == pytest.approx(a_min, rel=1e-8, abs=1e-8)
    below = slack < THRESHOLD
    assert bool(g.loc["a", "verdict"] == "indispensable") == below
    assert bool(g.loc["b heat", "max [unit]"] < HEAT - 1e-6) == below
    if slack == 0.0:
        assert g.loc["b heat", "verdict"] == "never"
    _assert_within_slack(result, slack, OPTIMUM)


def test_a_negative_optimum_leaves_room_above_it(tmp_path):
    """A wind farm selling power earns more than it costs: NPV = 10 * 0.1 - 87.6 * 0.05 =
    -3.38 MEUR. 5 % slack lets the cost rise to -3.38 + 0.05 * 3.38 = -3.211 MEUR (not
    1.05 x -3.38, below the optimum): each MW less forgoes 0.438 - 0.1 = 0.338 MEUR, so the
    farm may shrink by 0.169 / 0.338 = 0.5 MW."""
    write_tables(tables(
        {"cluster": "wind"},
        commodities=[{"commodity": "electricity", "kind": "export", "unit": "GWh"}],
        technologies=[tech("wind", lifetime=10)],
        flows=[{"technology": "wind", "commodity": "electricity", "direction": "out",
                "ratio": 1.0}],
        costs=[{"technology": "wind", "parameter": "capex", 2025: 1.0}],
        capacity=[{"technology": "wind", "parameter": "max", 2025: 10.0}],
        prices=[{"commodity": "electricity", "parameter": "export_price", 2025: 0.05}],
    ), tmp_path / "wind.xlsx")
    path = alternatives_study(tmp_path / "alt.xlsx", "wind.xlsx", [
        {"group": "wind", "technology": "wind", "measure": "capacity", "sense": "min"}])
    result = _run(path, tmp_path / "res")
    optimum = 10 * 0.1 - 87.6 * 0.05
    npv = _npv(result)
    assert npv[0] == pytest.approx(optimum, rel=1e-8)
    assert npv.max() <= optimum + 0.05 * abs(optimum) + 1e-9
    assert _groups(result).loc["wind", "min [unit]"] == pytest.approx(9.5, rel=1e-8)
    bound = result.table[result.table["output"] == "cost_bound"]["value"]
    assert np.allclose(bound, -3.211, rtol=1e-12)


def test_elastic_alternatives_bound_the_cost_without_penalties_and_keep_the_misses(tmp_path):
    """A zero cap that the case cannot meet: the electric boiler is limited to 5 MW (43.8
    GWh), the gas boiler emits 0.0002 Mt/GWh on the other 43.8 GWh, so the target is missed
    by 0.00876 Mt. Gas is cheaper (0.03 against 0.06 MEUR/GWh), so without holding the
    misses an alternative could burn gas for all the heat; with them the gas boiler's heat
    is at most 43.8 GWh. Cost without penalties: 10 MW * 0.1 + 43.8 * (0.03 + 0.06)."""
    write_tables(tables(
        {"cluster": "elastic"},
        commodities=[{"commodity": "gas", "kind": "supply", "unit": "GWh"},
                     {"commodity": "electricity", "kind": "supply", "unit": "GWh"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh"},
                     {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
        technologies=[tech("gas_boiler", lifetime=10), tech("e_boiler", lifetime=10)],
        flows=[{"technology": "gas_boiler", "commodity": "gas", "direction": "in",
                "ratio": 1.0},
               {"technology": "gas_boiler", "commodity": "heat", "direction": "out",
                "ratio": 1.0},
               {"technology": "gas_boiler", "commodity": "co2", "direction": "out",
                "ratio": 0.0002},
               {"technology": "e_boiler", "commodity": "electricity", "direction": "in",
                "ratio": 1.0},
               {"technology": "e_boiler", "commodity": "heat", "direction": "out",
                "ratio": 1.0}],
        costs=[{"technology": t, "parameter": "capex", 2025: 1.0}
               for t in ("gas_boiler", "e_boiler")],
        capacity=[{"technology": "e_boiler", "parameter": "max", 2025: 5.0}],
        prices=[{"commodity": "gas", "parameter": "price", 2025: 0.03},
                {"commodity": "electricity", "parameter": "price", 2025: 0.06}],
        demand=[{"commodity": "heat", 2025: HEAT}],
        targets=[{"year": 2025, "kind": "absolute", "value": 0.0}],
    ), tmp_path / "elastic.xlsx")
    path = alternatives_study(tmp_path / "alt.xlsx", "elastic.xlsx", [
        {"group": "gas heat", "technology": "gas_boiler", "measure": "activity",
         "sense": "max"},
        {"group": "e capacity", "technology": "e_boiler", "measure": "capacity",
         "sense": "min"}], slack=0.2)
    result = _run(path, tmp_path / "res")
    assert (result.variants["status"] == "optimal").all()
    cost = MW * 0.1 + 43.8 * (0.03 + 0.06)  # 4.942 MEUR
    npv = _npv(result)
    assert npv[0] == pytest.approx(cost, rel=1e-8)
    assert (npv <= 1.2 * cost * (1 + 1e-9)).all()
    g = _groups(result)
    assert g.loc["gas heat", "max [unit]"] == pytest.approx(43.8, rel=1e-8)
    assert g.loc["e capacity", "min [unit]"] == pytest.approx(5.0, rel=1e-8)


def _sorted(result) -> pd.DataFrame:
    return result.table.sort_values(["variant", "output", "item", "year"]).reset_index(
        drop=True)


def _same(a: pd.DataFrame, b: pd.DataFrame, tol: float = 1e-9) -> None:
    assert len(a) == len(b)
    np.testing.assert_allclose(a["value"].to_numpy(float), b["value"].to_numpy(float),
                               rtol=tol, atol=tol)
    for column in ("variant", "output", "item", "year", "status", "label"):
        assert a[column].astype(str).tolist() == b[column].astype(str).tolist(), column


def test_pool_serial_and_dask_give_the_same_ranges(tmp_path):
    boilers_case(tmp_path / "boilers.xlsx", extra_b=EXTRA)
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", [
        *EQUAL_GROUPS[:2], {"group": "all capacity", "technology": "boiler_*",
                            "measure": "capacity"}], random=12)
    serial = _run(path, tmp_path / "serial")
    pool = _run(path, tmp_path / "pool", workers=2)
    dask = _run(path, tmp_path / "dask", workers=2, dask="local")
    assert (serial.variants["status"] == "optimal").all() and len(serial.variants) == 19
    _same(_sorted(serial), _sorted(pool))
    _same(_sorted(serial), _sorted(dask))
    pd.testing.assert_frame_equal(serial.ranges, pool.ranges)
    pd.testing.assert_frame_equal(serial.ranges, dask.ranges)
    on_disk = pd.read_csv(pool.folder / "ranges.csv")
    assert len(on_disk) == len(serial.ranges)
    # random directions weigh every group: each weight vector has unit length
    weights = serial.variants.filter(like="weight ")[serial.variants["kind"] == "random"]
    assert np.allclose(np.sqrt((weights ** 2).sum(axis=1)), 1.0)
    # cold solves (each direction from scratch) find the same extreme measures
    cold = _run(path, tmp_path / "cold", cold=True)
    extremes = ["optimum [unit]", "min [unit]", "max [unit]"]
    pd.testing.assert_frame_equal(serial.groups[extremes], cold.groups[extremes], rtol=1e-7)
    assert not cold.variants["warm"].any()


def test_a_resumed_run_equals_an_uninterrupted_one(tmp_path, monkeypatch):
    boilers_case(tmp_path / "boilers.xlsx", extra_b=EXTRA)
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", EQUAL_GROUPS, random=8)
    save = ChunkStore.save
    calls = []

    def crash_after_three(self, index, results):
        if len(calls) == 3:
            raise KeyboardInterrupt  # as Ctrl-C: the chunks stored so far stay
        calls.append(index)
        save(self, index, results)

    monkeypatch.setattr(ChunkStore, "save", crash_after_three)
    with pytest.raises(StudyInterrupted) as info:
        _run(path, tmp_path / "res", chunk_size=1)
    partial = info.value.folder
    assert partial.name.endswith(".partial") and info.value.done == 3
    monkeypatch.setattr(ChunkStore, "save", save)
    resumed = run_study(None, results_dir=tmp_path / "res", resume=partial, workers=2,
                        progress=False)
    assert not partial.exists()
    whole = _run(path, tmp_path / "whole", chunk_size=1)
    _same(_sorted(resumed), _sorted(whole))
    pd.testing.assert_frame_equal(resumed.ranges, whole.ranges)
    manifest = json.loads((resumed.folder / "manifest.json").read_text())
    assert manifest["statuses"] == {"optimal": 14} and manifest["slack"] == 0.05


def test_the_workbook_has_declared_tables_and_a_native_range_chart(tmp_path):
    boilers_case(tmp_path / "boilers.xlsx")
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", EQUAL_GROUPS)
    assert main(["study", str(path), "--results", str(tmp_path / "res"), "--quiet",
                 "--workers", "1", "--plans"]) == 0
    [folder] = list((tmp_path / "res" / "alt").iterdir())
    book = openpyxl.load_workbook(folder / "study.xlsx")
    assert book.sheetnames == ["about", "groups", "ranges", "technologies", "alternatives",
                               "plans", "charts"]
    assert book["ranges"].tables and book["groups"].tables
    header = [c.value for c in book["groups"][1]]
    assert header[:2] == ["group", "technologies"] and "verdict" in header
    plans = pd.read_csv(folder / "plans.csv")
    # each alternative's capacity table: 6 alternatives x 2 boilers x 1 year
    assert len(plans) == 12 and set(plans["alternative"]) == set(range(6))
    row = plans[(plans["direction"] == "max a capacity") & (plans["technology"] ==
                                                           "boiler_a")].iloc[0]
    assert row["capacity [capacity_unit]"] == pytest.approx(MW + 0.05 * OPTIMUM / ANNUITY)
    import zipfile

    with zipfile.ZipFile(folder / "study.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/")]
    assert len(charts) == 3  # one per group
    assert all('<c:grouping val="stacked"/>' in c and "ranges!" in c for c in charts)


BAD_ROWS = [
    ({"group": "x", "technology": "boiler_a", "measure": "capacities"}, "measure",
     "unknown measure"),
    ({"group": "x", "technology": "boiler_a", "measure": "capacity", "sense": "up"},
     "sense", "unknown sense"),
    ({"group": "x", "technology": "boiler_a", "measure": "capacity", "years": "20x0"},
     "years", "not years"),
    ({"group": "x", "technology": "boiler_a", "measure": "capacity", "years": "2030"},
     "years", "2030 is not a modelled year"),
    ({"group": "x", "technology": "heat_pump*", "measure": "capacity"}, "technology",
     "picks no technology"),
    ({"group": None, "technology": "boiler_a", "measure": "capacity"}, "group",
     "group name is empty"),
    ({"group": "a heat", "technology": "boiler_a", "measure": "capacity"}, "group",
     "defined in row 2 already"),
]


@pytest.mark.parametrize("row, column, words", BAD_ROWS)
def test_bad_rows_name_sheet_row_and_column_and_write_nothing(tmp_path, capsys, row, column,
                                                              words):
    boilers_case(tmp_path / "boilers.xlsx")
    path = alternatives_study(tmp_path / "bad.xlsx", "boilers.xlsx", [EQUAL_GROUPS[0], row])
    assert main(["study", str(path), "--results", str(tmp_path / "res"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx, sheet 'alternatives', cell" in err and f"column '{column}'" in err
    assert words in err
    assert not (tmp_path / "res").exists()
    with pytest.raises(CaseError) as info:
        run_study(path, results_dir=tmp_path / "res", progress=False)
    [p] = info.value.problems
    assert (p.sheet, p.row, p.column) == ("alternatives", 3, column)


@pytest.mark.parametrize("slack", [5, -0.01, "5%"])
def test_a_slack_that_is_not_a_fraction_is_refused(tmp_path, slack):
    boilers_case(tmp_path / "boilers.xlsx")
    path = alternatives_study(tmp_path / "bad.xlsx", "boilers.xlsx", EQUAL_GROUPS,
                              slack=slack)
    definition, problems = read_alternatives(path)
    assert definition is None
    [p] = problems
    assert (p.sheet, p.column, p.message) == ("study", "value",
                                              "'slack' is not a fraction of the cost")
    if slack == 5:
        assert "for 5 % write 0.05" in p.expected


def test_a_group_mixing_units_is_a_warning(tmp_path):
    boilers_case(tmp_path / "boilers.xlsx", unit_b="t/h")
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", [
        {"group": "both", "technology": "boiler_*", "measure": "capacity"}])
    assert main(["validate", str(path)]) == 0
    result = _run(path, tmp_path / "res")
    [w] = result.warnings
    assert "different units" in w.message and w.row == 2
    assert _groups(result).loc["both", "unit"] == "mixed units"


def test_the_study_template_has_the_alternatives_sheet_with_drop_downs(tmp_path):
    path = write_scenario_template(tmp_path / "tpl.xlsx", study=True)
    book = openpyxl.load_workbook(path)
    ws = book["alternatives"]
    assert [c.value for c in ws[1]] == ["group", "technology", "measure", "years", "sense",
                                        "note"]
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists["C"] == '"capacity,new_capacity,activity"'
    assert lists["E"] == '"both,min,max,none"'
    items = [r[0].value for r in book["study"].iter_rows(min_row=2)]
    assert {"slack", "random_directions"} <= set(items)
    assert "averaged over the years" in ws["C1"].comment.text


def test_new_capacity_by_a_year_sums_the_years_up_to_it(tmp_path):
    """Three years (2025-2027, r = 0); heat demand doubles in 2027, when a second 10 MW
    is built. C* = 10 MW x 3 yr x 0.1 + 10 MW x 1 yr x 0.1 + 350.4 GWh x 0.03 = 14.512 MEUR.
    'new capacity by 2026' (years 2025-2026) is 10 MW at the optimum. With 1.5 MEUR of room:
    the 2027 boiler built in 2026 costs one more year of annuity (0.1 MEUR/MW, 1.0 for all
    10 MW), and each further MW built in 2026 and never needed 2 x 0.1 MEUR: 0.5 / 0.2 = 2.5
    MW more, so at most 22.5 MW are built by 2026."""
    write_tables(tables(
        {"cluster": "growing", "end_year": 2027},
        commodities=[{"commodity": "gas", "kind": "supply", "unit": "GWh"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh"}],
        technologies=[tech("boiler", lifetime=10)],
        flows=[{"technology": "boiler", "commodity": "gas", "direction": "in", "ratio": 1},
               {"technology": "boiler", "commodity": "heat", "direction": "out",
                "ratio": 1}],
        costs=[{"technology": "boiler", "parameter": "capex", 2025: 1.0}],
        prices=[{"commodity": "gas", "parameter": "price", 2025: GAS}],
        demand=[{"commodity": "heat", 2025: HEAT, 2026: HEAT, 2027: 2 * HEAT}],
    ), tmp_path / "growing.xlsx")
    optimum = 3.0 + 1.0 + (HEAT + HEAT + 2 * HEAT) * GAS
    assert optimum == pytest.approx(14.512)
    path = alternatives_study(tmp_path / "alt.xlsx", "growing.xlsx", [
        {"group": "by 2026", "technology": "boiler", "measure": "new_capacity",
         "years": "2025-2026", "sense": "max"},
        {"group": "in 2027", "technology": "boiler", "measure": "capacity",
         "years": "2027", "sense": "none"},
        {"group": "mean capacity", "technology": "boiler", "measure": "capacity",
         "years": "2026, 2027", "sense": "none"}], slack=1.5 / optimum)
    result = _run(path, tmp_path / "res")
    assert _npv(result)[0] == pytest.approx(optimum, rel=1e-8)
    g = _groups(result)
    assert g.loc["by 2026", "optimum [unit]"] == pytest.approx(MW, rel=1e-8)
    assert g.loc["by 2026", "max [unit]"] == pytest.approx(22.5, rel=1e-8)
    assert len(result.variants) == 2  # the optimum and one direction ('none': reported)
    assert g.loc["in 2027", "max [unit]"] == pytest.approx(22.5, rel=1e-8)
    # capacity is averaged over its years: (10 + 20) / 2 MW at the optimum
    assert g.loc["mean capacity", "optimum [unit]"] == pytest.approx(15.0, rel=1e-8)
    ranges = result.ranges.set_index(["group", "year"])
    assert ranges.loc[("by 2026", 2026), "max [unit]"] == pytest.approx(12.5, rel=1e-8)
    assert not ranges.loc[("by 2026", 2027), "in the measure"]


def test_the_bundled_alternatives_study_validates():
    path = ROOT / "scenarios" / "dunkerque_alternatives.xlsx"
    assert main(["validate", str(path)]) == 0
    definition, _ = read_alternatives(path)
    assert definition.slack == 0.05 and os.path.exists(definition.base)


def test_verdicts_and_what_replaces_a_technology_by_hand():
    from model.study.ranges import technologies_table

    built = {"a": [10, 0, 10, 5], "b": [0, 10, 0, 5], "c": [1, 1, 1, 1], "d": [0, 0, 0, 0]}
    ok = pd.DataFrame([(v, "new_capacity", t, 2030, float(x), "MW") for t, xs in built.items()
                       for v, x in enumerate(xs)],
                      columns=["variant", "output", "item", "year", "value", "unit"])
    table = technologies_table(ok, {"a": "k", "b": "k", "c": "k", "d": "k"})
    assert list(table["technology"]) == ["c", "a", "b"]  # d is never built
    t = table.set_index("technology")
    assert t.loc["c", "verdict"] == "indispensable" and t.loc["c", "replaced by"] == ""
    assert (t.loc["a", "share building"], t.loc["b", "share building"]) == (0.75, 0.5)
    # without a (variant 1) b is 10; with a (0, 2, 3) b averages 5/3: (10 - 5/3) / 10
    assert t.loc["a", "replaced by"] == "b (+83% of its range)"
    # without b (0, 2) a is 10; with b (1, 3) a averages 2.5: (10 - 2.5) / 10
    assert t.loc["b", "replaced by"] == "a (+75% of its range)"
    assert t.loc["a", "built, max [capacity_unit]"] == 10


def three_boilers(path: Path) -> Path:
    """Boilers a, b and c; b is 0.002 and c 0.004 MEUR/GWh dearer than a."""
    boilers_case(path, extra_b=EXTRA)
    book = openpyxl.load_workbook(path)
    sheets = {ws.title: ws for ws in book}
    for name, rows in (("technologies", 1), ("flows", 2), ("costs", 2)):
        ws = sheets[name]
        for row in [r for r in ws.iter_rows(min_row=2, values_only=True)
                    if r[0] == "boiler_b"][:rows]:
            ws.append(["boiler_c", *row[1:]])
    for row in sheets["costs"].iter_rows(min_row=2):
        if row[0].value == "boiler_c" and row[1].value == "variable_om":
            row[2].value = 2 * EXTRA
    book.save(path)
    return path


THREE_GROUPS = [
    {"group": "a heat", "technology": "boiler_a", "measure": "activity", "sense": "min"},
    {"group": "c heat", "technology": "boiler_c", "measure": "activity", "sense": "max"}]


def test_each_alternative_is_the_cheapest_plan_at_its_extreme(tmp_path):
    """6 % slack leaves 0.21768 MEUR of room. Without a (its minimum, 0 GWh) the heat may
    come from b and up to (0.21768 - 0.1752) / 0.002 = 21.24 GWh from c; the reported plan
    is the cheapest of those: all from b, 3.628 + 87.6 x 0.002 = 3.8032 MEUR. c's maximum is
    0.21768 / 0.004 = 54.42 GWh, the rest from a."""
    three_boilers(tmp_path / "boilers.xlsx")
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", [
        {"group": "a heat", "technology": "boiler_a", "measure": "activity", "sense": "min"},
        {"group": "c heat", "technology": "boiler_c", "measure": "activity", "sense": "max"},
    ], slack=0.06)
    result = _run(path, tmp_path / "res")
    by_label = result.variants.set_index("label")["variant"]
    npv = _npv(result)
    assert npv[by_label["min a heat"]] == pytest.approx(OPTIMUM + HEAT * EXTRA, rel=1e-8)
    act = result.table[result.table["output"] == "activity"].set_index(["variant", "item"])
    assert act.loc[(by_label["min a heat"], "boiler_c"), "value"] == pytest.approx(0, abs=1e-8)
    assert act.loc[(by_label["max c heat"], "boiler_c"), "value"] == pytest.approx(
        0.06 * OPTIMUM / (2 * EXTRA), rel=1e-8)
    assert npv[by_label["max c heat"]] == pytest.approx(1.06 * OPTIMUM, rel=1e-8)


def test_the_second_stage_finds_the_cheapest_plan_from_a_dear_one(tmp_path):
    """Stage 1 sent to the dearest plan without a (min a heat, then as much c as the room
    allows: 21.24 GWh); stage 2 on the direction 'min a heat' must come back to all-b."""
    from model.study.alternatives_run import load_alternatives
    from model.study.mga import AlternativesJob, NearOptimal
    from model.study.run import worker_options

    three_boilers(tmp_path / "boilers.xlsx")
    path = alternatives_study(tmp_path / "alt.xlsx", "boilers.xlsx", THREE_GROUPS,
                              slack=0.06)
    loaded = load_alternatives(path)
    job = AlternativesJob(loaded.base, tuple(loaded.groups), 0.06, worker_options(loaded.base))
    model = NearOptimal(job)
    a, c = model.vectors["a heat"], model.vectors["c heat"]
    loaded_model = model.loaded()
    dear = loaded_model.extreme(a - 1e-3 * c, job.options)
    assert float(c @ dear.solution.x) == pytest.approx(21.24, rel=1e-8)
    cheapest = loaded_model.cheapest(a, dear, model.cost, model.lp.offset, job.options)
    x = cheapest.solution.x
    assert float(a @ x) == pytest.approx(0.0, abs=1e-8)
    assert float(c @ x) == pytest.approx(0.0, abs=1e-8)
    assert float(model.cost @ x + model.lp.offset) == pytest.approx(OPTIMUM + HEAT * EXTRA,
                                                                     rel=1e-9)


def test_alternatives_of_a_scenario_workbook_around_the_scenario(tmp_path):
    """An alternatives sheet in a scenario workbook explores around the scenario: boiler b
    made dearer by the scenario's change, so b can take all the heat only from 4.83 %."""
    boilers_case(tmp_path / "boilers.xlsx")
    path = write_selector_workbook(tmp_path / "dear_b.xlsx", {
        "scenario": [{"item": "base", "value": "boilers.xlsx"}],
        "changes": [{"sheet": "costs", "technology": "boiler_b", "parameter": "capex",
                     "field": "*", "operation": "scale", "value": 1.0}],
        "costs": [{"technology": "boiler_b", "parameter": "variable_om", 2025: EXTRA}],
        "study": [{"item": "slack", "value": 0.04}],
        "alternatives": [DEARER_GROUPS[1]]})
    assert main(["validate", str(path)]) == 0
    result = _run(path, tmp_path / "res")
    g = _groups(result)
    assert g.loc["b heat", "max [unit]"] == pytest.approx(0.04 * OPTIMUM / EXTRA, rel=1e-8)
    assert main([str(path), "--results", str(tmp_path / "runs"), "--quiet"]) == 0


@pytest.mark.slow
def test_the_bundled_alternatives_study_runs(tmp_path):
    """What the README reads from it: capture, storage by 2035 and DAC in 2050 in every plan
    within 5 %, electrolysers and offshore wind optional, no plan above the bound."""
    result = run_study(ROOT / "scenarios" / "dunkerque_alternatives.xlsx",
                       results_dir=tmp_path, progress=False)
    assert (result.variants["status"] == "optimal").all() and len(result.variants) == 20
    verdict = _groups(result)["verdict"].to_dict()
    assert verdict == {"CO2 capture": "indispensable", "electrolysers": "optional",
                       "offshore wind": "optional", "DAC": "indispensable",
                       "CO2 storage by 2035": "indispensable"}
    npv = _npv(result)
    assert (npv <= 1.05 * npv[0] * (1 + 1e-9)).all()
