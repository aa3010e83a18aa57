#pragma once
// Report text → facts: the figures of a Chinese S&T bureau report ("共组织申报科技项目28项，获批
// 立项11项，争取资金227.4万元"), each with the variable its phrase names, the value and unit as
// written, the period in force, and flags for what the text leaves uncertain.
//
// Numbers follow indicators.md §7.3: Arabic digits (full-width too) with a thousands separator
// only before exactly three digits; Chinese numerals (二十八, 一百零五, 两亿, 贰佰贰拾柒点肆万,
// 廿/卅) when a unit follows; Arabic digits with a Chinese multiplier (1.2万件, 13.5亿元);
// percentages, 个百分点, 三成 = 30%; ranges (5%—10%, 5-10%, 5%～10%, 5至10%); placeholders
// (13.x%, XX项) become a missing value flagged `masked`, never a number. Approximate words make a
// qualifier, not an exact value: 约/左右 approximate; 超过/突破/逾/以上/余/多 lower bound; 近/不足/以内/
// 以下 upper bound. A figure after 力争/预计/预期/确保/争取实现… in its sentence or 目标/计划 in its
// clause is flagged `target`. Measure words the unit algebra does not know (场次, 批次, 期, 名, 台套…)
// stay the unit after Arabic digits; a unit that does not convert to the variable's (counts in
// another measure word too: 家 is not 个) leaves the figure no variable (unit_mismatch), and a bare
// 万/亿 of a variable counted in 元, 家… is completed with that word (2.35亿 → 亿元).
//
// A fact's variable is the lexicon phrase closest before the number in the same clause (clauses
// end at 。；！？, a line break or a comma that is not a thousands separator); "增长/提高/下降/同比"
// between them flags a change rather than a level, with its direction in the sign (下降/减少/降低/
// 降幅 after the last 增长/提高…: "同比下降20%" is -20, a bound of its size the other bound), unless a
// verb with 到/至 after it states the level reached (提高到三成); "达到2.1%" right after a change
// ("较上年提高0.3个百分点，达到2.1%") is the level of the change's variable. 倍 is kept as the unit
// (增长1.5倍: 1.5 倍). A sentence opening with 上年同期/去年同期/上年/去年 (not 比上年…, a comparison)
// is about the year before: its figures take the governing period's prior year (上年末: that
// year), "" when none governs, and the flag prior_year; a figure introduced by 上年同期为/去年同期为/
// 上年为 right after a figure of the same sentence, in a unit of the same kind, is that figure's
// variable. The period is the last one stated before the fact: a year (2025年) with 上半年/下半年,
// 一季度…四季度, 1-N月 / 1至N月 / 截至N月(底|末) / N月底 / N月末 (January to N however it is said: N = 6
// is the half-year, 3 the first quarter, 12 the year; N月 alone is the month), or 全年; a year with
// 年度 outside the title ("兑现2017年度奖补资金") names the period of its own
// clause only. A compared period (比2023年, 较2023年底) and a date with a day (5月20日召开) set no
// period; a target's period (2025年，力争…; 到2025年; 力争全年…) holds to its sentence's end.
// 1月至N月 is January to N. A phrase separated from its figure by an enumeration (、/等) does not name it;
// a count after an enumeration is the enumerating noun's (the noun after 等 or the items' shared
// tail, with the first item's verb: 引进高层次人才、急需紧缺人才27名 → 引进人才) or no variable's.
// A report wrapped as a PDF converter wraps it (lines of one width, breaking inside sentences and
// phrases: 高新技术⏎企业) is read with those breaks removed, offsets mapped back to the text given
// (docs/reports.md says which breaks: never after 。, between digits, at a table row or list item).
// A stock and a flow sharing a phrase: the scope word decides, else the stock; 累计/总数 in the next
// clause names the stock of the figure before; "A和B分别为x和y" binds in order. A table turned into
// lines (a header of years / 单位 / 增长% labels, a row a line) is read by column, or its rows get no
// variable and a `table_row` finding.
// Invalid UTF-8 bytes are skipped and counted, not guessed (decode_report detects GB18030/UTF-16).
//
// Damage from a conversion out of Word or PDF never becomes a number: a decimal point with no
// digits after it (21.%), a run of zeros only (000件), a measure word with no number (共收集企业难题
// 项), a threshold of zeros (00万元以上) keep their text and position, with value NaN, the flag
// `damaged` and fact::damage naming the kind; a bare 0 counting what an activity did (派出0名专家)
// and a 其中 part larger than its total are flagged `suspect`; damaged document numbers (〔20〕19号)
// and lines starting with 、 are findings only. extraction::findings lists every damaged spot.
//
// Offsets: quantity::begin/end, fact::clause_begin/end and report_finding::begin/end are byte
// offsets into the text given; fact::char_begin/char_end (and the Python columns begin/end) count
// code points, each byte that is not UTF-8 counting as one.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zhibiao/detail/text_copy.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao {

