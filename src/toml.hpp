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
