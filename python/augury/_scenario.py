"""Scenario forecasting: the default China-Russia model, dated reports, and the forecast."""

from __future__ import annotations

import copyreg
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, NamedTuple, Optional, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._core import GradingTable
from ._network import BayesianNetwork

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ScenarioModel",
    "Report",
    "RejectedRow",
    "ReportBatch",
    "ForecastStep",
    "Forecast",
    "GradingTable",
    "default_model",
    "shipped_timeline",
    "read_reports",
    "parse_reports",
    "to_report_csv",
    "forecast",
]

PathLike = Union[str, "os.PathLike[str]"]


def _grading_state(g: GradingTable) -> Tuple[Tuple[float, ...], Tuple[float, ...], float, float]:
    return (
        tuple(g.source_weight(c) for c in "ABCDE"),
        tuple(g.information_weight(c) for c in "12345"),
        g.default_source_weight,
        g.default_information_weight,
    )


def _restore_grading(
    sources: Tuple[float, ...], information: Tuple[float, ...], default_source: float, default_information: float
) -> GradingTable:
    g = GradingTable()
    for c, w in zip("ABCDE", sources):
        g.set_source_weight(c, w)
    for c, w in zip("12345", information):
        g.set_information_weight(c, w)
    g.default_source_weight = default_source
    g.default_information_weight = default_information
    return g


def _reduce_grading(g: GradingTable) -> Tuple[Any, ...]:
    return (_restore_grading, _grading_state(g))


# GradingTable is a C++ class: teach pickle and copy to rebuild it from its weights.
copyreg.pickle(GradingTable, _reduce_grading)


@dataclass(frozen=True)
class ScenarioModel:
    """A network together with the roles of its nodes, as :func:`forecast` uses it.

    Attributes:
        network: the Bayesian network (every CPT set).
        scenario: name of the scenario node (its states are the scenarios).
        cooperation: name of the military-cooperation node.
        drivers: names of the structural driver nodes.
        indicators: names of the observable indicator nodes that reports point to.

    Any network with a scenario node and a cooperation node can be forecast: build a
    ScenarioModel around it (``drivers`` and ``indicators`` are descriptive).
    """

    network: BayesianNetwork
    scenario: str
    cooperation: str
    drivers: Tuple[str, ...] = ()
    indicators: Tuple[str, ...] = ()

    @property
    def scenarios(self) -> List[str]:
        """State names of the scenario node (the order of every scenario vector)."""
        return self.network.states(self.scenario)

    @property
    def cooperation_levels(self) -> List[str]:
        """State names of the cooperation node."""
        return self.network.states(self.cooperation)


