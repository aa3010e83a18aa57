// Must not compile: the view would point into the string freed at the end of the statement.
#include <zhibiao/extract.hpp>
int main() {
    const std::string_view v(zhibiao::extract_table("获批11项。").facts.text_of(1));
    return static_cast<int>(v.size());
}
