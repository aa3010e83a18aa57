#pragma once
// Forward declarations of zhibiao's public types, for headers that only name them (a member
// pointer, a function declaration): include this instead of the defining header, and the
// defining header only where the type is used. Scoped enums are declared with the underlying
// type of their definition; tests/cpp/all_headers.hpp includes this beside every definition,
// so a declaration that drifts from its definition fails to compile.
#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstdint>

namespace zhibiao {

// error.hpp
struct location;
class error;
class parse_error;
class unit_error;
class unknown_unit_error;
class incompatible_units_error;
class lookup_error;
class unknown_indicator_error;
class missing_variable_error;
class duplicate_row_error;
class method_error;
class limit_error;
class argument_error;
class file_error;
class file_not_found_error;

// units.hpp, period.hpp, reason.hpp, entity.hpp
class dimension;
class unit;
struct conversion;
class period;
enum class period_kind : std::uint8_t;
enum class reason : std::uint8_t;
struct entity;
enum class admin_level;

// panel.hpp, csv.hpp
class column;
class panel;
struct load_report;
struct csv_options;
struct write_csv_options;

// catalogue.hpp, formula.hpp, compute.hpp, rollup.hpp, validate.hpp, patents.hpp
enum class direction : int;
struct indicator;
class catalogue;
class formula;
struct compute_options;
struct indicator_table;
struct rollup_options;
struct rollup_result;
struct rule;
struct validation_report;
struct patent_records;

// scorecard.hpp, extract.hpp, interrupt.hpp
class scorecard;
class scorecard_inputs;
struct scorecard_result;
struct extraction;
class interrupt_scope;

namespace composite {

// framework.hpp, config.hpp, pipeline.hpp
struct node;
class framework;
struct model;
struct table;
struct result;

// the options of each step (prepare.hpp, treat.hpp, normalise.hpp, aggregate.hpp)
struct screen_options;
enum class imputation;
enum class treatment;
struct treat_options;
enum class normalisation;
enum class cost_form;
struct normalise_options;
enum class weighting;
enum class aggregation;
struct weight_options;
struct aggregate_options;
struct aggregation_result;

// methods on a matrix (statistics.hpp, weights.hpp, mcdm.hpp, marks.hpp)
enum class ties;
enum class mark : std::uint8_t;
enum class entropy_zeros;
enum class correlation_kind;
enum class random_index;
struct pca_weights_result;
struct ahp_result;
enum class topsis_normalisation;
struct vikor_result;
struct bod_result;

}  // namespace composite
}  // namespace zhibiao
