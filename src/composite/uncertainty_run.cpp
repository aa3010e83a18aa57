// Running an uncertainty analysis (uncertainty.hpp): replications in chunk-aligned blocks on
// threads, exact merging of rank histograms, Saltelli's design and the Sobol estimators.
#include <boost/random/sobol.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <limits>
#include <memory>
#include <new>
#include <stdexcept>
#include <thread>
#include <utility>

#include "uncertainty_fast.hpp"
#include "code_suggestion.hpp"
#include "core/memory_budget.hpp"
#include "core/thread_pool.hpp"

#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#include "zhibiao/detail/counted.hpp"
#endif

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
        zhibiao::detail::run_in_threads(count, [&](std::size_t t) { work(first + t); });
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

/// One cell's rank counts: (*this)[r] replications had rank low + r; 16-bit counts while a run
/// has fewer than 65,536 replications.
struct counts_view {
    int low = 0;
    const std::uint32_t* counts = nullptr;
    std::size_t size = 0;
    const std::uint16_t* narrow = nullptr;  ///< the counts when they are 16-bit (then counts is null)
    std::uint32_t operator[](std::size_t r) const { return narrow != nullptr ? narrow[r] : counts[r]; }
};

/// The type-7 quantiles p (ascending or not) of the n > 0 ranks counted in h, in one walk over
/// the counts; each the interpolation of rank_histogram::order_statistic's two neighbours.
template <std::size_t P>
std::array<double, P> histogram_quantiles(const counts_view& h, std::uint64_t n, const std::array<double, P>& p) {
    std::array<double, P> at{};
    std::array<std::pair<std::uint64_t, std::size_t>, 2 * P> wanted{};  // order statistic, its slot
    for (std::size_t j = 0; j < P; ++j) {
        at[j] = static_cast<double>(n - 1) * p[j];
        const auto lo = static_cast<std::uint64_t>(std::floor(at[j]));
        wanted[2 * j] = {lo, 2 * j}, wanted[2 * j + 1] = {std::min(lo + 1, n - 1), 2 * j + 1};
    }
    std::sort(wanted.begin(), wanted.end());
    std::array<double, 2 * P> rank{};
    std::size_t next = 0;
    std::uint64_t through = 0;  // ranks counted up to the current one
    for (std::size_t r = 0; r < h.size && next < wanted.size(); ++r) {
        through += h[r];
        for (; next < wanted.size() && wanted[next].first < through; ++next)
            rank[wanted[next].second] = static_cast<double>(h.low + static_cast<int>(r));
    }
    for (; next < wanted.size(); ++next)
        rank[wanted[next].second] = static_cast<double>(h.low + static_cast<int>(h.size) - 1);
    std::array<double, P> q{};
    for (std::size_t j = 0; j < P; ++j) {
        const double a = rank[2 * j], b = rank[2 * j + 1];
        q[j] = a + (at[j] - std::floor(at[j])) * (b - a);
    }
    return q;
}

/// The rank and score statistics of cell (unit i, node k) into res.
void cell_statistics(const counts_view& h, const uncertainty_block& all, std::size_t i, std::size_t k,
                     const uncertainty_options& o, uncertainty_result& res) {
    const std::size_t units = res.regions.size(), nodes = res.nodes.size(), n = all.count;
    const auto ii = static_cast<Eigen::Index>(i), kk = static_cast<Eigen::Index>(k);
    std::uint64_t present = 0, top = 0;
    double rank_sum = 0, score_sum = 0;
    for (std::size_t r = 0; r < h.size; ++r) {
        const int rank = h.low + static_cast<int>(r);
        const std::uint32_t count = h[r];
        present += count, rank_sum += static_cast<double>(rank) * count;
        if (rank <= o.top_k) top += count;
    }
    for (const auto& s : all.chunk_sums) score_sum += s(ii, kk);
    // Every statistic over the replications that gave the cell a score (leaving out an indicator
    // can leave an aggregate without one): P(top k) too, not top / n beside a median of fewer.
    res.no_score(ii, kk) = static_cast<double>(n - present);
    if (present == 0) return;
    res.top_k_share(ii, kk) = static_cast<double>(top) / static_cast<double>(present);
    res.mean_rank(ii, kk) = rank_sum / static_cast<double>(present);
    const auto q = histogram_quantiles<3>(h, present, {0.5, 0.05, 0.95});
    res.median_rank(ii, kk) = q[0], res.rank_p05(ii, kk) = q[1], res.rank_p95(ii, kk) = q[2];
    res.mean_score(ii, kk) = score_sum / static_cast<double>(present);
    if (all.tails.keep) {
        res.score_p05(ii, kk) = all.tails.quantile(i + units * k, present, 0.05);
        res.score_p95(ii, kk) = all.tails.quantile(i + units * k, present, 0.95);
        return;
    }
    if (all.scores.empty()) return;
    std::vector<double> v;
    for (std::size_t r = 0; r < n; ++r)
        if (const float x = all.scores[(r * nodes + k) * units + i]; !std::isnan(x)) v.push_back(x);
    std::sort(v.begin(), v.end());
    res.score_p05(ii, kk) = quantile7(v, 0.05), res.score_p95(ii, kk) = quantile7(v, 0.95);
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
    if (b.tails.keep != into.tails.keep)
        throw argument_error(
            "uncertainty: blocks with and without score tails (score_percentiles), or with tails "
            "for another number of replications, cannot be merged");
    if (into.tails.keep) into.tails.add(b.tails);
    into.count += b.count;
}

