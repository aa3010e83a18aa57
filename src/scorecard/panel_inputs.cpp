// Scorecards: a pack's inputs taken from a panel by name, in the pack's units.
#include "core/conversion.hpp"
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <cmath>

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

// Whether `name` reads as a misspelling of the input `id`: one or two letters from it
// ("rd_expens" for rd_expense), or, for longer names, another ending of the same long stem
// ("hnte_certificate" for hnte_certified): a shared start of 8 characters or more, at least two
// thirds of each name, after which both go on. A name that merely extends the other ("sales"
// beside sales_y1, "rd_expense_2023") is a related column, not a misspelling. The Python
// DataFrame path (_suggest.misspelt) makes the same test.
bool looks_misspelt(const std::string& name, const std::string& id) {
    const std::size_t allowed = std::min<std::size_t>(2, (id.size() + 1) / 5);
    if (detail::edit_distance(name, id) <= allowed) return true;
    std::size_t stem = 0;
    while (stem < name.size() && stem < id.size() && name[stem] == id[stem]) ++stem;
    return stem >= 8 && stem < name.size() && stem < id.size() && 3 * stem >= 2 * name.size() &&
           3 * stem >= 2 * id.size();
}

// A column of the panel that is no input of the pack but reads as a misspelling of an absent
// optional input (looks_misspelt): a misspelt header, which would otherwise leave the input
// blank for every firm (a direct-route flag ignored, a firm scored that qualifies directly).
std::string misspelt_column(const panel& p, const std::string& id, const std::vector<scorecard_input>& inputs) {
    for (const column& c : p.columns()) {
        const std::string& name = c.name();
        const bool an_input =
            std::any_of(inputs.begin(), inputs.end(), [&](const scorecard_input& i) { return i.id == name; });
        if (!an_input && looks_misspelt(name, id)) return name;
    }
    return {};
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

// A column headed with the Chinese name of an absent input (its full name, or the short form
// when no other input of the pack shares it): the input in the table under the name the pack
// gives it in Chinese, which would otherwise be left blank — for an optional input silently,
// as a direct-route flag "有效期内高新技术企业资格" beside a firm then scored. The Python DataFrame
// path (scorecards._chinese_named_column) makes the same test.
std::string chinese_named_column(const panel& p, const scorecard_input& spec,
                                 const std::vector<scorecard_input>& inputs) {
    const std::string stem = chinese_stem(spec.name_zh);
    const bool stem_unique = std::none_of(inputs.begin(), inputs.end(), [&](const scorecard_input& i) {
        return i.id != spec.id && chinese_stem(i.name_zh) == stem;
    });
    for (const column& c : p.columns()) {
        const std::string& name = c.name();
        if (!name.empty() && (name == spec.name_zh || (stem_unique && name == stem))) return name;
    }
    return {};
}

// The unit a panel column's values are in: the caller's override, the panel's own, or none
// (then the pack's unit is assumed).
std::optional<unit> source_unit(const column& col, const std::vector<std::pair<std::string, std::string>>& units) {
    for (const auto& [name, text] : units)
        if (name == col.name()) {
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

void scorecard::check_units(const std::vector<std::pair<std::string, std::string>>& units) const {
    for (const auto& entry : units)
        if (input_index(entry.first) < 0) {
            location where;
            where.variable = entry.first;
            throw lookup_error("units: scorecard '" + id_ + "' has no input '" + entry.first + "'" +
                                   input_suggestion(entry.first, inputs_),
                               entry.first, where);
        }
}

scorecard_inputs scorecard::inputs_from(const panel& p,
                                        const std::vector<std::pair<std::string, std::string>>& units) const {
    check_units(units);
    scorecard_inputs out;
    out.columns_.rows = p.rows();
    for (std::size_t k = 0; k < inputs_.size(); ++k) {
        const scorecard_input& spec = inputs_[k];
        const column* col = p.find(spec.id);
        location where;
        where.variable = spec.id;
        if (!col) {
            const std::string chinese = chinese_named_column(p, spec, inputs_);
            if (!chinese.empty())
                throw missing_variable_error("scorecard '" + id_ + "' input '" + spec.id + "' (" + spec.name_zh +
                                                 ") is not in the data, but column '" + chinese +
                                                 "' is: its Chinese name (rename the column '" + spec.id + "')",
                                             spec.id, where);
            if (!spec.optional)
                throw missing_variable_error("scorecard '" + id_ + "' needs column '" + spec.id + "' (" + spec.name_zh +
                                                 ", " + spec.unit_text + ")",
                                             spec.id, where);
            const std::string near = misspelt_column(p, spec.id, inputs_);
            if (!near.empty())
                throw missing_variable_error("scorecard '" + id_ + "' input '" + spec.id + "' (" + spec.name_zh +
                                                 ") is not in the data, but column '" + near +
                                                 "' is: a misspelt header? (rename it '" + spec.id + "')",
                                             spec.id, where);
            out.columns_.columns.push_back(nullptr);
            continue;
        }
        const std::optional<unit> from = source_unit(*col, units);
        if (from && !from->convertible_to(spec.unit))
            throw incompatible_units_error("column '" + spec.id + "' is in '" + from->symbol() + "' (" +
                                               from->dim().to_string() + "), which cannot convert to the pack's '" +
                                               spec.unit_text + "' (" + spec.unit.dim().to_string() + ")",
                                           where);
        const conversion conv = from ? from->to(spec.unit) : conversion{};
        if (conv.identity()) {
            out.owners_.push_back(col->storage_owner());
            out.columns_.columns.push_back(col->data());
        } else {
            auto converted = std::make_shared<std::vector<double>>(col->size());
            for (std::size_t r = 0; r < col->size(); ++r)
                (*converted)[r] = detail::convert_exactly(conv, col->data()[r]);
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

}  // namespace zhibiao
