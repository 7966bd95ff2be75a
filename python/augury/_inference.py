"""Exact inference: junction tree, variable elimination, enumeration, and query()."""

from __future__ import annotations

import math
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    List,
    Mapping,
    NamedTuple,
    Optional,
    Sequence,
    Tuple,
    TypedDict,
    Union,
)

import numpy as np
import numpy.typing as npt

from . import _core

if TYPE_CHECKING:
    import pandas as pd
from ._core import EvidenceError
from ._network import BayesianNetwork
from ._views import Posteriors

__all__ = [
    "JunctionTree",
    "VariableElimination",
    "Enumeration",
    "Finding",
    "BatchPosteriors",
    "QueryResult",
    "query",
]

#: Hard evidence: variable name -> observed state name.
Evidence = Mapping[str, str]
#: One likelihood (or target marginal): numbers in the variable's state order, or a mapping
#: state name -> number naming every state.
Vector = Union[Sequence[float], npt.NDArray[np.float64], Mapping[str, float]]
#: Likelihood (virtual) or fixed-marginal evidence: variable name -> vector.
Vectors = Mapping[str, Vector]

Distribution = Dict[str, float]


class Finding(NamedTuple):
    """One finding held by a :class:`JunctionTree`.

    ``kind`` is ``"hard"`` (``state`` is the observed state, ``values`` is None),
    ``"likelihood"`` or ``"fixed_marginal"`` (``values`` in state order, ``state`` is None).
    """

    variable: str
    kind: str
    state: Optional[str]
    values: Optional[Tuple[float, ...]]


class QueryResult(TypedDict):
    """What :func:`query` returns."""

    log10_evidence_probability: float
    posteriors: Posteriors


def _unknown_variable(net: _core.BayesianNetwork, variable: str) -> EvidenceError:
    names = ", ".join(net.variable_names())
    return EvidenceError(f"evidence on unknown variable '{variable}' (variables: {names})")


def _hard(evidence: Optional[Evidence]) -> Dict[str, str]:
    if evidence is None:
        return {}
    out: Dict[str, str] = {}
    for variable, state in evidence.items():
        if not isinstance(variable, str) or not isinstance(state, str):
            raise TypeError(
                f"hard evidence maps variable names to state names (str); got "
                f"{variable!r}: {state!r}"
            )
        out[variable] = state
    return out


def _vector(net: _core.BayesianNetwork, variable: str, values: Vector, what: str) -> List[float]:
    if isinstance(values, Mapping):
        if not net.contains(variable):
            raise _unknown_variable(net, variable)
        states = net.states(variable)
        unknown = [s for s in values if s not in states]
        if unknown:
            raise EvidenceError(
                f"{what} evidence on '{variable}' names no state '{unknown[0]}' "
                f"(states: {', '.join(states)})"
            )
        missing = [s for s in states if s not in values]
        if missing:
            raise EvidenceError(
                f"{what} evidence on '{variable}' gives no value for state "
                f"'{missing[0]}'; name every state (states: {', '.join(states)})"
            )
        return [float(values[s]) for s in states]
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise EvidenceError(f"{what} evidence on '{variable}' is not a vector of numbers ({exc})")
    if array.ndim != 1:
        raise EvidenceError(
            f"{what} evidence on '{variable}' must be one number per state, "
            f"not an array of shape {array.shape}"
        )
    return [float(x) for x in array]


def _vectors(net: _core.BayesianNetwork, findings: Optional[Vectors], what: str) -> Dict[str, List[float]]:
    if findings is None:
        return {}
    return {str(v): _vector(net, v, values, what) for v, values in findings.items()}


def _distribution(states: Sequence[str], p: npt.NDArray[np.float64]) -> Distribution:
    return {s: float(x) for s, x in zip(states, p)}



