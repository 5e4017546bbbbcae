"""Scenario workbooks: a base case and the edits that make the scenario.

A scenario workbook (``scenarios/*.xlsx``) holds:

* a ``scenario`` sheet (columns ``item``, ``value``): ``base`` (the case workbook, a path
  relative to the scenario file), ``description``, ``rationale``, ``source``, and any number of
  ``parent`` rows (other scenario workbooks applied first, in order; their own parents
  before them);
* a ``changes`` sheet: one edit per row, applied in order (selectors and operations as in
  :mod:`model.selectors`);
* optionally whole sheets named like sheets of the case workbook (``technologies``,
  ``targets``, ...): each row replaces the base row with the same key, all its cells (a
  column the scenario sheet lacks becomes empty), or is added when the key is new.

Per scenario file, whole sheets are applied before the ``changes`` rows, so a change may
edit a row that a sheet added. The edits are made on the base's raw records
(:class:`~model.workbook.RawWorkbook`), which keep their Excel rows; the result is validated
like a case workbook and each problem is mapped back to where its value came from: the
scenario's ``changes`` row (and the base cell it changed), the scenario sheet's row, or the
base's cell.
"""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import python_calamine
from openpyxl.utils import column_index_from_string, get_column_letter

from model.case import Case, derive, file_hash
from model.errors import CaseError, Problem
from model.schema import SHEET_BY_NAME
from model.selectors import (
    KEY_COLUMNS,
    OPERATIONS,
    SelectionError,
    Selector,
    apply_operation,
    key_text,
    number,
)
from model.validation import CaseTables, validate
from model.validation.reading import IGNORED_SHEETS
from model.workbook import RawSheet, RawWorkbook, read_workbook

SCENARIO_SHEET = "scenario"
CHANGES_SHEET = "changes"
SENSITIVITIES_SHEET = "sensitivities"
STUDY_SHEET = "study"
OUTPUTS_SHEET = "outputs"
ALTERNATIVES_SHEET = "alternatives"
#: Items of the ``scenario`` sheet (``parent`` may repeat).
SCENARIO_ITEMS = ("base", "description", "rationale", "source", "parent")
#: Columns of the ``changes`` sheet besides the key filters.
CHANGE_COLUMNS = ("sheet", "field", "operation", "value", "note", "source")
#: Sheets of scenario and study workbooks that are not case sheets.
OWN_SHEETS = {SCENARIO_SHEET, CHANGES_SHEET, SENSITIVITIES_SHEET, STUDY_SHEET, OUTPUTS_SHEET,
              ALTERNATIVES_SHEET}


def sheet_names(path: str | Path) -> list[str]:
    """The sheet names of a workbook ([] when it cannot be opened)."""
    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as book:
            return list(book.sheet_names)
    except Exception:  # not a workbook: the reader will say what is wrong
        return []


def is_scenario_workbook(path: str | Path) -> bool:
    """Whether a workbook is a scenario (it has a ``scenario`` sheet)."""
    return SCENARIO_SHEET in sheet_names(path)


# --------------------------------------------------------------------------------------
# reading a scenario file
# --------------------------------------------------------------------------------------


@dataclass
class Change:
    """One row of a ``changes`` sheet."""

    row: int  #: Excel row in the scenario's changes sheet
    selector: Selector
    operation: str
    value: object


@dataclass
class ScenarioFile:
    """One scenario workbook as read (its edits, not yet applied)."""

    path: Path
    raw: RawWorkbook
    base: Path | None
    parents: list[Path]
    description: str
    rationale: str
    source: str
    changes: list[Change]
    sheets: dict[str, RawSheet]  #: whole sheets that replace or add rows by key
    sha256: str

    @property
    def name(self) -> str:
        return self.path.stem


def _problem(raw: RawWorkbook, sheet: str, message: str, row: int | None = None,
             column: str | None = None, value: object = None,
             expected: str | None = None) -> Problem:
    rs = raw.sheets.get(sheet)
    cell = rs.cell(row, column) if rs is not None and row is not None and column and \
        column in rs.letters else None
    return Problem(raw.name, sheet, message, row=row, column=column, cell=cell, value=value,
                   expected=expected)


