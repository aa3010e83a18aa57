// Must not compile: the view would point into the id of indicator values freed at the end of the
// statement (indicator_values::id(), column_problem() and missing_variable() on a temporary
// returned std::strings that became views of them).
#include <zhibiao/compute.hpp>
#include <zhibiao/csv.hpp>
int main() {
    const auto p = zhibiao::parse_csv("entity,period,x\n3201,2024,1\n");
    std::string_view v = zhibiao::evaluate(p, zhibiao::formula::parse("x")).id();
    return static_cast<int>(v.size());
}
