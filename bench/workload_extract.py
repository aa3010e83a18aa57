"""Benchmark of the report extractor (issue #13, speed): MB/s of report text through the C++
core alone and through `zb.extract` to a DataFrame, beside a Python regular-expression scan of
the numbers in the same text. Targets: 100 MB/s in the core on one core, 50 MB/s to a DataFrame.

The text is the project's sample reports (tests/data/reports, data/sample) and generated
sentences in the style of bureau work reports, repeated to the size asked. The answers are
checked: as many figures through Python as in the core, every fact's text at its offsets, and
every number the regular expression finds inside a figure the extractor reports (the extractor
also reads Chinese numerals, so it finds more, never fewer).

"extract_many" (round 22): the same text cut at line ends into ~2,000 reports, read by one
zb.extract(list) call on 1 and 2 threads into one table, beside the regex scan report by report."""

from __future__ import annotations

import random
import re
from pathlib import Path

from harness import Record, cpu_seconds, measure

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

FULL_SIZE = {"extract": 64, "extract_published": 64, "extract_many": 16}  # MB of report text
SCALED_WORKLOADS = ("extract", "extract_published")
# Bytes of UTF-8 text a figure in published S&T work reports, bulletins and news (the median of
# the published texts measured in bench/NOTES.md, round 29); the bench text holds one every ~40.
PUBLISHED_BYTES_PER_FIGURE = 106

VERBS = [
    "组织申报",
    "获批立项",
    "争取上级资金",
    "新增高新技术企业",
    "登记技术合同",
    "技术合同成交额",
    "专利申请量",
    "专利授权量",
    "应拨付补助资金",
    "已兑现奖补资金",
    "选派科技特派员",
    "征集技术需求",
    "累计培育科技型中小企业",
]
UNITS = ["项", "万元", "家", "件", "亿元", "人", "%"]


def _generated(n: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        parts = [
            f"{rng.choice(VERBS)}{rng.randint(1, 9999)}{rng.choice(['', '.' + str(rng.randint(1, 99))])}"
            f"{rng.choice(UNITS)}"
            for _ in range(rng.randint(2, 5))
        ]
        lines.append(rng.choice(["上半年，", "2024年，", "一季度，", ""]) + "，".join(parts) + "。")
    return "\n".join(lines)


def report_text(megabytes: float) -> str:
    samples = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "data" / "reports").glob("*.txt"))]
    samples.append((ROOT / "data" / "sample" / "city_report_h1.txt").read_text(encoding="utf-8"))
    unit = "\n".join(samples) + "\n" + _generated(400) + "\n"
    size = len(unit.encode())
    return unit if megabytes == 0 else unit * max(1, round(megabytes * 1e6 / size))


# Prose of our own making in the style of bureau work reports: what stands between the figures of a
# published report (policy, measures, outcomes without numbers), naming the lexicon's quantities
# as prose does (高新技术企业, 技术合同, 研发投入) so that the matcher meets them without a figure.
PROSE_SUBJECTS = ["我局", "全县科技系统", "区科技局", "市科技局", "各乡镇（街道）", "高新区管委会", "各成员单位", "我们"]
PROSE_ACTIONS = [
    "坚持以创新驱动发展战略为引领",
    "紧紧围绕党委政府中心工作",
    "深入贯彻落实全国科技大会精神",
    "持续优化创新创业生态",
    "扎实推进科技体制机制改革",
    "着力提升企业自主创新能力",
    "不断完善科技服务体系",
    "主动对接高校院所创新资源",
    "全面加强科技项目全过程管理",
    "切实做好科技惠企政策宣传解读",
    "聚焦主导产业关键核心技术攻关",
    "大力营造尊重知识、尊重人才的良好氛围",
    "强化高新技术企业梯次培育",
    "推动技术合同认定登记提质扩面",
    "引导企业加大研发投入",
    "健全科技成果转移转化机制",
    "深化科技特派员制度",
    "加快建设科技创新平台载体",
]
PROSE_OUTCOMES = [
    "，取得了积极成效",
    "，各项工作稳步推进",
    "，为高质量发展提供了有力支撑",
    "，进一步激发了市场主体创新活力",
    "，推动科技创新与产业发展深度融合",
    "，形成了上下联动、协同推进的工作格局",
    "，科技创新对经济社会发展的支撑作用持续增强",
    "",
]


def prose_sentence(rng: random.Random) -> str:
    first, second = rng.sample(PROSE_ACTIONS, 2)
    return f"{rng.choice(PROSE_SUBJECTS)}{first}，{second}{rng.choice(PROSE_OUTCOMES)}。"


def published_text(megabytes: float, figures_of_unit: int, bytes_per_figure: float, seed: int = 11) -> str:
    """`report_text`'s unit with sentences of prose after its sentences, to `bytes_per_figure` bytes
    of text a figure (the unit holds `figures_of_unit` figures), repeated to the size asked."""
    rng = random.Random(seed)
    unit = report_text(0)
    prose_bytes = max(0.0, figures_of_unit * bytes_per_figure - len(unit.encode()))
    sentences = re.split(r"(?<=。)", unit)
    share = prose_bytes / max(1, len(sentences))
    out, owed = [], 0.0
    for sentence in sentences:
        out.append(sentence)
        owed += share
        while owed > 0:
            extra = prose_sentence(rng)
            out.append(extra)
            owed -= len(extra.encode())
    padded = "".join(out)
    return padded * max(1, round(megabytes * 1e6 / len(padded.encode())))


