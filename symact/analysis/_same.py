"""Same function as: which of a list of activations a function is, at their defaults or at
some parameter values.

A candidate is first compared at a few generic points (floats, cheap), then its parameters
are solved for where the function is not the candidate at its defaults (on as many points as
it has parameters, from its defaults and a few other starts: in floats by MINPACK's hybrid
method, `scipy.optimize.root`, where both functions evaluate in floats at those points — a
float root that agrees with the function at every probe is then refined by mpmath's `findroot`
— else by mpmath's `findroot` from each start), then the
match is checked at high precision over the whole line: a grid through every usual kink and
out to ±10³⁰⁰, each value to 40 digits, escalating the precision where two values disagree
(so a form that cancels is not mistaken for a different function). Only then does SymPy try
to prove f − g = 0 (`simplify`, within a budget): `exact` if it does, else `numeric` with the
evidence in the note. x·tanh(x) + x/1000 is not LiSHT: they differ by 10⁻³ of x everywhere.

The candidates are passed in (the analysis never imports the catalogue).
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import partial
from typing import Literal, TypeVar

import mpmath as mp
import numpy as np
import sympy as sp

from symact.analysis._budget import bounded
from symact.analysis._numeric import GUARDED, _namespace, real_value
from symact.declare import Activation, X
from symact.functions import PRIMITIVES, to_elementary

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
T = TypeVar("T", float, mp.mpf)


@functools.lru_cache(maxsize=512)
def _compiled(expr: sp.Expr, symbols: tuple[sp.Symbol, ...]) -> Fn:
    """`expr` as an mpmath function of x and `symbols` (kept: a catalogue's candidates are
    compiled once, not once per function compared with them)."""
    # lambdify prints our own SymPy tree (never a user's string) as mpmath code.
    return sp.lambdify([X, *symbols], expr, modules=[_namespace(), GUARDED, "mpmath"])  # type: ignore[no-any-return]


@functools.cache
def _float_namespace() -> dict[str, Callable[[float], float]]:
    u = sp.Dummy("u")
    # each primitive by its definition, printed by SymPy as Python `math` code
    return {n: sp.lambdify(u, c.definition(u), modules="math") for n, c in PRIMITIVES.items()}


@functools.lru_cache(maxsize=512)
def _compiled_float(expr: sp.Expr, symbols: tuple[sp.Symbol, ...]) -> Fn:
    """`expr` as a Python float function of x and `symbols` (`math`'s functions; one it
    lacks, such as Lambert W, raises NameError when called: the caller then uses mpmath)."""
    return sp.lambdify([X, *symbols], expr, modules=[_float_namespace(), "math"])  # type: ignore[no-any-return]


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


class _NoFloatError(Exception):
    """A function that does not evaluate to a finite float where the float search needs it."""


def _float(fn: Fn, *args: float) -> float:
    try:
        v = fn(*args)
    except Exception as exc:  # a domain error, an overflow, a function `math` lacks
        raise _NoFloatError from exc
    if isinstance(v, complex) or not isinstance(v, float | int) or not math.isfinite(v):
        raise _NoFloatError
    return float(v)


#: How closely (relative to the function's size at the probes) a float root must make the
#: candidate agree with the function at every probe to be refined by mpmath: loose, since only
#: the refined root is checked for the match; a true match agrees to about 10⁻¹².
FLOAT_AGREE = 1e-6


def _float_root(
    g: Fn, fx: dict[float, float], xs: Sequence[float], start: Sequence[float], scale: float
) -> list[float] | None:
    """Float values q with g(x; q) = f(x) at the points `xs` (f's values in `fx`), by
    MINPACK's hybrid method from `start`, if they make g agree with f at every probe to
    `FLOAT_AGREE` of `scale`; None also where there are fewer points than parameters."""
    if len(xs) != len(start):
        return None
    import scipy.optimize  # here: importing it costs every command 0.35 s (`symact show`)

    def equations(q: np.ndarray) -> list[float]:
        return [_float(g, x, *q) - fx[x] for x in xs]

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # MINPACK's "not making progress"
            sol = scipy.optimize.root(
                equations, list(start), method="hybr", options={"maxfev": MAX_CALLS}
            )
        q = [float(v) for v in np.atleast_1d(sol.x)]
        near = all(abs(_float(g, x, *q) - fx[x]) <= FLOAT_AGREE * scale for x in PROBES)
    except _NoFloatError:
        return None
    return q if near else None


def _partial(g: Fn, fixed: dict[int, float], k: int) -> Fn:
    """g with the parameters of `fixed` (index → value) fixed: a function of x and the others."""

    def at(x: object, *free: object) -> object:
        rest = iter(free)
        return g(x, *(fixed[i] if i in fixed else next(rest) for i in range(k)))

    return at


def _starts(q0: Sequence[T]) -> list[list[T]]:
    """The starts of a parameter search: the defaults, twice and minus them."""
    return [list(q0), [2 * v for v in q0], [-v for v in q0]]  # type: ignore[operator]


def _float_roots(
    f: Fn, g: Fn, q0: Sequence[float], sets: Sequence[Sequence[float]]
) -> list[tuple[list[float], set[int]]] | None:
    """Float parameter values q with g(x; q) = f(x) at each set of points in `sets`, from the
    starts of `_solve`, that make g agree with f at every probe to `FLOAT_AGREE`: the roots
    worth refining, in the order found, each with the indices of the parameters it leaves at
    their defaults. Where the values are not unique (MPELU with α = 0 is ReLU for every β),
    each parameter in turn keeps its default if the others can still be solved for with it,
    from the root or from their defaults (shown as β at its default, not as an arbitrary
    1.00000001). None when f, or g at its defaults, does not evaluate to a finite float at
    every probe (the search then runs in mpmath)."""
    try:
        fx = {x: _float(f, x) for x in PROBES}
        for x in PROBES:
            _float(g, x, *q0)
    except _NoFloatError:
        return None
    scale = max(1.0, *(abs(v) for v in fx.values()))
    k = len(q0)
    found: list[tuple[list[float], set[int]]] = []
    for start in _starts(q0):
        for xs in sets:
            q = _float_root(g, fx, xs, start, scale)
            if q is None:
                continue
            pinned: set[int] = set()
            for i in range(k):
                trial = pinned | {i}
                free = [j for j in range(k) if j not in trial]
                if not free:
                    break
                fixed = {j: q0[j] for j in trial}
                h, m = _partial(g, fixed, k), len(free)
                others = next(
                    (
                        r
                        for begin in ([q[j] for j in free], [q0[j] for j in free])
                        for pts in sets
                        if (r := _float_root(h, fx, pts[:m], begin, scale)) is not None
                    ),
                    None,
                )
                if others is not None:
                    pinned = trial
                    q = [fixed[j] if j in trial else others[free.index(j)] for j in range(k)]
            if (q, pinned) not in found:
                found.append((q, pinned))
    return found


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


def _solve(
    f: _Fixed, g: Fn, act: Activation, floats: tuple[Fn, Fn] | None
) -> tuple[list[mp.mpf], str] | None:
    """Parameter values q with g(x; q) = f(x) at as many probes as g has parameters: found
    from its defaults (and twice and minus them) in floats (`floats`: f and g as float
    functions, see `_float_roots`) or else at 25 digits, then refined to 60 digits; None where
    no start converges to values in the parameters' declared domain that agree with f at
    every probe. With the values, how they were found (for the match's note)."""
    q0 = [_mpf(p.value) for p in act.params]
    sets = [_sensitive(g, q0), [mp.mpf(x) for x in (0.9, -1.3, 2.6)][: len(q0)]]
    roots: list[tuple[list[mp.mpf] | list[float], set[int]]] | None = None
    if floats is not None:
        roots = _float_roots(
            *floats, [float(v) for v in q0], [[float(x) for x in xs] for xs in sets]
        )
    how = "parameters by scipy.optimize.root in floats, refined by mpmath findroot"
    if roots is None:
        roots = [(start, set()) for start in _starts(q0)]
        how = "parameters by mpmath findroot"
    k = len(q0)
    for start, pinned in roots:
        fixed = {j: q0[j] for j in pinned}
        h = _partial(g, fixed, k) if fixed else g
        free = [j for j in range(k) if j not in pinned]
        # where the free parameters matter (not where the pinned ones did)
        points = [_sensitive(h, [q0[j] for j in free]), sets[1]] if fixed else sets
        for xs in points:
            q = _refined(f, h, xs[: len(free)], [mp.mpf(start[j]) for j in free])
            if q is None:
                continue
            full = [fixed[j] if j in pinned else q[free.index(j)] for j in range(k)]
            if _admitted(act, [sp.Float(mp.nstr(v, 30), 30) for v in full]):
                return full, how
    return None


def _admitted(act: Activation, values: Sequence[sp.Expr]) -> bool:
    """Whether parameter values lie in `act`'s declared domain: each parameter's sign, and
    each one declared `above` another greater than it (hardtanh's max_val > min_val)."""
    named = {p.name: v for p, v in zip(act.params, values, strict=True)}
    return all(p.admits(v) for p, v in zip(act.params, values, strict=True)) and all(
        bool(named[p.name] > named[p.above]) for p in act.params if p.above is not None
    )


def _refined(
    f: _Fixed, g: Fn, xs: Sequence[mp.mpf], start: Sequence[mp.mpf]
) -> list[mp.mpf] | None:
    """Parameter values q with g(x; q) = f(x) at `xs`, from `start`: found at 25 digits, then
    refined to 60; None unless each makes g agree with f at every probe (to 12 digits, then 25)."""
    rough = _root(f, g, xs, start, 25)
    if rough is None:
        return None
    # A root the equations cannot pin down in relative terms (β of α·(e^(βx) − 1) = 0 comes
    # out as 10⁻²⁷, which fails a relative check at the probes) is tried as the small
    # fraction it is within 10⁻²⁰ first.
    near = [_fraction(v) for v in rough]
    for q in (near, rough) if near != rough else (rough,):
        if _probe(f, g, q, digits=12):
            q = _root(f, g, xs, q, 60) or []
            if q and _probe(f, g, q, digits=25):
                return q
    return None


def _fraction(v: mp.mpf) -> mp.mpf:
    """`v`, or the fraction with a denominator up to 10⁴ it is within 10⁻²⁰ of."""
    r = Fraction(str(mp.nstr(v, 30))).limit_denominator(10_000)
    with mp.workdps(80):
        exact = mp.mpf(r.numerator) / r.denominator
        return exact if abs(exact - v) <= mp.mpf(10) ** -20 * max(1, abs(v)) else v


def _mpf(v: sp.Expr) -> mp.mpf:
    """A parameter value to 80 digits (`mp.mpf` of a SymPy number keeps only the current
    precision, 15 digits by default: 1/100 would differ from itself at the 17th)."""
    with mp.workdps(80):
        return mp.mpf(sp.Float(v, 80))


def _exact(v: mp.mpf) -> sp.Expr:
    """A solved parameter value: the fraction with a small denominator it is to 35 digits,
    else its 30-digit decimal."""
    r = Fraction(str(mp.nstr(v, 50))).limit_denominator(10_000)
    with mp.workdps(80):  # (at the default 15 digits, 11/48 would differ from itself)
        near = abs(mp.mpf(r.numerator) / r.denominator - v) <= mp.mpf(10) ** -35 * max(1, abs(v))
    if near:
        return sp.Rational(r.numerator, r.denominator)
    return sp.Float(mp.nstr(v, 30), 30)


#: Seconds for the cheap proof tried before `simplify`: f − g in exponentials, as one fraction.
QUICK_PROOF = 1.0


def _in_exponentials(d: sp.Expr) -> bool:
    """Whether `d`, with tanh, sinh, cosh … written with exp, cancels to 0 as one fraction:
    a proof (an identity of the fraction's generators holds whatever they are), found in
    milliseconds where `simplify` may run out of time (x·σ(1.702x) − x(1 + tanh(0.851x))/2)."""
    return bool(sp.cancel(sp.together(d.rewrite(sp.exp))) == 0)


def _proof(f: sp.Expr, g: sp.Expr) -> str | None:
    """How SymPy proves f − g = 0, or None where it does not within its budgets."""
    d = to_elementary(f) - to_elementary(g)  # σ, Φ, softplus … by their definitions
    quick = bounded(QUICK_PROOF, partial(_in_exponentials, d), "f − g in exponentials")
    if quick.ok and quick.value:
        return "SymPy cancels f − g, written with exp, to 0"
    out = bounded(PROOF, partial(lambda e: sp.simplify(e) == 0, d), "simplify f − g")
    return "SymPy simplifies f − g to 0" if out.ok and out.value else None


def same_as(expr: sp.Expr, candidates: Iterable[Activation], *, exclude: str = "") -> list[Match]:
    """The candidates that are the function `expr` (in x alone, numbers for its parameters),
    at their defaults or at parameter values found for them, each shown exactly or at
    `DIGITS` digits at every point of `POINTS` (never a guess: a candidate that fails one
    point is not a match). `exclude` names a candidate to leave out (the function itself)."""
    f = _Fixed(_compiled(expr, ()))
    f_float = _compiled_float(expr, ())
    out: list[Match] = []
    for act in candidates:
        if act.name == exclude:
            continue
        symbols = [p.symbol for p in act.params]
        g = _compiled(act.expr, tuple(symbols))
        q = [_mpf(p.value) for p in act.params]
        at_defaults, how = _probe(f, g, q), ""
        if not at_defaults:
            if not act.params:
                continue
            solved = _solve(f, g, act, (f_float, _compiled_float(act.expr, tuple(symbols))))
            if solved is None or not _probe(f, g, solved[0]):
                continue
            q, how = solved
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
            if not _admitted(act, list(values.values())):
                continue  # ISRU is x only at α = 0, outside its domain α > 0
        if not all(_same_at(f, g, q, x) for x in POINTS):
            continue
        g_expr = act.expr.subs({s: v for s, v in zip(symbols, values.values(), strict=True)})
        exact = all(isinstance(v, sp.Rational) or not v.is_Float for v in values.values())
        proof = _proof(expr, g_expr) if exact else None
        if proof is not None:
            out.append(Match(act.name, values, at_defaults, "exact", proof))
        else:
            note = (
                f"equal to {DIGITS} digits at {len(POINTS)} points from −1e300 to 1e300"
                f" (481 on [−12, 12] by 1/20); SymPy did not prove it within {PROOF:g} s"
            )
            if not at_defaults:
                note = f"{how}; {note}"
            out.append(Match(act.name, values, at_defaults, "numeric", note))
    return out
