"""The one fact a report text gives for a figure, shared by the report reader's test files."""

import zhibiao as zb


def the_fact(text: str, figure: str):
    """The row of `zb.extract(text)` whose text is `figure`; fails unless there is exactly one."""
    facts = zb.extract(text)
    hits = facts[facts["text"] == figure]
    assert len(hits) == 1, facts[["text", "variable", "value"]]
    return hits.iloc[0]