def read_scenario_file(path: str | Path) -> tuple[ScenarioFile | None, list[Problem]]:
    """Read one scenario workbook; every problem found, None when there are errors."""
    path = Path(path)
    raw = read_workbook(path)
    problems = list(raw.problems)
    if any(p.sheet is None for p in raw.problems):
        return None, problems
    meta = raw.sheets.get(SCENARIO_SHEET)
    items: dict[str, Any] = {}
    parents: list[Path] = []
    if meta is None:
        problems.append(_problem(raw, SCENARIO_SHEET, "required sheet is missing",
                                 expected="a 'scenario' sheet with rows base, description"))
    elif not {"item", "value"} <= set(meta.headers):
        problems.append(_problem(raw, SCENARIO_SHEET, "required columns are missing", row=1,
                                 value=", ".join(meta.headers), expected="columns item, value"))
    else:
        for row, rec in meta.records.items():
            item = key_text(rec.get("item"))
            value = rec.get("value")
            if item not in SCENARIO_ITEMS:
                problems.append(_problem(raw, SCENARIO_SHEET, "unknown item", row, "item", item,
                                         "one of " + ", ".join(SCENARIO_ITEMS)))
            elif item == "parent":
                if key_text(value):
                    parents.append(path.parent / key_text(value))
            elif item in items:
                problems.append(_problem(raw, SCENARIO_SHEET, f"item '{item}' is given twice",
                                         row, "item", item, "each item once (but parent)"))
            else:
                items[item] = value
    base = None
    if key_text(items.get("base")):
        base = path.parent / key_text(items["base"])
        if not base.exists():
            problems.append(_problem(
                raw, SCENARIO_SHEET, "base case workbook not found", _item_row(meta, "base"),
                "value", items["base"], f"a path relative to the scenario file ({base})"))
    elif meta is not None and not parents:
        problems.append(_problem(raw, SCENARIO_SHEET, "no base case named", None, None, None,
                                 "a row 'base' whose value is the case workbook's path, "
                                 "relative to this file"))
    for parent in parents:
        if not parent.exists():
            problems.append(_problem(raw, SCENARIO_SHEET, "parent scenario not found",
                                     _item_row(meta, "parent", parent.name), "value",
                                     parent.name, f"a scenario workbook ({parent})"))
    changes = _read_changes(raw, problems)
    sheets = {}
    for name, sheet in raw.sheets.items():
        if name in OWN_SHEETS or name.lower() in IGNORED_SHEETS or name.startswith("_"):
            continue
        if name not in SHEET_BY_NAME:
            problems.append(_problem(raw, name, "unknown sheet", value=name,
                                     expected="scenario, changes, sensitivities, or a sheet "
                                     "of the case workbook (" + ", ".join(SHEET_BY_NAME) + ")"))
            continue
        schema = SHEET_BY_NAME[name]
        missing = [k for k in schema.keys if schema.column(k).required and
                   k not in sheet.headers]
        if missing:
            problems.append(_problem(raw, name, "key columns are missing", row=1,
                                     value=", ".join(missing),
                                     expected="the key columns " + ", ".join(schema.keys)))
            continue
        for row, rec in sheet.records.items():
            for k in schema.keys:
                if schema.column(k).required and not key_text(rec.get(k)):
                    problems.append(_problem(raw, name, f"key '{k}' is empty", row, k,
                                             expected="the key of the row to replace or add"))
        sheets[name] = sheet
    if any(p.severity == "error" for p in problems):
        return None, problems
    return ScenarioFile(path, raw, base, parents, key_text(items.get("description")),
                        key_text(items.get("rationale")), key_text(items.get("source")),
                        changes, sheets, file_hash(path)), problems


def _item_row(meta: RawSheet | None, item: str, value: str | None = None) -> int | None:
    if meta is None:
        return None
    for row, rec in meta.records.items():
        if key_text(rec.get("item")) == item and (value is None or
                                                   key_text(rec.get("value")).endswith(value)):
            return row
    return None


def _read_changes(raw: RawWorkbook, problems: list[Problem]) -> list[Change]:
    sheet = raw.sheets.get(CHANGES_SHEET)
    if sheet is None:
        return []
    return read_selector_rows(raw, CHANGES_SHEET, CHANGE_COLUMNS, problems, _change)


