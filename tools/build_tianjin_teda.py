"""Build the bundled Tianjin TEDA reference case: ``inputs/tianjin_teda.xlsx``.

Run from the project root::

    .venv/bin/python tools/build_tianjin_teda.py

The Tianjin Economic-Technological Development Area (TEDA) reports 16 Mt CO2 in 2020, counted
as scope 1 + 2. More than half of it is purchased electricity from the coal-heavy North China
grid. The case is written from the tables below. Each data row names a ``source`` (an id of
the ``SOURCES`` table) and carries a ``note`` with a confidence tag:

* [S] sourced: the figure is in the cited document;
* [D] derived from sourced figures, with the arithmetic in the note;
* [E] estimate made for this case: replace it when better data arrive;
* [R] recalled from the literature, not re-verified.

Units used throughout: money in MUSD (2025 money); energy in GWh; power and heat capacity in
MW; chemicals and CO2 in Mt, their capacity in Mt/yr. The conversions are:

* 1 USD/kW = 0.001 MUSD/MW;   1 USD/MWh = 0.001 MUSD/GWh;   1 USD/t = 1 MUSD/Mt;
* 1 USD per (t/yr) of capacity = 1 MUSD per (Mt/yr);
* 1 t CO2/MWh = 0.001 Mt/GWh;
* EUR2025 -> USD2025 x 1/0.88; EUR2020 -> EUR2025 x 1.22; CNY -> USD / 7.2 (all [E]).

Manufacturing and services are represented by the electricity they use: one unit of their
activity is the output that used 1 GWh of electricity in 2025. Their value added and jobs per
unit are calibrated on TEDA's GDP (USD 90 bn) and the WEF jobs figure (600k by 2060).

Trajectory rows give values at the years their source gives; the builder fills every
modelled year column by linear interpolation (held flat outside), as the model itself would.

docs/cases/tianjin_teda.md describes the case, its assumptions and the estimates to replace.
"""

from __future__ import annotations

import casekit as ck
from casekit import COAL_EF, GAS_EF, KW, MWH, T_MWH, at, pct, scale

OUTPUT = ck.ROOT / "inputs" / "tianjin_teda.xlsx"
YEARS = [2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060]

# --------------------------------------------------------------------------------------
# Conversion factors and shared physical constants
# --------------------------------------------------------------------------------------

# KW, MWH, T_MWH, GAS_EF and COAL_EF are casekit's (money/kW -> Mmoney/MW and so on).
EUR = 1 / 0.88        # EUR2025 -> USD2025, approximate 2025 average rate [E]
EUR2020 = 1.22        # EUR2020 -> EUR2025, euro-area HICP (approx.) [E]
CNY = 1 / 7.2         # CNY -> USD, approximate 2025 average rate [E]
CN_EQUIP = 0.65       # Chinese PV, wind and battery capex relative to the DEA catalogue [E]

OIL_EF = 0.267 * T_MWH        # diesel/gasoline blend, 74 kg/GJ (IPCC 2006 default) [R]


# --------------------------------------------------------------------------------------
# Calibration of the 2025 base year to the reported 16 Mt (2020, scope 1 + 2)
# --------------------------------------------------------------------------------------
# No published TEDA breakdown exists (data.md B.3): purchased electricity ~8.5 Mt (scope 2),
# heat plants ~3.5, chemicals ~2.5, manufacturing on-site fuels ~1.0, buildings and
# transport ~0.5 [E]. The 2025 base year reproduces this split with existing plants only.
# Scope 2 is held at 8.5 Mt: the grid factor has fallen since 2020, so the electricity bought
# in 2025 is 8.5 Mt / factor(2025), which is 12 TWh (2020) grown ~3 %/yr [D]/[E].

GRID_EF = {2022: 0.6776, 2030: 0.50, 2040: 0.30, 2050: 0.10, 2060: 0.05}  # t/MWh
GRID_EF_2025 = at(GRID_EF, 2025)                                        # 0.611 t/MWh [D]
SCOPE2_2025 = 8.5                                                       # Mt [E]
GRID_PURCHASE_2025 = SCOPE2_2025 / (GRID_EF_2025 * T_MWH)               # GWh [D]

# Chemicals and new materials (Nangang petrochemicals, carbon black), per Mt of product [E]
CHEM_OUTPUT = 2.0                        # Mt/yr of products [E]
CHEM_CO2 = 2.5 / CHEM_OUTPUT             # t CO2 per t product, node total [E]
CHEM_POWER = 750.0                       # GWh/Mt (0.75 MWh/t) [E]
CHEM_PROCESS_CO2 = 0.36                  # t/t not from purchased fuel (tail gas, coke burn) [E]
CHEM_GAS = (CHEM_CO2 - CHEM_PROCESS_CO2) / GAS_EF  # GWh gas per Mt (furnaces, boilers) [D]
CHEM_CAPTURABLE = 0.80                   # share of node CO2 in capturable stacks [E]
CHEM_FIRED_EFF, E_FURNACE_EFF = 0.75, 0.95   # fired vs electric furnace efficiency [E]
CHEM_E_POWER = CHEM_POWER + CHEM_GAS * CHEM_FIRED_EFF / E_FURNACE_EFF  # GWh/Mt [D]
CHEM_E_CAPTURABLE = 0.90                 # share of process CO2 capturable on e-furnaces [E]

# Heat and steam supply (TEDA Thermal Power and other heat plants): 3.5 Mt [E]
COAL_BOILER_MW, COAL_BOILER_AVAIL, COAL_BOILER_EFF = 100.0, 0.87, 0.85   # [E]
COAL_HEAT = COAL_BOILER_MW * 8.76 * COAL_BOILER_AVAIL                   # GWh_th/yr [D]
COAL_HEAT_CO2 = COAL_HEAT * COAL_EF / COAL_BOILER_EFF                  # ~0.30 Mt [D]
GAS_BOILER_EFF = 0.925
GAS_HEAT = (3.5 - COAL_HEAT_CO2) / (GAS_EF / GAS_BOILER_EFF)           # GWh_th/yr [D]
HEAT_DEMAND = GAS_HEAT + COAL_HEAT                                      # GWh_th/yr [D]

# Manufacturing (autos, electronics, pharma, food): electricity and on-site fuels
MFG_POWER = 10000.0                      # GWh/yr of electricity, 2025 [E]
MFG_FUEL_CO2 = 1.0                       # Mt, on-site gas burners [E]
MFG_PROCESS_HEAT = MFG_FUEL_CO2 / GAS_EF                   # GWh/yr direct-fired heat [D]
MFG_HEAT_PER_UNIT = MFG_PROCESS_HEAT / MFG_POWER           # GWh heat per unit output [D]
MFG_E_HEAT = 0.80                        # electricity per unit of gas-fired heat replaced [E]

# Buildings, services and transport: the rest of the electricity, plus 0.5 Mt of fuels
SVC_POWER = GRID_PURCHASE_2025 - MFG_POWER - CHEM_OUTPUT * CHEM_POWER  # GWh [D]
BT_GAS_SHARE = 0.5                       # gas share of the fuel mix (rest oil products) [E]
BT_EF = BT_GAS_SHARE * GAS_EF + (1 - BT_GAS_SHARE) * OIL_EF             # Mt/GWh [D]
BT_ENERGY = 0.5 / BT_EF                  # GWh/yr of fossil final energy [D]
BT_E_RATIO = 0.40                        # electricity per unit of fossil energy replaced [E]

# Growth [E]: electricity services +3 %/yr to 2030, +1.5 %/yr to 2040, +0.5 %/yr to 2050,
# flat after; heat and building/transport energy +1 %/yr to 2030, then flat (efficiency
# offsets growth); chemicals flat at site capacity.
ELEC_GROWTH = {2025: 1.0, 2030: 1.03 ** 5, 2040: 1.03 ** 5 * 1.015 ** 10,
               2050: 1.03 ** 5 * 1.015 ** 10 * 1.005 ** 10}
HEAT_GROWTH = {2025: 1.0, 2030: 1.01 ** 5}

# Socio-economic calibration (B.3: GDP USD 90 bn [S]; 600k jobs by 2060 [S])
MFG_VA, SVC_VA = 52000.0, 37000.0        # MUSD/yr value added, 2025 [E]: ~58 % / ~41 %
MFG_JOBS, SVC_JOBS = 280000.0, 130000.0  # jobs, 2025 [E]
CHEM_VA_PER_T = 400.0                    # USD value added per t product [E]
CHEM_JOBS_PER_MT = 4000.0                # jobs per Mt/yr of capacity [E]
JOBS_PER_MUSD_CAPEX = 10.0               # construction job-years per MUSD invested [E]
OM_JOBS_PER_MUSD = 20.0                  # operating jobs per MUSD/yr of fixed O&M [E]
PIN = 1.0005                             # slack on pinned capacities (see CAPACITY)

# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------

