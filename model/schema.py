"""The case workbook, declared once.

Every sheet and column a planner may edit is described here: key columns, type, unit,
allowed values, default, whether it is required, and what it means. Validation
(:mod:`model.validation`), the blank template (:mod:`model.template`) and ``docs/inputs.md``
(:mod:`model.docs`) are all generated from these tables, so they cannot disagree.

Conventions used by every sheet:

* Money is in the *money unit* named in ``settings`` (by default millions of the case
  currency, e.g. ``MEUR``), in money of ``currency_year``.
* Trajectory sheets (``flows``, ``costs``, ``prices``, ``demand``, ``capacity``) take
  *year columns*: any column whose header is a four-digit year. Values are interpolated
  linearly between the given years and held flat before the first and after the last.
  Year columns may lie outside the horizon (they still serve interpolation).
* ``source`` columns cite an ``id`` of the ``sources`` sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

DType = Literal["str", "int", "float", "bool"]

# --------------------------------------------------------------------------------------
# parameter names, declared once: the derived case, validation and the maths use these
# --------------------------------------------------------------------------------------

#: ``costs`` sheet: money per capacity unit, per capacity unit and year, per activity unit.
CAPEX, CAPEX_PREMIUM, FIXED_OM, VARIABLE_OM = "capex", "capex_premium", "fixed_om", "variable_om"
#: ``prices`` sheet.
PRICE, MAX_SUPPLY, MAX_IMPORT_RATE = "price", "max_supply", "max_import_rate"
EXPORT_PRICE, GRID_EMISSION_FACTOR = "export_price", "grid_emission_factor"
CARBON_PRICE, STORAGE_CREDIT = "carbon_price", "storage_credit"
#: ``capacity`` sheet: existing capacity, lower and upper bounds on installed capacity.
RESIDUAL, CAPACITY_MIN, CAPACITY_MAX = "residual", "min", "max"

#: Largest magnitude a number of the workbook may plausibly have when its column declares no
#: range of its own: beyond it a value is a unit mistake (and the solver would treat it as
#: infinite from 1e20 on). Columns and parameters narrow it with ``plausible``.
PLAUSIBLE_MAGNITUDE = 1e12

#: A reduction target above this fraction of base emissions is a percentage typed as a
#: number (55 for 0.55); between 1 (net zero) and this it needs emission removals.
MAX_REDUCTION = 2.0


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one row of the ``settings`` sheet)."""

    name: str
    dtype: DType
    unit: str
    description: str
    required: bool = False
    default: Any = None
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    key: bool = False
    #: (sheet, column) that a value must exist in, e.g. ("technologies", "technology").
    ref: tuple[str, str] | None = None
    #: A share or rate written as a fraction (0.55 means 55 %): a value such as 55 is
    #: reported as a percentage typed as a number.
    fraction: bool = False
    #: (low, high) beyond which a number is implausible (a unit mistake), refused with the
    #: cell; None: +-PLAUSIBLE_MAGNITUDE.
    plausible: tuple[float, float] | None = None


@dataclass(frozen=True)
class Parameter:
    """An allowed value of a ``parameter`` column, with the unit of its year values."""

    name: str
    unit: str
    description: str
    minimum: float | None = None
    #: Values below this are accepted with a warning naming the cell (e.g. a negative price:
    #: the cluster is paid to take the commodity, which is rare and usually a sign mistake).
    warn_below: float | None = None
    #: (low, high) beyond which a year value is implausible; None: +-PLAUSIBLE_MAGNITUDE.
    plausible: tuple[float, float] | None = None


@dataclass(frozen=True)
class Sheet:
    """One sheet of the case workbook."""

    name: str
    one_row_per: str
    description: str
    columns: tuple[Column, ...]
    required: bool = True
    #: Whether the sheet takes year columns (trajectories).
    year_columns: bool = False
    #: Unit of the year-column values when there is no ``parameter`` column.
    year_unit: str = ""
    #: Allowed values of the ``parameter`` column, with their units.
    parameters: tuple[Parameter, ...] = ()
    #: Prefixes of free-named columns (``profiles``): prefix -> (sheet, column) it refers to.
    dynamic_prefixes: dict[str, tuple[str, str]] = field(default_factory=dict)
    example: tuple[dict[str, Any], ...] = ()

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    def parameter(self, name: str) -> Parameter:
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)