def check(text: str, facts, core_count: int) -> str:
    assert len(facts) == core_count, (len(facts), core_count)
    for row in facts.head(2000).itertuples():
        assert text[row.begin : row.end] == row.text
    spans = sorted(zip(facts["begin"], facts["end"]))
    inside, k = 0, 0
    found = [m.start() for m in NUMBER.finditer(text[:200_000])]
    for at in found:
        while k < len(spans) and spans[k][1] <= at:
            k += 1
        inside += k < len(spans) and spans[k][0] <= at
    return f"{len(facts):,} facts; {inside:,} of the {len(found):,} regex numbers in the first 200 kB lie in a figure"


def bench_extract(megabytes: int, threads: list[int], repeat: int) -> list[Record]:
    """The bench text: the sample reports and generated lines, a figure every ~40 bytes (a stress
    test of the per-figure path: published reports hold several times fewer figures)."""
    text = report_text(megabytes)
    print(f"\n== extract: {len(text.encode()) / 1e6:.1f} MB of report text ==")
    return _bench_text("extract", text, megabytes, repeat)


def bench_extract_published(megabytes: int, threads: list[int], repeat: int) -> list[Record]:
    """The bench text with prose between its sentences, at the figure density of published reports
    (PUBLISHED_BYTES_PER_FIGURE): what the issue's "MB/s of report text" names."""
    from zhibiao import _core

    figures_of_unit = _core.extract_core(report_text(0))[0]
    text = published_text(megabytes, figures_of_unit, PUBLISHED_BYTES_PER_FIGURE)
    print(f"\n== extract at published density: {len(text.encode()) / 1e6:.1f} MB of report text ==")
    return _bench_text("extract_published", text, megabytes, repeat)


def _bench_text(workload: str, text: str, megabytes: int, repeat: int) -> list[Record]:
    import zhibiao as zb
    from zhibiao import _core

    mb = len(text.encode()) / 1e6
    t_re, numbers, m_re = measure(lambda: NUMBER.findall(text), repeat)
    t_core, (core_facts, _), m_core = measure(lambda: _core.extract_core(text), repeat)
    t_df, facts, m_df = measure(lambda: zb.extract(text), repeat)
    # CPU time of each, in the same run (the figures bench/NOTES.md quotes).
    cpu_re = cpu_seconds(lambda: NUMBER.findall(text), repeat)
    cpu_core = cpu_seconds(lambda: _core.extract_core(text), repeat)
    cpu_df = cpu_seconds(lambda: zb.extract(text), repeat)
    per_cpu = (
        f"per CPU-second: core {mb / max(cpu_core, 1e-9):.1f} MB/s, to a DataFrame {mb / max(cpu_df, 1e-9):.1f} MB/s, "
        f"regex scan {mb / max(cpu_re, 1e-9):.1f} MB/s (core {cpu_core / max(cpu_re, 1e-9):.1f}× the regex's CPU time)"
    )
    density = f"{len(text.encode()) / max(1, core_facts):.0f} bytes a figure"
    verdict = check(text, facts, core_facts) + f"; {density}; the regex finds {len(numbers):,} numbers; " + per_cpu
    print(f"   wall: core {mb / t_core:.1f} MB/s, to a DataFrame {mb / t_df:.1f} MB/s, regex scan {mb / t_re:.1f} MB/s")
    print(f"   {per_cpu}; {density}")
    if m_core is not None and m_df is not None:  # the text is read in chunks: memory is the output's
        print(f"   peak memory added: core {m_core:.0f} MB, to a DataFrame {m_df:.0f} MB ({mb:.0f} MB of text)")
    common = dict(
        workload=workload,
        size=megabytes,
        size_unit="MB",
        threads=1,
        baseline="Python re scan of numbers",
        baseline_s=t_re,
        baseline_peak_mb=m_re,
        unit="MB/s",
        check=verdict,
    )
    return [
        Record(
            variant="C++ core (extract_core)",
            zhibiao_s=t_core,
            unit_throughput=mb / t_core,
            target_throughput=100,
            zhibiao_peak_mb=m_core,
            **common,
        ),
        Record(
            variant="zb.extract to a DataFrame",
            zhibiao_s=t_df,
            unit_throughput=mb / t_df,
            target_throughput=50,
            zhibiao_peak_mb=m_df,
            **common,
        ),
    ]


