#pragma once
// Layer 8: the lexicon's matchers and indexes over a chunk (word_matcher, phrase_index, word_index,
// clause_finder). Takes the lexicon's words and a chunk's code points and gives the phrases and
// words found, sorted for binary search, so that binding a figure never searches the text again.
#include "extract/scan.hpp"

namespace zhibiao {
namespace {

// Every occurrence of every lexicon phrase, sorted by end (then length): the phrase closest
// before a figure is found by a binary search, not by searching the clause again per figure
// (which made a long clause of n figures cost n × its length). A phrase several entries list is
// one hit with all of them (in lexicon order): the words around the figure choose.
struct phrase_entries {
    std::string_view phrase;
    std::vector<const lexicon_entry*> entries;
};

struct phrase_hit {
    std::size_t begin, end;
    const phrase_entries* group;
    std::size_t first;  // the code point of the chunk at `begin` (no search of the chunk to find it)
};

// A verb that takes a sum as its object at v (争取…项目资金 is 争取项目资金): fact_builder's
// split_by_modifier opens a split phrase only at one, and report_indexes marks where the lexicon's
// phrases it opens end. The first test only spares the hot path the word comparisons.
bool verb_taking_a_sum(const code_points& cps, std::size_t v) {
    static constexpr std::u32string_view verbs[] = {U"争取", U"申请", U"拨付", U"兑现", U"兑付",
                                                    U"下达", U"获得", U"安排", U"落实"};
    return v < cps.size() && one_of(cps[v].c, U"争申拨兑下获安落") &&
           std::any_of(std::begin(verbs), std::end(verbs),
                       [&](std::u32string_view w) { return starts_with(cps, v, w); });
}

// A word of a few bytes compared in place: a memcmp call per candidate cost more than comparing.
inline bool same_bytes(const char* at, std::string_view word) {
    for (std::size_t j = 0; j < word.size(); ++j)
        if (at[j] != word[j]) return false;
    return true;
}

// Words looked up at every code point of a text in one pass: a bitmap of their first characters
// rules out almost every position with one test.
template <class Payload>
class word_matcher {
public:
    void add(std::string_view word, Payload payload) {
        // Its code points as decode() reads a text (full-width forms as ASCII), so they meet the
        // text's; a first code point '\0' for an empty word.
        std::size_t invalid = 0;
        const code_points cps = decode(word, invalid);
        const char32_t first = cps.empty() ? 0 : cps[0].c;
        candidate c{word, payload, 0, 0, 0, 0, 0, 0, {}};
        const std::size_t n = std::min<std::size_t>(word.size(), 8);  // the first 8 bytes as one word
        unsigned char mask[8] = {};
        std::memset(mask, 0xFF, n);
        std::memcpy(&c.prefix, word.data(), n), std::memcpy(&c.mask, mask, 8);
        if (word.size() > 8) {  // the next 8 as another (a phrase of three ideographs is 9 bytes)
            const std::size_t m = std::min<std::size_t>(word.size() - 8, 8);
            unsigned char more[8] = {};
            std::memset(more, 0xFF, m);
            std::memcpy(&c.prefix2, word.data() + 8, m), std::memcpy(&c.mask2, more, 8);
        }
        if (word.size() > 16) {  // and the next 8 (a phrase of six ideographs or more is 18 bytes)
            const std::size_t m = std::min<std::size_t>(word.size() - 16, 8);
            unsigned char more[8] = {};
            std::memset(more, 0xFF, m);
            std::memcpy(&c.prefix3, word.data() + 16, m), std::memcpy(&c.mask3, more, 8);
        }
        if (first >= 0x10000) return;  // never met: the classes cover the plane only
        if (bucket_of_.empty()) {
            bucket_of_.assign(0x10000, 0), buckets_.emplace_back();  // bucket 0: none
            classes_.assign(char_classes(), char_classes() + 0x10000);
        }
        if (!bucket_of_[first])
            bucket_of_[first] = static_cast<std::uint16_t>(buckets_.size()), buckets_.emplace_back();
        insert_sorted(buckets_[bucket_of_[first]], c);
        classes_[first] |= cc_word_first;
        // A word of one code point, or whose second one the text might decode otherwise (not
        // UTF-8: each such byte is a U+FFFD of its own), leaves its bucket open to every position.
        if (cps.size() < 2 || invalid || cps[1].c == 0xFFFD)
            classes_[first] |= cc_word_open;
        else
            pairs_[pair_bit(first, cps[1].c) >> 6] |= std::uint64_t{1} << (pair_bit(first, cps[1].c) & 63);
    }
    // The classes to decode a text with for each_match(): char_classes() and the words' first characters.
    const std::uint8_t* classes() const { return classes_.empty() ? char_classes() : classes_.data(); }
    // `cps` decoded with classes(): the positions where no word starts are skipped 8 classes a step.
    // found(k, end, payload) for each word at code point k, ending at byte `end`.
    template <class F>
    void each_match(std::string_view text, const code_points& cps, F&& found) const {
        if (bucket_of_.empty()) return;
        const std::size_t n = cps.size();
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        // The first characters taken from 8 class bytes a load, one set bit each (next_with from k + 1
        // at every first character was a call's entry, test and exit ~280,000 times a warm call at
        // published density). The 8 bytes after the last class are 0: a word never reads a position.
        const std::uint8_t* const cls = cps.class_bytes();
        constexpr std::uint64_t firsts = std::uint64_t{cc_word_first} * 0x0101010101010101ULL;
        static_assert(cc_word_open == cc_word_first << 1, "the open bit is read next to the first one");
        for (std::size_t base = 0; base < n; base += 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, cls + base, 8);
            for (std::uint64_t hits = w & firsts; hits; hits &= hits - 1) {
                const auto bit = static_cast<unsigned>(__builtin_ctzll(hits));
                match_at(text, cps, base + bit / 8, (w >> (bit + 1)) & 1, found);
            }
        }
#else
        for (std::size_t k = cps.next_with(0, n, cc_word_first); k < n; k = cps.next_with(k + 1, n, cc_word_first))
            match_at(text, cps, k, cps.class_of(k) & cc_word_open, found);
#endif
    }

private:
    // The words at code point k, a first character of some (`open`: its bucket is open).
    template <class F>
    [[gnu::always_inline]] void match_at(std::string_view text, const code_points& cps, std::size_t k, bool open,
                                         F& found) const {
        const std::size_t n = cps.size();
        const code_point& cp = cps[k];
        // Most positions whose first character starts a word are followed by one that no word
        // of it goes on with: one bit of the pairs' table rules them out before the candidates'
        // comparisons. Bytes equal to a word's decode to its code points (the same decoder, and
        // a chunk ends between code points), so a pair without its bit is no match. The last
        // code point of a chunk tries its candidates (a word may run past the chunk). Whether
        // the bucket is open is a class bit of the chunk's own (no table looked up before the
        // pair's bit rules a position out).
        if (!open && k + 1 < n && !has_pair(cp.c, cps[k + 1].c)) return;
        const std::vector<candidate>& bucket = buckets_[bucket_of_[cp.c]];
        const char* at = text.data() + cp.begin;
        if (cp.begin + 16 <= text.size()) {
            match_in_16_bytes(text, k, cp.begin, bucket, found);
            return;
        }
        if (cp.begin + 8 <= text.size()) {  // 8 to 15 bytes left: the rest byte by byte
            std::uint64_t bytes = 0;
            std::memcpy(&bytes, at, 8);
            for (const candidate& c : bucket) {
                if ((bytes & c.mask) != c.prefix) continue;
                if (c.word.size() > 8 &&
                    (cp.begin + c.word.size() > text.size() || !same_bytes(at + 8, c.word.substr(8))))
                    continue;
                found(k, cp.begin + c.word.size(), c.payload);
            }
            return;
        }
        for (const candidate& c : bucket) {
            // The last byte first: most candidates differ there.
            const std::size_t last = cp.begin + c.word.size() - 1;
            if (last >= text.size() || text[last] != c.word.back()) continue;
            if (same_bytes(at, c.word)) found(k, cp.begin + c.word.size(), c.payload);
        }
    }

