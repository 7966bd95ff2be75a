#!/usr/bin/env python3
"""Side-by-side timing of augury and its peers: change the evidence, infer, read every
posterior.

For each network the script draws fixed evidence (five hard findings sampled from the
prior, then a walk in which each step changes one finding to another possible state; see
``evidence_plan``), and runs the same walk through

* ``augury``   -- augury.JunctionTree (Python API): ``set_hard`` then ``posterior_array``
  for every target;
* ``pyagrum``  -- pyAgrum LazyPropagation: ``chgEvidence``, ``makeInference``, then
  ``posterior(id).toarray()`` for every target;
* ``pgmpy-ve`` -- pgmpy VariableElimination: one ``query([target], evidence)`` per target
  (pgmpy computes a joint for a multi-variable query, so one query per target is its
  fastest exact way to get every marginal);
* ``pgmpy-bp`` -- pgmpy BeliefPropagation (its junction tree, calibrated once without
  evidence): one ``query([target], evidence)`` per target.

The targets are every variable without a finding. Each engine runs in its own process
(loading is not timed; pgmpy's model is built from the CPT arrays augury read, because
pgmpy's own BIF reader takes minutes on the larger files) and gets a time budget per
network; an engine that does not finish one step within it is reported as "timeout".

Agreement: the posteriors at the first walk positions are compared with augury's. A peer
that differs by more than the tolerance runs again on augury's tables with every CPT row
renormalised (float64 numbers), and is compared with augury on those same tables:
agreement then shows that the tables, not the inference, explain the difference, and the
report says how the tables differ (the BIF files' rows sum to 1 only within about 3e-7;
pyAgrum's BIF reader keeps single-precision numbers; and pruning barren or d-separated
variables, as pgmpy and pyAgrum do, is exact only when every row sums to 1). augury itself
is checked against the independent reference posteriors in
``$AUGURY_SHARED_DIR/data/reference/<network>.json`` where they exist.

Times are per step (one changed finding, inference, every posterior read). The script
reports process CPU time (all threads of the engine's process; stable on a loaded
machine) and wall time, and the ratios peer / augury for both.

Examples::

    python3 benchmarks/compare_peers.py                       # every network, about 10 min
    python3 benchmarks/compare_peers.py --networks asia,alarm --budget 2
    python3 benchmarks/compare_peers.py --engines augury,pyagrum --json out.json
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

REPO = Path(__file__).resolve().parent.parent
NETWORKS = [
    "asia", "alarm", "insurance", "hepar2", "andes",
    "pathfinder", "pigs", "munin", "link", "diabetes",
]
ENGINES = ["augury", "pyagrum", "pgmpy-ve", "pgmpy-bp"]
CHECK_STEPS = 3  # posteriors compared at walk positions 0 .. CHECK_STEPS


def shared_dir(given: Optional[str]) -> Path:
    if given:
        return Path(given)
    env = os.environ.get("AUGURY_SHARED_DIR")
    return Path(env) if env else REPO.parent / "shared"


# ---- the evidence -------------------------------------------------------------------------


def sample_prior(net: Any, rng: Any) -> Dict[str, int]:
    """One forward sample of the prior: state index by variable."""
    import numpy as np

    x: Dict[str, int] = {}
    for v in net.topological_order():
        table = net.cpt(v)  # (card(parent_0), ..., card(parent_k-1), card(v))
        row = table[tuple(x[p] for p in net.parents(v))]
        p = np.clip(row, 0.0, None)
        x[v] = int(rng.choice(len(p), p=p / p.sum()))
    return x


def evidence_plan(net: Any, num_findings: int = 5, length: int = 32, seed: int = 20240601) -> Dict[str, Any]:
    """The fixed evidence of a network: five findings from one prior sample on five random
    variables, then a walk of `length` evidence sets, each changing one finding to another
    state drawn from its posterior given the other findings (so each set is possible)."""
    import numpy as np

    import augury

    rng = np.random.default_rng(seed)
    x = sample_prior(net, rng)
    names = list(net.variables)
    order = rng.permutation(len(names))
    num_findings = min(num_findings, len(names) - 1)
    chosen = [names[i] for i in order[:num_findings]]
    current = {v: x[v] for v in chosen}
    sequence = [dict(current)]
    tree = augury.JunctionTree(net)
    stuck, step = 0, 0
    while len(sequence) < length and stuck < num_findings:
        v = chosen[step % num_findings]
        step += 1
        tree.set_evidence({u: net.states(u)[s] for u, s in current.items() if u != v})
        p = tree.posterior_array(v).copy()
        p[current[v]] = 0.0
        if p.sum() <= 0.0:
            stuck += 1
            continue
        stuck = 0
        current[v] = int(rng.choice(len(p), p=p / p.sum()))
        sequence.append(dict(current))
    states = {v: net.states(v) for v in chosen}
    return {
        "evidence_variables": chosen,
        "sequence": [{v: states[v][s] for v, s in e.items()} for e in sequence],
        "targets": [v for v in names if v not in current],
    }


def walk_position(sequence: Sequence[Dict[str, str]], k: int) -> Dict[str, str]:
    """Position k of the forward-then-backward walk (each step changes one finding)."""
    n = len(sequence)
    period = 2 * n - 2 if n > 1 else 1
    k %= period
    return sequence[k if k < n else period - k]


def walk_change(sequence: Sequence[Dict[str, str]], k: int) -> Tuple[str, str]:
    a, b = walk_position(sequence, k), walk_position(sequence, k + 1)
    for v in a:
        if a[v] != b[v]:
            return v, b[v]
    v = next(iter(b))
    return v, b[v]


# ---- the engines (each runs in a worker process) ---------------------------------------------


def augury_network(path: str, tables: str) -> Any:
    """The network as augury reads it ("file"), or with every CPT row renormalised."""
    import augury

    net = augury.read_bif(path)
    return renormalised(net) if tables == "renormalised" else net


def pyagrum_network(path: str, tables: str) -> Any:
    """pyAgrum's own reading of the file ("file"), or a pyAgrum network built from augury's
    renormalised float64 tables."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import pyagrum as gum
    if tables == "file":
        return gum.loadBN(path)
    import numpy as np

    net = augury_network(path, tables)
    bn = gum.BayesNet(net.name or "network")
    for v in net.variables:
        bn.add(gum.LabelizedVariable(v, v, net.states(v)))
    for a, b in net.arcs:
        bn.addArc(a, b)
    for v in net.variables:
        t = bn.cpt(v)
        names = list(t.names)  # the child first; entries run with the first name fastest
        axes = [*net.parents(v), v]
        t.fillWith(np.transpose(net.cpt(v), [axes.index(n) for n in reversed(names)]).ravel().tolist())
    return bn


