#include "zhibiao/panel.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

using namespace zhibiao;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_SUITE(panels)

panel two_by_two() {
    return panel({{"320602", "崇川区", "320600"}, {"320612", "通州区", "320600"}},
                 {period::year(2022), period::year(2023)}, {0, 0, 1, 1}, {0, 1, 0, 1});
}

BOOST_AUTO_TEST_CASE(rows_and_columns) {
    panel p = two_by_two();
    BOOST_TEST(p.rows() == 4u);
    Eigen::ArrayXd gdp(4);
    gdp << 1.0, 2.0, std::nan(""), 4.0;
    p.add(column("gdp", unit::parse("亿元"), gdp));
    BOOST_TEST(p.has("gdp"));
    BOOST_TEST(p.at("gdp").values()(1) == 2.0);
    BOOST_TEST((p.at("gdp").reason_at(2) == reason::missing_input));
    BOOST_TEST((p.at("gdp").reason_at(0) == reason::none));
    BOOST_TEST(p.entity_at(2).code == "320612");
    BOOST_TEST(p.period_at(3).to_string() == "2023");
}

BOOST_AUTO_TEST_CASE(views_share_memory) {
    panel p = two_by_two();
    auto owner = std::make_shared<std::vector<double>>(std::vector<double>{1, 2, 3, 4});
    p.add(column("x", unit{}, owner->data(), owner->size(), owner));
    BOOST_TEST(p.at("x").data() == owner->data());
}

BOOST_AUTO_TEST_CASE(duplicate_rows_are_refused) {
    BOOST_CHECK_THROW(panel({{"a", "", ""}}, {period::year(2020)}, {0, 0}, {0, 0}), duplicate_row_error);
    try {
        panel({{"a", "", ""}}, {period::year(2020)}, {0, 0}, {0, 0});
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "a");
        BOOST_TEST(e.where().period == "2020");
    }
}

