"""A solved LP read by the model's names.

* ``sol["act"]["pv", 2030, "summer_day"]`` (or ``sol.values("act")``): primal values of a
  variable family, keyed as declared;
* ``sol.duals("balance_slice")``: duals of a constraint family;
* ``sol.terms("balance_annual", "produced")``: what one declared term of a family
  contributes to each of its rows (:class:`TermValues`), and ``sol.costs("fuel")`` what one
  cost category contributes to the objective: the result tables read balances, emissions and
  costs from these, not from a second copy of the maths;
* ``sol.array("new", techs, years)``: a family as an array over its index sets.

Dual convention: the change of the objective per unit increase of the row's bound (a binding
``<=`` cap in a minimisation has a dual <= 0).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.maths.lp import LP, Block
from model.maths.vectorised import TermEntries


class Values(dict):
    """key -> value of one family. With ``zero_default``, keys not held read as 0: the family
    (or some of its variables) was left out of the LP at zero, as target misses are outside
    elastic mode. Otherwise an unknown key raises KeyError, as a wrong index should."""

    def __init__(self, *args, zero_default: bool = False):
        super().__init__(*args)
        self.zero_default = zero_default

    def __missing__(self, key) -> float:
        if self.zero_default:
            return 0.0
        raise KeyError(key)


@dataclass
class TermValues(TermEntries):
    """One declared term of a constraint family (its nonzeros, :class:`TermEntries`), at
    the solution: ``values`` = ``coefs * x``; ``declared``: the term's value as written in
    the maths (``sign * values``: a term written on the right-hand side enters its row
    negated)."""

    family: str
    values: np.ndarray

    @property
    def declared(self) -> np.ndarray:
        return self.sign * self.values


@dataclass
class CostValues:
    """One cost category at the solution: ``pv`` (present value, sums to its share of the
    objective) and ``money`` (money of the year; per year for operating flows) by column."""

    category: str
    var: str
    timing: str
    cols: np.ndarray
    pv: np.ndarray
    money: np.ndarray


class Solution:
    """Values and duals of a solved :class:`~model.maths.lp.LP`, by family name."""

    def __init__(self, lp: LP, x: np.ndarray | None = None, row_dual: np.ndarray | None = None):
        self.lp = lp
        self.ix = lp.ix
        self.x = x if x is not None else np.zeros(len(lp.cost))
        self.row_dual = row_dual
        self._values: dict[str, Values] = {}
        self._duals: dict[str, Values] = {}

    def __getitem__(self, name: str) -> Values:
        return self.values(name)

    def values(self, name: str) -> Values:
        """Primal values of variable family ``name`` (units of the variable)."""
        if name not in self._values:
            block = self.lp.columns.get(name)
            if block is None and self.lp.maths is not None and name not in self.lp.maths.vars:
                raise KeyError(f"the model has no variable {name!r}")
            if block is None or not len(block):  # left out at zero altogether
                self._values[name] = Values(zero_default=True)
            else:
                self._values[name] = Values(
                    zip(block.keys, self.x[block.positions].tolist(), strict=True),
                    zero_default=not self.lp.complete)
        return self._values[name]

    def array(self, name: str, *dims: Sequence) -> np.ndarray:
        """Values of variable family ``name`` over the product of ``dims`` (its index sets,
        in order), shaped by them: a view of the column vector when the LP lays the family
        out over exactly these sets, else gathered key by key (keys not held read 0)."""
        shape = tuple(len(d) for d in dims)
        block = self.lp.columns.get(name)
        if (block is not None and block.dims is not None and block.kept is None
                and len(block.dims) == len(dims) and len(block) == math.prod(shape)
                and all(list(a) == list(b) for a, b in zip(block.dims, dims, strict=True))):
            return self.x[block.positions].reshape(shape)
        family = self.values(name)
        keys = dims[0] if len(dims) == 1 else itertools.product(*dims)
        return np.array([family.get(k, 0.0) for k in keys], dtype=float).reshape(shape)

    def duals(self, name: str) -> Values:
        """Duals of constraint family ``name`` (money per unit of its bound, present value);
        NaN when the solve gave no duals. Rows left out of the LP are not held."""
        if name not in self._duals:
            block = self.lp.rows.get(name)
            if block is None:
                self._duals[name] = Values()
            elif self.row_dual is None:
                self._duals[name] = Values((k, math.nan) for k in block.keys)
            else:
                self._duals[name] = Values(
                    zip(block.keys, self.row_dual[block.positions].tolist(), strict=True))
        return self._duals[name]

    # terms of the declared maths --------------------------------------------------------

    def terms(self, family: str, label: str | None = None) -> list[TermValues]:
        """The terms of a constraint family (those with ``label``), at the solution."""
        out = []
        for e in self.lp.terms.get(family, ()):
            if label is None or e.label == label:
                out.append(TermValues(e.label, e.var, e.sign, e.rows, e.cols, e.coefs,
                                      family=family, values=e.coefs * self.x[e.cols]))
        return out

    def costs(self, category: str | None = None) -> list[CostValues]:
        """The objective's terms (those of ``category``), at the solution."""
        return [CostValues(c.category, c.var, c.timing, c.cols, c.coefs * self.x[c.cols],
                           c.money * self.x[c.cols])
                for c in self.lp.cost_terms if category is None or c.category == category]

    def row_frame(self, family: str, positions: np.ndarray) -> pd.DataFrame:
        """The index of rows of ``family`` at LP ``positions``, one column per symbol of its
        domain (categorical)."""
        return _index_frame(self.lp.rows[family], positions, self._syms("family", family))

    def col_frame(self, var: str, positions: np.ndarray) -> pd.DataFrame:
        """The index of columns of variable ``var`` at LP ``positions``, one column per
        symbol of its domain (categorical)."""
        return _index_frame(self.lp.columns[var], positions, self._syms("var", var))

    def row_codes(self, family: str, positions: np.ndarray) -> dict[str, Coded]:
        """As :meth:`row_frame`, each symbol as integer codes into its labels (no pandas)."""
        return _index_codes(self.lp.rows[family], positions, self._syms("family", family))

    def col_codes(self, var: str, positions: np.ndarray) -> dict[str, Coded]:
        """As :meth:`col_frame`, each symbol as integer codes into its labels (no pandas)."""
        return _index_codes(self.lp.columns[var], positions, self._syms("var", var))

    def _syms(self, kind: str, name: str) -> list[str]:
        maths = self.lp.maths
        if kind == "family":
            return list(maths.families[name].domain.syms)
        return list(maths.vars[name].domain.syms)