    struct candidate {
        std::string_view word;
        Payload payload;
        std::uint64_t prefix, mask;
        std::uint64_t prefix2, mask2;  // bytes 8 to 15 of a longer word
        std::uint64_t prefix3, mask3;  // bytes 16 to 23 (mask3 0: 16 bytes or fewer)
        // skip[j]: how many candidates after this one share its first j + 1 bytes, so that a text
        // differing from it at byte j differs from them too (a bucket's words are in byte order:
        // those sharing a prefix are next to each other). The buckets of common first characters
        // hold dozens of words (研: 研发费用…, 研究…) and common pairs several sharing 8 bytes or more.
        std::uint8_t skip[16];
    };
    // How many candidates after c are ruled out by `diff` (c's masked difference from the text in
    // its bytes `from` to `from + 7`): 0 where the platform cannot say cheaply at which byte (the
    // same matches, more comparisons).
    static std::size_t skippable(const candidate& c, std::uint64_t diff, std::size_t from) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        return c.skip[from + static_cast<std::size_t>(__builtin_ctzll(diff)) / 8];
#else
        (void)c, (void)diff, (void)from;
        return 0;
#endif
    }
    // Whether the text is below a candidate at the first byte where they differ (`diff`: their
    // masked difference, 8 bytes as loaded). The bucket is in byte order, so every later candidate
    // is above the text at that byte or before it and cannot match: the walk stops there (a third
    // of the comparisons on a published report). False where the platform cannot say cheaply at
    // which byte (the same matches, more comparisons).
    static bool text_below(std::uint64_t text, std::uint64_t word, std::uint64_t diff) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && (defined(__GNUC__) || defined(__clang__))
        const int shift = __builtin_ctzll(diff) & ~7;
        return ((text >> shift) & 0xFF) < ((word >> shift) & 0xFF);
#else
        (void)text, (void)word, (void)diff;
        return false;
#endif
    }
    // The candidates of one position whose text goes on for 16 bytes at least: up to 16 bytes
    // compared as two 8-byte words (a load, a mask, a comparison each; phrases sharing their first 8
    // bytes, 高新技术企业 and 高新技术产品, were compared byte by byte: 3 % of the reader's
    // instructions), a word's rest past 16 bytes byte by byte. A candidate differing from the text
    // at byte j rules out the candidates after it that share its first j + 1 bytes (skip).
    template <class F>
    static void match_in_16_bytes(std::string_view text, std::size_t k, std::size_t begin,
                                  const std::vector<candidate>& bucket, F& found) {
        const char* at = text.data() + begin;
        std::uint64_t bytes = 0, more = 0;
        std::memcpy(&bytes, at, 8), std::memcpy(&more, at + 8, 8);
        // Pointers, not indexes: found() might change a vector as far as the compiler knows, so
        // bucket.size() and bucket[i] were loaded again at every candidate.
        for (const candidate *p = bucket.data(), *const end = p + bucket.size(); p < end; ++p) {
            const candidate& c = *p;
            if (const std::uint64_t diff = (bytes ^ c.prefix) & c.mask) {
                if (text_below(bytes, c.prefix, diff)) return;
                p += skippable(c, diff, 0);
                continue;
            }
            if (const std::uint64_t diff = (more ^ c.prefix2) & c.mask2) {  // mask2 0: 8 bytes or fewer
                if (text_below(more, c.prefix2, diff)) return;
                p += skippable(c, diff, 8);
                continue;
            }
            if (c.mask3 && !rest_matches(text, begin, c)) continue;
            found(k, begin + c.word.size(), c.payload);
        }
    }
    // Whether the text at `begin` goes on with the bytes of a word longer than 16 after its first 16
    // (which match): bytes 16 to 23 as one 8-byte word where the text has them (the phrases of six
    // ideographs and more were compared byte by byte: ~0.6 % of a warm call at published density),
    // any further bytes one by one.
    static bool rest_matches(std::string_view text, std::size_t begin, const candidate& c) {
        if (begin + c.word.size() > text.size()) return false;
        const char* at = text.data() + begin;
        if (begin + 24 > text.size()) return same_bytes(at + 16, c.word.substr(16));
        std::uint64_t third = 0;
        std::memcpy(&third, at + 16, 8);
        return ((third ^ c.prefix3) & c.mask3) == 0 && (c.word.size() <= 24 || same_bytes(at + 24, c.word.substr(24)));
    }
    // The bucket kept in byte order and its skips made again (a bucket holds a few dozen words at
    // most; the order of the matches at one position is not kept: the indexes sort their hits).
    // A candidate's skips depend on those after it alone: made again from the new one back to the
    // first that comes out as it was (made again in full, they were ~0.7 % of a first call).
    static void insert_sorted(std::vector<candidate>& bucket, const candidate& c) {
        const auto at = std::upper_bound(bucket.begin(), bucket.end(), c.word,
                                         [](std::string_view w, const candidate& o) { return w < o.word; });
        const auto inserted = static_cast<std::size_t>(at - bucket.begin());
        bucket.insert(at, c);
        for (std::size_t i = inserted + 1; i-- > 0;) {
            std::uint8_t skip[16] = {};
            if (i + 1 < bucket.size()) {
                const std::string_view a = bucket[i].word, b = bucket[i + 1].word;
                std::size_t shared = 0;
                while (shared < 16 && shared < a.size() && shared < b.size() && a[shared] == b[shared]) ++shared;
                for (std::size_t j = 0; j < shared; ++j)
                    skip[j] = static_cast<std::uint8_t>(std::min(255, bucket[i + 1].skip[j] + 1));
            }
            if (i + 1 < inserted && std::equal(std::begin(skip), std::end(skip), bucket[i].skip)) break;
            std::copy(std::begin(skip), std::end(skip), bucket[i].skip);
        }
    }
    // The bit of a word's first two code points in pairs_ (16 bits of a multiplicative hash: a
    // lexicon of a few thousand words sets few of the 65,536, so a pair no word starts with is
    // almost always ruled out; a pair sharing a bit with a word's is tried in full).
    static std::uint32_t pair_bit(char32_t first, char32_t second) {
        return ((static_cast<std::uint32_t>(first) * 0x9E3779B1U) ^
                (static_cast<std::uint32_t>(second) * 0x85EBCA77U)) >>
               16;
    }
    bool has_pair(char32_t first, char32_t second) const {
        const std::uint32_t bit = pair_bit(first, second);
        return (pairs_[bit >> 6] >> (bit & 63)) & 1;
    }
    std::array<std::uint64_t, 1024> pairs_{};
    std::vector<std::uint8_t> classes_;
    // The candidates by first character: a flat table of bucket numbers over the plane (a hash
    // map's lookup at every first character was most of the index's cost); 0 is no bucket.
    std::vector<std::uint16_t> bucket_of_;
    std::vector<std::vector<candidate>> buckets_;
};

