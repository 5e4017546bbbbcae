"""The workbook writer (xlsxwriter): formatted sheets, Excel tables, native charts, print
set-up. It writes the results workbook, the portfolio workbook and the case template.

Every sheet written by :meth:`Workbook.table_sheet` has: its headers with units, wrapped and
frozen; one Excel table with filters and banded rows; a number format per cell from its
column's declared kind (:mod:`model.outputs.formats`); columns as wide as their widest cell;
and a print set-up: A4 landscape, one page wide, header row repeated on every page, sheet
name and page number in the margins (a one-page table such as the summary fits on one page).

Text is always written as text (``write_string``): a string from an input such as
``=HYPERLINK(...)``, ``+cmd``, ``@SUM(A1)`` or ``-1+2`` is never a formula, a link or a
number. Chart titles and series names are references to cells or plain text, never formulas.

Numbers are written with 16 significant digits (xlsxwriter's precision; the exact values are
in the run folder's Parquet files). Values within :data:`~model.outputs.formats.NOISE` of
zero are written as 0.

The helpers (:class:`Workbook`, :func:`sheet_names`, :func:`print_setup`) are meant to be
reused by other writers of the project (e.g. a study workbook).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from model.outputs.charts import ChartData
from model.outputs.formats import excel_format, number_text, refine
from model.outputs.shown import (
    MAX_TEXT_WIDTH,
    ShownColumn,
    ShownTable,
    column_letter,
    wrapped_lines,
)

MAX_ROWS = 1_048_576  #: Excel's limits per worksheet and per cell
MAX_COLUMNS = 16_384
MAX_CHARS = 32_767
MAX_SHEET_NAME = 31
HEADER_FILL = "#DDEBF7"  #: light blue (the template's year columns: YEAR_FILL)
YEAR_FILL = "#FFF2CC"
TITLE_SIZE = 13
TABLE_STYLE = "Table Style Light 9"
CHART_WIDTH, CHART_HEIGHT = 720, 420  #: pixels
CHART_ROWS, CHART_COLUMNS = 22, 12  #: rows (20 px) and columns (64 px) between two charts
CHARTS_PER_ROW, CHART_ROWS_PER_PAGE = 2, 2  #: the charts sheet prints 4 charts a page

_SHEET_NAME_ILLEGAL = re.compile(r"[\[\]:*?/\\]")
_OPTIONS = {"strings_to_formulas": False, "strings_to_urls": False,
            "strings_to_numbers": False, "nan_inf_to_errors": False}


def sheet_names(names: Iterable[str]) -> list[str]:
    """Excel sheet names: cut to 31 characters; raise for characters Excel refuses or for
    names that are then the same (Excel compares them without case)."""
    out: list[str] = []
    seen: set[str] = set()
    for name in names:
        short = str(name)[:MAX_SHEET_NAME]
        if not short or _SHEET_NAME_ILLEGAL.search(short) or short.startswith("'") \
                or short.endswith("'"):
            raise ValueError(f"{name!r} cannot name an Excel sheet (1-31 characters, none of "
                             "[ ] : * ? / \\, not starting or ending with ')")
        if short.lower() in seen:
            raise ValueError(f"sheet name {short!r} is used twice (Excel ignores case and "
                             "keeps 31 characters)")
        seen.add(short.lower())
        out.append(short)
    return out


#: Columns a landscape A4 page shows readably; wider tables print over several pages wide,
#: their key columns repeated on each (a cash-flow statement with a column per year).
COLUMNS_PER_PAGE = 16


def print_setup(ws: Worksheet, *, repeat_row: int | None = 0, one_page: bool = False,
                columns: int = 0, key_columns: int = 0) -> None:
    """A4 landscape, one page wide (and tall with ``one_page``), the header row repeated on
    each page, the sheet's name and the page number in the margins. A table of more than
    :data:`COLUMNS_PER_PAGE` ``columns`` prints over as many pages wide as it needs, with its
    ``key_columns`` repeated."""
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.set_margins(left=0.4, right=0.4, top=0.6, bottom=0.6)
    wide = -(-columns // COLUMNS_PER_PAGE) if columns > COLUMNS_PER_PAGE and not one_page else 1
    ws.fit_to_pages(wide, 1 if one_page else 0)
    if wide > 1 and key_columns:
        ws.repeat_columns(0, key_columns - 1)
    if repeat_row is not None:
        ws.repeat_rows(repeat_row)
    ws.set_header("&L&A&R&F")
    ws.set_footer("&CPage &P of &N")


@dataclass
class Placement:
    """Where a written table's columns are: sheet, first and last data row (0-based) and
    the column of each header (as shown); for charts' references."""

    sheet: str
    header_row: int
    first_row: int
    last_row: int
    columns: dict[str, int] = field(default_factory=dict)


