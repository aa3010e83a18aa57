#pragma once
// The composite's input taken from the rest of the library: one period of a panel, or the
// indicators compute() made from it, as a composite table — one row per region — without
// copying by hand. Missing cells keep their reason (a zero denominator, an invalid input, a
// period the panel lacks…), which the imputation step reports beside its marks.
//
//   const zhibiao::indicator_table ind = zhibiao::compute(p, ids);
//   const auto fw = zhibiao::composite::flat_framework(ids);             // catalogue directions
//   const auto r = zhibiao::composite::build(zhibiao::composite::table_from_indicators(ind, p, when), fw, steps);

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <string>
#include <vector>

#include "zhibiao/composite/config.hpp"
#include "zhibiao/composite/framework.hpp"
#include "zhibiao/composite/pipeline.hpp"

namespace zhibiao {
class catalogue;
class panel;
class period;
struct indicator_table;
}  // namespace zhibiao

namespace zhibiao::composite {

/// The rows of `p` in period `when`, in the panel's row order: every variable as a numeric
/// column with the reasons of its missing cells; the entities' parents and names as the labels
/// "parent" and "name" (when the panel has them); and, when the panel has earlier periods, each
/// region's latest earlier present value of every variable (imputation "latest"). A period the
/// panel lacks is an argument_error (the caller chose it; it is not a lookup_error) listing
/// those it has; table_from_indicators likewise.
table table_from_panel(const panel& p, const period& when);

/// As table_from_panel, plus the computed indicators (`indicators` holds results for the rows of
/// `p`, as compute(p, ids) returns them), each with its reasons; an indicator takes the place of
/// a variable of the same name.
table table_from_indicators(const indicator_table& indicators, const panel& p, const period& when);

/// The columns of `t` whose unit (t.units) differs from the unit the model writes the
/// indicator's values in (a node's "unit", model::units) converted to it — one exact
/// power-of-ten step, the earlier values too; a column of another dimension is an
/// incompatible_units_error naming the indicator. A column without a unit is taken as it is.
/// build() does not call it: call it before build(t, fw, m.steps) when `t` carries units.
void to_model_units(table& t, const model& m);

/// The panel's only period; with several, an argument_error listing them and asking for one
/// ("choose one with period=", Python's argument; in C++ the period of table_from_panel); with
/// none (an empty panel), an argument_error saying so.
period only_period(const panel& p);

/// One root (`root`, level 2) over catalogue indicators with equal weights, each indicator
/// with its catalogue direction; a benchmark indicator (best at a target, not at an end) is
/// refused, since a composite score needs a direction.
framework flat_framework(const std::vector<std::string>& ids, const catalogue& cat, const std::string& root = "Index");
framework flat_framework(const std::vector<std::string>& ids);

}  // namespace zhibiao::composite
