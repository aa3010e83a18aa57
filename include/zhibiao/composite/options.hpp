#pragma once
// The vocabulary of the composite options: for every option that names a method or a variant,
// its allowed values and its default, defined once here. The TOML reader (config.cpp), the
// Python bindings and the Python step classes (through the bindings) all check against it, so
// an unknown value is refused where it is given, with "did you mean", never replaced by a
// default. Names are exact (case and punctuation count); a value that differs only in case or
// in '-', '_' and spaces is offered as the suggestion.

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
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
inline constexpr choice<treatment> treatment_choices[] = {{"none", treatment::none}, {"coinr", treatment::coinr}, {"eis", treatment::eis}};
inline constexpr choice<normalisation> normalisation_choices[] = {
    {"minmax", normalisation::minmax},           {"zscore", normalisation::zscore},
    {"rank", normalisation::rank},               {"borda", normalisation::borda},
    {"percentile", normalisation::percentile},   {"dist_to_max", normalisation::dist_to_max},
    {"frac_of_max", normalisation::frac_of_max}, {"goalposts", normalisation::goalposts},
    {"standard", normalisation::standard},       {"ratio_to_mean", normalisation::ratio_to_mean},
    {"dist_to_ref", normalisation::dist_to_ref}, {"bands", normalisation::bands},
    {"vector", normalisation::vector},           {"sum", normalisation::sum}};
inline constexpr choice<cost_form> cost_choices[] = {{"negate", cost_form::negate}, {"inverse", cost_form::inverse}, {"complement", cost_form::complement}};
inline constexpr choice<weighting> weighting_choices[] = {
    {"framework", weighting::framework}, {"equal", weighting::equal},   {"fixed", weighting::fixed},
    {"entropy", weighting::entropy},     {"critic", weighting::critic}, {"sd", weighting::sd},
    {"variance", weighting::variance},   {"pca", weighting::pca},       {"ahp", weighting::ahp},
    {"vic", weighting::vic},             {"merec", weighting::merec},   {"gini", weighting::gini}};
/// The weights computed from a matrix alone (zhibiao.composite.weights).
inline constexpr choice<weighting> column_weighting_choices[] = {{"entropy", weighting::entropy}, {"critic", weighting::critic},
                                                                 {"sd", weighting::sd},           {"variance", weighting::variance},
                                                                 {"pca", weighting::pca},         {"equal", weighting::equal},
                                                                 {"vic", weighting::vic},         {"merec", weighting::merec},
                                                                 {"gini", weighting::gini}};
inline constexpr choice<entropy_zeros> entropy_zeros_choices[] = {{"skip", entropy_zeros::skip}, {"pymcdm", entropy_zeros::pymcdm}};
inline constexpr choice<correlation_kind> correlation_choices[] = {
    {"pearson", correlation_kind::pearson}, {"absolute", correlation_kind::absolute}, {"distance", correlation_kind::distance}};
inline constexpr choice<random_index> random_index_choices[] = {{"tummala_ling", random_index::tummala_ling}, {"saaty", random_index::saaty}};
inline constexpr choice<aggregation> aggregation_choices[] = {
    {"arithmetic", aggregation::arithmetic}, {"geometric", aggregation::geometric}, {"harmonic", aggregation::harmonic},
    {"generalised", aggregation::generalised}, {"mpi", aggregation::mpi},         {"bod", aggregation::bod},
    {"copeland", aggregation::copeland},     {"topsis", aggregation::topsis},     {"vikor", aggregation::vikor}};
inline constexpr choice<topsis_normalisation> topsis_choices[] = {
    {"minmax", topsis_normalisation::minmax}, {"vector", topsis_normalisation::vector}, {"none", topsis_normalisation::none}};
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
    std::string list, best;
    std::size_t best_distance = folded(value).size() / 3 + 2;
    for (const auto& n : names) {
        list += (list.empty() ? "" : ", ") + n;
        const std::size_t d = zhibiao::detail::edit_distance(folded(value), folded(n));
        if (d < best_distance) best_distance = d, best = n;
    }
    return "= '" + std::string(value) + "' is not one of: " + list + (best.empty() ? "" : " (did you mean '" + best + "'?)");
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
inline argument_error bad_argument(const std::string& function, const std::string& parameter, const std::string& problem) {
    location w;
    w.variable = parameter;
    return argument_error(function + ": " + parameter + " " + problem, w);
}

}  // namespace detail

