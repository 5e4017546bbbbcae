"""The result tables read the solution as arrays: the same tables whichever way it is read,
and the tables agree with each other (balances close, flows add up)."""

from dataclasses import replace
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from model.case import load_case
from model.maths.lp import Block
from model.results import collect
from model.solution import Solution
from model.solve import solve_case

DUNKERQUE = Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx"


@cache
def solved():
    outcome = solve_case(load_case(DUNKERQUE))
    return outcome, collect(outcome)


def _keyed(outcome):
    """The outcome with its LP's blocks listed by key (as an LP compiled from Pyomo lists
    them), so the tables read the solution key by key instead of from the column vector."""
    sol, lp = outcome.solution, outcome.solution.lp
    keyed = replace(lp,
                    columns={n: Block(n, b.positions, given_keys=list(b.keys))
                             for n, b in lp.columns.items()},
                    rows={n: Block(n, b.positions, given_keys=list(b.keys))
                          for n, b in lp.rows.items()})
    x = np.zeros(len(lp.cost))
    for name, block in lp.columns.items():
        x[block.positions] = list(sol.values(name).values())
    row_dual = np.zeros(len(lp.row_lower))
    for name, block in lp.rows.items():
        row_dual[block.positions] = list(sol.duals(name).values())
    return replace(outcome, solution=Solution(keyed, x, row_dual))


@pytest.mark.no_cross_check
def test_tables_are_the_same_read_from_the_column_vector_or_key_by_key():
    outcome, res = solved()
    by_key = collect(_keyed(outcome))
    assert by_key.summary == res.summary
    assert list(by_key.tables) == list(res.tables)
    for name, table in res.tables.items():
        pd.testing.assert_frame_equal(by_key.tables[name], table, check_exact=True, obj=name)


@pytest.mark.no_cross_check
def test_balances_close_and_match_the_flows():
    _outcome, res = solved()
    bal = res.tables["balances"].set_index(["commodity", "year"])
    assert not bal.empty
    supplied = (bal["bought [unit/yr]"] + bal["produced [unit/yr]"] - bal["consumed [unit/yr]"]
                - bal["stored, net [unit/yr]"] - bal["sold [unit/yr]"])
    scale = bal[["bought [unit/yr]", "produced [unit/yr]", "consumed [unit/yr]"]].abs().max(axis=1)
    assert np.allclose(supplied, bal["demand [unit/yr]"], rtol=0, atol=1e-7 * (1 + scale).max())

    flows = res.tables["flows"]
    by_direction = flows.groupby(["direction", "commodity", "year"])["quantity [unit/yr]"].sum()
    for direction, column in (("out", "produced [unit/yr]"), ("in", "consumed [unit/yr]")):
        flowed = by_direction[direction].reindex(bal.index, fill_value=0.0)
        assert np.allclose(flowed, bal[column], rtol=1e-12, atol=1e-9), column


def test_a_case_whose_only_technology_is_storage_has_its_tables():
    # No technology with activity: every table still builds (arrays of zero rows keep their
    # shape), and the workbook is written.
    from model.case import derive
    from model.pipeline import run_case
    from model.validate import validate
    from model.workbook import raw_from_frames
    from tests import builders as b

    t = b.tables({"end_year": 2025},
                 commodities=[{"commodity": "electricity", "kind": "supply", "unit": "GWh"}],
                 technologies=[b.tech("battery", category="storage")],
                 storage=[{"technology": "battery", "commodity": "electricity",
                           "energy_per_power": 4, "efficiency_in": 0.9,
                           "efficiency_out": 0.9, "self_discharge": 0}],
                 prices=[b.yearly({"commodity": "electricity", "parameter": "price"},
                                  {2025: 0.05})])
    t["flows"] = pd.DataFrame(columns=["technology", "commodity", "direction", "ratio"])
    tables, problems = validate(raw_from_frames("x.xlsx", t))
    assert tables is not None, problems
    run = run_case(derive(tables), results_dir=None)
    assert run.status == "optimal"
    assert run.results.tables["activity"].empty and run.results.tables["levelised"].empty


@pytest.mark.parametrize("label,by,priced", [
    ("produced", ["x.t", "c", "y"], False), ("consumed", ["x.t", "c"], True),
    ("bought", ["c", "y"], False)])
def test_summed_terms_equal_the_grouped_term_frames(label, by, priced):
    # summed() groups with integer codes; the plain reading is a pandas groupby of the
    # terms' frame, value (times the row's dual when priced) summed by the same columns
    from model.results.flows import BALANCES
    from model.results.reading import summed, term_frame

    sol = solved()[0].solution
    expected: dict = {}
    for family in BALANCES:
        terms = term_frame(sol, family, label)
        if terms.empty:
            continue
        amount = -2.0 * terms["value"] * (terms["dual"] if priced else 1.0)
        for key, v in amount.groupby([terms[c] for c in by], observed=True,
                                     sort=False).sum().items():
            expected[key] = expected.get(key, 0.0) + v
    got = summed(sol, BALANCES, label, by, sign=-2.0, priced=priced)
    assert list(got) == list(expected) and len(got) > 3
    assert np.allclose(list(got.values()), list(expected.values()), rtol=1e-12, atol=1e-12)
