"""Expressions to text and back without executing anything.

The disk cache stores expressions as `sympy.srepr` text. Reading them back with `sympify` or
`eval` would run whatever a tampered cache file holds, so [`load_expr`][symact.analysis.serial.
load_expr] walks Python's `ast` and rebuilds only whitelisted SymPy classes from literal
arguments.
"""

from __future__ import annotations

import ast
from typing import Any

import sympy as sp

from symact.functions import PRIMITIVES

__all__ = ["dump_expr", "load_expr"]

_CLASSES: dict[str, Any] = {
    name: getattr(sp, name)
    for name in [
        "Add",
        "Mul",
        "Pow",
        "Symbol",
        "Integer",
        "Rational",
        "Float",
        "Piecewise",
        "StrictLessThan",
        "StrictGreaterThan",
        "LessThan",
        "GreaterThan",
        "Equality",
        "Unequality",
        "And",
        "Or",
        "Not",
        "Tuple",
        "exp",
        "log",
        "sqrt",
        "sin",
        "cos",
        "tan",
        "sinh",
        "cosh",
        "tanh",
        "asinh",
        "atan",
        "atanh",
        "erf",
        "erfc",
        "Abs",
        "sign",
        "Heaviside",
        "Max",
        "Min",
        "LambertW",
        "floor",
        "ceiling",
        "Interval",
        "FiniteSet",
        "Union",
    ]
}
_CLASSES["ExprCondPair"] = sp.functions.elementary.piecewise.ExprCondPair
_CLASSES.update(PRIMITIVES)
#: Names `srepr` prints bare.
_ATOMS: dict[str, Any] = {
    "oo": sp.oo,
    "pi": sp.pi,
    "E": sp.E,
    "true": sp.true,
    "false": sp.false,
    "nan": sp.nan,
    "zoo": sp.zoo,
    "I": sp.I,
}


def dump_expr(e: sp.Basic) -> str:
    """Text for `e` that [`load_expr`][symact.analysis.serial.load_expr] reads back."""
    return sp.srepr(e)  # type: ignore[no-any-return]


def load_expr(text: str) -> sp.Basic:
    """The expression that `dump_expr` wrote; `ValueError` for anything else."""
    if len(text) > 200_000:
        raise ValueError("expression text is too long")
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not an expression: {exc.msg}") from None
    return _build(tree.body)  # type: ignore[no-any-return]


def _literal(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _literal(node.operand)
        if isinstance(v, int | float) and not isinstance(v, bool):
            return -v
    raise ValueError("only literal arguments are allowed")


def _build(node: ast.expr) -> Any:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        cls = _CLASSES.get(name)
        if cls is None:
            raise ValueError(f"{name!r} is not an allowed SymPy class")
        kwargs = {k.arg: _literal(k.value) for k in node.keywords if k.arg is not None}
        if len(kwargs) != len(node.keywords):
            raise ValueError("** arguments are not allowed")
        if name in ("Symbol", "Integer", "Rational", "Float"):
            args = [_literal(a) for a in node.args]
            if name == "Symbol":
                if not (len(args) == 1 and isinstance(args[0], str)):
                    raise ValueError("Symbol takes a name")
                if any(not isinstance(v, bool) for v in kwargs.values()):
                    raise ValueError("Symbol assumptions are booleans")
            elif kwargs.keys() - {"precision"}:
                raise ValueError(f"{name} takes no such keyword")
            if name == "Float" and args and isinstance(args[0], str) and len(args[0]) > 400:
                raise ValueError("number too long")
            if name in ("Integer", "Rational") and any(
                isinstance(a, int) and abs(a).bit_length() > 4096 for a in args
            ):
                raise ValueError("number too large")
            return cls(*args, **kwargs)
        if kwargs:
            raise ValueError(f"{name} takes no keywords")
        return cls(*(_build(a) for a in node.args))
    if isinstance(node, ast.Name) and node.id in _ATOMS:
        return _ATOMS[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_build(node.operand)
    raise ValueError("only SymPy constructor calls are allowed")
