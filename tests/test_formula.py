"""The safe formula parser: what it reads, what it refuses, and that it never executes anything."""

from __future__ import annotations

import ast
import builtins
import contextlib
import os
import subprocess
from collections.abc import Callable, Iterator
from datetime import timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import mpmath
import pytest
import sympy as sp
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import symact
from symact.catalog import get
from symact.declare import Activation, Param, X
from symact.formula import FUNCTIONS, MAX_LENGTH, FormulaError, parse, parse_activation
from symact.functions import normal_cdf, normal_pdf, sigmoid, softplus

ALPHA = sp.Symbol("alpha", real=True)
POINTS = (sp.Rational(-7, 4), sp.Rational(-1, 2), sp.Rational(3, 8), sp.Rational(5, 2))


def _value(expr: sp.Expr, at: sp.Rational, subs: dict[sp.Symbol, sp.Expr] | None = None) -> Any:
    return sp.N(expr.subs({X: at, **(subs or {})}), 30)


def assert_same(got: sp.Expr, want: sp.Expr, subs: dict[sp.Symbol, sp.Expr] | None = None) -> None:
    """`got` and `want` agree to 25 digits at several points (and are the same function)."""
    for at in (*POINTS, sp.Integer(0), sp.Rational(1, 100), sp.Integer(-3)):
        a, b = _value(got, at, subs), _value(want, at, subs)
        if not b.is_finite:  # log(0) and the like: undefined for both
            assert not a.is_finite, (got, want, at, a, b)
            continue
        assert abs(a - b) <= sp.Float("1e-25") * max(1, abs(b)), (got, want, at, a, b)


# --- valid formulas ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formula", "want"),
    [
        ("x", X),
        ("x^2*3", 3 * X**2),
        ("3*x^2", 3 * X**2),
        ("x**2*3", 3 * X**2),
        ("-x^2", -(X**2)),
        ("(-x)^2", X**2),
        ("2^-x", 2 ** (-X)),
        ("2^x^2", 2 ** (X**2)),
        ("x^0.5", sp.sqrt(X)),
        ("x / 2 / 4", X / 8),
        ("1 - x - 1", -X),
        ("+x", X),
        ("--x", X),
        ("  x +\n 1  ", X + 1),
        ("x − 1", X - 1),
        ("2×x·3", 6 * X),
        ("1e-3*x", X / 1000),
        ("2.5E+2 + .5 + 5.", sp.Rational(511, 2)),
        ("0.01*x", X / 100),
        ("pi*x + e", sp.pi * X + sp.E),
        ("e^x", sp.exp(X)),
        ("exp(x) + log(x) + sqrt(x)", sp.exp(X) + sp.log(X) + sp.sqrt(X)),
        ("log1p(x)", sp.log(1 + X)),
        ("expm1(x)", sp.exp(X) - 1),
        ("abs(x) + sign(x)", sp.Abs(X) + sp.sign(X)),
        ("max(0, x)", sp.Max(0, X)),
        ("min(x, 1, -x)", sp.Min(X, 1, -X)),
        ("sin(x)*cos(x)", sp.sin(X) * sp.cos(X)),
        ("tanh(x)+sinh(x)+cosh(x)+atan(x)", sp.tanh(X) + sp.sinh(X) + sp.cosh(X) + sp.atan(X)),
        ("erf(x) + erfc(x)", sp.erf(X) + sp.erfc(X)),
        ("heaviside(x)", sp.Heaviside(X)),
        ("heaviside(x, 0)", sp.Heaviside(X, 0)),
        ("Exp(x) + TANH(x)", sp.exp(X) + sp.tanh(X)),
        ("where(x > 0, x, 0.01*x)", sp.Piecewise((X, X > 0), (X / 100, True))),
        ("where(x >= 0, x, 0)", sp.Piecewise((X, X >= 0), (0, True))),
        ("where(0 < x <= 1, x, 0)", sp.Piecewise((X, (X > 0) & (X <= 1)), (0, True))),
        (
            "where(x < -1 or x > 1, 0, 1)",
            sp.Piecewise((0, (X < -1) | (X > 1)), (1, True)),
        ),
        ("where(not x < 0 and x < 2, x, 0)", sp.Piecewise((X, (X >= 0) & (X < 2)), (0, True))),
        ("sigmoid(x)", sigmoid(X)),
        ("sigmoid(2*x)", sigmoid(2 * X)),
        ("softplus(x)", softplus(X)),
        ("x*sigmoid(x)", get("silu").at()),
        ("x*tanh(softplus(x))", get("mish").at()),
        ("gelu(x)", X * normal_cdf(X)),
        ("normal_cdf(x) + normal_pdf(x)", normal_cdf(X) + normal_pdf(X)),
        ("relu(x)", sp.Max(0, X)),
        ("elu(x)", sp.Piecewise((X, X > 0), (sp.exp(X) - 1, True))),
        ("elu(x, 2)", sp.Piecewise((X, X > 0), (2 * (sp.exp(X) - 1), True))),
        ("elu(x - 1, x)", sp.Piecewise((X - 1, X > 1), (X * (sp.exp(X - 1) - 1), True))),
        ("leaky_relu(x)", sp.Piecewise((X, X >= 0), (X / 100, True))),
        ("leaky_relu(x, 0.2)", sp.Piecewise((X, X >= 0), (X / 5, True))),
    ],
)
def test_valid_formulas(formula: str, want: sp.Expr) -> None:
    got = parse(formula)
    assert isinstance(got, sp.Expr)
    assert got.free_symbols <= {X}
    assert_same(got, want)


