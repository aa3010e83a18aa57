#pragma once
// Private to the bindings: one register function per area, called from module.cpp.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "zhibiao/detail/edit_distance.hpp"
#include "zhibiao/error.hpp"
#include "zhibiao/interrupt.hpp"

namespace zhibiao {
struct indicator_values;
enum class elapsed_basis : std::uint8_t;
}  // namespace zhibiao

namespace zhibiao::python {
namespace py = pybind11;

void register_errors(py::module_& m);
void register_units(py::module_& m);
void register_panel(py::module_& m);
void register_compute(py::module_& m);
void register_engine(py::module_& m);
void register_patents(py::module_& m);
void register_scorecards(py::module_& m);
void register_composite(py::module_& m);
void register_mcdm(py::module_& m);
void register_extract(py::module_& m);
void register_loading_rules(py::module_& m);
void register_uncertainty(py::module_& m);
void register_uncertainty_config(py::module_& m);

/// A shared_ptr that keeps a Python object alive from C++ and releases it under the GIL, so
/// a panel column can view a NumPy buffer without copying it.
std::shared_ptr<const void> keep_alive(py::object object);

/// A NumPy array owning a copy of `n` values at `data` (results whose storage C++ keeps).
template <class T>
py::array_t<T> copy_to_numpy(const T* data, std::size_t n) {
    py::array_t<T> out(static_cast<py::ssize_t>(n));
    std::copy(data, data + n, out.mutable_data());
    return out;
}
template <class T, class Allocator>
py::array_t<T> copy_to_numpy(const std::vector<T, Allocator>& v) {
    return copy_to_numpy(v.data(), v.size());
}
/// Reason codes (one byte each) as a uint8 array.
template <class R>
py::array_t<std::uint8_t> reasons_to_numpy(const std::vector<R>& v) {
    static_assert(sizeof(R) == 1, "reason codes are one byte");
    return copy_to_numpy(reinterpret_cast<const std::uint8_t*>(v.data()), v.size());
}

/// NumPy views (no copy) of a computed column's values and reason codes, each holding the
/// column's storage (compute()'s block for all its columns) alive through a capsule as its base.
py::array_t<double> values_to_numpy(const indicator_values& column);
py::array_t<std::uint8_t> reason_codes_to_numpy(const indicator_values& column);

/// compute's `strict` (True/False only) and `basis` ("month" or "day") arguments, checked.
bool flag_from(py::handle value, const char* name);
elapsed_basis basis_from(const std::string& basis);

/// Ctrl-C for long C++ calls that run without the GIL: a check made on the calling thread before
/// the GIL is released and called from the C++ work, on that thread, between blocks of work.
/// A call costs a clock read; every 50 ms it takes the GIL and runs PyErr_CheckSignals(), and a
/// pending KeyboardInterrupt (or what a Python signal handler raises) is thrown as
/// py::error_already_set: the C++ call unwinds (its destructors free what it allocated) and Python
/// sees that exception. Calls from other threads do nothing: Python handles signals on the main
/// thread only. The bindings use it through `interruptible` (below), whose scope the library's
/// long loops poll (zhibiao/interrupt.hpp).
class interrupt_check {
public:
    interrupt_check() : thread_(std::this_thread::get_id()), last_(std::chrono::steady_clock::now()) {}
    void operator()() {
        if (std::this_thread::get_id() != thread_) return;
        const auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(50)) return;
        last_ = now;
        py::gil_scoped_acquire gil;
        if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    }

private:
    std::thread::id thread_;
    std::chrono::steady_clock::time_point last_;
};

/// The Python progress callback, callback(done, total), set by _core._set_progress (None: none);
/// the zhibiao package sets it around a call (zhibiao._progress.reporting).
inline py::object& progress_callback() {
    static py::object* callback = new py::object();  // never destroyed: no Python call at exit
    return *callback;
}

/// Progress for the library's report_progress() calls: the Python callback, called on the
/// calling thread under the GIL at most every 100 ms (and for the last unit); what it raises
/// unwinds the C++ call like an interrupt.
class progress_report {
public:
    progress_report() : thread_(std::this_thread::get_id()), last_(std::chrono::steady_clock::now()) {}
    void operator()(std::size_t done, std::size_t total) {
        if (std::this_thread::get_id() != thread_) return;
        const auto now = std::chrono::steady_clock::now();
        if (done + 1 < total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        py::gil_scoped_acquire gil;
        if (progress_callback() && !progress_callback().is_none()) progress_callback()(done, total);
    }

private:
    std::thread::id thread_;
    std::chrono::steady_clock::time_point last_;
};

/// Ctrl-C for the library's own polls (zhibiao/interrupt.hpp): the C++ loops that call
/// poll_interrupt() on this thread check for KeyboardInterrupt while it lives, and their
/// report_progress() calls reach the Python progress callback when one is set. Make one before
/// releasing the GIL (it is made with the GIL held):
///
///     interruptible ctrl_c;
///     { py::gil_scoped_release release; result = copeland(x, w); }
class interruptible {
public:
    interruptible() : scope_([this] { check_(); }, progress_function_if_set()) {}

private:
    progress_function progress_function_if_set() {
        if (!progress_callback() || progress_callback().is_none()) return {};
        return [this](std::size_t done, std::size_t total) { progress_(done, total); };
    }
    interrupt_check check_;
    progress_report progress_;
    interrupt_scope scope_;
};

/// _core._set_progress(callback or None): the progress callback of the following long calls.
inline void register_progress(py::module_& m) {
    m.def(
        "_set_progress", [](py::object callback) { progress_callback() = std::move(callback); }, py::arg("callback"),
        "callback(done, total) for the long calls that report progress (compute, scorecard explain and gap); None: "
        "none");
}

/// A path from Python as the bytes the OS uses (os.fsencode): str, bytes or os.PathLike, also a
/// str that holds undecodable bytes as surrogates (a file name that is not UTF-8).
inline std::string fs_path(const py::handle& path) {
    py::object encoded = py::module_::import("os").attr("fsencode")(path);
    return encoded.cast<std::string>();
}

/// The ArgumentError for `value`, no choice of `parameter`: "policy must be 'low', 'high' or
/// 'mid', not 'HIGH' (did you mean 'high'?)".
inline argument_error unknown_choice(const std::string& parameter, const std::string& value,
                                     const std::vector<std::string>& choices) {
    std::string listed;
    for (std::size_t k = 0; k < choices.size(); ++k)
        listed += (k == 0 ? "" : k + 1 == choices.size() ? " or " : ", ") + ("'" + choices[k] + "'");
    return argument_error(parameter + " must be " + listed + ", not '" + value + "'" +
                          detail::suggestion(value, choices, detail::as_written));
}

/// A read-only NumPy view of `size` doubles at `data`, whose base keeps `owner` alive.
py::array read_only_view(const double* data, std::size_t size, std::shared_ptr<const void> owner);
}  // namespace zhibiao::python
