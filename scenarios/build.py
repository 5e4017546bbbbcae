#!/usr/bin/env python
"""Build the bundled Dunkerque scenario and study workbooks in this folder (scenarios, a
sensitivity study and a study of near-optimal alternatives).

``python scenarios/build.py`` writes each workbook that does not exist yet (``--force``
rewrites them); it never touches ``inputs/``. Every scenario states its rationale and
source; the figures come from ``shared/reference/data.md`` (sections named in each source)
and the references cited there. Money is in MEUR of 2025, energy in GWh, emissions in Mt,
as in ``inputs/dunkerque.xlsx``; a value per GWh is a value per MWh divided by 1000.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from model.scenario_template import write_selector_workbook  # noqa: E402

BASE = "../inputs/dunkerque.xlsx"
YEARS = (2025, 2030, 2035, 2040, 2045, 2050)


def meta(description: str, rationale: str, source: str, *parents: str,
         base: str | None = BASE) -> list[dict]:
    rows = [{"item": "base", "value": base}] if base else []
    rows += [{"item": "description", "value": description},
             {"item": "rationale", "value": rationale},
             {"item": "source", "value": source}]
    rows += [{"item": "parent", "value": p} for p in parents]
    return rows


def by_year(sheet: str, key: dict, values: dict[int, float], source: str, note: str = ""
            ) -> list[dict]:
    """One ``set`` change per year column."""
    return [{"sheet": sheet, **key, "field": y, "operation": "set", "value": v,
             "source": source, "note": note} for y, v in values.items()]


def _linear(a: tuple[int, float], b: tuple[int, float], years) -> dict[int, float]:
    (y0, v0), (y1, v1) = a, b
    return {y: round(v0 + (v1 - v0) * (y - y0) / (y1 - y0), 4) for y in years}


# DEA native alkaline electrolyser, 100 MW: 875 / 550 / 425 / 300 EUR per kW_e (2025 /
# 2030 / 2040 / 2050), fixed O&M 4 %/yr of capex (data.md A.6 and A.13 item 3).
DEA_ELECTROLYSER = {2025: 0.875, 2030: 0.55, 2035: 0.4875, 2040: 0.425, 2045: 0.3625,
                    2050: 0.3}
# France Strategie, Commission Quinet (March 2025): value of climate action 300 EUR/t in
# 2030 and 563 EUR/t in 2050; linear in between; 2025 stays at the observed 75 EUR/t.
QUINET = {2030: 300.0, **_linear((2030, 300.0), (2050, 563.0), (2035, 2040, 2045)),
          2050: 563.0}

SCENARIOS: dict[str, dict[str, list[dict]]] = {
    "dunkerque_high_gas": {
        "scenario": meta(
            "Natural gas 30 % dearer than the central path in every year.",
            "The central path falls from 42.9 EUR/MWh (2025) to 28.4 (2030) and 22.8 "
            "(2050) with the TYNDP 2024 / IEA APS outlook. A planner stress-tests a slower "
            "fall: +30 % keeps gas near its 2025 level until the mid 2030s (37 EUR/MWh in "
            "2030), which is where the 2025 World Bank price sits.",
            "data.md A.10 (EU TTF basis: World Bank 2025 Commodity Markets; ENTSO-E/ENTSOG "
            "TYNDP 2024)"),
        "changes": [{"sheet": "prices", "commodity": "natural_gas", "parameter": "price",
                     "field": "*", "operation": "scale", "value": 1.3,
                     "source": "data.md A.10", "note": "every year column"}],
    },
    "dunkerque_late_co2_storage": {
        "scenario": meta(
            "CO2 transport and storage available from 2035 instead of 2030.",
            "The D'Artagnan / Cap Decarbonation CO2 hub (1.5 Mt/yr terminal, ~80 km "
            "pipeline) is not yet built and its cost estimate doubled between 2023 and "
            "2024; ArcelorMittal postponed its Dunkirk DRI plan in Nov 2024. Planners ask "
            "what a five-year slip of storage access costs and whether the 2030 target "
            "still holds without it.",
            "data.md B.1 (D'Artagnan: turbomachinerymag, gasworld, actu-environnement; "
            "ArcelorMittal plan: corporate.arcelormittal.com, steelwatch.org) and the "
            "cost table next to it (>EUR 400 M in 2024 against EUR 220 M in 2023)"),
        "changes": [{"sheet": "technologies", "technology": "co2_injection",
                     "field": "first_year", "operation": "set", "value": 2035,
                     "source": "data.md B.1",
                     "note": "without injection no captured CO2 can be stored"}],
    },
    "dunkerque_cheap_electrolysers": {
        "scenario": meta(
            "Electrolysers at the Danish Energy Agency's native cost path (about 30 % of "
            "the central capex).",
            "The central case takes PyPSA's electrolysis capex (2,263 -> 1,257 EUR/kW_e), "
            "close to 2023-25 projects; the DEA's own data sheet is about three times "
            "lower (875 -> 300 EUR/kW_e). The reference data asks to expose both as "
            "'central' and 'optimistic': this is the optimistic one.",
            "data.md A.6 (DEA Data sheets for renewable fuels, sheet 86 AEC 100 MW) and "
            "A.13 item 3"),
        "changes": [
            *by_year("costs", {"technology": "electrolyser", "parameter": "capex"},
                     DEA_ELECTROLYSER, "data.md A.6 DEA AEC 100 MW",
                     "MEUR/MW = EUR/kW / 1000; 2035 and 2045 interpolated"),
            *by_year("costs", {"technology": "electrolyser", "parameter": "fixed_om"},
                     {y: round(0.04 * v, 6) for y, v in DEA_ELECTROLYSER.items()},
                     "data.md A.6 DEA: fixed O&M 4 %/yr of capex", "4 % of the new capex")],
    },
    "dunkerque_steep_carbon_price": {
        "scenario": meta(
            "Carbon price on the French value of climate action: 300 EUR/t in 2030 to 563 "
            "EUR/t in 2050.",
            "The central EU ETS path (130 EUR/t in 2030, 250 in 2050) sits within the IEA "
            "APS/NZE range. The French public reference value for appraising investments "
            "(Commission Quinet, 2025 update) is about twice as steep; a planner checks "
            "which investments it brings forward.",
            "France Strategie, Commission Quinet, 'La valeur de l'action pour le climat' "
            "(March 2025): 300 EUR/t CO2e in 2030, 563 in 2050 (citepa.org, 26 Mar 2025); "
            "central path in data.md A.11"),
        "changes": by_year("prices", {"commodity": "co2", "parameter": "carbon_price"},
                           QUINET, "Commission Quinet 2025",
                           "2035-2045 linear between 2030 and 2050; 2025 unchanged"),
    },
    "dunkerque_net_zero_2045": {
        "scenario": meta(
            "Net zero (scope 1) by 2045, five years earlier, on top of -55 % in 2030.",
            "Several of Dunkerque's neighbours commit to climate neutrality by 2045 "
            "(Germany's Federal Climate Change Act, Sweden); a cluster competing for the "
            "same green-steel buyers may be asked to match it. A whole 'targets' sheet adds "
            "the 2045 row (rows with a new key are added).",
            "Bundesklimaschutzgesetz (KSG, amended 2021): greenhouse-gas neutrality by "
            "2045; cluster targets in data.md B.1 (WEF: -55 % by 2030, net zero 2050)"),
        "targets": [{"year": 2045, "kind": "reduction", "scope": "scope1", "value": 1.0,
                     "note": "net zero in 2045 (the 2050 row stays)"}],
    },
    "dunkerque_low_ambition_2030": {
        "scenario": meta(
            "A 2030 target of -30 % instead of -55 % (net zero in 2050 kept).",
            "The ZIBaC programme states -30 % by 2030 against 2020; the reference data "
            "keeps it as the 'low-ambition' case. It shows what the faster 2030 cut costs.",
            "data.md B.1, 'Other stated 2030 targets' (dunkerquelenergiecreative.fr)"),
        "changes": [{"sheet": "targets", "year": 2030, "kind": "reduction", "field": "value",
                     "operation": "set", "value": 0.30, "source": "data.md B.1"}],
    },
    "dunkerque_foak_ccs": {
        "scenario": meta(
            "First-of-a-kind CCS: capture plants 2.2 times and the CO2 network twice their "
            "bottom-up capex for vintages up to 2030, half that premium in 2035, none from "
            "2040.",
            "The central case prices capture and the CO2 chain bottom-up (DEA, NPC, IEAGHG). "
            "Realised projects cost more: Norcem Brevik's capture about 2.2 times the DEA "
            "cement-capture figure, the D'Artagnan hub 2-3 times its bottom-up components. "
            "A premium on early vintages (capex_premium, by commissioning year) shows what "
            "building CCS at scale by 2030 costs if the first units cost what the first "
            "units did, and whether waiting for learning pays.",
            "data.md A.14 (Norcem Brevik: regjeringen.no, Meld. St. 33 (2019-2020) and the "
            "2023 update; D'Artagnan: data.md B.1) and its recommendation of a FOAK "
            "multiplier of 2 on CCS capex built before 2030; the decline to 2040 is an "
            "estimate [E]"),
        "costs": [
            *[{"technology": t, "parameter": "capex_premium", 2025: 1.2, 2030: 1.2,
               2035: 0.6, 2040: 0.0,
               "note": "capex x 2.2 to 2030 (Norcem Brevik, data.md A.14), x 1.6 in 2035 "
                       "[E], x 1 from 2040 [E]"}
              for t in ("steel_capture", "dk6_capture", "al_capture", "fa_capture",
                        "kiln_capture")],
            *[{"technology": t, "parameter": "capex_premium", 2025: 1.0, 2030: 1.0,
               2035: 0.5, 2040: 0.0,
               "note": "capex x 2 to 2030 (D'Artagnan 2-3x bottom-up, data.md A.14), "
                       "x 1.5 in 2035 [E], x 1 from 2040 [E]"}
              for t in ("co2_compression", "co2_pipeline", "co2_liquefaction",
                        "co2_injection")]],
    },
    "dunkerque_no_dri_before_2035": {
        "scenario": meta(
            "No DRI plant at Dunkirk before 2035: ArcelorMittal's decision of February 2026 "
            "(one 2 Mt/yr electric arc furnace, no DRI plant).",
            "The reference case builds the 2.5 Mt/yr DRI shaft ArcelorMittal announced for "
            "2030, and its -55 % step of 2030 rests on it. In February 2026 ArcelorMittal "
            "decided one 2 Mt/yr electric arc furnace at Dunkirk (EUR 1.3 bn, 2029) fed with "
            "scrap, bought DRI/HBI and hot metal, and no DRI plant there. Planners ask whether "
            "the 2030 step still holds without it, and what the later targets then cost.",
            "the case workbook's source am_eaf_2026 (Reuters via Boursorama, February 2026; "
            "Fastmarkets on the 2025 intention)"),
        "changes": [{"sheet": "technologies", "technology": "dri_shaft",
                     "field": "first_year", "operation": "set", "value": 2035,
                     "source": "am_eaf_2026",
                     "note": "no DRI plant at Dunkirk in the February 2026 decision"}],
    },
    "louisiana_lfec_announced_storage": {
        "scenario": meta(
            "Louisiana LFEC with CO2 injection in 2030 held to the capture named for "
            "Louisiana storage by then (15 Mt/yr instead of the case's 30).",
            "The reference case lets 30 Mt/yr be injected in 2030 so that its -40 % step is "
            "feasible. The capture projects named for Louisiana storage by 2030 add up to "
            "15.1 Mt/yr (Blue Point 2.3, Air Products 5, Hackberry 2, Nucor 0.8, Lake "
            "Charles power station 3, Venture Global 1, Lake Charles Methanol 1), and only "
            "4.3 of them have an investment decision or a permit; the state paused new "
            "Class VI applications in October 2025. Planners ask how far announced "
            "deployment leaves the cluster from its 2030 step, and what closing the gap "
            "costs later.",
            "the case workbook's sources la_blue_h2, la_capture_projects and la_class_vi "
            "(CF Industries, Air Products, Entergy, Nucor and Venture Global announcements; "
            "Louisiana DENR Class VI programme; Vinson & Elkins on the 2025 pause)",
            base="../inputs/louisiana_lfec.xlsx"),
        "changes": [{"sheet": "capacity", "technology": "co2_injection", "parameter": "max",
                     "field": 2030, "operation": "set", "value": 15,
                     "source": "la_capture_projects",
                     "note": "Mt/yr: the capture named for Louisiana storage by 2030 [S]/[D]"}],
    },
    "dunkerque_dear_fossil_energy": {
        "scenario": meta(
            "Dearer gas and a steeper carbon price together (two scenarios stacked).",
            "Both raise the cost of the fossil routes (gas boilers, SMR, the blast furnace) "
            "and come together when Europe's gas stays tight while climate policy tightens; "
            "a planner checks which low-carbon investments move earlier. The parents are "
            "applied in order: gas +30 %, then the Quinet carbon value.",
            "see the parent scenarios", "dunkerque_high_gas.xlsx",
            "dunkerque_steep_carbon_price.xlsx", base=None),
        "changes": [],
    },
    "dunkerque_actuals_2031": {
        "scenario": meta(
            "Re-plan at the end of 2031 from what happened: the CO2 export terminal two "
            "years late and the first electrolyser at half size. Run it with "
            "--from-actuals.",
            "An illustrative steering-committee record [E], not observed data. By the end "
            "of 2031 the CO2 export terminal (liquefaction and buffer tanks in the West "
            "Port: co2_liquefaction) has not been commissioned, two years after the plan's "
            "2030, as the D'Artagnan hub's cost estimate doubled between 2023 and 2024 and it "
            "was not yet built in 2024; and the first electrolyser, a 200 MW unit, came in "
            "at 100 MW in 2030 (the least-cost plan builds none at the central capex, so "
            "the re-plan pays for one it would not have chosen). What the sheet leaves "
            "empty happened as the original plan had it. With 5-year blocks the 2030 block "
            "(2030-2034) is recorded only up to 2031: what was commissioned is a floor and "
            "2032-2034 may add at most max_build_per_year a year (0.8 Mt/yr of terminal).",
            "data.md B.1 and A.14 (D'Artagnan / Cap Decarbonation: >EUR 400 M in 2024 "
            "against EUR 220 M in 2023, not yet built); dates and sizes illustrative [E]"),
        "changes": [],
        "sources": [{"id": "actuals_2031", "title": "Actuals recorded for the re-plan "
                     "example (end of 2031)", "publisher": "cluster-pathways", "year": 2026,
                     "notes": "[E] An illustrative record to show --from-actuals, not "
                     "observed data; the terminal's delay follows the D'Artagnan cost and "
                     "schedule facts of data.md B.1 / A.14"}],
        "settings": [
            {"name": "actuals_until", "value": 2031, "unit": "year",
             "description": "last calendar year the actuals sheet covers",
             "source": "actuals_2031", "note": "[E] the committee meets at the end of 2031"},
            {"name": "actuals_unrecorded", "value": "as_planned",
             "description": "what the actuals sheet leaves empty happened as planned",
             "source": "actuals_2031", "note": "[E] only the deviations are recorded"}],
        "actuals": [
            {"year": 2030, "technology": "co2_liquefaction", "commissioned": 0.0,
             "source": "dartagnan", "note": "[E] the export terminal is not ready in 2030"},
            {"year": 2031, "technology": "co2_liquefaction", "commissioned": 0.0,
             "source": "dartagnan", "note": "[E] nor in 2031: two years late"},
            {"year": 2030, "technology": "electrolyser", "commissioned": 100.0,
             "source": "actuals_2031", "note": "[E] the first 200 MW unit came in at half "
             "size"},
            {"year": 2031, "technology": "electrolyser", "commissioned": 0.0,
             "source": "actuals_2031", "note": "[E] the second half did not follow in 2031"},
        ],
    },
}

# The bundled study: one-at-a-time ranges (tornado), a carbon x gas price grid, and a Monte
# Carlo over the four uncertainties that move the pathway most.
SELECT = {
    "gas price": {"sheet": "prices", "commodity": "natural_gas", "parameter": "price",
                  "field": "*", "operation": "scale"},
    "carbon price": {"sheet": "prices", "commodity": "co2", "parameter": "carbon_price",
                     "field": "*", "operation": "scale"},
    "electrolyser capex": {"sheet": "costs", "technology": "electrolyser",
                           "parameter": "capex", "field": "*", "operation": "scale"},
    "capture capex": {"sheet": "costs", "technology": "*_capture", "parameter": "capex",
                      "field": "*", "operation": "scale"},
    "CO2 storage cost": {"sheet": "costs", "technology": "co2_injection",
                         "parameter": "capex, variable_om", "field": "*",
                         "operation": "scale"},
    "offshore wind capex": {"sheet": "costs", "technology": "offshore_wind",
                            "parameter": "capex", "field": "*", "operation": "scale"},
    "discount rate": {"sheet": "settings", "name": "discount_rate", "field": "value",
                      "operation": "set"},
}

STUDY = {
    "study": [{"item": "base", "value": BASE},
              {"item": "description", "value": "What moves Dunkerque's least-cost pathway: "
               "energy and carbon prices, technology costs and the discount rate."},
              {"item": "samples", "value": 60}, {"item": "seed", "value": 2024}],
    "sensitivities": [
        {"sensitivity": "gas price", **SELECT["gas price"], "low": 0.8, "high": 1.5,
         "source": "data.md A.10: 2025 TTF 42.9 EUR/MWh is 1.5x the 2030 path"},
        {"sensitivity": "carbon price", **SELECT["carbon price"], "low": 0.8, "high": 1.5,
         "source": "data.md A.11 (IEA APS/NZE range); Quinet 2025 about 2x"},
        {"sensitivity": "electrolyser capex", **SELECT["electrolyser capex"], "low": 0.3,
         "high": 1.2, "source": "data.md A.13 item 3: DEA native ~0.3x of central"},
        {"sensitivity": "capture capex", **SELECT["capture capex"], "low": 0.65, "high": 1.3,
         "source": "data.md A.13 item 2: DEA 401.c learning -35 % to 2050"},
        {"sensitivity": "CO2 storage cost", **SELECT["CO2 storage cost"], "low": 0.8,
         "high": 2.0, "source": "data.md B.1: D'Artagnan estimate 2-3x bottom-up"},
        {"sensitivity": "offshore wind capex", **SELECT["offshore wind capex"], "low": 0.8,
         "high": 1.2, "source": "[E] +-20 % around the DEA path"},
        {"sensitivity": "discount rate", **SELECT["discount rate"], "low": 0.03, "high": 0.08,
         "source": "[E] public 3 % to private 8 %"},
        {"sensitivity": "grid carbon", "group": "prices", **SELECT["carbon price"],
         "values": "0.8, 1, 1.5", "source": "as the tornado range"},
        {"sensitivity": "grid gas", "group": "prices", **SELECT["gas price"],
         "values": "0.8, 1, 1.3", "source": "as the tornado range"},
        {"sensitivity": "mc gas price", **SELECT["gas price"], "distribution": "triangular",
         "min": 0.8, "mode": 1.0, "max": 1.5, "source": "data.md A.10"},
        {"sensitivity": "mc carbon price", **SELECT["carbon price"],
         "distribution": "uniform", "min": 0.8, "max": 1.5, "source": "data.md A.11"},
        {"sensitivity": "mc electrolyser capex", **SELECT["electrolyser capex"],
         "distribution": "lognormal", "mean": 0.8, "sd": 0.25, "min": 0.3, "max": 1.3,
         "source": "data.md A.6/A.13: between DEA native and central"},
        {"sensitivity": "mc capture capex", **SELECT["capture capex"],
         "distribution": "normal", "mean": 1.0, "sd": 0.15, "min": 0.65, "max": 1.4,
         "source": "data.md A.13 item 2"},
    ],
    "outputs": [],
}


# The bundled alternatives study: how much room 5 % above the least cost leaves for the
# investments the cluster's members negotiate (modelling to generate alternatives).
ALTERNATIVES = {
    "study": [{"item": "base", "value": BASE},
              {"item": "description", "value": "Near-optimal alternatives of Dunkerque's "
               "pathway: what can change within 5 % of the least net present cost."},
              {"item": "slack", "value": 0.05}, {"item": "random_directions", "value": 10},
              {"item": "seed", "value": 2024}],
    "alternatives": [
        {"group": "CO2 capture", "technology": "*_capture", "measure": "capacity",
         "years": "2030-2050", "sense": "both",
         "note": "Capture on the steel, power, aluminium, ferroalloy and lime plants: the "
                 "members' biggest shared bet (CO2 hub)."},
        {"group": "electrolysers", "technology": "electrolyser", "measure": "capacity",
         "years": "2030-2050", "sense": "both",
         "note": "Green hydrogen for DRI steel against SMR with capture."},
        {"group": "offshore wind", "technology": "offshore_wind", "measure": "capacity",
         "years": "2030-2050", "sense": "both",
         "note": "Dunkerque offshore tenders (AO1, AO10): how much the plan needs them."},
        {"group": "DAC", "technology": "dac", "measure": "capacity", "years": "2050",
         "sense": "min", "note": "Removals for net zero in 2050: can the cluster do "
                                 "with less?"},
        {"group": "CO2 storage by 2035", "technology": "co2_injection",
         "measure": "new_capacity", "years": "2025-2035", "sense": "both",
         "note": "Injection capacity the D'Artagnan hub must offer by 2035."},
    ],
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rewrite existing workbooks")
    args = parser.parse_args(argv)
    books = {**SCENARIOS, "dunkerque_study": STUDY, "dunkerque_alternatives": ALTERNATIVES}
    for name, sheets in books.items():
        path = HERE / f"{name}.xlsx"
        if path.exists() and not args.force:
            print(f"exists, kept: {path.name}")
            continue
        write_selector_workbook(path, sheets, overwrite=args.force)
        print(f"wrote {path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
