"""Read-only views of a network's parts: Variable, CPT, and Posteriors (a dict of
distributions that displays itself as a table)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Mapping, Optional, Tuple

import numpy as np
import numpy.typing as npt

from ._core import ModelError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Variable", "CPT", "Posteriors"]

Distribution = Dict[str, float]


@dataclass(frozen=True)
class Variable:
    """A variable of a network as it was when the view was taken: its name, its states in
    declaration order, and its parents in CPT axis order (empty for a root or before its
    CPT is set). Get one with :meth:`BayesianNetwork.variable`.

    Attributes:
        name: the variable's name.
        states: state names, in the order of every vector over the variable.
        parents: parent names, in the order of the CPT axes.
    """

    name: str
    states: Tuple[str, ...]
    parents: Tuple[str, ...] = ()

    @property
    def cardinality(self) -> int:
        """The number of states."""
        return len(self.states)

    def index(self, state: str) -> int:
        """The 0-based position of ``state`` in :attr:`states`.

        Raises:
            ModelError: no such state (the message lists the states).
        """
        try:
            return self.states.index(state)
        except ValueError:
            raise ModelError(
                f"variable '{self.name}' has no state '{state}' (states: {', '.join(self.states)})"
            ) from None

    def __repr__(self) -> str:
        parents = f", parents={self.parents!r}" if self.parents else ""
        return f"Variable({self.name!r}, states={self.states!r}{parents})"


class CPT:
    """P(variable | parents): a read-only snapshot of one conditional probability table.

    :attr:`values` has shape ``(card(parents[0]), ..., card(parents[k-1]), card(variable))``
    -- one axis per parent in :attr:`parents` order, the variable's states on the last
    axis, each axis in state order -- so ``values[i, j, :]`` is the distribution of the
    variable given the first parent in its ``i``-th state and the second in its ``j``-th.
    This is the layout of :meth:`BayesianNetwork.cpt` and :meth:`BayesianNetwork.set_cpt`.
    ``numpy.asarray(cpt)`` gives the same array.

    Get one with :meth:`BayesianNetwork.get_cpt`. In a notebook it displays as a table
    (one row per parent configuration, one column per state); :meth:`to_frame` gives that
    table as a pandas DataFrame, which :meth:`BayesianNetwork.set_cpt` also accepts.
    """

    __slots__ = ("_variable", "_parents", "_states", "_values")
    __hash__ = None  # type: ignore[assignment]  # holds an array

    def __init__(
        self,
        variable: Variable,
        parents: Tuple[Variable, ...],
        values: npt.NDArray[np.float64],
    ) -> None:
        """A view over ``values`` (copied and made read-only). Prefer
        :meth:`BayesianNetwork.get_cpt`.

        Raises:
            ModelError: ``values`` does not have the shape the variables give.
        """
        expected = tuple(p.cardinality for p in parents) + (variable.cardinality,)
        array = np.array(values, dtype=np.float64)
        if array.shape != expected:
            raise ModelError(
                f"CPT of '{variable.name}' has shape {array.shape}, expected {expected}"
            )
        array.setflags(write=False)
        self._variable = variable
        self._parents = tuple(parents)
        self._states = {v.name: v.states for v in (*parents, variable)}
        self._values = array

    @property
    def variable(self) -> str:
        """The name of the variable the table is for (the child)."""
        return self._variable.name

    @property
    def states(self) -> Tuple[str, ...]:
        """The child's states: the order of the last axis."""
        return self._variable.states

    @property
    def parents(self) -> Tuple[str, ...]:
        """The parents' names, in axis order."""
        return tuple(p.name for p in self._parents)

    @property
    def parent_states(self) -> Dict[str, Tuple[str, ...]]:
        """``{parent: its states}`` in axis order."""
        return {p.name: p.states for p in self._parents}

    @property
    def values(self) -> npt.NDArray[np.float64]:
        """The table as a read-only float64 array (shape as in the class description)."""
        return self._values

    @property
    def shape(self) -> Tuple[int, ...]:
        """``values.shape``."""
        return tuple(self._values.shape)

    def __array__(self, dtype: Any = None, copy: Optional[bool] = None) -> npt.NDArray[Any]:
        if dtype is None or np.dtype(dtype) == self._values.dtype:
            return self._values.copy() if copy else self._values
        return self._values.astype(dtype)

    def configurations(self) -> Iterator[Tuple[str, ...]]:
        """The parent configurations (tuples of state names, one per parent) in row order:
        row-major, the last parent changing fastest. A root has one, the empty tuple."""
        return itertools.product(*(p.states for p in self._parents))

    def distribution(
        self, given: Optional[Mapping[str, str]] = None, **parent_states: str
    ) -> Distribution:
        """The distribution of the variable for one parent configuration, as
        ``{state: probability}``. Name each parent's state, as a mapping or as keywords:
        ``cpt.distribution(Sprinkler="on", Rain="yes")``.

        Raises:
            ModelError: a parent is missing or unknown, or a state is unknown (listing the
                valid names).
        """
        chosen = dict(given or {})
        chosen.update(parent_states)
        unknown = [p for p in chosen if p not in self._states or p == self.variable]
        if unknown:
            raise ModelError(
                f"'{unknown[0]}' is not a parent of '{self.variable}' "
                f"(parents: {', '.join(self.parents) or 'none'})"
            )
        index = []
        for p in self._parents:
            if p.name not in chosen:
                raise ModelError(
                    f"give the state of every parent of '{self.variable}'; missing '{p.name}' "
                    f"(parents: {', '.join(self.parents)})"
                )
            index.append(p.index(chosen[p.name]))
        row = self._values[tuple(index)]
        return {s: float(x) for s, x in zip(self.states, row)}

    def to_frame(self) -> pd.DataFrame:
        """The table as a pandas DataFrame: one row per parent configuration, one column
        per state of the variable (columns named by the variable).

        The index is a MultiIndex over the parents (level names = parent names, rows in
        :meth:`configurations` order) -- a plain Index named by the parent when there is
        one parent, and a one-row ``RangeIndex`` for a root. Requires pandas.
        """
        from ._frames import cpt_frame

        return cpt_frame(self)

    def _repr_html_(self) -> str:
        from .display import cpt_html

        return cpt_html(self)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CPT):
            return NotImplemented
        return (
            self._variable == other._variable
            and self._parents == other._parents
            and bool(np.array_equal(self._values, other._values))
        )

    def __repr__(self) -> str:
        given = f" | {', '.join(self.parents)}" if self._parents else ""
        shape = " x ".join(str(n) for n in self.shape)
        rows = int(np.prod(self.shape[:-1], dtype=np.int64))
        return (
            f"<CPT P({self.variable}{given}): shape ({shape}), {rows} "
            f"configuration{'s' if rows != 1 else ''}>"
        )


