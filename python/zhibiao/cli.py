"""The zhibiao command line.

Every FILE may be ``-`` for standard input. Results go to standard output unless ``--out FILE``
is given (``--out -`` is standard output too); messages, findings and progress go to standard
error (progress only when standard error is a terminal, never with ``--quiet``).

    zhibiao compute FILE [--ids ID ...] [--out FILE] [--reasons FILE | --no-reasons] [--lenient]
    zhibiao explain FILE INDICATOR ENTITY PERIOD [--lenient]
    zhibiao validate FILE [--rules TOML] [--out FILE] [--lenient]
    zhibiao rollup FILE [--to prefecture|province] [--partial-sums] [--also-sum VAR ...] [--out FILE]
    zhibiao composite FILE [--model NAME|TOML] [--unit COLUMN] [--period P] [--out FILE]
    zhibiao scorecard FILE [--pack NAME|TOML] [--gap] [--policy low|high|mid] [--year Y] [--out FILE]
    zhibiao extract FILE... [--lexicon TOML] [--threads N] [--table] [--out FILE]
    zhibiao extract FILE --panel --entity NAME [--period P] [--findings FILE] [--out FILE]
    zhibiao catalogue [ID] [--lang zh|en] [--out FILE]
    zhibiao demo [--data DIR] [--out DIR]

Exit status: 0 done; 1 done with findings (validate: data-quality findings; extract: bytes that
were not text; scorecard: rows of FILE not read, each scored invalid input); 2 bad input or usage
(the message names file, line and column where known).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import io
import itertools
import math
import os
import re
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import IO, Any, Callable, Iterable, Iterator, Mapping, Sequence, TextIO, cast

from . import _core
from ._catalogue import Catalogue, catalogue
from ._lang import _CLI_ZH, LANGUAGES, cli_message, cli_text, closest_lang, counted, environment_lang, unit_text
from ._reason_columns import HEAD_BYTES, SUFFIX, first_line, header_of, rollup_reasons, with_reason_columns
from ._panel import Panel, _is_period_text, load_rules, read_csv
from ._suggest import closest_name
from ._tables import WORKBOOK_SUFFIXES, write_csv

STDIO = "-"  # the file name meaning standard input (FILE) or standard output (--out)


def _sample_dir() -> Path:
    packaged = Path(str(resources.files("zhibiao"))) / "data"
    if (packaged / "city_report.csv").exists():
        return packaged
    return Path(__file__).resolve().parents[2] / "data" / "sample"  # running from a source tree


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, right: bool = False) -> str:
    fill = " " * max(0, width - _width(text))
    return fill + text if right else text + fill


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, its end marked with …, when it is wider."""
    if _width(text) <= width:
        return text
    kept, used = [], 0
    for c in text:
        w = _width(c)
        if used + w > width - 1:
            break
        kept.append(c)
        used += w
    return "".join(kept) + "…"


def _aligned(
    header: Sequence[str], rows: Iterable[Sequence[str]], most: Sequence[int | None], right: Sequence[int] = ()
) -> str:
    """A table for a terminal: each column as wide as its widest cell in terminal columns (CJK and
    full-width characters take two), at most ``most[i]`` (a wider cell is cut, ending with …; None:
    no limit), two blanks between columns; the last column is not padded."""
    every: list[list[str]] = [list(header), *(list(row) for row in rows)]
    cells = [[_fit(c, m) if m else c for c, m in zip(row, most)] for row in every]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(header))]
    last = len(header) - 1
    return "\n".join(
        "  ".join(c if i == last else _pad(c, widths[i], right=i in right) for i, c in enumerate(row)).rstrip()
        for row in cells
    )


def _format(value: float, decimals: int) -> str:
    from ._tables import round_half_away  # 四舍五入, as write_csv prints (f-strings round halves to even)

    return "—" if math.isnan(value) else f"{float(round_half_away(value, decimals)):,.{decimals}f}"


def _print_city_table(values: Any, reasons: Any, out: Any = sys.stdout) -> None:
    meta = catalogue().set_index("id")
    row = values.iloc[0]
    why = reasons.iloc[0]
    problems = values.attrs.get("problems", {})
    zh = max(_width(s) for s in meta.loc[list(values.columns), "name_zh"]) + 2
    en = max(_width(s) for s in meta.loc[list(values.columns), "name_en"]) + 2
    print(_pad("指标", zh) + _pad("Indicator", en) + _pad("value", 10, True) + "  " + _pad("unit", 10) + "note", file=out)
    print("-" * (zh + en + 50), file=out)
    for id_ in values.columns:
        m = meta.loc[id_]
        note = "" if not isinstance(why[id_], str) else problems.get(id_, why[id_]).splitlines()[0]
        print(
            _pad(m["name_zh"], zh)
            + _pad(m["name_en"], en)
            + _pad(_format(row[id_], int(m["decimals"])), 10, True)
            + "  "
            + _pad(m["unit"], 10)
            + note,
            file=out,
        )


