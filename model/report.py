"""Writing a run's results: ``results/<case>/<run-id>/`` with results.xlsx and manifest.json.

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
import unicodedata
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

import pandas as pd

from model.results import Results
from model.solve import Outcome
from model.xlsx import write_workbook

SHEET_NOTES: dict[str, str] = {
    "about": "What each sheet holds. Money is in the case's money unit, in money of its "
             "currency year; quantities are in the unit named in the row's unit column.",
    "summary": "Headline figures: status, net present cost, emissions by year against the "
               "targets, total investment, run facts.",
    "targets": "Each emission constraint: its cap, the emissions, any miss (elastic mode), the "
               "shadow price (dual / operating weight of the year, in money of that year) and "
               "the marginal abatement cost (shadow price plus the carbon price for scope-1 "
               "targets): what the last tonne abated in that year costs.",
    "capacity": "Installed capacity by technology and modelled year, with new builds, residual "
                "(existing) capacity and the residual capacity retired early and still "
                "missing that year (capacity = residual - retired early + built and alive).",
    "investment": "New capacity by commissioning year with its overnight investment "
                  "(undiscounted) and the annuity it is financed by.",
    "cash_flows": "Costs by calendar year and category in money of the year, with the present "
                  "value per year and cumulated; the total present value equals the net "
                  "present cost.",
    "costs": "Every cash flow by calendar year, category and item (technology, commodity or "
             "target), in money of the year and as present value. Operating flows fall at "
             "year end; capex per the capex method (docs/formulation.md).",
    "activity": "Annual activity of each technology and its utilisation of available "
                "capacity.",
    "flows": "Annual commodity inputs and outputs of each technology.",
    "balances": "Annual balance of each commodity: bought + produced - consumed - stored - "
                "sold = demand.",
    "emissions": "Emissions by plant, technology and year: scope 1 (direct, net of removals) "
                 "and scope 2 (purchased energy times its grid emission factor).",
    "prices": "Marginal cost of each commodity (dual of its balance / operating weight of the "
              "year), by slice for slice-balanced commodities, in money per commodity unit.",
    "storage": "Charge, discharge and state of charge of storage technologies by slice.",
    "levelised": "Levelised cost of each technology's main product over the horizon: capex, "
                 "O&M, inputs and by-products at their marginal prices, and carbon, per "
                 "discounted unit of output (e.g. the levelised cost of hydrogen of an "
                 "electrolyser), and the technology's own cost without inputs and by-products. "
                 "Residual capacity carries no capex. Inputs with a negative marginal price "
                 "(flue CO2 that would otherwise pay the carbon price) lower the first.",
    "socioeconomic": "By modelled year: CO2e by scope, abatement against the base emissions, "
                     "investment (in the block and cumulative), construction job-years of the "
                     "capacity built, operating jobs and GDP contribution (value added) from the "
                     "technologies' per-capacity and per-activity coefficients.",
}


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
    for name in ("pyomo", "highspy", "pandas", "openpyxl", "numpy", "scipy"):
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


def summary_rows(outcome: Outcome, results: Results) -> pd.DataFrame:
    case = outcome.case
    money = case.money
    rows: list[tuple[str, object, str]] = [
        ("cluster", case.name, ""),
        ("workbook", case.workbook, ""),
        ("status", outcome.status, "optimal: the least-cost pathway that meets every target"),
        ("algorithm", outcome.result.algorithm, "HiGHS"),
        (f"net present cost [{money}]", outcome.objective,
         f"discounted at {case.discount_rate:.2%}/yr to the start of {case.base_year}"),
        (f"overnight investment, total [{money}]",
         results.summary[f"overnight investment, total [{money}]"], "undiscounted"),
        ("capex method", case.settings.get("capex_method"), ""),
        ("horizon", f"{case.base_year}-{case.end_year}",
         f"modelled years every {case.settings.get('year_step')} yr"),
        ("base emissions [Mt CO2e/yr]",
         ", ".join(f"{k}: {v:.4g}" for k, v in outcome.base_emissions.items())
         if outcome.base_emissions else "not used", outcome.base_emissions_source),
        ("elastic mode", outcome.elastic,
         "targets were infeasible; misses are priced" if outcome.elastic_fallback else ""),
    ]
    for label, miss in outcome.misses.items():
        rows.append((f"missed target {label} [Mt CO2e]", miss, "by how much it is missed"))
    s1 = results.summary["scope-1 emissions by year [Mt CO2e/yr]"]
    s2 = results.summary["scope-2 emissions by year [Mt CO2e/yr]"]
    for y in case.years:
        rows.append((f"scope-1 emissions {y} [Mt CO2e/yr]", s1.get(y, 0.0), "net of removals"))
        if s2:
            rows.append((f"scope-2 emissions {y} [Mt CO2e/yr]", s2.get(y, 0.0), ""))
    for r in results.tables["targets"].to_dict("records"):
        mac = r[f"marginal abatement cost [{money}/Mt CO2e]"]
        rows.append((f"marginal abatement cost {r['target']} [{money}/Mt CO2e]", mac,
                     "= money per t CO2e when money is in millions and emissions in Mt"))
    for msg in outcome.messages:
        rows.append(("note", msg, ""))
    return pd.DataFrame(rows, columns=["item", "value", "comment"])


def about_rows(sheets: list[str]) -> pd.DataFrame:
    return pd.DataFrame([(s, SHEET_NOTES.get(s, "")) for s in sheets],
                        columns=["sheet", "what it holds"])


def write_results_workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> None:
    """Write tables as sheets with bold, filled, frozen headers (:mod:`model.xlsx`).

    Numbers as numbers, bools as bools, text as text (never as a formula or link), dicts and
    lists as JSON; None, NaN, infinities and "" leave the cell empty.
    """
    write_workbook(path, sheets)


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
        os.rename(tmp, final)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_run(outcome: Outcome, results: Results | None, results_dir: str | Path = "results",
              scenario: str | None = None, extra_seconds: dict[str, float] | None = None
              ) -> Path:
    """Write results.xlsx (when there are results) and manifest.json to a new run folder."""
    case = outcome.case
    parent = inside(results_dir, case.name)
    with atomic_run_folder(parent, root=Path(results_dir)) as (tmp, final):
        if results is not None:
            sheets = {"summary": summary_rows(outcome, results)}
            sheets.update({k: v for k, v in results.tables.items() if not v.empty})
            ordered = {"about": about_rows(["about", *sheets])}
            ordered.update(sheets)
            write_results_workbook(tmp / "results.xlsx", ordered)
        seconds = dict(outcome.seconds)
        seconds.update(extra_seconds or {})
        manifest = {
            "run_id": final.name,
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
        write_json(tmp / "manifest.json", manifest)
    return final


def write_json(path: Path, data: dict) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=2, default=str)
