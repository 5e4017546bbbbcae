"""The result tables, declared once: each table and each column with its unit, meaning and
number format.

Like the input schema (:mod:`model.schema`), these declarations drive everything shown to a
reader: the headers and number formats of ``results.xlsx`` and ``portfolio.xlsx``
(:mod:`model.outputs.excel`), the tables and charts of ``report.html``
(:mod:`model.outputs.html`), the ``about`` sheet and ``docs/outputs.md``
(:mod:`model.outputs.docs`). The tables themselves are computed elsewhere
(:mod:`model.results`, :mod:`model.report`, :mod:`model.portfolio`); a declaration says how to
read and show one, never how to compute it.

A column is found in a table by its **header**, a pattern with fields in braces:

* ``{money}`` (and any other field that is not a column of the table) matches what the table
  wrote there, e.g. ``overnight investment [{money}]`` matches ``overnight investment
  [MEUR]``; the matched text fills the same field of the unit and the key;
* a field naming a text column of the same table (``{capacity_unit}``) is a **per-row unit**:
  the header holds the column's bare name (``capacity [capacity_unit]``), each row's unit is
  in that column.

Without an explicit header a column's is ``key [unit]`` with per-row units written bare (as
:mod:`model.results` writes them), or ``key`` alone when the unit is empty. A key with a field
(``{category}``) declares a family of columns (``capex [MEUR]``, ``fuel [MEUR]`` ...).

Units shown to the reader never keep a placeholder: a per-row unit that is the same on every
row is written out (``capacity [MW]``); otherwise the header says which column holds it and
each cell shows its unit beside the number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

#: How a column's numbers are shown (see :data:`model.outputs.formats.EXCEL_FORMATS`):
#: ``money`` amounts with thousands separators and one decimal; ``price`` money per unit, two
#: to four decimals; ``mass`` Mt CO2e with three decimals; ``quantity`` amounts in a physical
#: unit, two decimals; ``percent``; ``integer``; ``year`` (no separator); ``number`` a plain
#: figure with up to four decimals; ``text``; ``bool``; ``auto`` chosen row by row from the
#: row's unit (the summary's values).
Kind = Literal["money", "price", "mass", "quantity", "percent", "integer", "year", "number",
               "text", "bool", "auto"]

KINDS: tuple[str, ...] = ("money", "price", "mass", "quantity", "percent", "integer", "year",
                          "number", "text", "bool", "auto")

_FIELD = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Column:
    """One column of a result table (or a family of columns, when ``key`` has a field)."""

    key: str
    unit: str  #: "" for text and keys; fields: {money}, or a text column's name (per row)
    description: str
    kind: Kind
    header: str | None = None  #: pattern of the table's header; default from key and unit

    def fields(self) -> list[str]:
        return _FIELD.findall(self.key) + _FIELD.findall(self.unit)


@dataclass(frozen=True)
class Table:
    """One result table: a sheet of the workbook, a Parquet file of the run folder."""

    name: str
    one_row_per: str
    description: str
    columns: tuple[Column, ...]
    #: shown as a table in report.html (besides the workbook)
    in_report: bool = False
    #: print on one page (the summary); other tables print one page wide
    one_page: bool = False
    #: columns frozen at the left besides the header row (the row's key)
    frozen_columns: int = 0

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(f"table {self.name!r} declares no column {key!r}")

    @property
    def text_columns(self) -> set[str]:
        return {c.key for c in self.columns if c.kind == "text"}

    def header_pattern(self, column: Column) -> re.Pattern[str]:
        """The regular expression of the column's header in a table (fields captured)."""
        rows = self.text_columns
        if column.header is not None:
            template = column.header
        elif column.unit:
            template = f"{column.key} [{column.unit}]"
        else:
            template = column.key
        parts: list[str] = []
        position = 0
        seen: set[str] = set()
        for m in _FIELD.finditer(template):
            parts.append(re.escape(template[position:m.start()]))
            name = m.group(1)
            if name in rows:  # a per-row unit: its column's bare name
                parts.append(re.escape(name))
            elif name in seen:
                parts.append(f"(?P={name})")
            else:
                seen.add(name)
                parts.append(f"(?P<{name}>.+?)")
            position = m.end()
        parts.append(re.escape(template[position:]))
        return re.compile("".join(parts) + r"\Z")


def _c(key: str, unit: str, kind: Kind, description: str, header: str | None = None) -> Column:
    return Column(key, unit, description, kind, header)


def _text(key: str, description: str) -> Column:
    return Column(key, "", description, "text")


def _year(description: str = "Calendar year (a modelled year stands for its block).") -> Column:
    return Column("year", "", description, "year")


def _tech() -> tuple[Column, ...]:
    return (_text("technology", "Technology, as named in the case workbook."),
            _text("category", "Technology category (incumbent, ccus, hydrogen, ...)."),
            _text("plant", "Plant or site the technology belongs to."))


# --------------------------------------------------------------------------------------
# the results workbook
# --------------------------------------------------------------------------------------

ABOUT = Table("about", "sheet", "What each sheet holds.", (
    _text("sheet", "Sheet name."),
    _text("what it holds", "What the sheet holds; the full reference is docs/outputs.md."),
), one_page=True)

