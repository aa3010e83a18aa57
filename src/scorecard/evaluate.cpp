// Scorecards: scoring firms, with the vector machine or a fused kernel, over threads.
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <thread>

#include "core/column_memory.hpp"
#include "scorecard/compiled.hpp"
#include "scorecard/internal.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/error.hpp"
#include "core/thread_pool.hpp"

namespace zhibiao {

// Out of line: the vector resizes it instantiates are not repeated in every file including scorecard.hpp.
void points_array::resize(std::size_t rows, std::size_t cols, bool narrow) {
    rows_ = rows, cols_ = cols, narrow_ = narrow;
    if (narrow)
        floats_.resize(rows * cols), result_column<double>().swap(doubles_);
    else
        doubles_.resize(rows * cols), result_column<float>().swap(floats_);
}

namespace {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
constexpr std::size_t huge_page = std::size_t{2} << 20;  // from here a result column is a mapping of its own
#endif
}  // namespace

void* detail::allocate_result_bytes(std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge_page) return detail::map_huge_page_aligned(bytes);
#endif
    return ::operator new(bytes);
}

void detail::free_result_bytes(void* p, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (bytes >= huge_page) {
        ::munmap(p, detail::whole_pages(bytes));
        return;
    }
#endif
    ::operator delete(p);
}

using detail::chunk;
using detail::nan_value;

// ---------------------------------------------------------------------------------- scoring
namespace {

// Points of every row for one alternative: no branches, one pass over the chunk.
template <class Table>
void band_lookup(const double* __restrict x, double* __restrict lo, double* __restrict hi, std::size_t n,
                 const Table& t, double inverse_grid, double* __restrict q) {
    for (std::size_t i = 0; i < n; ++i) {
        q[i] = detail::on_grid(x[i], inverse_grid);  // NaN reaches no band
        lo[i] = t.bottom_lo;
        hi[i] = t.bottom_hi;
    }
    for (std::size_t b = 0; b < t.at_least.size(); ++b) {  // each band reached adds its step
        const double at_least = t.at_least[b], step_lo = t.step_lo[b], step_hi = t.step_hi[b];
        for (std::size_t i = 0; i < n; ++i) {
            const double reached = q[i] >= at_least ? 1.0 : 0.0;
            lo[i] += reached * step_lo;
            hi[i] += reached * step_hi;
        }
    }
}

/// An item's points in its band [lo, hi] under the policy. "mid" is the middle of the band in whole
/// points, 四舍五入 (lo plus half the band's width rounded half up: 9–10 → 10, 19–24 → 22, 1–6 → 4): each
/// sub-item is scored in whole points (工作指引, indicators.md §6a), so a total is never x.5 beside
/// hnte-2008's ">70". detail::mid_points; simd.hpp's choose computes the same.
inline double choose(double lo, double hi, points_policy policy) {
    return policy == points_policy::low ? lo : policy == points_policy::high ? hi : detail::mid_points(lo, hi);
}

}  // namespace

namespace {

// One chunk of firms (n ≤ chunk) on the vector machine, step by step; the registers hold the
// chunk's values, `out` the whole result.
struct chunk_scorer {
    const scorecard& s;
    const detail::compiled_scorecard& c;
    double* regs;
    std::size_t begin, n;
    points_policy policy;
    scorecard_result& out;
    bool ranges;

    double* reg(int r) const { return regs + static_cast<std::size_t>(r) * chunk; }
    std::uint64_t* problems() const { return out.problems.data() + begin; }

    void load_inputs(const scorecard_columns& in) const {
        for (std::size_t k = 0; k < s.inputs().size(); ++k) {
            double* y = reg(c.input_reg[k]);
            if (in.columns[k])
                std::copy(in.columns[k] + begin, in.columns[k] + begin + n, y);
            else
                std::fill(y, y + n, nan_value);
        }
    }

