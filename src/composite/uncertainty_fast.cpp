// The dedicated replication path of an uncertainty analysis (uncertainty.hpp): a replication
// costs a weighting, an aggregation and a ranking on a precomputed layer.
//
// Covered: weighted arithmetic, geometric and harmonic means (and generalised means of power
// 1, 0 or −1) with framework, fixed or equal weights, perturbed or not, on any precomputed
// layer, a missing child left out and the remaining weights renormalised per unit. Every other
// draw runs the general path (aggregate(), general_scores): leaving an indicator out (the
// remaining weights would be summed in another order by Eigen's reduction), weights computed
// from the data (entropy, CRITIC, PCA, …, AHP), other aggregations (generalised means of other
// powers, MPI, benefit of the doubt, Copeland, TOPSIS, VIKOR), and any draw the general path
// refuses (a non-positive score under a geometric or harmonic mean, weights that cannot be
// normalised) — so that it raises its error.
//
// Bit for bit what aggregate() gives: per unit the same operations in the same order as
// detail::weighted_means (num += w·x over the children in framework order, den += w, then
// num/den, exp(num/den) or den/num), the weights normalised by the same Eigen expressions as
// detail::to_shares. Only the loops are turned inside out (children outer, units inner, so they
// vectorise), the logarithms of the indicator layers are taken once, and when no child of a
// group misses a value the denominator is one number. Batching replications into one
// matrix-matrix product (GEMM) would block the sums over the children differently and lose
// the bit-for-bit equality with the nominal index: not done.
#include "uncertainty_fast.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace zhibiao::composite {
namespace {

using fast_layout = uncertainty_model::fast_layout;
using fast_scratch = uncertainty_model::fast_scratch;

double power_of(const aggregate_options& o) {
    // A data-availability threshold (COINr's dat_thresh) leaves some groups missing: the general path.
    if (o.min_availability > 0) return missing_value;
    switch (o.method) {
        case aggregation::arithmetic:
            return 1;
        case aggregation::geometric:
            return 0;
        case aggregation::harmonic:
            return -1;
        case aggregation::generalised:
            return o.power == 1 || o.power == 0 || o.power == -1 ? o.power : missing_value;
        default:
            return missing_value;
    }
}

bool weights_from_framework(weighting w) {
    return w == weighting::framework || w == weighting::fixed || w == weighting::equal;
}

/// The weight of `n` before any draw under `wo` (draw_weights multiplies or replaces it).
double base_of(const weight_options& wo, const node& n) {
    if (wo.scheme == weighting::framework) return n.weight;
    if (wo.scheme == weighting::equal) return 1.0;
    if (wo.scheme == weighting::fixed) {
        const auto f = wo.fixed.find(n.code);
        return f == wo.fixed.end() ? n.weight : f->second;
    }
    return missing_value;
}

fast_layout::layer_extra extra_of(const Eigen::MatrixXd& values, bool logs) {
    fast_layout::layer_extra e;
    e.complete.assign(static_cast<std::size_t>(values.cols()), 1);
    e.positive.assign(static_cast<std::size_t>(values.cols()), 1);
    if (logs) e.logs = Eigen::MatrixXd::Constant(values.rows(), values.cols(), missing_value);
    for (Eigen::Index c = 0; c < values.cols(); ++c)
        for (Eigen::Index u = 0; u < values.rows(); ++u) {
            const double x = values(u, c);
            if (!detail::present(x)) e.complete[static_cast<std::size_t>(c)] = 0;
            if (detail::present(x) && !(x > 0)) e.positive[static_cast<std::size_t>(c)] = 0;
            if (logs && x > 0) e.logs(u, c) = std::log(x);
        }
    return e;
}

/// The normalised weights of one group's children into w (as group_weights() gives them for a
/// framework, fixed or equal scheme after plans() applied the draw); false if it would refuse.
bool group_shares(const fast_layout& f, const replication_draw& d, const fast_layout::group& g, weighting scheme,
                  bool drawn, Eigen::VectorXd& w) {
    const auto k = static_cast<Eigen::Index>(g.kids.size());
    if (scheme == weighting::equal && !drawn) {
        w = equal_weights(k);
        return true;
    }
    const std::vector<double>& base = f.base[static_cast<std::size_t>(d.weighting + 1)];
    w.resize(k);
    for (Eigen::Index c = 0; c < k; ++c) {
        const auto kid = static_cast<std::size_t>(g.kids[static_cast<std::size_t>(c)]);
        w(c) = std::isnan(d.weights[kid]) ? base[kid] : d.weights[kid];
        if (!(w(c) >= 0) || !std::isfinite(w(c))) return false;
    }
    const double sum = w.sum();
    if (!(sum > 0) || !std::isfinite(sum)) return false;
    w = w / sum;
    return true;
}

double finish(double p, double num, double den) {
    return p == 1 ? num / den : p == 0 ? std::exp(num / den) : den / num;
}

/// How many scores of x[0, n) are present, the lowest and the highest, without a branch (a
/// missing score, NaN, fails every comparison and is skipped): SSE2 where there is one. Which
/// of ±0 is kept does not matter: any bounds of the scores give a monotone bucket map, and the
/// ranks do not depend on the buckets.
score_range score_bounds(const double* x, std::size_t n) {
    constexpr double inf = std::numeric_limits<double>::infinity();
    score_range b{0, inf, -inf};
    std::size_t i = 0;
#if defined(__SSE2__)
    __m128d low = _mm_set1_pd(inf), high = _mm_set1_pd(-inf), low2 = low, high2 = high;
    __m128i present = _mm_setzero_si128();
    for (; i + 4 <= n; i += 4) {  // two independent pairs of lanes
        const __m128d v = _mm_loadu_pd(x + i), v2 = _mm_loadu_pd(x + i + 2);
        low = _mm_min_pd(v, low), high = _mm_max_pd(v, high);  // (v < low ? v : low): NaN keeps low
        low2 = _mm_min_pd(v2, low2), high2 = _mm_max_pd(v2, high2);
        present = _mm_sub_epi64(present, _mm_castpd_si128(_mm_cmpord_pd(v, v)));  // −(−1) per score
        present = _mm_sub_epi64(present, _mm_castpd_si128(_mm_cmpord_pd(v2, v2)));
    }
    low = _mm_min_pd(low2, low), high = _mm_max_pd(high2, high);
    std::array<double, 2> lows{}, highs{};
    std::array<std::int64_t, 2> counts{};
    _mm_storeu_pd(lows.data(), low), _mm_storeu_pd(highs.data(), high);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(counts.data()), present);
    b = {static_cast<std::size_t>(counts[0] + counts[1]), std::min(lows[0], lows[1]), std::max(highs[0], highs[1])};
#endif
    for (; i < n; ++i) {
        const double v = x[i];
        b.low = v < b.low ? v : b.low, b.high = v > b.high ? v : b.high;
        b.present += v == v;
    }
    return b;
}

