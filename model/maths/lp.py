r"""The LP as arrays: named blocks of columns and rows, and a builder that fills them.

An :class:`LP` is ``min c'x + offset`` subject to ``row_lower <= A x <= row_upper`` and
``col_lower <= x <= col_upper``, with ``A`` a sparse CSC matrix. Its columns and rows are
grouped in named :class:`Block`\ s that carry the model's names: block ``act`` holds the
columns of ``act[t,y,s]``, block ``balance_slice`` the rows of ``balance_slice[c,y,s]``, with
the same names and index tuples as the Pyomo model (:func:`model.maths.build_model`).

Two sources give the same LP:

* :func:`model.maths.generate` fills a :class:`Builder` straight from the case, one function
  per constraint family beside its Pyomo rule (``arrays`` in each maths module). This is
  what runs: it costs about as much as handing the arrays to HiGHS.
* :meth:`LP.from_pyomo` compiles the Pyomo model with Pyomo's ``LinearStandardFormCompiler``.
  The Pyomo model is the formulation of record; :func:`assert_same_lp` checks that both give
  identical rows, columns, coefficients, bounds and costs, and the test suite runs that
  check on every case it solves.

Rows follow Pyomo's orientation: ``lhs == rhs``, ``lhs <= rhs`` and ``lhs >= rhs`` become
``lhs - rhs`` against a constant bound, so duals have the same signs in both.
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

    ``dims`` (lists of index values) describe a dense block whose keys are their product in
    order; otherwise ``keys`` are given. Keys of one-dimensional blocks are plain values, as
    Pyomo indexes them.
    """

    name: str
    positions: np.ndarray
    dims: tuple[Sequence, ...] | None = None
    given_keys: list | None = None

    @cached_property
    def keys(self) -> list:
        """Index keys in position order."""
        if self.given_keys is not None:
            return self.given_keys
        assert self.dims is not None
        if len(self.dims) == 1:
            return list(self.dims[0])
        return list(itertools.product(*self.dims))

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
    #: Every declared variable has a column (generated LPs); Pyomo's compiler leaves out
    #: variables that appear in no row and no cost.
    complete: bool = True

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
             b.positions.tobytes()) for name, b in blocks.items()]


def _group(named) -> dict[str, Block]:
    keys: dict[str, list] = {}
    positions: dict[str, list[int]] = {}
    for pos, (name, key) in enumerate(named):
        keys.setdefault(name, []).append(key)
        positions.setdefault(name, []).append(pos)
    return {name: Block(name, np.asarray(positions[name], dtype=np.int64),
                        given_keys=keys[name]) for name in keys}


class VarBlock:
    """Columns of one variable family while the LP is built."""

    def __init__(self, name: str, start: int, dims: tuple[Sequence, ...] | None,
                 keys: list | None):
        self.name = name
        self.start = start
        self.dims = dims
        self.shape = tuple(len(d) for d in dims) if dims is not None else (len(keys),)
        self.size = int(np.prod(self.shape)) if self.shape else 1
        self.block = Block(name, np.arange(start, start + self.size, dtype=np.int64), dims,
                           keys)

    def col(self, *idx) -> np.ndarray:
        """Column numbers of the variables at integer positions ``idx`` (broadcast)."""
        return self.start + np.ravel_multi_index(np.broadcast_arrays(*idx), self.shape)

    def cols_of(self, keys: Sequence) -> np.ndarray:
        """Column numbers of the variables with index ``keys`` (sparse families)."""
        index = self.block.index
        return np.fromiter((index[k] for k in keys), dtype=np.int64, count=len(keys))


