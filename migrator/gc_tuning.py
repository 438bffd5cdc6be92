"""Fewer garbage collections while a long analysis runs.

The audit allocates millions of small container objects (syntax trees, facts) that live until
their module is done, and makes almost no cyclic garbage. With CPython's default thresholds
(700 new objects per young collection) the collector scans them again and again: about a quarter
of an audit's time over hundreds of modules (bench/audit_bench.py). A larger young generation
keeps collections rare; the memory it lets wait is a few tens of thousands of objects.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

THRESHOLDS = (50_000, 10, 10)


def tune() -> None:
    """For a worker process that only analyses (its initializer)."""
    gc.set_threshold(*THRESHOLDS)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Tuned thresholds for the block, the caller's restored after it."""
    before = gc.get_threshold()
    gc.set_threshold(*THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
