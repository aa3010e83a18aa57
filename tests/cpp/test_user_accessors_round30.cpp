// Round 30: the public types as users call them.
//  - An uncertainty model is reached through the shared_ptr make() returns, so
//    `for (const auto& n : uncertainty_model::make(...)->inputs())` iterated a vector freed with
//    the temporary pointer: its accessors now return copies (no ref-qualifier can help through
//    `->`). A layer's storage() on a temporary layer is a copy of the pointer, not a reference.
//    temporary_accessors_asan.cpp runs the same loops under AddressSanitizer.
//  - The per-row accessors that took a row from the user read past the end: column::reason_at,
//    scorecard_result::status_of/valid/eligible/passed, points_array's element access and
//    scorecard_inputs::invalid_reason now refuse it with an argument_error naming row and size.
//  - write_csv through a symbolic link replaced the link by a regular file, and a file it
//    replaced lost its permission bits (0640 became 0644 under the usual umask).
#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "uncertainty_fixture.hpp"
#include "zhibiao/composite/uncertainty.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/write_csv.hpp"

using namespace zhibiao;
namespace cp = zhibiao::composite;

namespace {

using model_ptr = std::shared_ptr<const cp::uncertainty_model>;
template <class T>
constexpr bool is_value = !std::is_reference_v<T>;

// What make(...)-> gives is an lvalue: only a value is safe there.
static_assert(is_value<decltype(std::declval<model_ptr>()->inputs())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->input_columns())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->notes())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->nominal_ranks())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->nominal_scores())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->frame())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->data())>);
static_assert(is_value<decltype(std::declval<model_ptr>()->aggregates())>);
// A layer's block: a reference on a named layer (no copy of the pointer), a value on a temporary.
static_assert(std::is_reference_v<decltype(std::declval<const cp::layer_matrix&>().storage())>);
static_assert(is_value<decltype(std::declval<cp::layer_matrix>().storage())>);
static_assert(is_value<decltype(std::declval<cp::layer_view>().storage())>);

// Pointers into a temporary are refused: a temporary result's points, a temporary table's reasons.
template <class T, class = void>
struct can_take_floats : std::false_type {};
template <class T>
struct can_take_floats<T, std::void_t<decltype(std::declval<T>().floats())>> : std::true_type {};
template <class T, class = void>
struct can_take_doubles : std::false_type {};
template <class T>
struct can_take_doubles<T, std::void_t<decltype(std::declval<T>().doubles())>> : std::true_type {};
template <class T, class = void>
struct can_take_reasons_of : std::false_type {};
template <class T>
struct can_take_reasons_of<T, std::void_t<decltype(std::declval<T>().reasons_of(""))>> : std::true_type {};
static_assert(can_take_floats<points_array&>::value && can_take_floats<const points_array&>::value);
static_assert(!can_take_floats<points_array>::value && !can_take_doubles<points_array>::value);
static_assert(can_take_doubles<const points_array&>::value);
static_assert(can_take_reasons_of<const cp::table&>::value && !can_take_reasons_of<cp::table>::value);

cp::uncertainty_spec two_normalisations() {
    cp::uncertainty_spec spec;
    spec.noise.push_back({2, 0.25});
    cp::normalise_step zscore;
    zscore.options.method = cp::normalisation::zscore;
    cp::normalise_step minmax;
    minmax.options.low = 1, minmax.options.high = 100;
    spec.normalisation.options = {minmax, zscore};
    spec.normalisation.labels = {"min-max", "z-score"};
    return spec;
}

model_ptr make_model() {
    using namespace cp::testing;
    return cp::uncertainty_model::make(small_table(), small_framework(), nominal_steps(), two_normalisations());
}

