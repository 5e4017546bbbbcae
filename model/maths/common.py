"""Plumbing shared by the maths modules: index sets, universes and parameter helpers."""

from __future__ import annotations

import gc
import importlib
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import ModuleType

import numpy as np

from model.case import Case
from model.maths.algebra import Maths, Param
from model.schema import EXPORT_PRICE

INF = math.inf
END = "end"  #: the residual tranche still in service at the end of the horizon


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
        sell_priced = {c for (c, _y) in case.price.get(EXPORT_PRICE, {})}
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


def space(m: Maths, case: Case, ix: Index) -> None:
    """Declare the universes and index sets every maths module uses.

    Universes: ``tech``, ``commodity``, ``year`` (modelled years), ``slice``, ``reservoir``,
    ``tranche`` (residual tranches ``1..K`` and ``end``), ``target`` (target labels)."""
    m.universe("tech", ix.techs)
    m.universe("commodity", ix.commodities)
    m.universe("year", ix.years)
    m.universe("slice", ix.slices)
    m.universe("reservoir", list(case.reservoirs))
    m.universe("tranche", [*range(1, len(ix.years)), END])
    m.universe("target", [tg.label for tg in case.targets])
    tech = case.technologies
    m.set("techs", "tech", ix.techs)
    m.set("active", "tech", ix.active)
    m.set("storages", "tech", ix.storages)
    m.set("retirable", "tech", ix.retirable)
    m.set("loaded", "tech", [t for t in ix.active if tech[t].min_load > 0])
    m.set("commodities", "commodity", ix.commodities)
    m.set("emissions", "commodity", ix.emissions)
    m.set("supply", "commodity", ix.supply)
    m.set("sellable", "commodity", ix.sellable)
    m.set("by_slice", "commodity", [c for c in ix.balanced
                                    if case.commodities[c].balance == "slice"])
    m.set("annual", "commodity", [c for c in ix.balanced
                                  if case.commodities[c].balance != "slice"])
    m.set("years", "year", ix.years)
    m.set("slices", "slice", ix.slices)
    m.set("reservoirs", "reservoir", list(case.reservoirs))
    m.set("tranches", "tranche", m.universes["tranche"].labels)
    m.set("targets", "target", m.universes["target"].labels)


def param(m: Maths, name: str, dims: str, values: dict, *, sparse: bool = False,
          default: float = 0.0) -> Param:
    """Declare a parameter from ``{key: value}`` over the universes named in ``dims``
    (e.g. ``"tech year"``)."""
    universes = [m.universes[d] for d in dims.split()]
    return m.param(Param.from_dict(name, universes, values, sparse=sparse, default=default))


def array_param(m: Maths, name: str, dims: str, data) -> Param:
    """Declare a dense parameter from an array over the universes named in ``dims``."""
    universes = [m.universes[d] for d in dims.split()]
    data = np.asarray(data, dtype=float).reshape(tuple(len(u) for u in universes))
    return m.param(Param(name, universes, data=data))
