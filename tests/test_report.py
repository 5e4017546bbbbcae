"""Run folders end to end: results workbook, report.html, Parquet tables, the input's copy,
the command line and the `report` command that rebuilds the outputs without solving."""

import json
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from model.case import file_hash
from model.outputs.schema import TABLES
from model.outputs.shown import show
from model.outputs.store import read_tables
from model.pipeline import run_case
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


def _workbook(path: Path, cap_2030: float = 0.0, e_boiler_first_year: int = 2025,
              cluster: str = "tiny") -> Path:
    tabs = tables(
        {"end_year": 2034, "year_step": 5, "discount_rate": 0.05, "cluster": cluster},
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
    expected = {"about", "summary", "charts", "targets", "capacity", "investment",
                "cash_flows", "costs", "activity", "flows", "balances", "emissions", "prices",
                "chart data"}
    assert expected <= set(wb.sheetnames)
    about = [r[0] for r in wb["about"].iter_rows(min_row=2, values_only=True)]
    assert about == wb.sheetnames  # every sheet, in order
    costs_header = next(wb["costs"].iter_rows(max_row=1, values_only=True))
    assert "present value [MEUR]" in costs_header
    assert "net present cost" in first.stdout and "results:" in first.stdout
    # the rest of the run folder: the report, the tables, the input as it was read
    assert (runs[0] / "report.html").stat().st_size > 10_000
    assert (runs[0] / "input" / "tiny.xlsx").read_bytes() == book.read_bytes()
    assert manifest["input_copy"] == "input/tiny.xlsx"
    stored = read_tables(runs[0])
    assert list(stored)[:3] == ["summary", "targets", "capacity"]
    assert {"write_xlsx", "write_html", "write_parquet"} <= set(manifest["seconds"])


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


def test_hostile_text_from_an_input_stays_text_everywhere(tmp_path):
    name = '=HYPERLINK("http://example.com","<b>x</b>")'
    book = _workbook(tmp_path / "tiny.xlsx", cluster=name)
    run = run_case(book, results_dir=tmp_path / "r")
    wb = openpyxl.load_workbook(run.folder / "results.xlsx")
    cell = wb["summary"]["B2"]
    assert (cell.value, cell.data_type) == (name, "s")
    with zipfile.ZipFile(run.folder / "results.xlsx") as z:
        assert not any(b"<f>" in z.read(n) for n in z.namelist() if "worksheets/" in n)
    page = (run.folder / "report.html").read_text(encoding="utf-8")
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page


# --------------------------------------------------------------------------------------
# the bundled case: declarations cover every table; charts point at the right numbers
# --------------------------------------------------------------------------------------


@cache
def _bundled(tmp: str):
    run = run_case(ROOT / "inputs" / "dunkerque.xlsx", results_dir=Path(tmp))
    return run


@pytest.fixture(scope="module")
def bundled(tmp_path_factory):
    return _bundled(str(tmp_path_factory.mktemp("bundled")))


def test_every_column_of_every_table_is_declared(bundled):
    for name, frame in bundled.results.tables.items():
        assert name in TABLES, f"table {name} is not declared in model/outputs/schema.py"
        shown = show(name, frame)
        assert shown.notes == [], f"{name}: undeclared columns {shown.notes}"
        for c in shown.columns:
            assert not re.search(r"[{}]|\[(capacity_unit|activity_unit|unit)(/yr)?\]",
                                 c.header), c.header


def _refs(path: Path) -> list[list[str]]:
    """Each chart's series references (name, categories, values), chart by chart."""
    with zipfile.ZipFile(path) as z:
        charts = sorted((n for n in z.namelist() if n.startswith("xl/charts/chart")),
                        key=lambda n: int(re.findall(r"\d+", n)[0]))
        return [re.findall(r"<c:f>([^<]*)</c:f>", z.read(n).decode()) for n in charts]


def _cells(ws, ref: str) -> list:
    rng = ref.split("!")[1].replace("$", "")
    if ":" not in rng:
        return [ws[rng].value]
    return [c.value for row in ws[rng] for c in row]


def test_chart_series_point_at_the_numbers_they_draw(bundled):
    path = bundled.folder / "results.xlsx"
    wb = openpyxl.load_workbook(path)
    data = wb["chart data"]
    charts = _refs(path)
    assert len(charts) >= 7 and all(refs for refs in charts)
    titles = {data.cell(row=r, column=1).value: r for r in range(1, data.max_row + 1)}
    # capex by year stacked by technology: each series' cells hold the investment table's
    # sum by year and technology (years without investment as 0)
    inv = bundled.results.tables["investment"]
    by = inv.groupby(["technology", "year"])["overnight investment [MEUR]"].sum()
    title = "Overnight investment by commissioning year [MEUR]"
    chart = next(refs for refs in charts
                 if _cells(data, refs[0])[0] in set(inv["technology"]) and
                 refs[0].endswith(f"$B${titles[title] + 1}"))
    years = _cells(data, chart[1])
    assert years == [2025, 2030, 2035, 2040, 2045, 2050]
    checked = 0
    for name_ref, cats_ref, values_ref in zip(chart[0::3], chart[1::3], chart[2::3],
                                              strict=True):
        assert cats_ref == chart[1]
        tech = _cells(data, name_ref)[0]
        if tech.startswith("other"):
            continue
        expected = [by.get((tech, y), 0.0) for y in years]
        assert _cells(data, values_ref) == pytest.approx(expected, rel=1e-12, abs=1e-9)
        checked += 1
    assert checked == 12
    # annual cost by category: one series per category column of cash_flows
    flows = bundled.results.tables["cash_flows"]
    chart = next(refs for refs in charts if _cells(data, refs[0])[0] == "capex")
    names = [_cells(data, r)[0] for r in chart[0::3]]
    assert names == [c.split(" [")[0] for c in flows.columns
                     if c not in ("year", "total [MEUR]", "total present value [MEUR]",
                                  "cumulative present value [MEUR]")]
    for name, values_ref in zip(names, chart[2::3], strict=True):
        assert _cells(data, values_ref) == pytest.approx(flows[f"{name} [MEUR]"].tolist(),
                                                         rel=1e-14)
    assert _cells(data, chart[1]) == flows["year"].tolist()


def test_report_command_rebuilds_the_outputs_from_parquet(bundled, tmp_path):
    folder = bundled.folder
    stored = read_tables(folder)
    for name, frame in bundled.results.tables.items():
        if not frame.empty:
            pd.testing.assert_frame_equal(stored[name], frame, check_exact=True)
    before = openpyxl.load_workbook(folder / "results.xlsx")
    old_html = (folder / "report.html").read_text(encoding="utf-8")
    (folder / "results.xlsx").unlink()
    (folder / "report.html").unlink()
    proc = _run("report", str(folder), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    after = openpyxl.load_workbook(folder / "results.xlsx")
    assert after.sheetnames == before.sheetnames
    for name in before.sheetnames:
        assert [[c.value for c in row] for row in after[name].iter_rows()] == \
            [[c.value for c in row] for row in before[name].iter_rows()], name
    assert (folder / "report.html").read_text(encoding="utf-8") == old_html
    assert not any(p.name.startswith(".tmp") for p in folder.iterdir())
    assert _run("report", str(tmp_path), cwd=tmp_path).returncode == 2  # not a run folder


def test_outputs_doc_is_generated_from_the_declarations():
    # docs/outputs.md must be regenerated (python -m model.outputs.docs) when they change.
    from model.outputs.docs import render

    assert (ROOT / "docs" / "outputs.md").read_text(encoding="utf-8") == render()
