"""Shared table assembly for the scripts that build the bundled case workbooks.

The builders (``tools/build_*.py``) keep their data: tables of rows, each citing a source and
carrying a note, plus the arithmetic that calibrates a case. This module turns those rows
into the sheets of a case workbook (see ``model.schema``) and writes the workbook. It also
holds the unit conversions and emission factors that every case uses (``KW``, ``GAS_EF``...).

Row shapes the builders use (all tuples, in this order):

* settings:    ``(name, value, unit, description)``
* commodities: ``(commodity, kind, unit, balance, description, source)``, or with an explicit
  ``co2e_factor`` after ``balance`` (7 fields);
* technologies: the 14 fields of :class:`Tech`;
* flows:       ``(technology, commodity, direction, ratio or {year: ratio}, source, note)``;
* trajectories (costs, prices, demand, capacity): ``(*keys, {year: value}, source, note)``.

A trajectory ``{year: value}`` gives values at the years its source gives; the builders write
it into the workbook's year columns by linear interpolation, held flat outside the given years
(the rule the model itself applies). Units are those of the case: the helpers never convert
money or energy, they only interpolate, scale and round.

Time slices: a case has representative days (``{day: number of days it stands for}``), each cut
into equal slices that start at the hours of ``starts``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model.workbook import write_tables  # noqa: E402

Trajectory = Mapping[int, float]
"""Values at given years: ``{year: value}``."""

Shape = Mapping[str, Sequence[float]]
"""Relative values per representative day: ``{day: [value of each slice]}``."""

# --------------------------------------------------------------------------------------
# Unit conversions and emission factors shared by the cases
# --------------------------------------------------------------------------------------
# Money is in the case's currency ("money"); Mmoney is millions of it.

KW = 0.001                    # money/kW  -> Mmoney/MW
MWH = 0.001                   # money/MWh -> Mmoney/GWh
T_MWH = 0.001                 # t/MWh     -> Mt/GWh (also kg/kWh -> Mt/GWh)
GAS_EF = 0.198 * T_MWH        # natural gas, Mt CO2/GWh (PyPSA stoichiometric) [S]
COAL_EF = 0.3361 * T_MWH      # hard coal, Mt CO2/GWh (PyPSA / UBA) [S]

Tables = dict[str, pd.DataFrame]
"""The sheets of a case workbook by name, as :func:`model.workbook.write_tables` takes them."""

HOURS_PER_YEAR = 8760


# --------------------------------------------------------------------------------------
# Trajectories
# --------------------------------------------------------------------------------------


def interpolate(points: Trajectory, years: Iterable[int]) -> dict[int, float]:
    """Values of a trajectory in ``years``: linear between given years, flat outside."""
    xs = sorted(points)
    out = {}
    for y in years:
        if y <= xs[0]:
            out[y] = points[xs[0]]
        elif y >= xs[-1]:
            out[y] = points[xs[-1]]
        else:
            hi = next(x for x in xs if x >= y)
            lo = max(x for x in xs if x <= y)
            out[y] = points[lo] if hi == lo else \
                points[lo] + (points[hi] - points[lo]) * (y - lo) / (hi - lo)
    return out


def at(points: Trajectory, year: int) -> float:
    """Value of a trajectory in one year (see :func:`interpolate`)."""
    return interpolate(points, [year])[year]


def scale(points: Trajectory, factor: float) -> dict[int, float]:
    """A trajectory times a factor (a unit conversion, or a level times a growth index)."""
    return {y: v * factor for y, v in points.items()}


def pct(shares: float | Trajectory, values: Trajectory) -> dict[int, float]:
    """A share of a trajectory, e.g. fixed O&M (money/unit/yr) as a share (1/yr) of capex.

    ``shares`` is one share for every year of ``values``, or ``{year: share}``; then the result
    has the years of ``shares`` and ``values`` is interpolated to them.
    """
    if isinstance(shares, Mapping):
        return {y: shares[y] * at(values, y) for y in shares}
    return {y: shares * v for y, v in values.items()}


def storage_capex(hours: float, energy_cost: Trajectory, power_cost: Trajectory,
                  *factors: float) -> dict[int, float]:
    """Capex of a storage per unit of power: ``hours x energy cost + power cost``.

    ``energy_cost`` is money per kWh and ``power_cost`` money per kW, at the years of
    ``energy_cost``; ``factors`` are applied in turn (e.g. a currency rate, then 0.001 for
    money/kW -> Mmoney/MW), so that the result is in the case's money per MW.
    """
    out = {}
    for y in energy_cost:
        value = hours * energy_cost[y] + power_cost[y]
        for factor in factors:
            value *= factor
        out[y] = value
    return out


def cost_at(costs: Iterable[tuple], technology: str, parameter: str, year: int) -> float:
    """Value in ``year`` of the first cost row ``(technology, parameter, {year: value}, ...)``.

    0.0 when the technology has no such row. Units are those of the cost row.
    """
    for tech, param, points, *_ in costs:
        if tech == technology and param == parameter:
            return at(points, year)
    return 0.0


def tidy(value: float) -> float:
    """Round away float noise from a builder's arithmetic (keeps 8 significant digits)."""
    return float(f"{value:.8g}")


