r"""Maths as data: each constraint family is declared once and read by two emitters.

A maths module declares, in a notation close to its docstring's equations,

* **index sets** (:class:`IndexSet`): ordered subsets of a *universe* of labels
  (technologies, commodities, modelled years, slices, ...);
* **parameters** (:class:`Param`): numbers over universes, dense arrays or sparse entries;
* **variables** (:class:`Var`) over a :func:`over` domain, with bounds;
* **constraint families** (:class:`Family`): a domain (index sets and a condition) and a
  relation between linear expressions;
* **cost terms** (:class:`Cost`): the objective, by category.

An expression is written with symbols (``t, y, s = symbols("t y s")``), parameters and
variables indexed by them, arithmetic, comparisons and :func:`Sum`::

    m.family("act_max", over(t=S.active, y=S.years, s=S.slices),
             act[t, y, s] <= act_per_cap[t, s] * cap[t, y])

    m.family("cap_def", over(t=S.techs, y=S.years),
             cap[t, y] == residual[t, y]
             - Sum(retire[t, j, v], over(j=S.tranches, v=S.years), where=(v <= y) & (y < exit_year[j]))
             + Sum(new[t, v], over(v=S.years), where=(v <= y) & (y < v + life[t])))

Semantics, shared by both emitters:

* A family has one row per point of its domain (the product of its sets, in order, kept where
  its ``where`` holds). Rows whose terms all vanish are left out after checking they hold.
* ``Sum(x, over(...), where=...)`` adds the terms of ``x`` at every point of the product of
  its sets (for each row) where the condition holds. Inside a sum, a term applies only where
  its variable exists (so ``Sum(buy[c, y, s])`` with no index set is "purchases, where ``c``
  may be bought"); outside a sum, a variable must exist at every row.
* A term whose coefficient is zero is left out; a sparse parameter is zero outside its
  entries, so a sum over a sparse factor runs over its entries only.
* Orientation (the dual's sign): ``lhs <= rhs`` and ``lhs == rhs`` become the row
  ``vars(lhs) - vars(rhs)`` against ``const(rhs) - const(lhs)``; ``lhs >= rhs`` becomes
  ``vars(rhs) - vars(lhs) <= const(lhs) - const(rhs)``; :func:`Ranged` keeps its body.
  A row's dual is the change of the objective per unit increase of its bound.

The emitters: :mod:`model.maths.vectorised` evaluates each term over arrays of index codes
(what runs); :mod:`model.maths.pyomo_model` walks the same declarations key by key into a
Pyomo model (the formulation of record). :func:`model.maths.lp.assert_same_lp` checks that
both give the same LP; the test suite does so on every LP it builds.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

INF = float("inf")

# --------------------------------------------------------------------------------------
# universes, index sets, parameters
# --------------------------------------------------------------------------------------


class Universe:
    """All labels of one kind (e.g. every technology), each with an integer code."""

    def __init__(self, name: str, labels: Sequence):
        self.name = name
        self.labels = list(labels)
        self.code = {label: i for i, label in enumerate(self.labels)}
        if len(self.code) != len(self.labels):
            raise ValueError(f"universe {name} repeats a label")
        numeric = all(isinstance(x, (int, float)) and not isinstance(x, bool)
                      for x in self.labels)
        #: label values as numbers (modelled years), for comparisons and arithmetic
        self.values = np.asarray(self.labels, dtype=float) if numeric \
            else np.arange(len(self.labels), dtype=float)
        self.numeric = numeric

    def __len__(self) -> int:
        return len(self.labels)

    def codes(self, labels: Iterable) -> np.ndarray:
        code = self.code
        return np.fromiter((code[x] for x in labels), dtype=np.int64)


class IndexSet:
    """An ordered subset of a universe (e.g. the technologies that store a commodity)."""

    def __init__(self, name: str, universe: Universe, labels: Sequence):
        self.name = name
        self.universe = universe
        self.labels = list(labels)
        self.codes = universe.codes(self.labels)
        #: universe code -> position in this set, -1 when not in it
        self.pos = np.full(len(universe), -1, dtype=np.int64)
        self.pos[self.codes] = np.arange(len(self.codes))

    def __len__(self) -> int:
        return len(self.labels)

    def __repr__(self) -> str:
        return f"IndexSet({self.name}, {len(self)} of {self.universe.name})"


class Param:
    """Numbers over universes: a dense array over their codes, or sparse entries.

    Dense: ``data[code_1, ..., code_k]``, ``default`` where nothing was given. Sparse:
    ``coords`` (one code array per dimension) and ``values``; zero elsewhere, and a sum over
    a sparse factor runs over its entries only (see the module docstring)."""

    def __init__(self, name: str, universes: Sequence[Universe], *, data: np.ndarray | None = None,
                 coords: Sequence[np.ndarray] | None = None, values: np.ndarray | None = None):
        self.name = name
        self.universes = tuple(universes)
        self.shape = tuple(len(u) for u in self.universes)
        self.data = data
        self.sparse = data is None
        if self.sparse:
            coords = [np.asarray(c, dtype=np.int64) for c in (coords or [[]] * len(self.shape))]
            self.coords = tuple(coords)
            self.values = np.asarray(values if values is not None else [], dtype=float)
            flat = np.ravel_multi_index(self.coords, self.shape) if self.shape \
                else np.zeros(len(self.values), dtype=np.int64)
            order = np.argsort(flat, kind="stable")
            self._flat, self._sorted = flat[order], order
            if len(self._flat) > 1 and (np.diff(self._flat) == 0).any():
                raise ValueError(f"parameter {name} repeats an entry")

    @classmethod
    def from_dict(cls, name: str, universes: Sequence[Universe], values: dict, *,
                  sparse: bool = False, default: float = 0.0) -> Param:
        """From ``{key: value}`` keyed by labels (plain labels for one dimension)."""
        universes = tuple(universes)
        keys = [k if isinstance(k, tuple) else (k,) for k in values]
        coords = [u.codes([k[i] for k in keys]) for i, u in enumerate(universes)]
        vals = np.fromiter(values.values(), dtype=float, count=len(keys))
        if sparse:
            return cls(name, universes, coords=coords, values=vals)
        data = np.full(tuple(len(u) for u in universes), default, dtype=float)
        if keys:
            data[tuple(coords)] = vals
        return cls(name, universes, data=data)

    def lookup(self, codes: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        """(values, found) at the points ``codes`` (one code array per dimension)."""
        if not self.sparse:
            values = self.data[tuple(codes)]
            return values, np.ones(np.shape(values), dtype=bool)
        flat = np.ravel_multi_index(tuple(codes), self.shape) if self.shape \
            else np.zeros(np.shape(codes[0]) if codes else (), dtype=np.int64)
        at = np.searchsorted(self._flat, flat)
        at = np.minimum(at, max(len(self._flat) - 1, 0))
        found = (self._flat[at] == flat) if len(self._flat) else np.zeros(flat.shape, bool)
        values = np.where(found, self.values[self._sorted[at]] if len(self._flat) else 0.0, 0.0)
        return values, found

    def value_at(self, labels: tuple) -> float | None:
        """The value at one key of labels (None: a sparse parameter without this entry)."""
        codes = tuple(u.code[x] for u, x in zip(self.universes, labels, strict=True))
        if not self.sparse:
            return float(self.data[codes])
        return self._entries.get(codes)

    @cached_property
    def _entries(self) -> dict[tuple, float]:
        return dict(zip(zip(*(c.tolist() for c in self.coords), strict=True),
                        self.values.tolist(), strict=True)) if self.shape else {}

    def items(self) -> Iterable[tuple[tuple, float]]:
        """(label key, value) of every entry (a dense parameter: every nonzero value)."""
        if self.sparse:
            entries = zip(*(c.tolist() for c in self.coords), strict=True)
            vals = self.values.tolist()
        else:
            nz = np.nonzero(self.data)
            entries = zip(*(c.tolist() for c in nz), strict=True)
            vals = self.data[nz].tolist()
        for codes, v in zip(entries, vals, strict=True):
            yield tuple(u.labels[c] for u, c in zip(self.universes, codes, strict=True)), v

    def __getitem__(self, idx) -> ParamRef:
        idx = idx if isinstance(idx, tuple) else (idx,)
        if len(idx) != len(self.universes):
            raise TypeError(f"{self.name} takes {len(self.universes)} indices, got {len(idx)}")
        return ParamRef(self, tuple(idx))

    def __repr__(self) -> str:
        return f"Param({self.name})"


class IndexMap:
    """A function from labels of one universe to labels of another (e.g. the next slice)."""

    def __init__(self, name: str, source: Universe, target: Universe, mapping: dict):
        self.name = name
        self.source, self.target = source, target
        self.mapping = dict(mapping)
        self.codes = np.full(len(source), -1, dtype=np.int64)
        for a, b in self.mapping.items():
            self.codes[source.code[a]] = target.code[b]

    def __getitem__(self, sym: Sym) -> Mapped:
        return Mapped(self, sym)


# --------------------------------------------------------------------------------------
# expressions (coefficients, conditions, constants)
# --------------------------------------------------------------------------------------


class Expr:
    """A value over index points: a number, a parameter, a symbol's label, or arithmetic."""

    def _wrap(self, other) -> Expr:
        return other if isinstance(other, Expr) else Const(float(other))

    def __add__(self, other):
        if isinstance(other, (LinExpr, VarRef)):
            return NotImplemented
        return Op("+", self, self._wrap(other))

    def __radd__(self, other):
        return Op("+", self._wrap(other), self)

    def __sub__(self, other):
        if isinstance(other, (LinExpr, VarRef)):
            return NotImplemented
        return Op("-", self, self._wrap(other))

    def __rsub__(self, other):
        return Op("-", self._wrap(other), self)

    def __mul__(self, other):
        if isinstance(other, (LinExpr, VarRef)):
            return NotImplemented
        return Op("*", self, self._wrap(other))

    def __rmul__(self, other):
        return Op("*", self._wrap(other), self)

    def __truediv__(self, other):
        return Op("/", self, self._wrap(other))

    def __neg__(self):
        return Op("*", Const(-1.0), self)

    def __lt__(self, other):
        return Op("<", self, self._wrap(other))

    def __le__(self, other):
        if isinstance(other, (LinExpr, VarRef)):
            return NotImplemented
        return Op("<=", self, self._wrap(other))

    def __gt__(self, other):
        return Op(">", self, self._wrap(other))

    def __ge__(self, other):
        if isinstance(other, (LinExpr, VarRef)):
            return NotImplemented
        return Op(">=", self, self._wrap(other))

    def __and__(self, other):
        return Op("&", self, self._wrap(other))

    def __or__(self, other):
        return Op("|", self, self._wrap(other))

    def __invert__(self):
        return Op("~", self, Const(0.0))

    def symbols(self) -> set[str]:
        raise NotImplementedError