def _source() -> Column:
    return Column("source", "str", "-", "Id of the row's reference in the `sources` sheet.",
                  ref=("sources", "id"))


def _note() -> Column:
    return Column("note", "str", "-", "Free text: assumptions, estimate flags ([E], [D]), caveats.")


# --------------------------------------------------------------------------------------
# settings: one row per setting, validated against this list
# --------------------------------------------------------------------------------------

SETTINGS: tuple[Column, ...] = (
    Column("cluster", "str", "-", "Name of the cluster (used in result folders and reports).",
           required=True),
    Column("currency", "str", "-", "Case currency, e.g. EUR, USD, CNY.", default="EUR"),
    Column("currency_year", "int", "year", "Year whose money all costs are expressed in.",
           minimum=1900, maximum=2200),
    Column("money_unit", "str", "-",
           "Unit of every money value in the workbook and the results, e.g. MEUR (million EUR).",
           default="MEUR"),
    Column("reporting_currency", "str", "-",
           "Currency that portfolio reports convert this case's money to.", default="USD"),
    Column("exchange_rate", "float", "reporting currency / case currency",
           "Units of the reporting currency per unit of the case currency (same money year).",
           default=1.0, minimum=0.0, plausible=(0.0, 1e6)),
    Column("base_year", "int", "year", "First modelled year.", required=True,
           minimum=1900, maximum=2200),
    Column("end_year", "int", "year", "Last calendar year of the horizon (inclusive).",
           required=True, minimum=1900, maximum=2200),
    Column("year_step", "int", "years",
           "Years between modelled years; modelled year y stands for y .. y+step-1.",
           default=1, minimum=1, maximum=20),
    Column("final_block", "str", "-",
           "full: the last modelled year stands for a whole step, so the horizon runs to the "
           "end of its block (2025-2050 by 5 ends in 2054); truncated: the horizon stops at "
           "end_year and the last block may be shorter (a one-year 2050 distorts the last "
           "target year, see docs/formulation.md).", default="full",
           allowed=("full", "truncated")),
    Column("discount_rate", "float", "1/yr", "Social discount rate r for the net present cost.",
           required=True, minimum=0.0, maximum=0.5, fraction=True),
    Column("capex_method", "str", "-",
           "annuity: capex paid as annuities at each technology's wacc, counted inside the "
           "horizon; lump_sum: overnight at commissioning, minus salvage value.",
           default="annuity", allowed=("annuity", "lump_sum")),
    Column("emission_scope", "str", "-",
           "Default scope of targets: scope1 (direct) or scope12 (plus purchased energy).",
           default="scope1", allowed=("scope1", "scope12")),
    Column("target_trajectory", "str", "-",
           "none: caps only in target years; linear: caps interpolated between target years.",
           default="none", allowed=("none", "linear")),
    Column("after_last_target", "str", "-",
           "hold: the last reduction or absolute target of each scope also caps every modelled "
           "year after it (net zero by 2050 stays net zero); free: no cap after it.",
           default="hold", allowed=("hold", "free")),
    Column("base_emissions", "float", "Mt CO2e/yr",
           "Reported emissions the reduction targets refer to. Empty: the model's own "
           "base-year emissions in a run without targets.", minimum=0.0),
    Column("base_emissions_year", "int", "year",
           "Year the reported base_emissions refer to (for the record).",
           minimum=1900, maximum=2200),
    Column("elastic", "bool", "-",
           "Price missed targets at miss_penalty from the start (otherwise only after an "
           "infeasible solve).", default=False),
    Column("miss_penalty", "float", "money/Mt CO2e",
           "Penalty per Mt CO2e of missed target in elastic mode; far above any abatement cost.",
           default=100000.0, minimum=0.0),
    Column("macc_steps", "int", "-",
           "Steps of the marginal abatement cost curve (a sweep of one target year's cap by "
           "warm re-solves); 0: no curve.", default=8, minimum=0, maximum=100),
    Column("macc_year", "int", "year",
           "Target year of the curve; empty: the first binding reduction or absolute target.",
           minimum=1900, maximum=2200),
    Column("actuals_until", "int", "year",
           "Last calendar year the `actuals` sheet covers: `run.py FILE --from-actuals` fixes "
           "what happened up to it and re-optimises the rest. Required when the sheet has "
           "rows.", minimum=1900, maximum=2200),
    Column("actuals_unrecorded", "str", "-",
           "What a technology's commissioning or early retirement in a modelled block up to "
           "actuals_until is when the `actuals` sheet leaves it empty. as_planned: it "
           "happened as the original plan had it (record only the deviations); none: the "
           "sheet is complete, nothing else was commissioned or retired.",
           default="as_planned", allowed=("as_planned", "none")),
    Column("solver_time_limit", "float", "s", "HiGHS time limit; empty for none.", minimum=0.0),
    Column("solver_threads", "int", "-", "HiGHS threads (1 is best for simplex).", default=1,
           minimum=0, maximum=256),
    Column("solver_method", "str", "-",
           "HiGHS algorithm. auto: dual simplex below 500k nonzeros and for warm re-solves, "
           "interior point (HiPO) for larger cold solves (see docs/formulation.md).",
           default="auto", allowed=("auto", "choose", "simplex", "ipm", "pdlp")),
    Column("solver_crossover", "str", "-",
           "With the interior point: cross over to a basic solution (basic duals, a basis for "
           "warm starts). auto: on, except for the large models auto sends to the interior "
           "point, where crossover can take longer than the solve; duals then come from the "
           "interior point.", default="auto", allowed=("auto", "on", "off")),
    Column("explain_time_limit", "float", "s",
           "Seconds HiGHS may spend finding which rows of an infeasible case cannot hold "
           "together (an irreducible infeasible subset); 0 skips the explanation.",
           default=30.0, minimum=0.0),
)

