"""Pausing Python's cyclic garbage collector around short bursts of allocation.

The engine on a 5,000-person map, or a whole headless command, builds hundreds of thousands
of small acyclic objects (records, tuples, floats) and frees them soon after; the collector's
full sweeps over them cost up to half the time and find next to nothing, since reference
counting frees it all anyway. Nesting is safe: only the outermost pause turns it back on.
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
