// Round 31, trial 31b: reader rules found wrong by a county analyst's panel (repros 01, 02, 03, 05).
#include <boost/test/unit_test.hpp>
#include <algorithm>
#include <string>

#include "zhibiao/extract.hpp"

using namespace zhibiao;

namespace {
bool flagged(const fact& f, const char* flag) {
    return std::find(f.flags.begin(), f.flags.end(), flag) != f.flags.end();
}
const fact& figure(const extraction& x, double value) {
    for (const fact& f : x.facts)
        if (f.amount.value == value) return f;
    BOOST_FAIL("no figure " << value);
    return x.facts.at(0);
}
}  // namespace

BOOST_AUTO_TEST_SUITE(report_extraction_round31)

// 新增 after 分别 applies to every listed member: the new ones, never the stock.
BOOST_AUTO_TEST_CASE(the_words_after_respectively_are_each_members) {
    const extraction x =
        extract("2025年，全区高新技术企业和科技型中小企业分别新增15家和62家，累计有效高新技术企业147家。");
    BOOST_TEST(figure(x, 15).variable == "hnte_recognised");
    BOOST_TEST(figure(x, 62).variable == "tech_sme_registered");
    BOOST_TEST(figure(x, 147).variable == "hnte_total");
    // without a word after 分别 the stock stays the stock
    BOOST_TEST(extract("2025年，全区高新技术企业和科技型中小企业分别为12家、46家。").facts.at(0).variable ==
               "hnte_total");
}

// A reserve or cultivation pool of future HNTEs is no count of HNTEs.
BOOST_AUTO_TEST_CASE(a_reserve_pool_is_no_count_of_its_firms) {
    for (const char* text : {"上半年，新增高新技术企业后备库企业12家。", "上半年，新增入库高新技术企业培育库企业12家。",
                             "截至6月底，全县高新技术企业后备库企业达到35家。", "全县高企储备库企业35家。",
                             "全县科技型中小企业后备库企业35家。"}) {
        const extraction x = extract(text);
        BOOST_TEST_REQUIRE(x.facts.size() == 1u, text);
        const std::string v = x.facts[0].variable;
        BOOST_TEST((v != "hnte_recognised" && v != "hnte_total" && v != "tech_sme_registered"), text << ": " << v);
    }
}

// A plan word after the area governs the rest of its sentence; 实际 after a plan is done.
BOOST_AUTO_TEST_CASE(a_plan_governs_the_clauses_of_its_sentence) {
    for (const char* text :
         {"龙湖区科技局2025年工作总结\n2026年，全区计划新增高新技术企业20家，研发经费投入达到10.5亿元。",
          "龙湖区科技局2025年工作总结\n全区计划新增高新技术企业20家，研发经费投入达到10.5亿元。"}) {
        const extraction x = extract(text);
        BOOST_TEST(flagged(figure(x, 20), "target"), text);
        BOOST_TEST(flagged(figure(x, 10.5), "target"), text);
    }
    for (const char* text : {"龙湖区科技局2025年工作总结\n2025年，全区计划新增高新技术企业10家，实际完成12家。",
                             "龙湖区科技局2025年工作总结\n2025年，计划新增高新技术企业10家，实际完成12家。",
                             "龙湖区科技局2025年工作总结\n2025年，计划新增高新技术企业10家，已认定12家。"}) {
        const extraction done = extract(text);
        BOOST_TEST(flagged(figure(done, 10), "target"), text);
        BOOST_TEST(!flagged(figure(done, 12), "target"), text);
    }
    // a clause of another period than the plan's was done
    const extraction other =
        extract("龙湖区科技局2025年工作总结\n2026年，全区计划新增高新技术企业20家，2025年新增15家。");
    BOOST_TEST(flagged(figure(other, 20), "target"));
    BOOST_TEST(!flagged(figure(other, 15), "target"));
    // a list of plans goes on: 完成 alone is planned too
    const extraction plans = extract("力争新增高新技术企业20家，完成技术合同成交额8亿元。");
    BOOST_TEST(flagged(figure(plans, 8), "target"));
    // the next sentence is no plan
    const extraction next = extract("全区计划新增高新技术企业20家。研发经费投入达到10.5亿元。");
    BOOST_TEST(!flagged(figure(next, 10.5), "target"));
}

// The county's own figure after the city's: a time word in the city's clause, a verb of its own.
BOOST_AUTO_TEST_CASE(the_own_figure_after_the_citys_takes_its_variable) {
    const extraction half = extract("全市上半年新增高新技术企业86家，我区新增9家，居全市第3位。");
    BOOST_TEST(figure(half, 9).variable == "hnte_recognised");
    for (const char* text : {"上半年，全市技术合同成交额126.8亿元，我区完成32.5亿元。",
                             "上半年，全市技术合同成交额126.8亿元，其中我区完成32.5亿元。"}) {
        const extraction x = extract(text);
        BOOST_TEST(figure(x, 32.5).variable == "tech_contract_value", text);
    }
    // another measure word binds nothing
    BOOST_TEST(figure(extract("全市上半年新增高新技术企业86家，我区新增9个。"), 9).variable == "");
    BOOST_TEST(figure(extract("全市技术合同成交额126.8亿元，我区完成32.5项。"), 32.5).variable == "");
}

BOOST_AUTO_TEST_SUITE_END()
