"""The numbers the model reads: a validated workbook turned into values per modelled year.

:func:`load_case` reads and validates a workbook (raising :class:`~model.errors.CaseError`
with every problem), then :func:`derive` interpolates every trajectory at the modelled years
and fills defaults. A scenario or sensitivity changes :class:`~model.validation.CaseTables` and
calls :func:`derive` again; its LP is then pushed into the loaded HiGHS model in place when
its layout is unchanged (see :class:`model.solve.Resolver`).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model import user_constraints
from model.errors import CaseError
from model.horizon import HOURS_PER_YEAR, block_lengths, modelled_years
from model.interpolate import interpolate
from model.schema import CAPACITY_MAX, CAPACITY_MIN, RESIDUAL
from model.validation import CaseTables, validate
from model.workbook import read_workbook

INF = math.inf


@dataclass(frozen=True)
class Technology:
    name: str
    category: str
    plant: str
    capacity_unit: str
    activity_unit: str
    cap_to_act: float  #: activity unit per capacity unit and full year
    lifetime: float  #: years
    life: int  #: effective life L_t = year_step * ceil(lifetime / year_step), years
    wacc: float  #: 1/yr
    first_year: int
    max_build_per_year: float  #: capacity unit / yr (inf: no limit)
    min_load: float
    availability: float
    early_retirement: bool
    reservoir: str | None
    credit_years: float | None
    is_storage: bool
    construction_jobs: float = 0.0  #: job-years per capacity unit built
    operating_jobs: float = 0.0  #: jobs per capacity unit installed
    gdp_per_activity: float = 0.0  #: money per activity unit
    build_time: int = 1  #: years over which the overnight investment is spent
    member: str = "shared"  #: the company that owns it, or shared infrastructure


@dataclass(frozen=True)
class Commodity:
    name: str
    kind: str
    unit: str
    balance: str  #: "slice" or "annual"
    co2e_factor: float  #: Mt CO2e per unit (emission commodities)
    display_unit: str | None = None  #: unit prices are shown per (results)
    display_per_unit: float = 1.0  #: display units in one unit of the commodity


@dataclass(frozen=True)
class StorageSpec:
    commodity: str
    energy_per_power: float  #: h
    efficiency_in: float
    efficiency_out: float
    self_discharge: float  #: 1/h


@dataclass(frozen=True)
class Target:
    """One emission constraint: ``sum_y weight[y] * E_scope[y] - miss <= cap``.

    Annual caps have one year with weight 1; a budget weights each modelled year by the
    number of its calendar years inside the budget window.
    """

    label: str
    #: reduction | absolute | budget | linear (interpolated between targets) | held (the last
    #: target of a scope, capping a later modelled year)
    kind: str
    year: int
    scope: str  #: scope1 | scope12
    value: float  #: as given (fraction, Mt/yr or Mt)
    weights: dict[int, float]
    #: For reductions: cap = (1 - value) * base; for linear rows: cap = a + b * base.
    cap_const: float
    cap_per_base: float


@dataclass
class Case:
    """A case's data at the modelled years; units as declared in :mod:`model.schema`."""

    name: str
    workbook: str
    tables: CaseTables
    settings: dict[str, Any]
    years: list[int]
    n_years: dict[int, int]  #: calendar years each modelled year stands for
    slices: list[str]
    hours: dict[str, float]  #: h/yr of each slice
    period: dict[str, str]
    occurrences: dict[str, float]
    next_slice: dict[str, str]  #: cyclic successor inside the period
    commodities: dict[str, Commodity]
    technologies: dict[str, Technology]
    storage: dict[str, StorageSpec]
    reservoirs: dict[str, float]  #: cumulative capacity, injector activity units
    ratio_in: dict[tuple[str, str], dict[int, float]]  #: (t, c) -> {y: ratio}
    ratio_out: dict[tuple[str, str], dict[int, float]]
    cost: dict[str, dict[tuple[str, int], float]]  #: parameter -> {(t, y): value}
    price: dict[str, dict[tuple[str, int], float]]  #: parameter -> {(c, y): value}
    demand: dict[tuple[str, int], float]
    residual: dict[tuple[str, int], float]
    cap_min: dict[tuple[str, int], float]
    cap_max: dict[tuple[str, int], float]
    avail: dict[tuple[str, str], float]  #: (t, s) availability / capacity factor
    demand_share: dict[tuple[str, str], float]  #: (c, s) share of annual demand
    price_shape: dict[tuple[str, str], float]  #: (c, s) price multiplier (weighted mean 1)
    targets: list[Target]
    base_emissions: float | None
    input_hash: str = ""
    warnings: list = field(default_factory=list)
    #: the planner's own constraints (:mod:`model.user_constraints`)
    user_constraints: list = field(default_factory=list)
    #: decisions fixed at what happened (:class:`model.actuals.Fixings`); None: none
    fixed: Any = None

    @property
    def base_year(self) -> int:
        return self.years[0]

    @property
    def end_year(self) -> int:
        return self.years[-1] + self.n_years[self.years[-1]] - 1

    @property
    def discount_rate(self) -> float:
        return float(self.settings["discount_rate"])

    @property
    def money(self) -> str:
        return str(self.settings["money_unit"])

    def active_vintages(self, t: str, y: int) -> list[int]:
        """Modelled years v whose new capacity of ``t`` is in service in year ``y``."""
        life = self.technologies[t].life
        return [v for v in self.years if v <= y < v + life]

    def block_years(self, y: int) -> range:
        """Calendar years that modelled year ``y`` stands for."""
        return range(y, y + self.n_years[y])


