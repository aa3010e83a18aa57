// One formula vocabulary (src/formula/functions.hpp): every function and operator the registry
// lists for scorecards gives the same values through the panel evaluator and the scorecard
// vector machine, on every combination of corner values (missing ones included), and where the
// evaluator gives a reason the machine gives NaN; a value the operation itself cannot give has
// the registry's reason. Panel-only functions are refused by the scorecard compiler.
#include <boost/test/unit_test.hpp>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "formula/functions.hpp"
#include "scorecard/compiled.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/csv.hpp"

using namespace zhibiao;

BOOST_AUTO_TEST_SUITE(function_registry)

namespace {

const double nan = std::numeric_limits<double>::quiet_NaN();

// Distinct on the scorecards' 1e-9 comparison grid, finite in every product and sum: the
// documented differences (grid, overflow) are not what this compares.
const std::vector<double> corners = {nan, 0, -0.0, 1, -1, 0.5, 2.5, -3, 7, 0.123456, 1e15};

struct rows {
    std::vector<std::vector<double>> args;  // args[k][i]
    std::size_t size() const { return args.empty() ? 0 : args[0].size(); }
};

// Every combination of corners over `arity` arguments.
rows combinations(int arity) {
    rows out;
    out.args.assign(3, {});
    std::size_t total = 1;
    for (int k = 0; k < arity; ++k) total *= corners.size();
    for (std::size_t i = 0; i < total; ++i) {
        std::size_t rest = i;
        for (int k = 0; k < 3; ++k) {
            out.args[static_cast<std::size_t>(k)].push_back(k < arity ? corners[rest % corners.size()] : 1.0);
            if (k < arity) rest /= corners.size();
        }
    }
    return out;
}

std::string cell(double x) {
    if (x != x) return "";
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%.17g", x);
    return buffer;
}

panel as_panel(const rows& r) {
    std::string csv = "entity,period,a,b,c\n";
    for (std::size_t i = 0; i < r.size(); ++i)
        csv += "e" + std::to_string(i) + ",2023," + cell(r.args[0][i]) + "," + cell(r.args[1][i]) + "," +
               cell(r.args[2][i]) + "\n";
    return parse_csv(csv);
}

std::vector<double> on_machine(const std::string& text, const rows& r) {
    detail::program prog;
    const int regs[3] = {prog.new_register(), prog.new_register(), prog.new_register()};
    auto names = [&](const std::string& name) -> std::optional<detail::program::binding> {
        if (name.size() == 1 && name[0] >= 'a' && name[0] <= 'c')
            return detail::program::binding{regs[name[0] - 'a'], unit{}};
        return std::nullopt;
    };
    const int out = prog.compile(formula::parse(text), names);
    std::vector<double> file(static_cast<std::size_t>(prog.registers()) * detail::chunk), result;
    for (std::size_t begin = 0; begin < r.size(); begin += detail::chunk) {
        const std::size_t n = std::min(detail::chunk, r.size() - begin);
        for (std::size_t k = 0; k < 3; ++k)
            std::copy_n(r.args[k].begin() + static_cast<std::ptrdiff_t>(begin), n,
                        file.begin() + static_cast<std::ptrdiff_t>(regs[k] * detail::chunk));
        prog.run(file.data(), n, 0, prog.size());
        result.insert(result.end(), file.begin() + static_cast<std::ptrdiff_t>(out * detail::chunk),
                      file.begin() + static_cast<std::ptrdiff_t>(out * detail::chunk + n));
    }
    return result;
}

// The generated kernel of the operation, for every instruction set this CPU runs: inputs are
// the arguments (rows padded to the vector width), `values` the result. Empty without kernels.
std::vector<std::vector<double>> on_kernels(const detail::function_spec& spec, const rows& r) {
    std::vector<std::vector<double>> out;
    for (const std::string& isa : detail::fused_isas()) {
        const detail::fused_kernels* k = detail::find_fused_kernels("vocabulary:" + std::string(spec.name), isa);
        BOOST_TEST_REQUIRE(k != nullptr, spec.name << " has no " << isa << " kernel");
        const std::size_t padded = (r.size() + 63) / 64 * 64;
        std::vector<std::vector<double>> in(3, std::vector<double>(padded, 1.0));
        for (std::size_t j = 0; j < 3; ++j) std::copy(r.args[j].begin(), r.args[j].end(), in[j].begin());
        const double* inputs[3] = {in[0].data(), in[1].data(), in[2].data()};
        std::vector<double> total(padded);
        detail::fused_io io{};
        io.inputs = inputs;
        io.values = total.data();
        k->by_policy[0](io, padded);
        total.resize(r.size());
        out.push_back(std::move(total));
    }
    return out;
}

// The arguments that are values (not a constant like round's digits); min and max with two.
int value_arity(const detail::function_spec& spec) {
    if (spec.literal != detail::literal_rule::none) return spec.max_args - 1;
    return spec.units == detail::unit_rule::common && spec.max_args > 2 ? 2 : spec.max_args;
}

// A formula exercising `spec` with its value arguments a, b, c.
std::string call_text(const detail::function_spec& spec, bool is_operator) {
    const std::string name(spec.name);
    if (is_operator) return spec.min_args == 1 ? (name == "neg" ? "-a" : "not a") : "a " + name + " b";
    std::string text = name + "(";
    for (int k = 0; k < value_arity(spec); ++k) text += std::string(k ? ", " : "") + static_cast<char>('a' + k);
    return text + (name == "round" ? ", 2)" : ")");
}

bool same_bits(double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; }

void check_both_engines(const detail::function_spec& spec, bool is_operator) {
    const std::string text = call_text(spec, is_operator);
    const int arity = value_arity(spec);
    const rows r = combinations(arity);
    const indicator_values panel_result = evaluate(as_panel(r), formula::parse(text));
    const std::vector<double> machine = on_machine(text, r);
    BOOST_TEST_REQUIRE(machine.size() == r.size());
    // The generated kernels are bit for bit the machine (variadic min/max: two arguments).
    for (const auto& kernel : on_kernels(spec, r))
        for (std::size_t i = 0; i < r.size(); ++i)
            BOOST_TEST(same_bits(kernel[i], machine[i]),
                       text << " row " << i << ": kernel " << kernel[i] << ", machine " << machine[i]);
    std::size_t failures = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const double v = panel_result.values()(static_cast<Eigen::Index>(i));
        const reason why = panel_result.reasons()[i];
        BOOST_TEST_CONTEXT(text << " with a=" << r.args[0][i] << " b=" << r.args[1][i] << " c=" << r.args[2][i]) {
            if (why == reason::none) {
                BOOST_TEST((same_bits(v, machine[i]) || (v == 0 && machine[i] == 0)), v << " vs " << machine[i]);
            } else {
                BOOST_TEST(std::isnan(machine[i]));
                BOOST_TEST(std::isnan(v));
                bool inputs_present = true;
                for (int k = 0; k < arity; ++k)
                    inputs_present = inputs_present && !std::isnan(r.args[static_cast<std::size_t>(k)][i]);
                // A reason the operation gave itself is the registry's (a negative denominator
                // is the second reason of division).
                if (inputs_present)
                    BOOST_TEST((why == spec.on_failure || (spec.name == "/" && why == reason::negative_denominator)),
                               reason_names[static_cast<std::size_t>(why)]);
                else
                    BOOST_TEST((why == reason::missing_input));
            }
            failures += why == reason::none ? 0u : 1u;
        }
    }
    BOOST_TEST_MESSAGE(text << ": " << r.size() << " rows, " << failures << " missing");
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_scorecard_function_means_the_same_in_both_engines) {
    std::size_t walked = 0;
    for (const auto& spec : detail::functions()) {
        if (spec.where != detail::engines::both) continue;
        check_both_engines(spec, false);
        ++walked;
    }
    BOOST_TEST(walked == 6u);  // if, min, max, abs, round, missing
}

