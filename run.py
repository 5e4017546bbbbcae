#!/usr/bin/env python
"""Entry point: ``python run.py`` solves the bundled Dunkerque case; see ``--help``."""

import signal
import sys
from collections.abc import Callable


class _Terminated(KeyboardInterrupt):
    """SIGTERM outside the command line's own handling: stop as Ctrl-C would."""


def _command_finished() -> bool:
    interrupts = sys.modules.get("model.interrupts")
    return interrupts is not None and bool(interrupts.finished)


def _terminate(signum, frame):
    if not _command_finished():  # after it, a late signal changes nothing
        raise _Terminated()


def _interrupt(signum, frame):
    if not _command_finished():
        raise KeyboardInterrupt()


def _load_main() -> Callable[[], int]:
    from model.cli import main

    return main


def launch(load_main: Callable[[], Callable[[], int]] = _load_main) -> int:
    """Load the command line and run it; returns the exit code.

    The command handles SIGINT and SIGTERM while it works (``model.interrupts.stopping``).
    A signal can also land at its edges: while the libraries load, it stops the program with
    130 and says so; once the command has its exit code (``model.interrupts.finish``), as
    its handlers are put back or Python exits, it changes nothing."""
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _interrupt)
    main = None
    try:
        main = load_main()
        return main()
    except KeyboardInterrupt as exc:  # before the command took over signals, or in finish()
        if _command_finished():
            return sys.modules["model.interrupts"].finished[-1]
        interrupts = sys.modules.get("model.interrupts")
        sigterm = (_Terminated,) + ((interrupts.Terminated,) if interrupts else ())
        what = "terminated (SIGTERM)" if isinstance(exc, sigterm) else "interrupted"
        print(f"{what}: " + ("stopped while starting; nothing was written" if main is None
                             else "the run stopped; nothing partial was left behind"),
              file=sys.stderr)
        return 130
    finally:
        # Python puts its default handlers back as it exits, and by default a signal kills
        # the process (exit -2 or -15 after a finished run): from here on it is ignored
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(launch())
