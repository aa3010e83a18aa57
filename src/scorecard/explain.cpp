// Scorecards: one line per firm on why it passes or fails.
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "scorecard/compiled.hpp"
#include "scorecard/internal.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/detail/counted.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {

using detail::chunk;
using detail::format_number;
using detail::nan_value;

// ---------------------------------------------------------------------------------- explaining
// Two decimals, and more while the text is a round figure (last digit 0 or 5) the value is not:
// rules compare at thresholds such as 5% or 60%, and 4.99999% shown as "5%" would read
// "5% < 5% required". Digits are added until the text is the value on the comparison grid or
// ends in another digit, so the comparison shown is the one made.
std::string detail::format_number(double v) {
    if (v != v) return "—";
    char buffer[400];
    if (std::fabs(v) >= 1e15) {  // past whole numbers a reader counts: the shortest exact form, 1e+308
        for (int digits = 1; digits <= 17; ++digits) {
            std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
            if (std::strtod(buffer, nullptr) == v) break;
        }
        return buffer;
    }
    const double tolerance = 5e-10 * std::max(1.0, std::fabs(v));
    for (int decimals = 2;; ++decimals) {
        std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
        const char last = buffer[std::strlen(buffer) - 1];
        const bool round_figure = last == '0' || last == '5';
        if (!round_figure || decimals >= 12 || std::fabs(std::strtod(buffer, nullptr) - v) <= tolerance) break;
    }
    std::string s = buffer;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

namespace {

std::uint64_t inputs_read_by(const scorecard& s, const std::vector<std::string>& names, int depth) {
    std::uint64_t bits = 0;
    for (const auto& name : names) {
        for (std::size_t k = 0; k < s.inputs().size() && k < 64; ++k)
            if (s.inputs()[k].id == name) bits |= std::uint64_t{1} << k;
        if (depth < 16)  // measures name measures; the loader refused cycles, the depth is a guard
            for (const auto& m : s.measures())
                if (m.id == name) bits |= inputs_read_by(s, m.parsed.names(), depth + 1);
    }
    return bits;
}

}  // namespace

std::uint64_t scorecard::inputs_read(const formula& f) const { return inputs_read_by(*this, f.names(), 0); }

namespace {

// English names of the unit symbols of the zh vocabulary (units.cpp), for explanations in English.
const std::vector<std::pair<std::string_view, std::string_view>>& english_bases() {
    static const std::vector<std::pair<std::string_view, std::string_view>> table = {
        {"吨标准煤", "tce"},      {"平方公里", "km²"},      {"个百分点", "pp"}, {"百分点", "pp"},
        {"人次", "person-times"}, {"人年", "person-years"}, {"元", "yuan"},     {"人", "persons"},
        {"件", "items"},          {"项", "items"},          {"家", "firms"},    {"个", "units"},
        {"户", "households"},     {"所", "institutions"},   {"次", "times"},
    };
    return table;
}

// One term of a unit symbol ("万元") in English ("10k yuan"); a term it does not know stays as written.
std::string english_term(std::string_view term) {
    static const std::vector<std::pair<std::string_view, std::string_view>> prefixes = {
        {"万", "10k "}, {"亿", "100 million "}, {"千", "thousand "}, {"百", "hundred "}, {"十", "ten "}};
    std::string prefix;
    for (std::string_view rest = term;;) {
        for (const auto& [zh, en] : english_bases())
            if (rest == zh) return prefix + std::string(en);
        auto p = std::find_if(prefixes.begin(), prefixes.end(),
                              [&](const auto& x) { return rest.substr(0, x.first.size()) == x.first; });
        if (p == prefixes.end() || rest.size() == p->first.size()) return std::string(term);
        prefix += p->second;
        rest.remove_prefix(p->first.size());
    }
}

// A unit symbol in English, term by term ("万元/人" → "10k yuan/persons").
std::string english_unit(const std::string& symbol) {
    std::string out, term;
    auto flush = [&] { out += english_term(term), term.clear(); };
    for (std::size_t i = 0; i < symbol.size(); ++i) {
        const bool dot = symbol.compare(i, std::string_view("·").size(), "·") == 0;
        if (symbol[i] == '/' || symbol[i] == '*' || dot) {
            flush();
            out += symbol[i] == '/' ? "/" : "·";
            i += dot ? std::string_view("·").size() - 1 : 0;
        } else {
            term += symbol[i];
        }
    }
    flush();
    return out;
}

// A value with its unit: "35人" in Chinese, "35 persons" in English; shares keep "3.2%".
// `exact`: every digit of v (its shortest form), where the digits decide (12.000000001 is no
// whole number of persons, shown as 12 it reads as one).
std::string format_value(double v, const unit& u, bool zh, bool exact = false) {
    std::string number = format_number(v);
    if (exact && std::isfinite(v)) {
        char text[32];
        number.assign(text, std::to_chars(text, text + sizeof text, v).ptr);
    }
    const std::string& sym = u.symbol();
    if (v != v || sym == "1") return number;
    if (zh || sym == "%" || sym == "‰") return number + sym;
    return number + " " + english_unit(sym);
}

// Chinese text takes the full-width semicolon: "未通过：总分 54; 需…" mixed the two scripts' marks.
const char* semicolon(bool zh) { return zh ? "；" : "; "; }

std::string join(const std::vector<std::string>& parts, bool zh) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : semicolon(zh)) + p;
    return out;
}