template <class Call>
std::string argument_message(Call call) {
    try {
        call();
    } catch (const argument_error& e) {
        return e.what();
    }
    return "no argument_error";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(user_accessors_round30)

BOOST_AUTO_TEST_CASE(a_model_straight_from_make_gives_copies_to_loop_over) {
    const model_ptr named = make_model();
    const std::vector<std::string> inputs = named->inputs();
    BOOST_TEST_REQUIRE(inputs.size() == 2u);
    std::vector<std::string> seen;
    for (const auto& name : make_model()->inputs()) seen.push_back(name);
    BOOST_TEST(seen == inputs, boost::test_tools::per_element());
    std::vector<std::size_t> columns;
    for (std::size_t c : make_model()->input_columns()) columns.push_back(c);
    BOOST_TEST(columns == named->input_columns(), boost::test_tools::per_element());
    std::size_t notes = 0;
    for (const auto& note : make_model()->notes()) notes += note.empty() ? 0 : 1;
    BOOST_TEST(notes == named->notes().size());
    BOOST_TEST(cp::testing::same_bits(make_model()->nominal_scores(), named->nominal_scores()));
    BOOST_TEST(make_model()->units() == 8u);
    BOOST_TEST(make_model()->aggregate_count() == named->aggregates().size());
}

BOOST_AUTO_TEST_CASE(a_layers_storage_from_a_temporary_keeps_the_block_alive) {
    using namespace cp::testing;
    const auto storage = cp::build(small_table(), small_framework(), nominal_steps()).at("normalised").values.storage();
    BOOST_TEST_REQUIRE(static_cast<bool>(storage));
    BOOST_TEST(storage.use_count() >= 1);
}

BOOST_AUTO_TEST_CASE(a_row_past_the_end_of_a_column_is_an_argument_error) {
    const column c("x", unit{}, Eigen::ArrayXd::Constant(3, 1.0));
    BOOST_TEST((c.reason_at(2) == reason::none));
    BOOST_TEST(argument_message([&] { (void)c.reason_at(3); }) == "column::reason_at(3): there are 3 rows");
    const column with_reasons("y", unit{}, Eigen::ArrayXd::Constant(2, 1.0), {reason::none, reason::unparseable});
    BOOST_TEST((with_reasons.reason_at(1) == reason::unparseable));
    BOOST_TEST(argument_message([&] { (void)with_reasons.reason_at(7); }) == "column::reason_at(7): there are 2 rows");
    const column empty("z", unit{}, Eigen::ArrayXd());
    BOOST_TEST(argument_message([&] { (void)empty.reason_at(0); }) == "column::reason_at(0): there are 0 rows");
}

// std::move(p).periods() took the periods and left the rows indexing into them: p.period_at(1)
// read an empty vector (a null dereference under ASan; found by the round-30 new-user trial).
// Handing out the rows' structure now leaves the panel empty, as a moved-from panel is.
BOOST_AUTO_TEST_CASE(a_panel_that_handed_out_its_rows_structure_is_empty) {
    const std::string csv = "region,period,gdp[亿元]\nA,2024,1\nB,2024,2\n";
    panel p = parse_csv(csv);
    const std::vector<period> periods = std::move(p).periods();
    BOOST_TEST(periods.size() == 1u);
    BOOST_TEST(p.rows() == 0u);
    BOOST_TEST(p.entity_count() == 0u);
    BOOST_TEST(argument_message([&] { (void)p.period_at(1); }) == "panel::period_at(1): there are 0 rows");
    panel q = parse_csv(csv);
    BOOST_TEST(std::move(q).period_of_row().size() == 2u);
    BOOST_TEST((q.rows() == 0u && q.period_of_row().empty() && q.entity_of_row().empty() && q.periods().empty()));
    panel r = parse_csv(csv);
    BOOST_TEST(std::move(r).entity_of_row().size() == 2u);
    BOOST_TEST((r.rows() == 0u && r.period_of_row().empty()));
    const panel copy = r;  // still a valid panel: copyable, and empty
    BOOST_TEST(copy.rows() == 0u);
}

BOOST_AUTO_TEST_CASE(a_firm_past_the_end_of_a_scorecard_result_is_an_argument_error) {
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    std::vector<std::vector<double>> values(card.inputs().size(), std::vector<double>(2, 1.0));
    scorecard_columns in;
    in.rows = 2;
    for (const auto& v : values) in.columns.push_back(v.data());
    const scorecard_result r = card.evaluate(in, points_policy::low, 1);
    BOOST_TEST_REQUIRE(r.status.size() == 2u);
    (void)r.status_of(1), (void)r.valid(1), (void)r.eligible(1), (void)r.passed(1), (void)r.total(1);
    BOOST_TEST(argument_message([&] { (void)r.status_of(2); }) == "scorecard_result::status_of(2): there are 2 firms");
    BOOST_TEST(argument_message([&] { (void)r.valid(5); }) == "scorecard_result::valid(5): there are 2 firms");
    BOOST_TEST(argument_message([&] { (void)r.eligible(2); }) == "scorecard_result::eligible(2): there are 2 firms");
    BOOST_TEST(argument_message([&] { (void)r.passed(9); }) == "scorecard_result::passed(9): there are 2 firms");
    // Said as the result's accessors, in firms and items, as status_of says it (round 32).
    BOOST_TEST(argument_message([&] { (void)r.total(2); }) == "scorecard_result::total(2): there are 2 firms");
    BOOST_TEST(argument_message([&] { (void)r.total(-1); }) == "scorecard_result::total(-1): there are 2 firms");
    BOOST_TEST(argument_message([&] { (void)r.total(0, 1); }) ==
               "scorecard_result::total(0, 1): there are 2 firms (scorecard_result::total has one column, 0)");
    const auto items = static_cast<Eigen::Index>(card.items().size());
    BOOST_TEST(argument_message([&] { (void)r.points(0, items); }) ==
               "scorecard_result::points(0, " + std::to_string(items) + "): there are 2 firms and " +
                   std::to_string(items) + " items");
    points_array copy = r.total;
    BOOST_TEST(argument_message([&] { copy.set(2, 0, 1.0); }) ==
               "points_array::set(2, 0): the array has 2 rows and 1 columns");
    // A moved-from result has no firms: asking for one is the same error, not a read of freed memory.
    scorecard_result moved = r;
    const scorecard_result taken = std::move(moved);
    BOOST_TEST(taken.passed(0) == r.passed(0));
    BOOST_TEST(argument_message([&] { (void)moved.passed(0); }) == "scorecard_result::passed(0): there are 0 firms");
}

BOOST_AUTO_TEST_CASE(a_cell_past_the_end_of_scorecard_inputs_is_an_argument_error) {
    const scorecard& card = scorecard::builtin("tech-sme-2017");
    panel p({entity{"firm0", "", ""}}, {period::year(2024)}, {0}, {0});
    for (const auto& input : card.inputs()) p.add(column(input.id, input.unit, Eigen::ArrayXd::Constant(1, 1.0)));
    const scorecard_inputs in = card.inputs_from(p);
    BOOST_TEST((in.invalid_reason(0, 0) == reason::none));
    BOOST_TEST(argument_message([&] { (void)in.invalid_reason(1, 0); }) ==
               "scorecard_inputs::invalid_reason(1): there are 1 rows");
    const std::size_t inputs = card.inputs().size();
    BOOST_TEST(argument_message([&] { (void)in.invalid_reason(0, inputs); }) ==
               "scorecard_inputs::invalid_reason(" + std::to_string(inputs) + "): there are " + std::to_string(inputs) +
                   " inputs");
}

namespace {

panel one_value(double v) {
    panel p({entity{"320100", "", ""}}, {period::year(2024)}, {0}, {0});
    p.add(column("x", unit{}, Eigen::ArrayXd::Constant(1, v), {}, false));
    return p;
}

std::string contents(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

struct scratch_directory {
    std::filesystem::path path = std::filesystem::temp_directory_path() / "zhibiao_write_csv_round30";
    scratch_directory() {
        std::filesystem::remove_all(path);
        std::filesystem::create_directories(path);
    }
    ~scratch_directory() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(write_csv_through_a_link_writes_its_target_and_keeps_the_link) {
    namespace fs = std::filesystem;
    const scratch_directory dir;
    fs::create_directories(dir.path / "real");
    const fs::path target = dir.path / "real" / "figures.csv", link = dir.path / "figures.csv";
    write_csv(one_value(1), target.string());
    fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    fs::create_symlink(fs::path("real") / "figures.csv", link);  // relative, as `ln -s` is mostly used
    write_csv(one_value(2), link.string());
    BOOST_TEST(fs::is_symlink(fs::symlink_status(link)));
    BOOST_TEST(contents(target) == "entity,period,x\n320100,2024,2.0\n");
    BOOST_TEST(static_cast<unsigned>(fs::status(target).permissions() & fs::perms::all) == 0640u);
    BOOST_TEST(!fs::exists(dir.path / "figures.csv.zhibiao-part"));
    BOOST_TEST(!fs::exists(dir.path / "real" / "figures.csv.zhibiao-part"));
    // A link whose target is not there yet: the target is made, the link stays.
    const fs::path dangling = dir.path / "later.csv";
    fs::create_symlink(dir.path / "real" / "later.csv", dangling);
    write_csv(one_value(3), dangling.string());
    BOOST_TEST(fs::is_symlink(fs::symlink_status(dangling)));
    BOOST_TEST(contents(dir.path / "real" / "later.csv") == "entity,period,x\n320100,2024,3.0\n");
    // A loop of links is refused, both links left as they are (the review of round 30: it ended with
    // a link renamed over by the CSV).
    const fs::path a = dir.path / "a.csv", b = dir.path / "b.csv";
    fs::create_symlink(b, a), fs::create_symlink(a, b);
    BOOST_CHECK_THROW(write_csv(one_value(4), a.string()), file_error);
    BOOST_TEST((fs::is_symlink(fs::symlink_status(a)) && fs::is_symlink(fs::symlink_status(b))));
}

BOOST_AUTO_TEST_CASE(write_csv_over_a_file_keeps_its_permission_bits) {
    namespace fs = std::filesystem;
    const scratch_directory dir;
    const fs::path path = dir.path / "figures.csv";
    write_csv(one_value(1), path.string());
    fs::permissions(path, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    const mode_t before = ::umask(022);  // the usual umask: a new file would be 0644
    write_csv(one_value(2), path.string());
    ::umask(before);
    BOOST_TEST(contents(path) == "entity,period,x\n320100,2024,2.0\n");
    BOOST_TEST(static_cast<unsigned>(fs::status(path).permissions() & fs::perms::all) == 0640u);
}

BOOST_AUTO_TEST_SUITE_END()
