// Scorecards: a pack's inputs taken from a panel by name, in the pack's units.
#include "core/conversion.hpp"
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string_view>
#include <utility>

#include "scorecard/compiled.hpp"
#include "scorecard/internal.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao {

const char* status_name(firm_status status) {
    switch (status) {
        case firm_status::passed:
            return "passed";
        case firm_status::direct:
            return "direct";
        case firm_status::failed:
            return "failed";
        case firm_status::ineligible:
            return "ineligible";
        case firm_status::invalid_input:
            return "invalid input";
    }
    return "invalid input";
}

namespace {

std::string input_suggestion(const std::string& name, const std::vector<scorecard_input>& inputs) {
    return detail::suggestion(name, inputs, [](const scorecard_input& i) -> std::string_view { return i.id; });
}

// A heading as suggestions compare names: capitals as small letters, full-width forms as ASCII,
// and without its blanks (ASCII and the ideographic space).
std::string heading_key(std::string_view heading) {
    std::string key = detail::suggestion_key(heading);
    std::string out;
    for (std::size_t i = 0; i < key.size(); ++i) {
        if (key[i] == ' ' || key[i] == '\t') continue;
        if (key.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000
            i += 2;
            continue;
        }
        out.push_back(key[i]);
    }
    return out;
}

// Whether `name` reads as a misspelling of the input `id`: one or two letters from it
// ("rd_expens" for rd_expense), or, for longer names, another ending of the same long stem
// ("hnte_certificate" for hnte_certified): a shared start of 8 characters or more, at least two
// thirds of each name, after which both go on. A name that merely extends the other ("sales"
// beside sales_y1, "rd_expense_2023") is a related column, not a misspelling. The Python
// DataFrame path asks scorecard::misspelt_heading too.
bool looks_misspelt(const std::string& written, const std::string& id) {
    // Capitals, full-width letters and blanks are compared away (IP_CLASS2, ｓａｌｅｓ, "rd expense"
    // read as ip_class2, sales, rd_expense): such a column is the input's, under a heading that
    // does not match, and must be named rather than dropped.
    const std::string name = heading_key(written);
    const std::size_t allowed = std::min<std::size_t>(2, (id.size() + 1) / 5);
    if (detail::edit_distance(name, id) <= allowed) return true;
    std::size_t stem = 0;
    while (stem < name.size() && stem < id.size() && name[stem] == id[stem]) ++stem;
    return stem >= 8 && stem < name.size() && stem < id.size() && 3 * stem >= 2 * name.size() &&
           3 * stem >= 2 * id.size();
}

// The short form of an input's Chinese name: up to its first bracket ("科技人员数" of
// "科技人员数（累计工作183天以上）"), as a table heads the column.
std::string chinese_stem(const std::string& name_zh) {
    std::size_t cut = std::min(name_zh.find("（"), name_zh.find('('));
    if (cut == std::string::npos) cut = name_zh.size();
    std::string stem = name_zh.substr(0, cut);
    while (!stem.empty() && stem.back() == ' ') stem.pop_back();
    return stem;
}

// The characters of a UTF-8 text, each as its bytes (a lead byte and its continuation bytes).
std::vector<std::string_view> characters(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t i = 0; i < text.size();) {
        std::size_t j = i + 1;
        while (j < text.size() && (static_cast<unsigned char>(text[j]) & 0xC0) == 0x80) ++j;
        out.push_back(text.substr(i, j - i));
        i = j;
    }
    return out;
}

