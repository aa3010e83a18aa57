#include "zhibiao/units.hpp"

#include <boost/test/unit_test.hpp>
#include <string>

using zhibiao::unit;

BOOST_AUTO_TEST_SUITE(units)

BOOST_AUTO_TEST_CASE(scales_of_chinese_currency_units) {
    BOOST_TEST(unit::parse("元").exponent() == 0);
    BOOST_TEST(unit::parse("万元").exponent() == 4);
    BOOST_TEST(unit::parse("亿元").exponent() == 8);
    BOOST_TEST(unit::parse("万亿元").exponent() == 12);
    BOOST_TEST(unit::parse("百万元").exponent() == 6);
    BOOST_TEST(unit::parse("万元").dim() == unit::parse("亿元").dim());
}

BOOST_AUTO_TEST_CASE(formal_and_traditional_forms_of_yuan_and_its_scales) {
    // 圆 is the formal character of the yuan (壹万圆整 on a cheque); 萬, 億 and 圓 are the
    // traditional forms. They were unknown units: a table in 万圆 could not be read at all.
    BOOST_TEST(unit::parse("万圆").to(unit::parse("元")).apply(35.0) == 350000.0);
    BOOST_TEST(unit::parse("萬元").to(unit::parse("万元")).apply(2.5) == 2.5);
    BOOST_TEST(unit::parse("億圓").to(unit::parse("亿元")).apply(1.2) == 1.2);
    BOOST_TEST(unit::parse("圓").dim() == unit::parse("元").dim());
    BOOST_CHECK_THROW(unit::parse("万园"), zhibiao::unknown_unit_error);  // 园 (a garden) is no currency
}

BOOST_AUTO_TEST_CASE(conversion_is_exact) {
    // 1 亿元 = 10^4 万元 exactly; 241.8万元 = 2,418,000 元 (indicators.md §7.2).
    BOOST_TEST(unit::parse("亿元").to(unit::parse("万元")).apply(1.0) == 1e4);
    BOOST_TEST(unit::parse("万元").to(unit::parse("元")).apply(241.8) == 2418000.0);
    BOOST_TEST(unit::parse("万亿元").to(unit::parse("元")).apply(6.1) == 6.1e12);
    BOOST_TEST(unit::parse("万件").to(unit::parse("件")).apply(1.2) == 12000.0);
}

BOOST_AUTO_TEST_CASE(counts_and_persons) {
    for (const char* u : {"件", "项", "家", "个", "人次"}) BOOST_TEST(unit::parse(u).dim() == unit::parse("件").dim());
    BOOST_TEST(unit::parse("人").dim() != unit::parse("件").dim());
    BOOST_TEST(unit::parse("万人").exponent() == 4);
    BOOST_TEST(unit::parse("人年").dim() != unit::parse("人").dim());
}

BOOST_AUTO_TEST_CASE(percent_is_a_scale_not_a_dimension) {
    unit pct = unit::parse("%");
    BOOST_TEST(pct.dimensionless());
    BOOST_TEST(pct.to(unit{}).apply(13.5) == 0.135);
    BOOST_TEST(unit{}.to(pct).apply(0.135) == 13.5);
    BOOST_TEST(unit::parse("‰").to(pct).apply(5.0) == 0.5);
    BOOST_TEST(unit::parse("百分点").same_scale_as(pct));
    BOOST_TEST(unit::parse("个百分点").same_scale_as(pct));
    BOOST_TEST(unit::parse("％").same_scale_as(pct));  // full-width
}

BOOST_AUTO_TEST_CASE(compound_units) {
    unit per_10k = unit::parse("件/万人");
    BOOST_TEST(per_10k.exponent() == -4);
    BOOST_TEST(per_10k.dim() == (unit::parse("件") / unit::parse("人")).dim());
    // 45 件 over 50万人 → 0.9 件/万人 (indicators.md §1.5).
    unit ratio = unit::parse("件") / unit::parse("万人");
    BOOST_TEST(ratio.to(per_10k).apply(45.0 / 50.0) == 0.9);
    unit money_per_person = unit::parse("万元/万人");
    BOOST_TEST(money_per_person.exponent() == 0);
    BOOST_TEST(unit::parse("吨标准煤/万元").exponent() == -4);
    BOOST_TEST(unit::parse("元*人").dim() == (unit::parse("元") * unit::parse("人")).dim());
    BOOST_TEST(unit::parse(" 万元 / 万人 ").exponent() == 0);
}

BOOST_AUTO_TEST_CASE(shares_from_mixed_scales) {
    // 11414.5亿元 over 50012.85亿元 is 22.82%; the same with the denominator in 万元.
    unit share = unit::parse("亿元") / unit::parse("万元");
    double x = share.to(unit::parse("%")).apply(11414.5 / (50012.85 * 1e4));
    BOOST_TEST(x == 22.823, boost::test_tools::tolerance(1e-4));
}

BOOST_AUTO_TEST_CASE(incompatible_units_name_both) {
    try {
        (void)unit::parse("万元").to(unit::parse("人"));
        BOOST_FAIL("expected incompatible_units_error");
    } catch (const zhibiao::incompatible_units_error& e) {
        std::string what = e.what();
        BOOST_TEST(what.find("万元") != std::string::npos);
        BOOST_TEST(what.find("人") != std::string::npos);
    }
}