SOURCES = [
    dict(id="wef_tic", title="Transitioning Industrial Clusters towards Net Zero: TEDA "
         "(Tianjin) cluster profile", publisher="World Economic Forum / Accenture", year=2024,
         url="https://www.weforum.org",
         notes="16 Mt CO2 (2020), scope 1 + 2; GDP USD 90 bn; 600k jobs by 2060 [S] (via "
         "data.md B.3). The node split used here is an estimate [E]."),
    dict(id="teda_peak_plan", title="TEDA Carbon Peak Implementation Plan", publisher="TEDA "
         "Administrative Committee (reported by jiaju.sina.cn; Binhai plan via ccn.ac.cn)",
         year=2023, url="https://www.ccn.ac.cn",
         notes="Peak by 2030; by 2025 >= 1.5 GW new renewables, coal use cut by 188 kt, 100 "
         "green-manufacturing firms [S]."),
    dict(id="teda_profile", title="TEDA eco-industrial park profile", publisher="Climate "
         "Scorecard", year=2024, url="https://www.climatescorecard.org",
         notes="~600,000 inhabitants; ~10,000 companies, >1,000 manufacturers (electronics, "
         "healthcare, automotive, new chemical materials) [S]."),
    dict(id="teda_heat", title="TEDA Thermal Power coal-to-gas conversion; Cabot steam supply",
         publisher="english.tjbh.com (Binhai New Area)", year=2017,
         url="https://english.tjbh.com",
         notes="Heat plants converted from coal to gas; Cabot carbon-black site supplies 550 kt "
         "steam/yr [S]."),
    dict(id="mee_grid_ef", title="2022 power CO2 emission factors (regional and provincial "
         "grids)", publisher="Ministry of Ecology and Environment & National Bureau of "
         "Statistics, China (via daydaynews.cc and dhirubhai.net summaries)", year=2024,
         url="https://daydaynews.cc/zh-hant/finance/3899452.html",
         notes="North China grid 0.6776 kg/kWh, Tianjin 0.7041, national 0.5366 (2022) "
         "[S, secondary]. Trajectory 0.50 (2030), 0.30 (2040), 0.10 (2050) [E] (data.md A.9); "
         "0.05 (2060) [E] for this case."),
    dict(id="cn_tariff", title="Tianjin large-industry electricity tariff", publisher="Project "
         "estimate (data.md A.9)", year=2025, url="docs/cases/tianjin_teda.md",
         notes="~0.60-0.70 CNY/kWh = USD 85-95/MWh [E]."),
    dict(id="cn_gas", title="China industrial natural-gas price (LNG-indexed)",
         publisher="Project estimate (data.md A.10)", year=2025, url="docs/cases/tianjin_teda.md",
         notes="USD 35-45/MWh, flat [E]; not retrieved from a primary source."),
    dict(id="cn_ets", title="China national ETS prices and default trajectory", publisher="MEE "
         "data via dxknews (Jan 2025); Shanghai Environment & Energy Exchange via tm-ep.cn "
         "(Jul 2025); Caixin Global", year=2025, url="https://www.cneeex.com",
         notes="Closing price end-2024 CNY 97.49/t; mid-2025 CNY 70-80/t [S]. Default "
         "trajectory CNY 80 (~USD 11, 2025) -> USD 20 (2030) -> 60 (2040) -> 120 (2050) [E]."),
    dict(id="cf_tianjin", title="Capacity factors for Tianjin (TEDA)", publisher="Project "
         "estimate (data.md A.8)", year=2025, url="docs/cases/tianjin_teda.md",
         notes="PV 14-15 % (~1,250-1,300 h), onshore wind ~23 % (~2,000 h), Bohai offshore "
         "30-33 % [E]; check against CEC/NEA provincial utilisation hours."),
    dict(id="pypsa_td", title="PyPSA technology-data, outputs/costs_2025..2050.csv "
         "(commit 634cdc1a, values in EUR2025)", publisher="PyPSA / Zenodo 10.5281/zenodo.3994163",
         year=2026, url="https://github.com/PyPSA/technology-data",
         notes="Compilation used for most technology figures; upstream source cited per row."),
    dict(id="dea_heat", title="Technology data for industrial process heat", publisher="Danish "
         "Energy Agency", year=None, url="https://ens.dk",
         notes="311.1c gas steam boiler, 310.1 electric boiler, 302.a heat pump <=125 C, 312.a "
         "direct-fired gas (via PyPSA, EUR2025) [S]."),
    dict(id="dea_el_dh", title="Technology data for generation of electricity and district "
         "heating", publisher="Danish Energy Agency", year=None, url="https://ens.dk",
         notes="Sheets 20 onshore wind, 21 offshore wind (turbines), 22 utility PV (via PyPSA, "
         "EUR2025) [S]."),
    dict(id="dea_transport", title="Technology Data for Energy Transport", publisher="Danish "
         "Energy Agency (COWI)", year=2021, url="https://ens.dk",
         notes="CO2 onshore pipeline 120-500 t/h; offshore AC submarine cable (via PyPSA, "
         "EUR2025) [S]."),
    dict(id="dea_storage", title="Technology data for energy storage", publisher="Danish Energy "
         "Agency", year=None, url="https://ens.dk",
         notes="Li-ion battery energy and inverter (via PyPSA, EUR2025) [S]."),
    dict(id="dea_ccts", title="Technology data for carbon capture, transport and storage",
         publisher="Danish Energy Agency", year=None, url="https://ens.dk",
         notes="401.c post-combustion capture (cement kiln), 403.a DAC, 451.1a onshore storage "
         "1 Mt/yr (EUR2020 where quoted directly) [S]."),
    dict(id="ait_co2netz", title="CO2Netz study: CO2 dense-phase compression", publisher="AIT "
         "Austrian Institute of Technology", year=2024, url="https://www.ait.ac.at",
         notes="EUR 34,120 per (t/h) = EUR 3.9 per (t/yr); 0.105 MWh/t (via PyPSA) [S]."),
    dict(id="beuttler_2019", title="The Role of Direct Air Capture in Mitigation of "
         "Anthropogenic Greenhouse Gas Emissions", publisher="Beuttler, Charles, Wurzbacher "
         "(Frontiers in Climate)", year=2019, url="https://doi.org/10.3389/fclim.2019.00010",
         notes="DAC electricity 0.4 MWh/t, heat 1.6 MWh_th/t (via PyPSA) [S]."),
    dict(id="ipcc_2006", title="2006 IPCC Guidelines for National Greenhouse Gas Inventories, "
         "vol. 2 ch. 1 (default emission factors)", publisher="IPCC", year=2006,
         url="https://www.ipcc-nggip.iges.or.jp",
         notes="Diesel 74.1, gasoline 69.3 kg CO2/GJ [R]; 74 kg/GJ = 0.267 t/MWh used."),
    dict(id="rutovitz_2015", title="Calculating global energy sector jobs: 2015 methodology",
         publisher="Rutovitz, Dominish & Downes, Institute for Sustainable Futures, UTS",
         year=2015, url="https://www.uts.edu.au/isf",
         notes="Employment factors (OECD): PV 13 job-years/MW construction, 0.7 jobs/MW O&M; "
         "onshore wind 3.2 / 0.3; offshore wind 8.0 / 0.2; gas 1.3 / 0.14; coal 11.2 / 0.14 "
         "[R]. Used as a cross-check of the capex-based rule."),
    dict(id="est_project", title="Estimates made for the Tianjin TEDA reference case",
         publisher="cluster-pathways project", year=2025, url="docs/cases/tianjin_teda.md",
         notes="Assumptions with no direct source; each row says how it was made [E]. Replace "
         "when better data arrive (TEDA energy balance, Tianjin statistical yearbook, operator "
         "data)."),
]

# --------------------------------------------------------------------------------------
# Settings and targets
# --------------------------------------------------------------------------------------

SETTINGS = [
    ("cluster", "Tianjin TEDA", "-", "Tianjin Economic-Technological Development Area (China)"),
    ("currency", "USD", "-", "Case currency; CNY converted at 7.2 CNY/USD [E]"),
    ("currency_year", 2025, "year", "All money in 2025 US dollars"),
    ("money_unit", "MUSD", "-", "Million US dollars"),
    ("reporting_currency", "USD", "-", "Portfolio reports in USD"),
    ("exchange_rate", 1.0, "USD/USD", "Case currency is the reporting currency"),
    ("base_year", 2025, "year", "First modelled year: existing plants only"),
    ("end_year", 2060, "year", "Last calendar year of the horizon (China's neutrality year)"),
    ("year_step", 5, "years", "Modelled years 2025, 2030, ..., 2060 (2060 stands for itself)"),
    ("discount_rate", 0.05, "1/yr", "Social discount rate"),
    ("capex_method", "annuity", "-", "Capex paid as annuities at each technology's wacc"),
    ("emission_scope", "scope12", "-", "Targets on scope 1 + 2 (purchased electricity counts)"),
    ("target_trajectory", "linear", "-", "Caps in every modelled year between the 2030 peak "
     "cap and net zero in 2060"),
    ("base_emissions", 16.0, "Mt CO2e/yr", "Reported cluster emissions, scope 1 + 2 (WEF, 2020) "
     "[S]"),
    ("base_emissions_year", 2020, "year", "Year of the reported base emissions"),
]

TARGETS = [
    dict(year=2030, kind="absolute", scope="scope12", value=16.0, source="teda_peak_plan",
         note="Carbon peak by 2030 [S], written as a cap at the reported 2020 level of 16 Mt "
         "(scope 1 + 2) [E]: emissions may not rise above today's."),
    dict(year=2060, kind="reduction", scope="scope12", value=1.0, source="wef_tic",
         note="Net zero scope 1 + 2 by 2060, China's carbon-neutrality year [S]; DAC removals "
         "may offset residual emissions."),
]

