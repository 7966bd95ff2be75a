"""Hardening: messages of the error catalogue (docs/errors.md) raised from Python and the
program, impossible evidence, malformed files through the program, threads on one junction
tree, and pickling and copying of every public object."""

from __future__ import annotations

import copy
import math
import os
import pickle
import random
import signal
import subprocess
import threading
from pathlib import Path
from typing import Dict, List, Tuple

import numpy as np
import pytest

import augury

from conftest import SHARED


def run_program(program: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """Runs the program; output bytes that are not UTF-8 (quoted from a garbled file) are
    decoded as backslash escapes rather than failing the test."""
    done = subprocess.run([program, *args], capture_output=True, timeout=timeout, check=False)
    return subprocess.CompletedProcess(
        done.args,
        done.returncode,
        done.stdout.decode("utf-8", "backslashreplace"),
        done.stderr.decode("utf-8", "backslashreplace"),
    )

B08 = """network b08 { }
variable A { type discrete [ 2 ] { a0, a1 }; }
variable B { type discrete [ 2 ] { b0, b1 }; }
variable C { type discrete [ 2 ] { c0, c1 }; }
variable D { type discrete [ 2 ] { d0, d1 }; }
probability ( A ) { table 0.5, 0.5; }
probability ( B | A ) { (a0) 1.0, 0.0; (a1) 0.3, 0.7; }
probability ( C | B ) { (b0) 1.0, 0.0; (b1) 0.2, 0.8; }
probability ( D ) { table 0.3, 0.7; }
"""

TOY = """network toy { }
variable Rain { type discrete [ 2 ] { yes, no }; }
variable Sprinkler { type discrete [ 2 ] { on, off }; }
variable Wet { type discrete [ 2 ] { wet, dry }; }
probability ( Rain ) { table 0.2, 0.8; }
probability ( Sprinkler | Rain ) { (yes) 0.01, 0.99; (no) 0.4, 0.6; }
probability ( Wet | Rain, Sprinkler ) {
  (yes, on) 0.99, 0.01; (yes, off) 0.8, 0.2; (no, on) 0.9, 0.1; (no, off) 0.0, 1.0;
}
"""


@pytest.fixture
def b08() -> augury.BayesianNetwork:
    return augury.parse_bif(B08)


@pytest.fixture
def toy() -> augury.BayesianNetwork:
    return augury.parse_bif(TOY)


def engines(net: augury.BayesianNetwork) -> List[str]:
    return ["jt", "ve", "enumeration"]


# ---- messages of the catalogue raised from Python ------------------------------------------


def test_two_findings_on_one_variable(toy: augury.BayesianNetwork) -> None:
    with pytest.raises(augury.EvidenceError, match=r"variable 'Rain' has more than one finding"):
        augury.VariableElimination(toy).posterior("Wet", {"Rain": "yes"}, {"Rain": [0.5, 0.5]})


def test_python_vector_messages(toy: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(toy)
    with pytest.raises(augury.EvidenceError, match=r"names no state 'maybe' \(states: yes, no\)"):
        tree.set_likelihood("Rain", {"yes": 1.0, "maybe": 1.0})
    with pytest.raises(augury.EvidenceError, match=r"gives no value for state 'no'"):
        tree.set_likelihood("Rain", {"yes": 1.0})
    with pytest.raises(augury.EvidenceError, match=r"one number per state, not an array of shape \(2, 2\)"):
        tree.set_likelihood("Rain", [[1.0, 0.5], [0.5, 1.0]])


# ---- impossible evidence -------------------------------------------------------------------


@pytest.mark.parametrize("engine", ["jt", "ve", "enumeration"])
def test_impossible_evidence_names_the_conflicting_findings(
    b08: augury.BayesianNetwork, engine: str
) -> None:
    evidence = {"A": "a0", "C": "c1", "D": "d1"}
    with pytest.raises(augury.ImpossibleEvidenceError) as info:
        augury.query(b08, evidence, engine=engine)
    assert str(info.value) == (
        "evidence has probability zero: A=a0, C=c1, D=d1; these findings alone are already "
        "impossible together: A=a0, C=c1"
    )


def test_impossible_evidence_on_a_shared_tree_and_probability(b08: augury.BayesianNetwork) -> None:
    tree = augury.JunctionTree(b08)
    tree.set_evidence({"A": "a0", "D": "d0"}, {"C": [0.0, 3.0]})
    assert tree.log_evidence_probability() == -math.inf
    with pytest.raises(augury.ImpossibleEvidenceError, match=r"already impossible together: A=a0, C~likelihood\(0, 3\)"):
        tree.posterior("B")
    # The tree stays usable: new evidence gives finite answers again.
    tree.set_evidence({"C": "c1"})
    assert tree.posterior("A") == pytest.approx({"a0": 0.0, "a1": 1.0}, abs=1e-15)
    assert tree.log10_evidence_probability() == pytest.approx(math.log10(0.28), abs=1e-12)


@pytest.mark.parametrize("engine", ["jt", "ve", "enumeration"])
def test_zero_and_negative_likelihoods_are_refused(b08: augury.BayesianNetwork, engine: str) -> None:
    with pytest.raises(augury.ImpossibleEvidenceError, match=r"'B' is zero for every state"):
        augury.query(b08, likelihood={"B": [0.0, 0.0]}, engine=engine)
    with pytest.raises(augury.EvidenceError, match=r"entry -0\.5 for state 'b1'"):
        augury.query(b08, likelihood={"B": [1.0, -0.5]}, engine=engine)
    with pytest.raises(augury.EvidenceError, match=r"entry inf"):
        augury.query(b08, likelihood={"B": [1.0, math.inf]}, engine=engine)


@pytest.mark.parametrize("engine", ["jt", "ve", "enumeration"])
def test_no_nan_reaches_the_user(b08: augury.BayesianNetwork, engine: str) -> None:
    rng = random.Random(5)
    states = {v: b08.states(v) for v in b08.variables}
    for _ in range(60):
        evidence = {v: rng.choice(s) for v, s in states.items() if rng.random() < 0.5}
        likelihood = {
            v: [rng.choice([0.0, 1e-300, 0.5, 1.0]) for _ in s]
            for v, s in states.items()
            if v not in evidence and rng.random() < 0.3
        }
        likelihood = {v: x for v, x in likelihood.items() if any(x)}
        try:
            result = augury.query(b08, evidence, likelihood, engine=engine)
        except augury.ImpossibleEvidenceError:
            continue
        assert math.isfinite(result["log10_evidence_probability"])
        for dist in result["posteriors"].values():
            values = list(dist.values())
            assert all(math.isfinite(x) and 0.0 <= x <= 1.0 for x in values)
            assert sum(values) == pytest.approx(1.0, abs=1e-12)


# ---- the program -----------------------------------------------------------------------------


def broken_files(tmp_path: Path) -> List[Path]:
    """Malformed model files: the deliberately broken published files, and truncated,
    garbled and empty versions of valid test files."""
    files: List[Path] = []
    dialects = SHARED / "data" / "networks"
    for rel in (
        "bif-dialects/BIFReader_file3.bif",
        "bif-dialects/dBN_with_errors.bif",
        "bif-dialects/carpo.bif",
        "xmlbif/edex.bifxml",
    ):
        if (dialects / rel).is_file():
            files.append(dialects / rel)
    data = Path(__file__).resolve().parents[1] / "data"
    for source in sorted(data.glob("bif/*.bif")) + sorted(data.glob("json/*.json")):
        text = source.read_bytes()
        for cut in (len(text) // 3, len(text) // 2, len(text) - 5):
            path = tmp_path / f"cut{cut}_{source.name}"
            path.write_bytes(text[:cut])
            files.append(path)
        garbled = bytearray(text)
        garbled[len(garbled) // 2] = 0xFF
        path = tmp_path / f"garbled_{source.name}"
        path.write_bytes(bytes(garbled))
        files.append(path)
    for name, content in {
        "empty.bif": b"",
        "empty.json": b"",
        "binary.bif": bytes(range(256)),
        "xml_in.bif": b'<?xml version="1.0"?><BIF VERSION="0.3"></BIF>',
        "nul.json": b'{"format": "augury-network", \x00}',
        "deep.json": b"[" * 100000,
    }.items():
        path = tmp_path / name
        path.write_bytes(content)
        files.append(path)
    return files


def test_malformed_files_through_the_program(augury_program: str, tmp_path: Path) -> None:
    checked = 0
    for path in broken_files(tmp_path):
        result = run_program(augury_program, "query", str(path), timeout=120)
        if result.returncode == 0:
            # A truncated file can still be a whole network (a cut inside a trailing comment).
            assert "posterior" in result.stdout, path
            continue
        assert result.returncode == 1, f"{path}: exit {result.returncode}\n{result.stderr}"
        assert result.stderr.startswith("augury: error: "), f"{path}: {result.stderr}"
        assert path.name in result.stderr or str(path) in result.stderr, f"{path}: {result.stderr}"
        checked += 1
    assert checked >= 20


def test_program_explains_impossible_evidence(augury_program: str, tmp_path: Path) -> None:
    path = tmp_path / "b08.bif"
    path.write_text(B08, encoding="utf-8")
    for engine in ("jt", "ve"):
        result = run_program(augury_program, "query", str(path), "-e", "A=a0,C=c1,D=d1", "--engine", engine)
        assert result.returncode == 1
        assert result.stderr.strip() == (
            "augury: error: evidence has probability zero: A=a0, C=c1, D=d1; these findings alone "
            "are already impossible together: A=a0, C=c1"
        )


def test_program_evidence_messages(augury_program: str, tmp_path: Path) -> None:
    path = tmp_path / "toy.bif"
    path.write_text(TOY, encoding="utf-8")
    result = run_program(augury_program, "query", str(path), "-e", "Rain")
    assert result.returncode == 1
    assert "--evidence item 'Rain' is not of the form VARIABLE=STATE" in result.stderr
    result = run_program(augury_program, "query", str(path), "-l", "Rain=x,1")
    assert result.returncode == 1
    assert "likelihood on 'Rain': 'x' is not a number" in result.stderr
    result = run_program(augury_program, "query", str(path), "-l", "Rain=0,0")
    assert result.returncode == 1
    assert "likelihood evidence on 'Rain' is zero for every state" in result.stderr


def test_program_memory_budget(augury_program: str, tmp_path: Path) -> None:
    path = tmp_path / "toy.bif"
    path.write_text(TOY, encoding="utf-8")
    # The toy's junction tree has one clique of 8 entries: 160 bytes at 20 bytes an entry.
    ok = run_program(augury_program, "query", str(path), "--max-memory", "160")
    assert ok.returncode == 0, ok.stderr
    refused = run_program(augury_program, "query", str(path), "--max-memory", "100")
    assert refused.returncode == 1
    assert "would need 8 clique table entries" in refused.stderr
    assert "--max-memory 100 bytes allows at most 5 clique table entries (20 bytes each)" in refused.stderr
    refused = run_program(augury_program, "query", str(path), "--engine", "ve", "--max-memory", "16")
    assert refused.returncode == 1
    assert "--max-memory 16 bytes allows at most 1 table entries (16 bytes each)" in refused.stderr


# ---- threads ---------------------------------------------------------------------------------


def random_cases(net: augury.BayesianNetwork, count: int, seed: int) -> List[Dict[str, str]]:
    rng = random.Random(seed)
    names = net.variables
    return [
        {v: rng.choice(net.states(v)) for v in rng.sample(names, rng.randint(0, 3))}
        for _ in range(count)
    ]


def answers(tree: augury.JunctionTree, names: List[str]) -> Tuple[Tuple[float, ...], ...]:
    """Every posterior, read in one call (one lock of the tree), or () when impossible."""
    try:
        posteriors = tree.posteriors(names)
    except augury.ImpossibleEvidenceError:
        return ()
    return tuple(tuple(posteriors[v].values()) for v in names)


def test_threads_share_one_junction_tree() -> None:
    net = augury.default_model().network
    cases = random_cases(net, 40, 3)
    names = net.variables
    tree = augury.JunctionTree(net)
    serial = []
    for e in cases:
        tree.set_evidence(e)
        serial.append(answers(tree, names))
    allowed = set(serial)

    # Readers on fixed evidence all see the same answers.
    tree.set_evidence(cases[1])
    expected = serial[1]
    errors: List[str] = []

    def read() -> None:
        for _ in range(30):
            if answers(tree, names) != expected:
                errors.append("a reader saw other answers")

    threads = [threading.Thread(target=read) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors

    # Writers race: each answer read must be the exact answer of some case, never a mixture.
    def write(seed: int) -> None:
        rng = random.Random(seed)
        for _ in range(25):
            tree.set_evidence(cases[rng.randrange(len(cases))])
            got = answers(tree, names)
            if got not in allowed:
                errors.append("an answer that belongs to no case")

    threads = [threading.Thread(target=write, args=(s,)) for s in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    # Afterwards the tree is consistent: setting a case gives its serial answer bit for bit.
    for i in (0, 7, 21):
        tree.set_evidence(cases[i])
        assert answers(tree, names) == serial[i]


def test_threads_share_one_variable_elimination_engine() -> None:
    net = augury.default_model().network
    cases = random_cases(net, 24, 8)
    ve = augury.VariableElimination(net)
    serial = [ve.posterior_array("scenario", e).tolist() for e in cases]
    results: Dict[int, List[float]] = {}

    def work(offset: int) -> None:
        for i in range(offset, len(cases), 4):
            results[i] = ve.posterior_array("scenario", cases[i]).tolist()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [results[i] for i in range(len(cases))] == serial


# ---- Ctrl-C -------------------------------------------------------------------------------------


def grid_bif(width: int, length: int) -> str:
    """A width x length grid of binary variables X{i}_{j}, parents X{i-1}_{j} and X{i}_{j-1}:
    treewidth about ``width``, so compiling it and batch queries on it take seconds."""
    rng = random.Random(7)
    lines = ["network grid { }"]
    for i in range(length):
        for j in range(width):
            lines.append(f"variable X{i}_{j} {{ type discrete [ 2 ] {{ s0, s1 }}; }}")
    for i in range(length):
        for j in range(width):
            parents = ([f"X{i - 1}_{j}"] if i else []) + ([f"X{i}_{j - 1}"] if j else [])
            if not parents:
                lines.append(f"probability ( X{i}_{j} ) {{ table 0.4, 0.6; }}")
                continue
            rows = []
            for k in range(2 ** len(parents)):
                states = ", ".join(
                    "s1" if (k >> (len(parents) - 1 - b)) & 1 else "s0" for b in range(len(parents))
                )
                p = rng.randint(1, 9) / 10
                rows.append(f"({states}) {p}, {1 - p:.1f};")
            lines.append(f"probability ( X{i}_{j} | {', '.join(parents)} ) {{ {' '.join(rows)} }}")
    return "\n".join(lines)


class SigintSoon:
    """Sends SIGINT to this process `delay` seconds after entering, with `handler` as the
    Python SIGINT handler meanwhile (the previous one is restored on exit)."""

    def __init__(self, handler: object, delay: float = 0.3) -> None:
        self.handler = handler
        self.delay = delay

    def __enter__(self) -> "SigintSoon":
        self.previous = signal.signal(signal.SIGINT, self.handler)  # type: ignore[arg-type]
        self.timer = threading.Timer(self.delay, lambda: os.kill(os.getpid(), signal.SIGINT))
        self.timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.timer.cancel()
        self.timer.join()
        signal.signal(signal.SIGINT, self.previous)


# A handler that raises nothing: a call that runs to its end then raises nothing either, so
# a KeyboardInterrupt out of the call proves the call itself was stopped.
calls: List[int] = []


def quiet_handler(signum: int, frame: object) -> None:
    calls.append(signum)


def test_ctrl_c_stops_compilation() -> None:
    net = augury.parse_bif(grid_bif(10, 400))  # about 5 s to compile
    calls.clear()
    with SigintSoon(quiet_handler):
        with pytest.raises(KeyboardInterrupt):
            augury.JunctionTree(net)
    assert calls == [signal.SIGINT]  # the program's handler ran once
    small = augury.JunctionTree(augury.parse_bif(TOY))
    # P(wet) = 0.2 (0.01 * 0.99 + 0.99 * 0.8) + 0.8 (0.4 * 0.9 + 0.6 * 0) = 0.44838
    assert tuple(small.posterior("Wet").values()) == pytest.approx((0.44838, 0.55162), abs=1e-12)


def test_ctrl_c_stops_a_batch_query_and_the_tree_is_unchanged() -> None:
    net = augury.parse_bif(grid_bif(8, 40))
    tree = augury.JunctionTree(net)
    tree.set_evidence({"X0_0": "s1", "X39_7": "s0"})
    before = tree.posterior_array("X20_4").tolist()
    rng = np.random.default_rng(1)
    count = 100_000  # about 15 s of work
    cases = {
        name: rng.integers(0, 2, count) for name in ("X0_0", "X39_7", "X10_3", "X30_5", "X20_0", "X5_7")
    }
    calls.clear()
    with SigintSoon(quiet_handler):
        with pytest.raises(KeyboardInterrupt):
            tree.batch_posteriors(cases, targets=["X20_4"], threads=2)
    assert calls == [signal.SIGINT]
    assert tree.posterior_array("X20_4").tolist() == before  # bit for bit
    # The compiled tree still answers: a short batch equals the single queries.
    few = {name: column[:5] for name, column in cases.items()}
    rows = tree.batch_posteriors(few, targets=["X20_4"]).posteriors
    ve = augury.VariableElimination(net)
    for c in range(5):
        evidence = {name: f"s{int(column[c])}" for name, column in few.items()}
        assert rows[c].tolist() == pytest.approx(ve.posterior_array("X20_4", evidence).tolist(), abs=1e-12)


def test_ctrl_c_with_the_default_handler_raises_keyboard_interrupt() -> None:
    net = augury.parse_bif(grid_bif(10, 400))
    with SigintSoon(signal.default_int_handler):
        with pytest.raises(KeyboardInterrupt):
            augury.JunctionTree(net)


def test_ignored_sigint_does_not_stop_a_call() -> None:
    net = augury.parse_bif(grid_bif(10, 100))  # about a second to compile
    with SigintSoon(signal.SIG_IGN, delay=0.1):
        tree = augury.JunctionTree(net)
    assert tree.treewidth >= 10


def test_calls_from_other_threads_run_to_their_end() -> None:
    """Python delivers signals to the main thread only; work started from another thread is
    not stopped by Ctrl-C, and the main thread's handler runs as usual."""
    net = augury.parse_bif(grid_bif(10, 100))
    built: List[augury.JunctionTree] = []
    worker = threading.Thread(target=lambda: built.append(augury.JunctionTree(net)))
    calls.clear()
    with SigintSoon(quiet_handler, delay=0.1):
        worker.start()
        worker.join()
    assert len(built) == 1 and built[0].treewidth >= 10


# ---- pickling and copying ----------------------------------------------------------------------


def round_trips(obj: object) -> List[object]:
    return [pickle.loads(pickle.dumps(obj)), copy.deepcopy(obj), copy.copy(obj)]


def test_networks_and_engines_round_trip(toy: augury.BayesianNetwork) -> None:
    for back in round_trips(toy):
        assert back == toy
    tree = augury.JunctionTree(toy, max_total_entries=1000)
    tree.set_evidence({"Wet": "wet"}, {"Sprinkler": [0.3, 0.9]})
    expected = tree.posteriors()
    for back in round_trips(tree):
        assert isinstance(back, augury.JunctionTree)
        assert back is not tree
        assert back.network == toy
        assert back.findings == tree.findings
        assert back.posteriors() == expected
        assert back.cliques == tree.cliques
        assert back.log_evidence_probability() == tree.log_evidence_probability()
    # The copy is independent of the original.
    copied = copy.deepcopy(tree)
    copied.clear_evidence()
    assert tree.posteriors() == expected
    for engine in (augury.VariableElimination(toy, max_table_entries=64), augury.Enumeration(toy)):
        answer = engine.posteriors(evidence={"Wet": "dry"})
        for back in round_trips(engine):
            assert type(back) is type(engine)
            assert back.network == toy
            assert back.posteriors(evidence={"Wet": "dry"}) == answer
    ve = pickle.loads(pickle.dumps(augury.VariableElimination(toy, max_table_entries=2)))
    with pytest.raises(augury.InferenceError):
        ve.posterior("Rain", {"Wet": "wet"})


def test_scenario_objects_round_trip() -> None:
    model = augury.default_model()
    batch = augury.shipped_timeline()
    grading = augury.GradingTable()
    grading.set_source_weight("B", 0.7)
    grading.default_information_weight = 0.25
    result = augury.forecast(batch, model, grading=grading)
    objects = [model, batch, result, result.steps[0], batch.reports[0], *batch.rejected[:1]]
    for obj in objects:
        for back in round_trips(obj):
            assert back == obj
    for back in round_trips(grading):
        assert isinstance(back, augury.GradingTable)
        assert [back.source_weight(c) for c in "ABCDEF"] == [grading.source_weight(c) for c in "ABCDEF"]
        assert [back.information_weight(c) for c in "123456"] == [grading.information_weight(c) for c in "123456"]
        assert back.fidelity("B3") == grading.fidelity("B3")
    again = augury.forecast(pickle.loads(pickle.dumps(batch)), pickle.loads(pickle.dumps(model)),
                            grading=pickle.loads(pickle.dumps(grading)))
    assert again == result
    np.testing.assert_array_equal(again.scenario_array(), result.scenario_array())


def test_query_results_round_trip(toy: augury.BayesianNetwork) -> None:
    result = augury.query(toy, {"Wet": "wet"})
    assert pickle.loads(pickle.dumps(result)) == result
