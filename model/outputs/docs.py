"""``docs/outputs.md``, generated from the output declarations:
``python -m model.outputs.docs [PATH]``."""

from __future__ import annotations

from model.outputs.charts import PORTFOLIO_CHARTS, RESULT_CHARTS, Chart
from model.outputs.formats import EXCEL_FORMATS, NOISE
from model.outputs.schema import PORTFOLIO, RESULTS, Column, Table

HEADER = """# Results reference

*Generated from `model/outputs/schema.py` and `model/outputs/charts.py` by
`python -m model.outputs.docs`; do not edit by hand.*

Each run writes a new folder `results/<case>/<run-id>/`:

| file | what it holds |
|---|---|
| `results.xlsx` | every table below as a sheet (an Excel table with filters, frozen header, units in the headers, number formats by unit, A4 landscape print set-up one page wide), the `charts` sheet of native charts and the `chart data` sheet of the numbers behind them |
| `report.html` | the headline figures, the charts (inline SVG) and the tables marked *in the report*; self-contained, works offline, prints on A4 landscape |
| `tables/*.parquet` | every table with its exact values (one file per table, in the order of `tables/index.json`; each column's key, unit and description in the file's metadata) |
| `manifest.json` | input hash, status, objective, solver options, timings, package versions |
| `input/<workbook>` | the case workbook as it was read (when the file still had the hash that was read) |

`python run.py report RUN_FOLDER` rebuilds `results.xlsx` and `report.html` from the Parquet
tables, without solving. `python run.py portfolio` writes `results/portfolio/<run-id>/` with
`portfolio.xlsx`, `report.html`, its tables as Parquet and a manifest.

## Conventions

- Money is in the case's money unit (`settings.money_unit`, e.g. MEUR), in money of the
  `currency_year`; with money in millions and emissions in Mt, a value per Mt CO2e reads as
  a value per tonne. Portfolio money is in millions of the reporting currency.
- A unit in braces is filled when the table is shown: `{money}` with the money unit, a
  column's name (`{capacity_unit}`) with the unit on that row. A header shows the unit when
  every row has the same one (`capacity [MW]`), else it says which column holds it
  (`capacity [unit, see capacity_unit]`) and each cell shows its unit beside the number.
- Number formats by kind: """ + ", ".join(f"{k} `{v}`" for k, v in EXCEL_FORMATS.items()) + f""";
  a price below 1 in magnitude keeps up to four decimals (`#,##0.00##`). Values within
  {NOISE:g} of zero are shown as 0; the Parquet tables keep them as computed. The workbook
  holds numbers with 16 significant digits; the Parquet files hold them exactly.
- Text from an input is always written as text, never as a formula or a link.

"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text is not None else ""


def _columns(columns: tuple[Column, ...]) -> list[str]:
    lines = ["| column | unit | format | meaning |", "|---|---|---|---|"]
    for c in columns:
        header = f" (header `{_cell(c.header)}`)" if c.header else ""
        lines.append(f"| {_cell(c.key)}{header} | {_cell(c.unit)} | {c.kind} | "
                     f"{_cell(c.description)} |")
    return lines


def _table(table: Table) -> list[str]:
    extras = [x for x, on in (("in the report", table.in_report),
                              ("prints on one page", table.one_page)) if on]
    lines = [f"### `{table.name}`", "",
             f"One row per {table.one_row_per}. {table.description}"
             + (f" ({', '.join(extras)})" if extras else ""), ""]
    return [*lines, *_columns(table.columns), ""]


def _charts(charts: tuple[Chart, ...]) -> list[str]:
    lines = ["| chart | type | from | categories | series | description |",
             "|---|---|---|---|---|---|"]
    for c in charts:
        if c.derive is not None:
            series = f"derived by `{c.derive.__name__}`"
        elif c.pivot is not None:
            series = f"`{c.pivot.values}` by `{c.pivot.columns}`" + (
                f" (the {c.pivot.top} largest, others summed)" if c.pivot.top else "")
        else:
            series = ", ".join(f"`{s.column}`" + (f" ({s.kind})" if s.kind else "")
                               + (" (second axis)" if s.secondary else "") for s in c.series)
        split = f"; one chart per `{c.split}`" if c.split else ""
        lines.append(f"| {_cell(c.title)} | {c.kind} | `{c.table}` | `{c.categories}` | "
                     f"{_cell(series)}{split} | {_cell(c.description)} |")
    return lines


def render() -> str:
    lines = [HEADER, "## results.xlsx", ""]
    for table in RESULTS:
        lines += _table(table)
    lines += ["### Charts of a run", "", *_charts(RESULT_CHARTS), "",
              "## portfolio.xlsx", ""]
    for table in PORTFOLIO[1:]:
        lines += _table(table)
    lines += ["### Charts of the portfolio", "", *_charts(PORTFOLIO_CHARTS), ""]
    from model.study.alternatives_report import TABLES as ALTERNATIVES

    lines += ["## study.xlsx of a near-optimal alternatives study", "",
              "`python run.py study FILE` on a workbook with an `alternatives` sheet writes "
              "`results/<study>/<run-id>/` with `study.xlsx` (these tables, a range chart per "
              "group), the same tables as CSV and the long table of every plan as Parquet "
              "(docs/formulation.md, \"Near-optimal alternatives\").", ""]
    for table in ALTERNATIVES.values():
        lines += _table(table)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from model.docs import write_generated

    return write_generated(render(), "docs/outputs.md", argv)


if __name__ == "__main__":
    raise SystemExit(main())
