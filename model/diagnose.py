"""Infeasibility in domain words: which demands, limits and dates cannot hold together.

When an LP is infeasible for reasons other than the targets (or the targets cannot be met
even priced), HiGHS computes an irreducible infeasible subset (IIS, by its elastic-LP
strategy): rows and bounds that cannot hold together, though any one of them could be
dropped. Each member is turned into a sentence in the workbook's terms, naming the sheet and
row it comes from, and the shortfall is measured: with every balance and limit row of the
IIS given a slack, the least total slack is how much cannot be met.
"""

from __future__ import annotations

import math
import threading
import time

import highspy
import numpy as np

from model.case import Case
from model.interrupts import deferred
from model.schema import MAX_IMPORT_RATE, SETTING_BY_NAME

#: HiGHS IIS bound status: which bound of a row or column takes part.
LOWER, UPPER, BOXED = 2, 3, 4


def _row(case: Case, sheet: str, **keys) -> int | None:
    """Excel row of the record of ``sheet`` with ``keys`` (None when not found)."""
    frame = case.tables.tables.get(sheet)
    if frame is None or frame.empty:
        return None
    mask = np.ones(len(frame), dtype=bool)
    for k, v in keys.items():
        mask &= (frame[k].astype(str) == str(v)).to_numpy()
    rows = frame.loc[mask, "_row"].tolist()
    return int(rows[0]) if rows and rows[0] is not None else None


def _at(sheet: str, row: int | None) -> str:
    return f"{sheet} sheet, row {row}" if row else f"{sheet} sheet"


def describe_row(case: Case, family: str, key, which: int) -> str | None:
    """A sentence for a row of the IIS (None for bookkeeping rows that explain nothing)."""
    key = key if isinstance(key, tuple) else (key,)
    if family in ("balance_slice", "balance_annual"):
        c, y = key[0], key[1]
        unit = case.commodities[c].unit
        demand = case.demand.get((c, y), 0.0)
        where = f" in slice {key[2]}" if len(key) > 2 else ""
        if demand > 0:
            return (f"the demand for {c} in {y}{where}: {demand:g} {unit}/yr "
                    f"({_at('demand', _row(case, 'demand', commodity=c))})")
        return f"the balance of {c} in {y}{where}: what is made must be used, stored or sold"
    if family in ("act_max", "charge_max", "discharge_max"):
        t, y = key[0], key[1]
        tech = case.technologies[t]
        return (f"{t} runs at most at its capacity times its availability "
                f"({tech.availability:g}; {_at('technologies', _row(case, 'technologies', technology=t))})")
    if family == "act_min":
        return f"{key[0]} must run at least at its minimum load in {key[1]}"
    if family == "supply_limit":
        c, y = key
        return (f"{c} can be bought up to {case.price['max_supply'][(c, y)]:g} "
                f"{case.commodities[c].unit} in {y} "
                f"({_at('prices', _row(case, 'prices', commodity=c, parameter='max_supply'))})")
    if family == "reservoir_limit":
        return f"reservoir {key[0]} holds at most {case.reservoirs[key[0]]:g} in all (reservoirs sheet)"
    if family == "target":
        return f"the target {key[0]} ({_at('targets', None)})"
    if family == "user_constraint":
        return f"the user constraint '{key[0]}' in {key[1]} (constraints sheet)"
    if family == "tranche":
        return f"{key[0]}'s residual capacity can be retired only once"
    if family.startswith("actual_"):  # what happened (model/actuals.py)
        from model.actuals import describe

        return describe(case, family, key)
    return None  # cap_def, soc_balance, emission_def...: definitions, not limits


def describe_column(case: Case, name: str, key, which: int) -> str | None:
    key = key if isinstance(key, tuple) else (key,)
    if name == "new":
        t, y = key
        tech = case.technologies[t]
        where = _at("technologies", _row(case, "technologies", technology=t))
        if y < tech.first_year:
            return f"{t} cannot be built before {tech.first_year} ({where}, first_year)"
        return (f"at most {tech.max_build_per_year:g} {tech.capacity_unit} of {t} can be "
                f"built a year, {tech.max_build_per_year * case.n_years[y]:g} in the {y} "
                f"block ({where}, max_build_per_year)")
    if name == "cap":
        t, y = key
        unit = case.technologies[t].capacity_unit
        if which in (UPPER, BOXED) and (t, y) in case.cap_max:
            return (f"the capacity of {t} is at most {case.cap_max[(t, y)]:g} {unit} in {y} "
                    f"({_at('capacity', _row(case, 'capacity', technology=t, parameter='max'))})")
        if which in (LOWER, BOXED) and case.cap_min.get((t, y), 0.0) > 0:
            return (f"the capacity of {t} must be at least {case.cap_min[(t, y)]:g} {unit} in "
                    f"{y} ({_at('capacity', _row(case, 'capacity', technology=t, parameter='min'))})")
        return None
    if name == "buy":
        c, y = key[0], key[1]
        rate = case.price.get(MAX_IMPORT_RATE, {}).get((c, y))
        if rate is not None and which in (UPPER, BOXED):
            return (f"{c} can be imported at most at {rate:g} {case.commodities[c].unit}/h in "
                    f"{y} ({_at('prices', _row(case, 'prices', commodity=c, parameter='max_import_rate'))})")
    return None


