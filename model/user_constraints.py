"""The planner's own constraints (the workbook's ``constraints`` sheet): reading and checks.

Rows with one ``constraint`` name are the terms of one linear constraint, stated per
modelled year: ``sum(coefficient * what variable counts for the selected technologies and
commodities) <sense> right-hand side``. See the sheet's description in
:mod:`model.schema` and the maths in :mod:`model.maths.user`.

Decisions (docs/formulation.md): the sense and the right-hand side belong to the constraint
and may be given on any of its rows (they must agree where given twice); the right-hand side
is interpolated between its given years and held after the last, and the constraint does not
apply before its first given year ("at least 1 GW by 2030" binds from 2030 on). A selector
that picks nothing of what its variable counts is an error, not a silent zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from model.errors import Problem
from model.interpolate import interpolate
from model.schema import USER_TERMS
from model.selectors import select

SHEET = "constraints"

#: Variables whose terms select technologies; those that select commodities, and of which kind.
BY_TECHNOLOGY = {"capacity", "new_capacity", "activity", "input", "output", "emissions"}
BY_COMMODITY = {"input", "output", "emissions", "purchases", "sales"}


@dataclass
class UserTerm:
    variable: str
    technologies: list[str]
    commodities: list[str]
    coefficient: float
    row: int  #: Excel row of the term


@dataclass
class UserConstraint:
    name: str
    sense: str  #: <=, >= or =
    rhs: dict[int, float]  #: modelled year -> right-hand side (only years where it applies)
    terms: list[UserTerm] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)  #: Excel rows of its terms


def _candidates(variable: str, kinds: dict[str, str], techs: list[str], storage: set[str],
                flows: dict[tuple[str, str], set[str]], priced: set[str]
                ) -> tuple[list[str], list[str]]:
    """(technologies, commodities) a term of ``variable`` may count."""
    active = [t for t in techs if t not in storage]
    if variable in ("capacity", "new_capacity"):
        return techs, []
    if variable == "activity":
        return active, []
    if variable == "purchases":
        return [], [c for c, k in kinds.items() if k == "supply"]
    if variable == "sales":
        return [], [c for c, k in kinds.items() if k == "export" or (c in priced and k != "emission")]
    if variable == "emissions":
        return active, [c for c, k in kinds.items() if k == "emission"]
    direction = "in" if variable == "input" else "out"
    return active, [c for c in kinds if any(c in flows.get((t, direction), ()) for t in active)]


def parse(tables, years: list[int] | None = None
          ) -> tuple[list[UserConstraint], list[Problem]]:
    """The user constraints of validated-so-far tables (a :class:`~model.validate.CaseTables`)
    and every problem of the sheet. ``years``: the modelled years (None: keep the given
    year points, for checks only)."""
    frame = tables.tables.get(SHEET)
    problems: list[Problem] = []
    if frame is None or frame.empty:
        return [], problems
    raw = getattr(frame, "_raw", None)

    def problem(row: int | None, column: str | None, message: str, value: Any = None,
                expected: str | None = None) -> None:
        cell = raw.cell(row, column) if raw is not None and row and column in raw.letters \
            else None
        problems.append(Problem(tables.workbook, SHEET, message, row=row, column=column,
                                cell=cell, value=value, expected=expected))

    records = frame.to_dict("records")
    kinds = {r["commodity"]: r["kind"] for r in tables.tables["commodities"].to_dict("records")
             if r["commodity"] is not None}
    techs = [t for t in tables.tables["technologies"]["technology"] if t is not None]
    storage = {t for t in tables.tables["storage"]["technology"] if t is not None}
    flows: dict[tuple[str, str], set[str]] = {}
    for r in tables.tables["flows"].to_dict("records"):
        flows.setdefault((r["technology"], r["direction"]), set()).add(r["commodity"])
    traj = tables.trajectories.get(SHEET, {})
    priced = {c for (c, parameter) in tables.trajectories.get("prices", {})
              if parameter == "export_price"}

    by_name: dict[str, UserConstraint] = {}
    first_row: dict[str, dict[str, int]] = {}
    for r in records:
        name, variable, row = r["constraint"], r["variable"], int(r["_row"])
        if name is None or variable is None:
            continue  # reported by the cell checks
        uc = by_name.setdefault(name, UserConstraint(name, "", {}))
        uc.rows.append(row)
        seen = first_row.setdefault(name, {})
        if r["sense"] is not None:
            if uc.sense and r["sense"] != uc.sense:
                problem(row, "sense", f"constraint '{name}' has another sense in row "
                        f"{seen['sense']}", r["sense"], f"{uc.sense} as in row {seen['sense']}")
            elif not uc.sense:
                uc.sense, seen["sense"] = r["sense"], row
        points = traj.get(tuple(str(r[k]) for k in ("constraint", "variable", "technology",
                                                     "commodity")), {})
        for y, value in points.items():
            if not math.isfinite(value):
                problem(row, str(y), "right-hand side is not a finite number", value,
                        "a number")
            elif y in uc.rhs and uc.rhs[y] != value:
                problem(row, str(y), f"constraint '{name}' has another right-hand side for "
                        f"{y} in row {seen[f'y{y}']}", value, f"{uc.rhs[y]:g} as there")
            elif y not in uc.rhs:
                uc.rhs[y] = value
                seen[f"y{y}"] = row
        tech_names, comm_names = _candidates(variable, kinds, techs, storage, flows, priced)
        chosen_t, chosen_c = [], []
        if variable in BY_TECHNOLOGY:
            chosen_t = select(r["technology"] or "*", tech_names)
            if not chosen_t:
                problem(row, "technology", f"selects no technology that '{variable}' can count",
                        r["technology"], "a name or pattern matching "
                        + _listed(tech_names, "technologies"))
        if variable in BY_COMMODITY:
            chosen_c = select(r["commodity"] or "*", comm_names)
            if not chosen_c:
                problem(row, "commodity", f"selects no commodity that '{variable}' can count",
                        r["commodity"], "a name or pattern matching "
                        + _listed(comm_names, "commodities"))
        coefficient = float(r["coefficient"] if r["coefficient"] is not None else 1.0)
        uc.terms.append(UserTerm(variable, chosen_t, chosen_c, coefficient, row))

    out = []
    for name, uc in by_name.items():
        if not uc.sense:
            problem(uc.rows[0], "sense", f"constraint '{name}' has no sense on any of its rows",
                    None, "<=, >= or = on one of rows " + ", ".join(map(str, uc.rows)))
        if not uc.rhs:
            problem(uc.rows[0], "constraint", f"constraint '{name}' has no right-hand side "
                    "(no year column is filled on its rows)", name,
                    "values in year columns, e.g. 2030")
        if years is not None and uc.rhs:
            first = min(uc.rhs)
            uc.rhs = {y: interpolate(uc.rhs, y) for y in years if y >= first}
        out.append(uc)
    return out, problems


def _listed(names: list[str], what: str) -> str:
    if not names:
        return f"(no {what} qualify)"
    shown = ", ".join(names[:15])
    return f"one of {len(names)} {what}: {shown}" + (" ..." if len(names) > 15 else "")


__all__ = ["USER_TERMS", "UserConstraint", "UserTerm", "parse"]
