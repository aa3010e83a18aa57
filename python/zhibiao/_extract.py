"""Report text → facts (the C++ extractor, zhibiao/extract.hpp)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from . import _core


def extract(text: str, lexicon: str | Path | None = None) -> Any:
    """The figures of a report as a DataFrame, one row per number found: variable (the lexicon
    phrase closest before it in its clause, "" if none), value and high (equal unless a range),
    unit as written, qualifier (exact, approximate, lower_bound, upper_bound), period (canonical,
    from the last period stated before it), flags (masked, change, unit_implied, unit_mismatch,
    range, no_variable, phrase_shared, thousands_comma, …), the text of the figure, the phrase, the
    clause and byte offsets. ``df.attrs["invalid_bytes"]`` counts bytes that were not UTF-8.

    ``lexicon``: a TOML file of [[variable]] id, phrases, unit (default: the built-in one).
    """
    import pandas as pd

    lexicon_toml = Path(lexicon).read_text(encoding="utf-8") if lexicon is not None else None
    columns, invalid = _core.extract(text, lexicon_toml)
    df = pd.DataFrame(columns)
    df.attrs["invalid_bytes"] = invalid
    return df


def parse_chinese_number(text: str) -> float | None:
    """二十八 → 28.0, 贰佰贰拾柒点肆万 → 2274000.0; None if the text is not a Chinese numeral."""
    return _core.parse_chinese_number(text)
