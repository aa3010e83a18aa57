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
//
// Deferred texts (start_deferred, defer, settle): a firm table in any other order has a new code on
// every row, and its table of 2.5·10⁶ codes a chunk (32 MB) cost a cache and TLB miss per row that
// prefetching did not hide (the prefetch itself waited for its page walk: a fifth of the shuffled
// file's parse). Deferred texts are only written down, with 32 bits of their hash; settle() then
// groups them by the hash's top bits into partitions of a few thousand texts (one sequential
// scatter) and interns each partition into its own table, small enough for L2 — the same
// first-seen numbering, without a random access into a large table.

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

    /// From now on texts are only written down (defer) until settle() numbers them all; the texts
    /// so far (distinct) are the first of them. Only once, before any settle().
    void start_deferred(std::size_t expected) {
        deferred_ = true;
        ascending_ = false;
        items_ = std::move(texts_);
        texts_ = {};
        items_.reserve(std::max(expected, items_.size()));
        tags_.reserve(std::max(expected, items_.size()));
        for (const std::string_view s : items_) note_tag(hash(s));
    }
    bool deferred() const { return deferred_; }
    /// While deferred(): `s` is item number items() (its index is known after settle()).
    void defer(std::string_view s) {
        if (items_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
            throw limit_error("more than 2^31 - 1 texts in one column");
        note_tag(hash(s));
        items_.push_back(copy_ ? keep(s) : s);
    }
    std::size_t items() const { return deferred_ ? items_.size() : item_index_.size(); }

    /// Numbers the deferred texts: each distinct one gets the next index in item order (first-seen
    /// order), item_index(i) is item i's; texts(), size() and find() then work as for interned
    /// texts. No intern() after it.
    void settle() {
        if (!deferred_) return;
        deferred_ = false;
        const std::size_t n = items_.size();
        // Partitions of ~2,000-4,000 texts: a table of at most 32 kB (4,096 slots), which stays in L1/L2.
        std::size_t bits = 0;
        while (bits < part_bits_max && (n >> bits) > 2867) ++bits;
        part_shift_ = 32 - static_cast<unsigned>(bits);
        const std::size_t parts = std::size_t{1} << bits;
        // Counts per partition from the finest counts made while deferring; then the items in
        // partition order (stable: increasing item number within a partition), tag and item together.
        std::vector<std::size_t> start(parts + 1, 0);
        for (std::size_t f = 0; f < fine_counts_.size(); ++f)
            start[(f >> (part_bits_max - bits)) + 1] += fine_counts_[f];
        for (std::size_t p = 0; p < parts; ++p) start[p + 1] += start[p];
        part_offset_.assign(parts + 1, 0);
        part_mask_.assign(parts, 0);
        for (std::size_t p = 0; p < parts; ++p) {
            std::size_t slots = 8;
            while (7 * slots < 10 * (start[p + 1] - start[p] + 1)) slots *= 2;
            part_mask_[p] = static_cast<std::uint32_t>(slots - 1);
            part_offset_[p + 1] = part_offset_[p] + slots;
        }
        {
            huge_page_vector<std::uint64_t> order(n);
            std::vector<std::size_t> next(start.begin(), start.end() - 1);
            for (std::size_t i = 0; i < n; ++i)
                order[next[std::uint64_t{tags_[i]} >> part_shift_]++] = (std::uint64_t{tags_[i]} << 32) | i;
            tags_ = {};
            item_index_.resize(n);  // first the item's first equal item, then (below) its index
            slots_ = zeroed_array<std::uint64_t>(part_offset_[parts]);
            mask_ = 0;
            for (std::size_t p = 0; p < parts; ++p) {
                std::uint64_t* const table = slots_.data() + part_offset_[p];
                const std::uint32_t mask = part_mask_[p];
                for (std::size_t k = start[p]; k < start[p + 1]; ++k) {
                    const std::uint64_t tag = order[k] & tag_mask;
                    const auto item = static_cast<std::uint32_t>(order[k]);
                    for (std::uint32_t i = static_cast<std::uint32_t>(tag >> 32) & mask;; i = (i + 1) & mask) {
                        const std::uint64_t e = table[i];
                        if (e == 0) {
                            table[i] = tag | (std::uint64_t{item} + 1);
                            item_index_[item] = static_cast<std::int32_t>(item);
                            break;
                        }
                        if ((e & tag_mask) == tag && items_[id_of(e)] == items_[item]) {
                            item_index_[item] = static_cast<std::int32_t>(id_of(e));
                            break;
                        }
                    }
                }
            }
        }
        // In item order: a text's first item takes the next index, a later item its first one's
        // (already numbered); the distinct texts move down into first-seen order in place.
        std::size_t count = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto first = static_cast<std::size_t>(item_index_[i]);
            if (first == i) {
                items_[count] = items_[i];
                item_index_[i] = static_cast<std::int32_t>(count++);
            } else {
                item_index_[i] = item_index_[first];
            }
        }
        items_.resize(count);
        texts_ = std::move(items_);
        items_ = {};
        partitioned_ = true;
    }
    /// After settle(): item i's index.
    std::int32_t item_index(std::size_t i) const { return item_index_[i]; }

    /// The index of `s` and whether it was new (then it is size() - 1).
    std::pair<std::int32_t, bool> intern(std::string_view s) { return intern(s, hash(s)); }

    /// As intern(s), with `h` == hash(s) computed by the caller (to look the text up elsewhere too).
    std::pair<std::int32_t, bool> intern(std::string_view s, std::uint64_t h) {
        if (deferred_ || partitioned_) throw error("interner: intern() after start_deferred()");
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
        if (partitioned_) return find_in_part(static_cast<std::size_t>(tag >> 32) >> part_shift_, tag, s);
        for (std::size_t i = home(tag);; i = (i + 1) & mask_) {
            const std::uint64_t e = slots_[i];
            if (e == 0) return -1;
            if ((e & tag_mask) == tag && texts_[id_of(e)] == s) return static_cast<std::int32_t>(id_of(e));
        }
    }
    std::int32_t find(std::string_view s) const { return find(s, hash(s)); }

    /// Whether texts were numbered by settle() (then find_found() looks many texts up at once).
    bool partitioned() const { return partitioned_; }
    /// After settle(): fn(k, index) for each of the n texts s[k] this interner has, in no particular
    /// order. The texts are grouped by partition first (a sequential scatter), so each partition's
    /// table is read while in cache: one at a time, a lookup per text was a cache miss in a table
    /// of millions. Safe to call from several threads while no thread interns.
    template <class Fn>
    void find_found(const std::string_view* s, std::size_t n, const Fn& fn) const {
        const std::size_t parts = part_mask_.size();
        std::vector<std::size_t> start(parts + 1, 0);
        huge_page_vector<std::uint64_t> order(n);
        for (std::size_t k = 0; k < n; ++k) {
            const std::uint64_t tag = tag_of(hash(s[k]));
            order[k] = tag;
            ++start[((tag >> 32) >> part_shift_) + 1];
        }
        for (std::size_t p = 0; p < parts; ++p) start[p + 1] += start[p];
        huge_page_vector<std::uint64_t> grouped(n);
        for (std::size_t k = 0; k < n; ++k) grouped[start[(order[k] >> 32) >> part_shift_]++] = order[k] | k;
        for (std::size_t p = 0, k = 0; p < parts; ++p) {  // start[p] is now partition p's end
            for (; k < start[p]; ++k) {
                const auto text = static_cast<std::size_t>(grouped[k] & 0xFFFFFFFF);
                const std::int32_t id = find_in_part(p, grouped[k] & tag_mask, s[text]);
                if (id >= 0) fn(text, id);
            }
        }
    }

    /// Asks the CPU to bring the slot of hash `h` into cache: a caller that knows the next texts
    /// ahead (the CSV reader, a few rows back) hides the cache miss of each probe of a large table.
    ///
    /// Without a branch: GCC 12 drops a __builtin_prefetch that is alone in an `if` (the former
    /// `if (!slots_.empty())` compiled to nothing, so no prefetch was ever issued). An empty table
    /// has no data and a mask of 0: the address is then null + 0, and a prefetch never faults.
    void prefetch(std::uint64_t h) const {
#if defined(__GNUC__)
        const std::uint64_t tag = tag_of(h);
        // Partitioned (settled): the slot's partition table; otherwise the one table (mask_ is then 0).
        const std::size_t p = partitioned_ ? static_cast<std::size_t>(tag >> 32) >> part_shift_ : 0;
        const std::size_t at =
            partitioned_ ? part_offset_[p] + (static_cast<std::uint32_t>(tag >> 32) & part_mask_[p]) : home(tag);
        __builtin_prefetch(slots_.data() + at, 1);
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
        if (deferred_ || partitioned_) return;
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

    static constexpr std::size_t part_bits_max = 12;
    // After settle(): the index of `s` (tag `tag`) in partition p's table, -1 when absent.
    std::int32_t find_in_part(std::size_t p, std::uint64_t tag, std::string_view s) const {
        const std::uint64_t* const table = slots_.data() + part_offset_[p];
        const std::uint32_t mask = part_mask_[p];
        for (std::uint32_t i = static_cast<std::uint32_t>(tag >> 32) & mask;; i = (i + 1) & mask) {
            const std::uint64_t e = table[i];
            if (e == 0) return -1;
            if ((e & tag_mask) == tag) {
                const std::int32_t id = item_index_[id_of(e)];
                if (texts_[static_cast<std::size_t>(id)] == s) return id;
            }
        }
    }
    void note_tag(std::uint64_t h) {
        const auto tag = static_cast<std::uint32_t>(tag_of(h) >> 32);
        if (fine_counts_.empty()) fine_counts_.assign(std::size_t{1} << part_bits_max, 0);
        ++fine_counts_[tag >> (32 - part_bits_max)];
        tags_.push_back(tag);
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
    // Deferred texts (start_deferred): the items, their tags and counts per finest partition; after
    // settle(), the partitions' tables one after the other in slots_, each item's index.
    bool deferred_ = false, partitioned_ = false;
    huge_page_vector<std::string_view> items_;
    huge_page_vector<std::uint32_t> tags_;
    std::vector<std::size_t> fine_counts_;
    unsigned part_shift_ = 32;
    std::vector<std::size_t> part_offset_;
    std::vector<std::uint32_t> part_mask_;
    huge_page_vector<std::int32_t> item_index_;
};

}  // namespace zhibiao::detail
