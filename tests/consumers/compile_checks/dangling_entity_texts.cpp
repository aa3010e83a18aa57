// Must not compile: the view would point into the entity table freed at the end of the statement
// (entity_texts::at returned a view into a temporary table's block before round 29).
#include <zhibiao/panel.hpp>
zhibiao::entity_table table_of_one() {
    zhibiao::entity_table t;
    t.codes.text.reset(new char[4]{'3', '2', '0', '1'});
    t.codes.ends = {4};
    return t;
}
int main() {
    std::string_view v = table_of_one().codes.at(0);
    return static_cast<int>(v.size());
}
