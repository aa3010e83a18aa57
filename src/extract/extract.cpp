// Report text → quantities and facts (extract.hpp): the entry points of the report reader. The text is
// decoded into code points with their byte offsets a chunk at a time (a few dozen kB ending at a
// line break or 。: no rule looks across one), into one array reused for every chunk so that it
// stays in cache; numbers, units, qualifiers and periods are read off that array. Beside each code
// point the decoder writes a class byte (char_classes(): which walks stop there), so that the walks
// over a chunk jump from stop to stop instead of testing every code point. Offsets in the results
// are document offsets.
// The reader's layers are headers in src/extract/, included here in the order of its data flow (decode → numbers
// → periods → damage → stated_periods → lines → scan → lexicon → findings → distinctions → chunk_indexes → facts
// → break_map) and compiled as this one translation unit: their code runs per code point or per figure and
// shares internal types, and only one translation unit keeps it inlined (bench/NOTES.md, round 27).
#include "zhibiao/extract.hpp"

#include <atomic>
#include <algorithm>
#include <cmath>
#include <deque>
#include <functional>
#include <limits>
#include <memory>
#include <optional>

#include "core/column_memory.hpp"
#include "core/text.hpp"
#include "extract/decode.hpp"
#include "extract/numbers.hpp"
#include "extract/periods.hpp"
#include "extract/damage.hpp"
#include "extract/stated_periods.hpp"
#include "extract/lines.hpp"
#include "extract/scan.hpp"
#include "extract/lexicon.hpp"
#include "extract/findings.hpp"
#include "extract/distinctions.hpp"
#include "extract/chunk_indexes.hpp"
#include "extract/facts.hpp"
#include "extract/break_map.hpp"
#include "extract/lent_indexes.hpp"
#include "io/encoding.hpp"
#include "io/toml.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {
extern const char* const builtin_extract_lexicon;

bool parse_chinese_number(std::string_view text, double& value, bool& out_of_range) {
    std::size_t invalid = 0;
    const code_points cps = decode(text, invalid);
    out_of_range = false;
    if (invalid || cps.empty()) return false;
    const char* why = nullptr;
    const std::optional<double> v = chinese_value(cps, 0, cps.size(), &why);
    if (why) throw parse_error(std::string("'") + std::string(text) + "' is not a Chinese numeral: " + why);
    if (!v) return false;
    // 亿亿 (10^16, 每秒亿亿次) is read as a report reads it (chinese_numeral_at): a magnitude
    // written twice is no figure a report states, whatever prose about speeds means by it.
    for (std::size_t k = 1; k < cps.size() && std::isfinite(*v); ++k)  // beyond a double: out_of_range
        if (cps[k].c == U'亿' && cps[k - 1].c == U'亿')
            throw parse_error(std::string("'") + std::string(text) +
                              "' is not a figure: a magnitude written twice (亿亿): write it in digits");
    out_of_range = !std::isfinite(*v);
    value = out_of_range ? std::numeric_limits<double>::quiet_NaN() : *v;
    return true;
}

bool parse_chinese_number(std::string_view text, double& value) {
    bool out_of_range = false;
    return parse_chinese_number(text, value, out_of_range);
}

std::string replace_invalid_utf8(std::string_view text) {
    std::size_t invalid = 0;
    const code_points cps = decode(text, invalid);
    return invalid ? quote(text, cps, 0, cps.size()) : std::string(text);
}

