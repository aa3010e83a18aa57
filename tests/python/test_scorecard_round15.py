"""Round 15, a demanding user's trial of the scorecards: a misspelt pack given to load(), rows
out of range in explain(), the gap of a firm whose ratio has a zero base, and the command line
on a file separated otherwise."""

import subprocess
import sys

import numpy as np
import pytest

import zhibiao as zb
from sme_cases import sme_firms


def test_load_of_a_misspelt_builtin_id_says_which_was_meant():
    # before: MissingFileError "tech_sme_2017: no such file", as if a path had been given;
    # evaluate(firms, "tech_sme_2017") said "did you mean" already
    with pytest.raises(zb.UnknownIndicatorError, match=r"no scorecard 'tech_sme_2017' \(did you mean 'tech-sme-2017'"):
        zb.scorecards.load("tech_sme_2017")
    with pytest.raises(zb.UnknownIndicatorError, match="did you mean 'hnte-2016'"):
        zb.scorecards.load("hnte-2061")
    # a name that reads as a file is a missing file, named
    with pytest.raises(zb.MissingFileError, match="mine.toml"):
        zb.scorecards.load("mine.toml")
    with pytest.raises(zb.MissingFileError, match="no such file"):
        zb.scorecards.evaluate(sme_firms(), "packs/mine.toml")
    with pytest.raises(TypeError, match="built-in id or a TOML file"):
        zb.scorecards.load(2017)
    assert zb.scorecards.load("hnte-2016").id == "hnte-2016"


def test_explain_refuses_rows_out_of_range_as_cpp_does():
    card = zb.scorecards.load("tech-sme-2017")
    firms = sme_firms(st_staff=[12, 3])
    assert card.explain(firms, [1, 0]) == [card.explain(firms)[1], "passes: total 62"]
    # before: pandas' IndexError "single positional indexer is out-of-bounds" for 2, and -1 the
    # last firm's explanation, as if asked for
    for row in (2, -1):
        with pytest.raises(zb.ArgumentError, match=rf"explain: row {row} out of range \(the table has 2 firms\)"):
            card.explain(firms, [row])
    with pytest.raises(zb.ArgumentError, match="positions"):
        card.explain(firms, ["0"])


def test_gap_finds_the_smallest_change_where_a_ratio_has_a_zero_base():
    # A total cost of 0 and no R&D: R&D ÷ total cost is 0/0 (missing), R&D ÷ sales 0%, total
    # 20 + 0 + 12 = 32, failed. More R&D also adds to the total cost (also_adds), so 0.01 万元 of
    # R&D makes R&D ÷ total cost 0.01/0.01 = 100% ≥ 30%: 50 points, 20 + 50 + 12 = 82 ≥ 60,
    # passed. Before: 20 万元 (the candidate of R&D ÷ sales ≥ 2% with R&D ÷ total cost then
    # 100%), the one rule with no closed form at 0 never searched below it.
    firms = sme_firms(rd_expense=[0.0, 0.0], total_cost=[0.0, 10.0])
    assert zb.scorecards.evaluate(firms, "tech-sme-2017")["total"].tolist() == [32.0, 32.0]
    gaps = zb.scorecards.gap(firms, "tech-sme-2017")
    # a total cost of 10: x / (10 + x) ≥ 25% needs x ≥ 10/3, 3.34 on the 0.01 grid: 40 points,
    # 72; R&D ÷ sales ≥ 4% (30 points, 62) needs 40; x/(10 + x) ≥ 20% needs 2.5 → 30 points, 62
    assert gaps["more_rd_expense"].tolist() == [0.01, 2.5]
    assert gaps["cheapest"].tolist() == ["rd_expense", "rd_expense"]
    raised = firms.assign(
        rd_expense=firms.rd_expense + gaps.more_rd_expense, total_cost=firms.total_cost + gaps.more_rd_expense
    )
    assert zb.scorecards.evaluate(raised, "tech-sme-2017")["status"].tolist() == ["passed", "passed"]
    just_below = firms.assign(rd_expense=[0.0, 2.49], total_cost=[0.0, 12.49])
    assert zb.scorecards.evaluate(just_below, "tech-sme-2017")["status"].tolist() == ["failed", "failed"]