// Levenshtein distance counted in characters, not bytes (营业收人 is one from 营业收入).
std::size_t character_distance(std::string_view a, std::string_view b) {
    const std::vector<std::string_view> x = characters(a), y = characters(b);
    std::vector<std::size_t> row(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[y.size()];
}

// Whether `heading` reads as a misspelling of an input's Chinese heading `name` (its name_zh,
// short form or an other name): one character changed, missing or added (营业收人 for 营业收入,
// 研发费 for 研发费用), the name of 4 characters or more (净资产 and 总资产 are two figures, one
// character apart) and the heading of 3 or more; a heading that only extends the name
// (研发费用2023, 研发费用合计) is a related column, as for ids.
bool looks_misspelt_chinese(const std::string& heading, const std::string& name) {
    if (!name.empty() && heading != name && heading_key(heading) == heading_key(name)) return true;  // "营业收入　"
    if (name.empty() || heading.compare(0, name.size(), name) == 0) return false;
    if (characters(heading).size() < 3 || characters(name).size() < 4) return false;
    return character_distance(heading, name) == 1;
}

// Whether `heading` names an input of the pack the way input_columns reads it (id, Chinese name,
// its short form or an other name): such a column is some input's, never a misspelling.
bool names_an_input(const std::string& heading, const std::vector<scorecard_input>& inputs) {
    return std::any_of(inputs.begin(), inputs.end(), [&](const scorecard_input& in) {
        return heading == in.id || heading == in.name_zh || heading == chinese_stem(in.name_zh) ||
               std::find(in.other_names.begin(), in.other_names.end(), heading) != in.other_names.end();
    });
}

// Whether `heading` is, its capitals, width and blanks apart, the id of an input other than
// inputs[k] (IP_CLASS2 is ip_class2's column, never a misspelt ip_class1).
bool folds_to_another(const std::string& heading, std::size_t k, const std::vector<scorecard_input>& inputs) {
    const std::string key = heading_key(heading);
    for (std::size_t j = 0; j < inputs.size(); ++j)
        if (j != k && heading_key(inputs[j].id) == key) return true;
    return false;
}

// The unit a panel column's values are in: the caller's override, the panel's own, or none
// (then the pack's unit is assumed).
std::optional<unit> source_unit(const column& col, const std::string& id,
                                const std::vector<std::pair<std::string, std::string>>& units) {
    for (const auto& [name, text] : units)
        if (name == id) {
            try {
                return unit::parse(text);
            } catch (const unit_error& e) {
                location where;
                where.variable = name;
                throw unknown_unit_error(text, where);
            }
        }
    if (col.unit_given()) return col.unit();
    return std::nullopt;
}

}  // namespace

namespace {
std::string list_of(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "'" : ", '") + n + "'";
    return out;
}
}  // namespace

std::vector<std::string> scorecard::input_columns(const std::vector<std::string>& headings) const {
    std::vector<std::string> found(inputs_.size());
    std::vector<std::vector<std::string>> all(inputs_.size());  // every column that gives input k
    for (const std::string& h : headings) {
        if (h.empty()) continue;
        std::vector<std::size_t> claim;  // the inputs this heading names
        for (std::size_t k = 0; k < inputs_.size(); ++k) {
            const scorecard_input& in = inputs_[k];
            if (h == in.id || (!in.name_zh.empty() && h == in.name_zh) ||
                std::find(in.other_names.begin(), in.other_names.end(), h) != in.other_names.end())
                claim.push_back(k);
        }
        if (claim.empty())  // the short form before a bracket, of one input or several
            for (std::size_t k = 0; k < inputs_.size(); ++k)
                if (chinese_stem(inputs_[k].name_zh) == h) claim.push_back(k);
        if (claim.size() > 1) {
            std::vector<std::string> ids;
            bool one_unheaded = false;
            for (auto k : claim) {
                ids.push_back(inputs_[k].id);
                one_unheaded |= std::find(headings.begin(), headings.end(), inputs_[k].id) == headings.end();
            }
            if (!one_unheaded) continue;  // every input it could be has its own column
            location where;
            where.variable = h;
            throw lookup_error("scorecard '" + id_ + "': column '" + h + "' could be any of the inputs " +
                                   list_of(ids) + " (the short form of their Chinese names): head it with the id meant",
                               h, where);
        }
        if (claim.size() == 1) all[claim[0]].push_back(h);
    }
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
        if (all[k].size() > 1) {
            location where;
            where.variable = inputs_[k].id;
            throw lookup_error("scorecard '" + id_ + "' input '" + inputs_[k].id + "' (" + inputs_[k].name_zh +
                                   ") is given by " + std::to_string(all[k].size()) + " columns, " + list_of(all[k]) +
                                   ": which is meant cannot be told (keep one)",
                               inputs_[k].id, where);
        }
        if (!all[k].empty()) found[k] = all[k][0];
    }
    return found;
}

