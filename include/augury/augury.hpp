#pragma once
/// \file
/// The umbrella header: includes every public header of augury. Including a focused header
/// instead (for example <augury/model/bayesian_network.hpp>) compiles faster. A test checks
/// that every public header outside detail/ is listed here. The functions declared in io/
/// and scenario/ are compiled into augury::io.

#include <augury/error.hpp>
#include <augury/fwd.hpp>
#include <augury/interruption.hpp>
#include <augury/version.hpp>

#include <augury/model/bayesian_network.hpp>
#include <augury/model/cpt.hpp>
#include <augury/model/factor.hpp>
#include <augury/model/markov_network.hpp>
#include <augury/model/variable.hpp>

#include <augury/evidence/evidence_set.hpp>

#include <augury/inference/batch.hpp>
#include <augury/inference/compiled_junction_tree.hpp>
#include <augury/inference/elimination_order.hpp>
#include <augury/inference/enumeration.hpp>
#include <augury/inference/evidence_conflict.hpp>
#include <augury/inference/junction_tree.hpp>
#include <augury/inference/junction_tree_workspace.hpp>
#include <augury/inference/variable_elimination.hpp>

#include <augury/io/bif.hpp>
#include <augury/io/dne.hpp>
#include <augury/io/dsc.hpp>
#include <augury/io/dsl.hpp>
#include <augury/io/format.hpp>
#include <augury/io/json.hpp>
#include <augury/io/net.hpp>
#include <augury/io/read_options.hpp>
#include <augury/io/uai.hpp>
#include <augury/io/xdsl.hpp>
#include <augury/io/xmlbif.hpp>

#include <augury/scenario/analyst_report.hpp>
#include <augury/scenario/default_model.hpp>
#include <augury/scenario/estimative_words.hpp>
#include <augury/scenario/forecast.hpp>
#include <augury/scenario/grading.hpp>
#include <augury/scenario/grading_io.hpp>
#include <augury/scenario/mapping.hpp>
#include <augury/scenario/provenance.hpp>
#include <augury/scenario/report.hpp>
#include <augury/scenario/report_csv.hpp>
#include <augury/scenario/report_evidence.hpp>

#include <augury/analysis/attribution.hpp>
#include <augury/analysis/conflict.hpp>
#include <augury/analysis/likelihood_finding.hpp>
#include <augury/analysis/scoring.hpp>
#include <augury/analysis/sensitivity.hpp>
#include <augury/analysis/uncertainty.hpp>
#include <augury/analysis/value_of_information.hpp>
#include <augury/analysis/what_if.hpp>
