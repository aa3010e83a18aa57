"""The command line's help in Chinese or English: --lang zh|en before or after the subcommand,
else $ZHIBIAO_LANG, else $LANG (zh_CN…); English by default. The words are in zhibiao/_lang.py."""

import argparse
import os
import re
import subprocess
import sys

import pytest

from zhibiao import _lang
from zhibiao.cli import build_parser

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def run(*args, env=None, stdin=None):
    environ = {k: v for k, v in os.environ.items() if k not in ("ZHIBIAO_LANG", "LANG", "LC_ALL", "LANGUAGE")}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, env=environ, input=stdin, timeout=300
    )


def _parsers(parser):
    yield "zhibiao", parser
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for choice in sub._choices_actions:
        yield f"{choice.dest} (in the list of commands)", argparse.Namespace(description=choice.help, _actions=[])
    for name, command in sub.choices.items():
        yield name, command


def test_every_description_and_option_help_has_its_chinese():
    for name, parser in _parsers(build_parser("zh")):
        assert CHINESE.search(parser.description or ""), f"{name}: no Chinese description"
        for action in parser._actions:
            if action.help and action.help is not argparse.SUPPRESS:
                assert CHINESE.search(action.help), f"{name} {action.dest}: no Chinese for {action.help!r}"


def test_english_help_stays_english():
    for name, parser in _parsers(build_parser("en")):
        assert not CHINESE.search(parser.description or ""), name
        for action in parser._actions:
            assert not CHINESE.search(action.help or ""), f"{name} {action.dest}"


@pytest.mark.parametrize(
    "args",
    [["--lang", "zh", "compute", "--help"], ["compute", "--help", "--lang", "zh"], ["compute", "--lang=zh", "-h"]],
)
def test_lang_zh_before_or_after_the_subcommand_shows_chinese_help(args):
    result = run(*args)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.startswith("用法：zhibiao compute")
    flat = re.sub(r"\s+", "", out)  # argparse wraps the lines
    assert "由CSV面板数据（宽表或长表；UTF-8或GB18030）计算指标目录中的指标。" in flat  # the description
    assert "要计算的指标id，以空格或逗号分隔（默认：整个指标目录）" in flat  # an option's help
    assert "面板数据CSV（主体、时期和变量列）；'-'表示读标准输入" in flat  # a help made of parts
    assert "将指标表写入FILE（默认或'-'：标准输出）" in flat
    assert "\n选项:" in out and "show this help" not in out


def test_the_environment_chooses_when_the_command_line_does_not():
    assert "用法：" in run("compute", "--help", env={"ZHIBIAO_LANG": "zh"}).stdout
    assert "用法：" in run("compute", "--help", env={"LANG": "zh_CN.UTF-8"}).stdout
    english = run("compute", "--help", env={"LANG": "C.UTF-8"}).stdout
    assert english.startswith("usage: zhibiao compute") and not CHINESE.search(english)
    # the command line wins over the environment, ZHIBIAO_LANG over LANG
    assert run("--lang", "en", "compute", "--help", env={"ZHIBIAO_LANG": "zh"}).stdout.startswith("usage:")
    assert run("compute", "--help", env={"ZHIBIAO_LANG": "en", "LANG": "zh_CN.UTF-8"}).stdout.startswith("usage:")
    wrong = run("compute", "--help", env={"ZHIBIAO_LANG": "fr"})
    assert wrong.returncode == 2 and "ZHIBIAO_LANG" in wrong.stderr and "Traceback" not in wrong.stderr


def test_the_top_level_help_lists_the_commands_in_chinese():
    out = run("--lang", "zh", "--help").stdout
    assert "由科技统计数据计算指标" in out and "把 CSV 面板数据逐级汇总到上级地区" in out and "显示版本号并退出" in out


def test_lang_before_the_subcommand_also_chooses_the_names_in_the_output():
    english = run("--lang", "en", "catalogue")
    assert english.returncode == 0 and "Valid invention patents per 10,000 people" in english.stdout
    assert "每万人口发明专利拥有量" in run("catalogue").stdout  # names in Chinese by default, as before
    assert "Valid invention patents per 10,000 people" in run("catalogue", env={"ZHIBIAO_LANG": "en"}).stdout
    bad = run("--lang", "fr", "catalogue")
    assert bad.returncode == 2 and "invalid choice: 'fr'" in bad.stderr


