"""One run of one case, from workbook to run folder: the pipeline every front end uses.

``run_case`` reads and validates the workbook (raising :class:`~model.errors.CaseError` with
every problem), applies the caller's overrides (elastic mode, solver options), solves
(reference run, targets, elastic fallback: :func:`model.solve.solve_case`), collects the
result tables when there is a solution and writes the run folder. The command line, the
portfolio and batch runs call it; none of them repeats these steps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

import pandas as pd

from model.abatement import analyse
from model.case import Case, load_case
from model.highs import SolverOptions
from model.results import Results, collect
from model.solve import Outcome, solve_case

Progress = Callable[[str], None]

#: Exit codes of a run (the command line returns them).
EXIT_OK, EXIT_NOT_SOLVED, EXIT_BAD_INPUT, EXIT_TARGETS_MISSED = 0, 1, 2, 3


@dataclass
class SolverOverrides:
    """What a front end may override of the case's solver settings (None: keep the case's)."""

    time_limit: float | None = None  #: s
    threads: int | None = None
    method: str | None = None
    crossover: bool | None = None

    def apply(self, options: SolverOptions) -> SolverOptions:
        for name in ("time_limit", "threads", "method", "crossover"):
            value = getattr(self, name)
            if value is not None:
                setattr(options, name, value)
        return options


class Planner(Protocol):
    """Another way to reach the plan than one solve (``--from-actuals``: the original plan
    and the re-plan, :mod:`model.replan`; ``--foresight N``: a rolling horizon,
    :mod:`model.rolling`): it solves the case into the outcome the run reports, and adds
    result tables (the comparison with the plan it is measured against)."""

    def solve(self, case: Case, options: SolverOptions, progress: Progress) -> Outcome: ...

    def tables(self, outcome: Outcome, results: Results) -> dict[str, pd.DataFrame]: ...


@dataclass
class CaseRun:
    """What one run produced: the solved outcome, its tables, its folder and timings (s)."""

    case: Case
    outcome: Outcome
    results: Results | None  #: None when there is no solution
    folder: Path | None  #: None when the run was not written
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def exit_code(self) -> int:
        """0 solved with every target met; 1 not solved; 3 solved only by missing targets."""
        if not self.outcome.result.ok:
            return EXIT_NOT_SOLVED
        return EXIT_TARGETS_MISSED if self.outcome.misses else EXIT_OK

    @property
    def status(self) -> str:
        """optimal, targets missed, or the solver's status."""
        if self.outcome.result.ok and self.outcome.misses:
            return "targets missed"
        return self.outcome.status


def run_case(workbook: str | Path | Case, *, results_dir: str | Path | None = "results",
             elastic: bool = False, solver: SolverOverrides | None = None,
             progress: Progress | None = None, scenario: str | None = None,
             input_path: str | Path | None = None, analysis: bool = True,
             planner: Planner | None = None) -> CaseRun:
    """Read, validate, solve, collect and write one case.

    ``workbook`` is a case workbook or an already derived :class:`Case`; ``results_dir``
    None solves without writing a run folder; ``elastic`` prices missed targets from the
    start; ``input_path`` is the workbook copied into the run folder (default: ``workbook``
    when it is a path); ``analysis`` adds the abatement analysis (MAC ranges, average
    abatement cost, MAC curve: :mod:`model.abatement`; batch runs leave it out);
    ``planner`` solves the case another way and adds its tables (:class:`Planner`). Raises
    :class:`~model.errors.CaseError` for a bad workbook, before solving.
    """
    say = progress or (lambda _msg: None)
    seconds: dict[str, float] = {}
    t0 = time.perf_counter()
    case = workbook if isinstance(workbook, Case) else load_case(workbook)
    seconds["read_validate_derive"] = time.perf_counter() - t0
    if elastic:
        case.settings["elastic"] = True
    options = (solver or SolverOverrides()).apply(SolverOptions.from_settings(case.settings))
    outcome = (planner.solve if planner is not None else solve_case)(case, options, say)
    results = None
    t1 = time.perf_counter()
    if outcome.result.ok:
        found = None
        if analysis:
            say("abatement costs (warm re-solves)")
            t2 = time.perf_counter()
            found = analyse(outcome, macc_steps=int(case.settings.get("macc_steps") or 0),
                            macc_year=case.settings.get("macc_year"))
            seconds["analysis"] = time.perf_counter() - t2
        say("collecting results")
        results = collect(outcome, found)
        if planner is not None:
            results.tables.update(planner.tables(outcome, results))
    seconds["extract"] = time.perf_counter() - t1 - seconds.get("analysis", 0.0)
    folder = None
    if results_dir is not None:
        from model.report import write_run

        say("writing results")
        t2 = time.perf_counter()
        if input_path is None and not isinstance(workbook, Case):
            input_path = workbook
        folder = write_run(outcome, results, results_dir, scenario=scenario,
                           extra_seconds=seconds, input_path=input_path)
        seconds["write"] = time.perf_counter() - t2
    return CaseRun(case, outcome, results, folder, seconds)
