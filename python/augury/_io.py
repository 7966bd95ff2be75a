"""Reading and writing model files: BIF and augury's JSON model format."""

from __future__ import annotations

import os
from typing import Union

from . import _core
from ._network import BayesianNetwork

__all__ = [
    "read_bif",
    "parse_bif",
    "write_bif",
    "to_bif",
    "read_json",
    "parse_json",
    "write_json",
    "to_json",
    "read_model",
    "write_model",
]

PathLike = Union[str, "os.PathLike[str]"]

_TOLERANCE = _core.DEFAULT_SUM_TOLERANCE


def read_bif(
    path: PathLike, *, sum_tolerance: float = _TOLERANCE, all_errors: bool = False
) -> BayesianNetwork:
    """Reads a BIF file (bnlearn, JavaBayes 0.15, Hugin-derived and aGrUM dialects).

    Variables keep the order of the ``variable`` blocks; the network name and ``property``
    lines are kept. Every conditional distribution must sum to 1 within ``sum_tolerance``
    (entries are never rescaled; raise it only for files printed with few digits).
    With ``all_errors=True`` the reader does not stop at the first problem: it raises
    :class:`ParseErrors` listing every one (``docs/errors.md`` says how far each format
    goes on after an error).

    Raises:
        ParseError: malformed text or an invalid model, with ``source``, ``line`` and
            ``column``: unknown variable or state in a row, a wrong number of values,
            missing or duplicate rows, a bad sum, a cycle, noisy-MAX blocks;
            :class:`ParseErrors` (a ParseError) with every problem when ``all_errors``.
        Error: the file cannot be opened or read (naming the path).
    """
    return BayesianNetwork._wrap(_core.read_bif(os.fspath(path), sum_tolerance, all_errors))


def parse_bif(
    text: str,
    *,
    source_name: str = "<string>",
    sum_tolerance: float = _TOLERANCE,
    all_errors: bool = False,
) -> BayesianNetwork:
    """Parses BIF text held in memory; ``source_name`` names it in error messages.

    Raises:
        ParseError: as :func:`read_bif`.
    """
    return BayesianNetwork._wrap(_core.parse_bif(text, source_name, sum_tolerance, all_errors))


def write_bif(network: BayesianNetwork, path: PathLike) -> None:
    """Writes ``network`` as BIF (bnlearn layout) to ``path``, overwriting it.

    Numbers are written in the shortest form that reads back to the same double, so
    ``read_bif`` gives back an equal network.

    Raises:
        ModelError: a variable has no CPT.
        Error: the file cannot be written, or a property cannot be expressed in BIF.
    """
    _core.write_bif(network._net, os.fspath(path))


def to_bif(network: BayesianNetwork) -> str:
    """The BIF text of ``network`` (see :func:`write_bif`)."""
    return _core.to_bif(network._net)


def read_json(
    path: PathLike, *, sum_tolerance: float = _TOLERANCE, all_errors: bool = False
) -> BayesianNetwork:
    """Reads a network in augury's JSON model format (``docs/formats/json-model.md``).

    Each variable's ``cpt`` holds one row per parent configuration (last parent fastest),
    i.e. the array :meth:`BayesianNetwork.cpt` returns, cut into rows.

    Raises:
        ParseError: malformed JSON (with line and column), or a document that breaks the
            schema or describes an invalid model (naming the JSON path, e.g.
            ``variables[3].cpt[2]``).
        Error: the file cannot be opened or read.
    """
    return BayesianNetwork._wrap(_core.read_json(os.fspath(path), sum_tolerance, all_errors))


def parse_json(
    text: str,
    *,
    source_name: str = "<string>",
    sum_tolerance: float = _TOLERANCE,
    all_errors: bool = False,
) -> BayesianNetwork:
    """Parses a JSON model held in memory (see :func:`read_json`)."""
    return BayesianNetwork._wrap(_core.parse_json(text, source_name, sum_tolerance, all_errors))


def write_json(network: BayesianNetwork, path: PathLike) -> None:
    """Writes ``network`` as a JSON model to ``path``, overwriting it.

    Raises:
        ModelError: a variable has no CPT.
        Error: the file cannot be written.
    """
    _core.write_json(network._net, os.fspath(path))


def to_json(network: BayesianNetwork) -> str:
    """The JSON model text of ``network``; ``parse_json(to_json(net)) == net``."""
    return _core.to_json(network._net)


def read_model(
    path: PathLike, *, sum_tolerance: float = _TOLERANCE, all_errors: bool = False
) -> BayesianNetwork:
    """Reads a model file in the format given by its extension (any case): ``.bif``,
    ``.json`` and the other model formats of ``docs/formats/``.

    Raises:
        Error: an unrecognised extension (the message lists the supported ones), or a file
            that cannot be read.
        ParseError: malformed content, with ``source``, ``line`` and ``column``;
            :class:`ParseErrors` (a ParseError) with every problem when ``all_errors``.
    """
    return BayesianNetwork._wrap(_core.read_model(os.fspath(path), sum_tolerance, all_errors))


def write_model(network: BayesianNetwork, path: PathLike) -> None:
    """Writes a model file in the format given by the extension of ``path`` (see
    :func:`read_model`).

    Raises:
        ModelError: a variable has no CPT.
        Error: an unrecognised extension, a name the format cannot spell, or a file that
            cannot be written.
    """
    _core.write_model(network._net, os.fspath(path))
