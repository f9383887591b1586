"""Declarations: what an activation *is*, and nothing that can be derived from it.

An [`Activation`][symact.declare.Activation] holds a name, aliases, title, family, summary,
a SymPy expression in the real symbol `x`, named parameters with defaults, a reference and the
names the function has in PyTorch, Keras and JAX. Derivatives, limits, ranges and LaTeX are
computed from the expression by [`symact.analysis`][symact.analysis]; none is stored here.
"""

from __future__ import annotations

import math
import numbers
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Literal

import sympy as sp

__all__ = [
    "MAX_PARAMS",
    "Activation",
    "Framework",
    "FrameworkName",
    "Param",
    "Reference",
    "X",
    "argument_value",
    "exact_value",
]

#: The one variable of every activation: a real `x`.
X = sp.Symbol("x", real=True)

#: A name: snake_case ASCII, matched whole (`$` would also match before a final newline).
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z", re.ASCII)
#: The most parameters an activation may declare (the catalogue's most is 3): each one is a
#: symbol every derivation carries, and SymPy's substitutions grow with their number.
MAX_PARAMS = 32
Framework = Literal[
    "pytorch",
    "keras",
    "jax",
    "tensorflow",
    "mlx",
    "flax",
    "paddle",
    "timm",
    "transformers",
    "nnlib",
]
Number = int | float | str


@dataclass(frozen=True)
class Param:
    """A named parameter with its default.

    `default` is kept exact: an int, a fraction string such as `"1/100"`, a short decimal
    string (read as the exact rational it spells), or a long decimal string with every digit
    the source gives (SELU's constants, kept as a SymPy Float of that precision).
    """

    name: str
    default: Number
    description: str
    positive: bool = False
    #: Zero allowed, negative values not (squareplus' b); `positive` excludes zero too.
    nonnegative: bool = False
    #: The name of another parameter this one always exceeds, where the source requires it
    #: (hardtanh: max_val > min_val); facts for every parameter value assume it.
    above: str | None = None
    #: The mathematical symbol the parameter is written with, as a SymPy symbol name, where
    #: its name is a word (PyTorch's `lambd` is λ: "lambda"; SIREN's `w0` is ω₀: "omega_0").
    shown_as: str | None = None

    def __post_init__(self) -> None:
        if not _NAME.match(self.name) or self.name == "x":
            raise ValueError(f"bad parameter name {self.name!r}")
        if self.shown_as is not None and (not _NAME.match(self.shown_as) or self.shown_as == "x"):
            raise ValueError(f"bad symbol {self.shown_as!r} for parameter {self.name!r}")

    @property
    def symbol(self) -> sp.Symbol:
        """The SymPy symbol of this parameter (real, and positive or nonnegative where
        declared)."""
        return sp.Symbol(
            self.name,
            real=True,
            positive=self.positive or None,
            nonnegative=(self.positive or self.nonnegative) or None,
        )

    @property
    def shown(self) -> sp.Symbol:
        """The symbol formulas are written with for a reader: `shown_as` (printed as λ, ω₀ …)
        where declared, else `symbol`."""
        if self.shown_as is None:
            return self.symbol
        return sp.Symbol(self.shown_as, **self.symbol.assumptions0)

    def admits(self, value: sp.Expr) -> bool:
        """Whether `value` may lie in this parameter's declared sign domain (`False` only
        where SymPy proves it does not)."""
        if self.positive and value.is_positive is False:
            return False
        return not (self.nonnegative and value.is_nonnegative is False)

    @property
    def value(self) -> sp.Expr:
        """The default as an exact SymPy number (decimal strings keep all their digits)."""
        d = self.default
        if isinstance(d, str) and re.fullmatch(r"-?[0-9]+\.[0-9]+(e-?[0-9]+)?", d):
            digits = len(re.sub(r"[^0-9]", "", d.split("e")[0]).lstrip("0"))
            if digits <= 8:  # a short decimal is meant exactly: 0.8944 = 559/625
                return sp.Rational(d)
            return sp.Float(d, digits)  # a long constant (SELU's) keeps every digit
        return sp.nsimplify(d) if isinstance(d, float) else sp.Rational(d)


def exact_value(v: sp.Expr | float) -> sp.Expr:
    """A parameter value as SymPy keeps it: a float as the decimal it prints as (0.1 is 1/10,
    0.0123456789 stays 123456789/10¹⁰ — `nsimplify` made that 1/81 and 1e-300 zero), an integer,
    fraction or real SymPy expression unchanged; anything else (a string) is refused with a
    ValueError."""
    if isinstance(v, sp.Basic):
        if isinstance(v, sp.Float):
            return sp.Rational(str(v))
        if isinstance(v, sp.Expr) and v.is_real is not False:
            return v
    elif isinstance(v, numbers.Integral) and not isinstance(v, bool):
        return sp.Integer(int(v))
    elif isinstance(v, Fraction):
        return sp.Rational(v.numerator, v.denominator)
    elif isinstance(v, numbers.Real) and math.isfinite(v):
        return sp.Rational(repr(float(v)))
    raise ValueError(f"a parameter value is a finite real number, not {str(v)[:40]!r}")


@dataclass(frozen=True)
class Reference:
    """Where an activation was introduced: authors, year, title and a stable address (an
    arXiv or DOI link, or the framework's documentation page). `verified` is False where the
    source could not be read to confirm it (pages then say "reference not verified")."""

    authors: str
    year: int
    title: str
    url: str
    verified: bool = True