def demo(data_dir: Path, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    city = read_csv(data_dir / "city_report.csv")
    values, reasons = city.compute(reasons=True)
    print(f"示例市 2025年上半年 — indicators from {data_dir / 'city_report.csv'}\n")
    _print_city_table(values, reasons)
    write_csv(values, out_dir / "city_indicators.csv")
    reasons.to_csv(out_dir / "city_reasons.csv")

    report = data_dir / "city_report_h1.txt"
    if report.exists():
        from ._extract import extract

        facts = extract(report.read_text(encoding="utf-8"))
        print(f"\nThe same report's text ({report.name}), read by the extractor:")
        print(_facts_table(facts))
        facts.to_csv(out_dir / "city_report_facts.csv", index=False)

    counties = read_csv(data_dir / "counties_synthetic.csv")
    values, reasons = counties.compute(reasons=True)
    write_csv(values, out_dir / "counties_indicators.csv")  # the catalogue's decimals, names beside codes
    reasons.to_csv(out_dir / "counties_reasons.csv")
    meta = catalogue().set_index("id")
    load_report = counties.report
    print(
        f"\n{len(counties)} county-years (SYNTHETIC, {len(counties.entities)} counties) from {data_dir / 'counties_synthetic.csv'}:"
        f" {counted(load_report['rows_loaded'], 'row')} loaded, {counted(load_report['cells_missing'], 'cell')} empty\n"
    )
    print(f"{'indicator':<28}{'unit':<10}{'present':>8}{'median':>12}{'min':>12}{'max':>12}  why missing")
    print("-" * 110)
    for id_ in values.columns:
        column = values[id_]
        counts = reasons[id_].value_counts()
        counts = counts[counts > 0]
        why = ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"
        d = int(meta.loc[id_, "decimals"])
        present = int(column.notna().sum())
        # an all-missing column has no statistics (numpy would warn "Mean of empty slice" at the user)
        stats = [_format(float(x), d) for x in (column.median(), column.min(), column.max())] if present else ["—"] * 3
        print(
            f"{id_:<28}{_pad(meta.loc[id_, 'unit'], 10)}{present:>8}{stats[0]:>12}{stats[1]:>12}{stats[2]:>12}  {why}"
        )
    latest = values.xs("2024", level="period")["invention_patents_per_10k"].sort_values(ascending=False).head(5)
    names = counties.entities.set_index("code")["name"]
    print("\nTop 5 counties by valid invention patents per 10,000 people, 2024:")
    for code, value in latest.items():
        print(f"  {code} {_pad(names[code], 16)} {value:8.2f} 件/万人")
    prefectures = counties.rollup("admin")
    per_10k = prefectures.compute("invention_patents_per_10k")["invention_patents_per_10k"].xs("2024", level="period")
    print("\nRolled up to prefectures (a ratio of sums, never a mean of county ratios), 2024, top 3:")
    for code, value in per_10k.sort_values(ascending=False).head(3).items():
        print(f"  {code} {value:8.2f} 件/万人")
    findings = counties.validate()
    print(
        f"\nData-quality checks: {counted(findings.attrs['rules_applied'], 'rule')} applied, "
        f"{counted(len(findings), 'finding')}"
    )
    for (rule, severity), count in findings.groupby(["rule", "severity"]).size().items():
        print(f"  {severity:<5} {rule:<36} {count:5d}")
    findings.to_csv(out_dir / "counties_findings.csv", index=False)
    _demo_index(data_dir, out_dir, values, counties)
    print(
        f"\nCSV written to {out_dir}/: city_indicators.csv, city_reasons.csv, counties_indicators.csv, "
        "city_report_facts.csv, counties_reasons.csv, counties_findings.csv, county_index_scores.csv, "
        "county_index_contributions.csv"
    )
    return 0


def _demo_index(data_dir: Path, out_dir: Path, values: Any, counties: Panel) -> None:
    from . import composite
    from ._tables import whole_ranks

    model = composite.Model.from_toml(str(data_dir / "county_index.toml"))
    year = values.xs("2024", level="period").copy()
    parents = counties.entities.set_index("code")["parent"]
    year["parent"] = parents.reindex(year.index).astype(str)  # the prefecture, the model's imputation group
    result = composite.build(year, None, model)
    root = result.root
    ranks = result.ranks[root]
    within = result.rank(within="parent", data=year)[root]
    names = counties.entities.set_index("code")["name"]
    print(f"\nComposite index '{model.name}', 2024 ({len(result.scores)} counties):")
    for line in result.summary().splitlines()[1:]:
        print(f"  {line}")
    print("  Top 5:")
    for code in ranks.sort_values().head(5).index:
        print(
            f"  {int(ranks[code]):3d}. {code} {_pad(names[code], 16)} {result.scores.loc[code, root]:6.1f}"
            f"   (input {result.scores.loc[code, 'input']:5.1f}, output {result.scores.loc[code, 'output']:5.1f};"
            f" #{int(within[code])} in its prefecture)"
        )
    t = result.treatment
    treated = ", ".join(
        f"{code} ({row.action}{f', {row.winsorised} points' if row.winsorised else ''})"
        for code, row in t[t["action"] != ""].iterrows()
    )
    imputed = counted(len(result.changed_cells("imputed")), "cell")
    print(f"  {imputed} imputed; outlier treatment: {treated or 'none needed'}")
    result.scores.assign(rank=whole_ranks(ranks), rank_in_prefecture=whole_ranks(within)).to_csv(
        out_dir / "county_index_scores.csv"
    )
    result.contributions.to_csv(out_dir / "county_index_contributions.csv")


def _flag_names(row: Any, columns: Sequence[str]) -> str:
    return ",".join(c[len("flag_") :] for c in columns if getattr(row, c))


def _facts_table(facts: Any) -> str:
    """The figures aligned for a terminal (extract --table): a cell wider than its column's limit
    is cut with …, the figure's text included (the CSV keeps it whole)."""
    flag_columns = [c for c in facts.columns if c.startswith("flag_")]
    rows = []
    for row in facts.itertuples():
        value = (
            "—" if row.value != row.value else f"{row.value:g}" + (f"–{row.high:g}" if row.high != row.value else "")
        )
        flags = _flag_names(row, flag_columns) + (f":{row.damage}" if getattr(row, "damage", "") else "")
        rows.append([row.variable or "(no variable)", value, row.unit, row.period, _one_line(row.text), flags])
    header = ["variable", "value", "unit", "period", "text", "flags"]
    return _aligned(header, rows, most=[40, 24, 12, 12, 24, None], right=[1])


def _one_line(text: str) -> str:
    """A figure split over a line break (2⏎41件) shown on one line of a table: the break as ⏎, as
    reports.md writes it, so that a row stays a row."""
    return text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")


# ------------------------------------------------------------------ standard streams


class _Messages:
    """Messages and progress on standard error; --quiet silences both (errors still show)."""

    quiet = False
    lang = "en"  # of the messages, as of the help

    @classmethod
    def say(cls, text: str) -> None:
        if not cls.quiet:
            print(text, file=sys.stderr)

    @classmethod
    def progress_wanted(cls) -> bool:
        return not cls.quiet and sys.stderr.isatty()


def _msg(key: str, **fields: Any) -> str:
    """A message in the language of the help (the words are in _lang.py), each text put in it on
    one line (_one_line: a break as ⏎): a figure split across lines of a report printed as written
    broke its finding in two lines. The data keeps its breaks."""
    if key != "error":  # an error's text is the library's, its cells quoted with line breaks escaped
        fields = {k: _one_line(v) if isinstance(v, str) else v for k, v in fields.items()}
    return cli_message(key, _Messages.lang, **fields)


@contextlib.contextmanager
def _progress_bar(what: str, unit: str, percent: bool = False) -> Iterator[Callable[[int, int], None] | None]:
    """A tqdm bar on stderr fed by the C++ progress reports of the calls inside the block (none
    when stderr is not a terminal, with --quiet, or without tqdm); the block gets its update
    function (or None), for calls that take a ``progress=`` callback instead."""
    from . import _progress

    update, close = None, None
    if _Messages.progress_wanted():
        try:
            update, close = _progress.bar(what, unit, file=sys.stderr, percent=percent)
        except ImportError:
            pass
    try:
        with _progress.reporting(update):
            yield update
    finally:
        if close is not None:
            close()


def _read(source: Any, **options: Any) -> Panel:
    """read_csv with a bar on stderr that advances as the file is parsed."""
    with _progress_bar(_msg("reading", source=_source_name(source)), "%", percent=True):
        return read_csv(source, **options)


def _read_file(source: Any, args: argparse.Namespace) -> Panel:
    """FILE as --entity, --period-column, --period-value, --sep and --decimal say. --period-value is
    the period of a file without a period column: given for a file with one (年份), read_csv would
    use the column and drop the value unsaid, so FILE is read without it first and that is refused."""
    reading = _reading(args)
    period_value = reading.pop("period_value", None)
    if period_value is None:
        return _read(source, lenient=args.lenient, **reading)
    if reading["period"]:
        raise _core.ArgumentError(cli_message("period_value_and_column", _Parser.lang, column=reading["period"]))
    try:
        panel = _read(source, lenient=args.lenient, **reading)
    except _core.ParseError as e:
        if "no period column" not in str(e):
            raise
        if hasattr(source, "seek"):
            source.seek(0)
        return _read(source, lenient=args.lenient, period_value=period_value, **reading)
    periods = ", ".join(map(str, list(panel.periods)[:3]))
    raise _core.ArgumentError(
        cli_message("period_value_with_period_column", _Parser.lang, source=_source_name(source), periods=periods)
    )


def _input(path: str) -> Any:
    """A path, or for ``-`` the bytes of standard input as a binary file named ``<stdin>``:
    read by the same CSV reader as files, errors name ``<stdin>``."""
    if path != STDIO:
        return path
    data = io.BytesIO(sys.stdin.buffer.read())
    data.name = "<stdin>"
    return data


def _source_name(source: Any) -> str:
    return str(getattr(source, "name", source))


@contextlib.contextmanager
def _output(out: str | None) -> Iterator[IO[str]]:
    """Standard output when ``out`` is None or ``-``, else the file (UTF-8). A workbook's name
    (.xlsx, .xls) is refused before anything is written: CSV text under it is a file Excel will
    not open as named."""
    if out is None or out == STDIO:
        with _naming_full_output(_msg("standard_output")):
            yield sys.stdout
            sys.stdout.flush()
        return
    if Path(out).suffix.lower() in (".xlsx", ".xlsm", ".xls"):
        raise _core.ArgumentError(
            f"{out}: a workbook's name, but this writes CSV: name the file .csv"
            " (compute writes a workbook with --format xlsx)"
        )
    with _naming_full_output(out), open(out, "w", encoding="utf-8", newline="") as f:
        yield f


#: Errors only a write gives (a full disk, a file too large, a quota): they come without a file name.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}


@contextlib.contextmanager
def _naming_full_output(place: str) -> Iterator[None]:
    """A full disk met while writing says where it was writing: "zhibiao: No space left on
    device" named neither the --out file nor standard output."""
    try:
        yield
    except OSError as e:
        if e.errno in _WRITE_ERRNOS and not e.filename:
            raise OSError(e.errno, e.strerror, place) from e
        raise


#: The options that write a table, by attribute: ``out`` is standard output when not given.
_WRITTEN = {
    "out": "--out",
    "reasons": "--reasons",
    "coverage": "--coverage",
    "sobol_out": "--sobol-out",
    "findings": "--findings",
}
#: The options that name a file read, by attribute (``--model`` and ``--parents`` may be a name instead).
_READ = {"file": "FILE", "model": "MODEL", "parents": "--parents", "rules": "--rules"}


def _check_paths(args: argparse.Namespace) -> None:
    """Refused before anything is read or written: two tables sent to one place (on standard output
    one after the other, which no CSV reader takes apart; in a file the second replaces the first),
    or an output that is one of the inputs (the raw sheet overwritten by its own results)."""
    if args.command == "demo":  # --out is the directory of many files
        return
    stdin = [what for attr, what in _READ.items() if getattr(args, attr, None) == STDIO]
    if len(stdin) > 1:  # the second read would find the first's end: "No columns to parse"
        raise _core.ArgumentError(
            f"standard input given twice ({' and '.join(stdin)} '-'): it can be read only once; save one to a file"
        )
    places: list[tuple[str, str]] = []
    for attr, flag in _WRITTEN.items():
        if hasattr(args, attr) and (getattr(args, attr) is not None or attr == "out"):
            place = getattr(args, attr) or STDIO
            place = STDIO if place in _STDOUT_NAMES else place
            for other_flag, other in places:
                if _same_place(place, other):
                    where = _msg("standard_output") if place == STDIO else place
                    raise _core.ArgumentError(_msg("same_output", first=other_flag, second=flag, where=where))
            places.append((flag, place))
    for attr, what in _READ.items():
        source = getattr(args, attr, None)
        if not isinstance(source, str) or source == STDIO or not os.path.isfile(source):
            continue
        for flag, place in places:
            if place != STDIO and os.path.exists(place) and os.path.samefile(place, source):
                raise _core.ArgumentError(_msg("output_is_input", flag=flag, where=place, what=what))


#: Standard output by another name: two tables sent to it and to '-' are on one stream.
_STDOUT_NAMES = ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")


def _same_place(a: str, b: str) -> bool:
    if STDIO in (a, b):
        return a == b
    if os.path.exists(a) and os.path.exists(b):
        return os.path.samefile(a, b)
    return os.path.realpath(a) == os.path.realpath(b)


def _where(out: str | None) -> str:
    return _msg("standard_output") if out is None or out == STDIO else out


#: Unparseable cells the load report names on stderr (line and column); the rest are counted.
CELLS_SHOWN = 3


def _load_report(panel: Panel, source: Any) -> str:
    report = panel.report
    return _msg(
        "rows_loaded",
        source=_source_name(source),
        rows=report["rows_loaded"],
        blank=report["blank_lines"],
        skipped=report["rows_skipped"],
        unparseable=report["cells_unparseable"],
    ) + _skipped_lines(report)


#: Skipped lines the load report names on stderr; the rest are counted.
LINES_SHOWN = 5


def _skipped_lines(report: Mapping[str, Any]) -> str:
    """Which lines a lenient load skipped whole, and why (the report's issues without a column):
    "3 skipped" alone left the user to find them."""
    rows = [i for i in report.get("issues", []) if not i.get("column") and not i.get("variable")]
    if not rows:
        return ""
    said = [_msg("skipped_line", line=i["line"], problem=i.get("problem", "")) for i in rows[:LINES_SHOWN]]
    more = int(report.get("rows_skipped", 0)) - len(said)
    return _msg("skipped_lines", lines="; ".join(said) + (f"; … +{more}" if more > 0 else ""))


def _cell_issues(panel: Panel, source: Any) -> str:
    """Where the first few unparseable cells are, a line each (empty when none): "see the load
    report" (the explanation of a firm made invalid by one) must find them on stderr."""
    report = panel.report
    issues = [i for i in report.get("issues", []) if i.get("column")]
    lines = []
    for issue in issues[:CELLS_SHOWN]:
        lines.append(
            _msg(
                "cell_issue",
                source=_source_name(source),
                line=issue["line"],
                column=issue["column"],
                variable=issue.get("variable") or "",
                text=issue.get("text", ""),
                problem=issue.get("problem", ""),
            )
        )
    more = len(issues) - CELLS_SHOWN + int(report.get("issues_not_listed", 0))
    if more > 0 and issues:
        lines.append(_msg("more_cell_issues", count=more))
    return "\n".join(lines)


# ------------------------------------------------------------------ subcommands


def _write_indicators(values: Any, reasons: Any, args: argparse.Namespace) -> None:
    """CSV (names beside codes, the catalogue's decimals unless --full-precision, a BOM with
    --bom) or with --format xlsx a workbook with the units and reasons on sheets of their own."""
    from ._tables import to_excel, with_names, write_csv

    if args.format == "xlsx":
        if args.out is None or args.out == STDIO:
            raise _core.ArgumentError(_msg("xlsx_needs_out"))
        if args.bom:  # it was ignored: a workbook has no BOM to give
            raise _core.ArgumentError(
                "--bom starts a CSV file with a BOM, and --format xlsx writes a workbook, which Excel reads "
                "in Chinese without one: leave out --bom, or leave out --format xlsx to write CSV"
            )
        if Path(args.out).suffix.lower() not in WORKBOOK_SUFFIXES:  # said in the CLI's words, not to_excel's
            raise _core.ArgumentError(_not_a_workbook(args.out))
        to_excel(
            values,
            args.out,
            reasons=None if args.no_reasons else reasons,
            full_precision=args.full_precision,
            lang=args.lang,
        )
        return
    encoding = "utf-8-sig" if args.bom else "utf-8"
    table = values
    if args.reasons is not None:
        with _output(args.reasons) as f:
            write_csv(with_names(reasons, values.attrs.get("names")), f, encoding=encoding, names=False)
    elif not args.no_reasons:
        table = with_reason_columns(values, {c: reasons[c] for c in values.columns})
    with _output(args.out) as f:
        write_csv(
            with_names(table, values.attrs.get("names")),
            f,
            full_precision=args.full_precision,
            encoding=encoding,
            names=False,
        )


def _not_a_workbook(out: str) -> str:
    """--format xlsx with --out naming no workbook (x.csv): the two ways, in the CLI's words."""
    endings = ", ".join(WORKBOOK_SUFFIXES)
    if _Messages.lang == "zh":
        return f"--format xlsx 写出工作簿，文件名须以 {endings} 结尾，而不是 {out!r}：请给出 --out FILE.xlsx，或去掉 --format 写出 CSV"
    return (
        f"--format xlsx writes a workbook, whose name ends {endings}, not {out!r}: give --out FILE.xlsx, "
        "or drop --format to write CSV"
    )


def compute_file(args: argparse.Namespace) -> int:
    source = _input(args.file)
    # `rollup`'s <variable>_reason columns are read as reasons
    panel: Panel = _read_file(source, args)
    with _progress_bar(_msg("indicators"), "ind"):
        values, reasons = panel.compute(_listed_ids(args.ids), reasons=True, basis=args.basis)
    _write_indicators(values, reasons, args)
    if not args.full_precision:
        _say_hidden_by_rounding(values)
    _Messages.say(
        _msg(
            "indicators_written", report=_load_report(panel, source), count=len(values.columns), where=_where(args.out)
        )
    )
    return 0


def explain_file(args: argparse.Namespace) -> int:
    panel: Panel = _read_file(_input(args.file), args)
    explained = panel.explain(args.indicator, args.code, args.at, basis=args.basis)
    with _output(args.out) as f:
        f.write(explained.text(_Parser.lang) + "\n")
    return 0


def _say_hidden_by_rounding(values: Any) -> None:
    """A value that is not 0 but prints as 0 at its column's decimals (0.004 % at 2 decimals is 0.00,
    with no reason beside it): said on stderr, with the value in enough significant digits."""
    import numpy as np

    from ._tables import decimals_of, round_half_away

    decimals = decimals_of(values)
    for column in values.columns:
        places = decimals.get(column)
        if places is None:
            continue
        cells = values[column]
        if cells.dtype.kind != "f":
            continue
        x = cells.to_numpy(dtype=float, na_value=float("nan"))
        hidden = cells[(round_half_away(x, int(places)) == 0) & (x != 0) & ~np.isnan(x)]
        if hidden.empty:
            continue
        where, value = hidden.index[0], float(hidden.iloc[0])
        key = " ".join(str(k) for k in where) if isinstance(where, tuple) else str(where)
        unit = (values.attrs.get("units") or {}).get(column, "")
        if _Messages.lang == "zh":
            _Messages.say(
                f"注意：{column} 有 {len(hidden)} 个非零值按 {places} 位小数写作 0（{key}：{value:.3g} {unit}）；"
                "--full-precision 写出全部数字"
            )
        else:
            _Messages.say(
                f"note: {column}: {len(hidden)} value(s) not 0 written as 0 at its {places} decimals "
                f"({key}: {value:.3g} {unit}); --full-precision writes every digit"
            )


def _listed_ids(ids: Sequence[str] | None) -> list[str] | None:
    """--ids a b, and --ids a,b as a spreadsheet user writes a list (an id holds no comma)."""
    return [one.strip() for word in ids for one in word.split(",") if one.strip()] if ids else None


def validate_file(args: argparse.Namespace) -> int:
    source = _input(args.file)
    panel = _read_file(source, args)
    # --rules is a file: read as one, a rule's id gives "no such file", not Python's rules=[...]
    findings = panel.validate(load_rules(args.rules) if args.rules else None)
    try:
        with _output(args.out) as f:
            findings.to_csv(f, index=False)
            f.flush()
    except BrokenPipeError:  # the reader stopped (| head): the findings, and so the status, are known
        _quiet_stdout()
    if issues := _cell_issues(panel, source):  # where the 'unparseable' findings' cells are, and what they hold
        _Messages.say(_load_report(panel, source))
        _Messages.say(_in_cli_words(issues))
    skipped = findings.attrs["skipped"]
    _Messages.say(
        _msg(
            "rules_applied", source=_source_name(source), rules=findings.attrs["rules_applied"], findings=len(findings)
        )
        + (_msg("rules_not_applicable", count=len(skipped)) if skipped else "")
    )
    return 1 if len(findings) else 0


def _parents(spec: str) -> Any:
    """``admin`` or a CSV file of child,parent codes (the first two columns)."""
    if spec == "admin":
        return spec
    if spec != STDIO and not os.path.exists(spec) and closest_name(spec, ["admin"]):
        # `--parents admn`: a misspelt name, not a file that went missing
        raise _core.ArgumentError(_msg("unknown_parents", name=spec) + _msg("did_you_mean", name="admin"))
    import pandas as pd

    table = pd.read_csv(_input(spec), dtype=str, keep_default_na=False)
    if table.shape[1] < 2:
        raise _core.ParseError(_msg("parents_two_columns", source=_source_name(spec)))
    return dict(zip(table.iloc[:, 0], table.iloc[:, 1]))


_FIFTEEN_DIGITS = "%.15g"


def _units_in_header(table: Any, units: Mapping[str, str]) -> Any:
    """`table` with each unit in its column's heading (gdp[亿元]), as read_csv and compute - read them."""
    table.columns = [f"{c}[{units[c]}]" if units.get(c) else c for c in table.columns]
    return table


def rollup_file(args: argparse.Namespace) -> int:
    source = _input(args.file)
    panel = _read_file(source, args)
    parents = _parents(args.parents)
    to = args.to if parents == "admin" else None
    if args.to is not None and parents != "admin":
        raise _core.ArgumentError(_msg("to_needs_admin"))
    rolled = panel.rollup(parents, to=to, partial_sums=args.partial_sums, also_sum=args.also_sum or ())
    table = rolled.to_pandas()
    units = table.attrs["units"]
    table = _units_in_header(with_reason_columns(table, rollup_reasons(rolled)), units)  # read_csv reads them back
    if args.coverage:  # the file first: a reader of standard output that stops early (| head) ends us
        with _output(args.coverage) as f:
            rolled.coverage.to_csv(f, index=False)
    with _output(args.out) as f:
        # sums of figures with two decimals print as 5781.950000000001 in full: 15 significant
        # digits (what Excel shows) give 5781.95, and a count 17279 rather than 17279.0
        table.to_csv(f, float_format=_FIFTEEN_DIGITS)
    incomplete = int((~rolled.coverage["complete"]).sum()) if len(rolled.coverage) else 0
    _Messages.say(
        _msg(
            "rolled_up",
            source=_source_name(source),
            rows=len(panel),
            parents=len(rolled),
            incomplete=incomplete,
            not_summed=", ".join(rolled.not_summed) or _msg("none"),
        )
    )
    return 0


def _did_you_mean(name: str, choices: Sequence[str]) -> str:
    close = closest_name(name, choices)
    return _msg("did_you_mean", name=close) if close else _msg("choose_from", names=", ".join(choices))


def _composite_model(name: str | None) -> Any:
    """A preset name, or a model TOML file; anything else is an error with a suggestion."""
    from . import composite

    if name is None or name in composite.PRESETS:
        return name or "eis"
    if name.endswith(".toml") or os.path.exists(name):
        return composite.Model.from_toml(name)
    raise _core.ArgumentError(_msg("unknown_model", name=name) + _did_you_mean(name, composite.PRESETS))


def _reason_columns(source: Any, sep: str) -> list[str]:
    """The ``<id>_reason`` columns of a header (as `compute` writes them): text, not variables.
    Read as read_csv reads the header; a pipe is not read here (it could be read only once)."""
    head = source.getvalue()[:HEAD_BYTES] if hasattr(source, "getvalue") else first_line(source)
    return [c.strip() for c in header_of(head, sep) if c.strip().endswith(SUFFIX)]  # trimmed as read_csv trims


def _composite_data(args: argparse.Namespace) -> Any:
    source = _input(args.file)
    drop = _listed_ids(args.drop) or []
    if args.period is not None:  # a panel (entity, period, variables): the rows of one period
        ignore = _reason_columns(source, args.sep) + drop
        return _read(source, entity=args.unit, ignore=ignore, sep=args.sep, decimal=args.decimal)
    try:
        return _unit_table(source, args.unit, args.sep, args.decimal, drop)
    except _core.DuplicateRowError as e:
        raise _periods_said(e, source, args) from None


def _periods_said(error: Any, source: Any, args: argparse.Namespace) -> Any:
    """A unit listed twice in a panel of several periods (entity, period, …): the fix is --period,
    said so with the periods found (the message named two rows of one unit and nothing more)."""
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        periods = list(_read(source, entity=args.unit, sep=args.sep, decimal=args.decimal, lenient=True).periods)
    except _core.Error:
        return error
    if len(periods) < 2:
        return error
    shown = ", ".join(map(str, periods[:3])) + (", …" if len(periods) > 3 else "")
    return type(error)(
        f"{error}; the file is a panel of {len(periods)} periods ({shown}): give --period, e.g. --period {periods[-1]}"
    )


def _decoded(source: Any) -> str:
    """The text of a file (a path or an in-memory stdin), decoded by the detector read_csv uses
    (UTF-8 with or without BOM, GB18030 with or without its BOM, UTF-16): never by Python's codecs."""
    data = source.getvalue() if hasattr(source, "getvalue") else Path(source).read_bytes()
    try:
        text, _, invalid = _core.decode_text(bytes(data))
    except _core.ParseError as e:  # the decoder names its input "<report>": this one is FILE
        message = str(e)
        if not message.startswith("<report>"):
            raise
        raise type(e)(_source_name(source) + message[len("<report>") :]) from None
    if invalid:
        raise _core.ParseError(f"{_source_name(source)}: byte {invalid[0]} is not text in the file's encoding")
    return str(text)


def _unit_table(
    source: Any, unit: str | None, sep: str = ",", decimal: str | None = None, drop: Sequence[str] = ()
) -> Any:
    """A CSV of one row per unit as a DataFrame indexed by the unit column (the first unless
    named): decoded as read_csv decodes (BOM, GB18030, UTF-16), every cell text read by read_csv's
    cell grammar ("1,234", full-width digits, missing-value markers), codes kept as written (0101),
    a unit named twice refused with its rows. A column of texts is a label column (groups), and so
    is a column of each unit's parent administrative code (a number, but no indicator); the
    columns in ``drop`` are left out."""
    import numpy as np
    import pandas as pd

    name = _source_name(source)
    text = _decoded(source)
    try:
        df = pd.read_csv(io.StringIO(text), sep=sep, dtype=str, keep_default_na=False)
    except pd.errors.EmptyDataError:
        raise _core.ParseError(f"{name}: empty, no header line") from None
    unit = unit or str(df.columns[0])
    if unit not in df.columns:
        raise _core.ArgumentError(
            _msg("no_column", source=name, name=unit) + _did_you_mean(unit, list(map(str, df.columns)))
        )
    if df.empty:
        raise _core.ParseError(f"{name}: a header and no unit to score")
    renamed, units = _headers_with_units(df.columns, unit)
    df = df.rename(columns=renamed)
    drop = [renamed.get(c, c) for c in drop]  # a column dropped by its heading as written, or by its name
    codes = pd.Series(_core.trim_keys(df[unit].tolist()), dtype=object)  # read_csv's rule for codes
    repeated = codes.duplicated(keep=False)
    if repeated.any():
        twice = codes[repeated].iloc[0]
        rows = np.flatnonzero((codes == twice).to_numpy())[:2] + 1
        raise _core.DuplicateRowError(
            f"{name}: data rows {rows[0]} and {rows[1]} are both unit {twice!r}: a unit is scored once"
        )
    for column in drop:
        if column not in df.columns or column == unit:
            raise _core.ArgumentError(
                _msg("no_column", source=name, name=column)
                + _did_you_mean(column, [str(c) for c in df.columns if c != unit])
            )
    mark = _decimal_mark(sep, decimal)
    found = _period_column(text, sep, unit, df)
    if found is not None and found[0] not in drop:  # compute's output: region, period, indicators
        period, periods = found
        if len(periods) > 1:
            shown = ", ".join(periods[:3]) + (", …" if len(periods) > 3 else "")
            raise _core.ParseError(
                f"{name}: column {period} holds {len(periods)} periods ({shown}): the units of one period are "
                f"scored together; give --period, e.g. --period {periods[-1]}"
            )
        _Messages.say(_msg("period_column_left_out", source=name, column=period, period=periods[0]))
        drop = [*drop, period]
    # compute's <id>_reason columns: why a value is missing, text beside its indicator
    drop = [*drop, *(c for c in df.columns if str(c).endswith(SUFFIX) and str(c)[: -len(SUFFIX)] in df.columns)]
    columns = {}
    for c in df.columns:
        if c == unit or c in drop:
            continue
        if _parent_codes(df[c], codes):
            _Messages.say(_msg("parent_code_column", source=name, column=c))
            columns[c] = df[c].to_numpy()
        else:
            columns[c] = _number_or_label_column(df[c], c, codes, name, mark)
    table = pd.DataFrame(columns, index=pd.Index(codes, name=unit))
    table.attrs["units"] = {c: u for c, u in units.items() if c in columns and table[c].dtype.kind == "f"}
    return table


def _headers_with_units(headers: Any, unit: str) -> tuple[dict[str, str], dict[str, str]]:
    """({heading: name}, {name: unit}) for the headings that carry a unit zhibiao knows, as read_csv
    reads them (``rd_expense[万元]``, ``tech_contract(亿元)``): the composite converts such a column
    to its node's unit and counts amounts as amounts. Round 37: the heading was the column's name,
    unit and all, and a model naming ``rd_expense`` found no such indicator. A heading whose name
    another column has already is left as written."""
    renamed: dict[str, str] = {}
    units: dict[str, str] = {}
    taken = set(map(str, headers))
    for heading in map(str, headers):
        if heading == unit:
            continue
        bare, symbol, written = _core.parse_column_header(heading)
        bare = written or bare  # the name as written (地区生产总值), not the catalogue id it means (gdp)
        if not symbol or bare == heading or bare in taken:
            continue
        try:
            _core.Unit(symbol)
        except _core.UnitError:  # x[abc]: no unit, a name with brackets
            continue
        renamed[heading] = bare
        units[bare] = symbol
        taken.add(bare)
    return renamed, units


def _period_column(text: str, sep: str, unit: str, df: Any) -> tuple[str, list[str]] | None:
    """The column read_csv would take for the period (period, year, 年份…: its headings) and its
    periods. Scored as an indicator, a table `compute` wrote for one period stopped the build ("it
    is constant"), and one unit a row over two years was ranked on its year."""
    from ._panel import read_csv

    head = "\n".join(text.splitlines()[:2]) + "\n"
    try:
        probe = read_csv(io.StringIO(head), sep=sep, entity=unit, lenient=True)
    except (_core.Error, ValueError):  # no period column (or no table read_csv takes)
        return None
    variables = set(probe.variables)
    for c in df.columns:
        if c == unit or _core.parse_column_header(str(c))[0] in variables:
            continue
        cells = sorted({v.strip() for v in df[c].tolist()} - {""})
        if cells and all(_is_period(v) for v in cells):
            return str(c), cells
    return None


def _is_period(text: str) -> bool:
    try:
        _core.Period(text)
    except _core.Error:
        return False
    return True


_ADMIN_CODE = re.compile(r"\d{6}(\d{3}){0,2}")  # county (6 digits), township (9), village (12)


def _parent_codes(column: Any, codes: Any) -> bool:
    """True when every filled cell is an administrative code of a level above its unit's, in its
    unit's province (a county's prefecture 440100 or province 440000, a township's county): a
    group label written as a number, which scored as an indicator would add the same bonus to
    every unit of one group. Not only the unit's own ancestors: after a re-districting, for a
    county the province governs directly or for a planning zone the group is another code."""
    filled = 0
    for cell, code in zip(column.tolist(), codes.tolist()):
        cell, code = cell.strip(), str(code)
        if not cell:
            continue
        if not (_ADMIN_CODE.fullmatch(cell) and _ADMIN_CODE.fullmatch(code)) or cell[:2] != code[:2]:
            return False
        if _admin_level(cell) >= _admin_level(code):
            return False
        filled += 1
    return filled > 0


def _admin_level(code: str) -> int:
    """0 province (440000), 1 prefecture (440100), 2 county (440106), 3 township (9 or 12 digits
    with a village part of 000), 4 village."""
    if len(code) > 6:
        return 4 if code[9:].strip("0") else 3
    return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2


def _decimal_mark(sep: str, decimal: str | None) -> str:
    """The decimal mark for parse_text_cells: the one given, else '.' — and '' in a file separated
    by ';', where a number that reads two ways (1,500; 1.500) is refused: Excel writes decimal
    commas and grouping points in such files."""
    return decimal or ("" if sep == ";" else ".")


def _number_or_label_column(column: Any, header: str, codes: Any, source: str, decimal: str = ".") -> Any:
    """Numbers when every cell reads as one or is missing; texts (labels) when fewer than half the
    filled cells read as numbers (said on stderr when some do); a column of mostly numbers with a
    text among them is an error, and so is one whose every other cell is written as a number that
    does not read as one ("12,34" beside "1,234": a slip, not a label)."""
    import numpy as np

    cells = [c if c.strip() else None for c in column.tolist()]
    # an all-percentage column: in %
    values, _, first_bad, problem, _ = _core.parse_text_cells(cells, decimal=decimal)
    if first_bad is None:  # numbers and missing cells only (an empty column: all missing)
        return values
    # Counted with percentages allowed and either mark: a column of 12.5% with one 12.5 is numbers,
    # mixed; so is one of 1,5 in a ';' file whose mark was not given.
    read = max(
        (_core.parse_text_cells(cells, "%", decimal=mark) for mark in ([decimal] if decimal else [".", ","])),
        key=lambda r: int(np.count_nonzero(~np.isnan(r[0]))),
    )
    texts = [c for c, why in zip(cells, read[1]) if c is not None and why == 2]  # 1: a missing-value marker
    filled = sum(c is not None for c in cells)
    numbers = int(np.count_nonzero(~np.isnan(read[0])))
    # a column whose every cell that is not a number is written as one (digits and grouping marks:
    # "12,34", "1,2345") is numbers with typing slips, however many: never labels
    slips = all(_NUMBER_SHAPED.fullmatch(unicodedata.normalize("NFKC", t).strip()) for t in texts)
    if 2 * numbers > filled or (numbers and slips):
        row = int(first_bad)
        raise _core.ParseError(f"{source}: data row {row + 1} (unit {codes.iloc[row]}, column {header}): {problem}")
    if numbers:  # labels with some numbers among them: said, as a column no indicator comes from
        shown = ", ".join(repr(t) for t in texts[:3]) + (", …" if len(texts) > 3 else "")
        _Messages.say(
            f"note: {source}: column {header} read as labels, not an indicator: {len(texts)} of its {filled} "
            f"filled cells are not numbers ({shown})"
        )
    return column.to_numpy()


#: A cell written as a number that does not read as one: digits with grouping or decimal marks
#: misplaced, a sign, a percent sign (after NFKC: full-width digits are digits).
_NUMBER_SHAPED = re.compile(r"[+\-−]?[\d\s,.'’_]*\d[\d\s,.'’_]*%?")


def _say_rounded(data: Any, args: argparse.Namespace) -> None:
    """Indicators read back from compute's default output are rounded to the catalogue's decimals
    (2.914 % and 2.906 % both 2.91): min-max, entropy and TOPSIS would rank them as exact, with
    false ties. Said for each catalogue indicator whose every value sits on its decimals — which
    figures typed from a published table do too, so --full-precision is advised only for a file
    that came from compute (nothing in the file says which)."""
    import numpy as np
    import pandas as pd

    from ._tables import catalogue_decimals

    frame = data if isinstance(data, pd.DataFrame) else data.to_pandas()
    decimals = catalogue_decimals()
    rounded = []
    for c in frame.columns:
        if c not in decimals or not pd.api.types.is_numeric_dtype(frame[c]) or pd.api.types.is_bool_dtype(frame[c]):
            continue
        v = frame[c].to_numpy(dtype=np.float64, na_value=np.nan)
        v = v[np.isfinite(v)]
        scaled = v * 10.0 ** decimals[c]
        if len(v) >= 2 and np.all(np.abs(scaled - np.round(scaled)) <= 1e-6 * np.maximum(1.0, np.abs(scaled))):
            rounded.append(str(c))
    if rounded:
        source = "<stdin>" if args.file == STDIO else args.file
        _Messages.say(_msg("rounded_indicators", source=source, columns=", ".join(rounded)))


def composite_file(args: argparse.Namespace) -> int:
    from . import composite
    from ._tables import whole_ranks

    model = _composite_model(args.model)
    data = _composite_data(args)
    _say_rounded(data, args)
    framework = _cli_directions(data, model, _listed_ids(args.lower) or [])
    try:
        if isinstance(model, str):
            result = composite.build(data, framework, preset=model, period=args.period)
        else:
            result = composite.build(data, framework, model, period=args.period)
    except _core.Error as e:
        raise _in_cli_advice(e) from None
    root = result.root
    table = _with_labels(result.scores.assign(rank=whole_ranks(result.ranks[root])).sort_values("rank"), data)
    with _output(args.out) as f:
        table.to_csv(f)
    _Messages.say(composite.in_cli_words(result.summary()))
    unscored = table.index[table[root].isna()]
    if len(unscored):  # rows written without a score or rank: counted apart, not as scored
        names = ", ".join(map(str, unscored[:5])) + (", …" if len(unscored) > 5 else "")
        _Messages.say(
            _msg(
                "units_scored_unscored",
                count=len(table) - len(unscored),
                unscored=len(unscored),
                names=names,
                where=_where(args.out),
            )
        )
    else:
        _Messages.say(_msg("units_scored", count=len(table), where=_where(args.out)))
    return 0


def _with_labels(table: Any, data: Any) -> Any:
    """The scores beside the input's text columns (a unit's name, its group) or a panel's entity names,
    after the code as `compute` writes names: a ranking is read by name (trial23a F21)."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        labels = data[[c for c in data.columns if not pd.api.types.is_numeric_dtype(data[c])]]
        # a label named as an output column (Index, rank) is kept under another name, not dropped
        labels = labels.rename(columns={c: f"{c} (input)" for c in labels.columns if c in table.columns})
    else:  # the names a build's plots take (display_names): none when every name is blank
        from .composite import display_names

        names = display_names(data.entities.set_index("code"))
        labels = pd.Series(names, name="name", dtype=object).to_frame() if names else pd.DataFrame()
    if labels.shape[1] == 0:
        return table
    return pd.concat([labels.reindex(table.index), table], axis=1)


def _in_cli_advice(error: Any) -> Any:
    """The composite's advice to convert a column with pd.to_numeric (for a DataFrame) said as a
    command-line user acts on it: correct the cell, or leave the column out with --drop; and so its
    advice to leave out an indicator of one value."""
    import re

    text = str(error)
    if CONSTANT_ADVICE in text:  # a column of one value: what to edit, in the CLI's terms (round 37)
        column = getattr(error, "variable", "") or "COLUMN"
        return type(error)(text.replace(CONSTANT_ADVICE, _msg("constant_left_out", column=column)))
    if "pd.to_numeric" not in text:
        return error
    said = re.sub(r"[ :,]*(and )?convert with pd\.to_numeric.*$", "", text, flags=re.S)
    return type(error)(said + _msg("leave_out_with_drop"))


#: The library's advice for an indicator of one value (src/composite/normalise.cpp), for a
#: Python user; the command line says which file or option to change instead.
CONSTANT_ADVICE = "leave it out of the framework (or, without one, out of the data)"


def _cli_directions(data: Any, model: Any, lower: list[str]) -> Any:
    """Without a model framework every indicator column would be taken as higher-is-better,
    silently: the catalogue's directions are used for its indicators, --lower marks others, and
    the columns taken as higher-is-better for want of either are named. None where the model
    has a framework (its directions rule) or nothing needs one."""
    from . import composite
    from ._catalogue import catalogue
    from ._panel import Panel

    preset = composite.Model.preset(model) if isinstance(model, str) else model
    if preset.framework is not None:
        if lower:
            raise _core.ArgumentError(_msg("lower_with_framework"))
        return None
    if isinstance(data, Panel):
        columns = [str(c) for c in data._core.variables]
    else:
        columns = [str(c) for c in composite._numeric_columns(data)]
    for name in lower:
        if name not in columns:
            raise _core.ArgumentError(_msg("lower_unknown", name=name) + _did_you_mean(name, columns))
    listed = catalogue()
    known = dict(zip(listed["id"].astype(str), listed["direction"].astype(str)))
    lower_known = [c for c in columns if c not in lower and known.get(c) == "lower"]
    unknown = [c for c in columns if c not in lower and c not in known]
    if unknown:
        _Messages.say(_msg("taken_as_higher", count=len(unknown), total=len(columns), columns=", ".join(unknown)))
    if not lower and not lower_known:
        return None  # the flat framework build() makes, with its own checks of the columns
    # every numeric column an indicator, as build() makes it: its warning on amounts too (round 37:
    # --lower silenced it)
    units = data.units if isinstance(data, Panel) else data.attrs.get("units")
    composite._warn_of_amounts(columns, units)
    return composite.Framework.flat(columns, {c: -1 for c in [*lower, *lower_known]})


def _year_said(error: Any, source: Any, year: str) -> Any:
    """A firm listed twice: when the file has no period column the period in the message is
    --year's, said so (it read "period 2024" as if the file gave one)."""
    if hasattr(source, "seek"):
        source.seek(0)
    try:
        read_csv(source, lenient=True)  # the file again, without --year: does it name periods?
    except _core.ParseError as e:
        if "no period column" in str(e):
            return type(error)(
                f"{error}; the file has no period column: period {year} is --year's, so a firm is listed twice"
            )
    except _core.Error:
        pass
    return error


def _reading(args: argparse.Namespace) -> dict[str, Any]:
    """How read_csv reads FILE, from --sep, --decimal, --entity and --period-column."""
    reading = {
        "sep": args.sep,
        "decimal": args.decimal,
        "entity": getattr(args, "entity", None),
        "period": getattr(args, "period_column", None),
    }
    if getattr(args, "period_value", None) is not None:  # scorecard gives its --year itself
        reading["period_value"] = args.period_value
    if getattr(args, "name", None):
        reading["name"] = args.name
    if getattr(args, "ignore", None):
        reading["ignore"] = _listed_ids(args.ignore)
    return reading


def _firms(source: Any, year: str, reading: dict[str, Any]) -> Any:
    """The firm table through zhibiao's CSV loader (text in a number column makes that firm
    "invalid input"); without an id column, pandas numbers the firms by row."""
    import pandas as pd

    sep, decimal = reading["sep"], reading["decimal"]
    try:
        return _read(source, period_value=year, lenient=True, **reading)
    except _core.DuplicateRowError as e:
        raise _year_said(e, source, year) from None
    except _core.ParseError as e:
        # numbered by row without an id column; but a header the loader found separated by
        # another character is no table of firms (its hint, give --sep ';', is the message), and
        # a column --entity names must be there (did you mean), never left for row numbers
        if "no entity column" not in str(e) or "is the separator" in str(e) or reading["entity"] is not None:
            raise
    table = pd.read_csv(io.StringIO(_decoded(source)), sep=sep, dtype=str, keep_default_na=False)
    return _in_decimal_points(_without_ignored(table, reading.get("ignore") or []), _decimal_mark(sep, decimal))


def _without_ignored(table: Any, ignore: Sequence[str]) -> Any:
    """The firm table read by pandas without the --ignore columns; one it lacks is an error with
    the closest heading, as read_csv's ignore= gives it."""
    headings = [str(c) for c in table.columns]
    for column in ignore:
        if column not in headings:
            close = closest_name(column, headings)
            raise _core.MissingVariableError(
                f"--ignore names '{column}', no column of the file" + (f" (did you mean '{close}'?)" if close else "")
            )
    return table.drop(columns=list(ignore))


def _in_decimal_points(df: Any, decimal: str) -> Any:
    """A table of texts whose number cells are written with decimal points, as scorecards read
    texts: decimal commas swapped for points (decimal ','; "1.234,5" → "1,234.5", "12,5%" →
    "12.5%"), or a number with a comma refused ('': a ';' file whose mark was not given). Other
    texts (firm names) are kept as written."""
    import numpy as np

    if decimal == ".":
        return df
    df = df.copy()
    swap = str.maketrans(",.", ".,")
    for column in df.columns:
        cells = [c if c.strip() else None for c in df[column].tolist()]
        # "%" stated: both kinds of number are read, as the scorecard reads each cell alone
        read = _core.parse_text_cells(cells, "%", decimal=decimal or ".")[1] == 0
        if decimal == ",":
            df[column] = [c.translate(swap) if ok else c for c, ok in zip(df[column].tolist(), read)]
            continue
        # read with one mark or the other, refused without one: "1,500", "1.500", "1,5"
        either = read | (_core.parse_text_cells(cells, "%", decimal=",")[1] == 0)
        unclear = either & (_core.parse_text_cells(cells, "%", decimal="")[1] != 0)
        if unclear.any():
            row = int(np.flatnonzero(unclear)[0])
            problem = _core.parse_text_cells([cells[row]], decimal="")[3]
            raise _core.ParseError(f"data row {row + 1}, column {column}: {problem}")
    return df


def _condition_name(name: str, summary: Any) -> str:
    """A gate's id as it is; the pass rule's entry (the summary's ``pass_rule_key``) in the
    language of the messages, from the rule's text the summary holds."""
    if summary.pass_rule is not None and name == summary.pass_rule_key:
        return _msg("pass_rule", rule=summary.pass_rule)
    return name


def _scorecard_summary(summary: Any) -> str:
    """The scorecard summary's line (as its repr) in the language of the messages."""
    counts = ", ".join(f"{_msg('status_' + k.replace(' ', '_'))} {v}" for k, v in summary.counts.items())
    failing = ", ".join(f"{_condition_name(k, summary)} {v}" for k, v in summary.failing.items() if v) or _msg("none")
    return _msg("scorecard_summary", pack=summary.pack, firms=summary.firms, counts=counts, failing=failing)


def _percent_in(source: Any) -> bool:
    """Whether the file holds a percent or per-mille sign anywhere (％ and ‰ too, in any encoding
    the reader detects)."""
    if hasattr(source, "getvalue"):
        data = source.getvalue()
    else:
        with open(source, "rb") as f:
            data = f.read()
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4096]:  # UTF-16: decode (rare)
        return any(mark in _core.decode_text(data)[0] for mark in ("%", "％", "‰"))
    # UTF-8 or GB18030: a byte search, ~10x faster than decoding (a stray match only re-reads);
    # ASCII % is never a trail byte in either. ％ and ‰ in UTF-8, then in GB18030.
    return any(mark in data for mark in (b"%", b"\xef\xbc\x85", b"\xe2\x80\xb0", b"\xa3\xa5", b"\xa1\xeb"))


