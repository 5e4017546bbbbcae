"""Running a study from its workbook to its run folder (``python run.py study FILE``).

1. Read the study (:mod:`model.study.definition`) and its base; resolve the selections
   (:mod:`model.study.variants`); number the variants, put them in running order and cut the
   order into chunks.
2. Create ``results/<study>/<run-id>.partial/`` with ``study.json`` (the plan), then solve
   the chunks (:mod:`model.study.execute`), storing each as it finishes
   (:mod:`model.study.store`), with a progress bar.
3. When all are done: the long table (Parquet and CSV), ``variants.csv``, ``study.xlsx``
   (:mod:`model.study.report`) and ``manifest.json``; the folder loses its ``.partial``.

``--resume`` takes a ``.partial`` folder and solves only the chunks it lacks, with the plan
it recorded, so the final table equals an uninterrupted run's.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from model.case import file_hash
from model.errors import CaseError, Problem
from model.highs import SolverOptions
from model.outputs.store import write_parquet
from model.report import package_versions, run_id, slug
from model.study.definition import StudyDefinition, StudyFile, Variant, read_study
from model.study.execute import Job, VariantResult, run_chunks
from model.study.store import PARTIAL, ChunkStore, write_json_atomic
from model.study.variants import StudyBase, chunks, default_chunk_size, prepare, running_order

PLAN = "study.json"


class StudyInterrupted(Exception):
    """Ctrl-C: the finished chunks are stored; ``folder`` resumes the study."""

    def __init__(self, folder: Path, done: int, total: int):
        super().__init__(f"interrupted with {done} of {total} variants stored in {folder}")
        self.folder, self.done, self.total = folder, done, total


@dataclass
class StudyResult:
    folder: Path
    definition: StudyDefinition
    variants: pd.DataFrame  #: one row per variant: kind, label, parameters, status, ...
    table: pd.DataFrame  #: the long table
    seconds: float


def load_definition(path: str | Path) -> tuple[StudyDefinition, StudyBase]:
    """A study's definition and resolved base; raises CaseError with every problem."""
    definition, problems = read_study(path)
    if definition is None:
        raise CaseError(problems)
    return definition, prepare(definition)


