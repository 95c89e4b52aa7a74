"""Provides ``python -m kumppani``: the same command line as the ``kumppani`` script."""

import sys

from kumppani.cli.main import main

sys.exit(main())
