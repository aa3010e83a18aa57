// A C++ program using the installed library: indicators of a county's half-year report, the
// tech-SME scorecard over five firms (scores and explanations), an entropy-TOPSIS composite
// index from a built-in preset, how sure a composite ranking is, and figures read from report
// text. Every result is Eigen storage made inside the library and freed here, so the test suite builds this program
// against an installed copy with the default flags, with -march=native and with -fsanitize=address,undefined, and
// checks that the three print the same lines. Exits non-zero when a value differs from the worked figures.
#include <zhibiao/catalogue.hpp>
#include <zhibiao/composite/config.hpp>
#include <zhibiao/composite/uncertainty.hpp>
#include <zhibiao/compute.hpp>
#include <zhibiao/csv.hpp>
#include <zhibiao/extract.hpp>
#include <zhibiao/reason.hpp>
#include <zhibiao/scorecard.hpp>

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace {

bool near(double got, double want, double tolerance) { return std::abs(got - want) <= tolerance; }

std::string show(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", v);
    return text;
}

bool indicators() {
    zhibiao::panel county = zhibiao::parse_csv(
        "region,period,valid_invention_patents,population[万人],projects_applied,projects_approved,target,actual\n"
        "county,2023年上半年,45,50.0,28,11,100,56\n");

    auto table = zhibiao::compute(county, {"invention_patents_per_10k", "project_approval_rate", "progress_vs_time"});
    for (const auto& column : table.columns()) {
        const auto& ind = zhibiao::catalogue::builtin().at(column.id());
        std::cout << ind.name_zh << " (" << ind.name_en << "): " << show(column.values()(0)) << " "
                  << column.unit().symbol() << "\n";
    }
    // 0.90 件/万人, 39.3%, +6.0 百分点 (indicators.md §1.5, §4.1, §5).
    return near(table.at("invention_patents_per_10k").values()(0), 0.9, 1e-12) &&
           near(table.at("project_approval_rate").values()(0), 39.2857142857, 1e-9) &&
           near(table.at("progress_vs_time").values()(0), 6.0, 1e-12);
}

bool scorecards() {
    const auto& card = zhibiao::scorecard::builtin("tech-sme-2017");
    // indicators.md §6b: 62 points and passes; 80 points but no S&T staff score; 50 R&D points by
    // the second measure; 510 employees, ineligible; an HNTE certificate, passes directly.
    const std::map<std::string, std::vector<double>> firms{{"employees", {40, 40, 40, 510, 40}},
                                                           {"st_staff", {12, 3, 12, 100, 0}},
                                                           {"sales", {1000, 1000, 1000, 1000, 1000}},
                                                           {"assets", {500, 500, 500, 500, 500}},
                                                           {"rd_expense", {45, 60, 19, 45, 0}},
                                                           {"total_cost", {45 / 0.22, 600, 19 / 0.30, 500, 500}},
                                                           {"ip_class1", {0, 1, 0, 0, 0}},
                                                           {"ip_class2", {2, 0, 0, 0, 0}},
                                                           {"hnte_certified", {0, 0, 0, 0, 1}}};
    zhibiao::scorecard_columns in{5, {}};
    for (const auto& input : card.inputs()) {
        const auto it = firms.find(input.id);
        in.columns.push_back(it == firms.end() ? nullptr : it->second.data());
    }
    zhibiao::scorecard_result result = card.evaluate(in, zhibiao::points_policy::low, 2);
    const auto why = card.explain(in, result, {0, 1, 2, 3, 4}, "en");
    for (std::size_t firm = 0; firm < result.rows; ++firm)
        std::cout << "firm " << firm << ": " << show(result.total(static_cast<Eigen::Index>(firm))) << " points, "
                  << (result.passed(firm) ? "passes" : "fails") << "; " << why[firm] << "\n";
    // Scoring into the storage of the first result, then letting both go here.
    card.evaluate_into(in, result, zhibiao::points_policy::high, 1);
    return result.total(0) == 62.0 && result.passed(0) == 1 && result.total(1) == 80.0 && result.passed(1) == 0 &&
           result.eligible(3) == 0 && result.passed(4) == 1;
}

bool composite_index() {
    using namespace zhibiao::composite;
    const framework fw(
        {{"rd", "Index", 1, 1, 1}, {"patents", "Index", 1, 1, 1}, {"cost", "Index", 1, -1, 1}, {"Index", "", 1, 1, 2}});
    table data;
    data.regions = {"A", "B", "C", "D"};
    data.numbers["rd"] = Eigen::VectorXd::LinSpaced(4, 1.0, 4.0);
    data.numbers["patents"] = (Eigen::VectorXd(4) << 10, 30, 20, 40).finished();
    data.numbers["cost"] = (Eigen::VectorXd(4) << 5, 3, 4, 1).finished();
    const model method = preset("entropy-topsis");
    const result index = build(data, fw, method.steps);
    const Eigen::VectorXd scores = index.aggregation.scores.col(fw.index_of("Index"));
    for (std::size_t region = 0; region < data.regions.size(); ++region)
        std::cout << "region " << data.regions[region] << ": " << show(scores(static_cast<Eigen::Index>(region)))
                  << "\n";
    // D is best on every indicator, A worst on every one: closeness 1 and 0.
    return near(scores(3), 1.0, 1e-12) && near(scores(0), 0.0, 1e-12) && scores(1) > 0 && scores(1) < 1;
}

// How sure is a ranking: 1,000 indices under ±25 % weights on the two groups and min-max
// against z-score (10, 2). A leads on inputs, B on outputs, C is between: their ranks move. E is
// best and D worst on every indicator (ranks 1 and 5 in every replication); the same seed gives
// the same bits on 1 and 2 threads.
bool ranking_uncertainty() {
    using namespace zhibiao::composite;
    const framework fw({{"rd", "Input", 1, 1, 1},
                        {"staff", "Input", 1, 1, 1},
                        {"patents", "Output", 1, 1, 1},
                        {"contracts", "Output", 1, 1, 1},
                        {"Input", "Index", 1, 1, 2},
                        {"Output", "Index", 1, 1, 2},
                        {"Index", "", 1, 1, 3}});
    table data;
    data.regions = {"A", "B", "C", "D", "E"};
    data.numbers["rd"] = (Eigen::VectorXd(5) << 3.0, 1.0, 2.0, 0.8, 3.1).finished();
    data.numbers["staff"] = (Eigen::VectorXd(5) << 50, 20, 35, 12, 55).finished();
    data.numbers["patents"] = (Eigen::VectorXd(5) << 3, 10, 6, 2, 11).finished();
    data.numbers["contracts"] = (Eigen::VectorXd(5) << 30, 90, 60, 20, 95).finished();
    normalise_step minmax;
    minmax.options.low = 1;
    minmax.options.high = 100;
    normalise_step zscore;
    zscore.options.method = normalisation::zscore;
    zscore.options.target_mean = 10;
    zscore.options.target_sd = 2;
    const std::vector<step> steps{minmax, aggregate_step{}};
    uncertainty_spec spec;
    spec.noise = {weight_noise{2, 0.25}};
    spec.normalisation.options = {minmax, zscore};
    spec.normalisation.labels = {"minmax", "zscore"};
    uncertainty_options options;
    options.replications = 1000;
    options.seed = 7;
    options.threads = 1;
    const uncertainty_result one = uncertainty(data, fw, steps, spec, options);
    options.threads = 2;
    const uncertainty_result two = uncertainty(data, fw, steps, spec, options);
    const Eigen::Index index = static_cast<Eigen::Index>(one.nodes.size()) - 1;
    for (std::size_t region = 0; region < one.regions.size(); ++region) {
        const auto r = static_cast<Eigen::Index>(region);
        std::cout << "region " << one.regions[region] << ": rank " << show(one.nominal_rank(r, index)) << ", 5-95% "
                  << show(one.rank_p05(r, index)) << "-" << show(one.rank_p95(r, index)) << "\n";
    }
    const bool same_bits = one.mean_rank == two.mean_rank && one.rank_p95 == two.rank_p95;
    return same_bits && one.rank_p05(4, index) == 1 && one.rank_p95(4, index) == 1 && one.rank_p95(3, index) == 5 &&
           one.top_k_share(4, index) == 1;
}

// Figures read from report text: a damaged figure ("21.%": digits lost after the point) is
// missing and flagged, never the number 21. zhibiao::is_missing tells a missing value also in a
// program built with -ffast-math (where clang folds std::isnan(x) to false).
bool report_figures() {
    const std::string text = "上半年，全市新增高新技术企业22家，技术合同成交额12.5亿元，同比增长21.%。";
    const zhibiao::table_extraction read = zhibiao::extract_table(text);
    const zhibiao::fact_table& facts = read.facts;
    bool firms = false, damaged = false;
    for (std::size_t row = 0; row < facts.size(); ++row) {
        std::cout << facts.figure(row) << " -> " << facts.text_of(facts.variable[row]) << " = "
                  << show(facts.value[row]) << (facts.has(row, zhibiao::fact_flag::damaged) ? " (damaged)" : "")
                  << "\n";
        firms |= facts.figure(row) == "22家" && facts.value[row] == 22;
        damaged |= facts.figure(row).find("21.") != std::string_view::npos && zhibiao::is_missing(facts.value[row]) &&
                   facts.has(row, zhibiao::fact_flag::damaged);
    }
    return firms && damaged;
}

}  // namespace

int main() {
    // Every part runs (and prints), whether or not an earlier one found a difference.
    bool ok = indicators();
    ok = scorecards() && ok;
    ok = composite_index() && ok;
    ok = ranking_uncertainty() && ok;
    ok = report_figures() && ok;
    std::cout << (ok ? "all values as expected" : "UNEXPECTED VALUES") << "\n";
    return ok ? 0 : 1;
}