def pgmpy_model(path: str, tables: str) -> Any:
    """The network as a pgmpy DiscreteBayesianNetwork, built from augury's CPT arrays (as
    read from the file, bit for bit, or renormalised)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from pgmpy.factors.discrete import TabularCPD
        from pgmpy.models import DiscreteBayesianNetwork

    net = augury_network(path, tables)
    model = DiscreteBayesianNetwork()
    model.add_nodes_from(net.variables)
    model.add_edges_from(net.arcs)
    cpds = []
    for v in net.variables:
        parents = net.parents(v)
        k = net.cardinality(v)
        table = net.cpt(v).reshape(-1, k).T  # (card(v), configurations), first parent slowest
        cpds.append(
            TabularCPD(
                v, k, table,
                evidence=parents or None,
                evidence_card=[net.cardinality(p) for p in parents] or None,
                state_names={u: net.states(u) for u in [v, *parents]},
            )
        )
    model.add_cpds(*cpds)
    return model


class AuguryEngine:
    def __init__(self, path: str, targets: List[str], tables: str) -> None:
        import augury

        self.tree = augury.JunctionTree(augury_network(path, tables))
        self.targets = targets

    def set_all(self, evidence: Dict[str, str]) -> None:
        self.tree.set_evidence(evidence)

    def change(self, variable: str, state: str) -> None:
        self.tree.set_hard(variable, state)

    def read(self) -> List[Any]:
        post = self.tree.posterior_array
        return [post(t) for t in self.targets]


class PyAgrumEngine:
    def __init__(self, path: str, targets: List[str], tables: str) -> None:
        import pyagrum as gum

        self.bn = pyagrum_network(path, tables)
        self.ie = gum.LazyPropagation(self.bn)
        self.ids = [self.bn.idFromName(t) for t in targets]

    def set_all(self, evidence: Dict[str, str]) -> None:
        self.ie.setEvidence(evidence)
        self.ie.makeInference()

    def change(self, variable: str, state: str) -> None:
        self.ie.chgEvidence(variable, state)
        self.ie.makeInference()

    def read(self) -> List[Any]:
        post = self.ie.posterior
        return [post(i).toarray() for i in self.ids]


class PgmpyVeEngine:
    def __init__(self, path: str, targets: List[str], tables: str) -> None:
        from pgmpy.inference import VariableElimination

        self.engine = VariableElimination(pgmpy_model(path, tables))
        self.targets = targets
        self.evidence: Dict[str, str] = {}

    def set_all(self, evidence: Dict[str, str]) -> None:
        self.evidence = dict(evidence)

    def change(self, variable: str, state: str) -> None:
        self.evidence[variable] = state

    def read(self) -> List[Any]:
        query = self.engine.query
        return [query([t], evidence=self.evidence, show_progress=False).values for t in self.targets]


class PgmpyBpEngine(PgmpyVeEngine):
    def __init__(self, path: str, targets: List[str], tables: str) -> None:
        from pgmpy.inference import BeliefPropagation

        self.engine = BeliefPropagation(pgmpy_model(path, tables))
        self.engine.calibrate()
        self.targets = targets
        self.evidence = {}


ENGINE_CLASSES = {
    "augury": AuguryEngine,
    "pyagrum": PyAgrumEngine,
    "pgmpy-ve": PgmpyVeEngine,
    "pgmpy-bp": PgmpyBpEngine,
}


def run_worker(engine_name: str, plan_path: str, budget: float, max_steps: int, tables: str) -> None:
    """Worker process: loads ("loaded"), enters the first evidence set and reads every
    posterior ("ready"), then times steps of the walk: it starts no new step once
    `budget` seconds have passed or the next step would likely end after them (none with
    max_steps = 0 beyond the checked positions). Prints one JSON line with the times and
    the posteriors at walk positions 0 .. CHECK_STEPS (those reached)."""
    warnings.simplefilter("ignore")
    with open(plan_path) as f:
        plan = json.load(f)
    seq = plan["sequence"]
    t0 = time.perf_counter()
    engine = ENGINE_CLASSES[engine_name](plan["path"], plan["targets"], tables)
    load = time.perf_counter() - t0
    print("loaded", flush=True)

    def listed(arrays: List[Any]) -> List[List[float]]:
        return [[float(x) for x in a.ravel()] for a in arrays]

    t0 = time.perf_counter()
    engine.set_all(walk_position(seq, 0))
    checks = {0: listed(engine.read())}
    first = time.perf_counter() - t0
    print("ready", flush=True)

    wall: List[float] = []
    cpu: List[float] = []
    start = time.perf_counter()
    k = 0
    while True:
        v, s = walk_change(seq, k)
        c0, w0 = time.process_time(), time.perf_counter()
        engine.change(v, s)
        posts = engine.read()
        w1, c1 = time.perf_counter(), time.process_time()
        k += 1
        if k <= CHECK_STEPS:
            checks[k] = listed(posts)
        if max_steps == 0:
            if k >= CHECK_STEPS:
                break
            continue
        wall.append(w1 - w0)
        cpu.append(c1 - c0)
        elapsed = time.perf_counter() - start
        if k >= max_steps or elapsed + wall[-1] > budget:
            break
    print(json.dumps({"load_s": load, "first_s": first, "wall": wall, "cpu": cpu, "checks": checks}), flush=True)


def run_engine(engine: str, plan_path: str, budget: float, max_steps: int, load_timeout: float,
               step_timeout: float, tables: str = "file") -> Dict[str, Any]:
    """Runs one worker. Its status is "timeout" (with the phase) if it does not load within
    load_timeout, does not answer the first evidence set within step_timeout, or does not
    finish within budget + step_timeout after that; "error" (with the last line of its
    error output) if it fails."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", engine, "--plan", plan_path,
           "--budget", str(budget), "--max-steps", str(max_steps), "--tables", tables]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    result: Dict[str, Any] = {}
    limits = {"loading": load_timeout, "first inference": step_timeout}
    try:
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(proc.stdout, selectors.EVENT_READ)  # type: ignore[arg-type]
        phase = "loading"
        deadline = time.monotonic() + load_timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not sel.select(timeout=remaining):
                limit = limits.get(phase, budget + step_timeout)
                return {"status": "timeout", "phase": phase, "limit": limit}
            line = proc.stdout.readline()  # type: ignore[union-attr]
            if not line:
                break
            if line.strip() == "loaded":
                phase = "first inference"
                deadline = time.monotonic() + step_timeout
            elif line.strip() == "ready":
                phase = "inference"
                deadline = time.monotonic() + budget + step_timeout
            elif line.startswith("{"):
                result = json.loads(line)
                break
        proc.wait()
        if not result:
            err = proc.stderr.read().strip() if proc.stderr else ""  # type: ignore[union-attr]
            last = err.splitlines()[-1] if err else "no output"
            if proc.returncode is not None and proc.returncode < 0:
                # A worker killed by a signal leaves no traceback; SIGKILL here has been the
                # kernel's out-of-memory killer (pgmpy's BeliefPropagation on alarm took 24 GB).
                sig = -proc.returncode
                name = "SIGKILL, most likely the out-of-memory killer" if sig == 9 else f"signal {sig}"
                last = f"killed by {name}"
            return {"status": "error", "phase": phase, "message": last[:200]}
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    result["status"] = "ok"
    return result


