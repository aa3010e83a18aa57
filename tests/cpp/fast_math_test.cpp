// Compiled with -ffast-math (tests/cpp/CMakeLists.txt), as many numerical programs are: the
// inline functions of zhibiao's headers that tell a missing value (NaN) or an infinity apart
// must still do so. Before, they used x == x and std::isinf, which -ffinite-math-only folds to
// "always present" and "never infinite": a missing value was taken as present in the program's
// code — and, the functions being inline, possibly in the library's calls the linker bound to
// this copy.
#include <boost/test/unit_test.hpp>
#include <Eigen/Core>
#include <limits>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/composite/statistics.hpp"
#include "zhibiao/composite/weights.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/panel.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/units.hpp"

using namespace zhibiao;

namespace {

// Read through a volatile so the compiler cannot see the value the tests pass.
double opaque(double x) {
    volatile double v = x;
    return v;
}

const double nan_value = opaque(std::numeric_limits<double>::quiet_NaN());
const double inf_value = opaque(std::numeric_limits<double>::infinity());

}  // namespace

BOOST_AUTO_TEST_SUITE(fast_math)

BOOST_AUTO_TEST_CASE(missing_values_stay_missing_under_fast_math) {
#if !defined(__FAST_MATH__) && (defined(__GNUC__) || defined(__clang__))
    BOOST_FAIL("this file must be compiled with -ffast-math (tests/cpp/CMakeLists.txt)");
#endif
    BOOST_TEST(!composite::detail::present(nan_value));
    BOOST_TEST(composite::detail::present(opaque(0.0)));
    BOOST_TEST(!composite::detail::present(-nan_value));

    Eigen::VectorXd x(4);
    x << 1.0, nan_value, 3.0, nan_value;
    int counted = 0;
    composite::detail::each_present(x, [&](double) { ++counted; });
    BOOST_TEST(counted == 2);

    composite::table data;
    data.regions = {"a", "b"};
    BOOST_TEST((to_string(data.reason_at("x", 0, nan_value)) == to_string(reason::missing_input)));
    BOOST_TEST((to_string(data.reason_at("x", 1, opaque(2.0))) == to_string(reason::none)));

    // column::reason_at is inline too: an empty cell (NaN) is missing_input, not present.
    Eigen::ArrayXd cells(2);
    cells << nan_value, opaque(5.0);
    const column c("gdp", unit::parse("亿元"), cells);
    BOOST_TEST((to_string(c.reason_at(0)) == to_string(reason::missing_input)));
    BOOST_TEST((to_string(c.reason_at(1)) == to_string(reason::none)));
}

// zhibiao::is_missing is the public test a program applies to zhibiao's results: the shipped
// example used std::isnan, which clang -O2 -ffast-math folds to false, and read a damaged figure
// (NaN) as present (tests/consumers also builds the example so with clang).
BOOST_AUTO_TEST_CASE(is_missing_tells_nan_under_fast_math) {
    BOOST_TEST(is_missing(nan_value));
    BOOST_TEST(is_missing(-nan_value));
    BOOST_TEST(!is_missing(opaque(0.0)));
    BOOST_TEST(!is_missing(opaque(21.0)));
    BOOST_TEST(!is_missing(inf_value));  // not missing: zhibiao never returns one, and refuses it as input
}

BOOST_AUTO_TEST_CASE(infinities_are_refused_under_fast_math) {
    variable_spec count;
    count.id = "projects";
    count.dimension_name = "count";
    count.min = 0;
    const unit items = unit::parse("项");
    BOOST_TEST((to_string(invalid_for_computation(count, inf_value, items)) == to_string(reason::invalid_input)));
    BOOST_TEST((to_string(invalid_for_computation(count, -inf_value, items)) == to_string(reason::invalid_input)));
    BOOST_TEST((to_string(invalid_for_computation(count, nan_value, items)) ==
                to_string(reason::none)));  // NaN is not judged here
    BOOST_TEST((to_string(invalid_for_computation(count, opaque(3.0), items)) == to_string(reason::none)));

    Eigen::VectorXd w(2);
    w << 1.0, inf_value;
    BOOST_CHECK_THROW(composite::detail::to_shares(w, "weights"), error);
}

// 万元 → 元 and back by 10^4: exact division, not a multiplication by 1e-4 (-freciprocal-math
// would make 3 / 1e4 into 3 × 1e-4 = 0.00030000000000000003 in an inline copy). The expected
// values are the correctly rounded decimals.
BOOST_AUTO_TEST_CASE(unit_conversions_divide_exactly_under_fast_math) {
    const conversion to_wan{-4, 1.0};
    BOOST_TEST(to_wan.apply(3) == 0.0003);
    BOOST_TEST(to_wan.apply(11) == 0.0011);
    BOOST_TEST(to_wan.apply(29) == 0.0029);
    BOOST_TEST(to_wan.apply(17) == 0.0017);
    BOOST_TEST(unit::parse("元").to(unit::parse("万元")).apply(opaque(7)) == 0.0007);
}

BOOST_AUTO_TEST_SUITE_END()
