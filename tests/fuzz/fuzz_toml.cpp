// TOML loaders of the catalogue, the data-quality rules and scorecards: a value or a typed
// error naming the file. A scorecard that loads also scores a few firms.
#include <cmath>
#include <cstdint>
#include <string>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/scorecard.hpp"
#include "zhibiao/validate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        (void)zhibiao::catalogue::from_toml(text, "fuzz.toml");
    } catch (const zhibiao::error&) {}
    try {
        (void)zhibiao::rules_from_toml(text, "fuzz.toml");
    } catch (const zhibiao::error&) {}
    try {
        zhibiao::scorecard card = zhibiao::scorecard::from_toml(text, "fuzz.toml");
        std::vector<std::vector<double>> columns(card.inputs().size(), {0.0, 1.0, -1.0, 1e9, std::nan("")});
        zhibiao::scorecard_columns in{5, {}};
        for (const auto& c : columns) in.columns.push_back(c.data());
        zhibiao::scorecard_result r = card.evaluate(in);
        (void)card.explain(in, r, {0, 4}, "en");
        (void)card.gap(in, {1});
    } catch (const zhibiao::error&) {}
    return 0;
}
