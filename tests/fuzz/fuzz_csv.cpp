// CSV loader: any bytes either load (with a report whose counts add up) or raise a zhibiao::error.
#include <cstdint>
#include <string_view>

#include "zhibiao/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    for (int pass = 0; pass < 3; ++pass) {
        const bool lenient = pass > 0;
        zhibiao::csv_options o;
        o.lenient = lenient;
        o.threads = 2;
        if (pass == 2) {  // Excel's decimal-comma CSV: ';' fields, ',' marks, '.' groups
            o.separator = ';';
            o.decimal = ',';
        }
        try {
            zhibiao::panel p = zhibiao::parse_csv(bytes, o, "fuzz.csv");
            const auto& r = p.report();
            // No silent loss: every line is loaded, blank or skipped.
            if (r.data_lines != r.rows_loaded + r.blank_lines + r.rows_skipped && r.layout == "wide") __builtin_trap();
            for (const auto& c : p.columns())
                for (std::size_t i = 0; i < c.size(); ++i)
                    if (c.data()[i] - c.data()[i] != 0 && c.data()[i] == c.data()[i]) __builtin_trap();  // no inf
        } catch (const zhibiao::error&) {}
    }
    return 0;
}
