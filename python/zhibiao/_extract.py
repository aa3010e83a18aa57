"""Report text → facts (the C++ extractor, zhibiao/extract.hpp)."""

from __future__ import annotations

import collections
import os
import re
import stat
import warnings
from pathlib import Path
from typing import Any, Mapping

import numpy as np

from ._suggest import ArgumentTypeError, checked_keywords, shown
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


@checked_keywords
def extract(text: Any, lexicon: str | Path | None = None, *, guess: bool = False, threads: int = 0) -> Any:
    """The figures of a report as a DataFrame, one row per number found.

    Many reports at once: ``text`` a list, a dict ``{name: text}`` or a pandas Series of str or
    bytes gives one table with a ``report`` column first (the name, the Series label, or the
    position 0..n-1 in a list), each report read exactly as it is read alone (its offsets in its
    own text), on ``threads`` threads (0: every core; the table is the same for any count).
    attrs text, encoding, invalid_bytes and invalid_byte_offsets are then dicts by report, and
    the findings carry the report too. docs/reports.md "Many reports".

    Columns: variable (the lexicon phrase closest before it in its clause, "" if none), value and
    high (equal unless a range; NaN when masked, damaged or beyond a double), unit as written,
    qualifier (exact, approximate, lower_bound, upper_bound), period (canonical, from the last
    period stated before it), text (the figure as written), phrase, damage (its kind, "" when
    sound), begin/end (character offsets: ``report[begin:end]`` is the figure), clause_begin/
    clause_end (its clause, character offsets), decimals (uint8: the decimals the figure was written
    with where more than its value's shortest form shows, "2.00%" → 2, "1.20万亿元" → 2; 0 for
    "1.7%", a Chinese numeral, "1.2万", a masked "13.x%"; a range's last end), byte_begin/byte_end (byte offsets into the
    UTF-8 text, as in C++, also when ``text`` is bytes in GB18030 or UTF-16), and one boolean column per flag, ``flag_<name>``: masked, approximate, lower_bound,
    upper_bound, range, change, unit_implied, unit_mismatch, no_variable, thousands_comma,
    phrase_shared, out_of_range, damaged, suspect, guess, prior_year, target, since, estimate, part, start (filter with
    ``facts[facts.flag_damaged]``).

    A change (flag_change: 增长/提高/下降/减少… between the phrase and the figure) carries its
    direction in its sign: "同比下降20.0%" is value -20.0 (and high -20.0), "同比增长20.0%" is 20.0, so
    ``facts[facts.flag_change & (facts.value < 0)]`` are the declines; a bound of a decline's size
    (下降超过20%) is the other bound of the signed value (upper_bound). "增长1.5倍" keeps its unit 倍
    (value 1.5: growth by 1.5 times, not converted). A verb with 到/至 (提高到三成, 增加到) or 达到
    after a change ("较上年提高0.3个百分点，达到2.1%": the level, named by the phrase before) states a
    level, not a change. A sentence opening with 上年同期/去年同期/上年/去年 (not 比上年…, a comparison)
    states the year before: its figures take the governing period's prior year ("" when none is
    stated) and flag_prior_year.

    The label columns (variable, unit, qualifier, period, phrase, damage, status, stage, scope) are
    pandas Categoricals of str: they compare with strings (``facts.variable == "patent_grants"``,
    ``.isin``, ``.str``), sort by their text, and ``.astype(str)`` gives plain strings. Their
    categories are the texts the column holds (qualifier: its four names); a subset keeps them all, so group a filtered table
    with ``groupby(..., observed=True)`` to leave out the texts it no longer holds. ``text`` (the
    figure as written) is a column of str.

    status, stage and scope: the distinctions the words around a figure make (status "due" for
    应/需/须, "done" for 已 or a payment verb; stage "applied" 申报/申请, "approved" 立项/获批,
    "granted" 授权; scope "cumulative" 累计/总数, "new" 新增…), else those of its variable's lexicon
    entry; they choose between entries that share a phrase (应拨付补助资金 is reward_due).

    ``guess=True`` asks for a best guess of damaged figures where the text still holds one (the
    digits before a dangling point: "21.%" → 21, a lower bound): it goes in the ``guess`` column
    with ``flag_guess``, never in ``value`` (which stays NaN), and never into a panel. Without it
    ``guess`` is NaN throughout.

    ``text`` may be bytes: the encoding is detected as read_csv detects it (UTF-8 with or without
    BOM, GB18030, UTF-16 with BOM); bytes no encoding reads are skipped with an
    InvalidBytesWarning naming their offsets. ``df.attrs``: text (the decoded report, each
    skipped byte as U+FFFD; the offsets count in it), encoding ("str" for str input),
    invalid_bytes, invalid_byte_offsets, findings (a DataFrame: kind, begin, end, text, message).

    ``lexicon``: a TOML file of [[variable]] id, phrases, unit and optionally status, stage,
    scope (default: the built-in one).
    """
    import pandas as pd

    _check_threads(threads)
    lexicon_toml = None
    if lexicon is not None:
        lexicon_toml = read_limited(lexicon, MAX_LEXICON_BYTES, "lexicon")  # bytes: the TOML reader checks UTF-8
    source = str(lexicon) if lexicon is not None else "<lexicon>"  # errors name the file
    if not isinstance(text, (str, bytes, bytearray, memoryview)):
        return _extract_many(text, lexicon_toml, source, guess, threads)
    columns, info = _core.extract(text, lexicon_toml, guess=guess, lexicon_source=source)
    df = _facts_class()(_frame(columns))
    df.attrs["lexicon_units"] = dict(info["lexicon_units"])
    df.attrs["text"] = info.get("text", text)
    df.attrs["encoding"] = info["encoding"]
    df.attrs["invalid_bytes"] = info["invalid_bytes"]
    df.attrs["invalid_byte_offsets"] = list(info["invalid_byte_offsets"])
    df.attrs["findings"] = pd.DataFrame(info["findings"])
    foreign: list[int] = []
    if isinstance(text, (bytes, bytearray, memoryview)):
        pasted, foreign = _foreign_lines(bytes(text), df.attrs["text"], info["encoding"])
        noise = _noise(df.attrs["text"], info["invalid_bytes"]) - pasted
        if noise > NOT_TEXT_SHARE * len(text):
            df = _no_text(df, noise, len(text))
    if info["invalid_bytes"]:
        offsets = info["invalid_byte_offsets"]
        shown = ", ".join(str(o) for o in offsets[:10]) + (", …" if len(offsets) > 10 else "")
        lines = ", ".join(str(n) for n in foreign[:10]) + (", …" if len(foreign) > 10 else "")
        pasted_note = (
            f"; line{'s' if len(foreign) > 1 else ''} {lines} decode{'' if len(foreign) > 1 else 's'} as GB18030 (pasted from a file in another "
            "encoding?): convert the file to one encoding to read their figures"
            if foreign
            else ""
        )
        warnings.warn(
            f"{info['invalid_bytes']} bytes of the report are not {info['encoding']} text and were skipped"
            f" (byte offsets {shown}){pasted_note}",
            InvalidBytesWarning,
            stacklevel=2,
        )
    return df


def _foreign_lines(raw: bytes, decoded: str, encoding: str) -> tuple[int, list[int]]:
    """(skipped characters, 1-based numbers) of the lines of a UTF-8 report that are GB18030 text: a line
    pasted from a file in another encoding is text, not noise — the rest of the report is read (round 35:
    a 71-byte report with one such line was judged no text and lost its valid figures)."""
    if not encoding.startswith("utf-8") or "\ufffd" not in decoded:
        return 0, []
    skipped, numbers = 0, []
    for number, (line, read) in enumerate(zip(raw.split(b"\n"), decoded.split("\n")), start=1):
        if "\ufffd" not in read:
            continue
        try:
            line.decode("gb18030")
        except UnicodeDecodeError:
            continue
        skipped += read.count("\ufffd")
        numbers.append(number)
    return skipped, numbers