def _change(raw: RawWorkbook, sheet: str, row: int, rec: dict, selector: Selector,
            problems: list[Problem]) -> Change | None:
    operation = key_text(rec.get("operation"))
    if operation not in OPERATIONS:
        problems.append(_problem(raw, sheet, "unknown operation", row, "operation",
                                 rec.get("operation"), "one of " + ", ".join(OPERATIONS)))
        return None
    value = rec.get("value")
    if operation != "set" and number(value) is None:
        problems.append(_problem(raw, sheet, f"'{operation}' needs a number", row, "value",
                                 value, "a number (a factor for scale, an amount for add)"))
        return None
    return Change(row, selector, operation, value)


def read_selector_rows(raw: RawWorkbook, sheet_name: str, own_columns: tuple[str, ...],
                       problems: list[Problem], make: Callable) -> list:
    """Rows of a sheet of selectors (``changes``, ``sensitivities``): unknown headers and
    bad selectors reported with their cell; ``make(raw, sheet, row, record, selector,
    problems)`` turns each good row into its object (or None after reporting)."""
    sheet = raw.sheets[sheet_name]
    known = set(own_columns) | set(KEY_COLUMNS)
    for header in sheet.headers:
        if header not in known:
            problems.append(_problem(raw, sheet_name, "unknown column", 1, header, header,
                                     "one of " + ", ".join([*own_columns, *KEY_COLUMNS])))
    for required in ("sheet", "field"):
        if required not in sheet.headers:
            problems.append(_problem(raw, sheet_name, f"required column '{required}' is "
                                     "missing", 1, None, None,
                                     f"a column '{required}'"))
            return []
    out = []
    for row, rec in sheet.records.items():
        try:
            selector = Selector.parse(rec)
        except SelectionError as exc:
            problems.append(_problem(raw, sheet_name, exc.message, row, exc.column, exc.value,
                                     exc.expected))
            continue
        made = make(raw, sheet_name, row, rec, selector, problems)
        if made is not None:
            out.append(made)
    return out


# --------------------------------------------------------------------------------------
# applying scenarios to a base, with provenance
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """Where a row or a cell's value came from (for problem messages)."""

    workbook: str
    sheet: str
    row: int
    letters: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    change: bool = False  #: a changes row (not a whole sheet's row)

    def cell(self, column: str | None) -> str | None:
        if column and column in self.letters:
            return f"{self.letters[column]}{self.row}"
        return None


@dataclass
class Provenance:
    """Rows that scenario sheets replaced or added, and cells that changes rows edited."""

    rows: dict[tuple[str, int], Origin] = field(default_factory=dict)
    cells: dict[tuple[str, int, str], list[Origin]] = field(default_factory=dict)


@dataclass
class Scenario:
    """A base case with its scenario files applied (parents first)."""

    path: Path
    base: Path
    files: list[ScenarioFile]  #: in the order applied; the scenario itself last
    raw: RawWorkbook  #: the changed case, ready to validate
    provenance: Provenance

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def file(self) -> ScenarioFile:
        return self.files[-1]

    def map_problem(self, p: Problem) -> Problem:
        """A problem of the changed case, located where its value came from."""
        base_name = self.base.name
        if p.sheet is not None and p.row is not None:
            origin = self.provenance.rows.get((p.sheet, p.row))
            if origin is not None:
                return Problem(origin.workbook, origin.sheet, p.message, row=origin.row,
                               column=p.column, cell=origin.cell(p.column), value=p.value,
                               expected=p.expected, severity=p.severity)
            edits = self.provenance.cells.get((p.sheet, p.row, p.column or ""))
            if edits:
                last = edits[-1]
                where = f" (the value of sheet '{p.sheet}', cell {p.cell or p.row} of " \
                    f"{base_name}, after this change)"
                return Problem(last.workbook, last.sheet, p.message + where, row=last.row,
                               column="value", cell=last.cell("value"), value=p.value,
                               expected=p.expected, severity=p.severity)
            return Problem(base_name, p.sheet, p.message + f" (base of scenario {self.name})",
                           row=p.row, column=p.column, cell=p.cell, value=p.value,
                           expected=p.expected, severity=p.severity)
        return Problem(f"{self.path.name} on {base_name}", p.sheet, p.message, row=p.row,
                       column=p.column, cell=p.cell, value=p.value, expected=p.expected,
                       severity=p.severity)

    def hashes(self) -> dict[str, Any]:
        """The base's and every scenario file's SHA-256 (for the manifest)."""
        return {"base": {"path": str(self.base), "sha256": file_hash(self.base)},
                "scenario_files": [{"path": str(f.path), "sha256": f.sha256}
                                   for f in self.files]}


