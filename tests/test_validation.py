"""Validation rules of model/validate.py: one small valid case, then one mistake at a time.

Every test starts from the same valid case (gas bought at a price, heat demanded, a gas
boiler emitting CO2, costs, capacity, two time slices, targets) and makes exactly one
mistake. It checks that the case is rejected (or, for warnings, accepted) and that the
problem names the right sheet, Excel row (header = row 1, first data row = 2), column and
cell, with a recognisable message.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pytest

from model.errors import CaseError, Problem
from model.schema import SHEET_BY_NAME, SHEETS
from model.validate import validate
from model.workbook import RawWorkbook, raw_from_frames
from tests.builders import tables, tech, yearly

WORKBOOK = "case.xlsx"

SETTINGS = {"cluster": "test cluster", "base_year": 2025, "end_year": 2050, "year_step": 5,
            "discount_rate": 0.05}

# Row numbers of the valid case (Excel rows: header row 1, first data row 2).
#   commodities: 2 gas (supply), 3 heat (demand), 4 co2 (emission)
#   technologies: 2 boiler
#   flows: 2 boiler gas in, 3 boiler heat out, 4 boiler co2 out
#   costs: 2 boiler capex, 3 boiler fixed_om
#   prices: 2 gas price, 3 co2 carbon_price
#   demand: 2 heat
#   capacity: 2 boiler residual, 3 boiler max
#   timeslices: 2 day, 3 night (period 'd', 365 occurrences)
#   profiles: 2 day, 3 night
#   targets: 2 (2030 reduction), 3 (2050 absolute)
#   sources: 2 iea


def valid_sheets() -> dict[str, list[dict[str, Any]]]:
    return {
        "commodities": [
            {"commodity": "gas", "kind": "supply", "unit": "GWh"},
            {"commodity": "heat", "kind": "demand", "unit": "GWh"},
            {"commodity": "co2", "kind": "emission", "unit": "Mt"},
        ],
        "technologies": [tech("boiler", first_year=2025, availability=0.95)],
        "flows": [
            {"technology": "boiler", "commodity": "gas", "direction": "in", "ratio": 1.1},
            {"technology": "boiler", "commodity": "heat", "direction": "out", "ratio": 1.0},
            {"technology": "boiler", "commodity": "co2", "direction": "out", "ratio": 0.0002},
        ],
        "costs": [
            yearly({"technology": "boiler", "parameter": "capex", "source": "iea"},
                   {2025: 0.5, 2050: 0.4}),
            yearly({"technology": "boiler", "parameter": "fixed_om"}, {2025: 0.01}),
        ],
        "prices": [
            yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03, 2050: 0.04}),
            yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 80, 2050: 200}),
        ],
        "demand": [yearly({"commodity": "heat"}, {2025: 100, 2050: 80})],
        "capacity": [
            yearly({"technology": "boiler", "parameter": "residual"}, {2025: 10, 2050: 0}),
            yearly({"technology": "boiler", "parameter": "max"}, {2025: 100}),
        ],
        "timeslices": [
            {"slice": "day", "period": "d", "order": 1, "hours": 4380, "occurrences": 365},
            {"slice": "night", "period": "d", "order": 2, "hours": 4380, "occurrences": 365},
        ],
        "profiles": [
            {"slice": "day", "availability:boiler": 0.9, "demand:heat": 1.2},
            {"slice": "night", "availability:boiler": 1.0, "demand:heat": 0.8},
        ],
        "targets": [
            {"year": 2030, "kind": "reduction", "value": 0.55},
            {"year": 2050, "kind": "absolute", "value": 0.0},
        ],
        "sources": [{"id": "iea", "title": "World Energy Outlook"}],
    }


@dataclass
class Draft:
    """A case under construction: the valid case plus the mistakes a test makes."""

    settings: dict[str, Any] = field(default_factory=lambda: dict(SETTINGS))
    sheets: dict[str, list[dict[str, Any]]] = field(default_factory=valid_sheets)
    extra_settings: list[dict[str, Any]] = field(default_factory=list)
    extra_tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    dropped: set[str] = field(default_factory=set)
    dropped_columns: dict[str, list[str]] = field(default_factory=dict)

    def set(self, sheet: str, index: int, cells: dict[Any, Any] | None = None,
            **values: Any) -> Draft:
        """Change cells of data row ``index`` (0-based; Excel row ``index + 2``).

        Year and profile columns go in ``cells`` (``{2030: 5}``), named columns as keywords.
        """
        self.sheets[sheet][index].update(cells or {})
        self.sheets[sheet][index].update(values)
        return self

    def add(self, sheet: str, *rows: dict[str, Any]) -> Draft:
        self.sheets.setdefault(sheet, []).extend(copy.deepcopy(list(rows)))
        return self

    def drop_sheet(self, sheet: str) -> Draft:
        self.dropped.add(sheet)
        return self

    def drop_column(self, sheet: str, column: str) -> Draft:
        self.dropped_columns.setdefault(sheet, []).append(column)
        return self

    def setting(self, **values: Any) -> Draft:
        self.settings.update(values)
        return self

    def setting_row(self, name: Any, value: Any) -> Draft:
        """Append a raw row to the settings sheet (for duplicates, blanks, unknown names)."""
        self.extra_settings.append({"name": name, "value": value})
        return self

    def table(self, sheet: str, frame: pd.DataFrame) -> Draft:
        self.extra_tables[sheet] = frame
        return self

    def frames(self) -> dict[str, pd.DataFrame]:
        tabs = tables(dict(self.settings), **copy.deepcopy(self.sheets))
        if self.extra_settings:
            tabs["settings"] = pd.concat([tabs["settings"], pd.DataFrame(self.extra_settings)],
                                         ignore_index=True)
        tabs.update(self.extra_tables)
        for sheet, columns in self.dropped_columns.items():
            tabs[sheet] = tabs[sheet].drop(columns=columns)
        for sheet in self.dropped:
            tabs.pop(sheet, None)
        return tabs

    def raw(self) -> RawWorkbook:
        return raw_from_frames(WORKBOOK, self.frames())


def settings_row(raw: RawWorkbook, name: str) -> int:
    """Excel row of a setting in the settings sheet."""
    rows = raw.sheets["settings"].rows
    matches = [int(i) for i, n in zip(rows.index, rows["name"], strict=True) if n == name]
    assert len(matches) == 1, f"setting {name} appears {len(matches)} times"
    return matches[0]


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def describe(problems: list[Problem]) -> str:
    return "\n".join(f"[{p.severity}] {p}" for p in problems) or "(no problems)"


def find(problems: list[Problem], sheet: str | None, fragment: str) -> list[Problem]:
    return [p for p in problems if p.sheet == sheet and fragment in p.message]


@dataclass(frozen=True)
class Expect:
    sheet: str | None
    row: int | None
    column: str | None
    fragment: str
    severity: str = "error"
    value: Any = None
    expected: str | None = None


def check(draft: Draft, expect: Expect) -> Problem:
    """Validate ``draft`` and assert the expected problem is reported where it belongs."""
    raw = draft.raw()
    case_tables, problems = validate(raw)
    hits = find(problems, expect.sheet, expect.fragment)
    assert hits, f"no problem '{expect.fragment}' in sheet {expect.sheet}:\n" \
        + describe(problems)
    located = [p for p in hits if p.row == expect.row and p.column == expect.column]
    assert located, (f"'{expect.fragment}' reported at the wrong place, expected row "
                     f"{expect.row} column {expect.column}:\n" + describe(hits))
    problem = located[0]
    assert problem.severity == expect.severity, describe(hits)
    assert problem.workbook == WORKBOOK
    if expect.value is not None:
        assert problem.value == expect.value, describe(hits)
    if expect.expected is not None:
        assert expect.expected in (problem.expected or ""), describe(hits)
    if problem.row is not None and problem.row > 1 and problem.column is not None:
        # the cell reference agrees with the row and the column's letter in the sheet
        letter = raw.sheets[expect.sheet].letters[problem.column]
        assert problem.cell == f"{letter}{problem.row}"
    if expect.severity == "error":
        assert case_tables is None, "a case with an error must not be returned"
    else:
        assert case_tables is not None, "a warning alone must not reject the case:\n" \
            + describe(problems)
        assert problem in case_tables.warnings
        assert not errors(problems), describe(problems)
    return problem


# --------------------------------------------------------------------------------------
# the valid case
# --------------------------------------------------------------------------------------


def test_valid_case_has_no_problems():
    case_tables, problems = validate(Draft().raw())
    assert problems == [], describe(problems)
    assert case_tables is not None
    assert case_tables.warnings == []
    s = case_tables.settings
    assert (s["cluster"], s["base_year"], s["end_year"], s["year_step"]) == \
        ("test cluster", 2025, 2050, 5)
    assert isinstance(s["base_year"], int)
    assert s["discount_rate"] == pytest.approx(0.05)
    assert s["capex_method"] == "annuity"  # default filled in
    techs = case_tables.table("technologies")
    assert list(techs["technology"]) == ["boiler"]
    assert techs.loc[0, "lifetime"] == 30.0
    assert techs.loc[0, "min_load"] == 0.0  # default filled in
    assert list(techs["_row"]) == [2]
    assert list(case_tables.table("flows")["_row"]) == [2, 3, 4]
    assert case_tables.trajectories["demand"][("heat",)] == {2025: 100.0, 2050: 80.0}
    assert case_tables.trajectories["costs"][("boiler", "capex")] == {2025: 0.5, 2050: 0.4}
    assert case_tables.profiles["availability:boiler"] == {"day": 0.9, "night": 1.0}


def test_ignored_notes_sheet_gives_no_warning():
    draft = Draft().table("notes", pd.DataFrame({"notes": ["anything"]}))
    case_tables, problems = validate(draft.raw())
    assert case_tables is not None
    assert problems == [], describe(problems)


# --------------------------------------------------------------------------------------
# one mistake at a time
# --------------------------------------------------------------------------------------

Mutation = Callable[[Draft], Draft]

CELL_RULES = [
    # _check_value: wrong type, not allowed, below minimum, above maximum, required empty
    pytest.param(lambda d: d.set("technologies", 0, lifetime="thirty"),
                 Expect("technologies", 2, "lifetime", "'lifetime' has the wrong type",
                        value="thirty", expected="a number (years)"),
                 id="wrong type float"),
    pytest.param(lambda d: d.set("timeslices", 1, order=1.5),
                 Expect("timeslices", 3, "order", "'order' has the wrong type", value=1.5,
                        expected="a whole number"),
                 id="wrong type int"),
    pytest.param(lambda d: d.set("technologies", 0, early_retirement="maybe"),
                 Expect("technologies", 2, "early_retirement",
                        "'early_retirement' has the wrong type", value="maybe",
                        expected="TRUE or FALSE"),
                 id="wrong type bool"),
    pytest.param(lambda d: d.set("commodities", 1, kind="product"),
                 Expect("commodities", 3, "kind", "'kind' is not an allowed value",
                        value="product", expected="supply, demand, internal, emission"),
                 id="not allowed value"),
    pytest.param(lambda d: d.set("flows", 2, direction="both"),
                 Expect("flows", 4, "direction", "'direction' is not an allowed value",
                        value="both", expected="one of in, out"),
                 id="not allowed direction"),
    pytest.param(lambda d: d.set("technologies", 0, cap_to_act=-8.76),
                 Expect("technologies", 2, "cap_to_act", "'cap_to_act' is below its minimum",
                        value=-8.76, expected=">= 0.0"),
                 id="below minimum"),
    pytest.param(lambda d: d.set("technologies", 0, availability=1.5),
                 Expect("technologies", 2, "availability",
                        "'availability' is above its maximum", value=1.5, expected="<= 1.0"),
                 id="above maximum"),
    pytest.param(lambda d: d.set("commodities", 2, unit=None),
                 Expect("commodities", 4, "unit", "required value 'unit' is empty",
                        expected="text"),
                 id="required empty"),
    pytest.param(lambda d: d.set("timeslices", 0, hours=None),
                 Expect("timeslices", 2, "hours", "required value 'hours' is empty",
                        expected="a number"),
                 id="required empty number"),
    # settings values go through the same checks, located in the 'value' column
    pytest.param(lambda d: d.setting(discount_rate=0.9),
                 Expect("settings", "discount_rate", "value",
                        "'discount_rate' is above its maximum", value=0.9, expected="<= 0.5"),
                 id="setting above maximum"),
    pytest.param(lambda d: d.setting(year_step=0),
                 Expect("settings", "year_step", "value", "'year_step' is below its minimum",
                        value=0, expected=">= 1"),
                 id="setting below minimum"),
    pytest.param(lambda d: d.setting(base_year="2025.5"),
                 Expect("settings", "base_year", "value", "'base_year' has the wrong type",
                        value="2025.5", expected="a whole number"),
                 id="setting wrong type"),
    pytest.param(lambda d: d.setting(capex_method="straight_line"),
                 Expect("settings", "capex_method", "value",
                        "'capex_method' is not an allowed value", value="straight_line",
                        expected="annuity, lump_sum"),
                 id="setting not allowed"),
    pytest.param(lambda d: d.setting(cluster=None).setting_row("cluster", None),
                 Expect("settings", "cluster", "value", "required value 'cluster' is empty",
                        expected="text"),
                 id="setting required empty"),
]


SETTINGS_RULES = [
    pytest.param(lambda d: d.setting_row("discount", 0.05),
                 Expect("settings", "discount", "name", "unknown setting", value="discount",
                        expected="discount_rate"),
                 id="unknown setting"),
    pytest.param(lambda d: d.setting_row("base_year", 2030),
                 Expect("settings", "dup:base_year", "name",
                        "setting 'base_year' is given twice (first in row", value="base_year",
                        expected="each setting once"),
                 id="duplicate setting"),
    pytest.param(lambda d: d.setting_row(None, 7),
                 Expect("settings", "blank", "name", "setting name is empty"),
                 id="setting name empty"),
    pytest.param(lambda d: d.setting(discount_rate=None),
                 Expect("settings", None, None, "required setting 'discount_rate' is missing",
                        expected="a row named discount_rate"),
                 id="required setting missing"),
    pytest.param(lambda d: d.drop_sheet("settings"),
                 Expect("settings", None, None, "required sheet is missing",
                        expected="a 'settings' sheet"),
                 id="settings sheet missing"),
    pytest.param(lambda d: d.drop_column("settings", "value"),
                 Expect("settings", 1, None, "required column 'value' is missing"),
                 id="settings column missing"),
    pytest.param(lambda d: d.setting(end_year=2020),
                 Expect("settings", 4, "value", "end_year is before base_year", value=2020,
                        expected=">= base_year (2025)"),
                 id="end_year before base_year"),
]


def _resolve_settings_row(expect: Expect, draft: Draft) -> Expect:
    """Settings rows depend on the builder's order: look them up by name."""
    if expect.sheet != "settings" or not isinstance(expect.row, str):
        return expect
    raw = draft.raw()
    rows = raw.sheets["settings"].rows
    if expect.row == "blank":
        row = max(int(i) for i, n in zip(rows.index, rows["name"], strict=True) if n is None)
    elif expect.row.startswith("dup:"):
        name = expect.row[4:]
        row = max(int(i) for i, n in zip(rows.index, rows["name"], strict=True) if n == name)
    else:
        row = settings_row(raw, expect.row)
    return Expect(expect.sheet, row, expect.column, expect.fragment, expect.severity,
                  expect.value, expect.expected)


