"""What the near-optimal alternatives say, from their stored rows: ranges, shares, verdicts.

Input: the long table of the alternatives solved to optimality (``variant, output, item,
year, value, unit``; outputs ``capacity``, ``new_capacity``, ``activity`` per technology and
modelled year, :mod:`model.study.mga`), the optimum being variant 0. All tables count the
optimum as one of the alternatives (it is within any slack).

* :func:`groups_table`: each group's measure (as minimised and maximised: over its years)
  at the optimum, its minimum and maximum, the share of alternatives where it is above zero
  and a verdict: ``indispensable`` (above zero in every alternative), ``optional`` (zero in
  some) or ``never`` (zero in all);
* :func:`ranges_table`: each group's measure in each modelled year: optimum, minimum,
  maximum, and the share of alternatives that build the group in the year (new capacity
  commissioned in the year's block);
* :func:`technologies_table`: each technology built in some alternative: capacity built over
  the horizon (optimum, min, max), the share of alternatives that build it, ``indispensable``
  (built in every alternative) or ``interchangeable`` (not in all) with the technologies
  built more in the alternatives without it (what replaces it);
* :func:`plans_table`: each alternative's capacity table (with ``--plans``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from model.study.alternatives import GroupMeasure
from model.study.report import BUILT

#: Share of its own range by which a technology must be built more in the alternatives
#: without another for it to be listed as what replaces that one.
REPLACES = 0.25
MAX_SUBSTITUTES = 3
OUTPUT_OF = {"capacity": "capacity", "new_capacity": "new_capacity", "activity": "activity"}


def _pivot(ok: pd.DataFrame, output: str) -> pd.DataFrame:
    """[variant, (technology, year)] values of one output."""
    sel = ok[ok["output"] == output]
    return sel.pivot_table(index="variant", columns=["item", "year"], values="value",
                           aggfunc="first").sort_index()


def _per_year(pivot: pd.DataFrame, group: GroupMeasure, years: list[int]) -> pd.DataFrame:
    """[variant, year] the group's sum over its technologies."""
    out = pd.DataFrame(0.0, index=pivot.index, columns=years)
    for t in group.technologies:
        for y in years:
            if (t, y) in pivot.columns:
                out[y] += pivot[(t, y)].fillna(0.0)
    return out


def group_measure(pivots: dict[str, pd.DataFrame], group: GroupMeasure) -> pd.Series:
    """By variant: the group's measure over its years, as the directions optimise it."""
    per_year = _per_year(pivots[OUTPUT_OF[group.measure]], group, list(group.years))
    total = per_year.sum(axis=1)
    return total if group.summed else total / len(group.years)


def _verdict(values: pd.Series) -> str:
    if (values > BUILT).all():
        return "indispensable"
    return "optional" if (values > BUILT).any() else "never"


def groups_table(ok: pd.DataFrame, groups: list[GroupMeasure]) -> pd.DataFrame:
    pivots = {o: _pivot(ok, o) for o in set(OUTPUT_OF.values())}
    rows = []
    for g in groups:
        values = group_measure(pivots, g)
        rows.append({
            "group": g.name, "technologies": ", ".join(g.technologies),
            "measure": g.describe(), "unit": g.unit, "alternatives": len(values),
            "optimum [unit]": values.get(0), "min [unit]": values.min(),
            "max [unit]": values.max(),
            "share with it": float((values > BUILT).mean()) if len(values) else None,
            "verdict": _verdict(values)})
    return pd.DataFrame(rows, columns=["group", "technologies", "measure", "unit",
                                       "alternatives", "optimum [unit]", "min [unit]",
                                       "max [unit]", "share with it", "verdict"])


def ranges_table(ok: pd.DataFrame, groups: list[GroupMeasure], years: list[int]
                 ) -> pd.DataFrame:
    """One row per group and modelled year (groups in order, years ascending)."""
    pivots = {o: _pivot(ok, o) for o in set(OUTPUT_OF.values())}
    rows = []
    for g in groups:
        measure = _per_year(pivots[OUTPUT_OF[g.measure]], g, years)
        built = _per_year(pivots["new_capacity"], g, years)
        for y in years:
            v = measure[y]
            rows.append({"group": g.name, "year": y, "in the measure": y in g.years,
                         "unit": g.unit, "optimum [unit]": v.get(0), "min [unit]": v.min(),
                         "max [unit]": v.max(), "spread [unit]": v.max() - v.min(),
                         "share building": float((built[y] > BUILT).mean())})
    return pd.DataFrame(rows, columns=["group", "year", "in the measure", "unit",
                                       "optimum [unit]", "min [unit]", "max [unit]",
                                       "spread [unit]", "share building"])


