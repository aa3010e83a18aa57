""""Did you mean": the Python side of include/zhibiao/detail/edit_distance.hpp (closest_name), the
same rule on the same characters, so a wrong name gets the same suggestion from Python as from C++."""

from __future__ import annotations

import functools
import inspect
import numbers
import os
from typing import Any, Callable, Iterable, Mapping, Sequence, TypeVar, cast


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
    neighbours ("totla" → "total", "gpd" → "gdp") each count 1, no character being edited twice."""
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        row = [i] + [0] * len(b)
        for j, other in enumerate(b, 1):
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (char != other))
            if i > 1 and j > 1 and char == b[j - 2] and a[i - 2] == other:
                row[j] = min(row[j], before[j - 2] + 1)
        before, previous = previous, row
    return previous[len(b)]


def ascii_lower(text: str) -> str:
    """``text`` with ASCII capitals in lower case ("HIGH" → "high"), as the C++ side folds them."""
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
# Full-width ASCII forms (U+FF01–U+FF5E: "ｍｅａｎ", "ＧＤＰ") as their ASCII characters, small letters.
_SUGGESTION_KEY = {
    **{0xFF01 + k: chr(0x21 + k) for k in range(0x5E)},
    **{0xFF21 + k: chr(0x61 + k) for k in range(26)},
    **{0x41 + k: chr(0x61 + k) for k in range(26)},
}


def suggestion_key(text: str) -> str:
    """``text`` as suggestions compare it, as the C++ side does (detail::suggestion_key): full-width
    ASCII forms (a Chinese input method left in full-width mode: "ｍｅａｎ") as ASCII, then ASCII
    capitals in lower case; one character stays one character."""
    return text.translate(_SUGGESTION_KEY)


def closest_name(wanted: str, candidates: Iterable[str], fold: Callable[[str], str] = lambda s: s) -> str | None:
    """The candidate ``wanted`` most likely means: the closest by edit distance, capitals counting
    as small letters ("HIGH" → "high") and full-width letters as ASCII ("ｍｅａｎ" → "mean"), within a third of its length (+1), the distance as
    written deciding a tie; else, for two or more characters, the only candidate that starts
    with it ("abs" → "absolute"), else the only one that contains it; None when none or several
    fit."""
    written = fold(wanted)
    key = suggestion_key(written)
    names = list(dict.fromkeys(candidates))
    best, best_distance = None, (len(key) // 3 + 2, 0)
    for name in names:
        other = fold(name)
        distance = (edit_distance(key, suggestion_key(other)), edit_distance(written, other))
        if distance < best_distance:
            best, best_distance = name, distance
    if best is not None or len(key) < 2:
        return best
    longer = [n for n in names if len(fold(n)) > len(key)]
    prefixed = [n for n in longer if suggestion_key(fold(n)).startswith(key)]
    if prefixed:
        return prefixed[0] if len(prefixed) == 1 else None
    containing = [n for n in longer if key in suggestion_key(fold(n))]
    return containing[0] if len(containing) == 1 else None


def _keyword_error_class() -> type:
    from . import _core

    class UnknownKeywordError(_core.ArgumentError, TypeError):
        """A keyword a function or class does not take (``build(perod=...)``): an ArgumentError
        naming the keyword it most likely means, and a TypeError, which Python raises for an
        unexpected keyword."""

    UnknownKeywordError.__module__ = "zhibiao"
    UnknownKeywordError.__qualname__ = "UnknownKeywordError"
    return UnknownKeywordError


UnknownKeywordError = _keyword_error_class()


def _type_error_class() -> type:
    from . import _core

    class ArgumentTypeError(_core.ArgumentError, TypeError):
        """An argument of a type a function does not take (``extract(None)``, ``guess="yes"``): an
        ArgumentError naming the parameter and what it takes, and a TypeError, which Python
        raises for a wrong type (pybind11 would print the C++ signature or a C++ type name)."""

    ArgumentTypeError.__module__ = "zhibiao"
    ArgumentTypeError.__qualname__ = "ArgumentTypeError"
    return ArgumentTypeError


ArgumentTypeError = _type_error_class()


def shown(value: Any) -> str:
    """A value as an error message quotes it: a short plain value by its repr ('yes', None, 123),
    anything else by its type ("a DataFrame"), never a screenful."""
    if isinstance(value, (str, bytes, int, float, bool, complex, type(None))):
        text = repr(value)
        if len(text) <= 60:
            return text
    return f"a {type(value).__name__}"


def _is_whole(value: Any) -> bool:
    return isinstance(value, numbers.Integral)


def _is_real(value: Any) -> bool:
    return isinstance(value, numbers.Real)


def _is_flag(value: Any) -> bool:
    import numpy as np

    return isinstance(value, (bool, np.bool_))


def _is_path(value: Any) -> bool:
    return isinstance(value, (str, os.PathLike))


# A parameter's annotation, one alternative of its union at a time, as a test and its words.
# Only these are checked: an alternative the table lacks (Any, a Sequence, a class) leaves the
# parameter to the function's own checks.
_ALTERNATIVES: dict[str, tuple[Callable[[Any], bool], str]] = {
    "str": (lambda v: isinstance(v, str), "a str"),
    "bytes": (lambda v: isinstance(v, bytes), "bytes"),
    "bool": (_is_flag, "True or False"),
    "int": (_is_whole, "a whole number"),
    "float": (_is_real, "a number"),
    "None": (lambda v: v is None, "None"),
    "Path": (lambda v: isinstance(v, os.PathLike), "a path"),
    "os.PathLike[str]": (lambda v: isinstance(v, os.PathLike), "a path"),
    "os.PathLike": (lambda v: isinstance(v, os.PathLike), "a path"),
}
_MAPPINGS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "float": (_is_real, "a number"),
    "int": (_is_whole, "a whole number"),
    "str": (lambda v: isinstance(v, str), "a str"),
}


def _split_union(annotation: str) -> list[str]:
    """ "str | Mapping[str, float] | None" → its alternatives, brackets kept whole."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(annotation):
        depth += char == "["
        depth -= char == "]"
        if char == "|" and depth == 0:
            parts.append(annotation[start:i].strip())
            start = i + 1
    parts.append(annotation[start:].strip())
    return parts


