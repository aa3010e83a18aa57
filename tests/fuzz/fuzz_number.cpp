// The number reader: accepted text gives a finite value; it never reads past the text.
#include <cmath>
#include <cstdint>
#include <string>

#include "zhibiao/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);  // exact-size copy: ASan sees overreads
    double value = 0;
    int percent = 0;
    if (zhibiao::detail::parse_number(text, value, percent) && !std::isfinite(value)) __builtin_trap();
    if (zhibiao::detail::parse_number(text, value, percent, ',') && !std::isfinite(value)) __builtin_trap();
    return 0;
}