class RowBlock:
    """Rows of one constraint family while the LP is built."""

    def __init__(self, name: str, dims: tuple[Sequence, ...] | None, keys: list | None,
                 lower, upper):
        self.name = name
        self.dims = dims
        self.given_keys = keys
        self.shape = tuple(len(d) for d in dims) if dims is not None else (len(keys),)
        self.size = int(np.prod(self.shape))
        self.lower = np.broadcast_to(np.asarray(lower, dtype=float), self.shape).ravel()
        self.upper = np.broadcast_to(np.asarray(upper, dtype=float), self.shape).ravel()
        self.entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []

    def keys(self) -> list:
        """Index keys of all rows of the block, in position order."""
        return Block(self.name, np.arange(self.size), self.dims, self.given_keys).keys

    def row(self, *idx) -> np.ndarray:
        """Positions in the block of the rows at integer positions ``idx`` (broadcast)."""
        return np.ravel_multi_index(np.broadcast_arrays(*idx), self.shape)

    def grid(self) -> tuple[np.ndarray, ...]:
        """Integer positions along each dimension, shaped to broadcast over the rows."""
        n = len(self.shape)
        return tuple(np.arange(k).reshape([k if i == d else 1 for i in range(n)])
                     for d, k in enumerate(self.shape))

    def add(self, cols, coefs, rows=None) -> None:
        """Add terms ``coefs * x[cols]`` to rows.

        Without ``rows``, ``cols`` and ``coefs`` broadcast to the block's shape, optionally
        with trailing dimensions that are summed over (one term each). With ``rows`` (integer
        positions in the block, see :meth:`row`), the three broadcast together.
        """
        cols = np.asarray(cols)
        coefs = np.asarray(coefs, dtype=float)
        if rows is None:
            ndim = max(cols.ndim, coefs.ndim, len(self.shape))
            row_ids = np.arange(self.size).reshape(self.shape + (1,) * (ndim - len(self.shape)))
            rows, cols, coefs = np.broadcast_arrays(row_ids, cols, coefs)
        else:
            rows, cols, coefs = np.broadcast_arrays(np.asarray(rows), cols, coefs)
        keep = coefs != 0
        self.entries.append((rows[keep].ravel(), cols[keep].ravel(), coefs[keep].ravel()))


