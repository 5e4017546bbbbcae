"""Number formats by kind, for Excel (format codes) and for text (HTML, column widths).

One table of kinds (:data:`model.outputs.schema.KINDS`) gives both, so the workbook and the
report show the same digits. Values within :data:`NOISE` of zero are shown as 0 (a solver's
-1.8e-15 is not a negative emission); the stored tables keep them as computed.
"""

from __future__ import annotations

import math

NOISE = 1e-10  #: |value| below this is shown as 0 (in every unit the tables use)

#: Excel number format of each kind (``auto`` is resolved row by row from the unit).
EXCEL_FORMATS: dict[str, str] = {
    "money": "#,##0.0",
    "price": "#,##0.00",
    "small price": "#,##0.00##",  # a price below 1 in magnitude: up to four decimals
    "mass": "#,##0.000",
    "quantity": "#,##0.00",
    "percent": "0.0%",
    "integer": "#,##0",
    "year": "0",
    "number": "#,##0.0###",
    "text": "@",
    "bool": "General",
}


def excel_format(kind: str, unit: str | None = None) -> str:
    """The format code of a kind; with ``unit``, the unit is shown after the number (the
    unit's quotes and backslashes dropped, as a format's literal text cannot hold them)."""
    code = EXCEL_FORMATS.get(kind, "General")
    if unit and kind not in ("text", "bool"):
        literal = unit.replace('"', "").replace("\\", "")
        code = f'{code}\\ "{literal}"' if code != "General" else f'General\\ "{literal}"'
    return code


def refine(kind: str, value: object) -> str:
    """The kind of one cell: a price below 1 in magnitude (e.g. 0.085 MEUR/GWh) keeps up to
    four decimals, so it does not read as 0.09."""
    if kind == "price" and isinstance(value, float) and -1 < value < 1 and value != 0:
        return "small price"
    return kind


def clean(value: float) -> float:
    """A number as shown: 0 where it is noise (|value| < NOISE)."""
    return 0.0 if -NOISE < value < NOISE else value


def number_text(value: float | int, kind: str) -> str:
    """A number as its format shows it, e.g. ``81,631.4`` (money), ``72.0%`` (percent)."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return ""
    v = clean(value)
    kind = refine(kind, float(v))
    if kind == "money":
        text = f"{v:,.1f}"
    elif kind == "price":
        text = f"{v:,.2f}"
    elif kind == "small price":
        text = f"{v:,.4f}"
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0").ljust(2, "0")
        text = f"{head}.{tail}"
    elif kind == "mass":
        text = f"{v:,.3f}"
    elif kind == "quantity":
        text = f"{v:,.2f}"
    elif kind == "percent":
        text = f"{v:.1%}"
    elif kind == "integer":
        text = f"{v:,.0f}"
    elif kind == "year":
        text = f"{v:.0f}"
    else:  # number, General
        text = f"{v:,.4f}".rstrip("0")
        text = text + "0" if text.endswith(".") else text
    return text


def kind_of_unit(unit: str | None, money: str | None) -> str:
    """The kind that shows a figure of ``unit`` (the summary's per-row values)."""
    if not unit:
        return "number"
    if money and unit == money:
        return "money"
    if money and (unit.startswith(money + "/yr")):
        return "money"
    if money and unit.startswith(money + "/"):
        return "price"
    if unit.startswith("Mt"):
        return "mass"
    if unit == "%":
        return "percent"
    if unit in ("year", "yr", "years"):
        return "year"
    if unit in ("jobs", "job-years"):
        return "integer"
    return "quantity"
