"""Build the bundled Dunkerque reference case: ``inputs/dunkerque.xlsx``.

Run from the project root::

    .venv/bin/python tools/build_dunkerque.py

The case is written from the tables below. Each data row names a ``source`` (an id of the
``SOURCES`` table) and carries a ``note`` with a confidence tag:

* [S] sourced: the figure is in the cited document;
* [D] derived from sourced figures, with the arithmetic in the note;
* [E] estimate made for this case: replace it when better data arrive;
* [R] recalled from the literature, not re-verified.

Units used throughout: money in MEUR (2025 money); energy and hydrogen (LHV) in GWh; power
in MW; materials and CO2 in Mt, material capacity in Mt/yr. The conversions are:

* 1 EUR/kW = 0.001 MEUR/MW;   1 EUR/MWh = 0.001 MEUR/GWh;   1 EUR/t = 1 MEUR/Mt;
* 1 EUR per (t/yr) of capacity = 1 MEUR per (Mt/yr);
* 1 t CO2/MWh = 0.001 Mt/GWh;  1 g CO2/kWh = 1e-6 Mt/GWh;
* 1 MWh per t = 1 GWh per kt = 1000 GWh per Mt.

Trajectory rows give values at the years their source gives; the builder fills every
modelled year column by linear interpolation (held flat outside), as the model itself would,
so that the workbook shows a value in every year cell.

docs/cases/dunkerque.md describes the case, its assumptions and the estimates to replace.
"""

from __future__ import annotations

import casekit as ck
from casekit import COAL_EF, GAS_EF, KW, MWH, T_MWH, pct

OUTPUT = ck.ROOT / "inputs" / "dunkerque.xlsx"
YEARS = [2025, 2030, 2035, 2040, 2045, 2050]

# --------------------------------------------------------------------------------------
# Conversion factors and shared physical constants
# --------------------------------------------------------------------------------------

# KW, MWH, T_MWH, GAS_EF and COAL_EF are casekit's (money/kW -> Mmoney/MW and so on).
G_KWH = 1e-6          # g/kWh    -> Mt/GWh
EUR2020 = 1.22        # EUR2020 -> EUR2025, euro-area HICP 2020->2025 (approx.) [E]
USD = 0.88            # USD2025 -> EUR2025, approximate 2025 average rate [E]

STEEL_GAS_EF = 0.75 * T_MWH   # steel-gas mix burnt at DK6 [E]: ~70 % BF gas (0.936 t/MWh),
#                               20 % coke-oven gas (0.158), 10 % BOF gas (0.691) (MPP factors)

# --------------------------------------------------------------------------------------
# Calibration of the steel & power complex (ArcelorMittal Dunkerque + DK6) to 11.7 Mt
# --------------------------------------------------------------------------------------
# Sourced anchors: 11.7 Mt CO2 for "steel and power generation" (WEF, 2021); 6.8 Mt/yr
# steel capacity; ~5 TWh/yr steel gases valorised at DK6; ArcelorMittal takes 255 MW.
# The carbon of the steel gases is counted where they burn (DK6), so the split comes out
# as steelworks ~7.6 Mt + DK6 ~4.1 Mt (data.md's [E] split is 8.7 + 3.0).

STEEL_OUTPUT = 6.8                       # Mt/yr [S]
STEEL_SITE_CO2 = 11.7                    # Mt/yr, steelworks + DK6 [S]
STEEL_GAS = 5000.0 / STEEL_OUTPUT        # GWh steel gas per Mt steel [D]: 5 TWh / 6.8 Mt
BF_BOF_POWER = 255 * 8.76 / STEEL_OUTPUT  # GWh electricity per Mt steel [D]: 255 MW all year

DK6_EFF = 0.45                           # electricity per fuel, LHV [E]
DK6_STEEL_GAS_SHARE = 0.75               # share of DK6 fuel that is steel gas [E]
DK6_STEEL_GAS = DK6_STEEL_GAS_SHARE / DK6_EFF          # GWh steel gas per GWh_e
DK6_GAS = (1 - DK6_STEEL_GAS_SHARE) / DK6_EFF          # GWh natural gas per GWh_e
DK6_CO2 = DK6_STEEL_GAS * STEEL_GAS_EF + DK6_GAS * GAS_EF  # Mt per GWh_e
DK6_OUTPUT = 5000.0 / DK6_STEEL_GAS                    # GWh_e/yr when all steel gas is used
DK6_GAS_CO2 = DK6_OUTPUT * DK6_GAS * GAS_EF            # Mt/yr of DK6 CO2 from natural gas

# Coal carbon per t steel = (site CO2 - DK6 natural-gas CO2) / output.
BF_BOF_COAL = (STEEL_SITE_CO2 - DK6_GAS_CO2) / STEEL_OUTPUT / COAL_EF  # GWh coal per Mt
BF_BOF_DIRECT = BF_BOF_COAL * COAL_EF - STEEL_GAS * STEEL_GAS_EF      # Mt CO2 per Mt steel

# Capturable share: at most ~55 % of site CO2 can be captured (IEAGHG via A.1: 50-60 %).
# DK6 exhaust is fully capturable; the rest of the capturable stream is the steelworks'
# (hot stoves, lime kilns, reheating furnaces); the remainder is diffuse (sinter, BOF, coke).
STEEL_MAX_CAPTURED_SHARE = 0.55
STEEL_CAPTURE_RATE = 0.90
_steel_capturable = STEEL_MAX_CAPTURED_SHARE * STEEL_SITE_CO2 / STEEL_CAPTURE_RATE
BF_BOF_FLUE = (_steel_capturable - DK6_OUTPUT * DK6_CO2) / STEEL_OUTPUT  # Mt per Mt steel
BF_BOF_DIFFUSE = BF_BOF_DIRECT - BF_BOF_FLUE                            # Mt per Mt steel

# Other nodes (B.1): aluminium 0.51, ferroalloys ~0.8 [E], lime/cement ~1.7 [E], other ~1.3.
ALU_OUTPUT = 0.28                        # Mt/yr [S]
ALU_CO2 = 1.82                           # t CO2 / t Al, direct [S]
ALU_POWER = 13000.0                      # GWh per Mt (13 MWh/t) [S]
FA_OUTPUT = 0.5                          # Mt/yr ferroalloys [E]
FA_CO2 = 0.8 / FA_OUTPUT                 # t CO2 / t alloy [E], from the 0.8 Mt node figure
FA_COAL = FA_CO2 / COAL_EF               # GWh reductant (coal/coke) per Mt [D]
FA_CAPTURABLE = 0.80                     # share of furnace CO2 in a capturable off-gas [E]
KILN_CO2 = 0.52 + 0.944 * 0.3361         # t CO2 / t clinker: calcination [R] + fuel [D]
KILN_OUTPUT = 1.7 / KILN_CO2             # Mt/yr clinker-equivalent [D]
BOILER_EFF_2025 = 0.925
HEAT_DEMAND = 1.3 / (GAS_EF / BOILER_EFF_2025)  # GWh/yr of steam from gas boilers [D]

# --------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------

