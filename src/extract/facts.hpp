#pragma once
// Layer 12: from a scanned figure to a fact (period_cursor, binding, table_writer, fact_builder). Takes
// each scanned figure with the chunk's indexes and gives a row of the fact_table with its findings.
// Called per figure: inline in the one translation unit.
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

#if defined(__linux__)
#include <sys/mman.h>  // madvise: without it MADV_HUGEPAGE is not defined and no advice is given
#endif

#include "extract/chunk_indexes.hpp"

namespace zhibiao {
namespace {

// The period in force at each figure, walking the stated periods forward with the figures.
class period_cursor {
public:
    // `periods` may grow while the cursor walks it (a deque: its elements stay where they are).
    explicit period_cursor(const std::deque<stated_period>& periods) : periods_(periods) {}
    // The period of a figure at code point `first`, given the start of its clause later (local()).
    const period_cursor& at(std::size_t first) {
        while (next_ < periods_.size() && periods_[next_].at < first) {
            const stated_period& p = periods_[next_++];
            if (p.local) {
                local_ = &p;
                continue;
            }
            if (p.prior && !prior_) governing_ = current_;
            before_last_ = current_, current_ = &p.period, prior_ = p.prior;
            // "2024年上半年" states 2024, then 2024H1; "2025年度总结及2026年工作思路" is of 2025: a title's
            // later period of another year is its plan's.
            if (p.title && (!title_ || p.period.compare(0, 4, *title_, 0, 4) == 0)) title_ = &p.period;
        }
        return *this;
    }
    bool prior() const { return prior_; }  // in a sentence about the year before
    // Where the last period stated before the figure stands (code points), 0 if none.
    std::size_t last_stated() const { return next_ > 0 ? periods_[next_ - 1].at : 0; }
    // Whether a period stated from code point `from` on (before the figure) follows 到 or 至 in the
    // chunk `cps`: the only place a 到<year>年 can stand, so that reached_by_year_at walks a
    // sentence for few figures (a later year than the one before is common, 到 before it is not).
    bool stated_after_reaching_word(std::size_t from, const code_points& cps) const {
        for (std::size_t r = next_; r > 0; --r) {  // the records stand in the order of the text
            const std::size_t at = periods_[r - 1].at;
            if (at < from) break;
            if (at <= cps.base() || at - cps.base() > cps.size()) continue;
            const char32_t before = cps[at - cps.base() - 1].c;
            if (before == U'到' || before == U'至') return true;
        }
        return false;
    }
    // The period that governed before the sentence about the year before began.
    std::string_view governing() const { return governing_ ? std::string_view(*governing_) : std::string_view(); }
    // The period in force before the last one stated (完成全年目标的42%: the half-year's, before 全年).
    std::string_view before_last() const { return before_last_ ? std::string_view(*before_last_) : std::string_view(); }
    // The period the report's title states (the last one there), "" if none.
    std::string_view report() const { return title_ ? std::string_view(*title_) : std::string_view(); }
    std::string_view in_clause(std::size_t clause) const {
        if (local_ && local_->at >= clause) return local_->period;
        return current_ ? std::string_view(*current_) : std::string_view();
    }

private:
    const std::deque<stated_period>& periods_;
    std::size_t next_ = 0;
    const stated_period* local_ = nullptr;
    const std::string* current_ = nullptr;
    const std::string* governing_ = nullptr;
    const std::string* before_last_ = nullptr;
    const std::string* title_ = nullptr;
    bool prior_ = false;
};

// Up to N values in place, for a short walk done at every figure or line (no allocation).
template <class T, std::size_t N>
class fixed_list {
public:
    std::size_t size() const { return n_; }
    bool empty() const { return n_ == 0; }
    void push_back(T v) {  // callers stop at N; the test keeps a missed stop in bounds whatever the flags
        if (n_ < N) at_[n_++] = v;
    }
    T operator[](std::size_t i) const { return at_[i]; }
    const T* begin() const { return at_.data(); }
    const T* end() const { return at_.data() + n_; }

private:
    std::array<T, N> at_;
    std::size_t n_ = 0;
};

// The phrase a figure binds to and how.
struct binding {
    const lexicon_entry* entry = nullptr;
    const phrase_entries* group = nullptr;
    std::string_view phrase;
    std::size_t phrase_begin = 0;  // byte offset: share words count from there
    std::size_t phrase_end = 0;    // byte offset: change words count from there (bound or not)
    bool shared = false;
    distinctions stated;
    std::size_t following_end = 0;  // byte offset: the end of a phrase after the figure that named it
};

// Transparent huge pages for the whole 2 MiB pages of a column's reserved room, before any is
// touched: a large table is fresh memory on every call, and under a hypervisor each 4 KiB page
// fault is an exit (the table of 64 MB of text is ~50,000 of them). Advice only.
void advise_huge_pages(const void* data, std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge_page = std::uintptr_t{2} << 20;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t first = (start + huge_page - 1) & ~(huge_page - 1), last = (start + bytes) & ~(huge_page - 1);
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#else
    (void)data, (void)bytes;
#endif
}
template <class T>
void reserve_column(std::vector<T>& column, std::size_t rows) {
    column.reserve(rows);
    advise_huge_pages(column.data(), column.capacity() * sizeof(T));
}

// The columns of a fact_table, filled a row at a time; texts are stored once each.
class table_writer {
public:
    explicit table_writer(fact_table& table) : t_(table) {
        ids_.emplace(std::string_view(), 0);
        t_.strings.assign(1, std::string());
    }
    // The id of a text in table.strings, added when new.
    std::uint32_t id(std::string_view text) {
        // The units of a report are a few texts over and over: a comparison with the two seen last
        // of its length and last byte costs less than hashing (two: 亿元 and 万元, 家 and 件 share them).
        recent* set =
            &recent_[2 * ((text.size() * 31 + (text.empty() ? 0 : static_cast<unsigned char>(text.back()))) & 63)];
        if (set[0].known && same_text(set[0].text, text)) return set[0].id;
        if (set[1].known && same_text(set[1].text, text)) return set[1].id;
        auto it = ids_.find(text);
        if (it == ids_.end()) {
            const auto next = static_cast<std::uint32_t>(t_.strings.size());
            t_.strings.emplace_back(text);
            it = ids_.emplace(keys_.emplace_back(text), next).first;
        }
        set[1] = set[0], set[0] = {it->first, it->second, true};  // the key views the writer's own copy
        return it->second;
    }
    // a == b for the short texts id() compares (units, periods: at most a few dozen bytes) without
    // the library's memcmp call: two loads of up to 8 bytes from each end, overlapping, per 16 bytes
    static bool same_text(std::string_view a, std::string_view b) {
        const std::size_t n = a.size();
        if (n != b.size()) return false;
        if (n < 4) {
            for (std::size_t i = 0; i < n; ++i)
                if (a[i] != b[i]) return false;
            return true;
        }
        if (n < 8)
            return load<std::uint32_t>(a, 0) == load<std::uint32_t>(b, 0) &&
                   load<std::uint32_t>(a, n - 4) == load<std::uint32_t>(b, n - 4);
        if (n > 16) return a == b;
        return load<std::uint64_t>(a, 0) == load<std::uint64_t>(b, 0) &&
               load<std::uint64_t>(a, n - 8) == load<std::uint64_t>(b, n - 8);
    }
    template <class T>
    static T load(std::string_view text, std::size_t at) {
        T v;
        std::memcpy(&v, text.data() + at, sizeof v);
        return v;
    }
    // id() of a text whose storage outlives the writer unchanged (the lexicon, stated periods,
    // literals): remembered by address, which costs less than hashing the text.
    std::uint32_t stable_id(std::string_view text) {
        if (text.empty()) return 0;  // most damage kinds, statuses, stages and scopes
        remembered& r = by_address_[((reinterpret_cast<std::uintptr_t>(text.data()) >> 3) ^ text.size()) & 255];
        if (r.known && r.data == text.data() && r.size == text.size()) return r.id;
        r = {text.data(), text.size(), id(text), true};
        return r.id;
    }
    fact_table& table() { return t_; }
    void reserve(std::size_t rows) {
        each_column([rows](auto& column) { reserve_column(column, rows); });
        t_.quoted.reserve(rows * 12);
        advise_huge_pages(t_.quoted.data(), t_.quoted.capacity());
    }
    // The index of a new row, whose cells are then stored by index (24 push_backs, each testing its
    // column's capacity, cost more). The columns hold room past the rows written, grown a block of
    // rows at a time, until trim(): the table is whole only after it.
    std::size_t next_row() {
        if (rows_ == room_) each_column([n = room_ += 256](auto& column) { column.resize(n); });
        return rows_++;
    }
    // The columns cut back to the rows written (at the end of each chunk, before the table is read).
    void trim() {
        if (room_ != rows_) each_column([n = room_ = rows_](auto& column) { column.resize(n); });
    }

private:
    // f(column) for each column of a row but the quoted text (whose end text_end holds).
    template <class F>
    void each_column(F f) {
        for (auto* column : {&t_.variable, &t_.phrase, &t_.unit, &t_.period, &t_.damage, &t_.status, &t_.stage,
                             &t_.scope, &t_.level, &t_.entity, &t_.flags, &t_.begin, &t_.end, &t_.clause_begin,
                             &t_.clause_end, &t_.char_begin, &t_.char_end, &t_.clause_char_begin, &t_.clause_char_end})
            f(*column);
        f(t_.value), f(t_.high), f(t_.guess), f(t_.qual), f(t_.text_end);
    }

    fact_table& t_;
    std::size_t rows_ = t_.size(), room_ = rows_;  // rows written; rows the columns hold
    std::unordered_map<std::string_view, std::uint32_t> ids_;
    std::deque<std::string> keys_;  // what the keys of ids_ view (stable while it grows)
    struct recent {
        std::string_view text;
        std::uint32_t id = 0;
        bool known = false;
    };
    std::array<recent, 128> recent_{};
    struct remembered {
        const char* data = nullptr;
        std::size_t size = 0;
        std::uint32_t id = 0;
        bool known = false;
    };
    std::array<remembered, 256> by_address_{};
};

// What binding a figure to its phrase says about the fact, before it goes into the columns.
struct fact_naming {
    const lexicon_entry* entry = nullptr;
    std::string_view phrase, status, stage, scope;
    std::string_view level;   // of a part after 其中 (a literal)
    std::string_view entity;  // the area of a row of a table by area (a view of the text), "" for the report's own
    std::uint32_t flags = 0;
    bool decline = false;   // a change downwards (下降/减少…): its value is negative
    std::string_view unit;  // as written, or completed from the lexicon (2.35亿 of a 万元 variable: 亿元)
    static constexpr std::uint32_t unknown = std::numeric_limits<std::uint32_t>::max();
    // The id of `unit` in the table once check_unit() asked for it: write() uses it, so `unit`
    // does not change after check_unit().
    std::uint32_t unit_id = unknown;
};

// A decline's figure with its sign: the value negative, and a bound of its size (下降超过20%) the
// other bound of the signed value.
qualifier signed_qualifier(qualifier q, bool decline) {
    if (!decline) return q;
    return q == qualifier::lower_bound   ? qualifier::upper_bound
           : q == qualifier::upper_bound ? qualifier::lower_bound
                                         : q;
}
std::uint32_t signed_bound_flags(std::uint32_t flags, bool decline) {
    const std::uint32_t lower = bit(fact_flag::lower_bound), upper = bit(fact_flag::upper_bound);
    if (!decline || (flags & (lower | upper)) == 0) return flags;
    return (flags & ~(lower | upper)) | ((flags & lower) ? upper : 0) | ((flags & upper) ? lower : 0);
}
// 下降−5% is a fall of 5 % as 下降5% is: a minus sign after the word of a fall marks it once more.
double signed_value(double v, bool decline) { return decline && v > 0 ? -v : v; }

class fact_builder {
public:
    // `cps` holds the chunk being read (new_chunk() after it is refilled).
    fact_builder(std::string_view text, const code_points& cps, const report_indexes& indexes,
                 const extract_options& options, fact_table& table)
        : text_(text), cps_(cps), ix_(indexes), options_(options), clauses_(cps), out_(table) {}
    void reserve(std::size_t rows) { out_.reserve(rows); }
    // A chunk ends a clause: nothing before it binds to a figure after it (previous_end_ is a
    // chunk's index). What a clause that only states a change refers to carries over.
    // The lines after the chunk's last figure may open or end a section of plans (a heading alone in a chunk).
    // The table is whole after it (the columns' room past the last row cut).
    void end_chunk() {
        target_before(cps_.size());
        out_.trim();
    }
    void new_chunk(bool any_invalid) {
        clauses_.restart();
        target_cursor_ = 0, target_in_sentence_ = target_in_clause_ = target_estimate_ = false, since_start_ = 0;
        plan_period_known_ = false;
        clause_since_at_ = 0;
        target_figure_ = false;
        chunk_starts_line_ = cps_.byte_at(0) == 0 || text_[cps_.byte_at(0) - 1] == '\n';
        previous_end_ = 0, parent_end_ = 0, previous_following_end_ = 0, previous_scope_ = "";
        budget_group_ = nullptr, budget_end_ = 0, change_parent_ = false, region_until_ = 0;
        levels_.clear(), paired_at_ = 0, paired_end_ = 0;
        any_invalid_ = any_invalid;
    }

    // A sum right before the firms or projects it sorts (研发投入超过亿元的企业52家, 营业收入500万元以上企业):
    // a threshold, not an amount of the phrase before it.
    bool sum_qualifying_a_noun(const scanned& s) const {
        const std::string_view unit = s.q.unit, yuan = "元";
        if (unit.size() < yuan.size() || unit.substr(unit.size() - yuan.size()) != yuan) return false;
        std::size_t k = s.last;
        static constexpr std::u32string_view bounds[] = {U"及以上", U"以上", U"以下"};  // not rebuilt each figure
        for (const std::u32string_view w : bounds)
            if (starts_with(cps_, k, w)) {
                k += w.size();
                break;
            }
        if (k < cps_.size() && cps_[k].c == U'的') ++k;
        return starts_with(cps_, k, U"企业") || starts_with(cps_, k, U"项目") || starts_with(cps_, k, U"单位");
    }

    // The next quantity as a row of the table.
    void add(const scanned& s, const period_cursor& period, std::vector<report_finding>& findings) {
        unit_of_ = nullptr;  // a figure's object may sit where the previous one did
        pairing_ = pairing::none, done_of_plan_ = false, own_budget_ = false;
        if (s.table != scanned::table_cell::none) return add_table_cell(s, period, findings);
        const auto [clause, clause_stop] = clauses_.around(s.first, s.last);
        // a threshold (00万元以上企业, 超过亿元的企业) qualifies the noun after it: no level of the phrase
        // before it
        const bool threshold = s.damage == "threshold" || sum_qualifying_a_noun(s);
        const binding b = threshold ? no_binding(clause) : bind(s, clause, clause_stop);
        if (own_budget_)
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, "own_budget",
                             "a line of the bureau's own budget or final accounts (部门预算/决算, 基本支出, "
                             "三公经费): not the region's indicator, no variable"));
        mismatched_entry_ = nullptr;
        const std::size_t after_previous = std::max(clause, previous_end_);
        fact_naming n = name(s, b, after_previous);
        if (n.flags & bit(fact_flag::change)) annual_average(s, after_previous, n);
        note_level(s, n);
        if (pairing_ == pairing::mismatched && paired_count_ == 1)  // once for the list
            findings.push_back(make_finding(text_, cps_, s.first, s.last, "respective_count",
                                            "the changes after 分别 are not as many as the figures listed before "
                                            "them: no change is paired with a figure"));
        if (pairing_ == pairing::of_groups && paired_count_ == 1)
            findings.push_back(make_finding(text_, cps_, s.first, s.last, "respective_of_groups",
                                            "the figures after 分别 are a quantity of each group listed before "
                                            "them, not the whole's nor a change of the groups' counts: no variable"));
        previous_end_ = s.last, previous_following_end_ = b.following_end, previous_scope_ = b.stated.scope;
        if (n.entry && n.entry != b.entry && (n.flags & bit(fact_flag::change)))
            previous_scope_ = n.entry->scope;  // 比去年新增: the stock's
        n.unit = s.q.unit;
        // a bare amount under a heading that states its unit (科技经费投入情况（万元）: 财政科技支出1,426)
        if (n.entry && n.unit.empty() && !s.heading_unit.empty() && !n.entry->unit.empty() &&
            unit_flag(s.heading_unit, n.entry->unit) == 0)
            n.unit = s.heading_unit;
        if (n.entry) check_unit(s, n, std::max(b.phrase_end, byte_at(after_previous)));
        part_by_level(s, clause, after_previous, n);
        n.flags |= signed_bound_flags(quantity_flags(s), n.decline);
        const bool target = target_before(s.first) && !done_of_plan_;  // 计划…10家，实际完成12家: done
        if (target_in_sentence_) target_figure_ = true;
        any_figure_ = true;  // after target_before(): the lines before this figure are read
        // "完成全年目标任务的78%", "年度目标完成率56.8%": how much of a target was done, which is done,
        // of the period of what was done (not of the target's 全年).
        const bool completion = target && !target_in_sentence_ && completion_rate(s, clause);
        // A change in a sentence about the year before (…上年同期为1.5亿元，同比下降20%) compares this
        // period with it: it is this period's.
        const bool prior = period.prior() && !(n.flags & bit(fact_flag::change));
        if (prior) n.flags |= bit(fact_flag::prior_year);
        if (!(n.flags & bit(fact_flag::change)) && start_of_change(cps_, s.first, s.last))
            n.flags |= bit(fact_flag::start);
        std::string_view when = period.prior() && !prior ? period.governing() : period.in_clause(cps_.base() + clause);
        if (completion && period.last_stated() >= cps_.base() + clause) when = period.before_last();
        // "预计全年完成技术合同成交额5.2亿元" in a report of the year 2024, "预计上半年完成…" in one of
        // its first half: the figure of the report's own period estimated at its end, not a plan —
        // unless a plan's section or another target word governs it, or it is of another period
        // (预计2025年…; 预计全年… in a half-year report forecasts the year ahead).
        const bool planned = target && !done_in_another_period(when, period, clause);
        if (planned && !completion && target_estimate_ && !target_in_clause_ && !plan_section_ && !when.empty() &&
            when == period.report())
            n.flags |= bit(fact_flag::estimate);
        else if (planned && !completion)
            n.flags |= bit(fact_flag::target);
        else if (!completion && plan_of_year_ahead(s.first, when, period))  // (even after a plan of another year)
            n.flags |= bit(fact_flag::target);
        double guess = std::numeric_limits<double>::quiet_NaN();
        if (options_.guess && !std::isnan(s.guess))
            guess = signed_value(s.guess, n.decline), n.flags |= bit(fact_flag::guess);
        if (!s.damage.empty())
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, std::string(s.damage), damage_message(s.damage)));
        if (implausible_zero(cps_, s)) {
            n.flags |= bit(fact_flag::suspect);
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, "implausible_zero",
                             "0 people or items for an activity reported as done: a figure probably lost its digits"));
        }
        previous_entry_ = n.entry && !n.entry->variable.empty() ? last_entry_ : nullptr;
        previous_group_ = previous_entry_ ? last_group_ : nullptr;
        previous_change_ = (n.flags & bit(fact_flag::change)) != 0;
        previous_bound_ =
            !previous_change_ && (s.q.qual == qualifier::lower_bound || s.q.qual == qualifier::upper_bound);
        previous_unit_ = s.q.unit;
        // a plan's figure done_of_plan() may name: one standing alone, not a 其中 part (whose whole is as likely)
        previous_target_ = (n.flags & bit(fact_flag::target)) && !(n.flags & bit(fact_flag::part)) &&
                           !ix_.part_words.any_inside(byte_at(clause), s.q.begin);  // 其中高新技术企业10家
        // A period stated after the 以来 (…1.6亿元，上半年新认定…) ends the span.
        if ((since_start_ != 0 && since_at_ > period.last_stated() &&
             (since_start_ < 0 || since_start_ < year_of(when))) ||
            (clause_since_at_ >= cps_.base() + clause && clause_since_at_ > period.last_stated()))
            n.flags |= bit(fact_flag::since);
        write(s, n, guess, when, clause, clause_stop);
    }