def test_catalogue_compositions_are_the_catalogue_entries() -> None:
    assert parse("x*tanh(softplus(x))") == symact.get("mish").at()
    assert parse("x*sigmoid(x)") == symact.get("silu").at()
    assert parse("max(0, x)") == symact.get("relu").at()
    assert parse("x^2*3") == 3 * X**2


def test_catalogue_names_and_aliases_are_functions() -> None:
    for act in symact.catalog.ACTIVATIONS.values():
        for name in (act.name, *act.aliases):
            if name in FUNCTIONS:  # the documented built-ins come first (heaviside, tanh)
                continue
            assert parse(f"{name}(x)") == act.at(), name
            assert parse(f"{name.upper()}(2*x)") == act.at().subs(X, 2 * X), name


def test_parameters() -> None:
    expr = parse("alpha*x", params={"alpha": 2})
    assert expr == ALPHA * X
    assert expr.free_symbols == {X, ALPHA}
    got = parse("where(x > 0, x, alpha*expm1(x))", {"alpha": "1.5"})
    assert_same(got, get("elu").expr.subs(get("elu").symbols["alpha"], ALPHA), {ALPHA: 3})
    assert parse("elu(x, alpha)", {"alpha": 1}) == get("elu").of(X, alpha=ALPHA)
    # variables are case-sensitive, functions are not
    with pytest.raises(FormulaError, match="did you mean alpha"):
        parse("Alpha*x", {"alpha": 2})


def test_parse_activation() -> None:
    act = parse_activation("my_elu", "where(x > 0, x, alpha*expm1(x))", params={"alpha": 2})
    assert isinstance(act, Activation)
    assert act.family == "user"
    assert act.title == "where(x > 0, x, alpha*expm1(x))"
    assert act.summary == "User formula where(x > 0, x, alpha*expm1(x))"
    assert act.params == (Param("alpha", 2, act.params[0].description),)
    assert_same(act.at(), get("elu").at(alpha=2))
    assert act.at(alpha=1) == get("elu").at()

    other = symact.from_formula(
        "scaled", "scale * x", params={"scale": "0.5"}, title="Scaled", summary="Half."
    )
    assert (other.title, other.summary) == ("Scaled", "Half.")
    assert_same(other.at(), X / 2)  # a decimal string is kept as Param keeps it
    assert symact.from_formula("fr", "k*x", params={"k": "1/100"}).at() == X / 100
    assert symact.from_formula("fl", "k*x", params={"k": 0.25}).at() == X / 4
    # a multi-line formula still gets a one-line summary
    assert "\n" not in parse_activation("multi", "x\n+ 1").summary


@pytest.mark.parametrize("name", ["", "My", "1x", "a-b", "with space", "é", None, "a" * 65])
def test_parse_activation_refuses_bad_names(name: Any) -> None:
    with pytest.raises(FormulaError, match="invalid activation name"):
        parse_activation(name, "x")