SUMMARY = Table("summary", "headline figure", (
    "Headline figures: status, net present cost, emissions by year against the targets, "
    "total investment, run facts."), (
    _text("item", "What the figure is."),
    Column("value", "{unit}", "The figure, in the row's unit.", "auto", header="value"),
    _text("unit", "Unit of the value (empty for text)."),
    _text("comment", "How to read it."),
), one_page=True, in_report=False)

TARGETS = Table("targets", "emission target", (
    "Each emission constraint: its cap, the emissions, any miss (elastic mode), the "
    "shadow price (dual / operating weight of the year, in money of that year) and the "
    "marginal abatement cost (shadow price plus the carbon price for scope-1 targets): what "
    "the last tonne abated in that year costs."), (
    _text("target", "Target label: year, kind and scope."),
    _text("kind", "reduction (against base emissions), absolute (a cap) or budget "
                  "(cumulative)."),
    _text("scope", "scope1 (direct) or scope12 (direct plus purchased energy)."),
    _year("Target year (for a budget, its last year)."),
    _c("value as given", "", "number", "The target's value as the workbook gives it: a "
       "reduction as a fraction of base emissions, a cap or budget in Mt CO2e."),
    _c("cap", "Mt CO2e/yr", "mass", "Emissions allowed in the target year (annual targets)."),
    _c("cap (budget)", "Mt CO2e", "mass", "Emissions allowed over the budget's years.",
       header="cap [Mt CO2e]"),
    _c("emissions", "Mt CO2e (/yr)", "mass", "Emissions counted by the target (per year, or "
       "over the budget's years)."),
    _c("missed", "Mt CO2e (/yr)", "mass", "By how much the target is missed (elastic mode "
       "only; 0 when met)."),
    Column("binding", "", "Whether the target constrains the pathway (non-zero shadow "
           "price).", "bool"),
    _c("shadow price", "{money}/Mt CO2e", "price", "Dual of the target / operating weight "
       "of the year, in money of the target year per Mt CO2e (= money per t when money is in "
       "millions)."),
    _c("carbon price", "{money}/Mt CO2e", "price", "Carbon price paid by the emissions in "
       "the target year (the highest, when gases are priced differently)."),
    _c("marginal abatement cost", "{money}/Mt CO2e", "price", "What the last tonne abated "
       "costs: the shadow price, plus the carbon price for a scope-1 target."),
    _c("MAC, cap lowered", "{money}/Mt CO2e", "price", "Cost per Mt of lowering the cap a "
       "little (a re-solve), plus the carbon price for scope 1: the MAC from above."),
    _c("MAC, cap raised", "{money}/Mt CO2e", "price", "Saving per Mt of raising the cap a "
       "little: the MAC from below."),
    Column("MAC unique", "", "Whether both one-sided MACs agree (within 1 %); if not, the LP "
           "is degenerate at this cap and the MAC is the range between them.", "bool"),
), in_report=True)

CAPACITY = Table("capacity", "technology and modelled year", (
    "Installed capacity by technology and modelled year, with new builds, residual "
    "(existing) capacity and the residual capacity retired early and still missing that "
    "year (capacity = residual - retired early + built and alive)."), (
    *_tech(), _year(),
    _c("capacity", "{capacity_unit}", "quantity", "Capacity in service."),
    _c("new", "{capacity_unit}", "quantity", "Capacity commissioned in the year."),
    _c("residual", "{capacity_unit}", "quantity", "Existing capacity still scheduled."),
    _c("retired early", "{capacity_unit}", "quantity", "Residual capacity retired before "
       "its scheduled exit and still missing in the year."),
    _text("capacity_unit", "Unit of the technology's capacity."),
), frozen_columns=1)

INVESTMENT = Table("investment", "technology and commissioning year", (
    "New capacity by commissioning year with its overnight investment (undiscounted) and "
    "the annuity it is financed by."), (
    _year("Commissioning (modelled) year."), *_tech(),
    _c("new capacity", "{capacity_unit}", "quantity", "Capacity commissioned."),
    _text("capacity_unit", "Unit of the technology's capacity."),
    _c("capex per unit", "{money}/{capacity_unit}", "price", "Overnight capital cost per "
       "unit of capacity in the commissioning year."),
    _c("overnight investment", "{money}", "money", "New capacity times the unit capex, "
       "undiscounted (what is spent, whatever the capex method)."),
    _c("annuity per year", "{money}/yr", "money", "The annual payment that finances the "
       "investment over its effective life at the discount rate."),
    _c("effective life", "yr", "integer", "Years the annuity runs (economic life)."),
), frozen_columns=2)

ACTIVITY = Table("activity", "technology and modelled year", (
    "Annual activity of each technology and its utilisation of available capacity."), (
    *_tech(), _year(),
    _c("activity", "{activity_unit}/yr", "quantity", "Activity over the year."),
    _text("activity_unit", "Unit of the technology's activity."),
    _c("utilisation", "% of available", "percent", "Activity over what the capacity could "
       "give at full availability.", header="utilisation [fraction of available]"),
), frozen_columns=1)

FLOWS = Table("flows", "technology, commodity, direction and modelled year", (
    "Annual commodity inputs and outputs of each technology."), (
    _text("technology", "Technology."), _text("commodity", "Commodity."),
    _text("direction", "in (consumed) or out (produced)."), _year(),
    _c("quantity", "{unit}/yr", "quantity", "Flow over the year."),
    _text("unit", "Unit of the commodity."),
), frozen_columns=1)

