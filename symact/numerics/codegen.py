"""Standalone source code for an activation (or a derivative) in NumPy, PyTorch, JAX, C or
JavaScript, printed by SymPy's printers from the stable plan.

```python
from symact.catalog import get
from symact.numerics.codegen import generate

print(generate(get("gelu"), "torch", n=1))
```

The function evaluates the plan's stable expression ([`make_plan`][symact.numerics.make_plan])
branch by branch, never the formula as declared. What each target needs beyond SymPy's stock
printer:

* every number that is not rational (√2, π, SELU's constants) is folded into one float literal
  (rounded once): PyTorch's printer emits `torch.sqrt(2)`, which fails on an int, and JAX's
  `jax.numpy.sqrt(2)` is float32 unless x64 is enabled;
* the numeric nodes (`expit`, `ndtr`, …) are printed as the library function where the target
  has one and it is accurate (`jax.scipy.special.ndtr`, `torch.nn.functional.logsigmoid`,
  `scipy.special.log_expit`, …), otherwise as the node's `portable` form (PyTorch 2.13's
  `torch.special.ndtr(-10)` is 0, so PyTorch gets erfc); `erf` and `erfc` come from
  `jax.scipy.special` (SymPy's JAX printer takes them from `math`, which does not trace),
  and JavaScript, which has neither, gets one small support function (W. J. Cody's rational
  Chebyshev approximations);
* branches are selected with `where` (NumPy, PyTorch, JAX) or `if` (C, JavaScript). Under
  autograd, `where` evaluates every branch everywhere and multiplies the unselected branch's
  gradient by 0 — and 0·inf is NaN. So each branch that is not linear in x is evaluated on its
  own input, x where the branch is taken and a point where it is harmless elsewhere (the
  "double where"); its gradient is then exactly 0 where it is not taken.
* for autograd, sigmoid, tanh and expm1 are written in forms whose derivatives do not cancel
  (the libraries differentiate them from their output: σ(1 − σ), 1 − tanh², expm1 + 1), and
  negative powers of x as x**(−k) (JAX) or powers of x**(−1) (PyTorch), never c/x**k;
* small integer powers of x are multiplied out (`x**2*x`; `x*x*x` in C and JavaScript),
  other bases keep the power's single rounding (in NumPy by magnitude: its `power` of a
  negative number costs some 90 `exp` passes); see
  [`IntegerPowers`][symact.numerics._printing.IntegerPowers]. JAX keeps `x**3` and
  `x**(-3)`, which it traces to multiplications itself.
"""

from __future__ import annotations

import builtins
import keyword
import math
import re
import sys
import textwrap
from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

import numpy as np
import sympy as sp
from sympy.core.function import AppliedUndef
from sympy.printing.c import C99CodePrinter
from sympy.printing.jscode import JavascriptCodePrinter
from sympy.printing.numpy import JaxPrinter, SciPyPrinter
from sympy.printing.precedence import PRECEDENCE

from symact._version import __version__
from symact.analysis._budget import bounded
from symact.declare import Activation, X
from symact.numerics._nodes import (
    Node,
    expit,
    expm1,
    hypot,
    log1p,
    log_expit,
    log_ndtr,
    logaddexp,
    ndtr,
    to_definition,
)
from symact.numerics._plan import Plan, holds_at, make_plan
from symact.numerics._printing import (
    MAX_EXACT_INTEGER,
    IntegerPowers,
    MinMax,
    RoundOnce,
    clip_bounds,
    comment_text,
    docstring_text,
    fold_numbers,
)
from symact.pretty import TooLargeToDrawError, drawing


def _torch_printer() -> Any:
    """SymPy's `TorchPrinter`, imported without importing PyTorch.

    `sympy.printing.pytorch` imports torch when it is imported, only to read
    `torch.__version__` (which no printing here uses). That import costs a site build's worker
    1.1 s and 240 MB, which also makes each of its forked budget steps (about 1500 per build)
    5 ms dearer. So torch is hidden while SymPy's module loads — `import_module` then returns
    None, silently — unless something imported torch already."""
    if "torch" in sys.modules or "sympy.printing.pytorch" in sys.modules:
        from sympy.printing.pytorch import TorchPrinter
    else:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes `import torch` fail
        try:
            from sympy.printing.pytorch import TorchPrinter
        finally:
            del sys.modules["torch"]
    return TorchPrinter


if TYPE_CHECKING:
    from sympy.printing.pytorch import TorchPrinter
else:
    TorchPrinter = _torch_printer()

__all__ = ["TARGETS", "generate", "source_name"]

#: The targets `generate` prints for.
TARGETS: tuple[str, ...] = ("numpy", "torch", "jax", "c", "js")

#: Points tried, in order, as the harmless input of a branch that is not taken.
_SAFE_POINTS = (0, 1, -1, 2, -2, 4, -4, 10, -10, 100, -100, 1000, -1000, 10**10, -(10**10))


