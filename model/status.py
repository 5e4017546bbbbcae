"""Solver statuses in plain words, for every message a planner reads (the command line, the
run's notes, the results)."""

from __future__ import annotations

#: The solver's statuses (model/highs.py) in the words a planner reads.
PLAIN_STATUS = {
    "optimal": "optimal",
    "targets missed": "solved only by missing targets",
    "infeasible": "infeasible: no plan meets every constraint",
    "unbounded": "unbounded: the cost can fall without limit (something earns money with "
                 "no limit on how much, e.g. selling above the purchase price)",
    "infeasible_or_unbounded": "infeasible or unbounded (the solver could not tell which)",
    "time_limit": "stopped at the time limit before the plan was proven optimal",
    "iteration_limit": "stopped at the iteration limit before the plan was proven optimal",
    "solutionlimit": "stopped at the solution limit before the plan was proven optimal",
    "objectivebound": "stopped at the objective bound before the plan was proven optimal",
    "objectivetarget": "stopped at the objective target before the plan was proven optimal",
    "interrupt": "interrupted",
    "interrupted": "interrupted (Ctrl-C or SIGTERM)",
    "highsinterrupt": "interrupted",
    "memorylimit": "the solver ran out of memory",
    "notset": "the solver gave no answer (numerical trouble: look for very large or very "
              "small numbers in the workbook)",
    "unknown": "the solver could not decide (numerical trouble: look for very large or very "
               "small numbers in the workbook)",
    "solveerror": "the solver failed (numerical trouble: look for very large or very small "
                  "numbers in the workbook)",
    "presolveerror": "the solver failed while simplifying the model (numerical trouble)",
    "postsolveerror": "the solver failed while recovering the solution (numerical trouble)",
    "loaderror": "the solver refused the model (a bug in the tool: please report it)",
    "modelerror": "the solver refused the model (a bug in the tool: please report it)",
}


def plain_status(status: str) -> str:
    """A solver status in words a planner reads (unknown ones as they are)."""
    return PLAIN_STATUS.get(status, status.replace("_", " "))
