"""A smoke run of benchmarks/study.py (timings are never asserted; the tables must agree)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_study_benchmark_runs_and_its_modes_agree(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "study.py"), "--samples",
                          "5", "--workers", "2", "--out", str(tmp_path)], cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    assert len(list(tmp_path.glob("study-*.csv"))) == 1
    assert "| serial cold | 6 |" in out.stdout and "variants/s" in out.stdout
    for line in out.stdout.splitlines():
        if line.startswith("largest difference") and "serial cold" not in line:
            assert line.split(": ")[1].startswith("0.00e+00"), line
