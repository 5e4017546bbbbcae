"""The LP generated as arrays is the Pyomo model's LP, and the array builder's own rules."""

import dataclasses
from pathlib import Path

import numpy as np
import pytest

from model.case import load_case
from model.maths import generate, pyomo_lp
from model.maths.lp import assert_same_lp
from model.results import collect
from model.solve import solve_case

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = ["dunkerque", "louisiana_lfec", "tianjin_teda", "taicang"]


@pytest.mark.no_cross_check
@pytest.mark.parametrize("name", BUNDLED)
@pytest.mark.parametrize("elastic,targets", [(False, True), (True, True), (False, False)])
def test_generated_lp_is_the_pyomo_lp(name, elastic, targets):
    # Every row, column, coefficient, bound and cost, by name: 45Q credits and vintages
    # (Louisiana), scope 1+2 and budgets (Tianjin), reservoirs, storage, retirements.
    case = load_case(ROOT / "inputs" / f"{name}.xlsx")
    a = generate(case, elastic=elastic, targets=targets)
    b = pyomo_lp(case, elastic=elastic, targets=targets)
    assert a.size == b.size
    assert_same_lp(a, b)


@pytest.mark.no_cross_check
def test_the_comparison_finds_each_kind_of_difference():
    case = load_case(ROOT / "inputs" / "taicang.xlsx")
    lp = generate(case)
    reference = pyomo_lp(case)
    changes = {
        "coefficient": lambda x: dataclasses.replace(x, matrix=_scaled_entry(x.matrix)),
        "cost": lambda x: dataclasses.replace(x, cost=x.cost + (x.cost != 0) * 1e-3),
        "column bound": lambda x: dataclasses.replace(x, col_upper=np.minimum(x.col_upper, 1e6)),
        "row bound": lambda x: dataclasses.replace(x, row_upper=x.row_upper + 1.0),
    }
    for what, change in changes.items():
        with pytest.raises(AssertionError):
            assert_same_lp(change(lp), reference)
            pytest.fail(f"a changed {what} went unnoticed")


def _scaled_entry(matrix):
    m = matrix.copy()
    m.data[len(m.data) // 2] *= 1.5
    return m


@pytest.mark.no_cross_check
def test_solving_through_pyomo_gives_the_same_results():
    case = load_case(ROOT / "inputs" / "dunkerque.xlsx")
    fast = solve_case(case)
    slow = solve_case(case, via_pyomo=True)
    assert fast.objective == pytest.approx(slow.objective, rel=1e-9)
    a, b = collect(fast), collect(slow)
    for name in ("capacity", "costs", "emissions", "targets"):
        left, right = a.tables[name], b.tables[name]
        assert list(left.columns) == list(right.columns)
        numeric = left.select_dtypes("number").columns
        np.testing.assert_allclose(left[numeric].to_numpy(float), right[numeric].to_numpy(float),
                                   rtol=1e-6, atol=1e-6, err_msg=name)


def test_solution_reads_by_name_and_refuses_unknown_keys():
    case = load_case(ROOT / "inputs" / "taicang.xlsx")
    out = solve_case(case)
    sol = out.solution
    t, y = next(iter(case.technologies)), case.years[0]
    assert sol["cap"][t, y] == pytest.approx(sol.values("cap")[(t, y)])
    with pytest.raises(KeyError):
        sol["cap"]["no such technology", y]
    assert sol["miss"]["anything"] == 0.0  # misses are left out of a non-elastic LP
    with pytest.raises(AttributeError):
        _ = sol.no_such_family
    assert set(sol.duals("target")) == {tg.label for tg in case.targets}


def test_a_constraint_that_cannot_hold_before_any_solve_is_reported():
    # Steam is demanded but its only technology consumes and produces it alike: the terms of
    # its balance cancel and 0 = 5 cannot hold. Named, not passed to HiGHS as an empty row.
    from tests.builders import HEAT_COMMODITIES, case, gas_boiler_flows, tech, yearly

    c = case({"end_year": 2026},
             commodities=HEAT_COMMODITIES + [{"commodity": "steam", "kind": "internal",
                                              "unit": "GWh"}],
             technologies=[tech("gas_boiler"), tech("loop")],
             flows=gas_boiler_flows() + [
                 {"technology": "loop", "commodity": "steam", "direction": "in", "ratio": 1.0},
                 {"technology": "loop", "commodity": "steam", "direction": "out", "ratio": 1.0},
                 {"technology": "loop", "commodity": "heat", "direction": "out", "ratio": 0.1}],
             prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                     yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.01})],
             demand=[yearly({"commodity": "heat"}, {2025: 87.6}),
                     yearly({"commodity": "steam"}, {2025: 5.0})])
    out = solve_case(c)
    assert out.status == "infeasible"
    assert "balance_annual[('steam', 2025)]" in out.messages[0]