struct free_memory {
    void operator()(void* p) const { std::free(p); }
};

/// Uninitialised room for n values of a rank batch (tens of MB, every value written before it
/// is read): on transparent huge pages where the kernel offers them on request, as
/// core/column_memory.hpp does — with 4 KiB pages, zeroing and faulting in the buffer took
/// ~10 % of a run of 1,000 replications of 3,000 × 11 cells.
template <class T>
std::unique_ptr<T[], free_memory> batch_memory(std::size_t n) {
    const std::size_t bytes = std::max<std::size_t>(n, 1) * sizeof(T);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    if (bytes >= huge_page) {
        void* p = nullptr;
        if (::posix_memalign(&p, huge_page, bytes) != 0) throw std::bad_alloc();
        ::madvise(p, bytes, MADV_HUGEPAGE);  // advice only: without huge pages it still works
        return std::unique_ptr<T[], free_memory>(static_cast<T*>(p));
    }
#endif
    void* p = std::malloc(bytes);
    if (p == nullptr) throw std::bad_alloc();
    return std::unique_ptr<T[], free_memory>(static_cast<T*>(p));
}

/// Zeroed memory from the kernel for rank counts, on transparent huge pages where offered:
/// the histograms of a large run take ~150 MB, and as 4 KiB pages from malloc their page faults
/// and the allocator took ~20 % of the run.
class zeroed_block {
public:
    explicit zeroed_block(std::size_t bytes) : bytes_(std::max<std::size_t>(bytes, 1)) {
#if defined(__linux__)
        void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) throw std::bad_alloc();
#if defined(MADV_HUGEPAGE)
        if (bytes_ >= (std::size_t{2} << 20)) ::madvise(p, bytes_, MADV_HUGEPAGE);  // advice only
#endif
#else
        void* p = std::calloc(bytes_, 1);
        if (p == nullptr) throw std::bad_alloc();
#endif
        data_ = static_cast<unsigned char*>(p);
    }
    zeroed_block(zeroed_block&& other) noexcept : data_(std::exchange(other.data_, nullptr)), bytes_(other.bytes_) {}
    zeroed_block(const zeroed_block&) = delete;
    zeroed_block& operator=(const zeroed_block&) = delete;
    zeroed_block& operator=(zeroed_block&&) = delete;
    ~zeroed_block() {
        if (data_ == nullptr) return;
#if defined(__linux__)
        ::munmap(data_, bytes_);
#else
        std::free(data_);
#endif
    }
    unsigned char* data() const { return data_; }

private:
    unsigned char* data_ = nullptr;
    std::size_t bytes_;
};

/// The rank histograms of a run while it counts: each cell's counts a span in blocks of zeroed
/// memory owned by the thread slot that counts the cell (no lock: a cell is always counted by
/// the same slot), moved to a wider span when its ranks spread (the old span left unused; it
/// grows by a quarter, as rank_histogram::widen, so moves are rare). The counts are 16-bit when
/// no cell can count 65,536 replications (half the memory to fault in, twice the cells of a tile
/// in cache while counting), 32-bit otherwise.
class rank_arena {
public:
    struct span {
        int low = 0;  ///< the rank counted in counts[0]
        std::uint32_t size = 0;
        void* counts = nullptr;  ///< uint16 or uint32 counts, as narrow()
    };

