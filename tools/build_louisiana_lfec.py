"""Build the bundled Louisiana Future Energy Cluster case: ``inputs/louisiana_lfec.xlsx``.

Run from the project root::

    .venv/bin/python tools/build_louisiana_lfec.py

The case is written from the tables below. Each data row names a ``source`` (an id of the
``SOURCES`` table) and carries a ``note`` with a confidence tag:

* [S] sourced: the figure is in the cited document;
* [D] derived from sourced figures, with the arithmetic in the note;
* [E] estimate made for this case: replace it when better data arrive;
* [R] recalled from the literature, not re-verified.

Units used throughout: money in MUSD (2025 money); energy and hydrogen (LHV) in GWh; power
in MW; materials and CO2 in Mt, material capacity in Mt/yr; natural-gas throughput of the gas
processing node in TWh. The conversions are:

* 1 USD/kW = 0.001 MUSD/MW;   1 USD/MWh = 0.001 MUSD/GWh;   1 USD/t = 1 MUSD/Mt;
* 1 USD per (t/yr) of capacity = 1 MUSD per (Mt/yr);
* 1 t CO2/MWh = 0.001 Mt/GWh;
* 1 kg H2 = 33.3 kWh (LHV), so 1 Mt H2 = 33,300 GWh.

The cluster is calibrated to 143 Mt CO2e in 2021 (WEF), split by data.md B.2 into refining
(34), chemicals & ammonia (45), power (28), gas processing & LNG (25) and other (11). Grey
hydrogen (~3 Mt/yr from SMR) is one shared plant fleet feeding a hydrogen network; its CO2 is
counted in the refining and chemicals nodes according to who uses the hydrogen.

docs/cases/louisiana_lfec.md describes the case, its assumptions and the estimates to replace.
"""

from __future__ import annotations

import casekit as ck
from casekit import COAL_EF, GAS_EF, KW, MWH, T_MWH, pct

OUTPUT = ck.ROOT / "inputs" / "louisiana_lfec.xlsx"
YEARS = [2025, 2030, 2035, 2040, 2045, 2050]

# --------------------------------------------------------------------------------------
# Conversion factors and shared physical constants
# --------------------------------------------------------------------------------------

# KW, MWH, T_MWH, GAS_EF and COAL_EF are casekit's (money/kW -> Mmoney/MW and so on).
EUR = 1.136           # EUR2025 -> USD2025 (1 / 0.88, the Dunkerque case's rate) [E]
EUR2020 = 1.22 * EUR  # EUR2020 -> USD2025: euro-area HICP 2020->2025 (~1.22) x EUR [E]
H2_GWH_PER_MT = 33300.0       # GWh (LHV) per Mt H2 [S]
NH3_MWH_PER_T = 5.17          # LHV of ammonia, MWh/t (18.6 GJ/t) [R]

GWP_CH4 = 25.0                # AR4, the GHGRP convention for the 2021 inventory year [R]
GWP_N2O = 298.0               # AR4 [R]

WACC = 0.07
WAGE = 0.11                   # MUSD per construction job-year, loaded US craft wage [E]


def crf(rate: float, life: float) -> float:
    """Capital recovery factor (1/yr) at ``rate`` (1/yr) over ``life`` years."""
    return rate * (1 + rate) ** life / ((1 + rate) ** life - 1)


# --------------------------------------------------------------------------------------
# Calibration to 143 Mt CO2e (2021): every node figure of data.md B.2
# --------------------------------------------------------------------------------------

NODE_TARGETS = {"refining": 34.0, "chemicals & ammonia": 45.0, "power": 28.0,
                "gas processing & LNG": 25.0, "other": 11.0}

# Hydrogen: ~3 Mt/yr of grey H2 (30 % of ~10 Mt US demand [R]), all from SMR.
SMR_EFF = 0.76                               # LHV [S] IEA
SMR_CO2 = GAS_EF / SMR_EFF                   # Mt CO2 per GWh H2 (8.7 kg/kg) [D]
SMR_PROCESS_SHARE = 0.60                     # high-purity shift/AGR share of SMR CO2 [R]
H2_TOTAL = 3.0 * H2_GWH_PER_MT               # GWh/yr
REFINERY_OUTPUT = 150.0                      # Mt/yr crude runs [E]: ~3.3 Mb/d capacity [R] at ~90 %
REFINERY_H2 = 1.2 * H2_GWH_PER_MT / REFINERY_OUTPUT   # GWh H2 per Mt crude [E]: 1.2 Mt H2
AMMONIA_OUTPUT = 6.0                         # Mt NH3/yr [E]: CF Donaldsonville ~4.4 [R] + others
NH3_H2 = 1.148 * NH3_MWH_PER_T * 1000        # GWh H2 per Mt NH3 (178 kg/t) [S]/[D]
NH3_POWER = 0.247 * NH3_MWH_PER_T * 1000     # GWh electricity per Mt NH3 [S]/[D]
OTHER_H2 = H2_TOTAL - REFINERY_OUTPUT * REFINERY_H2 - AMMONIA_OUTPUT * NH3_H2  # GWh/yr

# Refining: 34 Mt = hydrogen CO2 + fired heaters/boilers + FCC coke burn.
REF_H2_CO2 = REFINERY_OUTPUT * REFINERY_H2 * SMR_CO2
REF_SITE_CO2 = (NODE_TARGETS["refining"] - REF_H2_CO2) / REFINERY_OUTPUT   # Mt/Mt crude
REF_FCC_SHARE = 0.20                         # FCC regenerator share of site CO2 [E]
REF_FCC = REF_FCC_SHARE * REF_SITE_CO2
REF_FUEL = (REF_SITE_CO2 - REF_FCC) / GAS_EF  # GWh fuel (fuel gas valued as natural gas)/Mt
REF_CAPTURABLE = 0.60                        # share of fuel CO2 in large stacks [E]
REF_POWER = 55.0                             # GWh per Mt crude (~7.5 kWh/bbl) [R]

# Chemicals: 45 Mt = ammonia H2 + other-chemicals H2 + nitric-acid N2O + site combustion.
NITRIC_OUTPUT = 1.0                          # Mt HNO3/yr [E]
NITRIC_N2O_CO2E = 2.0                        # Mt CO2e [S]: CF Donaldsonville "+ ~2 Mt CO2e N2O"
NITRIC_N2O = NITRIC_N2O_CO2E / GWP_N2O / NITRIC_OUTPUT  # Mt N2O per Mt HNO3 (6.7 kg/t) [D]
NITRIC_NH3 = 0.286                           # t NH3 per t HNO3 (stoichiometric 0.27 + losses) [R]
CHEM_H2_CO2 = (AMMONIA_OUTPUT * NH3_H2 + OTHER_H2) * SMR_CO2
PETCHEM_OUTPUT = 20.0                        # Mt/yr basket (olefins, chlor-vinyls, methanol...) [E]
PETCHEM_CO2 = (NODE_TARGETS["chemicals & ammonia"] - CHEM_H2_CO2 - NITRIC_N2O_CO2E) \
    / PETCHEM_OUTPUT                         # Mt CO2 per Mt product [D]
PETCHEM_FUEL = PETCHEM_CO2 / GAS_EF          # GWh per Mt [D]
PETCHEM_CAPTURABLE = 0.70                    # share in large furnace/boiler stacks [E]
PETCHEM_POWER = 800.0                        # GWh per Mt (chlor-alkali heavy basket) [E]

# Power: 28 Mt = gas fleet 22 + coal 6 [E split]; nuclear 2.1 GW emits none.
POWER_GAS_CO2, POWER_COAL_CO2 = 22.0, 6.0
GAS_POWER_EFF = 0.45                         # fleet average incl. old steam units [E]
GAS_POWER_EF = GAS_EF / GAS_POWER_EFF        # Mt/GWh
COAL_EFF = 0.34                              # [E]
COAL_CAP = 2200.0                            # MW in 2021 [R]
COAL_AVAIL = POWER_COAL_CO2 / (COAL_EF / COAL_EFF) / (COAL_CAP * 8.76)  # calibrated [D]
NUCLEAR_CAP, NUCLEAR_AVAIL = 2135.0, 0.92    # River Bend + Waterford 3 [R]

# Gas processing & LNG: 25 Mt = LNG trains + gas processing/compression (incl. methane).
LNG_OUTPUT = 40.0                            # Mt LNG/yr in 2021 (Sabine Pass + Cameron) [R]
LNG_LHV = 13900.0                            # GWh per Mt LNG [R]
LNG_FUEL_SHARE = 0.075                       # fuel as share of feed gas [R]: 7-10 %
LNG_FUEL = LNG_LHV * LNG_FUEL_SHARE / (1 - LNG_FUEL_SHARE)   # GWh per Mt LNG [D]
LNG_AGR = 0.03                               # Mt CO2 from acid-gas removal per Mt LNG [E]
LNG_CO2 = LNG_FUEL * GAS_EF + LNG_AGR
GAS_THROUGHPUT = 1000.0                      # TWh/yr processed [E]; LA output ~900 TWh [R]
GAS_FUEL = 30.0                              # GWh compressor/heater fuel per TWh (3 %) [E]
GAS_AGR = 0.00403                            # Mt CO2 per TWh: ~2 mol% CO2 in raw gas [E]
GAS_CH4_CO2E = NODE_TARGETS["gas processing & LNG"] - LNG_OUTPUT * LNG_CO2 \
    - GAS_THROUGHPUT * (GAS_FUEL * GAS_EF + GAS_AGR)
GAS_CH4 = GAS_CH4_CO2E / GWP_CH4 / GAS_THROUGHPUT          # Mt CH4 per TWh [D]

# Other industry: 11 Mt = gas-fired steam 7 + process CO2 (calciners, carbon black...) 4 [E].
OTHER_STEAM_CO2, OTHER_PROCESS_CO2 = 7.0, 4.0
BOILER_EFF = 0.925
OTHER_STEAM = OTHER_STEAM_CO2 / (GAS_EF / BOILER_EFF)       # GWh steam/yr [D]
OTHER_OUTPUT = 4.0                           # Mt/yr of other process output [E]
OTHER_CO2 = OTHER_PROCESS_CO2 / OTHER_OUTPUT  # 1 t/t [E]
OTHER_CAPTURABLE = 0.60                      # [E]

# Industrial electricity use in 2025 (GWh/yr), to size the public load served by the fleet.
LNG_POWER, GAS_POWER_USE, OTHER_POWER = 30.0, 1.0, 150.0
INDUSTRY_POWER = (REFINERY_OUTPUT * REF_POWER + AMMONIA_OUTPUT * NH3_POWER
                  + PETCHEM_OUTPUT * PETCHEM_POWER + LNG_OUTPUT * LNG_POWER
                  + GAS_THROUGHPUT * GAS_POWER_USE + OTHER_OUTPUT * OTHER_POWER)
GAS_GEN = POWER_GAS_CO2 / GAS_POWER_EF
COAL_GEN = COAL_CAP * COAL_AVAIL * 8.76
NUCLEAR_GEN = NUCLEAR_CAP * NUCLEAR_AVAIL * 8.76
PUBLIC_LOAD = GAS_GEN + COAL_GEN + NUCLEAR_GEN - INDUSTRY_POWER   # GWh/yr [D]

# Capture plant energy (NPC): gas for steam through the plant's own boiler, whose exhaust
# joins the absorber feed; electricity incl. compression.
NPC_GAS, NPC_POWER = 760.0, 160.0            # GWh per Mt captured [S]

# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------

