#include "zhibiao/panel.hpp"

#include <boost/test/unit_test.hpp>
#include <cmath>

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(panels)

panel two_by_two() {
    return panel({{"320602", "崇川区", "320600"}, {"320612", "通州区", "320600"}},
                 {period::year(2022), period::year(2023)}, {0, 0, 1, 1}, {0, 1, 0, 1});
}

BOOST_AUTO_TEST_CASE(rows_and_columns) {
    panel p = two_by_two();
    BOOST_TEST(p.rows() == 4u);
    Eigen::ArrayXd gdp(4);
    gdp << 1.0, 2.0, std::nan(""), 4.0;
    p.add(column("gdp", unit::parse("亿元"), gdp));
    BOOST_TEST(p.has("gdp"));
    BOOST_TEST(p.at("gdp").values()(1) == 2.0);
    BOOST_TEST((p.at("gdp").reason_at(2) == reason::missing_input));
    BOOST_TEST((p.at("gdp").reason_at(0) == reason::none));
    BOOST_TEST(p.entity_at(2).code == "320612");
    BOOST_TEST(p.period_at(3).to_string() == "2023");
}

BOOST_AUTO_TEST_CASE(views_share_memory) {
    panel p = two_by_two();
    auto owner = std::make_shared<std::vector<double>>(std::vector<double>{1, 2, 3, 4});
    p.add(column("x", unit{}, owner->data(), owner->size(), owner));
    BOOST_TEST(p.at("x").data() == owner->data());
}

BOOST_AUTO_TEST_CASE(duplicate_rows_are_refused) {
    BOOST_CHECK_THROW(panel({{"a", "", ""}}, {period::year(2020)}, {0, 0}, {0, 0}), duplicate_row_error);
    try {
        panel({{"a", "", ""}}, {period::year(2020)}, {0, 0}, {0, 0});
    } catch (const duplicate_row_error& e) {
        BOOST_TEST(e.where().entity == "a");
        BOOST_TEST(e.where().period == "2020");
    }
}

BOOST_AUTO_TEST_CASE(bad_shapes_are_refused) {
    panel p = two_by_two();
    BOOST_CHECK_THROW(p.add(column("x", unit{}, Eigen::ArrayXd::Zero(3))), error);
    BOOST_CHECK_THROW(panel({{"a", "", ""}}, {period::year(2020)}, {0, 1}, {0, 0}), error);
    BOOST_CHECK_THROW((void)p.at("nope"), missing_variable_error);
}

BOOST_AUTO_TEST_SUITE_END()