@dataclass(frozen=True, eq=False)
class Const(Expr):
    value: float

    def symbols(self) -> set[str]:
        return set()


@dataclass(frozen=True, eq=False)
class Sym(Expr):
    """An index symbol; as a value, its label (numeric for modelled years)."""

    name: str

    def symbols(self) -> set[str]:
        return {self.name}


@dataclass(frozen=True, eq=False)
class Mapped(Expr):
    """``mapping[sym]``: the label an :class:`IndexMap` gives a symbol's label."""

    mapping: IndexMap
    sym: Sym

    def symbols(self) -> set[str]:
        return {self.sym.name}


@dataclass(frozen=True, eq=False)
class ParamRef(Expr):
    param: Param
    index: tuple  #: of Sym or Mapped

    def symbols(self) -> set[str]:
        return set().union(*(i.symbols() for i in self.index))

    @property
    def plain(self) -> bool:
        """Indexed by plain symbols, each once (it can drive the points of a sum)."""
        names = [i.name for i in self.index if isinstance(i, Sym)]
        return len(names) == len(self.index) and len(set(names)) == len(names)


@dataclass(frozen=True, eq=False)
class Has(Expr):
    """True where a sparse parameter has an entry."""

    ref: ParamRef

    def symbols(self) -> set[str]:
        return self.ref.symbols()