def settings_row_first(raw: RawWorkbook, name: str) -> int:
    rows = raw.sheets["settings"].rows
    return min(int(i) for i, n in zip(rows.index, rows["name"], strict=True) if n == name)


@pytest.mark.parametrize(("mutate", "expect"), CELL_RULES + SETTINGS_RULES)
def test_cell_and_settings_rules(mutate: Mutation, expect: Expect):
    draft = mutate(Draft())
    check(draft, _resolve_settings_row(expect, draft))


def test_duplicate_setting_names_the_first_row():
    draft = Draft().setting_row("base_year", 2030)
    raw = draft.raw()
    _, problems = validate(raw)
    (dup,) = find(problems, "settings", "given twice")
    first = settings_row_first(raw, "base_year")
    assert f"(first in row {first})" in dup.message
    assert dup.row == len(raw.sheets["settings"].rows) + 1  # the appended (last) row
    assert dup.cell == f"A{dup.row}"


@pytest.mark.parametrize("sheet", [s.name for s in SHEETS if s.required and s.name != "settings"])
def test_missing_required_sheet(sheet: str):
    draft = Draft().drop_sheet(sheet)
    problem = check(draft, Expect(sheet, None, None, "required sheet is missing",
                                  expected=f"a sheet '{sheet}'"))
    assert problem.cell is None


