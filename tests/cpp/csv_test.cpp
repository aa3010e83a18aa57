#include "zhibiao/csv.hpp"

#include "core/column_memory.hpp"
#include "core/file_buffer.hpp"
#include "core/interner.hpp"
#include "io/headings.hpp"

#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <map>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <fstream>
#include <thread>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(csv)

BOOST_AUTO_TEST_CASE(number_grammar) {
    double v;
    int pct;
    BOOST_TEST((detail::parse_number("13.5", v, pct) && v == 13.5 && pct == 0));
    BOOST_TEST((detail::parse_number("-0", v, pct) && v == 0.0));
    BOOST_TEST((detail::parse_number("+2", v, pct) && v == 2.0));
    BOOST_TEST((detail::parse_number(".5", v, pct) && v == 0.5));
    BOOST_TEST((detail::parse_number("1e3", v, pct) && v == 1000.0));
    BOOST_TEST((detail::parse_number("1,234,567.25", v, pct) && v == 1234567.25));
    BOOST_TEST((detail::parse_number("１２３．５", v, pct) && v == 123.5));  // full-width
    BOOST_TEST((detail::parse_number("－３", v, pct) && v == -3.0));         // full-width minus
    BOOST_TEST((detail::parse_number("13.5%", v, pct) && v == 13.5 && pct == -2));
    BOOST_TEST((detail::parse_number("5‰", v, pct) && v == 5.0 && pct == -3));
    BOOST_TEST((detail::parse_number("  42  ", v, pct) && v == 42.0));
    for (const char* bad : {"13.%", "1,2,3", "abc", "13.", "1e", "1e400", "--1", "1,23", "1234,567", "12,345,67", "inf",
                            "nan", "0x10", "%", "1.2.3", "1 2", ",123"})
        BOOST_TEST(!detail::parse_number(bad, v, pct), bad);
}

BOOST_AUTO_TEST_CASE(wide_layout_with_units_in_the_header) {
    panel p = parse_csv(
        "region,period,gdp[亿元],population[万人],valid_invention_patents\n"
        "320602,2023,1000.5,50.0,45\n"
        "320612,2023,\"1,200\",60,—\n");
    BOOST_TEST(p.rows() == 2u);
    BOOST_TEST(p.at("gdp").unit().exponent() == 8);
    BOOST_TEST(p.at("gdp").values()(1) == 1200.0);
    BOOST_TEST(p.at("population").values()(0) == 50.0);
    BOOST_TEST(!p.at("valid_invention_patents").unit_given());
    BOOST_TEST(std::isnan(p.at("valid_invention_patents").values()(1)));
    BOOST_TEST(p.report().rows_loaded == 2u);
    BOOST_TEST(p.report().cells_missing == 1u);
    BOOST_TEST(p.report().layout == "wide");
}

BOOST_AUTO_TEST_CASE(units_map_overrides_the_header) {
    csv_options o;
    o.units = {{"gdp", "万元"}};
    panel p = parse_csv("entity,year,gdp[亿元]\nA,2020,5\n", o);
    BOOST_TEST(p.at("gdp").unit().exponent() == 4);
}

BOOST_AUTO_TEST_CASE(a_separator_that_is_part_of_a_cell_or_a_line_is_refused) {
    // '.' cut 1.5 into two cells and '"' turned every quoted cell into fields; both read on
    // without a word. ';', tab, '|' and a space are separators files use.
    const std::string wide = "entity;year;gdp[亿元]\nA;2020;1.5\n";
    csv_options o;
    o.separator = ';';
    BOOST_TEST(parse_csv(wide, o).at("gdp").values()(0) == 1.5);
    for (char usable : {'\t', '|', ' ', ':'}) {
        o.separator = usable;
        std::string text = wide;
        for (char& c : text)
            if (c == ';') c = usable;
        BOOST_TEST(parse_csv(text, o).at("gdp").values()(0) == 1.5);
    }
    for (char bad : {'"', '.', '-', '+', '7', '\n', '\r', '\0', static_cast<char>(0xE4)}) {
        o.separator = bad;
        BOOST_CHECK_THROW(parse_csv(wide, o), argument_error);
        BOOST_CHECK_THROW(read_csv("/nonexistent/file.csv", o), argument_error);  // before the file
    }
}

BOOST_AUTO_TEST_CASE(chinese_headers_name_the_names_and_the_long_layout) {
    // A bureau's own export heads its columns in Chinese: 地区代码 and 地区 are the codes and the
    // names (地区 was read as a variable: "not a number: '崇川区'"), 指标/数值/单位 the long layout.
    panel p = parse_csv(
        "地区代码,地区,时期,指标,数值,单位\n"
        "320601,崇川区,2023,gdp,1100.5,亿元\n"
        "320612,通州区,2023,gdp,\"1,250,000\",万元\n");
    BOOST_TEST(p.report().layout == "long");
    BOOST_TEST(p.entities()[0].code == "320601");
    BOOST_TEST(p.entities()[1].name == "通州区");
    BOOST_TEST(p.at("gdp").unit().exponent() == 8);
    BOOST_TEST(p.at("gdp").values()(1) == 125.0);  // 1,250,000 万元 = 125 亿元
    panel wide = parse_csv("地区代码,地区名称,年份,gdp[亿元]\n320601,崇川区,2023,1100.5\n");
    BOOST_TEST(wide.entities()[0].name == "崇川区");
    panel alone = parse_csv("地区,年份,gdp[亿元]\n崇川区,2023,1100.5\n");  // 地区 alone: the entity
    BOOST_TEST(alone.entities()[0].code == "崇川区");
    BOOST_TEST(alone.entities()[0].name.empty());
}

// Round 28: 研发 and 研究与试验发展 are how bureau tables write R&D (研发经费内部支出 is R&D经费内部支出,
// an other name of rd_expenditure); a heading no variable's name means is kept as written.
BOOST_AUTO_TEST_CASE(yanfa_in_a_heading_is_rd) {
    BOOST_TEST(parse_column_header("研发经费内部支出[万元]").name == "rd_expenditure");
    BOOST_TEST(parse_column_header("研发经费内部支出[万元]").renamed_from == "研发经费内部支出");
    BOOST_TEST(parse_column_header("研究与试验发展经费内部支出").name == "rd_expenditure");
    BOOST_TEST(parse_column_header("研发投入强度[%]").name == "研发投入强度");
    BOOST_TEST(parse_column_header("研发经费内部支出", nullptr).name == "研发经费内部支出");
}

// Review 28a: R&D in any case or width, and 研究与开发（R&D）, were left as written.
BOOST_AUTO_TEST_CASE(rd_in_any_case_or_width_is_rd) {
    for (const char* heading :
         {"R&d经费", "研究与开发（R&D）经费", "Ｒ＆Ｄ经费内部支出", "研究与试验发展（Ｒ＆Ｄ）经费"})
        BOOST_TEST(parse_column_header(heading).name == "rd_expenditure", heading);
}

// Review 28a: 研发经费内部支出 renamed onto rd_expenditure beside a column that is it already was a
// duplicate; it stays as written, ignore= works before the duplicate check, units= by the heading.
BOOST_AUTO_TEST_CASE(a_heading_read_by_its_meaning_stays_as_written_beside_its_variable) {
    panel p = parse_csv("entity,year,研发经费支出[万元],研发经费内部支出[万元]\nA,2020,1,2\n");
    BOOST_TEST(p.has("rd_expenditure"));
    BOOST_TEST(p.has("研发经费内部支出"));
    csv_options o;
    o.ignore = {"R&D经费支出"};
    panel one = parse_csv("entity,year,rd_expenditure[万元],R&D经费支出[万元]\nA,2020,1,2\n", o);
    BOOST_TEST(one.at("rd_expenditure").values()(0) == 1.0);
    csv_options u;
    u.units = {{"研发经费内部支出", "亿元"}};
    panel by_heading = parse_csv("entity,year,研发经费内部支出\nA,2020,1\n", u);
    BOOST_TEST(by_heading.at("rd_expenditure").unit().exponent() == 8);
    // The other column left out by ignore= is no clash: the heading read by its meaning is the
    // variable (it stayed 研发经费内部支出, which no indicator reads; the final review of round 28).
    csv_options left_out;
    left_out.ignore = {"R&D经费内部支出"};
    panel kept = parse_csv("entity,year,研发经费内部支出[万元],R&D经费内部支出[万元]\nA,2020,1,2\n", left_out);
    BOOST_TEST(kept.has("rd_expenditure"));
    BOOST_TEST(kept.at("rd_expenditure").values()(0) == 1.0);
}

