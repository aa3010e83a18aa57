#pragma once
// Roll-up along the region hierarchy: county → prefecture → province, or any parent map.
//
// Each variable declares in the catalogue how it aggregates: `sum` (stocks, flows, counts,
// amounts, population) or `none` (shares and rates). Rolling up sums the extensive variables
// of the children of each parent, period by period; indicators are then computed on the
// parents' panel, so a parent's ratio is a ratio of sums — never a mean of the children's
// ratios. Variables that do not sum are left out and listed.
//
// Coverage is part of the result: for every parent, period and variable, how many children
// the map gives it, how many had a value and how many of those were valid. A parent with missing
// children is not silently under-counted: its value is NaN with reason incomplete_rollup (or,
// with `rollup_options::partial_sums`, the partial sum, flagged in the coverage table and
// carrying that reason beside its value: rolled up again it is the gap it stands for).
//
// A child value the catalogue makes invalid for computing — below the variable's `min` (a
// negative count or amount), a count that is not a whole number (in its unit's base: 1.5 万件 is
// whole), or a cell that was unparseable or is itself invalid (an `invalid_child` parent rolled up
// again), and both inputs of a share above its whole (a child whose own value of an `a / b`
// catalogue indicator is out of its valid range: 15 projects approved of 10 applied) — is never
// summed: the parent is NaN with reason invalid_child. With partial_sums the
// parent is the sum over its valid children only (invalid ones are left out like missing ones),
// and the coverage table shows `valid` < `children`. Indicators over partial sums: take
// compute_rolled_up (matched children); compute() on the partial parents reads each partial sum
// as the gap it stands for (NaN with its reason).

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "zhibiao/catalogue.hpp"
#include "zhibiao/compute.hpp"
#include "zhibiao/panel.hpp"

namespace zhibiao {

struct rollup_options {
    /// Keep the sum over the children that have data instead of marking the parent missing.
    /// Such a sum keeps the reason the parent has without partial sums (incomplete_rollup or
    /// invalid_child) beside its value (column::reasons(); compute() reads the value, as it is).
    /// Rolled up again, a partial sum is the gap it stands for — never summed as a complete
    /// figure: the grandparent is missing with that reason, or with partial sums the sum over its
    /// complete children only. For the sum over every valid child, roll the children up through
    /// the composed map (child → parent → grandparent), as Python's Panel.rollup does.
    bool partial_sums = false;
    /// Variables to sum although the catalogue does not declare them (or declares `none`).
    std::vector<std::string> also_sum;
    /// Called every few thousand steps of the work (map checks, rows); it may throw to abandon
    /// the roll-up, and the exception propagates unchanged. Empty: the thread's interrupt_scope
    /// is polled instead (zhibiao/interrupt.hpp), as every long call does.
    std::function<void()> check_interrupt;
};

struct coverage_entry {
    std::string parent;
    std::string period;
    std::string variable;
    std::size_t children = 0;   ///< children the map gives this parent
    std::size_t with_data = 0;  ///< of those, how many had a value in this period (valid or not)
    std::size_t valid = 0;      ///< of those, how many values could be summed
    bool complete() const { return valid == children; }
};

struct rollup_result {
    panel parents;
    std::vector<coverage_entry> coverage;
    std::vector<std::string> not_summed;  ///< variables left out (rates, or unknown to the catalogue)
};

/// child code → parent code for every entity of `p`, from administrative codes (short ones too:
/// "3206" is "320600"): the immediate parent, or the ancestor at `level` (province or
/// prefecture) when given, always in 6 digits (admin_code). Throws error when a region is in
/// the panel with a region inside it, or twice in two widths.
std::unordered_map<std::string, std::string> admin_parents(const panel& p, admin_level level = admin_level::unknown);

/// The regions of `p` inside another region of it by their administrative codes (a county beside
/// its prefecture or province, in either width), each as (region, its nearest ancestor in `p`),
/// in the panel's order: what admin_parents refuses, for a caller that reports it instead
/// (validate's `nested_region` findings). Codes that are no region's are never nested.
std::vector<std::pair<std::string, std::string>> nested_regions(const panel& p);
/// The same for region codes alone, in their order (a composite's regions, before any panel).
std::vector<std::pair<std::string, std::string>> nested_regions(const std::vector<std::string>& codes);

/// Rolls `p` up to the parents that `parent_of` gives its entities. Throws error naming
/// entities without a parent (orphans) and cycles in the map.
rollup_result rollup(const panel& p, const std::unordered_map<std::string, std::string>& parent_of,
                     const rollup_options& options = {}, const catalogue& cat = catalogue::builtin());

/// Indicators of the roll-up of `children`, in the rows of `rollup(children, parent_of, options,
/// cat).parents` — what Python's `Panel.rollup(...).compute(...)` gives. Without partial sums, the
/// same as compute() on those parents. With `options.partial_sums`, dividing the parents' partial sums
/// would put sums over different children together (the R&D of two counties over the GDP of
/// four), so compute() on them gives NaN with the sum's reason; here a value that draws on a partial sum is computed
/// over the *matched* children of its period — those whose own value of the indicator can be computed, every input
/// valid (a value failing only in the operation, a zero denominator, still counts) — and carries the reason the
/// complete roll-up gives it (incomplete_rollup or invalid_child); where no child is matched it is NaN. Costs a roll-up
/// and a compute per indicator and period with partial sums.
indicator_table compute_rolled_up(const panel& children, const std::unordered_map<std::string, std::string>& parent_of,
                                  const std::vector<std::string>& ids, const rollup_options& options = {},
                                  const compute_options& compute_with = {},
                                  const catalogue& cat = catalogue::builtin());

/// The same with one catalogue for the roll-up (which variables sum, which child values are
/// invalid) and another for the indicators (`ids` and their formulas): Python's
/// `Panel.rollup(..., catalogue=a).compute([..., Indicator(...)], catalogue=b)`, where `b` also
/// holds the user's own indicators. Every roll-up inside (partial, complete, over the matched
/// children) takes `rolled_with`; every compute (parents and children) takes `computed_with`.
indicator_table compute_rolled_up(const panel& children, const std::unordered_map<std::string, std::string>& parent_of,
                                  const std::vector<std::string>& ids, const rollup_options& options,
                                  const compute_options& compute_with, const catalogue& rolled_with,
                                  const catalogue& computed_with);

}  // namespace zhibiao
