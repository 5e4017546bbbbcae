"""Charts, declared once and drawn twice: natively in the workbook (xlsxwriter charts whose
series point at the 'chart data' sheet) and as inline SVG in report.html (matplotlib).

A chart declaration (:class:`Chart`) names a result table, the column of its categories (the
x axis) and its series: columns of the table (a family such as the cost categories of
``cash_flows`` gives one series per column), or a long table pivoted by a column (capacity by
technology). ``split`` draws one chart per value of a column (capacity in MW, capacity in
Mt/yr: quantities of different units are never stacked). :func:`chart_data` turns a
declaration and the tables into :class:`ChartData`: the categories and one list of numbers per
series, which both renderers draw. Axis titles carry the values' unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from model.outputs.schema import TABLES, Table, bind, fill

ChartKind = Literal["line", "column", "stacked", "bar"]
SeriesKind = Literal["column", "line", "markers"]

#: Colours of the series, in order (matplotlib's tab10 then tab20's light tones), shared by
#: both renderers so the workbook and the report look alike.
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
           "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896",
           "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7", "#dbdb8d", "#9edae5")


@dataclass(frozen=True)
class Series:
    """A series from a column of the table (every column of a family key such as
    ``{category}``); ``kind`` overrides the chart's (a line over columns, target markers)."""

    column: str
    kind: SeriesKind | None = None
    secondary: bool = False  #: on a second y axis (titled by the chart's ``y2_title``)


@dataclass(frozen=True)
class Pivot:
    """A long table drawn as one series per value of ``columns``: ``values`` summed by
    (``index``, ``columns``). Series that are zero throughout are left out; with ``top``
    the largest ``top`` series are kept and the others summed as 'other'."""

    columns: str
    values: str
    top: int | None = None


@dataclass(frozen=True)
class Chart:
    """One chart. Titles may use ``{unit}`` (the values' unit), ``{split}`` (the value of the
    split column) and the header fields of the table (``{money}``)."""

    name: str
    title: str
    kind: ChartKind
    table: str
    categories: str  #: column key of the x axis (or of the bars' labels)
    series: tuple[Series, ...] = ()
    pivot: Pivot | None = None
    y_title: str = "{unit}"
    x_title: str = ""
    y2_title: str = ""
    split: str | None = None
    #: a table whose column ``categories`` lists every category (e.g. every modelled year,
    #: also those without investment); missing ones are drawn as 0
    categories_from: str | None = None
    #: a function of the tables giving the chart's own table (columns: categories, series)
    derive: Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame] | None = None
    description: str = ""


@dataclass
class SeriesData:
    name: str
    values: list[float | None]
    kind: SeriesKind
    secondary: bool = False
    colour: str = PALETTE[0]


@dataclass
class ChartData:
    """What a renderer draws: categories and series, titles with their units filled."""

    name: str
    title: str
    kind: ChartKind
    category_title: str
    categories: list
    series: list[SeriesData]
    y_title: str
    x_title: str = ""
    y2_title: str = ""
    value_kind: str = "number"  #: number format of the values (chart data sheet, labels)
    value_kind2: str = "number"
    description: str = ""

    @property
    def empty(self) -> bool:
        return not self.categories or not any(
            v is not None and v != 0 for s in self.series for v in s.values)

    def frame(self) -> pd.DataFrame:
        """Categories and series as a table (the block of the 'chart data' sheet)."""
        data = {self.category_title: self.categories}
        for s in self.series:
            data[s.name] = s.values
        return pd.DataFrame(data)


# --------------------------------------------------------------------------------------
# reading a table by its declared keys
# --------------------------------------------------------------------------------------


def headers_of(table: Table, frame: pd.DataFrame, key: str) -> list[tuple[str, dict]]:
    """The headers of ``frame`` bound to the declared column ``key`` with their fields (one
    for a plain column, one per member of a family)."""
    return [(b.header, b.fields) for b in bind(table, [str(c) for c in frame.columns])
            if b.column is not None and b.column.key == key]


