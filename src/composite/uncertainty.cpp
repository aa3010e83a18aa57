// Uncertainty analysis of a composite index (uncertainty.hpp): the model of assumptions, the
// decoding of a replication's uniforms, and the precomputed layers.
#include "zhibiao/composite/uncertainty.hpp"
#include "zhibiao/detail/counted.hpp"

#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <numeric>

#include "composite/position_labels.hpp"
#include "zhibiao/composite/options.hpp"

namespace zhibiao::composite {
namespace {

/// Whether a varied winmax reaches what `t` does: the coinr rule is its method, or that of an
/// indicator given its own method and no winmax of its own (Treat("none", methods={"Flights":
/// "coinr"}): review 28c), which both read the step's winmax.
bool step_winmax_read(const treat_step& t) {
    if (t.options.method == treatment::coinr) return true;
    for (const auto& entry : t.methods)
        if (t.options_for(entry.first).method == treatment::coinr && t.winmaxes.count(entry.first) == 0) return true;
    return false;
}

// The layer build() aggregated: the last before "aggregated" — the normalised one, or what a step
// after Normalise (a Treat of the normalised values) made of it. Replications aggregate it too.
const layer& aggregated_layer(const result& r) { return r.layers[r.layers.size() - 2]; }

std::uint64_t mix(std::uint64_t z) {  // splitmix64's finaliser
    z += 0x9E3779B97F4A7C15ULL;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

// The option at fault is named in the message; a location's `variable` would read as a column
// of the data ("(variable fraction)").
argument_error refuse(const std::string& what, const std::string& /*option*/) {
    return argument_error("uncertainty: " + what, location{});
}

// 1.5, not std::to_string's 1.500000; every digit that matters, where detail::format's %g would
// print a sum of 0.9999999 as "sum to 1, not 1".
std::string shown(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", x);
    for (int digits = 1; digits < 17; ++digits) {  // the shortest that reads back as x
        char shorter[32];
        std::snprintf(shorter, sizeof shorter, "%.*g", digits, x);
        if (std::strtod(shorter, nullptr) == x) return shorter;
    }
    return text;
}

template <class T>
std::vector<double> probabilities_of(const alternatives<T>& a, const std::string& name) {
    const std::size_t n = a.options.size();
    if (!a.labels.empty() && a.labels.size() != n)
        throw refuse(name + " has " + zhibiao::detail::counted(a.labels.size(), "label") + " for " +
                         zhibiao::detail::counted(n, "option"),
                     name);
    if (a.probabilities.empty()) return std::vector<double>(n, 1.0 / static_cast<double>(n));
    if (a.probabilities.size() != n)
        throw refuse(name + " has " + zhibiao::detail::counted(a.probabilities.size(), "probability", "probabilities") +
                         " for " + zhibiao::detail::counted(n, "option"),
                     name);
    double sum = 0;
    for (double p : a.probabilities) {
        if (!(p >= 0) || !std::isfinite(p))
            throw refuse(name + ": a probability is " + shown(p) + "; it must be in [0, 1]", name);
        sum += p;
    }
    if (std::abs(sum - 1) > 1e-9) throw refuse(name + ": the probabilities sum to " + shown(sum) + ", not 1", name);
    return a.probabilities;
}

int pick(const std::vector<double>& p, double u) {
    double cumulative = 0;
    for (std::size_t k = 0; k + 1 < p.size(); ++k) {
        cumulative += p[k];
        if (u < cumulative) return static_cast<int>(k);
    }
    return static_cast<int>(p.size()) - 1;
}

template <class T>
std::string label_of(const alternatives<T>& a, int k) {
    return a.labels.empty() ? std::to_string(k + 1) : a.labels[static_cast<std::size_t>(k)];
}

template <class T>
std::vector<std::string> labels_of(const alternatives<T>& a) {
    std::vector<std::string> out;
    for (std::size_t k = 0; k < a.options.size(); ++k) out.push_back(label_of(a, static_cast<int>(k)));
    return out;
}

/// Normalisation alternatives replace the model's Normalise step: with two (a default one and one
/// with indicators of their own), each alternative would replace both, and which one the user meant
/// to vary is not said. Refused, saying how to choose (round 36).
void refuse_two_normalise_steps(const std::vector<step>& steps) {
    std::vector<std::size_t> at;
    for (std::size_t i = 0; i < steps.size(); ++i)
        if (std::holds_alternative<normalise_step>(steps[i])) at.push_back(i + 1);
    if (at.size() < 2) return;
    std::string which;
    for (std::size_t k = 0; k < at.size(); ++k)
        which += (k == 0 ? "" : k + 1 == at.size() ? " and " : ", ") + std::to_string(at[k]);
    throw refuse("normalisation varies, but the model has " + std::to_string(at.size()) + " Normalise steps (steps " +
                     which +
                     "): each alternative would replace every one of them. Give the model one Normalise step "
                     "(methods={indicator: method} for the indicators with a method of their own) and "
                     "alternatives that say the same per-indicator methods, or leave normalisation= out",
                 "normalisation");
}

bool has_step(const std::vector<step>& steps, std::size_t kind) {
    return std::any_of(steps.begin(), steps.end(), [&](const step& s) { return s.index() == kind; });
}

bool fixed_scheme(weighting w) { return w == weighting::framework || w == weighting::fixed || w == weighting::equal; }

/// 20, not shown()'s shortest 2e+01.
std::string whole(double x) {
    char text[48];
    std::snprintf(text, sizeof text, "%.0f", x);
    return text;
}

/// 25 for 0.25, 10 for 0.1 (not 10.000000000000002).
std::string percent(double fraction) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", 100 * fraction);
    return text;
}

/// "2 aggregations (arithmetic, geometric)": a choice of the analysis in the words of its labels.
template <class T>
std::string choice_text(const alternatives<T>& a, const std::string& one, const std::string& many) {
    const std::vector<std::string> labels = labels_of(a);
    std::string listed;
    for (std::size_t k = 0; k < labels.size() && k < 6; ++k) listed += (k ? ", " : "") + labels[k];
    if (labels.size() > 6) listed += ", …";
    return std::to_string(labels.size()) + " " + (labels.size() == 1 ? one : many) + " (" + listed + ")";
}

/// Whether every winmax value gave the same normalised table, for each imputation and normalisation
/// choice (layers in the order precompute() makes them: imputation, winmax, normalisation).
bool same_across_winmax(const std::vector<uncertainty_model::layer_data>& layers, std::size_t n_imp, std::size_t n_win,
                        std::size_t n_norm) {
    const auto same = [](const uncertainty_model::layer_data& a, const uncertainty_model::layer_data& b) {
        if (a.rows != b.rows || a.values.rows() != b.values.rows() || a.values.cols() != b.values.cols()) return false;
        for (Eigen::Index j = 0; j < a.values.cols(); ++j)
            for (Eigen::Index i = 0; i < a.values.rows(); ++i) {
                const double x = a.values(i, j), y = b.values(i, j);
                if (x != y && !(std::isnan(x) && std::isnan(y))) return false;
            }
        return true;
    };
    for (std::size_t i = 0; i < n_imp; ++i)
        for (std::size_t n = 0; n < n_norm; ++n)
            for (std::size_t w = 1; w < n_win; ++w)
                if (!same(layers[(i * n_win + w) * n_norm + n], layers[(i * n_win) * n_norm + n])) return false;
    return true;
}

/// The summary's note on what the replications combine, in an analyst's words (round 37: it said
/// "10 normalised layers precomputed (imputation × winmax × normalisation choices)"): the choices
/// with their alternatives, how many combinations they make, the weights drawn on top, and a varied
/// winmax that changes no table. Empty when fewer than two combinations are drawn.
std::string alternatives_note(const uncertainty_spec& s, const std::vector<int>& winmax_values, std::size_t indicators,
                              bool winmax_idle) {
    std::vector<std::string> parts;
    double combinations = 1;
    const auto add = [&](std::size_t n, std::string text) {
        if (n < 2) return;
        combinations *= static_cast<double>(n);
        parts.push_back(std::move(text));
    };
    add(s.weighting.options.size(), choice_text(s.weighting, "weighting", "weightings"));
    add(s.aggregation.options.size(), choice_text(s.aggregation, "aggregation", "aggregations"));
    add(s.normalisation.options.size(), choice_text(s.normalisation, "normalisation", "normalisations"));
    add(s.imputation.options.size(), choice_text(s.imputation, "imputation", "imputations"));
    if (!winmax_values.empty())
        add(winmax_values.size(), std::to_string(winmax_values.size()) + " winmax values (" +
                                      std::to_string(winmax_values.front()) + " to " +
                                      std::to_string(winmax_values.back()) + ")");
    if (s.exclude_indicator)
        add(indicators + 1, "all " + std::to_string(indicators) + " indicators or one of them left out (" +
                                std::to_string(indicators + 1) + " ways)");
    if (combinations < 2) return "";
    std::string joined;
    for (std::size_t k = 0; k < parts.size(); ++k) joined += (k ? " × " : "") + parts[k];
    std::string text = parts.size() == 1 ? "each replication takes one of " + joined
                                         : "each replication is one of " + whole(combinations) +
                                               " combinations of the alternatives: " + joined;
    for (const auto& n : s.noise)
        text += "; each weight of level " + std::to_string(n.level) + " varied by up to ±" + percent(n.fraction) +
                " % on top";
    for (const auto& d : s.dirichlet)
        text += "; the weights of level " + std::to_string(d.level) + " drawn from a Dirichlet distribution " +
                "(concentration " + shown(d.concentration) + ") on top";
    if (winmax_idle)
        text +=
            "; every winmax value gives the same treated data (the outlier rule winsorises the same points "
            "at each), so winmax changes no rank" +
            (parts.size() > 1 ? " and only " + whole(combinations / static_cast<double>(winmax_values.size())) +
                                    " of the combinations differ"
                              : "");
    return text;
}

}  // namespace

double stream_uniform(std::uint64_t seed, std::uint64_t replication, std::uint64_t i) {
    const std::uint64_t key = mix(mix(seed ^ 0xA0761D6478BD642FULL) + replication);
    return (static_cast<double>(mix(key ^ mix(i + 1)) >> 11) + 0.5) * 0x1p-53;
}

std::shared_ptr<const uncertainty_model> uncertainty_model::make(table data, framework fw, std::vector<step> steps,
                                                                 uncertainty_spec spec) {
    return std::shared_ptr<const uncertainty_model>(
        new uncertainty_model(std::move(data), std::move(fw), std::move(steps), std::move(spec)));
}

uncertainty_model::uncertainty_model(table data, framework fw, std::vector<step> steps, uncertainty_spec spec)
    : data_(std::move(data)), fw_(std::move(fw)), steps_(std::move(steps)), spec_(std::move(spec)) {
    const result nominal = detail::build_steps(data_, fw_, steps_);
    nominal_plans_ = nominal.plans;
    for (int k = 0; k < static_cast<int>(fw_.nodes().size()); ++k)
        if (!fw_.children(k).empty()) aggregates_.push_back(k);
    declare_inputs();
    precompute();
    replication_draw nominal_draw;  // every choice −1: the nominal model
    nominal_draw.weights.assign(fw_.nodes().size(), missing_value);
    // The precomputed layers are the alternatives' (the first winmax, the first normalisation…),
    // which need not include the model's own steps: the nominal index gets its own layer.
    if (!spec_.imputation.empty() || !winmax_values_.empty() || !spec_.normalisation.empty()) {
        const layer& own = aggregated_layer(nominal);
        nominal_draw.layer = layers_.size();
        layers_.push_back(layer_data{own.values, own.rows});
    }
    prepare_fast();
    nominal_scores_ = scores(nominal_draw);
    nominal_ranks_ = ranks_of(nominal_scores_);
}

void uncertainty_model::declare_inputs() {
    const int top = fw_.top_level();
    std::vector<int> varied_levels;
    auto weight_input = [&](int level, int kind, double parameter, const char* what) {
        if (level < 1 || level >= top)
            throw refuse(std::string(what) + " at level " + std::to_string(level) + ": weights vary at levels 1 to " +
                             std::to_string(top - 1) + " (the nodes that have a parent)",
                         "level");
        if (std::find(varied_levels.begin(), varied_levels.end(), level) != varied_levels.end())
            throw refuse("the weights of level " + std::to_string(level) +
                             " vary twice (noise and Dirichlet, or twice the same)",
                         "level");
        varied_levels.push_back(level);
        input in{std::string(what) + " level " + std::to_string(level), kind, level, dims_, 0, parameter, {}};
        for (const node& n : fw_.nodes())
            if (n.level == level && !n.parent.empty()) {
                const int parent_level = fw_.at(fw_.find(n.parent)).level;
                const weighting nominal = nominal_plans_[static_cast<std::size_t>(parent_level - 2)].weights.scheme;
                const bool chosen = !spec_.weighting.empty() && detail::applies(spec_.weighting_levels, parent_level);
                if (!chosen && !fixed_scheme(nominal))
                    throw refuse(std::string(what) + " at level " + std::to_string(level) +
                                     ": the nominal model computes these weights from the data (" +
                                     weighting_names[static_cast<int>(nominal)] +
                                     "); only framework, fixed or equal weights can be perturbed",
                                 "level");
                // The same refusal for a weighting alternative: its replications would draw no
                // perturbed weight (the noise silently not applied, the drawn weights NaN).
                for (std::size_t c = 0; chosen && c < spec_.weighting.options.size(); ++c) {
                    const weighting w = spec_.weighting.options[c].scheme;
                    if (fixed_scheme(w)) continue;
                    const std::string label =
                        c < spec_.weighting.labels.size() ? spec_.weighting.labels[c] : std::to_string(c + 1);
                    throw refuse(
                        std::string(what) + " at level " + std::to_string(level) + ": the weighting alternative '" +
                            label + "' computes these weights from the data (" + weighting_names[static_cast<int>(w)] +
                            "); only framework, fixed or equal weights can be perturbed (drop the perturbation "
                            "or that alternative)",
                        "level");
                }
                ++in.dims;
            }
        dims_ += in.dims;
        inputs_.push_back(in);
    };
    for (const auto& n : spec_.noise) {
        if (!(n.fraction >= 0 && n.fraction < 1))
            throw refuse("weight noise must be in [0, 1), not " + shown(n.fraction), "fraction");
        weight_input(n.level, 0, n.fraction, "weights noise");
    }
    for (const auto& d : spec_.dirichlet) {
        if (!(d.concentration > 0) || !std::isfinite(d.concentration))
            throw refuse("the Dirichlet concentration must be positive and finite, not " + shown(d.concentration),
                         "concentration");
        weight_input(d.level, 1, d.concentration, "weights Dirichlet");
    }
    auto choice_input = [&](const std::string& name, int kind, std::vector<double> p) {
        inputs_.push_back(input{name, kind, 0, dims_, 1, 0, std::move(p)});
        dims_ += 1;
    };
    for (int level : spec_.weighting_levels) detail::check_levels({level}, fw_, "uncertainty: weighting_levels");
    for (int level : spec_.aggregation_levels) detail::check_levels({level}, fw_, "uncertainty: aggregation_levels");
    if (!spec_.weighting.empty()) choice_input("weighting", 2, probabilities_of(spec_.weighting, "weighting"));
    if (!spec_.aggregation.empty()) choice_input("aggregation", 3, probabilities_of(spec_.aggregation, "aggregation"));
    if (!spec_.normalisation.empty()) {
        refuse_two_normalise_steps(steps_);
        choice_input("normalisation", 4, probabilities_of(spec_.normalisation, "normalisation"));
    }
    if (!spec_.imputation.empty()) {
        if (!has_step(steps_, 2))
            throw refuse("imputation varies, but the nominal model has no impute step (add one to the model first)",
                         "imputation");
        choice_input("imputation", 5, probabilities_of(spec_.imputation, "imputation"));
    }
    if (spec_.winmax_varies()) {
        const bool coinr_treat = std::any_of(steps_.begin(), steps_.end(), [](const step& s) {
            const auto* t = std::get_if<treat_step>(&s);
            return t && step_winmax_read(*t);
        });
        if (!coinr_treat)
            throw refuse(
                "winmax varies, but no treat step of the nominal model treats an indicator by the coinr rule with "
                "the step's winmax (method 'coinr', or methods={indicator: 'coinr'} without a winmaxes entry; add "
                "one to the model first)",
                "winmax");
        if (spec_.winmax_low < 0) throw refuse("winmax must be ≥ 0, not " + std::to_string(spec_.winmax_low), "winmax");
        for (int w = spec_.winmax_low; w <= spec_.winmax_high; ++w) winmax_values_.push_back(w);
        choice_input("winmax", 6,
                     std::vector<double>(winmax_values_.size(), 1.0 / static_cast<double>(winmax_values_.size())));
    }
    if (spec_.exclude_indicator) {
        const std::size_t n = fw_.indicators().size() + 1;
        choice_input("exclusion", 7, std::vector<double>(n, 1.0 / static_cast<double>(n)));
    }
    for (const auto& in : inputs_) input_names_.push_back(in.name), input_first_.push_back(in.first);
}

std::vector<step> uncertainty_model::data_steps(const replication_draw& d) const {
    std::vector<step> out = steps_;
    for (step& s : out) {
        if (auto* i = std::get_if<impute_step>(&s); i && d.imputation >= 0)
            *i = spec_.imputation.options[static_cast<std::size_t>(d.imputation)];
        if (auto* t = std::get_if<treat_step>(&s); t && d.winmax >= 0 && step_winmax_read(*t))
            t->options.winmax = d.winmax;
        if (auto* n = std::get_if<normalise_step>(&s); n && d.normalisation >= 0)
            *n = spec_.normalisation.options[static_cast<std::size_t>(d.normalisation)];
    }
    return out;
}

void uncertainty_model::precompute() {
    const std::size_t n_imp = std::max<std::size_t>(1, spec_.imputation.options.size());
    const std::size_t n_win = std::max<std::size_t>(1, winmax_values_.size());
    const std::size_t n_norm = std::max<std::size_t>(1, spec_.normalisation.options.size());
    for (std::size_t i = 0; i < n_imp; ++i)
        for (std::size_t w = 0; w < n_win; ++w)
            for (std::size_t n = 0; n < n_norm; ++n) {
                poll_interrupt();
                replication_draw d;
                d.imputation = spec_.imputation.empty() ? -1 : static_cast<int>(i);
                d.winmax = winmax_values_.empty() ? -1 : winmax_values_[w];
                d.normalisation = spec_.normalisation.empty() ? -1 : static_cast<int>(n);
                result r = detail::build_steps(data_, fw_, data_steps(d));
                const layer& aggregated = aggregated_layer(r);
                layers_.push_back(layer_data{aggregated.values, aggregated.rows});
            }
    const bool winmax_idle = n_win > 1 && same_across_winmax(layers_, n_imp, n_win, n_norm);
    const std::string combined = alternatives_note(spec_, winmax_values_, fw_.indicators().size(), winmax_idle);
    if (!combined.empty()) notes_.push_back(combined);
    // Round 36 (a new user's run: nominal score 74.6, mean_score 38.4 with zscore beside minmax):
    // the doc's warning said where the numbers are, in the summary.
    // Each alternative against the model's own Normalise step (the nominal score's scale), per-indicator
    // methods and ranges included (review 36: one zscore alternative beside a minmax model said nothing).
    const auto same_scale = [](const normalise_step& x, const normalise_step& y) {
        const normalise_options& a = x.options;
        const normalise_options& b = y.options;
        return a.method == b.method && a.low == b.low && a.high == b.high && a.target_mean == b.target_mean &&
               a.target_sd == b.target_sd && x.methods == y.methods && x.ranges == y.ranges && x.m_sds == y.m_sds &&
               x.goal_scales == y.goal_scales;
    };
    const auto own = std::find_if(steps_.begin(), steps_.end(),
                                  [](const step& s) { return std::holds_alternative<normalise_step>(s); });
    const auto& alternatives = spec_.normalisation.options;
    const bool scales_differ =
        own != steps_.end() && std::any_of(alternatives.begin(), alternatives.end(), [&](const normalise_step& x) {
            return !same_scale(x, std::get<normalise_step>(*own));
        });
    if (scales_differ)
        notes_.push_back(
            "the normalisation alternatives score on other scales than the model's own Normalise step: mean_score "
            "and the score percentiles mix them (the nominal score is on the model's own); compare regions by "
            "their ranks");
}

void uncertainty_model::draw_weights(const input& in, const double* u, replication_draw& d) const {
    // the weights of the scheme chosen (NaN where computed from the data: not perturbed)
    auto base = [&](int k) { return base_weight(k, d.weighting); };
    std::size_t j = in.first;
    for (int k = 0; k < static_cast<int>(fw_.nodes().size()); ++k) {
        const node& n = fw_.at(k);
        if (n.level != in.level || n.parent.empty()) continue;
        const double b = base(k), uj = u[j++];
        if (in.kind == 0) {
            d.weights[static_cast<std::size_t>(k)] = b * (1 + in.parameter * (2 * uj - 1));
            continue;
        }
        double siblings = 0;
        for (int c : fw_.children(fw_.find(n.parent)))
            if (fw_.at(c).level == in.level) siblings += base(c);
        const double alpha = in.parameter * b / siblings;
        d.weights[static_cast<std::size_t>(k)] =
            !(alpha > 0) ? (alpha == 0 ? 0.0 : missing_value) : boost::math::gamma_p_inv(alpha, uj);
    }
}

replication_draw uncertainty_model::decode(const double* u) const {
    replication_draw d;
    d.weights.assign(fw_.nodes().size(), missing_value);
    for (const input& in : inputs_) {
        const int k = in.kind >= 2 ? pick(in.probabilities, u[in.first]) : -1;
        if (in.kind == 2) d.weighting = k;
        if (in.kind == 3) d.aggregation = k;
        if (in.kind == 4) d.normalisation = k;
        if (in.kind == 5) d.imputation = k;
        if (in.kind == 6) d.winmax = winmax_values_[static_cast<std::size_t>(k)];
        if (in.kind == 7) d.excluded = k - 1;
    }
    for (const input& in : inputs_)
        if (in.kind <= 1) draw_weights(in, u, d);
    const std::size_t n_win = std::max<std::size_t>(1, winmax_values_.size());
    const std::size_t n_norm = std::max<std::size_t>(1, spec_.normalisation.options.size());
    const std::size_t w = d.winmax < 0 ? 0 : static_cast<std::size_t>(d.winmax - spec_.winmax_low);
    d.layer = (static_cast<std::size_t>(std::max(d.imputation, 0)) * n_win + w) * n_norm +
              static_cast<std::size_t>(std::max(d.normalisation, 0));
    return d;
}

std::vector<level_plan> uncertainty_model::plans(const replication_draw& d) const {
    std::vector<level_plan> p = nominal_plans_;
    for (int level = 2; level <= fw_.top_level(); ++level) {
        level_plan& plan = p[static_cast<std::size_t>(level - 2)];
        if (d.weighting >= 0 && detail::applies(spec_.weighting_levels, level))
            plan.weights = spec_.weighting.options[static_cast<std::size_t>(d.weighting)];
        if (d.aggregation >= 0 && detail::applies(spec_.aggregation_levels, level))
            plan.aggregate = spec_.aggregation.options[static_cast<std::size_t>(d.aggregation)];
    }
    for (std::size_t k = 0; k < d.weights.size(); ++k) {
        if (std::isnan(d.weights[k])) continue;
        const node& n = fw_.at(static_cast<int>(k));
        weight_options& wo = p[static_cast<std::size_t>(fw_.at(fw_.find(n.parent)).level - 2)].weights;
        if (!fixed_scheme(wo.scheme)) continue;
        if (wo.scheme == weighting::equal)  // equal becomes fixed: every child of the level at 1
            for (const node& other : fw_.nodes())
                if (!other.parent.empty() && fw_.at(fw_.find(other.parent)).level == fw_.at(fw_.find(n.parent)).level)
                    wo.fixed.emplace(other.code, 1.0);
        wo.scheme = weighting::fixed;
        wo.fixed[n.code] = d.weights[k];
    }
    return p;
}

namespace {
/// A method's complaint about "unit N" of a layer (its N-th row in play) said naming the region,
/// as build() says it ("region 'AUS'"), with `then` after it.
method_error naming_region(const method_error& e, const table& data, const std::vector<Eigen::Index>& rows,
                           const std::string& then) {
    detail::position_labels regions;
    for (Eigen::Index row : rows) regions.labels.push_back(data.regions[static_cast<std::size_t>(row)]);
    regions.word = "region";
    const detail::labelled_text said = detail::label_positions(e.message(), regions, {});
    location where = e.where();
    if (said.unit) where.entity = *said.unit;
    return method_error(said.text + then, where);
}
}  // namespace

Eigen::MatrixXd uncertainty_model::general_scores(const replication_draw& d) const {
    const layer_data& l = layers_[d.layer];
    std::vector<bool> excluded;
    if (d.excluded >= 0) {
        excluded.assign(fw_.nodes().size(), false);
        excluded[static_cast<std::size_t>(fw_.indicators()[static_cast<std::size_t>(d.excluded)])] = true;
    }
    aggregation_result a;
    try {
        a = aggregate(fw_, l.values, plans(d), excluded);
    } catch (const method_error& e) {
        // A choice the nominal model did not make fails (a geometric mean drawn over z-scores):
        // say which choices, or the analyst sees only the nominal model's names.
        throw naming_region(e, data_, l.rows,
                            " — in a replication that drew " + draw_text(d, false) +
                                ": such replications cannot be computed; change or drop one of these choices");
    }
    Eigen::MatrixXd out = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(data_.regions.size()),
                                                    static_cast<Eigen::Index>(aggregates_.size()), missing_value);
    for (std::size_t c = 0; c < aggregates_.size(); ++c)
        for (std::size_t i = 0; i < l.rows.size(); ++i)
            out(l.rows[i], static_cast<Eigen::Index>(c)) = a.scores(static_cast<Eigen::Index>(i), aggregates_[c]);
    return out;
}

