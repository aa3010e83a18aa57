// Denomination, screening and imputation (zhibiao/composite/prepare.hpp), compiled once.
#include "zhibiao/composite/prepare.hpp"

#include "steps_into.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace zhibiao::composite {
namespace detail {

std::pair<double, double> simple_regression(const Eigen::Ref<const Eigen::VectorXd>& x,
                                            const Eigen::Ref<const Eigen::VectorXd>& y) {
    double n = 0, sx = 0, sy = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (present(x(i)) && present(y(i))) ++n, sx += x(i), sy += y(i);
    const double mx = sx / n, my = sy / n;
    double sxy = 0, sxx = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (present(x(i)) && present(y(i))) sxy += (x(i) - mx) * (y(i) - my), sxx += (x(i) - mx) * (x(i) - mx);
    const double b = sxy / sxx;
    return {my - b * mx, b};
}

void impute_by_regression(const Eigen::Ref<const Eigen::MatrixXd>& x, imputed& out, bool clip,
                          std::vector<out_of_range>* outside) {
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        if (!x.col(j).hasNaN()) continue;
        double low = missing_value, high = missing_value;
        for (Eigen::Index i = 0; i < x.rows(); ++i)
            if (present(x(i, j)))
                low = present(low) ? std::min(low, x(i, j)) : x(i, j),
                high = present(high) ? std::max(high, x(i, j)) : x(i, j);
        // Candidates by |r|, strongest first; the first one present for the region is used. A
        // predictor needs at least three regions where both are present: over two, any two
        // columns correlate perfectly (|r| = 1), so the line through two points would win over
        // every real relation and extrapolate from them.
        constexpr int fewest_shared = 3;
        std::vector<std::pair<double, Eigen::Index>> candidates;
        for (Eigen::Index k = 0; k < x.cols(); ++k) {
            if (k == j) continue;
            int shared = 0;
            for (Eigen::Index i = 0; i < x.rows(); ++i) shared += present(x(i, k)) && present(x(i, j));
            const double r = shared < fewest_shared ? missing_value : correlation(x.col(k), x.col(j));
            if (present(r)) candidates.push_back({-std::abs(r), k});
        }
        std::sort(candidates.begin(), candidates.end());
        std::map<Eigen::Index, std::pair<double, double>> fits;
        for (Eigen::Index i = 0; i < x.rows(); ++i) {
            if (present(x(i, j))) continue;
            for (const auto& [r, k] : candidates) {
                if (!present(x(i, k))) continue;
                auto fit = fits.find(k);
                if (fit == fits.end()) fit = fits.emplace(k, simple_regression(x.col(k), x.col(j))).first;
                const double predicted = fit->second.first + fit->second.second * x(i, k);
                // A line extrapolates without limit: past the observed range it invents values
                // (negative patents per head) that then become the column's extreme and move
                // every region's normalised score. Clipped as sklearn's IterativeImputer does with
                // min_value/max_value, to the range the data show.
                const bool beyond = predicted < low || predicted > high;
                if (beyond && outside) outside->push_back({i, j, predicted, low, high});
                out.values(i, j) = beyond && clip ? std::clamp(predicted, low, high) : predicted;
                out.marks(i, j) = static_cast<std::uint8_t>(mark::imputed_regression);
                break;
            }
        }
    }
}

}  // namespace detail

Eigen::MatrixXd denominate(const Eigen::MatrixXd& x, const Eigen::MatrixXd& denominator, const Eigen::VectorXd& scale) {
    if (denominator.rows() != x.rows() || denominator.cols() != x.cols() || scale.size() != x.cols())
        throw error("denominate: the denominators do not match the indicators' shape");
    Eigen::MatrixXd out = x;
    for (Eigen::Index j = 0; j < x.cols(); ++j)
        detail::denominate_column(x.col(j), denominator.col(j), scale(j), out.col(j));
    return out;
}

namespace detail {

void denominate_column(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& denominator,
                       double scale, Eigen::Ref<Eigen::VectorXd> out) {
    if (!present(scale)) return;  // not denominated
    for (Eigen::Index i = 0; i < x.size(); ++i) {
        const double d = denominator(i);
        // A size (population, GDP, area) is positive: a ratio over zero or a negative one is
        // undefined, missing with its reason (zero_denominator, negative_denominator), as the
        // catalogue's ratios are.
        out(i) = d > 0 ? x(i) / d * scale : missing_value;
    }
}

}  // namespace detail

screening screen(const Eigen::Ref<const Eigen::MatrixXd>& x, const screen_options& o) {
    screening s;
    s.availability.resize(x.rows());
    s.zero_share.resize(x.rows());
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
        double present = 0, zeros = 0;
        for (Eigen::Index j = 0; j < x.cols(); ++j) present += detail::present(x(i, j)), zeros += x(i, j) == 0;
        s.availability(i) = x.cols() ? present / static_cast<double>(x.cols()) : 1;
        // Among the values present, as COINr's get_data_avail (Prc_nonzero): over every indicator a
        // region's gaps would count as non-zero values and keep it in.
        s.zero_share(i) = present > 0 ? zeros / present : 0;
        (s.availability(i) >= o.min_availability && s.zero_share(i) <= o.max_zero_share ? s.kept : s.dropped)
            .push_back(i);
    }
    return s;
}

