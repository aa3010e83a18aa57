#pragma once
// The block kernels of the fused compute() path (fused.cpp), compiled once per instruction set
// (fused_kernels_baseline.cpp, _avx2.cpp, _avx512.cpp) and chosen at run time by what the CPU
// has, as the scorecard's fused kernels are (scorecard/fused/). The kernel translation units are
// compiled with instruction-set flags, so they include nothing but this, reason.hpp (an enum),
// scaled_quotient.hpp (static functions) and the C library: an inline function they compiled could otherwise be kept by
// the linker for the whole program and run on a CPU without those instructions. Private to src/.
#include <cstddef>
#include <cstdint>

namespace zhibiao::detail {

/// A unit conversion as the evaluator applies it (units.hpp: × or ÷ 10^k, then × factor), its
/// power of ten already looked up.
struct fused_conversion {
    double power = 1;
    double factor = 1;
    bool divide = false;
    bool scaled = false;
};

/// A block buffer: a value and a reason code (zhibiao::reason) per row.
struct fused_lanes {
    double* x;
    std::uint8_t* r;
};

/// A panel column read as the evaluator's leaf.
struct fused_leaf {
    const double* x = nullptr;
    const std::uint8_t* stored = nullptr;  // the column's own reasons (only on NaN cells), or null
    bool count = false;                    // whole numbers of its base unit only
    double min = 0;
    fused_conversion to_base;
};

/// One instruction set's kernels; each gives, row by row, the value and reason the column
/// evaluator's operation gives (fused_kernels_impl.hpp names the operation).
struct fused_block_kernels {
    const char* isa;
    void (*leaf)(const fused_leaf& s, std::size_t begin, std::size_t n, fused_lanes out);
    // to_unit: identity, or (an indicator's quotient) a power of ten folded into the division.
    void (*divide)(std::size_t n, fused_lanes a, fused_lanes b, fused_lanes out, fused_conversion to_unit);
    void (*add)(std::size_t n, fused_lanes a, fused_lanes b, fused_lanes out, fused_conversion to_a, bool subtract);
    void (*to_indicator)(std::size_t n, fused_lanes a, fused_lanes out, fused_conversion to_unit, double lo, double hi);
};

}  // namespace zhibiao::detail
