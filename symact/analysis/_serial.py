"""Expressions to text and back without executing anything.

The disk caches (analyses and numeric plans) store expressions as `sympy.srepr` text (with the
arguments of a sum or product in the order SymPy stores them: `srepr` prints them in printing
order, which a rebuilt expression would not match). Reading
them back with `sympify` or `eval` would run whatever a tampered cache file holds, so
[`load_expr`][symact.analysis._serial.load_expr] walks Python's `ast` and rebuilds only
whitelisted SymPy classes from literal arguments, refusing numbers large enough to stall SymPy
(a 4096-bit integer, a power of a number to a huge exponent or a tower of such powers, a float
of absurd precision). A symbol is read back only under a name the caller allows (`x`, `y` and
the activation's parameters), and only if that name is a plain ASCII identifier: code printed
from an expression (`lambdify`, the code generators) writes names verbatim.
Whatever fails to read is a `ValueError`, never anything else.

Classes are called with evaluation off, so the expression read back is the one written, node
for node: `Mul(Rational(1, 6), Add(x, 3))` stays a product (evaluated, SymPy would distribute it
into `x/6 + 1/2`), and a cache does not change the expressions it holds.

The whitelist holds SymPy's classes and symact's primitives. A later layer adds its own classes
per call (`extra`): the numeric plans pass their nodes (`expit`, `log1p`, …), so this module
never imports from the numerics layer.
"""

from __future__ import annotations

import ast
import dataclasses
import keyword
import math
from collections.abc import Collection, Mapping
from enum import StrEnum
from typing import Any

import sympy as sp

from symact._store import memo
from symact.analysis._facts import (
    FACTS,
    Analysis,
    Asymptote,
    Breakpoint,
    DefaultDiffers,
    Ends,
    Fact,
    General,
    Kind,
    Monotonicity,
    Parity,
    Provenance,
    Value,
    spans,
)
from symact.declare import argument_value
from symact.functions import PRIMITIVES

__all__ = [
    "FACT_ENTRY",
    "FACT_SYMBOLS",
    "analysis_json",
    "dump_expr",
    "dump_fact",
    "fact_json",
    "general_json",
    "interval_list",
    "load_expr",
    "load_fact",
    "provenance_json",
    "to_json_number",
    "value_json",
]

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
        "sech",
        "csch",
        "coth",
        "asinh",
        "acosh",
        "asin",
        "acos",
        "atan",
        "atan2",
        "atanh",
        "erf",
        "erfc",
        "erfinv",
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
        "ImageSet",
        "Lambda",
    ]
}
#: Set classes, built evaluated.
_SETS = frozenset({"Interval", "FiniteSet", "Union", "ImageSet"})
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
    "Integers": sp.S.Integers,
    "Reals": sp.S.Reals,
    "EmptySet": sp.S.EmptySet,
}


def dump_expr(e: sp.Basic) -> str:
    """Text for `e` that [`load_expr`][symact.analysis._serial.load_expr] reads back: `srepr`,
    except that a sum or product lists its arguments as stored, not in printing order."""
    if e.is_Atom or not e.args:
        return sp.srepr(e)  # type: ignore[no-any-return]
    return f"{type(e).__name__}({', '.join(dump_expr(a) for a in e.args)})"


#: Largest `precision` (bits) of a Float read back.
MAX_PRECISION = 10_000
#: Largest numerator or denominator of a number's exponent read back (SymPy would compute
#: 3**(10**7) exactly, for seconds, once anything evaluates it; 2**(10**1000) never ends).
MAX_EXPONENT = 10_000
#: Most bits (of numerator or denominator) of the exact number a power of numbers makes: a
#: tower `((2**64)**64)**64` has exponents within `MAX_EXPONENT` and 2**262144 as its value.
MAX_BITS = 1 << 16


def plain_name(name: object) -> bool:
    """Whether `name` is a plain ASCII identifier (not a keyword): safe to print as code."""
    return (
        isinstance(name, str)
        and name.isascii()
        and name.isidentifier()
        and not keyword.iskeyword(name)
    )


