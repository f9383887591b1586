"""Facts with provenance: a value, its exact SymPy form, and how it was obtained."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, TypeAlias

import sympy as sp

__all__ = [
    "FACTS",
    "FACT_NAMES",
    "SHAPE_FACTS",
    "Analysis",
    "Asymptote",
    "Breakpoint",
    "DefaultDiffers",
    "Ends",
    "Fact",
    "FactSpec",
    "General",
    "How",
    "Kind",
    "Monotonicity",
    "Parity",
    "Provenance",
    "Span",
    "Value",
    "Y",
    "spans",
]

How = Literal["exact", "numeric", "undetermined"]

#: The output y = f(x), in which `derivative_of_output` writes f'.
Y = sp.Symbol("y", real=True)


class Monotonicity(StrEnum):
    """How f (or f′) is monotonic over ℝ."""

    INCREASING = "increasing"
    NON_DECREASING = "non-decreasing"
    DECREASING = "decreasing"
    NON_INCREASING = "non-increasing"
    CONSTANT = "constant"
    NOT_MONOTONIC = "not monotonic"


class Parity(StrEnum):
    """Whether f(−x) = f(x), f(−x) = −f(x), or neither."""

    EVEN = "even"
    ODD = "odd"
    NEITHER = "neither"


class Ends(StrEnum):
    """At which ends of the real line something happens (where f′ → 0, for `saturates`)."""

    NEITHER = "neither"
    BELOW = "at -inf"
    ABOVE = "at +inf"
    BOTH = "both"


@dataclass(frozen=True)
class Asymptote:
    """The line y = slope·x + intercept that f approaches at one end."""

    slope: sp.Expr
    intercept: sp.Expr


@dataclass(frozen=True)
class Breakpoint:
    """A point where the smoothness of f breaks: its order of continuity there (−1 for a jump,
    0 for a kink, …), f's value (None where undefined) and its one-sided limits and slopes
    (None where SymPy could not find one)."""

    at: sp.Expr
    continuity: sp.Expr
    value: sp.Expr | None
    left_limit: sp.Expr | None
    right_limit: sp.Expr | None
    left_derivative: sp.Expr | None
    right_derivative: sp.Expr | None


@dataclass(frozen=True)
class DefaultDiffers:
    """A framework function that computes another function when `argument` is left out: the
    framework's default for it, and the value this function needs (`call`), as declared."""

    framework: str
    function: str
    argument: str
    default: int | float | str | bool | None
    call: int | float | str | bool | None


@dataclass(frozen=True)
class Span:
    """One part of a set of reals: an interval, a point (lo = hi, both closed) or, with a
    `period` T, the family of points lo + kT (k ∈ ℤ)."""

    lo: sp.Expr
    hi: sp.Expr
    lo_closed: bool
    hi_closed: bool
    period: sp.Expr | None = None


def spans(s: sp.Set) -> list[Span]:
    """The parts of a set-valued fact, in increasing order (`TypeError` for a set that is not
    a union of intervals, points and periodic families)."""
    out: list[Span] = []
    for part in s.args if isinstance(s, sp.Union) else (s,):
        if isinstance(part, sp.FiniteSet):
            out += [Span(p, p, True, True) for p in part.args]
        elif isinstance(part, sp.Interval):
            lo, hi = part.start, part.end
            closed = (not part.left_open and lo.is_finite, not part.right_open and hi.is_finite)
            out.append(Span(lo, hi, bool(closed[0]), bool(closed[1])))
        elif isinstance(part, sp.ImageSet):  # c + kT (k ∈ ℤ): c and the period
            k = part.lamda.variables[0]
            c = part.lamda.expr.subs(k, 0)
            out.append(Span(c, c, True, True, part.lamda.expr.coeff(k)))
        elif part is not sp.S.EmptySet:
            raise TypeError(f"not a union of intervals: {part}")
    return sorted(out, key=lambda p: (float(p.lo), float(p.hi)))


#: The type of a fact's value, by kind (`FactSpec.kind`):
#: - `number`: a SymPy number or constant expression (`oo` and `-oo` included);
#: - `set`: a SymPy set of reals — a union of intervals and points, or a family `ImageSet`;
#: - `asymptote`: an `Asymptote`; `breakpoints`: a tuple of `Breakpoint`s;
#: - `bool`; `monotonicity`: a `Monotonicity`; `parity`: a `Parity`; `ends`: an `Ends`;
#: - `order`: a SymPy integer, or `oo` for smooth; `expression`: a SymPy expression in x or y;
#: - `defaults`: a tuple of `DefaultDiffers` (read from the declaration, not the expression).
Kind = Literal[
    "number",
    "set",
    "asymptote",
    "breakpoints",
    "bool",
    "monotonicity",
    "parity",
    "ends",
    "order",
    "expression",
    "defaults",
]
Value: TypeAlias = (
    sp.Basic
    | Asymptote
    | tuple[Breakpoint, ...]
    | tuple[DefaultDiffers, ...]
    | bool
    | Monotonicity
    | Parity
    | Ends
    | None
)