# --------------------------------------------------------------------------------------
# Commodities: (commodity, kind, unit, balance, description, source)
# --------------------------------------------------------------------------------------

COMMODITIES = [
    # bought from outside the cluster
    ("electricity", "supply", "GWh", "slice", "Electricity: North China grid purchases, on-site "
     "generation, green-power contracts and storage", "mee_grid_ef"),
    ("green_power", "supply", "GWh", "slice", "Green electricity bought under green-power "
     "trading contracts (zero market-based scope-2 factor)", "est_project"),
    ("natural_gas", "supply", "GWh", "annual", "Natural gas (LHV), LNG-indexed", "cn_gas"),
    ("coal", "supply", "GWh", "annual", "Thermal coal for the remaining coal-fired boilers (LHV)",
     "teda_peak_plan"),
    ("oil_products", "supply", "GWh", "annual", "Diesel and gasoline for vehicles in the zone "
     "(LHV)", "est_project"),
    # delivered
    ("mfg_output", "demand", "GWh", "slice", "Manufacturing output (autos, electronics, pharma, "
     "food), measured by its 2025 electricity use: 1 unit = output made with 1 GWh", "wef_tic"),
    ("svc_output", "demand", "GWh", "slice", "Services and household activity in the zone, "
     "measured by its 2025 electricity use", "teda_profile"),
    ("chemicals", "demand", "Mt", "annual", "Chemicals and new materials (Nangang "
     "petrochemicals, carbon black)", "teda_heat"),
    ("heat", "demand", "GWh", "slice", "Heat network: district heating and process steam, plus "
     "steam for capture and DAC", "teda_heat"),
    ("bt_energy", "demand", "GWh", "slice", "Buildings and transport energy service, in GWh of "
     "the fossil fuel it used in 2025", "est_project"),
    # balanced inside the cluster
    ("process_heat", "internal", "GWh", "slice", "Direct-fired process heat in manufacturing "
     "(ovens, dryers, paint shops), in GWh of gas-fired heat", "dea_heat"),
    ("chem_flue", "internal", "Mt", "annual", "CO2 in the capturable stacks of the chemical "
     "plants, before vent or capture", "est_project"),
    ("co2_captured", "internal", "Mt", "annual", "Captured CO2 at the plant gate", "dea_ccts"),
    ("co2_delivered", "internal", "Mt", "annual", "Compressed CO2 delivered to the storage "
     "site", "dea_transport"),
    # counted
    ("co2", "emission", "Mt", "annual", "Fossil CO2 emitted to the atmosphere (scope 1)",
     "wef_tic"),
]

# --------------------------------------------------------------------------------------
# Technologies
# --------------------------------------------------------------------------------------
# Columns of the tuples below, in order:
#   technology, category, plant, description, capacity_unit, activity_unit, cap_to_act,
#   lifetime, first_year, max_build_per_year, availability, early_retirement, source, note
# wacc is 0.06 for every technology (Chinese industrial and energy assets [E]); min_load is 0.
# Every new option starts in 2030 or later, so the 2025 base year runs on existing plant.

WACC = 0.06
MAT = ("Mt/yr", "Mt", 1.0)          # chemicals and CO2 handling
ENERGY = ("MW", "GWh", 8.76)        # power, heat and energy-service plants

P_HEAT = "TEDA heat supply"
P_CHEM = "Nangang chemicals"
P_MFG = "Manufacturing"
P_BST = "Buildings, services and transport"
P_POWER = "Power supply"
P_CO2 = "CO2 transport and storage"
P_DAC = "Removals"

TECHNOLOGIES = [
    # --- heat and steam supply ---------------------------------------------------------
    ("gas_heat_plant", "incumbent", P_HEAT, "Gas-fired heat and steam plants (TEDA Thermal "
     "Power and others)", *ENERGY, 25, 2030, 200.0, 0.95, True, "teda_heat",
     "Existing 3,600 MW_th [E] (converted from coal [S]); kept to 2060 unless retired early; "
     "new units allowed from 2030 (DEA 311.1c) [S]. CHP electricity not modelled [E]."),
    ("coal_boiler", "incumbent", P_HEAT, "Remaining coal-fired boilers", *ENERGY, 25, 2030, 0.0,
     COAL_BOILER_AVAIL, True, "teda_peak_plan",
     f"100 MW_th, {COAL_HEAT_CO2:.2f} Mt CO2 [E]: what is left after the plan's 188 kt coal cut "
     "[S]; retire by 2035 [E]; no new coal. Efficiency 85 % [E]."),
    ("heat_pump", "electrification", P_HEAT, "Large heat pumps on sewage, seawater and "
     "industrial waste heat (<=125 C)", *ENERGY, 20, 2030, 150.0, 0.95, False, "dea_heat",
     "DEA 302.a [S]; capacity capped by heat sources (capacity sheet) [E]."),
    ("electric_boiler", "electrification", P_HEAT, "Electrode steam and hot-water boilers",
     *ENERGY, 25, 2030, 300.0, 0.98, False, "dea_heat", "DEA 310.1 [S]; build limit [E]."),
    # --- chemicals -----------------------------------------------------------------------
    ("chem_plant", "incumbent", P_CHEM, "Petrochemical and carbon-black plants with gas-fired "
     "furnaces", *MAT, 30, 2030, 0.0, 1.0, True, "est_project",
     f"Existing {CHEM_OUTPUT} Mt/yr of products [E], calibrated to the 2.5 Mt node [E]; no new "
     "fired capacity; may retire early when electric furnaces replace it. Availability 1: "
     "capacity is the annual output."),
    ("chem_electric", "electrification", P_CHEM, "Chemical plants with electric furnaces "
     "(e-crackers, electric heaters)", *MAT, 30, 2035, 0.2, 1.0, False, "est_project",
     "Not commercial before ~2035 (demonstrators since 2024) [E]; process CO2 remains and is "
     "mostly capturable [E]."),
    ("chem_stack", "incumbent", P_CHEM, "Vent of the capturable chemical-plant CO2", *MAT, 40,
     2030, 0.0, 1.0, False, "est_project",
     "Accounting vent: chem_flue to atmosphere; no cost [E]."),
    ("chem_capture", "ccus", P_CHEM, "Post-combustion amine capture on furnace and process "
     "stacks", *MAT, 25, 2030, 0.5, 0.95, False, "dea_ccts",
     "Activity = CO2 captured. DEA 401.c (cement kiln) as the proxy for 8-20 % CO2 flue gas "
     "[E]. Build limit 0.5 Mt/yr per year [E]."),
    # --- manufacturing -----------------------------------------------------------------
    ("manufacturing", "incumbent", P_MFG, "Manufacturing plants (autos, electronics, pharma, "
     "food), represented by their electricity and process heat", *ENERGY, 40, 2030, None, 1.0,
     False, "wef_tic",
     "Activity = output in 2025-electricity units; capacity (MW) pinned to the output path in "
     "the capacity sheet; plant costs are outside the model [E]."),
    ("mfg_gas_burner", "incumbent", P_MFG, "Direct-fired gas burners (ovens, dryers, paint "
     "shops)", *ENERGY, 15, 2030, None, 1.0, True, "dea_heat",
     "DEA 312.a [S]; existing capacity sized on the 1.0 Mt node [E]; replacements allowed."),
    ("mfg_electric_heat", "electrification", P_MFG, "Electric process heating (induction, "
     "infrared, resistance, small heat pumps)", *ENERGY, 20, 2030, 150.0, 1.0, False,
     "est_project", "Uses 0.8 MWh of electricity per MWh of gas-fired heat replaced (no flue "
     "losses) [E]; cost estimate [E]."),
    # --- buildings, services and transport ----------------------------------------------
    ("services", "incumbent", P_BST, "Services, public buildings and households, represented by "
     "their electricity use", *ENERGY, 40, 2030, None, 1.0, False, "teda_profile",
     "Activity = output in 2025-electricity units; capacity pinned to the output path; costs "
     "outside the model [E]."),
    ("bt_fossil", "incumbent", P_BST, "Gas-heated buildings and fossil-fuelled vehicles",
     *ENERGY, 15, 2030, None, 1.0, False, "est_project",
     "Fuel mix 50 % gas, 50 % oil products [E]; vehicle and appliance costs are outside the "
     "model (replacement in kind is free) [E]."),
    ("bt_electric", "electrification", P_BST, "Electric vehicles and building heat pumps",
     *ENERGY, 15, 2030, 30.0, 1.0, False, "est_project",
     "Capacity in MW of fossil energy replaced; capex is the extra cost over fossil stock [E]."),
    # --- power supply --------------------------------------------------------------------
    ("green_power_contract", "supply", P_POWER, "Green-power trading contracts delivered over "
     "the grid", *ENERGY, 20, 2030, None, 1.0, False, "est_project",
     "Pass-through of the green_power commodity to electricity; price premium and annual "
     "volume limit are in the prices sheet [E]."),
    ("solar_pv", "renewable", P_POWER, "Rooftop and ground-mounted PV in the TEDA parks", *ENERGY,
     30, 2030, 300.0, 0.145, False, "cf_tianjin",
     "Availability = capacity factor 14.5 % [E]; the profile column gives the slice shape [E]. "
     "Life 30 yr (DEA 37.5-40) [E]."),
    ("onshore_wind", "renewable", P_POWER, "Onshore wind on the Binhai coast", *ENERGY, 30, 2030,
     100.0, 0.23, False, "cf_tianjin",
     "Availability = capacity factor 23 % [E]; the profile column gives the slice shape [E]."),
    ("offshore_wind", "renewable", P_POWER, "Offshore wind in the Bohai Sea (cluster share)",
     *ENERGY, 30, 2030, 150.0, 0.315, False, "cf_tianjin",
     "Availability = capacity factor 31.5 % [E]; the profile column gives the slice shape [E]."),
    ("battery", "storage", P_POWER, "Li-ion battery, 4 h", *ENERGY, 20, 2030, 200.0, 1.0, False,
     "dea_storage", "Life 20 yr blends cells (22-30 yr) and inverter (10 yr) [E]."),
    # --- CO2 transport and storage -------------------------------------------------------
    ("co2_transport", "infrastructure", P_CO2, "Compression and ~100 km pipeline to the Dagang "
     "storage site", *MAT, 30, 2030, 0.5, 1.0, False, "dea_transport",
     "Dense-phase compression (AIT) + onshore pipeline (DEA), 100 km [E]; life blends "
     "compressors (25 yr) and pipeline (50 yr) [E]."),
    ("co2_storage", "infrastructure", P_CO2, "Injection into Bohai Bay basin saline aquifers / "
     "Dagang oilfield", *MAT, 30, 2030, 0.5, 1.0, False, "dea_ccts",
     "Activity = Mt injected; DEA 451.1a onshore 1 Mt/yr cost [S] split into capex and VOM "
     "[E]; geology and capacity for TEDA's CO2 [E]."),
    # --- removals -----------------------------------------------------------------------
    ("dac", "removal", P_DAC, "Direct air capture, solid sorbent (CO2 to storage)", *MAT, 20,
     2035, 0.1, 0.95, False, "dea_ccts",
     "Removal: takes CO2 from the atmosphere (negative scope-1 term) [D]. The China ETS does "
     "not credit removals; the model nets them against the carbon price [E]."),
]