SOURCES = [
    dict(id="wef_tic", title="Transitioning Industrial Clusters towards Net Zero: DKarbonation "
         "(Dunkerque) cluster profile", publisher="World Economic Forum / Accenture", year=2024,
         url="https://www.weforum.org",
         notes="16 Mt CO2/yr (2021); 11.7 Mt from steel and power generation; targets -55 % by "
         "2030 and net zero 2050 [S] (via data.md B.1; press coverage 20minutes.fr Jan 2024)."),
    dict(id="am_dunkerque", title="ArcelorMittal Dunkerque decarbonisation: public consultation "
         "and corporate announcements", publisher="CNDP concertation-amf-decarbonation.fr; "
         "ArcelorMittal", year=2024, url="https://www.concertation-amf-decarbonation.fr",
         notes="Site 12.1 Mt CO2/yr at capacity; 6.8 Mt steel/yr; plan of 2.5 Mt/yr DRI + 2 EAF "
         "(postponed Nov 2024) [S]."),
    dict(id="dk6", title="DK6 combined-cycle plant (Engie), Dunkerque", publisher="French "
         "Wikipedia; Universite du Littoral", year=None, url="https://fr.wikipedia.org",
         notes="790 MW (2 x 395 MW) on blast-furnace/coke-oven gases plus natural gas; ~5 TWh/yr "
         "steel gases valorised; ArcelorMittal takes 255 MW [S]."),
    dict(id="al_dunkerque", title="Aluminium Dunkerque: production, electricity and emissions",
         publisher="La Gazette France; aluminiumdunkerque.fr", year=None,
         url="https://www.aluminiumdunkerque.fr",
         notes="280-300 kt Al/yr; 13 MWh/t; 1.82 t CO2/t direct; ~4 TWh/yr [S]."),
    dict(id="dartagnan", title="D'Artagnan / Cap Decarbonation CO2 hub, Dunkirk",
         publisher="gasworld; actu-environnement; turbomachinerymag", year=2024,
         url="https://www.gasworld.com",
         notes="Terminal 1.5 Mt/yr expandable to 4 Mt/yr; ~80 km pipeline Lumbres-Rety-Dunkirk; "
         ">EUR 400 M; lime/cement capture target 1.5 Mt/yr [S]."),
    dict(id="pypsa_td", title="PyPSA technology-data, outputs/costs_2025..2050.csv "
         "(commit 634cdc1a, values in EUR2025)", publisher="PyPSA / Zenodo 10.5281/zenodo.3994163",
         year=2026, url="https://github.com/PyPSA/technology-data",
         notes="Compilation used for most technology figures; upstream source cited per row."),
    dict(id="dea_ccts", title="Technology data for carbon capture, transport and storage",
         publisher="Danish Energy Agency", year=None, url="https://ens.dk",
         notes="Sheets 401.c (cement post-combustion capture), 403.a (DAC), 423 (CO2 ship), CO2 "
         "terminals, 451.3c (offshore depleted field, 5 Mt/yr, 150 Mt). EUR2020 where quoted "
         "directly [S]."),
    dict(id="dea_transport", title="Technology Data for Energy Transport", publisher="Danish "
         "Energy Agency (COWI)", year=2021, url="https://ens.dk",
         notes="CO2 onshore pipeline 120-500 t/h (via PyPSA, EUR2025); offshore AC cable [S]."),
    dict(id="dea_heat", title="Technology data for industrial process heat", publisher="Danish "
         "Energy Agency", year=None, url="https://ens.dk",
         notes="311.1c gas steam boiler, 310.1 electric boiler, 302.b heat pump <=150 C (via PyPSA, "
         "EUR2025) [S]."),
    dict(id="dea_el_dh", title="Technology data for generation of electricity and district "
         "heating", publisher="Danish Energy Agency", year=None, url="https://ens.dk",
         notes="Sheets 20 onshore wind, 21 offshore wind (turbines only), 22 utility PV, 05 CCGT "
         "(via PyPSA, EUR2025) [S]."),
    dict(id="dea_storage", title="Technology data for energy storage", publisher="Danish Energy "
         "Agency", year=None, url="https://ens.dk",
         notes="Li-ion battery energy and inverter; 151a hydrogen steel tanks incl. compressor "
         "(via PyPSA, EUR2025) [S]."),
    dict(id="dea_fuels", title="Data sheets for renewable fuels", publisher="Danish Energy "
         "Agency", year=None, url="https://ens.dk",
         notes="Sheet 86 AEC 100 MW electrolysis efficiency; SMR/SMR+CC capex (p. 311) [S]."),
    dict(id="iea_h2", title="IEA global LCOH comparison (2020) and The Role of E-fuels",
         publisher="International Energy Agency", year=2020, url="https://www.iea.org",
         notes="SMR efficiency 76 %, SMR+CC 69 % and 90 % capture; electrolysis capex used by "
         "PyPSA 'electrolysis' (private communications; IEA) [S]."),
    dict(id="npc_2019", title="Meeting the Dual Challenge: A Roadmap to At-Scale Deployment of "
         "CCUS, ch. 2", publisher="National Petroleum Council", year=2021,
         url="https://dualchallenge.npc.org",
         notes="Steel and cement capture retrofits: USD2025 511 and 371 per t/yr, FOM 5 %/7 %, "
         "gas 0.76 + electricity 0.16 MWh/t, 90 % capture; no learning (A.13 item 2) [S]."),
    dict(id="ieaghg_steel", title="Iron and steel CCS study (IEAGHG 2013/04), as tabulated in "
         "Mattech Journal 2021, Table 2", publisher="IEAGHG; Metallurgical Research & "
         "Technology", year=2021,
         url="https://www.mattech-journal.org/articles/mattech/full_html/2021/03/mt210036/T2.html",
         notes="Post-combustion capture avoids 50.2-60.4 % of an integrated mill's CO2 "
         "[S, secondary]."),
    dict(id="mpp_steel", title="Steel Transition Tool (mpp-steel-model, commit 1003b98b)",
         publisher="Mission Possible Partnership", year=2023,
         url="https://github.com/missionpossiblepartnership/mpp-steel-model",
         notes="Route inputs and scope-1 factors; steel-gas emission factors; DRI and EAF capex "
         "via PyPSA (EUR2025; currency basis +-15 %, A.13 item 7) [S]."),
    dict(id="jrc_times", title="JRC-EU-TIMES model data (Zenodo 3544900)", publisher="European "
         "Commission JRC", year=None, url="https://zenodo.org/record/3544900",
         notes="Dry-process clinker kiln: capex, FOM, VOM, heat 0.944 MWh/t, electricity "
         "0.069 MWh/t (via PyPSA, EUR2025) [S]."),
    dict(id="ipcc_2006", title="2006 IPCC Guidelines for National Greenhouse Gas Inventories, "
         "vol. 3 ch. 2", publisher="IPCC", year=2006, url="https://www.ipcc-nggip.iges.or.jp",
         notes="Clinker calcination default 0.52 t CO2/t clinker [R]."),
    dict(id="ait_co2netz", title="CO2Netz study: CO2 dense-phase compression", publisher="AIT "
         "Austrian Institute of Technology", year=2024, url="https://www.ait.ac.at",
         notes="EUR 34,120 per (t/h) = EUR 3.9 per (t/yr); 0.105 MWh/t (via PyPSA) [S]."),
    dict(id="ieaghg_ph430", title="Ship transport of CO2 (report PH4/30)", publisher="IEAGHG; "
         "Mitsubishi Heavy Industries", year=2004, url="https://ieaghg.org",
         notes="Liquefaction EUR 21.3 per (t/yr) (unit corrected, A.13 item 1); 0.123 MWh/t "
         "(via PyPSA) [S]/[D]."),
    dict(id="beuttler_2019", title="The Role of Direct Air Capture in Mitigation of "
         "Anthropogenic Greenhouse Gas Emissions", publisher="Beuttler, Charles, Wurzbacher "
         "(Frontiers in Climate)", year=2019, url="https://doi.org/10.3389/fclim.2019.00010",
         notes="DAC electricity 0.4 MWh/t, heat 1.6 MWh_th/t (via PyPSA) [S]."),
    dict(id="rte_2023", title="Bilan electrique 2023", publisher="RTE", year=None,
         url="https://analysesetdonnees.rte-france.com/en/node/366",
         notes="French power-sector emission factor 32 g CO2e/kWh (2023); onshore wind capacity "
         "factor 25.1 % (2023) [S]. Trajectory to 2050 is an estimate [E]."),
    dict(id="dunkerque_owf", title="Parc eolien en mer de Dunkerque", publisher="Eoliennes en "
         "Mer de Dunkerque", year=None, url="https://www.parc-eolien-en-mer-de-dunkerque.fr",
         notes="600 MW, 2.3 TWh/yr (capacity factor 43.8 % [D]), ~EUR 1.4 bn incl. connection, "
         "COD ~2028 [S]."),
    dict(id="lagazette_grid", title="Dunkerque electricity demand and Gravelines nuclear plant",
         publisher="La Gazette France", year=None, url="https://www.lagazettefrance.fr",
         notes="Local electricity demand 2.2 GW rising to ~4.5 GW by 2040 [S]."),
    dict(id="edf_cre_price", title="EDF-State nuclear reference price and CRE nuclear cost "
         "assessment", publisher="French government / CRE (secondary reports)", year=None,
         url="https://www.cre.fr",
         notes="Nuclear reference price EUR 70/MWh (2026-2040) [S, secondary]; all-in price for "
         "electro-intensive users EUR 75-95/MWh [E]."),
    dict(id="gas_prices", title="Gas fuel price: World Bank Commodity Markets (2025) and "
         "ENTSO-E/ENTSOG TYNDP 2024 scenario inputs", publisher="World Bank; ENTSO-E/ENTSOG "
         "(via PyPSA technology-data)", year=2025, url="https://www.worldbank.org/en/research/commodity-markets",
         notes="TTF-basis EUR2025/MWh: 42.9 (2025), 28.4 (2030), 27.0 (2035), 25.6 (2040), "
         "24.2 (2045), 22.8 (2050) [S]."),
    dict(id="ets_traj", title="EU ETS price trajectory for this project", publisher="Project "
         "estimate anchored on IEA World Energy Outlook CO2-price tables", year=2025,
         url="https://www.iea.org/reports/world-energy-outlook-2024",
         notes="EUR2025/t: 75 (2025), 130 (2030), 160 (2035), 200 (2040), 250 (2050) [E]; within "
         "IEA APS/NZE ranges for advanced economies [R]."),
    dict(id="jobs_dunkerque", title="Dunkerque decarbonisation projects: expected new jobs",
         publisher="plein-soleil.info", year=None, url="https://www.plein-soleil.info",
         notes="16,000-20,000 new jobs 2030-2040 [S] (via data.md B.1); a cross-check of the "
         "socio-economic coefficients, not an input."),
    dict(id="est_project", title="Estimates made for the Dunkerque reference case",
         publisher="cluster-pathways project", year=2025, url="docs/cases/dunkerque.md",
         notes="Assumptions with no direct source; each row says how it was made [E]. Replace "
         "when better data arrive (EU ETS installation data, site studies)."),
]

# --------------------------------------------------------------------------------------
# Settings and targets
# --------------------------------------------------------------------------------------

SETTINGS = [
    ("cluster", "Dunkerque", "-", "DKarbonation, Dunkerque port cluster (France)"),
    ("currency", "EUR", "-", "Case currency"),
    ("currency_year", 2025, "year", "All money in 2025 euros"),
    ("money_unit", "MEUR", "-", "Million euros"),
    ("reporting_currency", "USD", "-", "Portfolio reports in US dollars"),
    ("exchange_rate", round(1 / USD, 4), "USD / EUR",
     "1/0.88 = 1.136: inverse of the project's USD->EUR factor 0.88 [E]"),
    ("base_year", 2025, "year", "First modelled year: existing plants only"),
    ("end_year", 2050, "year", "Last calendar year of the horizon"),
    ("year_step", 5, "years", "Modelled years 2025, 2030, ..., 2050"),
    ("discount_rate", 0.05, "1/yr", "Social discount rate"),
    ("capex_method", "annuity", "-", "Capex paid as annuities at each technology's wacc"),
    ("emission_scope", "scope1", "-", "Targets on direct emissions"),
    ("target_trajectory", "none", "-", "Caps only in the target years"),
    ("base_emissions", 16.0, "Mt CO2e/yr", "Reported cluster emissions (WEF, 2021) [S]"),
    ("base_emissions_year", 2021, "year", "Year of the reported base emissions"),
]

TARGETS = [
    dict(year=2030, kind="reduction", scope="scope1", value=0.55, source="wef_tic",
         note="-55 % vs 16.0 Mt, i.e. a 7.2 Mt cap [S]. CUD's own target is 8 Mt (-50 %); a "
         "low-ambition -30 % case is a scenario [S]."),
    dict(year=2050, kind="reduction", scope="scope1", value=1.0, source="wef_tic",
         note="Net zero by 2050; removals (DAC + storage) may offset residual emissions [S]."),
]

# --------------------------------------------------------------------------------------
# Commodities: (commodity, kind, unit, balance, description, source)
# --------------------------------------------------------------------------------------

