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

interrupt_scope::~interrupt_scope() { current_scope = previous_; }

void poll_interrupt() {
    if (current_scope && current_scope->check_) current_scope->check_();
}

void report_progress(std::size_t done, std::size_t total) {
    if (current_scope && current_scope->progress_) current_scope->progress_(done, total);
}

}  // namespace zhibiao