std::pair<std::string, std::string> scorecard::misspelt_heading(const std::vector<std::string>& headings,
                                                                std::size_t k) const {
    const scorecard_input& in = inputs_.at(k);
    std::vector<std::string> chinese = in.other_names;  // the Chinese headings of the input
    if (!in.name_zh.empty()) chinese.insert(chinese.begin(), {in.name_zh, chinese_stem(in.name_zh)});
    for (const std::string& h : headings) {
        if (h.empty() || names_an_input(h, inputs_) || folds_to_another(h, k, inputs_)) continue;
        if (looks_misspelt(h, in.id)) return {h, in.id};
        for (const std::string& name : chinese)
            if (looks_misspelt_chinese(h, name)) return {h, name};
    }
    return {};
}

std::string scorecard::absent_input_problem(const std::vector<std::string>& headings, std::size_t k) const {
    const scorecard_input& spec = inputs_.at(k);
    const auto [near, meant] = misspelt_heading(headings, k);
    // IP_CLASS2 is no misspelling to its writer: say why it was not read as ip_class2
    const std::string as_written =
        !near.empty() && heading_key(near) == heading_key(meant)
            ? ": headings are read as written, capitals, full-width letters and blanks included"
            : "";
    // a number without unit (days, a 1 = yes flag) has none to name: "(注册成立至申报日天数)", not ", 1)"
    const bool unit_named = !spec.unit_text.empty() && spec.unit_text != "1";
    if (!spec.optional)
        return "scorecard '" + id_ + "' needs column '" + spec.id + "' (" + spec.name_zh +
               (unit_named ? ", " + spec.unit_text : std::string()) + ")" +
               (near.empty() ? std::string()
                             : "; column '" + near + "' is no input of the pack: a misspelt header? (did you mean '" +
                                   meant + "'?" + as_written + ")");
    if (near.empty()) return {};
    return "scorecard '" + id_ + "' input '" + spec.id + "' (" + spec.name_zh + ") is not in the data, but column '" +
           near + "' is: a misspelt header? (rename it '" + meant + "'" + as_written + ")";
}

namespace {
// The input a key of `units` names: its id, or a Chinese heading input_columns reads as it
// (营业收入 → sales); -1 for none.
int unit_key_input(const scorecard& card, const std::string& key) {
    const int k = card.input_index(key);
    if (k >= 0) return k;
    const std::vector<std::string> headed = card.input_columns({key});
    for (std::size_t i = 0; i < headed.size(); ++i)
        if (!headed[i].empty()) return static_cast<int>(i);
    return -1;
}
}  // namespace

void scorecard::check_units(const std::vector<std::pair<std::string, std::string>>& units) const {
    std::vector<std::string> key_of(inputs_.size());  // two keys for one input: which one wins is no rule
    for (const auto& entry : units) {
        location where;
        where.variable = entry.first;
        const int k = unit_key_input(*this, entry.first);
        if (k < 0)
            throw lookup_error("units: scorecard '" + id_ + "' has no input '" + entry.first + "'" +
                                   input_suggestion(entry.first, inputs_),
                               entry.first, where);
        std::string& earlier = key_of[static_cast<std::size_t>(k)];
        if (!earlier.empty())
            throw argument_error("units: '" + earlier + "' and '" + entry.first + "' both name input '" +
                                     inputs_[static_cast<std::size_t>(k)].id + "' (" +
                                     inputs_[static_cast<std::size_t>(k)].name_zh + "): give its unit once",
                                 where);
        earlier = entry.first;
    }
}