// Round 14 (trial F6): one code at two entity indices is one region given twice: two rows of
// 320601/2024, which a roll-up summed (320600 gdp 100 + 100 + 50 = 250, by hand 150).
BOOST_AUTO_TEST_CASE(an_entity_code_given_twice_is_refused) {
    const std::vector<period> ps = {period::year(2024)};
    try {
        panel({{"320601", "", ""}, {"320601", "", ""}, {"320602", "", ""}}, ps, {0, 1, 2}, {0, 0, 0});
        BOOST_FAIL("expected duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "320601");
        BOOST_TEST(std::string(e.what()).find("entities 0 and 1") != std::string::npos);
    }
    entity_table table;
    table.codes.text.reset(new char[3]{'a', 'b', 'a'});  // "a", "b", "a": the compact table of read_csv
    table.codes.ends = {1, 2, 3};
    BOOST_CHECK_THROW(panel::with_entity_table(std::move(table), ps, {0, 1}, {0, 0}), duplicate_row_error);
    BOOST_CHECK_NO_THROW(panel({{"a", "", ""}, {"b", "", ""}}, ps, {0, 1}, {0, 0}));
}

// Many codes share a slot of the flat table the check uses (round 15): probing past taken slots
// still finds the one code given twice, and names the two entity numbers; none is refused otherwise.
BOOST_AUTO_TEST_CASE(an_entity_code_given_twice_among_many_is_found) {
    const std::vector<period> ps = {period::year(2024)};
    std::vector<entity> es;
    std::vector<std::int32_t> rows, periods;
    for (int i = 0; i < 5000; ++i) {
        es.push_back({"91320000MA" + std::to_string(10000000 + i), "", ""});
        rows.push_back(i);
        periods.push_back(0);
    }
    BOOST_CHECK_NO_THROW(panel(es, ps, rows, periods));
    es.push_back(es[1234]);
    rows.push_back(5000);
    periods.push_back(0);
    try {
        panel(es, ps, rows, periods);
        BOOST_FAIL("expected duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "91320000MA10001234");
        BOOST_TEST(std::string(e.what()).find("entities 1234 and 5000") != std::string::npos);
    }
}

// Rows in (entity, period) order are checked without a table, until a row out of order; then
// every row again with one (round 14). The duplicate named is the first in row order either way.
BOOST_AUTO_TEST_CASE(duplicates_are_found_in_sorted_and_unsorted_rows) {
    const std::vector<entity> es = {{"a", "", ""}, {"b", "", ""}, {"c", "", ""}};
    const std::vector<period> ps = {period::year(2020), period::year(2021)};
    BOOST_CHECK_NO_THROW(panel(es, ps, {0, 0, 1, 1, 2, 2}, {0, 1, 0, 1, 0, 1}));  // sorted
    BOOST_CHECK_NO_THROW(panel(es, ps, {2, 0, 1, 0, 2, 1}, {1, 0, 1, 1, 0, 0}));  // every pair once, unsorted
    const auto duplicate = [&](std::vector<std::int32_t> e, std::vector<std::int32_t> p) {
        try {
            panel(es, ps, std::move(e), std::move(p));
        } catch (const duplicate_row_error& err) {
            return err.where().entity + " " + err.where().period;
        }
        return std::string("none");
    };
    // Sorted up to the last row, which repeats the first (the order breaks only there).
    BOOST_TEST(duplicate({0, 0, 1, 1, 2, 0}, {0, 1, 0, 1, 0, 0}) == "a 2020");
    // The same pair twice in a row (not above the last key: out of order at once).
    BOOST_TEST(duplicate({0, 1, 1, 2}, {0, 1, 1, 0}) == "b 2021");
    // Out of order first (c before a), then two duplicates: the earlier one in row order.
    BOOST_TEST(duplicate({2, 0, 1, 0, 2}, {0, 0, 0, 0, 0}) == "a 2020");
    // An index outside the tables is an error before and after the order breaks.
    BOOST_CHECK_THROW(panel(es, ps, {0, 3}, {0, 0}), error);
    BOOST_CHECK_THROW(panel(es, ps, {1, 0, 0}, {0, 0, 2}), error);
}

BOOST_AUTO_TEST_CASE(bad_shapes_are_refused) {
    panel p = two_by_two();
    BOOST_CHECK_THROW(p.add(column("x", unit{}, Eigen::ArrayXd::Zero(3))), error);
    BOOST_CHECK_THROW(panel({{"a", "", ""}}, {period::year(2020)}, {0, 1}, {0, 0}), error);
    BOOST_CHECK_THROW((void)p.at("nope"), missing_variable_error);
}

// trial24c: `p.at("gpd")` said only "the panel has no variable 'gpd'", where compute() offers the
// closest column; a misspelt name is an error with "did you mean", on a temporary panel too.
BOOST_AUTO_TEST_CASE(a_misspelt_column_name_gets_the_closest_one) {
    panel p = two_by_two();
    p.add(column("gdp", unit::parse("亿元"), Eigen::ArrayXd::Zero(4)));
    const auto message_of = [](auto&& get) {
        try {
            get();
        } catch (const missing_variable_error& e) {
            BOOST_TEST(e.where().variable == e.name());
            return std::string(e.what());
        }
        return std::string("no error");
    };
    const std::string named = message_of([&p] { (void)p.at("gpd"); });
    BOOST_TEST(named.find("the panel has no variable 'gpd' (did you mean 'gdp'?)") != std::string::npos, named);
    const std::string temporary = message_of([&p] { (void)panel(p).at("gpd"); });
    BOOST_TEST(temporary == named);
    BOOST_TEST(message_of([&p] { (void)p.at("population"); }).find("did you mean") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_column_with_fewer_reasons_than_values_is_refused) {
    // trial23b F3: accepted, and reason_at(1) read past the one reason given (with
    // -D_GLIBCXX_ASSERTIONS: an abort in std::vector::operator[]).
    panel p = two_by_two();
    const std::vector<reason> one{reason::unparseable};
    try {
        p.add(column("x", unit{}, Eigen::ArrayXd::Constant(p.rows(), NAN), one));
        BOOST_ERROR("a column of 4 values with 1 reason was added");
    } catch (const argument_error& e) {
        BOOST_TEST(std::string(e.what()) == "column 'x': 1 reason for 4 values (give one per value, or none)");
    }
    const double values[4] = {1, 2, 3, 4};
    BOOST_CHECK_THROW(p.add(column("y", unit{}, values, 4, nullptr, true, one)), argument_error);
    // One per value, or none, as before.
    p.add(column("x", unit{}, Eigen::ArrayXd::Constant(p.rows(), NAN),
                 std::vector<reason>(p.rows(), reason::unparseable)));
    p.add(column("z", unit{}, Eigen::ArrayXd::Zero(p.rows())));
    BOOST_TEST((p.at("x").reason_at(3) == reason::unparseable));
    BOOST_TEST((p.at("z").reason_at(3) == reason::none));
}

// One field of an entity_table: the texts back to back, with where each ends.
entity_texts texts_of(const std::vector<std::string>& texts) {
    entity_texts t;
    std::string all;
    for (const auto& s : texts) {
        all += s;
        t.ends.push_back(all.size());
    }
    t.text.reset(new char[all.size() + 1]);
    std::memcpy(t.text.get(), all.data(), all.size());
    return t;
}

// Issue 16: read_csv keeps a firm table's entities as one block of text per field rather than an
// `entity` (three std::strings) per firm; the panel reads codes from it and builds the vector of
// `entity` only when asked, once, also when several threads ask at the same time.
BOOST_AUTO_TEST_CASE(entities_kept_compactly_read_as_entities) {
    entity_table table;
    table.codes = texts_of({"91320000MA00000001", "91320000MA00000002", "x"});
    table.names = texts_of({"甲公司", "", "丙"});
    const panel p = panel::with_entity_table(std::move(table), {period::year(2024)}, {2, 0, 1}, {0, 0, 0});
    BOOST_TEST(p.entity_count() == 3u);
    BOOST_TEST(p.entity_code(1) == "91320000MA00000002");
    BOOST_TEST(p.entity_name(0) == "甲公司");
    BOOST_TEST(p.entity_name(1) == "");
    BOOST_TEST(p.entity_parent(2) == "");  // no parents given: every parent is empty
    std::vector<const std::vector<entity>*> seen(4);
    std::vector<std::thread> readers;
    for (std::size_t t = 0; t < seen.size(); ++t) readers.emplace_back([&p, &seen, t] { seen[t] = &p.entities(); });
    for (auto& r : readers) r.join();
    for (const auto* s : seen) BOOST_TEST(s == seen[0]);  // built once
    BOOST_REQUIRE(p.entities().size() == 3u);
    BOOST_TEST(p.entities()[0].code == "91320000MA00000001");
    BOOST_TEST(p.entities()[2].name == "丙");
    BOOST_TEST(p.entity_at(0).code == "x");
    const panel copy = p;  // copies share the table
    BOOST_TEST(copy.entity_code(0) == "91320000MA00000001");
    BOOST_TEST(panel(p).entity_code(2) == "x");  // a temporary's code is a string of its own
    // A panel of `entity` objects answers the same accessors.
    BOOST_TEST(two_by_two().entity_code(1) == "320612");
    BOOST_TEST(two_by_two().entity_name(0) == "崇川区");
    BOOST_TEST(two_by_two().entity_count() == 2u);
}

// Round 15: read_csv hands its interned codes (one entity per code text) to
// detail::panel_of_interned_codes, which skips only the duplicate-code check (a quarter of the CPU
// of reading 5·10⁶ firms): rows, indices and the table's offsets are still checked.
BOOST_AUTO_TEST_CASE(interned_codes_skip_only_the_duplicate_code_check) {
    const std::vector<period> ps = {period::year(2024)};
    entity_table distinct;
    distinct.codes = texts_of({"a", "b"});
    const panel p = detail::panel_of_interned_codes(std::move(distinct), ps, {1, 0}, {0, 0});
    BOOST_TEST(p.entity_code(1) == "b");
    BOOST_TEST(detail::panel_of_interned_codes(std::vector<entity>{{"a", "", ""}}, ps, {0}, {0}).rows() == 1u);
    try {
        entity_table two_rows;
        two_rows.codes = texts_of({"a", "b"});
        detail::panel_of_interned_codes(std::move(two_rows), ps, {1, 1}, {0, 0});
        BOOST_FAIL("expected duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "b");
        BOOST_TEST(e.where().period == "2024");
    }
    BOOST_CHECK_THROW(detail::panel_of_interned_codes(std::vector<entity>{{"a", "", ""}}, ps, {0, 0}, {0, 0}),
                      duplicate_row_error);
    BOOST_CHECK_THROW(detail::panel_of_interned_codes(std::vector<entity>{{"a", "", ""}}, ps, {1}, {0}), error);
    entity_table backwards;
    backwards.codes = texts_of({"ab", "c"});
    backwards.codes.ends = {2, 1};
    BOOST_CHECK_THROW(detail::panel_of_interned_codes(std::move(backwards), ps, {0, 1}, {0, 0}), error);
}

BOOST_AUTO_TEST_CASE(inconsistent_entity_tables_are_refused) {
    entity_table short_names;
    short_names.codes = texts_of({"a", "b"});
    short_names.names = texts_of({"甲"});  // one name for two entities
    BOOST_CHECK_THROW(panel::with_entity_table(std::move(short_names), {period::year(2024)}, {0, 1}, {0, 0}), error);
    entity_table backwards;
    backwards.codes = texts_of({"ab", "c"});
    backwards.codes.ends = {2, 1};
    BOOST_CHECK_THROW(panel::with_entity_table(std::move(backwards), {period::year(2024)}, {0, 1}, {0, 0}), error);
    try {
        entity_table one;
        one.codes = texts_of({"a"});
        panel::with_entity_table(std::move(one), {period::year(2020)}, {0, 0}, {0, 0});
        BOOST_FAIL("expected duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "a");
    }
}

// The period table in time order whatever order the rows came in (trial19 F13: a file of 2021,
// 2023, 2024H1, then 2022 listed its periods so); the rows keep their order and their periods.
std::vector<std::string> period_texts(const panel& p) {
    std::vector<std::string> out;
    for (const auto& q : p.periods()) out.push_back(q.to_string());
    return out;
}

BOOST_AUTO_TEST_CASE(periods_are_in_time_order_whatever_the_row_order) {
    const std::vector<entity> one{{"320602", "", ""}};
    panel p(one, {period::year(2023), period::year(2021), period::year(2022)}, {0, 0, 0}, {0, 1, 2});
    BOOST_TEST(period_texts(p) == (std::vector<std::string>{"2021", "2022", "2023"}), tt::per_element());
    BOOST_TEST(p.period_at(0).to_string() == "2023");  // the rows stay where they were
    BOOST_TEST(p.period_at(1).to_string() == "2021");
    BOOST_TEST(p.period_at(2).to_string() == "2022");
    // half-years, quarters and months within the year, a year after its parts (it ends last) and
    // before a quarter ending with it (the longer span first)
    const std::vector<period> mixed{period::half(2024, 1), period::year(2024),     period::quarter(2023, 4),
                                    period::year(2023),    period::month(2024, 3), period::year_to_date(2023, 2),
                                    period::month(2023, 2)};
    const std::vector<std::string> expected{"2023YTD02", "2023-02", "2023", "2023Q4", "2024-03", "2024H1", "2024"};
    std::vector<std::int32_t> rows(mixed.size());
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = static_cast<std::int32_t>(i);
    panel q(one, mixed, std::vector<std::int32_t>(mixed.size(), 0), rows);
    BOOST_TEST(period_texts(q) == expected, tt::per_element());
    for (std::size_t r = 0; r < mixed.size(); ++r) BOOST_TEST(q.period_at(r) == mixed[r]);
    // given in the reverse order: the same table
    const std::vector<period> reversed(mixed.rbegin(), mixed.rend());
    panel back(one, reversed, std::vector<std::int32_t>(mixed.size(), 0), rows);
    BOOST_TEST(period_texts(back) == expected, tt::per_element());
}

BOOST_AUTO_TEST_CASE(duplicates_are_found_after_the_periods_are_ordered) {
    const std::vector<entity> two{{"320601", "", ""}, {"320602", "", ""}};
    try {
        panel p(two, {period::year(2023), period::year(2021)}, {0, 1, 1, 0, 1}, {0, 0, 1, 1, 0});
        BOOST_FAIL("no duplicate_row_error");
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "320602");
        BOOST_TEST(e.where().period == "2023");
    }
}

BOOST_AUTO_TEST_SUITE_END()