BOOST_AUTO_TEST_CASE(headings_the_catalogue_lists_as_other_names_are_read_as_its_variables) {
    // 地区生产总值（GDP） and R&D经费内部支出 were variables of their own that no indicator read
    panel p =
        parse_csv("地区代码,年份,地区生产总值（GDP）[亿元],R&D经费内部支出[万元],有效发明专利\n1,2023,100,26500,45\n");
    BOOST_TEST(p.at("gdp").values()(0) == 100.0);
    BOOST_TEST(p.at("rd_expenditure").unit().exponent() == 4);
    BOOST_TEST(p.at("valid_invention_patents").values()(0) == 45.0);
    BOOST_TEST(p.report().renamed_columns.size() == 3u);
    try {  // two headings of one variable
        (void)parse_csv("地区代码,年份,GDP[亿元],地区生产总值[亿元]\n1,2023,100,100\n");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("duplicate column 'gdp'") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(a_unit_or_ignore_naming_no_column_is_refused) {
    // units = {rd_expenditur: 亿元} did nothing: rd_expenditure stayed in the header's 万元, 10⁴ off.
    const std::string text = "entity,period,rd_expenditure[万元],note\nA,2020,5,x\n";
    auto with = [](std::vector<std::pair<std::string, std::string>> units, std::vector<std::string> ignore) {
        csv_options o;
        o.units = std::move(units);
        o.ignore = std::move(ignore);
        return o;
    };
    try {
        parse_csv(text, with({{"rd_expenditur", "亿元"}}, {"note"}));
        BOOST_FAIL("expected missing_variable_error");
    } catch (const missing_variable_error& e) {
        BOOST_TEST(std::string(e.what()).find("did you mean 'rd_expenditure'") != std::string::npos, e.what());
        BOOST_TEST(e.name() == "rd_expenditur");
    }
    BOOST_CHECK_THROW(parse_csv(text, with({{"note", "万元"}}, {"note"})), missing_variable_error);  // ignored
    try {
        parse_csv(text, with({}, {"notes"}));
        BOOST_FAIL("expected missing_variable_error");
    } catch (const missing_variable_error& e) {
        BOOST_TEST(std::string(e.what()).find("did you mean 'note'") != std::string::npos, e.what());
    }
    const panel p = parse_csv(text, with({{"rd_expenditure", "亿元"}}, {"note"}));
    BOOST_TEST(p.at("rd_expenditure").unit().exponent() == 8);
    // A header cell as written is named with the name it is read as.
    try {
        parse_csv("entity,period,地区生产总值,note[文本]\nA,2020,5,1\n", with({{"地区生产总值", "亿元"}}, {"note"}));
        BOOST_FAIL("expected missing_variable_error");
    } catch (const missing_variable_error& e) {
        BOOST_TEST(std::string(e.what()).find("is read as 'gdp': use that name") != std::string::npos, e.what());
    }
    // Long layout: the rows name the variables; a unit for one they lack is kept, not refused.
    BOOST_CHECK_NO_THROW(parse_csv("entity,period,variable,value\n", with({{"gdp", "亿元"}}, {})));
}

BOOST_AUTO_TEST_CASE(long_layout_converts_units_per_record) {
    panel p = parse_csv(
        "entity,period,variable,value,unit\n"
        "A,2023,gdp,1.5,亿元\n"
        "A,2023H1,gdp,7000,万元\n"
        "B,2023,gdp,20000,万元\n"
        "A,2023,population,50,万人\n");
    BOOST_TEST(p.rows() == 3u);
    const column& gdp = p.at("gdp");
    BOOST_TEST(gdp.unit().symbol() == "亿元");
    BOOST_TEST(gdp.values()(1) == 0.7);
    BOOST_TEST(gdp.values()(2) == 2.0);
    BOOST_TEST((p.at("population").reason_at(1) == reason::missing_input));
    BOOST_TEST(p.report().layout == "long");
    BOOST_TEST(p.report().rows_loaded == 4u);
}

BOOST_AUTO_TEST_CASE(long_layout_refuses_incompatible_units) {
    BOOST_CHECK_THROW(parse_csv("entity,period,variable,value,unit\nA,2023,gdp,1.5,亿元\nB,2023,gdp,3,人\n"),
                      incompatible_units_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,variable,value,unit\nA,2023,gdp,1.5,亿元\nA,2023,gdp,3,亿元\n"),
                      duplicate_row_error);
}

BOOST_AUTO_TEST_CASE(malformed_numbers_name_file_line_column_and_text) {
    for (const char* bad : {"13.%", "1,2,3", "abc"}) {
        std::string text = "entity,period,x\nA,2020,1\nB,2020,\"" + std::string(bad) + "\"\n";
        try {
            parse_csv(text, {}, "t.csv");
            BOOST_FAIL("expected parse_error");
        } catch (const parse_error& e) {
            BOOST_TEST(e.where().file == "t.csv");
            BOOST_TEST(e.where().line == 3u);
            BOOST_TEST(e.where().column == 3u);
            BOOST_TEST(std::string(e.what()).find(bad) != std::string::npos);
        }
    }
}

BOOST_AUTO_TEST_CASE(lenient_loading_reports_every_row) {
    csv_options o;
    o.lenient = true;
    panel p = parse_csv("entity,period,x\nA,2020,1\nB,2020,abc\n\nC,2020\nD,2020,4\n", o);
    BOOST_TEST(p.rows() == 3u);
    BOOST_TEST((p.at("x").reason_at(1) == reason::unparseable));
    const load_report& r = p.report();
    BOOST_TEST(r.data_lines == 5u);
    BOOST_TEST(r.rows_loaded == 3u);
    BOOST_TEST(r.blank_lines == 1u);
    BOOST_TEST(r.rows_skipped == 1u);
    BOOST_TEST(r.data_lines == r.rows_loaded + r.blank_lines + r.rows_skipped);
    BOOST_TEST(r.cells_unparseable == 1u);
    BOOST_TEST(r.issues.size() == 2u);
    BOOST_TEST(r.issues[0].text == "abc");
}

// A row without an entity code is no one's: refused saying a totals row is one, and a lenient
// load skips it as it skips a row of the wrong width (wide and long tables alike).
BOOST_AUTO_TEST_CASE(a_row_without_a_code_is_refused_or_skipped_as_a_totals_row) {
    const std::string wide = "code,name,period,x\n320601,A,2023,1\n320602,B,2023,2\n,合计,2023,3\n";
    try {
        (void)parse_csv(wide);
        BOOST_FAIL("a row without a code was read");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("empty entity code in a row that reads '合计'") != std::string::npos);
        BOOST_TEST(std::string(e.what()).find("totals row") != std::string::npos);
    }
    csv_options o;
    o.lenient = true;
    for (const std::string& text : {wide, std::string("entity,period,variable,value\nA,2023,x,1\n,2023,x,3\n")}) {
        const panel p = parse_csv(text, o);
        const load_report& r = p.report();
        BOOST_TEST(r.rows_skipped == 1u);
        BOOST_TEST(r.data_lines == r.rows_loaded + r.blank_lines + r.rows_skipped);
        BOOST_REQUIRE(!r.issues.empty());
        BOOST_TEST(r.issues.back().column == 0u);  // a row's issue: validate's skipped_row names it
        BOOST_TEST(r.issues.back().problem.find("empty entity code") == 0u);
    }
}

BOOST_AUTO_TEST_CASE(encodings_bom_crlf_and_gb18030) {
    panel bom = parse_csv(
        "\xEF\xBB\xBF"
        "entity,period,x\r\nA,2020,1\r\n");
    BOOST_TEST(bom.report().encoding == "utf-8-bom");
    BOOST_TEST(bom.at("x").values()(0) == 1.0);
    // "地区,年份,x\n南通,2020,1" in GB18030 (bytes as Excel on Chinese Windows writes them).
    std::string gb = "\xB5\xD8\xC7\xF8,\xC4\xEA\xB7\xDD,x\n\xC4\xCF\xCD\xA8,2020,1\n";
    panel p = parse_csv(gb);
    BOOST_TEST(p.report().encoding == "gb18030");
    BOOST_TEST(p.entities()[0].code == "南通");
    csv_options strict_utf8;
    strict_utf8.encoding = csv_options::encoding_choice::utf8;
    BOOST_CHECK_THROW(parse_csv(gb, strict_utf8), parse_error);
    // GB18030's byte order mark (U+FEFF is 84 31 95 33 in GB18030: what `iconv -t gb18030` makes of a
    // UTF-8 file with a BOM) is stripped like the UTF-8 one, not glued to the first heading.
    panel gb_bom = parse_csv("\x84\x31\x95\x33" + gb);
    BOOST_TEST(gb_bom.report().encoding == "gb18030-bom");
    BOOST_TEST(gb_bom.entities()[0].code == "南通");
    BOOST_TEST(gb_bom.at("x").values()(0) == 1.0);
}

BOOST_AUTO_TEST_CASE(check_text_file_refuses_binary_bytes) {
    // An ELF-like head: NULs on both sides of the code units alike (not UTF-16's pattern), as /bin/ls starts.
    std::string binary(
        "\x7F"
        "ELF\x02\x01\x01\x00",
        8);
    for (int k = 0; k < 8 * 256; ++k) binary += static_cast<char>(k % 256);
    binary += std::string(512, '\0');  // 2399 NULs in /bin/ls's first 3000 bytes
    BOOST_CHECK_THROW(check_text_file(binary, "<report>"), parse_error);
    BOOST_CHECK_THROW(check_text_file(std::string("PK\x03\x04rest", 8), "book.xlsx"), parse_error);
    BOOST_CHECK_NO_THROW(check_text_file("获批11项", "<report>"));
    BOOST_CHECK_NO_THROW(check_text_file(std::string("\xFF\xFE\xB7\x83\x79\x62\x31\x00", 8), "<report>"));
}

BOOST_AUTO_TEST_CASE(missing_key_columns_are_named_in_cpp_words) {
    // A C++ user reads the C++ option names (Python's read_csv says entity=..., period_value=...).
    try {
        parse_csv("entity,x\nA,1\n");
        BOOST_FAIL("no period column read");
    } catch (const parse_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("csv_options::period_value") != std::string::npos, what);
        BOOST_TEST(what.find("period_value=") == std::string::npos, what);
    }
    try {
        parse_csv("foo,period,x\nA,2020,1\n");
        BOOST_FAIL("no entity column read");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("name it with csv_options::entity") != std::string::npos, e.what());
    }
}

BOOST_AUTO_TEST_CASE(header_problems) {
    BOOST_CHECK_THROW(parse_csv(""), parse_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,x,x\nA,2020,1,2\n"), parse_error);
    BOOST_CHECK_THROW(parse_csv("foo,period,x\nA,2020,1\n"), parse_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,x[美元]\nA,2020,1\n"), unknown_unit_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,x\nA,2020,1\nA,2020,2\n"), duplicate_row_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,x\nA,20x0,1\n"), parse_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,x\nA,2020,\"1\n"), parse_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,x\nA,2020,5%\n",
                                [] {
                                    csv_options o;
                                    o.units = {{"x", "万元"}};
                                    return o;
                                }()),
                      parse_error);
}

BOOST_AUTO_TEST_CASE(percent_cells_convert_into_the_column_unit) {
    panel p = parse_csv("entity,period,share[%],ratio[1]\nA,2020,13.5%,13.5%\n");
    BOOST_TEST(p.at("share").values()(0) == 13.5);
    BOOST_TEST(p.at("ratio").values()(0) == 0.135);
}

// Round 12: a column of no stated unit whose cells were all percentages ("60%") was read as the
// bare number 0.6 with no unit, and whoever read it in 万元 took 0.6 万元. It is a column in %.
BOOST_AUTO_TEST_CASE(a_column_of_percentages_only_is_in_percent) {
    panel p = parse_csv("entity,period,share,rate,count\nA,2020,13.5%,5‰,3\nB,2020,,12‰,4\nC,2020,0.5%,NA,5\n");
    const column& share = p.at("share");
    BOOST_TEST(share.unit_given());
    BOOST_TEST(share.unit().symbol() == "%");
    BOOST_TEST(share.values()(0) == 13.5);
    BOOST_TEST(std::isnan(share.values()(1)));
    BOOST_TEST(share.values()(2) == 0.5);
    const column& rate = p.at("rate");  // per mille cells only: in %, 5‰ = 0.5 %
    BOOST_TEST(rate.unit().symbol() == "%");
    BOOST_TEST(rate.values()(0) == 0.5);
    BOOST_TEST(rate.values()(1) == 1.2);
    BOOST_TEST(!p.at("count").unit_given());  // plain numbers keep no unit
    // An amount read from it is refused, not 0.6 万元.
    panel q = parse_csv("entity,period,sales\nA,2020,60%\n");
    BOOST_CHECK_THROW(q.at("sales").unit().to(unit::parse("万元")), incompatible_units_error);
    // The long layout: a variable whose records give percentages and no unit.
    panel l = parse_csv("entity,period,variable,value\nA,2020,share,13.5%\nB,2020,share,7%\nA,2020,n,2\n");
    BOOST_TEST(l.at("share").unit().symbol() == "%");
    BOOST_TEST(l.at("share").values()(1) == 7.0);
    BOOST_TEST(!l.at("n").unit_given());
    // Mixed with plain numbers, leniently: the percentages are unparseable, the column unitless.
    csv_options lenient;
    lenient.lenient = true;
    panel m = parse_csv("entity,period,x\nA,2020,13.5%\nB,2020,7\n", lenient);
    BOOST_TEST(!m.at("x").unit_given());
    BOOST_TEST(std::isnan(m.at("x").values()(0)));
    BOOST_TEST(m.at("x").values()(1) == 7.0);
}

BOOST_AUTO_TEST_CASE(quoted_fields_with_separators_and_newlines) {
    panel p = parse_csv("entity,name,period,x\n\"A\",\"Foo, \"\"Bar\"\"\nBaz\",2020,1\n");
    BOOST_TEST(p.entities()[0].name == "Foo, \"Bar\"\nBaz");
    BOOST_TEST(p.at("x").values()(0) == 1.0);
}

// Round 10: a file separated by ';' (Excel's CSV in many locales) or tabs, read with ',', said
// "no entity column" with no word of the cause. The message now names the separator to give.
BOOST_AUTO_TEST_CASE(a_header_of_one_field_holding_another_separator_says_so) {
    for (const char* sep : {";", "\t"}) {
        std::string text = std::string("region") + sep + "period" + sep + "gdp[亿元]\nA" + sep + "2023" + sep + "1\n";
        try {
            parse_csv(text);
            BOOST_FAIL("expected parse_error");
        } catch (const parse_error& e) {
            const std::string shown = std::string(sep) == "\t" ? "\\t" : sep;
            BOOST_TEST(std::string(e.what()).find("read it with sep='" + shown + "'") != std::string::npos);
        }
        csv_options o;
        o.separator = sep[0];
        BOOST_TEST(parse_csv(text, o).at("gdp").values()(0) == 1.0);
    }
    // Round 14: a comma file read with ';' blamed the entity column. The header has no ';' but 2 ','s
    // (region,period,gdp): the message says so and names ','.
    csv_options semicolon;
    semicolon.separator = ';';
    try {
        parse_csv("region,period,gdp[亿元]\nA,2023,1\n", semicolon);
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        const std::string what = e.what();
        BOOST_TEST(what.find("the header has no ';' but 2 ','s: is the separator ','?") != std::string::npos, what);
        BOOST_TEST(what.find("read it with sep=','") != std::string::npos, what);
    }
    // A header of one name that is not an entity column, with no other separator in it: no hint.
    try {
        parse_csv("gdp\n1\n");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("sep=") == std::string::npos);
    }
}

// The public reference data beside the project (../shared); a checkout without it skips.
struct shared_data_present {
    boost::test_tools::assertion_result operator()(boost::unit_test::test_unit_id) const {
        return std::ifstream(ZHIBIAO_SHARED_DIR "/data/china-provincial-sti/panel.csv").good();
    }
};

BOOST_AUTO_TEST_CASE(real_provincial_panel_loads, *boost::unit_test::precondition(shared_data_present())) {
    // ../shared/data/china-provincial-sti/panel.csv: 635 rows, 31 provinces × 2005–2024 plus
    // national rows (PROVENANCE.md). Text columns are left out by name.
    csv_options o;
    o.entity = "adcode";
    o.name = "province_zh";
    o.ignore = {"province_en"};
    panel p = read_csv(ZHIBIAO_SHARED_DIR "/data/china-provincial-sti/panel.csv", o);
    BOOST_TEST(p.rows() == 635u);
    BOOST_TEST(p.report().rows_loaded == 635u);
    BOOST_TEST(p.has("rd_expenditure_100m_yuan"));
    BOOST_TEST(p.entities()[1].name == "北京");
}

// Issue 16: rows of plain cells are read without the tokenizer, short decimals without
// fast_float. Every value must be the bits the cell grammar (detail::parse_number) gives, and
// any other cell must take the general path: 15 and 16 digits, exponents, signs, "13." and ".5".
BOOST_AUTO_TEST_CASE(row_fast_path_gives_the_bits_of_the_cell_grammar) {
    std::mt19937_64 rng(16);
    std::vector<std::string> cells = {"0",
                                      "-0",
                                      ".5",
                                      "-.5",
                                      "123456789012345",
                                      "1234567890123456",
                                      "0.1",
                                      "-0.30000000000000004",
                                      "1e5",
                                      "2.5E-3",
                                      "+7",
                                      "9007199254740993",
                                      "000000000000000012.5",
                                      "1.7976931348623157e308"};
    for (int i = 0; i < 3000; ++i) {
        const std::uint64_t digits = rng() % 1000000000000000ull;
        const int decimals = static_cast<int>(rng() % 16);
        std::string text = std::to_string(digits);
        if (decimals > 0) {
            if (text.size() <= static_cast<std::size_t>(decimals))
                text.insert(0, static_cast<std::size_t>(decimals) - text.size() + 1, '0');
            text.insert(text.size() - static_cast<std::size_t>(decimals), ".");
        }
        cells.push_back(rng() % 2 ? "-" + text : text);
    }
    std::string csv = "entity,period,x,y\n";
    for (std::size_t i = 0; i < cells.size(); ++i)
        csv += "e" + std::to_string(i) + ",2020," + cells[i] + "," + cells[cells.size() - 1 - i] + "\n";
    const panel p = parse_csv(csv);
    BOOST_TEST(p.rows() == cells.size());
    for (std::size_t i = 0; i < cells.size(); ++i) {
        double expected = 0;
        int percent = 0;
        BOOST_TEST_REQUIRE(detail::parse_number(cells[i], expected, percent));
        const double got = p.at("x").values()(static_cast<Eigen::Index>(i));
        BOOST_TEST(std::memcmp(&got, &expected, sizeof got) == 0, cells[i] << ": " << got << " vs " << expected);
    }
    BOOST_TEST(std::signbit(p.at("x").values()(1)));  // "-0" stays negative zero
    // Cells the grammar refuses stay errors on the fast path's row: "13." is not a number.
    BOOST_CHECK_THROW(parse_csv("entity,period,x\ne1,2020,13.\n"), parse_error);
}

