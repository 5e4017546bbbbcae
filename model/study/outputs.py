"""The outputs a study keeps, read from a solved run: the one place that knows result columns.

Every dependency of studies and comparisons on the names of result tables and their columns
(:mod:`model.results`, ``results.xlsx``) is here, so a change of those tables is ported in
one place. An output row is ``(output, item, year, value, unit)``:

=================  ====================  =====================  ==========================
output             item                  year                   value
=================  ====================  =====================  ==========================
``npv``            ``total``             (none)                 net present cost (money)
``emissions``      ``scope1``/``scope12`` modelled year          Mt CO2e/yr, net of removals
``mac``            target label          target year            money/Mt CO2e of the last t
``capacity``       technology            modelled year          installed, capacity unit
``new_capacity``   technology            modelled year          commissioned, capacity unit
``capex``          ``total``             modelled year          overnight investment in the
                                                                year's block (money)
``levelised_cost`` technology            (none)                 money per unit of its main
                                                                product
=================  ====================  =====================  ==========================
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

OUTPUTS = ("npv", "emissions", "mac", "capacity", "new_capacity", "capex", "levelised_cost")
Row = tuple[str, str, int | None, float, str]


@dataclass
class RunFigures:
    """What a comparison shows of one run: headline facts and its output rows."""

    name: str
    case: str
    status: str
    money: str
    npv: float | None
    rows: list[Row]
    targets: pd.DataFrame  #: target, kind, year, cap, emissions, missed, mac


def from_outcome(outcome, outputs: tuple[str, ...] = OUTPUTS) -> list[Row]:
    """Output rows of a solved outcome (:class:`model.solve.Outcome` with a solution).

    Only the result tables the outputs read are built (about 5 ms for Dunkerque, against
    15-20 ms for all of :func:`model.results.collect`)."""
    from model.results.capacity import capacity_table, investment_table
    from model.results.costs import levelised_table
    from model.results.emissions import emissions_table, targets_table
    from model.results.reading import SolvedArrays
    from model.results.socioeconomic import socioeconomic_table

    case, m = outcome.case, outcome.solution
    v = SolvedArrays.of(case, m)
    tables = {"targets": targets_table(outcome), "capacity": capacity_table(case, m, v)}
    if {"emissions", "capex"} & set(outputs):
        tables["investment"] = investment_table(case, v)
        tables["emissions"] = emissions_table(case, m)
        tables["socioeconomic"] = socioeconomic_table(outcome, tables, v)
    if "levelised_cost" in outputs:
        tables["levelised"] = levelised_table(case, m)
    return from_tables(tables, outcome.objective, case.money, outputs)


def from_tables(tables: dict[str, pd.DataFrame], npv: float | None, money: str,
                outputs: tuple[str, ...] = OUTPUTS) -> list[Row]:
    """Output rows from result tables (as :func:`model.results.collect` or results.xlsx
    give them)."""
    rows: list[Row] = []
    want = set(outputs)
    if "npv" in want and npv is not None:
        rows.append(("npv", "total", None, float(npv), money))
    socio = tables.get("socioeconomic")
    if socio is not None and not socio.empty:
        if "emissions" in want:
            for scope, column in (("scope1", "scope-1 emissions [Mt CO2e/yr]"),
                                  ("scope12", "scope-1+2 emissions [Mt CO2e/yr]")):
                rows += [("emissions", scope, int(y), float(v), "Mt CO2e/yr")
                         for y, v in zip(socio["year"], socio[column], strict=True)]
        if "capex" in want:
            column = f"overnight investment in the block [{money}]"
            rows += [("capex", "total", int(y), float(v), money)
                     for y, v in zip(socio["year"], socio[column], strict=True)]
    targets = tables.get("targets")
    if "mac" in want and targets is not None and not targets.empty:
        column = f"marginal abatement cost [{money}/Mt CO2e]"
        rows += [("mac", str(t), int(y), float(v), f"{money}/Mt CO2e")
                 for t, y, v in zip(targets["target"], targets["year"], targets[column],
                                    strict=True)]
    cap = tables.get("capacity")
    if cap is not None and not cap.empty:
        for output, column in (("capacity", "capacity [capacity_unit]"),
                               ("new_capacity", "new [capacity_unit]")):
            if output in want:
                rows += [(output, str(t), int(y), float(v), str(u)) for t, y, v, u in zip(
                    cap["technology"], cap["year"], cap[column], cap["capacity_unit"],
                    strict=True)]
    lev = tables.get("levelised")
    if "levelised_cost" in want and lev is not None and not lev.empty:
        column = f"levelised cost [{money}/unit]"
        rows += [("levelised_cost", str(t), None, float(v), f"{money}/{u}")
                 for t, v, u in zip(lev["technology"], lev[column], lev["unit"], strict=True)]
    return rows


def targets_frame(tables: dict[str, pd.DataFrame], money: str) -> pd.DataFrame:
    """Each target: its cap, the emissions counted against it, the miss and the MAC."""
    columns = ["target", "kind", "year", "cap [Mt CO2e]", "emissions [Mt CO2e]",
               "missed [Mt CO2e]", f"MAC [{money}/Mt CO2e]"]
    t = tables.get("targets")
    if t is None or t.empty:
        return pd.DataFrame(columns=columns)
    cap = next(c for c in t.columns if str(c).startswith("cap ["))
    return pd.DataFrame({
        "target": t["target"], "kind": t["kind"], "year": t["year"], columns[3]: t[cap],
        columns[4]: t["emissions [Mt CO2e (/yr)]"], columns[5]: t["missed [Mt CO2e (/yr)]"],
        columns[6]: t[f"marginal abatement cost [{money}/Mt CO2e]"]})


#: Result tables that the outputs read.
RESULT_SHEETS = ("targets", "capacity", "socioeconomic", "levelised")


def from_run_folder(folder: str | Path, name: str | None = None) -> RunFigures:
    """The figures of a written run folder (``manifest.json`` and the result tables it
    stores as Parquet, with their exact values)."""
    from model.outputs.store import read_tables

    folder = Path(folder)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    money = str(manifest.get("money_unit") or "money")
    tables: dict[str, pd.DataFrame] = {}
    if (folder / "tables").is_dir():
        tables = {k: v for k, v in read_tables(folder).items() if k in RESULT_SHEETS}
    scenario = manifest.get("scenario")
    label = name or (scenario.get("name") if isinstance(scenario, dict) else scenario) \
        or manifest.get("case") or folder.name
    status = manifest.get("status", "")
    if manifest.get("misses_mt"):
        status = "targets missed"
    return RunFigures(str(label), str(manifest.get("case", "")), str(status), money,
                      manifest.get("objective"),
                      from_tables(tables, manifest.get("objective"), money),
                      targets_frame(tables, money))


def from_results(name: str, outcome, results) -> RunFigures:
    """The figures of a run solved in this process."""
    money = outcome.case.money
    tables = results.tables if results is not None else {}
    status = "targets missed" if outcome.misses else outcome.status
    return RunFigures(name, outcome.case.name, status, money, outcome.objective,
                      from_tables(tables, outcome.objective, money),
                      targets_frame(tables, money))