@dataclass(frozen=True)
class Report:
    """One dated, sourced and graded observation of one indicator.

    A report enters the network as a likelihood (virtual) child of its indicator (Pearl
    1988, sec. 2.2.2). A report naming state s of an indicator with k states has the
    likelihood ``h`` at s and ``(1 - h)/(k - 1)`` elsewhere, where h is the hit rate of its
    grade (:class:`GradingTable`), or its own ``hit_rate`` h and ``false_alarm_rate`` f
    (h at s, f elsewhere); a report may instead carry its own likelihood vector, used as
    given. Reports on one indicator multiply, except those that name the same ``upstream``
    source: they enter through one latent "what the source claimed" node, so that copies
    of one story count once (see :func:`augury.combined_likelihoods`).

    Attributes:
        date: ISO date ``YYYY-MM-DD``.
        indicator: the node the report is about.
        state: the state it points to, or None when ``likelihood`` is given.
        likelihood: numbers in the indicator's state order, or None when ``state`` is given.
        source: who said it. grade: Admiralty grade such as ``"B2"``; ``""`` or
            ``"unknown"`` for an ungraded report.
        summary, url: optional description and address.
        line: 1-based line of the file it came from, None if not read from a file.
        hit_rate, false_alarm_rate: P(report says state | indicator = state) and
            P(report says state | indicator != state), both or neither; they replace the
            grade's channel (the grade is then information only).
        upstream: the source the report relays (e.g. a wire-story id), or "".
        upstream_grade: the Admiralty grade of the upstream's claim ("" : the most reliable
            grade among the reports that relay it).
        copy_fidelity: how faithfully the report relays its upstream, in [0, 1] (None: the
            grading table's copy fidelity, 0.95 by default).
    """

    date: str
    indicator: str
    state: Optional[str] = None
    likelihood: Optional[Tuple[float, ...]] = None
    source: str = ""
    grade: str = ""
    summary: str = ""
    url: str = ""
    line: Optional[int] = None
    hit_rate: Optional[float] = None
    false_alarm_rate: Optional[float] = None
    upstream: str = ""
    upstream_grade: str = ""
    copy_fidelity: Optional[float] = None

    def __post_init__(self) -> None:
        # Keep reports hashable and immutable when a list or array is passed.
        if self.likelihood is not None and not isinstance(self.likelihood, tuple):
            object.__setattr__(self, "likelihood", tuple(float(x) for x in self.likelihood))

    @classmethod
    def _from_core(cls, r: _core.Report) -> Report:
        return cls(
            date=r.date,
            indicator=r.indicator,
            state=r.state or None,
            likelihood=tuple(r.likelihood) if r.likelihood else None,
            source=r.source,
            grade=r.grade,
            summary=r.summary,
            url=r.url,
            line=r.line or None,
            hit_rate=r.hit_rate,
            false_alarm_rate=r.false_alarm_rate,
            upstream=r.upstream,
            upstream_grade=r.upstream_grade,
            copy_fidelity=r.copy_fidelity,
        )

    def _to_core(self) -> _core.Report:
        return _core.Report(
            date=self.date,
            indicator=self.indicator,
            state=self.state or "",
            likelihood=[float(x) for x in self.likelihood] if self.likelihood is not None else [],
            source=self.source,
            grade=self.grade,
            summary=self.summary,
            url=self.url,
            line=self.line or 0,
            hit_rate=self.hit_rate,
            false_alarm_rate=self.false_alarm_rate,
            upstream=self.upstream,
            upstream_grade=self.upstream_grade,
            copy_fidelity=self.copy_fidelity,
        )

    def likelihood_vector(
        self,
        model: Union[ScenarioModel, BayesianNetwork, None] = None,
        grading: Optional[GradingTable] = None,
    ) -> npt.NDArray[np.float64]:
        """The likelihood this report contributes: an array of shape
        ``(card(indicator),)`` in the indicator's state order (the grade's likelihood for a
        state report, the report's own vector otherwise).

        Raises:
            ReportError: bad date or grade, unknown indicator or state (listing valid
                names), both or neither of state and likelihood, a bad vector.
        """
        net = _network_of(model)
        return _core.report_likelihood(net._net, self._to_core(), grading or GradingTable())


class RejectedRow(NamedTuple):
    """An input row that did not become a report: its 1-based ``line`` and the ``reason``."""

    line: int
    reason: str


@dataclass
class ReportBatch:
    """Reports read from a file or timeline, and the rows that were rejected (none is
    dropped silently: every row is in one list or the other)."""

    reports: List[Report] = field(default_factory=list)
    rejected: List[RejectedRow] = field(default_factory=list)

    @classmethod
    def _from_core(cls, batch: Tuple[List[_core.Report], List[Tuple[int, str]]]) -> ReportBatch:
        reports, rejected = batch
        return cls(
            [Report._from_core(r) for r in reports],
            [RejectedRow(line, reason) for line, reason in rejected],
        )

    def __len__(self) -> int:
        """The number of reports (rejected rows not counted)."""
        return len(self.reports)

    def to_frame(self) -> pd.DataFrame:
        """The reports as a pandas DataFrame, one row each (see
        :func:`augury.reports_frame`); the rejected rows are in :attr:`rejected`."""
        from ._frames import reports_frame

        return reports_frame(self.reports)

    def __repr__(self) -> str:
        n, rejected = len(self.reports), len(self.rejected)
        return (
            f"<ReportBatch: {n} report{'s' if n != 1 else ''}, "
            f"{rejected} rejected row{'s' if rejected != 1 else ''}>"
        )


@dataclass(frozen=True)
class ForecastStep:
    """The posteriors after every report up to and including ``date``.

    Attributes:
        date: ``YYYY-MM-DD``.
        reports: the reports applied on this date, in input order.
        scenario: P(scenario | reports so far) as ``{scenario: probability}`` in state order.
        cooperation: P(cooperation level | reports so far), likewise.
    """

    date: str
    reports: Tuple[Report, ...]
    scenario: Dict[str, float]
    cooperation: Dict[str, float]


