"""One cell at a time: blank or not, its value converted to the column's type, or refused.

A value is read as the planner meant it or refused with the reason; never guessed. Numbers
stored as text are read when they are plain (``449.68``, ``-1e3``); text with a decimal comma
or thousands separators (``449,68``, ``1 234``) is refused with every reading it could have
(449.68 or 44968), a percentage typed as text (``55%``) with the number it stands for,
``inf`` and ``nan`` always. Numbers are then checked against the column: allowed values,
minimum and maximum (a fraction given as a percentage, ``55`` for 0.55, says so), and the
plausible range of :mod:`model.schema` (beyond it, a unit mistake).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from model.schema import PLAUSIBLE_MAGNITUDE, Column
from model.validation.names import did_you_mean
from model.validation.problems import Collector
from model.workbook import RawSheet

_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"false", "no", "n", "0"}

#: A plain number as text: digits, at most one decimal point, an exponent; ASCII only.
_PLAIN = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
#: Digits with separators: commas, dots, apostrophes and (no-break) spaces between them.
_SEPARATED = re.compile(r"[+-]?\d[\d.,'\u00a0\u202f ]*\d", re.ASCII)
_PERCENT = re.compile(r"([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*%", re.ASCII)
_NOT_FINITE = re.compile(r"[+-]?(?:inf|infinity|nan)", re.IGNORECASE)
_SPACES = "'\u00a0\u202f "

EXPECTED = {"str": "text", "int": "a whole number", "float": "a number",
            "bool": "TRUE or FALSE"}


@dataclass(frozen=True)
class Refusal:
    """Why a cell value cannot be read as its column's type: ``message`` follows the
    column's name (``'price' is not a finite number``); ``expected`` replaces the generic
    expectation when given."""

    message: str
    expected: str | None = None


WRONG_TYPE = Refusal("has the wrong type")


def is_blank(value: object) -> bool:
    """None, empty or whitespace-only text, or NaN: an empty cell."""
    return value is None or (isinstance(value, str) and not value.strip()) or (
        isinstance(value, float) and math.isnan(value))


def is_missing(value: object) -> bool:
    """None or NaN: what pandas' ``dropna`` drops from a typed column."""
    return value is None or (isinstance(value, float) and math.isnan(value))


def show(number: float) -> str:
    """A number as a planner would type it: ``449.68``, ``44968``, ``1e+15``."""
    return f"{number:.15g}"


def _readings(text: str) -> list[tuple[float, str]]:
    """The numbers a text with separators could stand for, each with how it is read."""
    readings: dict[float, str] = {}
    spaced = any(c in text for c in _SPACES)
    if text.count(",") == 1:  # a decimal comma; dots, spaces or apostrophes group thousands
        decimal = text.replace(".", "")
        for c in _SPACES:
            decimal = decimal.replace(c, "")
        decimal = decimal.replace(",", ".")
        if _PLAIN.fullmatch(decimal):
            readings[float(decimal)] = "with a decimal comma"
    grouped = text.replace(",", "")
    for c in _SPACES:
        grouped = grouped.replace(c, "")
    if "," not in text and text.count(".") > 1:  # dots grouping thousands: 1.234.567
        grouped = grouped.replace(".", "")
    if _PLAIN.fullmatch(grouped):
        separator = "comma" if "," in text else ("space" if spaced else "dot")
        readings.setdefault(float(grouped), f"with the {separator} separating thousands")
    return list(readings.items())


