#pragma once
// The vocabulary of the composite options: for every option that names a method or a variant,
// its allowed values and its default, defined once here. The TOML reader (config.cpp), the
// Python bindings and the Python step classes (through the bindings) all check against it, so
// an unknown value is refused where it is given, with "did you mean", never replaced by a
// default. Names are exact (case and punctuation count); a value that differs only in case or
// in '-', '_' and spaces is offered as the suggestion.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

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
inline constexpr choice<treat_fallback> treat_fallback_choices[] = {{"log_CT", treat_fallback::log_ct},
                                                                    {"log", treat_fallback::log},
                                                                    {"log_CT_orig", treat_fallback::log_ct_orig},
                                                                    {"log_CT_plus", treat_fallback::log_ct_plus},
                                                                    {"none", treat_fallback::none}};
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
inline constexpr choice<reference_form> reference_form_choices[] = {{"ratio", reference_form::ratio},
                                                                    {"from_min", reference_form::from_min}};
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
inline constexpr choice<correlation_kind> correlation_choices[] = {{"auto", correlation_kind::automatic},
                                                                   {"pearson", correlation_kind::pearson},
                                                                   {"absolute", correlation_kind::absolute},
                                                                   {"distance", correlation_kind::distance},
                                                                   {"spearman", correlation_kind::spearman}};
inline constexpr choice<ahp_priority> ahp_priority_choices[] = {
    {"eigenvector", ahp_priority::eigenvector}, {"mean", ahp_priority::mean}, {"geometric", ahp_priority::geometric}};
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
                                                              {"vikor", aggregation::vikor},
                                                              {"waspas", aggregation::waspas},
                                                              {"mean_min", aggregation::mean_min}};
inline constexpr choice<topsis_normalisation> topsis_choices[] = {{"minmax", topsis_normalisation::minmax},
                                                                  {"vector", topsis_normalisation::vector},
                                                                  {"none", topsis_normalisation::none}};
inline constexpr choice<ties> ties_choices[] = {{"min", ties::min}, {"dense", ties::dense}, {"average", ties::average},
                                                {"max", ties::max}, {"first", ties::first}, {"last", ties::last}};

inline constexpr choice<vikor_ranks> vikor_ranks_choices[] = {{"min", vikor_ranks::min},
                                                              {"dense", vikor_ranks::dense},
                                                              {"compromise_first", vikor_ranks::compromise_first},
                                                              {"average", vikor_ranks::average}};
inline constexpr choice<vikor_best_tie> vikor_best_tie_choices[] = {{"literal", vikor_best_tie::literal},
                                                                    {"grouped", vikor_best_tie::grouped}};
inline constexpr choice<waspas_normalisation> waspas_choices[] = {
    {"linear", waspas_normalisation::linear},
    {"shifted_minmax", waspas_normalisation::shifted_minmax},
    {"none", waspas_normalisation::none}};

namespace detail {

/// Lower case without '-', '_' and spaces: "Min-Max" and "minmax" fold alike.
std::string folded(std::string_view s);

/// "= 'Vector' is not one of: minmax, vector (did you mean 'vector'?)". `where` ("step.parameter",
/// or "function.parameter") picks the names other tools use there (data/composite/aliases.toml):
/// "= 'n_prank' is not one of: … (did you mean 'percentile'? 'n_prank' is its name in COINr)".
std::string unknown_value(std::string_view value, const std::vector<std::string>& names, std::string_view where = {});

/// The suggestion data/composite/aliases.toml makes for another tool's name of a value at `where`
/// (" (did you mean 'percentile'? …)"), or "": a hint only, never an accepted name.
std::string value_alias_hint(std::string_view where, std::string_view value, const std::vector<std::string>& allowed);
/// The same for a parameter (keyword, TOML key) of the step `step` ("iref" → 'reference').
std::string parameter_alias_hint(std::string_view step, std::string_view parameter,
                                 const std::vector<std::string>& allowed);

/// A number in a message in its shortest exact form: 0.5, 2, -1e+308, NaN.
std::string format_number(double v);

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
argument_error bad_argument(const std::string& function, const std::string& parameter, const std::string& problem);

}  // namespace detail

/// The value `value` of `parameter` (of `function`, for the message), or an argument_error.
template <class Enum, std::size_t N>
Enum choose(const choice<Enum> (&choices)[N], std::string_view value, const std::string& function,
            const std::string& parameter) {
    for (const auto& c : choices)
        if (value == c.name) return c.value;
    throw detail::bad_argument(function, parameter,
                               detail::unknown_value(value, detail::names_of(choices), function + "." + parameter));
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

/// Every step option, step by step in the order of `step_kinds`.
const std::vector<option_spec>& step_options();

/// The options of one step kind (empty for an unknown kind).
std::vector<const option_spec*> options_of(std::string_view kind);

/// A step of `kind` holding every default, or an argument_error with "did you mean".
step make_step(std::string_view kind);

/// The kind of a step ("normalise"), one of `step_kinds`.
const char* kind_of(const step& s);

/// What a step needs beyond each option alone (an option another one asks for, or an option
/// its method does not read: unused_option): the option and the problem, or two empty strings.
std::pair<std::string, std::string> step_problem(const step& s);

/// The methods of step `kind` ("normalise") that read `option` ("standard" → {"standard"}); empty
/// when every method of the step reads it.
std::vector<std::string> methods_reading(std::string_view kind, std::string_view option);

/// Why `option` of step `kind` is not read by `method` ("is read by method = 'minmax' only, not by
/// this step's method 'zscore' …"); empty when the method reads it. A model file refuses every
/// key it gives so, also one equal to the default.
std::string unread_option_problem(std::string_view kind, std::string_view option, const std::string& method);
/// The same for a step with several methods in play (a normalise step's own and the indicators'
/// `methods`): empty when any of them reads the option.
std::string unread_option_problem(std::string_view kind, std::string_view option,
                                  const std::vector<std::string>& methods);
/// The methods of a step in play: its `method`, then a normalise step's indicators' own (empty
/// for a step without methods).
std::vector<std::string> methods_in_play(const step& s);

/// An option given a value other than its default that the step's method does not read — a
/// standard value for min-max, a power for an arithmetic mean — as (option, problem naming the
/// methods that read it), else two empty strings. Refused rather than ignored: a value the user
/// set and the result does not reflect is a silent error. In a step built in code a value equal
/// to the default cannot be told from no value (the step holds every default) and passes; a
/// model file's reader knows the keys written and refuses those too.
std::pair<std::string, std::string> unused_option(const step& s);

/// One option as the user meets it: the step (or function) it belongs to, its name, the values
/// allowed and the default ("" when the option has none).
struct option_vocabulary {
    std::string step, parameter;
    std::vector<std::string> values;
    std::string default_value;
};

/// Every option with a vocabulary of names: the choices of the steps (from step_options) and of
/// the single-purpose functions.
const std::vector<option_vocabulary>& option_vocabularies();

/// Checks `value` against the vocabulary of (step, parameter); `function` names the caller in
/// the message (e.g. "Normalise"). An unknown (step, parameter) is a programming error.
void check_option(const std::string& owner, const std::string& parameter, std::string_view value,
                  const std::string& function);

}  // namespace zhibiao::composite
