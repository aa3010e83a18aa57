// read_csv's rules about a sheet's cells, bound for Panel.from_pandas: a DataFrame from a sheet
// meets the same units rows and header rows as a CSV does, and is read by the same rule (one home).

#include <pybind11/stl.h>
#include <optional>
#include <string>

#include "bindings.hpp"
#include "io/unit_cell.hpp"

namespace zhibiao::python {

void register_loading_rules(py::module_& m) {
    m.def(
        "unit_cell",
        [](std::string_view cell) -> std::optional<std::string> {
            const auto said = detail::unit_cell(cell);
            return said ? std::optional<std::string>(std::string(*said)) : std::nullopt;
        },
        py::arg("cell"),
        "The unit a header or units-row cell states, brackets taken off ('亿元' of '（亿元）'), as "
        "read_csv reads a row of units; None for a number, a blank or a text that is no unit. "
        "``cell`` is trimmed by the caller.");
}

}  // namespace zhibiao::python
