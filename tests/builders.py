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
