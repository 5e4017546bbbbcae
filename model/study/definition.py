"""Study workbooks: which parameters vary, how, and the variants that follow.

A study is defined by a ``sensitivities`` sheet (in a scenario workbook, or in a workbook of
its own with a ``study`` sheet naming its base), an optional ``study`` sheet (``base``,
``description``, ``samples``, ``seed``) and an optional ``outputs`` sheet. Each parameter
row selects cells as a scenario ``changes`` row does and gives one of:

* ``low`` and ``high``: one at a time, for a tornado (two variants per parameter);
* ``values``: a grid; the parameters of one ``group`` form the full factorial of their
  values;
* ``distribution``: Monte Carlo; all distribution parameters are sampled together by Latin
  hypercube (``scipy.stats.qmc.LatinHypercube`` with the study's seed), ``samples`` variants.

The value is the operation's argument (a factor for ``scale``, an amount for ``add``, the
value itself for ``set``). Rows repeating a sensitivity's name add selections that move with
it; their value columns stay blank. The name is in column ``sensitivity`` (``parameter``
is the key column of the costs, prices and capacity sheets). Variant 0 is the base, unchanged.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import numpy as np

from model.case import file_hash
from model.errors import Problem
from model.scenario import (
    ALTERNATIVES_SHEET,
    OUTPUTS_SHEET,
    SCENARIO_SHEET,
    SENSITIVITIES_SHEET,
    STUDY_SHEET,
    _problem,
    read_selector_rows,
)
from model.scenario_template import DISTRIBUTIONS, STUDY_ITEMS
from model.selectors import OPERATIONS, Selector, key_text, number
from model.study.outputs import OUTPUTS
from model.workbook import RawWorkbook, read_workbook

SENSITIVITY_COLUMNS = ("sensitivity", "group", "sheet", "field", "operation", "low", "high",
                       "values", "distribution", "min", "mode", "max", "mean", "sd", "source",
                       "note")
DEFAULT_SAMPLES = 100
MAX_SAMPLES = 100_000
DEFAULT_SEED = 2024
#: Variants above which a grid is refused (a typo in a values list should not start a
#: week-long run).
MAX_GRID = 100_000


@dataclass(frozen=True)
class Distribution:
    """A distribution of a parameter's value; :meth:`ppf` maps uniform [0, 1) draws."""

    kind: str
    low: float | None = None  #: minimum (uniform, triangular; truncation otherwise)
    mode: float | None = None
    high: float | None = None
    mean: float | None = None
    sd: float | None = None

    def frozen(self):
        """The scipy distribution (untruncated)."""
        from scipy import stats  # 0.6 s to import: only studies that sample pay it

        if self.kind == "uniform":
            return stats.uniform(loc=self.low, scale=self.high - self.low)
        if self.kind == "triangular":
            width = self.high - self.low
            c = (self.mode - self.low) / width if width > 0 else 0.5
            return stats.triang(c, loc=self.low, scale=width)
        if self.kind == "normal":
            return stats.norm(loc=self.mean, scale=self.sd)
        # lognormal with the given mean and standard deviation of the value itself
        sigma2 = math.log(1.0 + (self.sd / self.mean) ** 2)
        return stats.lognorm(s=math.sqrt(sigma2), scale=self.mean * math.exp(-sigma2 / 2))

    def ppf(self, u: np.ndarray) -> np.ndarray:
        """Values at the quantiles ``u``; normal and lognormal are truncated to [min, max]
        when given (the quantiles are mapped into the kept range, so a Latin hypercube stays
        stratified)."""
        dist = self.frozen()
        if self.kind in ("normal", "lognormal") and (self.low is not None or
                                                       self.high is not None):
            lo = dist.cdf(self.low) if self.low is not None else 0.0
            hi = dist.cdf(self.high) if self.high is not None else 1.0
            u = lo + u * (hi - lo)
        return dist.ppf(u)


@dataclass
class Parameter:
    """A parameter of the study: one or more selections moved by one value."""

    name: str
    kind: str  #: tornado | grid | mc
    rows: list[int]  #: its rows in the sensitivities sheet
    selections: list[tuple[Selector, str]]  #: (selector, operation)
    group: str = ""
    low: float | None = None
    high: float | None = None
    values: tuple[float, ...] = ()
    distribution: Distribution | None = None


@dataclass
class Variant:
    """One run of a study: which parameter takes which value (others as in the base)."""

    id: int
    kind: str  #: base | tornado | grid | mc
    label: str
    values: dict[str, float] = field(default_factory=dict)


