"""report.html: one self-contained page per run (or portfolio) that works offline.

Headline figures, the charts as inline SVG (:mod:`model.outputs.svg`) and the tables
declared for the report (``in_report``), in the number formats of the workbook. No script,
no external style sheet, font or image: a Content-Security-Policy forbids every fetch. Every
text from an input is escaped. Print CSS lays it out on A4 landscape pages, a chart never
split across two.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from model.outputs.charts import ChartData
from model.outputs.shown import ShownTable
from model.outputs.svg import chart_svg

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --head: #ddebf7; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", "DejaVu Sans", Arial, sans-serif; color: var(--ink);
       margin: 0 auto; padding: 24px 32px; max-width: 1200px; font-size: 14px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 2px solid var(--line);
     padding-bottom: 4px; }
p.meta, p.note, figcaption, .description { color: var(--muted); }
.headline { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
            gap: 12px; margin: 16px 0; align-items: start; }
.figure { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.figure .label { font-size: 12px; color: var(--muted); }
.figure .value { font-size: 20px; font-weight: 600; margin: 2px 0; }
.figure .comment { font-size: 11px; color: var(--muted); }
.figure.bad .value { color: #b42318; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 14px; }
figure.chart { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 8px; }
svg.chart { width: 100%; height: auto; display: block; }
figcaption { font-size: 12px; margin-top: 4px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12px; margin: 6px 0 12px; }
th { background: var(--head); text-align: left; vertical-align: bottom; padding: 4px 6px;
     border-bottom: 1px solid #9fb3c8; }
td { padding: 3px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #f7fafc; }
footer { margin-top: 32px; font-size: 12px; color: var(--muted); }
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { padding: 0; max-width: none; font-size: 11px; }
  .charts { grid-template-columns: 1fr 1fr; }
  figure.chart, .figure, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  table { font-size: 9px; }
  thead { display: table-header-group; }
  .table-wrap { overflow: visible; }
}
"""

CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src 'none'; "
       "script-src 'none'; connect-src 'none'")


@dataclass
class Headline:
    """One headline figure: its label, the value as text (unit included) and a comment."""

    label: str
    value: str
    comment: str = ""
    bad: bool = False  #: shown in red (a missed target, no solution)


def table_html(shown: ShownTable) -> str:
    """A table with its headers (units included) and the workbook's number formats."""
    head = "".join(f"<th>{escape(c.header)}</th>" for c in shown.columns)
    rows = []
    for i in range(shown.n_rows):
        cells = []
        for c in shown.columns:
            value = c.values[i]
            number = isinstance(value, int | float) and not isinstance(value, bool)
            cells.append(f'<td class="num">{escape(c.text(i))}</td>' if number
                         else f"<td>{escape(c.text(i))}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (f'<div class="table-wrap"><table id="table-{escape(shown.name)}"><thead><tr>'
            f'{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def report_html(title: str, subtitle: str, headline: list[Headline], charts: list[ChartData],
                tables: list[ShownTable], footer: str = "") -> str:
    """The whole page."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1><p class=\"meta\">{escape(subtitle)}</p></header>",
    ]
    if headline:
        parts.append('<section class="headline" id="headline">')
        for h in headline:
            parts.append(
                f'<div class="figure{" bad" if h.bad else ""}"><div class="label">'
                f'{escape(h.label)}</div><div class="value">{escape(h.value)}</div>'
                f'<div class="comment">{escape(h.comment)}</div></div>')
        parts.append("</section>")
    if charts:
        parts.append('<h2>Charts</h2><section class="charts" id="charts">')
        for chart in charts:
            parts.append(f'<figure class="chart" id="chart-{escape(_id(chart.name))}">'
                         f"{chart_svg(chart)}<figcaption>{escape(chart.description)}"
                         "</figcaption></figure>")
        parts.append("</section>")
    for shown in tables:
        parts.append(f'<section class="table" id="section-{escape(_id(shown.name))}">'
                     f"<h2>{escape(shown.name.replace('_', ' '))}</h2>"
                     f'<p class="description">{escape(shown.description)}</p>'
                     f"{table_html(shown)}</section>")
    parts.append(f"<footer>{escape(footer)}</footer></body></html>")
    return "\n".join(parts)


def _id(name: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in name)
