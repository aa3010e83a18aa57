#define BOOST_TEST_MODULE zhibiao
#include <boost/test/unit_test.hpp>