@pytest.mark.parametrize(("sheet", "column"), [
    ("flows", "direction"),
    ("technologies", "cap_to_act"),
    ("commodities", "kind"),
    ("timeslices", "hours"),
    ("demand", "commodity"),
])
def test_missing_required_column(sheet: str, column: str):
    draft = Draft().drop_column(sheet, column)
    check(draft, Expect(sheet, 1, None, f"required column '{column}' is missing",
                        expected=f"a column '{column}'"))


def test_optional_sheets_may_be_missing():
    draft = Draft()
    for sheet in ("targets", "capacity", "profiles", "storage", "reservoirs", "sources"):
        draft.drop_sheet(sheet)
    draft.set("costs", 0, source=None)  # nothing left to cite
    case_tables, problems = validate(draft.raw())
    assert case_tables is not None, describe(problems)
    assert errors(problems) == []


SHEET_RULES = [
    pytest.param(lambda d: d.set("technologies", 0, colour="blue"),
                 Expect("technologies", 1, "colour", "unknown column (ignored)", "warning",
                        value="colour"),
                 id="unknown column warning"),
    pytest.param(lambda d: d.set("technologies", 0, {2030: 5}),
                 Expect("technologies", 1, "2030", "this sheet takes no year columns",
                        value="2030"),
                 id="year column on sheet without years"),
    pytest.param(lambda d: d.table("scratch", pd.DataFrame({"a": [1]})),
                 Expect("scratch", None, None, "unknown sheet (ignored)", "warning"),
                 id="unknown sheet warning"),
    pytest.param(lambda d: d.add("commodities", {"commodity": "gas", "kind": "supply",
                                                 "unit": "TWh"}),
                 Expect("commodities", 5, "commodity", "duplicate key {'commodity': 'gas'} "
                        "(first in row 2)", expected="each key once"),
                 id="duplicate key"),
    pytest.param(lambda d: d.add("flows", {"technology": "boiler", "commodity": "heat",
                                           "direction": "out", "ratio": 0.9}),
                 Expect("flows", 5, "technology", "(first in row 3)"),
                 id="duplicate composite key"),
    pytest.param(lambda d: d.set("demand", 0, {2050: "lots"}),
                 Expect("demand", 2, "2050", "year value is not a number", value="lots",
                        expected="a number"),
                 id="year value not a number"),
    pytest.param(lambda d: d.set("profiles", 1, {"availability:boiler": "high"}),
                 Expect("profiles", 3, "availability:boiler", "profile value is not a number",
                        value="high"),
                 id="profile value not a number"),
]


