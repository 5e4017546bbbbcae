"""The sheets of scenario and study workbooks, declared once, and writing them.

``python run.py template --scenario FILE`` writes a blank scenario workbook from these
declarations: header comments with each column's meaning, drop-down lists of sheets, fields
and operations (and of distributions and outputs in study sheets). The bundled scenarios
(``scenarios/build.py``) are written with the same function.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from model.schema import SHEET_BY_NAME, SHEETS, Column, Sheet
from model.selectors import ALL_YEARS, KEY_COLUMNS, OPERATIONS
from model.workbook import _list_range, format_sheet, save_atomically

#: Years offered in the ``field`` drop-down (any other year may be typed).
FIELD_YEARS = tuple(range(2020, 2065, 5))
DISTRIBUTIONS = ("uniform", "triangular", "normal", "lognormal")
#: Outputs a study can keep (see :mod:`model.study.outputs`).
OUTPUT_NAMES = ("npv", "emissions", "mac", "capacity", "new_capacity", "capex",
                "levelised_cost")


def _filters() -> tuple[Column, ...]:
    return tuple(Column(k, "str", "-", f"Filter on the key column '{k}' of the sheet: a name "
                        "or a pattern (* any text, ? one character), several separated by "
                        "commas, a leading - excludes (e.g. *capture*, -dac). Blank: every "
                        "row. Only the sheet's own key columns may be used.")
                 for k in KEY_COLUMNS)


def _selector_columns() -> tuple[Column, ...]:
    return (Column("sheet", "str", "-", "Sheet of the case workbook to change.",
                   required=True, allowed=tuple(SHEET_BY_NAME)),
            *_filters(),
            Column("field", "str", "-", "Column to change: a column of the sheet, a year "
                   "column (e.g. 2030) or * for every year column with a value.",
                   required=True),
            Column("operation", "str", "-", "set: the value replaces the cell; scale: the "
                   "cell is multiplied by the value; add: the value is added to the cell.",
                   required=True, allowed=OPERATIONS))


SCENARIO = Sheet(
    name="scenario", one_row_per="item", description="What the scenario is and what it "
    "changes: base (the case workbook, relative to this file), description, rationale, "
    "source, and parent rows (scenario workbooks applied first, in order).",
    columns=(Column("item", "str", "-", "base, description, rationale, source or parent.",
                    required=True, allowed=("base", "description", "rationale", "source",
                                            "parent")),
             Column("value", "str", "-", "The item's value (paths relative to this file)."),))

CHANGES = Sheet(
    name="changes", one_row_per="edit", description="Edits applied in order. A filter that "
    "matches no row is an error.",
    columns=(*_selector_columns(),
             Column("value", "str", "see field", "The new value (set), factor (scale) or "
                    "amount (add), in the unit of the field.", required=True),
             Column("source", "str", "-", "Where the value comes from."),
             Column("note", "str", "-", "Why.")))

SENSITIVITIES = Sheet(
    name="sensitivities", one_row_per="parameter (or one more selection of a parameter)",
    description="Parameters to vary. Rows with the same sensitivity name move together (the "
    "first row gives the values). low/high: one at a time (tornado); values: a grid, the "
    "full factorial of the parameters of one group; distribution: Monte Carlo (Latin "
    "hypercube with the study's seed).",
    columns=(Column("sensitivity", "str", "-", "Name of the parameter varied (shown in "
                    "results); rows with the same name move together.", required=True),
             Column("group", "str", "-", "Grid group: the grid is the full factorial of the "
                    "values of the parameters of one group."),
             *_selector_columns(),
             Column("low", "float", "see operation", "Tornado: low value of the operation's "
                    "argument (e.g. 0.8 with scale)."),
             Column("high", "float", "see operation", "Tornado: high value."),
             Column("values", "str", "see operation", "Grid: values separated by commas "
                    "(e.g. 0.8, 1, 1.2)."),
             Column("distribution", "str", "-", "Monte Carlo: uniform (min, max), triangular "
                    "(min, mode, max), normal (mean, sd; min/max truncate), lognormal (mean, "
                    "sd of the value itself; min/max truncate).", allowed=DISTRIBUTIONS),
             Column("min", "float", "see operation", "Distribution minimum."),
             Column("mode", "float", "see operation", "Triangular: most likely value."),
             Column("max", "float", "see operation", "Distribution maximum."),
             Column("mean", "float", "see operation", "Normal, lognormal: mean."),
             Column("sd", "float", "see operation", "Normal, lognormal: standard deviation."),
             Column("source", "str", "-", "Where the range comes from."),
             Column("note", "str", "-", "Why.")))

#: Items of the ``study`` sheet; slack and random_directions serve an ``alternatives`` sheet.
STUDY_ITEMS = ("base", "description", "samples", "seed", "slack", "random_directions")

STUDY = Sheet(
    name="study", one_row_per="setting", description="Study settings: base (a case or "
    "scenario workbook, relative to this file; blank in a scenario workbook: the scenario), "
    "description, samples (Monte Carlo sample count), seed; for near-optimal alternatives: "
    "slack (the cost allowed above the optimum, as a fraction: 0.05 for 5 %) and "
    "random_directions (how many random directions to explore besides the groups' own).",
    columns=(Column("item", "str", "-", "base, description, samples, seed, slack or "
                    "random_directions.", required=True, allowed=STUDY_ITEMS),
             Column("value", "str", "-", "The setting's value.")))

OUTPUTS = Sheet(
    name="outputs", one_row_per="output kept", description="Outputs to keep (blank sheet: "
    "all of them).",
    columns=(Column("output", "str", "-", "npv, emissions (by year and scope), mac (per "
                    "target), capacity and new_capacity (by technology and year), capex "
                    "(overnight, by year), levelised_cost (by technology).", required=True,
                    allowed=OUTPUT_NAMES),))

#: What an ``alternatives`` row measures and which ways it is pushed.
ALTERNATIVE_MEASURES = ("capacity", "new_capacity", "activity")
ALTERNATIVE_SENSES = ("both", "min", "max", "none")

ALTERNATIVES = Sheet(
    name="alternatives", one_row_per="group of technologies",
    description="Near-optimal alternatives (modelling to generate alternatives): each group "
    "of technologies is minimised and/or maximised while the net present cost stays within "
    "the study's slack above the optimum (item 'slack' of sheet 'study', e.g. 0.05). Results: "
    "for each group and year the range within the slack, the share of alternatives that "
    "build it, and which technologies are indispensable or interchangeable.",
    columns=(Column("group", "str", "-", "Name of the group (shown in results); one row per "
                    "group.", required=True),
             Column("technology", "str", "-", "Technologies of the group: names or patterns "
                    "(* any text, ? one character), several separated by commas, a leading - "
                    "excludes (e.g. *_capture, -dac).", required=True),
             Column("measure", "str", "-", "capacity: installed capacity, averaged over the "
                    "years; new_capacity: capacity commissioned, summed over the years (new "
                    "capacity by 2035: years 2025-2035); activity: activity per year, "
                    "averaged over the years (storage left out). Units are the "
                    "technologies' own.", required=True, allowed=ALTERNATIVE_MEASURES),
             Column("years", "str", "-", "Modelled years of the measure: blank for all, a "
                    "year (2030), a list (2030, 2040) or a range (2030-2050)."),
             Column("sense", "str", "-", "min, max or both (blank: both); none: the group is "
                    "only reported (and weighed by random directions).",
                    allowed=ALTERNATIVE_SENSES),
             Column("note", "str", "-", "Why the group matters.")))

NOTES = [
    "A scenario workbook names a base case (sheet 'scenario') and lists only what it changes.",
    "Sheet 'changes': one edit per row, applied in order. Choose the sheet, filter its rows "
    "by their key columns (wildcards * and ?, several patterns separated by commas, a "
    "leading - excludes), name the field (a column, a year such as 2030, or * for every "
    "year) and the operation: set, scale or add.",
    "A filter that matches nothing is an error. Hover over a header for its meaning.",
    "Whole sheets named like sheets of the case workbook (e.g. 'targets') replace the base's "
    "rows of the same key, or add rows with new keys; they are applied before 'changes'.",
    "Optional sheet 'sensitivities' (and 'study', 'outputs') makes the workbook a study: "
    "python run.py study FILE.",
    "Or sheet 'alternatives' (and 'study' with slack and random_directions): near-optimal "
    "alternatives, plans within the slack above the least cost; python run.py study FILE.",
    "Check it with: python run.py validate FILE; run it with: python run.py FILE.",
]

#: Sheets written by the scenario template, in order.
TEMPLATE_SHEETS = (SCENARIO, CHANGES)
STUDY_SHEETS = (STUDY, SENSITIVITIES, OUTPUTS, ALTERNATIVES)


def field_choices() -> list[str]:
    """Every field a selector can name (without free-named profile columns)."""
    columns = [c.name for s in SHEETS for c in s.columns if not c.key]
    return [ALL_YEARS, *map(str, FIELD_YEARS), *dict.fromkeys(columns)]


def write_selector_workbook(path: str | Path, sheets: Mapping[str, Sequence[Mapping[str, Any]]],
                            *, overwrite: bool = False, extra: Mapping[str, Any] | None = None
                            ) -> Path:
    """Write a scenario or study workbook: ``sheets`` maps a sheet name (scenario, changes,
    sensitivities, study, outputs, or a case sheet) to its rows (dicts by header).

    Declared sheets get their declared columns first, header comments and drop-down lists;
    text is written as text (a value starting with ``=`` is never a formula)."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} exists; refusing to overwrite it")
    declared = {s.name: s for s in (*TEMPLATE_SHEETS, *STUDY_SHEETS)}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    if "notes" not in sheets:
        ws = wb.create_sheet("notes")
        ws.append(["notes"])
        for line in NOTES:
            ws.append([line])
        ws.column_dimensions["A"].width = 120
    for name, rows in sheets.items():
        schema = declared.get(name) or SHEET_BY_NAME.get(name)
        headers = [c.name for c in schema.columns] if schema is not None else []
        for r in rows:
            headers += [str(h) for h in r if str(h) not in headers]
        if schema is not None and name in declared:
            # the filter columns a sheet does not use are left out of written scenarios
            used = {str(h) for r in rows for h, v in r.items() if v is not None}
            headers = [h for h in headers if h not in KEY_COLUMNS or h in used or not rows]
        ws = wb.create_sheet(name)
        ws.append([int(h) if h.isdigit() and len(h) == 4 else h for h in headers])
        for r in rows:
            ws.append([r.get(h, r.get(int(h)) if h.isdigit() else None) for h in headers])
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text from a user is never a formula
        format_sheet(ws, schema, headers, len(rows))
        if "field" in headers:
            _field_list(ws, headers.index("field") + 1, len(rows))
    return save_atomically(wb, path)


