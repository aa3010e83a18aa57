"""The account of one replication of an uncertainty analysis says what it drew: weights drawn
with noise or from a Dirichlet are handed to the aggregation as fixed weights, but "fixed weights"
is not what the analyst chose (the analyst trial read it so)."""

from __future__ import annotations

import zhibiao as zb

C = zb.composite


def _line(summary: str, start: str) -> str:
    (line,) = [x for x in summary.splitlines() if x.startswith(start)]
    return line


def test_a_replication_with_drawn_weights_says_how_they_were_drawn(small_composite):
    data, fw, steps = small_composite
    u = C.uncertainty(data, fw, steps, n=4, weights_noise={2: 0.25}, weights_dirichlet={1: 50})
    for k in range(4):
        summary = u.replication(k).summary()
        assert "fixed weights" not in summary
        level2, level3 = _line(summary, "Aggregation, level 2:"), _line(summary, "Aggregation, level 3:")
        # level 2 aggregates the indicators (level 1: Dirichlet), level 3 the pillars (level 2: noise)
        assert "weights drawn for this replication (Dirichlet around the shares of the framework weights, " in level2
        assert "concentration 50)" in level2
        assert "weights drawn for this replication (the framework weights, each × (1 + U(−0.25, 0.25)))" in level3
        assert summary.endswith(".") and "Uncertainty replication: weight:P1 = " in summary


def test_equal_weights_drawn_name_the_equal_scheme_and_an_undrawn_level_keeps_its_own(small_composite):
    data, fw, _ = small_composite
    steps = [C.Normalise("minmax", (1, 100)), C.Aggregate(), C.Weigh("equal")]
    summary = C.uncertainty(data, fw, steps, n=2, weights_noise={1: 0.1}).replication(1).summary()
    assert "(the equal weights, each × (1 + U(−0.1, 0.1)))" in _line(summary, "Aggregation, level 2:")
    assert _line(summary, "Aggregation, level 3:").startswith("Aggregation, level 3: arithmetic, equal weights;")


def test_fixed_weights_nothing_drew_stay_fixed(small_composite):
    data, fw, _ = small_composite
    steps = [C.Normalise("minmax", (1, 100)), C.Aggregate(), C.Weigh("fixed", fixed={"P1": 1, "P2": 2})]
    u = C.uncertainty(data, fw, steps, n=2, aggregation=[C.Aggregate("arithmetic"), C.Aggregate("geometric")])
    summary = u.replication(0).summary()
    assert "fixed weights;" in _line(summary, "Aggregation, level 3:")
    assert "drawn" not in summary