// The fast path reads digits eight at a time while eight bytes remain (round 13), one at a time
// after: every length of run on both sides of the point, at the very end of the text (fewer than
// eight bytes left) and before a further field, gives the bits of the cell grammar.
BOOST_AUTO_TEST_CASE(digits_read_a_word_at_a_time_give_the_bits_of_the_cell_grammar) {
    const std::string pattern = "9081726354453627189";
    for (std::size_t whole = 0; whole <= 18; ++whole)
        for (std::size_t fraction = 0; fraction <= 10; ++fraction) {
            if (whole + fraction == 0) continue;
            std::string cell = pattern.substr(0, whole);
            if (fraction > 0) cell += "." + pattern.substr(whole % 7, fraction);
            if ((whole + fraction) % 3 == 0) cell.insert(0, "-");
            double expected = 0;
            int percent = 0;
            BOOST_TEST_REQUIRE(detail::parse_number(cell, expected, percent));
            for (const std::string& tail : {std::string(), std::string("\r\n"), std::string(",7\n")}) {
                const std::string header = tail.size() == 3 ? "entity,period,x,y\n" : "entity,period,x\n";
                const panel p = parse_csv(header + "e1,2020," + cell + tail);
                const double got = p.at("x").values()(0);
                BOOST_TEST(std::memcmp(&got, &expected, sizeof got) == 0, cell << " + tail " << tail.size());
            }
        }
    // A cell whose digits run into a byte just past '9' (':'), or into a UTF-8 sequence, is not a
    // number on either path: a parse_error at the cell's line and column.
    for (const std::string cell : {"12345678:9", "1234567\xE5\x8D\x81", "1.2345678:"}) {
        try {
            (void)parse_csv("entity,period,x\ne1,2020," + cell + "\n", csv_options{}, "t.csv");
            BOOST_ERROR("no error for " << cell);
        } catch (const parse_error& e) {
            BOOST_TEST(std::string(e.what()).find("t.csv:2:3") != std::string::npos, e.what());
        }
    }
}

// Round 14: cells followed by at least 32 bytes have their end found first (one 16-byte compare)
// and their digits converted after; every run length on both sides of the point, signs, in the
// middle of a row, last before LF and before CRLF, give the bits of the cell grammar; codes of
// every length up to 40 bytes (past one 16-byte window) are read whole; cells the grammar refuses
// are still parse_errors at their line and column.
BOOST_AUTO_TEST_CASE(cells_found_by_their_end_give_the_bits_of_the_cell_grammar) {
    const std::string pattern = "9081726354453627189";
    std::vector<std::string> cells = {
        "0", "-0", ".5", "-.5", "00000000.00000001", "99999999.99999999", "12345678.1234567"};
    for (std::size_t whole = 0; whole <= 18; ++whole)
        for (std::size_t fraction = 0; fraction <= 10; ++fraction) {
            if (whole + fraction == 0) continue;
            std::string cell = pattern.substr(0, whole);
            if (fraction > 0) cell += "." + pattern.substr(whole % 7, fraction);
            cells.push_back(cell);
            cells.push_back("-" + cell);
        }
    // After each row: 32 bytes and more follow every cell.
    const auto padding = [](std::size_t i) { return "padding-" + std::to_string(i) + ",2019,1.5,2.5\n"; };
    for (const std::string line_end : {"\n", "\r\n"}) {
        std::string csv = "entity,period,x,y\n";
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const std::string code = "e" + std::string(i % 40, 'k') + std::to_string(i);
            csv += code + ",2020," + cells[i] + "," + cells[cells.size() - 1 - i] + line_end + padding(i);
        }
        const panel p = parse_csv(csv);
        BOOST_TEST_REQUIRE(p.rows() == 2 * cells.size());
        for (std::size_t i = 0; i < cells.size(); ++i) {
            double expected = 0;
            int percent = 0;
            BOOST_TEST_REQUIRE(detail::parse_number(cells[i], expected, percent));
            const auto row = static_cast<Eigen::Index>(2 * i);
            const double x = p.at("x").values()(row);
            const double y = p.at("y").values()(static_cast<Eigen::Index>(2 * (cells.size() - 1 - i)));
            BOOST_TEST(std::memcmp(&x, &expected, sizeof x) == 0, cells[i] << " in the middle: " << x);
            BOOST_TEST(std::memcmp(&y, &expected, sizeof y) == 0, cells[i] << " last: " << y);
            BOOST_TEST(p.entity_code(static_cast<std::size_t>(p.entity_of_row()[static_cast<std::size_t>(row)])) ==
                       "e" + std::string(i % 40, 'k') + std::to_string(i));
        }
    }
    // Spaces around a number end the fast path's row; the tokenizer trims them.
    const panel spaced = parse_csv("entity,period,x,y\n" + padding(1) + "e1,2020, 12 ,12 \n" + padding(2) + padding(3));
    BOOST_TEST(spaced.at("x").values()(1) == 12.0);
    BOOST_TEST(spaced.at("y").values()(1) == 12.0);
    for (const std::string cell : {"13.", "1.2.3", "1..2", "--1", "1-2", "1:5", "1\t2", "1234567\xE5\x8D\x81"}) {
        try {
            (void)parse_csv("entity,period,x,y\n" + padding(1) + "e1,2020,7," + cell + "\n" + padding(2) + padding(3),
                            csv_options{}, "t.csv");
            BOOST_ERROR("no error for " << cell);
        } catch (const parse_error& e) {
            BOOST_TEST(std::string(e.what()).find("t.csv:3:4") != std::string::npos, e.what());
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csv_parallel)

// A wide file large enough to be split across threads (> 8 MB), with blank lines and a gap.
std::string big_file(std::size_t rows) {
    std::string text = "entity,period,a[万元],b,c\n";
    text.reserve(rows * 48);
    for (std::size_t r = 0; r < rows; ++r) {
        text += "e" + std::to_string(r / 10) + "," + std::to_string(2000 + r % 10) + "," + std::to_string(r) + ".25," +
                (r % 1000 == 7 ? std::string() : std::to_string(r % 97)) + ",1e-3\n";
        if (r % 50000 == 3) text += "\n";
    }
    return text;
}

BOOST_AUTO_TEST_CASE(any_thread_count_gives_the_same_panel) {
    const std::string text = big_file(400000);
    csv_options one, four;
    one.threads = 1;
    four.threads = 4;
    panel a = parse_csv(text, one), b = parse_csv(text, four);
    BOOST_TEST(a.rows() == 400000u);
    BOOST_TEST(b.rows() == a.rows());
    BOOST_TEST(a.entity_of_row() == b.entity_of_row());
    BOOST_TEST(a.period_of_row() == b.period_of_row());
    for (const char* name : {"a", "b", "c"})
        BOOST_TEST(std::memcmp(a.at(name).data(), b.at(name).data(), a.rows() * sizeof(double)) == 0);
    BOOST_TEST(b.at("a").values()(399999) == 399999.25);
    BOOST_TEST(b.report().blank_lines == 8u);
    BOOST_TEST(b.report().cells_missing == a.report().cells_missing);
    BOOST_TEST(b.report().data_lines == b.report().rows_loaded + b.report().blank_lines);
}

BOOST_AUTO_TEST_CASE(errors_in_a_later_chunk_carry_the_true_line) {
    std::string text = big_file(400000);
    // Break the cell on data row 350000: file line = 1 (header) + 350000 + blank lines before it.
    std::size_t target_line = 1 + 350000 + 7;
    std::size_t pos = 0;
    for (std::size_t line = 1; line < target_line; ++line) pos = text.find('\n', pos) + 1;
    std::size_t comma = text.find(',', text.find(',', pos) + 1);
    text.replace(comma + 1, 0, "x");
    for (unsigned threads : {1u, 2u, 4u}) {
        csv_options o;
        o.threads = threads;
        try {
            parse_csv(text, o, "big.csv");
            BOOST_FAIL("expected parse_error");
        } catch (const parse_error& e) {
            BOOST_TEST(e.where().line == target_line);
            BOOST_TEST(e.where().column == 3u);
        }
    }
}

// read_csv reads a file of 2 MiB or more into a huge-page buffer (file_buffer.hpp), a smaller one
// into ordinary memory: both give the panel parse_csv gives for the same bytes.
BOOST_AUTO_TEST_CASE(read_csv_of_a_large_file_equals_parse_csv_of_its_bytes) {
    for (std::size_t rows : {std::size_t{100}, std::size_t{120000}}) {
        const std::string text = big_file(rows);
        const std::string path = "zhibiao_read_csv_buffer.csv";
        std::ofstream(path, std::ios::binary) << text;
        csv_options o;
        o.threads = 2;
        const panel from_file = read_csv(path, o), from_bytes = parse_csv(text, o);
        std::remove(path.c_str());
        BOOST_TEST(from_file.rows() == from_bytes.rows());
        BOOST_TEST(from_file.entity_of_row() == from_bytes.entity_of_row());
        for (const char* name : {"a", "b", "c"})
            BOOST_TEST(std::memcmp(from_file.at(name).data(), from_bytes.at(name).data(),
                                   from_file.rows() * sizeof(double)) == 0);
    }
}

// A large file is read by several threads, each pread-ing (and faulting in) its own part
// (file_buffer.hpp): the buffer holds exactly the file's bytes for any count of parts, the parts
// cut at 2 MiB boundaries; a file that is shorter than fstat said is still a parse_error.
BOOST_AUTO_TEST_CASE(a_file_read_in_parts_holds_its_bytes) {
    std::string bytes((std::size_t{9} << 20) + 12345, '\0');
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>('a' + (i * 7919 + i / 4096) % 26);
    const std::string path = "zhibiao_read_in_parts.bin";
    std::ofstream(path, std::ios::binary) << bytes;
    for (unsigned threads : {1u, 2u, 3u, 5u, 0u})
        for (std::size_t min_part : {std::size_t{1} << 20, std::size_t{3} << 20, std::size_t{16} << 20}) {
            const auto buffer = detail::file_buffer::read(path, threads, min_part);
            BOOST_TEST((buffer.view() == bytes), threads << " threads, parts of at least " << min_part);
        }
    std::remove(path.c_str());
    const char* shrinking = "/sys/kernel/profiling";  // 4096 bytes by fstat, a few when read
    if (!std::ifstream(shrinking)) return;
    BOOST_CHECK_THROW(detail::file_buffer::read(shrinking, 2, 1), parse_error);
}

// Entity codes are interned per chunk in parallel and numbered afterwards: the entities must be
// those of a serial read — first-seen order in the file, the name and parent of a code's first row —
// whichever chunks a code appears in. Codes here come back in later chunks, some first seen late.
BOOST_AUTO_TEST_CASE(entities_numbered_in_first_seen_order_for_any_chunking) {
    std::string text = "entity,period,name,parent,x\n";
    std::vector<std::string> expected_codes;
    std::map<std::string, int> seen;               // code → rows so far (its period: 2000 + that count)
    std::map<std::string, std::size_t> first_row;  // code → its first row, which names it on every row
    for (std::size_t r = 0; r < 3000; ++r) {
        // Rows 0–999 use codes 0–499 twice each; later rows mix old codes with new ones 500–1499.
        const std::size_t k = r < 1000 ? r / 2 : (r % 3 == 0 ? (r * 7) % 500 : 500 + (r - 1000) / 2);
        const std::string code = "91320000MA" + std::to_string(100000000 + k);  // 19 characters
        if (seen[code]++ == 0) expected_codes.push_back(code);
        first_row.emplace(code, r);
        text += code + "," + std::to_string(1999 + seen[code]) + ",name" + std::to_string(first_row[code]) + ",p" +
                std::to_string(k % 5) + "," + std::to_string(r) + "\n";
    }
    csv_options serial;
    serial.threads = 1;
    const panel one = parse_csv(text, serial);
    BOOST_REQUIRE(one.entities().size() == expected_codes.size());
    for (std::size_t e = 0; e < expected_codes.size(); ++e) BOOST_TEST(one.entities()[e].code == expected_codes[e]);
    BOOST_TEST(one.entities()[0].name == "name0");       // code 0 is on rows 0 and 1
    BOOST_TEST(one.entities()[500].name == "name1000");  // code 500: rows 1000 and 1001
    for (std::size_t chunk : {std::size_t{64}, std::size_t{700}, std::size_t{5000}})
        for (unsigned threads : {2u, 3u, 16u}) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = chunk;
            const panel many = parse_csv(text, o);
            BOOST_TEST(many.entity_of_row() == one.entity_of_row());
            BOOST_REQUIRE(many.entities().size() == one.entities().size());
            for (std::size_t e = 0; e < one.entities().size(); ++e) {
                BOOST_TEST(many.entities()[e].code == one.entities()[e].code);
                BOOST_TEST(many.entities()[e].name == one.entities()[e].name);
                BOOST_TEST(many.entities()[e].parent == one.entities()[e].parent);
            }
        }
}

// Issue 16: files with quoted fields are split across threads too. Chunks of a few dozen bytes
// on up to 16 threads put cuts at every kind of place: inside quoted names that hold separators,
// line ends (LF and CRLF) and doubled quotes, and just before or after them.
std::string quoted_file(std::size_t rows, const char* line_end) {
    std::string text = std::string("entity,period,name,a,b") + line_end;
    for (std::size_t r = 0; r < rows; ++r) {
        std::string name = r % 3 == 0   ? "\"plain\""
                           : r % 3 == 1 ? "\"a, b" + std::string(line_end) + "c\""
                                        : "\"say \"\"hi\"\",\n ok\"";
        text += "e" + std::to_string(r) + ",2020," + name + "," + std::to_string(r) + ".5,\"" + std::to_string(r % 7) +
                "\"" + line_end;
        if (r % 17 == 5) text += line_end;
    }
    return text;
}