COMMODITIES = [
    # bought from outside the cluster
    ("electricity", "supply", "GWh", "slice", "Electricity: grid import (nuclear-heavy French "
     "grid), on-site generation and storage", "rte_2023"),
    ("natural_gas", "supply", "GWh", "annual", "Natural gas (LHV), TTF-indexed", "gas_prices"),
    ("coal", "supply", "GWh", "annual", "Coking and injection coal, kiln solid fuel, "
     "ferroalloy reductant (LHV)", "pypsa_td"),
    ("iron_ore", "supply", "Mt", "annual", "Iron ore, sinter feed and pellets", "mpp_steel"),
    ("scrap", "supply", "Mt", "annual", "Steel scrap", "mpp_steel"),
    ("biocarbon", "supply", "GWh", "annual", "Bio-based reductant (charcoal, biocarbon), LHV",
     "est_project"),
    # products delivered
    ("steel", "demand", "Mt", "annual", "Crude steel (ArcelorMittal Dunkerque)", "am_dunkerque"),
    ("aluminium", "demand", "Mt", "annual", "Primary aluminium (Aluminium Dunkerque)",
     "al_dunkerque"),
    ("ferroalloys", "demand", "Mt", "annual", "Manganese and silicon alloys", "est_project"),
    ("clinker", "demand", "Mt", "annual", "Clinker and lime, counted as clinker-equivalent",
     "jrc_times"),
    ("steam", "demand", "GWh", "slice", "Process steam up to ~150 C: other industry's heat "
     "demand plus steam for capture plants and DAC", "dea_heat"),
    # balanced inside the cluster
    ("hydrogen", "internal", "GWh", "slice", "Hydrogen, LHV (33.3 kWh/kg)", "dea_fuels"),
    ("steel_gas", "internal", "GWh", "annual", "Blast-furnace, coke-oven and BOF gases sent to "
     "DK6", "dk6"),
    ("dri", "internal", "Mt", "annual", "Direct-reduced iron (hot-briquetted iron)", "mpp_steel"),
    ("steel_flue", "internal", "Mt", "annual", "Capturable CO2 of the steel & power complex "
     "(DK6 exhaust, hot stoves, lime kilns), before vent or capture", "ieaghg_steel"),
    ("al_flue", "internal", "Mt", "annual", "CO2 in potline and anode-baking exhaust",
     "al_dunkerque"),
    ("fa_flue", "internal", "Mt", "annual", "CO2 in ferroalloy furnace off-gas (capturable "
     "part)", "est_project"),
    ("kiln_flue", "internal", "Mt", "annual", "CO2 in lime and cement kiln exhaust (process + "
     "fuel)", "jrc_times"),
    ("co2_captured", "internal", "Mt", "annual", "Captured CO2 at the plant gate (low pressure)",
     "dea_ccts"),
    ("co2_dense", "internal", "Mt", "annual", "Compressed CO2 in the collection pipelines",
     "ait_co2netz"),
    ("co2_hub", "internal", "Mt", "annual", "CO2 delivered to the export terminal",
     "dea_transport"),
    ("co2_liquid", "internal", "Mt", "annual", "Liquefied CO2 in terminal buffer storage",
     "ieaghg_ph430"),
    ("co2_offshore", "internal", "Mt", "annual", "CO2 delivered by ship to the offshore store",
     "dea_ccts"),
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
# wacc is 0.07 for every technology (new industrial and energy assets); min_load is 0.

WACC = 0.07
MAT = ("Mt/yr", "Mt", 1.0)          # material plants and CO2 handling
ELEC = ("MW", "GWh", 8.76)          # power, heat and hydrogen plants

P_STEEL = "ArcelorMittal Dunkerque"
P_DK6 = "DK6 power plant"
P_ALU = "Aluminium Dunkerque"
P_FA = "Ferroalloys"
P_KILN = "Lime and cement"
P_OTHER = "Other industry"
P_H2 = "Hydrogen hub"
P_POWER = "Power"
P_CO2 = "CO2 network"
P_DAC = "Removals"

TECHNOLOGIES = [
    # --- steel & power complex -------------------------------------------------------
    ("bf_bof", "incumbent", P_STEEL, "Blast furnace - basic oxygen furnace route",
     *MAT, 40, 2030, 0.0, 1.0, True, "mpp_steel",
     "Existing 6.8 Mt/yr [S]; no new BF-BOF capacity (max build 0). Relines assumed inside "
     "fixed O&M; may retire early [E]. Availability 1: capacity is the annual output."),
    ("dk6_ccgt", "incumbent", P_DK6, "DK6 combined-cycle plant burning steel gases and "
     "natural gas", *ELEC, 25, 2030, 0.0, 0.9, True, "dk6",
     "790 MW existing [S], kept to 2050 unless retired early [E]; availability 0.9 [E]."),
    ("steel_gas_flare", "incumbent", P_STEEL, "Flare for steel gases not used at DK6",
     *ELEC, 25, 2030, 0.0, 1.0, False, "est_project",
     "Sink for steel gas if DK6 retires while blast furnaces still run [E]."),
    ("steel_stack", "incumbent", P_STEEL, "Vent of the capturable steel & power CO2 stream",
     *MAT, 40, 2030, 0.0, 1.0, False, "est_project",
     "Accounting vent: steel_flue to atmosphere; no cost [E]."),
    ("steel_capture", "ccus", P_STEEL, "Post-combustion amine capture on DK6 exhaust, hot "
     "stoves and lime kilns", *MAT, 20, 2030, 1.0, 0.95, False, "npc_2019",
     "Activity = CO2 captured. Site capture limited to ~55 % of site CO2 through the size of "
     "steel_flue (IEAGHG 50-60 %) [D]. Build limit 1 Mt/yr per year [E]."),
    ("dri_shaft", "hydrogen", P_STEEL, "Hydrogen direct-reduction shaft furnace",
     *MAT, 40, 2030, 0.5, 1.0, False, "mpp_steel",
     "Activity = Mt DRI. Build limit 0.5 Mt/yr per year, i.e. ArcelorMittal's 2.5 Mt/yr DRI "
     "plan by 2030 [S]/[E]; site maximum 7 Mt/yr [E]."),
    ("eaf_dri", "electrification", P_STEEL, "Electric arc furnace charged with DRI",
     *MAT, 40, 2030, 0.5, 1.0, False, "mpp_steel",
     "Build limit 0.5 Mt/yr per year (about one furnace every two years) [E]."),
    ("eaf_scrap", "electrification", P_STEEL, "Electric arc furnace charged with scrap",
     *MAT, 40, 2030, 0.3, 1.0, False, "mpp_steel",
     "Limited in practice by regional scrap supply (prices sheet) and flat-product quality [E]."),
    # --- aluminium -----------------------------------------------------------------------
    ("al_smelter", "incumbent", P_ALU, "Prebake-anode electrolysis (264 pots)",
     *MAT, 40, 2030, 0.0, 1.0, True, "al_dunkerque",
     "Existing 0.30 Mt/yr [S]; existing-plant fixed costs treated as sunk [E]."),
    ("al_inert_anode", "electrification", P_ALU, "Potline retrofit with inert anodes (no "
     "process CO2)", *MAT, 30, 2035, 0.06, 1.0, False, "est_project",
     "Not commercial before ~2035 (data.md B.1) [S]; cost and energy are estimates [E]."),
    ("al_stack", "incumbent", P_ALU, "Vent of potline and anode-baking CO2", *MAT, 40, 2030,
     0.0, 1.0, False, "est_project", "Accounting vent; no cost [E]."),
    ("al_capture", "ccus", P_ALU, "Capture on dilute potline exhaust (~1 % CO2)", *MAT, 20, 2035,
     0.1, 0.95, False, "est_project",
     "Dilute gas: estimate of 2x the NPC steel-capture cost and 85 % capture [E]."),
    # --- ferroalloys ---------------------------------------------------------------------
    ("fa_furnace", "incumbent", P_FA, "Submerged-arc furnaces with fossil reductant",
     *MAT, 30, 2030, 0.0, 1.0, True, "est_project",
     "Existing 0.55 Mt/yr [E]; output and intensity calibrated to the 0.8 Mt node [E]."),
    ("fa_furnace_bio", "renewable", P_FA, "Submerged-arc furnaces with bio-reductant",
     *MAT, 30, 2030, 0.1, 1.0, False, "est_project",
     "Reductant switch to biocarbon; retrofit cost and residual fossil CO2 are estimates [E]. "
     "Biogenic CO2 is counted as zero."),
    ("fa_stack", "incumbent", P_FA, "Vent of ferroalloy furnace off-gas CO2", *MAT, 30, 2030,
     0.0, 1.0, False, "est_project", "Accounting vent; no cost [E]."),
    ("fa_capture", "ccus", P_FA, "Capture on ferroalloy furnace off-gas", *MAT, 20, 2030, 0.1,
     0.95, False, "npc_2019", "NPC steel-capture figures taken as a proxy [E]."),
    # --- lime and cement -----------------------------------------------------------------
    ("kiln", "incumbent", P_KILN, "Lime (Lhoist Rety) and clinker (Eqiom Lumbres) kilns",
     *MAT, 30, 2030, 0.0, 1.0, False, "jrc_times",
     "Existing 2.2 Mt/yr clinker-equivalent [E]; lime represented with clinker data [E]."),
    ("kiln_stack", "incumbent", P_KILN, "Vent of kiln CO2", *MAT, 30, 2030, 0.0, 1.0, False,
     "est_project", "Accounting vent; no cost [E]."),
    ("kiln_capture", "ccus", P_KILN, "Post-combustion amine capture on kilns (DEA 401.c)",
     *MAT, 25, 2030, 0.4, 0.95, False, "dea_ccts",
     "Activity = CO2 captured. Build limit 0.4 Mt/yr per year lets the 1.5 Mt/yr "
     "D'Artagnan target be met by 2030 [S]/[E]."),
    # --- other industry heat ------------------------------------------------------------
    ("gas_boiler", "incumbent", P_OTHER, "Natural-gas steam boilers", *ELEC, 25, 2030, 100.0,
     0.95, True, "dea_heat", "Existing 850 MW_th [E], sized for the 1.3 Mt node; new boilers "
     "allowed [E]."),
    ("electric_boiler", "electrification", P_OTHER, "Electrode steam boilers", *ELEC, 25, 2030,
     150.0, 0.98, False, "dea_heat", "Build limit 150 MW per year [E]."),
    ("heat_pump", "electrification", P_OTHER, "Industrial heat pumps up to 150 C", *ELEC, 20,
     2030, 80.0, 0.95, False, "dea_heat",
     "COP assumes a warm heat source (DEA 302.b); capacity capped by available waste heat "
     "(capacity sheet) [E]."),
    # --- hydrogen -------------------------------------------------------------------------
    ("electrolyser", "hydrogen", P_H2, "Alkaline electrolysis, 100 MW class (capacity in MW_e)",
     *ELEC, 25, 2030, 300.0, 0.97, False, "pypsa_td",
     "Central capex variant (PyPSA 'electrolysis', close to 2023-25 projects), A.13 item 3; "
     "the DEA-native capex (~3x lower) is the optimistic sensitivity [S]. Activity = GWh_e."),
    ("smr", "hydrogen", P_H2, "Steam methane reforming without capture (capacity in MW_H2)",
     *ELEC, 30, 2030, 300.0, 0.95, False, "dea_fuels",
     "Grey hydrogen; also stands in for natural-gas DRI (0.55 t CO2 per t DRI either way) [D]."),
    ("smr_cc", "hydrogen", P_H2, "Steam methane reforming with CO2 capture (blue hydrogen)",
     *ELEC, 30, 2030, 300.0, 0.95, False, "dea_fuels",
     "90 % capture (IEA notes 54-90 % in real plants) [S]."),
    ("h2_tank", "storage", P_H2, "Compressed hydrogen steel tanks, 12 h at rated flow",
     *ELEC, 30, 2030, 100.0, 1.0, False, "dea_storage",
     "No salt caverns near Dunkerque [E]; capacity in MW_H2 of flow."),
    # --- power ----------------------------------------------------------------------------
    ("offshore_wind", "renewable", P_POWER, "Offshore wind off Dunkerque", *ELEC, 30, 2030,
     200.0, 0.438, False, "dunkerque_owf",
     "Availability = annual capacity factor 43.8 % [D]; the profile column gives the slice "
     "shape [E]. Build limit 200 MW/yr [E]."),
    ("onshore_wind", "renewable", P_POWER, "Onshore wind, Hauts-de-France", *ELEC, 30, 2030,
     60.0, 0.26, False, "rte_2023",
     "Availability = annual capacity factor 26 % (France 25.1 % [S], region 26-28 % [E]); "
     "the profile column gives the slice shape [E]."),
    ("solar_pv", "renewable", P_POWER, "Utility-scale PV (port land, rooftops)", *ELEC, 40, 2030,
     100.0, 0.115, False, "est_project",
     "Availability = annual capacity factor 11.5 % [E]; the profile column gives the slice "
     "shape [E]."),
    ("battery", "storage", P_POWER, "Li-ion battery, 4 h", *ELEC, 20, 2030, 100.0, 1.0, False,
     "dea_storage", "Life 20 yr blends cells (22-30 yr) and inverter (10 yr) [E]."),
    # --- CO2 transport and storage (D'Artagnan hub) ----------------------------------------
    ("co2_compression", "infrastructure", P_CO2, "Dense-phase compression at the capture "
     "sites", *MAT, 25, 2030, 0.8, 1.0, False, "ait_co2netz",
     "Build limit 0.8 Mt/yr per year: 4 Mt/yr by 2030, the D'Artagnan expansion [S]/[E]."),
    ("co2_pipeline", "infrastructure", P_CO2, "Collection pipelines (Lumbres-Rety-Dunkirk and "
     "port lines)", *MAT, 50, 2030, 0.8, 1.0, False, "dea_transport",
     "Average haul 40 km [E] (80 km inland line for the kilns, short port lines)."),
    ("co2_liquefaction", "infrastructure", P_CO2, "Liquefaction and buffer storage at the "
     "export terminal", *MAT, 25, 2030, 0.8, 1.0, False, "ieaghg_ph430",
     "Liquefaction (IEAGHG) plus terminal tanks (DEA); FOAK premium not applied (A.14) [D]."),
    ("co2_ship", "infrastructure", P_CO2, "CO2 carriers (10,000 t) to a North Sea store",
     *MAT, 40, 2030, 0.8, 1.0, False, "dea_ccts",
     "About 85 round trips per year of ~800 km each way [E]; ship fuel emissions outside "
     "cluster scope 1."),
    ("co2_injection", "infrastructure", P_CO2, "Offshore injection into a depleted field",
     *MAT, 30, 2030, 0.8, 1.0, False, "dea_ccts",
     "Activity = Mt injected; bounded per year (build limits, max capacity) and cumulatively "
     "by the reservoir [E]."),
    # --- removals -------------------------------------------------------------------------
    ("dac", "removal", P_DAC, "Direct air capture, solid sorbent (CO2 to storage)", *MAT, 20,
     2035, 0.2, 0.95, False, "dea_ccts",
     "Removal: takes CO2 from the atmosphere (negative scope-1 term). The EU ETS does not "
     "credit DACCS today; the model nets it against the carbon price [E]."),
]

RESERVOIR_OF = {"co2_injection": "north_sea_store"}

# --------------------------------------------------------------------------------------
# Flows: (technology, commodity, direction, ratio or {year: ratio}, source, note)
# Ratios are commodity units per activity unit.
# --------------------------------------------------------------------------------------


def capture_rate_flows(tech, flue, rates, source, note):
    """Rows for a capture plant whose activity is CO2 captured, at capture rate(s) `rates`."""
    if isinstance(rates, dict):
        flue_in = {y: 1 / r for y, r in rates.items()}
        slip = {y: (1 - r) / r for y, r in rates.items()}
    else:
        flue_in, slip = 1 / rates, (1 - rates) / rates
    return [
        (tech, flue, "in", flue_in, source, f"Flue CO2 treated per t captured = 1/capture rate; "
         f"{note}"),
        (tech, "co2_captured", "out", 1.0, source, "Activity is the CO2 captured [D]."),
        (tech, "co2", "out", slip, source, "Uncaptured remainder = (1 - rate)/rate [D]."),
    ]


def vent_flows(tech, flue, source):
    return [
        (tech, flue, "in", 1.0, source, "Vent: flue CO2 to atmosphere [D]."),
        (tech, "co2", "out", 1.0, source, "Vent: flue CO2 to atmosphere [D]."),
    ]


FLOWS = [
    # --- BF-BOF (per Mt crude steel) ----------------------------------------------------
    ("bf_bof", "coal", "in", BF_BOF_COAL, "mpp_steel",
     f"{BF_BOF_COAL:.0f} GWh/Mt calibrated so the complex emits 11.7 Mt at 6.8 Mt steel "
     "(site CO2 less DK6 gas CO2, / 0.3361 t/MWh) [D]; PyPSA gives 5,340 (1.79 t/t) [S]."),
    ("bf_bof", "iron_ore", "in", 1.54, "mpp_steel", "1.54 t ore per t steel [S]."),
    ("bf_bof", "scrap", "in", 0.051, "mpp_steel", "0.051 t scrap per t steel [S]."),
    ("bf_bof", "electricity", "in", BF_BOF_POWER, "dk6",
     "255 MW taken by ArcelorMittal from DK6, all year, over 6.8 Mt [D]."),
    ("bf_bof", "steel", "out", 1.0, "mpp_steel", "Activity is crude steel [D]."),
    ("bf_bof", "steel_gas", "out", STEEL_GAS, "dk6",
     "~5 TWh/yr steel gases valorised at DK6, over 6.8 Mt [S]/[D]."),
    ("bf_bof", "steel_flue", "out", BF_BOF_FLUE, "ieaghg_steel",
     "Capturable stacks (hot stoves, lime kilns, reheating); sized so that, with DK6 exhaust, "
     "at most 55 % of site CO2 can be captured [D]."),
    ("bf_bof", "co2", "out", BF_BOF_DIFFUSE, "mpp_steel",
     "Diffuse CO2 (sinter, BOF, coke plant) = coal carbon - steel-gas carbon - capturable "
     "stream [D]."),
    # --- DK6 (per GWh electricity) ----------------------------------------------------------
    ("dk6_ccgt", "steel_gas", "in", DK6_STEEL_GAS, "dk6",
     "Efficiency 45 % on LHV [E]; steel gas 75 % of fuel [E]."),
    ("dk6_ccgt", "natural_gas", "in", DK6_GAS, "dk6",
     "Natural-gas co-firing 25 % of fuel [E]; gives ~3.0 TWh/yr (2.9 TWh in 2015, 4.0 in "
     "2017) [S]/[E]."),
    ("dk6_ccgt", "electricity", "out", 1.0, "dk6", "Activity is electricity [D]."),
    ("dk6_ccgt", "steel_flue", "out", DK6_CO2, "mpp_steel",
     "Exhaust CO2: steel gas at 0.75 t/MWh [E] + gas at 0.198 t/MWh [S]; all capturable."),
    ("steel_gas_flare", "steel_gas", "in", 1.0, "est_project", "Flare [E]."),
    ("steel_gas_flare", "co2", "out", STEEL_GAS_EF, "mpp_steel",
     "Steel-gas mix at 0.75 t CO2/MWh [E]."),
    *vent_flows("steel_stack", "steel_flue", "est_project"),
    *capture_rate_flows("steel_capture", "steel_flue", STEEL_CAPTURE_RATE, "npc_2019",
                        "90 % capture, flat (no learning) [S]."),
    ("steel_capture", "steam", "in", 760.0, "npc_2019",
     "NPC gas input 0.76 MWh/t taken as steam demand (conservative) [D]."),
    ("steel_capture", "electricity", "in", 60.0, "npc_2019",
     "NPC 0.16 MWh/t less ~0.10 for compression, which co2_compression models [D]."),
    # --- DRI and EAF routes -----------------------------------------------------------------
    ("dri_shaft", "hydrogen", "in", 2100.0, "mpp_steel", "2.1 MWh H2 per t DRI (~63 kg) [S]."),
    ("dri_shaft", "electricity", "in", 1030.0, "mpp_steel", "1.03 MWh per t DRI [S]."),
    ("dri_shaft", "iron_ore", "in", 1.59, "mpp_steel", "1.59 t ore per t DRI [S]."),
    ("dri_shaft", "dri", "out", 1.0, "mpp_steel", "Activity is DRI [D]."),
    ("eaf_dri", "dri", "in", 1.0, "mpp_steel", "1 t DRI per t steel (PyPSA) [S]."),
    ("eaf_dri", "electricity", "in", 639.0, "mpp_steel", "0.639 MWh per t steel [S]."),
    ("eaf_dri", "steel", "out", 1.0, "mpp_steel", "Activity is crude steel [D]."),
    ("eaf_dri", "co2", "out", 0.082, "mpp_steel",
     "MPP scope-1 of the H2-DRI-EAF route (electrodes, charge carbon, lime) [S]."),
    ("eaf_scrap", "scrap", "in", 1.138, "mpp_steel", "1.138 t scrap per t steel [S]."),
    ("eaf_scrap", "electricity", "in", 635.0, "mpp_steel", "2.29 GJ = 0.635 MWh per t [S]."),
    ("eaf_scrap", "natural_gas", "in", 411.0, "mpp_steel", "1.48 GJ = 0.411 MWh per t [S]."),
    ("eaf_scrap", "steel", "out", 1.0, "mpp_steel", "Activity is crude steel [D]."),
    ("eaf_scrap", "co2", "out", 0.163, "mpp_steel",
     "MPP scope-1 of scrap EAF, gas combustion included [S]."),
    # --- aluminium (per Mt Al) ------------------------------------------------------------
    ("al_smelter", "electricity", "in", ALU_POWER, "al_dunkerque", "13 MWh per t Al [S]."),
    ("al_smelter", "aluminium", "out", 1.0, "al_dunkerque", "Activity is aluminium [D]."),
    ("al_smelter", "al_flue", "out", ALU_CO2, "al_dunkerque",
     "1.82 t CO2 per t Al, anode consumption [S]."),
    ("al_inert_anode", "electricity", "in", ALU_POWER + 500.0, "est_project",
     "13.5 MWh per t: +0.5 MWh/t for the higher cell voltage of inert anodes [E]."),
    ("al_inert_anode", "aluminium", "out", 1.0, "est_project", "Activity is aluminium [D]."),
    *vent_flows("al_stack", "al_flue", "est_project"),
    *capture_rate_flows("al_capture", "al_flue", 0.85, "est_project",
                        "85 % on dilute potline gas [E]."),
    ("al_capture", "steam", "in", 1200.0, "est_project",
     "1.2 MWh steam per t: dilute gas needs more regeneration energy than NPC's 0.76 [E]."),
    ("al_capture", "electricity", "in", 200.0, "est_project",
     "0.2 MWh per t, mostly fans for large gas volumes [E]."),
    # --- ferroalloys (per Mt alloy) -------------------------------------------------------
    ("fa_furnace", "coal", "in", FA_COAL, "est_project",
     f"{FA_COAL:.0f} GWh/Mt: reductant carbon giving 1.6 t CO2 per t at 0.3361 t/MWh [E]."),
    ("fa_furnace", "electricity", "in", 3000.0, "est_project",
     "3 MWh per t (Mn alloys 2.5-4 MWh/t) [E]."),
    ("fa_furnace", "ferroalloys", "out", 1.0, "est_project", "Activity is alloy [D]."),
    ("fa_furnace", "fa_flue", "out", FA_CO2 * FA_CAPTURABLE, "est_project",
     "80 % of furnace CO2 in a capturable off-gas [E]."),
    ("fa_furnace", "co2", "out", FA_CO2 * (1 - FA_CAPTURABLE), "est_project",
     "20 % diffuse (tapping, fugitive) [E]."),
    ("fa_furnace_bio", "biocarbon", "in", FA_COAL, "est_project",
     "Same reductant energy as the fossil furnace [E]."),
    ("fa_furnace_bio", "electricity", "in", 3000.0, "est_project", "As the fossil furnace [E]."),
    ("fa_furnace_bio", "ferroalloys", "out", 1.0, "est_project", "Activity is alloy [D]."),
    ("fa_furnace_bio", "co2", "out", 0.16, "est_project",
     "Residual fossil CO2 from electrode paste and fossil carbon share, 10 % [E]."),
    *vent_flows("fa_stack", "fa_flue", "est_project"),
    *capture_rate_flows("fa_capture", "fa_flue", 0.90, "npc_2019", "90 % as NPC [S]/[E]."),
    ("fa_capture", "steam", "in", 760.0, "npc_2019", "As steel_capture [D]."),
    ("fa_capture", "electricity", "in", 60.0, "npc_2019", "As steel_capture [D]."),
    # --- lime and cement kilns (per Mt clinker-equivalent) ----------------------------------
    ("kiln", "coal", "in", 944.0, "jrc_times", "0.944 MWh heat per t clinker [S]."),
    ("kiln", "electricity", "in", 69.4, "jrc_times", "0.069 MWh per t clinker [S]."),
    ("kiln", "clinker", "out", 1.0, "jrc_times", "Activity is clinker-equivalent [D]."),
    ("kiln", "kiln_flue", "out", KILN_CO2, "ipcc_2006",
     f"{KILN_CO2:.3f} t/t = 0.52 calcination [R] + 0.944 MWh x 0.3361 fuel [D]; all in the "
     "kiln exhaust."),
    *vent_flows("kiln_stack", "kiln_flue", "est_project"),
    *capture_rate_flows("kiln_capture", "kiln_flue", {2025: 0.90, 2030: 0.90, 2040: 0.95,
                                                      2050: 0.95},
                        "dea_ccts", "90 % to 2030, 95 % from 2040 (DEA 401.c) [S]."),
    ("kiln_capture", "steam", "in", {2025: 833.0, 2030: 720.0, 2040: 660.0, 2050: 660.0},
     "dea_ccts", "LP steam 0.83 -> 0.72 -> 0.66 MWh/t [S]."),
    ("kiln_capture", "electricity", "in", {2025: 25.0, 2030: 22.0, 2040: 20.0, 2050: 18.0},
     "dea_ccts", "Capture electricity only; DEA's compression to 150 bar is in "
     "co2_compression [D]."),
    # --- steam (per GWh steam) ------------------------------------------------------------
    ("gas_boiler", "natural_gas", "in", {2025: 1 / 0.925, 2030: 1 / 0.93, 2050: 1 / 0.94},
     "dea_heat", "Efficiency 0.925 -> 0.93 -> 0.94 [S]."),
    ("gas_boiler", "steam", "out", 1.0, "dea_heat", "Activity is steam [D]."),
    ("gas_boiler", "co2", "out", {2025: GAS_EF / 0.925, 2030: GAS_EF / 0.93,
                                  2050: GAS_EF / 0.94},
     "pypsa_td", "0.198 t CO2/MWh gas / efficiency [D]."),
    ("electric_boiler", "electricity", "in", 1 / 0.99, "dea_heat", "Efficiency 0.99 [S]."),
    ("electric_boiler", "steam", "out", 1.0, "dea_heat", "Activity is steam [D]."),
    ("heat_pump", "electricity", "in", {2025: 1 / 3.00, 2030: 1 / 3.05, 2040: 1 / 3.15,
                                        2050: 1 / 3.20},
     "dea_heat", "COP 3.00 -> 3.20 (DEA 302.b, warm source) [S]."),
    ("heat_pump", "steam", "out", 1.0, "dea_heat", "Activity is steam [D]."),
    # --- hydrogen ---------------------------------------------------------------------------
    ("electrolyser", "electricity", "in", 1.0, "dea_fuels", "Activity is electricity in [D]."),
    ("electrolyser", "hydrogen", "out", {2025: 0.587, 2030: 0.622, 2040: 0.653, 2050: 0.699},
     "dea_fuels", "LHV efficiency 58.7 -> 69.9 % (56.7 -> 47.7 kWh/kg) [S]."),
    ("smr", "natural_gas", "in", 1 / 0.76, "iea_h2", "Efficiency 76 % LHV [S]."),
    ("smr", "hydrogen", "out", 1.0, "iea_h2", "Activity is hydrogen [D]."),
    ("smr", "co2", "out", GAS_EF / 0.76, "pypsa_td", "8.7 kg CO2 per kg H2 [D]."),
    ("smr_cc", "natural_gas", "in", 1 / 0.69, "iea_h2", "Efficiency 69 % LHV [S]."),
    ("smr_cc", "hydrogen", "out", 1.0, "iea_h2", "Activity is hydrogen [D]."),
    ("smr_cc", "co2_captured", "out", 0.90 * GAS_EF / 0.69, "iea_h2",
     "90 % of the gas carbon captured [S]/[D]."),
    ("smr_cc", "co2", "out", 0.10 * GAS_EF / 0.69, "iea_h2", "10 % not captured [D]."),
    # --- renewables -------------------------------------------------------------------------
    ("offshore_wind", "electricity", "out", 1.0, "dea_el_dh", "Activity is electricity [D]."),
    ("onshore_wind", "electricity", "out", 1.0, "dea_el_dh", "Activity is electricity [D]."),
    ("solar_pv", "electricity", "out", 1.0, "dea_el_dh", "Activity is electricity [D]."),
    # --- CO2 chain (per Mt CO2) -------------------------------------------------------------
    ("co2_compression", "co2_captured", "in", 1.0, "ait_co2netz", "Activity is CO2 [D]."),
    ("co2_compression", "electricity", "in", 105.0, "ait_co2netz", "0.105 MWh per t [S]."),
    ("co2_compression", "co2_dense", "out", 1.0, "ait_co2netz", "Activity is CO2 [D]."),
    ("co2_pipeline", "co2_dense", "in", 1.0, "dea_transport", "Activity is CO2 [D]."),
    ("co2_pipeline", "electricity", "in", 0.8, "dea_transport",
     "Boosters 0.02 kW per (t/h) per km x 40 km = 0.8 kWh/t [D]."),
    ("co2_pipeline", "co2_hub", "out", 1.0, "dea_transport", "Activity is CO2 [D]."),
    ("co2_liquefaction", "co2_hub", "in", 1.0, "ieaghg_ph430", "Activity is CO2 [D]."),
    ("co2_liquefaction", "electricity", "in", 123.0, "ieaghg_ph430", "0.123 MWh per t [S]."),
    ("co2_liquefaction", "co2_liquid", "out", 1.0, "ieaghg_ph430", "Activity is CO2 [D]."),
    ("co2_ship", "co2_liquid", "in", 1.0, "dea_ccts", "Activity is CO2 shipped [D]."),
    ("co2_ship", "co2_offshore", "out", 1.0, "dea_ccts", "Activity is CO2 shipped [D]."),
    ("co2_injection", "co2_offshore", "in", 1.0, "dea_ccts",
     "Activity is CO2 injected into the reservoir [D]."),
    # --- DAC (per Mt removed) ---------------------------------------------------------------
    ("dac", "co2", "in", 1.0, "dea_ccts", "Takes CO2 from the atmosphere: a removal [D]."),
    ("dac", "electricity", "in", 400.0, "beuttler_2019",
     "0.40 MWh/t; the 0.15 MWh/t of compression is in co2_compression [S]/[D]."),
    ("dac", "steam", "in", 1600.0, "beuttler_2019", "1.6 MWh_th per t at ~100 C [S]."),
    ("dac", "co2_captured", "out", 1.0, "dea_ccts", "CO2 to the shared chain [D]."),
]

# --------------------------------------------------------------------------------------
# Costs: (technology, parameter, {year: value}, source, note); MEUR per capacity unit
# (capex), per capacity unit and year (fixed_om), per activity unit (variable_om).
# --------------------------------------------------------------------------------------


STEEL_CAPTURE_CAPEX = 511 * USD                   # EUR per (t/yr), flat
OFFSHORE_TURBINE = {2025: 2224, 2030: 2115, 2040: 1964, 2050: 1916}   # EUR/kW
OFFSHORE_CABLE = 4510 * 15 / 1000                 # EUR/kW: 15 km of AC cable at 4,510 EUR/MW/km
OFFSHORE_CAPEX = {y: (v + OFFSHORE_CABLE) * KW for y, v in OFFSHORE_TURBINE.items()}
BATTERY_KWH = {2025: 250, 2030: 190, 2040: 126, 2050: 100}            # EUR/kWh
BATTERY_KW = {2025: 288, 2030: 214, 2040: 134, 2050: 80}              # EUR/kW inverter
BATTERY_HOURS = 4.0
BATTERY_CAPEX = ck.storage_capex(BATTERY_HOURS, BATTERY_KWH, BATTERY_KW, KW)
H2_TANK_KWH = {2025: 68.1, 2030: 60.0, 2040: 36.2, 2050: 28.1}       # EUR/kWh incl. compressor
H2_TANK_HOURS = 12.0
H2_TANK_CAPEX = {y: H2_TANK_HOURS * v * KW for y, v in H2_TANK_KWH.items()}
ELECTROLYSER_CAPEX = {2025: 2.263, 2030: 1.886, 2040: 1.509, 2050: 1.257}
KILN_CAPTURE_CAPEX = {2025: 402, 2030: 373, 2040: 316, 2050: 258}
DAC_CAPEX = {2025: 1005, 2030: 861, 2040: 718, 2050: 574}
SHIP_TRIPS = 85                                   # round trips per year [E]
SHIP_CAPEX = {y: v * EUR2020 / SHIP_TRIPS for y, v in {2025: 6350, 2030: 6200, 2050: 5000}.items()}
TERMINAL_CAPEX = 1400 * EUR2020 * 28000 / 1.5e6   # EUR per (t/yr): 2 x 14 kt tanks per 1.5 Mt/yr
LIQUEFACTION_CAPEX = 21.3
STORE_CAPEX = 3.5 * EUR2020 * 150 / 5             # EUR per (t/yr): EUR 3.5/t x 150 Mt / 5 Mt/yr

COSTS = [
    # steel & power
    ("bf_bof", "fixed_om", {2025: 0.142 * 1096}, "mpp_steel",
     "14.2 % of EUR 1,096 per t/yr (PyPSA, EUR2025); saved if retired early [S]."),
    ("dk6_ccgt", "fixed_om", {2025: 0.0334 * 1142 * KW}, "dea_el_dh", "CCGT FOM 3.3 % [S]."),
    ("dk6_ccgt", "variable_om", {2025: 5.74 * MWH}, "dea_el_dh", "CCGT VOM EUR 5.7/MWh [S]."),
    ("steel_capture", "capex", {2025: STEEL_CAPTURE_CAPEX}, "npc_2019",
     "USD 511 per t/yr x 0.88 EUR/USD [S]/[E]; flat (no learning, A.13 item 2)."),
    ("steel_capture", "fixed_om", {2025: 0.05 * STEEL_CAPTURE_CAPEX}, "npc_2019", "5 %/yr [S]."),
    ("dri_shaft", "capex", {2025: 614.0}, "mpp_steel", "EUR 614 per t DRI/yr (PyPSA) [S]."),
    ("dri_shaft", "fixed_om", {2025: 0.113 * 614.0}, "mpp_steel", "11.3 %/yr [S]."),
    ("eaf_dri", "capex", {2025: 264.0}, "mpp_steel", "EUR 264 per t/yr (PyPSA) [S]."),
    ("eaf_dri", "fixed_om", {2025: 0.30 * 264.0}, "mpp_steel", "30 %/yr (PyPSA) [S]."),
    ("eaf_scrap", "capex", {2025: 264.0}, "mpp_steel", "As eaf_dri (MPP scrap EAF: 210) [S]."),
    ("eaf_scrap", "fixed_om", {2025: 0.30 * 264.0}, "mpp_steel", "30 %/yr (PyPSA) [S]."),
    # aluminium
    ("al_inert_anode", "capex", {2025: 1000.0}, "est_project",
     "EUR 1,000 per t/yr potline retrofit [E]."),
    ("al_inert_anode", "fixed_om", {2025: 30.0}, "est_project", "3 %/yr [E]."),
    ("al_capture", "capex", {2025: 2 * STEEL_CAPTURE_CAPEX}, "est_project",
     "2x NPC steel capture for ~1 % CO2 gas [E]."),
    ("al_capture", "fixed_om", {2025: 0.05 * 2 * STEEL_CAPTURE_CAPEX}, "est_project",
     "5 %/yr [E]."),
    # ferroalloys
    ("fa_furnace_bio", "capex", {2025: 150.0}, "est_project",
     "EUR 150 per t/yr for biocarbon handling and furnace adaptation [E]."),
    ("fa_furnace_bio", "fixed_om", {2025: 6.0}, "est_project", "4 %/yr [E]."),
    ("fa_capture", "capex", {2025: STEEL_CAPTURE_CAPEX}, "npc_2019", "As steel_capture [E]."),
    ("fa_capture", "fixed_om", {2025: 0.05 * STEEL_CAPTURE_CAPEX}, "npc_2019", "5 %/yr [E]."),
    # kilns
    ("kiln", "fixed_om", {2025: 0.04 * 167}, "jrc_times", "4 % of EUR 167 per t/yr [S]."),
    ("kiln", "variable_om", {2025: 6.7}, "jrc_times", "EUR 6.7 per t clinker [S]."),
    ("kiln_capture", "capex", KILN_CAPTURE_CAPEX, "dea_ccts",
     "EUR 402 -> 258 per t/yr (DEA 401.c, EUR2025); FOAK premium (~2x, A.14) not applied [S]."),
    ("kiln_capture", "fixed_om", pct(0.03, KILN_CAPTURE_CAPEX), "dea_ccts", "3 %/yr [S]."),
    ("kiln_capture", "variable_om", {2025: 2.5 * EUR2020}, "dea_ccts",
     "EUR2020 2.5/t x 1.22 [S]/[D]."),
    # steam
    ("gas_boiler", "capex", {2025: 63.3 * KW, 2030: 57.6 * KW}, "dea_heat", "EUR/kW_th [S]."),
    ("gas_boiler", "fixed_om", {2025: 0.039 * 63.3 * KW, 2030: 0.0418 * 57.6 * KW,
                                2040: 0.0396 * 57.6 * KW, 2050: 0.0374 * 57.6 * KW},
     "dea_heat", "FOM 3.9 -> 3.7 %/yr [S]."),
    ("gas_boiler", "variable_om", {2025: 1.33 * MWH, 2030: 1.27 * MWH}, "dea_heat",
     "EUR 1.33 -> 1.27/MWh [S]."),
    ("electric_boiler", "capex", {2025: 95.0 * KW, 2030: 88.6 * KW}, "dea_heat",
     "EUR/kW_th [S]."),
    ("electric_boiler", "fixed_om", {2025: 0.0139 * 95.0 * KW, 2030: 0.0146 * 88.6 * KW,
                                     2040: 0.0139 * 88.6 * KW, 2050: 0.0131 * 88.6 * KW},
     "dea_heat", "FOM 1.4 %/yr [S]."),
    ("electric_boiler", "variable_om", {2025: 1.10 * MWH, 2030: 1.11 * MWH, 2040: 0.988 * MWH},
     "dea_heat", "EUR 1.10 -> 0.99/MWh [S]."),
    ("heat_pump", "capex", {2025: 1253 * KW, 2030: 1183 * KW, 2040: 1109 * KW, 2050: 1064 * KW},
     "dea_heat", "EUR/kW_th (DEA 302.b) [S]."),
    ("heat_pump", "fixed_om", {2025: 0.000929 * 1253 * KW, 2030: 0.000931 * 1183 * KW,
                               2040: 0.000913 * 1109 * KW, 2050: 0.000857 * 1064 * KW},
     "dea_heat", "FOM ~0.09 %/yr; most O&M is in VOM (A.13 item 6) [S]."),
    ("heat_pump", "variable_om", {2025: 4.09 * MWH, 2030: 4.05 * MWH, 2040: 4.08 * MWH,
                                  2050: 3.95 * MWH}, "dea_heat", "EUR ~4/MWh [S]."),
    # hydrogen
    ("electrolyser", "capex", ELECTROLYSER_CAPEX, "iea_h2",
     "EUR 2,263 -> 1,257 per kW_e, central variant (PyPSA) [S]. Optimistic: DEA AEC 875 -> 300 "
     "EUR2020/kW_e."),
    ("electrolyser", "fixed_om", pct(0.04, ELECTROLYSER_CAPEX), "dea_fuels", "4 %/yr [S]."),
    ("smr", "capex", {2025: 867 * KW}, "dea_fuels",
     "EUR 659 per kW_CH4 = 867 per kW_H2 at 76 % [S]/[D]."),
    ("smr", "fixed_om", {2025: 0.05 * 867 * KW}, "dea_fuels", "5 %/yr [S]."),
    ("smr_cc", "capex", {2025: 1108 * KW}, "dea_fuels",
     "EUR 765 per kW_CH4 = 1,108 per kW_H2 at 69 % [S]/[D]."),
    ("smr_cc", "fixed_om", {2025: 0.05 * 1108 * KW}, "dea_fuels", "5 %/yr [S]."),
    ("h2_tank", "capex", H2_TANK_CAPEX, "dea_storage",
     "Per MW of flow incl. 12 h: 12 x EUR 68.1 -> 28.1 per kWh [D]."),
    ("h2_tank", "fixed_om", {2025: 0.0108 * H2_TANK_CAPEX[2025], 2030: 0.0111 * H2_TANK_CAPEX[2030],
                             2040: 0.0185 * H2_TANK_CAPEX[2040], 2050: 0.019 * H2_TANK_CAPEX[2050]},
     "dea_storage", "1.1 -> 1.9 %/yr [S]."),
    # power
    ("offshore_wind", "capex", OFFSHORE_CAPEX, "dea_el_dh",
     "Turbines EUR 2,224 -> 1,916/kW (DEA 21) + 15 km export cable at 4,510 EUR/MW/km [S]/[E]. "
     "Cross-check: Dunkerque project ~EUR 2,333/kW incl. connection [S]."),
    ("offshore_wind", "fixed_om", {y: (s * OFFSHORE_TURBINE[y] + 0.025 * OFFSHORE_CABLE) * KW
                                   for y, s in {2025: 0.0237, 2030: 0.0232, 2040: 0.0218,
                                                2050: 0.0217}.items()},
     "dea_el_dh", "2.4 -> 2.2 %/yr of turbines + 2.5 %/yr of cable [S]."),
    ("onshore_wind", "capex", {2025: 1439 * KW, 2030: 1383 * KW, 2040: 1306 * KW,
                               2050: 1286 * KW}, "dea_el_dh", "EUR/kW (DEA 20) [S]."),
    ("onshore_wind", "fixed_om", {2025: 0.0123 * 1439 * KW, 2030: 0.0122 * 1383 * KW,
                                  2040: 0.0119 * 1306 * KW, 2050: 0.0118 * 1286 * KW},
     "dea_el_dh", "1.2 %/yr [S]."),
    ("onshore_wind", "variable_om", {2025: 1.90 * MWH, 2030: 1.80 * MWH, 2040: 1.66 * MWH,
                                     2050: 1.62 * MWH}, "dea_el_dh", "EUR 1.9 -> 1.6/MWh [S]."),
    ("solar_pv", "capex", {2025: 595 * KW, 2030: 482 * KW, 2040: 403 * KW, 2050: 368 * KW},
     "dea_el_dh", "EUR/kW (DEA 22) [S]."),
    ("solar_pv", "fixed_om", {2025: 0.022 * 595 * KW, 2030: 0.0248 * 482 * KW,
                              2040: 0.0252 * 403 * KW, 2050: 0.0253 * 368 * KW},
     "dea_el_dh", "2.2 -> 2.5 %/yr [S]."),
    ("battery", "capex", BATTERY_CAPEX, "dea_storage",
     "Per MW incl. 4 h: 4 x EUR 250 -> 100 per kWh + inverter EUR 288 -> 80 per kW [D]."),
    ("battery", "fixed_om", {2025: 0.72 * KW}, "dea_storage",
     "Inverter FOM 0.25-0.9 % of a falling inverter cost: ~EUR 0.72/kW/yr throughout [D]."),
    # CO2 chain
    ("co2_compression", "capex", {2025: 34120 / 8760}, "ait_co2netz",
     "EUR 34,120 per (t/h) / 8,760 = EUR 3.9 per (t/yr) [D]."),
    ("co2_compression", "fixed_om", {2025: 0.05 * 34120 / 8760}, "ait_co2netz", "5 %/yr [S]."),
    ("co2_pipeline", "capex", {2025: 2672 / 8760 * 40}, "dea_transport",
     "EUR 2,672 per (t/h) per km / 8,760 x 40 km = EUR 12.2 per (t/yr) [D]."),
    ("co2_pipeline", "fixed_om", {2025: 0.009 * 2672 / 8760 * 40}, "dea_transport",
     "0.9 %/yr [S]."),
    ("co2_liquefaction", "capex", {2025: LIQUEFACTION_CAPEX + TERMINAL_CAPEX}, "ieaghg_ph430",
     "Liquefaction EUR 21.3 per (t/yr) [S] + terminal tanks 2 x 14 kt at EUR2020 1,400/t x "
     "1.22 for 1.5 Mt/yr = EUR 31.9 per (t/yr) [D]. D'Artagnan's >EUR 400 M suggests a 2-3x "
     "FOAK premium (A.14)."),
    ("co2_liquefaction", "fixed_om", {2025: 0.05 * LIQUEFACTION_CAPEX + 0.03 * TERMINAL_CAPEX},
     "ieaghg_ph430", "5 %/yr liquefaction, 3 %/yr tanks [S]."),
    ("co2_ship", "capex", SHIP_CAPEX, "dea_ccts",
     "EUR2020 6,350 -> 5,000 per t cargo x 1.22 / 85 trips per year [D]/[E]."),
    ("co2_ship", "fixed_om", pct(0.05, SHIP_CAPEX), "dea_ccts", "~5 % of capex per year [S]."),
    ("co2_ship", "variable_om", {2025: 3.0}, "est_project",
     "Fuel ~0.05 MWh per t shipped at ~EUR 60/MWh [E]."),
    ("co2_injection", "capex", {2025: STORE_CAPEX}, "dea_ccts",
     "DEA 451.3c capex share EUR2020 3.5/t x 150 Mt / 5 Mt/yr x 1.22 = EUR 128 per (t/yr) [D]."),
    ("co2_injection", "variable_om", {2020: (17.1 - 3.5) * EUR2020, 2030: (15.5 - 3.5) * EUR2020,
                                      2050: (14.0 - 3.5) * EUR2020}, "dea_ccts",
     "DEA 451.3c all-in cost less capex share, EUR2020 x 1.22 [D]."),
    # removal
    ("dac", "capex", DAC_CAPEX, "dea_ccts", "EUR 1,005 -> 574 per (t/yr) (DEA 403.a) [S]."),
    ("dac", "fixed_om", pct(0.0495, DAC_CAPEX), "dea_ccts", "4.95 %/yr [S]."),
]

# --------------------------------------------------------------------------------------
# Socio-economic coefficients: technology -> (operating_jobs [jobs / capacity unit],
# gdp_per_activity [MEUR / activity unit], note). They feed the results' socio-economic
# sheet only, never the objective.
# construction_jobs [job-years / capacity unit] = 3 job-years per MEUR of capex in the
# technology's first year [E] (~40 % of capex spent on local labour at ~EUR 130,000 per
# job-year); 0 where no new capacity may be built. Value added is counted on final products
# (steel, aluminium, ferroalloys, clinker), electricity and hydrogen; in-house steps (DRI,
# boilers, storage) and abatement services (capture, CO2 chain, DAC) carry 0 [E].
# Cross-check: the reference run gives new jobs of the order of B.1's 16,000-20,000 for
# 2030-2040 (jobs_dunkerque; see docs/cases/dunkerque.md).
# --------------------------------------------------------------------------------------

JOBS_PER_MEUR = 3.0
SHIP_LOCAL_SHARE = 0.1      # CO2 carriers are built in foreign yards [E]

SOCIO = {
    "bf_bof": (470.0, 160.0, "~3,200 staff for 6.8 Mt [R]; value added ~25 % of ~EUR 650/t "
               "steel [E]."),
    "dk6_ccgt": (0.06, 0.02, "~50 staff [E]; ~EUR 20/MWh value added [E]."),
    "steel_gas_flare": (0.0, 0.0, "Safety flare: none [E]."),
    "steel_stack": (0.0, 0.0, "Accounting vent: none."),
    "steel_capture": (25.0, 0.0, "25 jobs per Mt/yr [E]; abatement service, no value added."),
    "dri_shaft": (120.0, 0.0, "~300 staff per 2.5 Mt/yr [E]; value added counted on steel."),
    "eaf_dri": (150.0, 160.0, "150 jobs per Mt/yr [E]: DRI + EAF ~270 vs BF-BOF 470; value "
                "added as BF-BOF steel [E]."),
    "eaf_scrap": (150.0, 160.0, "As eaf_dri [E]."),
    "al_smelter": (1930.0, 500.0, "~580 staff for 0.30 Mt/yr [R]; value added ~20 % of "
                   "~EUR 2,500/t [E]."),
    "al_inert_anode": (1700.0, 500.0, "Smelter crews less the anode plant [E]."),
    "al_stack": (0.0, 0.0, "Accounting vent: none."),
    "al_capture": (40.0, 0.0, "40 jobs per Mt/yr [E]; abatement service."),
    "fa_furnace": (1200.0, 240.0, "~600 staff for 0.5 Mt/yr [E]; value added ~20 % of "
                   "~EUR 1,200/t [E]."),
    "fa_furnace_bio": (1200.0, 240.0, "Same furnaces and crews [E]."),
    "fa_stack": (0.0, 0.0, "Accounting vent: none."),
    "fa_capture": (25.0, 0.0, "As steel_capture [E]."),
    "kiln": (180.0, 45.0, "~400 staff for 2.2 Mt/yr [E]; value added ~35 % of ~EUR 130/t [E]."),
    "kiln_stack": (0.0, 0.0, "Accounting vent: none."),
    "kiln_capture": (25.0, 0.0, "As steel_capture [E]."),
    "gas_boiler": (0.02, 0.0, "~2 staff per 100 MW [E]; in-house utility."),
    "electric_boiler": (0.01, 0.0, "[E]; in-house utility."),
    "heat_pump": (0.05, 0.0, "[E]; in-house utility."),
    "electrolyser": (0.1, 0.02, "~10 staff per 100 MW [E]; ~EUR 20/MWh_e value added [E]."),
    "smr": (0.05, 0.01, "[E]; ~EUR 10/MWh H2 value added [E]."),
    "smr_cc": (0.07, 0.015, "[E]; ~EUR 15/MWh H2 value added [E]."),
    "h2_tank": (0.01, 0.0, "[E]; storage."),
    "offshore_wind": (0.17, 0.05, "~100 O&M jobs for 600 MW [R]; ~80 % of EUR 60/MWh [E]."),
    "onshore_wind": (0.1, 0.05, "[E]; as offshore."),
    "solar_pv": (0.05, 0.04, "[E]; lower value of midday output."),
    "battery": (0.02, 0.0, "[E]; storage."),
    "co2_compression": (5.0, 0.0, "Jobs per Mt/yr [E]; CO2 chain is an abatement service."),
    "co2_pipeline": (2.0, 0.0, "[E]; abatement service."),
    "co2_liquefaction": (10.0, 0.0, "Terminal staff [E]; abatement service."),
    "co2_ship": (50.0, 0.0, "~20 crew x 2 rotations per ship, 1.2 ships per Mt/yr [E]; "
                 "construction at 10 % local share (foreign yards)."),
    "co2_injection": (10.0, 0.0, "[E]; abatement service."),
    "dac": (50.0, 0.0, "50 jobs per Mt/yr [E]; removal service."),
}


def construction_jobs(tech: str, first_year: int, max_build: float) -> float:
    """Job-years per capacity unit built: JOBS_PER_MEUR x capex (MEUR) in the first year."""
    if max_build == 0.0:
        return 0.0
    share = SHIP_LOCAL_SHARE if tech == "co2_ship" else 1.0
    return JOBS_PER_MEUR * share * ck.cost_at(COSTS, tech, "capex", first_year)


def socio(t: ck.Tech) -> ck.Socio:
    """Socio-economic coefficients of a technology, from SOCIO and the construction rule."""
    operating, gdp, note = SOCIO[t.technology]
    return ck.Socio(construction_jobs(t.technology, t.first_year, t.max_build_per_year),
                    operating, gdp, f"Jobs/GDP: {note}")


# --------------------------------------------------------------------------------------
# Prices: (commodity, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

PRICES = [
    ("electricity", "price", {2025: 85 * MWH}, "edf_cre_price",
     "EUR 85/MWh all-in for electro-intensive users, flat [E]."),
    ("electricity", "max_import_rate", {2025: 2.5, 2030: 3.5, 2040: 4.5, 2050: 5.5},
     "lagazette_grid", "GW. Local demand 2.2 GW -> ~4.5 GW by 2040 [S]; connection reinforced "
     "in step [E]."),
    ("electricity", "grid_emission_factor", {2025: 30 * G_KWH, 2030: 25 * G_KWH,
                                             2040: 15 * G_KWH, 2050: 8 * G_KWH},
     "rte_2023", "32 g/kWh in 2023 [S]; 25 (2030), 15 (2040), 8 (2050) g/kWh [E]. Counts only "
     "under scope 1+2."),
    ("electricity", "export_price", {2025: 30 * MWH}, "est_project",
     "Surplus on-site generation sold at EUR 30/MWh [E]."),
    ("natural_gas", "price", {2025: 42.9 * MWH, 2030: 28.4 * MWH, 2035: 27.0 * MWH,
                              2040: 25.6 * MWH, 2045: 24.2 * MWH, 2050: 22.8 * MWH},
     "gas_prices", "EUR2025/MWh, TTF basis [S]."),
    ("coal", "price", {2025: 20 * MWH}, "est_project",
     "EUR 20/MWh blend of coking and injection coal [E]; PyPSA thermal coal (EUR 7.8/MWh) is "
     "too low for metallurgical coal [S]."),
    ("iron_ore", "price", {2025: 120.0}, "est_project", "EUR 120/t ore and pellets [E]."),
    ("scrap", "price", {2025: 350.0}, "est_project", "EUR 350/t [E]."),
    ("scrap", "max_supply", {2025: 1.5}, "est_project", "Regional scrap available 1.5 Mt/yr [E]."),
    ("biocarbon", "price", {2025: 55 * MWH}, "est_project",
     "EUR 55/MWh (~EUR 450/t charcoal) [E]."),
    ("biocarbon", "max_supply", {2025: 2000.0}, "est_project",
     "2 TWh/yr sustainable supply [E]."),
    ("co2", "carbon_price", {2025: 75.0, 2030: 130.0, 2035: 160.0, 2040: 200.0, 2050: 250.0},
     "ets_traj", "EU ETS EUR2025/t [E]/[R]; free allocation and CBAM not modelled."),
]

# --------------------------------------------------------------------------------------
# Demand: (commodity, {year: value}, source, note), flat unless a source says otherwise
# --------------------------------------------------------------------------------------

DEMAND = [
    ("steel", {2025: STEEL_OUTPUT}, "am_dunkerque", "6.8 Mt/yr site capacity, flat [S]/[E]."),
    ("aluminium", {2025: ALU_OUTPUT}, "al_dunkerque", "280 kt/yr, flat [S]."),
    ("ferroalloys", {2025: FA_OUTPUT}, "est_project", "0.5 Mt/yr, flat [E]."),
    ("clinker", {2025: KILN_OUTPUT}, "est_project",
     f"{KILN_OUTPUT:.2f} Mt/yr clinker-equivalent = 1.7 Mt [E] / {KILN_CO2:.3f} t/t [D]."),
    ("steam", {2025: HEAT_DEMAND}, "est_project",
     f"{HEAT_DEMAND:.0f} GWh/yr = 1.3 Mt [D, B.1 residual] / (0.198 t/MWh / 0.925); other "
     "industry's fuel use all taken as steam [E]."),
]

# --------------------------------------------------------------------------------------
# Capacity: (technology, parameter, {year: value}, source, note)
# --------------------------------------------------------------------------------------

CAPACITY = [
    ("bf_bof", "residual", {2025: 6.8}, "am_dunkerque", "Mt/yr, kept to 2050 unless retired [E]."),
    ("dk6_ccgt", "residual", {2025: 790.0}, "dk6", "MW [S]; kept to 2050 unless retired [E]."),
    ("steel_gas_flare", "residual", {2025: 1000.0}, "est_project", "MW of steel gas [E]."),
    ("steel_stack", "residual", {2025: 10.0}, "est_project", "Mt/yr, larger than any flow [E]."),
    ("dri_shaft", "max", {2025: 7.0}, "est_project", "Site maximum [E]."),
    ("al_smelter", "residual", {2025: 0.30}, "al_dunkerque", "Mt/yr [S]."),
    ("al_inert_anode", "max", {2025: 0.30}, "al_dunkerque", "Existing potlines [S]."),
    ("al_stack", "residual", {2025: 1.0}, "est_project", "Mt/yr [E]."),
    ("fa_furnace", "residual", {2025: 0.55}, "est_project", "Mt/yr [E]."),
    ("fa_furnace_bio", "max", {2025: 0.55}, "est_project", "Existing furnaces [E]."),
    ("fa_stack", "residual", {2025: 1.0}, "est_project", "Mt/yr [E]."),
    ("kiln", "residual", {2025: 2.2}, "est_project", "Mt/yr clinker-equivalent [E]."),
    ("kiln_stack", "residual", {2025: 2.5}, "est_project", "Mt/yr [E]."),
    ("gas_boiler", "residual", {2025: 850.0}, "est_project",
     "MW_th: 693 MW average load / 0.95 availability plus margin [E]."),
    ("heat_pump", "max", {2030: 400.0, 2040: 700.0, 2050: 900.0}, "est_project",
     "MW_th, bounded by waste-heat sources [E]."),
    ("offshore_wind", "max", {2030: 600.0, 2040: 1500.0, 2050: 2000.0}, "dunkerque_owf",
     "600 MW Dunkerque project by 2030 [S]; later zones [E]."),
    ("onshore_wind", "max", {2030: 300.0, 2050: 500.0}, "est_project",
     "Share of Hauts-de-France sites contracted by the cluster [E]."),
    ("solar_pv", "max", {2030: 200.0, 2040: 500.0, 2050: 800.0}, "est_project",
     "Port land and rooftops [E]."),
    ("co2_injection", "max", {2030: 4.0, 2040: 10.0}, "dartagnan",
     "Mt/yr: 4 Mt/yr by 2030 (D'Artagnan expansion) [S]; 10 Mt/yr share of North Sea "
     "injectivity later [E]."),
    ("dac", "max", {2035: 1.0, 2040: 2.5}, "est_project",
     "Mt/yr: a bounded removal fleet from 2035 [E]."),
]

# --------------------------------------------------------------------------------------
# Storage and reservoirs
# --------------------------------------------------------------------------------------

STORAGE = [
    dict(technology="battery", commodity="electricity", energy_per_power=BATTERY_HOURS,
         efficiency_in=0.96, efficiency_out=0.96, self_discharge=0.0, source="dea_storage",
         note="Inverter efficiency 0.955 -> 0.96 each way [S]; self-discharge neglected [E]."),
    dict(technology="h2_tank", commodity="hydrogen", energy_per_power=H2_TANK_HOURS,
         efficiency_in=0.97, efficiency_out=1.0, self_discharge=0.0, source="dea_storage",
         note="Compression losses ~3 % taken as charging efficiency [E]."),
]

RESERVOIRS = [
    dict(reservoir="north_sea_store", capacity=150.0,
         description="Depleted offshore field reached by ship from the Dunkirk terminal",
         source="dea_ccts",
         note="150 Mt: DEA reference field for 451.3c (5 Mt/yr over 30 yr) [S]; the cluster's "
         "share of North Sea storage [E]."),
]

# --------------------------------------------------------------------------------------
# Time slices and profiles: 4 representative days x 8 slices of 3 h
# --------------------------------------------------------------------------------------

DAYS = dict.fromkeys(["winter", "spring", "summer", "autumn"], 365 / 4)  # 91.25 days each
STARTS = [0, 3, 6, 9, 12, 15, 18, 21]

# Relative shapes per season (slices starting 00h, 03h, ... 21h), scaled below so that the
# hours-weighted mean equals the annual capacity factor. Shapes are estimates [E]: winter-
# peaking wind with a small afternoon rise onshore; PV with a midday peak and short winter
# days. Replace with Renewables.ninja / atlite profiles at 51.05 N, 2.35 E.
SHAPES = {
    "offshore_wind": (0.438, {
        "winter": [0.58, 0.57, 0.56, 0.56, 0.57, 0.58, 0.59, 0.59],
        "spring": [0.42, 0.40, 0.38, 0.38, 0.41, 0.44, 0.45, 0.44],
        "summer": [0.30, 0.28, 0.26, 0.27, 0.31, 0.35, 0.36, 0.33],
        "autumn": [0.48, 0.47, 0.46, 0.46, 0.48, 0.50, 0.50, 0.49],
    }),
    "onshore_wind": (0.26, {
        "winter": [0.34, 0.33, 0.33, 0.36, 0.39, 0.37, 0.35, 0.34],
        "spring": [0.22, 0.21, 0.21, 0.26, 0.31, 0.30, 0.25, 0.23],
        "summer": [0.14, 0.13, 0.13, 0.18, 0.24, 0.24, 0.19, 0.15],
        "autumn": [0.24, 0.23, 0.23, 0.27, 0.31, 0.29, 0.26, 0.25],
    }),
    "solar_pv": (0.115, {
        "winter": [0.0, 0.0, 0.02, 0.30, 0.26, 0.02, 0.0, 0.0],
        "spring": [0.0, 0.0, 0.20, 0.60, 0.55, 0.20, 0.01, 0.0],
        "summer": [0.0, 0.02, 0.30, 0.68, 0.65, 0.33, 0.05, 0.0],
        "autumn": [0.0, 0.0, 0.08, 0.45, 0.38, 0.06, 0.0, 0.0],
    }),
}
PROFILE_NOTES = {
    "offshore_wind": "43.8 % = 2.3 TWh / (0.6 GW x 8,760 h) [D]",
    "onshore_wind": "26 %: France 25.1 % in 2023 [S], Hauts-de-France ~26-28 % [E]",
    "solar_pv": "11.5 % for northern France [E]",
}

# --------------------------------------------------------------------------------------
# Building the tables
# --------------------------------------------------------------------------------------


def build_tables() -> ck.Tables:
    """All sheets of the Dunkerque workbook."""
    return ck.case_tables(
        years=YEARS, settings=SETTINGS, targets=TARGETS, commodities=COMMODITIES,
        technologies=ck.technologies_table(TECHNOLOGIES, wacc=WACC, socio=socio,
                                           reservoir_of=RESERVOIR_OF),
        flows=FLOWS, costs=COSTS, prices=PRICES, demand=DEMAND, capacity=CAPACITY,
        days=DAYS, starts=STARTS, availability=SHAPES,
        storage=STORAGE, reservoirs=RESERVOIRS, sources=SOURCES)


def base_year_emissions() -> dict[str, float]:
    """Scope-1 emissions (Mt) of the existing plants meeting 2025 demand, by node."""
    dk6_output = STEEL_OUTPUT * STEEL_GAS / DK6_STEEL_GAS
    return {
        "steel & power": STEEL_OUTPUT * (BF_BOF_FLUE + BF_BOF_DIFFUSE) + dk6_output * DK6_CO2,
        "aluminium": ALU_OUTPUT * ALU_CO2,
        "ferroalloys": FA_OUTPUT * FA_CO2,
        "lime & cement": KILN_OUTPUT * KILN_CO2,
        "other industry": HEAT_DEMAND * GAS_EF / BOILER_EFF_2025,
    }


def main() -> None:
    tables = build_tables()
    path = ck.write_case(tables, OUTPUT)
    nodes = base_year_emissions()
    print(f"wrote {path}: {len(TECHNOLOGIES)} technologies, "
          f"{len(FLOWS)} flows")
    print("base-year scope-1 emissions by node (Mt CO2):")
    for node, mt in nodes.items():
        print(f"  {node:<15} {mt:6.2f}")
    print(f"  {'total':<15} {sum(nodes.values()):6.2f}")
    print(f"  (DK6 {dk6_share():.2f} Mt of the steel & power complex)")


def dk6_share() -> float:
    return STEEL_OUTPUT * STEEL_GAS / DK6_STEEL_GAS * DK6_CO2


if __name__ == "__main__":
    main()
