"""What happened, as facts the LP must keep: the ``actuals`` sheet read by modelled block, and
the decisions of a solved plan (the rolling horizon), both as :class:`Fixings` for the actuals
family (:mod:`model.maths.actuals`).

The sheet records calendar years; the model decides per modelled block (modelled year ``y``
stands for ``y .. y + n_y - 1``). Up to the setting ``actuals_until`` (the last calendar year
recorded), for each technology and block:

* a block whose calendar years are all recorded is **fixed**: new capacity equals the
  capacity commissioned in its years (their sum), early retirement the capacity retired;
* a block recorded only in part (``actuals_until`` falls inside it) keeps what is recorded
  as a floor, and the years still open may add at most ``max_build_per_year`` each;
* what the sheet leaves empty is, per ``actuals_unrecorded``, as the original plan had it
  (``as_planned``: only a whole block has a planned value, so a part-recorded block stays
  open) or nothing (``none``).

Measured activity and emissions are fixed, in whole recorded blocks, at the mean of the
block's years (the model's year stands for each of them). Units: capacity in the
technology's capacity unit, activity in its activity unit per year, emissions in Mt CO2e/yr.

This module reads tables and solutions only; it never builds the LP.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # model.case imports the validation, which imports this module
    from model.case import Case
    from model.solution import Solution

INF = math.inf

#: The kinds of fact and the words results use for them.
KINDS = {"new": "new capacity", "retired": "early retirement", "activity": "activity",
         "emissions": "emissions"}
#: Columns of the ``actuals`` sheet that hold each kind.
COLUMNS = {"new": "commissioned", "retired": "retired", "activity": "activity",
           "emissions": "emissions"}

# --------------------------------------------------------------------------------------
# calendar years and modelled blocks
# --------------------------------------------------------------------------------------


def block_of(years: list[int], n_years: dict[int, int], k: int) -> int | None:
    """The modelled year whose block holds calendar year ``k`` (None outside the horizon)."""
    for y in years:
        if y <= k < y + n_years[y]:
            return y
    return None


def horizon_end(years: list[int], n_years: dict[int, int]) -> int:
    """Last calendar year of the horizon (the end of the last block)."""
    return years[-1] + n_years[years[-1]] - 1


def recorded_years(y: int, n: int, until: int | None) -> int:
    """How many of block ``y``'s ``n`` calendar years lie up to ``until`` (0 to ``n``)."""
    if until is None:
        return 0
    return max(0, min(n, until - y + 1))


