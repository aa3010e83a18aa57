"""Words in Chinese or English: unit symbols and indicator names for ``lang="en"`` output
(tables, plots, the command line), so English output carries no Chinese units."""

from __future__ import annotations

import re

LANGUAGES = ("zh", "en")

# Whole symbols first, then base symbols after a decimal prefix (万, 亿, 千, 百, 十).
_WHOLE = {
    "%": "%",
    "‰": "‰",
    "百分点": "pp",
    "个百分点": "pp",
    "1": "",
    "人年": "person-years",
    "人次": "person-times",
    "吨标准煤": "tce",
    "平方公里": "km²",
}
_BASES = {
    "元": "yuan",
    "人": "persons",
    "件": "items",
    "项": "items",
    "家": "firms",
    "个": "units",
    "户": "households",
    "所": "institutions",
    "次": "times",
    "人年": "person-years",
    "人次": "person-times",
}
_PREFIXES = {"万": "10k ", "亿": "100m ", "千": "thousand ", "百": "hundred ", "十": "ten "}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        from . import _core

        raise _core.ArgumentError(f"lang must be 'zh' or 'en', not {lang!r}")
    return lang


def _term_en(term: str) -> str:
    if term in _WHOLE:
        return _WHOLE[term]
    if term in _BASES:
        return _BASES[term]
    prefix = _PREFIXES.get(term[:1])
    if prefix and term[1:] in _BASES:
        return prefix + _BASES[term[1:]]
    if prefix and term[1:2] in _PREFIXES and term[2:] in _BASES:  # 十万元, 百万元
        return prefix.strip() + " " + _PREFIXES[term[1:2]] + _BASES[term[2:]]
    return term


def unit_text(unit: str | None, lang: str = "zh") -> str:
    """A unit symbol as shown in ``lang``: the symbol itself in Chinese; in English its words
    ("件/万人" → "items/10k persons", "亿元" → "100m yuan", "百分点" → "pp")."""
    check_lang(lang)
    if not unit:
        return ""
    if lang == "zh":
        return unit
    return "/".join("·".join(_term_en(t) for t in part.split("·")) for part in unit.split("/"))


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))


# Amounts read better in millions in English than in 万 (10⁴) and 亿 (10⁸).
_IN_MILLIONS = {
    "万元": (1e-2, "million yuan"),
    "亿元": (1e2, "million yuan"),
    "千元": (1e-3, "million yuan"),
    "万人": (1e-2, "million persons"),
}
_NUMBER_AND_UNIT = re.compile(r"(\d(?:[\d,]*\d)?(?:\.\d+)?)\s*([\u4e00-\u9fff][\u4e00-\u9fff/·]*)")


def english_units(text: str) -> str:
    """English text whose figures carry Chinese unit symbols ("35人", "2亿元") with the units in
    words ("35 persons", "2 100m yuan"); symbols it does not know are left as written."""

    def one(match: re.Match[str]) -> str:
        scale = _IN_MILLIONS.get(match.group(2))
        if scale is not None:  # 23996.5万元 → 239.965 million yuan
            value = float(match.group(1).replace(",", "")) * scale[0]
            return f"{value:,.10g} {scale[1]}"
        words = unit_text(match.group(2), "en")
        return f"{match.group(1)} {words}" if not has_chinese(words) else match.group(0)

    return _NUMBER_AND_UNIT.sub(one, text)
