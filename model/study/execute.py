"""Solving a study's variants: in this process, on a local pool of processes, or on Dask.

Each worker process keeps one warm :class:`model.solve.Resolver` per study (solved once on
the base) and solves chunks of neighbouring variants with it. Every chunk starts from the
base's LP and optimal basis, so a chunk's results depend only on the chunk: the same table
whichever worker takes it, in any order, on one core or many, resumed or not.

* ``workers == 1``: chunks run in this process;
* local pool: ``concurrent.futures.ProcessPoolExecutor`` (processes from a fork server
  that imported the model once, or spawned; one HiGHS thread each);
* Dask: chunks are submitted to a ``dask.distributed`` scheduler (an address, or a
  ``LocalCluster`` started here); the job is scattered once to every worker.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import pickle
import signal
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field

from model.case import derive
from model.highs import HighsBridge, SolverOptions
from model.interrupts import deferred
from model.solve import Resolver, solve_case
from model.study import outputs as study_outputs
from model.study.definition import Variant
from model.study.variants import StudyBase
from model.validate import BaseSheets, validate


@dataclass
class Job:
    """What a worker needs to solve any chunk of a study (pickled to each worker once)."""

    base: StudyBase
    outputs: tuple[str, ...]
    options: SolverOptions
    key: str = ""  #: identifies the job in a worker's cache

    def __post_init__(self) -> None:
        if not self.key:
            self.key = hashlib.sha256(pickle.dumps((self.base, self.outputs, self.options))
                                      ).hexdigest()[:16]

    def warm_model(self) -> WarmModel:
        """What a worker keeps between chunks of this job (built once per worker): any job
        run by :func:`run_chunks` has this method, :meth:`solve_cold` and a ``key`` (the
        near-optimal alternatives' job, :mod:`model.study.mga`, is the other one)."""
        return WarmModel(self)

    def solve_cold(self, chunk: list[Variant]) -> list[VariantResult]:
        """Solve each variant of a chunk as a fresh run (no basis kept): the baseline."""
        return [_run(v, self, lambda case: solve_case(case, self.options)) for v in chunk]


@dataclass
class VariantResult:
    """What one variant gave: its status, message and output rows."""

    variant: int
    status: str  #: optimal | targets missed | infeasible | invalid | failed | ...
    message: str
    objective: float | None
    warm: bool
    seconds: float
    rows: list[study_outputs.Row] = field(default_factory=list)


class WarmModel:
    """A worker's warm model of one study: the base solved once, kept loaded in HiGHS."""

    def __init__(self, job: Job):
        self.job = job
        self.sheets = BaseSheets()  # the base's sheets read once; a variant re-reads its own
        tables, problems = self.sheets.remember(job.base.raw)
        if tables is None:
            raise ValueError("the study's base is not valid: " + "; ".join(map(str, problems)))
        self.base_case = derive(tables)
        self.resolver = Resolver(self.base_case, job.options)
        bridge = self.resolver.bridge
        self.lp0 = bridge.lp if bridge is not None else None
        self.basis0 = bridge.highs.getBasis() if bridge is not None else None

    def reset(self) -> None:
        """Start the next chunk from the base: its LP passed to a fresh HiGHS instance with
        the base's optimal basis. A fresh instance (about 10 ms for Dunkerque) rather than
        the base pushed back into the used one: HiGHS keeps more than the basis between
        solves, and in an LP with several optimal vertices that history could pick another
        one. So a chunk's results depend only on the chunk."""
        if self.lp0 is None:
            return
        bridge = HighsBridge(self.lp0)
        if self.basis0 is not None and self.basis0.valid:
            bridge.highs.setBasis(self.basis0)
        self.resolver.bridge = bridge

    def run(self, variant: Variant) -> VariantResult:
        return _run(variant, self.job, self.resolver.solve, self.sheets)


def _run(variant: Variant, job: Job, solve, sheets: BaseSheets | None = None
         ) -> VariantResult:
    """Apply, validate, derive and solve one variant; failures become a status, never an
    exception (the study goes on). ``sheets``: the base's sheets as read."""
    t0 = time.perf_counter()
    try:
        raw = job.base.workbook(variant.values)
        tables, problems = validate(raw, sheets)
        if tables is None:
            errors = [str(p) for p in problems if p.severity == "error"]
            return VariantResult(variant.id, "invalid", "; ".join(errors[:5]) + (
                f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""), None, False,
                time.perf_counter() - t0)
        outcome = solve(derive(tables))
        message = "; ".join(outcome.messages)
        if not outcome.result.ok:
            return VariantResult(variant.id, outcome.status, message, None, outcome.warm,
                                 time.perf_counter() - t0)
        rows = study_outputs.from_outcome(outcome, job.outputs)
        status = "targets missed" if outcome.misses else "optimal"
        if outcome.misses:
            message = "; ".join([message] * bool(message) + [", ".join(
                f"{k} missed by {v:.4g} Mt CO2e" for k, v in outcome.misses.items())])
        return VariantResult(variant.id, status, message, outcome.objective, outcome.warm,
                             time.perf_counter() - t0, rows)
    except Exception as exc:  # a bug or a solver failure: recorded, the study goes on
        return VariantResult(variant.id, "failed", f"{type(exc).__name__}: {exc} "
                             f"[{traceback.format_exc(limit=-2).strip().splitlines()[-3]}]",
                             None, False, time.perf_counter() - t0)


# --------------------------------------------------------------------------------------
# worker side
# --------------------------------------------------------------------------------------

_local = threading.local()  # one warm model per job and thread (Dask may run threads)


def _warm(job: Job) -> WarmModel:
    cache = getattr(_local, "models", None)
    if cache is None:
        cache = _local.models = {}
    model = cache.get(job.key)
    if model is None:
        cache.clear()  # one study at a time per worker: free the last one
        model = cache[job.key] = job.warm_model()
    return model


def solve_chunk(job: Job, chunk: list[Variant]) -> list[VariantResult]:
    """Solve a chunk of variants warm, from the base's basis (the task workers run)."""
    model = _warm(job)
    model.reset()
    return [model.run(v) for v in chunk]


def solve_chunk_cold(job: Job, chunk: list[Variant]) -> list[VariantResult]:
    """Solve each variant of a chunk as a fresh run (no basis kept): the baseline."""
    return job.solve_cold(chunk)


_pool_job: Job | None = None


def _pool_init(job: Job) -> None:
    global _pool_job
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _pool_job = job


def _pool_task(index: int, chunk: list[Variant]) -> tuple[int, list[VariantResult]]:
    return index, solve_chunk(_pool_job, chunk)


# --------------------------------------------------------------------------------------
# parent side
# --------------------------------------------------------------------------------------

Done = Callable[[int, list[VariantResult]], None]


def run_chunks(job: Job, chunks: dict[int, list[Variant]], done: Done, *, workers: int = 1,
               dask: str | None = None, cold: bool = False) -> None:
    """Solve ``chunks`` (index -> variants) and call ``done(index, results)`` in this
    process as each chunk finishes. KeyboardInterrupt stops the workers and propagates."""
    if dask:
        _run_dask(job, chunks, done, workers, dask)
    elif workers <= 1 or cold:
        task = solve_chunk_cold if cold else solve_chunk
        for index, chunk in chunks.items():
            done(index, task(job, chunk))
    else:
        _run_pool(job, chunks, done, workers)


def _context():
    """Worker processes forked from a fork server that imported the model once (fast to
    start, and safe: the server has no threads); spawned where there is none (Windows)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["model.study.execute"])
        return context
    return multiprocessing.get_context("spawn")


#: Seconds between two looks at the signals while waiting for workers (Ctrl-C's delay).
WAIT_SECONDS = 0.1


def _run_pool(job: Job, chunks: dict[int, list[Variant]], done: Done, workers: int) -> None:
    context = _context()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=_pool_init, initargs=(job,))
    try:
        # Signals are held back while this thread submits and waits, and looked at between
        # waits: the first submit starts the workers (a signal while a worker's start-up data
        # is sent left it to die on a truncated pickle), and the futures' locks are shared
        # with the pool's thread (a signal raised while this thread holds one hangs it)
        with deferred() as received:
            pending = {pool.submit(_pool_task, i, c) for i, c in chunks.items()}
            while pending and not received:
                finished, pending = wait(pending, timeout=WAIT_SECONDS,
                                         return_when=FIRST_COMPLETED)
                for future in finished:
                    done(*future.result())
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()  # a solve in progress is not waited for
        raise
    pool.shutdown(wait=True)


def _run_dask(job: Job, chunks: dict[int, list[Variant]], done: Done, workers: int,
              address: str) -> None:
    import logging

    from dask.distributed import Client, LocalCluster, as_completed

    logging.getLogger("distributed").setLevel(logging.ERROR)
    cluster = client = None
    futures = []
    try:
        # Signals are held back (as in _run_pool): one while the cluster starts is delivered
        # once there is a cluster to close (else its workers were left behind, logging
        # tracebacks), and the client's locks are shared with its event-loop thread
        with deferred() as received:
            if address == "local":
                # worker processes started while SIGINT is ignored keep ignoring it: Ctrl-C
                # is the parent's to handle (it closes the cluster)
                previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
                try:
                    cluster = LocalCluster(n_workers=workers, threads_per_worker=1,
                                           processes=True, dashboard_address=None,
                                           silence_logs=logging.ERROR)
                finally:
                    signal.signal(signal.SIGINT, previous)
            client = Client(cluster if cluster is not None else address)
            job_future = client.scatter(job, broadcast=True)
            index_of = {}
            for index, chunk in chunks.items():
                f = client.submit(solve_chunk, job_future, chunk, pure=False,
                                  key=f"study-{job.key}-chunk-{index}")
                index_of[f.key] = index
                futures.append(f)
            completed = as_completed(futures)
            while not completed.is_empty() and not received:
                if not completed.has_ready():
                    time.sleep(WAIT_SECONDS)
                    continue
                for future in completed.next_batch(block=False):
                    done(index_of[future.key], future.result())
    finally:
        for f in futures:
            f.cancel()
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()

