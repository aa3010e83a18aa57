// The thread's interrupt check: a pointer to the innermost scope's function, so that a poll with
// no scope costs one thread-local load.
#include "zhibiao/interrupt.hpp"

#include <utility>

namespace zhibiao {
namespace {
thread_local const std::function<void()>* current_check = nullptr;
}  // namespace

interrupt_scope::interrupt_scope(std::function<void()> check) : check_(std::move(check)), previous_(current_check) {
    current_check = &check_;
}

interrupt_scope::~interrupt_scope() { current_check = previous_; }

void poll_interrupt() {
    if (current_check && *current_check) (*current_check)();
}

}  // namespace zhibiao
