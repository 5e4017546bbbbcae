"""Result table of the planner's own constraints: value, right-hand side and shadow price."""

from __future__ import annotations

import pandas as pd

from model.case import Case
from model.maths import costs as cost_maths
from model.results.reading import clean, frame, term_frame
from model.solution import Solution


def user_constraints_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Each user constraint in each year it applies: what its terms add up to at the
    solution (the row's activity, from its terms), the right-hand side, the slack, and the
    shadow price: the row's dual divided by ``W_y``, i.e. the change of the net present cost
    per unit increase of the right-hand side, in money of the year."""
    money = case.money
    activity: dict[tuple[str, int], float] = {}
    terms = term_frame(sol, "user_constraint", None)
    if not terms.empty:
        grouped = terms.groupby(["u", "y"], observed=True)["value"].sum()
        activity = {(str(u), int(y)): float(v) for (u, y), v in grouped.items()}
    duals = sol.duals("user_constraint")
    rows = []
    for uc in case.user_constraints:
        for y, rhs in uc.rhs.items():
            value = activity.get((uc.name, y), 0.0)
            dual = duals.get((uc.name, y))
            shadow = 0.0 if dual is None else clean(dual / cost_maths.op_weight(case, y))
            slack = {"<=": rhs - value, ">=": value - rhs, "=": 0.0}[uc.sense]
            rows.append({
                "constraint": uc.name, "year": y, "sense": uc.sense,
                "value [unit of its terms]": value,
                "right-hand side [unit of its terms]": rhs,
                "slack [unit of its terms]": clean(slack),
                "binding": bool(abs(shadow) > 1e-9),
                f"shadow price [{money}/unit]": shadow,
            })
    return frame({k: [r[k] for r in rows] for k in rows[0]}) if rows else pd.DataFrame()
