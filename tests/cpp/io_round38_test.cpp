// Round 38: write_csv's numbers have one home (detail::append_shortest in src/io/write_csv.cpp):
// pandas' layout (at least one decimal, 3.0; scientific below 1e-4 and from 1e16 on, as Python's
// repr) and a cell as written (append_as_written: 3 stays 3, 1.70 stays 1.70). These cases pin what
// both wrote before they were made one function, and still write.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <limits>
#include <sstream>
#include <string>

#include "zhibiao/zhibiao.hpp"

using namespace zhibiao;

namespace {

std::string written(const panel& p) {
    std::ostringstream out;
    write_csv(p, out);
    return out.str();
}

}  // namespace

BOOST_AUTO_TEST_SUITE(io_round38)

BOOST_AUTO_TEST_CASE(a_cell_read_from_text_is_written_as_it_was_written) {
    // a written "1.70" keeps its 0, "3" gets no point, "3.0" keeps it; -0.0 is the 0 it means; with no
    // written decimals a far value is written as repr writes it (1e-05, 1e+16), with them positionally
    const panel p = parse_csv(
        "entity,period,a,b\n"
        "A,2024,1.70,3\n"
        "B,2024,0.00001,3.0\n"
        "C,2024,1e16,-0.0\n"
        "D,2024,0.000010,\n");
    BOOST_TEST(written(p) ==
               "entity,period,a,b\n"
               "A,2024,1.70,3\n"
               "B,2024,1e-05,3.0\n"
               "C,2024,1e+16,0.0\n"
               "D,2024,0.000010,\n");
}

BOOST_AUTO_TEST_CASE(a_column_a_program_added_is_written_as_pandas_writes_it) {
    panel p = parse_csv("entity,period,gdp[亿元]\nA,2024,1\nB,2024,1\nC,2024,1\nD,2024,1\nE,2024,1\nF,2024,1\n");
    Eigen::ArrayXd x(6);
    x << 1e-5, 1e16, -0.0, 3, std::numeric_limits<double>::quiet_NaN(), -0.000123;
    p.add(column("x", unit(), x));
    const std::string text = written(p);
    BOOST_TEST(text.substr(text.find('\n') + 1) ==
               "A,2024,1,1e-05\nB,2024,1,1e+16\nC,2024,1,0.0\nD,2024,1,3.0\nE,2024,1,\nF,2024,1,-0.000123\n");
}

// A published indicator under its official name is the indicator (read_csv skipped it as no variable,
// so validate never checked it); the rename is in the load report, and units= keys it by either name.
BOOST_AUTO_TEST_CASE(a_heading_that_is_an_indicators_official_name_is_the_indicator) {
    const panel p = parse_csv("region,period,gdp[亿元],R&D经费投入强度[%]\nA,2023,1,2.9\n");
    BOOST_TEST(p.has("rd_intensity"));
    // two headings of it: both kept as written (the file meant two columns), not a duplicate
    const panel two = parse_csv("region,period,R&D经费投入强度[%],研究与试验发展经费投入强度[%]\nA,2023,2.9,3\n");
    BOOST_TEST((two.has("R&D经费投入强度") && two.has("研究与试验发展经费投入强度")));
    BOOST_TEST(p.report().renamed_columns.size() == 1u);
    BOOST_TEST(p.report().renamed_columns.at(0).first == "R&D经费投入强度");
    BOOST_TEST(p.report().renamed_columns.at(0).second == "rd_intensity");
    for (const std::string key : {"R&D经费投入强度", "rd_intensity"}) {
        csv_options options;
        options.units = {{key, "1"}};
        const panel q = parse_csv("region,period,R&D经费投入强度\nA,2023,0.029\n", options);
        BOOST_TEST(q.at("rd_intensity").unit().exponent() == 0);  // "1", not "%" (exponent -2)
    }
    BOOST_TEST(parse_column_header("每万人口发明专利拥有量[件/万人]").name == "invention_patents_per_10k");
    BOOST_TEST(parse_column_header("高新技术产业增加值占GDP比重").renamed_from == "高新技术产业增加值占GDP比重");
    BOOST_TEST(parse_column_header("rd_intensity[%]").renamed_from.empty());
}

BOOST_AUTO_TEST_SUITE_END()