#: C99 <math.h> and <stdlib.h> names a function must not take (`erf`, `tanh`, `abs`, …).
_C_RESERVED = frozenset(
    """acos acosh asin asinh atan atan2 atanh cbrt ceil copysign cos cosh erf erfc exp exp2
    expm1 fabs fdim floor fma fmax fmin fmod frexp hypot ilogb ldexp lgamma llrint llround log
    log10 log1p log2 logb lrint lround modf nan nearbyint nextafter nexttoward pow remainder
    remquo rint round scalbln scalbn sin sinh sqrt tan tanh tgamma trunc abs labs div exit
    free malloc rand main signbit isnan isinf isfinite double float int long char short void
    auto break case const continue default do else enum extern for goto if inline register
    restrict return signed sizeof static struct switch typedef union unsigned volatile while
    """.split()  # noqa: SIM905 - a word list reads better than 100 quoted strings
)
#: JavaScript's reserved words and the support functions printed with the code.
_JS_RESERVED = frozenset(
    """erf erfc erfSmall erfcLarge Math Number abstract arguments await boolean break byte
    case catch char class const continue debugger default delete do double else enum eval
    export extends false final finally float for function goto if implements import in
    instanceof int interface let long native new null package private protected public return
    short static super switch synchronized this throw throws transient true try typeof var
    void volatile while with yield""".split()  # noqa: SIM905
)


#: What an activation's name must be to become a function's name: snake_case ASCII.
_SOURCE_NAME = re.compile(r"[a-z][a-z0-9_]*", re.ASCII)


def source_name(name: str, n: int, target: str = "numpy") -> str:
    """The generated function's name: `gelu`, `gelu_d1`, …; with a trailing underscore where
    the name is taken in the target (`erf_` in C, `abs_` in Python). A name that is not
    snake_case ASCII is refused (ValueError)."""
    if not isinstance(name, str) or not _SOURCE_NAME.fullmatch(name):
        raise ValueError(f"cannot name a function {str(name)[:40]!r}: not snake_case ASCII")
    out = name if n == 0 else f"{name}_d{n}"
    if target == "c":
        taken = out in _C_RESERVED
    elif target == "js":
        taken = out in _JS_RESERVED
    else:
        taken = (
            keyword.iskeyword(out)
            or hasattr(builtins, out)
            or out in {"numpy", "scipy", "torch", "jax", "math", "functools"}
        )
    return out + "_" if taken else out


def generate(act: Activation, target: str, n: int = 0, /, **params: float | sp.Expr) -> str:
    """The source of a standalone function computing the `n`-th derivative of `act` (at the
    given parameters, defaults otherwise) in `target`, one of `TARGETS`."""
    if target not in TARGETS:
        raise ValueError(f"unknown target {target!r}; valid targets: {', '.join(TARGETS)}")
    plan = make_plan(act, n, **params)
    _check_plan(plan, target)
    kept = dict(plan.params)
    for k, v in params.items():
        if isinstance(v, sp.Rational) and kept.get(k) != v:  # make_plan's nsimplify changed it
            shown = sp.sstr(v)[:40]
            raise ValueError(
                f"parameter {k} = {shown} is not kept exactly by the numeric plan"
                f" (it would be {sp.sstr(kept.get(k))[:40]})"
            )
    return _WRITERS[target](plan, _header(act, plan, target))


def _check_plan(plan: Plan, target: str) -> None:
    """Refuse (ValueError, one line) a plan whose code would use a name other than x: the
    generated function takes x alone, and any other name would be looked up in (or capture)
    the code around it. The printers check every name they print too (`check_names`)."""
    source_name(plan.name, plan.n, target)
    printed = [
        plan.expression_with_tails,
        plan.source,
        *(v for v in plan.at_infinity if v is not None),
    ]
    stray = set().union(*(e.free_symbols for e in printed)) - {X}
    if stray:
        shown = ", ".join(sorted(repr(str(s))[:40] for s in stray)[:3])
        raise ValueError(f"cannot generate code for {plan.name}: names other than x ({shown})")
    if any(e.atoms(AppliedUndef) for e in printed):
        raise ValueError(f"cannot generate code for {plan.name}: an undefined function")


# ---------------------------------------------------------------------------------------------
# What the generated code says about itself


def _header(act: Activation, plan: Plan, target: str) -> list[str]:
    """The docstring or comment lines: title, formula, parameters, provenance."""
    chosen = dict(plan.params)
    values = [f"{p.name} = {sp.sstr(chosen.get(p.name, p.value))}" for p in act.params]
    what = act.title if plan.n == 0 else f"Derivative {plan.n} of the {act.title}"
    label = "f" + "'" * plan.n + "(x)"
    lines = [*_text_lines(f"{what} [{act.name}]."), ""]
    formula = act.at(**chosen) if plan.n == 0 else plan.source
    lines += _formula_lines(label, formula)
    lines.append("")
    lines.append("Parameters: " + (", ".join(values) if values else "none"))
    command = f"symact codegen {act.name}"
    if plan.n:
        command += f" --derivative {plan.n}"
    command += f" --target {target}"
    command += "".join(f" --param {k}={sp.sstr(v)}" for k, v in plan.params)
    lines += [
        "",
        "Evaluated in the stable form symact derived from that expression, branch by branch.",
        f"Generated by symact {__version__} ({command}); do not edit.",
    ]
    return lines