# --------------------------------------------------------------------------------------
# facts
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One fixed decision: ``lower <= quantity <= upper`` in block ``year``.

    ``kind``: new (capacity commissioned), retired (residual capacity retired early),
    activity (annual, summed over slices) or emissions (annual, in ``key``'s scope);
    ``key``: the technology, or the scope of emissions."""

    kind: str
    key: str
    year: int
    lower: float
    upper: float
    origin: str  #: where the value comes from: sheet rows, the original plan, a window
    first: int  #: first calendar year the fact covers
    last: int  #: last calendar year the fact covers
    recorded: bool = True  #: False: not in the sheet (as planned, or none)

    @property
    def fixed(self) -> bool:
        """An equality (a whole block), not a floor (a block recorded in part)."""
        return self.lower == self.upper


@dataclass
class Fixings:
    """The facts a plan must keep, for the actuals family; ``until`` is the last calendar
    year they cover."""

    facts: list[Fact] = field(default_factory=list)
    until: int | None = None

    def __len__(self) -> int:
        return len(self.facts)

    def of(self, kind: str) -> dict[tuple[str, int], Fact]:
        """The facts of one kind by (technology or scope, modelled year)."""
        return {(f.key, f.year): f for f in self.facts if f.kind == kind}

    def plus(self, other: Fixings) -> Fixings:
        """Both sets of facts (the other's replace this one's on the same key)."""
        keys = {(f.kind, f.key, f.year) for f in other.facts}
        kept = [f for f in self.facts if (f.kind, f.key, f.year) not in keys]
        until = max((u for u in (self.until, other.until) if u is not None), default=None)
        return Fixings(kept + list(other.facts), until)


# --------------------------------------------------------------------------------------
# the actuals sheet
# --------------------------------------------------------------------------------------


@dataclass
class Entry:
    """What the sheet records of one kind, technology (or scope) and block."""

    total: float = 0.0
    rows: list[int] = field(default_factory=list)
    years: list[int] = field(default_factory=list)  #: calendar years with a value

    def add(self, value: float, row: int, year: int) -> None:
        self.total += value
        self.rows.append(row)
        self.years.append(year)

    @property
    def mean(self) -> float:
        return self.total / len(self.years)

    @property
    def origin(self) -> str:
        rows = sorted(set(self.rows))
        return ("actuals sheet, row " if len(rows) == 1 else "actuals sheet, rows ") \
            + ", ".join(str(r) for r in rows)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def sheet_records(rows: Iterable[dict[str, Any]], years: list[int],
                  n_years: dict[int, int], scope: str) -> dict[str, dict[tuple[str, int], Entry]]:
    """The ``actuals`` rows (typed dicts with ``_row``) added up by kind and block: kind ->
    (technology, or ``scope`` for the cluster's emissions; modelled year) -> entry. Rows
    outside the horizon are skipped (validation reports them)."""
    out: dict[str, dict[tuple[str, int], Entry]] = {k: {} for k in KINDS}
    for r in rows:
        k = r.get("year")
        if _blank(k):
            continue
        y = block_of(years, n_years, int(k))
        if y is None:
            continue
        tech = r.get("technology")
        for kind, column in COLUMNS.items():
            value = r.get(column)
            if _blank(value):
                continue
            key = scope if kind == "emissions" else tech
            if _blank(key):
                continue
            out[kind].setdefault((str(key), y), Entry()).add(float(value), int(r["_row"]),
                                                             int(k))
    return out


def has_actuals(case: Case) -> bool:
    """Whether the case records actuals (rows in the sheet, or an ``actuals_until``)."""
    frame = case.tables.tables.get("actuals")
    return (frame is not None and not frame.empty) or \
        case.settings.get("actuals_until") is not None


def from_actuals(case: Case, plan: Solution | None) -> Fixings:
    """The facts of the ``actuals`` sheet (module docstring); ``plan`` (the original plan's
    solution) gives what the sheet leaves empty when ``actuals_unrecorded = as_planned``."""
    s = case.settings
    until = s.get("actuals_until")
    if until is None:
        return Fixings()
    until = int(until)
    unrecorded = s.get("actuals_unrecorded") or "as_planned"
    frame = case.tables.tables.get("actuals")
    rows = frame.to_dict("records") if frame is not None else []
    scope = str(s.get("emission_scope") or "scope1")
    rec = sheet_records(rows, case.years, case.n_years, scope)
    retire = _retired_by_block(plan) if plan is not None else {}
    facts: list[Fact] = []
    for y in case.years:
        n = case.n_years[y]
        m = recorded_years(y, n, until)
        if m == 0:
            continue
        whole = m == n
        first, last = y, y + m - 1
        for t, tech in case.technologies.items():
            planned_new = plan["new"][t, y] if plan is not None and whole else None
            rate = tech.max_build_per_year * (n - m) if tech.max_build_per_year < INF else INF
            fact = _fact("new", t, y, rec["new"].get((t, y)), unrecorded, planned_new, whole,
                         0.0 if whole else rate, first, last)
            if fact is not None:
                facts.append(fact)
            if tech.early_retirement:
                planned = retire.get((t, y), 0.0) if plan is not None and whole else None
                fact = _fact("retired", t, y, rec["retired"].get((t, y)), unrecorded, planned,
                             whole, 0.0 if whole else INF, first, last)
                if fact is not None:
                    facts.append(fact)
        if not whole:
            continue  # measurements fix whole blocks only (validation warns)
        for kind in ("activity", "emissions"):
            for (key, year), entry in rec[kind].items():
                if year == y:
                    facts.append(Fact(kind, key, y, entry.mean, entry.mean, entry.origin,
                                      first, last))
    return Fixings(facts, until)


def _fact(kind: str, t: str, y: int, entry: Entry | None, unrecorded: str,
          planned: float | None, whole: bool, room: float, first: int, last: int
          ) -> Fact | None:
    """A capacity fact: recorded, else as planned or none; ``room`` is what the block's
    years still open may add (0 for a whole block)."""
    if entry is not None:
        value, origin, recorded = entry.total, entry.origin, True
    elif unrecorded == "none":
        value, origin, recorded = 0.0, "not recorded: none", False
    elif planned is not None:  # a solver's value: never below the variable's bound 0
        value, origin, recorded = max(float(planned), 0.0), "not recorded: as planned", False
    else:
        return None  # as planned, in a block recorded in part: open
    return Fact(kind, t, y, value, value + room if not whole else value, origin, first, last,
                recorded)


def _retired_by_block(sol: Solution) -> dict[tuple[str, int], float]:
    """Early retirement of each technology in each block (all tranches), from a solution."""
    out: dict[tuple[str, int], float] = {}
    for (t, _j, v), value in sol["retire"].items():
        out[(t, v)] = out.get((t, v), 0.0) + value
    return out


# --------------------------------------------------------------------------------------
# a solved plan's decisions (the rolling horizon)
# --------------------------------------------------------------------------------------


def from_plan(case: Case, sol: Solution, years: Iterable[int], origin: str) -> Fixings:
    """The decisions of ``sol`` in the blocks ``years``, as facts: new capacity, early
    retirement (summed over tranches) and the annual activity of every non-storage
    technology."""
    years = list(years)
    retire = _retired_by_block(sol)
    act = sol["act"]
    facts: list[Fact] = []
    for y in years:
        last = y + case.n_years[y] - 1
        for t, tech in case.technologies.items():
            new = max(sol["new"][t, y], 0.0)
            facts.append(Fact("new", t, y, new, new, origin, y, last))
            if tech.early_retirement:
                out = max(retire.get((t, y), 0.0), 0.0)
                facts.append(Fact("retired", t, y, out, out, origin, y, last))
            if not tech.is_storage:
                total = max(math.fsum(act[t, y, s] for s in case.slices), 0.0)
                facts.append(Fact("activity", t, y, total, total, origin, y, last))
    until = max((y + case.n_years[y] - 1 for y in years), default=None)
    return Fixings(facts, until)


def _number(x: float) -> str:
    return f"{0.0 if abs(x) < 1e-9 else x:.6g}"


def describe(case: Case, family: str, key) -> str | None:
    """A row of the actuals family in words, for an explanation of infeasibility
    (:mod:`model.diagnose`); None for another family."""
    kinds = {"actual_new": "new", "actual_new_room": "new", "actual_retired": "retired",
             "actual_activity": "activity", "actual_emissions": "emissions"}
    if family not in kinds or case.fixed is None:
        return None
    kind = kinds[family]
    facts = case.fixed.of(kind)
    fact = next((f for (k, y), f in facts.items() if y == key), None) \
        if kind == "emissions" else facts.get(tuple(key))
    if fact is None:
        return None
    what = KINDS[kind] + ("" if kind == "emissions" else f" of {fact.key}")
    years = str(fact.first) if fact.first == fact.last else f"{fact.first}-{fact.last}"
    if family == "actual_new_room":
        return (f"{what} in the {fact.year} block is at most {_number(fact.upper)}: "
                f"{_number(fact.lower)} recorded in {years} and the build limit of the years "
                "still open")
    value = _number(fact.lower) if fact.fixed else f"at least {_number(fact.lower)}"
    return f"{what} in {years} is {value} ({fact.origin})"


# --------------------------------------------------------------------------------------
# a case that keeps the facts
# --------------------------------------------------------------------------------------


def with_fixings(case: Case, fixings: Fixings, base_emissions: dict[str, float] | None
                 ) -> Case:
    """A copy of ``case`` that keeps ``fixings``, with the same targets: reduction targets
    are turned into the caps they have with ``base_emissions`` (the original plan's), so
    that no reference run of the fixed case can move them."""
    from model.case import target_cap

    targets = []
    for tg in case.targets:
        base = (base_emissions or {}).get(tg.scope)
        if tg.cap_per_base != 0 and base is not None:
            tg = dataclasses.replace(tg, cap_const=target_cap(tg, base), cap_per_base=0.0)
        targets.append(tg)
    return dataclasses.replace(case, fixed=fixings, targets=targets,
                               settings=dict(case.settings))
