"""The maths-as-data layer: declarations, their semantics, and the two emitters agreeing.

Each test declares a tiny model by hand, emits it as arrays (what runs) and as a Pyomo model
(the formulation of record), and checks the rows, bounds and coefficients it expects."""

import math

import numpy as np
import pytest

from model.maths.algebra import Has, Maths, Param, Ranged, Sum, over, symbols
from model.maths.lp import INF, LP, RowCannotHold, assert_same_lp
from model.maths.pyomo_model import build
from model.maths.vectorised import DescriptionError, emit

i, r, k = symbols("i r k")


def _space(items=("a", "b"), rows=("r1", "r2")) -> Maths:
    m = Maths()
    m.universe("item", list(items))
    m.universe("row", list(rows))
    m.set("items", "item", list(items))
    m.set("rows", "row", list(rows))
    return m


def _both(m: Maths) -> LP:
    """The arrays LP, after checking it equals the compiled Pyomo model's."""
    lp = emit(m)
    assert_same_lp(lp, LP.from_pyomo(build(m)))
    return lp


def test_rows_columns_bounds_and_a_row_without_terms_left_out():
    # min x_a + 2 x_b  s.t. need[r1]: x_a + x_b >= 1; need[r2] has only zero coefficients
    # and no bound, so it is left out; x_b <= 3 is a bound.
    m = _space()
    w = m.param(Param.from_dict("w", [m.universes["row"], m.universes["item"]],
                                {("r1", "a"): 1.0, ("r1", "b"): 1.0}))
    lo = m.param(Param.from_dict("lo", [m.universes["row"]], {"r1": 1.0, "r2": -INF}))
    ub = m.param(Param.from_dict("ub", [m.universes["item"]], {"b": 3.0}, default=INF))
    cost = m.param(Param.from_dict("c", [m.universes["item"]], {"a": 1.0, "b": 2.0}))
    x = m.var("x", over(i=m.sets["items"]), upper=ub[i])
    m.family("need", over(r=m.sets["rows"]),
             Sum(w[r, i] * x[i], over(i=m.sets["items"])) >= lo[r])
    m.cost("spend", over(i=m.sets["items"]), cost[i], x[i])
    lp = _both(m)
    assert lp.size == {"rows": 1, "columns": 2, "nonzeros": 2}
    assert lp.rows["need"].keys == ["r1"]
    assert lp.columns["x"].index == {"a": 0, "b": 1}
    assert list(lp.cost) == [1.0, 2.0] and lp.col_upper.tolist() == [INF, 3.0]
    # ">=" keeps the "<=" orientation: -x_a - x_b <= -1, so the dual of a binding need is
    # the cost of one more unit of it (>= 0 after the sign the results apply)
    assert lp.matrix.toarray().tolist() == [[-1.0, -1.0]]
    assert lp.row_upper.tolist() == [-1.0] and lp.row_lower.tolist() == [-INF]


def test_a_row_without_terms_that_cannot_hold_is_refused_naming_it():
    m = _space()
    x = m.var("x", over(i=m.sets["items"]))
    zero = m.param(Param.from_dict("zero", [m.universes["item"]], {}))
    m.family("impossible", over(r=m.sets["rows"]),
             Sum(zero[i] * x[i], over(i=m.sets["items"])) >= 1.0)
    with pytest.raises(RowCannotHold, match=r"impossible\[r1\]"):
        emit(m)
    with pytest.raises(RowCannotHold, match=r"impossible\[r1\]"):
        build(m)


def test_repeated_terms_are_summed_and_cancelling_terms_dropped():
    # row: x_a + 2 x_a + x_b - x_b <= 1  ->  3 x_a <= 1, with x_b absent from the row
    m = _space(rows=("only",))
    items = m.universes["item"]
    is_a = m.param(Param.from_dict("is_a", [items], {"a": 1.0}))
    is_b = m.param(Param.from_dict("is_b", [items], {"b": 1.0}))
    x = m.var("x", over(i=m.sets["items"]))
    every = m.sets["items"]
    m.family("r", over(r=m.sets["rows"]),
             Sum(is_a[i] * x[i], over(i=every)) + 2 * Sum(is_a[i] * x[i], over(i=every))
             + Sum(is_b[i] * x[i], over(i=every)) - Sum(is_b[i] * x[i], over(i=every))
             <= 1.0)
    lp = _both(m)
    assert lp.matrix.nnz == 1 and lp.matrix[0, 0] == 3.0


def test_inside_a_sum_a_term_applies_where_its_variable_exists():
    # z exists only for "b"; Sum(z[i]) over both items takes z_b alone, while a direct
    # reference to a variable that does not exist is a mistake in the maths.
    m = _space()
    x = m.var("x", over(i=m.sets["items"]))
    m.set("only_b", "item", ["b"])
    z = m.var("z", over(i=m.sets["only_b"]))
    m.family("with_sum", over(i=m.sets["items"]), x[i] + Sum(z[i]) <= 4.0)
    lp = _both(m)
    rows = {key: lp.matrix[pos].toarray().ravel().tolist()
            for key, pos in lp.rows["with_sum"].index.items()}
    assert rows == {"a": [1.0, 0.0, 0.0], "b": [0.0, 1.0, 1.0]}

    bad = _space()
    x = bad.var("x", over(i=bad.sets["items"]))
    bad.set("only_b", "item", ["b"])
    z = bad.var("z", over(i=bad.sets["only_b"]))
    bad.family("direct", over(i=bad.sets["items"]), x[i] + z[i] <= 4.0)
    with pytest.raises(DescriptionError, match="z does not exist"):
        emit(bad)
    with pytest.raises(KeyError):
        build(bad)


