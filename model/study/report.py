"""``study.xlsx``: the summary workbook of a study, with native Excel charts (xlsxwriter).

Sheets: ``about``; ``variants`` (every variant with its values, status and message);
``tornado`` (each one-at-a-time parameter's swing of each scalar output, sorted by swing,
with a bar chart); ``grid`` (pivots of the net present cost over each grid); ``monte_carlo``
(P5, P50, P95, mean, min, max of every output by item and year, a histogram of the net
present cost and the P5-P95 band of emissions); ``no_regret`` (for each technology and year,
the share of variants that build it and the range of what they build).

Statistics use the variants solved to optimality (with every target met); the others are
listed in ``variants`` with their status and message.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import xlsxwriter

from model.atomic import replacing
from model.study.definition import StudyDefinition

#: Built capacity below this (capacity unit) counts as not built.
BUILT = 1e-6
#: Share of variants from which an investment is called robust (no-regret).
ROBUST = 0.9


class Sheet:
    """A worksheet written top to bottom, with a few formats."""

    def __init__(self, book: xlsxwriter.Workbook, name: str, formats: dict):
        self.ws = book.add_worksheet(name)
        self.f = formats
        self.row = 0
        self.widths: dict[int, int] = {}

    def title(self, text: str) -> None:
        self.ws.write_string(self.row, 0, text, self.f["title"])
        self.row += 1

    def line(self, *cells: object) -> None:
        for j, value in enumerate(cells):
            self.cell(self.row, j, value)
        self.row += 1

    def cell(self, r: int, c: int, value: object, fmt=None) -> None:
        if value is None or (isinstance(value, float) and not math.isfinite(value)) or \
                value is pd.NA or (isinstance(value, float) and np.isnan(value)):
            self.ws.write_blank(r, c, None, fmt)
        elif isinstance(value, bool | np.bool_):
            self.ws.write_boolean(r, c, bool(value), fmt)
        elif isinstance(value, int | np.integer):
            self.ws.write_number(r, c, int(value), fmt)
        elif isinstance(value, float | np.floating):
            self.ws.write_number(r, c, float(value), fmt or self.f["number"])
            self.widths[c] = max(self.widths.get(c, 8), 12)
        else:
            text = str(value)
            self.ws.write_string(r, c, text, fmt)  # never a formula
            self.widths[c] = max(self.widths.get(c, 8), min(len(text) + 2, 60))

    def table(self, frame: pd.DataFrame) -> tuple[int, int]:
        """Write a frame with a bold header; returns (first data row, last data row)."""
        for j, header in enumerate(frame.columns):
            self.ws.write_string(self.row, j, str(header), self.f["header"])
            self.widths[j] = max(self.widths.get(j, 8), min(len(str(header)) + 2, 40))
        first = self.row + 1
        for i, values in enumerate(frame.itertuples(index=False)):
            for j, value in enumerate(values):
                self.cell(first + i, j, value)
        self.row = first + len(frame) + 1
        return first, first + len(frame) - 1

    def finish(self) -> None:
        for c, w in self.widths.items():
            self.ws.set_column(c, c, w)
        self.ws.freeze_panes(1, 0)
        self.ws.set_landscape()
        self.ws.fit_to_pages(1, 0)  # printable: one page wide
        self.ws.set_paper(9)  # A4


def write_study_workbook(path: Path, definition: StudyDefinition, variants: pd.DataFrame,
                         table: pd.DataFrame) -> Path:
    """Write ``study.xlsx`` (atomically: a temporary file renamed into place)."""
    with replacing(path) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False,
                                         "strings_to_urls": False})
        formats = {"title": book.add_format({"bold": True, "font_size": 13}),
                   "header": book.add_format({"bold": True, "bg_color": "#DDEBF7",
                                              "border": 1, "text_wrap": True}),
                   "number": book.add_format({"num_format": "#,##0.000"})}
        solved = set(variants.loc[variants["status"] == "optimal", "variant"])
        ok = table[table["variant"].isin(solved)]
        _about(book, formats, definition, variants)
        _variants(book, formats, variants)
        if (variants["kind"] == "tornado").any():
            _tornado(book, formats, variants, ok)
        if (variants["kind"] == "grid").any():
            _grid(book, formats, definition, variants, ok)
        if (variants["kind"] == "mc").any():
            _monte_carlo(book, formats, variants, ok)
        _no_regret(book, formats, ok, len(solved))
        book.close()
    return path


def _about(book, f, definition: StudyDefinition, variants: pd.DataFrame) -> None:
    s = Sheet(book, "about", f)
    s.title(f"Study {definition.name}")
    s.line("description", definition.description)
    s.line("study workbook", str(definition.path))
    s.line("base", str(definition.base))
    s.line("seed", definition.seed)
    s.line("Monte Carlo samples", definition.samples)
    s.line("variants", len(variants))
    for status, n in variants["status"].value_counts().items():
        s.line(f"  {status}", int(n))
    s.row += 1
    s.line("sheet", "what it holds")
    for sheet, text in (
            ("variants", "Every variant: its kind, the parameter values it sets (blank: as "
             "in the base), status and message."),
            ("tornado", "One parameter at a time: each scalar output at the parameter's low "
             "and high value against the base, sorted by swing, with a bar chart."),
            ("grid", "Net present cost over each grid (full factorial of a group)."),
            ("monte_carlo", "P5, P50 and P95 of every output by item and year over the "
             "samples, a histogram of the net present cost and the emissions band."),
            ("no_regret", "For each technology and year: the share of variants that build "
             "it and the range of capacity built and installed; robust when built in at "
             f"least {ROBUST:.0%} of variants."),
            ("note", "Statistics count the variants solved to optimality with every target "
             "met; the others are in 'variants'.")):
        s.line(sheet, text)
    s.widths[1] = 100
    s.finish()


def _variants(book, f, variants: pd.DataFrame) -> None:
    s = Sheet(book, "variants", f)
    s.table(variants)
    s.ws.autofilter(0, 0, len(variants), len(variants.columns) - 1)
    s.finish()


def _scalars(ok: pd.DataFrame) -> list[tuple[str, str, object]]:
    """The scalar outputs of a study (one value per variant): npv and each target's MAC."""
    keys = ok[ok["output"].isin(["npv", "mac"])][["output", "item", "year"]]
    keys = keys.drop_duplicates()
    return [(o, i, y) for o, i, y in keys.itertuples(index=False)]


