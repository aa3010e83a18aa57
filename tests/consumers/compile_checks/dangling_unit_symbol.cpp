// Must not compile: the view would point into the symbol of a unit freed at the end of the
// statement (unit::symbol() on a temporary returned a std::string that became a view of it).
#include <zhibiao/units.hpp>
int main() {
    std::string_view v = zhibiao::unit::parse("万元").symbol();
    return static_cast<int>(v.size());
}