    // Validity: the bounds of the inputs, then the checks.
    void check_validity() const {
        const auto& inputs = s.inputs();
        std::uint64_t* problem = problems();
        std::fill(problem, problem + n, 0);
        for (std::size_t k = 0; k < inputs.size(); ++k) {
            const scorecard_input& spec = inputs[k];
            const double* x = reg(c.input_reg[k]);
            const double lo = spec.min, hi = c.input_ceiling[k];
            const std::uint64_t bit = std::uint64_t{1} << k;
            const bool integer = spec.integer;
            const std::uint64_t missing_bit = spec.optional ? 0 : bit;
            for (std::size_t i = 0; i < n; ++i) {
                const double v = x[i];
                // ±inf is no quantity a firm reports: invalid whatever the bounds (v - v is 0 only when finite).
                const bool out_of_bounds = v < lo || v > hi || (integer && !detail::whole(v)) || v - v != 0;
                const std::uint64_t flagged = out_of_bounds ? bit : 0;
                problem[i] |= v != v ? missing_bit : flagged;
            }
        }
        for (std::size_t j = 0; j < c.validity_reg.size(); ++j) {
            const double* x = reg(c.validity_reg[j]);
            const std::uint64_t bit = std::uint64_t{1} << (inputs.size() + j);
            for (std::size_t i = 0; i < n; ++i) problem[i] |= x[i] == 0 ? bit : 0;
        }
    }

    // An item's points under the policy and its band's range; `which` gets the alternative.
    void score_item(std::size_t k, std::int8_t* which) const {
        double* pts = reg(c.item_reg[k]);
        double* lo = reg(c.item_lo_reg[k]);
        double* hi = reg(c.item_hi_reg[k]);
        std::fill(which, which + n, 0);
        if (c.expert_reg[k] >= 0) {
            const double* x = reg(c.expert_reg[k]);
            const double max = s.items()[k].max;
            for (std::size_t i = 0; i < n; ++i)
                lo[i] = hi[i] = pts[i] = x[i] != x[i] ? 0 : std::clamp(std::round(x[i]), 0.0, max);
            return;
        }
        double* alt_lo = reg(c.scratch_reg[2]);
        double* alt_hi = reg(c.scratch_reg[3]);
        double* given = reg(c.scratch_reg[4]);  // after band_lookup, which uses it as scratch
        bool maybe_blank = false;               // an alternative before may have been left blank: pts NaN
        for (std::size_t a = 0; a < c.items[k].size(); ++a) {
            const auto& alt = c.items[k][a];
            band_lookup(reg(alt.reg), a == 0 ? lo : alt_lo, a == 0 ? hi : alt_hi, n, alt, c.inverse_grid,
                        reg(c.scratch_reg[4]));
            const bool blank = !alt.blank_inputs.empty();
            if (blank) mark_given(alt, given);
            if (a == 0) {
                for (std::size_t i = 0; i < n; ++i) pts[i] = choose(lo[i], hi[i], policy);
                if (blank)
                    for (std::size_t i = 0; i < n; ++i) {
                        const bool g = given[i] != 0;
                        pts[i] = g ? pts[i] : nan_value, lo[i] = g ? lo[i] : nan_value, hi[i] = g ? hi[i] : nan_value;
                        which[i] = g ? std::int8_t{0} : std::int8_t{-1};
                    }
                maybe_blank = blank;
                continue;
            }
            const auto id = static_cast<std::int8_t>(a);
            for (std::size_t i = 0; i < n; ++i) {
                const double v = choose(alt_lo[i], alt_hi[i], policy);
                // v is never NaN; pts is where every alternative before was left blank.
                const bool better = (v > pts[i] || (maybe_blank && pts[i] != pts[i])) && (!blank || given[i] != 0);
                pts[i] = better ? v : pts[i];
                lo[i] = better ? alt_lo[i] : lo[i];
                hi[i] = better ? alt_hi[i] : hi[i];
                which[i] = better ? id : which[i];
            }
            maybe_blank = maybe_blank && blank;
        }
    }

    // given[i] = 1 where the firm gave alternative `alt`: its measure is present, or every optional
    // input it reads is (a measure missing for another reason — a zero base — scores its bottom band).
    void mark_given(const detail::compiled_scorecard::alt& alt, double* given) const {
        std::fill(given, given + n, 1.0);
        for (int k : alt.blank_inputs) {
            const double* x = reg(c.input_reg[static_cast<std::size_t>(k)]);
            for (std::size_t i = 0; i < n; ++i) given[i] = x[i] == x[i] ? given[i] : 0.0;
        }
        const double* m = reg(alt.reg);
        for (std::size_t i = 0; i < n; ++i) given[i] = m[i] == m[i] ? 1.0 : given[i];
    }