def _value_of(ok: pd.DataFrame, output: str, item: str, year) -> pd.Series:
    """Value by variant of one output, item and year."""
    sel = ok[(ok["output"] == output) & (ok["item"] == item)]
    if year is not None and not pd.isna(year):
        sel = sel[sel["year"] == year]
    return sel.set_index("variant")["value"]


def _tornado(book, f, variants: pd.DataFrame, ok: pd.DataFrame) -> None:
    s = Sheet(book, "tornado", f)
    variants = variants.set_index("variant", drop=False)
    tornado = variants[variants["kind"] == "tornado"]
    params = list(dict.fromkeys(label.rsplit(" ", 1)[0] for label in tornado["label"]))
    base_id = 0
    for output, item, year in _scalars(ok):
        values = _value_of(ok, output, item, year)
        unit = ok.loc[ok["output"] == output, "unit"].iloc[0]
        name = "net present cost" if output == "npv" else f"MAC {item}"
        base = values.get(base_id)
        rows = []
        for p in params:
            low_id = int(tornado.loc[tornado["label"] == f"{p} low", "variant"].iloc[0])
            high_id = int(tornado.loc[tornado["label"] == f"{p} high", "variant"].iloc[0])
            column = p if p in variants.columns else f"parameter {p}"
            lo, hi = values.get(low_id), values.get(high_id)
            rows.append({
                "parameter": p, "low value": variants.loc[low_id, column],
                "high value": variants.loc[high_id, column],
                f"at low [{unit}]": lo, f"at high [{unit}]": hi, f"base [{unit}]": base,
                "low - base": None if lo is None or base is None else lo - base,
                "high - base": None if hi is None or base is None else hi - base,
                "swing": None if lo is None or hi is None else abs(hi - lo),
                "note": _status_note(variants, (low_id, high_id))})
        frame = pd.DataFrame(rows).sort_values("swing", ascending=False, na_position="last",
                                               kind="stable")
        s.title(f"{name} [{unit}]: one parameter at a time, sorted by swing")
        first, last = s.table(frame)
        if len(frame) and base is not None:
            chart = book.add_chart({"type": "bar"})
            for col, label, colour in ((6, "low - base", "#5B9BD5"),
                                       (7, "high - base", "#ED7D31")):
                chart.add_series({"name": f"{label}", "categories": ["tornado", first, 0,
                                                                      last, 0],
                                  "values": ["tornado", first, col, last, col],
                                  "fill": {"color": colour}, "overlap": 100, "gap": 40})
            chart.set_title({"name": f"{name}: change against the base [{unit}]"})
            chart.set_y_axis({"reverse": True, "label_position": "low"})
            chart.set_x_axis({"name": f"change [{unit}]", "num_format": "#,##0"})
            chart.set_legend({"position": "bottom"})
            chart.set_size({"width": 720, "height": 120 + 28 * len(frame)})
            s.ws.insert_chart(first - 1, len(frame.columns) + 1, chart)
            s.row = max(s.row, first + int((120 + 28 * len(frame)) / 20) + 2)
    s.finish()