def test_gap_is_unchanged_where_every_rule_has_a_closed_form():
    # §6b's second case: S&T 3 of 40 (7.5%: score 0), R&D 30 and IP 12 points, total 42. No R&D
    # lifts an S&T score of 0; S&T points of 4, 8, 12 or 16 leave it below 60: it needs 20,
    # (3 + k) / (40 + k) ≥ 30%, k ≥ 9/0.7 = 12.86, so 13.
    gaps = zb.scorecards.gap(sme_firms(st_staff=[3]), "tech-sme-2017")
    assert gaps["more_st_staff"].tolist() == [13.0] and np.isnan(gaps["more_rd_expense"].iloc[0])


def run(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "zhibiao", *args], input=stdin, capture_output=True, text=True, encoding="utf-8"
    )


def test_scorecard_command_on_a_file_separated_by_semicolons_says_which_sep(sample_dir):
    text = (sample_dir / "firms_synthetic.csv").read_text(encoding="utf-8").replace(",", ";")
    # before: "needs column 'employees'": the loader's hint was dropped on the way to the row-
    # numbered fallback for a table without an id column
    result = run("scorecard", "-", stdin=text)
    assert result.returncode == 2 and result.stdout == ""
    assert "give --sep ';'" in result.stderr
    ok = run("scorecard", "-", "--sep", ";", "-q", stdin=text)
    assert ok.returncode == 0 and ok.stderr == "" and ok.stdout.startswith("firm,name,status,")
    # a table without an id column is still numbered by row
    plain = run(
        "scorecard",
        "-",
        "-q",
        stdin="employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\n40,12,1000,500,45,204.5,0,2\n",
    )
    assert plain.returncode == 0 and plain.stdout.splitlines()[1].startswith("0,passed,")


def test_scorecard_command_with_gap_keeps_the_pass_rule_in_its_summary(sample_dir):
    # before: "failing conditions: pass rule (total) 63" — the join of the gap columns dropped
    # the result's attrs and with them the rule's text; without --gap it read "(total >= 71)"
    firms = str(sample_dir / "firms_synthetic.csv")
    plain = run("scorecard", firms, "--pack", "hnte-2016")
    with_gap = run("scorecard", firms, "--pack", "hnte-2016", "--gap")
    assert plain.returncode == 0 and with_gap.returncode == 0, with_gap.stderr
    summary = [line for line in plain.stderr.splitlines() if line.startswith("Summary(")]
    assert len(summary) == 1 and "pass rule (total >= 71)" in summary[0], plain.stderr
    assert summary == [line for line in with_gap.stderr.splitlines() if line.startswith("Summary(")]


@pytest.mark.parametrize(
    "firms",
    [sme_firms().iloc[0], sme_firms().iloc[0].to_dict(), [sme_firms().iloc[0].to_dict()], sme_firms().to_numpy()],
    ids=["series", "dict", "list", "array"],
)
def test_evaluate_and_gap_of_no_table_say_what_they_take(firms):
    # before: AttributeError "'Series' object has no attribute 'columns'" (and the like)
    for call in (zb.scorecards.evaluate, zb.scorecards.gap):
        with pytest.raises(TypeError, match="firms must be a DataFrame with a row per firm"):
            call(firms, "tech-sme-2017")


def test_summary_of_another_table_says_what_it_takes():
    firms = sme_firms(st_staff=[12, 3])
    # before: KeyError 'valid' (a gap table) and KeyError 'status' (the firms themselves)
    for table in (zb.scorecards.gap(firms, "tech-sme-2017"), firms):
        with pytest.raises(zb.ArgumentError, match="summary takes the table evaluate"):
            zb.scorecards.summary(table)
    assert zb.scorecards.summary(zb.scorecards.evaluate(firms, "tech-sme-2017")).firms == 2


def test_explanations_write_huge_figures_in_exponent_form():
    # before: sales 1e308 万元 read "sales 1000000000000000010979063629440455417404923096773118463368106829
    # 03157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664
    # 50293302718569748969958855904333838446616500117842689762621294517762809119578670745812278397017178441
    # 5105291802893207873272974885715430223118336 10k yuan above 200 million yuan"
    firms = sme_firms(sales=[1e308, 2.5e16, 123456789012345.0])
    lines = zb.scorecards.evaluate(firms, "tech-sme-2017")["explanation_en"].tolist()
    assert lines[0] == "not eligible: sales 1e+308 10k yuan above 20000 10k yuan (200 million yuan)"
    assert lines[1] == "not eligible: sales 2.5e+16 10k yuan above 20000 10k yuan (200 million yuan)"
    # below 10^15 a figure keeps its digits
    assert lines[2] == "not eligible: sales 123456789012345 10k yuan above 20000 10k yuan (200 million yuan)"