enum class qualifier { exact, approximate, lower_bound, upper_bound };

/// A number in the text, with its unit as written.
struct quantity {
    double value = 0;  ///< NaN when masked
    double high = 0;   ///< the upper end of a range; == value otherwise
    std::string unit;  ///< as written ("万元", "%", "件/万人", "个百分点"); "" if none
    qualifier qual = qualifier::exact;
    bool masked = false;  ///< a placeholder digit (13.x%)
    bool range = false;
    std::size_t begin = 0, end = 0;  ///< byte offsets of the number, unit and qualifiers
};

/// Chinese numeral → value (二十八 → 28, 贰佰贰拾柒点肆万 → 2274000); false if `text` is not one;
/// zhibiao::parse_error for a run that looks like one but is not (两两, 十十), saying why.
/// A numeral beyond a double (一亿亿…亿) sets `value` to NaN and `out_of_range`; it is never inf.
bool parse_chinese_number(std::string_view text, double& value);
bool parse_chinese_number(std::string_view text, double& value, bool& out_of_range);

/// Every quantity in `text`, in order.
std::vector<quantity> find_quantities(std::string_view text);

/// Phrases that name variables: phrase → variable id, with the unit the variable is reported in.
/// Entries may share a phrase ("拨付补助资金"): the words around it then decide between them, by
/// the fields below ("" = either). status: "due" (应/需/须 before the verb) or "done" (已, or a
/// payment verb such as 拨付/兑现 without 应); stage: "applied" (申报/申请), "approved" (立项/获批),
/// "granted" (授权); scope: "cumulative" (累计/总数/总量), "new" (新增/新认定…). Among the entries
/// of the phrase that agree with every word stated, the one matching most of them wins, then the
/// first in the lexicon; when none agrees the figure has no variable (flag no_variable).
struct lexicon_entry {
    std::string variable;
    std::vector<std::string> phrases;
    std::string unit;  ///< e.g. "件/万人"; a written "件" is then flagged unit_implied
    std::string status, stage, scope;
    /// Words that name this variable only right after a figure of the entry `follows` in the same
    /// sentence ("登记技术合同312项，成交额5.8亿元": 成交额 is the value of those contracts).
    std::string follows;
    std::vector<std::string> follow_phrases;
    /// Other measure words its count is written in besides `unit`'s (研发中心8家 for a variable
    /// counted in 个): such a figure binds, keeping its word; any other measure word is unit_mismatch.
    std::vector<std::string> counted_in;
    /// A firm's quantity (营业收入 of an enterprise's annual report): an area's figure is none of it, so a
    /// column of a table by area (a zone's 合计 row, each park's row) binds no variable with it.
    bool firm = false;
};
using lexicon = std::vector<lexicon_entry>;

/// The built-in lexicon (data/extract.toml, compiled in).
const lexicon& builtin_lexicon();
/// A lexicon from TOML ([[variable]] id, phrases, unit); errors name the file and line.
lexicon lexicon_from_toml(std::string_view text, const std::string& source = "<string>");