def _check_threads(threads: Any) -> None:
    if isinstance(threads, (bool, np.bool_)) or not isinstance(threads, (int, np.integer)) or threads < 0:
        raise _core.ArgumentError(f"threads must be a whole number ≥ 0 (0: every core), not {threads!r}")


def _reports(texts: Any, owner: str) -> tuple[list[Any], list[Any], bool]:
    """(keys, texts, named) of many reports: a list or tuple (keys 0..n-1, not named), a dict
    {name: text} or a pandas Series (its labels). Each text a str or bytes; an error names the
    key of the first that is not, an empty collection and a name given twice are errors."""
    import pandas as pd

    if isinstance(texts, pd.Series):
        keys, items, named = list(texts.index), list(texts.array), True
    elif isinstance(texts, Mapping):
        keys, items, named = list(texts.keys()), list(texts.values()), True
    elif isinstance(texts, (list, tuple)):
        keys, items, named = list(range(len(texts))), list(texts), False
    else:
        raise ArgumentTypeError(
            f"{owner}: {'texts' if owner == 'read_reports' else 'text'} must be a str or bytes (or a list, a dict {{name: text}} or a pandas Series of them), "
            f"not {shown(texts)}"
        )
    if not items:
        raise _core.ArgumentError(f"{owner}: no reports to read: the {type(texts).__name__} is empty")
    for key, item in zip(keys, items):
        if not isinstance(item, (str, bytes, bytearray, memoryview)):
            missing = " (a missing report?)" if item is None or item is pd.NA or item != item else ""
            raise ArgumentTypeError(f"{owner}: report {key!r} must be a str or bytes, not {shown(item)}{missing}")
    items = [bytes(item) if isinstance(item, memoryview) else item for item in items]
    if named and len(set(keys)) < len(keys):
        seen: set[Any] = set()
        twice = next(k for k in keys if k in seen or seen.add(k))  # type: ignore[func-returns-value]
        raise _core.ArgumentError(f"{owner}: report {twice!r} is given twice: each report needs its own name")
    return keys, items, named


def _report_column(keys: list[Any], codes: np.ndarray, named: bool) -> Any:
    """The report of each row: its position (a list), else its name (str names as a Categorical in
    the order given, so sorting by it keeps the reports' order)."""
    import pandas as pd

    if not named:
        return codes.astype(np.int64)
    if all(isinstance(k, str) for k in keys):
        return pd.Categorical.from_codes(codes.astype(np.int32), categories=keys)
    return pd.Index(keys).take(codes).to_numpy()


def _extract_many(
    texts: Any, lexicon_toml: bytes | None, source: str, guess: bool, threads: int, owner: str = "extract"
) -> Any:
    import pandas as pd

    keys, items, named = _reports(texts, owner)
    names = [str(k) for k in keys] if named else []
    columns, info = _core.extract_many(
        items, names, lexicon_toml, guess=guess, lexicon_source=source, threads=int(threads)
    )
    codes = np.asarray(columns.pop("report"))
    df = _facts_class()(_frame(columns))
    df.insert(0, "report", _report_column(keys, codes, named))
    findings = pd.DataFrame(info["findings"])
    findings["report"] = _report_column(keys, findings["report"].to_numpy(), named)
    df.attrs["lexicon_units"] = dict(info["lexicon_units"])
    df.attrs["text"] = dict(zip(keys, info["text"]))
    df.attrs["encoding"] = dict(zip(keys, info["encoding"]))
    df.attrs["invalid_bytes"] = dict(zip(keys, info["invalid_bytes"]))
    df.attrs["invalid_byte_offsets"] = {k: list(o) for k, o in zip(keys, info["invalid_byte_offsets"])}
    df.attrs["findings"] = findings
    noise = [
        (k, code, _noise(info["text"][code], info["invalid_bytes"][code]), len(item))
        for code, (k, item) in enumerate(zip(keys, items))
        if not isinstance(item, str)
    ]
    no_text = [(k, code, bad, size) for k, code, bad, size in noise if bad > NOT_TEXT_SHARE * size]
    if no_text:
        df = _no_text_reports(df, codes, no_text)
    spoilt = [(k, n) for k, n in zip(keys, info["invalid_bytes"]) if n]
    if spoilt:
        shown = "; ".join(
            f"{k!r}: {n} (byte offsets {', '.join(str(o) for o in df.attrs['invalid_byte_offsets'][k][:5])}"
            f"{', …' if n > 5 else ''})"
            for k, n in spoilt[:5]
        )
        warnings.warn(
            f"{sum(n for _, n in spoilt)} bytes of {len(spoilt)} reports are not text in their encoding and were "
            f"skipped: {shown}{'; …' if len(spoilt) > 5 else ''}",
            InvalidBytesWarning,
            stacklevel=3,
        )
    return df


def _no_text_reports(df: Any, codes: np.ndarray, no_text: list[tuple[Any, int, int, int]]) -> Any:
    """`_no_text` for the reports of a table of many whose bytes are noise: their rows left out, a
    not_text finding each."""
    import pandas as pd

    kept = df[~np.isin(codes, [code for _, code, _, _ in no_text])].reset_index(drop=True)
    kept.attrs = dict(df.attrs)
    rows = [
        {
            "report": k,
            "kind": "not_text",
            "begin": 0,
            "end": len(df.attrs["text"][k]),
            "text": "",
            "message": f"{bad} of {size} bytes are invalid {df.attrs['encoding'][k]} or control characters: the "
            "input is no text (a binary file?); no figures were read",
        }
        for k, _, bad, size in no_text
    ]
    findings = df.attrs["findings"]
    dropped = findings["report"].isin([k for k, _, _, _ in no_text])
    kept.attrs["findings"] = pd.concat(
        [findings[~dropped].astype({"report": object}), pd.DataFrame(rows)], ignore_index=True
    )
    return kept


#: Bytes are no text when more than this share of them is invalid in the encoding detected or
#: decodes to control characters (random or binary data: a report has a few at most).
NOT_TEXT_SHARE = 0.1


def _noise(decoded: str, invalid: int) -> int:
    """Bytes invalid in the encoding detected plus control characters decoded."""
    return invalid + sum(1 for c in decoded if ord(c) < 32 and c not in "\t\n\r\f\v")


def _no_text(df: Any, noise: int, size: int) -> Any:
    """No figures, one finding: what random bytes "say" is noise (5,000 of them read as 110 figures
    and 37 stray characters)."""
    import pandas as pd

    empty = df.iloc[0:0].copy()
    empty.attrs = dict(df.attrs)
    message = (
        f"{noise} of {size} bytes are invalid {df.attrs['encoding']} or control characters: the input is "
        "no text (a binary file?); no figures were read"
    )
    empty.attrs["findings"] = pd.DataFrame(
        {"kind": ["not_text"], "begin": [0], "end": [len(df.attrs["text"])], "text": [""], "message": [message]}
    )
    return empty


#: The columns that name one of a few texts (the lexicon's variables and phrases, units, periods,
#: damage kinds, distinctions, qualifiers): pandas Categoricals.
LABEL_COLUMNS = (
    "variable",
    "unit",
    "qualifier",
    "period",
    "phrase",
    "damage",
    "status",
    "stage",
    "scope",
    "level",
    "entity",
)


