#pragma once
// The one error vocabulary of zhibiao.
//
// Every exception derives from zhibiao::error, which derives from std::invalid_argument, so
// C++ callers may catch the std type and pybind11 maps anything unknown to ValueError. Each
// error carries the location of the bad input (file, line, column, entity, variable) as data,
// and what() spells it out, so a message alone is enough to find the offending cell.

#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstddef>
#include <stdexcept>
#include <string>
#include <utility>

namespace zhibiao {

/// Where a piece of bad input is. Empty fields / zero line numbers mean "not applicable".
/// Every member has an initialiser, so that `location{path}` builds under -Wextra -Werror
/// (-Wmissing-field-initializers warned for those without).
struct location {
    std::string file{};
    std::size_t line = 0;    ///< 1-based line in the file (0: not from a file)
    std::size_t column = 0;  ///< 1-based column (field) number
    std::string entity{};
    std::string period{};
    std::string variable{};

    /// "file:12:3 (entity 320602, period 2023, variable gdp)" — the parts that are set.
    std::string to_string() const {
        // Appends only: `"literal" + std::string` here made g++ 12 -O3 warn -Wrestrict (its
        // false positive PR105329) in every program including this header.
        std::string out = file;
        if (line) {
            out += out.empty() ? "line " : ":";
            out += std::to_string(line);
            if (column) {
                out += file.empty() ? ", column " : ":";
                out += std::to_string(column);
            }
        }
        std::string tail;
        auto add = [&tail](const char* label, const std::string& value) {
            if (value.empty()) return;
            if (!tail.empty()) tail += ", ";
            tail += label;
            tail += ' ';
            tail += value;
        };
        add("entity", entity);
        add("period", period);
        add("variable", variable);
        if (!tail.empty()) {
            if (!out.empty()) out += ' ';
            out += '(';
            out += tail;
            out += ')';
        }
        return out;
    }
    bool empty() const { return file.empty() && !line && entity.empty() && period.empty() && variable.empty(); }
};

/// Base of every zhibiao exception.
class error : public std::invalid_argument {
public:
    error(const error&) = default;  // declared, as the destructor is: -Wdeprecated-copy-dtor
    error& operator=(const error&) = default;
    /// Defined out of line (src/core/error.cpp), as every error class's destructor: the key
    /// function, so each class has one vtable and typeinfo, in the library, which a program
    /// catches by type across a shared library (clang: -Wweak-vtables).
    ~error() override;
    explicit error(const std::string& message, location where = {})
        : std::invalid_argument(compose(message, where)), message_(message), where_(std::move(where)) {}
    /// The message without the location prefix.
    const std::string& message() const noexcept { return message_; }
    const location& where() const noexcept { return where_; }

private:
    static std::string compose(const std::string& message, const location& where) {
        return where.empty() ? message : where.to_string() + ": " + message;
    }
    std::string message_;
    location where_;
};

/// Text that does not follow its grammar: a CSV cell, a unit, a period, a TOML file.
class parse_error : public error {
public:
    parse_error(const parse_error&) = default;
    parse_error& operator=(const parse_error&) = default;
    ~parse_error() override;
    using error::error;
};

/// Base of unit problems.
class unit_error : public error {
public:
    unit_error(const unit_error&) = default;
    unit_error& operator=(const unit_error&) = default;
    ~unit_error() override;
    using error::error;
};

/// A unit symbol nobody knows ("万美元", "kg" ...). `unit_text()` is the offending text.
namespace detail {
/// " (did you mean '万元'?)" for a unit text that is not one, else a short list of the units
/// there are; "" for a text too long to be a misspelt unit. Defined with the unit grammar
/// (src/core/units.cpp).
std::string unit_suggestion(const std::string& text);
}  // namespace detail

class unknown_unit_error : public unit_error {
public:
    unknown_unit_error(const unknown_unit_error&) = default;
    unknown_unit_error& operator=(const unknown_unit_error&) = default;
    ~unknown_unit_error() override;
    unknown_unit_error(std::string text, location where = {})
        : unit_error("unknown unit '" + text + "'" + detail::unit_suggestion(text), std::move(where)),
          text_(std::move(text)) {}
    /// The same error with context around the message (the entry and key of a file).
    unknown_unit_error(std::string text, const std::string& message, location where)
        : unit_error(message, std::move(where)), text_(std::move(text)) {}
    const std::string& unit_text() const noexcept { return text_; }

private:
    std::string text_;
};

/// Two units that cannot convert into each other (万元 → 人), or a variable without the unit
/// it must have.
class incompatible_units_error : public unit_error {
public:
    incompatible_units_error(const incompatible_units_error&) = default;
    incompatible_units_error& operator=(const incompatible_units_error&) = default;
    ~incompatible_units_error() override;
    using unit_error::unit_error;
};

/// Base of "a name that should exist does not" errors; Python sees these as KeyError too. A name
/// with white space at an end gets a note showing it (' gdp'), which the quotes alone hide.
class lookup_error : public error {
public:
    lookup_error(const lookup_error&) = default;
    lookup_error& operator=(const lookup_error&) = default;
    ~lookup_error() override;
    lookup_error(const std::string& message, std::string name, location where = {})
        : error(message + stray_space_note(name), std::move(where)), name_(std::move(name)) {}
    /// The name that was looked up.
    const std::string& name() const noexcept { return name_; }

