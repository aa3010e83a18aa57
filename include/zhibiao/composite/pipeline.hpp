#pragma once
// The composite pipeline: a table with one row per unit, a framework, and steps in the order
// the analyst chooses. Each step is a small value type; build() applies them and keeps every
// intermediate layer (raw, denominated, imputed, screened, treated, normalised, aggregated),
// the marks of imputed and treated cells, the weights used, and a plain-text account of the
// method for the methodology annex.

#include <Eigen/Core>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "zhibiao/composite/aggregate.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/marks.hpp"
#include "zhibiao/composite/normalise.hpp"
#include "zhibiao/composite/prepare.hpp"
#include "zhibiao/composite/treat.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::composite {

/// The input: units, numeric columns (indicators, denominators) and label columns (groups).
struct table {
    std::vector<std::string> units;
    std::map<std::string, Eigen::VectorXd> numbers;
    std::map<std::string, std::vector<std::string>> labels;
    std::map<std::string, Eigen::VectorXd> previous;  ///< indicator → each unit's latest earlier value (imputation "latest")
};

struct denominate_step {
    std::map<std::string, std::string> by;     ///< indicator → denominator column
    std::map<std::string, double> scale;       ///< indicator → scale factor (default 1)
};
struct screen_step {
    screen_options options;
};
struct impute_step {
    imputation method = imputation::group_mean;
    std::string group;  ///< label column for group methods
};
struct treat_step {
    treat_options options;
};
struct normalise_step {
    normalise_options options;                                    ///< method and range
    std::map<std::string, std::pair<double, double>> goalposts;  ///< goalposts: indicator → (low, high)
    std::map<std::string, double> standard;                      ///< standard: indicator → value
    std::string reference;                                       ///< dist_to_ref: the reference unit
};
struct weigh_step {
    weight_options options;
    std::vector<int> levels;  ///< levels whose groups are weighted this way (empty: all)
};
struct aggregate_step {
    aggregate_options options;
    std::vector<int> levels;  ///< levels aggregated this way (empty: all)
};

using step = std::variant<denominate_step, screen_step, impute_step, treat_step, normalise_step, weigh_step, aggregate_step>;

struct layer {
    std::string name;
    std::vector<Eigen::Index> rows;  ///< the input units this layer keeps (screening drops some)
    Eigen::MatrixXd values;          ///< rows × indicators (or × nodes for "aggregated")
};

struct result {
    std::vector<std::string> units;       ///< every input unit
    std::vector<layer> layers;
    mark_matrix imputed_marks, treated_marks;  ///< over the rows of the imputed / treated layers
    std::vector<treat_record> treatment;  ///< per indicator, when a treat step ran
    screening screened;                   ///< when a screen step ran
    std::vector<level_plan> plans;        ///< per level from 2, as used
    aggregation_result aggregation;       ///< scores (over the rows of the last layer), weights
    std::vector<std::string> method;      ///< the account of the method, one sentence per step

    const layer& at(const std::string& name) const {
        for (const auto& l : layers)
            if (l.name == name) return l;
        std::string have;
        for (const auto& l : layers) have += (have.empty() ? "" : ", ") + l.name;
        throw lookup_error("no layer '" + name + "' (layers: " + have + ")", name);
    }
    bool has(const std::string& name) const {
        for (const auto& l : layers)
            if (l.name == name) return true;
        return false;
    }
};

