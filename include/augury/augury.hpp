#pragma once
/// \file
/// The umbrella header: includes every public header of augury. Including a focused header
/// instead (for example <augury/model/bayesian_network.hpp>) compiles faster. A test checks
/// that every public header outside detail/ is listed here.

#include <augury/error.hpp>
#include <augury/fwd.hpp>
#include <augury/version.hpp>

#include <augury/model/bayesian_network.hpp>
#include <augury/model/cpt.hpp>
#include <augury/model/factor.hpp>
#include <augury/model/variable.hpp>

#include <augury/evidence/evidence_set.hpp>
