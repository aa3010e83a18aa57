// Must not compile: the view would point into the column moved out of a panel freed at the end of
// the statement (column::name() on a temporary returned a std::string that became a view of it).
#include <zhibiao/csv.hpp>
#include <zhibiao/panel.hpp>
int main() {
    std::string_view v = zhibiao::parse_csv("entity,period,x\n3201,2024,1\n").at("x").name();
    return static_cast<int>(v.size());
}
