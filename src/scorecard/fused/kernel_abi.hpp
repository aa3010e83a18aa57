#pragma once
// What the scorer and the generated kernels share. The kernel translation units are compiled
// with instruction-set flags (-mavx2, -mavx512f …), so they include nothing but this and the
// C library: an inline function they compiled could otherwise be kept by the linker for the
// whole program and run on a CPU without those instructions.

#include <cstddef>
#include <cstdint>

namespace zhibiao::detail {

/// Result columns of a block of firms, as the fused kernels write them: pointers already offset
/// to the block's first firm; one pointer per item or gate. Inputs are never null (an absent
/// column is a block of NaN).
struct fused_io {
    const double* const* inputs;
    std::uint64_t* problems;
    std::uint8_t* status;  // firm_status
    std::int8_t* route;
    float *total, *total_lo, *total_hi;  // total_lo, total_hi: null without point ranges
    float* const* points;                // per item
    float* const* points_lo;             // per item with point ranges (scorecard::ranged_items())
    float* const* points_hi;
    std::int8_t* const* alternative;
    std::uint8_t* const* gates;
    double* values;  // the result of a formula-vocabulary kernel (tests reach each operation through it)
};

/// Scores `rows` firms, a multiple of `width`, exactly as the vector machine followed by
/// detail::clear_unscored does (points as float: kernels exist only for packs whose points are
/// exact in floats).
using fused_kernel = void (*)(const fused_io&, std::size_t rows);

/// The kernels of one rule pack for one instruction set, one per points policy (low, high, mid).
struct fused_kernels {
    const char* isa;
    std::size_t width;
    fused_kernel by_policy[3];
};

/// A row of a generated kernel table; the table ends with a null fingerprint.
struct fused_table_entry {
    const char* fingerprint;
    fused_kernels kernels;
};

}  // namespace zhibiao::detail