@pytest.mark.parametrize(
    "params",
    [
        {"x": 1},
        {"e": 1},
        {"pi": 1},
        {"exp": 1},
        {"where": 1},
        {"sigmoid": 1},
        {"gelu": 1},
        {"logistic": 1},
        {"normal_cdf": 1},
        {"lambda": 1},
        {"and": 1},
        {"Alpha": 1},
        {"_a": 1},
        {"a b": 1},
        {"a" * 65: 1},
        {"alpha": True},
        {"alpha": None},
        {"alpha": "abc"},
        {"alpha": "1/0"},
        {"alpha": "__import__('os')"},
        {"alpha": float("nan")},
        {"alpha": float("inf")},
        {"alpha": 10**400},
        {"alpha": 10**5000},
        {"alpha": "1e999"},
        {"alpha": [1]},
    ],
)
def test_bad_parameters(params: dict[str, Any]) -> None:
    with pytest.raises(FormulaError):
        parse("x", params)
    with pytest.raises(FormulaError):
        parse_activation("f", "x", params=params)


# --- hostile input -----------------------------------------------------------------------------


class Sentinel:
    """Records every call that could run code: eval, exec, compile (other than to a tree),
    os.system, subprocess, and imports of os/subprocess."""

    def __init__(self) -> None:
        self.calls: list[str] = []


@contextlib.contextmanager
def watching() -> Iterator[Sentinel]:
    """Within the block, anything that could run code is recorded (and refused)."""
    s = Sentinel()
    real_compile = builtins.compile
    real_import = builtins.__import__

    def forbid(name: str) -> Callable[..., Any]:
        def call(*args: Any, **kwargs: Any) -> Any:
            s.calls.append(f"{name}{args!r}")
            raise AssertionError(f"{name} was called")

        return call

    def compile_(source: Any, filename: Any, mode: str, flags: int = 0, *a: Any, **k: Any) -> Any:
        # ast.parse calls compile with PyCF_ONLY_AST: it builds a tree and runs nothing.
        if not flags & ast.PyCF_ONLY_AST:
            s.calls.append(f"compile({source!r})")
            raise AssertionError("compile to code was called")
        return real_compile(source, filename, mode, flags, *a, **k)

    def import_(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] in {"os", "subprocess", "shutil", "pty", "socket"}:
            s.calls.append(f"import {name}")
        return real_import(name, *args, **kwargs)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(builtins, "eval", forbid("eval"))
        m.setattr(builtins, "exec", forbid("exec"))
        m.setattr(builtins, "compile", compile_)
        m.setattr(builtins, "__import__", import_)
        m.setattr(os, "system", forbid("os.system"))
        m.setattr(os, "popen", forbid("os.popen"))
        m.setattr(subprocess, "Popen", forbid("subprocess.Popen"))
        yield s