class Posteriors(Dict[str, Distribution]):
    """Posterior distributions by variable: ``{variable: {state: probability}}``, variables
    in the order asked for, states in declaration order.

    A plain dict in every respect, with two additions: :meth:`to_frame` (pandas) and a
    table with bars when displayed in a notebook.
    """

    def to_frame(self) -> pd.DataFrame:
        """A long DataFrame with columns ``variable``, ``state``, ``probability``: one row
        per (variable, state), variables in this dict's order, states in declaration order.
        Requires pandas."""
        from ._frames import posteriors_frame

        return posteriors_frame(self)

    def arrays(self) -> Dict[str, npt.NDArray[np.float64]]:
        """``{variable: array of shape (card(variable),)}`` in state order."""
        return {v: np.fromiter(d.values(), dtype=np.float64, count=len(d)) for v, d in self.items()}

    def _repr_html_(self) -> str:
        from .display import posteriors_html

        return posteriors_html(self)


def variable_of(net: Any, name: str) -> Variable:
    """The :class:`Variable` view of ``name`` in a ``_core.BayesianNetwork``."""
    parents = tuple(net.parents(name)) if net.has_cpt(name) else ()
    return Variable(name, tuple(net.states(name)), parents)


def cpt_of(net: Any, name: str) -> CPT:
    """The :class:`CPT` view of ``name`` in a ``_core.BayesianNetwork``."""
    parents = tuple(variable_of(net, p) for p in net.parents(name))
    values = net.cpt(name)  # raises ModelError when the CPT is not set
    return CPT(variable_of(net, name), parents, values)


def table_from_mapping(
    child: Variable, parents: List[Variable], table: Mapping[Any, Any]
) -> npt.NDArray[np.float64]:
    """The array of a CPT given as a mapping.

    For a root: ``{state: probability}`` naming every state. With parents:
    ``{configuration: distribution}`` with one entry per parent configuration, where a
    configuration is a tuple of parent states in parent order (a bare state for one
    parent) and a distribution is a sequence in state order or ``{state: probability}``.
    """
    if not parents:
        return np.array(_distribution_values(child, table, "the table"), dtype=np.float64)
    shape = tuple(p.cardinality for p in parents) + (child.cardinality,)
    out = np.empty(shape, dtype=np.float64)
    seen = set()
    for key, dist in table.items():
        config = key if isinstance(key, tuple) else (key,)
        if len(config) != len(parents):
            raise ModelError(
                f"CPT of '{child.name}': configuration {key!r} names {len(config)} state(s); "
                f"give one per parent ({', '.join(p.name for p in parents)})"
            )
        index = tuple(p.index(str(s)) for p, s in zip(parents, config))
        if index in seen:
            raise ModelError(f"CPT of '{child.name}': configuration {key!r} is given twice")
        seen.add(index)
        out[index] = _distribution_values(child, dist, f"configuration {key!r}")
    if len(seen) != out.size // child.cardinality:
        for config in itertools.product(*(p.states for p in parents)):
            index = tuple(p.index(s) for p, s in zip(parents, config))
            if index not in seen:
                raise ModelError(
                    f"CPT of '{child.name}' has no distribution for "
                    + ", ".join(f"{p.name}={s}" for p, s in zip(parents, config))
                    + " (give every parent configuration)"
                )
    return out


def _distribution_values(child: Variable, dist: Any, where: str) -> List[float]:
    if isinstance(dist, Mapping):
        unknown = [s for s in dist if s not in child.states]
        if unknown:
            raise ModelError(
                f"CPT of '{child.name}', {where}: no state '{unknown[0]}' "
                f"(states: {', '.join(child.states)})"
            )
        missing = [s for s in child.states if s not in dist]
        if missing:
            raise ModelError(
                f"CPT of '{child.name}', {where}: no probability for state '{missing[0]}' "
                f"(states: {', '.join(child.states)})"
            )
        return [float(dist[s]) for s in child.states]
    values = [float(x) for x in dist]
    if len(values) != child.cardinality:
        raise ModelError(
            f"CPT of '{child.name}', {where}: {len(values)} numbers for "
            f"{child.cardinality} states ({', '.join(child.states)})"
        )
    return values