def year_cells(points: Trajectory, years: Sequence[int], *,
               strict: bool = False) -> dict[int, float]:
    """A trajectory's values in the workbook's year columns, tidied.

    With ``strict``, every given year must be one of ``years``, so that the workbook carries
    exactly the trajectory its source states.
    """
    if strict:
        missing = set(points) - set(years)
        assert not missing, f"trajectory years {sorted(missing)} are not workbook columns"
    return {y: tidy(v) for y, v in interpolate(points, years).items()}


# --------------------------------------------------------------------------------------
# Row helpers shared by the cases' flow tables
# --------------------------------------------------------------------------------------


def vent_flows(tech: str, flue: str, source: str) -> list[tuple]:
    """Flows of an accounting vent: one Mt of flue CO2 in, one Mt of ``co2`` out."""
    return [
        (tech, flue, "in", 1.0, source, "Vent: flue CO2 to atmosphere [D]."),
        (tech, "co2", "out", 1.0, source, "Vent: flue CO2 to atmosphere [D]."),
    ]


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------


class Tech(NamedTuple):
    """A technology row as the builders write it."""

    technology: str
    category: str
    plant: str
    description: str
    capacity_unit: str
    activity_unit: str
    cap_to_act: float          # activity units per capacity unit and year (8.76 GWh per MW)
    lifetime: int              # years
    first_year: int
    max_build_per_year: float | None   # capacity units per year
    availability: float        # share of the year (capacity factor for renewables)
    early_retirement: bool
    source: str
    note: str


class Socio(NamedTuple):
    """Socio-economic coefficients of a technology, with the text added to its note."""

    construction_jobs: float   # job-years per capacity unit built
    operating_jobs: float      # jobs per capacity unit in place
    gdp_per_activity: float    # value added, Mmoney per activity unit
    note: str                  # appended to the technology's note after a space


def settings_table(rows: Iterable[tuple]) -> pd.DataFrame:
    """The settings sheet from ``(name, value, unit, description)`` rows."""
    return pd.DataFrame(rows, columns=["name", "value", "unit", "description"])


def commodities_table(rows: Iterable[tuple]) -> pd.DataFrame:
    """The commodities sheet.

    Rows are ``(commodity, kind, unit, balance, description, source)``, where emissions
    (kind ``emission``) get a CO2e factor of 1.0, or carry the factor themselves:
    ``(commodity, kind, unit, balance, co2e_factor, description, source)``.
    """
    out = []
    for row in rows:
        if len(row) == 6:
            c, k, u, b, d, s = row
            f = 1.0 if k == "emission" else None
        else:
            c, k, u, b, f, d, s = row
        out.append(dict(commodity=c, kind=k, unit=u, balance=b, co2e_factor=f, description=d,
                        source=s))
    return pd.DataFrame(out)