HOSTILE = [
    "__import__('os').system('touch {pwned}')",
    '__import__("os").system("touch {pwned}")',
    "().__class__.__base__.__subclasses__()",
    "x.__class__",
    "x.real",
    "(1).__class__",
    "1 .real",
    "lambda: 1",
    "(lambda: __import__('os').system('touch {pwned}'))()",
    "[x for x in ()]",
    "[c for c in ().__class__.__base__.__subclasses__()]",
    '"abc"',
    "'abc'",
    'f"{{x}}"',
    "b'x'",
    "x if x else 1",
    "exec('1')",
    "exec(\"open('{pwned}', 'w')\")",
    "eval('1')",
    "eval(1)",
    "open('{pwned}', 'w')",
    "open(1)",
    "getattr(x, 'y')",
    "globals()",
    "vars()",
    "breakpoint()",
    "compile('1', 'f', 'exec')",
    "x[0]",
    "x[1:2]",
    "x; import os",
    "import os",
    "from os import system",
    "x := 1",
    "(x := 1)",
    "*x",
    "exp(*x)",
    "exp(**x)",
    "exp(x=1)",
    "exp(x, base=2)",
    "{{1: 2}}",
    "{{1}}",
    "(1, 2)",
    "()",
    "x @ x",
    "x % 2",
    "x // 2",
    "x << 2",
    "x | 1",
    "x & 1",
    "~x",
    "x == 1",
    "x is 1",
    "x in x",
    "x > 0",
    "not x",
    "x and 1",
    "await x",
    "yield x",
    "x # comment",
    "x\\\n+1",
    "9**9**9",
    "x**9**9**9",
    "9^9^9",
    "2**100000",
    "2^10000",
    "x^1001",
    "(x^1000)^1000",
    "10**400",
    "1e300*10",
    "1e999",
    "1e-999",
    "1e3009999",  # beyond the decimal context: once raised decimal.Overflow
    "1e-3009999",
    "1" * 31,
    "0." + "0" * 29 + "1",
    "1j",
    "2J*x",
    "1+1j",
    "0x10",
    "0b1",
    "0o7",
    "1_000",
    "2x",
    "x2",
    "True",
    "None",
    "sqrt(-1)",
    "log(-1)",
    "log(0)",
    "(-8)^(1/3)",
    "(-2)^x",
    "1/0",
    "x/(x-x)",
    "0^-1",
    "exp(1000)",
    "exp(exp(exp(1000)))",
    "sin(exp(exp(100)))",
    "x^exp(exp(exp(1000)))",
    "(1/3)^1000",
    "sigmoid",
    "sigmod(x)",
    "where(x, 1, 2)",
    "where(x > 0, 1)",
    "where(x > 0, x > 1, 2)",
    "min(x)",
    "sqrt(x, 2)",
    "sigmoid(x, 2)",
    "elu(x, 1, 2)",
    "alpha(x)",
    "x(2)",
    "(x)(2)",
    "exp",
    "y",
    "I",
    "E",
    "oo",
    "nan",
    "inf",
    "x +",
    "x)",
    "(x",
    "",
    "   ",
    "\x00",
    "x\x00",
    "x\u200b",
    "\u1e8b",
    "\uff58",  # fullwidth x: Python would normalise it to x
    "ｅｘｅｃ('1')",
    "(" * 5000 + "x" + ")" * 5000,
    "(" * 41 + "x" + ")" * 41,
    "-" * 200 + "x",
    "+".join(["x"] * 300),
    "x" * (10**6),
    "x+" * 600 + "x",
]


@pytest.mark.parametrize("template", HOSTILE)
def test_hostile_input_is_refused_and_runs_nothing(template: str, tmp_path: Path) -> None:
    pwned = tmp_path / "pwned"
    formula = template.format(pwned=pwned) if "{" in template else template
    with watching() as sentinel, pytest.raises(FormulaError) as info:
        parse(formula)
    assert not pwned.exists()
    assert sentinel.calls == []
    message = str(info.value)
    assert message and "\n" not in message
    assert len(message) < 300


def test_sentinel_catches_sympify() -> None:
    """The sentinel works: SymPy's own string parser trips it."""
    with watching() as sentinel, pytest.raises(AssertionError):
        sp.sympify("__import__('os').system('true')")
    assert sentinel.calls


def test_valid_formulas_run_nothing() -> None:
    with watching() as sentinel:
        parse("where(x > 0, x, alpha*expm1(x)) + gelu(x)^2 - elu(x, 2)", {"alpha": 1})
    assert sentinel.calls == []