BOOST_AUTO_TEST_CASE(every_operator_means_the_same_in_both_engines) {
    for (const auto& spec : detail::operators()) check_both_engines(spec, true);
}

BOOST_AUTO_TEST_CASE(division_by_zero_is_missing_with_its_reason_in_both) {
    rows r;
    r.args = {{1, 1, 1}, {0, -2, 4}, {1, 1, 1}};
    const indicator_values v = evaluate(as_panel(r), formula::parse("a / b"));
    BOOST_TEST(
        (v.reasons() == std::vector<reason>{reason::zero_denominator, reason::negative_denominator, reason::none}));
    const std::vector<double> m = on_machine("a / b", r);
    BOOST_TEST(std::isnan(m[0]));
    BOOST_TEST(std::isnan(m[1]));  // was -0.5 in scorecards before the registry
    BOOST_TEST(m[2] == 0.25);
}

BOOST_AUTO_TEST_CASE(missing_works_in_panel_formulas) {
    rows r;
    r.args = {{nan, 3}, {1, 1}, {1, 1}};
    const indicator_values v = evaluate(as_panel(r), formula::parse("if(missing(a), 0, a) + missing(a)"));
    BOOST_TEST(v.values()(0) == 1.0);
    BOOST_TEST(v.values()(1) == 3.0);
    BOOST_TEST((v.reasons() == std::vector<reason>{reason::none, reason::none}));
}

