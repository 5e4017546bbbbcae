"""Run a function in a child process of its own, so that a crash there (an abort in a native
library, the memory limit, a signal) costs only that call.

Linux uses a fork server that imported the project once, so each call starts in a few
milliseconds; elsewhere each call is a fresh interpreter (spawn).
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections.abc import Callable
from typing import Any

_CONTEXT = None


def _context():
    global _CONTEXT
    if _CONTEXT is None:
        if sys.platform.startswith("linux"):
            _CONTEXT = mp.get_context("forkserver")
            _CONTEXT.set_forkserver_preload(["model.pipeline", "model.portfolio"])
        else:
            _CONTEXT = mp.get_context("spawn")
    return _CONTEXT


def _child(connection, fn: Callable, args: tuple) -> None:
    try:
        connection.send(("ok", fn(*args)))
    except BaseException as exc:  # reported to the parent, which decides what to say
        connection.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        connection.close()


class Crashed(RuntimeError):
    """The child process ended without an answer (it crashed or was killed)."""


def run_isolated(fn: Callable, *args: Any) -> Any:
    """``fn(*args)`` in a child process; its result, or :class:`Crashed` when the process
    died, or RuntimeError with the child's exception text when it raised."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, fn, args), daemon=True)
    process.start()
    child.close()
    try:
        answer = parent.recv() if parent.poll(None) else None
    except EOFError:
        answer = None
    finally:
        process.join()
        parent.close()
    if answer is None:
        code = process.exitcode
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        raise Crashed(f"the case's process died ({how}) without an answer")
    kind, value = answer
    if kind == "error":
        raise RuntimeError(value)
    return value
