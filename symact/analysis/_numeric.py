"""High-precision numerics used as evidence and as fallbacks: mpmath evaluation, grid scans,
bracketed root refinement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property
from typing import overload

import mpmath as mp
import sympy as sp

from symact._store import memo
from symact.functions import PRIMITIVES, normal_cdf, normal_pdf, softplus

__all__ = [
    "DPS",
    "ESCALATION",
    "GRID",
    "GUARDED",
    "HUGE",
    "ROOT_TOL",
    "TINY",
    "evaluator",
    "guard_hits",
    "sign_changes",
    "sign_evaluator",
    "to_float",
]

#: Working precision (decimal digits) of every numeric step.
DPS = 60
#: Roots are refined by bisection until the bracket is narrower than this (relative).
ROOT_TOL = 1e-30


class _Grid(Sequence[mp.mpf]):
    """The scan grid: 1001 sinh-spaced points, 0.02 apart near the origin and sparser far out,
    reaching about ±1.1e4. Computed on first use (it costs 60 ms)."""

    @cached_property
    def _points(self) -> tuple[mp.mpf, ...]:
        with mp.workdps(DPS):
            return tuple(mp.sinh(mp.mpf(i) / 50) for i in range(-500, 501))

    @cached_property
    def members(self) -> frozenset[mp.mpf]:
        """The points, for membership tests."""
        return frozenset(self._points)

    @overload
    def __getitem__(self, i: int) -> mp.mpf: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[mp.mpf]: ...
    def __getitem__(self, i: int | slice) -> mp.mpf | Sequence[mp.mpf]:
        return self._points[i]

    def __len__(self) -> int:
        return len(self._points)


#: The scan grid (see `_Grid`).
GRID = _Grid()

Evaluator = Callable[[mp.mpf], mp.mpf | None]


#: Beyond this |argument| (larger than any float), exp, sinh, cosh and tanh are taken as their
#: limits: exp(e^(10³⁰⁸)) would need more memory than any machine has (GMP aborts), and
#: exp(−e^(10⁸)) minutes. The limits are closer to the values than any working precision.
HUGE = mp.mpf(2) ** 1100

#: How many times a guard below took a limit instead of a value (an inf from it may make a
#: result NaN, which then says "mpmath cannot tell", not "undefined").
guard_hits = [0]


def _huge(u: mp.mpf) -> bool:
    if abs(u) > HUGE:
        guard_hits[0] += 1
        return True
    return False


def _exp(u: mp.mpf) -> mp.mpf:
    if _huge(u):
        return mp.inf if u > 0 else mp.mpf(0)
    return mp.exp(u)


def _tanh(u: mp.mpf) -> mp.mpf:
    return mp.sign(u) * 1 if _huge(u) else mp.tanh(u)


def _cosh(u: mp.mpf) -> mp.mpf:
    return mp.inf if _huge(u) else mp.cosh(u)


def _sinh(u: mp.mpf) -> mp.mpf:
    return mp.sign(u) * mp.inf if _huge(u) else mp.sinh(u)


def _erf(u: mp.mpf) -> mp.mpf:
    return mp.sign(u) * 1 if _huge(u) else mp.erf(u)  # mpmath's erf overflows there


def _erfc(u: mp.mpf) -> mp.mpf:
    return (mp.mpf(0) if u > 0 else mp.mpf(2)) if _huge(u) else mp.erfc(u)


def _periodic(fn: Callable[[mp.mpf], mp.mpf]) -> Callable[[mp.mpf], mp.mpf]:
    """sin, cos or tan, NaN beyond `HUGE`: no float's sine is asked there, and reducing the
    argument by π would need π to as many bits as its exponent (h_siren's sin(sinh(2x)) at
    x = 10³⁰⁴ makes mpmath recurse without end)."""

    def guarded(u: mp.mpf) -> mp.mpf:
        return mp.nan if _huge(u) else fn(u)

    return guarded


#: mpmath's exp, tanh, cosh, sinh, erf, erfc, sin, cos and tan, guarded (see `HUGE`): a
#: namespace for `lambdify`.
GUARDED: dict[str, Callable[[mp.mpf], mp.mpf]] = {
    "exp": _exp,
    "tanh": _tanh,
    "cosh": _cosh,
    "sinh": _sinh,
    "erf": _erf,
    "erfc": _erfc,
    "sin": _periodic(mp.sin),
    "cos": _periodic(mp.cos),
    "tan": _periodic(mp.tan),
}


#: mpmath functions for the primitives whose elementary definitions cancel in a tail (log(1 + e^u)
#: and 1 + erf(u) are 0 at any fixed precision far enough out). The others use their definitions.
_ACCURATE: dict[type, Callable[[mp.mpf], mp.mpf]] = {
    softplus: lambda u: mp.log1p(_exp(u)),
    normal_cdf: mp.ncdf,
    normal_pdf: mp.npdf,
}


@memo(maxsize=1)
def _namespace() -> dict[str, Callable[[mp.mpf], object]]:
    u = sp.Dummy("u")
    return {
        name: _ACCURATE.get(cls) or sp.lambdify(u, cls.definition(u), modules=[GUARDED, "mpmath"])
        for name, cls in PRIMITIVES.items()
    }


@memo(maxsize=512)
def _compiled(expr: sp.Expr, x: sp.Symbol) -> Callable[[mp.mpf], object]:
    # lambdify prints our own SymPy tree (never a user's string) as mpmath code.
    return sp.lambdify(x, expr, modules=[_namespace(), GUARDED, "mpmath"])  # type: ignore[no-any-return]


def evaluator(expr: sp.Expr, x: sp.Symbol, dps: int = DPS) -> Evaluator:
    """A function computing `expr` at a point with `dps` digits; `None` where undefined.

    The value is accurate to about 10^(−dps) times the size of the terms that make it up: enough
    to compare it with a limit or another value, not to trust the sign of a value near 0 (see
    [`sign_evaluator`][symact.analysis._numeric.sign_evaluator])."""
    fn = _compiled(expr, x)

    def at(v: mp.mpf) -> mp.mpf | None:
        return real_value(fn, (v,), dps)

    return at


def real_value(fn: Callable[..., object], args: tuple[object, ...], dps: int) -> mp.mpf | None:
    """`fn(*args)` at `dps` digits as a real mpf: None where it raises, is NaN, or is complex
    beyond rounding (an imaginary part above 10^(−dps/2) of its size). The arguments become
    mpf at `dps` digits, not at the caller's precision."""
    with mp.workdps(dps):
        try:
            r = fn(*(mp.mpf(a) for a in args))
        except (ZeroDivisionError, ValueError, OverflowError, TypeError, MemoryError):
            return None
        if isinstance(r, mp.mpc):
            if abs(r.imag) > mp.mpf(10) ** (-dps // 2) * (1 + abs(r.real)):
                return None
            r = r.real
        try:
            r = mp.mpf(r)
        except (TypeError, ValueError):
            return None
        return None if mp.isnan(r) else r


#: Precisions (multiples of `DPS`) at which `sign_evaluator` recomputes a tiny value.
ESCALATION = (2, 4, 8)
#: Two precisions agree when their values differ by less than this (relative).
_AGREE = mp.mpf(10) ** -10
#: Half the digits of `DPS`: values at most this large are recomputed by `sign_evaluator`, and
#: two values closer than this (relative) count as equal throughout the analysis.
TINY = mp.mpf(10) ** -(DPS // 2)


def sign_evaluator(expr: sp.Expr, x: sp.Symbol) -> Evaluator:
    """Like [`evaluator`][symact.analysis._numeric.evaluator], for callers that need the sign
    (root scans): `None` where the sign cannot be told.

    Terms that cancel lose every digit at a fixed precision: far out, 1 − σ(x) or 1 + tanh(u)
    are exactly 0 at 60 digits, and their rounding noise looks like sign changes. So a value
    below 10^(−DPS/2) is recomputed at `ESCALATION` times the digits until two precisions agree
    to 10 digits, the lower one carrying 10 digits more than the value's magnitude (a term of
    order 1 absorbed there, as e⁻⁷⁰⁰ in log(1 + e⁻⁷⁰⁰), would move it by less). A value that
    is 0 at every precision is 0 only if SymPy, given the point exactly, evaluates `expr` to 0
    there (as σ″(0)).
    """
    at = {k: evaluator(expr, x, k * DPS) for k in ESCALATION}
    first = _shifted(expr, x)

    def signed(v: mp.mpf) -> mp.mpf | None:
        coarse = first(v)
        if coarse is None or abs(coarse) > TINY:
            return coarse
        low = 1
        for k in ESCALATION:
            if coarse != 0 and _needs(coarse) > ESCALATION[-2] * DPS:
                return None  # too small to confirm even at the highest precision
            finer = at[k](v)
            if finer is None:
                return None
            agree = finer != 0 and abs(finer - coarse) <= _AGREE * abs(finer)
            if agree and low * DPS >= _needs(finer):
                return finer
            coarse, low = finer, k
        return mp.mpf(0) if coarse == 0 and _exactly_zero(expr, x, v) else None

    return signed


def _shifted(expr: sp.Expr, x: sp.Symbol) -> Evaluator:
    """`expr` at `DPS` digits as h(x) + c, its part that depends on x plus a constant, with the
    values of h on the grid kept: the scans for f' = 0, f' = ε and f' = −ε (critical points,
    saturation) evaluate f' on the grid once, not three times."""
    c, h = expr.as_independent(x, as_Add=True)
    base, memo, grid = evaluator(h, x), _grid_values(h, x), GRID.members
    with mp.workdps(DPS):
        shift = mp.mpf(sp.N(c, DPS)) if c != 0 else mp.mpf(0)

    def at(v: mp.mpf) -> mp.mpf | None:
        if v in memo:
            hv = memo[v]
        else:
            hv = base(v)
            if v in grid:
                memo[v] = hv
        if hv is None:
            return None
        with mp.workdps(DPS):
            return hv + shift

    return at


@memo(maxsize=16)
def _grid_values(h: sp.Expr, x: sp.Symbol) -> dict[mp.mpf, mp.mpf | None]:
    """The values of `h` at grid points computed so far (filled by `_shifted`). Few are kept:
    the scans that share them run within one analysis."""
    return {}


def _needs(v: mp.mpf) -> int:
    """Digits of working precision a value needs: its magnitude, and 10 more."""
    return int(-mp.log10(abs(v))) + 10 if abs(v) < 1 else 0


def _exactly_zero(expr: sp.Expr, x: sp.Symbol, v: mp.mpf) -> bool:
    """Whether SymPy's automatic evaluation of `expr` at the exact value of `v` gives 0 (no
    `simplify`: this only confirms zeros as plain as σ″(0))."""
    man, exp = mp.mpf(v).man_exp  # |v| = man·2^exp
    exact = int(mp.sign(v)) * sp.Integer(man) * sp.Integer(2) ** exp
    try:
        return bool(expr.xreplace({x: exact}) == 0)
    except (ZeroDivisionError, ValueError, TypeError):
        return False


def to_float(v: object) -> float:
    """A float from an mpmath or SymPy number."""
    return float(v)  # type: ignore[arg-type]


def sign_changes(
    g: Evaluator, lo: mp.mpf, hi: mp.mpf, points: Sequence[mp.mpf] = GRID
) -> list[mp.mpf]:
    """Roots of `g` in the open interval (lo, hi) where `g` changes sign between grid points,
    refined to `ROOT_TOL` (relative) by `_refine`. Exact zeros on the grid count as roots; a
    point where `g` is `None` (undefined, or a sign too small to tell: use a
    [`sign_evaluator`][symact.analysis._numeric.sign_evaluator]) breaks the chain of signs.

    Two roots between neighbouring grid points leave no sign change (a narrow peak of
    sinc′ − 0.01 at x ≈ 97 between points 2 apart). So where |g| has a local minimum on the grid
    between neighbours of the same sign, closer to 0 than those neighbours are to it, the
    extremum of `g` between the neighbours is sought (golden section); if `g` changes sign
    there, both roots are refined."""
    xs = [p for p in points if lo < p < hi]
    vals = [g(p) for p in xs]
    roots: list[mp.mpf] = []
    prev_x: mp.mpf | None = None
    prev_v = mp.mpf(0)
    prev_s = 0
    for p, v in zip(xs, vals, strict=True):
        if v is None:
            prev_x, prev_s = None, 0
            continue
        s = 0 if v == 0 else (1 if v > 0 else -1)
        if s == 0:
            roots.append(p)
        elif prev_x is not None and prev_s != 0 and s != prev_s:
            roots.append(_refine(g, prev_x, p, prev_v, v))
        if s != 0 or prev_x is None:
            prev_x, prev_v, prev_s = p, v, s
        else:
            prev_x, prev_s = None, 0
    for k in range(1, len(xs) - 1):
        u, v, w = vals[k - 1], vals[k], vals[k + 1]
        if u is None or v is None or w is None or v == 0:
            continue
        sign = 1 if v > 0 else -1
        if sign * u <= 0 or sign * w <= 0 or not (abs(v) < abs(u) and abs(v) < abs(w)):
            continue
        if abs(v) >= (abs(u) - abs(v)) + (abs(w) - abs(v)):
            continue  # the grid's curvature cannot reach 0 here
        t = _closest_to_zero(g, xs[k - 1], xs[k + 1], sign)
        tv = None if t is None else g(t)
        if t is not None and tv is not None and sign * tv < 0:
            roots.append(_refine(g, xs[k - 1], t, u, tv))
            roots.append(_refine(g, t, xs[k + 1], tv, w))
    return sorted(roots)


def _closest_to_zero(g: Evaluator, a: mp.mpf, b: mp.mpf, sign: int) -> mp.mpf | None:
    """Where sign·g is smallest on (a, b), by golden-section search (60 steps): a point of
    the other sign as soon as one is met."""
    r = (mp.sqrt(5) - 1) / 2
    with mp.workdps(DPS):
        c, d = b - r * (b - a), a + r * (b - a)
        gc, gd = g(c), g(d)
        for _ in range(60):
            if gc is None or gd is None:
                return None
            if sign * gc < 0:
                return c
            if sign * gd < 0:
                return d
            if sign * gc < sign * gd:
                b, d, gd = d, c, gc
                c = b - r * (b - a)
                gc = g(c)
            else:
                a, c, gc = c, d, gd
                d = a + r * (b - a)
                gd = g(d)
        return c


def _refine(g: Evaluator, a: mp.mpf, b: mp.mpf, fa: mp.mpf, fb: mp.mpf) -> mp.mpf:
    """The root of `g` in (a, b), given g(a) = `fa` and g(b) = `fb` of opposite signs, to
    `ROOT_TOL` (relative): regula falsi with the Anderson–Björck rule (an end kept twice in a
    row has its value scaled by 1 − g(c)/g(other end), or halved where that is not positive, so
    both ends close in; on e^(40u) − 1 over a wide bracket it needs half the evaluations the
    Illinois rule's plain halving does), and a bisection step after two steps in a row that did
    not halve the bracket. A simple root takes 5–65 evaluations where bisection takes about
    100; a multiple or flat root (slow for regula falsi) at most three times bisection's. The
    bracket always holds a sign change; a point where `g` is 0, or its sign cannot be told,
    is the root."""
    with mp.workdps(DPS):
        kept = 0  # -1: a was kept last step, +1: b was kept
        slow = 0  # steps in a row that did not halve the bracket
        for _ in range(800):
            width, m = b - a, (a + b) / 2
            if width <= ROOT_TOL * max(1, abs(m)):
                return m
            c = m if slow >= 2 else (a * fb - b * fa) / (fb - fa)
            if not a < c < b:
                c = m
            v = g(c)
            if v is None or v == 0:
                return c
            if (v > 0) == (fa > 0):
                if kept == 1:  # b kept again: scale its value (Anderson–Björck)
                    k = 1 - v / fa
                    fb *= k if k > 0 else mp.mpf(1) / 2
                a, fa = c, v
                kept = 1
            else:
                if kept == -1:
                    k = 1 - v / fb
                    fa *= k if k > 0 else mp.mpf(1) / 2
                b, fb = c, v
                kept = -1
            slow = slow + 1 if slow < 2 and b - a > width / 2 else 0
        return (a + b) / 2
