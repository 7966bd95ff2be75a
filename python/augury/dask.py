"""Batch inference over a Dask dataframe: one exact query per row, partition by partition,
on whatever Dask scheduler is active (threads, processes or a distributed cluster).

Each worker compiles the model once: the network travels to the workers as its JSON model
text with a SHA-256 digest, and every worker process keeps the compiled
:class:`JunctionTree` in a small module-level cache keyed by that digest, so later
partitions (and later calls with the same network) reuse it. Threads of one worker share
the cached tree and take turns on it.

Requires ``dask[dataframe]`` (``pip install augury[dask]``; ``dask[distributed]`` for a
cluster) and pandas.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from ._frames import evidence_columns, posterior_columns, query_frame, require
from ._inference import JunctionTree
from ._io import parse_json, to_json
from ._network import BayesianNetwork

require("dask.dataframe", "augury.dask", "dask")
require("pandas", "augury.dask", "dask")

import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

__all__ = ["batch_posteriors", "network_digest", "cache_info", "clear_cache"]

#: Compiled trees kept per worker process (least recently used dropped first).
MAX_CACHED_MODELS = 8

_cache: "OrderedDict[Tuple[str, float], Tuple[threading.Lock, JunctionTree]]" = OrderedDict()
_cache_lock = threading.Lock()
_stats = {"compiled": 0, "partitions": 0, "rows": 0}


def network_digest(network: BayesianNetwork) -> str:
    """The SHA-256 hex digest of the network's JSON model text: equal networks have equal
    digests, and any change to a name, state, property or table entry changes it."""
    return hashlib.sha256(to_json(network).encode("utf-8")).hexdigest()


def cache_info() -> Dict[str, Any]:
    """This process's cache: ``{"models": [digest, ...], "compiled": n, "partitions": n,
    "rows": n}`` -- how many trees were compiled and how many partitions and rows were
    answered here since the process started (or since :func:`clear_cache`). Run it on the
    workers with ``client.run(augury.dask.cache_info)``."""
    with _cache_lock:
        return {"models": [digest for digest, _ in _cache], **_stats}


def clear_cache() -> None:
    """Drops this process's compiled trees and resets the counters of :func:`cache_info`."""
    with _cache_lock:
        _cache.clear()
        for key in _stats:
            _stats[key] = 0


def _compiled(digest: str, model_text: str, max_total_entries: float) -> Tuple[threading.Lock, JunctionTree]:
    key = (digest, max_total_entries)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is not None:
            _cache.move_to_end(key)
            return hit
    # Compile outside the cache lock, so that other models stay usable meanwhile.
    tree = JunctionTree(parse_json(model_text), max_total_entries=max_total_entries)
    with _cache_lock:
        hit = _cache.get(key)
        if hit is None:
            hit = (threading.Lock(), tree)
            _cache[key] = hit
            _stats["compiled"] += 1
            while len(_cache) > MAX_CACHED_MODELS:
                _cache.popitem(last=False)
        return hit


def _partition_posteriors(
    frame: pd.DataFrame,
    digest: str,
    model_text: str,
    targets: Tuple[str, ...],
    log10_evidence: bool,
    max_total_entries: float,
) -> pd.DataFrame:
    lock, tree = _compiled(digest, model_text, max_total_entries)
    with lock:
        out = query_frame(frame, tree, list(targets), log10_evidence=log10_evidence)
    with _cache_lock:
        _stats["partitions"] += 1
        _stats["rows"] += len(frame)
    return out


def batch_posteriors(
    ddf: dd.DataFrame,
    network: Union[BayesianNetwork, JunctionTree],
    targets: Optional[Sequence[str]] = None,
    *,
    log10_evidence: bool = False,
    max_total_entries: float = 4e8,
) -> dd.DataFrame:
    """Posteriors for every row of a Dask dataframe of hard evidence (lazily: call
    ``.compute()`` or write the result out).

    Args:
        ddf: one column per observed variable, named by the variable; each cell a state
            name, or missing (None, NaN, pd.NA) where that variable is unobserved.
        network: the model (a :class:`JunctionTree` stands for its network; its evidence
            is not used).
        targets: variables whose posteriors to return (default: every variable that is not
            an evidence column, in network order).
        log10_evidence: add a column ``log10_evidence_probability``.
        max_total_entries: the compile limit of the junction tree on the workers.

    Returns:
        A Dask dataframe with the partitions and index of ``ddf`` and one float64 column per
        target state, named ``variable=state`` -- row for row what :func:`augury.query_frame`
        gives on the same rows.

    Raises:
        EvidenceError: (now) a column is not a variable; (on compute) a cell is not a state
            of its variable, naming the row label.
        ModelError: (now) an unknown target.
        ImpossibleEvidenceError: (on compute) a row's evidence has probability zero.
    """
    if isinstance(targets, str):
        raise TypeError("targets must be a sequence of variable names, not a string")
    net = network.network if isinstance(network, JunctionTree) else network
    columns = evidence_columns(net, ddf.columns)
    names: List[str] = list(targets) if targets is not None else [v for v in net if v not in columns]
    out_columns = [c for c, _, _ in posterior_columns(net, names)]
    if log10_evidence:
        out_columns.append("log10_evidence_probability")
    meta = pd.DataFrame(
        {c: pd.Series(dtype=np.float64) for c in out_columns},
        index=ddf._meta.index,
    )
    text = to_json(net)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    result: dd.DataFrame = ddf.map_partitions(  # type: ignore[no-untyped-call]
        _partition_posteriors,
        digest,
        text,
        tuple(names),
        log10_evidence,
        max_total_entries,
        meta=meta,
        align_dataframes=False,
    )
    return result