def _mapping_check(alternative: str) -> tuple[Callable[[Any], str | None], str] | None:
    """The check of a ``Mapping[str, X]`` / ``dict[str, X]`` alternative: a mapping whose keys are
    texts and values X; the problem said of the first entry that is not, else None."""
    for head in ("Mapping[str, ", "dict[str, "):
        if alternative.startswith(head) and alternative.endswith("]"):
            value_type = alternative[len(head) : -1].strip()
            if value_type not in _MAPPINGS:
                return None
            test, words = _MAPPINGS[value_type]

            def problem(value: Any) -> str | None:
                for key, item in value.items():
                    if not isinstance(key, str) and value_type != "str":  # names → labels may key by code
                        return f": its key {shown(key)} must be a str"
                    if not test(item):
                        return f": the value of {key!r} must be {words}, not {shown(item)}"
                return ""

            return problem, f"a mapping (name → {words.removeprefix('a ')})"
    return None


def type_check(annotation: Any) -> Callable[[Any], str | None] | None:
    """A test of a value against a parameter's annotation (a string: modules here postpone their
    annotations): None if the value fits, else the words of what the parameter takes and what it
    was given ("True or False, not 'yes'"). None when the annotation is not one checked here."""
    if not isinstance(annotation, str):
        return None
    tests: list[tuple[Callable[[Any], bool], str]] = []
    mapping: tuple[Callable[[Any], str | None], str] | None = None
    for alternative in _split_union(annotation):
        if alternative in _ALTERNATIVES:
            tests.append(_ALTERNATIVES[alternative])
        elif mapping is None and (found := _mapping_check(alternative)) is not None:
            mapping = found
        else:
            return None
    words = [w for _, w in tests if w != "None"] + ([mapping[1]] if mapping else [])
    words = list(dict.fromkeys(words)) + (["None"] if any(w == "None" for _, w in tests) else [])
    takes = " or ".join(words) if len(words) <= 2 else ", ".join(words[:-1]) + " or " + words[-1]

    def check(value: Any) -> str | None:
        if any(test(value) for test, _ in tests):
            return None
        if mapping is not None and isinstance(value, Mapping):
            return mapping[0](value) or None
        return f"must be {takes}, not {shown(value)}"

    return check


def _core_error() -> type:
    from . import _core

    return cast(type, _core.Error)


def check_types(
    owner: str,
    typed: Sequence[tuple[int, str, Callable[[Any], str | None]]],
    args: Sequence[Any],
    kwargs: Mapping[str, Any],
    cause: BaseException | None = None,
) -> None:
    """An ArgumentTypeError for the first argument of a call that does not fit its annotation
    (``typed``: from argument_checks); an argument not passed keeps its default, whatever its type."""
    for position, name, fits in typed:
        if 0 <= position < len(args):
            value = args[position]
        elif name in kwargs:
            value = kwargs[name]
        else:
            continue
        problem = fits(value)
        said = str(cause) if cause is not None else ""
        if problem is not None and said and f"{name} " in said and "incompatible function arguments" not in said:
            return  # the function's own words already name the parameter ("units must be a mapping …")
        if problem is not None:
            raise ArgumentTypeError(f"{owner}: {name}{'' if problem.startswith(':') else ' '}{problem}") from cause