BALANCES = Table("balances", "commodity and modelled year", (
    "Annual balance of each commodity: bought + produced - consumed - stored - sold = "
    "demand."), (
    _text("commodity", "Commodity."), _year(),
    _c("bought", "{unit}/yr", "quantity", "Purchases over the year."),
    _c("produced", "{unit}/yr", "quantity", "Output of the cluster's technologies."),
    _c("consumed", "{unit}/yr", "quantity", "Input of the cluster's technologies."),
    _c("stored, net", "{unit}/yr", "quantity", "Charged minus discharged."),
    _c("sold", "{unit}/yr", "quantity", "Exports over the year."),
    _c("demand", "{unit}/yr", "quantity", "Final demand to meet."),
    _text("unit", "Unit of the commodity."),
), frozen_columns=1)

EMISSIONS = Table("emissions", "plant, technology, commodity, scope and modelled year", (
    "Emissions by plant, technology and year: scope 1 (direct, net of removals) and scope 2 "
    "(purchased energy times its grid emission factor)."), (
    _text("plant", "Plant ('purchases' for scope 2)."), _text("technology", "Technology."),
    _text("category", "Technology category."), _text("commodity", "Emission commodity, or "
                                                     "the purchased energy for scope 2."),
    _text("scope", "scope1 or scope2."), _year(),
    _c("emissions", "Mt CO2e/yr", "mass", "Emissions over the year (negative: removals)."),
), frozen_columns=1)

COSTS = Table("costs", "cash flow (calendar year, category, item)", (
    "Every cash flow by calendar year, category and item (technology, commodity or target), "
    "in money of the year and as present value. Operating flows fall at year end; capex "
    "per the capex method (docs/formulation.md)."), (
    _year(), _c("modelled year", "", "year", "Modelled year whose block holds the year."),
    _text("category", "capex, fixed_om, variable_om, fuel, sales, carbon, storage_credit or "
                      "target_penalty."),
    _text("item", "Technology, commodity or target the flow belongs to."),
    _c("cash flow", "{money}", "money", "In money of the year (negative: revenue)."),
    _c("present value", "{money}", "money", "Discounted to the start of the base year; the "
       "column sums to the net present cost."),
))

CASH_FLOWS = Table("cash_flows", "calendar year", (
    "Costs by calendar year and category in money of the year, with the present value per "
    "year and cumulated; the total present value equals the net present cost."), (
    _year(),
    _c("total", "{money}", "money", "Sum of the year's categories."),
    _c("total present value", "{money}", "money", "The year's total discounted to the start "
       "of the base year."),
    _c("cumulative present value", "{money}", "money", "Present values up to the year; the "
       "last is the net present cost."),
    _c("{category}", "{money}", "money", "One column per cost category (capex, carbon, "
       "fixed_om, fuel, sales, ...), in money of the year."),
), in_report=True, frozen_columns=1)

CASH_FLOW_STATEMENT = Table("cash_flow_statement", "statement line", (
    "The cash-flow statement: calendar years as columns, one line per cost category in "
    "money of the year (capex as the net present cost counts it: annuity payments inside "
    "the horizon, or overnight at commissioning less salvage), the total, the discount "
    "factor, the present value and its cumulation, which ends at the net present cost. "
    "Present values discount operating flows and annuities from the end of their year, "
    "overnight capex from the start of its commissioning year. Memo lines (not in the "
    "totals): the overnight investment spent by calendar year over each technology's "
    "build time, and the net present cost without penalties when targets are missed."), (
    _text("line", "Statement line."),
    _text("unit", "Unit of the line's figures (the money unit; none for the factor)."),
    Column("total", "{unit}", "Sum over the years, undiscounted.", "auto", header="total"),
    Column("present value", "{unit}", "Sum of the line's present values; on the 'present "
           "value' line, the net present cost.", "auto", header="present value"),
    Column("{year}", "{unit}", "The line in one calendar year.", "auto", header="{year}"),
), in_report=True, frozen_columns=1)

CAPEX_BRIDGE = Table("capex_bridge", "bridge line", (
    "From overnight investment to the capex the net present cost counts: with the annuity "
    "method, financing over the assets' lives and the annuity payments after the horizon; "
    "with the lump-sum method, the salvage value. Undiscounted and as present values; the "
    "last line equals the statement's capex."), (
    _text("line", "Bridge line."),
    _c("undiscounted", "{money}", "money", "Money of the years it falls in, added up."),
    _c("present value", "{money}", "money", "Discounted to the start of the base year."),
    _text("note", "What the line holds."),
), in_report=True, one_page=True)

PRICES = Table("prices", "commodity, modelled year and slice", (
    "Marginal cost of each commodity (dual of its balance / operating weight of the year), "
    "by slice for slice-balanced commodities, in money per commodity unit."), (
    _text("commodity", "Commodity."), _year(),
    _text("slice", "Time slice, or 'annual' for an annual balance."),
    _c("marginal price", "{money}/{unit}", "price", "Cost of one more unit of the commodity "
       "in that year and slice, in money of the year."),
    _text("unit", "Unit of the commodity."),
), frozen_columns=1)