@dataclass(frozen=True)
class Forecast:
    """A forecast: the prior, one step per distinct report date, and the rejected rows.

    Probabilities are in [0, 1]; each distribution sums to 1 and lists states in the
    node's declaration order (:attr:`scenario_states`, :attr:`cooperation_states`).
    """

    scenario_states: List[str]
    cooperation_states: List[str]
    prior_scenario: Dict[str, float]
    prior_cooperation: Dict[str, float]
    steps: List[ForecastStep]
    rejected: List[RejectedRow]

    @property
    def dates(self) -> List[str]:
        """The dates of the steps, in order."""
        return [s.date for s in self.steps]

    @property
    def final_scenario(self) -> Dict[str, float]:
        """P(scenario) after the last step (the prior when there are no reports)."""
        return self.steps[-1].scenario if self.steps else self.prior_scenario

    @property
    def final_cooperation(self) -> Dict[str, float]:
        """P(cooperation level) after the last step (the prior when there are no reports)."""
        return self.steps[-1].cooperation if self.steps else self.prior_cooperation

    def scenario_array(self) -> npt.NDArray[np.float64]:
        """The scenario trajectory: shape ``(len(steps) + 1, len(scenario_states))``; row 0
        is the prior, row i the posterior after ``steps[i - 1]``; columns in state order."""
        rows = [self.prior_scenario] + [s.scenario for s in self.steps]
        return np.array([[r[s] for s in self.scenario_states] for r in rows], dtype=np.float64)

    def cooperation_array(self) -> npt.NDArray[np.float64]:
        """As :meth:`scenario_array` for the cooperation node:
        shape ``(len(steps) + 1, len(cooperation_states))``."""
        rows = [self.prior_cooperation] + [s.cooperation for s in self.steps]
        return np.array([[r[s] for s in self.cooperation_states] for r in rows], dtype=np.float64)

    @property
    def num_reports(self) -> int:
        """The number of reports applied over all steps."""
        return sum(len(s.reports) for s in self.steps)

    def to_frame(self, node: str = "scenario", *, prior: bool = False) -> pd.DataFrame:
        """The trajectory as a pandas DataFrame: one row per step, one column per state.

        Args:
            node: ``"scenario"`` (columns :attr:`scenario_states`) or ``"cooperation"``
                (columns :attr:`cooperation_states`); the column index is named after it.
            prior: add the prior as the first row. The index is then of strings
                (``"prior"``, then the dates as ``YYYY-MM-DD``); without it, a
                ``DatetimeIndex`` named ``date``.

        Row i (without the prior) is the posterior after every report up to and including
        ``steps[i].date``: the rows of :meth:`scenario_array` after the first. Requires
        pandas.

        Raises:
            ValueError: an unknown ``node``.
        """
        from ._frames import forecast_frame

        return forecast_frame(self, node, prior)

    def _repr_html_(self) -> str:
        from .display import forecast_html

        return forecast_html(self)

    def __repr__(self) -> str:
        n, span = len(self.steps), ""
        if self.steps:
            span = f" ({self.dates[0]} to {self.dates[-1]})"
        final = ", ".join(f"{s} {p:.3f}" for s, p in self.final_scenario.items())
        rejected = len(self.rejected)
        return (
            f"<Forecast: {self.num_reports} reports on {n} date{'s' if n != 1 else ''}{span}, "
            f"{rejected} rejected row{'s' if rejected != 1 else ''}; final scenario: {final}>"
        )


def default_model() -> ScenarioModel:
    """The default model: four scenarios of China-Russia military cooperation to about 2033.

    A network of 27 variables (six structural drivers, the ``scenario`` node with states
    bipolar_confrontation, us_russia_detente, us_china_cooperation, multipolar_balancing,
    the ``military_cooperation`` node with states alliance, deepening, steady, limited,
    minimal, and nineteen indicators), after "Future Scenarios of Sino-Russian Military
    Cooperation" (Warsaw Institute, 4 September 2023). Every number is an expert judgment
    as of September 2023; ``docs/model-card.md`` gives each table with its rationale.
    """
    net, scenario, cooperation, drivers, indicators = _core.default_scenario_model()
    return ScenarioModel(
        BayesianNetwork._wrap(net), scenario, cooperation, tuple(drivers), tuple(indicators)
    )


def shipped_timeline(grading: Optional[GradingTable] = None) -> ReportBatch:
    """The real timeline shipped with augury (30 public events, October 2023 to June 2025)
    mapped onto the default model: its reports and the rows that map to nothing, with why."""
    return ReportBatch._from_core(_core.shipped_timeline(grading or GradingTable()))


def _network_of(model: Union[ScenarioModel, BayesianNetwork, None]) -> BayesianNetwork:
    if model is None:
        return default_model().network
    if isinstance(model, ScenarioModel):
        return model.network
    return model


