#include "all_headers.hpp"
#include <boost/test/unit_test.hpp>
BOOST_AUTO_TEST_CASE(all_headers_compile_in_translation_unit_b) {
    BOOST_TEST(zhibiao::period::parse("2018H1").last_month() == 6);
}