def cut_into_reports(text: str, count: int) -> list[str]:
    """`text` cut into about `count` reports, each at the first line end after its share: a
    county's summary ends at a paragraph's end, never inside a sentence."""
    reports, start = [], 0
    for k in range(1, count):
        end = text.find("\n", max(start, len(text) * k // count))
        if end < 0:
            break
        reports.append(text[start : end + 1])
        start = end + 1
    reports.append(text[start:])
    return [r for r in reports if r]


def check_many(reports: list[str], facts, first) -> str:
    """The table of many as the core counts each report's figures; every thread count's table the
    same as the first's; each figure's text at its offsets in its own report."""
    from zhibiao import _core

    core = sum(_core.extract_core(r)[0] for r in reports)
    assert len(facts) == core, (len(facts), core)
    if first is not None:
        import pandas as pd

        pd.testing.assert_frame_equal(pd.DataFrame(facts), pd.DataFrame(first))
    for row in facts.head(2000).itertuples():
        assert reports[row.report][row.begin : row.end] == row.text
    return f"{len(facts):,} facts of {len(reports):,} reports, as the core counts them one by one"


def bench_extract_many(megabytes: int, threads: list[int], repeat: int) -> list[Record]:
    """The bench text cut at line ends into ~2,000 reports (a county's half-year summary each),
    through zb.extract(list) to one DataFrame, beside the Python regex scan of the same texts."""
    import zhibiao as zb

    reports = cut_into_reports(report_text(megabytes), 2000)
    mb = sum(len(r.encode()) for r in reports) / 1e6
    print(f"\n== extract, many reports: {len(reports):,} reports, {mb:.1f} MB ==")
    scan = lambda: [NUMBER.findall(r) for r in reports]  # noqa: E731
    t_re, _, m_re = measure(scan, repeat)
    cpu_re = cpu_seconds(scan, repeat)
    print(f"   regex scan: {mb / t_re:.1f} MB/s wall, {mb / max(cpu_re, 1e-9):.1f} MB/s per CPU-second")
    records, first = [], None
    for t in threads:
        t_df, facts, m_df = measure(lambda: zb.extract(reports, threads=t), repeat, warmup=True)
        cpu_df = cpu_seconds(lambda: zb.extract(reports, threads=t), repeat)
        verdict = check_many(reports, facts, first)
        first = facts if first is None else first
        print(
            f"   {t} thread(s): {mb / t_df:.1f} MB/s wall ({t_re / t_df:.2f}× the regex scan's time), "
            f"{mb / max(cpu_df, 1e-9):.1f} MB/s per CPU-second; {verdict}"
        )
        records.append(
            Record(
                workload="extract_many",
                variant=f"zb.extract(list of {len(reports):,} reports) to a DataFrame",
                size=megabytes,
                size_unit="MB",
                threads=t,
                zhibiao_s=t_df,
                baseline="Python re scan of numbers, report by report",
                baseline_s=t_re,
                baseline_peak_mb=m_re,
                zhibiao_peak_mb=m_df,
                unit="MB/s",
                unit_throughput=mb / t_df,
                target_throughput=50,
                check=verdict + f"; CPU: {mb / max(cpu_df, 1e-9):.1f} MB/s, regex {mb / max(cpu_re, 1e-9):.1f} MB/s",
            )
        )
    records.append(_bench_read_reports(reports, mb, t_re, cpu_re, m_re, megabytes, repeat))
    return records


def _bench_read_reports(reports: list[str], mb: float, t_re: float, cpu_re: float, m_re, megabytes: int, repeat: int):
    """zb.read_reports on the same reports named as counties (round 24): the facts of every report
    into one Panel, on 1 thread, against the regex scan's time."""
    import zhibiao as zb

    named = {f"county{k:04d}": r for k, r in enumerate(reports)}
    t_rr, panel, m_rr = measure(lambda: zb.read_reports(named, "2024H1", threads=1), repeat, warmup=True)
    cpu_rr = cpu_seconds(lambda: zb.read_reports(named, "2024H1", threads=1), repeat)
    # a table with a row per area gives each area its own entity (round 33), beside the reports' own
    own = int(panel.entities["code"].isin(list(named)).sum())
    areas = len(panel.entities) - own
    shape = f"{own:,} entities" + (f" and {areas:,} areas of tables by area" if areas else "")
    shape += f" × {len(panel.variables):,} variables"
    print(
        f"   read_reports, 1 thread: {mb / t_rr:.1f} MB/s wall, {mb / max(cpu_rr, 1e-9):.1f} MB/s per CPU-second; {shape}"
    )
    return Record(
        workload="extract_many",
        variant=f"zb.read_reports({len(reports):,} reports) to a Panel",
        size=megabytes,
        size_unit="MB",
        threads=1,
        zhibiao_s=t_rr,
        baseline="Python re scan of numbers, report by report",
        baseline_s=t_re,
        baseline_peak_mb=m_re,
        zhibiao_peak_mb=m_rr,
        unit="MB/s",
        unit_throughput=mb / t_rr,
        check=f"{shape}; CPU: {mb / max(cpu_rr, 1e-9):.1f} MB/s, regex {mb / max(cpu_re, 1e-9):.1f} MB/s",
    )


WORKLOADS = {"extract": bench_extract, "extract_published": bench_extract_published, "extract_many": bench_extract_many}