# ---- agreement -------------------------------------------------------------------------------


def max_difference(a: Dict[str, Any], b: Dict[str, Any]) -> float:
    worst = 0.0
    for step, posts in a.items():
        if step not in b:
            continue
        for pa, pb in zip(posts, b[step]):
            for x, y in zip(pa, pb):
                worst = max(worst, abs(x - y))
    return worst


def renormalised(net: Any) -> Any:
    """A copy of `net` with every CPT row divided by its sum."""
    import numpy as np

    copy = net.copy()
    for v in net.variables:
        table = np.asarray(net.cpt(v), dtype=np.float64)
        table = table / table.sum(axis=-1, keepdims=True)
        copy.set_cpt(v, net.parents(v), table)
    return copy


def posteriors_on(net: Any, plan: Dict[str, Any]) -> Dict[str, Any]:
    """augury's posteriors of the targets at the checked walk positions, on `net`."""
    import augury

    tree = augury.JunctionTree(net)
    out: Dict[str, Any] = {}
    for k in range(CHECK_STEPS + 1):
        tree.set_evidence(walk_position(plan["sequence"], k))
        out[str(k)] = [[float(x) for x in tree.posterior_array(t)] for t in plan["targets"]]
    return out


def reference_difference(net: Any, reference: Path) -> Tuple[float, int]:
    """Largest difference between augury and the reference posteriors, and the number of
    reference cases."""
    import augury

    with open(reference) as f:
        ref = json.load(f)
    tree = augury.JunctionTree(net)
    worst = 0.0
    for case in ref["cases"]:
        tree.set_evidence(case.get("evidence", {}), case.get("likelihood_evidence") or None)
        for v, dist in case["posteriors"].items():
            p = tree.posterior(v)
            for s, x in dist.items():
                worst = max(worst, abs(p[s] - x))
    return worst, len(ref["cases"])