def column(frame: pd.DataFrame, table: str, key: str) -> pd.Series:
    """The column of declared ``key`` of a result table."""
    found = headers_of(TABLES[table], frame, key)
    if not found:
        raise KeyError(f"table {table!r} has no column {key!r}")
    return frame[found[0][0]]


def _unit(table: Table, frame: pd.DataFrame, key: str, split_value: str | None = None,
          split: str | None = None) -> tuple[str, str]:
    """(unit, kind) of the values of declared column ``key``."""
    declared = table.column(key)
    found = headers_of(table, frame, key)
    fields = dict(found[0][1]) if found else {}
    for f in (f for f in table.text_columns if "{" + f + "}" in declared.unit):
        if split == f and split_value is not None:
            fields[f] = split_value
        elif f in frame.columns:
            units = frame[f].dropna().unique().tolist()
            fields[f] = str(units[0]) if len(units) == 1 else "unit"
    return fill(declared.unit, fields), declared.kind


def _numbers(values) -> list[float | None]:
    out: list[float | None] = []
    for v in values:
        if v is None or (isinstance(v, float) and not math.isfinite(v)) or pd.isna(v):
            out.append(None)
        else:
            out.append(float(v))
    return out


# --------------------------------------------------------------------------------------
# from declarations to data
# --------------------------------------------------------------------------------------


def chart_data(chart: Chart, tables: Mapping[str, pd.DataFrame]) -> list[ChartData]:
    """The chart's data from the tables: one :class:`ChartData` per value of its split
    column (one without a split); none when its table is missing or empty."""
    if chart.derive is not None:
        frame = chart.derive(tables)
        if frame is None or frame.empty:
            return []
        return [_from_wide(chart, frame)]
    frame = tables.get(chart.table)
    if frame is None or frame.empty:
        return []
    table = TABLES[chart.table]
    if chart.split is None:
        parts = [(None, frame)]
    else:
        split = column(frame, chart.table, chart.split)
        parts = [(str(v), frame[split == v]) for v in split.dropna().unique().tolist()]
    every = None
    source = tables.get(chart.categories_from) if chart.categories_from else None
    if source is not None and not source.empty:
        every = column(source, chart.categories_from, chart.categories).unique().tolist()
    out = []
    for value, part in parts:
        data = _one(chart, table, part, value, every)
        if not data.empty:
            out.append(data)
    return out


def _titles(chart: Chart, fields: dict[str, str]) -> tuple[str, str, str, str]:
    return (fill(chart.title, fields), fill(chart.y_title, fields),
            fill(chart.x_title, fields), fill(chart.y2_title, fields))


def _one(chart: Chart, table: Table, frame: pd.DataFrame, split_value: str | None,
         all_categories: list | None = None) -> ChartData:
    name = chart.name if split_value is None else f"{chart.name}: {split_value}"
    categories_column = column(frame, chart.table, chart.categories)
    series: list[SeriesData] = []
    if chart.pivot is not None:
        p = chart.pivot
        unit, kind = _unit(table, frame, p.values, split_value, chart.split)
        long = pd.DataFrame({"c": categories_column.to_numpy(),
                             "s": column(frame, chart.table, p.columns).astype(str).to_numpy(),
                             "v": column(frame, chart.table, p.values).to_numpy(dtype=float)})
        wide = long.pivot_table(index="c", columns="s", values="v", aggfunc="sum", sort=True)
        if chart.kind != "line":  # a line leaves a gap where a series has no value
            wide = wide.fillna(0.0)
        wide = wide.loc[:, (wide.abs() > 1e-9).any(axis=0)]
        if p.top is not None and wide.shape[1] > p.top:
            order = wide.abs().sum().sort_values(ascending=False).index
            kept, rest = list(order[:p.top]), list(order[p.top:])
            wide = wide[kept].assign(**{f"other ({len(rest)})": wide[rest].sum(axis=1)})
        if all_categories is not None:
            wide = wide.reindex(sorted(set(all_categories) | set(wide.index)),
                                fill_value=0.0 if chart.kind != "line" else None)
        categories = wide.index.tolist()
        for j, s in enumerate(wide.columns):
            series.append(SeriesData(str(s), _numbers(wide[s].tolist()),
                                     _series_kind(chart, None), colour=PALETTE[j % 20]))
        kind2 = "number"
        unit2 = ""
    else:
        categories = categories_column.tolist()
        unit, kind, unit2, kind2 = "", "number", "", "number"
        for s in chart.series:
            for header, fields in headers_of(table, frame, s.column):
                u, k = _unit(table, frame, s.column, split_value, chart.split)
                if s.secondary:
                    unit2, kind2 = u, k
                elif not unit:
                    unit, kind = u, k
                label = fill(table.column(s.column).key, fields)
                series.append(SeriesData(label, _numbers(frame[header].tolist()),
                                         _series_kind(chart, s), s.secondary,
                                         PALETTE[len(series) % 20]))
    fields = {"unit": unit, "unit2": unit2, "split": split_value or ""}
    for b in bind(table, [str(c) for c in frame.columns]):
        fields.update({k: v for k, v in b.fields.items() if k not in fields})
    title, y_title, x_title, y2_title = _titles(chart, fields)
    return ChartData(name, title, chart.kind, table.column(chart.categories).key,
                     categories, series, y_title, x_title, y2_title, kind, kind2,
                     chart.description)


