"""Conversion to and from the networks of pgmpy and pyAgrum.

Every conversion keeps the variable names, the order of the variables, the state names
and their order, each CPT's parent order and every table entry bit for bit, so the
three libraries give the same posteriors on a converted network (to rounding of the
inference itself). The network name goes along both ways. augury's free-form properties
go to pyAgrum's properties and back; pgmpy has no place for them and they are dropped
(:func:`to_pgmpy` says so only in this documentation: compare ``net.properties``).

The peer libraries are optional (``pip install augury[peers]``); each function imports its
library when called and raises an ImportError naming the package when it is missing.

Table layouts, for reference:

* augury: ``net.cpt(v)`` has shape ``(card(parent_0), ..., card(parent_k-1), card(v))``,
  last parent fastest, child last.
* pgmpy ``TabularCPD``: ``values`` of shape ``(card(v), prod card(parents))``, one column
  per parent configuration with the FIRST evidence variable changing slowest -- the
  transpose of augury's table flattened over its parent axes.
* pyAgrum: ``bn.cpt(v)`` is a Tensor over ``(v, parent_0, ..., parent_k-1)`` whose entries
  run with the first variable fastest; ``toarray()`` therefore has the axes reversed,
  ``(parent_k-1, ..., parent_0, v)``.
"""

from __future__ import annotations

import warnings
from typing import Any, Dict, List, Tuple

import numpy as np
import numpy.typing as npt

from ._core import ModelError
from ._frames import require
from ._network import BayesianNetwork

__all__ = ["to_pgmpy", "from_pgmpy", "to_pyagrum", "from_pyagrum"]


