"""Safe formulas: a user's own activation, parsed with a whitelist and never executed.

`symact derive "FORMULA"` and
[`symact.from_formula`][symact._api.from_formula] read a formula such as
`x*tanh(softplus(x))` or `where(x > 0, x, alpha*expm1(x))` into a SymPy expression in the real
variable `x` and the declared parameters. The text never reaches `sympify`, `parse_expr`, `eval`,
`exec` or compiled code: it is split into tokens, checked, and read by `ast.parse(...,
mode="eval")`, which only builds a syntax tree; the tree is then walked node by node and only the
constructs below become SymPy objects. Anything else is refused with a
[`FormulaError`][symact.formula.FormulaError] that names the column and, for a misspelt name,
suggests the closest one.

## Grammar

```text
formula    := expr
expr       := expr ("+" | "-") expr | expr ("*" | "/") expr
            | expr ("^" | "**") expr          (right-associative, binds tighter than unary minus)
            | ("-" | "+") expr | "(" expr ")"
            | number | name | call
number     := decimal literal: 12, 0.5, .5, 1e-3, 2.5E+2
name       := x | a declared parameter | pi | e
call       := function "(" expr ("," expr)* ")"
            | "where" "(" condition "," expr "," expr ")"
condition  := expr ("<" | "<=" | ">" | ">=") expr (("<" | "<=" | ">" | ">=") expr)*
            | condition "and" condition | condition "or" condition | "not" condition
            | "(" condition ")"
```

`^` is a power, exactly like `**`: `x^2*3` is `(x**2)*3` and `-x^2` is `-(x**2)`. The variable
and parameter names are case-sensitive; function names are not (`Exp(x)` is `exp(x)`). Spaces,
tabs and line breaks are ignored; the Unicode minus `−` and the products `×`, `·` are read as
`-` and `*`. Numbers are kept exact (`0.01` is `1/100`).

## Functions

| Function | Meaning |
|---|---|
| `exp(u)`, `log(u)`, `sqrt(u)` | $e^u$, natural logarithm, square root |
| `log1p(u)`, `expm1(u)` | $\\log(1 + u)$, $e^u - 1$ |
| `abs(u)`, `sign(u)` | $\\lvert u\\rvert$, sign (0 at 0) |
| `min(a, b, ...)`, `max(a, b, ...)` | smallest, largest of two or more arguments |
| `sin`, `cos`, `tanh`, `sinh`, `cosh`, `atan` | the trigonometric and hyperbolic functions |
| `erf(u)`, `erfc(u)` | error function and its complement |
| `heaviside(u)`, `heaviside(u, h0)` | step: 0 below 0, 1 above, ½ (or `h0`) at 0 |
| `where(cond, a, b)` | `a` where `cond` holds, else `b` (a piecewise definition) |
| any catalogue name or alias | that activation at `u`: `gelu(u)`, `silu(u)`, `elu(u)` ... |
| `normal_cdf(u)`, `normal_pdf(u)` | the standard normal CDF $\\Phi$ and density $\\varphi$ |

A catalogue activation takes its parameters as further arguments, in declared order and
defaulting to the catalogue's defaults: `elu(x, 2)` is ELU with `alpha = 2`, and
`leaky_relu(x, slope)` uses the formula's own parameter `slope`. The functions in the table
come first, then catalogue names and aliases, then the primitives: `heaviside(x)` is the step
with value ½ at 0 even if a catalogue entry has the alias `heaviside`.
The constants are `pi` and `e`.

## Limits

Formulas are checked before SymPy sees them: at most 1000 characters, 400 operations,
parentheses nested 40 deep, a tree 100 deep (a long sum or product counts as one level) and 32
arguments of `min` and `max` in all; literals have at most 30 digits and magnitudes between
1e-300 and 1e300. A constant exponent must be a plain number (not itself a power) of magnitude at
most 1000, and exact numbers may not grow beyond 1100 bits (`9^9^9`, `x^9^9^9` and `2^100000`
are refused). Every constant part of a formula must evaluate to a real number of magnitude at
most 1e300 (`exp(1000)`, `sqrt(-1)`, `log(-1)` and `1/0` are refused): SymPy checks signs and
comparisons of constants numerically, and huge ones would take forever.

A catalogue activation used as a function is expanded into its definition (`silu(u)` becomes
`u*sigmoid(u)`), so nesting them multiplies the size: `silu(silu(x))` has twice the nodes of
`silu(x)` and each `elu` triples it. Once expanded, a formula that uses catalogue activations
may have at most 400 nodes in its SymPy tree (a number, a name or an operation is one node);
the size of each expansion is worked out before it is made, so `silu(silu(...(x)))` 24 deep is
refused at once.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import keyword
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import NoReturn

import sympy as sp

from symact.catalog import ACTIVATIONS, UnknownActivation, resolve
from symact.declare import Activation, Param, X
from symact.functions import PRIMITIVES, count_nodes

__all__ = [
    "CONSTANTS",
    "FUNCTIONS",
    "MAX_BITS",
    "MAX_DEPTH",
    "MAX_DIGITS",
    "MAX_EXPANDED",
    "MAX_EXPONENT",
    "MAX_LENGTH",
    "MAX_MIN_MAX_ARGS",
    "MAX_NESTING",
    "MAX_NODES",
    "FormulaError",
    "parse",
    "parse_activation",
]

#: The longest formula accepted, in characters.
MAX_LENGTH = 1000
#: The most expression nodes (numbers, names, operations, calls) in a formula.
MAX_NODES = 400
#: The deepest nesting of parentheses (calls included).
MAX_NESTING = 40
#: The deepest syntax tree (also bounds chains such as `------x`).
MAX_DEPTH = 100
#: The most digits in a numeric literal (mantissa and exponent together).
MAX_DIGITS = 30
#: The largest magnitude of a constant exponent.
MAX_EXPONENT = 1000
#: The most arguments of `min` and `max`, all calls together (SymPy compares them pairwise).
MAX_MIN_MAX_ARGS = 32
#: The most nodes of the SymPy expression tree once catalogue activations are expanded (each
#: `silu(u)` becomes `u*sigmoid(u)`, so nesting doubles the tree; `elu(u)` triples it).
MAX_EXPANDED = 400
#: The largest exact number (numerator or denominator, in bits) a constant may grow to:
#: room for 1e300 and 1e-300, not for the products that make SymPy's `sqrt` slow.
MAX_BITS = 1100

_MAX_MAGNITUDE = Decimal("1e300")
_MAX_VALUE = sp.Float("1.000001e300")  # 1e300, with room for rounding
_MIN_MAGNITUDE = Decimal("1e-300")

#: The named constants.
CONSTANTS: dict[str, sp.Expr] = {"pi": sp.pi, "e": sp.E}


@dataclass(frozen=True)
class _Function:
    min_args: int
    max_args: int | None
    build: Callable[[Sequence[sp.Expr]], sp.Expr]


def _one(f: Callable[[sp.Expr], sp.Expr]) -> _Function:
    return _Function(1, 1, lambda a: f(a[0]))


#: The built-in functions by (lower-case) name; `where` is handled by the parser itself.
FUNCTIONS: dict[str, _Function] = {
    "exp": _one(sp.exp),
    "log": _one(sp.log),
    "log1p": _one(lambda u: sp.log(1 + u)),
    "expm1": _one(lambda u: sp.exp(u) - 1),
    "sqrt": _one(sp.sqrt),
    "abs": _one(sp.Abs),
    "sign": _one(sp.sign),
    "min": _Function(2, None, lambda a: sp.Min(*a)),
    "max": _Function(2, None, lambda a: sp.Max(*a)),
    "sin": _one(sp.sin),
    "cos": _one(sp.cos),
    "tanh": _one(sp.tanh),
    "sinh": _one(sp.sinh),
    "cosh": _one(sp.cosh),
    "atan": _one(sp.atan),
    "erf": _one(sp.erf),
    "erfc": _one(sp.erfc),
    "heaviside": _Function(1, 2, lambda a: sp.Heaviside(*a)),
}
_WHERE = "where"

_KEYWORDS_ALLOWED = frozenset({"and", "or", "not"})
_BUILTIN_NAMES = frozenset(dir(builtins))
_UNICODE = {"\u2212": "-", "\u00d7": "*", "\u00b7": "*", "\u22c5": "*"}
_WHITESPACE = frozenset(" \t\n\r")
_MAX_NAME = 64
_PARAM_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_DECIMAL = re.compile(r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z", re.ASCII)
_NUMBER_STRING = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z", re.ASCII)
_FRACTION_STRING = re.compile(r"[+-]?\d+/\d+\Z", re.ASCII)
_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<number>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)(?P<rest>[\w.]*)
  | (?P<name>[A-Za-z_]\w*)
  | (?P<op>\*\*|<=|>=|==|!=|[-+*/^(),<>=!.])
    """,
    re.VERBOSE | re.ASCII,
)
_OPERATORS: dict[type[ast.AST], str] = {
    ast.FloorDiv: "//",
    ast.Mod: "%",
    ast.MatMult: "@",
    ast.LShift: "<<",
    ast.RShift: ">>",
    ast.BitOr: "|",
    ast.BitXor: "^",
    ast.BitAnd: "&",
    ast.Invert: "~",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.In: "in",
    ast.NotIn: "not in",
}
_CONSTRUCTS: dict[type[ast.AST], str] = {
    ast.Attribute: "attribute access",
    ast.Subscript: "indexing",
    ast.Slice: "slicing",
    ast.Lambda: "lambda",
    ast.IfExp: "a conditional expression (use where(cond, a, b))",
    ast.ListComp: "a comprehension",
    ast.SetComp: "a comprehension",
    ast.DictComp: "a comprehension",
    ast.GeneratorExp: "a comprehension",
    ast.List: "a list",
    ast.Tuple: "a tuple",
    ast.Set: "a set",
    ast.Dict: "a dictionary",
    ast.NamedExpr: "assignment",
    ast.Starred: "unpacking with '*'",
    ast.JoinedStr: "a string",
    ast.FormattedValue: "a string",
    ast.Await: "await",
    ast.Yield: "yield",
    ast.YieldFrom: "yield",
}