def _frame(columns: dict[str, Any]) -> Any:
    """The binding's columns as a DataFrame. A label column comes as (codes, categories): a
    Categorical made from them holds no Python str per row (the categories are sorted, so sorting
    by the column sorts by the text)."""
    import pandas as pd

    for name in LABEL_COLUMNS:
        codes, categories = columns[name]
        columns[name] = pd.Categorical.from_codes(codes, categories=categories)
    return pd.DataFrame(columns, copy=False)


_FACTS: Any = None


def __getattr__(name: str) -> Any:  # zhibiao._extract.Facts, made on first use: pandas loads lazily
    if name == "Facts":
        return _facts_class()
    raise AttributeError(name)


def _facts_class() -> Any:
    global _FACTS
    if _FACTS is None:
        _FACTS = _make_facts_class()
    return _FACTS


def _make_facts_class() -> Any:
    import pandas as pd

    class Facts(pd.DataFrame):
        """The table `extract` returns: a DataFrame with two more methods, `in_lexicon_units` and
        `to_panel`. Operations that keep the columns keep the type; attrs carry text, findings, …"""

        @property
        def _constructor(self) -> type:
            return Facts

        def in_lexicon_units(self) -> "Facts":
            """A copy with ``value_converted``, ``high_converted`` and ``unit_converted``: each figure in
            the unit its variable is reported in (1.2万件 → 12000 件), the figure as written kept.
            NaN where there is no variable, the written unit cannot convert (unit_mismatch), or the
            figure is a change (a rate of change stays in its own unit). A unit left implicit (0.9件 for
            件/万人, flag_unit_implied) is taken as the variable's; so is a unit not written for a
            count or a rate (326 for 件, 2.5 for %), but an amount or a population without a unit
            (8600 for 万元: 元, 万元 or 亿元?) is NaN, as the README's units promise says."""
            units = self.attrs.get("lexicon_units", {})
            if len(self) == 0:
                return self.assign(value_converted=[], high_converted=[], unit_converted=[])
            # The factor depends on the row's variable, unit and two flags only: one decision per
            # distinct combination (a few hundred in a table of 100,000 rows), then one multiply.
            keys = ["variable", "unit", "flag_change", "flag_unit_implied"]
            group = self[keys].groupby(keys, sort=False, observed=True, dropna=False).ngroup().to_numpy()
            _, first = np.unique(group, return_index=True)
            factors, converted_units = [], []
            for row in self[keys].iloc[first].itertuples():
                factor, unit = _conversion(row, units)
                factors.append(float("nan") if factor is None else factor)
                converted_units.append(unit)
            factor_of_row = np.array(factors, dtype=np.float64)[group]
            converts = ~np.isnan(factor_of_row)
            return self.assign(
                value_converted=np.where(
                    converts, _times_exactly(self["value"].to_numpy(dtype=np.float64), factor_of_row), np.nan
                ),
                high_converted=np.where(
                    converts, _times_exactly(self["high"].to_numpy(dtype=np.float64), factor_of_row), np.nan
                ),
                unit_converted=np.array(converted_units, dtype=object)[group],
            )

        @checked_keywords
        def to_panel(self, entity: str, period: str | None = None, *, keep_suspect: bool = False) -> Any:
            """The figures as a one-entity Panel: a column per variable in its lexicon unit, a row per
            period, ready for compute(), validate() and the composite.

            Stated rules: figures without a variable, changes (同比增长…), bounds and ranges are not
            levels and are left out (``not_a_level``); approximate figures (约12项, 12项左右) are not
            exact values and are left out too (``approximate``), as 超过/突破/近/余/多 (bounds) are;
            targets and plans (flag_target: 力争…, 全年目标…) are left out as ``target``, the
            year's figures a report of the year estimates (flag_estimate: 预计全年…) as ``estimate``,
            parts by level after 其中 (flag_part: 其中省级项目6项) as ``part``, totals
            over several years (flag_since: 2021年以来, “十四五”以来) as ``since``, the
            level a change starts from (flag_start: the 1.0亿元 of 由1.0亿元增加到1.2亿元) as ``start_level``; a
            figure without a period takes `period` (an error if none is given), one stated for the
            year before (flag_prior_year, 上年同期…) the year before `period` (2024H1 → 2023H1),
            never `period` itself; a unit that cannot convert leaves the figure out. Two figures
            for one variable and period: one stated for the whole (全县/全市/…, 我县/本县) wins over one
            stated for a part (a 镇, 乡, 街道 or a zone — 园区, 开发区, 经开区, 高新区, 工业园, 示范区,
            片区, 管委会… — named first, unless it names `entity` itself: 青山经开区's own report), and
            the report's own (我县/本县, or 全 with `entity`'s level word: 全县 for 青石县) over another whole (全市);
            else the first sound one in the text wins (sound before suspect before damaged); the
            others are listed as a `duplicate_figure` finding. A figure stated for another whole
            only (全市新增高新技术企业80家 in 青石县's report), or for a town or sub-district only
            (龙湖街道… in 龙湖区's report, whatever its stem), is not the entity's: left out as
            ``other_area`` when `entity` ends with a level word (县/区/市/省/州/旗); a zone's figure alone
            stays. A damaged figure arrives as missing
            with the core reason ``damaged_source``: invalid, not absent, so compute() gives NaN
            with that reason for whatever uses it, and a roll-up never sums over it; a masked one
            (13.x%, 1X3件) too, with a ``masked_figure`` finding. A value keeps the decimals its
            figure was written with ("2.00%": validate() checks it at 2 decimals, as read_csv's). A suspect
            figure (flag_suspect: an implausible 0 such as 派出0名专家, a 其中 part above its
            total) arrives as missing with the reason ``suspect_source`` and a ``suspect_figure``
            finding, unless ``keep_suspect=True`` takes it as stated (the finding says so then
            too). ``panel.findings`` lists what was left out and why, with the extraction's findings
            that cost the panel a value: a table row not read (``table_row``), the damage of a figure
            with a variable (``split_digits``…); not those about figures with no variable."""
            import pandas as pd

            _refuse_several_reports(self, entity)
            units, text = self.attrs.get("lexicon_units", {}), _text_of(self.attrs.get("text"))
            entities, findings = [], []
            for name, rows in _rows_by_entity(_panel_candidates(converted := self.in_lexicon_units()), entity).items():
                # an area's rows are its table's cells: no clause says whose they are
                records, why_missing, found, decimals = _chosen_values(
                    rows, period, keep_suspect, text if name == entity else "", name
                )
                entities.append((name, records, why_missing, decimals))
                findings += found
            findings += _change_findings(converted).get(None, [])
            findings += _forwarded_findings(self.attrs.get("findings"), _damaged_values(self), findings)
            panel = _panel_of(entities, units)
            panel.findings = pd.DataFrame(findings, columns=["kind", "begin", "end", "text", "message"])
            return panel

    Facts.__module__ = "zhibiao"
    return Facts


def _refuse_several_reports(facts: Any, entity: str) -> None:
    """to_panel makes one entity's panel: the figures of several reports (extract of a dict) put
    under one entity mixed them silently (甲县's applications over 乙县's approvals: a rate of
    neither)."""
    if "report" not in facts.columns:
        return
    reports = list(dict.fromkeys(facts["report"].tolist()))
    if len(reports) > 1:
        shown = ", ".join(map(str, reports[:5])) + (", …" if len(reports) > 5 else "")
        raise _core.ArgumentError(
            f"to_panel({entity!r}): these figures come from {len(reports)} reports ({shown}) and a panel of one "
            f"entity would mix them; zb.read_reports(texts) makes a panel with an entity per report, or take one "
            f"report's figures: facts[facts.report == {reports[0]!r}].to_panel({str(reports[0])!r})"
        )