def to_number(value: object) -> float | Refusal:
    """A cell's number, or why it is not one (bools, dates and texts that are no plain
    number are refused)."""
    if isinstance(value, bool):
        return WRONG_TYPE
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else Refusal("is not a finite number")
    if not isinstance(value, str):
        return WRONG_TYPE  # dates, times, durations
    text = value.strip()
    if _PLAIN.fullmatch(text):
        number = float(text)
        return number if math.isfinite(number) else Refusal(
            "is too large to be a number", "a number of plausible size")
    if _NOT_FINITE.fullmatch(text):
        return Refusal("is not a finite number")
    percent = _PERCENT.fullmatch(text)
    if percent and _PLAIN.fullmatch(digits := percent.group(1).replace(",", ".")):
        meant = float(digits) / 100
        return Refusal(f"is a percentage stored as text: {text!r} stands for {show(meant)}",
                       f"a number: {show(meant)} (or {digits} % typed into a number cell)")
    if _SEPARATED.fullmatch(text):
        readings = _readings(text)
        if readings:
            said = " or ".join(f"{show(x)} ({how})" for x, how in readings)
            return Refusal(f"is a number stored as text with separators, which could read "
                           f"as {said}", f"a number without separators, e.g. "
                           f"{show(readings[0][0])} (type it into a number cell)")
    return WRONG_TYPE


def convert(value: object, dtype: str) -> object | Refusal:
    """A non-blank cell value converted to ``dtype``, or why it cannot be."""
    if dtype == "str":
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value).strip()
    if dtype == "bool":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        return WRONG_TYPE
    number = to_number(value)
    if isinstance(number, Refusal) or dtype == "float":
        return number
    return int(number) if number.is_integer() else WRONG_TYPE


def plausible_range(declared: tuple[float, float] | None) -> tuple[float, float]:
    """A column's (or parameter's) plausible range; by default +-PLAUSIBLE_MAGNITUDE."""
    return declared or (-PLAUSIBLE_MAGNITUDE, PLAUSIBLE_MAGNITUDE)


def looks_like_percent(col: Column, number: float) -> bool:
    """A fraction column holding a value that reads as a percentage (55 for 0.55)."""
    return col.fraction and col.maximum is not None and col.maximum < number <= 100


def check_value(col: Column, value: object, out: Collector, sheet: str, raw: RawSheet | None,
                row: int | None, column: str | None = None) -> object:
    """Check and convert one cell against its column declaration.

    Returns the typed value, the column's default when the cell is blank, or None when the
    value is refused (the problem is recorded). ``column`` is the header of the cell
    (default: the declaration's name).
    """
    column = column or (col.name if raw is not None else None)

    def refuse(message: str, expected: str | None) -> None:
        out.add(sheet, f"'{col.name}' {message}", raw=raw, row=row, column=column,
                value=value, expected=expected)

    if is_blank(value):
        if col.required:
            out.add(sheet, f"required value '{col.name}' is empty", raw=raw, row=row,
                    column=column, expected=EXPECTED[col.dtype])
        return col.default
    converted = convert(value, col.dtype)
    if isinstance(converted, Refusal):
        refuse(converted.message, converted.expected or f"{EXPECTED[col.dtype]} ({col.unit})")
        return None
    if col.allowed is not None and converted not in col.allowed:
        refuse("is not an allowed value" + did_you_mean(converted, col.allowed),
               "one of " + ", ".join(col.allowed))
        return None
    if col.dtype in ("int", "float"):
        return _check_number(col, converted, refuse)  # type: ignore[arg-type]
    return converted


def _check_number(col: Column, number: float, refuse) -> float | None:
    if col.minimum is not None and number < col.minimum:
        refuse("is below its minimum", f">= {col.minimum} {col.unit}")
        return None
    if col.maximum is not None and number > col.maximum:
        if looks_like_percent(col, number):
            refuse(f"is above its maximum: a fraction, so {show(number / 100)} means "
                   f"{show(number)} %", f"<= {col.maximum} {col.unit} (e.g. "
                   f"{show(number / 100)} for {show(number)} %)")
        else:
            refuse("is above its maximum", f"<= {col.maximum} {col.unit}")
        return None
    low, high = plausible_range(col.plausible)
    if not low <= number <= high:
        refuse("is beyond its plausible range (check the unit)",
               f"{low:g} .. {high:g} {col.unit}")
        return None
    return number
