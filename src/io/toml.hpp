#pragma once
// toml++ 3.3 as Debian 12 ships it, made safe for hostile input. Its internal assertions become
// optimiser assumptions under NDEBUG — undefined behaviour when one fails, and fuzzing shows that
// malformed input reaches several ("[)", "a=[}"; upstream issues #190, #295). Here they throw
// toml_internal_error, which the loaders report as a parse_error naming the file. Include this
// header, never <toml++/toml.h> directly. Private to src/.
#include <stdexcept>
#include <string>

namespace zhibiao::detail {
struct toml_internal_error : std::logic_error {
    using std::logic_error::logic_error;
};
// A function, not a throw-expression, so that checks inside toml++'s few noexcept helpers (path
// components, unused here) would end the program cleanly instead of failing the build.
[[noreturn]] inline void toml_check_failed(const char* what) {
    throw toml_internal_error(std::string("the TOML reader's check failed: ") + what);
}
}  // namespace zhibiao::detail

#ifdef NDEBUG
#define ZHIBIAO_TOML_RESTORE_NDEBUG
#undef NDEBUG
#endif
#define TOML_ASSERT(expr) ((expr) ? static_cast<void>(0) : ::zhibiao::detail::toml_check_failed(#expr))
#define TOML_HEADER_ONLY 1
#define TOML_EXCEPTIONS 1
#include <toml++/toml.h>
#ifdef ZHIBIAO_TOML_RESTORE_NDEBUG
#define NDEBUG
#undef ZHIBIAO_TOML_RESTORE_NDEBUG
#endif

#include <algorithm>
#include <initializer_list>
#include <string_view>
#include <utility>
#include <vector>

#include "core/text.hpp"
#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"

namespace zhibiao::detail {

/// A parsed TOML document: the text checked and made safe for toml++ (text.hpp), parsed, and kept
/// "active" while it lives so that strings read from it get their swapped code points back.
/// Errors of any kind become a parse_error naming `source`, line and column.
class toml_document {
public:
    toml_document(std::string_view text, const std::string& source) : safe_(text, source), scope_(safe_) {
        location w;
        w.file = source;
        try {
            root_ = toml::parse(safe_.text(), source);
        } catch (const toml_internal_error& e) {
            throw parse_error(std::string("malformed TOML (") + e.what() + ")", w);
        } catch (const toml::parse_error& e) {
            w.line = static_cast<std::size_t>(e.source().begin.line);
            w.column = static_cast<std::size_t>(e.source().begin.column);
            throw parse_error(std::string(e.description()), w);
        }
    }
    toml_document(const toml_document&) = delete;
    toml_document& operator=(const toml_document&) = delete;
    const toml::table& root() const { return root_; }

private:
    toml_text safe_;
    toml_text_scope scope_;
    toml::table root_;
};

/// Reads the keys of one table, with errors that name the file, the line, the entry (`what`,
/// e.g. "item 'rd_points'") and the key.
class toml_reader {
public:
    toml_reader(const toml::table& t, std::string source, std::string what)
        : t_(t), source_(std::move(source)), what_(std::move(what)) {}

    std::string text(const char* key, bool required = false) const {
        auto node = t_[key];
        if (!node) {
            if (required) fail(key, "is missing");
            return {};
        }
        if (!node.is_string()) fail(key, "must be a string");
        return restored(std::string(*node.value<std::string>()));
    }
    double number(const char* key, double fallback, bool required = false) const {
        auto node = t_[key];
        if (!node) {
            if (required) fail(key, "is missing");
            return fallback;
        }
        if (!node.is_number()) fail(key, "must be a number");
        return *node.value<double>();
    }
    bool flag(const char* key) const {
        auto node = t_[key];
        if (!node) return false;
        if (!node.is_boolean()) fail(key, "must be true or false");
        return *node.value<bool>();
    }
    std::vector<std::string> texts(const char* key) const {
        std::vector<std::string> out;
        auto node = t_[key];
        if (!node) return out;
        const toml::array* a = node.as_array();
        if (!a) fail(key, "must be an array of strings");
        for (const auto& e : *a) {
            if (!e.is_string()) fail(key, "must be an array of strings");
            out.push_back(restored(std::string(*e.value<std::string>())));
        }
        return out;
    }
    /// Refuses a key of the table that is not among `keys`: a misspelt key (`mn = 1` for
    /// `min = 1`) would otherwise be ignored and its default used in silence. The message names
    /// the file, the line and the key, with the key it most likely means, else the keys there are.
    void allow_only(std::initializer_list<std::string_view> keys) const {
        for (const auto& [key, node] : t_) {
            (void)node;
            const std::string_view k = key.str();
            if (std::find(keys.begin(), keys.end(), k) != keys.end()) continue;
            std::string hint = suggestion(k, keys, [](std::string_view w) { return w; });
            if (hint.empty()) {
                hint = " (the keys are ";
                for (std::string_view w : keys) {
                    if (w != *keys.begin()) hint += ", ";
                    hint += w;
                }
                hint += ")";
            }
            fail(std::string(k), "is not a key" + hint);
        }
    }
    /// The same table read as another entry (once its id is known).
    toml_reader as(std::string what) const { return {t_, source_, std::move(what)}; }
    const toml::table& table() const { return t_; }
    const std::string& source() const { return source_; }
    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        location w;
        w.file = source_;
        auto node = t_[key].node();
        w.line = static_cast<std::size_t>((node ? node->source() : t_.source()).begin.line);
        throw parse_error(what_ + ": key '" + key + "' " + problem, w);
    }

private:
    const toml::table& t_;
    std::string source_;
    std::string what_;
};

/// Calls f(reader) for every table of the array `key` ([[key]]); an absent key is empty.
template <class F>
void each_toml_table(const toml::table& root, const char* key, const std::string& source, F&& f) {
    auto node = root[key];
    if (!node) return;
    location w;
    w.file = source;
    const toml::array* a = node.as_array();
    if (!a) throw parse_error(std::string("'") + key + "' must be an array of tables ([[" + key + "]])", w);
    std::size_t index = 0;
    for (const auto& item : *a) {
        ++index;
        const toml::table* t = item.as_table();
        if (!t) throw parse_error(std::string(key) + " #" + std::to_string(index) + " is not a table", w);
        f(toml_reader(*t, source, std::string(key) + " #" + std::to_string(index)));
    }
}

}  // namespace zhibiao::detail