STORAGE = Table("storage", "storage technology, modelled year and slice", (
    "Charge, discharge and state of charge of storage technologies by slice."), (
    _text("technology", "Storage technology."), _year(),
    _text("slice", "Time slice."),
    _c("charge", "{unit}/yr", "quantity", "Charged over the year in that slice."),
    _c("discharge", "{unit}/yr", "quantity", "Discharged over the year in that slice."),
    _c("state of charge at slice start", "{unit}", "quantity", "Stored at the slice's "
       "start."),
    _text("unit", "Unit of the stored commodity."),
), frozen_columns=1)

RESERVOIRS = Table("reservoirs", "CO2 reservoir and modelled year", (
    "What each CO2 reservoir holds: injected in the block, stored by the block's end against "
    "its capacity, and the scarcity rent of its space (the dual of its cumulative limit). "
    "A reservoir nearly full at the end of the horizon means the plan uses storage that the "
    "years after the horizon would need: results near the end ignore it (extend end_year)."), (
    _text("reservoir", "Reservoir (sheet 'reservoirs')."), _year(),
    _c("injected", "Mt/yr", "quantity", "Injected per calendar year of the block."),
    _c("stored by the end of the block", "Mt", "quantity", "Cumulative injection to the "
       "last calendar year of the block."),
    _c("capacity", "Mt", "quantity", "What the reservoir can hold."),
    _c("used", "", "percent", "Stored by the end of the block over the capacity."),
    _c("scarcity rent", "{money}/Mt", "price", "Row dual of the reservoir's limit in this "
       "year / the block's mean discount factor (operating weight / years in the block): "
       "what one more Mt of space by then would save, in money of the year (0: space to "
       "spare)."),
), frozen_columns=1)

LEVELISED = Table("levelised", "technology", (
    "Levelised cost of each technology's main product over the horizon: capex, O&M, inputs "
    "and by-products at their marginal prices, and carbon, per discounted unit of output, "
    "and the technology's own cost without inputs and by-products. Residual capacity "
    "carries no capex. Inputs with a negative marginal price (flue CO2 that would "
    "otherwise pay the carbon price) lower the first."), (
    *_tech(), _text("main product", "The technology's first non-emission output."),
    _text("unit", "Unit of the main product."),
    _c("discounted output", "{unit}", "quantity", "Output discounted like a cash flow."),
    *(_c(part, "{money}/{unit}", "price", f"{what}, per discounted unit of output.")
      for part, what in (("capex", "Capex (annuities or lump sums) of capacity built"),
                         ("fixed O&M", "Fixed O&M"), ("variable O&M", "Variable O&M"),
                         ("inputs", "Inputs at their marginal prices"),
                         ("carbon", "Carbon price of the direct emissions"),
                         ("by-products", "By-products at their marginal prices (a credit)"),
                         ("storage credits", "Storage credits (e.g. 45Q)"))),
    _c("levelised cost", "{money}/{unit}", "price", "The sum of the parts: the cost of one "
       "unit of the main product."),
    _c("own cost, without inputs and by-products", "{money}/{unit}", "price", "Capex, O&M "
       "and carbon only."),
    _text("display unit", "The unit people quote the price in (EUR/MWh, EUR/t, EUR/kg H2)."),
    _c("levelised cost", "display unit", "price", "The levelised cost in the display unit.",
       header="levelised cost [display unit]"),
    _c("own cost", "display unit", "price", "The own cost in the display unit.",
       header="own cost [display unit]"),
    _text("how to read it", "The convention of the figures, and what to read for a disposal "
          "service (CO2 transport and storage)."),
), frozen_columns=1, in_report=True)

SOCIOECONOMIC = Table("socioeconomic", "modelled year", (
    "By modelled year: CO2e by scope, abatement against the base emissions, investment (in "
    "the block and cumulative), construction job-years of the capacity built, operating "
    "jobs and GDP contribution (value added) from the technologies' per-capacity and "
    "per-activity coefficients."), (
    _year("Modelled year."),
    _c("scope-1 emissions", "Mt CO2e/yr", "mass", "Direct emissions, net of removals."),
    _c("scope-2 emissions", "Mt CO2e/yr", "mass", "Emissions of purchased energy."),
    _c("scope-1+2 emissions", "Mt CO2e/yr", "mass", "Both scopes."),
    _c("abatement vs base, {scope}", "Mt CO2e/yr", "mass", "Base emissions minus the year's "
       "emissions in the case's target scope."),
    _c("overnight investment in the block", "{money}", "money", "Overnight investment of "
       "the capacity commissioned in the year."),
    _c("cumulative investment", "{money}", "money", "Overnight investment up to the year."),
    _c("construction", "job-years in the block", "integer", "Construction job-years of the "
       "capacity commissioned in the year."),
    _c("construction, average", "jobs", "integer", "Construction job-years spread over the "
       "block's years."),
    _c("operating jobs", "jobs", "integer", "Jobs to operate the capacity in service."),
    _c("GDP contribution", "{money}/yr", "money", "Value added by the cluster's activity."),
), in_report=True)