    rank_arena(std::size_t cells, std::size_t units, unsigned slots, std::size_t replications)
        : spans_(cells),
          pools_(slots),
          units_(units),
          block_(std::max<std::size_t>(units + 1,
                                       std::min<std::size_t>(std::size_t{8} << 20, cells / slots * (units + 1)))),
          narrow_(replications <= std::numeric_limits<std::uint16_t>::max()) {}

    bool narrow() const { return narrow_; }
    const span& at(std::size_t cell) const { return spans_[cell]; }

    counts_view view(std::size_t cell) const {
        const span& s = spans_[cell];
        if (narrow_) return {s.low, nullptr, s.size, static_cast<const std::uint16_t*>(s.counts)};
        return {s.low, static_cast<const std::uint32_t*>(s.counts), s.size, nullptr};
    }

    /// Cell `cell`, counted by slot `slot`, with room for the ranks first … last.
    const span& widen(std::size_t cell, unsigned slot, int first, int last) {
        span& s = spans_[cell];
        const int old_end = s.low + static_cast<int>(s.size);
        if (s.counts != nullptr && first >= s.low && last < old_end) return s;
        int low = first, end = last + 1;
        if (s.counts != nullptr) {
            const int grow = static_cast<int>(s.size + 3) / 4;
            low = first < s.low ? std::min(first, std::max(1, s.low - grow)) : s.low;
            end = last >= old_end ? std::max(last + 1, old_end + grow) : old_end;
        }
        end = std::max(last + 1, std::min(end, static_cast<int>(units_) + 1));
        const std::size_t width = narrow_ ? sizeof(std::uint16_t) : sizeof(std::uint32_t);
        unsigned char* to = take(slot, static_cast<std::size_t>(end - low) * width);
        if (s.counts != nullptr)
            std::memcpy(to + static_cast<std::size_t>(s.low - low) * width, s.counts, s.size * width);
        s = {low, static_cast<std::uint32_t>(end - low), to};
        return s;
    }

    /// Cell `cell`'s counts as a histogram (a block's, for merging).
    rank_histogram histogram(std::size_t cell) const {
        rank_histogram h;
        const span& s = spans_[cell];
        if (s.counts == nullptr) return h;
        h.low = s.low;
        if (narrow_) {
            const auto* c = static_cast<const std::uint16_t*>(s.counts);
            h.counts.assign(c, c + s.size);
        } else {
            const auto* c = static_cast<const std::uint32_t*>(s.counts);
            h.counts.assign(c, c + s.size);
        }
        return h;
    }

private:
    struct pool {
        std::vector<zeroed_block> blocks;
        std::size_t used = 0, room = 0;  ///< in the last block
    };

    /// `bytes` of zeroed memory from slot `slot`'s pool.
    unsigned char* take(unsigned slot, std::size_t bytes) {
        pool& p = pools_[slot];
        const std::size_t block_bytes = block_ * (narrow_ ? sizeof(std::uint16_t) : sizeof(std::uint32_t));
        if (p.room - p.used < bytes) p.room = std::max(block_bytes, bytes), p.used = 0, p.blocks.emplace_back(p.room);
        unsigned char* at = p.blocks.back().data() + p.used;
        p.used += bytes;
        return at;
    }

    std::vector<span> spans_;
    std::vector<pool> pools_;
    std::size_t units_, block_;  ///< block_: counts per block of a pool
    bool narrow_;
};

/// Ranks of a batch of replications waiting to be counted, [replication × cell], 0 where a
/// cell has no score: uint16 when every rank fits (units ≤ 65,535), else uint32.
class rank_batch {
public:
    static constexpr std::size_t tile = 64;  ///< cells counted together: 128 bytes of a narrow row

    /// Room for the replications `budget` bytes hold (at least one, at most `replications`;
    /// a multiple of `step` — a chunk per thread — when it holds that many).
    rank_batch(std::size_t cells, std::size_t units, std::size_t replications, std::size_t budget, std::size_t step)
        : cells_(cells), units_(units), narrow_(units <= std::numeric_limits<std::uint16_t>::max()) {
        const std::size_t row = std::max<std::size_t>(1, cells * (narrow_ ? 2 : 4));
        std::size_t rows = std::max<std::size_t>(1, budget / row);
        if (rows >= step) rows -= rows % step;
        rows_ = std::min(rows, std::max<std::size_t>(1, replications));
        if (narrow_)
            short_ = batch_memory<std::uint16_t>(rows_ * cells);
        else
            long_ = batch_memory<std::uint32_t>(rows_ * cells);
    }
    std::size_t capacity() const { return rows_; }
    std::size_t tiles() const { return (cells_ + tile - 1) / tile; }