#: A declared number written as text: an integer, a fraction or a decimal ("1/8", "0.5").
_NUMBER_TEXT = re.compile(r"-?[0-9]+(/[0-9]+|\.[0-9]+)?([eE]-?[0-9]+)?\Z", re.ASCII)


@dataclass(frozen=True)
class FrameworkName:
    """How a framework names an activation, how to call it, its own defaults and conventions.

    Both mappings use the framework's own argument names, and keep apart two things a
    framework entry says:
    - `call`: the keyword arguments that make the framework compute exactly this function at
      its default parameters (`jax.nn.gelu(x, approximate=False)` for GELU);
    - `defaults`: what the framework uses for those arguments when they are left out
      (`approximate=True` for `jax.nn.gelu`); an argument missing here has no default (it is
      required). The analysis' fact `defaults_differ` is derived from the two.

    `gradient_at` records the value the framework's autodiff returns at points where the
    derivative is undefined (ReLU'(0) = 0 in PyTorch and JAX): a convention of the framework,
    declared as data because it cannot be derived. Numbers are exact: an int, a float or a
    fraction or decimal string ("1/8"); any other string is an option (`"tanh"`).
    """

    framework: Framework
    name: str
    defaults: Mapping[str, Number | bool | None] = field(default_factory=dict)
    note: str = ""
    gradient_at: Mapping[Number, Number] = field(default_factory=dict)
    call: Mapping[str, Number | bool | None] = field(default_factory=dict)

    @property
    def kwargs(self) -> dict[str, float | str | bool | None]:
        """`call` as Python values to pass: numbers as floats, options and flags as they are."""
        return {k: argument_value(v) for k, v in self.call.items()}


def argument_value(v: Number | bool | None) -> float | str | bool | None:
    """A declared framework argument as the Python value to pass: a number (int, float,
    fraction or decimal text) as a float; an option string, a flag or None as it is."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, str) and not _NUMBER_TEXT.match(v):
        return v  # an option, such as approximate="tanh"
    return float(Fraction(str(v)))


@dataclass(frozen=True)
class Activation:
    """An activation function, declared once: a plain record.

    Every derived fact comes from `expr`: `symact.derivative(act, n)` differentiates it and
    `symact.analyse(act)` derives limits, range, extrema, continuity and the rest, each with its
    provenance. Nothing here imports those layers; they import this one.
    """

    name: str
    title: str
    family: str
    summary: str
    expr: sp.Expr
    params: tuple[Param, ...] = ()
    aliases: tuple[str, ...] = ()
    reference: Reference | None = None
    frameworks: tuple[FrameworkName, ...] = ()
    #: Other entries this one is, both at their defaults (CELU and ELU at α = 1): declared so
    #: that a test finds an accidental duplicate, which `symact.analysis.same_as` derives.
    equals_at_defaults: tuple[str, ...] = ()
    #: Names this function is published under that other functions carry too (SReLU names
    #: Jin et al.'s S-shaped ReLU and Clevert et al.'s shifted ReLU): declared, because no
    #: formula says what a paper called it. The catalogue derives, for each such name, every
    #: entry that carries it; a name shared by several entries looks none of them up.
    shared_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not _NAME.match(self.name):
            raise ValueError(f"activation name {self.name!r} is not snake_case")
        for alias in (*self.aliases, *self.shared_names):
            if not _NAME.match(alias):
                raise ValueError(f"alias {alias!r} of {self.name} is not snake_case")
        if len(self.params) > MAX_PARAMS:
            raise ValueError(
                f"{self.name}: too many parameters ({len(self.params)}; the limit is {MAX_PARAMS})"
            )
        names = [p.name for p in self.params]
        if len(set(names)) != len(names):
            raise ValueError(f"{self.name}: parameter names repeat: {names}")
        for p in self.params:
            if p.above is not None and (p.above not in names or p.above == p.name):
                raise ValueError(f"{self.name}: {p.name} is above an unknown {p.above!r}")
        allowed = {X, *self.symbols.values()}
        stray = self.expr.free_symbols - allowed
        if stray:
            raise ValueError(f"{self.name}: undeclared symbols {sorted(map(str, stray))}")
        if not self.summary or "\n" in self.summary:
            raise ValueError(f"{self.name}: the summary must be one line")

    @property
    def x(self) -> sp.Symbol:
        """The variable: the real symbol `x`."""
        return X

    @cached_property
    def symbols(self) -> Mapping[str, sp.Symbol]:
        """Parameter symbols by name (built once: `at` and `of` look up every parameter)."""
        return {p.name: p.symbol for p in self.params}

    @property
    def defaults(self) -> dict[str, sp.Expr]:
        """Parameter defaults by name, as exact SymPy numbers."""
        return {p.name: p.value for p in self.params}

    def at(self, **values: sp.Expr | float) -> sp.Expr:
        """The expression with parameters set: defaults, overridden by `values`."""
        unknown = set(values) - set(self.symbols)
        if unknown:
            raise ValueError(f"{self.name} has no parameter {sorted(unknown)[0]!r}")
        chosen = {**self.defaults, **{k: exact_value(v) for k, v in values.items()}}
        return self.expr.subs({self.symbols[k]: v for k, v in chosen.items()})

    def of(self, u: sp.Expr, /, **params: sp.Expr) -> sp.Expr:
        """The expression at argument `u` (and optionally other parameter expressions):
        how composites are built from other entries."""
        subs: dict[sp.Expr, sp.Expr] = {self.symbols[k]: v for k, v in params.items()}
        subs[X] = u
        return self.expr.subs(subs, simultaneous=True)