def technologies_table(rows: Iterable[tuple], *, wacc: float, socio: Callable[[Tech], Socio],
                       reservoir_of: Mapping[str, str] | None = None,
                       credit_years: Mapping[str, int] | None = None) -> pd.DataFrame:
    """The technologies sheet from :class:`Tech` rows.

    ``wacc`` (1/yr) is the same for every technology and ``min_load`` is 0. ``socio`` gives a
    technology's socio-economic coefficients (tidied here) and the text appended to its note;
    ``reservoir_of`` and ``credit_years`` (years) are set for the technologies they name.
    """
    reservoir_of = reservoir_of or {}
    credit_years = credit_years or {}
    out = []
    for t in map(Tech._make, rows):
        s = socio(t)
        out.append(dict(
            technology=t.technology, category=t.category, plant=t.plant,
            description=t.description, capacity_unit=t.capacity_unit,
            activity_unit=t.activity_unit, cap_to_act=t.cap_to_act, lifetime=t.lifetime,
            wacc=wacc, first_year=t.first_year, max_build_per_year=t.max_build_per_year,
            min_load=0.0, availability=t.availability, early_retirement=t.early_retirement,
            reservoir=reservoir_of.get(t.technology),
            credit_years=credit_years.get(t.technology),
            construction_jobs=tidy(s.construction_jobs), operating_jobs=tidy(s.operating_jobs),
            gdp_per_activity=tidy(s.gdp_per_activity), source=t.source,
            note=f"{t.note} {s.note}"))
    return pd.DataFrame(out, dtype=object)


def flows_table(rows: Iterable[tuple], years: Sequence[int], *,
                strict: bool = False) -> pd.DataFrame:
    """The flows sheet: a constant ratio goes in ``ratio``, a trajectory in the year columns.

    Ratios are commodity units per activity unit. ``strict`` as in :func:`year_cells`.
    """
    out = []
    for tech, comm, direction, ratio, src, note in rows:
        row = dict(technology=tech, commodity=comm, direction=direction, ratio=None,
                   source=src, note=note)
        if isinstance(ratio, Mapping):
            row.update(year_cells(ratio, years, strict=strict))
        else:
            row["ratio"] = tidy(ratio)
        out.append(row)
    return pd.DataFrame(
        out, columns=["technology", "commodity", "direction", "ratio", *years, "source", "note"])


def trajectory_table(rows: Iterable[tuple], keys: Sequence[str], years: Sequence[int], *,
                     strict: bool = False) -> pd.DataFrame:
    """A sheet of ``(*keys, {year: value}, source, note)`` rows with one column per year.

    Used for costs, prices, demand and capacity; ``strict`` as in :func:`year_cells`.
    """
    out = []
    for *key, points, src, note in rows:
        out.append({**dict(zip(keys, key, strict=True)),
                    **year_cells(points, years, strict=strict), "source": src, "note": note})
    return pd.DataFrame(out, columns=[*keys, *years, "source", "note"])


# --------------------------------------------------------------------------------------
# Time slices and profiles
# --------------------------------------------------------------------------------------


def slice_name(day: str, start: int) -> str:
    """Name of the slice of a representative day that starts at hour ``start``."""
    return f"{day}_{start:02d}h"


def slice_hours(starts: Sequence[int]) -> int:
    """Length in hours of each slice of a day cut at ``starts`` (equal slices from 00h)."""
    step = 24 // len(starts)
    assert list(starts) == list(range(0, 24, step)), f"unequal slices: {starts}"
    return step


def timeslices_table(days: Mapping[str, float], starts: Sequence[int]) -> pd.DataFrame:
    """The timeslices sheet: hours per year of each slice, checked to sum to 8,760."""
    step = slice_hours(starts)
    rows = [dict(slice=slice_name(day, start), period=day, order=i, hours=step * n,
                 occurrences=n)
            for day, n in days.items() for i, start in enumerate(starts, start=1)]
    total = sum(r["hours"] for r in rows)
    assert abs(total - HOURS_PER_YEAR) < 1e-9, f"slices cover {total} h, not 8760"
    return pd.DataFrame(rows)


