"""Result tables of the cost maths: every cash flow by calendar year, the cash-flow table and
levelised costs.

Each cash flow is one declared cost term at the solution (:meth:`Solution.costs`): its present
value is the term's share of the objective (the cost vector times the column values), its
money of the year the term's undiscounted amount. Operating flows fall at the end of each
calendar year of their modelled year's block; capex follows the capex method's schedule
(:func:`model.maths.costs.capex_cash_flows`). So the present values sum to the objective.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from model.case import Case
from model.maths import costs as cost_maths
from model.results.flows import BALANCES
from model.results.reading import EPS, frame, group_sums, summed
from model.results.units import price_display
from model.schema import CARBON_PRICE
from model.solution import Solution

#: The item a cost category is reported by (a symbol of its variable's index).
ITEM = {"capex": "t", "fixed_om": "t", "variable_om": "t", "fuel": "c", "carbon": "c",
        "sales": "c", "storage_credit": "t", "target_penalty": "k"}


def _block_of(case: Case, k: int) -> int:
    """The modelled year whose block holds calendar year ``k``."""
    return max(y for y in case.years if y <= k)


def cost_items(case: Case, sol: Solution) -> pd.DataFrame:
    """Each nonzero cost term at the solution: category, item, modelled year, vintage (capex),
    money of the year (per year for operating flows) and present value."""
    parts = []
    for cv in sol.costs():
        keep = np.abs(cv.pv) >= EPS if cv.timing != "capex" else sol.x[cv.cols] >= EPS
        if not keep.any():
            continue
        index = sol.col_frame(cv.var, cv.cols[keep])
        part = pd.DataFrame({
            "category": cv.category,
            "item": index[ITEM[cv.category]].astype(str).to_numpy(),
            "year": index["y"].astype(int).to_numpy() if "y" in index
            else index["v"].astype(int).to_numpy() if "v" in index else 0,
            "quantity": sol.x[cv.cols[keep]],
            "money": cv.money[keep],
            "pv": cv.pv[keep],
            "timing": cv.timing,
        })
        parts.append(part)
    if not parts:
        return pd.DataFrame(columns=["category", "item", "year", "quantity", "money", "pv",
                                     "timing"])
    items = pd.concat(parts, ignore_index=True)
    return items.groupby(["category", "item", "year", "timing"], sort=False,
                         as_index=False)[["quantity", "money", "pv"]].sum()


def costs_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Cash flows by calendar year, category and item: money of the year and present value
    (module docstring). The present values sum to the objective."""
    money = case.money
    d_end = {k: cost_maths.discount_end(case, k)
             for k in range(case.base_year, case.end_year + 1)}
    targets = {tg.label: tg for tg in case.targets}
    headers = ["year", "modelled year", "category", "item", f"cash flow [{money}]",
               f"present value [{money}]"]
    columns: list[list] = [[] for _ in headers]
    year, modelled, category, item, cash, present = columns

    def add(k: int, what: str, name: str, amount: float, pv: float) -> None:
        year.append(k)
        modelled.append(_block_of(case, k))
        category.append(what)
        item.append(name)
        cash.append(amount)
        present.append(pv)

    items = cost_items(case, sol)
    for r in items.itertuples(index=False):
        if r.timing == "capex":
            for k, what, amount, pv in cost_maths.capex_cash_flows(case, r.item, r.year):
                add(k, what, r.item, amount * r.quantity, pv * r.quantity)
        elif r.timing == "penalty" and targets[r.item].kind == "budget":
            k = targets[r.item].year
            add(k, r.category, r.item, r.money, r.money * d_end[k])
        else:
            y = targets[r.item].year if r.timing == "penalty" else r.year
            for k in case.block_years(y):
                add(k, r.category, r.item, r.money, r.money * d_end[k])
    table = frame(dict(zip(headers, columns, strict=True)), headers_when_empty=True)
    if table.empty:
        return table
    return table.sort_values(["modelled year", "year"], kind="stable", ignore_index=True)


def cash_flows_table(costs: pd.DataFrame, money: str) -> pd.DataFrame:
    """Calendar year x category table of the cost table's money of the year (categories in
    alphabetical order, 0 where a year has none), with the year's total, its present value
    and the cumulated present value."""
    if costs.empty:
        return pd.DataFrame()
    year = costs["year"].tolist()
    category = costs["category"].tolist()
    by_year_category = group_sums(zip(year, category, strict=True),
                                  costs[f"cash flow [{money}]"].tolist())
    present = group_sums(year, costs[f"present value [{money}]"].tolist())
    years = list(present)
    columns: dict[str, list] = {"year": years}
    for c in sorted(set(category)):
        columns[f"{c} [{money}]"] = [by_year_category.get((y, c), 0.0) for y in years]
    columns[f"total [{money}]"] = [sum(row) for row in zip(*list(columns.values())[1:],
                                                            strict=True)]
    columns[f"total present value [{money}]"] = list(present.values())
    columns[f"cumulative present value [{money}]"] = list(itertools.accumulate(
        present.values()))
    return pd.DataFrame(columns)


