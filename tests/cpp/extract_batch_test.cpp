// Many reports at once (extract_tables): each text's table is what extract_table gives it alone,
// bit for bit, for any thread count; an error names its text and keeps its type; Ctrl-C stops it.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "refusing_threads.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/interrupt.hpp"

using namespace zhibiao;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    BOOST_TEST_REQUIRE(in.good(), path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

template <class T>
bool same_bits(const std::vector<T>& a, const std::vector<T>& b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(T)) == 0);
}

// Every column, string and finding the same (values compared as bits: NaN too).
void check_same(const table_extraction& a, const table_extraction& b, const std::string& label) {
    const fact_table &x = a.facts, &y = b.facts;
    BOOST_TEST(a.invalid_bytes == b.invalid_bytes, label);
    BOOST_TEST((x.strings == y.strings && x.quoted == y.quoted && same_bits(x.text_end, y.text_end)), label);
    for (const auto column :
         {&fact_table::variable, &fact_table::phrase, &fact_table::unit, &fact_table::period, &fact_table::damage,
          &fact_table::status, &fact_table::stage, &fact_table::scope, &fact_table::level, &fact_table::flags,
          &fact_table::begin, &fact_table::end, &fact_table::clause_begin, &fact_table::clause_end,
          &fact_table::char_begin, &fact_table::char_end, &fact_table::clause_char_begin, &fact_table::clause_char_end})
        BOOST_TEST(same_bits(x.*column, y.*column), label);
    for (const auto column : {&fact_table::value, &fact_table::high, &fact_table::guess})
        BOOST_TEST(same_bits(x.*column, y.*column), label);
    BOOST_TEST(same_bits(x.qual, y.qual), label);
    BOOST_TEST_REQUIRE(a.findings.size() == b.findings.size(), label);
    for (std::size_t i = 0; i < a.findings.size(); ++i) {
        const report_finding &f = a.findings[i], &g = b.findings[i];
        BOOST_TEST((f.kind == g.kind && f.begin == g.begin && f.end == g.end && f.char_begin == g.char_begin &&
                    f.char_end == g.char_end && f.text == g.text && f.message == g.message),
                   label + ", finding " + std::to_string(i));
    }
}

// The sample reports whole and cut at line ends into many short reports, and texts that exercise what
// a reader carries from one text to the next if it is not reset: a wrapped report (soft breaks),
// bytes that are not UTF-8, a period stated in the text before, damage, empty and figureless texts.
std::vector<std::string> many_reports() {
    const std::string root = ZHIBIAO_SOURCE_DIR;
    std::vector<std::string> out;
    std::vector<std::string> files = {root + "/data/sample/city_report_h1.txt"};
    for (const auto& entry : std::filesystem::directory_iterator(root + "/tests/data/reports"))
        if (entry.path().extension() == ".txt") files.push_back(entry.path().string());
    std::sort(files.begin() + 1, files.end());
    for (const std::string& file : files) {
        const std::string text = read_file(file);
        out.push_back(text);
        for (std::size_t from = 0; from < text.size();) {
            std::size_t to = text.find('\n', from);
            to = to == std::string::npos ? text.size() : to + 1;
            out.push_back(text.substr(from, to - from));
            from = to;
        }
    }
    out.push_back("");
    out.push_back("没有数字的一句话。");
    out.push_back("2024年上半年，全县获批立项11项，其中重点项目3项、一般项目12项。\xE4\xB8\n\xFF争取资金二十八万元。");
    out.push_back("高新技术企业46家。");  // no period: not the one of the text before
    out.push_back(
        "2025年上半年，全县组织申报科技项目28项，获批立项11项，争取上级资金\n"
        "227.4万元，新增高新技术企业5家，登记技术合同312项，成交额5.8亿元，\n"
        "专利授权量1,234件，同比增长12.5%，选派科技特派员20名，占比达到21.%。\n");
    return out;
}

std::vector<std::string_view> views(const std::vector<std::string>& texts) {
    return std::vector<std::string_view>(texts.begin(), texts.end());
}

std::vector<std::string> figureless(std::size_t n) { return std::vector<std::string>(n, "没有数字。"); }

