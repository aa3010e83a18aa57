// The thread's interrupt check and progress: a pointer to the innermost scope, so that a poll
// with no scope costs one thread-local load.
#include "zhibiao/interrupt.hpp"

#include <utility>

namespace zhibiao {
namespace {
thread_local const interrupt_scope* current_scope = nullptr;
}  // namespace

interrupt_scope::interrupt_scope(std::function<void()> check, progress_function progress)
    : check_(std::move(check)), progress_(std::move(progress)), previous_(current_scope) {
    current_scope = this;
}

// Scopes usually end innermost first; one that ends while a later one is still in force (scopes
// in std::unique_ptrs, let go in another order) is taken out of the chain there. Restoring its
// `previous_` unconditionally made the thread's scope a freed one, called by the next poll.
interrupt_scope::~interrupt_scope() {
    if (current_scope == this) {
        current_scope = previous_;
        return;
    }
    for (const interrupt_scope* later = current_scope; later; later = later->previous_)
        if (later->previous_ == this) {
            later->previous_ = previous_;
            return;
        }
}

void poll_interrupt() {
    if (current_scope && current_scope->check_) current_scope->check_();
}

void report_progress(std::size_t done, std::size_t total) {
    if (current_scope && current_scope->progress_) current_scope->progress_(done, total);
}

}  // namespace zhibiao
