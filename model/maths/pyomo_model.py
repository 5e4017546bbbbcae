"""The declared maths as a Pyomo model, walked key by key (the formulation of record).

Each variable family becomes a ``Var`` and each constraint family a ``Constraint`` named and
indexed as declared (``m.cap_def[t, y]``); coefficients are mutable ``Param`` components
(``m.ratio_out[t, c, y]``), so a modeller can inspect a row, change a number or add a
constraint and solve through Pyomo. A variable declared inactive is fixed at zero; a family
declared inactive is deactivated.

This walker reads the declarations one key at a time with plain dictionaries, independently
of the array evaluation in :mod:`model.maths.vectorised`, so that comparing the two LPs
(:func:`model.maths.lp.assert_same_lp`) checks the fast path against a direct reading of
the same maths.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections.abc import Callable

from model.maths.algebra import (
    Const,
    Domain,
    Expr,
    Has,
    Mapped,
    Maths,
    Op,
    ParamRef,
    Ranged,
    Sym,
    Term,
    Universe,
    conjuncts,
    factors,
)
from model.maths.common import paused_gc, pyo
from model.maths.lp import RowCannotHold

Env = dict[str, object]  #: symbol -> label

_NUMERIC = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv,
            "<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


class Walker:
    """Reads declarations at one key at a time: numbers, Pyomo expressions, sum points."""

    def __init__(self, maths: Maths, model: pyo.ConcreteModel):
        self.maths = maths
        self.m = model
        self.universe_of: dict[str, Universe] = {}
        self.var_keys: dict[str, set] = {}
        self._index: dict[tuple[int, tuple[str, ...]], dict] = {}
        self._compiled: dict[int, tuple[Expr, Callable]] = {}
        self._compiled_pyomo: dict[int, tuple[Expr, Callable]] = {}
        self._plans: dict[int, tuple] = {}

    # values (each expression compiled once into a function of the point) ------------

    def key_fn(self, index: tuple) -> Callable[[Env], tuple]:
        """A function giving the label key of ``index`` at a point."""
        getters = [self._label_fn(i) for i in index]
        if len(getters) == 1:
            g0 = getters[0]
            return lambda env: (g0(env),)
        if len(getters) == 2:
            g0, g1 = getters
            return lambda env: (g0(env), g1(env))
        return lambda env: tuple(g(env) for g in getters)

    def _label_fn(self, i) -> Callable[[Env], object]:
        if isinstance(i, Sym):
            name = i.name
            return lambda env: env[name]
        if isinstance(i, Mapped):
            name, mapping = i.sym.name, i.mapping.mapping
            return lambda env: mapping[env[name]]
        raise TypeError(f"not an index: {i!r}")

    def key(self, index: tuple, env: Env) -> tuple:
        return self.key_fn(index)(env)

    def number(self, expr: Expr, env: Env):
        """The value of ``expr`` at one point (a float or a bool)."""
        return self.number_fn(expr)(env)

    def number_fn(self, expr: Expr) -> Callable[[Env], object]:
        found = self._compiled.get(id(expr))
        if found is None:
            found = (expr, self._compile(expr))
            self._compiled[id(expr)] = found
        return found[1]

    def _compile(self, expr: Expr) -> Callable[[Env], object]:
        if isinstance(expr, Const):
            value = expr.value
            return lambda env: value
        if isinstance(expr, (Sym, Mapped)):
            universe = self.universe_of[expr.name] if isinstance(expr, Sym) \
                else expr.mapping.target
            label = self._label_fn(expr)
            if universe.numeric:
                return lambda env: float(label(env))
            code = universe.code
            return lambda env: float(code[label(env)])
        if isinstance(expr, ParamRef):
            key, value_at = self.key_fn(expr.index), expr.param.value_at
            return lambda env: value_at(key(env)) or 0.0
        if isinstance(expr, Has):
            key, value_at = self.key_fn(expr.ref.index), expr.ref.param.value_at
            return lambda env: value_at(key(env)) is not None
        if isinstance(expr, Op):
            a, b = self.number_fn(expr.a), self.number_fn(expr.b)
            if expr.op == "&":
                return lambda env: bool(a(env)) and bool(b(env))
            if expr.op == "|":
                return lambda env: bool(a(env)) or bool(b(env))
            if expr.op == "~":
                return lambda env: not bool(a(env))
            op = _NUMERIC[expr.op]
            return lambda env: op(a(env), b(env))
        raise TypeError(f"cannot evaluate {expr!r}")

    def pyomo(self, expr: Expr, env: Env):
        """``expr`` at one point as a Pyomo expression over mutable parameters."""
        return self.pyomo_fn(expr)(env)

    def pyomo_fn(self, expr: Expr) -> Callable[[Env], object]:
        found = self._compiled_pyomo.get(id(expr))
        if found is None:
            found = (expr, self._compile_pyomo(expr))
            self._compiled_pyomo[id(expr)] = found
        return found[1]

    def _compile_pyomo(self, expr: Expr) -> Callable[[Env], object]:
        if isinstance(expr, ParamRef):
            # an entry the parameter does not hold (zero) is the number 0, not a Param
            key, component = self.key_fn(expr.index), self.param(expr.param)
            value_at, one = expr.param.value_at, len(expr.index) == 1

            def reference(env):
                k = key(env)
                if not value_at(k):
                    return 0.0
                return component[k[0] if one else k]
            return reference
        if isinstance(expr, Op) and expr.op in ("+", "-", "*", "/"):
            a, b, op = self.pyomo_fn(expr.a), self.pyomo_fn(expr.b), _NUMERIC[expr.op]
            return lambda env: op(a(env), b(env))
        return self.number_fn(expr)

    def param(self, param):
        component = self.m.component(param.name)
        if component is None:
            data = {(k[0] if len(k) == 1 else k): v for k, v in param.items()}
            component = pyo.Param(list(data) if data else [None],
                                  initialize=data or {None: 0.0}, mutable=True,
                                  within=pyo.Reals)
            self.m.add_component(param.name, component)
        return component

    def holds(self, where: Expr | None, env: Env) -> bool:
        return where is None or bool(self.number(where, env))

    # points ------------------------------------------------------------------------

    def domain_keys(self, domain: Domain) -> list[tuple]:
        """The kept points of a domain, in order."""
        self.bind(domain)
        keys = []
        for labels in itertools.product(*(s.labels for s in domain.sets)):
            env = dict(zip(domain.syms, labels, strict=True))
            if self.holds(domain.where, env):
                keys.append(labels)
        return keys

    def bind(self, domain: Domain) -> None:
        for sym, s in domain.binding.items():
            self.universe_of[sym] = s.universe

    def sum_points(self, term: Term, env: Env):
        """Every point of the term's sums, for one row (``env``), where it applies."""
        plan = self._plans.get(id(term))
        if plan is None:
            plan = self._plan(term)
            self._plans[id(term)] = plan
        _term, binding, driver, free, wheres = plan
        if not binding:
            yield env
            return
        if driver is None:
            candidates = [{}]
        else:
            names, index = driver
            candidates = index.get(tuple(env[n] for n in names if n not in binding), [])
        free_labels = [binding[x].labels for x in free]
        for partial in candidates:
            if any(binding[x].pos[binding[x].universe.code[label]] < 0
                   for x, label in partial.items()):
                continue
            for labels in itertools.product(*free_labels):
                point = {**env, **partial, **dict(zip(free, labels, strict=True))}
                if all(bool(w(point)) for w in wheres):
                    yield point

    def _plan(self, term: Term) -> tuple:
        """How to walk a term's sums: its bindings, a sparse driver, the free symbols and
        the conditions (compiled)."""
        binding: dict = {}
        for d in term.sums:
            self.bind(d)
            binding.update(d.binding)
        driver = self._driver(term, binding) if binding else None
        free = [x for x in binding if driver is None or x not in driver[0]]
        wheres = [self.number_fn(d.where) for d in term.sums if d.where is not None]
        return term, binding, driver, free, wheres

    def _driver(self, term: Term, binding: dict):
        """A sparse factor to iterate over, indexed by the symbols the row binds."""
        for f in factors(term.coef) + [c for d in term.sums for c in conjuncts(d.where)]:
            ref = f.ref if isinstance(f, Has) else f
            if isinstance(ref, ParamRef) and ref.param.sparse and ref.plain and \
                    any(i.name in binding for i in ref.index):
                names = tuple(i.name for i in ref.index)
                return names, self._entries(id(ref), names, ref.param.items(), binding)
        return None

    def _entries(self, token: int, names: tuple[str, ...], items, binding) -> dict:
        """Entries of a sparse factor by the labels of its row-bound symbols."""
        if (token, names) not in self._index:
            bound = [k for k, n in enumerate(names) if n not in binding]
            index: dict = {}
            for key, _value in items:
                index.setdefault(tuple(key[k] for k in bound), []).append(
                    {n: key[k] for k, n in enumerate(names) if n in binding})
            self._index[(token, names)] = index
        return self._index[(token, names)]

    def terms(self, terms: list[Term], env: Env):
        """(coefficient as a Pyomo expression, variable component) of each nonzero term."""
        for term in terms:
            var = term.ref.var
            component = self.m.component(var.name)
            exists = self.var_keys[var.name]
            key_of, coef_of = self.key_fn(term.ref.index), self.number_fn(term.coef)
            pyomo_coef = self.pyomo_fn(term.coef)
            for point in self.sum_points(term, env):
                key = key_of(point)
                if key not in exists:
                    if term.in_sum:
                        continue
                    raise KeyError(f"{var.name}{key} does not exist")
                if coef_of(point) == 0:
                    continue
                yield pyomo_coef(point), component[key[0] if len(key) == 1 else key]

    def constant(self, terms: list[Term], env: Env) -> tuple[float, object]:
        """(value, Pyomo expression) of the sum of constant terms at one row."""
        value, expr = 0.0, 0.0
        for term in terms:
            for point in self.sum_points(term, env):
                number = self.number(term.coef, point)
                if number != 0:
                    value += number
                    expr = expr + self.pyomo(term.coef, point)
        return value, expr