Eigen::MatrixXd uncertainty_model::ranks_of(const Eigen::MatrixXd& scores) {
    Eigen::MatrixXd r(scores.rows(), scores.cols());
    for (Eigen::Index c = 0; c < scores.cols(); ++c) r.col(c) = rank_scores(scores.col(c));
    return r;
}

namespace {

// What a replication did with the weights of a level it drew (noise or Dirichlet around the base
// scheme's): aggregate() takes them as fixed weights, but fixed is not what the analyst chose.
std::string drawn_weights_text(const uncertainty_model::input& in, weighting base) {
    const std::string of = std::string("the ") + weighting_names[static_cast<int>(base)] + " weights";
    const std::string x = detail::format(in.parameter);
    if (in.kind == 0) return "weights drawn for this replication (" + of + ", each × (1 + U(−" + x + ", " + x + ")))";
    return "weights drawn for this replication (Dirichlet around the shares of " + of + ", concentration " + x + ")";
}

}  // namespace

result uncertainty_model::rebuild(const replication_draw& d) const {
    result r = detail::build_steps(data_, fw_, data_steps(d));
    std::vector<bool> excluded;
    if (d.excluded >= 0) {
        excluded.assign(fw_.nodes().size(), false);
        excluded[static_cast<std::size_t>(fw_.indicators()[static_cast<std::size_t>(d.excluded)])] = true;
    }
    const layer_data& l = layers_[d.layer];
    // build() ended the method with the nominal plans' account: say what this replication did.
    const std::size_t nominal_lines = detail::aggregation_account(fw_, r.plans, r.aggregation).size();
    r.method.resize(r.method.size() - std::min(nominal_lines, r.method.size()));
    r.plans = plans(d);
    try {
        r.aggregation = aggregate(fw_, l.values, r.plans, excluded);
    } catch (const method_error& e) {
        throw naming_region(e, data_, l.rows, " — in a replication that drew " + draw_text(d, false));
    }
    detail::rank_aggregates(fw_, r);              // build()'s ranks were those of the nominal plans
    const std::size_t account = r.method.size();  // its line of level L + 1 aggregates level L
    for (std::string& line : detail::aggregation_account(fw_, r.plans, r.aggregation))
        r.method.push_back(std::move(line));
    replication_draw undrawn = d;
    std::fill(undrawn.weights.begin(), undrawn.weights.end(), missing_value);
    const std::vector<level_plan> base = plans(undrawn);
    for (const input& in : inputs_) {
        if (in.kind > 1) continue;  // not weights
        bool drawn = false;
        for (std::size_t k = 0; k < d.weights.size(); ++k)
            drawn |= fw_.at(static_cast<int>(k)).level == in.level && !std::isnan(d.weights[k]);
        std::string& line = r.method[account + static_cast<std::size_t>(in.level - 1)];
        const std::size_t at = drawn ? line.find(", fixed weights;") : std::string::npos;
        if (at != std::string::npos)
            line.replace(at + 2, 13,
                         drawn_weights_text(in, base[static_cast<std::size_t>(in.level - 1)].weights.scheme));
    }
    for (auto& lay : r.layers)
        if (lay.name == "aggregated") lay.values = r.aggregation.scores;
    r.method.push_back("Uncertainty replication: " + draw_text(d) + ".");
    return r;
}