def levelised_table(case: Case, sol: Solution) -> pd.DataFrame:
    """Levelised cost of each technology's main product over the horizon (money/unit).

    ``LC_t = (capex + fixed O&M + variable O&M + inputs + carbon - by-products - storage
    credits) / output``, all present values: capex, O&M, carbon and credits are the
    technology's cost terms of the objective (carbon: its emission terms of ``emission_def``
    at the carbon price's weight); inputs and by-products are its terms of the balance rows
    valued at those rows' duals (marginal prices in present value, so an internal input such
    as electricity from the cluster's own wind carries its system cost); the main product
    (the technology's first non-emission output in the flows sheet) is discounted like a
    cash flow (``sum_y W_y * output_y``). Residual capacity carries no capex (sunk).
    Technologies that produce nothing are left out. The "own cost" column leaves inputs and
    by-products out.
    """
    ix = sol.ix
    money = case.money
    outputs_of: dict[str, list[str]] = {}
    for (t, c) in case.ratio_out:
        outputs_of.setdefault(t, []).append(c)
    main_of = {t: outputs[0] for t in ix.active
               if (outputs := [c for c in outputs_of.get(t, ())
                               if case.commodities[c].kind != "emission"])}
    weight = {y: cost_maths.op_weight(case, y) for y in case.years}

    by_category: dict[str, dict[str, float]] = {}
    for cv in sol.costs():
        t_of = sol.col_codes(cv.var, cv.cols).get("t")
        if t_of is None:
            continue
        codes, labels = t_of
        by_t = np.bincount(codes, weights=cv.pv, minlength=len(labels))
        target = by_category.setdefault(cv.category, {})
        for i in np.unique(codes).tolist():
            t = str(labels[i])
            target[t] = target.get(t, 0.0) + float(by_t[i])

    produced = summed(sol, BALANCES, "produced", ["x.t", "c", "y"])
    output = {t: sum(weight[y] * q for (tt, c, y), q in produced.items()
                     if tt == t and c == main_of[t]) for t in main_of}
    valued: dict[str, dict[str, float]] = {"inputs": {}, "by-products": {}}
    for label, sign, what in (("consumed", -1.0, "inputs"), ("produced", 1.0, "by-products")):
        for (t, c), worth in summed(sol, BALANCES, label, ["x.t", "c"], sign,
                                    priced=True).items():
            if what == "by-products" and c == main_of.get(t):
                continue
            valued[what][t] = valued[what].get(t, 0.0) + worth
    carbon_price = case.price.get(CARBON_PRICE, {})
    carbon: dict[str, float] = {}
    for label, sign in (("emitted", 1.0), ("removed", 1.0)):
        for (t, c, y), q in summed(sol, ["emission_def"], label, ["x.t", "c", "y"],
                                   sign=sign).items():
            carbon[t] = carbon.get(t, 0.0) + weight[y] * carbon_price.get((c, y), 0.0) * q

    rows = []
    for t in ix.active:
        if t not in main_of or output[t] <= EPS:
            continue
        main = main_of[t]
        parts = {"capex": by_category.get("capex", {}).get(t, 0.0),
                 "fixed O&M": by_category.get("fixed_om", {}).get(t, 0.0),
                 "variable O&M": by_category.get("variable_om", {}).get(t, 0.0),
                 "inputs": valued["inputs"].get(t, 0.0),
                 "carbon": carbon.get(t, 0.0),
                 "by-products": -valued["by-products"].get(t, 0.0),
                 "storage credits": by_category.get("storage_credit", {}).get(t, 0.0)}
        tech = case.technologies[t]
        out = output[t]
        unit = case.commodities[main].unit
        display = price_display(case, main, unit)
        levelised = sum(parts.values()) / out
        own_cost = (parts["capex"] + parts["fixed O&M"] + parts["variable O&M"]
                    + parts["carbon"]) / out
        disposal = parts["inputs"] < 0 and levelised < 0
        rows.append({
            "technology": t, "category": tech.category, "plant": tech.plant,
            "main product": main, "unit": unit,
            "discounted output [unit]": out,
            **{f"{k} [{money}/unit]": x / out for k, x in parts.items()},
            f"levelised cost [{money}/unit]": levelised,
            f"own cost, without inputs and by-products [{money}/unit]": own_cost,
            "display unit": display.unit,
            "levelised cost [display unit]": levelised * display.factor,
            "own cost [display unit]": own_cost * display.factor,
            "how to read it": (
                "a disposal service: its input is paid to be taken away (negative marginal "
                "price), so read the own cost per unit handled" if disposal else
                "inputs and by-products at marginal prices (balance duals), capex and O&M as "
                "the objective counts them"),
        })
    return pd.DataFrame(rows)
