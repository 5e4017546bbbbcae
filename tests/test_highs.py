"""model.highs: hand-over to HiGHS, statuses, options, algorithms, and in-place updates of a
loaded LP (the warm re-solves of model.solve.Resolver build on them)."""

import copy

import pytest

from model.case import derive
from model.highs import HighsBridge, SolverOptions
from model.maths import generate
from tests import builders as b


def _case(gas_price: float = 0.02, cap: float = 0.01, extra_tech: bool = False):
    techs = [b.tech("gas_boiler", lifetime=30), b.tech("e_boiler", lifetime=15, wacc=0.07)]
    flows = b.gas_boiler_flows() + b.e_boiler_flows()
    if extra_tech:
        techs.append(b.tech("e_boiler_2", lifetime=15))
        flows += b.e_boiler_flows("e_boiler_2")
    return b.case(
        {"end_year": 2040, "year_step": 5, "discount_rate": 0.05},
        commodities=b.HEAT_COMMODITIES,
        technologies=techs,
        flows=flows,
        costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: gas_price}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06}),
                b.yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 80, 2040: 200})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
        targets=[{"year": 2035, "kind": "absolute", "value": cap}],
    )


@pytest.mark.parametrize("gas_price,cap", [(0.035, 0.01), (0.02, 0.005), (0.05, 0.0)])
def test_updated_lp_equals_a_fresh_build(gas_price, cap):
    bridge = HighsBridge(generate(_case()))
    assert bridge.solve().ok
    variant = _case(gas_price, cap)
    assert bridge.update(generate(variant))  # same layout: pushed in place
    warm = bridge.solve(warm=True)
    cold = b.solve(variant)
    assert warm.objective == pytest.approx(cold.objective, rel=1e-9)


def test_a_structural_change_is_passed_whole():
    bridge = HighsBridge(generate(_case()))
    bridge.solve()
    changed = _case(extra_tech=True)
    assert not bridge.update(generate(changed))
    assert bridge.solve().objective == pytest.approx(b.solve(changed).objective, rel=1e-9)


def test_update_through_changed_tables():
    # The path a scenario takes: change the validated tables, derive, generate, update.
    base = _case()
    bridge = HighsBridge(generate(base))
    bridge.solve()
    tables = copy.deepcopy(base.tables)
    tables.trajectories["prices"][("gas", "price")] = {2025: 0.035}
    assert bridge.update(generate(derive(tables)))
    assert bridge.solve(warm=True).objective == pytest.approx(
        b.solve(_case(0.035)).objective, rel=1e-9)


def test_statuses_are_reported_plainly():
    # No gas boiler capacity may be built and the e-boiler is capped: infeasible demand.
    c = b.case(
        {"discount_rate": 0.0},
        commodities=b.HEAT_COMMODITIES,
        technologies=[b.tech("gas_boiler", lifetime=30)],
        flows=b.gas_boiler_flows(),
        capacity=[b.yearly({"technology": "gas_boiler", "parameter": "max"}, {2025: 1})],
        prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                b.yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
        demand=[b.yearly({"commodity": "heat"}, {2025: 87.6})],
    )
    out = b.solve(c)
    assert out.status == "infeasible" and out.objective is None
    assert not out.elastic  # no targets: nothing to relax


@pytest.mark.parametrize("method", ["simplex", "ipm"])
def test_solver_methods_agree(method):
    ref = b.solve(_case())
    out = b.solve(_case(), options=SolverOptions(method=method))
    assert out.objective == pytest.approx(ref.objective, rel=1e-7)
    allowed = {"simplex": {"simplex", "presolve"}, "ipm": {"ipm", "ipm+crossover", "presolve"}}
    assert out.result.algorithm in allowed[method]