RESERVOIR_OF = {"co2_storage": "dagang_store"}

# Socio-economic coefficients: (technology, construction job-years per capacity unit,
# operating jobs per capacity unit, value added in MUSD per activity unit, note).
# Rules [E]: construction ~10 job-years per MUSD of capex (labour ~25 % of capex at
# ~USD 25k per job-year); operating jobs ~20 per MUSD/yr of fixed O&M (labour ~40 % of
# fixed O&M at ~USD 20k per job). Rutovitz et al. (2015) [R] is the cross-check.


def capex_jobs(capex_musd: float) -> float:
    """Construction job-years for a capex in MUSD."""
    return JOBS_PER_MUSD_CAPEX * capex_musd


def om_jobs(fom_musd: float) -> float:
    """Operating jobs for a fixed O&M in MUSD/yr."""
    return OM_JOBS_PER_MUSD * fom_musd


# --------------------------------------------------------------------------------------
# Costs: (technology, parameter, {year: value}, source, note); MUSD per capacity unit
# (capex), per capacity unit and year (fixed_om), per activity unit (variable_om).
# --------------------------------------------------------------------------------------


GAS_BOILER_CAPEX = scale({2025: 63.3, 2030: 57.6}, EUR * KW)
EBOILER_CAPEX = scale({2025: 95.0, 2030: 88.6}, EUR * KW)
HP_CAPEX = scale({2025: 1045, 2030: 986, 2040: 924, 2050: 886}, EUR * KW)
BURNER_CAPEX = {2025: 19.0 * EUR * KW}
MFG_EHEAT_CAPEX = {2030: 250 * KW, 2050: 200 * KW}
BT_ELECTRIC_CAPEX = {2030: 1500 * KW, 2040: 600 * KW, 2050: 400 * KW}
CHEM_E_CAPEX = {2035: 700.0, 2050: 550.0}
CHEM_FOM = 40.0                                   # USD per t/yr per yr [E]
CAPTURE_CAPEX = scale({2025: 402, 2030: 373, 2040: 316, 2050: 258}, EUR)
PV_CAPEX = scale({2025: 595, 2030: 483, 2040: 403, 2050: 368}, EUR * CN_EQUIP * KW)
ONWIND_CAPEX = scale({2025: 1439, 2030: 1383, 2040: 1306, 2050: 1286}, EUR * CN_EQUIP * KW)
OFFWIND_CABLE = 4510 * 20 / 1000                  # EUR/kW: 20 km of AC cable at 4,510 EUR/MW/km
OFFWIND_TURBINE = {2025: 2224, 2030: 2115, 2040: 1964, 2050: 1916}
OFFWIND_CAPEX = {y: (v + OFFWIND_CABLE) * EUR * CN_EQUIP * KW for y, v in OFFWIND_TURBINE.items()}
BATTERY_HOURS = 4.0
BATTERY_KWH = {2025: 250, 2030: 190, 2040: 126, 2050: 100}            # EUR/kWh
BATTERY_KW = {2025: 288, 2030: 214, 2040: 134, 2050: 80}              # EUR/kW inverter
BATTERY_CAPEX = ck.storage_capex(BATTERY_HOURS, BATTERY_KWH, BATTERY_KW, EUR, CN_EQUIP, KW)
CO2_TRANSPORT_KM = 100.0
CO2_COMPRESSION_CAPEX = 34120 / 8760              # EUR per (t/yr)
CO2_PIPELINE_CAPEX = 2672 / 8760 * CO2_TRANSPORT_KM   # EUR per (t/yr)
CO2_TRANSPORT_CAPEX = (CO2_COMPRESSION_CAPEX + CO2_PIPELINE_CAPEX) * EUR
CO2_TRANSPORT_FOM = (0.05 * CO2_COMPRESSION_CAPEX + 0.009 * CO2_PIPELINE_CAPEX) * EUR
DAC_CAPEX = scale({2025: 1005, 2030: 861, 2040: 718, 2050: 574}, EUR)
STORE_ALL_IN = {2020: 12.4, 2030: 11.2, 2050: 10.1}   # EUR2020/t, DEA 451.1a onshore 1 Mt/yr
STORE_CAPEX_SHARE = 0.35 * STORE_ALL_IN[2020]        # EUR2020/t: capex part of the all-in [E]
STORE_CAPEX = STORE_CAPEX_SHARE * 30 * EUR2020 * EUR  # USD per (t/yr): 30 years of injection
STORE_VOM = scale({y: v - STORE_CAPEX_SHARE for y, v in STORE_ALL_IN.items()}, EUR2020 * EUR)