class FormulaError(ValueError):
    """One clear line: what is wrong, where (column), and 'did you mean …' when a name is close.

    `column` is the 1-based column in the formula as given, or `None` when the problem is not at
    one place (an empty or overlong formula, a bad parameter).
    """

    column: int | None

    def __init__(self, message: str, column: int | None = None) -> None:
        super().__init__(message)
        self.column = column


def _fail(what: str, column: int | None = None, detail: str = "") -> NoReturn:
    where = f" at column {column}" if column is not None else ""
    raise FormulaError(f"{what}{where}{detail}", column)


def _hint(name: str, pool: Sequence[str]) -> str:
    """' — did you mean …?' for the names in `pool` closest to `name`, or ''."""
    exact = [p for p in pool if p.lower() == name.lower() and p != name]
    close = exact or difflib.get_close_matches(name.lower(), pool, n=2, cutoff=0.6)
    return f" — did you mean {' or '.join(dict.fromkeys(close))}?" if close else ""


def _catalogue_names() -> list[str]:
    return [n for a in ACTIVATIONS.values() for n in (a.name, *a.aliases)]


def _catalogue(name: str) -> Activation | None:
    """The catalogue entry called `name` (any case, aliases accepted), if there is one."""
    try:
        return ACTIVATIONS[resolve(name)]
    except UnknownActivation:
        return None