def _plan(definition: StudyDefinition, base: StudyBase, variants: list[Variant],
          parts: list[list[Variant]], chunk_size: int) -> dict:
    return {
        "study": definition.name, "path": str(definition.path),
        "sha256": definition.sha256, "base": str(definition.base),
        "base_sha256": file_hash(definition.base), "scenario": base.scenario_hashes,
        "description": definition.description, "seed": definition.seed,
        "samples": definition.samples, "outputs": list(definition.outputs),
        "parameters": [{"name": p.name, "kind": p.kind, "group": p.group,
                        "rows": p.rows, "selections": [f"{s.describe()} {op}"
                                                       for s, op in p.selections]}
                       for p in definition.parameters],
        "variants": [{"id": v.id, "kind": v.kind, "label": v.label, "values": v.values}
                     for v in variants],
        "chunk_size": chunk_size, "chunks": [[v.id for v in c] for c in parts],
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def run_study(path: str | Path | None, *, results_dir: str | Path = "results",
              workers: int | None = None, dask: str | None = None,
              resume: str | Path | None = None, chunk_size: int | None = None,
              progress: bool = True, cold: bool = False, plans: bool = False) -> StudyResult:
    """Run (or resume) a study; returns the complete run. Raises CaseError for a bad study
    or base, :class:`StudyInterrupted` on Ctrl-C (after stopping the workers).

    A workbook with an ``alternatives`` sheet is a study of near-optimal alternatives, run
    by :func:`model.study.alternatives_run.run_alternatives` (``plans``: also write each
    alternative's capacity table)."""
    if _is_alternatives(path, resume, results_dir):
        from model.study.alternatives_run import run_alternatives

        return run_alternatives(path, results_dir=results_dir, workers=workers, dask=dask,
                                resume=resume, chunk_size=chunk_size, progress=progress,
                                cold=cold, plans=plans)
    started = time.perf_counter()
    workers = workers or os.cpu_count() or 1
    if resume is not None:
        folder = _partial_folder(Path(resume), results_dir)
        plan = json.loads((folder / PLAN).read_text(encoding="utf-8"))
        definition, base = load_definition(path or plan["path"])
        _check_same(plan, definition, base, folder)
        variants = [Variant(v["id"], v["kind"], v["label"], v["values"])
                    for v in plan["variants"]]
        by_id = {v.id: v for v in variants}
        parts = [[by_id[i] for i in c] for c in plan["chunks"]]
    else:
        definition, base = load_definition(path)
        variants = definition.variants()
        size = chunk_size or default_chunk_size(len(variants))
        parts = chunks(running_order(variants), size)
        parent = Path(results_dir) / slug(definition.name)
        parent.mkdir(parents=True, exist_ok=True)
        rid = run_id()
        folder = parent / f"{rid}{PARTIAL}"
        folder.mkdir()
        write_json_atomic(folder / PLAN, _plan(definition, base, variants, parts, size))
    job = Job(base, definition.outputs, worker_options(base))
    execute_plan(folder, definition.name, job, parts, workers=workers, dask=dask, cold=cold,
                 progress=progress)
    return finish(folder, definition, variants, time.perf_counter() - started,
                  {"workers": workers, "dask": dask, "cold": cold})


def worker_options(base: StudyBase) -> SolverOptions:
    """The base's solver options (time limit, method) with one HiGHS thread: the workers
    are the parallelism."""
    options = SolverOptions.from_settings(base.settings)
    options.threads = 1
    return options


def execute_plan(folder: Path, name: str, job, parts: list[list[Variant]], *, workers: int,
                 dask: str | None, cold: bool, progress: bool, what: str = "variants"
                 ) -> None:
    """Solve the chunks of ``parts`` that ``folder`` has not stored yet, storing each as it
    finishes, with a progress bar; :class:`StudyInterrupted` on Ctrl-C. ``job`` is what
    :func:`model.study.execute.run_chunks` sends to the workers."""
    store = ChunkStore(folder)
    todo = {i: c for i, c in enumerate(parts) if i not in store.done()}
    total = sum(len(c) for c in parts)
    already = total - sum(len(c) for c in todo.values())
    statuses: Counter[str] = Counter()
    bar = _Progress(name, total, already, what) if progress else None

    def done(index: int, results: list[VariantResult]) -> None:
        store.save(index, results)
        statuses.update(r.status for r in results)
        if bar:
            bar.advance(len(results), statuses)

    try:
        if bar:
            bar.start()
        run_chunks(job, todo, done, workers=workers, dask=dask, cold=cold)
    except KeyboardInterrupt:
        raise StudyInterrupted(folder, total - sum(
            len(parts[i]) for i in range(len(parts)) if i not in store.done()),
            total) from None
    finally:
        if bar:
            bar.stop()


def _is_alternatives(path: str | Path | None, resume: str | Path | None,
                     results_dir: str | Path) -> bool:
    from model.study.alternatives import is_alternatives_workbook
    from model.study.alternatives_run import is_alternatives_run

    if resume is not None:
        return is_alternatives_run(_partial_folder(Path(resume), results_dir))
    return path is not None and Path(path).exists() and is_alternatives_workbook(path)


def _partial_folder(resume: Path, results_dir: str | Path) -> Path:
    candidates = [resume, Path(str(resume) + PARTIAL)]
    for c in candidates:
        if (c / PLAN).exists():
            return c
    if not resume.name.endswith(PARTIAL) and (resume / "manifest.json").exists():
        raise CaseError([Problem(str(resume), None, "this study run is complete already",
                                 expected="a folder ending in .partial")])
    raise CaseError([Problem(str(resume), None, "not a study run folder to resume",
                             expected=f"results/<study>/<run-id>{PARTIAL} (with {PLAN})")])


def _check_same(plan: dict, definition: StudyDefinition, base: StudyBase,
                folder: Path) -> None:
    """A resumed study must have the inputs and variants it started with."""
    problems = []
    if plan["sha256"] != definition.sha256:
        problems.append(Problem(definition.path.name, None, "the study workbook changed since "
                                f"the run in {folder.name} started", expected="the same "
                                "workbook, or a new run"))
    if plan["base_sha256"] != file_hash(definition.base):
        problems.append(Problem(definition.base.name, None, "the base workbook changed since "
                                f"the run in {folder.name} started", expected="the same "
                                "workbook, or a new run"))
    if plan.get("scenario") != base.scenario_hashes:
        problems.append(Problem(definition.base.name, None, "a scenario file of the base "
                                "changed since the run started", expected="the same files"))
    if problems:
        raise CaseError(problems)


class _Progress:
    """A rich progress bar: variants done of all, rate, time left, statuses so far."""

    def __init__(self, name: str, total: int, already: int, what: str = "variants"):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        class Rate(ProgressColumn):
            def render(self, task):
                speed = task.finished_speed or task.speed
                return Text(f"{speed:.2f} {what}/s" if speed else f"-- {what}/s")

        self.progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(bar_width=24),
                                 MofNCompleteColumn(), Rate(), TimeElapsedColumn(),
                                 TextColumn("left"), TimeRemainingColumn(),
                                 TextColumn("{task.fields[statuses]}"), transient=False)
        self.task = self.progress.add_task(name, total=total, completed=already,
                                           statuses="")
        self.started = already

    def start(self) -> None:
        self.progress.start()

    def stop(self) -> None:
        self.progress.stop()

    def advance(self, n: int, statuses: Counter) -> None:
        text = ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
        self.progress.update(self.task, advance=n, statuses=text)


