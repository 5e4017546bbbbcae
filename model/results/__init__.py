"""Result tables of a solved case (pandas DataFrames, units in every header), one module per
area of the maths, as :mod:`model.maths`:

* :mod:`~model.results.capacity`: capacity, investment, activity;
* :mod:`~model.results.flows`: flows, balances, marginal prices, storage;
* :mod:`~model.results.emissions`: emissions by plant and scope, targets and MACs;
* :mod:`~model.results.costs`: cash flows, the cash-flow table, levelised costs;
* :mod:`~model.results.statement`: the cash-flow statement and the capex bridge;
* :mod:`~model.results.socioeconomic`: jobs, GDP, abatement by year;
* :mod:`~model.results.user`: the planner's own constraints and their shadow prices.

Balances, emissions and costs are read from the declared terms of the solved LP (row
contributions, the cost vector times the column values, duals; :mod:`model.solution`): the
tables restate no maths, so they reconcile with the objective and with each other.
Money is in the case's money unit (``settings.money_unit``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from model.abatement import Analysis
from model.maths.common import paused_gc
from model.results.capacity import activity_table, capacity_table, investment_table
from model.results.costs import cash_flows_table, costs_table, levelised_table
from model.results.emissions import emissions_table, reservoirs_table, targets_table
from model.results.figures import KeyFigures, key_figures
from model.results.flows import balances_table, flows_table, prices_table, storage_table
from model.results.members import allocate
from model.results.reading import SolvedArrays
from model.results.socioeconomic import emissions_by_year_and_scope, socioeconomic_table
from model.results.statement import capex_bridge, cash_flow_statement
from model.results.user import user_constraints_table
from model.solve import Outcome


@dataclass
class Results:
    """Tables and headline figures of a solved case; ``figures`` by key for front ends."""

    summary: dict[str, object]
    tables: dict[str, pd.DataFrame]
    figures: KeyFigures


def collect(outcome: Outcome, analysis: Analysis | None = None) -> Results:
    """All result tables of a solved (optimal) outcome; with ``analysis`` (the abatement
    analysis of :mod:`model.abatement`) the targets' MAC ranges, the average abatement cost
    and the MAC curve too."""
    with paused_gc():  # few of the objects made are garbage
        case, sol = outcome.case, outcome.solution
        v = SolvedArrays.of(case, sol)
        tables = {
            "targets": targets_table(outcome, analysis),
            "capacity": capacity_table(case, sol, v),
            "investment": investment_table(case, v),
            "activity": activity_table(case, sol, v),
            "flows": flows_table(case, sol),
            "balances": balances_table(case, sol),
            "emissions": emissions_table(case, sol),
            "costs": costs_table(case, sol),
            "prices": prices_table(case, sol),
            "storage": storage_table(case, sol, v),
            "reservoirs": reservoirs_table(case, sol),
        }
        tables["cash_flows"] = cash_flows_table(tables["costs"], case.money)
        tables["cash_flow_statement"] = cash_flow_statement(case, tables["costs"], v,
                                                            sol.ix.techs)
        tables["capex_bridge"] = capex_bridge(case, v, sol.ix.techs)
        allocation = allocate(case, sol, tables["costs"])
        if allocation is not None:
            tables["members"] = allocation.members
            tables["members_by_year"] = allocation.by_year
            tables["tariffs"] = allocation.tariffs
        tables["socioeconomic"] = socioeconomic_table(outcome, tables, v)
        tables["levelised"] = levelised_table(case, sol)
        tables["user_constraints"] = user_constraints_table(case, sol)
        if analysis is not None and analysis.average is not None:
            tables["abatement_cost"] = analysis.average
        if analysis is not None and analysis.curve is not None:
            tables["mac_curve"] = analysis.curve
        scope = case.settings.get("emission_scope") or "scope1"
        return Results(summary_figures(outcome, tables), tables,
                       key_figures(tables, case.money, outcome.objective, scope))


def summary_figures(outcome: Outcome, tables: dict[str, pd.DataFrame]) -> dict[str, object]:
    case = outcome.case
    money = case.money
    by_scope = emissions_by_year_and_scope(tables["emissions"])
    costs = tables["costs"]
    pv_total = float(costs[f"present value [{money}]"].sum()) if not costs.empty else 0.0
    inv = tables["investment"]
    return {
        "cluster": case.name,
        "status": outcome.status,
        f"net present cost [{money}]": outcome.objective,
        f"sum of present values in 'costs' [{money}]": pv_total,
        f"overnight investment, total [{money}]": float(
            inv[f"overnight investment [{money}]"].sum()) if not inv.empty else 0.0,
        "scope-1 emissions by year [Mt CO2e/yr]": {int(y): float(q) for (y, scope), q
                                                   in by_scope.items() if scope == "scope1"},
        "scope-2 emissions by year [Mt CO2e/yr]": {int(y): float(q) for (y, scope), q
                                                   in by_scope.items() if scope == "scope2"},
        "base emissions [Mt CO2e/yr]": outcome.base_emissions,
        "base emissions source": outcome.base_emissions_source,
        "elastic mode": outcome.elastic,
    }
