#pragma once
/// \file
/// The evidence of a set of reports: one likelihood finding per indicator.
///
/// Reports without an upstream source are independent given their indicator, so their
/// likelihoods (report_likelihood) multiply. Reports on one indicator that name the same
/// upstream source form a group that enters through the latent claim node of provenance.hpp:
/// the group contributes L_u(x) = sum_c P(C_u = c | X = x) prod_i P(report_i | C_u = c),
/// and the groups and independent reports of an indicator multiply. The upstream channel of
/// a group comes from its `upstream_grade` (non-empty values in one group must agree) or,
/// when no report gives one, from the most reliable grade (highest fidelity; the earliest
/// added among equals) of its reports. A group is the same (indicator, upstream) pair: one
/// wire story that speaks of two indicators makes two claims.
///
/// Every finding is kept divided by its largest entry; only ratios of a likelihood matter,
/// so this changes no posterior and keeps long runs of reports from underflowing.

#include <augury/model/bayesian_network.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/provenance.hpp>
#include <augury/scenario/report.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace augury {

/// Accumulates reports into one likelihood finding per indicator (see the file comment).
/// Holds references to the network and grading table, which must outlive it.
class report_evidence {
 public:
  /// No reports yet, on `net` with weights from `grading`.
  explicit report_evidence(const bayesian_network& net,
                           const grading_table& grading = default_grading_table())
      : net_(&net), grading_(&grading) {}

  /// Adds a report and returns the id of its indicator.
  /// \throws report_error as report_likelihood, or if the report's upstream grade differs
  ///   from one given earlier in its group (naming both).
  var_id add(const report& r) {
    const auto state = detail::checked_report_state(*net_, r);
    const var_id v = net_->id(r.indicator);
    const std::size_t k = net_->var(v).cardinality();
    if (r.upstream.empty()) {
      auto& acc = independent_.try_emplace(v, std::vector<double>(k, 1.0)).first->second;
      multiply_scaled(acc, report_likelihood(*net_, r, *grading_));
    } else {
      auto it = groups_.find({v, r.upstream});
      if (it == groups_.end()) it = groups_.emplace(std::make_pair(v, r.upstream), group_info(k)).first;
      group_info& g = it->second;
      if (!r.upstream_grade.empty()) {
        if (g.explicit_grade.empty()) {
          g.explicit_grade = r.upstream_grade;
          g.explicit_from = r.date;
        } else if (upper(g.explicit_grade) != upper(r.upstream_grade)) {
          throw report_error("report of " + r.date + " on '" + r.indicator + "' gives upstream '" +
                             r.upstream + "' the grade " + r.upstream_grade + ", but the report of " +
                             g.explicit_from + " gave it " + g.explicit_grade +
                             "; the reports of one upstream source must agree on its grade");
        }
      }
      const double r_own = grading_->fidelity(r.grade);
      if (g.group.size() == 0 || r_own > g.best_fidelity) {
        g.best_fidelity = r_own;
        g.best_grade = r.grade;
      }
      g.group.add_copy(*state, r.copy_fidelity.value_or(grading_->copy_fidelity()));
    }
    ++count_;
    return v;
  }

  /// Adds every report of `reports` in order. \throws as add().
  void add(const std::vector<report>& reports) {
    for (const auto& r : reports) add(r);
  }

  /// Number of reports added.
  [[nodiscard]] std::size_t size() const noexcept { return count_; }