// The explanation of one firm: scored again alone on the vector machine, so the messages can
// quote its inputs and measures by name.
class firm_explainer {
public:
    firm_explainer(const scorecard& s, bool zh)
        : s_(s),
          c_(detail::scorer::compiled(s)),
          zh_(zh),
          regs_(static_cast<std::size_t>(c_.prog.registers()) * chunk) {
        one_.rows = 1;
        // The register of each note's measure, found once (the loader checked that it exists).
        for (const auto& note : s.notes())
            for (std::size_t k = 0; k < s.measures().size(); ++k)
                if (s.measures()[k].id == note.condition) note_regs_.push_back(c_.measure_reg[k]);
        // A validity check that reads an input already invalid only repeats its consequence ("R&D in
        // China exceeds the R&D total of the years counted" after years_operating = 0): the cause is said.
        for (const auto& check : s.validity()) validity_reads_.push_back(s.inputs_read(check.parsed));
    }

    // `cell_reasons`: per cell (row-major, rows × inputs) why it is invalid for computing, or null.
    std::string line(const scorecard_columns& in, const scorecard_result& result, std::size_t row,
                     const reason* cell_reasons) {
        std::string text = verdict(in, result, row, cell_reasons);
        std::string notes = clipped_scores(in, row);
        if (result.valid(row) && result.route[row] < 0) {
            const std::string decided = pack_notes();
            if (!decided.empty()) notes += (notes.empty() ? "" : semicolon(zh_)) + decided;
        }
        return notes.empty() ? text : text + (zh_ ? "。注：" : ". Note: ") + notes;
    }

private:
    std::string verdict(const scorecard_columns& in, const scorecard_result& result, std::size_t row,
                        const reason* cell_reasons) {
        scorecard_columns single{1, {}};
        for (const double* col : in.columns) single.columns.push_back(col ? col + row : nullptr);
        detail::shape_result(s_, 1, s_.has_ranges(), one_);
        // Under the policy the result was scored with: the points and totals the messages quote
        // ("innovation-ability score {total}") are then the ones the result holds (round 37: a mid
        // result's explanation stated the low policy's score).
        detail::scorer::run_chunk(s_, c_, single, 0, 1, regs_.data(), result.policy, one_);
        // A firm with a cell the loader could not use is invalid input whatever the result was scored from.
        const std::uint64_t unreadable = unreadable_inputs(cell_reasons, row);
        if (!result.valid(row) || unreadable) return invalid_line(in, result, row, cell_reasons, unreadable);
        std::vector<std::string> parts;
        for (std::size_t g = 0; g < s_.gates().size(); ++g)
            if (!result.gates(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(g)))
                parts.push_back(message(s_.gates()[g]));
        if (!parts.empty()) return (zh_ ? "不符合条件：" : "not eligible: ") + join(parts, zh_);
        if (result.route[row] >= 0)
            return (zh_ ? "直接认定：" : "qualifies directly: ") +
                   message(s_.routes()[static_cast<std::size_t>(result.route[row])]);
        const std::string score =
            (zh_ ? "总分 " : "total ") + format_number(result.total(static_cast<Eigen::Index>(row)));
        if (result.passed(row)) return (zh_ ? "通过：" : "passes: ") + score;
        return (zh_ ? "未通过：" : "fails: ") + score + semicolon(zh_) + message(s_.pass_rule());
    }