class word_index;

// A chunk whose words are found when an index is first asked about it (report_indexes::index()):
// what a figure's rules ask of the indexes, in a chunk with no figure — prose — nothing is, and its
// words are never looked for (the matcher was ~40 % of such a chunk's reading). Every question an
// index answers about the chunk (closest, any_inside, last_end_inside) fills the pending chunk
// first, so the answers are those of indexes filled before any question.
class pending_chunk {
public:
    pending_chunk(void (*fill)(void*), void* owner) : fill_(fill), owner_(owner) {}
    void set() { pending_ = true; }
    // The chunk's words found and sorted into every index, once; a no-op when done (a test and no
    // call: asked several times a figure).
    [[gnu::always_inline]] void settle() {
        if (__builtin_expect(pending_, false)) fill_now();
    }
    // An index outside a report_indexes: never pending.
    static pending_chunk& none() {
        static pending_chunk never(nullptr, nullptr);
        return never;
    }

private:
    [[gnu::noinline, gnu::cold]] void fill_now() {
        pending_ = false;
        fill_(owner_);
    }
    void (*fill_)(void*);
    void* owner_;
    bool pending_ = false;
};

// Where a word found in a chunk goes: a phrase of the lexicon, or a word of a family.
class phrase_index;
struct word_target {
    const phrase_entries* group = nullptr;
    word_index* family = nullptr;
    phrase_index* phrases = nullptr;  // the index of `group`
};
using chunk_matcher = word_matcher<word_target>;

