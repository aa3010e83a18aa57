// The fused path of compute() (src/formula/fused.*) against the column evaluator: the same bits,
// reasons included, for the whole catalogue and for formulas using every operation.
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include "formula/fused.hpp"
#include "formula/scaled_quotient.hpp"
#include "formula/valid_range.hpp"
#include "indicator_fixture.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"

using namespace zhibiao;

namespace {

// A cell of a generated panel: mostly ordinary numbers, and every kind of gap and edge the
// operations treat apart — empty, text (lenient: unparseable), 0, negative, not whole (a count),
// huge (overflows a sum or a conversion), tiny.
std::string cell(std::uint64_t& state) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    const unsigned pick = static_cast<unsigned>(state >> 33) % 40;
    const double x = static_cast<double>((state >> 20) % 100000) / 7.0;
    switch (pick) {
        case 0:
            return "";
        case 1:
            return "abc";
        case 2:
        case 3:
            return "0";
        case 4:
            return "-3";
        case 5:
            return "2.5";
        case 6:
            return "1e306";
        case 7:
            return "1e-300";
        default:
            return pick < 20 ? std::to_string(static_cast<int>(x)) : std::to_string(x);
    }
}

// `entities` entities over 2022-01 … 2023-06 (18 months), so that time operators find some
// periods and miss others; more rows than one block of the fused path, not a multiple of it.
panel generated_panel(int entities) {
    const std::vector<std::string> columns = {"valid_invention_patents",
                                              "population[万人]",
                                              "gdp[亿元]",
                                              "industrial_value_added[亿元]",
                                              "hitech_value_added[亿元]",
                                              "rd_expenditure[万元]",
                                              "tech_contract_value[万元]",
                                              "tech_contract_count",
                                              "projects_applied",
                                              "projects_approved",
                                              "funds_planned[万元]",
                                              "funds_in_place[万元]",
                                              "funds_spent[万元]",
                                              "reward_due[万元]",
                                              "reward_paid[万元]",
                                              "funds_applied[万元]",
                                              "funds_secured[万元]",
                                              "target",
                                              "actual",
                                              "x"};
    std::ostringstream csv;
    csv << "entity,period";
    for (const auto& c : columns) csv << ',' << c;
    csv << '\n';
    std::uint64_t state = 42;
    for (int e = 0; e < entities; ++e)
        for (int m = 0; m < 18; ++m) {
            csv << 'e' << e << ',' << (m < 12 ? "2022-" : "2023-") << (m % 12 < 9 ? "0" : "") << (m % 12 + 1);
            for (std::size_t c = 0; c < columns.size(); ++c) csv << ',' << cell(state);
            csv << '\n';
        }
    csv_options lenient;
    lenient.lenient = true;
    return parse_csv(csv.str(), lenient);
}

// The catalogue and indicators that reach every operation of the formula language, nested
// indicators, the literal 0 and conversions; the time operators too (left to the evaluator).
catalogue every_operation() {
    using testing::make_indicator;
    catalogue c = catalogue::builtin();
    c.add(make_indicator("ops_arith", "(gdp - rd_expenditure) * 2 + -funds_spent / 3", "万元"));
    c.add(make_indicator("ops_compare",
                         "(actual < target) + (actual <= 0) + (gdp > hitech_value_added) + "
                         "(x >= 5) + (x == 0) + (target != actual)",
                         "1"));
    c.add(make_indicator("ops_logic", "(x > 3 and actual > 1) + (x < 2 or not target) + missing(actual)", "1"));
    c.add(make_indicator("ops_if", "if(x > 100, gdp, rd_expenditure) + if(actual, funds_spent, 0)", "亿元"));
    c.add(make_indicator("ops_minmax", "min(gdp, rd_expenditure, funds_spent) - max(funds_planned, 0)", "万元"));
    c.add(make_indicator("ops_math", "abs(actual - target) + round(x / 7, 2) + sqrt(x) + log(x) + exp(actual / 1000)",
                         "1"));
    c.add(make_indicator("ops_nested", "rd_intensity * hitech_va_share_gdp / 100 + elapsed() + ops_arith / gdp", "%"));
    auto ranged = make_indicator("ops_ranged", "actual / target", "%");
    ranged.valid_min = 0, ranged.valid_max = 100;
    c.add(ranged);
    c.add(make_indicator("ops_time", "growth(gdp) + lag(x, 1) + yoy(actual)", "1"));
    c.add(make_indicator("ops_time_user", "ops_time + rd_intensity", "%"));
    c.add(make_indicator("ops_missing_input", "gdp / no_such_variable", "1"));
    return c;
}

