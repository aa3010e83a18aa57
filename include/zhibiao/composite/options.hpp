#pragma once
// The vocabulary of the composite options: for every option that names a method or a variant,
// its allowed values and its default, defined once here. The TOML reader (config.cpp), the
// Python bindings and the Python step classes (through the bindings) all check against it, so
// an unknown value is refused where it is given, with "did you mean", never replaced by a
// default. Names are exact (case and punctuation count); a value that differs only in case or
// in '-', '_' and spaces is offered as the suggestion.

#include <algorithm>
#include <cctype>
#include <cmath>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/composite/pipeline.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

template <class Enum>
struct choice {
    const char* name;
    Enum value;
};

inline constexpr choice<imputation> imputation_choices[] = {{"none", imputation::none},
                                                            {"mean", imputation::mean},
                                                            {"median", imputation::median},
                                                            {"group_mean", imputation::group_mean},
                                                            {"group_median", imputation::group_median},
                                                            {"latest", imputation::latest},
                                                            {"regression", imputation::regression}};
inline constexpr choice<treatment> treatment_choices[] = {
    {"none", treatment::none}, {"coinr", treatment::coinr}, {"eis", treatment::eis}};
inline constexpr choice<normalisation> normalisation_choices[] = {{"minmax", normalisation::minmax},
                                                                  {"zscore", normalisation::zscore},
                                                                  {"rank", normalisation::rank},
                                                                  {"borda", normalisation::borda},
                                                                  {"percentile", normalisation::percentile},
                                                                  {"dist_to_max", normalisation::dist_to_max},
                                                                  {"frac_of_max", normalisation::frac_of_max},
                                                                  {"goalposts", normalisation::goalposts},
                                                                  {"standard", normalisation::standard},
                                                                  {"ratio_to_mean", normalisation::ratio_to_mean},
                                                                  {"dist_to_ref", normalisation::dist_to_ref},
                                                                  {"bands", normalisation::bands},
                                                                  {"vector", normalisation::vector},
                                                                  {"sum", normalisation::sum}};
inline constexpr choice<cost_form> cost_choices[] = {
    {"negate", cost_form::negate}, {"inverse", cost_form::inverse}, {"complement", cost_form::complement}};
inline constexpr choice<weighting> weighting_choices[] = {{"framework", weighting::framework},
                                                          {"equal", weighting::equal},
                                                          {"fixed", weighting::fixed},
                                                          {"entropy", weighting::entropy},
                                                          {"critic", weighting::critic},
                                                          {"sd", weighting::sd},
                                                          {"variance", weighting::variance},
                                                          {"pca", weighting::pca},
                                                          {"ahp", weighting::ahp},
                                                          {"vic", weighting::vic},
                                                          {"merec", weighting::merec},
                                                          {"gini", weighting::gini}};
/// The weights computed from a matrix alone (zhibiao.composite.weights).
inline constexpr choice<weighting> column_weighting_choices[] = {
    {"entropy", weighting::entropy},   {"critic", weighting::critic}, {"sd", weighting::sd},
    {"variance", weighting::variance}, {"pca", weighting::pca},       {"equal", weighting::equal},
    {"vic", weighting::vic},           {"merec", weighting::merec},   {"gini", weighting::gini}};
inline constexpr choice<entropy_zeros> entropy_zeros_choices[] = {{"skip", entropy_zeros::skip},
                                                                  {"pymcdm", entropy_zeros::pymcdm}};
inline constexpr choice<correlation_kind> correlation_choices[] = {{"pearson", correlation_kind::pearson},
                                                                   {"absolute", correlation_kind::absolute},
                                                                   {"distance", correlation_kind::distance}};
inline constexpr choice<random_index> random_index_choices[] = {{"tummala_ling", random_index::tummala_ling},
                                                                {"saaty", random_index::saaty}};
inline constexpr choice<aggregation> aggregation_choices[] = {{"arithmetic", aggregation::arithmetic},
                                                              {"geometric", aggregation::geometric},
                                                              {"harmonic", aggregation::harmonic},
                                                              {"generalised", aggregation::generalised},
                                                              {"mpi", aggregation::mpi},
                                                              {"bod", aggregation::bod},
                                                              {"copeland", aggregation::copeland},
                                                              {"topsis", aggregation::topsis},
                                                              {"vikor", aggregation::vikor}};
