"""NumPy functions from plans: each branch evaluated only where it applies.

`numpy.select` over a Piecewise (what `lambdify` prints) evaluates every branch on every element,
so a branch that overflows where it does not apply still raises warnings and costs time. Here each
branch is lambdified alone and evaluated on the elements its condition selects.

Arithmetic is done in float64 and rounded once to the input's type, so float32 results are
correctly rounded wherever the float64 result is accurate. Intermediate overflow and underflow
are expected in tails (`expit(-1000)` is 0, as it should be) and are not reported; whether an
inf, NaN or 0 reaching the output is right is what the accuracy tests check.
"""

from __future__ import annotations

from collections.abc import Callable
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
from symact.numerics.plan import Plan
from symact.numerics.printing import RoundOnce

__all__ = ["NumericFunction"]

_LIBRARIES: dict[str, Any] = {"symact.numerics.runtime": runtime, "scipy.special": scipy.special}
_NAMESPACE: dict[str, Any] = {
    name: getattr(_LIBRARIES[cls.numpy.rpartition(".")[0]], cls.numpy.rpartition(".")[2])
    for name, cls in NODES.items()
}
_MODULES: list[Any] = [_NAMESPACE, "scipy", "numpy"]


class _Printer(RoundOnce, SciPyPrinter):  # type: ignore[misc]
    """SciPy's printer, with numbers that round once (x/3, not (1/3)*x)."""


def _lambdify(e: sp.Basic, cse: bool) -> Callable[..., Any]:
    printer = _Printer(
        {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True}
    )
    return sp.lambdify(X, e, _MODULES, printer=printer, cse=cse)  # type: ignore[no-any-return]


Kernel = Callable[[NDArray[np.float64]], NDArray[np.float64] | float]


class NumericFunction:
    """A vectorised activation (or derivative): call it on any array or scalar.

    float16/float32 in gives the same type out; anything else real gives float64. NaN in gives
    NaN out; ±inf gives the limits at ±∞ (NaN where there is none); where the function is
    undefined (a derivative at a kink) the result is NaN.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._kernels: list[tuple[Kernel, Kernel]] = [
            (_lambdify(b.cond, cse=False), _lambdify(b.expr, cse=True)) for b in plan.branches
        ]

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
        v = a.astype(np.float64, copy=False).reshape(-1)
        out = np.full(v.shape, np.nan)
        finite = np.isfinite(v)
        todo = finite.copy()
        with np.errstate(over="ignore", under="ignore"):
            for cond, kernel in self._kernels:
                if not todo.any():
                    break
                sel = todo & np.broadcast_to(cond(v), v.shape)
                if sel.all():
                    out[...] = kernel(v)
                    todo[...] = False
                    break
                if sel.any():
                    out[sel] = kernel(v[sel])
                    todo &= ~sel
            if not finite.all():
                lo, hi = self.at_infinity
                out[v == -np.inf] = lo
                out[v == np.inf] = hi
            result = out.astype(out_type, copy=False).reshape(a.shape)
        return result[()] if result.ndim == 0 else result
