"""The one fact a report text gives for a figure, shared by the report reader's test files."""

import zhibiao as zb


def the_fact(text: str, figure: str):
    """The row of `zb.extract(text)` whose text is `figure`; fails unless there is exactly one."""
    facts = zb.extract(text)
    hits = facts[facts["text"] == figure]
    assert len(hits) == 1, facts[["text", "variable", "value"]]
    return hits.iloc[0]


def rows_of(text: str, *columns: str) -> list[tuple]:
    """`columns` of each fact of `zb.extract(text)`, a missing value as "" (a text column's NaN)."""
    import math

    facts = zb.extract(text)
    return [
        tuple("" if isinstance(v, float) and math.isnan(v) else v for v in row)
        for row in facts[list(columns)].itertuples(index=False)
    ]
