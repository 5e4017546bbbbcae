"""Writing a run's folder: ``results/<case>/<run-id>/`` with

* ``results.xlsx``: every result table, formatted, with native charts (:mod:`model.outputs`);
* ``report.html``: headline figures, charts and the report's tables, self-contained;
* ``tables/*.parquet``: the tables with their exact values (``python run.py report FOLDER``
  rebuilds the workbook and the report from them, without solving);
* ``manifest.json``: input hash, versions, solver status, timings;
* ``input/<workbook>``: a copy of the case workbook as it was read.

The folder is written under a temporary name and renamed when complete, so a folder that
exists is always whole; an existing run folder is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import platform
import re
import shutil
import tempfile
import time
import unicodedata
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from model.case import file_hash
from model.interrupts import deferred
from model.outputs.books import write_book
from model.outputs.charts import PORTFOLIO_CHARTS, RESULT_CHARTS, all_chart_data
from model.outputs.formats import number_text
from model.outputs.html import Headline, report_html
from model.outputs.schema import INITIATIVE, PORTFOLIO, RESULTS, bind, fill
from model.outputs.shown import show
from model.outputs.store import read_tables, write_tables
from model.results import Results
from model.solve import Outcome

RESULTS_XLSX, PORTFOLIO_XLSX, REPORT_HTML = "results.xlsx", "portfolio.xlsx", "report.html"
INPUT_FOLDER = "input"


def run_id(now: datetime | None = None) -> str:
    now = now or datetime.now(UTC)
    return now.strftime("%Y%m%d-%H%M%S-%f")


#: Longest folder name made from a name of the workbook (cluster, case, scenario).
MAX_FOLDER_NAME = 64
#: Names Windows reserves for devices, whatever the extension.
_RESERVED = {"con", "prn", "aux", "nul", *(f"{d}{i}" for d in ("com", "lpt") for i in range(10))}


def slug(text: str, max_length: int = MAX_FOLDER_NAME) -> str:
    """A safe, bounded folder name for a name from a workbook (cluster, case, scenario).

    Letters, digits, ``_``, ``.`` and ``-`` only, lower case: never a path separator, never
    ``.`` or ``..`` (leading and trailing dots go, runs of dots become one), never a device
    name of Windows. A name longer than ``max_length``, or one that loses every character
    (e.g. written in another script), gets a short hash of the original, so that different
    names stay different folders: ``dunkerque``, ``case-3f2a9c1e``."""
    text = unicodedata.normalize("NFKC", str(text)).strip()
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", text)
    name = re.sub(r"\.{2,}", ".", name).strip("_.-").lower()
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    if not name:
        return f"case-{digest}"
    if name.split(".")[0] in _RESERVED:
        name = f"{name}_"
    if len(name) > max_length:
        name = f"{name[:max_length - 9].rstrip('_.-')}-{digest}"
    return name


class OutsideResults(PermissionError):
    """A run folder that would resolve outside the results folder (a link to elsewhere)."""


def inside(root: str | Path, *names: str) -> Path:
    """``root / slug(name) / ...``, checked to lie inside ``root`` once both are resolved
    (a folder that exists as a link to elsewhere is refused): the only way a name from a
    workbook becomes a path."""
    root = Path(root)
    folder = root.joinpath(*(slug(n) for n in names))
    real_root = root.resolve()
    real = folder.resolve()
    if real == real_root or not real.is_relative_to(real_root):
        raise OutsideResults(f"{folder} resolves to {real}, outside the results folder "
                             f"{real_root}")
    return folder


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages a run depends on (for the manifest)."""
    out = {"python": platform.python_version()}
    for name in ("pyomo", "highspy", "pandas", "openpyxl", "numpy", "scipy", "xlsxwriter",
                 "pyarrow", "matplotlib"):
        out[name] = _installed_version(name)
    return out


def _installed_version(name: str) -> str:
    """A distribution's version from its metadata headers; reads only the head of the file
    (``importlib.metadata.version`` parses all of it, several ms for pandas)."""
    try:
        dist = metadata.distribution(name)
    except metadata.PackageNotFoundError:
        return "not installed"
    for line in (dist.read_text("METADATA") or "").splitlines():
        if line.startswith("Version:"):
            return line.partition(":")[2].strip()
        if not line:  # end of the headers
            break
    return dist.version


#: The summary's item for what the end of the horizon hides (a reservoir nearly full).
HORIZON_NOTE = "end of the horizon"


