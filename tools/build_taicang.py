"""Build the bundled Taicang reference case: ``inputs/taicang.xlsx``.

Run from the project root::

    .venv/bin/python tools/build_taicang.py

The case is the start-up area of the China-EU (Taicang) Green & Digital Innovation Cooperation
Zone, the "Digital Zero-Carbon Industrial Park" (Jiangsu, China): German-invested light
manufacturing (auto components, machine tools, aerospace), ~150,000 residents, carbon neutral
(scope 1+2) by 2028. No emissions baseline is published: the base year is an ESTIMATE built
below from the park's industrial output, a typical electricity intensity of light
manufacturing and the Jiangsu grid factor. Users must replace it with the park's own inventory.

Each data row names a ``source`` (an id of the ``SOURCES`` table) and carries a ``note`` with
a confidence tag:

* [S] sourced: the figure is in the cited document;
* [D] derived from sourced figures, with the arithmetic in the note;
* [E] estimate made for this case: replace it when better data arrive;
* [R] recalled from the literature or a secondary copy, not re-verified.

Units: money in MCNY (million yuan, 2025 money); energy and heat in GWh; power and heat
capacity in MW; CO2 in Mt; industrial output in bnCNY (billion yuan of gross output, 2025
prices). Conversions:

* 1 CNY/kWh = 1 MCNY/GWh;   1 CNY/W = 1 MCNY/MW;   1 CNY/kW = 0.001 MCNY/MW;
* 1 CNY/t = 1 MCNY/Mt;      1 kg CO2/kWh = 1 t/MWh = 0.001 Mt/GWh;
* 1 kWh per CNY of output = 1,000 GWh per bnCNY.

Trajectory rows give values at the years their source gives; the builder writes them in the
year columns of ``YEARS`` (interpolating linearly, as the model does) and checks that every
given year is one of those columns, so the workbook carries the same trajectory the script
states.

docs/cases/taicang.md describes the case, its assumptions and the estimates to replace.
"""

from __future__ import annotations

import casekit as ck
from casekit import GAS_EF, KW, pct

OUTPUT = ck.ROOT / "inputs" / "taicang.xlsx"
BASE_YEAR = 2024
END_YEAR = 2040
YEARS = [2024, 2025, 2026, 2028, 2030, 2035, 2040]  # year columns of the workbook

# --------------------------------------------------------------------------------------
# Conversion factors and shared constants
# --------------------------------------------------------------------------------------

# KW (CNY/kW -> MCNY/MW) and GAS_EF (natural gas, Mt CO2/GWh) are casekit's.
KG_KWH = 0.001             # kg CO2/kWh -> Mt/GWh
CNY_PER_USD = 7.2          # 2025 average, approx. [E]; data.md: CNY 80 ~ USD 11 (7.3) [D]
EUR_PER_USD = 0.88         # project factor, as in the Dunkerque case [E]
CNY_PER_EUR = CNY_PER_USD / EUR_PER_USD   # 8.18 [D]
CHINA_EQUIPMENT = 0.6      # Chinese-built process-heat equipment vs DEA (European) costs [E]


def dea_heat(eur: float) -> float:
    """DEA process-heat cost in EUR2025 -> MCNY (per MW or per GWh) for Chinese equipment."""
    return eur * CNY_PER_EUR * CHINA_EQUIPMENT * KW


# --------------------------------------------------------------------------------------
# Baseline estimate (no published inventory): the park in 2024
# --------------------------------------------------------------------------------------
# Boundary [E]: the manufacturing of the zone's German-invested firms (> CNY 60 bn/yr gross
# output [S]) plus the electricity of the start-up area's ~150,000 residents and services [S].
# Scope 1 = on-site natural-gas heat; scope 2 = purchased grid electricity. Vehicles,
# refrigerants and purchased steam are outside this estimate.

OUTPUT_2024 = 60.0            # bnCNY gross industrial output [S] (">CNY 60 bn/yr")
MFG_POWER = 25.0              # GWh per bnCNY = 0.025 kWh/CNY [E], range 0.015-0.04
MFG_HEAT = 8.0                # GWh of heat (<=125 C) per bnCNY [E]: ~1/4 of final energy
RESIDENTS = 150_000           # [S]
RES_POWER_PER_HEAD = 2.0      # MWh/yr per resident, homes + services [E]
RES_POWER_2024 = RESIDENTS * RES_POWER_PER_HEAD / 1000   # 300 GWh [D]
PV_2024 = 60.0                # MW rooftop PV already installed [E]
PV_CF = 0.125                 # ~1,100 full-load hours in southern Jiangsu [E]
GRID_EF_2024 = 0.58           # kg/kWh Jiangsu [E]/[R], see the prices sheet
GAS_BOILER_EFF_2024 = 0.925   # DEA 311.1c [S]


