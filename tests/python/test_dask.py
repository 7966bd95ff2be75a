"""augury.dask: batch posteriors over a Dask dataframe on a local cluster of two worker
processes, identical to a loop of single queries, with the model compiled once per worker."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any, Dict, Iterator, List

import numpy as np
import pytest

import augury

pd = pytest.importorskip("pandas", reason="pandas is needed for augury.dask")
dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is needed (pip install 'augury[dask]')")
distributed = pytest.importorskip("distributed", reason="dask[distributed] is needed (pip install 'augury[dask]')")
augury_dask = pytest.importorskip("augury.dask")

from conftest import BIF_DIR  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Two single-threaded worker processes: partitions really travel, and each process has
    # its own module-level cache.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # cluster start-up chatter (ports, resources)
        cluster = distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=50,
        )
        client = distributed.Client(cluster)
    try:
        yield client
    finally:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client.close()
            cluster.close()


def evidence_frame(net: augury.BayesianNetwork, observed: List[str], rows: int, seed: int) -> Any:
    """Random hard evidence: each cell a state name, or None (unobserved) one time in four."""
    rng = np.random.default_rng(seed)
    data: Dict[str, List[Any]] = {}
    for v in observed:
        states = net.states(v)
        data[v] = [None if rng.random() < 0.25 else states[rng.integers(len(states))] for _ in range(rows)]
    return pd.DataFrame(data, index=pd.RangeIndex(1000, 1000 + rows))


def loop_of_queries(net: augury.BayesianNetwork, frame: Any, targets: List[str]) -> np.ndarray:
    """The single-machine path: one query per row on one junction tree."""
    tree = augury.JunctionTree(net)
    rows = []
    for _, row in frame.iterrows():
        tree.set_evidence({v: s for v, s in row.items() if isinstance(s, str)})
        values = [p for v in targets for p in tree.posterior_array(v)]
        rows.append(values + [tree.log10_evidence_probability()])
    return np.array(rows)


def test_default_model_on_a_cluster(client: Any) -> None:
    model = augury.default_model()
    net = model.network
    observed = list(model.indicators[:6])
    frame = evidence_frame(net, observed, rows=120, seed=7)
    targets = [model.scenario, model.cooperation]
    ddf = dd.from_pandas(frame, npartitions=6)
    client.run(augury_dask.clear_cache)
    lazy = augury_dask.batch_posteriors(ddf, net, targets, log10_evidence=True)
    assert lazy.npartitions == 6
    result = lazy.compute()
    expected = loop_of_queries(net, frame, targets)
    assert list(result.index) == list(frame.index)
    assert list(result.columns) == [f"{t}={s}" for t in targets for s in net.states(t)] + [
        "log10_evidence_probability"
    ]
    assert result.to_numpy().tolist() == expected.tolist(), "identical to the loop, bit for bit"
    # One compilation per worker that got work, whatever the number of partitions.
    infos = client.run(augury_dask.cache_info)
    assert sum(i["partitions"] for i in infos.values()) == 6
    assert sum(i["rows"] for i in infos.values()) == 120
    digest = augury_dask.network_digest(net)
    for info in infos.values():
        assert info["compiled"] == (1 if info["partitions"] else 0)
        if info["partitions"]:
            assert info["models"] == [digest]
    # A second run reuses the compiled trees.
    augury_dask.batch_posteriors(ddf, net, targets).compute()
    assert all(i["compiled"] <= 1 for i in client.run(augury_dask.cache_info).values())


def test_alarm_matches_query_frame(client: Any, shared_dir: Path) -> None:
    net = augury.read_bif(BIF_DIR / "alarm.bif")
    observed = ["HR", "VENTLUNG", "BP", "SAO2", "PAP", "EXPCO2"]
    frame = evidence_frame(net, observed, rows=80, seed=3)
    ddf = dd.from_pandas(frame, npartitions=4)
    result = augury_dask.batch_posteriors(ddf, augury.JunctionTree(net)).compute()
    single = augury.query_frame(frame, net)
    assert result.columns.tolist() == single.columns.tolist()
    assert result.to_numpy().tolist() == single.to_numpy().tolist(), "bit for bit"
    targets = [v for v in net.variables if v not in observed]
    np.testing.assert_allclose(
        single.to_numpy(), loop_of_queries(net, frame, targets)[:, :-1], rtol=0, atol=1e-12
    )


def test_errors(client: Any) -> None:
    net = augury.default_model().network
    frame = pd.DataFrame({"joint_exercise_tempo": ["sideways"]}, index=["r1"])
    ddf = dd.from_pandas(frame, npartitions=1)
    with pytest.raises(augury.EvidenceError, match=r"evidence column 'tempo' is not a variable"):
        augury_dask.batch_posteriors(dd.from_pandas(frame.rename(columns={"joint_exercise_tempo": "tempo"}),
                                                    npartitions=1), net)
    with pytest.raises(augury.ModelError, match="no variable 'nope'"):
        augury_dask.batch_posteriors(ddf, net, ["nope"])
    with pytest.raises(TypeError, match="not a string"):
        augury_dask.batch_posteriors(ddf, net, "scenario")
    with pytest.raises(augury.EvidenceError, match=r"row 'r1': .*no state 'sideways'"):
        augury_dask.batch_posteriors(ddf, net, ["scenario"]).compute()
