"""The figures front ends quote, by key: what the command line prints, what the portfolio
adds up, what studies keep. Read once from the result tables here, so no front end depends
on how a table's headers are written."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class TargetFigure:
    """One emission target at the solution (Mt CO2e, per year unless a budget; money of
    the target year per Mt CO2e)."""

    label: str
    kind: str
    scope: str
    year: int
    cap: float
    emissions: float
    missed: float
    binding: bool
    shadow_price: float
    carbon_price: float
    mac: float  #: marginal abatement cost
    mac_low: float = float("nan")  #: one-sided MAC when the cap is raised (from below)
    mac_high: float = float("nan")  #: one-sided MAC when the cap is lowered (from above)
    mac_unique: bool | None = None  #: None: not analysed

    @property
    def miss_text(self) -> str:
        """The miss in plain words."""
        if self.missed <= 0:
            return "met"
        per = "" if self.kind == "budget" else " a year"
        share = f" ({self.missed / self.cap:.0%} of its cap)" if self.cap > 1e-9 else ""
        return (f"the {self.kind} target of {self.year} ({self.scope}) is missed by "
                f"{self.missed:,.3f} Mt CO2e{per}{share}: nothing the case allows reaches it")


@dataclass(frozen=True)
class YearFigure:
    """One modelled year: emissions (Mt CO2e/yr), abatement against base emissions in the
    case's scope, investment (money), jobs and GDP (money/yr)."""

    year: int
    scope1: float
    scope2: float
    scope12: float
    abatement: float
    investment: float  #: overnight investment commissioned in the year's block
    cumulative_investment: float
    construction_job_years: float
    construction_jobs: float  #: average over the block
    operating_jobs: float
    gdp: float


@dataclass
class KeyFigures:
    money: str
    npv: float | None  #: the objective (with penalties when targets are missed)
    scope: str  #: the case's default target scope
    penalties: float = 0.0  #: present value of the penalties of missed targets
    targets: list[TargetFigure] = field(default_factory=list)
    years: list[YearFigure] = field(default_factory=list)
    investment_by_technology: dict[str, float] = field(default_factory=dict)  #: overnight
    #: what the end of the horizon hides (a CO2 reservoir nearly full), in plain words
    horizon_notes: list[str] = field(default_factory=list)

    @property
    def npv_without_penalties(self) -> float | None:
        """The true net present cost: the objective less the penalties of missed targets."""
        return None if self.npv is None else self.npv - self.penalties


def key_figures(tables: dict[str, pd.DataFrame], money: str, npv: float | None,
                scope: str) -> KeyFigures:
    """The key figures of a run's result tables."""
    costs = tables["costs"]
    penalties = float(costs.loc[costs["category"] == "target_penalty",
                                f"present value [{money}]"].sum()) if not costs.empty else 0.0
    figures = KeyFigures(money, npv, scope, penalties)
    for r in tables["targets"].to_dict("records"):
        cap = r["cap [Mt CO2e]"] if r["kind"] == "budget" else r["cap [Mt CO2e/yr]"]
        unique = r.get("MAC unique")
        figures.targets.append(TargetFigure(
            r["target"], r["kind"], r["scope"], int(r["year"]), cap,
            r["emissions [Mt CO2e (/yr)]"], r["missed [Mt CO2e (/yr)]"], bool(r["binding"]),
            r[f"shadow price [{money}/Mt CO2e]"], r[f"carbon price [{money}/Mt CO2e]"],
            r[f"marginal abatement cost [{money}/Mt CO2e]"],
            r.get(f"MAC, cap raised [{money}/Mt CO2e]", float("nan")),
            r.get(f"MAC, cap lowered [{money}/Mt CO2e]", float("nan")),
            None if unique is None or unique != unique else bool(unique)))
    for r in tables["socioeconomic"].to_dict("records"):
        figures.years.append(YearFigure(
            int(r["year"]), r["scope-1 emissions [Mt CO2e/yr]"],
            r["scope-2 emissions [Mt CO2e/yr]"], r["scope-1+2 emissions [Mt CO2e/yr]"],
            r[f"abatement vs base, {scope} [Mt CO2e/yr]"],
            r[f"overnight investment in the block [{money}]"],
            r[f"cumulative investment [{money}]"], r["construction [job-years in the block]"],
            r["construction, average [jobs]"], r["operating jobs [jobs]"],
            r[f"GDP contribution [{money}/yr]"]))
    figures.horizon_notes = reservoir_notes(tables.get("reservoirs"))
    inv = tables["investment"]
    if not inv.empty:
        by_tech = inv.groupby("technology")[f"overnight investment [{money}]"].sum()
        figures.investment_by_technology = {str(t): float(v) for t, v in
                                            by_tech.sort_values(ascending=False).items()}
    return figures


#: A reservoir whose space left at the end of the horizon lasts fewer years than this at the
#: last block's injection rate is reported: the years after the horizon, which the plan does
#: not see, would lack the storage it used (docs/formulation.md, "End of the horizon").
RESERVOIR_LOOKAHEAD_YEARS = 10.0


def reservoir_notes(reservoirs: pd.DataFrame | None) -> list[str]:
    """A note for each CO2 reservoir that would be full within
    :data:`RESERVOIR_LOOKAHEAD_YEARS` after the horizon at its last injection rate."""
    if reservoirs is None or reservoirs.empty:
        return []
    notes = []
    last = reservoirs["year"].max()
    for r in reservoirs[reservoirs["year"] == last].to_dict("records"):
        stored, capacity = r["stored by the end of the block [Mt]"], r["capacity [Mt]"]
        rate = r["injected [Mt/yr]"]
        left = max(capacity - stored, 0.0)
        if rate <= 0 or left / rate >= RESERVOIR_LOOKAHEAD_YEARS:
            continue
        when = "is full by then" if left <= 1e-9 else \
            f"is full {left / rate:.1f} years later at the last rate ({rate:,.1f} Mt/yr)"
        notes.append(
            f"reservoir {r['reservoir']} holds {_mt(stored)} of its {_mt(capacity)} Mt "
            f"({r['used']:.0%}) by the end of the horizon and {when}. The plan does not see "
            "the years after the horizon, which would lack that storage, so the last years' "
            "results (their MAC above all) depend on where the horizon stops: extend "
            "end_year to see them")
    return notes


def _mt(x: float) -> str:
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.3g}"
