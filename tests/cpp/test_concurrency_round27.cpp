// Caller threads sharing one const object (trial c27, built also under ThreadSanitizer): four
// threads computing from one panel, extracting with one lexicon and scoring with one pack, with
// the library's own thread count 1 and 2, give the bytes one thread gives. (Round 27 found no
// race; this keeps the programs' pattern in the suite, where the asan preset runs it.)
#include <boost/test/unit_test.hpp>
#include <string>
#include <thread>
#include <vector>

#include "zhibiao/zhibiao.hpp"

namespace {

void append(std::string& out, const double* values, std::size_t n) {
    out.append(reinterpret_cast<const char*>(values), n * sizeof(double));
}

std::string indicator_bytes(const zhibiao::panel& p, unsigned threads) {
    zhibiao::compute_options options;
    options.threads = threads;
    std::string out;
    for (const auto& c :
         zhibiao::compute(p, {"rd_intensity", "invention_patents_per_10k", "project_approval_rate"}, options))
        append(out, c.values().data(), static_cast<std::size_t>(c.values().size()));
    for (const auto& f : zhibiao::validate(p).findings) out += f.entity + f.rule + f.message;
    return out;
}

std::string fact_bytes(const std::string& text, const zhibiao::lexicon& words) {
    const zhibiao::table_extraction read = zhibiao::extract_table(text, words);
    std::string out = read.facts.quoted;
    append(out, read.facts.value.data(), read.facts.value.size());
    return out;
}

std::string score_bytes(const zhibiao::scorecard& card, const zhibiao::scorecard_inputs& in, unsigned threads) {
    const zhibiao::scorecard_result r = card.evaluate(in, zhibiao::points_policy::low, threads);
    std::string out;
    for (std::size_t row = 0; row < r.rows; ++row) {
        const double total = r.total(static_cast<Eigen::Index>(row));
        append(out, &total, 1);
    }
    for (const auto& line : card.explain(in, r, {0, 1, 2}, "en")) out += line;
    return out;
}

template <class Work>
void expect_same_on_four_threads(const std::string& reference, Work work) {
    std::vector<std::string> got(4);
    std::vector<std::thread> threads;
    for (unsigned k = 0; k < 4; ++k) threads.emplace_back([&, k] { got[k] = work(k % 2 + 1); });
    for (auto& t : threads) t.join();
    for (const auto& g : got) BOOST_TEST((g == reference));
}

}  // namespace

BOOST_AUTO_TEST_SUITE(concurrency_round27)

BOOST_AUTO_TEST_CASE(one_panel_four_caller_threads) {
    const zhibiao::panel p = zhibiao::read_csv(ZHIBIAO_SOURCE_DIR "/data/sample/counties_synthetic.csv");
    const std::string reference = indicator_bytes(p, 1);
    BOOST_TEST(reference.size() >= 3 * p.rows() * sizeof(double));
    expect_same_on_four_threads(reference, [&](unsigned threads) { return indicator_bytes(p, threads); });
}

BOOST_AUTO_TEST_CASE(one_lexicon_four_caller_threads) {
    const std::string text = "上半年，全市新增高新技术企业22家，技术合同成交额12.5亿元，同比增长21.%。";
    const zhibiao::lexicon words = zhibiao::builtin_lexicon();  // a program's own copy, shared
    const std::string reference = fact_bytes(text, words);
    expect_same_on_four_threads(reference, [&](unsigned) { return fact_bytes(text, words); });
}

BOOST_AUTO_TEST_CASE(one_pack_four_caller_threads) {
    zhibiao::csv_options options;
    options.period_value = "2024";
    const zhibiao::panel firms = zhibiao::read_csv(ZHIBIAO_SOURCE_DIR "/data/sample/firms_synthetic.csv", options);
    const zhibiao::scorecard& card = zhibiao::scorecard::builtin("tech-sme-2017");
    const zhibiao::scorecard_inputs in = card.inputs_from(firms);
    const std::string reference = score_bytes(card, in, 1);
    expect_same_on_four_threads(reference, [&](unsigned threads) { return score_bytes(card, in, threads); });
}

BOOST_AUTO_TEST_SUITE_END()