    bool narrow() const { return narrow_; }
    float rank_as_float(std::size_t row, std::size_t cell) const {
        const std::uint32_t rank = narrow_ ? short_[row * cells_ + cell] : long_[row * cells_ + cell];
        return rank == 0 ? std::numeric_limits<float>::quiet_NaN() : static_cast<float>(rank);
    }
    /// Replication `row`'s ranks, written by the ranking (0: missing), in either width.
    std::uint16_t* narrow_row(std::size_t row) const { return short_.get() + row * cells_; }
    std::uint32_t* wide_row(std::size_t row) const { return long_.get() + row * cells_; }

    /// The first `rows` replications into the histograms (counted by slot `slot`) and the
    /// missing counts of the cells of tiles [first, end).
    void count(std::size_t rows, std::size_t first, std::size_t end, rank_arena& arena, unsigned slot,
               std::vector<std::uint32_t>& missing) const {
        for (std::size_t t = first; t < end; ++t) {
            const std::size_t cell = t * tile, width = std::min(tile, cells_ - cell);
            if (narrow_ && arena.narrow())
                count_tile<std::uint16_t, std::uint16_t>(short_.get(), rows, cell, width, arena, slot, missing);
            else if (narrow_)
                count_tile<std::uint16_t, std::uint32_t>(short_.get(), rows, cell, width, arena, slot, missing);
            else if (arena.narrow())
                count_tile<std::uint32_t, std::uint16_t>(long_.get(), rows, cell, width, arena, slot, missing);
            else
                count_tile<std::uint32_t, std::uint32_t>(long_.get(), rows, cell, width, arena, slot, missing);
        }
    }

private:
    /// One tile: a pass over the batch for each cell's lowest and highest rank and missing count,
    /// the histograms widened once, then a pass counting (the tile's histograms stay in cache).
    template <class Rank, class Count>
    void count_tile(const Rank* ranks, std::size_t rows, std::size_t cell, std::size_t width, rank_arena& arena,
                    unsigned slot, std::vector<std::uint32_t>& missed) const {
        std::array<std::uint32_t, tile> below{}, high{}, missing{}, low{};
        below.fill(std::numeric_limits<std::uint32_t>::max());
        for (std::size_t r = 0; r < rows; ++r) {
            const Rank* row = ranks + r * cells_ + cell;
            for (std::size_t c = 0; c < width; ++c) {
                const std::uint32_t rank = row[c];
                below[c] = std::min(below[c], rank - 1u);  // 0 (missing) wraps to the largest
                high[c] = std::max(high[c], rank), missing[c] += rank == 0;
            }
        }
        std::array<Count*, tile> counts{};
        for (std::size_t c = 0; c < width; ++c) {
            missed[cell + c] += missing[c];
            if (high[c] == 0) continue;
            const std::uint32_t lowest = below[c] + 1;
            const std::uint32_t margin = arena.at(cell + c).counts == nullptr ? (high[c] - lowest) / 8 + 1 : 0;
            // the first batch shows most of a cell's ranks: room for a few more than it saw
            const rank_arena::span& h =
                arena.widen(cell + c, slot, static_cast<int>(lowest > margin ? lowest - margin : 1),
                            static_cast<int>(std::min<std::size_t>(units_, high[c] + margin)));
            counts[c] = static_cast<Count*>(h.counts), low[c] = static_cast<std::uint32_t>(h.low);
        }
        for (std::size_t r = 0; r < rows; ++r) {
            const Rank* row = ranks + r * cells_ + cell;
            for (std::size_t c = 0; c < width; ++c)
                if (const std::uint32_t rank = row[c]) ++counts[c][rank - low[c]];
        }
    }

    std::size_t cells_, units_, rows_ = 0;
    bool narrow_;
    std::unique_ptr<std::uint16_t[], free_memory> short_;
    std::unique_ptr<std::uint32_t[], free_memory> long_;
};