inline constexpr choice<topsis_normalisation> topsis_choices[] = {{"minmax", topsis_normalisation::minmax},
                                                                  {"vector", topsis_normalisation::vector},
                                                                  {"none", topsis_normalisation::none}};
inline constexpr choice<ties> ties_choices[] = {{"min", ties::min}, {"dense", ties::dense}, {"average", ties::average}};

namespace detail {

/// Lower case without '-', '_' and spaces: "Min-Max" and "minmax" fold alike.
inline std::string folded(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '-' && c != '_' && c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

/// "= 'Vector' is not one of: minmax, vector (did you mean 'vector'?)".
inline std::string unknown_value(std::string_view value, const std::vector<std::string>& names) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    const std::string best = zhibiao::detail::closest_name(
        value, names, [](const std::string& n) -> std::string_view { return n; }, folded);
    return "= '" + std::string(value) + "' is not one of: " + list +
           (best.empty() ? "" : " (did you mean '" + best + "'?)");
}

template <class Enum, std::size_t N>
std::vector<std::string> names_of(const choice<Enum> (&choices)[N]) {
    std::vector<std::string> out;
    for (const auto& c : choices) out.emplace_back(c.name);
    return out;
}

template <class Enum, std::size_t N>
std::string name_of(const choice<Enum> (&choices)[N], Enum value) {
    for (const auto& c : choices)
        if (c.value == value) return c.name;
    return {};
}

/// An argument_error naming the function and the parameter as the caller wrote them.
inline argument_error bad_argument(const std::string& function, const std::string& parameter,
                                   const std::string& problem) {
    location w;
    w.variable = parameter;
    return argument_error(function + ": " + parameter + " " + problem, w);
}

}  // namespace detail

/// The value `value` of `parameter` (of `function`, for the message), or an argument_error.
template <class Enum, std::size_t N>
Enum choose(const choice<Enum> (&choices)[N], std::string_view value, const std::string& function,
            const std::string& parameter) {
    for (const auto& c : choices)
        if (value == c.name) return c.value;
    throw detail::bad_argument(function, parameter, detail::unknown_value(value, detail::names_of(choices)));
}

// ------------------------------------------------------------------------------------------
// Every parameter of every step, once: name, type, allowed values (a choice's names, or the
// rule a number must follow) and a way to read and write it in a step. The default is the one
// of the step's struct (a default-constructed step holds every default), so it is written in
// exactly one place; the TOML reader (config.cpp), the bindings and the Python step classes
// all walk this table. A new option is one line below; a new method value is one line in its
// choices array above.

enum class option_type {
    flag,
    whole,
    number,
    text,
    choice,
    numbers,
    wholes,
    text_map,
    number_map,
    range_map,
    matrix_map
};

inline constexpr const char* option_type_names[] = {"flag",       "whole",     "number",    "text",
                                                    "choice",     "numbers",   "wholes",    "text_map",
                                                    "number_map", "range_map", "matrix_map"};

/// The value of one option, whatever its type (a choice holds its name).
using option_value =
    std::variant<bool, int, double, std::string, std::vector<double>, std::vector<int>,
                 std::map<std::string, std::string>, std::map<std::string, double>,
                 std::map<std::string, std::pair<double, double>>, std::map<std::string, Eigen::MatrixXd>>;

/// "" when the value is allowed, else what is wrong with it ("must be between 0 and 1").
using option_rule = std::function<std::string(const option_value&)>;

struct option_spec {
    std::string step, name;
    option_type type = option_type::text;
    std::vector<std::string> values;  ///< a choice: the allowed names
    option_rule rule;                 ///< beyond the type: the values allowed
    std::function<option_value(const composite::step&)> get;
    std::function<void(composite::step&, const option_value&)> set;

    /// What is wrong with `v` ("" when nothing): the choices, then the rule.
    std::string problem(const option_value& v) const;
    option_value default_value() const;
};

/// The step kinds, in the order of the alternatives of `step`.
inline constexpr const char* step_kinds[] = {denominate_step::kind, screen_step::kind,    impute_step::kind,
                                             treat_step::kind,      normalise_step::kind, weigh_step::kind,
                                             aggregate_step::kind};

