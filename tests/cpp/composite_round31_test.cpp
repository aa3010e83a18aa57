// Round 31: limits and matrices handed to the public C++ functions directly, which no build has
// read first. Each case was accepted silently on main 135418c (see the comment beside it).
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cmath>
#include <limits>

#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/treat.hpp"
#include "zhibiao/composite/weights.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

namespace {

const double inf = std::numeric_limits<double>::infinity();
const double not_a_number = std::numeric_limits<double>::quiet_NaN();

Eigen::MatrixXd three_by_two() {
    Eigen::MatrixXd x(3, 2);
    x << 1, 4, 2, 5, 3, 7;
    return x;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_round31)

// main: min-max made the column 0 but for the infinity's NaN; rank ranked it first
BOOST_AUTO_TEST_CASE(normalise_refuses_an_infinity_naming_the_unit_and_indicator) {
    for (const double bad : {inf, -inf})
        for (const normalisation method : {normalisation::minmax, normalisation::rank, normalisation::vector}) {
            Eigen::MatrixXd x = three_by_two();
            x(1, 1) = bad;
            normalise_options o;
            o.method = method;
            const std::string said = message_of([&] { normalise(x, {}, o, {"a", "b"}); });
            BOOST_TEST(has(said, "indicator 'b': unit 1 is infinite"), said);
            BOOST_CHECK_THROW(normalise(x, {}, o, {"a", "b"}), argument_error);
        }
}

// main: CR 0.48 passed a NaN limit (CR > NaN is false)
BOOST_AUTO_TEST_CASE(ahp_refuses_a_consistency_limit_that_is_no_limit) {
    Eigen::MatrixXd a(3, 3);
    a << 1, 9, 9, 1.0 / 9, 1, 9, 1.0 / 9, 1.0 / 9, 1;
    for (const double limit : {not_a_number, -0.1, inf}) {
        BOOST_CHECK_THROW(ahp_weights(a, random_index::tummala_ling, limit), argument_error);
        BOOST_TEST(has(message_of([&] { ahp_weights(a, random_index::tummala_ling, limit); }), "max_cr"));
    }
    BOOST_CHECK_NO_THROW(ahp_weights(a, random_index::tummala_ling, 0.1, true));
}

// main: a NaN limit left every indicator untreated, silently
BOOST_AUTO_TEST_CASE(treat_refuses_limits_that_are_not_numbers) {
    const Eigen::MatrixXd x = three_by_two();
    const auto refused = [&](treat_options o, const std::string& name) {
        BOOST_CHECK_THROW(treat(x, o, {"a", "b"}), argument_error);
        BOOST_TEST(has(message_of([&] { treat(x, o, {"a", "b"}); }), name));
    };
    treat_options o;
    o.skew_limit = not_a_number, refused(o, "skew_limit");
    o = {}, o.kurt_limit = inf, refused(o, "kurt_limit");
    o = {}, o.method = treatment::eis, o.eis_sd = 0, refused(o, "eis_sd");
    o = {}, o.method = treatment::eis, o.eis_skew = not_a_number, refused(o, "eis_skew");
    BOOST_CHECK_NO_THROW(treat(x, treat_options{}, {"a", "b"}));
}

BOOST_AUTO_TEST_SUITE_END()
