#!/usr/bin/env python
"""Entry point: ``python run.py`` solves the bundled Dunkerque case; see ``--help``."""

import signal
import sys
from collections.abc import Callable

from model import interrupts  # the standard library only: loaded in a millisecond


def _load_main() -> Callable[[], int]:
    from model.cli import main

    return main


def launch(load_main: Callable[[], Callable[[], int]] = _load_main) -> int:
    """Load the command line and run it; returns the exit code.

    SIGINT and SIGTERM are handled as the command handles them (:func:`model.interrupts.stop`)
    from the start, so that the command putting its handlers back changes nothing. A signal
    while the libraries load stops the program with 130 and says so; once the command has its
    exit code (:func:`model.interrupts.finish`), and while Python exits, it changes nothing."""
    interrupts.finished.clear()
    for s in interrupts.STOP_SIGNALS:
        signal.signal(s, interrupts.stop)
    main = None
    try:
        main = load_main()
        return main()
    except KeyboardInterrupt as exc:  # before the command took over signals
        what = "terminated (SIGTERM)" if isinstance(exc, interrupts.Terminated) \
            else "interrupted"
        print(f"{what}: " + ("stopped while starting; nothing was written" if main is None
                             else "the run stopped; nothing partial was left behind"),
              file=sys.stderr)
        return 130
    finally:
        # Python puts its default handlers back as it exits, and by default a signal kills
        # the process (exit -2 or -15 after a finished run): from here on it is ignored
        for s in interrupts.STOP_SIGNALS:
            signal.signal(s, signal.SIG_IGN)


if __name__ == "__main__":
    sys.exit(launch())