namespace detail {

template <std::size_t... I>
step make_step_at(std::size_t k, std::index_sequence<I...>) {
    step out;
    ((k == I ? (void)(out = std::variant_alternative_t<I, step>{}) : void()), ...);
    return out;
}

template <class T>
constexpr option_type type_of() {
    if constexpr (std::is_same_v<T, bool>)
        return option_type::flag;
    else if constexpr (std::is_same_v<T, int>)
        return option_type::whole;
    else if constexpr (std::is_same_v<T, double>)
        return option_type::number;
    else if constexpr (std::is_same_v<T, std::string>)
        return option_type::text;
    else if constexpr (std::is_same_v<T, std::vector<double>>)
        return option_type::numbers;
    else if constexpr (std::is_same_v<T, std::vector<int>>)
        return option_type::wholes;
    else if constexpr (std::is_same_v<T, std::map<std::string, std::string>>)
        return option_type::text_map;
    else if constexpr (std::is_same_v<T, std::map<std::string, double>>)
        return option_type::number_map;
    else if constexpr (std::is_same_v<T, std::map<std::string, std::pair<double, double>>>)
        return option_type::range_map;
    else
        return option_type::matrix_map;
}

/// An option that is a member of a step: `access` returns it by reference (const or not).
template <class Step, class Access>
option_spec field(const char* name, Access access, option_rule rule = {}) {
    using T = std::decay_t<decltype(access(std::declval<Step&>()))>;
    option_spec o;
    o.step = Step::kind, o.name = name, o.type = type_of<T>(), o.rule = std::move(rule);
    o.get = [access](const step& s) { return option_value(std::in_place_type<T>, access(std::get<Step>(s))); };
    o.set = [access](step& s, const option_value& v) { access(std::get<Step>(s)) = std::get<T>(v); };
    return o;
}

/// An option naming a method or variant: `choices` gives its names and values.
template <class Step, class Enum, std::size_t N, class Access>
option_spec choice_field(const char* name, Access access, const choice<Enum> (&choices)[N]) {
    option_spec o;
    o.step = Step::kind, o.name = name, o.type = option_type::choice, o.values = names_of(choices);
    const choice<Enum>* first = choices;
    o.get = [access, first](const step& s) {
        const Enum e = access(std::get<Step>(s));
        return option_value(std::in_place_type<std::string>,
                            std::find_if(first, first + N, [e](const auto& c) { return c.value == e; })->name);
    };
    o.set = [access, first](step& s, const option_value& v) {
        const std::string& text = std::get<std::string>(v);
        access(std::get<Step>(s)) =
            std::find_if(first, first + N, [&text](const auto& c) { return text == c.name; })->value;
    };
    return o;
}

inline std::string format_number(double v) {
    std::string s = std::to_string(v);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) s.pop_back();
    return s;
}

inline option_rule between(double low, double high) {
    return [low, high](const option_value& v) -> std::string {
        const double x = std::holds_alternative<int>(v) ? std::get<int>(v) : std::get<double>(v);
        return x >= low && x <= high ? "" : "must be between " + format_number(low) + " and " + format_number(high);
    };
}
inline option_rule one_of_whole(int a, int b) {
    return [a, b](const option_value& v) -> std::string {
        const int x = std::get<int>(v);
        return x == a || x == b ? "" : "must be " + std::to_string(a) + " or " + std::to_string(b);
    };
}
inline std::string not_negative(const option_value& v) { return std::get<int>(v) >= 0 ? "" : "must not be negative"; }
// An infinite range, power or scale only makes infinite scores.
inline std::string finite(const option_value& v) {
    const double x = std::get<double>(v);
    return std::isfinite(x) ? "" : "must be a finite number, not " + std::to_string(x);
}
inline std::string aggregation_levels(const option_value& v) {
    for (int level : std::get<std::vector<int>>(v))
        if (level < 2)
            return "holds " + std::to_string(level) + ": aggregation levels start at 2 (level 1 = the indicators)";
    return "";
}
inline std::string min_max_range(const option_value& v) {
    const auto& r = std::get<std::vector<double>>(v);
    if (r.size() != 2 || !(r[0] < r[1])) return "must be [low, high] with low < high";
    if (!std::isfinite(r[0]) || !std::isfinite(r[1])) return "must be finite (an infinite range makes infinite scores)";
    return "";
}
// A denominator's scale factor: 1e308 × a ratio is infinite (denominate_step refuses a product
// that overflows too).
inline std::string scale_factors(const option_value& v) {
    for (const auto& [indicator, factor] : std::get<std::map<std::string, double>>(v))
        if (!(factor > 0) || !std::isfinite(factor))
            return "must be a finite positive number, not " + std::to_string(factor) + " ('" + indicator + "')";
    return "";
}
inline std::string square_matrices(const option_value& v) {
    for (const auto& [group, m] : std::get<std::map<std::string, Eigen::MatrixXd>>(v))
        if (m.rows() == 0 || m.rows() != m.cols()) return "matrix of '" + group + "' is not square";
    return "";
}

