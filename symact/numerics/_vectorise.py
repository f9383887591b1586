"""NumPy functions from plans: the main branch on the whole array, the others where they apply.

`numpy.select` over a Piecewise (what `lambdify` prints) evaluates every branch on every element
and then picks, element by element: the time of all branches, plus a pass per branch. Here each
branch is lambdified alone, and a call

1. finds the elements each branch takes (those where its condition is the first that holds),
   as masks, and turns the masks into arrays of indices before any branch is evaluated;
2. evaluates the branch that takes the most elements (the catch-all between the tails, usually)
   on the whole array, straight into the result: no gathering or scattering, and its values where
   another branch applies are overwritten;
3. evaluates every other branch on its own elements only (`take`, then assignment by index: far
   faster than boolean masks, which branch on every element), or fills in its value if it does
   not depend on x; elements no branch takes (undefined points) are NaN;
4. sets NaN and ±inf inputs last, to NaN and the limits at ±∞.

Each element's value thus comes from its own branch, computed by the same NumPy and SciPy loops
(elementwise, on contiguous arrays) as on its own, so the result does not depend on which branch
ran on the whole array, nor on the input's memory layout. Few large arrays are made (the result,
a float64 copy of a float16/float32 input, the kernels' temporaries, index arrays): on large
inputs, fresh memory (its page faults) can cost more than a pass of `exp`.

Arithmetic is done in float64 and rounded once to the input's type, so float32 results are
correctly rounded wherever the float64 result is accurate. No floating-point warning is reported:
intermediate overflow and underflow are expected in tails (`expit(-1000)` is 0, as it should be),
and the main branch runs on elements where it does not apply, where anything may happen; whether
an inf, NaN or 0 reaching the output is right is what the accuracy tests check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import sympy as sp
from numpy.typing import ArrayLike, NDArray

from symact.declare import X
from symact.numerics._cells import cells_of, describe, disjoint
from symact.numerics._kernels import exact_in_float32, is_linear
from symact.numerics._kernels import lambdify_kernel as _lambdify
from symact.numerics._plan import Branch, Plan

__all__ = ["NumericFunction"]

Kernel = Callable[[NDArray[Any]], NDArray[Any] | float]
Condition = Callable[[NDArray[Any]], NDArray[np.bool_] | bool]


@dataclass(frozen=True)
class _Branch:
    """One branch, lambdified: its condition (None for a catch-all), its kernel and, where the
    branch does not depend on x, its value."""

    cond: Condition | None
    kernel: Kernel
    value: float | None


def _branch(b: Branch) -> _Branch:
    cond = None if b.cond is sp.true else _lambdify(b.cond, cse=False)
    kernel = _lambdify(b.expr, cse=True)
    return _Branch(cond, kernel, None if b.expr.has(X) else float(kernel(np.float64(0))))


_NO_INDICES: NDArray[np.intp] = np.empty(0, dtype=np.intp)

#: How far (in float32 ULPs, beyond the condition number |x·f'/f|) a float32 evaluation may
#: be from the float64 one to be used: the accuracy standard's 2 + |x·f'/f|, less what the
#: float64 value may itself be off (within the standard in float64 ULPs, which are 2⁻²⁹ of a
#: float32 one: the factor `1 − 2⁻²⁸` covers it).
ULP32 = 2.0


def _sample32() -> NDArray[np.float32]:
    """20 000 float32 inputs, fixed: normal with sd 8, and magnitudes log-uniform from 10⁻⁴⁰
    to 10³⁸ of either sign."""
    rng = np.random.default_rng(20261206)
    near = rng.normal(0.0, 8.0, 10000)
    far = 10.0 ** rng.uniform(-40, 38, 10000) * rng.choice([-1.0, 1.0], 10000)
    return np.concatenate([near, far]).astype(np.float32)


_SAMPLE32 = _sample32()


@dataclass(frozen=True)
class _Masked:
    """The plan as a sum of masked terms, for plans whose branches are cheap and finite
    (constants and a + b·x with |b| ≤ 1): y = Σ [x ∈ Sᵢ]·eᵢ(x) over the branches that are
    not 0, Sᵢ the set branch i takes (conditions that hold exactly there, independent of
    order), and NaN at the points no branch takes. A product by a mask and a sum are a cheap
    pass each, where selecting elements by mask or index costs several `exp` passes."""

    terms: tuple[tuple[Condition | None, Kernel, float | None], ...]
    holes: tuple[float, ...]


def _masked(plan: Plan) -> _Masked | None:
    """The plan as masked terms, or None where it is not cheap, or its conditions are not
    comparisons of x with numbers, or it is undefined on more than isolated points."""
    if len(plan.evaluated) < 2 or not all(_cheap(b.expr) for b in plan.evaluated):
        return None
    conds = [b.cond for b in plan.evaluated]
    cells = cells_of(conds)
    if cells is None:
        return None
    taken = disjoint(cells, conds)
    free = [not any(col) for col in zip(*taken, strict=True)]
    if any(f and _holds_floats(cells.points, i) for i, f in enumerate(free) if i % 2 == 0):
        return None  # an open interval no branch takes, with floats in it
    holes = tuple(float(cells.points[i // 2]) for i, f in enumerate(free) if f and i % 2)
    terms = []
    for b, bits in zip(plan.evaluated, taken, strict=True):
        if not any(bits) or b.expr == 0:
            continue
        where = describe(cells, bits)
        cond = None if where is sp.true else _lambdify(where, cse=False)
        value = None if b.expr.has(X) else float(b.expr)
        terms.append((cond, _lambdify(b.expr, cse=False), value))
    return _Masked(tuple(terms), holes)


@dataclass(frozen=True)
class _Steps:
    """A piecewise-constant plan as runs of equal value, per float type: run r is every float
    of the type from its smallest one, `runs[r][1]`, up to the next run's, and has the value
    `runs[r][0]` (None where the function is undefined: a kink of relu' is a run of one float).

    Evaluated with comparisons and arithmetic on their masks, which NumPy does in cheap passes
    (a comparison reads the floats and writes a byte each; `numpy.where` between two constants
    costs 4 `exp` passes, `heaviside` 8, `copyto(where=…)` 3, `take` 1): see `_step`."""

    runs: dict[np.dtype[Any], tuple[tuple[float | None, float], ...]]
    #: Per float type, (a, d): the result is a + d·[x in the runs of value a + d], exactly,
    #: where the runs take two values (missing where the sum rounds, or there are more values).
    affine: dict[np.dtype[Any], tuple[float, float]]


def _steps(plan: Plan) -> _Steps | None:
    """The plan as runs (see `_Steps`), or None where it is not piecewise constant with
    comparisons of x with numbers."""
    if any(b.expr.has(X) for b in plan.evaluated):
        return None
    if not all(b.expr.is_number and b.expr.is_finite and b.expr.is_real for b in plan.evaluated):
        return None
    conds = [b.cond for b in plan.evaluated]
    cells = cells_of(conds)
    if cells is None or not cells.points:
        return None
    taken = disjoint(cells, conds)
    values: list[sp.Expr | None] = []  # None: no branch takes the cell (NaN there)
    for i in range(2 * len(cells.points) + 1):
        owner = [b.expr for b, bits in zip(plan.evaluated, taken, strict=True) if bits[i]]
        values.append(owner[0] if owner else None)
    runs, affine = {}, {}
    for dt in (np.dtype(np.float64), np.dtype(np.float32)):
        r = _runs(cells.points, values, dt)
        if len(r) < 2:
            return None  # one value for every float (a step between two floats of no type)
        runs[dt] = r
        pair = _affine(r, dt)
        if pair is not None:
            affine[dt] = pair
    return _Steps(runs, affine)


def _runs(
    points: tuple[sp.Expr, ...], values: list[sp.Expr | None], dt: np.dtype[Any]
) -> tuple[tuple[float | None, float], ...]:
    """The runs (value in `dt`, or None; smallest float) of the cells' values in the float
    type `dt`: the cells that hold a float of dt, each from its smallest one, merged where
    their values are equal."""
    exact = [sp.Rational(p) if isinstance(p, sp.Float) else p for p in points]
    runs: list[tuple[sp.Expr | None, float]] = []
    for i, v in enumerate(values):
        k = i // 2
        if i % 2:  # the point exact[k]
            f = _ceil(exact[k], dt)
            if f is None or sp.Rational(float(f)) != exact[k]:
                continue
        elif k == 0:  # the open interval below the first point
            f = dt.type(-np.inf)
        else:  # the open interval (exact[k-1], exact[k])
            f = _ceil(exact[k - 1], dt)
            if f is not None and sp.Rational(float(f)) == exact[k - 1]:
                f = dt.type(np.nextafter(f, dt.type(np.inf)))
            if f is None or (k < len(exact) and not sp.Rational(float(f)) < exact[k]):
                continue  # no float of dt in it
        if not runs or runs[-1][0] != v:
            runs.append((v, float(f)))
    return tuple((None if v is None else float(dt.type(float(v))), lo) for v, lo in runs)


def _affine(
    runs: tuple[tuple[float | None, float], ...], dt: np.dtype[Any]
) -> tuple[float, float] | None:
    """(a, d = b − a) where the runs' values are a and b, and a + d·1 rounds to b in `dt` (a
    product and a sum in dt: a + d·0 is a in any case); None otherwise."""
    vals = sorted({v for v, _ in runs if v is not None})
    if len(vals) != 2:
        return None
    for a, b in (vals, vals[::-1]):
        d = dt.type(dt.type(b) - dt.type(a))
        if a == 0 and d < 0:
            continue  # 0·d would be −0
        if dt.type(dt.type(d * dt.type(1)) + dt.type(a)) == dt.type(b):
            return float(a), float(d)
    return None


def _ceil(q: sp.Expr, dt: np.dtype[Any]) -> np.floating[Any] | None:
    """The smallest float of type `dt` at or above the real number `q` (None beyond its range)."""
    f = dt.type(float(q))
    if not np.isfinite(f):
        return None
    while sp.Rational(float(f)) < q:
        f = np.nextafter(f, dt.type(np.inf))
    while True:
        g = np.nextafter(f, dt.type(-np.inf))
        if not sp.Rational(float(g)) >= q:
            return f if np.isfinite(f) else None
        f = g


def _holds_floats(points: tuple[sp.Expr, ...], cell: int) -> bool:
    """Whether the open interval `cell` (an even index: between points[cell/2 − 1] and
    points[cell/2]) holds a float64: not if its ends are neighbouring floats (threshold':
    x ≤ 9.999999999999999e−7 and x ≥ 1.0000000000000002e−6 leave nothing between them)."""
    k = cell // 2
    if k == 0 or k == len(points):
        return True
    lo, hi = points[k - 1], points[k]
    if not (isinstance(lo, sp.Float) and isinstance(hi, sp.Float)):
        return True
    a, b = float(lo), float(hi)
    return not (sp.Float(a, 17) == lo and sp.Float(b, 17) == hi and np.nextafter(a, np.inf) == b)


def _cheap(e: sp.Expr) -> bool:
    """Whether `e` is a number or a + b·x with |b| ≤ 1 and |a| small, and so is each of its
    parts that holds x (as its kernel computes them: (4x + 5)/10 computes 4x, which
    overflows at the largest floats): finite at every finite float, so that 0·e is 0."""
    if not e.has(X):
        return bool(e.is_number and e.is_finite and e.is_real)
    if not is_linear(e):
        return False
    for part in sp.preorder_traversal(e):
        if part.has(X):
            b, a = sp.Poly(part, X).all_coeffs()
            if not (abs(b) <= 1 and abs(a) < 2**900):
                return False
    return True


def _exact32(plan: Plan) -> bool:
    """Whether a float32 input may be computed in float32 itself: every branch piecewise
    linear (Max, Min, Abs of a + b·x, and sums and products of such with numbers) and every
    number in it and its condition exact in float32, so that each operation rounds once in
    float32 and no constant is rounded (NumPy keeps a Python number's float32 operand
    float32)."""
    return all(exact_in_float32(b.expr) and exact_in_float32(b.cond) for b in plan.evaluated)


class NumericFunction:
    """A vectorised activation (or derivative): call it on any array or scalar.

    float16/float32 in gives the same type out; anything else real gives float64. NaN in gives
    NaN out; ±inf gives the limits at ±∞ (NaN where there is none); where the function is
    undefined (a derivative at a kink) the result is NaN.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._branches = [_branch(b) for b in plan.evaluated]
        self._masked = _masked(plan)
        self._steps = _steps(plan)
        self._float32 = _exact32(plan) or self._steps is not None
        #: Whether a float32 evaluation is redone in float64 where it is not finite (but
        #: the input is): see `_float32_agrees`.
        self._float32_redo = False
        #: Whether ±inf and NaN inputs come out right without the pass that sets them
        #: (checked here, on those three inputs: each element's value depends on it alone).
        self._specials_done = self._specials_right()
        if not self._float32:
            self._float32 = self._float32_agrees()
            if not self._float32:
                self._float32 = self._float32_redo = self._float32_agrees(redo=True)

    def __repr__(self) -> str:
        d = "'" * self.plan.n
        return f"<symact {self.plan.name}{d} (NumPy)>"

    @cached_property
    def at_infinity(self) -> tuple[float, float]:
        """Values for −inf and +inf inputs: the limits, as the analysis derives them."""
        return tuple(  # type: ignore[return-value]
            float("nan") if v is None else float(v) for v in self.plan.at_infinity
        )

    def __call__(self, x: ArrayLike) -> Any:
        a = np.asarray(x)
        if a.dtype.kind == "c":
            raise TypeError("symact functions are real: complex input is not supported")
        out_type = a.dtype if a.dtype in (np.float16, np.float32) else np.dtype(np.float64)
        work = np.float32 if self._float32 and a.dtype == np.float32 else np.float64
        with np.errstate(all="ignore"):
            # The float64 copy of a float16/float32 input is gone before the result is rounded.
            v = np.ascontiguousarray(a, dtype=work).reshape(-1)
            out = self._evaluate(v)
            if work == np.float32 and self._float32_redo:
                self._redo(v, out)
            result = out.astype(out_type, copy=False).reshape(a.shape)
        return result[()] if result.ndim == 0 else result

    def _redo(self, v: NDArray[Any], out: NDArray[Any]) -> None:
        """`out` (of float32 `v`) computed again in float64 and rounded where it is not finite
        but `v` is: where an intermediate overflowed float32 (star_relu's x² beyond 1.8·10¹⁹,
        where s·x² is still finite). One pass that writes a mask, and nothing more where every
        value is finite."""
        bad = ~np.isfinite(out)
        if bad.any():
            idx = np.flatnonzero(bad & np.isfinite(v))
            if idx.size:
                out[idx] = self._evaluate(v.take(idx).astype(np.float64))

    def _float32_agrees(self, redo: bool = False) -> bool:
        """Whether computing a float32 input in float32 itself gives, at every point of the
        accuracy grid (`symact.numerics._accuracy.grid` around the plan's breakpoints) and of
        a fixed random sample, the float64 result within (`ULP32` + |x·f'/f|)·(1 − 2⁻²⁸)
        float32 ULPs of it (the condition number by a central difference of the float64
        function; the same NaN and ±inf as the float64 result rounded; where that is below
        the smallest normal, anything below it too): then the error is within the standard,
        2 + |x·f'/f|, and NumPy's float32 loops (vectorised exp, tanh, sin …) run instead of a
        float64 copy and its rounding. (Measured against the float64 value rounded to float32
        instead, the bound would have to leave half an ULP for that rounding: sigmoid, silu,
        softplus and mish, 2 ULPs from it at a few points, were computed in float64 so.)
        With `redo`, the float32 result is first computed again in float64 where it is not
        finite but the input is (`_redo`), as calls then do: the float32 loops run wherever
        no intermediate overflows float32."""
        from symact.numerics._accuracy import breakpoints, grid

        xs = np.concatenate([grid(np.float32, breakpoints(self.plan)), _SAMPLE32])
        with np.errstate(all="ignore"):
            f64 = self._evaluate(xs.astype(np.float64))
            ref = f64.astype(np.float32)
            got = self._evaluate(xs)
            if redo and got.dtype == np.float32:
                self._redo(xs, got)
        if got.dtype != np.float32:
            return False
        finite = np.isfinite(ref)
        if not np.array_equal(np.isfinite(got), finite) or not np.array_equal(
            got[~finite], ref[~finite], equal_nan=True
        ):
            return False
        x64 = xs[finite].astype(np.float64)
        r, g = f64[finite], got[finite].astype(np.float64)
        with np.errstate(all="ignore"):
            # the float32 ULP of the value: 2^(e − 24) for |r| = m·2^e, ½ ≤ m < 1
            ulp = np.ldexp(1.0, np.frexp(r)[1] - 24)
            # |x·f'/f|, by a central difference of the float64 evaluation (relative step h).
            h = 1e-7
            up = self._evaluate(x64 * (1 + h))
            down = self._evaluate(x64 * (1 - h))
            cond = np.abs((up - down) / (2 * h * r))
            cond = np.where(np.isfinite(cond), cond, np.inf)
            # (inf · 0 where r is below float32's range: NaN, not close, decided by `tiny`)
            close = np.abs(g - r) <= (ULP32 + cond) * (1 - 2.0**-28) * ulp
        tiny = np.finfo(np.float32).smallest_normal
        return bool(np.where(np.abs(r) < tiny, np.abs(g) < tiny, close).all())

    def _specials_right(self) -> bool:
        with np.errstate(all="ignore"):
            got = self._core(np.array([-np.inf, np.inf, np.nan]))
        lo, hi = self.at_infinity
        want = np.array([lo, hi, np.nan])
        return bool(np.array_equal(got, want, equal_nan=True))

    def _evaluate(self, v: NDArray[Any]) -> NDArray[Any]:
        """The function on the contiguous 1-d array `v`: a new array."""
        if self._specials_done:
            return self._core(v)
        finite = np.isfinite(v)
        special = _NO_INDICES if finite.all() else np.flatnonzero(~finite)
        out = self._core(v)
        if special.size:
            w = v.take(special)
            lo, hi = self.at_infinity
            out[special] = np.where(w == -np.inf, lo, np.where(w == np.inf, hi, np.nan))
        return out

    def _core(self, v: NDArray[Any]) -> NDArray[Any]:
        """The branches on `v`, with no care for ±inf and NaN inputs: a new array."""
        if self._steps is not None and v.dtype in self._steps.runs:
            return self._step(self._steps, v)
        if self._masked is not None:
            return self._sum(self._masked, v)
        if len(self._branches) == 1 and self._branches[0].cond is None:
            return _on_all(self._branches[0], v)  # no selection: no mask to allocate
        largest, others, unmatched = self._select(v)
        out = np.empty_like(v) if largest is None else _on_all(largest, v)
        for b, idx in others:
            out[idx] = b.value if b.value is not None else b.kernel(v.take(idx))
        if unmatched.size:
            out[unmatched] = np.nan
        return out

    @staticmethod
    def _step(st: _Steps, v: NDArray[Any]) -> NDArray[Any]:
        """The runs' values, by comparisons and arithmetic on their masks (a pass each):
        run r is [x ≥ its smallest float] ∧ [x < the next run's]; the result is
        a + (b − a)·[x in b's runs] where the runs take two values (`_Steps.affine`), else
        the sum of value·mask over the values that are not 0 (one value per element: exact).
        Comparisons are false for NaN, so NaN inputs and undefined runs are in no mask. Where
        a run is undefined (relu' at 0), every run's mask is made and counted: where the
        counts fall short of the array, the elements in no mask are set to NaN. Where none
        is (binary step), only the masks the values need are made, and NaN inputs are found
        by a minimum (NaN if any is), a pass that writes nothing."""
        runs = st.runs[v.dtype]
        t = v.dtype.type
        pair = st.affine.get(v.dtype)
        holes = any(value is None for value, _ in runs)
        b_value = None if pair is None else float(t(pair[0]) + t(pair[1]))
        masks: dict[float, NDArray[np.bool_]] = {}  # value -> where x is in one of its runs
        counted = 0
        for r, (value, lo) in enumerate(runs):
            if value is None or not (holes or value == b_value or (b_value is None and value)):
                continue
            m = np.greater_equal(v, t(lo)) if r else np.less(v, t(runs[1][1]))
            if r and r + 1 < len(runs):
                np.logical_and(m, np.less(v, t(runs[r + 1][1])), out=m)
            if holes:
                counted += int(np.count_nonzero(m))
            masks[value] = np.logical_or(masks[value], m, out=m) if value in masks else m
        out: NDArray[Any] | None = None
        if pair is not None:
            a, d = pair
            out = masks[b_value].astype(v.dtype)  # type: ignore[index]
            if d != 1:
                out *= t(d)
            if a != 0:
                out += t(a)
        else:
            # positive values first, negative ones subtracted: every 0 is +0
            for value in sorted(masks, reverse=True):
                if value == 0:
                    continue
                term = masks[value].astype(v.dtype)
                if abs(value) != 1:
                    term *= t(abs(value))
                if out is None:
                    out = term if value > 0 else np.zeros_like(v)
                    if value > 0:
                        continue
                if value > 0:
                    out += term
                else:
                    out -= term
        if out is None:
            out = np.zeros_like(v)
        if holes:
            if counted < v.size:  # NaN inputs or undefined points: in no mask
                covered = np.zeros(v.shape, dtype=bool)
                for m in masks.values():
                    covered |= m
                out[~covered] = np.nan
        elif v.size and np.isnan(v.min()):
            out[np.isnan(v)] = np.nan
        return out

    @staticmethod
    def _sum(m: _Masked, v: NDArray[Any]) -> NDArray[Any]:
        out: NDArray[Any] | None = None
        for cond, kernel, value in m.terms:
            mask = None if cond is None else cond(v)
            if value is not None:
                term = (
                    np.full_like(v, value)
                    if mask is None
                    else np.asarray(mask, dtype=v.dtype)
                    if value == 1
                    else np.multiply(mask, value, dtype=v.dtype)
                )
            else:
                e = kernel(v)
                term = (
                    np.array(e, dtype=v.dtype)
                    if mask is None
                    else np.multiply(mask, e, dtype=v.dtype)
                )
            if out is None:
                out = term  # a new array in every case above
            else:
                out += term
        if out is None:
            out = np.zeros_like(v)
        for p in m.holes:
            idx = np.flatnonzero(v == p)
            if idx.size:
                out[idx] = np.nan
        return out

    def _select(
        self, v: NDArray[np.float64]
    ) -> tuple[_Branch | None, list[tuple[_Branch, NDArray[np.intp]]], NDArray[np.intp]]:
        """Which elements each branch takes (those where it is the first whose condition holds):
        the branch that takes the most, the indices of the others' elements, and those of the
        elements no branch takes."""
        n = v.size
        masks: list[NDArray[np.bool_] | None] = []  # None: all elements not taken before
        counts: list[int] = []
        taken = np.zeros(n, dtype=bool)
        free = n  # elements no branch has taken yet
        for b in self._branches:
            if free == 0:
                break
            if b.cond is None:
                masks.append(None)
                counts.append(free)
                free = 0
                break
            m = np.greater(b.cond(v), taken)  # holds and not taken
            taken |= m
            masks.append(m)
            counts.append(int(np.count_nonzero(m)))
            free -= counts[-1]
        k = int(np.argmax(counts)) if free < n else -1  # the branch that takes the most
        others = [
            (b, np.flatnonzero(~taken if m is None else m))
            for i, (b, m, c) in enumerate(zip(self._branches, masks, counts, strict=False))
            if i != k and c
        ]
        unmatched = np.flatnonzero(~taken) if free else _NO_INDICES
        return (self._branches[k] if k >= 0 else None), others, unmatched


def _on_all(b: _Branch, v: NDArray[np.float64]) -> NDArray[np.float64]:
    """Branch `b` on every element of `v`: a new array."""
    if b.value is not None:
        return np.full(v.shape, b.value, dtype=v.dtype)
    r = b.kernel(v)
    if (
        isinstance(r, np.ndarray)
        and r.dtype == v.dtype
        and r.shape == v.shape
        and r.flags.writeable
        and not np.may_share_memory(r, v)
    ):
        return r
    out = np.empty_like(v)
    out[...] = r
    return out