def load_expr(
    text: str, extra: Mapping[str, type] | None = None, *, names: Collection[str]
) -> sp.Basic:
    """The expression that `dump_expr` wrote; `ValueError` for anything else.

    `extra` names further classes that may be called (a name of the built-in whitelist keeps
    its meaning: `extra` cannot replace `Add`). `names` are the symbol names the expression
    may hold (each must also be a plain identifier: see
    [`plain_name`][symact.analysis._serial.plain_name]).
    """
    if not isinstance(text, str):
        raise ValueError("expression text must be a string")
    if len(text) > 200_000:
        raise ValueError("expression text is too long")
    allowed = frozenset(n for n in names if plain_name(n))
    try:
        tree = ast.parse(text, mode="eval")
        with sp.evaluate(False):  # rebuild what was written, not what SymPy would make of it
            return _build(tree.body, extra or {}, allowed)  # type: ignore[no-any-return]
    except SyntaxError as exc:
        raise ValueError(f"not an expression: {exc.msg}") from None
    except ValueError:
        raise
    except Exception as exc:  # a constructor refusing its arguments, nesting too deep, …
        raise ValueError(f"not a valid expression ({type(exc).__name__})") from None


def _literal(node: ast.expr) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float | str | bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        v = _literal(node.operand)
        if isinstance(v, int | float) and not isinstance(v, bool):
            return -v
    raise ValueError("only literal arguments are allowed")


def _build(node: ast.expr, extra: Mapping[str, type], names: frozenset[str]) -> Any:
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        name = node.func.id
        cls = _CLASSES.get(name) or extra.get(name)
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
                if args[0] not in names:
                    raise ValueError(f"no symbol {args[0][:40]!r} belongs here")
                if any(not isinstance(v, bool) for v in kwargs.values()):
                    raise ValueError("Symbol assumptions are booleans")
            elif kwargs.keys() - {"precision"}:
                raise ValueError(f"{name} takes no such keyword")
            elif name != "Float" and (kwargs or any(type(a) is not int for a in args)):
                raise ValueError(f"{name} takes integers")
            precision = kwargs.get("precision", 53)
            if name == "Float" and not (type(precision) is int and 1 <= precision <= MAX_PRECISION):
                raise ValueError("Float precision out of range")
            if name == "Float" and args and isinstance(args[0], str) and len(args[0]) > 400:
                raise ValueError("number too long")
            if name in ("Integer", "Rational") and any(
                isinstance(a, int) and abs(a).bit_length() > 4096 for a in args
            ):
                raise ValueError("number too large")
            return cls(*args, **kwargs)
        if kwargs:
            raise ValueError(f"{name} takes no keywords")
        args = [_build(a, extra, names) for a in node.args]
        if cls is sp.Pow and len(args) == 2 and _huge_power(*args):
            raise ValueError("power of a number to too large an exponent")
        if name in _SETS:  # unevaluated, a Union of intervals fails to build (SymPy 1.14)
            with sp.evaluate(True):
                made = cls(*args)
        else:
            made = cls(*args)
        if _too_large(made):
            raise ValueError("a function of too large a number")
        return made
    if isinstance(node, ast.Name) and node.id in _ATOMS:
        return _ATOMS[node.id]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _build(node.operand, extra, names)
        if not isinstance(value, sp.Number):
            raise ValueError("only numbers are negated")  # `srepr` writes -oo, never -x
        return -value
    raise ValueError("only SymPy constructor calls are allowed")


def _huge_power(base: Any, exponent: Any) -> bool:
    """Whether SymPy would evaluate `base**exponent` exactly at great cost: an exponent of a
    number beyond `MAX_EXPONENT`, or a power of numbers (however nested) beyond `MAX_BITS`."""
    if isinstance(exponent, sp.Rational) and max(abs(exponent.p), exponent.q) > MAX_EXPONENT:
        return isinstance(base, sp.Basic) and not base.free_symbols
    if not (isinstance(base, sp.Basic) and isinstance(exponent, sp.Basic)):
        return False
    if base.free_symbols or exponent.free_symbols:
        return False  # x**n is never evaluated as a number
    return _bits(sp.Pow(base, exponent, evaluate=False)) > MAX_BITS


def _too_large(e: Any) -> bool:
    """Whether `e` is an exponentially growing function (exp, cosh, a class not whitelisted
    here) of a number too large: `floor(exp(2**60))` would evaluate for ever."""
    return (
        isinstance(e, sp.Function)
        and (isinstance(e, _GROWING) or type(e) not in _KNOWN)
        and not e.free_symbols
        and _bits(e) > MAX_BITS
    )


