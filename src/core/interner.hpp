#pragma once
// One string interner for the readers that meet a text per row (CSV entity and period codes,
// patents' region and kind columns): each distinct text gets the next index, in first-seen order.
//
// An open-addressing table of 8-byte slots (32 bits of the hash, index + 1) rather than
// std::unordered_map: a firm table has a new code on every row, and node-per-entry maps spent
// more time than parsing the numbers (one cache miss per probe here; the stored hash bits settle
// nearly every mismatch without touching the text). A zero slot is empty, so the table is fresh
// zero pages (zeroed_array): at 5·10⁶ codes, writing the empty slots of every doubling of a
// 16-byte-slot table (512 MB in all) was 40 % of a firm table's parse. The texts are copied into
// blocks of 1 MiB: one allocation per block, not per text, and views of them stay valid while the
// interner lives (also when it moves).
//
// Ascending texts (start_ascending): a firm register is often written in code order, and then
// every text is new because it sorts after the one before. While that holds the texts are only
// appended — no hash, no slot, no table (at 5·10⁶ codes the table's cache and TLB misses were a
// quarter of a firm table's parse) — and a lookup is a binary search. The first text that does not
// sort after the last one builds the table from the texts so far and interning goes on as usual.

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "core/column_memory.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::detail {

class interner {
public:
    interner() = default;
    /// `copy_texts` false: the interner keeps the views it is given, which must then outlive it
    /// (texts of a buffer the caller keeps, such as a CSV file's body: no copy per new text).
    explicit interner(bool copy_texts) : copy_(copy_texts) {}

    /// A hash of eight bytes at a time, multiplied and folded, ending in a full mix (the table
    /// keeps and places by its two halves folded).
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = s.size() * 0x9E3779B97F4A7C15ull;
        const char* p = s.data();
        std::size_t n = s.size();
        for (; n >= 8; p += 8, n -= 8) {
            std::uint64_t word;
            std::memcpy(&word, p, 8);
            h = (h ^ word) * 0xFF51AFD7ED558CCDull;
            h ^= h >> 32;
        }
        if (n > 0) {
            std::uint64_t word = 0;
            std::memcpy(&word, p, n);
            h = (h ^ word) * 0xC4CEB9FE1A85EC53ull;
        }
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDull;
        h ^= h >> 33;
        return h;
    }

    /// From now on (the interner empty) texts that each sort after the one before are only
    /// appended (append_if_ascending) until one does not.
    void start_ascending() {
        if (texts_.empty()) ascending_ = true;
    }
    /// Whether every text so far sorted after the one before and no table has been built.
    bool ascending() const { return ascending_; }
    /// The texts so far put in the table (no longer ascending): for lookups of texts within their
    /// range, which would otherwise each be a binary search.
    void make_table() {
        if (ascending_) build_table();
    }

    /// While ascending(): appends `s` when it sorts after the last text (byte order) and returns
    /// true — its index is size() - 1. Otherwise the table is built from the texts so far, the
    /// interner is no longer ascending, and `s` is left for intern(): returns false.
    bool append_if_ascending(std::string_view s) {
        if (!ascending_) return false;
        if (texts_.empty() || texts_.back() < s) {
            check_room();
            texts_.push_back(copy_ ? keep(s) : s);
            return true;
        }
        build_table();
        return false;
    }

    /// The index of `s` and whether it was new (then it is size() - 1).
    std::pair<std::int32_t, bool> intern(std::string_view s) { return intern(s, hash(s)); }

    /// As intern(s), with `h` == hash(s) computed by the caller (to look the text up elsewhere too).
    std::pair<std::int32_t, bool> intern(std::string_view s, std::uint64_t h) {
        if (ascending_) build_table();
        if (10 * (texts_.size() + 1) > 7 * slots_.size()) grow(2 * std::max<std::size_t>(32, slots_.size()));
        const std::uint64_t tag = tag_of(h);
        for (std::size_t i = home(tag);; i = (i + 1) & mask_) {
            std::uint64_t& e = slots_[i];
            if (e == 0) {
                check_room();
                texts_.push_back(copy_ ? keep(s) : s);
                e = tag | texts_.size();  // the index + 1: never 0
                return {static_cast<std::int32_t>(texts_.size() - 1), true};
            }
            if ((e & tag_mask) == tag && texts_[id_of(e)] == s) return {static_cast<std::int32_t>(id_of(e)), false};
        }
    }

    /// The index of `s`, or -1 when it has not been interned. Safe to call from several threads
    /// while no thread interns.
    std::int32_t find(std::string_view s, std::uint64_t h) const {
        if (ascending_) {
            // Sorted and distinct: outside [first, last] (a later chunk of a sorted file) at once.
            if (texts_.empty() || s < texts_.front() || texts_.back() < s) return -1;
            const auto at = std::lower_bound(texts_.begin(), texts_.end(), s);
            return *at == s ? static_cast<std::int32_t>(at - texts_.begin()) : -1;
        }
        if (slots_.empty()) return -1;
        const std::uint64_t tag = tag_of(h);
        for (std::size_t i = home(tag);; i = (i + 1) & mask_) {
            const std::uint64_t e = slots_[i];
            if (e == 0) return -1;
            if ((e & tag_mask) == tag && texts_[id_of(e)] == s) return static_cast<std::int32_t>(id_of(e));
        }
    }
    std::int32_t find(std::string_view s) const { return find(s, hash(s)); }

    /// Asks the CPU to bring the slot of hash `h` into cache: a caller that knows the next texts
    /// ahead (the CSV reader, a few rows back) hides the cache miss of each probe of a large table.
    ///
    /// Without a branch: GCC 12 drops a __builtin_prefetch that is alone in an `if` (the former
    /// `if (!slots_.empty())` compiled to nothing, so no prefetch was ever issued). An empty table
    /// has no data and a mask of 0: the address is then null + 0, and a prefetch never faults.
    void prefetch(std::uint64_t h) const {
#if defined(__GNUC__)
        __builtin_prefetch(slots_.data() + home(tag_of(h)), 1);
#else
        (void)h;
#endif
    }

    std::size_t size() const { return texts_.size(); }
    std::string_view text(std::size_t id) const { return texts_[id]; }
    /// The distinct texts in first-seen order: views into this interner's blocks.
    const huge_page_vector<std::string_view>& texts() const { return texts_; }

    /// Room for `n` texts without growing the table (an upper bound is fine): the table is made
    /// at its final size at once.
    void reserve(std::size_t n) {
        texts_.reserve(n);
        reserved_ = std::max(reserved_, n);
        if (ascending_) return;  // the table is made when the order breaks, if it does
        std::size_t slots = std::max<std::size_t>(64, slots_.size());
        while (7 * slots < 10 * n) slots *= 2;
        if (slots > slots_.size()) grow(slots);
    }