def _status_note(variants: pd.DataFrame, ids) -> str:
    bad = [f"{variants.loc[i, 'label']}: {variants.loc[i, 'status']}" for i in ids
           if variants.loc[i, "status"] != "optimal"]
    return "; ".join(bad)


def _grid(book, f, definition: StudyDefinition, variants: pd.DataFrame,
          ok: pd.DataFrame) -> None:
    s = Sheet(book, "grid", f)
    npv = _value_of(ok, "npv", "total", None)
    unit = ok.loc[ok["output"] == "npv", "unit"].iloc[0] if (ok["output"] == "npv").any() \
        else ""
    groups: dict[str, list[str]] = {}
    for p in definition.parameters:
        if p.kind == "grid":
            groups.setdefault(p.group, []).append(p.name)
    grid = variants[variants["kind"] == "grid"].copy()
    grid["npv"] = grid["variant"].map(npv)
    for group, names in groups.items():
        columns = [n if n in grid.columns else f"parameter {n}" for n in names]
        members = grid.dropna(subset=columns)
        s.title(f"grid {group or ''}: net present cost [{unit}] "
                f"({len(members)} variants, {members['npv'].isna().sum()} not optimal)")
        if len(columns) == 1:
            frame = members[[columns[0], "npv"]].rename(
                columns={"npv": f"net present cost [{unit}]"})
        else:
            pivot = members.pivot_table(index=columns[:-1], columns=columns[-1],
                                        values="npv", aggfunc="first", dropna=False)
            pivot.columns = [f"{columns[-1]} = {c:g}" for c in pivot.columns]
            frame = pivot.reset_index()
        s.table(frame)
    s.finish()


def _percentiles(ok: pd.DataFrame, mc_ids: set[int]) -> pd.DataFrame:
    sel = ok[ok["variant"].isin(mc_ids)]
    if sel.empty:
        return pd.DataFrame()
    keys = ["output", "item", "year", "unit"]
    # outputs without a year (npv, levelised costs) group under -1: pandas would not match
    # missing keys between the statistics and the quantiles
    g = sel.assign(year=sel["year"].astype("float").fillna(-1)).groupby(keys, sort=False)[
        "value"]
    stats = g.agg(n="count", mean="mean", min="min", max="max")
    q = g.quantile([0.05, 0.5, 0.95]).unstack()
    q.columns = ["P5", "P50", "P95"]
    out = stats.join(q).reset_index()
    out["year"] = out["year"].astype("Int64").mask(out["year"] == -1)
    return out[["output", "item", "year", "unit", "n", "P5", "P50", "P95", "mean", "min",
                "max"]]