def test_a_sum_over_a_sparse_parameter_runs_over_its_entries():
    # flows f[r, i] given for (r1, a), (r2, b) only; the sum over i meets those entries.
    m = _space()
    f = m.param(Param.from_dict("f", [m.universes["row"], m.universes["item"]],
                                {("r1", "a"): 2.0, ("r2", "b"): 0.5}, sparse=True))
    x = m.var("x", over(i=m.sets["items"]))
    m.family("flow", over(r=m.sets["rows"]),
             Sum(f[r, i] * x[i], over(i=m.sets["items"]), label="made") == 1.0)
    m.family("flagged", over(r=m.sets["rows"]),
             Sum(x[i], over(i=m.sets["items"]), where=Has(f[r, i])) <= 9.0)
    lp = _both(m)
    dense = lp.matrix.toarray()
    assert dense[lp.rows["flow"].index["r1"]].tolist() == [2.0, 0.0]
    assert dense[lp.rows["flow"].index["r2"]].tolist() == [0.0, 0.5]
    assert dense[lp.rows["flagged"].index["r2"]].tolist() == [0.0, 1.0]
    (made,) = lp.terms["flow"]
    assert made.label == "made" and made.sign == 1.0 and sorted(made.coefs) == [0.5, 2.0]


def test_variable_domains_with_a_condition_and_year_arithmetic():
    # vintages alive: new[v] counts in cap[y] when v <= y < v + life (life 2)
    m = Maths()
    m.universe("year", [2025, 2026, 2027])
    m.set("years", "year", [2025, 2026, 2027])
    y, v = symbols("y v")
    new = m.var("new", over(v=m.sets["years"]))
    cap = m.var("cap", over(y=m.sets["years"]))
    later = m.var("later", over(v=m.sets["years"], where=v > 2025))
    m.family("cap_def", over(y=m.sets["years"]),
             cap[y] == Sum(new[v], over(v=m.sets["years"]), where=(v <= y) & (y < v + 2))
             + Sum(later[v], over(v=m.sets["years"]), where=v <= y))
    lp = _both(m)
    assert lp.columns["later"].keys == [2026, 2027]
    a = lp.matrix.toarray()
    new_cols = [lp.columns["new"].index[x] for x in (2025, 2026, 2027)]
    assert [a[lp.rows["cap_def"].index[2027], c] for c in new_cols] == [0.0, -1.0, -1.0]
    assert [a[lp.rows["cap_def"].index[2026], c] for c in new_cols] == [-1.0, -1.0, 0.0]


def test_ranged_rows_and_equality_orientation():
    m = _space()
    x = m.var("x", over(i=m.sets["items"]))
    lo = m.param(Param.from_dict("lo", [m.universes["item"]], {"a": 1.0, "b": -INF}))
    hi = m.param(Param.from_dict("hi", [m.universes["item"]], {"a": INF, "b": 5.0}))
    m.family("band", over(i=m.sets["items"]), Ranged(lo[i], 2 * x[i] + 1.0, hi[i]))
    m.family("fix", over(i=m.sets["items"]), x[i] * 1.0 + 1.0 == 3.0)
    lp = _both(m)
    band = lp.rows["band"].index
    assert lp.row_lower[band["a"]] == 0.0 and lp.row_upper[band["a"]] == INF  # 2x + 1 >= 1
    assert lp.row_lower[band["b"]] == -INF and lp.row_upper[band["b"]] == 4.0  # 2x + 1 <= 5
    fix = lp.rows["fix"].index["a"]
    # x + 1 == 3  ->  row x, bound 2 (constants move to the bound)
    assert lp.matrix[fix, 0] == 1.0 and lp.row_lower[fix] == lp.row_upper[fix] == 2.0


def test_parameters_from_dicts_dense_and_sparse():
    m = _space()
    items, rows = m.universes["item"], m.universes["row"]
    dense = Param.from_dict("d", [items, rows], {("a", "r1"): 2.0, ("b", "r2"): 3.0},
                            default=math.inf)
    assert dense.data.tolist() == [[2.0, math.inf], [math.inf, 3.0]]
    sparse = Param.from_dict("s", [items, rows], {("b", "r1"): 4.0}, sparse=True)
    values, found = sparse.lookup([np.array([0, 1, 1]), np.array([0, 0, 1])])
    assert values.tolist() == [0.0, 4.0, 0.0] and found.tolist() == [False, True, False]
    assert sparse.value_at(("b", "r1")) == 4.0 and sparse.value_at(("a", "r1")) is None
    assert list(sparse.items()) == [(("b", "r1"), 4.0)]
    with pytest.raises(ValueError, match="repeats"):
        Param("twice", [items], coords=[np.array([0, 0])], values=np.array([1.0, 2.0]))