/// Replication r's scores (its ranks already in row `row` of the batch): the score sums of its
/// chunk (in replication order; a missing score has no rank and adds nothing), the kept matrices
/// and the score tails into `rows` and `tails`.
void record(std::size_t r, const Eigen::MatrixXd& s, const uncertainty_options& o, score_tails& tails,
            uncertainty_block& rows, const rank_batch& batch, std::size_t row) {
    const auto units = static_cast<std::size_t>(s.rows()), nodes = static_cast<std::size_t>(s.cols());
    Eigen::MatrixXd& sums = rows.chunk_sums[r / uncertainty_model::chunk];
    const bool plain = !o.keep_ranks && !o.keep_scores && !tails.keep;
    for (std::size_t k = 0; k < nodes; ++k) {
        const double* score = s.col(static_cast<Eigen::Index>(k)).data();
        double* sum = sums.col(static_cast<Eigen::Index>(k)).data();
        if (plain) {  // the usual case: a select that vectorises
            for (std::size_t i = 0; i < units; ++i) sum[i] = std::isnan(score[i]) ? sum[i] : sum[i] + score[i];
            continue;
        }
        for (std::size_t i = 0; i < units; ++i) {
            const std::size_t kept = (r * nodes + k) * units + i;
            if (o.keep_ranks) rows.ranks[kept] = batch.rank_as_float(row, units * k + i);
            if (o.keep_scores) rows.scores[kept] = static_cast<float>(score[i]);
            if (std::isnan(score[i])) continue;
            sum[i] += score[i];
            if (tails.keep) tails.add(i + units * k, score[i]);
        }
    }
}

/// A thread slot's working memory, kept for the whole run: fresh pages are dear.
struct replication_space {
    uncertainty_model::fast_scratch scratch;
    Eigen::MatrixXd scores;
    std::vector<double> u;
    std::vector<std::uint16_t> narrow;  ///< one column's ranks, in L1, before they go to the batch
    std::vector<std::uint32_t> wide;
};

/// n ranks from `from` (in cache) to the rank batch, which is read back only when the batch is
/// counted: with non-temporal stores where there is SSE2 (the ranking's scattered stores straight
/// into the batch missed the cache on every line and read it from memory first, to overwrite it;
/// these write whole lines without reading them). The caller fences (stream_fence) before the
/// batch is counted.
template <class T>
void stream_ranks(const T* from, T* to, std::size_t n) {
    std::size_t i = 0;
#if defined(__SSE2__)
    constexpr std::size_t per = 16 / sizeof(T);
    while (i < n && reinterpret_cast<std::uintptr_t>(to + i) % 16 != 0) to[i] = from[i], ++i;
    if (reinterpret_cast<std::uintptr_t>(to + i) % 16 == 0)
        for (; i + per <= n; i += per)
            _mm_stream_si128(reinterpret_cast<__m128i*>(to + i),
                             _mm_loadu_si128(reinterpret_cast<const __m128i*>(from + i)));
#endif
    for (; i < n; ++i) to[i] = from[i];
}