decoded_report decode_report(std::string_view bytes) {
    decoded_report out;
    const bool utf8_bom = bytes.substr(0, 3) == "\xEF\xBB\xBF";
    const std::string_view body = utf8_bom ? bytes.substr(3) : bytes;
    // UTF-16 (with a byte order mark or the NUL pattern without one) and workbooks: decode_text decides.
    const detail::sniffed kind = detail::sniff(bytes);
    const bool utf16 = kind != detail::sniffed::text && kind != detail::sniffed::binary;
    // Stray bytes against well-formed multi-byte characters: GB18030 text has next to none of the
    // latter, a UTF-8 report with a damaged byte has many.
    std::size_t well_formed = 0;
    std::vector<std::size_t> stray;
    for (std::size_t at = 0; !utf16 && at < body.size();) {
        const std::size_t valid = detail::valid_utf8_prefix(body.substr(at));
        for (std::size_t k = at; k < at + valid; ++k) well_formed += static_cast<unsigned char>(body[k]) >= 0xC0;
        at += valid;
        if (at < body.size()) stray.push_back(at++);
    }
    std::string storage;
    if (utf16 || (stray.size() > well_formed)) {
        try {
            const std::string_view text =
                detail::decode_text(bytes, csv_options::encoding_choice::automatic, storage, out.encoding, "<report>");
            out.text = storage.empty() ? std::string(text) : std::move(storage);
            return out;
        } catch (const parse_error&) {
            if (utf16) throw;  // a byte order mark or the NUL pattern promised UTF-16, or a workbook
        }
    }
    out.encoding = utf8_bom ? "utf-8-bom" : "utf-8";
    out.text = std::string(body);
    out.invalid_bytes = stray.size();
    for (std::size_t k = 0; k < stray.size() && k < 1000; ++k)
        out.invalid_offsets.push_back(stray[k] + (utf8_bom ? 3 : 0));
    return out;
}

std::vector<quantity> find_quantities(std::string_view text) {
    std::size_t invalid = 0;
    const code_points cps = decode(text, invalid);
    std::vector<quantity> out;
    scan_state state;
    scan(text, cps, state, nullptr, nullptr, [&](const scanned& s) { out.push_back(s.q); });
    return out;
}

namespace {

// status, stage and scope of a [[variable]]: each "" or one word of its vocabulary.
void read_distinctions(const detail::toml_reader& named, lexicon_entry& e) {
    const auto one_of_words = [&](const char* key, std::initializer_list<const char*> words) {
        std::string value = named.text(key);
        if (value.empty()) return value;
        std::string allowed;
        for (const char* w : words) {
            if (value == w) return value;
            allowed += allowed.empty() ? std::string(w) : ", " + std::string(w);
        }
        named.fail(key, "must be one of " + allowed + " (not '" + value + "')");
        return value;
    };
    e.status = one_of_words("status", {"due", "done"});
    e.stage = one_of_words("stage", {"applied", "approved", "granted"});
    e.scope = one_of_words("scope", {"cumulative", "new"});
}

}  // namespace

