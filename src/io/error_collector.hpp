#pragma once
// The error list of the collect-all read mode (read_options::collect_all_errors; private to
// src/io). Readers report a problem through it: without the option a report is thrown at
// once, exactly as before; with it the problem is kept and the reader resumes at the next
// place it can (a table, a definition, a block), and finish() throws one parse_errors.

#include <augury/detail/join.hpp>
#include <augury/error.hpp>
#include <augury/io/read_options.hpp>

#include <algorithm>
#include <cstddef>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace augury::io::detail_io {

/// Every reader's check of its options before it reads anything.
/// \throws augury::error if read_options::sum_tolerance is negative or NaN.
inline void check_read_options(const read_options& options) {
  if (!(options.sum_tolerance >= 0.0))
    throw error("read_options::sum_tolerance must be non-negative, got " + detail::format_number(options.sum_tolerance));
}

class error_collector {
 public:
  error_collector(const read_options& options, std::string source)
      : enabled_(options.collect_all_errors), source_(std::move(source)) {}

  [[nodiscard]] bool enabled() const noexcept { return enabled_; }
  [[nodiscard]] bool empty() const noexcept { return total_ == 0; }
  /// Problems kept so far (always 0 without collect mode).
  [[nodiscard]] std::size_t count() const noexcept { return total_; }

  /// Keeps `e` (collect mode only; the same problem reported twice is kept once).
  void add(const parse_error& e) {
    for (const auto& k : kept_)
      if (k.line() == e.line() && k.column() == e.column() && k.detail() == e.detail()) return;
    ++total_;
    if (kept_.size() < parse_errors::max_kept) kept_.push_back(e);
  }

  /// Throws `e` without collect mode; keeps it otherwise.
  void report(const parse_error& e) {
    if (!enabled_) throw e;
    add(e);
  }

  /// Runs `f`. Without collect mode anything it throws propagates; with it a parse_error is
  /// kept and false returned (the caller skips the rest of that unit).
  template <class F>
  bool attempt(F&& f) {
    if (!enabled_) {
      f();
      return true;
    }
    try {
      f();
      return true;
    } catch (const parse_errors&) {
      throw;
    } catch (const parse_error& e) {
      add(e);
      return false;
    }
  }

  /// In collect mode, throws parse_errors if any problem was kept, sorted into file order
  /// (problems without a line last, in the order found).
  void finish() {
    if (total_ == 0) return;
    std::vector<parse_error> sorted = kept_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const parse_error& a, const parse_error& b) {
      const auto key = [](const parse_error& e) {
        return std::make_tuple(e.line() == 0, e.line(), e.column());
      };
      return key(a) < key(b);
    });
    throw parse_errors(source_, std::move(sorted), total_);
  }

  /// Runs the whole read `f`. In collect mode a parse_error escaping it (a problem after
  /// which reading cannot go on) is kept, and everything kept is thrown as parse_errors; so
  /// is what was kept when `f` returns normally.
  template <class F>
  auto guard(F&& f) -> decltype(f()) {
    if (!enabled_) return f();
    try {
      auto result = f();
      finish();
      return result;
    } catch (const parse_errors&) {
      throw;
    } catch (const parse_error& e) {
      stop(e);
    }
  }

  /// In collect mode, keeps `e` and throws everything kept so far (for a problem after which
  /// reading cannot go on); otherwise throws `e`.
  [[noreturn]] void stop(const parse_error& e) {
    if (!enabled_) throw e;
    add(e);
    finish();
    throw e;  // not reached: finish() throws since add() kept at least one
  }

 private:
  bool enabled_;
  std::string source_;
  std::vector<parse_error> kept_;
  std::size_t total_ = 0;
};

/// Runs a whole read `f` (including the construction of the reader, which may already find
/// the text malformed). In collect mode a plain parse_error escaping it is thrown as a
/// parse_errors with that one problem, so collect mode always throws parse_errors.
template <class F>
auto read_collecting(const read_options& options, const std::string& source, F&& f) -> decltype(f()) {
  if (!options.collect_all_errors) return f();
  try {
    return f();
  } catch (const parse_errors&) {
    throw;
  } catch (const parse_error& e) {
    throw parse_errors(source, {e});
  }
}

}  // namespace augury::io::detail_io