@dataclass
class StudyFile:
    """What every study workbook states: where it is, its base and its description."""

    path: Path
    base: Path  #: a case or scenario workbook
    description: str
    sha256: str  #: of the study workbook

    @property
    def name(self) -> str:
        return self.path.stem


@dataclass
class StudyDefinition(StudyFile):
    samples: int
    seed: int
    outputs: tuple[str, ...]
    parameters: list[Parameter]

    def variants(self) -> list[Variant]:
        """Every variant, numbered: the base, tornado lows and highs, grids, samples."""
        out = [Variant(0, "base", "base")]
        for p in (p for p in self.parameters if p.kind == "tornado"):
            out.append(Variant(len(out), "tornado", f"{p.name} low", {p.name: p.low}))
            out.append(Variant(len(out), "tornado", f"{p.name} high", {p.name: p.high}))
        groups: dict[str, list[Parameter]] = {}
        for p in (p for p in self.parameters if p.kind == "grid"):
            groups.setdefault(p.group, []).append(p)
        for group, params in groups.items():
            for combo in itertools.product(*(p.values for p in params)):
                values = {p.name: v for p, v in zip(params, combo, strict=True)}
                label = (f"grid {group}: " if group else "grid: ") + ", ".join(
                    f"{k}={v:g}" for k, v in values.items())
                out.append(Variant(len(out), "grid", label, values))
        mc = [p for p in self.parameters if p.kind == "mc"]
        if mc:
            for i, row in enumerate(self.sample(mc)):
                out.append(Variant(len(out), "mc", f"sample {i + 1}",
                                   {p.name: float(v) for p, v in zip(mc, row, strict=True)}))
        return out

    def sample(self, params: list[Parameter]) -> np.ndarray:
        """[samples, parameters] values by Latin hypercube with the study's seed."""
        from scipy.stats import qmc

        u = qmc.LatinHypercube(d=len(params), seed=self.seed).random(self.samples)
        return np.column_stack([p.distribution.ppf(u[:, j]) for j, p in enumerate(params)])


def is_study_workbook(names: list[str]) -> bool:
    """Whether a workbook with these sheets is a study (sensitivities or alternatives)."""
    return SENSITIVITIES_SHEET in names or ALTERNATIVES_SHEET in names


class OpenedStudy(NamedTuple):
    """What every study workbook states, read: the workbook, its ``study`` items, the base
    and the seed (problems go to the list :func:`open_study` returns); a reader unpacks it
    as ``path, raw, items, base, seed``."""

    path: Path
    raw: RawWorkbook
    items: dict
    base: Path
    seed: int


def open_study(path: str | Path) -> tuple[OpenedStudy | None, list[Problem]]:
    """Read a study workbook's ``study`` sheet (base, seed, ...); None when the file itself
    could not be read. Problems found so far are returned for the reader to add to."""
    path = Path(path)
    raw = read_workbook(path)
    problems = list(raw.problems)
    if any(p.sheet is None for p in raw.problems):
        return None, problems
    items = _study_items(raw, problems)
    base = base_of(raw, path, items, problems)
    seed = _whole(raw, items, "seed", DEFAULT_SEED, 0, 2**32 - 1, problems)
    return OpenedStudy(path, raw, items, base, seed), problems


def read_study(path: str | Path) -> tuple[StudyDefinition | None, list[Problem]]:
    """Read a study workbook; every problem found (sheet, row, column), None on errors."""
    opened, problems = open_study(path)
    if opened is None:
        return None, problems
    path, raw, items, base, seed = opened
    samples = _whole(raw, items, "samples", DEFAULT_SAMPLES, 1, MAX_SAMPLES, problems)
    outputs = _outputs(raw, problems)
    if SENSITIVITIES_SHEET not in raw.sheets:
        problems.append(_problem(raw, SENSITIVITIES_SHEET, "required sheet is missing",
                                 expected="a 'sensitivities' sheet listing the parameters"))
        return None, problems
    params = _parameters(raw, problems)
    if not params and not problems:
        problems.append(_problem(raw, SENSITIVITIES_SHEET, "no parameters", expected="rows "
                                 "with a parameter, a selection and low/high, values or a "
                                 "distribution"))
    grid_sizes: dict[str, int] = {}
    for p in params:
        if p.kind == "grid":
            grid_sizes[p.group] = grid_sizes.get(p.group, 1) * len(p.values)
    for group, size in grid_sizes.items():
        if size > MAX_GRID:
            first = next(p for p in params if p.kind == "grid" and p.group == group)
            problems.append(_problem(raw, SENSITIVITIES_SHEET, f"grid '{group}' has {size} "
                                     "combinations", first.rows[0], "values", size,
                                     f"at most {MAX_GRID}"))
    if any(p.severity == "error" for p in problems):
        return None, problems
    return StudyDefinition(path, base, key_text(items.get("description")), file_hash(path),
                           samples=samples, seed=seed, outputs=outputs,
                           parameters=params), problems


