#pragma once
// Loops over a table and a sub-table (a table over some of its axes), used by the junction
// tree for every message and product. Not part of the public API.
//
// Both tables are row-major, last axis fastest, and the sub-table lists its axes in the same
// relative order as the table. Consecutive table axes that are all outside the sub-table, or
// all inside it with matching strides, merge into one run, so a table and a sub-table become
// an alternating list of runs: "in" runs (the sub-table index moves with the table index) and
// "out" runs (it stays put). The last two runs form the inner loop, which is one of
//   rows: an in run of R values over an out run of B values: sub[o + r] pairs with the
//         contiguous block t[r*B .. r*B + B)
//   cols: an out run of R values over an in run of B values: sub[o + b] pairs with t[r*B + b]
// and both are plain contiguous loops the compiler vectorises; the outer runs are walked by a
// small odometer. No allocation happens while a loop runs.

#include <augury/error.hpp>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace augury::detail {

/// A run of merged table axes: `count` index values; `stride` is the sub-table stride of one
/// step (0 for axes outside the sub-table).
struct axis_run {
  std::size_t count = 1;
  std::size_t stride = 0;
};

/// How a sub-table sits in a table (see the file comment).
struct sub_layout {
  std::vector<axis_run> runs;  // outermost first; never empty
  std::size_t table_size = 1;
  std::size_t sub_size = 1;
};

/// The most runs a layout may have; a table needs at least two states per merged axis, so 64
/// runs would mean more than 2^32 entries.
constexpr std::size_t max_runs = 64;

/// Builds the layout of a sub-table in a table with axis cardinalities `cards`, given for each
/// table axis its stride in the sub-table (0 if the axis is not in it). Axes of cardinality 1
/// are dropped. Sub-table strides must decrease along the table axes that are in it.
inline sub_layout make_sub_layout(const std::vector<std::size_t>& cards,
                                  const std::vector<std::size_t>& sub_strides) {
  sub_layout out;
  out.runs.clear();
  for (std::size_t a = 0; a < cards.size(); ++a) {
    out.table_size *= cards[a];
    if (sub_strides[a] != 0) out.sub_size *= cards[a];
    if (cards[a] == 1) continue;
    const std::size_t s = sub_strides[a];
    if (!out.runs.empty()) {
      axis_run& last = out.runs.back();
      if (s == 0 && last.stride == 0) {
        last.count *= cards[a];
        continue;
      }
      if (s != 0 && last.stride != 0 && last.stride == s * cards[a]) {
        last.count *= cards[a];
        last.stride = s;
        continue;
      }
    }
    out.runs.push_back(axis_run{cards[a], s});
  }
  if (out.runs.empty()) out.runs.push_back(axis_run{1, 0});
  if (out.runs.size() > max_runs)
    throw inference_error("a clique table has " + std::to_string(out.runs.size()) +
                          " alternating axis runs; at most " + std::to_string(max_runs) +
                          " are supported");
  return out;
}

/// Sum of n contiguous values, four partial sums (a fixed order, so results are reproducible).
inline double sum_of(const double* p, std::size_t n) noexcept {
  double a0 = 0.0, a1 = 0.0, a2 = 0.0, a3 = 0.0;
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    a0 += p[i];
    a1 += p[i + 1];
    a2 += p[i + 2];
    a3 += p[i + 3];
  }
  for (; i < n; ++i) a0 += p[i];
  return (a0 + a1) + (a2 + a3);
}

/// op.rows(to, so, R, B), through the fixed-width loop for B = 2, 3, 4.
template <class Op>
inline void rows_block(Op& op, std::size_t to, std::size_t so, std::size_t R, std::size_t B) {
  switch (B) {
    case 2: op.template rows_n<2>(to, so, R); return;
    case 3: op.template rows_n<3>(to, so, R); return;
    case 4: op.template rows_n<4>(to, so, R); return;
    default: op.rows(to, so, R, B);
  }
}