def _scorecard_firms(source: Any, pack: str, year: str, reading: dict[str, Any]) -> Any:
    """The firm table; an input column whose header states no unit is read in the pack's unit
    when the file holds a percentage anywhere, so that "60%" in an amount column (高新技术产品收入,
    万元) is an unreadable cell (the firm invalid input, the cell in the load report), not 0.6 万元
    read as the input's unit — a firm made ineligible by a share typed where an amount belongs."""
    from . import scorecards

    firms = _firms(source, year, reading)
    if not isinstance(firms, Panel):
        return firms  # read by pandas as text: evaluate refuses "60%" in a number column itself
    card = scorecards._pack(pack)
    names = set(firms.variables)
    # A column of percentages only was read in %, its unit not stated but found: read in the pack's
    # unit too, so that each firm's "60%" is its own unreadable cell, not the whole table refused.
    unstated = {v for v in names if not firms._core.unit_given(v)} | set(firms.report["percent_columns"])
    # each input's column: its id or a Chinese heading (研发费用), as evaluate will read it
    headings = _core.scorecard_input_columns(card, list(firms.variables))
    units = {
        heading: spec["unit"]
        for spec, heading in zip(card.inputs, headings)
        if heading in unstated and not _core.Unit(spec["unit"]).dimensionless
    }
    if not units or not _percent_in(source):
        return firms
    if hasattr(source, "seek"):
        source.seek(0)
    return _read(source, period_value=year, lenient=True, units=units, **reading)


