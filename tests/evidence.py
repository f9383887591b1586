"""Independent numeric evidence for the analysis tests (tests/test_analysis.py).

Nothing here uses `symact.analysis`: an activation is evaluated from its declared expression
(`act.at()`, primitives rewritten by `to_elementary`, lambdified to mpmath) at `DPS` digits,
derivatives come from `mpmath.diff` (finite differences at raised precision), and the strings an
analysis reports (derivatives, Taylor polynomials, f' in terms of the output, exact values) are
read by `read_sympy_str`: a whitelist walk over Python's syntax tree that maps each SymPy name to
an mpmath function written here from its textbook definition. Strings are never given to `eval`,
`sympify` or `parse_expr`.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import mpmath as mp
import sympy as sp

from symact.declare import Activation
from symact.functions import to_elementary

#: Working precision (decimal digits) of every evaluation.
DPS = 40
#: Step for one-sided limits at a point b: f(b ± H).
H = mp.mpf(10) ** -20
#: DPS in bits.
_PREC = mp.libmp.dps_to_prec(DPS)

Num = Any  # an mpmath mpf (or None where a function is undefined)


def mpf(v: object) -> mp.mpf:
    """An mpf at `DPS` digits from a JSON number, an "inf"/"-inf" string or an mpmath number."""
    with mp.workdps(DPS):
        if v == "inf":
            return mp.inf
        if v == "-inf":
            return -mp.inf
        if isinstance(v, float):
            return mp.mpf(repr(v))
        return mp.mpf(v)  # type: ignore[arg-type]


def _real(r: object) -> Num:
    """A real mpf from a lambdified result (ints from min/max, complex with no imaginary part)."""
    if isinstance(r, mp.mpc):
        if abs(r.imag) > mp.mpf(10) ** (-DPS // 2) * (1 + abs(r.real)):
            return None
        r = r.real
    if isinstance(r, bool):
        r = int(r)
    try:
        v = mp.mpf(r)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if mp.isnan(v) else v


_EXPONENTIAL = (sp.exp, sp.tanh, sp.sinh, sp.cosh)


def _exp_outside_log(e: sp.Basic) -> bool:
    """Whether `e` contains an exponential that no logarithm tames."""
    if isinstance(e, sp.log):
        return False
    if isinstance(e, _EXPONENTIAL):
        return True
    return any(_exp_outside_log(a) for a in e.args)


# --- the activation, evaluated independently ------------------------------------------------------


@dataclass
class Fn:
    """An activation at its default parameters as an mpmath function, with numeric derivatives."""

    act: Activation
    raw: Callable[[Any], Any] = field(init=False)

    #: Three points far out (|x|) where limits are checked: 1e3, 1e6, 1e12, or 1e2, 1e3, 1e4
    #: for a double exponential (gish's exp(−exp(x)) at x = 1e12 would need an integer of
    #: 1e12 bits; such functions settle long before 1e4 anyway).
    far: tuple[int, int, int] = field(init=False)

    def __post_init__(self) -> None:
        expr = to_elementary(self.act.at())
        self.raw = sp.lambdify(self.act.x, expr, modules="mpmath")
        # (a sine of an exponential too: sin(sinh(2x)) at 1e12 needs π to 1e12 digits; and erf
        # of one: the derivative of erf(e^x) holds exp(−e^(2x)))
        outer = (*_EXPONENTIAL, sp.sin, sp.cos, sp.tan, sp.erf, sp.erfc)
        nested = any(_exp_outside_log(e.args[0]) for e in expr.atoms(*outer))
        self.far = (10**2, 10**3, 10**4) if nested else (10**3, 10**6, 10**12)

    @property
    def reach(self) -> int:
        """The largest |x| at which f is evaluated."""
        return self.far[-1]

    @property
    def name(self) -> str:
        return self.act.name

    def _call(self, v: Any) -> Any:
        # The raw function at the *current* precision (mpmath.diff raises it as it needs).
        r = self.raw(v)
        out = _real(r)
        if out is None:
            raise ValueError(f"{self.name} is undefined at {v}")
        return out

    def f(self, v: object) -> Num:
        """f(v) at DPS digits."""
        with mp.workdps(DPS):
            return self._call(mp.mpf(v))  # type: ignore[arg-type]

    def d(self, v: object, n: int = 1, direction: int = 0) -> Num:
        """The n-th derivative at v by mpmath.diff (direction ±1: one-sided differences)."""
        with mp.workdps(DPS):
            return +mp.diff(self._call, mp.mpf(v), n, direction=direction)  # type: ignore[arg-type]

    def left(self, b: object, n: int = 0) -> Num:
        """The one-sided limit of f^(n) at b from the left (evaluated at b − 1e-20)."""
        with mp.workdps(DPS):
            p = mp.mpf(b) - H  # type: ignore[arg-type]
            return self.f(p) if n == 0 else self.d(p, n)

    def right(self, b: object, n: int = 0) -> Num:
        """The one-sided limit of f^(n) at b from the right (evaluated at b + 1e-20)."""
        with mp.workdps(DPS):
            p = mp.mpf(b) + H  # type: ignore[arg-type]
            return self.f(p) if n == 0 else self.d(p, n)

    def secant(self, b: object) -> Num:
        """The slope of the chord over [b − 1e-20, b + 1e-20] (huge across a jump)."""
        with mp.workdps(DPS):
            return (self.right(b) - self.left(b)) / (2 * H)


def close(a: Num, b: Num, rel: float, absolute: float | None = None) -> bool:
    """|a − b| ≤ rel·(1 + |b|) (or the given absolute tolerance); infinities must be equal."""
    with mp.workdps(DPS):
        a, b = mpf(a), mpf(b)
        if mp.isinf(a) or mp.isinf(b):
            return bool(a == b)
        tol = absolute if absolute is not None else rel * (1 + abs(b))
        return bool(abs(a - b) <= tol)


# --- sample points ------------------------------------------------------------------------------


def _lin(lo: float, hi: float, n: int, offset: float) -> list[mp.mpf]:
    with mp.workdps(DPS):
        step = (mp.mpf(hi) - mp.mpf(lo)) / (n - 1)
        return [mp.mpf(lo) + k * step + mp.mpf(offset) for k in range(n)]


def grid(avoid: Iterable[object] = (), gap: float = 1e-3, reach: int = 10**12) -> list[mp.mpf]:
    """About 390 sorted sample points: every 0.05 on [−6, 6], every 1 on [−50, 50], log-spaced to
    ±1e6 (4 per decade) and ±1e9, ±1e12 (none beyond ±reach, which is included); shifted off
    integers and half-integers, and none within `gap` of a point in `avoid`."""
    with mp.workdps(DPS):
        pts = _lin(-6, 6, 241, 0.0123) + _lin(-50, 50, 101, 0.0371)
        far = [mp.mpf(10) ** (mp.mpf(k) / 4) * mp.mpf("1.0137") for k in range(4, 25)]
        far += [mp.mpf(10) ** 9, mp.mpf(10) ** 12]
        far = [p for p in far if p < reach] + [mp.mpf(reach)]
        pts += far + [-p for p in far]
        bad = [mpf(a) for a in avoid]
        out = sorted({p for p in pts if all(abs(p - b) >= gap for b in bad)})
        return out


#: Eight points for derivative checks: off integers and half-integers, spread over [−4.3, 3.7].
DERIVATIVE_POINTS = ("-4.31", "-2.73", "-1.27", "-0.71", "-0.19", "0.33", "1.13", "3.71")


def zoom(
    g: Callable[[mp.mpf], Num],
    xs: Sequence[mp.mpf],
    best: int,
    sign: int,
    rounds: int = 5,
    points: int = 41,
) -> tuple[mp.mpf, Num]:
    """Refine the extreme (sign = +1: largest, −1: smallest) of g near xs[best] by repeated grid
    zooming: returns (x, g(x)) at least as extreme as g(xs[best])."""
    with mp.workdps(DPS):
        bx = xs[best]
        bv = g(bx)
        lo = xs[best - 1] if best > 0 else bx - 1
        hi = xs[best + 1] if best + 1 < len(xs) else bx + 1
        for _ in range(rounds):
            step = (hi - lo) / (points - 1)
            for k in range(points):
                p = lo + k * step
                v = g(p)
                if v is not None and sign * (v - bv) > 0:
                    bx, bv = p, v
            lo, hi = bx - 2 * step, bx + 2 * step
        return bx, bv


# --- reading SymPy's string forms without executing them -----------------------------------------


class UnsafeStringError(ValueError):
    """A string form used a construct outside the whitelist."""


class UndefinedError(ArithmeticError):
    """The expression is undefined at this point (SymPy's nan, zoo or a branch with none)."""


def _sigmoid(u: mp.mpf) -> mp.mpf:
    return 1 / (1 + mp.exp(-u))


def _softplus(u: mp.mpf) -> mp.mpf:
    return mp.log(1 + mp.exp(u)) if u < 0 else u + mp.log(1 + mp.exp(-u))


def _heaviside(u: mp.mpf, h0: mp.mpf | None = None) -> mp.mpf:
    if u == 0:
        if h0 is None:
            raise UndefinedError("Heaviside(0)")
        return h0
    return mp.mpf(1) if u > 0 else mp.mpf(0)


def _lambertw(u: mp.mpf, k: int = 0) -> mp.mpf:
    w = mp.lambertw(u, int(k))
    if abs(w.imag) > mp.mpf(10) ** (-DPS // 2):
        raise UndefinedError("LambertW off its real branch")
    return w.real


_FUNCTIONS: dict[str, Callable[..., Any]] = {
    "exp": mp.exp,
    "log": mp.log,
    "sqrt": mp.sqrt,
    "tanh": mp.tanh,
    "sinh": mp.sinh,
    "cosh": mp.cosh,
    "sech": mp.sech,
    "csch": mp.csch,
    "coth": mp.coth,
    "sec": mp.sec,
    "csc": mp.csc,
    "cot": mp.cot,
    "sin": mp.sin,
    "cos": mp.cos,
    "tan": mp.tan,
    "atan": mp.atan,
    "asinh": mp.asinh,
    "acosh": mp.acosh,
    "atanh": mp.atanh,
    "asin": mp.asin,
    "acos": mp.acos,
    "erfinv": mp.erfinv,
    "erf": mp.erf,
    "erfc": mp.erfc,
    "Abs": abs,
    "sign": mp.sign,
    "Max": max,
    "Min": min,
    "LambertW": _lambertw,
    "Heaviside": _heaviside,
    "sigmoid": _sigmoid,
    "softplus": _softplus,
    "normal_cdf": lambda u: (1 + mp.erf(u / mp.sqrt(2))) / 2,
    "normal_pdf": lambda u: mp.exp(-(u**2) / 2) / mp.sqrt(2 * mp.pi),
    "log1p": mp.log1p,
    "expm1": mp.expm1,
    "Float": lambda s, *_: mp.mpf(s),
    "Rational": lambda p, q: mp.mpf(p) / mp.mpf(q),
    "Integer": mp.mpf,
}
_CONSTANTS: dict[str, Callable[[], Any]] = {
    "I": lambda: mp.mpc(0, 1),  # in closed forms whose value is real (Cardano's roots)
    "pi": lambda: +mp.pi,
    "E": lambda: mp.e + 0,
    "oo": lambda: mp.inf,
    "EulerGamma": lambda: +mp.euler,
}
_UNDEFINED = {"nan", "zoo"}
_COMPARE: dict[type[ast.cmpop], Callable[[Any, Any], bool]] = {
    ast.Lt: lambda a, b: bool(a < b),
    ast.LtE: lambda a, b: bool(a <= b),
    ast.Gt: lambda a, b: bool(a > b),
    ast.GtE: lambda a, b: bool(a >= b),
}


def read_sympy_str(text: str, variables: Sequence[str] = ("x",)) -> Callable[..., Num]:
    """A function of `variables` computing the SymPy string form `text` with mpmath.

    Only numbers, the named variables and constants, + − * / **, comparisons, `&`, `|`, `~` and
    the functions of `_FUNCTIONS` plus `Piecewise`, `Eq`, `Ne`, `And`, `Or`, `Not` are read;
    anything else raises `UnsafeStringError` before anything is evaluated. `Piecewise` picks the
    first branch whose condition holds; `nan`/`zoo`, or no branch, raise `UndefinedError`.
    """
    src = text.strip()
    tree = ast.parse(src, mode="eval")
    _check(tree.body, set(variables))

    def run(*values: object) -> Num:
        # At DPS digits, or more when called by mpmath.diff / mpmath.taylor at raised precision.
        with mp.workprec(max(mp.mp.prec, _PREC)):
            env = {
                name: v if isinstance(v, mp.mpf) else mpf(v)
                for name, v in zip(variables, values, strict=True)
            }
            out = _eval(tree.body, env, src)
            if isinstance(out, mp.mpc):  # a closed form through complex numbers (I)
                if abs(out.imag) > mp.mpf(10) ** (-DPS // 2) * (1 + abs(out.real)):
                    raise UndefinedError("a complex value")
                out = out.real
            return out

    return run


_ALLOWED_CALLS = {*_FUNCTIONS, "Piecewise", "Eq", "Ne", "And", "Or", "Not", "CRootOf"}


def _check(node: ast.AST, variables: set[str]) -> None:
    if isinstance(node, ast.Constant):
        if not isinstance(node.value, int | float):  # bool is an int: True, False
            raise UnsafeStringError(f"constant {node.value!r}")
    elif isinstance(node, ast.Name):
        ok = {*variables, *_CONSTANTS, *_UNDEFINED, "True", "False"}
        if node.id not in ok:
            raise UnsafeStringError(f"name {node.id!r}")
    elif isinstance(node, ast.BinOp):
        if not isinstance(
            node.op, ast.Add | ast.Sub | ast.Mult | ast.Div | ast.Pow | ast.BitAnd | ast.BitOr
        ):
            raise UnsafeStringError(f"operator {type(node.op).__name__}")
        _check(node.left, variables)
        _check(node.right, variables)
    elif isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.USub | ast.UAdd | ast.Invert):
            raise UnsafeStringError(f"operator {type(node.op).__name__}")
        _check(node.operand, variables)
    elif isinstance(node, ast.Compare):
        if not all(type(op) in _COMPARE for op in node.ops):
            raise UnsafeStringError("comparison")
        for n in (node.left, *node.comparators):
            _check(n, variables)
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.func.id not in _ALLOWED_CALLS:
            raise UnsafeStringError(f"call of {ast.dump(node.func)[:60]}")
        if node.keywords:
            raise UnsafeStringError("keyword arguments")
        if node.func.id == "CRootOf":  # CRootOf(polynomial in x, index)
            if len(node.args) != 2 or not isinstance(node.args[1], ast.Constant):
                raise UnsafeStringError("CRootOf takes a polynomial in x and an index")
            _check(node.args[0], {"x"})
            _check(node.args[1], set())
            return
        for a in node.args:
            _check(a, variables)
    elif isinstance(node, ast.Tuple):
        for e in node.elts:
            _check(e, variables)
    else:
        raise UnsafeStringError(f"construct {type(node).__name__}")


def _eval(node: ast.AST, env: dict[str, mp.mpf], src: str) -> Any:
    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool):
            return node.value
        if isinstance(node.value, float):
            # every digit SymPy printed, not the nearest double
            return mp.mpf(ast.get_source_segment(src, node) or repr(node.value))
        return mp.mpf(node.value)
    if isinstance(node, ast.Name):
        if node.id in env:
            return env[node.id]
        if node.id in _UNDEFINED:
            raise UndefinedError(node.id)
        if node.id in ("True", "False"):
            return node.id == "True"
        return _CONSTANTS[node.id]()
    if isinstance(node, ast.UnaryOp):
        v = _eval(node.operand, env, src)
        if isinstance(node.op, ast.Invert):
            return not v
        return -v if isinstance(node.op, ast.USub) else +v
    if isinstance(node, ast.BinOp):
        if isinstance(node.op, ast.BitAnd):
            return bool(_eval(node.left, env, src)) and bool(_eval(node.right, env, src))
        if isinstance(node.op, ast.BitOr):
            return bool(_eval(node.left, env, src)) or bool(_eval(node.right, env, src))
        a, b = _eval(node.left, env, src), _eval(node.right, env, src)
        if isinstance(node.op, ast.Add):
            return a + b
        if isinstance(node.op, ast.Sub):
            return a - b
        if isinstance(node.op, ast.Mult):
            return a * b
        if isinstance(node.op, ast.Div):
            if b == 0:
                raise UndefinedError("division by zero")
            return a / b
        r = mp.power(a, b)
        if isinstance(r, mp.mpc) and not isinstance(a, mp.mpc) and not isinstance(b, mp.mpc):
            raise UndefinedError("complex power")
        return r
    if isinstance(node, ast.Compare):
        left = _eval(node.left, env, src)
        for op, comp in zip(node.ops, node.comparators, strict=True):
            right = _eval(comp, env, src)
            if not _COMPARE[type(op)](left, right):
                return False
            left = right
        return True
    if isinstance(node, ast.Call):
        fname = node.func.id  # type: ignore[attr-defined]
        if fname == "Piecewise":
            for branch in node.args:
                expr, cond = branch.elts  # type: ignore[attr-defined]
                if _eval(cond, env, src):
                    return _eval(expr, env, src)
            raise UndefinedError("no branch of the Piecewise holds")
        if fname == "And":
            return all(_eval(a, env, src) for a in node.args)
        if fname == "Or":
            return any(_eval(a, env, src) for a in node.args)
        if fname == "Not":
            return not _eval(node.args[0], env, src)
        if fname == "CRootOf":
            return _crootof(node.args[0], int(node.args[1].value))  # type: ignore[attr-defined]
        args = [_eval(a, env, src) for a in node.args]
        if fname == "Eq":
            return bool(args[0] == args[1])
        if fname == "Ne":
            return bool(args[0] != args[1])
        r = _FUNCTIONS[fname](*args)
        if isinstance(r, mp.mpc) and not any(isinstance(a, mp.mpc) for a in args):
            if abs(r.imag) > mp.mpf(10) ** (-DPS // 2) * (1 + abs(r.real)):
                raise UndefinedError(f"{fname} is complex here")
            r = r.real
        return r
    if isinstance(node, ast.Tuple):
        return tuple(_eval(e, env, src) for e in node.elts)
    raise UnsafeStringError(type(node).__name__)  # pragma: no cover - _check refused it already


def _poly(node: ast.AST) -> dict[int, mp.mpf]:
    """The coefficients (by degree) of a polynomial in x written with + − * ** and numbers."""
    if isinstance(node, ast.Constant):
        return {0: mp.mpf(node.value)}
    if isinstance(node, ast.Name) and node.id == "x":
        return {1: mp.mpf(1)}
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return {k: -c for k, c in _poly(node.operand).items()}
    if isinstance(node, ast.BinOp):
        a = _poly(node.left)
        if isinstance(node.op, ast.Pow) and isinstance(node.right, ast.Constant):
            out = {0: mp.mpf(1)}
            for _ in range(int(node.right.value)):
                out = _times(out, a)
            return out
        b = _poly(node.right)
        if isinstance(node.op, ast.Mult):
            return _times(a, b)
        if isinstance(node.op, ast.Add | ast.Sub):
            sign = 1 if isinstance(node.op, ast.Add) else -1
            out = dict(a)
            for k, c in b.items():
                out[k] = out.get(k, mp.mpf(0)) + sign * c
            return out
        if isinstance(node.op, ast.Div) and set(b) == {0}:
            return {k: c / b[0] for k, c in a.items()}
    raise UnsafeStringError("CRootOf of something not a polynomial in x")


def _times(a: dict[int, mp.mpf], b: dict[int, mp.mpf]) -> dict[int, mp.mpf]:
    out: dict[int, mp.mpf] = {}
    for i, c in a.items():
        for j, d in b.items():
            out[i + j] = out.get(i + j, mp.mpf(0)) + c * d
    return out


def _crootof(node: ast.AST, index: int) -> mp.mpf:
    """SymPy's CRootOf(p, index): the real roots of p in increasing order come first."""
    coeffs = _poly(node)
    degree = max(k for k, c in coeffs.items() if c != 0)
    roots = mp.polyroots(
        [coeffs.get(k, mp.mpf(0)) for k in range(degree, -1, -1)], maxsteps=200, extraprec=200
    )
    tiny = mp.mpf(10) ** (-DPS // 2)
    real = sorted(mp.re(r) for r in roots if abs(mp.im(r)) <= tiny * (1 + abs(r)))
    if index >= len(real):
        raise UndefinedError("a complex root of the polynomial")
    return real[index]


def value_of(text: str) -> Num:
    """A constant SymPy string form (an `exact` field) as an mpf; tuples give tuples."""
    return read_sympy_str(text, ())()


def finite(v: object) -> bool:
    """Whether a JSON fact value is a finite number."""
    return isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v)
