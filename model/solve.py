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

import pyomo.environ as pyo

from model.case import Case, needs_base_emissions
from model.highs import HighsBridge, SolveResult, SolverOptions
from model.maths import StructureChanged, build_model, refresh
from model.maths.emissions import scope_emissions, set_elastic

Progress = Callable[[str], None]


@dataclass
class Outcome:
    """Everything a report needs about one solved case."""

    case: Case
    model: pyo.ConcreteModel
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


def _emissions_by_scope(m: pyo.ConcreteModel, year: int) -> dict[str, float]:
    return {scope: float(pyo.value(scope_emissions(m, m._ix, year, scope)))
            for scope in ("scope1", "scope12")}


def solve_case(case: Case, options: SolverOptions | None = None,
               progress: Progress | None = None) -> Outcome:
    """Build and solve ``case``; see the module docstring for the steps."""
    say = progress or (lambda _msg: None)
    options = options or SolverOptions.from_settings(case.settings)
    seconds: dict[str, float] = {}
    messages: list[str] = []

    say("building the model")
    t0 = time.perf_counter()
    m = build_model(case)
    seconds["build"] = time.perf_counter() - t0

    base: dict[str, float] = {}
    source = "none"
    if case.base_emissions is not None:
        base = {"scope1": case.base_emissions, "scope12": case.base_emissions}
        source = "input"
    elif needs_base_emissions(case):
        say("reference run without targets (for base-year emissions)")
        m.target.deactivate()
        ref_bridge = HighsBridge(m)
        ref = ref_bridge.solve(options)
        seconds["reference"] = sum(ref_bridge.seconds.values()) + sum(ref.seconds.values())
        m.target.activate()
        if not ref.ok:
            messages.append(f"the reference run without targets is {ref.status}: the case "
                            "cannot meet its demand even without targets")
            return Outcome(case, m, ref, options, {}, "reference run", seconds=seconds,
                           messages=messages)
        base = _emissions_by_scope(m, case.base_year)
        source = "reference run"
        refresh(m, case, base)
        messages.append("base emissions from the reference run: "
                        + ", ".join(f"{k} {v:.4g} Mt CO2e/yr" for k, v in base.items()))

    say("handing the model to HiGHS")
    bridge = HighsBridge(m)
    seconds["hand_over"] = sum(bridge.seconds.values())
    say(f"solving ({bridge.size['rows']} rows, {bridge.size['columns']} columns, "
        f"{bridge.size['nonzeros']} nonzeros)")
    result = bridge.solve(options)
    seconds["solve"] = result.seconds["solve"]
    seconds["load"] = result.seconds["load"]
    if _targets_infeasible(case, result):
        say("targets cannot all be met: solving again in elastic mode")
    result, elastic, fallback = _elastic_if_infeasible(case, m, bridge, options, result,
                                                       messages, seconds)
    misses = _misses(m) if result.ok else {}
    return Outcome(case, m, result, options, base, source, elastic, fallback, misses,
                   seconds, dict(bridge.size), messages, bridge)


def _targets_infeasible(case: Case, result: SolveResult) -> bool:
    return (result.status in ("infeasible", "infeasible_or_unbounded")
            and not case.settings.get("elastic") and len(case.targets) > 0)


def _elastic_if_infeasible(case: Case, m: pyo.ConcreteModel, bridge: HighsBridge,
                           options: SolverOptions, result: SolveResult, messages: list[str],
                           seconds: dict[str, float]) -> tuple[SolveResult, bool, bool]:
    """When the targets make the LP infeasible, relax them (priced misses) and solve again in
    the loaded HiGHS model. Returns (result, solved elastic, entered elastic here)."""
    if not _targets_infeasible(case, result):
        return result, bool(case.settings.get("elastic")), False
    messages.append(f"the targets are infeasible ({result.highs_status}); re-solved in "
                    "elastic mode, which prices missed targets at miss_penalty")
    set_elastic(m, True)
    bridge.update()  # the miss columns enter the LP: loaded whole
    result = bridge.solve(options)
    seconds["elastic_solve"] = result.seconds["solve"]
    if not result.ok:
        messages.append(f"still {result.status} with targets relaxed: something other than "
                        "the targets (demand, limits) cannot be met")
    return result, True, True


def _misses(m: pyo.ConcreteModel) -> dict[str, float]:
    return {k: float(m.miss[k].value or 0.0) for k in m.miss.keys()
            if (m.miss[k].value or 0.0) > 1e-7}


class Resolver:
    """Solve many variants of one case: build once, then re-solve each variant in place.

    A variant is a :class:`~model.case.Case` derived from changed tables (costs, prices,
    demands, limits, target levels, ...). Its numbers are written into the built model's
    mutable parameters and bounds, the changed coefficients are pushed into the loaded HiGHS
    model, and HiGHS re-solves from the previous basis (dual simplex hot start, no
    presolve). A variant whose sets differ (another technology, other years or slices) is
    rebuilt and solved cold; so is an infeasible variant's elastic re-solve.

    A variant whose reduction targets need base emissions from a reference run (none given
    in its settings) is solved cold as a single run: its own reference run sets its caps.

    The returned outcomes share one Pyomo model: collect a variant's results before solving
    the next one.
    """

    def __init__(self, case: Case, options: SolverOptions | None = None):
        self.options = options or SolverOptions.from_settings(case.settings)
        self.first = solve_case(case, self.options)
        self.model = self.first.model
        self.bridge = self.first.bridge

    def _cold(self, variant: Case, why: str) -> Outcome:
        outcome = solve_case(variant, self.options)
        self.model, self.bridge = outcome.model, outcome.bridge
        outcome.messages.append(why)
        return outcome

    def solve(self, variant: Case) -> Outcome:
        """Solve ``variant``, warm when its structure matches the loaded model."""
        t0 = time.perf_counter()
        if needs_base_emissions(variant):
            # Its own reference run (targets off) decides its caps: solve it as a single run.
            return self._cold(variant, "base emissions come from the variant's own reference "
                              "run: solved cold")
        base = ({"scope1": variant.base_emissions, "scope12": variant.base_emissions}
                if variant.base_emissions is not None else None)
        try:
            refresh(self.model, variant, base)
        except StructureChanged:
            return self._cold(variant, "structure changed: rebuilt and solved cold")
        t1 = time.perf_counter()
        warm = self.bridge.update()
        t2 = time.perf_counter()
        result = self.bridge.solve(self.options, warm=warm)
        seconds = {"refresh": t1 - t0, "update": t2 - t1, "solve": result.seconds["solve"],
                   "load": result.seconds["load"]}
        messages = [] if warm else ["sparsity changed: the LP was passed to HiGHS whole"]
        result, elastic, fallback = _elastic_if_infeasible(variant, self.model, self.bridge,
                                                           self.options, result, messages,
                                                           seconds)
        return Outcome(variant, self.model, result, self.options, dict(base) if base else {},
                       "input" if base else "none",
                       elastic, fallback, _misses(self.model) if result.ok else {}, seconds,
                       dict(self.bridge.size), messages, self.bridge, warm=warm)
