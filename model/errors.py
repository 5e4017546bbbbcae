"""Problems found in a case, and the exception that carries them to the user."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One problem in an input workbook, located as precisely as possible.

    ``row`` is the Excel row number (1 is the header row); ``column`` is the column header and
    ``cell`` the Excel reference (e.g. ``C12``) when known.
    """

    workbook: str
    sheet: str | None
    message: str
    row: int | None = None
    column: str | None = None
    cell: str | None = None
    value: object = None
    expected: str | None = None
    severity: Severity = "error"

    def location(self) -> str:
        parts = [self.workbook]
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column '{self.column}'")
        return ", ".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: {self.message}"
        if self.value is not None and self.value != "":
            text += f" (found {self.value!r})"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class CaseError(Exception):
    """Raised when a case cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = [p for p in problems if p.severity == "error"]
        self.warnings = [p for p in problems if p.severity == "warning"]
        lines = [f"{len(self.problems)} problem(s) in the input:"]
        lines += [f"  - {p}" for p in self.problems]
        super().__init__("\n".join(lines))