def baseline() -> dict[str, float]:
    """Base-year (2024) emissions, Mt CO2e, by source."""
    power = OUTPUT_2024 * MFG_POWER + RES_POWER_2024 - PV_2024 * 8.76 * PV_CF   # GWh bought
    gas = OUTPUT_2024 * MFG_HEAT / GAS_BOILER_EFF_2024                          # GWh gas
    return {
        "scope 2: grid electricity": power * GRID_EF_2024 * KG_KWH,
        "scope 1: natural gas heat": gas * GAS_EF,
    }


BASE_EMISSIONS = round(sum(baseline().values()), 3)

# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------

SOURCES = [
    dict(id="taicang_zone", title="China-EU (Taicang) Green & Digital Innovation Cooperation Zone: "
         "Digital Zero-Carbon Industrial Park", publisher="adnkronos / PR Newswire", year=2023,
         url="https://www.prnewswire.com",
         notes="Start-up area ~150,000 residents; carbon neutral by 2028; traceable carbon "
         "footprint; eight domains incl. energy, industry, mobility (9 Aug 2023) [S] (via "
         "data.md B.4)."),
    dict(id="taicang_industry", title="German companies in Taicang", publisher="finanznachrichten"
         ".de (press releases)", year=2025, url="https://www.finanznachrichten.de",
         notes=">500-550 German firms (auto components, machine tools, aerospace); > CNY 60 bn/yr "
         "industrial output [S] (via data.md B.4). No emissions baseline published [E]."),
    dict(id="wef_tic", title="Transitioning Industrial Clusters towards Net Zero",
         publisher="World Economic Forum / Accenture", year=2025, url="https://www.weforum.org",
         notes="Initiative context: 33 clusters, 832 Mt CO2e (Jan 2025) [S] (data.md B.0)."),
    dict(id="mee_grid", title="Announcement of the 2022 power CO2 emission factors",
         publisher="Ministry of Ecology and Environment & National Bureau of Statistics of China",
         year=2024, url="https://www.mee.gov.cn",
         notes="2022: national 0.5366, national excluding traded green power 0.5856, North China "
         "0.6776 kg CO2/kWh [S, secondary] (data.md A.9). Jiangsu/East China not in data.md: "
         "secondary copies of the 2023 factors give Jiangsu 0.5827 and East China 0.5500 [R]."),
    dict(id="china_prices", title="China industrial electricity and gas prices",
         publisher="Project reference data (data.md A.9, A.10)", year=2025, url="",
         notes="Large-industry tariff (Tianjin) ~0.60-0.70 CNY/kWh [E]; industrial gas, LNG-"
         "indexed, USD 35-45/MWh [E]. Jiangsu time-of-use shape and green-power premium are "
         "estimates for this case [E]."),
    dict(id="china_ets", title="China national ETS prices", publisher="MEE data via dxknews; "
         "Shanghai Environment & Energy Exchange; Caixin", year=2025, url="",
         notes="CNY 97.49/t end-2024; covers power, steel, cement, aluminium [S] (data.md A.11). "
         "The park's manufacturing is not covered: no carbon price is applied."),
    dict(id="dea_heat", title="Technology data for industrial process heat", publisher="Danish "
         "Energy Agency (via PyPSA technology-data, EUR2025)", year=None, url="https://ens.dk",
         notes="311.1c gas steam boiler, 310.1 electric boiler, 302.a heat pump <=125 C [S]; "
         "converted at CNY 8.18/EUR with a 0.6 Chinese-equipment factor [E]."),
    dict(id="dea_storage", title="Technology data for energy storage", publisher="Danish "
         "Energy Agency (via PyPSA technology-data)", year=None, url="https://ens.dk",
         notes="Li-ion inverter efficiency 0.955-0.96 [S]; European costs used only as an upper "
         "bound [S]."),
    dict(id="china_market", title="Chinese market prices for distributed PV, C&I batteries and "
         "offshore wind", publisher="Project estimate from industry press", year=2025, url="",
         notes="Distributed PV ~CNY 3.0/W, C&I storage ~CNY 0.6-1.0/Wh, Jiangsu offshore wind "
         "~CNY 10/W (2024-25) [R]; trajectories [E]. Europe (DEA) PV EUR 595/kW = CNY 4,867/kW "
         "is a cross-check [S/D]."),
    dict(id="est_taicang", title="Estimates made for the Taicang reference case",
         publisher="cluster-pathways project", year=2025, url="docs/cases/taicang.md",
         notes="Assumptions with no direct source, incl. the whole emissions baseline [E]. "
         "Replace with the park's own energy and emissions inventory."),
]

# --------------------------------------------------------------------------------------
# Settings and targets
# --------------------------------------------------------------------------------------