REFERENCE_RULES = [
    pytest.param(lambda d: d.set("flows", 1, technology="boilr"),
                 Expect("flows", 3, "technology",
                        "unknown technology referenced in 'technology'", value="boilr",
                        expected="a technology of sheet 'technologies' (boiler)"),
                 id="unknown technology in flows"),
    pytest.param(lambda d: d.set("flows", 0, commodity="natural gas"),
                 Expect("flows", 2, "commodity", "unknown commodity referenced in 'commodity'",
                        value="natural gas", expected="co2, gas, heat"),
                 id="unknown commodity in flows"),
    pytest.param(lambda d: d.set("costs", 0, source="iea2024"),
                 Expect("costs", 2, "source", "unknown id referenced in 'source'",
                        value="iea2024", expected="id of sheet 'sources' (iea)"),
                 id="unknown source id"),
    pytest.param(lambda d: d.set("prices", 0, commodity="coal"),
                 Expect("prices", 2, "commodity", "unknown commodity referenced",
                        value="coal"),
                 id="unknown commodity in prices"),
    pytest.param(lambda d: d.set("technologies", 0, reservoir="north sea"),
                 Expect("technologies", 2, "reservoir",
                        "unknown reservoir referenced in 'reservoir'", value="north sea",
                        expected="(that sheet is empty)"),
                 id="unknown reservoir"),
    pytest.param(lambda d: d.set("profiles", 1, slice="evening"),
                 Expect("profiles", 3, "slice", "unknown slice referenced in 'slice'",
                        value="evening"),
                 id="unknown slice in profiles"),
]


TECHNOLOGY_RULES = [
    pytest.param(lambda d: d.set("technologies", 0, lifetime=0),
                 Expect("technologies", 2, "lifetime", "'lifetime' must be positive",
                        value=0.0, expected="> 0"),
                 id="lifetime zero"),
    pytest.param(lambda d: d.set("technologies", 0, lifetime=-20),
                 Expect("technologies", 2, "lifetime", "'lifetime' is below its minimum",
                        value=-20),
                 id="lifetime negative"),
    pytest.param(lambda d: d.set("technologies", 0, cap_to_act=0),
                 Expect("technologies", 2, "cap_to_act", "'cap_to_act' must be positive",
                        value=0.0),
                 id="cap_to_act zero"),
    pytest.param(lambda d: d.set("technologies", 0, first_year=2060),
                 Expect("technologies", 2, "first_year",
                        "first_year is after the horizon: never built", "warning", value=2060,
                        expected="<= end_year (2050)"),
                 id="first_year after horizon warning"),
    pytest.param(lambda d: d.add("technologies", tech("spare")),
                 Expect("technologies", 3, "technology", "technology has no flows and is not "
                        "a storage", "warning", value="spare"),
                 id="technology without flows warning"),
    pytest.param(lambda d: d.set("flows", 1, ratio=None),
                 Expect("flows", 3, "ratio", "no ratio and no year values",
                        expected="a ratio or year columns"),
                 id="flows row without ratio"),
    pytest.param(lambda d: d.add("technologies", tech("tank", category="storage"))
                 .add("storage", {"technology": "tank", "commodity": "heat",
                                  "energy_per_power": 6})
                 .add("flows", {"technology": "tank", "commodity": "heat",
                                "direction": "out", "ratio": 1.0}),
                 Expect("flows", 5, "technology", "storage technologies take no flows",
                        value="tank"),
                 id="storage technology with flows"),
    pytest.param(lambda d: d.add("technologies", tech("co2_buffer", category="storage"))
                 .add("storage", {"technology": "co2_buffer", "commodity": "co2",
                                  "energy_per_power": 24}),
                 Expect("storage", 2, "commodity", "an emission commodity cannot be stored",
                        value="co2"),
                 id="emission commodity in storage"),
]


TRAJECTORY_RULES = [
    pytest.param(lambda d: d.add("costs", {"technology": "boiler", "parameter": "variable_om"}),
                 Expect("costs", 4, "technology", "row has no year values", value="boiler"),
                 id="costs row without year values"),
    pytest.param(lambda d: d.add("prices", {"commodity": "gas", "parameter": "max_supply"}),
                 Expect("prices", 4, "commodity", "row has no year values", value="gas"),
                 id="prices row without year values"),
    pytest.param(lambda d: d.set("demand", 0, {2025: None, 2050: None}),
                 Expect("demand", 2, "commodity", "row has no year values", value="heat"),
                 id="demand row without year values"),
    pytest.param(lambda d: d.add("capacity", {"technology": "boiler", "parameter": "min"}),
                 Expect("capacity", 4, "technology", "row has no year values"),
                 id="capacity row without year values"),
    pytest.param(lambda d: d.set("costs", 0, {2050: -0.1}),
                 Expect("costs", 2, "2050", "capex is below its minimum", value=-0.1,
                        expected=">= 0.0 money / capacity unit"),
                 id="negative capex"),
    pytest.param(lambda d: d.add("prices", yearly({"commodity": "gas",
                                                   "parameter": "max_supply"}, {2025: -5})),
                 Expect("prices", 4, "2025", "max_supply is below its minimum", value=-5),
                 id="negative max_supply"),
    pytest.param(lambda d: d.set("capacity", 1, {2025: -1}),
                 Expect("capacity", 3, "2025", "max is below its minimum", value=-1),
                 id="negative max capacity"),
    pytest.param(lambda d: d.add("prices", yearly({"commodity": "heat", "parameter": "price"},
                                                  {2025: 0.05})),
                 Expect("prices", 4, "parameter",
                        "'price' does not apply to a commodity of kind 'demand'",
                        value="price", expected="a commodity of kind supply"),
                 id="price on demand commodity"),
    pytest.param(lambda d: d.set("prices", 1, commodity="gas"),
                 Expect("prices", 3, "parameter",
                        "'carbon_price' does not apply to a commodity of kind 'supply'",
                        value="carbon_price", expected="emission"),
                 id="carbon price on supply commodity"),
    pytest.param(lambda d: d.set("prices", 0, parameter="max_supply"),
                 Expect("commodities", 2, "commodity",
                        "supply commodity has no 'price' row in sheet 'prices'", value="gas"),
                 id="supply commodity without price"),
]


DEMAND_RULES = [
    pytest.param(lambda d: d.add("demand", yearly({"commodity": "co2"}, {2025: 1})),
                 Expect("demand", 3, "commodity", "emissions cannot be demanded", value="co2",
                        expected="a non-emission commodity"),
                 id="demand on emission commodity"),
    pytest.param(lambda d: d.add("commodities", {"commodity": "steel", "kind": "demand",
                                                 "unit": "Mt"})
                 .add("demand", yearly({"commodity": "steel"}, {2025: 1})),
                 Expect("demand", 3, "commodity", "demand commodity that nobody produces",
                        value="steel"),
                 id="demand nobody produces"),
    pytest.param(lambda d: d.set("demand", 0, {2050: -5}),
                 Expect("demand", 2, "commodity", "negative demand", value="heat",
                        expected=">= 0 in every year"),
                 id="negative demand"),
    pytest.param(lambda d: d.add("commodities", {"commodity": "steam", "kind": "demand",
                                                 "unit": "GWh"}),
                 Expect("commodities", 5, "commodity", "demand commodity without a row in "
                        "sheet 'demand'", "warning", value="steam"),
                 id="demand commodity without demand row warning"),
]


