#pragma once
// Abandoning a long call from outside (Ctrl-C in Python, a deadline in a server).
//
// While an interrupt_scope lives on a thread, the library's long loops running on that thread
// call its function between blocks of work (poll_interrupt): the Copeland and outranking pair
// loops, the scorecard gap's search firm by firm, a composite build between its steps. The
// function may throw; the call then unwinds — every result it was making is freed, nothing
// half-made is returned — and the exception reaches the caller unchanged. Loops that run on
// worker threads poll only where no worker is running, so a throw never leaves a thread behind.
// Roll-up takes the same kind of function per call (rollup_options::check_interrupt).

#include <functional>

namespace zhibiao {

class interrupt_scope {
public:
    /// `check` is called from poll_interrupt() on this thread until the scope ends; it should be
    /// cheap (the Python bindings' check reads a clock and looks at signals every 50 ms).
    explicit interrupt_scope(std::function<void()> check);
    ~interrupt_scope();
    interrupt_scope(const interrupt_scope&) = delete;
    interrupt_scope& operator=(const interrupt_scope&) = delete;

private:
    std::function<void()> check_;
    const std::function<void()>* previous_;
};

/// Runs the check of the innermost interrupt_scope of this thread, if any (it may throw).
void poll_interrupt();

}  // namespace zhibiao