def scorecard_file(args: argparse.Namespace) -> int:
    from . import scorecards

    if args.cost and not args.gap:
        raise _core.ArgumentError(_msg("cost_needs_gap"))
    controllable = [c["input"] for c in scorecards._pack(args.pack).controllables]
    for name, _ in args.cost or []:  # said of the option, not of FILE's columns
        if name not in controllable:
            raise _core.ArgumentError(
                _msg("cost_not_controllable", name=name, pack=args.pack) + _did_you_mean(name, controllable)
            )
    source = _input(args.file)
    firms = _scorecard_firms(source, args.pack, args.year, _reading(args))
    with _progress_bar(_msg("explanations", pack=args.pack), "firms"):
        result = scorecards.evaluate(firms, args.pack, policy=args.policy)
    renamed = result.attrs.get("renamed_columns") or {}
    if args.gap:
        with _progress_bar(_msg("gaps", pack=args.pack), "firms"):
            gaps = scorecards.gap(firms, args.pack, policy=args.policy, costs=dict(args.cost or []))
        # the unit in the header (gap_more_rd_expense[万元]), as the CSV reader reads one: a
        # change is in the pack's unit, not the input column's
        labelled = {name: f"{name}[{unit}]" for name, unit in gaps.attrs["units"].items() if unit not in ("", "1")}
        attrs = dict(result.attrs)  # join drops them: the summary names the pack and its pass rule
        result = result.join(gaps.drop(columns=["status"]).rename(columns=labelled).add_prefix("gap_"))
        result.attrs.update(attrs)
    unread = _unread_rows(firms, source, args.sep, args.entity) if isinstance(firms, Panel) else []
    result = _with_unread_rows(result, unread, source)
    if isinstance(firms, Panel):  # the firms' names (企业名称) beside their codes, as composite and compute keep them
        from ._tables import with_names

        result = with_names(result, firms._entity_names())
    try:
        with _output(args.out) as f:
            result.to_csv(f)
    except BrokenPipeError:  # the reader stopped (| head): the rows unread, and so the status, are known
        _quiet_stdout()
    if isinstance(firms, Panel):
        _Messages.say(_load_report(firms, source))
        if issues := _cell_issues(firms, source):
            _Messages.say(_in_cli_words(issues))
    if renamed:  # Chinese headings read as the pack's inputs: 研发费用 → rd_expense
        _Messages.say(_msg("columns_read_as", pairs=", ".join(f"{k} → {v}" for k, v in renamed.items())))
    _Messages.say(_scorecard_summary(scorecards.summary(result)))
    _Messages.say(_msg("written_to", where=_where(args.out)))
    # done, but lines of FILE were not read (as extract's bytes that are not text): a batch script
    # must know. A firm whose cell was read but is invalid is a result of the scoring, as before.
    return 1 if unread else 0