class BatchPosteriors(NamedTuple):
    """What :meth:`JunctionTree.batch_posteriors` returns.

    Layout: ``posteriors`` is a C-ordered float64 array of shape ``(n_cases, width)``;
    row c holds, for each target in order, its posterior in state order:
    ``posteriors[c, offsets[t] + s] = P(targets[t] = states[s] | case c)``. ``offsets`` has
    ``len(targets) + 1`` entries (``offsets[-1] == width``). :meth:`of` gives one target's
    columns as an ``(n_cases, card)`` view.
    """

    #: float64, shape (n_cases, width): the posteriors (see the class comment).
    posteriors: npt.NDArray[np.float64]
    #: The target variables, in column order.
    targets: List[str]
    #: int, shape (len(targets) + 1,): where each target's columns start.
    offsets: npt.NDArray[np.intp]
    #: float64, shape (n_cases,): natural log of P(e) of each case (hard and likelihood
    #: findings; likelihoods as given); -inf never occurs (impossible cases raise).
    log_evidence: npt.NDArray[np.float64]

    def of(self, target: str) -> npt.NDArray[np.float64]:
        """P(target | case) for every case: a view of shape ``(n_cases, card(target))``.

        Raises:
            KeyError: ``target`` is not one of :attr:`targets`.
        """
        try:
            t = self.targets.index(target)
        except ValueError:
            raise KeyError(f"'{target}' is not a target of this batch (targets: {', '.join(self.targets)})") from None
        return self.posteriors[:, self.offsets[t] : self.offsets[t + 1]]