def summary_rows(outcome: Outcome, results: Results) -> pd.DataFrame:
    """Headline figures of a solved run: item, value, unit (empty for text) and comment."""
    case = outcome.case
    money = case.money
    rows: list[tuple[str, object, str, str]] = [
        ("cluster", case.name, "", ""),
        ("workbook", case.workbook, "", ""),
        ("status", outcome.status, "",
         "optimal: the least-cost pathway that meets every target"
         if not outcome.misses else "the targets could not all be met: see the misses below"),
        ("algorithm", outcome.result.algorithm, "", "HiGHS"),
        ("net present cost", results.figures.npv_without_penalties, money,
         f"discounted at {case.discount_rate:.2%}/yr to the start of {case.base_year}"
         + (" (without the penalties of the missed targets)" if outcome.misses else "")),
        ("overnight investment, total",
         results.summary[f"overnight investment, total [{money}]"], money, "undiscounted"),
        ("capex method", case.settings.get("capex_method"), "", ""),
        ("horizon", f"{case.base_year}-{case.end_year}", "",
         f"modelled years every {case.settings.get('year_step')} yr"),
    ]
    for scope, value in (outcome.base_emissions or {}).items():
        rows.append((f"base emissions, {scope}", value, "Mt CO2e/yr",
                     outcome.base_emissions_source))
    if not outcome.base_emissions:
        rows.append(("base emissions", "not used", "", ""))
    rows.append(("elastic mode", outcome.elastic, "",
                 "targets were infeasible; misses are priced" if outcome.elastic_fallback
                 else ""))
    if outcome.misses:
        rows.append(("objective with penalties", outcome.objective, money,
                     "what the solver minimised: the net present cost plus the penalties "
                     "priced on the missed tonnes (not a cost)"))
    for tg in results.figures.targets:
        if tg.missed > 0:
            rows.append((f"missed target {tg.label}", tg.missed, "Mt CO2e", tg.miss_text))
    s1 = results.summary["scope-1 emissions by year [Mt CO2e/yr]"]
    s2 = results.summary["scope-2 emissions by year [Mt CO2e/yr]"]
    for y in case.years:
        rows.append((f"scope-1 emissions {y}", s1.get(y, 0.0), "Mt CO2e/yr", "net of removals"))
        if s2:
            rows.append((f"scope-2 emissions {y}", s2.get(y, 0.0), "Mt CO2e/yr", ""))
    for tg in results.figures.targets:
        comment = "= money per t CO2e when money is in millions and emissions in Mt"
        if tg.mac_unique is False:
            comment = (f"not unique (a degenerate optimum): {tg.mac_low:,.2f} when the cap is "
                       f"raised, {tg.mac_high:,.2f} when it is lowered; quote the range")
        rows.append((f"marginal abatement cost {tg.label}", tg.mac, f"{money}/Mt CO2e", comment))
    average = results.tables.get("abatement_cost")
    if average is not None:
        for r in average.to_dict("records"):
            if r["item"].startswith("average abatement cost"):
                rows.append((r["item"], r["value"], r["unit"], r["comment"]))
    for msg in outcome.messages:
        rows.append(("note", msg, "", ""))
    for note in results.figures.horizon_notes:
        rows.append((HORIZON_NOTE, note, "", "what the plan does not see after its horizon"))
    frame = pd.DataFrame(rows, columns=["item", "value", "unit", "comment"])
    frame["value"] = frame["value"].astype(object)
    return frame


def headline(summary: pd.DataFrame | None, manifest: dict) -> list[Headline]:
    """The report's headline figures, from the summary table (and the manifest when there
    is no solution)."""
    status = str(manifest.get("status"))
    missed = bool(manifest.get("misses_mt"))
    out = [Headline("status", "targets missed" if missed else status,
                    "; ".join(manifest.get("messages") or []),
                    bad=missed or status != "optimal")]
    if summary is None or summary.empty:
        return out
    rows = {r["item"]: r for r in summary.to_dict("records")}

    def figure(item: str, kind: str) -> str:
        r = rows[item]
        return f"{number_text(r['value'], kind)} {r['unit']}".strip()

    if "net present cost" in rows:
        out.append(Headline("net present cost", figure("net present cost", "money"),
                            rows["net present cost"]["comment"]))
    if "overnight investment, total" in rows:
        out.append(Headline("overnight investment, total",
                            figure("overnight investment, total", "money"), "undiscounted"))
    years = [item.rsplit(" ", 1)[1] for item in rows if item.startswith("scope-1 emissions ")]
    if years:
        first, last = f"scope-1 emissions {years[0]}", f"scope-1 emissions {years[-1]}"
        out.append(Headline(f"scope-1 emissions {years[0]} → {years[-1]}",
                            f"{number_text(rows[first]['value'], 'mass')} → "
                            f"{figure(last, 'mass')}", "net of removals"))
    for item, r in rows.items():
        if item.startswith("marginal abatement cost "):
            out.append(Headline(item, figure(item, "price"), r["comment"]))
        elif item.startswith("missed target "):
            out.append(Headline(item, figure(item, "mass"), r["comment"], bad=True))
    for r in summary.to_dict("records"):
        if r["item"] == HORIZON_NOTE:
            out.append(Headline(HORIZON_NOTE, "a CO2 reservoir fills", str(r["value"]),
                                bad=True))
    return out