def _formula_lines(label: str, formula: sp.Expr) -> list[str]:
    """`label =` and the formula drawn as `symact diff` draws it (SymPy's 2-D pretty printing),
    indented; on one wrapped line where it is too large to draw."""
    try:
        drawn = drawing(formula)
    except TooLargeToDrawError:
        return textwrap.wrap(
            f"{label} = {sp.sstr(formula)}",
            width=92,
            subsequent_indent="    ",
            break_on_hyphens=False,
        )
    return [f"{label} =", "", *("    " + line.rstrip() for line in drawn.splitlines())]


def _text_lines(text: str) -> list[str]:
    """User text (a title) as header lines: its lines with their blanks collapsed."""
    return [" ".join(line.split()) for line in text.splitlines()] or [""]


# ---------------------------------------------------------------------------------------------
# Expressions before printing


class erfc(sp.erfc):  # type: ignore[misc]  # noqa: N801 - printed under erfc's name
    """erfc that SymPy leaves as written: erfc(−u) stays, where SymPy's own erfc becomes
    2 − erfc(u), which cancels to 0 for u ≫ 0."""

    @classmethod
    def eval(cls, arg: sp.Expr) -> None:
        return None


def _portable_form(f: Node) -> sp.Expr:
    """The node's portable form, with every erfc held as written."""
    u = sp.Dummy("u", real=True)
    with sp.evaluate(False):
        form = type(f).portable(u)
    form = form.replace(lambda g: isinstance(g, sp.erfc), lambda g: erfc(*g.args))
    return form.xreplace({u: f.args[0]})  # type: ignore[no-any-return]


def _portable(e: sp.Basic, keep: Sequence[type]) -> sp.Basic:
    """`e` with every node not in `keep` replaced by its portable form (`logaddexp` by
    max + log1p(exp(−|a − b|)))."""

    def node(f: sp.Basic) -> bool:
        return isinstance(f, Node) and not isinstance(f, tuple(keep))

    out = e.replace(node, _portable_form)
    if logaddexp not in keep:
        out = out.replace(
            lambda f: isinstance(f, logaddexp),
            lambda f: sp.Max(*f.args) + log1p(sp.exp(-sp.Abs(f.args[0] - f.args[1]))),
        )
    return out


#: The largest float: x > BIG only for x = +inf.
_BIG = sp.Float(1.7976931348623157e308)


def _autograd_forms(e: sp.Basic) -> sp.Basic:
    """`e` with expit and tanh in forms whose automatic derivative is accurate.

    The libraries differentiate sigmoid and tanh from their output: σ(1 − σ) and 1 − tanh²,
    which cancel where the function nears ±1 (relative error 1e-3 in torch.sigmoid's gradient
    at x = 30). From e = exp(−|u|) (written with the slope of −u at 0), σ(u) = [1 or e]/(1 + e)
    and tanh u = ∓expm1(∓2u)/(1 + exp(∓2u)) have derivatives that autograd computes
    accurately, and nothing in them overflows."""

    def logistic(u: sp.Expr) -> sp.Expr:
        t = sp.exp(sp.Piecewise((-u, u >= 0), (u, True)))
        return sp.Piecewise((1, u >= 0), (t, True)) / (1 + t)  # type: ignore[no-any-return]

    def minus_expm1(t: sp.Expr) -> sp.Expr:  # 1 − e^t for t ≤ 0
        return sp.Piecewise((-expm1(t), t > -1), (1 - sp.exp(t), True))  # type: ignore[no-any-return]

    def tanh(u: sp.Expr) -> sp.Expr:
        t = sp.Piecewise((-2 * u, u >= 0), (2 * u, True))
        sign = sp.Piecewise((1, u >= 0), (-1, True))
        return sign * minus_expm1(t) / (1 + sp.exp(t))  # type: ignore[no-any-return]

    def em1(u: sp.Expr) -> sp.Expr:  # expm1 differentiates as expm1(u) + 1: it cancels
        above = expm1(sp.Piecewise((u, u > -1), (-1, True)))
        below = sp.exp(sp.Piecewise((u, u <= -1), (-1, True))) - 1
        return sp.Piecewise((above, u > -1), (below, True))  # type: ignore[no-any-return]

    out = e.replace(lambda f: isinstance(f, expm1), lambda f: em1(f.args[0]))
    out = out.replace(lambda f: isinstance(f, expit), lambda f: logistic(f.args[0]))
    return out.replace(lambda f: isinstance(f, sp.tanh), lambda f: tanh(f.args[0]))


#: Seconds for finding the common subexpressions of one branch.
CSE_BUDGET = 10.0


def _shared(e: sp.Basic, start: int) -> tuple[list[tuple[sp.Symbol, sp.Expr]], sp.Basic]:
    """`e` with each subexpression it computes more than once taken out as a temporary
    `t{start}`, `t{start + 1}`, … (SymPy's `cse`, under `CSE_BUDGET`): the assignments in
    order, and what is left. Unchanged where there is nothing to share or no time."""
    names = sp.numbered_symbols("t", start=start)
    found = bounded(CSE_BUDGET, partial(sp.cse, [e], symbols=names, order="none"), "cse")
    if not found.ok or found.value is None:
        return [], e
    shared, (reduced,) = found.value
    return list(shared), reduced