def build(maths: Maths, name: str = "cluster") -> pyo.ConcreteModel:
    """The Pyomo model of the declarations (see the module docstring)."""
    m = pyo.ConcreteModel(name=name)
    w = Walker(maths, m)
    with paused_gc():
        for var in maths.vars.values():
            keys = w.domain_keys(var.domain)
            w.var_keys[var.name] = set(keys)
            index = [k[0] if len(k) == 1 else k for k in keys]
            component = pyo.Var(index, domain=pyo.Reals, dense=True)
            m.add_component(var.name, component)
            for key, labels in zip(index, keys, strict=True):
                env = dict(zip(var.domain.syms, labels, strict=True))
                lo, hi = w.number(var.lower, env), w.number(var.upper, env)
                component[key].setlb(None if lo == -math.inf else lo)
                component[key].setub(None if hi == math.inf else hi)
                if not var.active:
                    component[key].fix(0.0)
        for fam in maths.families.values():
            _family(w, fam)
        total = 0.0
        for item in maths.costs:
            var = item.ref.var
            term = Term(item.discount * item.money, item.ref, (item.domain,), item.category,
                        True)
            for coef, x in w.terms([term], {}):
                total = total + coef * x
        m.npv = pyo.Objective(expr=total, sense=pyo.minimize)
    m._maths = maths
    return m


