"""Benchmark: every phase of a run, on generated cases of growing size, against the raw floor.

    python benchmarks/run.py                 # sizes xs, s, m (l, ~1M nonzeros, with --sizes)
    python benchmarks/run.py --sizes xs,s,m,l --time-limit 1800

Each size runs in a fresh process (clean peak memory) and measures, in that one process:
read workbook, validate, derive, build (Pyomo), hand-over (compile + pass to HiGHS), solve,
load values and duals, extract results, write results; and the **floor**: the same compiled
LP passed to a new ``highspy.Highs`` directly (hand-over only, then with its solve). Ratios
printed: overhead / solve (everything but the HiGHS solve, over the solve) and end-to-end /
floor (the whole run over the floor with its solve). The table is stored as CSV in
``benchmarks/output/``. Timings drift on shared machines; compare ratios within one run.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLUMNS = ["size", "rows", "columns", "nonzeros", "read", "validate", "derive", "build",
           "compile", "pass", "solve", "load", "extract", "write", "total", "floor_pass",
           "floor_solve", "overhead_over_solve", "build_handover_over_floor",
           "end_to_end_over_floor", "peak_mb", "status", "objective", "algorithm"]


def measure(workbook: Path, method: str, time_limit: float | None) -> dict:
    """All phases for one workbook, in this process."""
    import highspy

    from model.case import derive, load_case
    from model.highs import HighsBridge, SolverOptions
    from model.maths import build_model
    from model.report import write_run
    from model.results import collect
    from model.solve import Outcome
    from model.validate import validate
    from model.workbook import read_workbook

    # One-time set-up of Pyomo's compiler (plugin loading) is not part of any phase.
    HighsBridge(build_model(load_case(ROOT / "inputs" / "taicang.xlsx")))

    t = {}
    clock = time.perf_counter
    t0 = clock()
    raw = read_workbook(workbook)
    t["read"] = clock() - t0
    t0 = clock()
    tables, problems = validate(raw)
    t["validate"] = clock() - t0
    if tables is None:
        raise SystemExit("\n".join(map(str, problems)))
    t0 = clock()
    case = derive(tables)
    t["derive"] = clock() - t0
    t0 = clock()
    m = build_model(case)
    t["build"] = clock() - t0
    bridge = HighsBridge(m)
    t["compile"], t["pass"] = bridge.seconds["compile"], bridge.seconds["pass"]
    options = SolverOptions(method=method, time_limit=time_limit)
    result = bridge.solve(options)
    t["solve"], t["load"] = result.seconds["solve"], result.seconds["load"]
    outcome = Outcome(case, m, result, options, seconds=dict(t), size=dict(bridge.size))
    t0 = clock()
    res = collect(outcome) if result.ok else None
    t["extract"] = clock() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = clock()
        write_run(outcome, res, tmp)
        t["write"] = clock() - t0
    t["total"] = sum(t.values())

    floor = highspy.Highs()
    floor.setOptionValue("output_flag", False)
    floor.setOptionValue("time_limit", float(time_limit) if time_limit else highspy.kHighsInf)
    floor.setOptionValue("solver", method)
    t0 = clock()
    floor.passModel(bridge.lp)
    t["floor_pass"] = clock() - t0
    t0 = clock()
    floor.run()
    t["floor_solve"] = clock() - t0

    overhead = t["total"] - t["solve"]
    return {
        **bridge.size, **t,
        "overhead_over_solve": overhead / t["solve"] if t["solve"] > 0 else float("nan"),
        "build_handover_over_floor": (t["build"] + t["compile"] + t["pass"]) / t["floor_pass"],
        "end_to_end_over_floor": t["total"] / (t["floor_pass"] + t["floor_solve"]),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "status": result.status, "objective": result.objective,
        "algorithm": result.algorithm,
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="xs,s,m", help="comma-separated: xs, s, m, l")
    p.add_argument("--method", default="choose", choices=("choose", "simplex", "ipm"))
    p.add_argument("--time-limit", type=float, default=None, help="HiGHS time limit, s")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "output"))
    p.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one workbook
    args = p.parse_args(argv)

    if args.one:
        print(json.dumps(measure(Path(args.one), args.method, args.time_limit)))
        return 0

    from benchmarks.generate import SIZES, write_case

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.sizes.split(","):
            size = SIZES[name.strip()]
            book = write_case(size, Path(tmp))
            cmd = [sys.executable, __file__, "--one", str(book), "--method", args.method]
            if args.time_limit:
                cmd += ["--time-limit", str(args.time_limit)]
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            row = {"size": name, **json.loads(proc.stdout.strip().splitlines()[-1])}
            rows.append(row)
            _print_row(row, header=len(rows) == 1)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = out / f"benchmark-{stamp}.csv"
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwrote {path}")
    return 0


def _print_row(row: dict, header: bool) -> None:
    shown = ["size", "rows", "columns", "nonzeros", "read", "validate", "build", "compile",
             "pass", "solve", "load", "extract", "write", "total", "floor_pass", "floor_solve",
             "overhead_over_solve", "build_handover_over_floor", "end_to_end_over_floor",
             "peak_mb", "status"]
    if header:
        print(" | ".join(shown))
        print(" | ".join("---" for _ in shown))
    cells = []
    for k in shown:
        v = row[k]
        cells.append(f"{v:.3f}" if isinstance(v, float) else str(v))
    print(" | ".join(cells), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
