#pragma once
// The fused path of compute(): the indicators of one call planned together as one program over
// blocks of rows. Each input column is read once per block for every indicator that uses it,
// every operation works on block-sized buffers (no temporary column), and each indicator's
// values and reasons are written once into its result. The row semantics are those of the
// column evaluator (evaluate.cpp), operation for operation, so both give the same bits.
// Private to src/.
#include <string>
#include <vector>

#include "zhibiao/compute.hpp"

namespace zhibiao::detail {

/// Computes into `columns[k]` (one per wanted indicator) every indicator of `wanted` the fused
/// path can plan; returns which ones. Their storage is one block of memory for the call. The others — time operators
/// (they read other rows of the entity), published(), formulas that fail to plan (a missing variable, units that do not
/// convert, a cycle, the nesting limits) — are left to the column evaluator, which computes them or raises the error it
/// always raises. `isa` names the instruction set of the block kernels ("baseline", "avx2", "avx512"; empty: the best
/// this CPU runs), so that tests reach each.
std::vector<bool> compute_fused(const panel& p, const std::vector<const indicator*>& wanted,
                                const compute_options& options, const catalogue& cat,
                                std::vector<indicator_values>& columns, const std::string& isa = {});

/// The instruction sets this build has block kernels for and this CPU runs, best first.
std::vector<std::string> fused_block_isas();

}  // namespace zhibiao::detail
