"""The results and portfolio workbooks, from tables and their declarations.

Sheet order: ``about`` (what each sheet holds, from the declarations), the tables in the
declared order (the summary first), ``charts`` (native charts) after the summary, then the
other tables, and ``chart data`` (the numbers behind the charts) last. Tables without rows
are left out; a table without a declaration is written as found (and listed in ``about``).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from model.outputs.charts import ChartData
from model.outputs.excel import Workbook
from model.outputs.schema import ABOUT, CHART_DATA, TABLES, Table
from model.outputs.shown import show

CHARTS_NOTE = ("Native Excel charts of the results; their series point at the 'chart data' "
               "sheet.")


def about_frame(sheets: list[str], notes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """One row per sheet with what it holds (the declaration's description)."""
    notes = dict(notes or {})
    notes.setdefault("charts", CHARTS_NOTE)
    notes.setdefault(CHART_DATA.name, CHART_DATA.description)
    rows = [(s, notes.get(s) or (TABLES[s].description if s in TABLES else "")) for s in sheets]
    return pd.DataFrame(rows, columns=["sheet", "what it holds"])


def ordered_sheets(tables: Mapping[str, pd.DataFrame], order: tuple[Table, ...]) -> list[str]:
    """Names of the tables to write (non-empty), in the declared order, undeclared last."""
    names = [t.name for t in order if t.name in tables]
    names += [n for n in tables if n not in names]
    return [n for n in names if n != ABOUT.name and not tables[n].empty]


def write_book(path: Path, tables: Mapping[str, pd.DataFrame], order: tuple[Table, ...],
               charts: list[ChartData], *, money: str | None = None,
               notes: Mapping[str, str] | None = None) -> Path:
    """Write the workbook of ``tables`` (plus about, charts and chart data sheets)."""
    names = ordered_sheets(tables, order)
    drawn = [c for c in charts if not c.empty]
    sheets = ["about", *names[:1], *(["charts"] if drawn else []), *names[1:],
              *([CHART_DATA.name] if drawn else [])]
    book = Workbook(path)
    try:
        book.table_sheet(show("about", about_frame(sheets, notes), ABOUT))
        view = None
        for k, name in enumerate(names):
            book.table_sheet(show(name, tables[name], money=money))
            if k == 0 and drawn:
                view = book.add_sheet("charts")
        if drawn:
            book.chart_sheets(drawn, chart_sheet=view if view is not None else "charts")
    finally:
        book.close()
    return path