@pytest.mark.parametrize(
    ("formula", "message", "column"),
    [
        ("sigmod(x)", "unknown function 'sigmod' at column 1 — did you mean sigmoid", 1),
        ("sigmod", "unknown name 'sigmod' at column 1 — did you mean sigmoid", 1),
        ("x + sigmod(x)", "unknown function 'sigmod' at column 5 — did you mean sigmoid", 5),
        ("2*X", "unknown name 'X' at column 3 — did you mean x?", 3),
        ("foo(x)", "unknown function 'foo' at column 1", 1),
        ("y", "unknown name 'y' at column 1", 1),
        ("__import__('os')", "'__import__' is not allowed at column 1", 1),
        ("exp(x).__class__", "attribute access is not allowed at column 7", 7),
        ("x + (x", "unbalanced parenthesis at column 5", 5),
        ("x + x)", "unbalanced parenthesis at column 6", 6),
        ("where(x > 0, 1)", "where() takes 3 arguments", 1),
        ("exp(x=1)", "keyword arguments are not allowed at column 5", 5),
        ("1j", "complex numbers are not allowed at column 1", 1),
        ("x + 1e999", "number '1e999' is out of range at column 5", 5),
        ("x ^ 9^9", "an exponent may not itself be a power at column 5", 5),
        ("x^2000", "the exponent is too large (the limit is 1000) at column 3", 3),
        ("x + 2x", "missing operator between '2' and 'x' at column 6 (write 2*x)", 6),
        ("x // 2", "operator '//' is not allowed at column 3", 3),
        ("x + ", "invalid syntax at column 4: the formula ends early", 4),
        ("x x", "invalid syntax at column 3", 3),
        ("x > 0", "a condition is only allowed as the first argument of where", 1),
        ("x[0]", "character '[' is not allowed at column 2", 2),
        ("1 + sqrt(-1)", "the value is not a real number at column 5", 5),
        ("x/0", "division by zero at column 3", 3),
        ("exp", "'exp' is a function at column 1: call it as exp(...)", 1),
        ("x ^ 2 + y", "unknown name 'y' at column 9", 9),  # ^ → ** keeps the columns
    ],
)
def test_error_messages(formula: str, message: str, column: int) -> None:
    with pytest.raises(FormulaError) as info:
        parse(formula)
    text = str(info.value)
    assert message in text
    assert f"column {column}" in text
    assert info.value.column == column
    assert "\n" not in text


def test_size_messages() -> None:
    with pytest.raises(FormulaError, match=r"^formula is empty$"):
        parse("")
    with pytest.raises(FormulaError, match=r"^formula is empty$"):
        parse(" \n ")
    with pytest.raises(FormulaError) as info:
        parse("x" * 1234)
    assert str(info.value) == f"formula is too long (1234 characters; the limit is {MAX_LENGTH})"
    assert info.value.column is None
    with pytest.raises(FormulaError, match="too large"):
        parse("+".join(["x"] * 300))
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse("(" * 41 + "x" + ")" * 41)
    assert parse("(" * 40 + "x" + ")" * 40) == X
    assert parse("x" + "*1" * 150) == X  # 301 nodes are fine, and a long chain is not deep
    assert parse("+".join(["x"] * 200)) == 200 * X
    with pytest.raises(FormulaError, match="too many arguments to min"):
        parse("max(" + ",".join(f"{i}*x" for i in range(33)) + ")")
    with pytest.raises(FormulaError, match="too many arguments to min"):
        parse("+".join(f"min(x, {i}, -x)" for i in range(11)))
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse("-" * 101 + "x")


def test_error_is_a_value_error() -> None:
    assert issubclass(FormulaError, ValueError)
    with pytest.raises(ValueError, match="unknown function"):
        parse("nope(x)")


# --- property: arbitrary text ------------------------------------------------------------------

ALPHABET = "x()+-*/^.,<>=! 0123456789eE_jpiwhrsqtlogaxmndfcbuy'\"[]:;{}#@%&|~\\\n\t"
TOKENS = [
    "x",
    "alpha",
    "(",
    ")",
    ",",
    "+",
    "-",
    "*",
    "/",
    "^",
    "**",
    "<",
    ">=",
    " and ",
    " or ",
    "not ",
    "1",
    "2",
    "0",
    "0.5",
    "1e3",
    "9",
    "99",
    "1e300",
    "pi",
    "e",
    "exp",
    "log",
    "sqrt",
    "sin",
    "tanh",
    "where",
    "max",
    "min",
    "abs",
    "sign",
    "heaviside",
    "sigmoid",
    "gelu",
    "elu",
    "softplus",
    "leaky_relu",
    "erf",
    "log1p",
    "expm1",
    "normal_pdf",
    ".",
    "__class__",
    "[",
    "'",
    " ",
]


def _check_text(text: str) -> None:
    try:
        result = parse(text, {"alpha": 2})
    except FormulaError as e:
        assert "\n" not in str(e)
        assert e.column is None or 1 <= e.column <= len(text) + 1
        return
    assert isinstance(result, sp.Expr)
    assert result.free_symbols <= {X, ALPHA}
    assert not result.has(sp.I, sp.zoo, sp.nan)


