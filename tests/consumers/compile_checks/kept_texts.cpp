// The uses of fact_table's text accessors that are safe compile, on a named table and on a
// temporary one (round 28: the temporary's copies refuse only to become a std::string_view).
#include <zhibiao/csv.hpp>
#include <zhibiao/extract.hpp>
#include <zhibiao/panel.hpp>
#include <iostream>
#include <string>
#include <string_view>
static std::size_t length(const std::string& s) { return s.size(); }
int main() {
    const auto table = zhibiao::extract_table("获批11项。");
    std::string_view named = table.facts.figure(0);  // a view into a named table
    const std::string& unit = table.facts.text_of(table.facts.unit[0]);
    std::string copied = zhibiao::extract_table("获批11项。").facts.figure(0);
    auto deduced = zhibiao::extract_table("获批11项。").facts.figure(0);
    std::string_view of_named_copy = deduced;  // the copy is named: the view lives as long
    const bool same = zhibiao::extract_table("获批11项。").facts.figure(0) == "11项";
    std::string code = zhibiao::parse_csv("entity,period,x\n320100000000000001,2024,1\n").entity_code(0);
    std::cout << code;
    std::cout << zhibiao::extract_table("获批11项。").facts.figure(0) << named << unit << copied << of_named_copy
              << same << length(zhibiao::extract_table("获批11项。").facts.text_of(1)) << '\n';
}