def _chain(path: Path, seen: tuple[Path, ...], problems: list[Problem]
           ) -> list[ScenarioFile] | None:
    """The scenario files to apply for ``path``: its parents' chains, then itself."""
    resolved = path.resolve()
    if resolved in seen:
        problems.append(Problem(path.name, SCENARIO_SHEET, "scenarios name each other as "
                                "parents (a cycle)", value=" -> ".join(p.name for p in
                                                                       (*seen, resolved)),
                                expected="parents that do not lead back to this scenario"))
        return None
    file, found = read_scenario_file(path)
    problems.extend(found)
    if file is None:
        return None
    chain: list[ScenarioFile] = []
    for parent in file.parents:
        sub = _chain(parent, (*seen, resolved), problems)
        if sub is None:
            return None
        chain.extend(sub)
    chain.append(file)
    return chain


def build_scenario(path: str | Path) -> tuple[Scenario | None, list[Problem]]:
    """Read a scenario and its parents and apply them to the base; problems located in
    the scenario files (validation of the changed case is :func:`load_scenario`'s)."""
    path = Path(path)
    problems: list[Problem] = []
    chain = _chain(path, (), problems)
    if chain is None:
        return None, problems
    bases = [(f, f.base.resolve()) for f in chain if f.base is not None]
    base = bases[-1][1] if bases else None
    for f, b in bases:
        if b != base:
            problems.append(_problem(f.raw, SCENARIO_SHEET, "parent scenarios name other base "
                                     "cases", _item_row(f.raw.sheets.get(SCENARIO_SHEET),
                                                        "base"), "value", str(b),
                                     f"the same base as {chain[-1].path.name} ({base})"))
    if base is None or problems:
        if base is None:
            problems.append(Problem(path.name, SCENARIO_SHEET, "no base case named",
                                    expected="a row 'base' in this scenario or a parent"))
        return None, problems
    base_raw = read_workbook(base)
    if base_raw.problems:
        return None, [Problem(p.workbook, p.sheet, p.message + f" (base of {path.name})",
                              p.row, p.column, p.cell, p.value, p.expected, p.severity)
                      for p in base_raw.problems]
    raw = RawWorkbook(path=path, sheets={k: copy.deepcopy(v) for k, v in base_raw.sheets.items()})
    provenance = Provenance()
    for f in chain:
        for name, sheet in f.sheets.items():
            _apply_sheet(raw, f, name, sheet, provenance)
        for change in f.changes:
            try:
                _apply_change(raw, f, change, provenance)
            except SelectionError as exc:
                problems.append(_problem(f.raw, CHANGES_SHEET, exc.message, change.row,
                                         exc.column, exc.value, exc.expected))
            except ValueError as exc:
                problems.append(_problem(f.raw, CHANGES_SHEET, str(exc), change.row, "value",
                                         change.value))
    if problems:
        return None, problems
    return Scenario(path, base, chain, raw, provenance), problems


def _apply_sheet(raw: RawWorkbook, f: ScenarioFile, name: str, sheet: RawSheet,
                 provenance: Provenance) -> None:
    """Rows of a whole scenario sheet replace the base's rows of the same key, or are
    added after them."""
    schema = SHEET_BY_NAME[name]
    target = raw.sheets.get(name)
    if target is None:
        target = raw.sheets[name] = RawSheet(name, [], {})
    for header in sheet.headers:
        if header not in target.headers:
            _add_column(target, header)
    by_key = {tuple(key_text(rec.get(k)) for k in schema.keys): row
              for row, rec in target.records.items()}
    next_row = max(target.records, default=1) + 1
    for row, rec in sheet.records.items():
        key = tuple(key_text(rec.get(k)) for k in schema.keys)
        cells = {h: rec.get(h) for h in target.headers}
        if key in by_key:
            at = by_key[key]
        else:
            at = next_row
            next_row += 1
            by_key[key] = at
        target.records[at] = cells
        provenance.rows[(name, at)] = Origin(f.raw.name, name, row, dict(sheet.letters))
        for k in [k for k in provenance.cells if k[0] == name and k[1] == at]:
            del provenance.cells[k]


