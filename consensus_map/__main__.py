"""`python -m consensus_map` runs the same program as the `consensus-map` command."""

import sys

from consensus_map.cli import main

if getattr(sys, "frozen", False):
    # A PyInstaller bundle starts big maps' analysis process by running itself again:
    # this turns that run into the process instead of a second app.
    import multiprocessing

    multiprocessing.freeze_support()

sys.exit(main())
