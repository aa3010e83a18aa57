// One file built with `c++ $(pkg-config --cflags zhibiao) main.cpp $(pkg-config --libs zhibiao)`
// and -march=native. It includes Eigen before zhibiao, so Eigen is configured by the command
// line alone: without the definitions in zhibiao.pc, zhibiao/config.hpp refuses to compile it
// (and unchecked, freeing the computed columns would crash).
//
// It also calls the inline functions of the headers that build messages (catalogue::at's quoted id,
// a dimension's name in a unit error): the test builds it with -O3 -Werror, where g++ 12 warned
// -Wrestrict (its false positive PR105329) inside them under -std=c++20, so that every program
// calling catalogue::at failed to build with warnings as errors.
#include <Eigen/Core>
#include <zhibiao/catalogue.hpp>
#include <zhibiao/compute.hpp>
#include <zhibiao/csv.hpp>
#include <zhibiao/units.hpp>

#include <iostream>
#include <string>

int main() {
    const zhibiao::panel county = zhibiao::parse_csv(
        "region,period,valid_invention_patents,population[万人]\n"
        "county,2023年上半年,45,50.0\n");
    const auto table = zhibiao::compute(county, {"invention_patents_per_10k"});
    const double per_10k = table.at("invention_patents_per_10k").values()(0);
    std::cout << per_10k << " " << table.at("invention_patents_per_10k").unit().symbol() << "\n";
    std::string said;
    try {
        (void)zhibiao::catalogue::builtin().at("rd_intensty");
    } catch (const zhibiao::unknown_indicator_error& e) {
        said += e.what();
    }
    try {
        (void)zhibiao::unit::parse("万元/人").to(zhibiao::unit::parse("件"));
    } catch (const zhibiao::incompatible_units_error& e) {
        said += e.what();
    }
    const bool told =
        said.find("'rd_intensty'") != std::string::npos && said.find("currency/person") != std::string::npos;
    return per_10k == 0.9 && told ? 0 : 1;
}