    // Items: a band table is a sum of steps, so a monotone table needs no branches.
    void score_items() const {
        double* total = reg(c.total_reg);
        double* total_lo = reg(c.scratch_reg[0]);
        double* total_hi = reg(c.scratch_reg[1]);
        std::fill(total, total + n, 0.0);
        if (ranges) std::fill(total_lo, total_lo + n, 0.0), std::fill(total_hi, total_hi + n, 0.0);
        for (std::size_t k = 0; k < s.items().size(); ++k) {
            score_item(k, out.alternative.data() + k * out.rows + begin);
            if (c.item_cap[k] >= 0) continue;
            const double *pts = reg(c.item_reg[k]), *lo = reg(c.item_lo_reg[k]), *hi = reg(c.item_hi_reg[k]);
            for (std::size_t i = 0; i < n; ++i) total[i] += pts[i];
            if (ranges)
                for (std::size_t i = 0; i < n; ++i) total_lo[i] += lo[i], total_hi[i] += hi[i];
        }
    }

    void apply_caps() const {
        double* total = reg(c.total_reg);
        double* total_lo = reg(c.scratch_reg[0]);
        double* total_hi = reg(c.scratch_reg[1]);
        auto item = [this](const std::vector<int>& regs_of, int k) {
            return reg(regs_of[static_cast<std::size_t>(k)]);
        };
        for (std::size_t g = 0; g < c.cap_reg.size(); ++g) {
            double* sum = reg(c.cap_reg[g]);
            const double max = s.caps()[g].max;
            std::fill(sum, sum + n, 0.0);
            for (int k : c.cap_members[g]) {
                const double* pts = item(c.item_reg, k);
                for (std::size_t i = 0; i < n; ++i) sum[i] += pts[i];
            }
            for (std::size_t i = 0; i < n; ++i) sum[i] = std::min(sum[i], max), total[i] += sum[i];
            if (!ranges) continue;
            for (std::size_t i = 0; i < n; ++i) {
                double l = 0, h = 0;
                for (int k : c.cap_members[g]) l += item(c.item_lo_reg, k)[i], h += item(c.item_hi_reg, k)[i];
                total_lo[i] += std::min(l, max);
                total_hi[i] += std::min(h, max);
            }
        }
    }

    // Gates and eligibility (the pass rule may read `eligible`).
    void check_gates() const {
        const std::uint64_t* problem = problems();
        double* eligible = reg(c.eligible_reg);
        for (std::size_t i = 0; i < n; ++i) eligible[i] = problem[i] == 0;
        for (std::size_t g = 0; g < c.gate_reg.size(); ++g) {
            const double* x = reg(c.gate_reg[g]);
            std::uint8_t* holds = out.gates.data() + g * out.rows + begin;
            for (std::size_t i = 0; i < n; ++i) {
                const bool h = x[i] != 0 && x[i] == x[i];
                holds[i] = h;
                eligible[i] = h ? eligible[i] : 0.0;
            }
        }
    }