void same_panel(const panel& a, const panel& b) {
    BOOST_TEST(a.rows() == b.rows());
    BOOST_TEST(a.entity_of_row() == b.entity_of_row());
    BOOST_TEST(a.report().data_lines == b.report().data_lines);
    BOOST_TEST(a.report().blank_lines == b.report().blank_lines);
    for (std::size_t e = 0; e < a.entities().size(); ++e) BOOST_TEST(a.entities()[e].name == b.entities()[e].name);
    for (const char* name : {"a", "b"})
        BOOST_TEST(std::memcmp(a.at(name).data(), b.at(name).data(), a.rows() * sizeof(double)) == 0);
}

BOOST_AUTO_TEST_CASE(quoted_fields_straddling_every_chunk_boundary) {
    for (const char* line_end : {"\n", "\r\n"}) {
        const std::string text = quoted_file(300, line_end);
        csv_options one;
        one.threads = 1;
        const panel expected = parse_csv(text, one);
        BOOST_TEST(expected.rows() == 300u);
        BOOST_TEST(expected.entities()[2].name == "say \"hi\",\n ok");
        BOOST_TEST(expected.entities()[1].name == "a, b" + std::string(line_end) + "c");
        for (std::size_t chunk = 7; chunk < 400; chunk += 13)
            for (unsigned threads : {2u, 3u, 16u}) {
                csv_options o;
                o.threads = threads;
                o.min_chunk_bytes = chunk;
                same_panel(expected, parse_csv(text, o));
            }
    }
}

// Round 14: the quotes and line ends of a stretch are counted from the counts of each 1 MiB of
// the file (taken by the UTF-8 check) and the partial blocks at its ends. Files of several MiB,
// cuts near and across block boundaries, LF, CRLF and lone CR line ends: the rows, line counts
// and the line of a bad cell at the end are those of a read on one thread.
BOOST_AUTO_TEST_CASE(line_counts_from_the_block_counts_match_a_serial_read) {
    const auto bad_line = [](const std::string& text, const csv_options& o) -> std::size_t {
        try {
            (void)parse_csv(text, o);
        } catch (const parse_error& e) {
            return e.where().line;
        }
        return 0;
    };
    std::vector<std::string> texts = {quoted_file(90000, "\n") + "e-bad,2020,x,1.5z,2\n",
                                      quoted_file(90000, "\r\n") + "e-bad,2020,x,1.5z,2\r\n"};
    std::string lone = "entity,period,a,b\r";
    for (std::size_t r = 0; r < 150000; ++r)
        lone += "e" + std::to_string(r) + ",2020," + std::to_string(r) + ".25,1" +
                (r % 3   ? "\r"
                 : r % 2 ? "\n"
                         : "\r\n");
    texts.push_back(lone + "e-bad,2020,1.5z,2\r");
    for (const std::string& text : texts) {
        BOOST_TEST_REQUIRE(text.size() > std::size_t{3} << 20);
        csv_options one;
        one.threads = 1;
        one.lenient = true;
        const panel expected = parse_csv(text, one);
        csv_options strict_one;
        strict_one.threads = 1;
        const std::size_t line = bad_line(text, strict_one);
        BOOST_TEST(line > 90000u);
        for (const std::size_t chunk : {(std::size_t{1} << 20) - 13, (std::size_t{1} << 20) + 7, std::size_t{3} << 19})
            for (unsigned threads : {2u, 3u, 5u}) {
                csv_options o = one;
                o.threads = threads;
                o.min_chunk_bytes = chunk;
                const panel many = parse_csv(text, o);
                BOOST_TEST(many.rows() == expected.rows());
                BOOST_TEST(many.report().data_lines == expected.report().data_lines);
                BOOST_TEST(many.report().blank_lines == expected.report().blank_lines);
                BOOST_TEST(many.report().issues.back().line == expected.report().issues.back().line);
                BOOST_TEST(std::memcmp(many.at("a").data(), expected.at("a").data(), many.rows() * sizeof(double)) ==
                           0);
                o.lenient = false;
                BOOST_TEST(bad_line(text, o) == line);
            }
    }
}

// Issue 16: a wide file's entities are kept as one block of text per field (entity_table), their
// codes and names written there in parallel from the chunks that see them first; names unescaped
// from doubled quotes and names spanning lines come through as read on one thread.
BOOST_AUTO_TEST_CASE(entities_kept_compactly_for_any_chunking) {
    std::string text = "entity,period,name,parent,a,b\n";
    for (std::size_t r = 0; r < 200; ++r)
        text += "e" + std::to_string(r % 150) + "," + std::to_string(2020 + r / 150) + "," +
                (r % 2 ? "\"say \"\"hi\"\",\n " + std::to_string(r % 150) + "\"" : "n" + std::to_string(r % 150)) +
                ",p" + std::to_string(r % 3) + "," + std::to_string(r) + ",1\n";
    for (std::size_t chunk : {std::size_t{9}, std::size_t{100}, std::size_t{100000}})
        for (unsigned threads : {1u, 3u, 16u}) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = chunk;
            const panel p = parse_csv(text, o);
            BOOST_REQUIRE(p.entity_count() == 150u);
            BOOST_TEST(p.entity_code(149) == "e149");
            BOOST_TEST(p.entity_name(0) == "n0");
            BOOST_TEST(p.entity_name(1) == "say \"hi\",\n 1");  // one name on rows 1 and 151
            BOOST_TEST(p.entity_parent(2) == "p2");
            BOOST_TEST(p.entity_of_row()[151] == 1);
            BOOST_TEST(p.entities()[1].name == p.entity_name(1));
        }
}

// Period texts are interned per chunk as rows are read and parsed once per distinct text after
// the chunks: the first bad period of the file is the one reported, at its true line.
BOOST_AUTO_TEST_CASE(a_bad_period_in_a_later_chunk_carries_the_true_line) {
    std::string text = big_file(400000);
    const auto break_period = [&text](std::size_t line, const char* bad) {
        std::size_t pos = 0;
        for (std::size_t l = 1; l < line; ++l) pos = text.find('\n', pos) + 1;
        const std::size_t start = text.find(',', pos) + 1;
        text.replace(start, text.find(',', start) - start, bad);
    };
    break_period(1 + 390000 + 8, "20x1");
    break_period(1 + 350000 + 7, "twenty");  // the first in the file, in a later chunk than row 0's
    for (unsigned threads : {1u, 2u, 4u}) {
        csv_options o;
        o.threads = threads;
        try {
            parse_csv(text, o, "big.csv");
            BOOST_FAIL("expected parse_error");
        } catch (const parse_error& e) {
            BOOST_TEST(e.where().line == 1 + 350000 + 7u);
            BOOST_TEST(e.where().column == 2u);
            BOOST_TEST(std::string(e.what()).find("twenty") != std::string::npos);
        }
    }
}

// A quote inside an unquoted field (`ab"c`) makes the count of quotes say nothing about where
// rows end: such a file, and one with a bad cell after many quoted line ends, read as on one thread.
BOOST_AUTO_TEST_CASE(stray_quotes_and_errors_after_quoted_line_ends) {
    std::string text = quoted_file(200, "\n");
    text.replace(text.find("e40,2020,"), 9, "e40,2020,x\"y");  // the name field of row 40 becomes x"y"plain"
    std::string bad = quoted_file(200, "\n");
    const std::size_t cell = bad.find("e150,2020,");
    bad.replace(bad.find(",150.5,", cell), 7, ",15x0.5,");
    csv_options one;
    one.threads = 1;
    one.lenient = true;
    const panel expected = parse_csv(text, one);
    std::size_t bad_line = 0;
    try {
        parse_csv(bad, csv_options{});
    } catch (const parse_error& e) {
        bad_line = e.where().line;
    }
    // Row 150 starts on line 2 + 150 rows + 100 of them (r % 3 != 0) two lines long + 9 blank lines.
    BOOST_TEST(bad_line == 261u);
    for (std::size_t chunk = 11; chunk < 300; chunk += 29) {
        csv_options o = one;
        o.threads = 4;
        o.min_chunk_bytes = chunk;
        same_panel(expected, parse_csv(text, o));
        o.lenient = false;
        try {
            parse_csv(bad, o);
            BOOST_FAIL("expected parse_error");
        } catch (const parse_error& e) {
            BOOST_TEST(e.where().line == bad_line);
            BOOST_TEST(e.where().column == 4u);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csv_regressions)

// Found by fuzzing: rows ended by a lone CR (old Mac line ends) were not counted when sizing
// the output columns.
BOOST_AUTO_TEST_CASE(lone_carriage_returns_end_rows) {
    panel p = parse_csv("entity,period,x\rA,2020,1\rB,2020,2\r\nC,2020,3\n");
    BOOST_TEST(p.rows() == 3u);
    BOOST_TEST(p.at("x").values()(2) == 3.0);
    try {
        parse_csv("entity,period,x\rA,2020,1\rB,2020,oops\n", {}, "cr.csv");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(e.where().line == 3u);
    }
}

// Issue #11.5: a missing file is an error a caller can tell from bad content.
BOOST_AUTO_TEST_CASE(missing_and_non_regular_files_are_file_errors) {
    try {
        read_csv("/nonexistent/zhibiao/panel.csv");
        BOOST_FAIL("expected file_not_found_error");
    } catch (const file_not_found_error& e) {
        BOOST_TEST(e.where().file == "/nonexistent/zhibiao/panel.csv");
    }
    BOOST_CHECK_THROW(read_csv("/dev/zero"), file_error);
    BOOST_CHECK_THROW(read_csv("/tmp"), file_error);
    BOOST_CHECK_THROW(read_definition_file("/nonexistent/rules.toml"), file_not_found_error);
    BOOST_CHECK_THROW(read_definition_file("/dev/zero"), file_error);  // read until bad_alloc before
    BOOST_CHECK_THROW(read_definition_file("/tmp"), file_error);       // an empty catalogue before
    try {
        read_csv("/dev/null");
        BOOST_FAIL("expected file_error");
    } catch (const parse_error&) {
        BOOST_FAIL("a device is a file error, not bad content");
    } catch (const file_error& e) {
        BOOST_TEST(std::string(e.what()).find("not a regular file") != std::string::npos);
    }
}

// Round 16: the headings are data (data/headings.toml); codes are found before names, and a code
// in full-width digits is refused where it stands rather than loaded as another entity.
BOOST_AUTO_TEST_CASE(headings_come_from_data_and_codes_win_over_names) {
    const auto& headings = detail::builtin_headings();
    BOOST_TEST((std::find(headings.entity.begin(), headings.entity.end(), "企业") != headings.entity.end()));
    try {
        detail::headings_from_toml("entity = [\"id\"]\nperiods = [\"year\"]\n", "h.toml");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("'periods' is not a key (did you mean 'period'?)") != std::string::npos);
        BOOST_TEST(e.where().line == 2u);
    }
    BOOST_CHECK_THROW(detail::headings_from_toml("entity = []\n", "h.toml"), parse_error);
    const panel p = parse_csv("地区,区划代码,年份,gdp\n玄武区,320102,2024,1\n");
    BOOST_TEST(p.entity_code(0) == "320102");
    BOOST_TEST(p.entity_name(0) == "玄武区");
    BOOST_TEST(!p.has("区划代码"));
}

BOOST_AUTO_TEST_CASE(a_no_break_space_around_a_heading_or_a_code_is_trimmed) {
    BOOST_TEST(detail::trim("\xC2\xA0 320102\xE3\x80\x80\xC2\xA0") == "320102");
    BOOST_TEST(detail::trim("\xC2\xA0") == "");
    for (const unsigned threads : {1u, 4u}) {
        csv_options o;
        o.threads = threads;
        const panel p = parse_csv("地区\xC2\xA0,年份,gdp\n320102\xC2\xA0,2024,1\n320102,2025,2\n", o);
        BOOST_TEST(p.entity_count() == 1u);  // two entities, one with a no-break space, before
        BOOST_TEST(p.entity_code(0) == "320102");
    }
}

BOOST_AUTO_TEST_CASE(a_code_in_full_width_digits_is_refused_at_its_cell) {
    for (const std::size_t threads : {1u, 4u}) {
        csv_options o;
        o.threads = static_cast<unsigned>(threads);
        try {
            parse_csv("year,region,gdp\n2024,320102,1\n2024,３２０１０２,2\n", o);
            BOOST_FAIL("expected parse_error");
        } catch (const parse_error& e) {
            BOOST_TEST(e.where().line == 3u);
            BOOST_TEST(e.where().column == 2u);
            BOOST_TEST(std::string(e.what()).find("not the code '320102'") != std::string::npos);
        }
    }
    BOOST_TEST(detail::first_fullwidth_ascii("32０1") == "０");
    BOOST_TEST(detail::first_fullwidth_ascii("玄武区").empty());
    // A firm's name standing as its code keeps its full-width brackets and digits.
    const panel firms = parse_csv("企业,年份,gdp\n甲公司（南京）,2024,1\n第３分公司,2024,2\n");
    BOOST_TEST(firms.entity_code(1) == "第３分公司");
}

#if defined(__linux__)
// Round 16: read_csv opened a FIFO twice (a look for a regular file, then the read). The first
// open woke the writer, which could write, close and be gone before the second, which then
// waited for a writer that never came: the empty-FIFO test hung now and then under load. The
// reader's closes are counted with inotify (an open and its close each time: identical events in
// a row would be merged into one), so the race need not be won to see it.
BOOST_AUTO_TEST_CASE(a_fifo_is_opened_once_by_its_reader) {
    char folder[] = "/tmp/zhibiao_fifo_XXXXXX";
    BOOST_REQUIRE(::mkdtemp(folder) != nullptr);
    const std::string fifo = std::string(folder) + "/panel.csv";
    BOOST_REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const int watch = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    BOOST_REQUIRE(watch >= 0);
    BOOST_REQUIRE(::inotify_add_watch(watch, fifo.c_str(), IN_OPEN | IN_CLOSE_NOWRITE) >= 0);
    std::thread writer([&] {
        const int fd = ::open(fifo.c_str(), O_WRONLY | O_CLOEXEC);  // waits for the reader
        const char data[] = "region,period,gdp\nA,2024,1\n";
        if (fd >= 0) (void)!::write(fd, data, sizeof data - 1), ::close(fd);
    });
    const panel p = read_csv(fifo);
    writer.join();
    BOOST_TEST(p.rows() == 1u);
    std::size_t reader_closes = 0;
    alignas(inotify_event) char events[4096];
    for (ssize_t n; (n = ::read(watch, events, sizeof events)) > 0;)
        for (ssize_t at = 0; at < n;) {
            const auto* event = reinterpret_cast<const inotify_event*>(events + at);
            reader_closes += (event->mask & IN_CLOSE_NOWRITE) != 0;
            at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
        }
    ::close(watch);
    BOOST_TEST(reader_closes == 1u);  // 2 before
    ::unlink(fifo.c_str());
    ::rmdir(folder);
}
#endif

// Issue #17: definition files are capped (64 MiB); a larger one fails before it is read.
BOOST_AUTO_TEST_CASE(definition_files_are_capped) {
    const std::string path = "zhibiao_sparse_definition.toml";
    {
        std::ofstream out(path, std::ios::binary);
        out.seekp((std::streamoff{64} << 20) + 1);
        out.put('\n');  // a sparse file of 64 MiB + 2 bytes: no disk space used
    }
    BOOST_CHECK_THROW(read_definition_file(path), limit_error);
    std::remove(path.c_str());
}

// Issue #17: the file was memory-mapped, and another program truncating it killed the reader
// with SIGBUS. It is read now, and a size that changes under the reader is a parse_error: a
// sysfs file (4096 bytes by fstat, a few when read) shows the check deterministically.
BOOST_AUTO_TEST_CASE(a_file_that_changes_size_while_read_is_a_parse_error) {
    const char* path = "/sys/kernel/profiling";
    if (!std::ifstream(path)) return;  // no sysfs here
    try {
        read_csv(path);
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("changed size while it was read") != std::string::npos);
    }
}