def _branches(plan: Plan, tails: bool = False) -> list[tuple[sp.Expr, sp.Basic]]:
    """(expression, condition) in order; the last condition is true. Where no branch applies
    (a derivative at a kink) the value is NaN; NaN in gives NaN out; ±inf in gives the limits
    at ±∞ where the branch covering that side, evaluated at inf, does not already."""
    e = plan.expression_with_tails if tails else plan.expression
    out = list(e.args) if isinstance(e, sp.Piecewise) else [(e, sp.true)]
    if out[-1][1] is not sp.true:
        out.append((sp.nan, sp.true))
    first: list[tuple[sp.Expr, sp.Basic]] = []
    for value, side, cond in (
        (plan.at_infinity[0], sp.S.NegativeInfinity, X < -_BIG),
        (plan.at_infinity[1], sp.S.Infinity, X > _BIG),
    ):
        covering = next((ei for ei, ci in out if holds_at(ci, side)), out[-1][0])
        if value is not None and not _same(_float_at(covering, float(side)), float(value)):
            first.append((value, cond))
    if not out[-1][0].has(X) and out[-1][0] is not sp.nan:  # it would turn NaN into a number
        first.insert(0, (sp.nan, sp.Ne(X, X, evaluate=False)))
    return first + out


def _float_at(e: sp.Expr, x: float) -> float:
    """`e` at `x` in double precision, as the generated code computes it (NumPy, SciPy)."""
    f = sp.lambdify(X, _portable(e, ()), modules=["scipy", "numpy"])
    with np.errstate(all="ignore"):
        return float(f(np.float64(x)))


def _same(a: float, b: float) -> bool:
    return a == b or (math.isnan(a) and math.isnan(b))


def _is_linear(e: sp.Expr) -> bool:
    """Whether `e` is a + b·x: its gradient is finite wherever it is evaluated."""
    return bool(e.is_polynomial(X) and sp.degree(e, X) <= 1)


def _finite_with_gradient(e: sp.Expr, x: sp.Expr) -> bool:
    """Whether `e` and de/dx are finite, and far from overflow, at `x`."""
    try:
        d = to_definition(e)
        for v in (d, sp.diff(d, X)):
            value = complex(v.subs(X, x).evalf(30))
            if not abs(value) < 1e300:
                return False
    except (TypeError, ValueError, ZeroDivisionError):
        return False
    return True


def _safe_point(branches: list[tuple[sp.Expr, sp.Basic]], i: int) -> int:
    """An input where branch `i` and its gradient are finite: one where it is taken if any."""
    e, cond = branches[i]
    earlier = [c for _, c in branches[:i]]

    def taken(x: int) -> bool:
        at = sp.Integer(x)
        return holds_at(cond, at) and not any(holds_at(c, at) for c in earlier)

    for accept in (taken, lambda x: holds_at(cond, sp.Integer(x)), lambda x: True):
        for x in _SAFE_POINTS:
            if accept(x) and _finite_with_gradient(e, sp.Integer(x)):
                return x
    return 0


# ---------------------------------------------------------------------------------------------
# Printers


class _ArrayLogic:
    """Comparisons and their combinations as array operators, `(x > -3) & (x < 3)`, rather
    than `logical_and.reduce((greater(x, -3), less(x, 3)))`: NumPy, JAX and PyTorch arrays
    all take them."""

    _print: Callable[[Any], str]
    parenthesize: Callable[..., str]

    def _print_Relational(self, expr: sp.Basic) -> str:  # noqa: N802
        lhs, rhs = (self.parenthesize(a, PRECEDENCE["Relational"]) for a in expr.args)
        return f"({lhs} {expr.rel_op} {rhs})"

    def _print_And(self, expr: sp.Basic) -> str:  # noqa: N802
        return "(" + " & ".join(self._print(a) for a in expr.args) + ")"

    def _print_Or(self, expr: sp.Basic) -> str:  # noqa: N802
        return "(" + " | ".join(self._print(a) for a in expr.args) + ")"

    def _print_Not(self, expr: sp.Basic) -> str:  # noqa: N802
        return f"~{self._print(expr.args[0])}"


class _PythonCalls(RoundOnce):
    """Nodes printed as calls to library functions, for the Python targets."""

    #: SymPy function class → dotted name of the library function.
    calls: ClassVar[dict[type, str]] = {}
    _module_format: Callable[[str], str]

    def _print_Function(self, expr: Any) -> str:  # noqa: N802
        for cls, name in self.calls.items():
            if isinstance(expr, cls):
                args = ", ".join(self._print(a) for a in expr.args)  # type: ignore[attr-defined]
                return f"{self._module_format(name)}({args})"
        return super()._print_Function(expr)  # type: ignore[misc,no-any-return]


_SCIPY_CALLS: dict[type, str] = {
    expit: "scipy.special.expit",
    log_expit: "scipy.special.log_expit",
    ndtr: "scipy.special.ndtr",
    log_ndtr: "scipy.special.log_ndtr",
    sp.erf: "scipy.special.erf",
    sp.erfc: "scipy.special.erfc",
    logaddexp: "numpy.logaddexp",
    expm1: "numpy.expm1",
    log1p: "numpy.log1p",
    hypot: "numpy.hypot",
}


class _NumPyPrinter(_ArrayLogic, MinMax, IntegerPowers, _PythonCalls, SciPyPrinter):  # type: ignore[misc]
    calls = _SCIPY_CALLS
    power_magnitude = True

    def _print_expit(self, expr: sp.Function) -> str:
        return self._print_Function(expr)

    _print_log_expit = _print_ndtr = _print_log_ndtr = _print_expit
    _print_erf = _print_erfc = _print_logaddexp = _print_expit
    _print_expm1 = _print_log1p = _print_hypot = _print_expit