SETTINGS_SHEET = Sheet(
    name="settings",
    one_row_per="setting",
    description="Scalar settings of the case. Each row names a setting (see the list in the "
    "docs) and gives its value.",
    columns=(
        Column("name", "str", "-", "Setting name.", required=True, key=True,
               allowed=tuple(s.name for s in SETTINGS)),
        Column("value", "str", "see setting", "Setting value."),
        Column("unit", "str", "-", "Unit (informative)."),
        Column("description", "str", "-", "What the setting means (informative)."),
        _source(),
        _note(),
    ),
    example=(
        {"name": "cluster", "value": "My cluster"},
        {"name": "base_year", "value": 2025},
        {"name": "end_year", "value": 2050},
        {"name": "year_step", "value": 5},
        {"name": "discount_rate", "value": 0.05},
    ),
)

# --------------------------------------------------------------------------------------
# entity sheets
# --------------------------------------------------------------------------------------

TARGETS = Sheet(
    name="targets",
    one_row_per="emission target",
    required=False,
    description="Emission targets. A reduction is a fraction of base_emissions (0.55 = -55 %, "
    "1.0 = net zero); an absolute target is a cap in Mt CO2e/yr; a budget caps cumulative "
    "emissions from start_year to year.",
    columns=(
        Column("year", "int", "year", "Target year (a modelled year; last year of a budget).",
               required=True, key=True),
        Column("kind", "str", "-", "reduction, absolute or budget.", required=True, key=True,
               allowed=("reduction", "absolute", "budget")),
        Column("scope", "str", "-", "scope1 or scope12; empty: the setting emission_scope.",
               key=True, allowed=("scope1", "scope12")),
        Column("value", "float", "fraction | Mt CO2e/yr | Mt CO2e",
               "Reduction fraction of base_emissions, annual cap, or cumulative budget.",
               required=True),
        Column("start_year", "int", "year", "First year counted in a budget (default base_year)."),
        _source(),
        _note(),
    ),
    example=({"year": 2030, "kind": "reduction", "value": 0.55},
             {"year": 2050, "kind": "reduction", "value": 1.0}),
)

