"""Same function as: which of a list of activations a function is, at their defaults or at
some parameter values.

A candidate is first compared at a few generic points (floats, cheap), then its parameters
are solved for where the function is not the candidate at its defaults (mpmath's `findroot`
on as many points as it has parameters, from its defaults and a few other starts), then the
match is checked at high precision over the whole line: a grid through every usual kink and
out to ±10³⁰⁰, each value to 40 digits, escalating the precision where two values disagree
(so a form that cancels is not mistaken for a different function). Only then does SymPy try
to prove f − g = 0 (`simplify`, within a budget): `exact` if it does, else `numeric` with the
evidence in the note. x·tanh(x) + x/1000 is not LiSHT: they differ by 10⁻³ of x everywhere.

The candidates are passed in (the analysis never imports the catalogue).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Literal

import mpmath as mp
import sympy as sp

from symact.analysis._budget import within
from symact.analysis._numeric import GUARDED, _namespace, real_value
from symact.declare import Activation, X
from symact.functions import to_elementary

__all__ = ["POINTS", "Match", "same_as"]

#: Generic points (no usual kink among them) for the first, cheap comparison.
PROBES = (-3.1, -1.3, -0.4, 0.3, 0.9, 1.7, 2.6, 4.2)


def _points() -> tuple[mp.mpf, ...]:
    grid = [mp.mpf(k) / 20 for k in range(-240, 241)]  # −12 … 12 by 1/20: every usual kink
    far = [mp.mpf(10) ** e for e in (-300, -30, -8, -3, 2, 3, 4, 6, 10, 20, 50, 100, 300)]
    more = [mp.mpf(v) for v in (15, 20, 30, 50, 1e-6 + 1, 6 + 2**-40)]
    return tuple(sorted({*grid, *far, *(-v for v in far), *more, *(-v for v in more)}))


#: The points of the full check: 481 on [−12, 12] and 38 out to ±10³⁰⁰.
POINTS = _points()
#: Digits of the full check, and the precisions a disagreement is recomputed at.
DIGITS, ESCALATE = 40, (120, 400)
#: Below this magnitude two values are both "0" (beyond the floats' range).
FLOOR = mp.mpf(10) ** -320
#: Seconds SymPy may try to prove a numeric match exact.
PROOF = 5.0


@dataclass(frozen=True)
class Match:
    """A candidate that is the same function: its name, the parameter values that make it so
    (all of its parameters), whether they are its defaults, and how it was shown."""

    name: str
    params: dict[str, sp.Expr] = field(default_factory=dict)
    at_defaults: bool = True
    how: Literal["exact", "numeric"] = "numeric"
    note: str = ""


Fn = Callable[..., object]


@functools.lru_cache(maxsize=512)
def _compiled(expr: sp.Expr, symbols: tuple[sp.Symbol, ...]) -> Fn:
    """`expr` as an mpmath function of x and `symbols` (kept: a catalogue's candidates are
    compiled once, not once per function compared with them)."""
    # lambdify prints our own SymPy tree (never a user's string) as mpmath code.
    return sp.lambdify([X, *symbols], expr, modules=[_namespace(), GUARDED, "mpmath"])  # type: ignore[no-any-return]


class _Fixed:
    """The function compared with the candidates, its values kept: the root search asks for
    them at the same few points at the same precisions, again and again."""

    def __init__(self, fn: Fn) -> None:
        self.fn = fn
        self.values: dict[tuple[mp.mpf, int], mp.mpf | None] = {}


def _value(fn: Fn | _Fixed, x: mp.mpf, q: Sequence[mp.mpf], dps: int) -> mp.mpf | None:
    """g(x; q) to `dps` digits (None where undefined): an mpf that keeps them."""
    if isinstance(fn, _Fixed):
        key = (x, dps)
        if key not in fn.values:
            fn.values[key] = real_value(fn.fn, (x,), dps)
        return fn.values[key]
    return real_value(fn, (x, *q), dps)


def _agree(a: mp.mpf | None, b: mp.mpf | None, digits: int) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if mp.isinf(a) or mp.isinf(b):
        return bool(a == b)
    if abs(a) < FLOOR and abs(b) < FLOOR:
        return True
    return bool(abs(a - b) <= mp.mpf(10) ** -digits * max(abs(a), abs(b)))


def _same_at(f: Fn | _Fixed, g: Fn, q: Sequence[mp.mpf], x: mp.mpf) -> bool:
    """Whether f(x) = g(x; q) to `DIGITS` digits, recomputed at higher precision where not."""
    for dps in (DIGITS + 20, *ESCALATE):
        if _agree(_value(f, x, (), dps), _value(g, x, q, dps), DIGITS):
            return True
    return False


def _probe(f: Fn | _Fixed, g: Fn, q: Sequence[mp.mpf], digits: int = 20) -> bool:
    """Whether f and g(·; q) agree to `digits` digits at every probe (a cheap first test)."""
    return all(
        _agree(_value(f, mp.mpf(x), (), 30), _value(g, mp.mpf(x), q, 30), digits) for x in PROBES
    )


#: Evaluations of the equations one `findroot` may make (a converging one takes a few dozen).
MAX_CALLS = 200


class _TooLongError(Exception):
    """A root search that took more than `MAX_CALLS` evaluations."""


def _root(
    f: Fn | _Fixed, g: Fn, xs: Sequence[mp.mpf], start: Sequence[mp.mpf], dps: int
) -> list[mp.mpf] | None:
    """Parameter values q with g(x; q) = f(x) at the points `xs` (one per parameter), by
    mpmath's `findroot` from `start` at `dps` digits; None where it does not converge."""

    calls = [0]

    def equations(*q: mp.mpf) -> object:
        calls[0] += 1
        if calls[0] > MAX_CALLS:  # mpmath's Newton can damp its step without end
            raise _TooLongError
        eqs = [_value(g, x, q, dps) - _value(f, x, (), dps) for x in xs]  # type: ignore[operator]
        return eqs[0] if len(eqs) == 1 else eqs

    with mp.workdps(dps):
        try:
            root = mp.findroot(
                equations,
                list(start) if len(start) > 1 else start[0],
                tol=mp.mpf(10) ** -(dps - 10),
                maxsteps=25,
            )
        except (ZeroDivisionError, ValueError, TypeError, OverflowError, _TooLongError):
            return None
        return [mp.mpf(root)] if len(start) == 1 else [mp.mpf(r) for r in root]


