"""Words in Chinese or English: unit symbols and indicator names for ``lang="en"`` output
(tables, plots, the command line), so English output carries no Chinese units."""

from __future__ import annotations

import re
import string
from typing import Any, Mapping

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


# How people name the two languages other than by their codes: by the country ("cn", one letter
# from 'en'), a locale (zh_CN.UTF-8, en-US) or the name (chinese, 中文). Each suggests its code,
# never taken as it: a value zhibiao does not know is an error.
_LANGUAGE_NAMES = {
    "cn": "zh",
    "chn": "zh",
    "chs": "zh",
    "chinese": "zh",
    "mandarin": "zh",
    "中文": "zh",
    "汉语": "zh",
    "简体中文": "zh",
    "eng": "en",
    "english": "en",
    "英文": "en",
    "英语": "en",
}


def closest_lang(given: str) -> str | None:
    """The language code ``given`` most likely means: 'zh' for "cn", "zh_CN.UTF-8" or "中文",
    'en' for "english" or "en-US", else the closest code by spelling; None when none is near."""
    from ._suggest import closest_name

    text = given.strip().lower()
    if text in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES[text]
    head = re.split(r"[-_.@]", text, maxsplit=1)[0]  # a locale or tag: its language part
    if head in LANGUAGES or head in _LANGUAGE_NAMES:
        return _LANGUAGE_NAMES.get(head, head)
    return closest_name(given, LANGUAGES, str.lower)


def check_lang(lang: str) -> str:
    """``lang`` when it is 'zh' or 'en', else an ArgumentError with the code it most likely means
    ("eng" → 'en', "cn" → 'zh')."""
    if lang not in LANGUAGES:
        from . import _core

        close = closest_lang(lang) if isinstance(lang, str) else None
        hint = f" (did you mean {close!r}?)" if close else ""
        raise _core.ArgumentError(f"lang must be 'zh' or 'en', not {lang!r}{hint}")
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