COMMODITY_KINDS = ("supply", "demand", "internal", "emission", "export")

COMMODITIES = Sheet(
    name="commodities",
    one_row_per="commodity",
    description="Energy carriers, materials, products and emissions.",
    columns=(
        Column("commodity", "str", "-", "Commodity name.", required=True, key=True),
        Column("kind", "str", "-",
               "supply (bought), demand (delivered), internal (balanced inside the cluster), "
               "emission (counted, not balanced), export (may be sold).",
               required=True, allowed=COMMODITY_KINDS),
        Column("unit", "str", "-", "Unit of quantities of this commodity, e.g. GWh, Mt.",
               required=True),
        Column("balance", "str", "-",
               "Balance level: slice (each time slice) or annual (sum over the year).",
               default="annual", allowed=("slice", "annual")),
        Column("co2e_factor", "float", "Mt CO2e/unit",
               "Emission commodities: Mt CO2e per unit of the commodity.", default=1.0,
               minimum=0.0),
        Column("display_unit", "str", "-",
               "Unit prices of this commodity are shown in (e.g. kg for hydrogen in GWh); "
               "empty: by its unit (GWh -> MWh, Mt -> t)."),
        Column("display_per_unit", "float", "display units / unit",
               "Display units in one unit of the commodity (30003 kg of hydrogen per GWh at "
               "33.33 kWh/kg LHV); required with display_unit.", minimum=0.0),
        Column("description", "str", "-", "What the commodity is."),
        _source(),
        _note(),
    ),
    example=({"commodity": "co2", "kind": "emission", "unit": "Mt"},),
)

TECH_CATEGORIES = ("incumbent", "ccus", "hydrogen", "electrification", "renewable", "storage",
                   "infrastructure", "supply", "removal")

TECHNOLOGIES = Sheet(
    name="technologies",
    one_row_per="technology",
    description="Processes that convert commodities (flows sheet) or store them (storage sheet).",
    columns=(
        Column("technology", "str", "-", "Technology name.", required=True, key=True),
        Column("category", "str", "-", "Reporting category.", required=True,
               allowed=TECH_CATEGORIES),
        Column("plant", "str", "-", "Plant or site it belongs to (reporting).",
               default="cluster"),
        Column("member", "str", "-",
               "Company or plant that owns and pays for it; 'shared' (the default): shared "
               "infrastructure, whose cost the results allocate to the members that use it.",
               default="shared"),
        Column("description", "str", "-", "What the technology is."),
        Column("capacity_unit", "str", "-", "Unit of capacity, e.g. MW, Mt/yr.", required=True),
        Column("activity_unit", "str", "-", "Unit of activity, e.g. GWh, Mt.", required=True),
        Column("cap_to_act", "float", "activity unit / (capacity unit * yr)",
               "Activity of one capacity unit running a full year (8.76 for MW -> GWh, "
               "1 for Mt/yr -> Mt).", required=True, minimum=0.0),
        Column("lifetime", "float", "years", "Technical life of new capacity.", required=True,
               minimum=0.0, plausible=(0.0, 500.0)),
        Column("wacc", "float", "1/yr",
               "Financing rate of new capacity (annuity method); empty: discount_rate.",
               minimum=0.0, maximum=0.5, fraction=True),
        Column("first_year", "int", "year", "First year new capacity may come online; empty: "
               "base_year.", minimum=1900, maximum=2200),
        Column("max_build_per_year", "float", "capacity unit / yr",
               "Upper limit on new capacity per calendar year; empty: none.", minimum=0.0),
        Column("min_load", "float", "fraction",
               "Minimum activity as a share of capacity in every slice.", default=0.0,
               minimum=0.0, maximum=1.0, fraction=True),
        Column("availability", "float", "fraction",
               "Share of capacity usable in each slice (when no availability profile).",
               default=1.0, minimum=0.0, maximum=1.0, fraction=True),
        Column("early_retirement", "bool", "-",
               "Whether residual capacity may be retired before its scheduled exit.",
               default=False),
        Column("reservoir", "str", "-",
               "CO2 store this technology injects into (reservoirs sheet); its activity is the "
               "injected amount.", ref=("reservoirs", "reservoir")),
        Column("credit_years", "float", "years",
               "Years a storage credit is paid per unit of new capacity of this (capture) "
               "technology from its start (US 45Q: 12); empty: unlimited.", minimum=0.0,
               plausible=(0.0, 500.0)),
        Column("construction_jobs", "float", "job-years / capacity unit",
               "Construction employment per unit of new capacity (socio-economic outputs).",
               default=0.0, minimum=0.0),
        Column("operating_jobs", "float", "jobs / capacity unit",
               "Permanent operating jobs per unit of installed capacity.", default=0.0,
               minimum=0.0),
        Column("gdp_per_activity", "float", "money / activity unit",
               "Gross value added (GDP contribution) per unit of activity.", default=0.0,
               minimum=0.0),
        Column("build_time", "int", "years",
               "Years over which the overnight investment of a unit is spent, ending in its "
               "commissioning year (reported as the construction profile of capex; the "
               "objective counts capex per the capex method).", default=1, minimum=1,
               maximum=20),
        _source(),
        _note(),
    ),
)

