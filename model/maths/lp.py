r"""The LP as arrays: named blocks of columns and rows, and a builder that fills them.

An :class:`LP` is ``min c'x + offset`` subject to ``row_lower <= A x <= row_upper`` and
``col_lower <= x <= col_upper``, with ``A`` a sparse CSC matrix. Its columns and rows are
grouped in named :class:`Block`\ s that carry the model's names: block ``act`` holds the
columns of ``act[t,y,s]``, block ``balance_slice`` the rows of ``balance_slice[c,y,s]``, with
the same names and index tuples as the Pyomo model (:func:`model.maths.build_model`).

Two emitters of the same declarations (:mod:`model.maths.algebra`) give the same LP:

* :func:`model.maths.generate` evaluates every declared term over arrays
  (:mod:`model.maths.vectorised`). This is what runs: it costs about as much as handing the
  arrays to HiGHS.
* :meth:`LP.from_pyomo` compiles the Pyomo model (:mod:`model.maths.pyomo_model`) with
  Pyomo's ``LinearStandardFormCompiler``. The Pyomo model is the formulation of record;
  :func:`assert_same_lp` checks that both give identical rows, columns, coefficients,
  bounds and costs, and the test suite runs that check on every case it solves.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import highspy
import numpy as np
import scipy.sparse as sp

INF = highspy.kHighsInf


class RowCannotHold(ValueError):
    """A constraint has no variables left (its terms cancel or are absent) and its constant
    bounds exclude zero: the case is infeasible before any solve."""


@dataclass
class Block:
    """A named group of columns or rows: one per index key, at ``positions`` in the LP.

    ``dims`` (lists of index values) describe the product the keys come from, in order;
    ``kept`` (flat positions in that product) selects some of its points, all when None.
    Otherwise (an LP compiled from Pyomo) ``given_keys`` are listed. Keys of one-dimensional
    blocks are plain values, as Pyomo indexes them.
    """

    name: str
    positions: np.ndarray
    dims: tuple[Sequence, ...] | None = None
    given_keys: list | None = None
    kept: np.ndarray | None = None

    @cached_property
    def keys(self) -> list:
        """Index keys in position order."""
        if self.given_keys is not None:
            return self.given_keys
        assert self.dims is not None
        if self.kept is None:
            if len(self.dims) == 1:
                return list(self.dims[0])
            return list(itertools.product(*self.dims))
        shape = tuple(len(d) for d in self.dims)
        if not shape:
            return [None] * len(self.kept)
        coords = np.unravel_index(self.kept, shape)
        labels = [[d[i] for i in c.tolist()] for d, c in zip(self.dims, coords, strict=True)]
        return labels[0] if len(labels) == 1 else list(zip(*labels, strict=True))

    @cached_property
    def index(self) -> dict:
        """key -> position in the LP."""
        return dict(zip(self.keys, self.positions.tolist(), strict=True))

    def __len__(self) -> int:
        return len(self.positions)


@dataclass
class LP:
    """A linear program as arrays, with named column and row blocks (see module docstring)."""

    columns: dict[str, Block]
    rows: dict[str, Block]
    cost: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    matrix: sp.csc_matrix
    offset: float = 0.0
    params: dict[str, dict] = field(default_factory=dict)  #: parameter name -> {key: value}
    ix: object = None  #: the model's index sets (:class:`model.maths.common.Index`)
    maths: object = None  #: the declarations it came from (:class:`model.maths.algebra.Maths`)
    #: For an LP compiled from Pyomo: the generated LP of the same declarations, whose
    #: layout and terms the solution is read through
    generated: LP | None = None
    #: Every declared variable has a column (generated LPs); Pyomo's compiler leaves out
    #: variables that appear in no row and no cost.
    complete: bool = True
    #: constraint family -> the nonzeros of each of its terms (generated LPs)
    terms: dict[str, list] = field(default_factory=dict)
    #: the objective's nonzeros by cost category (generated LPs)
    cost_terms: list = field(default_factory=list)

    @property
    def size(self) -> dict[str, int]:
        return {"rows": len(self.row_lower), "columns": len(self.cost),
                "nonzeros": int(self.matrix.nnz)}

    def highs_lp(self) -> highspy.HighsLp:
        lp = highspy.HighsLp()
        lp.num_col_ = len(self.cost)
        lp.num_row_ = len(self.row_lower)
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

    def same_layout(self, other: LP) -> bool:
        """Same named columns and rows in the same places: the numbers of ``other`` may be
        pushed into a loaded copy of this LP (coefficients included) in place."""
        return (_layout(self.columns) == _layout(other.columns)
                and _layout(self.rows) == _layout(other.rows))

    @classmethod
    def from_pyomo(cls, m) -> LP:
        """Compile a Pyomo model with Pyomo's standard-form compiler (the reference path)."""
        from pyomo.repn.plugins.standard_form import LinearStandardFormCompiler

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
            columns=_group((v.parent_component().local_name, v.index()) for v in form.columns),
            rows=_group((c.parent_component().local_name, c.index()) for c, _s in form.rows),
            cost=np.asarray(form.c.toarray()).ravel() if n_col else np.zeros(0),
            offset=float(form.c_offset[0]) if len(form.c_offset) else 0.0,
            col_lower=lower, col_upper=upper,
            row_lower=np.where(sense <= 0, rhs, -INF), row_upper=np.where(sense >= 0, rhs, INF),
            matrix=form.A.tocsc(), complete=False)