def _panel_of(entities: list[_Entity], units: dict[str, str]) -> Any:
    """One Panel of the values of each entity (_chosen_values), a column per variable any of them has,
    each cell with the decimals its figure was written with (column::written_decimals: a report's
    "2.00%" is checked at 2 decimals, as read_csv's "2.00" is, and write_csv writes each figure so,
    not with the catalogue's decimals)."""
    import pandas as pd

    from ._panel import Panel

    variables = sorted({v for _, records, _, _ in entities for values in records.values() for v in values})
    # The grid filled from the values and reasons there are (a few per period), not looked up for
    # every variable of every period (most of them absent).
    column_of = {v: k for k, v in enumerate(variables)}
    rows = [(entity, when) for entity, records, _, _ in entities for when in records]
    grid = np.full((len(variables), len(rows)), np.nan)
    reasons = {v: [""] * len(rows) for v in variables}
    written = np.zeros((len(variables), len(rows)), dtype=np.uint8)
    row = 0
    for _, records, why, decimals in entities:
        row_of: dict[str, int] = {}
        for when, values in records.items():
            row_of[when] = row
            for v, x in values.items():
                grid[column_of[v], row] = x
            row += 1
        for (v, when), reason in why.items():
            if when in row_of:
                reasons[v][row_of[when]] = reason
        for (v, when), n in decimals.items():
            written[column_of[v], row_of[when]] = n
    wide = pd.DataFrame(
        {"entity": [e for e, _ in rows], "period": [w for _, w in rows], **dict(zip(variables, grid))} if rows else {},
        columns=["entity", "period", *variables],
    )
    if not rows:  # the grid's rows are float64 already: DataFrame.astype copied every column (a fifth of read_reports)
        wide = wide.astype({v: "float64" for v in variables})
    panel = Panel.from_pandas(
        wide,
        "entity",
        "period",
        units={v: units[v] for v in variables if units.get(v)},
        variables=variables,
        reasons=reasons,
    )
    for v in variables:  # the panel's rows are the frame's, in its order; 0s too: "1.7" is written back as 1.7
        panel._core.set_written_decimals(v, written[column_of[v]])
    return panel


#: One entity of a report for _panel_of: its name, {period: {variable: value}}, the reason of each
#: missing cell and the written decimals of each cell that has some, both by (variable, period).
_Entity = tuple[Any, dict[str, dict[str, float]], dict[tuple[str, str], str], dict[tuple[str, str], int]]


#: The columns _chosen_values reads of a row (of Facts.in_lexicon_units).
PANEL_FIELDS = (
    "variable",
    "value",
    "value_converted",
    "unit",
    "unit_converted",
    "period",
    "text",
    "decimals",
    "phrase",
    "begin",
    "end",
    "level",
    "flag_change",
    "flag_target",
    "flag_part",
    "flag_estimate",
    "flag_start",
    "flag_since",
    "flag_lower_bound",
    "flag_upper_bound",
    "flag_range",
    "flag_approximate",
    "flag_out_of_range",
    "flag_damaged",
    "flag_masked",
    "flag_suspect",
    "flag_unit_implied",
    "flag_prior_year",
    "clause_begin",
    "entity",
)


def _panel_candidates(converted: Any, more: tuple[str, ...] = ()) -> list[Any]:
    """The rows of `converted` that _chosen_values can use (a variable, not a change: it passes
    over the others without a word), with only the columns it reads, in table order: named tuples
    made from each column's list of the rows kept (DataFrame.itertuples copied the table first and
    read each cell of a Categorical alone: a fifth of read_reports' time, round 36)."""
    fields = more + PANEL_FIELDS
    row_type: Any = _ROW_TYPES.get(fields)
    if row_type is None:
        row_type = _ROW_TYPES[fields] = collections.namedtuple("Row", fields)
    keep = (converted["variable"] != "").to_numpy(dtype=bool) & ~converted["flag_change"].to_numpy(dtype=bool)
    at = np.flatnonzero(keep)
    columns = [converted[name].take(at).tolist() for name in fields]
    return list(map(row_type._make, zip(*columns)))


def _change_findings(converted: Any, by: str | None = None) -> dict[Any, list[dict[str, Any]]]:
    """A ``not_a_level`` finding for each change with a variable (增长8.5%, 提高1.2个百分点: flag_change) of
    `converted` (Facts.in_lexicon_units), which _panel_candidates passes over: no level of its period, left
    out of the panel with a word (round 38). Keyed by the column `by` (read_reports: "report"), else None."""
    at = np.flatnonzero(
        (converted["variable"] != "").to_numpy(dtype=bool) & converted["flag_change"].to_numpy(dtype=bool)
    )
    out: dict[Any, list[dict[str, Any]]] = {}
    if len(at) == 0:
        return out
    keys = converted[by].take(at).tolist() if by else [None] * len(at)
    columns = [converted[name].take(at).tolist() for name in ("variable", "begin", "end", "text")]
    for key, variable, begin, end, text in zip(keys, *columns):
        message = f"{variable}: a change (增长…, 提高…个百分点), not a level of its period"
        out.setdefault(key, []).append(
            {"kind": "not_a_level", "begin": begin, "end": end, "text": text, "message": message}
        )
    return out


#: The row type of each set of fields _panel_candidates is asked for.
_ROW_TYPES: dict[tuple[str, ...], Any] = {}


def _rows_by_entity(rows: Any, entity: str) -> dict[str, list[Any]]:
    """The rows of each entity, `entity` (the report's own: the rows whose ``entity`` is "" — prose
    and a table's 合计/全市 row — or names it) first, then each area of a table with a row per area
    (青山县, 白水县) in the order the text names them."""
    by_entity: dict[str, list[Any]] = {entity: []}
    for row in rows:
        by_entity.setdefault(row.entity or entity, []).append(row)
    return by_entity


def _area_entities(
    areas: dict[str, list[Any]], seen: set[str], period: str | None, keep_suspect: bool
) -> tuple[list[_Entity], list[dict[str, Any]]]:
    """The entities of a report's tables by area for read_reports, as to_panel gives them, and their
    findings; an area another report or entity of the batch already gave (`seen`) is left out, each
    cell with an ``area_row`` finding: two reports' figures are never mixed in one entity."""
    entities, findings = [], []
    for name, rows in areas.items():
        if name in seen:
            findings += [
                {
                    "kind": "area_row",
                    "begin": row.begin,
                    "end": row.end,
                    "text": row.text,
                    "message": f"{row.variable} of {name} (a row of a table by area): {name} is an entity of "
                    "another report of the batch already: left out",
                }
                for row in rows
            ]
            continue
        seen.add(name)
        records, why_missing, found, decimals = _chosen_values(rows, period, keep_suspect, "", name)
        entities.append((name, records, why_missing, decimals))
        findings += found
    return entities, findings


