// The fused kernels generated for the built-in packs against the vector machine they were
// generated from: every result column, bit for bit, on firms built to hit every corner (band
// edges, halves, missing values, out-of-range and non-integer inputs, infinities), for every
// instruction set this CPU runs and every points policy.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <random>
#include <map>
#include <set>

#include "scorecard/compiled.hpp"
#include "zhibiao/scorecard.hpp"

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(fused_kernels)

namespace {

// Values a rule pack's bounds and bands meet: zero, halves, the sales and staff thresholds and
// a cent either side, thresholds of the ratio bands, extremes; then plain random values.
// A firm that qualifies, for the packs' inputs (indicators.md §6 worked cases); half the firms
// are variations of it, so that every gate and the pass rule are met both ways.
const std::map<std::string, double>& good_firm() {
    static const std::map<std::string, double> firm = {{"registered_days", 800}, {"in_supported_field", 1},
                                                       {"employees", 100},       {"st_staff", 30},
                                                       {"rd_staff", 12},         {"sales_y1", 4000},
                                                       {"sales_y2", 4500},       {"sales_y3", 5000},
                                                       {"rd_y1", 200},           {"rd_y2", 225},
                                                       {"rd_y3", 250},           {"rd_domestic", 675},
                                                       {"hitech_income", 4000},  {"total_income", 5000},
                                                       {"ip_class1", 1},         {"ip_class2", 3},
                                                       {"conversions_3y", 12},   {"years_operating", 3},
                                                       {"net_assets_y1", 1000},  {"net_assets_y2", 1300},
                                                       {"net_assets_y3", 1800},  {"tech_advancement", 7},
                                                       {"core_support", 6},      {"ip_acquisition", 3},
                                                       {"standards_bonus", 0},   {"rd_organisation", 5},
                                                       {"rd_platform", 4},       {"transfer_system", 3},
                                                       {"talent_system", 2},     {"sales", 5000},
                                                       {"assets", 3000},         {"rd_expense", 250},
                                                       {"total_cost", 4000}};
    return firm;
}

std::vector<std::vector<double>> corner_firms(const scorecard& card, std::size_t rows, unsigned seed) {
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> corners = {nan,
                                         -1,
                                         -0.0,
                                         0,
                                         0.5,
                                         1,
                                         1.5,
                                         2,
                                         2.5,
                                         3,
                                         4,
                                         5,
                                         6,
                                         9.5,
                                         10,
                                         30,
                                         100,
                                         500,
                                         501,
                                         5000,
                                         5000.01,
                                         20000,
                                         20000.01,
                                         1e-300,
                                         5e-324,
                                         1e300,
                                         inf,
                                         -inf,
                                         0.49999999999999994};
    std::mt19937_64 rng(seed);
    std::uniform_int_distribution<std::size_t> pick(0, corners.size() - 1);
    std::uniform_real_distribution<double> unit(0, 1);
    std::vector<std::vector<double>> columns(card.inputs().size(), std::vector<double>(rows));
    std::uniform_int_distribution<std::size_t> which(0, columns.size() - 1);
    for (std::size_t i = 0; i < rows; ++i) {
        // A plausible firm by each input's bounds: flags 0/1, small counts, money to the cent
        // (shares of one scale often whole percents, so ratios land on band edges)…
        const double scale = std::floor(unit(rng) * 30000);
        for (std::size_t k = 0; k < columns.size(); ++k) {
            const auto& spec = card.inputs()[k];
            const double u = unit(rng);
            double v;
            const auto good = good_firm().find(spec.id);
            if (i % 2 == 0 && good != good_firm().end()) {
                v = good->second * (0.5 + unit(rng));  // about the qualifying firm
                v = spec.integer || std::isfinite(spec.max) ? std::min(spec.max, std::round(v))
                                                            : std::round(v * 100) / 100;
            } else if (spec.max <= 1)
                v = u < 0.3 ? 1 : 0;
            else if (std::isfinite(spec.max))
                v = std::round(u * spec.max * 4) / 4;  // expert scores in quarters: halves round away
            else if (spec.integer)
                v = std::max(spec.min, std::floor(unit(rng) * 60));
            else if (u < 0.5)
                v = std::round(unit(rng) * scale * 100) / 100;
            else
                v = std::round(scale * (0.01 * std::floor(unit(rng) * 40)) * 100) / 100;
            columns[k][i] = v;
        }
        // R&D in China within the R&D of the years operated (a validity check): the qualifying
        // firm stays valid.
        const int dom = card.input_index("rd_domestic"), y1 = card.input_index("rd_y1"), y2 = card.input_index("rd_y2"),
                  y3 = card.input_index("rd_y3"), years = card.input_index("years_operating");
        if (i % 2 == 0 && dom >= 0 && y1 >= 0 && y2 >= 0 && y3 >= 0 && years >= 0) {
            auto at = [&](int k) -> double& { return columns[static_cast<std::size_t>(k)][i]; };
            at(dom) = std::min(at(dom), at(y3) + (at(years) >= 2 ? at(y2) : 0) + (at(years) >= 3 ? at(y1) : 0));
        }
        // …then a corner value in one input of a third of the firms, in two of a tenth.
        const double u = unit(rng);
        for (int c = 0; c < (u < 0.1 ? 2 : u < 0.33 ? 1 : 0); ++c) columns[which(rng)][i] = corners[pick(rng)];
        // A sixth of the firms leave some optional inputs blank: with a direct route (tech-SME) they
        // may leave the scoring inputs blank, and an item left blank is not scored.
        if (unit(rng) < 1.0 / 6)
            for (std::size_t k = 0; k < columns.size(); ++k)
                if (card.inputs()[k].optional && unit(rng) < 0.5) columns[k][i] = nan;
    }
    return columns;
}

// The same storage type, and the same bytes (NaN payloads included).
bool same_bits(const points_array& a, const points_array& b) {
    if (a.narrow() != b.narrow() || a.rows() != b.rows() || a.cols() != b.cols()) return false;
    const auto n = static_cast<std::size_t>(a.size());
    if (n == 0) return true;
    return a.narrow() ? std::memcmp(a.floats(), b.floats(), n * sizeof(float)) == 0
                      : std::memcmp(a.doubles(), b.doubles(), n * sizeof(double)) == 0;
}

template <class T, class A>
bool same(const std::vector<T, A>& a, const std::vector<T, A>& b) {
    return a == b;
}

void check_identical(const scorecard_result& vm, const scorecard_result& fused, const std::string& what) {
    BOOST_TEST_CONTEXT(what) {
        BOOST_TEST(same(vm.status, fused.status));
        BOOST_TEST(same(vm.route, fused.route));
        BOOST_TEST(same(vm.problems, fused.problems));
        BOOST_TEST(same_bits(vm.total, fused.total));
        BOOST_TEST(vm.total_lo.size() == fused.total_lo.size());
        BOOST_TEST(same_bits(vm.total_lo, fused.total_lo));
        BOOST_TEST(same_bits(vm.total_hi, fused.total_hi));
        BOOST_TEST(same_bits(vm.points, fused.points));
        BOOST_TEST(same_bits(vm.points_lo, fused.points_lo));
        BOOST_TEST(same_bits(vm.points_hi, fused.points_hi));
        BOOST_TEST((vm.alternative == fused.alternative).all());
        BOOST_TEST((vm.gates == fused.gates).all());
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_builtin_pack_has_a_kernel) {
    BOOST_TEST_REQUIRE(!detail::fused_isas().empty());
    for (const auto& id : scorecard::builtin_ids()) {
        BOOST_TEST_CONTEXT(id) { BOOST_TEST(scorecard::builtin(id).engine().rfind("fused kernel (", 0) == 0); }
    }
}

BOOST_AUTO_TEST_CASE(kernels_match_the_vector_machine_bit_for_bit) {
    // 20,011 firms: not a multiple of any vector width or block, so the tail runs on the machine.
    const std::size_t rows = 20011;
    for (const auto& id : scorecard::builtin_ids()) {
        const scorecard& card = scorecard::builtin(id);
        const std::string fingerprint = detail::kernel_fingerprint(card, detail::scorer::compiled(card));
        const auto data = corner_firms(card, rows, 7);
        scorecard_columns in{rows, {}};
        for (const auto& c : data) in.columns.push_back(c.data());
        // An absent optional column reaches the kernel as a block of NaN: the last (the first, a
        // scoring input of tech-SME, would leave every firm an item blank and no total).
        for (std::size_t k = card.inputs().size(); k-- > 0;)
            if (card.inputs()[k].optional) {
                in.columns[k] = nullptr;
                break;
            }
        std::size_t valid = 0, eligible = 0, passing = 0, direct = 0, partly = 0;
        std::set<double> totals;
        std::set<std::size_t> unscored_lanes;
        for (const auto policy : {points_policy::low, points_policy::high, points_policy::mid}) {
            scorecard_result vm;
            detail::scorer::evaluate(card, in, vm, policy, 1, nullptr);
            for (const std::string& isa : detail::fused_isas()) {
                const detail::fused_kernels* kernels = detail::find_fused_kernels(fingerprint, isa);
                BOOST_TEST_REQUIRE(kernels != nullptr, id << " has no " << isa << " kernel");
                for (unsigned threads : {1u, 2u}) {
                    scorecard_result fused;
                    detail::scorer::evaluate(card, in, fused, policy, threads, kernels);
                    check_identical(vm, fused,
                                    id + " " + isa + " policy " + std::to_string(static_cast<int>(policy)) +
                                        " threads " + std::to_string(threads));
                }
            }
            // ±inf in any input is invalid input (a firm reports no infinite quantity), in the
            // machine and so, bit for bit, in every kernel.
            std::size_t infinite = 0;
            for (std::size_t i = 0; i < rows; ++i)
                for (std::size_t k = 0; k < data.size(); ++k)
                    if (in.columns[k] && std::isinf(in.columns[k][i])) {
                        ++infinite;
                        BOOST_TEST(vm.valid(i) == 0, id << " firm " << i << " input " << card.inputs()[k].id);
                        BOOST_TEST((vm.problems[i] >> k & 1u) == 1u);
                    }
            BOOST_TEST(infinite > 0u, id);
            for (std::size_t i = 0; i < rows; ++i)
                valid += vm.valid(i), eligible += vm.eligible(i), passing += vm.passed(i),
                    direct += vm.status_of(i) == firm_status::direct;
            for (Eigen::Index i = 0; i < vm.total.size(); ++i)
                if (vm.valid(static_cast<std::size_t>(i)) && vm.total(i) == vm.total(i))  // not NaN (direct)
                    totals.insert(vm.total(i));
            // Valid firms scored with an item left blank (NaN points, no measure), at every lane of
            // the widest vector, some with another item scored.
            for (std::size_t i = 0; i < rows; ++i) {
                if (!vm.valid(i) || vm.status_of(i) == firm_status::direct) continue;
                bool left_blank = false, scored = false;
                for (Eigen::Index k = 0; k < vm.points.cols(); ++k) {
                    const bool blank = std::isnan(vm.points(static_cast<Eigen::Index>(i), k));
                    left_blank |= blank, scored |= !blank;
                    if (blank) BOOST_TEST(vm.alternative(static_cast<Eigen::Index>(i), k) == -1);
                }
                if (left_blank) unscored_lanes.insert(i % 8), partly += scored;
            }
        }
        // The firms reach the outcomes, not only "invalid input".
        BOOST_TEST_MESSAGE(id << ": " << valid << " valid, " << eligible << " eligible, " << passing << " pass, "
                              << totals.size() << " totals");
        BOOST_TEST(valid > rows / 10, id);
        BOOST_TEST(eligible > 0u, id);
        BOOST_TEST(totals.size() >= 20u, id);  // of scored firms: a direct one has no total
        BOOST_TEST(passing > 0u, id);
        // The kernels clear a direct or invalid firm's points and measures themselves (the machine
        // leaves it to detail::clear_unscored): both kinds of firm are among these.
        BOOST_TEST(valid < 3 * rows, id);
        if (!card.routes().empty()) BOOST_TEST(direct > 0u, id);
        if (!card.routes().empty()) {
            BOOST_TEST(unscored_lanes.size() == 8u, id);
            BOOST_TEST(partly > 0u, id);
        }
    }
}

BOOST_AUTO_TEST_CASE(kernels_match_the_machine_on_the_rounding_edges_of_the_comparison_grid) {
    // The kernels compare a measure with a constant (a bound, a band's edge) as the measure against
    // the least value whose grid value reaches the constant's, found when they are generated: every
    // input in turn takes the values a few ulps either side of each constant's rounding edges.
    for (const auto& id : scorecard::builtin_ids()) {
        const scorecard& card = scorecard::builtin(id);
        const auto& c = detail::scorer::compiled(card);
        std::set<double> grid_values;  // in grid units
        for (const detail::op& o : c.prog.ops())
            if (o.code == detail::opcode::constant && std::isfinite(o.k))
                grid_values.insert(detail::on_grid(o.k, c.inverse_grid));
        for (const auto& alternatives : c.items)
            for (const auto& alt : alternatives)
                for (double at : alt.at_least)
                    if (std::isfinite(at)) grid_values.insert(at);
        std::vector<double> values;
        for (double v : grid_values)
            for (double side : {-0.5, 0.5}) {
                double x = (v + side) / c.inverse_grid;
                for (int step = 0; step < 4; ++step) x = std::nextafter(x, -INFINITY);
                for (int step = 0; step < 9; ++step, x = std::nextafter(x, INFINITY)) values.push_back(x);
            }
        const std::size_t inputs = card.inputs().size(), rows = values.size() * inputs;
        auto data = corner_firms(card, rows, 11);
        for (std::size_t k = 0; k < inputs; ++k)
            for (std::size_t v = 0; v < values.size(); ++v) data[k][k * values.size() + v] = values[v];
        scorecard_columns in{rows, {}};
        for (const auto& column : data) in.columns.push_back(column.data());
        scorecard_result vm;
        detail::scorer::evaluate(card, in, vm, points_policy::mid, 1, nullptr);
        for (const std::string& isa : detail::fused_isas()) {
            scorecard_result fused;
            detail::scorer::evaluate(card, in, fused, points_policy::mid, 1,
                                     detail::find_fused_kernels(detail::kernel_fingerprint(card, c), isa));
            check_identical(vm, fused, id + " " + isa + " on grid edges");
        }
    }
}

BOOST_AUTO_TEST_CASE(invalid_firms_get_the_machines_problem_bits_at_every_lane) {
    // The kernels test every validity condition of a vector of firms at once and set the bits of
    // `problems` one by one only where the vector holds an invalid firm: vectors of 8 firms (the
    // widest; 2 or 4 of the narrower) with none invalid, one at each lane, two, all eight; each
    // invalid firm breaks another input's bound or another check between inputs.
    constexpr std::size_t lanes = 8;
    const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
    for (const auto& id : scorecard::builtin_ids()) {
        const scorecard& card = scorecard::builtin(id);
        const auto& c = detail::scorer::compiled(card);
        const std::size_t inputs = card.inputs().size(), bits = inputs + c.validity_reg.size();
        std::vector<double> base(inputs);
        for (std::size_t k = 0; k < inputs; ++k) {
            const auto& spec = card.inputs()[k];
            const auto good = good_firm().find(spec.id);
            base[k] = good != good_firm().end() ? good->second : std::isfinite(spec.min) ? spec.min : 0;
        }
        // Value by value, input by input (so that a firm broken twice has two inputs broken). A
        // missing optional input breaks a check of the years operated; a big one, a sum's check.
        std::vector<std::pair<std::size_t, double>> breakers;  // (input, value)
        for (int v = 0; v < 6; ++v)
            for (std::size_t k = 0; k < inputs; ++k) {
                const double min = card.inputs()[k].min;
                breakers.emplace_back(k, std::vector<double>{nan, inf, -inf, min - 1, base[k] + 0.5, 1e9}.at(v));
            }
        // Vectors in groups: none invalid, one at each lane, all eight, two at each lane (one of them
        // with two inputs broken); groups until every breaker has been used.
        std::vector<std::vector<int>> vectors;  // per lane: how many breakers (0: valid; 3: +inf)
        for (std::size_t used = 0; used < breakers.size();) {
            vectors.emplace_back(lanes, 0);
            for (std::size_t p = 0; p < lanes; ++p, ++used) vectors.emplace_back(lanes, 0).at(p) = 1;
            vectors.emplace_back(lanes, 3);  // 3: +inf in another input at each lane
            for (std::size_t p = 0; p < lanes; ++p, used += 3) {
                auto& v = vectors.emplace_back(lanes, 0);
                v.at(p) = 2, v.at((p + 3) % lanes) = 1;
            }
        }
        // Then every breaker alone once more: in a firm broken twice one check can hide another (a
        // years_operating broken beside a blank year-end leaves that year's check unasked).
        for (std::size_t k = 0; k < breakers.size(); k += lanes) vectors.emplace_back(lanes, 1);
        const std::size_t rows = vectors.size() * lanes + 3;  // the last 3 on the machine
        std::vector<std::vector<double>> data(inputs, std::vector<double>(rows));
        std::size_t next = 0;
        for (std::size_t i = 0; i < rows; ++i) {
            for (std::size_t k = 0; k < inputs; ++k) data[k][i] = base[k];
            if (i / lanes < vectors.size() && vectors[i / lanes][i % lanes] == 3) {
                data[(i + i / lanes) % inputs][i] = inf;
                continue;
            }
            for (int b = 0; i / lanes < vectors.size() && b < vectors[i / lanes][i % lanes]; ++b, ++next) {
                const auto [k, v] = breakers[next % breakers.size()];
                data[k][i] = v;
            }
        }
        scorecard_columns in{rows, {}};
        for (const auto& column : data) in.columns.push_back(column.data());
        scorecard_result vm;
        detail::scorer::evaluate(card, in, vm, points_policy::mid, 1, nullptr);
        // What the firms are, by the machine: the cases above are all there.
        std::set<std::size_t> single_lanes, counts;
        std::uint64_t seen = 0;
        for (std::size_t v = 0; v < vectors.size(); ++v) {
            std::size_t invalid = 0, lane = 0;
            for (std::size_t p = 0; p < lanes; ++p) {
                const std::size_t i = v * lanes + p;
                BOOST_TEST((vm.valid(i) != 0) == (vm.problems[i] == 0u));
                if (vectors[v][p] == 0) BOOST_TEST_REQUIRE(vm.valid(i), id << ": the base firm is invalid");
                if (!vm.valid(i)) ++invalid, lane = p;
                seen |= vm.problems[i];
            }
            counts.insert(invalid);
            if (invalid == 1) single_lanes.insert(lane);
        }
        BOOST_TEST(counts.count(0u) == 1u, id);
        BOOST_TEST(counts.count(2u) == 1u, id);
        BOOST_TEST(counts.count(lanes) == 1u, id);
        BOOST_TEST(single_lanes.size() == lanes, id);
        const std::uint64_t every = bits == 64 ? ~std::uint64_t{0} : (std::uint64_t{1} << bits) - 1;
        BOOST_TEST(seen == every, id << ": bits never set " << (every & ~seen));
        for (const std::string& isa : detail::fused_isas()) {
            for (unsigned threads : {1u, 2u}) {
                scorecard_result fused;
                detail::scorer::evaluate(card, in, fused, points_policy::mid, threads,
                                         detail::find_fused_kernels(detail::kernel_fingerprint(card, c), isa));
                check_identical(vm, fused, id + " " + isa + " invalid lanes, threads " + std::to_string(threads));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(a_changed_rule_runs_on_the_vector_machine) {
    // The same text as the built-in pack gets the kernel; one threshold changed does not.
    const std::string path = std::string(ZHIBIAO_SOURCE_DIR) + "/data/scorecards/tech-sme-2017.toml";
    const scorecard same_rules = scorecard::load(path);
    BOOST_TEST(same_rules.engine() == scorecard::builtin("tech-sme-2017").engine());
    std::ifstream file(path);
    std::string text((std::istreambuf_iterator<char>(file)), {});
    const std::string from = "{ min = 30, points = 20, label = \"A\" }";
    BOOST_TEST_REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "{ min = 35, points = 20, label = \"A\" }");
    const scorecard changed = scorecard::from_toml(text, "changed.toml");
    BOOST_TEST(changed.engine() == "vector machine");
    // …and scores by its own rule: 32% S&T staff is now band B (16), not A (20).
    std::vector<double> employees{100}, st{32}, sales{1000}, assets{1000}, rd{100}, cost{500}, ip1{1}, ip2{0};
    scorecard_columns in{1, {}};
    for (const auto& input : changed.inputs()) {
        const std::vector<double>* c = input.id == "employees"    ? &employees
                                       : input.id == "st_staff"   ? &st
                                       : input.id == "sales"      ? &sales
                                       : input.id == "assets"     ? &assets
                                       : input.id == "rd_expense" ? &rd
                                       : input.id == "total_cost" ? &cost
                                       : input.id == "ip_class1"  ? &ip1
                                       : input.id == "ip_class2"  ? &ip2
                                                                  : nullptr;
        in.columns.push_back(c ? c->data() : nullptr);
    }
    BOOST_TEST(changed.evaluate(in).points(0, 0) == 16);
    BOOST_TEST(same_rules.evaluate(in).points(0, 0) == 20);
}

BOOST_AUTO_TEST_CASE(a_reused_result_of_another_size_gets_the_same_bits) {
    // A batch server's result reused for batches of other sizes (as the benchmark's HNTE
    // workload reuses one): the storage is kept or grown, the columns move to other offsets,
    // and no stale value of the previous batch shows through.
    const scorecard& card = scorecard::builtin("hnte-2016");
    const detail::fused_kernels* kernels =
        detail::find_fused_kernels(detail::kernel_fingerprint(card, detail::scorer::compiled(card)));
    BOOST_TEST_REQUIRE(kernels != nullptr);
    scorecard_result reused;
    unsigned seed = 20;
    for (const std::size_t rows : {std::size_t{9001}, std::size_t{20011}, std::size_t{5003}, std::size_t{8203}}) {
        const auto data = corner_firms(card, rows, ++seed);
        scorecard_columns in{rows, {}};
        for (const auto& c : data) in.columns.push_back(c.data());
        scorecard_result vm;
        detail::scorer::evaluate(card, in, vm, points_policy::high, 1, nullptr);
        detail::scorer::evaluate(card, in, reused, points_policy::high, 2, kernels);
        check_identical(vm, reused, "reused for " + std::to_string(rows) + " rows");
    }
}

BOOST_AUTO_TEST_SUITE_END()
