// Must not compile: the view would point into the table freed at the end of the statement.
#include <zhibiao/extract.hpp>
int main() {
    std::string_view v = zhibiao::extract_table("获批11项。").facts.figure(0);
    return static_cast<int>(v.size());
}