    // The routes, the status, and the points of valid firms (NaN for the others).
    void write_outcome() const {
        const std::uint64_t* problem = problems();
        const double *eligible = reg(c.eligible_reg), *pass = reg(c.pass_reg);
        std::int8_t* route = out.route.data() + begin;
        std::fill(route, route + n, -1);
        for (std::size_t r = c.route_reg.size(); r-- > 0;) {  // the first route that holds wins
            const double* x = reg(c.route_reg[r]);
            for (std::size_t i = 0; i < n; ++i)
                route[i] = x[i] != 0 && x[i] == x[i] ? static_cast<std::int8_t>(r) : route[i];
        }
        std::uint8_t* status = out.status.data() + begin;
        for (std::size_t i = 0; i < n; ++i) {
            const bool valid = problem[i] == 0, ok = valid && eligible[i] != 0;
            route[i] = ok ? route[i] : -1;
            const firm_status passing = route[i] >= 0                        ? firm_status::direct
                                        : pass[i] != 0 && pass[i] == pass[i] ? firm_status::passed
                                                                             : firm_status::failed;
            status[i] = static_cast<std::uint8_t>(!valid ? firm_status::invalid_input
                                                  : !ok  ? firm_status::ineligible
                                                         : passing);
        }
        store_valid(out.total, 0, c.total_reg);
        if (ranges) store_valid(out.total_lo, 0, c.scratch_reg[0]), store_valid(out.total_hi, 0, c.scratch_reg[1]);
        for (std::size_t k = 0; k < s.items().size(); ++k) {
            store_valid(out.points, k, c.item_reg[k]);
            if (ranges && c.range_column[k] >= 0) {
                const auto column = static_cast<std::size_t>(c.range_column[k]);
                store_valid(out.points_lo, column, c.item_lo_reg[k]),
                    store_valid(out.points_hi, column, c.item_hi_reg[k]);
            }
        }
    }

    // Register `r` into column `column` of `a`: the value for valid firms, NaN for the others.
    void store_valid(points_array& a, std::size_t column, int r) const {
        const std::uint64_t* problem = problems();
        const double* x = reg(r);
        const std::size_t at = column * out.rows + begin;
        if (float* y = a.floats())
            for (std::size_t i = 0; i < n; ++i)
                y[at + i] = problem[i] == 0 ? static_cast<float>(x[i]) : static_cast<float>(nan_value);
        else if (double* z = a.doubles())
            for (std::size_t i = 0; i < n; ++i) z[at + i] = problem[i] == 0 ? x[i] : nan_value;
    }
};

}  // namespace

void detail::scorer::run_chunk(const scorecard& s, const detail::compiled_scorecard& c, const scorecard_columns& in,
                               std::size_t begin, std::size_t n, double* regs, points_policy policy,
                               scorecard_result& out) {
    const chunk_scorer step{s, c, regs, begin, n, policy, out, out.total_lo.size() > 0};
    step.load_inputs(in);
    c.prog.run(regs, n, 0, c.main_ops);
    step.check_validity();
    step.score_items();
    step.apply_caps();
    step.check_gates();
    c.prog.run(regs, n, c.main_ops, c.prog.size());
    step.write_outcome();
}

namespace {
// Asks for 2 MB pages for the whole 2 MB stretches of a large result column. Most of the time
// of scoring into a new result is the first touch of its fresh pages, one fault per 4 KB page;
// a huge page is one fault per 2 MB. Advice only: without it (or where refused) nothing changes.
template <class T>
void advise_huge_pages(T* data, std::size_t count) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    const auto first = reinterpret_cast<std::uintptr_t>(data);
    if (!data || count * sizeof(T) < 2 * huge) return;
    const std::uintptr_t begin = (first + huge - 1) & ~(huge - 1), end = (first + count * sizeof(T)) & ~(huge - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
    (void)data, (void)count;
#endif
}

// The result_columns are advised when allocated (allocate_result_bytes); Eigen allocates these.
void advise_huge_pages(scorecard_result& out) {
    advise_huge_pages(out.alternative.data(), static_cast<std::size_t>(out.alternative.size()));
    advise_huge_pages(out.gates.data(), static_cast<std::size_t>(out.gates.size()));
}
}  // namespace

// A firm that was not scored has no points: one confirmed directly (第八条: "without scoring";
// it may leave the scoring inputs blank) gets NaN points and total, as an invalid one already
// does; neither has a measure that scored (alternative -1, whatever the kernel or the rest of
// the batch computed for it).
void detail::clear_unscored(scorecard_result& out, std::size_t begin, std::size_t end) {
    const auto items = out.alternative.cols();
    for (std::size_t row = begin; row < end; ++row) {
        const firm_status st = out.status_of(row);
        if (st != firm_status::direct && st != firm_status::invalid_input) continue;
        const auto i = static_cast<Eigen::Index>(row);
        for (Eigen::Index k = 0; k < items; ++k) out.alternative(i, k) = -1;
        if (st != firm_status::direct) continue;
        for (points_array* a : {&out.total, &out.total_lo, &out.total_hi, &out.points, &out.points_lo, &out.points_hi})
            for (Eigen::Index k = 0; k < a->cols(); ++k) a->set(i, k, nan_value);
    }
}

