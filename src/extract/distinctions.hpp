#pragma once
// Layer 10: the words that decide between lexicon entries sharing a phrase (status, stage, scope).
// Takes the code points of a clause and gives the distinctions stated and the entry they choose.
#include "extract/findings.hpp"

namespace zhibiao {
namespace {

// ---- The words that decide between entries sharing a phrase (lexicon_entry) ------------------

// A word stated (a literal of the rules below or a lexicon entry's field) with its length: views of it
// and comparisons need no strlen (one to three a figure, as const char*).
class stated_word {
public:
    constexpr stated_word() = default;
    // implicit from a literal, an entry's field, and to a view: the rules assign and read them as words
    template <std::size_t N>
    constexpr stated_word(const char (&literal)[N])
        : text_(literal), size_(N - 1) {}  // NOLINT(google-explicit-constructor)
    stated_word(const std::string& field)
        : text_(field.c_str()), size_(field.size()) {}            // NOLINT(google-explicit-constructor)
    stated_word(std::string&&) = delete;                          // it views: never a temporary's text
    char operator*() const { return *text_; }                     // the first byte, '\0' when empty
    operator std::string_view() const { return {text_, size_}; }  // NOLINT(google-explicit-constructor)
    friend bool operator==(const std::string& a, stated_word b) { return std::string_view(a) == std::string_view(b); }
    friend bool operator!=(const std::string& a, stated_word b) { return !(a == b); }

private:
    const char* text_ = "";
    std::size_t size_ = 0;
};

struct distinctions {
    stated_word status;
    stated_word stage;
    stated_word scope;
};

// 应/需/须 saying an amount is due, not inside a word of another meaning (应用, 供应, 需求, 无需).
bool due_marker(const code_points& cps, std::size_t k) {
    const char32_t c = cps[k].c, before = k > 0 ? cps[k - 1].c : 0, after = k + 1 < cps.size() ? cps[k + 1].c : 0;
    if (c == U'应') return !one_of(after, U"用急对届邀聘征答变") && !one_of(before, U"相供响对适反效呼感答");
    if (c == U'需') return after != U'求' && !one_of(before, U"无不毋急");
    if (c == U'须') return after != U'知' && !one_of(before, U"无不毋");
    return false;
}

// Verbs that say a count of platforms or firms is this period's (获批省级工程技术研究中心3家, 组建重点
// 实验室2家, 认定企业技术中心3个: flows) when no 新增/累计 says it outright: "new" for the verb at k,
// else `so_far`. With no such verb the stock is chosen (choose_entry): 达到30家 is how many there are,
// and 达到 after a flow's verb keeps the flow ("全年认定高新技术企业达到35家" are the year's).
stated_word scope_by_verb(const code_points& cps, std::size_t k, stated_word so_far, bool this_period) {
    if (!one_of(cps[k].c, U"获认组挂备入") ||
        !starts_with_any(cps, k, U"获批", U"认定", U"组建", U"获评", U"获得认定", U"挂牌", U"备案", U"入库"))
        return so_far;
    // 国家备案众创空间, 省级认定企业技术中心, 省级以上认定…: a kind of platform, how many there are
    // (全市认定…: a verb); so is one the verb qualifies with 的 (经认定的高新技术企业, 挂牌运营的众创空间).
    const bool level_before = ends_with(cps, k, U"国家") || ends_with(cps, k, U"以上") ||
                              (k > 0 && one_of(cps[k - 1].c, U"省市县级") && !ends_with(cps, k - 1, U"全"));
    // A word of this period before it (全年认定的, 当年获批组建的, 本年度经认定的) keeps the flow.
    bool qualifies = !this_period && k > 0 && cps[k - 1].c == U'经';
    for (std::size_t j = k + 2; j < std::min(cps.size(), k + 6) && !qualifies && !this_period; ++j)
        qualifies = cps[j].c == U'的';
    return level_before || qualifies ? so_far : stated_word("new");
}

// 全年, 今年, 当年, 本年(度) at k: what follows is of this period, not how many there are.
bool this_period_word_at(const code_points& cps, std::size_t k) {
    return starts_with_any(cps, k, U"全年", U"今年", U"当年", U"本年");
}

// Words that say the count is how many there are (现有, 拥有, 共有, 有效期内…), whatever verb
// stands beside them: 全市现有经认定的高新技术企业350家 is the stock.
bool stock_word_at(const code_points& cps, std::size_t k) {
    return starts_with_any(cps, k, U"现有", U"拥有", U"共有", U"有效期内", U"现存");
}

// A clause opening the sentence before code point `from` says "up to now" (截至目前，全市共有45个众创空间
// 获批备案; 目前，…): the stock, as 目前/截至 in the words read — the phrase read starts after its comma.
bool up_to_now_before(const code_points& cps, std::size_t from) {
    std::size_t b = from;
    while (b > 0 && from - b < 40 && !one_of(cps[b - 1].c, U"。！？!?；;\n\r")) --b;
    return b < from && (starts_with(cps, b, U"截至") || starts_with(cps, b, U"截止") || starts_with(cps, b, U"目前"));
}

// What each word of stated_distinctions() may start at a stop, one bit a list or test: each stop runs
// only the tests its character can open (one table probe a stop, not a switch and some fifteen
// comparisons of due_marker, 已, 授, 新, 即 and scope_by_verb's first characters).
// A word added to a list needs its first character here as well as in distinction_starts.
enum distinction_list : unsigned {
    dl_payment = 1,       // 拨付 兑现 兑付 发放 支付
    dl_applied = 2,       // 申报 申请
    dl_approved = 4,      // 立项 获批 批准
    dl_this_period = 8,   // 全年 今年 当年 本年 (this_period_word_at)
    dl_stock = 16,        // 现有 拥有 共有 有效期内 现存 (stock_word_at)
    dl_plain_stock = 32,  // 现有 拥有 目前 截至 有效期内
    dl_cumulative = 64,   // 累计 累积 总数 总量
    dl_due = 128,         // 应 需 须 (due_marker)
    dl_done = 256,        // 已
    dl_granted = 512,     // 授权
    dl_new = 1024,        // 新增, 新认定… (新 before one of its verbs)
    dl_soon = 2048,       // 即将 before a verb of making
    dl_verb = 4096,       // 获批 认定 组建 获评 挂牌 备案 入库 (scope_by_verb)
};
struct distinction_slot {
    char32_t c = 0;
    unsigned lists = 0;
};
constexpr std::size_t distinction_slot_of(char32_t c) { return (static_cast<std::uint32_t>(c) * 0x9e3c0b35u) >> 26; }
// The 64 slots by a multiplicative hash of the character; two characters in one slot stop the compile.
constexpr std::array<distinction_slot, 64> make_distinction_slots() {
    constexpr std::pair<std::u32string_view, unsigned> lists[] = {
        {U"拨兑发支", dl_payment},     {U"申", dl_applied},     {U"立获批", dl_approved},
        {U"全今当本", dl_this_period}, {U"现拥有共", dl_stock}, {U"现拥有目截", dl_plain_stock},
        {U"累总", dl_cumulative},      {U"应需须", dl_due},     {U"已", dl_done},
        {U"授", dl_granted},           {U"新", dl_new},         {U"即", dl_soon},
        {U"获认组挂备入", dl_verb}};
    std::array<distinction_slot, 64> t{};
    for (const auto& [chars, bit] : lists)
        for (const char32_t c : chars) {
            distinction_slot& slot = t[distinction_slot_of(c)];
            if (slot.c != 0 && slot.c != c) throw "two characters of stated_distinctions in one slot";
            slot.c = c, slot.lists |= bit;
        }
    return t;
}
constexpr std::array<distinction_slot, 64> distinction_slots = make_distinction_slots();
// The table's characters are the stops of stated_distinctions() (distinction_starts, the class cc_distinction):
// a stop with no slot would run no test, a slot with no stop would never be reached.
constexpr bool slots_are_the_stops() {
    std::size_t slotted = 0;
    for (const distinction_slot& slot : distinction_slots) slotted += slot.c != 0;
    for (const char32_t c : distinction_starts)
        if (distinction_slots[distinction_slot_of(c)].c != c) return false;
    return slotted == distinction_starts.size();
}
static_assert(slots_are_the_stops(), "distinction_starts and the lists of distinction_slots differ");
inline unsigned distinction_lists(char32_t c) {
    const distinction_slot& slot = distinction_slots[distinction_slot_of(c)];
    return slot.c == c ? slot.lists : 0;
}

// A verb of making at k, after 即将 (即将建成的2个孵化器, 即将投用): what is about to exist is none of
// the stock yet; 即将突破/达到/超过 forecast the stock's level instead (round 27b).
bool making_verb_at(const code_points& cps, std::size_t k) {
    return starts_with_any(cps, k, U"建成", U"新建", U"落成", U"投用", U"投入使用", U"竣工", U"启用", U"投产", U"挂牌",
                           U"揭牌", U"开园");
}

// ---- Words that say a figure is not the quantity its phrase names (issue 13, round 30) ----------

// A negation at k: 未/尚未/暂未 (未拨付, 应拨未拨, 未获批项目), 没有, or 无 before a verb of the
// lexicon's distinctions (无拨付) — not 未来, 未成年, 无锡, 无人机…, words of their own.
bool negation_at(const code_points& cps, std::size_t k) {
    const char32_t c = cps[k].c, after = k + 1 < cps.size() ? cps[k + 1].c : 0;
    if (c == U'未') return !one_of(after, U"来成必免有经");  // 前所未有, 未经审计: no negation of the figure
    if (c == U'没') return after == U'有';
    return c == U'无' && starts_with_any(cps, k + 1, U"拨付", U"兑现", U"获批", U"立项", U"到位", U"支出", U"登记");
}

// 年均, 年平均 or 平均每年 at k right before a change word (年均增长12%, 年平均递增, 平均每年提高): a change averaged
// over the years of a span. One list for both rules that ask (narrowing_at, and facts.hpp's scope annual_average: they
// disagreed on 年平均递增 before round 35). Its length through the change word, 0 if none.
std::size_t annual_average_at(const code_points& cps, std::size_t k) {
    std::size_t change = 0;
    if (starts_with(cps, k, U"年均"))
        change = k + 2;
    else if (starts_with(cps, k, U"年平均"))
        change = k + 3;
    else if (starts_with(cps, k, U"平均每年"))
        change = k + 4;
    if (!change || !starts_with_any(cps, change, U"增长", U"增速", U"增幅", U"递增", U"递减", U"提高", U"增加", U"下降",
                                    U"减少", U"复合"))
        return 0;
    return change + 2 - k;
}

// A word at k that makes the figure after it one item's or an average, not the whole the phrase
// names: 平均, 每项/每家/每个/每户, 最多的/最高的/最大的 (研发经费投入最多的企业达0.8亿元).
bool narrowing_at(const code_points& cps, std::size_t k) {
    const char32_t c = cps[k].c, after = k + 1 < cps.size() ? cps[k + 1].c : 0;
    // 年平均增长12%, 平均每年递增: an average change over years, which the change's scope says (annual_average_at);
    // a bare 平均 before 增加/减少 is one item's (平均增加收入3000元), before 增长/增速… still an average change
    if (c == U'平') {
        if (after != U'均') return false;
        if (annual_average_at(cps, k > 0 && cps[k - 1].c == U'年' ? k - 1 : k)) return false;
        return !starts_with_any(cps, k + 2, U"增长", U"增速", U"提高", U"下降", U"增幅");
    }
    if (c == U'每') return one_of(after, U"项家个户件");
    return c == U'最' && starts_with_any(cps, k, U"最多的", U"最高的", U"最大的");
}

// A word at k that says the things counted lapsed: 失效, 注销 (有效发明专利失效28件).
bool lapse_at(const code_points& cps, std::size_t k) { return starts_with_any(cps, k, U"失效", U"注销"); }

// A variable reported as a ratio or a share (件/万人, 万元/项, %, ‰): an average or a rate itself.
// (is(), not std::string == "%": that called the library's compare twice at each bound figure, 1 % of a call)
bool ratio_unit(std::string_view unit) {
    return unit.find('/') != std::string_view::npos || is(unit, "%") || is(unit, "‰");
}

// Code points [from, to) (the words between the previous figure and this one) deny or narrow what
// the phrase names: the figure gets no variable rather than a confident wrong one. The bound phrase's
// own bytes [phrase_begin, phrase_end) are its words, not a qualifier of them (a lexicon phrase may
// hold 平均 or 未); a variable that is itself a ratio or an average (件/万人, %) is not narrowed by
// 平均/每/最 (平均每万人口发明专利拥有量, 投入强度平均达到2.8%), only denied.
bool denies_or_narrows(const code_points& cps, std::size_t from, std::size_t to, std::size_t phrase_begin,
                       std::size_t phrase_end, bool ratio) {
    // only where one of their words may start (cc_denial): most figures have none before them
    for (std::size_t k = from; (k = cps.next_with(k, to, cc_denial)) < to; ++k) {
        if (cps[k].begin >= phrase_begin && cps[k].begin < phrase_end) continue;
        if (negation_at(cps, k) || lapse_at(cps, k) || (!ratio && narrowing_at(cps, k))) return true;
    }
    return false;
}

// The status, stage and scope words in code points [from, to), the last of each kind winning: a
// payment verb (拨付, 兑现) is done unless 应/需/须 stands just before it; a scope said outright
// (累计, 新增) over one a verb implies (scope_by_verb).
// A verb after the figure (`figure`: where it ends, when the words after it are in the range) says
// what happened to the things counted this period: 今年共有12个众创空间获批备案, 全区共有436家企业
// 通过科技型中小企业评价入库 are flows, whatever 共有 says before it.
distinctions stated_distinctions(const code_points& cps, std::size_t from, std::size_t to,
                                 std::size_t figure = std::numeric_limits<std::size_t>::max()) {
    distinctions d;
    bool verb_after_figure = false;
    std::size_t last_due = std::numeric_limits<std::size_t>::max();
    bool scope_stated = false;                     // 累计/新增…: said outright, whatever verb stands beside it
    bool stock_word = false, this_period = false;  // 现有/拥有/共有…; 全年/今年/当年 (this_period_word_at)
    bool plain_stock = false;                      // 现有/拥有/目前/截至: a stock whatever verb follows
    stated_word weak_scope;
    for (std::size_t k = from; (k = cps.next_with(k, to, cc_distinction)) < to; ++k) {
        const char32_t c = cps[k].c;
        const unsigned lists = distinction_lists(c);
        if ((lists & dl_due) && due_marker(cps, k))
            d.status = "due", last_due = k;
        else if (lists & dl_done)
            d.status = "done";
        else if ((lists & dl_payment) && starts_with_any(cps, k, U"拨付", U"兑现", U"兑付", U"发放", U"支付") &&
                 !(k > last_due && k - last_due <= 3))
            d.status = "done";
        if ((lists & dl_applied) && starts_with_any(cps, k, U"申报", U"申请"))
            d.stage = "applied";
        else if ((lists & dl_approved) && starts_with_any(cps, k, U"立项", U"获批", U"批准"))
            d.stage = "approved";
        else if ((lists & dl_granted) && starts_with(cps, k, U"授权"))
            d.stage = "granted";
        this_period = this_period || ((lists & dl_this_period) && this_period_word_at(cps, k));
        stock_word = stock_word || ((lists & dl_stock) && stock_word_at(cps, k));
        plain_stock = plain_stock || ((lists & dl_plain_stock) &&
                                      starts_with_any(cps, k, U"现有", U"拥有", U"目前", U"截至", U"有效期内"));
        if ((lists & dl_cumulative) && starts_with_any(cps, k, U"累计", U"累积", U"总数", U"总量"))
            d.scope = "cumulative", scope_stated = true;
        else if ((lists & dl_new) && k + 1 < cps.size() && one_of(cps[k + 1].c, U"增认培建引入登获申设签备"))
            d.scope = "new", scope_stated = true;
        else if ((lists & dl_soon) && starts_with(cps, k, U"即将") && !(k > 0 && one_of(cps[k - 1].c, U"立随旋亦")) &&
                 making_verb_at(cps, k + 2))
            d.scope = "new", scope_stated = true;  // 即将建成的2个孵化器: not built yet, none of the stock (round 27)
        else if (!scope_stated) {
            const stated_word by_verb = (lists & dl_verb) ? scope_by_verb(cps, k, weak_scope, this_period) : weak_scope;
            verb_after_figure = verb_after_figure || (k >= figure && is(by_verb, "new"));
            weak_scope = by_verb;
        }
    }
    // 现有, 共有… say how many there are, unless of this period (今年共有12个众创空间获批备案) or, for
    // 共有, a verb of the year follows the noun (共有436家企业通过…评价入库); 现有/目前… hold even then
    // (全市现有45个众创空间获批省级以上备案: how many there are, review 25b). The walk back to the
    // sentence's start (截至目前，…) is asked last: it cost more than the rest of the call.
    if (!scope_stated)
        d.scope = stock_word && !this_period && (!verb_after_figure || plain_stock || up_to_now_before(cps, from))
                      ? stated_word("cumulative")
                      : weak_scope;
    return d;
}

// How many of the stated words an entry's fields name, -1 if one of its fields names another word
// (an empty field agrees with anything). The first bytes compared first: the words differ there,
// and most calls then skip the length of the literal (a strlen each).
int agreement(const lexicon_entry& e, const distinctions& stated) {
    int score = 0;
    const std::pair<const std::string*, std::string_view> fields[] = {
        {&e.status, stated.status}, {&e.stage, stated.stage}, {&e.scope, stated.scope}};
    for (const auto& [field, word] : fields) {
        if (field->empty() || word.empty()) continue;
        if (std::string_view(*field) != word) return -1;
        ++score;
    }
    return score;
}

// The entry of a phrase the stated words choose: among those whose fields agree with every word
// stated (an empty field agrees with anything), the one matching most, then the first listed;
// nullptr when none agrees.
const lexicon_entry* choose_entry(const phrase_entries& group, const distinctions& stated) {
    // Most phrases name one variable: it is chosen when it agrees (the rules below compare two entries).
    if (group.entries.size() == 1) return agreement(*group.entries[0], stated) >= 0 ? group.entries[0] : nullptr;
    const lexicon_entry* best = nullptr;
    int best_score = -1;
    for (const lexicon_entry* e : group.entries) {
        const int score = agreement(*e, stated);
        const bool agrees = score >= 0;
        // A stock and a flow (hnte_total, hnte_recognised) with no scope word stated: the stock,
        // not whichever the lexicon lists first ("全县高新技术企业46家" is how many there are).
        const bool stock_over_flow = agrees && score == best_score && !*stated.scope && best &&
                                     is(best->scope, "new") && is(e->scope, "cumulative");
        if ((agrees && score > best_score) || stock_over_flow) best = e, best_score = score;
    }
    // "新增12个省级科技计划项目": new projects whose stage nothing states, of a phrase whose entries are
    // told apart by it (applied, approved), are neither — not the first listed (round 28).
    if (best && !*stated.stage && is(stated.scope, "new") && !best->stage.empty())
        for (const lexicon_entry* e : group.entries)
            if (!e->stage.empty() && e->stage != best->stage) return nullptr;
    return best;
}

}  // namespace
}  // namespace zhibiao