@dataclass(frozen=True)
class FactSpec:
    """What one fact is: its key, its meaning, its label on a page, the glossary concept that
    explains it (a slug of `docs/concepts/`, or None) and the kind of its value."""

    name: str
    meaning: str
    label: str
    concept: str | None
    kind: Kind


#: Every fact an analysis reports, in display order: the one table of facts.
FACTS: dict[str, FactSpec] = {
    s.name: s
    for s in (
        FactSpec("value_at_0", "f(0)", "f(0)", None, "number"),
        FactSpec(
            "derivative_at_0",
            "f'(0); null where f is not differentiable at 0",
            "f′(0)",
            "differentiability",
            "number",
        ),
        FactSpec("limit_-inf", "limit of f as x → −∞", "f at −∞", None, "number"),
        FactSpec("limit_+inf", "limit of f as x → +∞", "f at +∞", None, "number"),
        FactSpec(
            "derivative_limit_-inf", "limit of f' as x → −∞", "f′ at −∞", "saturation", "number"
        ),
        FactSpec(
            "derivative_limit_+inf", "limit of f' as x → +∞", "f′ at +∞", "saturation", "number"
        ),
        FactSpec(
            "asymptote_-inf",
            "asymptote y = slope·x + intercept as x → −∞, null if none",
            "Asymptote at −∞",
            None,
            "asymptote",
        ),
        FactSpec(
            "asymptote_+inf",
            "asymptote y = slope·x + intercept as x → +∞, null if none",
            "Asymptote at +∞",
            None,
            "asymptote",
        ),
        FactSpec(
            "range",
            "image of ℝ: a list of intervals {lo, hi, lo_closed, hi_closed}",
            "Range",
            None,
            "set",
        ),
        FactSpec("bounded_below", "f is bounded below", "Bounded below", None, "bool"),
        FactSpec("bounded_above", "f is bounded above", "Bounded above", None, "bool"),
        FactSpec("minimum", "global minimum of f, null if not attained", "Minimum", None, "number"),
        FactSpec(
            "minimum_at",
            "where the minimum is attained: a list of intervals; a point with a `period` T"
            " stands for every point c + kT (k ∈ ℤ)",
            "Minimum at",
            None,
            "set",
        ),
        FactSpec("maximum", "global maximum of f, null if not attained", "Maximum", None, "number"),
        FactSpec(
            "maximum_at", "where the maximum is attained: as minimum_at", "Maximum at", None, "set"
        ),
        FactSpec(
            "monotonic",
            "increasing, non-decreasing, decreasing, non-increasing, constant or not monotonic",
            "Monotonic",
            "monotonicity",
            "monotonicity",
        ),
        FactSpec(
            "derivative_monotonic",
            "the same for f'",
            "f′ monotonic",
            "monotonicity",
            "monotonicity",
        ),
        FactSpec("parity", "odd, even or neither", "Parity", None, "parity"),
        FactSpec(
            "zero_centred",
            "f(0) = 0 and f takes both negative and positive values",
            "Zero-centred",
            "zero-centred",
            "bool",
        ),
        FactSpec(
            "identity_near_origin",
            "f(0) = 0 and f'(0) = 1",
            "Identity near 0",
            "activation-function",
            "bool",
        ),
        FactSpec(
            "continuity",
            "order of continuity: −1 discontinuous, 0, 1, 2, … or inf (smooth)",
            "Order of continuity",
            "smoothness",
            "order",
        ),
        FactSpec(
            "breakpoints",
            "points where smoothness breaks, with one-sided limits and derivatives",
            "Breakpoints",
            "differentiability",
            "breakpoints",
        ),
        FactSpec(
            "lipschitz",
            "sup |f'| (inf where f jumps or f' is unbounded)",
            "Lipschitz constant",
            "vanishing-gradient",
            "number",
        ),
        FactSpec(
            "lipschitz_at",
            "where |f'| reaches its supremum: as minimum_at; null if not attained",
            "Steepest at",
            None,
            "set",
        ),
        FactSpec(
            "saturation_-inf",
            "a such that |f'(x)| < ε for every x < a; null if f' does not vanish at −∞",
            "Saturates below",
            "saturation",
            "number",
        ),
        FactSpec(
            "saturation_+inf",
            "b such that |f'(x)| < ε for every x > b; null if f' does not vanish at +∞",
            "Saturates above",
            "saturation",
            "number",
        ),
        FactSpec(
            "taylor",
            "Taylor polynomial at 0 up to x⁵, null where f is not analytic at 0",
            "Taylor polynomial at 0",
            None,
            "expression",
        ),
        FactSpec(
            "saturates",
            "where f' → 0: neither, at -inf, at +inf or both",
            "Saturates",
            "saturation",
            "ends",
        ),
        FactSpec(
            "bounded",
            "f is bounded above and below",
            "Bounded",
            "saturation",
            "bool",
        ),
        FactSpec(
            "dead_zone",
            "f is constant on a half-line (its minimum or maximum is attained on one): a"
            " gradient of exactly 0 there",
            "Dead zone",
            "dying-relu",
            "bool",
        ),
        FactSpec(
            "derivative_of_output",
            "f' written in the output y = f(x), null where no such identity holds",
            "f′ in terms of y = f(x)",
            "differentiability",
            "expression",
        ),
        FactSpec(
            "defaults_differ",
            "framework functions that compute another function when called without arguments:"
            " each argument whose framework default differs from the value this function needs",
            "Defaults differ",
            None,
            "defaults",
        ),
    )
}