/// Children [c, c + N) of a complete group added to out in one pass over the units, in the
/// order of the sum (out[u] + t_c) + t_{c+1} …: `First` starts the sum at the first term (added
/// to +0 as detail::weighted_means does: 0 + t is t + 0, −0 becomes +0), `Last` finishes it.
template <int P, int N, bool First, bool Last>
void add_children(const std::pair<double, const double*>* terms, double den, Eigen::Index n, double* out) {
    auto term = [](double wc, double x) { return P == -1 ? wc / x : wc * x; };
    std::array<double, N> w{};
    std::array<const double*, N> x{};
    for (int j = 0; j < N; ++j)
        w[static_cast<std::size_t>(j)] = terms[j].first, x[static_cast<std::size_t>(j)] = terms[j].second;
    for (Eigen::Index u = 0; u < n; ++u) {
        double sum = First ? term(w[0], x[0][u]) + 0.0 : out[u] + term(w[0], x[0][u]);
        for (int j = 1; j < N; ++j) sum += term(w[static_cast<std::size_t>(j)], x[static_cast<std::size_t>(j)][u]);
        if constexpr (Last)
            out[u] = P == 1 ? sum / den : P == 0 ? std::exp(sum / den) : den / sum;
        else
            out[u] = sum;
    }
}

template <int P, bool First, bool Last>
void add_children(const std::pair<double, const double*>* terms, std::size_t count, double den, Eigen::Index n,
                  double* out) {
    switch (count) {
        case 1:
            return add_children<P, 1, First, Last>(terms, den, n, out);
        case 2:
            return add_children<P, 2, First, Last>(terms, den, n, out);
        case 3:
            return add_children<P, 3, First, Last>(terms, den, n, out);
        case 4:
            return add_children<P, 4, First, Last>(terms, den, n, out);
        case 5:
            return add_children<P, 5, First, Last>(terms, den, n, out);
        case 6:
            return add_children<P, 6, First, Last>(terms, den, n, out);
        case 7:
            return add_children<P, 7, First, Last>(terms, den, n, out);
        default:
            return add_children<P, 8, First, Last>(terms, den, n, out);
    }
}

