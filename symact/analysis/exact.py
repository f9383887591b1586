"""A fact's exact form back as a SymPy expression, without executing anything.

Facts keep their exact value as SymPy's string form (`Fact.exact`: `y*(1 - y)`,
`sqrt(2)*normal_pdf(sqrt(2)) + normal_cdf(sqrt(2))`, `Piecewise((0, Eq(y, 0)), (1, y > 0))`), which
is what JSON readers see. Renderers that typeset it need the expression again.
[`parse_exact`][symact.analysis.exact.parse_exact] reads that string form with Python's `ast` and
the same whitelist of SymPy classes as the cache reader
([`load_expr`][symact.analysis.serial.load_expr]): operators, numbers, names (as real symbols)
and calls of whitelisted functions. Anything else gives `None`, never an exception.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import sympy as sp

from symact.analysis.serial import _ATOMS, _CLASSES, _huge_power, _too_large

__all__ = ["parse_exact"]

_BINARY: dict[type[ast.operator], Any] = {
    ast.Add: lambda a, b: a + b,
    ast.Sub: lambda a, b: a - b,
    ast.Mult: lambda a, b: a * b,
    ast.Div: lambda a, b: a / b,
    ast.Pow: lambda a, b: _power(a, b),
    ast.BitAnd: sp.And,
    ast.BitOr: sp.Or,
}
_COMPARE: dict[type[ast.cmpop], Any] = {
    ast.Lt: sp.StrictLessThan,
    ast.Gt: sp.StrictGreaterThan,
    ast.LtE: sp.LessThan,
    ast.GtE: sp.GreaterThan,
}
_CALLS: dict[str, Any] = {
    **{k: v for k, v in _CLASSES.items() if k not in ("Symbol", "Integer", "Rational", "Float")},
    "Eq": sp.Eq,
    "Ne": sp.Ne,
    # Functions that exact values hold beyond what the cache stores.
    **{name: getattr(sp, name) for name in ("erfinv", "acosh", "asin", "acos", "atan2")},
    # Sets: intervals by their constructors' names, and periodic families c + kT.
    "Interval.open": sp.Interval.open,
    "Interval.Lopen": sp.Interval.Lopen,
    "Interval.Ropen": sp.Interval.Ropen,
    "ImageSet": sp.ImageSet,
    "Lambda": sp.Lambda,
}
#: Set constructors.
_SET_CALLS = frozenset(
    {"Interval", "Interval.open", "Interval.Lopen", "Interval.Ropen", "FiniteSet", "Union"}
    | {"ImageSet", "Lambda"}
)
#: Sets printed by name.
_SETS = {"Integers": sp.S.Integers, "Reals": sp.S.Reals, "EmptySet": sp.S.EmptySet}
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]{0,30}")
_MAX_TEXT = 5000


class _RefusedError(Exception):
    pass


def _power(a: Any, b: Any) -> Any:
    # 9**9**9 would take SymPy forever: a fact never needs a number to a large power, nor a
    # tower of powers ((2**64)**64)**64 whose every exponent is small.
    if isinstance(b, sp.Number) and abs(b) > 64 and isinstance(a, sp.Number):
        raise _RefusedError("number to a large power")
    if _huge_power(sp.sympify(a), sp.sympify(b)):
        raise _RefusedError("power too large")
    return a**b


def parse_exact(text: str | None) -> sp.Expr | None:
    """The expression that SymPy's `str` printed as `text`, or `None` if `text` is not such a
    string (or holds anything outside the whitelist)."""
    if not text or len(text) > _MAX_TEXT:
        return None
    try:
        tree = ast.parse(text, mode="eval")
        return _build(tree.body, text)  # type: ignore[no-any-return]
    except (_RefusedError, SyntaxError, TypeError, ValueError, RecursionError, sp.SympifyError):
        return None


def _build(node: ast.expr, text: str) -> Any:
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _BINARY[type(node.op)](_build(node.left, text), _build(node.right, text))
    if isinstance(node, ast.UnaryOp):
        if isinstance(node.op, ast.USub):
            return -_build(node.operand, text)
        if isinstance(node.op, ast.UAdd):
            return _build(node.operand, text)
        if isinstance(node.op, ast.Invert):
            return sp.Not(_build(node.operand, text))
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        segment = ast.get_source_segment(text, node) or ""
        if isinstance(node.value, int):
            return sp.Integer(node.value)
        return sp.Float(segment) if segment else sp.Float(node.value)
    if isinstance(node, ast.Name):
        if node.id in _ATOMS:
            return _ATOMS[node.id]
        if node.id in _SETS:
            return _SETS[node.id]
        if _NAME.fullmatch(node.id) and node.id not in _CALLS:
            return sp.Symbol(node.id, real=True)
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in _COMPARE:
        left, right = _build(node.left, text), _build(node.comparators[0], text)
        return _COMPARE[type(node.ops[0])](left, right)
    if isinstance(node, ast.Tuple):
        return tuple(_build(e, text) for e in node.elts)
    if isinstance(node, ast.Set):  # SymPy prints a FiniteSet as {a, b}
        return sp.FiniteSet(*(_build(e, text) for e in node.elts))
    name = _called(node)
    if isinstance(node, ast.Call) and name in _CALLS and not node.keywords:
        args = [_build(a, text) for a in node.args]
        if name == "Piecewise":
            return sp.Piecewise(*args)
        if name == "Pow" and len(args) == 2:
            return _power(*args)
        if name == "Lambda" and not (len(args) == 2 and isinstance(args[0], sp.Symbol)):
            raise _RefusedError("Lambda takes a name and an expression")
        if name == "ImageSet" and not (len(args) == 2 and args[1] is sp.S.Integers):
            raise _RefusedError("only families over the integers")
        if name in _SET_CALLS:  # built from checked parts; unevaluated, SymPy recurses
            return _CALLS[name](*args)
        with sp.evaluate(False):
            unevaluated = _CALLS[name](*args)
        if _too_large(unevaluated):
            raise _RefusedError("a function of too large a number")
        return _CALLS[name](*args)
    raise _RefusedError(ast.dump(node)[:80])


def _called(node: ast.expr) -> str | None:
    """The name a call calls: `f` for f(…), `Interval.open` for Interval.open(…)."""
    if not isinstance(node, ast.Call):
        return None
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
        return f"{f.value.id}.{f.attr}"
    return None
