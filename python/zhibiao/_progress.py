"""Progress of long C++ calls, one mechanism for the whole package: the library reports
done/total between blocks of work (indicators in compute, firms in scorecard explanations and
gaps, bytes in read_csv, replications in uncertainty) to a Python callback; ``progress=True``
anywhere means a tqdm bar made here (``bar``), a function means that function (``callback``)."""

from __future__ import annotations

import contextlib
import sys
from typing import IO, Callable, Iterator, Union

from . import _core

Progress = Union[bool, Callable[[int, int], None], None]


@contextlib.contextmanager
def reporting(callback: Callable[[int, int], None] | None) -> Iterator[None]:
    """``callback(done, total)`` is called (on this thread, at most every 0.1 s and for the last
    unit) by the long calls made inside the block; what it raises stops the call."""
    global _current
    outer, _current = _current, callback
    _core._set_progress(callback)
    try:
        yield
    finally:
        _current = outer
        _core._set_progress(outer)


_current: Callable[[int, int], None] | None = None  # the callback of the innermost block


def bar(
    what: str, unit: str, file: IO[str] | None = None, percent: bool = False
) -> tuple[Callable[[int, int], None], Callable[[], None]]:
    """A tqdm bar (``tqdm.auto``: a widget in a notebook; on ``file`` when given, stderr for the
    command line) as ``(update(done, total), close())``. A report of the last unit (done =
    total − 1, as the library counts from 0) fills the bar; ``percent`` shows done/total in %."""
    try:
        import tqdm
        import tqdm.auto
    except ImportError as e:  # progress=True without tqdm: say what to install
        raise ImportError("a progress bar needs tqdm (Debian: apt-get install python3-tqdm)") from e

    make = tqdm.auto.tqdm if file is None else tqdm.tqdm
    shown = make(total=100 if percent else 0, unit=unit, desc=what, file=file or sys.stderr)

    def update(done: int, total: int) -> None:
        full = done + 1 >= total
        if percent:
            shown.n = 100 if full else 100 * done // max(total, 1)
        else:
            shown.total, shown.n = total, total if full else done
        shown.refresh()

    return update, shown.close


def callback(
    progress: Progress, what: str, unit: str, percent: bool = False
) -> tuple[Callable[[int, int], None] | None, Callable[[], None]]:
    """What a ``progress=`` argument asks for, as ``(callback or None, close())``: True, a bar;
    a function, that function; False or None, nothing."""
    if progress is True:
        return bar(what, unit, percent=percent)
    if progress is False or progress is None:
        return None, lambda: None
    if not callable(progress):
        raise _core.ArgumentError(f"progress must be True, False or a function (done, total), not {progress!r}")
    return progress, lambda: None


@contextlib.contextmanager
def shown(progress: Progress, what: str, unit: str, percent: bool = False) -> Iterator[None]:
    """The block's long calls report to what ``progress`` asks for (see ``callback``)."""
    update, close = callback(progress, what, unit, percent)
    try:
        with reporting(update):
            yield
    finally:
        close()


@contextlib.contextmanager
def parsing(progress: Progress) -> Iterator[None]:
    """read_csv's ``progress``: a bar in % of the file, or the function told (bytes done, bytes
    in all); with False an outer block's callback (the command line's bar) still hears it."""
    if progress is False or progress is None:
        yield
        return
    with shown(progress, "read_csv", "%", percent=True):
        yield
