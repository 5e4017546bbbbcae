r"""The declared maths as arrays: every term evaluated over arrays of index codes.

For each term of a family (or cost), the points where it applies are found at once:

1. a *driver* gives the first index codes: the entries of a sparse factor (a sparse
   parameter, a sparse variable inside a sum, a sparse condition, or the family's own rows
   when they are few), whichever leaves the fewest points;
2. the symbols it does not bind are crossed with their index sets;
3. points outside the family's rows, the sums' sets or conditions, where the variable does
   not exist (inside a sum), or where the coefficient is zero are dropped;
4. rows, columns and coefficients follow by table look-up.

This is the LP that runs (see :mod:`model.maths.algebra` for the semantics it shares with
the Pyomo model). Rows without terms are left out after checking that they hold.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from model.maths.algebra import (
    Const,
    Domain,
    Expr,
    Has,
    IndexSet,
    Mapped,
    Maths,
    Op,
    ParamRef,
    Ranged,
    Sym,
    Term,
    Universe,
    Var,
    conjuncts,
    factors,
)
from model.maths.lp import INF, LP, Block, RowCannotHold

Points = dict[str, np.ndarray]  #: symbol -> universe codes, all of one length


class DescriptionError(ValueError):
    """The declarations refer to something that does not exist (a bug in a maths module)."""


# --------------------------------------------------------------------------------------
# evaluation of expressions at points
# --------------------------------------------------------------------------------------


def index_codes(i, pts: Points) -> np.ndarray:
    """Universe codes of one index (a symbol, or a mapped symbol) at the points."""
    if isinstance(i, Sym):
        return pts[i.name]
    if isinstance(i, Mapped):
        codes = i.mapping.codes[pts[i.sym.name]]
        if (codes < 0).any():
            raise DescriptionError(f"{i.mapping.name} is not defined for some "
                                   f"{i.mapping.source.name}")
        return codes
    raise DescriptionError(f"an index must be a symbol or a mapped symbol, not {i!r}")


def evaluate(expr: Expr, pts: Points, universes: dict[str, Universe], n: int):
    """The value of ``expr`` at each point (an array, or a scalar for constants)."""
    if isinstance(expr, Const):
        return expr.value
    if isinstance(expr, Sym):
        return universes[expr.name].values[pts[expr.name]]
    if isinstance(expr, Mapped):
        return expr.mapping.target.values[index_codes(expr, pts)]
    if isinstance(expr, ParamRef):
        values, _found = expr.param.lookup([index_codes(i, pts) for i in expr.index])
        return values
    if isinstance(expr, Has):
        ref = expr.ref
        _values, found = ref.param.lookup([index_codes(i, pts) for i in ref.index])
        return found
    if isinstance(expr, Op):
        a = evaluate(expr.a, pts, universes, n)
        b = evaluate(expr.b, pts, universes, n)
        if expr.op == "&":
            return np.logical_and(a, b)
        if expr.op == "|":
            return np.logical_or(a, b)
        if expr.op == "~":
            return np.logical_not(a)
        if expr.op == "/":
            return np.divide(a, b)
        return {"+": np.add, "-": np.subtract, "*": np.multiply, "<": np.less,
                "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}[expr.op](a, b)
    raise DescriptionError(f"cannot evaluate {expr!r}")


def as_mask(value, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=bool), (n,))


def as_array(value, n: int) -> np.ndarray:
    return np.broadcast_to(np.asarray(value, dtype=float), (n,))


# --------------------------------------------------------------------------------------
# domains: the kept points of a product of index sets
# --------------------------------------------------------------------------------------


def cross(pts: Points, n: int, syms: list[str], sets: list[IndexSet]) -> tuple[Points, int]:
    """Every point of ``pts`` with every combination of the ``sets`` (bound to ``syms``)."""
    if not syms:
        return pts, n
    sizes = [len(s) for s in sets]
    block = math.prod(sizes)
    out = {k: np.repeat(v, block) for k, v in pts.items()}
    for d, (sym, s) in enumerate(zip(syms, sets, strict=True)):
        inner = math.prod(sizes[d + 1:])
        outer = math.prod(sizes[:d])
        out[sym] = np.tile(np.repeat(s.codes, inner), outer * n)
    return out, n * block


class Layout:
    """The kept points of a domain (variables' columns, families' rows) and a look-up from
    index codes to their position (-1 outside)."""

    def __init__(self, domain: Domain, universes: dict[str, Universe], active: bool = True):
        self.domain = domain
        self.syms = list(domain.syms)
        self.sets = list(domain.sets)
        self.shape = tuple(len(s) for s in self.sets)
        self.size = math.prod(self.shape)
        if domain.where is None or not active or self.size == 0:
            self.kept = None if active else np.zeros(0, dtype=np.int64)
        else:
            pts, n = cross({}, 1, self.syms, self.sets)
            keep = as_mask(evaluate(domain.where, pts, universes, n), n)
            self.kept = np.flatnonzero(keep)
        self.count = self.size if self.kept is None else len(self.kept)
        if self.kept is not None:
            self.table = np.full(self.size, -1, dtype=np.int64)
            self.table[self.kept] = np.arange(len(self.kept))

    def points(self) -> Points:
        """Universe codes of the kept points, in order."""
        if self.kept is None:
            pts, _n = cross({}, 1, self.syms, self.sets)
            return pts
        coords = np.unravel_index(self.kept, self.shape) if self.shape else ()
        return {sym: s.codes[c] for sym, s, c in zip(self.syms, self.sets, coords, strict=True)}

    def position(self, codes: list[np.ndarray]) -> np.ndarray:
        """Position of each point given by universe codes per symbol (-1: not kept)."""
        if not self.shape:
            n = len(codes[0]) if codes else 1
            return np.zeros(n, dtype=np.int64) if self.count else np.full(n, -1, np.int64)
        if self.size == 0:
            return np.full(len(codes[0]), -1, dtype=np.int64)
        local = [s.pos[c] for s, c in zip(self.sets, codes, strict=True)]
        inside = np.logical_and.reduce([x >= 0 for x in local])
        flat = np.ravel_multi_index([np.where(inside, x, 0) for x in local], self.shape)
        pos = flat if self.kept is None else self.table[flat]
        return np.where(inside, pos, -1)

    def block(self, name: str, start: int) -> Block:
        dims = tuple(s.labels for s in self.sets)
        return Block(name, np.arange(start, start + self.count, dtype=np.int64), dims,
                     kept=self.kept)


# --------------------------------------------------------------------------------------
# terms
# --------------------------------------------------------------------------------------


@dataclass
class Entries:
    """The nonzeros one term contributes: block-local rows, columns, coefficients."""

    label: str
    var: str | None
    rows: np.ndarray
    cols: np.ndarray
    coefs: np.ndarray


def _drivers(term: Term, scope: dict[str, IndexSet], vars_: dict[str, Var],
             layouts: dict[str, Layout], rows: Layout | None):
    """Candidate drivers: (points, count, syms bound)."""
    found = []
    for f in factors(term.coef):
        if isinstance(f, ParamRef) and f.param.sparse and f.plain:
            found.append(("param", f))
    for d in term.sums:
        for c in conjuncts(d.where):
            if isinstance(c, Has) and c.ref.param.sparse and c.ref.plain:
                found.append(("param", c.ref))
            elif isinstance(c, ParamRef) and c.param.sparse and c.plain:
                found.append(("param", c))
    ref = term.ref
    if ref is not None and term.in_sum and all(isinstance(i, Sym) for i in ref.index) \
            and len({i.name for i in ref.index}) == len(ref.index):
        lay = layouts.get(ref.var.name)
        if lay is not None and lay.kept is not None:
            found.append(("var", (ref, lay)))
    if rows is not None and rows.kept is not None:
        found.append(("rows", rows))
    for kind, what in found:
        if kind == "param":
            names = [i.name for i in what.index]
            yield dict(zip(names, what.param.coords, strict=True)), len(what.param.values), names
        elif kind == "var":
            r, lay = what
            pts = lay.points()
            names = [i.name for i in r.index]
            yield ({n: pts[s] for n, s in zip(names, lay.syms, strict=True)}, lay.count,
                   names)
        else:
            pts = what.points()
            yield pts, what.count, list(what.syms)


def term_points(term: Term, family_domain: Domain, rows: Layout | None,
                vars_: dict[str, Var], layouts: dict[str, Layout],
                universes: dict[str, Universe]) -> tuple[Points, int, np.ndarray]:
    """Points of a term and their row positions (block-local; all rows for a cost)."""
    scope: dict[str, IndexSet] = dict(family_domain.binding)
    for d in term.sums:
        for sym, s in d.binding.items():
            if sym in scope:
                raise DescriptionError(f"symbol {sym} is bound twice")
            scope[sym] = s
    best = None
    for pts, count, names in _drivers(term, scope, vars_, layouts, rows):
        free = [s for s in scope if s not in names]
        size = count * math.prod(len(scope[s]) for s in free)
        if best is None or size < best[0]:
            best = (size, pts, count, names)
    if best is None:
        pts, n, bound = {}, 1, []
    else:
        _size, pts, n, bound = best
        pts = {k: v for k, v in pts.items() if k in scope}
        bound = [b for b in bound if b in scope]
        keep = np.logical_and.reduce([scope[s].pos[pts[s]] >= 0 for s in bound]) \
            if bound else np.ones(n, dtype=bool)
        if not keep.all():
            pts = {k: v[keep] for k, v in pts.items()}
            n = int(keep.sum())
    free = [s for s in scope if s not in pts]
    pts, n = cross(pts, n, free, [scope[s] for s in free])
    if rows is not None:
        row = rows.position([pts[s] for s in rows.syms])
        keep = row >= 0
    else:
        row = np.zeros(n, dtype=np.int64)
        keep = np.ones(n, dtype=bool)
    for d in term.sums:
        if d.where is not None:
            keep &= as_mask(evaluate(d.where, pts, universes, n), n)
    if not keep.all():
        pts = {k: v[keep] for k, v in pts.items()}
        row = row[keep]
        n = len(row)
    return pts, n, row


def term_entries(term: Term, family_domain: Domain, rows: Layout | None, vars_: dict[str, Var],
                 layouts: dict[str, Layout], starts: dict[str, int],
                 universes: dict[str, Universe], where: str) -> Entries:
    """The nonzeros of one term (a variable term; see :func:`constant_terms`)."""
    universes = {**universes}
    pts, n, row = term_points(term, family_domain, rows, vars_, layouts, universes)
    ref = term.ref
    var = ref.var
    lay = layouts.get(var.name)
    if lay is None or not var.active:
        if not term.in_sum and var.active:
            raise DescriptionError(f"{where}: variable {var.name} is not declared")
        empty = np.zeros(0, dtype=np.int64)
        return Entries(term.label, var.name, empty, empty, np.zeros(0))
    col = lay.position([index_codes(i, pts) for i in ref.index])
    exists = col >= 0
    if not exists.all():
        if not term.in_sum:
            bad = int(np.flatnonzero(~exists)[0])
            key = {s: universes[s].labels[c[bad]] for s, c in pts.items()}
            raise DescriptionError(f"{where}: {var.name} does not exist at {key}")
        pts = {k: v[exists] for k, v in pts.items()}
        row, col, n = row[exists], col[exists], int(exists.sum())
    coef = as_array(evaluate(term.coef, pts, universes, n), n)
    nz = coef != 0
    if not nz.all():
        row, col, coef = row[nz], col[nz], coef[nz]
    return Entries(term.label, var.name, row, col + starts[var.name], np.array(coef))


def constant_terms(terms: list[Term], family_domain: Domain, rows: Layout,
                   vars_: dict[str, Var], layouts: dict[str, Layout],
                   universes: dict[str, Universe]) -> np.ndarray:
    """The sum of constant terms in each row of the family."""
    total = np.zeros(rows.count)
    for term in terms:
        if not term.sums and not (isinstance(term.coef, Const) and term.coef.value == 0):
            pts = rows.points()
            total += as_array(evaluate(term.coef, pts, universes, rows.count), rows.count)
            continue
        pts, n, row = term_points(term, family_domain, rows, vars_, layouts, universes)
        value = as_array(evaluate(term.coef, pts, universes, n), n)
        total += np.bincount(row, weights=value, minlength=rows.count)
    return total


# --------------------------------------------------------------------------------------
# the LP
# --------------------------------------------------------------------------------------


@dataclass
class TermEntries:
    """One term's nonzeros in the assembled LP (rows and columns are LP positions)."""

    label: str
    var: str
    #: +1 or -1: the row's coefficients are ``sign`` times the term as declared (a term on
    #: the right-hand side of ``==`` or ``<=`` enters the row with -1)
    sign: float
    rows: np.ndarray
    cols: np.ndarray
    coefs: np.ndarray