COSTS = [
    # heat
    ("gas_heat_plant", "capex", GAS_BOILER_CAPEX, "dea_heat",
     "EUR 63.3 -> 57.6 per kW_th (DEA 311.1c) x 1/0.88 [S]/[E]."),
    ("gas_heat_plant", "fixed_om", pct({2025: 0.039, 2030: 0.0418, 2040: 0.0396, 2050: 0.0374},
                                       GAS_BOILER_CAPEX), "dea_heat",
     "FOM 3.9 -> 3.7 %/yr [S]; saved if retired early."),
    ("gas_heat_plant", "variable_om", scale({2025: 1.33, 2030: 1.27}, EUR * MWH), "dea_heat",
     "EUR 1.33 -> 1.27/MWh [S]."),
    ("coal_boiler", "fixed_om", {2025: 5.0 * KW}, "est_project",
     "USD 5 per kW_th per yr (~3 % of a USD 150/kW boiler) [E]."),
    ("coal_boiler", "variable_om", {2025: 2.0 * MWH}, "est_project",
     "USD 2/MWh_th, ash and flue-gas cleaning [E]."),
    ("heat_pump", "capex", HP_CAPEX, "dea_heat",
     "EUR 1,045 -> 886 per kW_th (DEA 302.a) x 1/0.88 [S]/[E]; Chinese units may be cheaper."),
    ("heat_pump", "fixed_om", pct(0.0011, HP_CAPEX), "dea_heat",
     "0.11 %/yr; most O&M is in VOM (A.13 item 6) [S]."),
    ("heat_pump", "variable_om", scale({2025: 4.09, 2030: 4.05, 2040: 4.08, 2050: 3.95},
                                     EUR * MWH), "dea_heat", "EUR ~4/MWh_th [S]."),
    ("electric_boiler", "capex", EBOILER_CAPEX, "dea_heat",
     "EUR 95 -> 88.6 per kW_th (DEA 310.1) x 1/0.88 [S]/[E]."),
    ("electric_boiler", "fixed_om", pct({2025: 0.0139, 2030: 0.0146, 2040: 0.0139,
                                         2050: 0.0131}, EBOILER_CAPEX), "dea_heat",
     "FOM 1.4 %/yr [S]."),
    ("electric_boiler", "variable_om", scale({2025: 1.10, 2030: 1.11, 2040: 0.988}, EUR * MWH),
     "dea_heat", "EUR 1.10 -> 0.99/MWh [S]."),
    # chemicals
    ("chem_plant", "fixed_om", {2025: CHEM_FOM}, "est_project",
     "USD 40 per t/yr per yr (maintenance and staff of the furnace and utility section) [E]; "
     "saved if retired early."),
    ("chem_electric", "capex", CHEM_E_CAPEX, "est_project",
     "USD 700 -> 550 per t/yr: electric furnaces, power connection and heat-integration "
     "changes, first of a kind in 2035 [E]."),
    ("chem_electric", "fixed_om", {y: CHEM_FOM + 0.03 * v for y, v in CHEM_E_CAPEX.items()},
     "est_project", "Plant FOM (USD 40) + 3 % of the electric-furnace capex [E]."),
    ("chem_capture", "capex", CAPTURE_CAPEX, "dea_ccts",
     "EUR 402 -> 258 per t/yr (DEA 401.c, EUR2025) x 1/0.88 [S]/[E]; FOAK premium (~2x, "
     "A.14) not applied."),
    ("chem_capture", "fixed_om", pct(0.03, CAPTURE_CAPEX), "dea_ccts", "3 %/yr [S]."),
    ("chem_capture", "variable_om", {2025: 2.5 * EUR2020 * EUR}, "dea_ccts",
     "EUR2020 2.5/t x 1.22 x 1/0.88 [S]/[D]."),
    # manufacturing
    ("mfg_gas_burner", "capex", BURNER_CAPEX, "dea_heat",
     "EUR 19 per kW (DEA 312.a) x 1/0.88 [S]/[E]."),
    ("mfg_gas_burner", "fixed_om", pct(0.012, BURNER_CAPEX), "dea_heat", "1.2 %/yr [S]."),
    ("mfg_gas_burner", "variable_om", {2025: 0.35 * EUR * MWH}, "dea_heat", "EUR 0.35/MWh [S]."),
    ("mfg_electric_heat", "capex", MFG_EHEAT_CAPEX, "est_project",
     "USD 250 -> 200 per kW of heat: mix of induction, infrared and resistance heaters and "
     "small heat pumps, installed [E]."),
    ("mfg_electric_heat", "fixed_om", pct(0.02, MFG_EHEAT_CAPEX), "est_project", "2 %/yr [E]."),
    # buildings and transport
    ("bt_electric", "capex", BT_ELECTRIC_CAPEX, "est_project",
     "Extra cost over fossil stock per kW of fossil energy replaced: USD 1,500 (2030) -> 600 "
     "(2040) -> 400 (2050) [E]; EVs reach price parity in China around 2030 [E]."),
    # power
    ("solar_pv", "capex", PV_CAPEX, "dea_el_dh",
     "EUR 595 -> 368 per kW (DEA 22) x 1/0.88 x 0.65 China factor [S]/[E]."),
    ("solar_pv", "fixed_om", pct({2025: 0.022, 2030: 0.0248, 2040: 0.0252, 2050: 0.0253},
                                 PV_CAPEX), "dea_el_dh", "2.2 -> 2.5 %/yr [S]."),
    ("onshore_wind", "capex", ONWIND_CAPEX, "dea_el_dh",
     "EUR 1,439 -> 1,286 per kW (DEA 20) x 1/0.88 x 0.65 China factor [S]/[E]."),
    ("onshore_wind", "fixed_om", pct({2025: 0.0123, 2030: 0.0122, 2040: 0.0119, 2050: 0.0118},
                                     ONWIND_CAPEX), "dea_el_dh", "1.2 %/yr [S]."),
    ("onshore_wind", "variable_om", scale({2025: 1.90, 2030: 1.80, 2040: 1.66, 2050: 1.62},
                                        EUR * MWH), "dea_el_dh", "EUR 1.9 -> 1.6/MWh [S]."),
    ("offshore_wind", "capex", OFFWIND_CAPEX, "dea_el_dh",
     "Turbines EUR 2,224 -> 1,916/kW (DEA 21) + 20 km AC cable at EUR 4,510/MW/km, x 1/0.88 x "
     "0.65 China factor [S]/[E]."),
    ("offshore_wind", "fixed_om", {y: (s * OFFWIND_TURBINE[y] + 0.025 * OFFWIND_CABLE) * EUR
                                   * CN_EQUIP * KW
                                   for y, s in {2025: 0.0237, 2030: 0.0232, 2040: 0.0218,
                                                2050: 0.0217}.items()},
     "dea_el_dh", "2.4 -> 2.2 %/yr of turbines + 2.5 %/yr of cable [S]."),
    ("battery", "capex", BATTERY_CAPEX, "dea_storage",
     "Per MW incl. 4 h: (4 x EUR 250 -> 100 per kWh + EUR 288 -> 80 per kW) x 1/0.88 x 0.65 "
     "China factor [S]/[E]."),
    ("battery", "fixed_om", {2025: 0.72 * EUR * KW}, "dea_storage",
     "Inverter FOM ~EUR 0.72/kW/yr throughout [D]."),
    # CO2 chain
    ("co2_transport", "capex", {2025: CO2_TRANSPORT_CAPEX}, "dea_transport",
     f"Compression EUR 3.9 per (t/yr) (AIT) + pipeline EUR 2,672 per (t/h) per km / 8,760 x "
     f"{CO2_TRANSPORT_KM:.0f} km = EUR 30.5, x 1/0.88 [D]."),
    ("co2_transport", "fixed_om", {2025: CO2_TRANSPORT_FOM}, "dea_transport",
     "5 %/yr of compression + 0.9 %/yr of pipeline [S]/[D]."),
    ("co2_storage", "capex", {2025: STORE_CAPEX}, "dea_ccts",
     "DEA 451.1a onshore 1 Mt/yr: all-in EUR2020 12.4/t [S], of which 35 % capex [E] = EUR 4.3/t "
     "x 30 years of injection = EUR 130 per (t/yr), x 1.22 x 1/0.88 [D]."),
    ("co2_storage", "variable_om", STORE_VOM, "dea_ccts",
     "DEA 451.1a all-in EUR2020 12.4 -> 11.2 -> 10.1/t less the capex part, x 1.22 x 1/0.88 "
     "[S]/[D]."),
    # removal
    ("dac", "capex", DAC_CAPEX, "dea_ccts",
     "EUR 1,005 -> 574 per (t/yr) (DEA 403.a) x 1/0.88 [S]/[E]."),
    ("dac", "fixed_om", pct(0.0495, DAC_CAPEX), "dea_ccts", "4.95 %/yr [S]."),
]


MFG_GDP = MFG_VA / MFG_POWER                         # MUSD per GWh of output [D]
SVC_GDP = SVC_VA / SVC_POWER                         # MUSD per GWh of output [D]
MFG_OP_JOBS = MFG_JOBS / (MFG_POWER / 8.76)          # jobs per MW [D]
SVC_OP_JOBS = SVC_JOBS / (SVC_POWER / 8.76)          # jobs per MW [D]


def _rule(tech: str) -> tuple[float, float]:
    """(construction job-years, operating jobs) per capacity unit by the capex/FOM rule."""
    return (round(capex_jobs(ck.cost_at(COSTS, tech, "capex", 2030)), 3),
            round(om_jobs(ck.cost_at(COSTS, tech, "fixed_om", 2030)), 4))


SOCIO = [
    ("gas_heat_plant", *_rule("gas_heat_plant"), 0.008,
     "Jobs by the capex/FOM rule [E] (~0.05 per MW_th; Rutovitz gas 0.14/MW_e [R]). Value "
     "added USD 8/MWh_th: heat-tariff margin over fuel [E]."),
    ("coal_boiler", 0.0, 0.3, 0.008,
     "No new coal; 0.3 jobs/MW_th (coal handling, ash) [E]; value added as gas heat [E]."),
    ("heat_pump", *_rule("heat_pump")[:1], 0.1, 0.012,
     "Construction by the capex rule [E]; 0.1 jobs/MW_th, as DEA puts O&M in VOM [E]. Value "
     "added USD 12/MWh_th (heat margin less electricity) [E]."),
    ("electric_boiler", *_rule("electric_boiler"), 0.008,
     "Jobs by the capex/FOM rule [E]; value added as gas heat [E]."),
    ("chem_plant", 0.0, CHEM_JOBS_PER_MT, CHEM_VA_PER_T,
     "No new fired plants. 4,000 jobs per Mt/yr (8,000 staff and resident contractors) [E]; "
     "value added USD 400/t of products [E], part of the GDP calibration."),
    ("chem_electric", capex_jobs(at(CHEM_E_CAPEX, 2035)), CHEM_JOBS_PER_MT, CHEM_VA_PER_T,
     "Construction by the capex rule [E]; operating jobs and value added as the fired "
     "plants it replaces [E]."),
    ("chem_stack", 0.0, 0.0, 0.0, "Accounting vent: no jobs or value added."),
    ("chem_capture", *_rule("chem_capture"), 20.0,
     "Jobs by the capex/FOM rule [E] (~260 jobs per Mt/yr). Value added USD 20/t: wages and "
     "margins of the capture service [E]."),
    ("manufacturing", 400.0, round(MFG_OP_JOBS, 2), round(MFG_GDP, 4),
     f"GDP [D]: USD {MFG_VA / 1000:.0f} bn value added (~58 % of TEDA's USD 90 bn [S], share "
     f"[E]) / {MFG_POWER:,.0f} GWh. Jobs [D]: {MFG_JOBS:,.0f} in 2025 [E] per MW of average "
     "load. Construction: 400 job-years per MW of new load, i.e. ~USD 40 M of building and "
     "installation work per MW at the capex rule (machinery is made elsewhere) [E]."),
    ("mfg_gas_burner", *_rule("mfg_gas_burner"), 0.0,
     "Jobs by the capex/FOM rule [E]; no value added of its own (inside manufacturing)."),
    ("mfg_electric_heat", *_rule("mfg_electric_heat"), 0.0,
     "Jobs by the capex/FOM rule [E]; no value added of its own (inside manufacturing)."),
    ("services", 600.0, round(SVC_OP_JOBS, 2), round(SVC_GDP, 4),
     f"GDP [D]: USD {SVC_VA / 1000:.0f} bn value added (~41 % of USD 90 bn [S], share [E]) / "
     f"{SVC_POWER:,.0f} GWh. Jobs [D]: {SVC_JOBS:,.0f} in 2025 [E] per MW of average load. "
     "Construction: 600 job-years per MW of new load (~USD 60 M of offices and housing per MW "
     "at the capex rule) [E]."),
    ("bt_fossil", 0.0, 0.0, 0.0,
     "Vehicles and appliances: their jobs and value added are counted in services [E]."),
    ("bt_electric", *_rule("bt_electric")[:1], 0.0, 0.0,
     "Construction by the capex rule (chargers, heat-pump installation) [E]; operation counted "
     "in services [E]."),
    ("green_power_contract", 0.0, 0.0, 0.0,
     "Off-site generation: jobs and value added fall outside the zone [E]."),
    ("solar_pv", *_rule("solar_pv"), 0.03,
     "Jobs by the capex/FOM rule [E] (Rutovitz PV 13 / 0.7 at 2015 OECD costs [R]). Value "
     "added USD 30/MWh (capital income and O&M) [E]."),
    ("onshore_wind", *_rule("onshore_wind"), 0.04,
     "Jobs by the capex/FOM rule [E] (Rutovitz 3.2 / 0.3 [R]). Value added USD 40/MWh [E]."),
    ("offshore_wind", *_rule("offshore_wind"), 0.05,
     "Jobs by the capex/FOM rule [E] (Rutovitz 8.0 / 0.2 [R]). Value added USD 50/MWh [E]."),
    ("battery", *_rule("battery"), 0.01,
     "Jobs by the capex/FOM rule [E]. Value added USD 10/MWh discharged [E]."),
    ("co2_transport", *_rule("co2_transport"), 5.0,
     "Jobs by the capex/FOM rule [E]. Value added USD 5/t transported [E]."),
    ("co2_storage", *_rule("co2_storage")[:1], 100.0, 8.0,
     "Construction by the capex rule [E]; 100 jobs per Mt/yr (wells, monitoring; paid from "
     "VOM) [E]. Value added USD 8/t [E]."),
    ("dac", *_rule("dac"), 20.0,
     "Jobs by the capex/FOM rule [E]. Value added USD 20/t removed (wages, margins) [E]."),
]

