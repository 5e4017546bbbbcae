"""The cluster pathway LP, one module per area of the maths, each family written once.

* :mod:`~model.maths.capacity`: vintages, lifetimes, residual stock, retirement, limits
* :mod:`~model.maths.storage`: storage between slices of a period
* :mod:`~model.maths.flows`: commodity balances, purchases, sales, supply limits
* :mod:`~model.maths.emissions`: emissions, reservoirs, credits, targets
* :mod:`~model.maths.user`: the planner's own constraints (the workbook's ``constraints``)
* :mod:`~model.maths.actuals`: what happened, kept (``--from-actuals``, the rolling horizon)
* :mod:`~model.maths.costs`: discounting and the objective

Each module declares its parameters and its variables, constraint families and costs in the
notation of :mod:`model.maths.algebra`, beside the equations in its docstring.
:func:`declare` collects them; :func:`generate` turns them into the LP's arrays (what runs,
:mod:`model.maths.vectorised`) and :func:`build_model` into a Pyomo model (the formulation of
record, :mod:`model.maths.pyomo_model`). Both read the same declarations; with
:data:`CROSS_CHECK` set (the test suite sets it), every generated LP is compared with the
Pyomo model's, coefficient by coefficient.
"""

from __future__ import annotations

from model.case import Case
from model.maths import actuals, capacity, costs, emissions, flows, storage, user
from model.maths.algebra import Maths
from model.maths.common import Index, paused_gc, space
from model.maths.emissions import BaseEmissions
from model.maths.lp import LP, assert_same_lp

#: Set by the test suite: every generated LP is compared with the Pyomo model's.
CROSS_CHECK = False

__all__ = ["build_model", "declare", "generate", "pyomo_lp", "Index", "LP"]


def declare(case: Case, base_emissions: BaseEmissions = None, *, elastic: bool | None = None,
            targets: bool = True) -> Maths:
    """The declared maths of ``case``.

    ``base_emissions`` overrides the case's (Mt CO2e/yr, one value or one per scope);
    ``elastic``: misses of targets are priced columns (default: the case's setting);
    ``targets``: False leaves the target rows out (the reference run for base emissions).
    """
    if elastic is None:
        elastic = bool(case.settings.get("elastic"))
    ix = Index.of(case)
    m = Maths()
    m.data["ix"] = ix
    space(m, case, ix)
    capacity.parameters(m, case, ix)
    storage.parameters(m, case, ix)
    flows.parameters(m, case, ix)
    emissions.parameters(m, case, ix, base_emissions)
    user.parameters(m, case, ix)
    actuals.parameters(m, case, ix)
    costs.parameters(m, case, ix)
    capacity.declare(m)
    storage.declare(m)
    flows.declare(m)
    emissions.declare(m, elastic=elastic, targets=targets)
    user.declare(m)
    actuals.declare(m, targets=targets)
    costs.declare(m)
    return m


def generate(case: Case, base_emissions: BaseEmissions = None, *, elastic: bool | None = None,
             targets: bool = True) -> LP:
    """The LP of ``case`` as arrays (see :func:`declare` for the arguments).

    It is the same LP as :func:`pyomo_lp` of the same arguments; with :data:`CROSS_CHECK`
    set, that is asserted on every call."""
    from model.maths.vectorised import emit

    with paused_gc():  # few objects are made; collections would scan the case's
        m = declare(case, base_emissions, elastic=elastic, targets=targets)
        lp = emit(m)
    lp.ix = m.data["ix"]
    lp.params = m.params
    lp.maths = m
    if CROSS_CHECK:
        assert_same_lp(lp, pyomo_lp(case, base_emissions, elastic=elastic, targets=targets))
    return lp


def build_model(case: Case, base_emissions: BaseEmissions = None, *,
                elastic: bool | None = None, targets: bool = True):
    """The Pyomo model of ``case`` (the formulation of record; see :func:`declare`)."""
    from model.maths.pyomo_model import build

    m = declare(case, base_emissions, elastic=elastic, targets=targets)
    model = build(m, name=case.name)
    model._ix = m.data["ix"]
    return model


def pyomo_lp(case: Case, base_emissions: BaseEmissions = None, *, elastic: bool | None = None,
             targets: bool = True) -> LP:
    """The LP of ``case`` compiled from the Pyomo model (the formulation of record)."""
    from model.maths.vectorised import emit

    model = build_model(case, base_emissions, elastic=elastic, targets=targets)
    lp = LP.from_pyomo(model)
    lp.params = model._maths.params
    lp.ix = model._ix
    lp.maths = model._maths
    lp.generated = emit(model._maths)  # its layout, for reading the solution by term
    lp.generated.ix, lp.generated.params, lp.generated.maths = lp.ix, lp.params, lp.maths
    return lp