SETTINGS = [
    ("cluster", "Taicang", "-", "China-EU (Taicang) Green & Digital Innovation Cooperation "
     "Zone, Digital Zero-Carbon Industrial Park (Jiangsu, China)"),
    ("currency", "CNY", "-", "Case currency (renminbi yuan)"),
    ("currency_year", 2025, "year", "All money in 2025 yuan"),
    ("money_unit", "MCNY", "-", "Million yuan"),
    ("reporting_currency", "USD", "-", "Portfolio reports in US dollars"),
    ("exchange_rate", round(1 / CNY_PER_USD, 5), "USD / CNY",
     "1/7.2: approximate 2025 average [E]"),
    ("base_year", BASE_YEAR, "year", "First modelled year: existing plant only"),
    ("end_year", END_YEAR, "year", "Last calendar year of the horizon"),
    ("year_step", 1, "years", "Every year modelled, so that 2028 is a target year"),
    ("discount_rate", 0.05, "1/yr", "Social discount rate"),
    ("capex_method", "annuity", "-", "Capex paid as annuities at each technology's wacc"),
    ("emission_scope", "scope12", "-", "Targets on direct + purchased-energy emissions"),
    ("target_trajectory", "linear", "-", "Caps in every year between the 2028 and 2040 targets"),
    ("base_emissions", BASE_EMISSIONS, "Mt CO2e/yr",
     "ESTIMATE [E] (no published inventory): replace with the park's own scope 1+2 inventory"),
    ("base_emissions_year", BASE_YEAR, "year", "Year of the estimated base emissions"),
]

TARGETS = [
    dict(year=2028, kind="reduction", scope="scope12", value=1.0, source="taicang_zone",
         note="Carbon neutral (scope 1+2) by 2028 [S]; certified removals may offset residual "
         "emissions."),
    dict(year=2040, kind="reduction", scope="scope12", value=1.0, source="est_taicang",
         note="Neutrality kept after 2028: with target_trajectory linear every year 2029-2040 is "
         "capped at zero [E]."),
]

# --------------------------------------------------------------------------------------
# Commodities: (commodity, kind, unit, balance, description, source)
# --------------------------------------------------------------------------------------

COMMODITIES = [
    ("electricity", "supply", "GWh", "slice", "Electricity: grid purchase (Jiangsu grid, time-of-"
     "use tariff), on-site PV, PPAs and batteries; also the residents' and services' demand",
     "china_prices"),
    ("green_power", "supply", "GWh", "slice", "Green power purchase: green-power trading or grid "
     "power with green electricity certificates (GECs); zero emission factor at a premium. "
     "Bought in the slice it is used, at the time-of-use price (no shifting through the "
     "year); the volume limit is annual", "mee_grid"),
    ("natural_gas", "supply", "GWh", "annual", "Pipeline natural gas (LHV)", "china_prices"),
    ("heat", "internal", "GWh", "slice", "Process and space heat up to ~125 C (hot water, low-"
     "pressure steam) inside the factories", "dea_heat"),
    ("goods", "demand", "bnCNY", "slice", "Manufactured output, billion yuan of gross output "
     "(2025 prices)", "taicang_industry"),
    ("co2", "emission", "Mt", "annual", "Fossil CO2 emitted on site (scope 1)", "est_taicang"),
]

# --------------------------------------------------------------------------------------
# Technologies
# --------------------------------------------------------------------------------------
# Columns of the tuples below, in order:
#   technology, category, plant, description, capacity_unit, activity_unit, cap_to_act,
#   lifetime, first_year, max_build_per_year, availability, early_retirement, source, note
# wacc is 0.06 for every technology (Chinese project finance, 5-yr LPR ~3.6 % plus a margin
# [E]); min_load is 0. New options come online from 2025, so 2024 runs on existing plant only.

WACC = 0.06
FIRST = BASE_YEAR + 1
POWER = ("MW", "GWh", 8.76)

P_MFG = "Manufacturing"
P_HEAT = "Factory heat"
P_POWER = "Power supply"
P_OFFSET = "Offsets"