SOURCES = [
    dict(id="wef_lfec", title="Transitioning Industrial Clusters: Louisiana Future Energy "
         "Cluster profile", publisher="World Economic Forum / Accenture", year=2024,
         url="https://www.weforum.org",
         notes="143 Mt CO2 (2021); Louisiana ~30 % of US hydrogen consumption [S] (via data.md "
         "B.2). The 2030 level is not stated by the cluster (see la_cap)."),
    dict(id="lsu_ces", title="Louisiana greenhouse gas inventory", publisher="LSU Center for "
         "Energy Studies (news release; nola.com; gnoicc.org)", year=2021,
         url="https://www.lsu.edu/ces",
         notes="State total 213-217 Mt; industry 138 Mt (65 %), half in chemicals & refining; "
         "electricity 13 % [S]. Node split of data.md B.2: refining 34 [D], power 28 [D], "
         "chemicals 45, gas & LNG 25, other 11 [E]."),
    dict(id="epa_ghgrp", title="EPA Greenhouse Gas Reporting Program, Louisiana facilities",
         publisher="US EPA (via newspub.live)", year=2024, url="https://ghgdata.epa.gov",
         notes="403 large facilities ~144 Mt CO2e in 2023 [S, secondary], so LFEC is about the "
         "state's large-emitter population incl. power. GHGRP reported with AR4 GWPs (CH4 25, "
         "N2O 298) for these years [R]."),
    dict(id="la_cap", title="Louisiana Climate Action Plan targets", publisher="Climate "
         "Initiatives Task Force (via nola.com)", year=2022, url="https://gov.louisiana.gov",
         notes="Net zero 2050; -26 to -28 % by 2025 and -40 to -50 % by 2030 vs 2005 [S]."),
    dict(id="la_toolkit", title="State toolkit: Louisiana", publisher="Industrial Innovation "
         "Initiative (industrialinnovation.org)", year=2024,
         url="https://industrialinnovation.org/state-toolkit/louisiana",
         notes="16 refineries ~25 % of industrial emissions; Class VI primacy (2024); CCS "
         "projects [S]."),
    dict(id="cf_dville", title="CF Industries Donaldsonville: emissions and CCS project",
         publisher="bicmagazine; CF Industries", year=2024, url="https://www.bicmagazine.com",
         notes="~8 Mt CO2 + ~2 Mt CO2e N2O; 2 Mt/yr capture stored by ExxonMobil in Vermilion "
         "Parish (USD 2 bn) [S]."),
    dict(id="eia_la", title="Louisiana state energy profile and refinery capacity",
         publisher="US Energy Information Administration", year=2023,
         url="https://www.eia.gov/state/?sid=LA",
         notes="Refining capacity ~3.3 Mb/d; nuclear River Bend (~0.97 GW) and Waterford 3 "
         "(~1.17 GW); coal Big Cajun II, Nelson 6, Rodemacher 2; Sabine Pass and Cameron LNG "
         "[R]: recalled, not re-verified here."),
    dict(id="eia_epa", title="Electric Power Annual 2023: average industrial price by state",
         publisher="US Energy Information Administration", year=2024,
         url="https://www.eia.gov/electricity/annual/secrev-map.php",
         notes="Louisiana industrial average 5.88 c/kWh (2023) [S]."),
    dict(id="egrid", title="eGRID subregion SRMV (SERC Mississippi Valley) CO2 output rate",
         publisher="US EPA (third-party copies: API Compendium 2021)", year=2024,
         url="https://www.epa.gov/egrid",
         notes="~0.36 t CO2/MWh (eGRID2019 0.366; eGRID2022 801 lb/MWh) [S, secondary]; "
         "path 0.25 (2035) -> 0.10 (2050) [E]."),
    dict(id="hh_gas", title="Natural gas price, Henry Hub (data.md A.10)", publisher="World "
         "Bank via PyPSA technology-data outputs/US; project recommendation", year=2025,
         url="https://www.worldbank.org/en/research/commodity-markets",
         notes="PyPSA-US USD2025 18.3 (2025) -> 20.0/MWh looks inflated; recommended default "
         "12-15 USD/MWh (USD 3.5-4.5/MMBtu) [E]."),
    dict(id="irs_45q", title="Section 45Q credit for carbon oxide sequestration (IRA 2022, "
         "OBBBA 2025)", publisher="IEAGHG blog; taxpayer.net; Baker Botts", year=2025,
         url="https://ieaghg.org",
         notes="USD 85/t geologic storage (prevailing wage), USD 180/t DAC; 12 years from "
         "start-up (statutory [R]); construction before 1 Jan 2033 [S]."),
    dict(id="npc_2019", title="Meeting the Dual Challenge: A Roadmap to At-Scale Deployment of "
         "CCUS, ch. 2", publisher="National Petroleum Council", year=2021,
         url="https://dualchallenge.npc.org",
         notes="USD2025 per (t/yr): ammonia/SMR high-purity 133 (99 %, 0.10 MWh/t, FOM 5 %), "
         "steel 511 (FOM 5 %) and cement 371 (FOM 7 %) with gas 0.76 + electricity 0.16 MWh/t, "
         "90 %; life 20; no learning (A.13 item 2) [S]."),
    dict(id="nrel_atb", title="Annual Technology Baseline 2024, moderate scenario, market "
         "financials (PyPSA technology-data outputs/US, USD2025)", publisher="NREL via PyPSA "
         "technology-data (commit 634cdc1a)", year=2024, url="https://atb.nrel.gov",
         notes="Utility PV, land-based and offshore wind, battery, NGCC retrofit 90 % and new "
         "NGCC 95 % capture; AEC electrolysis (ICCT/ATB-adjusted); class capacity factors "
         "(A.7, A.8, A.1, A.6) [S]."),
    dict(id="pypsa_td", title="PyPSA technology-data, outputs/costs_2025..2050.csv "
         "(commit 634cdc1a, values in 2025 money)", publisher="PyPSA / Zenodo "
         "10.5281/zenodo.3994163", year=2026, url="https://github.com/PyPSA/technology-data",
         notes="Compilation used for most technology figures; upstream source cited per row. "
         "EUR2025 values converted at 1.136 USD/EUR [E]."),
    dict(id="dea_fuels", title="Data sheets for renewable fuels", publisher="Danish Energy "
         "Agency", year=None, url="https://ens.dk",
         notes="SMR and SMR+CC capex (EUR2025 867 and 1,108 per kW_H2, via PyPSA) [S]."),
    dict(id="iea_h2", title="IEA global LCOH comparison (2020) and The Role of E-fuels",
         publisher="International Energy Agency", year=2020, url="https://www.iea.org",
         notes="SMR 76 %, SMR+CC 69 % and 90 % capture [S]."),
    dict(id="ieaghg_atr", title="Reference data and supporting literature reviews for SMR "
         "based hydrogen production with CCS (2017-02) and H21 North of England",
         publisher="IEAGHG; Northern Gas Networks / Equinor", year=2018,
         url="https://ieaghg.org",
         notes="ATR+CCS EUR 1,100-1,300 per kW_H2, 70-74 % incl. power import, 93-95 % capture "
         "(ranges via data.md A.6) [E]/[R]."),
    dict(id="dechema", title="Low carbon energy and feedstock for the European chemical "
         "industry; DEA sheet 103 Haber-Bosch", publisher="DECHEMA; Danish Energy Agency",
         year=2017, url="https://dechema.de",
         notes="H2 1.148 MWh and electricity 0.247 MWh per MWh NH3 (via PyPSA) [S]."),
    dict(id="dea_heat", title="Technology data for industrial process heat", publisher="Danish "
         "Energy Agency", year=None, url="https://ens.dk",
         notes="311.1c gas boiler, 310.1 electric boiler, 302.b heat pump <=150 C (via PyPSA, "
         "EUR2025) [S]."),
    dict(id="dea_storage", title="Technology data for energy storage", publisher="Danish Energy "
         "Agency", year=None, url="https://ens.dk",
         notes="151c hydrogen storage in salt caverns: EUR2025 3.3 -> 1.6 per kWh [S]."),
    dict(id="dea_transport", title="Technology Data for Energy Transport", publisher="Danish "
         "Energy Agency (COWI)", year=2021, url="https://ens.dk",
         notes="CO2 onshore pipeline 120-500 t/h: EUR2025 2,672 per (t/h) per km, FOM 0.9 %, "
         "boosters 0.02 kW per (t/h) per km (via PyPSA) [S]."),
    dict(id="dea_ccts", title="Technology data for carbon capture, transport and storage",
         publisher="Danish Energy Agency", year=None, url="https://ens.dk",
         notes="451.1c onshore storage 5 Mt/yr EUR2020 6.4 / 5.8 / 5.2 per t (2020/2030/2050); "
         "403.a DAC EUR2025 1,005 -> 574 per (t/yr), FOM 4.95 % [S]."),
    dict(id="ait_co2netz", title="CO2Netz study: CO2 dense-phase compression", publisher="AIT "
         "Austrian Institute of Technology", year=2024, url="https://www.ait.ac.at",
         notes="0.105 MWh per t compressed (via PyPSA) [S]."),
    dict(id="beuttler_2019", title="The Role of Direct Air Capture in Mitigation of "
         "Anthropogenic Greenhouse Gas Emissions", publisher="Beuttler, Charles, Wurzbacher "
         "(Frontiers in Climate)", year=2019, url="https://doi.org/10.3389/fclim.2019.00010",
         notes="DAC electricity 0.4 MWh/t, heat 1.6 MWh_th/t (via PyPSA) [S]."),
    dict(id="cypress_dac", title="Project Cypress DAC hub (Heirloom, Climeworks), Louisiana",
         publisher="bizneworleans; industrialinnovation.org", year=2024,
         url="https://www.bizneworleans.com",
         notes="DOE-selected DAC hub in south-west Louisiana, ~1 Mt/yr goal [S]/[R]."),
    dict(id="est_lfec", title="Estimates made for the Louisiana (LFEC) reference case",
         publisher="cluster-pathways project", year=2025, url="docs/cases/louisiana_lfec.md",
         notes="Assumptions with no direct source; each row says how it was made [E]. Replace "
         "with EPA GHGRP (FLIGHT) facility data, EIA-860/923 and operator data."),
]

# --------------------------------------------------------------------------------------
# Settings and targets
# --------------------------------------------------------------------------------------

TRAJECTORY = "linear"
SETTINGS = [
    ("cluster", "Louisiana LFEC", "-", "Louisiana Future Energy Cluster (USA)"),
    ("currency", "USD", "-", "Case currency"),
    ("currency_year", 2025, "year", "All money in 2025 US dollars"),
    ("money_unit", "MUSD", "-", "Million US dollars"),
    ("reporting_currency", "USD", "-", "Portfolio reports in USD"),
    ("exchange_rate", 1.0, "USD/USD", "Case currency is the reporting currency"),
    ("base_year", 2025, "year", "First modelled year: existing plants only"),
    ("end_year", 2050, "year", "Last calendar year of the horizon"),
    ("year_step", 5, "years", "Modelled years 2025, 2030, ..., 2050"),
    ("discount_rate", 0.05, "1/yr", "Social discount rate"),
    ("capex_method", "annuity", "-", "Capex paid as annuities at each technology's wacc"),
    ("emission_scope", "scope1", "-", "Targets on direct emissions (CO2 + CH4 + N2O, AR4)"),
    ("target_trajectory", TRAJECTORY, "-", "Caps fall linearly between the target years"),
    ("base_emissions", 143.0, "Mt CO2e/yr", "Reported cluster emissions (WEF, 2021) [S]"),
    ("base_emissions_year", 2021, "year", "Year of the reported base emissions"),
]

TARGET_2030 = 0.40
TARGETS = [
    dict(year=2030, kind="reduction", scope="scope1", value=TARGET_2030, source="la_cap",
         note="-40 % vs 143 Mt (2021), a cap of 85.8 Mt. The state's target is -40 to -50 % vs "
         "2005 [S]; no 2005 figure exists for the cluster, so the low end of the state range is "
         "applied to the 2021 base as a proxy [E]. Between the targets the caps fall linearly "
         "(setting target_trajectory) [E]."),
    dict(year=2050, kind="reduction", scope="scope1", value=1.0, source="wef_lfec",
         note="Net zero by 2050 (cluster and state) [S]; removals (DAC + storage) may offset "
         "residual emissions."),
]

# --------------------------------------------------------------------------------------
# Commodities: (commodity, kind, unit, balance, co2e_factor, description, source)
# --------------------------------------------------------------------------------------

COMMODITIES = [
    # bought from outside the cluster (electricity also carries the public load: demand sheet)
    ("electricity", "supply", "GWh", "slice", None, "Electricity: cluster power plants, new "
     "generation and storage, imports from MISO (SRMV grid); also the public load the "
     "cluster's power plants serve", "eia_epa"),
    ("natural_gas", "supply", "GWh", "annual", None, "Natural gas (LHV), Henry Hub; also "
     "stands for refinery and cracker fuel gas, valued at the gas price", "hh_gas"),
    ("coal", "supply", "GWh", "annual", None, "Coal for power plants (LHV)", "est_lfec"),
    # products delivered
    ("refined_products", "demand", "Mt", "annual", None, "Refinery throughput, Mt of crude "
     "processed", "eia_la"),
    ("ammonia", "demand", "Mt", "annual", None, "Ammonia sold (net of nitric-acid use)",
     "cf_dville"),
    ("nitric_acid", "demand", "Mt", "annual", None, "Nitric acid (100 % basis)", "cf_dville"),
    ("petrochemicals", "demand", "Mt", "annual", None, "Basket of olefins, chlor-vinyls, "
     "methanol and other basic chemicals", "est_lfec"),
    ("lng", "demand", "Mt", "annual", None, "Liquefied natural gas exported (feed gas is "
     "tolled, not modelled)", "eia_la"),
    ("gas_processed", "demand", "TWh", "annual", None, "Natural gas processed, compressed and "
     "moved through the state's gathering and transmission systems", "est_lfec"),
    ("other_steam", "demand", "GWh", "slice", None, "Process steam of other industry (pulp & "
     "paper, metals, smaller plants)", "dea_heat"),
    ("other_products", "demand", "Mt", "annual", None, "Other process output (calcined coke, "
     "carbon black, lime, cement)", "est_lfec"),
    # balanced inside the cluster
    ("hydrogen", "internal", "GWh", "slice", None, "Hydrogen on the Gulf Coast pipeline "
     "network, LHV (33.3 kWh/kg); merchant and other-chemicals use is a demand row",
     "wef_lfec"),
    ("smr_co2", "internal", "Mt", "annual", None, "High-purity CO2 from SMR shift and "
     "acid-gas removal, before vent or capture", "npc_2019"),
    ("agr_co2", "internal", "Mt", "annual", None, "High-purity CO2 from acid-gas removal at "
     "gas plants and LNG trains", "est_lfec"),
    ("ref_flue", "internal", "Mt", "annual", None, "CO2 in refinery stacks that can take "
     "capture (large heaters, boilers, FCC regenerators)", "est_lfec"),
    ("chem_flue", "internal", "Mt", "annual", None, "CO2 in large cracker-furnace and boiler "
     "stacks of chemical sites", "est_lfec"),
    ("power_flue", "internal", "Mt", "annual", None, "CO2 in gas-fired power plant exhaust",
     "nrel_atb"),
    ("other_flue", "internal", "Mt", "annual", None, "CO2 in calciner, carbon-black and kiln "
     "off-gas", "est_lfec"),
    ("co2_captured", "internal", "Mt", "annual", None, "Captured CO2, compressed at the "
     "capture site, bound for storage (earns the 45Q credit when injected)", "irs_45q"),
    ("co2_transport", "internal", "Mt", "annual", None, "CO2 pipeline service: one unit per "
     "Mt moved from the capture sites to the injection wells", "dea_transport"),
    # counted
    ("co2", "emission", "Mt", "annual", 1.0, "Fossil CO2 emitted to the atmosphere",
     "wef_lfec"),
    ("ch4", "emission", "Mt", "annual", GWP_CH4, "Methane vented or leaked (CO2e at AR4 GWP "
     "25)", "epa_ghgrp"),
    ("n2o", "emission", "Mt", "annual", GWP_N2O, "Nitrous oxide from nitric acid (CO2e at "
     "AR4 GWP 298)", "epa_ghgrp"),
]

