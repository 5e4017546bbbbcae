"""Benchmark: every phase of a run, on generated cases of growing size, against the raw floor.

    python benchmarks/run.py                 # the bundled case, sizes xs, s, m (l ~1M and
    python benchmarks/run.py --sizes xs,s,m,l  #   xl ~1.8M nonzeros take minutes each)

Each size runs in a fresh process (clean peak memory) and measures, in that one process:
read workbook, validate, derive, build (the LP's arrays, :func:`model.maths.generate`),
hand-over (pass to HiGHS), solve, load values and duals, extract results, write results (the
whole run folder; also split into the workbook ``write_xlsx``, report.html ``write_html``
and the Parquet tables ``write_parquet``); and
the **floor**: the same arrays passed to a new ``highspy.Highs`` directly (hand-over only,
then with its solve). Ratios printed: overhead / solve (everything but the HiGHS solve, over
the solve), build + hand-over / floor hand-over, and end-to-end / floor (the whole run over
the floor with its solve). ``--with-pyomo`` also times the Pyomo route (build the Pyomo model
and compile it) for comparison. The table is stored as CSV in ``benchmarks/output/``.
Timings drift on shared machines; compare ratios within one run.
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
BUNDLED = ROOT / "inputs" / "dunkerque.xlsx"
sys.path.insert(0, str(ROOT))

COLUMNS = ["size", "rows", "columns", "nonzeros", "read", "validate", "derive", "build",
           "pass", "solve", "load", "extract", "write", "write_xlsx", "write_html",
           "write_parquet", "total", "floor_pass",
           "floor_solve", "overhead_over_solve", "build_handover_over_floor",
           "end_to_end_over_floor", "peak_mb", "pyomo_build_compile", "status", "objective",
           "algorithm"]


def measure(workbook: Path, method: str, time_limit: float | None,
            with_pyomo: bool = False) -> dict:
    """All phases for one workbook, in this process."""
    import highspy

    from model.case import derive
    from model.highs import HighsBridge, SolverOptions
    from model.maths import generate, pyomo_lp
    from model.report import write_run
    from model.results import collect
    from model.solve import Outcome
    from model.validate import validate
    from model.workbook import read_workbook

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
    lp = generate(case)
    t["build"] = clock() - t0
    bridge = HighsBridge(lp)
    t["pass"] = bridge.seconds["pass"]
    options = SolverOptions(method=method, time_limit=time_limit)
    result = bridge.solve(options)
    t["solve"], t["load"] = result.seconds["solve"], result.seconds["load"]
    outcome = Outcome(case, result.solution, result, options, seconds=dict(t),
                      size=dict(bridge.size))
    t0 = clock()
    res = collect(outcome) if result.ok else None
    t["extract"] = clock() - t0
    with tempfile.TemporaryDirectory() as tmp:
        t0 = clock()
        folder = write_run(outcome, res, tmp)
        t["write"] = clock() - t0
        written = json.loads((folder / "manifest.json").read_text())["seconds"]
    t["total"] = sum(t.values())
    parts = {k: written.get(k, 0.0) for k in ("write_xlsx", "write_html", "write_parquet")}

    floor = highspy.Highs()
    floor.setOptionValue("output_flag", False)
    floor.setOptionValue("time_limit", float(time_limit) if time_limit else highspy.kHighsInf)
    floor.setOptionValue("solver", "ipm" if result.algorithm.startswith("ipm") else "simplex")
    floor.setOptionValue("run_crossover", "off" if "no crossover" in result.algorithm else "on")
    t0 = clock()
    floor.passModel(lp.highs_lp())
    t["floor_pass"] = clock() - t0
    t0 = clock()
    floor.run()
    t["floor_solve"] = clock() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if with_pyomo:  # after the peak memory is read: Pyomo's objects are far larger
        t0 = clock()
        pyomo_lp(case)
        t["pyomo_build_compile"] = clock() - t0

    overhead = t["total"] - t["solve"]
    return {
        **bridge.size, **t, **parts,
        "overhead_over_solve": overhead / t["solve"] if t["solve"] > 0 else float("nan"),
        "build_handover_over_floor": (t["build"] + t["pass"]) / t["floor_pass"],
        "end_to_end_over_floor": t["total"] / (t["floor_pass"] + t["floor_solve"]),
        "peak_mb": peak,
        "status": result.status, "objective": result.objective,
        "algorithm": result.algorithm,
    }


def measure_variants(workbook: Path, n: int) -> dict:
    """n gas-price variants: cold runs, warm re-solves, and re-solves of a raw highspy model."""
    import copy

    import highspy
    import numpy as np

    from model.case import derive, load_case
    from model.highs import DUAL_SIMPLEX, PRIMAL_SIMPLEX
    from model.maths import generate
    from model.solve import Resolver, solve_case

    base = load_case(workbook)
    key = ("natural_gas", "price")

    def variant(f: float):
        tables = copy.deepcopy(base.tables)
        tables.trajectories["prices"][key] = {
            y: v * f for y, v in base.tables.trajectories["prices"][key].items()}
        return derive(tables)

    factors = np.linspace(0.8, 1.2, n)
    variants = [variant(f) for f in factors]
    clock = time.perf_counter
    t0 = clock()
    cold = [solve_case(v).objective for v in variants]
    t_cold = clock() - t0

    t0 = clock()
    resolver = Resolver(base)
    t_first = clock() - t0
    warm, warm_solve = [], 0.0
    t0 = clock()
    for v in variants:
        out = resolver.solve(v)
        warm.append(out.objective)
        warm_solve += out.seconds["solve"]
    t_warm = clock() - t0

    # Raw floor: the same LP in a bare Highs; each variant's cost vector (generated outside
    # the timing) pushed with changeColsCost and re-solved from the previous basis, with
    # HiGHS' default dual simplex (as in the reference measurements) and with the primal
    # simplex that the Resolver picks for cost changes.
    costs = [generate(v).cost for v in variants]
    lp = generate(base)
    idx = np.arange(len(lp.cost), dtype=np.int32)
    raw_seconds = {}
    for label, strategy in (("raw", DUAL_SIMPLEX), ("raw_primal", PRIMAL_SIMPLEX)):
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        h.passModel(lp.highs_lp())
        h.run()
        h.setOptionValue("simplex_strategy", strategy)
        t0 = clock()
        for c in costs:
            h.changeColsCost(len(idx), idx, c)
            h.run()
        raw_seconds[label] = clock() - t0
    diff = max(abs(a - b) / max(1.0, abs(b)) for a, b in zip(warm, cold, strict=True))
    return {**lp.size, "cold": t_cold, "first": t_first, "warm": t_warm,
            "warm_solve": warm_solve, **raw_seconds, "max_rel_diff": diff}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="bundled,xs,s,m",
                   help="comma-separated: bundled (the Dunkerque workbook as shipped), xs, s, m, "
                        "l, xl")
    p.add_argument("--method", default="auto", choices=("auto", "choose", "simplex", "ipm"))
    p.add_argument("--variants", type=int, default=20,
                   help="gas-price variants re-solved at --variants-size (0: skip)")
    p.add_argument("--variants-size", default="s")
    p.add_argument("--one-variants", help=argparse.SUPPRESS)  # internal
    p.add_argument("--time-limit", type=float, default=None, help="HiGHS time limit, s")
    p.add_argument("--out", default=str(ROOT / "benchmarks" / "output"))
    p.add_argument("--with-pyomo", action="store_true",
                   help="also time the Pyomo route (build the Pyomo model and compile it)")
    p.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one workbook
    args = p.parse_args(argv)

    if args.one:
        print(json.dumps(measure(Path(args.one), args.method, args.time_limit,
                                 args.with_pyomo)))
        return 0
    if args.one_variants:
        print(json.dumps(measure_variants(Path(args.one_variants), args.variants)))
        return 0

    from benchmarks.generate import SIZES, write_case

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in (n.strip() for n in args.sizes.split(",")):
            book = BUNDLED if name == "bundled" else write_case(SIZES[name], Path(tmp))
            cmd = [sys.executable, __file__, "--one", str(book), "--method", args.method]
            if args.time_limit:
                cmd += ["--time-limit", str(args.time_limit)]
            if args.with_pyomo:
                cmd.append("--with-pyomo")
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            row = {"size": name, **json.loads(proc.stdout.strip().splitlines()[-1])}
            rows.append(row)
            _print_row(row, header=len(rows) == 1)
        if args.variants:
            book = write_case(SIZES[args.variants_size], Path(tmp))
            proc = subprocess.run([sys.executable, __file__, "--one-variants", str(book),
                                   "--variants", str(args.variants)], capture_output=True,
                                  text=True, cwd=ROOT)
            if proc.returncode != 0:
                print(proc.stderr, file=sys.stderr)
                return proc.returncode
            var = json.loads(proc.stdout.strip().splitlines()[-1])
            print(f"\n{args.variants} gas-price variants (x0.8..x1.2) of size "
                  f"{args.variants_size} ({var['nonzeros']} nonzeros):")
            print(f"  cold runs (derive, build, hand-over, solve): {var['cold']:.2f} s")
            print(f"  warm re-solves (Resolver; generate, push changes, solve): {var['warm']:.2f} s "
                  f"(first solve {var['first']:.2f} s not included)")
            print(f"  raw highspy re-solves (costs changed in place), dual simplex: "
                  f"{var['raw']:.2f} s; primal simplex: {var['raw_primal']:.2f} s")
            print(f"  cold / warm = {var['cold'] / var['warm']:.1f}x; "
                  f"warm / raw = {var['warm'] / var['raw']:.2f}x (dual), "
                  f"{var['warm'] / var['raw_primal']:.2f}x (primal); max objective difference "
                  f"warm vs cold {var['max_rel_diff']:.1e} (relative)")
            rows.append({"size": f"{args.variants_size} x{args.variants} variants",
                         **{k: var[k] for k in ("rows", "columns", "nonzeros")},
                         "total": var["warm"], "solve": var["warm_solve"],
                         "floor_solve": var["raw"], "status": "variants"})
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = out / f"benchmark-{stamp}.csv"
    with open(path, "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    print(f"\nwrote {path}")
    return 0


def _print_row(row: dict, header: bool) -> None:
    shown = ["size", "rows", "columns", "nonzeros", "read", "validate", "derive", "build",
             "pass", "solve", "load", "extract", "write", "write_xlsx", "write_html",
           "write_parquet", "total", "floor_pass", "floor_solve",
             "overhead_over_solve", "build_handover_over_floor", "end_to_end_over_floor",
             "peak_mb", "pyomo_build_compile", "status"]
    if header:
        print(" | ".join(shown))
        print(" | ".join("---" for _ in shown))
    cells = []
    for k in shown:
        v = row.get(k, "")
        cells.append(f"{v:.3f}" if isinstance(v, float) else str(v))
    print(" | ".join(cells), flush=True)


if __name__ == "__main__":
    raise SystemExit(main())
