#!/usr/bin/env python3
"""Throughput of JunctionTree.batch_posteriors from Python: cases per second.

Default: the default scenario model, 100,000 report sets, each holding five reports on five
distinct indicators drawn at random (a state drawn at random, a grade from A1..C3; each
report enters as the likelihood of its grade, Report.likelihood_vector), targets the
scenario node or every variable, on 1 and 2 threads. The time covers the call only (numpy
in, numpy out); building the arrays is not timed. With ``--network FILE`` the cases are
five hard findings per case instead (a forward sample of the prior on five fixed
variables).

Example::

    python3 benchmarks/batch_throughput.py --cases 100000 --threads 1,2 --repeats 3
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from typing import Any, Dict, List

import numpy as np

import augury

GRADES = ["A1", "A2", "B1", "B2", "B3", "C2", "C3"]


def report_cases(model: Any, n: int, reports_per_case: int, seed: int) -> Dict[str, Any]:
    """Likelihood columns {indicator: (n, card) weights}; all ones where a case has no report."""
    rng = np.random.default_rng(seed)
    net = model.network
    indicators = list(model.indicators)
    columns = {v: np.ones((n, net.cardinality(v))) for v in indicators}
    # A pool of report likelihoods per indicator, drawn once (computing one per case in
    # Python would dominate the set-up, not the timed call).
    pool: Dict[str, List[np.ndarray]] = {}
    for v in indicators:
        pool[v] = [
            augury.Report("2024-01-01", v, state=s, grade=g).likelihood_vector(model)
            for s in net.states(v)
            for g in GRADES
        ]
    picks = np.argsort(rng.random((n, len(indicators))), axis=1)[:, :reports_per_case]
    choice = rng.integers(0, 1 << 30, size=(n, reports_per_case))
    for c in range(n):
        for r in range(reports_per_case):
            v = indicators[picks[c, r]]
            columns[v][c] = pool[v][choice[c, r] % len(pool[v])]
    return columns


def hard_cases(net: Any, n: int, seed: int) -> Dict[str, Any]:
    """Hard-finding columns {variable: (n,) state indices}: prior samples of five variables."""
    rng = np.random.default_rng(seed)
    names = list(net.variables)
    chosen = [names[i] for i in rng.permutation(len(names))[:5]]
    cols = {v: np.empty(n, dtype=np.int32) for v in chosen}
    order = net.topological_order()
    tables = {v: net.cpt(v) for v in order}
    parents = {v: net.parents(v) for v in order}
    for c in range(n):
        x: Dict[str, int] = {}
        for v in order:
            p = tables[v][tuple(x[u] for u in parents[v])]
            x[v] = int(rng.choice(len(p), p=p / p.sum()))
        for v in chosen:
            cols[v][c] = x[v]
    return cols


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    parser.add_argument("--repeats", type=int, default=3, help="timed calls per setting (the best is kept)")
    parser.add_argument("--network", help="a BIF file instead of the default model (hard findings)")
    args = parser.parse_args()

    if args.network:
        net = augury.read_bif(args.network)
        cases = hard_cases(net, args.cases, seed=7)
        target_sets = {"every variable": list(net.variables)}
        name = os.path.basename(args.network)
    else:
        model = augury.default_model()
        net = model.network
        cases = report_cases(model, args.cases, 5, seed=11)
        target_sets = {"scenario": [model.scenario], "every variable": list(net.variables)}
        name = "default model"
    tree = augury.JunctionTree(net)
    print(f"load average: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"{name}: {args.cases} cases, {len(cases)} evidence columns")
    print(f"{'targets':<16} {'threads':>7} {'best s':>9} {'cases/s':>12} {'cpu s':>8}")
    for label, targets in target_sets.items():
        for threads in [int(t) for t in args.threads.split(",")]:
            best = float("inf")
            best_cpu = 0.0
            for _ in range(args.repeats):
                c0, t0 = time.process_time(), time.perf_counter()
                result = tree.batch_posteriors(cases, targets, threads=threads)
                t1, c1 = time.perf_counter(), time.process_time()
                if t1 - t0 < best:
                    best, best_cpu = t1 - t0, c1 - c0
            assert result.posteriors.shape[0] == args.cases
            print(f"{label:<16} {threads:>7} {best:>9.3f} {args.cases / best:>12,.0f} {best_cpu:>8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
