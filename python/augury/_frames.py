"""pandas in and out: posteriors, CPTs, forecast trajectories, reports, and one query per
row of a frame of evidence.

pandas is an optional dependency (``pip install augury[pandas]``): it is imported by these
functions only, and a missing pandas gives an ImportError that says what to install.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import math
import numbers
from types import ModuleType
from typing import (
    TYPE_CHECKING,
    Any,
    Dict,
    Iterable,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
    cast,
)

import numpy as np
import numpy.typing as npt

from . import _core
from ._core import EvidenceError, ModelError

if TYPE_CHECKING:
    import pandas as pd

    from ._inference import JunctionTree
    from ._network import BayesianNetwork
    from ._scenario import Forecast, Report, ReportBatch, ScenarioModel
    from ._views import CPT

__all__ = [
    "posteriors_frame",
    "reports_frame",
    "reports_from_frame",
    "query_frame",
]

#: The columns reports_from_frame reads (date and indicator are required, and state or
#: likelihood in every row).
REPORT_COLUMNS = ("date", "indicator", "state", "likelihood", "source", "grade", "summary", "url")


def require(module: str, feature: str, extra: str) -> ModuleType:
    """Imports an optional dependency or raises an ImportError that names what to install."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            f"{feature} needs the '{module.split('.')[0]}' package, which is not installed "
            f"({exc}); install it with: python3 -m pip install 'augury[{extra}]'"
        ) from exc


def _pandas(feature: str) -> Any:
    return require("pandas", feature, "pandas")


def is_frame(obj: object) -> bool:
    """Whether ``obj`` is a pandas DataFrame (without importing pandas)."""
    return any(
        c.__name__ == "DataFrame" and c.__module__.startswith("pandas")
        for c in type(obj).__mro__
    )