/// The normalisation range is two members, low and high: one option [low, high].
inline option_spec normalise_range() {
    option_spec o;
    o.step = normalise_step::kind, o.name = "range", o.type = option_type::numbers, o.rule = min_max_range;
    o.get = [](const step& s) {
        const auto& n = std::get<normalise_step>(s).options;
        return option_value(std::in_place_type<std::vector<double>>, std::vector<double>{n.low, n.high});
    };
    o.set = [](step& s, const option_value& v) {
        auto& n = std::get<normalise_step>(s).options;
        n.low = std::get<std::vector<double>>(v).at(0), n.high = std::get<std::vector<double>>(v).at(1);
    };
    return o;
}

/// COINr's m_sd: the z-score's target mean and sd, two members, one option [mean, sd].
inline std::string mean_and_sd(const option_value& v) {
    const auto& r = std::get<std::vector<double>>(v);
    if (r.size() != 2 || !std::isfinite(r[0]) || !std::isfinite(r[1]) || !(r[1] > 0))
        return "must be [mean, sd], finite, with sd > 0 (COINr's m_sd, e.g. [10, 2])";
    return "";
}
inline option_spec normalise_target() {
    option_spec o;
    o.step = normalise_step::kind, o.name = "m_sd", o.type = option_type::numbers, o.rule = mean_and_sd;
    o.get = [](const step& s) {
        const auto& n = std::get<normalise_step>(s).options;
        return option_value(std::in_place_type<std::vector<double>>, std::vector<double>{n.target_mean, n.target_sd});
    };
    o.set = [](step& s, const option_value& v) {
        auto& n = std::get<normalise_step>(s).options;
        n.target_mean = std::get<std::vector<double>>(v).at(0), n.target_sd = std::get<std::vector<double>>(v).at(1);
    };
    return o;
}

#define ZHIBIAO_OPTION(step_type, name, member, rule) \
    field<step_type>(                                 \
        name, [](auto& s) -> auto& { return s.member; }, rule)
#define ZHIBIAO_CHOICE(step_type, name, member, choices) \
    choice_field<step_type>(                             \
        name, [](auto& s) -> auto& { return s.member; }, choices)

inline std::vector<option_spec> preparation_options() {
    return {
        ZHIBIAO_OPTION(denominate_step, "by", by, {}),
        ZHIBIAO_OPTION(denominate_step, "scale", scale, scale_factors),
        ZHIBIAO_OPTION(screen_step, "min_availability", options.min_availability, between(0, 1)),
        ZHIBIAO_OPTION(screen_step, "max_zero_share", options.max_zero_share, between(0, 1)),
        ZHIBIAO_CHOICE(impute_step, "method", method, imputation_choices),
        ZHIBIAO_OPTION(impute_step, "group", group, {}),
        ZHIBIAO_CHOICE(treat_step, "method", options.method, treatment_choices),
        ZHIBIAO_OPTION(treat_step, "winmax", options.winmax, not_negative),
        ZHIBIAO_OPTION(treat_step, "skew_limit", options.skew_limit, {}),
        ZHIBIAO_OPTION(treat_step, "kurt_limit", options.kurt_limit, {}),
        ZHIBIAO_OPTION(treat_step, "eis_sd", options.eis_sd, {}),
        ZHIBIAO_OPTION(treat_step, "eis_skew", options.eis_skew, {}),
        ZHIBIAO_OPTION(treat_step, "eis_outliers", options.eis_outliers, {}),
    };
}

