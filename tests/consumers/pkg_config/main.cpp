// One file built with `c++ $(pkg-config --cflags zhibiao) main.cpp $(pkg-config --libs zhibiao)`
// and -march=native. It includes Eigen before zhibiao, so Eigen is configured by the command
// line alone: without the definitions in zhibiao.pc, zhibiao/config.hpp refuses to compile it
// (and unchecked, freeing the computed columns would crash).
#include <Eigen/Core>
#include <zhibiao/compute.hpp>
#include <zhibiao/csv.hpp>

#include <iostream>

int main() {
    const zhibiao::panel county = zhibiao::parse_csv(
        "region,period,valid_invention_patents,population[万人]\n"
        "county,2023年上半年,45,50.0\n");
    const auto table = zhibiao::compute(county, {"invention_patents_per_10k"});
    const double per_10k = table.at("invention_patents_per_10k").values()(0);
    std::cout << per_10k << " " << table.at("invention_patents_per_10k").unit().symbol() << "\n";
    return per_10k == 0.9 ? 0 : 1;
}