# --------------------------------------------------------------------------------------
# Flows: (technology, commodity, direction, ratio or {year: ratio}, source, note)
# Ratios are commodity units per activity unit.
# --------------------------------------------------------------------------------------


CAPTURE_RATE = {2025: 0.90, 2030: 0.90, 2040: 0.95, 2050: 0.95}

FLOWS = [
    # --- heat (per GWh_th) ---------------------------------------------------------------
    ("gas_heat_plant", "natural_gas", "in", {2025: 1 / 0.925, 2030: 1 / 0.93, 2050: 1 / 0.94},
     "dea_heat", "Efficiency 0.925 -> 0.93 -> 0.94 (DEA 311.1c) [S]."),
    ("gas_heat_plant", "heat", "out", 1.0, "dea_heat", "Activity is heat [D]."),
    ("gas_heat_plant", "co2", "out", {2025: GAS_EF / 0.925, 2030: GAS_EF / 0.93,
                                      2050: GAS_EF / 0.94},
     "pypsa_td", "0.198 t CO2/MWh gas / efficiency [D]."),
    ("coal_boiler", "coal", "in", 1 / COAL_BOILER_EFF, "est_project", "Efficiency 85 % [E]."),
    ("coal_boiler", "heat", "out", 1.0, "est_project", "Activity is heat [D]."),
    ("coal_boiler", "co2", "out", COAL_EF / COAL_BOILER_EFF, "pypsa_td",
     "0.3361 t CO2/MWh coal / 0.85 [D]."),
    ("heat_pump", "electricity", "in", {2025: 1 / 2.63, 2030: 1 / 2.70, 2040: 1 / 2.80,
                                        2050: 1 / 2.85},
     "dea_heat", "COP 2.63 -> 2.85 (DEA 302.a, <=125 C) [S]."),
    ("heat_pump", "heat", "out", 1.0, "dea_heat", "Activity is heat [D]."),
    ("electric_boiler", "electricity", "in", 1 / 0.99, "dea_heat", "Efficiency 0.99 [S]."),
    ("electric_boiler", "heat", "out", 1.0, "dea_heat", "Activity is heat [D]."),
    # --- chemicals (per Mt of product) ----------------------------------------------------
    ("chem_plant", "natural_gas", "in", CHEM_GAS, "est_project",
     f"{CHEM_GAS:,.0f} GWh/Mt: furnace and boiler fuel giving {CHEM_CO2 - CHEM_PROCESS_CO2:.2f} "
     "t CO2/t at 0.198 t/MWh [D]; own off-gases are counted as purchased gas [E]."),
    ("chem_plant", "electricity", "in", CHEM_POWER, "est_project", "0.75 MWh per t [E]."),
    ("chem_plant", "chemicals", "out", 1.0, "est_project", "Activity is products [D]."),
    ("chem_plant", "chem_flue", "out", CHEM_CO2 * CHEM_CAPTURABLE, "est_project",
     f"{CHEM_CAPTURABLE:.0%} of the {CHEM_CO2:.2f} t/t in furnace and process stacks "
     "(capturable) [E]."),
    ("chem_plant", "co2", "out", CHEM_CO2 * (1 - CHEM_CAPTURABLE), "est_project",
     "Rest diffuse (flares, small heaters, fugitive) [E]."),
    ("chem_electric", "electricity", "in", CHEM_E_POWER, "est_project",
     f"{CHEM_E_POWER:,.0f} GWh/Mt = 750 + furnace duty ({CHEM_GAS:,.0f} x 0.75 fired "
     "efficiency / 0.95 electric) [E]/[D]."),
    ("chem_electric", "chemicals", "out", 1.0, "est_project", "Activity is products [D]."),
    ("chem_electric", "chem_flue", "out", CHEM_PROCESS_CO2 * CHEM_E_CAPTURABLE, "est_project",
     "Process CO2 (tail gas, coke burn-off) remains; 90 % in capturable stacks [E]."),
    ("chem_electric", "co2", "out", CHEM_PROCESS_CO2 * (1 - CHEM_E_CAPTURABLE), "est_project",
     "Rest diffuse [E]."),
    *ck.vent_flows("chem_stack", "chem_flue", "est_project"),
    ("chem_capture", "chem_flue", "in", {y: 1 / r for y, r in CAPTURE_RATE.items()}, "dea_ccts",
     "Flue CO2 treated per t captured = 1/capture rate; 90 % to 2030, 95 % from 2040 "
     "(DEA 401.c) [S]."),
    ("chem_capture", "co2_captured", "out", 1.0, "dea_ccts", "Activity is the CO2 captured [D]."),
    ("chem_capture", "co2", "out", {y: (1 - r) / r for y, r in CAPTURE_RATE.items()},
     "dea_ccts", "Uncaptured remainder = (1 - rate)/rate [D]."),
    ("chem_capture", "heat", "in", {2025: 833.0, 2030: 720.0, 2040: 660.0, 2050: 660.0},
     "dea_ccts", "LP steam 0.83 -> 0.72 -> 0.66 MWh/t from the heat network [S]."),
    ("chem_capture", "electricity", "in", {2025: 25.0, 2030: 22.0, 2040: 20.0, 2050: 18.0},
     "dea_ccts", "Capture electricity; compression is in co2_transport [D]."),
    # --- manufacturing (per unit of output) -----------------------------------------------
    ("manufacturing", "electricity", "in", 1.0, "wef_tic",
     "Output is measured by its 2025 electricity use [D]; efficiency gains are in the demand "
     "path [E]."),
    ("manufacturing", "process_heat", "in", MFG_HEAT_PER_UNIT, "est_project",
     f"{MFG_PROCESS_HEAT:,.0f} GWh of gas-fired heat (1.0 Mt [E] / 0.198 t/MWh) per "
     f"{MFG_POWER:,.0f} GWh of output [D]."),
    ("manufacturing", "mfg_output", "out", 1.0, "wef_tic", "Activity is output [D]."),
    ("mfg_gas_burner", "natural_gas", "in", 1.0, "dea_heat",
     "Direct-fired efficiency 1.0 (DEA 312.a) [S]."),
    ("mfg_gas_burner", "process_heat", "out", 1.0, "dea_heat", "Activity is process heat [D]."),
    ("mfg_gas_burner", "co2", "out", GAS_EF, "pypsa_td", "0.198 t CO2/MWh gas [S]."),
    ("mfg_electric_heat", "electricity", "in", MFG_E_HEAT, "est_project",
     "0.8 MWh per MWh of gas-fired heat replaced [E]."),
    ("mfg_electric_heat", "process_heat", "out", 1.0, "est_project",
     "Activity is process heat [D]."),
    # --- buildings, services and transport -----------------------------------------------
    ("services", "electricity", "in", 1.0, "teda_profile",
     "Output is measured by its 2025 electricity use [D]."),
    ("services", "svc_output", "out", 1.0, "teda_profile", "Activity is output [D]."),
    ("bt_fossil", "natural_gas", "in", BT_GAS_SHARE, "est_project",
     "Half of the fuel is gas (heating, cooking) [E]."),
    ("bt_fossil", "oil_products", "in", 1 - BT_GAS_SHARE, "est_project",
     "Half is diesel and gasoline (vehicles) [E]."),
    ("bt_fossil", "bt_energy", "out", 1.0, "est_project", "Activity is fossil energy used [D]."),
    ("bt_fossil", "co2", "out", BT_EF, "ipcc_2006",
     f"{BT_EF / T_MWH:.3f} t/MWh = 0.5 x 0.198 (gas) + 0.5 x 0.267 (oil) [D]."),
    ("bt_electric", "electricity", "in", BT_E_RATIO, "est_project",
     "0.4 MWh per MWh of fossil fuel replaced: EVs ~3x and heat pumps ~2.5-3x more efficient "
     "[E]."),
    ("bt_electric", "bt_energy", "out", 1.0, "est_project", "Activity is energy service [D]."),
    # --- power supply --------------------------------------------------------------------
    ("green_power_contract", "green_power", "in", 1.0, "est_project",
     "Contracted green electricity [D]."),
    ("green_power_contract", "electricity", "out", 1.0, "est_project",
     "Delivered over the grid with the zone's load [E]."),
    ("solar_pv", "electricity", "out", 1.0, "dea_el_dh", "Activity is electricity [D]."),
    ("onshore_wind", "electricity", "out", 1.0, "dea_el_dh", "Activity is electricity [D]."),
    ("offshore_wind", "electricity", "out", 1.0, "dea_el_dh", "Activity is electricity [D]."),
    # --- CO2 chain (per Mt CO2) -----------------------------------------------------------
    ("co2_transport", "co2_captured", "in", 1.0, "ait_co2netz", "Activity is CO2 [D]."),
    ("co2_transport", "electricity", "in", 105.0 + 0.02 * CO2_TRANSPORT_KM, "ait_co2netz",
     "Compression 0.105 MWh/t [S] + boosters 0.02 kW per (t/h) per km x 100 km [D]."),
    ("co2_transport", "co2_delivered", "out", 1.0, "dea_transport", "Activity is CO2 [D]."),
    ("co2_storage", "co2_delivered", "in", 1.0, "dea_ccts",
     "Activity is CO2 injected into the reservoir [D]."),
    # --- DAC (per Mt removed) -------------------------------------------------------------
    ("dac", "co2", "in", 1.0, "dea_ccts", "Takes CO2 from the atmosphere: a removal [D]."),
    ("dac", "electricity", "in", 400.0, "beuttler_2019",
     "0.40 MWh/t; compression is in co2_transport [S]/[D]."),
    ("dac", "heat", "in", 1600.0, "beuttler_2019", "1.6 MWh_th per t at ~100 C [S]."),
    ("dac", "co2_captured", "out", 1.0, "dea_ccts", "CO2 to the shared chain [D]."),
]

