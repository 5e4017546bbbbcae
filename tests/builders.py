"""Small cases built in code, for tests whose optimum is computed by hand."""

from __future__ import annotations

from typing import Any

import pandas as pd

from model.case import Case, derive
from model.errors import CaseError
from model.validate import validate
from model.workbook import RawWorkbook, raw_from_frames

SETTINGS = {"cluster": "tiny", "base_year": 2025, "end_year": 2025, "year_step": 1,
            "discount_rate": 0.0, "currency": "EUR", "money_unit": "MEUR"}


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame(rows)


def tables(settings: dict | None = None, **sheets: list[dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """Tables of a case: ``settings`` as a dict, other sheets as lists of row dicts."""
    s = dict(SETTINGS)
    s.update(settings or {})
    out = {"settings": frame([{"name": k, "value": v} for k, v in s.items() if v is not None])}
    sheets.setdefault("timeslices", [{"slice": "all", "period": "year", "order": 1,
                                      "hours": 8760, "occurrences": 1}])
    for name, rows in sheets.items():
        out[name] = frame(rows)
    return out


def raw(settings: dict | None = None, **sheets) -> RawWorkbook:
    return raw_from_frames("test.xlsx", tables(settings, **sheets))


def case(settings: dict | None = None, **sheets) -> Case:
    """A derived case; raises CaseError with every problem when the tables are invalid."""
    tabs, problems = validate(raw(settings, **sheets))
    if tabs is None:
        raise CaseError(problems)
    return derive(tabs)


def tech(name: str, **kw) -> dict[str, Any]:
    row = {"technology": name, "category": "incumbent", "capacity_unit": "MW",
           "activity_unit": "GWh", "cap_to_act": 8.76, "lifetime": 30}
    row.update(kw)
    return row


def yearly(key: dict[str, Any], values: dict[int, float]) -> dict[str, Any]:
    row = dict(key)
    row.update(values)
    return row


def solve(c: Case, **kw):
    """Solve a case; return the outcome (asserting nothing)."""
    from model.solve import solve_case

    return solve_case(c, **kw)


def value(x: float) -> float:
    """A solution value (``out.solution["new"][t, y]``) as a plain float."""
    return float(x)


HEAT_COMMODITIES = [
    {"commodity": "gas", "kind": "supply", "unit": "GWh"},
    {"commodity": "electricity", "kind": "supply", "unit": "GWh"},
    {"commodity": "heat", "kind": "demand", "unit": "GWh"},
    {"commodity": "co2", "kind": "emission", "unit": "Mt"},
]


def gas_boiler_flows(name: str = "gas_boiler", co2: float = 0.0002) -> list[dict]:
    """1 GWh gas -> 1 GWh heat and ``co2`` Mt CO2 (0.0002 Mt/GWh = 0.2 t/MWh)."""
    return [{"technology": name, "commodity": "gas", "direction": "in", "ratio": 1.0},
            {"technology": name, "commodity": "heat", "direction": "out", "ratio": 1.0},
            {"technology": name, "commodity": "co2", "direction": "out", "ratio": co2}]


def e_boiler_flows(name: str = "e_boiler") -> list[dict]:
    """1 GWh electricity -> 1 GWh heat."""
    return [{"technology": name, "commodity": "electricity", "direction": "in", "ratio": 1.0},
            {"technology": name, "commodity": "heat", "direction": "out", "ratio": 1.0}]


def battery_case(*, capex: float, demand: float, timeslices: list[dict],
                 profiles: list[dict], discount_rate: float = 0.0, efficiency_in: float = 1.0,
                 efficiency_out: float = 1.0, self_discharge: float = 0.0) -> Case:
    """Power demand (``demand`` GWh/yr) met through a "meter" from grid electricity at 0.1
    MEUR/GWh on average (shaped by ``profiles``), or from a battery that shifts it between
    slices: 12 h of energy per MW, life 1 yr, wacc = ``discount_rate``, capex ``capex``
    MEUR/MW (2025)."""
    return case(
        {"discount_rate": discount_rate},
        commodities=[{"commodity": "electricity", "kind": "supply", "unit": "GWh",
                      "balance": "slice"},
                     {"commodity": "power", "kind": "demand", "unit": "GWh",
                      "balance": "slice"}],
        technologies=[tech("battery", category="storage", lifetime=1, wacc=discount_rate),
                      tech("meter", lifetime=1)],
        flows=[{"technology": "meter", "commodity": "electricity", "direction": "in",
                "ratio": 1.0},
               {"technology": "meter", "commodity": "power", "direction": "out", "ratio": 1.0}],
        storage=[{"technology": "battery", "commodity": "electricity", "energy_per_power": 12,
                  "efficiency_in": efficiency_in, "efficiency_out": efficiency_out,
                  "self_discharge": self_discharge}],
        costs=[yearly({"technology": "battery", "parameter": "capex"}, {2025: capex})],
        capacity=[yearly({"technology": "meter", "parameter": "residual"}, {2025: 100})],
        prices=[yearly({"commodity": "electricity", "parameter": "price"}, {2025: 0.1})],
        demand=[yearly({"commodity": "power"}, {2025: demand})],
        timeslices=timeslices,
        profiles=profiles,
    )


def boiler_tables(cluster: str, co2_per_heat: float = 0.0002, capex: float | None = None,
                  target: float | None = None) -> dict[str, pd.DataFrame]:
    """The small valid case the file-level tests write as a workbook: a gas boiler (1.1 GWh of
    gas per GWh of heat, ``co2_per_heat`` Mt CO2 per GWh of heat) meeting 100 GWh of heat in
    2025 and 90 in 2030, 5-year steps, r = 5 %, gas at 0.03 MEUR/GWh; optionally a new-build
    capex (MEUR/MW) and an absolute 2030 cap (Mt/yr).

    Cells: technologies A technology ... F lifetime (row 2 boiler); prices A commodity,
    B parameter, C 2025 (row 2 gas price); demand A commodity, B 2025, C 2030."""
    sheets: dict[str, list[dict[str, Any]]] = dict(
        commodities=[{"commodity": "gas", "kind": "supply", "unit": "GWh"},
                     {"commodity": "heat", "kind": "demand", "unit": "GWh"},
                     {"commodity": "co2", "kind": "emission", "unit": "Mt"}],
        technologies=[tech("boiler")],
        flows=[{"technology": "boiler", "commodity": "gas", "direction": "in", "ratio": 1.1},
               {"technology": "boiler", "commodity": "heat", "direction": "out", "ratio": 1},
               {"technology": "boiler", "commodity": "co2", "direction": "out",
                "ratio": co2_per_heat}])
    if capex is not None:
        sheets["costs"] = [yearly({"technology": "boiler", "parameter": "capex"},
                                  {2025: capex})]
    sheets["prices"] = [yearly({"commodity": "gas", "parameter": "price"}, {2025: 0.03})]
    sheets["demand"] = [yearly({"commodity": "heat"}, {2025: 100, 2030: 90})]
    if target is not None:
        sheets["targets"] = [{"year": 2030, "kind": "absolute", "value": target}]
    return tables({"cluster": cluster, "base_year": 2025, "end_year": 2030, "year_step": 5,
                   "discount_rate": 0.05}, **sheets)