lexicon lexicon_from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    lexicon out;
    // A misspelt key (phrase = … for phrases = …) is an error with a suggestion, never a silently
    // empty field.
    const auto known_keys = [](const toml::table& t, std::initializer_list<std::string_view> keys,
                               const std::function<void(const std::string&, const std::string&)>& fail) {
        for (const auto& [key, node] : t) {
            (void)node;
            const std::string_view k = key.str();
            if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
            std::string list;
            for (std::string_view w : keys) list += (list.empty() ? "" : ", ") + std::string(w);
            fail(std::string(k), "is not a key (the keys are " + list + ")" +
                                     detail::suggestion(k, keys, [](std::string_view w) { return w; }));
        }
    };
    // At the top only [[variable]] tables: "key 'entry' is not a key (the keys are variable)" left
    // a C++ user who wrote [[entry]] guessing (trial 26).
    for (const auto& [key, node] : doc.root()) {
        (void)node;
        if (key.str() == "variable") continue;
        const std::string_view tables[] = {"variable"};
        detail::toml_reader(doc.root(), source, "the lexicon")
            .fail(std::string(key.str()),
                  "is not a part of a lexicon: its entries are [[variable]] tables (id, phrases, unit, …)" +
                      detail::suggestion(key.str(), tables, [](std::string_view w) { return w; }));
    }
    detail::each_toml_table(doc.root(), "variable", source, [&](const detail::toml_reader& r) {
        known_keys(
            r.table(),
            {"id", "phrases", "unit", "status", "stage", "scope", "follows", "follow_phrases", "counted_in", "firm"},
            [&](const std::string& key, const std::string& problem) { r.fail(key, problem); });
        lexicon_entry e;
        e.variable = r.text("id", true);
        const detail::toml_reader named = r.as("variable '" + e.variable + "'");
        e.phrases = named.texts("phrases");
        if (e.phrases.empty()) named.fail("phrases", "must list at least one phrase");
        for (const auto& p : e.phrases)
            if (p.empty()) named.fail("phrases", "must not hold an empty phrase");
        read_distinctions(named, e);
        e.follows = named.text("follows");
        e.follow_phrases = named.texts("follow_phrases");
        if (e.follows.empty() != e.follow_phrases.empty())
            named.fail(e.follows.empty() ? "follow_phrases" : "follows",
                       "needs 'follows' (the id of the entry they follow) and 'follow_phrases' together");
        for (const auto& p : e.follow_phrases)
            if (p.empty()) named.fail("follow_phrases", "must not hold an empty phrase");
        e.unit = named.text("unit");
        if (!e.unit.empty()) {
            try {
                (void)unit::parse(e.unit);
            } catch (const error& err) {
                named.fail("unit", err.message());
            }
        }
        e.counted_in = named.texts("counted_in");
        for (const auto& w : e.counted_in)
            if (!counts_in(w) || !is_count_word(e.unit) || w.find('/') != std::string::npos)
                named.fail("counted_in",
                           "must list measure words of counts (家, 个, 项…) for a variable counted in one ('" + w +
                               "' for '" + e.unit + "')");
        e.firm = named.flag("firm");
        out.push_back(std::move(e));
    });
    for (const lexicon_entry& e : out) {  // `follows` names an entry of this lexicon
        if (e.follows.empty()) continue;
        const auto same = [&](const lexicon_entry& o) { return o.variable == e.follows; };
        if (std::any_of(out.begin(), out.end(), same)) continue;
        std::vector<std::string_view> ids;
        for (const lexicon_entry& o : out) ids.push_back(o.variable);
        detail::each_toml_table(doc.root(), "variable", source, [&](const detail::toml_reader& r) {
            if (r.text("id", true) == e.variable)
                r.as("variable '" + e.variable + "'")
                    .fail("follows", "names no variable of the lexicon ('" + e.follows + "')" +
                                         detail::suggestion(e.follows, ids, [](std::string_view w) { return w; }));
        });
    }
    return out;
}

namespace {
// Where the built-in lexicon lives once made: asking whether a lexicon is it must not make it (a
// caller with a lexicon of its own never pays for parsing the built-in one).
std::atomic<const lexicon*> builtin_address{nullptr};
bool is_builtin(const lexicon& words) { return &words == builtin_address.load(std::memory_order_acquire); }
}  // namespace

const lexicon& builtin_lexicon() {
    static const lexicon words = lexicon_from_toml(builtin_extract_lexicon, "data/extract.toml (built in)");
    builtin_address.store(&words, std::memory_order_release);
    return words;
}

const std::vector<std::string>& fact_flag_names() {
    static const std::vector<std::string> names = {
        "masked",        "approximate", "lower_bound",     "upper_bound",   "range",        "change",  "unit_implied",
        "unit_mismatch", "no_variable", "thousands_comma", "phrase_shared", "out_of_range", "damaged", "suspect",
        "guess",         "prior_year",  "target",          "since",         "estimate",     "part",    "start"};
    return names;
}

extraction extract(std::string_view text, const lexicon& words) { return extract(text, words, extract_options{}); }

namespace {

// Findings of each kind in the order of the text, merged as extract_table has always listed them.
struct findings_by_kind {
    std::vector<report_finding> parts, list_numbers, references;
    void merge_into(std::vector<report_finding>& findings) {
        for (auto* kind : {&parts, &list_numbers, &references})
            findings.insert(findings.end(), std::make_move_iterator(kind->begin()),
                            std::make_move_iterator(kind->end()));
        std::stable_sort(findings.begin(), findings.end(),
                         [](const report_finding& a, const report_finding& b) { return a.begin < b.begin; });
    }
};

}  // namespace