def _chosen_values(
    rows: Any, period: str | None, keep_suspect: bool, text: str = "", entity: str = ""
) -> tuple[dict[str, dict[str, float]], dict[tuple[str, str], str], list[dict[str, Any]], dict[tuple[str, str], int]]:
    """The values of one report for a panel, from the rows of its facts in lexicon units
    (Facts.in_lexicon_units): {period: {variable: value}}, the reason of each missing one, the
    findings of what was left out and why (Facts.to_panel says the rules), and the written decimals
    of each value that has some (_written_decimals). `text` is the
    report's (the clause before each figure says whose figure it is: _whose), `entity` its own."""
    findings: list[dict[str, Any]] = []
    chosen: dict[tuple[str, str], Any] = {}
    whose: dict[tuple[str, str], int | None] = {}
    own_only = _leaves_out_other_areas(entity)  # once, not per figure
    for row in rows:
        if not row.variable or row.flag_change:
            continue
        left_out = _left_out_by_flag(row) or _not_a_panel_value(row)
        if left_out:
            kind, message = left_out
            findings.append({"kind": kind, "begin": row.begin, "end": row.end, "text": row.text, "message": message})
            continue
        when = row.period or _period_of_unstated_year(row, text, period)
        if not when:
            raise _core.ParseError(f"the figure '{row.text}' ({row.variable}) has no period in the text: pass period=")
        key = (row.variable, when)
        rank = 2 if row.flag_damaged or row.flag_masked else 1 if row.flag_suspect else 0
        scope = _whose(text[row.clause_begin : row.begin], entity, row.phrase) if text else None
        if scope is None and text and own_only:
            scope = 0  # naming no area in the report of a county (a city…): the report's own
        if scope in (1, 3) and own_only:
            # before choosing between duplicates: no finding may say a figure was kept that is left out
            findings.append(_other_area_finding(row, when, text, entity))
            continue
        if key in chosen:
            kept = chosen[key]
            kept_scope = whose[key]
            if scope is not None and kept_scope is not None and min(scope, 2) != min(kept_scope, 2):
                keep_new = scope < kept_scope  # a whole's figure over a part's (a zone's or a town's alike)
                why = _WHOSE_REASONS[min(scope, kept_scope)]
            else:
                keep_new = rank < kept[0]
                why = "the first sound figure"
            dropped = kept[1] if keep_new else row
            findings.append(
                {
                    "kind": "duplicate_figure",
                    "begin": dropped.begin,
                    "end": dropped.end,
                    "text": dropped.text,
                    "message": f"{row.variable} {when}: stated twice; kept "
                    f"'{(row if keep_new else kept[1]).text}' ({why}), left out '{dropped.text}'",
                }
            )
            if not keep_new:
                continue
        chosen[key], whose[key] = (rank, row), scope
    records, why_missing = _records_of(chosen, keep_suspect, findings)
    decimals = {key: n for key, (rank, row) in chosen.items() if rank == 0 and (n := _written_decimals(row))}
    return records, why_missing, findings, decimals


def _written_decimals(row: Any) -> int:
    """The decimals a figure was written with where they are more than its value's shortest form
    shows (the ``decimals`` column of zb.extract, from the C++ figure_decimals that read_csv's
    cells share: "2.00%" → 2, "1.70" → 2, "60.0%" → 1); 0 for a value not the number written
    (converted: 1.20万件 is 12000 件)."""
    if row.value != row.value_converted or (row.value == 0 and row.unit and row.unit != row.unit_converted):
        return 0
    return int(row.decimals)


#: Level words of an administrative area, the last code point of an entity's name (青石县).
_LEVELS = "县市区省州旗"
#: A date opening a clause (2025年上半年，…), before whose figure the clause says it is.
_DATE_OPENING = r"^\s*(?:[0-9〇一二三四五六七八九十]{2,4}年[上下半全年前三季度第一二四0-9月份底末以来，,]*)?(?:其中)?"
#: 全市, 我县, 本区 opening the clause (after a date, 其中): whose the figure is. Not inside it: 获全省科技进步奖,
#: 在全市率先…, 高于全市平均水平 are the county's own figures.
_WHOLE = re.compile(_DATE_OPENING + f"([全我本])([{_LEVELS}])")
#: Zones inside an area (高新区, 经开区, 工业园, 示范区, 管委会…): a part of it, as a 镇 is, named alone too.
_ZONES = "经开区|高新区|开发区|园区|工业园|产业园|科技园|示范区|试验区|实验区|片区|集聚区|合作区|功能区|保税区|自贸区|核心区|管委会"
#: A part of the area opening its clause (after a date): 青石镇…, 经济开发区…, 高新区…, not 各乡镇 nor 城乡….
_PART = re.compile(
    _DATE_OPENING
    # a verb opening the clause names what was done, not a part (新增特色小镇2个, 建成省级农业科技园区3个)
    + r"(?!新增|新建|新认定|创建|建成|建设|培育|认定|获批|申报|组织|开展|推动|打造|引进|实施|获得|争创|入选)"
    + rf"(?![全各我本城])((?:[\u4e00-\u9fff]{{1,8}}?(?:镇|乡|街道|{_ZONES})|{_ZONES}))(?![村镇])"
)
#: A part the C++ reader would call a region of its own (镇, 乡, 街道), not a zone of the area.
_REGION_PART = re.compile("(?:镇|乡|街道)$")
#: The nation or the world opening a clause (after a date), not as a title or a rank of the area's own
#: (全国重点实验室5家, 全国首个…, 全国百强县), nor 世界 (世界500强企业3家). Whether it names another whole
#: than the report's area: _nation.
_NATION = re.compile(_DATE_OPENING + "(全国|全球)(?!重点|首|第|百强|性|示范|文明|先进|优秀|科技进步|创新型|一流|领先|前列|排名|[0-9])")
#: Words after 全国 saying the nation's own total or mean (全国共有…, 全国平均…, 全国范围内…, 全国的…).
_NATION_ITSELF = re.compile("共|累计|平均|合计|总计|总体|整体|范围内|的")
#: What may stand between the fact's phrase and its figure when the phrase counts the nation's own
#: (全国高新技术企业数量达到46万家), not a programme of the nation's the area's figure is in
#: (全国科技型中小企业评价入库企业达到120家).
_LINK_WORDS = "总数 数量 总量 总额 规模 已经 已 共 累计 合计 总计 首次 达到 达 为 是 有 超过 突破 逾 近 约 增至 升至 增加到 增长到 提高到 上升到 了"
_LINK_TO_FIGURE = re.compile(rf"(?:{'|'.join(_LINK_WORDS.split())}|[\s，,：:])*")
#: A zone's own word for itself opening a clause (园区, 本园区, 我区, 高新区…) in a zone's report.
_OWN_ZONE = re.compile(_DATE_OPENING + rf"[本我]?(?:{_ZONES})(?![村镇])")
_ZONE_NAME = re.compile(rf"(?:{_ZONES})$")
_WHOSE_REASONS = ("stated for the report's own entity", "stated for the whole, not a part")


def _text_of(text: Any) -> str:
    """A report's decoded text as the facts keep it; "" where there is none (a table built by
    hand): then no clause says whose a figure is, and the first sound one wins."""
    return text if isinstance(text, str) else ""


def _nation(clause: str, phrase: str) -> re.Match[str] | None:
    """全国/全球 opening the clause before a figure (after a date) where they name another whole than
    the report's area, as 全市 is in a county's report (全国研发投入强度2.68% in a province's report):
    followed directly by the fact's `phrase` and then the figure (_LINK_TO_FIGURE), by a word of the
    nation's own total (_NATION_ITSELF), or by …的 before the phrase. Otherwise a national programme or
    title (全国科技型中小企业评价入库企业120家, 全国农业科技园区) the area's own figure is of."""
    nation = _NATION.match(clause)
    if not nation:
        return None
    rest = clause[nation.end() :]
    if _NATION_ITSELF.match(rest):
        return nation
    at = rest.find(phrase) if phrase else -1
    if at == 0 and _LINK_TO_FIGURE.fullmatch(rest, len(phrase)):
        return nation
    return nation if at > 0 and rest[:at].endswith("的") else None


