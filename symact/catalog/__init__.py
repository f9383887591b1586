"""The catalogue: every declared activation, looked up by name or alias.

Declarations live in one module per family; this module only collects them and resolves names
(case-insensitive, aliases accepted, "did you mean" on a miss).
"""

from __future__ import annotations

import dataclasses
import difflib

from symact.catalog import (
    exponential,
    gated,
    other,
    periodic,
    rectifiers,
    shrinkage,
    sigmoidal,
    smooth,
    step,
)
from symact.catalog._elsewhere import ELSEWHERE
from symact.declare import Activation

__all__ = [
    "ACTIVATIONS",
    "FAMILIES",
    "SHARED_NAMES",
    "AmbiguousName",
    "UnknownActivation",
    "get",
    "names",
    "resolve",
    "sharing_names",
]

_MODULES = (
    sigmoidal,
    rectifiers,
    exponential,
    smooth,
    gated,
    shrinkage,
    step,
    periodic,
    other,
)

#: Every activation by canonical name, in catalogue order, with its names in frameworks
#: beyond PyTorch, Keras and JAX (`_elsewhere.ELSEWHERE`) appended to its own.
ACTIVATIONS: dict[str, Activation] = {}
for _module in _MODULES:
    for _act in _module.DECLARED:
        if _act.name in ACTIVATIONS:
            raise ValueError(f"activation {_act.name!r} is declared twice")
        extra = ELSEWHERE.get(_act.name, ())
        ACTIVATIONS[_act.name] = (
            dataclasses.replace(_act, frameworks=_act.frameworks + extra) if extra else _act
        )
if set(ELSEWHERE) - set(ACTIVATIONS):
    raise ValueError(
        f"framework names for unknown entries: {sorted(set(ELSEWHERE) - set(ACTIVATIONS))}"
    )

_LOOKUP: dict[str, str] = {}
for _act in ACTIVATIONS.values():
    for _key in (_act.name, *_act.aliases):
        if _key in _LOOKUP:
            raise ValueError(f"name {_key!r} is used by {_LOOKUP[_key]} and {_act.name}")
        _LOOKUP[_key] = _act.name

#: Names several functions are published under (`Activation.shared_names`), each with the
#: catalogue entries that carry it, in catalogue order: derived, never typed twice.
SHARED_NAMES: dict[str, tuple[str, ...]] = {}
for _act in ACTIVATIONS.values():
    for _key in _act.shared_names:
        SHARED_NAMES[_key] = (*SHARED_NAMES.get(_key, ()), _act.name)


def sharing_names(name: str) -> dict[str, tuple[str, ...]]:
    """For activation `name`: each name it shares with other functions, and the other
    catalogue entries that carry it (none where the others are not in the catalogue)."""
    act = ACTIVATIONS[name]
    keys = (*act.shared_names, *(k for k in (act.name, *act.aliases) if k in SHARED_NAMES))
    out = {}
    for key in keys:
        holders = ((_LOOKUP[key],) if key in _LOOKUP else ()) + SHARED_NAMES.get(key, ())
        out[key] = tuple(dict.fromkeys(n for n in holders if n != name))
    return out


#: Family names in catalogue order.
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(a.family for a in ACTIVATIONS.values()))


class UnknownActivation(LookupError):  # noqa: N818 - public name, kept
    """No activation has this name; the message suggests the closest names."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f" — did you mean {' or '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown activation {name!r}{hint}")


class AmbiguousName(UnknownActivation):
    """The name is published for several catalogue functions (`SHARED_NAMES`); the message
    lists them, and `suggestions` holds their canonical names."""

    def __init__(self, name: str, entries: tuple[str, ...]) -> None:
        LookupError.__init__(
            self,
            f"{name!r} names {len(entries)} different functions: "
            + ", ".join(f"{n} ({ACTIVATIONS[n].title})" for n in entries)
            + "; use one of these names",
        )
        self.name = name
        self.suggestions = list(entries)


def resolve(name: str) -> str:
    """The canonical name for `name` (any case, an alias or the name itself; a name shared
    with functions outside the catalogue gives the one entry that carries it)."""
    key = name.strip().lower().replace("-", "_")
    if key in _LOOKUP:
        return _LOOKUP[key]
    if key in SHARED_NAMES:
        shared = SHARED_NAMES[key]
        if len(shared) == 1:
            return shared[0]
        raise AmbiguousName(name, shared)
    close = difflib.get_close_matches(key, _LOOKUP, n=3, cutoff=0.6)
    raise UnknownActivation(name, list(dict.fromkeys(_LOOKUP[c] for c in close)))


def get(name: str) -> Activation:
    """The activation called `name` (case-insensitive; aliases accepted).

    Raises [`UnknownActivation`][symact.catalog.UnknownActivation] with suggestions otherwise.
    """
    return ACTIVATIONS[resolve(name)]


def names() -> list[str]:
    """Canonical names of every activation, in catalogue order."""
    return list(ACTIVATIONS)