# --------------------------------------------------------------------------------------
# Technologies
# --------------------------------------------------------------------------------------
# Columns of the tuples below, in order:
#   technology, category, plant, description, capacity_unit, activity_unit, cap_to_act,
#   lifetime, first_year, max_build_per_year, availability, early_retirement, source, note
# wacc is 0.07 for every technology; min_load is 0. Every capture technology has
# credit_years = 12 (45Q). Socio-economic coefficients are in SOCIO further down.

MAT = ("Mt/yr", "Mt", 1.0)          # material plants and CO2 handling
ELEC = ("MW", "GWh", 8.76)          # power, heat and hydrogen plants
GASNET = ("TWh/yr", "TWh", 1.0)     # gas processing throughput

P_H2 = "Hydrogen network"
P_REF = "Refineries"
P_CHEM = "Chemicals & ammonia"
P_POWER = "Power plants"
P_RES = "Renewables & storage"
P_GAS = "Gas processing & LNG"
P_OTHER = "Other industry"
P_CO2 = "CO2 network"
P_DAC = "Removals"

TECHNOLOGIES = [
    # --- hydrogen -----------------------------------------------------------------------------
    ("smr", "incumbent", P_H2, "Existing steam methane reformers (grey H2), capacity in MW_H2",
     *ELEC, 30, 2030, 0.0, 0.95, True, "dea_fuels",
     "~3 Mt H2/yr (12.1 GW_H2) in 2025 [D]; no new unabated SMR; may retire early to save "
     "fixed O&M [E]."),
    ("smr_vent", "incumbent", P_H2, "Vent of the SMR high-purity CO2 stream", *MAT, 50, 2030,
     0.0, 1.0, False, "est_lfec", "Accounting vent: smr_co2 to atmosphere; no cost [E]."),
    ("smr_capture", "ccus", P_H2, "Process-stream capture on existing SMRs and ammonia plants "
     "(dehydration + compression)", *MAT, 20, 2030, 2.5, 0.95, False, "npc_2019",
     "Activity = CO2 captured. Build limit 2.5 Mt/yr per year (CF Donaldsonville's 2 Mt/yr "
     "took ~3 years) [R]/[E]. The furnace flue (40 %) stays uncaptured."),
    ("smr_cc", "hydrogen", P_H2, "New SMR with 90 % CO2 capture (blue H2), MW_H2", *ELEC, 30,
     2030, 1000.0, 0.95, False, "dea_fuels", "Build limit 1 GW_H2 per year [E]."),
    ("atr_ccs", "hydrogen", P_H2, "New autothermal reformer with 95 % capture (blue H2), MW_H2",
     *ELEC, 25, 2030, 1500.0, 0.95, False, "ieaghg_atr",
     "Not in the PyPSA set: mid-range of the IEAGHG/H21 ranges [E]/[R]. Build limit 1.5 GW_H2 "
     "per year, about one Ascension-Parish-size project every two years [E]."),
    ("electrolyser", "hydrogen", P_H2, "Alkaline electrolysis (green H2), capacity in MW_e",
     *ELEC, 30, 2030, 1000.0, 0.97, False, "nrel_atb",
     "US AEC costs (ICCT/ATB-adjusted) [S]. Activity = GWh_e. 45V is not modelled (it cannot "
     "be stacked with 45Q; OBBBA ends it for projects starting construction after 2027) [R]."),
    ("h2_cavern", "storage", P_H2, "Hydrogen storage in a salt cavern with compressors, 24 h",
     *ELEC, 40, 2030, 500.0, 1.0, False, "dea_storage",
     "Louisiana salt domes [R]; capacity in MW_H2 of flow; intra-day only with "
     "representative days [E]."),
    # --- refining -----------------------------------------------------------------------------
    ("refinery", "incumbent", P_REF, "Existing refineries with gas/fuel-gas fired heaters and "
     "boilers", *MAT, 40, 2030, 0.0, 1.0, False, "eia_la",
     f"{REFINERY_OUTPUT:.0f} Mt/yr crude runs [E]; calibrated to 34 Mt with its hydrogen [D]. "
     "No new capacity; kept to 2050 (demand flat) [E]."),
    ("refinery_lowc", "hydrogen", P_REF, "Refinery conversion: heaters fired with hydrogen, "
     "steam from electric boilers", *MAT, 30, 2035, 10.0, 1.0, False, "est_lfec",
     "Retrofit of existing refineries (max = existing throughput); FCC coke burn remains [E]. "
     "Build limit 10 Mt/yr per year (~7 % of the fleet) [E]."),
    ("ref_stack", "incumbent", P_REF, "Vent of the capturable refinery CO2", *MAT, 50, 2030,
     0.0, 1.0, False, "est_lfec", "Accounting vent; no cost [E]."),
    ("ref_capture", "ccus", P_REF, "Post-combustion amine capture on refinery heaters, "
     "boilers and FCC", *MAT, 20, 2030, 2.0, 0.95, False, "npc_2019",
     "NPC steel-retrofit cost taken as a proxy for dispersed refinery stacks [E]. Build limit "
     "2 Mt/yr per year [E]."),
    # --- chemicals ----------------------------------------------------------------------------
    ("ammonia_loop", "incumbent", P_CHEM, "Ammonia synthesis (Haber-Bosch loop, N2 supply), "
     "fed from the hydrogen network", *MAT, 30, 2030, 0.0, 1.0, False, "dechema",
     "6.0 Mt NH3/yr [E]; the H2 comes from the network, so grey, blue or green ammonia is the "
     "choice of hydrogen supply. Kept to 2050 [E]."),
    ("nitric_acid", "incumbent", P_CHEM, "Nitric acid plants without tertiary N2O abatement",
     *MAT, 30, 2030, 0.0, 1.0, True, "cf_dville",
     "1.0 Mt/yr [E], sized to the ~2 Mt CO2e of N2O at Donaldsonville [S]/[D]. Retires (saving "
     "its fixed O&M) once the abated plants take over, so abatement is not switched off "
     "again in years where the target is slack [E]."),
    ("nitric_acid_abated", "incumbent", P_CHEM, "Nitric acid with tertiary (catalytic) N2O "
     "abatement", *MAT, 25, 2030, 0.5, 1.0, False, "est_lfec",
     "Retrofit of the existing plants (max = existing capacity); 95 % N2O cut [R]."),
    ("petchem", "incumbent", P_CHEM, "Steam crackers and chemical-site furnaces, boilers and "
     "CHP on gas and fuel gas", *MAT, 40, 2030, 0.0, 1.0, False, "est_lfec",
     f"{PETCHEM_OUTPUT:.0f} Mt/yr basket [E]; intensity calibrated to the 45 Mt node [D]. No "
     "new capacity; kept to 2050 [E]."),
    ("petchem_lowc", "hydrogen", P_CHEM, "Chemical-site conversion: furnaces fired with "
     "hydrogen, steam from electric boilers", *MAT, 30, 2035, 2.0, 1.0, False, "est_lfec",
     "Retrofit (max = existing capacity); 5 % of the CO2 stays (flares, small heaters) [E]."),
    ("chem_stack", "incumbent", P_CHEM, "Vent of the capturable chemical-site CO2", *MAT, 50,
     2030, 0.0, 1.0, False, "est_lfec", "Accounting vent; no cost [E]."),
    ("chem_capture", "ccus", P_CHEM, "Post-combustion amine capture on cracker furnaces and "
     "boilers", *MAT, 20, 2030, 2.0, 0.95, False, "npc_2019",
     "NPC steel-retrofit cost as proxy [E]. Build limit 2 Mt/yr per year [E]."),
    # --- power --------------------------------------------------------------------------------
    ("gas_power", "incumbent", P_POWER, "Existing gas-fired fleet (combined cycles and steam "
     "units)", *ELEC, 30, 2030, 0.0, 0.90, False, "eia_la",
     "Fleet average efficiency 45 % [E]; residual capacity falls as steam units retire [E]. "
     "No early retirement: idle units keep fixed O&M, standing in for the reserve margin that "
     "representative days do not see [E]."),
    ("coal_power", "incumbent", P_POWER, "Existing coal units (Big Cajun II, Nelson 6, "
     "Rodemacher 2)", *ELEC, 40, 2030, 0.0, round(COAL_AVAIL, 4), False, "eia_la",
     f"Availability {COAL_AVAIL:.3f} calibrated to 6 Mt in 2021 (MISO dispatch) [D]; "
     "announced closures in the residual path [R]/[E]. No early retirement, so that 2025 "
     "runs the 2021 fleet (at USD 45/kW-yr the LP would close it at once); targets can still "
     "leave it idle [E]."),
    ("nuclear", "incumbent", P_POWER, "River Bend and Waterford 3 nuclear units", *ELEC, 40,
     2030, 0.0, NUCLEAR_AVAIL, False, "eia_la",
     "2,135 MW [R]; licences assumed extended to 2050 [E]; availability 0.92 [E]."),
    ("power_stack", "incumbent", P_POWER, "Vent of gas-fired power plant exhaust", *MAT, 50,
     2030, 0.0, 1.0, False, "est_lfec", "Accounting vent; no cost [E]."),
    ("power_capture", "ccus", P_POWER, "Post-combustion capture retrofit on the gas fleet "
     "(90 %)", *MAT, 30, 2030, 1.5, 0.90, False, "nrel_atb",
     "ATB NGCC retrofit, converted from per kW to per (t/yr) [D]; availability 0.9 as the "
     "host plant. Build limit 1.5 Mt/yr per year (~0.5 GW of host plant) [E]."),
    ("ngcc_ccs", "ccus", P_POWER, "New combined cycle with 95 % capture", *ELEC, 30, 2030,
     500.0, 0.90, False, "nrel_atb", "ATB new NGCC 95 % capture [S]. Build limit 500 MW/yr "
     "[E]."),
    # --- renewables and storage ---------------------------------------------------------------
    ("solar_pv", "renewable", P_RES, "Utility-scale PV (single-axis tracking)", *ELEC, 30, 2030,
     2000.0, 0.24, False, "nrel_atb",
     "Capacity factor 24 % (ATB classes 7-8: 0.249 / 0.239) [S]/[E]; the profile gives the "
     "slice shape [E]. Build limit 2 GW/yr [E]."),
    ("onshore_wind", "renewable", P_RES, "Land-based wind, modern tall turbines", *ELEC, 30,
     2030, 500.0, 0.34, False, "nrel_atb",
     "Capacity factor 34 % (ATB classes 8-9: 0.363 / 0.351) [S]/[E]; little built in "
     "Louisiana so far: build limit 500 MW/yr [E]."),
    ("offshore_wind", "renewable", P_RES, "Offshore wind, Gulf of Mexico (Lake Charles lease "
     "area)", *ELEC, 30, 2035, 300.0, 0.37, False, "nrel_atb",
     "Capacity factor 37 % (ATB offshore classes 6/13: 0.362 / 0.369) [S]/[E]; lease off "
     "Lake Charles awarded 2023 [R]; from 2035, 300 MW/yr [E]."),
    ("battery", "storage", P_RES, "Li-ion battery, 4 h", *ELEC, 20, 2030, 1000.0, 1.0, False,
     "nrel_atb", "Life 20 yr [E]."),
    # --- gas processing & LNG -----------------------------------------------------------------
    ("lng_train", "incumbent", P_GAS, "LNG trains with gas-turbine compressor drives", *MAT, 40,
     2030, 0.0, 1.0, False, "eia_la",
     f"{LNG_OUTPUT:.0f} Mt/yr in 2021 [R]; fuel {LNG_FUEL_SHARE:.1%} of feed [R]. Feed gas is "
     "tolled and left out; only fuel is bought [E]."),
    ("lng_e_drive", "electrification", P_GAS, "LNG trains with electric-motor compressor "
     "drives (e-drive retrofit)", *MAT, 30, 2030, 4.0, 1.0, False, "est_lfec",
     "Retrofit (max = existing capacity); 350 kWh/t [R]. Build limit 4 Mt/yr per year [E]."),
    ("gas_processing", "incumbent", P_GAS, "Gas processing plants and compressor stations on "
     "gas drives", *GASNET, 40, 2030, 0.0, 1.0, False, "est_lfec",
     f"{GAS_THROUGHPUT:.0f} TWh/yr [E]; methane calibrated to the 25 Mt node [D]."),
    ("gas_processing_electric", "electrification", P_GAS, "Gas processing with electric "
     "compression, electric pneumatics and leak repair", *GASNET, 30, 2030, 60.0, 1.0, False,
     "est_lfec", "Retrofit (max = existing throughput); methane -80 % [E]. Build limit "
     "60 TWh/yr per year [E]."),
    ("agr_vent", "incumbent", P_GAS, "Vent of acid-gas-removal CO2", *MAT, 50, 2030, 0.0, 1.0,
     False, "est_lfec", "Accounting vent; no cost [E]."),
    ("agr_capture", "ccus", P_GAS, "Dehydration and compression of acid-gas-removal CO2", *MAT,
     20, 2030, 1.0, 0.95, False, "npc_2019",
     "High-purity stream: NPC ammonia/SMR figures apply [D]. Build limit 1 Mt/yr per year [E]."),
    # --- other industry -----------------------------------------------------------------------
    ("gas_boiler", "incumbent", P_OTHER, "Natural-gas steam boilers", *ELEC, 25, 2030, 300.0,
     0.95, True, "dea_heat", "Existing 4.5 GW_th [D]/[E]; new boilers allowed [E]."),
    ("electric_boiler", "electrification", P_OTHER, "Electrode steam boilers", *ELEC, 25, 2030,
     500.0, 0.98, False, "dea_heat", "Build limit 500 MW/yr [E]."),
    ("heat_pump", "electrification", P_OTHER, "Industrial heat pumps up to 150 C", *ELEC, 20,
     2030, 200.0, 0.95, False, "dea_heat",
     "DEA 302.b COP (warm source); capacity capped as most steam here is above 150 C [E]."),
    ("other_process", "incumbent", P_OTHER, "Calciners, carbon-black plants, lime and cement "
     "kilns", *MAT, 40, 2030, 0.0, 1.0, False, "est_lfec",
     "4 Mt/yr at 1 t CO2/t [E]; 60 % of the CO2 in capturable off-gas [E]."),
    ("other_stack", "incumbent", P_OTHER, "Vent of capturable other-industry CO2", *MAT, 50,
     2030, 0.0, 1.0, False, "est_lfec", "Accounting vent; no cost [E]."),
    ("other_capture", "ccus", P_OTHER, "Post-combustion capture on calciners, carbon-black and "
     "kiln off-gas", *MAT, 20, 2030, 0.5, 0.95, False, "npc_2019",
     "NPC cement-retrofit cost as proxy [E]. Build limit 0.5 Mt/yr per year [E]."),
    # --- CO2 transport and storage ------------------------------------------------------------
    ("co2_pipeline", "infrastructure", P_CO2, "Onshore CO2 trunk and lateral pipelines to "
     "saline storage sites", *MAT, 50, 2030, 12.0, 1.0, False, "dea_transport",
     "Average haul 100 km (Mississippi corridor to south-west/central saline sites) [E]. "
     "Build limit 12 Mt/yr per year, a little above injection so that the network can run "
     "ahead of the wells [E]."),
    ("co2_injection", "infrastructure", P_CO2, "Class VI injection wells into onshore saline "
     "formations", *MAT, 30, 2030, 10.0, 1.0, False, "dea_ccts",
     "Activity = Mt injected. Build limit 10 Mt/yr per year (several Class VI hubs a year "
     "after state primacy in 2024) [S]/[E]; capacity caps and the reservoir bound it too."),
    # --- removals -----------------------------------------------------------------------------
    ("dac", "removal", P_DAC, "Direct air capture, solid sorbent, heat from heat pumps",
     *MAT, 20, 2030, 1.0, 0.95, False, "dea_ccts",
     "Removal (negative scope-1 term). Build limit 1 Mt/yr per year, a Cypress-size hub a "
     "year [E]. Earns the model's single 45Q rate (85); the statute "
     "pays 180 for DAC, so DAC is costed conservatively [S]/[E]."),
]

