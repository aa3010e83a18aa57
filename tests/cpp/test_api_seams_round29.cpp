// The C++ API as users write programs with it (round 29): the seams a trial of such programs
// found. An entity index or row past the end read past the panel's storage (a moved-from
// panel's entity_code(0) crashed); write_csv wrote only UTF-8 where Python writes GB18030 too,
// and wrote nothing, silently, to a failed stream; the "unit N" / "criterion N" rewriting of a
// method's refusal had three copies (two in C++, one in Python), now one.
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <type_traits>

#include "composite/position_labels.hpp"
#include "error_message.hpp"
#include "zhibiao/zhibiao.hpp"

using namespace zhibiao;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

namespace {

// Two regions with Chinese names, read as read_csv reads a wide file (entities kept compactly).
panel two_regions() {
    return parse_csv("region,period,name,gdp[亿元]\n320100,2024,南京市,100\n320200,2024,无锡市,200\n");
}

panel built_from_entities() {
    return panel({entity{"A", "甲", ""}, entity{"B", "", ""}}, {period::parse("2024")}, {0, 1}, {0, 0});
}

}  // namespace

BOOST_AUTO_TEST_SUITE(api_seams_round29)

BOOST_AUTO_TEST_CASE(entity_and_row_indexes_past_the_end_are_refused) {
    for (const panel& p : {two_regions(), built_from_entities()}) {
        BOOST_TEST(p.entity_code(1).size() == (p.entity_code(0) == "A" ? 1U : 6U));
        BOOST_TEST(message_of([&] { (void)p.entity_code(2); }) == "panel::entity_code(2): there are 2 entities");
        BOOST_TEST(has(message_of([&] { (void)p.entity_name(7); }), "panel::entity_name(7)"));
        BOOST_TEST(has(message_of([&] { (void)p.entity_parent(2); }), "panel::entity_parent(2)"));
        BOOST_TEST(message_of([&] { (void)p.entity_at(2); }) == "panel::entity_at(2): there are 2 rows");
        BOOST_TEST(message_of([&] { (void)p.period_at(9); }) == "panel::period_at(9): there are 2 rows");
    }
    BOOST_CHECK_THROW((void)two_regions().entity_code(5), argument_error);  // the copies of a temporary too
    BOOST_CHECK_THROW((void)two_regions().entity_at(5), argument_error);
    BOOST_CHECK_THROW((void)two_regions().period_at(5), argument_error);
    BOOST_TEST(std::string(two_regions().entity_name(1)) == "无锡市");
}

BOOST_AUTO_TEST_CASE(a_moved_from_panel_has_no_entity_to_index) {
    panel p = two_regions();
    const panel kept = std::move(p);
    BOOST_TEST(kept.entity_count() == 2U);
    BOOST_TEST(p.entity_count() == 0U);  // NOLINT(bugprone-use-after-move): the moved-from state is the test
    BOOST_TEST(message_of([&] { (void)p.entity_code(0); }) == "panel::entity_code(0): there are 0 entities");
    BOOST_CHECK_THROW((void)p.entity_at(0), argument_error);
}

BOOST_AUTO_TEST_CASE(entity_texts_at_is_checked_and_copies_on_a_temporary) {
    entity_table table;
    table.codes.text.reset(new char[3]{'a', 'b', 'c'});
    table.codes.ends = {1, 3};
    BOOST_TEST(table.codes.at(1) == "bc");
    BOOST_TEST(message_of([&] { (void)table.codes.at(2); }) == "entity_texts::at(2): there are 2 entities");
    BOOST_TEST(table.names.at(1).empty());  // no entity has a name: every one's is empty
    static_assert(std::is_same_v<decltype(entity_table{}.codes.at(0)), text_copy>);
    static_assert(std::is_same_v<decltype(table.codes.at(0)), std::string_view>);
}

BOOST_AUTO_TEST_CASE(write_csv_writes_gb18030_that_read_csv_reads_back) {
    const panel p = two_regions();
    write_csv_options options;
    options.encoding = write_csv_options::encoding_choice::gb18030;
    std::ostringstream out;
    write_csv(p, out, options);
    const std::string bytes = out.str();
    BOOST_TEST(has(bytes, "320100,2024,\xC4\xCF\xBE\xA9\xCA\xD0,100"));  // 南京市 in GB18030
    BOOST_TEST(!has(bytes, "南京"));
    std::ostringstream as_utf8;
    write_csv(p, as_utf8);
    const panel back = parse_csv(bytes);
    BOOST_TEST(back.report().encoding == "gb18030");
    BOOST_TEST(back.entity_name(0) == "南京市");
    std::ostringstream again;
    write_csv(back, again);
    BOOST_TEST(again.str() == as_utf8.str());
}