@memo(maxsize=4096)
def _bits(e: sp.Basic) -> float:
    """An upper bound on the bits of the exact number the constant `e` may evaluate to
    (numerator or denominator; `inf` where there is no useful bound)."""
    if isinstance(e, sp.Rational):
        return max(abs(int(e.p)).bit_length(), int(e.q).bit_length(), 1)
    if isinstance(e, sp.Pow):
        base, exponent = e.args
        if isinstance(exponent, sp.Rational):
            return _bits(base) * max(abs(int(exponent.p)), 1)
        if isinstance(exponent, sp.Float):
            return 64  # evaluated in floating point, never exactly
        # a power of a number to a constant that evaluates to an integer of up to b bits
        b = _bits(exponent)
        return math.inf if b > 64 else _bits(base) * 2.0**b
    if isinstance(e, sp.NumberSymbol):
        return 2  # pi, E, …: less than 4 (exp(-pi) is small, not a huge exact number)
    if isinstance(e, sp.Float) and e.is_finite and not e.is_zero:
        _, _, exponent, bits = e._mpf_
        return float(max(1, int(exponent) + int(bits)))  # the bits of its magnitude
    if not e.args:
        return 64  # oo and other atoms: not an exact integer
    total = sum(_bits(a) for a in e.args) + 1
    if isinstance(e, _GROWING) or type(e) not in _KNOWN:
        # a value up to about e**(2**b): floor or ceiling would make it an integer that large
        return math.inf if total > 64 else 2.0**total
    return total  # sums, products and functions that do not grow faster than their argument


#: Functions of a number that grow exponentially with it (and any class not whitelisted here).
_GROWING = (sp.exp, sp.sinh, sp.cosh, sp.tan)
_KNOWN = frozenset(c for c in _CLASSES.values() if isinstance(c, type))


# --- facts: the documented JSON format, and the store's lossless form -----------------------------


def to_json_number(v: Any) -> Any:
    """A float, or "inf" / "-inf" / "nan" for non-finite values (JSON has no infinities)."""
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, sp.Basic):
        if v is sp.S.Infinity:
            return "inf"
        if v is sp.S.NegativeInfinity:
            return "-inf"
        v = float(v)
    if isinstance(v, int | float):
        f = float(v)
        if math.isnan(f):
            return "nan"
        if math.isinf(f):
            return "inf" if f > 0 else "-inf"
        return f
    return v


def interval_list(s: sp.Set) -> list[dict[str, Any]]:
    """A SymPy set of reals as JSON: a list of {lo, hi, lo_closed, hi_closed}, and a `period`
    for a family c + kT (k ∈ ℤ)."""
    out = []
    for p in spans(s):
        d = {
            "lo": to_json_number(p.lo),
            "hi": to_json_number(p.hi),
            "lo_closed": p.lo_closed,
            "hi_closed": p.hi_closed,
        }
        if p.period is not None:
            d["period"] = to_json_number(p.period)
        out.append(d)
    return out


def _order_json(v: sp.Expr) -> Any:
    return to_json_number(v) if v == sp.oo else int(v)


def _breakpoint_json(b: Breakpoint) -> dict[str, Any]:
    return {
        "at": to_json_number(b.at),
        "exact": str(b.at),
        "continuity": _order_json(b.continuity),
        "value": to_json_number(b.value),
        "left_limit": to_json_number(b.left_limit),
        "right_limit": to_json_number(b.right_limit),
        "left_derivative": to_json_number(b.left_derivative),
        "right_derivative": to_json_number(b.right_derivative),
    }


def value_json(kind: Kind, v: Value) -> Any:
    """A fact's value in the documented JSON format (see `FACT_NAMES` for each fact's)."""
    if v is None:
        return None
    if kind == "set":
        return interval_list(v)  # type: ignore[arg-type]
    if isinstance(v, Asymptote):
        return {"slope": to_json_number(v.slope), "intercept": to_json_number(v.intercept)}
    if kind == "defaults":
        return [_default_json(d) for d in v if isinstance(d, DefaultDiffers)]  # type: ignore[union-attr]
    if isinstance(v, tuple):  # breakpoints
        return [_breakpoint_json(b) for b in v if isinstance(b, Breakpoint)]
    if kind == "order":
        return _order_json(v)  # type: ignore[arg-type]
    if kind == "expression":
        return str(v)
    if kind in ("monotonicity", "parity", "ends"):
        return str(v)
    return to_json_number(v)