FLOWS = Sheet(
    name="flows",
    one_row_per="technology x commodity x direction",
    description="Inputs and outputs of each technology per unit of activity. Optional year "
    "columns override `ratio` over time.",
    year_columns=True,
    year_unit="commodity unit / activity unit",
    columns=(
        Column("technology", "str", "-", "Technology.", required=True, key=True,
               ref=("technologies", "technology")),
        Column("commodity", "str", "-", "Commodity.", required=True, key=True,
               ref=("commodities", "commodity")),
        Column("direction", "str", "-", "in (consumed) or out (produced).", required=True,
               key=True, allowed=("in", "out")),
        Column("ratio", "float", "commodity unit / activity unit",
               "Quantity per unit of activity (used where no year columns are given).",
               minimum=0.0),
        _source(),
        _note(),
    ),
)

COSTS = Sheet(
    name="costs",
    one_row_per="technology x cost parameter",
    required=False,
    description="Technology costs by year (year columns).",
    year_columns=True,
    columns=(
        Column("technology", "str", "-", "Technology.", required=True, key=True,
               ref=("technologies", "technology")),
        Column("parameter", "str", "-", "Cost parameter.", required=True, key=True,
               allowed=(CAPEX, CAPEX_PREMIUM, FIXED_OM, VARIABLE_OM)),
        _source(),
        _note(),
    ),
    parameters=(
        Parameter(CAPEX, "money / capacity unit",
                  "Overnight investment per unit of new capacity, by commissioning year.", 0.0),
        Parameter(CAPEX_PREMIUM, "fraction",
                  "First-of-a-kind premium on capex by commissioning year (1.2 = the units "
                  "commissioned that year cost 2.2 times capex); empty: none.", 0.0),
        Parameter(FIXED_OM, "money / (capacity unit * yr)",
                  "Fixed operation and maintenance per unit of installed capacity.", 0.0),
        Parameter(VARIABLE_OM, "money / activity unit",
                  "Variable cost per unit of activity (storage: per unit discharged).", 0.0),
    ),
)