    // Expert scores above their item's maximum count as the maximum (indicators.md §6a), said here.
    std::string clipped_scores(const scorecard_columns& in, std::size_t row) const {
        std::vector<std::string> parts;
        for (const auto& it : s_.items()) {
            if (it.expert_input.empty()) continue;
            const auto k = static_cast<std::size_t>(s_.input_index(it.expert_input));
            const double v = in.columns[k] ? in.columns[k][row] : nan_value;
            if (!(v > it.max)) continue;
            parts.push_back(zh_ ? "专家评分" + it.expert_input + "为" + format_number(v) + "，超过上限，按" +
                                      format_number(it.max) + "分计"
                                : "expert score " + it.expert_input + " " + format_number(v) +
                                      " is above its maximum, counted as " + format_number(it.max));
        }
        return join(parts, zh_);
    }

    // The pack's [[note]]s whose measure is nonzero for the firm scored last (verdict()).
    std::string pack_notes() const {
        std::vector<std::string> parts;
        for (std::size_t n = 0; n < note_regs_.size(); ++n) {
            const double v = regs_[static_cast<std::size_t>(note_regs_[n]) * chunk];
            const auto& note = s_.notes()[n];
            if (!std::isnan(v) && v != 0) parts.push_back(fill(zh_ ? note.message_zh : note.message_en));
        }
        return join(parts, zh_);
    }

    // Bit k: input k's cell of `row` has a reason in `cell_reasons` (none when that is null).
    std::uint64_t unreadable_inputs(const reason* cell_reasons, std::size_t row) const {
        std::uint64_t bits = 0;
        const std::size_t n = s_.inputs().size();
        for (std::size_t k = 0; cell_reasons && k < n && k < 64; ++k)
            if (cell_reasons[row * n + k] != reason::none) bits |= std::uint64_t{1} << k;
        return bits;
    }

    // The cells of `row` the loader could not use (`unreadable`, their reasons in `cell_reasons`):
    // NaN in the columns, yet no value the user left blank, so never called "missing".
    std::string unreadable_part(const reason* cell_reasons, std::size_t row, std::uint64_t unreadable) const {
        const std::size_t n = s_.inputs().size();
        std::string cells;
        for (std::size_t k = 0; k < n; ++k)
            if (unreadable >> k & 1u)
                cells += (cells.empty() ? "" : ", ") + s_.inputs()[k].id + " (" +
                         std::string(to_string(cell_reasons[row * n + k])) + ")";
        return zh_ ? cells + " 的值不能用于计算（见加载报告）" : cells + " invalid for computing (see the load report)";
    }

    // The bound a value breaks, in the input's unit beside the value ("-5 10k yuan, below the minimum
    // 0 10k yuan"): the rule is named, not only the figure.
    std::string bound_broken(double v, const scorecard_input& input) const {
        const bool low = v<input.min, high = v> input.max;
        if (!std::isfinite(v) || (!low && !high)) return {};  // an infinity is invalid whatever the bounds
        const std::string bound = format_value(low ? input.min : input.max, input.unit, zh_);
        if (zh_) return (low ? "，低于下限" : "，高于上限") + bound;
        return (low ? ", below the minimum " : ", above the maximum ") + bound;
    }

