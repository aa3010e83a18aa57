"""Progress of long C++ calls: the library reports done/total between blocks of work (indicators
in compute, firms in scorecard explanations and gaps) to a Python callback set for a block."""

from __future__ import annotations

import contextlib
from typing import Callable, Iterator

from . import _core


@contextlib.contextmanager
def reporting(callback: Callable[[int, int], None] | None) -> Iterator[None]:
    """``callback(done, total)`` is called (on this thread, at most every 0.1 s and for the last
    unit) by the long calls made inside the block; what it raises stops the call."""
    _core._set_progress(callback)
    try:
        yield
    finally:
        _core._set_progress(None)
