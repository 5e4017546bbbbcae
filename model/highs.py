"""Hand-over of the Pyomo model to HiGHS and back.

The model is compiled to a sparse matrix with Pyomo's ``LinearStandardFormCompiler`` and
passed to ``highspy`` in one ``passModel`` call (measured 5-6x faster than the persistent
interfaces' per-constraint walk; see ``../shared/reference/performance.md``). Primal values
are written back into the Pyomo variables; row duals are mapped back to Pyomo constraints.

Dual convention (HiGHS and Pyomo agree): the dual of a constraint is the change of the
objective per unit increase of its right-hand side, so a binding ``<=`` cap in a
minimisation has a dual <= 0.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import highspy
import numpy as np
import pyomo.environ as pyo
from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler

INF = highspy.kHighsInf

_STATUS = {
    "kOptimal": "optimal",
    "kInfeasible": "infeasible",
    "kUnbounded": "unbounded",
    "kUnboundedOrInfeasible": "infeasible_or_unbounded",
    "kTimeLimit": "time_limit",
    "kIterationLimit": "iteration_limit",
    "kModelEmpty": "optimal",
}


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

    Warm re-solves always use the dual simplex (only it restarts from a basis)."""
    if options.method != "auto":
        return options.method
    if warm:
        return "simplex"
    return "ipm" if nonzeros >= IPM_FROM_NONZEROS else "simplex"


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
    duals: dict = field(default_factory=dict)  #: ConstraintData -> dual
    seconds: dict[str, float] = field(default_factory=dict)
    iterations: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "optimal"


@dataclass
class CompiledLP:
    """The LP of a Pyomo model as arrays: ``min c'x + offset, row_lower <= A x <= row_upper,
    col_lower <= x <= col_upper``, with the Pyomo variable of each column and the Pyomo
    constraint (and its sense) of each row."""

    columns: list
    rows: list
    cost: np.ndarray
    offset: float
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    matrix: object  #: scipy.sparse CSC

    @classmethod
    def of(cls, m: pyo.ConcreteModel) -> CompiledLP:
        form = LinearStandardFormCompiler().write(m, mixed_form=True)
        n_col = len(form.columns)
        lower = np.empty(n_col)
        upper = np.empty(n_col)
        for j, var in enumerate(form.columns):
            lb, ub = var.bounds
            lower[j] = -INF if lb is None else lb
            upper[j] = INF if ub is None else ub
        rhs = np.asarray(form.rhs, dtype=float)
        sense = np.array([s for _c, s in form.rows], dtype=int)
        return cls(
            columns=form.columns, rows=form.rows,
            cost=np.asarray(form.c.toarray()).ravel() if n_col else np.zeros(0),
            offset=float(form.c_offset[0]) if len(form.c_offset) else 0.0,
            col_lower=lower, col_upper=upper,
            row_lower=np.where(sense <= 0, rhs, -INF), row_upper=np.where(sense >= 0, rhs, INF),
            matrix=form.A.tocsc())

    def highs_lp(self) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.columns)
        lp.num_row_ = len(self.rows)
        lp.col_cost_ = self.cost
        lp.offset_ = self.offset
        lp.col_lower_ = self.col_lower
        lp.col_upper_ = self.col_upper
        lp.row_lower_ = self.row_lower
        lp.row_upper_ = self.row_upper
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = self.matrix.indptr
        lp.a_matrix_.index_ = self.matrix.indices
        lp.a_matrix_.value_ = self.matrix.data
        return lp

    def same_structure(self, other: CompiledLP) -> bool:
        """Same columns, rows and sparsity pattern: values may be pushed in place."""
        return (len(self.columns) == len(other.columns) and len(self.rows) == len(other.rows)
                and all(a is b for a, b in zip(self.columns, other.columns, strict=True))
                and all(a[0] is b[0] and a[1] == b[1]
                        for a, b in zip(self.rows, other.rows, strict=True))
                and np.array_equal(self.matrix.indptr, other.matrix.indptr)
                and np.array_equal(self.matrix.indices, other.matrix.indices))


