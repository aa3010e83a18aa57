// Issue #14 item 8: the method variants users of MCDM libraries expect, each against a
// published or hand-checked case. Sources (figures copied into the tests, not read at run time):
// - pymcdm 1.4.0 test suite (github kotbaton/pymcdm @ 76e7735, test/test_weights.py,
//   test/test_mcdm.py, test/test_normalizations.py), as stored with full precision in
//   ../shared/data/mcdm/pymcdm_cases.json;
// - akestoridis/mcdm test suite (github akestoridis/mcdm @ cd75823, mcdm/tests/helper_testing.py
//   matrices 01 and 02, vectors 20, 22, 24, 25, 26; tests/weighting/test_vic_method.py and
//   test_critic_method.py);
// - hand computations written out beside each case.
#include <boost/test/unit_test.hpp>

#include "error_message.hpp"
#include <cmath>
#include <limits>

#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/mcdm.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/composite/weights.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;

namespace {

Eigen::MatrixXd rows(std::initializer_list<std::initializer_list<double>> r) {
    Eigen::MatrixXd m(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(r.begin()->size()));
    Eigen::Index i = 0;
    for (const auto& row : r) {
        Eigen::Index j = 0;
        for (double v : row) m(i, j++) = v;
        ++i;
    }
    return m;
}

void close(const Eigen::MatrixXd& got, const Eigen::MatrixXd& want, double tol) {
    BOOST_REQUIRE_EQUAL(got.rows(), want.rows());
    BOOST_REQUIRE_EQUAL(got.cols(), want.cols());
    for (Eigen::Index i = 0; i < got.rows(); ++i)
        for (Eigen::Index j = 0; j < got.cols(); ++j)
            BOOST_TEST(std::abs(got(i, j) - want(i, j)) <= tol,
                       "(" << i << ", " << j << "): " << got(i, j) << " vs " << want(i, j));
}

Eigen::VectorXd vec(std::initializer_list<double> v) {
    Eigen::VectorXd out(static_cast<Eigen::Index>(v.size()));
    Eigen::Index i = 0;
    for (double e : v) out(i++) = e;
    return out;
}

using testing::has;
using testing::message_of;

// pymcdm's normalisation test matrix; types (−1, −1, +1).
const Eigen::MatrixXd pymcdm_x =
    rows({{66, 56, 95}, {61, 55, 166}, {65, 49, 113}, {95, 56, 99}, {63, 43, 178}, {74, 59, 140}});
const std::vector<int> pymcdm_types = {-1, -1, 1};

// akestoridis/mcdm's matrices 01 (linear association) and 02 (non-linear); every column spans
// [0, 1], so the min-max inside CRITIC and VIC leaves them as they are.
const Eigen::MatrixXd matrix01 = rows({{0.0, 0.0, 1.0},
                                       {0.1, 0.2, 0.8},
                                       {0.2, 0.4, 0.6},
                                       {0.3, 0.7, 0.3},
                                       {0.6, 0.8, 0.2},
                                       {0.8, 0.9, 0.1},
                                       {1.0, 1.0, 0.0}});
const Eigen::MatrixXd matrix02 = rows({{0.0, 0.0, 0.0},
                                       {0.0, 0.0, 1.0},
                                       {0.2, 0.5, 0.0},
                                       {0.2, 0.5, 1.0},
                                       {0.4, 1.0, 0.0},
                                       {0.4, 1.0, 1.0},
                                       {0.6, 1.0, 0.0},
                                       {0.6, 1.0, 1.0},
                                       {0.8, 0.5, 0.0},
                                       {0.8, 0.5, 1.0},
                                       {1.0, 0.0, 0.0},
                                       {1.0, 0.0, 1.0}});

normalise_options with(normalisation m, cost_form c = cost_form::negate) {
    normalise_options o;
    o.method = m, o.cost = c;
    return o;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(mcdm_variants)

BOOST_AUTO_TEST_CASE(vector_and_sum_normalisation_match_pymcdm) {
    // pymcdm vector_normalization: benefit x/‖x‖, cost 1 − x/‖x‖ (test_normalizations.py, 8 decimals).
    close(normalise(pymcdm_x, pymcdm_types, with(normalisation::vector, cost_form::complement)),
          rows({{0.62375904, 0.57085288, 0.28587109},
                {0.65226214, 0.57851622, 0.49952212},
                {0.62945966, 0.62449627, 0.34003614},
                {0.45844104, 0.57085288, 0.29790777},
                {0.6408609, 0.67047632, 0.53563215},
                {0.57815408, 0.54786285, 0.42128371}}),
          1e-8);
    // pymcdm sum_normalization: benefit x/Σx, cost (1/x)/Σ(1/x).
    close(normalise(pymcdm_x, pymcdm_types, with(normalisation::sum, cost_form::inverse)),
          rows({{0.17447136, 0.155945, 0.12010114},
                {0.1887723, 0.15878037, 0.20986094},
                {0.17715554, 0.17822286, 0.14285714},
                {0.12121168, 0.155945, 0.12515803},
                {0.18277952, 0.20309117, 0.22503161},
                {0.15560959, 0.1480156, 0.17699115}}),
          1e-8);
    // pymcdm max_normalization: benefit x/max, cost 1 − x/max.
    close(normalise(pymcdm_x, pymcdm_types, with(normalisation::frac_of_max, cost_form::complement)),
          rows({{0.30526316, 0.05084746, 0.53370787},
                {0.35789474, 0.06779661, 0.93258427},
                {0.31578947, 0.16949153, 0.63483146},
                {0.0, 0.05084746, 0.55617978},
                {0.33684211, 0.27118644, 1.0},
                {0.22105263, 0.0, 0.78651685}}),
          1e-8);
}

BOOST_AUTO_TEST_CASE(cost_as_min_over_x_and_zscore_target_by_hand) {
    // frac_of_max with cost = inverse is min/x (pymcdm's linear_normalization): 2/2, 2/4, 2/8.
    const Eigen::MatrixXd x = rows({{2}, {4}, {8}});
    close(normalise(x, {-1}, with(normalisation::frac_of_max, cost_form::inverse)), rows({{1.0}, {0.5}, {0.25}}),
          1e-15);
    // The benefit side is x/max whatever the cost form.
    close(normalise(x, {1}, with(normalisation::frac_of_max, cost_form::inverse)), rows({{0.25}, {0.5}, {1.0}}), 1e-15);
    // COINr's n_zscore with m_sd = (10, 2): 10 + 2·(x − 3)/√2.5 for x = 1 … 5 (sample sd √2.5).
    normalise_options z = with(normalisation::zscore);
    z.target_mean = 10, z.target_sd = 2;
    const double s = std::sqrt(2.5);
    close(normalise(rows({{1}, {2}, {3}, {4}, {5}}), {1}, z),
          rows({{10 - 4 / s}, {10 - 2 / s}, {10}, {10 + 2 / s}, {10 + 4 / s}}), 1e-12);
    // A lower-is-better indicator is negated first, as for every default z-score.
    close(normalise(rows({{1}, {2}, {3}, {4}, {5}}), {-1}, z),
          rows({{10 + 4 / s}, {10 + 2 / s}, {10}, {10 - 2 / s}, {10 - 4 / s}}), 1e-12);
}

BOOST_AUTO_TEST_CASE(normalisation_refuses_what_would_divide_by_zero) {
    // Negated, a cost column sums to a negative number: x/Σx would not turn it round.
    const std::string negated = message_of([] {
        normalise(rows({{1}, {2}}), {-1}, with(normalisation::sum), {"cost_ind"});
    });
    BOOST_TEST(has(negated, "'cost_ind' by its sum"), negated);
    BOOST_TEST(has(negated, "cost = 'inverse' or 'complement'"), negated);
    // 1/x of a zero.
    BOOST_CHECK_THROW(normalise(rows({{0}, {2}}), {-1}, with(normalisation::sum, cost_form::inverse)), method_error);
    // 1/x of a denormal overflows: an error, not an infinity.
    BOOST_CHECK_THROW(
        normalise(rows({{4.9e-324}, {1e300}}), {-1}, with(normalisation::frac_of_max, cost_form::inverse)),
        method_error);
    BOOST_CHECK_THROW(normalise(rows({{0}, {0}}), {1}, with(normalisation::vector)), method_error);
    BOOST_CHECK_THROW(normalise(rows({{1}, {2}}), {-1}, with(normalisation::minmax, cost_form::inverse)),
                      argument_error);
    normalise_options bad = with(normalisation::zscore);
    bad.target_sd = 0;
    BOOST_CHECK_THROW(normalise(rows({{1}, {2}}), {1}, bad), argument_error);
    // Missing values stay missing and are left out of the norm: ‖(3, 4)‖ = 5.
    const Eigen::MatrixXd v =
        normalise(rows({{3}, {std::numeric_limits<double>::quiet_NaN()}, {4}}), {1}, with(normalisation::vector));
    BOOST_TEST(v(0, 0) == 0.6, boost::test_tools::tolerance(1e-15));
    BOOST_TEST(std::isnan(v(1, 0)));
}

BOOST_AUTO_TEST_CASE(topsis_without_inner_normalisation) {
    // pymcdm's TOPSIS case (Opricovic & Tzeng 2004) with vector normalisation, computed by
    // pymcdm: [0.7621…, 0.7222…, 0.2379…]. The same from our vector normalisation (pymcdm's
    // cost form) followed by the textbook TOPSIS on the normalised matrix.
    const Eigen::MatrixXd x = rows({{1, 3000}, {2, 3750}, {5, 4500}});
    const Eigen::MatrixXd n = normalise(x, {-1, 1}, with(normalisation::vector, cost_form::complement));
    const Eigen::VectorXd c = topsis(n, vec({0.5, 0.5}), {}, topsis_normalisation::none);
    close(c, vec({0.7621405801238009, 0.7221778332293296, 0.23785941987619905}), 1e-12);
    // By hand: x = (0, 1, 3) a cost criterion, (0, 2, 2) a benefit, equal weights (shares ½):
    // v = (0, ½, 3/2) with ideal 0 and anti-ideal 3/2, (0, 1, 1) with ideal 1 and anti-ideal 0.
    // Unit 1: d⁺ = √(¼ + 0) = ½, d⁻ = √(1 + 1) = √2, C = √2/(½ + √2).
    const Eigen::VectorXd h = topsis(rows({{0, 0}, {1, 2}, {3, 2}}), vec({1, 1}), {-1, 1}, topsis_normalisation::none);
    BOOST_TEST(h(1) == std::sqrt(2.0) / (0.5 + std::sqrt(2.0)), boost::test_tools::tolerance(1e-14));
    // Unit 0: d⁺ = 1, d⁻ = 3/2, C = 0.6; unit 2: d⁺ = 3/2, d⁻ = 1, C = 0.4.
    BOOST_TEST(h(0) == 0.6, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(h(2) == 0.4, boost::test_tools::tolerance(1e-14));
    // Values near 1e300 neither overflow nor change C (one power of two for the whole matrix).
    const Eigen::VectorXd huge =
        topsis(rows({{0, 0}, {1e300, 2e300}, {3e300, 2e300}}), vec({1, 1}), {-1, 1}, topsis_normalisation::none);
    close(huge, h, 1e-14);
    BOOST_CHECK_THROW(topsis(rows({{1, 1}, {1, 1}}), vec({1, 1}), {}, topsis_normalisation::none), method_error);
}

BOOST_AUTO_TEST_CASE(vikor_compromise_solution) {
    // Opricovic & Tzeng (2004), pymcdm's case: Q = (1, 0, 1); S = (½, 0.375, ½), R = (½, ¼, ½)
    // by hand. a(1) = unit 1, Q(a(2)) − Q(a(1)) = 1 ≥ DQ = ½ (C1), unit 1 best by S and R (C2).
    vikor_result r = vikor(rows({{1, 3000}, {2, 3750}, {5, 4500}}), vec({0.5, 0.5}), {-1, 1});
    close(r.q, vec({1, 0, 1}), 1e-15);
    close(r.ranking, vec({2, 1, 2}), 0);
    BOOST_TEST(r.acceptable_advantage);
    BOOST_TEST(r.acceptable_stability);
    BOOST_TEST(r.dq == 0.5);
    BOOST_TEST((r.compromise == std::vector<Eigen::Index>{1}));
    // C1 fails. Rows (1, 0), (.85, .3), (.8, .35), (0, 1), weights ½, both benefits:
    // S = (.5, .425, .425, .5), R = (.5, .35, .325, .5), Q = (1, .5·.025/.175, 0, 1).
    // Q(a(2)) − Q(a(1)) = 1/14 < DQ = 1/3: the compromise is every unit within DQ, {2, 1}.
    r = vikor(rows({{1, 0}, {0.85, 0.3}, {0.8, 0.35}, {0, 1}}), vec({0.5, 0.5}));
    close(r.q, vec({1, 1.0 / 14, 0, 1}), 1e-12);
    BOOST_TEST(!r.acceptable_advantage);
    BOOST_TEST(r.acceptable_stability);
    BOOST_TEST((r.compromise == std::vector<Eigen::Index>{2, 1}));
    close(r.ranking, vec({3, 2, 1, 3}), 0);
    // C2 fails. Weights ⅓; column ranges 7, 6, 6. Unit 0: d = (6/21, 1/6, 0), S = .4524, R = 2/7;
    // unit 4: d = (0, 1/3, 1/9), S = 4/9 (the least S); unit 3: d = (5/21, 1/6, 5/18), R = 5/18
    // (the least R). Q(0) = .0857 is the least, Q(3) = .4286 next: C1 holds (≥ ¼), but unit 0 is
    // best by neither S nor R, so the compromise is {0, 3}.
    r = vikor(rows({{2, 6, 9}, {2, 9, 3}, {1, 3, 8}, {3, 6, 4}, {8, 3, 7}}), vec({1.0 / 3, 1.0 / 3, 1.0 / 3}));
    BOOST_TEST(r.s(4) == 4.0 / 9, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(r.r(3) == 5.0 / 18, boost::test_tools::tolerance(1e-14));
    BOOST_TEST(r.acceptable_advantage);
    BOOST_TEST(!r.acceptable_stability);
    BOOST_TEST((r.compromise == std::vector<Eigen::Index>{0, 3}));
    // pymcdm's Yang case: Q = (.5679, .7667, 1, .7493, 0); unit 4 has the least S: {4}.
    r = vikor(rows({{78, 56, 34, 6}, {4, 45, 3, 97}, {18, 2, 50, 63}, {9, 14, 11, 92}, {85, 9, 100, 29}}),
              vec({0.25, 0.25, 0.25, 0.25}));
    close(r.q, vec({0.5679069948039763, 0.7667330359024042, 1.0, 0.7492842103993278, 0.0}), 1e-12);
    BOOST_TEST((r.compromise == std::vector<Eigen::Index>{4}));
    close(r.ranking, vec({2, 4, 5, 3, 1}), 0);
    // One unit: every criterion is constant, an error rather than a DQ of 1/0.
    BOOST_CHECK_THROW(vikor(rows({{1, 2}}), vec({1, 1})), method_error);
}

BOOST_AUTO_TEST_CASE(vikor_ranks_as_scikit_criteria) {
    // scikit-criteria 0.9 tests/agg/test_vikor.py test_VIKOR: Q = (.75, .25, 0, 1), C1 fails,
    // compromise {2, 1}: with use_compromise_set the set ranks 1 and unit 0 (dense rank 3) is 2.
    const vikor_result r = vikor(rows({{5, 8, 4}, {7, 6, 8}, {8, 8, 6}, {7, 4, 6}}), vec({0.3, 0.4, 0.3}));
    close(vikor_ranking(r, vikor_ranks::compromise_first), vec({2, 1, 1, 3}), 0);
    close(vikor_ranking(r, vikor_ranks::dense), vec({3, 2, 1, 4}), 0);
    close(vikor_ranking(r, vikor_ranks::min), vec({3, 2, 1, 4}), 0);
    // test_VIKOR_tied: units 2 and 3 tie at Q = 0; dense ranks (3, 2, 1, 1), set {1, 2, 3}.
    const vikor_result tied = vikor(rows({{4, 4, 4}, {7, 6, 8}, {8, 8, 6}, {6, 8, 8}}), vec({0.3, 0.4, 0.3}));
    close(vikor_ranking(tied, vikor_ranks::compromise_first), vec({2, 1, 1, 1}), 0);
    close(vikor_ranking(tied, vikor_ranks::dense), vec({3, 2, 1, 1}), 0);
    close(vikor_ranking(tied, vikor_ranks::min), vec({4, 3, 1, 1}), 0);
}

BOOST_AUTO_TEST_CASE(critic_with_absolute_correlations_and_vic_match_akestoridis) {
    // test_critic_method.py: CRITIC.AbsPearson on matrix 01 → vector 22, on matrix 02 → vector 20.
    close(critic_weights(matrix01, 0, correlation_kind::absolute), vec({0.5, 0.25, 0.25}), 1e-8);
    close(critic_weights(matrix02, 0, correlation_kind::absolute), vec({0.27329284, 0.32664742, 0.40005975}), 1e-8);
    // The signed form differs on matrix 01 (column 2 anti-correlates with the others).
    BOOST_TEST(std::abs(critic_weights(matrix01, 0)(2) - 0.25) > 0.1);
    // test_vic_method.py: VIC.dCor on 01 → vector 24, on 02 → vector 25; VIC.AbsPearson on 01 → 26.
    close(vic_weights(matrix01, correlation_kind::distance), vec({0.33817571, 0.33091215, 0.33091215}), 1e-8);
    close(vic_weights(matrix02, correlation_kind::distance), vec({0.22633480, 0.27052183, 0.50314336}), 1e-8);
    close(vic_weights(matrix01, correlation_kind::absolute), vec({0.33861310, 0.33069345, 0.33069345}), 1e-8);
    close(vic_weights(matrix02, correlation_kind::absolute), vec({0.27329284, 0.32664742, 0.40005975}), 1e-8);
    BOOST_CHECK_THROW(vic_weights(matrix01, correlation_kind::pearson), argument_error);
    Eigen::MatrixXd gap = matrix01;
    gap(2, 1) = std::numeric_limits<double>::quiet_NaN();
    BOOST_CHECK_THROW(vic_weights(gap, correlation_kind::distance), method_error);
    BOOST_CHECK_THROW(critic_weights(gap, 1, correlation_kind::distance), method_error);
    Eigen::MatrixXd flat = matrix01;
    flat.col(1).setConstant(0.5);
    BOOST_CHECK_THROW(vic_weights(flat, correlation_kind::distance), method_error);
}

BOOST_AUTO_TEST_CASE(merec_and_gini_weights_match_pymcdm) {
    // test_weights.py::TestMERECWeights (Keshavarz-Ghorabaee et al. 2021), types (+, +, −, −).
    const Eigen::MatrixXd m =
        rows({{450, 8000, 54, 145}, {10, 9100, 2, 160}, {100, 8200, 31, 153}, {220, 9300, 1, 162}, {5, 8400, 23, 158}});
    close(merec_weights(m, {1, 1, -1, -1}),
          vec({0.5752216672093822, 0.014096591168467313, 0.4015613638877313, 0.009120377734419292}), 1e-12);
    // test_weights.py::TestGiniWeights. By hand, column 0 (5, 5.5, 4): Σ|xi − xk| = 6 over the
    // ordered pairs, mean 29/6, G = 6/(2·9·29/6) = 2/29; columns 1 and 2 give 4.4/102.6 and 1/18.
    const Eigen::VectorXd g = gini_weights(rows({{5.0, 6.0, 7.0}, {5.5, 6.1, 8.0}, {4.0, 5.0, 9.0}}));
    close(g, vec({0.4119654687813692, 0.25617345914475, 0.3318610720738807}), 1e-12);
    const double g0 = 2.0 / 29, g1 = 4.4 / 102.6, g2 = 1.0 / 18;
    BOOST_TEST(g(0) == g0 / (g0 + g1 + g2), boost::test_tools::tolerance(1e-13));
    // Zeros where MEREC divides or takes a logarithm; a column summing to zero under Gini.
    BOOST_CHECK_THROW(merec_weights(rows({{0, 1}, {1, 2}})), method_error);
    BOOST_CHECK_THROW(merec_weights(m, {1, 1, 0, -1}), argument_error);
    BOOST_CHECK_THROW(gini_weights(rows({{0, 1}, {0, 2}})), method_error);
    BOOST_CHECK_THROW(gini_weights(rows({{-1, 1}, {1, 2}})), method_error);
    // The errors quote the user's value: −2000, not −0.976562 (−2000 · 2^−11, the column as
    // scaled inside), as entropy and Gini once did (a trial against pymcdm's tests).
    const Eigen::MatrixXd negative = rows({{1, -2000}, {2, 3}, {3, 4}});
    for (const std::string& text :
         {message_of([&] { entropy_weights(negative); }), message_of([&] { gini_weights(negative); }),
          message_of([&] { merec_weights(negative); })})
        BOOST_TEST((has(text, "column 1 has -2000") && !has(text, "0.97") && !has(text, "-2000.0")), text);
}

BOOST_AUTO_TEST_CASE(options_are_named_and_checked) {
    const std::string cost = message_of(
        [] { parse_model("[[step]]\nkind = \"normalise\"\nmethod = \"sum\"\ncost = \"invrse\"\n", "m.toml"); });
    BOOST_TEST(has(cost, "did you mean 'inverse'"), cost);
    const std::string corr = message_of(
        [] { parse_model("[[step]]\nkind = \"weigh\"\nmethod = \"critic\"\ncorrelation = \"Absolute\"\n", "m.toml"); });
    BOOST_TEST(has(corr, "did you mean 'absolute'"), corr);
    const std::string vic = message_of(
        [] { parse_model("[[step]]\nkind = \"weigh\"\nmethod = \"vic\"\ncorrelation = \"pearson\"\n", "m.toml"); });
    BOOST_TEST(has(vic, "'distance' or 'absolute' for VIC"), vic);
    // Its default ("auto") is its own: the distance correlation (trial22b F12).
    BOOST_CHECK_NO_THROW(parse_model("[[step]]\nkind = \"weigh\"\nmethod = \"vic\"\n", "m.toml"));
    const Eigen::MatrixXd m01 = (Eigen::MatrixXd(4, 2) << 0, 1, 0.1, 0.8, 0.5, 0.7, 1, 0).finished();
    BOOST_TEST((vic_weights(m01) - vic_weights(m01, correlation_kind::distance)).norm() == 0.0);
    BOOST_TEST((critic_weights(m01) - critic_weights(m01, 1, correlation_kind::pearson)).norm() == 0.0);
    const std::string minmax_cost = message_of(
        [] { parse_model("[[step]]\nkind = \"normalise\"\nmethod = \"minmax\"\ncost = \"inverse\"\n", "m.toml"); });
    BOOST_TEST(has(minmax_cost, "applies to frac_of_max, vector and sum"), minmax_cost);
    const std::string m_sd = message_of(
        [] { parse_model("[[step]]\nkind = \"normalise\"\nmethod = \"zscore\"\nm_sd = [10, 0]\n", "m.toml"); });
    BOOST_TEST(has(m_sd, "m_sd"), m_sd);
    const model md = parse_model(
        "[[step]]\nkind = \"normalise\"\nmethod = \"zscore\"\nm_sd = [10, 2]\n[[step]]\nkind = \"normalise\"\nmethod = "
        "\"frac_of_max\"\n"
        "cost = \"inverse\"\n[[step]]\nkind = \"weigh\"\nmethod = \"vic\"\ncorrelation = \"distance\"\n"
        "[[step]]\nkind = \"aggregate\"\nmethod = \"topsis\"\ninner = \"none\"\n",
        "m.toml");
    const auto& z = std::get<normalise_step>(md.steps.at(0)).options;
    BOOST_TEST(z.target_mean == 10);
    BOOST_TEST(z.target_sd == 2);
    BOOST_TEST((std::get<normalise_step>(md.steps.at(1)).options.cost == cost_form::inverse));
    BOOST_TEST((std::get<weigh_step>(md.steps.at(2)).options.scheme == weighting::vic));
    BOOST_TEST((std::get<weigh_step>(md.steps.at(2)).options.correlation == correlation_kind::distance));
    BOOST_TEST((std::get<aggregate_step>(md.steps.at(3)).options.topsis_inner == topsis_normalisation::none));
    BOOST_CHECK_NO_THROW(check_option("weights", "method", "merec", "weights"));
    BOOST_CHECK_THROW(check_option("weights", "method", "gimi", "weights"), argument_error);
}

// Trial F9: a column of equal values carries no information; its entropy weight was 2.8e-15
// (each p = x/Σx rounded), now exactly 0. By hand: p = 1/3 each, e = ln 3 / ln 3 = 1, d = 0.
BOOST_AUTO_TEST_CASE(entropy_weight_of_a_constant_column_is_exactly_zero) {
    const Eigen::MatrixXd x = rows({{1, 0.7}, {2, 0.7}, {3, 0.7}});
    for (entropy_zeros z : {entropy_zeros::skip, entropy_zeros::pymcdm}) {
        const Eigen::VectorXd w = entropy_weights(x, z);
        BOOST_TEST(w(1) == 0.0);
        BOOST_TEST(w(0) == 1.0);
    }
    BOOST_CHECK_THROW(entropy_weights(rows({{0.7, 2}, {0.7, 2}, {0.7, 2}})), method_error);  // nothing to weigh by
}

// review23 F1: values equal but for their last bits (0.1 + 0.2 beside 0.3) are as constant as
// equal ones — no negative weight; two such columns are nothing to weigh by, not [2, −1].
BOOST_AUTO_TEST_CASE(entropy_weight_of_a_column_equal_up_to_rounding_is_zero) {
    const double third = 0.1 + 0.2;  // 0.30000000000000004
    const Eigen::MatrixXd x = rows({{1, 0.3}, {2, 0.3}, {3, 0.3}, {4, third}});
    const Eigen::VectorXd w = entropy_weights(x);
    BOOST_TEST(w(1) == 0.0);
    BOOST_TEST(w(0) == 1.0);
    const double up = std::nextafter(2.0, 3.0);
    BOOST_CHECK_THROW(entropy_weights(rows({{0.3, 2}, {0.3, up}, {third, 2}})), method_error);
}

// review23 F2: a consistent comparison of 16 typed to 8 decimals (a_ij · a_ji off by ~1e-8, inside
// the 1e-6 reciprocity allowed) is consistent: CR 0, not refused for a CI of -1e-9.
BOOST_AUTO_TEST_CASE(ahp_beyond_fifteen_elements_typed_to_eight_decimals) {
    const Eigen::Index n = 16;
    const Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(n, 1, static_cast<double>(n));
    Eigen::MatrixXd a = w * w.cwiseInverse().transpose();
    for (Eigen::Index i = 0; i < n; ++i)
        for (Eigen::Index j = 0; j < n; ++j) a(i, j) = std::round(a(i, j) * 1e8) / 1e8;
    const ahp_result r = ahp_weights(a);
    BOOST_TEST(r.cr == 0.0);
    BOOST_TEST((r.weights - w / w.sum()).cwiseAbs().maxCoeff() < 1e-6);
}

// Trial F16: both random-index tables stop at 15 elements. A consistent matrix (a_ij = w_i/w_j)
// of 16 or more still gives its weights with CR = 0; an inconsistent one is refused unless
// accepted, then CR is NaN (undefined), not a number from a table that has none.
BOOST_AUTO_TEST_CASE(ahp_beyond_fifteen_elements) {
    for (Eigen::Index n : {16, 25}) {
        Eigen::VectorXd w = Eigen::VectorXd::LinSpaced(n, 1, static_cast<double>(n));
        Eigen::MatrixXd a = w * w.cwiseInverse().transpose();
        const ahp_result r = ahp_weights(a);
        BOOST_TEST(r.cr == 0.0);
        BOOST_TEST((r.weights - w / w.sum()).cwiseAbs().maxCoeff() < 1e-12);
        a(0, 5) = 9, a(5, 0) = 1.0 / 9;
        const std::string said = message_of([&] { ahp_weights(a); });
        BOOST_TEST(said.find("tabulated for 3 to 15 elements") != std::string::npos, said);
        BOOST_TEST(said.find("not consistent") != std::string::npos, said);
        const ahp_result accepted = ahp_weights(a, random_index::saaty, 0.1, true);
        BOOST_TEST(std::isnan(accepted.cr));
        BOOST_TEST(accepted.ci > 0.01);
    }
}

// pymcdm 1.4.0 test/test_mcdm.py TestWASPAS (kotbaton/pymcdm @ 76e7735, lines 777–798; Chakraborty,
// Zavadskas & Antucheviciene 2015): linear normalisation, λ = 0.5, weights as given (they sum to
// 1.0155): [0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749] to four decimals.
BOOST_AUTO_TEST_CASE(waspas_as_pymcdm_tests_it) {
    const Eigen::MatrixXd x = rows({{30, 23, 5, 0.745, 0.745, 1500, 5000},
                                    {18, 13, 15, 0.745, 0.745, 1300, 6000},
                                    {15, 12, 10, 0.500, 0.500, 950, 7000},
                                    {25, 20, 13, 0.745, 0.745, 1200, 4000},
                                    {14, 18, 14, 0.255, 0.745, 950, 3500},
                                    {17, 15, 9, 0.745, 0.500, 1250, 5250},
                                    {23, 18, 20, 0.500, 0.745, 1100, 3000},
                                    {16, 8, 14, 0.255, 0.500, 1500, 3000}});
    Eigen::VectorXd w(7);
    w << 0.1181, 0.1181, 0.0445, 0.1181, 0.2861, 0.2861, 0.0445;
    Eigen::VectorXd want(8);
    want << 0.8329, 0.7884, 0.6987, 0.8831, 0.7971, 0.7036, 0.8728, 0.5749;
    const waspas_result r = waspas(x, w, {1, 1, 1, 1, 1, -1, -1});
    close(r.score, want, 0.5e-4);
    close(r.score, 0.5 * (r.wsm + r.wpm), 1e-15);
}

// pyDecision's normalisation 1 + min-max, by hand: x = (1, 3, 2) benefit → 1, 2, 1.5; (10, 20, 30)
// cost → 2, 1.5, 1; w = ½, ½: WSM 1.5, 1.75, 1.25; WPM √2, √3, √1.5; λ = ½ averages them.
BOOST_AUTO_TEST_CASE(waspas_with_pydecisions_shifted_minmax_by_hand) {
    const waspas_result r = waspas(rows({{1, 10}, {3, 20}, {2, 30}}), Eigen::Vector2d(0.5, 0.5), {1, -1}, 0.5,
                                   waspas_normalisation::shifted_minmax);
    close(r.wsm, Eigen::Vector3d(1.5, 1.75, 1.25), 1e-15);
    close(r.wpm, Eigen::Vector3d(std::sqrt(2.0), std::sqrt(3.0), std::sqrt(1.5)), 1e-15);
    close(r.score, Eigen::Vector3d(1.4571067811865475, 1.7410254037844386, 1.2373724356957945), 1e-15);
}

BOOST_AUTO_TEST_CASE(waspas_refuses_what_it_cannot_score) {
    const Eigen::Vector2d w(0.5, 0.5);
    auto said = [](auto f) { return message_of(f); };
    BOOST_TEST(said([&] { waspas(rows({{1, 0}, {2, 3}}), w); }).find("criterion 1, unit 0 is 0") != std::string::npos);
    BOOST_TEST(said([&] {
                   waspas(rows({{1, -2}, {2, 3}}), w, {}, 0.5, waspas_normalisation::none);
               }).find("criterion 1, unit 0 is -2") != std::string::npos);
    BOOST_TEST(said([&] {
                   waspas(rows({{1, 2}, {1, 3}}), w, {}, 0.5, waspas_normalisation::shifted_minmax);
               }).find("criterion 0 is constant") != std::string::npos);
    BOOST_TEST(said([&] {
                   waspas(rows({{1, 2}, {2, 3}}), w, {1, -1}, 0.5, waspas_normalisation::none);
               }).find("criterion 1 is a cost") != std::string::npos);
    BOOST_TEST(said([&] { waspas(rows({{1, 2}, {2, 3}}), w, {}, 1.5); }).find("wsm_share is 1.5") != std::string::npos);
    BOOST_TEST(said([&] {
                   waspas(rows({{1, NAN}, {2, 3}}), w);
               }).find("unit 0, criterion 1 is missing") != std::string::npos);
    // A constant criterion under x/max is all ones, as pymcdm's linear_normalization gives it.
    close(waspas(rows({{1, 2}, {2, 2}}), w).wsm, Eigen::Vector2d(0.75, 1.0), 1e-15);
}

// Mean-min (Casadio Tarabusi & Guarini 2013), by hand: (10, 20) has M = 15, m = 10; α = ½, β = 0:
// 15 − ½·5 = 12.5; β = 5: 15 − ½(√50 − 5) = 13.964466094067262. (30, 30) is balanced: 30 both.
// α = 0 is the mean, α = 1 with β = 0 the least value.
BOOST_AUTO_TEST_CASE(mean_min_by_hand) {
    const Eigen::MatrixXd x = rows({{10, 20}, {30, 30}});
    close(mean_min(x, 0.5, 0), Eigen::Vector2d(12.5, 30), 1e-15);
    close(mean_min(x, 0.5, 5), Eigen::Vector2d(13.964466094067262, 30), 1e-14);
    close(mean_min(x, 0, 3), Eigen::Vector2d(15, 30), 0);
    close(mean_min(x, 1, 0), Eigen::Vector2d(10, 30), 0);
}

// Compind 3.4 ci_mean_min (cran/Compind @ 6417088, R/ci_mean_min.R) standardises each column to
// 100 + 10·(x − mean)/sd with R's var (sample): (1, 2, 3) → 90, 100, 110; (4, 6, 5) → 90, 110,
// 100. Rows (90, 90), (100, 110), (110, 100); α = ½, β = 10: 90, and 105 − ½(√125 − 10) =
// 104.40983005625053 twice.
BOOST_AUTO_TEST_CASE(mean_min_standardised_as_compind_by_hand) {
    const Eigen::VectorXd got = mean_min(rows({{1, 4}, {2, 6}, {3, 5}}), 0.5, 10, true);
    close(got, Eigen::Vector3d(90, 104.40983005625053, 104.40983005625053), 1e-12);
    auto said = [](auto f) { return message_of(f); };
    BOOST_TEST(said([] {
                   mean_min(rows({{1, 4}, {1, 6}}), 0.5, 1, true);
               }).find("criterion 0 is constant") != std::string::npos);
    BOOST_TEST(said([] { mean_min(rows({{1, 4}}), 1.5, 1); }).find("alpha is 1.5") != std::string::npos);
    BOOST_TEST(said([] { mean_min(rows({{1, 4}}), 0.5, -1); }).find("beta is -1") != std::string::npos);
}

// scikit-criteria 0.9 tests/agg/test_vikor.py test_VIKOR_tied (quatrope/scikit-criteria @ 35f17ee,
// lines 90–120): units 2 and 3 tie at Q = 0, unit 1 at 0.1735 is within DQ = ⅓, so C1 fails in
// both readings and the set is {1, 2, 3} (scikit-criteria's [1, 2, 3]).
BOOST_AUTO_TEST_CASE(vikor_tie_for_the_least_q_literal_and_grouped) {
    const Eigen::MatrixXd tied = rows({{4, 4, 4}, {7, 6, 8}, {8, 8, 6}, {6, 8, 8}});
    const Eigen::Vector3d w(0.3, 0.4, 0.3);
    for (const vikor_best_tie t : {vikor_best_tie::literal, vikor_best_tie::grouped}) {
        const vikor_result r = vikor(tied, w, {}, 0.5, t);
        BOOST_TEST(!r.acceptable_advantage);
        BOOST_TEST(r.acceptable_stability);
        BOOST_TEST((r.compromise == std::vector<Eigen::Index>{2, 3, 1}));
    }
    // (1, 0), (0, 1), (0, 0), weights ½: S = ½, ½, 1; R = ½ all; Q = 0, 0, ½; DQ = ½. Literal:
    // Q(a2) − Q(a1) = 0, C1 fails, set {0, 1}. Grouped: the tie is a(1), unit 2 is DQ away: C1 holds.
    const Eigen::MatrixXd pair = rows({{1, 0}, {0, 1}, {0, 0}});
    const vikor_result literal = vikor(pair, Eigen::Vector2d(0.5, 0.5));
    const vikor_result grouped = vikor(pair, Eigen::Vector2d(0.5, 0.5), {}, 0.5, vikor_best_tie::grouped);
    BOOST_TEST(!literal.acceptable_advantage);
    BOOST_TEST(grouped.acceptable_advantage);
    BOOST_TEST((literal.compromise == grouped.compromise));
    BOOST_TEST((vikor_ranking(literal, vikor_ranks::average) == Eigen::Vector3d(1.5, 1.5, 3)));
    // Where the readings part, by hand: w = 3, 3, 2 (best 4, 4, 4; worst 0, 1, 0) give S = 3.5, 3.5,
    // 3, 3.25, 4; R = 2, 3, 3, 2.25, 2; Q = ¼, ¾, ½, ¼, ½; DQ = ¼. Units 0 and 3 tie; unit 3 is
    // best by neither S nor R. Literal: C1 fails, the set is {0, 3} (Q − ¼ < ¼). Grouped: C1 holds
    // (½ − ¼ = DQ), C2 fails, so the units at the next Q, 2 and 4, join: {0, 3, 2, 4}, unit 4
    // having the worst S of all.
    const Eigen::MatrixXd split = rows({{2, 2, 4}, {4, 1, 3}, {0, 4, 4}, {1, 4, 2}, {4, 2, 0}});
    const Eigen::Vector3d w332(3, 3, 2);
    const vikor_result lit = vikor(split, w332);
    const vikor_result grp = vikor(split, w332, {}, 0.5, vikor_best_tie::grouped);
    Eigen::VectorXd q(5);
    q << 0.25, 0.75, 0.5, 0.25, 0.5;
    BOOST_TEST((lit.q == q));
    BOOST_TEST((lit.compromise == std::vector<Eigen::Index>{0, 3}));
    BOOST_TEST(!lit.acceptable_advantage);
    BOOST_TEST(!lit.acceptable_stability);  // unit 3 of the tie is best by neither: not the rows' order
    BOOST_TEST(!vikor(split.colwise().reverse(), w332).acceptable_stability);
    BOOST_TEST((grp.compromise == std::vector<Eigen::Index>{0, 3, 2, 4}));
    BOOST_TEST(grp.acceptable_advantage);
    BOOST_TEST(!grp.acceptable_stability);
}

BOOST_AUTO_TEST_SUITE_END()
