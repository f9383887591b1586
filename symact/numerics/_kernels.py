"""The NumPy kernels of plans: a branch's expression as a function of a float64 array.

[`lambdify_kernel`][symact.numerics._kernels.lambdify_kernel] prints an expression with SciPy's
printer (numbers that round once, integer powers by multiplication, Max and Min as `maximum`,
`minimum` and `clip`) and binds the names to symact's runtime, NumPy and SciPy, in that order.
The NumPy functions ([`symact.numerics._vectorise`][symact.numerics._vectorise]) call these
kernels, and the plan ([`symact.numerics._plan`][symact.numerics._plan]) calls them too, to see
whether a kernel already returns a tail's value where the tail would apply.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.special
import sympy as sp
from sympy.printing.numpy import SciPyPrinter

from symact.declare import X
from symact.numerics import _runtime as runtime
from symact.numerics._nodes import NODES
from symact.numerics._printing import IntegerPowers, MinMax, RoundOnce, fold_numbers

__all__ = ["exact_in_float32", "is_linear", "lambdify_kernel"]

_LIBRARIES: dict[str, Any] = {"symact.numerics._runtime": runtime, "scipy.special": scipy.special}
_NAMESPACE: dict[str, Any] = {
    name: getattr(_LIBRARIES[cls.numpy.rpartition(".")[0]], cls.numpy.rpartition(".")[2])
    for name, cls in NODES.items()
}
_NAMESPACE["log1pexp"] = runtime.log1pexp
_NAMESPACE["hypot"] = runtime.hypot
#: Where a printed name is looked up, first match wins: the nodes, then NumPy, then SciPy for
#: what NumPy lacks (erf, ndtr, lambertw, …). NumPy before SciPy: where both have a function
#: (expm1, log1p, cbrt, exp2) NumPy's loop is 4-25 times faster than scipy.special's, and as
#: accurate or more (expm1: 0.5 ULP against SciPy's 2.9; log1p: 0.6 against 1.9).
_MODULES: list[Any] = [_NAMESPACE, "numpy", "scipy"]


class _Printer(MinMax, IntegerPowers, RoundOnce, SciPyPrinter):  # type: ignore[misc]
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


def lambdify_kernel(e: sp.Basic, cse: bool) -> Callable[..., Any]:
    printer = _Printer(
        {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True}
    )
    return sp.lambdify(X, fold_numbers(e), _MODULES, printer=printer, cse=cse)  # type: ignore[no-any-return]


def is_linear(e: sp.Expr) -> bool:
    """Whether `e` is a + b·x."""
    return bool(e.is_polynomial(X) and sp.degree(e, X) <= 1)


#: Integers up to this are exact in float32.
_FLOAT32_INTEGER = 2**24


def _number_exact32(c: sp.Expr) -> bool:
    """Whether the number `c`, as the printer writes it, is exact in float32: an integer up to
    2²⁴, 1/q (printed as a division by q) or a dyadic rational, a float that is a float32."""
    if c.is_Integer:
        return abs(int(c)) <= _FLOAT32_INTEGER
    if c.is_Rational:
        p, q = abs(int(c.p)), int(c.q)
        dyadic = q & (q - 1) == 0 and p <= _FLOAT32_INTEGER
        return dyadic or (p == 1 and q <= _FLOAT32_INTEGER)
    if isinstance(c, sp.Float):
        v = float(c)
        with np.errstate(over="ignore"):
            return bool(np.isfinite(v) and float(np.float32(v)) == v)
    return False


def exact_in_float32(e: sp.Basic) -> bool:
    """Whether `e` (an expression or a condition) computed in float32 rounds only where its
    operations round: built from x, numbers exact in float32 (`_number_exact32`), sums,
    products, squares, Max, Min, Abs and comparisons."""
    if e is sp.true or e is sp.false or e == X:
        return True
    if e.is_Number:
        return _number_exact32(e)
    if isinstance(e, sp.Pow):
        return e.exp == 2 and exact_in_float32(e.base)
    if isinstance(e, sp.Add | sp.Mul | sp.Max | sp.Min | sp.Abs | sp.Rel | sp.And | sp.Or | sp.Not):
        return all(exact_in_float32(a) for a in e.args)
    return False