@contextmanager
def atomic_run_folder(parent: Path, root: Path | None = None):
    """Yield (temporary folder, final folder); rename the first to the second on success.

    The final folder has a fresh run id and never exists beforehand; on error the temporary
    folder is removed, so a run folder that exists is always complete. With ``root``, the
    parent must lie inside it once resolved (see :func:`inside`).
    """
    if root is not None:
        real_root, real = Path(root).resolve(), Path(parent).resolve()
        if real == real_root or not real.is_relative_to(real_root):
            raise OutsideResults(f"run folder {parent} resolves to {real}, outside the "
                                 f"results folder {real_root}")
    parent.mkdir(parents=True, exist_ok=True)
    rid = run_id()
    final = parent / rid
    while final.exists():  # two runs in the same microsecond
        rid = run_id()
        final = parent / rid
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{rid}-", dir=parent))
    try:
        yield tmp, final
        with deferred():
            os.rename(tmp, final)
    except BaseException:
        with deferred():  # a second Ctrl-C or SIGTERM must not cut the clean-up short
            shutil.rmtree(tmp, ignore_errors=True)
        raise


def _manifest(outcome: Outcome, run: str, scenario: str | None,
              seconds: dict[str, float]) -> dict:
    case = outcome.case
    return {
        "run_id": run,
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "case": case.name,
        "workbook": case.workbook,
        "input_sha256": case.input_hash,
        "scenario": scenario,
        "status": outcome.status,
        "highs_status": outcome.result.highs_status,
        "algorithm": outcome.result.algorithm,
        "objective": outcome.objective,
        "money_unit": case.money,
        "elastic": outcome.elastic,
        "elastic_fallback": outcome.elastic_fallback,
        "misses_mt": outcome.misses,
        "base_emissions": outcome.base_emissions,
        "base_emissions_source": outcome.base_emissions_source,
        "size": outcome.size,
        "solver_options": vars(outcome.options),
        "seconds": seconds,
        "iterations": outcome.result.iterations,
        "messages": outcome.messages,
        "warnings": [str(w) for w in case.warnings],
        "versions": package_versions(),
    }


def render_run(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict,
               into: Path | None = None) -> dict[str, float]:
    """Write results.xlsx (when there are tables) and report.html of a run from its tables
    (the summary first) and manifest, into ``into`` (default: the run folder). Returns the
    seconds each took. The ``report`` command calls this on the stored Parquet tables."""
    into = into or folder
    money = manifest.get("money_unit")
    seconds: dict[str, float] = {}
    clock = time.perf_counter
    t0 = clock()
    charts = all_chart_data(RESULT_CHARTS, tables) if tables else []
    seconds["charts"] = clock() - t0
    if tables:
        t0 = clock()
        write_book(into / RESULTS_XLSX, tables, RESULTS, charts, money=money)
        seconds["write_xlsx"] = clock() - t0
    t0 = clock()
    summary = tables.get("summary")
    shown = [show(t.name, tables[t.name], money=money) for t in RESULTS
             if t.in_report and t.name in tables and not tables[t.name].empty]
    title = f"{manifest.get('case')}: least-cost pathway"
    subtitle = (f"run {manifest.get('run_id')} of {manifest.get('workbook')}"
                + (f", scenario {manifest['scenario']}" if manifest.get("scenario") else "")
                + f", written {manifest.get('created')}; money in {money}")
    footer = ("This folder: results.xlsx (every table, native charts), tables/*.parquet (the "
              "tables with exact values), manifest.json (inputs' hash, versions, timings), "
              "input/ (the case workbook as read). Rebuild this report with: python run.py "
              "report <folder>.")
    page = report_html(title, subtitle, headline(summary, manifest),
                       [c for c in charts if not c.empty], shown, footer)
    (into / REPORT_HTML).write_text(page, encoding="utf-8")
    seconds["write_html"] = clock() - t0
    return seconds


def write_run(outcome: Outcome, results: Results | None, results_dir: str | Path = "results",
              scenario: str | None = None, extra_seconds: dict[str, float] | None = None,
              input_path: str | Path | None = None) -> Path:
    """Write a new run folder: the tables as Parquet, results.xlsx (when there are results),
    report.html, manifest.json and a copy of the input workbook (``input_path``, when it
    still has the hash the case was read with)."""
    case = outcome.case
    clock = time.perf_counter
    parent = inside(results_dir, case.name)
    with atomic_run_folder(parent, root=Path(results_dir)) as (tmp, final):
        seconds = dict(outcome.seconds)
        seconds.update(extra_seconds or {})
        tables: dict[str, pd.DataFrame] = {}
        if results is not None:
            tables = {"summary": summary_rows(outcome, results)}
            tables.update({k: v for k, v in results.tables.items() if not v.empty})
            t0 = clock()
            write_tables(tmp, tables)
            seconds["write_parquet"] = clock() - t0
        copied = copy_input(tmp, input_path, case.input_hash)
        manifest = _manifest(outcome, final.name, scenario, seconds)
        manifest["input_copy"] = copied
        seconds.update(render_run(tmp, tables, manifest))  # the manifest's seconds too
        write_json(tmp / "manifest.json", manifest)
    return final