scorecard_inputs scorecard::inputs_from(const panel& p,
                                        const std::vector<std::pair<std::string, std::string>>& units) const {
    check_units(units);
    // keyed by input id, whatever the key named (an id or a Chinese heading) or the column's heading
    std::vector<std::pair<std::string, std::string>> units_by_id;
    for (const auto& [key, text] : units)
        units_by_id.emplace_back(inputs_[static_cast<std::size_t>(unit_key_input(*this, key))].id, text);
    scorecard_inputs out;
    out.columns_.rows = p.rows();
    std::vector<std::string> headings;
    for (const column& c : p.columns()) headings.push_back(c.name());
    const std::vector<std::string> heading_of = input_columns(headings);
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
        const scorecard_input& spec = inputs_[k];
        const column* col = heading_of[k].empty() ? nullptr : p.find(heading_of[k]);
        if (col && heading_of[k] != spec.id) out.renamed_.emplace_back(heading_of[k], spec.id);
        location where;
        where.variable = spec.id;
        if (!col) {
            if (std::string problem = absent_input_problem(headings, k); !problem.empty())
                throw missing_variable_error(problem, spec.id, where);
            out.columns_.columns.push_back(nullptr);
            continue;
        }
        const std::optional<unit> from = source_unit(*col, spec.id, units_by_id);
        if (from && !from->convertible_to(spec.unit))
            throw incompatible_units_error("column '" + col->name() + "'" +
                                               (col->name() == spec.id ? "" : " (input '" + spec.id + "')") +
                                               " is in '" + from->symbol() + "' (" + from->dim().to_string() +
                                               "), which cannot convert to the pack's '" + spec.unit_text + "' (" +
                                               spec.unit.dim().to_string() + ")",
                                           where);
        const conversion conv = from ? from->to(spec.unit) : conversion{};
        if (conv.identity()) {
            out.owners_.push_back(col->storage_owner());
            out.columns_.columns.push_back(col->data());
        } else {
            auto converted = std::make_shared<std::vector<double>>(col->size());
            convert_input(k, *from, col->data(), converted->data(), col->size());
            out.columns_.columns.push_back(converted->data());
            out.owners_.push_back(std::move(converted));
        }
        // A value that was there but is invalid for computing (unreadable, negative, an invalid
        // part) makes the firm invalid input; only a reason meaning "no value" reads as missing.
        const auto& reasons = col->reasons();
        for (std::size_t r = 0; r < reasons.size(); ++r)
            if (!reason_means_absent(reasons[r])) {
                if (out.unreadable_.empty()) {
                    out.unreadable_.assign(p.rows(), 0);
                    out.invalid_reasons_.assign(p.rows() * inputs_.size(), reason::none);
                }
                out.unreadable_[r] |= std::uint64_t{1} << k;
                out.invalid_reasons_[r * inputs_.size() + k] = reasons[r];
            }
    }
    return out;
}

namespace {

// A conversion's product is the written decimal d × 10^k rounded twice (d to the nearest double
// when read, the product to the nearest double): within 2 · 2^-53 of its size of d × 10^k. Only
// a value that near to a whole number, and not whole, is decided on its digits: shortest form
// (the digits a reader of the double wrote), the exponent moved by k, read again. Exact, so no
// tolerance decides: 11.5 stays 11.5 whatever its size below 2^52.
double whole_as_written(double x, double y, int k) {
    const double a = std::fabs(y);
    if (!(a < 0x1p52) || detail::whole(y)) return y;  // also NaN and ±inf
    const double nearest = (a + 0x1p52) - 0x1p52;
    if (std::fabs(a - nearest) > 0x1p-50 * a) return y;
    char text[64];
    const std::to_chars_result r = std::to_chars(text, text + 40, x, std::chars_format::scientific);
    char* e = std::find(text, r.ptr, 'e');
    int exponent = 0;
    if (r.ec != std::errc{} || e == r.ptr || std::from_chars(e + 1 + (e[1] == '+'), r.ptr, exponent).ec != std::errc{})
        return y;
    const std::to_chars_result moved = std::to_chars(e + 1, text + sizeof text, exponent + k);
    double written = y;
    if (std::from_chars(text, moved.ptr, written).ec != std::errc{}) return y;
    return detail::whole(written) ? written : y;
}

}  // namespace

void scorecard::convert_input(std::size_t k, const unit& from, const double* values, double* out, std::size_t n) const {
    const scorecard_input& spec = inputs_.at(k);
    const conversion conv = from.to(spec.unit);
    for (std::size_t r = 0; r < n; ++r) out[r] = detail::convert_exactly(conv, values[r]);
    if (!spec.integer || conv.factor != 1.0 || conv.exponent == 0) return;
    for (std::size_t r = 0; r < n; ++r) out[r] = whole_as_written(values[r], out[r], conv.exponent);
}

}  // namespace zhibiao