def finish(folder: Path, definition: StudyDefinition, variants: list[Variant],
           seconds: float, execution: dict) -> StudyResult:
    """Assemble the stored chunks into the study's tables and workbook; complete the run."""
    from model.study.report import write_study_workbook

    store = ChunkStore(folder)
    status, rows = store.load()
    missing = {v.id for v in variants} - set(status["variant"])
    if missing:
        raise RuntimeError(f"{len(missing)} variants have no stored result")
    names = [p.name for p in definition.parameters]
    info = pd.DataFrame([{"variant": v.id, "kind": v.kind, "label": v.label,
                          **{_column(n): v.values.get(n) for n in names}}
                         for v in variants])
    info[[_column(n) for n in names]] = info[[_column(n) for n in names]].astype(float)
    variant_table = info.merge(status, on="variant", how="left")
    table = info.merge(status[["variant", "status"]], on="variant").merge(
        rows, on="variant", how="inner")
    table["year"] = table["year"].astype("Int64")
    write_parquet(table, folder / "study.parquet")
    table.to_csv(folder / "study.csv", index=False)
    variant_table.to_csv(folder / "variants.csv", index=False)
    write_study_workbook(folder / "study.xlsx", definition, variant_table, table)
    counts = Counter(variant_table["status"])
    final = complete(folder, definition, {
        "seed": definition.seed, "samples": definition.samples,
        "variants": len(variants), "statuses": dict(counts)}, execution, seconds)
    return StudyResult(final, definition, variant_table, table, seconds)


def complete(folder: Path, definition: StudyFile, facts: dict, execution: dict,
             seconds: float) -> Path:
    """Complete a study's run folder once its tables are written: the manifest (the study
    and base files with their hashes, the scenario, ``facts`` of this kind of study, how and
    how long it ran), the chunk store removed, the ``.partial`` suffix dropped. Returns the
    final folder."""
    plan = json.loads((folder / PLAN).read_text(encoding="utf-8"))
    manifest = {
        "study": definition.name, "description": definition.description,
        "study_file": {"path": str(definition.path), "sha256": definition.sha256},
        "base": {"path": str(definition.base), "sha256": file_hash(definition.base)},
        "scenario": plan.get("scenario"), **facts,
        "execution": execution, "seconds": seconds,
        "finished": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": package_versions(),
    }
    write_json_atomic(folder / "manifest.json", manifest)
    shutil.rmtree(ChunkStore(folder).chunks)
    if not folder.name.endswith(PARTIAL):
        return folder
    final = folder.with_name(folder.name[: -len(PARTIAL)])
    os.rename(folder, final)
    return final


def _column(name: str) -> str:
    """The long table's column of a parameter (its name, unless that is a fixed column)."""
    fixed = {"variant", "kind", "label", "status", "output", "item", "year", "value", "unit"}
    return f"parameter {name}" if name in fixed else name
