"""Results folders, results workbook and the command line, end to end on a tiny case."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest

import model.xlsx
from model.case import file_hash
from model.report import write_results_workbook
from model.workbook import write_tables
from tests.builders import (
    HEAT_COMMODITIES,
    e_boiler_flows,
    gas_boiler_flows,
    tables,
    tech,
    yearly,
)

ROOT = Path(__file__).resolve().parent.parent


def _workbook(path: Path, cap_2030: float = 0.0, e_boiler_first_year: int = 2025) -> Path:
    tabs = tables(
        {"end_year": 2034, "year_step": 5, "discount_rate": 0.05},
        commodities=HEAT_COMMODITIES,
        technologies=[tech("gas_boiler", lifetime=30),
                      tech("e_boiler", lifetime=20, first_year=e_boiler_first_year)],
        flows=gas_boiler_flows() + e_boiler_flows(),
        costs=[yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.3})],
        capacity=[yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06})],
        demand=[yearly({"commodity": "heat"}, {2025: 87.6})],
        targets=[{"year": 2030, "kind": "absolute", "value": cap_2030}],
    )
    return write_tables(tabs, path)


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "run.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def test_run_writes_a_new_complete_folder_and_never_touches_the_input(tmp_path):
    book = _workbook(tmp_path / "tiny.xlsx")
    before = file_hash(book)
    results = tmp_path / "results"
    first = _run(str(book), "--quiet", "--results", str(results), cwd=tmp_path)
    assert first.returncode == 0, first.stderr + first.stdout
    second = _run(str(book), "--quiet", "--results", str(results), cwd=tmp_path)
    assert second.returncode == 0
    runs = sorted((results / "tiny").iterdir())
    assert len(runs) == 2 and not any(p.name.startswith(".tmp") for p in runs)
    assert file_hash(book) == before
    manifest = json.loads((runs[0] / "manifest.json").read_text())
    assert manifest["status"] == "optimal"
    assert manifest["input_sha256"] == before
    assert {"pyomo", "highspy", "pandas", "openpyxl"} <= set(manifest["versions"])
    assert {"build", "hand_over", "solve"} <= set(manifest["seconds"])
    wb = openpyxl.load_workbook(runs[0] / "results.xlsx", read_only=True)
    expected = {"about", "summary", "targets", "capacity", "investment", "cash_flows",
                "costs", "activity", "flows", "balances", "emissions", "prices"}
    assert expected <= set(wb.sheetnames)
    about = [r[0] for r in wb["about"].iter_rows(min_row=2, values_only=True)]
    assert set(wb.sheetnames) <= set(about)
    costs_header = next(wb["costs"].iter_rows(max_row=1, values_only=True))
    assert "present value [MEUR]" in costs_header
    assert "net present cost" in first.stdout and "results:" in first.stdout


def test_missed_targets_exit_3_and_are_reported(tmp_path):
    # No e-boiler before 2035 and a zero cap in 2030: infeasible, so elastic.
    book = _workbook(tmp_path / "tiny.xlsx", e_boiler_first_year=2035)
    proc = _run(str(book), "--quiet", "--results", str(tmp_path / "r"), cwd=tmp_path)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "elastic" in proc.stdout
    run = next((tmp_path / "r" / "tiny").iterdir())
    manifest = json.loads((run / "manifest.json").read_text())
    assert manifest["elastic_fallback"] is True
    assert manifest["misses_mt"]["2030 absolute scope1"] == pytest.approx(87.6 * 0.0002)


def test_bad_input_exits_2_without_traceback(tmp_path):
    book = _workbook(tmp_path / "tiny.xlsx", cap_2030=0.0)
    wb = openpyxl.load_workbook(book)
    ws = wb["flows"]
    ws["A2"] = "no_such_technology"
    ws2 = wb["technologies"]
    for cell in ws2[1]:
        if cell.value == "lifetime":
            ws2.cell(row=2, column=cell.column, value=-5)
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    proc = _run(str(bad), "--quiet", "--results", str(tmp_path / "r"), cwd=tmp_path)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "no_such_technology" in proc.stderr and "lifetime" in proc.stderr
    assert not (tmp_path / "r").exists() or not any((tmp_path / "r").rglob("results.xlsx"))


@pytest.mark.parametrize("rows_per_block", [1, 3, 10_000])
def test_results_workbook_keeps_types_empty_cells_and_header(tmp_path, monkeypatch,
                                                             rows_per_block):
    # rows are formatted and compressed a block at a time: block edges must not show
    monkeypatch.setattr(model.xlsx, "ROWS_PER_BLOCK", rows_per_block)
    frame = pd.DataFrame({
        "a rather long column header [unit]": pd.Series(["a", None, "= not a formula", ""],
                                                        dtype="str"),
        "value": [1.5, np.nan, -2.25, np.inf],
        "count": np.array([1, 2, 3, 4], dtype=np.int64),
        "flag": [True, False, True, False],
        "mixed": [{"k": 1}, None, np.float64(2.5), [1, 2]],
        "objects": [np.int64(7), np.bool_(True), "text", float("nan")],
    })
    long_name = "a sheet name longer than thirty-one characters"
    path = tmp_path / "results.xlsx"
    write_results_workbook(path, {long_name: frame, "empty": frame.iloc[:0]})

    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [long_name[:31], "empty"]
    ws = wb[long_name[:31]]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows == [
        list(frame.columns),
        ["a", 1.5, 1, True, '{"k": 1}', 7],
        [None, None, 2, False, None, True],
        ["= not a formula", -2.25, 3, True, 2.5, "text"],
        [None, None, 4, False, "[1, 2]", None],
    ]
    types = [[type(v) for v in row] for row in rows[1:]]
    assert types[0] == [str, float, int, bool, str, int]
    assert types[1][2:4] == [int, bool] and types[1][5] is bool
    assert types[2][4] is float
    assert ws["A4"].data_type == "s"  # text, not a formula
    assert all(ws.cell(row=r, column=c).value is None for r, c in [(3, 1), (3, 2), (3, 5),
                                                                    (5, 1), (5, 2), (5, 6)])
    assert ws.freeze_panes == "A2"
    for cell in ws[1]:
        assert cell.font.b and cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb.endswith("E2EFDA")
    assert not ws["A2"].font.b
    # width rule: header length + 2 within [12, 60] characters
    assert 36 <= ws.column_dimensions["A"].width < 37
    assert 12 <= ws.column_dimensions["B"].width < 13

    empty = wb["empty"]
    assert [c.value for c in empty[1]] == list(frame.columns) and empty.max_row == 1
    assert empty.freeze_panes == "A2"