def _field_list(ws, column: int, n_rows: int) -> None:
    """A drop-down of fields that still accepts any other year (a warning, not a stop)."""
    formula = _list_range(ws.parent, f"{ws.title}.field", tuple(field_choices()))
    dv = DataValidation(type="list", formula1=formula, allow_blank=False,
                        showErrorMessage=True, errorStyle="warning", errorTitle="field",
                        error="Not a known column; a year column (e.g. 2032) is fine.")
    letter = get_column_letter(column)
    dv.add(f"{letter}2:{letter}{max(n_rows + 1, 500)}")
    ws.add_data_validation(dv)


def write_scenario_template(path: str | Path, overwrite: bool = False,
                            study: bool = False) -> Path:
    """The blank scenario workbook (with the study sheets when ``study``)."""
    sheets: dict[str, list[dict]] = {
        "scenario": [{"item": "base", "value": "../inputs/dunkerque.xlsx"},
                     {"item": "description", "value": None},
                     {"item": "rationale", "value": None},
                     {"item": "source", "value": None}],
        "changes": [],
    }
    if study:
        sheets.update({"study": [{"item": "samples", "value": 100},
                                 {"item": "seed", "value": 2024},
                                 {"item": "slack", "value": 0.05},
                                 {"item": "random_directions", "value": 0}],
                       "sensitivities": [], "outputs": [], "alternatives": []})
    return write_selector_workbook(path, sheets, overwrite=overwrite)
