#pragma once
// The one rule by which a method's message that counts rows and columns from 0 ("unit 2",
// "criterion 1", "column 1": the kernels know only positions) is said again with the caller's
// labels: the composite pipeline names regions, aggregation names a group's children, and Python's
// DataFrame entries (python/zhibiao/_mcdm.py, through the bindings) name the frame's index and
// columns. Before round 29 each had its own copy of the rule, and they differed (word boundaries,
// "column", a number beyond a std::size_t thrown as std::out_of_range). Private to the library.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zhibiao::composite::detail {

/// The labels of one kind of position (units: rows; criteria: columns).
struct position_labels {
    std::vector<std::string> labels;  ///< by position; empty: positions of this kind stay numbers
    /// How a labelled position is said ("region", "child"); empty: with the word found ("unit 'R3'").
    std::string word;
    /// Positions whose label stands for no value (a NaN in a pandas index); empty: none.
    std::vector<bool> missing;
};

struct labelled_text {
    std::string text;
    std::optional<std::string> unit;       ///< the label given to the unit named, if one was
    std::optional<std::string> criterion;  ///< the same for the criterion
};

/// `text` with its first "unit N" and its first "criterion N" or "column N" (whole words; N within
/// the labels) said by their labels, quoted. A label that another position shares, or that is
/// missing, does not say which row: the position follows it, "unit 'R1' (row 1, counting from 0)".
labelled_text label_positions(std::string_view text, const position_labels& units, const position_labels& criteria);

}  // namespace zhibiao::composite::detail
