"""What a check sees of the case, and the register of checks.

A check is a small function with one rule, ``check(case, out)``, registered with the sheets
it reads (``@rule("capacity", "technologies")``). Checks of a sheet that could not be read
(missing, or a required column missing) are skipped: the one problem that made it unreadable
is reported, not every row that refers to it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from model.horizon import modelled_years
from model.validation.problems import Collector
from model.validation.tables import CaseTables, Key, Rows
from model.workbook import RawSheet


@dataclass
class CaseView:
    """The case as the checks read it: typed tables, their rows as dicts, the sheets as read
    (for cell references), which sheets are unusable, and the horizon."""

    tables: CaseTables
    rows: Rows
    sheets: dict[str, RawSheet | None]
    unusable: set[str] = field(default_factory=set)

    @property
    def settings(self) -> dict[str, Any]:
        return self.tables.settings

    @property
    def base(self) -> Any:
        return self.settings.get("base_year")

    @property
    def end(self) -> Any:
        return self.settings.get("end_year")

    @property
    def years(self) -> list[int]:
        """Modelled years; empty while the horizon is not valid."""
        base, end, step = self.base, self.end, self.settings.get("year_step")
        if isinstance(base, int) and isinstance(end, int) and isinstance(step, int) \
                and base <= end and step >= 1:
            return modelled_years(base, end, step)
        return []

    def frame(self, sheet: str) -> pd.DataFrame:
        return self.tables.tables[sheet]

    def raw(self, sheet: str) -> RawSheet | None:
        """The sheet as read (headers named as the schema names them), for cells."""
        return self.sheets.get(sheet)

    def trajectories(self, sheet: str) -> dict[Key, dict[int, float]]:
        return self.tables.trajectories.get(sheet, {})

    @property
    def kind(self) -> dict[str, str]:
        """Kind of each commodity."""
        return {r["commodity"]: r["kind"] for r in self.rows["commodities"]}

    @property
    def storage_techs(self) -> set[str]:
        return {r["technology"] for r in self.rows["storage"]}

    def setting_row(self, name: str) -> int | None:
        return self.settings.get("_rows", {}).get(name)


Check = Callable[[CaseView, Collector], None]


@dataclass(frozen=True)
class Rule:
    check: Check
    sheets: tuple[str, ...]  #: the sheets it reads; skipped when one is unusable


#: Every check, in the order they run (the order of registration).
RULES: list[Rule] = []


def rule(*sheets: str) -> Callable[[Check], Check]:
    """Register a check that reads ``sheets``."""
    def register(check: Check) -> Check:
        RULES.append(Rule(check, sheets))
        return check
    return register


def run_rules(case: CaseView, out: Collector) -> None:
    """Run every registered check whose sheets could all be read."""
    for r in RULES:
        if not case.unusable.intersection(r.sheets):
            r.check(case, out)
