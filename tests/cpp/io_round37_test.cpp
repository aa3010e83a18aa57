// Round 37: write_csv writes a column read from text with the decimals each cell was written with
// (column::written_decimals), not its catalogue indicator's, so read_csv → write_csv → read_csv
// keeps the values, units, reasons and written decimals; the decimals of a number's text are read
// by one function (src/io/written_number.hpp) for read_csv's cells and zb.extract's figures.
// Before round 37 "1.7" in rd_intensity (2 decimals in data/indicators.toml) was written "1.70" and
// read back as written with 2 decimals, and "13.25" in hitech_va_share_gdp (1 decimal) was cut to 13.3.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "io/written_number.hpp"
#include "zhibiao/zhibiao.hpp"

using namespace zhibiao;

namespace {

std::string written(const panel& p, const write_csv_options& options = {}) {
    std::ostringstream out;
    write_csv(p, out, options);
    return out.str();
}

std::string as_written(double x, unsigned decimals) {
    std::string out;
    detail::append_as_written(out, x, decimals);
    return out;
}

std::vector<std::uint8_t> decimals_of(const panel& p, const std::string& name) {
    const auto& d = p.at(name).written_decimals();
    return d.empty() ? std::vector<std::uint8_t>(p.rows(), 0) : d;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(io_round37)

BOOST_AUTO_TEST_CASE(a_column_read_from_text_is_written_as_it_was_read) {
    const panel p = parse_csv(
        "entity,period,rd_intensity[%],hitech_va_share_gdp[%],gdp[亿元]\n"
        "320100,2024,1.7,13.25,2\n320200,2024,2.00,8.0,\n");
    BOOST_TEST(written(p) ==
               "entity,period,rd_intensity,hitech_va_share_gdp,gdp\n"
               "320100,2024,1.7,13.25,2\n320200,2024,2.00,8.0,\n");
    // full_precision drops no digit of a written "2.00": it is written so too
    write_csv_options full;
    full.full_precision = true;
    BOOST_TEST(written(p, full) == written(p));
}

BOOST_AUTO_TEST_CASE(the_options_decimals_win_over_the_written_ones) {
    const panel p = parse_csv("entity,period,rd_intensity[%]\n320100,2024,1.7\n320200,2024,2.00\n");
    write_csv_options options;
    options.decimals = {{"rd_intensity", 3}};
    BOOST_TEST(written(p, options) == "entity,period,rd_intensity\n320100,2024,1.700\n320200,2024,2.000\n");
}

BOOST_AUTO_TEST_CASE(a_column_not_read_from_text_keeps_its_catalogues_decimals) {
    // computed by compute(): an indicator has no written decimals
    const panel p = parse_csv("entity,period,rd_expenditure[万元],gdp[亿元]\n320100,2024,170,1\n");
    const indicator_table values = compute(p, {"rd_intensity"});
    std::ostringstream out;
    write_csv(p, values, out);
    BOOST_TEST(out.str() == "entity,period,rd_intensity\n320100,2024,1.70\n");  // 170 万元 / 1 亿元 = 1.7 %
    // a column a program added
    panel added = p;
    added.add(column("rd_intensity", unit::parse("%"), Eigen::ArrayXd::Constant(1, 1.7)));
    BOOST_TEST(written(added).find(",1.70\n") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(every_column_read_from_text_has_written_decimals) {
    const panel p = parse_csv("entity,period,rd_intensity[%]\n320100,2024,1.7\n320200,2024,\n");
    BOOST_TEST(p.at("rd_intensity").written_decimals() == (std::vector<std::uint8_t>{0, 0}),
               boost::test_tools::per_element());
}

// A round trip over generated panels: mixed decimals (0 to 4 written, with and without final 0s),
// catalogue and other columns, gaps with and without reasons, units in the header.
BOOST_AUTO_TEST_CASE(a_round_trip_keeps_values_units_reasons_and_written_decimals) {
    const char* names[] = {"rd_intensity", "hitech_va_share_gdp", "gdp", "patents_granted", "own_figure"};
    const char* units[] = {"%", "%", "亿元", "件", "万元"};
    std::uint32_t state = 37;
    auto next = [&state](std::uint32_t n) {
        state = state * 1664525u + 1013904223u;
        return (state >> 8) % n;
    };
    for (int trial = 0; trial < 200; ++trial) {
        std::string text = "entity,period";
        for (int k = 0; k < 5; ++k) text += std::string(",") + names[k] + "[" + units[k] + "]," + names[k] + "_reason";
        text += '\n';
        const std::uint32_t rows = 1 + next(6);
        for (std::uint32_t r = 0; r < rows; ++r) {
            text += "3201" + std::to_string(10 + r) + ",2024";
            for (int k = 0; k < 5; ++k) {
                const std::uint32_t kind = next(8);
                if (kind == 0) {
                    text += ",,";
                } else if (kind == 1) {
                    text += ",,damaged_source";
                } else {
                    // n written with d decimals ("0.0170" for 170 and 4); a count whole, with or without ".00"
                    const std::uint32_t d = next(5);
                    std::string digits = std::to_string(next(100000));
                    if (k == 3 && d > 0) digits += "." + std::string(d, '0');
                    if (k != 3 && d > 0) {
                        if (digits.size() <= d) digits.insert(0, d + 1 - digits.size(), '0');
                        digits.insert(digits.size() - d, ".");
                    }
                    text += "," + digits + ",";
                }
            }
            text += '\n';
        }
        const panel first = parse_csv(text);
        write_csv_options options;
        options.unit_header = true;
        options.reasons = true;
        const panel again = parse_csv(written(first, options));
        for (const char* name : names) {
            const column& a = first.at(name);
            const column& b = again.at(name);
            BOOST_TEST_CONTEXT(text << "\n" << name) {
                BOOST_TEST(a.unit().symbol() == b.unit().symbol());
                for (std::size_t r = 0; r < a.size(); ++r) {
                    BOOST_TEST((std::isnan(a.data()[r]) ? std::isnan(b.data()[r]) : a.data()[r] == b.data()[r]));
                    BOOST_TEST(to_string(a.reason_at(r)) == to_string(b.reason_at(r)));
                }
                BOOST_TEST(decimals_of(first, name) == decimals_of(again, name), boost::test_tools::per_element());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_value_is_written_with_its_written_decimals_and_every_digit) {
    BOOST_TEST(as_written(1.7, 0) == "1.7");
    BOOST_TEST(as_written(1.7, 2) == "1.70");
    BOOST_TEST(as_written(2, 0) == "2");  // not "2.0", which reads back as written with 1 decimal
    BOOST_TEST(as_written(2, 2) == "2.00");
    BOOST_TEST(as_written(-0.0, 0) == "0");
    BOOST_TEST(as_written(0, 1) == "0.0");
    BOOST_TEST(as_written(-2.5, 3) == "-2.500");
    BOOST_TEST(as_written(1.2345, 2) == "1.2345");  // never rounded
    BOOST_TEST(as_written(1e16, 0) == "1e+16");
    BOOST_TEST(as_written(1e16, 2) == "10000000000000000.00");
    BOOST_TEST(as_written(1.5e-05, 0) == "1.5e-05");
    BOOST_TEST(as_written(1.5e-05, 7) == "0.0000150");
    BOOST_TEST(as_written(1200, 0) == "1200");
    BOOST_TEST(as_written(0.05, 3) == "0.050");
}

BOOST_AUTO_TEST_CASE(the_decimals_of_a_cell_and_of_a_figure_are_read_alike) {
    BOOST_TEST(int{detail::written_decimals("2.00", '.')} == 2);
    BOOST_TEST(int{detail::written_decimals("60.0% ", '.')} == 1);
    BOOST_TEST(int{detail::written_decimals("1.7", '.')} == 0);
    BOOST_TEST(int{detail::written_decimals("1,200", '.')} == 0);
    BOOST_TEST(int{detail::written_decimals("2,50", ',')} == 2);
    BOOST_TEST(int{detail::written_decimals("\xEF\xBC\x92.\xEF\xBC\x90\xEF\xBC\x90", '.')} == 2);  // full-width ２.００
    BOOST_TEST(int{detail::figure_decimals("2.00%")} == 2);
    BOOST_TEST(int{detail::figure_decimals("1.20万亿元")} == 2);  // of the value in its unit, 1.2 万亿元
    BOOST_TEST(int{detail::figure_decimals("约13.50亿元")} == 2);
    BOOST_TEST(int{detail::figure_decimals("3.0-5.0%")} == 1);    // a range: its last end
    BOOST_TEST(int{detail::figure_decimals("一千二百件")} == 0);  // a Chinese numeral
    BOOST_TEST(int{detail::figure_decimals("1.2万家")} == 0);
    BOOST_TEST(int{detail::figure_decimals("13.x亿元")} == 0);  // masked
    BOOST_TEST(int{detail::figure_decimals("139项")} == 0);
    // １．５０亿元: full-width digits and point
    BOOST_TEST(int{detail::figure_decimals("\xEF\xBC\x91\xEF\xBC\x8E\xEF\xBC\x95\xEF\xBC\x90亿元")} == 2);
}

BOOST_AUTO_TEST_SUITE_END()
