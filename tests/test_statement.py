"""The cash-flow statement and the capex bridge: hand-computed figures, and reconciliation
with the objective on every bundled case, both capex methods and both year steps."""

import copy
from pathlib import Path

import pytest

from model.case import derive, load_case
from model.results import collect
from tests import builders as b

ROOT = Path(__file__).resolve().parent.parent
R, WACC, LIFE = 0.05, 0.08, 20


def _one_boiler(method: str, build_time: int = 1):
    """2025-2029 (annual), r = 5 %: 1 MW of e-boiler (capex 10 MEUR/MW, wacc 8 %, life 20)
    is the only way to make 1 MW of heat all year (8.76 GWh of power at 0.03 MEUR/GWh)."""
    return b.case({"end_year": 2029, "discount_rate": R, "capex_method": method},
                  commodities=b.HEAT_COMMODITIES,
                  technologies=[b.tech("e_boiler", lifetime=LIFE, wacc=WACC,
                                       build_time=build_time)],
                  flows=b.e_boiler_flows(),
                  costs=[b.yearly({"technology": "e_boiler", "parameter": "capex"},
                                  {2025: 10.0})],
                  prices=[b.yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.01}),
                          b.yearly({"commodity": "electricity", "parameter": "price"},
                                   {2025: 0.03})],
                  demand=[b.yearly({"commodity": "heat"}, {2025: 8.76})])


def _lines(tables, name):
    return tables[name].set_index("line")


def _pv(first: int, last: int) -> float:
    """Present value of 1 paid at the end of each year first..last (base year 2025)."""
    return sum(1.05 ** -(k - 2025 + 1) for k in range(first, last + 1))


def test_statement_and_bridge_of_one_annuity_financed_boiler():
    # A = 10 * CRF(8 %, 20) = 1.018522 MEUR/yr, paid 2025-2044; the horizon counts 2025-2029.
    a = 10 * WACC * (1 + WACC) ** LIFE / ((1 + WACC) ** LIFE - 1)
    fuel = 8.76 * 0.03
    out = b.solve(_one_boiler("annuity"))
    tables = collect(out).tables
    st = _lines(tables, "cash_flow_statement")
    capex = st.loc["capex: annuity payments inside the horizon"]
    assert [capex[str(k)] for k in range(2025, 2030)] == pytest.approx([a] * 5)
    assert capex["total"] == pytest.approx(5 * a)
    assert st.loc["fuel and power purchases", "2027"] == pytest.approx(fuel)
    assert st.loc["discount factor, end of year", "2027"] == pytest.approx(1.05 ** -3)
    assert st.loc["present value", "2027"] == pytest.approx((a + fuel) * 1.05 ** -3)
    npv = (a + fuel) * _pv(2025, 2029)
    assert st.loc["present value", "present value"] == pytest.approx(npv)
    assert out.objective == pytest.approx(npv)
    # the overnight 10 MEUR is spent in 2025 (build time 1)
    spend = st.loc["memo: overnight investment spent (construction profile)"]
    assert spend["2025"] == pytest.approx(10.0) and spend["total"] == pytest.approx(10.0)

    bridge = _lines(tables, "capex_bridge")
    und, pv = "undiscounted [MEUR]", "present value [MEUR]"
    assert bridge.loc["overnight investment", und] == pytest.approx(10.0)
    assert bridge.loc["= annuity payments over the assets' lives", und] == pytest.approx(20 * a)
    assert bridge.loc["+ financing over the assets' lives", und] == pytest.approx(20 * a - 10)
    assert bridge.loc["- annuity payments after the horizon", und] == pytest.approx(15 * a)
    assert bridge.loc["- annuity payments after the horizon", pv] == pytest.approx(
        a * _pv(2030, 2044))
    assert bridge.loc["= capex in the net present cost", pv] == pytest.approx(a * _pv(2025, 2029))
    assert bridge.loc["= capex in the net present cost", und] == pytest.approx(capex["total"])


def test_a_build_time_spreads_the_overnight_spend_before_commissioning():
    # build_time 3: 10 MEUR over 2023, 2024, 2025 (3.333 each), before the horizon too; the
    # objective's timing is unchanged.
    out = b.solve(_one_boiler("annuity", build_time=3))
    st = _lines(collect(out).tables, "cash_flow_statement")
    spend = st.loc["memo: overnight investment spent (construction profile)"]
    assert [spend[str(k)] for k in (2023, 2024, 2025)] == pytest.approx([10 / 3] * 3)
    assert out.objective == pytest.approx(b.solve(_one_boiler("annuity")).objective)


