"""Files written whole or not at all: a temporary file beside the target, renamed into place.

A reader (Excel, a resumed study, a crash) never sees half a file: the content goes to a
hidden ``.tmp-*`` file in the target's folder, is flushed to disk, given the permissions a
new file would have (``mkstemp`` makes 0600), and replaces the target in one rename. On any
error the temporary file is removed and the target is untouched.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from model.interrupts import deferred


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path to write ``path``'s new content to; when the block ends
    without an error, it replaces ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=".tmp-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    finally:
        with deferred():  # a Ctrl-C now must not leave the temporary file behind
            if tmp.exists():
                tmp.unlink()
