// Running an uncertainty analysis (uncertainty.hpp): replications in chunk-aligned blocks on
// threads, exact merging of rank histograms, Saltelli's design and the Sobol estimators.
#include <boost/random/sobol.hpp>

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <stdexcept>
#include <thread>

#include "uncertainty_fast.hpp"

namespace zhibiao::composite {
namespace {

using progress_function = std::function<void(std::size_t, std::size_t)>;

unsigned thread_count(unsigned asked) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    return asked == 0 ? cores : asked;
}

/// Pieces [0, pieces) run `work(piece)` `threads` at a time, the calling thread taking part;
/// between waves `after(first, count)` runs, the progress is reported and Ctrl-C polled (on the
/// calling thread, where no worker is running).
template <class Work, class After>
void in_waves(std::size_t pieces, unsigned threads, const Work& work, const After& after) {
    for (std::size_t first = 0; first < pieces; first += threads) {
        const std::size_t count = std::min<std::size_t>(threads, pieces - first);
        std::vector<std::exception_ptr> failures(count);
        auto guarded = [&](std::size_t t) {
            try {
                work(first + t);
            } catch (...) {
                failures[t] = std::current_exception();
            }
        };
        std::vector<std::thread> workers;
        for (std::size_t t = 1; t < count; ++t) workers.emplace_back(guarded, t);
        guarded(0);
        for (auto& w : workers) w.join();
        for (auto& f : failures)
            if (f) std::rethrow_exception(f);
        after(first, count);
        poll_interrupt();
    }
}

double quantile7(const std::vector<double>& sorted, double p) {
    if (sorted.empty()) return missing_value;
    const double h = static_cast<double>(sorted.size() - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double histogram_quantile(const rank_histogram& h, double p) {
    const std::uint64_t n = h.total();
    if (n == 0) return missing_value;
    const double at = static_cast<double>(n - 1) * p;
    const auto lo = static_cast<std::uint64_t>(std::floor(at));
    const double a = h.order_statistic(lo), b = h.order_statistic(std::min(lo + 1, n - 1));
    return a + (at - static_cast<double>(lo)) * (b - a);
}

uncertainty_block empty_block(std::size_t first, std::size_t count, std::size_t cells, std::size_t dims,
                              const uncertainty_options& o, std::size_t kept_cells) {
    uncertainty_block b;
    b.first = first, b.count = count;
    b.rank_counts.resize(cells);
    b.missing.assign(cells, 0);
    b.uniforms.resize(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(dims));
    if (o.keep_ranks) b.ranks.assign(count * kept_cells, 0.0f);
    if (o.keep_scores) b.scores.assign(count * kept_cells, 0.0f);
    return b;
}

void absorb(uncertainty_block& into, uncertainty_block& b) {
    for (std::size_t c = 0; c < b.rank_counts.size(); ++c)
        into.rank_counts[c].add(b.rank_counts[c]), into.missing[c] += b.missing[c];
    for (auto& s : b.chunk_sums) into.chunk_sums.push_back(std::move(s));
    into.uniforms.middleRows(static_cast<Eigen::Index>(b.first), static_cast<Eigen::Index>(b.count)) = b.uniforms;
    const std::size_t per = b.count ? b.ranks.size() / b.count : 0, per_s = b.count ? b.scores.size() / b.count : 0;
    std::copy(b.ranks.begin(), b.ranks.end(), into.ranks.begin() + static_cast<std::ptrdiff_t>(b.first * per));
    std::copy(b.scores.begin(), b.scores.end(), into.scores.begin() + static_cast<std::ptrdiff_t>(b.first * per_s));
    into.count += b.count;
}

/// Replication r's scores and ranks into the block: the score sums of its chunk (in
/// replication order), the missing counts, the kept matrices, and its ranks into `pending`
/// (0 where missing).
void record(std::size_t r, const Eigen::MatrixXd& s, const Eigen::MatrixXd& rk, const uncertainty_options& o,
            uncertainty_block& counts, uncertainty_block& rows, std::uint32_t* pending) {
    const auto units = static_cast<std::size_t>(s.rows()), nodes = static_cast<std::size_t>(s.cols());
    Eigen::MatrixXd& sums = rows.chunk_sums[r / uncertainty_model::chunk];
    for (std::size_t k = 0; k < nodes; ++k) {
        const double* score = s.col(static_cast<Eigen::Index>(k)).data();
        const double* rank = rk.col(static_cast<Eigen::Index>(k)).data();
        double* sum = sums.col(static_cast<Eigen::Index>(k)).data();
        for (std::size_t i = 0; i < units; ++i) {
            const std::size_t cell = i + units * k, kept = (r * nodes + k) * units + i;
            if (o.keep_ranks) rows.ranks[kept] = static_cast<float>(rank[i]);
            if (o.keep_scores) rows.scores[kept] = static_cast<float>(score[i]);
            const bool missing = std::isnan(rank[i]);
            counts.missing[cell] += missing;
            pending[cell] = missing ? 0u : static_cast<std::uint32_t>(rank[i]);
            if (!missing) sum[i] += score[i];
            if (!missing && counts.tails.keep) counts.tails.add(cell, score[i]);
        }
    }
}

/// The first `filled` rows of pending ranks (replication-major) into the histograms, cell by cell.
void count_ranks(const std::vector<std::uint32_t>& pending, std::size_t filled, uncertainty_block& b) {
    const std::size_t cells = b.rank_counts.size();
    for (std::size_t cell = 0; cell < cells; ++cell) {
        std::uint32_t first = std::numeric_limits<std::uint32_t>::max(), last = 0;
        for (std::size_t r = 0; r < filled; ++r)
            if (const std::uint32_t rank = pending[r * cells + cell])
                first = std::min(first, rank), last = std::max(last, rank);
        if (last == 0) continue;
        rank_histogram& h = b.rank_counts[cell];
        h.widen(static_cast<int>(first), static_cast<int>(last));
        const auto low = static_cast<std::uint32_t>(h.low);
        for (std::size_t r = 0; r < filled; ++r)
            if (const std::uint32_t rank = pending[r * cells + cell]) ++h.counts[rank - low];
    }
}

}  // namespace

void score_tails::reset(std::size_t cells, std::size_t replications) {
    keep = replications ? static_cast<std::size_t>(std::floor(0.05 * static_cast<double>(replications - 1))) + 2 : 0;
    low.assign(cells, {}), high.assign(cells, {});
}

namespace {

/// Into a heap of the `keep` values first under `before` (std::less: the smallest).
template <class Before>
void keep_extreme(std::vector<double>& heap, std::size_t keep, double x, Before before) {
    if (heap.size() < keep) {
        heap.push_back(x), std::push_heap(heap.begin(), heap.end(), before);
    } else if (before(x, heap.front())) {
        std::pop_heap(heap.begin(), heap.end(), before), heap.back() = x,
                                                         std::push_heap(heap.begin(), heap.end(), before);
    }
}

}  // namespace

void score_tails::add(std::size_t cell, double score) {
    keep_extreme(low[cell], keep, score, std::less<double>());
    keep_extreme(high[cell], keep, score, std::greater<double>());
}

void score_tails::add(const score_tails& other) {
    for (std::size_t cell = 0; cell < other.low.size(); ++cell) {
        for (double x : other.low[cell]) keep_extreme(low[cell], keep, x, std::less<double>());
        for (double x : other.high[cell]) keep_extreme(high[cell], keep, x, std::greater<double>());
    }
}

double score_tails::quantile(std::size_t cell, std::uint64_t present, double p) const {
    if (present == 0 || keep == 0) return missing_value;
    std::vector<double> tail = p < 0.5 ? low[cell] : high[cell];
    std::sort(tail.begin(), tail.end());
    // order statistic k (from 0) of all `present` scores: from the low tail, or from the top
    auto at = [&](std::uint64_t k) {
        return p < 0.5 ? tail[static_cast<std::size_t>(k)] : tail[tail.size() - static_cast<std::size_t>(present - k)];
    };
    const double h = static_cast<double>(present - 1) * p;
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const std::uint64_t hi = std::min(lo + 1, present - 1);
    return at(lo) + (h - static_cast<double>(lo)) * (at(hi) - at(lo));
}

void rank_histogram::widen(int first, int last) {
    if (counts.empty()) low = first;
    // grown by at least its size (not below rank 1): rare reallocations as the ranks spread
    const int size = static_cast<int>(counts.size());
    if (first < low) {
        const int to = std::min(first, std::max(1, low - size));
        counts.insert(counts.begin(), static_cast<std::size_t>(low - to), 0u), low = to;
    }
    if (last >= low + static_cast<int>(counts.size()))
        counts.resize(static_cast<std::size_t>(std::max(last - low + 1, 2 * static_cast<int>(counts.size()))), 0u);
}

void rank_histogram::add(int rank) {
    widen(rank, rank);
    ++counts[static_cast<std::size_t>(rank - low)];
}

void rank_histogram::add(const rank_histogram& other) {
    std::size_t first = 0, end = other.counts.size();
    while (first < end && other.counts[first] == 0) ++first;
    while (end > first && other.counts[end - 1] == 0) --end;
    if (first == end) return;
    widen(other.low + static_cast<int>(first), other.low + static_cast<int>(end) - 1);
    for (std::size_t k = first; k < end; ++k)
        counts[static_cast<std::size_t>(other.low + static_cast<int>(k) - low)] += other.counts[k];
}

std::uint64_t rank_histogram::total() const {
    std::uint64_t n = 0;
    for (auto c : counts) n += c;
    return n;
}

int rank_histogram::order_statistic(std::uint64_t k) const {
    for (std::size_t r = 0; r < counts.size(); ++r) {
        if (k < counts[r]) return low + static_cast<int>(r);
        k -= counts[r];
    }
    return low + static_cast<int>(counts.size()) - 1;
}

void uncertainty_model::block_range(std::size_t first, std::size_t count, const uncertainty_options& o,
                                    uncertainty_block& counts, uncertainty_block& rows, std::size_t offset) const {
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    fast_scratch scratch;
    Eigen::MatrixXd s, rk(static_cast<Eigen::Index>(units), static_cast<Eigen::Index>(nodes));
    // Ranks are counted into the histograms a batch at a time, cell by cell: one histogram
    // after the other stays in cache, instead of every histogram touched by every replication.
    const std::size_t batch =
        std::max<std::size_t>(1, std::min<std::size_t>(chunk, (1u << 20) / std::max<std::size_t>(1, cells)));
    std::vector<std::uint32_t> pending(batch * cells);
    std::vector<double> u(dims_);
    for (std::size_t r = 0; r < count; ++r) {
        const std::size_t row = first + r - offset;
        for (std::size_t j = 0; j < dims_; ++j) u[j] = stream_uniform(o.seed, first + r, j);
        for (std::size_t j = 0; j < dims_; ++j)
            rows.uniforms(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(j)) = u[j];
        const replication_draw d = decode(u.data());
        if (!fast_scores(d, scratch, s)) s = general_scores(d);
        for (std::size_t k = 0; k < nodes; ++k)
            rank_descending(s.col(static_cast<Eigen::Index>(k)).data(), units, scratch,
                            rk.col(static_cast<Eigen::Index>(k)).data());
        record(row, s, rk, o, counts, rows, pending.data() + (r % batch) * cells);
        if (r % batch == batch - 1 || r + 1 == count) count_ranks(pending, r % batch + 1, counts);
    }
}

uncertainty_block uncertainty_model::run_block(std::size_t first, std::size_t count,
                                               const uncertainty_options& o) const {
    if (first % chunk != 0)
        throw argument_error("uncertainty: a block must start at a multiple of " + std::to_string(chunk) +
                             " replications");
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    uncertainty_block b = empty_block(first, count, cells, dims_, o, cells);
    b.chunk_sums.assign((count + chunk - 1) / chunk,
                        Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(units), static_cast<Eigen::Index>(nodes)));
    block_range(first, count, o, b, b, first);
    return b;
}

uncertainty_result uncertainty_model::run(const uncertainty_options& o) const {
    const std::size_t n = o.replications, pieces = (n + chunk - 1) / chunk;
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    const unsigned threads = thread_count(o.threads);
    // Each thread counts ranks into its own histograms for the whole run (counts do not depend
    // on the order they are added in); every piece writes its own rows and chunk of score sums.
    uncertainty_block all = empty_block(0, n, cells, dims_, o, cells);
    all.chunk_sums.assign(pieces,
                          Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(units), static_cast<Eigen::Index>(nodes)));
    if (o.score_percentiles) all.tails.reset(cells, n);
    std::vector<uncertainty_block> counts;
    for (unsigned t = 1; t < std::min<std::size_t>(threads, pieces); ++t) {
        counts.push_back(empty_block(0, 0, cells, dims_, o, 0));
        if (o.score_percentiles) counts.back().tails.reset(cells, n);
    }
    in_waves(
        pieces, threads,
        [&](std::size_t p) {
            const std::size_t t = p % threads;
            block_range(p * chunk, std::min(chunk, n - p * chunk), o, t == 0 ? all : counts[t - 1], all, 0);
        },
        [&](std::size_t first, std::size_t count) {
            if (o.progress) o.progress(std::min(n, (first + count) * chunk), n);
        });
    for (const uncertainty_block& c : counts) {
        for (std::size_t cell = 0; cell < cells; ++cell)
            all.rank_counts[cell].add(c.rank_counts[cell]), all.missing[cell] += c.missing[cell];
        all.tails.add(c.tails);
    }
    std::vector<uncertainty_block> one;
    one.push_back(std::move(all));
    return merge(std::move(one), o);
}