namespace {

table_extraction extract_lines(std::string_view text, const lexicon& words, const extract_options& options);
report_indexes& indexes_for(const lexicon& words, std::optional<report_indexes>& own);  // end of file

}  // namespace

table_extraction extract_table(std::string_view text, const lexicon& words, const extract_options& options) {
    check_size(text);
    const auto breaks = soft_breaks(text, words);
    if (breaks.empty()) return extract_lines(text, words, options);
    // A copy the size of the text, whose pages are fresh on a call that cannot reuse freed memory
    // (the first of a process, a text larger than before): under a hypervisor each first touch of
    // a 4 KiB page is an exit, ~12 µs here, twenty times the copying of the page (bench/NOTES.md,
    // round 33). From 2 MiB on it is mapped on huge pages, one fault each, whole ones (its NUL
    // included): a tail on 4 KiB pages would be up to 512 faults more.
    std::basic_string<char, std::char_traits<char>, detail::huge_page_allocator<char>> joined;
    constexpr std::size_t huge_page = std::size_t{2} << 20;
    joined.reserve(text.size() < huge_page ? text.size() : (text.size() / huge_page + 1) * huge_page - 1);
    std::size_t from = 0;
    for (const auto& [at, size] : breaks) joined.append(text.substr(from, at - from)), from = at + size;
    joined.append(text.substr(from));
    table_extraction out = extract_lines(joined, words, options);
    break_map map(text, breaks);
    fact_table& t = out.facts;
    const auto u32 = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
    std::vector<std::size_t> across;  // rows whose figure holds a removed break
    // Between two removed breaks every offset moves by one amount, a begin as an end (they differ only at
    // a break's own place): a row whose four offsets lie strictly inside the stretch of the last row read
    // takes its amount, without the four cursor walks (a row's clause begins before the last row's clause
    // ends: the cursor went back by a binary search at most rows).
    std::vector<std::size_t> joined_at;  // each break's place in the joined text
    joined_at.reserve(breaks.size());
    std::size_t removed = 0;
    for (const auto& [at, size] : breaks) joined_at.push_back(at - removed), removed += size;
    std::size_t stretch_from = 0, stretch_size = 0;  // offsets x with x - stretch_from < stretch_size
    break_map::moved in_stretch;
    const auto inside = [&](std::uint32_t x) { return x - stretch_from < stretch_size; };
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (inside(t.clause_begin[i]) && inside(t.begin[i]) && inside(t.end[i]) && inside(t.clause_end[i])) {
            if (in_stretch.bytes == 0) continue;  // before the first break (chars move only with bytes)
            const std::uint32_t bytes = u32(in_stretch.bytes), chars = u32(in_stretch.chars);
            t.char_begin[i] += chars, t.char_end[i] += chars, t.clause_char_begin[i] += chars;
            t.clause_char_end[i] += chars, t.begin[i] += bytes, t.end[i] += bytes;
            t.clause_begin[i] += bytes, t.clause_end[i] += bytes;
            continue;
        }
        {  // the stretch of this row's begin: after the breaks at or before it, up to the next
            const std::size_t c = static_cast<std::size_t>(
                std::upper_bound(joined_at.begin(), joined_at.end(), std::size_t{t.begin[i]}) - joined_at.begin());
            stretch_from = c == 0 ? 0 : joined_at[c - 1] + 1;
            const std::size_t to = c < joined_at.size() ? joined_at[c] : std::numeric_limits<std::uint32_t>::max();
            stretch_size = to > stretch_from ? to - stretch_from : 0;
            in_stretch = stretch_size ? map.shift(stretch_from, false) : break_map::moved{};
        }
        const break_map::moved cb = map.shift(t.clause_begin[i], false);
        const break_map::moved b = map.shift(t.begin[i], false), e = map.shift(t.end[i], true);
        const break_map::moved ce = map.shift(t.clause_end[i], true);
        if (b.bytes != e.bytes) across.push_back(i);
        t.char_begin[i] = u32(t.char_begin[i] + b.chars), t.char_end[i] = u32(t.char_end[i] + e.chars);
        t.clause_char_begin[i] = u32(t.clause_char_begin[i] + cb.chars),
        t.clause_char_end[i] = u32(t.clause_char_end[i] + ce.chars);
        t.begin[i] = u32(t.begin[i] + b.bytes), t.end[i] = u32(t.end[i] + e.bytes);
        t.clause_begin[i] = u32(t.clause_begin[i] + cb.bytes), t.clause_end[i] = u32(t.clause_end[i] + ce.bytes);
    }
    if (!across.empty()) {  // those figures as written, with their line breaks
        std::string quoted;
        quoted.reserve(t.quoted.size() + across.size() * 2);
        std::size_t row_from = 0, next = 0;  // row i in t.quoted; the next row of `across`
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (next < across.size() && across[next] == i)
                quoted.append(replace_invalid_utf8(text.substr(t.begin[i], t.end[i] - t.begin[i]))), ++next;
            else
                quoted.append(std::string_view(t.quoted).substr(row_from, t.text_end[i] - row_from));
            row_from = t.text_end[i], t.text_end[i] = quoted.size();
        }
        t.quoted = std::move(quoted);
    }
    for (report_finding& f : out.findings) {
        const break_map::moved b = map.shift(f.begin, false), e = map.shift(f.end, true);
        const bool whole = f.text == std::string_view(joined).substr(f.begin, f.end - f.begin);
        f.char_begin += b.chars, f.char_end += e.chars, f.begin += b.bytes, f.end += e.bytes;
        if (b.bytes != e.bytes && whole) f.text = replace_invalid_utf8(text.substr(f.begin, f.end - f.begin));
    }
    return out;
}