TECHNOLOGIES = [
    ("manufacturing", "incumbent", P_MFG, "Light manufacturing of the zone's firms (auto "
     "components, machine tools, aerospace)", "bnCNY/yr", "bnCNY", 1.0, 30, FIRST, 10.0, 1.0,
     False, "taicang_industry",
     "Activity = gross output. Capacity pinned to output (capacity sheet); factory investment is "
     "outside the plan (no capex) [E]."),
    ("gas_boiler", "incumbent", P_HEAT, "Natural-gas hot-water and steam boilers", *POWER, 25,
     FIRST, 20.0, 0.95, True, "dea_heat", "Existing 90 MW_th [E]; new boilers allowed [E]."),
    ("heat_pump", "electrification", P_HEAT, "Industrial heat pumps up to 125 C (DEA 302.a)",
     *POWER, 20, FIRST, 15.0, 0.95, False, "dea_heat",
     "Build limit 15 MW_th/yr; capped by waste-heat sources (capacity sheet) [E]."),
    ("electric_boiler", "electrification", P_HEAT, "Electrode boilers (hot water, steam)", *POWER,
     25, FIRST, 20.0, 0.98, False, "dea_heat", "Build limit 20 MW_th/yr [E]."),
    ("heat_storage", "storage", P_HEAT, "Hot-water / steam accumulators, 6 h", *POWER, 25, FIRST,
     20.0, 1.0, False, "est_taicang", "Lets electric boilers run on valley-tariff power [E]."),
    ("rooftop_pv", "renewable", P_POWER, "Rooftop and car-park PV on the park's buildings",
     *POWER, 25, FIRST, 40.0, PV_CF, False, "china_market",
     "Availability = capacity factor 12.5 % [E]; profile column gives the shape [E]. Build "
     "limit 40 MW/yr [E]."),
    ("wind_ppa", "renewable", P_POWER, "Take-or-pay PPA with new Jiangsu offshore wind (MW "
     "contracted)", *POWER, 20, FIRST, 100.0, 0.30, False, "est_taicang",
     "Contract term 20 yr; paid per MW of expected output (fixed_om), delivered through the grid "
     "with a wind profile; zero emission factor [E]."),
    ("green_power_purchase", "supply", P_POWER, "Delivery of purchased green power (GEC-backed) "
     "to the park's load", *POWER, 30, FIRST, 0.0, 1.0, False, "mee_grid",
     "Pass-through: green_power -> electricity; 1,000 MW existing, no cost. "
     "Limits are on the green_power supply (prices sheet) [E]."),
    ("battery", "storage", P_POWER, "Commercial & industrial Li-ion battery, 2 h", *POWER, 15,
     FIRST, 25.0, 1.0, False, "china_market",
     "Time-of-use arbitrage and PV shifting; build limit 25 MW/yr [E]."),
    ("energy_efficiency", "infrastructure", P_MFG, "Digital energy management and efficiency "
     "retrofits (motors, compressed air, lighting): avoided grid electricity", *POWER, 15, FIRST,
     6.0, 1.0, False, "est_taicang",
     "Virtual supply: capacity = MW of avoided load, flat. The schema has no efficiency "
     "category [E]."),
    ("certified_removals", "removal", P_OFFSET, "Purchase of certified CO2 removals (forestry "
     "sinks, later durable removals) to offset residual emissions", "Mt/yr", "Mt", 1.0, 20,
     FIRST, None, 1.0, False, "est_taicang",
     "Modelled as a removal (CO2 in) at a price per t; volume capped at ~5 % of the baseline "
     "[E]. Avoidance credits (e.g. most CCERs) are not removals."),
]

# Socio-economic coefficients, by technology:
#   (construction_jobs [job-years / capacity unit], operating_jobs [jobs / capacity unit],
#    gdp_per_activity [MCNY / activity unit], note)
# Construction: 2 job-years per MCNY of 2025 capex [E] (about 30 % of capex spent on local
# installation labour at ~CNY 150,000 per job-year). Heat technologies' value added is inside
# manufacturing's (in-house utilities), so their gdp_per_activity is 0.
JOBS_PER_MCNY = 2.0

# --------------------------------------------------------------------------------------
# Flows: (technology, commodity, direction, ratio or {year: ratio}, source, note)
# --------------------------------------------------------------------------------------

FLOWS = [
    ("manufacturing", "electricity", "in", MFG_POWER, "est_taicang",
     "0.025 kWh per CNY of output [E]: light/mechanical manufacturing, range 0.015-0.04; "
     "replace with metered data."),
    ("manufacturing", "heat", "in", MFG_HEAT, "est_taicang",
     "0.008 kWh heat per CNY [E]: paint shops, washing, drying, space heating."),
    ("manufacturing", "goods", "out", 1.0, "taicang_industry", "Activity is gross output [D]."),
    ("gas_boiler", "natural_gas", "in", {2024: 1 / 0.925, 2030: 1 / 0.93, 2040: 1 / 0.935},
     "dea_heat", "Efficiency 0.925 -> 0.93 -> 0.935 (DEA 311.1c) [S]/[D]."),
    ("gas_boiler", "heat", "out", 1.0, "dea_heat", "Activity is heat [D]."),
    ("gas_boiler", "co2", "out", {2024: GAS_EF / 0.925, 2030: GAS_EF / 0.93,
                                  2040: GAS_EF / 0.935},
     "dea_heat", "0.198 t CO2/MWh gas / efficiency [D]."),
    ("heat_pump", "electricity", "in", {2024: 1 / 2.62, 2030: 1 / 2.70, 2040: 1 / 2.80},
     "dea_heat", "COP 2.62 -> 2.70 -> 2.80 (DEA 302.a, <=125 C) [S]."),
    ("heat_pump", "heat", "out", 1.0, "dea_heat", "Activity is heat [D]."),
    ("electric_boiler", "electricity", "in", 1 / 0.99, "dea_heat", "Efficiency 0.99 [S]."),
    ("electric_boiler", "heat", "out", 1.0, "dea_heat", "Activity is heat [D]."),
    ("rooftop_pv", "electricity", "out", 1.0, "china_market", "Activity is electricity [D]."),
    ("wind_ppa", "electricity", "out", 1.0, "est_taicang", "Activity is electricity [D]."),
    ("green_power_purchase", "green_power", "in", 1.0, "mee_grid",
     "Green power bought over the year [D]."),
    ("green_power_purchase", "electricity", "out", 1.0, "mee_grid",
     "Delivered in the slice it is bought; GECs are matched annually, but buying them with "
     "time-of-use power in the same slice keeps the tariff honest [E]."),
    ("energy_efficiency", "electricity", "out", 1.0, "est_taicang",
     "Activity is avoided electricity [D]."),
    ("certified_removals", "co2", "in", 1.0, "est_taicang",
     "Takes CO2 out of the atmosphere (negative scope-1 term) [D]."),
]