# ------------------------------------------------------------------ the command line's help
# The command line is written in English; these are its words in Chinese, keyed by the English.
# A "{}" stands for a part that is filled in (itself translated when it is a key here). The test
# tests/python/test_lang.py fails when a help text of the command line has no Chinese here.
_CLI_ZH = {
    # argparse's own words
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "{}: error: {}": "{}：错误：{}",
    "unrecognized arguments: {}": "无法识别的参数：{}",
    "unrecognized option {} (the words after it were not read as its value)": "无法识别的选项 {}（其后的词未作为它的值读取）",
    "the following arguments are required: {}": "缺少必需的参数：{}",
    "argument {}: {}": "参数 {}：{}",
    "invalid choice: {} (choose from {})": "无效的取值 {}（可选：{}）",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
    "invalid {} value: {}": "无效的 {} 值：{}",
    "not allowed with argument {}": "不能与参数 {} 同时使用",
    "{}: did you mean {}?": "{}：是否想用 {}？",
    "(--period-value is the period of a file without a period column; a file with one gives its own)": (
        "（--period-value 是无时期列文件的时期；有时期列的文件用自己的时期）"
    ),
    # zhibiao
    "Indicators, checks, roll-ups, composite indices and scorecards from S&T statistics.": (
        "由科技统计数据计算指标、数据核查、逐级汇总、综合指数与认定评分。"
    ),
    "FILE '-' is standard input; results go to standard output unless --out FILE; messages to stderr. "
    "Exit status: 0 ok, 1 findings (validate; extract: bytes not text; scorecard: rows not read), "
    "2 bad input or usage.": (
        "FILE 为 '-' 时读标准输入；结果写到标准输出，除非给出 --out FILE；提示信息写到标准错误。"
        "退出状态：0 成功，1 有发现（validate；extract：有非文本字节；scorecard：有未能读取的行），2 输入或用法错误。"
    ),
    "no messages or progress on stderr (errors still shown)": "标准错误上不显示提示和进度（错误仍会显示）",
    "language of the help and of names and units in the output: zh or en (default: $ZHIBIAO_LANG, "
    "then zh when $LANG starts with zh; otherwise help in English, names and units in Chinese)": (
        "帮助以及输出中名称和单位的语言：zh 或 en（默认取 $ZHIBIAO_LANG，其次 $LANG 以 zh 开头时为 zh；" "否则帮助为英文，名称和单位为中文）"
    ),
    "{}; '-' reads standard input": "{}；'-' 表示读标准输入",
    "the column of entity codes, when its heading is not one zhibiao knows": "实体代码所在的列（列名不是 zhibiao 认得的名称时）",
    "the column of periods, when its heading is not one zhibiao knows": "时期所在的列（列名不是 zhibiao 认得的名称时）",
    "the column of the entities' names, when zhibiao would take another (the city's beside the county's) or none": (
        "实体名称所在的列（zhibiao 会取另一列（如县名旁的城市名）或不取时）"
    ),
    "columns of FILE to leave out (a second column of names, notes, one of two headings read as one "
    "variable), by the heading as written or the name it is read as; separated by spaces or commas": (
        "FILE 中不读入的列（第二个名称列、备注、读作同一变量的两个列名之一），写原列名或其读作的名称；以空格或逗号分隔"
    ),
    "the period of every row, when FILE has no period column (a sheet per year saved as CSV): "
    "2024, 2024H1, 2024Q2": "FILE 没有时期列时（每年一个工作表、另存为 CSV）各行的时期：2024、2024H1、2024Q2",
    "the field separator of FILE (default ','; \\t for tabs)": "FILE 的字段分隔符（默认 ','；制表符写 \\t）",
    "the decimal mark of FILE's numbers, '.' or ',' (Excel's CSV separated by ';' where the comma is the decimal "
    "mark); by default '.', and in a ';' file a number with a comma is refused until it is given": (
        "FILE 中数字的小数点，'.' 或 ','（以 ';' 分隔、以逗号作小数点的 Excel CSV）；默认 '.'，" "以 ';' 分隔的文件中带逗号的数字在给出本选项前不予读取"
    ),
    "write {} to FILE (default, or '-': standard output)": "将{}写入 FILE（默认或 '-'：标准输出）",
    # compute
    "compute catalogue indicators for a CSV panel": "由 CSV 面板数据计算指标目录中的指标",
    "where one indicator value of a CSV panel comes from": "CSV 面板数据中一个指标值的来源",
    "Explain one indicator value: its formula, the values it read (entity, period, "
    "value as stored and in the unit the formula uses, why one is missing), the unit conversion "
    "and the catalogue's valid range.": ("说明一个指标值：其公式、读取的数值（主体、时期、存储的值及公式所用单位下的值、缺失原因）、单位换算和指标目录规定的有效范围。"),
    "the indicator id": "指标代码",
    "the entity code": "主体代码",
    "the period (2024, 2024H1, 2024Q2, 2024-06)": "时期（2024、2024H1、2024Q2、2024-06）",
    "the account": "说明",
    "Compute catalogue indicators for a CSV panel (wide or long; UTF-8 or GB18030). By default the result "
    "has, after each indicator column, a column <id>_reason saying why a value is missing (empty when "
    "present); --reasons FILE writes them to a table of their own.": (
        "由 CSV 面板数据（宽表或长表；UTF-8 或 GB18030）计算指标目录中的指标。默认每个指标列之后有一列 "
        "<id>_reason，说明该值缺失的原因（有值时为空）；--reasons FILE 则把原因单独写成一张表。"
    ),
    "the panel CSV (entity, period and variable columns)": "面板数据 CSV（主体、时期和变量列）",
    "indicator ids to compute, separated by spaces or commas (default: the whole catalogue)": (
        "要计算的指标 id，以空格或逗号分隔（默认：整个指标目录）"
    ),
    "the indicator table": "指标表",
    "write why each value is missing to FILE, same shape as the result, instead of <id>_reason columns": (
        "把每个值的缺失原因写入 FILE（与结果同形），而不是 <id>_reason 列"
    ),
    "leave out the <id>_reason columns": "不输出 <id>_reason 列",
    "unparseable cells become missing (reason 'unparseable') and malformed rows are skipped, counted on "
    "stderr": "无法解析的单元格记为缺失（原因 'unparseable'），格式错误的行被跳过，并在标准错误上计数",
    "csv (default) or xlsx: a workbook with sheets values, units and reasons (needs --out FILE)": (
        "csv（默认）或 xlsx：含 values、units、reasons 三个工作表的工作簿（需要 --out FILE）"
    ),
    "write every digit instead of the catalogue's decimals": "写出全部位数，而不是按指标目录的小数位数",
    "start the CSV with a UTF-8 BOM, so Excel reads its Chinese right": "CSV 以 UTF-8 BOM 开头，使 Excel 正确显示中文",
    # validate
    "data-quality checks on a CSV panel (exit 1 when there are findings)": "对 CSV 面板数据做数据质量核查（有发现时退出状态为 1）",
    "Check a CSV panel against data-quality rules. Findings (entity, period, variable, rule, severity, "
    "message) are written as CSV; the exit status is 1 when there are any.": (
        "按数据质量规则核查 CSV 面板数据。发现的问题（主体、时期、变量、规则、严重程度、说明）写成 CSV；" "有问题时退出状态为 1。"
    ),
    "the panel CSV": "面板数据 CSV",
    "a TOML file of [[rule]] tables (default: the built-in rules)": "由 [[rule]] 表组成的 TOML 文件（默认：内置规则）",
    "the findings": "核查发现",
    "load unparseable cells as missing instead of stopping": "无法解析的单元格记为缺失，而不是停止",
    # rollup
    "sum a CSV panel up to parent regions": "把 CSV 面板数据逐级汇总到上级地区",
    "Sum the extensive variables of a panel up to the parents (rates are not summed; indicators computed "
    "on the result are ratios of sums). The result is a panel CSV that 'zhibiao compute' reads, with "
    "units in the header (var[unit]).": (
        "把面板中的总量变量汇总到上级（比率不相加；在结果上计算的指标是总量之比）。结果是 " "'zhibiao compute' 可读的面板 CSV，表头带单位（变量[单位]）。"
    ),
    "the panel CSV of the children": "下级地区的面板数据 CSV",
    "'admin' (default): parents from 6-digit administrative codes; or a CSV of child,parent codes": (
        "'admin'（默认）：由 6 位行政区划代码确定上级；或一个 child,parent 代码对照 CSV"
    ),
    "with --parents admin: the level to roll up to (default: the immediate parent)": (
        "配合 --parents admin：汇总到的层级（默认：直接上级）"
    ),
    "sum the children with a valid value instead of marking a parent missing when some lack one": (
        "只加总有有效值的下级，而不是在有下级缺值时把上级记为缺失"
    ),
    "variables to sum although the catalogue does not say they add up": "指标目录未标明可加、但仍要加总的变量",
    "the rolled-up panel": "汇总后的面板",
    "write the coverage table (children, with data, valid) to FILE": "把覆盖情况表（下级数、有数据数、有效数）写入 FILE",
    # composite
    "build a composite index from a CSV": "由 CSV 构建综合指数",
    "Build a composite index: a CSV with one row per unit, or with --period a panel CSV of which one "
    "period is scored. Writes scores per node and the rank.": (
        "构建综合指数：输入为每个单位一行的 CSV，或配合 --period 的面板 CSV（对其中一个时期评分）。" "输出各节点得分和排名。"
    ),
    "the CSV of units and indicators": "单位与指标的 CSV",
    "a model TOML file, or a preset: {} (default: eis)": "模型 TOML 文件，或预设：{}（默认：eis）",
    "the column naming the units (default: the first; with --period: detected as by compute)": (
        "给出单位名称的列（默认：第一列；配合 --period：与 compute 相同的方式识别）"
    ),
    "read FILE as a panel and score this period (e.g. 2024)": "把 FILE 作为面板读入，并对该时期评分（如 2024）",
    "read FILE as a panel and analyse this period (e.g. 2024), as composite does": (
        "把 FILE 作为面板读入，并分析该时期（如 2024），与 composite 相同"
    ),
    "the scores and ranks": "得分和排名",
    "indicator columns where lower is better (energy per GDP…), as --lower a,b; without a model "
    "framework the others are higher-is-better (catalogue indicators take the catalogue's direction)": (
        "越低越好的指标列（单位 GDP 能耗…），可写作 --lower a,b；模型没有框架时其余列按越高越好处理（目录指标按目录的方向）"
    ),
    "columns of FILE that are not indicators (codes, notes): left out. A column of each unit's "
    "parent administrative code is read as a label without it": ("FILE 中不是指标的列（代码、备注）：不参与计算。各单位上级行政区划代码的列无需此项即作为标签读入"),
    # uncertainty
    "rank intervals of a composite index under uncertain assumptions": "不确定假设下综合指数的排名区间",
    "Monte Carlo uncertainty analysis of a composite model: the [uncertainty] section of the model TOML "
    "declares the assumptions; writes per region the nominal, median and 5th/95th percentile rank.": (
        "综合指数模型的蒙特卡洛不确定性分析：模型 TOML 的 [uncertainty] 一节声明各项假设；" "对每个地区输出名义排名、排名中位数及第 5/95 百分位排名。"
    ),
    "the model TOML file (framework, steps, [uncertainty])": "模型 TOML 文件（框架、步骤、[uncertainty]）",
    "replications (default: the model's, else 1000)": "重复次数（默认：模型中的设置，否则 1000）",
    "random seed (default: the model's, else 1)": "随机种子（默认：模型中的设置，否则 1）",
    "threads (default: every core; the result is the same)": "线程数（默认：全部核心；结果相同）",
    "also Sobol indices from N rows of Saltelli's design (written to --sobol-out)": (
        "另按 Saltelli 设计的 N 行计算 Sobol 指数（写入 --sobol-out）"
    ),
    "write the Sobol indices (every output and input, with intervals) to FILE as CSV; needs --sobol": (
        "将 Sobol 指数（每个输出与输入，含区间）以 CSV 写入 FILE；需要 --sobol"
    ),
    "bootstrap resamples of the Sobol design for the intervals (default 1000; 0: none); needs --sobol": (
        "Sobol 区间的自助法重抽样次数（默认 1000；0：不计算区间）；需要 --sobol"
    ),
    "confidence level of the Sobol intervals, between 0 and 1 (default 0.95); needs --sobol": (
        "Sobol 区间的置信水平，介于 0 与 1 之间（默认 0.95）；需要 --sobol"
    ),
    "also the exact 5th/95th percentile scores (score_p05, score_p95; slower, more memory)": (
        "同时计算精确的第 5/95 百分位得分（score_p05、score_p95；更慢，占用更多内存）"
    ),
    "the node whose ranks are written (default: the index)": "输出其排名的节点（默认：总指数）",
    "the column naming the units (default: the first)": "给出单位名称的列（默认：第一列）",
    "the rank statistics": "排名统计",
    # scorecard
    "score a CSV of firms against a qualification rule pack": "按认定规则包对企业 CSV 评分",
    "Score firms against a qualification rule pack (status, total, points per item, explanations); a "
    "progress bar on stderr when it is a terminal. A row that cannot be read (a field too many) is its "
    "firm's, scored invalid input with FILE:LINE; the exit status is then 1.": (
        "按认定规则包对企业评分（状态、总分、各项得分、说明）；标准错误为终端时显示进度条。" "无法读取的行（如多出一个字段）仍是该企业的一行，评为输入无效并注明 文件:行号；此时退出状态为 1。"
    ),
    "the CSV of firms, one row each": "企业 CSV，每家企业一行",
    "tech-sme-2017 (default), hnte-2016, hnte-2008 or a rule pack TOML file": (
        "tech-sme-2017（默认）、hnte-2016、hnte-2008 或规则包 TOML 文件"
    ),
    "add gap_* columns: what a failing firm lacks to qualify": "增加 gap_* 列：未达标企业距认定还差多少",
    "with --gap: what one unit of a controllable input costs, in 10,000 yuan (repeatable; "
    "e.g. st_staff=15), instead of the pack's planning assumption": (
        "与 --gap 同用：可调投入每单位的成本（万元，可重复；如 st_staff=15），代替规则包的规划假设"
    ),
    "where a band gives a range of points (HNTE's expert bands, A = 9–10): low = its lower end "
    "(default), high = its upper end, mid = its middle in whole points, rounded half up (9–10 → 10, "
    "19–24 → 22)": ("档次给出分值区间时（高企专家评分档，如 A = 9–10 分）的取分：low 取下限（默认），high 取上限，mid 取区间中点并四舍五入为整分（9–10 → 10，19–24 → 22）"),
    "the evaluation year, when the file has no period column (default 2024)": "评价年度，文件无时期列时使用（默认 2024）",
    "the scored firms": "评分后的企业",
    # extract
    "read the figures of a report text into a table": "把报告文本中的数字读成表格",
    "Read the figures of a report text (UTF-8, GB18030 or UTF-16) into a CSV, one row per figure; "
    "findings (damaged spots) on stderr. With --panel --entity NAME: the panel CSV that 'zhibiao compute -' "
    "reads. Exit 1 when some bytes were not text (skipped, said on stderr); 2 when a file is not read "
    "(missing, too large, or binary: NUL bytes not in the pattern of UTF-16).": (
        "把报告文本（UTF-8、GB18030 或 UTF-16）中的数字读成 CSV，每个数字一行；发现的问题（损坏之处）"
        "写到标准错误。加 --panel --entity 名称：输出 'zhibiao compute -' 可读的面板 CSV。"
        "有非文本字节时（已跳过并在标准错误说明）退出状态为 1；文件未能读取（不存在、过大或为二进制文件："
        "含不符合 UTF-16 规律的 NUL 字节）时为 2。"
    ),
    "write the report's panel (zb.read_report) instead of its figures: entity, period, a column per "
    "variable with its unit; what was left out on stderr": (
        "输出报告的面板数据（zb.read_report），而不是逐个数字：主体、时期、每个变量一列（含单位）；未纳入的数字写到标准错误"
    ),
    "with --panel: the entity the report is of (e.g. a county)": "与 --panel 同用：报告所属的主体（如 青石县）",
    "with --panel: the period of figures that state none (e.g. 2025)": "与 --panel 同用：未写明时期的数字所属时期（如 2025）",
    "with --panel: write what was left out, and why, as CSV to FILE": "与 --panel 同用：把未纳入的数字及原因写成 CSV 到 FILE",
    "the report text": "报告文本",
    "the report text; '-' reads standard input; several: one table, a report column (the file name) first": (
        "报告文本；'-' 读标准输入；多个文件：合成一张表，首列 report 为文件名"
    ),
    "a TOML file of [[variable]] id, phrases, unit (default: built-in)": ("由 [[variable]]（id、措辞、单位）组成的 TOML 文件（默认：内置）"),
    "print an aligned table for reading instead of CSV": "输出便于阅读的对齐表格，而不是 CSV",
    "the figures": "数字",
    # catalogue
    "list the built-in indicators, or describe one": "列出内置指标，或说明其中一个",
    "List the built-in indicators (id, name, unit, formula), or describe one by id.": (
        "列出内置指标（id、名称、单位、公式），或按 id 说明其中一个。"
    ),
    "describe this indicator (default: list all)": "说明该指标（默认：列出全部）",
    "the list or description": "列表或说明",
    # demo
    "compute the catalogue on the bundled sample data": "在自带的示例数据上计算指标目录",
    "Run the catalogue, extractor, checks and a composite index on the bundled sample data; prints "
    "tables and writes CSV files to --out.": ("在自带的示例数据上运行指标目录、文本提取、数据核查和综合指数；打印表格并把 CSV 文件写入 --out。"),
    "folder with city_report.csv and counties_synthetic.csv (default: the bundled samples)": (
        "含 city_report.csv 和 counties_synthetic.csv 的文件夹（默认：自带示例）"
    ),
    "folder for the CSV files (default: out)": "CSV 文件的输出文件夹（默认：out）",
}
_CLI_PATTERNS = [
    (re.compile("^" + re.escape(key).replace(r"\{\}", "(.+?)") + "$", re.S), value)
    for key, value in _CLI_ZH.items()
    if "{}" in key
]


