"""Every LP the tests generate is checked against the Pyomo model's compiled LP.

The Pyomo model (:func:`model.maths.build_model`) is the formulation of record; runs use the
LP generated as arrays (:func:`model.maths.generate`). With the cross-check on, each
generated LP in the suite (hand-computed cases, bundled cases, variants, elastic and
reference runs) must have the same rows, columns, coefficients, bounds and costs.
"""

import pytest

import model.maths


@pytest.fixture(autouse=True)
def _cross_check_generated_lps(request):
    if request.node.get_closest_marker("no_cross_check"):
        yield
        return
    model.maths.CROSS_CHECK = True
    yield
    model.maths.CROSS_CHECK = False
