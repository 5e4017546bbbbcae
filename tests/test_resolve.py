"""Warm re-solves of variants equal cold rebuilds of the same variants."""

import copy
from pathlib import Path

import pandas as pd
import pytest

from model.case import Case, derive, load_case
from model.solve import Resolver, solve_case
from tests.builders import HEAT_COMMODITIES, case, e_boiler_flows, gas_boiler_flows, tech, yearly

ROOT = Path(__file__).resolve().parent.parent


def vary(base: Case, sheet: str, key: tuple, factor: float = 1.0, add: float = 0.0,
         settings: dict | None = None, target: tuple | None = None) -> Case:
    """A variant of ``base``: one trajectory scaled/shifted, settings or a target changed."""
    tables = copy.deepcopy(base.tables)
    if sheet:
        points = tables.trajectories[sheet][key]
        tables.trajectories[sheet][key] = {y: v * factor + add for y, v in points.items()}
    tables.settings.update(settings or {})
    if target is not None:
        frame = tables.tables["targets"]
        year, value = target
        frame.loc[frame["year"] == year, "value"] = value
    return derive(tables)


def _tiny() -> Case:
    return case(
        {"end_year": 2040, "year_step": 5, "discount_rate": 0.05},
        commodities=HEAT_COMMODITIES,
        technologies=[tech("gas_boiler", lifetime=30), tech("e_boiler", lifetime=15, wacc=0.07,
                                                            max_build_per_year=3)],
        flows=gas_boiler_flows() + e_boiler_flows(),
        costs=[yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.5})],
        capacity=[yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06}),
                yearly({"commodity": "co2", "parameter": "carbon_price"}, {2025: 80, 2040: 200})],
        demand=[yearly({"commodity": "heat"}, {2025: 87.6})],
        targets=[{"year": 2035, "kind": "absolute", "value": 0.01}],
    )


def _limited(base: Case, build_rate: float | None = None,
             e_boiler_max: dict[int, float] | None = None) -> Case:
    """A variant with another e-boiler build rate or an e-boiler capacity limit."""
    tables = copy.deepcopy(base.tables)
    if build_rate is not None:
        techs = tables.tables["technologies"]
        techs.loc[techs["technology"] == "e_boiler", "max_build_per_year"] = build_rate
    if e_boiler_max is not None:
        tables.trajectories["capacity"][("e_boiler", "max")] = dict(e_boiler_max)
    return derive(tables)


def test_variants_of_a_small_case():
    base = _tiny()
    resolver = Resolver(base)
    variants = [
        vary(base, "prices", ("gas", "price"), factor=0.8),
        vary(base, "prices", ("gas", "price"), factor=1.2),
        vary(base, "demand", ("heat",), factor=1.1),
        vary(base, "costs", ("e_boiler", "capex"), factor=0.6),
        vary(base, "", (), target=(2035, 0.004)),
        _limited(base, build_rate=0.5),                 # binds: 2.5 MW per 5-year block
        _limited(base, e_boiler_max={2025: 5.0}),       # binds in 2040 (7.3 MW unlimited)
    ]
    for variant in variants:
        warm = resolver.solve(variant)
        cold = solve_case(variant)
        assert warm.status == cold.status == "optimal"
        assert warm.warm
        assert warm.objective == pytest.approx(cold.objective, rel=1e-7)


