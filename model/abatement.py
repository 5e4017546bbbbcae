"""What abatement costs, around the optimum: MAC ranges, the average abatement cost and the
marginal abatement cost curve, by warm re-solves of the loaded LP.

* **MAC range.** A target's dual is one value, but where the LP is degenerate another
  equally optimal basis gives another (Taicang 2031: 230 with the simplex, 97 with the
  interior point). Each binding annual target's cap is moved by ``delta`` both ways; the two
  one-sided slopes of the net present cost, in money of the target year, bound the marginal
  abatement cost. When they differ the MAC is not unique and the results say so.
* **Average abatement cost** against the reference run without targets (the same inputs):
  ``(NPV - NPV_ref) / sum_y W_y (E_ref[y] - E[y])`` per discounted tonne, and per tonne over
  the horizon (``sum_y n_y (E_ref - E)``), in the case's target scope.
* **MAC curve** of one target year ``T`` (the first binding annual target by default): with the other
  targets off, the cap of ``T`` is swept from the reference run's emissions down to its cap in
  steps; each step gives the marginal cost at its cap, the average cost of the step's
  abatement (the step's NPV increase over its discounted tonnes) and the technologies whose
  activity in ``T`` grew most (the measures that deliver it).

Every probe changes row bounds only, so HiGHS restarts from its basis (dual simplex); the
loaded LP is put back after each. Skipped (with a note) when the run has no basis to restart
from (an interior-point solve without crossover) or missed targets (penalties would price the
cap).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from model.maths import costs as cost_maths
from model.schema import CARBON_PRICE
from model.solve import Outcome

#: Relative size of the one-sided moves of a cap (of the cluster's emissions: its base
#: emissions or its largest yearly emissions in the run).
DELTA = 1e-3
#: One-sided MACs further apart than this (relative) make a MAC "not unique".
UNIQUE = 0.01


@dataclass
class MacRange:
    """One-sided marginal abatement costs of a target (money of its year per Mt CO2e)."""

    tightening: float  #: cost per Mt of lowering the cap
    relaxing: float  #: saving per Mt of raising it
    unique: bool


@dataclass
class Analysis:
    mac_ranges: dict[str, MacRange] = field(default_factory=dict)
    reference: dict | None = None  #: npv, emissions by year in the target scope
    average: pd.DataFrame | None = None  #: the average abatement cost table
    curve: pd.DataFrame | None = None  #: the MAC curve table
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0


def emissions_by_year(outcome: Outcome, x: np.ndarray, scope: str) -> dict[int, float]:
    """E[y] in ``scope`` (Mt CO2e/yr) of primal values ``x`` of the loaded LP."""
    lp = outcome.bridge.lp
    co2e = lp.params["co2e"]
    emission, scope2 = lp.columns["emission"], lp.columns["scope2"]
    out = {y: 0.0 for y in outcome.case.years}
    for (c, y), pos in emission.index.items():
        out[y] += co2e.value_at((c,)) * x[pos]
    if scope == "scope12":
        for y, pos in scope2.index.items():
            out[y] += x[pos]
    return out


def analyse(outcome: Outcome, macc_steps: int = 8, macc_year: int | None = None) -> Analysis:
    """MAC ranges, the average abatement cost and the MAC curve (module docstring)."""
    t0 = time.perf_counter()
    out = Analysis()
    bridge, case = outcome.bridge, outcome.case
    if not outcome.result.ok or bridge is None:
        return out
    if outcome.misses:
        out.notes.append("abatement costs not analysed: targets are missed (the penalties "
                         "would price the caps)")
        return out
    if not bridge.highs.getBasis().valid:
        out.notes.append("abatement costs not analysed: the interior-point solve left no "
                         "basis to restart from")
        return out
    rows = bridge.lp.rows.get("target")
    targets = [tg for tg in case.targets if rows is not None and tg.label in rows.index]
    if not targets:
        return out
    scope = case.settings.get("emission_scope") or "scope1"
    e_run = emissions_by_year(outcome, outcome.solution.x, scope)
    scale = max([abs(v) for v in (outcome.base_emissions or {}).values()]
                + [abs(v) for v in e_run.values()] + [1e-6])
    delta = DELTA * scale
    npv = outcome.objective
    lp = bridge.lp
    position = {tg.label: rows.index[tg.label] for tg in targets}
    every = np.array(list(position.values()))

    # MAC ranges of binding annual targets
    duals = outcome.solution.duals("target")
    for tg in targets:
        if tg.kind == "budget" or abs(duals.get(tg.label, 0.0)) < 1e-9:
            continue
        weight = cost_maths.op_weight(case, tg.year)
        row = np.array([position[tg.label]])
        slopes = []
        for sign in (-1.0, 1.0):
            probe = bridge.probe(row, lp.row_lower[row], lp.row_upper[row] + sign * delta)
            slopes.append(math.nan if not probe.ok else
                          -sign * (probe.objective - npv) / delta / weight)
        carbon = _carbon_price(case, tg)
        tight, relax = slopes[0] + carbon, slopes[1] + carbon
        unique = math.isfinite(tight) and math.isfinite(relax) and \
            abs(tight - relax) <= UNIQUE * max(1.0, abs(tight), abs(relax))
        out.mac_ranges[tg.label] = MacRange(tight, relax, unique)

    # the reference run without targets
    ref = bridge.probe(every, np.full(len(every), -np.inf), np.full(len(every), np.inf))
    if not ref.ok:
        out.notes.append(f"the reference run without targets is {ref.status}")
        out.seconds = time.perf_counter() - t0
        return out
    ref_npv, ref_x = ref.objective, ref.solution.x
    e_ref = emissions_by_year(outcome, ref_x, scope)
    out.reference = {"npv": ref_npv, "emissions": e_ref}
    out.average = _average_table(outcome, npv, ref_npv, e_run, e_ref, scope)

    # the MAC curve of one target year, the other targets off
    annual = [tg for tg in targets if tg.kind in ("reduction", "absolute")]
    binding = [tg for tg in annual if abs(duals.get(tg.label, 0.0)) > 1e-9]
    chosen = next((tg for tg in annual if tg.year == macc_year), None) if macc_year \
        else (binding[0] if binding else None)
    if macc_steps > 0 and chosen is not None:
        out.curve = _curve(outcome, chosen, position, e_ref, ref_npv, ref_x, scope,
                           macc_steps)
    out.seconds = time.perf_counter() - t0
    return out


def _carbon_price(case, tg) -> float:
    """The carbon price the target year's emissions pay per Mt CO2e (scope-1 targets)."""
    if tg.scope != "scope1":
        return 0.0
    cp = case.price.get(CARBON_PRICE, {})
    return max((cp.get((c, tg.year), 0.0) / case.commodities[c].co2e_factor
                for c in case.commodities if case.commodities[c].kind == "emission"
                and case.commodities[c].co2e_factor > 0), default=0.0)