/// out[u] = finish(p, Σ_c w_c·x_c[u] (w_c/x_c[u] for p = −1), den) over the children with a
/// weight, accumulated in out itself (no zeroed scratch) up to eight children a pass (the
/// passes as even as can be: a group of 5 in one, 10 in two of 5), the last pass fused with the
/// finish: every unit's sum in the order of detail::weighted_means.
template <int P>
void complete_mean(const std::vector<std::pair<double, const double*>>& terms, double den, Eigen::Index n,
                   double* out) {
    constexpr std::size_t most = 8;
    const std::size_t k = terms.size();
    for (std::size_t c = 0; c < k;) {
        const std::size_t passes = (k - c + most - 1) / most, take = (k - c + passes - 1) / passes;
        const bool first = c == 0, last = c + take == k;
        const auto* t = terms.data() + c;
        if (first && last)
            add_children<P, true, true>(t, take, den, n, out);
        else if (first)
            add_children<P, true, false>(t, take, den, n, out);
        else if (last)
            add_children<P, false, true>(t, take, den, n, out);
        else
            add_children<P, false, false>(t, take, den, n, out);
        c += take;
    }
}

/// out held to the range of each unit's weighted children, as detail::weighted_means holds a
/// mean of power 0 or −1 (std::clamp there; min/max here give the same for lo ≤ hi, and keep NaN).
void hold_to_children(const Eigen::VectorXd& w, Eigen::Index n, fast_scratch& s, double* out) {
    s.low.setConstant(n, std::numeric_limits<double>::infinity());
    s.high.setConstant(n, -std::numeric_limits<double>::infinity());
    double* lo = s.low.data();
    double* hi = s.high.data();
    for (std::size_t c = 0; c < s.kids.size(); ++c) {
        if (w(static_cast<Eigen::Index>(c)) == 0) continue;
        const double* x = s.kids[c].value;
        for (Eigen::Index u = 0; u < n; ++u)  // a missing x (NaN) fails both tests: skipped
            lo[u] = x[u] < lo[u] ? x[u] : lo[u], hi[u] = x[u] > hi[u] ? x[u] : hi[u];
    }
    for (Eigen::Index u = 0; u < n; ++u) {
        const double v = out[u];
        out[u] = v < lo[u] ? lo[u] : hi[u] < v ? hi[u] : v;
    }
}

/// One group's weighted mean for every unit into out: detail::weighted_means unit by unit.
/// The range of the means, taken while out is in L1 (present < n: some unit's mean is missing).
score_range weighted_mean(const Eigen::VectorXd& w, double p, Eigen::Index n, fast_scratch& s, double* out) {
    bool complete = true;
    for (std::size_t c = 0; c < s.kids.size(); ++c)
        if (w(static_cast<Eigen::Index>(c)) != 0 && !s.kids[c].complete) complete = false;
    if (complete) {
        double den = 0;
        s.terms.clear();
        for (std::size_t c = 0; c < s.kids.size(); ++c)
            if (const double wc = w(static_cast<Eigen::Index>(c)); wc != 0)
                den += wc, s.terms.emplace_back(wc, s.kids[c].x);
        if (den == 0 || s.terms.empty())
            std::fill(out, out + n, missing_value);
        else if (p == 1)
            complete_mean<1>(s.terms, den, n, out);
        else if (p == 0)
            complete_mean<0>(s.terms, den, n, out);
        else
            complete_mean<-1>(s.terms, den, n, out);
        if (p != 1 && den != 0 && !s.terms.empty()) hold_to_children(w, n, s, out);
        return score_bounds(out, static_cast<std::size_t>(n));
    }
    s.num.setZero(n);
    double* num = s.num.data();
    s.den.setZero(n);
    double* den = s.den.data();
    for (std::size_t c = 0; c < s.kids.size(); ++c) {
        const double wc = w(static_cast<Eigen::Index>(c));
        const double* x = s.kids[c].x;
        if (wc == 0) continue;
        for (Eigen::Index u = 0; u < n; ++u)
            if (detail::present(x[u])) num[u] += p == -1 ? wc / x[u] : wc * x[u], den[u] += wc;
    }
    for (Eigen::Index u = 0; u < n; ++u) out[u] = den[u] == 0 ? missing_value : finish(p, num[u], den[u]);
    if (p != 1) hold_to_children(w, n, s, out);
    return score_bounds(out, static_cast<std::size_t>(n));
}

}  // namespace

