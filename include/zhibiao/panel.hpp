#pragma once
// Panel: the columnar table every computation reads.
//
// Rows are (entity, period) pairs, each at most once. Every variable is a contiguous column of
// doubles with its unit; NaN is missing, and a column may carry a reason per cell (a loader
// marks unparseable text, for instance). A column either owns its storage or views memory that
// somebody else keeps alive (a NumPy array, through `owner`): so a panel built from pandas
// reads the caller's buffers without copying them.
//
// A panel is immutable once built, apart from adding columns, and safe to read from several
// threads at once. Adding a column (add()) moves the others: references and pointers from at(),
// find() and columns() taken before it are invalid after it (take them again), as for a
// std::vector; the data (data(), values()) of the columns it does not replace stays where it
// was. Not while another thread reads the panel.

#include "zhibiao/config.hpp"  // first: pins Eigen's alignment and allocator
#include <Eigen/Core>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "zhibiao/detail/float_bits.hpp"
#include "zhibiao/detail/reset_on_move.hpp"
#include "zhibiao/detail/text_copy.hpp"
#include "zhibiao/entity.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/period.hpp"
#include "zhibiao/reason.hpp"
#include "zhibiao/units.hpp"

namespace zhibiao {

namespace detail {
/// The argument_error of an index past the end: "panel::entity_code(7): there are 2 entities"
/// (`counted`: what `size` counts). Compiled in the library.
[[noreturn]] void throw_index_error(const char* call, std::size_t index, std::size_t size, const char* counted);
}  // namespace detail

/// The values of a column (a panel's, or a computed one's): an Eigen map, read as any Eigen array (v(0), v.sum(),
/// v.data()), that holds a reference to the storage it maps, so it stays valid however long it is
/// kept — `auto v = [&] { indicator_table t = compute(p, ids); return t[0].values(); }();` and
/// `auto v = [&] { panel p = parse_csv(text); return p.at("gdp").values(); }();` read freed memory
/// before round 34. (Sliced to a plain Eigen::Map, or into an Eigen expression kept
/// with `auto`, it is again a view, valid while the column is.)
class column_values : public Eigen::Map<const Eigen::ArrayXd> {
public:
    column_values(const double* data, std::size_t rows, std::shared_ptr<const void> owner)
        : Eigen::Map<const Eigen::ArrayXd>(data, static_cast<Eigen::Index>(rows)), owner_(std::move(owner)) {}
    column_values(const column_values&) = default;
    column_values(column_values&&) = default;
    column_values& operator=(const column_values&) = delete;  // a map is not rebound (as Eigen::Map)
    column_values& operator=(column_values&&) = delete;
    ~column_values() = default;

private:
    std::shared_ptr<const void> owner_;
};

/// One variable of a panel: name, unit and a contiguous run of doubles.
class column {
public:
    /// Owns `values`.
    column(std::string name, zhibiao::unit u, Eigen::ArrayXd values, std::vector<reason> reasons = {},
           bool unit_given = true);
    /// Views `size` doubles at `data`, kept alive by `owner`.
    column(std::string name, zhibiao::unit u, const double* data, std::size_t size, std::shared_ptr<const void> owner,
           bool unit_given = true, std::vector<reason> reasons = {})
        : name_(std::move(name)),
          unit_(std::move(u)),
          unit_given_(unit_given),
          reasons_(std::move(reasons)),
          owner_(std::move(owner)),
          data_(data),
          size_(size) {}

