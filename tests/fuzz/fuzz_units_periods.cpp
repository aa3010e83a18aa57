// Unit and period parsers: a value or a typed error; parsed values round-trip through text.
#include <cstdint>
#include <string>

#include "zhibiao/period.hpp"
#include "zhibiao/units.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        zhibiao::unit u = zhibiao::unit::parse(text);
        zhibiao::unit again = zhibiao::unit::parse(u.symbol());
        if (!again.same_scale_as(u)) __builtin_trap();
        (void)u.to(u).apply(1.0);
    } catch (const zhibiao::error&) {}
    try {
        zhibiao::period p = zhibiao::period::parse(text);
        if (zhibiao::period::parse(p.to_string()) != p) __builtin_trap();
        double f = p.fraction_elapsed(zhibiao::elapsed_basis::day);
        if (!(f > 0 && f <= 1)) __builtin_trap();
    } catch (const zhibiao::error&) {}
    return 0;
}
