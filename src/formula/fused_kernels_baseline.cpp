// The fused compute() block kernels for the compiler's baseline instruction set.
#define ZHIBIAO_FUSED_BLOCK_TABLE fused_block_kernels_baseline
#define ZHIBIAO_FUSED_BLOCK_ISA "baseline"
// x86-64 without SSE4.1: GCC vectorises none of these loops there (fused_kernels_impl.hpp, pick).
#if defined(__x86_64__) && !defined(__SSE4_1__)
#define ZHIBIAO_FUSED_BLOCK_SCALAR
#endif
#include "formula/fused_kernels_impl.hpp"