def _unread_rows(firms: Panel, source: Any, sep: str, entity: str | None) -> list[tuple[int, int, str, str]]:
    """The rows the lenient load skipped whole (a field too many: an unquoted "1,203"), as
    (line, records before it, firm as written, problem): each is a firm of the batch, so it
    is scored as invalid input, never dropped. Records are counted as the loader counts lines,
    a quoted field's line breaks included."""
    import csv

    skipped = {
        int(i["line"]): str(i.get("problem", ""))
        for i in firms.report.get("issues", [])
        if not i.get("column") and not i.get("variable")
    }
    if not skipped:
        return []
    reader = csv.reader(io.StringIO(_decoded(source).lstrip("\ufeff")), delimiter=sep)
    header: list[str] = next(reader, [])
    at = _firm_column(header, firms, entity)
    rows, start, records = [], reader.line_num + 1, 0
    for fields in reader:
        if start in skipped:
            # a field too many or too few shifts the columns after it: only the first and the
            # last column are where the header says; else the firm is named by its line
            where = at if at == 0 else -1 if at == len(header) - 1 else None
            firm = fields[where].strip() if where is not None and fields else ""
            rows.append((start, records, firm or f"<line {start}>", skipped[start]))
        elif fields:
            records += 1
        start = reader.line_num + 1
    return rows


def _firm_column(header: list[str], firms: Panel, entity: str | None) -> int:
    """Where the firm is in a row: the --entity column, else the first heading the load read as
    no number column (the loader found the firm column among those)."""
    if entity in header:
        return header.index(str(entity))
    report = firms.report
    read = set(firms.variables) | set(report.get("renamed_columns", {})) | set(report.get("ignored_columns", []))
    others = [k for k, heading in enumerate(header) if heading.strip() not in read]
    return others[0] if others else 0


def _with_unread_rows(result: Any, unread: list[tuple[int, int, str, str]], source: Any) -> Any:
    """The scored firms with each row the load skipped in its place, status invalid input and
    the reason (FILE:LINE: the problem) in its explanations: the summary counts it."""
    import pandas as pd

    if not unread:
        return result
    name = _source_name(source)
    parts, taken = [], 0
    for line, before, firm, problem in unread:
        parts.append(result.iloc[taken:before])
        taken = before
        row = {c: pd.NA for c in result.columns}
        row.update(status="invalid input", valid=False, eligible=False, passed=False)
        row["explanation_zh"] = f"输入无效：{name}:{line}：该行未能读取（{problem}）"
        row["explanation_en"] = f"invalid input: {name}:{line}: the row could not be read ({problem})"
        parts.append(pd.DataFrame([row], index=pd.Index([firm], name=result.index.name)))
    parts.append(result.iloc[taken:])
    joined = pd.concat([p for p in parts if len(p)])
    for column in result.columns:  # the types evaluate gives (the status a category, gates nullable)
        with contextlib.suppress(TypeError, ValueError):
            joined[column] = joined[column].astype(result[column].dtype)
    joined.attrs.update(result.attrs)
    return joined


def _report_bytes(path: str) -> tuple[bytes, str]:
    from ._extract import MAX_REPORT_BYTES, read_limited

    if path != STDIO:
        return read_limited(path, MAX_REPORT_BYTES, "report"), path
    data = sys.stdin.buffer.read(MAX_REPORT_BYTES + 1)
    if len(data) > MAX_REPORT_BYTES:
        raise _core.LimitError(f"report <stdin>: more than the {MAX_REPORT_BYTES} bytes allowed")
    return data, "<stdin>"


def extract_file(args: argparse.Namespace) -> int:
    """Exit status: 0 read, 1 read but some bytes were not text (skipped, said on stderr),
    2 not read (a missing file, a directory, a device, a file too large, a bad lexicon)."""
    import warnings

    from ._extract import InvalidBytesWarning, extract

    _check_panel_options(args)
    if len(args.files) > 1:
        return _extract_files(args)
    data, name = _report_bytes(args.files[0])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InvalidBytesWarning)
        try:
            facts = extract(data, args.lexicon, threads=args.threads)
        except _core.ParseError as e:  # not a text file: said of the file, as compute says it
            message = str(e)
            raise _core.ParseError(
                name + message[len("<report>") :] if message.startswith("<report>") else message
            ) from None
    for w in caught:  # bytes that are not text: said unless --quiet, the exit status says it anyway
        _Messages.say(_msg("warning", source=name, detail=w.message))
    findings = facts.attrs["findings"]
    status = 1 if facts.attrs["invalid_bytes"] else 0
    if args.panel:
        _write_report_panel(facts, name, args)
        return status
    if not _write_facts(facts, args):  # | head: the reader stopped; the status still says whether bytes were not text
        return status
    _Messages.say(
        _msg(
            "figures_read",
            source=name,
            encoding=facts.attrs["encoding"],
            count=len(facts),
            findings=len(findings),
            where=_where(args.out),
        )
    )
    for row in findings.itertuples():
        _Messages.say(_msg("finding", source=name, begin=row.begin, kind=row.kind, detail=row.message, text=row.text))
    return status


def _check_panel_options(args: argparse.Namespace) -> None:
    """--panel reads one report as one entity's: refused before any file is read when the
    options cannot give it."""
    if not args.panel:
        for flag, given in (("--entity", args.entity), ("--period", args.period), ("--findings", args.findings)):
            if given is not None:
                raise _core.ArgumentError(_msg("needs_panel", flag=flag))
        return
    if args.entity is None or not args.entity.strip():
        raise _core.ArgumentError(_msg("panel_needs_entity"))
    if len(args.files) > 1:
        raise _core.ArgumentError(_msg("panel_one_report", count=len(args.files)))
    if args.table:
        raise _core.ArgumentError(_msg("panel_not_table"))


def _as_written(panel: Any, table: Any) -> Any:
    """`table` (panel.to_pandas, the panel's rows in order) with each cell its figure wrote with more
    decimals than its shortest form shows as that text ("2.00", not 2): read back by ``compute -`` or
    ``validate -``, a report's "2.00%" is checked at 2 decimals, as in the panel (column::written_decimals)."""
    import numpy as np

    out = table
    for column in panel.variables:
        decimals = panel._core.written_decimals(column)
        if not decimals.any():
            continue
        if out is table:
            out = table.copy()  # attrs (units) go with the copy
        cells = out[column].astype(object)
        for row in np.flatnonzero(decimals):
            value = table[column].iat[row]
            if value == value:  # a missing cell stays empty
                cells.iat[row] = f"{value:.{int(decimals[row])}f}"
        out[column] = cells
    return out


def _write_report_panel(facts: Any, name: str, args: argparse.Namespace) -> None:
    """The report's figures as one entity's panel, written as compute reads it (each unit in its
    header, each missing value's reason in a <variable>_reason column: a damaged figure stays
    invalid, not absent); what was left out, and why, on stderr or to --findings."""
    from ._extract import own_area_read

    panel = own_area_read(facts, args.lexicon, args.entity).to_panel(args.entity, args.period)
    table = _as_written(panel, panel.to_pandas(reasons=True))
    table = _units_in_header(table, table.attrs["units"])
    units = table.attrs["units"]
    found = panel.findings
    if args.findings is not None:
        with _output(args.findings) as f:
            found.to_csv(f, index=False)
    try:
        with _output(args.out) as f:
            table.to_csv(f, float_format=_FIFTEEN_DIGITS)
            f.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return
    _Messages.say(
        _msg(
            "panel_read",
            source=name,
            entity=args.entity,
            entities=table.index.get_level_values("entity").nunique(),
            periods=table.index.get_level_values("period").nunique(),
            variables=len(units),
            where=_where(args.out),
        )
    )
    if args.findings is None:
        for row in found.itertuples():
            _Messages.say(
                _msg("finding", source=name, begin=row.begin, kind=row.kind, detail=row.message, text=row.text)
            )


