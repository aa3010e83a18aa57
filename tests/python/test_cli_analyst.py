"""The command line for analysts: did-you-mean for misspelled options, --lang, output formats."""

import subprocess
import sys


def _run(*args, **kw):
    return subprocess.run([sys.executable, "-m", "zhibiao", *args], capture_output=True, text=True, **kw)


def test_a_misspelled_option_suggests_the_right_one(sample_dir):
    result = _run("compute", str(sample_dir / "city_report.csv"), "--reasns", "r.csv")
    assert result.returncode == 2
    assert "--reasns: did you mean --reasons?" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_misspelled_option_of_another_subcommand_is_matched_within_it(sample_dir):
    result = _run("scorecard", "-", "--pak", "hnte-2016", input="")
    assert result.returncode == 2 and "--pak: did you mean --pack?" in result.stderr
    unknown = _run("catalogue", "--zzzzzz")
    assert unknown.returncode == 2 and "did you mean" not in unknown.stderr and "unrecognized" in unknown.stderr
    # the shared dashes made --lenient look close to --quiet
    far = _run("scorecard", "-", "--lenient", input="")
    assert far.returncode == 2 and "--quiet" not in far.stderr, far.stderr


def test_an_abbreviated_option_is_refused_with_the_full_name(sample_dir):
    # argparse's default would read --id as --ids and then take the file for an indicator id
    # ("FILE is required"); a prefix that works today breaks when an option with the same start
    # is added, so it is refused and the full name suggested
    result = _run("compute", "--id", "rd_intensity", str(sample_dir / "counties_synthetic.csv"))
    assert result.returncode == 2 and result.stdout == ""
    assert "--id: did you mean --ids?" in result.stderr
    no_reason = _run("compute", str(sample_dir / "counties_synthetic.csv"), "--no-reason")
    assert no_reason.returncode == 2 and "--no-reason: did you mean --no-reasons?" in no_reason.stderr


def test_a_misspelled_option_is_named_even_when_argparse_fails_on_something_else():
    # --lan is unknown, so argparse reads 'en' as the command; the slip to fix is --lan
    result = _run("--lan", "en", "compute")
    assert result.returncode == 2 and "--lan: did you mean --lang?" in result.stderr
    after_end = _run("compute", "--", "--idz")  # after '--' a word is a file name, not an option
    assert "did you mean" not in after_end.stderr


def test_a_misspelled_choice_names_the_closest_one():
    # argparse lists the choices of --policy, --to and the command but picks none of them
    for args, hint in [
        (("scorecard", "-", "--policy", "hi"), "hi: did you mean high?"),
        (("rollup", "-", "--to", "provence"), "provence: did you mean province?"),
        (("comput",), "comput: did you mean compute?"),
        (("--lang", "zh", "comput"), "comput：是否想用 compute？"),
    ]:
        result = _run(*args, input="")
        assert result.returncode == 2 and hint in result.stderr, result.stderr
    far = _run("scorecard", "-", "--policy", "zzzzzz", input="")
    assert far.returncode == 2 and "did you mean" not in far.stderr


def test_the_closest_choice_does_not_depend_on_how_argparse_quotes_the_choices():
    # Python 3.12.8 and 3.13.1 (CPython gh-117766) print "(choose from low, high, mid)" unquoted
    from zhibiao import cli

    cli._Parser.argv = ["scorecard", "-", "--policy", "hi"]
    try:
        parser = cli.build_parser()
        for quoted in ("'low', 'high', 'mid'", "low, high, mid"):
            message = f"argument --policy: invalid choice: 'hi' (choose from {quoted})"
            assert parser._choice_suggestion(message) == ["hi: did you mean high?"]
        assert parser._choice_suggestion("argument COMMAND: invalid choice: 'comput' (choose from compute, demo)") == [
            "comput: did you mean compute?"
        ]
    finally:
        cli._Parser.argv = ()


def test_the_scorecard_summary_names_the_pack_also_with_gap(sample_dir):
    for extra in ([], ["--gap"]):
        result = _run("scorecard", str(sample_dir / "firms_synthetic.csv"), "--pack", "hnte-2016", *extra, check=True)
        assert "Summary(hnte-2016: 200 firms" in result.stderr, extra