CAPACITY_RULES = [
    pytest.param(lambda d: d.set("capacity", 0, {2030: 12}),
                 Expect("capacity", 2, "2030", "residual capacity increases from 2025 to 2030",
                        value=12.0, expected="<= 10"),
                 id="residual capacity increasing"),
    pytest.param(lambda d: d.set("capacity", 0, {2025: 5, 2050: 10}),
                 Expect("capacity", 2, "parameter",
                        "residual capacity increases from 2025 to 2030", value=6.0),
                 id="residual increasing between year columns"),
    pytest.param(lambda d: d.add("capacity", yearly({"technology": "boiler", "parameter": "min"},
                                                    {2040: 150})),
                 Expect("capacity", 3, "parameter", "min capacity exceeds max capacity in "
                        "2025", value="max", expected="max >= min"),
                 id="min above max capacity"),
]


TIMESLICE_RULES = [
    pytest.param(lambda d: d.set("timeslices", 1, hours=4000),
                 Expect("timeslices", None, "hours", "slice hours do not sum to a year",
                        value=8380.0, expected="8760 h"),
                 id="hours not summing to 8760"),
    pytest.param(lambda d: d.set("timeslices", 1, occurrences=52),
                 Expect("timeslices", 3, "occurrences",
                        "slices of period 'd' disagree on occurrences"),
                 id="occurrences disagree within period"),
    pytest.param(lambda d: d.set("timeslices", 1, order=1),
                 Expect("timeslices", 3, "order", "order repeats inside period 'd'", value=1),
                 id="order repeating"),
    pytest.param(lambda d: d.set("timeslices", 0, occurrences=0).set("timeslices", 1,
                                                                     occurrences=0),
                 Expect("timeslices", 2, "occurrences", "occurrences must be positive",
                        value=0.0, expected="> 0"),
                 id="occurrences zero"),
    pytest.param(lambda d: d.set("timeslices", 0, occurrences=-1),
                 Expect("timeslices", 2, "occurrences", "'occurrences' is below its minimum",
                        value=-1),
                 id="occurrences negative"),
    pytest.param(lambda d: d.table("timeslices", pd.DataFrame(
                     columns=["slice", "period", "order", "hours", "occurrences"])),
                 Expect("timeslices", None, None, "no time slices"),
                 id="no time slices"),
    pytest.param(lambda d: d.set("profiles", 0, {"availability:turbine": 0.5})
                 .set("profiles", 1, {"availability:turbine": 0.5}),
                 Expect("profiles", 1, None, "profile of an unknown technology",
                        value="availability:turbine", expected="'technologies'"),
                 id="profile of unknown technology"),
    pytest.param(lambda d: d.set("profiles", 0, {"price:gas": 1.0}),
                 Expect("profiles", None, None,
                        "profile 'price:gas' has no value for 1 slice(s)", value="night"),
                 id="profile missing slices"),
    pytest.param(lambda d: d.set("profiles", 1, {"availability:boiler": 1.2}),
                 Expect("profiles", 3, "availability:boiler", "profile value out of range",
                        value=1.2, expected="0..1"),
                 id="availability profile above one"),
    pytest.param(lambda d: d.set("profiles", 0, {"demand:heat": -0.5}),
                 Expect("profiles", 2, "demand:heat", "profile value out of range",
                        value=-0.5, expected=">= 0"),
                 id="demand profile negative"),
    pytest.param(lambda d: d.set("profiles", 0, {"demand:heat": 0})
                 .set("profiles", 1, {"demand:heat": 0}),
                 Expect("profiles", None, None, "profile 'demand:heat' is zero everywhere",
                        value="demand:heat"),
                 id="profile all zero"),
]


TARGET_RULES = [
    pytest.param(lambda d: d.set("targets", 1, year=2060),
                 Expect("targets", 3, "year", "target year outside the horizon", value=2060,
                        expected="2025..2050"),
                 id="target year after horizon"),
    pytest.param(lambda d: d.set("targets", 0, year=2020),
                 Expect("targets", 2, "year", "target year outside the horizon", value=2020),
                 id="target year before horizon"),
    pytest.param(lambda d: d.set("targets", 0, year=2032),
                 Expect("targets", 2, "year", "target year is not a modelled year",
                        value=2032, expected="2025, 2030, 2035, 2040, 2045, 2050"),
                 id="target year not modelled"),
    pytest.param(lambda d: d.add("targets", {"year": 2040, "kind": "budget", "value": 5,
                                             "start_year": 2045}),
                 Expect("targets", 4, "start_year", "budget start_year is after its year",
                        value=2045, expected="<= 2040"),
                 id="budget start after year"),
    pytest.param(lambda d: d.set("targets", 1, value=-0.5),
                 Expect("targets", 3, "value", "negative cap but no technology removes",
                        "warning", value=-0.5),
                 id="negative cap warning"),
]


@pytest.mark.parametrize(("mutate", "expect"), SHEET_RULES + REFERENCE_RULES)
def test_sheet_and_reference_rules(mutate: Mutation, expect: Expect):
    check(mutate(Draft()), expect)


@pytest.mark.parametrize(("mutate", "expect"), TECHNOLOGY_RULES + TRAJECTORY_RULES)
def test_technology_and_trajectory_rules(mutate: Mutation, expect: Expect):
    check(mutate(Draft()), expect)


@pytest.mark.parametrize(("mutate", "expect"), DEMAND_RULES + CAPACITY_RULES)
def test_demand_and_capacity_rules(mutate: Mutation, expect: Expect):
    check(mutate(Draft()), expect)


@pytest.mark.parametrize(("mutate", "expect"), TIMESLICE_RULES + TARGET_RULES)
def test_timeslice_profile_and_target_rules(mutate: Mutation, expect: Expect):
    check(mutate(Draft()), expect)


def test_flows_row_with_year_values_needs_no_ratio():
    draft = Draft().set("flows", 0, {2025: 1.1, 2050: 1.0}, ratio=None)
    case_tables, problems = validate(draft.raw())
    assert case_tables is not None, describe(problems)
    assert case_tables.trajectories["flows"][("boiler", "gas", "in")] == {2025: 1.1, 2050: 1.0}


def test_budget_target_need_not_be_a_modelled_year():
    draft = Draft().add("targets", {"year": 2032, "kind": "budget", "value": 5,
                                    "start_year": 2025})
    case_tables, problems = validate(draft.raw())
    assert case_tables is not None, describe(problems)


