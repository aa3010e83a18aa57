#pragma once
// Saying where an error happened without changing what kind of error it is: a unit clash found
// while a catalogue loads stays an incompatible_units_error, with the file, line, entry and key
// added, so `catch (const unit_error&)` (Python: `except zb.UnitError`) sees it on every path.
// Private to src/.
#include <string>

#include "zhibiao/error.hpp"

namespace zhibiao::detail {

/// `inner` with the fields it lacks taken from `outer` (line and column go together).
inline location within(const location& inner, const location& outer) {
    location w = inner;
    if (w.file.empty()) w.file = outer.file;
    if (!w.line) w.line = outer.line, w.column = outer.column;
    if (w.entity.empty()) w.entity = outer.entity;
    if (w.period.empty()) w.period = outer.period;
    if (w.variable.empty()) w.variable = outer.variable;
    return w;
}

/// Throws an error of the same class as `e` (most derived of error.hpp's classes), its message
/// after `context`, its location completed by `outer`.
[[noreturn]] inline void rethrow_within(const error& e, const std::string& context, const location& outer = {}) {
    std::string message = context + e.message();
    if (auto* x = dynamic_cast<const lookup_error*>(&e)) {
        // Its message ends with the note on a name with white space at an end, which the
        // constructor below adds again.
        const std::string note = lookup_error::stray_space_note(x->name());
        if (!note.empty() && message.size() >= note.size() &&
            message.compare(message.size() - note.size(), note.size(), note) == 0)
            message.resize(message.size() - note.size());
    }
    const location where = within(e.where(), outer);
    if (auto* x = dynamic_cast<const unknown_unit_error*>(&e)) throw unknown_unit_error(x->unit_text(), message, where);
    if (dynamic_cast<const incompatible_units_error*>(&e)) throw incompatible_units_error(message, where);
    if (dynamic_cast<const unit_error*>(&e)) throw unit_error(message, where);
    if (auto* x = dynamic_cast<const missing_variable_error*>(&e))
        throw missing_variable_error(message, x->name(), where);
    if (auto* x = dynamic_cast<const unknown_indicator_error*>(&e))
        throw unknown_indicator_error(message, x->name(), where);
    if (auto* x = dynamic_cast<const lookup_error*>(&e)) throw lookup_error(message, x->name(), where);
    if (dynamic_cast<const duplicate_row_error*>(&e)) throw duplicate_row_error(message, where);
    if (dynamic_cast<const file_not_found_error*>(&e)) throw file_not_found_error(message, where);
    if (dynamic_cast<const file_error*>(&e)) throw file_error(message, where);
    if (dynamic_cast<const argument_error*>(&e)) throw argument_error(message, where);
    if (dynamic_cast<const method_error*>(&e)) throw method_error(message, where);
    if (dynamic_cast<const limit_error*>(&e)) throw limit_error(message, where);
    if (dynamic_cast<const parse_error*>(&e)) throw parse_error(message, where);
    throw error(message, where);
}

/// rethrow_within for a value read from `key` of a TOML entry (`entry`: "indicator 'x'"): the
/// file and the key's line are added. `Reader` is detail::toml_reader (kept generic so this
/// header does not pull in toml++).
template <class Reader>
[[noreturn]] void rethrow_at_key(const Reader& r, const std::string& entry, const char* key, const error& e) {
    location w;
    w.file = r.source();
    auto node = r.table()[key].node();
    w.line = static_cast<std::size_t>((node ? node->source() : r.table().source()).begin.line);
    rethrow_within(e, entry + ": key '" + key + "': ", w);
}

}  // namespace zhibiao::detail