    // On a temporary column the accessors return copies, not views into it (see panel below).
    const std::string& name() const& { return name_; }
    text_copy name() && { return text_copy(std::move(name_)); }
    const zhibiao::unit& unit() const& { return unit_; }
    zhibiao::unit unit() && { return std::move(unit_); }
    /// False when the source gave no unit and the dimensionless "1" stands in for it.
    bool unit_given() const { return unit_given_; }
    std::size_t size() const { return size_; }
    const double* data() const& { return data_; }
    const double* data() && = delete;  // the storage may go with the temporary
    /// A map that keeps the storage alive (column_values); on a temporary, a copy.
    column_values values() const& { return {data_, size_, owner_}; }
    Eigen::ArrayXd values() &&;
    /// What keeps the storage alive. For bindings and serialisation only (the escape hatch that
    /// lets a NumPy view of a column outlive the panel safely); not a stable interface.
    const std::shared_ptr<const void>& storage_owner() const& { return owner_; }
    std::shared_ptr<const void> storage_owner() && { return std::move(owner_); }
    /// Reason per cell; empty when every NaN simply means missing_input. A present value may
    /// carry one too: a partial roll-up sum keeps the reason of its gap (zhibiao/rollup.hpp),
    /// which a roll-up reads; a formula reads such a cell as the gap it stands for (NaN, its reason).
    const std::vector<reason>& reasons() const& { return reasons_; }
    std::vector<reason> reasons() && { return std::move(reasons_); }
    /// The reason of cell `row`; a row past the end is an argument_error naming it and the size
    /// (data() and reasons() are the unchecked paths for a pass over the whole column).
    reason reason_at(std::size_t row) const {
        if (row >= size_) detail::throw_index_error("column::reason_at", row, size_, "rows");
        if (!reasons_.empty() && reasons_[row] != reason::none) return reasons_[row];
        // A bit test: under -ffast-math `x == x` folds to true and NaN would read as present.
        return detail::is_nan(data_[row]) ? reason::missing_input : reason::none;
    }
    /// Per cell, the decimals its text was written with where they are more than the shortest form
    /// of its value shows ("2.00" → 2, "1.70" → 2), 0 elsewhere ("2", "1.7", an empty cell). Every
    /// column read from text (read_csv, parse_csv, read_report) has one entry per row, all 0 when no
    /// cell has more; empty for a column not read from text (computed, built by a program). The
    /// checks at printed precision (printed_round, printed_tolerance) read a published "2.00" at 2
    /// decimals, not as the 2 it holds; write_csv writes a column that has them cell by cell as
    /// written (1.7 stays 1.7, 2.00 stays 2.00) where one without them takes its catalogue
    /// indicator's decimals. A column whose values are changed (converted, computed) is a new
    /// column without them unless its maker sets them (validate's base-unit copy of 221.3 万件 does).
    const std::vector<std::uint8_t>& written_decimals() const& { return written_decimals_; }
    std::vector<std::uint8_t> written_decimals() && { return std::move(written_decimals_); }
    /// Sets written_decimals(): empty, or one entry per row (else an argument_error naming the
    /// column and both lengths). Compiled in the library.
    void set_written_decimals(std::vector<std::uint8_t> decimals);

private:
    std::string name_;
    zhibiao::unit unit_;
    bool unit_given_ = true;
    std::vector<reason> reasons_;
    std::shared_ptr<const void> owner_;
    // A move leaves these null and 0 with the owner: a moved-from column is empty (size 0).
    detail::reset_on_move<const double*> data_;
    detail::reset_on_move<std::size_t> size_;
    // Last, after the members of round 34 (their offsets unchanged).
    std::vector<std::uint8_t> written_decimals_;
};

/// One problem a loader met and dealt with (lenient loading) rather than throwing.
struct load_issue {
    std::size_t line = 0;
    std::size_t column = 0;
    std::string variable;
    std::string text;
    std::string problem;
    /// The row of an unreadable cell (its entity code and canonical period), where the loader
    /// knew it: validate() names the cell's text, line and column in that row's finding.
    std::string entity;
    std::string period;
};

/// What a loader did with every input line: loaded, blank, or skipped with a reason.
/// `data_lines == rows_loaded + blank_lines + rows_skipped` always holds (long form counts records).
struct load_report {
    std::string source;
    std::string encoding;  ///< "utf-8", "utf-8-bom", "gb18030", "gb18030-bom", "utf-16"
    std::string layout;    ///< "wide" or "long"
    std::size_t data_lines = 0;
    std::size_t rows_loaded = 0;
    std::size_t blank_lines = 0;
    std::size_t rows_skipped = 0;
    std::size_t cells = 0;
    std::size_t cells_missing = 0;
    std::size_t cells_unparseable = 0;
    std::vector<std::string> ignored_columns;
    /// Columns read as another variable: (header name, variable id), e.g. (地区生产总值, gdp), or as a
    /// catalogue indicator by its official name (R&D经费投入强度, rd_intensity).
    std::vector<std::pair<std::string, std::string>> renamed_columns;
    /// Columns whose header states no unit, read in % because every number in them was written as a
    /// percentage ("60%", "5‰").
    std::vector<std::string> percent_columns;
    std::vector<load_issue> issues;  ///< the first `max_reported_issues` of them
    std::size_t issues_not_listed = 0;
};

/// One field (code, name or parent) of every entity, back to back in one block of text: entity
/// i's is text[ends[i - 1], ends[i]) (from 0 for the first). `ends` empty: no entity has the field.
/// at(i) past the end of a field some entity has: an argument_error naming i and the count (it
/// read past the block). On a temporary (`table_of(...).codes.at(0)`) at() returns a copy.
struct entity_texts {
    std::unique_ptr<char[]> text;
    std::vector<std::size_t> ends;
    std::string_view at(std::size_t i) const& {
        if (ends.empty()) return {};
        if (i >= ends.size()) detail::throw_index_error("entity_texts::at", i, ends.size(), "entities");
        const std::size_t begin = i == 0 ? 0 : ends[i - 1];
        return {text.get() + begin, ends[i] - begin};
    }
    text_copy at(std::size_t i) && { return text_copy(std::as_const(*this).at(i)); }
};

/// Entities kept compactly, as the CSV loader builds them for a table with a new entity on every
/// row: the codes, names and parents each in one block (an 18-character code takes 26 bytes,
/// against a 96-byte `entity` and a heap block for its code).
struct entity_table {
    entity_texts codes, names, parents;
    std::size_t size() const { return codes.ends.size(); }
};

namespace detail {
// A panel's entities: a vector of `entity`, or an entity_table and the vector built from it the
// first time it is asked for (under a lock: a panel is read from several threads). Shared by the
// copies of a panel; never changed otherwise.
class panel_entities {
public:
    panel_entities() = default;
    explicit panel_entities(std::vector<entity> all) : all_(std::move(all)) {}
    explicit panel_entities(entity_table table) : table_(std::move(table)), compact_(true), built_(false) {}

