// The fused compute() block kernels for the compiler's baseline instruction set.
#define ZHIBIAO_FUSED_BLOCK_TABLE fused_block_kernels_baseline
#define ZHIBIAO_FUSED_BLOCK_ISA "baseline"
#include "formula/fused_kernels_impl.hpp"
