// Loops a user writes over what a temporary gives, run under AddressSanitizer (tests/cpp/CMakeLists.txt
// builds this program with -fsanitize=address against the ordinary library). Before round 30 each of
// them read freed memory: the uncertainty model's accessors returned references into a model that
// the temporary shared_ptr from make() freed at the end of the range-for's first statement, and a
// temporary layer's storage() a reference into the layer (ASan: heap-use-after-free).
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "uncertainty_fixture.hpp"
#include "zhibiao/composite/uncertainty.hpp"

namespace cp = zhibiao::composite;

namespace {

std::shared_ptr<const cp::uncertainty_model> make_model() {
    using namespace cp::testing;
    cp::uncertainty_spec spec;
    spec.noise.push_back({2, 0.25});
    spec.winmax_low = 3, spec.winmax_high = 5;
    return cp::uncertainty_model::make(small_table(), small_framework(), nominal_steps(), spec);
}

int failures = 0;
void expect(bool ok, const char* what) {
    if (!ok) std::fprintf(stderr, "FAILED: %s\n", what), ++failures;
}

}  // namespace

int main() {
    const auto named = make_model();
    std::vector<std::string> names;
    for (const auto& name : make_model()->inputs()) names.push_back(name);
    expect(names == named->inputs(), "inputs() of a model straight from make()");
    std::vector<std::size_t> columns;
    for (std::size_t c : make_model()->input_columns()) columns.push_back(c);
    expect(columns == named->input_columns(), "input_columns() of a model straight from make()");
    std::size_t notes = 0;
    for (const auto& note : make_model()->notes()) notes += note.size();
    std::size_t named_notes = 0;
    for (const auto& note : named->notes()) named_notes += note.size();
    expect(notes == named_notes, "notes() of a model straight from make()");
    std::vector<int> nodes;
    for (int node : make_model()->aggregates()) nodes.push_back(node);
    expect(nodes == named->aggregates(), "aggregates() of a model straight from make()");
    const auto& ranks = make_model()->nominal_ranks();  // bound to a copy, which the reference keeps alive
    expect(ranks.rows() == 8 && ranks(0, 0) == named->nominal_ranks()(0, 0), "nominal_ranks()");
    const auto& storage =
        cp::build(cp::testing::small_table(), cp::testing::small_framework(), cp::testing::nominal_steps())
            .at("normalised")
            .values.storage();
    expect(storage != nullptr && storage.use_count() == 1, "storage() of a temporary layer");
    std::printf("%s\n", failures ? "temporary accessors: failures" : "temporary accessors: fine");
    return failures ? 1 : 0;
}