MEMBERS = Table("members", "member (and totals)", (
    "Who pays: each member's own costs (its technologies' cost terms, the carbon of its "
    "emissions, the purchases it uses, the exports it makes) and its share of the shared "
    "infrastructure, passed on in proportion to the flows it sends to or takes from the "
    "shared assets (docs/formulation.md). Present values; the members and the 'not "
    "allocated' line (final demand outside the members, penalties) add up to the net "
    "present cost."), (
    _text("member", "A company or plant (the technologies' member column)."),
    _c("own costs", "{money}", "money", "Present value of its own technologies' costs."),
    _c("share of shared infrastructure", "{money}", "money", "Present value of what it "
       "pays for the shared assets it uses."),
    _c("total", "{money}", "money", "Own costs plus its share."),
    _c("overnight investment in own assets", "{money}", "money", "Undiscounted capex of the "
       "capacity it builds."),
    _c("direct emissions {first}", "Mt CO2e/yr", "mass", "Net direct emissions of its "
       "technologies in the first modelled year."),
    _c("direct emissions {last}", "Mt CO2e/yr", "mass", "The same in the last modelled "
       "year."),
    _c("abatement", "Mt CO2e/yr", "mass", "First minus last."),
), in_report=True, frozen_columns=1)

MEMBERS_BY_YEAR = Table("members_by_year", "member and modelled year", (
    "Each member's costs by modelled year (present values of the calendar years of the "
    "block) and its direct emissions."), (
    _text("member", "Member."), _year("Modelled year."),
    _c("own costs, present value", "{money}", "money", "Its own technologies' costs."),
    _c("share of shared infrastructure, present value", "{money}", "money", "What it pays "
       "for the shared assets."),
    _c("total, present value", "{money}", "money", "Both."),
    _c("direct emissions", "Mt CO2e/yr", "mass", "Net direct emissions of its technologies."),
), frozen_columns=1)

TARIFFS = Table("tariffs", "shared asset", (
    "The tariff that recovers each shared asset's cost: its own cost (present value) per "
    "discounted unit of its service (what it delivers, takes or removes), and beside it the "
    "service commodity's marginal price (balance duals, quantity-weighted), both in money per "
    "unit and in the unit people quote."), (
    _text("shared asset", "Technology of member 'shared'."),
    _text("category", "Its category."),
    _text("service", "delivers X (its main output), takes X (its main input) or removes "
                     "CO2."),
    _text("unit", "Unit of the service commodity."),
    _c("discounted quantity", "{unit}", "quantity", "Service over the horizon, each year "
       "weighted like its costs."),
    _c("cost, present value", "{money}", "money", "The asset's own costs, purchases it uses "
       "included."),
    _c("tariff", "{money}/{unit}", "price", "Cost per discounted unit: the price that "
       "recovers it."),
    _c("marginal price", "{money}/{unit}", "price", "Marginal price of the service "
       "commodity (for a service that takes a commodity away: what one more unit costs)."),
    _text("display unit", "The unit of the next two columns."),
    _c("tariff (display)", "display unit", "price", "The tariff in the display unit.",
       header="tariff [display unit]"),
    _c("marginal price (display)", "display unit", "price", "The marginal price in the "
       "display unit.", header="marginal price [display unit]"),
), in_report=True, frozen_columns=1)

ABATEMENT_COST = Table("abatement_cost", "figure", (
    "The average abatement cost: what the targets cost (net present cost with them minus "
    "without them, the same inputs) per tonne they abate, per discounted tonne (a levelised "
    "cost of abatement) and per tonne over the horizon."), (
    _text("item", "What the figure is."),
    Column("value", "{unit}", "The figure, in the row's unit.", "auto", header="value"),
    _text("unit", "Unit of the value."),
    _text("comment", "How it is computed."),
), in_report=True, one_page=True)

MAC_CURVE = Table("mac_curve", "step of the cap", (
    "The marginal abatement cost curve of one target year: with the other targets off, its "
    "cap is lowered in steps from the emissions of the run without targets to the target "
    "(warm re-solves). Each step: the emissions, the abatement (cumulative and of the step), "
    "the marginal cost at its cap (dual, plus the carbon price for scope 1), the average cost "
    "of the step's abatement and the technologies whose activity grew most."), (
    _text("target", "The target whose cap is swept."), _year("Its year."),
    _c("step", "", "integer", "Step of the sweep (the last one is the target)."),
    _text("status", "Solver status of the step."),
    _c("cap", "Mt CO2e/yr", "mass", "The cap of the step."),
    _c("emissions", "Mt CO2e/yr", "mass", "Emissions of the target year at the step."),
    _c("abatement, cumulative", "Mt CO2e/yr", "mass", "Against the run without targets."),
    _c("abatement of the step", "Mt CO2e/yr", "mass", "Against the step before."),
    _c("marginal abatement cost", "{money}/Mt CO2e", "price", "The cost of the last tonne at "
       "the step's cap."),
    _c("average cost of the step", "{money}/Mt CO2e", "price", "The step's increase of the "
       "net present cost over its discounted abatement (plus the carbon price for scope 1)."),
    _c("net present cost", "{money}", "money", "The net present cost at the step."),
    _text("measures (activity grown most)", "Technologies whose activity in the target year "
          "grew most over the step: what delivers its abatement."),
), in_report=True)

