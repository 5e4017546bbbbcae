"""``study.xlsx`` of a near-optimal alternatives study: declared tables and native range charts.

Sheets: ``about`` (the study, its slack, the optimum and the cost bound, how to read the
rest); ``groups`` (each group's measure: optimum, min, max within the slack, share of
alternatives with it, verdict); ``ranges`` (the same by modelled year, with the share of
alternatives that build the group in the year) and ``charts`` (one native range chart per
group: a bar from the minimum to the maximum in each year and the optimum as a marker);
``technologies`` (each technology built in some alternative: indispensable or
interchangeable, with what replaces it); ``alternatives`` (each direction: status, cost
against the optimum, every group's measure); ``plans`` (each alternative's capacity table,
with ``--plans``). The tables are declared below (columns, units, number formats) and
written by the project's workbook writer (:mod:`model.outputs.excel`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from model.atomic import replacing
from model.outputs.excel import CHART_HEIGHT, CHART_WIDTH, TITLE_SIZE, Workbook, print_setup
from model.outputs.schema import Column, Table
from model.outputs.shown import show, wrapped_lines


def _text(key: str, description: str) -> Column:
    return Column(key, "", description, "text")


def _q(key: str, description: str, unit: str = "{unit}") -> Column:
    return Column(key, unit, description, "quantity")


def _share(key: str, description: str) -> Column:
    return Column(key, "", description, "percent")


GROUPS = Table("groups", "group of technologies", (
    "Each group's measure, as the directions minimise and maximise it (over its years), "
    "within the slack above the least cost."), (
    _text("group", "Group, as named in the alternatives sheet."),
    _text("technologies", "The technologies its selection picks in the base case."),
    _text("measure", "What is measured: mean installed capacity or mean yearly activity "
          "over the years, or capacity commissioned in them."),
    _text("unit", "Unit of the measure (the technologies' own)."),
    Column("alternatives", "", "Alternatives solved to optimality (the optimum included).",
           "integer"),
    _q("optimum", "The measure in the least-cost plan."),
    _q("min", "The lowest value among the alternatives (the group's min direction, unless "
       "another alternative went lower)."),
    _q("max", "The highest value among the alternatives."),
    _share("share with it", "Share of alternatives where the measure is above zero."),
    _text("verdict", "indispensable: above zero in every near-optimal plan; optional: zero "
          "in some; never: zero in all."),
), frozen_columns=1)

RANGES = Table("ranges", "group and modelled year", (
    "Each group's measure in each modelled year over the alternatives: the optimum, the "
    "range within the slack and the share of alternatives that build it in the year."), (
    _text("group", "Group."),
    Column("year", "", "Modelled year.", "year"),
    Column("in the measure", "", "Whether the year is one the directions optimise.", "bool"),
    _text("unit", "Unit of the measure."),
    _q("optimum", "The measure in the year, in the least-cost plan."),
    _q("min", "Lowest among the alternatives."),
    _q("max", "Highest among the alternatives."),
    _q("spread", "max - min: the room the slack leaves in the year."),
    _share("share building", "Share of alternatives that commission capacity of the group "
           "in the year's block."),
), frozen_columns=1)

TECHNOLOGIES = Table("technologies", "technology built in some alternative", (
    "Which technologies every near-optimal plan builds, and which can be replaced."), (
    _text("technology", "Technology."),
    _text("category", "Technology category."),
    _text("capacity_unit", "Unit of its capacity."),
    _q("built at the optimum", "Capacity commissioned over the horizon in the least-cost "
       "plan.", "{capacity_unit}"),
    _q("built, min", "Least capacity commissioned over the horizon among the alternatives.",
       "{capacity_unit}"),
    _q("built, max", "Most capacity commissioned over the horizon among the alternatives.",
       "{capacity_unit}"),
    _share("share building", "Share of alternatives that commission some of it."),
    _text("verdict", "indispensable: built in every near-optimal plan; interchangeable: some "
          "plans do without it."),
    _text("replaced by", "Technologies built more in the alternatives without it than in "
          "those with it, by at least a quarter of their own range (capacity built over the "
          "horizon): what replaces it."),
), frozen_columns=1)

ALTERNATIVES = Table("alternatives", "alternative (direction)", (
    "Each alternative: the direction that gave it, its cost and every group's measure."), (
    Column("variant", "", "Number of the alternative (0: the optimum).", "integer"),
    _text("kind", "optimum, min, max or random."),
    _text("label", "The direction."),
    _text("status", "optimal, or why the direction has no plan."),
    Column("net present cost", "{money}", "The plan's net present cost (without penalties "
           "of missed targets).", "money"),
    _share("above the optimum", "(cost - optimum) / |optimum|: at most the slack."),
    Column("{group}", "{gunit}", "The group's measure in this alternative.", "quantity"),
    Column("seconds", "s", "Time to solve and read the direction.", "number"),
    Column("warm", "", "Solved warm from the optimal basis.", "bool"),
    _text("message", "What went wrong, if anything."),
), frozen_columns=3)

PLANS = Table("plans", "alternative, technology and modelled year", (
    "Each alternative's plan (python run.py study FILE --plans)."), (
    Column("alternative", "", "Number of the alternative (0: the optimum).", "integer"),
    _text("direction", "The direction that gave it."),
    _text("technology", "Technology."), _text("category", "Technology category."),
    Column("year", "", "Modelled year.", "year"),
    _q("capacity", "Capacity in service.", "{capacity_unit}"),
    _q("new", "Capacity commissioned in the year.", "{capacity_unit}"),
    _q("residual", "Existing capacity still scheduled.", "{capacity_unit}"),
    _q("retired early", "Residual capacity retired early and still missing.",
       "{capacity_unit}"),
    _q("activity", "Activity over the year.", "{activity_unit}"),
    _text("capacity_unit", "Unit of capacity."), _text("activity_unit", "Unit of activity."),
), frozen_columns=3)

TABLES = {t.name: t for t in (GROUPS, RANGES, TECHNOLOGIES, ALTERNATIVES, PLANS)}

OPTIMUM_COLOUR, RANGE_COLOUR = "#C00000", "#9DC3E6"
ABOUT_WIDTH = 110  #: characters of the about sheet's text column


def write_alternatives_workbook(path: Path, about: list[tuple[str, object]],
                                tables: dict[str, pd.DataFrame], money: str) -> Path:
    """Write ``study.xlsx`` (atomically: a temporary file renamed into place). ``about``:
    (item, value) lines of the about sheet; ``tables``: the frames by declared name."""
    with replacing(path) as tmp:
        wb = Workbook(str(tmp))
        _about(wb, about)
        placements = {}
        for name in ("groups", "ranges", "technologies", "alternatives", "plans"):
            frame = tables.get(name)
            if frame is None:
                continue
            shown = show(name, frame, TABLES[name], money=money)
            placements[name] = wb.table_sheet(shown, name)
        if "ranges" in placements and len(tables["ranges"]):
            _charts(wb, tables["ranges"], placements["ranges"])
        wb.close()
    return path


def _about(wb: Workbook, lines: list[tuple[str, object]]) -> None:
    ws = wb.add_sheet("about")
    ws.write_string(0, 0, str(lines[0][1]), wb.format("text", bold=True, font_size=TITLE_SIZE))
    text = wb.format("text", text_wrap=True, valign="top")
    for r, (item, value) in enumerate(lines[1:], start=2):
        ws.write_string(r, 0, str(item), wb.format("text", bold=True))
        if isinstance(value, bool) or value is None:
            ws.write_string(r, 1, "" if value is None else ("yes" if value else "no"), text)
        elif isinstance(value, int):
            ws.write_number(r, 1, value, wb.format("integer", align="left"))
        elif isinstance(value, float):
            ws.write_number(r, 1, value, wb.format("money", align="left"))
        else:
            ws.write_string(r, 1, str(value), text)  # never a formula
            lines = wrapped_lines(str(value), ABOUT_WIDTH * 1.15 - 2)
            if lines > 1:
                ws.set_row(r, 15 * lines)
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, ABOUT_WIDTH)
    print_setup(ws, repeat_row=None, one_page=True)


def _charts(wb: Workbook, ranges: pd.DataFrame, at) -> None:
    """One native range chart per group: for each year a floating bar from the minimum to
    the maximum (a stacked column on an invisible base at the minimum; measures are not negative) and the optimum as a
    marker; the numbers are the ranges sheet's."""
    ws = wb.add_sheet("charts")
    ws.write_string(0, 0, "Range of each group within the slack: bar from the lowest to "
                    "the highest alternative, marker at the least-cost plan (numbers on the "
                    "sheet 'ranges')", wb.format("text", bold=True, font_size=TITLE_SIZE))
    sheet = at.sheet
    col = {k: at.columns[h] for k, h in _headers(at).items()}
    for k, (group, rows) in enumerate(ranges.groupby("group", sort=False)):
        first = at.first_row + int(rows.index[0])
        last = at.first_row + int(rows.index[-1])
        unit = str(rows["unit"].iloc[0])
        cats = [sheet, first, col["year"], last, col["year"]]
        chart = wb.book.add_chart({"type": "column", "subtype": "stacked"})
        chart.add_series({"name": "lowest", "categories": cats,
                          "values": [sheet, first, col["min"], last, col["min"]],
                          "fill": {"none": True}, "border": {"none": True}})
        chart.add_series({"name": "range within the slack", "categories": cats,
                          "values": [sheet, first, col["spread"], last, col["spread"]],
                          "fill": {"color": RANGE_COLOUR}, "border": {"color": "#2F5597"},
                          "gap": 80})
        optimum = wb.book.add_chart({"type": "line"})
        optimum.add_series({"name": "least-cost plan", "categories": cats,
                            "values": [sheet, first, col["optimum"], last, col["optimum"]],
                            "line": {"none": True},
                            "marker": {"type": "diamond", "size": 9,
                                       "fill": {"color": OPTIMUM_COLOUR},
                                       "border": {"color": OPTIMUM_COLOUR}}})
        chart.combine(optimum)
        title = f"{group}: range within the slack [{unit}]"
        chart.set_title({"name": (" " + title) if title.startswith("=") else title,
                         "name_font": {"size": 12}})
        chart.set_y_axis({"name": unit, "min": 0, "major_gridlines": {
            "visible": True, "line": {"color": "#D9D9D9"}}})
        chart.set_x_axis({"name": "year"})
        chart.set_legend({"position": "bottom", "delete_series": [0]})
        chart.set_size({"width": CHART_WIDTH, "height": CHART_HEIGHT})
        line, position = divmod(k, 2)
        ws.insert_chart(1 + line * 22, position * 12, chart, {"x_offset": 5, "y_offset": 5})
    print_setup(ws, repeat_row=None)


def _headers(at) -> dict[str, str]:
    """Shown headers of the ranges columns the charts read (their units may be written
    out)."""
    out = {}
    for header in at.columns:
        for key in ("year", "optimum", "min", "max", "spread"):
            if header == key or header.startswith(key + " ["):
                out.setdefault(key, header)
    return out