# --------------------------------------------------------------------------------------
# Prices: (commodity, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

GRID_PRICE = 90.0                 # USD/MWh [E]
GREEN_PREMIUM = 6.0               # USD/MWh [E]

PRICES = [
    ("electricity", "price", {2025: GRID_PRICE * MWH}, "cn_tariff",
     "USD 90/MWh (0.65 CNY/kWh / 7.2) all-in large-industry tariff, flat [E]; time-of-use "
     "spreads not modelled."),
    ("electricity", "grid_emission_factor", scale(GRID_EF, T_MWH), "mee_grid_ef",
     "North China grid 0.6776 t/MWh (2022) [S, secondary] interpolated to 0.611 in 2025 [D]; "
     "0.50 (2030), 0.30 (2040), 0.10 (2050) [E, A.9]; 0.05 (2060) [E]. Tianjin's own 2022 "
     "factor is 0.7041. Counts only under scope 1 + 2."),
    ("green_power", "price", {2025: (GRID_PRICE + GREEN_PREMIUM) * MWH}, "est_project",
     "Grid tariff + USD 6/MWh premium (~CNY 0.04/kWh, green-power trading 2023-25) [E]."),
    ("green_power", "grid_emission_factor", {2025: 0.0}, "est_project",
     "Zero under market-based scope-2 accounting with green certificates [E]."),
    ("green_power", "max_supply", {2025: 0.0, 2030: 3000.0, 2040: 10000.0, 2050: 20000.0,
                                   2060: 30000.0}, "est_project",
     "GWh/yr available to TEDA: none in the base year (calibration), 3 TWh (2030) rising to "
     "30 TWh (2060) as green-power trading grows [E]."),
    ("natural_gas", "price", {2025: 40.0 * MWH}, "cn_gas",
     "USD 40/MWh, middle of the USD 35-45 range, flat [E]."),
    ("coal", "price", {2025: 20.0 * MWH}, "est_project",
     "USD 20/MWh: ~CNY 900/t for 5,500 kcal/kg coal (6.4 MWh/t) / 7.2 [E]."),
    ("oil_products", "price", {2025: 80.0 * MWH}, "est_project",
     "USD 80/MWh blend of diesel and gasoline incl. taxes (~CNY 7.5/L) [E]."),
    ("co2", "carbon_price", {2025: 80 * CNY, 2030: 20.0, 2040: 60.0, 2050: 120.0}, "cn_ets",
     "China ETS: CNY 80 (~USD 11, 2025) [S] -> USD 20 (2030) -> 60 (2040) -> 120 (2050) [E], "
     "flat after. Applied to all scope-1 CO2 although the ETS covers power, steel, cement and "
     "aluminium today (chemicals expected later) [E]."),
]

# --------------------------------------------------------------------------------------
# Demand: (commodity, {year: value}, source, note)
# --------------------------------------------------------------------------------------

MFG_PATH = scale(ELEC_GROWTH, MFG_POWER)
SVC_PATH = scale(ELEC_GROWTH, SVC_POWER)

DEMAND = [
    ("mfg_output", MFG_PATH, "est_project",
     f"{MFG_POWER:,.0f} GWh in 2025 [E]; +3 %/yr to 2030, +1.5 %/yr to 2040, +0.5 %/yr to "
     "2050, flat after [E] (value added grows faster as energy intensity falls)."),
    ("svc_output", SVC_PATH, "mee_grid_ef",
     f"{SVC_POWER:,.0f} GWh in 2025 [D]: electricity bought ({GRID_PURCHASE_2025:,.0f} GWh = "
     f"8.5 Mt / {GRID_EF_2025:.3f} t/MWh) less manufacturing and chemicals; growth as "
     "manufacturing [E]."),
    ("chemicals", {2025: CHEM_OUTPUT}, "est_project", f"{CHEM_OUTPUT} Mt/yr, flat [E]."),
    ("heat", scale(HEAT_GROWTH, HEAT_DEMAND), "teda_heat",
     f"{HEAT_DEMAND:,.0f} GWh_th in 2025 [D]: 3.5 Mt [E] less {COAL_HEAT_CO2:.2f} Mt of coal "
     "boilers, / (0.198 / 0.925), + coal heat; +1 %/yr to 2030, flat after [E]."),
    ("bt_energy", scale(HEAT_GROWTH, BT_ENERGY), "est_project",
     f"{BT_ENERGY:,.0f} GWh in 2025 [D] = 0.5 Mt [E] / {BT_EF / T_MWH:.3f} t/MWh; +1 %/yr to "
     "2030, flat after [E]."),
]

# --------------------------------------------------------------------------------------
# Capacity: (technology, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

GAS_HEAT_MW = 3600.0             # existing gas heat plants, MW_th [E] (checked below)

CAPACITY = [
    ("gas_heat_plant", "residual", {2025: GAS_HEAT_MW}, "teda_heat",
     "MW_th: covers the 2025 winter peak (1.85 x mean) with the coal boilers, ~10 % reserve "
     "[E]; kept to 2060 unless retired."),
    ("coal_boiler", "residual", {2025: COAL_BOILER_MW, 2030: COAL_BOILER_MW, 2035: 0.0},
     "teda_peak_plan", "MW_th; the remaining coal boilers close by 2035 (plan to cut coal) [E]."),
    ("heat_pump", "max", {2030: 600.0, 2040: 1500.0, 2050: 2000.0}, "est_project",
     "MW_th, bounded by sewage, seawater and waste-heat sources [E]."),
    ("chem_plant", "residual", {2025: CHEM_OUTPUT}, "est_project", "Mt/yr [E]."),
    ("chem_stack", "residual", {2025: 5.0}, "est_project", "Mt/yr, larger than any flow [E]."),
    ("manufacturing", "residual", {2025: MFG_POWER / 8.76 * PIN}, "est_project",
     "MW of average load = 2025 output / 8.76 (+0.05 % slack) [D]."),
    ("manufacturing", "max", scale(MFG_PATH, PIN / 8.76), "est_project",
     "Pinned to the output path (+0.05 % slack) so capacity, jobs and construction follow "
     "output [D]."),
    ("mfg_gas_burner", "residual", {2025: MFG_PROCESS_HEAT / 8.76 * 1.05}, "est_project",
     "MW: 2025 process heat / 8.76 + 5 % [E]."),
    ("services", "residual", {2025: SVC_POWER / 8.76 * PIN}, "est_project",
     "MW of average load = 2025 output / 8.76 (+0.05 % slack) [D]."),
    ("services", "max", scale(SVC_PATH, PIN / 8.76), "est_project",
     "Pinned to the output path (+0.05 % slack) [D]."),
    ("bt_fossil", "residual", {2025: BT_ENERGY / 8.76 * PIN}, "est_project",
     "MW of average fossil energy use in 2025 [D]."),
    ("solar_pv", "max", {2030: 2000.0, 2040: 3500.0, 2050: 4000.0}, "teda_peak_plan",
     "Rooftops and park land; the plan's >= 1.5 GW of new renewables by 2025 [S] shows the "
     "scale; limits [E]."),
    ("onshore_wind", "max", {2030: 300.0, 2040: 600.0}, "est_project",
     "Coastal sites in the zone's parks [E]."),
    ("offshore_wind", "max", {2030: 300.0, 2040: 1000.0}, "est_project",
     "TEDA's share of Bohai Sea projects [E]."),
    ("co2_storage", "max", {2030: 3.0, 2040: 5.0}, "est_project",
     "Mt/yr injectivity available to TEDA at Dagang [E]."),
    ("dac", "max", {2035: 0.5, 2050: 1.5}, "est_project",
     "Mt/yr: a bounded removal fleet from 2035 [E]."),
]

