"""The initiative portfolio: solve every case in a folder and roll them up.

``python run.py portfolio [FOLDER]`` solves each case workbook of the folder (each writes its
own run folder as usual), then writes ``results/portfolio/<run-id>/portfolio.xlsx``:

* ``cases``: one row per workbook with its status, net present cost and any error (a case that
  fails is reported here and the others still run);
* ``clusters``: one row per cluster and modelled year with emissions by scope, abatement,
  cumulative investment, net present cost, jobs and GDP, in the reporting currency;
* ``totals``: the initiative's totals by year (CO2e, abatement, investment, jobs, GDP), summing
  each cluster's value in that calendar year (a modelled year stands for its whole block);
* ``about``: what each sheet holds;

with native charts, a ``report.html`` and the tables as Parquet (see :mod:`model.report`;
the sheets are declared in :mod:`model.outputs.schema`).

Money is converted with each case's ``exchange_rate`` (reporting currency per case currency);
all cases must name the same ``reporting_currency``. Case money is in millions.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from model.case import load_case
from model.errors import CaseError
from model.isolation import Crashed, run_isolated
from model.pipeline import run_case
from model.report import atomic_run_folder, package_versions, write_portfolio

Progress = Callable[[str], None]


@dataclass
class MemberRun:
    workbook: Path
    cluster: str | None = None
    currency: str | None = None  #: reporting currency of the case
    status: str = "not run"
    error: str | None = None
    folder: Path | None = None
    npv: float | None = None  #: reporting currency, millions
    rows: list[dict] = field(default_factory=list)  #: clusters-sheet rows
    years: dict[int, int] = field(default_factory=dict)  #: modelled year -> n_y


def case_workbooks(folder: Path) -> list[Path]:
    """Case workbooks of a folder: *.xlsx, skipping Office lock files and hidden files."""
    return sorted(p for p in folder.glob("*.xlsx")
                  if not p.name.startswith(("~$", ".")))


def run_member(path: Path, results_dir: Path, reporting: str | None) -> MemberRun:
    """Solve one case and convert its headline figures; never raises for a bad case."""
    run = MemberRun(path)
    try:
        case = load_case(path)
        run.cluster = case.name
        currency = str(case.settings.get("reporting_currency") or "USD")
        run.currency = currency
        if reporting is not None and currency != reporting:
            run.status = "failed"
            run.error = (f"reporting_currency {currency} differs from the portfolio's "
                         f"{reporting}")
            return run
        rate = float(case.settings.get("exchange_rate") or 1.0)
        native = f"M{case.settings.get('currency') or 'EUR'}"
        if case.money != native:
            run.status = "failed"
            run.error = (f"money_unit {case.money} is not {native}: the portfolio converts "
                         "money in millions of the case currency")
            return run
        solved = run_case(case, results_dir=results_dir, input_path=path)
        outcome, results = solved.outcome, solved.results
        run.folder = solved.folder
        run.status = solved.status
        if results is None:
            run.error = "; ".join(outcome.messages) or f"solver status {outcome.status}"
            return run
        run.npv = outcome.objective * rate
        run.years = dict(case.n_years)
        unit = f"M{currency}"
        for f in results.figures.years:
            run.rows.append({
                "cluster": case.name, "workbook": path.name, "year": f.year,
                "scope-1 emissions [Mt CO2e/yr]": f.scope1,
                "scope-2 emissions [Mt CO2e/yr]": f.scope2,
                "scope-1+2 emissions [Mt CO2e/yr]": f.scope12,
                "target scope": results.figures.scope,
                "abatement vs base [Mt CO2e/yr]": f.abatement,
                f"investment in the block [{unit}]": f.investment * rate,
                f"cumulative investment [{unit}]": f.cumulative_investment * rate,
                f"net present cost of the pathway [{unit}]": run.npv,
                "operating jobs [jobs]": f.operating_jobs,
                "construction, average [jobs]": f.construction_jobs,
                f"GDP contribution [{unit}/yr]": f.gdp * rate,
            })
    except CaseError as exc:
        run.status = "invalid input"
        run.error = str(exc)
    except Exception as exc:  # a bug in one case must not stop the portfolio
        run.status = "failed"
        run.error = f"{type(exc).__name__}: {exc}"
        if os.environ.get("CLUSTER_PATHWAYS_DEBUG"):
            run.error += "\n" + traceback.format_exc()
    return run


def run_member_isolated(path: Path, results_dir: Path, reporting: str | None) -> MemberRun:
    """:func:`run_member` in a child process of its own: a case that crashes its process
    (a native library aborting, memory exhausted) is reported failed, the others go on."""
    try:
        return run_isolated(run_member, path, results_dir, reporting)
    except (Crashed, RuntimeError) as exc:
        return MemberRun(path, status="failed", error=str(exc))


def totals_table(runs: list[MemberRun], unit: str) -> pd.DataFrame:
    """Sum of the clusters by calendar year, at the union of their modelled years."""
    years = sorted({row["year"] for run in runs for row in run.rows})
    sums = ["scope-1 emissions [Mt CO2e/yr]", "scope-2 emissions [Mt CO2e/yr]",
            "scope-1+2 emissions [Mt CO2e/yr]", "abatement vs base [Mt CO2e/yr]",
            f"cumulative investment [{unit}]", "operating jobs [jobs]",
            "construction, average [jobs]", f"GDP contribution [{unit}/yr]"]
    rows = []
    for k in years:
        total = {"year": k, "clusters counted": 0, **{c: 0.0 for c in sums}}
        for run in runs:
            block = [y for y, n in run.years.items() if y <= k < y + n]
            if not block:
                continue
            row = next(r for r in run.rows if r["year"] == block[0])
            total["clusters counted"] += 1
            for c in sums:
                total[c] += row[c]
        rows.append(total)
    return pd.DataFrame(rows)


def initiative_table(runs: list[MemberRun], unit: str) -> pd.DataFrame:
    """Headline figures per cluster as the initiative reports them, with a total row.

    Base-year and last-year CO2e (scope 1+2), GDP contribution and jobs (operating plus the
    average construction jobs), and the pathway's cumulative investment and cost.
    """
    rows = []
    for run in runs:
        if not run.rows:
            continue
        first, last = run.rows[0], run.rows[-1]
        rows.append({
            "cluster": run.cluster,
            "base year": first["year"],
            "CO2e in the base year [Mt/yr]": first["scope-1+2 emissions [Mt CO2e/yr]"],
            f"GDP contribution in the base year [{unit}/yr]": first[f"GDP contribution [{unit}/yr]"],
            "jobs in the base year": first["operating jobs [jobs]"]
            + first["construction, average [jobs]"],
            "last year": last["year"],
            "CO2e in the last year [Mt/yr]": last["scope-1+2 emissions [Mt CO2e/yr]"],
            "jobs in the last year": last["operating jobs [jobs]"]
            + last["construction, average [jobs]"],
            f"cumulative investment [{unit}]": last[f"cumulative investment [{unit}]"],
            f"net present cost [{unit}]": run.npv,
        })
    frame = pd.DataFrame(rows)
    if not frame.empty:
        total = {c: frame[c].sum() for c in frame.columns
                 if c not in ("cluster", "base year", "last year")}
        frame = pd.concat([frame, pd.DataFrame([{"cluster": f"total ({len(rows)} clusters)",
                                                 **total}])], ignore_index=True)
    return frame


def run_portfolio(folder: str | Path = "inputs", results_dir: str | Path = "results",
                  progress: Progress | None = None) -> tuple[list[MemberRun], Path]:
    """Solve every case of ``folder`` and write the portfolio workbook; return runs and path."""
    say = progress or (lambda _msg: None)
    folder, results_dir = Path(folder), Path(results_dir)
    runs: list[MemberRun] = []
    reporting: str | None = None
    for path in case_workbooks(folder):
        say(f"solving {path.name}")
        run = run_member_isolated(path, results_dir, reporting)
        if reporting is None and run.rows:
            reporting = run.currency
        runs.append(run)
    unit = f"M{reporting or 'USD'}"
    cases = pd.DataFrame([{
        "workbook": r.workbook.name, "cluster": r.cluster, "status": r.status,
        f"net present cost [{unit}]": r.npv, "run folder": str(r.folder) if r.folder else None,
        "error": r.error} for r in runs])
    clusters = pd.DataFrame([row for r in runs for row in r.rows])
    sheets = {"initiative": initiative_table(runs, unit), "cases": cases, "clusters": clusters,
              "totals": totals_table(runs, unit)}
    with atomic_run_folder(results_dir / "portfolio") as (tmp, final):
        write_portfolio(tmp, sheets, {
            "run_id": final.name, "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "folder": str(folder), "reporting_currency": reporting,
            "cases": [{"workbook": r.workbook.name, "status": r.status, "error": r.error,
                       "run_folder": str(r.folder) if r.folder else None} for r in runs],
            "versions": package_versions()})
    return runs, final / "portfolio.xlsx"