def cli_text(text: str, lang: str) -> str:
    """A help text of the command line in ``lang`` (it is written in English); text without a
    translation is returned as it is (tests/python/test_lang.py checks that there is none)."""
    if lang == "en" or not text:
        return text
    if text in _CLI_ZH:
        return _CLI_ZH[text]
    for pattern, value in _CLI_PATTERNS:
        match = pattern.match(text)
        if match:
            for part in match.groups():  # each part translated too, where it has a translation
                value = value.replace("{}", cli_text(part, lang).replace("{}", "{ }"), 1)
            return value.replace("{ }", "{}")
    return text


def environment_lang(environ: Mapping[str, str]) -> str | None:
    """The language the environment asks for: $ZHIBIAO_LANG (zh or en), else zh when $LC_ALL or
    $LANG names a Chinese locale (zh_CN.UTF-8); None when it says nothing."""
    chosen = environ.get("ZHIBIAO_LANG", "").strip().lower()
    if chosen in LANGUAGES:
        return chosen
    if chosen:
        check_lang(chosen)  # ZHIBIAO_LANG=fr is a mistake to report, not to ignore
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "zh" if locale.lower().startswith("zh") else None


# ------------------------------------------------------------------ Panel.explain's account
# The words of Explanation.text() (and `zhibiao explain`), key -> {"en": ..., "zh": ...}.
EXPLAIN_WORDS: dict[str, dict[str, str]] = {
    "colon": {"en": ": ", "zh": "："},
    "of": {"en": "of", "zh": "·"},
    "at": {"en": "at", "zh": "·"},
    "missing": {"en": "missing", "zh": "缺失"},
    "reason": {"en": "reason", "zh": "原因"},
    "formula": {"en": "formula", "zh": "公式"},
    "computed": {"en": "computed", "zh": "换算"},
    "valid_range": {"en": "valid range", "zh": "有效范围"},
    "note": {"en": "note", "zh": "说明"},
    "children": {"en": "children", "zh": "下级地区"},
    "terms": {"en": "values read", "zh": "读取的数值"},
    "no_row": {"en": "no such row", "zh": "无此行"},
    "summed": {"en": "{valid} of {children} children summed", "zh": "{children} 个下级地区中汇总了 {valid} 个"},
    "with_data": {"en": "with a value", "zh": "有数值的"},
    "partial_note": {
        "en": "a partial roll-up: the value is computed over the matched children (those with every input "
        "valid), the values read are the parent's partial sums",
        "zh": "部分汇总：该值按各输入均有效的下级地区计算，读取的数值为上级地区的部分汇总值",
    },
    # A term's notes, as the core writes them in English (_explain._note_text).
    "span_none_before": {
        "en": "a span from January has none before it in its year; yoy() reads it a year earlier",
        "zh": "自1月起的累计期在当年没有更早的一期；yoy() 读取上年同期",
    },
    "span_none_after": {
        "en": "a span from January has none after it in its year; yoy() reads it a year earlier",
        "zh": "自1月起的累计期在当年没有更晚的一期；yoy() 读取上年同期",
    },
}