# --------------------------------------------------------------------------------------
# Storage and reservoirs
# --------------------------------------------------------------------------------------

STORAGE = [
    dict(technology="battery", commodity="electricity", energy_per_power=BATTERY_HOURS,
         efficiency_in=0.96, efficiency_out=0.96, self_discharge=0.0, source="dea_storage",
         note="Inverter efficiency 0.955 -> 0.96 each way [S]; self-discharge neglected [E]."),
]

RESERVOIRS = [
    dict(reservoir="dagang_store", capacity=100.0,
         description="Saline aquifers and depleted reservoirs of the Dagang oilfield (Bohai Bay "
         "basin), ~100 km south of TEDA", source="est_project",
         note="100 Mt available to TEDA [E]; the basin's theoretical capacity is far larger "
         "[R]; site appraisal needed."),
]

# --------------------------------------------------------------------------------------
# Time slices and profiles: 4 representative days x 6 slices of 4 h
# --------------------------------------------------------------------------------------

DAYS = dict.fromkeys(["winter", "spring", "summer", "autumn"], 365 / 4)  # 91.25 days each
STARTS = [0, 4, 8, 12, 16, 20]

# Relative shapes per season (slices starting 00h, 04h, ... 20h), scaled below so that the
# hours-weighted mean equals the annual capacity factor of A.8. Shapes are estimates [E]:
# Tianjin's monsoon climate gives windy springs and calm, hazy summers; PV peaks in spring
# (clear skies) and is lowest in winter. Replace with Renewables.ninja / atlite profiles at
# 39.05 N, 117.7 E.
SHAPES = {
    "solar_pv": (0.145, {
        "winter": [0.0, 0.01, 0.42, 0.38, 0.01, 0.0],
        "spring": [0.0, 0.10, 0.64, 0.58, 0.10, 0.0],
        "summer": [0.0, 0.16, 0.58, 0.54, 0.18, 0.0],
        "autumn": [0.0, 0.05, 0.52, 0.46, 0.04, 0.0],
    }),
    "onshore_wind": (0.23, {
        "winter": [0.26, 0.25, 0.25, 0.29, 0.27, 0.26],
        "spring": [0.30, 0.28, 0.29, 0.36, 0.36, 0.32],
        "summer": [0.15, 0.13, 0.14, 0.19, 0.20, 0.17],
        "autumn": [0.22, 0.21, 0.20, 0.25, 0.24, 0.22],
    }),
    "offshore_wind": (0.315, {
        "winter": [0.40, 0.39, 0.38, 0.40, 0.41, 0.41],
        "spring": [0.38, 0.36, 0.35, 0.39, 0.40, 0.39],
        "summer": [0.20, 0.19, 0.19, 0.22, 0.23, 0.22],
        "autumn": [0.33, 0.32, 0.31, 0.33, 0.34, 0.34],
    }),
}
PROFILE_NOTES = {
    "solar_pv": "14.5 % (Tianjin 14-15 %) [E]",
    "onshore_wind": "23 % (~2,000 h) [E]",
    "offshore_wind": "31.5 % (Bohai 30-33 %) [E]",
}
# Heat demand intensity: district heating runs 15 Nov - 15 Mar in Tianjin, so winter is
# about 2.5x summer; process steam is flat [E]. Normalised by the model.
HEAT_SHAPE = {
    "winter": [1.80, 1.85, 1.65, 1.45, 1.60, 1.75],
    "spring": [0.85, 0.90, 0.78, 0.68, 0.76, 0.84],
    "summer": [0.66, 0.68, 0.70, 0.70, 0.68, 0.66],
    "autumn": [0.86, 0.90, 0.80, 0.74, 0.80, 0.86],
}

# --------------------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------------------

SOCIO_OF = {t: (cj, oj, gdp, note) for t, cj, oj, gdp, note in SOCIO}


def socio(t: ck.Tech) -> ck.Socio:
    """Socio-economic coefficients of a technology, from SOCIO."""
    cj, oj, gdp, note = SOCIO_OF[t.technology]
    return ck.Socio(cj, oj, gdp, f"Socio-economics: {note}")


def build_tables() -> ck.Tables:
    """All sheets of the Tianjin TEDA workbook."""
    missing = [t[0] for t in TECHNOLOGIES if t[0] not in SOCIO_OF]
    assert not missing, f"technologies without socio-economic coefficients: {missing}"
    return ck.case_tables(
        years=YEARS, settings=SETTINGS, targets=TARGETS, commodities=COMMODITIES,
        technologies=ck.technologies_table(TECHNOLOGIES, wacc=WACC, socio=socio,
                                           reservoir_of=RESERVOIR_OF),
        flows=FLOWS, costs=COSTS, prices=PRICES, demand=DEMAND, capacity=CAPACITY,
        days=DAYS, starts=STARTS, availability=SHAPES, other_profiles={"demand:heat": HEAT_SHAPE},
        storage=STORAGE, reservoirs=RESERVOIRS, sources=SOURCES)


def check_calibration() -> None:
    """Assertions on the hand-made numbers: profiles and the heat plant's peak capacity."""
    heat = ck.slice_values(HEAT_SHAPE, DAYS)
    peak = max(heat) / (sum(heat) / len(heat))
    need = HEAT_DEMAND * peak / 8.76 - COAL_BOILER_MW * COAL_BOILER_AVAIL
    assert need <= GAS_HEAT_MW * 0.95, need


def base_year_emissions() -> dict[str, tuple[float, float]]:
    """(scope 1, scope 2) emissions in Mt of the existing plants meeting 2025 demand."""
    ef2 = GRID_EF_2025 * T_MWH
    return {
        "heat supply": (GAS_HEAT * GAS_EF / GAS_BOILER_EFF + COAL_HEAT_CO2, 0.0),
        "chemicals": (CHEM_OUTPUT * CHEM_CO2, CHEM_OUTPUT * CHEM_POWER * ef2),
        "manufacturing": (MFG_PROCESS_HEAT * GAS_EF, MFG_POWER * ef2),
        "buildings, services, transport": (BT_ENERGY * BT_EF, SVC_POWER * ef2),
    }


def base_year_socio() -> tuple[float, float]:
    """Base-year value added (MUSD) and operating jobs of the existing plants."""
    gdp = (MFG_POWER * MFG_GDP + SVC_POWER * SVC_GDP + CHEM_OUTPUT * CHEM_VA_PER_T
           + HEAT_DEMAND * 0.008)
    socio = {t: oj for t, _, oj, _, _ in SOCIO}
    residual = {"gas_heat_plant": GAS_HEAT_MW, "coal_boiler": COAL_BOILER_MW,
                "chem_plant": CHEM_OUTPUT, "manufacturing": MFG_POWER / 8.76 * PIN,
                "services": SVC_POWER / 8.76 * PIN,
                "mfg_gas_burner": MFG_PROCESS_HEAT / 8.76 * 1.05}
    jobs = sum(socio[t] * cap for t, cap in residual.items())
    return gdp, jobs


def main() -> None:
    check_calibration()
    tables = build_tables()
    path = ck.write_case(tables, OUTPUT)
    nodes = base_year_emissions()
    print(f"wrote {path}: {len(TECHNOLOGIES)} technologies, "
          f"{len(FLOWS)} flows")
    print(f"electricity bought in 2025: {GRID_PURCHASE_2025:,.0f} GWh at "
          f"{GRID_EF_2025:.4f} t/MWh")
    print("base-year emissions by node (Mt CO2):   scope 1   scope 2")
    for node, (s1, s2) in nodes.items():
        print(f"  {node:<32} {s1:7.2f}   {s2:7.2f}")
    t1 = sum(v[0] for v in nodes.values())
    t2 = sum(v[1] for v in nodes.values())
    print(f"  {'total':<32} {t1:7.2f}   {t2:7.2f}   (scope 1 + 2: {t1 + t2:.2f})")
    gdp, jobs = base_year_socio()
    print(f"base-year value added ~USD {gdp / 1000:.1f} bn; operating jobs ~{jobs:,.0f}")


if __name__ == "__main__":
    main()