CAPTURE_TECHS = {"smr_capture", "smr_cc", "atr_ccs", "ref_capture", "chem_capture",
                 "power_capture", "ngcc_ccs", "agr_capture", "other_capture", "dac"}
CREDIT_YEARS = 12
RESERVOIR_OF = {"co2_injection": "la_saline"}

# --------------------------------------------------------------------------------------
# Flows: (technology, commodity, direction, ratio or {year: ratio}, source, note)
# --------------------------------------------------------------------------------------


def stream_capture_flows(tech, stream, rate, power, source, note):
    """Capture of a high-purity stream: activity is CO2 captured."""
    return [
        (tech, stream, "in", 1 / rate, source, f"Stream treated per t captured = 1/{rate} "
         f"[D]; {note}"),
        (tech, "co2_captured", "out", 1.0, source, "Activity is the CO2 captured [D]."),
        (tech, "co2", "out", (1 - rate) / rate, source, "Uncaptured remainder [D]."),
        (tech, "electricity", "in", power, source, f"{power / 1000:.2f} MWh/t for dehydration "
         "and compression [S]."),
    ]


def npc_flue_capture_flows(tech, flue, source, note):
    """NPC amine capture whose steam comes from its own gas boiler, exhaust through the absorber.

    Per Mt captured at 90 %: gas 760 GWh adds 0.150 Mt CO2 to the absorber feed, so the flue
    treated is 1/0.9 - 0.150 Mt and the slip is 0.1/0.9 Mt.
    """
    own = NPC_GAS * GAS_EF
    return [
        (tech, flue, "in", 1 / 0.9 - own, source,
         f"1/0.9 less the {own:.3f} Mt of the capture plant's own boiler CO2, which passes the "
         f"absorber too [D]; {note}"),
        (tech, "natural_gas", "in", NPC_GAS, source, "NPC gas 0.76 MWh/t for solvent "
         "regeneration [S]."),
        (tech, "electricity", "in", NPC_POWER, source, "NPC 0.16 MWh/t incl. compression [S]."),
        (tech, "co2_captured", "out", 1.0, source, "Activity is the CO2 captured [D]."),
        (tech, "co2", "out", 0.1 / 0.9, source, "10 % of the absorber feed slips [D]."),
    ]


def lowc_flows(tech, product, fuel, residual_co2, extra, source, note, process_h2=0.0):
    """Fuel switch: 70 % of fired duty to hydrogen (1:1 LHV), 30 % (steam) to e-boilers."""
    h2_note = f" plus {process_h2:.0f} GWh/Mt of process hydrogen as before" if process_h2 else ""
    return [
        (tech, product, "out", 1.0, source, "Activity is the product [D]."),
        (tech, "hydrogen", "in", 0.70 * fuel + process_h2, source,
         f"70 % of the {fuel:.0f} GWh/Mt fired duty, fired with H2 at equal LHV{h2_note} [E]; "
         f"{note}"),
        (tech, "electricity", "in", 0.30 * fuel * BOILER_EFF / 0.99 + extra, source,
         "30 % of the fuel went to steam: e-boilers at 0.99 vs gas boilers at 0.925, plus the "
         "site's base electricity [D]/[E]."),
        *([(tech, "co2", "out", residual_co2, source, "Residual CO2 that no fuel switch "
            "removes [E].")] if residual_co2 else []),
    ]


OTHER_H2_SHARE_NOTE = (f"{OTHER_H2:.0f} GWh/yr = 3 Mt H2 less refining (1.2 Mt) and ammonia "
                       f"({AMMONIA_OUTPUT * NH3_H2 / H2_GWH_PER_MT:.2f} Mt) [D]")

