"""Plumbing shared by the maths modules: index sets and parameters.

Every number of the LP comes from a ``parameters(case, ix)`` function of a maths module,
keyed by index tuples. The Pyomo model holds them as ``Param`` components; the array
generator (:mod:`model.maths.lp`) reads the same dicts, so both formulations use one
source of numbers.
"""

from __future__ import annotations

import gc
import importlib
import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType

from model.case import Case

INF = math.inf


class _LazyModule:
    """A module imported on first attribute access.

    Runs build the LP as arrays and never touch Pyomo; importing it (and the SciPy submodules
    it loads with it) costs about 1.5 s per process, which batch workers would pay for
    nothing. The maths modules reach Pyomo through :data:`pyo`, imported when a Pyomo model
    is first built."""

    def __init__(self, name: str):
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str):
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attr)


pyo = _LazyModule("pyomo.environ")


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector (building makes many objects and frees none)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class Index:
    """Plain-Python index sets shared by the maths modules (built once per model)."""

    years: list[int]
    slices: list[str]
    techs: list[str]  #: all technologies
    active: list[str]  #: technologies with activity (non-storage)
    storages: list[str]
    retirable: list[str]
    commodities: list[str]
    balanced: list[str]  #: commodities with a balance (non-emission)
    emissions: list[str]
    supply: list[str]  #: commodities that may be bought
    sellable: list[str]  #: commodities that may be sold
    consumers: dict[str, list[str]] = field(default_factory=dict)  #: c -> techs with in-flow
    producers: dict[str, list[str]] = field(default_factory=dict)  #: c -> techs with out-flow
    stores_of: dict[str, list[str]] = field(default_factory=dict)  #: c -> storage techs

    @classmethod
    def of(cls, case: Case) -> Index:
        techs = list(case.technologies)
        active = [t for t in techs if not case.technologies[t].is_storage]
        comms = list(case.commodities)
        kind = {c: case.commodities[c].kind for c in comms}
        sell_priced = {c for (c, _y) in case.price.get("export_price", {})}
        ix = cls(
            years=list(case.years), slices=list(case.slices), techs=techs, active=active,
            storages=[t for t in techs if case.technologies[t].is_storage],
            retirable=[t for t in techs if case.technologies[t].early_retirement],
            commodities=comms,
            balanced=[c for c in comms if kind[c] != "emission"],
            emissions=[c for c in comms if kind[c] == "emission"],
            supply=[c for c in comms if kind[c] == "supply"],
            sellable=[c for c in comms if kind[c] == "export" or
                      (c in sell_priced and kind[c] != "emission")],
        )
        for c in comms:
            ix.consumers[c] = [t for t in active if (t, c) in case.ratio_in]
            ix.producers[c] = [t for t in active if (t, c) in case.ratio_out]
            ix.stores_of[c] = [t for t in ix.storages if case.storage[t].commodity == c]
        return ix

    def signature(self) -> tuple:
        """The index sets, as a comparable value."""
        return (tuple(self.years), tuple(self.slices), tuple(self.techs), tuple(self.storages),
                tuple(self.retirable), tuple(self.commodities), tuple(self.supply),
                tuple(self.sellable),
                tuple((c, tuple(self.consumers[c]), tuple(self.producers[c]))
                      for c in self.commodities))


ParamValues = dict[str, dict]


def declare_params(m: pyo.ConcreteModel, values: ParamValues) -> None:
    """Add one Param per entry, indexed by the keys of its value dict.

    Mutable, so that a coefficient of 0 stays a term of the expression rather than folding
    it away at construction (a row whose numbers are all zero then compiles as Pyomo's
    compiler treats any constant row, like the arrays do)."""
    for name, data in values.items():
        keys = list(data)
        m.add_component(name, pyo.Param(keys if keys else [None], initialize=data or {None: 0.0},
                                         mutable=True, within=pyo.Reals))


def set_bounds(var: pyo.Var, lower: dict | None, upper: dict | None,
               keys: Iterable | None = None) -> None:
    """Set variable bounds from dicts (missing key: 0 lower, no upper); inf means none."""
    for k in keys if keys is not None else var.keys():
        lo = 0.0 if lower is None else lower.get(k, 0.0)
        hi = None if upper is None else upper.get(k, INF)
        var[k].setlb(None if lo == -INF else lo)
        var[k].setub(None if hi is None or hi == INF else hi)
