"""The analyses in symact's store ([`symact._store`][symact._store]), and their JSON codec.

The facts each rule of the analysis derives ([`engine`][symact.analysis._engine]) are entries
of `analyses/` under `$SYMACT_CACHE_DIR` (else `~/.cache/symact`), the facts for every
parameter value in `general/`. Their key ([`key`][symact.analysis._cache.key]) is a
SHA-256 of the expression (parameters substituted, `srepr`), ε, what else the entry depends on,
and the store's fingerprint of the analysis: the symact version, the SymPy and mpmath versions
and the source of the analysis layer and every symact module it imports.

Entries are read as untrusted input ([`read_json`][symact._store.read_json],
[`conforms`][symact._store.conforms]); anything else is a miss, recomputed and overwritten.

[`dump_analysis`][symact.analysis._cache.dump_analysis] and
[`load_analysis`][symact.analysis._cache.load_analysis] carry a whole analysis (its facts for
every parameter value too) as JSON: a site build's worker processes hand their analyses to the
parent this way, not through the disk.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sympy as sp

from symact._store import MAX_BYTES, MAX_DEPTH, Store, cache_dir, conforms, read_json
from symact.analysis._facts import Analysis
from symact.analysis._serial import FACT_ENTRY, dump_expr, dump_fact, load_expr, load_fact
from symact.declare import Activation

__all__ = [
    "ENTRY",
    "MAX_BYTES",
    "MAX_DEPTH",
    "STORES",
    "cache_dir",
    "conforms",
    "dump_analysis",
    "entry",
    "from_entry",
    "key",
    "load",
    "load_analysis",
    "path",
    "read_json",
    "store",
]

#: What an analysis depends on besides its expression: this layer's code (`derive` and
#: `general` are imported lazily, so they are named) and the libraries that decide facts
#: (SymPy's `limit`, `solveset`; mpmath's digits).
_DEPENDS_ON = (
    "symact.analysis",
    "symact.analysis._derive",
    "symact.analysis._engine",
    "symact.analysis._rules",
    "symact.analysis._general",
)
_VERSIONS = ("sympy", "mpmath")

#: The stores of analyses (kind "") and of the facts for every parameter value ("general").
STORES = {
    "": Store("analyses", depends_on=_DEPENDS_ON, versions=_VERSIONS),
    "general": Store("general", depends_on=_DEPENDS_ON, versions=_VERSIONS),
}


def _store_of(kind: str) -> Store:
    if kind not in STORES:
        raise ValueError(f"an unknown kind of analysis entry: {kind!r}")
    return STORES[kind]


def key(expr: sp.Expr, eps: float, extra: str = "") -> str:
    """A stable key: `srepr` of the expression (parameters already substituted), ε, `extra`
    (what else the entry depends on) and the store's fingerprint of the analysis."""
    return STORES[""].key(sp.srepr(expr), repr(eps), extra)


def path(k: str, *, kind: str = "") -> Path:
    """The file of the entry `k` (of `kind`; analyses have none)."""
    return _store_of(kind).path(k)


def load(k: str, *, kind: str = "", shape: Any = dict) -> dict[str, Any] | None:
    """The cached entry for `k` (of `kind`; analyses have none), or None: a missing or
    unreadable entry, or one not of `shape` (see [`conforms`][symact._store.conforms]),
    is a miss."""
    data = _store_of(kind).get(k, shape)
    return data if isinstance(data, dict) else None


def store(k: str, data: dict[str, Any], *, kind: str = "") -> None:
    """Write an entry atomically; a cache that cannot be written is silently skipped."""
    _store_of(kind).put(k, data)


def entry(result: Analysis) -> dict[str, Any]:
    """The JSON entry of an analysis' facts at the default parameters (not their `general`
    members, which are stored apart)."""
    return {
        "facts": {n: dump_fact(n, f) for n, f in result.facts.items()},
        "expressions": {str(n): dump_expr(d) for n, d in result.expressions.items()},
        "seconds": result.seconds,
        "eps": result.eps,
    }


#: The shape of an analysis entry (see [`conforms`][symact._store.conforms]).
ENTRY = {
    "facts": {str: FACT_ENTRY},
    "expressions": {str: str},
    "seconds": (int, float),
    "eps": float,
}


def from_entry(data: dict[str, Any], act: Activation, eps: float) -> Analysis:
    """The analysis an entry holds; `ValueError` (or `KeyError`, `TypeError`) if it holds none
    (an expression may hold no symbol but `x`, `y` and `act`'s parameters)."""
    if not conforms(data, ENTRY):
        raise ValueError("not an analysis entry")
    names = {"x", "y", *act.symbols}
    return Analysis(
        act.name,
        eps,
        {n: load_fact(n, f) for n, f in data["facts"].items()},
        {int(n): load_expr(d, names=names) for n, d in data["expressions"].items()},
        data["seconds"],
    )


def dump_analysis(result: Analysis) -> dict[str, Any]:
    """`result` as JSON: its [`entry`][symact.analysis._cache.entry], ε and each fact's form
    for every parameter value (read back by
    [`load_analysis`][symact.analysis._cache.load_analysis])."""
    from symact.analysis import _dump_general

    general = {n: _dump_general(f.general) for n, f in result.facts.items() if f.general}
    return {"analysis": entry(result), "eps": result.eps, "general": general}


def load_analysis(data: dict[str, Any], act: Activation) -> Analysis:
    """The analysis of `act` that [`dump_analysis`][symact.analysis._cache.dump_analysis]
    wrote; `ValueError` if `data` is not one."""
    from dataclasses import replace

    from symact.analysis import _parse_general

    if not conforms(data, {"analysis": dict, "eps": float, "general": dict}):
        raise ValueError("not an analysis")
    try:
        result = from_entry(data["analysis"], act, data["eps"])
        names = {"x", "y", "k", "epsilon", *act.symbols}
        general = _parse_general(data["general"], names)
    except (KeyError, TypeError) as e:
        raise ValueError(f"not an analysis: {e}") from None
    if general is None:
        raise ValueError("not an analysis: unreadable general facts")
    facts = {n: replace(f, general=general.get(n)) for n, f in result.facts.items()}
    return replace(result, facts=facts)
