// Composite models (framework [[node]]s and [[step]]s in TOML): a model or a typed error naming
// the file. A model that loads is also built on a small table holding the awkward values —
// missing, zero, negative, tied, huge — so the whole pipeline runs on fuzzed methods: every
// outcome must be scores or a zhibiao::error, never a crash, a hang or an infinity.
// The same text also goes through the [uncertainty] section's reader (uncertainty_config.hpp).
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "zhibiao/composite/audit.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/uncertainty_config.hpp"

namespace cp = zhibiao::composite;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)cp::parse_uncertainty(text, "fuzz.toml");  // the [uncertainty] section's own reader
    } catch (const zhibiao::error&) {}
    cp::model m;
    try {
        m = cp::parse_model(text, "fuzz.toml");
    } catch (const zhibiao::error&) {
        return 0;
    }
    try {
        std::vector<cp::node> nodes = m.nodes;
        if (nodes.empty())
            nodes = {{"Index", "", 1, zhibiao::direction::higher_is_better, 2},
                     {"a", "Index", 1, zhibiao::direction::higher_is_better, 1},
                     {"b", "Index", 2, zhibiao::direction::lower_is_better, 1},
                     {"c", "Index", 1, zhibiao::direction::higher_is_better, 1}};
        const cp::framework fw(nodes);
        if (fw.nodes().size() > 64) return 0;
        static const double cells[] = {1, 2, 2, 0, -3, 1e6, 5, 7, std::nan(""), 4, 0.5, 3};
        cp::table t;
        for (int u = 0; u < 7; ++u) t.regions.push_back("u" + std::to_string(u));
        int salt = 0;
        for (const auto& n : fw.nodes()) {
            Eigen::VectorXd v(7);
            for (int u = 0; u < 7; ++u) v(u) = cells[(u * 5 + salt) % 12];
            t.numbers[n.code] = v;
            t.previous[n.code] = v.reverse();
            ++salt;
        }
        for (const char* extra : {"population", "gdp", "area"}) t.numbers[extra] = Eigen::VectorXd::LinSpaced(7, 0, 6);
        t.labels["group"] = {"x", "x", "y", "y", "y", "z", "z"};
        cp::result r = cp::build(t, fw, m.steps);
        const Eigen::MatrixXd& s = r.aggregation.scores;
        for (Eigen::Index i = 0; i < s.size(); ++i)
            if (std::isinf(s.data()[i])) std::abort();  // an infinity leaked out
        (void)cp::parent_correlations(fw, r);
        (void)cp::cronbach_alpha(fw, r);
        (void)cp::what_if(fw, r, {fw.at(fw.indicators().front()).code});
        (void)cp::contributions(fw, r, fw.nodes().front().code);
    } catch (const zhibiao::error&) {}
    return 0;
}
