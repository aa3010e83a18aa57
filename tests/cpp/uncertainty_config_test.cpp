// The [uncertainty] section of a model TOML read in C++ (composite/uncertainty_config.hpp): a
// model file alone runs the analysis, the same as the assumptions declared in code, and bad
// sections are refused naming line, column and key, with "did you mean".
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "uncertainty_fixture.hpp"
#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/uncertainty_config.hpp"

using namespace zhibiao;
using namespace zhibiao::composite;
using namespace zhibiao::composite::testing;

namespace {

const char* const model_text = R"toml(name = "small"
[[node]]
code = "Index"
level = 3
[[node]]
code = "P1"
parent = "Index"
level = 2
[[node]]
code = "P2"
parent = "Index"
level = 2
weight = 3
[[node]]
code = "a"
parent = "P1"
[[node]]
code = "b"
parent = "P1"
weight = 2
[[node]]
code = "c"
parent = "P2"
direction = -1
[[node]]
code = "d"
parent = "P2"
[[step]]
kind = "treat"
method = "coinr"
[[step]]
kind = "normalise"
method = "minmax"
range = [1, 100]
[[step]]
kind = "aggregate"

[uncertainty]
replications = 300
seed = 4
winmax = [0, 2]
weights_noise = { 2 = 0.25 }
[[uncertainty.aggregation]]
method = "arithmetic"
probability = 0.25
[[uncertainty.aggregation]]
method = "geometric"
probability = 0.75
[[uncertainty.normalisation]]
method = "minmax"
range = [1, 100]
[[uncertainty.normalisation]]
method = "zscore"
m_sd = [10, 2]
label = "z (10, 2)"
)toml";

/// The spec the section above declares, written in code.
uncertainty_spec spec_in_code() {
    uncertainty_spec s;
    s.noise.push_back({2, 0.25});
    s.winmax_low = 0, s.winmax_high = 2;
    aggregate_options geometric;
    geometric.method = aggregation::geometric;
    s.aggregation.options = {aggregate_options{}, geometric};
    s.aggregation.labels = {"arithmetic", "geometric"};
    s.aggregation.probabilities = {0.25, 0.75};
    normalise_step minmax, z;
    minmax.options.low = 1, minmax.options.high = 100;
    z.options.method = normalisation::zscore, z.options.target_mean = 10, z.options.target_sd = 2;
    s.normalisation.options = {minmax, z};
    s.normalisation.labels = {"minmax", "z (10, 2)"};
    return s;
}