    std::size_t size() const { return compact_ ? table_.size() : all_.size(); }
    std::string_view code(std::size_t i) const { return compact_ ? table_.codes.at(i) : all_[i].code; }
    std::string_view name(std::size_t i) const { return compact_ ? table_.names.at(i) : all_[i].name; }
    std::string_view parent(std::size_t i) const { return compact_ ? table_.parents.at(i) : all_[i].parent; }
    const std::vector<entity>& all() const {
        if (!built_.load(std::memory_order_acquire)) build();
        return all_;
    }

private:
    /// Builds all_ from the table, once, under the lock (compiled in the library: its lock and
    /// the entities' vector need not be instantiated in every file that includes this header).
    void build() const;

    entity_table table_;
    bool compact_ = false;
    mutable std::vector<entity> all_;
    mutable std::atomic<bool> built_{true};
    mutable std::mutex building_;
};
/// The entity table of an empty panel, shared (what a moved-from panel reads).
const panel_entities& no_entities() noexcept;
}  // namespace detail

class panel;
namespace detail {
/// panel::with_entity_table and the panel constructor for a maker whose entity codes are distinct
/// by construction: read_csv interns every code text (bytes compared, as the duplicate-code check
/// compares them), so one code is one entity index. Every other check is made; the duplicate-code
/// one (hashing every code: a quarter of the CPU time of reading a 5·10⁶-firm table) is not.
panel panel_of_interned_codes(entity_table entities, std::vector<period> periods,
                              std::vector<std::int32_t> entity_of_row, std::vector<std::int32_t> period_of_row);
panel panel_of_interned_codes(std::vector<entity> entities, std::vector<period> periods,
                              std::vector<std::int32_t> entity_of_row, std::vector<std::int32_t> period_of_row);
/// The missing_variable_error of panel::at for a name no column has, with the closest column's
/// name as "did you mean" (compiled in the library: the edit distance need not be in every file).
[[noreturn]] void throw_no_column(const panel& p, const std::string& name);
/// panel::add of each of `columns` in order, for a maker whose names are distinct and new by
/// construction (read_csv refuses a duplicate heading first): add() looks each name up among the
/// columns before it, which made a header of N columns take time quadratic in N (20,000
/// columns: 1.7 s). The lengths are checked as add() checks them.
void add_distinct_columns(panel& p, std::vector<column> columns);
}  // namespace detail

class panel {
public:
    /// An empty panel (compiled in the library: its make_shared of the entity table would be
    /// instantiated in every file that includes this header).
    panel();

