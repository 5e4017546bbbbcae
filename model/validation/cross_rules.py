"""Checks across sheets: references between sheets, and rules that tie two or more sheets
together (storage technologies take no flows, a demand needs a producer, a price profile
needs a slice balance, ...). One rule per function."""

from __future__ import annotations

from model.horizon import HOURS_PER_YEAR
from model.interpolate import interpolate
from model.schema import (
    CAPACITY_MAX,
    CARBON_PRICE,
    EXPORT_PRICE,
    GRID_EMISSION_FACTOR,
    MAX_IMPORT_RATE,
    MAX_REDUCTION,
    MAX_SUPPLY,
    PRICE,
    RESIDUAL,
    SHEETS,
    STORAGE_CREDIT,
)
from model.validation.cells import is_missing
from model.validation.names import did_you_mean, name_list, plural
from model.validation.problems import Collector
from model.validation.rules import RULES, CaseView, Rule, rule

# --------------------------------------------------------------------------------------
# references: a value that must name a row of another sheet
# --------------------------------------------------------------------------------------


def _reference_rule(sheet: str, column: str, ref_sheet: str, ref_column: str) -> Rule:
    def reference_exists(case: CaseView, out: Collector) -> None:
        valid = list(dict.fromkeys(str(r[ref_column]) for r in case.rows.get(ref_sheet, [])
                                   if not is_missing(r[ref_column])))
        known = set(valid)
        article = "an" if ref_column[0] in "aeiou" else "a"
        for r in case.rows.get(sheet, []):
            value = r[column]
            if is_missing(value) or str(value) in known:
                continue
            listed = f" ({name_list(sorted(valid), what=plural(ref_column))})" if valid \
                else " (that sheet is empty)"
            out.add(sheet, f"unknown {ref_column} referenced in '{column}'"
                    + did_you_mean(value, valid), raw=case.raw(sheet), row=int(r["_row"]),
                    column=column, value=value,
                    expected=f"{article} {ref_column} of sheet '{ref_sheet}'{listed}")

    reference_exists.__name__ = f"{sheet}_{column}_names_a_{ref_column}"
    return Rule(reference_exists, (sheet, ref_sheet))


RULES.extend(_reference_rule(s.name, c.name, *c.ref) for s in SHEETS for c in s.columns
             if c.ref is not None)

# --------------------------------------------------------------------------------------
# technologies, flows, storage
# --------------------------------------------------------------------------------------


@rule("flows", "storage")
def storage_takes_no_flows(case: CaseView, out: Collector) -> None:
    storage = case.storage_techs
    for r in case.rows["flows"]:
        if r["technology"] in storage:
            out.add("flows", "storage technologies take no flows (see the storage sheet)",
                    raw=case.raw("flows"), row=r["_row"], column="technology",
                    value=r["technology"])


@rule("technologies", "storage")
def storage_fields_that_do_not_apply(case: CaseView, out: Collector) -> None:
    storage = case.storage_techs
    for r in case.rows["technologies"]:
        if r["technology"] in storage and (r["reservoir"] or (r["min_load"] or 0) > 0):
            out.add("technologies", "reservoir and min_load do not apply to a storage "
                    "technology (ignored)", raw=case.raw("technologies"), row=r["_row"],
                    column="reservoir" if r["reservoir"] else "min_load",
                    value=r["reservoir"] or r["min_load"], severity="warning")


@rule("technologies", "flows", "storage")
def technology_does_something(case: CaseView, out: Collector) -> None:
    flowing = {r["technology"] for r in case.rows["flows"]}
    storage = case.storage_techs
    for r in case.rows["technologies"]:
        if r["technology"] not in flowing and r["technology"] not in storage:
            out.add("technologies", "technology has no flows and is not a storage: it does "
                    "nothing", raw=case.raw("technologies"), row=r["_row"],
                    column="technology", value=r["technology"], severity="warning")


@rule("storage", "commodities")
def emissions_not_stored(case: CaseView, out: Collector) -> None:
    kind = case.kind
    for r in case.rows["storage"]:
        if kind.get(r["commodity"]) == "emission":
            out.add("storage", "an emission commodity cannot be stored here (use a reservoir)",
                    raw=case.raw("storage"), row=r["_row"], column="commodity",
                    value=r["commodity"])


# --------------------------------------------------------------------------------------
# prices
# --------------------------------------------------------------------------------------

#: Commodity kinds each prices parameter applies to.
PARAMETER_KINDS = {
    PRICE: ("supply",),
    MAX_SUPPLY: ("supply",),
    MAX_IMPORT_RATE: ("supply",),
    GRID_EMISSION_FACTOR: ("supply",),
    CARBON_PRICE: ("emission",),
    EXPORT_PRICE: ("supply", "demand", "internal", "export"),
    STORAGE_CREDIT: ("supply", "internal", "export"),
}