class Builder:
    """Collects variable and constraint blocks and the objective, then assembles the LP."""

    def __init__(self):
        self.vars: dict[str, VarBlock] = {}
        self.lower: list[np.ndarray] = []
        self.upper: list[np.ndarray] = []
        self.row_blocks: dict[str, RowBlock] = {}
        self.n_col = 0
        self.cost_terms: list[tuple[np.ndarray, np.ndarray]] = []

    def var(self, name: str, dims: tuple[Sequence, ...] | None = None,
            keys: list | None = None, lower=0.0, upper=INF) -> VarBlock:
        """Declare a variable family over the product of ``dims`` or over ``keys``."""
        block = VarBlock(name, self.n_col, dims, keys)
        self.vars[name] = block
        self.n_col += block.size
        self.lower.append(np.broadcast_to(np.asarray(lower, dtype=float), block.shape).ravel())
        self.upper.append(np.broadcast_to(np.asarray(upper, dtype=float), block.shape).ravel())
        return block

    def rows(self, name: str, dims: tuple[Sequence, ...] | None = None,
             keys: list | None = None, lower=-INF, upper=INF) -> RowBlock:
        """Declare a constraint family ``lower <= lhs <= upper`` over ``dims`` or ``keys``."""
        block = RowBlock(name, dims, keys, lower, upper)
        self.row_blocks[name] = block
        return block

    def cost(self, cols, coefs) -> None:
        """Add ``coefs * x[cols]`` to the objective (broadcast, summed where repeated)."""
        cols, coefs = np.broadcast_arrays(np.asarray(cols), np.asarray(coefs, dtype=float))
        self.cost_terms.append((cols.ravel(), coefs.ravel()))

    def _summed(self, rb: RowBlock) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The terms of a row block as (row, column, value) with repeated terms summed and
        zeros (including terms that cancel) dropped."""
        if not rb.entries:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0)
        block = sp.coo_matrix((np.concatenate([e[2] for e in rb.entries]),
                               (np.concatenate([e[0] for e in rb.entries]),
                                np.concatenate([e[1] for e in rb.entries]))),
                              shape=(rb.size, self.n_col)).tocsr()  # sums repeated terms
        block.eliminate_zeros()
        block = block.tocoo()
        return block.row.astype(np.int64), block.col.astype(np.int64), block.data

    def lp(self, **extra) -> LP:
        """Assemble the LP. Rows without any term, once repeated terms are summed, are left
        out (as Pyomo's compiler does for constraints whose body is constant), after checking
        they hold."""
        cost = np.zeros(self.n_col)
        for cols, coefs in self.cost_terms:
            np.add.at(cost, cols, coefs)
        rows_out, cols_out, vals_out = [], [], []
        lower_out, upper_out, row_blocks = [], [], {}
        n_row = 0
        for name, rb in self.row_blocks.items():
            r, c, v = self._summed(rb)
            used = np.zeros(rb.size, dtype=bool)
            used[r] = True
            cannot_hold = ~used & ((rb.lower > 0) | (rb.upper < 0))
            if cannot_hold.any():
                bad = int(np.flatnonzero(cannot_hold)[0])
                key = rb.keys()[bad]
                raise RowCannotHold(f"constraint {name}[{key}] has no variables left and cannot "
                                    f"hold: {rb.lower[bad]:g} <= 0 <= {rb.upper[bad]:g}")
            new_pos = np.cumsum(used) - 1 + n_row
            keep = np.flatnonzero(used)
            rows_out.append(new_pos[r])
            cols_out.append(c)
            vals_out.append(v)
            lower_out.append(rb.lower[keep])
            upper_out.append(rb.upper[keep])
            positions = np.arange(n_row, n_row + len(keep), dtype=np.int64)
            if len(keep) == rb.size:
                row_blocks[name] = Block(name, positions, rb.dims, rb.given_keys)
            else:
                all_keys = rb.keys()
                row_blocks[name] = Block(name, positions,
                                         given_keys=[all_keys[i] for i in keep.tolist()])
            n_row += len(keep)
        matrix = sp.csc_matrix(
            (np.concatenate(vals_out) if vals_out else np.zeros(0),
             (np.concatenate(rows_out) if rows_out else np.zeros(0, dtype=np.int64),
              np.concatenate(cols_out) if cols_out else np.zeros(0, dtype=np.int64))),
            shape=(n_row, self.n_col))
        return LP(columns={name: v.block for name, v in self.vars.items()}, rows=row_blocks,
                  cost=cost, col_lower=np.concatenate(self.lower) if self.lower else cost,
                  col_upper=np.concatenate(self.upper) if self.upper else cost,
                  row_lower=np.concatenate(lower_out) if lower_out else np.zeros(0),
                  row_upper=np.concatenate(upper_out) if upper_out else np.zeros(0),
                  matrix=matrix, **extra)


def dense(values: dict, *dims: Sequence, default: float = 0.0) -> np.ndarray:
    """A parameter dict keyed by index tuples (or plain values for one dimension) as an array
    over the product of ``dims``; missing keys take ``default``, keys outside ``dims`` are
    ignored."""
    shape = tuple(len(d) for d in dims)
    out = np.full(shape, default, dtype=float)
    if not values or not all(shape):
        return out
    keys = list(values)
    columns = [keys] if len(dims) == 1 else list(zip(*keys, strict=True))
    where = []
    for d, column in zip(dims, columns, strict=True):
        pos = {v: i for i, v in enumerate(d)}
        where.append(np.fromiter(map(pos.get, column, itertools.repeat(-1)), dtype=np.int64,
                                 count=len(keys)))
    inside = np.logical_and.reduce([w >= 0 for w in where])
    vals = np.fromiter(values.values(), dtype=float, count=len(keys))
    out[tuple(w[inside] for w in where)] = vals[inside]
    return out


def positions(subset: Sequence, of: Sequence) -> np.ndarray:
    """Integer positions of the items of ``subset`` inside ``of``."""
    where = {v: i for i, v in enumerate(of)}
    return np.fromiter((where[v] for v in subset), dtype=np.int64, count=len(subset))


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
