"""The typed tables that validation hands to :func:`model.case.derive`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from model.errors import Problem
from model.schema import SHEET_BY_NAME

#: The key of a row: its key columns as text, e.g. ``("boiler", "capex")``.
Key = tuple[str, ...]

#: The typed rows of each table while the case is checked: ``case.tables[sheet]`` as dicts
#: (the same values), which plain loops scan far faster than pandas can hand rows out.
Rows = dict[str, list[dict[str, Any]]]


@dataclass
class CaseTables:
    """Typed, validated contents of a case workbook.

    ``settings`` holds every setting of :data:`model.schema.SETTINGS`, defaults filled in
    (``settings["_rows"]`` maps each given setting to its Excel row). ``tables[sheet]`` holds
    the schema columns (typed, defaults filled) plus ``_row``, the Excel row number.
    ``trajectories[sheet]`` maps each row's key tuple to ``{year: value}`` for the year
    columns. ``profiles`` maps a profile header (``availability:pv``) to ``{slice: value}``.
    """

    workbook: str
    settings: dict[str, Any]
    tables: dict[str, pd.DataFrame]
    trajectories: dict[str, dict[Key, dict[int, float]]] = field(default_factory=dict)
    profiles: dict[str, dict[str, float]] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)

    def table(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """Sheets as DataFrames in workbook layout (year columns, profile columns), ready for
        :func:`model.workbook.write_tables`: the inverse of reading and validating."""
        frames = {"settings": pd.DataFrame(
            [{"name": k, "value": v} for k, v in self.settings.items()
             if not k.startswith("_") and v is not None])}
        for name, frame in self.tables.items():
            schema = SHEET_BY_NAME[name]
            out = frame.drop(columns="_row").copy()
            if schema.year_columns:
                traj = self.trajectories.get(name, {})
                keys = [tuple(str(r[k]) for k in schema.keys) for r in records(frame)]
                years = sorted({y for k in keys for y in traj.get(k, {})})
                for y in years:
                    out[y] = [traj.get(k, {}).get(y) for k in keys]
            if schema.dynamic_prefixes:
                first = schema.keys[0]
                for header, values in self.profiles.items():
                    out[header] = [values.get(str(v)) for v in frame[first]]
            if not out.empty or schema.required:
                frames[name] = out
        return frames


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts (a pandas Series per row, as iterrows makes, costs more
    than the checks themselves)."""
    return frame.to_dict("records")


def empty_table(names: list[str]) -> pd.DataFrame:
    """A table without rows: the schema's columns and ``_row``, object dtype."""
    return pd.DataFrame({n: pd.Series(dtype=object) for n in [*names, "_row"]})