def _default_json(d: DefaultDiffers) -> dict[str, Any]:
    return {
        "framework": d.framework,
        "function": d.function,
        "argument": d.argument,
        "default": argument_value(d.default),
        "call": argument_value(d.call),
    }


def _exact_text(kind: Kind, v: Value) -> str | None:
    """The `exact` member: SymPy's string form of an exact value (none for breakpoints,
    whose points carry their own, nor for framework defaults, which are not SymPy values)."""
    if v is None or kind in ("breakpoints", "defaults"):
        return None
    if isinstance(v, Asymptote):
        return str(sp.Tuple(v.slope, v.intercept))
    return str(v)


def fact_json(name: str, fact: Fact) -> dict[str, Any]:
    """`fact` (the fact `name`) in the documented format: {value, exact, how, note, provenance}
    and, where there is one, `general`."""
    kind = FACTS[name].kind
    out: dict[str, Any] = {
        "value": value_json(kind, fact.value),
        "exact": _exact_text(kind, fact.value) if fact.how == "exact" else None,
        "how": fact.how,
        "note": fact.note,
        "provenance": provenance_json(fact.provenance),
    }
    if fact.general is not None:
        out["general"] = general_json(fact.general)
    return out


def provenance_json(p: Provenance) -> dict[str, Any]:
    """How a fact was obtained, as data: `methods` and `attempts` (lists of phrases), and
    `tolerance` (relative) and `digits` (of the mpmath evidence), null where they do not
    apply. The fact's `note` is their text."""
    return {
        "methods": list(p.methods),
        "attempts": list(p.attempts),
        "tolerance": p.tolerance,
        "digits": p.digits,
    }


def _load_provenance(d: Any) -> Provenance:
    if not (isinstance(d, dict) and set(d) == {"methods", "attempts", "tolerance", "digits"}):
        raise ValueError("not a provenance")
    phrases = [d["methods"], d["attempts"]]
    if not all(isinstance(v, list) and all(isinstance(t, str) for t in v) for v in phrases):
        raise ValueError("a provenance's methods and attempts are lists of text")
    tol, digits = d["tolerance"], d["digits"]
    if not (tol is None or (isinstance(tol, float) and math.isfinite(tol))):
        raise ValueError("a tolerance is a finite number")
    if not (digits is None or (type(digits) is int and 0 < digits <= 100_000)):
        raise ValueError("digits are a positive integer")
    return Provenance(tuple(d["methods"]), tuple(d["attempts"]), tol, digits)


def analysis_json(an: Analysis) -> dict[str, Any]:
    """Every fact of `an` in the documented format, by name."""
    return {name: fact_json(name, fact) for name, fact in an.facts.items()}


def general_json(g: General) -> dict[str, Any]:
    """The documented `general` member: SymPy string forms of the value and the domain."""
    return {
        "exact": None if g.value is None else str(g.value),
        "assumptions": str(g.assumptions),
        "how": g.how,
        "note": g.note,
    }


#: The names a fact at the default parameters may hold: x, the output y (f' in terms of f),
#: and k (the integer of a periodic family).
FACT_SYMBOLS = frozenset({"x", "y", "k"})
_BREAKPOINT_FIELDS = tuple(f.name for f in dataclasses.fields(Breakpoint))
_DEFAULT_FIELDS = tuple(f.name for f in dataclasses.fields(DefaultDiffers))
#: The longest text a stored framework default may hold (names, options, exact numbers).
_TEXT = 200


def _is_default(d: Any) -> bool:
    """Whether `d` is a stored `DefaultDiffers`: three names, then two declared arguments."""
    if not (isinstance(d, list) and len(d) == len(_DEFAULT_FIELDS)):
        return False
    names, values = d[:3], d[3:]
    if not all(isinstance(s, str) and 0 < len(s) <= _TEXT for s in names):
        return False
    return all(
        v is None
        or isinstance(v, bool | int)
        or (isinstance(v, float) and math.isfinite(v))
        or (isinstance(v, str) and len(v) <= _TEXT)
        for v in values
    )