def _layout(blocks: dict[str, Block]) -> list:
    """Names, keys and positions of blocks, cheap to compare (dense blocks by their dims)."""
    return [(name, tuple(map(tuple, b.dims)) if b.dims is not None else b.given_keys,
             None if b.kept is None else b.kept.tobytes(), b.positions.tobytes())
            for name, b in blocks.items()]


def _group(named) -> dict[str, Block]:
    keys: dict[str, list] = {}
    positions: dict[str, list[int]] = {}
    for pos, (name, key) in enumerate(named):
        keys.setdefault(name, []).append(key)
        positions.setdefault(name, []).append(pos)
    return {name: Block(name, np.asarray(positions[name], dtype=np.int64),
                        given_keys=keys[name]) for name in keys}


def assert_same_lp(a: LP, b: LP, rtol: float = 1e-12) -> None:
    """Raise AssertionError naming the first differences unless ``a`` and ``b`` are the same
    LP: the same named rows with the same bounds, the same coefficients and costs, and the
    same bounds on every column both hold. A column held by one only (Pyomo's compiler leaves
    out variables that appear nowhere) must be unused: no coefficient and no cost.
    Numbers agree to ``rtol``, relative."""
    problems: list[str] = []

    def names(blocks: dict[str, Block]) -> dict[int, tuple]:
        out = {p: (n, k) for n, blk in blocks.items() for k, p in blk.index.items()}
        if len(out) != sum(len(blk) for blk in blocks.values()):
            problems.append("a block holds the same key twice")
        return out

    def close(x: float, y: float) -> bool:
        if x == y:
            return True
        if not (np.isfinite(x) and np.isfinite(y)):
            return False
        return abs(x - y) <= rtol * max(abs(x), abs(y))

    def entries(lp: LP, cn: dict, rn: dict) -> dict:
        coo = lp.matrix.tocoo()
        return {(rn[r], cn[c]): v for r, c, v in zip(coo.row.tolist(), coo.col.tolist(),
                                                      coo.data.tolist(), strict=True) if v}

    ca, cb = names(a.columns), names(b.columns)
    ra, rb = names(a.rows), names(b.rows)
    ea, eb = entries(a, ca, ra), entries(b, cb, rb)
    for key in ea.keys() | eb.keys():
        if not close(ea.get(key, 0.0), eb.get(key, 0.0)):
            problems.append(f"coefficient {key}: {ea.get(key)} vs {eb.get(key)}")

    cols_a = {ca[j]: (a.cost[j], a.col_lower[j], a.col_upper[j]) for j in range(len(a.cost))}
    cols_b = {cb[j]: (b.cost[j], b.col_lower[j], b.col_upper[j]) for j in range(len(b.cost))}
    used = {k[1] for k in ea} | {k[1] for k in eb}
    for name in cols_a.keys() | cols_b.keys():
        x, y = cols_a.get(name), cols_b.get(name)
        if x is None or y is None:
            only = x if y is None else y
            if name in used or only[0] != 0:
                problems.append(f"column {name} is used but only in one LP")
            continue
        if not all(close(p, q) for p, q in zip(x, y, strict=True)):
            problems.append(f"cost and bounds of {name}: {x} vs {y}")

    rows_a = {ra[i]: (a.row_lower[i], a.row_upper[i]) for i in range(len(a.row_lower))}
    rows_b = {rb[i]: (b.row_lower[i], b.row_upper[i]) for i in range(len(b.row_lower))}
    for name in rows_a.keys() | rows_b.keys():
        x, y = rows_a.get(name), rows_b.get(name)
        if x is None or y is None or not (close(x[0], y[0]) and close(x[1], y[1])):
            problems.append(f"row {name}: bounds {x} vs {y}")
    if not close(a.offset, b.offset):
        problems.append(f"objective offset: {a.offset} vs {b.offset}")
    if problems:
        raise AssertionError(f"{len(problems)} differences; first: " + "; ".join(problems[:8]))