_JAX_CALLS: dict[type, str] = {
    expit: "jax.nn.sigmoid",
    log_expit: "jax.nn.log_sigmoid",
    ndtr: "jax.scipy.special.ndtr",
    log_ndtr: "jax.scipy.special.log_ndtr",
    sp.erf: "jax.scipy.special.erf",
    sp.erfc: "jax.scipy.special.erfc",
    logaddexp: "jax.numpy.logaddexp",
    expm1: "jax.numpy.expm1",
    log1p: "jax.numpy.log1p",
    hypot: "jax.numpy.hypot",
}


def _as_float(e: sp.Expr) -> sp.Expr:
    """A number as a Float: where(c, 1, -1) is an int tensor, which a float scalar then
    turns into float32."""
    return sp.Float(e) if e.is_number and e.is_finite and not e.is_Float else e


class _Autograd:
    """c/x**4 differentiates as 0·inf = NaN where x**4 overflows (x = 1e300, in a tail);
    x**(-4) differentiates as −4·x**(−5) = 0 there. Products with negative powers are printed
    as such, integer exponents as integers (JAX traces x**(-4) to `lax.integer_pow`, which
    multiplies; x**(-4.0) would be a general power)."""

    _print: Callable[[Any], str]
    parenthesize: Callable[..., str]

    def _print_Mul(self, expr: sp.Mul) -> str:  # noqa: N802
        c, rest = expr.as_coeff_Mul()
        factors = sp.Mul.make_args(rest)
        if not any(f.is_Pow and f.exp.is_negative and f.base.is_Symbol for f in factors):
            return super()._print_Mul(expr)  # type: ignore[misc,no-any-return]
        parts = []
        for f in factors:
            parts.append(self.parenthesize(f, PRECEDENCE["Mul"], strict=False))
        body = "*".join(parts)
        if c == 1:
            return body
        if c == -1:
            return f"-{body}"
        if c.is_Rational and max(abs(int(c.p)), int(c.q)) <= MAX_EXACT_INTEGER:
            num = f"{c.p}*" if c.p not in (1, -1) else ("-" if c.p == -1 else "")
            return f"{num}{body}" + (f"/{c.q}" if c.q != 1 else "")
        return f"{self._print(c)}*{body}"

    def _print_Pow(self, expr: sp.Pow, **kwargs: Any) -> str:  # noqa: N802
        if expr.exp.is_Integer and expr.exp.is_negative:
            base = self.parenthesize(expr.base, PRECEDENCE["Pow"], strict=True)
            return f"{base}**({self._print(expr.exp)})"
        return super()._print_Pow(expr, **kwargs)  # type: ignore[misc,no-any-return]


class _JaxPrinter(_ArrayLogic, MinMax, _Autograd, _PythonCalls, JaxPrinter):  # type: ignore[misc]
    calls = _JAX_CALLS
    minmax_names = ("jax.numpy.maximum", "jax.numpy.minimum", "jax.numpy.clip")

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:  # noqa: N802
        where = self._module_format("jax.numpy.where")
        last = expr.args[-1]
        out = self._print(sp.nan if last.cond is not sp.true else _as_float(last.expr))
        for e, c in reversed(expr.args[:-1] if expr.args[-1].cond is sp.true else expr.args):
            out = f"{where}({self._print(c)}, {self._print(_as_float(e))}, {out})"
        return out

    _print_expit = _NumPyPrinter._print_expit
    _print_log_expit = _print_ndtr = _print_log_ndtr = _print_expit
    _print_erf = _print_erfc = _print_logaddexp = _print_expit
    _print_expm1 = _print_log1p = _print_hypot = _print_expit


_TORCH_CALLS: dict[type, str] = {
    expit: "torch.sigmoid",
    log_expit: "torch.nn.functional.logsigmoid",
    ndtr: "torch.special.ndtr",
    log_ndtr: "torch.special.log_ndtr",
    sp.erf: "torch.erf",
    sp.erfc: "torch.erfc",
    expm1: "torch.expm1",
    log1p: "torch.log1p",
    sp.exp: "torch.exp",
    sp.log: "torch.log",
    sp.tanh: "torch.tanh",
    sp.atan: "torch.atan",
    sp.sin: "torch.sin",
    sp.cos: "torch.cos",
    sp.Abs: "torch.abs",
}