PRICES = Sheet(
    name="prices",
    one_row_per="commodity x price parameter",
    required=False,
    description="Prices, supply limits, emission factors and carbon prices by year.",
    year_columns=True,
    columns=(
        Column("commodity", "str", "-", "Commodity.", required=True, key=True,
               ref=("commodities", "commodity")),
        Column("parameter", "str", "-", "Parameter.", required=True, key=True,
               allowed=(PRICE, MAX_SUPPLY, MAX_IMPORT_RATE, EXPORT_PRICE,
                        GRID_EMISSION_FACTOR, CARBON_PRICE, STORAGE_CREDIT)),
        _source(),
        _note(),
    ),
    parameters=(
        Parameter(PRICE, "money / commodity unit", "Purchase price of a supply commodity.",
                  warn_below=0.0),
        Parameter(MAX_SUPPLY, "commodity unit / yr", "Upper limit on purchases per year.",
                  0.0),
        Parameter(MAX_IMPORT_RATE, "commodity unit / h",
                  "Upper limit on the purchase rate (grid connection).", 0.0),
        Parameter(EXPORT_PRICE, "money / commodity unit", "Sale price of a sold commodity.",
                  warn_below=0.0),
        Parameter(GRID_EMISSION_FACTOR, "Mt CO2e / commodity unit",
                  "Emissions of purchased energy, counted under scope 1+2.", 0.0),
        Parameter(CARBON_PRICE, "money / commodity unit",
                  "Price on net direct emissions of an emission commodity (e.g. EU ETS).", 0.0),
        Parameter(STORAGE_CREDIT, "money / commodity unit",
                  "Credit per unit of this commodity injected into reservoirs (e.g. 45Q).",
                  0.0),
    ),
)

DEMAND = Sheet(
    name="demand",
    one_row_per="commodity",
    required=False,
    description="Demand to be delivered, by year (year columns).",
    year_columns=True,
    year_unit="commodity unit / yr",
    columns=(
        Column("commodity", "str", "-", "Commodity.", required=True, key=True,
               ref=("commodities", "commodity")),
        _source(),
        _note(),
    ),
)

CAPACITY = Sheet(
    name="capacity",
    one_row_per="technology x capacity parameter",
    required=False,
    description="Residual (existing) capacity and capacity bounds by year. Residual capacity "
    "must not increase over time (use `min` for committed builds).",
    year_columns=True,
    columns=(
        Column("technology", "str", "-", "Technology.", required=True, key=True,
               ref=("technologies", "technology")),
        Column("parameter", "str", "-", "residual, min or max.", required=True, key=True,
               allowed=(RESIDUAL, CAPACITY_MIN, CAPACITY_MAX)),
        _source(),
        _note(),
    ),
    parameters=(
        Parameter(RESIDUAL, "capacity unit", "Existing capacity still in service.", 0.0),
        Parameter(CAPACITY_MIN, "capacity unit", "Lower bound on installed capacity.", 0.0),
        Parameter(CAPACITY_MAX, "capacity unit", "Upper bound on installed capacity (site, "
                  "resource).", 0.0),
    ),
)

TIMESLICES = Sheet(
    name="timeslices",
    one_row_per="time slice",
    description="Slices of a year. Storage cycles inside each period (a representative day or "
    "week) that occurs `occurrences` times a year. Hours sum to 8760.",
    columns=(
        Column("slice", "str", "-", "Slice name.", required=True, key=True),
        Column("period", "str", "-", "Representative period the slice belongs to.",
               required=True),
        Column("order", "int", "-", "Position of the slice inside its period.", required=True),
        Column("hours", "float", "h/yr", "Hours of the year the slice stands for.",
               required=True, minimum=0.0, plausible=(0.0, 8760.0)),
        Column("occurrences", "float", "1/yr", "Times its period occurs in a year.",
               required=True, minimum=0.0, plausible=(0.0, 8760.0)),
        _source(),
        _note(),
    ),
    example=({"slice": "all", "period": "year", "order": 1, "hours": 8760, "occurrences": 1},),
)

PROFILES = Sheet(
    name="profiles",
    one_row_per="time slice",
    required=False,
    description="Per-slice shapes. Column `availability:<technology>`: capacity factor (0..1) "
    "replacing `availability`; `demand:<commodity>`: relative demand intensity (normalised "
    "so the year sums to the annual demand); `price:<commodity>`: relative price (normalised "
    "to an hours-weighted mean of 1).",
    columns=(
        Column("slice", "str", "-", "Slice.", required=True, key=True,
               ref=("timeslices", "slice")),
    ),
    dynamic_prefixes={
        "availability": ("technologies", "technology"),
        "demand": ("commodities", "commodity"),
        "price": ("commodities", "commodity"),
    },
)