#: Every fact's meaning, by name, in display order (a view of `FACTS`).
FACT_NAMES: dict[str, str] = {name: s.meaning for name, s in FACTS.items()}


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


@dataclass(frozen=True)
class Provenance:
    """How a fact was obtained, as data: the methods that produced the value (one phrase each;
    several where a fact combines results), what was tried first and gave way (in order), and
    for a numeric value its relative tolerance and the decimal digits of the mpmath evidence.
    `text` renders it (the fact's `note`); `+` combines the provenance of several results."""

    methods: tuple[str, ...] = ()
    attempts: tuple[str, ...] = ()
    tolerance: float | None = None
    digits: int | None = None

    @classmethod
    def of(cls, note: str) -> Provenance:
        """A provenance told only as a phrase (a method, or an undetermined fact's reason)."""
        return cls((note,)) if note else cls()

    def __add__(self, other: Provenance) -> Provenance:
        tolerances = [t for t in (self.tolerance, other.tolerance) if t is not None]
        digits = [d for d in (self.digits, other.digits) if d is not None]
        return Provenance(
            tuple(dict.fromkeys((*self.methods, *other.methods))),
            tuple(dict.fromkeys((*self.attempts, *other.attempts))),
            max(tolerances) if tolerances else None,
            min(digits) if digits else None,
        )

    def __bool__(self) -> bool:
        return bool(self.methods or self.attempts)

    def text(self) -> str:
        """The provenance as one line: the methods with their tolerance and digits, then what
        was tried first ("…; tried first: solveset gave ConditionSet, then …")."""
        out = "; ".join(self.methods)
        numbers = []
        if self.tolerance is not None:
            numbers.append(f"to {self.tolerance:g} relative")
        if self.digits is not None:
            numbers.append(f"{self.digits}-digit mpmath")
        if numbers:
            out += f" ({', '.join(numbers)})"
        if self.attempts:
            tried = ", then ".join(self.attempts)
            out = f"{out}; tried first: {tried}" if out else tried
        return out


@dataclass(frozen=True)
class General:
    """A fact for every parameter value: its value in the parameter symbols (and ε), under
    `assumptions` (the declared domain), with provenance (`exact`, or `undetermined` with the
    reason in `note`). See `symact.analysis._general`."""

    value: sp.Basic | str | bool | None
    assumptions: sp.Basic
    how: How
    note: str = ""


@dataclass(frozen=True)
class Fact:
    """One derived fact.

    - `value`: a typed value of the fact's kind (`FACTS[name].kind`; see `Value`), or `None`
      (undetermined, or the fact does not exist: no minimum, no asymptote, …);
    - `how`: `"exact"` (symbolic: `value` is the exact SymPy form), `"numeric"` (`note` names
      the method and tolerance) or `"undetermined"` (`note` says why; `value` is then `None`).

    JSON exists only at the edge: `symact.analysis._serial` writes the documented format
    (`fact_json`) and the store's lossless one (`dump_fact`/`load_fact`).
    """

    value: Value
    how: How
    #: The provenance as text (`provenance.text()`; given alone, it becomes the provenance's
    #: one method).
    note: str = ""
    #: The fact for every parameter value, where the activation has parameters and the
    #: analysis derived one (`symact.analysis._general`).
    general: General | None = None
    #: How the value was obtained, as data; `note` is its text.
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        if self.how not in ("exact", "numeric", "undetermined"):
            raise ValueError(f"bad provenance {self.how!r}")
        if self.how == "undetermined" and self.value is not None:
            raise ValueError("an undetermined fact has no value")
        if self.provenance:
            object.__setattr__(self, "note", self.provenance.text())
        else:
            object.__setattr__(self, "provenance", Provenance.of(self.note))

    @property
    def known(self) -> bool:
        """Whether the fact is determined and has a value."""
        return self.how != "undetermined" and self.value is not None


def undetermined(reason: str) -> Fact:
    """A fact that could not be derived, with the reason."""
    return Fact(None, "undetermined", reason)


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