def base_of(raw: RawWorkbook, path: Path, items: dict, problems: list[Problem]) -> Path:
    """The study's base: the workbook its ``study`` sheet names, or the study workbook
    itself when it is a scenario (problems reported when neither)."""
    base = path
    if key_text(items.get("base")):
        base = path.parent / key_text(items["base"])
        if not base.exists():
            problems.append(_problem(raw, STUDY_SHEET, "base workbook not found",
                                     _row_of(raw, "base"), "value", items["base"],
                                     f"a case or scenario workbook relative to this file "
                                     f"({base})"))
    elif SCENARIO_SHEET not in raw.sheets:
        problems.append(_problem(raw, STUDY_SHEET, "no base named", None, None, None,
                                 "a row 'base' in sheet 'study' naming the case or scenario "
                                 "workbook, or a 'scenario' sheet in this workbook"))
    return base


def _study_items(raw: RawWorkbook, problems: list[Problem]) -> dict[str, object]:
    sheet = raw.sheets.get(STUDY_SHEET)
    items: dict[str, object] = {}
    if sheet is None:
        return items
    allowed = STUDY_ITEMS
    for row, rec in sheet.records.items():
        item = key_text(rec.get("item"))
        if item not in allowed:
            problems.append(_problem(raw, STUDY_SHEET, "unknown item", row, "item", item,
                                     "one of " + ", ".join(allowed)))
        else:
            items[item] = rec.get("value")
    return items


def _row_of(raw: RawWorkbook, item: str) -> int | None:
    sheet = raw.sheets.get(STUDY_SHEET)
    return next((r for r, rec in sheet.records.items() if key_text(rec.get("item")) == item),
                None) if sheet else None


def _whole(raw: RawWorkbook, items: dict, item: str, default: int, lo: int, hi: int,
           problems: list[Problem]) -> int:
    value = items.get(item)
    if value is None or key_text(value) == "":
        return default
    x = number(value)
    if x is None or not float(x).is_integer() or not lo <= x <= hi:
        problems.append(_problem(raw, STUDY_SHEET, f"'{item}' is not a whole number in range",
                                 _row_of(raw, item), "value", value, f"{lo}..{hi}"))
        return default
    return int(x)


def _outputs(raw: RawWorkbook, problems: list[Problem]) -> tuple[str, ...]:
    sheet = raw.sheets.get(OUTPUTS_SHEET)
    if sheet is None or not sheet.records:
        return OUTPUTS
    chosen = []
    for row, rec in sheet.records.items():
        name = key_text(rec.get("output"))
        if name not in OUTPUTS:
            problems.append(_problem(raw, OUTPUTS_SHEET, "unknown output", row, "output", name,
                                     "one of " + ", ".join(OUTPUTS)))
        elif name not in chosen:
            chosen.append(name)
    return tuple(o for o in OUTPUTS if o in chosen)


def _parameters(raw: RawWorkbook, problems: list[Problem]) -> list[Parameter]:
    by_name: dict[str, Parameter] = {}

    def make(raw, sheet, row, rec, selector, problems):
        name = key_text(rec.get("sensitivity"))
        if not name:
            problems.append(_problem(raw, sheet, "sensitivity name is empty", row,
                                     "sensitivity", expected="a name for the parameter "
                                     "varied"))
            return None
        operation = key_text(rec.get("operation"))
        if operation not in OPERATIONS:
            problems.append(_problem(raw, sheet, "unknown operation", row, "operation",
                                     rec.get("operation"), "one of " + ", ".join(OPERATIONS)))
            return None
        spec = _spec(raw, sheet, row, rec, problems)
        if name in by_name:
            p = by_name[name]
            if spec is not None and spec != "blank":
                problems.append(_problem(raw, sheet, f"sensitivity '{name}' is defined in row "
                                         f"{p.rows[0]} already", row, "sensitivity", name,
                                         "blank low/high/values/distribution on the rows that "
                                         "add selections to a parameter"))
                return None
            p.rows.append(row)
            p.selections.append((selector, operation))
            return None
        if spec == "blank":
            problems.append(_problem(raw, sheet, "no values to vary", row, "low", None,
                                     "low and high, values, or a distribution"))
            return None
        if spec is None:
            return None
        p = Parameter(name, spec["kind"], [row], [(selector, operation)],
                      key_text(rec.get("group")), spec.get("low"), spec.get("high"),
                      spec.get("values", ()), spec.get("distribution"))
        by_name[name] = p
        return p

    return read_selector_rows(raw, SENSITIVITIES_SHEET, SENSITIVITY_COLUMNS, problems, make)


