"""Charts as inline SVG for report.html, drawn with matplotlib's SVG backend.

The same :class:`~model.outputs.charts.ChartData` the workbook's native charts are made from:
same series, colours, titles and number formats. Text stays text in the SVG (selectable,
printed sharp); each chart's ids are salted with its name, so several charts can share a
page; no date is written, so the same data gives the same SVG.
"""

from __future__ import annotations

import io
import math
import re
import textwrap

import matplotlib
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from model.outputs.charts import ChartData

WIDTH, HEIGHT = 6.4, 3.9  #: inches (half the report's width on screen, text about 9 px)
MAX_X_LABELS = 9
#: Characters of a legend line at the right of the plot (about its 0.27 of the width at 8 pt);
#: longer labels wrap onto more lines instead of running off the chart.
LEGEND_RIGHT_CHARS = 24
_STYLE = {"svg.fonttype": "none", "font.family": "sans-serif", "font.size": 9,
          "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 11,
          "axes.titleweight": "bold", "axes.titlelocation": "left"}


def _text(label: object) -> str:
    """A label as literal text (matplotlib reads $...$ as mathematics)."""
    return str(label).replace("$", r"\$")


def chart_svg(chart: ChartData) -> str:
    """The chart as an ``<svg>`` element that scales to its container's width."""
    with matplotlib.rc_context({**_STYLE, "svg.hashsalt": chart.name}):
        figure = Figure(figsize=(WIDTH, HEIGHT))
        FigureCanvasSVG(figure)
        _draw(figure, chart)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    text = buffer.getvalue()
    text = text[text.index("<svg"):]
    return re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"',
                  r'<svg\1 class="chart" role="img" preserveAspectRatio="xMidYMid meet"',
                  text, count=1)


def _draw(figure: Figure, chart: ChartData) -> None:
    ax = figure.add_subplot(1, 1, 1)
    n = len(chart.categories)
    # a line over numbers is drawn to scale: years (2024, 2025, 2030 ... are not evenly
    # spaced) and quantities (the abatement of a MAC curve)
    numeric = chart.kind == "line" and n > 0 and all(
        isinstance(c, int | float) and not isinstance(c, bool) for c in chart.categories)
    years = numeric and all(isinstance(c, int) for c in chart.categories)
    x = list(chart.categories) if numeric else list(range(n))
    bars = [s for s in chart.series if s.kind == "column" and not s.secondary]
    others = [s for s in chart.series if s not in bars]
    if chart.kind == "bar":
        _bars_horizontal(ax, chart)
    elif chart.kind == "stacked":
        up, down = [0.0] * n, [0.0] * n
        for s in bars:
            values = [v or 0.0 for v in s.values]
            bottoms = [up[i] if v >= 0 else down[i] for i, v in enumerate(values)]
            ax.bar(x, values, 0.7, bottom=bottoms, color=s.colour, label=_text(s.name),
                   linewidth=0)
            for i, v in enumerate(values):
                if v >= 0:
                    up[i] += v
                else:
                    down[i] += v
    elif bars:
        width = 0.8 / len(bars)
        for k, s in enumerate(bars):
            offset = (k - (len(bars) - 1) / 2) * width
            ax.bar([i + offset for i in x], [v or 0.0 for v in s.values], width,
                   color=s.colour, label=_text(s.name), linewidth=0)
    axis2 = None
    for s in others:
        target = ax
        if s.secondary:
            axis2 = axis2 or ax.twinx()
            target = axis2
        points = [(i, v) for i, v in zip(x, s.values, strict=True) if v is not None]
        if not points:
            continue
        xs, ys = zip(*points, strict=True)
        if s.kind == "markers":
            target.scatter(xs, ys, marker="D", s=45, color=s.colour, zorder=5,
                           label=_text(s.name))
        else:
            target.plot(xs, ys, color=s.colour, linewidth=2, label=_text(s.name),
                        marker="o" if n < 12 else None, markersize=3)
    if years and n <= MAX_X_LABELS:  # the modelled years themselves: 2025, 2030 ... 2050
        ax.set_xticks(x, [str(c) for c in chart.categories])
    elif years:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=MAX_X_LABELS, integer=True))
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))
    elif numeric:
        ax.xaxis.set_major_locator(MaxNLocator(nbins=MAX_X_LABELS))
        ax.xaxis.set_major_formatter(FuncFormatter(_tick))
    long_labels = not numeric and any(len(str(c)) > 8 for c in chart.categories)
    if chart.kind != "bar":
        step = max(1, math.ceil(n / MAX_X_LABELS))
        if not numeric:
            ax.set_xticks(x[::step], [_text(c) for c in chart.categories[::step]])
        if long_labels:
            for label in ax.get_xticklabels():
                label.set_rotation(20)
                label.set_horizontalalignment("right")
        ax.yaxis.set_major_formatter(FuncFormatter(_tick))
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_ylabel(_text(chart.y_title))
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
    if chart.x_title:
        ax.set_xlabel(_text(chart.x_title))
    if axis2 is not None:
        axis2.set_ylabel(_text(chart.y2_title))
        axis2.spines["right"].set_visible(True)
        axis2.yaxis.set_major_formatter(FuncFormatter(_tick))
    ax.set_title(_text(chart.title))
    handles, labels = ax.get_legend_handles_labels()
    if axis2 is not None:
        h2, l2 = axis2.get_legend_handles_labels()
        handles, labels = handles + h2, labels + l2
    right = 0.90 if axis2 is not None else 0.97
    bottom = 0.2 if long_labels else 0.12
    below = -0.1 if bottom < 0.2 else -0.25  # where a legend below the plot starts
    if chart.x_title and chart.kind != "bar":  # the axis title sits between axis and legend
        bottom += 0.06
        below -= 0.1
    if len(handles) > 1 or chart.kind == "stacked":
        if len(handles) > 4:  # a legend at the right
            right -= 0.27
            labels = [textwrap.fill(label, LEGEND_RIGHT_CHARS, break_long_words=True)
                      for label in labels]
            ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(
                1.02 if axis2 is None else 1.14, 1.0), frameon=False, fontsize=8)
        else:  # below the plot
            bottom += 0.08
            ax.legend(handles, labels, loc="upper center", bbox_to_anchor=(
                0.5, below), frameon=False, fontsize=8,
                ncols=max(1, min(len(handles), 80 // max(len(label) + 6 for label in labels))))
    left = 0.12 if chart.kind != "bar" else 0.25
    # fixed margins: tight_layout would draw every chart twice
    figure.subplots_adjust(left=left, right=right, bottom=bottom, top=0.9)


def _bars_horizontal(ax, chart: ChartData) -> None:
    n = len(chart.categories)
    bars = [s for s in chart.series if s.kind == "column"]
    height = 0.8 / max(len(bars), 1)
    for k, s in enumerate(bars):
        offset = (k - (len(bars) - 1) / 2) * height
        ax.barh([i + offset for i in range(n)], [v or 0.0 for v in s.values], height,
                color=s.colour, label=_text(s.name))
    ax.set_yticks(range(n), [_text(c) for c in chart.categories])
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(FuncFormatter(_tick))
    ax.set_xlabel(_text(chart.y_title))


def _tick(value: float, _position: object = None) -> str:
    """An axis tick: thousands separated, no trailing zeros (7,000 and 2.5, not 7,000.00)."""
    text = f"{value:,.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