namespace detail {

inline std::string format(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

inline std::string count(long n, const std::string& noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

inline const Eigen::VectorXd& column(const table& t, const std::string& name, const std::string& role) {
    const auto it = t.numbers.find(name);
    if (it == t.numbers.end()) throw missing_variable_error("the data lack the " + role + " column '" + name + "'", name);
    if (it->second.size() != static_cast<Eigen::Index>(t.units.size()))
        throw error("column '" + name + "' has " + std::to_string(it->second.size()) + " values for " + std::to_string(t.units.size()) + " units");
    return it->second;
}

inline std::string normalisation_text(const normalise_step& s) {
    static const char* names[] = {"min-max", "z-score (sample sd)", "rank (ties share the lowest rank)", "Borda (rank − 1)",
                                  "percentile rank ((rank − 1)/(n − 1))", "distance to the maximum (1 − (max − x)/(max − min))",
                                  "fraction of the maximum (x / max)", "goalposts", "ratio to a standard value", "ratio to the mean (x / mean · 100)",
                                  "ratio to the reference unit", "categorical bands"};
    std::string text = "Normalisation: " + std::string(names[static_cast<int>(s.options.method)]);
    if (s.options.method == normalisation::minmax) text += " to [" + format(s.options.low) + ", " + format(s.options.high) + "]";
    if (s.options.method == normalisation::goalposts) text += " scaled to " + format(s.options.goal_scale) + ", values beyond the goalposts clipped";
    if (s.options.method == normalisation::standard) text += " × 100, capped at " + format(s.options.cap) + " (the monitoring method)";
    if (s.options.method == normalisation::dist_to_ref) text += " '" + s.reference + "'" + (s.options.cap_at_reference ? ", capped at 1" : "");
    return text + "; lower-is-better indicators flipped first.";
}

}  // namespace detail

/// Applies `steps` in order. Normalisation must come before aggregation; weigh steps apply to
/// the aggregation that follows them.
inline result build(const table& data, const framework& fw, const std::vector<step>& steps) {
    result r;
    r.units = data.units;
    const auto& leaves = fw.indicators();
    const auto n_units = static_cast<Eigen::Index>(data.units.size());
    const auto n_ind = static_cast<Eigen::Index>(leaves.size());
    std::vector<std::string> names;
    std::vector<int> direction;
    for (int k : leaves) names.push_back(fw.at(k).code), direction.push_back(fw.at(k).direction);

    Eigen::MatrixXd x(n_units, n_ind);
    for (Eigen::Index j = 0; j < n_ind; ++j) x.col(j) = detail::column(data, names[static_cast<std::size_t>(j)], "indicator");
    std::vector<Eigen::Index> rows(static_cast<std::size_t>(n_units));
    for (Eigen::Index i = 0; i < n_units; ++i) rows[static_cast<std::size_t>(i)] = i;
    r.layers.push_back({"raw", rows, x});
    const int levels = fw.top_level();
    r.plans.assign(static_cast<std::size_t>(std::max(0, levels - 1)), level_plan{});
    bool normalised = false;
    auto applies = [](const std::vector<int>& chosen, int level) { return chosen.empty() || std::find(chosen.begin(), chosen.end(), level) != chosen.end(); };

    for (const step& s : steps) {
        if (const auto* d = std::get_if<denominate_step>(&s)) {
            Eigen::MatrixXd den = Eigen::MatrixXd::Constant(x.rows(), n_ind, nan);
            Eigen::VectorXd scale = Eigen::VectorXd::Constant(n_ind, nan);
            std::string text;
            for (const auto& [indicator, denominator] : d->by) {
                const auto it = std::find(names.begin(), names.end(), indicator);
                if (it == names.end()) throw unknown_indicator_error("denominate: '" + indicator + "' is not an indicator of the framework", indicator);
                const auto j = it - names.begin();
                const Eigen::VectorXd& col = detail::column(data, denominator, "denominator");
                for (std::size_t k = 0; k < rows.size(); ++k) den(static_cast<Eigen::Index>(k), j) = col(rows[k]);
                const auto sc = d->scale.find(indicator);
                scale(j) = sc == d->scale.end() ? 1.0 : sc->second;
            }
            x = denominate(x, den, scale);
            r.layers.push_back({"denominated", rows, x});
            r.method.push_back("Denomination: " + detail::count(static_cast<long>(d->by.size()), "indicator") +
                               " divided by their denominator (× scale factor); a zero or missing denominator gives a missing value.");
        } else if (const auto* sc = std::get_if<screen_step>(&s)) {
            r.screened = screen(x, sc->options);
            std::vector<Eigen::Index> kept_rows;
            Eigen::MatrixXd kept(static_cast<Eigen::Index>(r.screened.kept.size()), n_ind);
            for (std::size_t k = 0; k < r.screened.kept.size(); ++k) {
                kept.row(static_cast<Eigen::Index>(k)) = x.row(r.screened.kept[k]);
                kept_rows.push_back(rows[static_cast<std::size_t>(r.screened.kept[k])]);
            }
            // Report in input rows.
            for (auto& i : r.screened.dropped) i = rows[static_cast<std::size_t>(i)];
            for (auto& i : r.screened.kept) i = rows[static_cast<std::size_t>(i)];
            x = std::move(kept);
            rows = std::move(kept_rows);
            if (rows.empty()) throw method_error("screening dropped every unit");
            r.layers.push_back({"screened", rows, x});
            std::string dropped;
            for (auto i : r.screened.dropped) dropped += (dropped.empty() ? "" : ", ") + data.units[static_cast<std::size_t>(i)];
            r.method.push_back("Screening: units kept with at least " + detail::format(100 * sc->options.min_availability) +
                               "% of indicators present" +
                               (sc->options.max_zero_share < 1 ? " and at most " + detail::format(100 * sc->options.max_zero_share) + "% zeros" : "") +
                               "; " + std::to_string(r.screened.dropped.size()) + " dropped" + (dropped.empty() ? "" : " (" + dropped + ")") + ".");
        } else if (const auto* im = std::get_if<impute_step>(&s)) {
            impute_options o;
            o.method = im->method;
            if (im->method == imputation::group_mean || im->method == imputation::group_median) {
                const auto it = data.labels.find(im->group);
                if (it == data.labels.end()) throw missing_variable_error("impute: the data lack the group column '" + im->group + "'", im->group);
                for (auto i : rows) o.group.push_back(it->second.at(static_cast<std::size_t>(i)));
            }
            if (im->method == imputation::latest) {
                if (data.previous.empty()) throw missing_variable_error("imputation from the latest value needs the earlier values (table.previous)", "previous");
                o.previous = Eigen::MatrixXd::Constant(x.rows(), n_ind, nan);
                for (Eigen::Index j = 0; j < n_ind; ++j) {
                    const auto it = data.previous.find(names[static_cast<std::size_t>(j)]);
                    if (it == data.previous.end()) continue;
                    if (it->second.size() != n_units) throw error("impute: earlier values of '" + it->first + "' do not cover every unit");
                    for (std::size_t k = 0; k < rows.size(); ++k) o.previous(static_cast<Eigen::Index>(k), j) = it->second(rows[k]);
                }
            }
            imputed out = impute(x, o);
            x = std::move(out.values);
            r.imputed_marks = std::move(out.marks);
            r.layers.push_back({"imputed", rows, x});
            static const char* how[] = {"none", "the indicator's mean", "the indicator's median", "the mean of the unit's group", "the median of the unit's group",
                                        "the unit's latest earlier value", "a regression on the most correlated indicator present"};
            long filled = 0, left = 0;
            for (Eigen::Index i = 0; i < r.imputed_marks.size(); ++i) {
                const auto m = static_cast<mark>(r.imputed_marks.data()[i]);
                filled += m != mark::none && m != mark::not_imputable;
                left += m == mark::not_imputable;
            }
            r.method.push_back("Imputation: missing values replaced by " + std::string(how[static_cast<int>(im->method)]) +
                               (im->group.empty() ? "" : " ('" + im->group + "')") + "; " + detail::count(filled, "cell") + " imputed, " +
                               std::to_string(left) + " left missing.");
        } else if (const auto* t = std::get_if<treat_step>(&s)) {
            treated out = treat(x, t->options, names);
            x = std::move(out.values);
            r.treated_marks = std::move(out.marks);
            r.treatment = std::move(out.log);
            r.layers.push_back({"treated", rows, x});
            int changed = 0;
            for (const auto& rec : r.treatment) changed += !rec.action.empty();
            if (t->options.method == treatment::coinr)
                r.method.push_back("Outlier treatment (JRC/COINr rule): indicators with |skewness| ≥ " + detail::format(t->options.skew_limit) +
                                   " and kurtosis ≥ " + detail::format(t->options.kurt_limit) + " winsorised up to " + std::to_string(t->options.winmax) +
                                   " points, else log-transformed; " + detail::count(changed, "indicator") + " treated.");
            else if (t->options.method == treatment::eis)
                r.method.push_back("Outlier treatment (EIS): values beyond mean ± " + detail::format(t->options.eis_sd) +
                                   " sd replaced by the extreme value within; square root of indicators with skewness above " +
                                   detail::format(t->options.eis_skew) + "; " + detail::count(changed, "indicator") + " treated.");
        } else if (const auto* n = std::get_if<normalise_step>(&s)) {
            normalise_options o = n->options;
            for (const auto& name : names) {
                if (o.method == normalisation::goalposts) {
                    const auto g = n->goalposts.find(name);
                    if (g == n->goalposts.end()) throw missing_variable_error("goalposts: none given for '" + name + "'", name);
                    o.goal_low.push_back(g->second.first), o.goal_high.push_back(g->second.second);
                }
                if (o.method == normalisation::standard) {
                    const auto v = n->standard.find(name);
                    if (v == n->standard.end()) throw missing_variable_error("standard: no standard value for '" + name + "'", name);
                    o.standard.push_back(v->second);
                }
            }
            if (o.method == normalisation::dist_to_ref) {
                o.reference = -1;
                for (std::size_t k = 0; k < rows.size(); ++k)
                    if (data.units[static_cast<std::size_t>(rows[k])] == n->reference) o.reference = static_cast<Eigen::Index>(k);
                if (o.reference < 0) throw lookup_error("dist_to_ref: no unit '" + n->reference + "'", n->reference);
            }
            x = normalise(x, direction, o, names);
            r.layers.push_back({"normalised", rows, x});
            r.method.push_back(detail::normalisation_text(*n));
            normalised = true;
        } else if (const auto* w = std::get_if<weigh_step>(&s)) {
            for (int level = 2; level <= levels; ++level)
                if (applies(w->levels, level)) r.plans[static_cast<std::size_t>(level - 2)].weights = w->options;
        } else if (const auto* a = std::get_if<aggregate_step>(&s)) {
            if (!normalised) throw error("aggregation needs a normalisation step before it");
            for (int level = 2; level <= levels; ++level)
                if (applies(a->levels, level)) r.plans[static_cast<std::size_t>(level - 2)].aggregate = a->options;
        }
    }
    if (!normalised) throw error("the steps need a normalisation step");
    r.aggregation = aggregate(fw, x, r.plans);
    r.layers.push_back({"aggregated", rows, r.aggregation.scores});
    for (int level = 2; level <= levels; ++level) {
        const level_plan& p = r.plans[static_cast<std::size_t>(level - 2)];
        std::string how = aggregation_names[static_cast<int>(p.aggregate.method)];
        if (p.aggregate.method == aggregation::generalised) how += " (p = " + detail::format(p.aggregate.power) + ")";
        if (p.aggregate.method == aggregation::topsis)
            how += p.aggregate.topsis_inner == topsis_normalisation::minmax ? " (min-max inside)" : " (vector normalisation inside)";
        if (p.aggregate.method == aggregation::vikor) how += " (score = 1 − Q, v = " + detail::format(p.aggregate.vikor_v) + ")";
        if (p.aggregate.method == aggregation::mpi) how += p.aggregate.mpi_penalty > 0 ? " (M − S·cv)" : " (M + S·cv)";
        std::string weights = weighting_names[static_cast<int>(p.weights.scheme)];
        if (p.weights.scheme == weighting::ahp)
            weights += std::string(" (principal eigenvector, ") + (p.weights.ri == random_index::saaty ? "Saaty" : "Tummala-Ling") + " random index)";
        if (p.weights.scheme == weighting::entropy) weights += p.weights.zeros == entropy_zeros::skip ? " (0·ln 0 = 0)" : " (pymcdm: a zero sets the entropy to 0)";
        r.method.push_back("Aggregation, level " + std::to_string(level) + ": " + how + ", " + weights +
                           " weights; a missing child is left out and the other weights renormalised (weighted means).");
    }
    for (const auto& note : r.aggregation.notes) r.method.push_back("Note: " + note + ".");
    r.method.push_back("Ranks: 1 = best.");
    return r;
}

}  // namespace zhibiao::composite
