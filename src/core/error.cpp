// The key functions of the error classes (zhibiao/error.hpp): their destructors, defined here
// once, so that each class's vtable and typeinfo live in the library alone. Inline everywhere,
// every translation unit had its own weak copy (clang's -Wweak-vtables), and catching by type
// across a shared library's boundary relied on the loader merging them.
#include "zhibiao/error.hpp"

namespace zhibiao {

error::~error() = default;
parse_error::~parse_error() = default;
unit_error::~unit_error() = default;
unknown_unit_error::~unknown_unit_error() = default;
incompatible_units_error::~incompatible_units_error() = default;
lookup_error::~lookup_error() = default;
unknown_indicator_error::~unknown_indicator_error() = default;
missing_variable_error::~missing_variable_error() = default;
duplicate_row_error::~duplicate_row_error() = default;
method_error::~method_error() = default;
limit_error::~limit_error() = default;
argument_error::~argument_error() = default;
file_error::~file_error() = default;
file_not_found_error::~file_not_found_error() = default;

}  // namespace zhibiao
