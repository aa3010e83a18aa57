#pragma once
// A scorecard compiled for scoring: the vector-machine program of its formulas and the tables
// of its items, plus — for rule packs the build has seen — fused kernels generated from exactly
// this program (src/codegen/). Private to src/.

#include <cstdint>
#include <string>
#include <vector>

#include "scorecard/fused/kernel_abi.hpp"
#include "scorecard/machine.hpp"
#include "zhibiao/scorecard.hpp"

namespace zhibiao::detail {

struct compiled_scorecard {
    program prog;
    std::size_t main_ops = 0;      // ops [0, main_ops): measures, validity, gates, routes
    std::vector<int> input_reg;    // per input
    std::vector<int> measure_reg;  // per measure
    std::vector<zhibiao::unit> measure_unit;
    std::vector<int> validity_reg, gate_reg, route_reg;
    std::vector<int> item_reg;  // policy points, written by the scorer
    std::vector<int> item_lo_reg, item_hi_reg;
    std::vector<int> cap_reg;
    int total_reg = -1, eligible_reg = -1, pass_reg = -1;
    int scratch_reg[5] = {-1, -1, -1, -1, -1};
    // Items: per alternative, the measure register and its bounds on the comparison grid.
    struct alt {
        int reg;
        std::vector<double> grid_bounds;  // from the top; the last is -inf (the bottom band)
        std::vector<std::uint8_t> inclusive;
        std::vector<double> lo, hi;
        // For the branch-free lookup: points = bottom + Σ_b [q ≥ at_least_b] · step_b.
        std::vector<double> at_least, step_lo, step_hi;
        double bottom_lo = 0, bottom_hi = 0;
        /// The optional inputs the measure reads (through other measures too): where the measure is
        /// missing and one of these is blank, the firm left the alternative blank and it does not
        /// score (docs/scorecards.md, "An item left blank").
        std::vector<int> blank_inputs;
    };
    std::vector<std::vector<alt>> items;
    std::vector<int> expert_reg;  // -1 unless expert item
    /// Per input, the bound above which it is invalid: its max, or +inf for an expert score,
    /// which its item clips to the maximum instead (indicators.md §6a); explanations note it.
    std::vector<double> input_ceiling;
    std::vector<std::vector<int>> cap_members;
    std::vector<int> item_cap;  // cap index per item, or -1
    /// Per item, its column in a result's points_lo/points_hi, or -1 when its bands give no range.
    std::vector<int> range_column;
    std::size_t ranged_items = 0;
    /// Points and totals stored as float (exact for every value the pack can give).
    bool narrow = true;
    double inverse_grid = 1e9;
    /// Kernels generated for this very program on the best instruction set of this CPU, or null.
    const fused_kernels* fused = nullptr;

    explicit compiled_scorecard(double grid) : prog(grid), inverse_grid(1.0 / grid) {}
};

/// What the scorer reaches inside a scorecard (it is the scorecard's friend).
struct scorer {
    /// A default-constructed or moved-from scorecard has no program: an error, not a null dereference.
    static const compiled_scorecard& compiled(const scorecard& s) {
        if (!s.compiled_)
            throw error(
                "scorecard: empty (default-constructed or moved from); take one from scorecard::builtin, "
                "scorecard::load or scorecard::from_toml");
        return *s.compiled_;
    }
    /// Scores rows [begin, begin + n), n ≤ chunk, with the vector machine.
    static void run_chunk(const scorecard& s, const compiled_scorecard& c, const scorecard_columns& in,
                          std::size_t begin, std::size_t n, double* regs, points_policy policy, scorecard_result& out);
    /// Scores every firm with `kernels`, or with the vector machine when null.
    static void evaluate(const scorecard& s, const scorecard_columns& in, scorecard_result& out, points_policy policy,
                         unsigned threads, const fused_kernels* kernels);
};

/// Everything a fused kernel's arithmetic depends on, as text (doubles in hexadecimal): two
/// packs with equal fingerprints score every firm identically.
std::string kernel_fingerprint(const scorecard& s, const compiled_scorecard& c);

/// The generated kernels whose fingerprint is `fingerprint`, for the best instruction set this
/// CPU runs, or for `isa` ("sse2", "avx2", "avx512") when given; null when there are none.
const fused_kernels* find_fused_kernels(const std::string& fingerprint, const std::string& isa = "");

/// Instruction sets with kernels in this build that this CPU runs, best first.
std::vector<std::string> fused_isas();

}  // namespace zhibiao::detail
