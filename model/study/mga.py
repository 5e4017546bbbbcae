r"""Near-optimal alternatives solved warm: the optimum once, a cost row, two solves per direction.

With :math:`c` the LP's cost vector without the penalties of missed targets (zero on the
``miss`` columns), :math:`x^*` the least-cost solution and :math:`C_0 = c\,x^* + c_0` its net
present cost (:math:`c_0` the objective's constant), each direction :math:`d` with weights
:math:`w_{d,g}` on the groups' measures :math:`m_g` (rows of LP column coefficients,
:mod:`model.study.alternatives`) is solved in two stages:

.. math::

    \text{1. } D^* = \min_x\; d\,x, \quad d = \sum_g \frac{w_{d,g}}{s_g}\, m_g
    \quad\text{s.t. the case's rows and bounds,}\quad
    c\,x + c_0 \le C_0 + \varepsilon\,|C_0|, \quad miss_k \le miss^*_k

    \text{2. } \min_x\; c\,x + c_0 \quad\text{s.t. the same, and}\quad
    d\,x \le D^* + 10^{-9} \max(1, |D^*|)

where :math:`\varepsilon` is the slack. :math:`|C_0|` keeps the bound above the optimum when
the optimum is negative (a cluster earning more than it spends). In elastic mode the
penalties stay out of the cost row and no target may be missed by more than at the optimum:
an alternative may not buy cost room with emissions. :math:`s_g = 1` for a group's own min
and max (the objective is the measure); for random directions :math:`s_g` is the group's
range within the slack (max - min, found by the worker once), so that groups in different
units weigh alike. Stage 1 finds the extreme; its optimal plans form a face, whose first
vertex can cost anything up to the bound; stage 2 reports the cheapest plan on that face,
so that an alternative's cost is what its extreme costs.

Warm: the optimal LP stays loaded in HiGHS (:class:`~model.highs.HighsBridge`). The cost row
and a direction row (free in stage 1) are added once per chunk to a fresh instance holding
the optimum's basis; every direction starts from that basis (both rows basic). Stage 1 only
changes the column costs, so the basis stays primal feasible and the primal simplex
continues from it; stage 2 gives the direction row its coefficients and bound (the stage-1
plan satisfies it, its slack basic) and the costs back, and continues from stage 1's basis.
Chunks start from a fresh instance, so results do not depend on which worker takes them (as
study variants, :mod:`model.study.execute`).
"""

from __future__ import annotations

import hashlib
import pickle
import time
import traceback
from dataclasses import dataclass

import numpy as np

from model.case import derive
from model.highs import INF, HighsBridge, SolverOptions
from model.maths import generate
from model.maths.lp import LP
from model.results.capacity import capacity_table
from model.results.reading import SolvedArrays
from model.solution import Solution
from model.solve import solve_case
from model.study import outputs as study_outputs
from model.study.alternatives import GroupMeasure
from model.study.definition import Variant
from model.study.execute import VariantResult
from model.study.variants import StudyBase
from model.validate import validate

#: Stage 2 holds a direction's measure within this (relative, at least absolute) of its
#: extreme: above the solver's tolerances, far below any quantity a planner reads.
HOLD = 1e-9
#: A group's range below this (relative to its size, or absolutely below 1e-9) is taken as
#: fixed: random directions then weigh it in its own unit.
FIXED_RANGE = 1e-9


def cost_bound(optimum: float, slack: float) -> float:
    """The highest net present cost an alternative may have: ``optimum + slack * |optimum|``
    (money; above the optimum whatever its sign)."""
    return optimum + slack * abs(optimum)


def measure_vector(lp: LP, group: GroupMeasure) -> np.ndarray:
    """The group's measure as coefficients of the LP's columns: the mean of ``cap[t, y]``
    over its years (capacity), the sum of ``new[t, y]`` (new_capacity), or the mean over its
    years of ``sum_s act[t, y, s]`` (activity)."""
    vector = np.zeros(len(lp.cost))
    years = set(group.years)
    techs = set(group.technologies)
    weight = 1.0 if group.summed else 1.0 / len(group.years)
    name = {"capacity": "cap", "new_capacity": "new", "activity": "act"}[group.measure]
    block = lp.columns.get(name)
    if block is None:
        return vector
    for key, position in block.index.items():
        if key[0] in techs and key[1] in years:
            vector[position] = weight
    return vector


@dataclass
class AlternativesJob:
    """What a worker needs to solve any chunk of directions (pickled to each worker once)."""

    base: StudyBase
    groups: tuple[GroupMeasure, ...]
    slack: float
    options: SolverOptions
    plans: bool = False  #: also keep each alternative's full capacity table
    #: the groups' ranges that weigh random directions (:meth:`NearOptimal.scales`): found
    #: once before the chunks are sent out and recorded in the plan; a function of the
    #: rest, so not part of the key
    scales: dict[str, float] | None = None
    key: str = ""

    def __post_init__(self) -> None:
        if not self.key:
            self.key = "mga-" + hashlib.sha256(pickle.dumps(
                (self.base, self.groups, self.slack, self.options, self.plans))).hexdigest()[:16]

    def warm_model(self) -> NearOptimal:
        return NearOptimal(self)

    def solve_cold(self, chunk: list[Variant]) -> list[VariantResult]:
        """Each direction solved from scratch (its LP generated and passed to a fresh HiGHS,
        no basis): the baseline of the benchmark. The optimum is solved once per worker."""
        from model.study.execute import _warm

        model = _warm(self)
        return [model.run(v, cold=True) for v in chunk]


