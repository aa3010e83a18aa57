// No reference into a temporary: accessors called on an rvalue (a result straight from
// compute(), a panel straight from parse_csv(), a catalogue straight from from_toml()) return
// values, and those that can only give a pointer or a view are refused at compile time. Before,
// `const auto& v = compute(p, ids).at(id);` compiled and read freed memory (ASan:
// heap-use-after-free in the tests below).
#include <boost/test/unit_test.hpp>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/extract.hpp"
#include "zhibiao/formula.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/units.hpp"

using namespace zhibiao;

namespace {

template <class T, class = void>
struct can_find : std::false_type {};
template <class T>
struct can_find<T, std::void_t<decltype(std::declval<T>().find(std::string()))>> : std::true_type {};
template <class T, class = void>
struct can_take_data : std::false_type {};
template <class T>
struct can_take_data<T, std::void_t<decltype(std::declval<T>().data())>> : std::true_type {};
template <class T, class = void>
struct can_find_variable : std::false_type {};
template <class T>
struct can_find_variable<T, std::void_t<decltype(std::declval<T>().variable("x"))>> : std::true_type {};

template <class T, class = void>
struct can_take_columns : std::false_type {};
template <class T>
struct can_take_columns<T, std::void_t<decltype(std::declval<T>().columns())>> : std::true_type {};

template <class T, class = void>
struct can_begin : std::false_type {};
template <class T>
struct can_begin<T, std::void_t<decltype(std::declval<T>().begin())>> : std::true_type {};

template <class Call>
constexpr bool is_value = !std::is_reference_v<Call>;

// On lvalues: references, as before (no copies in ordinary use).
static_assert(std::is_same_v<decltype(std::declval<const indicator_table&>().at("")), const indicator_values&>);
static_assert(std::is_same_v<decltype(std::declval<const panel&>().at("")), const column&>);
static_assert(std::is_same_v<decltype(std::declval<const catalogue&>().at("")), const indicator&>);
static_assert(std::is_same_v<decltype(std::declval<const scorecard&>().inputs()), const std::vector<scorecard_input>&>);
static_assert(std::is_same_v<decltype(std::declval<const composite::result&>().at("")), const composite::layer&>);
static_assert(std::is_same_v<decltype(std::declval<const column&>().values()), column_values>);
static_assert(can_find<const panel&>::value && can_find<const catalogue&>::value &&
              can_take_data<const column&>::value);

// On rvalues: values.
static_assert(std::is_same_v<decltype(std::declval<indicator_table>().at("")), indicator_values>);
static_assert(std::is_same_v<decltype(std::declval<panel>().at("")), column>);
static_assert(is_value<decltype(std::declval<panel>().entity_at(0))> &&
              is_value<decltype(std::declval<panel>().period_at(0))>);
static_assert(is_value<decltype(std::declval<panel>().columns())> &&
              is_value<decltype(std::declval<panel>().entities())>);
static_assert(is_value<decltype(std::declval<panel>().periods())> &&
              is_value<decltype(std::declval<panel>().report())>);
static_assert(is_value<decltype(std::declval<panel>().entity_of_row())> &&
              is_value<decltype(std::declval<panel>().period_of_row())>);
static_assert(std::is_same_v<decltype(std::declval<column>().values()), Eigen::ArrayXd>);
static_assert(is_value<decltype(std::declval<column>().name())> && is_value<decltype(std::declval<column>().unit())>);
static_assert(is_value<decltype(std::declval<column>().reasons())> &&
              is_value<decltype(std::declval<column>().storage_owner())>);
static_assert(std::is_same_v<decltype(std::declval<catalogue>().at("")), indicator>);
static_assert(is_value<decltype(std::declval<catalogue>().indicators())> &&
              is_value<decltype(std::declval<catalogue>().variables())>);
static_assert(is_value<decltype(std::declval<scorecard>().inputs())> &&
              is_value<decltype(std::declval<scorecard>().items())>);
static_assert(is_value<decltype(std::declval<scorecard>().id())> &&
              is_value<decltype(std::declval<scorecard>().measures())>);
static_assert(is_value<decltype(std::declval<scorecard>().pass_rule())> &&
              is_value<decltype(std::declval<scorecard>().caps())>);
static_assert(std::is_same_v<decltype(std::declval<composite::result>().at("")), composite::layer>);
static_assert(is_value<decltype(std::declval<composite::framework>().nodes())> &&
              is_value<decltype(std::declval<composite::framework>().at(0))> &&
              is_value<decltype(std::declval<composite::framework>().indicators())>);
static_assert(is_value<decltype(std::declval<unit>().symbol())> && is_value<decltype(std::declval<unit>().dim())>);
// Found by a trial of user programs: extract_table(text).facts.figure(0) was a view into the
// freed table (ASan silent: the text was read from reused heap), formula::parse(f).text() a
// reference into the temporary.
// Round 28: a copy, which converts to a std::string_view only when named (a std::string returned
// here let `std::string_view v = extract_table(text).facts.figure(0);` compile and dangle).
static_assert(std::is_same_v<decltype(std::declval<fact_table>().figure(0)), text_copy> &&
              std::is_same_v<decltype(std::declval<fact_table>().text_of(0)), text_copy>);
static_assert(!std::is_convertible_v<text_copy, std::string_view> &&
              std::is_convertible_v<const text_copy&, std::string_view> &&
              std::is_convertible_v<text_copy, std::string>);
static_assert(std::is_same_v<decltype(std::declval<const fact_table&>().figure(0)), std::string_view>);
static_assert(std::is_same_v<decltype(std::declval<formula>().text()), text_copy>);
// Round 28 (final review): the other text accessors on a temporary returned a std::string too.
static_assert(std::is_same_v<decltype(std::declval<column>().name()), text_copy> &&
              std::is_same_v<decltype(std::declval<unit>().symbol()), text_copy> &&
              std::is_same_v<decltype(std::declval<indicator_values>().id()), text_copy> &&
              std::is_same_v<decltype(std::declval<indicator_values>().column_problem()), text_copy> &&
              std::is_same_v<decltype(std::declval<indicator_values>().missing_variable()), text_copy>);
static_assert(std::is_same_v<decltype(std::declval<scorecard>().id()), text_copy> &&
              std::is_same_v<decltype(std::declval<scorecard>().name_zh()), text_copy> &&
              std::is_same_v<decltype(std::declval<scorecard>().name_en()), text_copy> &&
              std::is_same_v<decltype(std::declval<scorecard>().source()), text_copy>);
static_assert(std::is_same_v<decltype(std::declval<const formula&>().text()), const std::string&>);

// The result of compute(): the columns of a temporary table are refused (a vector reference
// into it), a column by position is a copy; on a temporary column the values and reasons are
// copies, on a named one views into the call's block.
static_assert(!can_take_columns<indicator_table>::value && can_take_columns<const indicator_table&>::value);
static_assert(std::is_same_v<decltype(std::declval<indicator_table>()[0]), indicator_values> &&
              std::is_same_v<decltype(std::declval<const indicator_table&>()[0]), const indicator_values&>);
static_assert(!can_begin<indicator_table>::value && can_begin<const indicator_table&>::value);
static_assert(std::is_same_v<decltype(std::declval<const indicator_values&>().values()), column_values> &&
              std::is_same_v<decltype(std::declval<indicator_values>().values()), Eigen::ArrayXd>);
static_assert(std::is_same_v<decltype(std::declval<const indicator_values&>().reasons()), reason_view> &&
              std::is_same_v<decltype(std::declval<indicator_values>().reasons()), std::vector<reason>>);
static_assert(is_value<decltype(std::declval<indicator_values>().id())> &&
              is_value<decltype(std::declval<indicator_values>().unit())> &&
              is_value<decltype(std::declval<indicator_values>().column_problem())> &&
              is_value<decltype(std::declval<indicator_values>().storage_owner())>);

// Pointers into a temporary are refused.
static_assert(!can_find<panel>::value && !can_find<catalogue>::value && !can_find_variable<catalogue>::value);
static_assert(!can_take_data<column>::value);
// card.inputs_from(p).columns(): pointers into the temporary's converted copies.
static_assert(!can_take_columns<scorecard_inputs>::value && can_take_columns<const scorecard_inputs&>::value);

compute_options lenient() {
    compute_options o;
    o.strict = false;
    return o;
}

const char* county_csv =
    "region,period,valid_invention_patents,population[万人]\n"
    "county,2023年上半年,45,50.0\n";

}  // namespace

