"""Facts with provenance: a value, its exact SymPy form, and how it was obtained."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import sympy as sp

__all__ = [
    "FACT_NAMES",
    "SHAPE_FACTS",
    "Analysis",
    "Fact",
    "General",
    "How",
    "interval_list",
    "to_json_number",
]

How = Literal["exact", "numeric", "undetermined"]

#: Every fact an analysis reports, in display order, with a one-line meaning.
FACT_NAMES: dict[str, str] = {
    "value_at_0": "f(0)",
    "derivative_at_0": "f'(0); null where f is not differentiable at 0",
    "limit_-inf": "limit of f as x → −∞",
    "limit_+inf": "limit of f as x → +∞",
    "derivative_limit_-inf": "limit of f' as x → −∞",
    "derivative_limit_+inf": "limit of f' as x → +∞",
    "asymptote_-inf": "asymptote y = slope·x + intercept as x → −∞, null if none",
    "asymptote_+inf": "asymptote y = slope·x + intercept as x → +∞, null if none",
    "range": "image of ℝ: a list of intervals {lo, hi, lo_closed, hi_closed}",
    "bounded_below": "f is bounded below",
    "bounded_above": "f is bounded above",
    "minimum": "global minimum of f, null if not attained",
    "minimum_at": (
        "where the minimum is attained: a list of intervals; a point with a `period` T stands"
        " for every point c + kT (k ∈ ℤ)"
    ),
    "maximum": "global maximum of f, null if not attained",
    "maximum_at": "where the maximum is attained: as minimum_at",
    "monotonic": (
        "increasing, non-decreasing, decreasing, non-increasing, constant or not monotonic"
    ),
    "derivative_monotonic": "the same for f'",
    "parity": "odd, even or neither",
    "zero_centred": "f(0) = 0 and f takes both negative and positive values",
    "identity_near_origin": "f(0) = 0 and f'(0) = 1",
    "continuity": "order of continuity: −1 discontinuous, 0, 1, 2, … or inf (smooth)",
    "breakpoints": "points where smoothness breaks, with one-sided limits and derivatives",
    "lipschitz": "sup |f'| (inf where f jumps or f' is unbounded)",
    "lipschitz_at": ("where |f'| reaches its supremum: as minimum_at; null if not attained"),
    "saturation_-inf": "a such that |f'(x)| < ε for every x < a; null if f' does not vanish at −∞",
    "saturation_+inf": "b such that |f'(x)| < ε for every x > b; null if f' does not vanish at +∞",
    "taylor": "Taylor polynomial at 0 up to x⁵, null where f is not analytic at 0",
    "derivative_of_output": "f' written in the output y = f(x), null where no such identity holds",
}


#: The facts the shape of f decides: its range, bounds, extrema and monotonicity.
SHAPE_FACTS = (
    "range",
    "bounded_below",
    "bounded_above",
    "minimum",
    "minimum_at",
    "maximum",
    "maximum_at",
    "monotonic",
)


def to_json_number(v: Any) -> Any:
    """A float, or "inf" / "-inf" / "nan" for non-finite values (JSON has no infinities)."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, sp.Basic):
        if v is sp.S.Infinity:
            return "inf"
        if v is sp.S.NegativeInfinity:
            return "-inf"
        v = float(v)
    if isinstance(v, int | float):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    return v


def interval_list(s: sp.Set) -> list[dict[str, Any]]:
    """A SymPy set of reals as JSON: a list of {lo, hi, lo_closed, hi_closed}."""
    parts = s.args if isinstance(s, sp.Union) else (s,)
    out: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, sp.FiniteSet):
            out.extend(
                {
                    "lo": to_json_number(p),
                    "hi": to_json_number(p),
                    "lo_closed": True,
                    "hi_closed": True,
                }
                for p in sorted(part.args, key=lambda e: float(e))
            )
        elif isinstance(part, sp.Interval):
            out.append(
                {
                    "lo": to_json_number(part.start),
                    "hi": to_json_number(part.end),
                    "lo_closed": not part.left_open and part.start.is_finite,
                    "hi_closed": not part.right_open and part.end.is_finite,
                }
            )
        elif isinstance(part, sp.ImageSet):  # a family c + kT (k ∈ ℤ): c and the period
            k = part.lamda.variables[0]
            c = part.lamda.expr.subs(k, 0)
            out.append(
                {
                    "lo": to_json_number(c),
                    "hi": to_json_number(c),
                    "lo_closed": True,
                    "hi_closed": True,
                    "period": to_json_number(part.lamda.expr.coeff(k)),
                }
            )
        elif part is sp.S.EmptySet:
            continue
        else:
            raise TypeError(f"not a union of intervals: {part}")
    return sorted(out, key=lambda d: (float(d["lo"]), float(d["hi"])))


@dataclass(frozen=True)
class General:
    """A fact for every parameter value: its value in the parameter symbols (and ε), under
    `assumptions` (the declared domain), with provenance (`exact`, or `undetermined` with the
    reason in `note`). See `symact.analysis.general`."""

    value: sp.Basic | str | bool | None
    assumptions: sp.Basic
    how: How
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        """The documented `general` member: SymPy string forms of the value and the domain."""
        return {
            "exact": None if self.value is None else str(self.value),
            "assumptions": str(self.assumptions),
            "how": self.how,
            "note": self.note,
        }


@dataclass(frozen=True)
class Fact:
    """One derived fact.

    - `value`: JSON-ready (numbers as floats; infinities as "inf" / "-inf").
    - `exact`: the SymPy string form of the value when it is known exactly, else `None`.
    - `how`: `"exact"` (symbolic), `"numeric"` (`note` names the method and tolerance) or
      `"undetermined"` (`note` says why; `value` is then `None`).
    """

    value: Any
    exact: str | None
    how: How
    note: str = ""
    #: The fact for every parameter value, where the activation has parameters and the
    #: analysis derived one (`symact.analysis.general`).
    general: General | None = None

    def __post_init__(self) -> None:
        if self.how not in ("exact", "numeric", "undetermined"):
            raise ValueError(f"bad provenance {self.how!r}")
        if self.how == "undetermined" and self.value is not None:
            raise ValueError("an undetermined fact has no value")

    def to_json(self) -> dict[str, Any]:
        out = {"value": self.value, "exact": self.exact, "how": self.how, "note": self.note}
        if self.general is not None:
            out["general"] = self.general.to_json()
        return out

    @classmethod
    def from_json(cls, d: Mapping[str, Any]) -> Fact:
        return cls(d["value"], d["exact"], d["how"], d.get("note", ""))


def undetermined(reason: str) -> Fact:
    """A fact that could not be derived, with the reason."""
    return Fact(None, None, "undetermined", reason)


@dataclass(frozen=True)
class Analysis(Mapping[str, Fact]):
    """All facts about one activation at its default parameters (a read-only mapping)."""

    name: str
    eps: float
    facts: dict[str, Fact]
    #: f', f'' and f''' at the default parameters, by order (`nan` where undefined).
    expressions: dict[int, sp.Expr] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def derivatives(self) -> dict[int, str]:
        """The derivatives in SymPy's string form, by order."""
        return {n: str(e) for n, e in self.expressions.items()}

    def __getitem__(self, key: str) -> Fact:
        return self.facts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self.facts)

    def __len__(self) -> int:
        return len(self.facts)

    def to_json(self) -> dict[str, Any]:
        return {name: fact.to_json() for name, fact in self.facts.items()}
