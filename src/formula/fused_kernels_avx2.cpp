// The fused compute() block kernels for CPUs with AVX2 (compiled with its flags; run only where the CPU has it).
#define ZHIBIAO_FUSED_BLOCK_TABLE fused_block_kernels_avx2
#define ZHIBIAO_FUSED_BLOCK_ISA "avx2"
#include "formula/fused_kernels_impl.hpp"
