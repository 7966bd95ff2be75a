"""The analyst's analyses on any network with a target variable.

Each function takes a :class:`augury.BayesianNetwork`, the name of a target variable and
evidence given by name, computes in the C++ core (with the GIL released) and returns a
small frozen dataclass with a readable ``repr`` and a ``to_frame()`` method (pandas).

Evidence is given as for :func:`augury.query`: ``evidence`` maps variables to observed
states (``{"smoke": "yes"}``) and ``likelihood`` maps variables to likelihood vectors in
state order (``{"xray": [0.9, 0.2]}``). The attribution and conflict analyses work on a
list of findings instead, where one variable may carry several findings (they multiply):
either a mapping ``{variable: state or vector}`` or a sequence of :class:`Finding`.

Every distribution is a ``{state: probability}`` dict in the variable's state order.
Errors derive from :class:`augury.Error`: :class:`augury.ModelError` for an unknown target
or variable (the message lists the variables), :class:`augury.EvidenceError` for an unknown
state (the message lists the states) or a malformed vector,
:class:`augury.ImpossibleEvidenceError` when the evidence has probability zero.

Example::

    import augury
    from augury import analysis

    net = augury.read_bif("asia.bif")
    voi = analysis.value_of_information(net, "lung", evidence={"smoke": "yes"})
    voi.candidates[0].variable          # the most informative observation
    analysis.sensitivity(net, "lung").tornado("yes", limit=5)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Dict,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

import numpy as np
import numpy.typing as npt

from . import _core
from ._frames import _pandas

if TYPE_CHECKING:
    import pandas as pd

    from ._network import BayesianNetwork

__all__ = [
    "Finding",
    "TimelineEntry",
    "ObservationValue",
    "ValueOfInformation",
    "SensitivityFunction",
    "FlipThreshold",
    "ParameterSensitivity",
    "Sensitivity",
    "ShapleyAttribution",
    "AttributionStep",
    "AttributionTimeline",
    "FindingConflict",
    "StateConflict",
    "Conflict",
    "CredibleInterval",
    "StateUncertainty",
    "PosteriorUncertainty",
    "CalibrationBin",
    "ForecastScores",
    "ScoredForecast",
    "Backtest",
    "WhatIfOutcome",
    "WhatIf",
    "value_of_information",
    "sensitivity",
    "shapley_attribution",
    "attribution_timeline",
    "conflict",
    "posterior_uncertainty",
    "score_forecasts",
    "backtest",
    "what_if",
]

Network = Union["BayesianNetwork", _core.BayesianNetwork]
Evidence = Mapping[str, str]
Vectors = Mapping[str, Sequence[float]]
Distribution = Dict[str, float]
_Array = npt.NDArray[np.float64]

#: The default seed of the random analyses (permutation sampling, Dirichlet sampling).
DEFAULT_SEED = 20240601


# ---------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Finding:
    """One finding of the attribution and conflict analyses.

    Attributes:
        variable: the variable the finding is about.
        value: an observed state name (a hard finding), or a likelihood vector with one
            finite, non-negative entry per state in state order (virtual evidence).
        date: ``YYYY-MM-DD``; needed by :func:`attribution_timeline` only.
        label: free text naming the finding in results (default: ``variable=value``).
    """

    variable: str
    value: Union[str, Sequence[float]]
    date: str = ""
    label: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One dated finding of a :func:`backtest` timeline.

    Attributes:
        date: ``YYYY-MM-DD`` (dates compare as text).
        variable: the variable observed.
        state: the observed state the forecast is scored against; None for a finding that is
            applied but not scored.
        likelihood: the likelihood vector applied (state order); None applies ``state`` as a
            hard finding.
        label: free text naming the entry.
    """

    date: str
    variable: str
    state: Optional[str] = None
    likelihood: Optional[Sequence[float]] = None
    label: str = ""


Findings = Union[Mapping[str, Union[str, Sequence[float]]], Sequence[Finding]]


def _net(network: Network) -> _core.BayesianNetwork:
    inner = getattr(network, "_net", network)
    if not isinstance(inner, _core.BayesianNetwork):
        raise TypeError(
            f"expected an augury.BayesianNetwork, got {type(network).__name__}"
        )
    return inner


def _hard(evidence: Optional[Evidence]) -> Dict[str, str]:
    return {str(k): str(v) for k, v in (evidence or {}).items()}


def _vectors(likelihood: Optional[Vectors]) -> Dict[str, List[float]]:
    return {str(k): [float(x) for x in v] for k, v in (likelihood or {}).items()}


def _finding_list(findings: Findings) -> List[Finding]:
    if isinstance(findings, Mapping):
        return [Finding(str(k), v) for k, v in findings.items()]
    out: List[Finding] = []
    for f in findings:
        if not isinstance(f, Finding):
            raise TypeError(f"findings must be augury.analysis.Finding, got {type(f).__name__}")
        out.append(f)
    return out


def _finding_label(f: Finding) -> str:
    if f.label:
        return f.label
    if isinstance(f.value, str):
        return f"{f.variable}={f.value}"
    return f"{f.variable}~[{', '.join(f'{float(x):g}' for x in f.value)}]"


def _finding_tuples(
    findings: Sequence[Finding],
) -> List[Tuple[str, str, List[float], str, str]]:
    out: List[Tuple[str, str, List[float], str, str]] = []
    for f in findings:
        if isinstance(f.value, str):
            out.append((f.variable, f.value, [], f.date, _finding_label(f)))
        else:
            out.append((f.variable, "", [float(x) for x in f.value], f.date, _finding_label(f)))
    return out


def _dist(states: Sequence[str], values: Any) -> Distribution:
    return {s: float(p) for s, p in zip(states, values)}


def _frame(rows: List[Dict[str, Any]], feature: str) -> pd.DataFrame:
    pd_ = _pandas(feature)
    frame: pd.DataFrame = pd_.DataFrame(rows)
    return frame


def _fmt(d: Mapping[str, float]) -> str:
    return "{" + ", ".join(f"{k}: {v:.4g}" for k, v in d.items()) + "}"


# ---------------------------------------------------------------- value of information


