// "Did you mean" for every vocabulary (detail::closest_name): a typo by edit distance, and a
// unique prefix or part of a name ("abs" for "absolute", too far by edit distance); and the CSV
// reader's progress reports, block by block and for each finished chunk.
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/interrupt.hpp"

using namespace zhibiao;

namespace {
std::string closest(std::string_view wanted, const std::vector<std::string>& names) {
    return detail::closest_name(
        wanted, names, [](const std::string& n) -> std::string_view { return n; }, detail::as_written);
}

std::string model_error(const std::string& toml) {
    try {
        composite::parse_model(toml, "m.toml");
    } catch (const std::exception& e) {
        return e.what();
    }
    return "";
}
}  // namespace

BOOST_AUTO_TEST_SUITE(suggestion)

// Round 17: a name typed with a Chinese input method in full-width mode got no suggestion.
BOOST_AUTO_TEST_CASE(full_width_letters_count_as_their_ascii_letters) {
    const std::vector<std::string> methods{"mean", "median", "arithmetic"};
    BOOST_TEST(closest("ｍｅａｎ", methods) == "mean");
    BOOST_TEST(closest("ＭＥＡＮ", methods) == "mean");
    BOOST_TEST(closest("ａｒｉｔｈｍａｔｉｃ", methods) == "arithmetic");
    BOOST_TEST(closest("ｍｅｄｉａ", methods) == "median");
    BOOST_TEST(detail::suggestion_key("ＧＤＰ／万人") == "gdp/万人");
    BOOST_TEST(closest("ｇｄｐ", std::vector<std::string>{"gdp", "ｇｄｐ"}) == "ｇｄｐ");  // as written breaks the tie
}

BOOST_AUTO_TEST_CASE(a_unique_prefix_or_part_is_suggested_when_edit_distance_finds_nothing) {
    const std::vector<std::string> kinds{"pearson", "absolute", "distance"};
    BOOST_TEST(detail::edit_distance("abs", "absolute") == 5u);  // beyond 3 / 3 + 2: no typo match
    BOOST_TEST(closest("abs", kinds) == "absolute");             // a prefix of one name only
    BOOST_TEST(closest("dist", kinds) == "distance");
    BOOST_TEST(closest("pearsn", kinds) == "pearson");                  // a typo: edit distance 1
    BOOST_TEST(closest("olute", kinds) == "absolute");                  // a part of one name only
    BOOST_TEST(closest("max", {"minmax", "frac_of_max"}).empty());      // a part of two: no guess
    BOOST_TEST(closest("in", {"minmax", "inverse", "index"}).empty());  // a prefix of two: no guess
    BOOST_TEST(closest("a", kinds).empty());                            // one character says too little
    BOOST_TEST(closest("spearman_rho", kinds).empty());
}

// Round 16: the optimal string alignment distance, on characters, as zhibiao._suggest computes it.
BOOST_AUTO_TEST_CASE(a_swap_of_neighbours_is_one_edit_and_characters_are_counted_not_bytes) {
    BOOST_TEST(detail::edit_distance("totla", "total") == 1u);  // Levenshtein: 2
    BOOST_TEST(detail::edit_distance("gpd", "gdp") == 1u);
    BOOST_TEST(detail::edit_distance("ir", "ri") == 1u);
    BOOST_TEST(detail::edit_distance("abc", "ca") == 3u);  // no character edited twice (Damerau: 2)
    BOOST_TEST(detail::edit_distance("ca", "abc") == 3u);
    BOOST_TEST(detail::edit_distance("", "gdp") == 3u);
    // 研发经废 / 研发经费: one character of three bytes each, of which two differ
    BOOST_TEST(detail::edit_distance("\u7814\u53d1\u7ecf\u5e9f", "\u7814\u53d1\u7ecf\u8d39") == 1u);
    BOOST_TEST(detail::code_points("\u7814\u53d1x").size() == 3u);
    BOOST_TEST(detail::code_points("\xff\xe7").size() == 2u);  // bytes starting no sequence: one each
}