def test_time_limit_is_reported_as_such(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    from model.case import load_case
    from model.solve import solve_case

    root = Path(__file__).resolve().parent.parent
    out = solve_case(load_case(root / "inputs" / "dunkerque.xlsx"),
                     SolverOptions(time_limit=1e-4))
    assert out.status == "time_limit"
    proc = subprocess.run([sys.executable, str(root / "run.py"), "--time-limit", "0.0001",
                           "--quiet", "--results", str(tmp_path)], capture_output=True,
                          text=True, cwd=root, timeout=300)
    assert proc.returncode == 1
    assert "time_limit" in proc.stdout and "Traceback" not in proc.stderr


def test_auto_method_by_size_and_warm_start():
    from model.highs import IPM_FROM_NONZEROS, choose_crossover, choose_method

    auto = SolverOptions()
    assert choose_method(auto, 10_000, warm=False) == "simplex"
    assert choose_method(auto, IPM_FROM_NONZEROS - 1, warm=False) == "simplex"
    assert choose_method(auto, IPM_FROM_NONZEROS, warm=False) == "ipm"
    assert choose_method(auto, 10 * IPM_FROM_NONZEROS, warm=True) == "simplex"
    assert choose_method(SolverOptions(method="ipm"), 10, warm=True) == "ipm"
    assert choose_crossover(auto, IPM_FROM_NONZEROS - 1)
    assert not choose_crossover(auto, IPM_FROM_NONZEROS)
    assert choose_crossover(SolverOptions(method="ipm"), 10 * IPM_FROM_NONZEROS)
    assert not choose_crossover(SolverOptions(crossover=False), 10)


def test_no_crossover_says_duals_come_from_the_interior_point():
    from pathlib import Path

    from model.case import load_case
    from model.solve import solve_case

    dunkerque = load_case(Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx")
    out = solve_case(dunkerque, SolverOptions(method="ipm", crossover=False))
    assert out.result.algorithm == "ipm, no crossover (duals from the interior point)"
    assert out.objective == pytest.approx(solve_case(dunkerque).objective, rel=1e-6)


def test_warm_strategy_follows_what_changed():
    from model.highs import DUAL_SIMPLEX, PRIMAL_SIMPLEX, warm_strategy

    # Costs alone keep the old basis primal feasible; bounds and coefficients do not.
    assert warm_strategy({"cost"}) == PRIMAL_SIMPLEX
    assert warm_strategy(set()) == PRIMAL_SIMPLEX
    assert warm_strategy({"bounds"}) == DUAL_SIMPLEX
    assert warm_strategy({"cost", "matrix"}) == DUAL_SIMPLEX


def test_update_records_what_changed_and_restarts_from_the_basis():
    bridge = HighsBridge(generate(_case()))
    bridge.solve()
    bridge.update(generate(_case(gas_price=0.03)))
    assert bridge.changed == {"cost"}
    assert bridge.solve(warm=True).warm
    bridge.update(generate(_case(gas_price=0.03, cap=0.004)))  # a target level: a row bound
    assert bridge.changed == {"bounds"}


def test_no_basis_no_warm_start():
    # An interior-point solve without crossover leaves no basis to restart from.
    bridge = HighsBridge(generate(_case()))
    bridge.solve(SolverOptions(method="ipm", crossover=False))
    bridge.update(generate(_case(gas_price=0.03)))
    result = bridge.solve(warm=True)
    assert not result.warm
    assert result.objective == pytest.approx(b.solve(_case(gas_price=0.03)).objective, rel=1e-6)


def _tiny_lp():
    """min 2 x + 3 z  s.t.  cap: x + z >= 4 (as -x - z <= -4),  limit: x <= 1."""
    from model.maths.algebra import Maths, Param, Sum, over, symbols
    from model.maths.vectorised import emit

    (i,) = symbols("i")
    m = Maths()
    m.universe("item", ["x", "z"])
    m.set("items", "item", ["x", "z"])
    price = m.param(Param.from_dict("price", [m.universes["item"]], {"x": 2.0, "z": 3.0}))
    is_x = m.param(Param.from_dict("is_x", [m.universes["item"]], {"x": 1.0}))
    q = m.var("q", over(i=m.sets["items"]))
    m.universe("one", ["all"])
    m.set("one", "one", ["all"])
    (k,) = symbols("k")
    m.family("need", over(k=m.sets["one"]), Sum(q[i], over(i=m.sets["items"])) >= 4.0)
    m.family("limit", over(k=m.sets["one"]), Sum(is_x[i] * q[i], over(i=m.sets["items"]))
             <= 1.0)
    m.cost("buy", over(i=m.sets["items"]), price[i], q[i])
    return emit(m)


def test_duals_are_the_change_of_the_objective_per_unit_of_the_bound():
    # x = 1, z = 3: cost 11. One more unit of 'need' costs 3 (z); one more unit of the
    # limit on x saves 1 (2 instead of 3). The need row is stored as -x - z <= -4, so its
    # dual per unit of that bound is -3; the limit's is -1.
    result = HighsBridge(_tiny_lp()).solve()
    sol = result.solution
    assert result.objective == pytest.approx(11.0)
    assert sol["q"]["x"] == pytest.approx(1.0) and sol["q"]["z"] == pytest.approx(3.0)
    assert sol.duals("need")["all"] == pytest.approx(-3.0)
    assert sol.duals("limit")["all"] == pytest.approx(-1.0)


def test_a_solution_moves_to_another_layout_of_the_same_lp_by_name():
    import dataclasses

    import numpy as np

    from model.maths.lp import Block
    from model.solution import by_name

    lp = _tiny_lp()
    result = HighsBridge(lp).solve()
    sol = result.solution
    # the same LP listed in reverse order, keyed (as an LP compiled from Pyomo lists it)
    n, m = len(lp.cost), len(lp.row_lower)
    reverse = dataclasses.replace(
        lp, columns={"q": Block("q", np.array([1, 0]), given_keys=["x", "z"])},
        rows={"need": Block("need", np.array([1]), given_keys=["all"]),
              "limit": Block("limit", np.array([0]), given_keys=["all"])})
    x, duals = by_name(lp, sol.x, sol.row_dual, reverse)
    assert x.tolist() == [sol.x[1], sol.x[0]] and len(x) == n
    assert duals.tolist() == [sol.row_dual[1], sol.row_dual[0]] and len(duals) == m


def _forced(monkeypatch, answers):
    """Make HighsBridge._status give ``answers`` in turn (None: HiGHS' own answer)."""
    real, calls = HighsBridge._status, []

    def status(self):
        calls.append(1)
        forced = answers[len(calls) - 1] if len(calls) <= len(answers) else None
        return forced or real(self)

    monkeypatch.setattr(HighsBridge, "_status", status)
    return calls


@pytest.mark.parametrize("answers,status,label", [
    # the first answer is numerical trouble; retry 1 (another scaling) decides
    (["unknown", None], "optimal", "decided from scratch with the settings of retry 1"),
    # retry 1 is in trouble too; retry 2 (the interior point with crossover) decides
    (["unknown", "solveerror", None], "optimal",
     "decided from scratch with the settings of retry 2"),
    # nothing decides: the result says so and stays undecided
    (["unknown", "unknown", "unknown"], "unknown", "undecided after 2 retries"),
    # retry 1 stops at the time limit: not "decided", and no retry 2
    (["unknown", "time_limit"], "time_limit", "stopped, time_limit, during retry 1"),
])
def test_a_solve_that_stops_without_deciding_is_retried_from_scratch(monkeypatch, answers,
                                                                        status, label):
    import model.highs as highs

    bridge = HighsBridge(generate(_case()))
    reference = bridge.solve()
    names = {name for settings in highs.TROUBLE_RETRIES for name in settings}
    before = {name: highs._option(bridge.highs, name) for name in names}
    calls = _forced(monkeypatch, answers)
    result = bridge.solve()
    assert len(calls) == len(answers)  # the first answer, then one per retry run
    assert result.status == status and label in result.algorithm
    if status == "optimal":
        assert result.objective == pytest.approx(reference.objective, rel=1e-9)
    # HiGHS' options are back, and a warm re-solve of a changed LP is still right
    assert {name: highs._option(bridge.highs, name) for name in names} == before
    monkeypatch.undo()
    variant = _case(0.035, 0.005)
    assert bridge.update(generate(variant))
    warm = bridge.solve(warm=True)
    assert warm.objective == pytest.approx(b.solve(variant).objective, rel=1e-9)
