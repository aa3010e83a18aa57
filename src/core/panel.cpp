// The panel's constructor and add() (zhibiao/panel.hpp), compiled once: the row index check
// instantiates a hash map that every file including the header would otherwise compile. So are
// the owning column's constructor (make_shared of an Eigen array) and values() && (an Eigen copy).
#include "zhibiao/panel.hpp"
#include "zhibiao/detail/counted.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

namespace zhibiao {

const detail::panel_entities& detail::no_entities() noexcept {
    static const panel_entities none;
    return none;
}

panel::panel(std::vector<entity> entities, std::vector<period> periods, std::vector<std::int32_t> entity_of_row,
             std::vector<std::int32_t> period_of_row)
    : entities_(std::make_shared<const detail::panel_entities>(std::move(entities))),
      periods_(std::move(periods)),
      entity_of_row_(std::move(entity_of_row)),
      period_of_row_(std::move(period_of_row)) {
    check_rows();
}

namespace {
void check_texts(const entity_texts& t, std::size_t entities, const char* field) {
    if (t.ends.empty()) return;
    bool ordered = t.ends.size() == entities && (t.text || t.ends.back() == 0);
    for (std::size_t i = 1; ordered && i < t.ends.size(); ++i) ordered = t.ends[i - 1] <= t.ends[i];
    if (!ordered)
        throw error(std::string("entity_table: the ") + field + " offsets are not one non-decreasing end per entity");
}

void check_entity_texts(const entity_table& entities) {
    check_texts(entities.codes, entities.size(), "code");
    check_texts(entities.names, entities.size(), "name");
    check_texts(entities.parents, entities.size(), "parent");
}
}  // namespace

panel panel::assembled(std::shared_ptr<const detail::panel_entities> entities, std::vector<period> periods,
                       std::vector<std::int32_t> entity_of_row, std::vector<std::int32_t> period_of_row,
                       bool codes_distinct) {
    panel p;
    p.entities_ = std::move(entities);
    p.periods_ = std::move(periods);
    p.entity_of_row_ = std::move(entity_of_row);
    p.period_of_row_ = std::move(period_of_row);
    p.check_rows(codes_distinct);
    return p;
}

panel panel::with_entity_table(entity_table entities, std::vector<period> periods,
                               std::vector<std::int32_t> entity_of_row, std::vector<std::int32_t> period_of_row) {
    check_entity_texts(entities);
    return assembled(std::make_shared<const detail::panel_entities>(std::move(entities)), std::move(periods),
                     std::move(entity_of_row), std::move(period_of_row), false);
}

panel detail::panel_of_interned_codes(entity_table entities, std::vector<period> periods,
                                      std::vector<std::int32_t> entity_of_row,
                                      std::vector<std::int32_t> period_of_row) {
    check_entity_texts(entities);
    return panel::assembled(std::make_shared<const panel_entities>(std::move(entities)), std::move(periods),
                            std::move(entity_of_row), std::move(period_of_row), true);
}

panel detail::panel_of_interned_codes(std::vector<entity> entities, std::vector<period> periods,
                                      std::vector<std::int32_t> entity_of_row,
                                      std::vector<std::int32_t> period_of_row) {
    return panel::assembled(std::make_shared<const panel_entities>(std::move(entities)), std::move(periods),
                            std::move(entity_of_row), std::move(period_of_row), true);
}

namespace {
/// The order of the period table: operator<'s (the year, then the end month, the longer span
/// first), then the kind, for the pairs operator< leaves equal though they differ (January and
/// "January to date", 2018-01 and 2018YTD01): one order whatever the order of the input.
std::tuple<int, int, int, int, int> time_order(const period& p) {
    return {p.year_number(), p.last_month(), p.first_month() - p.last_month(), static_cast<int>(p.kind()), p.index()};
}

/// The period table in time order (2021, 2022, 2023, 2024H1, 2024), whatever order the rows
/// came in, so that everything listing a panel's periods (periods(), a roll-up's rows, to_pandas'
/// index levels, the periods an error message names) lists them so, each in one place. The rows
/// stay where they are; only their period numbers change. After merge_equal_periods and the row
/// check (each period once, every number in range).
void order_periods(std::vector<period>& periods, std::vector<std::int32_t>& period_of_row) {
    bool ordered = true;
    for (std::size_t p = 1; ordered && p < periods.size(); ++p)
        ordered = time_order(periods[p - 1]) < time_order(periods[p]);
    if (ordered) return;  // already in time order, each once (what a file sorted by period reads)
    std::vector<std::int32_t> by_time(periods.size());
    std::iota(by_time.begin(), by_time.end(), 0);
    std::stable_sort(by_time.begin(), by_time.end(), [&periods](std::int32_t a, std::int32_t b) {
        return time_order(periods[static_cast<std::size_t>(a)]) < time_order(periods[static_cast<std::size_t>(b)]);
    });
    std::vector<std::int32_t> new_index(periods.size());
    std::vector<period> sorted;
    sorted.reserve(periods.size());
    for (const std::int32_t p : by_time) {
        new_index[static_cast<std::size_t>(p)] = static_cast<std::int32_t>(sorted.size());
        sorted.push_back(periods[static_cast<std::size_t>(p)]);
    }
    for (auto& p : period_of_row) p = new_index[static_cast<std::size_t>(p)];
    periods = std::move(sorted);
}

/// Periods written differently but equal ("2023" and "2023年", "2023Q1" and "2023年一季度") become
/// one entry of the table, so that two rows of one entity in them are a duplicate row, not two
/// periods (read_csv parses each cell; a caller handing texts or periods directly may not). The
/// first-met numbering is kept until the rows are checked: a file sorted by entity and then by
/// the periods as they came is checked without a table of the pairs seen.
void merge_equal_periods(std::vector<period>& periods, std::vector<std::int32_t>& period_of_row) {
    // Keyed on what == compares (operator< orders by span, and January and "January to date" share one).
    std::map<std::tuple<int, int, int>, std::int32_t> first;
    std::vector<std::int32_t> merged_index(periods.size());
    std::vector<period> merged;
    for (std::size_t p = 0; p < periods.size(); ++p) {
        const std::tuple<int, int, int> key(periods[p].year_number(), static_cast<int>(periods[p].kind()),
                                            periods[p].index());
        const auto [it, inserted] = first.emplace(key, static_cast<std::int32_t>(merged.size()));
        if (inserted) merged.push_back(periods[p]);
        merged_index[p] = it->second;
    }
    if (merged.size() == periods.size()) return;
    const auto n = static_cast<std::int32_t>(periods.size());
    for (auto& p : period_of_row)
        if (p >= 0 && p < n) p = merged_index[static_cast<std::size_t>(p)];  // out of range: check_rows says so
    periods = std::move(merged);
}
}  // namespace

namespace {
[[noreturn]] void refuse_twice_given_code(std::string_view code, std::size_t first, std::size_t second) {
    location where;
    where.entity = std::string(code);
    throw duplicate_row_error("entity code '" + where.entity + "' is given twice (entities " + std::to_string(first) +
                                  " and " + std::to_string(second) +
                                  "): one region, whose rows would count twice; give each code once",
                              where);
}

/// One code at two entity indices is one region given twice: rows of both in one period are two
/// rows of one (entity, period), which a roll-up would sum twice. Refused as read_csv refuses them.
/// A flat table of entity numbers (no node per code: a file of 5·10⁶ firms made 5·10⁶ allocations,
/// a third of read_csv's time), each slot's code hashed before and its slot fetched ahead.
void check_entity_codes(const detail::panel_entities& entities) {
    const std::size_t n = entities.size();
    if (n < 2) return;
    std::size_t capacity = 16;
    while (capacity < 2 * n) capacity *= 2;
    const std::size_t mask = capacity - 1;
    std::vector<std::uint32_t> slot_of(n);
    for (std::size_t e = 0; e < n; ++e)
        slot_of[e] = static_cast<std::uint32_t>(std::hash<std::string_view>{}(entities.code(e)) & mask);
    std::vector<std::uint32_t> table(capacity, 0);  // entity number + 1; 0 is empty
    constexpr std::size_t ahead = 8;
    for (std::size_t e = 0; e < n; ++e) {
        if (e + ahead < n) __builtin_prefetch(&table[slot_of[e + ahead]], 1);
        const std::string_view code = entities.code(e);
        for (std::size_t s = slot_of[e];; s = (s + 1) & mask) {
            if (table[s] == 0) {
                table[s] = static_cast<std::uint32_t>(e + 1);
                break;
            }
            if (entities.code(table[s] - 1) == code) refuse_twice_given_code(code, table[s] - 1, e);
        }
    }
}
}  // namespace

namespace {
/// Every row's entity and period in the tables, each (entity, period) pair once.
void check_row_keys(const detail::panel_entities& entities, const std::vector<period>& periods,
                    const std::vector<std::int32_t>& entity_of_row, const std::vector<std::int32_t>& period_of_row) {
    const std::size_t rows = entity_of_row.size();
    const auto n_entities = static_cast<std::int64_t>(entities.size());
    const auto n_periods = static_cast<std::int64_t>(periods.size());
    const auto in_tables = [&](std::size_t r, std::int64_t e, std::int64_t p) {
        if (e < 0 || e >= n_entities || p < 0 || p >= n_periods)
            throw error("row " + std::to_string(r) + " refers to entity " + std::to_string(e) + " / period " +
                        std::to_string(p) + " outside the tables");
    };
    // Rows in (entity, period) order, as a file sorted by entity and then period reads: a key
    // above the last one is a new one, with no table at all. At the first key out of order the
    // check below starts again from the first row (the same errors, in the same row order).
    std::int64_t last = -1;
    std::size_t sorted = 0;
    for (; sorted < rows; ++sorted) {
        const std::int64_t e = entity_of_row[sorted], p = period_of_row[sorted];
        in_tables(sorted, e, p);
        const std::int64_t key = e * n_periods + p;
        if (key <= last) break;
        last = key;
    }
    if (sorted == rows) return;
    // One bit a (entity, period) pair seen (a 10⁶-pair grid is 128 kB, not 4 MB of row numbers).
    const bool dense = n_entities * n_periods <= std::int64_t{1} << 26;
    std::vector<std::uint64_t> seen;
    std::unordered_map<std::int64_t, std::size_t> hashed;
    if (dense)
        seen.assign(static_cast<std::size_t>((n_entities * n_periods + 63) / 64), 0);
    else
        hashed.reserve(rows);
    for (std::size_t r = 0; r < rows; ++r) {
        const std::int64_t e = entity_of_row[r], p = period_of_row[r];
        in_tables(r, e, p);
        const std::int64_t key = e * n_periods + p;
        bool duplicate;
        if (dense) {
            std::uint64_t& word = seen[static_cast<std::size_t>(key) / 64];
            const std::uint64_t bit = std::uint64_t{1} << (key % 64);
            duplicate = (word & bit) != 0;
            word |= bit;
        } else {
            duplicate = !hashed.emplace(key, r).second;
        }
        if (duplicate) {
            location where;
            where.entity = std::string(entities.code(static_cast<std::size_t>(e)));
            where.period = periods[static_cast<std::size_t>(p)].to_string();
            throw duplicate_row_error("duplicate row for the same entity and period", where);
        }
    }
}
}  // namespace

void panel::check_rows(bool codes_distinct) {
    if (entity_of_row_.size() != period_of_row_.size())
        throw error("entity and period index arrays differ in length (" + std::to_string(entity_of_row_.size()) +
                    " vs " + std::to_string(period_of_row_.size()) + ")");
    merge_equal_periods(periods_, period_of_row_);
    if (!codes_distinct) check_entity_codes(entity_data());
    check_row_keys(entity_data(), periods_, entity_of_row_, period_of_row_);
    order_periods(periods_, period_of_row_);
}

namespace {
void check_column_length(const column& c, std::size_t rows) {
    if (c.size() != rows)
        throw error("column '" + c.name() + "' has " + detail::counted(c.size(), "value") + " for " +
                    detail::counted(rows, "row"));
    // reason_at(row) and every reader of reasons() index them by row: fewer were read past.
    if (!c.reasons().empty() && c.reasons().size() != c.size())
        throw argument_error("column '" + c.name() + "': " + detail::counted(c.reasons().size(), "reason") + " for " +
                             detail::counted(c.size(), "value") + " (give one per value, or none)");
}
}  // namespace

void detail::add_distinct_columns(panel& p, std::vector<column> columns) {
    for (const auto& c : columns) check_column_length(c, p.rows());
    p.columns_.reserve(p.columns_.size() + columns.size());
    for (auto& c : columns) p.columns_.push_back(std::move(c));
}

void panel::add(column c) {
    check_column_length(c, rows());
    for (auto& existing : columns_)
        if (existing.name() == c.name()) {
            existing = std::move(c);
            return;
        }
    columns_.push_back(std::move(c));
}

column::column(std::string name, zhibiao::unit u, Eigen::ArrayXd values, std::vector<reason> reasons, bool unit_given)
    : name_(std::move(name)), unit_(std::move(u)), unit_given_(unit_given), reasons_(std::move(reasons)) {
    auto storage = std::make_shared<Eigen::ArrayXd>(std::move(values));
    data_ = storage->data();
    size_ = static_cast<std::size_t>(storage->size());
    owner_ = std::move(storage);
}

void column::set_written_decimals(std::vector<std::uint8_t> decimals) {
    // A printed-precision check reads them by row: fewer would be read past, more belong to other rows.
    if (!decimals.empty() && decimals.size() != size_)
        throw argument_error("column '" + name_ + "': " +
                             detail::counted(decimals.size(), "written-decimals entry", "written-decimals entries") +
                             " for " + detail::counted(size_, "value") + " (give one per value, or none)");
    written_decimals_ = std::move(decimals);
}

Eigen::ArrayXd column::values() && { return Eigen::Map<const Eigen::ArrayXd>(data_, static_cast<Eigen::Index>(size_)); }

}  // namespace zhibiao
