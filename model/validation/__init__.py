"""Validation of a case workbook, driven by :mod:`model.schema`.

:func:`validate` turns a :class:`~model.workbook.RawWorkbook` into typed :class:`CaseTables`
and a list of every :class:`~model.errors.Problem` found (not just the first). Checks run in
three layers:

* cells (:mod:`.cells`): type, allowed value, range, plausible size, required, numbers
  stored as text read as meant or refused;
* sheets (:mod:`.reading`, :mod:`.sheet_rules`): sheet and column names, required columns,
  duplicate keys, rules inside one sheet (hours sum to a year, residual capacity never
  grows, ...);
* the case (:mod:`.cross_rules`): references to other sheets and rules across sheets
  (demand someone produces, storage takes no flows, ...); what happened (the ``actuals``
  sheet, :mod:`.actuals_rules`) against what the case allows.

Each rule is a small function registered in :mod:`.rules`. Nothing here builds the
optimisation model.
"""

from __future__ import annotations

from model.errors import Problem
from model.schema import SHEETS, Sheet
from model.validation import (  # noqa: F401  (they register the rules)
    actuals_rules,
    cross_rules,
    sheet_rules,
)
from model.validation.problems import Collector
from model.validation.reading import SheetRead, find_sheets, read_settings, read_sheet
from model.validation.rules import CaseView, run_rules
from model.validation.tables import CaseTables, Key, Rows
from model.workbook import RawSheet, RawWorkbook

__all__ = ["BaseSheets", "CaseTables", "Key", "Rows", "validate"]


class BaseSheets:
    """The sheets of a base workbook read once, for variants that share them.

    A study's variant is its base with a few cells changed: the sheets it does not touch are
    the base's own :class:`~model.workbook.RawSheet` objects (:meth:`StudyBase.workbook
    <model.study.variants.StudyBase.workbook>` copies only the sheets it changes, and nothing
    changes a raw sheet in place). Reading such a sheet again would give the same typed rows
    and the same problems, so :func:`validate` takes them from here; the rules across
    sheets still run on every variant. Only the base's sheets are kept (:meth:`remember`),
    so the memory does not grow with the variants."""

    def __init__(self) -> None:
        self._reads: dict[int, tuple[RawSheet, SheetRead, list[Problem]]] = {}
        self.remembering = False  # only while the base is read

    def remember(self, raw: RawWorkbook) -> tuple[CaseTables | None, list[Problem]]:
        """Validate the base, keeping its sheets as read; later calls only look them up."""
        self.remembering = True
        try:
            return validate(raw, self)
        finally:
            self.remembering = False

    def read(self, schema: Sheet, sheet: RawSheet | None, out: Collector) -> SheetRead:
        """``read_sheet``, from the base's reading when ``sheet`` is the base's own."""
        if sheet is None:
            return read_sheet(schema, sheet, out)
        known = self._reads.get(id(sheet))
        if known is not None and known[0] is sheet:
            out.problems.extend(known[2])
            return known[1]
        first = len(out.problems)
        read = read_sheet(schema, sheet, out)
        if self.remembering:
            self._reads[id(sheet)] = (sheet, read, out.problems[first:])
        return read


def validate(raw: RawWorkbook, base: BaseSheets | None = None
             ) -> tuple[CaseTables | None, list[Problem]]:
    """Check a workbook; return typed tables (None when errors were found) and all problems.
    ``base``: sheets already read from the base workbook this one was made from."""
    out = Collector(raw.name)
    out.problems.extend(raw.problems)
    if raw.refused or any(p.sheet is None for p in raw.problems):
        return None, out.problems
    found = find_sheets(raw, out)
    settings, settings_read = read_settings(found.get("settings"), out)
    case = CaseTables(raw.name, settings, {})
    view = CaseView(case, {"settings": []}, {"settings": settings_read.raw})
    if not settings_read.usable:
        view.unusable.add("settings")
    for schema in SHEETS:
        if schema.name == "settings":
            continue
        read = (base.read if base is not None else read_sheet)(
            schema, found.get(schema.name), out)
        case.tables[schema.name] = read.frame
        case.trajectories[schema.name] = read.trajectories
        case.profiles.update(read.profiles)
        view.rows[schema.name] = read.records
        view.sheets[schema.name] = read.raw
        if not read.usable:
            view.unusable.add(schema.name)
    run_rules(view, out)
    case.warnings = out.warnings
    return (None if out.errors else case), out.problems