// Round 17: an unknown unit said only that it was unknown.
BOOST_AUTO_TEST_CASE(an_unknown_unit_names_the_unit_it_most_likely_is) {
    const auto said = [](const char* text) -> std::string {
        try {
            (void)unit::parse(text);
        } catch (const zhibiao::unknown_unit_error& e) {
            return e.what();
        }
        return "(parsed)";
    };
    BOOST_TEST(said("万圆元").find("did you mean '万元'") != std::string::npos, said("万圆元"));
    BOOST_TEST(said("亿无").find("did you mean '亿元'?") != std::string::npos, said("亿无"));
    BOOST_TEST(said("万 元").find("did you mean '万元'?") != std::string::npos, said("万 元"));
    BOOST_TEST(said("YUAN").find("did you mean 'yuan'?") != std::string::npos, said("YUAN"));
    BOOST_TEST(said("件/万 人").find("did you mean '件/万人'?") != std::string::npos, said("件/万 人"));
    BOOST_TEST(said("%%").find("did you mean '%'?") != std::string::npos, said("%%"));
    BOOST_TEST(said("ｐｅｒｓｅｎ").find("did you mean 'person'?") != std::string::npos, said("ｐｅｒｓｅｎ"));
    // Too far for a misspelling, or another currency: the units there are, no guess.
    for (const char* far : {"kwh", "万美元", "美元", "斤"}) {
        BOOST_TEST(said(far).find("did you mean") == std::string::npos, said(far));
        BOOST_TEST(said(far).find("units are 元, 人, 件") != std::string::npos, said(far));
    }
    BOOST_TEST(said(std::string(40, 'k').c_str()).find("units are") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(unknown_units_are_errors) {
    for (const char* bad : {"", "美元", "kg", "万美元", "/人", "元/", "件//人", "%%", "百分"})
        BOOST_CHECK_THROW((void)unit::parse(bad), zhibiao::unknown_unit_error);
    try {
        (void)unit::parse("万美元");
    } catch (const zhibiao::unknown_unit_error& e) {
        BOOST_TEST(e.unit_text() == "万美元");
    }
}

// Review: exponents were int8 and wrapped around: 元^256 came out dimensionless.
BOOST_AUTO_TEST_CASE(products_beyond_the_exponent_limits_are_limit_errors) {
    const unit yuan = unit::parse("元"), yi_yuan = unit::parse("亿元");
    unit power = yuan;
    for (int k = 1; k < 100; ++k) power = power * yuan;
    BOOST_TEST(power.dim().exponent(zhibiao::base_quantity::currency) == 100);
    try {
        (void)(power * yuan);
        BOOST_FAIL("expected limit_error");
    } catch (const zhibiao::limit_error& e) {
        BOOST_TEST(std::string(e.what()).find("currency to the power 101") != std::string::npos);
    }
    unit inverse = unit{} / yuan;
    for (int k = 1; k < 100; ++k) inverse = inverse / yuan;
    BOOST_CHECK_THROW((void)(inverse / yuan), zhibiao::limit_error);
    unit scaled = yi_yuan;
    for (int k = 1; k < 30; ++k) scaled = scaled * yi_yuan;  // 10^240: the largest scale allowed
    BOOST_TEST(scaled.exponent() == 240);
    try {
        (void)(scaled * yi_yuan);
        BOOST_FAIL("expected limit_error");
    } catch (const zhibiao::limit_error& e) {
        BOOST_TEST(std::string(e.what()).find("10^248") != std::string::npos);
    }
}

// A conversion across more than 22 powers of ten read past the table of exact powers.
BOOST_AUTO_TEST_CASE(large_power_of_ten_conversions_stay_in_range) {
    BOOST_TEST(zhibiao::detail::exact_power_of_ten(22) == 1e22);
    BOOST_TEST(zhibiao::detail::exact_power_of_ten(30) == 1e30);
    BOOST_TEST(zhibiao::detail::exact_power_of_ten(-30) == 1e30);
    const unit yi_yuan = unit::parse("亿元"), yuan = unit::parse("元");
    const unit big = yi_yuan * yi_yuan * yi_yuan * yi_yuan, small = yuan * yuan * yuan * yuan;
    BOOST_TEST(big.to(small).apply(1.0) == 1e32);
}

// 件 (patents), 项 (projects), 家 (firms) and 个 are one dimension to the algebra, but what each
// counts is its measure word: 5件 + 3项 is no count of anything. The word is read through prefixes
// (万件 is 件), quotients (件/万人 counts 件) and a declared conversion (项·件/项 counts 件).
BOOST_AUTO_TEST_CASE(counts_know_what_they_count) {
    using zhibiao::counted_things;
    using zhibiao::counts_different_things;
    BOOST_TEST(counted_things(unit::parse("万件")) == "件");
    BOOST_TEST(counted_things(unit::parse("件/万人")) == "件");
    BOOST_TEST(counted_things(unit::parse("万元/项")) == "1/项");
    BOOST_TEST(counted_things(unit::parse("万元")).empty());
    BOOST_TEST(counted_things(unit::parse("件/件")).empty());
    BOOST_TEST(counted_things(unit::parse("项") * unit::parse("件/项")) == "件");
    BOOST_TEST(counted_things(unit::parse("count")).empty());  // of what, it does not say
    BOOST_TEST(counts_different_things(unit::parse("件"), unit::parse("项")));
    BOOST_TEST(counts_different_things(unit::parse("家"), unit::parse("个")));
    BOOST_TEST(!counts_different_things(unit::parse("件"), unit::parse("万件")));
    BOOST_TEST(!counts_different_things(unit::parse("件"), unit::parse("count")));
    BOOST_TEST(!counts_different_things(unit::parse("件"), unit::parse("项") * unit::parse("件/项")));
    BOOST_TEST(counts_different_things(unit::parse("件/万人"), unit::parse("项/万人")));
}

BOOST_AUTO_TEST_SUITE_END()