def _sensitive(g: Fn, q0: Sequence[mp.mpf]) -> list[mp.mpf]:
    """As many probes as there are parameters, where g(x; q) changes most with them at `q0`
    (ELU's α matters only below 0: a point above would leave it undetermined)."""
    h = mp.mpf(10) ** -8

    def change(x: mp.mpf) -> mp.mpf:
        base = _value(g, x, q0, 30)
        total = mp.mpf(0)
        for i in range(len(q0)):
            q = list(q0)
            q[i] += h * max(1, abs(q[i]))
            v = _value(g, x, q, 30)
            if base is None or v is None:
                return mp.mpf(0)
            total += abs(v - base) / (1 + abs(base))
        return total

    ranked = sorted((mp.mpf(x) for x in PROBES), key=change, reverse=True)
    return ranked[: len(q0)]


def _solve(f: _Fixed, g: Fn, act: Activation) -> list[mp.mpf] | None:
    """Parameter values q with g(x; q) = f(x) at as many probes as g has parameters: found
    at 25 digits from its defaults (and twice and minus them), then refined to 60 digits;
    None where no start converges to values in the parameters' declared domain that agree
    with f at every probe."""
    q0 = [_mpf(p.value) for p in act.params]
    sets = [_sensitive(g, q0), [mp.mpf(x) for x in (0.9, -1.3, 2.6)][: len(q0)]]
    tries = (
        (xs, _root(f, g, xs, start, 25))
        for start in (q0, [2 * v for v in q0], [-v for v in q0])
        for xs in sets
    )
    for xs, rough in tries:
        if rough is None or not _probe(f, g, rough, digits=12):
            continue
        q = _root(f, g, xs, rough, 60)
        if q is None or not _probe(f, g, q, digits=25):
            continue
        if all(p.admits(sp.Float(mp.nstr(v, 30), 30)) for p, v in zip(act.params, q, strict=True)):
            return q
    return None


