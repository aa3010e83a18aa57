// Round 37: what an analyst's trial of the composite and its uncertainty found in the words of the
// core. The uncertainty summary said "10 normalised layers precomputed (imputation × winmax ×
// normalisation choices)"; it now says which alternatives the replications combine, how many
// combinations that makes, and when a varied winmax changes no table. A constant indicator said
// "it is constant (no spread)" and nothing of what to do.
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include "uncertainty_fixture.hpp"

#include "zhibiao/composite/uncertainty.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using namespace zhibiao::composite::testing;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

namespace {

// min-max to [1, 100] and z-scores, labelled, and winmax from `low` to `high`.
uncertainty_spec two_normalisations(int low, int high) {
    uncertainty_spec s;
    const normalise_step minmax = std::get<normalise_step>(nominal_steps()[1]);
    normalise_step z;
    z.options.method = normalisation::zscore;
    s.normalisation.options = {minmax, z};
    s.normalisation.labels = {"minmax", "zscore"};
    s.winmax_low = low, s.winmax_high = high;
    s.noise.push_back({1, 0.25});
    return s;
}

std::string all_notes(const uncertainty_model& m) {
    std::string out;
    for (const auto& n : m.notes()) out += n + "\n";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_round37)

// a = 1 … 7, 30: the COINr rule winsorises the one point 30 at any winmax ≥ 1, so winmax 1 to 3
// give one table per normalisation: 2 × 3 = 6 combinations, 2 of them different.
BOOST_AUTO_TEST_CASE(the_note_names_the_alternatives_and_an_idle_winmax) {
    const auto m = uncertainty_model::make(small_table(), small_framework(), nominal_steps(), two_normalisations(1, 3));
    const std::string notes = all_notes(*m);
    BOOST_TEST_INFO(notes);
    BOOST_CHECK(!has(notes, "precomputed"));
    BOOST_CHECK(has(notes,
                    "each replication is one of 6 combinations of the alternatives: 2 normalisations (minmax, "
                    "zscore) × 3 winmax values (1 to 3); each weight of level 1 varied by up to ±25 % on top"));
    BOOST_CHECK(has(notes, "winmax changes no rank and only 2 of the combinations differ"));
}

// winmax 0 cannot winsorise the 30 (the log fallback instead), winmax 1 can: the tables differ.
BOOST_AUTO_TEST_CASE(a_winmax_that_changes_the_data_is_not_called_idle) {
    const auto m = uncertainty_model::make(small_table(), small_framework(), nominal_steps(), two_normalisations(0, 1));
    const std::string notes = all_notes(*m);
    BOOST_TEST_INFO(notes);
    BOOST_CHECK(has(notes,
                    "4 combinations of the alternatives: 2 normalisations (minmax, zscore) × 2 winmax values "
                    "(0 to 1)"));
    BOOST_CHECK(!has(notes, "changes no rank"));
}

// Weights alone vary: no combinations to count, no note (the summary's inputs say the weights).
BOOST_AUTO_TEST_CASE(no_note_without_a_choice) {
    uncertainty_spec s;
    s.noise.push_back({1, 0.25});
    const auto m = uncertainty_model::make(small_table(), small_framework(), nominal_steps(), s);
    BOOST_CHECK(!has(all_notes(*m), "combination"));
    BOOST_CHECK(!has(all_notes(*m), "each replication"));
}

BOOST_AUTO_TEST_CASE(a_constant_indicator_says_what_to_do) {
    table t = small_table();
    t.numbers["d"] = Eigen::VectorXd::Constant(8, 80.0);
    const std::string said = message_of([&] { build(t, small_framework(), nominal_steps()); });
    BOOST_TEST_INFO(said);
    BOOST_CHECK(has(said,
                    "cannot normalise indicator 'd': it is constant (every region with a value has the same one), so "
                    "it cannot tell the regions apart: leave it out of the framework"));
}

BOOST_AUTO_TEST_SUITE_END()