/// The value `value` of `parameter` (of `function`, for the message), or an argument_error.
template <class Enum, std::size_t N>
Enum choose(const choice<Enum> (&choices)[N], std::string_view value, const std::string& function, const std::string& parameter) {
    for (const auto& c : choices)
        if (value == c.name) return c.value;
    throw detail::bad_argument(function, parameter, detail::unknown_value(value, detail::names_of(choices)));
}

/// One option as the user meets it: the step (or function) it belongs to, its name, the values
/// allowed and the default ("" when the option has none).
struct option_vocabulary {
    std::string step, parameter;
    std::vector<std::string> values;
    std::string default_value;
};

/// Every option with a vocabulary. The defaults are those of the option structs, not copies.
inline const std::vector<option_vocabulary>& option_vocabularies() {
    using detail::name_of;
    using detail::names_of;
    static const std::vector<option_vocabulary> all = {
        {"step", "kind", {"denominate", "screen", "impute", "treat", "normalise", "weigh", "aggregate"}, ""},
        {"impute", "method", names_of(imputation_choices), name_of(imputation_choices, impute_step{}.method)},
        {"treat", "method", names_of(treatment_choices), name_of(treatment_choices, treat_options{}.method)},
        {"normalise", "method", names_of(normalisation_choices), name_of(normalisation_choices, normalise_options{}.method)},
        {"weigh", "method", names_of(weighting_choices), name_of(weighting_choices, weight_options{}.scheme)},
        {"normalise", "cost", names_of(cost_choices), name_of(cost_choices, normalise_options{}.cost)},
        {"weigh", "zeros", names_of(entropy_zeros_choices), name_of(entropy_zeros_choices, weight_options{}.zeros)},
        {"weigh", "correlation", names_of(correlation_choices), name_of(correlation_choices, weight_options{}.correlation)},
        {"weigh", "ri", names_of(random_index_choices), name_of(random_index_choices, weight_options{}.ri)},
        {"aggregate", "method", names_of(aggregation_choices), name_of(aggregation_choices, aggregate_options{}.method)},
        {"aggregate", "inner", names_of(topsis_choices), name_of(topsis_choices, aggregate_options{}.topsis_inner)},
        {"weights", "method", names_of(column_weighting_choices), ""},
        {"weights", "zeros", names_of(entropy_zeros_choices), name_of(entropy_zeros_choices, weight_options{}.zeros)},
        {"weights", "correlation", names_of(correlation_choices), name_of(correlation_choices, weight_options{}.correlation)},
        {"ahp", "ri", names_of(random_index_choices), name_of(random_index_choices, weight_options{}.ri)},
        {"topsis", "inner", names_of(topsis_choices), name_of(topsis_choices, aggregate_options{}.topsis_inner)},
        {"rank", "ties", names_of(ties_choices), "min"},
    };
    return all;
}

/// Checks `value` against the vocabulary of (step, parameter); `function` names the caller in
/// the message (e.g. "Normalise"). An unknown (step, parameter) is a programming error.
inline void check_option(const std::string& owner, const std::string& parameter, std::string_view value, const std::string& function) {
    for (const auto& o : option_vocabularies()) {
        if (o.step != owner || o.parameter != parameter) continue;
        if (std::find(o.values.begin(), o.values.end(), value) == o.values.end())
            throw detail::bad_argument(function, parameter, detail::unknown_value(value, o.values));
        return;
    }
    throw argument_error("no composite option '" + parameter + "' of '" + owner + "'");
}

}  // namespace zhibiao::composite
