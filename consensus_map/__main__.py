"""`python -m consensus_map` runs the same program as the `consensus-map` command."""

import sys

from consensus_map.cli import main

sys.exit(main())
