// Linked against the shared library as cmake/zhibiao.map leaves it (only zhibiao's symbols
// exported): a program still links, computes, and catches the library's errors by their types,
// whose typeinfo crosses the boundary (G9, round 25).
#include <zhibiao/zhibiao.hpp>

#include <iostream>
#include <string>
#include <typeinfo>

namespace {
int failures = 0;
void expect(bool ok, const std::string& what) {
    if (!ok) {
        std::cerr << "FAILED: " << what << "\n";
        ++failures;
    }
}
}  // namespace

int main() {
    const zhibiao::panel county =
        zhibiao::parse_csv("region,period,valid_invention_patents,population[万人]\ncounty,2023,45,50.0\n");
    const auto table = zhibiao::compute(county, {"invention_patents_per_10k"});
    expect(table.at("invention_patents_per_10k").values()(0) == 0.9, "45 件 / 50 万人 = 0.9 件/万人");
    try {
        (void)zhibiao::compute(county, {"rd_intensty"});
        expect(false, "an unknown indicator throws");
    } catch (const zhibiao::unknown_indicator_error& e) {
        expect(std::string(e.what()).find("did you mean 'rd_intensity'") != std::string::npos, e.what());
    }
    try {
        (void)zhibiao::parse_csv("region,period,gdp[亿元]\na,2023,1x3\n", {}, "bad.csv");
        expect(false, "a bad number throws");
    } catch (const zhibiao::error& e) {  // by the base class, the dynamic type intact
        expect(dynamic_cast<const zhibiao::parse_error*>(&e) != nullptr,
               std::string("parse_error, not ") + typeid(e).name());
        expect(std::string(e.what()).find("bad.csv:2:3") != std::string::npos, e.what());
    }
    try {
        (void)zhibiao::composite::parse_model("name = \"x\"\n[[step]]\nkind = \"normalize\"\n", "m.toml");
        expect(false, "a misspelt step kind throws");
    } catch (const zhibiao::parse_error& e) {  // toml++ inside the library, hidden: its error never leaves it
        expect(std::string(e.what()).find("m.toml:3") != std::string::npos, e.what());
    }
    // README's C++ route to a composite, with zhibiao.hpp alone (composite/input.hpp was left out
    // of it: table_from_indicators did not compile, trial c26).
    const zhibiao::composite::table t = zhibiao::composite::table_from_indicators(table, county, county.periods()[0]);
    expect(t.regions.size() == 1 && t.numbers.at("invention_patents_per_10k")(0) == 0.9, "table_from_indicators");
    try {
        (void)zhibiao::read_csv("no/such/dir/x.csv");
        expect(false, "a missing file throws");
    } catch (const zhibiao::file_not_found_error& e) {
        expect(std::string(e.what()).find("no/such/dir/x.csv") != std::string::npos, e.what());
    }
    try {
        (void)zhibiao::unit::parse("万园");
        expect(false, "an unknown unit throws");
    } catch (const zhibiao::unit_error& e) {  // by an intermediate base
        expect(dynamic_cast<const zhibiao::unknown_unit_error*>(&e) != nullptr, "unknown_unit_error");
    }
    const zhibiao::scorecard& card = zhibiao::scorecard::builtin("tech-sme-2017");
    expect(card.inputs().size() == 13, "tech-sme-2017 has 13 inputs");
    if (failures == 0) std::cout << "ok\n";
    return failures == 0 ? 0 : 1;
}