def by_name(source: LP, x: np.ndarray, row_dual: np.ndarray | None, target: LP
            ) -> tuple[np.ndarray, np.ndarray | None]:
    """Values and duals of a solved ``source`` LP laid out as ``target``, matched by family
    name and key (the same LP in another order, e.g. compiled from the Pyomo model; what one
    leaves out reads 0)."""

    def move(src_blocks, dst_blocks, values, size):
        out = np.zeros(size)
        for name, block in dst_blocks.items():
            src = src_blocks.get(name)
            if src is None:
                continue
            index = src.index
            for key, pos in block.index.items():
                at = index.get(key)
                if at is not None:
                    out[pos] = values[at]
        return out

    xt = move(source.columns, target.columns, x, len(target.cost))
    duals = None if row_dual is None else move(source.rows, target.rows, row_dual,
                                               len(target.row_lower))
    return xt, duals


Coded = tuple[np.ndarray, list]  #: integer codes and the labels they index


def _index_codes(block: Block, positions: np.ndarray, names: list[str]) -> dict[str, Coded]:
    """Labels of ``block``'s keys at LP ``positions`` as codes into a label list, per
    dimension."""
    local = positions - (block.positions[0] if len(block.positions) else 0)
    if block.dims is None:
        keys = [block.keys[i] for i in local.tolist()]
        columns = list(zip(*keys, strict=True)) if keys and isinstance(keys[0], tuple) \
            else [keys]
        out = {}
        for n, column in zip(names, columns, strict=False):
            codes, labels = pd.factorize(pd.Index(list(column), dtype=object))
            out[n] = (codes, list(labels))
        return out
    shape = tuple(len(d) for d in block.dims)
    flat = local if block.kept is None else block.kept[local]
    coords = np.unravel_index(flat, shape) if shape else ()
    return {n: (np.asarray(c), list(d)) for n, c, d in zip(names, coords, block.dims,
                                                          strict=True)}


def _index_frame(block: Block, positions: np.ndarray, names: list[str]) -> pd.DataFrame:
    """Labels of ``block``'s keys at LP ``positions``, one categorical column per dimension."""
    local = positions - (block.positions[0] if len(block.positions) else 0)
    if block.dims is None:
        keys = [block.keys[i] for i in local.tolist()]
        columns = list(zip(*keys, strict=True)) if keys and isinstance(keys[0], tuple) \
            else [keys]
        return pd.DataFrame({n: list(c) for n, c in zip(names, columns, strict=False)})
    shape = tuple(len(d) for d in block.dims)
    flat = local if block.kept is None else block.kept[local]
    coords = np.unravel_index(flat, shape) if shape else ()
    return pd.DataFrame({n: pd.Categorical.from_codes(c, categories=pd.Index(list(d)))
                         for n, c, d in zip(names, coords, block.dims, strict=True)})
