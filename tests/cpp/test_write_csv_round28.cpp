// zhibiao::write_csv (round 28): a C++ program writes its panel and its indicators as Python's
// zb.write_csv and the CLI write them (tests/python/test_write_csv_round28.py compares the bytes).
// Before round 28 a C++ program had no writer: these tests did not compile.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "zhibiao/zhibiao.hpp"

using namespace zhibiao;

namespace {

std::string written(const panel& p, const write_csv_options& options = {}) {
    std::ostringstream out;
    write_csv(p, out, options);
    return out.str();
}

panel one_column(const std::string& name, const std::string& unit_text, Eigen::ArrayXd values) {
    std::vector<entity> entities;
    std::vector<std::int32_t> entity_of_row, period_of_row;
    for (Eigen::Index k = 0; k < values.size(); ++k) {
        entities.push_back(entity{"32010" + std::to_string(k), "", ""});
        entity_of_row.push_back(static_cast<std::int32_t>(k));
        period_of_row.push_back(0);
    }
    panel p(entities, {period::parse("2024")}, entity_of_row, period_of_row);
    p.add(column(name, unit_text.empty() ? unit{} : unit::parse(unit_text), std::move(values), {}, !unit_text.empty()));
    return p;
}

std::string cells(const std::string& text) {  // the column after entity,period of each row
    std::istringstream in(text);
    std::string line, out;
    std::getline(in, line);  // the header
    while (std::getline(in, line)) out += line.substr(line.rfind(',') + 1) + "|";
    return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(write_csv_round28)

// The bytes zb.write_csv(read_csv(...).to_pandas(), path) writes for this file, but for the -0.0
// it wrote as "-0.0" (tests/python/test_write_csv_round28.py): entity, period, the names after
// them, each value with the digits that read back as it (2.4, 3.0), a count whole (139).
BOOST_AUTO_TEST_CASE(a_loaded_panel_is_written_as_python_writes_it) {
    const panel p = parse_csv(
        "entity,name,period,rd_expenditure[万元],gdp[亿元],patents_granted[件]\n"
        "320100,南京,2022,2.4,1.25,139\n320100,南京,2023,,-0.0,140\n320200,无锡,2022,3,\"1,234.5\",7\n");
    BOOST_TEST(
        written(p) ==
        "entity,period,name,rd_expenditure,gdp,patents_granted\n"
        "320100,2022,南京,2.4,1.25,139\n320100,2023,南京,,0.0,140\n320200,2022,无锡,3,1234.5,7\n");  // "3" as read
                                                                                                     // (round 37)
    write_csv_options options;
    options.unit_header = true;
    options.names = false;
    options.encoding = write_csv_options::encoding_choice::utf8_bom;
    BOOST_TEST(written(p, options)
                   .rfind("\xEF\xBB\xBF"
                          "entity,period,rd_expenditure[万元],gdp[亿元],patents_granted[件]\n"
                          "320100,2022,2.4,1.25,139\n",
                          0) == 0);
}

// Python's repr of a float: positional from 1e-4 to below 1e16 (one decimal at least), else
// exponent with a sign and two digits at least.
BOOST_AUTO_TEST_CASE(a_value_without_decimals_has_the_digits_of_pythons_repr) {
    Eigen::ArrayXd x(10);
    x << 0.0001, 0.00015, 0.000015, 1e16, 9999999999999998.0, 1.2345678901234568e+17, -2.5e-300, 100.0, 0.1 + 0.2,
        1e100;
    BOOST_TEST(cells(written(one_column("x", "", x))) ==
               "0.0001|0.00015|1.5e-05|1e+16|9999999999999998.0|1.2345678901234568e+17|-2.5e-300|100.0|"
               "0.30000000000000004|1e+100|");
    // a count: whole values without a point, up to 1e16 (repr from there, as Python writes it)
    Eigen::ArrayXd n(4);
    n << 139.0, 2.5, 1e16, -0.0;
    BOOST_TEST(cells(written(one_column("patents", "万人", n))) == "139|2.5|1e+16|0|");
}

// rd_intensity has 2 decimals in the catalogue: 2.675 is 2.68 (half away from zero, on the
// decimal meant: the double is 2.67499999…), 2.4 is 2.40, -0.001 is 0.00 (never -0.00), and 1.005
// (1.00499999999999989…) 1.01 as Excel's ROUND prints it.
BOOST_AUTO_TEST_CASE(an_indicator_column_is_printed_with_its_decimals) {
    Eigen::ArrayXd x(5);
    x << 2.675, 2.4, -0.001, 1.005, -2.675;
    BOOST_TEST(cells(written(one_column("rd_intensity", "%", x))) == "2.68|2.40|0.00|1.01|-2.68|");
    write_csv_options options;
    options.decimals = {{"rd_intensity", 0}};
    BOOST_TEST(cells(written(one_column("rd_intensity", "%", x), options)) == "3|2|0|1|-3|");
    options.full_precision = true;
    BOOST_TEST(cells(written(one_column("rd_intensity", "%", x), options)) == "2.675|2.4|-0.001|1.005|-2.675|");
}

BOOST_AUTO_TEST_CASE(an_infinity_is_an_empty_cell_with_its_reason) {
    Eigen::ArrayXd x(3);
    x << 1.5, std::numeric_limits<double>::infinity(), std::nan("");
    BOOST_TEST(written(one_column("x", "", x)) ==
               "entity,period,x,x_reason\n320100,2024,1.5,\n320101,2024,,invalid_input\n320102,2024,,\n");
    write_csv_options options;
    options.reasons = true;
    BOOST_TEST(written(one_column("x", "", x), options) ==
               "entity,period,x,x_reason\n320100,2024,1.5,\n320101,2024,,invalid_input\n320102,2024,,missing_input\n");
}

// The 2023 bulletin: 33357.1亿元 ÷ 1260582亿元 = 2.6461…% → 2.65 (data/indicators.toml's source).
BOOST_AUTO_TEST_CASE(computed_indicators_are_written_with_the_rows_of_their_panel) {
    const panel p = parse_csv(
        "entity,name,period,rd_expenditure[亿元],gdp[亿元]\n100000,\"全国,合计\",2023,33357.1,1260582\n"
        "100000,\"全国,合计\",2024,36130,\n");
    const indicator_table values = compute(p, {"rd_intensity"});
    write_csv_options options;
    options.reasons = true;
    options.unit_header = true;
    std::ostringstream out;
    write_csv(p, values, out, options);
    BOOST_TEST(out.str() ==
               "entity,period,name,rd_intensity[%],rd_intensity_reason\n"
               "100000,2023,\"全国,合计\",2.65,\n100000,2024,\"全国,合计\",,missing_input\n");
    const panel other = parse_csv("entity,period,x\n1,2024,1\n");
    BOOST_CHECK_EXCEPTION(write_csv(other, values, out), argument_error, [](const argument_error& e) {
        return std::string(e.what()).find("'rd_intensity' has 2 rows and the panel 1") != std::string::npos;
    });
}

BOOST_AUTO_TEST_CASE(a_wrong_option_or_path_is_an_error_that_says_which) {
    Eigen::ArrayXd x(1);
    x << 1.0;
    write_csv_options options;
    options.decimals = {{"rd_intensty", 1}};
    BOOST_CHECK_EXCEPTION(written(one_column("rd_intensity", "%", x), options), argument_error,
                          [](const argument_error& e) {
                              return std::string(e.what()).find("did you mean 'rd_intensity'") != std::string::npos;
                          });
    options.decimals = {{"rd_intensity", -1}};
    BOOST_CHECK_THROW(written(one_column("rd_intensity", "%", x), options), argument_error);
    const std::string directory = std::filesystem::temp_directory_path().string();
    BOOST_CHECK_EXCEPTION(write_csv(one_column("x", "", x), directory), file_error, [&](const file_error& e) {
        return e.where().file == directory && std::string(e.what()).rfind(directory + ": cannot be written: ", 0) == 0;
    });
    const std::string path = (std::filesystem::temp_directory_path() / "zhibiao_write_csv_round28.csv").string();
    write_csv(one_column("x", "", x), path);
    std::ifstream in(path, std::ios::binary);
    BOOST_TEST(std::string(std::istreambuf_iterator<char>(in), {}) == "entity,period,x\n320100,2024,1.0\n");
    std::filesystem::remove(path);
}

BOOST_AUTO_TEST_SUITE_END()