class _TorchPrinter(_ArrayLogic, IntegerPowers, _Autograd, _PythonCalls, TorchPrinter):  # type: ignore[misc]
    """PyTorch: binary functions need tensors, so a number argument becomes `x.new_tensor(v)`
    (x's dtype and device). Small integer powers of x are multiplications except those
    `torch.pow` already computes so (2, 3, −1, −2), negative ones from x**(-1) (see
    `_Autograd`)."""

    calls = _TORCH_CALLS
    power_reciprocal = True
    power_skip = frozenset({2, 3, -1, -2})
    _print_Function = _PythonCalls._print_Function  # noqa: N815 - SymPy printer method name

    def _tensor(self, a: sp.Expr) -> str:
        """A number as a tensor of x's dtype: torch.where(c, 1.0, -1.0) is float32."""
        return f"x.new_tensor({self._print(sp.Float(a))})" if a.is_number else self._print(a)

    def _binary(self, name: str, expr: sp.Function) -> str:
        args = ", ".join(self._tensor(a) for a in expr.args)
        return f"{self._module_format(name)}({args})"

    def _print_logaddexp(self, expr: sp.Function) -> str:
        return self._binary("torch.logaddexp", expr)

    def _print_hypot(self, expr: sp.Function) -> str:
        return self._binary("torch.hypot", expr)

    def _print_Max(self, expr: sp.Function) -> str:  # noqa: N802
        return self._clamp(expr) or self._binary("torch.maximum", expr)

    def _print_Min(self, expr: sp.Function) -> str:  # noqa: N802
        return self._clamp(expr) or self._binary("torch.minimum", expr)

    def _clamp(self, expr: sp.Function) -> str | None:
        found = clip_bounds(expr)
        if found is None:
            return None
        u, lo, hi = (self._print(a if not a.is_number else sp.Float(a)) for a in found)
        return f"{self._module_format('torch.clamp')}({u}, {lo}, {hi})"

    def _print_Pow(self, expr: sp.Pow, **kwargs: Any) -> str:  # noqa: N802
        if expr.exp == sp.S.Half:
            return f"{self._module_format('torch.sqrt')}({self._print(expr.base)})"
        product = self._product_power(expr)
        if product is not None:
            return product
        base = self.parenthesize(expr.base, PRECEDENCE["Pow"], strict=False)
        return f"{base}**{self.parenthesize(expr.exp, PRECEDENCE['Pow'], strict=False)}"

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:  # noqa: N802
        last = expr.args[-1]
        out = self._print(sp.nan if last.cond is not sp.true else _as_float(last.expr))
        for e, c in reversed(expr.args[:-1] if expr.args[-1].cond is sp.true else expr.args):
            out = f"torch.where({self._print(c)}, {self._tensor(e)}, {out})"
        return out


class _CPrinter(IntegerPowers, RoundOnce, C99CodePrinter):  # type: ignore[misc]
    """C99 with <math.h> only: no M_PI-style macros (not C99), NAN and INFINITY; small
    integer powers as x*x*x."""

    power_binary = False
    power_skip = frozenset()
    power_one = "1.0"
    reserved_names = _C_RESERVED
    language = "C"

    def __init__(self) -> None:
        super().__init__({"math_macros": {}})

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:  # noqa: N802
        out = self._print(expr.args[-1].expr if expr.args[-1].cond is sp.true else sp.nan)
        rest = expr.args[:-1] if expr.args[-1].cond is sp.true else expr.args
        for e, c in reversed(rest):
            out = f"(({self._print(c)}) ? {self._print(e)} : {out})"
        return out


class _JSPrinter(IntegerPowers, RoundOnce, JavascriptCodePrinter):  # type: ignore[misc]
    """JavaScript: Math's functions; erf and erfc from the support functions printed with
    the code; NaN for undefined; small integer powers as x*x*x."""

    power_binary = False
    power_skip = frozenset()
    reserved_names = _JS_RESERVED
    language = "JavaScript"

    def __init__(self) -> None:
        super().__init__(
            {
                "user_functions": {
                    "erf": "erf",
                    "erfc": "erfc",
                    "expm1": "Math.expm1",
                    "log1p": "Math.log1p",
                    "hypot": "Math.hypot",
                }
            }
        )

    def _print_NaN(self, expr: sp.Basic) -> str:  # noqa: N802
        return "NaN"

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:  # noqa: N802
        return _CPrinter._print_Piecewise(self, expr)  # type: ignore[arg-type]

    def _print_And(self, expr: sp.Basic) -> str:  # noqa: N802
        return " && ".join(self.parenthesize(a, PRECEDENCE["And"]) for a in expr.args)

    def _print_Or(self, expr: sp.Basic) -> str:  # noqa: N802
        return " || ".join(self.parenthesize(a, PRECEDENCE["Or"]) for a in expr.args)

    def _print_Not(self, expr: sp.Basic) -> str:  # noqa: N802
        return "!" + self.parenthesize(expr.args[0], PRECEDENCE["Not"])


# ---------------------------------------------------------------------------------------------
# Python targets: vectorised, branch by branch with `where`