def _write_facts(facts: Any, args: argparse.Namespace) -> bool:
    """The figures as CSV or a --table to --out (units in words under --lang en, the text as
    written); False when the reader of a pipe stopped (| head)."""
    shown = facts
    if getattr(args, "lang", "zh") == "en":
        shown = facts.copy()
        shown["unit"] = [unit_text(u, "en") for u in facts["unit"].astype(str)]
    try:
        with _output(args.out) as f:
            if args.table:
                print(_facts_table(shown), file=f)
            else:
                shown.to_csv(f, index=False)
            f.flush()
    except BrokenPipeError:
        _quiet_stdout()
        return False
    return True


def _extract_files(args: argparse.Namespace) -> int:
    """Many report files as one table, a `report` column (the file name as given) first, read on
    --threads; the messages of each file as for one. Exit status as for one: 1 when any file had
    bytes that are not text."""
    import warnings

    from ._extract import InvalidBytesWarning, extract

    reports: dict[str, bytes] = {}
    for path in args.files:
        data, name = _report_bytes(path)
        if name in reports:
            raise _core.ArgumentError(f"report {name}: given twice")
        reports[name] = data
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InvalidBytesWarning)
        facts = extract(reports, args.lexicon, threads=args.threads)
    for w in caught:
        _Messages.say(_msg("library_warning", detail=w.message))
    status = 1 if any(facts.attrs["invalid_bytes"].values()) else 0
    if not _write_facts(facts, args):
        return status
    findings = facts.attrs["findings"]
    counts = facts["report"].value_counts()
    for name in reports:
        _Messages.say(
            _msg(
                "figures_read",
                source=name,
                encoding=facts.attrs["encoding"][name],
                count=int(counts.get(name, 0)),
                findings=int((findings["report"] == name).sum()),
                where=_where(args.out),
            )
        )
    for row in findings.itertuples():
        _Messages.say(
            _msg("finding", source=row.report, begin=row.begin, kind=row.kind, detail=row.message, text=row.text)
        )
    return status


def catalogue_command(args: argparse.Namespace) -> int:
    """The list (id, name, unit, formula), or one indicator described field by field."""
    with _output(args.out) as f:
        if args.id is None:
            table = catalogue()[["id", f"name_{args.lang}", "unit", "formula"]]
            table["unit"] = [unit_text(u, args.lang) for u in table["unit"]]
            rows = table.astype(str).itertuples(index=False)
            print(_aligned(list(table.columns), rows, most=[None] * len(table.columns)), file=f)
            return 0
        definition = Catalogue(_core.Catalogue.builtin()).indicator(args.id)
        other = "en" if args.lang == "zh" else "zh"
        first = [f"name_{args.lang}", f"name_{other}"]
        for key in first + [k for k in definition if k not in first]:
            value = definition[key]
            if key == "direction":
                words = {1: "higher_is_better", -1: "lower_is_better", 0: "closer_to_benchmark"}.get(value)
                value = cli_message(words, args.lang) if words else value
            if isinstance(value, (list, tuple)):
                value = ", ".join(map(str, value))
            if key == "unit":
                value = unit_text(value, args.lang)
            print(f"{key + ':':<16}{value}", file=f)
    return 0


def demo_command(args: argparse.Namespace) -> int:
    with _naming_full_output(_msg("standard_output")):  # the tables printed; its files name themselves
        return demo(args.data or _sample_dir(), args.out)


# ------------------------------------------------------------------ the parser


def _file_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("file", metavar="FILE", help=f"{what}; '-' reads standard input")


def _separator(text: str) -> str:
    """--sep's value: one character, or tab written as \\t or 'tab' (a shell cannot easily pass
    a tab character)."""
    sep = {"\\t": "\t", "tab": "\t", "TAB": "\t"}.get(text, text)
    if len(sep) != 1:
        raise argparse.ArgumentTypeError(f"one character (or \\t), not {text!r}")
    try:  # the loader's own rule (a quote, '.', a digit... cannot separate), also for the pandas paths
        _core.parse_csv(b"", separator=sep)
    except _core.ArgumentError as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    except (_core.Error, ValueError):  # the empty input itself; ValueError: a character beyond one byte
        if ord(sep) > 0x7F:
            raise argparse.ArgumentTypeError(f"an ASCII mark, not {text!r}") from None
    return sep


def _csv_file_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """FILE, a CSV, and --sep for files separated otherwise (a ';' file from a European Excel, a
    tab-separated export)."""
    _file_argument(parser, what)
    parser.add_argument(
        "--sep",
        type=_separator,
        default=",",
        metavar="CHAR",
        help="the field separator of FILE (default ','; \\t for tabs)",
    )
    parser.add_argument(
        "--decimal",
        choices=[".", ","],
        metavar="MARK",
        help="the decimal mark of FILE's numbers, '.' or ',' (Excel's CSV separated by ';' where the comma is the "
        "decimal mark); by default '.', and in a ';' file a number with a comma is refused until it is given",
    )


def _key_column_arguments(parser: argparse.ArgumentParser, period_value: bool = True) -> None:
    """--entity and --period-column: FILE's key columns when their headings are not ones read_csv
    knows (entity, region, 地区代码, 区县…; period, year, 年份, 年度…); --period-value, the period of
    a file without a period column (a bureau's sheet per year saved as CSV: its year is the sheet's
    name, no column; before, the command line had no way to give it)."""
    parser.add_argument(
        "--entity", metavar="COLUMN", help="the column of entity codes, when its heading is not one zhibiao knows"
    )
    parser.add_argument(
        "--period-column", metavar="COLUMN", help="the column of periods, when its heading is not one zhibiao knows"
    )
    parser.add_argument(
        "--name",
        metavar="COLUMN",
        help="the column of the entities' names, when zhibiao would take another (the city's beside the county's) or none",
    )
    parser.add_argument(
        "--ignore",
        nargs="+",
        metavar="COLUMN",
        help="columns of FILE to leave out (a second column of names, notes, one of two headings read as one "
        "variable), by the heading as written or the name it is read as; separated by spaces or commas",
    )
    if period_value:
        parser.add_argument(
            "--period-value",
            metavar="PERIOD",
            type=_period_argument,
            help="the period of every row, when FILE has no period column (a sheet per year saved as CSV): "
            "2024, 2024H1, 2024Q2",
        )


def _out_argument(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--out", metavar="FILE", help=f"write {what} to FILE (default, or '-': standard output)")


def _drop_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--drop",
        nargs="+",
        metavar="COLUMN",
        help="columns of FILE that are not indicators (codes, notes): left out. A column of each unit's "
        "parent administrative code is read as a label without it",
    )


def _add_compute(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "compute",
        parents=[common],
        help="compute catalogue indicators for a CSV panel",
        description="Compute catalogue indicators for a CSV panel (wide or long; UTF-8 or GB18030). "
        "By default the result has, after each indicator column, a column <id>_reason saying why a "
        "value is missing (empty when present); --reasons FILE writes them to a table of their own.",
    )
    _csv_file_argument(p, "the panel CSV (entity, period and variable columns)")
    _key_column_arguments(p)
    p.add_argument(
        "--ids",
        nargs="+",
        metavar="ID",
        help="indicator ids to compute, separated by spaces or commas (default: the whole catalogue)",
    )
    _out_argument(p, "the indicator table")
    reasons = p.add_mutually_exclusive_group()
    reasons.add_argument(
        "--reasons",
        metavar="FILE",
        help="write why each value is missing to FILE, same shape as the result, instead of <id>_reason columns",
    )
    reasons.add_argument("--no-reasons", action="store_true", help="leave out the <id>_reason columns")
    p.add_argument(
        "--lenient",
        action="store_true",
        help="unparseable cells become missing (reason 'unparseable') and malformed rows are skipped, counted on stderr",
    )
    p.add_argument(
        "--format",
        choices=["csv", "xlsx"],
        default="csv",
        help="csv (default) or xlsx: a workbook with sheets values, units and reasons (needs --out FILE)",
    )
    _basis_argument(p)
    p.add_argument(
        "--full-precision", action="store_true", help="write every digit instead of the catalogue's decimals"
    )
    p.add_argument(
        "--bom", action="store_true", help="start the CSV with a UTF-8 BOM, so Excel reads its Chinese right"
    )
    p.set_defaults(run=compute_file)


_BASIS_HELP = (
    "how time progress (elapsed(), progress_vs_time) is measured: month (default, June = 50%%), day, or quarter"
    " (whole quarters over: January-May = 25%%)"
)
# Its Chinese beside it (the command line's other words are in _lang.py's _CLI_ZH).
_CLI_ZH.setdefault(
    _BASIS_HELP,
    "序时进度（elapsed()、progress_vs_time）的口径：month（默认，按月，6月 = 50%%）、day（按日）或 quarter（按已过季度，1-5月 = 25%%）",
)


def _basis_argument(parser: argparse.ArgumentParser) -> None:
    """--basis month|day|quarter: how elapsed() (序时进度, progress_vs_time) measures the year, as
    Panel.compute(basis=...)."""
    parser.add_argument("--basis", default="month", choices=["month", "day", "quarter"], help=_BASIS_HELP)


def _add_explain(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "explain",
        parents=[common],
        help="where one indicator value of a CSV panel comes from",
        description="Explain one indicator value: its formula, the values it read (entity, period, "
        "value as stored and in the unit the formula uses, why one is missing), the unit conversion "
        "and the catalogue's valid range.",
    )
    _csv_file_argument(p, "the panel CSV (entity, period and variable columns)")
    p.add_argument("indicator", metavar="INDICATOR", help="the indicator id")
    p.add_argument("code", metavar="ENTITY", help="the entity code")
    p.add_argument("at", metavar="PERIOD", help="the period (2024, 2024H1, 2024Q2, 2024-06)")
    _key_column_arguments(p)
    _out_argument(p, "the account")
    _basis_argument(p)
    p.add_argument(
        "--lenient",
        action="store_true",
        help="unparseable cells become missing (reason 'unparseable') and malformed rows are skipped, counted on stderr",
    )
    p.set_defaults(run=explain_file)


def _add_validate(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "validate",
        parents=[common],
        help="data-quality checks on a CSV panel (exit 1 when there are findings)",
        description="Check a CSV panel against data-quality rules. Findings (entity, period, variable, "
        "rule, severity, message) are written as CSV; the exit status is 1 when there are any.",
    )
    _csv_file_argument(p, "the panel CSV")
    _key_column_arguments(p)
    p.add_argument("--rules", metavar="TOML", help="a TOML file of [[rule]] tables (default: the built-in rules)")
    _out_argument(p, "the findings")
    p.add_argument("--lenient", action="store_true", help="load unparseable cells as missing instead of stopping")
    p.set_defaults(run=validate_file)


def _add_rollup(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "rollup",
        parents=[common],
        help="sum a CSV panel up to parent regions",
        description="Sum the extensive variables of a panel up to the parents (rates are not summed; "
        "indicators computed on the result are ratios of sums). The result is a panel CSV that "
        "'zhibiao compute' reads, with units in the header (var[unit]).",
    )
    _csv_file_argument(p, "the panel CSV of the children")
    _key_column_arguments(p)
    p.add_argument(
        "--parents",
        default="admin",
        metavar="admin|FILE",
        help="'admin' (default): parents from 6-digit administrative codes; or a CSV of child,parent codes",
    )
    p.add_argument(
        "--to",
        choices=["prefecture", "province"],
        help="with --parents admin: the level to roll up to " "(default: the immediate parent)",
    )
    p.add_argument(
        "--partial-sums",
        action="store_true",
        help="sum the children with a valid value instead of marking a parent missing when some lack one",
    )
    p.add_argument(
        "--also-sum", nargs="+", metavar="VAR", help="variables to sum although the catalogue does not say they add up"
    )
    p.add_argument("--lenient", action="store_true", help="load unparseable cells as missing instead of stopping")
    _out_argument(p, "the rolled-up panel")
    p.add_argument("--coverage", metavar="FILE", help="write the coverage table (children, with data, valid) to FILE")
    p.set_defaults(run=rollup_file)


