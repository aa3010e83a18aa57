// Must not compile: the view would point into the panel freed at the end of the statement (it
// printed "5" for the code 320100000000000001 before round 28).
#include <zhibiao/csv.hpp>
#include <zhibiao/panel.hpp>
int main() {
    std::string_view v = zhibiao::parse_csv("entity,period,x\n320100000000000001,2024,1\n").entity_code(0);
    return static_cast<int>(v.size());
}
