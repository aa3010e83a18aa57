// Which generated kernels this build has and which of them this CPU runs.
#include "scorecard/compiled.hpp"

namespace zhibiao::detail {

extern const fused_table_entry fused_table_baseline[];
#if defined(ZHIBIAO_FUSED_AVX2)
extern const fused_table_entry fused_table_avx2[];
#endif
#if defined(ZHIBIAO_FUSED_AVX512)
extern const fused_table_entry fused_table_avx512[];
#endif

namespace {
struct isa_table {
    const char* name;
    const fused_table_entry* table;
    bool runs;
};

// Best first. The kernels were compiled with these extensions enabled; a CPU without them
// must never reach them.
const std::vector<isa_table>& tables() {
    static const std::vector<isa_table> all = [] {
        std::vector<isa_table> t;
#if defined(ZHIBIAO_FUSED_AVX512)
        __builtin_cpu_init();
        t.push_back({"avx512", fused_table_avx512,
                     __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
                         __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512bw")});
#endif
#if defined(ZHIBIAO_FUSED_AVX2)
        __builtin_cpu_init();
        t.push_back({"avx2", fused_table_avx2, __builtin_cpu_supports("avx2") != 0});
#endif
        t.push_back({"baseline", fused_table_baseline, true});
        return t;
    }();
    return all;
}
}  // namespace

const fused_kernels* find_fused_kernels(const std::string& fingerprint, const std::string& isa) {
    for (const isa_table& t : tables()) {
        if (!t.runs || (!isa.empty() && isa != t.name)) continue;
        for (const fused_table_entry* e = t.table; e->fingerprint; ++e)
            if (fingerprint == e->fingerprint) return &e->kernels;
        return nullptr;  // the best instruction set has no kernel for it: neither has any other
    }
    return nullptr;
}

std::vector<std::string> fused_isas() {
    std::vector<std::string> out;
    for (const isa_table& t : tables())
        if (t.runs) out.push_back(t.name);
    return out;
}

}  // namespace zhibiao::detail