def _spec(raw: RawWorkbook, sheet: str, row: int, rec: dict, problems: list[Problem]):
    """How a row varies its parameter: a dict, "blank" (nothing given) or None (reported)."""
    def num(column: str) -> float | None:
        value = rec.get(column)
        if value is None or key_text(value) == "":
            return None
        x = number(value)
        if x is None or not math.isfinite(x):
            problems.append(_problem(raw, sheet, f"'{column}' is not a number", row, column,
                                     value, "a number"))
            raise _Reported
        return x

    try:
        low, high = num("low"), num("high")
        values_text = key_text(rec.get("values"))
        dist = key_text(rec.get("distribution"))
        given = [k for k, on in (("low/high", low is not None or high is not None),
                                 ("values", bool(values_text)), ("distribution", bool(dist)))
                 if on]
        if not given:
            return "blank"
        if len(given) > 1:
            problems.append(_problem(raw, sheet, "more than one way to vary the parameter",
                                     row, "sensitivity", " and ".join(given),
                                     "one of low/high, values or distribution per parameter"))
            return None
        if low is not None or high is not None:
            if low is None or high is None:
                column = "low" if low is None else "high"
                problems.append(_problem(raw, sheet, "a tornado needs both low and high", row,
                                         column, None, "a number"))
                return None
            return {"kind": "tornado", "low": low, "high": high}
        if values_text:
            values = []
            for token in values_text.replace(";", ",").split(","):
                x = number(token)
                if x is None:
                    problems.append(_problem(raw, sheet, "values must be numbers separated by "
                                             "commas", row, "values", values_text,
                                             "e.g. 0.8, 1, 1.2"))
                    return None
                values.append(x)
            return {"kind": "grid", "values": tuple(values)}
        return _distribution(raw, sheet, row, dist, num, problems)
    except _Reported:
        return None


class _Reported(Exception):
    """A problem was reported; stop reading the row."""


def _distribution(raw, sheet, row, kind, num, problems):
    if kind not in DISTRIBUTIONS:
        problems.append(_problem(raw, sheet, "unknown distribution", row, "distribution",
                                 kind, "one of " + ", ".join(DISTRIBUTIONS)))
        return None
    lo, mode, hi, mean, sd = num("min"), num("mode"), num("max"), num("mean"), num("sd")
    needs = {"uniform": ("min", "max"), "triangular": ("min", "mode", "max"),
             "normal": ("mean", "sd"), "lognormal": ("mean", "sd")}[kind]
    given = {"min": lo, "mode": mode, "max": hi, "mean": mean, "sd": sd}
    for column in needs:
        if given[column] is None:
            problems.append(_problem(raw, sheet, f"a {kind} distribution needs '{column}'", row,
                                     column, None, "a number"))
            return None

    def bad(column: str, message: str, expected: str):
        problems.append(_problem(raw, sheet, message, row, column, given[column], expected))

    if lo is not None and hi is not None and not lo < hi:
        bad("max", f"{kind} maximum is not above its minimum", f"> min ({lo:g})")
        return None
    if kind == "triangular":
        if not lo <= mode:
            bad("min", "triangular minimum is above its mode", f"<= mode ({mode:g})")
            return None
        if not mode <= hi:
            bad("mode", "triangular mode is above its maximum", f"<= max ({hi:g})")
            return None
    if kind in ("normal", "lognormal") and not sd > 0:
        bad("sd", f"{kind} standard deviation must be positive", "> 0")
        return None
    if kind == "lognormal" and not mean > 0:
        bad("mean", "lognormal mean must be positive", "> 0")
        return None
    if kind == "lognormal" and lo is not None and lo < 0:
        bad("min", "a lognormal value cannot be negative", ">= 0")
        return None
    d = Distribution(kind, lo, mode, hi, mean, sd)
    if kind in ("normal", "lognormal"):
        frozen = d.frozen()
        kept = (frozen.cdf(hi) if hi is not None else 1.0) - (
            frozen.cdf(lo) if lo is not None else 0.0)
        if kept < 1e-6:
            bad("max" if hi is not None else "min", f"[min, max] keeps almost nothing of the "
                f"{kind} distribution", "a range around the mean")
            return None
    return {"kind": "mc", "distribution": d}