inline std::vector<option_spec> scoring_options() {
    return {
        ZHIBIAO_CHOICE(normalise_step, "method", options.method, normalisation_choices),
        normalise_range(),
        ZHIBIAO_OPTION(normalise_step, "cap", options.cap, finite),
        ZHIBIAO_OPTION(normalise_step, "goal_scale", options.goal_scale, finite),
        ZHIBIAO_OPTION(normalise_step, "reference", reference, {}),
        ZHIBIAO_OPTION(normalise_step, "cap_at_reference", options.cap_at_reference, {}),
        ZHIBIAO_OPTION(normalise_step, "band_edges", options.band_edges, {}),
        ZHIBIAO_OPTION(normalise_step, "band_scores", options.band_scores, {}),
        ZHIBIAO_OPTION(normalise_step, "standard", standard, {}),
        ZHIBIAO_OPTION(normalise_step, "goalposts", goalposts, {}),
        normalise_target(),
        ZHIBIAO_CHOICE(normalise_step, "cost", options.cost, cost_choices),
        ZHIBIAO_CHOICE(weigh_step, "method", options.scheme, weighting_choices),
        ZHIBIAO_OPTION(weigh_step, "levels", levels, aggregation_levels),
        ZHIBIAO_OPTION(weigh_step, "ddof", options.ddof, one_of_whole(0, 1)),
        ZHIBIAO_CHOICE(weigh_step, "zeros", options.zeros, entropy_zeros_choices),
        ZHIBIAO_CHOICE(weigh_step, "ri", options.ri, random_index_choices),
        ZHIBIAO_OPTION(weigh_step, "max_cr", options.max_cr, {}),
        ZHIBIAO_OPTION(weigh_step, "accept_inconsistent", options.accept_inconsistent, {}),
        ZHIBIAO_OPTION(weigh_step, "pairwise", options.pairwise, square_matrices),
        ZHIBIAO_OPTION(weigh_step, "fixed", options.fixed, {}),
        ZHIBIAO_CHOICE(weigh_step, "correlation", options.correlation, correlation_choices),
        ZHIBIAO_CHOICE(aggregate_step, "method", options.method, aggregation_choices),
        ZHIBIAO_OPTION(aggregate_step, "levels", levels, aggregation_levels),
        ZHIBIAO_OPTION(aggregate_step, "power", options.power, finite),
        ZHIBIAO_OPTION(aggregate_step, "penalty", options.mpi_penalty, one_of_whole(1, -1)),
        ZHIBIAO_CHOICE(aggregate_step, "inner", options.topsis_inner, topsis_choices),
        ZHIBIAO_OPTION(aggregate_step, "v", options.vikor_v, between(0, 1)),
    };
}

#undef ZHIBIAO_OPTION
#undef ZHIBIAO_CHOICE

}  // namespace detail

/// Every step option, step by step in the order of `step_kinds`.
inline const std::vector<option_spec>& step_options() {
    static const std::vector<option_spec> all = [] {
        std::vector<option_spec> out = detail::preparation_options();
        for (auto& o : detail::scoring_options()) out.push_back(std::move(o));
        return out;
    }();
    return all;
}

/// The options of one step kind (empty for an unknown kind).
inline std::vector<const option_spec*> options_of(std::string_view kind) {
    std::vector<const option_spec*> out;
    for (const auto& o : step_options())
        if (o.step == kind) out.push_back(&o);
    return out;
}

/// A step of `kind` holding every default, or an argument_error with "did you mean".
inline step make_step(std::string_view kind) {
    for (std::size_t k = 0; k < std::size(step_kinds); ++k)
        if (kind == step_kinds[k])
            return detail::make_step_at(k, std::make_index_sequence<std::variant_size_v<step>>{});
    throw detail::bad_argument("step", "kind",
                               detail::unknown_value(kind, {std::begin(step_kinds), std::end(step_kinds)}));
}

inline const char* kind_of(const step& s) { return step_kinds[s.index()]; }