private:
    // A cell of a table turned into lines (table_line): the variable the row's name names, the
    // period of its column, a change in the growth column; no variable in a row not read by column.
    void add_table_cell(const scanned& s, const period_cursor& period, std::vector<report_finding>& findings) {
        const auto [clause, clause_stop] = clauses_.around(s.first, s.last);
        fact_naming n;
        any_figure_ = true;
        last_entry_ = nullptr, last_group_ = nullptr;
        if (s.table_left && left_told_.insert(s.table_heading.data()).second)
            findings.push_back(make_finding(
                text_, cps_, s.first, s.last, "table_column",
                "a column of a table with a row per area (" + std::string(s.table_heading) +
                    ") that ranks its rows or states no unit where the row's other columns do: its cells are left with "
                    "no variable, the row's other cells read"));
        if (s.table == scanned::table_cell::read && s.table_area) {
            name_by_heading(s, n, findings);
            if (s.table_change) n.flags |= bit(fact_flag::change);  // 比上年增长: the column before's change
        } else if (s.table == scanned::table_cell::read && !s.table_rate) {  // 完成率%: no rate of the row's count
            const phrase_hit* hit = ix_.phrases.closest(byte_at(s.name_first), byte_at(s.name_last));
            if (hit) {
                const distinctions d = stated_distinctions(cps_, s.name_first, s.name_last);
                n.entry = choose_entry(*hit->group, d);
                if (n.entry &&
                    denies_or_narrows(cps_, s.name_first, s.name_last, hit->begin, hit->end, ratio_unit(n.entry->unit)))
                    n.entry = nullptr;  // 未拨付资金 (round 30)
                if (n.entry) {
                    n.phrase = hit->group->phrase;
                    n.status = *d.status ? std::string_view(d.status) : std::string_view(n.entry->status);
                    n.stage = *d.stage ? std::string_view(d.stage) : std::string_view(n.entry->stage);
                    n.scope = *d.scope ? std::string_view(d.scope) : std::string_view(n.entry->scope);
                    last_entry_ = n.entry, last_group_ = hit->group;
                }
            }
            if (s.table_change) n.flags |= bit(fact_flag::change);
            if (s.table_prior) n.flags |= bit(fact_flag::prior_year);
            if (s.table_target) n.flags |= bit(fact_flag::target);
        }
        n.unit = s.q.unit;
        if (n.entry) check_unit(s, n, s.q.begin);  // the row's name is the variable's: nothing between
        if (!n.entry) n.flags |= bit(fact_flag::no_variable);
        n.flags |= quantity_flags(s);
        if (!s.damage.empty())
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, std::string(s.damage), damage_message(s.damage)));
        previous_end_ = s.last, previous_scope_ = "", previous_entry_ = nullptr, previous_group_ = nullptr,
        previous_change_ = false;
        previous_bound_ = false, previous_following_end_ = 0;
        previous_unit_.clear(), mismatched_entry_ = nullptr;
        double guess = std::numeric_limits<double>::quiet_NaN();  // "1 135" in a cell (split_digits)
        if (options_.guess && !std::isnan(s.guess)) guess = s.guess, n.flags |= bit(fact_flag::guess);
        write(s, n, guess,
              s.table == scanned::table_cell::read ? s.table_period : period.in_clause(cps_.base() + clause), clause,
              clause_stop);
    }

    // A cell of a table with a row per area: the variable its column's heading names and the area of
    // its row (fact_naming::entity). A heading naming none leaves its cells without a variable, said
    // once for the column (table_heading): never a guess from the words around.
    void name_by_heading(const scanned& s, fact_naming& n, std::vector<report_finding>& findings) {
        n.entity = s.row_label;
        const heading_reading& heading = read_heading(s.table_heading);
        if (heading.group) {
            // The heading's own words choose as they would in prose: 新增高新技术企业（家） is the year's
            // new firms, not how many there are (review 33, f2).
            n.entry = choose_entry(*heading.group, heading.stated);
            if (n.entry) {
                n.phrase = heading.group->phrase;
                n.status = *heading.stated.status ? std::string_view(heading.stated.status)
                                                  : std::string_view(n.entry->status);
                n.stage =
                    *heading.stated.stage ? std::string_view(heading.stated.stage) : std::string_view(n.entry->stage);
                n.scope =
                    *heading.stated.scope ? std::string_view(heading.stated.scope) : std::string_view(n.entry->scope);
                last_entry_ = n.entry, last_group_ = heading.group;
            }
        }
        // A firm's quantity (营业收入): an area's cell, a zone's 合计 row too, is no firm's figure (round 38).
        const lexicon_entry* firms = n.entry && n.entry->firm ? n.entry : nullptr;
        if (firms) n.entry = nullptr, n.phrase = {}, n.status = n.stage = n.scope = {};
        if (!n.entry && headings_told_.insert(s.table_heading.data()).second)
            findings.push_back(make_finding(
                text_, cps_, s.first, s.last, "table_heading",
                "a column of a table with a row per area whose heading (" + std::string(s.table_heading) +
                    (firms ? ") names a firm's quantity (" + firms->variable +
                                 "): an area's figure (a zone's or a region's total) is no firm's, and its cells have "
                                 "no variable"
                           : std::string(") names no variable of the lexicon: its cells have none"))));
        if (s.table_no_unit && units_told_.insert(s.table_heading.data()).second)
            findings.push_back(
                make_finding(text_, cps_, s.first, s.last, "table_unit",
                             "a column of a table with a row per area whose heading (" + std::string(s.table_heading) +
                                 ") is neither an amount nor a share, under a line listing an amount's unit and %: "
                                 "its unit is unknown, and its cells have none"));
    }

    // A table's heading read once (each row asks again): the phrase it names and the words stated in it.
    struct heading_reading {
        const phrase_entries* group = nullptr;
        distinctions stated;
    };
    const heading_reading& read_heading(std::string_view heading) {
        const auto [known, fresh] = heading_readings_.emplace(heading.data(), heading_reading{});
        if (fresh) {
            known->second.group = phrase_in_heading(heading);
            std::size_t invalid = 0;
            const code_points words = decode(heading, invalid);
            if (known->second.group) known->second.stated = stated_distinctions(words, 0, words.size());
        }
        return known->second;
    }

    // The longest phrase of the lexicon inside a table's heading (专利授权量 in 专利授权量, 研发经费 in
    // 研发经费支出合计), the first of those as long; nullptr if none.
    const phrase_entries* phrase_in_heading(std::string_view heading) const {
        std::vector<std::size_t> starts;  // of the heading's code points, and its end
        for (std::size_t i = 0; i < heading.size(); ++i)
            if ((static_cast<unsigned char>(heading[i]) & 0xC0) != 0x80) starts.push_back(i);
        starts.push_back(heading.size());
        const std::size_t n = starts.size() - 1;
        for (std::size_t length = n; length > 0; --length)
            for (std::size_t i = 0; i + length <= n; ++i)
                if (const phrase_entries* g =
                        ix_.phrases.find(heading.substr(starts[i], starts[i + length] - starts[i])))
                    return per_head_heading(heading.substr(0, starts[i]), *g) ? nullptr : g;
        return nullptr;
    }

    // The words of a heading before its phrase say it is per head or per 10,000 people (人均研发经费,
    // 每万人口技术合同成交额) and the phrase's entries are no such (件/万人): a quantity per head, no variable of
    // the lexicon — as in prose (per_head_before, per_ten_thousand_before; round 37: 人均研发经费 was rd_expenditure).
    static bool per_head_heading(std::string_view before, const phrase_entries& group) {
        const auto ends_with = [&](std::string_view w) {
            return before.size() >= w.size() && before.substr(before.size() - w.size()) == w;
        };
        if (!ends_with("人均") && !ends_with("户均") && !ends_with("企均") && !ends_with("家均") &&
            !ends_with("万人口") && !ends_with("万人"))
            return false;
        return std::none_of(group.entries.begin(), group.entries.end(),
                            [](const lexicon_entry* e) { return e->unit.find('/') != std::string::npos; });
    }

    std::size_t byte_at(std::size_t k) const { return cps_.byte_at(k); }

    // The level of government a part after 其中 is of: the last level word in code points [from, to)
    // (其中获批省级项目6项、市级项目9项: 省级, then 市级), "" if none. A level with 以上 or 及以上
    // after it (省级以上8个, 市级及以上项目18项) counts every level from it up: kept whole, it is no
    // single level (inconsistent_parts leaves it out of the sum of levels).
    std::string_view level_between(std::size_t from, std::size_t to) const {
        // 市本级 (the city's own budget, 其中市本级财政科技支出4.85亿元): the city's level (round 24)
        static constexpr std::u32string_view words[] = {U"国家级", U"省部级", U"省级",   U"市级",
                                                        U"县级",   U"区级",   U"镇级",   U"乡级",
                                                        U"省本级", U"市本级", U"县本级", U"区本级"};
        static constexpr std::string_view names[] = {"国家级", "省部级", "省级", "市级", "县级", "区级",
                                                     "镇级",   "乡级",   "省级", "市级", "县级", "区级"};
        static constexpr std::string_view up[] = {"国家级以上", "省部级以上", "省级以上", "市级以上",
                                                  "县级以上",   "区级以上",   "镇级以上", "乡级以上",
                                                  "省级以上",   "市级以上",   "县级以上", "区级以上"};
        static constexpr std::string_view and_up[] = {"国家级及以上", "省部级及以上", "省级及以上", "市级及以上",
                                                      "县级及以上",   "区级及以上",   "镇级及以上", "乡级及以上",
                                                      "省级及以上",   "市级及以上",   "县级及以上", "区级及以上"};
        std::string_view level;
        for (std::size_t k = from; k + 1 < to; ++k) {
            if (cps_[k].c != U'级' && (k + 1 >= to || cps_[k + 1].c != U'级') &&
                (k + 2 >= to || cps_[k + 2].c != U'级'))
                continue;
            for (std::size_t w = 0; w < std::size(words); ++w)
                if (k + words[w].size() <= to && starts_with(cps_, k, words[w])) {
                    level = names[w];
                    k += words[w].size() - 1;
                    if (k + 3 <= to && starts_with(cps_, k + 1, U"以上"))
                        level = up[w], k += 2;
                    else if (k + 4 <= to && starts_with(cps_, k + 1, U"及以上"))
                        level = and_up[w], k += 3;
                    break;
                }
        }
        return level;
    }

    // "申报科技项目45项，其中国家级项目3项、省级项目12项": a figure after 其中 in the sentence of a
    // figure before it, with a level of government named since the figure before it, is a part of
    // that total by level: flagged `part`, its level kept. With no variable of its own (项目 alone),
    // it takes the variable of the part before it in the list (其中获批省级项目6项、市级项目9项: both
    // approved), else the total's, when its unit fits that variable. Any other figure may be a total:
    // after 其中 too, one with a phrase of its own and no 其中 in its clause (…，其中省级3个，新增研发
    // 机构8个，其中省级2个: 8个 is the total of the second 其中, as new_total() says for inconsistent_parts).
    void part_by_level(const scanned& s, std::size_t clause, std::size_t after_previous, fact_naming& n) {
        const bool change = (n.flags & bit(fact_flag::change)) != 0;
        // a 其中 in the total's sentence or opening the next one (…获批立项21项。其中获批省级项目6项), as
        // part_of() says for inconsistent_parts
        const bool after_part_word =
            parent_end_ != 0 && part_of(text_, ix_.part_words, ix_.sentence_ends, byte_at(parent_end_), s.q.begin);
        if (change && compared_new_ && !after_part_word) {
            // "较上年新增6家，其中国家级2家": the 2 are among the 6 more, a part of the change (round 28)
            parent_end_ = s.last, parent_ = n, part_.entry = nullptr, change_parent_ = true;
            change_parent_value_ = s.q.value, change_parent_unit_ = s.q.unit;
            return;
        }
        const std::string_view level = after_part_word && !change ? level_between(after_previous, s.first) : "";
        if (level.empty() && after_part_word && !change && !n.entry && parent_.entry) {
            if (const lexicon_entry* kind = part_of_kind(s, n)) {
                n.entry = kind, n.stage = kind->stage, n.scope = kind->scope, n.status = kind->status;
                n.flags &= ~(bit(fact_flag::no_variable) | bit(fact_flag::unit_mismatch));
                if (part_of_the_change(s)) n.flags |= bit(fact_flag::change);
                part_ = n;
                return;
            }
        }
        if (level.empty()) {
            if (!change &&
                (!after_part_word || new_total(ix_.part_words, byte_at(clause), s.q.begin,
                                               n.entry != nullptr || (n.flags & bit(fact_flag::unit_mismatch)) != 0,
                                               (n.flags & bit(fact_flag::phrase_shared)) != 0)) &&
                !share_after_total(s))
                parent_end_ = s.last, parent_ = n, part_.entry = nullptr, change_parent_ = false;  // a total
            return;
        }
        const fact_naming& from = part_.entry ? part_ : parent_;
        if (!n.entry && from.entry && unit_flags(*from.entry, unit_id(s, s.q.unit), s.q.unit, n.flags) == 0) {
            n.entry = from.entry, n.phrase = from.phrase, n.status = from.status, n.stage = from.stage;
            n.scope = from.scope;
            n.flags = (n.flags & ~(bit(fact_flag::no_variable) | bit(fact_flag::unit_mismatch))) |
                      bit(fact_flag::phrase_shared);
        }
        n.level = level;
        n.flags |= bit(fact_flag::part) | (part_of_the_change(s) ? bit(fact_flag::change) : 0);
        if (n.entry) part_ = n;
    }
    // The region's public spending, which a line of a bureau's own budget is mistaken for (its 财政科技支出,
    // 一般公共预算支出…).
    static bool public_spending(const lexicon_entry& e) {
        // as string_views: the sizes compared first (a std::string against a literal measured the literal, ~1 % of a
        // call)
        const std::string_view v = e.variable;
        return v == std::string_view("fiscal_st_expenditure") || v == std::string_view("general_budget_expenditure");
    }

    // "2024年部门预算收入合计3250万元，其中科学技术支出2800万元，基本支出1200万元，项目支出…": a sentence
    // of the bureau's own budget or final accounts (部门预算, 部门决算, 三公经费, 基本支出, 财政拨款收支,
    // 本部门…) states what the bureau spends on itself, not the region's spending on science (a 财政科技支出
    // there is the bureau's budget line). The figure's own clause decides first: naming the region
    // (全市, 我县, 本市, 市本级, 县财政…) it is the region's, naming a budget word the bureau's; else the
    // first clause of its sentence part naming the region makes it the region's (我县财政科技支出3.2亿元，
    // 占…3.5%). A budget word counts only within the figure's sentence part, up to ；or 。 (县财政科技
    // 支出3.2亿元…；科技局本部门支出850万元: the 本部门 is another part's; review 33, f5). Not 项目支出
    // alone: a region's 科技项目支出 is a part of its spending. Asked only of public spending.
    bool own_budget_sentence(const scanned& s, std::size_t clause) const {
        // (the sentence's words are read only for these, few figures: at every amount it cost ~8 % of a call)
        constexpr std::size_t reach = 160;
        std::size_t from = s.first, to = s.last, clause_end = s.last;
        while (from > 0 && s.first - from < reach && !one_of(cps_[from - 1].c, U"。！？!?；;\n\r")) --from;
        while (to < cps_.size() && to - s.last < reach && !one_of(cps_[to].c, U"。！？!?；;\n\r")) ++to;
        while (clause_end < to && !one_of(cps_[clause_end].c, U"，,")) ++clause_end;
        if (names_the_region_between(clause, s.first)) return false;
        if (budget_word_between(clause, clause_end)) return true;
        std::size_t first_clause_end = from;
        while (first_clause_end < clause && !one_of(cps_[first_clause_end].c, U"，,")) ++first_clause_end;
        if (clause > from && names_the_region_between(from, first_clause_end)) return false;
        return budget_word_between(from, to);
    }
    // The region as the subject of public spending in code points [from, to): 全市, 我县, 本市 (not
    // 本部门), 市本级, 县财政, 青山县财政.
    bool names_the_region_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k + 1 < to; ++k) {
            const char32_t c = cps_[k].c;
            if (one_of(c, U"全我本") && one_of(cps_[k + 1].c, U"市县区省州旗镇")) return true;
            if (one_of(c, U"市县区省州旗") && (starts_with(cps_, k + 1, U"本级") || starts_with(cps_, k + 1, U"财政")))
                return true;
        }
        return false;
    }
    bool budget_word_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k < to; ++k)
            if (one_of(cps_[k].c, U"部基三拨本机") &&
                (starts_with_any(cps_, k, U"部门预算", U"部门决算", U"部门收入", U"部门支出", U"基本支出") ||
                 starts_with_any(cps_, k, U"三公经费", U"三公”经费", U"三公\"经费", U"拨款收入", U"拨款支出",
                                 U"拨款收支") ||
                 starts_with_any(cps_, k, U"本部门", U"机关运行经费")))
                return true;
        return false;
    }

    // A part after a change of new ones (较上年新增6家，其中国家级2家) is among them, unless it is more than
    // they are (比去年新增2个，其中，国家级众创空间3个: the 其中 reaches back to the stock, round 27).
    bool part_of_the_change(const scanned& s) const {
        return change_parent_ && !(s.q.unit == change_parent_unit_ && s.q.value > change_parent_value_);
    }

    // A share or a rate right after a total (财政科技支出12.6亿元，占一般公共预算支出的比重为3.2%，其中
    // 市本级4.85亿元): the parts after it are the total's, not the share's (round 25: no variable).
    bool share_after_total(const scanned& s) const {
        return (is(s.q.unit, "%") || is(s.q.unit, "‰")) && parent_.entry && parent_end_ != 0 &&
               !is(parent_.entry->unit, "%") && !ix_.sentence_ends.any_inside(byte_at(parent_end_), s.q.begin);
    }
    // "专利授权量241件，其中发明专利19件": a part after 其中 named only by a kind of the total's
    // quantity (发明专利), the total's stage and scope saying which of the kind's variables it is: the
    // one entry with a phrase that starts with the kind and states the total's distinctions
    // (发明专利授权量: granted). None when no distinction is stated or two entries fit: never a guess.
    const lexicon_entry* part_of_kind(const scanned& s, fact_naming& n) {
        const lexicon_entry& total = *parent_.entry;
        if (total.stage.empty() && total.scope.empty()) return nullptr;
        const std::size_t opening = ix_.part_words.last_end_inside(byte_at(parent_end_), s.q.begin);
        if (opening == 0) return nullptr;
        std::string_view kind = text_.substr(opening, s.q.begin - opening);
        for (std::string_view verb : {"达到", "为", "达", "有", "共"})
            if (kind.size() > verb.size() && kind.substr(kind.size() - verb.size()) == verb)
                kind.remove_suffix(verb.size());
        if (kind.size() < std::string_view("专利").size() || kind.find_first_of(" ,.;:()") != std::string_view::npos ||
            kind.find("，") != std::string_view::npos || kind.find("、") != std::string_view::npos)
            return nullptr;
        const lexicon_entry* found = nullptr;
        for (const lexicon_entry& e : ix_.words) {
            if (&e == &total || e.stage != total.stage || e.scope != total.scope) continue;
            const bool named = std::any_of(e.phrases.begin(), e.phrases.end(), [&](const std::string& p) {
                return p.size() > kind.size() && std::string_view(p).substr(0, kind.size()) == kind;
            });
            if (!named || unit_flags(e, unit_id(s, s.q.unit), s.q.unit, n.flags) != 0) continue;
            if (found) return nullptr;
            found = &e;
        }
        if (found) n.phrase = kind;
        return found;
    }

    // A target word (target_word_at) before code point `first` in its sentence (力争…) or clause
    // (目标, 计划). Figures come in order: the cursor walks each code point of a chunk once.
    // The cursor also finds 以来 in the sentence (since_start).
    // A figure in % that says how much of the target named in its clause was done: 完成 before the
    // target word and 的 right before the figure (完成全年目标任务500件的42%), or 完成率/完成进度
    // after the target word (年度目标任务完成率56.8%).
    bool completion_rate(const scanned& s, std::size_t clause) const {
        if (!is(s.q.unit, "%")) return false;
        std::size_t target = 0;  // one past the last target word
        for (std::size_t k = clause; k + 1 < s.first; ++k)
            if (starts_with(cps_, k, U"目标") || starts_with(cps_, k, U"任务") || starts_with(cps_, k, U"计划"))
                target = k + 2;
        if (target == 0) return false;
        for (std::size_t k = target; k + 1 < s.first; ++k)
            if (starts_with(cps_, k, U"完成率") || starts_with(cps_, k, U"完成进度")) return true;
        std::size_t end = s.first;
        for (std::u32string_view w : {U"达到", U"达", U"为"})
            if (ends_with(cps_, end, w)) end -= w.size();
        if (end == 0 || cps_[end - 1].c != U'的') return false;
        for (std::size_t k = clause; k + 2 < target; ++k)  // 占全年目标任务120家的72.5%: the share done too
            if (starts_with(cps_, k, U"完成") || cps_[k].c == U'占') return true;
        return false;
    }

    // A figure of a year after the report's (its title's) that 到<year>年 reaches: a plan
    // (reached_by_year_at). Most figures are of the report's year: no walk. With no year in the title
    // the report's year is unknown: a year stated before (2020年…800家。到2025年…达到1500家) is no
    // report's year, as a retrospective tells past years before the latest (review 33, f4).
    bool plan_of_year_ahead(std::size_t first, std::string_view when, const period_cursor& period) const {
        const int year = when.size() == 4 ? year_of(when) : 0;
        const int report = period.report().empty() ? 0 : year_of(period.report());
        return year > 0 && report > 0 && year > report &&
               period.stated_after_reaching_word(cps_.base() + first - std::min<std::size_t>(first, 160), cps_) &&
               reached_by_year_at(cps_, first, year);
    }

    // "2026年，全区计划新增…20家，2025年新增15家": a sentence's plan word governs the clauses of the
    // period it plans (its first planned figure's); a clause stating another period is what was done.
    bool done_in_another_period(std::string_view when, const period_cursor& period, std::size_t clause) {
        if (!target_in_sentence_ || target_in_clause_ || plan_section_) return false;
        if (!plan_period_known_) {
            plan_period_.assign(when.data(), when.size()), plan_period_known_ = true;
            return false;
        }
        return period.last_stated() >= cps_.base() + clause && when != plan_period_;
    }

    bool target_before(std::size_t first) {
        if (target_cursor_ == 0 && first > 0 && chunk_starts_line_) plan_line(0);
        // The code points between stops skipped in a loop of locals (the member cursor was stored
        // at every code point); target_stop() reads the stops.
        std::size_t k = target_cursor_;
        for (;;) {
            k = cps_.next_with(k, first, cc_target_stop);
            if (k >= first) break;
            target_cursor_ = k;
            target_stop(cps_[k].c);
            k = target_cursor_ + 1;
        }
        target_cursor_ = k;
        return target_in_sentence_ || target_in_clause_ || plan_section_;
    }
    // One code point of target_before()'s stops, at target_cursor_.
    void target_stop(char32_t c) {
        if (c == '\n') plan_line(target_cursor_ + 1);
        if (clause_end(c)) {
            target_in_clause_ = false;
            if (c != ',' && c != U'，') {
                // ；splits what a target sentence lists (力争…20家；技术合同成交额达到8亿元): still its
                // targets, once a figure before it was one; a target word with no figure before ；
                // (确保资金安全；全年新增…12家, 力争进入全省前列的目标；…) names no target after it.
                if ((c != ';' && c != U'；') || !target_figure_)
                    target_in_sentence_ = target_estimate_ = target_figure_ = plan_period_known_ = false;
                since_start_ = 0, clause_since_at_ = 0;
            }
            // 计划新增…10家，实际完成12家 / 已认定12家: what was done, after the plan in its sentence
            if (target_in_sentence_ && starts_with_any(cps_, target_cursor_ + 1, U"实际", U"已"))
                target_in_sentence_ = target_estimate_ = plan_period_known_ = false;
            return;
        }
        if (c == U'以') {
            if (starts_with(cps_, target_cursor_ + 1, U"来"))
                since_start_ = since_start(cps_, target_cursor_), since_at_ = cps_.base() + target_cursor_;
            return;
        }
        int plan_year = 0;
        bool span = false;
        if (c == U'十' && plan_span_at(cps_, target_cursor_, plan_year, span) && span)
            since_start_ = -1, since_at_ = cps_.base() + target_cursor_ + 1;  // “十四五”期间累计…: five years'
        if (const years_span counted = years_counted_at(cps_, target_cursor_); counted == years_span::sentence) {
            if (since_start_ == 0) since_start_ = -1, since_at_ = cps_.base() + target_cursor_;  // 以来's outlives it
        } else if (counted == years_span::clause) {
            clause_since_at_ = cps_.base() + target_cursor_;
        }

        bool sentence = false;
        if (target_word_at(cps_, target_cursor_, sentence)) {
            // 预计 alone says what is expected: an estimate of what was done in a report of the year
            const bool estimate = sentence && starts_with(cps_, target_cursor_, U"预计");
            target_estimate_ = (estimate && (!target_in_sentence_ || target_estimate_));
            (sentence ? target_in_sentence_ : target_in_clause_) = true;
        }
    }
    // A line at k opens a section of plans (二、下半年工作打算: each figure under it is a plan) or
    // the next item of the heading's list, which ends it.
    void plan_line(std::size_t k) {
        int kind = 0;
        if (plan_kind_ < 0) return;  // a report that is a plan throughout
        if (plan_heading(cps_, k, kind) || (!any_figure_ && plan_heading(cps_, k, kind, 40) && kind == 0))
            // a heading without a list marker before any figure (the title "2025年工作计划"): the
            // whole report is a plan, no list item ends it
            plan_section_ = true, plan_kind_ = kind == 0 && !any_figure_ ? -1 : kind;
        else if (plan_section_ && kind == (plan_kind_ ? plan_kind_ : 1))  // the line's marker, whatever the answer
            plan_section_ = false;
    }
    // The code point in [lo, hi) that starts at a byte offset (the phrase lies in the clause).
    std::size_t code_point_at(std::size_t byte, std::size_t lo, std::size_t hi) const {
        return static_cast<std::size_t>(
            std::lower_bound(cps_.begin() + lo, cps_.begin() + hi, byte,
                             [](const code_point& c, std::size_t b) { return c.begin < b; }) -
            cps_.begin());
    }
    // code_point_at(byte, lo, hi) found by walking from code point `near` (where it mostly is: a
    // phrase's first code point, the previous figure's end), a binary search of the range only
    // when it is more than a few code points away.
    std::size_t code_point_near(std::size_t byte, std::size_t lo, std::size_t hi, std::size_t near) const {
        std::size_t k = std::min(std::max(near, lo), hi);
        // A jump first as if every code point were a Chinese character's three bytes (a phrase's are):
        // the walk then ends at once. Any start in [lo, hi] walks to the same code point.
        const std::size_t at = byte_at(k);
        k = at <= byte ? std::min(hi, k + (byte - at) / 3) : k - std::min(k - lo, (at - byte) / 3);
        for (int step = 0; step < 16; ++step) {
            if (k > lo && cps_[k - 1].begin >= byte)
                --k;
            else if (k < hi && cps_[k].begin < byte)
                ++k;
            else
                return k;
        }
        return code_point_at(byte, lo, hi);
    }

    // unit_flag(s.q.unit, e.unit), remembered per (entry, unit).
    std::uint32_t written_unit_flag(const lexicon_entry& e, const scanned& s) {
        const std::pair<const lexicon_entry*, std::uint32_t> key(&e, unit_id(s, s.q.unit));
        if (const auto it = written_flags_.find(key); it != written_flags_.end()) return it->second;
        return written_flags_.emplace(key, unit_flag(s.q.unit, e.unit)).first->second;
    }

    // The table's id of `unit`; the figure's unit as written (s.q.unit itself, which bind(), the part
    // rules, check_unit() and write() each ask for) looked up once a figure (add() forgets it).
    std::uint32_t unit_id(const scanned& s, std::string_view unit) {
        if (unit.data() != s.q.unit.data() || unit.size() != s.q.unit.size()) return out_.id(unit);
        if (unit_of_ != &s) unit_of_ = &s, unit_written_ = out_.id(unit);
        return unit_written_;
    }

    // code_point_at(hit.begin, lo, hi) without the search: the hit knows its first code point.
    static std::size_t first_of(const phrase_hit& hit, std::size_t lo, std::size_t hi) {
        return hit.first < lo ? lo : hit.first > hi ? hi : hit.first;
    }

    void write(const scanned& s, const fact_naming& n, double guess, std::string_view period, std::size_t clause,
               std::size_t clause_stop) {
        fact_table& t = out_.table();
        const std::uint32_t unit = n.unit_id != fact_naming::unknown ? n.unit_id : unit_id(s, n.unit);
        const std::uint32_t variable = n.entry ? out_.stable_id(n.entry->variable) : 0,
                            phrase = out_.stable_id(n.phrase), when = out_.stable_id(period),
                            damage = out_.stable_id(s.damage), status = out_.stable_id(n.status),
                            stage = out_.stable_id(n.stage), scope = out_.stable_id(n.scope),
                            level = out_.stable_id(n.level), entity = n.entity.empty() ? 0 : out_.id(n.entity);
        if (any_invalid_)
            quote_into(t.quoted, text_, cps_, s.first, s.last);
        else
            t.quoted.append(text_.substr(s.q.begin, s.q.end - s.q.begin));
        const std::size_t r = out_.next_row();
        t.variable[r] = variable, t.phrase[r] = phrase, t.unit[r] = unit, t.period[r] = when;
        t.damage[r] = damage, t.status[r] = status, t.stage[r] = stage, t.scope[r] = scope, t.level[r] = level;
        t.entity[r] = entity;
        t.value[r] = signed_value(s.q.value, n.decline), t.high[r] = signed_value(s.q.high, n.decline);
        t.guess[r] = guess, t.qual[r] = signed_qualifier(s.q.qual, n.decline);
        t.flags[r] = n.flags;
        const auto u32 = [](std::size_t v) { return static_cast<std::uint32_t>(v); };
        t.begin[r] = u32(s.q.begin), t.end[r] = u32(s.q.end);
        t.clause_begin[r] = cps_[clause].begin;
        t.clause_end[r] = clause_stop > clause ? cps_.end_of(clause_stop - 1) : cps_[clause].begin;
        const std::size_t base = cps_.base();
        t.char_begin[r] = u32(base + s.first), t.char_end[r] = u32(base + s.last);
        t.clause_char_begin[r] = u32(base + clause);
        t.clause_char_end[r] = u32(base + std::max(clause, clause_stop));
        t.text_end[r] = t.quoted.size();
    }

    // unit_implied / unit_mismatch for a figure of `entry` written in `unit`, remembered per
    // (entry, unit): parsing two units a figure cost more than reading it.
    std::uint32_t unit_flags(const lexicon_entry& entry, std::uint32_t unit_id, std::string_view unit,
                             std::uint32_t flags) {
        const bool rate_of_change = (flags & bit(fact_flag::change)) &&
                                    (is(unit, "%") || is(unit, "个百分点") || is(unit, "百分点") || is(unit, "倍"));
        if (entry.unit.empty() || unit.empty() || rate_of_change) return 0;
        // The pairs of the last figures first (a figure asks for its pair up to three times, bind()
        // check_unit() and the part rules): a slot compared costs less than a lookup of the map.
        recent_flag& recent =
            recent_flags_[((reinterpret_cast<std::uintptr_t>(&entry) >> 4) ^ (std::uintptr_t{unit_id} * 7)) & 63];
        if (recent.entry == &entry && recent.unit_id == unit_id) return recent.flag;
        recent = {&entry, unit_id, unit_flags_of(entry, unit_id, unit)};
        return recent.flag;
    }
    std::uint32_t unit_flags_of(const lexicon_entry& entry, std::uint32_t unit_id, std::string_view unit) {
        // find first: emplace makes a node (an allocation) even when the key is there.
        const std::pair<const lexicon_entry*, std::uint32_t> key(&entry, unit_id);
        if (const auto it = unit_flags_.find(key); it != unit_flags_.end()) return it->second;
        std::uint32_t flag = unit_flag(unit, entry.unit);
        // 研发中心8家 for a variable counted in 个 that lists 家 in counted_in: the count it is
        if (flag == bit(fact_flag::unit_mismatch) && !entry.counted_in.empty() && counts_in(unit)) {
            const std::string_view measure = counted(unit);
            for (const std::string& w : entry.counted_in)
                if (counted(w) == measure) flag = 0;
        }
        return unit_flags_.emplace(key, flag).first->second;
    }

    // The figure's unit against its variable's: a bare multiplier (2.35亿, "2.36亿 元" cut at the
    // blank) of a variable counted in 元, 家… is completed with that word (亿元); a unit that does
    // not convert (23场次 for 人次, 62家 for 个) leaves the figure without a variable (unit_mismatch),
    // never the number alone in the variable's unit. A measure word the variable accepts only by its
    // counted_in (研发中心8家) counts a noun written between the phrase and the figure instead, from
    // byte `counted_from` (有研发机构的企业120家: the firms, counted_noun_between): a mismatch too; so
    // is its own measure word after a team or a project it hosts (众创空间入驻团队46个).
    void check_unit(const scanned& s, fact_naming& n, std::size_t counted_from) {
        const std::string_view written = s.q.unit;
        if ((is(written, "万") || is(written, "亿") || is(written, "万亿") || is(written, "千万") ||
             is(written, "百万")) &&
            n.entry->unit.find('/') == std::string::npos) {
            const std::string_view base = measure_of(n.entry->unit);
            if (!base.empty() && !is(base, "%") && !is(base, "‰") && !is(base, "个百分点") && !is(base, "百分点") &&
                !is(base, "万") && !is(base, "亿")) {
                completed_unit_ = std::string(written) + std::string(base);
                n.unit = completed_unit_;
            }
        }
        n.unit_id = unit_id(s, n.unit);  // write() asks for it again
        std::uint32_t flags = unit_flags(*n.entry, n.unit_id, n.unit, n.flags);
        if (flags == 0 && !n.entry->counted_in.empty() &&
            (counted(n.unit) != counted(n.entry->unit)
                 ? counted_noun_between(counted_from, s.q.begin) || counts_other_noun_after(s.q.end, *n.entry)
                 : counted(n.entry->unit) == "个" && other_noun_between(counted_from, s.q.begin)))
            flags = bit(fact_flag::unit_mismatch);
        if (flags == 0 && points_without_rate(n)) flags = bit(fact_flag::unit_mismatch);
        n.flags |= flags;
        if (flags & bit(fact_flag::unit_mismatch)) unit_mismatch(s, n);
    }

    // "研发经费增长1.5个百分点": points measure how a rate changed, and a variable in 亿元 or 家 states
    // none: the 1.5 is no change of it (neither 1.5亿元 nor 1.5 %). After the variable's own level
    // (研发经费投入3.2亿元，增长1.5个百分点) they say how its growth rate moved: the change stands.
    // Points that are no change (研发投入强度低于全市平均水平0.4个百分点: a gap to an average) are no level of a rate
    // either: never rd_intensity 0.4 % (round 37).
    bool points_without_rate(const fact_naming& n) const {
        if (n.unit.find("百分点") == std::string_view::npos) return false;
        const std::string_view own = n.entry->unit;
        if (own.find("百分点") != std::string_view::npos) return false;
        if (!(n.flags & bit(fact_flag::change))) return true;
        return own.find('%') == std::string_view::npos && own.find("‰") == std::string_view::npos &&
               !(previous_entry_ && previous_entry_->variable == n.entry->variable);
    }

    // The figure is in a unit its variable's does not convert to: no variable.
    void unit_mismatch(const scanned& s, fact_naming& n) {
        mismatched_entry_ = n.entry, mismatched_group_ = last_group_, mismatched_end_ = s.last;
        n.entry = nullptr, n.phrase = {}, n.status = n.stage = n.scope = {};
        n.flags =
            (n.flags & ~bit(fact_flag::phrase_shared)) | bit(fact_flag::unit_mismatch) | bit(fact_flag::no_variable);
        last_entry_ = nullptr, last_group_ = nullptr;
    }

    // A noun that a measure word like 家 counts (企业, 单位, 机构…) in bytes [from, to): "建有企业研发
    // 中心的企业达到86家", "市级企业技术中心企业15家" count firms, not the centres of the phrase before.
    bool counted_noun_between(std::size_t from, std::size_t to) const {
        if (from >= to) return false;
        const std::string_view between = text_.substr(from, to - from);
        for (std::string_view noun : {"企业", "公司", "单位", "机构", "工厂", "厂家", "高校", "院所", "医院"})
            if (between.find(noun) != std::string_view::npos) return true;
        return false;
    }

    // A figure in a measure word of the entry's counted_in counts the entry only when the measure word
    // ends it (获批项目3个) or the entry's own phrase follows, after words of level (新增11家省级众创空间,
    // 12个省级科技计划项目): "申报项目涉及12个产业", "获批项目惠及12个社区", "众创空间服务全县12家企业"
    // count other things (round 27; a fixed list of nouns let any other through, 27b).
    bool counts_other_noun_after(std::size_t end, const lexicon_entry& entry) const {
        std::size_t k = code_point_at(end, 0, cps_.size());
        if (k >= cps_.size() || !is_ideograph(cps_[k].c)) return false;  // the measure word ends the figure
        while (k < cps_.size() && one_of(cps_[k].c, U"国家省市县区部级以上重点")) ++k;
        if (k >= cps_.size() || !is_ideograph(cps_[k].c)) return false;
        const std::size_t from = byte_at(k), stop = std::min(text_.size(), from + 60);
        for (const phrase_hit* hit = ix_.phrases.closest(from, stop); hit; hit = ix_.phrases.closest(from, hit->begin))
            if (hit->begin == from &&
                std::find(hit->group->entries.begin(), hit->group->entries.end(), &entry) != hit->group->entries.end())
                return false;
        return true;
    }

    // A noun counted in the facility's own measure word (个) that the facility hosts, in bytes
    // [from, to): "众创空间新增入驻团队46个", "孵化器内入驻项目52个" count teams or projects (asked only
    // of an entry counted in 个: projects, counted in 项 and 个, are that noun).
    bool other_noun_between(std::size_t from, std::size_t to) const {
        if (from >= to) return false;
        const std::string_view between = text_.substr(from, to - from);
        for (std::string_view noun : {"团队", "项目"})
            if (between.find(noun) != std::string_view::npos) return true;
        return false;
    }

    // The phrase closest before the number: first after the previous figure of the clause, else
    // anywhere earlier in the clause (a subject shared by a list of figures); none across an
    // enumeration. The words between it and the figure choose among the entries of the phrase.
    binding bind(const scanned& s, std::size_t clause, std::size_t clause_stop) {
        if (binding paired; paired_with_levels(s, clause, clause_stop, paired)) return paired;
        binding b = bind_any(s, clause, clause_stop);
        if (!b.entry && !b.group) done_of_plan_ = done_of_plan(s, clause, b);
        // 未拨付奖补资金340万元, 平均每项技术合同成交额160万元: not the quantity the phrase names (round 30)
        if (b.entry && denies_or_narrows(cps_, std::max(clause, previous_end_), s.first, b.phrase_begin, b.phrase_end,
                                         ratio_unit(b.entry->unit)))
            return no_binding(clause);
        // 研发投入不到位资金200万元: 不 right before a phrase opening with a verb of its distinctions negates it,
        // as 未 does (round 34: it was funds_in_place); one compare of three bytes a bound figure
        if (b.entry && b.phrase_begin >= 3 && std::memcmp(text_.data() + b.phrase_begin - 3, "不", 3) == 0 &&
            negated_verb(text_.substr(b.phrase_begin, 6)))
            return no_binding(clause);
        if (b.entry && public_spending(*b.entry) && own_budget_sentence(s, clause)) {
            own_budget_ = true;  // add() says why
            return no_binding(clause);
        }
        // "财政科技支出占…比重为3.5%，三公经费下降10%": a clause naming the bureau's own budget (三公经费,
        // 基本支出…) before its figure does not borrow the phrase of the figure before (round 34: the 10% was a
        // change of fiscal_st_share); read only for such figures, from the figure before or the clause's start.
        if (b.entry && b.shared && budget_word_between(std::max(clause, previous_end_), s.first)) {
            own_budget_ = true;
            return no_binding(clause);
        }
        return b;
    }

    binding bind_any(const scanned& s, std::size_t clause, std::size_t clause_stop) {
        // "全年财政科技支出3.2亿元，比预算增加0.3亿元": a difference from the budget is neither the
        // quantity's level nor its change on last year (round 27b)
        // one binding object returned from every path (its copy at each return cost ~25 instructions a figure)
        const bool budget_difference =
            ix_.compared_with_budget.any_inside(byte_at(std::max(clause, previous_end_)), s.q.begin);
        binding b = budget_difference ? no_binding(clause) : bind_before(s, clause);
        if (budget_difference) return b;
        if (b.entry && unit_flags(*b.entry, unit_id(s, s.q.unit), s.q.unit, 0) != 0) split_by_modifier(s, clause, b);
        // 争取上级项目资金2,350万元: no phrase at all before it, the verb and the noun apart by a level of
        // government only (round 27; 兑现贴息资金 is no 兑现资金)
        if (!b.entry && !b.group) split_by_modifier(s, clause, b, true);
        if (b.entry || b.group) return b;
        if (level_after_changed_phrase(s, clause, b)) return b;
        if (const phrase_hit* hit = following_phrase(s, clause_stop)) {
            // the words of the clause around the figure and its noun say its scope: 新增12个众创空间
            // (before), 今年共有12个众创空间获批备案 (the verb after the noun, up to the next figure)
            std::size_t to = code_point_at(hit->end, s.last, clause_stop);
            while (to < clause_stop && !is_digit(cps_[to].c) && !chinese_figure_at(cps_, to)) ++to;
            b.stated = stated_distinctions(cps_, std::max(clause, previous_end_), to, s.last);
            b.entry = choose_entry(*hit->group, b.stated);
            // 11家省级众创空间, 11个…科技计划项目: a measure word the entry's counted_in lists counts its noun
            if (b.entry && unit_flags(*b.entry, unit_id(s, s.q.unit), s.q.unit, 0) == 0)
                b.group = hit->group, b.phrase = hit->group->phrase, b.phrase_begin = b.phrase_end = byte_at(s.first),
                b.following_end = hit->end;
            else
                b.entry = nullptr;
        }
        if (!b.entry) split_phrase(s, clause, clause_stop, b);
        return b;
    }

    // "新建市级以上创新平台三十二个，其中省级重点实验室五个": a part after 其中 that states no scope
    // word of its own has the one its total's words stated (the five were built this year too).
    void part_scope(std::size_t phrase_begin, distinctions& d) const {
        if (*d.scope || !*previous_scope_ || previous_end_ == 0 ||
            !part_of(text_, ix_.part_words, ix_.sentence_ends, byte_at(previous_end_), phrase_begin))
            return;
        d.scope = previous_scope_;
    }
    // "新增省级院士工作站3家、市级众创空间6家": an item after 、 that states no scope word of its own
    // has the one the list opened with (both were added), as the previous figure's entry states it.
    void listed_scope(std::size_t after_previous, distinctions& d) const {
        if (*d.scope || !previous_entry_ || previous_entry_->scope.empty() || previous_end_ == 0 ||
            after_previous >= cps_.size() || cps_[after_previous].c != U'、')
            return;
        d.scope = previous_entry_->scope;
    }

    // "组织申报2026年度第一批高新技术企业143家": a batch (第一批) or a year naming one (2026年度) between
    // the verb and the noun of a phrase (申报高新技术企业) is inside it: that phrase's group, not the
    // noun's (the stock of high-tech firms). The hit's own group when none.
    const phrase_entries* verb_before_batch(const phrase_hit& hit, std::size_t clause, std::size_t to) const {
        // A batch or a year ends right before the noun (批, 度): asked first, as most phrases have neither.
        const std::size_t noun = first_of(hit, clause, to);
        std::size_t nearest = noun;
        while (nearest > clause && one_of(cps_[nearest - 1].c, U"\n\r ")) --nearest;
        if (nearest == clause || (cps_[nearest - 1].c != U'批' && cps_[nearest - 1].c != U'度')) return hit.group;
        // the code points of the clause before the noun, nearest first, past the line breaks a wrap left out
        // (at most 16, in place: a vector here cost an allocation at most figures)
        fixed_list<std::size_t, 16> before;
        for (std::size_t k = noun; k > clause && before.size() < 16; --k)
            if (!one_of(cps_[k - 1].c, U"\n\r ")) before.push_back(k - 1);
        const auto c = [&](std::size_t i) { return i < before.size() ? cps_[before[i]].c : char32_t{0}; };
        std::size_t i = 0;
        if (c(0) == U'批') {  // 第一批, 第2批
            std::size_t j = 1;
            while (is_digit(c(j)) || is_chinese_numeral(c(j))) ++j;
            if (j > 1 && c(j) == U'第') i = j + 1;
        }
        if (c(i) == U'度' && c(i + 1) == U'年' && is_digit(c(i + 2)) && is_digit(c(i + 3)) && is_digit(c(i + 4)) &&
            is_digit(c(i + 5)))
            i += 6;  // 2026年度
        if (i == 0) return hit.group;
        std::string verb;  // 申报, 组织申报
        for (std::size_t n = 0; n < 4 && i + n < before.size(); ++n) {
            verb.insert(0, slice(text_, cps_, before[i + n], before[i + n] + 1));
            if (const phrase_entries* group = n ? ix_.phrases.find(verb + std::string(hit.group->phrase)) : nullptr)
                return group;
        }
        return hit.group;
    }

    // No phrase: the words that may qualify the figure count from the clause (or the previous figure).
    binding no_binding(std::size_t clause) const {
        binding b;
        b.phrase_begin = b.phrase_end = byte_at(std::max(clause, previous_end_));
        return b;
    }
    // "争取省级科技特派员项目资金95万元": a phrase of the lexicon whose verb and noun a modifier splits
    // (争取…项目资金 is 争取项目资金), the noun right before the figure (or before 达, 共计…), when the
    // phrase closest before the figure (科技特派员) names a variable the figure's unit does not fit.
    // Only a verb that takes a sum as its object opens it, and no 的/用于/对 lies between: two nouns
    // (财政用于…的支出, 研发机构…投入) are no such phrase (review 25b).
    static bool modifier_only_between(const code_points& cps, std::size_t from, std::size_t to) {
        for (std::size_t k = from; k < to; ++k)
            if (one_of(cps[k].c, U"的对，,；;") || starts_with(cps, k, U"用于")) return false;
        return true;
    }
    // Only words of levels of government in code points [from, to) (上级, 省级以上, 中央和省级, 国家、省),
    // with 各类 and 科技 among them (争取各类项目资金, 争取中央和省级科技项目资金) and 到 after the verb
    // (争取到上级项目资金) (27b).
    bool levels_of_government_between(std::size_t from, std::size_t to) const {
        std::size_t k = from;
        if (k < to && cps_[k].c == U'到') ++k;
        for (; k < to; ++k)
            if (!one_of(cps_[k].c, U"上级国家省市县区中央各类和及、以部") && !starts_with(cps_, k, U"科技"))
                return false;
            else if (cps_[k].c == U'科')
                ++k;
        return true;
    }
    void split_by_modifier(const scanned& s, std::size_t clause, binding& b, bool levels_between = false) {
        constexpr std::size_t verb = 2, widest_gap = 12, longest_tail = 4;
        const std::size_t from = std::max(clause, previous_end_);
        std::size_t end = s.first;
        if (ends_with(cps_, end, U"达到") || ends_with(cps_, end, U"共计") || ends_with(cps_, end, U"合计"))
            end -= 2;
        else if (end > from && one_of(cps_[end - 1].c, U"达为计"))
            end -= 1;
        // every phrase looked up below ends with code point end - 1
        if (end == 0 || !(ix_.sum_phrase_end_unknown || ix_.sum_phrase_ends.has(cps_[end - 1].c))) return;
        // the verbs first: most figures have none in reach, and then no phrase is built
        fixed_list<std::size_t, 8> verbs;
        const std::size_t reach = end > verb + longest_tail + widest_gap ? end - verb - longest_tail - widest_gap : 0;
        // verb_taking_a_sum()'s first characters in one bitmap test (its list compared at every code point
        // in reach cost more than the rest of the walk)
        static const char_set verb_firsts(U"争申拨兑下获安落");
        for (std::size_t v = end > 2 + verb ? end - 2 - verb - 1 + 1 : 0;
             v-- > std::max(from, reach) && verbs.size() < 8;)
            if (verb_firsts.has(cps_[v].c) && verb_taking_a_sum(cps_, v)) verbs.push_back(v);
        // the words of the clause before the figure, read once whatever phrase is tried
        std::optional<distinctions> stated;
        for (std::size_t tail = 2; tail <= longest_tail && !verbs.empty() && end >= from + verb + tail + 1; ++tail)
            for (const std::size_t v : verbs) {  // nearest first, as before
                if (v + verb + tail + 1 > end || end - tail - (v + verb) > widest_gap) continue;
                if (!modifier_only_between(cps_, v + verb, end - tail)) continue;
                if (levels_between && !levels_of_government_between(v + verb, end - tail)) continue;
                const phrase_entries* group = find_joined(v, v + verb, end - tail, end);
                if (!group) continue;
                if (!stated) stated = stated_distinctions(cps_, clause, s.first);
                const lexicon_entry* e = choose_entry(*group, *stated);
                if (e && written_unit_flag(*e, s) == 0) {
                    b = binding{};
                    b.stated = *stated, b.entry = e, b.group = group, b.phrase = group->phrase;
                    b.phrase_begin = cps_[v].begin, b.phrase_end = byte_at(end);
                    return;
                }
            }
    }
    // The phrase of the lexicon that code points [head, head_end) and [tail, tail_end) spell when
    // joined, nullptr when none: the key built in a buffer the builder keeps (two strings and their
    // sum were allocated at each try).
    const phrase_entries* find_joined(std::size_t head, std::size_t head_end, std::size_t tail,
                                      std::size_t tail_end) const {
        joined_key_.clear();
        if (head < head_end)
            joined_key_.append(text_.substr(cps_[head].begin, cps_.end_of(head_end - 1) - cps_[head].begin));
        if (tail < tail_end)
            joined_key_.append(text_.substr(cps_[tail].begin, cps_.end_of(tail_end - 1) - cps_[tail].begin));
        return ix_.phrases.find(joined_key_);
    }
    // "派出0名专家到各村": a count between the verb and the noun of a phrase (派出专家), the verb
    // right before the figure and the noun right after it. The longest such phrase whose entry
    // counts in the figure's unit; `b` untouched when there is none.
    void split_phrase(const scanned& s, std::size_t clause, std::size_t clause_stop, binding& b) const {
        constexpr std::size_t longest = 4;  // code points of each half
        if (s.q.unit.empty() || s.last >= clause_stop || s.first <= clause ||
            !(is_count_word(s.q.unit) || counted(s.q.unit) == "人"))
            return;
        for (std::size_t head = std::min(longest, s.first - clause); head > 0; --head)
            for (std::size_t tail = std::min(longest, clause_stop - s.last); tail > 0; --tail) {
                const phrase_entries* group = find_joined(s.first - head, s.first, s.last, s.last + tail);
                // the noun an item of a list (走访12家企业和科技园区、…): the count is the list's
                if (!group || (s.last + tail < clause_stop && one_of(cps_[s.last + tail].c, U"和与及、等"))) continue;
                const distinctions stated = stated_distinctions(cps_, clause, s.first);
                const lexicon_entry* e = choose_entry(*group, stated);
                if (!e || unit_flag(s.q.unit, e->unit) != 0) continue;
                b.stated = stated, b.entry = e, b.group = group, b.phrase = group->phrase;
                b.phrase_begin = cps_[s.first - head].begin, b.phrase_end = byte_at(s.first);
                return;
            }
    }

    // "技术合同成交额比上年翻一番，达到2.4亿元": a clause that is only 达到 (增至, 提高到…) and the
    // figure states the level of the phrase whose change, without a figure, the clause before in the
    // sentence states. Not when that clause has a figure of its own (较上年提高0.3个百分点，达到2.1%:
    // level_after_change) or the phrase lies before an enumeration.
    bool level_after_changed_phrase(const scanned& s, std::size_t clause, binding& b) {
        if (clause < 2 || !one_of(cps_[clause - 1].c, U"，,")) return false;
        std::size_t verb = clause;
        while (verb < s.first && one_of(cps_[verb].c, U" \t\u3000")) ++verb;
        const std::u32string_view levels[] = {U"达到",   U"达",     U"增至",   U"升至",   U"增加到",
                                              U"增加至", U"增长到", U"增长至", U"提高到", U"提高至",
                                              U"提升到", U"提升至", U"上升到", U"上升至"};
        if (std::none_of(std::begin(levels), std::end(levels), [&](std::u32string_view w) {
                return verb + w.size() == s.first && starts_with(cps_, verb, w);
            }))
            return false;
        std::size_t before = clause - 1;  // the clause before: back to a clause mark or the chunk's start
        while (before > 0 && !one_of(cps_[before - 1].c, U"，,；;。！？!?\n")) --before;
        if ((previous_end_ != 0 && previous_end_ > before) || !states_change(before, clause - 1)) return false;
        const phrase_hit* hit = ix_.phrases.closest(byte_at(before), byte_at(clause - 1));
        if (!hit || ix_.enumeration.any_inside(hit->end, byte_at(clause - 1))) return false;
        b.stated = stated_distinctions(cps_, before, s.first);
        b.entry = choose_entry(*hit->group, b.stated);
        if (!b.entry) return false;
        b.group = hit->group, b.phrase = hit->group->phrase, b.shared = true;
        b.phrase_begin = hit->begin, b.phrase_end = byte_at(clause);  // no change between it and the figure
        return true;
    }

    // A change word, or 翻番 (翻一番, 翻了两番…), in code points [from, to).
    bool states_change(std::size_t from, std::size_t to) const {
        if (ix_.change_words.any_inside(byte_at(from), byte_at(to))) return true;
        for (std::size_t k = from; k + 1 < to; ++k)
            if (cps_[k].c == U'翻' && (cps_[k + 1].c == U'番' || (k + 2 < to && cps_[k + 2].c == U'番') ||
                                       (k + 3 < to && cps_[k + 3].c == U'番')))
                return true;
        return false;
    }

    // "22家企业申报高新技术企业", "5家企业通过高新技术企业认定": a count whose clause names nothing
    // before it is the subject of the first phrase a few characters after it, when no number lies
    // between and the phrase's variable is counted in the figure's own measure word (bind checks).
    const phrase_hit* following_phrase(const scanned& s, std::size_t clause_stop) const {
        constexpr std::size_t reach = 10;  // code points from the figure to the phrase
        // 5名科技特派员 names the people it counts as 22家企业 names the firms; an amount names only
        // the funds right after it (设立500万元风险补偿资金)
        if (s.q.unit.empty() || s.last >= clause_stop) return nullptr;
        const bool counts = is_count_word(s.q.unit) || counted(s.q.unit) == "人";
        const std::optional<unit> u = counts ? std::nullopt : parsed_unit(s.q.unit);
        const bool amount = u && u->dim() == dimension::of(base_quantity::currency);
        if (!counts && !amount) return nullptr;
        std::size_t stop = s.last;
        while (stop < clause_stop && !is_digit(cps_[stop].c) && chinese_digit(cps_[stop].c) < 0) ++stop;
        const phrase_hit* first = nullptr;
        for (const phrase_hit* hit = ix_.phrases.closest(s.q.end, byte_at(stop)); hit;
             hit = ix_.phrases.closest(s.q.end, hit->begin))
            first = hit;
        if (!first || first->begin > byte_at(std::min(stop, s.last + (amount ? 0 : reach)))) return nullptr;
        return ix_.enumeration.any_inside(s.q.end, first->begin) ? nullptr : first;
    }

    // 提高企业 holds 高企, the short name of 高新技术企业 in the lexicon: before 业 it is no name.
    bool short_name_in_a_word(const phrase_hit& hit, std::size_t hit_first, std::size_t to) const {
        const std::size_t after = code_point_near(hit.end, hit_first, to, hit_first);
        return after >= 2 && after < to && cps_[after].c == U'业' && ends_with(cps_, after, U"高企");
    }

    // "高新技术企业后备库企业12家": the firms of a reserve or cultivation pool are candidates for what
    // the phrase names, not counted in it (no variable).
    bool pool_after(const phrase_hit& hit, std::size_t hit_first, std::size_t to) const {
        const std::size_t after = code_point_near(hit.end, hit_first, to, hit_first);
        return starts_with_any(cps_, after, U"后备库", U"培育库", U"储备库", U"入库培育");
    }

    // "全市新增高新技术企业80家，我县新增8家", "…80家，其中我县8家": a clause of the report's own area
    // (我县, 本县, 全县…) right after one of another whole (全市…) states the same quantity for it
    // when the two are parallel: the same words after the area (新增), or none after 其中, and the
    // same measure word. Then the figure is the previous figure's variable; else it has none.
    bool parallel_of_previous(const scanned& s, std::size_t clause) const {
        if (!previous_entry_ || previous_end_ == 0 || previous_end_ >= clause || s.q.unit != previous_unit_)
            return false;
        const auto area_at = [&](std::size_t k, std::u32string_view who) {
            return k + 2 <= s.first && one_of(cps_[k].c, who) && one_of(cps_[k + 1].c, U"县市区省州旗");
        };
        const bool part = starts_with(cps_, clause, U"其中");
        const std::size_t own = clause + (part ? 2 : 0);
        if (!area_at(own, U"我本全")) return false;
        std::size_t end = previous_end_;  // the previous figure's clause ends just before this one
        while (end < clause && !clause_end(cps_[end].c) && cps_[end].c != U'。') ++end;
        if (end + 1 != clause || !one_of(cps_[end].c, U"，；,;")) return false;
        std::size_t other = previous_end_;
        while (other > 0 && !clause_end(cps_[other - 1].c) && cps_[other - 1].c != U'。') --other;
        if (!area_at(other, U"全") || cps_[other + 1].c == cps_[own + 1].c) return false;
        const std::size_t words = s.first - (own + 2);
        if (words == 0) return part;
        // 我区完成32.5亿元: a verb of the level reached, in the same unit (checked above), says the same
        if (words == 2 && starts_with_any(cps_, own + 2, U"完成", U"实现", U"达到")) return true;
        // 全市上半年新增…: the period the whole's clause states is no word of the quantity
        std::size_t said = other + 2;
        period_state scratch;
        if (said < previous_end_) said += period_at(cps_, said, scratch);
        for (std::size_t k = 0; k < words; ++k)
            if (said + k >= previous_end_ || cps_[said + k].c != cps_[own + 2 + k].c || is_digit(cps_[own + 2 + k].c))
                return false;
        return true;
    }

    // "A和B分别为x和y": the listed phrase whose place the figure takes (respective_phrase) binds it
    // when one of its entries agrees; `b` untouched otherwise.
    bool bind_respectively(const scanned& s, std::size_t clause, binding& b) {
        const phrase_entries* listed = respective_phrase(s, clause);
        if (!listed) return false;
        binding r;
        r.stated = listed_stated_;  // each listed phrase says its own, or the words leading the list
        r.entry = choose_entry(*listed, r.stated), r.group = listed, r.phrase = listed->phrase;
        // 分别增长10.2%和8.5%: the change words after 分别 are each figure's
        r.phrase_begin = byte_at(s.first), r.phrase_end = respectively_end_;
        if (!r.entry) return false;
        b = r;
        return true;
    }

    binding bind_before(const scanned& s, std::size_t clause) {
        binding b;
        const std::size_t after_previous = std::max(clause, previous_end_);
        b.phrase_begin = b.phrase_end = byte_at(after_previous);
        if (bind_respectively(s, clause, b)) return b;
        // "组织申报国家、省、市科技项目28项": a list of levels modifies one noun, no enumeration (neither
        // without a 、 or 等 since the previous figure, as most figures: asked of the index first).
        const bool enumerates = ix_.enumeration.any_inside(byte_at(after_previous), s.q.begin);
        const bool levels = enumerates && levels_only(after_previous, s.first);
        if (!levels && enumerates && enumerated_count(s, after_previous, b)) return b;
        const phrase_hit* hit = ix_.phrases.closest(byte_at(after_previous), s.q.begin);
        if (!hit && after_previous > clause)
            b.shared = (hit = ix_.phrases.closest(byte_at(clause), byte_at(after_previous))) != nullptr;
        // a hit after the previous figure lies in the range asked above: no enumeration after it either
        if (hit && !levels && (enumerates || hit->end < byte_at(after_previous)) &&
            ix_.enumeration.any_inside(hit->end, s.q.begin) && !listed_after_respectively(*hit, clause, s))
            hit = nullptr, b.shared = false;
        // "每万人口<a phrase of a count>": a number per 10,000 people the lexicon does not know is no
        // count of the whole (每万人口高价值发明专利拥有量 without its entry was valid_invention_patents).
        // So for 人均, 户均: 人均财政科技支出312元 is no spending of the whole (round 24), nor is
        // 财政科技支出人均312元.
        const std::size_t hit_first = hit ? first_of(*hit, clause, s.first) : 0;
        if (hit &&
            (per_ten_thousand_before(hit_first) || per_head_before(hit_first) ||
             per_head_between(code_point_near(hit->end, clause, s.first, hit->first), s.first)) &&
            std::none_of(hit->group->entries.begin(), hit->group->entries.end(),
                         [](const lexicon_entry* e) { return e->unit.find('/') != std::string::npos; }))
            hit = nullptr, b.shared = false;
        if (hit && (not_the_reports(*hit, hit_first, clause) || budget_labels(*hit, s) ||
                    short_name_in_a_word(*hit, hit_first, s.first) || pool_after(*hit, hit_first, s.first)))
            hit = nullptr, b.shared = false;
        if (hit && joined_count(*hit, hit_first, after_previous, s)) return b.shared = false, b;  // no variable
        if (!hit && execution_of_budget(s, clause, b)) return b;
        if (hit) {
            // 应/已 just before the phrase belong to it (应拨付补助资金).
            const std::size_t phrase_first = first_of(*hit, clause, s.first);
            const std::size_t from =
                std::min(after_previous, std::max(clause, phrase_first - std::min<std::size_t>(2, phrase_first)));
            const phrase_entries* group = verb_before_batch(*hit, clause, s.first);  // 申报第一批高新技术企业
            b.stated = stated_distinctions(cps_, from, s.first);
            listed_scope(after_previous, b.stated);  // 新增院士工作站3家、众创空间6家
            part_scope(hit->begin, b.stated);        // 新建…平台三十二个，其中省级重点实验室五个
            b.entry = choose_entry(*group, b.stated);
            b.group = group, b.phrase = group->phrase;
            if (!b.entry) tail_entry(b);
            b.phrase_begin = hit->begin, b.phrase_end = hit->end;
            if (payment_of_previous(s, *hit->group))
                b.group = previous_group_, b.entry = choose_entry(*previous_group_, b.stated), b.shared = true,
                b.phrase = previous_group_->phrase;
            if (!b.entry) b.shared = false;
        } else if (parallel_of_previous(s, clause)) {  // 全市新增高新技术企业80家，我县新增8家: the city's quantity
            b.entry = previous_entry_, b.group = previous_group_, b.phrase = previous_phrase_, b.shared = true;
            b.stated = stated_distinctions(cps_, clause, s.first), b.phrase_begin = b.phrase_end = cps_[clause].begin;
        } else if (const phrase_hit* follow = follower_of_previous(s, after_previous)) {
            // "登记技术合同312项，成交额5.8亿元": a word of the lexicon's follow_phrases after a figure of
            // the entry it follows (in the sentence) names the variable that lists it.
            b.stated = stated_distinctions(cps_, after_previous, s.first);
            b.group = follow->group, b.phrase = follow->group->phrase, b.shared = true;
            for (const lexicon_entry* e : follow->group->entries)
                if (e->follows == followed_entry()->variable || (!b.entry && e == followed_entry())) b.entry = e;
            b.phrase_begin = follow->begin, b.phrase_end = follow->end;
        } else if (mismatched_entry_ && mismatched_group_ && previous_end_ == mismatched_end_ && previous_end_ != 0 &&
                   !ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin) && !s.q.unit.empty() &&
                   unit_flag(s.q.unit, mismatched_entry_->unit) == 0) {
            // "申报项目2批次，共计37项": the figure in the variable's unit after one in another measure
            // word (2批次, left without a variable) is the phrase's figure.
            b.entry = mismatched_entry_, b.group = mismatched_group_, b.phrase = mismatched_group_->phrase;
            b.shared = true, b.phrase_begin = b.phrase_end = cps_[clause].begin;
        } else if (const lexicon_entry* paid = other_status_of_previous(s, after_previous)) {
            // "应拨付补助资金500万元，已拨付420万元": 已 (or a payment verb) alone names the paid entry
            // of the previous figure's phrase, as a scope word names the stock or the flow below
            b.entry = paid, b.group = previous_group_, b.phrase = previous_phrase_, b.shared = true;
            b.stated = stated_distinctions(cps_, after_previous, s.first);
            b.phrase_begin = b.phrase_end = cps_[clause].begin;
        } else if (const lexicon_entry* other = other_scope_of_previous(s, after_previous)) {
            // "新认定高新技术企业9家，累计达到87家": a scope word alone names the other entry of the
            // previous figure's phrase (the stock after the flow, or the flow after the stock).
            b.entry = other, b.group = other_scope_group_, b.phrase = other_scope_group_->phrase, b.shared = true;
            b.stated = stated_distinctions(cps_, after_previous, s.first);
            // a change word before the previous figure (净增218家、总数突破1500家) is that figure's
            b.phrase_begin = cps_[clause].begin, b.phrase_end = byte_at(after_previous);
        } else if (previous_entry_ && !per_head_between(after_previous, s.first) &&  // 增长12%，人均…1500元
                   (((ix_.change_lead.any_inside(byte_at(after_previous), s.q.begin) ||
                      new_compared_with_before(after_previous, s.first)) &&
                     change_of_previous(s)) ||
                    level_after_change(after_previous, s) || comparison_of_previous(after_previous, s))) {
            // "…241.8万元，同比增长12.5%": a clause that only states a change refers to the figure
            // before; so do "…提高0.3个百分点，达到2.1%" and "…突破1200亿元，达到1263.7亿元" (the level
            // reached) and "…1.2亿元，上年同期为
            // 1.5亿元" (the same figure a year earlier).
            // The group too: a share after the change ("…12.6亿元，同比增长10.2%，占GDP的比重14.6%")
            // is still the share of that figure's quantity.
            b.entry = previous_entry_, b.group = previous_group_, b.phrase = previous_phrase_, b.shared = true;
            b.phrase_begin = b.phrase_end = cps_[clause].begin;
            if (new_compared_with_before(after_previous, s.first)) b.stated.scope = "new";  // 比上年多新增5家
            if (const lexicon_entry* stock = stock_of_net_change(s, after_previous))
                b.entry = stock, b.group = other_scope_group_, b.phrase = other_scope_group_->phrase;
        }
        return b;
    }

    // "南江市新认定高新技术企业318家" in a province's summary: a phrase headed by a named region (a city
    // in a province's report, a county in a city's, a town in a county's) names that region's quantity,
    // not the report's, as a firm's does (named_firm_before). Heading it: the name opens the phrase's
    // clause or list item, with only 新, 累计, 全年, 共 or a colon between (东州市：技术合同成交额…); the
    // phrases after it up to the end of its sentence or a ； are the region's too (城关镇新认定…8家，新增
    // 入库…41家；白石镇…) (round 28).
    bool named_region_before(std::size_t phrase_first) {
        if (phrase_first < region_until_) return true;
        // the marker, asked of every bound phrase: the character before it ends a name or a word between
        static const char_set markers(U"市县区州旗镇乡道新计年共：:");  // one bitmap test, not 15 comparisons
        if (phrase_first < 3 || !markers.has(cps_[phrase_first - 1].c)) return false;
        std::size_t end = phrase_first;
        static constexpr std::u32string_view between[] = {U"新", U"累计", U"全年", U"共"};
        for (int words = 0; words < 2; ++words)  // 全年新认定…
            for (const std::u32string_view w : between)
                if (ends_with(cps_, end, w)) {
                    end -= w.size();
                    break;
                }
        if (end > 0 && one_of(cps_[end - 1].c, U"：:")) --end;
        if (end >= 3 && one_of(cps_[end - 1].c, U"市县区州旗镇乡道")) {  // the marker: asked first
            std::size_t clause = end - 1;
            while (clause > 0 && end - clause < 9 && !one_of(cps_[clause - 1].c, U"，,；;。！？!?\n：:")) --clause;
            std::size_t after = clause;
            list_marker(cps_, clause, after);
            if (region_name(after, end)) {
                region_until_ = region_stretch_end(phrase_first);
                return true;
            }
        }
        return false;
    }

    // Where a named region's stretch ends: at the end of its sentence or a ；, at a clause taken over
    // by the whole (城关镇新认定…8家，全县共新认定…36家: 全县, 我市, 本省 open the report's own clause;
    // another region's name heads its own, named_region_before asks that first), or at a line break
    // that ends its list item or paragraph: a blank line or a list marker after it (1.南江市…318家⏎⏎
    // 2.全省…612.4亿元; rdz28). Not at any other line break: a PDF wraps lines inside a sentence.
    std::size_t region_stretch_end(std::size_t k) const {
        for (; k < cps_.size() && !one_of(cps_[k].c, U"；;。！？!?"); ++k) {
            if (cps_[k].c == '\n' && item_ends_at_break(k)) break;
            if (one_of(cps_[k].c, U"，,") && k + 2 < cps_.size() && one_of(cps_[k + 1].c, U"全我本") &&
                one_of(cps_[k + 2].c, U"市县省区州旗镇乡"))
                break;
        }
        return k;
    }

    // The line break at code point k ends a list item or a paragraph: a blank line follows, or a list
    // marker (2., （二）, 三、) opens the next line.
    bool item_ends_at_break(std::size_t k) const {
        std::size_t next = k + 1;
        while (next < cps_.size() && one_of(cps_[next].c, U" \t\r")) ++next;
        if (next >= cps_.size() || cps_[next].c == '\n') return true;
        std::size_t after = next;
        return list_marker(cps_, next, after) != 0;
    }

    // Code points [after, end) name a region other than the report's own: ideographs ending in 市, 县,
    // 区, 州, 旗, 镇, 乡 or 街道, after a clause's or list item's start. 全市, 我县, 本区, 各市 are no names,
    // a zone (高新区, 开发区) is a zone report's subject, a level after a verb (新建市重点实验室, 力争全市…)
    // or a period (今年市本级…) is no name, and a name the report's head states (东湖区 in 东湖区科学技术局…)
    // is its own.
    bool region_name(std::size_t after, std::size_t end) const {
        if (end - after < 3 || end - after > 7 ||
            (after > 0 && !one_of(cps_[after - 1].c, U"，,；;。！？!?\n：:.、)）")))
            return false;
        if (cps_[end - 1].c == U'道' && cps_[end - 2].c != U'街') return false;
        if (starts_with(cps_, end, U"本级")) return false;  // 市本级, 县本级: the report's own budget
        for (std::size_t k = after; k < end; ++k)  // a name: ideographs, no time (今年市本级…, 上半年…)
            if (cps_[k].c < 0x4E00 || cps_[k].c > 0x9FFF || one_of(cps_[k].c, U"年月期")) return false;
        if (one_of(cps_[after].c, U"全我本该各每两三外省市县区在对与和向及从其") ||
            one_of(cps_[end - 2].c, U"全我本该各") ||
            (cps_[end - 1].c == U'区' && one_of(cps_[end - 2].c, U"新发开贸心园城市县辖片景社山地范验能聚业作税")) ||
            (cps_[end - 1].c == U'市' && one_of(cps_[end - 2].c, U"城超股上")) ||
            (one_of(cps_[end - 1].c, U"镇乡") && one_of(cps_[end - 2].c, U"城乡村")))
            return false;
        const distinctions stated = stated_distinctions(cps_, after, end);
        if (*stated.scope || *stated.stage || *stated.status) return false;
        const std::string_view name = text_.substr(byte_at(after), byte_at(end) - byte_at(after));
        // the head: the title and issuer's lines and the first sentence, before the name itself
        const std::string_view head = text_.substr(0, std::min({text_.find("。"), std::size_t{600}, byte_at(after)}));
        return head.find(name) == std::string_view::npos && !stem_in_head(head, name, end) &&
               !unnamed_issuers_name(name, end);
    }

    // 南江日报讯 …南江市: the head names the region's stem (the name without 市, 县, 区…) as a word of
    // its own, not as another region (南江市科技局 …南江区 is the city's district).
    bool stem_in_head(std::string_view head, std::string_view name, std::size_t end) const {
        const std::string_view stem = name.substr(0, name.size() - (byte_at(end) - cps_[end - 1].begin));
        if (stem.size() < 6) return false;  // two ideographs at least
        for (std::size_t k = head.find(stem); k != std::string_view::npos; k = head.find(stem, k + 1)) {
            const char32_t next = ideograph_from(k + stem.size());
            if (next && !one_of(next, U"省市县区州旗镇乡街")) return true;
        }
        return false;
    }

    // The head's characters are read from the text's bytes, never from the chunk's code points: the
    // head lies in the first chunk only, and the answer must not depend on where a chunk ends (rdz28).
    // The ideograph (U+4E00-9FFF, which decode() reads as itself) whose bytes start at `byte`; 0 if none.
    char32_t ideograph_from(std::size_t byte) const {
        if (byte + 3 > text_.size()) return 0;
        const auto* p = reinterpret_cast<const unsigned char*>(text_.data()) + byte;
        if ((p[0] & 0xF0) != 0xE0) return 0;  // not a lead byte of three (a continuation or another length)
        const char32_t c = utf8_code_point(p, 3);
        return c >= 0x4E00 && c <= 0x9FFF ? c : 0;
    }
    // The ideograph whose bytes end at `byte`; 0 if none.
    char32_t ideograph_before(std::size_t byte) const { return byte < 3 ? 0 : ideograph_from(byte - 3); }

    // A report whose head does not name its subject but speaks as one of its level (记者从市科技局获悉,
    // 在市委、市政府的领导下, 全区; 我局) states it by name in its first sentences: 南江市 there, or a
    // zone's 经开区 under 全区, is the report's own. Not when an issuer of that level is named before
    // (某市科技局: 南江市 is another city), nor for another level (全省…南江市).
    bool unnamed_issuers_name(std::string_view name, std::size_t end) const {
        std::size_t first_sentences = 0;
        for (int n = 0; n < 3 && first_sentences != std::string_view::npos; ++n)
            first_sentences = text_.find("。", first_sentences == 0 ? 0 : first_sentences + 1);
        // the first sentences only: a search of the whole text would cost a long report dearly
        const std::size_t limit = std::min(first_sentences, std::size_t{600});
        const std::size_t at = text_.substr(0, std::min(text_.size(), limit + name.size())).find(name);
        if (at == std::string_view::npos || at > limit) return false;
        const std::string_view before = text_.substr(0, at);
        const std::string level(text_.substr(cps_[end - 1].begin, byte_at(end) - cps_[end - 1].begin));
        bool speaks_as_level = false;
        for (const char* lead : {"全", "我", "本", "从"})
            speaks_as_level = speaks_as_level || before.find(lead + level) != std::string_view::npos;
        for (const char* tail : {"委", "政府"})
            speaks_as_level = speaks_as_level || before.find(level + tail) != std::string_view::npos;
        if (!speaks_as_level) return false;
        for (const char* office : {"科技局", "科学技术局", "科技厅", "科学技术厅", "人民政府"})
            for (std::size_t k = before.find(level + office); k != std::string_view::npos;
                 k = before.find(level + office, k + 1)) {
                const char32_t named = ideograph_before(k);
                if (named && !one_of(named, U"从我本全")) return false;  // 某市科技局: the issuer named
            }
        return true;
    }

    // A phrase headed by a kind of firm, a firm or a named region: theirs, not the report's whole.
    bool not_the_reports(const phrase_hit& hit, std::size_t hit_first, std::size_t clause) {
        return of_a_kind_of_firm(hit, byte_at(clause)) || named_firm_before(hit.begin) ||
               named_region_before(hit_first);
    }

    // "财政科技支出年初预算数为38,600万元，调整预算数为41,250万元": a budget is what was planned,
    // never the level of the quantity whose phrase comes before it (round 27; 预算执行率 is a phrase
    // of its own, and the words are looked for only after the phrase; only the budget as the
    // figure's label, 27b: 财政科技支出（一般公共预算）3.2亿元 is the spending). The phrase is
    // remembered for the execution after it (execution_of_budget, round 28).
    bool budget_labels(const phrase_hit& hit, const scanned& s) {
        if (!ix_.budget_words.any_inside(hit.end, s.q.begin)) return false;
        budget_group_ = hit.group, budget_end_ = s.q.end;
        return true;
    }

    // "执行数为36,480万元" after "财政科技支出年初预算数为38,600万元" in its sentence (no 其中 between:
    // 其中，科技创新券预算数…，执行数… are an item's): the execution of the phrase's budget, the quantity
    // itself, spent (round 28); `b` bound to it. The label opens the figure's clause: 执行数, 执行金额,
    // 实际执行, 实际支出, 决算数.
    bool execution_of_budget(const scanned& s, std::size_t clause, binding& b) const {
        if (!budget_group_ || budget_end_ > s.q.begin ||
            !(starts_with(cps_, clause, U"执行") || starts_with(cps_, clause, U"实际") ||
              starts_with(cps_, clause, U"决算")))
            return false;
        if (!(starts_with_any(cps_, clause, U"执行数", U"执行金额", U"执行额", U"实际执行", U"实际支出", U"决算数")))
            return false;
        if (starts_with_any(cps_, clause + 4, U"中") || starts_with_any(cps_, clause + 3, U"中"))
            return false;  // 实际支出中人员经费…: an item of the execution, not the execution
        // an item's execution under 其中 (in the sentence so far; a ； goes on with its list) is a part
        // whose variable nothing names. Not a line break: a wrapped text leaves them inside sentences.
        std::size_t sentence = clause;
        while (sentence > 0 && !one_of(cps_[sentence - 1].c, U"。！？!?")) --sentence;
        const std::string_view between = text_.substr(budget_end_, s.q.begin - budget_end_);
        for (const std::string_view stop : {"。", "！", "？", "；"})
            if (between.find(stop) != std::string_view::npos) return false;
        if (ix_.part_words.any_inside(byte_at(sentence), s.q.begin)) return false;
        const distinctions stated = stated_distinctions(cps_, clause, s.first);
        const lexicon_entry* entry = choose_entry(*budget_group_, stated);
        if (!entry) return false;
        b.stated = stated, b.entry = entry, b.group = budget_group_, b.phrase = budget_group_->phrase, b.shared = true;
        b.phrase_begin = b.phrase_end = cps_[clause].begin;
        return true;
    }

    // "其中高新技术企业研发费用26.1亿元", "科技型中小企业专利授权量": a phrase right after a phrase of
    // the lexicon naming a kind of firm (…企业; sharing its 企业: 企业研发费用) is that kind's
    // quantity, a part of the whole's, never the whole's variable. (全市企业研发费用: 企业 alone
    // names no kind.)
    bool of_a_kind_of_firm(const phrase_hit& hit, std::size_t from) const {
        constexpr std::string_view firm = "企业";
        // The kind ends with 企业 right before the phrase, or the phrase opens with the 企业 it shares:
        // asked first, as most phrases have neither, and the search below, which reaches back
        // before the figure's phrase, cost a binary search of the chunk's hits at every figure.
        const std::string_view own = hit.group->phrase;
        if (!(hit.begin >= firm.size() && is(text_.substr(hit.begin - firm.size(), firm.size()), "企业")) &&
            !is(own.substr(0, firm.size()), "企业"))
            return false;
        const phrase_hit* kind = ix_.phrases.closest(from, std::min(hit.end, hit.begin + firm.size()));
        const std::string_view kind_phrase = kind ? kind->group->phrase : std::string_view();
        if (!kind || kind->begin >= hit.begin || kind_phrase.size() < firm.size() ||
            kind_phrase.substr(kind_phrase.size() - firm.size()) != firm)
            return false;
        return kind->end == hit.begin || (kind->end == hit.begin + firm.size() && own.substr(0, firm.size()) == firm);
    }

    // "1.华芯微电子股份有限公司：上半年研发费用投入1.36亿元，…新获发明专利授权23件": a phrase after a
    // firm's name (公司, 集团) that heads it names that firm's quantity, not the report's — as a region's
    // figure is no total. Heading it: the name and a colon, the sentence's figures after it the firm's;
    // or the name opening the phrase's own clause (天启集团研发费用投入1.2亿元). A firm named in passing
    // (与华为技术有限公司签署协议，全市新增高新技术企业86家; 华芯公司入选，…) heads nothing, nor 公司
    // before a count (引进上市公司3家: firms counted) nor 公司化 (round 27, narrowed in 27b).
    bool named_firm_before(std::size_t phrase_begin) const {
        constexpr std::size_t reach = 300;  // bytes: a sentence of about a hundred characters
        const std::size_t end =
            ix_.firm_names.last_end_inside(phrase_begin > reach ? phrase_begin - reach : 0, phrase_begin);
        if (end == 0) return false;
        // a sentence's end between them; not a line break, which a wrapped text leaves inside sentences
        const std::string_view between = text_.substr(end, phrase_begin - end);
        for (const std::string_view stop : {"。", "！", "？", "；"})
            if (between.find(stop) != std::string_view::npos) return false;
        const char next = text_[end];
        if ((next >= '0' && next <= '9') || text_.compare(end, 3, "化") == 0) return false;
        const std::size_t name_end = code_point_at(end, 0, cps_.size());
        if (colon_at(cps_, name_end)) return true;
        const std::size_t phrase_first = code_point_at(phrase_begin, name_end, cps_.size());
        return firm_heads_its_clause(name_end) && !clause_mark_between(name_end, phrase_first);
    }

    // The firm's name ending at code point `name_end` opens its clause or list item (1.华芯公司…,
    // 2026年，天启集团…): nothing joins it to another subject before it (与…, 联合…, 对接…).
    bool firm_heads_its_clause(std::size_t name_end) const {
        std::size_t clause = name_end;
        while (clause > 0 && !one_of(cps_[clause - 1].c, U"，,；;。！？!?\n")) --clause;
        std::size_t after = clause;
        list_marker(cps_, clause, after);
        if (after >= name_end || one_of(cps_[after].c, U"与和同向对在据经由被及")) return false;
        const std::string_view name = text_.substr(byte_at(after), byte_at(name_end) - byte_at(after));
        if (names_the_report_itself(name)) return false;
        for (const std::string_view joining : {"与", "联合", "携手", "对接", "、"})
            if (name.find(joining) != std::string_view::npos) return false;
        return true;
    }

    // 本公司, 我集团 (after a date at most: 2025年本公司…) are the report's own entity, as 本县 is a
    // county's (trial33 01). Bare 公司, 集团 are so only in a report a firm issues (its head names the
    // firm): in a region's report (青山科技集团是全县龙头企业，集团研发投入5亿元) they are the firm just
    // named, another entity (review 33, f1).
    bool names_the_report_itself(std::string_view name) const {
        for (const std::string_view self : {"公司", "集团"}) {
            if (name.size() < self.size() || name.substr(name.size() - self.size()) != self) continue;
            std::string_view before = name.substr(0, name.size() - self.size());
            bool pronoun_said = false;
            for (const std::string_view pronoun : {"本", "我"})
                if (before.size() >= pronoun.size() && before.substr(before.size() - pronoun.size()) == pronoun)
                    before.remove_suffix(pronoun.size()), pronoun_said = true;
            return is_date_words(before) && (pronoun_said || head_names_a_firm());
        }
        return false;
    }
    // The report's head names a firm as the issuer: one of its first three lines standing alone as a
    // title or issuer's line (no 。 or ，, 200 bytes at most) names one ending in 公司, 集团 or 股份
    // (江南精密机械股份有限公司2025年度科技创新报告), no government office (科技局, 人民政府…) before it.
    // A text opening with a sentence has no such head. Read once, from the text's bytes (rdz28).
    bool head_names_a_firm() const {
        if (head_names_a_firm_ < 0) head_names_a_firm_ = firm_in_head() ? 1 : 0;
        return head_names_a_firm_ == 1;
    }
    bool firm_in_head() const {
        std::size_t from = 0;
        for (int lines = 0; lines < 3 && from < text_.size(); ++lines) {
            const std::size_t end = std::min(text_.find('\n', from), text_.size());
            const std::string_view line = text_.substr(from, end - from);
            if (line.size() > 200 || line.find("。") != std::string_view::npos ||
                line.find("，") != std::string_view::npos)
                return false;
            if (firm_in_line(line, from)) return true;
            from = end + 1;
        }
        return false;
    }
    // `line` starts at byte `from` of the text.
    bool firm_in_line(std::string_view line, std::size_t from) const {
        for (const std::string_view office : {"局", "厅", "政府", "委员会", "管委会", "办公室"})
            line = line.substr(0, line.find(office));
        for (const std::string_view firm : {"公司", "集团", "股份"})
            for (std::size_t k = line.find(firm); k != std::string_view::npos; k = line.find(firm, k + 1)) {
                const char32_t before = ideograph_before(from + k);
                if (before && !one_of(before, U"本我该各年月子的市")) return true;
            }
        return false;
    }
    // Only digits and the words of a date (2025年, 上半年, 前三季度, 1-9月): no name.
    static bool is_date_words(std::string_view text) {
        constexpr std::string_view date_words[] = {"年", "月", "上", "下", "半", "前", "季", "度", "一", "二",
                                                   "三", "四", "第", "底", "末", "-",  "－", "至", "以", "来"};
        while (!text.empty()) {
            if (text[0] >= '0' && text[0] <= '9') {
                text.remove_prefix(1);
                continue;
            }
            bool known = false;
            for (const std::string_view w : date_words)
                if (text.substr(0, w.size()) == w) {
                    text.remove_prefix(w.size()), known = true;
                    break;
                }
            if (!known) return false;
        }
        return true;
    }

    bool clause_mark_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k < to; ++k)
            if (one_of(cps_[k].c, U"，,；;、。！？:：")) return true;
        return false;
    }

    // 每万人口, 每万人, 万人 (not after a digit: 1.2万人) right before code point k.
    // (The words as literals: a list of u32string_view counted their characters at every figure.)
    bool per_ten_thousand_before(std::size_t k) const {
        const auto no_digit_before = [&](std::size_t n) { return k == n || !is_digit(cps_[k - n - 1].c); };
        if (ends_with(cps_, k, U"万人口")) return no_digit_before(3);
        if (ends_with(cps_, k, U"万人") || ends_with(cps_, k, U"万名")) return no_digit_before(2);
        return false;
    }

    // 人均, 户均, 企均, 家均 (per person, household, firm) right before code point k.
    bool per_head_before(std::size_t k) const {
        return k >= 2 && cps_[k - 1].c == U'均' && one_of(cps_[k - 2].c, U"人户企家");
    }
    // One of them between code points from and to (a phrase's end and its figure).
    bool per_head_between(std::size_t from, std::size_t to) const {
        for (std::size_t k = from + 2; k <= to; ++k)
            if (per_head_before(k)) return true;
        return false;
    }

    // Every 、 between `from` and `to` (code points; at least one) stands between two levels of
    // government (国家、省、市科技项目; 省级、市级研发中心): the list modifies the noun after it, whose
    // phrase binds the figure as if no list were there. A level word before 、 ends the text before
    // it; one after 、 opens the text after it (not 市场, 区域, 部门…).
    bool levels_only(std::size_t from, std::size_t to) const {
        static constexpr std::u32string_view words[] = {U"国家级", U"省部级", U"国家", U"省级", U"市级", U"县级",
                                                        U"区级",   U"中央",   U"省",   U"市",   U"县",   U"区"};
        bool any = false;
        for (std::size_t k = from; k < to; ++k) {
            if (cps_[k].c != U'、') continue;
            const auto before = [&](std::u32string_view w) { return k - from >= w.size() && ends_with(cps_, k, w); };
            const auto after = [&](std::u32string_view w) {
                const std::size_t e = k + 1 + w.size();
                return e < to && starts_with(cps_, k + 1, w) &&
                       !(w.size() == 1 && one_of(cps_[e].c, U"场域部委政长民属直内外"));
            };
            if (std::none_of(std::begin(words), std::end(words), before) ||
                std::none_of(std::begin(words), std::end(words), after))
                return false;
            any = true;
        }
        return any;
    }

    // The end of [from, end) without the count words and verbs between a noun and its figure (共,
    // 合计, 总数, 达到, 为…; 总数 too: A、B总数达到58家 counts both), at least one code point left.
    // After each cut the longest words are tried first again: 合计达到 loses 达到, then 合计, not 计.
    std::size_t without_count_words(std::size_t from, std::size_t end) const {
        static constexpr std::u32string_view words[] = {U"合计", U"共计", U"总计", U"累计", U"总数", U"总量",
                                                        U"达到", U"共",   U"计",   U"达",   U"为",   U"约"};
        for (bool cut = true; cut;) {
            cut = false;
            for (std::u32string_view w : words)
                if (end - from > w.size() && ends_with(cps_, end, w)) {
                    end -= w.size(), cut = true;
                    break;
                }
        }
        return end;
    }

    // "科技型中小企业和高新技术企业共58家": a count after two phrases joined by 和/及/与, with nothing but
    // count words or a verb between the last phrase and the figure, counts both (as after 、:
    // enumerated_count), not the last phrase's.
    bool joined_count(const phrase_hit& hit, std::size_t hit_first, std::size_t from, const scanned& s) const {
        if (hit_first <= from + 1 || !one_of(cps_[hit_first - 1].c, U"和及与")) return false;
        std::size_t hit_last = hit_first;  // the code point after the phrase
        while (hit_last < s.first && byte_at(hit_last) < hit.end) ++hit_last;
        const std::size_t words_end = without_count_words(hit_last - 1, s.first);
        if (words_end != hit_last || words_end == s.first) return false;
        const phrase_hit* other = ix_.phrases.closest(byte_at(from), byte_at(hit_first - 1));
        return other && other->end == byte_at(hit_first - 1);
    }

    // "引进高层次人才、急需紧缺人才27名", "引进博士、硕士等各类人才27名": a count after an enumeration
    // (items split at 、, after the previous figure of the clause) counts all its items, so it is
    // the enumerating noun's: the noun after 等, else the tail the items share (人才, 企业: two code
    // points at least). With a word of the first item before it (the verb: 引进) it names the
    // variable when the lexicon has that phrase (引进人才, 引进各类人才); else the figure has no
    // variable — never the last item's (科技型中小企业、高新技术企业共15家 is not 15 high-tech firms).
    // False, `b` untouched, when the text before the figure is no such enumeration (an item empty,
    // holding a digit, or no shared tail and no 等): the phrase before it decides as usual.
    bool enumerated_count(const scanned& s, std::size_t from, binding& b) const {
        if (!ix_.enumeration.any_inside(byte_at(from), s.q.begin)) return false;
        std::vector<std::pair<std::size_t, std::size_t>> items;  // code points [begin, end)
        std::size_t item = from, etc = 0;                        // 等 of the last item (0: none)
        for (std::size_t k = from; k < s.first; ++k) {
            const char32_t c = cps_[k].c;
            if (is_digit(c) || clause_end(c)) return false;
            if (c == U'、') items.emplace_back(item, k), item = k + 1, etc = 0;
            if (c == U'等' && k + 1 < s.first && cps_[k + 1].c != U'等' && k > item) etc = k;
        }
        const std::size_t last_end = without_count_words(item, s.first);
        if (etc) items.emplace_back(item, etc), item = etc + 1;
        items.emplace_back(item, last_end);
        // A list number (一、, the heading this clause opens with) is no item.
        if (!items.empty() && std::all_of(&cps_[items[0].first], &cps_[0] + items[0].second,
                                          [](const code_point& cp) { return chinese_digit(cp.c) >= 0; }))
            items.erase(items.begin());
        if (items.size() < 2) return false;
        for (const auto& [i, e] : items)
            if (e <= i) return false;
        std::size_t tail = 0;  // code points of the enumerating noun, the last item's end
        if (etc) {
            tail = items.back().second - items.back().first;
            if (tail < 2) return false;  // 一等奖、二等奖: 等 of a word, no noun after it
        } else {
            const auto shared = [&](std::size_t n) {  // the n-th code point from each item's end is one
                for (const auto& [i, e] : items)
                    if (e - i < n || cps_[e - n].c != cps_[items.back().second - n].c) return false;
                return true;
            };
            while (shared(tail + 1)) ++tail;
            if (tail < 2) {
                // 研发平台、孵化器共5家: the last item is a phrase of its own, listed beside another
                // noun; the figure counts both, none of them (围绕新能源、新材料产业新增高新技术企业9家:
                // the phrase follows a verb of the last item, whose figure it is).
                const phrase_hit* own = ix_.phrases.closest(byte_at(items.back().first), byte_at(s.first));
                if (!own || own->begin != byte_at(items.back().first) || own->end != byte_at(items.back().second))
                    return false;
                b = binding{};
                b.phrase_begin = b.phrase_end = byte_at(from);
                return true;
            }
        }
        const std::size_t noun_first = items.back().second - tail;
        const std::size_t first = items.front().first, words = items.front().second - (etc ? 0 : tail) - first;
        b = binding{};
        b.phrase_begin = byte_at(first), b.phrase_end = byte_at(items.back().second);
        // 农业、工业等各类科技项目: the kinds listed are what 各类 says, so the noun without it is theirs
        // too (申报 + 科技项目) when the lexicon has no phrase with it
        const bool each_kind =
            etc && tail >= 4 && (starts_with(cps_, noun_first, U"各类") || starts_with(cps_, noun_first, U"各项"));
        if (!enumerating_phrase(s, from, first, words, slice(text_, cps_, noun_first, items.back().second), etc, b) &&
            each_kind)
            enumerating_phrase(s, from, first, words, slice(text_, cps_, noun_first + 2, items.back().second), etc, b);
        return true;
    }

    // enumerated_count's phrase: words of the first item (`words` code points from `first`) and the
    // enumerating noun; the longest words first: 引进高层次人才 → 引进 + 人才 before 人才 alone; the
    // first item itself (all its words) names that item only. False, `b` untouched, when none is a phrase.
    bool enumerating_phrase(const scanned& s, std::size_t from, std::size_t first, std::size_t words,
                            const std::string& noun, std::size_t etc, binding& b) const {
        for (std::size_t length = etc || words == 0 ? words : words - 1;; --length) {
            for (std::size_t at = first; at + length <= first + words; ++at) {
                // 科技型中小 + 企业 is the first item's own phrase, not the enumerating noun's
                if (!etc && length > 0 && at + length == first + words) continue;
                const phrase_entries* group = ix_.phrases.find(slice(text_, cps_, at, at + length) + noun);
                if (!group) continue;
                b.stated = stated_distinctions(cps_, from, s.first);
                b.entry = choose_entry(*group, b.stated), b.group = group, b.phrase = group->phrase;
                b.shared = b.entry != nullptr;
                if (!b.entry) b.group = nullptr, b.phrase = {};
                return true;
            }
            if (length == 0) break;
        }
        return false;
    }

    // "新认定高新技术企业23家、科技型中小企业156家，分别比上年增加5家和31家": the levels listed before
    // (a run of figures joined by 、/和/与/及, no clause between) are the members the changes after 分别
    // take in order, each the change of its member's variable. Two members and three changes pair
    // nothing: no variable and a finding (any pairing would be a guess). False when no such list.
    bool paired_with_levels(const scanned& s, std::size_t clause, std::size_t clause_stop, binding& b) {
        // asked of the index only after a run of levels ending in an earlier clause, no other figure since
        if (levels_.size() < 2 || levels_.back().end > clause ||
            (previous_end_ != levels_.back().end && previous_end_ != paired_end_))
            return false;
        const std::size_t at = ix_.respectively.last_end_inside(byte_at(clause), s.q.begin);
        if (at == 0 || ix_.sentence_ends.any_inside(byte_at(levels_.back().end), s.q.begin)) return false;
        const std::size_t word = code_point_at(at, clause, s.first) - 2;  // 分别 starts here
        const bool groups_quantity = !only_comparison_words(clause, word);
        if (groups_quantity ? !quantity_of_listed_groups(clause, word)
                            : !ix_.change_words.any_inside(byte_at(clause), s.q.begin))
            return false;
        if (at != paired_at_) paired_at_ = at, paired_count_ = 0;
        const std::size_t index = paired_count_++;
        paired_end_ = s.last;
        if (groups_quantity) {  // the groups' R&D or revenue: no quantity of the report's whole
            pairing_ = pairing::of_groups;
            b = no_binding(clause);
            return true;
        }
        if (figures_listed(word + 2, clause_stop) != levels_.size()) {
            pairing_ = pairing::mismatched;
            b = no_binding(clause);
            return true;
        }
        if (index >= levels_.size() || !levels_[index].entry) return false;
        pairing_ = pairing::paired;
        b.entry = levels_[index].entry, b.group = levels_[index].group, b.phrase = levels_[index].phrase;
        b.phrase_begin = b.phrase_end = byte_at(clause);  // the change words anywhere in the clause are its
        return true;
    }

    // "高新技术企业230家、科技型中小企业1560家，研发经费投入分别增长15%和8%" (营业收入分别…, 研发投入分别为
    // 12亿元和3亿元): a noun alone before the 分别 after listed levels names a quantity of each listed
    // group — the high-tech firms' R&D, not the region's, and never a change of a firm count. The
    // catalogue has no variable per group: no variable and a finding. Not when the words before 分别
    // list quantities of their own (A和B分别…: respective_phrase), nor when they name the groups' count
    // itself (两类企业数量分别增长…: the levels' changes, as only_comparison_words pairs them).
    bool quantity_of_listed_groups(std::size_t from, std::size_t to) const {
        std::size_t noun = 0;
        for (std::size_t k = from; k < to; ++k) {
            if (one_of(cps_[k].c, U"和与及、")) return false;
            noun += is_ideograph(cps_[k].c);
        }
        if (noun < 2) return false;
        for (const std::u32string_view w : {U"数量", U"总数", U"家数", U"个数", U"企业数", U"总量", U"规模"})
            if (ends_with(cps_, to, w)) return false;
        return true;
    }

    // What may stand before a 分别 that pairs with the levels listed before its clause: nothing but
    // words of comparison (比上年, 同比, 两者均…). A noun there is the 分别's own subject
    // (研发经费投入分别增长15%和8%, 其中制造业企业分别…, 全省分别…), a list there its own (respective_phrase).
    bool only_comparison_words(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k < to;) {
            if (is_blank(cps_[k].c)) {
                ++k;
                continue;
            }
            std::size_t matched = 0;
            for (const std::u32string_view w : {U"比上年同期", U"较上年同期", U"比去年同期", U"较去年同期", U"比上年末",
                                                U"较上年末", U"比上年", U"较上年", U"比去年", U"较去年", U"与上年相比",
                                                U"同比", U"环比", U"两者", U"二者", U"均", U"也", U"则"})
                if (starts_with(cps_, k, w)) {
                    matched = w.size();
                    break;
                }
            if (matched == 0) return false;
            k += matched;
        }
        return true;
    }

    // "计划新增高新技术企业10家，实际完成12家" (目标…，已完成…; 全年任务…，上半年完成…): a clause that
    // only says what was done (实际/已/完成, after a period at most) in the measure word of the plan's
    // figure just before it, in its sentence, states the planned quantity as done: the plan's
    // variable, an actual. Any other word in between (a noun of its own) leaves it unbound.
    bool done_of_plan(const scanned& s, std::size_t clause, binding& b) const {
        if (!previous_target_ || !previous_entry_ || previous_end_ == 0 || previous_end_ > clause || s.q.unit.empty() ||
            s.q.unit != previous_unit_ || ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return false;
        // 计划新增A10家、B50家，实际完成12家和60家: a plan of listed figures, or done figures listed, pair
        // with no one plan's figure (the 12 is A's or the total's): left unbound
        if (levels_.size() != 1 || levels_.back().end != previous_end_ ||
            (s.last < cps_.size() && one_of(cps_[s.last].c, U"和与及、")))
            return false;
        std::size_t k = clause;
        period_state scratch;
        k += period_at(cps_, k, scratch);
        bool done = false;
        for (const std::u32string_view w : {U"实际", U"已经", U"已", U"完成", U"实现", U"达到", U"了"})
            if (starts_with(cps_, k, w)) {
                done = done || w == U"实际" || w == U"已经" || w == U"已" || w == U"完成";
                k += w.size();
            }
        if (!done || k != s.first) return false;
        b.entry = previous_entry_, b.group = previous_group_, b.phrase = previous_phrase_;
        b.phrase_begin = b.phrase_end = byte_at(k);
        return true;
    }

    // "2023年和2024年全市发明专利授权量分别达到1200件、1500件": the 、 after 分别 joins the figures of its
    // list, each the quantity of the phrase before 分别 (of its own period: respectively_list_at), not
    // an enumeration of other things. Only when the words before 分别 in the clause list nothing but
    // periods (a list of quantities or of areas there is respective_phrase's, or unclear) and every 、
    // between 分别 and the figure follows a figure of the list.
    bool listed_after_respectively(const phrase_hit& hit, std::size_t clause, const scanned& s) const {
        const std::size_t at = ix_.respectively.last_end_inside(hit.end, s.q.begin);
        if (at == 0 || ix_.enumeration.any_inside(hit.end, at)) return false;
        const std::size_t word = code_point_at(at, clause, s.first) - 2;  // 分别 starts here
        std::size_t k = clause;
        while (k < word && (is_digit(cps_[k].c) || one_of(cps_[k].c, U"年度、和及与"))) ++k;  // 2023年和2024年
        for (; k < word; ++k)
            if (one_of(cps_[k].c, U"、和及与")) return false;
        bool figure = false;
        for (k = word + 2; k < s.first; ++k) {
            if (cps_[k].c == U'等') return false;
            if (cps_[k].c == U'、' && !figure) return false;
            figure = cps_[k].c == U'、' ? false : figure || is_digit(cps_[k].c);
        }
        return true;
    }

    // The figures a 分别 lists from code point `from` to the clause's end: the items split at 和/与/及/、
    // that hold a digit.
    std::size_t figures_listed(std::size_t from, std::size_t to) const {
        std::size_t count = 0;
        bool digit = false;
        for (std::size_t k = from; k <= to && k <= cps_.size(); ++k) {
            if (k == to || k == cps_.size() || one_of(cps_[k].c, U"和与及、")) {
                count += digit, digit = false;
                continue;
            }
            digit = digit || is_digit(cps_[k].c) || chinese_digit(cps_[k].c) >= 0;
        }
        return count;
    }

    // The run of levels paired_with_levels() pairs with: a figure stated as a level with a variable
    // joins the run when only 、/和/与/及 and words lie between it and the previous one (no clause);
    // any other figure ends it. The changes paired with the run leave it as it is.
    void note_level(const scanned& s, const fact_naming& n) {
        if (pairing_ != pairing::none) return;
        if (!n.entry || (n.flags & bit(fact_flag::change))) {  // a member with no variable leaves no run to pair with
            levels_.clear();
            return;
        }
        // an item of a list is a few words (、规模以上工业企业研发经费投入): a longer gap is read no further
        constexpr std::size_t longest_item = 30;
        bool joined = !levels_.empty() && levels_.back().end == previous_end_ && previous_end_ != 0 &&
                      s.first - previous_end_ <= longest_item;
        bool listed = false;
        for (std::size_t k = previous_end_; joined && k < s.first; ++k)
            if (clause_end(cps_[k].c) || one_of(cps_[k].c, U"。：:"))
                joined = false;
            else
                listed = listed || one_of(cps_[k].c, U"和与及、");
        if (!joined || !listed) levels_.clear();
        levels_.push_back({n.entry, last_group_, n.phrase, s.last});
    }

    // "A和B分别为x和y": the n-th figure after 分别 in its clause names the n-th listed quantity (split
    // at 和/与/及/、); a listed part that is no phrase of the lexicon borrows the head of the one
    // before it (专利申请量和授权量: 专利 + 授权量). nullptr when the list does not say.
    const phrase_entries* respective_phrase(const scanned& s, std::size_t clause) {
        listed_stated_ = {};
        // "分别为18,620件和9,874件": a thousands separator ends no clause of the list (the clause
        // cursor stops at every ASCII comma)
        while (clause >= 2 && clause < cps_.size() && cps_[clause - 1].c == ',' && is_digit(cps_[clause - 2].c) &&
               is_digit(cps_[clause].c)) {
            --clause;
            while (clause > 0 && !clause_end(cps_[clause - 1].c)) --clause;
        }
        const std::size_t at = ix_.respectively.last_end_inside(byte_at(clause), s.q.begin);
        if (at == 0) return nullptr;
        if (at != respectively_end_) respectively_end_ = at, respectively_count_ = 0;
        const std::size_t index = respectively_count_++;
        const std::size_t word = code_point_at(at, clause, s.first) - 2;  // 分别 starts here
        std::vector<std::pair<std::size_t, std::size_t>> items;           // code points
        std::size_t from = clause;
        for (std::size_t k = clause; k <= word; ++k)
            if (k == word || one_of(cps_[k].c, U"和与及、")) {
                if (k > from) items.emplace_back(from, k);
                from = k + 1;
            }
        if (items.size() < 2) return listed_before(index, s);  // 同比分别增长12.1%和18.4%
        if (index >= items.size()) return nullptr;
        if (index == 0) listed_.clear(), listed_at_ = at;
        std::string head;  // the previous listed phrase
        const phrase_entries* found = nullptr;
        distinctions lead;  // the first item's words before its phrase: 新增 of 新增A、B分别为x、y is both's
        // so are the words after 分别 (A和B分别新增x和y, 分别认定…, 分别达到…), up to the first figure
        std::size_t after_end = word + 2;
        while (after_end < s.first && !is_digit(cps_[after_end].c) && chinese_digit(cps_[after_end].c) < 0) ++after_end;
        const distinctions after = stated_distinctions(cps_, word + 2, after_end);
        for (std::size_t i = 0; i <= index; ++i) {
            const auto [b, e] = items[i];
            const phrase_hit* hit = ix_.phrases.closest(byte_at(b), byte_at(e));
            if (i == 0 || i == index) {
                const std::size_t words_end = hit && hit->begin >= byte_at(b) ? code_point_at(hit->begin, b, e) : b;
                const distinctions own = stated_distinctions(cps_, b, words_end);
                if (i == 0) lead = own;
                const auto said = [&](stated_word distinctions::*field) {
                    return *(own.*field) ? own.*field : *(after.*field) ? after.*field : lead.*field;
                };
                listed_stated_ = {said(&distinctions::status), said(&distinctions::stage), said(&distinctions::scope)};
            }
            found = hit && hit->end == byte_at(e) ? hit->group : nullptr;
            if (!found && !head.empty()) {
                const std::string part = slice(text_, cps_, b, e);
                // the longest head of the previous phrase that makes a phrase with this part
                for (std::size_t cut = head.size(); cut > 0 && !found; --cut)
                    if ((static_cast<unsigned char>(head[cut]) & 0xC0) != 0x80 || cut == head.size())
                        found = ix_.phrases.find(head.substr(0, cut) + part);
            }
            // "R&D经费投入和财政科技支出": a phrase inside the item, words of its own after it, still
            // names that item (never the next item's, which the closest phrase before the figure is)
            if (!found && hit && hit->begin >= byte_at(b)) found = hit->group;
            if (!found) return nullptr;
            head = std::string(found->phrase);
        }
        if (listed_at_ == at && listed_.size() == index) listed_.push_back(found);
        return found;
    }

    // "高新技术企业和科技型中小企业分别达到1286家和2130家，同比分别增长12.1%和18.4%": a 分别 with no
    // list of its own in its clause goes on with the list the sentence's 分别 before it named, in
    // its order (12.1% is the high-tech firms', never the change of the figure just before it).
    const phrase_entries* listed_before(std::size_t index, const scanned& s) const {
        if (listed_.size() < 2 || index >= listed_.size() ||
            !ix_.change_words.any_inside(respectively_end_, s.q.begin) ||
            ix_.sentence_ends.any_inside(listed_at_, s.q.begin))
            return nullptr;
        return listed_[index];
    }

    // A word of follow_phrases between the previous figure (of its sentence) and this one, listed by
    // an entry that follows the previous figure's, or by the previous figure's own entry (科技型中小企业入库128家，
    // 1-3月累计入库356家: the same firms registered, over the span to date; round 37): its hit, nullptr otherwise.
    const phrase_hit* follower_of_previous(const scanned& s, std::size_t after_previous) const {
        const lexicon_entry* before = followed_entry();
        if (!before || previous_end_ == 0 || ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return nullptr;
        const phrase_hit* hit = ix_.follow.closest(byte_at(after_previous), s.q.begin);
        if (!hit || ix_.enumeration.any_inside(hit->end, s.q.begin)) return nullptr;
        // its own entry's only after a scope word right before it (累计入库, 新增入库): 其中技术开发合同成交额 is a
        // kind's value, never the total's
        const std::size_t first = first_of(*hit, after_previous, s.first);
        const bool scoped = ends_with(cps_, first, U"累计") || ends_with(cps_, first, U"新增");
        const auto follows = [&](const lexicon_entry* e) {
            return e->follows == before->variable || (scoped && e == before);
        };
        return std::any_of(hit->group->entries.begin(), hit->group->entries.end(), follows) ? hit : nullptr;
    }

    // The entry a follow phrase may follow: the previous figure's, or the one its phrase named when
    // its measure word did not fit (研发费用加计扣除企业12家，减免税额860万元: the firms claiming the
    // deduction, then the tax it saved).
    const lexicon_entry* followed_entry() const {
        if (previous_entry_) return previous_entry_;
        return mismatched_entry_ && previous_end_ == mismatched_end_ ? mismatched_entry_ : nullptr;
    }

    // A change after a figure refers to it only in its sentence and with no phrase of the lexicon
    // between ("…000家。全县R&D经费支出.35亿元，同比增长8.6%": the level of the change was lost; the
    // change is not the previous sentence's).
    bool change_of_previous(const scanned& s) const {
        if (previous_end_ == 0) return false;
        const std::size_t previous = byte_at(previous_end_);
        // "436家企业通过科技型中小企业评价入库，较上年增加58家": the phrase after the figure before,
        // which named it, stands between them and is no other quantity's
        const std::size_t from = std::max(previous, previous_following_end_);
        return !ix_.sentence_ends.any_inside(previous, s.q.begin) &&
               (from >= s.q.begin || !ix_.phrases.closest(from, s.q.begin));
    }

    // "累计认定高新技术企业312家": the words stated agree with no entry of the phrase (认定… is the
    // flow, 累计 says the stock); the longest tail of it that is a phrase with an entry that agrees
    // (高新技术企业: hnte_total) names the figure. `b` untouched when there is none.
    void tail_entry(binding& b) const {
        each_tail_phrase(b.group->phrase, 1, [&](const phrase_entries& group) {
            const lexicon_entry* e = choose_entry(group, b.stated);
            if (e) b.entry = e, b.group = &group, b.phrase = group.phrase;
            return e != nullptr;
        });
    }

    // The phrases of the lexicon that `phrase` ends with, from its byte `from` on, longest first
    // (新认定高新技术企业 → 高新技术企业 → …): `take` each until it returns true.
    template <class Take>
    void each_tail_phrase(std::string_view phrase, std::size_t from, Take take) const {
        for (std::size_t cut = from; cut < phrase.size(); ++cut) {
            if ((static_cast<unsigned char>(phrase[cut]) & 0xC0) == 0x80) continue;
            const phrase_entries* group = ix_.phrases.find(phrase.substr(cut));
            if (group && take(*group)) return;
        }
    }

    // The entry of the previous figure's phrase (in its sentence) that a status word in this
    // figure's clause names when it is not the previous figure's status (应… then 已…): nullptr otherwise.
    const lexicon_entry* other_status_of_previous(const scanned& s, std::size_t after_previous) const {
        if (!previous_group_ || !previous_entry_ || previous_entry_->status.empty() || previous_end_ == 0 ||
            ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return nullptr;
        distinctions d = stated_distinctions(cps_, after_previous, s.first);
        if (!*d.status || previous_entry_->status == d.status) return nullptr;
        d.stage = previous_entry_->stage, d.scope = previous_entry_->scope;
        const lexicon_entry* e = choose_entry(*previous_group_, d);
        return e && e->status == d.status && unit_flag(s.q.unit, e->unit) == 0 ? e : nullptr;
    }

    // The entry of the previous figure's phrase that a scope word in this figure's clause names,
    // when it is not the previous figure's own (or the previous figure is its change): nullptr otherwise.
    const lexicon_entry* other_scope_of_previous(const scanned& s, std::size_t after_previous) const {
        if (!previous_group_ || !previous_entry_ || previous_end_ == 0 ||
            ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return nullptr;
        const distinctions d = stated_distinctions(cps_, after_previous, s.first);
        if (!*d.scope) return nullptr;
        // "高新技术企业净增218家、总数突破1500家": the level of the stock whose change came before.
        if (previous_entry_->scope == d.scope)
            return previous_change_ ? (other_scope_group_ = previous_group_, previous_entry_) : nullptr;
        return previous_entry_of_scope(d);
    }

    // The entry of the previous figure's phrase, or of its tails (新认定高新技术企业 → 高新技术企业, the
    // phrase the stock shares), in the scope `d` states and not the previous figure's own (its group in
    // other_scope_group_); nullptr when none.
    const lexicon_entry* previous_entry_of_scope(const distinctions& d) const {
        const lexicon_entry* found = nullptr;
        each_tail_phrase(previous_group_->phrase, 0, [&](const phrase_entries& group) {
            if (group.entries.size() < 2) return false;
            const lexicon_entry* e = choose_entry(group, d);
            if (!e || e == previous_entry_ || e->scope != d.scope) return false;
            other_scope_group_ = &group, found = e;
            return true;
        });
        return found;
    }

    // "新增高新技术企业12家，净增8家": 净增/净减 (the new less those that left) after a figure of the new
    // ones is a change of their stock, the entry of the same phrase in the cumulative scope.
    const lexicon_entry* stock_of_net_change(const scanned& s, std::size_t after_previous) const {
        if (!previous_group_ || !previous_entry_ || !is(previous_entry_->scope, "new")) return nullptr;
        const std::size_t from = byte_at(after_previous);
        if (from >= s.q.begin) return nullptr;
        const std::string_view between = text_.substr(from, s.q.begin - from);
        if (between.find("净增") == std::string_view::npos && between.find("净减") == std::string_view::npos)
            return nullptr;
        distinctions d;
        d.stage = previous_entry_->stage, d.scope = "cumulative";
        return previous_entry_of_scope(d);
    }

    // "应拨付配套资金35.5万元，已拨付资金180万元": a phrase that only names the payment (拨付资金)
    // after, in the same sentence, a figure of a named kind of funds (entries told apart by their
    // status, due or paid) is about those funds.
    bool payment_of_previous(const scanned& s, const phrase_entries& group) const {
        const bool payment_only = group.phrase.rfind("拨付", 0) == 0 || group.phrase.rfind("兑付", 0) == 0 ||
                                  group.phrase.rfind("兑现", 0) == 0;
        const auto paid_or_due = [](const lexicon_entry* e) { return !e->status.empty(); };
        // 兑现率 names a rate of its own, never the funds before it
        const auto a_rate = [](const lexicon_entry* e) { return is(e->unit, "%") || is(e->unit, "‰"); };
        return payment_only && std::none_of(group.entries.begin(), group.entries.end(), a_rate) && previous_group_ &&
               previous_group_ != &group && previous_end_ != 0 &&
               std::any_of(previous_group_->entries.begin(), previous_group_->entries.end(), paid_or_due) &&
               !ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin);
    }

    // A figure in % or ‰ (not a change) bound to a count or an amount with a rate or share word
    // between ("立项率34.3%", "占GDP的比重达到14.6%") is not that count or amount: it is the share
    // the lexicon names "<the previous figure's phrase>占<this phrase>…", or nothing.
    void bind_share(const scanned& s, binding& b, std::size_t from) const {
        const auto is_share_unit = [](std::string_view u) { return u == "%" || u == "‰"; };
        if (!b.entry || !is_share_unit(s.q.unit) || is_share_unit(b.entry->unit)) return;
        const std::size_t words = std::min(from, b.phrase_begin);
        // "与地区生产总值之比为2.35%", "相当于GDP的2.35%": a ratio to it of the quantity before, as 占 says
        const auto ratio = [&] {
            const std::string_view between = text_.substr(words, s.q.begin - words);
            return between.find("之比") != std::string_view::npos || between.find("相当于") != std::string_view::npos;
        };
        if (!ix_.share_words.any_inside(words, s.q.begin) && !ratio()) return;
        const lexicon_entry* denominator = b.entry;
        b.entry = nullptr, b.group = nullptr;
        if (!previous_group_ || b.shared || previous_end_ == 0 ||
            ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin))
            return;
        const std::string share = std::string(previous_group_->phrase) + "占" + std::string(b.phrase);
        for (const lexicon_entry& e : ix_.words)
            if (is_share_unit(e.unit))
                for (const std::string& p : e.phrases)
                    if (p.rfind(share, 0) == 0) {
                        b.entry = &e, b.phrase = p, b.shared = true;
                        return;
                    }
        share_of_synonyms(denominator, b);
    }

    // bind_share's share stated with other phrases of the same two entries than the lexicon's ("研发投入
    // 1286.5亿元，相当于GDP的2.35%": 研发经费投入占地区生产总值 is rd_intensity's): a share entry's phrase
    // "<a phrase of the previous figure's entry>占<a phrase of the denominator's entry>…". Asked only
    // when the words as written name none.
    void share_of_synonyms(const lexicon_entry* denominator, binding& b) const {
        if (!previous_entry_ || !denominator) return;
        const auto one_of_phrases = [](const lexicon_entry* e, std::string_view text, bool prefix) {
            return std::any_of(e->phrases.begin(), e->phrases.end(), [&](const std::string& p) {
                return prefix ? text.substr(0, p.size()) == p : text == p;
            });
        };
        for (const lexicon_entry& e : ix_.words) {
            if (e.unit != "%" && e.unit != "‰") continue;
            for (const std::string& p : e.phrases) {
                const std::size_t of = p.find("占");
                if (of == std::string::npos ||
                    !one_of_phrases(previous_entry_, std::string_view(p).substr(0, of), false) ||
                    !one_of_phrases(denominator, std::string_view(p).substr(of + 3), true))
                    continue;
                b.entry = &e, b.phrase = p, b.shared = true;
                return;
            }
        }
    }

    // 达到 / 提高到… before a figure (from code point `from`) in the sentence of the previous one, a
    // change ("新认定…43家，累计达到186家" is no level of the 43 new ones), or a bound in a unit of the
    // same kind ("技术合同成交额突破1200亿元，达到1263.7亿元": the level the bound was stated for).
    // So is a bound after a change in the variable's own unit ("研发投入强度3.02%，比上年提高0.18个百分点，
    // 首次突破3%": the level passed 3 %; round 28), never one in points (超过全省平均2个百分点).
    bool level_after_change(std::size_t from, const scanned& s) const {
        const std::size_t figure = s.q.begin;
        if (previous_end_ == 0 || !(previous_change_ || (previous_bound_ && same_kind_as_previous(s)))) return false;
        const std::size_t previous = byte_at(previous_end_);
        if (previous_change_ && previous_entry_ && !s.q.unit.empty() &&
            (s.q.qual == qualifier::lower_bound || s.q.qual == qualifier::upper_bound) &&
            s.q.unit.find("百分点") == std::string::npos && unit_flag(s.q.unit, previous_entry_->unit) == 0)
            return !ix_.sentence_ends.any_inside(previous, figure) && bound_of_the_level(s, previous);
        return (ix_.level_to.any_inside(byte_at(from), figure) || ix_.reach.any_inside(byte_at(from), figure) ||
                level_opens_clause_after_change(from, s)) &&
               !ix_.sentence_ends.any_inside(previous, figure);
    }

    // "技术合同成交额较上年下降2.3%，为1520.7亿元": a clause that is only 为/是 and a figure in
    // the unit of the changed quantity states its level, as 达到 does. From code point `from` (after
    // the change or its clause's start) only a comma and blanks come before the word.
    bool level_opens_clause_after_change(std::size_t from, const scanned& s) const {
        if (!previous_change_ || !previous_entry_ || s.q.unit.empty() ||
            unit_flag(s.q.unit, previous_entry_->unit) != 0)
            return false;
        std::size_t k = from, mark = from;
        while (k < s.first && one_of(cps_[k].c, U" \t\u3000，,")) ++k;
        while (mark > 0 && one_of(cps_[mark - 1].c, U" \t\u3000")) --mark;
        const bool comma =
            (mark > 0 && one_of(cps_[mark - 1].c, U"，,")) ||
            std::any_of(cps_.begin() + static_cast<std::ptrdiff_t>(from), cps_.begin() + static_cast<std::ptrdiff_t>(k),
                        [](const code_point& p) { return p.c == U'，' || p.c == ','; });
        if (!comma || k >= s.first) return false;
        // Not 共/计: "登记技术合同312项，增长12%，共15项" counts something else (round 13's guard).
        return s.first - k == 1 && one_of(cps_[k].c, U"为是");
    }

    // A bound after a change states where the level got to (首次突破3%), unless it is a threshold
    // of other things: one qualifying a noun (超过100亿元的合同3项), one under 其中 (其中超过100家集中在
    // 高新区) or one followed by a figure of its clause (超过1亿元合同32项: the count is of contracts).
    bool bound_of_the_level(const scanned& s, std::size_t previous) const {
        const std::string_view rest = text_.substr(s.q.end);
        if (rest.substr(0, 3) == "的" || ix_.part_words.any_inside(previous, s.q.begin)) return false;
        for (std::size_t k = code_point_at(s.q.end, 0, cps_.size()); k < cps_.size(); ++k) {
            if (one_of(cps_[k].c, U"，,；;。！？!?\n")) break;
            if (is_digit(cps_[k].c)) return false;
        }
        return true;
    }

    // The figure's unit converts to the previous figure's (1263.7亿元 after 突破1200亿元).
    bool same_kind_as_previous(const scanned& s) const {
        if (s.q.unit.empty() || previous_unit_.empty()) return false;
        const std::optional<unit> u = parsed_unit(s.q.unit), previous = parsed_unit(previous_unit_);
        return u && previous && u->convertible_to(*previous);
    }

    // 上年同期为/去年同期为/上年为… just before a figure (from code point `from`) in the sentence of the
    // previous one, in a unit of the same kind: the previous figure's comparison value (not after a
    // change: "增长12%，上年同期为8%" is no level). A ； between them is no sentence's end here
    // ("研发费用2.3亿元；上年同期为1.9亿元": the lead names no quantity of its own, it compares);
    // 。！？ and a line break are.
    bool comparison_of_previous(std::size_t from, const scanned& s) const {
        if (previous_end_ == 0 || previous_change_ ||
            ix_.comparison_lead.last_end_inside(byte_at(from), s.q.begin) != s.q.begin)
            return false;
        const std::size_t previous = byte_at(previous_end_);
        const std::string_view between = text_.substr(previous, s.q.begin - previous);
        for (const std::string_view stop : {"。", "！", "？", "\n"})
            if (between.find(stop) != std::string_view::npos) return false;
        return same_kind_as_previous(s);
    }

    // A change (增长/下降… between the phrase and the figure) unless a verb with 到/至 after the last
    // change word states the level reached; a decline when the last word saying which way is one.
    void name_change(const scanned& s, const binding& b, fact_naming& n) const {
        const std::size_t from = b.phrase_end, to = s.q.begin;
        // 净增高新技术企业15家, 增加高新技术企业15家: a change word right before the phrase is still its
        // change (of the stock: the new ones are 新增); 减少… a decline.
        // The two characters before the phrase taken once and compared in line with each word (a
        // string_view == called the library's compare four times a figure).
        constexpr std::size_t word_bytes = 6;  // two characters of three bytes each
        const std::string_view before_phrase = b.entry && b.phrase_begin >= word_bytes
                                                   ? text_.substr(b.phrase_begin - word_bytes, word_bytes)
                                                   : std::string_view();
        if (is(before_phrase, "增加") || is(before_phrase, "净增")) {
            n.flags |= bit(fact_flag::change);
            return;
        }
        if (is(before_phrase, "减少") || is(before_phrase, "净减")) {
            n.flags |= bit(fact_flag::change);
            n.decline = true;
            return;
        }
        if (!ix_.change_words.any_inside(from, to)) return;
        if (ix_.level_to.last_end_inside(from, to) >= ix_.change_words.last_end_inside(from, to)) return;
        n.flags |= bit(fact_flag::change);
        const std::size_t decrease = ix_.decrease_words.last_end_inside(from, to);
        n.decline = decrease != 0 && decrease >= ix_.increase_words.last_end_inside(from, to);  // 负增长 over 增长
    }

    // The two characters opening a phrase that 不 before it negates (不到位资金, 不拨付…).
    static bool negated_verb(std::string_view opening) {
        for (const std::string_view verb : {"到位", "拨付", "兑现", "支出", "获批", "立项", "登记"})
            if (opening == verb) return true;
        return false;
    }

    // "近三年研发经费投入年均增长12%": a change averaged over the years of a span, not the year's change on
    // the year before: the scope `annual_average` says so (round 34; it read as 增长12%). Asked of changes
    // only: 年均, 年平均 or 平均每年 right before a change word (增长, 增速, 提高…), between the figure before
    // (or the clause's start) and this one; 比“十三五”时期年均水平增长35% is a change on an average level.
    void annual_average(const scanned& s, std::size_t after_previous, fact_naming& n) const {
        for (std::size_t k = after_previous; k + 4 <= s.first; ++k)
            if (const std::size_t length = annual_average_at(cps_, k); length && k + length <= s.first) {
                n.scope = "annual_average";
                return;
            }
    }

    // "比去年新增2个", "较上年新增众创空间3家", "同比新增" (多增 too, round 28): 新增 after a comparison (比/较 and the
    // period compared with, a few characters before it in its clause) says how many more there are than then — a change
    // of the stock, as 净增, not the number newly added (round 27).
    bool new_compared_with_before(std::size_t from, std::size_t to) const {
        for (std::size_t k = from; k + 1 < to; ++k) {
            if ((cps_[k].c != U'新' && cps_[k].c != U'多') || cps_[k + 1].c != U'增') continue;
            // 多增长, 多增3.2个百分点: a rate grew faster, no more new ones
            if (cps_[k].c == U'多' && ((k + 2 < cps_.size() && cps_[k + 2].c == U'长') || points_after(to))) continue;
            for (std::size_t j = k; j-- > from && k - j <= 7;) {
                const char32_t c = cps_[j].c;
                if (one_of(c, U"，,；;：:。")) break;
                const char32_t next = cps_[j + 1].c;
                // 评比上榜, 对比, 占比: no comparison with a period
                if (c == U'比' && j > 0 && one_of(cps_[j - 1].c, U"评对占")) continue;
                if ((c == U'比' || c == U'较') &&
                    (is_digit(next) || one_of(next, U"上去前年同") || (c == U'比' && j > 0 && cps_[j - 1].c == U'同')))
                    return true;
            }
        }
        return false;
    }

    // The figure from code point `k` is in percentage points (3.2个百分点).
    bool points_after(std::size_t k) const {
        const std::size_t begin = byte_at(k);
        return text_.substr(begin, 24).find("百分点") != std::string_view::npos;
    }

    // 多新增 (more new ones than then), or the flow's own figure just before in the sentence
    // (新增高新技术企业36家，同比新增12家): the new ones of two years compared, not the stock's.
    bool flows_compared(const scanned& s, const phrase_entries* group, std::size_t from) const {
        const std::size_t begin = byte_at(from);
        if (text_.substr(begin, s.q.begin - begin).find("多新增") != std::string_view::npos) return true;
        return last_entry_ && last_group_ == group && is(last_entry_->scope, "new") && previous_end_ != 0 &&
               !ix_.sentence_ends.any_inside(byte_at(previous_end_), s.q.begin);
    }

    fact_naming name(const scanned& s, binding b, std::size_t after_previous) {
        fact_naming n;
        // a flow with no stock beside it (专利授权量比去年同期新增300件) changes itself, and so does one
        // whose new ones are compared (比上年多新增12家; 新增高新技术企业36家，同比新增12家) (27b)
        // (asked only of a figure bound in the scope "new": the clause's words stated 新增 if it is there)
        const bool new_ones = b.entry && is(b.stated.scope, "new");
        const std::size_t compared_from =
            !new_ones || (after_previous <= s.first && b.phrase_begin >= byte_at(after_previous))
                ? after_previous
                : std::min(after_previous, code_point_near(b.phrase_begin, 0, s.first, after_previous));
        compared_new_ = new_ones && new_compared_with_before(compared_from, s.first);
        if (compared_new_) {
            n.flags |= bit(fact_flag::change);
            distinctions stock = b.stated;
            stock.scope = "cumulative";
            const lexicon_entry* e = is(b.entry->scope, "new") && b.group && !flows_compared(s, b.group, compared_from)
                                         ? choose_entry(*b.group, stock)
                                         : nullptr;
            if (e && is(e->scope, "cumulative")) b.entry = e, b.stated.scope = "";
        }
        name_change(s, b, n);  // bound or not: a decline is negative either way
        if (!(n.flags & bit(fact_flag::change))) bind_share(s, b, byte_at(after_previous));
        last_entry_ = b.entry;
        last_group_ = b.entry ? b.group : nullptr;
        if (!b.entry) {
            n.flags |= bit(fact_flag::no_variable);
            return n;
        }
        n.entry = b.entry;
        n.phrase = b.phrase;
        previous_phrase_ = b.phrase;
        n.status = *b.stated.status ? std::string_view(b.stated.status) : std::string_view(b.entry->status);
        n.stage = *b.stated.stage ? std::string_view(b.stated.stage) : std::string_view(b.entry->stage);
        n.scope = *b.stated.scope ? std::string_view(b.stated.scope) : std::string_view(b.entry->scope);
        if (b.shared) n.flags |= bit(fact_flag::phrase_shared);
        return n;
    }

    std::string_view text_;
    const code_points& cps_;
    const report_indexes& ix_;
    const extract_options& options_;
    clause_finder clauses_;
    bool any_invalid_ = false;
    table_writer out_;
    struct entry_unit_hash {
        std::size_t operator()(const std::pair<const lexicon_entry*, std::uint32_t>& k) const {
            return std::hash<const void*>()(k.first) * 31 + k.second;
        }
    };
    std::unordered_map<std::pair<const lexicon_entry*, std::uint32_t>, std::uint32_t, entry_unit_hash> unit_flags_;
    struct recent_flag {  // unit_flags_ of a pair asked lately
        const lexicon_entry* entry = nullptr;
        std::uint32_t unit_id = 0, flag = 0;
    };
    std::array<recent_flag, 64> recent_flags_{};
    // unit_flag(unit, entry.unit) of a figure's written unit, by (entry, the unit's id): the same
    // few pairs over and over (split_by_modifier asked for one at ~10 % of the figures, ~580
    // instructions each)
    std::unordered_map<std::pair<const lexicon_entry*, std::uint32_t>, std::uint32_t, entry_unit_hash> written_flags_;
    mutable const phrase_entries* other_scope_group_ = nullptr;  // of other_scope_of_previous()
    mutable int head_names_a_firm_ = -1;                         // head_names_a_firm(): -1 not read yet
    std::size_t respectively_end_ = 0, respectively_count_ = 0;  // the 分别 in force, figures after it
    std::vector<const phrase_entries*> listed_;                  // the phrases its list named, in order
    std::size_t listed_at_ = 0;                                  // the byte after the 分别 of listed_
    mutable std::string joined_key_;                             // find_joined()'s key, its capacity kept
    distinctions listed_stated_;                                 // the words stated for respective_phrase's
    std::string completed_unit_;                                 // n.unit when check_unit() completed it
    const scanned* unit_of_ = nullptr;                           // whose written unit unit_written_ is
    std::uint32_t unit_written_ = 0;
    const lexicon_entry* mismatched_entry_ = nullptr;  // the variable a figure's unit did not fit
    const phrase_entries* mismatched_group_ = nullptr;
    std::size_t mismatched_end_ = 0;  // code point after that figure
    std::size_t target_cursor_ = 0;   // code points before it are read by target_before()
    bool target_in_sentence_ = false, target_in_clause_ = false;
    std::string plan_period_;         // the period of a target sentence's first planned figure,
    bool plan_period_known_ = false;  // once it had one (done_in_another_period())
    bool target_estimate_ = false;    // 预计 is the only target word of the sentence so far
    bool target_figure_ = false;      // a figure under the sentence's target word was read
    bool plan_section_ = false;       // under a heading of plans (plan_heading), across chunks
    int plan_kind_ = 0;               // its list marker's kind (-1: the whole report)
    bool any_figure_ = false;         // a figure was read (add())
    bool chunk_starts_line_ = true;   // the chunk read starts a line
    int since_start_ = 0;             // of the 以来 in the sentence so far (since_start), 0 if none
    std::size_t since_at_ = 0;        // where that 以来 stands (code points from the report's start)
    // A count of years inside a sentence and a clause (years_counted_at: 高新技术企业五年累计新增…):
    // where it stands (as since_at_), 0 if none; its span is the figures of its clause.
    std::size_t clause_since_at_ = 0;
    std::size_t previous_end_ = 0;                   // code point after the previous quantity
    std::size_t parent_end_ = 0;                     // code point after the last figure that may be a total
    fact_naming parent_, part_;                      // that total's naming; the last part's (read if .entry)
    const lexicon_entry* previous_entry_ = nullptr;  // of the previous fact, if it had a variable
    stated_word previous_scope_;                     // the scope its words stated (新增: "new"), "" if none
    bool previous_change_ = false;                   // the previous fact is a change
    bool previous_bound_ = false;                    // the previous fact is a bound (突破1200亿元, 近600人)
    bool previous_target_ = false;                   // the previous fact is a target (计划新增…10家)
    bool done_of_plan_ = false;                      // done_of_plan() bound the figure being added
    bool own_budget_ = false;    // bind() left the figure unbound as a line of the bureau's own budget
    std::string previous_unit_;  // the unit written with the previous figure
    const lexicon_entry* last_entry_ = nullptr;
    const phrase_entries* previous_group_ = nullptr;  // the phrase of the previous fact, if one bound it
    const phrase_entries* last_group_ = nullptr;
    std::string_view previous_phrase_;
    std::size_t previous_following_end_ = 0;        // binding::following_end of the figure before
    const phrase_entries* budget_group_ = nullptr;  // the phrase a budget followed (…年初预算数为38,600万元)
    std::size_t budget_end_ = 0;                    // byte after that budget's figure, 0 if none in the chunk
    bool change_parent_ = false;                    // the total its parts may follow is a change (较上年新增6家)
    std::size_t region_until_ = 0;                  // code point where a named region's sentence ends
    bool compared_new_ = false;                     // name() read the new ones compared (比上年新增, 多新增)
    double change_parent_value_ = 0;                // that change's figure and unit, when change_parent_
    std::string change_parent_unit_;

    struct listed_level {
        const lexicon_entry* entry;
        const phrase_entries* group;
        std::string_view phrase;
        std::size_t end;  // code point after the figure
    };
    std::vector<listed_level> levels_;  // note_level()'s run
    enum class pairing { none, paired, mismatched, of_groups };
    pairing pairing_ = pairing::none;               // how paired_with_levels() bound the figure being added
    std::size_t paired_at_ = 0, paired_count_ = 0;  // its 分别 (byte after), the figures after it so far
    std::size_t paired_end_ = 0;                    // code point after the last of them
    // The headings of tables by area (scan_state::labels, stable for the call) and how each reads;
    // those naming none a finding was given for.
    std::unordered_map<const char*, heading_reading> heading_readings_;
    std::unordered_set<const char*> headings_told_;
    std::unordered_set<const char*> left_told_;   // headings whose table_column finding was made (round 38)
    std::unordered_set<const char*> units_told_;  // headings whose table_unit finding was made
};

}  // namespace
}  // namespace zhibiao
