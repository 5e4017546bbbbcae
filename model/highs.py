"""Hand-over of the LP to HiGHS and back.

The LP's arrays (:class:`~model.maths.lp.LP`) are passed to ``highspy`` in one ``passModel``
call; the solution is read back as a :class:`~model.solution.Solution` that names values and
duals as the model does. A changed LP of the same layout is pushed into the loaded model as
differences, so HiGHS re-solves from its previous basis.

Dual convention (HiGHS and Pyomo agree): the dual of a constraint is the change of the
objective per unit increase of its right-hand side, so a binding ``<=`` cap in a
minimisation has a dual <= 0.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np

from model.interrupts import deferred
from model.maths.lp import LP
from model.solution import Solution, by_name

INF = highspy.kHighsInf

_STATUS = {
    "kOptimal": "optimal",
    "kInfeasible": "infeasible",
    "kUnbounded": "unbounded",
    "kUnboundedOrInfeasible": "infeasible_or_unbounded",
    "kTimeLimit": "time_limit",
    "kIterationLimit": "iteration_limit",
    "kModelEmpty": "optimal",
    "kInterrupt": "interrupted",
}


#: statuses of a solve that stopped without deciding (HiGHS' numerical trouble)
NUMERICAL_TROUBLE = frozenset({"unknown", "solveerror", "notset", "postsolveerror"})
#: statuses that decide an LP (a retry that ends otherwise, e.g. at the time limit, did not)
DECIDED = frozenset({"optimal", "infeasible", "unbounded", "infeasible_or_unbounded"})
#: settings of the solves from scratch after numerical trouble, in turn
TROUBLE_RETRIES = ({"solver": "simplex", "simplex_strategy": 1, "simplex_scale_strategy": 4},
                   {"solver": "ipm", "run_crossover": "on"})


@dataclass
class SolverOptions:
    """HiGHS options the user may set (settings sheet or command line)."""

    time_limit: float | None = None  #: s
    threads: int = 1
    method: str = "auto"  #: auto | choose | simplex | ipm | pdlp
    crossover: bool | None = None  #: with ipm: crossover to a basic solution; None: auto
    log_file: str | None = None

    @classmethod
    def from_settings(cls, settings: dict) -> SolverOptions:
        crossover = {"on": True, "off": False}.get(str(settings.get("solver_crossover")))
        return cls(time_limit=settings.get("solver_time_limit"),
                   threads=int(settings.get("solver_threads") or 1),
                   method=str(settings.get("solver_method") or "auto"),
                   crossover=crossover)


#: Nonzeros from which ``auto`` solves cold with the interior point. Measured with
#: benchmarks/run.py on cases grown from Dunkerque: the dual simplex is fastest at 124k
#: (3 s vs 4-8 s) and 310k nonzeros (14 s vs 23 s for HiPO without crossover and 30 s with
#: crossover), but had not finished after 30 minutes at 1.1M, where the reference
#: measurements give HiPO without crossover ~3 minutes (shared/reference/performance.md).
IPM_FROM_NONZEROS = 500_000


def choose_method(options: SolverOptions, nonzeros: int, warm: bool) -> str:
    """The HiGHS algorithm to run: the user's choice, or by size when ``auto``.

    Warm re-solves always use the simplex (only it restarts from a basis)."""
    if options.method != "auto":
        return options.method
    if warm:
        return "simplex"
    return "ipm" if nonzeros >= IPM_FROM_NONZEROS else "simplex"


#: HiGHS ``simplex_strategy`` values.
DUAL_SIMPLEX, PRIMAL_SIMPLEX = 1, 4


def warm_strategy(changed: set[str]) -> int:
    """The simplex variant for a hot start after the changes in ``changed``.

    Changing only costs leaves the previous optimal basis primal feasible, so the primal
    simplex continues from it; changed bounds or right-hand sides leave it dual feasible, the
    dual simplex's starting point (also HiGHS' default). Measured with benchmarks/run.py on
    20 gas-price variants of a 124k-nonzero case: 0.65 s with the primal simplex against
    6.0 s with the dual (983 against 31,924 iterations)."""
    return PRIMAL_SIMPLEX if changed <= {"cost"} else DUAL_SIMPLEX


def choose_crossover(options: SolverOptions, nonzeros: int) -> bool:
    """Crossover after the interior point: the user's choice; by default on, except for the
    large models that ``auto`` sends to the interior point."""
    if options.crossover is not None:
        return options.crossover
    return not (options.method == "auto" and nonzeros >= IPM_FROM_NONZEROS)


@dataclass
class SolveResult:
    status: str  #: optimal | infeasible | unbounded | infeasible_or_unbounded | time_limit | ...
    highs_status: str
    objective: float | None
    algorithm: str
    solution: Solution | None = None  #: values and duals by name (when a solution exists)
    warm: bool = False  #: restarted from the previous basis
    seconds: dict[str, float] = field(default_factory=dict)
    iterations: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "optimal"


class HighsBridge:
    """An :class:`~model.maths.lp.LP` loaded into a HiGHS instance (one ``passModel``)."""

    def __init__(self, lp: LP):
        t0 = time.perf_counter()
        self.lp = lp
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(lp.highs_lp())
        self.seconds = {"pass": time.perf_counter() - t0}
        self.changed: set[str] = set()  #: what the last update changed in place

    @property
    def size(self) -> dict[str, int]:
        return self.lp.size

    def update(self, new: LP) -> bool:
        """Load ``new`` in place of the current LP, keeping HiGHS' basis so the next solve
        starts warm: only the changed costs, bounds and coefficients are pushed. Returns
        False, after passing ``new`` whole, when its rows or columns differ."""
        t0 = time.perf_counter()
        old, h = self.lp, self.highs
        warm = new.same_layout(old)
        self.changed = set()
        if warm:
            changed = np.flatnonzero(old.cost != new.cost).astype(np.int32)
            if len(changed):
                h.changeColsCost(len(changed), changed, new.cost[changed])
                self.changed.add("cost")
            changed = np.flatnonzero((old.col_lower != new.col_lower) |
                                     (old.col_upper != new.col_upper)).astype(np.int32)
            if len(changed):
                h.changeColsBounds(len(changed), changed, new.col_lower[changed],
                                   new.col_upper[changed])
                self.changed.add("bounds")
            changed = np.flatnonzero((old.row_lower != new.row_lower) |
                                     (old.row_upper != new.row_upper)).astype(np.int32)
            if len(changed):
                h.changeRowsBounds(len(changed), changed, new.row_lower[changed],
                                   new.row_upper[changed])
                self.changed.add("bounds")
            if new.offset != old.offset:
                h.changeObjectiveOffset(new.offset)
            if self._push_matrix(old.matrix, new.matrix):
                self.changed.add("matrix")
        else:
            h.passModel(new.highs_lp())
        self.lp = new
        self.seconds = {"pass": time.perf_counter() - t0}
        return warm

    def probe(self, rows: np.ndarray, lower: np.ndarray, upper: np.ndarray,
              options: SolverOptions | None = None) -> SolveResult:
        """Solve the loaded LP with the bounds of ``rows`` changed, from the current basis,
        then put the bounds back; the result's solution holds the probe's values and duals.
        The loaded LP is unchanged afterwards (its basis is the probe's, a good start for the
        next solve)."""
        h, lp = self.highs, self.lp
        rows = np.asarray(rows, dtype=np.int32)
        h.changeRowsBounds(len(rows), rows, np.asarray(lower, float), np.asarray(upper, float))
        try:
            changed, self.changed = self.changed, {"bounds"}
            return self.solve(options, warm=True)
        finally:
            self.changed = changed
            h.changeRowsBounds(len(rows), rows, lp.row_lower[rows], lp.row_upper[rows])

    def add_row(self, columns: np.ndarray, coefficients: np.ndarray, lower: float,
                upper: float) -> int:
        """Add the row ``lower <= coefficients . x[columns] <= upper`` to the loaded HiGHS
        model (not to :attr:`lp`, whose layout the solution is still read by); returns its
        index. A valid basis stays valid (the new row's slack enters it as basic), so a row
        that the current solution satisfies keeps it primal feasible for a warm solve."""
        columns = np.asarray(columns, dtype=np.int32)
        self.highs.addRow(float(lower), float(upper), len(columns), columns,
                          np.asarray(coefficients, dtype=float))
        return int(self.highs.getNumRow()) - 1

    def set_objective(self, cost: np.ndarray, offset: float = 0.0) -> None:
        """Replace the objective of the loaded model by ``cost . x + offset`` (every column's
        cost). Only costs change, so the next warm solve continues with the primal simplex
        from the current basis (:func:`warm_strategy`)."""
        cost = np.asarray(cost, dtype=float)
        self.highs.changeColsCost(len(cost), np.arange(len(cost), dtype=np.int32), cost)
        self.highs.changeObjectiveOffset(float(offset))
        self.changed = {"cost"}

    def _push_matrix(self, old, new) -> bool:
        """Change the coefficients that differ (including new and vanished entries); return
        whether any did."""
        if (old.nnz == new.nnz and np.array_equal(old.indptr, new.indptr)
                and np.array_equal(old.indices, new.indices)):
            diff = np.flatnonzero(old.data != new.data)
            if not len(diff):
                return False
            col = np.repeat(np.arange(new.shape[1]), np.diff(new.indptr))[diff]
            row = new.indices[diff]
        else:
            delta = (new - old).tocoo()
            keep = delta.data != 0
            row, col = delta.row[keep], delta.col[keep]
        values = np.asarray(new[row, col]).ravel() if len(row) else []
        for i, j, v in zip(row.tolist(), col.tolist(), list(values), strict=True):
            self.highs.changeCoeff(int(i), int(j), float(v))
        return len(row) > 0

    def solve(self, options: SolverOptions | None = None, warm: bool = False) -> SolveResult:
        """Run HiGHS, write primal values into the model and collect duals.

        ``warm``: the loaded model was updated in place and keeps its basis; the simplex then
        restarts from it in the variant that suits the changes (:func:`warm_strategy`)."""
        options = options or SolverOptions()
        h = self.highs
        # Without a basis (the last solve was an interior point without crossover) there is
        # nothing to restart from: solve as a cold run would, not with a cold simplex.
        warm = warm and h.getBasis().valid
        method = choose_method(options, self.size["nonzeros"], warm)
        h.setOptionValue("solver", method)
        h.setOptionValue("simplex_strategy", warm_strategy(self.changed) if warm
                         else DUAL_SIMPLEX)
        h.setOptionValue("threads", int(options.threads))
        h.setOptionValue("time_limit", float(options.time_limit) if options.time_limit
                         else INF)
        crossover = choose_crossover(options, self.size["nonzeros"])
        h.setOptionValue("run_crossover", "on" if crossover else "off")
        if options.log_file:
            h.setOptionValue("log_file", options.log_file)
        t0 = time.perf_counter()
        self._run()
        status = self._status()
        if status == "infeasible_or_unbounded":
            # Presolve could not tell which; a solve without presolve can.
            h.setOptionValue("presolve", "off")
            self._run()
            h.setOptionValue("presolve", "choose")
            status = self._status()
        retry = None
        if status in NUMERICAL_TROUBLE:
            status, retry = self._retry_after_trouble()
            crossover = crossover or TROUBLE_RETRIES[retry - 1].get("run_crossover") == "on"
        t1 = time.perf_counter()
        info = h.getInfo()
        if info.ipm_iteration_count > 0:
            algorithm = "ipm+crossover" if info.crossover_iteration_count > 0 else "ipm"
        elif info.simplex_iteration_count > 0:
            algorithm = "simplex"
        else:
            algorithm = "presolve"  # presolve reduced the LP to nothing
        if algorithm.startswith("ipm") and not crossover:
            algorithm = "ipm, no crossover (duals from the interior point)"
        if retry is not None:
            algorithm += _retry_label(status, retry)
        result = SolveResult(
            status=status, highs_status=h.modelStatusToString(h.getModelStatus()),
            objective=info.objective_function_value if status in (
                "optimal", "time_limit") else None,
            algorithm=algorithm, warm=warm,
            iterations={"simplex": int(info.simplex_iteration_count),
                        "ipm": int(info.ipm_iteration_count),
                        "crossover": int(info.crossover_iteration_count)})
        if status == "optimal" or (status == "time_limit" and
                                    info.primal_solution_status == 2):
            self._load(result)
        result.seconds = {"solve": t1 - t0, "load": time.perf_counter() - t1}
        return result

    def _retry_after_trouble(self) -> tuple[str, int]:
        """The solver stopped without deciding (:data:`NUMERICAL_TROUBLE`). Whether it
        decides can be an accident of its path: solve again from scratch with the settings
        of :data:`TROUBLE_RETRIES` in turn (another scaling of the simplex, then the
        interior point with crossover) while the answer stays numerical trouble. Returns the
        last status and the number of the last retry run; HiGHS' options are put back
        whatever happens. Seen on LFEC's last rolling window with 10 years of foresight
        (2045-2050, HiGHS 1.15): an infeasible LP that the dual simplex could not decide
        with its default scaling, nor with 7 of its first 10 random seeds, but decides with
        the other scaling; the window is then re-solved in elastic mode instead of stopping
        the run (``test_lfec_rolling_horizon_gets_past_a_window_the_simplex_cannot_decide``)."""
        h = self.highs
        status, retry = "unknown", 0
        for settings in TROUBLE_RETRIES:
            retry += 1
            h.clearSolver()
            defaults = {name: _option(h, name) for name in settings}
            try:
                for name, value in settings.items():
                    h.setOptionValue(name, value)
                self._run()
                status = self._status()
            finally:
                for name, value in defaults.items():
                    h.setOptionValue(name, value)
            if status not in NUMERICAL_TROUBLE:
                break
        return status, retry

    def _run(self) -> None:
        """Run HiGHS in its own thread, so that SIGINT and SIGTERM stop it through its
        interrupt callback at its next check (milliseconds with the simplex, a fraction of a
        second with the interior point). The signals are held back until HiGHS has stopped
        (:func:`model.interrupts.deferred`), then delivered: no exception can leave this
        method while the solver thread still uses the model."""
        h = self.highs
        h.HandleUserInterrupt = True
        with deferred(on_signal=h.cancelSolve):
            h.startSolve()
            while not h.wait(0.05)[0]:
                pass

    def _status(self) -> str:
        name = str(self.highs.getModelStatus()).split(".")[-1]
        return _STATUS.get(name, name.removeprefix("k").lower())

    def _load(self, result: SolveResult) -> None:
        sol = self.highs.getSolution()
        duals = np.asarray(sol.row_dual) if sol.dual_valid else None
        x = np.asarray(sol.col_value)
        if self.lp.generated is not None:  # compiled from Pyomo: read it as generated
            x, duals = by_name(self.lp, x, duals, self.lp.generated)
            result.solution = Solution(self.lp.generated, x, duals)
        else:
            result.solution = Solution(self.lp, x, duals)


def _option(h: highspy.Highs, name: str):
    """The value of HiGHS option ``name`` (highspy returns it alone or with a status)."""
    value = h.getOptionValue(name)
    return value[1] if isinstance(value, tuple) else value


def _retry_label(status: str, retry: int) -> str:
    """What the retries after numerical trouble did, for the result's algorithm."""
    if status in DECIDED:
        return f" (decided from scratch with the settings of retry {retry}, after numerical trouble)"
    if status in NUMERICAL_TROUBLE:
        return f" (undecided after {retry} retries from scratch)"
    return f" (stopped, {status}, during retry {retry} from scratch after numerical trouble)"
