// The generated scorecard kernels, for CPUs with AVX2 (compiled with its flags; run only where the CPU has it).
#include "scorecard/fused/kernel_abi.hpp"

#define ZHIBIAO_FUSED_WIDTH 4
#define ZHIBIAO_FUSED_ISA_NAME "avx2"
#define ZHIBIAO_FUSED_TABLE fused_table_avx2
#include "scorecard/fused/simd.hpp"
#include "scorecard_kernels.inc"
