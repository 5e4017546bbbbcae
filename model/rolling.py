"""A rolling horizon (myopic planning): ``python run.py FILE --foresight N``.

The planner decides block by block seeing only ``N`` years ahead. Window ``k`` starts at
the first block not yet decided and sees the modelled years that start within ``N`` years of
it (at least that block); the blocks before it are kept at what the earlier windows decided
(new capacity, early retirement and annual activity, through the actuals family of
:mod:`model.maths.actuals`). The window's decisions for its first block are fixed and the
window rolls on one block; the window that reaches the end of the horizon fixes all its
blocks. The combined plan is then **evaluated**: the full-horizon LP with every decision
fixed, so that its net present cost is comparable with the perfect-foresight plan's (solved
first, on the same case). Their difference, by year and in total, is the cost of myopia.

Each window is a case of its own whose horizon ends with the window
(docs/formulation.md, "Rolling horizon"): it has the case's end-of-horizon convention at its
own end (a full last block, capex counted inside the window), it sees the targets whose year
lies inside it, the last of them held after its year (with ``after_last_target = hold``),
and reduction targets keep the full case's base emissions. A window whose targets cannot be
met is solved in elastic mode and the roll goes on; the evaluation reports the misses.

Solves: the perfect-foresight plan, one per block until a window reaches the end, and the
evaluation.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import time
from collections.abc import Callable

import pandas as pd

from model.actuals import Fixings, from_plan, with_fixings
from model.case import Case, Target, derive
from model.errors import CaseError, Problem
from model.highs import SolverOptions
from model.plan_comparison import Plan, compare_plans
from model.replan import npv_without_penalties
from model.results import Results, collect
from model.solve import Outcome, solve_case

Progress = Callable[[str], None]

PERFECT, MYOPIC = "perfect foresight", "myopic"
WHAT = "cost of myopia"


def windows(years: list[int], foresight: int) -> list[tuple[int, list[int]]]:
    """(first block, modelled years seen) of each window, until one reaches the end."""
    out = []
    for i, first in enumerate(years):
        seen = [y for y in years[i:] if y < first + foresight] or [first]
        out.append((first, seen))
        if seen[-1] == years[-1]:
            break
    return out


def window_case(case: Case, last: int) -> Case:
    """The case seen by a window whose last modelled year is ``last``: the horizon ends with
    its block, and it sees the targets of :func:`window_targets`."""
    tables = copy.deepcopy(case.tables)
    end = last + case.n_years[last] - 1
    tables.settings["end_year"] = end
    targets = tables.tables.get("targets")
    if targets is not None and not targets.empty:  # rows the shorter horizon cannot hold
        tables.tables["targets"] = targets[targets["year"].astype(int) <= end] \
            .reset_index(drop=True)
    window = derive(tables)
    window.targets = window_targets(case, window.years, end)
    window.input_hash = case.input_hash
    return window


def window_targets(case: Case, years: list[int], end: int) -> list[Target]:
    """The case's targets (the trajectory between target years included) whose year lies in
    a window ending with calendar year ``end``; with ``after_last_target = hold``, the last
    annual target of each scope the window sees also caps its later modelled years."""
    seen = [tg for tg in case.targets if tg.year <= end]
    if (case.settings.get("after_last_target") or "hold") != "hold":
        return seen
    held = []
    for scope in dict.fromkeys(tg.scope for tg in seen if tg.kind != "budget"):
        annual = [tg for tg in seen if tg.kind != "budget" and tg.scope == scope]
        last = max(annual, key=lambda tg: tg.year)
        capped = {tg.year for tg in annual}
        held += [Target(f"{y} held {scope}", "held", y, scope, math.nan, {y: 1.0},
                        last.cap_const, last.cap_per_base)
                 for y in years if y > last.year and y not in capped]
    return seen + held


def decided_macs(outcome: Outcome, decided: list[int]) -> dict[str, tuple[float, float, bool]]:
    """(shadow price, MAC, binding) of each target of a window whose year falls in the
    blocks the window decided: the myopic plan's marginal abatement cost (the evaluation,
    with every decision fixed, has no margin left)."""
    from model.results.emissions import targets_table

    case = outcome.case
    money = case.money
    blocks = {y: range(y, y + case.n_years[y]) for y in decided}
    out = {}
    for r in targets_table(outcome).to_dict("records"):
        if any(int(r["year"]) in years for years in blocks.values()):
            out[str(r["target"])] = (float(r[f"shadow price [{money}/Mt CO2e]"]),
                                     float(r[f"marginal abatement cost [{money}/Mt CO2e]"]),
                                     bool(r["binding"]))
    return out


class Rolling:
    """The :class:`~model.pipeline.Planner` of ``--foresight N`` (``N`` in years)."""

    def __init__(self, foresight: int):
        self.foresight = int(foresight)
        self.perfect: Outcome | None = None
        self.windows: list[dict] = []
        #: target label -> (shadow price, MAC, binding) in the window that decided its year
        self.macs: dict[str, tuple[float, float, bool]] = {}

    def solve(self, case: Case, options: SolverOptions, progress: Progress) -> Outcome:
        if self.foresight < 1:
            raise CaseError([Problem(case.workbook, None, "--foresight must be at least 1 "
                                     "year", value=self.foresight,
                                     expected="a number of years, e.g. 10")])
        say = progress or (lambda _msg: None)
        say("the perfect-foresight plan")
        perfect = self.perfect = solve_case(case, options, say)
        if not perfect.result.ok:
            perfect.messages.append("the perfect-foresight plan could not be solved, so the "
                                    "rolling horizon was not run")
            return perfect
        base = perfect.base_emissions
        fixed = Fixings()
        plan = windows(case.years, self.foresight)
        for k, (first, seen) in enumerate(plan, start=1):
            say(f"window {k} of {len(plan)}: {first}-{seen[-1] + case.n_years[seen[-1]] - 1}")
            t0 = time.perf_counter()
            window = with_fixings(window_case(case, seen[-1]), fixed, base)
            out = solve_case(window, options)
            last = k == len(plan)
            decided = seen if last else [first]
            self.windows.append({
                "window": k, "first block": first,
                "last year seen": seen[-1] + case.n_years[seen[-1]] - 1,
                "targets seen": ", ".join(t.label for t in window.targets) or "none",
                "blocks fixed": ", ".join(map(str, decided)),
                "status": "targets missed" if out.misses else out.status,
                "objective": out.objective, "seconds": time.perf_counter() - t0})
            if not out.result.ok:
                out.messages.insert(0, f"window {k} ({first}-{seen[-1]}) could not be solved: "
                                    "the rolling horizon stopped there")
                return out
            fixed = fixed.plus(from_plan(window, out.solution, decided, f"window {k}"))
            self.macs.update(decided_macs(out, decided))
        say("the myopic plan over the full horizon (every decision fixed)")
        outcome = solve_case(with_fixings(case, fixed, base), options, say)
        outcome.base_emissions = dict(perfect.base_emissions)
        outcome.base_emissions_source = perfect.base_emissions_source
        outcome.seconds["perfect_foresight"] = sum(perfect.seconds.values())
        outcome.seconds["windows"] = sum(w["seconds"] for w in self.windows)
        if outcome.result.ok:
            money = case.money
            a, b = npv_without_penalties(perfect), npv_without_penalties(outcome)
            outcome.messages.insert(0, f"rolling horizon with {self.foresight} years of "
                                    f"foresight: {len(plan)} window(s); net present cost "
                                    f"{b:,.1f} {money} against {a:,.1f} with perfect "
                                    f"foresight: {b - a:+,.1f} {money} ({WHAT})")
        return outcome

    def tables(self, outcome: Outcome, results: Results) -> dict[str, pd.DataFrame]:
        perfect = self.perfect
        if perfect is None or perfect is outcome or not perfect.result.ok:
            return {}
        targets = [dataclasses.replace(t, shadow_price=self.macs[t.label][0],
                                       mac=self.macs[t.label][1],
                                       binding=self.macs[t.label][2])
                   if t.label in self.macs else t for t in results.figures.targets]
        tables = compare_plans("myopia", Plan(PERFECT, perfect, collect(perfect)),
                               Plan(MYOPIC, outcome, results, targets), WHAT)
        money = outcome.case.money
        tables["rolling_windows"] = pd.DataFrame(self.windows).rename(columns={
            "objective": f"net present cost of the window [{money}]",
            "seconds": "seconds [s]"})
        return tables
