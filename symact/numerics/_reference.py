"""High-precision reference values: the source expression evaluated by mpmath.

The working precision is raised until two successive values agree to `DIGITS` significant
digits, so cancellation in the source form (x − tanh x at x = 1e−300 needs 600 digits) costs
time, never accuracy. Agreement alone can be fooled by absorption: 1 + e⁻⁷¹¹ is 1 at any
precision below 309 digits, so tanh(log(1 + eˣ)) in mish' is 0 at both 40 and 80 digits, and
the sum it belongs to (≈ 7e−307) is off by 0.1 % at both. So the lower of the two precisions
must also exceed the value's own magnitude by `DIGITS` (a term of order 1 absorbed at p digits
moves the result by 10⁻ᵖ). A result of exactly 0 is only believed when it stays 0 up to
`ZERO_DPS` digits. This is the yardstick the float functions are measured against; it never
uses the rewritten forms.
"""

from __future__ import annotations

from collections.abc import Callable

import mpmath as mp
import sympy as sp

from symact._store import memo
from symact.analysis._numeric import GUARDED, guard_hits
from symact.declare import X
from symact.functions import to_elementary
from symact.numerics._nodes import to_definition

__all__ = ["DIGITS", "MAX_DPS", "ZERO_DPS", "Reference", "reference"]

#: Significant digits two successive precisions must agree to.
DIGITS = 30
#: Highest working precision tried (decimal digits).
MAX_DPS = 1280
#: A result of exactly 0 is believed once it is still 0 at this precision.
ZERO_DPS = 320
_START = 40


class Reference:
    """`ref(x)` is the exact value of `expr` at the float `x`, to `DIGITS` digits (an mpf),
    or `None` where the expression is undefined (NaN) or the precision ladder did not settle."""

    def __init__(self, expr: sp.Expr) -> None:
        self.expr = expr
        self._guessed = False
        #: Whether the last evaluation took a guard's limit somewhere (`HUGE`): its value may
        #: be that limit's (an exact 0 for exp(−x²) at x = 10³⁰⁸), not the function's.
        self.guarded = False
        self._f: Callable[[mp.mpf], mp.mpf] = sp.lambdify(
            X, to_elementary(to_definition(expr)), [GUARDED, "mpmath"]
        )

    def _at(self, x: mp.mpf, dps: int) -> mp.mpf | None:
        hits = guard_hits[0]
        v = self._value(x, dps)
        self.guarded = guard_hits[0] > hits
        self._guessed = v is None and self.guarded
        return v

    def _value(self, x: mp.mpf, dps: int) -> mp.mpf | None:
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
        """Whether the expression has no real value at `x` (NaN, a pole, a complex value) —
        not merely one that a guard made NaN (inf/inf from e^(e^x) at x = 10³⁹)."""
        return self._at(mp.mpf(x), _START) is None and not self._guessed

    def far_below(self, x: float, bound: mp.mpf) -> bool:
        """Whether |f(x)| is below `bound` by a margin (2¹⁰⁰) at two precisions: enough to
        know it underflows, though the digits (exp(−10⁶¹⁶)) may never settle. An exact 0 is
        no evidence (1 − σ(186) is 0 at 80 digits, but 1e−81)."""
        xm = mp.mpf(x)
        vals = [self._at(xm, dps) for dps in (_START, 2 * _START)]
        return all(v is not None and 0 < abs(v) < bound * mp.mpf(2) ** -100 for v in vals)

    def __call__(self, x: float, max_dps: int = MAX_DPS, zero_dps: int = ZERO_DPS) -> mp.mpf | None:
        xm = mp.mpf(x)  # exact: every float is a binary rational
        dps = _START
        prev = self._at(xm, dps)
        tol = mp.mpf(10) ** -DIGITS
        while dps < max_dps:
            low = dps
            dps = min(max_dps, max(2 * dps, _enough(prev)))
            cur = self._at(xm, dps)
            if prev is None and cur is None:
                return None
            if prev is not None and cur is not None:
                if cur == 0 and prev == 0:
                    if dps >= min(zero_dps, max_dps):
                        return mp.mpf(0)
                elif (mp.isinf(cur) and cur == prev) or (
                    cur != 0 and abs(cur - prev) <= tol * abs(cur) and low >= _enough(cur)
                ):
                    return cur
            prev = cur
        return None


def _enough(v: mp.mpf | None) -> int:
    """Digits a value needs before agreement proves it: `DIGITS` (and a margin) beyond its
    magnitude when |v| < 1, so that terms of order 1 absorbed at that precision cannot matter.
    Below the float range (10⁻³³⁰) the ladder's agreement is enough: such a value only has
    to be known to underflow, and its digits can cost minutes (exp(−10³⁰⁰) at 700 digits)."""
    if v is None or v == 0 or mp.isinf(v):
        return 0
    digits = -mp.log10(abs(v))
    return 0 if digits > _FLOOR else DIGITS + 10 + max(0, int(digits))


#: Decimal exponent below every float (the smallest subnormal float64 is 4.9e−324).
_FLOOR = 330


@memo(maxsize=512)
def reference(expr: sp.Expr) -> Reference:
    """The (cached) reference evaluator of `expr`."""
    return Reference(expr)