# --------------------------------------------------------------------------------------
# Costs: (technology, parameter, {year: value}, source, note); MCNY per MW (capex), per MW
# and year (fixed_om), per GWh (variable_om); removals per Mt.
# --------------------------------------------------------------------------------------

HP_CAPEX = {2024: dea_heat(1045), 2030: dea_heat(986), 2040: dea_heat(924)}
EB_CAPEX = {2024: dea_heat(95.0), 2030: dea_heat(88.6)}
GB_CAPEX = {2024: dea_heat(63.3), 2030: dea_heat(57.6)}
PV_CAPEX = {2024: 3.0, 2030: 2.7, 2040: 2.4}                 # CNY/W [R]/[E]
BATTERY_HOURS = 2.0
BATTERY_KWH = {2024: 600, 2030: 480, 2040: 400}             # CNY/kWh [R]/[E]
BATTERY_KW = {2024: 300, 2030: 250, 2040: 200}              # CNY/kW power conversion
BATTERY_CAPEX = ck.storage_capex(BATTERY_HOURS, BATTERY_KWH, BATTERY_KW, KW)
HEAT_STORE_HOURS = 6.0
HEAT_STORE_CAPEX = {2024: HEAT_STORE_HOURS * 100 * KW}      # CNY 100/kWh_th [E]
PPA_PRICE = 0.64          # CNY/kWh delivered: energy ~0.44 incl. green attribute + grid ~0.20 [E]
PPA_CF = 0.30             # Jiangsu offshore wind [E]
EFFICIENCY_CAPEX = {2024: 6.0}                              # CNY 6,000 per kW avoided [E]


COSTS = [
    ("gas_boiler", "capex", GB_CAPEX, "dea_heat",
     "EUR 63.3 -> 57.6/kW x 8.18 CNY/EUR x 0.6 [S]/[E]."),
    ("gas_boiler", "fixed_om", {2024: 0.039 * GB_CAPEX[2024], 2030: 0.0418 * GB_CAPEX[2030],
                                2040: 0.0396 * GB_CAPEX[2030]}, "dea_heat",
     "FOM 3.9 -> 4.0 %/yr [S]."),
    ("gas_boiler", "variable_om", {2024: dea_heat(1.33), 2030: dea_heat(1.27)}, "dea_heat",
     "EUR 1.33 -> 1.27/MWh, converted as capex [S]/[E]."),
    ("heat_pump", "capex", HP_CAPEX, "dea_heat",
     "EUR 1,045 -> 924/kW_th (DEA 302.a) x 8.18 x 0.6 = CNY 5,130 -> 4,530/kW [S]/[E]."),
    ("heat_pump", "fixed_om", pct(0.0011, HP_CAPEX), "dea_heat",
     "FOM 0.11 %/yr; most O&M is in VOM [S]."),
    ("heat_pump", "variable_om", {2024: dea_heat(4.09), 2030: dea_heat(4.05),
                                  2040: dea_heat(4.08)}, "dea_heat",
     "EUR ~4.1/MWh, converted as capex [S]/[E]."),
    ("electric_boiler", "capex", EB_CAPEX, "dea_heat",
     "EUR 95 -> 88.6/kW_th x 8.18 x 0.6 [S]/[E]."),
    ("electric_boiler", "fixed_om", pct(0.014, EB_CAPEX), "dea_heat", "FOM 1.4 %/yr [S]."),
    ("electric_boiler", "variable_om", {2024: dea_heat(1.10), 2040: dea_heat(0.988)},
     "dea_heat", "EUR 1.10 -> 0.99/MWh, converted as capex [S]/[E]."),
    ("heat_storage", "capex", HEAT_STORE_CAPEX, "est_taicang",
     "6 h at CNY 100/kWh_th (insulated tanks, accumulators) [E]."),
    ("heat_storage", "fixed_om", pct(0.01, HEAT_STORE_CAPEX), "est_taicang", "1 %/yr [E]."),
    ("rooftop_pv", "capex", PV_CAPEX, "china_market",
     "Distributed PV CNY 3.0/W (2024-25) [R] -> 2.7 (2030) -> 2.4 (2040) [E]."),
    ("rooftop_pv", "fixed_om", {2024: 0.045}, "china_market",
     "CNY 45/kW/yr, ~1.5 % of capex [E]."),
    ("wind_ppa", "fixed_om", {2024: PPA_PRICE * PPA_CF * 8.76}, "est_taicang",
     "Take-or-pay: CNY 0.64/kWh x 30 % x 8.76 GWh/MW = 1.68 MCNY per MW-yr [D]/[E]."),
    ("battery", "capex", BATTERY_CAPEX, "china_market",
     "Per MW incl. 2 h: 2 x CNY 600 -> 400/kWh + CNY 300 -> 200/kW [R]/[E]. DEA (Europe) is "
     "~2.5x higher [S]."),
    ("battery", "fixed_om", {2024: 0.03}, "china_market", "CNY 30/kW/yr (~2 %) [E]."),
    ("energy_efficiency", "capex", EFFICIENCY_CAPEX, "est_taicang",
     "CNY 6,000 per kW of avoided load (payback ~1-2 yr at grid prices) [E]."),
    ("energy_efficiency", "fixed_om", {2024: 0.10}, "est_taicang",
     "CNY 100/kW/yr for the monitoring platform and energy managers [E]."),
    ("certified_removals", "fixed_om", {2024: 2.0}, "est_taicang",
     "CNY 2/t/yr for MRV and registry of the contracted volume [E]."),
    ("certified_removals", "variable_om", {2024: 100.0, 2028: 150.0, 2030: 200.0, 2035: 350.0,
                                           2040: 500.0}, "est_taicang",
     "CNY/t: forestry-sink credits ~100-150 now [R], rising as buyers move to durable removals "
     "[E]."),
]

