""""Did you mean": the Python side of include/zhibiao/detail/edit_distance.hpp (closest_name),
so a wrong name gets the same suggestion from the command line as from the library."""

from __future__ import annotations

import functools
import inspect
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar, cast


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


def _keyword_error_class() -> type:
    from . import _core

    class UnknownKeywordError(_core.ArgumentError, TypeError):
        """A keyword a function or class does not take (``build(perod=...)``): an ArgumentError
        naming the keyword it most likely means, and a TypeError, which Python raises for an
        unexpected keyword."""

    UnknownKeywordError.__module__ = "zhibiao"
    return UnknownKeywordError


UnknownKeywordError = _keyword_error_class()

_F = TypeVar("_F", bound=Callable[..., Any])


def refuse_unknown_keywords(
    names: Sequence[str], owner: str, alias_hint: Callable[[str], str] | None = None
) -> Callable[[Mapping[str, Any]], None]:
    """A check of a call's keywords against ``names``: an unknown one raises UnknownKeywordError
    naming ``owner``, the parameter it most likely means, else the parameters there are.
    ``alias_hint(key)`` may give the suggestion for another tool's name first (the composite
    steps: data/composite/aliases.toml, read by the C++ library); it never accepts the key."""

    known = frozenset(names)

    def check(kwargs: Mapping[str, Any]) -> None:
        for key in kwargs:
            if key not in known:
                said = alias_hint(key) if alias_hint else ""
                hint = closest_name(key, names)
                raise UnknownKeywordError(
                    f"{owner}: no parameter '{key}'"
                    + (said or (f" (did you mean '{hint}'?)" if hint else ""))
                    + f"; its parameters: {', '.join(names)}"
                )

    return check


def checked_keywords(function: _F) -> _F:
    """``function`` refusing a misspelt keyword (``perod=``) with "did you mean", where Python
    would raise a bare TypeError ("unexpected keyword argument"). Functions taking **kwargs are
    left as they are: their keywords go on to a function that checks them."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return function
    names = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if "." in function.__qualname__ and names[:1] in (["self"], ["cls"]):
        names = names[1:]  # a method's own object is no keyword a caller passes
    # Indicator(formla=...): the class; a class made inside a function (Facts) by its own name,
    # not "_make_facts_class.<locals>.Facts"
    owner = function.__qualname__.removesuffix(".__init__").rpartition("<locals>.")[2]
    check = refuse_unknown_keywords(names, owner)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check(kwargs)
        return function(*args, **kwargs)

    return cast(_F, wrapper)
