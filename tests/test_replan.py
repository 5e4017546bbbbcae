"""The re-plan report (``run.py FILE --from-actuals``): the original plan and the re-plan side
by side, reconciled with the objectives, targets at risk in words, the command line, and the
bundled Dunkerque example.

The small case is tests/test_actuals.py's (heat from a gas boiler or a heat pump, r = 10 %):
a heat pump that may not be built in 2026 costs (2.628 - 1.1 - 0.876) / 1.1^2 = 0.538843
MEUR more.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from model import cli
from model.pipeline import EXIT_TARGETS_MISSED, run_case
from model.plan_comparison import AT_RISK_MAC_RATIO, status
from model.replan import FromActuals
from model.results.figures import TargetFigure
from model.workbook import write_tables
from tests import builders as b
from tests.test_actuals import D26, heat_case, hp_flows

PROJECT = Path(__file__).resolve().parent.parent
EXAMPLE = PROJECT / "scenarios" / "dunkerque_actuals_2031.xlsx"
DELAY = (2.628 - 1.1 - 0.876) * D26


def replan_run(case, **kw):
    return run_case(case, results_dir=None, planner=FromActuals(), **kw)


def figure(table, item, column="change"):
    return table.loc[table["item"] == item, column].iloc[0]


def test_the_replan_tables_reconcile_with_the_objectives():
    rows = [{"year": 2026, "technology": "heat_pump", "commissioned": 0.0}]
    run = replan_run(heat_case(rows, 2026), analysis=False)
    tables = run.results.tables
    head, years = tables["replan"], tables["replan_years"]
    original = figure(head, "net present cost", "original plan")
    replan = figure(head, "net present cost", "re-plan")
    assert replan == pytest.approx(run.outcome.objective, rel=1e-12)
    assert replan - original == pytest.approx(DELAY, rel=1e-9)
    assert figure(head, "extra net present cost of what happened") == pytest.approx(DELAY,
                                                                                     rel=1e-9)
    pv = years[years["item"] == "costs, present value"]
    cumulated = years[years["item"] == "costs, present value, cumulated"]
    assert pv["change"].sum() == pytest.approx(DELAY, rel=1e-6)
    assert cumulated["change"].iloc[-1] == pytest.approx(DELAY, rel=1e-6)
    assert cumulated["re-plan"].iloc[-1] == pytest.approx(replan, rel=1e-6)
    # all of it falls in 2026, the year of the delay
    assert list(pv.loc[pv["change"].abs() > 1e-9, "year"]) == [2026]
    capacity = tables["replan_capacity"]
    row = capacity[(capacity["technology"] == "heat_pump") & (capacity["year"] == 2026)].iloc[0]
    assert (row["new, original plan [capacity_unit]"], row["new, re-plan [capacity_unit]"],
            row["new, change [capacity_unit]"]) == pytest.approx((10.0, 0.0, -10.0))
    assert list(tables["actuals_facts"]["technology"])[:1] == ["heat_pump"]


def test_a_target_that_can_no_longer_be_met_is_missed_in_plain_words():
    # 2026 cap of 0: the gas boiler (0.0002 Mt/GWh) must stay off, so the heat pump it needs
    # may not be missing. Without it the target is missed by 87.6 x 0.0002 = 0.01752 Mt.
    rows = [{"year": 2026, "technology": "heat_pump", "commissioned": 0.0}]
    case = heat_case(rows, 2026, co2=0.0002,
                     targets=[{"year": 2026, "kind": "absolute", "value": 0.0}])
    run = replan_run(case, analysis=False)
    assert run.exit_code == EXIT_TARGETS_MISSED
    assert run.outcome.misses == {"2026 absolute scope1": pytest.approx(0.01752)}
    targets = run.results.tables["replan_targets"]
    row = targets[targets["target"] == "2026 absolute scope1"].iloc[0]
    assert row["missed, re-plan [Mt CO2e (/yr)]"] == pytest.approx(0.01752)
    assert row["status"].startswith("missed: the absolute target of 2026 (scope1) is missed "
                                    "by 0.018 Mt CO2e a year")
    head = run.results.tables["replan"]
    # the cost of the delay leaves the penalties out: gas instead of the heat pump in 2026
    assert figure(head, "extra net present cost of what happened") == pytest.approx(DELAY,
                                                                                     rel=1e-9)
    assert figure(head, "penalties of missed targets, present value", "re-plan") > 0
    assert figure(head, "missed 2026 absolute scope1", "re-plan") == pytest.approx(0.01752)


def _target(mac: float, binding: bool = True, missed: float = 0.0) -> TargetFigure:
    return TargetFigure("2030 reduction scope1", "reduction", "scope1", 2030, 7.2, 7.2,
                        missed, binding, mac - 100.0, 100.0, mac)


def test_a_target_is_at_risk_when_binding_now_or_at_a_much_higher_mac():
    first = "original plan"
    assert AT_RISK_MAC_RATIO == 1.25
    assert status(_target(200), _target(240), first, "MEUR") == "met, binding"
    assert status(_target(200), _target(260), first, "MEUR").startswith(
        "at risk: binding at a MAC 1.3 times the original plan's (200.0 -> 260.0")
    assert status(_target(100, binding=False), _target(150), first, "MEUR").startswith(
        "at risk: binding now (MAC 150.0 MEUR/Mt CO2e)")
    assert status(_target(100, binding=False), _target(100, binding=False), first,
                  "MEUR") == "met"
    assert status(_target(200), _target(1e5, missed=0.5), first, "MEUR").startswith(
        "missed: the reduction target of 2030 (scope1) is missed by 0.500 Mt CO2e a year")


# --------------------------------------------------------------------------------------
# the command line
# --------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def _wide_terminal(monkeypatch):
    monkeypatch.setattr(cli.console, "_width", 250)
    monkeypatch.setattr(cli.errors, "_width", 250)


def _workbook(tmp_path, actuals, until=2026) -> Path:
    frames = b.tables(
        {"end_year": 2027, "discount_rate": 0.1, "actuals_until": until},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler"), b.tech("heat_pump", category="electrification",
                                                   lifetime=1)],
        flows=b.gas_boiler_flows(co2=0.0) + hp_flows(),
        costs=[b.yearly({"technology": "heat_pump", "parameter": "capex"}, {2025: 0.1})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"},
                           {2025: 20})],
        **({"actuals": actuals} if actuals else {}))
    if until is None:
        frames["settings"] = frames["settings"][frames["settings"]["name"] != "actuals_until"]
    return write_tables(frames, tmp_path / "heat.xlsx")


def test_run_from_actuals_writes_the_comparison_into_the_run_folder(capsys, tmp_path):
    path = _workbook(tmp_path, [{"year": 2026, "technology": "heat_pump",
                                 "commissioned": 0.0}])
    code = cli.main([str(path), "--from-actuals", "--results", str(tmp_path / "out"),
                     "--quiet"])
    out = capsys.readouterr().out
    assert code == 0
    assert "re-plan from the actuals up to 2026: 1 fact(s) recorded" in out
    assert "+0.5 MEUR (extra net present cost of what happened)" in out
    folder = next((tmp_path / "out").glob("*/*"))
    book = openpyxl.load_workbook(folder / "results.xlsx", read_only=True)
    for sheet in ("replan", "replan_years", "replan_capacity",  # no targets: no target sheet
                  "actuals_facts", "charts"):
        assert sheet in book.sheetnames
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "Cost change, present value (re-plan minus original plan)" in html
    assert "extra net present cost of what happened" in html


def test_a_plain_run_says_it_does_not_apply_the_actuals(capsys, tmp_path):
    path = _workbook(tmp_path, [{"year": 2026, "technology": "heat_pump",
                                 "commissioned": 0.0}])
    assert cli.main([str(path), "--results", str(tmp_path / "out"), "--quiet"]) == 0
    assert "records actuals up to 2026; this plan does not apply them" in \
        capsys.readouterr().out


def test_run_from_actuals_without_actuals_exits_2(capsys, tmp_path):
    path = _workbook(tmp_path, [], until=None)
    code = cli.main([str(path), "--from-actuals", "--results", str(tmp_path / "out"),
                     "--quiet"])
    assert code == 2
    assert "--from-actuals needs what happened" in capsys.readouterr().err
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.xlsx"))


def test_from_actuals_and_foresight_exclude_each_other(capsys, tmp_path):
    path = _workbook(tmp_path, [])
    with pytest.raises(SystemExit) as info:
        cli.main([str(path), "--from-actuals", "--foresight", "10"])
    assert info.value.code == 2


# --------------------------------------------------------------------------------------
# the bundled example
# --------------------------------------------------------------------------------------


def test_the_bundled_dunkerque_example(tmp_path):
    """The CO2 export terminal not commissioned in 2030-2031 and the first electrolyser at
    half size (scenarios/dunkerque_actuals_2031.xlsx): the re-plan keeps both, pays for
    them, and the 2030 target is met at a much higher MAC (at risk)."""
    from model.scenario import run_scenario

    run = run_scenario(EXAMPLE, results_dir=tmp_path, planner=FromActuals())
    assert run.outcome.status == "optimal" and run.exit_code == 0
    tables = run.results.tables
    facts = tables["actuals_facts"]
    recorded = facts[facts["from"].str.startswith("actuals sheet")]
    assert set(recorded["technology"]) == {"co2_liquefaction", "electrolyser"}
    new = run.outcome.solution["new"]
    assert new["electrolyser", 2030] == pytest.approx(100.0)
    assert new["co2_liquefaction", 2030] <= 3 * 0.8 + 1e-9  # 2032-2034 at 0.8 Mt/yr a year
    head = tables["replan"]
    delay = figure(head, "extra net present cost of what happened")
    assert delay > 0
    years = tables["replan_years"]
    assert years.loc[years["item"] == "costs, present value", "change"].sum() == \
        pytest.approx(delay, rel=1e-6)
    target = tables["replan_targets"].set_index("target").loc["2030 reduction scope1"]
    assert target["status"].startswith("at risk: binding at a MAC")
    assert (run.folder / "results.xlsx").is_file()