def _batch_column(
    net: _core.BayesianNetwork, variable: str, column: Any
) -> Tuple[str, npt.NDArray[Any]]:
    """One evidence column of a batch as ("hard", int32 states with -1 for none) or
    ("likelihood", float64 weights of shape (n, card))."""
    if not isinstance(variable, str):
        raise TypeError(f"batch evidence is keyed by variable name (str), not {variable!r}")
    if not net.contains(variable):
        raise _unknown_variable(net, variable)
    states = net.states(variable)
    array = np.asarray(column)
    if array.ndim == 2:
        if array.shape[1] != len(states):
            raise EvidenceError(
                f"batch likelihoods of '{variable}' have {array.shape[1]} columns; the variable "
                f"has {len(states)} states ({', '.join(states)})"
            )
        try:
            return "likelihood", np.ascontiguousarray(array, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise EvidenceError(f"batch likelihoods of '{variable}' are not numbers ({exc})") from None
    if array.ndim != 1:
        raise EvidenceError(
            f"batch evidence on '{variable}' must be a 1-D array of states (one per case) or a "
            f"2-D array of likelihoods (cases x states), not an array of shape {array.shape}"
        )
    if array.dtype.kind in "iub":
        return "hard", _checked_states(variable, states, array.astype(np.int64))
    if array.dtype.kind == "f":
        missing = np.isnan(array)
        if np.any(array[~missing] != np.round(array[~missing])):
            raise EvidenceError(
                f"batch evidence on '{variable}' holds a state number that is not a whole number"
            )
        return "hard", _checked_states(variable, states, np.where(missing, -1, array).astype(np.int64))
    if array.dtype.kind in "UO":
        # State names; None, "" and NaN mean no finding (-2 marks an unknown name).
        index: Dict[Any, int] = {s: i for i, s in enumerate(states)}
        index[""] = index[None] = -1
        codes = np.fromiter(
            (index.get(value, -2) if value == value else -1 for value in array.tolist()),
            dtype=np.int32,
            count=array.shape[0],
        )
        bad = np.flatnonzero(codes == -2)
        if bad.size:
            c = int(bad[0])
            raise EvidenceError(
                f"batch evidence case {c}: variable '{variable}' has no state '{array[c]}' "
                f"(states: {', '.join(states)})"
            )
        return "hard", codes
    raise EvidenceError(f"batch evidence on '{variable}' has an unsupported type ({array.dtype})")


def _checked_states(variable: str, states: List[str], array: npt.NDArray[np.int64]) -> npt.NDArray[np.int32]:
    bad = np.flatnonzero((array < -1) | (array >= len(states)))
    if bad.size:
        c = int(bad[0])
        raise EvidenceError(
            f"batch evidence case {c}: state number {int(array[c])} of '{variable}' is out of range "
            f"(0..{len(states) - 1}, or -1 for no finding; states: {', '.join(states)})"
        )
    return array.astype(np.int32)


class JunctionTree:
    """Exact inference by message passing in a junction tree (Hugin architecture).

    Compilation, once per network: moralise the DAG, triangulate it with the best of
    several greedy elimination orders (min-fill, weighted min-fill, min-size, min-weight,
    with seeded tie-breaking restarts), join the maximal cliques by a maximum-weight
    spanning tree (Jensen & Jensen, "Optimal junction trees", UAI 1994), and multiply each
    CPT into a clique that holds its family. Propagation, whenever the evidence changed:
    reset the clique potentials, enter the findings, one collect and one distribute pass.
    Sources: F. V. Jensen, S. L. Lauritzen and K. G. Olesen, "Bayesian updating in causal
    probabilistic networks by local computations", Computational Statistics Quarterly 4,
    1990; S. L. Lauritzen and D. J. Spiegelhalter, "Local computations with probabilities
    on graphical structures and their application to expert systems", JRSS B 50(2), 1988;
    F. V. Jensen and T. D. Nielsen, *Bayesian Networks and Decision Graphs*, 2nd ed.,
    Springer 2007, ch. 4.

    The tree keeps its own copy of the network and its current evidence. Setting evidence
    only records it; the next query propagates. Results depend only on the current
    evidence: retracting a finding restores the earlier results bit for bit. Queries
    release the GIL; one tree may be shared between threads (calls are serialised).

    Evidence kinds (at most one finding per variable; a new one replaces the old):

    * hard: the variable is in one state;
    * likelihood (virtual evidence, Pearl 1988, sec. 2.2.2): non-negative numbers in state
      order, not all zero, that multiply the joint distribution; only ratios matter for
      posteriors, but P(e) uses them as given;
    * fixed marginal (Jeffrey's rule): the posterior of the variable must equal the given
      distribution.

    Raises (constructor):
        ModelError: a variable has no CPT.
        InferenceError: the clique tables would hold more than ``max_total_entries`` entries.
        KeyboardInterrupt: Ctrl-C during a long compilation (nothing is kept).
    """

    def __init__(self, network: BayesianNetwork, *, max_total_entries: float = 4e8) -> None:
        self._tree = _core.JunctionTree(network._net, max_total_entries)
        self._net = self._tree.network()
        self._states = {v: self._net.states(v) for v in self._net.variable_names()}
        self._max_total_entries = max_total_entries

    def __reduce__(self) -> Tuple[Any, ...]:
        # Pickled as the network, the size limit and the findings; unpickling compiles again
        # (deterministically, so the copy has the same cliques and answers).
        findings = [tuple(f) for f in self.findings.values()]
        return (_restore_junction_tree, (self.network, self._max_total_entries, findings))

    @property
    def network(self) -> BayesianNetwork:
        """A copy of the network the tree was compiled from."""
        return BayesianNetwork._wrap(_core.BayesianNetwork(self._net))

    # ---- evidence --------------------------------------------------------------------------

    def set_evidence(
        self,
        evidence: Optional[Evidence] = None,
        likelihood: Optional[Vectors] = None,
        *,
        fixed_marginal: Optional[Vectors] = None,
    ) -> None:
        """Replaces all findings.

        Args:
            evidence: hard findings ``{variable: state}``.
            likelihood: likelihood findings ``{variable: values}``, values in the variable's
                state order (or a mapping ``{state: value}`` naming every state).
            fixed_marginal: target marginals ``{variable: distribution}`` (sum to 1).

        Raises:
            EvidenceError: unknown variable or state (listing the valid names), a vector of
                the wrong length or with a negative or non-finite entry, or a variable given
                more than one finding. The current evidence is then unchanged.
            ImpossibleEvidenceError: a likelihood that is zero for every state.
        """
        self._tree.set_evidence(
            _hard(evidence),
            _vectors(self._net, likelihood, "likelihood"),
            _vectors(self._net, fixed_marginal, "fixed-marginal"),
        )

    def set_hard(self, variable: str, state: str) -> None:
        """Observes ``variable`` in ``state`` (replacing any finding on it).

        Raises:
            EvidenceError: unknown variable or state (listing the valid names).
        """
        self._tree.set_hard(variable, state)

    def set_likelihood(self, variable: str, values: Vector) -> None:
        """Likelihood (virtual) evidence on ``variable``: one non-negative number per state.

        Raises:
            EvidenceError: unknown variable, wrong length, negative or non-finite entries.
            ImpossibleEvidenceError: every entry is zero.
        """
        self._tree.set_likelihood(variable, _vector(self._net, variable, values, "likelihood"))

    def set_fixed_marginal(self, variable: str, values: Vector) -> None:
        """Fixed-marginal (Jeffrey) evidence: after propagation P(variable | e) equals
        ``values`` (a distribution in state order).

        Raises:
            EvidenceError: unknown variable, wrong length, or not a distribution.
        """
        self._tree.set_fixed_marginal(
            variable, _vector(self._net, variable, values, "fixed-marginal")
        )

    def retract(self, variable: str) -> None:
        """Removes the finding on ``variable``, if any. Raises :class:`ModelError` if unknown."""
        self._tree.retract(variable)

    def clear_evidence(self) -> None:
        """Removes every finding."""
        self._tree.clear_evidence()

    @property
    def findings(self) -> Dict[str, Finding]:
        """The current findings by variable (in variable order)."""
        out: Dict[str, Finding] = {}
        for variable, kind, state, values in self._tree.findings():
            out[variable] = Finding(
                variable, kind, state, None if values is None else tuple(values)
            )
        return out

    # ---- queries ---------------------------------------------------------------------------

    def propagate(self) -> None:
        """Propagates the current evidence now (queries do it on demand).

        Raises:
            ImpossibleEvidenceError: P(e) = 0 (the message names the evidence), or a target
                marginal puts mass on a state of posterior probability zero.
            EvidenceError: several target marginals cannot be met together.
        """
        self._tree.propagate()

    def posterior_array(self, variable: str) -> npt.NDArray[np.float64]:
        """P(variable | e) as a float64 array of shape ``(card(variable),)`` in state order,
        summing to 1 (the indicator of the observed state for a hard finding).

        Raises:
            ModelError: unknown variable (listing the variables).
            ImpossibleEvidenceError: P(e) = 0.
        """
        return self._tree.posterior(variable)

    def posterior(self, variable: str) -> Distribution:
        """P(variable | e) as ``{state: probability}`` in state order; see
        :meth:`posterior_array`."""
        return _distribution(self._states_of(variable), self._tree.posterior(variable))

    def posteriors(self, targets: Optional[Sequence[str]] = None) -> Posteriors:
        """Posteriors of several variables: ``{variable: {state: probability}}`` (a
        :class:`Posteriors` dict, which has ``to_frame()`` and displays as a table).

        ``targets`` defaults to every variable without a hard finding, in network order.

        Raises:
            ModelError: an unknown target.
            ImpossibleEvidenceError: P(e) = 0.
        """
        if targets is None:
            hard = set(self._tree.hard_evidence_variables())
            names = [v for v in self._states if v not in hard]
        else:
            names = _target_list(targets)
        arrays = self._tree.posteriors(names)
        return Posteriors((v, _distribution(self._states_of(v), p)) for v, p in zip(names, arrays))

    def joint_posterior(self, variables: Sequence[str]) -> npt.NDArray[np.float64]:
        """P(variables | e) for variables that lie together in one clique.

        Returns an array of shape ``(card(variables[0]), card(variables[1]), ...)``, axes in
        the order given, each in state order, summing to 1.

        Raises:
            InferenceError: no clique holds them all, or a variable is repeated (use
                :meth:`VariableElimination.joint_posterior`).
            ImpossibleEvidenceError: P(e) = 0.
        """
        return self._tree.joint_posterior(_target_list(variables))

    def log_evidence_probability(self) -> float:
        """Natural log of P(e) for the hard and likelihood findings, with likelihood vectors
        used as given: P(e) = sum_x P(x) prod_v lambda_v(x_v). Fixed-marginal findings do
        not enter it. ``-inf`` when P(e) = 0; never NaN."""
        return self._tree.log_evidence_probability()

    def log10_evidence_probability(self) -> float:
        """log10 P(e); see :meth:`log_evidence_probability`."""
        return self._tree.log_evidence_probability() / math.log(10.0)

    def batch_posteriors(
        self,
        cases: Mapping[str, Any],
        targets: Optional[Sequence[str]] = None,
        threads: int = 1,
    ) -> BatchPosteriors:
        """Posteriors of ``targets`` for many evidence cases in one call, on ``threads``
        threads (0: one per hardware thread).

        ``cases`` maps each evidence variable to one column (a dict of arrays, or a pandas
        DataFrame of hard findings), every column with one entry per case:

        * hard findings: a 1-D array of length ``n_cases`` holding state indices (integer;
          ``-1`` for no finding in that case; a float column may use NaN for none) or state
          names (``None`` or ``""`` for none);
        * likelihood findings: a 2-D float array of shape ``(n_cases, card(variable))``, the
          weights in state order; a row of ones is no finding.

        ``targets`` defaults to every variable, in network order. The result holds the
        posteriors as one float64 array of shape ``(n_cases, width)``, target after target
        in state order (see :class:`BatchPosteriors`), and log P(e) per case.

        The tree's own evidence is neither used nor changed. The work runs in C++ with the
        GIL released, on threads that share the compiled tree, each with its own working
        tables; every row is identical, bit for bit, to setting that case's evidence on this
        tree and reading the posteriors, whatever the number of threads. Ctrl-C stops it
        (``KeyboardInterrupt``) within one case per thread.

        Raises:
            EvidenceError: an unknown variable or state (listing the valid names), columns
                of different lengths, a wrong shape, a state number out of range, a
                likelihood row with a negative or non-finite entry; the message starts with
                ``case N:`` when it concerns one case.
            ImpossibleEvidenceError: a case whose evidence has probability zero (the first
                such case, as ``case N: ...``).
            ModelError: an unknown target.
            ValueError: no evidence column, or a negative number of threads.
        """
        if not isinstance(threads, int) or isinstance(threads, bool) or threads < 0:
            raise ValueError(f"threads must be a non-negative int (0: all hardware threads), not {threads!r}")
        names = list(self._states) if targets is None else _target_list(targets)
        hard_vars: List[str] = []
        hard_cols: List[npt.NDArray[np.int32]] = []
        like_vars: List[str] = []
        like_cols: List[npt.NDArray[np.float64]] = []
        n: Optional[int] = None
        first = ""
        for variable, column in cases.items():
            kind, array = _batch_column(self._net, variable, column)
            if n is None:
                n, first = array.shape[0], variable
            elif array.shape[0] != n:
                raise EvidenceError(
                    f"batch evidence on '{variable}' has {array.shape[0]} cases, but '{first}' "
                    f"has {n}; every column needs one entry per case"
                )
            if kind == "hard":
                hard_vars.append(variable)
                hard_cols.append(array)
            else:
                like_vars.append(variable)
                like_cols.append(array)
        if n is None:
            raise ValueError("cases names no variable: give at least one evidence column")
        hard = np.stack(hard_cols, axis=1) if hard_cols else np.empty((n, 0), dtype=np.int32)
        like = np.concatenate(like_cols, axis=1) if like_cols else np.empty((n, 0), dtype=np.float64)
        posteriors, log_evidence, offsets = self._tree.batch_posteriors(
            hard_vars, hard, like_vars, like, names, threads
        )
        return BatchPosteriors(posteriors, names, np.asarray(offsets, dtype=np.intp), log_evidence)

    # ---- structure -------------------------------------------------------------------------

    @property
    def treewidth(self) -> int:
        """Number of variables of the largest clique, minus one."""
        return self._tree.treewidth

    @property
    def num_cliques(self) -> int:
        """Number of cliques (over all trees of the forest)."""
        return self._tree.num_cliques

    @property
    def num_trees(self) -> int:
        """Number of trees: connected components of the moral graph."""
        return self._tree.num_trees

    @property
    def largest_clique_size(self) -> int:
        """Entries of the largest clique table."""
        return self._tree.largest_clique_size

    @property
    def total_clique_size(self) -> int:
        """Entries of all clique tables together."""
        return self._tree.total_clique_size

    @property
    def total_separator_size(self) -> int:
        """Entries of all separator tables together."""
        return self._tree.total_separator_size

    @property
    def memory_bytes(self) -> int:
        """Bytes held by the clique and separator tables and the index maps."""
        return self._tree.memory_bytes

    @property
    def heuristic(self) -> str:
        """The elimination heuristic whose order was used (e.g. ``"min-fill"``)."""
        return self._tree.heuristic

    @property
    def cliques(self) -> List[List[str]]:
        """Each clique's variables, in the axis order of its table."""
        return self._tree.cliques()

    @property
    def edges(self) -> List[Tuple[int, int]]:
        """Tree edges as ``(child clique, parent clique)`` indices into :attr:`cliques`."""
        return [tuple(e) for e in self._tree.edges()]  # type: ignore[misc]

    def posteriors_frame(self, targets: Optional[Sequence[str]] = None) -> pd.DataFrame:
        """:meth:`posteriors` as a long pandas DataFrame with columns ``variable``,
        ``state``, ``probability`` (see :func:`augury.posteriors_frame`)."""
        return self.posteriors(targets).to_frame()

    def to_dot(self) -> str:
        """The Graphviz DOT text of the network with the current posteriors as bars and
        the findings marked (see :func:`augury.display.to_dot`)."""
        from .display import to_dot

        return to_dot(self)

    def _repr_svg_(self) -> Optional[str]:
        from .display import svg_repr

        return svg_repr(self)

    def _states_of(self, variable: str) -> List[str]:
        states = self._states.get(variable)
        return states if states is not None else self._net.states(variable)

    def __repr__(self) -> str:
        name = f" {self._net.name!r}" if self._net.name else ""
        return (
            f"<JunctionTree{name}: {len(self._states)} variables, {self.num_cliques} cliques, "
            f"treewidth {self.treewidth}, {self.total_clique_size} clique entries, "
            f"{len(self._tree.findings())} findings>"
        )


def _restore_junction_tree(
    network: BayesianNetwork,
    max_total_entries: float,
    findings: Sequence[Tuple[str, str, Optional[str], Optional[Tuple[float, ...]]]],
) -> JunctionTree:
    tree = JunctionTree(network, max_total_entries=max_total_entries)
    hard = {v: s for v, kind, s, _ in findings if kind == "hard" and s is not None}
    likelihood = {v: list(x) for v, kind, _, x in findings if kind == "likelihood" and x is not None}
    fixed = {v: list(x) for v, kind, _, x in findings if kind == "fixed_marginal" and x is not None}
    tree.set_evidence(hard, likelihood, fixed_marginal=fixed)
    return tree


def _target_list(targets: Sequence[str]) -> List[str]:
    if isinstance(targets, str):
        raise TypeError("targets must be a sequence of variable names, not a string")
    return list(targets)


class _PerQueryEngine:
    """Shared query methods of the engines that take their evidence with each query."""

    _engine: Union[_core.VariableElimination, _core.Enumeration]
    _net: _core.BayesianNetwork

    def _args(
        self,
        evidence: Optional[Evidence],
        likelihood: Optional[Vectors],
        fixed_marginal: Optional[Vectors],
    ) -> Tuple[Dict[str, str], Dict[str, List[float]], Dict[str, List[float]]]:
        return (
            _hard(evidence),
            _vectors(self._net, likelihood, "likelihood"),
            _vectors(self._net, fixed_marginal, "fixed-marginal"),
        )

    @property
    def network(self) -> BayesianNetwork:
        """A copy of the engine's network."""
        return BayesianNetwork._wrap(_core.BayesianNetwork(self._net))

    def posterior_array(
        self,
        variable: str,
        evidence: Optional[Evidence] = None,
        likelihood: Optional[Vectors] = None,
        *,
        fixed_marginal: Optional[Vectors] = None,
    ) -> npt.NDArray[np.float64]:
        """P(variable | e) as a float64 array of shape ``(card(variable),)``, state order,
        summing to 1. Evidence arguments as in :meth:`JunctionTree.set_evidence`.

        Raises:
            ModelError: unknown variable.
            EvidenceError: malformed evidence (naming it and listing valid names).
            ImpossibleEvidenceError: P(e) = 0 (naming the evidence).
            InferenceError: an intermediate table beyond the engine's limit.
        """
        return self._engine.posterior(variable, *self._args(evidence, likelihood, fixed_marginal))

    def posterior(
        self,
        variable: str,
        evidence: Optional[Evidence] = None,
        likelihood: Optional[Vectors] = None,
        *,
        fixed_marginal: Optional[Vectors] = None,
    ) -> Distribution:
        """P(variable | e) as ``{state: probability}`` in state order; see
        :meth:`posterior_array`."""
        p = self._engine.posterior(variable, *self._args(evidence, likelihood, fixed_marginal))
        return _distribution(self._net.states(variable), p)

    def posteriors(
        self,
        targets: Optional[Sequence[str]] = None,
        evidence: Optional[Evidence] = None,
        likelihood: Optional[Vectors] = None,
        *,
        fixed_marginal: Optional[Vectors] = None,
    ) -> Posteriors:
        """``{variable: {state: probability}}`` for ``targets`` (default: every variable
        without hard evidence, in network order); one query per target. The result is a
        :class:`Posteriors` dict (``to_frame()``, a table in notebooks).

        Raises:
            as :meth:`posterior_array`; ImpossibleEvidenceError even when there is no target.
        """
        hard = _hard(evidence)
        names = (
            [v for v in self._net.variable_names() if v not in hard]
            if targets is None
            else _target_list(targets)
        )
        arrays = self._engine.posteriors(names, *self._args(hard, likelihood, fixed_marginal))
        return Posteriors(
            (v, _distribution(self._net.states(v), p)) for v, p in zip(names, arrays)
        )

    def joint_posterior(
        self,
        variables: Sequence[str],
        evidence: Optional[Evidence] = None,
        likelihood: Optional[Vectors] = None,
        *,
        fixed_marginal: Optional[Vectors] = None,
    ) -> npt.NDArray[np.float64]:
        """P(variables | e) as an array of shape ``(card(variables[0]), ...)``, axes in the
        order given, each in state order, summing to 1.

        Raises:
            InferenceError: a variable is listed twice; otherwise as :meth:`posterior_array`.
        """
        return self._engine.joint_posterior(
            _target_list(variables), *self._args(evidence, likelihood, fixed_marginal)
        )

    def log_evidence_probability(
        self, evidence: Optional[Evidence] = None, likelihood: Optional[Vectors] = None
    ) -> float:
        """Natural log of P(e) = sum_x P(x) prod_v lambda_v(x_v) (hard findings as
        indicators, likelihoods as given). ``-inf`` when P(e) = 0; never NaN.

        Raises:
            EvidenceError: malformed evidence.
        """
        return self._engine.log_evidence_probability(*self._args(evidence, likelihood, None))

    def log10_evidence_probability(
        self, evidence: Optional[Evidence] = None, likelihood: Optional[Vectors] = None
    ) -> float:
        """log10 P(e); see :meth:`log_evidence_probability`."""
        return self.log_evidence_probability(evidence, likelihood) / math.log(10.0)


class VariableElimination(_PerQueryEngine):
    """Exact inference by variable elimination (sum-product), one query at a time.

    Each query prunes barren variables, instantiates hard findings, multiplies likelihood
    findings into the CPTs and sums out the rest in a min-fill order. Sources: N. L. Zhang
    and D. Poole, "A simple approach to Bayesian network computations", Canadian AI 1994;
    R. Dechter, "Bucket elimination", UAI 1996; D. Koller and N. Friedman, *Probabilistic
    Graphical Models*, MIT Press 2009, ch. 9.

    The engine copies the network and holds no evidence: every query takes its own, so
    queries have no side effects and may run from several threads at once (the GIL is
    released). Fixed-marginal findings are met by iterative proportional fitting.

    Raises (constructor):
        ModelError: a variable has no CPT.
    """

    def __init__(self, network: BayesianNetwork, *, max_table_entries: float = 2.0**28) -> None:
        """``max_table_entries``: refuse (InferenceError) a query whose elimination would
        build a larger intermediate table."""
        self._engine = _core.VariableElimination(network._net, max_table_entries)
        self._net = self._engine.network()
        self._max_table_entries = max_table_entries

    def __reduce__(self) -> Tuple[Any, ...]:
        return (_restore_variable_elimination, (self.network, self._max_table_entries))

    def __repr__(self) -> str:
        name = f" {self._net.name!r}" if self._net.name else ""
        return f"<VariableElimination{name}: {len(self._net)} variables>"


class Enumeration(_PerQueryEngine):
    """Brute-force inference over the full joint distribution (the chain rule of a
    Bayesian network, Pearl 1988, sec. 3.3), for tiny networks and as an independent check
    of the other engines. Same query methods as :class:`VariableElimination`.

    Raises (constructor):
        InferenceError: the joint would have more than 2**24 entries.
        ModelError: a variable has no CPT.
    """

    def __init__(self, network: BayesianNetwork) -> None:
        self._engine = _core.Enumeration(network._net)
        self._net = self._engine.network()

    def __reduce__(self) -> Tuple[Any, ...]:
        return (Enumeration, (self.network,))

    def __repr__(self) -> str:
        name = f" {self._net.name!r}" if self._net.name else ""
        return f"<Enumeration{name}: {len(self._net)} variables>"


def _restore_variable_elimination(network: BayesianNetwork, max_table_entries: float) -> VariableElimination:
    return VariableElimination(network, max_table_entries=max_table_entries)


_ENGINES = {
    "jt": "jt",
    "junction_tree": "jt",
    "ve": "ve",
    "variable_elimination": "ve",
    "enumeration": "enumeration",
}


def query(
    network: BayesianNetwork,
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    targets: Optional[Sequence[str]] = None,
    engine: str = "jt",
    *,
    fixed_marginal: Optional[Vectors] = None,
) -> QueryResult:
    """One exact query: posteriors and the probability of the evidence.

    Args:
        network: the model.
        evidence: hard findings ``{variable: state}``.
        likelihood: likelihood findings ``{variable: values in state order}`` (or
            ``{variable: {state: value}}``).
        targets: variables to report; default every variable without hard evidence.
        engine: ``"jt"`` (junction tree), ``"ve"`` (variable elimination) or
            ``"enumeration"``; the long names ``"junction_tree"`` and
            ``"variable_elimination"`` work too.
        fixed_marginal: Jeffrey findings ``{variable: target distribution}``.

    Returns:
        ``{"log10_evidence_probability": log10 P(e), "posteriors": {variable: {state: p}}}``
        with states in declaration order. P(e) covers hard and likelihood findings.

    The junction tree is compiled for this one call; for many queries on one network build
    a :class:`JunctionTree` once and set its evidence.

    Raises:
        ValueError: an unknown engine name.
        ModelError: unknown target. EvidenceError: malformed evidence.
        ImpossibleEvidenceError: P(e) = 0 (never NaN).
    """
    kind = _ENGINES.get(engine)
    if kind is None:
        raise ValueError(f"unknown engine '{engine}' (engines: {', '.join(_ENGINES)})")
    if kind == "jt":
        tree = JunctionTree(network)
        tree.set_evidence(evidence, likelihood, fixed_marginal=fixed_marginal)
        tree.propagate()
        posteriors = tree.posteriors(targets)
        log10_pe = tree.log10_evidence_probability()
    else:
        eng: _PerQueryEngine = (
            VariableElimination(network) if kind == "ve" else Enumeration(network)
        )
        posteriors = eng.posteriors(targets, evidence, likelihood, fixed_marginal=fixed_marginal)
        log10_pe = eng.log10_evidence_probability(evidence, likelihood)
    return {"log10_evidence_probability": log10_pe, "posteriors": posteriors}
