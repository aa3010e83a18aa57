// The report extractor and the Chinese numeral reader on arbitrary bytes: facts or nothing,
// never a crash, a hang or a number from a placeholder; every span lies inside the text.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "zhibiao/extract.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    double v = 0;
    (void)zhibiao::parse_chinese_number(text, v);
    const zhibiao::extraction x = zhibiao::extract(text);
    for (const auto& f : x.facts) {
        if (f.amount.begin > f.amount.end || f.amount.end > text.size()) std::abort();
        if (f.amount.masked && !std::isnan(f.amount.value) && !std::isnan(f.amount.high)) std::abort();  // a range may keep one known end
        if (std::isinf(f.amount.value)) std::abort();
    }
    if (x.invalid_bytes > size) std::abort();
    return 0;
}
