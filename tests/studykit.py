"""Small case, scenario and study workbooks on disk, for the scenario and study tests.

The one-boiler case has a single way to meet its heat demand, so every cost is a hand
computation: 10 MW of boiler is built in 2025 (87.6 GWh/yr at 8.76 GWh per MW-yr), it burns
1.25 GWh of gas and emits 0.00025 Mt CO2 per GWh of heat, over 2025-2027 at r = 5 %.
"""

from __future__ import annotations

from pathlib import Path

from model.scenario_template import write_selector_workbook
from model.workbook import write_tables
from tests.builders import tables, tech, yearly

R = 0.05
WACC = 0.08
LIFE = 10
CAPEX = 0.5  # MEUR/MW
GAS_PRICE = 0.03  # MEUR/GWh
CARBON_PRICE = 50.0  # MEUR/Mt
HEAT = 87.6  # GWh/yr
GAS_PER_HEAT = 1.25
CO2_PER_HEAT = 0.00025  # Mt/GWh
MW = HEAT / 8.76  # 10 MW
YEARS = (2025, 2026, 2027)


def w() -> float:
    """W: the present value of 1 per year paid at the end of 2025, 2026 and 2027."""
    return sum((1 + R) ** -(k - 2025 + 1) for k in YEARS)


def crf(i: float, n: int) -> float:
    return i * (1 + i) ** n / ((1 + i) ** n - 1)


def boiler_case(path: Path) -> Path:
    """The one-boiler case (hand-computable NPV)."""
    return write_tables(tables(
        {"cluster": "one boiler", "end_year": 2027, "year_step": 1, "discount_rate": R},
        commodities=[{"commodity": "gas", "kind": "supply", "unit": "GWh"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh"},
                     {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
        technologies=[tech("boiler", lifetime=LIFE, wacc=WACC)],
        flows=[{"technology": "boiler", "commodity": "gas", "direction": "in",
                "ratio": GAS_PER_HEAT},
               {"technology": "boiler", "commodity": "heat", "direction": "out", "ratio": 1},
               {"technology": "boiler", "commodity": "co2", "direction": "out",
                "ratio": CO2_PER_HEAT}],
        costs=[yearly({"technology": "boiler", "parameter": "capex"}, {2025: CAPEX})],
        prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: GAS_PRICE}),
                yearly({"commodity": "co2", "parameter": "carbon_price"},
                       {2025: CARBON_PRICE})],
        demand=[yearly({"commodity": "heat"}, {2025: HEAT})],
    ), path)


def boiler_npv(capex: float = CAPEX, gas: float = GAS_PRICE,
               carbon: float = CARBON_PRICE) -> float:
    """The one-boiler case's net present cost by hand (MEUR)."""
    annuity = MW * capex * crf(WACC, LIFE)
    fuel = HEAT * GAS_PER_HEAT * gas
    co2 = HEAT * CO2_PER_HEAT * carbon
    return (annuity + fuel + co2) * w()


def heat_case(path: Path) -> Path:
    """Gas boiler (existing) against an electric boiler: the choice moves with prices."""
    return write_tables(tables(
        {"cluster": "heat", "end_year": 2035, "year_step": 5, "discount_rate": R},
        commodities=[{"commodity": "gas", "kind": "supply", "unit": "GWh"},
                     {"commodity": "electricity", "kind": "supply", "unit": "GWh"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh"},
                     {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
        technologies=[tech("gas_boiler", lifetime=30),
                      tech("e_boiler", category="electrification", lifetime=20,
                           max_build_per_year=1.5)],
        flows=[{"technology": "gas_boiler", "commodity": "gas", "direction": "in",
                "ratio": 1.1},
               {"technology": "gas_boiler", "commodity": "heat", "direction": "out",
                "ratio": 1},
               {"technology": "gas_boiler", "commodity": "co2", "direction": "out",
                "ratio": 0.0002},
               {"technology": "e_boiler", "commodity": "electricity", "direction": "in",
                "ratio": 1},
               {"technology": "e_boiler", "commodity": "heat", "direction": "out",
                "ratio": 1}],
        costs=[yearly({"technology": "e_boiler", "parameter": "capex"}, {2025: 0.4})],
        capacity=[yearly({"technology": "gas_boiler", "parameter": "residual"}, {2025: 10})],
        prices=[yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03, 2035: 0.035}),
                yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.06}),
                yearly({"commodity": "co2", "parameter": "carbon_price"},
                       {2025: 80, 2035: 200})],
        demand=[yearly({"commodity": "heat"}, {2025: 87.6})],
        targets=[{"year": 2035, "kind": "absolute", "value": 0.012}],
    ), path)


def scenario(path: Path, base: str, changes: list[dict] | None = None,
             parents: tuple[str, ...] = (), **sheets) -> Path:
    rows = [{"item": "base", "value": base}] if base else []
    rows += [{"item": "description", "value": f"test scenario {path.stem}"}]
    rows += [{"item": "parent", "value": p} for p in parents]
    return write_selector_workbook(path, {"scenario": rows, "changes": changes or [],
                                          **sheets})


def study(path: Path, base: str, sensitivities: list[dict], samples: int = 20,
          seed: int = 7, outputs: list[str] | None = None) -> Path:
    return write_selector_workbook(path, {
        "study": [{"item": "base", "value": base}, {"item": "samples", "value": samples},
                  {"item": "seed", "value": seed}],
        "sensitivities": sensitivities,
        "outputs": [{"output": o} for o in outputs or []]})


def heat_mc(path: Path, base: str, samples: int = 20, seed: int = 7) -> Path:
    """A Monte Carlo study of the heat case: gas and electricity prices, e-boiler capex."""
    return study(path, base, [
        {"sensitivity": "gas", "sheet": "prices", "commodity": "gas", "parameter": "price",
         "field": "*", "operation": "scale", "distribution": "triangular", "min": 0.7,
         "mode": 1.0, "max": 1.6},
        {"sensitivity": "power", "sheet": "prices", "commodity": "electricity",
         "parameter": "price", "field": "*", "operation": "scale", "distribution": "normal",
         "mean": 1.0, "sd": 0.2, "min": 0.5, "max": 1.5},
        {"sensitivity": "capex", "sheet": "costs", "technology": "e_boiler",
         "parameter": "capex", "field": "*", "operation": "scale",
         "distribution": "lognormal", "mean": 1.0, "sd": 0.3},
    ], samples=samples, seed=seed)