    std::string invalid_line(const scorecard_columns& in, const scorecard_result& result, std::size_t row,
                             const reason* cell_reasons, std::uint64_t unreadable) const {
        const auto& inputs = s_.inputs();
        std::vector<std::string> parts;
        if (unreadable) parts.push_back(unreadable_part(cell_reasons, row, unreadable));
        for (std::size_t k = 0; k < inputs.size(); ++k)
            if (result.problems[row] >> k & 1u && !(unreadable >> k & 1u)) {
                const double v = in.columns[k] ? in.columns[k][row] : nan_value;
                const bool fraction = inputs[k].integer && std::isfinite(v) && !detail::whole(v);
                std::string what = v != v ? (zh_ ? "缺失" : "missing") : format_value(v, inputs[k].unit, zh_, fraction);
                if (fraction) what += zh_ ? "，须为整数" : ", not a whole number";
                // An infinity is what converting 1e308 亿元 into the pack's 万元 gives: "inf 10k yuan"
                // alone read as if the firm had written inf.
                if (std::isinf(v))
                    what += zh_ ? "，不是数：换算为该单位后超出双精度范围（约1.8e308）"
                                : ", no figure: beyond the range of a double (about 1.8e308) in this unit";
                what += bound_broken(v, inputs[k]);
                parts.push_back((zh_ ? "输入" : "input ") + inputs[k].id + (zh_ ? "无效（" : " invalid (") + what +
                                (zh_ ? "）" : ")"));
            }
        const std::uint64_t input_bits =
            inputs.size() >= 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << inputs.size()) - 1;
        const std::uint64_t invalid_inputs = (result.problems[row] & input_bits) | unreadable;
        for (std::size_t j = 0; j < s_.validity().size(); ++j)
            if (result.problems[row] >> (inputs.size() + j) & 1u && !(validity_reads_[j] & invalid_inputs))
                parts.push_back(message(s_.validity()[j]));
        return (zh_ ? "输入无效：" : "invalid input: ") + join(parts, zh_);
    }

    // Values by name for the message templates.
    bool value_of(const std::string& name, std::string& text) const {
        auto at = [&](int r) { return regs_[static_cast<std::size_t>(r) * chunk]; };
        for (std::size_t k = 0; k < s_.inputs().size(); ++k)
            if (s_.inputs()[k].id == name)
                return text = format_value(at(c_.input_reg[k]), s_.inputs()[k].unit, zh_), true;
        for (std::size_t k = 0; k < s_.measures().size(); ++k)
            if (s_.measures()[k].id == name) {
                const double v = at(c_.measure_reg[k]);
                return text = format_value(v, s_.measures()[k].unit, zh_) + (v != v ? why_no_value(k) : ""), true;
            }
        for (std::size_t k = 0; k < s_.items().size(); ++k)
            if (s_.items()[k].id == name) return text = format_number(at(c_.item_reg[k])), true;
        if (name == "total") return text = format_number(at(c_.total_reg)), true;
        return false;
    }

    // A measure without a value quoted in a message ("R&D ratio —") says what it is computed from
    // and the firm's figures there: "— (rd_sum / sales_sum has no value: rd_sum 0 10k yuan,
    // sales_sum 0 10k yuan)", so a gate failed on zero sales does not read as a low ratio.
    std::string why_no_value(std::size_t measure) const {
        auto at = [&](int r) { return regs_[static_cast<std::size_t>(r) * chunk]; };
        std::vector<std::string> figures;
        std::vector<std::string> seen;
        for (const auto& name : s_.measures()[measure].parsed.names()) {
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
            seen.push_back(name);
            std::string figure;
            for (std::size_t k = 0; k < s_.inputs().size(); ++k)
                if (s_.inputs()[k].id == name) figure = format_value(at(c_.input_reg[k]), s_.inputs()[k].unit, zh_);
            for (std::size_t k = 0; k < s_.measures().size(); ++k)
                if (s_.measures()[k].id == name)
                    figure = format_value(at(c_.measure_reg[k]), s_.measures()[k].unit, zh_);
            if (!figure.empty()) figures.push_back(name + (zh_ ? "为" : " ") + figure);
        }
        std::string listed;
        for (const auto& f : figures) listed += (listed.empty() ? "" : zh_ ? "，" : ", ") + f;
        const std::string& formula = s_.measures()[measure].formula_text;
        if (zh_) return "（" + formula + " 无法计算" + (listed.empty() ? "" : "：" + listed) + "）";
        return " (" + formula + " has no value" + (listed.empty() ? "" : ": " + listed) + ")";
    }

    std::string fill(const std::string& pattern) const {
        std::string out;
        for (std::size_t i = 0; i < pattern.size(); ++i) {
            if (pattern[i] == '{') {
                const std::size_t close = pattern.find('}', i);
                std::string text;
                if (close != std::string::npos && value_of(pattern.substr(i + 1, close - i - 1), text)) {
                    out += text;
                    i = close;
                    continue;
                }
            }
            out += pattern[i];
        }
        return out;
    }

    std::string message(const scorecard_condition& cond) const {
        const std::string& m = zh_ ? cond.message_zh : cond.message_en;
        return m.empty() ? cond.id + ": " + cond.condition : fill(m);
    }

    const scorecard& s_;
    const detail::compiled_scorecard& c_;
    bool zh_;
    std::vector<double> regs_;
    std::vector<std::uint64_t> validity_reads_;  // per validity check: the inputs it reads
    std::vector<int> note_regs_;                 // per note of the pack
    scorecard_result one_;
};

