#!/usr/bin/env python
"""Entry point: ``python run.py`` solves the bundled Dunkerque case; see ``--help``."""

import sys

from model.cli import main

if __name__ == "__main__":
    sys.exit(main())
