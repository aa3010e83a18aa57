#pragma once
// What a text accessor returns on a temporary: a std::string of its own that refuses to become a
// std::string_view while it is itself a temporary. A plain std::string converts to a view without
// a word, so `std::string_view v = extract_table(text).facts.figure(0);` compiled and pointed into
// freed memory once the statement ended; with this type that line does not compile, while
// `std::string s = ...`, `auto s = ...`, `== "..."` and streaming work as for a std::string.
#include <string>
#include <string_view>
#include <utility>

namespace zhibiao {

class text_copy : public std::string {
public:
    explicit text_copy(std::string text) : std::string(std::move(text)) {}
    explicit text_copy(std::string_view text) : std::string(text) {}
    // Hides std::string's conversion (same target type): a named copy converts, a temporary not.
    operator std::string_view() const& noexcept { return {data(), size()}; }  // NOLINT: as std::string does
    operator std::string_view() && = delete;  // the view would outlive the copy: name it first
};

}  // namespace zhibiao
