"""The glossary's properties, decided from the derived facts, never listed by hand.

A property is a predicate on an activation's facts. It is `True`, `False` or `None` — `None`
where a fact it needs is undetermined, so that an activation is never listed (or left out) on a
guess. Hand-written pages ask for the list of activations having a property with a marker
(`<!-- symact:activations saturating -->`), which the build replaces.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy as sp

from symact.analysis.facts import Analysis
from symact.declare import Activation

__all__ = ["CONCEPTS", "PROPERTIES", "Concept", "Property", "has_property"]

#: A fact's value, or None where the fact is undetermined.
Verdict = bool | None


def _value(an: Analysis, name: str) -> Any:
    fact = an.get(name)
    return None if fact is None or fact.how == "undetermined" else fact.value


def _is_zero(v: Any) -> Verdict:
    if v is None:
        return None
    return isinstance(v, sp.Expr) and bool(v.is_zero)


def _any(*vs: Verdict) -> Verdict:
    if any(v is True for v in vs):
        return True
    return None if any(v is None for v in vs) else False


def _all(*vs: Verdict) -> Verdict:
    if any(v is False for v in vs):
        return False
    return None if any(v is None for v in vs) else True


def _not(v: Verdict) -> Verdict:
    return None if v is None else not v


def _continuity(an: Analysis) -> float | None:
    v = _value(an, "continuity")
    return None if v is None else float(v)


def _saturates(an: Analysis, side: str) -> Verdict:
    return _is_zero(_value(an, f"derivative_limit_{side}"))


def _constant_on_half_line(an: Analysis) -> Verdict:
    """f attains its minimum or maximum on an unbounded interval: it is constant there."""
    verdicts: list[Verdict] = []
    for name in ("minimum_at", "maximum_at"):
        fact = an.get(name)
        if fact is None or fact.how == "undetermined":
            verdicts.append(None)
            continue
        where = fact.value
        parts = where.args if isinstance(where, sp.Union) else (where,)
        verdicts.append(any(isinstance(p, sp.Interval) and not p.measure.is_finite for p in parts))
    return _any(*verdicts)


def _monotonic(an: Analysis) -> Verdict:
    v = _value(an, "monotonic")
    if v is None:
        return None
    return bool(v != "not monotonic")


def _bool(name: str) -> Callable[[Activation, Analysis], Verdict]:
    def f(act: Activation, an: Analysis) -> Verdict:
        v = _value(an, name)
        return None if v is None else bool(v)

    return f


@dataclass(frozen=True)
class Property:
    """A property an activation has or not, with the concept page that explains it."""

    key: str
    label: str
    concept: str
    test: Callable[[Activation, Analysis], Verdict]


_PROPERTIES = [
    Property("all", "every activation", "activation-function", lambda a, an: True),
    Property(
        "saturating",
        "saturating (f′ → 0 at −∞ or +∞)",
        "saturation",
        lambda a, an: _any(_saturates(an, "-inf"), _saturates(an, "+inf")),
    ),
    Property(
        "saturating_both",
        "saturating at both ends",
        "vanishing-gradient",
        lambda a, an: _all(_saturates(an, "-inf"), _saturates(an, "+inf")),
    ),
    Property(
        "non_saturating",
        "not saturating at +∞",
        "saturation",
        lambda a, an: _not(_saturates(an, "+inf")),
    ),
    Property(
        "dead_zone",
        "constant on a half-line: a gradient of exactly 0 there",
        "dying-relu",
        lambda a, an: _constant_on_half_line(an),
    ),
    Property("zero_centred", "zero-centred", "zero-centred", _bool("zero_centred")),
    Property(
        "not_zero_centred",
        "not zero-centred",
        "zero-centred",
        lambda a, an: _not(_bool("zero_centred")(a, an)),
    ),
    Property("monotonic", "monotonic", "monotonicity", lambda a, an: _monotonic(an)),
    Property("not_monotonic", "not monotonic", "monotonicity", lambda a, an: _not(_monotonic(an))),
    Property(
        "smooth",
        "smooth (C∞)",
        "smoothness",
        lambda a, an: None if (c := _continuity(an)) is None else c == math.inf,
    ),
    Property(
        "kinked",
        "continuous, with a kink",
        "differentiability",
        lambda a, an: None if (c := _continuity(an)) is None else c == 0,
    ),
    Property(
        "discontinuous",
        "discontinuous",
        "smoothness",
        lambda a, an: None if (c := _continuity(an)) is None else c < 0,
    ),
    Property("self_gated", "self-gated", "self-gating", lambda a, an: a.family == "self-gated"),
    Property(
        "identity_near_origin",
        "the identity near the origin (f(0) = 0, f′(0) = 1)",
        "activation-function",
        _bool("identity_near_origin"),
    ),
    Property(
        "bounded",
        "bounded",
        "saturation",
        lambda a, an: _all(_bool("bounded_below")(a, an), _bool("bounded_above")(a, an)),
    ),
    Property(
        "unbounded_above",
        "unbounded above",
        "saturation",
        lambda a, an: _not(_bool("bounded_above")(a, an)),
    ),
    Property("step", "step-like", "perceptron", lambda a, an: a.family == "step"),
    Property(
        "periodic", "periodic family", "activation-function", lambda a, an: a.family == "periodic"
    ),
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