def copy_input(folder: Path, input_path: str | Path | None, sha256: str) -> str | None:
    """Copy the input workbook into ``folder/input/`` if it still is the file that was read
    (same SHA-256); return the copy's path relative to the folder, or None."""
    if input_path is None:
        return None
    source = Path(input_path)
    if not source.is_file() or (sha256 and file_hash(source) != sha256):
        return None
    (folder / INPUT_FOLDER).mkdir(exist_ok=True)
    target = folder / INPUT_FOLDER / source.name
    shutil.copy2(source, target)
    return f"{INPUT_FOLDER}/{source.name}"


def rebuild(folder: str | Path) -> list[Path]:
    """Rebuild results.xlsx and report.html of a run (or portfolio) folder from its Parquet
    tables and manifest, without solving; each file is replaced whole (written beside it,
    then renamed)."""
    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    tables = read_tables(folder) if (folder / "tables").is_dir() else {}
    with tempfile.TemporaryDirectory(prefix=".tmp-report-", dir=folder) as tmp:
        if manifest.get("kind") == "portfolio":
            render_portfolio(folder, tables, manifest, into=Path(tmp))
        else:
            render_run(folder, tables, manifest, into=Path(tmp))
        written = []
        for path in sorted(Path(tmp).iterdir()):
            os.replace(path, folder / path.name)
            written.append(folder / path.name)
    return written


# --------------------------------------------------------------------------------------
# the portfolio
# --------------------------------------------------------------------------------------


def render_portfolio(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict,
                     into: Path | None = None) -> dict[str, float]:
    """Write portfolio.xlsx and report.html of a portfolio folder from its tables."""
    into = into or folder
    money = f"M{manifest.get('reporting_currency') or 'USD'}"
    seconds: dict[str, float] = {}
    clock = time.perf_counter
    t0 = clock()
    charts = all_chart_data(PORTFOLIO_CHARTS, tables)
    write_book(into / PORTFOLIO_XLSX, tables, PORTFOLIO, charts, money=money)
    seconds["write_xlsx"] = clock() - t0
    t0 = clock()
    shown = [show(t.name, tables[t.name], money=money) for t in PORTFOLIO
             if t.in_report and t.name in tables and not tables[t.name].empty]
    cases = manifest.get("cases", [])
    failed = [c for c in cases if c.get("status") != "optimal"]
    figures = [Headline("cases", f"{len(cases) - len(failed)} of {len(cases)} optimal",
                        "; ".join(f"{c['workbook']}: {c['status']}" for c in failed),
                        bad=bool(failed))]
    initiative = tables.get("initiative")
    if initiative is not None and not initiative.empty:
        total = initiative.iloc[-1]
        for key, kind in (("net present cost", "money"), ("cumulative investment", "money"),
                          ("CO2e in the base year", "mass"), ("CO2e in the last year", "mass")):
            found = [b for b in bind(INITIATIVE, [str(c) for c in initiative.columns])
                     if b.column is not None and b.column.key == key]
            if found:
                unit = fill(found[0].column.unit, found[0].fields)
                figures.append(Headline(f"{key}, all clusters",
                                        f"{number_text(total[found[0].header], kind)} {unit}"))
    page = report_html("Initiative portfolio", f"portfolio {manifest.get('run_id')} of "
                       f"{manifest.get('folder')}, written {manifest.get('created')}; money "
                       f"in {money}", figures, [c for c in charts if not c.empty], shown,
                       "Each cluster's full results are in its own run folder (see 'cases').")
    (into / REPORT_HTML).write_text(page, encoding="utf-8")
    seconds["write_html"] = clock() - t0
    return seconds


def write_portfolio(folder: Path, tables: dict[str, pd.DataFrame], manifest: dict) -> Path:
    """Write a portfolio folder's tables (Parquet), workbook, report and manifest."""
    manifest = {**manifest, "kind": "portfolio"}
    write_tables(folder, {k: v for k, v in tables.items() if not v.empty})
    render_portfolio(folder, tables, manifest)
    write_json(folder / "manifest.json", manifest)
    return folder / PORTFOLIO_XLSX

def write_json(path: Path, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, default=str)
