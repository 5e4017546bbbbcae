"""A solved LP read by the model's names: ``sol.act["pv", 2030, "summer_day"]``.

Primal values of each variable family and duals of each constraint family are dicts keyed as
in the Pyomo model (:func:`model.maths.build_model`); parameter values (present-value cost
coefficients and the like) are reachable the same way, so result tables and the maths
modules' expression helpers (e.g. :func:`model.maths.emissions.scope_emissions`) read one
object. Dual convention: the change of the objective per unit increase of the row's
right-hand side (a binding ``<=`` cap in a minimisation has a dual <= 0).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np

from model.maths.lp import LP


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


class Solution:
    """Values and duals of a solved :class:`~model.maths.lp.LP`, by family name."""

    def __init__(self, lp: LP, x: np.ndarray | None = None, row_dual: np.ndarray | None = None):
        self.lp = lp
        self.ix = lp.ix
        self._x = x if x is not None else np.zeros(len(lp.cost))
        self._row_dual = row_dual
        self._values: dict[str, Values] = {}
        self._duals: dict[str, Values] = {}

    def values(self, name: str) -> Values:
        """Primal values of variable family ``name`` (units of the variable)."""
        if name not in self._values:
            block = self.lp.columns.get(name)
            if block is None or not len(block):  # left out at zero altogether
                self._values[name] = Values(zero_default=True)
            else:
                self._values[name] = Values(
                    zip(block.keys, self._x[block.positions].tolist(), strict=True),
                    zero_default=not self.lp.complete)
        return self._values[name]

    def array(self, name: str, *dims: Sequence) -> np.ndarray:
        """Values of variable family ``name`` over the product of ``dims`` (its index sets,
        in order), shaped by them.

        A generated LP lays a family out over exactly these sets: the values are then a view
        of the column vector. Otherwise (an LP compiled from the Pyomo model lists columns by
        key and leaves out unused ones, which read 0) they are gathered key by key."""
        shape = tuple(len(d) for d in dims)
        block = self.lp.columns.get(name)
        if (block is not None and block.dims is not None and len(block.dims) == len(dims)
                and len(block) == math.prod(shape)
                and all(list(a) == list(b) for a, b in zip(block.dims, dims, strict=True))):
            return self._x[block.positions].reshape(shape)
        family = self.values(name)
        keys = dims[0] if len(dims) == 1 else itertools.product(*dims)
        return np.array([family[k] for k in keys], dtype=float).reshape(shape)

    def duals(self, name: str) -> Values:
        """Duals of constraint family ``name`` (money per unit of its right-hand side); NaN
        when the solve gave no duals."""
        if name not in self._duals:
            block = self.lp.rows.get(name)
            if block is None:
                self._duals[name] = Values()
            elif self._row_dual is None:
                self._duals[name] = Values((k, math.nan) for k in block.keys)
            else:
                self._duals[name] = Values(
                    zip(block.keys, self._row_dual[block.positions].tolist(), strict=True))
        return self._duals[name]

    def __getattr__(self, name: str):
        """``sol.act`` (values of a variable family) or ``sol.inv_pv`` (a parameter); kept
        as an attribute after the first look-up, so loops pay for it once."""
        if name.startswith("_"):
            raise AttributeError(name)
        if name in self.lp.columns:
            found = self.values(name)
        elif name in self.lp.params:
            found = self.lp.params[name]
        elif not self.lp.complete:
            found = self.values(name)  # left out by Pyomo's compiler: zeros
        else:
            raise AttributeError(f"the model has no variable or parameter {name!r}")
        self.__dict__[name] = found
        return found