def test_a_text_without_chinese_is_shown_in_english_and_parts_are_translated():
    assert _lang.cli_text("a help nobody translated", "zh") == "a help nobody translated"
    assert _lang.cli_text("the report text; '-' reads standard input", "zh") == "报告文本；'-' 表示读标准输入"
    assert _lang.cli_text("write the figures to FILE (default, or '-': standard output)", "zh") == (
        "将数字写入 FILE（默认或 '-'：标准输出）"
    )
    assert _lang.environment_lang({"LANG": "zh_TW.UTF-8"}) == "zh"
    assert _lang.environment_lang({"LANG": "en_US.UTF-8"}) is None
    assert _lang.environment_lang({"ZHIBIAO_LANG": "EN", "LANG": "zh_CN"}) == "en"


def test_help_into_a_pipe_that_closes_early_is_no_error():
    shell = f"set -o pipefail; {sys.executable} -m zhibiao --lang zh compute --help | head -1"
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.startswith("用法：") and "Traceback" not in result.stderr


def test_usage_errors_are_in_the_language_of_the_help():
    wrong = run("--lang", "zh", "compute", "-", "--reasns", "r.csv", stdin="")
    assert wrong.returncode == 2 and "Traceback" not in wrong.stderr
    assert wrong.stderr.startswith("用法：zhibiao")
    assert "zhibiao：错误：无法识别的选项 --reasns（其后的词未作为它的值读取）" in wrong.stderr
    assert "--reasns：是否想用 --reasons？" in wrong.stderr
    choice = run("compute", "-", "--format", "pdf", env={"ZHIBIAO_LANG": "zh"}, stdin="")
    assert "zhibiao compute：错误：参数 --format：无效的取值 'pdf'（可选：'csv', 'xlsx'）" in choice.stderr
    missing = run("--lang", "zh", "compute")
    assert "缺少必需的参数：FILE" in missing.stderr
    english = run("compute", "-", "--reasns", "r.csv", stdin="")
    assert (
        "zhibiao: error: unrecognized option --reasns (the words after it were not read as its value)" in english.stderr
    )
    # an option's value taken for FILE: the slip is named alone, not lumped in with the file
    lexicon = run("extract", "--lexcon", "x.toml", "r.txt", stdin="")
    assert "error: unrecognized option --lexcon (" in lexicon.stderr and "r.txt" not in lexicon.stderr
    assert "--lexcon: did you mean --lexicon?" in lexicon.stderr
    stray = run("compute", "-", "extra", stdin="")  # no unknown option: argparse's own words
    assert "unrecognized arguments: extra" in stray.stderr


# ------------------------------------------------------------------ runtime messages

PANEL = (
    "entity,period,valid_invention_patents[件],population[万人]\n"
    "110101,2024,50,100\n\n110102,2024,30,60\n110103,2024,x,60\n"
)


def test_every_message_has_both_languages_with_the_same_fields():
    fields = re.compile(r"\{(\w*)(?::count=[^}]*)?\}")  # {rows:count=row}: "1 row", "3 rows" in English
    for key, words in _lang.CLI_MESSAGES.items():
        assert set(words) == set(_lang.LANGUAGES), key
        assert words["en"] and not CHINESE.search(words["en"]), f"{key}: English with Chinese"
        assert CHINESE.search(words["zh"]), f"{key}: no Chinese for {words['en']!r}"
        assert sorted(fields.findall(words["en"])) == sorted(fields.findall(words["zh"])), key
    assert _lang.cli_message("written_to", "zh", where="out.csv") == "已写入out.csv"
    with pytest.raises(ValueError, match="lang must be 'zh' or 'en'"):
        _lang.cli_message("written_to", "fr", where="out.csv")


