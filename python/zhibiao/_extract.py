"""Report text → facts (the C++ extractor, zhibiao/extract.hpp)."""

from __future__ import annotations

import os
import stat
import warnings
from pathlib import Path
from typing import Any

from . import _core

#: Largest lexicon file read (a definition file: a few kilobytes in practice).
MAX_LEXICON_BYTES = 16 * 2**20
#: Largest report file read by `read_report_file` (and `zhibiao extract`).
MAX_REPORT_BYTES = 256 * 2**20


class InvalidBytesWarning(UserWarning):
    """Bytes of a report that no encoding read: skipped, with their offsets in the message."""


def read_limited(path: str | Path, limit: int, what: str) -> bytes:
    """The bytes of a regular file of at most `limit` bytes. A missing file, a directory, a device
    (/dev/zero), a symlink loop or a larger file raise an error naming the path and the problem:
    FileNotFoundError / IsADirectoryError / OSError, or zb.LimitError for the size."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise FileNotFoundError(f"{what} {path}: no such file") from None
    except OSError as e:
        raise OSError(e.errno, f"{what} {path}: {e.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(f"{what} {path}: is a directory, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise OSError(f"{what} {path}: not a regular file (a device, pipe or socket is not read)")
    if info.st_size > limit:
        raise _core.LimitError(f"{what} {path}: {info.st_size} bytes, more than the {limit} bytes allowed")
    with open(path, "rb") as f:
        data = f.read(limit + 1)  # the file may have grown since stat
    if len(data) > limit:
        raise _core.LimitError(f"{what} {path}: more than the {limit} bytes allowed")
    return data


def extract(text: str | bytes, lexicon: str | Path | None = None) -> Any:
    """The figures of a report as a DataFrame, one row per number found.

    Columns: variable (the lexicon phrase closest before it in its clause, "" if none), value and
    high (equal unless a range; NaN when masked, damaged or beyond a double), unit as written,
    qualifier (exact, approximate, lower_bound, upper_bound), period (canonical, from the last
    period stated before it), text (the figure as written), phrase, damage (its kind, "" when
    sound), begin/end (character offsets: ``report[begin:end]`` is the figure), clause_begin/
    clause_end (its clause, character offsets), byte_begin/byte_end (UTF-8 byte offsets, as in
    C++), and one boolean column per flag, ``flag_<name>``: masked, approximate, lower_bound,
    upper_bound, range, change, unit_implied, unit_mismatch, no_variable, thousands_comma,
    phrase_shared, out_of_range, damaged, suspect (filter with ``facts[facts.flag_damaged]``).

    ``text`` may be bytes: the encoding is detected as read_csv detects it (UTF-8 with or without
    BOM, GB18030, UTF-16 with BOM); bytes no encoding reads are skipped with an
    InvalidBytesWarning naming their offsets. ``df.attrs``: text (the decoded report, each
    skipped byte as U+FFFD; the offsets count in it), encoding ("str" for str input),
    invalid_bytes, invalid_byte_offsets, findings (a DataFrame: kind, begin, end, text, message).

    ``lexicon``: a TOML file of [[variable]] id, phrases, unit (default: the built-in one).
    """
    import pandas as pd

    lexicon_toml = None
    if lexicon is not None:
        lexicon_toml = read_limited(lexicon, MAX_LEXICON_BYTES, "lexicon")  # bytes: the TOML reader checks UTF-8
    columns, info = _core.extract(text, lexicon_toml)
    df = pd.DataFrame(columns)
    df.attrs["text"] = info.get("text", text)
    df.attrs["encoding"] = info["encoding"]
    df.attrs["invalid_bytes"] = info["invalid_bytes"]
    df.attrs["invalid_byte_offsets"] = list(info["invalid_byte_offsets"])
    df.attrs["findings"] = pd.DataFrame(info["findings"])
    if info["invalid_bytes"]:
        offsets = info["invalid_byte_offsets"]
        shown = ", ".join(str(o) for o in offsets[:10]) + (", …" if len(offsets) > 10 else "")
        warnings.warn(f"{info['invalid_bytes']} bytes of the report are not {info['encoding']} text and were skipped"
                      f" (byte offsets {shown})", InvalidBytesWarning, stacklevel=2)
    return df


def read_report_file(path: str | Path, lexicon: str | Path | None = None) -> Any:
    """`extract` on a report file's bytes (encoding detected), refusing what is not a regular
    file of at most MAX_REPORT_BYTES."""
    return extract(read_limited(path, MAX_REPORT_BYTES, "report"), lexicon)


def parse_chinese_number(text: str) -> float | None:
    """二十八 → 28.0, 贰佰贰拾柒点肆万 → 2274000.0; None if the text is not a Chinese numeral;
    zb.LimitError for a numeral beyond a double (一亿亿…亿), never inf."""
    return _core.parse_chinese_number(text)
