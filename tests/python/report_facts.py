"""The facts and findings a report text gives, shared by the report reader's test files."""

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


def findings_of(text: str, kind: str) -> list:
    """The findings of `zb.extract(text)` of one kind, as rows (kind, begin, end, text, message…)."""
    found = zb.extract(text).attrs["findings"]
    return [f for f in found.itertuples() if f.kind == kind]
