"""The analyst's toolkit: words of estimative probability, grading tables, provenance and the
analyst's report on a scenario forecast."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union, overload

import numpy as np
import numpy.typing as npt

from . import _core
from ._core import GradingTable
from ._scenario import Report, ReportBatch, ScenarioModel, default_model, read_reports, shipped_timeline

__all__ = [
    "estimative_words",
    "EstimativeBand",
    "estimative_band",
    "ElicitedProbability",
    "parse_probability",
    "EstimativeTerm",
    "find_estimative_terms",
    "check_single_vocabulary",
    "read_grading",
    "parse_grading",
    "grading_to_csv",
    "grading_to_json",
    "combined_likelihoods",
    "AnalystReport",
    "report",
]

PathLike = Union[str, "os.PathLike[str]"]


@overload
def estimative_words(p: float, vocabulary: str = ...) -> str: ...
@overload
def estimative_words(p: Iterable[float], vocabulary: str = ...) -> List[str]: ...


def estimative_words(p: Union[float, Iterable[float]], vocabulary: str = "icd203") -> Union[str, List[str]]:
    """The term of estimative probability for ``p`` (ICD 203, sec. D.6.e).

    ``vocabulary`` is ``"icd203"`` (almost no chance, very unlikely, unlikely, roughly even
    chance, likely, very likely, almost certain) or ``"alternative"`` (remote, highly
    improbable, improbable, roughly even odds, probable, highly probable, nearly certain).
    Bands: 0.01-0.05, 0.05-0.20, 0.20-0.45, 0.45-0.55, 0.55-0.80, 0.80-0.95, 0.95-0.99; a
    probability on a shared end point takes the term nearer 0.5 (0.80 is "likely"), values
    within 1e-9 of an end point count as on it, and the outer bands reach to 0 and 1.
    A sequence of probabilities gives a list of terms.

    Raises:
        ReportError: ``p`` outside [0, 1] or not a number; an unknown vocabulary.
    """
    if isinstance(p, (int, float, np.floating, np.integer)):
        return _core.estimative_word(float(p), vocabulary)
    return [_core.estimative_word(float(x), vocabulary) for x in p]


@dataclass(frozen=True)
class EstimativeBand:
    """One of the seven bands of ICD 203: its number (0 almost no chance .. 6 almost
    certain), its ends and its ICD 203 term."""

    index: int
    lower: float
    upper: float
    word: str

    @property
    def midpoint(self) -> float:
        """The point value of the band, (lower + upper) / 2."""
        return (self.lower + self.upper) / 2


def estimative_band(p: float) -> EstimativeBand:
    """The ICD 203 band of probability ``p`` (boundary convention of
    :func:`estimative_words`).

    Raises:
        ReportError: ``p`` outside [0, 1].
    """
    index, lower, upper = _core.estimative_band(float(p))
    word, _, _ = _core.estimative_band_at(index, "icd203")
    return EstimativeBand(index, lower, upper, word)


@dataclass(frozen=True)
class ElicitedProbability:
    """An elicited probability: the point value and the band it stands for.

    Attributes:
        point: the number given, or the midpoint of the band or term given.
        lower, upper: the band (equal to ``point`` for a plain number).
        word: the estimative term given (canonical spelling), or None.
        vocabulary: ``"icd203"`` or ``"alternative"`` for a term, None otherwise.
    """

    point: float
    lower: float
    upper: float
    word: Optional[str] = None
    vocabulary: Optional[str] = None


def parse_probability(text: str) -> ElicitedProbability:
    """Parses an elicited probability: an estimative term of either vocabulary
    (``"likely"`` gives the band [0.55, 0.80] and the point 0.675), a number in [0, 1] or a
    percentage (``"0.7"``, ``"70%"``), or a band (``"0.55-0.80"``, ``"55-80%"``,
    ``"[0.55, 0.8]"``, ``"20% to 45%"``) whose midpoint is the point value.

    Raises:
        ReportError: the text is none of these (the message lists the accepted terms), a
            number is outside [0, 1], or a band's lower end is above its upper end.
    """
    point, lower, upper, word, vocabulary = _core.parse_elicited_probability(text)
    return ElicitedProbability(point, lower, upper, word or None, vocabulary or None)


@dataclass(frozen=True)
class EstimativeTerm:
    """An estimative term found in a text: byte ``offset``, the ``text`` as written, the
    ``band`` number (0..6) and the ``vocabulary`` it belongs to."""

    offset: int
    text: str
    band: int
    vocabulary: str


def find_estimative_terms(text: str) -> List[EstimativeTerm]:
    """Every estimative term of either vocabulary in ``text``, in order: whole words,
    case-insensitive, the longest term at each place ("very unlikely" is one term)."""
    return [EstimativeTerm(*t) for t in _core.find_estimative_terms(text)]


def check_single_vocabulary(terms: Union[str, Iterable[str]]) -> Optional[str]:
    """The one vocabulary (``"icd203"`` or ``"alternative"``) used by ``terms``, or None if
    there are none. ``terms`` is a list of terms, or a text whose terms are found with
    :func:`find_estimative_terms`.

    Raises:
        ReportError: the terms mix the two vocabularies (naming one term of each; ICD 203
            asks for the terms of one row only), or a listed entry is not a term.
    """
    items = [t.text for t in find_estimative_terms(terms)] if isinstance(terms, str) else list(terms)
    return _core.check_single_vocabulary(items)


def read_grading(path: PathLike) -> GradingTable:
    """Reads a grading table from a CSV file (header ``code,weight``; codes A-E, F for the
    default source weight, 1-5, 6 for the default information weight, ``copy`` for the copy
    fidelity) or a JSON file (``{"source": {...}, "information": {...}, "copy_fidelity": x}``).
    Entries not listed keep their defaults.

    Raises:
        ParseError: malformed file, unknown code, repeated code, weight outside [0, 1], or
            the file cannot be opened (each with the file and line).
    """
    return _core.read_grading_table(os.fspath(path))


def parse_grading(text: str, format: str = "csv", *, source_name: str = "<string>") -> GradingTable:
    """Parses a grading table from CSV (``format="csv"``) or JSON (``format="json"``) text;
    see :func:`read_grading`."""
    if format == "csv":
        return _core.parse_grading_csv(text, source_name)
    if format == "json":
        return _core.parse_grading_json(text, source_name)
    raise ValueError(f"grading format '{format}' is not known (formats: csv, json)")


def grading_to_csv(grading: GradingTable) -> str:
    """The whole table as CSV (``code,weight,note``), readable by :func:`parse_grading`."""
    return _core.write_grading_csv(grading)


def grading_to_json(grading: GradingTable) -> str:
    """The whole table as JSON, readable by :func:`parse_grading` with ``format="json"``."""
    return _core.write_grading_json(grading)


def _batch_of(
    reports: Union[ReportBatch, Iterable[Report], PathLike, None],
    model: ScenarioModel,
    grading: GradingTable,
) -> ReportBatch:
    if reports is None:
        return shipped_timeline(grading)
    if isinstance(reports, ReportBatch):
        return reports
    if isinstance(reports, (str, os.PathLike)):
        return read_reports(reports, model)
    return ReportBatch(list(reports), [])


def combined_likelihoods(
    reports: Union[ReportBatch, Iterable[Report]],
    model: Optional[ScenarioModel] = None,
    *,
    grading: Optional[GradingTable] = None,
) -> Dict[str, npt.NDArray[np.float64]]:
    """The likelihood finding each indicator receives from ``reports``: independent reports
    multiply; reports on one indicator that name the same ``upstream`` source enter through a
    latent "what the source claimed" node, L(x) = sum_c P(C = c | x) prod_i P(report_i | c),
    so that copies of one story count once. Arrays of shape ``(card(indicator),)`` in state
    order, largest entry 1.

    Raises:
        ReportError: a report does not fit the model, or the reports of one upstream give it
            different grades.
    """
    model = model or default_model()
    grading = grading or GradingTable()
    items = reports.reports if isinstance(reports, ReportBatch) else list(reports)
    return dict(_core.combined_likelihoods(model.network._net, [r._to_core() for r in items], grading))


@dataclass(frozen=True)
class AnalystReport:
    """The analyst's report: ``data`` (the JSON object, as Python dicts and lists) and
    ``markdown`` (the same report as Markdown).

    Sections of ``data``: ``key_judgments``, ``uncertainty``, ``trajectory``,
    ``attribution``, ``watch_list``, ``sensitivity``, ``conflict``, ``rejected``
    (docs/toolkit.md describes each).
    """

    data: Dict[str, Any]
    markdown: str

    @property
    def key_judgments(self) -> Dict[str, Any]:
        """Every scenario and cooperation level with its probability, term, prior and
        credible interval, and the leading ones."""
        return dict(self.data["key_judgments"])

    @property
    def trajectory(self) -> List[Dict[str, Any]]:
        """The forecast after each date, with credible bands when computed."""
        return list(self.data["trajectory"])

    @property
    def attribution(self) -> Dict[str, Any]:
        """Shapley values of each independent piece of evidence on each scenario's log-odds."""
        return dict(self.data["attribution"])

    @property
    def watch_list(self) -> Dict[str, Any]:
        """The indicators ranked by the value of observing them."""
        return dict(self.data["watch_list"])

    @property
    def sensitivity(self) -> List[Dict[str, Any]]:
        """The model numbers whose one-way change moves the leading scenario most."""
        return list(self.data["sensitivity"])

    @property
    def conflict(self) -> Dict[str, Any]:
        """The conflict measure of the evidence and the check against every scenario."""
        return dict(self.data["conflict"])

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as JSON text."""
        return json.dumps(self.data, indent=indent) + "\n"

    def save(self, path: PathLike) -> None:
        """Writes the report: JSON if ``path`` ends in ``.json``, Markdown otherwise."""
        text = self.to_json() if os.fspath(path).endswith(".json") else self.markdown
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def report(
    reports: Union[ReportBatch, Iterable[Report], PathLike, None] = None,
    model: Optional[ScenarioModel] = None,
    *,
    grading: Optional[GradingTable] = None,
    description: Optional[str] = None,
    vocabulary: str = "icd203",
    samples: int = 200,
    level: float = 0.9,
    equivalent_sample_size: Union[float, Mapping[str, float]] = 10.0,
    bands: bool = True,
    seed: int = 20240601,
    exact_limit: int = 12,
    permutations: int = 400,
    attribution_top: int = 10,
    watch_top: int = 8,
    watch_grade: str = "B2",
    sensitivity_top: int = 10,
    recent_days: int = 183,
) -> AnalystReport:
    """The analyst's report on a scenario forecast, as ``augury report`` writes it.

    Args:
        reports: a :class:`ReportBatch`, reports, a report CSV path, or None for the shipped
            real timeline.
        model: the model (default: :func:`default_model`).
        grading: grade weights (default: the default table; see :func:`read_grading`).
        description: how the report names its evidence.
        vocabulary: ``"icd203"`` or ``"alternative"`` terms, one throughout.
        samples: networks sampled for the credible intervals (0: none).
        level: level of the central credible intervals.
        equivalent_sample_size: the Dirichlet sample size of every table, or a mapping from
            variable name to size (tables not named get 10).
        bands: also compute credible bands at every date of the trajectory.
        seed: seed of every sampler.
        exact_limit, permutations: exact Shapley values up to ``exact_limit`` pieces of
            evidence, ``permutations`` sampled orders beyond.
        attribution_top, watch_top, sensitivity_top: rows shown in the Markdown (0: all).
        watch_grade: grade of the hypothetical next report in the watch list.
        recent_days: evidence within this many days of the latest report is "recent" for
            the conflict check.

    Raises:
        ReportError: a report does not fit the model; Error on bad options.
    """
    model = model or default_model()
    grading = grading or GradingTable()
    batch = _batch_of(reports, model, grading)
    if description is None:
        if reports is None:
            description = "the shipped timeline (public events, October 2023 to June 2025)"
        elif isinstance(reports, (str, os.PathLike)):
            description = os.fspath(reports)
        else:
            description = f"{len(batch.reports)} reports"
    if isinstance(equivalent_sample_size, Mapping):
        default_ess, ess = 10.0, {str(k): float(v) for k, v in equivalent_sample_size.items()}
    else:
        default_ess, ess = float(equivalent_sample_size), {}
    text, markdown = _core.analyst_report(
        model.network._net,
        model.scenario,
        model.cooperation,
        list(model.drivers),
        list(model.indicators),
        [r._to_core() for r in batch.reports],
        [(r.line, r.reason) for r in batch.rejected],
        grading,
        description,
        vocabulary,
        samples,
        level,
        default_ess,
        ess,
        bands,
        seed,
        exact_limit,
        permutations,
        attribution_top,
        watch_top,
        watch_grade,
        sensitivity_top,
        recent_days,
    )
    return AnalystReport(json.loads(text), markdown)