struct fact {
    std::string variable;  ///< "" when no phrase of the lexicon names the number
    std::string phrase;    ///< the phrase that named it
    quantity amount;       ///< amount.begin/end: byte offsets of the figure in the text
    std::string period;    ///< canonical (2025H1, 2025Q1, 2025YTD10) or "" when none is stated
    std::string text;      ///< the number as written, with unit and qualifiers
    /// The clause it came from, as byte offsets into the text (offsets, not a copy: a report of
    /// n figures in one long clause would otherwise hold n copies of it).
    std::size_t clause_begin = 0, clause_end = 0;
    /// Code point offsets of the figure (what Python's str indexing counts): each byte that was
    /// not UTF-8 counts as one code point (it reads as U+FFFD).
    std::size_t char_begin = 0, char_end = 0;
    std::size_t clause_char_begin = 0, clause_char_end = 0;  ///< the clause in code points
    std::string damage;  ///< the kind of damage when flagged `damaged` (dangling_point, zero_digits, …)
    /// A best guess for a damaged figure, only when asked (extract_options::guess) and only where
    /// the text holds one, flagged `guess`; NaN otherwise; never in amount.value. What it covers,
    /// by `damage`: dangling_point, the digits before it (21.% → 21, a lower bound);
    /// bad_grouping and split_digits, the digits joined whatever the separators (1,2,3亿元 →
    /// 123, "1 135" → 1135: the separators may be noise or a lost digit, so check it);
    /// stop_for_point, 。 read as a point (1。5亿元 → 1.5); extra_point, a doubled point read as
    /// one (12..5 → 12.5); scientific_notation (1.2e3 → 1200); minus_sign, the negated value of a
    /// level (-5万元). A figure damaged otherwise (zero_digits …) has none.
    double guess = std::numeric_limits<double>::quiet_NaN();
    /// The distinctions the words around the figure make (lexicon_entry): the word stated in the
    /// text, else the field of the variable's entry, else "".
    std::string status, stage, scope;
    /// The level of government of a part after 其中 (其中省级项目6项: "省级"), flagged `part`; "" otherwise.
    std::string level;
    /// The area of a cell of a table with a row per area (its row's label: 青山县); "" for every
    /// other figure and for the table's 合计/全市 row: the report's own entity.
    std::string entity;
    std::vector<std::string> flags;  ///< masked, approximate, lower_bound, upper_bound, range, change,
                                     ///< unit_implied, unit_mismatch, no_variable, thousands_comma,
                                     ///< phrase_shared, out_of_range (more digits than a double holds
                                     ///< or a Chinese numeral beyond it), damaged, suspect, guess,
                                     ///< prior_year (stated for the year before: 上年同期，…),
                                     ///< target (a target or a plan: 力争…, 全年目标…, 计划…),
                                     ///< since (a span of several years: 2021年以来, “十四五”以来),
                                     ///< estimate (预计全年… in a report of the year: the year's
                                     ///< figure estimated, not a plan), part (a part by level of
                                     ///< the figure before 其中: 其中省级项目6项; `level` says which),
                                     ///< start (the level a change starts from: the 1.0亿元 of
                                     ///< 由1.0亿元增加到1.2亿元, no level of the period)
};

/// Something about the report as a whole or a damaged spot that is not a fact: a damaged figure
/// (kind = its damage), a damaged document number, a lost list number, parts larger than their
/// total, bytes that were not text.
struct report_finding {
    std::string kind;
    std::size_t begin = 0, end = 0;            ///< byte offsets in the text
    std::size_t char_begin = 0, char_end = 0;  ///< code point offsets
    std::string text;                          ///< the spot as written (at most a few dozen characters)
    std::string message;
};

/// The names of every flag a fact can carry, in a fixed order (for tables with one column each).
const std::vector<std::string>& fact_flag_names();

/// The flags of fact_flag_names(), as the bits of fact_table::flags.
enum class fact_flag : unsigned {
    masked,
    approximate,
    lower_bound,
    upper_bound,
    range,
    change,
    unit_implied,
    unit_mismatch,
    no_variable,
    thousands_comma,
    phrase_shared,
    out_of_range,
    damaged,
    suspect,
    guess,
    prior_year,
    target,
    since,
    estimate,
    part,
    start
};

/// The facts of a report as columns, row i the i-th fact (what `extraction::facts` holds, without
/// a string per fact): what the Python binding hands to numpy. Text-valued columns hold ids into
/// `strings`, each distinct text stored once (id 0 is ""). Offsets as in `fact`: begin/end and
/// clause_begin/clause_end in bytes, the char_ columns in code points.
struct fact_table {
    std::vector<std::string> strings{std::string()};
    std::vector<std::uint32_t> variable, phrase, unit, period, damage, status, stage, scope, level;
    /// The area a cell of a table with a row per area is of (its row's label: 青山县), a string id;
    /// 0 ("") for every other figure and for the table's 合计/全市 row: the report's own entity.
    std::vector<std::uint32_t> entity;
    std::vector<double> value, high, guess;
    std::vector<qualifier> qual;
    std::vector<std::uint32_t> flags;  ///< bit k set: the fact carries flag k (fact_flag)
    std::vector<std::uint32_t> begin, end, clause_begin, clause_end;
    std::vector<std::uint32_t> char_begin, char_end, clause_char_begin, clause_char_end;
    /// The figures as written (fact::text), one after the other: row i is
    /// quoted[text_end[i - 1], text_end[i]) (from 0 for the first).
    std::string quoted;
    std::vector<std::size_t> text_end;