def test_a_unique_prefix_or_part_gets_a_suggestion_too():
    from zhibiao._suggest import closest_name, edit_distance

    kinds = ["pearson", "absolute", "distance"]
    assert edit_distance("abs", "absolute") == 5  # too far for a typo (3 // 3 + 2 = 3)
    assert closest_name("abs", kinds) == "absolute" and closest_name("olute", kinds) == "absolute"
    assert closest_name("pearsn", kinds) == "pearson"
    assert closest_name("max", ["minmax", "frac_of_max"]) is None  # a part of two names: no guess
    assert closest_name("in", ["minmax", "inverse", "index"]) is None
    assert closest_name("a", kinds) is None
    assert closest_name("ABS", kinds, fold=str.lower) == "absolute"


def test_the_command_line_suggests_a_preset_from_its_prefix():
    result = _run("composite", "-", "--model", "entropy", input="region,a,b\nu1,1,2\nu2,2,1\n")
    assert result.returncode == 2 and "did you mean 'entropy-topsis'?" in result.stderr, result.stderr


def test_the_library_suggests_an_option_value_from_its_prefix():
    import pytest

    import zhibiao as zb

    C = zb.composite
    with pytest.raises(zb.Error, match="did you mean 'absolute'"):
        C.Model('[[step]]\nkind = "weigh"\nmethod = "critic"\ncorrelation = "abs"\n')


def test_sep_reads_a_semicolon_or_tab_file_in_every_command_that_reads_a_table(tmp_path):
    # a ';' file (Excel in a European locale) or a tab export could not be read by the CLI at all,
    # and the loader's hint named read_csv's sep= keyword, which a shell user cannot give
    semi = tmp_path / "semi.csv"
    semi.write_text("entity;period;rd_expenditure[万元];gdp[亿元]\n3201;2023;26500;100\n", encoding="utf-8")
    refused = _run("compute", str(semi), "--ids", "rd_intensity")
    assert refused.returncode == 2 and "give --sep ';'" in refused.stderr and "sep=" not in refused.stderr
    result = _run("compute", str(semi), "--sep", ";", "--ids", "rd_intensity", "-q", check=True)
    assert result.stdout.splitlines()[1] == "3201,2023,2.65,"  # 26500 万元 / 100 亿元 = 2.65 %
    units = tmp_path / "units.tsv"
    units.write_text("region\ta\tb\nr1\t1\t4\nr2\t3\t2\nr3\t2\t9\n", encoding="utf-8")
    model = tmp_path / "m.toml"
    model.write_text(
        '[[node]]\ncode = "I"\nlevel = 2\n[[node]]\ncode = "a"\nparent = "I"\n[[node]]\ncode = "b"\nparent = "I"\n'
        '[[step]]\nkind = "normalise"\nmethod = "minmax"\n[[step]]\nkind = "aggregate"\n',
        encoding="utf-8",
    )
    for tab in ("\\t", "tab"):
        scored = _run("composite", str(units), "--model", str(model), "--sep", tab, "-q", check=True)
        assert scored.stdout.splitlines()[0].split(",")[:3] == ["region", "I", "a"]


def test_sep_refuses_a_mark_that_cannot_separate_fields(sample_dir):
    for mark in ('"', ".", "5", "，", "ab"):
        result = _run("compute", str(sample_dir / "city_report.csv"), "--sep", mark)
        assert result.returncode == 2 and "argument --sep" in result.stderr, mark
        assert "Traceback" not in result.stderr


def test_read_csv_refuses_a_full_width_separator(tmp_path):
    import pytest

    import zhibiao as zb

    path = tmp_path / "p.csv"
    path.write_text("entity，period，gdp\nA，2020，1\n", encoding="utf-8")
    with pytest.raises(zb.ArgumentError, match="ASCII"):
        zb.read_csv(path, sep="，")
    with pytest.raises(zb.ArgumentError, match="cannot separate fields"):
        zb.read_csv(path, sep=".")


def test_ids_may_be_listed_with_commas(sample_dir):
    # --ids a,b (as a spreadsheet user writes a list) was "unknown indicator 'a,b'"
    spaced = _run("compute", str(sample_dir / "counties_synthetic.csv"), "--ids", "rd_intensity", "hitech_va_share_gdp")
    commas = _run("compute", str(sample_dir / "counties_synthetic.csv"), "--ids", "rd_intensity,hitech_va_share_gdp")
    assert spaced.returncode == 0 and commas.returncode == 0, commas.stderr
    assert commas.stdout == spaced.stdout and "rd_intensity" in commas.stdout