// Review: a /proc file has size 0 by fstat and text when read: it is read to its end (before:
// "the file changed size while it was read").
BOOST_AUTO_TEST_CASE(files_of_size_zero_are_read_to_their_end) {
    if (!std::ifstream("/proc/self/status")) return;
    const std::string text = read_definition_file("/proc/self/status");
    BOOST_TEST(text.find("Name:") != std::string::npos);
}

// Review: long-layout names did not go through the header mapping: 地区生产总值 stayed a
// variable of its own, gdp[万元] too.
BOOST_AUTO_TEST_CASE(long_layout_names_are_read_as_wide_headers) {
    panel p = parse_csv(
        "entity,period,variable,value,unit\na,2023,地区生产总值,5,亿元\nb,2023,gdp,6,亿元\nc,2023,gdp[万元],70000,\n");
    BOOST_TEST(p.columns().size() == 1u);
    BOOST_TEST(p.has("gdp"));
    BOOST_TEST(p.at("gdp").values()(2) == 7.0);
    BOOST_TEST(p.report().renamed_columns.size() == 1u);
    BOOST_CHECK_THROW(parse_csv("entity,period,variable,value\na,2023,地区生产总值,5\na,2023,gdp,6\n"),
                      duplicate_row_error);
    BOOST_CHECK_THROW(parse_csv("entity,period,variable,value,unit\na,2023,gdp[万元],5,亿元\n"), parse_error);
}

// Issue #17: a small long-layout file with many variables asked for rows × variables cells.
BOOST_AUTO_TEST_CASE(long_layout_is_limited_in_variables_and_cells) {
    std::string text = "entity,period,variable,value\n";
    for (int k = 0; k < 300; ++k) text += "e" + std::to_string(k) + ",2023,v" + std::to_string(k) + ",1\n";
    csv_options o;
    o.max_long_cells = 1000;
    o.max_long_fill = 2;
    try {
        parse_csv(text, o, "sparse.csv");
        BOOST_FAIL("expected limit_error");
    } catch (const limit_error& e) {
        BOOST_TEST(e.where().line < 60u);  // refused early, before allocating the rest
    }
    csv_options few_columns;
    few_columns.max_columns = 10;
    BOOST_CHECK_THROW(parse_csv(text, few_columns), limit_error);
    // A dense long file is not affected.
    std::string dense = "entity,period,variable,value\n";
    for (int e = 0; e < 40; ++e)
        for (int v = 0; v < 40; ++v) dense += "e" + std::to_string(e) + ",2023,v" + std::to_string(v) + ",1\n";
    BOOST_TEST(parse_csv(dense, o).rows() == 40u);
    BOOST_TEST(parse_csv(text).at("v7").values().size() == 300u);  // the defaults allow 300 × 300
}

// Issue #17: a message quoted the whole bad cell (200 MB of digits made a 200 MB message).
BOOST_AUTO_TEST_CASE(messages_quote_a_short_prefix_of_bad_text) {
    const std::string cell = std::string(1000000, '9') + "x";
    try {
        parse_csv("entity,period,x\nA,2020," + cell + "\n");
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).size() < 200u);
        BOOST_TEST(std::string(e.what()).find("(1000001 bytes)") != std::string::npos);
    }
    try {
        parse_csv("entity,period,x[" + std::string(100000, 'k') + "]\nA,2020,1\n");
        BOOST_FAIL("expected unknown_unit_error");
    } catch (const unknown_unit_error& e) {
        BOOST_TEST(std::string(e.what()).size() < 200u);
    }
    csv_options lenient;
    lenient.lenient = true;
    panel p = parse_csv("entity,period,x\nA,2020," + cell + "\n", lenient);
    BOOST_TEST(p.report().issues.at(0).text.size() < 300u);
}

// Issue 16 item 2: a duplicate (entity, period) row was named by file, entity and period but not
// by line once the panel made the check. The line of the repeat (and of the first row) is found
// again on the error path, also across chunks, past blank and skipped lines and quoted newlines.
BOOST_AUTO_TEST_CASE(a_duplicate_row_names_its_line_and_the_first) {
    std::string text = "entity,period,x\n";
    for (int i = 0; i < 200; ++i) text += "e" + std::to_string(i) + ",2020,1\n";  // lines 2-201
    text += "\n\"q\nr\",2020,5\n";  // a blank line (202), a code with a newline (203-204)
    text += "e7, 2020 ,2\n";        // line 205: the second row of e7 in 2020
    for (unsigned threads : {1u, 4u}) {
        csv_options o;
        o.threads = threads;
        o.min_chunk_bytes = 64;
        try {
            parse_csv(text, o, "t.csv");
            BOOST_FAIL("expected duplicate_row_error");
        } catch (const duplicate_row_error& e) {
            BOOST_TEST(e.where().file == "t.csv");
            BOOST_TEST(e.where().line == 205u);
            BOOST_TEST(e.where().entity == "e7");
            BOOST_TEST(e.where().period == "2020");
            BOOST_TEST(std::string(e.what()).find("the first on line 9") != std::string::npos, e.what());
        }
    }
    csv_options lenient;
    lenient.lenient = true;
    try {
        parse_csv("entity,period,x\nA,2020,1\nA,2020\nB,2021,1\nA,2020,3\n", lenient);
        BOOST_FAIL("expected duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().line == 5u);  // the short row on line 3 was skipped, not the repeat
        BOOST_TEST(std::string(e.what()).find("the first on line 2") != std::string::npos, e.what());
    }
}

namespace {
// `text` (ASCII and 地区) as UTF-16 without a byte order mark.
std::string utf16(const std::string& ascii_with_region, bool little) {
    std::string out;
    auto unit = [&](unsigned v) {
        const char hi = static_cast<char>(v >> 8), lo = static_cast<char>(v & 0xFF);
        out += little ? std::string{lo, hi} : std::string{hi, lo};
    };
    for (std::size_t k = 0; k < ascii_with_region.size(); ++k) {
        if (ascii_with_region.compare(k, 6, "地区") == 0) {
            unit(0x5730);
            unit(0x533A);
            k += 5;
        } else {
            unit(static_cast<unsigned char>(ascii_with_region[k]));
        }
    }
    return out;
}
}  // namespace

BOOST_AUTO_TEST_CASE(utf16_without_a_bom_is_told_by_its_nul_bytes) {
    // "地区,period,gdp[亿元]\nA,2024,1234.5\n" as UTF-16, little- and big-endian.
    for (const bool little : {true, false}) {
        const std::string yi = little ? std::string("\xBF\x4E\x43\x51", 4) : std::string("\x4E\xBF\x51\x43", 4);
        const std::string bytes = utf16("地区,period,gdp[", little) + yi + utf16("]\nA,2024,1234.5\n", little);
        panel p = parse_csv(bytes);
        BOOST_TEST(p.report().encoding == (little ? "utf-16-le" : "utf-16-be"));
        BOOST_TEST(p.at("gdp").values()(0) == 1234.5);
        BOOST_TEST(p.at("gdp").unit().exponent() == 8);  // 亿元
    }
}

BOOST_AUTO_TEST_CASE(workbooks_and_binary_files_are_named_not_decoded) {
    const auto message = [](const std::string& bytes) {
        try {
            (void)parse_csv(bytes, {}, "x.bin");
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
        return std::string("read");
    };
    const std::string xlsx = message(std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "[Content_Types].xml");
    BOOST_TEST(xlsx.find("zip archive") != std::string::npos, xlsx);
    BOOST_TEST(xlsx.find("read_excel") != std::string::npos, xlsx);
    BOOST_TEST(xlsx.find("GB18030") == std::string::npos, xlsx);
    const std::string xls = message(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10));
    BOOST_TEST(xls.find(".xls") != std::string::npos, xls);
    std::string binary;
    for (int k = 0; k < 512; ++k) binary += static_cast<char>(k % 3 == 0 ? 0 : 0x80 + k % 100);
    const std::string b = message(binary);
    BOOST_TEST(b.find("not a text file") != std::string::npos, b);
    // NULs in the pattern of UTF-16 that do not decode (a lone surrogate): not a text file either.
    const std::string broken = utf16("entity,period,x\nA,2024,1\n", true) + std::string("\x00\xDC", 2);
    const std::string s = message(broken);
    BOOST_TEST(s.find("UTF-16LE") != std::string::npos, s);
}

// Round 12: Excel writes CSV separated by ';' where the comma is the decimal mark. "1,500" there
// was read as 1500 (grouped thousands) though it may mean 1.5: refused until the mark is given.
BOOST_AUTO_TEST_CASE(decimal_commas_are_read_when_given_and_refused_when_ambiguous) {
    const std::string text = "region;year;x;y\nA;2023;1,500;1.234,5\nB;2023;2,25;12\n";
    try {
        csv_options semicolon;
        semicolon.separator = ';';
        parse_csv(text, semicolon);
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(e.where().line == 2u);
        BOOST_TEST(e.where().column == 3u);
        BOOST_TEST(std::string(e.what()).find("decimal=','") != std::string::npos);
    }
    // "1,5" is no number with decimal points: said to be one with a decimal comma, not "not a number".
    try {
        csv_options semicolon;
        semicolon.separator = ';';
        parse_csv("region;year;x\nA;2023;1,5\n", semicolon);
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("decimal=','") != std::string::npos);
    }
    csv_options comma;
    comma.separator = ';';
    comma.decimal = ',';
    panel p = parse_csv(text, comma);
    BOOST_TEST(p.at("x").values()(0) == 1.5);
    BOOST_TEST(p.at("x").values()(1) == 2.25);
    BOOST_TEST(p.at("y").values()(0) == 1234.5);
    BOOST_TEST(p.at("y").values()(1) == 12.0);
    // Without the mark, points that group thousands read two ways too ("1.500"); "1.5" and "0.125"
    // do not (no grouping reads them), nor does "0,125" as a grouping (its first group is 0).
    {
        csv_options semicolon;
        semicolon.separator = ';';
        BOOST_CHECK_THROW(parse_csv("region;year;x\nA;2023;1.500\n", semicolon), parse_error);
        BOOST_CHECK_THROW(parse_csv("region;year;x;y\nA;2023;1;12.345\n", semicolon), parse_error);  // fast path too
        panel plain = parse_csv("region;year;x;y\nA;2023;1.5;0.125\n", semicolon);
        BOOST_TEST(plain.at("x").values()(0) == 1.5);
        BOOST_TEST(plain.at("y").values()(0) == 0.125);
        double v = 0;
        int pct = 0;
        BOOST_TEST(!detail::parse_number("0,125", v, pct));
        BOOST_TEST((detail::parse_number("0,125", v, pct, ',') && v == 0.125));
    }
    // A point there groups thousands: "1.5" is no number, "1.234" is 1234; percentages as usual.
    BOOST_CHECK_THROW(parse_csv("region;year;x\nA;2023;1.5\n", comma), parse_error);
    BOOST_TEST(parse_csv("region;year;x\nA;2023;1.234\n", comma).at("x").values()(0) == 1234.0);
    BOOST_TEST(parse_csv("region;year;x[%]\nA;2023;12,5%\n", comma).at("x").values()(0) == 12.5);
    // Told the mark is a point, the comma groups thousands as in a ',' file.
    csv_options point = comma;
    point.decimal = '.';
    BOOST_TEST(parse_csv("region;year;x\nA;2023;1,500\n", point).at("x").values()(0) == 1500.0);
    // A file separated by ',' is unchanged: quoted "1,500" is 1500.
    BOOST_TEST(parse_csv("region,year,x\nA,2023,\"1,500\"\n").at("x").values()(0) == 1500.0);
    // Options that cannot hold.
    csv_options both = comma;
    both.separator = ',';
    BOOST_CHECK_THROW(parse_csv(text, both), argument_error);
    csv_options odd;
    odd.decimal = 'x';
    BOOST_CHECK_THROW(parse_csv(text, odd), argument_error);
    // Texts from pandas, read by the same rule.
    const std::vector<std::optional<std::string>> cells = {"1,500", "2"};
    text_cells unclear = parse_text_cells(cells, unit{}, csv_options{}.na_values, false, '\0');
    BOOST_TEST(unclear.first_bad == 0u);
    BOOST_TEST(unclear.problem.find("decimal=','") != std::string::npos);
    BOOST_TEST(parse_text_cells(cells, unit{}, csv_options{}.na_values, false, ',').values[0] == 1.5);
    BOOST_TEST(parse_text_cells(cells, unit{}, csv_options{}.na_values, false, '.').values[0] == 1500.0);
}