def file_hash(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_case(path: str | Path) -> Case:
    """Read, validate and derive a case workbook; raise CaseError listing every problem."""
    raw = read_workbook(path)
    tables, problems = validate(raw)
    if tables is None:
        raise CaseError(problems)
    case = derive(tables)
    case.input_hash = file_hash(path)
    return case


def _effective_life(lifetime: float, step: int) -> int:
    return int(step * math.ceil(lifetime / step - 1e-9))


def derive(tables: CaseTables) -> Case:
    """Interpolate every trajectory at the modelled years.

    Trusts the tables as validation leaves them: every column default of :mod:`model.schema`
    is filled in. Only what an empty cell means beyond a default is decided here: no
    ``wacc`` is the discount rate, no ``first_year`` the base year, no
    ``max_build_per_year`` no limit."""
    s = tables.settings
    base, end, step = int(s["base_year"]), int(s["end_year"]), int(s["year_step"])
    years = modelled_years(base, end, step)
    n_years = block_lengths(years, end, step, str(s.get("final_block") or "full"))
    t = tables.tables
    traj = tables.trajectories

    ts = t["timeslices"].sort_values(["period", "order"], kind="stable")
    slices = list(t["timeslices"]["slice"])
    hours = dict(zip(ts["slice"], ts["hours"].astype(float), strict=True))
    period = dict(zip(ts["slice"], ts["period"], strict=True))
    occurrences = dict(zip(ts["slice"], ts["occurrences"].astype(float), strict=True))
    next_slice: dict[str, str] = {}
    for _, group in ts.groupby("period", sort=False):
        names = list(group["slice"])
        for i, name in enumerate(names):
            next_slice[name] = names[(i + 1) % len(names)]

    commodities = {
        r.commodity: Commodity(r.commodity, r.kind, r.unit, r.balance, float(r.co2e_factor),
                               r.display_unit, float(r.display_per_unit or 1.0))
        for r in t["commodities"].itertuples()
    }
    storage = {
        r.technology: StorageSpec(r.commodity, float(r.energy_per_power),
                                  float(r.efficiency_in), float(r.efficiency_out),
                                  float(r.self_discharge))
        for r in t["storage"].itertuples()
    }
    technologies = {}
    for r in t["technologies"].itertuples():
        technologies[r.technology] = Technology(
            name=r.technology, category=r.category, plant=r.plant,
            capacity_unit=r.capacity_unit, activity_unit=r.activity_unit,
            cap_to_act=float(r.cap_to_act), lifetime=float(r.lifetime),
            life=_effective_life(float(r.lifetime), step),
            wacc=float(r.wacc if r.wacc is not None else s["discount_rate"]),
            first_year=int(r.first_year if r.first_year is not None else base),
            max_build_per_year=float(r.max_build_per_year
                                     if r.max_build_per_year is not None else INF),
            min_load=float(r.min_load), availability=float(r.availability),
            early_retirement=bool(r.early_retirement), reservoir=r.reservoir or None,
            credit_years=None if r.credit_years is None else float(r.credit_years),
            is_storage=r.technology in storage,
            construction_jobs=float(r.construction_jobs),
            operating_jobs=float(r.operating_jobs),
            gdp_per_activity=float(r.gdp_per_activity),
            build_time=int(r.build_time), member=str(r.member))
    reservoirs = {r.reservoir: float(r.capacity) for r in t["reservoirs"].itertuples()}

    ratio_in: dict[tuple[str, str], dict[int, float]] = {}
    ratio_out: dict[tuple[str, str], dict[int, float]] = {}
    for r in t["flows"].itertuples():
        points = traj["flows"].get((r.technology, r.commodity, r.direction)) or {
            base: float(r.ratio)}
        target = ratio_in if r.direction == "in" else ratio_out
        target[(r.technology, r.commodity)] = {y: interpolate(points, y) for y in years}

    def by_parameter(sheet: str) -> dict[str, dict[tuple[str, int], float]]:
        out: dict[str, dict[tuple[str, int], float]] = {}
        for (name, param), points in traj[sheet].items():
            if points:
                out.setdefault(param, {}).update(
                    {(name, y): interpolate(points, y) for y in years})
        return out

    cost = by_parameter("costs")
    price = by_parameter("prices")
    capacity = by_parameter("capacity")
    demand = {(c, y): interpolate(points, y) for (c,), points in traj["demand"].items()
              if points for y in years}

    avail: dict[tuple[str, str], float] = {}
    for name, tech in technologies.items():
        profile = tables.profiles.get(f"availability:{name}")
        for sl in slices:
            avail[(name, sl)] = float(profile[sl]) if profile else tech.availability
    demand_share: dict[tuple[str, str], float] = {}
    price_shape: dict[tuple[str, str], float] = {}
    for c in commodities:
        shape = tables.profiles.get(f"demand:{c}")
        weights = {sl: hours[sl] * (shape[sl] if shape else 1.0) for sl in slices}
        total = sum(weights.values())
        for sl in slices:
            demand_share[(c, sl)] = weights[sl] / total if total > 0 else 0.0
        pshape = tables.profiles.get(f"price:{c}")
        mean = (sum(hours[sl] * pshape[sl] for sl in slices) / HOURS_PER_YEAR) if pshape else 1.0
        for sl in slices:
            price_shape[(c, sl)] = (pshape[sl] / mean) if pshape and mean > 0 else 1.0

    case = Case(
        name=str(s["cluster"]), workbook=tables.workbook, tables=tables, settings=dict(s),
        years=years, n_years=n_years, slices=slices, hours=hours, period=period,
        occurrences=occurrences, next_slice=next_slice, commodities=commodities,
        technologies=technologies, storage=storage, reservoirs=reservoirs,
        ratio_in=ratio_in, ratio_out=ratio_out, cost=cost, price=price, demand=demand,
        residual=capacity.get(RESIDUAL, {}), cap_min=capacity.get(CAPACITY_MIN, {}),
        cap_max=capacity.get(CAPACITY_MAX, {}), avail=avail, demand_share=demand_share,
        price_shape=price_shape, targets=[],
        base_emissions=None if s.get("base_emissions") is None else float(
            s["base_emissions"]),
        warnings=list(tables.warnings))
    case.targets = build_targets(case)
    case.user_constraints = user_constraints.parse(tables, years)[0]
    return case


def build_targets(case: Case) -> list[Target]:
    """Emission constraints from the targets sheet (and linear interpolation between them)."""
    s = case.settings
    frame = case.tables.tables["targets"]
    default_scope = s["emission_scope"]
    targets: list[Target] = []
    annual: dict[str, list[tuple[int, float, float]]] = {}
    for r in frame.sort_values("year").itertuples():
        scope = r.scope or default_scope
        value = float(r.value)
        if r.kind == "budget":
            start = int(r.start_year if r.start_year is not None else case.base_year)
            weights = {}
            for y in case.years:
                n = sum(1 for k in case.block_years(y) if start <= k <= r.year)
                if n:
                    weights[y] = float(n)
            targets.append(Target(f"{r.year} budget {scope}", "budget", int(r.year), scope,
                                  value, weights, value, 0.0))
            continue
        const, per_base = (0.0, 1.0 - value) if r.kind == "reduction" else (value, 0.0)
        targets.append(Target(f"{r.year} {r.kind} {scope}", r.kind, int(r.year), scope, value,
                              {int(r.year): 1.0}, const, per_base))
        annual.setdefault(scope, []).append((int(r.year), const, per_base))
    labels = [tg.label for tg in targets]
    if len(labels) != len(set(labels)):  # validation rejects this; never drop a target
        raise ValueError(f"duplicate targets: {sorted(x for x in labels if labels.count(x) > 1)}")
    if s["target_trajectory"] == "linear":
        for scope, points in annual.items():
            points.sort()
            for (y0, c0, b0), (y1, c1, b1) in zip(points, points[1:], strict=False):
                for y in case.years:
                    if y0 < y < y1:
                        w = (y - y0) / (y1 - y0)
                        targets.append(Target(
                            f"{y} linear {scope}", "linear", y, scope, float("nan"),
                            {y: 1.0}, c0 + w * (c1 - c0), b0 + w * (b1 - b0)))
    if (s.get("after_last_target") or "hold") == "hold":
        for scope, points in annual.items():
            y_last, c_last, b_last = max(points)
            for y in case.years:
                if y > y_last:
                    targets.append(Target(f"{y} held {scope}", "held", y, scope, float("nan"),
                                          {y: 1.0}, c_last, b_last))
    return targets


def needs_base_emissions(case: Case) -> bool:
    """Whether some target refers to base emissions that the workbook leaves empty."""
    return case.base_emissions is None and any(tg.cap_per_base != 0 for tg in case.targets)


def target_cap(target: Target, base_emissions: float | None) -> float:
    """The cap of a target in Mt CO2e (per year; cumulative for budgets)."""
    if target.cap_per_base == 0:
        return target.cap_const
    if base_emissions is None:
        raise ValueError(f"target {target.label} needs base emissions")
    return target.cap_const + target.cap_per_base * base_emissions