namespace {

table_extraction extract_lines(std::string_view text, const lexicon& words, const extract_options& options) {
    table_extraction out;
    code_points cps;  // the chunk being read, its storage reused
    std::optional<report_indexes> own;
    report_indexes& indexes = indexes_for(words, own);  // lent by extract_tables, else built here
    const struct claimed {
        report_indexes& indexes;
        explicit claimed(report_indexes& i) : indexes(i) { indexes.in_use = true; }
        ~claimed() { indexes.in_use = false; }
        claimed(const claimed&) = delete;
        claimed& operator=(const claimed&) = delete;
    } claim(indexes);
    fact_builder build(text, cps, indexes, options, out.facts);
    std::deque<stated_period> periods;
    period_cursor period_in_force(periods);
    scan_state carried;
    findings_by_kind found;
    bool line_start = true;
    // Room for a figure every 8 characters (of 3 bytes): address space only until written, and
    // growing 22 columns (a copy of each) costs more than the pages never touched.
    build.reserve(std::min<std::size_t>(text.size() / 24, std::size_t{1} << 24) + 16);
    std::size_t count = 0;
    for (std::size_t from = 0, to = 0; from < text.size(); from = to) {
        to = chunk_end(text, from, options.chunk_bytes);
        std::size_t invalid = 0;
        decode_into(text, from, to, cps.base() + cps.size(), cps, invalid, indexes.classes());
        out.invalid_bytes += invalid;
        indexes.index(text, cps);
        build.new_chunk(invalid > 0);
        const std::size_t first_row = out.facts.size();
        scan(text, cps, carried, &periods, &found.references, [&](const scanned& s) {
            if ((count++ & 255) == 0) poll_interrupt();  // Ctrl-C between blocks of figures
            build.add(s, period_in_force.at(cps.base() + s.first), out.findings);
        });
        build.end_chunk();
        inconsistent_parts(text, indexes.part_words, indexes.sentence_ends, out.facts, first_row, found.parts);
        lost_list_numbers(text, cps, line_start, found.list_numbers);
    }
    found.merge_into(out.findings);
    return out;
}

}  // namespace