def _add_composite(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "composite",
        parents=[common],
        help="build a composite index from a CSV",
        description="Build a composite index: a CSV with one row per unit, or with --period a panel "
        "CSV of which one period is scored. Writes scores per node and the rank.",
    )
    _csv_file_argument(p, "the CSV of units and indicators")
    p.add_argument(
        "--model",
        metavar="NAME|TOML",
        help="a model TOML file, or a preset: " + ", ".join(composite_presets()) + " (default: eis)",
    )
    p.add_argument(
        "--unit",
        default=None,
        metavar="COLUMN",
        help="the column naming the units (default: the first; " "with --period: detected as by compute)",
    )
    p.add_argument("--period", metavar="PERIOD", help="read FILE as a panel and score this period (e.g. 2024)")
    p.add_argument(
        "--lower",
        nargs="+",
        metavar="COLUMN",
        help="indicator columns where lower is better (energy per GDP…), as --lower a,b; without a model "
        "framework the others are higher-is-better (catalogue indicators take the catalogue's direction)",
    )
    _drop_argument(p)
    _out_argument(p, "the scores and ranks")
    p.set_defaults(run=composite_file)


def _add_scorecard(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "scorecard",
        parents=[common],
        help="score a CSV of firms against a qualification rule pack",
        description="Score firms against a qualification rule pack (status, total, points per item, "
        "explanations); a progress bar on stderr when it is a terminal. A row that cannot be read (a field "
        "too many) is its firm's, scored invalid input with FILE:LINE; the exit status is then 1.",
    )
    _csv_file_argument(p, "the CSV of firms, one row each")
    _key_column_arguments(p, period_value=False)  # its --year is the period of a file without one
    p.add_argument(
        "--pack",
        default="tech-sme-2017",
        metavar="NAME|TOML",
        help="tech-sme-2017 (default), hnte-2016, hnte-2008 or a rule pack TOML file",
    )
    p.add_argument("--gap", action="store_true", help="add gap_* columns: what a failing firm lacks to qualify")
    p.add_argument(
        "--cost",
        action="append",
        type=_cost_argument,
        metavar="INPUT=WANYUAN",
        help="with --gap: what one unit of a controllable input costs, in 10,000 yuan (repeatable; "
        "e.g. st_staff=15), instead of the pack's planning assumption",
    )
    p.add_argument(
        "--policy",
        default="low",
        choices=["low", "high", "mid"],
        help="where a band gives a range of points (HNTE's expert bands, A = 9–10): low = its lower end "
        "(default), high = its upper end, mid = its middle in whole points, rounded half up (9–10 → 10, "
        "19–24 → 22)",
    )
    p.add_argument(
        "--year",
        default="2024",
        type=_period_argument,
        help="the evaluation year, when the file has no period column (default 2024)",
    )
    _out_argument(p, "the scored firms")
    p.set_defaults(run=scorecard_file)


def _cost_argument(text: str) -> tuple[str, float]:
    """INPUT=万元, checked where it is given; the input's name is checked against the pack's
    controllable inputs (with "did you mean") by the gap itself."""
    name, sep, value = text.partition("=")
    try:
        cost = float(value)
    except ValueError:
        cost = math.nan
    if not sep or not name.strip() or not math.isfinite(cost):
        raise argparse.ArgumentTypeError(cli_message("cost_not_a_price", _Parser.lang, text=text))
    if cost < 0:  # said of the option, not of FILE's column of the same name (gap's "costs: …")
        if _Parser.lang == "zh":
            raise argparse.ArgumentTypeError(f"'{text}'：{name.strip()} 的单位成本须 ≥ 0 万元，而不是 {value.strip()}")
        raise argparse.ArgumentTypeError(
            f"'{text}': the cost of one unit of {name.strip()} must be ≥ 0 (10,000 yuan), not {value.strip()}"
        )
    return name.strip(), cost


def _period_argument(text: str) -> str:
    """A period given on the command line, checked where it is given: a bad one is the option's
    error (argument --year: cannot read period '20x4' …), not a fault of the file's line 2."""
    try:
        _core.Period(text)
    except _core.Error as e:
        raise argparse.ArgumentTypeError(str(e)) from None
    return text


def _add_extract(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "extract",
        parents=[common],
        help="read the figures of a report text into a table",
        description="Read the figures of a report text (UTF-8, GB18030 or UTF-16) into a CSV, one row "
        "per figure; findings (damaged spots) on stderr. With --panel --entity NAME: the panel CSV that "
        "'zhibiao compute -' reads. Exit 1 when some bytes were not text (skipped, said on stderr); 2 when a "
        "file is not read (missing, too large, or binary: NUL bytes not in the pattern of UTF-16).",
    )
    p.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="the report text; '-' reads standard input; several: one table, a report column (the file name) first",
    )
    p.add_argument(
        "--lexicon", metavar="TOML", help="a TOML file of [[variable]] id, phrases, unit (default: built-in)"
    )
    p.add_argument("--threads", type=int, default=0, help="threads (default: every core; the result is the same)")
    p.add_argument("--table", action="store_true", help="print an aligned table for reading instead of CSV")
    p.add_argument(
        "--panel",
        action="store_true",
        help="write the report's panel (zb.read_report) instead of its figures: entity, period, a column "
        "per variable with its unit; what was left out on stderr",
    )
    p.add_argument("--entity", metavar="NAME", help="with --panel: the entity the report is of (e.g. a county)")
    p.add_argument("--period", metavar="P", help="with --panel: the period of figures that state none (e.g. 2025)")
    p.add_argument("--findings", metavar="FILE", help="with --panel: write what was left out, and why, as CSV to FILE")
    _out_argument(p, "the figures")
    p.set_defaults(run=extract_file)


def _add_catalogue(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "catalogue",
        parents=[common],
        help="list the built-in indicators, or describe one",
        description="List the built-in indicators (id, name, unit, formula), or describe one by id.",
    )
    p.add_argument("id", nargs="?", metavar="ID", help="describe this indicator (default: list all)")
    _out_argument(p, "the list or description")
    p.set_defaults(run=catalogue_command)


def _add_demo(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "demo",
        parents=[common],
        help="compute the catalogue on the bundled sample data",
        description="Run the catalogue, extractor, checks and a composite index on the bundled "
        "sample data; prints tables and writes CSV files to --out.",
    )
    p.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder with city_report.csv and counties_synthetic.csv (default: the bundled samples)",
    )
    p.add_argument(
        "--out", type=Path, default=Path("out"), metavar="DIR", help="folder for the CSV files (default: out)"
    )
    p.set_defaults(run=demo_command)


def _flag_alias(flag: str, known: set[str]) -> str | None:
    """The option another tool's name stands for (--Nboot, --num-resamples → --bootstrap): the
    keywords of uncertainty() in data/composite/aliases.toml, which the command's options share."""
    said = str(
        _core.composite_parameter_hint("uncertainty()", flag.lstrip("-"), [k[2:].replace("-", "_") for k in known])
    )
    match = re.search(r"did you mean '([^']+)'", said)
    return "--" + match.group(1).replace("_", "-") if match else None


# Options an analyst spells by what they mean, far from ours in letters (--indicator is no edit
# away from --ids): each word → the option it stands for, suggested where the command has it.
_FLAG_MEANINGS = {
    "--indicator": "--ids",
    "--indicators": "--ids",
    "--indicator-ids": "--ids",
    "--id": "--ids",
    "--output": "--out",
    "--outfile": "--out",
    "--output-file": "--out",
    "--separator": "--sep",
    "--delimiter": "--sep",
    "--delim": "--sep",
    "--region": "--entity",
    "--year-column": "--period-column",
}
_PERIOD_VALUE_IS_FOR = "(--period-value is the period of a file without a period column; a file with one gives its own)"
_PERIOD_FLAGS = ("--year", "--period", "--period-value", "--period-column")


def _period_flag(flag: str, known: set[str], value: str | None) -> str | None:
    """The option a period flag the command lacks stands for, by the value after it: a period
    (--year 2024, --period-value 2024) is the period of every row — --period-value, or scorecard's
    --year —, a heading (--year 年份) the period column's."""
    if flag.lower() not in _PERIOD_FLAGS:
        return None
    a_period = value is None or _is_period_text(value)
    for option in ("--period-value", "--year") if a_period else ("--period-column",):
        if option in known:
            return option
    return None


def _flag_meaning(flag: str, known: set[str]) -> str | None:
    """The option ``flag`` names by its meaning (--indicator → --ids), when the command has it."""
    meant = _FLAG_MEANINGS.get(flag.lower())
    return meant if meant in known else None


def _flag_extended(flag: str, known: set[str], value: str | None = None) -> str | None:
    """The one option that is ``flag`` and more words (--period → --period-column), which the
    spelling alone misses: a short flag is near many others (--period was '--version'). Of two,
    the value after the flag tells: a period (--period 2024) is --period-value's, a heading
    (--period 年份) --period-column's."""
    longer = sorted(k for k in known if k.startswith(flag + "-"))
    if len(longer) == 1:
        return longer[0]
    if {flag + "-column", flag + "-value"} <= set(longer) and value is not None:
        return flag + ("-value" if _is_period_text(value) else "-column")
    return None


#: What an editor or a Chinese input method makes of "--": one dash, an en or em dash, a minus, a
#: full-width hyphen (－－ids), a hyphen of Unicode's own.
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"


def _dashes_retyped(word: str, known: set[str]) -> str | None:
    """The long option ``word`` is with its dashes (and full-width letters) typed as ASCII:
    ``-ids``, ``—ids``, ``–ids``, ``－－ｉｄｓ`` → ``--ids``; None when it is no such slip."""
    if not word or word[0] not in _DASHES or word in known:
        return None
    name = unicodedata.normalize("NFKC", word.split("=", 1)[0]).lstrip(_DASHES)
    retyped = "--" + name
    return retyped if name and retyped in known and retyped != word else None


class _Parser(argparse.ArgumentParser):
    """argparse with "did you mean" for a misspelled option (exit status 2, no traceback).

    Abbreviations are refused: argparse would take ``--id`` for ``--ids`` and, once another option
    starting ``--id`` is added, a script written against this version would stop working."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:
        self._command_named().print_usage(sys.stderr)
        unknown = self._unknown_options()
        if unknown and not message.startswith("argument --"):
            # "--lexcon x.toml r.txt": FILE took x.toml and argparse lists "--lexcon r.txt", the file
            # lumped in with the slip; "--lnag en catalogue": 'en' taken for the command. The slip
            # alone is the mistake
            message = f"unrecognized option {', '.join(unknown)} (the words after it were not read as its value)"
        said = cli_text(f"{self.prog}: error: {message}", _Parser.lang)
        self.exit(2, f"{said}{self._suggestion(message)}\n")

    def refuse_empty_values(self) -> None:
        """An option given an empty value (``--ids ''``, ``--entity=``, a shell variable never set)
        is an error: argparse takes it, and ``--ids ''`` wrote no indicator with exit status 0,
        ``--entity ''`` was read as no --entity at all."""
        nargs = {o: a.nargs for a in self._actions_here_and_in_command() if a.nargs != 0 for o in a.option_strings}
        words = self._words_before_end_of_options()
        for k, word in enumerate(words):
            flag, equals, value = word.partition("=")
            if flag not in nargs:
                continue
            if equals:
                values = [value]
            elif nargs[flag] in ("+", "*"):  # --ids a '' b: up to the next option
                values = list(itertools.takewhile(lambda w: not w.startswith("-") or w == STDIO, words[k + 1 :]))
            else:
                values = words[k + 1 : k + 2]
            if any(not v.strip() for v in values):
                self.error(f"argument {flag}: an empty value names nothing: give one, or leave {flag} out")

    def _unknown_options(self) -> list[str]:
        """The long options on the command line that no parser here knows."""
        known = set(self._option_names())
        flags = (word.split("=", 1)[0] for word in self._words_before_end_of_options())
        return [
            flag
            for flag in flags
            if (flag.startswith("--") and flag not in known) or _dashes_retyped(flag, known) is not None
        ]

    def _suggestion(self, message: str) -> str:
        """A hint for each unknown long option on the command line, whatever error argparse met
        first (``--lan en compute`` fails on 'en' as the command, but --lan is the slip)."""
        known = set(self._option_names())
        hints = []
        words = self._words_before_end_of_options()
        for k, word in enumerate(words):
            flag = word.split("=", 1)[0]
            retyped = _dashes_retyped(flag, known)
            if (not flag.startswith("--") or flag in known) and retyped is None:
                continue
            value = word.split("=", 1)[1] if "=" in word else (words[k + 1] if k + 1 < len(words) else None)
            # compared without the dashes, which every flag shares and which would make a far
            # name look close (--lenient → --quiet)
            close = (
                retyped
                or _flag_alias(flag, known)
                or _period_flag(flag, known, value)
                or _flag_meaning(flag, known)
                or _flag_extended(flag, known, value)
                or closest_name(flag, sorted(known), fold=lambda name: name.lstrip("-"))
            )
            if close and close not in hints:
                hints.append(cli_text(f"{flag}: did you mean {close}?", _Parser.lang))
                if close == "--period-value":  # argparse has not read FILE: whether it has a period column is unknown
                    hints.append(cli_text(_PERIOD_VALUE_IS_FOR, _Parser.lang))
        hints += self._choice_suggestion(message)
        return ("\n" + "\n".join(hints)) if hints else ""

    def _choice_suggestion(self, message: str) -> list[str]:
        """argparse lists the choices of ``--policy hi`` but names none of them; the closest one,
        from the parser's own choices (how argparse quotes them in the message changed in 3.12.8)."""
        match = re.search(r"argument (\S+): invalid choice: '(.*)' \(choose from", message)
        if match is None:
            return []
        name, given = match.groups()
        for action in self._actions_here_and_in_command():
            if action.choices and name in ("/".join(action.option_strings), action.metavar, action.dest):
                choices = [str(c) for c in action.choices]
                close = closest_lang(given) if set(choices) == set(LANGUAGES) else closest_name(given, choices)
                return [cli_text(f"{given}: did you mean {close}?", _Parser.lang)] if close else []
        return []

    def _command_named(self) -> argparse.ArgumentParser:
        """The parser of the subcommand on the command line (argparse reports an unknown option of
        ``zhibiao compute`` from the top level, whose usage line says nothing of compute's options)."""
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                command = next((w for w in _Parser.argv if w in action.choices), None)
                if command is not None:
                    return action.choices[command]._command_named()
        return self

    def _actions_here_and_in_command(self) -> list[argparse.Action]:
        """This parser's arguments and those of the subcommand named on the command line."""
        actions = list(self._actions)
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                command = next((w for w in _Parser.argv if w in action.choices), None)
                if command is not None:
                    actions += action.choices[command]._actions_here_and_in_command()
        return actions

    @staticmethod
    def _words_before_end_of_options() -> list[str]:
        words = list(_Parser.argv)
        return words[: words.index("--")] if "--" in words else words

    def _option_names(self) -> list[str]:
        """This parser's long options and those of the subcommand named on the command line."""
        names = [o for a in self._actions for o in a.option_strings if o.startswith("--")]
        for action in self._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            command = next((w for w in _Parser.argv if w in action.choices), None)  # not the value of --lang
            if command is not None:
                names += action.choices[command]._option_names()
        return names

    argv: Sequence[str] = ()
    lang = "en"  # of the error messages, as of the help


