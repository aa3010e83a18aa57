// Definition files (an indicator catalogue, a scorecard pack) refuse a key they do not know.
// Before, a misspelt key was ignored and its default used in silence: `valid_mx = 100` let a
// share of 150 % through as a number, `mn = 1` on a pack's input let a negative count score,
// and `[[indicatr]]` or `[[gates]]` defined nothing. The composite model files and the extract
// lexicon already refused such keys; now every definition file does, naming the file, the line,
// the entry and the key, with the key it most likely means.
#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "error_message.hpp"
#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"
#include "zhibiao/scorecard.hpp"

using namespace zhibiao;
using zhibiao::testing::has;
using zhibiao::testing::message_of;

BOOST_AUTO_TEST_SUITE(definition_keys)

BOOST_AUTO_TEST_CASE(a_catalogue_refuses_keys_it_does_not_know) {
    const std::string share =
        "catalogue_version = 1\n"
        "[[variable]]\nid = \"hits\"\ndimension = \"count\"\nmin = 0\n"
        "[[indicator]]\nid = \"hit_share\"\nformula = \"hits / shots\"\nunit = \"%\"\nvalid_min = 0\n"
        "valid_max = 100\n";
    // The spelt key works: a share of 150 % is out of range, never a number.
    const catalogue good = catalogue::from_toml(share, "mine.toml");
    const panel p = parse_csv("region,period,hits[件],shots[件]\nA,2024,3,2\nB,2024,1,2\n");
    const indicator_table t = compute(p, {"hit_share"}, {}, good);
    BOOST_TEST((t[0].reasons()[0] == reason::out_of_range));
    BOOST_TEST(t[0].values()(1) == 50.0);

    std::string misspelt = share;
    misspelt.replace(misspelt.find("valid_max"), 9, "valid_mx");
    std::string what = message_of([&] { (void)catalogue::from_toml(misspelt, "mine.toml"); });
    BOOST_TEST(has(what, "mine.toml:11: indicator 'hit_share': 'valid_mx' is not a key (did you mean 'valid_max'?)"),
               what);

    std::string variable = share;
    variable.replace(variable.find("min = 0"), 7, "mn = 0");
    what = message_of([&] { (void)catalogue::from_toml(variable, "mine.toml"); });
    BOOST_TEST(has(what, "mine.toml:5: variable 'hits': 'mn' is not a key (did you mean 'min'?)"), what);

    // A table name misspelt at the top defined nothing: refused too, and a key nothing resembles
    // is told the keys there are.
    what = message_of([&] { (void)catalogue::from_toml("[[indicatr]]\nid = \"x\"\n", "mine.toml"); });
    BOOST_TEST(has(what, "mine.toml:1: the catalogue: 'indicatr' is not a key (did you mean 'indicator'?)"), what);
    what = message_of([&] { (void)catalogue::from_toml(share + "colour = \"red\"\n", "mine.toml"); });
    BOOST_TEST(has(what, "indicator 'hit_share': 'colour' is not a key (its keys: id, name_zh"), what);
    BOOST_CHECK_THROW(catalogue::from_toml(misspelt), parse_error);

    // The built-in catalogue, read by the same code, holds only keys it knows.
    BOOST_TEST(catalogue::builtin().indicators().size() > 10u);
}

BOOST_AUTO_TEST_CASE(a_scorecard_pack_refuses_keys_it_does_not_know) {
    const std::string pack =
        "id = \"x\"\n"
        "[[input]]\nid = \"staff\"\nunit = \"人\"\nmin = 1\ninteger = true\n"
        "[[item]]\nid = \"i\"\nmax = 10\nmeasure = \"staff\"\n"
        "bands = [{min = 5, points = 10}, {points = 0}]\n"
        "[pass]\nrule = \"total >= 5\"\n";
    // The spelt key works: a negative head count is invalid input, never scored.
    const scorecard good = scorecard::from_toml(pack, "pack.toml");
    const std::vector<double> staff{-3, 6};
    const scorecard_result r = good.evaluate(scorecard_columns{2, {staff.data()}});
    BOOST_TEST(!r.valid(0));
    BOOST_TEST(r.passed(1));

    auto refused = [&](const std::string& from, const std::string& to, const std::string& expect) {
        std::string text = pack;
        const std::size_t at = text.find(from);
        BOOST_REQUIRE(at != std::string::npos);
        text.replace(at, from.size(), to);
        const std::string what = message_of([&] { (void)scorecard::from_toml(text, "pack.toml"); });
        BOOST_TEST(has(what, expect), what);
        BOOST_TEST(has(what, "pack.toml:"), what);
    };
    refused("min = 1", "mn = 1", "input 'staff': 'mn' is not a key (did you mean 'min'?)");
    refused("integer", "integr", "'integr' is not a key (did you mean 'integer'?)");
    refused("measure = ", "measures = ", "item 'i': 'measures' is not a key (did you mean 'measure'?)");
    refused("{min = 5,", "{mni = 5,", "item 'i' band: 'mni' is not a key (did you mean 'min'?)");
    refused("rule = ", "rules = ", "pass: 'rules' is not a key (did you mean 'rule'?)");
    refused("[pass]", "[[gates]]\nid = \"g\"\ncondition = \"staff > 0\"\n[pass]",
            "scorecard: 'gates' is not a key (did you mean 'gate'?)");
    refused("[pass]", "[[gate]]\nid = \"g\"\ncondtion = \"staff > 0\"\n[pass]",
            "gate 'g': 'condtion' is not a key (did you mean 'condition'?)");

    // The packs shipped with the library, read by the same code, hold only keys it knows.
    for (const std::string& id : scorecard::builtin_ids()) BOOST_TEST(!scorecard::builtin(id).inputs().empty(), id);
}

BOOST_AUTO_TEST_SUITE_END()
