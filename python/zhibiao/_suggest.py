""""Did you mean": the Python side of include/zhibiao/detail/edit_distance.hpp (closest_name),
so a wrong name gets the same suggestion from the command line as from the library."""

from __future__ import annotations

from typing import Callable, Iterable


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    row = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        diagonal, row[0] = row[0], i
        for j, other in enumerate(b, 1):
            above = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, diagonal + (char != other))
            diagonal = above
    return row[len(b)]


def closest_name(wanted: str, candidates: Iterable[str], fold: Callable[[str], str] = lambda s: s) -> str | None:
    """The candidate ``wanted`` most likely means: the closest by edit distance within a third of
    its length (+1); else, for two or more characters, the only candidate that starts with it
    ("abs" → "absolute"), else the only one that contains it; None when none or several fit."""
    key = fold(wanted)
    names = list(dict.fromkeys(candidates))
    best, best_distance = None, len(key) // 3 + 2
    for name in names:
        distance = edit_distance(key, fold(name))
        if distance < best_distance:
            best, best_distance = name, distance
    if best is not None or len(key) < 2:
        return best
    longer = [n for n in names if len(fold(n)) > len(key)]
    prefixed = [n for n in longer if fold(n).startswith(key)]
    if prefixed:
        return prefixed[0] if len(prefixed) == 1 else None
    containing = [n for n in longer if key in fold(n)]
    return containing[0] if len(containing) == 1 else None