class _PythonTarget:
    def __init__(
        self,
        printer: Any,
        where: str,
        full_like: str,
        keep: Sequence[type],
        guard: bool,
        prologue: Sequence[str],
    ) -> None:
        self.printer = printer
        self.where = where
        self.full_like = full_like
        self.keep = keep
        self.guard = guard
        self.prologue = prologue

    def expr(self, e: sp.Basic, temps: list[str] | None = None) -> str:
        """`e` printed; with `temps`, its repeated subexpressions first assigned to
        temporaries there (`t0 = …`), each written once."""
        if self.guard:  # differentiated: forms with accurate derivatives
            e = _autograd_forms(e)
        e = fold_numbers(_portable(e, self.keep))
        if temps is not None:
            shared, e = _shared(e, len(temps))
            temps += [f"{t} = {self.printer.doprint(v)}" for t, v in shared]
        return str(self.printer.doprint(e))

    def value(
        self, e: sp.Expr, var: str = "x", fill: bool = False, temps: list[str] | None = None
    ) -> str:
        """`e` as an array expression (a constant filled to x's shape if `fill`)."""
        if not e.has(X):
            if not fill:
                return self.expr(e)
            return f"{self.printer._module_format(self.full_like)}(x, {self.expr(e)})"
        return self.expr(e.subs(X, sp.Symbol(var, real=True)) if var != "x" else e, temps)

    def body(self, plan: Plan) -> list[str]:
        branches = _branches(plan, tails=self.guard)  # autograd keeps the optional tails
        temps: list[str] = []
        if len(branches) == 1:
            y = self.value(branches[0][0], fill=True, temps=temps)
            return [*temps, f"y = {y}", "return y"]
        lines: list[str] = []
        conds = [f"c{i}" for i in range(len(branches))]
        for i, (_, c) in enumerate(branches[:-1]):
            lines.append(f"{conds[i]} = {self.expr(c)}")
        rhs: list[str] = []
        for i, (e, _) in enumerate(branches):
            if self.guard and e.has(X) and not _is_linear(e):
                earlier = " | ".join(conds[:i])
                taken = (
                    f"~({earlier})"
                    if i == len(branches) - 1
                    else (f"{conds[i]} & ~({earlier})" if i else conds[i])
                )
                safe = float(_safe_point(branches, i))
                where = self.printer._module_format(self.where)
                lines.append(
                    f"x{i} = {where}({taken}, x, {safe!r})"
                    f"  # x where branch {i} is taken, a harmless {safe!r} elsewhere"
                )
                rhs.append(self.value(e, f"x{i}", temps=temps))
            else:
                rhs.append(self.value(e, fill=i == len(branches) - 1, temps=temps))
        lines += temps
        where = self.printer._module_format(self.where)
        lines.append(f"y = {rhs[-1]}")
        for i in reversed(range(len(branches) - 1)):
            lines.append(f"y = {where}({conds[i]}, {rhs[i]}, y)")
        lines.append("return y")
        return lines


def _python(plan: Plan, header: list[str], target: _PythonTarget, note: list[str]) -> str:
    name = source_name(plan.name, plan.n, "numpy")
    body = target.body(plan)
    if note:
        header = [*header, "", *note]
    imports = sorted(target.printer.module_imports)
    doc = "\n".join(("    " + docstring_text(h)).rstrip() for h in header).lstrip()
    out = [f'"""{name}: generated by symact {__version__}; do not edit."""', ""]
    out += [f"import {m}" for m in imports]
    out += ["", "", f"def {name}(x):", f'    """{doc}', '    """']
    out += ["    " + line for line in target.prologue]
    if target.where == "numpy.where":  # a branch not taken may overflow: no warnings
        out.append('    with numpy.errstate(all="ignore"):')
        out += ["        " + line for line in body[:-1]]
        out.append("    return y[()]  # a NumPy scalar for a scalar input, as a ufunc gives")
    else:
        out += ["    " + line for line in body]
    return "\n".join(out) + "\n"


def _numpy(plan: Plan, header: list[str]) -> str:
    printer = _NumPyPrinter({"fully_qualified_modules": True, "allow_unknown_functions": False})
    printer.module_imports["numpy"].add("asarray")
    target = _PythonTarget(
        printer,
        "numpy.where",
        "numpy.full_like",
        keep=(expit, log_expit, ndtr, log_ndtr),
        guard=False,
        prologue=["x = numpy.asarray(x, dtype=numpy.float64)"],
    )
    return _python(plan, header, target, [])


def _torch(plan: Plan, header: list[str]) -> str:
    printer = _TorchPrinter({"fully_qualified_modules": True})
    printer.module_imports["torch"].add("where")
    target = _PythonTarget(
        printer,
        "torch.where",
        "torch.full_like",
        keep=(expit, log_expit, log_ndtr),  # torch.special.ndtr(-10) is 0 in torch 2.13
        guard=True,
        prologue=[
            "if not torch.is_tensor(x):",
            "    x = torch.as_tensor(x, dtype=torch.float64)",
        ],
    )
    note = (
        "Works with torch.autograd: branches not taken get their own harmless input, so their "
        "gradients are 0, never NaN."
    )
    return _python(plan, header, target, textwrap.wrap(note, 92))


def _jax(plan: Plan, header: list[str]) -> str:
    printer = _JaxPrinter({"fully_qualified_modules": True})
    printer.module_imports["jax.numpy"].add("asarray")
    target = _PythonTarget(
        printer,
        "jax.numpy.where",
        "jax.numpy.full_like",
        keep=(expit, log_expit, ndtr, log_ndtr),
        guard=True,
        prologue=["x = jax.numpy.asarray(x)"],
    )
    note = (
        "Works with jax.grad: branches not taken get their own harmless input, so their "
        "gradients are 0, never NaN. Float64 needs jax.config.update('jax_enable_x64', True)."
    )
    return _python(plan, header, target, textwrap.wrap(note, 92))


# ---------------------------------------------------------------------------------------------
# C and JavaScript: one double at a time, `if` per branch


