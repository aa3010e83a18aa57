"""Benchmark of the report extractor (issue #13, speed): MB/s of report text through the C++
core alone and through `zb.extract` to a DataFrame, beside a Python regular-expression scan of
the numbers in the same text. Targets: 100 MB/s in the core on one core, 50 MB/s to a DataFrame.

The text is the project's sample reports (tests/data/reports, data/sample) and generated
sentences in the style of bureau work reports, repeated to the size asked. The answers are
checked: as many figures through Python as in the core, every fact's text at its offsets, and
every number the regular expression finds inside a figure the extractor reports (the extractor
also reads Chinese numerals, so it finds more, never fewer)."""

from __future__ import annotations

import random
import re
from pathlib import Path

from harness import Record, cpu_seconds, measure

ROOT = Path(__file__).resolve().parents[1]
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")

FULL_SIZE = {"extract": 64}  # MB of report text
SCALED_WORKLOADS = ("extract",)

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
    return unit * max(1, round(megabytes * 1e6 / size))


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
    import zhibiao as zb
    from zhibiao import _core

    text = report_text(megabytes)
    mb = len(text.encode()) / 1e6
    print(f"\n== extract: {mb:.1f} MB of report text ==")
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
    verdict = check(text, facts, core_facts) + f"; the regex finds {len(numbers):,} numbers; " + per_cpu
    print(f"   wall: core {mb / t_core:.1f} MB/s, to a DataFrame {mb / t_df:.1f} MB/s, regex scan {mb / t_re:.1f} MB/s")
    print(f"   {per_cpu}")
    if m_core is not None and m_df is not None:  # the text is read in chunks: memory is the output's
        print(f"   peak memory added: core {m_core:.0f} MB, to a DataFrame {m_df:.0f} MB ({mb:.0f} MB of text)")
    common = dict(
        workload="extract",
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


WORKLOADS = {"extract": bench_extract}