// Round 12: statistical yearbooks head a county table 区县 or 县（市、区） and the year 年度; such a
// file stopped at "no entity column". A key column named in the options but absent says which
// heading it most likely means.
BOOST_AUTO_TEST_CASE(yearbook_headings_and_a_misspelt_key_column) {
    panel p = parse_csv("县（市、区）,年度,gdp[亿元]\n崇川区,2023,1.5\n");
    BOOST_TEST(p.entity_code(0) == "崇川区");
    BOOST_TEST(p.periods()[0].to_string() == "2023");
    BOOST_TEST(parse_csv("区县,统计年度,x\nA,2022,1\n").periods()[0].to_string() == "2022");
    csv_options named;
    named.entity = "regoin";
    try {
        parse_csv("region,year,x\nA,2023,1\n", named);
        BOOST_FAIL("expected parse_error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()).find("did you mean 'region'?") != std::string::npos);
    }
}

// The per-row vectors of a firm table (row indices, the interner's views) on huge pages: a vector
// grown from a few bytes past several 2 MiB blocks keeps every element, in order, through each
// reallocation (from operator new to a mapping and between mappings), and so does one copied.
BOOST_AUTO_TEST_CASE(per_row_vectors_on_huge_pages_keep_their_elements) {
    detail::huge_page_vector<std::int32_t> v;
    const std::size_t n = (std::size_t{5} << 20) / sizeof(std::int32_t) + 3;  // 5 MiB and 12 bytes
    for (std::size_t i = 0; i < n; ++i) v.push_back(static_cast<std::int32_t>(i * 7 % 1000003));
    BOOST_TEST(v.size() == n);
    BOOST_TEST(v.capacity() * sizeof(std::int32_t) >= (std::size_t{2} << 20));
    bool same = true;
    for (std::size_t i = 0; i < n; ++i) same = same && v[i] == static_cast<std::int32_t>(i * 7 % 1000003);
    BOOST_TEST(same);
    const detail::huge_page_vector<std::int32_t> copy = v;
    BOOST_TEST((copy == v));
    v.clear();
    v.shrink_to_fit();  // back below 2 MiB: from a mapping to operator new
    BOOST_TEST(v.empty());
    // Advice for blocks that hold no whole 2 MiB page, or none at all, changes nothing.
    char small[64] = "kept";
    detail::advise_huge_pages_within(small, sizeof small);
    detail::advise_huge_pages_within(nullptr, 0);
    BOOST_TEST(std::string(small) == "kept");
}

// Round 19: texts that come in ascending order are appended without a table (start_ascending);
// the first one out of order builds the table, and every index found or given is the same as an
// interner that never had the mode, before and after the break, in copying and viewing interners.
BOOST_AUTO_TEST_CASE(ascending_texts_interned_as_without_the_mode) {
    for (const bool copy : {false, true})
        for (const std::size_t break_at : {std::size_t{0}, std::size_t{1}, std::size_t{17}, std::size_t{5000}}) {
            std::vector<std::string> texts;
            for (std::size_t i = 0; i < 5000; ++i) texts.push_back("91320000MA" + std::to_string(100000 + 3 * i));
            if (break_at < texts.size()) texts.insert(texts.begin() + static_cast<std::ptrdiff_t>(break_at), "0-first");
            texts.push_back(texts[texts.size() / 2]);  // seen before: after the break, or breaks it
            texts.push_back("91320000MA100001");       // between two appended texts
            detail::interner plain(copy), fast(copy);
            fast.start_ascending();
            BOOST_TEST(fast.ascending());
            fast.reserve(100);
            for (const std::string& t : texts) {
                BOOST_TEST_REQUIRE(fast.find(t) == plain.find(t));
                const auto expected = plain.intern(t);
                std::pair<std::int32_t, bool> got;
                if (fast.append_if_ascending(t))
                    got = {static_cast<std::int32_t>(fast.size() - 1), true};
                else
                    got = fast.intern(t);
                BOOST_TEST_REQUIRE((got == expected), t);
            }
            BOOST_TEST(!fast.ascending());
            BOOST_TEST(fast.size() == plain.size());
            for (std::size_t i = 0; i < plain.size(); ++i) BOOST_TEST_REQUIRE(fast.text(i) == plain.text(i));
            BOOST_TEST(fast.find("91320000MA100002") == -1);
            BOOST_TEST(fast.find("91320000MA100003") == 1 + (break_at <= 1 ? 1 : 0));
        }
    detail::interner sorted(false);
    sorted.start_ascending();
    for (const char* t : {"a", "b", "d"}) BOOST_TEST(sorted.append_if_ascending(t));
    BOOST_TEST(sorted.ascending());  // a lookup is a binary search: in, between, before, after
    BOOST_TEST(sorted.find("b") == 1);
    BOOST_TEST(sorted.find("c") == -1);
    BOOST_TEST(sorted.find("0") == -1);
    BOOST_TEST(sorted.find("e") == -1);
    BOOST_TEST(!sorted.append_if_ascending("d"));  // not after the last: the table is built
    BOOST_TEST(sorted.intern("d").first == 2);
    BOOST_TEST(sorted.intern("c").first == 3);
    detail::interner tabled(false);  // a table made on request, the texts kept as they were
    tabled.start_ascending();
    for (const char* t : {"a", "b", "d"}) BOOST_TEST(tabled.append_if_ascending(t));
    tabled.make_table();
    BOOST_TEST(!tabled.ascending());
    BOOST_TEST(tabled.find("d") == 2);
    BOOST_TEST(tabled.find("c") == -1);
    BOOST_TEST(tabled.intern("b").first == 1);
}

// Round 19: two registers in code order one after the other, their codes interleaved (the even
// codes, then the odd ones and some even ones again): every chunk ascends, but a later chunk's
// codes fall inside an earlier one's range, so the earlier one gets its table before the lookups.
BOOST_AUTO_TEST_CASE(ascending_chunks_whose_ranges_interleave_numbered_as_a_serial_read) {
    std::string text = "entity,period,x\n";
    std::vector<std::string> order;
    std::vector<std::int32_t> expected;
    std::map<std::string, std::int32_t> index;
    auto row = [&](std::size_t k, int period) {
        const std::string code = "C" + std::to_string(100000 + k);
        const auto [it, inserted] = index.emplace(code, static_cast<std::int32_t>(order.size()));
        if (inserted) order.push_back(code);
        expected.push_back(it->second);
        text += code + "," + std::to_string(period) + ",1\n";
    };
    for (std::size_t k = 0; k < 4000; k += 2) row(k, 2020);
    for (std::size_t k = 1; k < 4000; k += 2) row(k % 7 == 0 ? k - 1 : k, 2021);
    for (std::size_t chunk : {std::size_t{100}, std::size_t{5000}, std::size_t{20000}})
        for (unsigned threads : {1u, 2u, 3u, 16u}) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = chunk;
            const panel p = parse_csv(text, o);
            BOOST_TEST(p.entity_of_row() == expected, threads << " threads, chunks of " << chunk);
            BOOST_REQUIRE(p.entity_count() == order.size());
            bool same = true;
            for (std::size_t e = 0; e < order.size(); ++e) same = same && p.entity_code(e) == order[e];
            BOOST_TEST(same, threads << " threads, chunks of " << chunk);
        }
}

// Round 19: a firm table in code order interns nothing while its codes ascend. One code out of
// order anywhere (first row, right after the interning lag, late, in another chunk, a code seen
// before) and codes repeated on consecutive rows: entities in first-seen order and each row's
// entity as a brute-force numbering has them, for any chunking and thread count.
BOOST_AUTO_TEST_CASE(codes_in_ascending_order_numbered_for_any_chunking) {
    for (const std::size_t odd :
         {std::size_t{0}, std::size_t{17}, std::size_t{1500}, std::size_t{2999}, std::size_t{9999}})
        for (const bool seen_before : {false, true}) {
            std::string text = "entity,period,name,x\n";
            std::vector<std::string> rows;
            for (std::size_t r = 0; r < 3000; ++r) rows.push_back("91320000MA" + std::to_string(100000 + r));
            if (odd < rows.size()) rows[odd] = seen_before && odd > 0 ? rows[odd / 3] : "00" + std::to_string(odd);
            std::vector<std::string> order;
            std::map<std::string, std::size_t> index;
            std::vector<std::int32_t> expected;
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const std::size_t copies = r % 250 == 7 ? 2 : 1;  // a code on two rows in a row
                for (std::size_t k = 0; k < copies; ++k) {
                    const auto [it, inserted] = index.emplace(rows[r], order.size());
                    if (inserted) order.push_back(rows[r]);
                    expected.push_back(static_cast<std::int32_t>(it->second));
                    // A code seen before on an earlier row gets a period of its own there.
                    text += rows[r] + "," + std::to_string(2000 + k + (inserted || k > 0 ? 0 : 10)) + ",n" +
                            std::to_string(it->second) + "," + std::to_string(r) + "\n";
                }
            }
            for (std::size_t chunk : {std::size_t{50}, std::size_t{3000}, std::size_t{1} << 20})
                for (unsigned threads : {1u, 2u, 3u, 16u}) {
                    csv_options o;
                    o.threads = threads;
                    o.min_chunk_bytes = chunk;
                    const panel p = parse_csv(text, o);
                    BOOST_TEST(p.entity_of_row() == expected, "odd row " << odd << ", " << threads << " threads");
                    BOOST_REQUIRE(p.entity_count() == order.size());
                    bool same = true;
                    for (std::size_t e = 0; e < order.size(); ++e) same = same && p.entity_code(e) == order[e];
                    BOOST_TEST(same, "odd row " << odd << ", " << threads << " threads, chunks of " << chunk);
                }
        }
}

// Round 19: pages faulted in from several threads before a serial write (populate_in_parts) keep
// what the block held, for blocks of any alignment and size, on any count of parts.
BOOST_AUTO_TEST_CASE(pages_populated_in_parts_keep_their_contents) {
    const std::size_t n = (std::size_t{7} << 20) + 4097;
    std::vector<char> block(n);
    for (std::size_t i = 0; i < n; ++i) block[i] = static_cast<char>(i * 31 % 251);
    for (std::size_t parts : {std::size_t{1}, std::size_t{2}, std::size_t{3}, std::size_t{16}}) {
        detail::populate_in_parts(block.data() + 1, n - 1, parts);
        bool same = true;
        for (std::size_t i = 0; i < n; ++i) same = same && block[i] == static_cast<char>(i * 31 % 251);
        BOOST_TEST(same, parts << " parts");
    }
    std::vector<std::int32_t> fresh;
    fresh.reserve(std::size_t{3} << 20);
    detail::populate_in_parts(fresh.data(), fresh.capacity() * sizeof(std::int32_t), 2);
    fresh.resize(fresh.capacity(), 7);
    BOOST_TEST(std::count(fresh.begin(), fresh.end(), 7) == static_cast<std::ptrdiff_t>(fresh.size()));
    char small[64] = "kept";
    detail::populate_in_parts(small, sizeof small, 4);
    detail::populate_in_parts(nullptr, 0, 2);
    BOOST_TEST(std::string(small) == "kept");
}

// Round 19: each thread looks up its share of every chunk's codes in the earlier chunks' tables
// (it was one thread per chunk). Quoted codes that come back chunks later, names holding
// separators and line ends, and cuts inside quoted fields: the entities, their order and the
// rows' indices are those of a serial read for any chunking and thread count.
BOOST_AUTO_TEST_CASE(codes_seen_again_in_later_chunks_numbered_as_a_serial_read) {
    std::string text = "entity,period,name,x\n";
    for (std::size_t r = 0; r < 1200; ++r) {
        const std::size_t k = r % 4 == 0 ? r : r % 4 == 1 ? r / 3 : r % 4 == 2 ? (r * 37) % 1200 : 1199 - r / 2;
        const std::string name = k % 5 == 0 ? "\"a, \"\"b\"\"\nc\"" : "n" + std::to_string(k);  // one a code
        text += "\"C" + std::to_string(k) + "\"," + std::to_string(2000 + r % 4) + "," + name + "," +
                std::to_string(r) + "\n";
    }
    csv_options serial;
    serial.threads = 1;
    const panel one = parse_csv(text, serial);
    BOOST_TEST(one.entity_code(0) == "C0");
    BOOST_TEST(one.entity_name(0) == "a, \"b\"\nc");
    for (std::size_t chunk = 40; chunk < 30000; chunk = chunk * 3 + 7)
        for (unsigned threads : {2u, 3u, 5u, 16u}) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = chunk;
            const panel many = parse_csv(text, o);
            BOOST_TEST(many.entity_of_row() == one.entity_of_row(), threads << " threads, chunks of " << chunk);
            BOOST_REQUIRE(many.entity_count() == one.entity_count());
            bool same = true;
            for (std::size_t e = 0; e < one.entity_count(); ++e)
                same = same && many.entity_code(e) == one.entity_code(e) && many.entity_name(e) == one.entity_name(e);
            BOOST_TEST(same, threads << " threads, chunks of " << chunk);
        }
}

