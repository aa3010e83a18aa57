#pragma once
// Layer 11: the indexes a reader builds from its lexicon (report_indexes, phrase_cuts), filled once a
// chunk in one pass over its code points, when first asked (a chunk asked nothing is not matched);
// extract.cpp builds or borrows them (lent_indexes.hpp).
#include "extract/distinctions.hpp"

namespace zhibiao {
namespace {

// ---- From a scanned quantity to a fact ---------------------------------------------------------

// Every cut between two code points of every phrase of a lexicon (UTF-8: not before a
// continuation byte), by the code point before the cut: what phrase_breaks tests a line break
// between two ideographs against. Made once, not per text (cuts_for): a short report with one
// such break made them afresh, more than half of its reading (bench/NOTES.md, round 24).
struct phrase_cuts {
    std::unordered_map<char32_t, std::vector<std::pair<std::string_view, std::string_view>>> by_last;
    explicit phrase_cuts(const lexicon& words);
};

// The indexes over a chunk of the report that binding figures to phrases and finding 其中 parts
// consult, filled in one pass over the chunk's code points at the first question about the chunk.
struct report_indexes {
    const lexicon& words;
    phrase_index phrases;
    phrase_index follow{words, &lexicon_entry::follow_phrases};  // 成交额 after 登记技术合同312项
    // 净增 (net increase: the new less those that left) is a change of the stock, not the new ones.
    // 递增/递减: a change repeated each year, said of an average (年均递增12%, round 35)
    word_index change_words{"增长", "增加", "提高", "提升", "下降", "减少", "同比",
                            "增幅", "降幅", "净增", "净减", "递增", "递减"};
    word_index change_lead{"同比", "增长", "下降", "提高", "降低", "减少",
                           "增加", "提升", "净增", "净减", "递增", "递减"};
    // Which way a change goes: the last of these before the figure (同比 says neither). 负增长 ends
    // where its 增长 does and wins the tie. A narrowing turns the rate round (降幅收窄2.3个百分点: the
    // rate rose), unless it states the narrowed rate (降幅收窄至/到/为1.2%: still a fall of 1.2 %).
    word_index increase_words{"增长",       "增加",       "提高",       "提升",       "增幅",       "上升",
                              "上涨",       "净增",       "降幅收窄",   "降幅缩小",   "增幅收窄至", "增幅收窄到",
                              "增幅缩小至", "增幅缩小到", "增幅收窄为", "增幅缩小为", "递增"};
    word_index decrease_words{"下降",       "减少",       "降低",       "降幅",       "下滑",       "回落",
                              "净减",       "负增长",     "增幅收窄",   "增幅缩小",   "降幅收窄至", "降幅收窄到",
                              "降幅缩小至", "降幅缩小到", "降幅收窄为", "降幅缩小为", "递减"};
    // A verb with 到/至 states the level reached (提高到三成), not a change; so does 达到 after a
    // change stated in the clause before ("较上年提高0.3个百分点，达到2.1%").
    word_index level_to{"提高到", "提高至", "提升到", "提升至", "增加到", "增加至", "增长到", "增长至",
                        "上升到", "上升至", "下降到", "下降至", "减少到", "减少至", "降低到", "降低至",
                        "增至",   "降至",   "递增到", "递增至", "递减到", "递减至", "减至"};
    word_index reach{"达到"};
    // "…1.2亿元，上年同期为1.5亿元": the figure these introduce is the one before it, a year earlier.
    word_index comparison_lead{"上年同期为", "去年同期为", "上年为", "去年为", "上年末为", "去年末为", "上年度为"};
    // "落实研发费用加计扣除、首台套奖励等扶持政策15项": across an enumeration the figure counts the
    // enumerating noun, not the phrase before it.
    word_index enumeration{"、", "等"};
    word_index part_words{"其中"};
    // "专利申请量和授权量分别为500件和326件": the figures name the listed quantities in order.
    word_index respectively{"分别"};
    word_index sentence_ends{"。", "！", "？", "；", ";", "\n"};
    // "立项率34.3%", "占GDP的比重达到14.6%": a rate or a share, not the count or amount of the noun
    // (and 之比, 相当于: bind_share looks for them in the text, the rare figure it asks for).
    word_index share_words{"率", "比重", "占比", "比例", "占"};
    // "华芯微电子股份有限公司：研发费用投入1.36亿元": a firm named before a phrase (named_firm_before).
    word_index firm_names{"公司", "集团"};
    // "财政科技支出年初预算数为38,600万元": a budget as the figure's own label between a phrase and its
    // figure (bind_before); not 一般公共预算 nor 预算外, which say what the quantity covers.
    word_index budget_words{"预算数", "年初预算"};
    // "财政科技支出3.2亿元，比预算增加0.3亿元": a difference from the budget, no change on last year.
    word_index compared_with_budget{"比预算", "较预算", "比年初预算", "较年初预算", "比调整预算", "较调整预算"};
    // The last characters (as the decoder reads them) of the lexicon's phrases that open with a verb
    // taking a sum (verb_taking_a_sum): split_by_modifier looks up only phrases that end where
    // the figure's text does, so a figure after any other character has none to find.
    char_set sum_phrase_ends;
    bool sum_phrase_end_unknown = false;  // one ends outside the plane or is not UTF-8: no shortcut
    std::optional<phrase_cuts> cuts;      // made at the first text that needs them (cuts_for)
    // While a text is read with them: a read started inside it on the same thread (from the
    // interrupt poll: a Ctrl-C handler reading a report) builds its own (indexes_for).
    bool in_use = false;
    explicit report_indexes(const lexicon& w) : words(w), phrases(w) {
        mark_sum_phrase_ends();
        phrases.add_words(matcher_);
        follow.add_words(matcher_);
        for (word_index* family : families()) family->add_words(matcher_);
        phrases.fill_with(pending_), follow.fill_with(pending_);
        for (word_index* family : families()) family->fill_with(pending_);
    }
    report_indexes(const report_indexes&) = delete;
    report_indexes& operator=(const report_indexes&) = delete;
    // What a chunk is decoded with for index(): its words' first characters are marked.
    const std::uint8_t* classes() const { return matcher_.classes(); }
    // The chunk `cps` of `text` (both alive until the next chunk's index()): its words are found at
    // the first question any index is asked (pending_chunk), not before.
    void index(std::string_view text, const code_points& cps) { text_ = text, cps_ = &cps, pending_.set(); }

private:
    static void fill_of(void* self) { static_cast<report_indexes*>(self)->fill(); }
    void fill() {
        const std::string_view text = text_;
        const code_points& cps = *cps_;
        phrases.clear(), follow.clear();
        for (word_index* family : families()) family->clear();
        matcher_.each_match(text, cps, [&](std::size_t k, std::size_t e, const word_target& target) {
            if (target.group)
                target.phrases->add(cps[k].begin, e, target.group, k);
            else
                target.family->add(cps[k].begin, e);
        });
        phrases.sort(), follow.sort();
        for (word_index* family : families()) family->sort();
    }
    // Each phrase decoded as a text is (decode folds full-width forms as decode_into does).
    void mark_sum_phrase_ends() {
        for (const lexicon_entry& e : words)
            for (const std::string& p : e.phrases) {
                std::size_t invalid = 0;
                const code_points cps = decode(p, invalid);
                if (cps.empty() || !verb_taking_a_sum(cps, 0)) continue;
                const char32_t last = cps[cps.size() - 1].c;
                if (invalid || last >= 0x10000)
                    sum_phrase_end_unknown = true;
                else
                    sum_phrase_ends.add(last);
            }
    }
    std::array<word_index*, 15> families() {
        return {&change_words, &change_lead,  &increase_words, &decrease_words, &level_to,
                &reach,        &enumeration,  &part_words,     &sentence_ends,  &comparison_lead,
                &share_words,  &respectively, &firm_names,     &budget_words,   &compared_with_budget};
    }
    chunk_matcher matcher_;
    pending_chunk pending_{&report_indexes::fill_of, this};  // the chunk index() was given, until asked
    std::string_view text_;
    const code_points* cps_ = nullptr;
};

}  // namespace
}  // namespace zhibiao
