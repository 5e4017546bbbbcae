"""Near-optimal alternatives: the ``alternatives`` sheet of a study workbook, and its directions.

Modelling to generate alternatives (MGA): after the least-cost plan, each *direction* asks for
the plan that minimises (or maximises) some quantity while the net present cost stays within
a slack above the optimum. The study workbook holds

* a ``study`` sheet: ``base`` (case or scenario workbook; blank in a scenario workbook: the
  scenario itself), ``description``, ``slack`` (a fraction, default 0.05),
  ``random_directions`` (default 0) and ``seed`` (of the random directions);
* an ``alternatives`` sheet, one row per *group* of technologies: ``group`` (its name),
  ``technology`` (names or patterns as in :mod:`model.selectors`: ``*``, ``?``, lists,
  ``-`` exclusions), ``measure`` (``capacity``, ``new_capacity`` or ``activity``), ``years``
  (blank: all modelled years; ``2030``; ``2030, 2040``; ``2030-2050``) and ``sense``
  (``min``, ``max``, ``both``: blank; ``none``: reported only).

A group's measure is, over its years, the mean installed capacity (``capacity``), the total
capacity commissioned (``new_capacity``: "new capacity by 2035" is years ``2025-2035``) or
the mean yearly activity (``activity``, storage left out), in the technologies' own units
(a group mixing units adds their numbers, with a warning).

The directions, numbered like a study's variants (:class:`~model.study.definition.Variant`):
0 is the optimum itself; then per group, in row order, ``min`` and/or ``max``; then the
random directions. A direction's ``values`` are the weights of each group's measure in the
objective that is minimised: ``{group: 1}`` minimises the group, ``{group: -1}`` maximises
it; a random direction has a weight for every group, drawn on the unit sphere (normal draws
normalised, ``numpy.random.default_rng(seed)``); the solver divides each weight by the
group's range (:mod:`model.study.mga`), so that groups in different units count alike.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.case import Case, file_hash
from model.errors import Problem
from model.scenario import ALTERNATIVES_SHEET, SENSITIVITIES_SHEET, STUDY_SHEET, _problem
from model.scenario_template import ALTERNATIVE_MEASURES, ALTERNATIVE_SENSES, ALTERNATIVES
from model.selectors import Pattern, key_text, number
from model.study.definition import (
    StudyFile,
    Variant,
    _row_of,
    _whole,
    open_study,
)
from model.workbook import RawWorkbook, read_workbook

DEFAULT_SLACK = 0.05
#: Slack above which a value is a percentage typed as a number (5 for 5 %).
MAX_SLACK = 1.0
MAX_RANDOM = 10_000
COLUMNS = tuple(c.name for c in ALTERNATIVES.columns)
_YEAR = re.compile(r"\d{4}")
_RANGE = re.compile(r"(\d{4})\s*-\s*(\d{4})")


@dataclass(frozen=True)
class Group:
    """One row of the ``alternatives`` sheet, as written."""

    name: str
    row: int  #: Excel row
    technology: str  #: the selector text
    measure: str  #: capacity | new_capacity | activity
    years: str  #: as written ("" for all)
    senses: tuple[str, ...]  #: ("min", "max"), ("min",), ("max",) or () for none


@dataclass(frozen=True)
class GroupMeasure:
    """A group resolved on the base case: which technologies, which modelled years."""

    name: str
    measure: str
    technologies: tuple[str, ...]
    years: tuple[int, ...]
    unit: str  #: the technologies' unit, or "mixed units"

    @property
    def summed(self) -> bool:
        """New capacity is added up over the years; capacity and activity are averaged."""
        return self.measure == "new_capacity"

    def describe(self) -> str:
        years = _years_text(self.years)
        how = {"capacity": "installed capacity", "new_capacity": "capacity commissioned",
               "activity": "activity per year"}[self.measure]
        if len(self.years) > 1 and not self.summed:
            how = "mean " + how
        return f"{how}, {years} [{self.unit}]"


@dataclass
class AlternativesDefinition(StudyFile):
    """A near-optimal alternatives study as read from its workbook."""

    slack: float  #: allowed cost above the optimum, as a fraction of |optimum|
    random_directions: int
    seed: int
    groups: list[Group]

    def directions(self) -> list[Variant]:
        """Every direction, numbered: the optimum, each group's min and max, the random ones."""
        out = [Variant(0, "optimum", "optimum")]
        for g in self.groups:
            for sense in g.senses:
                out.append(Variant(len(out), sense, f"{sense} {g.name}",
                                   {g.name: 1.0 if sense == "min" else -1.0}))
        if self.random_directions:
            rng = np.random.default_rng(self.seed)
            names = [g.name for g in self.groups]
            for k in range(self.random_directions):
                w = rng.standard_normal(len(names))
                w /= np.linalg.norm(w) or 1.0
                out.append(Variant(len(out), "random", f"random {k + 1}",
                                   {n: float(x) for n, x in zip(names, w, strict=True)}))
        return out