FLOWS = [
    # --- hydrogen (per GWh H2 or GWh_e) -------------------------------------------------------
    ("smr", "natural_gas", "in", 1 / SMR_EFF, "iea_h2", "Efficiency 76 % LHV [S]."),
    ("smr", "hydrogen", "out", 1.0, "iea_h2", "Activity is hydrogen [D]."),
    ("smr", "smr_co2", "out", SMR_PROCESS_SHARE * SMR_CO2, "npc_2019",
     "60 % of 0.26 t/MWh in the high-purity shift stream [R]/[D]."),
    ("smr", "co2", "out", (1 - SMR_PROCESS_SHARE) * SMR_CO2, "iea_h2",
     "40 % in the reformer furnace flue, vented [R]/[D]."),
    *ck.vent_flows("smr_vent", "smr_co2", "est_lfec"),
    *stream_capture_flows("smr_capture", "smr_co2", 0.99, 100.0, "npc_2019",
                          "99 % of the concentrated stream [S]."),
    ("smr_cc", "natural_gas", "in", 1 / 0.69, "iea_h2", "Efficiency 69 % LHV [S]."),
    ("smr_cc", "hydrogen", "out", 1.0, "iea_h2", "Activity is hydrogen [D]."),
    ("smr_cc", "co2_captured", "out", 0.90 * GAS_EF / 0.69, "iea_h2", "90 % captured [S]/[D]."),
    ("smr_cc", "co2", "out", 0.10 * GAS_EF / 0.69, "iea_h2", "10 % not captured [D]."),
    ("smr_cc", "electricity", "in", 0.105 * 0.90 * GAS_EF / 0.69 * 1000, "ait_co2netz",
     "Compression 0.105 MWh per t captured [S]/[D]."),
    ("atr_ccs", "natural_gas", "in", 1 / 0.75, "ieaghg_atr", "Gas 75 % LHV [E]/[R]."),
    ("atr_ccs", "electricity", "in", 0.05, "ieaghg_atr",
     "ASU, compression: 0.05 GWh per GWh H2, ~72 % overall [E]/[R]."),
    ("atr_ccs", "hydrogen", "out", 1.0, "ieaghg_atr", "Activity is hydrogen [D]."),
    ("atr_ccs", "co2_captured", "out", 0.95 * GAS_EF / 0.75, "ieaghg_atr",
     "95 % captured [E]/[R]."),
    ("atr_ccs", "co2", "out", 0.05 * GAS_EF / 0.75, "ieaghg_atr", "5 % not captured [D]."),
    ("electrolyser", "electricity", "in", 1.0, "nrel_atb", "Activity is electricity in [D]."),
    ("electrolyser", "hydrogen", "out", 1 / 1.38, "nrel_atb",
     "1.38 MWh_e per MWh H2 (72.5 % LHV) [S]."),
    # --- refining (per Mt crude) --------------------------------------------------------------
    ("refinery", "refined_products", "out", 1.0, "eia_la", "Activity is crude processed [D]."),
    ("refinery", "hydrogen", "in", REFINERY_H2, "wef_lfec",
     f"{REFINERY_H2:.0f} GWh/Mt: 1.2 Mt H2/yr over {REFINERY_OUTPUT:.0f} Mt (~8 kg/t) [E]."),
    ("refinery", "natural_gas", "in", REF_FUEL, "lsu_ces",
     f"{REF_FUEL:.0f} GWh/Mt: fired duty so that heaters + FCC give the 34 Mt node less its "
     f"hydrogen CO2 ({REF_H2_CO2:.1f} Mt) [D]. Fuel gas valued as natural gas [E]."),
    ("refinery", "electricity", "in", REF_POWER, "eia_la", "~7.5 kWh/bbl [R]."),
    ("refinery", "ref_flue", "out", REF_CAPTURABLE * REF_FUEL * GAS_EF + REF_FCC, "est_lfec",
     "FCC regenerator CO2 (20 % of site CO2) + 60 % of fuel CO2 in large stacks [E]."),
    ("refinery", "co2", "out", (1 - REF_CAPTURABLE) * REF_FUEL * GAS_EF, "est_lfec",
     "40 % of fuel CO2 from small heaters and flares [E]."),
    *lowc_flows("refinery_lowc", "refined_products", REF_FUEL, 0.0, REF_POWER, "est_lfec",
                "replaces the fuel gas, which is assumed to go to reformer feed [E]",
                process_h2=REFINERY_H2),
    ("refinery_lowc", "ref_flue", "out", REF_FCC, "est_lfec", "FCC coke burn remains [E]."),
    *ck.vent_flows("ref_stack", "ref_flue", "est_lfec"),
    *npc_flue_capture_flows("ref_capture", "ref_flue", "npc_2019", "90 % capture [S]."),
    # --- chemicals ----------------------------------------------------------------------------
    ("ammonia_loop", "hydrogen", "in", NH3_H2, "dechema",
     "1.148 MWh H2 per MWh NH3 x 5.17 MWh/t = 178 kg/t [S]/[D]."),
    ("ammonia_loop", "electricity", "in", NH3_POWER, "dechema",
     "0.247 MWh per MWh NH3 x 5.17 (all-electric loop and N2 supply; conservative for plants "
     "driving compressors with reformer steam) [S]/[E]."),
    ("ammonia_loop", "ammonia", "out", 1.0, "dechema", "Activity is ammonia [D]."),
    ("nitric_acid", "ammonia", "in", NITRIC_NH3, "est_lfec", "0.286 t NH3 per t HNO3 [R]."),
    ("nitric_acid", "nitric_acid", "out", 1.0, "est_lfec", "Activity is nitric acid [D]."),
    ("nitric_acid", "n2o", "out", NITRIC_N2O, "cf_dville",
     f"{NITRIC_N2O * 1000:.1f} kg N2O/t: 2 Mt CO2e / 298 / 1 Mt [D]."),
    ("nitric_acid_abated", "ammonia", "in", NITRIC_NH3, "est_lfec", "As nitric_acid [R]."),
    ("nitric_acid_abated", "nitric_acid", "out", 1.0, "est_lfec", "Activity is nitric acid "
     "[D]."),
    ("nitric_acid_abated", "n2o", "out", 0.05 * NITRIC_N2O, "est_lfec",
     "Tertiary catalyst removes ~95 % [R]."),
    ("petchem", "petrochemicals", "out", 1.0, "est_lfec", "Activity is product [D]."),
    ("petchem", "natural_gas", "in", PETCHEM_FUEL, "lsu_ces",
     f"{PETCHEM_FUEL:.0f} GWh/Mt so that the chemicals node is 45 Mt with its hydrogen "
     f"({CHEM_H2_CO2:.1f} Mt) and N2O (2 Mt) [D]."),
    ("petchem", "electricity", "in", PETCHEM_POWER, "est_lfec", "0.8 MWh/t [E]."),
    ("petchem", "chem_flue", "out", PETCHEM_CAPTURABLE * PETCHEM_CO2, "est_lfec",
     "70 % in large furnace and boiler stacks [E]."),
    ("petchem", "co2", "out", (1 - PETCHEM_CAPTURABLE) * PETCHEM_CO2, "est_lfec",
     "30 % diffuse (small heaters, flares) [E]."),
    *lowc_flows("petchem_lowc", "petrochemicals", PETCHEM_FUEL, 0.05 * PETCHEM_CO2,
                PETCHEM_POWER, "est_lfec", "cracker tail gas assumed sent to reformers [E]"),
    *ck.vent_flows("chem_stack", "chem_flue", "est_lfec"),
    *npc_flue_capture_flows("chem_capture", "chem_flue", "npc_2019", "90 % capture [S]."),
    # --- power (per GWh) ----------------------------------------------------------------------
    ("gas_power", "natural_gas", "in", 1 / GAS_POWER_EFF, "eia_la", "Fleet efficiency 45 % [E]."),
    ("gas_power", "electricity", "out", 1.0, "eia_la", "Activity is electricity [D]."),
    ("gas_power", "power_flue", "out", GAS_POWER_EF, "pypsa_td",
     "0.198 t/MWh gas / 0.45 = 0.44 t/MWh, all in the exhaust [D]."),
    ("coal_power", "coal", "in", 1 / COAL_EFF, "eia_la", "Efficiency 34 % [E]."),
    ("coal_power", "electricity", "out", 1.0, "eia_la", "Activity is electricity [D]."),
    ("coal_power", "co2", "out", COAL_EF / COAL_EFF, "pypsa_td",
     "0.3361 t/MWh / 0.34 = 0.99 t/MWh [D]."),
    ("nuclear", "electricity", "out", 1.0, "eia_la", "Activity is electricity [D]."),
    *ck.vent_flows("power_stack", "power_flue", "est_lfec"),
    ("power_capture", "power_flue", "in", 1 / 0.9, "nrel_atb", "90 % capture [S]."),
    ("power_capture", "co2_captured", "out", 1.0, "nrel_atb", "Activity is CO2 captured [D]."),
    ("power_capture", "co2", "out", 0.1 / 0.9, "nrel_atb", "Remainder [D]."),
    ("power_capture", "electricity", "in", 208.0, "nrel_atb",
     "Energy penalty: efficiency 57.3 -> 53.6 % loses 6.5 % of output, 0.208 MWh per t "
     "captured [D]."),
    ("ngcc_ccs", "natural_gas", "in", 1 / 0.527, "nrel_atb", "Efficiency 52.7 % [S]."),
    ("ngcc_ccs", "electricity", "out", 1.0, "nrel_atb", "Activity is electricity [D]."),
    ("ngcc_ccs", "co2_captured", "out", 0.95 * GAS_EF / 0.527, "nrel_atb", "95 % captured [S]."),
    ("ngcc_ccs", "co2", "out", 0.05 * GAS_EF / 0.527, "nrel_atb", "5 % not captured [D]."),
    # --- renewables ---------------------------------------------------------------------------
    ("solar_pv", "electricity", "out", 1.0, "nrel_atb", "Activity is electricity [D]."),
    ("onshore_wind", "electricity", "out", 1.0, "nrel_atb", "Activity is electricity [D]."),
    ("offshore_wind", "electricity", "out", 1.0, "nrel_atb", "Activity is electricity [D]."),
    # --- gas processing & LNG -----------------------------------------------------------------
    ("lng_train", "lng", "out", 1.0, "eia_la", "Activity is LNG [D]."),
    ("lng_train", "natural_gas", "in", LNG_FUEL, "est_lfec",
     f"{LNG_FUEL:.0f} GWh/Mt: 7.5 % of feed (13,900 GWh/Mt LNG) burnt in turbines [R]/[D]."),
    ("lng_train", "electricity", "in", LNG_POWER, "est_lfec", "Utilities 30 kWh/t [E]."),
    ("lng_train", "co2", "out", LNG_FUEL * GAS_EF, "pypsa_td", "Turbine exhaust [D]."),
    ("lng_train", "agr_co2", "out", LNG_AGR, "est_lfec", "Acid-gas removal 0.03 t/t [E]."),
    ("lng_e_drive", "lng", "out", 1.0, "est_lfec", "Activity is LNG [D]."),
    ("lng_e_drive", "electricity", "in", 350.0 + LNG_POWER, "est_lfec",
     "350 kWh/t for the refrigerant compressors [R] + utilities [E]."),
    ("lng_e_drive", "natural_gas", "in", 50.0, "est_lfec", "Heaters and flares [E]."),
    ("lng_e_drive", "co2", "out", 50.0 * GAS_EF, "est_lfec", "Heaters and flares [D]."),
    ("lng_e_drive", "agr_co2", "out", LNG_AGR, "est_lfec", "As lng_train [E]."),
    ("gas_processing", "gas_processed", "out", 1.0, "est_lfec", "Activity is TWh handled [D]."),
    ("gas_processing", "natural_gas", "in", GAS_FUEL, "est_lfec",
     "3 % of throughput for compressors and heaters [E]."),
    ("gas_processing", "electricity", "in", GAS_POWER_USE, "est_lfec", "[E]."),
    ("gas_processing", "co2", "out", GAS_FUEL * GAS_EF, "pypsa_td", "Fuel CO2 [D]."),
    ("gas_processing", "agr_co2", "out", GAS_AGR, "est_lfec", "~2 mol% CO2 in raw gas [E]."),
    ("gas_processing", "ch4", "out", GAS_CH4, "epa_ghgrp",
     f"{GAS_CH4 * 1e6:.0f} t CH4 per TWh (~0.3 % of throughput), the rest of the 25 Mt "
     "node [D]."),
    ("gas_processing_electric", "gas_processed", "out", 1.0, "est_lfec", "Activity is TWh "
     "handled [D]."),
    ("gas_processing_electric", "electricity", "in", GAS_FUEL * 0.35 / 0.95 + GAS_POWER_USE,
     "est_lfec", "Motors replace 35 %-efficient gas drives (0.95 efficient) [E]."),
    ("gas_processing_electric", "agr_co2", "out", GAS_AGR, "est_lfec", "As gas_processing "
     "[E]."),
    ("gas_processing_electric", "ch4", "out", 0.2 * GAS_CH4, "est_lfec",
     "Methane -80 % (no turbine slip, electric pneumatics, leak repair) [E]."),
    *ck.vent_flows("agr_vent", "agr_co2", "est_lfec"),
    *stream_capture_flows("agr_capture", "agr_co2", 0.99, 100.0, "npc_2019",
                          "high-purity like the ammonia stream [D]."),
    # --- other industry -----------------------------------------------------------------------
    ("gas_boiler", "natural_gas", "in", {2025: 1 / 0.925, 2030: 1 / 0.93, 2050: 1 / 0.94},
     "dea_heat", "Efficiency 0.925 -> 0.94 [S]."),
    ("gas_boiler", "other_steam", "out", 1.0, "dea_heat", "Activity is steam [D]."),
    ("gas_boiler", "co2", "out", {2025: GAS_EF / 0.925, 2030: GAS_EF / 0.93,
                                  2050: GAS_EF / 0.94}, "pypsa_td", "Gas CO2 / efficiency [D]."),
    ("electric_boiler", "electricity", "in", 1 / 0.99, "dea_heat", "Efficiency 0.99 [S]."),
    ("electric_boiler", "other_steam", "out", 1.0, "dea_heat", "Activity is steam [D]."),
    ("heat_pump", "electricity", "in", {2025: 1 / 3.00, 2030: 1 / 3.05, 2040: 1 / 3.15,
                                        2050: 1 / 3.20}, "dea_heat", "COP 3.00 -> 3.20 [S]."),
    ("heat_pump", "other_steam", "out", 1.0, "dea_heat", "Activity is steam [D]."),
    ("other_process", "other_products", "out", 1.0, "est_lfec", "Activity is product [D]."),
    ("other_process", "electricity", "in", OTHER_POWER, "est_lfec", "0.15 MWh/t [E]."),
    ("other_process", "other_flue", "out", OTHER_CAPTURABLE * OTHER_CO2, "est_lfec",
     "60 % in capturable off-gas [E]."),
    ("other_process", "co2", "out", (1 - OTHER_CAPTURABLE) * OTHER_CO2, "est_lfec",
     "40 % diffuse (incl. landfill gas flaring counted here) [E]."),
    *ck.vent_flows("other_stack", "other_flue", "est_lfec"),
    *npc_flue_capture_flows("other_capture", "other_flue", "npc_2019", "90 % capture [S]."),
    # --- CO2 transport and storage (per Mt) ---------------------------------------------------
    ("co2_pipeline", "electricity", "in", 2.0, "dea_transport",
     "Boosters 0.02 kW per (t/h) per km x 100 km = 2 kWh/t [D]."),
    ("co2_pipeline", "co2_transport", "out", 1.0, "dea_transport",
     "Activity is CO2 moved; one unit of pipeline service per Mt [D]."),
    ("co2_injection", "co2_captured", "in", 1.0, "dea_ccts",
     "Activity is CO2 injected; the 45Q credit is on this intake [D]."),
    ("co2_injection", "co2_transport", "in", 1.0, "dea_transport",
     "Each Mt injected has used the pipeline [D]."),
    # --- DAC (per Mt removed) -----------------------------------------------------------------
    ("dac", "co2", "in", 1.0, "dea_ccts", "Takes CO2 from the atmosphere: a removal [D]."),
    ("dac", "electricity", "in", 400.0 + 105.0 + 1600.0 / 3.0, "beuttler_2019",
     "0.40 MWh/t + compression 0.105 + heat 1.6 MWh_th/t from heat pumps at COP 3 [S]/[D]/[E]."),
    ("dac", "co2_captured", "out", 1.0, "dea_ccts", "CO2 to storage [D]."),
]

# --------------------------------------------------------------------------------------
# Costs: (technology, parameter, {year: value}, source, note); MUSD per capacity unit
# (capex), per capacity unit and year (fixed_om), per activity unit (variable_om).
# --------------------------------------------------------------------------------------


def lowc_capex(fuel):
    """MUSD per (Mt/yr): H2 burners for 70 % of the duty, e-boilers for 30 %, +50 % for
    hydrogen piping, safety and integration [E]. Duty in MW = GWh/Mt / 8.76 / 0.9 load."""
    duty = fuel / 8.76 / 0.9
    return 1.5 * (0.70 * duty * H2_BURNER + 0.30 * duty * EBOILER_CAPEX[2030])


H2_BURNER = 60 * KW                                 # USD 60/kW_th burner retrofit [E]
NPC_AMMONIA = 133.0                                 # USD per (t/yr) [S]
NPC_STEEL = 511.0
NPC_CEMENT = 371.0
SMR_CAPEX = 867 * EUR * KW                          # MUSD/MW_H2
SMR_CC_CAPEX = 1108 * EUR * KW
ATR_CAPEX = 1200 * EUR * KW
ELECTROLYSER_CAPEX = {2025: 1.439, 2030: 1.294, 2040: 1.057, 2050: 0.863}
CAVERN_HOURS = 24.0
CAVERN_CAPEX = {y: (CAVERN_HOURS * v * EUR + 500) * KW
                for y, v in {2025: 3.34, 2030: 2.67, 2040: 2.01, 2050: 1.60}.items()}
NGCC_RETROFIT_KW = {2025: 1407, 2030: 1252, 2040: 1034, 2050: 909}   # USD/kW
T_PER_KW = 8.76 / 0.536 * GAS_EF * 1000 * 0.9      # t CO2 captured per kW-yr at full load
POWER_CAPTURE_CAPEX = {y: v / T_PER_KW for y, v in NGCC_RETROFIT_KW.items()}
NGCC_CCS_CAPEX = {2025: 3.124, 2030: 2.820, 2040: 2.379, 2050: 2.105}
PV_CAPEX = {2025: 1.606, 2030: 1.285, 2040: 0.888, 2050: 0.735}
ONWIND_CAPEX = {2025: 1.689, 2030: 1.515, 2040: 1.358, 2050: 1.200}
OFFWIND_CAPEX = {2025: 6.326, 2030: 4.790, 2040: 3.558, 2050: 3.371}
BATTERY_HOURS = 4.0
BATTERY_KWH = {2025: 376, 2030: 274, 2040: 225, 2050: 175}
BATTERY_KW = {2025: 498, 2030: 466, 2040: 441, 2050: 413}
BATTERY_CAPEX = ck.storage_capex(BATTERY_HOURS, BATTERY_KWH, BATTERY_KW, KW)
HAUL_KM = 100.0
PIPELINE_CAPEX = 2672 * EUR / 8760 * HAUL_KM       # MUSD per (Mt/yr)
STORE_ALLIN = {2020: 6.4 * EUR2020, 2030: 5.8 * EUR2020, 2050: 5.2 * EUR2020}   # USD/t
STORE_CAPEX_SHARE, STORE_LIFE = 0.30, 30
INJECTION_CAPEX = {y: STORE_CAPEX_SHARE * v * STORE_LIFE for y, v in STORE_ALLIN.items()}
INJECTION_VOM = {y: (1 - STORE_CAPEX_SHARE) * v for y, v in STORE_ALLIN.items()}
DAC_HP = 1.6e6 / 8760 * 1100 * EUR * KW             # MUSD per (Mt/yr): 183 MW_th heat pumps
DAC_CAPEX = {y: v * EUR + DAC_HP for y, v in {2025: 1005, 2030: 861, 2040: 718,
                                             2050: 574}.items()}
EBOILER_CAPEX = {2025: 95.0 * EUR * KW, 2030: 88.6 * EUR * KW}
HP_CAPEX = {2025: 1253 * EUR * KW, 2030: 1183 * EUR * KW, 2040: 1109 * EUR * KW,
            2050: 1064 * EUR * KW}
