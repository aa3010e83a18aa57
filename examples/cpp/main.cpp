// Computes three indicators of a county's half-year report and checks them against the worked
// figures of the specification. Run by the test suite against an installed copy of zhibiao.
#include <zhibiao/zhibiao.hpp>

#include <cmath>
#include <iostream>

int main() {
    zhibiao::panel county = zhibiao::parse_csv(
        "region,period,valid_invention_patents,population[万人],projects_applied,projects_approved,target,actual\n"
        "county,2023年上半年,45,50.0,28,11,100,56\n");

    auto table = zhibiao::compute(county, {"invention_patents_per_10k", "project_approval_rate", "progress_vs_time"});
    for (const auto& column : table.columns) {
        const auto& ind = zhibiao::catalogue::builtin().at(column.id);
        std::cout << ind.name_zh << " (" << ind.name_en << "): " << column.values(0) << " " << column.unit.symbol() << "\n";
    }
    // 0.90 件/万人, 39.3%, +6.0 百分点 (indicators.md §1.5, §4.1, §5).
    bool ok = std::abs(table.at("invention_patents_per_10k").values(0) - 0.9) < 1e-12 &&
              std::abs(table.at("project_approval_rate").values(0) - 39.2857142857) < 1e-9 &&
              std::abs(table.at("progress_vs_time").values(0) - 6.0) < 1e-12;
    std::cout << (ok ? "all values as expected" : "UNEXPECTED VALUES") << "\n";
    return ok ? 0 : 1;
}