def find_iis(h: highspy.Highs, seconds: float):
    """HiGHS' irreducible infeasible subset of the loaded LP, looked for at most ``seconds``
    (s); None when none was found in time. Runs in its own thread, like a solve, so that
    SIGINT and SIGTERM stop it (:meth:`model.highs.HighsBridge._run`)."""
    h.setOptionValue("iis_strategy", 2)  # the elastic LP: a small, usually irreducible set
    h.setOptionValue("iis_time_limit", float(seconds))
    h.HandleUserInterrupt = True
    found: list = []

    def look() -> None:
        try:
            found.append(h.getIis())
        except Exception as exc:  # noqa: BLE001 - raised again in the calling thread
            found.append(exc)

    worker = threading.Thread(target=look, daemon=True)
    with deferred(on_signal=h.cancelSolve):  # the signal is raised once HiGHS has stopped
        worker.start()
        while worker.is_alive():
            worker.join(0.05)
    if isinstance(found[0], Exception):
        raise found[0]
    status, iis = found[0]
    if status == highspy.HighsStatus.kError or not iis.valid_:
        return None
    return iis


def explain(case: Case, bridge, limit: int = 12) -> list[str]:
    """Sentences saying what cannot hold together in the loaded, infeasible LP; one sentence
    saying so when HiGHS finds no IIS within the ``explain_time_limit`` setting (s); empty
    when that setting is 0."""
    lp, h = bridge.lp, bridge.highs
    seconds = case.settings.get("explain_time_limit")
    if seconds is None:  # a case built in code, without the settings' defaults
        seconds = SETTING_BY_NAME["explain_time_limit"].default
    if seconds <= 0:
        return []
    t0 = time.perf_counter()
    iis = find_iis(h, seconds)
    if iis is None:
        took = time.perf_counter() - t0
        return [f"HiGHS found no irreducible set of conflicting rows to name in {took:.1f} s "
                f"(explain_time_limit {seconds:g} s, settings sheet)"]
    row_names = {p: (n, k) for n, b in lp.rows.items() for k, p in b.index.items()}
    col_names = {p: (n, k) for n, b in lp.columns.items() for k, p in b.index.items()}
    lines: list[str] = []
    facts: list[str] = []  # what happened (the actuals) first: it is what the case adds
    for i, which in zip(iis.row_index_, iis.row_bound_, strict=True):
        family, key = row_names[int(i)]
        text = describe_row(case, family, key, int(which))
        found = facts if family.startswith("actual_") else lines
        if text and text not in found:
            found.append(text)
    lines = facts + lines
    for j, which in zip(iis.col_index_, iis.col_bound_, strict=True):
        name, key = col_names[int(j)]
        text = describe_column(case, name, key, int(which))
        if text and text not in lines:
            lines.append(text)
    if not lines:
        return []
    out = ["these cannot hold together (an irreducible set found by HiGHS; dropping any one "
           "of them would make the case solvable):"]
    out += [f"  - {line}" for line in lines[:limit]]
    if len(lines) > limit:
        out.append(f"  - ... and {len(lines) - limit} more")
    short = shortfall(case, bridge, [int(i) for i in iis.row_index_], row_names, seconds)
    if short:
        out.append(short)
    return out


def shortfall(case: Case, bridge, rows: list[int], names: dict[int, tuple],
              seconds: float) -> str | None:
    """How much the demand and limit rows of an IIS miss: the least total slack that makes
    them hold (the LP's costs set aside), solved in at most ``seconds`` (s)."""
    lp = bridge.lp
    demand_rows = [i for i in rows if names[i][0] in ("balance_slice", "balance_annual")]
    if not demand_rows:
        return None
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(seconds))
    model = lp.highs_lp()
    model.col_cost_ = np.zeros(len(lp.cost))
    h.passModel(model)
    for i in demand_rows:  # unmet demand: a slack that adds supply to the balance
        h.addCol(1.0, 0.0, highspy.kHighsInf, 1, np.array([i], dtype=np.int32),
                 np.array([1.0]))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return None
    missing = h.getInfo().objective_function_value
    if not math.isfinite(missing) or missing <= 1e-9:
        return None
    x = np.asarray(h.getSolution().col_value)[len(lp.cost):]
    missing_by: dict[tuple[str, int], float] = {}  # slices summed: a slice's row is its year share
    for i, amount in zip(demand_rows, x, strict=True):
        key = names[i][1]
        c, y = (key if isinstance(key, tuple) else (key,))[:2]
        missing_by[(c, y)] = missing_by.get((c, y), 0.0) + float(amount)
    parts = [f"{amount:.4g} {case.commodities[c].unit} of {c} a year in {y}"
             for (c, y), amount in missing_by.items() if amount > 1e-9]
    return ("  with everything else held, the least that cannot be delivered: "
            + "; ".join(parts))
