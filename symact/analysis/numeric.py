"""High-precision numerics used as evidence and as fallbacks: mpmath evaluation, grid scans,
bracketed root refinement."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, lru_cache
from typing import overload

import mpmath as mp
import sympy as sp

from symact.functions import to_elementary

__all__ = ["DPS", "GRID", "ROOT_TOL", "evaluator", "sign_changes", "to_float"]

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


@lru_cache(maxsize=512)
def _compiled(expr: sp.Expr, x: sp.Symbol) -> Callable[[mp.mpf], object]:
    # lambdify prints our own SymPy tree (never a user's string) as mpmath code.
    return sp.lambdify(x, to_elementary(expr), modules="mpmath")  # type: ignore[no-any-return]


def evaluator(expr: sp.Expr, x: sp.Symbol, dps: int = DPS) -> Evaluator:
    """A function computing `expr` at a point with `dps` digits; `None` where undefined."""
    fn = _compiled(expr, x)

    def at(v: mp.mpf) -> mp.mpf | None:
        with mp.workdps(dps):
            try:
                r = fn(mp.mpf(v))
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
            if mp.isnan(r):
                return None
            return r

    return at


def to_float(v: object) -> float:
    """A float from an mpmath or SymPy number."""
    return float(v)  # type: ignore[arg-type]


def sign_changes(
    g: Evaluator, lo: mp.mpf, hi: mp.mpf, points: Sequence[mp.mpf] = GRID
) -> list[mp.mpf]:
    """Roots of `g` in the open interval (lo, hi) where `g` changes sign between grid points,
    refined by bisection to `ROOT_TOL` (relative). Exact zeros on the grid count as roots."""
    xs = [p for p in points if lo < p < hi]
    roots: list[mp.mpf] = []
    prev_x: mp.mpf | None = None
    prev_s = 0
    for p in xs:
        v = g(p)
        if v is None:
            prev_x, prev_s = None, 0
            continue
        s = 0 if v == 0 else (1 if v > 0 else -1)
        if s == 0:
            roots.append(p)
        elif prev_x is not None and prev_s != 0 and s != prev_s:
            roots.append(_bisect(g, prev_x, p, prev_s))
        if s != 0 or prev_x is None:
            prev_x, prev_s = p, s
        else:
            prev_x, prev_s = None, 0
    return roots


def _bisect(g: Evaluator, a: mp.mpf, b: mp.mpf, sa: int) -> mp.mpf:
    with mp.workdps(DPS):
        for _ in range(400):
            m = (a + b) / 2
            if abs(b - a) <= ROOT_TOL * max(1, abs(m)):
                return m
            v = g(m)
            if v is None or v == 0:
                return m
            if (v > 0) == (sa > 0):
                a = m
            else:
                b = m
        return (a + b) / 2