fact fact_at(const fact_table& t, std::size_t i) {
    // the columns' own at() would throw std::out_of_range, naming neither the row nor the size
    if (i >= t.size())
        throw argument_error("fact_at(" + std::to_string(i) + "): the table has " + std::to_string(t.size()) +
                             " facts");
    fact f;
    f.variable = t.text_of(t.variable.at(i)), f.phrase = t.text_of(t.phrase[i]), f.period = t.text_of(t.period[i]);
    f.damage = t.text_of(t.damage[i]), f.status = t.text_of(t.status[i]), f.stage = t.text_of(t.stage[i]);
    f.scope = t.text_of(t.scope[i]), f.level = t.text_of(t.level[i]), f.entity = t.text_of(t.entity[i]);
    f.amount.value = t.value[i], f.amount.high = t.high[i], f.amount.unit = t.text_of(t.unit[i]);
    f.amount.qual = t.qual[i], f.amount.masked = t.has(i, fact_flag::masked);
    f.amount.range = t.has(i, fact_flag::range);
    f.amount.begin = t.begin[i], f.amount.end = t.end[i];
    f.text = std::string(t.figure(i));
    f.clause_begin = t.clause_begin[i], f.clause_end = t.clause_end[i];
    f.char_begin = t.char_begin[i], f.char_end = t.char_end[i];
    f.clause_char_begin = t.clause_char_begin[i], f.clause_char_end = t.clause_char_end[i];
    f.guess = t.guess[i];
    const auto& names = fact_flag_names();
    for (std::size_t k = 0; k < names.size(); ++k)
        if (t.has(i, static_cast<fact_flag>(k))) f.flags.push_back(names[k]);
    return f;
}

extraction extract(std::string_view text, const lexicon& words, const extract_options& options) {
    table_extraction table = extract_table(text, words, options);
    extraction out;
    out.invalid_bytes = table.invalid_bytes;
    out.findings = std::move(table.findings);
    out.facts.reserve(table.facts.size());
    for (std::size_t i = 0; i < table.facts.size(); ++i) out.facts.push_back(fact_at(table.facts, i));
    return out;
}

// ---- Indexes lent to the texts of a batch (lent_indexes.hpp, for extract_tables in batch.cpp) ----

namespace {
thread_local report_indexes* lent = nullptr;  // the innermost detail::lent_indexes of this thread

// The built-in lexicon's indexes are kept by each thread that reads with it (building them costs
// more than reading a 1 kB report; they hold nothing from one text to the next); another
// lexicon's are built per call unless extract_tables lends them.
report_indexes& indexes_for(const lexicon& words, std::optional<report_indexes>& own) {
    if (lent && &lent->words == &words && !lent->in_use) return *lent;
    if (is_builtin(words)) {
        thread_local std::optional<report_indexes> builtin;
        if (!builtin) builtin.emplace(words);
        if (!builtin->in_use) return *builtin;
    }
    return own.emplace(words);
}

// The built-in lexicon's cuts are made once a process (it lives as long as the process; the cuts
// are never changed, so the threads share them); another lexicon's once per extract_tables
// thread, or per text.
const phrase_cuts& cuts_for(const lexicon& words, std::optional<phrase_cuts>& own) {
    if (is_builtin(words)) {
        static const phrase_cuts builtin(builtin_lexicon());
        return builtin;
    }
    if (!lent || &lent->words != &words) return own.emplace(words);
    if (!lent->cuts) lent->cuts.emplace(words);
    return *lent->cuts;
}
}  // namespace

detail::lent_indexes::lent_indexes(const lexicon& words) : indexes_(new report_indexes(words)), previous_(lent) {
    lent = static_cast<report_indexes*>(indexes_);
}

detail::lent_indexes::~lent_indexes() {
    lent = static_cast<report_indexes*>(previous_);
    delete static_cast<report_indexes*>(indexes_);
}

}  // namespace zhibiao