std::string uncertainty_model::draw_text(const replication_draw& d, bool weights) const {
    const std::vector<std::string> names = parameter_names();
    const std::vector<std::vector<std::string>> labels = parameter_labels();
    const Eigen::RowVectorXd values = parameters(d);
    std::string drawn;
    for (std::size_t c = 0; c < names.size(); ++c) {
        const double v = values(static_cast<Eigen::Index>(c));
        const bool choice = !labels[c].empty();
        if (!choice && !weights && names[c] != "winmax") continue;
        drawn += (drawn.empty() ? "" : ", ") + names[c] + " = " +
                 (choice ? (v < 0 ? std::string("none") : labels[c][static_cast<std::size_t>(v)]) : detail::format(v));
    }
    return drawn.empty() ? std::string("the nominal model") : drawn;
}

std::vector<std::string> uncertainty_model::parameter_names() const {
    std::vector<std::string> out;
    for (const input& in : inputs_) {
        if (in.kind > 1) {
            out.push_back(in.name);
            continue;
        }
        for (const node& n : fw_.nodes())
            if (n.level == in.level && !n.parent.empty()) out.push_back("weight:" + n.code);
    }
    return out;
}

std::vector<std::vector<std::string>> uncertainty_model::parameter_labels() const {
    std::vector<std::vector<std::string>> out;
    for (const input& in : inputs_) {
        std::vector<std::string> labels;
        if (in.kind == 2) labels = labels_of(spec_.weighting);
        if (in.kind == 3) labels = labels_of(spec_.aggregation);
        if (in.kind == 4) labels = labels_of(spec_.normalisation);
        if (in.kind == 5) labels = labels_of(spec_.imputation);
        if (in.kind == 7)
            for (int k : fw_.indicators()) labels.push_back(fw_.at(k).code);
        out.insert(out.end(), in.kind <= 1 ? in.dims : 1, labels);
    }
    return out;
}

Eigen::RowVectorXd uncertainty_model::parameters(const replication_draw& d) const {
    std::vector<double> out;
    for (const input& in : inputs_) {
        if (in.kind <= 1) {
            for (int k = 0; k < static_cast<int>(fw_.nodes().size()); ++k)
                if (fw_.at(k).level == in.level && !fw_.at(k).parent.empty())
                    out.push_back(d.weights[static_cast<std::size_t>(k)]);
            continue;
        }
        const int v = in.kind == 2   ? d.weighting
                      : in.kind == 3 ? d.aggregation
                      : in.kind == 4 ? d.normalisation
                      : in.kind == 5 ? d.imputation
                      : in.kind == 6 ? d.winmax
                                     : d.excluded;
        out.push_back(v);
    }
    return Eigen::Map<Eigen::RowVectorXd>(out.data(), static_cast<Eigen::Index>(out.size()));
}

}  // namespace zhibiao::composite
