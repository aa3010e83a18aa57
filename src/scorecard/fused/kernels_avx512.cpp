// The generated scorecard kernels, for CPUs with AVX512 (compiled with its flags; run only where the CPU has it).
#include "scorecard/fused/kernel_abi.hpp"

#define ZHIBIAO_FUSED_WIDTH 8
#define ZHIBIAO_FUSED_ISA_NAME "avx512"
#define ZHIBIAO_FUSED_TABLE fused_table_avx512
#include "scorecard/fused/simd.hpp"
#include "scorecard_kernels.inc"