# --------------------------------------------------------------------------------------
# Prices: (commodity, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

GRID_PRICE = 0.65          # CNY/kWh, annual average of the time-of-use tariff [E]
GREEN_PREMIUM = 0.03       # CNY/kWh over the grid price [E]

PRICES = [
    ("electricity", "price", {2024: GRID_PRICE}, "china_prices",
     "CNY 0.65/kWh average large-industry tariff, flat in real terms [E] (Tianjin 0.60-0.70 "
     "[E]); time-of-use shape in the profiles sheet [E]."),
    ("electricity", "grid_emission_factor", {2024: GRID_EF_2024 * KG_KWH,
                                             2030: 0.45 * KG_KWH, 2040: 0.27 * KG_KWH},
     "mee_grid", "0.58 kg/kWh in 2024: between national 0.5366 and North China 0.6776 (2022) "
     "[S], as Jiangsu 0.5827 (2023) [R]; -> 0.45 (2030), 0.27 (2040) following data.md's "
     "North China path [E]."),
    ("green_power", "price", {2024: GRID_PRICE + GREEN_PREMIUM}, "china_prices",
     "Grid price + CNY 0.03/kWh green premium [E]; same time-of-use shape."),
    ("green_power", "max_supply", {2024: 100.0, 2026: 600.0, 2028: 2000.0, 2030: 2500.0,
                                   2040: 3500.0}, "est_taicang",
     "GWh/yr the park can contract in Jiangsu green-power trading and GECs [E]."),
    ("green_power", "grid_emission_factor", {2024: 0.0}, "mee_grid",
     "Zero: MEE's 'excluding traded green power' factor (0.5856) shows the market-based "
     "treatment [S]."),
    ("natural_gas", "price", {2024: 0.35}, "china_prices",
     "CNY 0.35/kWh (~CNY 3.4/m3, USD 49/MWh): data.md's USD 35-45/MWh plus distribution [E]."),
]

# --------------------------------------------------------------------------------------
# Demand: (commodity, {year: value}, source, note)
# --------------------------------------------------------------------------------------

DEMAND = [
    ("goods", {2024: OUTPUT_2024, 2030: 72.0, 2040: 88.0}, "taicang_industry",
     "bnCNY/yr: > 60 in 2024 [S]; ~3 %/yr to 2030, ~2 %/yr after [E]."),
    ("electricity", {2024: RES_POWER_2024, 2030: 345.0, 2040: 420.0}, "est_taicang",
     "GWh/yr for homes and services: 150,000 residents [S] x 2.0 MWh [E]; +2 %/yr (EVs, "
     "cooling) [E]."),
]

# --------------------------------------------------------------------------------------
# Capacity: (technology, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