void check_same_bits(const indicator_table& fused, const indicator_table& columnwise) {
    BOOST_REQUIRE_EQUAL(fused.columns().size(), columnwise.columns().size());
    for (std::size_t k = 0; k < fused.columns().size(); ++k) {
        const indicator_values &a = fused.columns()[k], &b = columnwise.columns()[k];
        BOOST_TEST_CONTEXT(a.id()) {
            BOOST_TEST(a.id() == b.id());
            BOOST_TEST(a.unit().symbol() == b.unit().symbol());
            BOOST_TEST(a.column_problem() == b.column_problem());
            BOOST_REQUIRE_EQUAL(a.values().size(), b.values().size());
            BOOST_TEST(std::memcmp(a.values().data(), b.values().data(), sizeof(double) * a.values().size()) == 0);
            BOOST_TEST((a.reasons() == b.reasons()));
        }
    }
}

indicator_table computed(const panel& p, const catalogue& c, bool fused, bool strict = false) {
    compute_options o;
    o.fused = fused, o.strict = strict;
    std::vector<std::string> ids;
    for (const auto& i : c.indicators()) ids.push_back(i.id);
    return compute(p, ids, o, c);
}

// The fused path alone with the block kernels of one instruction set: each indicator it takes
// against the column evaluator's; returns how many it took.
std::size_t check_instruction_set(const panel& p, const catalogue& c, const std::vector<std::string>& ids,
                                  const std::string& isa) {
    compute_options o;
    o.strict = false;
    std::vector<const indicator*> wanted;
    for (const auto& id : ids) wanted.push_back(&c.at(id));
    std::vector<indicator_values> fused(ids.size());
    const std::vector<bool> done = detail::compute_fused(p, wanted, o, c, fused, isa);
    o.fused = false;
    const indicator_table columnwise = compute(p, ids, o, c);
    for (std::size_t k = 0; k < ids.size(); ++k)
        if (done[k]) BOOST_TEST_CONTEXT(isa << ", " << ids[k] << " (#" << k << ")") {
                const indicator_values &a = fused[k], &b = columnwise[k];
                BOOST_REQUIRE_EQUAL(a.values().size(), b.values().size());
                BOOST_TEST(std::memcmp(a.values().data(), b.values().data(), sizeof(double) * a.values().size()) == 0);
                BOOST_TEST((a.reasons() == b.reasons()));
            }
    return static_cast<std::size_t>(std::count(done.begin(), done.end(), true));
}

