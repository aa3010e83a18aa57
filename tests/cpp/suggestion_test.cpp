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