def test_each_problem_of_a_mistake_is_reported_once():
    _, problems = validate(Draft().set("flows", 1, technology="boilr").raw())
    hits = find(problems, "flows", "unknown technology")
    assert len(hits) == 1, describe(problems)


# --------------------------------------------------------------------------------------
# bugs found while writing these tests (fixed since)
# --------------------------------------------------------------------------------------


def test_unknown_profile_prefix_is_reported():
    draft = Draft().set("profiles", 0, {"avail:boiler": 0.5})
    check(draft, Expect("profiles", 1, "avail:boiler", "unknown profile column prefix",
                        value="avail:boiler", expected="availability:<technology>"))


def test_occurrences_disagreement_points_at_the_disagreeing_row():
    draft = Draft().table("timeslices", pd.DataFrame([
        {"slice": "day", "period": "d", "order": 1, "hours": 2920, "occurrences": 365},
        {"slice": "evening", "period": "d", "order": 2, "hours": 2920, "occurrences": 365},
        {"slice": "night", "period": "d", "order": 3, "hours": 2920, "occurrences": 52},
    ])).drop_sheet("profiles")
    check(draft, Expect("timeslices", 4, "occurrences", "disagree on occurrences"))


def test_blank_slice_name_with_profiles_is_reported_not_raised():
    draft = Draft().set("timeslices", 1, slice=None)
    check(draft, Expect("timeslices", 3, "slice", "required value 'slice' is empty"))


# --------------------------------------------------------------------------------------
# every mistake is reported, not just the first
# --------------------------------------------------------------------------------------


def test_several_mistakes_are_all_reported():
    draft = (Draft()
             .setting(discount_rate=0.9)                       # settings value
             .set("commodities", 1, kind="product")            # allowed value
             .set("technologies", 0, lifetime=-5)              # below minimum
             .set("flows", 2, technology="boilr")              # unknown reference
             .set("costs", 1, {2025: -1})                    # negative fixed_om
             .set("demand", 0, {2050: "lots"})               # not a number
             .set("timeslices", 1, hours=4000)                 # hours do not sum up
             .set("targets", 0, year=2032)                     # not a modelled year
             .add("commodities", {"commodity": "gas", "kind": "supply", "unit": "GWh"}))
    case_tables, problems = validate(draft.raw())
    assert case_tables is None
    expected = [
        ("settings", "'discount_rate' is above its maximum"),
        ("commodities", "'kind' is not an allowed value"),
        ("technologies", "'lifetime' is below its minimum"),
        ("flows", "unknown technology referenced"),
        ("costs", "fixed_om is below its minimum"),
        ("demand", "year value is not a number"),
        ("timeslices", "slice hours do not sum to a year"),
        ("targets", "target year is not a modelled year"),
        ("commodities", "duplicate key"),
    ]
    missing = [(s, m) for s, m in expected if not find(problems, s, m)]
    assert missing == [], describe(problems)
    assert len(errors(problems)) >= len(expected)
    located = {(p.sheet, p.cell) for p in errors(problems)}
    assert ("technologies", "F2") in located  # lifetime is the 6th column of tech()
    assert ("flows", "A4") in located
    assert ("commodities", "A5") in located


# --------------------------------------------------------------------------------------
# how problems read
# --------------------------------------------------------------------------------------


def test_problem_text_names_workbook_sheet_cell_value_and_expectation():
    _, problems = validate(Draft().set("technologies", 0, lifetime="thirty").raw())
    (problem,) = find(problems, "technologies", "wrong type")
    text = str(problem)
    assert text.startswith("case.xlsx, sheet 'technologies', cell F2, column 'lifetime': ")
    assert "'lifetime' has the wrong type" in text
    assert "(found 'thirty')" in text
    assert text.endswith("; expected a number (years)")


def test_problem_text_without_cell_names_the_row():
    problem = Problem("plant.xlsx", "flows", "no ratio and no year values", row=7,
                      value=None, expected="a ratio or year columns")
    assert str(problem) == ("plant.xlsx, sheet 'flows', row 7: no ratio and no year values; "
                            "expected a ratio or year columns")


def test_problem_text_for_a_whole_sheet():
    problem = Problem("plant.xlsx", "settings", "required sheet is missing",
                      expected="a 'settings' sheet")
    assert str(problem) == ("plant.xlsx, sheet 'settings': required sheet is missing; "
                            "expected a 'settings' sheet")
    assert "found" not in str(problem)


def test_case_error_lists_every_error_and_keeps_warnings_apart():
    draft = Draft().set("technologies", 0, lifetime="thirty").set("flows", 1, ratio=None) \
        .add("commodities", {"commodity": "steam", "kind": "demand", "unit": "GWh"})
    _, problems = validate(draft.raw())
    exc = CaseError(problems)
    assert len(exc.problems) == 2, describe(problems)
    assert [w.message for w in exc.warnings] == [
        "demand commodity without a row in sheet 'demand' (its demand is zero)"]
    text = str(exc)
    assert text.startswith("2 problem(s) in the input:")
    assert "cell F2" in text and "(found 'thirty')" in text
    assert "sheet 'flows', cell D3, column 'ratio'" in text
    assert "steam" not in text


# --------------------------------------------------------------------------------------
# rules added after the maths review
# --------------------------------------------------------------------------------------

from tests.builders import HEAT_COMMODITIES as _HEAT  # noqa: E402
from tests.builders import e_boiler_flows as _e_flows  # noqa: E402
from tests.builders import raw as _raw_case  # noqa: E402
from tests.builders import tech as _tech  # noqa: E402
from tests.builders import yearly as _yearly  # noqa: E402

_TWO_SLICES = [{"slice": "day", "period": "d", "order": 1, "hours": 4380, "occurrences": 365},
               {"slice": "night", "period": "d", "order": 2, "hours": 4380, "occurrences": 365}]


def _review_case(balance="slice", eff_out=1.0, export=None, targets=()):
    prices = [_yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.05}),
              _yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.05})]
    if export is not None:
        prices.append(_yearly({"commodity": "electricity", "parameter": "export_price"},
                              {2025: export}))
    commodities = [dict(c, balance=balance) if c["commodity"] == "electricity" else c
                   for c in _HEAT]
    return _raw_case(
        {"discount_rate": 0.0},
        commodities=commodities,
        technologies=[_tech("e_boiler"), _tech("battery", category="storage")],
        flows=_e_flows(),
        storage=[{"technology": "battery", "commodity": "electricity", "energy_per_power": 4,
                  "efficiency_out": eff_out}],
        prices=prices,
        demand=[_yearly({"commodity": "heat"}, {2025: 87.6})],
        timeslices=_TWO_SLICES,
        profiles=[{"slice": "day", "price:electricity": 1.8},
                  {"slice": "night", "price:electricity": 0.2}],
        targets=list(targets),
    )


