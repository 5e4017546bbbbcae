"""Re-planning from what happened: ``python run.py FILE --from-actuals``.

Two solves: the **original plan** (the case as it is, the ``actuals`` sheet not applied) and
the **re-plan**: the same case and targets with the facts of the ``actuals`` sheet kept
(:mod:`model.actuals`, through the actuals family of :mod:`model.maths.actuals`), what it
leaves empty as the original plan had it (or nothing: ``actuals_unrecorded``). Reduction
targets keep the original plan's base emissions. When the targets can no longer be met the
re-plan is solved again in elastic mode (:func:`model.solve.solve_case`) and the results say
by how much each is missed.

The run folder is the re-plan's, with the comparison tables of
:mod:`model.plan_comparison` (``replan``, ``replan_years``, ``replan_capacity``,
``replan_targets``) and the facts with what each is worth (``actuals_facts``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from model.actuals import KINDS, Fact, from_actuals, has_actuals, with_fixings
from model.case import Case
from model.errors import CaseError, Problem
from model.highs import SolverOptions
from model.maths.costs import op_weight
from model.maths.emissions import scope_emissions
from model.plan_comparison import Plan, compare_plans
from model.results import Results, collect
from model.solution import Solution
from model.solve import Outcome, solve_case

Progress = Callable[[str], None]

#: The names the comparison gives the two plans, and what their difference measures.
ORIGINAL, REPLAN = "original plan", "re-plan"
WHAT = "extra net present cost of what happened"
#: The family of each kind of fact.
FAMILY = {"new": "actual_new", "retired": "actual_retired", "activity": "actual_activity",
          "emissions": "actual_emissions"}


def solve_replan(case: Case, options: SolverOptions | None = None,
                 progress: Progress | None = None) -> tuple[Outcome, Outcome]:
    """Solve the original plan and the re-plan from the case's actuals; returns both
    outcomes (the re-plan's messages say what was kept and what it costs). Raises
    CaseError when the case records no actuals."""
    say = progress or (lambda _msg: None)
    if not has_actuals(case):
        raise CaseError([Problem(case.workbook, "actuals", "--from-actuals needs what "
                                 "happened: the workbook has no actuals",
                                 expected="an 'actuals' sheet with rows and the setting "
                                 "actuals_until (the last calendar year they cover)")])
    options = options or SolverOptions.from_settings(case.settings)
    say("the original plan (actuals not applied)")
    original = solve_case(case, options, say)
    if not original.result.ok:
        original.messages.append("the original plan could not be solved, so there is "
                                 "nothing to re-plan from")
        return original, original
    fixings = from_actuals(case, original.solution)
    replanned = with_fixings(case, fixings, original.base_emissions)
    say(f"the re-plan from the actuals up to {fixings.until} ({len(fixings)} facts)")
    outcome = solve_case(replanned, options, say)
    outcome.base_emissions = dict(original.base_emissions)
    if original.base_emissions_source == "reference run":
        outcome.base_emissions_source = "reference run of the original plan"
    outcome.messages[:0] = _messages(case, fixings, original, outcome)
    outcome.seconds["original_plan"] = sum(original.seconds.values())
    return original, outcome


def _messages(case: Case, fixings, original: Outcome, outcome: Outcome) -> list[str]:
    recorded = sum(f.recorded for f in fixings.facts)
    unrecorded = case.settings.get("actuals_unrecorded") or "as_planned"
    out = [f"re-plan from the actuals up to {fixings.until}: {recorded} fact(s) recorded in "
           f"the sheet, what it leaves empty "
           + ("as the original plan had it" if unrecorded == "as_planned"
              else "taken as nothing")]
    if outcome.result.ok:
        money = case.money
        first, second = npv_without_penalties(original), npv_without_penalties(outcome)
        out.append(f"net present cost {second:,.1f} {money} against {first:,.1f} for the "
                   f"original plan: {second - first:+,.1f} {money} ({WHAT})")
    if original.misses:
        out.append("the original plan itself misses targets (elastic mode)")
    return out


def npv_without_penalties(outcome: Outcome) -> float:
    """The objective less the penalties of missed targets (money)."""
    penalties = sum(float(c.pv.sum()) for c in outcome.solution.costs("target_penalty"))
    return float(outcome.objective) - penalties


class FromActuals:
    """The :class:`~model.pipeline.Planner` of ``--from-actuals``."""

    def __init__(self) -> None:
        self.original: Outcome | None = None

    def solve(self, case: Case, options: SolverOptions, progress: Progress) -> Outcome:
        self.original, outcome = solve_replan(case, options, progress)
        return outcome

    def tables(self, outcome: Outcome, results: Results) -> dict[str, pd.DataFrame]:
        original = self.original
        if original is None or original is outcome or not original.result.ok:
            return {}
        tables = compare_plans("replan", Plan(ORIGINAL, original, collect(original)),
                               Plan(REPLAN, outcome, results), WHAT)
        tables["actuals_facts"] = facts_table(outcome)
        return tables


# --------------------------------------------------------------------------------------
# the facts and what they are worth
# --------------------------------------------------------------------------------------


def fact_value(case: Case, sol: Solution, fact: Fact) -> float:
    """What the solution has of the fact's quantity."""
    t, y = fact.key, fact.year
    if fact.kind == "new":
        return float(sol["new"][t, y])
    if fact.kind == "retired":
        return math.fsum(v for (x, _j, v_y), v in sol["retire"].items() if x == t and v_y == y)
    if fact.kind == "activity":
        return math.fsum(sol["act"][t, y, s] for s in case.slices)
    return float(scope_emissions(sol, y, fact.key))


def fact_unit(case: Case, fact: Fact) -> str:
    if fact.kind == "emissions":
        return "Mt CO2e/yr"
    tech = case.technologies[fact.key]
    return f"{tech.activity_unit}/yr" if fact.kind == "activity" else tech.capacity_unit


def facts_table(outcome: Outcome) -> pd.DataFrame:
    """Each fact the re-plan keeps, with its value in the re-plan and its dual (recorded
    facts always; the others when not zero or worth something)."""
    case, sol = outcome.case, outcome.solution
    money = case.money
    rows = []
    room = sol.duals("actual_new_room")
    for fact in (case.fixed.facts if case.fixed is not None else []):
        key = fact.year if fact.kind == "emissions" else (fact.key, fact.year)
        dual = sol.duals(FAMILY[fact.kind]).get(key, math.nan)
        if not (fact.recorded or abs(fact.lower) > 1e-9 or abs(dual) > 1e-9):
            continue
        per_year = dual / op_weight(case, fact.year) if fact.kind in ("activity",
                                                                      "emissions") else None
        span = str(fact.first) if fact.first == fact.last else f"{fact.first}-{fact.last}"
        rows.append({
            "fact": KINDS[fact.kind], "technology": fact.key, "year": fact.year,
            "calendar years": span, "from": fact.origin,
            "lower [unit]": fact.lower, "upper [unit]": fact.upper,
            "in the re-plan [unit]": fact_value(case, sol, fact),
            "unit": fact_unit(case, fact),
            f"value of the fact, present value [{money}/unit]": dual,
            f"value of more room, present value [{money}/unit]": room.get(key, math.nan)
            if fact.kind == "new" else math.nan,
            f"value of the fact, per year [{money}/unit]": per_year})
    frame = pd.DataFrame(rows)
    if not frame.empty:
        frame["recorded"] = [not str(o).startswith("not recorded") for o in frame["from"]]
        frame = frame.sort_values(["recorded", "year", "fact", "technology"],
                                  ascending=[False, True, True, True], kind="stable",
                                  ignore_index=True).drop(columns="recorded")
    return frame