// The explanations read the result by the pack's gate, item and route numbers: the result of
// another pack (tech-sme-2017's 4 gates read as hnte-2016's 8) would be read past its end.
void check_result_shape(const scorecard& s, const scorecard_result& r) {
    const auto rows = static_cast<Eigen::Index>(r.rows);
    const bool fits = r.status.size() == r.rows && r.route.size() == r.rows && r.problems.size() == r.rows &&
                      r.total.rows() == rows && r.gates.rows() == rows &&
                      r.gates.cols() == static_cast<Eigen::Index>(s.gates().size()) &&
                      r.points.cols() == static_cast<Eigen::Index>(s.items().size());
    if (!fits)
        throw argument_error("scorecard '" + s.id() + "': explain takes a result of this pack (" +
                             std::to_string(s.gates().size()) + " gates, " + std::to_string(s.items().size()) +
                             " items); this one has " + std::to_string(r.gates.cols()) + " gates and " +
                             std::to_string(r.points.cols()) + " items: the result of another pack?");
    for (std::size_t row = 0; row < r.rows; ++row)
        if (r.route[row] >= 0 && static_cast<std::size_t>(r.route[row]) >= s.routes().size())
            throw argument_error("scorecard '" + s.id() + "': explain takes a result of this pack; firm " +
                                 std::to_string(row) + " took direct route " + std::to_string(r.route[row]) +
                                 " of a pack with " + std::to_string(s.routes().size()) + " routes");
}

}  // namespace

std::vector<std::string> scorecard::explain(const scorecard_columns& in, const scorecard_result& result,
                                            const std::vector<std::size_t>& rows, const std::string& language) const {
    return explain(in, result, rows, language, {});
}

std::vector<std::string> scorecard::explain(const scorecard_columns& in, const scorecard_result& result,
                                            const std::vector<std::size_t>& rows, const std::string& language,
                                            const std::vector<reason>& cell_reasons) const {
    const bool zh = language == "zh";
    if (!zh && language != "en") {
        const std::vector<std::string_view> languages{"zh", "en"};
        const std::string best = detail::closest_name(
            language, languages, [](std::string_view l) { return l; },
            [](std::string_view l) {
                std::string folded(l);
                for (char& ch : folded)
                    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
                return folded;
            });
        throw argument_error("language must be 'zh' or 'en', not '" + language + "'" +
                             (best.empty() ? std::string() : " (did you mean '" + best + "'?)"));
    }
    if (in.columns.size() != inputs_.size() || result.rows != in.rows)
        throw argument_error("scorecard '" + id_ + "': explain takes the " + std::to_string(inputs_.size()) +
                             " input columns and the result of scoring them");
    check_result_shape(*this, result);
    if (!cell_reasons.empty() && cell_reasons.size() != in.rows * inputs_.size())
        throw argument_error("scorecard '" + id_ + "': explain takes a reason per cell (" + std::to_string(in.rows) +
                             " rows × " + std::to_string(inputs_.size()) + " inputs) or none; " +
                             detail::counted(cell_reasons.size(), "reason") + " given");
    firm_explainer explainer(*this, zh);
    std::vector<std::string> lines;
    for (std::size_t row : rows) {
        poll_interrupt();  // firm by firm: Ctrl-C between firms
        report_progress(lines.size(), rows.size());
        if (row >= in.rows)
            throw argument_error("explain: row " + std::to_string(row) + " out of range (" + std::to_string(in.rows) +
                                 " rows)");
        lines.push_back(explainer.line(in, result, row, cell_reasons.empty() ? nullptr : cell_reasons.data()));
    }
    report_progress(rows.size(), rows.size());  // a progress bar ends full, not one firm short
    return lines;
}

std::vector<std::string> scorecard::explain(const scorecard_inputs& in, const scorecard_result& result,
                                            const std::vector<std::size_t>& rows, const std::string& language) const {
    return explain(in.columns(), result, rows, language, in.invalid_reasons_);
}

}  // namespace zhibiao
