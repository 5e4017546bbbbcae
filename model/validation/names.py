"""Names in messages: "did you mean", and lists of valid names that are never cut short
without saying how many there are."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

#: Lists of valid names longer than this are summarised (first names and the count).
LIST_IN_FULL = 20
LIST_HEAD = 10


def closest(name: object, valid: Iterable[str]) -> str | None:
    """The valid name closest to ``name`` (ignoring case and surrounding spaces), or None
    when none is close."""
    text = str(name).strip().lower()
    options = {str(v).lower(): str(v) for v in valid}
    if text in options:
        return options[text]
    close = difflib.get_close_matches(text, list(options), n=1, cutoff=0.75)
    return options[close[0]] if close else None


def did_you_mean(name: object, valid: Iterable[str]) -> str:
    """``", did you mean 'boiler'?"`` to append to a message, or "" when nothing is close."""
    hint = closest(name, valid)
    return f", did you mean {hint!r}?" if hint is not None and hint != name else ""


def name_list(valid: Iterable[str], *, what: str = "names") -> str:
    """``a, b, c`` in full up to :data:`LIST_IN_FULL` names (in their order); longer lists
    as the first :data:`LIST_HEAD` and the count (``a, b, ... and 30 more (40 names)``)."""
    names = list(dict.fromkeys(str(v) for v in valid))
    if len(names) <= LIST_IN_FULL:
        return ", ".join(names)
    return (", ".join(names[:LIST_HEAD]) + f", ... and {len(names) - LIST_HEAD} more "
            f"({len(names)} {what})")


def plural(noun: str) -> str:
    """technology -> technologies, commodity -> commodities, slice -> slices."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


def match(name: str, valid: Iterable[str]) -> str | None:
    """The valid name equal to ``name`` once case and surrounding spaces are ignored."""
    text = name.strip().lower()
    return next((v for v in valid if v.lower() == text), None)
