"""Collecting every problem of a workbook, each located at its cell when it has one."""

from __future__ import annotations

from model.errors import Problem, Severity
from model.workbook import RawSheet


class Collector:
    """The problems found so far in one workbook (every one, not just the first)."""

    def __init__(self, workbook: str):
        self.workbook = workbook
        self.problems: list[Problem] = []

    def add(self, sheet: str | None, message: str, *, raw: RawSheet | None = None,
            row: int | None = None, column: str | None = None, value: object = None,
            expected: str | None = None, severity: Severity = "error") -> None:
        """Record a problem; ``raw`` (the sheet as read) turns row and column into a cell."""
        cell = raw.cell(row, column) if raw is not None and row is not None and column else None
        self.problems.append(Problem(self.workbook, sheet, message, row=row, column=column,
                                     cell=cell, value=value, expected=expected,
                                     severity=severity))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]