REF_LOWC_CAPEX = lowc_capex(REF_FUEL)
CHEM_LOWC_CAPEX = lowc_capex(PETCHEM_FUEL)
LNG_EDRIVE_CAPEX = 40.0 * 1.25                      # 40 MW per Mt/yr x USD 1,250/kW [E]
GASPROC_E_CAPEX = 2.5                               # MUSD per TWh/yr [E]
NITRIC_ABATE_CAPEX = 10.0                           # USD per (t/yr) [E]

COSTS = [
    # hydrogen
    ("smr", "fixed_om", {2025: 0.05 * SMR_CAPEX}, "dea_fuels",
     "5 % of EUR 867/kW_H2 x 1.136 = USD 985/kW_H2 [S]/[D]; saved if retired early."),
    ("smr_capture", "capex", {2025: NPC_AMMONIA}, "npc_2019",
     "USD 133 per (t/yr), flat (no learning, A.13 item 2) [S]."),
    ("smr_capture", "fixed_om", {2025: 0.05 * NPC_AMMONIA}, "npc_2019", "5 %/yr [S]."),
    ("smr_cc", "capex", {2025: SMR_CC_CAPEX}, "dea_fuels",
     "EUR 1,108/kW_H2 x 1.136 = USD 1,259/kW_H2 [S]/[D]; no FOAK premium (A.14)."),
    ("smr_cc", "fixed_om", {2025: 0.05 * SMR_CC_CAPEX}, "dea_fuels", "5 %/yr [S]."),
    ("atr_ccs", "capex", {2025: ATR_CAPEX}, "ieaghg_atr",
     "EUR 1,200/kW_H2 (mid of 1,100-1,300) x 1.136 = USD 1,363/kW_H2 [E]/[R]."),
    ("atr_ccs", "fixed_om", {2025: 0.04 * ATR_CAPEX}, "ieaghg_atr", "~4 %/yr [E]/[R]."),
    ("electrolyser", "capex", ELECTROLYSER_CAPEX, "nrel_atb",
     "US AEC USD 1,439 -> 863 per kW_e [S]."),
    ("electrolyser", "fixed_om", pct(0.04, ELECTROLYSER_CAPEX), "nrel_atb", "4 %/yr [S]."),
    ("h2_cavern", "capex", CAVERN_CAPEX, "dea_storage",
     "24 h x EUR 3.34 -> 1.60 per kWh x 1.136 [S]/[D] + compressors USD 500/kW [E]."),
    ("h2_cavern", "fixed_om", pct(0.02, CAVERN_CAPEX), "est_lfec", "2 %/yr (compressors) [E]."),
    # refining
    ("refinery", "variable_om", {2025: 25.0}, "est_lfec",
     "Non-energy operating cost USD 25/t crude (~3.4/bbl) [E]; same on the converted route."),
    ("refinery_lowc", "capex", {2025: REF_LOWC_CAPEX}, "est_lfec",
     f"USD {REF_LOWC_CAPEX:.1f} per (t/yr): H2 burners USD 60/kW_th on 70 % of duty, e-boilers "
     "(DEA, USD 101/kW) on 30 %, +50 % integration [E]/[D]."),
    ("refinery_lowc", "fixed_om", {2025: 0.03 * REF_LOWC_CAPEX}, "est_lfec", "3 %/yr [E]."),
    ("refinery_lowc", "variable_om", {2025: 25.0}, "est_lfec", "As the refinery [E]."),
    ("ref_capture", "capex", {2025: NPC_STEEL}, "npc_2019",
     "USD 511 per (t/yr) (NPC steel retrofit as proxy), flat [S]/[E]."),
    ("ref_capture", "fixed_om", {2025: 0.05 * NPC_STEEL}, "npc_2019", "5 %/yr [S]."),
    # chemicals
    ("ammonia_loop", "variable_om", {2025: 20.0}, "est_lfec", "USD 20/t NH3 non-energy [E]."),
    ("nitric_acid", "fixed_om", {2025: 10.0}, "est_lfec",
     "USD 10 per (t/yr) and year non-energy, fixed [E]."),
    ("nitric_acid_abated", "capex", {2025: NITRIC_ABATE_CAPEX}, "est_lfec",
     "USD 10 per (t/yr) for a tertiary reactor on an existing plant [E]."),
    ("nitric_acid_abated", "fixed_om", {2025: 10.0 + 0.05 * NITRIC_ABATE_CAPEX}, "est_lfec",
     "USD 10 as nitric_acid + 5 % of the abatement capex [E]."),
    ("nitric_acid_abated", "variable_om", {2025: 1.0}, "est_lfec",
     "USD 1/t catalyst and reductant [E]."),
    ("petchem", "variable_om", {2025: 40.0}, "est_lfec", "USD 40/t non-energy [E]."),
    ("petchem_lowc", "capex", {2025: CHEM_LOWC_CAPEX}, "est_lfec",
     f"USD {CHEM_LOWC_CAPEX:.0f} per (t/yr), built as refinery_lowc [E]/[D]."),
    ("petchem_lowc", "fixed_om", {2025: 0.03 * CHEM_LOWC_CAPEX}, "est_lfec", "3 %/yr [E]."),
    ("petchem_lowc", "variable_om", {2025: 40.0}, "est_lfec", "As petchem [E]."),
    ("chem_capture", "capex", {2025: NPC_STEEL}, "npc_2019",
     "USD 511 per (t/yr) (NPC steel retrofit as proxy) [S]/[E]."),
    ("chem_capture", "fixed_om", {2025: 0.05 * NPC_STEEL}, "npc_2019", "5 %/yr [S]."),
    # power
    ("gas_power", "fixed_om", {2025: 25 * KW}, "est_lfec",
     "USD 25/kW-yr for an old, partly depreciated fleet [E]; saved if retired early."),
    ("gas_power", "variable_om", {2025: 3.5 * MWH}, "est_lfec", "USD 3.5/MWh [E]."),
    ("coal_power", "fixed_om", {2025: 45 * KW}, "est_lfec", "USD 45/kW-yr [R]/[E]."),
    ("coal_power", "variable_om", {2025: 4.5 * MWH}, "est_lfec", "USD 4.5/MWh [R]/[E]."),
    ("nuclear", "fixed_om", {2025: 150 * KW}, "est_lfec",
     "USD 150/kW-yr for existing units [R]/[E]."),
    ("nuclear", "variable_om", {2025: 8.0 * MWH}, "est_lfec", "Fuel and VOM USD 8/MWh [R]/[E]."),
    ("power_capture", "capex", POWER_CAPTURE_CAPEX, "nrel_atb",
     f"ATB retrofit USD 1,407 -> 909 per kW / {T_PER_KW:.2f} t captured per kW-yr (53.6 % "
     "efficiency, 90 %) [S]/[D]."),
    ("power_capture", "fixed_om", pct({2025: 0.053, 2030: 0.056, 2040: 0.059, 2050: 0.062},
                                      POWER_CAPTURE_CAPEX), "nrel_atb", "5.3 -> 6.2 %/yr [S]."),
    ("power_capture", "variable_om", {2025: 8.0, 2050: 6.5}, "nrel_atb",
     "Half of ATB VOM USD 5.3 -> 4.3/MWh, per t captured (0.33 t/MWh) [E]/[D]."),
    ("ngcc_ccs", "capex", NGCC_CCS_CAPEX, "nrel_atb", "USD 3,124 -> 2,105 per kW [S]."),
    ("ngcc_ccs", "fixed_om", pct(0.023, NGCC_CCS_CAPEX), "nrel_atb", "~2.3 %/yr [S]."),
    ("ngcc_ccs", "variable_om", {2025: 5.3 * MWH, 2050: 3.9 * MWH}, "nrel_atb",
     "USD 5.3 -> 3.9/MWh [S]."),
    # renewables and storage
    ("solar_pv", "capex", PV_CAPEX, "nrel_atb", "USD 1,606 -> 735 per kW [S]."),
    ("solar_pv", "fixed_om", pct({2025: 0.014, 2030: 0.015, 2040: 0.017, 2050: 0.019},
                                 PV_CAPEX), "nrel_atb", "1.4 -> 1.9 %/yr [S]."),
    ("onshore_wind", "capex", ONWIND_CAPEX, "nrel_atb", "USD 1,689 -> 1,200 per kW [S]."),
    ("onshore_wind", "fixed_om", pct({2025: 0.020, 2030: 0.021, 2040: 0.022, 2050: 0.023},
                                     ONWIND_CAPEX), "nrel_atb", "2.0 -> 2.3 %/yr [S]."),
    ("offshore_wind", "capex", OFFWIND_CAPEX, "nrel_atb", "USD 6,326 -> 3,371 per kW [S]."),
    ("offshore_wind", "fixed_om", pct({2025: 0.014, 2030: 0.016, 2040: 0.019, 2050: 0.022},
                                      OFFWIND_CAPEX), "nrel_atb", "1.4 -> 2.2 %/yr [S]."),
    ("battery", "capex", BATTERY_CAPEX, "nrel_atb",
     "Per MW incl. 4 h: 4 x USD 376 -> 175 per kWh + USD 498 -> 413 per kW [D]."),
    ("battery", "fixed_om", pct(0.025, BATTERY_CAPEX), "nrel_atb", "2.5 %/yr [S]."),
    # gas processing & LNG
    ("lng_train", "variable_om", {2025: 10.0}, "est_lfec", "USD 10/t LNG non-energy [E]."),
    ("lng_e_drive", "capex", {2025: LNG_EDRIVE_CAPEX}, "est_lfec",
     "40 MW of motors per Mt/yr x USD 1,250/kW incl. substation = USD 50 per (t/yr) [E]."),
    ("lng_e_drive", "fixed_om", {2025: 0.03 * LNG_EDRIVE_CAPEX}, "est_lfec", "3 %/yr [E]."),
    ("lng_e_drive", "variable_om", {2025: 10.0}, "est_lfec", "As lng_train [E]."),
    ("gas_processing", "variable_om", {2025: 0.3}, "est_lfec",
     "USD 0.3 M per TWh non-energy [E]."),
    ("gas_processing_electric", "capex", {2025: GASPROC_E_CAPEX}, "est_lfec",
     "USD 2.5 M per TWh/yr (1.3 MW of drives at ~USD 1,900/kW incl. grid tie, plus LDAR "
     "kit) [E]."),
    ("gas_processing_electric", "fixed_om", {2025: 0.03 * GASPROC_E_CAPEX}, "est_lfec",
     "3 %/yr [E]."),
    ("gas_processing_electric", "variable_om", {2025: 0.3}, "est_lfec", "As gas_processing [E]."),
    ("agr_capture", "capex", {2025: NPC_AMMONIA}, "npc_2019", "USD 133 per (t/yr) [S]/[D]."),
    ("agr_capture", "fixed_om", {2025: 0.05 * NPC_AMMONIA}, "npc_2019", "5 %/yr [S]."),
    # other industry
    ("gas_boiler", "capex", {2025: 63.3 * EUR * KW, 2030: 57.6 * EUR * KW}, "dea_heat",
     "EUR 63.3 -> 57.6 per kW_th x 1.136 [S]/[D]."),
    ("gas_boiler", "fixed_om", {2025: 0.039 * 63.3 * EUR * KW, 2030: 0.0418 * 57.6 * EUR * KW,
                                2050: 0.0374 * 57.6 * EUR * KW}, "dea_heat",
     "3.9 -> 3.7 %/yr [S]."),
    ("gas_boiler", "variable_om", {2025: 1.33 * EUR * MWH, 2030: 1.27 * EUR * MWH}, "dea_heat",
     "EUR 1.33 -> 1.27/MWh x 1.136 [S]/[D]."),
    ("electric_boiler", "capex", EBOILER_CAPEX, "dea_heat", "EUR 95 -> 88.6 per kW x 1.136 [S]."),
    ("electric_boiler", "fixed_om", pct(0.014, EBOILER_CAPEX), "dea_heat", "1.4 %/yr [S]."),
    ("electric_boiler", "variable_om", {2025: 1.10 * EUR * MWH, 2040: 0.988 * EUR * MWH},
     "dea_heat", "EUR 1.10 -> 0.99/MWh x 1.136 [S]."),
    ("heat_pump", "capex", HP_CAPEX, "dea_heat", "EUR 1,253 -> 1,064 per kW_th x 1.136 [S]."),
    ("heat_pump", "fixed_om", pct(0.0009, HP_CAPEX), "dea_heat",
     "~0.09 %/yr; O&M is mostly in VOM (A.13 item 6) [S]."),
    ("heat_pump", "variable_om", {2025: 4.09 * EUR * MWH, 2050: 3.95 * EUR * MWH}, "dea_heat",
     "EUR ~4/MWh x 1.136 [S]."),
    ("other_process", "variable_om", {2025: 30.0}, "est_lfec", "USD 30/t non-energy [E]."),
    ("other_capture", "capex", {2025: NPC_CEMENT}, "npc_2019",
     "USD 371 per (t/yr) (NPC cement retrofit as proxy) [S]/[E]."),
    ("other_capture", "fixed_om", {2025: 0.07 * NPC_CEMENT}, "npc_2019", "7 %/yr [S]."),
    # CO2 transport and storage
    ("co2_pipeline", "capex", {2025: PIPELINE_CAPEX}, "dea_transport",
     f"EUR 2,672 per (t/h) per km x 1.136 / 8,760 x {HAUL_KM:.0f} km = USD "
     f"{PIPELINE_CAPEX:.1f} per (t/yr) [D]."),
    ("co2_pipeline", "fixed_om", {2025: 0.009 * PIPELINE_CAPEX}, "dea_transport",
     "0.9 %/yr [S]."),
    ("co2_injection", "capex", INJECTION_CAPEX, "dea_ccts",
     "DEA 451.1c onshore 5 Mt/yr all-in EUR2020 6.4 -> 5.2 per t x 1.386; 30 % taken as "
     "wells and facilities: 0.3 x cost x 30 yr per (t/yr) [S]/[E]. US Class VI costs may be "
     "higher (monitoring, financial assurance) [E]."),
    ("co2_injection", "variable_om", INJECTION_VOM, "dea_ccts",
     "The other 70 % of the all-in cost, per t injected [D]/[E]."),
    # removal
    ("dac", "capex", DAC_CAPEX, "dea_ccts",
     "DEA 403.a EUR 1,005 -> 574 per (t/yr) x 1.136 [S] + heat pumps 183 MW_th per Mt/yr at "
     "EUR 1,100/kW x 1.136 [E]."),
    ("dac", "fixed_om", pct(0.0495, DAC_CAPEX), "dea_ccts", "4.95 %/yr [S]."),
]

