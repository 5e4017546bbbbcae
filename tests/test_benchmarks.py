"""Smoke run of the benchmark suite (it only reports; no timing is asserted)."""

import csv
import subprocess
import sys
from pathlib import Path

from benchmarks.generate import SIZES, Size, scale_tables
from model.case import derive, load_case
from model.maths import generate

ROOT = Path(__file__).resolve().parent.parent


def test_generated_cases_grow_and_keep_capacity_factors():
    base = load_case(ROOT / "inputs" / "dunkerque.xlsx")
    grown = derive(scale_tables(base.tables, SIZES["m"]))
    assert len(grown.years) == 26 and len(grown.slices) == 4 * 2 * 6
    for t in ("offshore_wind", "solar_pv"):
        cf = sum(base.avail[(t, s)] * base.hours[s] for s in base.slices) / 8760
        cf_grown = sum(grown.avail[(t, s)] * grown.hours[s] for s in grown.slices) / 8760
        assert abs(cf_grown - cf) < 0.01 * cf + 1e-3
    copies = derive(scale_tables(base.tables, Size("t", 5, 1, 2, copies=2)))
    assert len(copies.technologies) > len(base.technologies)
    assert len(generate(copies).columns["new"]) > len(generate(base).columns["new"])


def test_benchmark_smoke_run_writes_its_table(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "xs",
                           "--variants", "3", "--variants-size", "xs", "--with-pyomo",
                           "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "overhead_over_solve" in proc.stdout
    with open(next(tmp_path.glob("benchmark-*.csv"))) as fh:
        rows = list(csv.DictReader(fh))
    assert [r["status"] for r in rows] == ["optimal", "variants"]
    assert "warm re-solves" in proc.stdout and "cold / warm" in proc.stdout
    assert int(rows[0]["nonzeros"]) > 5000
    assert float(rows[0]["end_to_end_over_floor"]) > 1
    assert float(rows[0]["pyomo_build_compile"]) > 0
