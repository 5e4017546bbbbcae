"""Studies: definitions, sampling, tornado by hand, reproducibility, pool = serial = Dask,
resume after SIGKILL, Ctrl-C, bad workbooks, the study and comparison workbooks."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

from model.cli import main
from model.errors import CaseError
from model.study.definition import read_study
from model.study.run import run_study
from model.study.variants import running_order
from tests import studykit as kit

pytestmark = pytest.mark.no_cross_check
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def boiler(tmp_path: Path) -> Path:
    return kit.boiler_case(tmp_path / "boiler.xlsx")


@pytest.fixture()
def heat(tmp_path: Path) -> Path:
    return kit.heat_case(tmp_path / "heat.xlsx")


def _table(result) -> pd.DataFrame:
    return result.table.sort_values(["variant", "output", "item", "year"]).reset_index(
        drop=True)


def _same(a: pd.DataFrame, b: pd.DataFrame, tol: float = 1e-9) -> None:
    assert len(a) == len(b)
    for column in a.columns:
        if column == "value" or a[column].dtype.kind == "f":
            np.testing.assert_allclose(a[column].to_numpy(float), b[column].to_numpy(float),
                                       rtol=tol, atol=tol, equal_nan=True)
        else:
            assert a[column].astype(str).tolist() == b[column].astype(str).tolist(), column


TORNADO = [
    {"sensitivity": "gas price", "sheet": "prices", "commodity": "gas", "parameter": "price",
     "field": "*", "operation": "scale", "low": 0.5, "high": 1.5},
    {"sensitivity": "boiler capex", "sheet": "costs", "technology": "boiler",
     "parameter": "capex", "field": "*", "operation": "scale", "low": 0.8, "high": 1.2},
    {"sensitivity": "carbon price", "sheet": "prices", "commodity": "co2", "field": "*",
     "operation": "add", "low": -20, "high": 20},
]


def test_tornado_order_and_swings_by_hand(boiler, tmp_path):
    path = kit.study(tmp_path / "tornado.xlsx", "boiler.xlsx", TORNADO, outputs=["npv"])
    result = run_study(path, results_dir=tmp_path / "res", workers=1, progress=False)
    w = kit.w()
    swings = {  # NPV at high minus NPV at low, by hand
        "gas price": kit.HEAT * kit.GAS_PER_HEAT * kit.GAS_PRICE * 1.0 * w,
        "boiler capex": kit.MW * kit.CAPEX * 0.4 * kit.crf(kit.WACC, kit.LIFE) * w,
        "carbon price": kit.HEAT * kit.CO2_PER_HEAT * 40 * w,
    }
    assert swings["gas price"] > swings["carbon price"] > swings["boiler capex"]
    book = openpyxl.load_workbook(result.folder / "study.xlsx")
    ws = book["tornado"]
    header = [c.value for c in ws[2]]
    rows = [dict(zip(header, [c.value for c in row], strict=True))
            for row in ws.iter_rows(min_row=3, max_row=5)]
    assert [r["parameter"] for r in rows] == ["gas price", "carbon price", "boiler capex"]
    for r in rows:
        assert r["swing"] == pytest.approx(swings[r["parameter"]], rel=1e-7)
    base = rows[0]["base [MEUR]"]
    assert base == pytest.approx(kit.boiler_npv(), rel=1e-9)
    assert rows[0]["at low [MEUR]"] == pytest.approx(
        kit.boiler_npv(gas=0.5 * kit.GAS_PRICE), rel=1e-9)
    import zipfile

    with zipfile.ZipFile(result.folder / "study.xlsx") as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/")]
    [chart] = charts  # one scalar output (npv): one native bar chart
    assert '<c:barDir val="bar"/>' in chart and "tornado!$A$3:$A$5" in chart
    # the long table: one npv row per variant (base + 2 per parameter)
    assert sorted(result.table["variant"]) == list(range(7))
    assert set(result.table["output"]) == {"npv"}


def test_monte_carlo_is_reproducible_from_its_seed_and_stratified(heat, tmp_path):
    path = kit.heat_mc(tmp_path / "mc.xlsx", "heat.xlsx", samples=25, seed=11)
    d1, _ = read_study(path)
    d2, _ = read_study(path)
    v1 = [v.values for v in d1.variants()]
    assert v1 == [v.values for v in d2.variants()]
    other = kit.heat_mc(tmp_path / "mc2.xlsx", "heat.xlsx", samples=25, seed=12)
    assert [v.values for v in read_study(other)[0].variants()] != v1
    samples = [v for v in d1.variants() if v.kind == "mc"]
    assert len(samples) == 25
    gas = np.array([v.values["gas"] for v in samples])
    assert gas.min() >= 0.7 and gas.max() <= 1.6
    # Latin hypercube: one sample in each of the 25 equal-probability strata
    from scipy import stats

    c = (1.0 - 0.7) / (1.6 - 0.7)
    u = stats.triang(c, loc=0.7, scale=0.9).cdf(gas)
    assert sorted(np.floor(u * 25).astype(int)) == list(range(25))
    power = np.array([v.values["power"] for v in samples])
    assert power.min() >= 0.5 and power.max() <= 1.5
    a = run_study(path, results_dir=tmp_path / "a", workers=1, progress=False)
    b = run_study(path, results_dir=tmp_path / "b", workers=1, progress=False)
    _same(_table(a), _table(b), tol=1e-12)


def test_pool_serial_and_dask_give_the_same_table(heat, tmp_path):
    path = kit.heat_mc(tmp_path / "mc.xlsx", "heat.xlsx", samples=16)
    serial = run_study(path, results_dir=tmp_path / "serial", workers=1, progress=False)
    pool = run_study(path, results_dir=tmp_path / "pool", workers=2, progress=False)
    dask = run_study(path, results_dir=tmp_path / "dask", workers=2, dask="local",
                     progress=False)
    cold = run_study(path, results_dir=tmp_path / "cold", workers=1, progress=False,
                     cold=True)
    assert (serial.variants["status"] == "optimal").all()
    # the e-boiler's share moves with the samples: the variants differ
    assert serial.table[serial.table["output"] == "npv"]["value"].nunique() == 17
    _same(_table(serial), _table(pool))
    _same(_table(serial), _table(dask))
    _same(_table(serial), _table(cold), tol=1e-7)  # warm re-solves equal cold runs
    on_disk = pd.read_parquet(pool.folder / "study.parquet")
    _same(_table(pool), on_disk.sort_values(["variant", "output", "item", "year"])
          .reset_index(drop=True))
    csv = pd.read_csv(pool.folder / "study.csv")
    assert len(csv) == len(on_disk)
    manifest = json.loads((pool.folder / "manifest.json").read_text())
    assert manifest["statuses"] == {"optimal": 17}


def _study_process(path: Path, results: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(ROOT / "run.py"), "study", str(path),
                             "--results", str(results), "--workers", "1", "--chunk-size",
                             "1", "--quiet", *extra], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _wait_for_chunks(results: Path, n: int, process: subprocess.Popen) -> Path:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        partial = list(results.glob("*/*.partial/chunks"))
        if partial and len(list(partial[0].glob("*.variants.parquet"))) >= n:
            return partial[0].parent
        assert process.poll() is None, process.communicate()
        time.sleep(0.01)
    raise AssertionError("no chunks stored in time")


def test_sigkill_then_resume_equals_an_uninterrupted_study(heat, tmp_path):
    path = kit.heat_mc(tmp_path / "mc.xlsx", "heat.xlsx", samples=100)
    process = _study_process(path, tmp_path / "killed")
    partial = _wait_for_chunks(tmp_path / "killed", 3, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    done = len(list((partial / "chunks").glob("*.variants.parquet")))
    assert 3 <= done < 101, "killed in the middle of the study"
    resumed = run_study(path, results_dir=tmp_path / "killed", workers=2, resume=partial,
                        progress=False)
    assert not partial.exists() and resumed.folder == partial.with_name(
        partial.name.removesuffix(".partial"))
    whole = run_study(path, results_dir=tmp_path / "whole", workers=1, chunk_size=1,
                      progress=False)
    _same(_table(resumed), _table(whole))


def test_ctrl_c_stops_cleanly_and_says_how_to_resume(heat, tmp_path):
    path = kit.heat_mc(tmp_path / "mc.xlsx", "heat.xlsx", samples=100)
    process = _study_process(path, tmp_path / "res")
    partial = _wait_for_chunks(tmp_path / "res", 2, process)
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    assert "resume with:" in err and "--resume" in err and partial.name in err
    assert (partial / "study.json").exists()
    resumed = run_study(None, results_dir=tmp_path / "res", resume=partial, workers=1,
                        progress=False)
    assert len(resumed.variants) == 101 and (resumed.variants["status"] == "optimal").all()


def test_grid_is_the_full_factorial_of_a_group(heat, tmp_path):
    path = kit.study(tmp_path / "grid.xlsx", "heat.xlsx", [
        {"sensitivity": "gas", "group": "prices", "sheet": "prices", "commodity": "gas",
         "parameter": "price", "field": "*", "operation": "scale", "values": "0.8, 1, 1.2"},
        {"sensitivity": "power", "group": "prices", "sheet": "prices",
         "commodity": "electricity", "parameter": "price", "field": "*",
         "operation": "scale", "values": "0.9, 1.1"},
        {"sensitivity": "capex", "group": "tech", "sheet": "costs", "technology": "e_boiler",
         "parameter": "capex", "field": "*", "operation": "scale", "values": "0.5, 2"},
    ])
    definition, problems = read_study(path)
    variants = definition.variants()
    grid = [v for v in variants if v.kind == "grid"]
    assert len(grid) == 3 * 2 + 2
    assert {(v.values["gas"], v.values["power"]) for v in grid if "gas" in v.values} == {
        (g, p) for g in (0.8, 1, 1.2) for p in (0.9, 1.1)}
    assert sorted(v.id for v in running_order(variants)) == [v.id for v in variants]
    result = run_study(path, results_dir=tmp_path / "res", workers=1, progress=False)
    ws = openpyxl.load_workbook(result.folder / "study.xlsx")["grid"]
    values = [c.value for row in ws.iter_rows() for c in row if c.value is not None]
    assert "power = 0.9" in values and "power = 1.1" in values


def test_selections_with_one_name_move_together(boiler, tmp_path):
    path = kit.study(tmp_path / "tied.xlsx", "boiler.xlsx", [
        {"sensitivity": "energy", "sheet": "prices", "commodity": "gas",
         "parameter": "price", "field": "*", "operation": "scale", "low": 1, "high": 2},
        {"sensitivity": "energy", "sheet": "prices", "commodity": "co2", "field": "*",
         "operation": "scale"},
    ], outputs=["npv"])
    result = run_study(path, results_dir=tmp_path / "res", workers=1, progress=False)
    npv = result.table.set_index("variant")["value"]
    assert npv[2] == pytest.approx(kit.boiler_npv(gas=2 * kit.GAS_PRICE,
                                                  carbon=2 * kit.CARBON_PRICE), rel=1e-9)


@pytest.mark.parametrize("row, column, words", [
    ({"sensitivity": "x", "sheet": "kosts", "field": "*", "operation": "scale", "low": 1,
      "high": 2}, "sheet", "unknown sheet"),
    ({"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "capax",
      "operation": "scale", "low": 1, "high": 2}, "field", "unknown field"),
    ({"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "*",
      "operation": "scale", "distribution": "triangular", "min": 1.2, "mode": 1.0,
      "max": 1.5}, "min", "minimum is above its mode"),
    ({"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "*",
      "operation": "scale", "distribution": "normal", "mean": 1.0, "sd": -0.1}, "sd",
     "must be positive"),
    ({"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "*",
      "operation": "scale", "distribution": "gamma", "min": 1}, "distribution",
     "unknown distribution"),
    ({"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "*",
      "operation": "scale", "low": 1}, "high", "needs both low and high"),
    ({"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "*",
      "operation": "scale", "values": "1, two"}, "values", "numbers separated by commas"),
])
def test_bad_study_rows_name_sheet_row_and_column(boiler, tmp_path, row, column, words):
    path = kit.study(tmp_path / "bad.xlsx", "boiler.xlsx", [TORNADO[0], row])
    definition, problems = read_study(path)
    assert definition is None
    [p] = [p for p in problems if p.severity == "error"]
    assert (p.workbook, p.sheet, p.row, p.column) == ("bad.xlsx", "sensitivities", 3, column)
    assert words in p.message and p.cell is not None


@pytest.mark.parametrize("samples", [0, 10**9, 2.5, "many"])
def test_absurd_sample_counts_are_refused_and_nothing_is_written(boiler, tmp_path, capsys,
                                                                  samples):
    path = kit.study(tmp_path / "bad.xlsx", "boiler.xlsx", [
        {"sensitivity": "x", "sheet": "costs", "technology": "boiler", "field": "*",
         "operation": "scale", "distribution": "uniform", "min": 0.5, "max": 1.5}],
        samples=samples)
    assert main(["study", str(path), "--results", str(tmp_path / "res"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "bad.xlsx, sheet 'study', cell B3, column 'value'" in err
    assert "'samples' is not a whole number in range" in err
    assert not (tmp_path / "res").exists()


def test_a_filter_matching_nothing_in_the_base_is_an_error(boiler, tmp_path, capsys):
    path = kit.study(tmp_path / "bad.xlsx", "boiler.xlsx", [
        {"sensitivity": "x", "sheet": "costs", "technology": "heat_pump", "field": "*",
         "operation": "scale", "low": 1, "high": 2}])
    with pytest.raises(CaseError) as info:
        run_study(path, results_dir=tmp_path / "res", workers=1, progress=False)
    [p] = info.value.problems
    assert (p.sheet, p.row, p.column) == ("sensitivities", 2, "technology")
    assert not (tmp_path / "res").exists()


def test_failed_variants_are_recorded_and_the_study_goes_on(heat, tmp_path):
    path = kit.study(tmp_path / "odd.xlsx", "heat.xlsx", [
        {"sensitivity": "demand", "sheet": "demand", "commodity": "heat", "field": "*",
         "operation": "scale", "low": -1, "high": 1.1},  # negative demand is invalid
        {"sensitivity": "target", "sheet": "targets", "year": 2035, "field": "value",
         "operation": "set", "low": -0.01, "high": 0.02},  # no removals: elastic
    ])
    result = run_study(path, results_dir=tmp_path / "res", workers=1, progress=False)
    status = dict(zip(result.variants["label"], result.variants["status"], strict=True))
    assert status["demand low"] == "invalid"
    assert "negative demand" in result.variants.set_index("label").loc["demand low",
                                                                          "message"]
    assert status["target low"] == "targets missed"
    assert status["demand high"] == status["target high"] == status["base"] == "optimal"


def test_compare_puts_runs_side_by_side_with_differences(boiler, tmp_path):
    scenario = kit.scenario(tmp_path / "gas2.xlsx", "boiler.xlsx", [
        {"sheet": "prices", "commodity": "gas", "parameter": "price", "field": "*",
         "operation": "scale", "value": 2}])
    assert main([str(boiler), "--results", str(tmp_path / "res"), "--quiet"]) == 0
    [run] = list((tmp_path / "res" / "one_boiler").iterdir())
    assert main(["compare", str(run), str(scenario), "--results",
                 str(tmp_path / "res")]) == 0
    [folder] = list((tmp_path / "res" / "compare").iterdir())
    npv = pd.read_excel(folder / "compare.xlsx", sheet_name="npv", header=1, engine="calamine")
    difference = npv[[c for c in npv.columns if " - " in str(c)][0]].iloc[0]
    gas_pv = kit.HEAT * kit.GAS_PER_HEAT * kit.GAS_PRICE * kit.w()
    assert difference == pytest.approx(gas_pv, rel=1e-7)
    assert {"runs", "targets", "emissions", "capacity", "capex"} <= set(
        openpyxl.load_workbook(folder / "compare.xlsx").sheetnames)


def test_bundled_scenarios_and_study_validate():
    for path in sorted((ROOT / "scenarios").glob("*.xlsx")):
        assert main(["validate", str(path)]) == 0, path.name


@pytest.mark.slow
def test_bundled_study_runs(tmp_path):
    assert main(["study", str(ROOT / "scenarios" / "dunkerque_study.xlsx"), "--results",
                 str(tmp_path), "--quiet"]) == 0


def test_resume_refuses_a_changed_study(heat, tmp_path):
    path = kit.heat_mc(tmp_path / "mc.xlsx", "heat.xlsx", samples=150)
    process = _study_process(path, tmp_path / "res")
    partial = _wait_for_chunks(tmp_path / "res", 1, process)
    process.send_signal(signal.SIGKILL)
    process.wait()
    os.remove(path)
    kit.heat_mc(path, "heat.xlsx", samples=150, seed=99)
    with pytest.raises(CaseError) as info:
        run_study(path, results_dir=tmp_path / "res", resume=partial, workers=1,
                  progress=False)
    assert "changed since" in str(info.value)


def test_dunkerque_pool_equals_serial_where_the_lp_has_several_optima(tmp_path):
    """Dunkerque's LP has several optimal bases (levelised costs, read from duals, differ
    between them): only chunks that start from the same state give the same table."""
    base = os.path.relpath(ROOT / "inputs" / "dunkerque.xlsx", tmp_path)
    path = kit.study(tmp_path / "dk.xlsx", base, [
        {"sensitivity": "gas", "sheet": "prices", "commodity": "natural_gas",
         "parameter": "price", "field": "*", "operation": "scale",
         "distribution": "triangular", "min": 0.8, "mode": 1.0, "max": 1.5},
        {"sensitivity": "capture", "sheet": "costs", "technology": "*_capture",
         "parameter": "capex", "field": "*", "operation": "scale",
         "distribution": "normal", "mean": 1.0, "sd": 0.15, "min": 0.65, "max": 1.4},
    ], samples=23)
    serial = run_study(path, results_dir=tmp_path / "serial", workers=1, progress=False,
                       chunk_size=3)
    pool = run_study(path, results_dir=tmp_path / "pool", workers=2, progress=False,
                     chunk_size=3)
    _same(_table(serial), _table(pool))


def test_no_regret_shares_and_percentiles_by_hand():
    from model.study.report import _percentiles, no_regret_table

    rows = []
    for variant, (a_new, b_new) in enumerate([(1.0, 0.0), (2.0, 0.0), (0.0, 0.0),
                                               (4.0, 5.0)]):
        rows += [(variant, "new_capacity", "a", 2030, a_new, "MW"),
                 (variant, "new_capacity", "b", 2030, b_new, "MW"),
                 (variant, "capacity", "a", 2030, 10 + a_new, "MW"),
                 (variant, "capacity", "b", 2030, b_new, "MW")]
    ok = pd.DataFrame(rows, columns=["variant", "output", "item", "year", "value", "unit"])
    table = no_regret_table(ok, 4).set_index("technology")
    assert table.loc["a", "share of variants building"] == 0.75
    assert table.loc["b", "share of variants building"] == 0.25
    assert table.loc["a", "new capacity, P50"] == 1.5
    assert (table.loc["a", "installed, min"], table.loc["a", "installed, max"]) == (10, 14)
    assert not table["robust"].any()
    npv = pd.DataFrame({"variant": range(21), "output": "npv", "item": "total",
                        "year": pd.array([pd.NA] * 21, dtype="Int64"),
                        "value": np.arange(1.0, 22.0), "unit": "MEUR"})
    p = _percentiles(npv, set(range(21))).iloc[0]
    assert (p["P5"], p["P50"], p["P95"], p["n"]) == (2.0, 11.0, 20.0, 21)


def test_a_variant_reads_only_the_sheets_it_changes(heat, tmp_path, monkeypatch):
    # The warm workers read the base's sheets once (BaseSheets); a variant re-reads only the
    # sheets its values touch, and must get the tables and problems a full reading gives,
    # the base's warnings included (an unknown column in a sheet no variant touches).
    import dataclasses

    from model import validation
    from model.study.run import load_definition
    from model.validate import BaseSheets, validate
    from model.workbook import RawSheet, RawWorkbook

    definition, base = load_definition(kit.heat_mc(tmp_path / "mc.xlsx", "heat.xlsx",
                                                   samples=6))
    techs = base.raw.sheets["technologies"]
    noted = RawSheet(techs.name, [*techs.headers, "remark"],
                     {**techs.letters, "remark": "ZZ"}, techs.records)
    base = dataclasses.replace(base, raw=RawWorkbook(
        path=base.raw.path, sheets={**base.raw.sheets, "technologies": noted}))
    sheets = BaseSheets()
    assert sheets.remember(base.raw)[0] is not None
    real, read = validation.read_sheet, []
    monkeypatch.setattr(validation, "read_sheet", lambda schema, sheet, out: (
        sheet is not None and read.append(schema.name), real(schema, sheet, out))[1])
    for variant in definition.variants():
        raw = base.workbook(variant.values)
        read.clear()
        shared, shared_problems = validate(raw, sheets)
        assert set(read) <= {"prices", "costs"}  # the sheets the sensitivities change
        if variant.values:
            assert read, "a variant's changed sheets are read again"
        fresh, fresh_problems = validate(raw)
        assert shared_problems == fresh_problems
        assert any("unknown column" in p.message for p in shared_problems)
        assert shared.settings == fresh.settings and shared.trajectories == fresh.trajectories
        for name, frame in fresh.tables.items():
            pd.testing.assert_frame_equal(shared.tables[name], frame)