# --------------------------------------------------------------------------------------
# Prices: (commodity, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

GAS_PRICE = 13.5 * MWH
PRICES = [
    ("electricity", "price", {2025: 58.8 * MWH}, "eia_epa",
     "5.88 c/kWh Louisiana industrial average 2023 [S]; flat in real terms [E]."),
    ("electricity", "max_import_rate", {2025: 3.0, 2035: 4.0, 2050: 5.0}, "est_lfec",
     "GW of net import from MISO to the cluster's load: 3 -> 5 GW [E]."),
    ("electricity", "grid_emission_factor", {2025: 0.36 * T_MWH, 2035: 0.25 * T_MWH,
                                             2050: 0.10 * T_MWH}, "egrid",
     "SRMV 0.36 t/MWh [S, secondary] -> 0.25 (2035) -> 0.10 (2050) [E]. Counts only under "
     "scope 1+2."),
    ("natural_gas", "price", {2025: GAS_PRICE}, "hh_gas",
     "USD 13.5/MWh (~USD 3.95/MMBtu), mid of the 12-15 recommended default, flat [E]; "
     "PyPSA-US 18.3 -> 20 is the high case [S]."),
    ("coal", "price", {2025: 6.8 * MWH}, "est_lfec",
     "USD 2.0/MMBtu delivered Powder River Basin coal = USD 6.8/MWh [R]/[E]."),
    ("co2_captured", "storage_credit", {2025: 85.0}, "irs_45q",
     "45Q USD 85/t stored, paid for 12 years on new capture capacity (credit_years) [S]. "
     "The 2033 construction deadline is not enforced; inflation indexing after 2026 is not "
     "modelled (real 2025 USD) [E]."),
]

# --------------------------------------------------------------------------------------
# Demand: (commodity, {year: value}, source, note), flat unless a source says otherwise
# --------------------------------------------------------------------------------------

DEMAND = [
    ("refined_products", {2025: REFINERY_OUTPUT}, "eia_la",
     f"{REFINERY_OUTPUT:.0f} Mt/yr crude runs, flat [E]."),
    ("ammonia", {2025: AMMONIA_OUTPUT - NITRIC_OUTPUT * NITRIC_NH3}, "est_lfec",
     f"6.0 Mt/yr made [E] less {NITRIC_OUTPUT * NITRIC_NH3:.3f} Mt to nitric acid, flat [D]."),
    ("nitric_acid", {2025: NITRIC_OUTPUT}, "est_lfec", "1.0 Mt/yr, flat [E]."),
    ("petrochemicals", {2025: PETCHEM_OUTPUT}, "est_lfec", "20 Mt/yr basket, flat [E]."),
    ("lng", {2025: LNG_OUTPUT}, "eia_la",
     "40 Mt/yr, the 2021 level, flat: post-2021 LNG growth is outside the 143 Mt base [E]."),
    ("gas_processed", {2025: GAS_THROUGHPUT}, "est_lfec", "1,000 TWh/yr, flat [E]."),
    ("other_steam", {2025: OTHER_STEAM}, "est_lfec",
     f"{OTHER_STEAM:.0f} GWh/yr = 7 Mt [E] / (0.198 t/MWh / 0.925) [D]."),
    ("other_products", {2025: OTHER_OUTPUT}, "est_lfec", "4 Mt/yr, flat [E]."),
    ("hydrogen", {2025: OTHER_H2}, "wef_lfec",
     f"Merchant and other-chemicals hydrogen (methanol, hydrogenation): {OTHER_H2_SHARE_NOTE}."),
    ("electricity", {2025: PUBLIC_LOAD}, "eia_la",
     f"{PUBLIC_LOAD:.0f} GWh/yr: public load served by the cluster's plants = 2021 generation "
     f"(gas {GAS_GEN:.0f}, coal {COAL_GEN:.0f}, nuclear {NUCLEAR_GEN:.0f}) less the modelled "
     f"industrial use ({INDUSTRY_POWER:.0f}) [D]; flat (data-centre growth not included) [E]."),
]

# --------------------------------------------------------------------------------------
# Capacity: (technology, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

SMR_RESIDUAL = H2_TOTAL / 8.76 / 0.95 * 1.01
_OWN = 1 / 0.9 - NPC_GAS * GAS_EF                   # flue treated per Mt captured (NPC)
SMR_STREAM_CAPTURE = round(H2_TOTAL * SMR_PROCESS_SHARE * SMR_CO2 * 0.99, 2)
AGR_STREAM_CAPTURE = round((LNG_OUTPUT * LNG_AGR + GAS_THROUGHPUT * GAS_AGR) * 0.99, 2)
REF_FLUE_CAPTURE = round(REFINERY_OUTPUT * (REF_CAPTURABLE * REF_FUEL * GAS_EF + REF_FCC)
                         / _OWN, 2)
CHEM_FLUE_CAPTURE = round(PETCHEM_OUTPUT * PETCHEM_CAPTURABLE * PETCHEM_CO2 / _OWN, 2)
OTHER_FLUE_CAPTURE = round(OTHER_OUTPUT * OTHER_CAPTURABLE * OTHER_CO2 / _OWN, 2)
CAPACITY = [
    ("smr", "residual", {2025: SMR_RESIDUAL}, "wef_lfec",
     f"{SMR_RESIDUAL:.0f} MW_H2 = 3 Mt H2/yr at 0.95 availability + 1 % [D]; kept to 2050 "
     "unless retired [E]."),
    ("smr_vent", "residual", {2025: 20.0}, "est_lfec", "Mt/yr, larger than any flow [E]."),
    ("refinery", "residual", {2025: REFINERY_OUTPUT}, "eia_la", "Mt/yr crude [E]."),
    ("refinery_lowc", "max", {2025: REFINERY_OUTPUT}, "eia_la", "Existing refineries [E]."),
    ("ref_stack", "residual", {2025: 25.0}, "est_lfec", "Mt/yr [E]."),
    ("ammonia_loop", "residual", {2025: AMMONIA_OUTPUT}, "cf_dville", "Mt/yr NH3 [E]."),
    ("nitric_acid", "residual", {2025: NITRIC_OUTPUT}, "cf_dville", "Mt/yr [E]."),
    ("nitric_acid_abated", "max", {2025: NITRIC_OUTPUT}, "cf_dville", "Existing plants [E]."),
    ("petchem", "residual", {2025: PETCHEM_OUTPUT}, "est_lfec", "Mt/yr [E]."),
    ("petchem_lowc", "max", {2025: PETCHEM_OUTPUT}, "est_lfec", "Existing sites [E]."),
    ("chem_stack", "residual", {2025: 25.0}, "est_lfec", "Mt/yr [E]."),
    ("gas_power", "residual", {2025: 14000.0, 2035: 12000.0, 2045: 9000.0, 2050: 8000.0},
     "eia_la", "MW: 14 GW of utility gas plant [R]/[E]; old steam units retire [E]."),
    ("coal_power", "residual", {2025: COAL_CAP, 2030: 1700.0, 2035: 1100.0, 2045: 0.0},
     "eia_la", "MW: 2.2 GW [R]; Rodemacher 2 and Nelson 6 close by ~2030, Big Cajun II by "
     "~2045 [R]/[E]."),
    ("nuclear", "residual", {2025: NUCLEAR_CAP}, "eia_la", "MW, kept to 2050 [E]."),
    ("power_stack", "residual", {2025: 50.0}, "est_lfec", "Mt/yr [E]."),
    ("solar_pv", "max", {2030: 10000.0, 2040: 25000.0, 2050: 35000.0}, "est_lfec",
     "MW: land and interconnection for the cluster's share of MISO-South solar [E]."),
    ("onshore_wind", "max", {2030: 2500.0, 2050: 6000.0}, "est_lfec", "MW [E]."),
    ("offshore_wind", "max", {2035: 1500.0, 2050: 6000.0}, "est_lfec",
     "MW: Gulf of Mexico lease areas off Lake Charles [R]/[E]."),
    ("lng_train", "residual", {2025: LNG_OUTPUT}, "eia_la", "Mt/yr [R]."),
    ("lng_e_drive", "max", {2025: LNG_OUTPUT}, "eia_la", "Existing trains [E]."),
    ("gas_processing", "residual", {2025: GAS_THROUGHPUT}, "est_lfec", "TWh/yr [E]."),
    ("gas_processing_electric", "max", {2025: GAS_THROUGHPUT}, "est_lfec", "Existing plants "
     "[E]."),
    ("agr_vent", "residual", {2025: 8.0}, "est_lfec", "Mt/yr [E]."),
    ("gas_boiler", "residual", {2025: 4500.0}, "est_lfec",
     f"MW_th: {OTHER_STEAM / 8.76:.0f} MW average load / 0.95 plus margin [D]/[E]."),
    ("heat_pump", "max", {2030: 500.0, 2050: 1500.0}, "est_lfec",
     "MW_th: steam below 150 C with a warm source [E]."),
    ("other_process", "residual", {2025: OTHER_OUTPUT}, "est_lfec", "Mt/yr [E]."),
    ("other_stack", "residual", {2025: 4.0}, "est_lfec", "Mt/yr [E]."),
    ("co2_injection", "max", {2030: 30.0, 2040: 100.0, 2045: 125.0, 2050: 150.0},
     "la_toolkit", "Mt/yr: Class VI permits after primacy (2024) [S]; ramp to 150 Mt/yr, "
     "raised from a first 100 so that net zero is feasible (see the case doc) [E]."),
    ("dac", "max", {2030: 1.0, 2035: 4.0, 2040: 10.0, 2050: 15.0}, "cypress_dac",
     "Mt/yr: Project Cypress ~1 Mt/yr by 2030 [S]/[R]; 15 Mt/yr by 2050, raised from a first "
     "10 so that net zero is feasible (see the case doc) [E]."),
    ("smr_capture", "max", {2025: SMR_STREAM_CAPTURE}, "npc_2019",
     "Mt/yr: the whole SMR high-purity stream at 99 % [D]; also limits idle capacity built "
     "only to earn 45Q (see the case doc)."),
    ("agr_capture", "max", {2025: AGR_STREAM_CAPTURE}, "npc_2019",
     "Mt/yr: the whole acid-gas-removal stream at 99 % [D]."),
    ("ref_capture", "max", {2025: REF_FLUE_CAPTURE}, "est_lfec",
     "Mt/yr: all capturable refinery flue [D]."),
    ("chem_capture", "max", {2025: CHEM_FLUE_CAPTURE}, "est_lfec",
     "Mt/yr: all capturable chemical-site flue [D]."),
    ("other_capture", "max", {2025: OTHER_FLUE_CAPTURE}, "est_lfec",
     "Mt/yr: all capturable other-industry off-gas [D]."),
    ("power_capture", "max", {2025: 20.0}, "est_lfec",
     "Mt/yr: 90 % of the 2021 gas-fleet CO2 (22 Mt) [D]."),
]

# --------------------------------------------------------------------------------------
# Storage and reservoirs
# --------------------------------------------------------------------------------------

STORAGE = [
    dict(technology="battery", commodity="electricity", energy_per_power=BATTERY_HOURS,
         efficiency_in=0.96, efficiency_out=0.96, self_discharge=0.0, source="nrel_atb",
         note="~92 % round trip [R]; self-discharge neglected [E]."),
    dict(technology="h2_cavern", commodity="hydrogen", energy_per_power=CAVERN_HOURS,
         efficiency_in=0.97, efficiency_out=1.0, self_discharge=0.0, source="dea_storage",
         note="Compression losses ~3 % taken as charging efficiency [E]."),
]

RESERVOIRS = [
    dict(reservoir="la_saline", capacity=2000.0,
         description="Onshore saline formations (Miocene/Frio) reached from the cluster, "
         "Class VI wells", source="la_toolkit",
         note="2,000 Mt: the permitted and characterised share used by the cluster, not the "
         "(much larger) technical Gulf Coast resource [E]."),
]

# --------------------------------------------------------------------------------------
# Socio-economic coefficients: construction job-years per capacity unit, operating jobs per
# capacity unit, gross value added (MUSD) per activity unit.
#
# Rules used where no figure is sourced (all [E]):
# * construction job-years = capex 2030 (MUSD/unit) x on-site labour share / WAGE (MUSD 0.11
#   per job-year): labour share 0.35 for process plants, 0.40 for pipelines and wells, 0.15
#   for PV and onshore wind (factory-made modules and turbines), 0.20 for offshore wind,
#   electrolysers and heat pumps, 0.10 for batteries;
# * value added of a service plant (capture, hydrogen, power, storage, CO2 network) = its
#   factor income: capital charge at 7 % plus fixed O&M per unit of activity at the load
#   stated (the "capital" rule);
# * incumbent products use sector margins (refining ~USD 15/bbl, chemicals ~25 % of value,
#   LNG tolling ~USD 3/MMBtu, power ~USD 40/MWh wholesale less fuel).
# --------------------------------------------------------------------------------------