BOOST_AUTO_TEST_SUITE(lifetimes)

BOOST_AUTO_TEST_CASE(a_reference_to_a_computed_column_of_a_temporary_table_stays_valid) {
    const panel county = parse_csv(county_csv);
    const auto& per_10k = compute(county, {"invention_patents_per_10k"}).at("invention_patents_per_10k");
    std::vector<std::string> churn(64, std::string(200, 'x'));  // reuse the freed heap, if any
    BOOST_TEST(per_10k.id() == "invention_patents_per_10k");
    BOOST_TEST(per_10k.values()(0) == 0.9);
    BOOST_TEST(per_10k.unit().symbol() == "件/万人");
}

// compute(p, ids).columns[0] was a reference into the temporary table through its public vector
// (`auto& c = compute(p, ids).columns[0];` read freed memory). Now columns() is refused on a
// temporary, [k] on one gives a copy, and a copy of a column keeps the call's block alive.
BOOST_AUTO_TEST_CASE(a_column_taken_by_position_from_a_temporary_table_stays_valid) {
    const panel county = parse_csv(county_csv);
    const auto& first = compute(county, {"invention_patents_per_10k", "rd_intensity"}, lenient())[0];
    const auto values = compute(county, {"invention_patents_per_10k"})[0].values();
    indicator_values kept;
    {
        const indicator_table table = compute(county, {"invention_patents_per_10k"});
        kept = table[0];  // a copy shares the storage; the table goes now
    }
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(first.id() == "invention_patents_per_10k");
    BOOST_TEST(first.values()(0) == 0.9);
    BOOST_TEST(values(0) == 0.9);
    BOOST_TEST(kept.values()(0) == 0.9);
    BOOST_TEST((kept.reasons()[0] == reason::none));
    int seen = 0;
    for (const auto& c : compute(county, {"invention_patents_per_10k", "rd_intensity"}, lenient()))
        seen += c.size() == 1 ? 1 : 0;  // a range-for keeps the temporary alive
    BOOST_TEST(seen == 2);
}