    /// "; note: ' gdp' begins with a space" for a name with white space at an end, else "".
    static std::string stray_space_note(const std::string& name) {
        if (name.empty()) return {};
        const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
        const bool begins = space(name.front()), ends = space(name.back());
        if (!begins && !ends) return {};
        std::string shown;
        for (char c : name) shown += c == '\t' ? "\\t" : c == '\n' ? "\\n" : c == '\r' ? "\\r" : std::string(1, c);
        const char* where = begins && ends ? "begins and ends" : begins ? "begins" : "ends";
        return std::string("; note: '").append(shown).append("' ").append(where).append(" with white space");
    }

private:
    std::string name_;
};

/// An indicator id that is not in the catalogue.
class unknown_indicator_error : public lookup_error {
public:
    unknown_indicator_error(const unknown_indicator_error&) = default;
    unknown_indicator_error& operator=(const unknown_indicator_error&) = default;
    ~unknown_indicator_error() override;
    using lookup_error::lookup_error;
};

/// A variable that an indicator needs but the panel lacks.
class missing_variable_error : public lookup_error {
public:
    missing_variable_error(const missing_variable_error&) = default;
    missing_variable_error& operator=(const missing_variable_error&) = default;
    ~missing_variable_error() override;
    using lookup_error::lookup_error;
};

/// The same (entity, period) — or (entity, period, variable) in long form — given twice.
class duplicate_row_error : public error {
public:
    duplicate_row_error(const duplicate_row_error&) = default;
    duplicate_row_error& operator=(const duplicate_row_error&) = default;
    ~duplicate_row_error() override;
    using error::error;
};

/// Data for which a method has no answer: a constant indicator under min-max or z-score, a
/// singular correlation matrix under PCA, an AHP matrix that is not reciprocal or too
/// inconsistent, a geometric mean of zeros. The message names the method, the group and the
/// indicator.
class method_error : public error {
public:
    method_error(const method_error&) = default;
    method_error& operator=(const method_error&) = default;
    ~method_error() override;
    using error::error;
};

/// An input that would need more resources than zhibiao allows (declared sizes, nesting).
class limit_error : public error {
public:
    limit_error(const limit_error&) = default;
    limit_error& operator=(const limit_error&) = default;
    ~limit_error() override;
    using error::error;
};

/// An argument a function does not accept: an option value outside its vocabulary (the message
/// offers "did you mean"), or a matrix or vector whose shape does not match the others.
class argument_error : public error {
public:
    argument_error(const argument_error&) = default;
    argument_error& operator=(const argument_error&) = default;
    ~argument_error() override;
    using error::error;
};

/// A file that cannot be read as input: not a regular file (a directory, a device, a pipe),
/// or unreadable. `where().file` names it.
class file_error : public error {
public:
    file_error(const file_error&) = default;
    file_error& operator=(const file_error&) = default;
    ~file_error() override;
    using error::error;
};

/// A file that does not exist (Python: a FileNotFoundError too).
class file_not_found_error : public file_error {
public:
    file_not_found_error(const file_not_found_error&) = default;
    file_not_found_error& operator=(const file_not_found_error&) = default;
    ~file_not_found_error() override;
    using file_error::file_error;
};

}  // namespace zhibiao