void uncertainty_model::prepare_fast() {
    auto f = std::make_shared<fast_layout>();
    const int n_nodes = static_cast<int>(fw_.nodes().size()), top = fw_.top_level();
    f->leaf_column.assign(static_cast<std::size_t>(n_nodes), -1);
    f->aggregate_column.assign(static_cast<std::size_t>(n_nodes), -1);
    for (std::size_t k = 0; k < fw_.indicators().size(); ++k)
        f->leaf_column[static_cast<std::size_t>(fw_.indicators()[k])] = static_cast<int>(k);
    for (std::size_t c = 0; c < aggregates_.size(); ++c)
        f->aggregate_column[static_cast<std::size_t>(aggregates_[c])] = static_cast<int>(c);
    f->levels.resize(static_cast<std::size_t>(std::max(0, top - 1)));
    for (int level = 2; level <= top; ++level)
        for (int g = 0; g < n_nodes; ++g)
            if (fw_.at(g).level == level && !fw_.children(g).empty())
                f->levels[static_cast<std::size_t>(level - 2)].push_back(
                    {g, static_cast<std::size_t>(f->aggregate_column[static_cast<std::size_t>(g)]), fw_.children(g)});
    auto nominal = [&](int level) {
        const auto at = static_cast<std::size_t>(level - 2);
        return at < nominal_plans_.size() ? nominal_plans_[at] : level_plan{};
    };
    bool logs = false;
    for (std::size_t choice = 0; choice <= spec_.weighting.options.size(); ++choice) {
        f->schemes.emplace_back();
        f->base.emplace_back(static_cast<std::size_t>(n_nodes), missing_value);
        for (int level = 2; level <= top; ++level) {
            const weight_options wo = choice > 0 && detail::applies(spec_.weighting_levels, level)
                                          ? spec_.weighting.options[choice - 1]
                                          : nominal(level).weights;
            f->schemes.back().push_back(wo.scheme);
            for (const auto& g : f->levels[static_cast<std::size_t>(level - 2)])
                for (int kid : g.kids) f->base.back()[static_cast<std::size_t>(kid)] = base_of(wo, fw_.at(kid));
        }
    }
    for (std::size_t choice = 0; choice <= spec_.aggregation.options.size(); ++choice) {
        f->powers.emplace_back();
        for (int level = 2; level <= top; ++level) {
            const aggregate_options& ao = choice > 0 && detail::applies(spec_.aggregation_levels, level)
                                              ? spec_.aggregation.options[choice - 1]
                                              : nominal(level).aggregate;
            f->powers.back().push_back(power_of(ao));
            logs = logs || f->powers.back().back() == 0;
        }
    }
    for (const layer_data& l : layers_) {
        f->layers.push_back(extra_of(l.values, logs));
        bool every_row = l.rows.size() == data_.regions.size();
        for (std::size_t i = 0; i < l.rows.size() && every_row; ++i)
            every_row = l.rows[i] == static_cast<Eigen::Index>(i);
        f->layers.back().every_row = every_row;
    }
    std::size_t groups = 0;
    for (const auto& level : f->levels) groups += level.size();
    f->every_aggregate_scored = groups == aggregates_.size();  // one distinct column per group
    fast_ = std::move(f);
}

double uncertainty_model::base_weight(int node, int weighting_choice) const {
    return fast_->base[static_cast<std::size_t>(weighting_choice + 1)][static_cast<std::size_t>(node)];
}