std::vector<std::string> ids_of(const catalogue& c) {
    std::vector<std::string> ids;
    for (const auto& i : c.indicators()) ids.push_back(i.id);
    return ids;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(fused_computation)

// The block kernels are compiled once per instruction set (fused_kernels_*.cpp); every one this
// CPU runs — the baseline always — gives the column evaluator's bits.
BOOST_AUTO_TEST_CASE(the_block_kernels_of_every_instruction_set_give_the_bits_of_the_column_evaluator) {
    const std::vector<std::string> isas = detail::fused_block_isas();
    BOOST_TEST((std::find(isas.begin(), isas.end(), "baseline") != isas.end()));
    const panel p = generated_panel(150);  // 2,700 rows: two whole blocks and a part
    const catalogue c = every_operation();
    for (const std::string& isa : isas) {
        // all but the two per-10k indicators, whose year_end() denominator reads another row
        BOOST_TEST(check_instruction_set(p, catalogue::builtin(), ids_of(catalogue::builtin()), isa) == 12u);
        // all but the two with time operators, the two per-10k and the one with a missing variable
        BOOST_TEST(check_instruction_set(p, c, ids_of(c), isa) == c.indicators().size() - 5);
    }
    BOOST_CHECK_THROW(check_instruction_set(p, c, {"rd_intensity"}, "no_such_isa"), std::invalid_argument);
}

// Where every period starts in January (a year, a first half, a YTD span) ytd(x) is the row's own
// figure: an indicator accumulating its input with ytd() stays fused and gives the evaluator's bits.
BOOST_AUTO_TEST_CASE(ytd_stays_fused_where_every_period_starts_the_year) {
    std::ostringstream csv;
    csv << "entity,period,target,actual\n";
    const char* periods[] = {"2023", "2024H1", "2024YTD09"};
    const char* actuals[] = {"56", "", "-3", "130.5"};
    for (int row = 0; row < 3000; ++row)
        csv << 'e' << row / 3 << ',' << periods[row % 3] << ",100," << actuals[row % 4] << '\n';
    const panel p = parse_csv(csv.str());
    catalogue c = catalogue::builtin();
    c.add(testing::make_indicator("progress_to_date", "ytd(actual) / target - elapsed()", "百分点"));
    for (const std::string& isa : detail::fused_block_isas())
        BOOST_TEST(check_instruction_set(p, c, {"progress_to_date"}, isa) == 1u);
    const indicator_table t = compute(p, {"progress_to_date"}, compute_options{}, c);
    // 2023: the whole year gone; row 4 is e1's 2024H1: June, 50% on the month basis
    BOOST_TEST(t[0].values()[0] == 56.0 - 100.0, boost::test_tools::tolerance(1e-12));
    BOOST_TEST(t[0].values()[4] == 56.0 - 50.0, boost::test_tools::tolerance(1e-12));
}

// A count in a scaled unit (万件): the whole-number rule judges it in its base unit (件), through
// the kernels' conversion; one indicator asked for twice (its result copied, not shared).
BOOST_AUTO_TEST_CASE(a_scaled_count_and_an_indicator_asked_for_twice) {
    std::ostringstream csv;
    csv << "entity,period,valid_invention_patents[万件],population[万人]\n";
    const char* counts[] = {"0.00015", "0.0002", "3", "-1", "", "0.00010000000001", "1e300", "2.5"};
    for (int row = 0; row < 3000; ++row) csv << 'e' << row << ",2023," << counts[row % 8] << ',' << (row % 5) << '\n';
    const panel p = parse_csv(csv.str());
    // Every period ends in December: the built-in per-10k ratio's year_end(population) is the
    // row's own population, fused.
    const catalogue& c = catalogue::builtin();
    const std::vector<std::string> ids = {"invention_patents_per_10k", "invention_patents_per_10k"};
    for (const std::string& isa : detail::fused_block_isas()) BOOST_TEST(check_instruction_set(p, c, ids, isa) == 2u);
    compute_options o;
    const indicator_table fused = compute(p, ids, o, c);
    BOOST_TEST((fused.columns()[0].reasons()[0] == reason::invalid_input));  // 0.00015 万件 = 1.5 件
    BOOST_TEST(fused.columns()[0].values()[2] == 15000.0);                   // 3 万件 over 2 万人
    BOOST_TEST((fused.columns()[0].reasons()[3] == reason::negative_input));
    BOOST_TEST((fused.columns()[0].reasons()[5] == reason::zero_denominator));  // 1.0000000001 件: whole within 1e-9
    BOOST_TEST((fused.columns()[1].reasons() == fused.columns()[0].reasons()));
}

// A per-capita quotient whose unit differs from the indicator's by a power of ten: 45 件 over
// 500 千人 is 0.9 件/万人 (45 / 50, the analyst's hand figure), not 45 / 500 = 0.09 rounded and
// then × 10 = 0.8999999999999999. The scale is folded into the one division, fused or not,
// with every instruction set; 1e-3 / 3 件/千人 → 件/人 (a division by 10^3) likewise.
BOOST_AUTO_TEST_CASE(a_quotient_scaled_by_a_power_of_ten_rounds_once) {
    std::ostringstream csv;
    csv << "entity,period,patents[件],people[千人],small[件]\n";
    for (int row = 0; row < 2500; ++row) csv << 'e' << row << ",2023,45,500,1e-3\n";
    const panel p = parse_csv(csv.str());
    catalogue c;
    c.add(testing::make_indicator("per_10k", "patents / people", "件/万人"));
    c.add(testing::make_indicator("per_person", "small / people", "件/人"));
    c.add(testing::make_indicator("per_thousand", "patents / people", "件/千人"));  // no scale: x / z as before
    const std::vector<std::string> ids = {"per_10k", "per_person", "per_thousand"};
    for (const std::string& isa : detail::fused_block_isas()) BOOST_TEST(check_instruction_set(p, c, ids, isa) == 3u);
    for (const bool fused : {true, false}) {
        const indicator_table t = computed(p, c, fused);
        BOOST_TEST(t.at("per_10k").values()[2499] == 0.9);   // exactly: the double nearest 0.9
        BOOST_TEST(t.at("per_person").values()[0] == 2e-9);  // 1e-3 / 500000 rounded once (not 1.9999999999999997e-9)
        BOOST_TEST(t.at("per_thousand").values()[0] == 45.0 / 500.0);
    }
}

// 0.07亿元 paid of 700万元 due is exactly 100 % as written, but 0.07 is held as 0.07000000000000001
// and the quotient rounds to 100.00000000000001 (72 of the amounts 0.01 … 9.99亿元 do): within a few units in the last
// place of the valid range's bound it is the bound, not out_of_range; 100.5 % still is. A rule comparing the two
// amounts (paid <= due, in either order and unit) holds. Fused or not, every instruction set.
BOOST_AUTO_TEST_CASE(a_bound_reached_through_a_unit_conversion_is_within_the_range) {
    std::ostringstream csv;
    csv << "entity,period,reward_paid[亿元],reward_due[万元]\n";
    const char* rows[] = {"0.07,700", "0.14,1400", "1.005,10000", "0.17,1700"};
    for (int row = 0; row < 2500; ++row) csv << 'e' << row << ",2023," << rows[row % 4] << '\n';
    const panel p = parse_csv(csv.str());
    catalogue c = catalogue::builtin();
    c.add(testing::make_indicator("paid_within_due", "reward_paid <= reward_due", "1"));
    c.add(testing::make_indicator("due_at_least_paid", "reward_due >= reward_paid", "1"));
    const std::vector<std::string> ids = {"reward_payout_rate", "paid_within_due", "due_at_least_paid"};
    for (const std::string& isa : detail::fused_block_isas()) check_instruction_set(p, c, ids, isa);
    BOOST_TEST(detail::scaled_quotient<false>(0.07, 700, 0.07 / 700, 1e6) > 100.0);  // the rounding at issue
    for (const bool fused : {true, false}) {
        compute_options o;
        o.fused = fused;
        const indicator_table t = compute(p, ids, o, c);
        const auto& rate = t.at("reward_payout_rate");
        for (const std::size_t row : {0u, 1u, 3u}) {
            BOOST_TEST(rate.values()[row] == 100.0);
            BOOST_TEST((rate.reasons()[row] == reason::none));
            BOOST_TEST(t.at("paid_within_due").values()[row] == 1.0);
            BOOST_TEST(t.at("due_at_least_paid").values()[row] == 1.0);
        }
        BOOST_TEST((rate.reasons()[2] == reason::out_of_range));  // 100.5 %: beyond the bound, not rounding
        BOOST_TEST(t.at("paid_within_due").values()[2] == 0.0);
        BOOST_TEST(t.at("due_at_least_paid").values()[2] == 0.0);
    }
}

// A custom range up to the largest double: its slack would overflow to infinity and admit an
// infinite value as the largest double (the review of round 30); the bound then has no slack.
BOOST_AUTO_TEST_CASE(a_bound_near_the_largest_double_admits_no_infinity) {
    const detail::valid_range up_to_max(0, std::numeric_limits<double>::max());
    double y = std::numeric_limits<double>::infinity();
    BOOST_TEST(!up_to_max.admit(y));
    BOOST_TEST(std::isinf(y));
    const detail::valid_range percent(0, 100);
    double rounded = 100.00000000000001, beyond = 100.5, below = -1e-300;
    BOOST_TEST((percent.admit(rounded) && rounded == 100.0));
    BOOST_TEST((!percent.admit(beyond) && beyond == 100.5));
    BOOST_TEST(!percent.admit(below));  // a bound of 0 has no slack
}

BOOST_AUTO_TEST_CASE(the_whole_catalogue_fused_gives_the_bits_of_the_column_evaluator) {
    const panel p = generated_panel(150);  // 2,700 rows: two whole blocks and a part
    const indicator_table fused = computed(p, catalogue::builtin(), true);
    check_same_bits(fused, computed(p, catalogue::builtin(), false));
    // The data reach the cases the comparison is about.
    std::vector<bool> seen(256, false);
    for (const auto& col : fused.columns())
        for (reason r : col.reasons()) seen[static_cast<std::size_t>(r)] = true;
    for (reason r : {reason::none, reason::missing_input, reason::unparseable, reason::zero_denominator,
                     reason::negative_denominator, reason::negative_input, reason::invalid_input, reason::out_of_range})
        BOOST_TEST(seen[static_cast<std::size_t>(r)], "reason " << static_cast<int>(r));
}

BOOST_AUTO_TEST_CASE(every_operation_fused_gives_the_bits_of_the_column_evaluator) {
    const panel p = generated_panel(120);
    const catalogue c = every_operation();
    const indicator_table fused = computed(p, c, true);
    check_same_bits(fused, computed(p, c, false));
    BOOST_TEST((fused.at("ops_missing_input").reasons()[0] == reason::missing_variable));
    // The time operators find the prior year for 2023 rows only.
    bool some_period_missing = false;
    for (reason r : fused.at("ops_time").reasons()) some_period_missing |= r == reason::no_such_period;
    BOOST_TEST(some_period_missing);
}

BOOST_AUTO_TEST_CASE(day_basis_and_a_panel_smaller_than_a_block) {
    const panel p = generated_panel(3);
    const catalogue c = every_operation();
    compute_options day;
    day.basis = elapsed_basis::day;
    day.strict = false;
    compute_options columnwise = day;
    columnwise.fused = false;
    std::vector<std::string> ids = {"progress_vs_time", "ops_nested", "ops_logic"};
    check_same_bits(compute(p, ids, day, c), compute(p, ids, columnwise, c));
}

BOOST_AUTO_TEST_CASE(any_thread_count_gives_the_same_bits) {
    const panel p = generated_panel(700);  // 12,600 rows: blocks enough for three threads
    const catalogue c = every_operation();
    const indicator_table columnwise = computed(p, c, false);
    for (unsigned threads : {1u, 2u, 3u}) {
        compute_options o;
        o.strict = false, o.threads = threads;
        std::vector<std::string> ids;
        for (const auto& i : c.indicators()) ids.push_back(i.id);
        BOOST_TEST_CONTEXT(threads << " threads") { check_same_bits(compute(p, ids, o, c), columnwise); }
    }
}

// The result columns of a call are one block (a fresh mapping from 2 MiB up, faulted in by the
// threads that write it): every fused column shares one owner, each at its own 64-byte aligned
// place, none overlapping another, and a column kept alone keeps the block alive.
BOOST_AUTO_TEST_CASE(the_fused_result_columns_of_a_call_are_one_block) {
    const panel p = generated_panel(1200);  // 21,600 rows: 14 × 9 B a row is 2.7 MB, a mapping
    compute_options o;
    o.strict = false, o.threads = 2;
    // Not the per-10k indicators: on this monthly panel they read the previous year end
    // (year_end), which the column evaluator computes.
    std::vector<std::string> ids;
    for (const std::string& id : ids_of(catalogue::builtin()))
        if (id.find("per_10k") == std::string::npos) ids.push_back(id);
    const indicator_table fused = compute(p, ids, o);
    compute_options columnwise = o;
    columnwise.fused = false;
    check_same_bits(fused, compute(p, ids, columnwise));
    std::vector<std::pair<std::uintptr_t, std::uintptr_t>> spans;
    for (const auto& c : fused) {
        BOOST_TEST(c.storage_owner() == fused[0].storage_owner(), c.id());
        const auto values = reinterpret_cast<std::uintptr_t>(c.values().data());
        const auto reasons = reinterpret_cast<std::uintptr_t>(c.reasons().data());
        BOOST_TEST(values % 64 == 0u);
        BOOST_TEST(reasons % 64 == 0u);
        spans.emplace_back(values, values + c.size() * sizeof(double));
        spans.emplace_back(reasons, reasons + c.size());
    }
    std::sort(spans.begin(), spans.end());
    for (std::size_t k = 1; k < spans.size(); ++k) BOOST_TEST(spans[k - 1].second <= spans[k].first);
    indicator_values kept = compute(p, ids, o)[3];
    const indicator_table again = compute(p, ids, o);  // may reuse freed memory
    BOOST_TEST(std::memcmp(kept.values().data(), fused[3].values().data(), kept.size() * sizeof(double)) == 0);
    BOOST_TEST((kept.reasons() == fused[3].reasons()));
    BOOST_TEST(kept.storage_owner().use_count() == 1);  // the other 13 columns went with their table
}

BOOST_AUTO_TEST_CASE(strict_errors_are_the_column_evaluators) {
    const panel p = generated_panel(2);
    const catalogue c = every_operation();
    compute_options strict;
    BOOST_CHECK_THROW(compute(p, {"rd_intensity", "ops_missing_input"}, strict, c), missing_variable_error);
    panel wrong = parse_csv("entity,period,tech_contract_value[人],gdp[亿元]\na,2023,1,2\n");
    BOOST_CHECK_THROW(compute(wrong, {"tech_contract_share_gdp"}, strict, c), incompatible_units_error);
}

BOOST_AUTO_TEST_SUITE_END()