USER_CONSTRAINTS = Table("user_constraints", "user constraint and modelled year", (
    "The planner's own constraints (sheet 'constraints') in each year they apply: what their "
    "terms add up to, the right-hand side, the slack and the shadow price (change of the net "
    "present cost per unit increase of the right-hand side, in money of the year)."), (
    _text("constraint", "Name of the user constraint."), _year("Modelled year."),
    _text("sense", "<=, >= or =."),
    _c("value", "unit of its terms", "number", "What the constraint's terms add up to."),
    _c("right-hand side", "unit of its terms", "number", "The bound of the year."),
    _c("slack", "unit of its terms", "number", "How far the value is from the bound (0: "
       "the constraint holds with equality)."),
    Column("binding", "", "Whether the constraint has a non-zero shadow price.", "bool"),
    _c("shadow price", "{money}/unit", "price", "Row dual / operating weight of the year: "
       "the change of the net present cost per unit increase of the right-hand side, in "
       "money of the year (positive: the bound costs)."),
), frozen_columns=1)

# --------------------------------------------------------------------------------------
# two plans side by side: a re-plan from actuals, a rolling horizon
# --------------------------------------------------------------------------------------


def plan_comparison(prefix: str, first: str, second: str, what: str, mac_note: str = ""
                    ) -> tuple[Table, Table, Table, Table]:
    """The tables that set plan ``second`` beside plan ``first`` (``what``: what the
    difference measures, e.g. "the cost of the delay"; ``mac_note``: where the second
    plan's MAC comes from): headline figures, years, capacity and targets. Changes are the
    second minus the first."""
    change = f"{second} minus {first}"
    figures = Table(prefix, "headline figure", (
        f"The {first} and the {second} side by side: net present cost (without penalties of "
        f"missed targets) and {what}, investment, emissions over the horizon, and each "
        f"target's marginal abatement cost; the change is the {change}."), (
        _text("item", "What the figure is."),
        Column(first, "{unit}", f"The figure in the {first}.", "auto", header=first),
        Column(second, "{unit}", f"The figure in the {second}.", "auto", header=second),
        Column("change", "{unit}", f"The {change}.", "auto", header="change"),
        _text("unit", "Unit of the figures."),
        _text("comment", "How to read it."),
    ), in_report=True, one_page=True)
    years = Table(f"{prefix}_years", "modelled year and figure", (
        f"What changes in each modelled year between the {first} and the {second}: "
        "emissions, the block's costs as present value (without penalties) and cumulated "
        f"(the last cumulated change is {what}), the costs in money of the years and the "
        "overnight investment."), (
        _year("Modelled year (its block of calendar years)."),
        _text("item", "The figure."),
        _text("unit", "Its unit."),
        Column(first, "{unit}", f"In the {first}.", "auto", header=first),
        Column(second, "{unit}", f"In the {second}.", "auto", header=second),
        Column("change", "{unit}", f"The {change}.", "auto", header="change"),
    ), in_report=True, frozen_columns=2)
    capacity = Table(f"{prefix}_capacity", "technology and modelled year", (
        f"Installed and new capacity by technology and modelled year in the {first} and the "
        f"{second} (technologies built in either)."), (
        _text("technology", "Technology."), _year("Modelled year."),
        _c(f"capacity, {first}", "{capacity_unit}", "quantity", "Capacity in service."),
        _c(f"capacity, {second}", "{capacity_unit}", "quantity", "Capacity in service."),
        _c("capacity, change", "{capacity_unit}", "quantity", f"The {change}."),
        _c(f"new, {first}", "{capacity_unit}", "quantity", "Capacity commissioned in the "
           "block."),
        _c(f"new, {second}", "{capacity_unit}", "quantity", "Capacity commissioned in the "
           "block."),
        _c("new, change", "{capacity_unit}", "quantity", f"The {change}."),
        _text("capacity_unit", "Unit of the technology's capacity."),
    ), frozen_columns=2)
    targets = Table(f"{prefix}_targets", "emission target", (
        f"Each target in the {first} and the {second}: emissions, miss, marginal abatement "
        f"cost, and whether it is now at risk (missed, or binding at a much higher MAC: "
        "docs/formulation.md)."), (
        _text("target", "Target label: year, kind and scope."),
        _text("kind", "reduction, absolute, budget, linear or held."), _year("Target year."),
        _c("cap", "Mt CO2e (/yr)", "mass", "What the target allows."),
        _c(f"emissions, {first}", "Mt CO2e (/yr)", "mass", "Emissions it counts."),
        _c(f"emissions, {second}", "Mt CO2e (/yr)", "mass", "Emissions it counts."),
        _c(f"missed, {second}", "Mt CO2e (/yr)", "mass", "By how much it is missed (0: met)."),
        _c(f"MAC, {first}", "{money}/Mt CO2e", "price", "Marginal abatement cost."),
        _c(f"MAC, {second}", "{money}/Mt CO2e", "price", "Marginal abatement cost (the "
           f"penalty's, when missed){mac_note}."),
        _c("MAC, change", "{money}/Mt CO2e", "price", f"The {change}."),
        _text("status", "met; at risk (binding now, or at a MAC much higher than before); "
                        "missed (by how much, in words)."),
    ), in_report=True, frozen_columns=1)
    return figures, years, capacity, targets


