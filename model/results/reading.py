"""Reading the solved LP for the result tables: values as arrays, terms as tidy frames.

The tables take balances, emissions and costs from the declared terms of the solved rows
(:meth:`model.solution.Solution.terms`, :meth:`~model.solution.Solution.costs`), so each
figure is the LP's own number: nothing here restates the maths.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from model.case import Case
from model.solution import Solution

EPS = 1e-9


def clean(value: float) -> float:
    """A solution value with solver noise below EPS shown as 0."""
    return 0.0 if abs(value) < EPS else float(value)


def values(sol: Solution, name: str, *dims: Sequence) -> np.ndarray:
    """Values of variable family ``name`` over the product of ``dims``, noise below EPS as 0."""
    raw = sol.array(name, *dims)
    return np.where(np.abs(raw) < EPS, 0.0, raw)


def group_sums(keys: Iterable, amounts: Iterable[float]) -> dict:
    """The sum of ``amounts`` by key, keys sorted; each sum rounded once (``math.fsum``)."""
    groups: dict = {}
    for key, value in zip(keys, amounts, strict=True):
        groups.setdefault(key, []).append(value)
    return {key: math.fsum(groups[key]) for key in sorted(groups)}


def frame(columns: dict[str, Sequence], headers_when_empty: bool = False) -> pd.DataFrame:
    """A table from its columns. Without rows: no columns at all, or with
    ``headers_when_empty`` the headers with object columns."""
    if not len(next(iter(columns.values()))):
        return pd.DataFrame([], columns=list(columns)) if headers_when_empty else pd.DataFrame()
    return pd.DataFrame(columns)


def term_frame(sol: Solution, family: str, label: str | None) -> pd.DataFrame:
    """Each nonzero of a declared term at the solution: the row's index (one column per
    symbol of the family's domain), the variable's index (columns ``x.<symbol>``), the term's
    value as declared (``value``) and the row's dual (``dual``, present value). ``label``
    None: every term of the family."""
    parts = []
    for tv in sol.terms(family, label):
        rows = sol.row_frame(family, tv.rows)
        cols = sol.col_frame(tv.var, tv.cols).add_prefix("x.")
        part = pd.concat([rows, cols], axis=1)
        part["value"] = tv.declared
        part["dual"] = sol.row_dual[tv.rows] if sol.row_dual is not None else math.nan
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["value", "dual"])
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]


def summed(sol: Solution, families: Sequence[str], label: str, by: Sequence[str],
           sign: float = 1.0, priced: bool = False) -> dict[tuple, float]:
    """``sign`` times a term's declared value (``priced``: times its row's dual, money in
    present value), summed by the columns ``by`` of its :func:`term_frame` (row symbols, or
    ``x.<symbol>`` for the variable's), over one or more families (e.g. both balance
    levels); keys in order of first appearance. Grouped with integer codes (numpy), not
    frames: the result tables call this dozens of times."""
    out: dict[tuple, float] = {}
    for family in families:
        for tv in sol.terms(family, label):
            if not len(tv.rows):
                continue
            rows = cols = None
            parts = []
            for name in by:
                if name.startswith("x."):
                    cols = sol.col_codes(tv.var, tv.cols) if cols is None else cols
                    parts.append(cols[name[2:]])
                else:
                    rows = sol.row_codes(family, tv.rows) if rows is None else rows
                    parts.append(rows[name])
            group = np.ravel_multi_index([codes for codes, _ in parts],
                                         [max(len(labels), 1) for _, labels in parts])
            keys, first, inverse = np.unique(group, return_index=True, return_inverse=True)
            amount = tv.declared
            if priced:
                amount = amount * (sol.row_dual[tv.rows] if sol.row_dual is not None
                                   else math.nan)
            sums = np.bincount(inverse.ravel(), weights=amount, minlength=len(keys))
            coords = np.unravel_index(keys, [max(len(labels), 1) for _, labels in parts])
            for i in np.argsort(first, kind="stable").tolist():
                key = tuple(labels[c[i]] for (_, labels), c in zip(parts, coords, strict=True))
                out[key] = out.get(key, 0.0) + sign * float(sums[i])
    return out


@dataclass
class SolvedArrays:
    """The solution's primal values as arrays over the model's index sets, noise below EPS
    as 0. Axes: ``techs`` (all technologies), ``active``, ``storages``, ``supply``,
    ``sellable``, ``emissions`` as in :class:`model.maths.common.Index`; years; slices."""

    new: np.ndarray  #: [techs, years] capacity commissioned (capacity unit)
    cap: np.ndarray  #: [techs, years] capacity in service (capacity unit)
    act: np.ndarray  #: [active, years, slices] activity (activity unit/yr)
    annual: np.ndarray  #: [active, years] activity over the year (activity unit/yr)
    charge: np.ndarray  #: [storages, years, slices] (commodity unit/yr)
    discharge: np.ndarray  #: [storages, years, slices] (commodity unit/yr)
    soc: np.ndarray  #: [storages, years, slices] state of charge at slice start (unit)
    bought: np.ndarray  #: [supply, years] purchases over the year (commodity unit/yr)

    @classmethod
    def of(cls, case: Case, sol: Solution) -> SolvedArrays:
        ix = sol.ix
        years, slices = case.years, case.slices
        act = values(sol, "act", ix.active, years, slices)
        return cls(
            new=values(sol, "new", ix.techs, years),
            cap=values(sol, "cap", ix.techs, years),
            act=act,
            annual=act.sum(axis=-1) + 0.0,
            charge=values(sol, "charge", ix.storages, years, slices),
            discharge=values(sol, "discharge", ix.storages, years, slices),
            soc=values(sol, "soc", ix.storages, years, slices),
            bought=values(sol, "buy", ix.supply, years, slices).sum(axis=-1) + 0.0,
        )