/// Non-temporal stores are weakly ordered: made visible before another thread counts the batch.
void stream_fence() {
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

/// Replications [first, first + count) of a model: their uniforms, chunk score sums and kept
/// matrices into `rows` (whose replication 0 is `offset`), their ranks straight into the batch
/// (whose row 0 is replication `batch_first`).
void replicate(const uncertainty_model& m, std::size_t first, std::size_t count, const uncertainty_options& o,
               score_tails& tails, uncertainty_block& rows, std::size_t offset, rank_batch& batch,
               std::size_t batch_first, replication_space& space) {
    const std::size_t units = m.units(), nodes = m.aggregate_count(), dims = m.dimensions();
    uncertainty_model::fast_scratch& scratch = space.scratch;
    Eigen::MatrixXd& s = space.scores;
    std::vector<double>& u = space.u;
    u.resize(dims);
    for (std::size_t r = first; r < first + count; ++r) {
        for (std::size_t j = 0; j < dims; ++j) u[j] = stream_uniform(o.seed, r, j);
        for (std::size_t j = 0; j < dims; ++j)
            rows.uniforms(static_cast<Eigen::Index>(r - offset), static_cast<Eigen::Index>(j)) = u[j];
        const replication_draw d = m.decode(u.data());
        const bool fast = m.fast_scores(d, scratch, s);
        if (!fast) s = m.general_scores(d);
        const std::size_t row = r - batch_first;
        for (std::size_t k = 0; k < nodes; ++k) {
            const double* x = s.col(static_cast<Eigen::Index>(k)).data();
            const score_range* known = fast ? &scratch.ranges[k] : nullptr;  // taken as the column was scored
            if (batch.narrow()) {
                space.narrow.resize(units);
                rank_descending(x, units, scratch, space.narrow.data(), known);
                stream_ranks(space.narrow.data(), batch.narrow_row(row) + units * k, units);
            } else {
                space.wide.resize(units);
                rank_descending(x, units, scratch, space.wide.data(), known);
                stream_ranks(space.wide.data(), batch.wide_row(row) + units * k, units);
            }
        }
        record(r - offset, s, o, tails, rows, batch, row);
    }
    stream_fence();
}

/// [begin, end) cut where a chunk of score sums ends: pieces that can run on different threads.
std::vector<std::pair<std::size_t, std::size_t>> chunk_pieces(std::size_t begin, std::size_t end) {
    std::vector<std::pair<std::size_t, std::size_t>> pieces;
    for (std::size_t at = begin; at < end;) {
        const std::size_t next = std::min(end, (at / uncertainty_model::chunk + 1) * uncertainty_model::chunk);
        pieces.emplace_back(at, next), at = next;
    }
    return pieces;
}

/// Replications [first, first + count) of a model into `into` (whose replication 0 is
/// `offset`) on `threads` threads, a batch at a time: the threads compute the batch's
/// replications (chunk by chunk: each chunk's score sum in replication order, tails per
/// thread), then count its ranks, each thread its own cells. Counts do not depend on the
/// order they are added in: the same bits for any thread count, batch size and block split.
void run_range(const uncertainty_model& m, std::size_t first, std::size_t count, const uncertainty_options& o,
               unsigned threads, uncertainty_block& into, std::size_t offset, std::vector<score_tails>& tails,
               std::size_t total, rank_arena& arena) {
    const std::size_t units = m.units(), cells = units * m.aggregate_count();
    rank_batch batch(cells, units, count, o.batch_bytes * threads, uncertainty_model::chunk * threads);
    std::vector<replication_space> spaces(threads);
    for (std::size_t start = first; start < first + count; start += batch.capacity()) {
        const std::size_t rows = std::min(batch.capacity(), first + count - start);
        const auto pieces = chunk_pieces(start, start + rows);
        in_waves(
            pieces.size(), threads,
            [&](std::size_t p) {
                const auto [begin, end] = pieces[p];
                replicate(m, begin, end - begin, o, tails[p % threads], into, offset, batch, start,
                          spaces[p % threads]);
            },
            [&](std::size_t done, std::size_t n) {
                if (o.progress && total) o.progress(pieces[done + n - 1].second, total);
            });
        const std::size_t tiles = batch.tiles();
        in_waves(
            threads, threads,
            [&](std::size_t t) {
                batch.count(rows, tiles * t / threads, tiles * (t + 1) / threads, arena, static_cast<unsigned>(t),
                            into.missing);
            },
            [](std::size_t, std::size_t) {});
    }
}

}  // namespace

struct uncertainty_model::count_source {
    std::function<counts_view(std::size_t)> cell;  ///< the counts of cell unit + units·node
};

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
    // grown by at least a quarter of its size (not below rank 1): rare reallocations as the
    // ranks spread, little memory unused
    const int size = static_cast<int>(counts.size() + 3) / 4;
    if (first < low) {
        const int to = std::min(first, std::max(1, low - size));
        counts.insert(counts.begin(), static_cast<std::size_t>(low - to), 0u), low = to;
    }
    if (last >= low + static_cast<int>(counts.size()))
        counts.resize(static_cast<std::size_t>(std::max(last - low + 1, static_cast<int>(counts.size()) + size)), 0u);
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