private:
    // A slot: the text's hash folded to 32 bits (the tag) in the high half and the text's index + 1
    // in the low half; 0 when empty. The position in the table is taken from the tag too, so the
    // table grows without hashing the texts again (and whatever hash the caller gave is kept).
    static constexpr std::uint64_t tag_mask = ~std::uint64_t{0xFFFFFFFF};
    static std::uint64_t tag_of(std::uint64_t h) { return (h ^ (h << 32)) & tag_mask; }
    std::size_t home(std::uint64_t tag_or_slot) const { return static_cast<std::size_t>(tag_or_slot >> 32) & mask_; }
    static std::size_t id_of(std::uint64_t slot) { return static_cast<std::size_t>(slot & 0xFFFFFFFF) - 1; }

    std::string_view keep(std::string_view s) {
        constexpr std::size_t block = std::size_t{1} << 20;
        if (s.size() > block_left_) {
            const std::size_t size = std::max(block, s.size());
            blocks_.emplace_back(new char[size]);
            block_next_ = blocks_.back().get();
            block_left_ = size;
        }
        if (s.empty()) return std::string_view(block_next_, 0);
        std::memcpy(block_next_, s.data(), s.size());
        std::string_view kept(block_next_, s.size());
        block_next_ += s.size();
        block_left_ -= s.size();
        return kept;
    }

    void check_room() const {
        if (texts_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
            throw limit_error("more than 2^31 - 1 distinct texts in one column");
    }

    // The table of the texts appended in ascending order, sized for what was reserved; each slot
    // prefetched a few texts ahead (the same misses the interning would have had, in one loop).
    void build_table() {
        ascending_ = false;
        std::size_t slots = 64;
        while (7 * slots < 10 * std::max(reserved_, texts_.size() + 1)) slots *= 2;
        grow(slots);
        constexpr std::size_t ahead = 16;
        std::vector<std::uint64_t> hashes(std::min(ahead, texts_.size()));
        for (std::size_t j = 0; j < hashes.size(); ++j) prefetch(hashes[j] = hash(texts_[j]));
        for (std::size_t j = 0; j < texts_.size(); ++j) {
            const std::uint64_t h = hashes[j % ahead];
            if (j + ahead < texts_.size()) prefetch(hashes[j % ahead] = hash(texts_[j + ahead]));
            std::size_t i = home(tag_of(h));
            while (slots_[i] != 0) i = (i + 1) & mask_;
            slots_[i] = tag_of(h) | (j + 1);
        }
    }

    // A table of `size` slots (a power of two) with the texts so far.
    void grow(std::size_t size) {
        zeroed_array<std::uint64_t> old(size);
        old.swap(slots_);
        mask_ = slots_.size() - 1;
        for (std::size_t j = 0; j < old.size(); ++j)
            if (old[j] != 0) {
                std::size_t i = home(old[j]);
                while (slots_[i] != 0) i = (i + 1) & mask_;
                slots_[i] = old[j];
            }
    }

    bool copy_ = true;
    huge_page_vector<std::string_view> texts_;  // 16 bytes a text: 80 MB for 5·10⁶ codes
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* block_next_ = nullptr;
    std::size_t block_left_ = 0;
    zeroed_array<std::uint64_t> slots_;  // a power of two, at most 70 % full
    std::size_t mask_ = 0;
    bool ascending_ = false;    // texts appended in ascending order, no table yet (start_ascending)
    std::size_t reserved_ = 0;  // the most texts reserve() was told of
};

}  // namespace zhibiao::detail