BOOST_AUTO_TEST_CASE(swaps_and_capitals_are_suggested_and_spelling_as_written_breaks_ties) {
    BOOST_TEST(closest("ir", {"ri", "levels"}) == "ri");  // 2 characters: 1 edit allowed, the swap
    BOOST_TEST(closest("gpd", {"rd", "gdp"}) == "gdp");
    BOOST_TEST(closest("HIGH", {"low", "high", "mid"}) == "high");  // 4 substitutions as written
    BOOST_TEST(closest("Gdp", {"GDP", "Gdp"}) == "Gdp");
    BOOST_TEST(closest("gdP", {"GDP", "gdp"}) == "gdp");
    BOOST_TEST(closest("\u7814\u53d1\u7ecf\u5e9f", {"\u7814\u53d1\u7ecf\u8d39"}) == "\u7814\u53d1\u7ecf\u8d39");
    const std::string swapped = model_error("[[step]]\nkind = \"weigh\"\nmethod = \"ahp\"\nir = \"saaty\"\n");
    BOOST_TEST(swapped.find("did you mean 'ri'") != std::string::npos, swapped);
}

BOOST_AUTO_TEST_CASE(a_looked_up_name_with_white_space_at_an_end_is_shown_with_it) {
    try {
        catalogue::builtin().at("rd_intensity ");
        BOOST_FAIL("an id with a space");
    } catch (const unknown_indicator_error& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("did you mean 'rd_intensity'") != std::string::npos, message);
        BOOST_TEST(message.find("note: 'rd_intensity ' ends with white space") != std::string::npos, message);
        BOOST_TEST(e.name() == "rd_intensity ");
    }
    BOOST_TEST(lookup_error::stray_space_note("\tgdp ").find("'\\tgdp ' begins and ends") != std::string::npos);
    BOOST_TEST(lookup_error::stray_space_note("g dp").empty());
}

BOOST_AUTO_TEST_CASE(a_capitalised_catalogue_direction_is_refused_with_the_word_meant) {
    try {
        catalogue::from_toml("[[indicator]]\nid = \"x\"\nformula = \"a\"\nunit = \"1\"\ndirection = \"Lower\"\n");
        BOOST_FAIL("direction Lower");
    } catch (const parse_error& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("not 'Lower' (did you mean 'lower'?)") != std::string::npos, message);
    }
}

BOOST_AUTO_TEST_CASE(counts_agree_with_their_nouns) {
    BOOST_TEST(detail::counted(1, "firm") == "1 firm");
    BOOST_TEST(detail::counted(0u, "firm") == "0 firms");
    BOOST_TEST(detail::counted(1, "criterion", "criteria") == "1 criterion");
    BOOST_TEST(detail::counted(3L, "criterion", "criteria") == "3 criteria");
}

BOOST_AUTO_TEST_CASE(composite_options_and_catalogue_ids_suggest_prefixes) {
    const std::string corr = model_error("[[step]]\nkind = \"weigh\"\nmethod = \"critic\"\ncorrelation = \"abs\"\n");
    BOOST_TEST(corr.find("did you mean 'absolute'") != std::string::npos, corr);
    const std::string folded = model_error("[[step]]\nkind = \"weigh\"\nmethod = \"critic\"\ncorrelation = \"ABS\"\n");
    BOOST_TEST(folded.find("did you mean 'absolute'") != std::string::npos, folded);
    try {
        catalogue::builtin().at("rd_int");
        BOOST_FAIL("an unknown id");
    } catch (const std::exception& e) {
        const std::string message = e.what();
        BOOST_TEST(message.find("did you mean 'rd_intensity'") != std::string::npos, message);
    }
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(csv_progress)

BOOST_AUTO_TEST_CASE(the_reader_reports_bytes_parsed_and_the_end_of_its_chunk) {
    std::string body;
    for (int i = 0; i < 10000; ++i) body += std::to_string(100000 + i) + ",2024,1.5\n";  // 16 bytes
    const std::string text = "entity,period,x\n" + body;
    std::vector<std::pair<std::size_t, std::size_t>> seen;
    csv_options one_thread;
    one_thread.threads = 1;
    {
        interrupt_scope scope([] {}, [&seen](std::size_t done, std::size_t total) { seen.emplace_back(done, total); });
        BOOST_TEST(parse_csv(text, one_thread).rows() == 10000u);
    }
    // Blocks of 4096 rows: at rows 0, 4096 and 8192 (16 bytes each), then the end of the body.
    const std::vector<std::pair<std::size_t, std::size_t>> want{
        {0, 160000}, {4096 * 16, 160000}, {8192 * 16, 160000}, {160000, 160000}};
    BOOST_TEST(body.size() == 160000u);
    BOOST_TEST((seen == want));
    seen.clear();
    parse_csv(text, one_thread);  // outside the scope: nobody told
    BOOST_TEST(seen.empty());
}

BOOST_AUTO_TEST_SUITE_END()
