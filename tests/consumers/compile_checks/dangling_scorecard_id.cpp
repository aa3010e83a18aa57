// Must not compile: the view would point into the id of a scorecard freed at the end of the
// statement (id(), name_zh(), name_en() and source() on a temporary returned std::strings that
// became views of it).
#include <zhibiao/scorecard.hpp>
int main() {
    std::string_view v = zhibiao::scorecard(zhibiao::scorecard::builtin("hnte-2016")).id();
    return static_cast<int>(v.size());
}