def read_reports(
    path: PathLike,
    model: Union[ScenarioModel, BayesianNetwork, None] = None,
    *,
    mapping: Optional[PathLike] = None,
    grading: Optional[GradingTable] = None,
) -> ReportBatch:
    """Reads reports from a CSV file, checking each row against ``model`` (default: the
    default model).

    Without ``mapping``, the file is report CSV in the model's vocabulary: columns
    ``date, indicator, source, grade`` and ``state`` and/or ``likelihood``
    (``state:value;state:value;...``), optionally ``summary, url``. With ``mapping``, the
    file is a reporter's timeline (``date, indicator, observed_state``, optionally
    ``grade, reliability_hint, source_name, source_url, summary``) mapped onto the model by
    the mapping CSV (``reporter_indicator, reporter_state, node, state, likelihood, note``).

    A row that is malformed or does not fit the model becomes a :class:`RejectedRow` with
    the reason; no row is dropped.

    Raises:
        ParseError: malformed CSV structure, a missing required column, an unreadable file,
            or (with a mapping) a bad mapping row.
        ReportError: the mapping does not fit the model.
    """
    net = _network_of(model)
    if mapping is None:
        return ReportBatch._from_core(_core.read_report_csv(os.fspath(path), net._net))
    timeline_path, mapping_path = os.fspath(path), os.fspath(mapping)
    return ReportBatch._from_core(
        _core.map_timeline(
            _read_text(timeline_path),
            timeline_path,
            _read_text(mapping_path),
            mapping_path,
            net._net,
            grading or GradingTable(),
        )
    )


def _read_text(path: str) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except OSError as exc:
        raise _core.Error(f"cannot open '{path}': {exc.strerror}") from None


def parse_reports(
    text: str,
    model: Union[ScenarioModel, BayesianNetwork, None] = None,
    *,
    source_name: str = "<string>",
) -> ReportBatch:
    """Parses report CSV text (see :func:`read_reports`); ``source_name`` names it in
    messages."""
    net = _network_of(model)
    return ReportBatch._from_core(_core.parse_report_csv(text, net._net, source_name))


def to_report_csv(
    reports: Union[ReportBatch, Iterable[Report]],
    model: Union[ScenarioModel, BayesianNetwork, None] = None,
) -> str:
    """Report CSV text (header ``date,indicator,state,likelihood,source,grade,summary,url``)
    that :func:`parse_reports` reads back to the same reports (apart from line numbers).

    Raises:
        ReportError: a report names a node absent from the model or has a likelihood of the
            wrong length.
    """
    items = reports.reports if isinstance(reports, ReportBatch) else list(reports)
    return _core.write_report_csv([r._to_core() for r in items], _network_of(model)._net)


def forecast(
    reports: Union[ReportBatch, Iterable[Report], None] = None,
    model: Optional[ScenarioModel] = None,
    *,
    grading: Optional[GradingTable] = None,
) -> Forecast:
    """The scenario and cooperation-level posteriors after each day's reports.

    Args:
        reports: a :class:`ReportBatch` (its rejected rows are passed through to the
            result), any iterable of :class:`Report`, or None for the shipped real
            timeline (:func:`shipped_timeline`).
        model: the model (default: :func:`default_model`).
        grading: how grades become likelihoods (default: the default :class:`GradingTable`).

    Reports are sorted by date (stably) and applied one date at a time; the likelihoods of
    all reports on one indicator so far are multiplied into one likelihood finding.
    Inference is exact (junction tree) and runs without the GIL.

    Raises:
        ReportError: a report does not fit the model (naming its date and line): unknown
            indicator or state, bad date, grade or likelihood.
        ImpossibleEvidenceError: the reports up to some date have probability zero.
    """
    model = model or default_model()
    grading = grading or GradingTable()
    if reports is None:
        reports = shipped_timeline(grading)
    if isinstance(reports, ReportBatch):
        items, rejected = reports.reports, reports.rejected
    else:
        items, rejected = list(reports), []
    result = _core.forecast(
        model.network._net,
        model.scenario,
        model.cooperation,
        [r._to_core() for r in items],
        [(r.line, r.reason) for r in rejected],
        grading,
    )
    s_states, c_states = list(result.scenario_states), list(result.cooperation_states)
    steps = [
        ForecastStep(
            date=step.date,
            reports=tuple(Report._from_core(r) for r in step.reports),
            scenario=dict(zip(s_states, step.scenario)),
            cooperation=dict(zip(c_states, step.cooperation)),
        )
        for step in result.steps
    ]
    return Forecast(
        scenario_states=s_states,
        cooperation_states=c_states,
        prior_scenario=dict(zip(s_states, result.prior_scenario)),
        prior_cooperation=dict(zip(c_states, result.prior_cooperation)),
        steps=steps,
        rejected=[RejectedRow(line, reason) for line, reason in result.rejected],
    )
