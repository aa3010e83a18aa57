#pragma once
// One string interner for the readers that meet a text per row (CSV entity and period codes,
// patents' region and kind columns): each distinct text gets the next index, in first-seen order.
//
// An open-addressing table of (hash, index) pairs rather than std::unordered_map: a firm table
// has a new code on every row, and node-per-entry maps spent more time than parsing the numbers
// (one cache miss per probe here; the stored hash settles nearly every mismatch without touching
// the text). The texts are copied into blocks of 1 MiB: one allocation per block, not per text,
// and views of them stay valid while the interner lives (also when it moves).

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "zhibiao/error.hpp"

namespace zhibiao::detail {

class interner {
public:
    interner() = default;
    /// `copy_texts` false: the interner keeps the views it is given, which must then outlive it
    /// (texts of a buffer the caller keeps, such as a CSV file's body: no copy per new text).
    explicit interner(bool copy_texts) : copy_(copy_texts) {}

    /// A hash of eight bytes at a time, multiplied and folded, ending in a full mix (the table's
    /// slot is taken from the low bits).
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

    /// The index of `s` and whether it was new (then it is size() - 1).
    std::pair<std::int32_t, bool> intern(std::string_view s) { return intern(s, hash(s)); }

    /// As intern(s), with `h` == hash(s) computed by the caller (to look the text up elsewhere too).
    std::pair<std::int32_t, bool> intern(std::string_view s, std::uint64_t h) {
        if (2 * (texts_.size() + 1) > slots_.size()) grow();
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            slot& e = slots_[i];
            if (e.id < 0) {
                if (texts_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
                    throw limit_error("more than 2^31 - 1 distinct texts in one column");
                texts_.push_back(copy_ ? keep(s) : s);
                e = {h, static_cast<std::int32_t>(texts_.size() - 1)};
                return {e.id, true};
            }
            if (e.hash == h && texts_[static_cast<std::size_t>(e.id)] == s) return {e.id, false};
        }
    }

    /// The index of `s`, or -1 when it has not been interned. Safe to call from several threads
    /// while no thread interns.
    std::int32_t find(std::string_view s, std::uint64_t h) const {
        if (slots_.empty()) return -1;
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const slot& e = slots_[i];
            if (e.id < 0) return -1;
            if (e.hash == h && texts_[static_cast<std::size_t>(e.id)] == s) return e.id;
        }
    }
    std::int32_t find(std::string_view s) const { return find(s, hash(s)); }

    /// Asks the CPU to bring the slot of hash `h` into cache: a caller that knows the next texts
    /// ahead (the CSV reader, a few rows back) hides the cache miss of each probe of a large table.
    void prefetch(std::uint64_t h) const {
#if defined(__GNUC__)
        if (!slots_.empty()) __builtin_prefetch(&slots_[h & mask_]);
#else
        (void)h;
#endif
    }

    std::size_t size() const { return texts_.size(); }
    std::string_view text(std::size_t id) const { return texts_[id]; }
    /// The distinct texts in first-seen order: views into this interner's blocks.
    const std::vector<std::string_view>& texts() const { return texts_; }

    /// Room for `n` texts without growing the table (an upper bound is fine).
    void reserve(std::size_t n) {
        texts_.reserve(n);
        while (2 * n > slots_.size()) grow();
    }

private:
    struct slot {
        std::uint64_t hash = 0;
        std::int32_t id = -1;
    };

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

    void grow() {
        std::vector<slot> old(std::max<std::size_t>(64, 2 * slots_.size()));
        old.swap(slots_);
        mask_ = slots_.size() - 1;
        for (const slot& e : old)
            if (e.id >= 0) {
                std::size_t i = e.hash & mask_;
                while (slots_[i].id >= 0) i = (i + 1) & mask_;
                slots_[i] = e;
            }
    }

    bool copy_ = true;
    std::vector<std::string_view> texts_;
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* block_next_ = nullptr;
    std::size_t block_left_ = 0;
    std::vector<slot> slots_;  // a power of two, at most half full
    std::size_t mask_ = 0;
};

}  // namespace zhibiao::detail
