"""Cases of growing size, generated from a real case (the bundled Dunkerque workbook).

Size grows along the model's three axes:

* **years**: ``year_step`` 5 -> 1 (6 -> 26 modelled years). New options whose first year is
  the second modelled block (2030) may then start in 2026, so that the annual model has the
  same build window before the 2030 target as the 5-year one;
* **time slices**: ``days_per_season`` representative days per season, each of
  ``slices_per_day`` slices; the capacity-factor shape of each technology is the base case's
  daily shape for that season, resampled to the new slices, varied from day to day and
  rescaled to the base case's annual capacity factor;
* **technologies**: ``copies`` variants of every new-build option (capex +3 % per copy), as
  in a case with several sites or vintages of technology data.

The generated case is written as a workbook, so reading and validation are measured too.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from model.case import load_case
from model.horizon import HOURS_PER_YEAR
from model.validate import CaseTables
from model.workbook import write_tables

BASE_CASE = Path(__file__).resolve().parent.parent / "inputs" / "dunkerque.xlsx"


@dataclass(frozen=True)
class Size:
    name: str
    year_step: int
    days_per_season: int
    slices_per_day: int
    copies: int = 1


#: Roughly 10k, 120k, 300k, 1M and 1.8M nonzeros with the Dunkerque case.
SIZES = {
    "xs": Size("xs", 5, 1, 2),
    "s": Size("s", 1, 1, 4),
    "m": Size("m", 1, 2, 6),
    "l": Size("l", 1, 3, 8, copies=2),
    "xl": Size("xl", 1, 4, 12, copies=2),
}


def _daily_shapes(tables: CaseTables) -> tuple[dict[str, dict[str, list[float]]], int]:
    """profile header -> season -> values over the base case's slices of a day."""
    ts = tables.tables["timeslices"].sort_values(["period", "order"])
    shapes: dict[str, dict[str, list[float]]] = {}
    per_day = int(ts.groupby("period").size().max())
    for header, values in tables.profiles.items():
        shapes[header] = {p: [float(values[s]) for s in g["slice"]]
                          for p, g in ts.groupby("period", sort=False)}
    return shapes, per_day


def _resample(shape: list[float], n: int) -> list[float]:
    """Values of a periodic daily shape at n evenly spaced points (linear interpolation)."""
    k = len(shape)
    out = []
    for i in range(n):
        x = (i + 0.5) * k / n - 0.5
        lo = math.floor(x)
        w = x - lo
        out.append(shape[lo % k] * (1 - w) + shape[(lo + 1) % k] * w)
    return out


def scale_tables(tables: CaseTables, size: Size) -> CaseTables:
    """A copy of ``tables`` grown to ``size`` (see the module docstring)."""
    t = copy.deepcopy(tables)
    base_year = int(t.settings["base_year"])
    t.settings["year_step"] = size.year_step
    t.settings["cluster"] = f"{t.settings['cluster']} {size.name}"
    if size.year_step == 1:
        techs = t.tables["technologies"]
        techs["first_year"] = [min(int(v), base_year + 1) if v is not None else v
                               for v in techs["first_year"]]

    shapes, _ = _daily_shapes(t)
    seasons = list(dict.fromkeys(t.tables["timeslices"].sort_values("order")["period"]))
    days = len(seasons) * size.days_per_season
    occurrences = 365.0 / days
    hours = HOURS_PER_YEAR / (days * size.slices_per_day)
    slices, profiles = [], {h: {} for h in shapes}
    for si, season in enumerate(seasons):
        for d in range(size.days_per_season):
            period = f"{season}_d{d + 1}"
            for i in range(size.slices_per_day):
                name = f"{period}_{i + 1:02d}"
                slices.append({"slice": name, "period": period, "order": i + 1,
                               "hours": hours, "occurrences": occurrences, "_row": None})
            for hi, header in enumerate(shapes):
                values = _resample(shapes[header][season], size.slices_per_day)
                swing = 1.0 + 0.25 * math.sin(2 * math.pi * (d + 0.3 * hi + si) /
                                              max(size.days_per_season, 2))
                for i, v in enumerate(values):
                    profiles[header][f"{period}_{i + 1:02d}"] = v * swing
    for header, base in tables.profiles.items():  # keep each annual capacity factor
        base_hours = dict(zip(tables.tables["timeslices"]["slice"],
                              tables.tables["timeslices"]["hours"], strict=True))
        target = sum(base[s] * base_hours[s] for s in base) / HOURS_PER_YEAR
        got = sum(profiles[header].values()) * hours / HOURS_PER_YEAR
        factor = target / got if got > 0 else 0.0
        profiles[header] = {s: min(1.0, v * factor) for s, v in profiles[header].items()}
    t.tables["timeslices"] = pd.DataFrame(slices, dtype=object)
    t.tables["profiles"] = pd.DataFrame([{"slice": s["slice"], "_row": None} for s in slices],
                                        dtype=object)
    t.profiles = profiles

    if size.copies > 1:
        _copy_options(t, size.copies)
    return t


def _copy_options(t: CaseTables, copies: int) -> None:
    """Add ``copies - 1`` variants of every technology that can be newly built."""
    techs = t.tables["technologies"]
    residual = {k[0] for k in t.trajectories.get("capacity", {}) if k[1] == "residual"}
    storage = set(t.tables["storage"]["technology"])
    options = [r for r in techs.to_dict("records")
               if r["technology"] not in residual and r["technology"] not in storage]
    names = {r["technology"] for r in options}
    new_techs, new_flows, new_costs = [], [], []
    for k in range(2, copies + 1):
        for r in options:
            new_techs.append({**r, "technology": f"{r['technology']}_v{k}"})
        for r in t.tables["flows"].to_dict("records"):
            if r["technology"] in names:
                new_flows.append({**r, "technology": f"{r['technology']}_v{k}"})
                key = (r["technology"], r["commodity"], r["direction"])
                if key in t.trajectories["flows"]:
                    t.trajectories["flows"][(f"{r['technology']}_v{k}", *key[1:])] = \
                        dict(t.trajectories["flows"][key])
        for r in t.tables["costs"].to_dict("records"):
            if r["technology"] in names:
                new_costs.append({**r, "technology": f"{r['technology']}_v{k}"})
                points = t.trajectories["costs"][(r["technology"], r["parameter"])]
                factor = 1.0 + 0.03 * (k - 1)
                t.trajectories["costs"][(f"{r['technology']}_v{k}", r["parameter"])] = {
                    y: v * factor for y, v in points.items()}
        for header in [h for h in t.profiles if h.split(":", 1)[1] in names]:
            t.profiles[f"{header}_v{k}"] = dict(t.profiles[header])
    t.tables["technologies"] = pd.concat([techs, pd.DataFrame(new_techs, dtype=object)],
                                         ignore_index=True)
    t.tables["flows"] = pd.concat([t.tables["flows"], pd.DataFrame(new_flows, dtype=object)],
                                  ignore_index=True)
    t.tables["costs"] = pd.concat([t.tables["costs"], pd.DataFrame(new_costs, dtype=object)],
                                  ignore_index=True)


def write_case(size: Size, folder: Path, base: Path = BASE_CASE) -> Path:
    """Write the generated case of ``size`` into ``folder``; return the workbook path."""
    tables = scale_tables(load_case(base).tables, size)
    path = folder / f"benchmark_{size.name}.xlsx"
    return write_tables(tables.to_frames(), path, overwrite=True)
