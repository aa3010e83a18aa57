// The composite option vocabulary of zhibiao/composite/options.hpp, compiled once: the table of
// every step option (its std::function accessors instantiate the option variant for every step)
// costs each translation unit that includes the header seconds if written inline.
#include <charconv>
#include "zhibiao/composite/options.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "composite/position_labels.hpp"

#include <algorithm>
#include <functional>
#include <cctype>
#include <cmath>
#include <iterator>
#include <optional>
#include <string_view>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "zhibiao/detail/edit_distance.hpp"

namespace zhibiao::composite {

namespace detail {

/// Lower case without '-', '_' and spaces: "Min-Max" and "minmax" fold alike.
std::string folded(std::string_view s) {
    std::string out;
    for (char c : s)
        if (c != '-' && c != '_' && c != ' ') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

namespace {
/// The name `value` most likely means when no whole name is close: the only name one of whose
/// words ("tummala" of "tummala_ling") is close to it ("tumala"), else the only name of three
/// characters or more that it begins with ("minimum" → 'min'); "" when none or several fit.
std::string name_by_part(std::string_view value, const std::vector<std::string>& names) {
    const std::string key = folded(value);
    std::vector<std::string> words;
    std::vector<std::size_t> owner;
    for (std::size_t k = 0; k < names.size(); ++k) {
        std::size_t from = 0;
        const std::string& n = names[k];
        while (from <= n.size()) {
            const std::size_t to = std::min(n.find('_', from), n.size());
            if (to - from >= 3 && to - from < n.size()) words.push_back(n.substr(from, to - from)), owner.push_back(k);
            from = to + 1;
        }
    }
    const std::string word = zhibiao::detail::closest_name(
        value, words, [](const std::string& n) -> std::string_view { return n; }, folded);
    if (!word.empty()) {
        std::string found;
        for (std::size_t w = 0; w < words.size(); ++w)
            if (words[w] == word) {
                if (!found.empty() && found != names[owner[w]]) return {};
                found = names[owner[w]];
            }
        return found;
    }
    std::string begun;
    for (const std::string& n : names) {
        const std::string other = folded(n);
        if (other.size() < 3 || other.size() >= key.size() || key.compare(0, other.size(), other) != 0) continue;
        if (!begun.empty()) return {};
        begun = n;
    }
    return begun;
}
}  // namespace

/// "= 'Vector' is not one of: minmax, vector (did you mean 'vector'?)".
std::string unknown_value(std::string_view value, const std::vector<std::string>& names, std::string_view where) {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    const std::string head = "= '" + std::string(value) + "' is not one of: " + list;
    // Another tool's name first: "n_prank" is COINr's percentile, not the nearer 'rank'.
    if (std::string alias = value_alias_hint(where, value, names); !alias.empty()) return head + alias;
    std::string best = zhibiao::detail::closest_name(
        value, names, [](const std::string& n) -> std::string_view { return n; }, folded);
    if (best.empty()) best = name_by_part(value, names);
    return head + (best.empty() ? "" : " (did you mean '" + best + "'?)");
}

/// An argument_error naming the function and the parameter as the caller wrote them. The
/// parameter is no variable of the data: the location stays empty (no "(variable method)").
argument_error bad_argument(const std::string& function, const std::string& parameter, const std::string& problem) {
    return argument_error(function + ": " + parameter + " " + problem);
}

/// 0.5 → "0.5", 2.0 → "2", -1e308 → "-1e+308", NaN → "NaN": numbers in messages as a reader
/// writes them, the shortest text that reads back as the same double (%f printed 1e308 as 309
/// digits and 1e-9 as 0).
std::string format_number(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, v).ptr;
    return std::string(buffer, end);
}

}  // namespace detail

namespace {

using detail::format_number;

using detail::name_of;
using detail::names_of;

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

option_rule between(double low, double high) {
    return [low, high](const option_value& v) -> std::string {
        const double x = std::holds_alternative<int>(v) ? std::get<int>(v) : std::get<double>(v);
        return x >= low && x <= high ? "" : "must be between " + format_number(low) + " and " + format_number(high);
    };
}
option_rule one_of_whole(int a, int b) {
    return [a, b](const option_value& v) -> std::string {
        const int x = std::get<int>(v);
        return x == a || x == b ? "" : "must be " + std::to_string(a) + " or " + std::to_string(b);
    };
}
std::string not_negative(const option_value& v) { return std::get<int>(v) >= 0 ? "" : "must not be negative"; }
// An infinite range, power or scale only makes infinite scores.
std::string finite(const option_value& v) {
    const double x = std::get<double>(v);
    return std::isfinite(x) ? "" : "must be a finite number, not " + format_number(x);
}
// A goalpost scale of 0 makes every score 0 and a negative one turns the indicator round (COINr
// multiplies by it unchecked): neither is a scale.
std::string positive_scale(const option_value& v) {
    const double x = std::get<double>(v);
    return x > 0 && std::isfinite(x) ? "" : "must be a finite positive number, not " + format_number(x);
}
std::string aggregation_levels(const option_value& v) {
    for (int level : std::get<std::vector<int>>(v))
        if (level < 2)
            return "holds " + std::to_string(level) + ": aggregation levels start at 2 (level 1 = the indicators)";
    return "";
}
std::string min_max_range(const option_value& v) {
    const auto& r = std::get<std::vector<double>>(v);
    if (r.size() != 2 || !(r[0] < r[1])) return "must be [low, high] with low < high";
    if (!std::isfinite(r[0]) || !std::isfinite(r[1])) return "must be finite (an infinite range makes infinite scores)";
    return "";
}
// A denominator's scale factor: 1e308 × a ratio is infinite (denominate_step refuses a product
// that overflows too).
std::string scale_factors(const option_value& v) {
    for (const auto& [indicator, factor] : std::get<std::map<std::string, double>>(v))
        if (!(factor > 0) || !std::isfinite(factor))
            return "must be a finite positive number, not " + format_number(factor) + " ('" + indicator + "')";
    return "";
}
// Goalposts and standard values, indicator by indicator (normalise.hpp says what is wrong).
std::string goalposts_by_indicator(const option_value& v) {
    for (const auto& [indicator, posts] : std::get<std::map<std::string, std::pair<double, double>>>(v))
        if (std::string problem = detail::goalposts_problem(posts.first, posts.second); !problem.empty())
            return "of '" + indicator + "' " + problem;
    return "";
}
// An indicator's own method (COINr's indiv_specs f_n), one of the normalisations.
std::string methods_by_indicator(const option_value& v) {
    const std::vector<std::string> names = names_of(normalisation_choices);
    for (const auto& [indicator, method] : std::get<std::map<std::string, std::string>>(v))
        if (std::find(names.begin(), names.end(), method) == names.end())
            return "of '" + indicator + "' " + detail::unknown_value(method, names, "normalise.method");
    return "";
}
// An indicator's own treatment (COINr's indiv_specs: "none" leaves it untreated).
std::string treatments_by_indicator(const option_value& v) {
    const std::vector<std::string> names = names_of(treatment_choices);
    for (const auto& [indicator, method] : std::get<std::map<std::string, std::string>>(v))
        if (std::find(names.begin(), names.end(), method) == names.end())
            return "of '" + indicator + "' " + detail::unknown_value(method, names, "treat.method");
    return "";
}
// An indicator's own winsorisation limit (COINr's f1_para winmax): a whole number of points.
std::string winmaxes_by_indicator(const option_value& v) {
    for (const auto& [indicator, winmax] : std::get<std::map<std::string, double>>(v))
        if (!(winmax >= 0 && winmax <= 1e9 && winmax == std::floor(winmax)))
            return "of '" + indicator + "' must be a whole number of points, at least 0, not " + format_number(winmax);
    return "";
}
// An indicator's own fallback (COINr's f2).
std::string fallbacks_by_indicator(const option_value& v) {
    const std::vector<std::string> names = names_of(treat_fallback_choices);
    for (const auto& [indicator, fallback] : std::get<std::map<std::string, std::string>>(v))
        if (std::find(names.begin(), names.end(), fallback) == names.end())
            return "of '" + indicator + "' " + detail::unknown_value(fallback, names, "treat.fallback");
    return "";
}
// An indicator's own min-max range (COINr's minmax_lower/upper): low < high, finite.
std::string ranges_by_indicator(const option_value& v) {
    for (const auto& [indicator, r] : std::get<std::map<std::string, std::pair<double, double>>>(v))
        if (!(r.first < r.second) || !std::isfinite(r.first) || !std::isfinite(r.second))
            return "of '" + indicator + "' must be [low, high], finite, with low < high, not [" +
                   format_number(r.first) + ", " + format_number(r.second) + "]";
    return "";
}
// An indicator's own z-score target (COINr's zscore_mean/sd).
std::string m_sds_by_indicator(const option_value& v) {
    for (const auto& [indicator, r] : std::get<std::map<std::string, std::pair<double, double>>>(v))
        if (!std::isfinite(r.first) || !std::isfinite(r.second) || !(r.second > 0))
            return "of '" + indicator + "' must be [mean, sd], finite, with sd > 0 (COINr's m_sd), not [" +
                   format_number(r.first) + ", " + format_number(r.second) + "]";
    return "";
}
// An indicator's own goalpost scale (COINr's goalpost_scale, the third of gposts).
std::string scales_by_indicator(const option_value& v) {
    for (const auto& [indicator, scale] : std::get<std::map<std::string, double>>(v))
        if (!(scale > 0 && std::isfinite(scale)))
            return "of '" + indicator + "' must be a finite positive number, not " + format_number(scale);
    return "";
}
std::string standards_by_indicator(const option_value& v) {
    for (const auto& [indicator, value] : std::get<std::map<std::string, double>>(v))
        if (std::string problem = detail::standard_problem(value); !problem.empty())
            return "of '" + indicator + "' " + problem;
    return "";
}
// Fixed weights, node by node: a weight is a share of its parent, finite and ≥ 0 (refused when
// the step is made, not when a build reaches the node).
std::string fixed_weights(const option_value& v) {
    for (const auto& [node, weight] : std::get<std::map<std::string, double>>(v))
        if (!(weight >= 0) || !std::isfinite(weight))
            return "of '" + node + "' is " + format_number(weight) + "; a weight must be finite and ≥ 0";
    return "";
}
std::string finite_not_negative(const option_value& v) {
    const double x = std::get<double>(v);
    return x >= 0 && std::isfinite(x) ? "" : "must be finite and ≥ 0, not " + format_number(x);
}
std::string finite_numbers(const option_value& v) {
    for (double x : std::get<std::vector<double>>(v))
        if (!std::isfinite(x)) return "must be finite numbers, not " + format_number(x);
    return "";
}
std::string square_matrices(const option_value& v) {
    for (const auto& [group, m] : std::get<std::map<std::string, Eigen::MatrixXd>>(v))
        if (m.rows() == 0 || m.rows() != m.cols()) return "matrix of '" + group + "' is not square";
    return "";
}

/// The normalisation range is two members, low and high: one option [low, high].
option_spec normalise_range() {
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
std::string mean_and_sd(const option_value& v) {
    const auto& r = std::get<std::vector<double>>(v);
    if (r.size() != 2 || !std::isfinite(r[0]) || !std::isfinite(r[1]) || !(r[1] > 0))
        return "must be [mean, sd], finite, with sd > 0 (COINr's m_sd, e.g. [10, 2])";
    return "";
}
option_spec normalise_target() {
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

std::vector<option_spec> preparation_options() {
    return {
        ZHIBIAO_OPTION(denominate_step, "by", by, {}),
        ZHIBIAO_OPTION(denominate_step, "scale", scale, scale_factors),
        ZHIBIAO_OPTION(screen_step, "min_availability", options.min_availability, between(0, 1)),
        ZHIBIAO_OPTION(screen_step, "max_zero_share", options.max_zero_share, between(0, 1)),
        ZHIBIAO_CHOICE(impute_step, "method", method, imputation_choices),
        ZHIBIAO_OPTION(impute_step, "group", group, {}),
        ZHIBIAO_OPTION(impute_step, "clip", clip, {}),
        ZHIBIAO_CHOICE(treat_step, "method", options.method, treatment_choices),
        ZHIBIAO_OPTION(treat_step, "winmax", options.winmax, not_negative),
        ZHIBIAO_CHOICE(treat_step, "fallback", options.fallback, treat_fallback_choices),
        ZHIBIAO_OPTION(treat_step, "force_win", options.force_win, {}),
        ZHIBIAO_OPTION(treat_step, "skew_limit", options.skew_limit, finite),
        ZHIBIAO_OPTION(treat_step, "kurt_limit", options.kurt_limit, finite),
        ZHIBIAO_OPTION(treat_step, "eis_sd", options.eis_sd, positive_scale),
        ZHIBIAO_OPTION(treat_step, "eis_skew", options.eis_skew, finite),
        ZHIBIAO_OPTION(treat_step, "eis_outliers", options.eis_outliers, {}),
        ZHIBIAO_OPTION(treat_step, "methods", methods, treatments_by_indicator),
        ZHIBIAO_OPTION(treat_step, "winmaxes", winmaxes, winmaxes_by_indicator),
        ZHIBIAO_OPTION(treat_step, "fallbacks", fallbacks, fallbacks_by_indicator),
    };
}

std::vector<option_spec> scoring_options() {
    return {
        ZHIBIAO_CHOICE(normalise_step, "method", options.method, normalisation_choices),
        normalise_range(),
        ZHIBIAO_OPTION(normalise_step, "cap", options.cap, finite),
        ZHIBIAO_OPTION(normalise_step, "goal_scale", options.goal_scale, positive_scale),
        ZHIBIAO_OPTION(normalise_step, "truncate", options.goal_truncate, {}),
        ZHIBIAO_OPTION(normalise_step, "reference", reference, {}),
        ZHIBIAO_OPTION(normalise_step, "cap_at_reference", options.cap_at_reference, {}),
        ZHIBIAO_OPTION(normalise_step, "band_edges", options.band_edges, finite_numbers),
        ZHIBIAO_OPTION(normalise_step, "band_scores", options.band_scores, finite_numbers),
        ZHIBIAO_OPTION(normalise_step, "standard", standard, standards_by_indicator),
        ZHIBIAO_OPTION(normalise_step, "goalposts", goalposts, goalposts_by_indicator),
        normalise_target(),
        ZHIBIAO_CHOICE(normalise_step, "cost", options.cost, cost_choices),
        ZHIBIAO_CHOICE(normalise_step, "reference_form", options.ref_form, reference_form_choices),
        ZHIBIAO_CHOICE(normalise_step, "ties", options.rank_ties, ties_choices),
        ZHIBIAO_OPTION(normalise_step, "methods", methods, methods_by_indicator),
        ZHIBIAO_OPTION(normalise_step, "ranges", ranges, ranges_by_indicator),
        ZHIBIAO_OPTION(normalise_step, "m_sds", m_sds, m_sds_by_indicator),
        ZHIBIAO_OPTION(normalise_step, "goal_scales", goal_scales, scales_by_indicator),
        ZHIBIAO_CHOICE(weigh_step, "method", options.scheme, weighting_choices),
        ZHIBIAO_OPTION(weigh_step, "levels", levels, aggregation_levels),
        ZHIBIAO_OPTION(weigh_step, "ddof", options.ddof, one_of_whole(0, 1)),
        ZHIBIAO_CHOICE(weigh_step, "zeros", options.zeros, entropy_zeros_choices),
        ZHIBIAO_CHOICE(weigh_step, "ri", options.ri, random_index_choices),
        ZHIBIAO_OPTION(weigh_step, "max_cr", options.max_cr, finite_not_negative),
        ZHIBIAO_OPTION(weigh_step, "accept_inconsistent", options.accept_inconsistent, {}),
        ZHIBIAO_CHOICE(weigh_step, "priority", options.priority, ahp_priority_choices),
        ZHIBIAO_OPTION(weigh_step, "pairwise", options.pairwise, square_matrices),
        ZHIBIAO_OPTION(weigh_step, "fixed", options.fixed, fixed_weights),
        ZHIBIAO_CHOICE(weigh_step, "correlation", options.correlation, correlation_choices),
        ZHIBIAO_CHOICE(aggregate_step, "method", options.method, aggregation_choices),
        ZHIBIAO_OPTION(aggregate_step, "levels", levels, aggregation_levels),
        ZHIBIAO_OPTION(aggregate_step, "power", options.power, finite),
        ZHIBIAO_OPTION(aggregate_step, "penalty", options.mpi_penalty, one_of_whole(1, -1)),
        ZHIBIAO_CHOICE(aggregate_step, "inner", options.topsis_inner, topsis_choices),
        ZHIBIAO_OPTION(aggregate_step, "v", options.vikor_v, between(0, 1)),
        ZHIBIAO_OPTION(aggregate_step, "wsm_share", options.wsm_share, between(0, 1)),
        ZHIBIAO_CHOICE(aggregate_step, "waspas_inner", options.waspas_inner, waspas_choices),
        ZHIBIAO_OPTION(aggregate_step, "alpha", options.mm_alpha, between(0, 1)),
        ZHIBIAO_OPTION(aggregate_step, "beta", options.mm_beta, finite_not_negative),
        ZHIBIAO_OPTION(aggregate_step, "min_availability", options.min_availability, between(0, 1)),
    };
}

#undef ZHIBIAO_OPTION
#undef ZHIBIAO_CHOICE

}  // namespace

/// Every step option, step by step in the order of `step_kinds`.
const std::vector<option_spec>& step_options() {
    static const std::vector<option_spec> all = [] {
        std::vector<option_spec> out = preparation_options();
        for (auto& o : scoring_options()) out.push_back(std::move(o));
        return out;
    }();
    return all;
}

/// The options of one step kind (empty for an unknown kind).
std::vector<const option_spec*> options_of(std::string_view kind) {
    std::vector<const option_spec*> out;
    for (const auto& o : step_options())
        if (o.step == kind) out.push_back(&o);
    return out;
}

/// A step of `kind` holding every default, or an argument_error with "did you mean".
step make_step(std::string_view kind) {
    for (std::size_t k = 0; k < std::size(step_kinds); ++k)
        if (kind == step_kinds[k]) return make_step_at(k, std::make_index_sequence<std::variant_size_v<step>>{});
    throw detail::bad_argument("step", "kind",
                               detail::unknown_value(kind, {std::begin(step_kinds), std::end(step_kinds)}));
}

const char* kind_of(const step& s) { return step_kinds[s.index()]; }

std::string option_spec::problem(const option_value& v) const {
    if (type == option_type::choice) {
        const std::string& text = std::get<std::string>(v);
        if (std::find(values.begin(), values.end(), text) == values.end())
            return detail::unknown_value(text, values, step + "." + name);
    }
    return rule ? rule(v) : std::string();
}

option_value option_spec::default_value() const { return get(make_step(step)); }

namespace {

/// The options that only some methods of their step read, with those methods (the step's
/// "method" names). An option not listed here is read by every method of its step (levels,
/// min_availability, the screen's thresholds, a denomination's columns). `ties` and `cost`
/// have their own messages in step_problem.
struct method_specific {
    const char* step;
    const char* option;
    std::vector<std::string> methods;
};

const std::vector<method_specific>& method_specific_options() {
    static const std::vector<method_specific> all = {
        {"impute", "group", {"group_mean", "group_median"}},
        {"impute", "clip", {"regression"}},
        {"treat", "winmax", {"coinr"}},
        {"treat", "fallback", {"coinr"}},
        {"treat", "force_win", {"coinr"}},
        {"treat", "skew_limit", {"coinr"}},
        {"treat", "kurt_limit", {"coinr"}},
        {"treat", "eis_sd", {"eis"}},
        {"treat", "eis_skew", {"eis"}},
        {"treat", "eis_outliers", {"eis"}},
        {"treat", "winmaxes", {"coinr"}},
        {"treat", "fallbacks", {"coinr"}},
        {"normalise", "range", {"minmax"}},
        {"normalise", "m_sd", {"zscore"}},
        {"normalise", "goalposts", {"goalposts"}},
        {"normalise", "goal_scale", {"goalposts"}},
        {"normalise", "truncate", {"goalposts"}},
        {"normalise", "ranges", {"minmax"}},
        {"normalise", "m_sds", {"zscore"}},
        {"normalise", "goal_scales", {"goalposts"}},
        {"normalise", "standard", {"standard"}},
        {"normalise", "cap", {"standard"}},
        {"normalise", "reference", {"dist_to_ref"}},
        {"normalise", "cap_at_reference", {"dist_to_ref"}},
        {"normalise", "reference_form", {"dist_to_ref"}},
        {"normalise", "band_edges", {"bands"}},
        {"normalise", "band_scores", {"bands"}},
        {"weigh", "ddof", {"critic", "sd", "variance"}},
        {"weigh", "zeros", {"entropy"}},
        {"weigh", "ri", {"ahp"}},
        {"weigh", "max_cr", {"ahp"}},
        {"weigh", "accept_inconsistent", {"ahp"}},
        {"weigh", "priority", {"ahp"}},
        {"weigh", "pairwise", {"ahp"}},
        {"weigh", "fixed", {"fixed"}},
        {"weigh", "correlation", {"critic", "vic"}},
        {"aggregate", "power", {"generalised"}},
        {"aggregate", "penalty", {"mpi"}},
        {"aggregate", "inner", {"topsis"}},
        {"aggregate", "v", {"vikor"}},
        {"aggregate", "wsm_share", {"waspas"}},
        {"aggregate", "waspas_inner", {"waspas"}},
        {"aggregate", "alpha", {"mean_min"}},
        {"aggregate", "beta", {"mean_min"}},
    };
    return all;
}

/// Whether two values of one option are equal (matrices of different shapes are unequal, where
/// Eigen's == would assert).
bool same_value(const option_value& a, const option_value& b) {
    return std::visit(
        [&b](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            const T& y = std::get<T>(b);
            if constexpr (std::is_same_v<T, std::map<std::string, Eigen::MatrixXd>>) {
                if (x.size() != y.size()) return false;
                for (auto i = x.begin(), j = y.begin(); i != x.end(); ++i, ++j)
                    if (i->first != j->first || i->second.rows() != j->second.rows() ||
                        i->second.cols() != j->second.cols() || i->second != j->second)
                        return false;
                return true;
            } else {
                return x == y;
            }
        },
        a);
}

/// "'standard'", "'critic', 'sd' or 'variance'".
std::string listed(const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t k = 0; k < names.size(); ++k)
        out += (k == 0 ? "" : k + 1 == names.size() ? " or " : ", ") + ("'" + names[k] + "'");
    return out;
}

}  // namespace

std::vector<std::string> methods_reading(std::string_view kind, std::string_view option) {
    for (const auto& m : method_specific_options())
        if (kind == m.step && option == m.option) return m.methods;
    return {};
}

std::vector<std::string> methods_in_play(const step& s) {
    const std::vector<const option_spec*> specs = options_of(kind_of(s));
    if (specs.empty() || specs.front()->name != "method") return {};  // denominate, screen: no methods
    std::vector<std::string> out = {std::get<std::string>(specs.front()->get(s))};
    if (const auto* n = std::get_if<normalise_step>(&s))
        for (const auto& [indicator, method] : n->methods)
            if (std::find(out.begin(), out.end(), method) == out.end()) out.push_back(method);
    if (const auto* t = std::get_if<treat_step>(&s))
        for (const auto& [indicator, method] : t->methods)
            if (std::find(out.begin(), out.end(), method) == out.end()) out.push_back(method);
    return out;
}

std::pair<std::string, std::string> unused_option(const step& s) {
    const std::vector<std::string> methods = methods_in_play(s);
    if (methods.empty()) return {};
    for (const option_spec* o : options_of(kind_of(s))) {
        if (same_value(o->get(s), o->default_value())) continue;  // not given (or given as the default)
        if (std::string problem = unread_option_problem(o->step, o->name, methods); !problem.empty())
            return {o->name, problem};
    }
    return {};
}

std::string unread_option_problem(std::string_view kind, std::string_view option, const std::string& method) {
    return unread_option_problem(kind, option, std::vector<std::string>{method});
}

std::string unread_option_problem(std::string_view kind, std::string_view option,
                                  const std::vector<std::string>& in_play) {
    const std::vector<std::string> methods = methods_reading(kind, option);
    if (methods.empty()) return {};
    for (const auto& m : in_play)
        if (std::find(methods.begin(), methods.end(), m) != methods.end()) return {};
    const std::string whose = in_play.size() == 1 ? "this step's method '" + in_play.front() + "'"
                                                  : "any of this step's methods (" + listed(in_play) + ")";
    return "is read by method = " + listed(methods) + " only, not by " + whose + " (remove it, or choose " +
           (methods.size() == 1 ? "that method" : "one of them") + ")";
}

namespace {
/// A per-indicator entry its indicator's method does not read (a range for an indicator whose own
/// method is borda): unused, so refused, naming the indicator and its method.
std::pair<std::string, std::string> unused_indicator_entry(const normalise_step& n) {
    const std::string step_method = name_of(normalisation_choices, n.options.method);
    const auto method_of = [&](const std::string& indicator) {
        const auto m = n.methods.find(indicator);
        return m == n.methods.end() ? step_method : m->second;
    };
    // An option no method in play reads is refused as a whole by unused_option, in its words.
    const auto check = [&](const auto& entries, const char* option,
                           const char* reader) -> std::pair<std::string, std::string> {
        bool read = step_method == reader;
        for (const auto& m : n.methods) read = read || m.second == reader;
        if (!read) return {};
        for (const auto& entry : entries) {
            const std::string method = method_of(entry.first);
            if (method == reader) continue;
            // Most often the methods entry is what is misspelt: say which one.
            std::vector<std::string> others;
            for (const auto& m : n.methods)
                if (m.first != entry.first) others.push_back(m.first);
            const std::string near = zhibiao::detail::closest_name(entry.first, others, zhibiao::detail::as_written,
                                                                   zhibiao::detail::as_written);
            return {option, "of '" + entry.first + "' is unused: '" + entry.first + "' is normalised by method '" +
                                method + "', and only '" + reader + "' reads it" +
                                (near.empty() ? "" : " (is methods' '" + near + "' a misspelling of it?)")};
        }
        return {};
    };
    for (auto p : {check(n.ranges, "ranges", "minmax"), check(n.m_sds, "m_sds", "zscore"),
                   check(n.goal_scales, "goal_scales", "goalposts"), check(n.goalposts, "goalposts", "goalposts"),
                   check(n.standard, "standard", "standard")})
        if (!p.first.empty()) return p;
    return {};
}

/// A treat step's winmax or fallback for an indicator whose method is not the coinr rule (its own
/// "none", or the step's "eis"): unused, so refused, naming the indicator and its method.
std::pair<std::string, std::string> unused_treat_entry(const treat_step& t) {
    const std::string step_method = name_of(treatment_choices, t.options.method);
    const auto check = [&](const auto& entries, const char* option) -> std::pair<std::string, std::string> {
        for (const auto& entry : entries) {
            const auto m = t.methods.find(entry.first);
            const std::string method = m == t.methods.end() ? step_method : m->second;
            if (method != "coinr")
                return {option, "of '" + entry.first + "' is unused: '" + entry.first + "' is treated by method '" +
                                    method + "', and only 'coinr' reads it"};
        }
        return {};
    };
    for (auto p : {check(t.winmaxes, "winmaxes"), check(t.fallbacks, "fallbacks")})
        if (!p.first.empty()) return p;
    return {};
}

/// What a normalise step needs beyond each option alone, over every method in play (the step's
/// and the indicators' own, whose names methods_by_indicator has checked).
std::pair<std::string, std::string> normalise_problem(const normalise_step& n) {
    const auto& o = n.options;
    std::vector<normalisation> in_play = {o.method};
    for (const auto& [indicator, name] : n.methods)
        for (const auto& c : normalisation_choices)
            if (name == c.name) in_play.push_back(c.value);
    const auto uses = [&in_play](std::initializer_list<normalisation> any) {
        for (normalisation m : in_play)
            if (std::find(any.begin(), any.end(), m) != any.end()) return true;
        return false;
    };
    if (auto p = unused_indicator_entry(n); !p.first.empty()) return p;
    if (uses({normalisation::bands}) &&
        (o.band_scores.size() != o.band_edges.size() + 1 ||
         std::adjacent_find(o.band_edges.begin(), o.band_edges.end(), std::greater_equal<>()) != o.band_edges.end()))
        return {"band_scores",
                "must hold one score more than band_edges, whose edges strictly ascend (an edge given twice "
                "makes a band no value falls in)"};
    const bool to_ref = uses({normalisation::dist_to_ref});
    if (to_ref && n.reference.empty()) return {"reference", "is needed by dist_to_ref"};
    if (to_ref && o.ref_form == reference_form::from_min && o.cost != cost_form::negate)
        return {"cost", "of dist_to_ref with reference_form = 'from_min' is 'negate' (as COINr's n_dist2ref)"};
    const bool ratio = uses({normalisation::frac_of_max, normalisation::vector, normalisation::sum});
    if (to_ref && !ratio && o.cost == cost_form::complement)
        return {"cost", "of dist_to_ref is 'inverse' (x_ref/x) for a lower-is-better indicator, not 'complement'"};
    if (o.rank_ties != ties::min && !uses({normalisation::rank, normalisation::borda, normalisation::percentile}))
        return {"ties", "other than 'min' applies to rank, borda and percentile only"};
    if (o.cost != cost_form::negate && !ratio && !(to_ref && o.cost == cost_form::inverse))
        return {"cost",
                "other than 'negate' applies to frac_of_max, vector and sum (and 'inverse' to "
                "dist_to_ref) only"};
    return {};
}
}  // namespace

/// What a step needs beyond each option alone (an option another one asks for): the option and
/// the problem, or two empty strings.
std::pair<std::string, std::string> step_problem(const step& s) {
    if (const auto* i = std::get_if<impute_step>(&s))
        if ((i->method == imputation::group_mean || i->method == imputation::group_median) && i->group.empty())
            return {"group", "is needed by a group imputation"};
    if (const auto* n = std::get_if<normalise_step>(&s))
        if (auto p = normalise_problem(*n); !p.first.empty()) return p;
    if (const auto* t = std::get_if<treat_step>(&s))
        if (auto p = unused_treat_entry(*t); !p.first.empty()) return p;
    if (const auto* w = std::get_if<weigh_step>(&s)) {
        if (w->options.scheme == weighting::ahp && w->options.pairwise.empty())
            return {"pairwise", "is needed by AHP weights"};
        if (w->options.scheme == weighting::vic && (w->options.correlation == correlation_kind::pearson ||
                                                    w->options.correlation == correlation_kind::spearman))
            return {"correlation",
                    "must be 'distance' or 'absolute' for VIC weights (signed correlations can sum to zero)"};
    }
    return unused_option(s);
}

/// Every option with a vocabulary of names: the choices of the steps (from step_options) and of
/// the single-purpose functions.
const std::vector<option_vocabulary>& option_vocabularies() {
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
void check_option(const std::string& owner, const std::string& parameter, std::string_view value,
                  const std::string& function) {
    for (const auto& o : option_vocabularies()) {
        if (o.step != owner || o.parameter != parameter) continue;
        if (std::find(o.values.begin(), o.values.end(), value) == o.values.end())
            throw detail::bad_argument(function, parameter,
                                       detail::unknown_value(value, o.values, owner + "." + parameter));
        return;
    }
    throw argument_error("no composite option '" + parameter + "' of '" + owner + "'");
}

}  // namespace zhibiao::composite

namespace zhibiao::composite::detail {
namespace {

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// A position named "<word> <digits>" at `at` (whole words), its kind, and where it ends.
struct position_match {
    std::string_view word;
    std::size_t digits = 0, end = 0;
};

std::optional<position_match> position_at(std::string_view text, std::size_t at) {
    if (at > 0 && is_word_char(text[at - 1])) return std::nullopt;
    for (std::string_view word : {"unit", "criterion", "column"}) {
        if (text.compare(at, word.size(), word) != 0 || text.compare(at + word.size(), 1, " ") != 0) continue;
        const std::size_t digits = at + word.size() + 1;
        std::size_t end = digits;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        if (end == digits || (end < text.size() && is_word_char(text[end]))) return std::nullopt;
        return position_match{word, digits, end};
    }
    return std::nullopt;
}

bool shared_or_missing(const position_labels& kind, std::size_t position) {
    if (position < kind.missing.size() && kind.missing[position]) return true;
    return std::count(kind.labels.begin(), kind.labels.end(), kind.labels[position]) > 1;
}

}  // namespace

labelled_text label_positions(std::string_view text, const position_labels& units, const position_labels& criteria) {
    labelled_text out;
    std::size_t copied = 0;
    for (std::size_t at = 0; at < text.size(); ++at) {
        const std::optional<position_match> m = position_at(text, at);
        if (!m) continue;
        const bool unit = m->word == "unit";
        const position_labels& kind = unit ? units : criteria;
        std::optional<std::string>& used = unit ? out.unit : out.criterion;
        // More digits than any table has rows would overflow: such a position is no label's.
        const std::string_view number = text.substr(m->digits, m->end - m->digits);
        if (used || number.size() > 9) continue;
        std::size_t position = 0;
        std::from_chars(number.data(), number.data() + number.size(), position);
        if (position >= kind.labels.size()) continue;
        used = kind.labels[position];
        out.text.append(text, copied, at - copied);
        out.text += (kind.word.empty() ? std::string(m->word) : kind.word) + " '" + *used + "'";
        if (shared_or_missing(kind, position))
            out.text += std::string(unit ? " (row " : " (column ") + std::string(number) + ", counting from 0)";
        copied = m->end;
        at = m->end - 1;
    }
    out.text.append(text, copied, std::string_view::npos);
    return out;
}

}  // namespace zhibiao::composite::detail