def _monte_carlo(book, f, variants: pd.DataFrame, ok: pd.DataFrame) -> None:
    s = Sheet(book, "monte_carlo", f)
    mc_ids = set(variants.loc[variants["kind"] == "mc", "variant"])
    n_ok = len(mc_ids & set(ok["variant"]))
    s.title(f"Monte Carlo: {len(mc_ids)} samples, {n_ok} optimal (statistics over those)")
    pct = _percentiles(ok, mc_ids)
    first, _last = s.table(pct)
    charts_at = len(pct.columns) + 1
    npv = ok[(ok["variant"].isin(mc_ids)) & (ok["output"] == "npv")]["value"].to_numpy()
    chart_row = 1
    if len(npv):
        counts, edges = np.histogram(npv, bins=min(20, max(5, len(npv) // 5)))
        unit = ok.loc[ok["output"] == "npv", "unit"].iloc[0]
        col = charts_at + 10
        s.ws.write_string(0, col, f"NPV bin from [{unit}]", f["header"])
        s.ws.write_string(0, col + 1, "variants", f["header"])
        for i, (lo, n) in enumerate(zip(edges[:-1], counts, strict=True)):
            s.ws.write_string(i + 1, col, f"{lo:,.0f}")
            s.ws.write_number(i + 1, col + 1, int(n))
        chart = book.add_chart({"type": "column"})
        chart.add_series({"name": "variants", "categories": ["monte_carlo", 1, col,
                                                              len(counts), col],
                          "values": ["monte_carlo", 1, col + 1, len(counts), col + 1],
                          "gap": 5, "fill": {"color": "#5B9BD5"}})
        chart.set_title({"name": f"Net present cost over the samples [{unit}]"})
        chart.set_x_axis({"name": f"net present cost from [{unit}]"})
        chart.set_y_axis({"name": "variants"})
        chart.set_legend({"none": True})
        chart.set_size({"width": 640, "height": 320})
        s.ws.insert_chart(chart_row, charts_at, chart)
        chart_row += 18
    band = pct[(pct["output"] == "emissions") & (pct["item"] == "scope1")] \
        if not pct.empty else pct
    if len(band):
        rows = [first + i for i in band.index]
        lo, hi = min(rows), max(rows)
        chart = book.add_chart({"type": "line"})
        for col, name in ((5, "P5"), (6, "P50"), (7, "P95")):
            chart.add_series({"name": name, "categories": ["monte_carlo", lo, 2, hi, 2],
                              "values": ["monte_carlo", lo, col, hi, col],
                              "line": {"width": 2.25 if name == "P50" else 1.25,
                                       "dash_type": "solid" if name == "P50" else "dash"}})
        chart.set_title({"name": "Scope-1 emissions: P5, P50, P95 [Mt CO2e/yr]"})
        chart.set_x_axis({"name": "year"})
        chart.set_y_axis({"name": "Mt CO2e/yr"})
        chart.set_legend({"position": "bottom"})
        chart.set_size({"width": 640, "height": 320})
        s.ws.insert_chart(chart_row, charts_at, chart)
    s.finish()


def no_regret_table(ok: pd.DataFrame, n_variants: int) -> pd.DataFrame:
    """Per technology and year: share of (solved) variants that build it, and the range of
    new and installed capacity."""
    new = ok[ok["output"] == "new_capacity"]
    cap = ok[ok["output"] == "capacity"]
    if new.empty or n_variants == 0:
        return pd.DataFrame()
    g = new.groupby(["item", "year", "unit"], sort=False)["value"]
    out = pd.DataFrame({
        "share of variants building": g.apply(lambda v: float((v > BUILT).sum()) / n_variants),
        "new capacity, min": g.min(), "new capacity, P50": g.median(),
        "new capacity, max": g.max()})
    if not cap.empty:
        c = cap.groupby(["item", "year", "unit"], sort=False)["value"]
        out["installed, min"] = c.min()
        out["installed, max"] = c.max()
    out = out.reset_index().rename(columns={"item": "technology"})
    built_ever = out.groupby("technology")["new capacity, max"].transform("max") > BUILT
    out = out[built_ever]
    out.insert(3, "robust", out["share of variants building"] >= ROBUST)
    return out


def _no_regret(book, f, ok: pd.DataFrame, n_variants: int) -> None:
    s = Sheet(book, "no_regret", f)
    s.title(f"No-regret investments: over {n_variants} optimal variants, technologies ever "
            f"built; robust = built in at least {ROBUST:.0%} of them")
    frame = no_regret_table(ok, n_variants)
    if frame.empty:
        s.line("no solved variant builds anything")
        s.finish()
        return
    first, last = s.table(frame)
    col = list(frame.columns).index("share of variants building")
    s.ws.conditional_format(first, col, last, col, {"type": "data_bar",
                                                    "bar_color": "#63BE7B"})
    s.finish()
