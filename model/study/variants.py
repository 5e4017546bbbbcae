"""From a study's parameters to the case workbook of each variant, and their running order.

The base (a case workbook, or a scenario applied to its base) is read once. Each parameter's
selections are resolved to cells of the base once (a filter that matches nothing is an
error naming its sensitivities row); a variant's workbook is the base with those cells
recomputed from the variant's values, validated and derived like any case.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from model.errors import CaseError, Problem
from model.scenario import (
    SENSITIVITIES_SHEET,
    build_scenario,
    is_scenario_workbook,
)
from model.selectors import SelectionError, apply_operation
from model.study.definition import StudyDefinition, Variant
from model.validate import validate
from model.validation import CaseTables
from model.workbook import RawSheet, RawWorkbook, read_workbook

#: A resolved selection: (sheet, Excel row, header, operation).
Cell = tuple[str, int, str, str]


@dataclass
class StudyBase:
    """The base workbook of a study and, per parameter, the cells it moves."""

    raw: RawWorkbook
    cells: dict[str, list[Cell]]  #: parameter -> cells, in its rows' order
    scenario_hashes: dict | None = None  #: when the base is a scenario
    settings: dict = field(default_factory=dict)  #: the base's validated settings

    def workbook(self, values: dict[str, float]) -> RawWorkbook:
        """The base with the parameters of ``values`` applied (in the study's order; a cell
        moved by two parameters takes both, in that order)."""
        touched = {c[0] for name in values for c in self.cells[name]}
        sheets = dict(self.raw.sheets)
        for name in touched:
            s = self.raw.sheets[name]
            sheets[name] = RawSheet(s.name, s.headers, s.letters,
                                    {r: dict(rec) for r, rec in s.records.items()})
        raw = RawWorkbook(path=self.raw.path, sheets=sheets)
        for name, value in values.items():
            for sheet, row, header, operation in self.cells[name]:
                record = sheets[sheet].records[row]
                record[header] = apply_operation(operation, record.get(header), value)
        return raw


def read_base(path: Path) -> tuple[RawWorkbook, CaseTables, dict | None]:
    """A study's base (a case, or a scenario applied to its base), validated: its raw
    workbook, tables and, for a scenario, the hashes of its files; raises CaseError with
    every problem."""
    hashes = None
    if is_scenario_workbook(path):
        scenario, problems = build_scenario(path)
        if scenario is None:
            raise CaseError(problems)
        raw = scenario.raw
        hashes = scenario.hashes()
        tables, found = validate(raw)
        problems = [scenario.map_problem(p) for p in found]
    else:
        raw = read_workbook(path)
        tables, problems = validate(raw)
    if tables is None:
        raise CaseError(problems)
    return raw, tables, hashes


def prepare(study: StudyDefinition) -> StudyBase:
    """Read the study's base (validated) and resolve every selection; raises CaseError
    with every problem (bad base, selections that match nothing)."""
    raw, tables, hashes = read_base(study.base)
    cells: dict[str, list[Cell]] = {}
    errors: list[Problem] = []
    sens = _sensitivities_raw(study)
    for p in study.parameters:
        cells[p.name] = []
        for row, (selector, operation) in zip(p.rows, p.selections, strict=True):
            try:
                found_cells = selector.cells(raw.sheets.get(selector.sheet), operation)
            except SelectionError as exc:
                errors.append(Problem(study.path.name, SENSITIVITIES_SHEET, exc.message,
                                      row=row, column=exc.column,
                                      cell=sens.cell(row, exc.column) if sens else None,
                                      value=exc.value, expected=exc.expected))
                continue
            if selector.field not in raw.sheets[selector.sheet].headers and \
                    selector.field != "*":
                errors.append(Problem(study.path.name, SENSITIVITIES_SHEET,
                                      f"column '{selector.field}' is not in sheet "
                                      f"'{selector.sheet}' of the base", row=row,
                                      column="field", value=selector.field,
                                      expected="a column of the base (add it in a scenario)"))
                continue
            cells[p.name] += [(selector.sheet, r, h, operation) for r, h in found_cells]
    if errors:
        raise CaseError(errors)
    settings = {k: v for k, v in tables.settings.items() if not k.startswith("_")}
    return StudyBase(raw, cells, hashes, settings)


def _sensitivities_raw(study: StudyDefinition) -> RawSheet | None:
    return read_workbook(study.path).sheets.get(SENSITIVITIES_SHEET)


def running_order(variants: list[Variant]) -> list[Variant]:
    """Variants in an order where neighbours differ little, so that each warm solve starts
    from a basis close to its optimum.

    The base and the tornado variants first (each differs from the base in one parameter),
    then each grid in snake order (neighbours differ in one parameter by one step), then the
    Monte Carlo samples along a nearest-neighbour path through their (rescaled) values,
    starting nearest the middle."""
    head = [v for v in variants if v.kind in ("base", "tornado")]
    grid: dict[str, list[Variant]] = {}
    for v in (v for v in variants if v.kind == "grid"):
        grid.setdefault(v.label.split(":")[0], []).append(v)
    ordered = list(head)
    for members in grid.values():
        ordered += _snake(members)
    ordered += _nearest_path([v for v in variants if v.kind == "mc"])
    return ordered


def _snake(members: list[Variant]) -> list[Variant]:
    """A full factorial (in itertools.product order) walked as a boustrophedon."""
    if not members:
        return []
    names = list(members[0].values)
    out = list(members)
    for depth in range(len(names) - 1, 0, -1):
        outer = names[:depth]
        blocks: list[list[Variant]] = []
        for v in out:
            key = tuple(v.values[n] for n in outer)
            if not blocks or tuple(blocks[-1][0].values[n] for n in outer) != key:
                blocks.append([])
            blocks[-1].append(v)
        # reverse every other block of the innermost remaining level
        out = [v for i, b in enumerate(blocks) for v in (b[::-1] if i % 2 else b)]
    return out


def _nearest_path(samples: list[Variant]) -> list[Variant]:
    if len(samples) <= 2:
        return samples
    names = list(samples[0].values)
    x = np.array([[v.values[n] for n in names] for v in samples], dtype=float)
    span = x.max(axis=0) - x.min(axis=0)
    x = (x - x.min(axis=0)) / np.where(span > 0, span, 1.0)
    left = np.ones(len(samples), dtype=bool)
    at = int(np.argmin(((x - 0.5) ** 2).sum(axis=1)))
    path = []
    for _ in range(len(samples)):
        path.append(at)
        left[at] = False
        if not left.any():
            break
        d = ((x - x[at]) ** 2).sum(axis=1)
        d[~left] = np.inf
        at = int(np.argmin(d))
    return [samples[i] for i in path]


def default_chunk_size(n_variants: int) -> int:
    """Variants per chunk: small enough that a kill loses little and progress moves,
    large enough that a chunk is more than its overhead (each chunk starts a fresh HiGHS
    from the base's basis: 100 Dunkerque variants took 5.4 s in chunks of 1, 4.2 s of 5,
    3.9 s of 10 and 3.7 s in one chunk). Depends only on the count, so a study gives the same
    chunks (hence the same table) on any number of workers."""
    return max(1, min(10, math.ceil(n_variants / 16)))


def chunks(ordered: list[Variant], size: int) -> list[list[Variant]]:
    return [ordered[i:i + size] for i in range(0, len(ordered), size)]