def _scalar_body(plan: Plan, printer: Any) -> tuple[list[str], str]:
    branches = _branches(plan)
    lines = []
    guarded = any(c == sp.Ne(X, X, evaluate=False) for _, c in branches)
    if isinstance(printer, _CPrinter) and not guarded and plan.expression.has(sp.Max, sp.Min):
        lines.append("if (isnan(x)) return x;  /* fmax and fmin would drop a NaN */")
    code = []
    declare = "const double" if isinstance(printer, _CPrinter) else "const"
    count = 0
    for e, c in branches:
        shared, reduced = _shared(fold_numbers(_portable(e, ())), count)
        count += len(shared)
        temps = [f"{declare} {t} = {printer.doprint(v)};" for t, v in shared]
        text = str(printer.doprint(reduced))
        code += [*temps, text]
        if c is sp.true:
            lines += [*temps, f"return {text};"]
            continue
        cond = str(printer.doprint(fold_numbers(c)))
        if temps:
            lines += [f"if ({cond}) {{", *(f"    {t}" for t in temps), f"    return {text};", "}"]
        else:
            lines.append(f"if ({cond}) return {text};")
    return lines, " ".join(code)


def _comment(header: list[str]) -> list[str]:
    return ["/*", *((" * " + comment_text(h)).rstrip() for h in header), " */"]


def _c(plan: Plan, header: list[str]) -> str:
    name = source_name(plan.name, plan.n, "c")
    lines, _ = _scalar_body(plan, _CPrinter())
    out = [
        f"/* {name}: generated by symact {__version__}; do not edit. */",
        "#include <math.h>",
        "",
    ]
    out += _comment(header)
    out += [f"double {name}(double x)", "{"]
    out += ["    " + line for line in lines]
    out.append("}")
    return "\n".join(out) + "\n"


def _js(plan: Plan, header: list[str]) -> str:
    name = source_name(plan.name, plan.n, "js")
    lines, code = _scalar_body(plan, _JSPrinter())
    out = [f"// {name}: generated by symact {__version__}; do not edit.", ""]
    if "erf" in code:  # erf( or erfc(
        out += [_JS_ERF, ""]
    out += _comment(header)
    out += [f"function {name}(x) {{"]
    out += ["  " + line for line in lines]
    out.append("}")
    return "\n".join(out) + "\n"


#: erf and erfc for JavaScript: W. J. Cody's rational Chebyshev approximations ("Rational
#: Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637), with the
#: coefficients of his CALERF; relative error about 1e-16 in double precision. exp(−y²) is
#: computed as exp(−z²)·exp(−(y − z)(y + z)) with z = y rounded down to 1/16, where z² is exact,
#: so that the rounding of y² (up to 1e-13 relative for y ≈ 26) does not reach the result.
_JS_ERF = """\
// erf and erfc: W. J. Cody's rational Chebyshev approximations (Math. Comp. 23, 1969,
// 631-637; the coefficients of his CALERF), relative error about 1e-16.
const ERF_A = [3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
  3.20937758913846947e03, 1.85777706184603153e-1];
const ERF_B = [2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
  2.84423683343917062e03];
const ERF_C = [5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
  2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
  2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8];
const ERF_D = [1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
  1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
  3.43936767414372164e03, 1.23033935480374942e03];
const ERF_P = [3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
  1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2];
const ERF_Q = [2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
  6.05183413124413191e-2, 2.33520497626869185e-3];

// erf(x) for |x| <= 0.46875: x·P(x²)/Q(x²).
function erfSmall(x) {
  const z = x * x;
  let num = ERF_A[4] * z, den = z;
  for (let i = 0; i < 3; i++) {
    num = (num + ERF_A[i]) * z;
    den = (den + ERF_B[i]) * z;
  }
  return x * (num + ERF_A[3]) / (den + ERF_B[3]);
}

// erfc(y) for y > 0.46875: exp(-y²)·R(y), with exp(-y²) split so that y² is not rounded.
function erfcLarge(y) {
  let r;
  if (y <= 4) {
    let num = ERF_C[8] * y, den = y;
    for (let i = 0; i < 7; i++) {
      num = (num + ERF_C[i]) * y;
      den = (den + ERF_D[i]) * y;
    }
    r = (num + ERF_C[7]) / (den + ERF_D[7]);
  } else {
    if (y > 27.3) return 0; // below half the smallest subnormal
    const z = 1 / (y * y);
    let num = ERF_P[5] * z, den = z;
    for (let i = 0; i < 4; i++) {
      num = (num + ERF_P[i]) * z;
      den = (den + ERF_Q[i]) * z;
    }
    r = (0.5641895835477563 - z * (num + ERF_P[4]) / (den + ERF_Q[4])) / y;
  }
  const s = Math.trunc(y * 16) / 16;
  return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s)) * r;
}

function erf(x) {
  const y = Math.abs(x);
  if (y <= 0.46875) return erfSmall(x);
  const r = 1 - erfcLarge(y);
  return x < 0 ? -r : r;
}

function erfc(x) {
  const y = Math.abs(x);
  if (y <= 0.46875) return 1 - erfSmall(x);
  const r = erfcLarge(y);
  return x < 0 ? 2 - r : r;
}"""


_WRITERS: dict[str, Callable[[Plan, list[str]], str]] = {
    "numpy": _numpy,
    "torch": _torch,
    "jax": _jax,
    "c": _c,
    "js": _js,
}