def slice_values(shape: Shape, days: Mapping[str, float]) -> list[float]:
    """A shape's values in slice order (days in the order of ``days``, then slices)."""
    return [v for day in days for v in shape[day]]


def availability_profile(target: float, shape: Shape, days: Mapping[str, float],
                         starts: Sequence[int]) -> list[float]:
    """A relative shape scaled so that its hours-weighted mean is ``target``.

    ``target`` is the annual capacity factor (share of the year); values are rounded to 4
    decimals and checked to stay at or below 1 and within 0.001 of the target on average.
    """
    hours = [slice_hours(starts) * n for n in days.values() for _ in starts]
    raw = slice_values(shape, days)
    mean = sum(h * v for h, v in zip(hours, raw, strict=True)) / sum(hours)
    values = [round(v * target / mean, 4) for v in raw]
    assert max(values) <= 1.0, f"availability above 1: {max(values)}"
    mean_out = sum(h * v for h, v in zip(hours, values, strict=True)) / sum(hours)
    assert abs(mean_out - target) < 1e-3, f"profile mean {mean_out} is not {target}"
    return values


def profiles_table(days: Mapping[str, float], starts: Sequence[int],
                   availability: Mapping[str, tuple[float, Shape]],
                   others: Mapping[str, Shape] | None = None) -> pd.DataFrame:
    """The profiles sheet.

    ``availability`` maps a technology to ``(annual capacity factor, shape)``: the column
    ``availability:<technology>`` (see :func:`availability_profile`). ``others`` maps further
    column names (``demand:<commodity>``, ``price:<commodity>``) to shapes written as given.
    """
    profile: dict[str, list] = {
        "slice": [slice_name(day, start) for day in days for start in starts]}
    for tech, (target, shape) in availability.items():
        profile[f"availability:{tech}"] = availability_profile(target, shape, days, starts)
    for column, shape in (others or {}).items():
        profile[column] = slice_values(shape, days)
    return pd.DataFrame(profile)


# --------------------------------------------------------------------------------------
# The whole workbook
# --------------------------------------------------------------------------------------


def case_tables(*, years: Sequence[int], settings: Iterable[tuple], targets: list[dict],
                commodities: Iterable[tuple], technologies: pd.DataFrame,
                flows: Iterable[tuple], costs: Iterable[tuple], prices: Iterable[tuple],
                demand: Iterable[tuple], capacity: Iterable[tuple],
                days: Mapping[str, float], starts: Sequence[int],
                availability: Mapping[str, tuple[float, Shape]],
                other_profiles: Mapping[str, Shape] | None = None,
                storage: list[dict], reservoirs: list[dict] | None = None,
                sources: list[dict], strict_years: bool = False) -> Tables:
    """All sheets of a case workbook, in the schema's order, from a builder's tables.

    ``technologies`` is the sheet made by :func:`technologies_table`; ``strict_years`` makes
    every trajectory year a workbook column (see :func:`year_cells`).
    """
    tables = {
        "settings": settings_table(settings),
        "targets": pd.DataFrame(targets),
        "commodities": commodities_table(commodities),
        "technologies": technologies,
        "flows": flows_table(flows, years, strict=strict_years),
        "costs": trajectory_table(costs, ["technology", "parameter"], years,
                                  strict=strict_years),
        "prices": trajectory_table(prices, ["commodity", "parameter"], years,
                                   strict=strict_years),
        "demand": trajectory_table(demand, ["commodity"], years, strict=strict_years),
        "capacity": trajectory_table(capacity, ["technology", "parameter"], years,
                                     strict=strict_years),
        "timeslices": timeslices_table(days, starts),
        "profiles": profiles_table(days, starts, availability, other_profiles),
        "storage": pd.DataFrame(storage),
    }
    if reservoirs is not None:
        tables["reservoirs"] = pd.DataFrame(reservoirs)
    tables["sources"] = pd.DataFrame(sources, dtype=object)
    return tables


def write_case(tables: Tables, output: Path) -> Path:
    """Write the workbook (replacing it) and return its path relative to the project root."""
    return write_tables(tables, output, overwrite=True).relative_to(ROOT)