def _family(w: Walker, fam) -> None:
    m = w.m
    keys = w.domain_keys(fam.domain)
    for d in (fam.domain,):
        w.bind(d)
    rel = fam.relation
    if isinstance(rel, Ranged):
        body_terms = [t for t in rel.body.terms if t.ref is not None]
        const_terms = [t for t in rel.body.terms if t.ref is None]
    else:
        body, const_terms, kind = rel.normal()
        body_terms = [term for term, _sign in body]

    def rule(_m, *labels):
        env = dict(zip(fam.domain.syms, labels, strict=True))
        body = [coef * x for coef, x in w.terms(body_terms, env)]
        if isinstance(rel, Ranged):
            lo, hi = w.number(rel.lower, env), w.number(rel.upper, env)
            c_value, c_expr = w.constant(const_terms, env)
            lo_value, hi_value = lo - c_value, hi - c_value
            if not body:
                return _empty(fam, labels, lo_value, hi_value)
            lower = None if lo == -math.inf else w.pyomo(rel.lower, env) - c_expr
            upper = None if hi == math.inf else w.pyomo(rel.upper, env) - c_expr
            return (lower, sum(body), upper)
        value, expr = w.constant(const_terms, env)
        if not body:
            return _empty(fam, labels, value if kind == "==" else -math.inf, value)
        return sum(body) == expr if kind == "==" else sum(body) <= expr

    index = [k[0] if len(k) == 1 else k for k in keys]
    m.add_component(fam.name, pyo.Constraint(index, rule=rule))
    if not fam.active:
        m.component(fam.name).deactivate()


def _empty(fam, labels, lower: float, upper: float):
    """A row whose terms all vanish: left out when it holds."""
    if lower > 0 or upper < 0:
        key = labels[0] if len(labels) == 1 else labels
        raise RowCannotHold(f"constraint {fam.name}[{key}] has no variables left and cannot "
                            f"hold: {lower:g} <= 0 <= {upper:g}")
    return pyo.Constraint.Skip