def _whose(clause: str, entity: str, phrase: str = "") -> int | None:
    """Whose figure the clause before it says it is: 0 the report's own entity (我县, 本县, or 全 and
    the level word of `entity`: 全县 in 青石县's report; a zone or town naming the entity itself: 青山经开区
    in 青山经开区's report), 1 another whole (全市 in a county's report; 全国 before the fact's `phrase`:
    _nation), 2 a zone of the area (高新区, 经开区, 工业园… named first), 3 a town or sub-district (镇,
    乡, 街道: 龙湖街道 in 龙湖区's report too, whatever its stem); None when it names none. Of two figures
    for one variable and period, the lower wins where both say (to_panel)."""
    own = entity[-1:] if entity[-1:] in _LEVELS else ""
    if _nation(clause, phrase):
        return 1
    if _ZONE_NAME.search(entity) and _OWN_ZONE.match(clause):
        return 0  # 园区… in 青山高新区's report: the zone itself, not a zone of the area
    if whole := _WHOLE.match(clause):
        who, level = whole.groups()
        return 0 if who in "我本" or level == own else 1
    part = _PART.search(clause)
    name = part.group(1) if part else ""
    if not name or "乡镇" in name:  # 乡镇企业…, 新增乡镇…: towns in general, none named
        return None
    if entity and (name == entity or entity.endswith(name)):
        return 0
    return 3 if _REGION_PART.search(name) else 2


def _leaves_out_other_areas(entity: str) -> bool:
    """Whether `entity`'s name ends with a level word (青石县): only then can 全县 be told from 全市,
    and a figure naming no area be the report's own (not for a bare level word, 县, which names none)."""
    return len(entity) >= 2 and entity[-1:] in _LEVELS


def _other_area_finding(row: Any, when: str, text: str, entity: str) -> dict[str, Any]:
    """The `other_area` finding of a figure stated for another whole than the report's entity (全市
    in 青石县's report: the city's 80 is never the county's; 全国 before the fact's phrase, _nation) or
    for a town or sub-district only (龙湖街道 in 龙湖区's report: a part's figure is never the whole's).
    Only where the entity's name ends with a level word (_leaves_out_other_areas): else 全县 and 全市
    cannot be told apart from its own. A zone's figure alone stays (docs/reports.md: a zone is no
    region of its own)."""
    clause = text[row.clause_begin : row.begin]
    whole = _nation(clause, row.phrase) or _WHOLE.match(clause)  # another whole opens the clause, else a town
    part = None if whole else _PART.search(clause)
    area = whole.group(0)[-2:] if whole else f"{part.group(1)}, a part of {entity}" if part else "another area"
    return {
        "kind": "other_area",
        "begin": row.begin,
        "end": row.end,
        "text": row.text,
        "message": f"{row.variable} {when}: '{row.text}' is stated for {area}, not for {entity} (the report's "
        "entity): left out",
    }


#: Flags of a figure that is no value of its period whatever its digits (_left_out_by_flag).
_NO_VALUE_FLAGS = ("flag_change", "flag_target", "flag_part", "flag_estimate", "flag_start", "flag_since")


def _damaged_values(facts: Any) -> Any:
    """The damaged figures of `facts` that would have been panel values: a variable, a level."""
    could = (facts["variable"] != "").to_numpy(dtype=bool) & facts["flag_damaged"].to_numpy(dtype=bool)
    for flag in _NO_VALUE_FLAGS:
        could &= ~facts[flag].to_numpy(dtype=bool)
    return facts[could]