def _function_names() -> list[str]:
    return list(dict.fromkeys([*FUNCTIONS, _WHERE, *_catalogue_names(), *PRIMITIVES]))


def _is_function(name: str) -> bool:
    low = name.lower()
    return low in FUNCTIONS or low == _WHERE or low in PRIMITIVES or _catalogue(low) is not None


# --- parameters ------------------------------------------------------------------------------


def _check_number_text(text: str, what: str, column: int | None) -> Fraction:
    """The exact value of a decimal (or fraction) string within the size limits."""
    digits = sum(ch in "0123456789" for ch in text)
    if digits > MAX_DIGITS:
        _fail(f"{what} has too many digits ({digits}; the limit is {MAX_DIGITS})", column)
    try:
        if "/" in text:
            value = Fraction(text)
            magnitude = abs(Decimal(value.numerator) / Decimal(value.denominator))
        else:
            decimal = Decimal(text)
            if not decimal.is_finite():
                _fail(f"{what} is not a finite number", column)
            if not decimal.is_zero() and not -301 <= decimal.adjusted() <= 300:
                # Decided on the exponent alone: 1e-3009999 must not become a huge Fraction.
                _fail(
                    f"{what} is out of range",
                    column,
                    " (magnitudes from 1e-300 to 1e300 are allowed)",
                )
            magnitude = abs(decimal)
            value = Fraction(0)
    except FormulaError:
        raise
    except (InvalidOperation, ValueError, ZeroDivisionError):
        _fail(f"{what} is not a number", column)
    except ArithmeticError:  # decimal.Overflow / Underflow: far outside the allowed range
        _fail(f"{what} is out of range", column, " (magnitudes from 1e-300 to 1e300 are allowed)")
    # The range is checked on the Decimal, before an exact (possibly huge) integer is made.
    if magnitude and not _MIN_MAGNITUDE <= magnitude <= _MAX_MAGNITUDE:
        _fail(f"{what} is out of range", column, " (magnitudes from 1e-300 to 1e300 are allowed)")
    return value if "/" in text else Fraction(decimal)