PROFILE_SOURCES = Sheet(
    name="profile_sources",
    one_row_per="column of the `profiles` sheet",
    required=False,
    description="Where each profile column comes from: the `profiles` sheet is wide (one "
    "column per shape), so its columns cite their sources here, one row per column header.",
    columns=(
        Column("profile", "str", "-", "Header of a column of the `profiles` sheet, e.g. "
               "availability:solar_pv.", required=True, key=True),
        _source(),
        _note(),
    ),
)

STORAGE = Sheet(
    name="storage",
    one_row_per="storage technology",
    required=False,
    description="Technologies that store a commodity between slices. Capacity is charge/"
    "discharge power; energy capacity is energy_per_power hours of it.",
    columns=(
        Column("technology", "str", "-", "Storage technology.", required=True, key=True,
               ref=("technologies", "technology")),
        Column("commodity", "str", "-", "Commodity stored.", required=True,
               ref=("commodities", "commodity")),
        Column("energy_per_power", "float", "h", "Storage duration at full power.",
               required=True, minimum=0.0, plausible=(0.0, 87600.0)),
        Column("efficiency_in", "float", "fraction", "Charging efficiency.", default=1.0,
               minimum=0.0, maximum=1.0, fraction=True),
        Column("efficiency_out", "float", "fraction", "Discharging efficiency.", default=1.0,
               minimum=0.0, maximum=1.0, fraction=True),
        Column("self_discharge", "float", "1/h", "Share of the stored content lost per hour.",
               default=0.0, minimum=0.0, maximum=1.0, fraction=True),
        _source(),
        _note(),
    ),
)

RESERVOIRS = Sheet(
    name="reservoirs",
    one_row_per="geological CO2 store",
    required=False,
    description="Cumulative limits of CO2 stores; technologies name their reservoir.",
    columns=(
        Column("reservoir", "str", "-", "Reservoir name.", required=True, key=True),
        Column("capacity", "float", "activity unit of its injectors",
               "Cumulative injection possible over the horizon (e.g. Mt CO2).", required=True,
               minimum=0.0),
        Column("description", "str", "-", "What and where the store is."),
        _source(),
        _note(),
    ),
)

#: What a term of a user constraint counts, with the unit it is counted in.
USER_TERMS: dict[str, str] = {
    "capacity": "capacity in service in the year (capacity unit of each technology)",
    "new_capacity": "capacity commissioned in the modelled year's block (capacity unit)",
    "activity": "activity over the year (activity unit / yr), non-storage technologies",
    "input": "quantity of the commodity the technologies take in (commodity unit / yr)",
    "output": "quantity of the commodity the technologies give out (commodity unit / yr)",
    "emissions": "net direct emissions of the technologies (Mt CO2e / yr), emission "
                 "commodities",
    "purchases": "quantity of a supply commodity bought (commodity unit / yr)",
    "sales": "quantity of a commodity sold (commodity unit / yr)",
}

CONSTRAINTS = Sheet(
    name="constraints",
    one_row_per="term of a user constraint",
    required=False,
    year_columns=True,
    year_unit="unit of the constraint's terms",
    description="The planner's own linear constraints, one per modelled year (TIMES' user "
    "constraints). Rows with the same `constraint` name are the terms of one constraint: "
    "coefficient times what `variable` counts for the technologies and commodities selected "
    "(wildcards * and ?, a leading - excludes, e.g. `*capture*`). `sense` and the year columns "
    "(the right-hand side) belong to the constraint: give them on at least one of its rows "
    "(where given twice they must agree). The constraint applies from its first year column "
    "on, interpolated between given years and held after the last.",
    columns=(
        Column("constraint", "str", "-", "Name of the user constraint.", required=True,
               key=True),
        Column("variable", "str", "-", "What the term counts: " + "; ".join(
            f"{k}: {v}" for k, v in USER_TERMS.items()) + ".", required=True, key=True,
            allowed=tuple(USER_TERMS)),
        Column("technology", "str", "-",
               "Technologies counted (name or pattern; not used for purchases and sales).",
               key=True, default="*"),
        Column("commodity", "str", "-",
               "Commodities counted (input, output, emissions, purchases, sales).",
               key=True, default="*"),
        Column("coefficient", "float", "-", "Multiplier of the term.", default=1.0),
        Column("sense", "str", "-", "<=, >= or = (on at least one row of the constraint).",
               allowed=("<=", ">=", "=")),
        Column("description", "str", "-", "What the constraint stands for."),
        _source(),
        _note(),
    ),
)