class Workbook:
    """An xlsxwriter workbook with the project's formats; close it with :meth:`close`."""

    def __init__(self, path: str | Path, *, creator: str = "cluster-pathways") -> None:
        self.path = Path(path)
        self.book = xlsxwriter.Workbook(str(self.path), _OPTIONS)
        self.book.set_properties({"author": creator, "comments": "written by " + creator})
        self._formats: dict[tuple, object] = {}
        self._table_names: set[str] = set()
        self.sheets: dict[str, Worksheet] = {}

    # formats ---------------------------------------------------------------------------

    def format(self, kind: str = "text", unit: str | None = None, **extra) -> object:
        """The cell format of a kind (and a unit shown beside the number), cached."""
        key = (kind, unit, tuple(sorted(extra.items())))
        fmt = self._formats.get(key)
        if fmt is None:
            props = {"valign": "top", **extra}
            if kind not in ("text", "bool"):
                props["num_format"] = excel_format(kind, unit)
            fmt = self._formats[key] = self.book.add_format(props)
        return fmt

    def header_format(self, fill: str = HEADER_FILL) -> object:
        return self.format("text", bold=True, text_wrap=True, valign="top", bg_color=fill,
                           bottom=1)

    # sheets ----------------------------------------------------------------------------

    def add_sheet(self, name: str) -> Worksheet:
        (checked,) = sheet_names([name])
        if checked.lower() in (s.lower() for s in self.sheets):
            raise ValueError(f"sheet name {checked!r} is used twice")
        ws = self.book.add_worksheet(checked)
        self.sheets[checked] = ws
        return ws

    def table_sheet(self, shown: ShownTable, sheet: str | None = None, *,
                    one_page: bool | None = None, frozen_columns: int | None = None,
                    header_fill: str = HEADER_FILL) -> Placement:
        """A sheet holding one table (see the module's docstring)."""
        ws = self.add_sheet(sheet or shown.name)
        placement = self.write_table(ws, shown, 0, header_fill=header_fill)
        table = shown.table
        frozen = frozen_columns if frozen_columns is not None else (
            table.frozen_columns if table else 0)
        ws.freeze_panes(1, frozen)
        print_setup(ws, repeat_row=0, one_page=one_page if one_page is not None else bool(
            table and table.one_page), columns=len(shown.columns), key_columns=max(frozen, 1))
        return placement

    def write_table(self, ws: Worksheet, shown: ShownTable, row: int, *,
                    header_fill: str = HEADER_FILL, title: str | None = None,
                    widths: bool = True) -> Placement:
        """An Excel table at ``row`` (under a bold ``title`` if given); sets the columns'
        widths unless ``widths`` is False. Returns where its columns are."""
        n_rows, n_cols = shown.n_rows, len(shown.columns)
        if n_rows + row + 2 > MAX_ROWS or n_cols > MAX_COLUMNS:
            raise ValueError(f"a table of {n_rows} rows and {n_cols} columns does not fit "
                             f"a worksheet ({MAX_ROWS - 1} rows and {MAX_COLUMNS} columns at "
                             "most)")
        if title is not None:
            ws.write_string(row, 0, title, self.format("text", bold=True, font_size=TITLE_SIZE))
            row += 1
        headers = _unique([c.header for c in shown.columns])
        placement = Placement(ws.get_name(), row, row + 1, row + max(n_rows, 1),
                              {h: j for j, h in enumerate(headers)})
        if not n_cols:
            return placement
        head = self.header_format(header_fill)
        ws.add_table(row, 0, row + max(n_rows, 1), n_cols - 1, {
            "name": self._table_name(shown.name),
            "style": TABLE_STYLE,
            "columns": [{"header": h[:255], "header_format": head} for h in headers],
        })
        ws.set_row(row, 15 * shown.header_lines)
        lines = [1] * n_rows
        for j, column in enumerate(shown.columns):
            wrap = column.kind in ("text", "auto") and column.width >= MAX_TEXT_WIDTH
            if widths:
                ws.set_column(j, j, column.width)
            self.write_column(ws, row + 1, j, column, wrap=wrap)
            if wrap:
                for i, v in enumerate(column.values):
                    if isinstance(v, str) and len(v) > column.width - 2:
                        # proportional text: about 1.15 characters per unit of width
                        lines[i] = max(lines[i], wrapped_lines(v, column.width * 1.15 - 2))
        for i, n in enumerate(lines):  # wrapped cells: rows as tall as their lines
            if n > 1:
                ws.set_row(row + 1 + i, 15 * n)
        return placement

    def write_column(self, ws: Worksheet, first_row: int, col: int, column: ShownColumn,
                     wrap: bool = False) -> None:
        """A column's cells from ``first_row`` down, each with the format of its kind; text
        wrapped within the column's width with ``wrap``."""
        uniform = column.kinds is None and column.units is None
        fmt = self.format(column.kind) if uniform else None
        text = self.format("text", text_wrap=True, valign="top") if wrap else \
            self.format("text", valign="top")
        price = column.kind == "price"
        write_number, write_string = ws.write_number, ws.write_string
        for i, v in enumerate(column.values):
            if v is None:
                continue
            r = first_row + i
            if isinstance(v, str):
                write_string(r, col, v[:MAX_CHARS], text)
            elif isinstance(v, bool):
                ws.write_boolean(r, col, v)
            elif isinstance(v, int | float):
                if uniform and not price:
                    write_number(r, col, v, fmt)
                else:
                    kind = refine(column.kind_of(i), float(v))
                    write_number(r, col, v, self.format(kind, column.unit_of(i)))
            elif isinstance(v, datetime):
                ws.write_datetime(r, col, v.replace(tzinfo=None),
                                  self.format("text", num_format="yyyy-mm-dd hh:mm:ss"))
            elif isinstance(v, date):
                ws.write_datetime(r, col, datetime(v.year, v.month, v.day),
                                  self.format("text", num_format="yyyy-mm-dd"))
            else:
                write_string(r, col, str(v)[:MAX_CHARS], text)

    def _table_name(self, name: str) -> str:
        base = "t_" + re.sub(r"\W", "_", name)[:200]
        candidate, i = base, 2
        while candidate.lower() in self._table_names:
            candidate = f"{base}_{i}"
            i += 1
        self._table_names.add(candidate.lower())
        return candidate

    # charts ----------------------------------------------------------------------------

    def chart_sheets(self, charts: list[ChartData], data_sheet: str = "chart data",
                     chart_sheet: str | Worksheet = "charts") -> dict[str, Placement]:
        """A sheet of native charts (``chart_sheet``: its name, or a sheet added before) and
        a sheet of the numbers behind them, one block per chart; each series points at its
        block's column. Returns the blocks' placements by chart name."""
        from model.outputs.schema import CHART_DATA
        from model.outputs.shown import show

        if not charts:
            return {}
        view = self.add_sheet(chart_sheet) if isinstance(chart_sheet, str) else chart_sheet
        data = self.add_sheet(data_sheet)
        row = 0
        widths: dict[int, float] = {}
        placements: dict[str, Placement] = {}
        for chart in charts:
            frame = chart.frame()
            shown = show(chart.name, frame, CHART_DATA)
            for j, c in enumerate(shown.columns):
                c.kind = "year" if j == 0 and chart.category_title == "year" else \
                    ("text" if j == 0 else (chart.value_kind2 if chart.series[j - 1].secondary
                                            else chart.value_kind))
                if j == 0 and c.kind == "text":  # numbers as axis labels: as formatted
                    c.values = [number_text(v, "mass") if isinstance(v, float) else v
                                for v in c.values]
                widths[j] = max(widths.get(j, 0), c.width, 12)
            shown.header_lines = max(shown.header_lines, 2)
            placement = self.write_table(data, shown, row, title=chart.title, widths=False)
            placements[chart.name] = placement
            row = placement.last_row + 3
        for j, w in widths.items():
            data.set_column(j, j, w)
        print_setup(data, repeat_row=None)
        view.write_string(0, 0, "Charts (their numbers are on the sheet "
                          f"'{data_sheet}')", self.format("text", bold=True,
                                                          font_size=TITLE_SIZE))
        for k, chart in enumerate(charts):
            native = self._chart(chart, placements[chart.name])
            line, position = divmod(k, CHARTS_PER_ROW)
            view.insert_chart(1 + line * CHART_ROWS, position * CHART_COLUMNS, native,
                              {"x_offset": 5, "y_offset": 5})
        lines = -(-len(charts) // CHARTS_PER_ROW)
        view.set_h_pagebreaks([1 + k * CHART_ROWS for k in
                               range(CHART_ROWS_PER_PAGE, lines, CHART_ROWS_PER_PAGE)])
        print_setup(view, repeat_row=None)
        view.print_area(0, 0, lines * CHART_ROWS, CHARTS_PER_ROW * CHART_COLUMNS)
        return placements

    def _chart(self, chart: ChartData, at: Placement) -> object:
        stacked = chart.kind == "stacked"
        main_type = {"line": "line", "column": "column", "stacked": "column",
                     "bar": "bar"}[chart.kind]
        options = {"type": main_type}
        if stacked:
            options["subtype"] = "stacked"
        native = self.book.add_chart(options)
        line = None
        sheet = at.sheet
        cats = [sheet, at.first_row, 0, at.last_row, 0]
        for j, s in enumerate(chart.series, start=1):
            series = {"name": [sheet, at.header_row, j], "categories": cats,
                      "values": [sheet, at.first_row, j, at.last_row, j]}
            if s.kind == "markers":
                series.update(line={"none": True},
                              marker={"type": "diamond", "size": 9,
                                      "fill": {"color": s.colour},
                                      "border": {"color": s.colour}})
            elif s.kind == "line" or main_type == "line":
                series.update(line={"color": s.colour, "width": 2.25},
                              marker={"type": "none"})
            else:
                series.update(fill={"color": s.colour}, border={"none": True})
            if s.secondary:
                series["y2_axis"] = True
            if main_type != "line" and s.kind in ("line", "markers"):
                if line is None:
                    line = self.book.add_chart({"type": "line"})
                line.add_series(series)
            else:
                native.add_series(series)
        if line is not None:
            native.combine(line)
        native.show_blanks_as("span")  # a line joins its points across missing values
        native.set_title({"name": _plain(chart.title), "name_font": {"size": 12}})
        native.set_y_axis({"name": _plain(chart.y_title), "num_format": _axis_format(
            chart.value_kind), "major_gridlines": {"visible": True,
                                                   "line": {"color": "#D9D9D9"}}})
        if chart.y2_title:
            (line or native).set_y2_axis({"name": _plain(chart.y2_title),
                                          "num_format": _axis_format(chart.value_kind2)})
        x_axis = {"name": _plain(chart.x_title)} if chart.x_title else {}
        if chart.kind != "bar":
            x_axis["label_position"] = "low"
        native.set_x_axis(x_axis)
        native.set_legend({"position": "bottom", "font": {"size": 8}})
        native.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
        if stacked:
            native.set_plotarea({"layout": None})
        return native

    def close(self) -> Path:
        self.book.close()
        return self.path


def _axis_format(kind: str) -> str:
    """Axis labels: money without decimals, other numbers as short as they can be."""
    return "#,##0" if kind == "money" else "General"


def _plain(text: str) -> str:
    """Chart text as text: xlsxwriter reads a title starting with '=' as a reference."""
    return " " + text if text.startswith("=") else text


def _unique(headers: list[str]) -> list[str]:
    """Headers made unique without case, as Excel tables require (' (2)' appended)."""
    seen: set[str] = set()
    out = []
    for h in headers:
        h = h or "column"
        candidate, i = h, 2
        while candidate.lower() in seen:
            candidate = f"{h} ({i})"
            i += 1
        seen.add(candidate.lower())
        out.append(candidate)
    return out


__all__ = ["Workbook", "Placement", "print_setup", "sheet_names", "column_letter"]
