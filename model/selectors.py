"""Name selectors shared by every sheet that picks rows by pattern (user constraints,
scenario changes, study parameters).

A selector is one or more patterns separated by commas. A pattern holds the wildcards ``*``
(any run of characters) and ``?`` (one character) and matches whole names, case-sensitively
(``*capture*`` matches ``steel_capture``). A pattern with a leading ``-`` excludes what it
matches; a selector made only of exclusions starts from every name (``-dac`` is everything
but ``dac``). Names keep the order of the list they are picked from.
"""

from __future__ import annotations

from collections.abc import Sequence
from fnmatch import fnmatchcase


def patterns(selector: str) -> tuple[list[str], list[str]]:
    """(included patterns, excluded patterns) of a selector."""
    include, exclude = [], []
    for part in str(selector).split(","):
        part = part.strip()
        if not part:
            continue
        if part.startswith("-"):
            exclude.append(part[1:].strip())
        else:
            include.append(part)
    return include, exclude


def select(selector: str, names: Sequence[str]) -> list[str]:
    """The names a selector picks, in the order of ``names``."""
    include, exclude = patterns(selector)
    if not include:
        include = ["*"]
    return [n for n in names
            if any(fnmatchcase(n, p) for p in include)
            and not any(fnmatchcase(n, p) for p in exclude)]