@dataclass
class CostEntries:
    """One cost category's share of the objective: columns, present value per unit (the
    cost vector's part) and money of the year per unit."""

    category: str
    var: str
    timing: str
    cols: np.ndarray
    coefs: np.ndarray  #: present value per unit of the variable
    money: np.ndarray  #: money of the year per unit (per year for operating flows)


def emit(maths: Maths) -> LP:
    """The LP of the declarations, as arrays (see the module docstring)."""
    universes_by_sym: dict[str, Universe] = {}

    def sym_universes(*domains: Domain) -> dict[str, Universe]:
        out = dict(universes_by_sym)
        for d in domains:
            for sym, s in d.binding.items():
                out[sym] = s.universe
        return out

    # columns
    layouts: dict[str, Layout] = {}
    starts: dict[str, int] = {}
    columns: dict[str, Block] = {}
    lower, upper = [], []
    n_col = 0
    for var in maths.vars.values():
        if not var.active:
            continue
        uni = sym_universes(var.domain)
        lay = Layout(var.domain, uni)
        layouts[var.name] = lay
        starts[var.name] = n_col
        columns[var.name] = lay.block(var.name, n_col)
        pts = lay.points()
        lower.append(as_array(evaluate(var.lower, pts, uni, lay.count), lay.count))
        upper.append(as_array(evaluate(var.upper, pts, uni, lay.count), lay.count))
        n_col += lay.count

    # rows
    row_blocks: dict[str, Block] = {}
    all_rows, all_cols, all_vals, lo_out, up_out = [], [], [], [], []
    terms_of: dict[str, list[TermEntries]] = {}
    n_row = 0
    for fam in maths.families.values():
        if not fam.active:
            continue
        uni = sym_universes(fam.domain, *(d for t in _terms(fam) for d in t.sums))
        rows = Layout(fam.domain, uni)
        if isinstance(fam.relation, Ranged):
            body = [(t, 1.0) for t in fam.relation.body.terms if t.ref is not None]
            pts = rows.points()
            lo = as_array(evaluate(fam.relation.lower, pts, uni, rows.count), rows.count)
            hi = as_array(evaluate(fam.relation.upper, pts, uni, rows.count), rows.count)
            const = constant_terms([t for t in fam.relation.body.terms if t.ref is None],
                                   fam.domain, rows,
                                   maths.vars, layouts, uni)
            lo, hi = lo - const, hi - const
        else:
            body, bound_terms, kind = fam.relation.normal()
            bound = constant_terms(bound_terms, fam.domain, rows, maths.vars, layouts, uni)
            hi = bound
            lo = bound if kind == "==" else np.full(rows.count, -INF)
        found = [term_entries(t, fam.domain, rows, maths.vars, layouts, starts, uni,
                              f"constraint {fam.name}") for t, _sign in body]
        r = np.concatenate([e.rows for e in found]) if found else np.zeros(0, np.int64)
        c = np.concatenate([e.cols for e in found]) if found else np.zeros(0, np.int64)
        v = np.concatenate([e.coefs for e in found]) if found else np.zeros(0)
        summed = sp.coo_matrix((v, (r, c)), shape=(rows.count, n_col)).tocsr()
        summed.eliminate_zeros()
        used = np.diff(summed.indptr) > 0
        cannot_hold = ~used & ((lo > 0) | (hi < 0))
        if cannot_hold.any():
            bad = int(np.flatnonzero(cannot_hold)[0])
            key = _key(rows, bad)
            raise RowCannotHold(f"constraint {fam.name}[{key}] has no variables left and "
                                f"cannot hold: {lo[bad]:g} <= 0 <= {hi[bad]:g}")
        keep = np.flatnonzero(used)
        new_pos = np.full(rows.count, -1, dtype=np.int64)
        new_pos[keep] = np.arange(n_row, n_row + len(keep))
        coo = summed[keep].tocoo()
        all_rows.append(coo.row.astype(np.int64) + n_row)
        all_cols.append(coo.col.astype(np.int64))
        all_vals.append(coo.data)
        lo_out.append(lo[keep])
        up_out.append(hi[keep])
        kept = keep if rows.kept is None else rows.kept[keep]
        dims = tuple(s.labels for s in rows.sets)
        full = rows.kept is None and len(keep) == rows.count
        row_blocks[fam.name] = Block(fam.name, np.arange(n_row, n_row + len(keep)), dims,
                                     kept=None if full else kept)
        terms_of[fam.name] = [TermEntries(e.label, e.var, sign, new_pos[e.rows], e.cols,
                                          e.coefs)
                              for e, (_t, sign) in zip(found, body, strict=True)]
        n_row += len(keep)

    # objective
    cost = np.zeros(n_col)
    cost_entries: list[CostEntries] = []
    for item in maths.costs:
        var = item.ref.var
        if not var.active:
            continue
        uni = sym_universes(item.domain)
        term = Term(item.discount * item.money, item.ref, (item.domain,), item.category, True)
        pts, n, _row = term_points(term, Domain((), ()), None, maths.vars, layouts, uni)
        col = layouts[var.name].position([index_codes(i, pts) for i in item.ref.index])
        exists = col >= 0
        pts = {k: v[exists] for k, v in pts.items()}
        col, n = col[exists], int(exists.sum())
        money = as_array(evaluate(item.money, pts, uni, n), n)
        pv = np.ones(n)
        for f in factors(item.discount) + factors(item.money):  # left to right, as written
            pv = pv * as_array(evaluate(f, pts, uni, n), n)
        nz = pv != 0
        col, pv, money = col[nz] + starts[var.name], pv[nz], money[nz]
        np.add.at(cost, col, pv)
        cost_entries.append(CostEntries(item.category, var.name, item.timing, col,
                                        np.array(pv), np.array(money)))

    matrix = sp.csc_matrix(
        (np.concatenate(all_vals) if all_vals else np.zeros(0),
         (np.concatenate(all_rows) if all_rows else np.zeros(0, dtype=np.int64),
          np.concatenate(all_cols) if all_cols else np.zeros(0, dtype=np.int64))),
        shape=(n_row, n_col))
    return LP(columns=columns, rows=row_blocks, cost=cost,
              col_lower=np.concatenate(lower) if lower else np.zeros(0),
              col_upper=np.concatenate(upper) if upper else np.zeros(0),
              row_lower=np.concatenate(lo_out) if lo_out else np.zeros(0),
              row_upper=np.concatenate(up_out) if up_out else np.zeros(0),
              matrix=matrix, terms=terms_of, cost_terms=cost_entries)


def _terms(fam) -> list[Term]:
    rel = fam.relation
    if isinstance(rel, Ranged):
        return rel.body.terms
    return rel.lhs.terms + rel.rhs.terms


def _key(rows: Layout, i: int):
    pos = i if rows.kept is None else int(rows.kept[i])
    coords = np.unravel_index(pos, rows.shape) if rows.shape else ()
    key = tuple(s.labels[int(c)] for s, c in zip(rows.sets, coords, strict=True))
    return key[0] if len(key) == 1 else key
