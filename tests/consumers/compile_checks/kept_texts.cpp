// The uses of the text accessors that are safe compile, on a named object and on a temporary one
// (round 28: the temporary's copies refuse only to become a std::string_view): fact_table, panel,
// column, unit, formula, indicator_values and scorecard.
#include <zhibiao/compute.hpp>
#include <zhibiao/csv.hpp>
#include <zhibiao/extract.hpp>
#include <zhibiao/formula.hpp>
#include <zhibiao/panel.hpp>
#include <zhibiao/scorecard.hpp>
#include <zhibiao/units.hpp>
#include <iostream>
#include <string>
#include <string_view>
static std::size_t length(const std::string& s) { return s.size(); }
// The accessors that returned a plain std::string on a temporary (column, unit, formula,
// indicator_values, scorecard) and now return text_copy: copies, comparisons and streaming.
static void kept_other_texts() {
    const auto p = zhibiao::parse_csv("entity,period,x\n3201,2024,1\n");
    std::string_view column_name = p.at("x").name();  // a view into a named panel's column
    std::string name = zhibiao::parse_csv("entity,period,x\n3201,2024,1\n").at("x").name();
    auto symbol = zhibiao::unit::parse("万元").symbol();
    std::string_view of_named_symbol = symbol;
    const bool same_text = zhibiao::formula::parse("x * 2").text() == "x * 2";
    std::string id = zhibiao::evaluate(p, zhibiao::formula::parse("x")).id();
    auto problem = zhibiao::evaluate(p, zhibiao::formula::parse("x")).column_problem();
    const zhibiao::scorecard& pack = zhibiao::scorecard::builtin("hnte-2016");
    std::string_view pack_id = pack.id();  // a view into a named (static) scorecard
    std::string name_zh = zhibiao::scorecard(pack).name_zh();
    std::cout << column_name << name << of_named_symbol << same_text << id << problem << pack_id << name_zh
              << zhibiao::scorecard(pack).source()
              << zhibiao::evaluate(p, zhibiao::formula::parse("x")).missing_variable()
              << length(zhibiao::scorecard(pack).name_en()) << length(zhibiao::unit::parse("%").symbol()) << '\n';
}
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
    kept_other_texts();
}
