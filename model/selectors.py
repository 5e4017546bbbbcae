"""Selecting cells of a case workbook by key filters, and editing them (set, scale, add).

Scenario ``changes`` rows and study ``sensitivities`` rows name cells the same way:

* ``sheet``: a sheet of the case workbook (``costs``, ``prices``, ``technologies``, ...);
* one filter per key column of that sheet (``technology``, ``commodity``, ``parameter``,
  ...): a name, or a pattern with the wildcards ``*`` (any text) and ``?`` (one character);
  several patterns separated by commas; a pattern with a leading ``-`` excludes the rows it
  matches (``*capture*, -dac``; ``-kiln*`` alone: every row but those). A blank filter
  matches every row. Matching is case-sensitive, as names are in the model;
* ``field``: the column to change, a year column (``2030``) or ``*`` for every year column
  that has a value in the row (a ``flows`` row without year values: its ``ratio``);
* ``operation``: ``set`` (the value replaces the cell), ``scale`` (the cell is multiplied by
  the value) or ``add`` (the value is added to the cell).

A filter that matches no row is an error, never a silent no-op.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass

from model.schema import SHEET_BY_NAME, SHEETS, is_year_header
from model.workbook import RawSheet

OPERATIONS = ("set", "scale", "add")
ALL_YEARS = "*"

#: Every key column of every sheet, in schema order: the filter columns of ``changes`` and
#: ``sensitivities`` sheets.
KEY_COLUMNS: tuple[str, ...] = tuple(dict.fromkeys(k for s in SHEETS for k in s.keys))


class SelectionError(ValueError):
    """A selector that cannot be applied; ``column`` names the selector column at fault."""

    def __init__(self, message: str, column: str, value: object = None,
                 expected: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column
        self.value = value
        self.expected = expected


def key_text(value: object) -> str:
    """A key cell as text, as validation compares keys (2030.0 reads 2030; blank "")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass(frozen=True)
class Pattern:
    """One filter cell: rows match when their key matches an include pattern (or there is
    none) and no exclude pattern."""

    include: tuple[str, ...]
    exclude: tuple[str, ...]

    @classmethod
    def parse(cls, text: object) -> Pattern:
        tokens = [t.strip() for t in key_text(text).split(",") if t.strip()]
        include = tuple(t for t in tokens if not t.startswith("-"))
        exclude = tuple(t[1:].strip() for t in tokens if t.startswith("-"))
        return cls(include, exclude)

    def matches(self, name: str) -> bool:
        if self.include and not any(fnmatch.fnmatchcase(name, p) for p in self.include):
            return False
        return not any(fnmatch.fnmatchcase(name, p) for p in self.exclude)

    def __str__(self) -> str:
        return ", ".join([*self.include, *(f"-{p}" for p in self.exclude)])