imputed impute(const Eigen::Ref<const Eigen::MatrixXd>& x, const impute_options& o) {
    imputed out{Eigen::MatrixXd(x.rows(), x.cols()), mark_matrix()};
    out.marks = detail::impute_into(x, o, out.values);
    return out;
}

mark_matrix detail::impute_into(const Eigen::Ref<const Eigen::MatrixXd>& x, const impute_options& o,
                                Eigen::Ref<Eigen::MatrixXd> values, std::vector<out_of_range>* outside) {
    values = x;
    mark_matrix marks = mark_matrix::Zero(x.rows(), x.cols());
    switch (o.method) {
        case imputation::none:
            break;
        case imputation::mean:
        case imputation::median:
            for (Eigen::Index j = 0; j < x.cols(); ++j) {
                const double fill = o.method == imputation::mean ? detail::mean(x.col(j))
                                                                 : detail::median(detail::values_present(x.col(j)));
                const mark m = o.method == imputation::mean ? mark::imputed_mean : mark::imputed_median;
                for (Eigen::Index i = 0; i < x.rows(); ++i)
                    if (!detail::present(x(i, j))) values(i, j) = fill, marks(i, j) = static_cast<std::uint8_t>(m);
            }
            break;
        case imputation::group_mean:
        case imputation::group_median: {
            if (o.group.size() != static_cast<std::size_t>(x.rows()))
                throw error("group imputation needs a group label for every region");
            // Group numbers once; then one pass per column for the means.
            // Numbered in order of first appearance; a hash map, as the numbers only index the sums.
            std::unordered_map<std::string_view, int> number;
            number.reserve(o.group.size());
            // A region without a label (an empty one: the group is missing) is in no group: its
            // values fill no other region's cells, and its own missing cells are left missing
            // (not_imputable), as COINr's i_mean_grp leaves a unit whose group is NA. Pooling the
            // unlabelled regions as one group would fill them from unrelated regions.
            constexpr int no_group = -1;
            std::vector<int> g(o.group.size());
            for (std::size_t i = 0; i < o.group.size(); ++i)
                g[i] = o.group[i].empty() ? no_group
                                          : number.emplace(o.group[i], static_cast<int>(number.size())).first->second;
            const std::size_t groups = number.size();
            const mark m = o.method == imputation::group_mean ? mark::imputed_group_mean : mark::imputed_group_median;
            std::vector<double> sum(groups), count(groups), fill(groups);
            std::vector<std::vector<double>> members(o.method == imputation::group_median ? groups : 0);
            // Each column through plain pointers: indexed through the Ref, its data pointer and
            // stride were loaded again for every row (the sums' stores might have changed them).
            const int* gi = g.data();
            double* sums = sum.data();
            double* counts = count.data();
            for (Eigen::Index j = 0; j < x.cols(); ++j) {
                if (!x.col(j).hasNaN()) continue;
                const double* xc = x.col(j).data();
                double* vc = values.col(j).data();
                std::uint8_t* mc = marks.col(j).data();
                std::fill(sum.begin(), sum.end(), 0.0), std::fill(count.begin(), count.end(), 0.0);
                for (auto& v : members) v.clear();
                for (Eigen::Index i = 0; i < x.rows(); ++i)
                    if (detail::present(xc[i]) && gi[i] != no_group) {
                        const auto k = static_cast<std::size_t>(gi[i]);
                        sums[k] += xc[i], ++counts[k];
                        if (!members.empty()) members[k].push_back(xc[i]);
                    }
                for (std::size_t k = 0; k < groups; ++k)
                    fill[k] =
                        members.empty() ? (count[k] ? sum[k] / count[k] : missing_value) : detail::median(members[k]);
                for (Eigen::Index i = 0; i < x.rows(); ++i)
                    if (!detail::present(xc[i]) && gi[i] != no_group)
                        vc[i] = fill[static_cast<std::size_t>(gi[i])], mc[i] = static_cast<std::uint8_t>(m);
            }
            break;
        }
        case imputation::latest:
            if (o.previous.rows() != x.rows() || o.previous.cols() != x.cols())
                throw error("imputation from the latest value needs the earlier values in the shape of the data");
            for (Eigen::Index j = 0; j < x.cols(); ++j)
                for (Eigen::Index i = 0; i < x.rows(); ++i)
                    if (!detail::present(x(i, j)))
                        values(i, j) = o.previous(i, j), marks(i, j) = static_cast<std::uint8_t>(mark::imputed_latest);
            break;
        case imputation::regression: {
            imputed out{x, std::move(marks)};  // rare and slow anyway: its own matrix
            detail::impute_by_regression(x, out, o.clip, outside);
            values = out.values;
            marks = std::move(out.marks);
            break;
        }
    }
    const auto left =  // left missing: by choice (none) or for want of values
        static_cast<std::uint8_t>(o.method == imputation::none ? mark::not_imputed : mark::not_imputable);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
        const double* vc = values.col(j).data();
        std::uint8_t* mc = marks.col(j).data();
        for (Eigen::Index i = 0; i < x.rows(); ++i) mc[i] = detail::present(vc[i]) ? mc[i] : left;
    }
    return marks;
}

}  // namespace zhibiao::composite