// Round 20: deferred texts numbered by hash partition (interner::settle) get the indices interning
// would give them: texts interned before the deferral first, repeats anywhere, copied or viewed. And
// an adversarial set: thousands of texts whose hashes share the top 12 bits (all in one partition,
// long probe chains) among which some share all 32 bits of the stored tag (only the texts differ).
BOOST_AUTO_TEST_CASE(deferred_texts_numbered_as_interned) {
    auto tag_of = [](const std::string& t) {
        const std::uint64_t h = detail::interner::hash(t);
        return static_cast<std::uint32_t>(h) ^ static_cast<std::uint32_t>(h >> 32);
    };
    std::vector<std::string> crowded;  // one partition: the same top 12 bits of the tag
    for (std::size_t k = 0; crowded.size() < 6000; ++k) {
        const std::string t = "91320000MA" + std::to_string(k);
        if (tag_of(t) >> 20 == 0x5A5) crowded.push_back(t);
    }
    std::map<std::uint32_t, int> tags;
    std::size_t same_tag = 0;
    for (const std::string& t : crowded) same_tag += tags[tag_of(t)]++ > 0 ? 1 : 0;
    BOOST_TEST_REQUIRE(same_tag > 0u);  // the set holds tag collisions (birthday: ~17 expected)
    std::mt19937 rng(20);
    std::vector<std::string> random_order;
    for (std::size_t k = 0; k < 40000; ++k) random_order.push_back("C" + std::to_string(rng() % 30000));
    for (const auto* texts : {&crowded, &random_order})
        for (const bool copy : {false, true})
            for (const std::size_t interned_first : {std::size_t{0}, std::size_t{1}, std::size_t{1000}}) {
                std::vector<std::string> all = *texts;
                for (std::size_t i = 0; i < all.size(); i += 7) all.push_back(all[(i * 13) % all.size()]);
                detail::interner plain(copy), deferred(copy);
                std::vector<std::int32_t> expected;
                for (const std::string& t : all) expected.push_back(plain.intern(t).first);
                std::size_t i = 0;
                for (; i < std::min(interned_first, all.size()); ++i) deferred.intern(all[i]);
                const std::size_t before = deferred.size();
                deferred.start_deferred(all.size());
                BOOST_TEST(deferred.deferred());
                for (std::size_t j = i; j < all.size(); ++j) deferred.defer(all[j]);
                BOOST_TEST(deferred.items() == before + all.size() - i);
                deferred.settle();
                BOOST_TEST(!deferred.deferred());
                BOOST_TEST_REQUIRE(deferred.size() == plain.size());
                bool same = true;
                for (std::size_t k = 0; k < plain.size(); ++k) same = same && deferred.text(k) == plain.text(k);
                for (std::size_t j = i; j < all.size(); ++j)
                    same = same && deferred.item_index(before + j - i) == expected[j];
                for (std::size_t k = 0; k < before; ++k)
                    same = same && deferred.item_index(k) == static_cast<std::int32_t>(k);
                for (const std::string& t : all) {
                    deferred.prefetch(detail::interner::hash(t));
                    same = same && deferred.find(t) == plain.find(t);
                }
                BOOST_TEST(same, texts->size() << " texts, " << interned_first << " interned first, copy " << copy);
                BOOST_TEST(deferred.find("none of them") == -1);
                BOOST_CHECK_THROW(deferred.intern("x"), error);
            }
    detail::interner empty(false);
    empty.start_deferred(0);
    empty.settle();
    BOOST_TEST(empty.size() == 0u);
    BOOST_TEST(empty.find("a") == -1);
}

// Round 20: a firm table in random order (more than 1,024 rows a chunk: the codes are deferred and
// numbered by hash partition at the chunk's end), with codes repeated in the same and in later
// chunks, before and after the deferral, on consecutive rows, with names and parents: entities in
// first-seen order, each with the name and parent of its first row, and each row's entity as a
// brute-force numbering has them, for any chunking and thread count. A repeated (entity, period)
// is reported at its line and its first one's.
BOOST_AUTO_TEST_CASE(codes_in_random_order_numbered_for_any_chunking) {
    std::mt19937 rng(7);
    std::vector<std::size_t> perm(6000);
    for (std::size_t i = 0; i < perm.size(); ++i) perm[i] = i;
    std::shuffle(perm.begin(), perm.end(), rng);
    std::vector<std::string> rows;
    for (std::size_t r = 0; r < perm.size(); ++r) {
        std::string code = (r % 11 == 4 ? "Q\"" : "91320000MA") + std::to_string(100000 + perm[r]);
        if (r % 97 == 5) code = rows[r / 2];            // seen before, maybe chunks earlier
        if (r % 101 == 3 && r > 0) code = rows[r - 1];  // the code of the row before
        if (r == 1500) code = rows[3];
        rows.push_back(code);
    }
    std::string text = "entity,period,name,parent,x\n";
    std::vector<std::string> order, names, parents;
    std::map<std::string, std::size_t> index, seen_in_period;
    std::vector<std::int32_t> expected;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto [it, inserted] = index.emplace(rows[r], order.size());
        if (inserted) {
            order.push_back(rows[r]);
            names.push_back("n" + std::to_string(r));
            parents.push_back("p" + std::to_string(r % 13));
        }
        expected.push_back(static_cast<std::int32_t>(it->second));
        // each repeat of a code in a period of its own
        const std::size_t period = 2000 + seen_in_period[rows[r]]++;
        std::string written = rows[r];  // quoted (its quote doubled) when it holds one, and every third row
        if (written[1] == '"' || r % 3 == 0) {
            if (written[1] == '"') written.insert(1, "\"");
            written = "\"" + written + "\"";
        }
        // Every row of a code gives its one parent and its one name (two of either are refused since
        // rounds 21 and 22).
        text += written + "," + std::to_string(period) + "," + names[it->second] + "," + parents[it->second] + "," +
                std::to_string(r) + "\n";
    }
    for (std::size_t chunk : {std::size_t{50}, std::size_t{30000}, std::size_t{100000}, std::size_t{1} << 20})
        for (unsigned threads : {1u, 2u, 3u, 16u}) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = chunk;
            const panel p = parse_csv(text, o);
            BOOST_TEST(p.entity_of_row() == expected, threads << " threads, chunks of " << chunk);
            BOOST_REQUIRE(p.entity_count() == order.size());
            bool same = true;
            for (std::size_t e = 0; e < order.size(); ++e)
                same = same && p.entity_code(e) == order[e] && p.entity_name(e) == names[e] &&
                       p.entity_parent(e) == parents[e];
            BOOST_TEST(same, threads << " threads, chunks of " << chunk);
            // The row of line 4,802 (row 4,800) repeated with the period of its first row.
            std::string twice = text;
            const std::size_t first_row = index[rows[4800]];
            std::size_t first_line = 0;
            for (std::size_t r = 0; r < rows.size() && first_line == 0; ++r)
                if (rows[r] == order[first_row]) first_line = r + 2;
            twice += "\"" + (order[first_row][1] == '"' ? "Q\"\"" + order[first_row].substr(2) : order[first_row]) +
                     "\",2000," + names[first_row] + "," + parents[first_row] + ",1\n";
            try {
                parse_csv(twice, o);
                BOOST_FAIL("expected duplicate_row_error");
            } catch (const duplicate_row_error& e) {
                BOOST_TEST(e.where().line == rows.size() + 2);
                BOOST_TEST(
                    std::string(e.what()).find("the first on line " + std::to_string(first_line)) != std::string::npos,
                    e.what());
            }
        }
}

// Round 27 (an27): a name with and without its administrative suffix (西湖, 西湖区) is one region,
// named the longer way, on every path (one chunk, a code seen in an earlier chunk, the long layout)
// and for any number of threads; 南昌县 and 南昌市 stay two places, refused.
BOOST_AUTO_TEST_CASE(a_name_with_and_without_its_suffix_is_one_region_named_in_full) {
    auto file = [](bool adjacent, const std::string& second_suffix) {
        std::string text = "entity,period,name,x\n";
        auto row = [&](std::size_t r, int period, bool second) {
            const std::string code = std::to_string(100000 + r);
            text += code + "," + std::to_string(period) + ",区" + code + (second ? second_suffix : "") + ",1\n";
        };
        for (std::size_t r = 0; r < 3000; ++r) {
            row(r, 2020, false);
            if (adjacent) row(r, 2021, true);
        }
        if (!adjacent)
            for (std::size_t r = 0; r < 3000; ++r) row(r, 2021, true);
        return text;
    };
    for (bool adjacent : {true, false})
        for (std::size_t chunk : {std::size_t{64}, std::size_t{20000}, std::size_t{1} << 20})
            for (unsigned threads : {1u, 3u}) {
                csv_options o;
                o.threads = threads;
                o.min_chunk_bytes = chunk;
                const panel p = parse_csv(file(adjacent, "县"), o);
                BOOST_TEST_REQUIRE(p.entity_count() == 3000u);
                for (std::size_t e : {std::size_t{0}, std::size_t{1700}, std::size_t{2999}})
                    BOOST_TEST(p.entity_name(e) == "区" + std::string(p.entity_code(e)) + "县");
            }
    BOOST_TEST(
        parse_csv("entity,period,variable,value,name\n360103,2024,x,1,西湖\n360103,2025,x,2,西湖区\n").entity_name(0) ==
        "西湖区");
    BOOST_TEST(parse_csv("entity,period,name,x\n360103,2024,西湖区,1\n360103,2025,西湖,2\n").entity_name(0) ==
               "西湖区");
    for (const char* text : {"entity,period,name,x\n360121,2024,南昌县,1\n360121,2025,南昌市,2\n",
                             "entity,period,name,x\n360103,2023,西湖,1\n360103,2024,西湖区,1\n360103,2025,西湖市,1\n",
                             "entity,period,variable,value,name\n360121,2024,x,1,南昌县\n360121,2025,x,2,南昌市\n"})
        BOOST_CHECK_THROW(parse_csv(text), parse_error);
    BOOST_TEST(region_name("西湖", "西湖区").value_or("") == "西湖区");
    BOOST_TEST(region_name("西湖区", "").value_or("") == "西湖区");
    BOOST_TEST(!region_name("南昌县", "南昌市").has_value());
    BOOST_TEST(!region_name("西湖", "西湖区区").has_value());
}

// Round 27: the doubled ellipsis (……, the usual Chinese one) is missing as … is, not unparseable.
BOOST_AUTO_TEST_CASE(the_doubled_ellipsis_is_missing) {
    const panel p = parse_csv("entity,period,x\na,2024,……\nb,2024,⋯⋯\nc,2024,......\nd,2024,…\n");
    BOOST_TEST(p.report().cells_missing == 4u);
    BOOST_TEST(p.report().cells_unparseable == 0u);
    const text_cells t = parse_text_cells({std::string("……"), std::string("1")}, unit());
    BOOST_TEST((t.reasons[0] == reason::missing_input));
    BOOST_TEST(t.values[1] == 1.0);
}