CAPACITY = [
    ("manufacturing", "residual", {2024: OUTPUT_2024}, "taicang_industry",
     "bnCNY/yr in place in 2024 [S]."),
    ("manufacturing", "min", {2024: OUTPUT_2024, 2030: 72.0, 2040: 88.0}, "est_taicang",
     "Pinned to output (min = max) so that jobs follow output [E]."),
    ("manufacturing", "max", {2024: OUTPUT_2024, 2030: 72.0, 2040: 88.0}, "est_taicang",
     "Pinned to output (min = max) [E]."),
    ("gas_boiler", "residual", {2024: 90.0, 2030: 90.0, 2040: 60.0}, "est_taicang",
     "MW_th: 55 MW average load / 0.6 load factor; a third retires 2030-2040 [E]."),
    ("heat_pump", "max", {2025: 30.0, 2030: 60.0, 2040: 70.0}, "est_taicang",
     "MW_th, bounded by waste-heat sources and temperatures [E]."),
    ("heat_storage", "max", {2024: 60.0}, "est_taicang", "MW_th [E]."),
    ("rooftop_pv", "residual", {2024: PV_2024}, "est_taicang", "MW installed by 2024 [E]."),
    ("rooftop_pv", "max", {2025: 120.0, 2028: 220.0, 2030: 280.0, 2040: 400.0}, "est_taicang",
     "Usable roofs ~4 km2 at ~100 MW/km2 by 2040 [E]."),
    ("wind_ppa", "max", {2025: 100.0, 2028: 200.0, 2030: 300.0, 2040: 400.0}, "est_taicang",
     "MW the park can contract from new Jiangsu offshore wind [E]."),
    ("green_power_purchase", "residual", {2024: 1000.0}, "est_taicang",
     "Larger than any load; stands for the grid connection [E]."),
    ("battery", "max", {2025: 25.0, 2030: 100.0, 2040: 150.0}, "est_taicang", "MW [E]."),
    ("energy_efficiency", "max", {2025: 8.0, 2030: 25.0, 2040: 40.0}, "est_taicang",
     "MW avoided: ~12 % of the 2040 manufacturing load [E]."),
    ("certified_removals", "max", {2024: 0.055}, "est_taicang",
     "Mt/yr: ~5 % of the baseline; offsets only for hard residuals [E]."),
]

# --------------------------------------------------------------------------------------
# Socio-economic coefficients (see JOBS_PER_MCNY above)
# --------------------------------------------------------------------------------------

VALUE_ADDED_RATIO = 0.25        # manufacturing value added / gross output [E]
OUTPUT_PER_WORKER = 1.2         # MCNY of output per worker-year [E]
FACTORY_CAPEX = 500.0           # MCNY per bnCNY/yr of new output capacity [E]
OFFSHORE_WIND_CAPEX = 10.0      # CNY/W, Jiangsu offshore wind [R]

SOCIO = {
    "manufacturing": (JOBS_PER_MCNY * FACTORY_CAPEX, 1000 / OUTPUT_PER_WORKER,
                      VALUE_ADDED_RATIO * 1000,
                      "Jobs: factory capex ~CNY 0.5 per CNY of annual output x 2 job-yr/MCNY; "
                      "833 jobs per bnCNY (CNY 1.2 M output per worker) [E]. GDP: value added "
                      "25 % of output = 250 MCNY per bnCNY, ~CNY 15 bn in 2024 [D]/[E]."),
    "gas_boiler": (JOBS_PER_MCNY * GB_CAPEX[2024], 0.05, 0.0,
                   "2 job-yr/MCNY of capex; ~5 staff per 100 MW [E]; value added inside "
                   "manufacturing [E]."),
    "heat_pump": (JOBS_PER_MCNY * HP_CAPEX[2024], 0.05, 0.0,
                  "2 job-yr/MCNY of capex; 0.05 jobs/MW [E]; value added inside manufacturing."),
    "electric_boiler": (JOBS_PER_MCNY * EB_CAPEX[2024], 0.03, 0.0,
                        "2 job-yr/MCNY of capex; 0.03 jobs/MW [E]; value added inside "
                        "manufacturing."),
    "heat_storage": (JOBS_PER_MCNY * HEAT_STORE_CAPEX[2024], 0.01, 0.0,
                     "2 job-yr/MCNY of capex; 0.01 jobs/MW [E]."),
    "rooftop_pv": (JOBS_PER_MCNY * PV_CAPEX[2024], 0.1, 0.45,
                   "2 job-yr/MCNY of capex (6/MW); 0.1 O&M jobs/MW [E]. GDP ~90 % of a "
                   "CNY 0.5/kWh self-consumption price [E]."),
    "wind_ppa": (JOBS_PER_MCNY * OFFSHORE_WIND_CAPEX, 0.2, 0.35,
                 "Jobs and value added of the contracted wind farm, outside the park: CNY 10/W "
                 "[R] x 2 job-yr/MCNY; 0.2 O&M jobs/MW; ~85 % of CNY 0.42/kWh [E]."),
    "green_power_purchase": (0.0, 0.0, 0.0,
                             "A purchase of existing output: no additional jobs or value "
                             "added [E]."),
    "battery": (JOBS_PER_MCNY * BATTERY_CAPEX[2024], 0.02, 0.3,
                "2 job-yr/MCNY of capex; 0.02 jobs/MW; value added = arbitrage margin "
                "~CNY 0.3/kWh discharged [E]."),
    "energy_efficiency": (JOBS_PER_MCNY * EFFICIENCY_CAPEX[2024], 0.2, 0.0,
                          "2 job-yr/MCNY (retrofit labour); 0.2 energy-manager jobs/MW [E]; "
                          "savings raise manufacturing margins, no separate output."),
    "certified_removals": (0.0, 500.0, 80.0,
                           "No local construction; ~500 forestry jobs per Mt/yr of sink, "
                           "outside the park; value added ~CNY 80/t [E]."),
}

