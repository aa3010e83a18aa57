"""The zhibiao command line.

    zhibiao demo [--data DIR] [--out DIR]     the catalogue on the bundled sample data
    zhibiao compute FILE.csv [--ids ...] [--out FILE.csv] [--lenient]
    zhibiao catalogue                          list the built-in indicators
    zhibiao scorecard FIRMS.csv --pack tech-sme-2017 [--gap] [--out FILE.csv]
"""

from __future__ import annotations

import argparse
import math
import sys
import unicodedata
from importlib import resources
from pathlib import Path
from typing import Any, Sequence

from . import _core
from ._catalogue import catalogue
from ._panel import Panel, read_csv


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


def _format(value: float, decimals: int) -> str:
    return "—" if math.isnan(value) else f"{value:,.{decimals}f}"


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
        print(_pad(m["name_zh"], zh) + _pad(m["name_en"], en) + _pad(_format(row[id_], int(m["decimals"])), 10, True)
              + "  " + _pad(m["unit"], 10) + note, file=out)


def demo(data_dir: Path, out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    city = read_csv(data_dir / "city_report.csv")
    values, reasons = city.compute(reasons=True)
    print(f"示例市 2025年上半年 — indicators from {data_dir / 'city_report.csv'}\n")
    _print_city_table(values, reasons)
    values.to_csv(out_dir / "city_indicators.csv")
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
    values.to_csv(out_dir / "counties_indicators.csv")
    reasons.to_csv(out_dir / "counties_reasons.csv")
    meta = catalogue().set_index("id")
    report = counties.report
    print(f"\n{len(counties)} county-years (SYNTHETIC, {len(counties.entities)} counties) from {data_dir / 'counties_synthetic.csv'}:"
          f" {report['rows_loaded']} rows loaded, {report['cells_missing']} cells empty\n")
    print(f"{'indicator':<28}{'unit':<10}{'present':>8}{'median':>12}{'min':>12}{'max':>12}  why missing")
    print("-" * 110)
    for id_ in values.columns:
        column = values[id_]
        counts = reasons[id_].value_counts()
        counts = counts[counts > 0]
        why = ", ".join(f"{k} {v}" for k, v in counts.items()) or "-"
        d = int(meta.loc[id_, "decimals"])
        present = int(column.notna().sum())
        stats = [_format(float(x), d) if present else "—" for x in (column.median(), column.min(), column.max())]
        print(f"{id_:<28}{_pad(meta.loc[id_, 'unit'], 10)}{present:>8}{stats[0]:>12}{stats[1]:>12}{stats[2]:>12}  {why}")
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
    print(f"\nData-quality checks: {findings.attrs['rules_applied']} rules applied, {len(findings)} findings")
    for (rule, severity), count in findings.groupby(["rule", "severity"]).size().items():
        print(f"  {severity:<5} {rule:<36} {count:5d}")
    findings.to_csv(out_dir / "counties_findings.csv", index=False)
    _demo_index(data_dir, out_dir, values, counties)
    print(f"\nCSV written to {out_dir}/: city_indicators.csv, city_reasons.csv, counties_indicators.csv, "
          "city_report_facts.csv, counties_reasons.csv, counties_findings.csv, county_index_scores.csv, "
          "county_index_contributions.csv")
    return 0


def _demo_index(data_dir: Path, out_dir: Path, values: Any, counties: Panel) -> None:
    from . import composite

    model = composite.Model.from_toml(str(data_dir / "county_index.toml"))
    year = values.xs("2024", level="period").copy()
    parents = counties.entities.set_index("code")["parent"]
    year["prefecture"] = parents.reindex(year.index).astype(str)
    result = composite.build(year, None, model)
    root = result.root
    ranks = result.ranks[root]
    within = result.rank(within="prefecture", data=year)[root]
    names = counties.entities.set_index("code")["name"]
    print(f"\nComposite index '{model.name}', 2024 ({len(result.scores)} counties):")
    for line in result.summary().splitlines()[1:]:
        print(f"  {line}")
    print("  Top 5:")
    for code in ranks.sort_values().head(5).index:
        print(f"  {int(ranks[code]):3d}. {code} {_pad(names[code], 16)} {result.scores.loc[code, root]:6.1f}"
              f"   (input {result.scores.loc[code, 'input']:5.1f}, output {result.scores.loc[code, 'output']:5.1f};"
              f" #{int(within[code])} in its prefecture)")
    t = result.treatment
    treated = ", ".join(f"{code} ({row.action}{f', {row.winsorised} points' if row.winsorised else ''})"
                        for code, row in t[t["action"] != ""].iterrows())
    print(f"  {len(result.changed_cells('imputed'))} cells imputed; outlier treatment: {treated or 'none needed'}")
    result.scores.assign(rank=ranks, rank_in_prefecture=within).to_csv(out_dir / "county_index_scores.csv")
    result.contributions.to_csv(out_dir / "county_index_contributions.csv")


def compute_file(path: Path, ids: Sequence[str] | None, out: Path | None, lenient: bool) -> int:
    panel: Panel = read_csv(path, lenient=lenient)
    values, reasons = panel.compute(ids or None, reasons=True)
    target = out or path.with_name(path.stem + "_indicators.csv")
    values.to_csv(target)
    reasons.to_csv(target.with_name(target.stem + "_reasons.csv"))
    report = panel.report
    print(f"{report['rows_loaded']} rows loaded ({report['blank_lines']} blank, {report['rows_skipped']} skipped, "
          f"{report['cells_unparseable']} unparseable cells); {len(values.columns)} indicators written to {target}")
    return 0


def scorecard_file(path: Path, pack: str, out: Path | None, with_gap: bool, policy: str, year: str) -> int:
    from . import scorecards

    # The firm table through zhibiao's own CSV loader: text in a number column makes that firm
    # "invalid input" (lenient loading), everything else loads at the loader's speed.
    import pandas as pd

    try:
        firms: Any = read_csv(path, period_value=year, lenient=True)
    except _core.ParseError as e:
        if "no entity column" not in str(e):
            raise
        # No id column: number the firms by row, reading with pandas.
        firms = pd.read_csv(path, dtype=str, keep_default_na=False)
    try:
        from tqdm import tqdm
    except ImportError:  # a plain count instead of a bar
        tqdm = None
    progress = tqdm(total=len(firms), unit="firms", desc=pack, file=sys.stderr) if tqdm else None
    result = scorecards.evaluate(firms, pack, policy=policy)
    if with_gap:
        gaps = scorecards.gap(firms, pack, policy=policy)
        result = result.join(gaps.drop(columns=["status"]).add_prefix("gap_"))
    if progress:
        progress.update(len(firms))
        progress.close()
    target = out or path.with_name(path.stem + f"_{pack}.csv")
    result.to_csv(target)
    if isinstance(firms, Panel):
        report = firms.report
        print(f"{report['rows_loaded']} firms loaded ({report['rows_skipped']} lines skipped, {report['cells_unparseable']} "
              f"unreadable cells)")
    print(scorecards.summary(result))
    print(f"written to {target}")
    return 0


def composite_presets() -> list[str]:
    from . import composite

    return list(composite.PRESETS)


def extract_file(path: Path, lexicon: Path | None, out: Path | None) -> int:
    """Exit status: 0 read, 1 read but some bytes were not text (skipped, listed on stderr),
    2 not read (a missing file, a directory, a device, a file too large, a bad lexicon)."""
    import warnings

    from ._extract import InvalidBytesWarning, read_report_file

    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", InvalidBytesWarning)
            facts = read_report_file(path, lexicon)
    except OSError as e:
        print(f"zhibiao: {e.strerror if e.errno and e.strerror else e}", file=sys.stderr)
        return 2
    for w in caught:
        print(f"zhibiao: warning: {path}: {w.message}", file=sys.stderr)
    findings = facts.attrs["findings"]
    if out:
        facts.to_csv(out, index=False)
        print(f"{len(facts)} figures written to {out} (encoding {facts.attrs['encoding']})")
    else:
        print(f"{path}: encoding {facts.attrs['encoding']}, {len(facts)} figures, {len(findings)} findings")
        print(_facts_table(facts))
    for row in findings.itertuples():
        print(f"zhibiao: finding: {path}: character {row.begin}: {row.kind}: {row.message} ({row.text})", file=sys.stderr)
    return 1 if facts.attrs["invalid_bytes"] else 0


def _flag_names(row: Any, columns: Sequence[str]) -> str:
    return ",".join(c[len("flag_"):] for c in columns if getattr(row, c))


def _facts_table(facts: Any) -> str:
    flag_columns = [c for c in facts.columns if c.startswith("flag_")]
    lines = [f"{'variable':<28}{'value':>10}  {'unit':<8}{'period':<10}{_pad('text', 16)}flags"]
    for row in facts.itertuples():
        value = "—" if row.value != row.value else f"{row.value:g}" + (f"–{row.high:g}" if row.high != row.value else "")
        flags = _flag_names(row, flag_columns) + (f":{row.damage}" if getattr(row, "damage", "") else "")
        lines.append(f"{row.variable or '(no variable)':<28}{value:>10}  {_pad(row.unit, 8)}{row.period:<10}{_pad(row.text, 16)}{flags}")
    return "\n".join(lines)


def composite_file(path: Path, model: str | None, unit: str | None, out: Path | None) -> int:
    import pandas as pd

    from . import composite

    df = pd.read_csv(path)
    df = df.set_index(unit or df.columns[0])
    if model is None or model in composite.PRESETS:
        result = composite.build(df, None, preset=model or "eis")
    else:
        result = composite.build(df, None, composite.Model.from_toml(model))
    root = result.root
    table = result.scores.assign(rank=result.ranks[root]).sort_values("rank")
    target = out or path.with_name(path.stem + "_index.csv")
    table.to_csv(target)
    print(result.summary())
    print(table[[root, "rank"]].head(10).to_string())
    print(f"written to {target}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="zhibiao", description="Indicators from S&T statistics.")
    sub = parser.add_subparsers(dest="command", required=True)
    p_demo = sub.add_parser("demo", help="compute the catalogue on the bundled sample data")
    p_demo.add_argument("--data", type=Path, default=None, help="folder with city_report.csv and counties_synthetic.csv")
    p_demo.add_argument("--out", type=Path, default=Path("out"))
    p_compute = sub.add_parser("compute", help="compute indicators for a CSV panel")
    p_compute.add_argument("file", type=Path)
    p_compute.add_argument("--ids", nargs="*")
    p_compute.add_argument("--out", type=Path)
    p_compute.add_argument("--lenient", action="store_true")
    sub.add_parser("catalogue", help="list the built-in indicators")
    p_card = sub.add_parser("scorecard", help="score a CSV of firms against a qualification rule pack")
    p_card.add_argument("file", type=Path)
    p_card.add_argument("--pack", default="tech-sme-2017", help="tech-sme-2017, hnte-2016, hnte-2008 or a TOML file")
    p_card.add_argument("--out", type=Path)
    p_card.add_argument("--gap", action="store_true", help="add the gap to qualify for failing firms")
    p_card.add_argument("--policy", default="low", choices=["low", "high", "mid"])
    p_card.add_argument("--year", default="2024", help="the evaluation year, when the file has no period column")
    p_extract = sub.add_parser("extract", help="read the figures of a report text (UTF-8, GB18030 or UTF-16) into a table")
    p_extract.add_argument("file", type=Path)
    p_extract.add_argument("--lexicon", type=Path, help="a TOML file of [[variable]] id, phrases, unit")
    p_extract.add_argument("--out", type=Path, help="write the facts as CSV (default: print them)")
    p_composite = sub.add_parser("composite", help="build a composite index for a CSV with one row per unit")
    p_composite.add_argument("file", type=Path)
    p_composite.add_argument("--model", help="a model TOML file, or a preset: " + ", ".join(composite_presets()))
    p_composite.add_argument("--unit", default=None, help="the column naming the units (default: the first)")
    p_composite.add_argument("--out", type=Path)
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            return demo(args.data or _sample_dir(), args.out)
        if args.command == "compute":
            return compute_file(args.file, args.ids, args.out, args.lenient)
        if args.command == "scorecard":
            return scorecard_file(args.file, args.pack, args.out, args.gap, args.policy, args.year)
        if args.command == "extract":
            return extract_file(args.file, args.lexicon, args.out)
        if args.command == "composite":
            return composite_file(args.file, args.model, args.unit, args.out)
        table = catalogue()[["id", "name_zh", "unit", "formula"]]
        print(table.to_string(index=False))
        return 0
    except _core.Error as e:
        print(f"zhibiao: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