    std::size_t size() const { return value.size(); }
    // On a temporary table (extract_table(text).facts.figure(0)) these return copies that do
    // not convert to a std::string_view while temporaries themselves (text_copy): a view or
    // reference would point into storage freed at the end of the statement.
    // A row or string id past the end: an argument_error naming it and the size.
    const std::string& text_of(std::uint32_t id) const& { return strings[checked(id, strings.size(), "text_of")]; }
    text_copy text_of(std::uint32_t id) && { return text_copy(strings[checked(id, strings.size(), "text_of")]); }
    std::string_view figure(std::size_t row) const& {
        checked(row, text_end.size(), "figure");
        const std::size_t from = row == 0 ? 0 : text_end[row - 1];
        return std::string_view(quoted).substr(from, text_end[row] - from);
    }
    text_copy figure(std::size_t row) && { return text_copy(std::as_const(*this).figure(row)); }
    bool has(std::size_t row, fact_flag f) const {
        return (flags[checked(row, flags.size(), "has")] >> static_cast<unsigned>(f)) & 1U;
    }

private:
    static std::size_t checked(std::size_t k, std::size_t size, const char* what) {
        if (k >= size)
            throw argument_error(std::string("fact_table::") + what + "(" + std::to_string(k) + "): the table has " +
                                 std::to_string(size) + (std::string_view(what) == "text_of" ? " strings" : " facts"));
        return k;
    }
};

/// extract() as columns: the same facts and findings.
struct table_extraction {
    fact_table facts;
    std::vector<report_finding> findings;
    std::size_t invalid_bytes = 0;
};

struct extraction {
    std::vector<fact> facts;
    std::vector<report_finding> findings;
    std::size_t invalid_bytes = 0;  ///< bytes that were not UTF-8, skipped
};

struct extract_options {
    /// Fill fact::guess for damaged figures that hold one (never amount.value): the kinds of damage
    /// fact::guess lists, bad digit grouping included (1,2,3亿元 → 123).
    bool guess = false;
    /// The text is read a chunk at a time: at least this many bytes, up to the next line break or
    /// 。 (no rule reads across one), so that the chunk's code points stay in cache and memory
    /// stays bounded. The facts and findings do not depend on it.
    std::size_t chunk_bytes = std::size_t{1} << 15;
};

/// The facts of a report.
extraction extract(std::string_view text, const lexicon& words = builtin_lexicon());
extraction extract(std::string_view text, const lexicon& words, const extract_options& options);
/// The facts of a report as columns (fact_table): what extract() returns, faster to make.
table_extraction extract_table(std::string_view text, const lexicon& words = builtin_lexicon(),
                               const extract_options& options = {});
/// Many reports read at once (a county's half-year summaries, a file each): result k is what
/// extract_table(texts[k], words, options) returns, the same facts and findings bit for bit for
/// any `threads` (0: one per core; never more than there are texts). The texts are handed out in
/// order, one at a time, to the threads, each of which builds the lexicon's indexes once.
/// Ctrl-C (interrupt.hpp) is honoured between texts and inside them; the other threads stop at
/// their next text. An error in a text names it in where().file, its type kept: "report 'name'"
/// with `names` (one per text), else "report k" (k from 0); when several fail, the first in
/// order is thrown, as a loop over the texts would throw it.
std::vector<table_extraction> extract_tables(const std::vector<std::string_view>& texts,
                                             const lexicon& words = builtin_lexicon(),
                                             const extract_options& options = {}, unsigned threads = 0,
                                             const std::vector<std::string>& names = {});
/// The facts of one row of a table, as extract() gives them.
fact fact_at(const fact_table& table, std::size_t row);

/// A report file's bytes as UTF-8 text, the encoding detected as read_csv detects it (csv.hpp):
/// a UTF-16 or UTF-8 byte order mark; else UTF-8 when the bytes are valid UTF-8 or mostly so
/// (more well-formed multi-byte characters than stray bytes: a UTF-8 report with a few damaged
/// bytes); else GB18030; bytes that none of these reads are kept and reported (invalid_offsets).
struct decoded_report {
    std::string text;      ///< UTF-8, without a byte order mark (offsets of facts refer to it)
    std::string encoding;  ///< "utf-8", "utf-8-bom", "gb18030", "utf-16"
    std::size_t invalid_bytes = 0;
    std::vector<std::size_t> invalid_offsets;  ///< byte offsets in the input (the first 1000)
};
decoded_report decode_report(std::string_view bytes);

/// `text` with each byte that is not UTF-8 replaced by U+FFFD: the text the code point offsets
/// of facts and findings count in.
std::string replace_invalid_utf8(std::string_view text);

}  // namespace zhibiao