def table_notes(net: Any, path: str, peer: str) -> List[str]:
    """What differs in the tables a peer works with: the file's row sums, and for pyAgrum
    how far its own reading of the file is from the numbers in it."""
    import numpy as np

    notes = []
    rows = max(float(np.abs(net.cpt(v).sum(axis=-1) - 1.0).max()) for v in net.variables)
    if rows > 0.0:
        notes.append(f"the file's CPT rows sum to 1 within {rows:.1e}")
    if peer == "pyagrum":
        bn = pyagrum_network(path, "file")
        worst = worst32 = 0.0
        for v in net.variables:
            t = bn.cpt(v)
            names = list(t.names)
            axes = [*net.parents(v), v]
            a = np.transpose(t.toarray(), [list(reversed(names)).index(n) for n in axes])
            b = net.cpt(v)
            worst = max(worst, float(np.abs(a - b).max()))
            worst32 = max(worst32, float(np.abs(a - b.astype(np.float32).astype(np.float64)).max()))
        if worst > 0.0:
            how = "single precision (float32)" if worst32 == 0.0 else f"with errors up to {worst:.1e}"
            notes.append(f"pyAgrum's BIF reader stores the numbers in {how}: its tables differ from "
                         f"the file by up to {worst:.1e}")
    return notes