inline std::string option_spec::problem(const option_value& v) const {
    if (type == option_type::choice) {
        const std::string& text = std::get<std::string>(v);
        if (std::find(values.begin(), values.end(), text) == values.end()) return detail::unknown_value(text, values);
    }
    return rule ? rule(v) : std::string();
}

inline option_value option_spec::default_value() const { return get(make_step(step)); }

/// What a step needs beyond each option alone (an option another one asks for): the option and
/// the problem, or two empty strings.
inline std::pair<std::string, std::string> step_problem(const step& s) {
    if (const auto* i = std::get_if<impute_step>(&s))
        if ((i->method == imputation::group_mean || i->method == imputation::group_median) && i->group.empty())
            return {"group", "is needed by a group imputation"};
    if (const auto* n = std::get_if<normalise_step>(&s)) {
        const auto& o = n->options;
        if (o.method == normalisation::bands && (o.band_scores.size() != o.band_edges.size() + 1 ||
                                                 !std::is_sorted(o.band_edges.begin(), o.band_edges.end())))
            return {"band_scores", "must hold one score more than band_edges, whose edges ascend"};
        if (o.method == normalisation::dist_to_ref && n->reference.empty())
            return {"reference", "is needed by dist_to_ref"};
        if (o.cost != cost_form::negate && o.method != normalisation::frac_of_max &&
            o.method != normalisation::vector && o.method != normalisation::sum)
            return {"cost", "other than 'negate' applies to frac_of_max, vector and sum only"};
    }
    if (const auto* w = std::get_if<weigh_step>(&s)) {
        if (w->options.scheme == weighting::ahp && w->options.pairwise.empty())
            return {"pairwise", "is needed by AHP weights"};
        if (w->options.scheme == weighting::vic && w->options.correlation == correlation_kind::pearson)
            return {"correlation",
                    "must be 'distance' or 'absolute' for VIC weights (signed correlations can sum to zero)"};
    }
    return {};
}

/// One option as the user meets it: the step (or function) it belongs to, its name, the values
/// allowed and the default ("" when the option has none).
struct option_vocabulary {
    std::string step, parameter;
    std::vector<std::string> values;
    std::string default_value;
};

/// Every option with a vocabulary of names: the choices of the steps (from step_options) and of
/// the single-purpose functions.
inline const std::vector<option_vocabulary>& option_vocabularies() {
    using detail::name_of;
    using detail::names_of;
    static const std::vector<option_vocabulary> all = [] {
        std::vector<option_vocabulary> out = {{"step", "kind", {std::begin(step_kinds), std::end(step_kinds)}, ""}};
        for (const auto& o : step_options())
            if (o.type == option_type::choice)
                out.push_back({o.step, o.name, o.values, std::get<std::string>(o.default_value())});
        const weight_options weights;
        const aggregate_options aggregate;
        out.push_back({"weights", "method", names_of(column_weighting_choices), ""});
        out.push_back(
            {"weights", "zeros", names_of(entropy_zeros_choices), name_of(entropy_zeros_choices, weights.zeros)});
        out.push_back({"weights", "correlation", names_of(correlation_choices),
                       name_of(correlation_choices, weights.correlation)});
        out.push_back({"ahp", "ri", names_of(random_index_choices), name_of(random_index_choices, weights.ri)});
        out.push_back({"topsis", "inner", names_of(topsis_choices), name_of(topsis_choices, aggregate.topsis_inner)});
        out.push_back({"rank", "ties", names_of(ties_choices), "min"});
        return out;
    }();
    return all;
}

/// Checks `value` against the vocabulary of (step, parameter); `function` names the caller in
/// the message (e.g. "Normalise"). An unknown (step, parameter) is a programming error.
inline void check_option(const std::string& owner, const std::string& parameter, std::string_view value,
                         const std::string& function) {
    for (const auto& o : option_vocabularies()) {
        if (o.step != owner || o.parameter != parameter) continue;
        if (std::find(o.values.begin(), o.values.end(), value) == o.values.end())
            throw detail::bad_argument(function, parameter, detail::unknown_value(value, o.values));
        return;
    }
    throw argument_error("no composite option '" + parameter + "' of '" + owner + "'");
}

}  // namespace zhibiao::composite