    /// Rows given as indices into `entities` and `periods`. Throws duplicate_row_error when a
    /// pair repeats or an entity code is given twice (naming it), and error when an index is out
    /// of range. The panel keeps its periods in time order (periods() may differ from the
    /// argument's order, and period_of_row() numbers into periods(), not into the argument).
    panel(std::vector<entity> entities, std::vector<period> periods, std::vector<std::int32_t> entity_of_row,
          std::vector<std::int32_t> period_of_row);
    /// The same with the entities kept compactly (what read_csv makes of a wide file): entities()
    /// and entity_at() build their `entity` objects when first called; entity_count() and
    /// entity_code() (name, parent) read the table without building them. Also throws error when
    /// the table's offsets are inconsistent. (A named function, not a constructor: `panel({}, ...)`
    /// must keep meaning an empty vector of entities.)
    static panel with_entity_table(entity_table entities, std::vector<period> periods,
                                   std::vector<std::int32_t> entity_of_row, std::vector<std::int32_t> period_of_row);

    // Accessors hand out references into the panel only when it outlives the call: on a
    // temporary (`parse_csv(text).at("x")`) they return copies, and pointers are refused, so
    // `const auto& c = parse_csv(text).at("x");` holds a value, never a dangling reference.
    std::size_t rows() const { return entity_of_row_.size(); }
    const std::vector<entity>& entities() const& { return entity_data().all(); }
    std::vector<entity> entities() &&;
    std::size_t entity_count() const { return entity_data().size(); }
    // An entity index (i) or row past the end is an argument_error naming it and the count: these
    // read past their storage before (a moved-from panel's entity_code(0) crashed).
    std::string_view entity_code(std::size_t i) const& {
        return entity_data().code(entity_index(i, "panel::entity_code"));
    }
    text_copy entity_code(std::size_t i) && {
        return text_copy(entity_data().code(entity_index(i, "panel::entity_code")));
    }
    std::string_view entity_name(std::size_t i) const& {
        return entity_data().name(entity_index(i, "panel::entity_name"));
    }
    text_copy entity_name(std::size_t i) && {
        return text_copy(entity_data().name(entity_index(i, "panel::entity_name")));
    }
    std::string_view entity_parent(std::size_t i) const& {
        return entity_data().parent(entity_index(i, "panel::entity_parent"));
    }
    text_copy entity_parent(std::size_t i) && {
        return text_copy(entity_data().parent(entity_index(i, "panel::entity_parent")));
    }
    const std::vector<period>& periods() const& { return periods_; }
    std::vector<period> periods() && { return take(periods_); }
    const std::vector<std::int32_t>& entity_of_row() const& { return entity_of_row_; }
    std::vector<std::int32_t> entity_of_row() && { return take(entity_of_row_); }
    const std::vector<std::int32_t>& period_of_row() const& { return period_of_row_; }
    std::vector<std::int32_t> period_of_row() && { return take(period_of_row_); }
    const entity& entity_at(std::size_t row) const& {
        return entities()[static_cast<std::size_t>(entity_of_row_[row_index(row, "panel::entity_at")])];
    }
    entity entity_at(std::size_t row) &&;
    const period& period_at(std::size_t row) const& {
        return periods_[static_cast<std::size_t>(period_of_row_[row_index(row, "panel::period_at")])];
    }
    period period_at(std::size_t row) && { return std::as_const(*this).period_at(row); }