def agreement_of(net: Any, plan: Dict[str, Any], plan_path: str, results: Dict[str, Any],
                 engines: List[str], args: argparse.Namespace) -> Dict[str, str]:
    """Each peer's largest difference from augury, explained when above the tolerance: the
    peer runs again on augury's tables with every row renormalised (float64), and is
    compared with augury on the same tables."""
    out: Dict[str, str] = {}
    base = results.get("augury", {})
    renorm: Optional[Dict[str, Any]] = None
    for engine in engines:
        r = results[engine]
        if engine == "augury" or r["status"] != "ok" or base.get("status") != "ok":
            continue
        d = max_difference(base["checks"], r["checks"])
        if d <= args.tolerance:
            out[engine] = f"agrees ({d:.1e})"
            continue
        if renorm is None:
            renorm = posteriors_on(renormalised(net), plan)
        pgmpy = engine.startswith("pgmpy")
        again = run_engine(engine, plan_path, args.pgmpy_budget if pgmpy else args.budget, 0,
                           args.pgmpy_load_timeout if pgmpy else args.load_timeout, args.step_timeout,
                           tables="renormalised")
        if again["status"] != "ok":
            out[engine] = f"DIFFERS by {d:.1e} (the check on renormalised tables: {again['status']})"
            continue
        d2 = max_difference(renorm, again["checks"])
        notes = "; ".join(table_notes(net, plan["path"], engine))
        if d2 <= args.tolerance:
            out[engine] = (f"{d:.1e}; on renormalised float64 tables {d2:.1e} (so the tables explain it"
                           + (f": {notes})" if notes else ")"))
        else:
            out[engine] = f"DIFFERS by {d:.1e}, on renormalised tables by {d2:.1e}" + (f" ({notes})" if notes else "")
    return out


# ---- the report --------------------------------------------------------------------------------


def summary(times: List[float]) -> float:
    return statistics.median(times) if times else math.nan


def fmt_time(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.1f} us"
    if seconds < 1.0:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def table(rows: List[List[str]], header: List[str]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |"  # noqa: E731
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(header), sep, *[line(r) for r in rows]])


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--networks", default=",".join(NETWORKS),
                        help="comma-separated network names (default: all ten)")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated engines")
    parser.add_argument("--budget", type=float, default=3.0,
                        help="seconds of timed steps per engine and network for augury and pyAgrum (default 3)")
    parser.add_argument("--pgmpy-budget", type=float, default=12.0,
                        help="seconds per pgmpy engine and network; a longer single step is a timeout (default 12)")
    parser.add_argument("--max-steps", type=int, default=2000, help="at most this many timed steps")
    parser.add_argument("--load-timeout", type=float, default=120.0,
                        help="seconds allowed to load a network (augury, pyAgrum; default 120)")
    parser.add_argument("--pgmpy-load-timeout", type=float, default=60.0,
                        help="seconds allowed for pgmpy to build its model and, for BeliefPropagation, "
                             "calibrate its junction tree (default 60)")
    parser.add_argument("--step-timeout", type=float, default=30.0,
                        help="seconds allowed for one step (the first evidence set included); default 30")
    parser.add_argument("--no-skip", action="store_true",
                        help="run pgmpy BeliefPropagation on every network, even after it failed on a smaller one")
    parser.add_argument("--tolerance", type=float, default=1e-9, help="agreement tolerance (default 1e-9)")
    parser.add_argument("--shared-dir", help="the shared data folder (default $AUGURY_SHARED_DIR or ../shared)")
    parser.add_argument("--network-file", action="append", default=[],
                        help="an extra BIF file to run (repeatable; used by the smoke test)")
    parser.add_argument("--json", help="also write every number to this JSON file")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--tables", default="file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        run_worker(args.worker, args.plan, args.budget, args.max_steps, args.tables)
        return 0

    warnings.simplefilter("ignore")
    import augury

    data = shared_dir(args.shared_dir)
    engines = [e for e in args.engines.split(",") if e]
    unknown = [e for e in engines if e not in ENGINE_CLASSES]
    if unknown:
        parser.error(f"unknown engine {unknown[0]!r} (engines: {', '.join(ENGINES)})")
    if "augury" not in engines:
        engines.insert(0, "augury")
    jobs: List[Tuple[str, Path]] = []
    for name in [n for n in args.networks.split(",") if n]:
        path = data / "data" / "networks" / "bif" / f"{name}.bif"
        if not path.exists():
            print(f"skipping {name}: {path} not found", file=sys.stderr)
            continue
        jobs.append((name, path))
    for extra in args.network_file:
        jobs.append((Path(extra).stem, Path(extra)))

    print(f"load average: {os.getloadavg()[0]:.2f}, {os.getloadavg()[1]:.2f}, {os.getloadavg()[2]:.2f}")
    print(f"engines: {', '.join(engines)}; budget {args.budget:g} s (pgmpy {args.pgmpy_budget:g} s) per network")
    results: Dict[str, Any] = {}
    failed_at: Dict[str, str] = {}
    for name, path in jobs:
        net = augury.read_bif(str(path))
        plan = evidence_plan(net)
        plan["path"] = str(path)
        entry: Dict[str, Any] = {"variables": len(net.variables), "targets": len(plan["targets"]),
                                 "walk": len(plan["sequence"]), "evidence_sets": plan["sequence"],
                                 "target_names": plan["targets"], "engines": {}}
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(plan, f)
            plan_path = f.name
        try:
            for engine in engines:
                pgmpy = engine.startswith("pgmpy")
                if engine in failed_at and not args.no_skip:
                    entry["engines"][engine] = {"status": "skipped", "phase": f"failed on {failed_at[engine]}"}
                    print(f"  {name:<11} {engine:<9} skipped (failed on {failed_at[engine]}, a smaller network)",
                          flush=True)
                    continue
                r = run_engine(engine, plan_path, args.pgmpy_budget if pgmpy else args.budget, args.max_steps,
                               args.pgmpy_load_timeout if pgmpy else args.load_timeout, args.step_timeout)
                entry["engines"][engine] = r
                if r["status"] == "ok":
                    status = (f"{len(r['cpu'])} steps, median cpu {fmt_time(summary(r['cpu']))}, "
                              f"wall {fmt_time(summary(r['wall']))}")
                else:
                    status = f"{r['status']} ({r.get('phase')}) {r.get('message', '')}"
                    if engine == "pgmpy-bp":
                        failed_at[engine] = name
                print(f"  {name:<11} {engine:<9} {status}", flush=True)
            entry["agreement"] = agreement_of(net, plan, plan_path, entry["engines"], engines, args)
        finally:
            os.unlink(plan_path)
        ref = data / "data" / "reference" / f"{name}.json"
        agreement = entry["agreement"]
        if ref.exists():
            d, n = reference_difference(net, ref)
            agreement["augury"] = f"vs reference {d:.1e} ({n} cases)"
        results[name] = entry

    print_report(results, engines, args)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"results": results, "load_average": os.getloadavg()}, f, indent=1)
    return 0


