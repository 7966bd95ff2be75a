#pragma once
// Evidence as the command line spells it: `--evidence A=x,B=y`, `--likelihood A=0.2,0.8`
// and `--evidence-file case.json` (the reference-case JSON layout).

#include <augury/evidence/evidence_set.hpp>
#include <augury/model/bayesian_network.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace augury::cli {

/// Splits "A=x,B=y" into {"A=x", "B=y"}; a backslash escapes a comma inside a state name.
std::vector<std::string> split_list(const std::string& text);

/// Adds `--evidence` items ("VAR=STATE") to `evidence`.
/// \throws augury::evidence_error naming the item when it has no '=' or names nothing valid.
void add_hard_evidence(const bayesian_network& net, const std::vector<std::string>& items,
                       evidence_set& evidence);

/// Adds one `--likelihood` item ("VAR=l1,l2,...", values in the variable's state order).
void add_likelihood_evidence(const bayesian_network& net, const std::string& item,
                             evidence_set& evidence);

/// Reads one case object {"evidence": {VAR: STATE}, "likelihood_evidence": {VAR: {STATE: l}}}.
/// A likelihood object must give every state of its variable.
evidence_set evidence_from_json(const bayesian_network& net, const nlohmann::ordered_json& case_object);

/// Reads an `--evidence-file`: one case object, an array of them, or {"cases": [...]}.
/// \throws augury::error if the file cannot be opened; augury::parse_error on invalid JSON;
///   augury::evidence_error as evidence_from_json.
std::vector<evidence_set> read_evidence_file(const bayesian_network& net, const std::string& path);

}  // namespace augury::cli
