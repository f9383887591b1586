"""The glossary's properties, each read off one fact of the analysis, never listed by hand.

A property names the fact it reads (`saturating` reads `saturates`, derived in
`symact.analysis._rules`) and the values for which it holds. It is `True`, `False` or `None` —
`None` where that fact is undetermined, so that an activation is never listed (or left out) on
a guess. Hand-written pages ask for the list of activations having a property with a marker
(`<!-- symact:activations saturating -->`), which the build replaces.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symact.analysis._facts import Analysis, Ends, Monotonicity
from symact.declare import Activation

__all__ = ["CONCEPTS", "PROPERTIES", "Concept", "Property", "has_property"]


def _no(v: Any) -> bool:
    return not v


#: A property's verdict: None where the fact it reads is undetermined.
Verdict = bool | None


@dataclass(frozen=True)
class Property:
    """A property an activation has or not, with the concept page that explains it.

    It reads one fact of the analysis (`fact`: the property holds where `holds(value)`), or,
    for a family of the catalogue (`family`), the activation's declaration.
    """

    key: str
    label: str
    concept: str
    fact: str | None = None
    holds: Callable[[Any], bool] = bool
    family: str | None = None

    def test(self, act: Activation, analysis: Analysis) -> Verdict:
        if self.fact is None:
            return self.family is None or act.family == self.family
        fact = analysis.get(self.fact)
        if fact is None or fact.how == "undetermined":
            return None
        return bool(self.holds(fact.value))


_PROPERTIES = [
    Property("all", "every activation", "activation-function"),
    Property(
        "saturating",
        "saturating (f′ → 0 at −∞ or +∞)",
        "saturation",
        "saturates",
        lambda v: v != Ends.NEITHER,
    ),
    Property(
        "saturating_both",
        "saturating at both ends",
        "vanishing-gradient",
        "saturates",
        lambda v: v == Ends.BOTH,
    ),
    Property(
        "non_saturating",
        "not saturating at +∞",
        "saturation",
        "saturates",
        lambda v: v in (Ends.NEITHER, Ends.BELOW),
    ),
    Property(
        "dead_zone",
        "constant on a half-line: a gradient of exactly 0 there",
        "dying-relu",
        "dead_zone",
    ),
    Property("zero_centred", "zero-centred", "zero-centred", "zero_centred"),
    Property("not_zero_centred", "not zero-centred", "zero-centred", "zero_centred", _no),
    Property(
        "monotonic",
        "monotonic",
        "monotonicity",
        "monotonic",
        lambda v: v != Monotonicity.NOT_MONOTONIC,
    ),
    Property(
        "not_monotonic",
        "not monotonic",
        "monotonicity",
        "monotonic",
        lambda v: v == Monotonicity.NOT_MONOTONIC,
    ),
    Property("smooth", "smooth (C∞)", "smoothness", "continuity", lambda v: v == sp.oo),
    Property(
        "kinked", "continuous, with a kink", "differentiability", "continuity", lambda v: v == 0
    ),
    Property("discontinuous", "discontinuous", "smoothness", "continuity", lambda v: v == -1),
    Property("self_gated", "self-gated", "self-gating", family="self-gated"),
    Property(
        "identity_near_origin",
        "the identity near the origin (f(0) = 0, f′(0) = 1)",
        "activation-function",
        "identity_near_origin",
    ),
    Property("bounded", "bounded", "saturation", "bounded"),
    Property("unbounded_above", "unbounded above", "saturation", "bounded_above", _no),
    Property("step", "step-like", "perceptron", family="step"),
    Property("periodic", "periodic family", "activation-function", family="periodic"),
]

#: Properties by key.
PROPERTIES: dict[str, Property] = {p.key: p for p in _PROPERTIES}


def has_property(key: str, act: Activation, analysis: Analysis) -> Verdict:
    """Whether `act` has property `key`: True, False, or None where a needed fact is
    undetermined."""
    return PROPERTIES[key].test(act, analysis)


@dataclass(frozen=True)
class Concept:
    """A glossary page: its file under `docs/concepts/` and its title."""

    slug: str
    title: str


#: The glossary, in reading order (pages are hand-written in `docs/concepts/<slug>.md`).
CONCEPTS: tuple[Concept, ...] = (
    Concept("activation-function", "Activation function"),
    Concept("pre-activation", "Pre-activation"),
    Concept("non-linearity", "Non-linearity"),
    Concept("perceptron", "Perceptron and the step function"),
    Concept("differentiability", "Differentiability and backpropagation"),
    Concept("saturation", "Saturation"),
    Concept("vanishing-gradient", "Vanishing gradient"),
    Concept("dying-relu", "Dying ReLU"),
    Concept("zero-centred", "Zero-centred output"),
    Concept("monotonicity", "Monotonicity"),
    Concept("smoothness", "Smoothness"),
    Concept("self-gating", "Self-gating"),
)