def test_a_missing_input_without_unit_names_no_unit():
    # before: "needs column 'registered_days' (注册成立至申报日天数, 1)": "1" is the unit of a plain number
    with pytest.raises(zb.MissingVariableError, match=r"needs column 'registered_days' \(注册成立至申报日天数\)$"):
        zb.scorecards.evaluate(sme_firms(), "hnte-2016")
    with pytest.raises(zb.MissingVariableError, match=r"needs column 'sales' \(销售收入, 万元\)$"):
        zb.scorecards.evaluate(sme_firms().drop(columns="sales"), "tech-sme-2017")


def test_chinese_explanation_of_an_unreadable_cell_separates_the_cells(tmp_path):
    path = tmp_path / "firms.csv"
    path.write_text(
        "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\nA,40,12,1000,500,4 5,204.5,0,2\n",
        encoding="utf-8",
    )
    firms = zb.read_csv(path, period_value="2024", lenient=True)
    line = zb.scorecards.evaluate(firms, "tech-sme-2017")["explanation_zh"].iloc[0]
    # before: "…（见加载报告）rd_expense: unparseable", the cell run into the sentence
    # round 18: the one unreadable cell of its column is quoted, as the load report lists it
    assert line == "输入无效：值不能用于计算：rd_expense: '4 5'"


def test_scorecard_command_refuses_a_misspelt_entity_column(sample_dir):
    firms = str(sample_dir / "firms_synthetic.csv")
    # before: exit 0, the firms numbered 0, 1, … by row and the firm column left out: the
    # loader's "did you mean" was taken as "no id column"
    result = run("scorecard", firms, "--entity", "frim")
    assert result.returncode == 2 and result.stdout == ""
    assert "no entity column 'frim' in the header (did you mean 'firm'?)" in result.stderr
    named = run("scorecard", firms, "--entity", "firm", "-q")
    assert named.returncode == 0 and named.stdout.splitlines()[1].startswith("F0001,")


def test_composite_command_on_a_panel_without_period_says_to_give_one(sample_dir):
    panel = (sample_dir / "counties_synthetic.csv").read_text(encoding="utf-8")
    # before: only "data rows 1 and 2 are both unit '900101': a unit is scored once"
    result = run("composite", "-", "--model", "eis", stdin=panel)
    assert result.returncode == 2 and result.stdout == ""
    assert (
        "a unit is scored once; the file is a panel of 10 periods (2015, 2016, 2017, …): give --period" in result.stderr
    )
    # a table of one row per unit with a unit given twice: no periods to speak of
    twice = run("composite", "-", "--model", "entropy-topsis", stdin="unit,a,b\nx,1,2\nx,3,4\ny,1,1\n")
    assert twice.returncode == 2 and twice.stderr.rstrip().endswith("a unit is scored once")


def test_scorecard_command_checks_year_where_it_is_given():
    firms = "firm,employees,st_staff,sales,assets,rd_expense,total_cost,ip_class1,ip_class2\nA,40,12,1000,500,45,204.5,0,2\n"
    # before: "zhibiao: <stdin>:2: cannot read period '20x4'", as if the file's line 2 were wrong
    result = run("scorecard", "-", "--year", "20x4", stdin=firms)
    assert result.returncode == 2 and result.stdout == ""
    assert "argument --year: cannot read period '20x4'" in result.stderr and "<stdin>:2" not in result.stderr
    ok = run("scorecard", "-", "--year", "2023年", "-q", stdin=firms)
    assert ok.returncode == 0 and ok.stdout.splitlines()[1].startswith("A,passed,")


PACK = """id = "mine"
[[input]]
id = "rd"
unit = "万元"
[[input]]
id = "sales"
unit = "万元"
[[measure]]
id = "ratio"
formula = "rd / sales"
unit = "%"
[[item]]
id = "rd_points"
max = 10
measure = "ratio"
bands = [{min = 10, points = 10}, {points = 0}]
[pass]
rule = "total >= 10"
[[controllable]]
input = "rd"
step = 1
cost = 1
"""


