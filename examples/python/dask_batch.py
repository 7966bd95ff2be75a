"""Posteriors for many evidence rows with Dask: one compiled model per worker.

Needs: pip install 'augury[dask]'
"""

import sys

import numpy as np

import augury

try:
    import dask.dataframe as dd
    import pandas as pd
    from dask.distributed import Client, LocalCluster

    import augury.dask
except ImportError as exc:
    print(f"skipped: {exc}")
    sys.exit(3)


def main() -> None:
    model = augury.default_model()
    net = model.network
    rng = np.random.default_rng(0)
    # 400 imaginary analysts' readings of three indicators; None = not observed.
    observed = ["joint_exercise_tempo", "arms_sales", "space_cooperation"]
    rows = {
        v: [None if rng.random() < 0.3 else rng.choice(net.states(v)) for _ in range(400)]
        for v in observed
    }
    frame = pd.DataFrame(rows)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                      dashboard_address=None) as cluster, Client(cluster):
        ddf = dd.from_pandas(frame, npartitions=8)
        result = augury.dask.batch_posteriors(ddf, net, [model.scenario]).compute()
        print(result.describe().round(3))
        # The workers here are threads of this process, so they share one cached tree; with
        # worker processes, client.run(augury.dask.cache_info) shows one per process.
        print("junction trees compiled:", augury.dask.cache_info()["compiled"])
    single = augury.query_frame(frame, net, [model.scenario])
    assert np.array_equal(result.to_numpy(), single.to_numpy())
    print("same as the single-machine loop")


if __name__ == "__main__":
    main()