@settings(max_examples=300, deadline=timedelta(seconds=2))
@given(st.text(max_size=80) | st.text(alphabet=ALPHABET, max_size=120))
def test_any_text_parses_or_raises_formula_error(text: str) -> None:
    _check_text(text)


@settings(
    max_examples=400,
    deadline=timedelta(seconds=2),
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.lists(st.sampled_from(TOKENS), max_size=40).map("".join))
def test_any_token_soup_parses_or_raises_formula_error(text: str) -> None:
    _check_text(text)


# --- property: generated formulas agree with an independent mpmath evaluation -----------------

LITERALS = {
    "0": Fraction(0),
    "1": Fraction(1),
    "2": Fraction(2),
    "3": Fraction(3),
    "10": Fraction(10),
    "0.5": Fraction(1, 2),
    ".25": Fraction(1, 4),
    "1.5": Fraction(3, 2),
    "2.5": Fraction(5, 2),
    "0.01": Fraction(1, 100),
    "1e-3": Fraction(1, 1000),
    "1.5E1": Fraction(15),
}
EXPONENTS = {"2": 2, "3": 3, "0.5": Fraction(1, 2), "1.5": Fraction(3, 2), "-1": -1}
ALPHA_VALUE = Fraction(3, 2)

Tree = tuple[Any, ...]


class SkipPointError(Exception):
    """The independent evaluation is undefined, complex or too large here."""


def _mp(value: Fraction) -> Any:
    return mpmath.mpf(value.numerator) / value.denominator


def _sigmoid(u: Any) -> Any:
    return 1 / (1 + mpmath.exp(-u))


def _softplus(u: Any) -> Any:
    return mpmath.log(1 + mpmath.exp(u))


def _ncdf(u: Any) -> Any:
    return (1 + mpmath.erf(u / mpmath.sqrt(2))) / 2


def _heaviside(u: Any, h0: Any = None) -> Any:
    half = mpmath.mpf(1) / 2 if h0 is None else h0
    return mpmath.mpf(1) if u > 0 else mpmath.mpf(0) if u < 0 else half


UNARY: dict[str, Callable[[Any], Any]] = {
    "exp": mpmath.exp,
    "log": mpmath.log,
    "log1p": mpmath.log1p,
    "expm1": mpmath.expm1,
    "sqrt": mpmath.sqrt,
    "abs": abs,
    "sign": mpmath.sign,
    "sin": mpmath.sin,
    "cos": mpmath.cos,
    "tanh": mpmath.tanh,
    "sinh": mpmath.sinh,
    "cosh": mpmath.cosh,
    "atan": mpmath.atan,
    "erf": mpmath.erf,
    "erfc": mpmath.erfc,
    "heaviside": _heaviside,
    # catalogue entries and primitives, written out independently
    "sigmoid": _sigmoid,
    "softplus": _softplus,
    "relu": lambda u: max(mpmath.mpf(0), u),
    "silu": lambda u: u * _sigmoid(u),
    "gelu": lambda u: u * _ncdf(u),
    "mish": lambda u: u * mpmath.tanh(_softplus(u)),
    "normal_cdf": _ncdf,
    "normal_pdf": lambda u: mpmath.exp(-(u**2) / 2) / mpmath.sqrt(2 * mpmath.pi),
}
WITH_PARAM: dict[str, Callable[[Any, Any], Any]] = {
    "elu": lambda u, a: u if u > 0 else a * (mpmath.exp(u) - 1),
    "leaky_relu": lambda u, s: u if u >= 0 else s * u,
}
DEFAULTS = {"elu": Fraction(1), "leaky_relu": Fraction(1, 100)}
COMPARE = {"<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b}
COMPARE[">="] = lambda a, b: a >= b

literals = st.sampled_from(sorted(LITERALS))
leaves = st.one_of(
    st.just(("x",)),
    st.just(("x",)),
    st.just(("alpha",)),
    literals.map(lambda s: ("num", s)),
    st.sampled_from(["pi", "e"]).map(lambda s: ("const", s)),
)
conditions = st.recursive(
    st.one_of(
        st.tuples(st.just("cmp"), st.sampled_from(sorted(COMPARE)), literals),
        st.tuples(
            st.just("chain"),
            literals,
            st.sampled_from(["<", "<="]),
            st.sampled_from(["<", "<="]),
            literals,
        ),
    ),
    lambda c: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), c, c),
        st.tuples(st.just("not"), c),
    ),
    max_leaves=3,
)


