// The generated scorecard kernels, for the compiler's baseline instruction set.
#include "scorecard/fused/kernel_abi.hpp"

#define ZHIBIAO_FUSED_WIDTH 2
#define ZHIBIAO_FUSED_ISA_NAME "baseline"
#define ZHIBIAO_FUSED_TABLE fused_table_baseline
#include "scorecard/fused/simd.hpp"
#include "scorecard_kernels.inc"