namespace {

/// The children of g as columns for a mean of power p: indicator columns of the layer (their
/// logarithms for the geometric mean), aggregate columns already scored (logarithms taken
/// here). False where a mean of power ≤ 0 meets a score that is not positive.
bool gather_kids(const fast_layout& f, std::size_t layer, const Eigen::MatrixXd& values, const fast_layout::group& g,
                 double p, fast_scratch& s) {
    const fast_layout::layer_extra& e = f.layers[layer];
    const Eigen::Index n = values.rows();
    s.kids.clear();
    for (int kid : g.kids) {
        const int leaf = f.leaf_column[static_cast<std::size_t>(kid)];
        if (leaf >= 0) {
            const auto c = static_cast<std::size_t>(leaf);
            if (p <= 0 && !e.positive[c]) return false;
            const Eigen::MatrixXd& from = p == 0 ? e.logs : values;
            s.kids.push_back({from.data() + leaf * n, e.complete[c] != 0, values.data() + leaf * n});
            continue;
        }
        const auto c = static_cast<Eigen::Index>(f.aggregate_column[static_cast<std::size_t>(kid)]);
        const double* x = s.aggregated.col(c).data();
        const double* value = x;
        if (p <= 0)
            for (Eigen::Index u = 0; u < n; ++u)
                if (detail::present(x[u]) && !(x[u] > 0)) return false;
        if (p == 0) {
            double* logs = s.logs.col(c).data();
            for (Eigen::Index u = 0; u < n; ++u) logs[u] = detail::present(x[u]) ? std::log(x[u]) : missing_value;
            x = logs;
        }
        s.kids.push_back({x, s.complete[static_cast<std::size_t>(c)] != 0, value});
    }
    return true;
}

/// Whether any child of a group of this level has a drawn weight (plans() then turns an
/// equal scheme into fixed weights of 1 with the drawn ones in place).
bool drawn_at(const std::vector<fast_layout::group>& groups, const replication_draw& d) {
    for (const auto& g : groups)
        for (int kid : g.kids)
            if (!std::isnan(d.weights[static_cast<std::size_t>(kid)])) return true;
    return false;
}

}  // namespace

bool uncertainty_model::fast_scores(const replication_draw& d, fast_scratch& s, Eigen::MatrixXd& out) const {
    constexpr score_range unknown{std::numeric_limits<std::size_t>::max(), 0, 0};
    s.ranges.assign(aggregates_.size(), unknown);
    if (d.excluded >= 0) return false;
    const fast_layout& f = *fast_;
    const layer_data& l = layers_[d.layer];
    const Eigen::Index n = l.values.rows();
    const auto nodes = static_cast<Eigen::Index>(aggregates_.size());
    if (!f.every_aggregate_scored)
        s.aggregated.setConstant(n, nodes, missing_value);
    else if (s.aggregated.rows() != n || s.aggregated.cols() != nodes)
        s.aggregated.resize(n, nodes);  // every column written below before it is read
    if (s.logs.rows() != n || s.logs.cols() != nodes) s.logs.resize(n, nodes);
    s.complete.assign(static_cast<std::size_t>(nodes), 0);
    Eigen::VectorXd w;
    for (std::size_t level = 0; level < f.levels.size(); ++level) {
        const weighting scheme = f.schemes[static_cast<std::size_t>(d.weighting + 1)][level];
        const double p = f.powers[static_cast<std::size_t>(d.aggregation + 1)][level];
        if (f.levels[level].empty()) continue;
        if (!weights_from_framework(scheme) || std::isnan(p)) return false;
        const bool drawn = drawn_at(f.levels[level], d);
        for (const auto& g : f.levels[level]) {
            if (!group_shares(f, d, g, scheme, drawn, w) || !gather_kids(f, d.layer, l.values, g, p, s)) return false;
            double* column = s.aggregated.col(static_cast<Eigen::Index>(g.column)).data();
            const score_range range = weighted_mean(w, p, n, s, column);
            s.complete[g.column] = range.present == static_cast<std::size_t>(n);
            s.ranges[g.column] = range;
        }
    }
    if (static_cast<std::size_t>(n) == data_.regions.size() && f.layers[d.layer].every_row) {
        out.swap(s.aggregated);  // s.aggregated is filled again by the next replication
        return true;
    }
    s.ranges.assign(aggregates_.size(), unknown);  // the rows placed below: other columns
    out.setConstant(static_cast<Eigen::Index>(data_.regions.size()), nodes, missing_value);
    for (Eigen::Index c = 0; c < nodes; ++c)
        for (std::size_t i = 0; i < l.rows.size(); ++i)
            out(l.rows[i], c) = s.aggregated(static_cast<Eigen::Index>(i), c);
    return true;
}