/// The parse_error of `text`'s [uncertainty] section (fails the test when there is none).
parse_error error_of(const std::string& text) {
    try {
        (void)parse_uncertainty(text, "m.toml");
    } catch (const parse_error& e) {
        return e;
    }
    BOOST_FAIL("no parse_error for:\n" + text);
    throw;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

BOOST_AUTO_TEST_SUITE(composite_uncertainty_config)

BOOST_AUTO_TEST_CASE(a_model_file_alone_runs_the_analysis_it_declares) {
    const std::string path = "uncertainty_config_test_model.toml";
    std::ofstream(path) << model_text;
    const uncertainty_result from_file = uncertainty_from_file(small_table(), path, 1);
    std::remove(path.c_str());

    const model m = parse_model(model_text);
    uncertainty_options o;
    o.replications = 300, o.seed = 4, o.threads = 2;
    const uncertainty_result in_code = uncertainty(small_table(), m.make_framework(), m.steps, spec_in_code(), o);
    BOOST_TEST(from_file.replications == 300u);
    BOOST_TEST(from_file.model->inputs() == in_code.model->inputs(), boost::test_tools::per_element());
    using matrix_field = Eigen::MatrixXd uncertainty_result::*;
    for (const matrix_field field : {&uncertainty_result::median_rank, &uncertainty_result::rank_p05,
                                     &uncertainty_result::rank_p95, &uncertainty_result::mean_score}) {
        const Eigen::MatrixXd& a = from_file.*field;
        const Eigen::MatrixXd& b = in_code.*field;
        BOOST_TEST(std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<std::size_t>(a.size())) == 0);
    }
    BOOST_TEST((from_file.parameters() == in_code.parameters()));
    const auto names = from_file.model->parameter_names();
    const auto at = std::find(names.begin(), names.end(), "normalisation") - names.begin();
    BOOST_TEST(from_file.model->parameter_labels().at(static_cast<std::size_t>(at)) ==
                   (std::vector<std::string>{"minmax", "z (10, 2)"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(section_read_into_the_spec) {
    const uncertainty_config c = parse_uncertainty(model_text, "m.toml");
    BOOST_TEST(c.present);
    BOOST_TEST(c.replications == 300u);
    BOOST_TEST(c.seed == 4u);
    BOOST_TEST(c.spec.winmax_low == 0);
    BOOST_TEST(c.spec.winmax_high == 2);
    BOOST_TEST(c.spec.aggregation.probabilities == (std::vector<double>{0.25, 0.75}), boost::test_tools::per_element());
    BOOST_TEST((c.spec.normalisation.options[1].options.method == normalisation::zscore));
    BOOST_TEST(c.spec.normalisation.options[1].options.target_sd == 2.0);
    BOOST_TEST(!parse_uncertainty("name = \"x\"\n").present);
}

BOOST_AUTO_TEST_CASE(bad_sections_name_line_column_and_key) {
    const std::string head = "[uncertainty]\n";
    parse_error e = error_of(head + "replications = 10\n  winmx = [1, 5]\n");
    BOOST_TEST(e.where().file == "m.toml");
    BOOST_TEST(e.where().line == 3u);
    BOOST_TEST(e.where().column == 3u);
    BOOST_TEST(e.where().variable == "winmx");
    BOOST_TEST(has(e.what(), "did you mean 'winmax'?"), e.what());

    e = error_of(head + "[[uncertainty.aggregation]]\nmethod = \"geometrik\"\n");
    BOOST_TEST(e.where().line == 3u);
    BOOST_TEST(e.where().column == 10u);
    BOOST_TEST(has(e.what(), "key 'method'"), e.what());
    BOOST_TEST(has(e.what(), "did you mean 'geometric'?"), e.what());

    e = error_of(head + "[[uncertainty.normalisation]]\nmethod = \"minmax\"\nrnage = [1, 100]\n");
    BOOST_TEST(e.where().line == 4u);
    BOOST_TEST(has(e.what(), "[[uncertainty.normalisation]] #1: key 'rnage'"), e.what());
    BOOST_TEST(has(e.what(), "did you mean 'range'?"), e.what());

    e = error_of(head + "weights_noise = { 2 = 1.5 }\n");
    BOOST_TEST(has(e.what(), "from 0 to 1"), e.what());
    e = error_of(head + "winmax = [5, 1]\n");
    BOOST_TEST(has(e.what(), "key 'winmax'"), e.what());
    e = error_of(head +
                 "[[uncertainty.aggregation]]\nprobability = 0.5\n[[uncertainty.aggregation]]\n"
                 "method = \"geometric\"\n");
    BOOST_TEST(has(e.what(), "for every alternative or for none"), e.what());
    e = error_of(head + "normalisation = \"minmax\"\n");
    BOOST_TEST(has(e.what(), "[[uncertainty.normalisation]]"), e.what());
    e = error_of("uncertainty = 3\n");
    BOOST_TEST(e.where().line == 1u);
}

BOOST_AUTO_TEST_CASE(a_model_without_nodes_or_section_is_refused) {
    const std::string path = "uncertainty_config_test_bare.toml";
    std::ofstream(path) << "[[step]]\nkind = \"normalise\"\n[uncertainty]\nwinmax = [1, 2]\n";
    BOOST_CHECK_THROW(uncertainty_from_file(small_table(), path), parse_error);
    std::ofstream(path) << "[[node]]\ncode = \"I\"\nlevel = 2\n[[node]]\ncode = \"a\"\nparent = \"I\"\n";
    BOOST_CHECK_THROW(uncertainty_from_file(small_table(), path), parse_error);
    std::remove(path.c_str());
}

BOOST_AUTO_TEST_SUITE_END()