namespace {

// A replication count one digit too long must be refused before anything is allocated. What a
// run holds whatever its batches: the draws (replications × dims), the partial score sums (a
// units × nodes matrix per chunk), the kept rank and score matrices, each tail set's heaps.
void check_run_memory(std::size_t replications, std::size_t dims, std::size_t units, std::size_t nodes,
                      unsigned tail_sets, const uncertainty_options& o) {
    using zhibiao::detail::saturating_product;
    const std::size_t cells = units * nodes, pieces = replications / uncertainty_model::chunk + 1;
    const std::size_t kept = std::size_t{o.keep_ranks} + std::size_t{o.keep_scores};
    const std::size_t tail = o.score_percentiles ? replications / 20 + 2 : 0;
    const std::size_t bytes = zhibiao::detail::saturating_sum(
        {saturating_product({replications, dims, sizeof(double)}), saturating_product({pieces, cells, sizeof(double)}),
         saturating_product({kept, replications, cells, sizeof(float)}),
         saturating_product({tail_sets, 2, tail, cells, sizeof(double)})});
    zhibiao::detail::check_memory(
        "uncertainty: " + zhibiao::detail::counted(replications, "replication") + " of " +
            zhibiao::detail::counted(units, "region") + " × " + zhibiao::detail::counted(nodes, "aggregate"),
        bytes,
        kept ? "; ask for fewer replications, or keep fewer matrices (keep_ranks, keep_scores)"
             : "; ask for fewer replications");
}

/// P(rank ≤ top_k) needs a top_k among the ranks there are: 12 of 5 regions gave 1 for every
/// region, which read as certainty rather than a mistaken argument. 0 is the default, 10 (P = 1
/// for all when there are fewer regions, as before: a default asks for nothing in particular).
int checked_top_k(int top_k, std::size_t units) {
    if (top_k == 0) return 10;
    if (top_k >= 1 && static_cast<std::size_t>(top_k) <= units) return top_k;
    throw argument_error("uncertainty: top_k = " + std::to_string(top_k) +
                         (top_k < 1 ? std::string(" is not a rank")
                                    : " is more than the " + zhibiao::detail::counted(units, "region") + " ranked") +
                         " (top_k must be from 1 to " + std::to_string(units) + ")");
}

}  // namespace

uncertainty_block uncertainty_model::run_block(std::size_t first, std::size_t count,
                                               const uncertainty_options& o) const {
    if (first % chunk != 0)
        throw argument_error("uncertainty: a block must start at a multiple of " + std::to_string(chunk) +
                             " replications");
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    check_run_memory(count, dims_, units, nodes, o.score_percentiles ? 1 : 0, o);
    uncertainty_block b = empty_block(first, count, cells, dims_, o, cells);
    b.chunk_sums.assign((count + chunk - 1) / chunk,
                        Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(units), static_cast<Eigen::Index>(nodes)));
    // Tails sized for the whole run (o.replications), so that blocks merge into run()'s tails.
    std::vector<score_tails> tails(1);
    if (o.score_percentiles) tails[0].reset(cells, std::max(o.replications, first + count));
    rank_arena arena(cells, units, 1, count);
    run_range(*this, first, count, o, 1, b, first, tails, 0, arena);
    for (std::size_t c = 0; c < cells; ++c) b.rank_counts[c] = arena.histogram(c);
    b.tails = std::move(tails[0]);
    return b;
}

uncertainty_result uncertainty_model::run(const uncertainty_options& o) const {
    uncertainty_options checked = o;
    checked.top_k = checked_top_k(o.top_k, data_.regions.size());
    const std::size_t n = o.replications, pieces = (n + chunk - 1) / chunk;
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    const unsigned threads =
        static_cast<unsigned>(std::min<std::size_t>(thread_count(o.threads), std::max<std::size_t>(1, pieces)));
    check_run_memory(n, dims_, units, nodes, threads, o);
    uncertainty_block all = empty_block(0, n, cells, dims_, o, cells);
    all.chunk_sums.assign(pieces,
                          Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(units), static_cast<Eigen::Index>(nodes)));
    // Score tails per thread (merged exactly at the end); everything else is shared.
    std::vector<score_tails> tails(threads);
    if (o.score_percentiles)
        for (score_tails& t : tails) t.reset(cells, n);
    rank_arena arena(cells, units, threads, n);
    run_range(*this, 0, n, o, threads, all, 0, tails, n, arena);
    for (std::size_t t = 1; t < tails.size(); ++t) tails[0].add(tails[t]);
    all.tails = std::move(tails[0]);
    // the statistics straight from the arena: no copy of the histograms into fresh memory
    return statistics(all, count_source{[&](std::size_t c) { return arena.view(c); }}, checked);
}

uncertainty_result uncertainty_model::merge(std::vector<uncertainty_block> blocks, const uncertainty_options& o) const {
    uncertainty_options checked = o;
    checked.top_k = checked_top_k(o.top_k, data_.regions.size());
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
    if (n == 0) throw argument_error("uncertainty: the blocks hold no replication (at least 1 is needed)");
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size(), cells = units * nodes;
    uncertainty_block all = empty_block(0, n, cells, dims_, o, cells);
    all.count = 0;
    if (!blocks.empty() && blocks[0].tails.keep) all.tails.reset(cells, n);
    if (blocks.size() == 1 && blocks[0].count == n)
        all = std::move(blocks[0]);
    else
        for (auto& b : blocks) absorb(all, b);
    return statistics(all, count_source{[&](std::size_t c) {
                          const rank_histogram& h = all.rank_counts[c];
                          return counts_view{h.low, h.counts.data(), h.counts.size()};
                      }},
                      checked);
}