Eigen::MatrixXd uncertainty_model::scores(const replication_draw& d) const {
    fast_scratch s;
    Eigen::MatrixXd out;
    if (fast_scores(d, s, out)) return out;
    return general_scores(d);
}

bool uncertainty_model::fast_path_covers(const replication_draw& d) const {
    fast_scratch s;
    Eigen::MatrixXd out;
    return fast_scores(d, s, out);
}

namespace {

/// detail::order_key without its branches (it runs for every score of every replication, and
/// the signs of z-scores are a coin toss for the branch predictor): unsigned keys in the order
/// of the values, −0 as +0 (−0 + 0 is +0) so that equal values tie.
inline std::uint64_t order_key(double v) {
    v += 0.0;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    const std::uint64_t negative = std::uint64_t{0} - (bits >> 63);  // all ones for a negative value
    return bits ^ (negative | (std::uint64_t{1} << 63));
}

constexpr std::uint64_t lower_half = 0xffffffffu;

/// Elements (upper half of an order key << 32 | unit) sorted on their upper half: an LSD radix
/// sort, 11 bits a pass, passes where every element has the same digit skipped (the bucket
/// ranking sorts its 22-bit buckets itself: rank_buckets).
template <int Passes = 3>
void sort_upper(std::vector<std::uint64_t>& a, std::vector<std::uint64_t>& spare) {
    if (a.size() < 64) {
        std::sort(a.begin(), a.end());
        return;
    }
    std::array<std::array<std::uint32_t, 2048>, Passes> count{};
    for (const std::uint64_t e : a)
        for (int pass = 0; pass < Passes; ++pass)
            ++count[static_cast<std::size_t>(pass)][(e >> (32 + 11 * pass)) & 2047];
    spare.resize(a.size());
    for (int pass = 0; pass < Passes; ++pass) {
        auto& c = count[static_cast<std::size_t>(pass)];
        const int shift = 32 + 11 * pass;
        if (c[(a.front() >> shift) & 2047] == a.size()) continue;
        std::uint32_t at = 0;
        for (auto& digit : c) at += std::exchange(digit, at);
        for (const std::uint64_t e : a) spare[c[(e >> shift) & 2047]++] = e;
        a.swap(spare);
    }
}

}  // namespace

namespace {

/// What a missing score's rank is written as: NaN, or 0 for an integer rank.
template <class Rank>
constexpr Rank no_rank() {
    if constexpr (std::is_floating_point_v<Rank>)
        return std::numeric_limits<Rank>::quiet_NaN();
    else
        return Rank{0};
}

/// Elements a[k, end) sharing their upper half (their bucket: the bits above `Unit`), sorted on
/// the whole order key of their scores and ranked: equal values get the lowest rank of their
/// run (k + 1 for the first).
template <int Unit = 32, class Element, class Rank>
void rank_run(const double* x, Element* a, std::size_t k, std::size_t end, Rank* r) {
    constexpr Element unit_mask = (Element{1} << Unit) - 1;
    auto whole_key = [&](Element e) { return order_key(-x[e & unit_mask]); };
    std::sort(a + k, a + end, [&](Element p, Element q) { return whole_key(p) < whole_key(q); });
    std::size_t rank = k + 1;  // equal values share the lowest rank of their run
    for (std::size_t j = k; j < end; ++j) {
        if (j > k && whole_key(a[j]) != whole_key(a[j - 1])) rank = j + 1;
        r[a[j] & unit_mask] = static_cast<Rank>(rank);
    }
}

/// Ranks from elements (upper half: a key in the order of decreasing scores << 32 | unit):
/// sorted on that half, runs tying on it sorted on the whole order key, equal values given
/// the lowest rank of their run — one pass writing the ranks, the rare runs handled as met.
template <int Passes, class Rank>
void rank_elements(const double* x, fast_scratch& s, Rank* r) {
    std::vector<std::uint64_t>& a = s.keys;
    sort_upper<Passes>(a, s.spare);
    const std::size_t m = a.size();
    for (std::size_t k = 0; k < m;) {
        const std::uint64_t upper = a[k] >> 32;
        if (k + 1 == m || (a[k + 1] >> 32) != upper) {
            r[a[k] & lower_half] = static_cast<Rank>(k + 1);
            ++k;
            continue;
        }
        std::size_t end = k + 2;
        while (end < m && (a[end] >> 32) == upper) ++end;
        rank_run(x, a.data(), k, end, r);
        k = end;
    }
}

/// counts[0, Digits) turned into their exclusive prefix sums (where each digit's elements
/// start), two arrays at once; SSE2 four counts at a time where there is one.
template <std::uint32_t Digits>
void start_positions(std::uint32_t* c0, std::uint32_t* c1) {
    std::size_t i = 0;
#if defined(__SSE2__)
    __m128i at0 = _mm_setzero_si128(), at1 = _mm_setzero_si128();  // the running total in every lane
    auto step = [](std::uint32_t* c, __m128i& at) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(c));
        __m128i sum = _mm_add_epi32(v, _mm_slli_si128(v, 4));
        sum = _mm_add_epi32(sum, _mm_slli_si128(sum, 8));  // inclusive sums of the four
        const __m128i total = _mm_add_epi32(at, sum);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(c), _mm_sub_epi32(total, v));
        at = _mm_shuffle_epi32(total, 0xff);
    };
    for (; i < Digits; i += 4) step(c0 + i, at0), step(c1 + i, at1);