def test_lump_sum_statement_has_the_overnight_capex_and_the_salvage():
    # Overnight 10 at the start of 2025; salvage at the end of 2029: the 15 annuities still
    # owed, at 8 %: A * sum_{k=1..15} 1.08^-k = A * 8.559479.
    a = 10 * WACC * (1 + WACC) ** LIFE / ((1 + WACC) ** LIFE - 1)
    salvage = a * sum(1.08 ** -k for k in range(1, 16))
    tables = collect(b.solve(_one_boiler("lump_sum"))).tables
    st = _lines(tables, "cash_flow_statement")
    assert st.loc["capex: overnight investment at commissioning", "2025"] == pytest.approx(10.0)
    assert st.loc["salvage value of assets outliving the horizon", "2029"] == \
        pytest.approx(-salvage)
    bridge = _lines(tables, "capex_bridge")
    assert bridge.loc["- salvage value", "present value [MEUR]"] == pytest.approx(
        salvage * 1.05 ** -5)
    assert bridge.loc["= capex in the net present cost", "present value [MEUR]"] == \
        pytest.approx(10 - salvage * 1.05 ** -5)


def _variant(name: str, method: str, step: int | None):
    """A bundled case with another capex method and year step. For annual steps, options
    that start in the second 5-year block may start the year after the base year (as the
    benchmark's cases do: demand grows every year); for 5-year steps, a target year that is
    no longer modelled moves to the next modelled year (the last one at most)."""
    case = load_case(ROOT / "inputs" / f"{name}.xlsx")
    tables = copy.deepcopy(case.tables)
    tables.settings["capex_method"] = method
    if step is not None:
        tables.settings["year_step"] = step
        base = int(tables.settings["base_year"])
        if step == 1:
            techs = tables.tables["technologies"]
            techs["first_year"] = [v if v is None else min(int(v), base + 1)
                                   for v in techs["first_year"]]
        else:
            years = list(range(base, int(tables.settings["end_year"]) + 1, step))
            targets = tables.tables["targets"]
            targets["year"] = [next((x for x in years if x >= int(y)), years[-1])
                               for y in targets["year"]]
    return derive(tables)


def _check_reconciles(case):
    out = b.solve(case)
    assert out.status == "optimal", out.messages
    tables = collect(out).tables
    st = _lines(tables, "cash_flow_statement")
    npv = out.objective
    assert st.loc["present value", "present value"] == pytest.approx(npv, rel=1e-6)
    assert st.loc["cumulative present value", str(case.end_year)] == pytest.approx(npv, rel=1e-6)
    lines = [line for line in st.index if not line.startswith("memo") and line not in (
        "total cost", "discount factor, end of year", "present value",
        "cumulative present value")]
    assert sum(st.loc[line, "present value"] for line in lines) == pytest.approx(npv, rel=1e-6)
    bridge = _lines(tables, "capex_bridge")
    capex_pv = sum(st.loc[line, "present value"] for line in lines
                   if line.startswith("capex") or line.startswith("salvage"))
    assert bridge.loc["= capex in the net present cost", f"present value [{case.money}]"] == \
        pytest.approx(capex_pv, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("name", ["dunkerque", "louisiana_lfec", "tianjin_teda", "taicang"])
@pytest.mark.parametrize("method", ["annuity", "lump_sum"])
def test_statements_reconcile_on_the_bundled_cases(name, method):
    _check_reconciles(_variant(name, method, None))


@pytest.mark.slow
@pytest.mark.parametrize("name,step", [("dunkerque", 1), ("louisiana_lfec", 1),
                                       ("tianjin_teda", 1), ("taicang", 5)])
@pytest.mark.parametrize("method", ["annuity", "lump_sum"])
def test_statements_reconcile_with_the_other_year_step(name, step, method):
    _check_reconciles(_variant(name, method, step))


@pytest.mark.parametrize("method", ["annuity", "lump_sum"])
def test_statements_reconcile_with_the_other_year_step_on_a_small_case(method):
    # Taicang with 5-year steps (the other step of an annual case) in the fast suite; the
    # annual variants of the 5-year cases are slow tests.
    _check_reconciles(_variant("taicang", method, 5))