@rule("prices", "commodities")
def price_parameter_fits_the_commodity(case: CaseView, out: Collector) -> None:
    kind = case.kind
    for r in case.rows["prices"]:
        param, k = r["parameter"], kind.get(r["commodity"])
        if param is None or k is None or k in PARAMETER_KINDS[param]:
            continue
        out.add("prices", f"'{param}' does not apply to a commodity of kind '{k}'",
                raw=case.raw("prices"), row=r["_row"], column="parameter", value=param,
                expected="a commodity of kind " + " or ".join(PARAMETER_KINDS[param]))


def _cheapest_price_factor(case: CaseView, commodity: str) -> float:
    """Lowest slice multiplier of a commodity's price profile (normalised to an hours-weighted
    mean of 1, as the model does); 1 without a profile."""
    shape = case.tables.profiles.get(f"price:{commodity}")
    if not shape or not case.rows["timeslices"]:
        return 1.0
    hours = {r["slice"]: r["hours"] for r in case.rows["timeslices"] if r["hours"] is not None}
    mean = sum(shape.get(sl, 0.0) * h for sl, h in hours.items()) / HOURS_PER_YEAR
    return min(shape.values()) / mean if mean > 0 else 1.0


@rule("prices", "timeslices", "profiles")
def selling_above_buying_is_bounded(case: CaseView, out: Collector) -> None:
    traj = case.trajectories("prices")
    for r in (r for r in case.rows["prices"] if r["parameter"] == EXPORT_PRICE):
        c = str(r["commodity"])
        buy, sell = traj.get((c, PRICE), {}), traj.get((c, EXPORT_PRICE), {})
        limited = traj.get((c, MAX_SUPPLY)) or traj.get((c, MAX_IMPORT_RATE))
        cheapest = _cheapest_price_factor(case, c)
        if buy and sell and not limited and any(
                interpolate(sell, y) > cheapest * interpolate(buy, y) for y in {*buy, *sell}):
            out.add("prices", "export_price above the (cheapest slice's) price with no supply "
                    "limit: buying to sell is unbounded", raw=case.raw("prices"),
                    row=r["_row"], column="parameter", value=c, expected="export_price <= "
                    "price, or a max_supply / max_import_rate row", severity="warning")


@rule("commodities", "prices")
def supply_has_a_price(case: CaseView, out: Collector) -> None:
    priced = {r["commodity"] for r in case.rows["prices"] if r["parameter"] == PRICE}
    for r in case.rows["commodities"]:
        if r["kind"] == "supply" and r["commodity"] not in priced:
            out.add("commodities", "supply commodity has no 'price' row in sheet 'prices'",
                    raw=case.raw("commodities"), row=r["_row"], column="commodity",
                    value=r["commodity"],
                    expected="a prices row (commodity, price) with year values")


# --------------------------------------------------------------------------------------
# demand
# --------------------------------------------------------------------------------------


@rule("demand", "commodities", "flows")
def demand_is_deliverable(case: CaseView, out: Collector) -> None:
    """Only deliverable commodities are demanded, somebody produces them, and never less
    than nothing."""
    kind = case.kind
    producers = {r["commodity"] for r in case.rows["flows"] if r["direction"] == "out"}
    producers |= {c for c, k in kind.items() if k == "supply"}
    raw = case.raw("demand")
    for r in case.rows["demand"]:
        c = r["commodity"]
        if kind.get(c) == "emission":
            out.add("demand", "emissions cannot be demanded", raw=raw, row=r["_row"],
                    column="commodity", value=c, expected="a non-emission commodity")
        elif c in kind and c not in producers:
            out.add("demand", "demand commodity that nobody produces", raw=raw,
                    row=r["_row"], column="commodity", value=c,
                    expected="a technology with an 'out' flow of it, or kind 'supply'")
        elif c in kind and any(v < 0 for v in case.trajectories("demand").get((c,), {})
                               .values()):
            out.add("demand", "negative demand", raw=raw, row=r["_row"],
                    column="commodity", value=c, expected=">= 0 in every year")


@rule("commodities", "demand")
def demand_commodity_has_demand(case: CaseView, out: Collector) -> None:
    demanded = {r["commodity"] for r in case.rows["demand"]}
    for r in case.rows["commodities"]:
        if r["kind"] == "demand" and r["commodity"] not in demanded:
            out.add("commodities", "demand commodity without a row in sheet 'demand' "
                    "(its demand is zero)", raw=case.raw("commodities"), row=r["_row"],
                    column="commodity", value=r["commodity"], severity="warning")


# --------------------------------------------------------------------------------------
# capacity
# --------------------------------------------------------------------------------------


