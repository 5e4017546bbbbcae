"""Running a near-optimal alternatives study to its run folder (``python run.py study FILE``
on a workbook with an ``alternatives`` sheet).

As a sensitivity study (:mod:`model.study.run`), with directions in place of variants:

1. read the study (:mod:`model.study.alternatives`) and its base, resolve the groups on the
   base case (errors name the alternatives row and column; nothing is written);
2. ``results/<study>/<run-id>.partial/`` with ``study.json`` (the plan: groups, directions,
   chunks, the inputs' hashes), then the chunks solved warm on the same pool or Dask
   (:mod:`model.study.execute`, :mod:`model.study.mga`) and stored as they finish
   (:mod:`model.study.store`), resumable with ``--resume``;
3. the tables (:mod:`model.study.ranges`) as CSV (and the long table as Parquet), ``study.xlsx``
   (:mod:`model.study.alternatives_report`) and ``manifest.json``; the folder loses its
   ``.partial``.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from model.case import derive, file_hash
from model.errors import CaseError, Problem
from model.outputs.store import write_parquet
from model.report import run_id, slug
from model.study.alternatives import (
    AlternativesDefinition,
    GroupMeasure,
    read_alternatives,
    resolve,
)
from model.study.alternatives_report import write_alternatives_workbook
from model.study.definition import Variant
from model.study.mga import AlternativesJob
from model.study.ranges import (
    alternatives_table,
    groups_table,
    plans_table,
    ranges_table,
    technologies_table,
)
from model.study.run import (
    PLAN,
    _check_same,
    _partial_folder,
    complete,
    execute_plan,
    worker_options,
)
from model.study.store import PARTIAL, ChunkStore, write_json_atomic
from model.study.variants import StudyBase, chunks, default_chunk_size, read_base
from model.workbook import read_workbook

KIND = "alternatives"


@dataclass
class PreparedStudy:
    """An alternatives study read and resolved on its base."""

    definition: AlternativesDefinition
    base: StudyBase
    groups: list[GroupMeasure]
    years: list[int]
    money: str
    categories: dict[str, str]
    warnings: list[Problem] = field(default_factory=list)


@dataclass
class AlternativesResult:
    folder: Path
    definition: AlternativesDefinition
    variants: pd.DataFrame  #: one row per alternative: kind, label, weights, status, ...
    table: pd.DataFrame  #: the long table
    groups: pd.DataFrame  #: each group's optimum, min, max, share and verdict
    ranges: pd.DataFrame
    technologies: pd.DataFrame
    seconds: float
    warnings: list[Problem] = field(default_factory=list)


def load_alternatives(path: str | Path) -> PreparedStudy:
    """Read an alternatives study and resolve its groups on the base; raises CaseError with
    every problem (nothing is written)."""
    definition, problems = read_alternatives(path)
    if definition is None:
        raise CaseError(problems)
    raw, tables, hashes = read_base(definition.base)
    case = derive(tables)
    groups, found = resolve(definition, case, read_workbook(definition.path))
    problems += found
    if any(p.severity == "error" for p in problems):
        raise CaseError(problems)
    settings = {k: v for k, v in tables.settings.items() if not k.startswith("_")}
    base = StudyBase(raw, {}, hashes, settings)
    categories = {t: tech.category for t, tech in case.technologies.items()}
    return PreparedStudy(definition, base, groups, list(case.years), case.money, categories,
                  [p for p in problems if p.severity == "warning"])


def _plan(loaded: PreparedStudy, variants: list[Variant], parts: list[list[Variant]],
          chunk_size: int, plans: bool) -> dict:
    d = loaded.definition
    return {
        "kind": KIND, "study": d.name, "path": str(d.path), "sha256": d.sha256,
        "base": str(d.base), "base_sha256": file_hash(d.base),
        "scenario": loaded.base.scenario_hashes, "description": d.description,
        "slack": d.slack, "seed": d.seed, "random_directions": d.random_directions,
        "plans": plans,
        "groups": [{"group": g.name, "measure": g.measure, "technologies": g.technologies,
                    "years": g.years, "unit": g.unit} for g in loaded.groups],
        "variants": [{"id": v.id, "kind": v.kind, "label": v.label, "values": v.values}
                     for v in variants],
        "chunk_size": chunk_size, "chunks": [[v.id for v in c] for c in parts],
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def is_alternatives_run(folder: Path) -> bool:
    """Whether a study run folder holds an alternatives study."""
    try:
        plan = json.loads((folder / PLAN).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return plan.get("kind") == KIND


def run_alternatives(path: str | Path | None, *, results_dir: str | Path = "results",
                     workers: int | None = None, dask: str | None = None,
                     resume: str | Path | None = None, chunk_size: int | None = None,
                     progress: bool = True, cold: bool = False, plans: bool = False
                     ) -> AlternativesResult:
    """Run (or resume) an alternatives study; see the module docstring. Raises CaseError
    for a bad study or base, StudyInterrupted on Ctrl-C (after stopping the workers)."""
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    if resume is not None:
        folder = _partial_folder(Path(resume), results_dir)
        plan = json.loads((folder / PLAN).read_text(encoding="utf-8"))
        loaded = load_alternatives(path or plan["path"])
        _check_same(plan, loaded.definition, loaded.base, folder)
        variants = [Variant(v["id"], v["kind"], v["label"], v["values"])
                    for v in plan["variants"]]
        by_id = {v.id: v for v in variants}
        parts = [[by_id[i] for i in c] for c in plan["chunks"]]
        plans = bool(plan.get("plans"))
    else:
        loaded = load_alternatives(path)
        variants = loaded.definition.directions()
        size = chunk_size or default_chunk_size(len(variants))
        parts = chunks(variants, size)
        parent = Path(results_dir) / slug(loaded.definition.name)
        parent.mkdir(parents=True, exist_ok=True)
        folder = parent / f"{run_id()}{PARTIAL}"
        folder.mkdir()
        write_json_atomic(folder / PLAN, _plan(loaded, variants, parts, size, plans))
    d = loaded.definition
    job = AlternativesJob(loaded.base, tuple(loaded.groups), d.slack,
                          worker_options(loaded.base), plans)
    if d.random_directions:
        job.scales = _scales(folder, job)
    execute_plan(folder, d.name, job, parts, workers=workers, dask=dask, cold=cold,
                 progress=progress, what="alternatives")
    return finish(folder, loaded, variants, time.perf_counter() - started,
                  {"workers": workers, "dask": dask, "cold": cold}, plans)


def _scales(folder: Path, job: AlternativesJob) -> dict[str, float]:
    """The groups' ranges that weigh the random directions: recorded in the plan, or found
    here once (the optimum solved in this process, kept for a serial run) and recorded."""
    from model.study.execute import _warm

    plan = json.loads((folder / PLAN).read_text(encoding="utf-8"))
    if plan.get("scales") is None:
        plan["scales"] = _warm(job).scales()
        write_json_atomic(folder / PLAN, plan)
    return {k: float(v) for k, v in plan["scales"].items()}


def finish(folder: Path, loaded: PreparedStudy, variants: list[Variant], seconds: float,
           execution: dict, plans: bool) -> AlternativesResult:
    """Assemble the stored chunks into the tables and the workbook; complete the run."""
    d, groups, money = loaded.definition, loaded.groups, loaded.money
    store = ChunkStore(folder)
    status, rows = store.load()
    missing = {v.id for v in variants} - set(status["variant"])
    if missing:
        raise RuntimeError(f"{len(missing)} alternatives have no stored result")
    weights = {f"weight {g.name}": [v.values.get(g.name) for v in variants] for g in groups}
    info = pd.DataFrame({"variant": [v.id for v in variants],
                         "kind": [v.kind for v in variants],
                         "label": [v.label for v in variants], **weights})
    variant_table = info.merge(status, on="variant", how="left")
    table = info[["variant", "kind", "label"]].merge(
        status[["variant", "status"]], on="variant").merge(rows, on="variant", how="inner")
    table["year"] = table["year"].astype("Int64")
    write_parquet(table, folder / "study.parquet")
    table.to_csv(folder / "study.csv", index=False)
    variant_table.to_csv(folder / "variants.csv", index=False)
    solved = set(variant_table.loc[variant_table["status"] == "optimal", "variant"])
    ok = table[table["variant"].isin(solved)]
    tables = {"groups": groups_table(ok, groups),
              "ranges": ranges_table(ok, groups, loaded.years),
              "technologies": technologies_table(ok, loaded.categories),
              "alternatives": alternatives_table(variant_table, ok, groups, money)}
    if plans:
        tables["plans"] = plans_table(variant_table, ok, loaded.categories)
        write_parquet(tables["plans"], folder / "plans.parquet")
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False)
    npv = ok[(ok["output"] == "npv") & (ok["variant"] == 0)]["value"]
    bound = ok[(ok["output"] == "cost_bound") & (ok["variant"] == 0)]["value"]
    counts = Counter(variant_table["status"])
    about = _about(loaded, npv, bound, counts, len(variants), plans)
    write_alternatives_workbook(folder / "study.xlsx", about, tables, money)
    final = complete(folder, d, {
        "kind": KIND, "slack": d.slack, "seed": d.seed,
        "random_directions": d.random_directions, "plans": plans,
        "optimum": float(npv.iloc[0]) if len(npv) else None,
        "cost_bound": float(bound.iloc[0]) if len(bound) else None, "money_unit": money,
        "alternatives": len(variants), "statuses": dict(counts)}, execution, seconds)
    return AlternativesResult(final, d, variant_table, table, tables["groups"],
                              tables["ranges"], tables["technologies"], seconds,
                              loaded.warnings)


def _about(loaded: PreparedStudy, npv: pd.Series, bound: pd.Series, counts: Counter, n: int,
           plans: bool) -> list[tuple[str, object]]:
    d = loaded.definition
    lines: list[tuple[str, object]] = [
        ("title", f"Near-optimal alternatives: {d.name}"),
        ("description", d.description),
        ("study workbook", str(d.path)), ("base", str(d.base)),
        ("slack", f"{d.slack:.4g} (plans may cost up to {d.slack:.2%} more than the least "
         "cost)"),
        (f"least cost [{loaded.money}]", float(npv.iloc[0]) if len(npv) else None),
        (f"cost bound [{loaded.money}]", float(bound.iloc[0]) if len(bound) else None),
        ("groups", len(loaded.groups)),
        ("random directions", f"{d.random_directions} (seed {d.seed})"),
        ("alternatives", n),
        *((f"  {status}", int(k)) for status, k in sorted(counts.items())),
        ("", ""),
        ("groups", "Each group's measure as optimised (over its years): least-cost value, "
         "lowest and highest among the alternatives, share of alternatives with it, and "
         "whether every near-optimal plan has it (indispensable)."),
        ("ranges", "The same by modelled year, and the share of alternatives that build the "
         "group in the year; the charts sheet draws these ranges."),
        ("technologies", "Technologies built in some alternative: indispensable (every "
         "near-optimal plan builds it) or interchangeable, with the technologies that "
         "replace it."),
        ("alternatives", "Each alternative: the direction (minimise or maximise a group, or "
         "a random weighting of the groups), its cost above the least cost and every "
         "group's measure."),
    ]
    if plans:
        lines.append(("plans", "Each alternative's capacity by technology and year."))
    lines.append(("how to read", "Every alternative costs at most the bound; they are "
                  "extreme plans, not forecasts: the ranges show how much room the cost "
                  "leaves, not what is likely. A group's min and max come from its own "
                  "directions; other directions can only widen them."))
    for w in loaded.warnings:
        lines.append(("warning", str(w)))
    return lines