@dataclass(frozen=True)
class Selector:
    """Which cells of which sheet: key filters (key column -> pattern) and a field."""

    sheet: str
    filters: tuple[tuple[str, Pattern], ...]
    field: str

    @classmethod
    def parse(cls, record: dict) -> Selector:
        """A selector from a ``changes``/``sensitivities`` row (cells by header); raises
        :class:`SelectionError` naming the column at fault."""
        sheet = key_text(record.get("sheet"))
        if not sheet:
            raise SelectionError("no sheet named", "sheet",
                                 expected="a sheet of the case workbook")
        schema = SHEET_BY_NAME.get(sheet)
        if schema is None:
            raise SelectionError("unknown sheet", "sheet", sheet,
                                 "one of " + ", ".join(SHEET_BY_NAME))
        filters = []
        for column in KEY_COLUMNS:
            text = key_text(record.get(column))
            if not text:
                continue
            if column not in schema.keys:
                raise SelectionError(f"sheet '{sheet}' has no key column '{column}'", column,
                                     text, "filters only on " + ", ".join(schema.keys)
                                     + f" for sheet '{sheet}'")
            filters.append((column, Pattern.parse(text)))
        field = key_text(record.get("field"))
        if not field:
            raise SelectionError("no field named", "field",
                                 expected="a column, a year (e.g. 2030) or * for every year")
        if is_year_header(field):
            field = str(int(float(field)))
            if not schema.year_columns:
                raise SelectionError(f"sheet '{sheet}' has no year columns", "field", field,
                                     "one of " + ", ".join(_value_columns(sheet)))
        elif field == ALL_YEARS:
            if not schema.year_columns:
                raise SelectionError(f"sheet '{sheet}' has no year columns", "field", field,
                                     "one of " + ", ".join(_value_columns(sheet)))
        elif field in schema.keys:
            raise SelectionError("a key column cannot be changed (filter on it instead)",
                                 "field", field, "one of " + ", ".join(_value_columns(sheet)))
        elif field not in _value_columns(sheet) and not _is_dynamic(sheet, field):
            raise SelectionError(f"unknown field of sheet '{sheet}'", "field", field,
                                 "one of " + ", ".join(_value_columns(sheet))
                                 + (", a year or *" if schema.year_columns else ""))
        return cls(sheet, tuple(filters), field)

    def describe(self) -> str:
        where = ", ".join(f"{k} = {p}" for k, p in self.filters) or "every row"
        return f"{self.sheet} [{where}] {self.field}"

    def rows(self, sheet: RawSheet) -> list[int]:
        """Excel rows of ``sheet`` that pass every filter."""
        return [row for row, rec in sheet.records.items()
                if all(p.matches(key_text(rec.get(k))) for k, p in self.filters)]

    def cells(self, sheet: RawSheet | None, operation: str) -> list[tuple[int, str]]:
        """(Excel row, header) of every cell selected; raises :class:`SelectionError` when
        no row matches, or a field cannot take the operation."""
        if sheet is None or not sheet.records:
            raise SelectionError(f"sheet '{self.sheet}' has no rows in the base", "sheet",
                                 self.sheet, "a sheet with rows")
        rows = self.rows(sheet)
        if not rows:
            alone = [(k, p) for k, p in self.filters
                     if not any(p.matches(key_text(r.get(k))) for r in sheet.records.values())]
            column, pattern = (alone or list(self.filters) or [("sheet", None)])[0]
            raise SelectionError(
                f"the filter matches no row of sheet '{self.sheet}'" if alone else
                f"the filters match no row of sheet '{self.sheet}' together", column,
                str(pattern) if alone else
                "; ".join(f"{k} = {p}" for k, p in self.filters) or None,
                _hint(sheet, alone or self.filters))
        if self.field == ALL_YEARS:
            years = [h for h in sheet.headers if is_year_header(h)]
            cells = []
            for row in rows:
                record = sheet.records[row]
                given = [(row, h) for h in years if record.get(h) is not None]
                if not given and self.sheet == "flows" and record.get("ratio") is not None:
                    given = [(row, "ratio")]  # a flow without year values has one ratio
                if not given:
                    raise SelectionError(f"row {row} of sheet '{self.sheet}' has no year "
                                         "values (nothing to change)", "field", self.field,
                                         "rows with values in year columns, or a column")
                cells += given
            return cells
        if self.field not in sheet.headers and operation != "set":
            raise SelectionError(f"column '{self.field}' is not in sheet '{self.sheet}' of "
                                 "the base (nothing to " + operation + ")", "field",
                                 self.field, "a column of the base, or operation set")
        return [(row, self.field) for row in rows]


def _value_columns(sheet: str) -> list[str]:
    schema = SHEET_BY_NAME[sheet]
    return [c.name for c in schema.columns if not c.key]


def _is_dynamic(sheet: str, field: str) -> bool:
    prefixes = SHEET_BY_NAME[sheet].dynamic_prefixes
    return ":" in field and field.split(":", 1)[0] in prefixes


def _hint(sheet: RawSheet, filters: Iterable[tuple[str, Pattern]]) -> str:
    """The names a filter could have matched (the first few of its key column)."""
    parts = []
    for column, _pattern in filters:
        names = sorted({key_text(r.get(column)) for r in sheet.records.values()} - {""})
        more = " ..." if len(names) > 15 else ""
        parts.append(f"{column} among {', '.join(names[:15])}{more}")
    return "; ".join(parts) or "rows in the sheet"


def number(value: object) -> float | None:
    """A cell as a float (None when blank or not a number)."""
    from model.validation.cells import Refusal, to_number  # validation selects by patterns

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    converted = to_number(value)
    return None if isinstance(converted, Refusal) else float(converted)


def apply_operation(operation: str, current: object, value: object) -> object:
    """The new cell value; raises ValueError (with a reason) when it cannot be computed."""
    if operation == "set":
        return value
    amount = number(value)
    if amount is None:
        raise ValueError(f"'{operation}' needs a number as its value")
    base = number(current)
    if base is None:
        raise ValueError("the cell is empty or not a number in the base (nothing to "
                         f"{operation}; use set)")
    return base * amount if operation == "scale" else base + amount


def select(selector: object, names: Iterable[str]) -> list[str]:
    """The names one filter cell picks, in the order of ``names`` (the user constraints'
    technology and commodity selectors)."""
    pattern = Pattern.parse(selector)
    return [n for n in names if pattern.matches(n)]
