"""Accuracy of float functions against the high-precision reference, in ULPs.

The standard ([`check`][symact.numerics._accuracy.check]): wherever the true value is a normal
float of the type, the error is at most `2 + |x·f'(x)/f(x)|` ULPs of the true value — the error a
one-ULP change of the input explains (the condition number) plus two rounding errors. Where the
true value overflows the result must be the signed inf; where it is below the normal range the
result must be within one smallest-normal of it; where the reference finds 0 the result must be
0 or subnormal; where the function is undefined the result must be NaN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import mpmath as mp
import numpy as np
import sympy as sp
from numpy.typing import NDArray

from symact.analysis._pieces import to_piecewise
from symact.declare import X
from symact.numerics._plan import Plan
from symact.numerics._reference import MAX_DPS, reference

__all__ = ["Miss", "Result", "breakpoints", "check", "grid"]


@dataclass(frozen=True)
class Miss:
    """One point where a function fails the standard."""

    x: float
    got: float
    true: str
    ulps: float
    allowed: float
    why: str

    def __str__(self) -> str:
        return f"x={self.x!r}: got {self.got!r}, true {self.true}: {self.why}"

    @property
    def spurious(self) -> bool:
        """A wrong kind of answer (NaN, inf, 0, a value for an undefined point), not just an
        error of some ULPs beyond the allowance."""
        return self.ulps == 0 or self.got == 0


@dataclass(frozen=True)
class Result:
    """Accuracy of one function over a set of points."""

    points: int
    checked: int
    worst_ulps: float
    worst_x: float
    misses: tuple[Miss, ...]

    @property
    def ok(self) -> bool:
        return not self.misses

    @property
    def spurious(self) -> tuple[Miss, ...]:
        """The misses that are wrong answers rather than excess ULPs."""
        return tuple(m for m in self.misses if m.spurious)


def breakpoints(plan: Plan) -> list[float]:
    """Every number the plan's conditions compare x with: kinks, jumps, tail thresholds, the
    radii of Taylor polynomials. Errors like to hide there."""
    out: set[float] = set()
    for b in plan.branches:
        for rel in b.cond.atoms(sp.Rel):
            for side in (rel.lhs, rel.rhs):
                if side.is_number and side.is_finite and side.is_real:
                    out.add(float(side))
    return sorted(out)


def grid(dtype: type[np.floating], around: Iterable[float] = ()) -> NDArray[np.floating]:
    """Points covering the whole range of `dtype`: ±0, subnormals, every few binades from the
    smallest to the largest float, a dense sweep of [−60, 60], and a few ULPs either side of
    each point in `around`."""
    fi = np.finfo(dtype)
    pos: list[float] = [
        float(fi.smallest_subnormal),
        float(fi.smallest_subnormal) * 3,
        float(fi.smallest_normal) / 3,
        float(fi.smallest_normal),
        float(fi.max),
    ]
    lo, hi = int(np.log2(float(fi.smallest_normal))), int(np.log2(float(fi.max)))
    pos += [2.0**e * m for e in range(lo, hi + 1, 9) for m in (1.0, 1.37)]
    pos += [*np.linspace(0, 60, 161)[1:], 0.1, 0.2, 0.3, 0.7, 20.5, 709.78, 711.5, 745.2]
    pts = [0.0, *pos, *(-p for p in pos)]
    with np.errstate(over="ignore"):
        for a in around:
            v = dtype(a)
            if not np.isfinite(v):
                continue
            up, down = v, v
            pts.append(float(v))
            for _ in range(3):
                up, down = np.nextafter(up, dtype(np.inf)), np.nextafter(down, dtype(-np.inf))
                pts += [float(up), float(down)]
            for d in (1e-9, 1e-6, 1e-3):
                pts += [float(a) + d * max(1.0, abs(a)), float(a) - d * max(1.0, abs(a))]
    xs = np.array(pts, dtype=np.float64).astype(dtype)
    xs = xs[np.isfinite(xs)]
    return np.unique(xs)  # type: ignore[no-any-return]


def _ulp(t: mp.mpf, mant: int) -> mp.mpf:
    _, e = mp.frexp(t)  # |t| = m·2^e with 1/2 ≤ m < 1
    return mp.ldexp(mp.mpf(1), int(e) - mant)


def check(
    f: Callable[[NDArray[np.floating]], NDArray[np.floating]],
    plan: Plan,
    xs: NDArray[np.floating],
) -> Result:
    """Measure `f` (a vectorised function of `plan`) at `xs` against the standard."""
    with mp.workdps(40):
        return _check(f, plan, xs)


def _check(
    f: Callable[[NDArray[np.floating]], NDArray[np.floating]],
    plan: Plan,
    xs: NDArray[np.floating],
) -> Result:
    dtype = xs.dtype
    fi = np.finfo(dtype)
    mant = fi.nmant + 1
    tiny, big = mp.mpf(float(fi.smallest_normal)), mp.mpf(float(fi.max))
    overflow = big * (1 + mp.ldexp(1, -mant))  # values from here on round to inf
    got = np.asarray(f(xs))
    ref = reference(plan.source)
    slope = reference(to_piecewise(sp.diff(to_piecewise(plan.source), X)))
    misses: list[Miss] = []
    worst, worst_x, checked = 0.0, float("nan"), 0
    for xv, gv in zip(xs.tolist(), got.tolist(), strict=True):
        t = ref(xv)
        if t is None:
            if not np.isnan(gv) and ref.undefined(xv):
                misses.append(Miss(xv, gv, "undefined", 0, 0, "should be NaN"))
            continue
        checked += 1
        if np.isnan(gv):
            misses.append(Miss(xv, gv, mp.nstr(t, 17), 0, 0, "spurious NaN"))
            continue
        if abs(t) >= overflow:
            if gv != (np.inf if t > 0 else -np.inf):
                misses.append(Miss(xv, gv, mp.nstr(t, 17), 0, 0, "should overflow to inf"))
            continue
        if np.isinf(gv):
            misses.append(Miss(xv, gv, mp.nstr(t, 17), 0, 0, "spurious inf"))
            continue
        if t == 0 and gv != 0:
            # A 0 the answer disputes: look closer.
            t = ref(xv, max_dps=4 * MAX_DPS, zero_dps=4 * MAX_DPS) or t
        if t == 0:
            # The reference's 0 only says |f| < 10⁻³⁰⁰ or so: a subnormal answer may be right.
            if abs(gv) >= float(tiny):
                misses.append(Miss(xv, gv, "0", 0, 0, "should be exactly 0"))
            continue
        if abs(t) < tiny:
            if abs(mp.mpf(gv) - t) > tiny:
                misses.append(Miss(xv, gv, mp.nstr(t, 17), 0, 0, "wrong below the normal range"))
            continue
        err = abs(mp.mpf(gv) - t) / _ulp(t, mant)
        d = slope(xv)
        allowed = 2 + (float(abs(mp.mpf(xv) * d / t)) if d is not None else 0.0)
        e = float(err)
        if e > worst:
            worst, worst_x = e, xv
        if e > allowed:
            why = "spurious 0" if gv == 0 else f"{e:.3g} ULP > {allowed:.3g} allowed"
            misses.append(Miss(xv, gv, mp.nstr(t, 17), e, allowed, why))
    return Result(len(xs), checked, worst, worst_x, tuple(misses))
