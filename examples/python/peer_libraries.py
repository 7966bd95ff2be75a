"""A network handed to pgmpy and pyAgrum and back, with the same posteriors everywhere.

Needs: pip install 'augury[peers]'
"""

import sys
import warnings

import augury

try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the peers' own deprecation notices on import
        import pyagrum as gum
        from pgmpy.inference import VariableElimination
except ImportError as exc:
    print(f"skipped: {exc}")
    sys.exit(3)

from augury import interop

net = augury.parse_bif("""network sprinkler { }
variable Cloudy    { type discrete [ 2 ] { yes, no }; }
variable Sprinkler { type discrete [ 2 ] { on, off }; }
variable Rain      { type discrete [ 2 ] { yes, no }; }
variable Wet       { type discrete [ 2 ] { wet, dry }; }
probability ( Cloudy ) { table 0.4, 0.6; }
probability ( Sprinkler | Cloudy ) { (yes) 0.2, 0.8; (no) 0.6, 0.4; }
probability ( Rain | Cloudy ) { (yes) 0.85, 0.15; (no) 0.25, 0.75; }
probability ( Wet | Sprinkler, Rain ) {
  (on, yes) 0.98, 0.02;  (on, no) 0.85, 0.15;
  (off, yes) 0.88, 0.12; (off, no) 0.02, 0.98;
}
""")
evidence = {"Wet": "wet"}

model = interop.to_pgmpy(net)
print(model.get_cpds("Wet"))
pgmpy_p = VariableElimination(model).query(["Rain"], evidence=evidence, show_progress=False).values

bn = interop.to_pyagrum(net)
lazy = gum.LazyPropagation(bn)
lazy.setEvidence(evidence)
lazy.makeInference()
agrum_p = lazy.posterior("Rain").toarray()

ours = augury.query(net, evidence)["posteriors"]["Rain"]
print("P(Rain | Wet=wet): augury", list(ours.values()), "pgmpy", pgmpy_p.tolist(),
      "pyAgrum", agrum_p.tolist())

assert interop.from_pgmpy(model) == net and interop.from_pyagrum(bn) == net
print("round trips through pgmpy and pyAgrum give the same network")