def argument_checks(function: Callable[..., Any]) -> list[tuple[int, str, Callable[[Any], str | None]]]:
    """(position, name, check) of each parameter whose annotation type_check reads; position -1
    for a keyword-only one. The check's words follow the parameter's name: "must be …, not …", or
    ": the value of 'x' must be …" for an entry of a mapping."""
    checks = []
    for position, p in enumerate(inspect.signature(function).parameters.values()):
        if p.kind not in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY, p.POSITIONAL_ONLY):
            continue
        check = type_check(p.annotation)
        if check is not None:
            checks.append((position if p.kind is not p.KEYWORD_ONLY else -1, p.name, check))
    return checks


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
    return _checked(function, "")


def checked_keywords_with_aliases(where: str) -> Callable[[_F], _F]:
    """``checked_keywords``, the suggestion for another tool's keyword (pymcdm's ``weights=``,
    SALib's ``conf_level=``) taken first from data/composite/aliases.toml at ``where``
    ("topsis()"): a hint only, the keyword stays an error."""
    return lambda function: _checked(function, where)


def _alias_hint(where: str, names: Sequence[str]) -> Callable[[str], str]:
    """The suggestion data/composite/aliases.toml (read by the C++ library) makes for a keyword."""
    from . import _core

    return lambda key: str(_core.composite_parameter_hint(where, key, list(names)))


def _checked(function: _F, alias_where: str) -> _F:
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return function
    names = [p.name for p in parameters if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY)]
    if "." in function.__qualname__ and names[:1] in (["self"], ["cls"]):
        names = names[1:]  # a method's own object is no keyword a caller passes
    # Indicator(formla=...): the class; a class made inside a function (Facts) by its own name,
    # not "_make_facts_class.<locals>.Facts"
    owner = function.__qualname__.removesuffix(".__init__").rpartition("<locals>.")[2]
    check = refuse_unknown_keywords(names, owner, _alias_hint(alias_where, names) if alias_where else None)
    typed = argument_checks(function)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        check(kwargs)
        if not typed:
            return function(*args, **kwargs)
        try:
            return function(*args, **kwargs)
        except (TypeError, AttributeError, KeyError, ValueError) as failure:
            # After the function's own checks (their words are the more precise: "policy must be
            # 'low', 'high' or 'mid'"), a failure of another kind with an argument of a type the
            # signature does not take is said as that: pybind11's C++ signature, a KeyError deep
            # in pandas or os.fsencode's message named no parameter.
            if isinstance(failure, _core_error()):
                raise
            check_types(owner, typed, args, kwargs, failure)
            raise

    return cast(_F, wrapper)


def index_level(index: Any, name: str, where: str) -> Any:
    """The values of the level ``name`` of a pandas index, or a MissingVariableError naming
    ``where``, the level ``name`` most likely means and the levels there are (pandas raises a bare
    KeyError, "Level perod not found")."""
    from . import _core

    levels = [str(n) for n in index.names if n is not None]
    if name in index.names:
        return index.get_level_values(name)
    hint = closest_name(name, levels)
    said = f" (did you mean {hint!r}?)" if hint else ""
    named = f"its levels: {', '.join(levels)}" if levels else "its levels have no names"
    raise _core.MissingVariableError(f"{where}: the index has no level {name!r}{said}; {named}")


def refuse_direct_construction(owner: str, given: Any, core_type: type | tuple[type, ...], how: str) -> None:
    """A TypeError saying how to get an ``owner`` when a caller constructs it with something other
    than the core object the library wraps (``zb.Panel(df)`` kept the DataFrame and failed later
    with an AttributeError; ``zb.Panel()`` said "missing argument 'core'", a word users never see)."""
    if not isinstance(given, core_type):
        shown = "nothing" if given is None else type(given).__name__
        raise TypeError(f"{owner} is not made directly (given {shown}): {how}")


def stray_space_note(name: str) -> str:
    """ "; note: ' gdp' begins with white space" for a name with white space at an end (the quotes
    of a message hide it), else "": the words of the C++ lookup errors (zhibiao::lookup_error)."""
    if not name or not (name[0] in " \t\n\r" or name[-1] in " \t\n\r"):
        return ""
    begins, ends = name[0] in " \t\n\r", name[-1] in " \t\n\r"
    where = "begins and ends" if begins and ends else "begins" if begins else "ends"
    shown = name.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return f"; note: '{shown}' {where} with white space"


def absent_names(what: str, absent: Sequence[Any], present: Iterable[Any]) -> str:
    """ "the data lack indicators: 'a' (did you mean 'a '?; note: 'a ' ends with white space)": each
    absent name with the present one it most likely is, spaces at its ends shown."""
    names = [str(p) for p in present]
    said = []
    for name in absent:
        close = closest_name(str(name), names)
        hint = f"did you mean {close!r}?{stray_space_note(close)}" if close else stray_space_note(str(name))[2:]
        said.append(f"{name!r}" + (f" ({hint})" if hint else ""))
    return f"{what}: {', '.join(said)}"