REPLAN, REPLAN_YEARS, REPLAN_CAPACITY, REPLAN_TARGETS = plan_comparison(
    "replan", "original plan", "re-plan", "the extra net present cost of what happened")
MYOPIA, MYOPIA_YEARS, MYOPIA_CAPACITY, MYOPIA_TARGETS = plan_comparison(
    "myopia", "perfect foresight", "myopic", "the cost of myopia",
    ", in the window that decided the target's year")

ACTUALS_FACTS = Table("actuals_facts", "fact kept by the re-plan", (
    "What the re-plan keeps from the actuals sheet (and, for what it leaves empty, the "
    "original plan: setting actuals_unrecorded), per technology and modelled block, with "
    "what each fact is worth: the change of the net present cost per unit more of it (the "
    "row's dual). Facts not recorded in the sheet are listed when they are not zero or have "
    "a value."), (
    _text("fact", "new capacity, early retirement, activity or emissions."),
    _text("technology", "Technology (the scope, for emissions)."),
    _year("Modelled year (its block)."),
    _text("calendar years", "The calendar years the fact covers."),
    _text("from", "Where the value comes from: the actuals sheet's rows, or not recorded "
                  "(as planned, or none)."),
    _c("lower", "{unit}", "quantity", "The fact: the value kept (a floor when the block is "
       "recorded only in part)."),
    _c("upper", "{unit}", "quantity", "The most the block may reach (the floor plus what the "
       "years still open may add; the value itself for a whole block)."),
    _c("in the re-plan", "{unit}", "quantity", "The value the re-plan has."),
    _text("unit", "Unit: the technology's capacity unit, its activity unit per year, or "
                  "Mt CO2e/yr."),
    _c("value of the fact, present value", "{money}/unit", "price", "Change of the net "
       "present cost per unit more of the fact (positive: the fact costs the plan)."),
    _c("value of more room, present value", "{money}/unit", "price", "For new capacity in "
       "a block recorded in part: the change of the net present cost per unit more that the "
       "block's open years could add (negative: the build limit costs the plan)."),
    _c("value of the fact, per year", "{money}/unit", "price", "For activity and emissions: "
       "the same in money of the block's years, per unit each year (present value / "
       "operating weight)."),
), frozen_columns=2)

ROLLING_WINDOWS = Table("rolling_windows", "window of the rolling horizon", (
    "The rolling horizon's solves: each window sees the modelled years from its first "
    "block to the end of its foresight, with the blocks before it fixed, and fixes its "
    "first block's decisions (the last window fixes all of its own); the combined plan is "
    "then evaluated over the full horizon."), (
    _c("window", "", "integer", "Solve number."),
    _c("first block", "", "year", "The first open block: its decisions are fixed by this "
       "window."),
    _c("last year seen", "", "year", "The last calendar year of the window (its horizon's "
       "end)."),
    _text("targets seen", "The targets inside the window."),
    _text("blocks fixed", "The blocks whose decisions this window fixed."),
    _text("status", "Solver status (targets missed: the window missed a target)."),
    _c("net present cost of the window", "{money}", "money", "The window's objective "
       "(over its own horizon; not comparable with the full horizon's)."),
    _c("seconds", "s", "number", "Build and solve time."),
), in_report=True)

#: The results workbook's sheets, in their order (summary and about made by model.report).
RESULTS: tuple[Table, ...] = (ABOUT, SUMMARY, REPLAN, REPLAN_YEARS, REPLAN_TARGETS,
                              MYOPIA, MYOPIA_YEARS, MYOPIA_TARGETS, TARGETS,
                              CASH_FLOW_STATEMENT, CAPEX_BRIDGE,
                              CAPACITY, INVESTMENT, CASH_FLOWS,
                              COSTS, ACTIVITY, FLOWS, BALANCES, EMISSIONS, PRICES, STORAGE,
                              RESERVOIRS,
                              LEVELISED, SOCIOECONOMIC, MEMBERS, MEMBERS_BY_YEAR, TARIFFS,
                              ABATEMENT_COST, MAC_CURVE,
                              USER_CONSTRAINTS, REPLAN_CAPACITY, ACTUALS_FACTS,
                              MYOPIA_CAPACITY, ROLLING_WINDOWS)

# --------------------------------------------------------------------------------------
# the portfolio workbook
# --------------------------------------------------------------------------------------

INITIATIVE = Table("initiative", "cluster (and a total row)", (
    "Headline figures per cluster, as the initiative reports its members: CO2e (scope 1+2), "
    "GDP contribution and jobs in the base year and the last year, cumulative investment "
    "and net present cost, with their total."), (
    _text("cluster", "Cluster, or the total over clusters."),
    _c("base year", "", "year", "First modelled year."),
    _c("CO2e in the base year", "Mt/yr", "mass", "Scope-1+2 emissions in the base year."),
    _c("GDP contribution in the base year", "{money}/yr", "money", "Value added in the base "
       "year, in the reporting currency."),
    _c("jobs in the base year", "jobs", "integer", "Operating plus average construction "
       "jobs.", header="jobs in the base year"),
    _c("last year", "", "year", "Last modelled year."),
    _c("CO2e in the last year", "Mt/yr", "mass", "Scope-1+2 emissions in the last year."),
    _c("jobs in the last year", "jobs", "integer", "Operating plus average construction "
       "jobs.", header="jobs in the last year"),
    _c("cumulative investment", "{money}", "money", "Overnight investment over the horizon."),
    _c("net present cost", "{money}", "money", "The pathway's net present cost, converted."),
), in_report=True)

