"""``docs/inputs.md``, generated from the schema: ``python -m model.docs [PATH]``."""

from __future__ import annotations

import sys
from dataclasses import fields
from pathlib import Path

from model.preflight import LIMITS_VARIABLE, ReadLimits
from model.schema import MAX_REDUCTION, PLAUSIBLE_MAGNITUDE, SETTINGS, SHEETS, Column, Sheet
from model.template import NOTES

HEADER = """# Case workbook reference

*Generated from `model/schema.py` by `python -m model.docs`; do not edit by hand.*

"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text is not None else ""


def _column_rows(columns: tuple[Column, ...]) -> list[str]:
    lines = ["| column | type | unit | required | default | allowed / range | meaning |",
             "|---|---|---|---|---|---|---|"]
    for c in columns:
        allowed = ", ".join(c.allowed) if c.allowed else ""
        if c.minimum is not None or c.maximum is not None:
            rng = f"{'' if c.minimum is None else c.minimum} .. {'' if c.maximum is None else c.maximum}"
            allowed = f"{allowed} {rng}".strip()
        if c.fraction:
            allowed = f"{allowed} (a fraction: 0.55 = 55 %)".strip()
        if c.plausible:
            allowed = f"{allowed}; plausible {c.plausible[0]:g} .. {c.plausible[1]:g}".strip()
        if c.ref:
            allowed = f"{allowed} a `{c.ref[1]}` of `{c.ref[0]}`".strip()
        name = f"**{c.name}**" if c.key else c.name
        lines.append(f"| {name} | {c.dtype} | {_cell(c.unit)} | {'yes' if c.required else ''} "
                     f"| {_cell(c.default)} | {_cell(allowed)} | {_cell(c.description)} |")
    return lines


def _sheet(sheet: Sheet) -> list[str]:
    lines = [f"## `{sheet.name}`", "",
             f"One row per {sheet.one_row_per}. {'Required' if sheet.required else 'Optional'}"
             f" sheet. {sheet.description}", ""]
    if sheet.keys:
        lines += [f"Key: {', '.join(f'`{k}`' for k in sheet.keys)} (bold below).", ""]
    lines += _column_rows(sheet.columns)
    if sheet.year_columns:
        unit = sheet.year_unit or "given by the row's `parameter` (below)"
        lines += ["", f"Year columns (e.g. `2025`, `2030`): values in {unit}, interpolated "
                  "linearly between given years and held flat outside."]
    if sheet.parameters:
        lines += ["", "| parameter | unit of the year values | range | meaning |",
                  "|---|---|---|---|"]
        lines += [f"| {p.name} | {_cell(p.unit)} | {_parameter_range(p)} | "
                  f"{_cell(p.description)} |" for p in sheet.parameters]
    if sheet.dynamic_prefixes:
        lines += ["", "Free-named columns: " + ", ".join(
            f"`{p}:<{ref[1]}>`" for p, ref in sheet.dynamic_prefixes.items()) + "."]
    return [*lines, ""]


def _parameter_range(p) -> str:
    parts = []
    if p.minimum is not None:
        parts.append(f">= {p.minimum:g}")
    if p.warn_below is not None:
        parts.append(f"below {p.warn_below:g}: warning")
    if p.plausible is not None:
        parts.append(f"plausible {p.plausible[0]:g} .. {p.plausible[1]:g}")
    return "; ".join(parts)


NUMBERS = [
    "Numbers are read as meant or refused, never guessed. Numbers typed as text are read "
    "when plain (`449.68`, `1e3`); text with a decimal comma or thousands separators "
    "(`449,68`, `1 234`) is refused with every reading it could have, and so is a "
    "percentage typed as text (`55%`): type the number into a number cell.",
    "`inf`, `nan` and numbers beyond a column's plausible range are refused: by default "
    f"+-{PLAUSIBLE_MAGNITUDE:g}, narrower where the tables below say so. Beyond it a number "
    "is a unit mistake (the solver would treat it as infinite).",
    "Fractions are written as fractions: 0.55 for 55 %. A fraction column holding a value "
    "such as 55 is reported as a percentage; so is a reduction target above "
    f"{MAX_REDUCTION:g} (a reduction between 1 and {MAX_REDUCTION:g} goes beyond net zero "
    "and needs a technology that removes emissions).",
    "Sheet names and column headers are matched ignoring case and surrounding spaces, with "
    "a warning; misspelt names get the closest valid one (\"did you mean\").",
]


def _limits() -> list[str]:
    lines = ["## Reading limits", "",
             "A workbook is looked at before it is read (`model/preflight.py`). Other files "
             "(.xls, .ods, .xlsb, CSV, folders, empty or password-protected files) are "
             "refused with what to do, and so is a workbook that would cost more to read "
             "than these limits: the message names the sheet or part and the limit. Malformed "
             "XML and XML declaring a document type or entities are refused too.", "",
             f"Raise a limit with the environment variable `{LIMITS_VARIABLE}`, e.g. "
             f"`{LIMITS_VARIABLE}=sheet_cells=20000000,part_mb=500`.", "",
             "| limit | default | what it bounds |", "|---|---|---|"]
    defaults = ReadLimits()
    for f in fields(ReadLimits):
        value = getattr(defaults, f.name)
        shown = f"{value:,}" if isinstance(value, int) else f"{value:g}"
        lines.append(f"| {f.name} | {shown} | {f.metadata['doc']} |")
    return [*lines, ""]


def render() -> str:
    lines = [HEADER]
    lines += ["## Conventions", ""] + [f"- {n}" for n in NOTES[1:]] + [""]
    lines += ["## Numbers and names", ""] + [f"- {n}" for n in NUMBERS] + [""]
    lines += _limits()
    lines += ["## Settings", "", "Rows of the `settings` sheet (`name`, `value`).", ""]
    lines += _column_rows(SETTINGS)
    lines.append("")
    for sheet in SHEETS:
        lines += _sheet(sheet)
    return "\n".join(lines)


def write_generated(text: str, default: str, argv: list[str] | None = None) -> int:
    """Write a generated page to the path given on the command line, else ``default``."""
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else default)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    return write_generated(render(), "docs/inputs.md", argv)


if __name__ == "__main__":
    raise SystemExit(main())
