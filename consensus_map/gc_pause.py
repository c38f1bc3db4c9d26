"""Pausing Python's cyclic garbage collector around short bursts of allocation.

The engine on a 5,000-person map, or a whole headless command, builds hundreds of thousands
of small acyclic objects (records, tuples, floats) and frees them soon after; the collector's
full sweeps over them cost up to half the time and find next to nothing, since reference
counting frees it all anyway. Nesting is safe: only the outermost pause turns it back on.

At the top of the package, outside the layers: the engine, the layouts and the command line
all pause it, and importing `consensus_map.analysis` for it would load networkx.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_gc_pauses() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