@dataclass
class Loaded:
    """The optimal LP loaded in HiGHS with the two rows of the alternatives: ``cost_row``
    (the net present cost at most the bound) and ``direction_row`` (free, or the
    direction's measure held at its extreme), and ``start``: the basis each direction
    starts from (the optimum's, both rows basic)."""

    bridge: HighsBridge
    cost_row: int
    direction_row: int
    start: object  #: highspy.HighsBasis

    def extreme(self, direction: np.ndarray, options: SolverOptions, warm: bool = True):
        """Stage 1: minimise ``direction . x`` from the start basis, the cost row holding."""
        h = self.bridge.highs
        if self.start is not None:
            h.setBasis(self.start)
        h.changeRowBounds(self.direction_row, -INF, INF)
        self.bridge.set_objective(direction)
        return self.bridge.solve(options, warm=warm and self.start is not None)

    def cheapest(self, direction: np.ndarray, first, cost: np.ndarray, offset: float,
                 options: SolverOptions):
        """Stage 2: the cheapest plan whose ``direction . x`` is at the first stage's
        extreme (within :data:`HOLD` of it), from the first stage's basis. The extreme's
        plan satisfies the held row, so only costs change for the simplex: the primal
        simplex continues from it."""
        h = self.bridge.highs
        _status, old_cols, _values = h.getRowEntries(self.direction_row)
        for j in np.asarray(old_cols).tolist():
            h.changeCoeff(self.direction_row, int(j), 0.0)
        for j in np.flatnonzero(direction).tolist():
            h.changeCoeff(self.direction_row, int(j), float(direction[j]))
        extreme = float(direction @ first.solution.x)
        h.changeRowBounds(self.direction_row, -INF,
                          extreme + HOLD * max(1.0, abs(extreme)))
        self.bridge.set_objective(cost, offset)
        return self.bridge.solve(options, warm=True)