BOOST_AUTO_TEST_CASE(a_column_of_a_temporary_panel_keeps_its_values) {
    const auto& patents = parse_csv(county_csv).at("valid_invention_patents");
    const auto& values = parse_csv(county_csv).at("population").values();
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(patents.name() == "valid_invention_patents");
    BOOST_TEST(patents.values()(0) == 45.0);
    BOOST_TEST(values(0) == 50.0);
    const auto& symbol = parse_csv(county_csv).at("population").unit().symbol();
    BOOST_TEST(symbol == "万人");
}

BOOST_AUTO_TEST_CASE(an_indicator_of_a_temporary_catalogue_stays_valid) {
    const auto& rd = catalogue(catalogue::builtin()).at("invention_patents_per_10k");
    const auto& all = catalogue(catalogue::builtin()).indicators();
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(rd.id == "invention_patents_per_10k");
    BOOST_TEST(all.size() == catalogue::builtin().indicators().size());
}

BOOST_AUTO_TEST_CASE(a_layer_of_a_temporary_composite_result_stays_valid) {
    constexpr auto up = zhibiao::direction::higher_is_better;
    const composite::framework fw({{"a", "Index", 1, up, 1}, {"b", "Index", 1, up, 1}, {"Index", "", 1, up, 2}});
    composite::table data;
    data.regions = {"X", "Y", "Z"};
    data.numbers["a"] = (Eigen::VectorXd(3) << 1, 2, 3).finished();
    data.numbers["b"] = (Eigen::VectorXd(3) << 3, 1, 2).finished();
    const auto& normalised =
        composite::build(data, fw, {composite::normalise_step{}, composite::aggregate_step{}}).at("normalised");
    const auto& nodes = composite::framework(fw).nodes();
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(normalised.values.rows() == 3);
    BOOST_TEST(normalised.values(0, 0) == 0.0);    // min-max: the lowest a is 0
    BOOST_TEST(normalised.values(2, 0) == 100.0);  // and the highest 100
    BOOST_TEST(nodes.size() == 3u);
}

BOOST_AUTO_TEST_CASE(the_inputs_of_a_temporary_scorecard_stay_valid) {
    const auto& inputs = scorecard(scorecard::builtin("tech-sme-2017")).inputs();
    const auto& id = scorecard(scorecard::builtin("tech-sme-2017")).id();
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(inputs.front().id == "employees");
    BOOST_TEST(id == "tech-sme-2017");
}

BOOST_AUTO_TEST_CASE(a_figure_of_a_temporary_fact_table_is_a_copy) {
    const auto figure = extract_table("获批11项。").facts.figure(0);
    const auto text = formula::parse("rd_expense / gdp").text();
    std::vector<std::string> churn(64, std::string(200, 'x'));
    BOOST_TEST(figure == "11项");
    BOOST_TEST(text == "rd_expense / gdp");
}

BOOST_AUTO_TEST_SUITE_END()