class HighsBridge:
    """A compiled model loaded into a HiGHS instance."""

    def __init__(self, m: pyo.ConcreteModel):
        self.model = m
        t0 = time.perf_counter()
        self.compiled = CompiledLP.of(m)
        t1 = time.perf_counter()
        self.lp = self.compiled.highs_lp()  #: as handed to HiGHS (benchmarks use it)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.passModel(self.lp)
        t2 = time.perf_counter()
        self.columns = self.compiled.columns
        self.rows = self.compiled.rows
        self.seconds = {"compile": t1 - t0, "pass": t2 - t1}
        self.size = {"rows": len(self.rows), "columns": len(self.columns),
                     "nonzeros": int(self.compiled.matrix.nnz)}

    def update(self) -> bool:
        """Recompile the (refreshed) model and push what changed into the loaded HiGHS model,
        keeping its basis so the next solve starts warm. Returns False, after loading the new
        LP whole, when the structure changed (columns, rows or sparsity)."""
        t0 = time.perf_counter()
        new = CompiledLP.of(self.model)
        t1 = time.perf_counter()
        old, h = self.compiled, self.highs
        warm = new.same_structure(old)
        if warm:
            changed = np.flatnonzero(old.cost != new.cost).astype(np.int32)
            if len(changed):
                h.changeColsCost(len(changed), changed, new.cost[changed])
            changed = np.flatnonzero((old.col_lower != new.col_lower) |
                                     (old.col_upper != new.col_upper))
            if len(changed):
                h.changeColsBounds(len(changed), changed.astype(np.int32),
                                   new.col_lower[changed], new.col_upper[changed])
            changed = np.flatnonzero((old.row_lower != new.row_lower) |
                                     (old.row_upper != new.row_upper))
            if len(changed):
                h.changeRowsBounds(len(changed), changed.astype(np.int32),
                                   new.row_lower[changed], new.row_upper[changed])
            if new.offset != old.offset:
                h.changeObjectiveOffset(new.offset)
            diff = np.flatnonzero(old.matrix.data != new.matrix.data)
            if len(diff):
                col_of = np.repeat(np.arange(len(new.columns)), np.diff(new.matrix.indptr))
                for k in diff.tolist():
                    h.changeCoeff(int(new.matrix.indices[k]), int(col_of[k]),
                                  float(new.matrix.data[k]))
        else:
            self.lp = new.highs_lp()
            h.passModel(self.lp)
        self.compiled, self.columns, self.rows = new, new.columns, new.rows
        self.seconds = {"compile": t1 - t0, "pass": time.perf_counter() - t1}
        self.size = {"rows": len(self.rows), "columns": len(self.columns),
                     "nonzeros": int(new.matrix.nnz)}
        return warm

    def solve(self, options: SolverOptions | None = None, warm: bool = False) -> SolveResult:
        """Run HiGHS, write primal values into the model and collect duals.

        ``warm``: the loaded model was updated in place and keeps its basis."""
        options = options or SolverOptions()
        h = self.highs
        method = choose_method(options, self.size["nonzeros"], warm)
        h.setOptionValue("solver", method)
        h.setOptionValue("threads", int(options.threads))
        h.setOptionValue("time_limit", float(options.time_limit) if options.time_limit
                         else INF)
        crossover = choose_crossover(options, self.size["nonzeros"])
        h.setOptionValue("run_crossover", "on" if crossover else "off")
        if options.log_file:
            h.setOptionValue("log_file", options.log_file)
        t0 = time.perf_counter()
        h.run()
        status = self._status()
        if status == "infeasible_or_unbounded":
            # Presolve could not tell which; a solve without presolve can.
            h.setOptionValue("presolve", "off")
            h.run()
            h.setOptionValue("presolve", "choose")
            status = self._status()
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
        result = SolveResult(
            status=status, highs_status=h.modelStatusToString(h.getModelStatus()),
            objective=info.objective_function_value if status in (
                "optimal", "time_limit") else None,
            algorithm=algorithm,
            iterations={"simplex": int(info.simplex_iteration_count),
                        "ipm": int(info.ipm_iteration_count),
                        "crossover": int(info.crossover_iteration_count)})
        if status == "optimal" or (status == "time_limit" and
                                    info.primal_solution_status == 2):
            self._load(result)
        result.seconds = {"solve": t1 - t0, "load": time.perf_counter() - t1}
        return result

    def _status(self) -> str:
        name = str(self.highs.getModelStatus()).split(".")[-1]
        return _STATUS.get(name, name.removeprefix("k").lower())

    def _load(self, result: SolveResult) -> None:
        sol = self.highs.getSolution()
        x = np.asarray(sol.col_value)
        for var in self.model.component_data_objects(pyo.Var, descend_into=True):
            var.set_value(0.0 if (var.lb is None or var.lb <= 0) else var.lb,
                          skip_validation=True)
        for var, value in zip(self.columns, x.tolist(), strict=True):
            var.set_value(value, skip_validation=True)
        duals: dict = {}
        if sol.dual_valid:
            for (con, _sense), y in zip(self.rows, np.asarray(sol.row_dual).tolist(),
                                        strict=True):
                duals[con] = duals.get(con, 0.0) + y
        result.duals = duals

