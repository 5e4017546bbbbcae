"""A result table as a reader sees it: headers with their units, a number format per cell,
column widths. Made once from a DataFrame and its declaration (:mod:`model.outputs.schema`),
then written by the workbook writer and the HTML report alike.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model.outputs.formats import NOISE, kind_of_unit, number_text
from model.outputs.schema import TABLES, Bound, Table, bind, fill, unit_fields

MIN_WIDTH, MAX_WIDTH = 6, 48  #: column width in characters
MAX_TEXT_WIDTH = 90  #: a text column's; its cells wrap beyond
HEADER_LINES = 3  #: a header wraps on at most this many lines (wider columns otherwise)


def column_letter(j: int) -> str:
    """Excel column letters of the 0-based column ``j`` (0 -> A, 26 -> AA)."""
    letters = ""
    j += 1
    while j:
        j, rem = divmod(j - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass
class ShownColumn:
    """One column as shown: its header (unit included), kind and Python values.

    ``kinds`` and ``units`` are per row where they vary (a summary's values; quantities in
    the row's unit), else None and ``kind`` holds for every row.
    """

    header: str
    source: str  #: the header in the table (DataFrame)
    kind: str
    values: list
    description: str = ""
    kinds: list[str] | None = None
    units: list[str | None] | None = None  #: unit shown beside each number (mixed units)
    width: float = 10.0

    def kind_of(self, i: int) -> str:
        return self.kinds[i] if self.kinds is not None else self.kind

    def unit_of(self, i: int) -> str | None:
        return self.units[i] if self.units is not None else None

    def text(self, i: int) -> str:
        """The cell as text, as the workbook's number format shows it."""
        v = self.values[i]
        if v is None:
            return ""
        if isinstance(v, str):
            return v
        if isinstance(v, bool):
            return "yes" if v else "no"
        text = number_text(v, self.kind_of(i))
        unit = self.unit_of(i)
        return f"{text} {unit}" if unit and text else text


@dataclass
class ShownTable:
    name: str
    columns: list[ShownColumn]
    n_rows: int
    table: Table | None = None
    header_lines: int = 1
    notes: list[str] = field(default_factory=list)  #: undeclared columns, if any

    @property
    def description(self) -> str:
        return self.table.description if self.table else ""


def python_values(column: pd.Series) -> list:
    """A column as Python values: None for NA, NaN and infinities; numbers within NOISE of
    zero as 0.0; numpy scalars as Python scalars; dicts and lists kept."""
    dtype = column.dtype
    kind = dtype.kind if isinstance(dtype, np.dtype) else ""
    if kind == "f":
        array = column.to_numpy(dtype=float)
        finite = np.isfinite(array)
        array = np.where(np.abs(array) < NOISE, 0.0, array)
        values = array.tolist()
        for i in np.flatnonzero(~finite).tolist():
            values[i] = None
        return values
    if kind in ("i", "u", "b"):
        return column.tolist()
    out = []
    for v in column.tolist():
        if v is None or v is pd.NA or v is pd.NaT:
            out.append(None)
        elif isinstance(v, np.generic):
            out.append(_clean_scalar(v.item()))
        else:
            out.append(_clean_scalar(v))
    return out


def _clean_scalar(v: object) -> object:
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return 0.0 if -NOISE < v < NOISE else v
    if isinstance(v, str):
        return v or None
    return v


def _dtype_kind(values: list) -> str:
    """Kind of an undeclared column, from its values."""
    kinds = {type(v) for v in values if v is not None}
    if not kinds:
        return "text"
    if kinds <= {bool}:
        return "bool"
    if kinds <= {int}:
        return "integer"
    if kinds <= {int, float}:
        return "number"
    return "text"


def show(name: str, frame: pd.DataFrame, table: Table | None = None,
         money: str | None = None) -> ShownTable:
    """The table ``frame`` as shown, per its declaration (``TABLES[name]`` by default).

    ``money`` is the case's money unit, for the summary's per-row formats (found in the
    headers otherwise)."""
    table = table if table is not None else TABLES.get(name)
    headers = [str(c) for c in frame.columns]
    bounds = bind(table, headers) if table is not None else [Bound(h, None) for h in headers]
    position = {h: j for j, h in enumerate(headers)}
    values = {h: python_values(frame.iloc[:, j]) for j, h in enumerate(headers)}
    if money is None:
        money = next((b.fields["money"] for b in bounds if "money" in b.fields), None)
    columns: list[ShownColumn] = []
    notes: list[str] = []
    for b in bounds:
        vals = values[b.header]
        if b.column is None:
            notes.append(b.header)
            columns.append(ShownColumn(b.header, b.header, _dtype_kind(vals), vals))
            continue
        column = ShownColumn(_header(b, table, values, position), b.header, b.kind, vals,
                             fill(b.column.description, b.fields))
        if b.kind == "auto":
            fields = [f for f in unit_fields(b, table) if f in position]
            units = values[fields[0]] if fields else None
            column.kinds = [("text" if isinstance(v, str) else "bool" if isinstance(v, bool)
                             else kind_of_unit(units[i] if units else None, money))
                            for i, v in enumerate(vals)]
        elif _mixed_units(b, table, values):
            column.units = _row_units(b, table, values)
        columns.append(column)
    shown = ShownTable(name, columns, len(frame), table, notes=notes)
    _widths(shown)
    return shown


def _distinct(values: list) -> list:
    return list(dict.fromkeys(v for v in values if v is not None))


def _mixed_units(b: Bound, table: Table, values: dict[str, list]) -> bool:
    return any(len(_distinct(values.get(f, []))) > 1 for f in unit_fields(b, table))


def _row_units(b: Bound, table: Table, values: dict[str, list]) -> list[str | None]:
    rows = unit_fields(b, table)
    n = len(next(iter(values.values()))) if values else 0
    out: list[str | None] = []
    for i in range(n):
        filled = dict(b.fields)
        for f in rows:
            unit = values.get(f, [None] * n)[i]
            filled[f] = unit if unit is not None else "?"
        out.append(fill(b.column.unit, filled))
    return out


def _header(b: Bound, table: Table, values: dict[str, list],
            position: dict[str, int]) -> str:
    """``key [unit]`` with every field filled: the table's captures, a per-row unit that is
    the same on every row, or a pointer to the column that holds the row's unit."""
    column = b.column
    fields = dict(b.fields)
    mixed = []
    for f in unit_fields(b, table):
        distinct = _distinct(values.get(f, []))
        if len(distinct) == 1:
            fields[f] = str(distinct[0])
        else:
            fields[f] = "unit"
            mixed.append(f)
    key = fill(column.key, fields)
    if column.kind == "auto" or not column.unit:
        return key
    unit = fill(column.unit, fields)
    if mixed:
        unit += ", see " + " and ".join(f for f in mixed if f in position) if any(
            f in position for f in mixed) else ", by row"
    return f"{key} [{unit}]"


def _widths(shown: ShownTable) -> None:
    """Each column as wide as its widest cell (from the largest and smallest numbers) and
    enough for its header on at most HEADER_LINES lines; headers wrap at spaces."""
    lines = 1
    for c in shown.columns:
        data = 0
        if c.values:
            if c.kind in ("text", "bool") and c.kinds is None:
                data = max((len(str(v)) for v in c.values if v is not None), default=0)
            else:
                data = max(len(c.text(i)) for i in _extreme_rows(c))
        words = max((len(w) for w in c.header.split()), default=0)
        # a header needs 2 more characters for its filter button
        width = max(data, words + 2, math.ceil(len(c.header) / HEADER_LINES) + 2)
        limit = MAX_TEXT_WIDTH if c.kind in ("text", "auto") else MAX_WIDTH
        c.width = float(min(max(width + 2, MIN_WIDTH), limit))
        lines = max(lines, wrapped_lines(c.header, c.width - 1.5))
    shown.header_lines = lines


def _extreme_rows(c: ShownColumn) -> list[int]:
    """Rows whose text is widest: the extremes of the numbers, texts, and (per-row kinds or
    units) every row."""
    if c.kinds is not None or c.units is not None:
        return list(range(len(c.values)))
    numbers = [(v, i) for i, v in enumerate(c.values) if isinstance(v, int | float)
               and not isinstance(v, bool)]
    rows = [i for i, v in enumerate(c.values) if isinstance(v, str)]
    if numbers:
        rows += [min(numbers)[1], max(numbers)[1]]
    return rows or [0]


def wrapped_lines(text: str, width: float) -> int:
    """Lines ``text`` takes when wrapped at spaces within ``width`` characters."""
    lines, current = 1, 0
    for word in text.split():
        need = len(word) if current == 0 else current + 1 + len(word)
        if need > width and current:
            lines += 1
            current = len(word)
        else:
            current = need
    return lines