_OPS: dict[str, Callable] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
    "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge,
}


@dataclass(frozen=True, eq=False)
class Op(Expr):
    op: str
    a: Expr
    b: Expr

    def symbols(self) -> set[str]:
        return self.a.symbols() | self.b.symbols()


def symbols(names: str) -> tuple[Sym, ...]:
    """``t, y, s = symbols("t y s")``."""
    return tuple(Sym(n) for n in names.split())


def factors(expr: Expr) -> list[Expr]:
    """The factors of a product (the expression itself when it is not one)."""
    if isinstance(expr, Op) and expr.op == "*":
        return factors(expr.a) + factors(expr.b)
    return [expr]


def conjuncts(expr: Expr | None) -> list[Expr]:
    """The parts of a condition joined by ``&``."""
    if expr is None:
        return []
    if isinstance(expr, Op) and expr.op == "&":
        return conjuncts(expr.a) + conjuncts(expr.b)
    return [expr]


# --------------------------------------------------------------------------------------
# domains, variables, linear expressions, relations
# --------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Domain:
    """Index symbols bound to sets, with a condition: ``over(t=S.active, y=S.years)``."""

    syms: tuple[str, ...]
    sets: tuple[IndexSet, ...]
    where: Expr | None = None

    @property
    def binding(self) -> dict[str, IndexSet]:
        return dict(zip(self.syms, self.sets, strict=True))