def _peer(module: str, feature: str) -> Any:
    """Imports a peer library. Their imports warn about their own deprecations (and
    pyAgrum's SWIG extension crashes the interpreter when its DeprecationWarning is turned
    into an error, as ``python -W error`` does): those two categories are ignored while the
    library loads, and only then."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        return require(module, feature, "peers")


def _checked(net: BayesianNetwork) -> BayesianNetwork:
    net.validate()  # every variable needs a CPT to be converted
    return net


# ---- pgmpy ------------------------------------------------------------------------------


def to_pgmpy(net: BayesianNetwork) -> Any:
    """``net`` as a pgmpy ``DiscreteBayesianNetwork`` with one ``TabularCPD`` per variable
    (``state_names`` set), nodes added in augury's variable order.

    Raises:
        ModelError: a variable has no CPT.
        ImportError: pgmpy is not installed.
    """
    models = _peer("pgmpy.models", "augury.interop.to_pgmpy")
    factors = _peer("pgmpy.factors.discrete", "augury.interop.to_pgmpy")
    _checked(net)
    model = models.DiscreteBayesianNetwork()
    model.add_nodes_from(net.variables)
    model.add_edges_from(net.arcs)
    model.name = net.name
    cpds = []
    for v in net.variables:
        parents = net.parents(v)
        table = net.cpt(v)
        card = net.cardinality(v)
        values = table.reshape(-1, card).T  # (card(v), configurations), first parent slowest
        cpds.append(
            factors.TabularCPD(
                variable=v,
                variable_card=card,
                values=values,
                evidence=parents or None,
                evidence_card=[net.cardinality(p) for p in parents] or None,
                state_names={u: net.states(u) for u in [v, *parents]},
            )
        )
    model.add_cpds(*cpds)
    return model


def _state_names(cpd: Any, variable: str, card: int) -> List[str]:
    names = cpd.state_names.get(variable) if cpd.state_names else None
    if names is None:
        return [str(i) for i in range(card)]
    return [str(s) for s in names]


def from_pgmpy(model: Any, *, sum_tolerance: float = 1e-6) -> BayesianNetwork:
    """An augury network from a pgmpy ``DiscreteBayesianNetwork`` (or ``BayesianNetwork``)
    with a ``TabularCPD`` for every node.

    Variables come in the model's node order; state names are turned into strings (pgmpy
    numbers the states 0, 1, ... when a CPD has no state names); each CPT keeps its
    evidence order as the parent order.

    Raises:
        ModelError: a node has no CPD, a CPD is not tabular, or the CPDs disagree on a
            variable's states; or a table that augury rejects (e.g. a sum off 1 by more
            than ``sum_tolerance``).
    """
    nodes = [str(n) for n in model.nodes()]
    cpds: Dict[str, Any] = {}
    for cpd in model.get_cpds():
        cpds[str(cpd.variable)] = cpd
    missing = [n for n in nodes if n not in cpds]
    if missing:
        raise ModelError(f"pgmpy model: node '{missing[0]}' has no CPD")
    states: Dict[str, List[str]] = {}
    for n in nodes:
        cpd = cpds[n]
        if not hasattr(cpd, "get_values"):
            raise ModelError(f"pgmpy model: the CPD of '{n}' is not a TabularCPD")
        for var, card in zip(cpd.variables, cpd.cardinality):
            names = _state_names(cpd, var, int(card))
            known = states.setdefault(str(var), names)
            if known != names:
                raise ModelError(
                    f"pgmpy model: the CPDs disagree on the states of '{var}' "
                    f"({', '.join(known)} vs {', '.join(names)})"
                )
    name = getattr(model, "name", "") or ""
    net = BayesianNetwork(str(name))
    for n in nodes:
        net.add_variable(n, states[n])
    for n in nodes:
        cpd = cpds[n]
        parents = [str(p) for p in cpd.variables[1:]]
        values = np.asarray(cpd.get_values(), dtype=np.float64)  # (card, configurations)
        shape = tuple(len(states[p]) for p in parents) + (len(states[n]),)
        net.set_cpt(n, parents, values.T.reshape(shape), sum_tolerance=sum_tolerance)
    return net


# ---- pyAgrum ----------------------------------------------------------------------------



def to_pyagrum(net: BayesianNetwork) -> Any:
    """``net`` as a pyAgrum ``BayesNet``: a ``LabelizedVariable`` per variable (added in
    augury's order, so node ids follow it), arcs added parent by parent in CPT order, and
    the network name and properties as the BayesNet's properties.

    Raises:
        ModelError: a variable has no CPT, or the network has a property called ``name``
            (pyAgrum keeps the network name there, so it would be lost).
        ImportError: pyAgrum is not installed.
    """
    gum = _peer("pyagrum", "augury.interop.to_pyagrum")
    _checked(net)
    properties = net.properties
    if "name" in properties:
        raise ModelError(
            "network property 'name' cannot be carried to pyAgrum, which stores the network "
            "name under that key; rename the property"
        )
    bn = gum.BayesNet(net.name)
    for v in net.variables:
        bn.add(gum.LabelizedVariable(v, v, net.states(v)))
    for v in net.variables:
        for p in net.parents(v):
            bn.addArc(p, v)
    for key, value in properties.items():
        bn.setProperty(key, value)
    for v in net.variables:
        tensor = bn.cpt(v)
        names = list(tensor.names)  # (v, parents in arc order)
        ours = [*net.parents(v), v]
        # pyAgrum fills with its first variable fastest: the C order of the reversed axes.
        order = [ours.index(n) for n in reversed(names)]
        tensor.fillWith(np.ascontiguousarray(net.cpt(v).transpose(order)).ravel().tolist())
    return bn


def from_pyagrum(bn: Any, *, sum_tolerance: float = 1e-6) -> BayesianNetwork:
    """An augury network from a pyAgrum ``BayesNet``: variables in node-id order (the order
    they were added), states from each variable's labels, parents in the order of each
    CPT's variables, the ``name`` property as the network name and the other properties
    as properties.

    Raises:
        ModelError: a table that augury rejects (e.g. a sum off 1 by more than
            ``sum_tolerance``).
    """
    ids = sorted(int(i) for i in bn.nodes())
    names = [str(bn.variable(i).name()) for i in ids]
    properties = {str(k): str(bn.property(k)) for k in bn.properties()}
    net = BayesianNetwork(properties.pop("name", ""))
    net.properties = properties
    for i, n in zip(ids, names):
        net.add_variable(n, [str(label) for label in bn.variable(i).labels()])
    for n in names:
        tensor = bn.cpt(n)
        tensor_names = [str(x) for x in tensor.names]
        parents = tensor_names[1:]
        array: npt.NDArray[np.float64] = np.asarray(tensor.toarray(), dtype=np.float64)
        axes = list(reversed(tensor_names))  # the axes of toarray()
        order: Tuple[int, ...] = tuple(axes.index(x) for x in [*parents, n])
        net.set_cpt(n, parents, array.transpose(order), sum_tolerance=sum_tolerance)
    return net