BOOST_AUTO_TEST_CASE(write_csv_encoding_reads_python_names) {
    using choice = write_csv_options::encoding_choice;
    BOOST_TEST((write_csv_encoding("utf-8") == choice::utf8));
    BOOST_TEST((write_csv_encoding("utf-8-sig") == choice::utf8_bom));
    BOOST_TEST((write_csv_encoding("gb18030") == choice::gb18030));
    BOOST_TEST(message_of([] { write_csv_encoding("utf8"); }) ==
               "encoding must be one of utf-8, utf-8-sig, gb18030, not 'utf8' (did you mean 'utf-8'?)");
    BOOST_TEST(has(message_of([] { write_csv_encoding("GBK"); }),
                   "not 'GBK' (did you mean 'gb18030'? It holds GBK, GB2312 and CP936"));
    BOOST_CHECK_THROW(write_csv_encoding("latin-1"), argument_error);
}

BOOST_AUTO_TEST_CASE(write_csv_refuses_a_failed_stream_and_an_encoding_outside_the_enum) {
    const panel p = two_regions();
    std::ostringstream failed;
    failed.setstate(std::ios::badbit);
    BOOST_TEST(
        has(message_of([&] { write_csv(p, failed); }), "write_csv: the output stream has failed before writing"));
    BOOST_CHECK_THROW(write_csv(p, compute(p, {}), failed), file_error);
    write_csv_options options;
    options.encoding = static_cast<write_csv_options::encoding_choice>(7);
    std::ostringstream out;
    BOOST_TEST(has(message_of([&] { write_csv(p, out, options); }), "encoding 7 is none of"));
    BOOST_TEST(out.str().empty());
}

BOOST_AUTO_TEST_CASE(a_refused_option_leaves_the_file_as_it_was) {
    const auto path = std::filesystem::temp_directory_path() / "zhibiao_round29_kept.csv";
    std::ofstream(path) << "kept\n";
    write_csv_options options;
    options.decimals = {{"gpd", 2}};
    BOOST_TEST(has(message_of([&] { write_csv(two_regions(), path.string(), options); }), "did you mean 'gdp'"));
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    BOOST_TEST(line == "kept");
    std::filesystem::remove(path);
}

// A name glibc's GB18030 table has no code for (U+E78D, a private-use character Python's codec maps):
// refused naming the line and the character, and an existing file of that name left as it was (the
// rows go to a file beside it that takes the name only when whole).
BOOST_AUTO_TEST_CASE(a_character_gb18030_cannot_encode_is_named_and_leaves_the_file_as_it_was) {
    const panel p = parse_csv("region,period,name,gdp[亿元]\n320100,2024,南京\xEE\x9E\x8D,100\n");
    const auto path = std::filesystem::temp_directory_path() / "zhibiao_round29_gb18030.csv";
    std::ofstream(path) << "kept\n";
    write_csv_options options;
    options.encoding = write_csv_options::encoding_choice::gb18030;
    const std::string said = message_of([&] { write_csv(p, path.string(), options); });
    BOOST_TEST(has(said, "line 2 holds the character"));
    BOOST_TEST(has(said, "(U+E78D), which this system's GB18030 encoder (iconv) has no code for"));
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    BOOST_TEST(line == "kept");
    BOOST_TEST(!std::filesystem::exists(path.string() + ".zhibiao-part"));
    write_csv(two_regions(), path.string(), options);  // a whole write takes the name
    BOOST_TEST(read_csv(path.string()).report().encoding == "gb18030");
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_CASE(positions_are_labelled_by_one_rule) {
    using composite::detail::label_positions;
    using composite::detail::position_labels;
    const position_labels regions{{"R0", "R1", "R2"}, "region", {}};
    const position_labels columns{{"a", "b"}, "", {}};
    auto said = label_positions("mean-min: unit 2 has a mean beyond the range; unit 1 too", regions, columns);
    BOOST_TEST(said.text == "mean-min: region 'R2' has a mean beyond the range; unit 1 too");  // the first only
    BOOST_TEST(said.unit.value() == "R2");
    BOOST_TEST(!said.criterion.has_value());
    said = label_positions("needs every value: unit 0, criterion 1", {}, columns);
    BOOST_TEST(said.text == "needs every value: unit 0, criterion 'b'");  // units without labels stay numbers
    BOOST_TEST(said.criterion.value() == "b");
    BOOST_TEST(label_positions("entropy weights: column 1 is all zero", {}, columns).text ==
               "entropy weights: column 'b' is all zero");
    // Whole words and positions within the labels only; a number of any length is no exception.
    BOOST_TEST(label_positions("subunit 1, unit 1x, unit 3, unit 99999999999999999999999", regions, {}).text ==
               "subunit 1, unit 1x, unit 3, unit 99999999999999999999999");
    // A shared or missing label does not say which row: the position follows it.
    const position_labels shared{{"R", "R", "nan"}, "", {false, false, true}};
    BOOST_TEST(label_positions("unit 1 is odd", shared, {}).text == "unit 'R' (row 1, counting from 0) is odd");
    BOOST_TEST(label_positions("unit 2 is odd", shared, {}).text == "unit 'nan' (row 2, counting from 0) is odd");
}

BOOST_AUTO_TEST_SUITE_END()
