#pragma once
// What a zhibiao::error says when `f` throws one ("(no error)" when it does not), and whether a
// text contains a part: for tests that check the words of an error message.
#include <string>

#include "zhibiao/error.hpp"

namespace zhibiao::testing {

template <class F>
std::string message_of(F&& f) {
    try {
        f();
    } catch (const error& e) {
        return e.what();
    }
    return "(no error)";
}

inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace zhibiao::testing
