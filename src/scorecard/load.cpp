// Scorecards: reading rule packs from TOML (the shipped ones built in).
#include "io/toml.hpp"

#include "core/text.hpp"
#include "zhibiao/scorecard.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <typeinfo>

#include "scorecard/compiled.hpp"
#include "scorecard/internal.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/error.hpp"
#include "core/error_context.hpp"

namespace zhibiao {

extern const char* const builtin_scorecard_tech_sme_2017;
extern const char* const builtin_scorecard_hnte_2016;
extern const char* const builtin_scorecard_hnte_2008;

namespace {

std::vector<band> read_bands(const detail::toml_reader& r, const std::string& item_id) {
    std::vector<band> bands;
    auto node = r.table()["bands"];
    const toml::array* a = node.as_array();
    if (!a || a->empty()) r.fail("bands", "must be a non-empty array of {min = ..., points = ...}");
    for (const auto& e : *a) {
        const toml::table* t = e.as_table();
        if (!t) r.fail("bands", "must hold tables");
        detail::toml_reader b(*t, r.source(), "item '" + item_id + "' band");
        b.allow_only({"min", "above", "points", "label"});
        band x;
        const bool has_min = static_cast<bool>((*t)["min"]), has_above = static_cast<bool>((*t)["above"]);
        if (has_min && has_above) b.fail("min", "and 'above' cannot both be given");
        if (has_min) x.bound = b.number("min", 0);
        if (has_above) x.bound = b.number("above", 0), x.inclusive = false;
        auto points = (*t)["points"];
        if (points.is_number()) {
            x.points_lo = x.points_hi = *points.value<double>();
        } else if (const toml::array* range = points.as_array();
                   range && range->size() == 2 && (*range)[0].is_number() && (*range)[1].is_number()) {
            x.points_lo = *(*range)[0].value<double>();
            x.points_hi = *(*range)[1].value<double>();
            if (x.points_lo > x.points_hi) b.fail("points", "range must be [low, high]");
        } else {
            b.fail("points", "must be a number or [low, high]");
        }
        x.label = b.text("label");
        bands.push_back(x);
    }
    for (std::size_t k = 1; k < bands.size(); ++k)
        if (!(bands[k].bound < bands[k - 1].bound ||
              (bands[k].bound == bands[k - 1].bound && bands[k - 1].inclusive == false && bands[k].inclusive)))
            r.fail("bands", "must be ordered from the highest bound down, without overlaps");
    if (bands.back().bound != -std::numeric_limits<double>::infinity())
        r.fail("bands", "must end with a bottom band without 'min' (what every other value scores)");
    for (std::size_t k = 1; k < bands.size(); ++k)
        if (bands[k].points_lo > bands[k - 1].points_lo || bands[k].points_hi > bands[k - 1].points_hi)
            r.fail("bands", "must not give more points to a lower band (a higher value never scores less)");
    return bands;
}

int index_of(const std::vector<scorecard_input>& inputs, std::string_view id) {
    for (std::size_t k = 0; k < inputs.size(); ++k)
        if (inputs[k].id == id) return static_cast<int>(k);
    return -1;
}

/// " (did you mean 'x'?)" for the input id nearest to `id`, or "".
std::string input_suggestion(const std::vector<scorecard_input>& inputs, std::string_view id) {
    return detail::suggestion(id, inputs, [](const scorecard_input& in) -> std::string_view { return in.id; });
}

std::vector<scorecard_input> read_inputs(const toml::table& root, const std::string& source) {
    std::vector<scorecard_input> inputs;
    detail::each_toml_table(root, "input", source, [&](const detail::toml_reader& r) {
        scorecard_input in;
        in.id = r.text("id", true);
        const detail::toml_reader named = r.as("input '" + in.id + "'");
        named.allow_only({"id", "name_zh", "name_en", "other_names", "unit", "min", "max", "integer", "optional"});
        in.name_zh = named.text("name_zh");
        in.name_en = named.text("name_en");
        in.other_names = named.texts("other_names");
        in.unit_text = named.text("unit");
        if (in.unit_text.empty()) in.unit_text = "1";
        try {
            in.unit = unit::parse(in.unit_text);
        } catch (const unit_error& e) {
            detail::rethrow_at_key(named, "input '" + in.id + "'", "unit", e);
        }
        in.min = named.number("min", in.min);
        in.max = named.number("max", in.max);
        in.integer = named.flag("integer");
        in.optional = named.flag("optional");
        if (index_of(inputs, in.id) >= 0) named.fail("id", "repeats an earlier input");
        // A heading names one input: another input's id or name given here would make the
        // column's meaning depend on the order of the pack.
        for (const auto& other : in.other_names)
            for (const auto& earlier : inputs)
                if (other == earlier.id || other == earlier.name_zh ||
                    std::find(earlier.other_names.begin(), earlier.other_names.end(), other) !=
                        earlier.other_names.end())
                    named.fail("other_names", "'" + other + "' already names input '" + earlier.id + "'");
        for (const auto& earlier : inputs)
            if (std::find(earlier.other_names.begin(), earlier.other_names.end(), in.id) != earlier.other_names.end() ||
                (!in.name_zh.empty() && std::find(earlier.other_names.begin(), earlier.other_names.end(), in.name_zh) !=
                                            earlier.other_names.end()))
                named.fail("id",
                           "'" + in.id + "' or its name_zh is already an other name of input '" + earlier.id + "'");
        inputs.push_back(std::move(in));
    });
    return inputs;
}

// Validity checks, gates or routes: an id, a formula under `formula_key`, messages.
std::vector<scorecard_condition> read_conditions(const toml::table& root, const std::string& source, const char* key,
                                                 const char* formula_key) {
    std::vector<scorecard_condition> out;
    detail::each_toml_table(root, key, source, [&](const detail::toml_reader& r) {
        scorecard_condition c;
        c.id = r.text("id", true);
        const detail::toml_reader named = r.as(std::string(key) + " '" + c.id + "'");
        named.allow_only({"id", formula_key, "message_zh", "message_en"});
        c.condition = named.text(formula_key, true);
        c.message_zh = named.text("message_zh");
        c.message_en = named.text("message_en");
        try {
            c.parsed = formula::parse(c.condition);
        } catch (const error& e) {
            detail::rethrow_at_key(named, std::string(key) + " '" + c.id + "'", formula_key, e);
        }
        out.push_back(std::move(c));
    });
    return out;
}

std::vector<scorecard_measure> read_measures(const toml::table& root, const std::string& source) {
    std::vector<scorecard_measure> measures;
    detail::each_toml_table(root, "measure", source, [&](const detail::toml_reader& r) {
        scorecard_measure m;
        m.id = r.text("id", true);
        const detail::toml_reader named = r.as("measure '" + m.id + "'");
        named.allow_only({"id", "formula", "unit"});
        m.formula_text = named.text("formula", true);
        m.unit_text = named.text("unit");
        if (m.unit_text.empty()) m.unit_text = "1";
        try {
            m.unit = unit::parse(m.unit_text);
            m.parsed = formula::parse(m.formula_text);
        } catch (const error& e) {
            detail::rethrow_at_key(named, "measure '" + m.id + "'", m.unit.symbol() == m.unit_text ? "formula" : "unit",
                                   e);
        }
        measures.push_back(std::move(m));
    });
    return measures;
}

// Notes of an explanation: each names the measure whose nonzero value calls for it.
std::vector<scorecard_condition> read_notes(const toml::table& root, const std::string& source,
                                            const std::vector<scorecard_measure>& measures) {
    std::vector<scorecard_condition> notes;
    detail::each_toml_table(root, "note", source, [&](const detail::toml_reader& r) {
        scorecard_condition n;
        n.id = r.text("id", true);
        const detail::toml_reader named = r.as("note '" + n.id + "'");
        named.allow_only({"id", "when", "message_zh", "message_en"});
        n.condition = named.text("when", true);
        n.message_zh = named.text("message_zh", true);
        n.message_en = named.text("message_en", true);
        const auto found = std::find_if(measures.begin(), measures.end(),
                                        [&](const scorecard_measure& m) { return m.id == n.condition; });
        if (found == measures.end())
            named.fail("when",
                       "names no measure: '" + n.condition + "'" +
                           detail::suggestion(n.condition, measures,
                                              [](const scorecard_measure& m) -> std::string_view { return m.id; }));
        notes.push_back(std::move(n));
    });
    return notes;
}

// An item scored by band tables: one measure, or the better of several alternatives.
void read_alternatives(const detail::toml_reader& r, const detail::toml_reader& named, const std::string& source,
                       scorecard_item& it) {
    if (!r.table()["alternatives"]) {
        it.alternatives.push_back({named.text("measure", true), read_bands(named, it.id)});
        return;
    }
    const toml::array* alts = r.table()["alternatives"].as_array();
    if (!alts) named.fail("alternatives", "must be an array of tables");
    for (const auto& a : *alts) {
        const toml::table* at = a.as_table();
        if (!at) named.fail("alternatives", "must be an array of tables");
        detail::toml_reader ar(*at, source, "item '" + it.id + "' alternative");
        ar.allow_only({"measure", "bands"});
        it.alternatives.push_back({ar.text("measure", true), read_bands(ar, it.id)});
    }
}

std::vector<scorecard_item> read_items(const toml::table& root, const std::string& source,
                                       const std::vector<scorecard_input>& inputs) {
    std::vector<scorecard_item> items;
    detail::each_toml_table(root, "item", source, [&](const detail::toml_reader& r) {
        scorecard_item it;
        it.id = r.text("id", true);
        const detail::toml_reader named = r.as("item '" + it.id + "'");
        // An expert item reads its points from an input; band tables would be ignored there.
        named.allow_only(named.table()["expert"] ? std::vector<std::string>{"id", "name_zh", "name_en", "max", "expert"}
                                                 : std::vector<std::string>{"id", "name_zh", "name_en", "max",
                                                                            "measure", "bands", "alternatives"});
        it.name_zh = named.text("name_zh");
        it.name_en = named.text("name_en");
        it.max = named.number("max", 0, true);
        it.expert_input = named.text("expert");
        if (it.expert_input.empty())
            read_alternatives(r, named, source, it);
        else if (index_of(inputs, it.expert_input) < 0)
            named.fail("expert", "names no input" + input_suggestion(inputs, it.expert_input));
        for (const auto& alt : it.alternatives)
            for (const auto& b : alt.bands)
                if (b.points_hi > it.max) named.fail("bands", "give more points than the item's max");
        items.push_back(std::move(it));
    });
    return items;
}

std::vector<scorecard_cap> read_caps(const toml::table& root, const std::string& source,
                                     const std::vector<scorecard_item>& items) {
    std::vector<scorecard_cap> caps;
    detail::each_toml_table(root, "cap", source, [&](const detail::toml_reader& r) {
        r.allow_only({"id", "items", "max"});
        scorecard_cap c{r.text("id", true), r.texts("items"), r.number("max", 0, true)};
        for (const auto& i : c.items)
            if (std::none_of(items.begin(), items.end(), [&](const scorecard_item& it) { return it.id == i; }))
                r.fail("items", "names no item '" + i + "'" +
                                    detail::suggestion(
                                        i, items, [](const scorecard_item& it) -> std::string_view { return it.id; }));
        caps.push_back(std::move(c));
    });
    return caps;
}

scorecard_condition read_pass(const toml::table& root, const std::string& source) {
    const toml::table* pass = root["pass"].as_table();
    if (!pass) {
        location w;
        w.file = source;
        throw parse_error("scorecard: a [pass] table with a rule is required", w);
    }
    detail::toml_reader r(*pass, source, "pass");
    r.allow_only({"rule", "message_zh", "message_en"});
    scorecard_condition out;
    out.id = "pass";
    out.condition = r.text("rule", true);
    out.message_zh = r.text("message_zh");
    out.message_en = r.text("message_en");
    try {
        out.parsed = formula::parse(out.condition);
    } catch (const error& e) {
        detail::rethrow_at_key(r, "pass", "rule", e);
    }
    return out;
}

std::vector<scorecard_controllable> read_controllables(const toml::table& root, const std::string& source,
                                                       const std::vector<scorecard_input>& inputs) {
    std::vector<scorecard_controllable> out;
    detail::each_toml_table(root, "controllable", source, [&](const detail::toml_reader& r) {
        scorecard_controllable c;
        c.input = r.text("input", true);
        const detail::toml_reader named = r.as("controllable '" + c.input + "'");
        named.allow_only({"input", "step", "also_adds", "cost", "label_zh", "label_en"});
        if (index_of(inputs, c.input) < 0) named.fail("input", "names no input" + input_suggestion(inputs, c.input));
        c.step = named.number("step", 1);
        if (!(c.step > 0)) named.fail("step", "must be positive");
        c.also_adds = named.texts("also_adds");
        for (const auto& a : c.also_adds)
            if (index_of(inputs, a) < 0)
                named.fail("also_adds", "names no input '" + a + "'" + input_suggestion(inputs, a));
        c.cost = named.number("cost", 1);
        // a cost per unit ranks the routes: a negative one would make a change pay (as costs= refuses)
        if (!(c.cost >= 0) || !std::isfinite(c.cost)) named.fail("cost", "must be a finite number ≥ 0");
        c.label_zh = named.text("label_zh");
        c.label_en = named.text("label_en");
        out.push_back(std::move(c));
    });
    return out;
}

}  // namespace

scorecard::scorecard() = default;
scorecard::scorecard(const scorecard&) = default;
scorecard::scorecard(scorecard&&) noexcept = default;
scorecard& scorecard::operator=(const scorecard&) = default;
scorecard& scorecard::operator=(scorecard&&) noexcept = default;
scorecard::~scorecard() = default;

int scorecard::input_index(std::string_view id) const { return index_of(inputs_, id); }

scorecard scorecard::from_toml(std::string_view text, const std::string& source) {
    const detail::toml_document doc(text, source);
    const toml::table& root = doc.root();
    scorecard s;
    detail::toml_reader top(root, source, "scorecard");
    top.allow_only({"id", "name_zh", "name_en", "source", "precision", "input", "validity", "gate", "route", "measure",
                    "note", "item", "cap", "pass", "controllable"});
    s.id_ = top.text("id", true);
    s.name_zh_ = top.text("name_zh");
    s.name_en_ = top.text("name_en");
    s.source_ = top.text("source");
    s.precision_ = top.number("precision", 1e-9);
    if (!(s.precision_ > 0)) top.fail("precision", "must be positive");
    s.inputs_ = read_inputs(root, source);
    s.validity_ = read_conditions(root, source, "validity", "check");
    s.gates_ = read_conditions(root, source, "gate", "condition");
    s.routes_ = read_conditions(root, source, "route", "condition");
    s.measures_ = read_measures(root, source);
    s.notes_ = read_notes(root, source, s.measures_);
    s.items_ = read_items(root, source, s.inputs_);
    // Expert scores are whole points (工作指引: each sub-item is scored in integers, indicators.md
    // §6a): a fraction is invalid input naming the score, never rounded into a pass or a fail.
    for (const auto& it : s.items_)
        if (!it.expert_input.empty())
            s.inputs_[static_cast<std::size_t>(index_of(s.inputs_, it.expert_input))].integer = true;
    s.caps_ = read_caps(root, source, s.items_);
    s.pass_ = read_pass(root, source);
    s.controllables_ = read_controllables(root, source, s.inputs_);
    if (s.inputs_.size() + s.validity_.size() > 64) top.fail("input", "more than 64 inputs and validity checks");
    try {
        s.compile();
    } catch (const error& e) {
        location w;
        w.file = source;
        // A plain error of the compiler (an unknown measure, a rule's arity) is a fault of the
        // file's content: a ParseError naming it. A unit or limit error keeps its class.
        if (typeid(e) == typeid(error)) throw parse_error("scorecard '" + s.id_ + "': " + e.message(), w);
        detail::rethrow_within(e, "scorecard '" + s.id_ + "': ", w);
    }
    return s;
}

scorecard scorecard::load(const std::string& path) { return from_toml(detail::read_text_file(path), path); }

std::vector<std::string> scorecard::builtin_ids() { return {"tech-sme-2017", "hnte-2016", "hnte-2008"}; }

const scorecard& scorecard::builtin(const std::string& id) {
    static const std::vector<scorecard> packs = {
        from_toml(builtin_scorecard_tech_sme_2017, "data/scorecards/tech-sme-2017.toml (built in)"),
        from_toml(builtin_scorecard_hnte_2016, "data/scorecards/hnte-2016.toml (built in)"),
        from_toml(builtin_scorecard_hnte_2008, "data/scorecards/hnte-2008.toml (built in)"),
    };
    for (const auto& p : packs)
        if (p.id() == id) return p;
    auto ids = builtin_ids();
    throw lookup_error("no scorecard '" + id + "' (built in: tech-sme-2017, hnte-2016, hnte-2008)" +
                           detail::suggestion(id, ids, [](const std::string& x) -> std::string_view { return x; }),
                       id);
}

}  // namespace zhibiao