// Round 22: one code named two ways (东湖区 on one row, 西湖区 on another) is refused, naming the
// first such row of the file and the code's first row, for any number of threads and chunks: a
// repeat on the next row, a code seen earlier in the chunk, in an earlier chunk, codes ascending
// (a register) or not (numbered at the chunk's end), and the long layout.
BOOST_AUTO_TEST_CASE(one_code_with_two_names_is_refused_naming_both_lines) {
    // 3000 codes, each on two rows: the second right after the first (adjacent) or 1500 rows on.
    auto file = [](bool ascending, bool adjacent, std::size_t renamed) {
        std::vector<std::size_t> order(3000);
        for (std::size_t r = 0; r < order.size(); ++r) order[r] = ascending ? r : (r * 7919) % order.size();
        std::string text = "entity,period,name,x\n";
        auto row = [&](std::size_t r, int period, bool second) {
            const std::string code = std::to_string(100000 + order[r]);
            const std::string name = second && r == renamed ? "other" : "n" + code;
            text += code + "," + std::to_string(period) + "," + name + ",1\n";
        };
        if (adjacent) {
            for (std::size_t r = 0; r < order.size(); ++r) row(r, 2020, false), row(r, 2021, true);
        } else {
            for (std::size_t r = 0; r < order.size(); ++r) row(r, 2020, false);
            for (std::size_t r = 0; r < order.size(); ++r) row(r, 2021, true);
        }
        return text;
    };
    const std::size_t none = static_cast<std::size_t>(-1);
    for (bool ascending : {true, false})
        for (bool adjacent : {true, false})
            for (std::size_t renamed : {none, std::size_t{0}, std::size_t{2999}, std::size_t{1700}}) {
                const std::string text = file(ascending, adjacent, renamed);
                const std::size_t first_line = renamed == none ? 0 : adjacent ? 2 + 2 * renamed : 2 + renamed;
                const std::size_t line = adjacent ? first_line + 1 : first_line + 3000;
                for (std::size_t chunk : {std::size_t{64}, std::size_t{20000}, std::size_t{1} << 20})
                    for (unsigned threads : {1u, 3u}) {
                        csv_options o;
                        o.threads = threads;
                        o.min_chunk_bytes = chunk;
                        const std::string at = std::to_string(threads) + " threads, chunks of " +
                                               std::to_string(chunk) + (ascending ? ", ascending" : "") +
                                               (adjacent ? ", adjacent" : "");
                        if (renamed == none) {
                            BOOST_TEST(parse_csv(text, o).entity_count() == 3000u, at);
                            continue;
                        }
                        try {
                            parse_csv(text, o);
                            BOOST_ERROR("two names accepted, " << at);
                        } catch (const parse_error& e) {
                            BOOST_TEST(e.where().line == line, at << ": " << e.what());
                            BOOST_TEST(std::string(e.what()).find("is named 'other' here and 'n") != std::string::npos,
                                       e.what());
                            BOOST_TEST(std::string(e.what()).find("on line " + std::to_string(first_line) + ":") !=
                                           std::string::npos,
                                       at << ": " << e.what());
                        }
                    }
            }
    // A blank name states nothing (a sheet's merged cells name a region on its first row only):
    // no conflict on any path, the first row's name kept.
    for (bool adjacent : {true, false}) {
        std::string text = "entity,period,name,x\n";
        for (std::size_t r = 0; r < 3000; ++r) {
            const std::string code = std::to_string(100000 + (r * 7919) % 3000);
            text += code + ",2020,n" + code + ",1\n";
            if (adjacent) text += code + ",2021,,1\n";
        }
        if (!adjacent)
            for (std::size_t r = 0; r < 3000; ++r) text += std::to_string(100000 + (r * 7919) % 3000) + ",2021,,1\n";
        for (std::size_t chunk : {std::size_t{64}, std::size_t{1} << 20})
            for (unsigned threads : {1u, 3u}) {
                csv_options o;
                o.threads = threads;
                o.min_chunk_bytes = chunk;
                const panel p = parse_csv(text, o);
                BOOST_TEST(p.entity_count() == 3000u);
                BOOST_TEST(std::string(p.entity_name(0)) == "n" + std::string(p.entity_code(0)));
            }
    }
    // The long layout; and the names left out by ignoring their column.
    const std::string records = "entity,period,name,variable,value\nA,2020,甲,x,1\nA,2020,甲,y,2\nA,2021,乙,x,3\n";
    BOOST_CHECK_EXCEPTION(parse_csv(records), parse_error, [](const parse_error& e) {
        return e.where().line == 4 && std::string(e.what()).find("on line 2") != std::string::npos;
    });
    csv_options o;
    o.ignore = {"name"};
    const panel p = parse_csv(records, o);
    BOOST_TEST(p.entity_name(0).empty());
}

// Round 19: the search for a code written with full-width digits or as a spreadsheet leaves it
// is split over the threads; the entity refused is still the first such one in entity order
// (first-seen order in the file), whichever thread finds it, and codes that merely hold a point,
// a leading '=' or full-width brackets (a firm's name standing as its code) are kept.
BOOST_AUTO_TEST_CASE(the_first_refused_code_in_entity_order_for_any_thread_count) {
    auto file = [](std::size_t fullwidth_at, std::size_t spreadsheet_at, std::size_t parent_at) {
        std::string text = "entity,period,parent,x\n";
        for (std::size_t r = 0; r < 4000; ++r) {
            std::string code = r % 7 == 3   ? "A.B" + std::to_string(r)
                               : r % 7 == 5 ? "=x" + std::to_string(r)
                               : r % 11 == 4
                                   ? "\xE7\x94\xB2\xEF\xBC\x88" + std::to_string(r) + "\xEF\xBC\x89"  // 甲（r）
                                   : "91320000MA" + std::to_string(100000 + r);
            if (r == fullwidth_at) code = "\xEF\xBC\x93\xEF\xBC\x92" + std::to_string(r);  // ３２r
            if (r == spreadsheet_at) code = std::to_string(320000 + r) + ".0";
            const std::string parent = r == parent_at ? "'3201" : "3201";
            text += code + ",2020," + parent + "," + std::to_string(r) + "\n";
            if (r % 2 == 1) text += code + ",2021," + parent + ",1\n";  // seen again in the same or a later chunk
        }
        return text;
    };
    auto message = [](const std::string& text, unsigned threads, std::size_t chunk) {
        csv_options o;
        o.threads = threads;
        o.min_chunk_bytes = chunk;
        try {
            const panel p = parse_csv(text, o);
            return "loaded " + std::to_string(p.entity_count());
        } catch (const parse_error& e) {
            return std::string(e.what());
        }
    };
    const std::size_t none = static_cast<std::size_t>(-1);
    const std::string fine = file(none, none, none);
    BOOST_TEST(message(fine, 1, 1 << 20) == "loaded 4000");
    struct expected {
        std::size_t fullwidth, spreadsheet, parent;
        std::string holds;
    };
    for (const expected& e : {expected{3900, 3100, none, "323100.0"},
                              expected{3000, 3950, none,
                                       "\xEF\xBC\x93\xEF\xBC\x92"
                                       "3000"},
                              expected{none, 2600, 3000, "322600.0"}, expected{none, 3998, 1200, "'3201"},
                              expected{120, 3998, 50, "'3201"}}) {
        const std::string text = file(e.fullwidth, e.spreadsheet, e.parent);
        const std::string serial = message(text, 1, 1 << 20);
        BOOST_TEST(serial.find(e.holds) != std::string::npos, serial);
        BOOST_TEST(serial.find(":" + std::to_string(2 + 3 * std::min({e.fullwidth, e.spreadsheet, e.parent}) / 2)) !=
                       std::string::npos,
                   serial);
        for (unsigned threads : {2u, 3u, 16u})
            for (std::size_t chunk : {std::size_t{100}, std::size_t{9000}, std::size_t{40000}}) {
                BOOST_TEST(message(text, threads, chunk) == serial, threads << " threads, chunks of " << chunk);
                BOOST_TEST(message(fine, threads, chunk) == "loaded 4000");
            }
    }
}

// The interner's prefetch is issued on an empty table (null data, mask 0) and a full one without
// faulting, and changes no lookup (it used to compile to nothing: GCC dropped it from its `if`).
BOOST_AUTO_TEST_CASE(interner_prefetch_on_empty_and_large_tables) {
    detail::interner t(true);
    t.prefetch(detail::interner::hash("a"));
    BOOST_TEST(t.find("a") == -1);
    t.reserve(300000);  // 2^19 slots of 8 bytes: a mapped table
    for (int i = 0; i < 300000; ++i) {
        const std::string code = "91320000MA" + std::to_string(i);
        t.prefetch(detail::interner::hash(code));
        BOOST_TEST_REQUIRE(t.intern(code).first == i);
    }
    BOOST_TEST(t.find("91320000MA299999") == 299999);
    BOOST_TEST(t.intern("91320000MA7").second == false);
}

BOOST_AUTO_TEST_SUITE_END()

// Round 17: the limit and hint messages said "1 columns", "1 ','s", "1 rows × 2 variables from 2
// records"; each count now agrees with its noun (also "more than 1 distinct variable(s)", which a
// long file's header of four columns cannot reach).
BOOST_AUTO_TEST_CASE(limit_and_hint_messages_agree_with_their_counts) {
    auto message = [](const std::string& text, const csv_options& o) {
        try {
            parse_csv(text, o);
        } catch (const error& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    csv_options no_columns;
    no_columns.max_columns = 0;
    std::string what = message("entity\nA\n", no_columns);
    BOOST_TEST(what.find("the header has 1 column, more than the limit of 0") != std::string::npos, what);
    csv_options semicolon;
    semicolon.separator = ';';
    what = message("region,gdp\nA,1\n", semicolon);
    BOOST_TEST(what.find("the header has no ';' but 1 ',': is the separator ','?") != std::string::npos, what);
    csv_options few_cells;
    few_cells.max_long_cells = 1;
    few_cells.max_long_fill = 0;
    what = message("entity,period,variable,value\na,2023,v1,1\na,2023,v2,1\n", few_cells);
    BOOST_TEST(what.find("1 row × 2 variables from 2 records: more than 1 + 0 cells") != std::string::npos, what);
}

// Round 17: a chunk writes no per-row entity index while every row has a code of its own, and no
// per-row period index while every row has its first period; the first row that breaks either
// writes the rows before it out. Rows here break them at every distance from a chunk's start
// (a repeat right after the interning lag, a code seen in an earlier chunk, a second period
// late in the file): the indices equal a brute-force numbering for any chunking.
BOOST_AUTO_TEST_CASE(rows_of_their_own_codes_and_one_period_numbered_for_any_chunking) {
    std::string text = "entity,period,x\n";
    std::map<std::string, std::int32_t> entity_of, period_of;
    std::vector<std::int32_t> entity_expected, period_expected;
    for (std::size_t r = 0; r < 4000; ++r) {
        std::size_t k = r;
        if (r == 17 || r == 1500 || r == 3999) k = r - 16;  // repeats after the lag and across chunks
        if (r >= 2000 && r < 2100) k = r - 1000;            // a run of codes an earlier stretch has
        const std::string code = "C" + std::to_string(k);
        std::string period = r < 3000 ? "2020" : (r % 2 ? "2021" : "2020");
        if (k != r) period = "2019";  // a code's second row: another period
        entity_of.emplace(code, static_cast<std::int32_t>(entity_of.size()));
        period_of.emplace(period, static_cast<std::int32_t>(period_of.size()));
        entity_expected.push_back(entity_of[code]);
        period_expected.push_back(period_of[period]);
        text += code + "," + period + "," + std::to_string(r) + "\n";
    }
    for (std::size_t chunk : {std::size_t{40}, std::size_t{300}, std::size_t{5000}, std::size_t{1} << 20})
        for (unsigned threads : {1u, 2u, 3u, 16u}) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = chunk;
            const panel p = parse_csv(text, o);
            BOOST_TEST(p.entity_of_row() == entity_expected);
            std::vector<std::int32_t> periods;
            for (const std::int32_t i : p.period_of_row())
                periods.push_back(period_of[std::to_string(p.periods()[static_cast<std::size_t>(i)].year_number())]);
            BOOST_TEST(periods == period_expected);
            BOOST_TEST(p.entity_count() == entity_of.size());
        }
}

// Round 25: a lenient read without a period column loaded a repeated header as an entity named
// after the entity column; a decimal-comma file read '1 234.567' as 1234567; a footnote as wide as
// the table was refused by a lenient read.
BOOST_AUTO_TEST_CASE(lenient_period_value_refuses_a_repeated_header_and_mixed_grouping) {
    csv_options o;
    o.entity = "region";
    o.period_value = "2024";
    o.lenient = true;
    // refused as with a period column: the rows after it may be in other units (gdp under gdp[亿元])
    BOOST_CHECK_THROW(parse_csv("region,gdp[亿元]\n320601,100\nregion,gdp\n320602,200\n", o), parse_error);
    const panel p = parse_csv("region,gdp[亿元]\n320601,100\n注：快报数,\n", o);
    BOOST_TEST(p.entity_count() == 1u);
    BOOST_TEST(p.report().rows_skipped == 1u);

    BOOST_TEST(looks_like_footnote("　注：2024年为快报数"));
    BOOST_TEST(!looks_like_footnote("注释：不是脚注"));
    double value = 0;
    int percent = 0;
    BOOST_TEST(!detail::parse_number("1 234.567", value, percent, ','));
    BOOST_TEST(detail::parse_number("1 234,5", value, percent, ','));
    BOOST_TEST(value == 1234.5);
    BOOST_TEST(detail::mixes_space_and_point("1 234.5"));
    BOOST_TEST(!detail::mixes_space_and_point("1 234,5"));
}

// Trial c26: a file cut off in its last row (a transfer stopped) said only "row has 4 fields, the
// header has 18"; it says the file ends inside the row. A short row followed by a line break is
// no such file, and says nothing of it. On the chunked path (threads) too, and with lenient.
BOOST_AUTO_TEST_CASE(a_file_cut_off_inside_its_last_row_says_so) {
    std::string text = "region,period,gdp[亿元],population[万人]\n";
    for (int k = 0; k < 300; ++k) text += "e" + std::to_string(k) + ",2023,1.5,20\n";
    const std::string cut = text + "e300,2023,1";
    for (unsigned threads : {1u, 2u}) {
        BOOST_TEST_CONTEXT("threads " << threads) {
            csv_options o;
            o.threads = threads;
            o.min_chunk_bytes = 256;
            try {
                parse_csv(cut, o, "cut.csv");
                BOOST_FAIL("a cut-off row is refused");
            } catch (const parse_error& e) {
                const std::string what = e.what();
                BOOST_TEST(what.find("cut.csv:302") != std::string::npos, what);
                BOOST_TEST(what.find("row has 3 fields, the header has 4") != std::string::npos, what);
                BOOST_TEST(what.find("the file ends inside this row") != std::string::npos, what);
            }
            try {
                parse_csv(cut + "\n", o, "short.csv");
                BOOST_FAIL("a short row is refused");
            } catch (const parse_error& e) {
                BOOST_TEST(std::string(e.what()).find("ends inside") == std::string::npos, e.what());
            }
            o.lenient = true;
            const panel p = parse_csv(cut, o, "cut.csv");
            BOOST_TEST(p.rows() == 300u);
            BOOST_TEST_REQUIRE(p.report().issues.size() == 1u);
            BOOST_TEST(p.report().issues[0].problem.find("the file ends inside this row") != std::string::npos);
        }
    }
}