def technologies_table(ok: pd.DataFrame, categories: dict[str, str]) -> pd.DataFrame:
    """Technologies built (new capacity) in at least one alternative.

    An interchangeable technology is *replaced by* the technologies built more in the
    alternatives without it than in those with it, by at least :data:`REPLACES` of their
    own range over the alternatives (capacity built over the horizon), the largest first."""
    new = ok[ok["output"] == "new_capacity"]
    built = new.pivot_table(index="variant", columns="item", values="value",
                            aggfunc="sum").sort_index()
    units = new.drop_duplicates("item").set_index("item")["unit"]
    columns = ["technology", "category", "capacity_unit", "built at the optimum "
               "[capacity_unit]", "built, min [capacity_unit]", "built, max [capacity_unit]",
               "share building", "verdict", "replaced by"]
    ever = [t for t in built.columns if built[t].max() > BUILT]
    if not ever:
        return pd.DataFrame(columns=columns)
    span = built.max() - built.min()
    moving = span[span > BUILT].index
    rows = []
    for t in ever:
        has = built[t] > BUILT
        share = float(has.mean())
        verdict = "indispensable" if has.all() else "interchangeable"
        replaced = ""
        if verdict == "interchangeable":
            more = ((built.loc[~has, moving].mean() - built.loc[has, moving].mean())
                    / span[moving]).drop(t, errors="ignore")
            more = more[more >= REPLACES].sort_values(ascending=False, kind="stable")
            replaced = ", ".join(f"{u} (+{m:.0%} of its range)" for u, m in
                                 more.head(MAX_SUBSTITUTES).items())
        rows.append([t, categories.get(t, ""), units[t], built[t].get(0), built[t].min(),
                     built[t].max(), share, verdict, replaced])
    out = pd.DataFrame(rows, columns=columns)
    out["order"] = out["verdict"].map({"indispensable": 0, "interchangeable": 1})
    out = out.sort_values(["order", "share building", "technology"],
                          ascending=[True, False, True], kind="stable")
    return out.drop(columns="order").reset_index(drop=True)


def alternatives_table(variants: pd.DataFrame, ok: pd.DataFrame,
                       groups: list[GroupMeasure], money: str) -> pd.DataFrame:
    """One row per alternative: direction, status, cost against the optimum, and each
    group's measure."""
    npv = ok[ok["output"] == "npv"].set_index("variant")["value"]
    optimum = npv.get(0)
    pivots = {o: _pivot(ok, o) for o in set(OUTPUT_OF.values())}
    out = variants[["variant", "kind", "label", "status"]].copy()
    out[f"net present cost [{money}]"] = out["variant"].map(npv)
    above = (out[f"net present cost [{money}]"] - optimum) / abs(optimum) \
        if optimum else np.nan
    out["above the optimum"] = above
    for g in groups:
        out[f"{g.name} [{g.unit}]"] = out["variant"].map(group_measure(pivots, g))
    out["seconds"] = variants["seconds"]
    out["warm"] = variants["warm"]
    out["message"] = variants["message"]
    return out


def plans_table(variants: pd.DataFrame, ok: pd.DataFrame, categories: dict[str, str]
                ) -> pd.DataFrame:
    """Each alternative's plan: capacity, new, residual, retired early and activity by
    technology and modelled year."""
    keys = ["variant", "item", "year"]
    wide = ok[ok["output"].isin(["capacity", "new_capacity", "residual", "retired_early",
                                 "activity"])].pivot_table(index=keys, columns="output",
                                                           values="value", aggfunc="first")
    wide = wide.reset_index()
    units = ok[ok["output"] == "capacity"].drop_duplicates("item").set_index("item")["unit"]
    act_units = ok[ok["output"] == "activity"].drop_duplicates("item").set_index("item")[
        "unit"]
    labels = variants.set_index("variant")["label"]
    out = pd.DataFrame({
        "alternative": wide["variant"], "direction": wide["variant"].map(labels),
        "technology": wide["item"], "category": wide["item"].map(categories),
        "year": wide["year"].astype(int)})
    for column, output in (("capacity [capacity_unit]", "capacity"),
                           ("new [capacity_unit]", "new_capacity"),
                           ("residual [capacity_unit]", "residual"),
                           ("retired early [capacity_unit]", "retired_early"),
                           ("activity [activity_unit]", "activity")):
        out[column] = wide[output] if output in wide.columns else np.nan
    out["capacity_unit"] = wide["item"].map(units)
    out["activity_unit"] = wide["item"].map(act_units)
    return out.sort_values(["alternative", "technology", "year"], kind="stable").reset_index(
        drop=True)
