// Must not compile: the view would point into the text of a formula freed at the end of the
// statement (formula::text() on a temporary returned a std::string that became a view of it).
#include <zhibiao/formula.hpp>
int main() {
    std::string_view v = zhibiao::formula::parse("rd_expenditure / revenue").text();
    return static_cast<int>(v.size());
}