def _add_column(sheet: RawSheet, header: str) -> None:
    """A new column after the sheet's last one (its cells empty)."""
    last = max((column_index_from_string(x) for x in sheet.letters.values()), default=0)
    sheet.headers.append(header)
    sheet.letters[header] = get_column_letter(last + 1)
    for record in sheet.records.values():
        record.setdefault(header, None)


def _apply_change(raw: RawWorkbook, f: ScenarioFile, change: Change,
                  provenance: Provenance) -> None:
    sel = change.selector
    sheet = raw.sheets.get(sel.sheet)
    cells = sel.cells(sheet, change.operation)
    if sel.field not in sheet.headers and sel.field != "*":  # a new column (set only)
        _add_column(sheet, sel.field)
    origin = Origin(f.raw.name, CHANGES_SHEET, change.row,
                    dict(f.raw.sheets[CHANGES_SHEET].letters), change=True)
    for row, header in cells:
        record = sheet.records[row]
        record[header] = apply_operation(change.operation, record.get(header), change.value)
        provenance.cells.setdefault((sel.sheet, row, header), []).append(origin)


def validate_scenario(path: str | Path) -> tuple[Scenario | None, CaseTables | None,
                                                  list[Problem]]:
    """Build and validate a scenario: (scenario, typed tables or None, mapped problems)."""
    scenario, problems = build_scenario(path)
    if scenario is None:
        return None, None, problems
    tables, found = validate(scenario.raw)
    return scenario, tables, [scenario.map_problem(p) for p in found]


def load_scenario(path: str | Path) -> tuple[Case, Scenario]:
    """The derived case of a scenario; raises CaseError with every problem, located."""
    scenario, tables, problems = validate_scenario(path)
    if scenario is None or tables is None:
        raise CaseError(problems)
    tables.warnings = [p for p in problems if p.severity == "warning"]
    case = derive(tables)
    case.input_hash = file_hash(scenario.base)
    return case, scenario


# --------------------------------------------------------------------------------------
# running a scenario
# --------------------------------------------------------------------------------------


def run_scenario(path: str | Path, *, results_dir: str | Path | None = "results",
                 elastic: bool = False, solver=None, progress=None, planner=None):
    """Solve a scenario and write ``results/<scenario>/<run-id>/`` (as a case run, with the
    base's and every scenario file's hashes in the manifest; ``planner`` as
    :func:`~model.pipeline.run_case`). Returns the :class:`~model.pipeline.CaseRun`; raises
    CaseError for a bad scenario."""
    from model.pipeline import run_case
    from model.report import atomic_run_folder, slug, write_json

    case, scenario = load_scenario(path)
    if results_dir is None:
        return run_case(case, results_dir=None, elastic=elastic, solver=solver,
                        progress=progress, scenario=scenario.name, planner=planner)
    with atomic_run_folder(Path(results_dir) / slug(scenario.name)) as (tmp, final):
        run = run_case(case, results_dir=tmp, elastic=elastic, solver=solver,
                       progress=progress, scenario=scenario.name, planner=planner)
        inner = run.folder
        for item in inner.iterdir():
            shutil.move(str(item), tmp / item.name)
        shutil.rmtree(inner.parent)
        manifest_path = tmp / "manifest.json"
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        manifest["run_id"] = final.name
        manifest["scenario"] = {"name": scenario.name,
                                "description": scenario.file.description,
                                "rationale": scenario.file.rationale,
                                "source": scenario.file.source, **scenario.hashes()}
        write_json(manifest_path, manifest)
    run.folder = final
    os.utime(final)
    return run
