"""Storage shifting energy between slices of a representative day (hand-computed optima)."""

import pytest

from tests import builders as b

# One representative day of two 12-hour slices, occurring 365 times: 4380 h each.
SLICES = [{"slice": "day", "period": "d", "order": 1, "hours": 4380, "occurrences": 365},
          {"slice": "night", "period": "d", "order": 2, "hours": 4380, "occurrences": 365}]


def _battery_case(capex: float, efficiency_out: float = 1.0, self_discharge: float = 0.0):
    # Demand: 1 MW flat (8.76 GWh/yr, 4.38 per slice). Grid price 0.1 MEUR/GWh on average
    # with a profile day 2, night 0 (hours-weighted mean 1): 0.2 by day, 0 at night.
    # Battery: 12 h of energy per MW, life 1 yr, r = 0, so its annuity equals its capex.
    return b.battery_case(
        capex=capex, demand=8.76, timeslices=SLICES, efficiency_out=efficiency_out,
        self_discharge=self_discharge,
        profiles=[{"slice": "day", "price:electricity": 2.0},
                  {"slice": "night", "price:electricity": 0.0}])


def test_battery_moves_night_energy_to_the_day():
    # Without storage: 4.38 GWh by day * 0.2 = 0.876 MEUR. A 1 MW battery (12 MWh) charges
    # 1 MW all night (4.38 GWh/yr, 12 MWh per night) and covers the day: cost = capex 0.5.
    out = b.solve(_battery_case(capex=0.5))
    m = out.solution
    assert b.value(m["cap"]["battery", 2025]) == pytest.approx(1.0)
    assert b.value(m["discharge"]["battery", 2025, "day"]) == pytest.approx(4.38)
    assert b.value(m["charge"]["battery", 2025, "night"]) == pytest.approx(4.38)
    # Full at the start of the day slice: 12 MWh = 0.012 GWh per occurrence.
    assert b.value(m["soc"]["battery", 2025, "day"]) == pytest.approx(0.012)
    assert out.objective == pytest.approx(0.5, rel=1e-9)


def test_battery_too_expensive_is_not_built():
    out = b.solve(_battery_case(capex=1.0))  # 1.0 > 0.876 saved
    assert b.value(out.solution["cap"]["battery", 2025]) == pytest.approx(0.0, abs=1e-9)
    assert out.objective == pytest.approx(0.876, rel=1e-9)


def test_discharge_losses_size_the_battery():
    # efficiency_out 0.8: 4.38 GWh delivered needs 5.475 GWh stored a year, 15 MWh per
    # night, so 1.25 MW at 12 h (and 1.25 MW of charging over 12 h). Cost 1.25 * 0.5.
    out = b.solve(_battery_case(capex=0.5, efficiency_out=0.8))
    assert b.value(out.solution["cap"]["battery", 2025]) == pytest.approx(1.25)
    assert out.objective == pytest.approx(0.625, rel=1e-9)


def test_self_discharge_over_the_day():
    # soc[next] = soc * 0.99^12 + charge - discharge (per occurrence, 12 h slices). At the
    # optimum the battery is empty at the start of the night, so soc_day = charge c and
    # the day's discharge is c * 0.99^12 = 12 MWh: c = 12 / 0.99^12 MWh, which must fit in
    # 12 h * cap: cap = 1 / 0.99^12 MW (charging at that rate over the night's 12 h).
    out = b.solve(_battery_case(capex=0.1, self_discharge=0.01))
    need = 1 / 0.99**12
    assert b.value(out.solution["cap"]["battery", 2025]) == pytest.approx(need, rel=1e-7)