def _param_default(name: str, value: object) -> int | float | str:
    """`value` checked and in a form [`Param`][symact.declare.Param] keeps exactly."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_BITS:
        # before repr(), which refuses (or takes long over) huge ints itself
        _fail(f"parameter {name!r}: the value is out of range")
    what = f"parameter {name!r}: value {str(value)[:40]!r}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        _fail(f"{what} is not a number")
    if isinstance(value, int):
        _check_number_text(str(value), what, None)
        return value
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            _fail(f"{what} is not a finite number")
        _check_number_text(repr(value), what, None)
        return value
    text = value.strip()
    if not (_NUMBER_STRING.match(text) or _FRACTION_STRING.match(text)):
        _fail(f"{what} is not a number")
    exact = _check_number_text(text, what, None)
    if re.fullmatch(r"-?\d+\.\d+", text, re.ASCII):
        return text  # a decimal string: Param keeps every digit
    return str(exact)  # an int or "p/q" string: exact


def _check_param_names(params: Mapping[str, object]) -> None:
    reserved = {"x", *CONSTANTS}
    for name in params:
        if not isinstance(name, str) or len(name) > _MAX_NAME or not _PARAM_NAME.match(name):
            shown = repr(name)[:40]
            _fail(f"parameter name {shown} is not allowed (use a-z, 0-9 and _, at most 64)")
        if name in reserved or keyword.iskeyword(name) or _is_function(name):
            _fail(f"parameter name {name!r} is already taken by a variable, constant or function")


def _param_objects(params: Mapping[str, int | float | str] | None) -> tuple[Param, ...]:
    params = dict(params or {})
    _check_param_names(params)
    return tuple(
        Param(name, _param_default(name, value), "parameter of the user's formula")
        for name, value in params.items()
    )


# --- tokens ----------------------------------------------------------------------------------


def _prepare(formula: str, names: frozenset[str]) -> tuple[str, list[int]]:
    """The text handed to `ast.parse`, and the 1-based original column of each of its characters.

    Checks characters, names, numbers and parentheses on the way, and turns `^` into `**`.
    """
    chars: list[str] = []
    for i, ch in enumerate(formula):
        ch = _UNICODE.get(ch, ch)
        if ch in _WHITESPACE:
            ch = " "
        elif not (ch.isascii() and ch.isprintable()):
            _fail(f"character {ch!r} is not allowed", i + 1)
        chars.append(ch)
    text = "".join(chars)
    out: list[str] = []
    columns: list[int] = []
    opened: list[int] = []
    pos = 0
    while pos < len(text):
        col = pos + 1
        m = _TOKEN.match(text, pos)
        if m is None:
            _fail(f"character {text[pos]!r} is not allowed", col)
        piece = m.group()
        if m.group("number") is not None:
            _check_literal(m.group("number"), m.group("rest"), col)
        elif m.group("name") is not None:
            _check_name(piece, col, names)
        elif piece == ".":
            _fail("attribute access is not allowed", col)
        elif piece == "(":
            opened.append(col)
            if len(opened) > MAX_NESTING:
                _fail("parentheses are nested too deeply", col, f" (the limit is {MAX_NESTING})")
        elif piece == ")":
            if not opened:
                _fail("unbalanced parenthesis", col, ": ')' has no matching '('")
            opened.pop()
        if piece == "^":
            out.append("**")
            columns += [col, col]
        else:
            out.append(piece)
            columns += range(col, col + len(piece))
        pos = m.end()
    if opened:
        _fail("unbalanced parenthesis", opened[-1], ": '(' is never closed")
    columns.append(len(formula) + 1)
    return "".join(out), columns


def _check_literal(number: str, rest: str, col: int) -> None:
    if rest:
        if rest in ("j", "J"):
            _fail("complex numbers are not allowed", col)
        name = re.match(r"[A-Za-z_]\w*", rest)
        if rest.startswith("_") or (number == "0" and rest[0] in "xXoObB"):
            _fail(f"invalid number {number + rest!r}", col, " (only decimal numbers are allowed)")
        if name and name.group() == rest:
            _fail(
                f"missing operator between {number!r} and {rest!r}",
                col + len(number),
                f" (write {number}*{rest})",
            )
        _fail(f"invalid number {number + rest!r}", col)
    _check_number_text(number, f"number {number!r}", col)


def _check_name(name: str, col: int, names: frozenset[str]) -> None:
    if name in names:
        return
    if name.startswith("_"):
        _fail(f"{name!r} is not allowed", col)
    if keyword.iskeyword(name) and name not in _KEYWORDS_ALLOWED:
        hint = " (use where(cond, a, b))" if name in ("if", "else") else ""
        _fail(f"{name!r} is not allowed", col, hint)
    if name in _BUILTIN_NAMES and name.lower() not in FUNCTIONS:
        _fail(f"{name!r} is not allowed", col)


# --- the tree --------------------------------------------------------------------------------


def _check_size(tree: ast.Expression) -> None:
    nodes = sum(isinstance(n, ast.expr) for n in ast.walk(tree))
    if nodes > MAX_NODES:
        _fail(f"formula is too large ({nodes} operations; the limit is {MAX_NODES})")
    # A chain such as x + x + ... + x (nested on the left) is read as one level: it is a sum,
    # not a nesting, and the reader walks it without recursion.
    stack: list[tuple[ast.AST, int]] = [(tree.body, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            _fail(f"formula is nested too deeply (the limit is {MAX_DEPTH} levels)")
        for child in ast.iter_child_nodes(node):
            flat = _chained(node) and child is node.left  # type: ignore[attr-defined]
            stack.append((child, depth if flat else depth + 1))


_SUMS = (ast.Add, ast.Sub)
_PRODUCTS = (ast.Mult, ast.Div)


def _family(op: ast.AST) -> tuple[type[ast.AST], ...] | None:
    return _SUMS if isinstance(op, _SUMS) else _PRODUCTS if isinstance(op, _PRODUCTS) else None


def _chained(node: ast.AST) -> bool:
    """Whether `node` continues a sum or product chain with its left operand."""
    if not isinstance(node, ast.BinOp) or not isinstance(node.left, ast.BinOp):
        return False
    family = _family(node.op)
    return family is not None and family is _family(node.left.op)


def _too_large(col: int | None) -> NoReturn:
    _fail(
        "formula is too large once its catalogue functions are expanded",
        col,
        f" (more than {MAX_EXPANDED} nodes; the limit is {MAX_EXPANDED})",
    )


def _power_bits(constant: sp.Basic) -> float:
    """log2 of the largest exact number a power of `constant` would make SymPy compute."""
    if constant.is_Rational:
        return math.log2(max(abs(int(constant.p)), int(constant.q), 1))
    if constant.is_Pow:
        return _power_bits(constant.base)
    if constant.is_Mul:
        return max(_power_bits(a) for a in constant.args)
    return 0.0


def _bits(expr: sp.Basic) -> int:
    """The size in bits of the largest numerator or denominator in `expr`."""
    sizes = [
        max(abs(int(r.p)).bit_length(), int(r.q).bit_length()) for r in expr.atoms(sp.Rational)
    ]
    return max(sizes, default=0)


class _Reader:
    """Walks the syntax tree and builds SymPy objects from whitelisted nodes only."""

    def __init__(self, text: str, columns: list[int], params: dict[str, sp.Symbol]) -> None:
        self.text = text
        self.columns = columns
        self.params = params
        self.min_max_args = 0
        #: Whether a catalogue activation was expanded (the expanded size is then checked).
        self.expanded = False

    def col(self, node: ast.AST) -> int:
        offset = getattr(node, "col_offset", 0)
        return self.columns[min(offset, len(self.columns) - 1)]

    def pool(self) -> list[str]:
        return ["x", *self.params, *CONSTANTS, *_function_names()]

    # expressions

    def expr(self, node: ast.AST) -> sp.Expr:
        value = self._expr(node)
        self.check(value, node)
        return value

    def check(self, value: sp.Basic, node: ast.AST) -> None:
        col = self.col(node)
        if value.has(sp.zoo, sp.nan, sp.oo, sp.S.NegativeInfinity):
            _fail("the value is undefined (division by zero?)", col)
        if _bits(value) > MAX_BITS:
            _fail("a number in the formula grows too large", col)
        if value.free_symbols:
            return
        # A constant: its value must be a real number of at most 1e300 in magnitude, so that
        # SymPy's own numeric checks (signs, comparisons) stay cheap.
        try:
            number = value.evalf(15)
        except (ArithmeticError, ValueError, TypeError):
            _fail("this constant cannot be evaluated", col)
        if number.has(sp.I):
            _fail("the value is not a real number", col)
        if not number.is_Number:
            _fail("this constant cannot be evaluated", col)
        if abs(number) > _MAX_VALUE:
            _fail("the value is too large", col, " (constants are limited to 1e300)")

    def _expr(self, node: ast.AST) -> sp.Expr:
        col = self.col(node)
        if isinstance(node, ast.Constant):
            return self.constant(node)
        if isinstance(node, ast.Name):
            return self.name(node)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.USub):
                return -self.expr(node.operand)
            if isinstance(node.op, ast.UAdd):
                return self.expr(node.operand)
            if isinstance(node.op, ast.Not):
                _fail("'not' is only allowed in the condition of where(cond, a, b)", col)
            _fail(f"operator {_OPERATORS.get(type(node.op), '?')!r} is not allowed", col)
        if isinstance(node, ast.BinOp):
            return self.binop(node)
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.Compare | ast.BoolOp):
            _fail("a condition is only allowed as the first argument of where(cond, a, b)", col)
        _fail(f"{_CONSTRUCTS.get(type(node), 'this construct')} is not allowed", col)

    def constant(self, node: ast.Constant) -> sp.Expr:
        col = self.col(node)
        value = node.value
        if isinstance(value, complex):
            _fail("complex numbers are not allowed", col)
        if isinstance(value, bool) or not isinstance(value, int | float):
            _fail(f"{'a string' if isinstance(value, str | bytes) else 'this'} is not allowed", col)
        source = self.text[node.col_offset : node.end_col_offset]
        if not _DECIMAL.match(source):
            _fail(f"invalid number {source!r}", col)
        exact = _check_number_text(source, f"number {source!r}", col)
        return sp.Rational(exact.numerator, exact.denominator)

    def name(self, node: ast.Name) -> sp.Expr:
        name, col = node.id, self.col(node)
        if name == "x":
            return X
        if name in self.params:
            return self.params[name]
        if name in CONSTANTS:
            return CONSTANTS[name]
        if _is_function(name):
            _fail(f"{name!r} is a function", col, f": call it as {name}(...)")
        _fail(f"unknown name {name!r}", col, _hint(name, self.pool()))

    def binop(self, node: ast.BinOp) -> sp.Expr:
        if isinstance(node.op, ast.Pow):
            return self.power(node)
        if _family(node.op) is None:
            symbol = _OPERATORS.get(type(node.op), "?")
            _fail(f"operator {symbol!r} is not allowed", self.op_col(node))
        # Walk a left-nested chain (a + b - c + ...) iteratively, from its first operand on.
        chain = [node]
        while _chained(chain[-1]):
            chain.append(chain[-1].left)  # type: ignore[arg-type]
        value = self.expr(chain[-1].left)
        for link in reversed(chain):
            right = self.expr(link.right)
            if isinstance(link.op, ast.Add):
                value = value + right
            elif isinstance(link.op, ast.Sub):
                value = value - right
            elif isinstance(link.op, ast.Mult):
                value = value * right
            else:
                if right.is_zero:
                    _fail("division by zero", self.col(link.right))
                value = value / right
            if link is not node:
                self.check(value, link)
        return value

    def op_col(self, node: ast.BinOp) -> int:
        """The column of a binary operator: the first character after the left operand."""
        pos = node.left.end_col_offset or node.left.col_offset
        while pos < len(self.text) and self.text[pos] in " )":
            pos += 1
        return self.columns[min(pos, len(self.columns) - 1)]

    def power(self, node: ast.BinOp) -> sp.Expr:
        col = self.col(node.right)
        base, exponent = self.expr(node.left), self.expr(node.right)
        if exponent.free_symbols:
            if not base.free_symbols and base.is_extended_negative:
                _fail("a negative number to a variable power is not real", col)
            return sp.Pow(base, exponent)
        if any(
            isinstance(n, ast.BinOp) and isinstance(n.op, ast.Pow) for n in ast.walk(node.right)
        ):
            _fail("an exponent may not itself be a power", col, "; write its value")
        value = exponent.evalf(15)
        if not value.is_Number or abs(value) > MAX_EXPONENT:
            _fail(f"the exponent is too large (the limit is {MAX_EXPONENT})", col)
        free = base.free_symbols
        constant = base.as_independent(*free, as_Add=False)[0] if free else base
        p = abs(int(exponent.p)) if exponent.is_Rational else int(abs(value)) + 1
        if _power_bits(constant) * p > MAX_BITS:
            _fail("the power is too large", col)
        return sp.Pow(base, exponent)

    def call(self, node: ast.Call) -> sp.Expr:
        col = self.col(node)
        if not isinstance(node.func, ast.Name):
            _fail("only named functions can be called", col)
        if node.keywords:
            _fail("keyword arguments are not allowed", self.col(node.keywords[0]))
        for arg in node.args:
            if isinstance(arg, ast.Starred):
                _fail("unpacking with '*' is not allowed", self.col(arg))
        name = node.func.id
        low = name.lower()
        n = len(node.args)
        if low == _WHERE:
            if n != 3:
                _fail(f"where() takes 3 arguments ({n} given)", col)
            cond = self.condition(node.args[0])
            a, b = self.expr(node.args[1]), self.expr(node.args[2])
            return sp.Piecewise((a, cond), (b, True))
        if low in ("min", "max"):
            self.min_max_args += n
            if self.min_max_args > MAX_MIN_MAX_ARGS:
                _fail(
                    f"too many arguments to min() and max() ({self.min_max_args})",
                    col,
                    f"; the limit is {MAX_MIN_MAX_ARGS} in one formula",
                )
        if low in FUNCTIONS:
            fn = FUNCTIONS[low]
            if n < fn.min_args or (fn.max_args is not None and n > fn.max_args):
                _fail(f"{low}() takes {_arity(fn.min_args, fn.max_args)} ({n} given)", col)
            return fn.build([self.expr(a) for a in node.args])
        act = _catalogue(low)
        if act is not None:
            return self.activation(act, node)
        if low in PRIMITIVES:
            if n != 1:
                _fail(f"{low}() takes 1 argument ({n} given)", col)
            return PRIMITIVES[low](self.expr(node.args[0]))
        if name == "x" or name in self.params or name in CONSTANTS:
            _fail(f"{name!r} is not a function", col, f" (write {name}*(...) for a product)")
        _fail(f"unknown function {name!r}", col, _hint(name, _function_names()))

    def activation(self, act: Activation, node: ast.Call) -> sp.Expr:
        col = self.col(node)
        n = len(node.args)
        if not 1 <= n <= 1 + len(act.params):
            names = ", ".join(p.name for p in act.params)
            detail = f" ({act.name}'s parameters: {names})" if names else ""
            raise FormulaError(
                f"{act.name}() takes {_arity(1, 1 + len(act.params))} ({n} given)"
                f" at column {col}{detail}",
                col,
            )
        u = self.expr(node.args[0])
        values = dict(act.defaults)
        for param, arg in zip(act.params, node.args[1:], strict=False):
            value = self.expr(arg)
            if not param.admits(value):
                word = "positive" if param.positive else "nonnegative"
                _fail(f"{act.name}'s {param.name} must be {word}", self.col(arg))
            values[param.name] = value
        # The size of the expansion, known before it is made: `u` stands in for each x.
        size = count_nodes(act.expr, MAX_EXPANDED)
        xs = sum(1 for n in sp.preorder_traversal(act.expr) if n == X)
        size += xs * (count_nodes(u, MAX_EXPANDED) - 1)
        if size > MAX_EXPANDED:
            _too_large(col)
        subs: dict[sp.Basic, sp.Basic] = {act.symbols[k]: v for k, v in values.items()}
        subs[X] = u
        self.expanded = True
        out = act.expr.subs(subs, simultaneous=True)
        size = count_nodes(out, MAX_EXPANDED)
        if size > MAX_EXPANDED:  # the parameters' values count too
            _too_large(col)
        return out  # type: ignore[no-any-return]

    # conditions

    def condition(self, node: ast.AST) -> sp.Basic:
        col = self.col(node)
        if isinstance(node, ast.BoolOp):
            parts = [self.condition(v) for v in node.values]
            return sp.And(*parts) if isinstance(node.op, ast.And) else sp.Or(*parts)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return sp.Not(self.condition(node.operand))
        if not isinstance(node, ast.Compare):
            _fail("the first argument of where() must be a condition such as x > 0", col)
        relations = {ast.Lt: sp.Lt, ast.LtE: sp.Le, ast.Gt: sp.Gt, ast.GtE: sp.Ge}
        terms = [self.expr(node.left), *(self.expr(c) for c in node.comparators)]
        parts = []
        for i, op in enumerate(node.ops):
            relation = relations.get(type(op))
            if relation is None:
                symbol = _OPERATORS.get(type(op), "?")
                _fail(f"comparison {symbol!r} is not allowed", col, " (use <, <=, >, >=)")
            try:
                parts.append(relation(terms[i], terms[i + 1]))
            except TypeError:
                _fail("these values cannot be compared", col)
        return sp.And(*parts)


def _arity(low: int, high: int | None) -> str:
    if high is None:
        return f"{low} or more arguments"
    if low == high:
        return f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} to {high} arguments"


# --- entry points ----------------------------------------------------------------------------


def _parse(formula: str, params: tuple[Param, ...]) -> sp.Expr:
    if not isinstance(formula, str):
        _fail(f"a formula must be a string, not {type(formula).__name__}")
    if len(formula) > MAX_LENGTH:
        _fail(f"formula is too long ({len(formula)} characters; the limit is {MAX_LENGTH})")
    if not formula.strip():
        _fail("formula is empty")
    symbols = {p.name: p.symbol for p in params}
    text, columns = _prepare(formula, frozenset(["x", *symbols]))
    shift = len(text) - len(text.lstrip())  # `ast.parse` refuses leading blanks (an indent)
    text, columns = text[shift:], columns[shift:]
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError as e:
        if not e.offset:  # Python reports the end of the input as offset 0
            col = len(formula.rstrip()) + 1
            raise FormulaError(
                f"invalid syntax at column {col}: the formula ends early", col
            ) from None
        col = columns[min(e.offset - 1, len(columns) - 1)]
        raise FormulaError(f"invalid syntax at column {col}", col) from None
    except (RecursionError, MemoryError, ValueError):
        _fail("formula is too complex")
    _check_size(tree)
    reader = _Reader(text, columns, symbols)
    try:
        expr = reader.expr(tree.body)
    except RecursionError:
        _fail("formula is too complex")
    if reader.expanded:
        size = count_nodes(expr, MAX_EXPANDED)
        if size > MAX_EXPANDED:
            _too_large(None)
    if not isinstance(expr, sp.Expr):
        _fail("the formula is not a number-valued expression")
    if expr.has(sp.I):
        _fail("the formula is not real-valued")
    for power in expr.atoms(sp.Pow):
        exponent = power.exp
        if exponent.is_Number and abs(exponent) > MAX_EXPONENT:
            _fail(f"the formula has an exponent beyond {MAX_EXPONENT} ({exponent})")
    stray = expr.free_symbols - {X, *symbols.values()}
    if stray:  # pragma: no cover - every name is resolved above
        _fail(f"unexpected symbols {sorted(map(str, stray))}")
    return expr  # type: ignore[no-any-return]


def parse(formula: str, params: Mapping[str, int | float | str] | None = None) -> sp.Expr:
    """The SymPy expression of `formula`, in `x` and the parameters named in `params`.

    `params` maps parameter names to their (numeric) default values; only the names matter
    here, but the values are checked too. Raises [`FormulaError`][symact.formula.FormulaError]
    for anything outside the grammar in this module's documentation.
    """
    return _parse(formula, _param_objects(params))


def parse_activation(
    name: str,
    formula: str,
    *,
    params: Mapping[str, int | float | str] | None = None,
    title: str | None = None,
    summary: str | None = None,
) -> Activation:
    """An [`Activation`][symact.declare.Activation] of family `"user"` from a formula.

    `params` maps parameter names to defaults (numbers, or numeric strings such as `"0.01"` or
    `"1/100"`); the title defaults to the formula and the summary to "User formula …".
    """
    if not isinstance(name, str) or len(name) > _MAX_NAME or not _PARAM_NAME.match(name):
        shown = repr(name)[:40]
        _fail(f"invalid activation name {shown} (use snake_case: a-z, 0-9 and _, at most 64)")
    declared = _param_objects(params)
    expr = _parse(formula, declared)
    shown = " ".join(formula.split())
    try:
        return Activation(
            name=name,
            title=title or shown,
            family="user",
            summary=summary or f"User formula {shown}",
            expr=expr,
            params=declared,
        )
    except ValueError as e:
        raise FormulaError(str(e)) from None