#endif
    for (std::uint32_t a0 = 0, a1 = 0; i < Digits; ++i) a0 += std::exchange(c0[i], a0), a1 += std::exchange(c1[i], a1);
}

/// The elements of the bucket ranking: `Element` holds (bucket << Unit | unit), the bucket in
/// 2·Digit bits sorted by two radix passes of Digit bits. 64-bit elements (2²² buckets, a
/// 32-bit unit) for any column; 32-bit ones (2²⁰ buckets, a 12-bit unit) for columns of at
/// most 4,096 scores: half the bytes to move and half the counters to sum, and a ranking's
/// working memory (elements, their copy, the counters, the ranks) fits in L1.
template <class Element, int Unit, int Digit>
struct bucket_layout {
    using element = Element;
    static constexpr int unit = Unit, digit = Digit;
    static constexpr std::uint32_t digits = 1u << Digit, buckets = 1u << (2 * Digit);
};
using wide_buckets = bucket_layout<std::uint64_t, 32, 11>;
using narrow_buckets = bucket_layout<std::uint32_t, 12, 10>;

/// The first place k in [from, m), from ≥ 1, whose element shares its bucket with the one
/// before (m if none): a scan of the sorted elements, four 32-bit ones at a time in SSE2 — a
/// column of 3,000 scores has a few such places, most blocks of four have none.
template <class L>
std::size_t first_shared(const typename L::element* a, std::size_t from, std::size_t m) {
    std::size_t k = from;
#if defined(__SSE2__)
    if constexpr (sizeof(typename L::element) == 4) {
        const __m128i zero = _mm_setzero_si128();
        for (; k + 4 <= m; k += 4) {
            const __m128i here = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + k));
            const __m128i before = _mm_loadu_si128(reinterpret_cast<const __m128i*>(a + k - 1));
            const __m128i bucket = _mm_srli_epi32(_mm_xor_si128(here, before), L::unit);
            if (_mm_movemask_epi8(_mm_cmpeq_epi32(bucket, zero)) != 0) break;
        }
    }
#endif
    for (; k < m; ++k)
        if (((a[k] ^ a[k - 1]) >> L::unit) == 0) return k;
    return m;
}

/// Ranks from the m ≥ 1 elements (bucket << L::unit | unit, a higher bucket for a lower score)
/// in a[0, m): an LSD radix sort of L::digit-bit digits (b: the copy between the passes) whose
/// second scatter writes each element's rank (its place + 1) as it places it. Elements sharing
/// a bucket share both digits, so the first pass keeps them together and the second places them
/// side by side: a scan of the sorted elements (first_shared) finds those runs, and only they
/// are sorted on the whole order key.
template <class L, class Rank>
void rank_buckets(const double* x, std::size_t m, typename L::element* a, typename L::element* b, Rank* r) {
    using E = typename L::element;
    constexpr int low = L::unit, high = L::unit + L::digit;
    constexpr E mask = L::digits - 1;
    std::array<std::array<std::uint32_t, 2048>, 2> count{};
    for (std::size_t k = 0; k < m; ++k) {
        const E e = a[k];
        ++count[0][(e >> low) & mask], ++count[1][(e >> high) & mask];
    }
    start_positions<L::digits>(count[0].data(), count[1].data());
    for (std::size_t k = 0; k < m; ++k) {
        const E e = a[k];
        b[count[0][(e >> low) & mask]++] = e;
    }
    for (std::size_t k = 0; k < m; ++k) {
        const E e = b[k];
        const std::uint32_t at = count[1][(e >> high) & mask]++;
        a[at] = e;
        r[e & ((E{1} << L::unit) - 1)] = static_cast<Rank>(at + 1);
    }
    // the runs of elements sharing a bucket (side by side now), each sorted on the whole key
    auto same = [&](std::size_t k) { return ((a[k] ^ a[k - 1]) >> low) == 0; };
    for (std::size_t k = first_shared<L>(a, 1, m); k < m; k = first_shared<L>(a, k, m)) {
        std::size_t end = k + 1;
        while (end < m && same(end)) ++end;
        rank_run<L::unit>(x, a, k - 1, end, r);
        k = end;
    }
}