def _errors(raw) -> list[str]:
    _tables, problems = validate(raw)
    return [str(p) for p in problems if p.severity == "error"]


def test_review_rules_accept_the_base():
    assert _errors(_review_case()) == []


def test_price_profile_needs_a_slice_balance():
    errors = _errors(_review_case(balance="annual"))
    assert any("price profile needs commodity 'electricity' to be balanced by slice" in e
               and "cell B1" in e for e in errors)


def test_storage_efficiency_must_be_positive():
    errors = _errors(_review_case(eff_out=0.0))
    assert any("'efficiency_out' must be positive" in e for e in errors)


def test_arbitrage_against_the_cheapest_slice_is_warned():
    # Mean price 0.05 but night price 0.05 * 0.2 = 0.01 < export price 0.04.
    _tables, problems = validate(_review_case(export=0.04))
    assert any("cheapest slice" in str(p) and p.severity == "warning" for p in problems)


def test_blank_scope_and_default_scope_are_the_same_target():
    raw = _review_case(targets=[{"year": 2025, "kind": "absolute", "value": 0.01},
                                {"year": 2025, "kind": "absolute", "scope": "scope1",
                                 "value": 0.005}])
    errors = _errors(raw)
    assert any("same target as row 2" in e and "column 'scope'" in e for e in errors)


def test_budget_cannot_start_before_the_base_year():
    raw = _review_case(targets=[{"year": 2025, "kind": "budget", "value": 1.0,
                                 "start_year": 2020}])
    assert any("start_year is before the base year" in e for e in _errors(raw))


def test_miss_penalty_must_be_positive():
    raw = _raw_case({"discount_rate": 0.0, "miss_penalty": 0},
                    commodities=_HEAT, technologies=[_tech("e_boiler")], flows=_e_flows(),
                    prices=[_yearly({"commodity": "electricity", "parameter": "price"},
                                    {2025: 0.05}),
                            _yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.05})],
                    demand=[_yearly({"commodity": "heat"}, {2025: 87.6})])
    assert any("miss_penalty must be positive" in e and "column 'value'" in e
               for e in _errors(raw))


@pytest.mark.parametrize("early, expected", [(False, True), (True, False)])
def test_max_below_residual_needs_early_retirement(early, expected):
    raw = _raw_case({"discount_rate": 0.0},
                    commodities=_HEAT, technologies=[_tech("e_boiler", early_retirement=early)],
                    flows=_e_flows(),
                    capacity=[_yearly({"technology": "e_boiler", "parameter": "residual"},
                                      {2025: 10}),
                              _yearly({"technology": "e_boiler", "parameter": "max"},
                                      {2025: 5})],
                    prices=[_yearly({"commodity": "electricity", "parameter": "price"},
                                    {2025: 0.05}),
                            _yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.05})],
                    demand=[_yearly({"commodity": "heat"}, {2025: 43.8})])
    found = any("max capacity is below the residual capacity" in e for e in _errors(raw))
    assert found == expected


def test_negative_flow_year_value_is_an_error():
    flows = _e_flows()
    flows[0] = {**flows[0], "ratio": None, 2025: 1.0, 2030: -0.5}
    raw = _raw_case({"discount_rate": 0.0, "end_year": 2030, "year_step": 5},
                    commodities=_HEAT, technologies=[_tech("e_boiler")], flows=flows,
                    prices=[_yearly({"commodity": "electricity", "parameter": "price"},
                                    {2025: 0.05}),
                            _yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.05})],
                    demand=[_yearly({"commodity": "heat"}, {2025: 87.6})])
    assert any("negative flow ratio" in e and "column '2030'" in e and "(found -0.5)" in e
               for e in _errors(raw))


def test_storage_fields_that_do_not_apply_are_warned():
    raw = _review_case()
    techs = raw.sheets["technologies"].rows
    techs.loc[techs["technology"] == "battery", "min_load"] = 0.3
    raw.sheets["technologies"].rows = techs
    _tables, problems = validate(raw)
    assert any("do not apply to a storage technology" in str(p) and p.severity == "warning"
               for p in problems)


# --------------------------------------------------------------------------------------
# values read as meant or refused (model/validation/cells.py)
# --------------------------------------------------------------------------------------

from model.validation.cells import Refusal, to_number  # noqa: E402


@pytest.mark.parametrize(("text", "number"), [
    ("449.68", 449.68), (" -3 ", -3.0), ("1e3", 1000.0), (".5", 0.5), ("2030", 2030.0),
    (7, 7.0), (0.25, 0.25),
])
def test_plain_numbers_are_read(text, number):
    assert to_number(text) == number


@pytest.mark.parametrize(("text", "readings"), [
    ("449,68", "449.68 (with a decimal comma) or 44968 (with the comma separating thousands)"),
    ("1,234", "1.234 (with a decimal comma) or 1234 (with the comma separating thousands)"),
    ("1,234,567", "1234567 (with the comma separating thousands)"),
    ("1.234,5", "1234.5 (with a decimal comma) or 1.2345 (with the comma separating "
                "thousands)"),
    ("1.234.567", "1234567 (with the dot separating thousands)"),
    ("1 234", "1234 (with the space separating thousands)"),
    ("12\u00a0500,5", "12500.5 (with a decimal comma) or 125005 (with the comma separating "
                      "thousands)"),
])
def test_numbers_with_separators_are_refused_with_every_reading(text, readings):
    refusal = to_number(text)
    assert isinstance(refusal, Refusal)
    assert refusal.message == f"is a number stored as text with separators, which could " \
        f"read as {readings}"


@pytest.mark.parametrize("text", ["inf", "-Infinity", "nan", float("inf"), float("nan")])
def test_numbers_that_are_not_finite_are_refused(text):
    assert to_number(text) == Refusal("is not a finite number")


@pytest.mark.parametrize("text", ["1_000", "0x10", "\u0661\u0662", "ten", "1e", True, "--1"])
def test_texts_python_would_read_are_not_numbers(text):
    assert to_number(text) == Refusal("has the wrong type")


def test_a_percentage_in_text_says_the_number_it_stands_for():
    refusal = to_number("55 %")
    assert refusal.message == "is a percentage stored as text: '55 %' stands for 0.55"
    assert refusal.expected.startswith("a number: 0.55")