def print_report(results: Dict[str, Any], engines: List[str], args: argparse.Namespace) -> None:
    peers = [e for e in engines if e != "augury"]
    print()
    print("Median time per step (change one finding, infer, read every posterior); CPU / wall:")
    header = ["network", "vars"] + engines
    rows = []
    for name, entry in results.items():
        row = [name, str(entry["variables"])]
        for e in engines:
            r = entry["engines"][e]
            if r["status"] != "ok":
                row.append(r["status"] + (f" (> {r['limit']:g} s)" if r["status"] == "timeout" and "limit" in r else ""))
            else:
                row.append(f"{fmt_time(summary(r['cpu']))} / {fmt_time(summary(r['wall']))}")
        rows.append(row)
    print(table(rows, header))

    if peers:
        print()
        print("Ratio peer / augury (how many times faster augury is), CPU / wall:")
        rows = []
        for name, entry in results.items():
            a = entry["engines"]["augury"]
            row = [name]
            for e in peers:
                r = entry["engines"][e]
                if a["status"] != "ok":
                    row.append("-")
                elif r["status"] == "timeout":
                    # The limit the peer ran out of (the step limit for a first inference,
                    # which no timed step of it reached), not the timing budget.
                    limit = r.get("limit", args.pgmpy_budget if e.startswith("pgmpy") else args.budget)
                    row.append(f"> {limit / summary(a['cpu']):.0f}x (timeout)")
                elif r["status"] != "ok":
                    row.append(r["status"])
                else:
                    rc = summary(r["cpu"]) / summary(a["cpu"])
                    rw = summary(r["wall"]) / summary(a["wall"])
                    row.append(f"{rc:.1f}x / {rw:.1f}x")
            rows.append(row)
        print(table(rows, ["network"] + peers))

    print()
    print(f"Agreement of the posteriors (largest absolute difference from augury; tolerance {args.tolerance:g}):")
    for name, entry in results.items():
        ag = entry["agreement"]
        print(f"- {name}: augury {ag.get('augury', 'has no reference file')}")
        for e in peers:
            r = entry["engines"][e]
            print(f"  - {e}: {ag.get(e, r['status'] if r['status'] != 'ok' else '-')}")


if __name__ == "__main__":
    sys.exit(main())
