#pragma once
// Abandoning a long call from outside (Ctrl-C in Python, a deadline in a server).
//
// While an interrupt_scope lives on a thread, the library's long loops running on that thread
// call its function between blocks of work (poll_interrupt): the Copeland and outranking pair
// loops, the scorecard gap's search firm by firm, a composite build between its steps, validate()
// between its rules. The function may throw; the call then unwinds — every result it was making
// is freed, nothing half-made is returned — and the exception reaches the caller unchanged. Loops that run on
// worker threads poll only where no worker is running, so a throw never leaves a thread behind.
// Roll-up takes the same kind of function per call (rollup_options::check_interrupt).

//
// The same scope may carry a progress function: the loops that know how much work is left call
// report_progress(done, total) next to their poll (compute: indicators; validate: rules;
// scorecard explanations and gaps: firms), so a progress bar advances as the work does.
#include "zhibiao/config.hpp"  // first: refuses flags that change the layout of zhibiao's types
#include <cstddef>
#include <functional>

namespace zhibiao {

/// Told `done` of `total` units of work (indicators, firms) of the current call.
using progress_function = std::function<void(std::size_t done, std::size_t total)>;

class interrupt_scope {
public:
    /// `check` is called from poll_interrupt() on this thread until the scope ends; it should be
    /// cheap (the Python bindings' check reads a clock and looks at signals every 50 ms).
    /// `progress`, if given, is called from report_progress() on this thread; it may throw too.
    explicit interrupt_scope(std::function<void()> check, progress_function progress = {});
    /// Ends this scope on its thread, in any order: a scope ended before a scope begun after it
    /// (held in a std::unique_ptr, say) leaves the others in force. End it on the thread that
    /// began it.
    ~interrupt_scope();
    interrupt_scope(const interrupt_scope&) = delete;
    interrupt_scope& operator=(const interrupt_scope&) = delete;

private:
    friend void poll_interrupt();
    friend void report_progress(std::size_t done, std::size_t total);
    std::function<void()> check_;
    progress_function progress_;
    /// The scope that was innermost when this one began; changed when that one ends first.
    mutable const interrupt_scope* previous_;
};

/// Runs the check of the innermost interrupt_scope of this thread, if any (it may throw).
void poll_interrupt();

/// Tells the innermost interrupt_scope of this thread, if it has a progress function, that
/// `done` of `total` units are done; nothing otherwise (one thread-local load).
void report_progress(std::size_t done, std::size_t total);

}  // namespace zhibiao
