#pragma once
/// \file
/// The UAI formats of the probabilistic-inference evaluations (UAI 2008 to 2022): model files
/// (`.uai`, `BAYES` or `MARKOV`), evidence files (`.evid`, in the UAI 2014 single-line
/// layout and the older UAI 2010 multi-sample layout), and the result files of the MAR task
/// (`.MAR`: one marginal per variable) and the PR task (`.PR`: log10 of the partition
/// function given the evidence). The grammar, every check the readers make and the naming
/// convention are described in `docs/formats/uai.md`.
///
/// A model file lists n cardinalities, m factor scopes (`k v1 ... vk`), then each factor's
/// table: its size and its values with the **last scope variable varying fastest**, which is
/// augury's factor layout, so tables are stored exactly as written. In a `BAYES` file the
/// child of each CPT is the last variable of its scope and the others are its parents, in
/// scope order: the layout of augury::cpt. UAI variables have no names; the readers call
/// variable i `v<i>` (uai_variable_name) and its states `0`, `1`, ... (uai_state_name). The
/// writers use the same conventions, so reading what they wrote gives the model back
/// unchanged (names, network name and properties other than these are not written: UAI
/// cannot hold them).

#include <augury/evidence/evidence_set.hpp>
#include <augury/io/read_options.hpp>
#include <augury/model/bayesian_network.hpp>
#include <augury/model/markov_network.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace augury::io {

/// The name the UAI readers give variable number `index`: "v" followed by the index
/// ("v0", "v1", ...).
[[nodiscard]] std::string uai_variable_name(std::size_t index);

/// The name the UAI readers give state number `index`: the index in decimal ("0", "1", ...).
[[nodiscard]] std::string uai_state_name(std::size_t index);

// ---- models -----------------------------------------------------------------------------

/// Reads a `BAYES` model file.
/// \param path file to read
/// \param options `sum_tolerance` bounds |sum - 1| of each conditional distribution (entries
///   are used exactly as written, never rescaled)
/// \returns the network with variables `v0`..`v{n-1}` (ids 0..n-1 in file order), states
///   `0`..`{k-1}`, and the CPT of each variable taken from the factor whose scope ends with
///   it, parents in scope order; the network's name is empty.
/// \throws augury::error if the file cannot be read (naming the path); augury::parse_error
///   (file, line, column) for malformed text, a `MARKOV` file, a table whose size is not the
///   product of its scope's cardinalities, a negative entry, a variable that is the child of
///   no factor or of several, a conditional distribution that does not sum to 1 within the
///   tolerance, or a cycle.
[[nodiscard]] bayesian_network read_uai_bayesian(const std::string& path,
                                                 const read_options& options = {});

/// Parses a `BAYES` model held in memory; `source_name` is used in error messages.
/// \throws augury::parse_error as read_uai_bayesian.
[[nodiscard]] bayesian_network parse_uai_bayesian(std::string_view text,
                                                  const std::string& source_name = "<string>",
                                                  const read_options& options = {});

/// Reads a model file of either type as a Markov network: a `MARKOV` file's factors, or a
/// `BAYES` file's CPTs (checked as read_uai_bayesian does) read as plain factors. Either way
/// the factors keep the file's order, scopes and tables exactly; variables and states are
/// named as by read_uai_bayesian and the network's name is empty.
/// \throws augury::error if the file cannot be read; augury::parse_error (file, line,
///   column) for malformed text, a scope that repeats a variable or names one out of range,
///   a table whose size is not the product of its scope's cardinalities, a negative entry;
///   for a `BAYES` file also as read_uai_bayesian.
[[nodiscard]] markov_network read_uai_markov(const std::string& path,
                                             const read_options& options = {});

/// Parses a model of either type held in memory (see read_uai_markov).
/// \throws augury::parse_error as read_uai_markov.
[[nodiscard]] markov_network parse_uai_markov(std::string_view text,
                                              const std::string& source_name = "<string>",
                                              const read_options& options = {});

/// The `BAYES` text of `net`: variables in id order, factor i is the CPT of variable i with
/// scope (parents..., i), each conditional distribution on its own line, numbers in the
/// shortest form that reads back to the same double. Names are not written, so
/// `parse_uai_bayesian(to_uai(net)) == net` exactly when the names follow the reader's
/// convention and the network has an empty name and no properties.
/// \throws augury::model_error if a variable has no CPT.
[[nodiscard]] std::string to_uai(const bayesian_network& net);

/// Writes to_uai(net) to `path` (overwriting it).
/// \throws as to_uai; augury::error if the file cannot be written.
void write_uai(const bayesian_network& net, const std::string& path);

/// The `MARKOV` text of `net`: its factors in order, each table with one line per run of
/// the last scope variable, numbers written as for the Bayesian writer. With the reader's
/// naming convention and an empty name, `parse_uai_markov(to_uai(net)) == net`.
[[nodiscard]] std::string to_uai(const markov_network& net);

/// Writes to_uai(net) to `path` (overwriting it).
/// \throws augury::error if the file cannot be written.
void write_uai(const markov_network& net, const std::string& path);