def over(where: Expr | None = None, **sets: IndexSet) -> Domain:
    """The domain of a variable, family or sum: symbols bound to index sets, and where."""
    return Domain(tuple(sets), tuple(sets.values()), where)


class Var:
    """A variable family over a domain, with bounds (expressions over its symbols)."""

    def __init__(self, name: str, domain: Domain, lower: Expr | float = 0.0,
                 upper: Expr | float = INF, active: bool = True, doc: str = ""):
        self.name = name
        self.domain = domain
        self.lower = lower if isinstance(lower, Expr) else Const(float(lower))
        self.upper = upper if isinstance(upper, Expr) else Const(float(upper))
        #: False: fixed at zero (kept in the Pyomo model, left out of the arrays)
        self.active = active
        self.doc = doc

    def __getitem__(self, idx) -> VarRef:
        idx = idx if isinstance(idx, tuple) else (idx,)
        if len(idx) != len(self.domain.syms):
            raise TypeError(f"{self.name} takes {len(self.domain.syms)} indices")
        return VarRef(self, tuple(idx))

    def __repr__(self) -> str:
        return f"Var({self.name})"


@dataclass(frozen=True, eq=False)
class Term:
    """``coef * var[index]`` summed over ``sums`` (each a domain), labelled for results."""

    coef: Expr
    ref: VarRef | None  #: None: a constant term
    sums: tuple[Domain, ...] = ()
    label: str = ""
    in_sum: bool = False  #: applies only where its variable exists

    def scaled(self, factor: Expr) -> Term:
        return Term(factor * self.coef, self.ref, self.sums, self.label, self.in_sum)


class LinExpr:
    """A sum of terms; arithmetic with numbers and parameter expressions."""

    def __init__(self, terms: Sequence[Term]):
        self.terms = list(terms)

    @staticmethod
    def of(x) -> LinExpr:
        if isinstance(x, LinExpr):
            return x
        if isinstance(x, VarRef):
            return LinExpr([Term(Const(1.0), x, (), x.var.name)])
        if isinstance(x, (int, float)):
            x = Const(float(x))
        if isinstance(x, Expr):
            return LinExpr([Term(x, None, (), "constant")])
        raise TypeError(f"not a linear expression: {x!r}")

    def __add__(self, other):
        return LinExpr(self.terms + LinExpr.of(other).terms)

    __radd__ = __add__

    def __neg__(self):
        return LinExpr([t.scaled(Const(-1.0)) for t in self.terms])

    def __sub__(self, other):
        return self + (-LinExpr.of(other))

    def __rsub__(self, other):
        return LinExpr.of(other) + (-self)

    def __mul__(self, other):
        if isinstance(other, (LinExpr, VarRef)):
            raise TypeError("a product of variables is not linear")
        factor = other if isinstance(other, Expr) else Const(float(other))
        return LinExpr([t.scaled(factor) for t in self.terms])

    __rmul__ = __mul__

    def __le__(self, other):
        return Relation(self, "<=", LinExpr.of(other))

    def __ge__(self, other):
        return Relation(self, ">=", LinExpr.of(other))

    def __eq__(self, other):  # type: ignore[override]
        return Relation(self, "==", LinExpr.of(other))

    __hash__ = None  # type: ignore[assignment]


@dataclass(frozen=True, eq=False)
class VarRef:
    var: Var
    index: tuple  #: of Sym or Mapped

    def _lin(self) -> LinExpr:
        return LinExpr.of(self)

    def __add__(self, other):
        return self._lin() + other

    def __radd__(self, other):
        return LinExpr.of(other) + self._lin()

    def __sub__(self, other):
        return self._lin() - other

    def __rsub__(self, other):
        return LinExpr.of(other) - self._lin()

    def __neg__(self):
        return -self._lin()

    def __mul__(self, other):
        return self._lin() * other

    __rmul__ = __mul__

    def __le__(self, other):
        return self._lin() <= other

    def __ge__(self, other):
        return self._lin() >= other

    def __eq__(self, other):  # type: ignore[override]
        return self._lin() == other

    __hash__ = None  # type: ignore[assignment]

    def symbols(self) -> set[str]:
        return set().union(*(i.symbols() for i in self.index))


def Sum(x, domain: Domain | None = None, where: Expr | None = None,  # noqa: N802
        label: str | None = None) -> LinExpr:
    """Σ of ``x`` over the points of ``domain`` where ``where`` holds (see the module
    docstring: inside a sum a term applies only where its variable exists)."""
    domain = domain or Domain((), ())
    if where is not None:
        domain = Domain(domain.syms, domain.sets,
                        where if domain.where is None else domain.where & where)
    terms = []
    for t in LinExpr.of(x).terms:
        terms.append(Term(t.coef, t.ref, (*t.sums, domain), label or t.label, True))
    return LinExpr(terms)


