// The fingerprint that ties a generated kernel to the program it was generated from.
#include <cstdio>
#include <sstream>

#include "scorecard/compiled.hpp"

namespace zhibiao::detail {

namespace {
std::string hex(double x) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%a", x);
    return buffer;
}
template <class T>
void list(std::ostream& o, const char* name, const std::vector<T>& v) {
    o << name << '[';
    for (const auto& x : v) {
        if constexpr (std::is_floating_point_v<T>)
            o << hex(x) << ',';
        else
            o << +x << ',';
    }
    o << ']';
}
}  // namespace

std::string kernel_fingerprint(const scorecard& s, const compiled_scorecard& c) {
    // Bump the version when the kernel writer or the scorer changes what it computes.
    std::ostringstream o;
    o << "v5 grid" << hex(c.inverse_grid) << " regs" << c.prog.registers() << " main" << c.main_ops << " ranges"
      << s.has_ranges() << " narrow" << c.narrow << " range columns";
    for (int column : c.range_column) o << ' ' << column;
    o << " ops";
    for (const op& x : c.prog.ops())
        o << '(' << int(x.code) << ' ' << x.dst << ' ' << x.a << ' ' << x.b << ' ' << x.c << ' ' << hex(x.k) << ' '
          << x.e << ')';
    o << " inputs";
    for (std::size_t k = 0; k < s.inputs().size(); ++k) {
        const auto& in = s.inputs()[k];
        o << '(' << c.input_reg[k] << ' ' << hex(in.min) << ' ' << hex(c.input_ceiling[k]) << ' ' << in.integer
          << in.optional << ')';
    }
    list(o, " validity", c.validity_reg);
    list(o, " gates", c.gate_reg);
    list(o, " routes", c.route_reg);
    o << " items";
    for (std::size_t k = 0; k < s.items().size(); ++k) {
        o << '(' << c.item_reg[k] << ' ' << c.expert_reg[k] << ' ' << hex(s.items()[k].max) << ' ' << c.item_cap[k];
        for (const auto& a : c.items[k]) {
            o << " alt" << a.reg << ' ' << hex(a.bottom_lo) << ' ' << hex(a.bottom_hi);
            list(o, " at", a.at_least);
            list(o, " lo", a.step_lo);
            list(o, " hi", a.step_hi);
            list(o, " blank", a.blank_inputs);
        }
        o << ')';
    }
    o << " caps";
    for (std::size_t g = 0; g < c.cap_reg.size(); ++g) {
        o << '(' << c.cap_reg[g] << ' ' << hex(s.caps()[g].max);
        list(o, " ", c.cap_members[g]);
        o << ')';
    }
    o << " total" << c.total_reg << " eligible" << c.eligible_reg << " pass" << c.pass_reg;
    return o.str();
}

}  // namespace zhibiao::detail
