"""From a case to a solved model: reference run, solve, elastic fallback.

1. When a reduction target refers to base emissions that the workbook leaves empty, a
   reference run (targets switched off) gives ``E[base_year]`` in each target's scope.
2. The model is solved with its targets.
3. If that is infeasible (and the case is not elastic already), it is solved again in elastic
   mode: each target may be missed at ``miss_penalty`` per Mt CO2e, and the outcome says
   which targets are missed and by how much.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from model.case import Case, needs_base_emissions
from model.diagnose import explain
from model.highs import HighsBridge, SolveResult, SolverOptions
from model.maths import generate, pyomo_lp
from model.maths.emissions import BaseEmissions, scope_emissions
from model.maths.lp import RowCannotHold
from model.solution import Solution
from model.status import plain_status

Progress = Callable[[str], None]


@dataclass
class Outcome:
    """Everything a report needs about one solved case."""

    case: Case
    solution: Solution | None  #: values and duals by name (None without a solution)
    result: SolveResult
    options: SolverOptions
    base_emissions: dict[str, float] = field(default_factory=dict)  #: scope -> Mt CO2e/yr
    base_emissions_source: str = "input"  #: input | reference run | none
    elastic: bool = False  #: solved in elastic mode
    elastic_fallback: bool = False  #: elastic mode was entered because targets were infeasible
    misses: dict[str, float] = field(default_factory=dict)  #: target label -> Mt CO2e
    seconds: dict[str, float] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)
    bridge: HighsBridge | None = None  #: the loaded HiGHS model (for warm re-solves)
    warm: bool = False  #: re-solved in place from the previous basis

    @property
    def status(self) -> str:
        return self.result.status

    @property
    def objective(self) -> float | None:
        return self.result.objective


def _emissions_by_scope(sol: Solution, year: int) -> dict[str, float]:
    return {scope: float(scope_emissions(sol, year, scope))
            for scope in ("scope1", "scope12")}


def solve_case(case: Case, options: SolverOptions | None = None,
               progress: Progress | None = None, via_pyomo: bool = False) -> Outcome:
    """Build and solve ``case``; see the module docstring for the steps.

    ``via_pyomo``: compile the LP from the Pyomo model (the formulation of record) instead of
    generating its arrays directly; the two are the same LP (tested), the Pyomo route is
    slower. A constraint that is infeasible before any solve (no variables left, constant
    bounds excluding zero) gives an ``infeasible`` outcome naming it."""
    options = options or SolverOptions.from_settings(case.settings)
    try:
        return _solve_case(case, options, progress or (lambda _msg: None),
                           pyomo_lp if via_pyomo else generate)
    except RowCannotHold as exc:
        result = SolveResult("infeasible", "a constraint without variables cannot hold", None,
                             "not run (infeasible before solving)")
        return Outcome(case, None, result, options, messages=[str(exc)])


def _solve_case(case: Case, options: SolverOptions, say: Progress, make_lp) -> Outcome:
    seconds: dict[str, float] = {}
    messages: list[str] = []

    base = _given_base_emissions(case)
    source = "input" if base else "none"
    if not base and needs_base_emissions(case):
        say("reference run without targets (for base-year emissions)")
        t0 = time.perf_counter()
        ref_bridge = HighsBridge(make_lp(case, targets=False))
        ref = ref_bridge.solve(options)
        seconds["reference"] = time.perf_counter() - t0
        if not ref.ok:
            messages.append(f"the reference run without targets is {plain_status(ref.status)}:"
                            " the case cannot meet its demand even without targets")
            if ref.status == "infeasible":
                messages.extend(explain(case, ref_bridge))
            return Outcome(case, ref.solution, ref, options, {}, "reference run",
                           seconds=seconds, messages=messages, size=dict(ref_bridge.size))
        base = _emissions_by_scope(ref.solution, case.base_year)
        source = "reference run"
        messages.append("base emissions from the reference run: "
                        + ", ".join(f"{k} {v:.4g} Mt CO2e/yr" for k, v in base.items()))

    say("building the LP")
    t0 = time.perf_counter()
    lp = make_lp(case, base or None)
    seconds["build"] = time.perf_counter() - t0
    bridge = HighsBridge(lp)
    seconds["hand_over"] = bridge.seconds["pass"]
    say(f"solving ({lp.size['rows']} rows, {lp.size['columns']} columns, "
        f"{lp.size['nonzeros']} nonzeros)")
    result = bridge.solve(options)
    seconds["solve"] = result.seconds["solve"]
    seconds["load"] = result.seconds["load"]
    if _targets_infeasible(case, result):
        say("targets cannot all be met: solving again in elastic mode")
    result, elastic, fallback = _elastic_if_infeasible(case, base or None, bridge, options,
                                                       result, messages, seconds, make_lp)
    return Outcome(case, result.solution, result, options, base, source, elastic, fallback,
                   _misses(result), seconds, dict(bridge.size), messages, bridge)


def _given_base_emissions(case: Case) -> dict[str, float]:
    """Base emissions from the settings, the same for both scopes (Mt CO2e/yr); {} if none."""
    if case.base_emissions is None:
        return {}
    return {"scope1": case.base_emissions, "scope12": case.base_emissions}


def _targets_infeasible(case: Case, result: SolveResult) -> bool:
    return (result.status in ("infeasible", "infeasible_or_unbounded")
            and not case.settings.get("elastic") and len(case.targets) > 0)


def _elastic_if_infeasible(case: Case, base: BaseEmissions, bridge: HighsBridge,
                           options: SolverOptions, result: SolveResult, messages: list[str],
                           seconds: dict[str, float], make_lp=generate
                           ) -> tuple[SolveResult, bool, bool]:
    """When the targets make the LP infeasible, relax them (priced misses) and solve again in
    the loaded HiGHS model. Returns (result, solved elastic, entered elastic here)."""
    if not _targets_infeasible(case, result):
        if result.status == "infeasible":
            messages.extend(explain(case, bridge))
        return result, bool(case.settings.get("elastic")), False
    messages.append("the targets cannot all be met; re-solved in elastic mode, which prices "
                    "missed targets at miss_penalty")
    why = explain(case, bridge)  # the LP with its targets, before they are relaxed
    bridge.update(make_lp(case, base, elastic=True))  # the miss columns enter: passed whole
    result = bridge.solve(options)
    seconds["elastic_solve"] = result.seconds["solve"]
    if result.ok and why:  # the targets were the trouble: say which limits make them so
        messages.append("why: " + why[0])
        messages.extend(why[1:])
    if not result.ok:  # something else: the set with the targets in it would mislead
        messages.append(f"still {plain_status(result.status)} with the targets relaxed: "
                        "something other than the targets (demand, limits) cannot be met")
        messages.extend(explain(case, bridge))
    return result, True, True


def _misses(result: SolveResult) -> dict[str, float]:
    if not result.ok or result.solution is None:
        return {}
    return {k: v for k, v in result.solution.values("miss").items() if v > 1e-7}


class Resolver:
    """Solve many variants of one case: solve the first cold, then each variant in place.

    A variant is a :class:`~model.case.Case` derived from changed tables (costs, prices,
    demands, limits, target levels, ...). Its LP is generated and only what differs from the
    loaded LP (costs, bounds, coefficients) is pushed into HiGHS, which re-solves from the
    previous basis (dual simplex hot start, no presolve). A variant whose rows or columns
    differ (another technology, other years or slices, elastic mode) is passed whole and
    solved cold.

    A variant whose reduction targets need base emissions from a reference run (none given
    in its settings) is solved cold as a single run: its own reference run sets its caps.
    """

    def __init__(self, case: Case, options: SolverOptions | None = None):
        self.options = options or SolverOptions.from_settings(case.settings)
        self.first = solve_case(case, self.options)
        self.bridge = self.first.bridge

    def solve(self, variant: Case) -> Outcome:
        """Solve ``variant``, warm when its LP has the loaded LP's layout."""
        if needs_base_emissions(variant) or self.bridge is None:
            # Its own reference run (targets off) decides its caps, or nothing is loaded (the
            # last run failed before a solve): solve it as a single run.
            outcome = solve_case(variant, self.options)
            if outcome.bridge is not None:
                self.bridge = outcome.bridge
            outcome.messages.append("solved cold: " + (
                "base emissions come from the variant's own reference run"
                if needs_base_emissions(variant) else "no loaded model to start from"))
            return outcome
        t0 = time.perf_counter()
        base = _given_base_emissions(variant) or None
        lp = generate(variant, base)
        t1 = time.perf_counter()
        warm = self.bridge.update(lp)
        t2 = time.perf_counter()
        result = self.bridge.solve(self.options, warm=warm)
        seconds = {"build": t1 - t0, "update": t2 - t1, "solve": result.seconds["solve"],
                   "load": result.seconds["load"]}
        messages = [] if warm else ["rows or columns changed: the LP was passed whole and "
                                    "solved cold"]
        result, elastic, fallback = _elastic_if_infeasible(variant, base, self.bridge,
                                                           self.options, result, messages,
                                                           seconds)
        return Outcome(variant, result.solution, result, self.options,
                       dict(base) if base else {}, "input" if base else "none",
                       elastic, fallback, _misses(result), seconds,
                       dict(self.bridge.size), messages, self.bridge, warm=result.warm)
