#pragma once
/// \file
/// Forward declarations of augury's main types.

#include <cstddef>

namespace augury {
using var_id = std::size_t;
class error;
class variable;
class factor;
class cpt;
class bayesian_network;
class evidence_set;
struct finding;
}  // namespace augury