@dataclass
class Relation:
    """``lhs <sense> rhs``, normalised to ``lower <= body <= upper`` (module docstring)."""

    lhs: LinExpr
    sense: str
    rhs: LinExpr

    def normal(self) -> tuple[list[tuple[Term, float]], list[Term], str]:
        """(variable terms of the row, each with the sign the row gives the term as written;
        constant terms of the bound; bound kind): the row ``Σ body <= / == Σ bound``."""
        lhs, rhs = self.lhs.terms, self.rhs.terms
        if self.sense == ">=":
            lhs, rhs = rhs, lhs
        body = [(t, 1.0) for t in lhs if t.ref is not None] + \
            [(t.scaled(Const(-1.0)), -1.0) for t in rhs if t.ref is not None]
        bound = [t for t in rhs if t.ref is None] + \
            [t.scaled(Const(-1.0)) for t in lhs if t.ref is None]
        return body, bound, "==" if self.sense == "==" else "<="


@dataclass
class Ranged:
    """``lower <= body <= upper`` with bounds given per row (infinite: no bound)."""

    lower: Expr
    body: LinExpr
    upper: Expr


@dataclass
class Family:
    """A constraint family: one row per point of ``domain``."""

    name: str
    domain: Domain
    relation: Relation | Ranged
    active: bool = True  #: False: declared (and deactivated in Pyomo), no rows
    doc: str = ""


@dataclass
class Cost:
    """One category of the objective: ``Σ discount * money * var`` over ``domain``.

    ``money`` is the cash flow per unit of the variable in money of the year (per year for
    operating costs); ``discount`` the present-value weight (``W_y`` for operating flows, 1
    when ``money`` is already a present value, as for capex)."""

    category: str
    domain: Domain
    money: Expr
    ref: VarRef
    discount: Expr = field(default_factory=lambda: Const(1.0))
    timing: str = "operating"  #: operating (block years, year end) | capex | penalty


# --------------------------------------------------------------------------------------
# the declarations of a model
# --------------------------------------------------------------------------------------


class Maths:
    """What the maths modules declare: sets, parameters, variables, families, costs."""

    def __init__(self):
        self.universes: dict[str, Universe] = {}
        self.sets: dict[str, IndexSet] = {}
        self.params: dict[str, Param] = {}
        self.vars: dict[str, Var] = {}
        self.families: dict[str, Family] = {}
        self.costs: list[Cost] = []
        self.maps: dict[str, IndexMap] = {}
        self.data: dict[str, Any] = {}  #: other values the declarations need

    def universe(self, name: str, labels: Sequence) -> Universe:
        self.universes[name] = Universe(name, labels)
        return self.universes[name]

    def set(self, name: str, universe: str, labels: Sequence) -> IndexSet:
        self.sets[name] = IndexSet(name, self.universes[universe], labels)
        return self.sets[name]

    def param(self, param: Param) -> Param:
        if param.name in self.params:
            raise ValueError(f"parameter {param.name} declared twice")
        self.params[param.name] = param
        return param

    def var(self, name: str, domain: Domain, **kw) -> Var:
        if name in self.vars:
            raise ValueError(f"variable {name} declared twice")
        self.vars[name] = Var(name, domain, **kw)
        return self.vars[name]

    def family(self, name: str, domain: Domain, relation: Relation | Ranged,
               active: bool = True, doc: str = "") -> Family:
        if name in self.families:
            raise ValueError(f"constraint family {name} declared twice")
        if not isinstance(relation, (Relation, Ranged)):
            raise TypeError(f"{name}: not a relation (use <=, >= or ==)")
        self.families[name] = Family(name, domain, relation, active, doc)
        return self.families[name]

    def cost(self, category: str, domain: Domain, money: Expr | float, ref: VarRef,
             discount: Expr | float = 1.0, timing: str = "operating") -> Cost:
        money = money if isinstance(money, Expr) else Const(float(money))
        discount = discount if isinstance(discount, Expr) else Const(float(discount))
        self.costs.append(Cost(category, domain, money, ref, discount, timing))
        return self.costs[-1]


def domain_points(domain: Domain) -> Iterable[tuple]:
    """Label keys of the product of a domain's sets, in order (before its condition)."""
    return itertools.product(*(s.labels for s in domain.sets))