def _extend(t: st.SearchStrategy[Tree]) -> st.SearchStrategy[Tree]:
    return st.one_of(
        st.tuples(st.sampled_from(["add", "sub", "mul", "div"]), t, t),
        st.tuples(st.just("neg"), t),
        st.tuples(st.just("pow"), t, st.sampled_from(sorted(EXPONENTS))),
        st.tuples(st.just("powb"), st.sampled_from(["2", "0.5", "e"]), t),
        st.tuples(st.just("call"), st.sampled_from(sorted(UNARY)), t),
        st.tuples(st.just("h0"), t, literals),
        st.tuples(st.sampled_from(["min", "max"]), st.lists(t, min_size=2, max_size=3)),
        st.tuples(st.just("where"), conditions, t, t),
        st.tuples(st.just("param"), st.sampled_from(sorted(WITH_PARAM)), t, st.none() | t),
    )


trees = st.recursive(leaves, _extend, max_leaves=10)

PRECEDENCE = {"add": 1, "sub": 1, "mul": 2, "div": 2, "neg": 3, "pow": 4, "powb": 4}
SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/"}


def show(tree: Tree, draw_case: Callable[[str], str], parens: Callable[[], bool]) -> str:
    """The formula of `tree` with minimal parentheses (plus random redundant ones)."""

    def go(t: Tree, need: int) -> str:
        text, level = raw(t)
        if level < need or parens():
            return f"({text})"
        return text

    def raw(t: Tree) -> tuple[str, int]:
        kind = t[0]
        if kind in ("x", "alpha"):
            return kind, 5
        if kind in ("num", "const"):
            return t[1], 5
        if kind in SYMBOL:
            level = PRECEDENCE[kind]
            return f"{go(t[1], level)} {SYMBOL[kind]} {go(t[2], level + 1)}", level
        if kind == "neg":
            return f"-{go(t[1], 3)}", 3
        op = "^" if parens() else "**"
        if kind == "pow":
            return f"{go(t[1], 5)}{op}{t[2]}", 4
        if kind == "powb":
            return f"{t[1]}{op}{go(t[2], 3)}", 4
        if kind == "call":
            return f"{draw_case(t[1])}({go(t[2], 0)})", 5
        if kind == "h0":
            return f"{draw_case('heaviside')}({go(t[1], 0)}, {t[2]})", 5
        if kind in ("min", "max"):
            return f"{draw_case(kind)}({', '.join(go(a, 0) for a in t[1])})", 5
        if kind == "where":
            return f"where({cond(t[1], 0)}, {go(t[2], 0)}, {go(t[3], 0)})", 5
        if kind == "param":
            extra = "" if t[3] is None else f", {go(t[3], 0)}"
            return f"{draw_case(t[1])}({go(t[2], 0)}{extra})", 5
        raise AssertionError(kind)

    def cond(c: Tree, need: int) -> str:
        level = {"or": 1, "and": 2, "not": 3}.get(c[0], 4)
        if c[0] == "cmp":
            text = f"x {c[1]} {c[2]}"
        elif c[0] == "chain":
            text = f"{c[1]} {c[2]} x {c[3]} {c[4]}"
        elif c[0] == "not":
            text = f"not {cond(c[1], 3)}"
        else:
            text = f"{cond(c[1], level)} {c[0]} {cond(c[2], level + 1)}"
        return f"({text})" if level < need or parens() else text

    return go(tree, 0)


