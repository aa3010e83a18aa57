#pragma once
// A member that a move leaves at its zero value: the size or raw pointer of a view beside the
// shared_ptr that owns its storage. An implicit move moves the owner but copies a plain size and
// pointer, so the moved-from object kept its size and a view into storage it no longer held (a
// read of freed memory once the new owner let go). With this member the enclosing type keeps
// the rule of zero and a moved-from object is empty. An implementation detail, not the API.
#include <cstddef>
#include <utility>

namespace zhibiao::detail {

template <class T>
class reset_on_move {
public:
    reset_on_move() = default;
    reset_on_move(T value) : value_(value) {}  // NOLINT: stands for a T
    reset_on_move(const reset_on_move&) = default;
    reset_on_move(reset_on_move&& o) noexcept : value_(std::exchange(o.value_, T{})) {}
    reset_on_move& operator=(const reset_on_move&) = default;
    reset_on_move& operator=(reset_on_move&& o) noexcept {
        if (this != &o) value_ = std::exchange(o.value_, T{});
        return *this;
    }
    ~reset_on_move() = default;
    reset_on_move& operator=(T value) {
        value_ = value;
        return *this;
    }
    operator T() const { return value_; }  // NOLINT: reads as a T
    T get() const { return value_; }

private:
    T value_{};
};

// The public row count of a columnar struct (scorecard_result, scorecard_columns): a plain
// std::size_t `rows`, as users read, print and compare it (printf("%zu"), std::max), that a move
// leaves at 0 as it leaves the columns empty. A base, so the struct keeps the rule of zero and its
// brace initialisation (`scorecard_columns in{n, {}}`: the base takes n).
struct rows_reset_on_move {
    std::size_t rows = 0;

    rows_reset_on_move() = default;
    rows_reset_on_move(std::size_t n) : rows(n) {}  // NOLINT: the first element of a brace initialisation
    rows_reset_on_move(const rows_reset_on_move&) = default;
    rows_reset_on_move(rows_reset_on_move&& o) noexcept : rows(std::exchange(o.rows, 0)) {}
    rows_reset_on_move& operator=(const rows_reset_on_move&) = default;
    rows_reset_on_move& operator=(rows_reset_on_move&& o) noexcept {
        if (this != &o) rows = std::exchange(o.rows, 0);
        return *this;
    }
    ~rows_reset_on_move() = default;
};

}  // namespace zhibiao::detail
