"""The time axis, declared once: hours in a year, modelled years and the calendar years each
stands for. Validation, the derived case and the maths all read it from here."""

from __future__ import annotations

HOURS_PER_YEAR = 8760.0  #: h/yr; time-slice weights sum to it


def modelled_years(base_year: int, end_year: int, year_step: int) -> list[int]:
    """Modelled years ``base_year, base_year + step, ... <= end_year``."""
    return list(range(base_year, end_year + 1, year_step))


def block_lengths(years: list[int], end_year: int, year_step: int,
                  final_block: str = "full") -> dict[int, int]:
    """Calendar years each modelled year stands for.

    Every modelled year stands for ``year_step`` years; with ``final_block = "truncated"`` the
    last stands only for the years up to ``end_year``: ``n_y = min(step, end_year - y + 1)``.
    With ``"full"`` (the default) the horizon runs to the end of the last block instead
    (docs/formulation.md, "End of the horizon")."""
    if final_block == "full":
        return {y: year_step for y in years}
    return {y: min(year_step, end_year - y + 1) for y in years}