void detail::shape_result(const scorecard& s, std::size_t rows, bool ranges, scorecard_result& out) {
    const auto n = static_cast<Eigen::Index>(rows), items = static_cast<Eigen::Index>(s.items().size());
    const compiled_scorecard& c = scorer::compiled(s);
    out.rows = rows;
    out.status.resize(rows);
    out.route.resize(rows);
    out.problems.resize(rows);
    out.total.resize(rows, 1, c.narrow);
    out.points.resize(rows, s.items().size(), c.narrow);
    out.alternative.resize(n, items);
    out.gates.resize(n, static_cast<Eigen::Index>(s.gates().size()));
    out.total_lo.resize(ranges ? rows : 0, ranges ? 1 : 0, c.narrow);
    out.total_hi.resize(ranges ? rows : 0, ranges ? 1 : 0, c.narrow);
    out.points_lo.resize(ranges ? rows : 0, ranges ? c.ranged_items : 0, c.narrow);
    out.points_hi.resize(ranges ? rows : 0, ranges ? c.ranged_items : 0, c.narrow);
    advise_huge_pages(out);
}

scorecard_result scorecard::evaluate(const scorecard_columns& in, points_policy policy, unsigned threads) const {
    scorecard_result out;
    evaluate_into(in, out, policy, threads);
    return out;
}

void scorecard::evaluate_into(const scorecard_columns& in, scorecard_result& out, points_policy policy,
                              unsigned threads) const {
    detail::scorer::evaluate(*this, in, out, policy, threads, detail::scorer::compiled(*this).fused);
}

namespace {
// Firms a thread scores at a time with a fused kernel: a multiple of every vector width.
constexpr std::size_t fused_block = 2048;
const std::vector<double>& missing_block() {
    static const std::vector<double> nan(fused_block, nan_value);
    return nan;
}

// The result columns of one block of firms, as a fused kernel writes them.
class fused_block_io {
public:
    fused_block_io(const detail::compiled_scorecard& c, std::size_t inputs, std::size_t items, std::size_t gates)
        : column_(inputs),
          points_(items),
          points_lo_(c.ranged_items),
          points_hi_(c.ranged_items),
          alternative_(items),
          holds_(gates) {
        io_.inputs = column_.data();
        io_.points = points_.data();
        io_.points_lo = points_lo_.data();
        io_.points_hi = points_hi_.data();
        io_.alternative = alternative_.data();
        io_.gates = holds_.data();
    }

    const detail::fused_io& at(const scorecard_columns& in, scorecard_result& out, std::size_t begin) {
        const std::size_t n = out.rows;
        for (std::size_t k = 0; k < column_.size(); ++k)
            column_[k] = in.columns[k] ? in.columns[k] + begin : missing_block().data();
        io_.problems = out.problems.data() + begin;
        io_.status = out.status.data() + begin;
        io_.route = out.route.data() + begin;
        io_.total = out.total.floats() + begin;
        const bool ranges = out.total_lo.size() > 0;
        io_.total_lo = ranges ? out.total_lo.floats() + begin : nullptr;
        io_.total_hi = ranges ? out.total_hi.floats() + begin : nullptr;
        for (std::size_t k = 0; k < points_.size(); ++k) points_[k] = out.points.floats() + k * n + begin;
        for (std::size_t k = 0; k < points_lo_.size(); ++k)
            points_lo_[k] = out.points_lo.floats() + k * n + begin,
            points_hi_[k] = out.points_hi.floats() + k * n + begin;
        for (std::size_t k = 0; k < alternative_.size(); ++k) alternative_[k] = out.alternative.data() + k * n + begin;
        for (std::size_t g = 0; g < holds_.size(); ++g) holds_[g] = out.gates.data() + g * n + begin;
        return io_;
    }

private:
    detail::fused_io io_{};
    std::vector<const double*> column_;
    std::vector<float*> points_, points_lo_, points_hi_;
    std::vector<std::int8_t*> alternative_;
    std::vector<std::uint8_t*> holds_;
};

// Scores rows [begin, last) with the kernel, whole vectors only; returns where it stopped.
std::size_t run_fused(const scorecard& s, const detail::fused_kernels& kernels, detail::fused_kernel kernel,
                      const scorecard_columns& in, scorecard_result& out, std::size_t begin, std::size_t last) {
    fused_block_io io(detail::scorer::compiled(s), s.inputs().size(), s.items().size(), s.gates().size());
    for (; begin + kernels.width <= last; begin += fused_block) {
        const std::size_t rows = std::min(fused_block, (last - begin) / kernels.width * kernels.width);
        kernel(io.at(in, out, begin), rows);
        if (rows < fused_block) return begin + rows;
    }
    return begin;
}
}  // namespace