LABOUR = {"process": 0.35, "network": 0.40, "pv": 0.15, "wind": 0.15, "offshore": 0.20,
          "modular": 0.20, "battery": 0.10}

# technology: (labour class or fixed construction value, operating jobs, GDP: number or
#              ("capital", load), note)
SOCIO = {
    "smr": ("process", 0.13, ("capital", 0.95),
            "0.13 jobs/MW_H2 (~40 staff on a 300 MW_H2 reformer) [E]"),
    "smr_vent": (0.0, 0.0, 0.0, "accounting vent: no jobs or value added"),
    "smr_capture": ("process", 20.0, ("capital", 0.90),
                    "20 jobs per Mt/yr (small compression plant) [E]"),
    "smr_cc": ("process", 0.15, ("capital", 0.90), "0.15 jobs/MW_H2 [E]"),
    "atr_ccs": ("process", 0.15, ("capital", 0.90), "0.15 jobs/MW_H2 [E]"),
    "electrolyser": ("modular", 0.10, ("capital", 0.60),
                     "0.10 jobs/MW_e (~10 staff per 100 MW) [E]; load 60 %"),
    "h2_cavern": ("network", 0.02, 0.0,
                  "0.02 jobs/MW; storage has no activity, so no GDP is counted [E]"),
    "refinery": ("process", 70.0, 110.0,
                 "70 jobs per Mt/yr (~10,500 refinery jobs in Louisiana) [R]/[E]; value added "
                 "USD 110/t (~USD 15/bbl margin) [E]"),
    "refinery_lowc": ("process", 72.0, 110.0,
                      "as the refinery, +2 jobs per Mt/yr for H2 and e-boiler systems [E]"),
    "ref_stack": (0.0, 0.0, 0.0, "accounting vent: no jobs or value added"),
    "ref_capture": ("process", 30.0, ("capital", 0.90), "30 jobs per Mt/yr captured [E]"),
    "ammonia_loop": ("process", 150.0, 80.0,
                     "150 jobs per Mt/yr NH3 [E]; value added USD 80/t on top of the H2 "
                     "producers' [E]"),
    "nitric_acid": ("process", 100.0, 60.0, "100 jobs per Mt/yr; USD 60/t [E]"),
    "nitric_acid_abated": ("process", 102.0, 60.0, "as nitric_acid +2 jobs per Mt/yr [E]"),
    "petchem": ("process", 1000.0, 250.0,
                "1,000 jobs per Mt/yr (~20,000 chemical jobs) [E]; USD 250/t (~25 % of "
                "product value) [E]"),
    "petchem_lowc": ("process", 1010.0, 250.0, "as petchem +10 jobs per Mt/yr [E]"),
    "chem_stack": (0.0, 0.0, 0.0, "accounting vent: no jobs or value added"),
    "chem_capture": ("process", 30.0, ("capital", 0.90), "30 jobs per Mt/yr captured [E]"),
    "gas_power": (1.3 * 0.35 / WAGE, 0.08, 0.010,
                  "construction from a USD 1,300/kW replacement CCGT [E]; 0.08 jobs/MW [E]; "
                  "USD 10/MWh (USD 40 wholesale less fuel) [E]"),
    "coal_power": (0.0, 0.25, 0.020, "no new coal; 0.25 jobs/MW [R]/[E]; USD 20/MWh [E]"),
    "nuclear": (0.0, 0.60, 0.032, "no new nuclear; 0.60 jobs/MW (~650 staff per GW) [R]/[E]; "
                "USD 32/MWh [E]"),
    "power_stack": (0.0, 0.0, 0.0, "accounting vent: no jobs or value added"),
    "power_capture": ("process", 25.0, ("capital", 0.85), "25 jobs per Mt/yr captured [E]"),
    "ngcc_ccs": ("process", 0.10, ("capital", 0.85), "0.10 jobs/MW [E]"),
    "solar_pv": ("pv", 0.10, ("capital", 0.24), "0.10 jobs/MW O&M [E]"),
    "onshore_wind": ("wind", 0.20, ("capital", 0.34), "0.20 jobs/MW O&M [E]"),
    "offshore_wind": ("offshore", 0.35, ("capital", 0.37), "0.35 jobs/MW incl. port and "
                      "vessel crews [E]"),
    "battery": ("battery", 0.03, 0.0, "0.03 jobs/MW; storage has no activity, so no GDP is "
                "counted [E]"),
    "lng_train": ("process", 25.0, 150.0,
                  "25 jobs per Mt/yr (~600 staff at a 30 Mtpa terminal) [R]/[E]; USD 150/t "
                  "(tolling ~USD 3/MMBtu x 52 MMBtu/t) [E]"),
    "lng_e_drive": ("process", 25.0, 150.0, "as lng_train [E]"),
    "gas_processing": ("network", 5.0, 1.4,
                       "5 jobs per TWh/yr (~5,000 processing and compression jobs) [E]; "
                       "USD 1.4 M per TWh (~USD 0.4/MMBtu fees) [E]"),
    "gas_processing_electric": ("network", 5.0, 1.4, "as gas_processing [E]"),
    "agr_vent": (0.0, 0.0, 0.0, "accounting vent: no jobs or value added"),
    "agr_capture": ("process", 20.0, ("capital", 0.90), "20 jobs per Mt/yr [E]"),
    "gas_boiler": ("process", 0.05, ("capital", 0.90), "0.05 jobs/MW_th [E]"),
    "electric_boiler": ("process", 0.03, ("capital", 0.90), "0.03 jobs/MW_th [E]"),
    "heat_pump": ("modular", 0.05, ("capital", 0.90), "0.05 jobs/MW_th [E]"),
    "other_process": ("process", 200.0, 200.0, "200 jobs per Mt/yr; USD 200/t [E]"),
    "other_stack": (0.0, 0.0, 0.0, "accounting vent: no jobs or value added"),
    "other_capture": ("process", 30.0, ("capital", 0.90), "30 jobs per Mt/yr captured [E]"),
    "co2_pipeline": ("network", 2.0, ("capital", 0.80), "2 jobs per Mt/yr (patrol, "
                     "maintenance) [E]"),
    "co2_injection": ("network", 10.0, ("capital", 0.80),
                      "10 jobs per Mt/yr (well operations, monitoring) [E]"),
    "dac": ("process", 40.0, ("capital", 0.95), "40 jobs per Mt/yr [E]"),
}
# Replacement capex used for the construction rule of incumbents without a capex row (MUSD
# per capacity unit) [E].
REFERENCE_CAPEX = {"smr": SMR_CAPEX, "refinery": 1100.0, "refinery_lowc": REF_LOWC_CAPEX,
                   "ammonia_loop": 700.0, "nitric_acid": 250.0, "petchem": 1500.0,
                   "lng_train": 1000.0, "gas_processing": 20.0, "other_process": 800.0}


def socio_values(tech: str, life: float, cap_to_act: float) -> tuple[float, float, float, str]:
    """(construction job-years, operating jobs, value added, note) by the rules above."""
    labour, jobs, gdp, note = SOCIO[tech]
    capex = ck.cost_at(COSTS, tech, "capex", 2030) or REFERENCE_CAPEX.get(tech, 0.0)
    if isinstance(labour, str):
        construction = capex * LABOUR[labour] / WAGE
        c_note = f"construction {construction:.3g} job-years/unit = capex {capex:.4g} x " \
                 f"{LABOUR[labour]} labour / {WAGE} [E]"
    else:
        construction = labour
        c_note = f"construction {construction:.3g} job-years/unit"
    if isinstance(gdp, tuple):
        _, load = gdp
        income = crf(WACC, life) * capex + ck.cost_at(COSTS, tech, "fixed_om", 2030)
        gdp = income / (cap_to_act * load)
        g_note = f"value added {gdp:.4g} MUSD/activity unit = (capital charge at 7 % + fixed " \
                 f"O&M) / output at load {load} [E]"
    else:
        g_note = f"value added {gdp:g} MUSD/activity unit"
    return construction, jobs, gdp, f"Jobs/GDP: {c_note}; {note}; {g_note}."


def socio(t: ck.Tech) -> ck.Socio:
    """Socio-economic coefficients of a technology; capture technologies also name 45Q."""
    construction, jobs, gdp, note = socio_values(t.technology, t.lifetime, t.cap_to_act)
    credit = "45Q for 12 years on new capacity. " if t.technology in CAPTURE_TECHS else ""
    return ck.Socio(construction, jobs, gdp, f"{credit}{note}")


# --------------------------------------------------------------------------------------
# Time slices and profiles: 4 representative days x 6 slices of 4 h
# --------------------------------------------------------------------------------------

DAYS = dict.fromkeys(["winter", "spring", "summer", "autumn"], 365 / 4)  # 91.25 days each
STARTS = [0, 4, 8, 12, 16, 20]

# Relative shapes per season (slices starting 00h, 04h, ... 20h), scaled below so that the
# hours-weighted mean equals the annual capacity factor (A.8). Shapes are estimates [E]:
# night-peaking onshore wind (low-level jet) strongest in winter/spring; Gulf offshore wind
# strongest in winter; PV with long summer days. Replace with Renewables.ninja / atlite at
# ~30.2 N, 91.1 W (Baton Rouge - New Orleans corridor).
SHAPES = {
    "solar_pv": (0.24, {
        "winter": [0.0, 0.0, 0.42, 0.55, 0.08, 0.0],
        "spring": [0.0, 0.02, 0.55, 0.68, 0.20, 0.0],
        "summer": [0.0, 0.05, 0.58, 0.70, 0.28, 0.0],
        "autumn": [0.0, 0.0, 0.50, 0.62, 0.12, 0.0],
    }),
    "onshore_wind": (0.34, {
        "winter": [0.46, 0.45, 0.38, 0.36, 0.40, 0.45],
        "spring": [0.44, 0.42, 0.34, 0.33, 0.38, 0.43],
        "summer": [0.28, 0.26, 0.20, 0.20, 0.24, 0.28],
        "autumn": [0.36, 0.35, 0.28, 0.27, 0.31, 0.35],
    }),
    "offshore_wind": (0.37, {
        "winter": [0.48, 0.48, 0.46, 0.45, 0.46, 0.48],
        "spring": [0.40, 0.40, 0.37, 0.36, 0.38, 0.40],
        "summer": [0.25, 0.25, 0.23, 0.24, 0.26, 0.26],
        "autumn": [0.38, 0.38, 0.36, 0.35, 0.36, 0.38],
    }),
}
# Public electricity load: summer afternoon air-conditioning peak [E].
LOAD_SHAPE = {
    "winter": [0.85, 0.82, 0.95, 0.95, 1.00, 0.98],
    "spring": [0.80, 0.77, 0.92, 1.02, 1.05, 0.95],
    "summer": [1.00, 0.95, 1.15, 1.40, 1.45, 1.20],
    "autumn": [0.85, 0.80, 0.97, 1.08, 1.10, 0.95],
}

# --------------------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------------------


def build_tables() -> ck.Tables:
    """All sheets of the Louisiana LFEC workbook."""
    return ck.case_tables(
        years=YEARS, settings=SETTINGS, targets=TARGETS, commodities=COMMODITIES,
        technologies=ck.technologies_table(
            TECHNOLOGIES, wacc=WACC, socio=socio, reservoir_of=RESERVOIR_OF,
            credit_years=dict.fromkeys(CAPTURE_TECHS, CREDIT_YEARS)),
        flows=FLOWS, costs=COSTS, prices=PRICES, demand=DEMAND, capacity=CAPACITY,
        days=DAYS, starts=STARTS, availability=SHAPES,
        other_profiles={"demand:electricity": LOAD_SHAPE},
        storage=STORAGE, reservoirs=RESERVOIRS, sources=SOURCES)


def base_year_emissions() -> dict[str, float]:
    """Scope-1 emissions (Mt CO2e) of the existing plants meeting 2025 demand, by node.

    Hydrogen CO2 is counted with the node that uses the hydrogen.
    """
    return {
        "refining": REFINERY_OUTPUT * (REF_SITE_CO2 + REFINERY_H2 * SMR_CO2),
        "chemicals & ammonia": (AMMONIA_OUTPUT * NH3_H2 + OTHER_H2) * SMR_CO2
        + PETCHEM_OUTPUT * PETCHEM_CO2 + NITRIC_OUTPUT * NITRIC_N2O * GWP_N2O,
        "power": GAS_GEN * GAS_POWER_EF + COAL_GEN * COAL_EF / COAL_EFF,
        "gas processing & LNG": LNG_OUTPUT * LNG_CO2 + GAS_THROUGHPUT * (
            GAS_FUEL * GAS_EF + GAS_AGR + GAS_CH4 * GWP_CH4),
        "other": OTHER_STEAM * GAS_EF / BOILER_EFF + OTHER_OUTPUT * OTHER_CO2,
    }


def main() -> None:
    tables = build_tables()
    path = ck.write_case(tables, OUTPUT)
    nodes = base_year_emissions()
    print(f"wrote {path}: {len(TECHNOLOGIES)} technologies, "
          f"{len(FLOWS)} flows")
    print("base-year scope-1 emissions by node (Mt CO2e), hydrogen CO2 with its users:")
    for node, mt in nodes.items():
        print(f"  {node:<22} {mt:7.2f}   (data.md B.2: {NODE_TARGETS[node]:.0f})")
    print(f"  {'total':<22} {sum(nodes.values()):7.2f}")
    print(f"  SMR hydrogen {H2_TOTAL / H2_GWH_PER_MT:.2f} Mt/yr emits "
          f"{H2_TOTAL * SMR_CO2:.2f} Mt; public load {PUBLIC_LOAD:.0f} GWh/yr")


if __name__ == "__main__":
    main()