/// op.cols(to, so, R, B), through the fixed-width loop for B = 2, 3, 4.
template <class Op>
inline void cols_block(Op& op, std::size_t to, std::size_t so, std::size_t R, std::size_t B) {
  switch (B) {
    case 2: op.template cols_n<2>(to, so, R); return;
    case 3: op.template cols_n<3>(to, so, R); return;
    case 4: op.template cols_n<4>(to, so, R); return;
    default: op.cols(to, so, R, B);
  }
}

/// Calls op.rows(t_offset, sub_offset, R, B) or op.cols(...) for every inner block of the
/// layout, in table order (see the file comment).
template <class Op>
inline void for_each_block(const sub_layout& layout, Op& op) {
  const auto& runs = layout.runs;
  const std::size_t n = runs.size();
  if (n == 1) {
    if (runs[0].stride == 0)
      op.rows(0, 0, 1, runs[0].count);
    else
      op.cols(0, 0, 1, runs[0].count);
    return;
  }
  const axis_run& r1 = runs[n - 2];
  const axis_run& r2 = runs[n - 1];
  const bool row_kind = r2.stride == 0;  // then r1 is the last "in" run, of stride 1
  const std::size_t inner = r1.count * r2.count;
  if (n == 2) {
    if (row_kind)
      rows_block(op, 0, 0, r1.count, r2.count);
    else
      cols_block(op, 0, 0, r1.count, r2.count);
    return;
  }
  const std::size_t outer_runs = n - 2;
  std::array<std::size_t, max_runs> idx{};
  std::size_t t = 0, o = 0;
  const std::size_t steps = layout.table_size / inner;
  for (std::size_t step = 0; step < steps; ++step) {
    if (row_kind)
      rows_block(op, t, o, r1.count, r2.count);
    else
      cols_block(op, t, o, r1.count, r2.count);
    t += inner;
    for (std::size_t a = outer_runs; a-- > 0;) {
      if (++idx[a] < runs[a].count) {
        o += runs[a].stride;
        break;
      }
      o -= runs[a].stride * (runs[a].count - 1);
      idx[a] = 0;
    }
  }
}

// Each operation gives rows() and cols() for any block width B, and rows_n<B>() and
// cols_n<B>() for the widths 2 to 4, where a loop of runtime length would cost more than the
// work inside it (tables over 2- and 3-state variables).

/// sub[i] += sum of the table entries that map to i (sub must be zeroed by the caller).
struct marginalise_op {
  const double* __restrict t;
  double* __restrict sub;
  void rows(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    for (std::size_t r = 0; r < R; ++r) sub[so + r] += sum_of(t + to + r * B, B);
  }
  template <std::size_t B>
  void rows_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    const double* __restrict p = t + to;
    double* __restrict q = sub + so;
    for (std::size_t r = 0; r < R; ++r, p += B) {
      double acc = p[0];
      for (std::size_t b = 1; b < B; ++b) acc += p[b];
      q[r] += acc;
    }
  }
  void cols(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    double* __restrict q = sub + so;
    for (std::size_t r = 0; r < R; ++r) {
      const double* __restrict p = t + to + r * B;
      for (std::size_t b = 0; b < B; ++b) q[b] += p[b];
    }
  }
  template <std::size_t B>
  void cols_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    const double* __restrict p = t + to;
    double acc[B];
    for (std::size_t b = 0; b < B; ++b) acc[b] = 0.0;
    for (std::size_t r = 0; r < R; ++r, p += B)
      for (std::size_t b = 0; b < B; ++b) acc[b] += p[b];
    for (std::size_t b = 0; b < B; ++b) sub[so + b] += acc[b];
  }
};

