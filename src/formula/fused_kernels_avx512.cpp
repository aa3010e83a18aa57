// The fused compute() block kernels for CPUs with AVX512 (compiled with its flags; run only where the CPU has it).
#define ZHIBIAO_FUSED_BLOCK_TABLE fused_block_kernels_avx512
#define ZHIBIAO_FUSED_BLOCK_ISA "avx512"
#include "formula/fused_kernels_impl.hpp"