BOOST_AUTO_TEST_CASE(and_or_are_three_valued_in_both) {
    // a missing; b 0 or 1: `missing and 0` is 0, `missing or 1` is 1, the others missing.
    rows r;
    r.args = {{nan, nan}, {0, 1}, {1, 1}};
    const indicator_values both = evaluate(as_panel(r), formula::parse("a and b"));
    BOOST_TEST(both.values()(0) == 0.0);
    BOOST_TEST((both.reasons()[1] == reason::missing_input));
    const indicator_values either = evaluate(as_panel(r), formula::parse("a or b"));
    BOOST_TEST((either.reasons()[0] == reason::missing_input));
    BOOST_TEST(either.values()(1) == 1.0);
    const std::vector<double> m_and = on_machine("a and b", r), m_or = on_machine("a or b", r);
    BOOST_TEST(m_and[0] == 0.0);
    BOOST_TEST(std::isnan(m_and[1]));
    BOOST_TEST(std::isnan(m_or[0]));
    BOOST_TEST(m_or[1] == 1.0);
}

BOOST_AUTO_TEST_CASE(round_takes_the_same_digits_in_both) {
    rows r;
    r.args = {{1234.5, -0.05, 1e300}, {1, 1, 1}, {1, 1, 1}};
    const indicator_values v = evaluate(as_panel(r), formula::parse("round(a, -2)"));
    BOOST_TEST(v.values()(0) == 1200.0);
    BOOST_TEST(v.values()(2) == 1e300);  // beyond 2^52: whole already, not inf
    const std::vector<double> m = on_machine("round(a, -2)", r);
    BOOST_TEST(m[0] == 1200.0);
    BOOST_TEST(m[2] == 1e300);
    BOOST_CHECK_THROW(evaluate(as_panel(r), formula::parse("round(a, 16)")), parse_error);
    BOOST_CHECK_THROW(on_machine("round(a, b)", r), parse_error);
}

BOOST_AUTO_TEST_CASE(panel_only_functions_are_refused_in_scorecards_by_name) {
    rows r;
    r.args = {{1}, {1}, {1}};
    for (const auto& spec : detail::functions()) {
        if (spec.where == detail::engines::both) continue;
        const std::string text = std::string(spec.name) + "(a)";
        try {
            on_machine(text, r);
            BOOST_ERROR(text << " compiled in a scorecard");
        } catch (const parse_error& e) {
            BOOST_TEST(std::string(e.what()).find("not available in a scorecard") != std::string::npos, e.what());
        }
    }
    BOOST_CHECK_THROW(on_machine("mising(a)", r), parse_error);
}

BOOST_AUTO_TEST_SUITE_END()