ACTUALS = Sheet(
    name="actuals",
    one_row_per="technology and calendar year (without technology: the cluster's emissions)",
    required=False,
    description="What actually happened, up to the setting `actuals_until`: capacity "
    "commissioned and existing capacity retired early, by technology and calendar year, and "
    "optionally measured activity and emissions. `python run.py FILE --from-actuals` fixes it "
    "and re-optimises the rest with the same targets (without the flag the sheet is not "
    "used). Calendar years inside a modelled block add up into that block. An empty cell is "
    "not recorded (see `actuals_unrecorded`); 0 records that nothing happened. Activity and "
    "emissions are fixed as the block's mean, so give them for every year of a block.",
    columns=(
        Column("year", "int", "year", "Calendar year the row records (inside the horizon, "
               "up to actuals_until).", required=True, key=True, minimum=1900, maximum=2200),
        Column("technology", "str", "-",
               "Technology; empty on the row of a year that records the cluster's emissions.",
               key=True, ref=("technologies", "technology")),
        Column("commissioned", "float", "capacity unit",
               "New capacity that came into service in the year.", minimum=0.0),
        Column("retired", "float", "capacity unit",
               "Existing (residual) capacity retired early in the year; the technology needs "
               "early_retirement TRUE.", minimum=0.0),
        Column("activity", "float", "activity unit / yr",
               "Measured activity over the year (non-storage technologies).", minimum=0.0),
        Column("emissions", "float", "Mt CO2e/yr",
               "Measured emissions of the whole cluster over the year, net of removals, in the "
               "scope of the setting emission_scope (row without technology).",
               plausible=(-1e6, 1e6)),
        _source(),
        _note(),
    ),
)

SOURCES = Sheet(
    name="sources",
    one_row_per="reference",
    required=False,
    description="References cited by the `source` column of data rows.",
    columns=(
        Column("id", "str", "-", "Reference id.", required=True, key=True),
        Column("title", "str", "-", "Title.", required=True),
        Column("publisher", "str", "-", "Author or publisher."),
        Column("year", "int", "year", "Publication year."),
        Column("url", "str", "-", "Where to find it."),
        Column("notes", "str", "-", "What was taken from it; confidence tags.")
    ),
)

SHEETS: tuple[Sheet, ...] = (
    SETTINGS_SHEET, TARGETS, COMMODITIES, TECHNOLOGIES, FLOWS, COSTS, PRICES, DEMAND, CAPACITY,
    TIMESLICES, PROFILES, PROFILE_SOURCES, STORAGE, RESERVOIRS, CONSTRAINTS, ACTUALS,
    SOURCES,
)

SHEET_BY_NAME: dict[str, Sheet] = {s.name: s for s in SHEETS}
SETTING_BY_NAME: dict[str, Column] = {s.name: s for s in SETTINGS}

YEAR_MIN, YEAR_MAX = 1900, 2200


def is_year_header(header: object) -> bool:
    """Whether a column header is a year column (an integer year, as number or text)."""
    if isinstance(header, bool):
        return False
    if isinstance(header, int | float) and float(header).is_integer():
        return YEAR_MIN <= int(header) <= YEAR_MAX
    if isinstance(header, str) and header.strip().isdigit() and len(header.strip()) == 4:
        return YEAR_MIN <= int(header.strip()) <= YEAR_MAX
    return False