class NearOptimal:
    """A worker's model of an alternatives study: the optimum solved once; per chunk, a
    fresh HiGHS instance with the optimal basis and the two rows; per direction, two warm
    solves from the optimal basis."""

    def __init__(self, job: AlternativesJob):
        self.job = job
        tables, problems = validate(job.base.raw)
        if tables is None:
            raise ValueError("the study's base is not valid: " + "; ".join(map(str, problems)))
        self.case = derive(tables)
        self.first = solve_case(self.case, job.options)
        self.model: Loaded | None = None
        self._scales: dict[str, float] | None = None
        self.failure: tuple[str, str] | None = None
        if not self.first.result.ok:
            self.failure = (self.first.status, "the least-cost plan is "
                            f"{self.first.status}, so there are no alternatives to it: "
                            + "; ".join(self.first.messages))
            return
        bridge = self.first.bridge
        self.lp: LP = bridge.lp
        self.x0 = np.array(self.first.solution.x, dtype=float)
        self.basis0 = bridge.highs.getBasis()
        miss = self.lp.columns.get("miss")
        self.miss = miss.positions if miss is not None else np.zeros(0, dtype=np.int64)
        self.cost = self.lp.cost.copy()
        self.cost[self.miss] = 0.0  # penalties are not costs
        self.optimum = float(self.cost @ self.x0 + self.lp.offset)
        self.bound = cost_bound(self.optimum, job.slack)
        self.vectors = {g.name: measure_vector(self.lp, g) for g in job.groups}

    # the loaded model ------------------------------------------------------------------

    def loaded(self, lp: LP | None = None) -> Loaded:
        """A fresh HiGHS instance: the optimal LP and its basis (or ``lp``, the same LP
        generated again, without a basis: a solve from scratch), with the cost row and a
        direction row (free until a direction's second stage bounds it), the misses held at
        the optimum's. Its basis (the optimum's, both rows basic) is each direction's start."""
        bridge = HighsBridge(lp if lp is not None else self.lp)
        if lp is None and self.basis0.valid:
            bridge.highs.setBasis(self.basis0)
        columns = np.flatnonzero(self.cost)
        cost_row = bridge.add_row(columns, self.cost[columns], -INF,
                                  self.bound - self.lp.offset)
        direction_row = bridge.add_row(np.zeros(0), np.zeros(0), -INF, INF)
        if len(self.miss):
            cols = self.miss.astype(np.int32)
            bridge.highs.changeColsBounds(len(cols), cols, self.lp.col_lower[cols],
                                          np.maximum(self.x0[cols], self.lp.col_lower[cols]))
        start = bridge.highs.getBasis() if lp is None else None
        return Loaded(bridge, cost_row, direction_row, start)

    def reset(self) -> None:
        """Start a chunk from the optimum (so that a chunk's results depend only on it)."""
        if self.failure is None:
            self.model = self.loaded()

    # directions ------------------------------------------------------------------------

    def scales(self) -> dict[str, float]:
        """Each group's range within the slack (max - min of its measure), found on an
        instance of its own in group order (the same on every worker); 1 for a fixed
        group."""
        if self._scales is None and self.job.scales is not None:
            self._scales = dict(self.job.scales)
        if self._scales is None:
            model = self.loaded()
            self._scales = {}
            for name, vector in self.vectors.items():
                values = []
                for sign in (1.0, -1.0):
                    result = model.extreme(sign * vector, self.job.options)
                    if not result.ok:
                        values = []
                        break
                    values.append(float(vector @ result.solution.x))
                span = max(values) - min(values) if values else 0.0
                size = max(abs(v) for v in values) if values else 0.0
                self._scales[name] = span if span > FIXED_RANGE * max(1.0, size) else 1.0
        return self._scales

    def objective(self, variant: Variant) -> np.ndarray:
        """The direction's cost vector: its weights on the groups' measures."""
        scales = self.scales() if variant.kind == "random" else {}
        cost = np.zeros(len(self.lp.cost))
        for name, weight in variant.values.items():
            cost += weight / scales.get(name, 1.0) * self.vectors[name]
        return cost

    def run(self, variant: Variant, cold: bool = False) -> VariantResult:
        """Solve one direction (the optimum itself for direction 0): its extreme, then the
        cheapest plan at that extreme. Failures become a status, never an exception (the
        study goes on)."""
        t0 = time.perf_counter()
        if self.failure is not None:
            return VariantResult(variant.id, self.failure[0], self.failure[1], None, False,
                                 time.perf_counter() - t0)
        if variant.kind == "optimum":
            return self._result(variant, self.first.solution, None, False, t0)
        try:
            direction = self.objective(variant)
            if cold:
                model = self.loaded(self._generate())
            else:
                if self.model is None:
                    self.reset()
                model = self.model
            first = model.extreme(direction, self.job.options, warm=not cold)
            if not first.ok:
                message = {"unbounded": "the direction is unbounded within the slack: a "
                           "technology of the group has no cost and no limit"}.get(
                    first.status, f"the direction's solve ended {first.status}")
                return VariantResult(variant.id, first.status, message, None, first.warm,
                                     time.perf_counter() - t0)
            result = model.cheapest(direction, first, self.cost, self.lp.offset,
                                    self.job.options)
        except Exception as exc:  # a bug or a solver failure: recorded, the study goes on
            return VariantResult(variant.id, "failed", f"{type(exc).__name__}: {exc} "
                                 f"[{traceback.format_exc(limit=-2).strip().splitlines()[-3]}]",
                                 None, False, time.perf_counter() - t0)
        if not result.ok:  # the extreme's own plan holds: report it
            result = first
        return self._result(variant, result.solution, first.objective, first.warm, t0)

    def _generate(self) -> LP:
        """The case's LP generated again (as the optimum's: elastic when it was)."""
        first = self.first
        lp = generate(self.case, first.base_emissions or None,
                      elastic=True if first.elastic_fallback else None)
        assert lp.same_layout(self.lp), "the generated LP differs from the optimum's"
        return lp

    def _result(self, variant: Variant, sol: Solution, objective: float | None, warm: bool,
                t0: float) -> VariantResult:
        case, money = self.case, self.case.money
        x = np.asarray(sol.x, dtype=float)
        npv = float(self.cost @ x + self.lp.offset)
        rows: list[study_outputs.Row] = [("npv", "total", None, npv, money),
                                         ("cost_bound", "total", None, self.bound, money)]
        v = SolvedArrays.of(case, sol)
        techs = list(case.technologies)
        units = [case.technologies[t].capacity_unit for t in techs]
        for output, values in (("capacity", v.cap), ("new_capacity", v.new)):
            rows += [(output, t, int(y), float(values[i, j]), units[i])
                     for i, t in enumerate(techs) for j, y in enumerate(case.years)]
        rows += [("activity", t, int(y), float(v.annual[i, j]),
                  f"{case.technologies[t].activity_unit}/yr")
                 for i, t in enumerate(sol.ix.active) for j, y in enumerate(case.years)]
        if self.job.plans:
            table = capacity_table(case, sol, v)
            for output, column in (("residual", "residual [capacity_unit]"),
                                   ("retired_early", "retired early [capacity_unit]")):
                rows += [(output, str(t), int(y), float(val), str(u)) for t, y, val, u in zip(
                    table["technology"], table["year"], table[column], table["capacity_unit"],
                    strict=True)]
        return VariantResult(variant.id, "optimal", "", objective, warm,
                             time.perf_counter() - t0, rows)