uncertainty_result uncertainty_model::statistics(uncertainty_block& all, const count_source& counts,
                                                 const uncertainty_options& o) const {
    const std::size_t units = data_.regions.size(), nodes = aggregates_.size();
    uncertainty_result res;
    res.regions = data_.regions;
    for (int k : aggregates_) res.nodes.push_back(fw_.at(k).code);
    res.replications = all.count, res.top_k = o.top_k;
    res.nominal_rank = nominal_ranks_, res.nominal_score = nominal_scores_;
    const auto U = static_cast<Eigen::Index>(units), K = static_cast<Eigen::Index>(nodes);
    res.no_score = Eigen::MatrixXd::Zero(U, K);
    for (Eigen::MatrixXd* m : {&res.mean_rank, &res.median_rank, &res.rank_p05, &res.rank_p95, &res.top_k_share,
                               &res.mean_score, &res.score_p05, &res.score_p95})
        *m = Eigen::MatrixXd::Constant(U, K, missing_value);
    for (std::size_t k = 0; k < nodes; ++k)
        for (std::size_t i = 0; i < units; ++i) cell_statistics(counts.cell(i + units * k), all, i, k, o, res);
    res.uniforms = std::move(all.uniforms);
    res.ranks = std::move(all.ranks), res.scores = std::move(all.scores);
    res.notes = notes_;
    if (res.scores.empty() && !all.tails.keep)
        res.notes.push_back("score percentiles need keep_scores (the full matrix); they are left missing");
    res.model = shared_from_this();
    return res;
}

namespace {
/// The model of `r`; a default-constructed result has none: an error, not a null dereference.
const uncertainty_model& model_of(const uncertainty_result& r) {
    if (!r.model)
        throw error(
            "uncertainty_result: empty (default-constructed or moved from): it has no model; take one "
            "from composite::uncertainty() or uncertainty_model::run()");
    return *r.model;
}
}  // namespace

std::vector<std::string> uncertainty_result::parameter_names() const { return model_of(*this).parameter_names(); }

Eigen::Index uncertainty_result::column_of(const std::string& node) const {
    for (std::size_t k = 0; k < nodes.size(); ++k)
        if (nodes[k] == node) return static_cast<Eigen::Index>(k);
    std::string listed;
    for (std::size_t k = 0; k < nodes.size() && k < 8; ++k) listed += (k ? ", " : "") + nodes[k];
    if (nodes.size() > 8) listed += ", …";
    location w;
    w.variable = node;
    throw argument_error("uncertainty_result: '" + node + "' is not one of its columns, the aggregate nodes (" +
                             (listed.empty() ? std::string("none") : listed) +
                             "; indicators have no statistics, and the columns are not numbered as the "
                             "framework's nodes)" +
                             detail::code_suggestion(node, nodes),
                         w);
}

Eigen::MatrixXd uncertainty_result::parameters() const {
    const uncertainty_model& m = model_of(*this);
    const auto columns = static_cast<Eigen::Index>(m.parameter_names().size());
    Eigen::MatrixXd out(uniforms.rows(), columns);
    for (Eigen::Index r = 0; r < uniforms.rows(); ++r) {
        const Eigen::RowVectorXd u = uniforms.row(r);
        out.row(r) = m.parameters(m.decode(u.data()));
    }
    return out;
}

result uncertainty_result::replication(std::size_t k) const {
    if (k >= static_cast<std::size_t>(uniforms.rows()))
        throw argument_error("replication " + std::to_string(k) + " does not exist (" +
                             zhibiao::detail::counted(uniforms.rows(), "replication") + ", from 0)");
    const uncertainty_model& m = model_of(*this);
    const Eigen::RowVectorXd u = uniforms.row(static_cast<Eigen::Index>(k));
    return m.rebuild(m.decode(u.data()));
}

uncertainty_result uncertainty(const table& data, const framework& fw, const std::vector<step>& steps,
                               const uncertainty_spec& spec, const uncertainty_options& o) {
    // No replication has no statistics: all of them NaN would look like a result. (A model's
    // run() takes 0 for a Sobol-only analysis, whose result holds no rank statistics.)
    if (o.replications == 0) throw argument_error("uncertainty: replications must be at least 1 (got 0)");
    return uncertainty_model::make(data, fw, steps, spec)->run(o);
}

}  // namespace zhibiao::composite