def _forwarded_findings(extracted: Any, damaged: Any, said: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings of `extract` about figures that could have been panel values: a table row whose
    columns could not be read (its figures got no variable), and the damage of each of the `damaged`
    figures (_damaged_values: missing as damaged_source in the panel) that no finding `said` already
    names (a damaged duplicate left out for a sound figure). Not the damage of figures that name no
    variable (it would flood the panel's findings with numbers no panel has), nor the suspect figures
    (to_panel's suspect_figure findings say those), nor lost list numbers or references."""
    if extracted is None or len(extracted) == 0:
        return []
    named = {f["begin"] for f in said}
    if isinstance(damaged, dict):  # read_reports: {begin: variable} of the report, made once for the batch
        variable_at = damaged
    else:
        variable_at = {} if damaged is None else dict(zip(damaged["begin"], damaged["variable"].astype(str)))
    forwarded = []
    for f in extracted if isinstance(extracted, list) else extracted.itertuples():
        if f.kind == "table_row":
            message = f"{f.message}: none of them enters the panel"
        elif f.kind == "table_column":  # a column of a table by area left, its row read (round 38)
            message = f"{f.message}: none of its cells enters the panel"
        elif (
            f.begin in variable_at and f.begin not in named and f.kind not in ("implausible_zero", "inconsistent_parts")
        ):
            message = f"{variable_at[f.begin]}: {f.message}: missing with reason damaged_source"
        else:
            continue
        forwarded.append({"kind": f.kind, "begin": f.begin, "end": f.end, "text": f.text, "message": message})
    return forwarded


def _left_out_by_flag(row: Any) -> tuple[str, str] | None:
    """(finding kind, message) when a figure's flags say it is no value of its period (a target,
    a part, an estimate, a level a change starts from, a total since a year), else None."""
    if row.flag_target:  # a target or a plan (力争…, 全年目标…): not what was achieved
        return "target", f"{row.variable}: a target or a plan, not an actual figure"
    if row.flag_part:  # 其中省级项目6项: a part by level, not the variable's total
        return "part", f"{row.variable}: a part ({row.level}) of the figure before 其中, not its total"
    if row.flag_estimate:  # 预计全年完成… in a report of the year: not the figure as counted
        return "estimate", f"{row.variable}: an estimate (预计…) of the year's figure, not the figure counted"
    if row.flag_start:  # 由1.0亿元增加到1.2亿元: the level before, not the period's
        return "start_level", f"{row.variable}: the level a change starts from (由…增加到…), not the period's level"
    if row.flag_since:  # 2021年以来累计…: several years, no period of the panel
        return "since", f"{row.variable}: a total over several years (…以来), not one period's figure"
    return None


def _records_of(
    chosen: Mapping[tuple[str, str], Any], keep_suspect: bool, findings: list[dict[str, Any]]
) -> tuple[dict[str, dict[str, float]], dict[tuple[str, str], str]]:
    """{period: {variable: value}} of the chosen figures and the reason of each missing one (a
    damaged figure, or a suspect one unless kept); a finding for each suspect figure."""
    records: dict[str, dict[str, float]] = {}
    why_missing: dict[tuple[str, str], str] = {}
    for (variable, when), (rank, row) in chosen.items():
        missing = rank == 2 or (rank == 1 and not keep_suspect)
        records.setdefault(when, {})[variable] = float("nan") if missing else row.value_converted
        if missing:
            why_missing[(variable, when)] = "damaged_source" if rank == 2 else "suspect_source"
        if rank == 2 and row.flag_masked and not row.flag_damaged:
            # the extraction has no finding of a masked figure (its flag says it): the panel's gap is said
            findings.append(
                {
                    "kind": "masked_figure",
                    "begin": row.begin,
                    "end": row.end,
                    "text": row.text,
                    "message": f"{variable} {when}: '{row.text}' is masked (digits hidden in the source): missing "
                    "with reason damaged_source",
                }
            )
        if rank == 1:
            findings.append(
                {
                    "kind": "suspect_figure",
                    "begin": row.begin,
                    "end": row.end,
                    "text": row.text,
                    "message": f"{variable} {when}: '{row.text}' is flagged suspect (see the extraction's "
                    + (
                        "findings); kept as stated (keep_suspect=True)"
                        if keep_suspect
                        else "findings); missing with reason suspect_source (keep_suspect=True keeps it)"
                    ),
                }
            )
    return records, why_missing


def _not_a_panel_value(row: Any) -> tuple[str, str] | None:
    """(finding kind, message) when a figure cannot enter a panel as a value, else None."""
    if row.flag_lower_bound or row.flag_upper_bound or row.flag_range:
        return "not_a_level", f"{row.variable}: a bound or a range, not a value"
    if row.flag_approximate:
        return "approximate", f"{row.variable}: approximate, not an exact value"
    if row.flag_out_of_range:
        return "out_of_range", _out_of_range_message(row)
    if row.value_converted != row.value_converted and not row.flag_damaged and not row.flag_masked:
        if not row.unit and not row.flag_unit_implied:
            return "no_unit", f"{row.variable}: an amount with no unit, its scale unknown (元, 万元 or 亿元?)"
        return "unit_mismatch", f"{row.variable}: {row.unit} does not convert to {row.unit_converted or 'its unit'}"
    return None


def _out_of_range_message(row: Any) -> str:
    """Why a figure with no value is none: more than 15 significant digits (an identifier such as a
    16-digit registration number, or damage: a double would round it) — beyond a double only when
    it is (a figure of 400 digits)."""
    digits = sum(c.isdigit() for c in row.text)
    if digits < 309:
        return (
            f"{row.variable}: '{row.text}' has more than 15 significant digits (a double would round it): an "
            "identifier or damaged digits, not a count"
        )
    return f"{row.variable}: '{row.text}' is beyond the range of a double (about 1.8e308)"


def _conversion(row: Any, units: Mapping[str, str]) -> tuple[float | None, str]:
    """(factor, unit_converted) of a figure for Facts.in_lexicon_units: None when it does not convert."""
    target = units.get(row.variable, "")
    factor = _factor(row.unit, target) if row.variable and not row.flag_change and not row.flag_unit_implied else None
    if row.variable and not row.flag_change and (row.flag_unit_implied or not row.unit or not target):
        factor = None if not row.unit and _scaled_unit(target) and not row.flag_unit_implied else 1.0
    return factor, (target if factor is not None and target else (row.unit if factor is not None else ""))


def _scaled_unit(unit: str) -> bool:
    """Whether a figure of a variable in `unit` means nothing without its written unit: amounts
    (元, 万元, 亿元) and scaled counts (万人), where 8600 may be any of them. A count (件, 项, 家, 人)
    or a rate (%) without its measure word is taken in its usual unit."""
    return "元" in unit or unit[:1] in ("万", "亿", "千", "百")


#: A part of a year opening a clause with no year number (今年前三季度，…, 上半年, 去年同期 after it):
#: no title gave the reader the year, so the figure came with no period (trial33 07).
_UNSTATED_YEAR_PART = re.compile(
    r"(?:^|[，,；;：:。！？!?\s])(?:今年|本年|去年|上年)?(前三季度|上半年|下半年|第?[一二三四]季度|1\s*[-－~至到]\s*(1[0-2]|[2-9])月(?:份)?)"
)
_QUARTERS = {"一": "Q1", "二": "Q2", "三": "Q3", "四": "Q4"}


def _period_of_unstated_year(row: Any, text: str, period: str | None) -> str | None:
    """The period of a figure the reader gave none: `period` (the year before it for a figure about
    the year before), with the part of the year that governs it (_governing_part: 今年前三季度 with
    period="2025": 2025YTD09, 去年同期 after it 2024YTD09), never the whole year for a part of it."""
    year = _prior_year(period) if row.flag_prior_year else period
    if not text or year is None or not re.fullmatch(r"[0-9]{4}", year):
        return year
    governing = _governing_part(row, text)
    if governing is None:
        return year
    part, months = governing.groups()
    if months:
        return str(_core.Period(f"{year}年1-{months}月"))
    if part.endswith("季度") and part != "前三季度":
        return year + _QUARTERS[part[-3]]
    return year + {"前三季度": "YTD09", "上半年": "H1", "下半年": "H2"}[part]


#: The whole year named after a part of it (上半年…，全年新增50家; 年末, 年底, 全年累计): the figure is the year's.
_WHOLE_YEAR = re.compile("全年|年末|年底")


def _governing_part(row: Any, text: str) -> re.Match[str] | None:
    """The part of a year (_UNSTATED_YEAR_PART) a figure with no period is of: the last one named in
    the figure's own clause (or in a clause of the date alone just before it: 今年上半年，), else one
    opening its sentence; either only when no 全年/年末/年底 stands between it and the figure. None
    when none governs: the figure is the whole year's (上半年各项工作有序推进，全年新增50家)."""
    start = max(text.rfind(stop, 0, row.begin) for stop in "。！？!?\n") + 1
    parts = list(_UNSTATED_YEAR_PART.finditer(text, max(start - 1, 0), row.begin))
    if not parts:
        return None
    clause_begin = max(row.clause_begin, start)
    last, first = parts[-1], parts[0]
    own = last.end() > clause_begin or not text[last.end() : clause_begin].strip(" \t，,：:")
    opening = first.start() <= start
    for part in ([last] if own else []) + ([first] if opening else []):
        if not _WHOLE_YEAR.search(text, part.end(), row.begin):
            return part
    return None


def _prior_year(period: str | None) -> str | None:
    """The same period a year earlier (2024H1 → 2023H1); None for None."""
    return None if period is None else str(_core.Period(period).prior_year())


def _times_exactly(values: np.ndarray, factors: np.ndarray) -> np.ndarray:
    """values × factors, where a factor is a power of ten, as the written decimal gives it: 1.36 (亿元)
    × 10⁴ is 13600 万元, where a binary multiply gives 13600.000000000002 (1.36 is held as
    1.3600000000000001) and 13600万元 due against 1.36亿元 paid would read as more paid than due. A
    value's decimals are the fewest (at most 15) that give it back, as repr finds them; other
    factors, and values of more digits, multiply as they are."""
    with np.errstate(all="ignore"):
        out = values * factors
        exponent = np.round(np.log10(np.abs(factors)))
        power = np.isfinite(exponent) & (np.abs(factors / 10.0**exponent - 1) < 1e-12) & (np.abs(exponent) <= 22)
        decimals = np.full(values.shape, -1)
        digits = np.zeros(values.shape)
        for d in range(16):
            whole = np.round(values * 10.0**d)
            fits = (decimals < 0) & (np.abs(whole) < 2.0**53) & (whole / 10.0**d == values)
            decimals[fits], digits[fits] = d, whole[fits]
        exact = power & (decimals >= 0) & np.isfinite(values)
        shift = np.where(exact, exponent - decimals, 0)
        scaled = np.where(shift >= 0, digits * 10.0 ** np.abs(shift), digits / 10.0 ** np.abs(shift))
        return np.where(exact & (np.abs(shift) <= 22), scaled, out)


def _factor(written: str, target: str) -> float | None:
    """The factor from `written` to `target`; None when they do not convert. 名 and 位 count
    people as 人 does (专家20名, 1.2万名 as 1.2万人), 份 counts as 项 (技术合同46份), 场次 and 场 count
    events as 次 does (科普活动120场次: the lexicon's counted_in), as the extractor binds them."""
    for word, counted in (("名", "人"), ("位", "人"), ("份", "项"), ("场次", "次"), ("场", "次")):
        if written.endswith(word):
            written = written[: -len(word)] + counted
            break
    try:
        return float(_core.Unit(written).convert(np.array([1.0]), _core.Unit(target))[0])
    except (_core.Error, TypeError, ValueError):
        return None


@checked_keywords
def read_report(
    text: str | bytes,
    entity: str,
    period: str | None = None,
    lexicon: str | Path | None = None,
    *,
    keep_suspect: bool = False,
) -> Any:
    """`extract(text).to_panel(entity, period, keep_suspect=keep_suspect)`: a report's figures as
    a Panel. `entity` names the report's own area: a clause its name opens ("2024年，青山县专利授权量
    386件" in 青山县's report) is the report's own, as 本县 would say (own_area_read)."""
    facts = own_area_read(extract(text, lexicon), lexicon, entity)
    return facts.to_panel(entity, period, keep_suspect=keep_suspect)


def own_area_read(facts: Any, lexicon: str | Path | None, entity: str) -> Any:
    """`facts` of the report of `entity`, read again where the entity's own name opens a clause. The
    reader, which is not told the entity, takes an area's name opening a clause for another region and
    leaves its figures with no variable; where that name is the entity's own (a 简报 item
    "青山县专利授权量386件"), the text (decoded, for bytes) is read again with the name written as 本县
    (a replacement of the same length in characters: offsets stay), the text as given kept in attrs.
    read_report, read_reports and the CLI's extract --panel all read a report's panel through it."""
    text = facts.attrs.get("text")
    if not isinstance(text, str) or not _leaves_out_other_areas(entity) or entity not in text:
        return facts
    if not re.fullmatch(r"[\u4e00-\u9fff]+", entity):  # three UTF-8 bytes each, as 本县 and a blank
        return facts
    opening = re.compile(_DATE_OPENING + re.escape(entity))
    starts = sorted(
        {
            row.clause_begin + match.end() - len(entity)
            for row in facts.itertuples(index=False)
            if row.flag_no_variable and (match := opening.match(text[row.clause_begin : row.begin]))
        }
    )
    if not starts:
        return facts
    own = "本" + entity[-1] + "\u3000" * (len(entity) - 2)
    masked = text
    for start in starts:
        masked = masked[:start] + own + masked[start + len(entity) :]
    again = extract(masked, lexicon)
    for key in ("text", "encoding", "invalid_bytes", "invalid_byte_offsets"):
        if key in facts.attrs:
            again.attrs[key] = facts.attrs[key]
    return again


@checked_keywords
def read_reports(
    texts: Any,
    period: str | None = None,
    lexicon: str | Path | None = None,
    *,
    keep_suspect: bool = False,
    threads: int = 0,
) -> Any:
    """Many reports as one Panel: ``texts`` a dict ``{entity: text}`` or a pandas Series (labels:
    the entities) of str or bytes, read at once on ``threads`` threads (0: every core) by
    `extract`; each report's figures enter the panel as `read_report` puts them (Facts.to_panel:
    the same rules, the same `period` for figures without one). ``panel.findings`` lists what was
    left out of every report, an ``entity`` column first; a report with no figure for the panel
    is a ``no_figures`` finding (and, with `period`, a row of missing values)."""
    import itertools

    import pandas as pd

    if isinstance(texts, (str, bytes, bytearray, memoryview)):
        raise ArgumentTypeError(
            "read_reports: texts must be many reports ({entity: text}), not one; for one: read_report(text, entity)"
        )
    if isinstance(texts, (list, tuple)):
        raise ArgumentTypeError(
            "read_reports: texts must name the entity of each report: a dict {entity: text} or a pandas Series, "
            f"not a {type(texts).__name__}"
        )
    _check_threads(threads)
    lexicon_toml = read_limited(lexicon, MAX_LEXICON_BYTES, "lexicon") if lexicon is not None else None
    source = str(lexicon) if lexicon is not None else "<lexicon>"
    facts = _extract_many(texts, lexicon_toml, source, False, threads, "read_reports")
    keys = list(facts.attrs["text"])
    own_reads = _own_area_reads(facts, keys, lexicon)
    converted = facts.in_lexicon_units()
    rows = _panel_candidates(converted, ("report",))
    changes = _change_findings(converted, "report")
    by_entity = {key: list(rows) for key, rows in itertools.groupby(rows, key=lambda row: row.report)}
    # Each report's findings and damaged figures, in one pass over the batch's (not a DataFrame a report)
    extracted: dict[Any, list[Any]] = {}
    for f in facts.attrs["findings"].itertuples(index=False):
        extracted.setdefault(f.report, []).append(f)
    damaged: dict[Any, dict[Any, str]] = {}
    spoilt = _damaged_values(facts)
    for report, begin, variable in zip(spoilt["report"], spoilt["begin"], spoilt["variable"].astype(str)):
        damaged.setdefault(report, {})[begin] = variable
    entities, findings = [], []
    seen = {str(key) for key in keys}  # the entities of the batch: an area of a table is one only once
    areas_of: list[Any] = []
    for key in keys:
        own = own_reads.get(key)  # its own name opening a clause: read again (own_area_read), as read_report
        try:
            areas = _rows_by_entity(
                by_entity.get(key, []) if own is None else list(_panel_candidates(own.in_lexicon_units())), str(key)
            )
            records, why_missing, found, decimals = _chosen_values(
                areas.pop(str(key)),
                period,
                keep_suspect,
                _text_of(facts.attrs["text"].get(key)),
                str(key),
            )
            area_entities, area_found = _area_entities(areas, seen, period, keep_suspect)
        except _core.ParseError as e:
            raise _core.ParseError(f"report {key!r}: {e}") from None
        found += area_found
        if own is None:
            found += changes.get(key, [])
            found += _forwarded_findings(extracted.get(key), damaged.get(key), found)
        else:
            found += _change_findings(own.in_lexicon_units()).get(None, [])
            found += _forwarded_findings(own.attrs["findings"], _damaged_values(own), found)
        if not records:
            found.append(
                {
                    "kind": "no_figures",
                    "begin": 0,
                    "end": 0,
                    "text": "",
                    "message": "no figure of the report enters the panel",
                }
            )
            if period is not None:
                records = {period: {}}
        entities.append((key, records, why_missing, decimals))
        areas_of += area_entities
        findings += [{"entity": key, **f} for f in found]
    panel = _panel_of(entities + areas_of, facts.attrs["lexicon_units"])
    panel.findings = pd.DataFrame(findings, columns=["entity", "kind", "begin", "end", "text", "message"])
    return panel


def _own_area_reads(facts: Any, keys: list[Any], lexicon: str | Path | None) -> dict[Any, Any]:
    """The reports of a read_reports batch that own_area_read reads again, each as its own Facts: only
    those whose text holds their entity's name, read one at a time."""
    texts = facts.attrs["text"]
    out = {}
    for key in keys:
        text = _text_of(texts.get(key))
        if not isinstance(key, str) or not text or key not in text:
            continue
        part = facts[(facts["report"] == key).to_numpy(dtype=bool)].drop(columns="report").reset_index(drop=True)
        part.attrs = {"text": text, "findings": _findings_of(facts.attrs["findings"], key)}
        again = own_area_read(part, lexicon, key)
        if again is not part:
            out[key] = again
    return out


def _findings_of(findings: Any, key: Any) -> Any:
    return findings[(findings["report"] == key).to_numpy(dtype=bool)].drop(columns="report")


@checked_keywords
def read_report_file(path: str | Path, lexicon: str | Path | None = None) -> Any:
    """`extract` on a report file's bytes (encoding detected), refusing what is not a regular
    file of at most MAX_REPORT_BYTES."""
    return extract(read_limited(path, MAX_REPORT_BYTES, "report"), lexicon)


@checked_keywords
def parse_chinese_number(text: str) -> float | None:
    """二十八 → 28.0, 贰佰贰拾柒点肆万 → 2274000.0; None if the text is not a Chinese numeral;
    zb.LimitError for a numeral beyond a double (一亿亿…亿), never inf; zb.ParseError for doubled
    numerals that are no numeral (两两, 一两, 十十), saying why."""
    value = _core.parse_chinese_number(text)
    return None if value is None else float(value)  # type: ignore[arg-type]
