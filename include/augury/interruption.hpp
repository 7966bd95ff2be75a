#pragma once
/// \file
/// Stopping a long computation from outside: a flag another thread (or a signal handler)
/// raises, and interruption points in the long loops that throw interrupted_error once it is
/// raised.
///
/// The flag a thread watches is set by an interruption_scope on that thread, so the engines
/// need no extra parameter: the same design as the interruption points of Boost.Thread
/// (boost::this_thread::interruption_point). Work that spreads over threads (the batch
/// queries) hands its caller's flag to its workers.
///
/// Where the interruption points are: the triangulation search and the building of clique
/// tables when a junction tree is compiled, each case of a batch query, each elimination of
/// variable elimination, every 4096 joint states of enumeration, and each sample or candidate
/// of the analyses. They are placed where stopping loses nothing: an interrupted call leaves
/// every object the caller holds valid and as it was, except that an analysis given a
/// junction_tree may leave other (complete) evidence on it. Setting evidence on a junction
/// tree and propagating it has no interruption point, so a tree is never half-propagated.
///
/// Usage:
/// \code
///   augury::interrupt_flag stop;                 // shared with, say, a UI thread
///   std::thread ui([&] { wait_for_cancel_button(); stop.request(); });
///   try {
///     augury::interruption_scope watching(stop);
///     augury::compiled_junction_tree tree(net);  // throws interrupted_error once stopped
///   } catch (const augury::interrupted_error&) { ... }
/// \endcode

#include <augury/error.hpp>

#include <atomic>
#include <string>

namespace augury {

/// A request to stop, raised from any thread (request() is async-signal-safe: one lock-free
/// atomic store) and seen by the interruption points of every thread watching the flag.
class interrupt_flag {
 public:
  interrupt_flag() = default;
  interrupt_flag(const interrupt_flag&) = delete;
  interrupt_flag& operator=(const interrupt_flag&) = delete;

  /// Asks the computations watching this flag to stop at their next interruption point.
  void request() noexcept { requested_.store(true, std::memory_order_relaxed); }
  /// Whether a stop has been requested.
  [[nodiscard]] bool requested() const noexcept { return requested_.load(std::memory_order_relaxed); }
  /// Clears the request, so the flag can watch another computation.
  void reset() noexcept { requested_.store(false, std::memory_order_relaxed); }

 private:
  std::atomic<bool> requested_{false};
};

namespace detail {
/// The flag the current thread watches (nullptr: none).
inline const interrupt_flag*& watched_flag() noexcept {
  static thread_local const interrupt_flag* flag = nullptr;
  return flag;
}
}  // namespace detail

/// While it lives, the current thread's interruption points watch `flag` (nullptr: none).
/// Scopes nest: the destructor restores the flag watched before.
class interruption_scope {
 public:
  explicit interruption_scope(const interrupt_flag* flag) noexcept : previous_(detail::watched_flag()) {
    detail::watched_flag() = flag;
  }
  explicit interruption_scope(const interrupt_flag& flag) noexcept : interruption_scope(&flag) {}
  interruption_scope(const interruption_scope&) = delete;
  interruption_scope& operator=(const interruption_scope&) = delete;
  ~interruption_scope() { detail::watched_flag() = previous_; }

 private:
  const interrupt_flag* previous_;
};

/// The flag the current thread watches, or nullptr (to hand on to worker threads).
[[nodiscard]] inline const interrupt_flag* current_interrupt_flag() noexcept { return detail::watched_flag(); }

/// Whether the flag the current thread watches has been raised (false when it watches none).
[[nodiscard]] inline bool interruption_requested() noexcept {
  const interrupt_flag* flag = detail::watched_flag();
  return flag != nullptr && flag->requested();
}

/// An interruption point: throws interrupted_error naming `what` (the computation stopped)
/// if the flag the current thread watches has been raised. Costs a thread-local read and
/// an atomic load.
inline void interruption_point(const char* what) {
  if (interruption_requested()) throw interrupted_error(std::string(what) + " was interrupted");
}

}  // namespace augury