void detail::scorer::evaluate(const scorecard& s, const scorecard_columns& in, scorecard_result& out,
                              points_policy policy, unsigned threads, const fused_kernels* kernels) {
    if (in.columns.size() != s.inputs().size())
        throw argument_error("scorecard '" + s.id() + "' takes " + std::to_string(s.inputs().size()) +
                             " input columns, not " + std::to_string(in.columns.size()));
    const std::size_t n = in.rows;
    detail::shape_result(s, n, s.has_ranges(), out);
    out.policy = policy;  // what explain() states the points under
    unsigned n_threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
    n_threads = static_cast<unsigned>(std::min<std::size_t>(n_threads, std::max<std::size_t>(1, n / (16 * chunk))));
    const compiled_scorecard& c = scorer::compiled(s);
    // The kernels write floats: a pack with kernels has points exact in floats (its fingerprint says so).
    const fused_kernel kernel = kernels && c.narrow ? kernels->by_policy[static_cast<int>(policy)] : nullptr;
    auto work = [&](std::size_t t) {
        // Each firm's result depends on its inputs alone, so any split gives the same bits;
        // splitting at whole blocks keeps the kernels on full blocks.
        const std::size_t first = (n * t / n_threads) / fused_block * fused_block;
        const std::size_t last = t + 1 == n_threads ? n : (n * (t + 1) / n_threads) / fused_block * fused_block;
        // A kernel clears its unscored firms itself; the machine's are cleared after it.
        const std::size_t machine_first = kernel ? run_fused(s, *kernels, kernel, in, out, first, last) : first;
        if (machine_first == last) return;  // the machine's registers (HNTE: 0.4 MB, zeroed) not even allocated
        std::vector<double> regs(static_cast<std::size_t>(c.prog.registers()) * chunk);
        // What is left — everything without a kernel, the last few firms with one.
        for (std::size_t begin = machine_first; begin < last; begin += chunk)
            run_chunk(s, c, in, begin, std::min(chunk, last - begin), regs.data(), policy, out);
        detail::clear_unscored(out, machine_first, last);
    };
    // A thread that cannot start leaves its firms to this one; an exception in any reaches the caller.
    zhibiao::detail::run_in_threads(n_threads, work);
}

scorecard_result scorecard::evaluate(const scorecard_inputs& in, points_policy policy, unsigned threads) const {
    scorecard_result out = evaluate(in.columns(), policy, threads);
    if (in.unreadable().empty()) return out;
    // A firm with a cell invalid for computing is invalid input, as a firm with a value out of bounds is.
    auto blank = [](points_array& a, Eigen::Index row) {
        for (Eigen::Index k = 0; k < a.cols(); ++k) a.set(row, k, nan_value);
    };
    for (std::size_t row = 0; row < out.rows; ++row) {
        if (!in.unreadable()[row]) continue;
        const auto i = static_cast<Eigen::Index>(row);
        out.problems[row] |= in.unreadable()[row];
        out.status[row] = static_cast<std::uint8_t>(firm_status::invalid_input);
        out.route[row] = -1;
        for (points_array* a : {&out.total, &out.total_lo, &out.total_hi, &out.points, &out.points_lo, &out.points_hi})
            blank(*a, i);
        out.alternative.row(i).setConstant(-1);
    }
    return out;
}

scorecard_result scorecard::evaluate(const panel& p, points_policy policy, unsigned threads) const {
    return evaluate(inputs_from(p), policy, threads);
}

}  // namespace zhibiao