def is_alternatives_workbook(path: str | Path) -> bool:
    """A study of near-optimal alternatives: an ``alternatives`` sheet with rows, or one
    without a ``sensitivities`` sheet beside it."""
    raw = read_workbook(path)
    alt = raw.sheets.get(ALTERNATIVES_SHEET)
    if alt is None:
        return False
    return bool(alt.records) or SENSITIVITIES_SHEET not in raw.sheets


def read_alternatives(path: str | Path
                      ) -> tuple[AlternativesDefinition | None, list[Problem]]:
    """Read an alternatives study; every problem found (sheet, row, column), None on errors."""
    opened, problems = open_study(path)
    if opened is None:
        return None, problems
    path, raw, items, base, seed = opened
    slack = _slack(raw, items, problems)
    random = _whole(raw, items, "random_directions", 0, 0, MAX_RANDOM, problems)
    sens = raw.sheets.get(SENSITIVITIES_SHEET)
    if sens is not None and sens.records:
        problems.append(_problem(raw, SENSITIVITIES_SHEET, "a study workbook has either "
                                 "sensitivities or alternatives", 2, None, None,
                                 "the alternatives in a study workbook of their own"))
    groups = _groups(raw, problems)
    if not groups and not any(p.severity == "error" for p in problems):
        problems.append(_problem(raw, ALTERNATIVES_SHEET, "no groups", expected="rows with "
                                 "a group, its technologies and a measure"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return AlternativesDefinition(path, base, key_text(items.get("description")),
                                  file_hash(path), slack=slack, random_directions=random,
                                  seed=seed, groups=groups), problems


def _slack(raw: RawWorkbook, items: dict, problems: list[Problem]) -> float:
    value = items.get("slack")
    if value is None or key_text(value) == "":
        return DEFAULT_SLACK
    x = number(value)
    if x is None or not math.isfinite(x) or not 0 <= x <= MAX_SLACK:
        expected = "a fraction from 0 to 1 (0.05 for 5 % above the least cost)"
        if x is not None and MAX_SLACK < x <= 100:
            expected += f"; {x:g} reads as {x:g} times the cost: for {x:g} % write {x / 100:g}"
        problems.append(_problem(raw, STUDY_SHEET, "'slack' is not a fraction of the cost",
                                 _row_of(raw, "slack"), "value", value, expected))
        return DEFAULT_SLACK
    return float(x)


def _groups(raw: RawWorkbook, problems: list[Problem]) -> list[Group]:
    sheet = raw.sheets.get(ALTERNATIVES_SHEET)
    if sheet is None:
        problems.append(_problem(raw, ALTERNATIVES_SHEET, "required sheet is missing",
                                 expected="an 'alternatives' sheet listing the groups"))
        return []
    for header in sheet.headers:
        if header not in COLUMNS:
            problems.append(_problem(raw, ALTERNATIVES_SHEET, "unknown column", 1, header,
                                     header, "one of " + ", ".join(COLUMNS)))
    for required in ("group", "technology", "measure"):
        if required not in sheet.headers:
            problems.append(_problem(raw, ALTERNATIVES_SHEET, f"required column '{required}' "
                                     "is missing", 1, None, None, f"a column '{required}'"))
            return []
    groups: list[Group] = []
    seen: dict[str, int] = {}
    for row, rec in sheet.records.items():
        def bad(column: str, message: str, expected: str, row=row, rec=rec) -> None:
            problems.append(_problem(raw, ALTERNATIVES_SHEET, message, row, column,
                                     rec.get(column), expected))

        name = key_text(rec.get("group"))
        technology = key_text(rec.get("technology"))
        measure = key_text(rec.get("measure"))
        sense = key_text(rec.get("sense")) or "both"
        years = key_text(rec.get("years"))
        if not name:
            bad("group", "group name is empty", "a name for the group of technologies")
            continue
        if name in seen:
            bad("group", f"group '{name}' is defined in row {seen[name]} already",
                "one row per group (list several technologies in one row)")
            continue
        seen[name] = row
        if not technology or not Pattern.parse(technology).include and \
                not Pattern.parse(technology).exclude:
            bad("technology", "no technologies selected", "names or patterns, e.g. "
                "*_capture, -dac")
            continue
        if measure not in ALTERNATIVE_MEASURES:
            bad("measure", "unknown measure", "one of " + ", ".join(ALTERNATIVE_MEASURES))
            continue
        if sense not in ALTERNATIVE_SENSES:
            bad("sense", "unknown sense", "one of " + ", ".join(ALTERNATIVE_SENSES)
                + " (blank: both)")
            continue
        if years and parse_years(years) is None:
            bad("years", "years are not years, lists or ranges",
                "blank (all), a year (2030), a list (2030, 2040) or a range (2030-2050)")
            continue
        senses = {"both": ("min", "max"), "min": ("min",), "max": ("max",),
                  "none": ()}[sense]
        groups.append(Group(name, row, technology, measure, years, senses))
    return groups


def parse_years(text: str) -> list[tuple[int, int]] | None:
    """``2030``, ``2030, 2040``, ``2030-2050`` as (first, last) spans; None when not so."""
    spans = []
    for token in (t.strip() for t in text.split(",")):
        if _YEAR.fullmatch(token):
            spans.append((int(token), int(token)))
            continue
        m = _RANGE.fullmatch(token)
        if m is None or int(m.group(1)) > int(m.group(2)):
            return None
        spans.append((int(m.group(1)), int(m.group(2))))
    return spans


def _years_text(years: tuple[int, ...]) -> str:
    if len(years) == 1:
        return str(years[0])
    return f"{years[0]}-{years[-1]}" if len(years) > 2 else f"{years[0]}, {years[1]}"


def resolve(definition: AlternativesDefinition, case: Case, raw: RawWorkbook
            ) -> tuple[list[GroupMeasure], list[Problem]]:
    """Each group's technologies and modelled years in the base case; problems name the
    group's row and column (a selection that picks nothing is an error, never a zero)."""
    problems: list[Problem] = []
    out: list[GroupMeasure] = []
    names = list(case.technologies)
    storage = {t for t, tech in case.technologies.items() if tech.is_storage}
    for g in definition.groups:
        def bad(column: str, message: str, value: object, expected: str, g=g,
                severity: str = "error") -> None:
            p = _problem(raw, ALTERNATIVES_SHEET, message, g.row, column, value, expected)
            problems.append(dataclasses.replace(p, severity=severity))

        pattern = Pattern.parse(g.technology)
        picked = [t for t in names if pattern.matches(t)]
        if g.measure == "activity":
            left_out = [t for t in picked if t in storage]
            picked = [t for t in picked if t not in storage]
        if not picked:
            shown = ", ".join(names[:15]) + (" ..." if len(names) > 15 else "")
            what = "technology (storage has no activity)" if g.measure == "activity" else \
                "technology"
            bad("technology", f"the selection picks no {what} of the base case",
                g.technology, f"names or patterns among {shown}")
            continue
        if g.measure == "activity" and left_out:
            bad("technology", "storage technologies have no activity; left out: "
                + ", ".join(left_out), g.technology, "technologies that are not storage",
                severity="warning")
        years = list(case.years)
        if g.years:
            chosen = []
            for first, last in parse_years(g.years):
                inside = [y for y in years if first <= y <= last]
                if not inside:
                    bad("years", f"no modelled year in {first}-{last}" if first != last
                        else f"{first} is not a modelled year", g.years,
                        "modelled years: " + ", ".join(map(str, years)))
                    break
                chosen += inside
            else:
                years = sorted(set(chosen))
                out.append(_measure(g, case, picked, years, bad))
            continue
        out.append(_measure(g, case, picked, years, bad))
    return out, problems


def _measure(g: Group, case: Case, picked: list[str], years: list[int], bad) -> GroupMeasure:
    attr = "activity_unit" if g.measure == "activity" else "capacity_unit"
    units = list(dict.fromkeys(getattr(case.technologies[t], attr) for t in picked))
    unit = units[0] if len(units) == 1 else "mixed units"
    if len(units) > 1:
        bad("technology", "the group adds numbers in different units (" + ", ".join(units)
            + ")", g.technology, "technologies of one unit, or a group per unit",
            severity="warning")
    if g.measure == "activity":
        unit += "/yr"
    return GroupMeasure(g.name, g.measure, tuple(picked), tuple(years), unit)