@dataclass(frozen=True)
class ObservationValue:
    """What observing one candidate variable would tell about the target.

    Attributes:
        variable: the candidate X.
        observation_probabilities: P(X = x | e) for each state x of X.
        target_given_observation: P(T | e, X = x) for each state x; None for a state of
            probability zero.
        mutual_information_bits: I(T; X | e) in bits, the expected reduction of the target's
            entropy.
        expected_entropy_bits: sum_x P(x | e) H(T | e, x) in bits.
        band_change_probability: the probability that observing X moves the posterior of the
            leading target state into another probability band.
        leader_change_probability: the probability that observing X makes another target
            state the most probable one.
        cost: the observation's cost, when one was given.
        information_per_cost: mutual information (bits) per unit of cost, when a cost was given.
    """

    variable: str
    observation_probabilities: Distribution
    target_given_observation: Dict[str, Optional[Distribution]]
    mutual_information_bits: float
    expected_entropy_bits: float
    band_change_probability: float
    leader_change_probability: float
    cost: Optional[float]
    information_per_cost: Optional[float]

    @property
    def mutual_information_nats(self) -> float:
        """I(T; X | e) in nats (bits times ln 2)."""
        return self.mutual_information_bits * math.log(2.0)


@dataclass(frozen=True)
class ValueOfInformation:
    """The result of :func:`value_of_information`.

    Attributes:
        target: the target variable T.
        posterior: P(T | e).
        entropy_bits: H(T | e) in bits.
        leader: the most probable target state (the first on ties).
        leader_band: the band of P(leader | e), 0 being the lowest.
        candidates: one entry per candidate, in the order of the ranking asked for.
    """

    target: str
    posterior: Distribution
    entropy_bits: float
    leader: str
    leader_band: int
    candidates: Tuple[ObservationValue, ...]

    def __repr__(self) -> str:
        top = ", ".join(
            f"{c.variable}: {c.mutual_information_bits:.4g} bits" for c in self.candidates[:5]
        )
        more = ", ..." if len(self.candidates) > 5 else ""
        return (
            f"ValueOfInformation(target={self.target!r}, posterior={_fmt(self.posterior)}, "
            f"candidates=[{top}{more}])"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per candidate in ranking order: ``variable``, ``mutual_information_bits``,
        ``expected_entropy_bits``, ``band_change_probability``,
        ``leader_change_probability``, ``cost``, ``information_per_cost``."""
        rows = [
            {
                "variable": c.variable,
                "mutual_information_bits": c.mutual_information_bits,
                "expected_entropy_bits": c.expected_entropy_bits,
                "band_change_probability": c.band_change_probability,
                "leader_change_probability": c.leader_change_probability,
                "cost": c.cost,
                "information_per_cost": c.information_per_cost,
            }
            for c in self.candidates
        ]
        return _frame(rows, "ValueOfInformation.to_frame")


def value_of_information(
    network: Network,
    target: str,
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    candidates: Optional[Sequence[str]] = None,
    band_edges: Sequence[float] = (),
    costs: Optional[Mapping[str, float]] = None,
    rank_by: str = "mutual_information",
) -> ValueOfInformation:
    """Which unobserved variable would be most worth observing next, for the target.

    For each candidate X: the mutual information
    I(T; X | e) = sum_x P(x | e) KL(P(T | e, x) || P(T | e)) in **bits** (base-2
    logarithms), the probability that observing X moves the leading target state's
    probability across a band boundary, the probability that it changes the leader, and
    the information per unit of cost. Source: R. A. Howard, "Information value theory",
    IEEE Trans. Systems Science and Cybernetics 2(1), 1966; A. Krause and C. Guestrin,
    "Near-optimal nonmyopic value of information in graphical models", UAI 2005, sec. 2.

    Args:
        network: the network.
        target: the target variable T.
        evidence: hard findings ``{variable: state}``.
        likelihood: likelihood findings ``{variable: vector}`` (state order).
        candidates: the variables that could be observed; default every variable other
            than the target without a hard finding.
        band_edges: cut points of the probability bands, strictly increasing in (0, 1); a
            probability equal to a cut point belongs to the band above. Empty: one band.
        costs: the cost of observing each variable (positive, finite).
        rank_by: ``"mutual_information"``, ``"band_change_probability"`` or
            ``"information_per_cost"`` (candidates without a cost last); largest first,
            ties by variable order in the network.

    Returns:
        A :class:`ValueOfInformation`.

    Raises:
        ModelError: unknown target or candidate (listing the variables), or a target with
            one state.
        EvidenceError: bad evidence, a candidate that is the target or is observed.
        ImpossibleEvidenceError: P(e) = 0.
        Error: bad band edges, a cost that is not positive and finite, an unknown ranking.
    """
    net = _net(network)
    d = _core.analysis_value_of_information(
        net,
        target,
        _hard(evidence),
        _vectors(likelihood),
        list(candidates or []),
        [float(x) for x in band_edges],
        {str(k): float(v) for k, v in (costs or {}).items()},
        rank_by,
    )
    ts = net.states(target)
    cands = []
    for c in d["candidates"]:
        xs = net.states(c["variable"])
        given: Dict[str, Optional[Distribution]] = {
            x: (_dist(ts, row) if len(row) else None)
            for x, row in zip(xs, c["target_given_observation"])
        }
        cands.append(
            ObservationValue(
                variable=str(c["variable"]),
                observation_probabilities=_dist(xs, c["observation_probabilities"]),
                target_given_observation=given,
                mutual_information_bits=float(c["mutual_information_bits"]),
                expected_entropy_bits=float(c["expected_entropy_bits"]),
                band_change_probability=float(c["band_change_probability"]),
                leader_change_probability=float(c["leader_change_probability"]),
                cost=None if c["cost"] is None else float(c["cost"]),
                information_per_cost=(
                    None if c["information_per_cost"] is None else float(c["information_per_cost"])
                ),
            )
        )
    return ValueOfInformation(
        target=target,
        posterior=_dist(ts, d["posterior"]),
        entropy_bits=float(d["entropy_bits"]),
        leader=ts[int(d["leader"])],
        leader_band=int(d["leader_band"]),
        candidates=tuple(cands),
    )


# ------------------------------------------------------------------------ sensitivity


@dataclass(frozen=True)
class SensitivityFunction:
    """f(theta) = (alpha theta + beta) / (gamma theta + delta): a posterior probability as a
    function of one CPT parameter theta."""

    alpha: float
    beta: float
    gamma: float
    delta: float

    def __call__(self, theta: float) -> float:
        """f(theta), clipped to [0, 1] against rounding; where the denominator vanishes
        (only at an end of the admissible interval) the limit alpha / gamma."""
        den = self.gamma * theta + self.delta
        scale = max(abs(self.gamma), abs(self.delta))
        if abs(den) <= 1e-12 * scale:
            v = self.alpha / self.gamma if self.gamma != 0.0 else self.beta / self.delta
        else:
            v = (self.alpha * theta + self.beta) / den
        return min(1.0, max(0.0, v))

    def derivative(self, theta: float) -> float:
        """f'(theta) = (alpha delta - beta gamma) / (gamma theta + delta)^2."""
        den = self.gamma * theta + self.delta
        if den == 0.0:
            return 0.0
        return (self.alpha * self.delta - self.beta * self.gamma) / (den * den)


@dataclass(frozen=True)
class FlipThreshold:
    """The nearest parameter value at which another target state overtakes the leader.

    Attributes:
        theta: the value where the two states are equally probable.
        change: theta minus the parameter's current value.
        new_leader: the state that overtakes the leader beyond ``theta``.
    """

    theta: float
    change: float
    new_leader: str


@dataclass(frozen=True)
class ParameterSensitivity:
    """The sensitivity of P(T | e) to one parameter theta = P(variable = state | row).

    Attributes:
        variable: the CPT's child X.
        row: the parent configuration (row-major over the parents, last parent fastest;
            0 for a root).
        state: the state x of X.
        label: ``"P(X=x | A=a, ...)"``.
        value: the current value theta_0.
        upper: the upper end of the admissible interval [0, upper] (the row's sum).
        scheme: ``"proportional"`` (the row's other entries keep their ratios) or
            ``"uniform"`` (they share the rest equally; used when theta_0 is the whole row).
        functions: f_t for each target state t.
        derivative: df_t/dtheta at theta_0 for each target state.
        minimum: min of f_t over [0, upper] for each target state.
        maximum: max of f_t over [0, upper] for each target state.
        flip_down: the nearest flip of the leader when theta decreases, if any.
        flip_up: the nearest flip of the leader when theta increases, if any.
    """

    variable: str
    row: int
    state: str
    label: str
    value: float
    upper: float
    scheme: str
    functions: Dict[str, SensitivityFunction]
    derivative: Distribution
    minimum: Distribution
    maximum: Distribution
    flip_down: Optional[FlipThreshold]
    flip_up: Optional[FlipThreshold]

    def nearest_flip(self) -> Optional[FlipThreshold]:
        """The nearer of ``flip_down`` and ``flip_up`` (``flip_down`` on a tie), if any."""
        if self.flip_down is not None and self.flip_up is not None:
            if abs(self.flip_up.change) < abs(self.flip_down.change):
                return self.flip_up
            return self.flip_down
        return self.flip_down if self.flip_down is not None else self.flip_up


@dataclass(frozen=True)
class Sensitivity:
    """The result of :func:`sensitivity`.

    Attributes:
        target: the target variable T.
        posterior: P(T | e) with the network as given.
        leader: the most probable target state (the first on ties).
        parameters: one entry per parameter: CPT by CPT in the order analysed, then row by
            row, then state by state.
        extra_compilations: junction trees compiled beyond the first (one per CPT holding a
            zero entry).
    """

    target: str
    posterior: Distribution
    leader: str
    parameters: Tuple[ParameterSensitivity, ...]
    extra_compilations: int

    def __repr__(self) -> str:
        return (
            f"Sensitivity(target={self.target!r}, posterior={_fmt(self.posterior)}, "
            f"parameters={len(self.parameters)}, flips={len(self.flips())})"
        )

    def parameter(self, variable: str, row: int, state: str) -> ParameterSensitivity:
        """The entry of parameter P(variable = state | row).

        Raises:
            KeyError: the parameter was not analysed.
        """
        for p in self.parameters:
            if p.variable == variable and p.row == row and p.state == state:
                return p
        raise KeyError(f"parameter ({variable!r}, row {row}, {state!r}) was not analysed")

    def tornado(
        self, state: str, *, by: str = "range", limit: int = 0
    ) -> List[ParameterSensitivity]:
        """The parameters ordered by their influence on P(T = state | e), largest first
        (ties by position), at most ``limit`` of them (0: all).

        Args:
            state: a state of the target.
            by: ``"range"`` (max - min over the admissible interval) or ``"derivative"``
                (absolute derivative at the current value).
            limit: the number of bars (0: all).

        Raises:
            ModelError: ``state`` is not a state of the target (listing the states).
            ValueError: an unknown ``by``.
        """
        if state not in self.posterior:
            raise _core.ModelError(
                f"variable '{self.target}' has no state '{state}' "
                f"(states: {', '.join(self.posterior)})"
            )
        if by == "range":
            key = [p.maximum[state] - p.minimum[state] for p in self.parameters]
        elif by == "derivative":
            key = [abs(p.derivative[state]) for p in self.parameters]
        else:
            raise ValueError(f"unknown tornado measure '{by}' (measures: range, derivative)")
        order = sorted(range(len(self.parameters)), key=lambda i: -key[i])
        bars = [self.parameters[i] for i in order]
        return bars[:limit] if limit > 0 else bars

    def flips(self) -> List[ParameterSensitivity]:
        """The parameters whose change alone can flip the leader, by the size of the
        smallest such change (smallest first)."""
        found = [p for p in self.parameters if p.nearest_flip() is not None]
        return sorted(found, key=lambda p: abs(_change(p)))

    def to_frame(self) -> pd.DataFrame:
        """One row per (parameter, target state): ``variable``, ``row``, ``state``,
        ``label``, ``value``, ``target_state``, ``alpha``, ``beta``, ``gamma``, ``delta``,
        ``derivative``, ``minimum``, ``maximum``."""
        rows = []
        for p in self.parameters:
            for t, f in p.functions.items():
                rows.append(
                    {
                        "variable": p.variable,
                        "row": p.row,
                        "state": p.state,
                        "label": p.label,
                        "value": p.value,
                        "target_state": t,
                        "alpha": f.alpha,
                        "beta": f.beta,
                        "gamma": f.gamma,
                        "delta": f.delta,
                        "derivative": p.derivative[t],
                        "minimum": p.minimum[t],
                        "maximum": p.maximum[t],
                    }
                )
        return _frame(rows, "Sensitivity.to_frame")


def _change(p: ParameterSensitivity) -> float:
    f = p.nearest_flip()
    return f.change if f is not None else math.inf


def _flip(d: Mapping[str, Any], states: Sequence[str]) -> Optional[FlipThreshold]:
    if not d:
        return None
    return FlipThreshold(float(d["theta"]), float(d["change"]), states[int(d["new_leader"])])


def sensitivity(
    network: Network,
    target: str,
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    variables: Optional[Sequence[str]] = None,
) -> Sensitivity:
    """One-way sensitivity functions of P(target | e) for every parameter of the chosen CPTs.

    A parameter theta = P(X = x | u) varies while the other entries of its row co-vary
    proportionally, so each posterior is a quotient of linear functions
    f_t(theta) = (alpha_t theta + beta_t) / (gamma theta + delta), exact up to rounding.
    Source: V. M. H. Coupé and L. C. van der Gaag, "Properties of sensitivity analysis of
    Bayesian belief networks", Annals of Mathematics and Artificial Intelligence 36, 2002,
    sec. 3; H. Chan and A. Darwiche, "When do numbers really matter?", JAIR 17, 2002;
    computed as in U. Kjærulff and L. C. van der Gaag, "Making sensitivity analysis
    computationally efficient", UAI 2000 (1 + card(T) propagations).

    Args:
        network: the network.
        target: the target variable T.
        evidence: hard findings ``{variable: state}``.
        likelihood: likelihood findings ``{variable: vector}``.
        variables: the CPTs (by child) to analyse; default every CPT. Variables with one
            state have no free parameter and are skipped.

    Returns:
        A :class:`Sensitivity`.

    Raises:
        ModelError: unknown target or variable, a target with one state, a CPT listed twice.
        EvidenceError: bad evidence.
        ImpossibleEvidenceError: P(e) = 0.
    """
    net = _net(network)
    d = _core.analysis_sensitivity(
        net, target, _hard(evidence), _vectors(likelihood), list(variables or [])
    )
    ts = net.states(target)
    params = []
    for p in d["parameters"]:
        params.append(
            ParameterSensitivity(
                variable=str(p["variable"]),
                row=int(p["row"]),
                state=str(p["state"]),
                label=str(p["label"]),
                value=float(p["value"]),
                upper=float(p["upper"]),
                scheme=str(p["scheme"]),
                functions={
                    t: SensitivityFunction(*(float(x) for x in f))
                    for t, f in zip(ts, p["functions"])
                },
                derivative=_dist(ts, p["derivative"]),
                minimum=_dist(ts, p["minimum"]),
                maximum=_dist(ts, p["maximum"]),
                flip_down=_flip(p["flip_down"], ts),
                flip_up=_flip(p["flip_up"], ts),
            )
        )
    return Sensitivity(
        target=target,
        posterior=_dist(ts, d["posterior"]),
        leader=ts[int(d["leader"])],
        parameters=tuple(params),
        extra_compilations=int(d["extra_compilations"]),
    )


# ------------------------------------------------------------------------ attribution


@dataclass(frozen=True)
class ShapleyAttribution:
    """The result of :func:`shapley_attribution`.

    Attributes:
        target: the target variable T.
        target_states: the states of T, the column order of ``values``.
        findings: the labels of the players, the row order of ``values``.
        baseline: P(T | background).
        posterior: P(T | background, every finding).
        baseline_log_odds: log P(t) - log P(not t) given the background (natural logs).
        final_log_odds: the same given the background and every finding.
        defined: whether state t has finite log-odds for every subset evaluated; an
            undefined state's values are 0.
        values: array of shape (findings, target states): the Shapley value of each finding
            on the log-odds of each state, in **nats**. For a defined state the column sums to
            ``final_log_odds - baseline_log_odds``.
        standard_errors: the Monte Carlo standard errors, same shape (0 when exact).
        exact: whether every subset was enumerated (rather than permutations sampled).
        permutations: permutations sampled (0 when exact).
        inferences: propagations made.
    """

    target: str
    target_states: Tuple[str, ...]
    findings: Tuple[str, ...]
    baseline: Distribution
    posterior: Distribution
    baseline_log_odds: Distribution
    final_log_odds: Distribution
    defined: Dict[str, bool]
    values: _Array
    standard_errors: _Array
    exact: bool
    permutations: int
    inferences: int

    def __repr__(self) -> str:
        how = "exact" if self.exact else f"{self.permutations} permutations"
        return (
            f"ShapleyAttribution(target={self.target!r}, findings={len(self.findings)}, "
            f"baseline={_fmt(self.baseline)}, posterior={_fmt(self.posterior)}, {how})"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per finding (index: its label), one column per target state: the
        Shapley values in nats."""
        pd_ = _pandas("ShapleyAttribution.to_frame")
        frame: pd.DataFrame = pd_.DataFrame(
            self.values, index=list(self.findings), columns=list(self.target_states)
        )
        return frame


def _shapley(
    net: _core.BayesianNetwork, d: Mapping[str, Any], labels: Sequence[str]
) -> ShapleyAttribution:
    target = str(d["target"])
    ts = net.states(target)
    players = [int(i) for i in d["players"]]
    k = len(ts)
    values = np.array([np.asarray(r, dtype=np.float64) for r in d["values"]], dtype=np.float64)
    errors = np.array(
        [np.asarray(r, dtype=np.float64) for r in d["standard_errors"]], dtype=np.float64
    )
    return ShapleyAttribution(
        target=target,
        target_states=tuple(ts),
        findings=tuple(labels[i] for i in players),
        baseline=_dist(ts, d["baseline"]),
        posterior=_dist(ts, d["posterior"]),
        baseline_log_odds=_dist(ts, d["baseline_log_odds"]),
        final_log_odds=_dist(ts, d["final_log_odds"]),
        defined={t: bool(x) for t, x in zip(ts, d["defined"])},
        values=values.reshape(len(players), k),
        standard_errors=errors.reshape(len(players), k),
        exact=bool(d["exact"]),
        permutations=int(d["permutations"]),
        inferences=int(d["inferences"]),
    )


def shapley_attribution(
    network: Network,
    target: str,
    findings: Findings,
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    exact_limit: int = 16,
    permutations: int = 1000,
    seed: int = DEFAULT_SEED,
) -> ShapleyAttribution:
    """How much each finding contributed to the target's posterior: Shapley values on the
    log-odds of each target state.

    The value of a set S of findings for state t is
    ``v_t(S) = ln P(t | b, e_S) - ln P(not t | b, e_S)`` (b the background ``evidence`` and
    ``likelihood``); the Shapley value of finding i is
    ``sum over S without i of |S|! (n - |S| - 1)! / n! (v(S + i) - v(S))``, in **nats**. The
    values of each defined state sum to its total change of log-odds (efficiency). Exact over
    all 2^n subsets up to ``exact_limit`` findings; beyond, estimated from ``permutations``
    random orders with standard errors. Source: L. S. Shapley, "A value for n-person games",
    Annals of Mathematics Studies 28, 1953; sampling after E. Štrumbelj and I. Kononenko,
    Knowledge and Information Systems 41(3), 2014, sec. 3.

    Args:
        network: the network.
        target: the target variable T.
        findings: the players: ``{variable: state or vector}`` or a sequence of
            :class:`Finding` (several may concern one variable; they multiply).
        evidence: background hard findings, present in every subset.
        likelihood: background likelihood findings.
        exact_limit: enumerate every subset up to this many findings (at most 24).
        permutations: permutations sampled beyond (at least 2).
        seed: the seed of the permutations (the same seed gives the same estimate on every
            platform).

    Returns:
        A :class:`ShapleyAttribution`.

    Raises:
        ModelError: unknown target.
        EvidenceError: a finding on an unknown variable or state, or a bad vector.
        ImpossibleEvidenceError: the background and all findings have probability zero.
        Error: ``permutations`` < 2 when sampling, or ``exact_limit`` > 24.
    """
    net = _net(network)
    fs = _finding_list(findings)
    d = _core.analysis_shapley(
        net,
        target,
        _finding_tuples(fs),
        _hard(evidence),
        _vectors(likelihood),
        exact_limit,
        permutations,
        seed,
    )
    return _shapley(net, d, [_finding_label(f) for f in fs])


@dataclass(frozen=True)
class AttributionStep:
    """The attribution of every finding dated on or before ``date``."""

    date: str
    attribution: ShapleyAttribution


@dataclass(frozen=True)
class AttributionTimeline:
    """The result of :func:`attribution_timeline`: one step per distinct date, in date order."""

    target: str
    steps: Tuple[AttributionStep, ...]

    def __len__(self) -> int:
        return len(self.steps)

    def __iter__(self) -> Iterator[AttributionStep]:
        return iter(self.steps)

    def __getitem__(self, i: int) -> AttributionStep:
        return self.steps[i]

    def __repr__(self) -> str:
        dates = [s.date for s in self.steps]
        return f"AttributionTimeline(target={self.target!r}, dates={dates})"

    def to_frame(self) -> pd.DataFrame:
        """Long format: one row per (date, finding, target state) with columns ``date``,
        ``finding``, ``target_state``, ``value`` (nats) and ``standard_error``."""
        rows = []
        for s in self.steps:
            a = s.attribution
            for i, f in enumerate(a.findings):
                for j, t in enumerate(a.target_states):
                    rows.append(
                        {
                            "date": s.date,
                            "finding": f,
                            "target_state": t,
                            "value": float(a.values[i, j]),
                            "standard_error": float(a.standard_errors[i, j]),
                        }
                    )
        return _frame(rows, "AttributionTimeline.to_frame")


def attribution_timeline(
    network: Network,
    target: str,
    findings: Sequence[Finding],
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    exact_limit: int = 16,
    permutations: int = 1000,
    seed: int = DEFAULT_SEED,
) -> AttributionTimeline:
    """How the attribution evolves: for each distinct date (``YYYY-MM-DD``, compared as
    text), the Shapley attribution (see :func:`shapley_attribution`, values in nats) of every
    finding dated on or before it. Subset posteriors are shared between the steps.
    Source: as :func:`shapley_attribution`.

    Args:
        network: the network.
        target: the target variable T.
        findings: dated :class:`Finding` objects.
        evidence: background hard findings.
        likelihood: background likelihood findings.
        exact_limit: as :func:`shapley_attribution`.
        permutations: as :func:`shapley_attribution`.
        seed: as :func:`shapley_attribution`.

    Returns:
        An :class:`AttributionTimeline`.

    Raises:
        EvidenceError: a finding without a date, or as :func:`shapley_attribution`.
        ModelError: unknown target.
    """
    net = _net(network)
    fs = _finding_list(findings)
    steps = _core.analysis_shapley_timeline(
        net,
        target,
        _finding_tuples(fs),
        _hard(evidence),
        _vectors(likelihood),
        exact_limit,
        permutations,
        seed,
    )
    labels = [_finding_label(f) for f in fs]
    return AttributionTimeline(
        target=target,
        steps=tuple(AttributionStep(str(date), _shapley(net, d, labels)) for date, d in steps),
    )


# --------------------------------------------------------------------------- conflict


@dataclass(frozen=True)
class FindingConflict:
    """One finding's part in the conflict.

    Attributes:
        finding: the finding's label.
        log_probability: ln P(e_i | background).
        contribution: conf(e) - conf(e without e_i) = ln P(e_i | b) - ln P(e_i | b, others).
    """

    finding: str
    log_probability: float
    contribution: float


@dataclass(frozen=True)
class StateConflict:
    """The conflict given one target state.

    Attributes:
        state: the target state t.
        probability: P(T = t | background).
        possible: whether that probability is positive (if not, the conflicts are unused).
        conflict: conf(e | t) (``inf`` when the findings are impossible given t).
        recent_conflict: conf(recent | t).
    """

    state: str
    probability: float
    possible: bool
    conflict: float
    recent_conflict: float


@dataclass(frozen=True)
class Conflict:
    """The result of :func:`conflict` (natural logarithms throughout).

    Attributes:
        target: the target variable.
        conflict: conf(e) = ln(P(e_1) ... P(e_n) / P(e)) given the background.
        log_evidence_probability: ln P(e | background), likelihood vectors as given.
        recent_conflict: conf(recent findings) (0 without recent findings).
        fits_no_scenario: whether the recent findings conflict beyond the threshold under
            every possible target state.
        findings: one entry per finding, in input order.
        states: one entry per target state.
    """

    target: str
    conflict: float
    log_evidence_probability: float
    recent_conflict: float
    fits_no_scenario: bool
    findings: Tuple[FindingConflict, ...]
    states: Tuple[StateConflict, ...]

    def __repr__(self) -> str:
        return (
            f"Conflict(target={self.target!r}, conflict={self.conflict:.4g}, "
            f"findings={len(self.findings)}, fits_no_scenario={self.fits_no_scenario})"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per finding: ``finding``, ``log_probability``, ``contribution``."""
        rows = [
            {
                "finding": f.finding,
                "log_probability": f.log_probability,
                "contribution": f.contribution,
            }
            for f in self.findings
        ]
        return _frame(rows, "Conflict.to_frame")


def conflict(
    network: Network,
    target: str,
    findings: Findings,
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    recent: Sequence[int] = (),
    threshold: float = 0.0,
) -> Conflict:
    """Data conflict of findings: conf(e) = ln( P(e_1) P(e_2) ... P(e_n) / P(e) ) (natural
    logarithm), each finding's contribution, and the same measure given each target state
    ("fits no scenario" when the recent findings conflict under every state). Negative
    values mean the findings support each other; positive values point to a misleading
    finding or a case the model does not describe. Source: F. V. Jensen, B. Chamberlain,
    T. Nordahl and F. Jensen, "Analysis in HUGIN of data conflict", UAI 6, 1991, sec. 2;
    F. V. Jensen and T. D. Nielsen, *Bayesian Networks and Decision Graphs*, 2nd ed., 2007,
    sec. 5.3.1.

    Args:
        network: the network.
        target: the target (scenario) variable.
        findings: ``{variable: state or vector}`` or a sequence of :class:`Finding`.
        evidence: background hard findings every probability is conditioned on.
        likelihood: background likelihood findings.
        recent: indices into ``findings`` checked under every target state.
        threshold: the conflict the recent findings must exceed under every state.

    Returns:
        A :class:`Conflict`.

    Raises:
        ModelError: unknown target.
        EvidenceError: a bad finding or index.
        ImpossibleEvidenceError: the findings together have probability zero.
    """
    net = _net(network)
    fs = _finding_list(findings)
    labels = [_finding_label(f) for f in fs]
    d = _core.analysis_conflict(
        net,
        target,
        _finding_tuples(fs),
        _hard(evidence),
        _vectors(likelihood),
        [int(i) for i in recent],
        float(threshold),
    )
    return Conflict(
        target=target,
        conflict=float(d["conflict"]),
        log_evidence_probability=float(d["log_evidence_probability"]),
        recent_conflict=float(d["recent_conflict"]),
        fits_no_scenario=bool(d["fits_no_scenario"]),
        findings=tuple(
            FindingConflict(labels[int(i)], float(lp), float(c)) for i, lp, c in d["findings"]
        ),
        states=tuple(
            StateConflict(str(s), float(p), bool(ok), float(c), float(rc))
            for s, p, ok, c, rc in d["states"]
        ),
    )


# ------------------------------------------------------------------------ uncertainty


@dataclass(frozen=True)
class CredibleInterval:
    """A central credible interval: the (1 - level)/2 and (1 + level)/2 sample quantiles."""

    level: float
    lower: float
    upper: float


@dataclass(frozen=True)
class StateUncertainty:
    """The distribution of P(T = state | e) over the sampled networks.

    Attributes:
        state: the target state.
        point: P(T = state | e) with the tables as given.
        mean: the mean over the samples.
        standard_deviation: over the samples (n - 1 in the denominator).
        intervals: one per requested level, in that order.
    """

    state: str
    point: float
    mean: float
    standard_deviation: float
    intervals: Tuple[CredibleInterval, ...]


@dataclass(frozen=True)
class PosteriorUncertainty:
    """The result of :func:`posterior_uncertainty`.

    Attributes:
        target: the target variable.
        states: one entry per target state.
        requested: samples requested.
        completed: samples drawn.
        impossible_samples: samples under which the evidence had probability zero (left out).
        samples: array of shape (samples, target states) when ``keep_samples``, else None.
    """

    target: str
    states: Tuple[StateUncertainty, ...]
    requested: int
    completed: int
    impossible_samples: int
    samples: Optional[_Array]

    def __repr__(self) -> str:
        parts = []
        for s in self.states:
            iv = s.intervals[0] if s.intervals else None
            band = f" [{iv.lower:.3g}, {iv.upper:.3g}]" if iv else ""
            parts.append(f"{s.state}: {s.point:.4g}{band}")
        return (
            f"PosteriorUncertainty(target={self.target!r}, samples={self.completed}, "
            f"{{{', '.join(parts)}}})"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per target state: ``state``, ``point``, ``mean``,
        ``standard_deviation`` and ``lower_<level>`` / ``upper_<level>`` per level."""
        rows = []
        for s in self.states:
            row: Dict[str, Any] = {
                "state": s.state,
                "point": s.point,
                "mean": s.mean,
                "standard_deviation": s.standard_deviation,
            }
            for iv in s.intervals:
                row[f"lower_{iv.level:g}"] = iv.lower
                row[f"upper_{iv.level:g}"] = iv.upper
            rows.append(row)
        return _frame(rows, "PosteriorUncertainty.to_frame")


def posterior_uncertainty(
    network: Network,
    target: str,
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    equivalent_sample_size: Union[float, Mapping[str, float]] = 10.0,
    samples: int = 1000,
    levels: Sequence[float] = (0.9,),
    seed: int = DEFAULT_SEED,
    keep_samples: bool = False,
    progress: Optional[Callable[[int, int], Optional[bool]]] = None,
    progress_every: int = 100,
) -> PosteriorUncertainty:
    """The second-order distribution of P(target | e) when CPT rows are uncertain.

    Each row of an uncertain CPT is Dirichlet-distributed with parameters s * theta (theta
    the row as given, s the equivalent sample size of the table); networks are drawn by
    Monte Carlo and the posterior computed under each. A larger s concentrates the samples
    around the posterior as given. Credible intervals are sample quantiles (Hyndman and Fan
    1996, definition 7). Source: G. D. Kleiter, "Propagating imprecise probabilities in
    Bayesian networks", Artificial Intelligence 88, 1996 (Dirichlet-distributed parameters,
    Monte Carlo propagation); T. Van Allen, A. Singh, R. Greiner and P. Hooper, "Quantifying
    the uncertainty of a belief net response: Bayesian error-bars for belief net inference",
    Artificial Intelligence 172, 2008; Dirichlet draws from Gamma draws (L. Devroye,
    *Non-Uniform Random Variate Generation*, 1986, ch. XI.4).

    Args:
        network: the network.
        target: the target variable.
        evidence: hard findings.
        likelihood: likelihood findings.
        equivalent_sample_size: one s for every table, or ``{variable: s}`` for the
            uncertain tables only (the others stay fixed); positive and finite.
        samples: the number of networks drawn (at least 1).
        levels: levels of the central credible intervals, each in (0, 1).
        seed: the sampler's seed (the same seed gives the same draws on every platform).
        keep_samples: keep every sampled posterior in ``samples``.
        progress: called as ``progress(done, total)`` every ``progress_every`` samples and
            at the end; returning ``False`` stops the run, and the result then describes the
            ``completed`` samples drawn so far. Ctrl-C (KeyboardInterrupt) stops a long run
            at its next sample, with or without it.
        progress_every: samples between calls of ``progress``.

    Returns:
        A :class:`PosteriorUncertainty`.

    Raises:
        ModelError: unknown target or variable, a target with one state.
        EvidenceError: bad evidence.
        ImpossibleEvidenceError: P(e) = 0 as given, or under every sample.
        Error: a bad sample size, ``samples`` = 0, a level outside (0, 1).
    """
    net = _net(network)
    if isinstance(equivalent_sample_size, Mapping):
        ess = {str(k): float(v) for k, v in equivalent_sample_size.items()}
    else:
        ess = {v: float(equivalent_sample_size) for v in net.variable_names()}
    d = _core.analysis_posterior_uncertainty(
        net,
        target,
        _hard(evidence),
        _vectors(likelihood),
        ess,
        samples,
        [float(x) for x in levels],
        seed,
        keep_samples,
        progress,
        progress_every,
    )
    ts = net.states(target)
    states = tuple(
        StateUncertainty(
            state=t,
            point=float(point),
            mean=float(mean),
            standard_deviation=float(sd),
            intervals=tuple(CredibleInterval(float(a), float(b), float(c)) for a, b, c in ivs),
        )
        for t, (point, mean, sd, ivs) in zip(ts, d["states"])
    )
    raw = d["samples"]
    return PosteriorUncertainty(
        target=target,
        states=states,
        requested=int(d["requested"]),
        completed=int(d["completed"]),
        impossible_samples=int(d["impossible_samples"]),
        samples=None if raw is None else np.asarray(raw, dtype=np.float64),
    )


# ---------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class CalibrationBin:
    """One bin [lower, upper) of a calibration table (the last bin includes 1).

    Attributes:
        lower: the bin's lower edge.
        upper: the bin's upper edge.
        count: binary forecasts in the bin.
        mean_forecast: their mean probability (0 when empty).
        observed_frequency: the fraction whose event happened (0 when empty).
    """

    lower: float
    upper: float
    count: int
    mean_forecast: float
    observed_frequency: float


def _bins(rows: Sequence[Any]) -> Tuple[CalibrationBin, ...]:
    return tuple(
        CalibrationBin(float(a), float(b), int(n), float(m), float(o)) for a, b, n, m, o in rows
    )


def _calibration_frame(bins: Sequence[CalibrationBin], feature: str) -> pd.DataFrame:
    rows = [
        {
            "lower": b.lower,
            "upper": b.upper,
            "count": b.count,
            "mean_forecast": b.mean_forecast,
            "observed_frequency": b.observed_frequency,
        }
        for b in bins
    ]
    return _frame(rows, feature)


@dataclass(frozen=True)
class ForecastScores:
    """The result of :func:`score_forecasts` (each score a loss: smaller is better).

    Attributes:
        count: the number of forecasts.
        brier: the mean Brier score, in [0, 2].
        log_loss: the mean logarithmic loss in nats (``inf`` if an outcome had probability 0).
        ignorance: the mean ignorance in bits.
        zero_probability_outcomes: forecasts that gave their outcome probability 0.
        brier_each: the Brier score of each forecast, shape (count,).
        log_loss_each: the logarithmic loss of each forecast in nats, shape (count,).
        calibration: the calibration table over every (forecast, category) pair.
    """

    count: int
    brier: float
    log_loss: float
    ignorance: float
    zero_probability_outcomes: int
    brier_each: _Array
    log_loss_each: _Array
    calibration: Tuple[CalibrationBin, ...]

    def __repr__(self) -> str:
        return (
            f"ForecastScores(count={self.count}, brier={self.brier:.4g}, "
            f"log_loss={self.log_loss:.4g} nats, ignorance={self.ignorance:.4g} bits)"
        )

    def to_frame(self) -> pd.DataFrame:
        """The calibration table: one row per bin."""
        return _calibration_frame(self.calibration, "ForecastScores.to_frame")


def score_forecasts(
    forecasts: Sequence[Tuple[Sequence[float], int]], *, bins: int = 10
) -> ForecastScores:
    """Scores probability forecasts of categorical outcomes.

    The Brier score sum_k (p_k - o_k)^2 in its multi-category form (G. W. Brier,
    "Verification of forecasts expressed in terms of probability", Monthly Weather Review
    78(1), 1950); the logarithmic loss -ln p_outcome in **nats** (I. J. Good, "Rational
    decisions", JRSS B 14(1), 1952, sec. 8) and the ignorance -log2 p_outcome in **bits**
    (M. S. Roulston and L. A. Smith, Monthly Weather Review 130, 2002); and a calibration
    table with equal-width bins (A. H. Murphy and R. L. Winkler, Monthly Weather Review 115,
    1987).

    Args:
        forecasts: ``(probabilities, outcome)`` pairs: a distribution over categories
            (non-negative, summing to 1 within 1e-6) and the index of the category that
            happened.
        bins: the number of calibration bins (at least 1).

    Returns:
        A :class:`ForecastScores`.

    Raises:
        Error: a forecast that is not a distribution or an outcome out of range (naming the
            forecast), or ``bins`` = 0.
    """
    pairs = [([float(x) for x in p], int(o)) for p, o in forecasts]
    d = _core.analysis_score_forecasts(pairs, bins)
    return ForecastScores(
        count=int(d["count"]),
        brier=float(d["brier"]),
        log_loss=float(d["log_loss"]),
        ignorance=float(d["ignorance"]),
        zero_probability_outcomes=int(d["zero_probability_outcomes"]),
        brier_each=np.asarray(d["brier_each"], dtype=np.float64),
        log_loss_each=np.asarray(d["log_loss_each"], dtype=np.float64),
        calibration=_bins(d["calibration"]),
    )


@dataclass(frozen=True)
class ScoredForecast:
    """One scored forecast of a back-test.

    Attributes:
        entry: the index of the timeline entry.
        date: its date.
        variable: the variable forecast.
        forecast: P(variable | background, findings of earlier dates).
        outcome: the observed state.
        brier: the Brier score.
        log_loss: the logarithmic loss in nats.
        ignorance: the ignorance in bits.
    """

    entry: int
    date: str
    variable: str
    forecast: Distribution
    outcome: str
    brier: float
    log_loss: float
    ignorance: float


@dataclass(frozen=True)
class Backtest:
    """The result of :func:`backtest`.

    Attributes:
        scored: one entry per scored timeline entry, in date order.
        count: the number of scored entries.
        brier: their mean Brier score.
        log_loss: their mean logarithmic loss in nats.
        ignorance: their mean ignorance in bits.
        zero_probability_outcomes: forecasts that gave their outcome probability 0.
        calibration: the calibration table over every category's forecast.
    """

    scored: Tuple[ScoredForecast, ...]
    count: int
    brier: float
    log_loss: float
    ignorance: float
    zero_probability_outcomes: int
    calibration: Tuple[CalibrationBin, ...]

    def __repr__(self) -> str:
        return (
            f"Backtest(count={self.count}, brier={self.brier:.4g}, "
            f"log_loss={self.log_loss:.4g} nats, ignorance={self.ignorance:.4g} bits)"
        )

    def to_frame(self) -> pd.DataFrame:
        """One row per scored entry: ``entry``, ``date``, ``variable``, ``outcome``,
        ``p_outcome``, ``brier``, ``log_loss``, ``ignorance``."""
        rows = [
            {
                "entry": s.entry,
                "date": s.date,
                "variable": s.variable,
                "outcome": s.outcome,
                "p_outcome": s.forecast[s.outcome],
                "brier": s.brier,
                "log_loss": s.log_loss,
                "ignorance": s.ignorance,
            }
            for s in self.scored
        ]
        return _frame(rows, "Backtest.to_frame")


def backtest(
    network: Network,
    timeline: Sequence[TimelineEntry],
    evidence: Optional[Evidence] = None,
    likelihood: Optional[Vectors] = None,
    *,
    bins: int = 10,
) -> Backtest:
    """Replays a dated timeline of findings and scores the model's forecasts.

    Entries are ordered by date (stable). Each entry with a state is scored against the
    model's predictive distribution of its variable given the background and every entry of
    earlier dates; then the date's entries are applied (several on one variable multiply).
    Scores as in :func:`score_forecasts` (Brier 1950; log loss in nats, Good 1952; ignorance
    in bits, Roulston and Smith 2002).

    Args:
        network: the network.
        timeline: the :class:`TimelineEntry` objects.
        evidence: background hard findings, present from the start.
        likelihood: background likelihood findings.
        bins: the number of calibration bins.

    Returns:
        A :class:`Backtest`.

    Raises:
        EvidenceError: an entry on an unknown variable or state, with a bad vector, with
            neither state nor likelihood, or without a date.
        ImpossibleEvidenceError: the entries up to some date have probability zero.
    """
    net = _net(network)
    rows = [
        (
            t.date,
            t.variable,
            t.state,
            [] if t.likelihood is None else [float(x) for x in t.likelihood],
            t.label,
        )
        for t in timeline
    ]
    d = _core.analysis_backtest(net, rows, _hard(evidence), _vectors(likelihood), bins)
    scored = tuple(
        ScoredForecast(
            entry=int(i),
            date=str(date),
            variable=str(var),
            forecast=_dist(net.states(str(var)), fc),
            outcome=str(out),
            brier=float(b),
            log_loss=float(ll),
            ignorance=float(ig),
        )
        for i, date, var, fc, out, b, ll, ig in d["scored"]
    )
    return Backtest(
        scored=scored,
        count=int(d["count"]),
        brier=float(d["brier"]),
        log_loss=float(d["log_loss"]),
        ignorance=float(d["ignorance"]),
        zero_probability_outcomes=int(d["zero_probability_outcomes"]),
        calibration=_bins(d["calibration"]),
    )


# ---------------------------------------------------------------------------- what-if


@dataclass(frozen=True)
class WhatIfOutcome:
    """The answer for one named evidence set.

    Attributes:
        name: the evidence set's name.
        possible: whether the evidence is possible.
        reason: why not, when not possible (else empty).
        posterior: P(target | e) (empty when not possible).
        others: P(v | e) for each variable of ``also`` (empty when not possible).
        log_evidence_probability: ln P(e) (``-inf`` when P(e) = 0).
    """

    name: str
    possible: bool
    reason: str
    posterior: Distribution
    others: Dict[str, Distribution]
    log_evidence_probability: float


@dataclass(frozen=True)
class WhatIf:
    """The result of :func:`what_if`: one outcome per evidence set, in name order."""

    target: str
    outcomes: Tuple[WhatIfOutcome, ...]

    def __getitem__(self, name: str) -> WhatIfOutcome:
        for o in self.outcomes:
            if o.name == name:
                return o
        raise KeyError(f"no what-if named '{name}' (names: {', '.join(self.names)})")

    @property
    def names(self) -> List[str]:
        """The names of the evidence sets."""
        return [o.name for o in self.outcomes]

    def __repr__(self) -> str:
        parts = [
            f"{o.name}: {_fmt(o.posterior) if o.possible else 'impossible'}"
            for o in self.outcomes
        ]
        return f"WhatIf(target={self.target!r}, {{{'; '.join(parts)}}})"

    def to_frame(self) -> pd.DataFrame:
        """One row per evidence set (index: its name), one column per target state, plus
        ``possible`` and ``log_evidence_probability``."""
        pd_ = _pandas("WhatIf.to_frame")
        rows = []
        for o in self.outcomes:
            row: Dict[str, Any] = dict(o.posterior)
            row["possible"] = o.possible
            row["log_evidence_probability"] = o.log_evidence_probability
            rows.append(row)
        frame: pd.DataFrame = pd_.DataFrame(rows, index=self.names)
        return frame


def what_if(
    network: Network,
    target: str,
    scenarios: Mapping[str, Mapping[str, Union[str, Sequence[float]]]],
    *,
    also: Sequence[str] = (),
) -> WhatIf:
    """Runs several named evidence sets side by side through one compiled junction tree.

    Each answer equals a separate query with that evidence (propagation starts from the
    tree's initial potentials every time). Impossible evidence does not stop the run: that
    outcome is marked not possible, with the reason.

    Args:
        network: the network.
        target: the target variable.
        scenarios: ``{name: {variable: state or likelihood vector}}``.
        also: further variables whose posteriors are reported.

    Returns:
        A :class:`WhatIf`.

    Raises:
        ModelError: unknown target or ``also`` variable.
        EvidenceError: an evidence set that does not fit the network (prefixed with its name).
    """
    net = _net(network)
    sets: Dict[str, Tuple[Dict[str, str], Dict[str, List[float]], Dict[str, List[float]]]] = {}
    for name, ev in scenarios.items():
        hard: Dict[str, str] = {}
        vec: Dict[str, List[float]] = {}
        for var, value in ev.items():
            if isinstance(value, str):
                hard[str(var)] = value
            else:
                vec[str(var)] = [float(x) for x in value]
        sets[str(name)] = (hard, vec, {})
    rows = _core.analysis_what_if(net, target, sets, list(also))
    ts = net.states(target)
    outcomes = []
    for name, possible, reason, post, others, logz in rows:
        outcomes.append(
            WhatIfOutcome(
                name=str(name),
                possible=bool(possible),
                reason=str(reason),
                posterior=_dist(ts, post) if len(post) else {},
                others=(
                    {v: _dist(net.states(v), p) for v, p in zip(also, others)}
                    if len(others)
                    else {}
                ),
                log_evidence_probability=float(logz),
            )
        )
    return WhatIf(target=target, outcomes=tuple(outcomes))