    const std::vector<column>& columns() const& { return columns_; }
    std::vector<column> columns() && { return std::move(columns_); }
    bool has(const std::string& name) const { return find(name) != nullptr; }
    const column* find(const std::string& name) const& {
        for (const auto& c : columns_)
            if (c.name() == name) return &c;
        return nullptr;
    }
    const column* find(const std::string& name) && = delete;
    /// Throws missing_variable_error naming the variable.
    column at(const std::string& name) &&;
    const column& at(const std::string& name) const& {
        if (const column* c = find(name)) return *c;
        detail::throw_no_column(*this, name);
    }

    /// Adds (or replaces) a column; its length must equal rows(). Invalidates the references and
    /// pointers at(), find() and columns() returned before (the column objects move; the data of
    /// those not replaced does not).
    void add(column c);

    const load_report& report() const& { return report_; }
    load_report report() && { return std::move(report_); }
    void set_report(load_report r) { report_ = std::move(r); }

private:
    friend panel detail::panel_of_interned_codes(entity_table, std::vector<period>, std::vector<std::int32_t>,
                                                 std::vector<std::int32_t>);
    friend panel detail::panel_of_interned_codes(std::vector<entity>, std::vector<period>, std::vector<std::int32_t>,
                                                 std::vector<std::int32_t>);
    friend void detail::add_distinct_columns(panel&, std::vector<column>);
    /// `codes_distinct`: the maker guarantees one entity per code (panel_of_interned_codes).
    void check_rows(bool codes_distinct = false);
    /// A panel of these entities and rows, its rows checked (check_rows).
    static panel assembled(std::shared_ptr<const detail::panel_entities> entities, std::vector<period> periods,
                           std::vector<std::int32_t> entity_of_row, std::vector<std::int32_t> period_of_row,
                           bool codes_distinct);
    /// The entities; those of an empty panel after a move (a moved-from panel is a valid empty
    /// panel: 0 rows, 0 entities, copyable).
    const detail::panel_entities& entity_data() const { return entities_ ? *entities_ : detail::no_entities(); }
    std::size_t entity_index(std::size_t i, const char* call) const {
        if (i >= entity_count()) detail::throw_index_error(call, i, entity_count(), "entities");
        return i;
    }
    // What an rvalue accessor of the rows' structure hands out (std::move(p).periods()): the rest of
    // the panel indexes into it, so the panel is left empty, as a moved-from panel is, rather than
    // with rows whose periods are gone.
    template <class T>
    T take(T& member) {
        T out = std::move(member);
        *this = panel();
        return out;
    }
    std::size_t row_index(std::size_t row, const char* call) const {
        if (row >= rows()) detail::throw_index_error(call, row, rows(), "rows");
        return row;
    }

    /// Set by every constructor (an empty table for panel()); null only after a move.
    std::shared_ptr<const detail::panel_entities> entities_;
    std::vector<period> periods_;
    std::vector<std::int32_t> entity_of_row_;
    std::vector<std::int32_t> period_of_row_;
    std::vector<column> columns_;
    load_report report_;
};

}  // namespace zhibiao
