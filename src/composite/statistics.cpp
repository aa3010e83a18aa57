// The statistics of zhibiao/composite/statistics.hpp, compiled once: every method of the
// composite calls them, and written inline they cost each including file their Eigen
// instantiations.
#include "zhibiao/composite/statistics.hpp"

#include "moments.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

namespace zhibiao::composite {
namespace detail {

std::vector<double> values_present(const Eigen::Ref<const Eigen::VectorXd>& x) {
    std::vector<double> v;
    v.reserve(static_cast<std::size_t>(x.size()));
    each_present(x, [&](double e) { v.push_back(e); });
    return v;
}

int scale_exponent(const Eigen::Ref<const Eigen::VectorXd>& x) {
    double big = 0;
    each_present(x, [&](double e) { big = std::max(big, std::abs(e)); });
    return exponent_of_largest(big);
}

int exponent_of_largest(double big) {
    if (!(big > 0) || !std::isfinite(big)) return 0;
    int e = 0;
    (void)std::frexp(big, &e);
    return e;
}

moments central_moments(const Eigen::Ref<const Eigen::VectorXd>& x) {
    const int exponent = scale_exponent(x);
    const power_of_two scale(exponent);
    double sum = 0, n = 0;
    each_present(x, [&](double e) { sum += scale.down(e), ++n; });
    return central_moments(x, exponent, sum, n);
}

moments central_moments(const Eigen::Ref<const Eigen::VectorXd>& x, int exponent, double sum, double n) {
    moments m;
    m.exponent = exponent;
    m.n = n;
    if (m.n == 0) return m;
    const power_of_two scale(exponent);
    const double mean = sum / m.n;
    m.mean = scale.up(mean);
    double s2 = 0, s3 = 0, s4 = 0;
    each_present(x, [&](double e) {
        const double d = scale.down(e) - mean, d2 = d * d;
        s2 += d2, s3 += d2 * d, s4 += d2 * d2;
    });
    m.ss = s2, m.m2 = s2 / m.n, m.m3 = s3 / m.n, m.m4 = s4 / m.n;
    return m;
}

namespace {

/// shape_of of the K columns of x from `first`, their passes interleaved row by row: each column
/// keeps its own accumulators, adding in the order central_moments adds.
template <int K>
void shapes_of(const Eigen::Ref<const Eigen::MatrixXd>& x, Eigen::Index first, shape* out) {
    const Eigen::Index rows = x.rows();
    const double* c[K];
    for (int k = 0; k < K; ++k) c[k] = x.col(first + k).data();
    double big[K];
    for (int k = 0; k < K; ++k) big[k] = 0;
    for (Eigen::Index i = 0; i < rows; ++i)
        for (int k = 0; k < K; ++k)
            if (present(c[k][i])) big[k] = std::max(big[k], std::abs(c[k][i]));
    int exponent[K];
    double factor[K], sum[K], n[K];
    for (int k = 0; k < K; ++k) {
        exponent[k] = exponent_of_largest(big[k]);
        const power_of_two scale(exponent[k]);
        factor[k] = scale.down(1.0), sum[k] = 0, n[k] = 0;  // down(e) is e * 2^-exponent, exact
    }
    bool plain = true;  // every factor a normal number: down(e) is e * factor (else ldexp, per value)
    for (int k = 0; k < K; ++k) plain = plain && exponent[k] >= -1000 && exponent[k] <= 1000;
    if (!plain) {
        for (int k = 0; k < K; ++k) out[k] = shape_of(central_moments(x.col(first + k)));
        return;
    }
    for (Eigen::Index i = 0; i < rows; ++i)
        for (int k = 0; k < K; ++k)
            if (present(c[k][i])) sum[k] += c[k][i] * factor[k], ++n[k];
    double mean[K], s2[K], s3[K], s4[K];
    for (int k = 0; k < K; ++k) mean[k] = n[k] ? sum[k] / n[k] : 0, s2[k] = s3[k] = s4[k] = 0;
    for (Eigen::Index i = 0; i < rows; ++i)
        for (int k = 0; k < K; ++k)
            if (present(c[k][i])) {
                const double d = c[k][i] * factor[k] - mean[k], d2 = d * d;
                s2[k] += d2, s3[k] += d2 * d, s4[k] += d2 * d2;
            }
    for (int k = 0; k < K; ++k) {
        moments m;
        m.exponent = exponent[k];
        m.n = n[k];
        if (m.n != 0) {
            m.mean = power_of_two(exponent[k]).up(mean[k]);
            m.ss = s2[k], m.m2 = s2[k] / m.n, m.m3 = s3[k] / m.n, m.m4 = s4[k] / m.n;
        }
        out[k] = shape_of(m);
    }
}

}  // namespace

std::vector<shape> column_shapes(const Eigen::Ref<const Eigen::MatrixXd>& x) {
    std::vector<shape> out(static_cast<std::size_t>(x.cols()));
    Eigen::Index j = 0;
    for (; j + 4 <= x.cols(); j += 4) shapes_of<4>(x, j, &out[static_cast<std::size_t>(j)]);
    for (; j < x.cols(); ++j) shapes_of<1>(x, j, &out[static_cast<std::size_t>(j)]);
    return out;
}

double mean(const Eigen::Ref<const Eigen::VectorXd>& x) { return central_moments(x).mean; }

double sd(const Eigen::Ref<const Eigen::VectorXd>& x, int ddof) {
    const moments m = central_moments(x);
    return m.n > ddof ? power_of_two(m.exponent).up(std::sqrt(m.ss / (m.n - ddof))) : missing_value;
}

shape shape_of(const Eigen::Ref<const Eigen::VectorXd>& x) { return shape_of(central_moments(x)); }

shape shape_of(const moments& m) {
    shape s;
    if (m.n >= 3 && m.m2 > 0) s.skew = std::sqrt(m.n * (m.n - 1)) / (m.n - 2) * m.m3 / std::pow(m.m2, 1.5);
    if (m.n >= 4 && m.m2 > 0)
        s.kurt = ((m.n + 1) * (m.m4 / (m.m2 * m.m2) - 3) + 6) * (m.n - 1) / ((m.n - 2) * (m.n - 3));
    return s;
}

double median(std::vector<double> v) {
    if (v.empty()) return missing_value;
    const auto mid = v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    if (v.size() % 2) return *mid;
    return (*mid + *std::max_element(v.begin(), mid)) / 2;
}

double correlation(const Eigen::Ref<const Eigen::VectorXd>& x, const Eigen::Ref<const Eigen::VectorXd>& y) {
    const power_of_two ex(scale_exponent(x)), ey(scale_exponent(y));
    double n = 0, sx = 0, sy = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (present(x(i)) && present(y(i))) ++n, sx += ex.down(x(i)), sy += ey.down(y(i));
    if (n < 2) return missing_value;
    const double mx = sx / n, my = sy / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (present(x(i)) && present(y(i))) {
            const double dx = ex.down(x(i)) - mx, dy = ey.down(y(i)) - my;
            sxy += dx * dy, sxx += dx * dx, syy += dy * dy;
        }
    return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : missing_value;
}

std::uint64_t order_key(double v) {
    if (v == 0) v = 0;  // −0 → +0: equal values must tie
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    return bits >> 63 ? ~bits : bits | (std::uint64_t{1} << 63);
}

void radix_sort(std::vector<std::pair<std::uint64_t, Eigen::Index>>& a) {
    if (a.size() < 64) {
        std::sort(a.begin(), a.end());
        return;
    }
    std::vector<std::pair<std::uint64_t, Eigen::Index>> out(a.size());
    for (int shift = 0; shift < 64; shift += 11) {
        std::vector<std::size_t> count(2049, 0);
        for (const auto& e : a) ++count[((e.first >> shift) & 2047) + 1];
        if (count[((a.front().first >> shift) & 2047) + 1] == a.size()) continue;
        for (std::size_t d = 0; d < 2048; ++d) count[d + 1] += count[d];
        for (const auto& e : a) out[count[(e.first >> shift) & 2047]++] = e;
        a.swap(out);
    }
}

// @detail
}  // namespace detail

Eigen::VectorXd rank(const Eigen::Ref<const Eigen::VectorXd>& x, bool descending, ties rule) {
    std::vector<std::pair<std::uint64_t, Eigen::Index>> order;
    order.reserve(static_cast<std::size_t>(x.size()));
    for (Eigen::Index i = 0; i < x.size(); ++i)
        if (detail::present(x(i))) order.emplace_back(detail::order_key(descending ? -x(i) : x(i)), i);
    detail::radix_sort(order);
    Eigen::VectorXd r = Eigen::VectorXd::Constant(x.size(), missing_value);
    double dense = 0;
    for (std::size_t start = 0; start < order.size();) {
        std::size_t end = start + 1;
        while (end < order.size() && order[end].first == order[start].first) ++end;
        ++dense;
        // The radix sort is stable: equal keys stay in row order, so position k within a run of
        // ties is the k-th appearance ("first"; "last" counts from the run's end).
        if (rule == ties::first || rule == ties::last) {
            for (std::size_t k = start; k < end; ++k)
                r(order[k].second) = static_cast<double>(rule == ties::first ? k + 1 : start + end - k);
            start = end;
            continue;
        }
        const double value = rule == ties::min     ? static_cast<double>(start + 1)
                             : rule == ties::dense ? dense
                             : rule == ties::max   ? static_cast<double>(end)
                                                   : (static_cast<double>(start + 1) + static_cast<double>(end)) / 2;
        for (std::size_t k = start; k < end; ++k) r(order[k].second) = value;
        start = end;
    }
    return r;
}

// @main
}  // namespace zhibiao::composite
