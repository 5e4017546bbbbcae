#!/usr/bin/env python
"""Benchmark: a Monte Carlo study of Dunkerque run four ways.

``python benchmarks/study.py [--samples 199] [--workers N]`` builds a study of the bundled
case (gas and carbon prices, electrolyser and capture capex, Latin hypercube; 199 samples
plus the base = 200 variants), then runs it end to end (``run_study``: variants applied,
validated, derived, solved, outputs extracted, chunks stored, tables and study.xlsx
written) as

1. serial cold runs: every variant a fresh LP passed to a fresh HiGHS (the baseline);
2. serial warm: one ``Resolver`` in this process, each chunk from the base's basis;
3. the local process pool on all cores (one HiGHS thread each);
4. a Dask ``LocalCluster`` with as many single-threaded worker processes;

and prints variants per second, the ratios to the serial cold runs and from one to the
pool's workers, and the largest difference between the tables (they must agree to 1e-9).
A second part times where one warm variant's time goes. Results: benchmarks/output/.

``python benchmarks/study.py --alternatives`` runs the bundled near-optimal alternatives study
(``scenarios/dunkerque_alternatives.xlsx``) cold, warm, on the pool and on Dask, and prints
seconds per direction warm against cold.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from model.scenario_template import write_selector_workbook  # noqa: E402
from model.study.run import load_definition, run_study  # noqa: E402

SENSITIVITIES = [
    {"sensitivity": "gas price", "sheet": "prices", "commodity": "natural_gas",
     "parameter": "price", "field": "*", "operation": "scale", "distribution": "triangular",
     "min": 0.8, "mode": 1.0, "max": 1.5},
    {"sensitivity": "carbon price", "sheet": "prices", "commodity": "co2",
     "parameter": "carbon_price", "field": "*", "operation": "scale",
     "distribution": "uniform", "min": 0.8, "max": 1.5},
    {"sensitivity": "electrolyser capex", "sheet": "costs", "technology": "electrolyser",
     "parameter": "capex", "field": "*", "operation": "scale", "distribution": "lognormal",
     "mean": 0.8, "sd": 0.25, "min": 0.3, "max": 1.3},
    {"sensitivity": "capture capex", "sheet": "costs", "technology": "*_capture",
     "parameter": "capex", "field": "*", "operation": "scale", "distribution": "normal",
     "mean": 1.0, "sd": 0.15, "min": 0.65, "max": 1.4},
]


def _burn(n: int) -> float:
    t0 = time.perf_counter()
    total = 0
    for i in range(n):
        total += i * i
    return time.perf_counter() - t0


def effective_cores(workers: int, n: int = 10_000_000) -> float:
    """How many cores' worth of throughput ``workers`` CPU-bound processes get now: one
    pure-Python loop alone against ``workers`` of them at once (on a machine shared with
    other work this is below ``workers``)."""
    import multiprocessing

    alone = _burn(n)
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_burn, [n // 10] * workers)  # started
        t0 = time.perf_counter()
        pool.map(_burn, [n] * workers)
        together = time.perf_counter() - t0
    return workers * alone / together


def write_study(folder: Path, samples: int) -> Path:
    base = os.path.relpath(ROOT / "inputs" / "dunkerque.xlsx", folder)
    return write_selector_workbook(folder / "benchmark_study.xlsx", {
        "study": [{"item": "base", "value": base}, {"item": "samples", "value": samples},
                  {"item": "seed", "value": 2024}],
        "sensitivities": SENSITIVITIES, "outputs": []})


def timed(label: str, path: Path, results: Path, **kw):
    t0 = time.perf_counter()
    result = run_study(path, results_dir=results / label.replace(" ", "_"), progress=False,
                       **kw)
    seconds = time.perf_counter() - t0
    table = result.table.sort_values(["variant", "output", "item", "year"]).reset_index(
        drop=True)
    return seconds, table, result


KEYS = ["variant", "output", "item", "year"]


def _matched(table, reference):
    """The rows of two study tables matched by key (variant, output, item, year), with the
    reference's value beside, and how many rows only one of them has (a levelised cost of a
    technology that produces in one plan and not in an equally cheap other)."""
    left = table[KEYS + ["value"]].fillna({"year": -1})
    right = reference[KEYS + ["value"]].fillna({"year": -1}).rename(
        columns={"value": "reference"})
    joined = left.merge(right, on=KEYS, how="outer", indicator=True)
    only = int((joined["_merge"] != "both").sum())
    return joined[joined["_merge"] == "both"].drop(columns="_merge"), only


def breakdown(path: Path, n: int = 30) -> dict[str, float]:
    """Mean seconds per warm variant spent applying, validating (the base's sheets read once,
    as the workers do), deriving, generating and solving, and extracting the outputs (in
    this process)."""
    from model.case import derive
    from model.highs import SolverOptions
    from model.solve import Resolver
    from model.study import outputs
    from model.validate import BaseSheets, validate

    definition, base = load_definition(path)
    variants = [v for v in definition.variants() if v.kind == "mc"][:n]
    sheets = BaseSheets()
    tables, _ = sheets.remember(base.raw)
    resolver = Resolver(derive(tables), SolverOptions.from_settings({}))
    spent = {"apply": 0.0, "validate": 0.0, "derive": 0.0, "generate + solve": 0.0,
             "outputs": 0.0}
    for v in variants:
        t0 = time.perf_counter()
        raw = base.workbook(v.values)
        t1 = time.perf_counter()
        tabs, _ = validate(raw, sheets)
        t2 = time.perf_counter()
        case = derive(tabs)
        t3 = time.perf_counter()
        outcome = resolver.solve(case)
        t4 = time.perf_counter()
        outputs.from_outcome(outcome)
        t5 = time.perf_counter()
        for k, dt in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4), strict=True):
            spent[k] += dt / len(variants)
    return spent


BUNDLED_ALTERNATIVES = ROOT / "scenarios" / "dunkerque_alternatives.xlsx"


def grown_alternatives(size: str, folder: Path) -> Path:
    """The bundled alternatives study on a Dunkerque case grown to ``size``
    (benchmarks/generate.py): the same groups, slack, random directions and seed."""
    from benchmarks.generate import SIZES, write_case
    from model.study.alternatives import read_alternatives

    case = write_case(SIZES[size], folder)
    definition, _ = read_alternatives(BUNDLED_ALTERNATIVES)
    sense = {("min", "max"): "both", ("min",): "min", ("max",): "max", (): "none"}
    return write_selector_workbook(folder / f"alternatives_{size}.xlsx", {
        "study": [{"item": "base", "value": case.name},
                  {"item": "slack", "value": definition.slack},
                  {"item": "random_directions", "value": definition.random_directions},
                  {"item": "seed", "value": definition.seed}],
        "alternatives": [{"group": g.name, "technology": g.technology, "measure": g.measure,
                          "years": g.years, "sense": sense[g.senses]}
                         for g in definition.groups]})


def alternatives(workers: int, size: str | None = None, skip_cold: bool = False
                 ) -> list[dict]:
    """The bundled near-optimal alternatives study (on Dunkerque, or on the case grown to
    ``size``) run serial cold (each direction's LP generated and solved from scratch, the
    optimum once), serial warm (the loaded optimal LP, new costs per direction), on the pool
    and on Dask: seconds end to end and per direction (mean over the directions, both
    stages, from the variants table), and the largest difference of the groups' extremes
    against serial warm."""
    rows, groups = [], {}
    modes = [("serial warm", {"workers": 1}),
             (f"pool, {workers} workers", {"workers": workers}),
             (f"dask LocalCluster, {workers} workers", {"workers": workers, "dask": "local"})]
    if not skip_cold:
        modes.insert(0, ("serial cold", {"workers": 1, "cold": True}))
    with tempfile.TemporaryDirectory() as tmp:
        path = grown_alternatives(size, Path(tmp)) if size else BUNDLED_ALTERNATIVES
        for label, kw in modes:
            seconds, _table, result = timed(label, path, Path(tmp), **kw)
            directions = result.variants[result.variants["kind"] != "optimum"]
            groups[label] = result.groups[["optimum [unit]", "min [unit]", "max [unit]"]]
            rows.append({"mode": label, "alternatives": len(result.variants),
                         "seconds": seconds,
                         "per direction": float(directions["seconds"].mean()),
                         "statuses": result.variants["status"].value_counts().to_dict()})
    cold = rows[0]["per direction"]
    print(f"| alternatives of {path.stem} | directions | seconds end to end | s per "
          f"direction | {rows[0]['mode']} / this, per direction |")
    print("|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['mode']} | {r['alternatives'] - 1} | {r['seconds']:.2f} | "
              f"{r['per direction']:.3f} | {cold / r['per direction']:.1f}x |")
    reference = groups["serial warm"].to_numpy(float)
    for label, frame in groups.items():
        diff = abs(frame.to_numpy(float) - reference) / abs(reference).clip(min=1.0)
        print(f"largest difference of the groups' extremes, {label} vs serial warm: "
              f"{diff.max():.2e} (relative)")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=199,
                        help="Monte Carlo samples (variants = samples + the base)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--skip-cold", action="store_true", help="leave out the cold runs")
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "output"),
                        help="folder of the CSV table")
    parser.add_argument("--alternatives", action="store_true", help="benchmark the bundled "
                        "near-optimal alternatives study instead (warm against cold)")
    parser.add_argument("--size", choices=("xs", "s", "m", "l", "xl"), help="with "
                        "--alternatives: on Dunkerque grown to this size (benchmarks/"
                        "generate.py)")
    args = parser.parse_args(argv)
    if args.alternatives:
        alternatives(args.workers, args.size, args.skip_cold)
        return 0
    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        path = write_study(tmp, args.samples)
        n = args.samples + 1
        modes = [("serial warm", {"workers": 1}),
                 (f"pool, {args.workers} workers", {"workers": args.workers}),
                 (f"dask LocalCluster, {args.workers} workers",
                  {"workers": args.workers, "dask": "local"})]
        if not args.skip_cold:
            modes.insert(0, ("serial cold", {"workers": 1, "cold": True}))
        rows = []
        tables = {}
        cores_before = effective_cores(args.workers)
        for label, kw in modes:
            seconds, table, result = timed(label, path, tmp, **kw)
            statuses = result.variants["status"].value_counts().to_dict()
            tables[label] = table
            rows.append({"mode": label, "variants": n, "seconds": seconds,
                         "variants/s": n / seconds, "statuses": statuses})
            print(f"{label:32s} {seconds:8.2f} s  {n / seconds:7.2f} variants/s  "
                  f"{statuses}", flush=True)
        baseline = rows[0]["seconds"]
        warm = next(r for r in rows if r["mode"] == "serial warm")["seconds"]
        print()
        print(f"| mode | variants | seconds | variants/s | x {rows[0]['mode']} |")
        print("|---|---|---|---|---|")
        for r in rows:
            r["ratio"] = baseline / r["seconds"]
            print(f"| {r['mode']} | {r['variants']} | {r['seconds']:.2f} | "
                  f"{r['variants/s']:.2f} | {r['ratio']:.2f}x |")
        pool = next(r for r in rows if r["mode"].startswith("pool"))["seconds"]
        print(f"\none worker (serial warm) -> {args.workers} workers (pool): "
              f"{warm / pool:.2f}x")
        print(f"load average during the run (1, 5, 15 min): {os.getloadavg()} on "
              f"{os.cpu_count()} cores; {args.workers} CPU-bound processes got "
              f"{cores_before:.2f} cores' worth before the run and "
              f"{effective_cores(args.workers):.2f} after it")
        reference = tables["serial warm"]
        for label, table in tables.items():
            joined, only = _matched(table, reference)
            diff = (joined["value"] - joined["reference"]).abs()
            rel = diff / joined["reference"].abs().clip(lower=1.0)
            print(f"largest difference, {label} vs serial warm: {diff.max():.2e} "
                  f"(relative {rel.max():.2e}); rows in one table only: {only}")
        cold = tables.get("serial cold")
        if cold is not None:
            joined, only = _matched(cold, reference)
            joined["diff"] = (joined["value"] - joined["reference"]).abs() \
                / joined["reference"].abs().clip(lower=1.0)
            print("serial cold vs warm, largest relative difference by output (alternative "
                  "optima of the LP: equal cost, other plans): " + ", ".join(
                      f"{k} {v:.1e}" for k, v in joined.groupby("output")["diff"].max().items())
                  + f"; rows in one table only (a technology with output in one plan only): "
                  f"{only}")
        spent = breakdown(path)
        print("\none warm variant, mean seconds: " + ", ".join(
            f"{k} {v * 1000:.1f} ms" for k, v in spent.items()))
    stamp = time.strftime("%Y%m%d-%H%M%S")
    with open(out_dir / f"study-{stamp}.csv", "w", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["mode", "variants", "seconds", "variants/s",
                                                "ratio", "statuses"])
        writer.writeheader()
        writer.writerows(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