# --------------------------------------------------------------------------------------
# Storage
# --------------------------------------------------------------------------------------

STORAGE = [
    dict(technology="battery", commodity="electricity", energy_per_power=BATTERY_HOURS,
         efficiency_in=0.93, efficiency_out=0.93, self_discharge=0.0, source="dea_storage",
         note="Round trip ~0.86 for a C&I system incl. auxiliaries [E] (inverter alone 0.96 "
         "each way [S])."),
    dict(technology="heat_storage", commodity="heat", energy_per_power=HEAT_STORE_HOURS,
         efficiency_in=0.98, efficiency_out=0.98, self_discharge=0.002, source="est_taicang",
         note="0.2 %/h standing losses [E]."),
]

# --------------------------------------------------------------------------------------
# Time slices and profiles: 3 representative days x 4 slices of 6 h (12 slices)
# --------------------------------------------------------------------------------------

DAYS = {"winter": 90, "summer": 92, "shoulder": 183}   # Dec-Feb, Jun-Aug, the rest
STARTS = [0, 6, 12, 18]

# Relative shapes per day (slices starting 00h, 06h, 12h, 18h). Availability shapes are scaled
# so that the hours-weighted mean equals the annual capacity factor. All shapes are
# estimates [E]; replace with Renewables.ninja / atlite profiles at 31.5 N, 121.1 E and with
# the park's metered load.
SHAPES = {
    "rooftop_pv": (PV_CF, {
        "winter": [0.0, 0.30, 0.20, 0.0],
        "summer": [0.01, 0.48, 0.40, 0.01],
        "shoulder": [0.0, 0.42, 0.32, 0.0],
    }),
    "wind_ppa": (PPA_CF, {
        "winter": [0.37, 0.35, 0.34, 0.37],
        "summer": [0.24, 0.21, 0.22, 0.25],
        "shoulder": [0.32, 0.29, 0.29, 0.32],
    }),
}
# Homes and services: evening peak, summer cooling [E].
RES_SHAPE = {"winter": [0.7, 1.1, 1.0, 1.3], "summer": [0.8, 1.2, 1.4, 1.4],
             "shoulder": [0.6, 1.0, 1.0, 1.1]}
# Jiangsu-style time-of-use tariff over 6-h slices [E]: valley 00-08 at 0.4, peaks 08-11 and
# 17-22 at 1.6, flat 1.0 otherwise -> 0.4, 1.1, 1.1, 1.4 (mean 1.0).
TOU_SHAPE = [0.4, 1.1, 1.1, 1.4]

TOU = dict.fromkeys(DAYS, TOU_SHAPE)

# --------------------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------------------


def socio(t: ck.Tech) -> ck.Socio:
    """Socio-economic coefficients of a technology, from SOCIO."""
    jobs_build, jobs_run, gdp, note = SOCIO[t.technology]
    return ck.Socio(jobs_build, jobs_run, gdp, f"Socio-economic: {note}")


def build_tables() -> ck.Tables:
    """All sheets of the Taicang workbook."""
    return ck.case_tables(
        years=YEARS, strict_years=True, settings=SETTINGS, targets=TARGETS,
        commodities=COMMODITIES,
        technologies=ck.technologies_table(TECHNOLOGIES, wacc=WACC, socio=socio),
        flows=FLOWS, costs=COSTS, prices=PRICES, demand=DEMAND, capacity=CAPACITY,
        days=DAYS, starts=STARTS, availability=SHAPES,
        other_profiles={"demand:electricity": RES_SHAPE, "price:electricity": TOU,
                        "price:green_power": TOU},
        storage=STORAGE, sources=SOURCES)


def main() -> None:
    tables = build_tables()
    path = ck.write_case(tables, OUTPUT)
    parts = baseline()
    print(f"wrote {path}: {len(TECHNOLOGIES)} technologies, "
          f"{len(FLOWS)} flows, {len(tables['timeslices'])} slices")
    print("estimated base-year (2024) emissions, scope 1+2 (Mt CO2e):")
    for name, mt in parts.items():
        print(f"  {name:<28} {mt:6.3f}")
    print(f"  {'total':<28} {sum(parts.values()):6.3f}  (base_emissions = {BASE_EMISSIONS})")


if __name__ == "__main__":
    main()