def _missing(value: object) -> bool:
    """None, NaN, NaT and pd.NA: the cell holds nothing."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas

        result = pandas.isna(cast(Any, value))
    except (ImportError, TypeError, ValueError):
        return False
    return result if isinstance(result, bool) else False


# ---- posteriors ------------------------------------------------------------------------


def posteriors_frame(posteriors: Mapping[str, Any]) -> pd.DataFrame:
    """Posteriors as a long DataFrame with columns ``variable`` (str), ``state`` (str) and
    ``probability`` (float64): one row per (variable, state), variables in the mapping's
    order, states in declaration order, and a default RangeIndex.

    Args:
        posteriors: ``{variable: {state: probability}}`` as :meth:`JunctionTree.posteriors`
            returns it, or a :func:`query` result (its ``"posteriors"`` are used).

    Pivot it to one row per variable with
    ``df.pivot(index="variable", columns="state", values="probability")`` when the
    variables share their states.
    """
    pandas_ = _pandas("augury.posteriors_frame")
    if "posteriors" in posteriors and isinstance(posteriors.get("posteriors"), Mapping):
        posteriors = posteriors["posteriors"]
    variables: List[str] = []
    states: List[str] = []
    probabilities: List[float] = []
    for variable, dist in posteriors.items():
        for state, p in dist.items():
            variables.append(str(variable))
            states.append(str(state))
            probabilities.append(float(p))
    frame: pd.DataFrame = pandas_.DataFrame(
        {
            "variable": pandas_.Series(variables, dtype=object),
            "state": pandas_.Series(states, dtype=object),
            "probability": np.array(probabilities, dtype=np.float64),
        }
    )
    return frame


# ---- CPTs ------------------------------------------------------------------------------


def cpt_frame(cpt: CPT) -> pd.DataFrame:
    """See :meth:`CPT.to_frame`."""
    pandas_ = _pandas("CPT.to_frame")
    values = cpt.values.reshape(-1, len(cpt.states))
    columns = pandas_.Index(list(cpt.states), name=cpt.variable)
    parent_states = cpt.parent_states
    if not parent_states:
        index = pandas_.RangeIndex(1)
    elif len(parent_states) == 1:
        ((name, states),) = parent_states.items()
        index = pandas_.Index(list(states), name=name)
    else:
        index = pandas_.MultiIndex.from_product(
            [list(s) for s in parent_states.values()], names=list(parent_states)
        )
    frame: pd.DataFrame = pandas_.DataFrame(values.copy(), index=index, columns=columns)
    return frame


def table_from_frame(
    frame: Any, child: str, child_states: Sequence[str], parents: Sequence[Tuple[str, Sequence[str]]]
) -> npt.NDArray[np.float64]:
    """The CPT array held by a DataFrame in the :meth:`CPT.to_frame` layout: columns are
    the child's states (any order), rows the parent configurations (any order), labelled by
    an index whose level names are the parents (any order)."""
    columns = [str(c) for c in frame.columns]
    if sorted(columns) != sorted(child_states) or len(set(columns)) != len(columns):
        raise ModelError(
            f"CPT of '{child}' as a DataFrame needs one column per state of '{child}' "
            f"({', '.join(child_states)}); it has columns {', '.join(columns)}"
        )
    ordered = frame.loc[:, [frame.columns[columns.index(s)] for s in child_states]]
    data: npt.NDArray[np.float64] = np.asarray(ordered.to_numpy(dtype=np.float64))
    shape = tuple(len(s) for _, s in parents) + (len(child_states),)
    if not parents:
        if data.shape[0] != 1:
            raise ModelError(
                f"CPT of root '{child}' as a DataFrame needs exactly one row, not {data.shape[0]}"
            )
        root: npt.NDArray[np.float64] = data[0].copy()
        return root
    names: List[Optional[str]] = [str(n) if n is not None else None for n in frame.index.names]
    parent_names = [p for p, _ in parents]
    if len(names) == 1 and names[0] is None and len(parents) == 1:
        names = list(parent_names)
    if sorted(n or "" for n in names) != sorted(parent_names):
        raise ModelError(
            f"CPT of '{child}' as a DataFrame needs an index whose levels are named by the "
            f"parents ({', '.join(parent_names)}); its levels are "
            f"{', '.join(repr(n) for n in names)}"
        )
    out = np.full(shape, np.nan)
    seen = np.zeros(shape[:-1], dtype=bool)
    for label, row in zip(frame.index, data):
        labels = label if isinstance(label, tuple) else (label,)
        by_name = dict(zip(names, labels))
        index = []
        for p, states in parents:
            s = str(by_name[p])
            if s not in states:
                raise ModelError(
                    f"CPT of '{child}': parent '{p}' has no state '{s}' (states: {', '.join(states)})"
                )
            index.append(list(states).index(s))
        key = tuple(index)
        if seen[key]:
            raise ModelError(
                f"CPT of '{child}': the row for "
                + ", ".join(f"{p}={by_name[p]}" for p in parent_names)
                + " is given twice"
            )
        seen[key] = True
        out[key] = row
    if not seen.all():
        missing = tuple(int(i) for i in np.argwhere(~seen)[0])
        raise ModelError(
            f"CPT of '{child}' has no row for "
            + ", ".join(f"{p}={list(s)[i]}" for (p, s), i in zip(parents, missing))
            + " (give every parent configuration)"
        )
    return out


# ---- forecasts and reports ---------------------------------------------------------------


def forecast_frame(forecast: Forecast, node: str, prior: bool) -> pd.DataFrame:
    """See :meth:`Forecast.to_frame`."""
    pandas_ = _pandas("Forecast.to_frame")
    if node == "scenario":
        states, array = forecast.scenario_states, forecast.scenario_array()
    elif node == "cooperation":
        states, array = forecast.cooperation_states, forecast.cooperation_array()
    else:
        raise ValueError(f"unknown node '{node}' (nodes: scenario, cooperation)")
    columns = pandas_.Index(list(states), name=node)
    if prior:
        index = pandas_.Index(["prior", *forecast.dates], name="date", dtype=object)
        frame: pd.DataFrame = pandas_.DataFrame(array, index=index, columns=columns)
        return frame
    index = pandas_.DatetimeIndex(pandas_.to_datetime(forecast.dates, format="%Y-%m-%d"), name="date")
    frame = pandas_.DataFrame(array[1:].copy(), index=index, columns=columns)
    return frame


def reports_frame(reports: Union[ReportBatch, Iterable[Report]]) -> pd.DataFrame:
    """Reports as a DataFrame, one row per report in the given order, with the columns
    ``date`` (datetime64), ``indicator``, ``state`` (None for a likelihood report),
    ``likelihood`` (a tuple in state order, or None), ``source``, ``grade``, ``summary``,
    ``url`` and ``line`` (the report's line or row number, or None).
    :func:`reports_from_frame` reads it back (drop the ``line`` column first)."""
    from ._scenario import ReportBatch

    pandas_ = _pandas("augury.reports_frame")
    items = reports.reports if isinstance(reports, ReportBatch) else list(reports)
    columns: Dict[str, List[Any]] = {c: [] for c in (*REPORT_COLUMNS, "line")}
    for r in items:
        for c in REPORT_COLUMNS:
            columns[c].append(getattr(r, c))
        columns["line"].append(r.line)
    data = {c: pandas_.Series(v, dtype=object) for c, v in columns.items()}
    data["date"] = pandas_.to_datetime(pandas_.Series(columns["date"], dtype=object), format="%Y-%m-%d")
    frame: pd.DataFrame = pandas_.DataFrame(data)
    return frame


def _date_text(value: object) -> str:
    if isinstance(value, (_dt.date, _dt.datetime)) or hasattr(value, "strftime"):
        return str(cast(Any, value).strftime("%Y-%m-%d"))
    if isinstance(value, str):
        return value
    raise TypeError(f"date must be a date or a 'YYYY-MM-DD' string, not {value!r}")


def _text(value: object, column: str) -> str:
    if _missing(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, numbers.Integral):
        return str(int(value))
    raise TypeError(f"column '{column}' must hold text, not {value!r}")


def _likelihood(value: object, states: Optional[List[str]]) -> Optional[Tuple[float, ...]]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        if states is None:
            raise TypeError("a likelihood given as 'state:value;...' needs a known indicator")
        pairs: Dict[str, float] = {}
        for part in value.split(";"):
            state, sep, number = part.partition(":")
            if not sep:
                raise TypeError(f"likelihood '{value}' is not 'state:value;state:value;...'")
            pairs[state.strip()] = float(number)
        value = pairs
    if isinstance(value, Mapping):
        if states is None:
            raise TypeError("a likelihood given by state names needs a known indicator")
        unknown = [s for s in value if s not in states]
        if unknown:
            raise TypeError(f"likelihood names no state '{unknown[0]}' (states: {', '.join(states)})")
        missing = [s for s in states if s not in value]
        if missing:
            raise TypeError(
                f"likelihood gives no value for state '{missing[0]}' (states: {', '.join(states)})"
            )
        return tuple(float(value[s]) for s in states)
    if _missing(value):
        return None
    array = np.asarray(value, dtype=np.float64)
    if array.ndim != 1:
        raise TypeError(f"likelihood must be one number per state, not {value!r}")
    return tuple(float(x) for x in array)


def reports_from_frame(
    frame: pd.DataFrame,
    model: Union[ScenarioModel, BayesianNetwork, None] = None,
    *,
    grading: Optional[_core.GradingTable] = None,
) -> ReportBatch:
    """Reports from a DataFrame, each row checked against ``model`` (default: the default
    model) as :func:`read_reports` checks a CSV row.

    Columns (any order): ``date`` and ``indicator`` (required), ``state`` and/or
    ``likelihood`` (each row gives exactly one of them), and optionally ``source``,
    ``grade``, ``summary``, ``url``. A date is a ``YYYY-MM-DD`` string or any date or
    timestamp; a likelihood is a sequence in the indicator's state order, a mapping
    ``{state: value}`` naming every state, or the CSV text ``state:value;state:value``.
    Missing cells (None, NaN, NaT) count as empty.

    A row that does not fit the model becomes a :class:`RejectedRow` with the reason, so
    every row is either a report or a rejected row. ``line`` (of reports and rejected rows)
    is the 1-based position of the row in the frame.

    Raises:
        ValueError: a required column is missing or a column is not one of those above
            (listing them).
    """
    from ._scenario import Report, ReportBatch, RejectedRow, _network_of

    _pandas("augury.reports_from_frame")
    columns = [str(c) for c in frame.columns]
    unknown = [c for c in columns if c not in REPORT_COLUMNS]
    if unknown:
        raise ValueError(
            f"reports_from_frame: unknown column '{unknown[0]}' (columns: {', '.join(REPORT_COLUMNS)})"
        )
    for required in ("date", "indicator"):
        if required not in columns:
            raise ValueError(
                f"reports_from_frame: the frame has no '{required}' column "
                f"(columns: {', '.join(REPORT_COLUMNS)})"
            )
    if "state" not in columns and "likelihood" not in columns:
        raise ValueError("reports_from_frame: the frame needs a 'state' or a 'likelihood' column")
    net = _network_of(model)
    grading = grading or _core.GradingTable()
    batch = ReportBatch()
    for position, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        cells = dict(zip(columns, row))
        date = ""
        try:
            date = _date_text(cells["date"]) if not _missing(cells["date"]) else ""
            indicator = _text(cells["indicator"], "indicator")
            states = net.states(indicator) if indicator in net else None
            report = Report(
                date=date,
                indicator=indicator,
                state=_text(cells.get("state"), "state") or None,
                likelihood=_likelihood(cells.get("likelihood"), states),
                source=_text(cells.get("source"), "source"),
                grade=_text(cells.get("grade"), "grade"),
                summary=_text(cells.get("summary"), "summary"),
                url=_text(cells.get("url"), "url"),
                line=position,
            )
            report.likelihood_vector(net, grading)
        except (_core.ReportError, TypeError, ValueError) as exc:
            reason = str(exc)
            if isinstance(exc, (TypeError, ValueError)):
                reason = f"row {position}{' of ' + date if date else ''}: {reason}"
            batch.rejected.append(RejectedRow(position, reason))
            continue
        batch.reports.append(report)
    return batch


# ---- one query per row -----------------------------------------------------------------


def posterior_columns(
    network: Any, targets: Sequence[str]
) -> List[Tuple[str, str, str]]:
    """``(column, variable, state)`` for every target state, columns named ``variable=state``."""
    return [(f"{v}={s}", v, s) for v in targets for s in network.states(v)]


def evidence_columns(network: Any, columns: Iterable[object]) -> List[str]:
    """The frame's columns as variable names, checked against ``network``."""
    names = [str(c) for c in columns]
    unknown = [c for c in names if c not in network]
    if unknown:
        raise EvidenceError(
            f"evidence column '{unknown[0]}' is not a variable of the network "
            f"(variables: {', '.join(network.variables)})"
        )
    return names


def query_rows(
    tree: JunctionTree,
    rows: Iterable[Tuple[object, Sequence[object]]],
    columns: Sequence[str],
    targets: Sequence[str],
    log10_evidence: bool,
) -> npt.NDArray[np.float64]:
    """The posterior rows of :func:`query_frame` as an array (one row per input row)."""
    out: List[npt.NDArray[np.float64]] = []
    for label, values in rows:
        evidence: Dict[str, str] = {}
        for variable, value in zip(columns, values):
            if _missing(value):
                continue
            if isinstance(value, numbers.Integral) and not isinstance(value, bool):
                value = str(int(value))
            if not isinstance(value, str):
                raise EvidenceError(
                    f"row {label!r}: evidence on '{variable}' must be a state name, not {value!r}"
                )
            evidence[variable] = value
        try:
            tree.set_evidence(evidence)
            arrays = [tree.posterior_array(v) for v in targets]
            if log10_evidence:
                arrays.append(np.array([tree.log10_evidence_probability()]))
        except _core.Error as exc:
            raise type(exc)(f"row {label!r}: {exc}") from None
        out.append(np.concatenate(arrays) if arrays else np.empty(0))
    width = sum(len(tree.network.states(v)) for v in targets) + int(log10_evidence)
    return np.vstack(out) if out else np.empty((0, width))


def query_frame(
    frame: pd.DataFrame,
    network: Union[BayesianNetwork, JunctionTree],
    targets: Optional[Sequence[str]] = None,
    *,
    log10_evidence: bool = False,
) -> pd.DataFrame:
    """One exact query per row of a frame of hard evidence.

    Args:
        frame: one column per observed variable (named by the variable); each cell is a
            state name, or missing (None, NaN, pd.NA) when the variable is unobserved in
            that row. Integer cells are read as state names (``1`` -> ``"1"``).
        network: the model, or a compiled :class:`JunctionTree` (its evidence is replaced).
        targets: variables whose posteriors to return (default: every variable that is not
            an evidence column).
        log10_evidence: add a column ``log10_evidence_probability`` (log10 P(e) of the row).

    Returns:
        A DataFrame with the frame's index and one float64 column per target state, named
        ``variable=state`` (targets in the order given, states in declaration order).

    Raises:
        EvidenceError: a column is not a variable, or a cell is not a state of it (the
            message names the row label).
        ImpossibleEvidenceError: a row's evidence has probability zero (naming the row).
    """
    from ._inference import JunctionTree
    from ._network import BayesianNetwork

    pandas_ = _pandas("augury.query_frame")
    tree = network if isinstance(network, JunctionTree) else JunctionTree(network)
    net: BayesianNetwork = tree.network
    columns = evidence_columns(net, frame.columns)
    names = list(targets) if targets is not None else [v for v in net if v not in columns]
    for v in names:
        net.states(v)  # ModelError naming an unknown target
    out_columns = [c for c, _, _ in posterior_columns(net, names)]
    if log10_evidence:
        out_columns.append("log10_evidence_probability")
    values = query_rows(
        tree, zip(frame.index, frame.itertuples(index=False, name=None)), columns, names,
        log10_evidence,
    )
    out: pd.DataFrame = pandas_.DataFrame(values, index=frame.index, columns=out_columns)
    return out