// The phrases of a lexicon, found in one chunk at a time (by the chunk_matcher of report_indexes,
// in the same pass as the word families): a hit that runs across the end of a chunk is never
// the phrase of a figure (it spans a clause end).
class phrase_index {
public:
    // `list`: the phrases (lexicon_entry::phrases) or the words that follow a figure (follow_phrases).
    explicit phrase_index(const lexicon& words,
                          const std::vector<std::string> lexicon_entry::*list = &lexicon_entry::phrases) {
        for (const auto& e : words)
            for (const auto& p : e.*list) {
                const auto [it, fresh] = group_of_.emplace(p, groups_.size());
                if (fresh) groups_.push_back({p, {}});
                groups_[it->second].entries.push_back(&e);
                const std::uint32_t bit = sketch_bit(p);
                sketches_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
            }
    }
    // The group of a phrase as written, nullptr if the lexicon has no such phrase. Most texts asked
    // about are no phrase (split_phrase tries up to 16 cuts around a count): one bit of the sketches
    // rules them out before the map hashes the whole text (_Hash_bytes was ~1 % of a warm call).
    const phrase_entries* find(std::string_view phrase) const {
        const std::uint32_t bit = sketch_bit(phrase);
        if (!((sketches_[bit >> 6] >> (bit & 63)) & 1)) return nullptr;
        const auto it = group_of_.find(phrase);
        return it == group_of_.end() ? nullptr : &groups_[it->second];
    }
    phrase_index(const phrase_index&) = delete;
    phrase_index& operator=(const phrase_index&) = delete;
    void add_words(chunk_matcher& matcher) {
        for (const auto& g : groups_) matcher.add(g.phrase, {&g, nullptr, this});
    }
    void clear() { hits_.clear(), hint_ = 0; }
    void fill_with(pending_chunk& pending) { pending_ = &pending; }
    void add(std::size_t begin, std::size_t end, const phrase_entries* group, std::size_t first) {
        hits_.push_back({begin, end, group, first});
    }
    // By end, then length. The hits come in order of their first byte, so each is at most a
    // phrase's length out of place: an insertion sort does it in one pass (std::sort was 4 % of
    // the instructions). Hits that compare equal are the same phrase at the same place.
    void sort() {
        const auto before = [](const phrase_hit& a, const phrase_hit& b) {
            return a.end != b.end ? a.end < b.end : a.end - a.begin < b.end - b.begin;
        };
        for (std::size_t i = 1; i < hits_.size(); ++i) {
            if (!before(hits_[i], hits_[i - 1])) continue;
            const phrase_hit hit = hits_[i];
            std::size_t j = i;
            for (; j > 0 && before(hit, hits_[j - 1]); --j) hits_[j] = hits_[j - 1];
            hits_[j] = hit;
        }
    }
    // The hit inside bytes [from, to) that ends last (the longer one on a tie); nullptr if none.
    // (The question's own code apart, so that the compiler inlines it where it did before the test.)
    [[gnu::always_inline]] const phrase_hit* closest(std::size_t from, std::size_t to) const {
        pending_->settle();
        return closest_settled(from, to);
    }

private:
    const phrase_hit* closest_settled(std::size_t from, std::size_t to) const {
        if (from >= to) return nullptr;
        auto it = first_ending_after(to);
        while (it != hits_.begin()) {
            --it;
            if (it->end <= from) return nullptr;
            if (it->begin >= from) return &*it;
        }
        return nullptr;
    }
    // The first hit that ends after byte `to`. Figures come in order, so the answer is mostly at
    // or a few hits past the previous one: a few steps from there instead of a binary search of
    // the chunk's hits (whose branches the processor cannot predict) for every figure.
    std::vector<phrase_hit>::const_iterator first_ending_after(std::size_t to) const {
        const auto ends_after = [](std::size_t t, const phrase_hit& h) { return t < h.end; };
        auto from = hits_.begin() + static_cast<std::ptrdiff_t>(std::min(hint_, hits_.size()));
        if (from != hits_.begin() && std::prev(from)->end > to) {
            from = std::upper_bound(hits_.begin(), from, to, ends_after);
        } else {
            for (int step = 0; step < 8 && from != hits_.end() && from->end <= to; ++step) ++from;
            if (from != hits_.end() && from->end <= to) from = std::upper_bound(from, hits_.end(), to, ends_after);
        }
        hint_ = static_cast<std::size_t>(from - hits_.begin());
        return from;
    }
    // A phrase's bit among 65,536: its length and the two last bytes of its first and of its last
    // character (a UTF-8 ideograph's first byte tells little), multiplied and mixed. Equal texts
    // have equal bits; a lexicon of a few thousand phrases sets a few percent of them.
    static std::uint32_t sketch_bit(std::string_view p) {
        const auto byte = [&](std::size_t i) { return std::uint32_t{static_cast<unsigned char>(p[i])}; };
        const std::size_t n = p.size();
        const std::uint32_t head = n > 2 ? byte(1) << 8 | byte(2) : n > 0 ? byte(0) : 0;
        const std::uint32_t tail = n > 1 ? byte(n - 2) << 8 | byte(n - 1) : 0;
        return (static_cast<std::uint32_t>(n) * 0x9E3779B1U ^ head * 0x85EBCA77U ^ tail * 0xC2B2AE3DU) >> 16;
    }
    std::deque<phrase_entries> groups_;  // a deque: hits point into it while it grows
    std::unordered_map<std::string_view, std::size_t> group_of_;
    std::array<std::uint64_t, 1024> sketches_{};  // the phrases' sketch_bit()s
    std::vector<phrase_hit> hits_;
    mutable std::size_t hint_ = 0;                     // where the last search ended
    pending_chunk* pending_ = &pending_chunk::none();  // the chunk to fill the hits from first (fill_with)
};