uncertainty_result uncertainty_model::merge(std::vector<uncertainty_block> blocks, const uncertainty_options& o) const {
    std::sort(blocks.begin(), blocks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::size_t n = 0;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        if (blocks[k].first != n)
            throw argument_error(
                "uncertainty: the blocks do not cover the replications from 0 without gaps or overlaps");
        if (k + 1 < blocks.size() && blocks[k].count % chunk != 0)
            throw argument_error("uncertainty: every block but the last must hold a multiple of " +
                                 std::to_string(chunk) + " replications");
        n += blocks[k].count;
    }
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    uncertainty_block all = empty_block(0, n, cells, dims_, o, cells);
    all.count = 0;
    if (blocks.size() == 1 && blocks[0].count == n)
        all = std::move(blocks[0]);
    else
        for (auto& b : blocks) absorb(all, b);
    uncertainty_result res;
    res.regions = data_.regions;
    for (int k : aggregates_) res.nodes.push_back(fw_.at(k).code);
    res.replications = n, res.top_k = o.top_k;
    res.nominal_rank = nominal_ranks_, res.nominal_score = nominal_scores_;
    const auto U = static_cast<Eigen::Index>(units), K = static_cast<Eigen::Index>(nodes);
    for (Eigen::MatrixXd* m : {&res.mean_rank, &res.median_rank, &res.rank_p05, &res.rank_p95, &res.top_k_share,
                               &res.mean_score, &res.score_p05, &res.score_p95})
        *m = Eigen::MatrixXd::Constant(U, K, missing_value);
    for (std::size_t k = 0; k < nodes; ++k)
        for (std::size_t i = 0; i < units; ++i) {
            const rank_histogram& h = all.rank_counts[i + units * k];
            const auto ii = static_cast<Eigen::Index>(i), kk = static_cast<Eigen::Index>(k);
            std::uint64_t present = 0, top = 0;
            double rank_sum = 0, score_sum = 0;
            for (std::size_t r = 0; r < h.counts.size(); ++r) {
                const int rank = h.low + static_cast<int>(r);
                present += h.counts[r], rank_sum += static_cast<double>(rank) * h.counts[r];
                if (rank <= o.top_k) top += h.counts[r];
            }
            for (const auto& s : all.chunk_sums) score_sum += s(ii, kk);
            res.top_k_share(ii, kk) = n ? static_cast<double>(top) / static_cast<double>(n) : missing_value;
            if (present == 0) continue;
            res.mean_rank(ii, kk) = rank_sum / static_cast<double>(present);
            res.median_rank(ii, kk) = histogram_quantile(h, 0.5);
            res.rank_p05(ii, kk) = histogram_quantile(h, 0.05), res.rank_p95(ii, kk) = histogram_quantile(h, 0.95);
            res.mean_score(ii, kk) = score_sum / static_cast<double>(present);
            if (all.tails.keep) {
                res.score_p05(ii, kk) = all.tails.quantile(i + units * k, present, 0.05);
                res.score_p95(ii, kk) = all.tails.quantile(i + units * k, present, 0.95);
                continue;
            }
            if (all.scores.empty()) continue;
            std::vector<double> v;
            for (std::size_t r = 0; r < n; ++r)
                if (const float x = all.scores[(r * nodes + k) * units + i]; !std::isnan(x)) v.push_back(x);
            std::sort(v.begin(), v.end());
            res.score_p05(ii, kk) = quantile7(v, 0.05), res.score_p95(ii, kk) = quantile7(v, 0.95);
        }
    res.uniforms = std::move(all.uniforms);
    res.ranks = std::move(all.ranks), res.scores = std::move(all.scores);
    res.notes = notes_;
    if (res.scores.empty() && !all.tails.keep)
        res.notes.push_back("score percentiles need keep_scores (the full matrix); they are left missing");
    res.model = shared_from_this();
    return res;
}

std::vector<std::string> uncertainty_result::parameter_names() const { return model->parameter_names(); }

Eigen::MatrixXd uncertainty_result::parameters() const {
    const auto columns = static_cast<Eigen::Index>(model->parameter_names().size());
    Eigen::MatrixXd out(uniforms.rows(), columns);
    for (Eigen::Index r = 0; r < uniforms.rows(); ++r) {
        const Eigen::RowVectorXd u = uniforms.row(r);
        out.row(r) = model->parameters(model->decode(u.data()));
    }
    return out;
}

result uncertainty_result::replication(std::size_t k) const {
    if (k >= static_cast<std::size_t>(uniforms.rows()))
        throw argument_error("replication " + std::to_string(k) + " does not exist (" +
                             std::to_string(uniforms.rows()) + " replications, from 0)");
    const Eigen::RowVectorXd u = uniforms.row(static_cast<Eigen::Index>(k));
    return model->rebuild(model->decode(u.data()));
}

uncertainty_result uncertainty(const table& data, const framework& fw, const std::vector<step>& steps,
                               const uncertainty_spec& spec, const uncertainty_options& o) {
    return uncertainty_model::make(data, fw, steps, spec)->run(o);
}

}  // namespace zhibiao::composite