def test_every_message_the_command_line_says_is_in_the_table():
    """A message written straight into cli.py (not through _msg) would be English only."""
    with open(os.path.join(os.path.dirname(_lang.__file__), "cli.py"), encoding="utf-8") as f:
        source = f.read()
    used = set(re.findall(r"_msg\(\s*\"(\w+)\"", source)) | set(re.findall(r"cli_message\(\"(\w+)\"", source))
    assert used and used <= set(_lang.CLI_MESSAGES), used - set(_lang.CLI_MESSAGES)
    stray = re.findall(r"print\(f?\"zhibiao: \w*", source)
    assert stray == ['print(f"zhibiao: ZHIBIAO_LANG'], stray  # said before a language is known


def test_compute_messages_in_chinese():
    said = run("--lang", "zh", "compute", "-", "--lenient", "--ids", "invention_patents_per_10k", stdin=PANEL)
    assert said.returncode == 0, said.stderr
    assert said.stderr.strip() == ("<stdin>：读入 3 行（空行 1，跳过 0，无法解析的单元格 1）；1 个指标已写入标准输出"), said.stderr
    english = run("compute", "-", "--lenient", "--ids", "invention_patents_per_10k", stdin=PANEL)
    assert english.stderr.strip() == (
        "<stdin>: 3 rows loaded (1 blank, 0 skipped, 1 unparseable cell); 1 indicator written to standard output"
    ), english.stderr
    assert said.stdout == english.stdout  # the language changes the messages, not the table


def test_errors_and_summaries_in_chinese(tmp_path):
    env = {"ZHIBIAO_LANG": "zh"}
    missing = run("compute", str(tmp_path / "nope.csv"), env=env)
    assert missing.returncode == 2 and missing.stderr.startswith("zhibiao：错误：") and "nope.csv" in missing.stderr
    model = run("composite", "-", "--model", "entropy-topsys", env=env, stdin="unit,a\nx,1\n")
    assert model.returncode == 2, model.stderr
    assert "zhibiao：错误：未知的模型 'entropy-topsys'：既不是预设，也不是 .toml 文件；是否想用 'entropy-topsis'？" in model.stderr
    rolled = run("rollup", "-", "--parents", "admin", env={"LANG": "zh_CN.UTF-8"}, stdin=PANEL.replace("x", "9"))
    assert rolled.returncode == 0, rolled.stderr
    assert "<stdin>：3 行汇总为 1 行" in rolled.stderr and "rows" not in rolled.stderr
    parents = tmp_path / "parents.csv"
    parents.write_text("child,parent\n110101,X\n", encoding="utf-8")
    wrong = run(
        "--lang", "zh", "rollup", "-", "--parents", str(parents), "--to", "prefecture", stdin=PANEL.replace("x", "9")
    )
    assert wrong.returncode == 2 and "zhibiao：错误：--to 只能与 --parents admin 一起使用" in wrong.stderr


def test_catalogue_direction_in_the_language_of_the_names():
    chinese = run("catalogue", "invention_patents_per_10k", "--lang", "zh").stdout
    assert re.search(r"^direction:\s+越高越好$", chinese, re.M), chinese
    english = run("catalogue", "invention_patents_per_10k", "--lang", "en").stdout
    assert re.search(r"^direction:\s+higher is better$", english, re.M), english


def test_scorecard_summary_in_chinese():
    firms = (
        "employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n"
        "40,12,1000,500,45,204.5,0,2\n40,3,1000,500,45,204.5,0,2\n"
    )
    zh = run("--lang", "zh", "scorecard", "-", stdin=firms)
    en = run("scorecard", "-", stdin=firms)
    assert zh.returncode == 0 and en.returncode == 0, zh.stderr + en.stderr
    # the statuses in the words of the summary's language (round 15: were English codes); the
    # CSV on stdout keeps the codes
    assert "汇总（tech-sme-2017）：企业 2 家 — 通过 1, 直接认定 0, 未通过 1" in zh.stderr, zh.stderr
    assert "未满足的条件：" in zh.stderr and "passed 1" not in zh.stderr, zh.stderr
    assert "Summary(tech-sme-2017: 2 firms — passed 1" in en.stderr and zh.stdout == en.stdout