/// t[x] *= sub[map(x)].
struct multiply_op {
  double* __restrict t;
  const double* __restrict sub;
  void rows(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    for (std::size_t r = 0; r < R; ++r) {
      const double w = sub[so + r];
      double* __restrict p = t + to + r * B;
      for (std::size_t b = 0; b < B; ++b) p[b] *= w;
    }
  }
  template <std::size_t B>
  void rows_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    double* __restrict p = t + to;
    const double* __restrict q = sub + so;
    for (std::size_t r = 0; r < R; ++r, p += B) {
      const double w = q[r];
      for (std::size_t b = 0; b < B; ++b) p[b] *= w;
    }
  }
  void cols(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    const double* __restrict q = sub + so;
    for (std::size_t r = 0; r < R; ++r) {
      double* __restrict p = t + to + r * B;
      for (std::size_t b = 0; b < B; ++b) p[b] *= q[b];
    }
  }
  template <std::size_t B>
  void cols_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    double* __restrict p = t + to;
    double w[B];
    for (std::size_t b = 0; b < B; ++b) w[b] = sub[so + b];
    for (std::size_t r = 0; r < R; ++r, p += B)
      for (std::size_t b = 0; b < B; ++b) p[b] *= w[b];
  }
};

/// dst[x] = src[x] * sub[map(x)].
struct copy_multiply_op {
  double* __restrict dst;
  const double* __restrict src;
  const double* __restrict sub;
  void rows(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    for (std::size_t r = 0; r < R; ++r) {
      const double w = sub[so + r];
      double* __restrict p = dst + to + r * B;
      const double* __restrict s = src + to + r * B;
      for (std::size_t b = 0; b < B; ++b) p[b] = s[b] * w;
    }
  }
  template <std::size_t B>
  void rows_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    double* __restrict p = dst + to;
    const double* __restrict s = src + to;
    const double* __restrict q = sub + so;
    for (std::size_t r = 0; r < R; ++r, p += B, s += B) {
      const double w = q[r];
      for (std::size_t b = 0; b < B; ++b) p[b] = s[b] * w;
    }
  }
  void cols(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    const double* __restrict q = sub + so;
    for (std::size_t r = 0; r < R; ++r) {
      double* __restrict p = dst + to + r * B;
      const double* __restrict s = src + to + r * B;
      for (std::size_t b = 0; b < B; ++b) p[b] = s[b] * q[b];
    }
  }
  template <std::size_t B>
  void cols_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    double* __restrict p = dst + to;
    const double* __restrict s = src + to;
    double w[B];
    for (std::size_t b = 0; b < B; ++b) w[b] = sub[so + b];
    for (std::size_t r = 0; r < R; ++r, p += B, s += B)
      for (std::size_t b = 0; b < B; ++b) p[b] = s[b] * w[b];
  }
};

/// t[x] = sub[map(x)] (the sub-table broadcast over the table).
struct assign_op {
  double* __restrict t;
  const double* __restrict sub;
  void rows(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    for (std::size_t r = 0; r < R; ++r) std::fill_n(t + to + r * B, B, sub[so + r]);
  }
  template <std::size_t B>
  void rows_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    rows(to, so, R, B);
  }
  void cols(std::size_t to, std::size_t so, std::size_t R, std::size_t B) const noexcept {
    for (std::size_t r = 0; r < R; ++r) std::copy_n(sub + so, B, t + to + r * B);
  }
  template <std::size_t B>
  void cols_n(std::size_t to, std::size_t so, std::size_t R) const noexcept {
    cols(to, so, R, B);
  }
};

/// sub = marginal of t onto the sub-table (sub is overwritten).
inline void marginalise(const double* t, const sub_layout& layout, double* sub) {
  std::fill_n(sub, layout.sub_size, 0.0);
  marginalise_op op{t, sub};
  for_each_block(layout, op);
}

/// t *= sub, broadcast.
inline void multiply(double* t, const sub_layout& layout, const double* sub) {
  multiply_op op{t, sub};
  for_each_block(layout, op);
}

/// dst = src * sub, broadcast (dst and src must not overlap).
inline void copy_multiply(double* dst, const double* src, const sub_layout& layout, const double* sub) {
  copy_multiply_op op{dst, src, sub};
  for_each_block(layout, op);
}

/// t = sub, broadcast.
inline void assign(double* t, const sub_layout& layout, const double* sub) {
  assign_op op{t, sub};
  for_each_block(layout, op);
}

}  // namespace augury::detail