// ---- evidence ---------------------------------------------------------------------------

/// One observed variable of an evidence file: variable index and state index.
struct uai_observation {
  var_id variable = 0;     ///< index of the variable in the model file
  std::size_t state = 0;   ///< index of the observed state
  friend bool operator==(const uai_observation& a, const uai_observation& b) {
    return a.variable == b.variable && a.state == b.state;
  }
  friend bool operator!=(const uai_observation& a, const uai_observation& b) { return !(a == b); }
};

/// The two layouts of an evidence file.
enum class uai_evidence_layout {
  uai2014,  ///< one sample: `k v1 x1 ... vk xk` (`0` means no evidence)
  uai2010,  ///< a sample count s, then s samples, each `k v1 x1 ... vk xk`
};

/// The contents of an evidence file.
struct uai_evidence {
  /// The layout the file was written in.
  uai_evidence_layout layout = uai_evidence_layout::uai2014;
  /// The samples in file order (exactly one for the UAI 2014 layout, possibly none for the
  /// UAI 2010 layout); each lists its observations in file order, without repetitions.
  std::vector<std::vector<uai_observation>> samples;
};

/// Parses an evidence file held in memory and checks it against the model's cardinalities.
///
/// The layout is recognised from the number of tokens: `k` pairs after a first token `k`
/// is the UAI 2014 layout; a first token `s` followed by exactly s samples is the UAI 2010
/// layout. When the tokens fit both, a first line holding the first number alone means UAI
/// 2010, otherwise UAI 2014. Comments (`#` to the end of a line) and blank lines are allowed.
/// \param cardinalities the number of states of each model variable (markov_network or
///   bayesian_network::cardinalities())
/// \throws augury::parse_error (file, line, column) if the tokens fit neither layout, a
///   variable index or state is out of range, or a sample observes a variable twice in
///   different states (the same state twice is accepted and kept once).
[[nodiscard]] uai_evidence parse_uai_evidence(std::string_view text,
                                              const std::vector<std::size_t>& cardinalities,
                                              const std::string& source_name = "<string>");

/// Reads an evidence file (see parse_uai_evidence).
/// \throws augury::error if the file cannot be read; augury::parse_error as parse_uai_evidence.
[[nodiscard]] uai_evidence read_uai_evidence(const std::string& path,
                                             const std::vector<std::size_t>& cardinalities);

/// One sample as hard findings on `net` (a bayesian_network or a markov_network).
/// \throws augury::evidence_error if an observation does not fit `net`.
template <class Network>
[[nodiscard]] evidence_set to_evidence_set(const Network& net,
                                           const std::vector<uai_observation>& sample) {
  evidence_set e;
  for (const uai_observation& o : sample) e.set_hard(net, o.variable, o.state);
  return e;
}

/// The UAI 2014 evidence line of `e` (`k v1 x1 ... vk xk`, variables ascending) with a
/// final newline.
/// \throws augury::evidence_error if `e` holds a likelihood or fixed-marginal finding (the
///   format holds hard findings only), naming the variable by id.
[[nodiscard]] std::string to_uai_evidence(const evidence_set& e);

// ---- results ----------------------------------------------------------------------------

/// The result file of the MAR task: `MAR`, then one line with the number of variables and,
/// for each variable in order, its cardinality and its marginal. Numbers are written in the
/// shortest form that reads back to the same double.
/// \throws augury::error if a marginal is empty or holds a negative or non-finite value.
[[nodiscard]] std::string to_uai_mar(const std::vector<std::vector<double>>& marginals);

/// The result file of the PR task: `PR`, then log10 Z(e) (shortest round-trip form).
/// \throws augury::error if `log10_z` is not finite.
[[nodiscard]] std::string to_uai_pr(double log10_z);

/// Parses a MAR result file: the marginals in variable order. A file holding several
/// solutions separated by `-BEGIN-` gives the last one, as the evaluations read them.
/// \throws augury::parse_error for a missing `MAR` line, a count that does not match the
///   values, a negative or non-numeric value, or trailing tokens.
[[nodiscard]] std::vector<std::vector<double>> parse_uai_mar(std::string_view text,
                                                             const std::string& source_name = "<string>");

/// Reads a MAR result file (see parse_uai_mar).
/// \throws augury::error if the file cannot be read; augury::parse_error as parse_uai_mar.
[[nodiscard]] std::vector<std::vector<double>> read_uai_mar(const std::string& path);

/// Parses a PR result file: log10 Z(e) (the last solution if there are several). The
/// values `-inf`, `-infinity` (any case) read as minus infinity, the value an evaluation
/// writes for impossible evidence.
/// \throws augury::parse_error for a missing `PR` line, a missing or non-numeric value, or
///   trailing tokens.
[[nodiscard]] double parse_uai_pr(std::string_view text, const std::string& source_name = "<string>");

/// Reads a PR result file (see parse_uai_pr).
/// \throws augury::error if the file cannot be read; augury::parse_error as parse_uai_pr.
[[nodiscard]] double read_uai_pr(const std::string& path);

}  // namespace augury::io
