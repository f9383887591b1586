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
import scipy.special
import sympy as sp
from numpy.typing import ArrayLike, NDArray
from sympy.printing.numpy import SciPyPrinter

from symact.declare import X
from symact.numerics import runtime
from symact.numerics.nodes import NODES
from symact.numerics.plan import Branch, Plan
from symact.numerics.printing import IntegerPowers, RoundOnce

__all__ = ["NumericFunction"]

_LIBRARIES: dict[str, Any] = {"symact.numerics.runtime": runtime, "scipy.special": scipy.special}
_NAMESPACE: dict[str, Any] = {
    name: getattr(_LIBRARIES[cls.numpy.rpartition(".")[0]], cls.numpy.rpartition(".")[2])
    for name, cls in NODES.items()
}
_NAMESPACE["log1pexp"] = runtime.log1pexp
#: Where a printed name is looked up, first match wins: the nodes, then NumPy, then SciPy for
#: what NumPy lacks (erf, ndtr, lambertw, …). NumPy before SciPy: where both have a function
#: (expm1, log1p, cbrt, exp2) NumPy's loop is 4-25 times faster than scipy.special's, and as
#: accurate or more (expm1: 0.5 ULP against SciPy's 2.9; log1p: 0.6 against 1.9).
_MODULES: list[Any] = [_NAMESPACE, "numpy", "scipy"]


class _Printer(IntegerPowers, RoundOnce, SciPyPrinter):  # type: ignore[misc]
    """SciPy's printer, with numbers that round once (x/3, not (1/3)*x) and small integer
    powers without `np.power` of a negative number (x**2*x; |b|**3 with b's sign).

    `logaddexp(0, u)` (softplus, log(1 + eᵘ): the rewrite rules' form) calls
    `runtime.log1pexp`, the same formula in one `exp` and one `log1p` pass, blockwise, five
    times faster than NumPy's `logaddexp`. (A rewrite rule to max(u, 0) + log1p(e^(−|u|))
    would put Max and Abs into the plans, whose generated code expands logaddexp already;
    NumPy would evaluate the five operations as separate passes over whole arrays.)"""

    power_magnitude = True

    def _print_logaddexp(self, expr: sp.Function) -> str:
        a, b = expr.args
        if a == 0 or b == 0:
            return f"log1pexp({self._print(b if a == 0 else a)})"
        return super()._print_logaddexp(expr)  # type: ignore[no-any-return]


def _lambdify(e: sp.Basic, cse: bool) -> Callable[..., Any]:
    printer = _Printer(
        {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True}
    )
    return sp.lambdify(X, e, _MODULES, printer=printer, cse=cse)  # type: ignore[no-any-return]


Kernel = Callable[[NDArray[np.float64]], NDArray[np.float64] | float]
Condition = Callable[[NDArray[np.float64]], NDArray[np.bool_] | bool]


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


class NumericFunction:
    """A vectorised activation (or derivative): call it on any array or scalar.

    float16/float32 in gives the same type out; anything else real gives float64. NaN in gives
    NaN out; ±inf gives the limits at ±∞ (NaN where there is none); where the function is
    undefined (a derivative at a kink) the result is NaN.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._branches = [_branch(b) for b in plan.branches]

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
        with np.errstate(all="ignore"):
            # The float64 copy of a float16/float32 input is gone before the result is rounded.
            out = self._evaluate(np.ascontiguousarray(a, dtype=np.float64).reshape(-1))
            result = out.astype(out_type, copy=False).reshape(a.shape)
        return result[()] if result.ndim == 0 else result

    def _evaluate(self, v: NDArray[np.float64]) -> NDArray[np.float64]:
        """The function on the contiguous 1-d float64 array `v`: a new array."""
        finite = np.isfinite(v)
        special = _NO_INDICES if finite.all() else np.flatnonzero(~finite)
        largest, others, unmatched = self._select(v)
        out = np.empty_like(v) if largest is None else _on_all(largest, v)
        for b, idx in others:
            out[idx] = b.value if b.value is not None else b.kernel(v.take(idx))
        if unmatched.size:
            out[unmatched] = np.nan
        if special.size:
            w = v.take(special)
            lo, hi = self.at_infinity
            out[special] = np.where(w == -np.inf, lo, np.where(w == np.inf, hi, np.nan))
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
        return np.full(v.shape, b.value, dtype=np.float64)
    r = b.kernel(v)
    if (
        isinstance(r, np.ndarray)
        and r.dtype == np.float64
        and r.shape == v.shape
        and r.flags.writeable
        and not np.may_share_memory(r, v)
    ):
        return r
    out = np.empty_like(v)
    out[...] = r
    return out
