"""Portfolio roll-up: totals are the sum of the cases, money is converted, failures isolated."""

import pandas as pd
import pytest

from model.portfolio import run_portfolio
from model.workbook import write_tables
from tests.builders import HEAT_COMMODITIES, gas_boiler_flows, tables, tech, yearly


def _case(name: str, demand: float, currency: str, rate: float, step: int = 5,
          end: int = 2034) -> dict:
    t = tables(
        {"cluster": name, "end_year": end, "year_step": step, "discount_rate": 0.05,
         "currency": currency, "money_unit": f"M{currency}", "reporting_currency": "USD",
         "exchange_rate": rate},
        commodities=HEAT_COMMODITIES,
        technologies=[tech("gas_boiler", lifetime=30, operating_jobs=2.0,
                           construction_jobs=10.0, gdp_per_activity=0.5)],
        flows=gas_boiler_flows(),
        costs=[yearly({"technology": "gas_boiler", "parameter": "capex"}, {2025: 1.0})],
        prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03}),
                yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.05})],
        demand=[yearly({"commodity": "heat"}, {2025: demand})],
    )
    return t


def test_totals_are_the_sum_of_the_cases_and_a_failing_case_does_not_stop_them(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    write_tables(_case("Alpha", 87.6, "EUR", 1.1), cases / "alpha.xlsx")
    write_tables(_case("Beta", 175.2, "USD", 1.0, step=1, end=2031), cases / "beta.xlsx")
    broken = _case("Gamma", 87.6, "USD", 1.0)
    broken["flows"].loc[0, "technology"] = "no_such_technology"
    write_tables(broken, cases / "gamma.xlsx")
    (cases / "~$alpha.xlsx").write_bytes(b"lock file")  # Excel lock files are skipped

    runs, path = run_portfolio(cases, tmp_path / "results")
    status = {r.workbook.name: r.status for r in runs}
    assert status == {"alpha.xlsx": "optimal", "beta.xlsx": "optimal",
                      "gamma.xlsx": "invalid input"}
    assert "no_such_technology" in next(r for r in runs if r.workbook.name == "gamma.xlsx").error

    book = pd.read_excel(path, sheet_name=None, engine="openpyxl")
    clusters, totals = book["clusters"], book["totals"]
    # Alpha: 10 MW -> 0.01752 Mt/yr; Beta 20 MW -> 0.03504 Mt/yr. Jobs 2/MW.
    alpha = clusters[clusters["cluster"] == "Alpha"].set_index("year")
    beta = clusters[clusters["cluster"] == "Beta"].set_index("year")
    assert alpha.loc[2025, "scope-1 emissions [Mt CO2e/yr]"] == pytest.approx(0.01752)
    assert alpha.loc[2025, "operating jobs [jobs]"] == pytest.approx(20)
    # Money converted at 1.1 USD/EUR: 10 MW * 1 MEUR/MW -> 11 MUSD of investment.
    assert alpha.loc[2025, "cumulative investment [MUSD]"] == pytest.approx(11.0)
    assert beta.loc[2025, "cumulative investment [MUSD]"] == pytest.approx(20.0)
    # GDP: 0.5 per GWh * 87.6 GWh = 43.8 MEUR/yr -> 48.18 MUSD/yr.
    assert alpha.loc[2025, "GDP contribution [MUSD/yr]"] == pytest.approx(48.18)
    # Totals by calendar year: Alpha's 2025 block covers 2025-2029, Beta is annual.
    t = totals.set_index("year")
    for k in (2025, 2026, 2030, 2031):
        a = alpha.loc[2025 if k < 2030 else 2030]
        b = beta.loc[k]
        for col in ("scope-1+2 emissions [Mt CO2e/yr]", "operating jobs [jobs]",
                    "GDP contribution [MUSD/yr]", "cumulative investment [MUSD]"):
            assert t.loc[k, col] == pytest.approx(a[col] + b[col])
        assert t.loc[k, "clusters counted"] == 2
    # Totals are given at the union of the cases' modelled years.
    assert list(t.index) == [2025, 2026, 2027, 2028, 2029, 2030, 2031]
    assert set(book) >= {"about", "initiative", "cases", "clusters", "totals"}
    initiative = book["initiative"].set_index("cluster")
    total = initiative.loc["total (2 clusters)"]
    assert total["CO2e in the base year [Mt/yr]"] == pytest.approx(0.01752 + 0.03504)
    assert total["jobs in the base year [jobs]"] == pytest.approx(
        alpha.loc[2025, "operating jobs [jobs]"] + alpha.loc[2025, "construction, average [jobs]"]
        + beta.loc[2025, "operating jobs [jobs]"] + beta.loc[2025, "construction, average [jobs]"])


def test_currency_mismatch_is_reported(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    write_tables(_case("Alpha", 87.6, "EUR", 1.1), cases / "a.xlsx")
    other = _case("Beta", 87.6, "EUR", 1.0)
    other["settings"].loc[other["settings"]["name"] == "reporting_currency", "value"] = "EUR"
    write_tables(other, cases / "b.xlsx")
    runs, _ = run_portfolio(cases, tmp_path / "results")
    beta = next(r for r in runs if r.workbook.name == "b.xlsx")
    assert beta.status == "failed" and "reporting_currency EUR" in beta.error


def test_portfolio_of_the_bundled_cases(tmp_path):
    # `python run.py portfolio` on inputs/: every cluster solves on its own targets.
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, str(root / "run.py"), "portfolio", "--quiet",
                           "--results", str(tmp_path)], capture_output=True, text=True,
                          cwd=root, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    book = pd.read_excel(next(tmp_path.glob("portfolio/*/portfolio.xlsx")), sheet_name=None,
                         engine="openpyxl")
    cases = book["cases"]
    assert len(cases) == len(list((root / "inputs").glob("*.xlsx"))) >= 4
    assert (cases["status"] == "optimal").all()
    clusters = book["clusters"]
    for name, group in clusters.groupby("cluster"):
        assert group["year"].is_monotonic_increasing, name


def test_money_not_in_millions_of_the_case_currency_is_refused(tmp_path):
    cases = tmp_path / "cases"
    cases.mkdir()
    odd = _case("Odd", 87.6, "EUR", 1.1)
    odd["settings"].loc[odd["settings"]["name"] == "money_unit", "value"] = "kEUR"
    write_tables(odd, cases / "odd.xlsx")
    runs, _ = run_portfolio(cases, tmp_path / "results")
    assert runs[0].status == "failed" and "money_unit kEUR is not MEUR" in runs[0].error


def test_a_case_that_kills_its_process_is_reported_and_the_others_go_on():
    import os

    from model.isolation import Crashed, run_isolated

    with pytest.raises(Crashed, match="signal 6"):
        run_isolated(os.abort)  # a native library aborting (SIGABRT)
    with pytest.raises(Crashed, match="exit code 3"):
        run_isolated(os._exit, 3)
    with pytest.raises(RuntimeError, match="ValueError"):
        run_isolated(int, "not a number")  # an exception is reported by its text
    assert run_isolated(sum, [1, 2, 3]) == 6
