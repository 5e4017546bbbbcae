#!/usr/bin/env python
"""Entry point: ``python run.py`` solves the bundled Dunkerque case; see ``--help``."""

import signal
import sys


class _Terminated(KeyboardInterrupt):
    """SIGTERM before the command line took over: stop as Ctrl-C would."""


def _terminate(signum, frame):
    raise _Terminated()


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, _terminate)
    try:
        from model.cli import main
    except KeyboardInterrupt as exc:
        what = "terminated (SIGTERM)" if isinstance(exc, _Terminated) else "interrupted"
        print(f"{what}: stopped while starting; nothing was written", file=sys.stderr)
        sys.exit(130)
    try:
        code = main()
    except KeyboardInterrupt:  # a signal in the instant between the run's end and here
        code = 130
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # done: a late signal changes nothing
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    sys.exit(code)