def test_structural_change_rebuilds_and_infeasible_variant_goes_elastic():
    base = _tiny()
    resolver = Resolver(base)
    # e-boilers limited to 3 MW/yr (15 per 5-year block, 45 MW by 2035): a zero cap in 2035
    # with five times the demand (50 MW) is infeasible, so the variant is solved elastic.
    tight = vary(vary(base, "demand", ("heat",), factor=5.0), "", (), target=(2035, 0.0))
    out = resolver.solve(tight)
    cold = solve_case(tight)
    assert out.elastic_fallback and cold.elastic_fallback
    assert out.objective == pytest.approx(cold.objective, rel=1e-7)
    assert out.misses == pytest.approx(cold.misses)
    # The next, feasible variant is solved with misses fixed again.
    back = vary(base, "prices", ("gas", "price"), factor=1.1)
    again = resolver.solve(back)
    assert not again.elastic and again.objective == pytest.approx(solve_case(back).objective,
                                                                  rel=1e-7)
    # A new technology adds rows and columns: passed whole, solved cold.
    tables = copy.deepcopy(base.tables)
    techs = tables.tables["technologies"]
    row = techs.iloc[1].to_dict() | {"technology": "e_boiler_2"}
    tables.tables["technologies"] = pd.concat([techs, pd.DataFrame([row], dtype=object)],
                                              ignore_index=True)
    flows = tables.tables["flows"]
    extra = flows[flows["technology"] == "e_boiler"].assign(technology="e_boiler_2")
    tables.tables["flows"] = pd.concat([flows, extra], ignore_index=True)
    for (t, c, d), points in list(tables.trajectories["flows"].items()):
        if t == "e_boiler":
            tables.trajectories["flows"][("e_boiler_2", c, d)] = dict(points)
    variant = derive(tables)
    rebuilt = resolver.solve(variant)
    assert not rebuilt.warm and any("passed whole" in msg for msg in rebuilt.messages)
    assert rebuilt.objective == pytest.approx(solve_case(variant).objective, rel=1e-7)


def test_variants_of_the_bundled_case():
    base = load_case(ROOT / "inputs" / "dunkerque.xlsx")
    resolver = Resolver(base)
    for variant in (vary(base, "prices", ("natural_gas", "price"), factor=1.2),
                    vary(base, "prices", ("co2", "carbon_price"), factor=0.8),
                    vary(base, "", (), target=(2030, 0.5))):
        warm = resolver.solve(variant)
        cold = solve_case(variant)
        assert warm.status == cold.status == "optimal"
        assert warm.objective == pytest.approx(cold.objective, rel=1e-7)


def test_a_changed_lifetime_changes_coefficients_in_place():
    # A lifetime decides which vintages appear in each capacity row: the rows and columns
    # stay, the matrix entries change (some vanish), and the warm result equals a cold run.
    base = _tiny()
    resolver = Resolver(base)
    tables = copy.deepcopy(base.tables)
    techs = tables.tables["technologies"]
    techs.loc[techs["technology"] == "e_boiler", "lifetime"] = 5.0
    variant = derive(tables)
    out = resolver.solve(variant)
    assert out.warm
    assert out.objective == pytest.approx(solve_case(variant).objective, rel=1e-9)


def test_a_new_supply_limit_adds_a_row_and_is_passed_whole():
    base = _tiny()
    resolver = Resolver(base)
    tables = copy.deepcopy(base.tables)
    tables.trajectories["prices"][("gas", "max_supply")] = {2025: 60.0}
    variant = derive(tables)
    out = resolver.solve(variant)
    assert not out.warm
    assert out.objective == pytest.approx(solve_case(variant).objective, rel=1e-9)


def test_a_variant_needing_its_own_reference_run_is_solved_cold():
    # A 50 % reduction without base_emissions: the caps come from each variant's own
    # reference run, so a variant with more demand (a higher base) must not reuse the first.
    base = vary(_tiny(), "", ())
    tables = copy.deepcopy(base.tables)
    tables.tables["targets"] = pd.DataFrame(
        [{"year": 2035, "kind": "reduction", "scope": None, "value": 0.5, "start_year": None,
          "source": None, "note": None, "_row": 2}], dtype=object)
    base = derive(tables)
    resolver = Resolver(base)
    variant = vary(base, "demand", ("heat",), factor=1.5)
    out = resolver.solve(variant)
    cold = solve_case(variant)
    assert out.base_emissions == pytest.approx(cold.base_emissions)
    assert out.objective == pytest.approx(cold.objective, rel=1e-9)
