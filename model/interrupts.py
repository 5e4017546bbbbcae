"""How a command stops on SIGINT and SIGTERM, and the blocks a signal must not cut.

:func:`stopping` is how a command runs (the command line, a case's child process): SIGTERM
raises :class:`Terminated` and SIGINT KeyboardInterrupt wherever the program is, so that the
solve is cancelled and a run folder being written is removed.

Python raises a signal's exception between any two bytecodes of the main thread, so a
``try`` cannot guard the instant before it is entered: a Ctrl-C landing just after HiGHS'
solver thread starts, before the loop that would cancel it, used to leave HiGHS running
while the caller's clean-up changed the model under it (a segmentation fault). Within
:func:`deferred`, the handlers only record the signal (and may ask a running solver to stop);
the signal is delivered, to the handler it was meant for, when the block is left.

The same instant makes Python code that shares a lock with another thread unsafe to signal:
an exception raised just after a ``threading.Condition`` was entered leaves its lock held,
and the other thread waits for it forever (a run hung so in Arrow's column-conversion thread
pool). So the main thread runs no Python thread pool (Arrow tables are converted in it,
:func:`model.outputs.store.arrow_table`), and a study waits for its worker processes within
:func:`deferred`, looking at the signals between short waits.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: The signals a planner or a batch system stops a run with.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)

#: The compiled libraries the commands load (C, Cython and pybind11 extensions). A signal's
#: exception raised while one of them initialises leaves it half made: matplotlib's font
#: module then crashed the interpreter at exit (static C++ objects holding Python objects
#: destroyed after Python had finalised), so they are loaded whole, before the work starts.
COMPILED_LIBRARIES = ("numpy", "pandas", "scipy.sparse", "highspy", "pyarrow",
                      "pyarrow.parquet", "matplotlib.figure",
                      "matplotlib.backends.backend_svg")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is, so that it stops like Ctrl-C: the solve is
    cancelled and a run folder being written is removed."""


#: Signals received within :func:`stopping`. A signal can land inside an import or a C
#: extension, which turns the KeyboardInterrupt into another error (``ImportError:
#: initialization failed`` while matplotlib loads); such an error is still an interrupt.
signalled: list[int] = []

#: The exit code of the command, once it has one (:func:`finish`): a signal after that
#: changes nothing, whether it lands in :func:`stopping` or in the entry point's handlers.
finished: list[int] = []


def finish(code: int) -> int:
    """Record that the command is done with exit ``code`` (its run folder, if any, is whole)
    and return it; from here on, SIGINT and SIGTERM are ignored."""
    finished.append(code)
    return code


def stop(signum: int, frame) -> None:
    """The handler of SIGINT and SIGTERM while a command runs (:func:`stopping`, and the
    entry point ``run.py`` from its first line): SIGTERM raises :class:`Terminated` and SIGINT
    KeyboardInterrupt, until :func:`finish`; after it, a signal changes nothing."""
    if finished:
        return
    signalled.append(signum)
    raise Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _redeliver(unraisable) -> None:
    """``sys.unraisablehook`` within :func:`stopping`: a signal whose exception was raised
    inside a finaliser or a garbage-collector callback is swallowed there ("Exception
    ignored in ..."); deliver it again to the main thread, where it stops the work. Other
    unraisable errors are printed as Python would."""
    if isinstance(unraisable.exc_value, KeyboardInterrupt) and signalled:
        # from another thread, a moment later: delivered now, it would be raised inside this
        # hook, still within the finaliser, and be swallowed again
        timer = threading.Timer(0.01, os.kill, (os.getpid(), signalled[-1]))
        timer.daemon = True
        timer.start()
        return
    sys.__unraisablehook__(unraisable)


@contextmanager
def stopping() -> Iterator[list[int]]:
    """Within the block (in the main thread), SIGTERM raises :class:`Terminated` and SIGINT
    KeyboardInterrupt wherever the program is, and a signal swallowed by a finaliser is
    delivered again; yields the signals received (:data:`signalled`). Once the command has
    called :func:`finish`, both are ignored (:func:`stop`). The command line runs each
    command so, and so does a case's child process (:mod:`model.isolation`)."""
    signalled.clear()
    finished.clear()
    if threading.current_thread() is not threading.main_thread():
        yield signalled
        return
    previous = {s: signal.signal(s, stop) for s in STOP_SIGNALS}, sys.unraisablehook
    sys.unraisablehook = _redeliver
    try:
        yield signalled
    finally:
        for s, handler in previous[0].items():
            signal.signal(s, handler)
        sys.unraisablehook = previous[1]


@contextmanager
def deferred(on_signal: Callable[[], None] | None = None) -> Iterator[list[int]]:
    """Within the block, SIGINT and SIGTERM are recorded instead of handled; ``on_signal``
    (which must not raise) is called for each, e.g. to cancel a solve running in another
    thread. On leaving, the first recorded signal is raised again for the handlers that were
    in place before, so the program stops exactly as it would have, only later. Yields the
    list of signals received so far.

    Only Python-level handlers are deferred (a signal left to the system's default or
    ignored keeps that behaviour), and only in the main thread, the one Python runs signal
    handlers in; elsewhere the block runs unchanged."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def record(signum: int, frame) -> None:
        received.append(signum)
        if on_signal is not None:
            on_signal()

    previous = {s: signal.getsignal(s) for s in STOP_SIGNALS}
    swapped = [s for s, handler in previous.items() if callable(handler)]
    for s in swapped:
        signal.signal(s, record)
    try:
        yield received
    finally:
        for s in swapped:
            signal.signal(s, previous[s])
        if received:
            # the handler that was in place runs now (raise_signal checks pending signals)
            signal.raise_signal(received[0])


def load_libraries() -> None:
    """Import :data:`COMPILED_LIBRARIES` with SIGINT and SIGTERM held back (a signal that
    came meanwhile stops the program once they are loaded, a second or so later at most)."""
    with deferred():
        for name in COMPILED_LIBRARIES:
            importlib.import_module(name)