@pytest.mark.parametrize(
    "old, new, error, message",
    [
        # before: each named the unknown name and stopped there, no suggestion
        (
            'rule = "total >= 10"',
            'rule = "totl >= 10"',
            zb.MissingVariableError,
            "unknown name 'totl' (did you mean 'total'?)",
        ),
        ('rule = "total >= 10"', 'rule = "rd_point > 0"', zb.MissingVariableError, "did you mean 'rd_points'?"),
        ('formula = "rd / sales"', 'formula = "rd / sale"', zb.MissingVariableError, "did you mean 'sales'?"),
        (
            'measure = "ratio"',
            'measure = "ratoi"',
            zb.ParseError,
            "no measure or input 'ratoi' (did you mean 'ratio'?)",
        ),
        ('input = "rd"', 'input = "rd_"', zb.ParseError, "key 'input' names no input (did you mean 'rd'?)"),
        ("cost = 1", 'cost = 1\nalso_adds = ["sale"]', zb.ParseError, "names no input 'sale' (did you mean 'sales'?)"),
        # before: loaded, and the gap ranked a route that pays back first
        ("cost = 1", "cost = -1", zb.ParseError, "key 'cost' must be a finite number ≥ 0"),
    ],
)
def test_a_pack_file_names_what_it_misspells(tmp_path, old, new, error, message):
    path = tmp_path / "pack.toml"
    path.write_text(PACK, encoding="utf-8")
    assert zb.scorecards.load(path).id == "mine"
    path.write_text(PACK.replace(old, new), encoding="utf-8")
    with pytest.raises(error) as caught:
        zb.scorecards.load(path)
    assert message in str(caught.value)


def test_commands_refuse_to_write_csv_under_a_workbooks_name(sample_dir, tmp_path):
    # before: exit 0 and CSV text in scored.xlsx, which Excel will not open as named
    for args in (
        ("scorecard", str(sample_dir / "firms_synthetic.csv")),
        ("compute", str(sample_dir / "city_report.csv")),
    ):
        out = tmp_path / "scored.xlsx"
        result = run(*args, "--out", str(out), "-q")
        assert result.returncode == 2 and not out.exists()
        assert "a workbook's name, but this writes CSV: name the file .csv" in result.stderr
    book = tmp_path / "city.xlsx"
    assert (
        run("compute", str(sample_dir / "city_report.csv"), "--format", "xlsx", "--out", str(book), "-q").returncode
        == 0
    )
    assert book.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize(
    "call, options, message",
    [
        # before: pybind11's "incompatible function arguments" listing its overloads
        (zb.scorecards.evaluate, {"policy": None}, "policy must be 'low', 'high' or 'mid', not None"),
        (zb.scorecards.gap, {"policy": 1}, "policy must be 'low', 'high' or 'mid', not 1"),
        (zb.scorecards.evaluate, {"units": {"sales": None}}, "the unit of 'sales' must be a text"),
        (zb.scorecards.evaluate, {"units": [("sales", "元")]}, "units must be a mapping"),
        # before: AttributeError "'list' object has no attribute 'items'"
        (zb.scorecards.gap, {"costs": [("rd_expense", 1)]}, "costs must be a mapping"),
    ],
)
def test_options_of_the_wrong_shape_are_argument_errors(call, options, message):
    with pytest.raises(zb.ArgumentError, match=message):
        call(sme_firms(), "tech-sme-2017", **options)


@pytest.mark.parametrize(
    "where, message",
    [
        (
            'rule = "total >= 10"',
            "[pass]: its message names '{totl}', which is no input, measure, item or total (did you mean 'total'?)",
        ),
        (
            "cost = 1",
            "gate 'g': its message names '{sale}', which is no input, measure, item or total (did you mean 'sales'?)",
        ),
    ],
)
def test_a_pack_message_naming_nothing_is_refused(tmp_path, where, message):
    # before: loaded, and every explanation printed "{totl}" as written
    extra = {
        'rule = "total >= 10"': 'rule = "total >= 10"\nmessage_en = "total {totl}, too low"',
        "cost = 1": 'cost = 1\n[[gate]]\nid = "g"\ncondition = "sales <= 100[万元]"\nmessage_en = "sales {sale} above 100"',
    }[where]
    path = tmp_path / "pack.toml"
    path.write_text(PACK.replace(where, extra), encoding="utf-8")
    with pytest.raises(zb.ParseError) as caught:
        zb.scorecards.load(path)
    assert message in str(caught.value)
    path.write_text(
        PACK.replace(where, extra.replace("{totl}", "{total}").replace("{sale}", "{sales}")), encoding="utf-8"
    )
    assert zb.scorecards.load(path).id == "mine"
