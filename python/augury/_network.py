"""The Bayesian network class of the public API."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

from . import _core
from ._core import ModelError
from ._views import CPT, Variable, cpt_of, table_from_mapping, variable_of

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["BayesianNetwork"]


class BayesianNetwork:
    """A discrete Bayesian network: variables with named states, a DAG, and one CPT each.

    Variables are addressed by name. State order is significant: it is the order of every
    CPT axis, every likelihood vector and every posterior over the variable.

    Tables are used exactly as given: each conditional distribution must sum to 1 within
    ``sum_tolerance`` (``1e-6`` by default) and is never renormalised.

    Build a network by hand::

        net = augury.BayesianNetwork("sprinkler")
        net.add_variable("Rain", ["yes", "no"])
        net.add_variable("Wet", ["yes", "no"])
        net.set_cpt("Rain", [], [0.2, 0.8])
        net.set_cpt("Wet", ["Rain"], [[0.9, 0.1], [0.05, 0.95]])

    or read one with :func:`augury.read_bif`, :func:`augury.read_json` or
    :func:`augury.read_model`. Networks compare equal when their names, properties,
    variables (with states) and CPTs are identical. They can be copied and pickled.
    """

    __slots__ = ("_net",)
    __hash__ = None  # type: ignore[assignment]  # mutable

    def __init__(self, name: str = "") -> None:
        """An empty network called ``name``."""
        self._net = _core.BayesianNetwork(name)

    @classmethod
    def _wrap(cls, net: _core.BayesianNetwork) -> BayesianNetwork:
        obj = cls.__new__(cls)
        obj._net = net
        return obj

    # ---- identity ------------------------------------------------------------------------

    @property
    def name(self) -> str:
        """The network's name (may be empty)."""
        return self._net.name

    @name.setter
    def name(self, value: str) -> None:
        self._net.name = value

    @property
    def properties(self) -> dict[str, str]:
        """Free-form ``key -> value`` properties (a copy; assign a dict to replace them)."""
        return dict(self._net.properties)

    @properties.setter
    def properties(self, value: Mapping[str, str]) -> None:
        self._net.properties = dict(value)

    # ---- structure -----------------------------------------------------------------------

    @property
    def variables(self) -> List[str]:
        """Variable names, in the order they were added (the order of a BIF file)."""
        return self._net.variable_names()

    def states(self, variable: str) -> List[str]:
        """The state names of ``variable``, in declaration order.

        Raises:
            ModelError: no such variable (the message lists the network's variables).
        """
        return self._net.states(variable)

    def cardinality(self, variable: str) -> int:
        """The number of states of ``variable``. Raises :class:`ModelError` if unknown."""
        return self._net.cardinality(variable)

    def parents(self, variable: str) -> List[str]:
        """The parents of ``variable`` in CPT axis order (empty before its CPT is set).

        Raises:
            ModelError: no such variable.
        """
        return self._net.parents(variable)

    def children(self, variable: str) -> List[str]:
        """The children of ``variable`` (in the order their CPTs were set).

        Raises:
            ModelError: no such variable.
        """
        return self._net.children(variable)

    @property
    def arcs(self) -> List[Tuple[str, str]]:
        """Every arc as a ``(parent, child)`` pair, children in variable order."""
        return [(p, v) for v in self.variables for p in self._net.parents(v)]

    def topological_order(self) -> List[str]:
        """Variable names with every parent before its children."""
        return self._net.topological_order()

    def has_cpt(self, variable: str) -> bool:
        """Whether ``variable`` has a CPT yet. Raises :class:`ModelError` if unknown."""
        return self._net.has_cpt(variable)

    def validate(self) -> None:
        """Checks that every variable has a CPT (the engines require it).

        Raises:
            ModelError: listing the variables without a table.
        """
        self._net.validate()

    # ---- tables --------------------------------------------------------------------------

    def cpt(self, variable: str) -> npt.NDArray[np.float64]:
        """P(variable | parents) as a new float64 array.

        The shape is ``(card(parents[0]), ..., card(parents[k-1]), card(variable))``: one
        axis per parent in :meth:`parents` order, the child last, each axis in state order.
        So ``cpt(v)[i, j, :]`` is the distribution of ``v`` given the first parent in its
        ``i``-th state and the second in its ``j``-th, and sums to 1 (within the tolerance
        the table was accepted with). A root variable gives shape ``(card(variable),)``.

        Raises:
            ModelError: no such variable, or it has no CPT yet.
        """
        return self._net.cpt(variable)

    def variable(self, name: str) -> Variable:
        """A :class:`Variable` view of ``name``: its states and parents as they are now.

        Raises:
            ModelError: no such variable (the message lists the network's variables).
        """
        return variable_of(self._net, name)

    def get_cpt(self, variable: str) -> CPT:
        """A :class:`CPT` view of P(variable | parents): the table of :meth:`cpt` with the
        names of its axes and states, displayed as a table in notebooks.

        Raises:
            ModelError: no such variable, or it has no CPT yet.
        """
        return cpt_of(self._net, variable)

    def add_variable(self, name: str, states: Sequence[str]) -> None:
        """Adds a variable with the given state names (order significant).

        Raises:
            ModelError: the name exists already, is empty, or the states are empty or repeated.
        """
        if isinstance(states, str):
            raise TypeError(f"states of '{name}' must be a sequence of state names, not a string")
        self._net.add_variable(name, list(states))

    def set_cpt(
        self,
        child: str,
        parents: Sequence[str],
        table: Union[npt.ArrayLike, Mapping[Any, Any], CPT, pd.DataFrame],
        *,
        sum_tolerance: float = _core.DEFAULT_SUM_TOLERANCE,
    ) -> None:
        """Sets P(child | parents), replacing the child's previous CPT and parents.

        Args:
            child: the variable the table is for.
            parents: its parents; their order fixes the table axes.
            table: nested lists or an array of shape
                ``(card(parents[0]), ..., card(parents[k-1]), card(child))`` -- the layout
                :meth:`cpt` returns: one axis per parent in the order given, the child's
                states on the last axis. For a root, a sequence of ``card(child)`` numbers.
                Also accepted: a mapping ``{configuration: distribution}`` with one entry
                per parent configuration (a tuple of parent states in ``parents`` order, a
                bare state for one parent; each distribution a sequence in state order or
                ``{state: probability}``), or ``{state: probability}`` for a root; a
                pandas DataFrame in the layout of :meth:`CPT.to_frame` (rows and columns
                matched by their labels, in any order); or a :class:`CPT` over the same
                parents.
            sum_tolerance: largest accepted ``|sum - 1|`` of each distribution.

        Raises:
            ModelError: unknown child or parent, a repeated parent, a cycle (named), a table
                of the wrong shape (naming the expected shape), or an entry that is negative
                or not finite, or a distribution that does not sum to 1 (naming the child
                and the parent configuration). The network is unchanged on error.
        """
        if isinstance(parents, str):
            raise TypeError(
                f"parents of '{child}' must be a sequence of variable names, not a string"
            )
        parents = list(parents)
        expected = tuple(self._net.cardinality(p) for p in parents) + (
            self._net.cardinality(child),
        )
        axes = " x ".join(f"{v}[{n}]" for v, n in zip(parents + [child], expected))
        table = self._table_argument(child, parents, table)
        try:
            array = np.asarray(table, dtype=np.float64)
        except (TypeError, ValueError) as exc:
            raise ModelError(
                f"CPT of '{child}' is not a rectangular array of numbers ({exc}); "
                f"expected shape {expected} ({axes})"
            ) from None
        if array.shape != expected:
            raise ModelError(
                f"CPT of '{child}' has shape {array.shape}, expected {expected} ({axes}: one "
                "axis per parent in the order given, the child's states last)"
            )
        self._net.set_cpt(child, parents, array, sum_tolerance)

    def _table_argument(self, child: str, parents: List[str], table: Any) -> Any:
        """The array held by a mapping, DataFrame or CPT given to :meth:`set_cpt`."""
        from ._frames import is_frame, table_from_frame

        if isinstance(table, CPT):
            if table.variable != child or list(table.parents) != parents:
                raise ModelError(
                    f"a CPT of '{table.variable}' given ({', '.join(table.parents) or 'no'} "
                    f"parents) cannot be the CPT of '{child}' given "
                    f"{', '.join(parents) or 'no parents'}"
                )
            return table.values
        if isinstance(table, Mapping):
            return table_from_mapping(
                self.variable(child), [self.variable(p) for p in parents], table
            )
        if is_frame(table):
            return table_from_frame(
                table,
                child,
                self._net.states(child),
                [(p, self._net.states(p)) for p in parents],
            )
        return table

    # ---- drawing ---------------------------------------------------------------------------

    def to_dot(self, posteriors: Any = "auto") -> str:
        """The Graphviz DOT text of the network with a bar per state in each node (the
        prior marginals by default); see :func:`augury.display.to_dot`."""
        from .display import to_dot

        return to_dot(self, posteriors)

    def _repr_svg_(self) -> Optional[str]:
        from .display import svg_repr

        return svg_repr(self)

    # ---- container protocol, copying, comparison -----------------------------------------

    def __len__(self) -> int:
        """The number of variables."""
        return len(self._net)

    def __contains__(self, variable: object) -> bool:
        """Whether the network has a variable called ``variable``."""
        return isinstance(variable, str) and self._net.contains(variable)

    def __iter__(self) -> Iterator[str]:
        """Iterates over the variable names in order."""
        return iter(self.variables)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, BayesianNetwork):
            return NotImplemented
        return bool(self._net == other._net)

    def copy(self) -> BayesianNetwork:
        """An independent copy."""
        return BayesianNetwork._wrap(_core.BayesianNetwork(self._net))

    def __copy__(self) -> BayesianNetwork:
        return self.copy()

    def __deepcopy__(self, memo: Optional[dict[int, Any]] = None) -> BayesianNetwork:
        return self.copy()

    def __getstate__(self) -> dict[str, Any]:
        cpts = []
        for v in self.variables:
            if self._net.has_cpt(v):
                cpts.append((v, self._net.parents(v), self._net.cpt(v).ravel().tolist()))
        return {
            "name": self.name,
            "properties": self.properties,
            "variables": [(v, self._net.states(v)) for v in self.variables],
            "cpts": cpts,
        }

    def __setstate__(self, state: Mapping[str, Any]) -> None:
        net = _core.BayesianNetwork(state["name"])
        net.properties = dict(state["properties"])
        for name, states in state["variables"]:
            net.add_variable(name, states)
        for child, parents, values in state["cpts"]:
            # The sums were checked when the table was first set, with the tolerance used then.
            net.set_cpt(child, parents, np.asarray(values, dtype=np.float64), math.inf)
        self._net = net

    def __repr__(self) -> str:
        names = self.variables
        shown = ", ".join(names[:6]) + (", ..." if len(names) > 6 else "")
        label = f" {self.name!r}" if self.name else ""
        n_arcs = sum(len(self._net.parents(v)) for v in names)
        return (
            f"<BayesianNetwork{label}: {len(names)} variable{'s' if len(names) != 1 else ''}"
            f" ({shown}), {n_arcs} arc{'s' if n_arcs != 1 else ''}>"
        )
