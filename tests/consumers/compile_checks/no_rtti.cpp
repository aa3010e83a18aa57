// Compiled with -fno-rtti (as some embedded and game code bases are): every header compiles, and
// nothing in them needs typeid or dynamic_cast (the library's errors are still caught by type: an
// exception's type information is emitted with or without RTTI). Round 28, docs/cpp.md.
#include <zhibiao/zhibiao.hpp>
#include <sstream>
int main() {
    try {
        const auto p = zhibiao::parse_csv("entity,period,gdp[亿元]\n1,2023,1\n");
        std::ostringstream out;
        zhibiao::write_csv(p, out);
        return out.str().empty() ? 1 : 0;
    } catch (const zhibiao::parse_error& e) {
        return static_cast<int>(e.where().line);
    }
}