// An interrupt check that throws `E` on its `n`-th call (a Ctrl-C, a deadline).
template <class E>
struct throw_on_call {
    std::size_t n, calls = 0;
    void operator()() {
        if (++calls == n) throw E("stopped");
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_many_reports)

BOOST_AUTO_TEST_CASE(each_text_reads_as_alone_for_any_thread_count) {
    const std::vector<std::string> texts = many_reports();
    BOOST_TEST_REQUIRE(texts.size() > 200u);
    extract_options options;
    options.guess = true;
    options.chunk_bytes = 200;  // chunks end inside the longer texts
    std::vector<table_extraction> alone;
    for (const std::string& t : texts) alone.push_back(extract_table(t, builtin_lexicon(), options));
    for (unsigned threads : {1u, 2u, 3u, 8u, 0u}) {
        const auto many = extract_tables(views(texts), builtin_lexicon(), options, threads);
        BOOST_TEST_REQUIRE(many.size() == texts.size());
        for (std::size_t k = 0; k < texts.size(); ++k)
            check_same(many[k], alone[k], "text " + std::to_string(k) + ", threads " + std::to_string(threads));
    }
}

BOOST_AUTO_TEST_CASE(another_lexicon_reads_as_alone) {
    const lexicon words = lexicon_from_toml(
        "[[variable]]\nid = \"grants\"\nphrases = [\"专利授权量\", \"获批立项\"]\nunit = \"件\"\n", "<test>");
    const std::vector<std::string> texts = many_reports();
    const auto many = extract_tables(views(texts), words, {}, 2);
    for (std::size_t k = 0; k < texts.size(); ++k)
        check_same(many[k], extract_table(texts[k], words), "text " + std::to_string(k));
}

// A line break inside a phrase (phrase_breaks) is tested against the lexicon's cuts, made once per
// thread and lexicon, or once for the built-in one: a text read after another, in a batch or alone,
// reads the same; a cut of one lexicon never serves another.
BOOST_AUTO_TEST_CASE(a_phrase_across_a_line_break_reads_the_same_in_any_order) {
    const lexicon words =
        lexicon_from_toml("[[variable]]\nid = \"grants\"\nphrases = [\"甲乙丙指标\"]\nunit = \"件\"\n", "<test>");
    const std::vector<std::string> texts = {"全县甲乙丙\n指标326件。\n", "全县技术合同\n成交额1.26亿元。\n",
                                            "全县甲乙丙\n指标12件。\n"};
    for (const lexicon* l : {&words, &builtin_lexicon()}) {
        const auto many = extract_tables(views(texts), *l, {}, 1);
        for (std::size_t k = 0; k < texts.size(); ++k)
            check_same(many[k], extract_table(texts[k], *l), "text " + std::to_string(k));
    }
    const table_extraction grants = extract_tables(views(texts), words, {}, 1)[0];
    BOOST_TEST_REQUIRE(grants.facts.size() == 1u);
    BOOST_TEST(fact_at(grants.facts, 0).variable == "grants");  // 甲乙丙⏎指标 is one phrase (no built-in one)
    const table_extraction contracts = extract_tables(views(texts), words, {}, 1)[1];
    BOOST_TEST(contracts.facts.size() <= 1u);
    if (contracts.facts.size() == 1u) BOOST_TEST(fact_at(contracts.facts, 0).variable != "grants");
    const table_extraction builtin = extract_table(texts[1]);  // 技术合同⏎成交额: a built-in phrase
    BOOST_TEST_REQUIRE(builtin.facts.size() == 1u);
    BOOST_TEST(fact_at(builtin.facts, 0).phrase == "技术合同成交额");
}

BOOST_AUTO_TEST_CASE(threads_that_cannot_start_leave_their_texts_to_the_others) {
    const std::vector<std::string> texts = many_reports();
    const zhibiao::testing::refusing_threads refuse(1);
    const auto many = extract_tables(views(texts), builtin_lexicon(), {}, 4);
    for (std::size_t k = 0; k < texts.size(); ++k)
        check_same(many[k], extract_table(texts[k]), "text " + std::to_string(k));
}

BOOST_AUTO_TEST_CASE(no_texts_no_tables) { BOOST_TEST(extract_tables({}).empty()); }

BOOST_AUTO_TEST_CASE(an_error_names_its_text_and_keeps_its_type) {
    // One poll per figureless text, on one thread: the 5th poll is in text 4.
    const std::vector<std::string> texts = figureless(10);
    {
        const interrupt_scope scope(throw_on_call<limit_error>{5});
        try {
            extract_tables(views(texts), builtin_lexicon(), {}, 1);
            BOOST_FAIL("no error");
        } catch (const limit_error& e) {
            BOOST_TEST(e.where().file == "report 4");
            BOOST_TEST(std::string(e.what()) == "report 4: stopped");
            BOOST_TEST(e.message() == "stopped");
        }
    }
    const std::vector<std::string> names = {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"};
    const interrupt_scope scope(throw_on_call<parse_error>{3});
    try {
        extract_tables(views(texts), builtin_lexicon(), {}, 1, names);
        BOOST_FAIL("no error");
    } catch (const parse_error& e) {
        BOOST_TEST(std::string(e.what()) == "report 'c': stopped");
    }
}

// The calling thread polls between the texts it takes and once at the end: with threads the
// others may take every text first (a third poll, asked for here before round 24, then never
// came: the test failed when the texts read fast), so the first poll stops the call.
BOOST_AUTO_TEST_CASE(an_interrupt_goes_on_unchanged_and_stops_every_thread) {
    const std::vector<std::string> texts = figureless(5000);
    for (unsigned threads : {1u, 2u, 4u}) {
        const interrupt_scope scope(throw_on_call<std::runtime_error>{1});
        BOOST_CHECK_EXCEPTION(extract_tables(views(texts), builtin_lexicon(), {}, threads), std::runtime_error,
                              [](const std::runtime_error& e) { return std::string(e.what()) == "stopped"; });
    }
}

BOOST_AUTO_TEST_CASE(names_one_per_text) {
    const std::vector<std::string> texts = figureless(3);
    BOOST_CHECK_THROW(extract_tables(views(texts), builtin_lexicon(), {}, 1, {"a", "b"}), argument_error);
}

// Round 24 (review24 F3): a report read from inside another's interrupt poll on the same thread
// (a Ctrl-C handler or a progress hook reading a report) shared the thread's indexes of the
// built-in lexicon with the outer read, and re-indexed them under it: the outer report's 600
// figures lost their variables. Each read now has indexes no other read is using; the same for
// the indexes extract_tables lends.
BOOST_AUTO_TEST_CASE(a_report_read_inside_another_reads_neither_wrong) {
    std::string outer = "2025年，全市新增高新技术企业120家，技术合同成交额达到85亿元。\n";
    for (int k = 0; k < 300; ++k)  // the interrupt is polled every 256 figures
        outer += "全市专利授权量" + std::to_string(100 + k) + "件，技术合同成交额" + std::to_string(k + 1) + "亿元。";
    const std::string inner = "研发经费支出12亿元，获批省级重点实验室3家，高新技术企业数量达到500家。";
    const extraction outer_alone = extract(outer), inner_alone = extract(inner);
    for (bool batch : {false, true}) {
        int polls = 0;
        bool inside = false;
        std::vector<extraction> inner_reads;
        extraction nested;
        {
            interrupt_scope scope([&] {
                if (inside) return;  // the inner read polls too
                inside = true, ++polls;
                inner_reads.push_back(extract(inner));
                inside = false;
            });
            if (batch) {
                const std::vector<std::string_view> texts{outer};
                const std::vector<table_extraction> tables = extract_tables(texts, builtin_lexicon(), {}, 1);
                const fact_table& t = tables.at(0).facts;
                nested.facts.clear();
                for (std::size_t i = 0; i < t.size(); ++i)
                    nested.facts.push_back({}), nested.facts.back().variable = t.text_of(t.variable[i]),
                                                nested.facts.back().period = t.text_of(t.period[i]);
            } else {
                nested = extract(outer);
            }
        }
        BOOST_TEST(polls > 0);
        BOOST_TEST_REQUIRE(nested.facts.size() == outer_alone.facts.size());
        for (std::size_t i = 0; i < nested.facts.size(); ++i) {
            BOOST_TEST(nested.facts[i].variable == outer_alone.facts[i].variable, i);
            BOOST_TEST(nested.facts[i].period == outer_alone.facts[i].period, i);
        }
        for (const extraction& read : inner_reads) {
            BOOST_TEST_REQUIRE(read.facts.size() == inner_alone.facts.size());
            for (std::size_t i = 0; i < read.facts.size(); ++i)
                BOOST_TEST(read.facts[i].variable == inner_alone.facts[i].variable, i);
        }
    }
}

BOOST_AUTO_TEST_SUITE_END()
