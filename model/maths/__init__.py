"""The cluster pathway LP, one module per area of the maths.

* :mod:`~model.maths.capacity`: vintages, lifetimes, residual stock, retirement, limits
* :mod:`~model.maths.storage`: storage between slices of a period
* :mod:`~model.maths.flows`: commodity balances, purchases, sales, supply limits
* :mod:`~model.maths.emissions`: emissions, reservoirs, credits, targets
* :mod:`~model.maths.costs`: discounting and the objective

:func:`build_model` assembles them into the Pyomo model, the formulation of record, written
to be read. :func:`generate` builds the same LP as arrays, family by family, with each
module's ``arrays`` function beside its Pyomo rules: that is the LP that runs (see
:mod:`model.maths.lp`, which also says how the two are kept identical).
"""

from __future__ import annotations

from model.case import Case
from model.maths import capacity, costs, emissions, flows, storage
from model.maths.common import Index, declare_params, paused_gc, pyo
from model.maths.emissions import BaseEmissions
from model.maths.lp import LP, Builder, assert_same_lp

#: Set by the test suite: every generated LP is compared with the Pyomo model's.
CROSS_CHECK = False

__all__ = ["build_model", "generate", "pyomo_lp", "Index", "LP"]

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


def build_model(case: Case, base_emissions: BaseEmissions = None) -> pyo.ConcreteModel:
    """Build the LP for ``case``. ``base_emissions`` overrides the case's (Mt CO2e/yr)."""
    ix = Index.of(case)
    m = pyo.ConcreteModel(name=case.name)
    params = _parameters(case, ix, base_emissions)
    with paused_gc():
        declare_params(m, params)
        for module in MODULES:
            module.add(m, case, ix)
        _bounds(m, case, ix)
    m._ix = ix
    m._params = params
    return m


def generate(case: Case, base_emissions: BaseEmissions = None, *, elastic: bool | None = None,
             targets: bool = True) -> LP:
    """The LP of ``case`` as arrays, generated family by family (see :mod:`model.maths.lp`).

    ``elastic``: misses of targets are priced columns (default: the case's setting);
    ``targets``: False leaves the target rows out (the reference run for base emissions).
    It is the same LP as :func:`pyomo_lp` of the same arguments; with :data:`CROSS_CHECK`
    set, that is asserted on every call.
    """
    if elastic is None:
        elastic = bool(case.settings.get("elastic"))
    ix = Index.of(case)
    with paused_gc():  # few objects are made; collections would scan the case's (-30-45 %)
        params = _parameters(case, ix, base_emissions)
        b = Builder()
        for module in MODULES:
            if module is emissions:
                emissions.arrays(b, case, ix, params, elastic=elastic, targets=targets)
            else:
                module.arrays(b, case, ix, params)
        lp = b.lp(params=params)
    lp.ix = ix
    if CROSS_CHECK:
        assert_same_lp(lp, pyomo_lp(case, base_emissions, elastic=elastic, targets=targets))
    return lp


def pyomo_lp(case: Case, base_emissions: BaseEmissions = None, *, elastic: bool | None = None,
             targets: bool = True) -> LP:
    """The LP of ``case`` compiled from the Pyomo model (the formulation of record)."""
    m = build_model(case, base_emissions)
    if elastic is not None:
        emissions.set_elastic(m, elastic)
    if not targets:
        m.target.deactivate()
    lp = LP.from_pyomo(m)
    lp.params = m._params
    lp.ix = m._ix
    return lp