def _mpf(v: sp.Expr) -> mp.mpf:
    """A parameter value to 80 digits (`mp.mpf` of a SymPy number keeps only the current
    precision, 15 digits by default: 1/100 would differ from itself at the 17th)."""
    with mp.workdps(80):
        return mp.mpf(sp.Float(v, 80))


def _exact(v: mp.mpf) -> sp.Expr:
    """A solved parameter value: the fraction with a small denominator it is to 35 digits,
    else its 30-digit decimal."""
    r = Fraction(str(mp.nstr(v, 50))).limit_denominator(10_000)
    if abs(mp.mpf(r.numerator) / r.denominator - v) <= mp.mpf(10) ** -35 * max(1, abs(v)):
        return sp.Rational(r.numerator, r.denominator)
    return sp.Float(mp.nstr(v, 30), 30)


def _proved(f: sp.Expr, g: sp.Expr) -> bool:
    d = to_elementary(f) - to_elementary(g)  # σ, Φ, softplus … by their definitions
    out = within(PROOF, partial(lambda e: sp.simplify(e) == 0, d), "simplify f − g")
    return bool(out.ok and out.value)


def same_as(expr: sp.Expr, candidates: Iterable[Activation], *, exclude: str = "") -> list[Match]:
    """The candidates that are the function `expr` (in x alone, numbers for its parameters),
    at their defaults or at parameter values found for them, each shown exactly or at
    `DIGITS` digits at every point of `POINTS` (never a guess: a candidate that fails one
    point is not a match). `exclude` names a candidate to leave out (the function itself)."""
    f = _Fixed(_compiled(expr, ()))
    out: list[Match] = []
    for act in candidates:
        if act.name == exclude:
            continue
        symbols = [p.symbol for p in act.params]
        g = _compiled(act.expr, tuple(symbols))
        q = [_mpf(p.value) for p in act.params]
        at_defaults = _probe(f, g, q)
        if not at_defaults:
            if not act.params:
                continue
            solved = _solve(f, g, act)
            if solved is None or not _probe(f, g, solved):
                continue
            q = solved
        values = {p.name: p.value for p in act.params}
        if not at_defaults:
            # each value a small fraction where it is one (then checked as that fraction),
            # else as solved (checked at its 60 digits, shown to 30)
            shown = [_exact(v) for v in q]
            mixed = [
                _mpf(s) if isinstance(s, sp.Rational) else v for s, v in zip(shown, q, strict=True)
            ]
            if not _probe(f, g, mixed):
                shown, mixed = [sp.Float(mp.nstr(v, 30), 30) for v in q], list(q)
            q = mixed
            values = {p.name: s for p, s in zip(act.params, shown, strict=True)}
            if not all(p.admits(v) for p, v in zip(act.params, values.values(), strict=True)):
                continue  # ISRU is x only at α = 0, outside its domain α > 0
        if not all(_same_at(f, g, q, x) for x in POINTS):
            continue
        g_expr = act.expr.subs({s: v for s, v in zip(symbols, values.values(), strict=True)})
        exact = all(isinstance(v, sp.Rational) or not v.is_Float for v in values.values())
        if exact and _proved(expr, g_expr):
            out.append(Match(act.name, values, at_defaults, "exact", "SymPy simplifies f − g to 0"))
        else:
            note = (
                f"equal to {DIGITS} digits at {len(POINTS)} points from −1e300 to 1e300"
                f" (481 on [−12, 12] by 1/20); SymPy did not prove it within {PROOF:g} s"
            )
            if not at_defaults:
                note = "parameters by mpmath findroot; " + note
            out.append(Match(act.name, values, at_defaults, "numeric", note))
    return out