@rule("capacity", "technologies", "settings")
def max_covers_residual_unless_retirable(case: CaseView, out: Collector) -> None:
    traj = case.trajectories("capacity")
    retirable = {r["technology"]: bool(r["early_retirement"])
                 for r in case.rows["technologies"]}
    for r in case.rows["capacity"]:
        t = r["technology"]
        if r["parameter"] != CAPACITY_MAX or retirable.get(t, True):
            continue
        hi, res = traj.get((t, CAPACITY_MAX), {}), traj.get((t, RESIDUAL), {})
        for y in case.years:
            if hi and res and interpolate(res, y) > interpolate(hi, y) + 1e-9:
                out.add("capacity", f"max capacity is below the residual capacity in {y}, "
                        "and the technology may not retire early", raw=case.raw("capacity"),
                        row=r["_row"], column="parameter", value=CAPACITY_MAX,
                        expected="max >= residual, or early_retirement TRUE")
                break


# --------------------------------------------------------------------------------------
# profiles
# --------------------------------------------------------------------------------------


@rule("profiles", "commodities")
def price_profile_needs_slice_balance(case: CaseView, out: Collector) -> None:
    balance = {r["commodity"]: r["balance"] for r in case.rows["commodities"]}
    for header in case.tables.profiles:
        prefix, name = header.split(":", 1)
        if prefix == "price" and balance.get(name) not in (None, "slice"):
            out.add("profiles", f"a price profile needs commodity '{name}' to be balanced by "
                    "slice (with an annual balance every purchase would move to the cheapest "
                    "slice)", raw=case.raw("profiles"), row=1, column=header, value=header,
                    expected=f"balance 'slice' for '{name}' in sheet 'commodities', or no "
                    "price profile")


@rule("profiles", "technologies", "commodities")
def profile_names_a_technology_or_commodity(case: CaseView, out: Collector) -> None:
    techs = [r["technology"] for r in case.rows["technologies"]]
    comms = [r["commodity"] for r in case.rows["commodities"]]
    for header in case.tables.profiles:
        prefix, name = header.split(":", 1)
        what, valid = ("technology", techs) if prefix == "availability" \
            else ("commodity", comms)
        if name not in valid:
            out.add("profiles", f"profile of an unknown {what}" + did_you_mean(name, valid),
                    row=1, value=header, expected=f"a name from sheet "
                    f"'{'technologies' if what == 'technology' else 'commodities'}'")


@rule("profiles", "timeslices")
def profile_covers_every_slice(case: CaseView, out: Collector) -> None:
    slices = {r["slice"] for r in case.rows["timeslices"] if r["slice"] is not None}
    for header, values in case.tables.profiles.items():
        missing = slices - set(values)
        if missing:
            out.add("profiles", f"profile '{header}' has no value for {len(missing)} slice(s)",
                    value=", ".join(sorted(missing)[:5]), expected="a value for every slice")


# --------------------------------------------------------------------------------------
# targets
# --------------------------------------------------------------------------------------


def _has_removals(case: CaseView) -> bool:
    kind = case.kind
    return any(kind.get(r["commodity"]) == "emission" and r["direction"] == "in"
               for r in case.rows["flows"])


@rule("targets", "flows", "commodities", "settings")
def negative_cap_needs_removals(case: CaseView, out: Collector) -> None:
    if not case.years or _has_removals(case):
        return
    for r in case.rows["targets"]:
        if r["year"] is None:
            continue
        value = r["value"]
        negative_cap = r["kind"] in ("absolute", "budget") and value is not None and value < 0
        beyond_net_zero = r["kind"] == "reduction" and value is not None \
            and 1 < value <= MAX_REDUCTION
        if negative_cap:
            out.add("targets", "negative cap but no technology removes emissions",
                    raw=case.raw("targets"), row=r["_row"], column="value", value=value,
                    expected=">= 0, or a removal technology", severity="warning")
        elif beyond_net_zero:
            out.add("targets", "reduction beyond net zero but no technology removes "
                    "emissions", raw=case.raw("targets"), row=r["_row"], column="value",
                    value=value, expected="<= 1, or a removal technology",
                    severity="warning")


# --------------------------------------------------------------------------------------
# the case as a whole
# --------------------------------------------------------------------------------------


@rule("technologies", "demand", "flows")
def something_to_plan(case: CaseView, out: Collector) -> None:
    """A case without any technology has nothing to choose: say what it needs (the blank
    template with its required settings filled in gets here)."""
    if case.rows["technologies"]:
        return
    out.add("technologies", "the case has no technologies: there is nothing to plan",
            expected="at least one technology (sheet 'technologies'), its inputs and outputs "
            "(sheet 'flows'), a commodity it makes with a demand (sheets 'commodities' and "
            "'demand') and the prices of what it buys (sheet 'prices')")


# --------------------------------------------------------------------------------------
# the planner's own constraints
# --------------------------------------------------------------------------------------


@rule("constraints", "technologies", "commodities", "flows", "storage", "prices")
def user_constraints_hold_together(case: CaseView, out: Collector) -> None:
    """Each user constraint has a sense and a right-hand side, agreeing where given twice,
    and each term selects something its variable can count (model/user_constraints.py)."""
    from model import user_constraints

    out.problems.extend(user_constraints.parse(case.tables)[1])
