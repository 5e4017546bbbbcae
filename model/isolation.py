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

from model.interrupts import deferred, stopping

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
        with stopping():  # SIGTERM from the parent stops the case as Ctrl-C would
            answer = ("ok", fn(*args))
    except BaseException as exc:  # reported to the parent, which decides what to say
        answer = ("error", f"{type(exc).__name__}: {exc}")
    try:
        connection.send(answer)
    except OSError:  # the parent is gone (stopped by a signal): nobody to answer
        pass
    finally:
        connection.close()


#: Seconds a stopped child has to remove what it was writing before it is killed.
STOP_GRACE = 30.0


def _stop(process) -> None:
    """Stop a running child as Ctrl-C would (SIGTERM, which its :func:`stopping` raises
    where it is: its solve is cancelled and a run folder it was writing is removed), and
    kill it if it has not stopped within :data:`STOP_GRACE`."""
    process.terminate()
    process.join(STOP_GRACE)
    if process.is_alive():
        process.kill()


class Crashed(RuntimeError):
    """The child process ended without an answer (it crashed or was killed)."""


def run_isolated(fn: Callable, *args: Any) -> Any:
    """``fn(*args)`` in a child process; its result, or :class:`Crashed` when the process
    died, or RuntimeError with the child's exception text when it raised."""
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(child, fn, args), daemon=True)
    # Ctrl-C or SIGTERM is held back until the child is stopped: raised while the child
    # starts, it would leave the child running the case alone, to fail on a closed pipe
    with deferred() as received:
        process.start()
        child.close()
        answer = None
        try:
            while not received:
                if parent.poll(0.05):
                    answer = parent.recv()
                    break
                if not process.is_alive():
                    answer = parent.recv() if parent.poll() else None
                    break
        except EOFError:
            answer = None
        finally:
            if received and process.is_alive():
                _stop(process)  # the run stops now, not when the case is solved
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
