// Sensitivity indices (uncertainty.hpp): Saltelli's design, the Saltelli 2010 / Jansen
// estimators with a bootstrap, and the analysis of a composite's ranks.
#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <stdexcept>
#include <thread>

#include "code_suggestion.hpp"
#include "uncertainty_fast.hpp"
#include "zhibiao/composite/options.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "core/memory_budget.hpp"
#include "core/thread_pool.hpp"

namespace zhibiao::composite {
namespace {

struct estimate {
    Eigen::VectorXd first, total;
    double variance;
};

/// The estimators on the rows `rows` (0 … n−1, repeated in a bootstrap resample).
estimate estimate_on(const Eigen::Ref<const Eigen::VectorXd>& y, std::size_t n, std::size_t d,
                     const std::vector<std::size_t>& rows) {
    const double m = static_cast<double>(rows.size());
    auto at = [&](std::size_t block, std::size_t r) { return y(static_cast<Eigen::Index>(block * n + rows[r])); };
    double mean = 0;
    bool varies = false;  // tested exactly: the rounding of a constant's mean (0.4) left a variance of 1e-30
    for (std::size_t r = 0; r < rows.size(); ++r) {
        mean += at(0, r) + at(1, r);
        varies |= at(0, r) != at(0, 0) || at(1, r) != at(0, 0);
    }
    mean /= 2 * m;
    double ss = 0;
    for (std::size_t r = 0; r < rows.size(); ++r)
        ss += (at(0, r) - mean) * (at(0, r) - mean) + (at(1, r) - mean) * (at(1, r) - mean);
    estimate e{Eigen::VectorXd(static_cast<Eigen::Index>(d)), Eigen::VectorXd(static_cast<Eigen::Index>(d)),
               varies ? ss / (2 * m - 1) : 0.0};
    for (std::size_t i = 0; i < d; ++i) {
        double s = 0, st = 0;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const double a = at(0, r), b = at(1, r), ab = at(2 + i, r);
            s += b * (ab - a), st += (a - ab) * (a - ab);
        }
        const bool spread = e.variance > 0 && std::isfinite(e.variance);
        e.first(static_cast<Eigen::Index>(i)) = spread ? s / m / e.variance : missing_value;
        e.total(static_cast<Eigen::Index>(i)) = spread ? st / (2 * m * e.variance) : missing_value;
    }
    return e;
}

double percentile(std::vector<double> v, double p) {
    v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
    if (v.empty()) return missing_value;
    std::sort(v.begin(), v.end());
    const double h = static_cast<double>(v.size() - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

sobol_indices sobol_estimate(const Eigen::Ref<const Eigen::VectorXd>& y, std::size_t n, std::size_t d,
                             std::size_t bootstrap, double level, std::uint64_t seed) {
    if (n < 2) throw argument_error("sobol_estimate: n must be at least 2");
    if (static_cast<std::size_t>(y.size()) != n * (d + 2))
        throw argument_error("sobol_estimate: " + std::to_string(y.size()) +
                             " outputs, but n·(d + 2) = " + std::to_string(n * (d + 2)));
    if (!(level > 0 && level < 1)) throw argument_error("sobol_estimate: level must be in (0, 1)");
    // Centred on the mean of every run, as SALib centres (and scales) its outputs: the numerator
    // mean(yB·(yABi − yA)) of an output c + f carries c·mean(yABi − yA), noise that grew with the
    // offset (S = 0.41 for 0.2 at c = 100, n = 1024; ranks sit around (units + 1)/2). Same
    // expectation, and the total index and the variance do not change.
    const Eigen::VectorXd centred = (y.array() - y.mean()).matrix();
    std::vector<std::size_t> rows(n);
    for (std::size_t r = 0; r < n; ++r) rows[r] = r;
    const estimate whole = estimate_on(centred, n, d, rows);
    sobol_indices out;
    out.first = whole.first, out.total = whole.total, out.variance = whole.variance;
    const auto D = static_cast<Eigen::Index>(d);
    for (Eigen::VectorXd* v : {&out.first_low, &out.first_high, &out.total_low, &out.total_high})
        *v = Eigen::VectorXd::Constant(D, missing_value);
    if (bootstrap == 0) return out;
    // Each resample's indices are kept for the percentiles: 2·d numbers a resample. Refused before
    // allocating, as a design too large is (bootstrap = 2⁶² grew until the process was killed).
    zhibiao::detail::check_memory(zhibiao::detail::counted(bootstrap, "bootstrap resample"),
                                  zhibiao::detail::saturating_product({bootstrap, d, 2 * sizeof(double)}),
                                  "; ask for fewer resamples");
    std::vector<std::vector<double>> firsts(d), totals(d);
    for (std::size_t i = 0; i < d; ++i) firsts[i].reserve(bootstrap), totals[i].reserve(bootstrap);
    for (std::size_t b = 0; b < bootstrap; ++b) {
        if (b % 256 == 255) poll_interrupt();  // a long bootstrap stops at a deadline or Ctrl-C
        for (std::size_t r = 0; r < n; ++r)
            rows[r] = std::min(
                n - 1, static_cast<std::size_t>(stream_uniform(seed ^ 0x5B0B0175ULL, b, r) * static_cast<double>(n)));
        const estimate e = estimate_on(centred, n, d, rows);
        for (std::size_t i = 0; i < d; ++i)
            firsts[i].push_back(e.first(static_cast<Eigen::Index>(i))),
                totals[i].push_back(e.total(static_cast<Eigen::Index>(i)));
    }
    const double tail = (1 - level) / 2;
    for (std::size_t i = 0; i < d; ++i) {
        const auto ii = static_cast<Eigen::Index>(i);
        out.first_low(ii) = percentile(firsts[i], tail), out.first_high(ii) = percentile(firsts[i], 1 - tail);
        out.total_low(ii) = percentile(totals[i], tail), out.total_high(ii) = percentile(totals[i], 1 - tail);
    }
    return out;
}

namespace {

// Saltelli's design holds n × 2·dims draws and n·(groups + 2) runs of dims each; a sensitivity
// analysis adds one output row (units + 1 numbers) per run. Refused before anything is allocated.
void check_design_memory(std::size_t n, std::size_t dims, std::size_t groups, std::size_t outputs) {
    using zhibiao::detail::saturating_product;
    const std::size_t runs = saturating_product({n, groups + 2});
    const std::size_t bytes = zhibiao::detail::saturating_sum({saturating_product({n, 2 * dims, sizeof(double)}),
                                                               saturating_product({runs, dims, 2 * sizeof(double)}),
                                                               saturating_product({runs, outputs, sizeof(double)})});
    zhibiao::detail::check_memory("Saltelli's design with n = " + std::to_string(n) + " and " +
                                      zhibiao::detail::counted(groups, "input") + " (" + std::to_string(runs) +
                                      " runs)",
                                  bytes, "; ask for a smaller n");
}

}  // namespace

Eigen::MatrixXd saltelli_design(std::size_t n, std::size_t dims, const std::vector<std::size_t>& groups, bool random,
                                std::uint64_t seed) {
    for (std::size_t i = 0; i < groups.size(); ++i)
        if (groups[i] >= dims || (i && groups[i] <= groups[i - 1]))
            throw argument_error("saltelli_design: the groups' first columns must ascend below dims");
    check_design_memory(n, dims, groups.size(), 0);
    const auto N = static_cast<Eigen::Index>(n), D = static_cast<Eigen::Index>(dims),
               G = static_cast<Eigen::Index>(groups.size());
    Eigen::MatrixXd base(N, 2 * D);
    if (random) {
        for (Eigen::Index r = 0; r < N; ++r)
            for (Eigen::Index c = 0; c < 2 * D; ++c)
                base(r, c) = stream_uniform(seed, static_cast<std::uint64_t>(r), static_cast<std::uint64_t>(c));
    } else if (D > 0) {
        std::unique_ptr<boost::random::sobol> points;
        try {
            points = std::make_unique<boost::random::sobol>(static_cast<std::size_t>(2 * D));
        } catch (const std::exception& e) {
            throw argument_error("saltelli_design: no Sobol sequence of dimension " + std::to_string(2 * D) + " (" +
                                 e.what() + "); use random = true");
        }
        // Boost's engine already leaves out the all-zero first point: its first is (½, …, ½), Joe &
        // Kuo's second. A discard here also dropped that one (before 5 December 2026).
        for (Eigen::Index r = 0; r < N; ++r)
            for (Eigen::Index c = 0; c < 2 * D; ++c)
                base(r, c) = std::min(std::ldexp(static_cast<double>((*points)()), -64), 1 - 0x1p-53);
    }
    Eigen::MatrixXd out(N * (G + 2), D);
    out.topRows(N) = base.leftCols(D);
    out.middleRows(N, N) = base.rightCols(D);
    for (Eigen::Index i = 0; i < G; ++i) {
        const auto from = static_cast<Eigen::Index>(groups[static_cast<std::size_t>(i)]);
        const Eigen::Index to = i + 1 < G ? static_cast<Eigen::Index>(groups[static_cast<std::size_t>(i + 1)]) : D;
        Eigen::MatrixXd ab = base.leftCols(D);
        ab.middleCols(from, to - from) = base.middleCols(D + from, to - from);
        out.middleRows((2 + i) * N, N) = ab;
    }
    return out;
}

sensitivity_result uncertainty_model::sensitivity(const sensitivity_options& o) const {
    if (inputs_.empty()) throw argument_error("uncertainty: a sensitivity analysis needs at least one uncertain input");
    // Before the design is run, not after (sobol_estimate checks them too, for its own callers).
    if (o.n < 2)
        throw argument_error("uncertainty: the Sobol indices need n ≥ 2 rows of Saltelli's design, not " +
                             std::to_string(o.n));
    if (!(o.level > 0 && o.level < 1))
        throw argument_error(
            "uncertainty: the confidence level of the Sobol intervals must be between 0 and 1 "
            "(exclusive), not " +
            detail::format_number(o.level));
    int node = -1;
    for (std::size_t k = 0; k < aggregates_.size(); ++k)
        if (o.node.empty() ? fw_.at(aggregates_[k]).parent.empty() : fw_.at(aggregates_[k]).code == o.node)
            node = static_cast<int>(k);
    if (node < 0) {
        std::vector<std::string> codes;
        for (int k : aggregates_) codes.push_back(fw_.at(k).code);
        std::string listed;
        for (const auto& c : codes) listed += (listed.empty() ? "" : ", ") + c;
        throw unknown_indicator_error("uncertainty: no aggregate '" + o.node + "' to analyse" +
                                          detail::code_suggestion(o.node, codes) + " (aggregates: " + listed + ")",
                                      o.node);
    }
    // Weight noise at several levels is one input, as COINr's "Weights" (one noise_specs table).
    std::vector<std::string> names;
    std::vector<std::size_t> groups;
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
        if (k > 0 && inputs_[k].kind == 0 && inputs_[k - 1].kind == 0) {
            names.back() += ", " + std::to_string(inputs_[k].level);
            continue;
        }
        names.push_back(inputs_[k].name), groups.push_back(inputs_[k].first);
    }
    check_design_memory(o.n, dims_, groups.size(), data_.regions.size() + 1);
    const Eigen::MatrixXd design = saltelli_design(o.n, dims_, groups, o.random, o.seed);
    const std::size_t runs = static_cast<std::size_t>(design.rows()), units = data_.regions.size();
    Eigen::MatrixXd y(static_cast<Eigen::Index>(runs), static_cast<Eigen::Index>(units + 1));
    const Eigen::VectorXd nominal = nominal_ranks_.col(node);
    auto work = [&](std::size_t begin, std::size_t end) {
        fast_scratch scratch;
        Eigen::MatrixXd s;
        Eigen::VectorXd rk(static_cast<Eigen::Index>(units));
        for (std::size_t r = begin; r < end; ++r) {
            const Eigen::RowVectorXd u = design.row(static_cast<Eigen::Index>(r));
            const replication_draw d = decode(u.data());
            if (!fast_scores(d, scratch, s)) s = general_scores(d);
            rank_descending(s.col(node).data(), units, scratch, rk.data());
            double shift = 0, counted = 0;
            for (Eigen::Index i = 0; i < rk.size(); ++i)
                if (!std::isnan(rk(i)) && !std::isnan(nominal(i))) shift += std::abs(rk(i) - nominal(i)), ++counted;
            y.row(static_cast<Eigen::Index>(r)) << rk.transpose(), (counted ? shift / counted : missing_value);
        }
    };
    const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
    const std::size_t piece = 256;
    for (std::size_t begin = 0; begin < runs; begin += piece * threads) {
        zhibiao::detail::run_in_threads(threads, [&](std::size_t t) {
            const std::size_t b = std::min(runs, begin + t * piece);
            work(b, std::min(runs, b + piece));
        });
        if (o.progress) o.progress(std::min(runs, begin + piece * threads), runs);
        poll_interrupt();
    }
    sensitivity_result out;
    out.inputs = names, out.outputs = data_.regions, out.n = o.n, out.runs = runs,
    out.node = fw_.at(aggregates_[static_cast<std::size_t>(node)]).code;
    out.outputs.push_back("mean_abs_rank_shift");
    for (Eigen::Index c = 0; c < y.cols(); ++c)
        out.indices.push_back(sobol_estimate(y.col(c), o.n, groups.size(), o.bootstrap, o.level, o.seed));
    return out;
}

}  // namespace zhibiao::composite