  /// The indicators with at least one report, in increasing id order.
  [[nodiscard]] std::vector<var_id> indicators() const {
    std::vector<var_id> out;
    for (const auto& [v, acc] : independent_) out.push_back(v);
    for (const auto& [key, g] : groups_) out.push_back(key.first);
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  /// Number of independent pieces of evidence: reports without an upstream, plus one per
  /// (indicator, upstream) group.
  [[nodiscard]] std::size_t independent_sources() const noexcept {
    std::size_t grouped = 0;
    for (const auto& entry : groups_) grouped += entry.second.group.size();
    return count_ - grouped + groups_.size();
  }

  /// The combined likelihood finding on indicator `v`: card(v) entries in state order,
  /// largest entry 1 (all ones if no report is about v; all zeros if the reports contradict
  /// each other outright).
  [[nodiscard]] std::vector<double> likelihood(var_id v) const {
    std::vector<double> out(net_->var(v).cardinality(), 1.0);
    if (const auto it = independent_.find(v); it != independent_.end()) out = it->second;
    for (const auto& [key, g] : groups_) {
      if (key.first != v) continue;
      const std::string& grade = g.explicit_grade.empty() ? g.best_grade : g.explicit_grade;
      multiply_scaled(out, g.group.likelihood(grading_->hit_rate(grade, out.size())));
    }
    return out;
  }

  /// The finding of every indicator with a report (indicators()).
  [[nodiscard]] std::map<var_id, std::vector<double>> likelihoods() const {
    std::map<var_id, std::vector<double>> out;
    for (var_id v : indicators()) out.emplace(v, likelihood(v));
    return out;
  }

  /// The grade that sets the upstream channel of the group (indicator `v`, `upstream`), or
  /// "" if there is no such group.
  [[nodiscard]] std::string upstream_grade(var_id v, const std::string& upstream) const {
    const auto it = groups_.find({v, upstream});
    if (it == groups_.end()) return std::string();
    return it->second.explicit_grade.empty() ? it->second.best_grade : it->second.explicit_grade;
  }

 private:
  struct group_info {
    explicit group_info(std::size_t k) : group(k) {}
    shared_source_group group;
    std::string explicit_grade, explicit_from, best_grade;
    double best_fidelity = 0.0;
  };

  static void multiply_scaled(std::vector<double>& acc, const std::vector<double>& l) {
    double top = 0.0;
    for (std::size_t i = 0; i < acc.size(); ++i) {
      acc[i] *= l[i];
      top = std::max(top, acc[i]);
    }
    if (top > 0.0)
      for (double& x : acc) x /= top;
  }
  static std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
  }

  const bayesian_network* net_;
  const grading_table* grading_;
  std::map<var_id, std::vector<double>> independent_;
  std::map<std::pair<var_id, std::string>, group_info> groups_;
  std::size_t count_ = 0;
};

/// One independent piece of evidence: a report without an upstream, or all the reports on
/// one indicator that share one upstream source.
struct evidence_unit {
  /// The indicator.
  var_id indicator = 0;
  /// The unit's likelihood finding on the indicator (only its ratios matter).
  std::vector<double> likelihood;
  /// Indices of its reports in the input list, in input order.
  std::vector<std::size_t> reports;
  /// The shared upstream source ("" for a single independent report).
  std::string upstream;
};

/// The independent pieces of evidence of `reports`, in the order of their first report.
/// The product of all units' likelihoods on an indicator is the indicator's combined
/// finding (report_evidence::likelihood), up to a constant factor.
/// \throws report_error as report_evidence::add.
[[nodiscard]] inline std::vector<evidence_unit> evidence_units(
    const bayesian_network& net, const std::vector<report>& reports,
    const grading_table& grading = default_grading_table()) {
  report_evidence check(net, grading);
  check.add(reports);  // validates every report and every group first
  std::vector<evidence_unit> units;
  std::map<std::pair<var_id, std::string>, std::size_t> group_unit;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const report& r = reports[i];
    const var_id v = net.id(r.indicator);
    if (r.upstream.empty()) {
      units.push_back({v, report_likelihood(net, r, grading), {i}, {}});
      continue;
    }
    const auto [it, added] = group_unit.try_emplace({v, r.upstream}, units.size());
    if (added) units.push_back({v, {}, {}, r.upstream});
    units[it->second].reports.push_back(i);
  }
  for (auto& u : units) {
    if (u.upstream.empty()) continue;
    report_evidence group(net, grading);
    for (std::size_t i : u.reports) group.add(reports[i]);
    u.likelihood = group.likelihood(u.indicator);
  }
  return units;
}

/// The combined likelihood findings of `reports` on `net` (report_evidence), one per
/// indicator with a report.
/// \throws report_error as report_evidence::add.
[[nodiscard]] inline std::map<var_id, std::vector<double>> combined_likelihoods(
    const bayesian_network& net, const std::vector<report>& reports,
    const grading_table& grading = default_grading_table()) {
  report_evidence evidence(net, grading);
  evidence.add(reports);
  return evidence.likelihoods();
}

}  // namespace augury