CASES = Table("cases", "case workbook", (
    "One row per case workbook: status, net present cost, whether targets were met, the run "
    "folder with its full results, or the error that stopped it."), (
    _text("workbook", "Case workbook."), _text("cluster", "Cluster it describes."),
    _text("status", "optimal, targets missed, invalid input, failed, or the solver's "
                    "status."),
    _c("net present cost", "{money}", "money", "In the reporting currency."),
    _text("run folder", "The case's run folder with its full results."),
    _text("error", "What stopped the case, if anything."),
), in_report=True)

CLUSTERS = Table("clusters", "cluster and modelled year", (
    "One row per cluster and modelled year: emissions by scope, abatement against the "
    "case's base emissions, investment, net present cost of the pathway, jobs and GDP "
    "contribution."), (
    _text("cluster", "Cluster."), _text("workbook", "Case workbook."), _year("Modelled year."),
    _c("scope-1 emissions", "Mt CO2e/yr", "mass", "Direct emissions, net of removals."),
    _c("scope-2 emissions", "Mt CO2e/yr", "mass", "Emissions of purchased energy."),
    _c("scope-1+2 emissions", "Mt CO2e/yr", "mass", "Both scopes."),
    _text("target scope", "The case's target scope."),
    _c("abatement vs base", "Mt CO2e/yr", "mass", "Base emissions minus the year's, in the "
       "target scope."),
    _c("investment in the block", "{money}", "money", "Overnight investment in the year, "
       "converted."),
    _c("cumulative investment", "{money}", "money", "Overnight investment up to the year."),
    _c("net present cost of the pathway", "{money}", "money", "The case's net present "
       "cost (the same on every row of a cluster)."),
    _c("operating jobs", "jobs", "integer", "Operating jobs."),
    _c("construction, average", "jobs", "integer", "Average construction jobs."),
    _c("GDP contribution", "{money}/yr", "money", "Value added, converted."),
), frozen_columns=1)

TOTALS = Table("totals", "calendar year", (
    "Initiative totals by calendar year: the sum over clusters of the values of the "
    "modelled year whose block contains it; 'clusters counted' says how many cases cover "
    "that year."), (
    _year(), _c("clusters counted", "", "integer", "Cases that cover the year."),
    _c("scope-1 emissions", "Mt CO2e/yr", "mass", "Sum over clusters."),
    _c("scope-2 emissions", "Mt CO2e/yr", "mass", "Sum over clusters."),
    _c("scope-1+2 emissions", "Mt CO2e/yr", "mass", "Sum over clusters."),
    _c("abatement vs base", "Mt CO2e/yr", "mass", "Sum over clusters."),
    _c("cumulative investment", "{money}", "money", "Sum over clusters."),
    _c("operating jobs", "jobs", "integer", "Sum over clusters."),
    _c("construction, average", "jobs", "integer", "Sum over clusters."),
    _c("GDP contribution", "{money}/yr", "money", "Sum over clusters."),
), in_report=True)

PORTFOLIO: tuple[Table, ...] = (ABOUT, INITIATIVE, CASES, CLUSTERS, TOTALS)

#: Tables made for the charts (model.outputs.charts), shown on the 'chart data' sheet.
CHART_DATA = Table("chart data", "chart category (a year, a target)", (
    "The numbers behind each chart of the 'charts' sheet, one block per chart: the "
    "categories in the first column, one column per series."), ())

TABLES: dict[str, Table] = {t.name: t for t in (*RESULTS, *PORTFOLIO[1:])}


@dataclass(frozen=True)
class Bound:
    """A table's column bound to its declaration: the header found, the fields it filled."""

    header: str
    column: Column | None  #: None: not declared (shown as found, number format by dtype)
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return _fill(self.column.key, self.fields) if self.column else self.header

    @property
    def kind(self) -> str:
        return self.column.kind if self.column else "auto"


def _fill(template: str, fields: dict[str, str]) -> str:
    return _FIELD.sub(lambda m: fields.get(m.group(1), m.group(0)), template)


def bind(table: Table, headers: list[str]) -> list[Bound]:
    """Each header of a table bound to the declared column it matches (exact keys before
    families), or to None when no declaration matches."""
    patterns = sorted(((table.header_pattern(c), c) for c in table.columns),
                      key=lambda pc: "{" in pc[1].key)
    out = []
    for h in headers:
        for pattern, column in patterns:
            m = pattern.match(str(h))
            if m:
                out.append(Bound(str(h), column, {k: v for k, v in m.groupdict().items()}))
                break
        else:
            out.append(Bound(str(h), None))
    return out


def unit_fields(bound: Bound, table: Table) -> list[str]:
    """The per-row unit columns the bound column's unit refers to."""
    if bound.column is None:
        return []
    rows = table.text_columns
    return [f for f in _FIELD.findall(bound.column.unit) if f in rows]


def fill(template: str, fields: dict[str, str]) -> str:
    """A template with the given fields filled (others kept in braces)."""
    return _fill(template, fields)
