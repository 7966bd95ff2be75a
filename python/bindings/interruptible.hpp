#pragma once
// Ctrl-C for long calls: interruptible(work) runs work() without the GIL so that a SIGINT
// stops it at its next interruption point (include/augury/interruption.hpp) and raises
// KeyboardInterrupt, as Ctrl-C does for Python code.
//
// Python's own SIGINT handler only records the signal; the handlers written in Python run
// later, on the main thread, holding the GIL, which a call into C++ does not give back until
// it returns. So while work() runs on the main thread, a C-level handler of ours is installed
// in front of Python's: it raises the interrupt flag work() watches and passes the signal on
// to Python's handler (both steps are async-signal-safe). Once work() has returned or
// stopped, the previous handler is restored and Python's handlers run (PyErr_CheckSignals),
// so KeyboardInterrupt, or whatever the program's SIGINT handler raises, propagates; if that
// handler raises nothing, the stopped call raises KeyboardInterrupt itself, since it has no
// result to return. The same idea as the sig_on()/sig_off() blocks of cysignals.
//
// On threads other than the main one the work runs without this (Python delivers signals to
// the main thread only), and where SIGINT is ignored or left to the system default, nothing
// is installed.

#include "bindings.hpp"

#include <augury/error.hpp>
#include <augury/interruption.hpp>

#include <atomic>
#include <exception>
#include <optional>
#include <type_traits>
#include <utility>

#ifndef _WIN32
#include <csignal>
#include <signal.h>
#endif

namespace augury::python {

namespace detail_interrupt {

/// The flag the SIGINT handler raises (nullptr: none); read in the handler.
inline std::atomic<interrupt_flag*>& active_flag() {
  static std::atomic<interrupt_flag*> flag{nullptr};
  return flag;
}

/// Python's thread id of the main thread, read when the module is imported.
inline unsigned long& main_thread_id() {
  static unsigned long id = 0;
  return id;
}

#ifndef _WIN32
/// The handler in place before ours.
inline struct sigaction& previous_action() {
  static struct sigaction action {};
  return action;
}

inline void on_sigint(int sig, siginfo_t* info, void* context) {
  if (interrupt_flag* flag = active_flag().load(std::memory_order_relaxed)) flag->request();
  const struct sigaction& prev = previous_action();
  if (prev.sa_flags & SA_SIGINFO) {
    if (prev.sa_sigaction != nullptr) prev.sa_sigaction(sig, info, context);
  } else if (prev.sa_handler != SIG_DFL && prev.sa_handler != SIG_IGN && prev.sa_handler != nullptr) {
    prev.sa_handler(sig);
  }
}

/// Installs on_sigint in front of the current SIGINT handler for its lifetime, unless
/// SIGINT is ignored or has the default action (then Ctrl-C does not reach Python either).
class sigint_hook {
 public:
  sigint_hook() {
    struct sigaction current {};
    if (sigaction(SIGINT, nullptr, &current) != 0) return;
    const bool handled = (current.sa_flags & SA_SIGINFO) ? current.sa_sigaction != nullptr
                                                         : current.sa_handler != SIG_DFL && current.sa_handler != SIG_IGN;
    if (!handled) return;
    previous_action() = current;
    struct sigaction ours {};
    ours.sa_sigaction = &on_sigint;
    ours.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&ours.sa_mask);
    installed_ = sigaction(SIGINT, &ours, nullptr) == 0;
  }
  sigint_hook(const sigint_hook&) = delete;
  sigint_hook& operator=(const sigint_hook&) = delete;
  ~sigint_hook() {
    if (installed_) sigaction(SIGINT, &previous_action(), nullptr);
  }

 private:
  bool installed_ = false;
};
#endif

}  // namespace detail_interrupt

/// Records the main thread (called once when the module is imported).
inline void init_interruptible() {
  detail_interrupt::main_thread_id() =
      py::module_::import("threading").attr("main_thread")().attr("ident").cast<unsigned long>();
}

/// Runs `work()` without the GIL; on the main thread, Ctrl-C stops it at its next
/// interruption point. Returns what work() returns; rethrows what it throws.
/// \throws py::error_already_set with KeyboardInterrupt (or what the program's SIGINT
///   handler raises) after a Ctrl-C; nothing the caller can see has been changed.
template <class F>
auto interruptible(F&& work) -> decltype(work()) {
  using result = decltype(work());
  const bool main_thread = PyThread_get_thread_ident() == detail_interrupt::main_thread_id();
  // Nested calls (work calling back into Python, which calls augury again) keep the handler
  // already in place and only swap the flag it raises.
  const bool outermost = main_thread && detail_interrupt::active_flag().load() == nullptr;
  if (!main_thread) {
    py::gil_scoped_release release;
    return work();
  }
  interrupt_flag stop;
  interrupt_flag* const outer = detail_interrupt::active_flag().exchange(&stop);
  std::exception_ptr failure;
  std::optional<std::conditional_t<std::is_void_v<result>, bool, result>> value;
  {
    py::gil_scoped_release release;
#ifndef _WIN32
    std::optional<detail_interrupt::sigint_hook> hook;
    if (outermost) hook.emplace();
#endif
    try {
      const interruption_scope watching(stop);
      if constexpr (std::is_void_v<result>) {
        work();
        value.emplace(true);
      } else {
        value.emplace(work());
      }
    } catch (...) {
      failure = std::current_exception();
    }
    detail_interrupt::active_flag().store(outer);
  }
  if (stop.requested()) {
    // Run Python's handlers now: they raise KeyboardInterrupt by default.
    if (PyErr_CheckSignals() != 0) throw py::error_already_set();
    if (failure) {
      try {
        std::rethrow_exception(failure);
      } catch (const interrupted_error&) {
        // The program's handler raised nothing, but the work stopped: report it as Ctrl-C.
        PyErr_SetNone(PyExc_KeyboardInterrupt);
        throw py::error_already_set();
      }
    }
  }
  if (failure) std::rethrow_exception(failure);
  if constexpr (!std::is_void_v<result>) return std::move(*value);
}

}  // namespace augury::python
