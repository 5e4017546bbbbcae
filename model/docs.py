"""``docs/inputs.md``, generated from the schema: ``python -m model.docs [PATH]``."""

from __future__ import annotations

import sys
from pathlib import Path

from model.schema import SETTINGS, SHEETS, Column, Sheet
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
        lines += ["", "| parameter | unit of the year values | meaning |", "|---|---|---|"]
        lines += [f"| {p.name} | {_cell(p.unit)} | {_cell(p.description)} |"
                  for p in sheet.parameters]
    if sheet.dynamic_prefixes:
        lines += ["", "Free-named columns: " + ", ".join(
            f"`{p}:<{ref[1]}>`" for p, ref in sheet.dynamic_prefixes.items()) + "."]
    return [*lines, ""]


def render() -> str:
    lines = [HEADER]
    lines += ["## Conventions", ""] + [f"- {n}" for n in NOTES[1:]] + [""]
    lines += ["## Settings", "", "Rows of the `settings` sheet (`name`, `value`).", ""]
    lines += _column_rows(SETTINGS)
    lines.append("")
    for sheet in SHEETS:
        lines += _sheet(sheet)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0] if args else "docs/inputs.md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(), encoding="utf-8")
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