template <class Rank>
void radix_ranks(const double* x, std::size_t n, fast_scratch& s, Rank* r) {
    std::vector<std::uint64_t>& a = s.keys;
    a.clear();
    for (std::size_t i = 0; i < n; ++i) {
        r[i] = no_rank<Rank>();
        if (detail::present(x[i])) a.push_back((order_key(-x[i]) & ~lower_half) | i);
    }
    rank_elements<3>(x, s, r);
}

/// The elements of the present scores of x[0, n) under layout L (the bucket (x − low)·scale,
/// a higher bucket for a lower score), ranked by rank_buckets.
template <class L, class Rank>
void bucket_elements(const double* x, std::size_t n, std::size_t present, double low, double scale,
                     std::vector<typename L::element>& keys, std::vector<typename L::element>& spare, Rank* r) {
    using E = typename L::element;
    constexpr std::uint32_t buckets = L::buckets;
    keys.resize(present);
    spare.resize(present);
    E* a = keys.data();
    // x − low ≥ 0 and rounding is monotone: a > b ⇒ bucket(a) ≥ bucket(b); the highest first
    auto element = [&](std::size_t i) {
        // below 2²² + 1 (and ≥ 0): exact through int32, which converts in one vector instruction
        const auto bucket =
            std::min(buckets - 1, static_cast<std::uint32_t>(static_cast<std::int32_t>((x[i] - low) * scale)));
        return static_cast<E>(E{buckets - 1 - bucket} << L::unit | i);
    };
    if (present == n) {  // no score missing (the usual case): no branch, every rank written below
        for (std::size_t i = 0; i < n; ++i) a[i] = element(i);
    } else {
        std::size_t k = 0;
        for (std::size_t i = 0; i < n; ++i) {
            r[i] = no_rank<Rank>();
            if (detail::present(x[i])) a[k++] = element(i);
        }
    }
    rank_buckets<L>(x, present, a, spare.data(), r);
}

template <class Rank>
void bucket_ranks(const double* x, std::size_t n, fast_scratch& s, Rank* r, const score_range* known = nullptr) {
    const score_range b = known != nullptr && known->present <= n ? *known : score_bounds(x, n);
    const std::size_t present = b.present;
    const double low = b.low, high = b.high;
    // the narrower of the two layouts: the scale that spreads [low, high] over the fewer buckets
    const double scale =
        ((n <= (std::size_t{1} << narrow_buckets::unit) ? narrow_buckets::buckets : wide_buckets::buckets) - 1) /
        (high - low);
    if (present < 64 || !(high > low) || !(scale > 0) || !std::isfinite(scale)) {
        radix_ranks(x, n, s, r);
        return;
    }
    if (n <= (std::size_t{1} << narrow_buckets::unit))
        bucket_elements<narrow_buckets>(x, n, present, low, scale, s.keys32, s.spare32, r);
    else
        bucket_elements<wide_buckets>(x, n, present, low, scale, s.keys, s.spare, r);
}

}  // namespace

void rank_descending_radix(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, double* r) {
    radix_ranks(x, n, s, r);
}

void rank_descending(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, double* r) {
    bucket_ranks(x, n, s, r);
}

void rank_descending(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, std::uint16_t* r,
                     const score_range* known) {
    bucket_ranks(x, n, s, r, known);
}

void rank_descending(const double* x, std::size_t n, uncertainty_model::fast_scratch& s, std::uint32_t* r,
                     const score_range* known) {
    bucket_ranks(x, n, s, r, known);
}

}  // namespace zhibiao::composite
