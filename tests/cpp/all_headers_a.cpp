#include "all_headers.hpp"
#include <boost/test/unit_test.hpp>
BOOST_AUTO_TEST_CASE(all_headers_compile_in_translation_unit_a) {
    BOOST_TEST(zhibiao::unit::parse("万元").exponent() == 4);
}
