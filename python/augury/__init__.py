"""augury: Bayesian scenario forecasting with discrete Bayesian networks.

The C++17 core does the work (exact inference by junction tree, variable elimination or
enumeration; BIF and JSON model files; the scenario forecast); this package is its public
Python API.

Quick start::

    import augury

    net = augury.read_bif("asia.bif")
    result = augury.query(net, evidence={"smoke": "yes"}, likelihood={"xray": [0.9, 0.2]})
    result["posteriors"]["lung"]              # {'yes': ..., 'no': ...}

    tree = augury.JunctionTree(net)           # compile once, query many times
    tree.set_evidence({"dysp": "yes"})
    tree.posterior("bronc")

    f = augury.forecast()                     # the default model over the shipped timeline
    f.final_scenario                          # {'bipolar_confrontation': ..., ...}

Probabilities are in [0, 1]; every distribution lists states in the variable's declaration
order. Errors derive from :class:`augury.Error`.

Optional parts, each needing its own packages (``pip install augury[...]``):
:mod:`augury.display` (notebook pictures; Graphviz ``dot``), pandas conversions
(:func:`posteriors_frame`, :func:`reports_from_frame`, ``to_frame()`` methods; extra
``pandas``), :mod:`augury.plot` (matplotlib; extra ``plot``), :mod:`augury.interop`
(pgmpy and pyAgrum; extra ``peers``) and :mod:`augury.dask` (extra ``dask``). The
submodules load on first use: ``augury.plot.trajectory(f)`` works after ``import augury``.
"""

import importlib as _importlib
from typing import Any as _Any

from ._core import (
    Error,
    EvidenceError,
    ImpossibleEvidenceError,
    InferenceError,
    ModelError,
    ParseError,
    ParseErrors,
    ReportError,
)
from ._inference import (
    Enumeration,
    Finding,
    JunctionTree,
    QueryResult,
    VariableElimination,
    query,
)
from ._io import (
    parse_bif,
    parse_json,
    read_bif,
    read_json,
    read_model,
    to_bif,
    to_json,
    write_bif,
    write_json,
    write_model,
)
from ._frames import posteriors_frame, query_frame, reports_frame, reports_from_frame
from ._network import BayesianNetwork
from ._scenario import (
    Forecast,
    ForecastStep,
    GradingTable,
    RejectedRow,
    Report,
    ReportBatch,
    ScenarioModel,
    default_model,
    forecast,
    parse_reports,
    read_reports,
    shipped_timeline,
    to_report_csv,
)
from ._toolkit import (
    AnalystReport,
    ElicitedProbability,
    EstimativeBand,
    EstimativeTerm,
    check_single_vocabulary,
    combined_likelihoods,
    estimative_band,
    estimative_words,
    find_estimative_terms,
    grading_to_csv,
    grading_to_json,
    parse_grading,
    parse_probability,
    read_grading,
    report,
)
from ._version import version as __version__
from ._views import CPT, Posteriors, Variable
from . import analysis, display

__all__ = [
    "__version__",
    # errors
    "Error",
    "ModelError",
    "EvidenceError",
    "ImpossibleEvidenceError",
    "ParseError",
    "ParseErrors",
    "InferenceError",
    "ReportError",
    # model and files
    "BayesianNetwork",
    "Variable",
    "CPT",
    "read_bif",
    "parse_bif",
    "write_bif",
    "to_bif",
    "read_json",
    "parse_json",
    "write_json",
    "to_json",
    "read_model",
    "write_model",
    # inference
    "JunctionTree",
    "VariableElimination",
    "Enumeration",
    "Finding",
    "QueryResult",
    "Posteriors",
    "query",
    # pandas
    "posteriors_frame",
    "query_frame",
    "reports_frame",
    "reports_from_frame",
    # scenarios
    "ScenarioModel",
    "Report",
    "RejectedRow",
    "ReportBatch",
    "GradingTable",
    "ForecastStep",
    "Forecast",
    "default_model",
    "shipped_timeline",
    "read_reports",
    "parse_reports",
    "to_report_csv",
    "forecast",
    # the analyst's toolkit
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
    # analyses on any network
    "analysis",
]

# Submodules with optional dependencies, imported when first named.
_LAZY_SUBMODULES = ("plot", "interop", "dask", "toolkit_plots")


def __getattr__(name: str) -> _Any:
    if name in _LAZY_SUBMODULES:
        return _importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