class _ChineseHelp(argparse.HelpFormatter):
    """argparse's own words (usage, options) in Chinese."""

    def start_section(self, heading: str | None) -> None:
        super().start_section(cli_text(heading or "", "zh") or heading)

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, cli_text("usage: ", "zh") if prefix is None else prefix)


def _in_language(parser: argparse.ArgumentParser, lang: str) -> None:
    """The parser's descriptions and help texts (and those of its subcommands) in ``lang``; the
    words are in _lang.py."""
    if lang == "en":
        return
    parser.formatter_class = _ChineseHelp
    parser.description = cli_text(parser.description or "", lang) or None
    parser.epilog = cli_text(parser.epilog or "", lang) or None
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            action.help = cli_text(action.help, lang)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = cli_text(choice.help or "", lang)
            for subparser in action.choices.values():
                _in_language(subparser, lang)


_LANG_HELP = (
    "language of the help and of names and units in the output: zh or en (default: $ZHIBIAO_LANG, "
    "then zh when $LANG starts with zh; otherwise help in English, names and units in Chinese)"
)


def _lang_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: given before the subcommand, it is not overwritten by the subcommand's default
    parser.add_argument("--lang", choices=["zh", "en"], default=argparse.SUPPRESS, help=_LANG_HELP)


def _lang_asked(argv: Sequence[str]) -> str | None:
    """The --lang of the command line, before or after the subcommand (read before parsing, so
    that --help is shown in it)."""
    for i, word in enumerate(argv):
        if word == "--":
            break
        value = argv[i + 1] if word == "--lang" and i + 1 < len(argv) else word[len("--lang=") :]
        if (word == "--lang" or word.startswith("--lang=")) and value in ("zh", "en"):
            return value
    return None


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The command line's parser, its help in ``lang``."""
    parser = _Parser(
        prog="zhibiao",
        description="Indicators, checks, roll-ups, composite indices and scorecards from S&T statistics.",
        epilog="FILE '-' is standard input; results go to standard output unless --out FILE; messages to stderr. "
        "Exit status: 0 ok, 1 findings (validate; extract: bytes not text; scorecard: rows not read), "
        "2 bad input or usage.",
    )
    parser.add_argument("--version", action="version", version=f"zhibiao {_core.__version__}")
    common = _Parser(add_help=False)
    common.add_argument(
        "-q", "--quiet", action="store_true", help="no messages or progress on stderr (errors still shown)"
    )
    _lang_option(parser)
    _lang_option(common)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    from ._cli_uncertainty import add_parser as _add_uncertainty

    for add in (
        _add_compute,
        _add_explain,
        _add_validate,
        _add_rollup,
        _add_composite,
        _add_uncertainty,
        _add_scorecard,
        _add_extract,
        _add_catalogue,
        _add_demo,
    ):
        add(sub, common)
    _in_language(parser, lang)
    return parser


def composite_presets() -> list[str]:
    from . import composite

    return list(composite.PRESETS)


def _quiet_stdout() -> None:
    """After a closed pipe: send what is left to /dev/null so the exit flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _in_cli_words(message: str, args: argparse.Namespace | None = None) -> str:
    """The library's hint for a file separated otherwise names the Python keyword; here the flag,
    where the command has it (``args``: the command's options; composite has no --entity): else
    the heading to give the column."""

    def has(option: str) -> bool:
        return args is None or hasattr(args, option)

    # the C++ option after the keyword, or not (read_csv's message names its keywords only)
    message = re.sub(r"read it with sep='(.+?)'(?: \(csv_options::separator\))?", r"give --sep '\1'", message)
    for entity in ("entity=...", "csv_options::entity"):  # read_csv's keyword, or C++'s option (a direct call)
        said = "name it with --entity COLUMN" if has("entity") else "give it one of the headings zhibiao knows"
        message = message.replace(f"name it with {entity}", said)
    for period in ("period=... ", "csv_options::period "):
        said = (
            "name it with --period-column COLUMN "
            if has("period_column")
            else "give it one of the headings zhibiao knows "
        )
        message = message.replace(f"name it with {period}", said)
    if message.endswith("has no period in the text: pass period=") and has("period"):  # to_panel's (--panel)
        message = message[: -len("pass period=")] + "give --period P (the period the report is of: 2025, 2025H1, …)"
    for period_value in ("period_value=...", "csv_options::period_value"):
        said = "give every row one with --period-value PERIOD"
        message = message.replace(
            f", or give every row one with {period_value}", "" if not has("period_value") else f", or {said}"
        )
        message = message.replace(f"give every row one with {period_value}", said)
    for units in (" or pass them as units={...}", " or give them with csv_options::units"):  # no flag gives units
        message = message.replace(f" and delete the line,{units}", " and delete the line")
    message = re.sub(r"\(to='(\w+)'\)", r"(--to \1)", message)  # rollup's level
    message = message.replace(  # compute --ids: the library's way out is a Python keyword
        "strict=False computes the others and gives these NaN with reason missing_variable",
        "leave them out of --ids, or leave out --ids to compute every indicator (those the panel lacks a "
        "variable for are written empty, with reason missing_variable)",
    )
    message = re.sub(  # a published indicator: no panel object to read it from here
        r"read it with panel\.values\('.+?'\); compute\(\) derives it",
        "compute derives it",
        message,
    )
    message = _ignore_in_cli_words(message, "--ignore" if has("ignore") else "--drop" if has("drop") else None)
    # composite/uncertainty: the CLI has no Impute step to add; a model file gives one
    message = message.replace(
        "(impute first: an Impute step)",
        '(impute first: a model file, --model FILE, with a [[step]] of kind = "impute" (method = "mean", …) '
        "before the others; or a model whose aggregation leaves a missing value out, as --model eis does)",
    )
    return re.sub(
        r"decimal=',' or decimal='\.'(?: \(csv_options::decimal\))?", "--decimal ',' or --decimal '.'", message
    )


def _ignore_in_cli_words(message: str, flag: str | None) -> str:
    """read_csv's ignore= as the command's flag that leaves a column out (compute, validate, rollup,
    scorecard: --ignore; composite: --drop); a command with neither has the file lose the column."""
    if flag is None:
        return re.sub(
            r"leave it out with ignore=\['(.+?)'\], or read it as the names with name='.+?'",
            r"remove the column '\1' from the file",
            message,
        )
    names = r", or read it as the names with --name \2" if flag == "--ignore" else ""  # composite has no --name
    message = re.sub(
        r"(leave it out with) ignore=\['(.+?)'\], or read it as the names with name='.+?'",
        rf"\1 {flag} \2{names}",
        message,
    )
    message = message.replace("leave it out with ignore=[...]", f"leave it out with {flag} COLUMN")
    message = message.replace("leave one out with ignore=[...]", f"leave one out with {flag} COLUMN")
    return message.replace("ignore= names", f"{flag} names")


def _say_warning(message: Any, category: Any, filename: str, lineno: int, file: Any = None, line: Any = None) -> None:
    """A library warning as one line of the CLI's messages (silenced by --quiet), not Python's
    format (the warning's class, a file path and a source line)."""
    _Messages.say(_msg("library_warning", detail=" ".join(str(message).split())))


def _with_input_file(error: Any, args: argparse.Namespace) -> str:
    """An error about a variable or an entity of the loaded data, raised after loading (compute's
    "variable 'rd' has no unit"), names no file: the library computes on a panel, not on a file.
    The command line knows which file FILE was, and says it as a load error would."""
    text = str(error)
    name = getattr(args, "file", None)
    about_data = getattr(error, "variable", None) or getattr(error, "entity", None)
    if not about_data or getattr(error, "file", None) or not isinstance(name, str):
        return text
    shown = "<stdin>" if name == "-" else name
    return f"{shown} {text}" if text.startswith("(") else f"{shown}: {text}"


def _run(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    import pandas as pd
    import warnings

    try:
        with warnings.catch_warnings():
            warnings.showwarning = _say_warning
            _check_paths(args)
            status = run(args)
        with _naming_full_output(_msg("standard_output")):
            sys.stdout.flush()
        return status
    except BrokenPipeError:  # the reader stopped (| head): not an error of ours
        _quiet_stdout()
        return 0
    except _core.Error as e:
        print(_msg("error", detail=_in_cli_words(_with_input_file(e, args), args)), file=sys.stderr)
    except OSError as e:  # a missing file, a directory, a device, no permission
        name = f"{e.filename}: " if e.filename and str(e.filename) not in str(e.strerror) else ""
        print(_msg("error", detail=f"{name}{e.strerror or e}"), file=sys.stderr)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        print(_msg("error", detail=f"{getattr(args, 'file', '')}: {e}"), file=sys.stderr)
    except MemoryError as e:  # std::bad_alloc of a request larger than the machine (-n 10**12)
        print(_msg("error", detail=_msg("out_of_memory", detail=str(e) or "MemoryError")), file=sys.stderr)
    except KeyboardInterrupt:
        print(_msg("interrupted"), file=sys.stderr)
        return 130
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    _Parser.argv = list(sys.argv[1:] if argv is None else argv)
    try:
        asked = _lang_asked(_Parser.argv) or environment_lang(os.environ)
    except _core.Error as e:  # ZHIBIAO_LANG=fr
        print(f"zhibiao: ZHIBIAO_LANG: {e}", file=sys.stderr)
        return 2
    _Parser.lang = asked or "en"
    with _stderr_best_effort():
        try:
            parser = build_parser(_Parser.lang)
            with _naming_full_output(_msg("standard_output")):
                args = parser.parse_args(argv)
        except BrokenPipeError:  # --help | head
            _quiet_stdout()
            return 0
        except OSError as e:  # --help, --version to a full disk
            _quiet_stdout()
            print(_msg("error", detail=f"{e.filename}: {e.strerror}" if e.filename else str(e)), file=sys.stderr)
            return 2
        if isinstance(parser, _Parser):
            parser.refuse_empty_values()
        args.lang = getattr(args, "lang", None) or asked or "zh"  # names and units in output: Chinese by default
        _Messages.quiet = args.quiet
        _Messages.lang = _Parser.lang
        return _run(args.run, args)


class _BestEffort(io.TextIOBase):
    """Standard error that cannot fail (2>/dev/full, a closed pipe): the messages are lost, the work
    and its exit status are not. A message nobody can read is no reason to stop the work, and an
    exit status of its own would hide the work's (0 done, 1 findings, 2 an error)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            _silence(self._stream)
        return len(text)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except (OSError, ValueError):
            _silence(self._stream)

    def isatty(self) -> bool:
        return bool(self._stream.isatty())

    def fileno(self) -> int:
        return int(self._stream.fileno())

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return str(getattr(self._stream, "encoding", "utf-8"))


def _silence(stream: Any) -> None:
    """What is left in ``stream``'s buffer, and all later writes, to /dev/null, so that Python's own
    flush at exit does not fail on it again."""
    with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


@contextlib.contextmanager
def _stderr_best_effort() -> Iterator[None]:
    saved = sys.stderr
    sys.stderr = cast(TextIO, _BestEffort(saved))
    try:
        yield
    finally:
        sys.stderr = saved


if __name__ == "__main__":
    sys.exit(main())
