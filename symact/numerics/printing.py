"""What every symact printer shares: numbers printed so that they round once."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import sympy as sp
from sympy.printing.precedence import PRECEDENCE

__all__ = ["RoundOnce"]


class RoundOnce:
    """Numbers as literals that round once: a Float is the nearest double (`repr`), and a
    rational coefficient divides (x/3) rather than multiplying by a rounded 1/3."""

    _print: Callable[[Any], str]
    parenthesize: Callable[..., str]

    def _print_Float(self, expr: sp.Float) -> str:  # noqa: N802 - SymPy printer method name
        return repr(float(expr))

    def _print_Mul(self, expr: sp.Mul) -> str:  # noqa: N802
        c, rest = expr.as_coeff_Mul()
        if c.is_Rational and not c.is_Integer and rest != 1:
            inv = Fraction(int(c.q), abs(int(c.p)))
            if Fraction(float(inv)) == inv:
                body = self.parenthesize(rest, PRECEDENCE["Mul"])
                sign = "-" if c < 0 else ""
                return f"{sign}{body}/{float(inv)!r}"
        return super()._print_Mul(expr)  # type: ignore[misc,no-any-return]