// Where the words of one family occur in a chunk (sorted by position): "is one of them inside
// [from, to)?" in logarithmic time.
class word_index {
public:
    explicit word_index(std::initializer_list<const char*> words) : words_(words) {}
    word_index(const word_index&) = delete;
    word_index& operator=(const word_index&) = delete;
    void add_words(chunk_matcher& matcher) {
        for (const char* w : words_) matcher.add(w, {nullptr, this});
    }
    void clear() { spans_.clear(), hint_ = 0; }
    void fill_with(pending_chunk& pending) { pending_ = &pending; }
    void add(std::size_t begin, std::size_t end) { spans_.push_back({begin, end}); }
    // The matcher finds the words in order of their start: only words that start at the same code
    // point may be out of order, and an insertion sort puts them right in one pass (std::sort
    // of the nearly sorted spans was ~1 % of the reader's instructions). Equal spans are the same.
    void sort() {
        for (std::size_t i = 1; i < spans_.size(); ++i) {
            if (!(spans_[i] < spans_[i - 1])) continue;
            const auto span = spans_[i];
            std::size_t j = i;
            for (; j > 0 && span < spans_[j - 1]; --j) spans_[j] = spans_[j - 1];
            spans_[j] = span;
        }
    }
    // The end of the last word inside [from, to); 0 if there is none.
    // (The question's own code apart, so that the compiler inlines it where it did before the test.)
    [[gnu::always_inline]] std::size_t last_end_inside(std::size_t from, std::size_t to) const {
        pending_->settle();
        return last_end_settled(from, to);
    }
    [[gnu::always_inline]] bool any_inside(std::size_t from, std::size_t to) const {
        pending_->settle();
        return any_settled(from, to);
    }

private:
    std::size_t last_end_settled(std::size_t from, std::size_t to) const {
        std::size_t last = 0;
        for (std::size_t k = first_at_or_after(from); k < spans_.size() && spans_[k].first < to; ++k)
            if (spans_[k].second <= to) last = std::max(last, spans_[k].second);
        return last;
    }
    bool any_settled(std::size_t from, std::size_t to) const {
        for (std::size_t k = first_at_or_after(from); k < spans_.size() && spans_[k].first < to; ++k)
            if (spans_[k].second <= to) return true;
        return false;
    }
    // The first span that begins at `from` or later (std::lower_bound's answer). Figures come in
    // order, so the answer is mostly the last one or a few spans on: tried from there before a
    // binary search (4 searches a figure were ~4 % of the reader's instructions).
    std::size_t first_at_or_after(std::size_t from) const {
        std::size_t k = hint_;
        if (k == 0 || spans_[k - 1].first < from) {
            for (const std::size_t stop = std::min(spans_.size(), k + 4); k < stop && spans_[k].first < from;) ++k;
            if (k == spans_.size() || spans_[k].first >= from) return hint_ = k;
        }
        const auto it =
            std::lower_bound(spans_.begin(), spans_.end(), from,
                             [](const std::pair<std::size_t, std::size_t>& p, std::size_t b) { return p.first < b; });
        return hint_ = static_cast<std::size_t>(it - spans_.begin());
    }
    std::vector<const char*> words_;
    std::vector<std::pair<std::size_t, std::size_t>> spans_;
    mutable std::size_t hint_ = 0;                     // first_at_or_after()'s last answer
    pending_chunk* pending_ = &pending_chunk::none();  // the chunk to fill the spans from first (fill_with)
};

// The clause (code points [begin, end)) around each figure, found with cursors that only move
// forward: figures come in order, so the whole report is walked once. A chunk ends a clause: the
// cursors start again at each (restart()).
class clause_finder {
public:
    explicit clause_finder(const code_points& cps) : cps_(cps) {}
    void restart() { cursor_ = begin_ = stop_ = 0; }
    std::pair<std::size_t, std::size_t> around(std::size_t first, std::size_t last) {
        if (first < cursor_) {  // a qualifier before the figure reached back past the cursor
            begin_ = first;
            while (begin_ > 0 && !clause_end(cps_[begin_ - 1].c)) --begin_;
        } else {
            if (const std::size_t end = cps_.last_with(cursor_, first, cc_clause_end); end < first) begin_ = end + 1;
        }
        cursor_ = first;
        if (last > stop_ || begin_ >= stop_) stop_ = cps_.next_with(last, cps_.size(), cc_clause_end);
        return {begin_, stop_};
    }

private:
    const code_points& cps_;
    std::size_t cursor_ = 0, begin_ = 0, stop_ = 0;
};

}  // namespace
}  // namespace zhibiao