def explain_word(key: str, lang: str) -> str:
    """A word of Panel.explain's account in ``lang``."""
    return EXPLAIN_WORDS[key][check_lang(lang)]


# ------------------------------------------------------------------ the command line's messages
# What the command line says on stderr while it runs (counts, summaries, warnings, error prefixes),
# in the language of its help: key -> {"en": ..., "zh": ...}, the fields named alike in both.
# tests/python/test_cli_lang.py checks every key has both languages with the same fields.
CLI_MESSAGES: dict[str, dict[str, str]] = {
    "error": {"en": "zhibiao: {detail}", "zh": "zhibiao：错误：{detail}"},
    "warning": {"en": "zhibiao: warning: {source}: {detail}", "zh": "zhibiao：警告：{source}：{detail}"},
    "library_warning": {"en": "zhibiao: warning: {detail}", "zh": "zhibiao：警告：{detail}"},
    "finding": {
        "en": "zhibiao: finding: {source}: character {begin}: {kind}: {detail} ({text})",
        "zh": "zhibiao：发现：{source}：第 {begin} 个字符：{kind}：{detail}（{text}）",
    },
    "interrupted": {"en": "zhibiao: interrupted", "zh": "zhibiao：已中断"},
    "nominal_only": {
        "en": "-n 0: no replications, so --out holds the nominal ranks and scores only",
        "zh": "-n 0：没有重复抽样，--out 只含名义排名和得分",
    },
    "standard_output": {"en": "standard output", "zh": "标准输出"},
    "none": {"en": "none", "zh": "无"},
    "pass_rule": {"en": "pass rule ({rule})", "zh": "通过规则（{rule}）"},
    "reading": {"en": "reading {source}", "zh": "读取 {source}"},
    "indicators": {"en": "indicators", "zh": "指标"},
    "explanations": {"en": "{pack}: explanations", "zh": "{pack}：说明"},
    "gaps": {"en": "{pack}: gap", "zh": "{pack}：差距"},
    "rows_loaded": {
        "en": "{source}: {rows:count=row} loaded ({blank} blank, {skipped} skipped, {unparseable:count=unparseable cell/cells})",
        "zh": "{source}：读入 {rows} 行（空行 {blank}，跳过 {skipped}，无法解析的单元格 {unparseable}）",
    },
    "skipped_lines": {
        "en": " (skipped: {lines})",
        "zh": "（跳过的行：{lines}）",
    },
    "skipped_line": {"en": "line {line}, {problem}", "zh": "第 {line} 行，{problem}"},
    "cell_issue": {
        "en": "{source}:{line}: column {column} ({variable}): {text!r}: {problem}",
        "zh": "{source}：第 {line} 行第 {column} 列（{variable}）：{text!r}：{problem}",
    },
    "more_cell_issues": {"en": "… and {count:count=more unparseable cell/cells}", "zh": "……另有 {count} 个无法解析的单元格"},
    "indicators_written": {
        "en": "{report}; {count:count=indicator} written to {where}",
        "zh": "{report}；{count} 个指标已写入{where}",
    },
    "rules_applied": {
        "en": "{source}: {rules:count=rule} applied, {findings:count=finding}",
        "zh": "{source}：应用规则 {rules} 条，发现问题 {findings} 个",
    },
    "rules_not_applicable": {
        "en": "; {count} not applicable (their inputs are absent)",
        "zh": "；{count} 条不适用（缺少其输入）",
    },
    "rolled_up": {
        "en": "{source}: {rows:count=row} rolled up to {parents:count=row}; {incomplete:count=parent value/values} with children "
        "missing or invalid; not summed (rates or unknown): {not_summed}",
        "zh": "{source}：{rows} 行汇总为 {parents} 行；{incomplete} 个上级值有下级缺失或无效；" "未加总（比率或未知）：{not_summed}",
    },
    # a firm's status (scorecards.STATUSES) in the summary line; the CSV keeps the English codes
    "status_passed": {"en": "passed", "zh": "通过"},
    "status_direct": {"en": "direct", "zh": "直接认定"},
    "status_failed": {"en": "failed", "zh": "未通过"},
    "status_ineligible": {"en": "ineligible", "zh": "不符合条件"},
    "status_invalid_input": {"en": "invalid input", "zh": "输入无效"},
    "scorecard_summary": {
        "en": "Summary({pack}: {firms:count=firm} — {counts}; failing conditions: {failing})",
        "zh": "汇总（{pack}）：企业 {firms} 家 — {counts}；未满足的条件：{failing}",
    },
    "units_scored": {"en": "{count:count=unit} scored, written to {where}", "zh": "已对 {count} 个单位评分，写入{where}"},
    "units_scored_unscored": {
        "en": "{count:count=unit} scored, {unscored} without a score (no indicator present: {names}), written to {where}",
        "zh": "已对 {count} 个单位评分，{unscored} 个无得分（无任何指标值：{names}），写入{where}",
    },
    "written_to": {"en": "written to {where}", "zh": "已写入{where}"},
    "columns_read_as": {"en": "columns read as inputs: {pairs}", "zh": "按输入读取的列：{pairs}"},
    "panel_read": {
        "en": "{source}: {entity}'s report, {entities:count=entity/entities} × {periods:count=period}, "
        "{variables:count=variable}; written to {where}",
        "zh": "{source}：{entity}的报告，主体 {entities} 个 × 时期 {periods} 个，变量 {variables} 个；已写入{where}",
    },
    "needs_panel": {
        "en": "{flag} is an option of --panel (the report's panel): give --panel --entity NAME",
        "zh": "{flag} 是 --panel（报告的面板数据）的选项：请给出 --panel --entity 名称",
    },
    "panel_needs_entity": {
        "en": "--panel needs --entity NAME: the entity the report is of (e.g. a county)",
        "zh": "--panel 需要 --entity 名称：报告所属的主体（如 --entity 青石县）",
    },
    "panel_one_report": {
        "en": "--panel reads one report, the entity's, not {count}: run it once per report",
        "zh": "--panel 只读一份报告（该主体的），不是 {count} 份：请每份报告运行一次",
    },
    "panel_not_table": {
        "en": "--panel writes the panel as CSV for compute: without --table",
        "zh": "--panel 输出供 compute 读取的 CSV 面板：不能与 --table 同用",
    },
    "figures_read": {
        "en": "{source}: encoding {encoding}, {count:count=figure}, {findings:count=finding}; written to {where}",
        "zh": "{source}：编码 {encoding}，数字 {count} 个，发现问题 {findings} 个；已写入{where}",
    },
    "did_you_mean": {"en": "; did you mean '{name}'?", "zh": "；是否想用 '{name}'？"},
    # scorecard --cost
    "cost_not_a_price": {
        "en": "'{text}' is not INPUT=WANYUAN (e.g. st_staff=15)",
        "zh": "'{text}' 不是 输入=万元 的形式（例如 st_staff=15）",
    },
    "period_value_with_period_column": {
        "en": "{source} has a period column (periods {periods}): --period-value is the period of a file without "
        "one; leave it out, or give the file without the column",
        "zh": "{source} 已有时期列（时期 {periods}）：--period-value 只用于没有时期列的文件；请去掉该选项，或给出不含该列的文件",
    },
    "period_value_and_column": {
        "en": "--period-column names the period column ({column}), --period-value the period of a file without "
        "one: give one of them",
        "zh": "--period-column 指定时期列（{column}），--period-value 给出无时期列文件的时期：两者只能给一个",
    },
    "cost_needs_gap": {"en": "--cost prices the gap: give it with --gap", "zh": "--cost 为差距定价：请与 --gap 一起使用"},
    "cost_not_controllable": {
        "en": "--cost {name}: no controllable input of {pack}",
        "zh": "--cost {name}：不是 {pack} 的可调整输入",
    },
    "choose_from": {"en": "; choose from {names}", "zh": "；可选：{names}"},
    "unknown_model": {
        "en": "unknown model '{name}': not a preset nor a .toml file",
        "zh": "未知的模型 '{name}'：既不是预设，也不是 .toml 文件",
    },
    "no_column": {"en": "{source}: no column '{name}'", "zh": "{source}：没有 '{name}' 列"},
    "unknown_parents": {
        "en": "--parents '{name}': neither 'admin' nor an existing file",
        "zh": "--parents '{name}'：既不是 'admin'，也不是已有的文件",
    },
    "parents_two_columns": {
        "en": "{source}: the parents file needs two columns, child and parent",
        "zh": "{source}：上级对照文件需要两列：下级和上级",
    },
    "to_needs_admin": {"en": "--to goes with --parents admin", "zh": "--to 只能与 --parents admin 一起使用"},
    "same_output": {
        "en": "{first} and {second} both write to {where}: give them different files",
        "zh": "{first} 和 {second} 都写到 {where}：请给出不同的文件",
    },
    "output_is_input": {
        "en": "{flag} {where} is also an input ({what}): it would be overwritten; write to another file",
        "zh": "{flag} {where} 也是输入文件（{what}）：写出会覆盖它；请写到另一个文件",
    },
    "out_of_memory": {
        "en": "not enough memory for this request ({detail}): ask for less (fewer replications, a smaller file)",
        "zh": "内存不足以完成此请求（{detail}）：请减小规模（更少的重复抽样次数、更小的文件）",
    },
    "period_column_left_out": {
        "en": "{source}: column {column} holds one period ({period}): read as the period, not an indicator",
        "zh": "{source}：{column} 列只有一个时期（{period}）：作为时期读入，不作指标",
    },
    "parent_code_column": {
        "en": "{source}: column {column} holds each unit's parent administrative code: read as a label, not an indicator",
        "zh": "{source}：{column} 列是各单位的上级行政区划代码：作为标签读入，不作指标",
    },
    "rounded_indicators": {
        # Said of typed figures too (a user's own data at the published decimals), so the advice
        # about compute is conditional: "pipe compute" meant nothing to data that never went
        # through it (round 37).
        "en": "{source}: the values of {columns} are rounded to the catalogue's decimals (as published figures "
        "are, and as compute writes them by default): regions closer than the last decimal tie or may swap "
        "ranks; if this file came from zhibiao compute, write it again with --full-precision",
        "zh": "{source}：{columns} 的数值已按目录的小数位舍入（公布的数字如此，compute 默认也如此输出）："
        "相差不到末位的地区会并列，名次也可能颠倒；如果此文件来自 zhibiao compute，请加 --full-precision 重新输出",
    },
    "taken_as_higher": {
        "en": "{count} of {total} indicators taken as higher-is-better (not catalogue indicators): {columns}; "
        "mark lower-is-better ones with --lower COLUMN,… or give a model whose framework sets direction = -1",
        "zh": "{total} 个指标中有 {count} 个按越高越好处理（不是目录中的指标）：{columns}；"
        "越低越好的指标请用 --lower 列名,… 标明，或给出框架中设 direction = -1 的模型",
    },
    "lower_unknown": {
        "en": "--lower {name}: not an indicator column of the file",
        "zh": "--lower {name}：文件中没有这个指标列",
    },
    "lower_with_framework": {
        "en": "--lower is for a model without a framework: this model's framework sets the directions "
        "(direction = -1 in its TOML)",
        "zh": "--lower 只用于没有框架的模型：此模型的框架已规定方向（在其 TOML 中设 direction = -1）",
    },
    "leave_out_with_drop": {
        "en": "; or leave the column out with --drop COLUMN",
        "zh": "；或用 --drop 列名 略去该列",
    },
    "constant_left_out": {
        "en": "leave it out: delete its [[node]] from the model file, or, for a model without a framework "
        "(a preset), give --drop {column}",
        "zh": "请略去该指标：从模型文件中删去它的 [[node]]；模型没有框架时（如预设模型），用 --drop {column}",
    },
    "xlsx_needs_out": {
        "en": "--format xlsx writes a workbook: give --out FILE.xlsx",
        "zh": "--format xlsx 写出工作簿：请给出 --out FILE.xlsx",
    },
    "higher_is_better": {"en": "higher is better", "zh": "越高越好"},
    "lower_is_better": {"en": "lower is better", "zh": "越低越好"},
    "closer_to_benchmark": {"en": "closer to a benchmark", "zh": "越接近基准越好"},
}


def counted(count: object, word: str) -> str:
    """``count`` and the English ``word`` agreeing with it: "1 firm", "2 firms", "0 firms";
    ``word`` may give its plural after a slash ("entity/entities", "1 parent value/values")."""
    singular, _, plural = word.partition("/")
    if not plural:
        plural = singular + "s"
    elif " " in singular and " " not in plural:  # "parent value/values": the last word's plural
        plural = singular.rpartition(" ")[0] + " " + plural
    return f"{count} {singular if count == 1 else plural}"


class _CountingFormatter(string.Formatter):
    """str.format, with ``{rows:count=row}`` for ``counted(rows, "row")``: English messages say
    "1 row", "3 rows" (Chinese has no plural: its templates write the bare number)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("count="):
            return counted(value, format_spec.removeprefix("count="))
        return super().format_field(value, format_spec)


_COUNTING = _CountingFormatter()


def cli_message(key: str, lang: str, **fields: object) -> str:
    """A message of the command line in ``lang`` (zh or en), its fields filled in."""
    return _COUNTING.format(CLI_MESSAGES[key][check_lang(lang)], **fields)
