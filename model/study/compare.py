"""``python run.py compare RUN RUN ...``: runs or scenarios side by side in one workbook.

Each argument is a run folder (``results/<case>/<run-id>``, read from its manifest and
``results.xlsx``) or a case or scenario workbook (solved now, its run folder written as
usual). ``results/compare/<run-id>/compare.xlsx`` holds, for every output of
:mod:`model.study.outputs`, one column per run and the difference of each run from the
first; the targets (cap, emissions, miss, MAC) per run; and charts of emissions and capex
by year.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import xlsxwriter

from model.errors import CaseError, Problem
from model.report import atomic_run_folder
from model.study.outputs import RunFigures, from_results, from_run_folder
from model.study.report import Sheet

SHEETS = (("npv", "net present cost"), ("emissions", "emissions by year and scope"),
          ("mac", "marginal abatement cost of each target"),
          ("capacity", "installed capacity by technology and year"),
          ("new_capacity", "new capacity by technology and year"),
          ("capex", "overnight investment by year (block)"),
          ("levelised_cost", "levelised cost by technology"))


def figures(path: Path, results_dir: Path) -> RunFigures:
    """The figures of a run folder, or of a workbook solved now."""
    if path.is_dir():
        if not (path / "manifest.json").exists():
            raise CaseError([Problem(str(path), None, "not a run folder",
                                     expected="a folder with manifest.json and results.xlsx")])
        return from_run_folder(path)
    if not path.exists():
        raise CaseError([Problem(str(path), None, "not found",
                                 expected="a run folder or a case or scenario workbook")])
    from model.pipeline import run_case
    from model.scenario import is_scenario_workbook, run_scenario

    if is_scenario_workbook(path):
        run = run_scenario(path, results_dir=results_dir)
    else:
        run = run_case(path, results_dir=results_dir)
    return from_results(path.stem, run.outcome, run.results)


def wide(runs: list[RunFigures], output: str) -> pd.DataFrame:
    """One output of every run: a column per run, then each run's difference from the
    first."""
    frames = []
    names = _names(runs)
    for name, run in zip(names, runs, strict=True):
        rows = [r for r in run.rows if r[0] == output]
        frame = pd.DataFrame(rows, columns=["output", "item", "year", name, "unit"])
        frames.append(frame.drop(columns="output").set_index(["item", "year", "unit"]))
    table = pd.concat(frames, axis=1, join="outer", sort=False)
    for name in names[1:]:
        table[f"{name} - {names[0]}"] = table[name] - table[names[0]]
    table = table.reset_index()
    table["year"] = table["year"].astype("Int64")
    if output in ("capacity", "new_capacity"):
        values = table[names].fillna(0).abs().max(axis=1)
        built = table.assign(v=values).groupby("item")["v"].transform("max") > 1e-9
        table = table[built]
    return table


def _names(runs: list[RunFigures]) -> list[str]:
    names: list[str] = []
    for r in runs:
        name = r.name[:60]
        while name in names:
            name += "'"
        names.append(name)
    return names


def compare(paths: list[Path], results_dir: Path = Path("results")) -> Path:
    """Write the comparison workbook of ``paths``; returns its path."""
    runs = [figures(p, results_dir) for p in paths]
    with atomic_run_folder(results_dir / "compare") as (tmp, final):
        write_comparison(tmp / "compare.xlsx", runs, paths)
    return final / "compare.xlsx"


def write_comparison(path: Path, runs: list[RunFigures], sources: list[Path]) -> None:
    book = xlsxwriter.Workbook(path, {"strings_to_formulas": False, "strings_to_urls": False})
    f = {"title": book.add_format({"bold": True, "font_size": 13}),
         "header": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1,
                                    "text_wrap": True}),
         "number": book.add_format({"num_format": "#,##0.000"})}
    names = _names(runs)
    s = Sheet(book, "runs", f)
    s.title("Runs compared (differences are each run minus the first)")
    s.table(pd.DataFrame({"run": names, "case": [r.case for r in runs],
                          "status": [r.status for r in runs],
                          "net present cost": [r.npv for r in runs],
                          "money": [r.money for r in runs],
                          "source": [str(p) for p in sources]}))
    s.finish()
    t = Sheet(book, "targets", f)
    t.title("Emissions against targets, per run")
    for name, run in zip(names, runs, strict=True):
        t.line(name)
        t.table(run.targets)
    t.finish()
    for output, title in SHEETS:
        table = wide(runs, output)
        if table.empty:
            continue
        sheet = Sheet(book, output, f)
        sheet.title(f"{title}; one column per run, then differences from {names[0]}")
        first, last = sheet.table(table)
        if output in ("emissions", "capex"):
            _chart(book, sheet, output, table, names, first)
        sheet.finish()
    book.close()


def _chart(book, sheet: Sheet, output: str, table: pd.DataFrame, names: list[str],
           first: int) -> None:
    rows = table.index[table["item"] == ("scope1" if output == "emissions" else "total")]
    if not len(rows):
        return
    positions = [first + list(table.index).index(i) for i in rows]
    lo, hi = min(positions), max(positions)
    chart = book.add_chart({"type": "line" if output == "emissions" else "column"})
    for j, name in enumerate(names):
        col = 3 + j
        chart.add_series({"name": name, "categories": [output, lo, 1, hi, 1],
                          "values": [output, lo, col, hi, col]})
    chart.set_title({"name": "Scope-1 emissions [Mt CO2e/yr]" if output == "emissions"
                     else "Overnight investment by year"})
    chart.set_legend({"position": "bottom"})
    chart.set_size({"width": 640, "height": 320})
    sheet.ws.insert_chart(1, len(table.columns) + 1, chart)
