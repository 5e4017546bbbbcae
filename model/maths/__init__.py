"""The cluster pathway LP, one module per area of the maths.

* :mod:`~model.maths.capacity`: vintages, lifetimes, residual stock, retirement, limits
* :mod:`~model.maths.storage`: storage between slices of a period
* :mod:`~model.maths.flows`: commodity balances, purchases, sales, supply limits
* :mod:`~model.maths.emissions`: emissions, reservoirs, credits, targets
* :mod:`~model.maths.costs`: discounting and the objective

:func:`build_model` assembles them; :func:`refresh` writes a changed case's numbers into an
existing model (mutable parameters and bounds) so it can be re-solved without a rebuild.
"""

from __future__ import annotations

import pyomo.environ as pyo
from pyomo.common.gc_manager import PauseGC

from model.case import Case
from model.maths import capacity, costs, emissions, flows, storage
from model.maths.common import Index, StructureChanged, declare_params, store_params
from model.maths.emissions import BaseEmissions

__all__ = ["build_model", "refresh", "StructureChanged", "Index"]

#: Order matters: later modules use variables of earlier ones.
MODULES = (capacity, storage, flows, emissions, costs)


def _parameters(case: Case, ix: Index, base_emissions: BaseEmissions) -> dict[str, dict]:
    values: dict[str, dict] = {}
    for module in MODULES:
        if module is emissions:
            values.update(emissions.parameters(case, ix, base_emissions))
        else:
            values.update(module.parameters(case, ix))
    return values


def _bounds(m: pyo.ConcreteModel, case: Case, ix: Index) -> None:
    capacity.bounds(m, case, ix)
    flows.bounds(m, case, ix)
    emissions.bounds(m, case, ix)


def structure(case: Case, ix: Index) -> tuple:
    """Everything of a case that is built into the model's expressions rather than held in
    parameters or bounds; a refresh is valid only while it stays equal."""
    techs = case.technologies
    return (
        ix.signature(),
        tuple((t, techs[t].life, techs[t].reservoir, techs[t].min_load > 0,
               techs[t].credit_years is not None) for t in ix.techs),
        tuple((c, case.commodities[c].balance) for c in ix.commodities),
        tuple((t, case.storage[t].commodity) for t in ix.storages),
        tuple(sorted(case.next_slice.items())),
        tuple((tg.label, tuple(sorted(tg.weights.items()))) for tg in case.targets),
        tuple(sorted(case.reservoirs)),
    )


def build_model(case: Case, base_emissions: BaseEmissions = None) -> pyo.ConcreteModel:
    """Build the LP for ``case``. ``base_emissions`` overrides the case's (Mt CO2e/yr)."""
    ix = Index.of(case)
    m = pyo.ConcreteModel(name=case.name)
    with PauseGC():
        declare_params(m, _parameters(case, ix, base_emissions))
        for module in MODULES:
            module.add(m, case, ix)
        _bounds(m, case, ix)
    m._ix = ix
    m._structure = structure(case, ix)
    m._case = case
    m._base_emissions = base_emissions if base_emissions is not None else case.base_emissions
    return m


def refresh(m: pyo.ConcreteModel, case: Case, base_emissions: BaseEmissions = None) -> None:
    """Write the numbers of ``case`` into ``m``; raise StructureChanged if a rebuild is needed."""
    ix = Index.of(case)
    if structure(case, ix) != m._structure:
        raise StructureChanged("the case's sets or built-in structure differ from the model's")
    store_params(m, _parameters(case, ix, base_emissions))
    _bounds(m, case, ix)
    m._case = case
    m._base_emissions = base_emissions if base_emissions is not None else case.base_emissions