def _average_table(outcome: Outcome, npv: float, ref_npv: float, e_run: dict[int, float],
                   e_ref: dict[int, float], scope: str) -> pd.DataFrame:
    case = outcome.case
    money = case.money
    discounted = sum(cost_maths.op_weight(case, y) * (e_ref[y] - e_run[y]) for y in case.years)
    tonnes = sum(case.n_years[y] * (e_ref[y] - e_run[y]) for y in case.years)
    extra = npv - ref_npv
    rows = [
        ("net present cost with the targets", npv, money, "the run"),
        ("net present cost without targets", ref_npv, money,
         "the same inputs, every target off (the reference run)"),
        ("cost of the targets", extra, money, "the difference"),
        ("abatement over the horizon", tonnes, "Mt CO2e",
         f"reference minus run emissions ({scope}), each modelled year times its years"),
        ("abatement, discounted", discounted, "Mt CO2e",
         "the same, each year weighted like its costs (W_y)"),
        ("average abatement cost per discounted tonne",
         extra / discounted if abs(discounted) > 1e-12 else math.nan, f"{money}/Mt CO2e",
         "cost of the targets / discounted abatement (a levelised cost of abatement; = money "
         "per t when money is in millions)"),
        ("average abatement cost per tonne",
         extra / tonnes if abs(tonnes) > 1e-12 else math.nan, f"{money}/Mt CO2e",
         "cost of the targets (present value) / abatement over the horizon (undiscounted)"),
    ]
    frame = pd.DataFrame(rows, columns=["item", "value", "unit", "comment"])
    frame["value"] = frame["value"].astype(object)
    return frame


def _curve(outcome: Outcome, target, position: dict[str, int], e_ref: dict[int, float],
           ref_npv: float, ref_x: np.ndarray, scope: str, steps: int) -> pd.DataFrame:
    """Sweep the cap of ``target`` from the reference emissions to its cap (others off)."""
    case, bridge = outcome.case, outcome.bridge
    lp = bridge.lp
    money = case.money
    year = target.year
    weight = cost_maths.op_weight(case, year)
    row = position[target.label]
    cap = float(lp.row_upper[row])
    start = e_ref[year]
    carbon = _carbon_price(case, target)
    act = lp.columns["act"]
    techs = list(outcome.solution.ix.active)
    act_pos = np.array([[act.index[(t, year, s)] for s in case.slices] for t in techs])
    rows = np.array([p for k, p in position.items() if k != target.label] + [row])
    lower = np.full(len(rows), -np.inf)
    previous_npv, previous_e = ref_npv, start
    previous_act = ref_x[act_pos].sum(axis=1)
    records = []
    for k in range(1, steps + 1):
        level = start + (cap - start) * k / steps
        upper = np.concatenate([np.full(len(rows) - 1, np.inf), [level]])
        probe = bridge.probe(rows, lower, upper)
        if not probe.ok:
            records.append({"step": k, "status": probe.status, "cap [Mt CO2e/yr]": level})
            break
        x, objective = probe.solution.x, probe.objective
        dual = probe.solution.row_dual[row] if probe.solution.row_dual is not None \
            else math.nan
        e_year = emissions_by_year(outcome, x, scope)[year]
        step_abatement = previous_e - e_year
        average = (objective - previous_npv) / weight / step_abatement + carbon \
            if abs(step_abatement) > 1e-9 else math.nan
        annual_act = x[act_pos].sum(axis=1)
        growth = annual_act - previous_act
        order = np.argsort(-growth)
        measures = ", ".join(techs[i] for i in order[:3]
                             if growth[i] > 1e-6 * max(1.0, abs(annual_act[i])))
        records.append({
            "step": k, "status": probe.status,
            "cap [Mt CO2e/yr]": level,
            "emissions [Mt CO2e/yr]": e_year,
            "abatement, cumulative [Mt CO2e/yr]": start - e_year,
            "abatement of the step [Mt CO2e/yr]": step_abatement,
            f"marginal abatement cost [{money}/Mt CO2e]": -dual / weight + carbon,
            f"average cost of the step [{money}/Mt CO2e]": average,
            f"net present cost [{money}]": objective,
            "measures (activity grown most)": measures,
        })
        previous_npv, previous_e, previous_act = objective, e_year, annual_act
    frame = pd.DataFrame(records)
    frame.insert(0, "target", target.label)
    frame.insert(1, "year", year)
    return frame
