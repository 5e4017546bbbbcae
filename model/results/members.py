"""Who pays: each member's own costs, its share of the shared infrastructure, and the tariff
that recovers each shared asset's cost.

A technology belongs to a ``member`` (a company or plant; the technologies sheet's column,
``shared`` by default). Every cost of the objective is first put on a technology, per
modelled year, in present value: its capex, O&M and storage credits (its cost terms), the
carbon price of its direct emissions (its terms of ``emission_def``), the purchases it
consumes (each purchase of a commodity split over the commodity's uses in that year in
proportion to quantity) and the exports it produces (likewise, over the producers). What a
shared asset costs is then passed on to the members that use it, in proportion to the flows
each one sends or takes, commodities mixing in proportion within each year:

* an asset whose output reaches members (directly or through other shared assets) passes
  its cost **downstream**, to the users of its main output: hydrogen from a shared
  electrolyser is paid by the members that take the hydrogen, the electricity the
  electrolyser took from shared wind by the same members;
* a chain whose output never reaches a member (CO2 compression, pipeline, ship, injection) is
  paid by those who feed it: each **link** passes its cost on to the chain's next asset, and
  the chain's **end** passes the whole **upstream** to the producers of the chain's own
  commodity (not of utilities such as electricity), through the links back to the members
  whose capture units feed it, to supply assets (an SMR's captured CO2) or to removals;
* removals (category ``removal``) are paid by the members in proportion to their direct
  emissions of that year: they offset them.

Costs that reach final demand or exports without a member, and penalties of missed targets,
are reported as not allocated; the members and that line add up to the net present cost.
Flows between members are not priced: a member's own assets stay with it.

The **tariff** of a shared asset is its own cost (present value) per discounted unit of its
service (its main output, or for upstream assets its main input), the price that recovers it;
beside it, the service commodity's marginal price (its balance duals, quantity-weighted).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model.case import Case
from model.maths import costs as cost_maths
from model.results.flows import BALANCES
from model.results.reading import EPS, summed
from model.results.units import price_display
from model.schema import CARBON_PRICE
from model.solution import Solution

SHARED = "shared"
NOT_ALLOCATED = "not allocated"
OWN_CATEGORIES = ("capex", "salvage", "fixed_om", "variable_om", "storage_credit")


def member_of(case: Case) -> dict[str, str]:
    return {t: tech.member for t, tech in case.technologies.items()}


@dataclass
class YearFlows:
    """Annual quantities of one modelled year: production and use of each balanced
    commodity by technology, and what the cluster buys, sells and delivers."""

    produced: dict[str, dict[str, float]] = field(default_factory=dict)  #: c -> t -> qty
    consumed: dict[str, dict[str, float]] = field(default_factory=dict)  #: c -> t -> qty
    bought: dict[str, float] = field(default_factory=dict)
    sold: dict[str, float] = field(default_factory=dict)
    demand: dict[str, float] = field(default_factory=dict)

    def users(self, c: str) -> dict[str, float]:
        """Who takes ``c``: technologies (and storage charging), final demand, exports."""
        out = dict(self.consumed.get(c, {}))
        if self.demand.get(c, 0.0) > EPS:
            out["final demand"] = self.demand[c]
        if self.sold.get(c, 0.0) > EPS:
            out["exports"] = self.sold[c]
        return out

    def sources(self, c: str) -> dict[str, float]:
        out = dict(self.produced.get(c, {}))
        if self.bought.get(c, 0.0) > EPS:
            out["purchases"] = self.bought[c]
        return out


def year_flows(case: Case, sol: Solution) -> dict[int, YearFlows]:
    """The quantities of every modelled year, from the labelled terms of the balances."""
    flows = {y: YearFlows() for y in case.years}
    for label, target, sign in (("produced", "produced", 1.0), ("discharged", "produced", 1.0),
                                ("consumed", "consumed", -1.0), ("charged", "consumed", -1.0)):
        for (t, c, y), q in summed(sol, BALANCES, label, ["x.t", "c", "y"], sign).items():
            if q > EPS:
                getattr(flows[int(y)], target).setdefault(str(c), {})[str(t)] = q
    for label, target, sign in (("bought", "bought", 1.0), ("sold", "sold", -1.0)):
        for (c, y), q in summed(sol, BALANCES, label, ["c", "y"], sign).items():
            getattr(flows[int(y)], target)[str(c)] = q
    for (c, y), q in case.demand.items():
        if y in flows and c in case.commodities and case.commodities[c].kind != "emission":
            flows[y].demand[c] = q
    return flows


def technology_costs(case: Case, sol: Solution, costs: pd.DataFrame,
                     flows: dict[int, YearFlows]) -> tuple[dict, dict]:
    """Present value of every cost by (technology or bucket, modelled year): the technology's
    cost terms, its carbon, its share of purchases and exports (module docstring). Returns
    (costs by (owner, year), the part of them that is purchases, by (owner, year))."""
    out: dict[tuple[str, int], float] = {}
    bought: dict[tuple[str, int], float] = {}

    def add(owner: str, y: int, pv: float, book: dict = out) -> None:
        book[(owner, y)] = book.get((owner, y), 0.0) + pv

    for r in costs.itertuples(index=False, name=None):
        # year, modelled year, category, item, cash flow, present value
        category, item, y, pv = r[2], r[3], int(r[1]), r[5]
        if category in OWN_CATEGORIES:
            add(str(item), y, pv)
        elif category == "target_penalty":
            add(NOT_ALLOCATED, y, pv)
        elif category in ("fuel", "sales"):
            share_of = flows[y].users(item) if category == "fuel" else flows[y].sources(item)
            share_of = {k: v for k, v in share_of.items()
                        if k not in ("purchases", "exports")}
            total = sum(share_of.values())
            if total <= EPS:
                add(NOT_ALLOCATED, y, pv)
                continue
            for owner, q in share_of.items():
                add(owner, y, pv * q / total)
                if category == "fuel":
                    add(owner, y, pv * q / total, bought)
    carbon = case.price.get(CARBON_PRICE, {})
    weight = {y: cost_maths.op_weight(case, y) for y in case.years}
    for label in ("emitted", "removed"):
        for (t, c, y), q in summed(sol, ["emission_def"], label, ["x.t", "c", "y"]).items():
            add(str(t), int(y), q * carbon.get((str(c), int(y)), 0.0) * weight[int(y)])
    return out, bought


def direct_emissions(case: Case, sol: Solution) -> dict[tuple[str, int], float]:
    """Net direct emissions by (technology, modelled year), Mt CO2e/yr."""
    out: dict[tuple[str, int], float] = {}
    for label in ("emitted", "removed"):
        for (t, c, y), q in summed(sol, ["emission_def"], label, ["x.t", "c", "y"]).items():
            key = (str(t), int(y))
            out[key] = out.get(key, 0.0) + q * case.commodities[str(c)].co2e_factor
    return out


def main_output(case: Case, t: str) -> str | None:
    """A technology's first non-emission output (a storage technology's stored commodity)."""
    if case.technologies[t].is_storage:
        return case.storage[t].commodity
    return next((c for (tt, c) in case.ratio_out if tt == t
                 and case.commodities[c].kind != "emission"), None)


def _delivering(case: Case, member: dict[str, str], shared: list[str],
                flows: YearFlows) -> set[str]:
    """Shared assets whose main output reaches a member, final demand or exports (directly or
    through other delivering shared assets), in one year."""
    found: set[str] = set()
    changed = True
    while changed:
        changed = False
        for a in shared:
            if a in found:
                continue
            out = main_output(case, a)
            users = flows.users(out) if out else {}
            if any(u in ("final demand", "exports") or member.get(u, SHARED) != SHARED
                   or u in found for u, q in users.items() if q > EPS and u != a):
                found.add(a)
                changed = True
    return found


def _shares(case: Case, member: dict[str, str], a: str, delivering: set[str],
            flows: YearFlows, emitted: dict[str, float]) -> tuple[dict[str, float], str | None]:
    """Where shared asset ``a`` passes its cost in one year: {receiver: share} and the
    commodity of the service (receivers: a member, a shared asset, 'final demand',
    'exports' or NOT_ALLOCATED)."""
    tech = case.technologies[a]
    if tech.category == "removal" and a not in delivering:
        by_member: dict[str, float] = {}
        for t, e in emitted.items():
            if e > EPS and member.get(t, SHARED) != SHARED:
                by_member[member[t]] = by_member.get(member[t], 0.0) + e
        total = sum(by_member.values())
        return ({m: e / total for m, e in by_member.items()} if total > EPS
                else {NOT_ALLOCATED: 1.0}), None
    c = main_output(case, a)
    chain_next = {u: q for u, q in flows.users(c).items()
                  if u != a and member.get(u, "") == SHARED and u not in delivering} \
        if c and a not in delivering else {}
    if a in delivering:
        users = {u: q for u, q in flows.users(c).items() if u != a}
    elif chain_next:  # a link of a chain: its cost goes on to the chain's next asset
        users = chain_next
    else:  # the chain's end: to those who feed the chain, through its links
        c, users = _chain_sources(case, member, a, flows, delivering, frozenset())
    total = sum(users.values())
    if total <= EPS:
        return {NOT_ALLOCATED: 1.0}, c
    return {u: q / total for u, q in users.items()}, c


def service_input(case: Case, a: str, flows: YearFlows, delivering: set[str]
                  ) -> tuple[str | None, dict[str, float], bool]:
    """The input an upstream asset serves its users by, and who supplies it: its first input
    made by members or by other upstream assets (energy bought, or delivered by supply
    assets, is what it uses, not what it serves), the chain's own commodity first; and
    whether it is one (used only by upstream assets)."""
    inputs = [cc for (tt, cc) in case.ratio_in if tt == a]
    if case.technologies[a].is_storage:
        inputs = [case.storage[a].commodity]
    shared = {t for t, tech in case.technologies.items() if tech.member == SHARED}

    def chain_only(c: str) -> bool:
        """Used only by upstream (chain) assets: the chain's own commodity, not a utility
        such as electricity that everyone uses."""
        users = flows.users(c)
        return bool(users) and all(u in shared and u not in delivering for u in users)

    for cc in sorted(inputs, key=lambda c: not chain_only(c)):  # chain commodities first
        upstream = {p: q for p, q in flows.sources(cc).items()
                    if p != "purchases" and p != a and p not in delivering}
        if upstream:
            return cc, upstream, chain_only(cc)
    return None, {}, False


def _chain_sources(case: Case, member: dict[str, str], a: str, flows: YearFlows,
                   delivering: set[str], seen: frozenset[str]
                   ) -> tuple[str | None, dict[str, float]]:
    """Who feeds the chain that ends at ``a``, as shares: upstream through its service
    input, and on through every link of the chain (a shared asset that neither delivers to
    members nor is a removal) to the members, supply assets and removals that feed it."""
    c, suppliers, _chain = service_input(case, a, flows, delivering)
    total = sum(suppliers.values())
    if total <= EPS:
        return c, {}
    out: dict[str, float] = {}
    for p, q in suppliers.items():
        share = q / total
        link = (member.get(p, "") == SHARED and p not in delivering
                and case.technologies[p].category != "removal" and p not in seen)
        further = _chain_sources(case, member, p, flows, delivering, seen | {a})[1] \
            if link else {}
        for who, part in (further.items() if further else [(p, 1.0)]):
            out[who] = out.get(who, 0.0) + share * part
    return c, out


@dataclass
class Allocation:
    """Present values by member and year, and the tariffs of the shared assets."""

    members: pd.DataFrame
    by_year: pd.DataFrame
    tariffs: pd.DataFrame


def allocate(case: Case, sol: Solution, costs: pd.DataFrame) -> Allocation | None:
    """The allocation of every cost to members (module docstring); None without members."""
    member = member_of(case)
    names = sorted({m for m in member.values() if m != SHARED})
    if not names:
        return None
    shared = [t for t in case.technologies if member[t] == SHARED]
    flows = year_flows(case, sol)
    own, bought = technology_costs(case, sol, costs, flows)
    emissions = direct_emissions(case, sol)
    own_pv: dict[tuple[str, int], float] = {}  # (member or bucket, y)
    shared_pv: dict[tuple[str, int], float] = {}
    via: dict[tuple[str, str], float] = {}  # (member, service commodity): allocated PV
    received_total: dict[str, float] = {}  # shared asset: what it received (PV)
    for (owner, y), pv in own.items():
        who = member.get(owner, owner)
        if who == SHARED:
            continue
        if owner in ("final demand", "exports"):
            who = NOT_ALLOCATED
        own_pv[(who, y)] = own_pv.get((who, y), 0.0) + pv
    for y in case.years:
        f = flows[y]
        delivering = _delivering(case, member, shared, f)
        emitted = {t: e for (t, yy), e in emissions.items() if yy == y}
        index = {a: i for i, a in enumerate(shared)}
        n = len(shared)
        transfer = np.zeros((n, n))  # transfer[i, j]: share of j's cost passed to i
        outside: dict[str, list[tuple[str, float, str | None]]] = {}
        for a in shared:
            shares, service = _shares(case, member, a, delivering, f, emitted)
            for receiver, share in shares.items():
                if receiver in index:
                    transfer[index[receiver], index[a]] += share
                else:
                    who = member.get(receiver, receiver)
                    if who in ("final demand", "exports"):
                        who = NOT_ALLOCATED
                    outside.setdefault(a, []).append((who, share, service))
        cost = np.array([own.get((a, y), 0.0) for a in shared])
        try:
            total = np.linalg.solve(np.eye(n) - transfer, cost) if n else cost
        except np.linalg.LinAlgError:
            total = cost  # a closed loop of shared assets: pass on their own costs only
        for a in shared:
            received_total[a] = received_total.get(a, 0.0) + total[index[a]] - cost[index[a]]
            for who, share, service in outside.get(a, ()):
                amount = total[index[a]] * share
                shared_pv[(who, y)] = shared_pv.get((who, y), 0.0) + amount
                if service is not None:
                    via[(who, service)] = via.get((who, service), 0.0) + amount
    return Allocation(_members_table(case, names, own_pv, shared_pv, emissions, member, sol),
                      _by_year(case, names, own_pv, shared_pv, emissions, member),
                      _tariffs(case, sol, shared, own, flows, member))


def _members_table(case, names, own_pv, shared_pv, emissions, member, sol) -> pd.DataFrame:
    money = case.money
    base_year = case.years[0]
    rows = []
    for who in [*names, NOT_ALLOCATED]:
        own = sum(v for (m, _y), v in own_pv.items() if m == who)
        allocated = sum(v for (m, _y), v in shared_pv.items() if m == who)
        first = sum(e for (t, y), e in emissions.items() if member.get(t) == who
                    and y == base_year)
        last = sum(e for (t, y), e in emissions.items() if member.get(t) == who
                   and y == case.years[-1])
        capex = sum(cost_maths.capex(case, t, y) * sol["new"][t, y]
                    for t in case.technologies if member[t] == who for y in case.years
                    if sol["new"][t, y] > EPS)
        rows.append({
            "member": who,
            f"own costs [{money}]": own,
            f"share of shared infrastructure [{money}]": allocated,
            f"total [{money}]": own + allocated,
            f"overnight investment in own assets [{money}]": capex,
            f"direct emissions {base_year} [Mt CO2e/yr]": first,
            f"direct emissions {case.years[-1]} [Mt CO2e/yr]": last,
            "abatement [Mt CO2e/yr]": first - last,
        })
    table = pd.DataFrame(rows)
    total = {c: table[c].sum() for c in table.columns if c != "member"}
    return pd.concat([table, pd.DataFrame([{"member": "total", **total}])],
                     ignore_index=True)


def _by_year(case, names, own_pv, shared_pv, emissions, member) -> pd.DataFrame:
    money = case.money
    rows = []
    for who in [*names, NOT_ALLOCATED]:
        for y in case.years:
            own, allocated = own_pv.get((who, y), 0.0), shared_pv.get((who, y), 0.0)
            rows.append({
                "member": who, "year": y,
                f"own costs, present value [{money}]": own,
                f"share of shared infrastructure, present value [{money}]": allocated,
                f"total, present value [{money}]": own + allocated,
                "direct emissions [Mt CO2e/yr]": sum(
                    e for (t, yy), e in emissions.items() if member.get(t) == who and yy == y),
            })
    return pd.DataFrame(rows)


def _service(case: Case, a: str, member: dict[str, str], shared: list[str],
             flows: dict[int, YearFlows], removed: dict[tuple[str, int], float]
             ) -> tuple[str, str, dict[int, float]] | None:
    """(verb, commodity, quantity by year) of the service of shared asset ``a``: what it
    delivers (its main output), what it takes (its first input from members or upstream
    assets) or, for removals, the CO2 it removes."""
    tech = case.technologies[a]
    if tech.category == "removal":
        return "removes", "co2", {y: removed.get((a, y), 0.0) for y in case.years}
    delivering = {y: _delivering(case, member, shared, flows[y]) for y in case.years}
    inputs = [c for (t, c) in case.ratio_in if t == a]
    out = main_output(case, a)
    if out is not None and (any(a in d for d in delivering.values()) or not inputs):
        return "delivers", out, {y: flows[y].produced.get(out, {}).get(a, 0.0)
                                 for y in case.years}
    found = [service_input(case, a, flows[y], delivering[y]) for y in case.years]
    served = next((c for c, _u, chain in found if c and chain), None)
    if served is None and out is not None:  # a link that takes only utilities
        return "delivers", out, {y: flows[y].produced.get(out, {}).get(a, 0.0)
                                 for y in case.years}
    served = served or next((c for c, _u, _chain in found if c), None)
    if served is None:
        return None
    return "takes", served, {y: flows[y].consumed.get(served, {}).get(a, 0.0)
                             for y in case.years}


def _tariffs(case, sol, shared, own, flows, member) -> pd.DataFrame:
    """Each shared asset's own cost per discounted unit of its service, with the service
    commodity's marginal price beside it."""
    money = case.money
    weight = {y: cost_maths.op_weight(case, y) for y in case.years}
    values = _service_values(sol)
    removed = {(t, y): -q for (t, y), q in direct_emissions(case, sol).items() if q < 0}
    rows = []
    for a in shared:
        found = _service(case, a, member, shared, flows, removed)
        if found is None:
            continue
        what, service, quantity = found
        cost = sum(v for (t, _y), v in own.items() if t == a)
        discounted = sum(weight[y] * q for y, q in quantity.items())
        if discounted <= EPS:
            continue
        unit = "Mt" if what == "removes" else case.commodities[service].unit
        tariff = cost / discounted
        marginal = math.nan
        dq, qq = values.get((a, service, what), (0.0, 0.0))
        if what != "removes" and qq > EPS:
            # the duals (present values) times quantity, over the discounted quantity:
            # money of the year per unit, as the tariff
            marginal = dq / discounted
            if what == "takes":
                marginal = -marginal  # the cost, at the margin, of having a unit taken away
        display = price_display(case, None if what == "removes" else service, unit)
        rows.append({
            "shared asset": a, "category": case.technologies[a].category,
            "service": f"{what} {service}", "unit": unit,
            "discounted quantity [unit]": discounted,
            f"cost, present value [{money}]": cost,
            f"tariff [{money}/unit]": tariff,
            f"marginal price [{money}/unit]": marginal,
            "display unit": display.unit,
            "tariff [display unit]": tariff * display.factor,
            "marginal price [display unit]": marginal * display.factor,
        })
    return pd.DataFrame(rows)


def _service_values(sol: Solution) -> dict[tuple[str, str, str], tuple[float, float]]:
    """For each (technology, commodity, produced|consumed): the sum over its balance rows of
    dual x quantity (present value) and of quantity, to weigh a marginal price by what the
    technology itself makes or takes, slice by slice."""
    out: dict[tuple[str, str, str], tuple[float, float]] = {}
    for label, sign, what in (("produced", 1.0, "delivers"), ("discharged", 1.0, "delivers"),
                              ("consumed", -1.0, "takes"), ("charged", -1.0, "takes")):
        worth = summed(sol, BALANCES, label, ["x.t", "c"], sign, priced=True)
        for (t, c), q in summed(sol, BALANCES, label, ["x.t", "c"], sign).items():
            key = (str(t), str(c), what)
            dq, qq = out.get(key, (0.0, 0.0))
            out[key] = (dq + worth[t, c], qq + q)
    return out