def evaluate(tree: Tree, x: Any) -> Any:
    """`tree` at `x` by mpmath alone (no SymPy); SkipPointError where it is not a real number."""

    def ev(t: Tree) -> Any:
        value = raw(t)
        if not isinstance(value, mpmath.mpf) or not mpmath.isfinite(value) or abs(value) > 1e40:
            raise SkipPointError
        return value

    def raw(t: Tree) -> Any:
        kind = t[0]
        if kind == "x":
            return x
        if kind == "alpha":
            return _mp(ALPHA_VALUE)
        if kind == "num":
            return _mp(LITERALS[t[1]])
        if kind == "const":
            return mpmath.pi if t[1] == "pi" else mpmath.e
        if kind == "add":
            return ev(t[1]) + ev(t[2])
        if kind == "sub":
            return ev(t[1]) - ev(t[2])
        if kind == "mul":
            return ev(t[1]) * ev(t[2])
        if kind == "div":
            a, b = ev(t[1]), ev(t[2])
            if b == 0:
                raise SkipPointError
            return a / b
        if kind == "neg":
            return -ev(t[1])
        if kind == "pow":
            base, k = ev(t[1]), EXPONENTS[t[2]]
            if base == 0 and k < 0:
                raise SkipPointError
            return mpmath.power(base, _mp(Fraction(k)))
        if kind == "powb":
            base = mpmath.e if t[1] == "e" else _mp(LITERALS[t[1]])
            return mpmath.power(base, ev(t[2]))
        if kind == "call":
            u = ev(t[2])
            if t[1] in ("sign", "heaviside") and abs(u) < 1e-25:
                raise SkipPointError  # at a jump, a rounding error is a different value
            return UNARY[t[1]](u)
        if kind == "h0":
            if abs(ev(t[1])) < 1e-25:
                raise SkipPointError
            return _heaviside(ev(t[1]), _mp(LITERALS[t[2]]))
        if kind == "min":
            return min(ev(a) for a in t[1])
        if kind == "max":
            return max(ev(a) for a in t[1])
        if kind == "where":
            return ev(t[2]) if holds(t[1]) else ev(t[3])
        if kind == "param":
            p = _mp(DEFAULTS[t[1]]) if t[3] is None else ev(t[3])
            return WITH_PARAM[t[1]](ev(t[2]), p)
        raise AssertionError(kind)

    def holds(c: Tree) -> bool:
        if c[0] == "cmp":
            return bool(COMPARE[c[1]](x, _mp(LITERALS[c[2]])))
        if c[0] == "chain":
            lo, hi = _mp(LITERALS[c[1]]), _mp(LITERALS[c[4]])
            return bool(COMPARE[c[2]](lo, x) and COMPARE[c[3]](x, hi))
        if c[0] == "not":
            return not holds(c[1])
        if c[0] == "and":
            return holds(c[1]) and holds(c[2])
        return holds(c[1]) or holds(c[2])

    return ev(tree)


# What a generated (grammatical) formula may legitimately be refused for: its value.
SEMANTIC = (
    "division by zero",
    "undefined",
    "not a real number",
    "too large",
    "must be positive",
    "not real",
    "grows too large",
    "exponent",
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(trees, st.data())
def test_generated_formulas_match_mpmath(tree: Tree, data: st.DataObject) -> None:
    coin = st.booleans()
    formula = show(
        tree,
        draw_case=lambda name: data.draw(st.sampled_from([name, name.upper(), name.title()])),
        parens=lambda: data.draw(coin),
    )
    try:
        expr = parse(formula, {"alpha": "1.5"})
    except FormulaError as e:
        assert any(word in str(e) for word in SEMANTIC), (formula, str(e))
        assume(False)
        return
    assert expr.free_symbols <= {X, ALPHA}
    compared = 0
    for at in POINTS:
        point = Fraction(int(at.p), int(at.q))
        try:
            with mpmath.workdps(60):
                want = evaluate(tree, _mp(point))
            with mpmath.workdps(30):
                rough = evaluate(tree, _mp(point))
        except (SkipPointError, ZeroDivisionError, ValueError, OverflowError):
            continue
        if abs(rough - want) > mpmath.mpf("1e-20") * max(1, abs(want)):
            continue  # ill-conditioned here: the two precisions disagree
        got = sp.N(expr.subs({X: at, ALPHA: sp.Rational(3, 2)}), 30)
        if not got.is_Number or got.has(sp.I):
            continue
        assert abs(float(got) - float(want)) <= 1e-12 * max(1.0, abs(float(want))), (
            formula,
            at,
            got,
            want,
        )
        compared += 1
    assume(compared > 0)
