"""Prices in the units people quote: EUR/MWh, EUR/t, EUR/kg H2 instead of MEUR/GWh.

A price in the case's money unit per commodity unit is multiplied by the money unit's scale
(MEUR: 1e6 EUR) and divided by the number of display units in one commodity unit. The display
unit is the commodity's ``display_unit`` column where the workbook gives one (hydrogen in GWh
shown per kg: ``display_unit`` kg, ``display_per_unit`` 30,003 kg per GWh at 33.3 kWh/kg LHV),
else a rule by unit: energy per MWh (or GJ for PJ), mass per t; other units stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.case import Case

#: unit -> (display unit, display units per unit)
RULES: dict[str, tuple[str, float]] = {
    "kWh": ("MWh", 1e-3), "MWh": ("MWh", 1.0), "GWh": ("MWh", 1e3), "TWh": ("MWh", 1e6),
    "GJ": ("GJ", 1.0), "TJ": ("GJ", 1e3), "PJ": ("GJ", 1e6),
    "t": ("t", 1.0), "kt": ("t", 1e3), "Mt": ("t", 1e6), "Gt": ("t", 1e9),
    "kg": ("kg", 1.0),
}

#: money unit prefix -> scale
PREFIXES: dict[str, float] = {"": 1.0, "k": 1e3, "M": 1e6, "bn": 1e9, "B": 1e9}


@dataclass(frozen=True)
class Display:
    unit: str  #: e.g. "EUR/MWh"
    factor: float  #: multiply a price in money/commodity unit by this


def money_scale(case: Case) -> tuple[str, float]:
    """(currency, units of currency per money unit): MEUR -> (EUR, 1e6)."""
    money = case.money
    currency = str(case.settings.get("currency") or "")
    if currency and money.endswith(currency):
        prefix = money[: -len(currency)]
        if prefix in PREFIXES:
            return currency, PREFIXES[prefix]
    return money, 1.0


def price_display(case: Case, commodity: str | None, unit: str) -> Display:
    """How to show a price of ``case.money`` per ``unit`` of ``commodity``."""
    currency, scale = money_scale(case)
    spec = case.commodities.get(commodity) if commodity else None
    shown, per_unit = (spec.display_unit, spec.display_per_unit) \
        if spec is not None and spec.display_unit else RULES.get(unit, (unit, 1.0))
    return Display(f"{currency}/{shown}", scale / per_unit)