VALUE_RULES = [
    pytest.param(lambda d: d.set("prices", 0, {2025: "0,03"}),
                 Expect("prices", 2, "2025", "year value is a number stored as text with "
                        "separators", value="0,03", expected="e.g. 0.03"),
                 id="decimal comma in a year value"),
    pytest.param(lambda d: d.set("technologies", 0, lifetime=float("inf")),
                 Expect("technologies", 2, "lifetime", "'lifetime' is not a finite number"),
                 id="infinite lifetime"),
    pytest.param(lambda d: d.set("technologies", 0, lifetime=1000),
                 Expect("technologies", 2, "lifetime",
                        "'lifetime' is beyond its plausible range (check the unit)",
                        expected="0 .. 500 years"),
                 id="implausible lifetime"),
    pytest.param(lambda d: d.set("demand", 0, {2050: 5e12}),
                 Expect("demand", 2, "2050", "year value is beyond its plausible range",
                        expected="-1e+12 .. 1e+12"),
                 id="implausible demand"),
    pytest.param(lambda d: d.setting(discount_rate=5),
                 Expect("settings", "discount_rate", "value", "'discount_rate' is above its "
                        "maximum: a fraction, so 0.05 means 5 %", expected="<= 0.5"),
                 id="discount rate in percent"),
    pytest.param(lambda d: d.set("targets", 0, value=55),
                 Expect("targets", 2, "value", "a reduction is a fraction of base emissions: "
                        "0.55 means 55 %", value=55.0),
                 id="reduction in percent"),
    pytest.param(lambda d: d.set("targets", 0, value=1.5),
                 Expect("targets", 2, "value", "reduction beyond net zero but no technology "
                        "removes emissions", "warning"),
                 id="reduction beyond net zero"),
    pytest.param(lambda d: d.set("prices", 1, {2025: -5}),
                 Expect("prices", 3, "2025", "carbon_price is below its minimum"),
                 id="negative carbon price"),
    pytest.param(lambda d: d.set("prices", 0, {2025: -0.01}),
                 Expect("prices", 2, "2025", "price is below 0: allowed, but the cluster is "
                        "then paid for each unit", "warning", value=-0.01),
                 id="negative price warned"),
]


NAME_RULES = [
    pytest.param(lambda d: d.setting_row("discount", 0.05),
                 Expect("settings", "discount", "name",
                        "unknown setting, did you mean 'discount_rate'?"),
                 id="setting did you mean"),
    pytest.param(lambda d: d.set("technologies", 0, reservior="north"),
                 Expect("technologies", 1, "reservior",
                        "unknown column (ignored), did you mean 'reservoir'?", "warning"),
                 id="unknown column did you mean"),
    pytest.param(lambda d: d.set("commodities", 1, kind="demnd"),
                 Expect("commodities", 3, "kind",
                        "'kind' is not an allowed value, did you mean 'demand'?"),
                 id="allowed value did you mean"),
    pytest.param(lambda d: d.set("flows", 1, technology="boilr"),
                 Expect("flows", 3, "technology", "unknown technology referenced in "
                        "'technology', did you mean 'boiler'?"),
                 id="reference did you mean"),
]


@pytest.mark.parametrize(("mutate", "expect"), VALUE_RULES + NAME_RULES)
def test_value_and_name_rules(mutate: Mutation, expect: Expect):
    draft = mutate(Draft())
    check(draft, _resolve_settings_row(expect, draft))


def test_a_header_differing_in_case_is_read_with_a_warning_and_cells_still_located():
    draft = Draft()
    draft.sheets["technologies"] = [{("Lifetime" if k == "lifetime" else k): v
                                     for k, v in r.items()} for r in draft.sheets["technologies"]]
    draft.set("technologies", 0, cap_to_act=0)
    raw = draft.raw()
    case_tables, problems = validate(raw)
    (warning,) = find(problems, "technologies", "column header read as 'lifetime'")
    assert (warning.severity, warning.row, warning.value) == ("warning", 1, "Lifetime")
    assert warning.cell == raw.sheets["technologies"].letters["Lifetime"] + "1"
    (error,) = errors(problems)  # the rest of the sheet is read as usual
    assert error.message == "'cap_to_act' must be positive"
    assert error.cell == raw.sheets["technologies"].letters["cap_to_act"] + "2"


def test_a_sheet_named_with_capitals_and_spaces_is_read_with_a_warning():
    draft = Draft()
    draft.extra_tables["Technologies "] = draft.frames()["technologies"]
    draft.drop_sheet("technologies")
    case_tables, problems = validate(draft.raw())
    assert case_tables is not None, describe(problems)
    (warning,) = problems
    assert warning.sheet == "Technologies " and warning.severity == "warning"
    assert warning.message.startswith("sheet name read as 'technologies'")


def test_an_unreadable_sheet_is_one_error_not_a_cascade():
    draft = Draft().drop_column("technologies", "lifetime")
    _, problems = validate(draft.raw())
    assert [p.message for p in errors(problems)] == [
        "required column 'lifetime' is missing"], describe(problems)
    draft = Draft().drop_sheet("commodities")
    _, problems = validate(draft.raw())
    assert [p.message for p in errors(problems)] == ["required sheet is missing"], \
        describe(problems)


def test_a_missing_column_suggests_the_header_that_is_close():
    draft = Draft()
    draft.sheets["technologies"] = [{("life time" if k == "lifetime" else k): v
                                     for k, v in r.items()} for r in draft.sheets["technologies"]]
    _, problems = validate(draft.raw())
    assert [p.message for p in errors(problems)] == [
        "required column 'lifetime' is missing, did you mean column 'life time'?"]


def test_long_lists_of_valid_names_are_summarised_with_a_count():
    draft = Draft().add("technologies", *[tech(f"t{i:02d}") for i in range(25)])
    draft.add("flows", *[{"technology": f"t{i:02d}", "commodity": "heat", "direction": "out",
                          "ratio": 1.0} for i in range(25)])
    draft.set("flows", 1, technology="zzz")
    _, problems = validate(draft.raw())
    (problem,) = find(problems, "flows", "unknown technology")
    assert problem.expected == ("a technology of sheet 'technologies' (boiler, t00, t01, t02, "
                                "t03, t04, t05, t06, t07, t08, ... and 16 more "
                                "(26 technologies))")


def test_a_case_without_technologies_says_what_it_needs():
    draft = Draft()
    for sheet in ("technologies", "flows", "costs", "capacity", "demand"):
        draft.table(sheet, pd.DataFrame(columns=[c.name for c in SHEET_BY_NAME[sheet].columns]))
    draft.sheets["profiles"] = [{"slice": "day"}, {"slice": "night"}]
    _, problems = validate(draft.raw())
    (problem,) = find(problems, "technologies", "the case has no technologies")
    assert "at least one technology" in problem.expected