def _dump(v: sp.Basic | None) -> str | None:
    return None if v is None else dump_expr(v)


def dump_fact(name: str, fact: Fact) -> dict[str, Any]:
    """`fact` losslessly, for the store: its value by kind (SymPy values as `dump_expr` text),
    `how` and its provenance (not its `general` member, which is stored apart); read back by
    [`load_fact`][symact.analysis._serial.load_fact]."""
    kind, v = FACTS[name].kind, fact.value
    value: Any
    if v is None or kind in ("bool", "monotonicity", "parity", "ends"):
        value = v if not isinstance(v, StrEnum) else str(v)
    elif kind == "defaults":
        value = [[getattr(d, f) for f in _DEFAULT_FIELDS] for d in v]  # type: ignore[union-attr]
    elif isinstance(v, Asymptote):
        value = [dump_expr(v.slope), dump_expr(v.intercept)]
    elif isinstance(v, tuple):  # breakpoints
        value = [{f: _dump(getattr(b, f)) for f in _BREAKPOINT_FIELDS} for b in v]
    else:
        value = dump_expr(v)  # type: ignore[arg-type]
    return {"value": value, "how": fact.how, "provenance": provenance_json(fact.provenance)}


#: The shape of `dump_fact`'s output (see [`conforms`][symact._store.conforms]).
FACT_ENTRY = {"value": object, "how": str, "provenance": dict}


def load_fact(name: str, d: Mapping[str, Any], names: Collection[str] = FACT_SYMBOLS) -> Fact:
    """The fact `name` that `dump_fact` wrote; `ValueError` for anything else (nothing in `d`
    is executed: SymPy values go through `load_expr`)."""
    spec = FACTS.get(name)
    if spec is None:
        raise ValueError(f"no fact {name[:40]!r}")
    if not isinstance(d, Mapping) or d.get("how") not in ("exact", "numeric", "undetermined"):
        raise ValueError("not a fact")
    how = _load_provenance(d.get("provenance"))
    return Fact(_load_value(spec.kind, d.get("value"), names), d["how"], provenance=how)


def _load_value(kind: Kind, raw: Any, names: Collection[str]) -> Value:
    if raw is None:
        return None
    if kind == "bool":
        if not isinstance(raw, bool):
            raise ValueError("not a yes or no")
        return raw
    if kind in ("monotonicity", "parity", "ends"):
        enum: type[StrEnum] = {"monotonicity": Monotonicity, "parity": Parity, "ends": Ends}[kind]
        try:
            return enum(raw)  # type: ignore[return-value]
        except ValueError:
            raise ValueError(f"not a {kind}") from None
    if kind == "asymptote":
        if not (isinstance(raw, list) and len(raw) == 2):
            raise ValueError("an asymptote is a slope and an intercept")
        return Asymptote(*(_expr(t, names) for t in raw))
    if kind == "defaults":
        if not (isinstance(raw, list) and all(_is_default(d) for d in raw)):
            raise ValueError("not a list of framework defaults")
        return tuple(DefaultDiffers(*d) for d in raw)
    if kind == "breakpoints":
        if not isinstance(raw, list):
            raise ValueError("breakpoints are a list")
        out = []
        for b in raw:
            if not (isinstance(b, dict) and set(b) == set(_BREAKPOINT_FIELDS)):
                raise ValueError("not a breakpoint")
            fields = {f: None if b[f] is None else _expr(b[f], names) for f in _BREAKPOINT_FIELDS}
            if fields["at"] is None or fields["continuity"] is None:
                raise ValueError("a breakpoint has a place and an order")
            out.append(Breakpoint(**fields))  # type: ignore[arg-type]
        return tuple(out)
    value = load_expr(raw, names=names)
    if kind == "set" and not isinstance(value, sp.Set):
        raise ValueError("not a set")
    if kind != "set" and isinstance(value, sp.Set):
        raise ValueError("a set where a value belongs")
    return value


def _expr(t: Any, names: Collection[str]) -> sp.Expr:
    e = load_expr(t, names=names)
    if not isinstance(e, sp.Expr):
        raise ValueError("not an expression")
    return e
