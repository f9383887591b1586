"""High-precision reference values: the source expression evaluated by mpmath.

The working precision is doubled until two successive values agree to `DIGITS` significant
digits, so cancellation in the source form (x − tanh x at x = 1e−300 needs 600 digits) costs
time, never accuracy. A result of exactly 0 is only believed when it stays 0 up to
`MAX_DPS` digits. This is the yardstick the float functions are measured against; it never
uses the rewritten forms.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

import mpmath as mp
import sympy as sp

from symact.declare import X
from symact.functions import to_elementary
from symact.numerics.nodes import to_definition

__all__ = ["DIGITS", "MAX_DPS", "Reference", "reference"]

#: Significant digits two successive precisions must agree to.
DIGITS = 30
#: Highest working precision tried (decimal digits).
MAX_DPS = 320
_START = 40


#: Beyond this |argument| (larger than any float), exp, sinh, cosh and tanh are taken as their
#: limits: exp(e^(10³⁰⁸)) would need more memory than any machine has (GMP aborts).
_HUGE = mp.mpf(2) ** 1100


def _exp(u: mp.mpf) -> mp.mpf:
    if abs(u) > _HUGE:
        return mp.inf if u > 0 else mp.mpf(0)
    return mp.exp(u)


def _tanh(u: mp.mpf) -> mp.mpf:
    return mp.sign(u) * 1 if abs(u) > _HUGE else mp.tanh(u)


def _cosh(u: mp.mpf) -> mp.mpf:
    return mp.inf if abs(u) > _HUGE else mp.cosh(u)


def _sinh(u: mp.mpf) -> mp.mpf:
    return mp.sign(u) * mp.inf if abs(u) > _HUGE else mp.sinh(u)


_GUARDED = {"exp": _exp, "tanh": _tanh, "cosh": _cosh, "sinh": _sinh}


class Reference:
    """`ref(x)` is the exact value of `expr` at the float `x`, to `DIGITS` digits (an mpf),
    or `None` where the expression is undefined (NaN) or the precision ladder did not settle."""

    def __init__(self, expr: sp.Expr) -> None:
        self.expr = expr
        self._f: Callable[[mp.mpf], mp.mpf] = sp.lambdify(
            X, to_elementary(to_definition(expr)), [_GUARDED, "mpmath"]
        )

    def _at(self, x: mp.mpf, dps: int) -> mp.mpf | None:
        with mp.workdps(dps):
            try:
                v = self._f(x)
            except (ZeroDivisionError, ValueError, OverflowError):
                return None
            if v is None:  # a Piecewise with no branch here: undefined
                return None
            if isinstance(v, mp.mpc):
                if abs(v.imag) > mp.mpf(10) ** (-dps // 2) * (1 + abs(v.real)):
                    return None
                v = v.real
            v = mp.mpf(v)
            return None if mp.isnan(v) else +v

    def undefined(self, x: float) -> bool:
        """Whether the expression has no real value at `x` (NaN, a pole, a complex value)."""
        return self._at(mp.mpf(x), _START) is None

    def far_below(self, x: float, bound: mp.mpf) -> bool:
        """Whether |f(x)| is below `bound` by a margin (2¹⁰⁰) at two precisions: enough to
        know it underflows, though the digits (exp(−10⁶¹⁶)) may never settle. An exact 0 is
        no evidence (1 − σ(186) is 0 at 80 digits, but 1e−81)."""
        xm = mp.mpf(x)
        vals = [self._at(xm, dps) for dps in (_START, 2 * _START)]
        return all(v is not None and 0 < abs(v) < bound * mp.mpf(2) ** -100 for v in vals)

    def __call__(self, x: float, max_dps: int = MAX_DPS) -> mp.mpf | None:
        xm = mp.mpf(x)  # exact: every float is a binary rational
        dps = _START
        prev = self._at(xm, dps)
        tol = mp.mpf(10) ** -DIGITS
        while dps < max_dps:
            dps *= 2
            cur = self._at(xm, dps)
            if prev is None and cur is None:
                return None
            if prev is not None and cur is not None:
                if cur == 0 and prev == 0:
                    if dps >= max_dps:
                        return mp.mpf(0)
                elif (mp.isinf(cur) and cur == prev) or (
                    cur != 0 and abs(cur - prev) <= tol * abs(cur)
                ):
                    return cur
            prev = cur
        return None


@lru_cache(maxsize=512)
def reference(expr: sp.Expr) -> Reference:
    """The (cached) reference evaluator of `expr`."""
    return Reference(expr)