def _series_kind(chart: Chart, s: Series | None) -> SeriesKind:
    if s is not None and s.kind is not None:
        return s.kind
    return "line" if chart.kind == "line" else "column"


def _from_wide(chart: Chart, frame: pd.DataFrame) -> ChartData:
    """A derived table: first column the categories; the others series, named by header;
    attrs 'unit', 'kind' and 'markers' (series drawn as markers) set by the function."""
    markers = set(frame.attrs.get("markers", ()))
    series = [SeriesData(str(c), _numbers(frame[c].tolist()),
                         "markers" if c in markers else _series_kind(chart, None),
                         colour=PALETTE[j % 20])
              for j, c in enumerate(frame.columns[1:])]
    fields = {"unit": frame.attrs.get("unit", ""), "split": ""}
    title, y_title, x_title, y2_title = _titles(chart, fields)
    return ChartData(chart.name, title, chart.kind, str(frame.columns[0]),
                     frame.iloc[:, 0].tolist(), series, y_title, x_title, y2_title,
                     frame.attrs.get("kind", "number"), description=chart.description)


# --------------------------------------------------------------------------------------
# derived chart tables
# --------------------------------------------------------------------------------------


def emissions_against_targets(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
    """Emissions by scope and modelled year, with each annual target's cap at its year
    (markers): the scope-1 line always, the scope-1+2 line when some target or emission
    counts scope 2. Budgets (caps on a sum of years) are not drawn."""
    socio, targets = tables.get("socioeconomic"), tables.get("targets")
    if socio is None or socio.empty:
        return None
    years = column(socio, "socioeconomic", "year").tolist()
    s1 = column(socio, "socioeconomic", "scope-1 emissions").tolist()
    s12 = column(socio, "socioeconomic", "scope-1+2 emissions").tolist()
    s2 = column(socio, "socioeconomic", "scope-2 emissions").tolist()
    data: dict[str, list] = {"year": years, "scope 1": s1}
    rows = []
    if targets is not None and not targets.empty:
        caps = headers_of(TABLES["targets"], targets, "cap")
        cap = targets[caps[0][0]].tolist() if caps else [math.nan] * len(targets)
        rows = [(label, scope, year, c) for label, scope, year, kind, c in zip(
            column(targets, "targets", "target").tolist(),
            column(targets, "targets", "scope").tolist(),
            column(targets, "targets", "year").tolist(),
            column(targets, "targets", "kind").tolist(), cap, strict=True)
            if kind != "budget" and c == c]
    if any(scope == "scope12" for _l, scope, _y, _c in rows) or any(abs(x) > 1e-9 for x in s2):
        data["scope 1+2"] = s12
    markers = []
    for label, _scope, year, cap in rows:
        name = f"target {label}"
        data[name] = [cap if y == year else None for y in years]
        markers.append(name)
    frame = pd.DataFrame(data)
    frame.attrs.update(unit="Mt CO2e/yr", kind="mass", markers=markers)
    return frame


def plans_emissions(prefix: str) -> Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame | None]:
    """Scope-1 emissions of two plans by modelled year (table ``prefix_years``), with each
    annual target's cap in its year (markers, from ``prefix_targets``)."""
    def derive(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
        years = tables.get(f"{prefix}_years")
        if years is None or years.empty:
            return None
        first, second = [str(c) for c in years.columns[3:5]]
        rows = years[years["item"] == "scope-1 emissions"]
        data: dict[str, list] = {"year": rows["year"].tolist(), first: rows[first].tolist(),
                                 second: rows[second].tolist()}
        markers = []
        targets = tables.get(f"{prefix}_targets")
        if targets is not None and not targets.empty:
            for label, kind, year, cap in zip(targets["target"], targets["kind"],
                                              targets["year"], targets["cap [Mt CO2e (/yr)]"],
                                              strict=True):
                if kind != "budget":
                    data[f"target {label}"] = [cap if y == year else None for y in data["year"]]
                    markers.append(f"target {label}")
        frame = pd.DataFrame(data)
        frame.attrs.update(unit="Mt CO2e/yr", kind="mass", markers=markers)
        return frame
    return derive


def plans_cost_change(prefix: str) -> Callable[[Mapping[str, pd.DataFrame]], pd.DataFrame | None]:
    """The change of each block's costs (present value) between two plans and its
    cumulation, which ends at the change of the net present cost."""
    def derive(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame | None:
        years = tables.get(f"{prefix}_years")
        if years is None or years.empty:
            return None
        block = years[years["item"] == "costs, present value"]
        cumulated = years[years["item"] == "costs, present value, cumulated"]
        frame = pd.DataFrame({"year": block["year"].tolist(),
                              "change of the block's costs": block["change"].tolist(),
                              "cumulated change": cumulated["change"].tolist()})
        unit = str(block["unit"].iloc[0]) if len(block) else ""
        frame.attrs.update(unit=unit, kind="money")
        return frame
    return derive


def plan_charts(prefix: str, first: str, second: str, what: str) -> tuple[Chart, ...]:
    """The charts of two plans side by side (tables of
    :func:`model.outputs.schema.plan_comparison`)."""
    return (
        Chart(f"{prefix}_emissions", f"Scope-1 emissions: {first} and {second}", "line",
              f"{prefix}_years", "year", derive=plans_emissions(prefix), y_title="Mt CO2e/yr",
              description=f"Scope-1 emissions by modelled year in the {first} and the "
                          f"{second}; markers: each annual target's cap in its year."),
        Chart(f"{prefix}_cost_change", f"Cost change, present value ({second} minus "
              f"{first})", "column", f"{prefix}_years", "year",
              derive=plans_cost_change(prefix), y_title="{unit}",
              description=f"The change of each block's costs as present value and its "
                          f"cumulation, which ends at {what}."),
        Chart(f"{prefix}_new_capacity", f"Change of new capacity in {{split}} ({second} "
              f"minus {first})", "stacked", f"{prefix}_capacity", "year",
              pivot=Pivot("technology", "new, change", top=12), split="capacity_unit",
              y_title="{split}", description="Capacity commissioned in each block: the "
                                             f"{second} minus the {first}, by technology."),
    )


# --------------------------------------------------------------------------------------
# the charts of a run and of a portfolio
# --------------------------------------------------------------------------------------

RESULT_CHARTS: tuple[Chart, ...] = (
    Chart("emissions_targets", "Emissions against the targets", "line", "socioeconomic",
          "year", derive=emissions_against_targets, y_title="Mt CO2e/yr",
          description="Emissions by scope and modelled year; markers: each annual target's "
                      "cap in its year."),
    Chart("emissions_by_plant", "Emissions by plant (scope 1 by plant, scope 2 as "
          "'purchases')", "stacked", "emissions", "year",
          pivot=Pivot("plant", "emissions", top=12), y_title="{unit}",
          description="Emissions by plant and modelled year; removals below zero."),
    Chart("capacity_mix", "Installed capacity in {split}", "stacked", "capacity", "year",
          pivot=Pivot("technology", "capacity", top=12), split="capacity_unit",
          y_title="{split}", description="Capacity in service by technology, one chart per "
                                         "capacity unit."),
    Chart("capex_by_year", "Overnight investment by commissioning year [{money}]", "stacked",
          "investment", "year", pivot=Pivot("technology", "overnight investment", top=12),
          categories_from="capacity",
          y_title="{unit}", description="Overnight (undiscounted) investment by technology "
                                        "in each modelled year."),
    Chart("cost_by_category", "Annual cost by category, money of the year [{money}]",
          "stacked", "cash_flows", "year", series=(Series("{category}"),), y_title="{unit}",
          description="Cash flows by calendar year and category (capex per the capex "
                      "method); negative: revenue."),
    Chart("mac_by_target", "Marginal abatement cost by target [{money}/Mt CO2e]", "column",
          "targets", "target", series=(Series("marginal abatement cost"),),
          y_title="{unit} (= per t when money is in millions)",
          description="The cost of the last tonne abated in each target's year."),
    Chart("mac_curve", "Marginal abatement cost curve [{money}/Mt CO2e]", "line", "mac_curve",
          "abatement, cumulative", series=(Series("marginal abatement cost"),
                                           Series("average cost of the step", kind="markers")),
          y_title="{unit} (= per t when money is in millions)",
          x_title="abatement in the target year [Mt CO2e/yr]",
          description="The cost of the last tonne as the target year's cap is lowered from "
                      "the run without targets to the target (markers: the average cost of "
                      "each step)."),
    Chart("who_pays", "Who pays: present value by member [{money}]", "stacked", "members",
          "member", series=(Series("own costs"), Series("share of shared infrastructure")),
          y_title="{unit}", description="Each member's own costs and its share of the "
                                        "shared infrastructure (present values)."),
    Chart("cash_flow_profile", "Cash-flow profile [{money}]", "column", "cash_flows", "year",
          series=(Series("total"), Series("total present value"),
                  Series("cumulative present value", kind="line", secondary=True)),
          y_title="{unit} per year", y2_title="cumulative present value [{unit2}]",
          description="Total cost per calendar year in money of the year and as present "
                      "value; line: cumulated present value (ends at the net present cost)."),
    *plan_charts("replan", "original plan", "re-plan",
                 "the extra net present cost of what happened"),
    *plan_charts("myopia", "perfect foresight", "myopic", "the cost of myopia"),
)

PORTFOLIO_CHARTS: tuple[Chart, ...] = (
    Chart("cluster_pathways", "Each cluster's pathway: scope-1+2 emissions", "line",
          "clusters", "year", pivot=Pivot("cluster", "scope-1+2 emissions"),
          y_title="{unit}", description="Emissions of each cluster at its modelled years."),
    Chart("initiative_emissions", "The initiative's total emissions", "line", "totals",
          "year", series=(Series("scope-1 emissions"), Series("scope-1+2 emissions"),
                          Series("abatement vs base")), y_title="{unit}",
          description="Sum over clusters by calendar year; a year outside some cluster's "
                      "horizon counts fewer clusters (see 'clusters counted' in the totals)."),
    Chart("cluster_investment", "Cumulative investment by cluster [{money}]", "line",
          "clusters", "year", pivot=Pivot("cluster", "cumulative investment"),
          y_title="{unit}", description="Cumulative overnight investment of each cluster at "
                                        "its modelled years."),
)


def all_chart_data(charts: tuple[Chart, ...], tables: Mapping[str, pd.DataFrame]
                   ) -> list[ChartData]:
    return [d for chart in charts for d in chart_data(chart, tables)]
