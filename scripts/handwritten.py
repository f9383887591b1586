"""Hand-written NumPy/SciPy forms of the catalogue's activations: the yardstick for symact's speed.

`scripts/bench_numerics.py` times symact's NumPy function of f and f' of every catalogue entry
against the form registered here (`HAND`, keyed `(name, n)`, n = 0 for f and 1 for f'), in the
same run: the `hand` and `÷hand` columns.

Each form is written by hand from the mathematics, as a careful, performance-aware programmer
would write it in plain NumPy/SciPy, without Taylor branches or other heroics:

- stable: no overflow to inf or NaN where the value is finite (except siren and snake', NaN
  where w0·x or 2a·x overflows, beyond 10³⁰⁶, where sin of the float means nothing), no
  catastrophic cancellation over the normal range (except tanhshrink and sinc' near 0, which
  `Hand.cancels` states: avoiding it takes a Taylor branch);
- in the input's dtype: float32 in, float32 out, as NumPy's ufuncs and SciPy's special
  functions give it;
- idiomatic: `np.maximum`, `np.clip` and arithmetic on a mask for piecewise-linear functions (a
  comparison turned into the dtype, never `np.where` between two constants), `np.where` between
  two computed branches (as PyTorch and TensorFlow write ELU), the stable
  `max(x, 0) + log1p(exp(−|x|))` for softplus, `expit`, `ndtr`, `erf`, `expm1`,
  `log1p` and `hypot` where they avoid cancellation or overflow, an in-place operation where it
  saves an array.

Parameters are keywords named and defaulted as in the catalogue; a multiplication by a parameter
equal to 1 is skipped (symact's functions are specialised to their parameters, so these are
too). f' at a kink or a jump is undefined: symact returns NaN there, these forms one side's
value (abs': 0); each description says which. Both are fine for timing.

Independent of symact's numerics (nothing here imports `symact.numerics`);
`tests/test_handwritten.py` checks every form against mpmath values of the declared expression
and its parameters against the catalogue's.
"""

# mypy: disable-error-code="no-any-return"
# (NumPy's operators and SciPy's ufuncs return Any to mypy; every form returns an array.)

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.special as sc

__all__ = ["HAND", "Hand"]

Array = np.ndarray[Any, Any]
Form = Callable[..., Array]


@dataclass(frozen=True)
class Hand:
    """A hand-written form of f (n = 0) or f' (n = 1) of the catalogue entry `name`."""

    name: str
    n: int
    #: The form in one line.
    description: str
    #: `fn(x, **params)`: the form on an array x; parameters as in the catalogue.
    fn: Form
    #: |x| below which the form loses relative accuracy to cancellation (0: nowhere).
    cancels: float = 0.0

    @property
    def label(self) -> str:
        return f"{self.name}-f{chr(39) * self.n}"

    def __call__(self, x: Array, **params: float) -> Array:
        return self.fn(x, **params)


#: The forms by (catalogue name, order n).
HAND: dict[tuple[str, int], Hand] = {}


def hand(name: str, n: int, description: str, *, cancels: float = 0.0) -> Callable[[Form], Form]:
    """Register the decorated function as the form of f (n = 0) or f' (n = 1) of `name`."""

    def register(fn: Form) -> Form:
        if (name, n) in HAND:
            raise ValueError(f"two hand forms of {name}, n = {n}")
        HAND[(name, n)] = Hand(name, n, description, fn, cancels)
        return fn

    return register


# --- helpers -------------------------------------------------------------------------------


def _mask(cond: Array, like: Array, on: float = 1.0, off: float = 0.0) -> Array:
    """`on` where `cond`, else `off`, in the dtype of `like`: arithmetic on the mask, which is
    far quicker than `np.where` between two constants."""
    m = cond.astype(like.dtype)
    if on - off != 1:
        m *= on - off
    if off:
        m += off
    return m


def _times(c: float, v: Array) -> Array:
    """c·v, skipping the pass when c = 1."""
    return v if c == 1 else c * v


def _leaky(v: Array, a: float) -> Array:
    """v where v ≥ 0, else a·v: max(v, a·v) when 0 ≤ a ≤ 1 (as TensorFlow writes leaky ReLU)."""
    return np.maximum(v, a * v) if 0 <= a <= 1 else np.where(v >= 0, v, a * v)


def _sech2(u: Array) -> Array:
    """sech²(u) = 1 − tanh²(u), without the cancellation in the tails: 4e/(1 + e)² with
    e = exp(−2|u|)."""
    e = np.exp(-2 * np.abs(u))
    p = 1 + e
    return 4 * e / (p * p)


def _softplus(u: Array) -> Array:
    """log(1 + eᵘ) = max(u, 0) + log1p(exp(−|u|)): no overflow, no cancellation."""
    return np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))


_SQRT_2PI = math.sqrt(2 * math.pi)
_2_SQRT_PI = 2 / math.sqrt(math.pi)


# --- sigmoid-like --------------------------------------------------------------------------


@hand("sigmoid", 0, "expit(x)")
def sigmoid(x: Array) -> Array:
    return sc.expit(x)


@hand("sigmoid", 1, "e/(1 + e)² with e = exp(−|x|): σ(x)·σ(−x) from one exp")
def d_sigmoid(x: Array) -> Array:
    e = np.exp(-np.abs(x))
    p = 1 + e
    return e / (p * p)


@hand("tanh", 0, "np.tanh(x)")
def tanh(x: Array) -> Array:
    return np.tanh(x)


@hand("tanh", 1, "sech²x as 4e/(1 + e)² with e = exp(−2|x|)")
def d_tanh(x: Array) -> Array:
    return _sech2(x)


@hand("hardtanh", 0, "np.clip(x, min_val, max_val)")
def hardtanh(x: Array, min_val: float = -1.0, max_val: float = 1.0) -> Array:
    return np.clip(x, float(min_val), float(max_val))


@hand("hardtanh", 1, "mask min_val < x < max_val as the dtype; 0 at the kinks")
def d_hardtanh(x: Array, min_val: float = -1.0, max_val: float = 1.0) -> Array:
    return _mask((x > min_val) & (x < max_val), x)


@hand("hardsigmoid", 0, "clip(x + 3, 0, 6)/6, in place")
def hardsigmoid(x: Array) -> Array:
    y = x + 3
    np.clip(y, 0.0, 6.0, out=y)
    y /= 6
    return y


@hand("hardsigmoid", 1, "1/6 on the mask −3 < x < 3; 0 at the kinks")
def d_hardsigmoid(x: Array) -> Array:
    return _mask((x > -3) & (x < 3), x, 1 / 6)


@hand("sparse_sigmoid", 0, "clip(x + 1, 0, 2)/2, in place")
def sparse_sigmoid(x: Array) -> Array:
    y = x + 1
    np.clip(y, 0.0, 2.0, out=y)
    y *= 0.5
    return y


@hand("sparse_sigmoid", 1, "1/2 on the mask −1 < x < 1; 0 at the kinks")
def d_sparse_sigmoid(x: Array) -> Array:
    return _mask((x > -1) & (x < 1), x, 0.5)


@hand("softsign", 0, "x/(1 + |x|)")
def softsign(x: Array) -> Array:
    return x / (1 + np.abs(x))


@hand("softsign", 1, "1/(1 + |x|)²")
def d_softsign(x: Array) -> Array:
    p = 1 + np.abs(x)
    with np.errstate(over="ignore"):
        return 1 / (p * p)


@hand("isru", 0, "x/hypot(1, √alpha·x): no overflow of x²")
def isru(x: Array, alpha: float = 1.0) -> Array:
    return x / np.hypot(1.0, _times(math.sqrt(alpha), x))


@hand("isru", 1, "r³ with r = 1/hypot(1, √alpha·x)")
def d_isru(x: Array, alpha: float = 1.0) -> Array:
    r = 1 / np.hypot(1.0, _times(math.sqrt(alpha), x))
    return r * r * r


@hand("sqnl", 0, "y − y·|y|/4 with y = clip(x, −2, 2)")
def sqnl(x: Array) -> Array:
    y = np.clip(x, -2.0, 2.0)
    return y - 0.25 * y * np.abs(y)


@hand("sqnl", 1, "max(1 − |x|/2, 0)")
def d_sqnl(x: Array) -> Array:
    return np.maximum(1 - 0.5 * np.abs(x), 0.0)


@hand("arctan", 0, "np.arctan(x)")
def arctan(x: Array) -> Array:
    return np.arctan(x)


@hand("arctan", 1, "1/(1 + x²)")
def d_arctan(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return 1 / (1 + x * x)


@hand("erf", 0, "scipy.special.erf(x)")
def erf(x: Array) -> Array:
    return sc.erf(x)


@hand("erf", 1, "2/√π·exp(−x²)")
def d_erf(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return _2_SQRT_PI * np.exp(-x * x)


@hand("penalized_tanh", 0, "t = tanh x; max(t, a·t) (a ≤ 1), else where(x > 0, t, a·t)")
def penalized_tanh(x: Array, a: float = 0.25) -> Array:
    return _leaky(np.tanh(x), a)


@hand("penalized_tanh", 1, "sech²x (one-exp form) times 1 or a (mask); a at 0")
def d_penalized_tanh(x: Array, a: float = 0.25) -> Array:
    d = _sech2(x)
    d *= _mask(x > 0, x, 1.0, a)
    return d


_LECUN_A, _LECUN_B = 1.7159, 2 / 3


@hand("lecun_tanh", 0, "1.7159·tanh(2x/3)")
def lecun_tanh(x: Array) -> Array:
    return _LECUN_A * np.tanh(_LECUN_B * x)


@hand("lecun_tanh", 1, "1.7159·(2/3)·sech²(2x/3) (one-exp form)")
def d_lecun_tanh(x: Array) -> Array:
    return (_LECUN_A * _LECUN_B) * _sech2(_LECUN_B * x)


@hand("dsilu", 0, "s = expit(x); s·(1 + x·(1 − s))")
def dsilu(x: Array) -> Array:
    s = sc.expit(x)
    return s * (1 + x * (1 - s))


@hand("dsilu", 1, "σ(x)σ(−x)·(2 − x·tanh(x/2)) from e = exp(−|x|): e/(1+e)²·(2 − |x|(1−e)/(1+e))")
def d_dsilu(x: Array) -> Array:
    a = np.abs(x)
    e = np.exp(-a)
    p = 1 + e
    return e / (p * p) * (2 - a * (1 - e) / p)


_LAPLACE_C, _LAPLACE_K = math.sqrt(2) / 2, 2 * math.sqrt(math.pi)


@hand("laplace", 0, "ndtr(2√π·(x − √2/2))")
def laplace(x: Array) -> Array:
    return sc.ndtr(_LAPLACE_K * (x - _LAPLACE_C))


@hand("laplace", 1, "√2·exp(−2π(x − √2/2)²)")
def d_laplace(x: Array) -> Array:
    u = x - _LAPLACE_C
    with np.errstate(over="ignore"):
        return math.sqrt(2) * np.exp((-2 * math.pi) * (u * u))


# --- ReLU-like -----------------------------------------------------------------------------


@hand("relu", 0, "np.maximum(x, 0)")
def relu(x: Array) -> Array:
    return np.maximum(x, 0.0)


@hand("relu", 1, "(x > 0) as the dtype; 0 at 0")
def d_relu(x: Array) -> Array:
    return _mask(x > 0, x)


@hand("leaky_relu", 0, "np.maximum(x, negative_slope·x) (slope ≤ 1)")
def leaky_relu(x: Array, negative_slope: float = 0.01) -> Array:
    return _leaky(x, negative_slope)


@hand("leaky_relu", 1, "1 or negative_slope on the mask x > 0; negative_slope at 0")
def d_leaky_relu(x: Array, negative_slope: float = 0.01) -> Array:
    return _mask(x > 0, x, 1.0, negative_slope)


@hand("shifted_relu", 0, "np.maximum(x, -1)")
def shifted_relu(x: Array) -> Array:
    return np.maximum(x, -1.0)


@hand("shifted_relu", 1, "(x > −1) as the dtype; 0 at −1")
def d_shifted_relu(x: Array) -> Array:
    return _mask(x > -1, x)


@hand("srelu_jin2016", 0, "t_r + a_r(x − t_r) for x ≥ t_r, x above t_l, t_l + a_l(x − t_l) below")
def srelu_jin2016(
    x: Array, t_r: float = 1.0, a_r: float = 1.0, t_l: float = 0.0, a_l: float = 0.2
) -> Array:
    left = t_l + a_l * (x - t_l)
    return np.where(x >= t_r, t_r + a_r * (x - t_r), np.where(x > t_l, x, left))


@hand("srelu_jin2016", 1, "a_r, 1 or a_l by the masks x > t_r, x > t_l; a_l at t_l")
def d_srelu_jin2016(
    x: Array, t_r: float = 1.0, a_r: float = 1.0, t_l: float = 0.0, a_l: float = 0.2
) -> Array:
    return np.where(x > t_r, a_r, np.where(x > t_l, 1.0, a_l)).astype(x.dtype)


@hand("relu6", 0, "np.clip(x, 0, 6)")
def relu6(x: Array) -> Array:
    return np.clip(x, 0.0, 6.0)


@hand("relu6", 1, "mask 0 < x < 6 as the dtype; 0 at the kinks")
def d_relu6(x: Array) -> Array:
    return _mask((x > 0) & (x < 6), x)


@hand("prelu", 0, "np.maximum(x, a·x) (a ≤ 1)")
def prelu(x: Array, a: float = 0.25) -> Array:
    return _leaky(x, a)


@hand("prelu", 1, "1 or a on the mask x > 0; a at 0")
def d_prelu(x: Array, a: float = 0.25) -> Array:
    return _mask(x > 0, x, 1.0, a)


@hand("rrelu", 0, "np.maximum(x, m·x), m = (lower + upper)/2 (the evaluation-mode slope)")
def rrelu(x: Array, lower: float = 0.125, upper: float = 1 / 3) -> Array:
    return _leaky(x, (lower + upper) / 2)


@hand("rrelu", 1, "1 or (lower + upper)/2 on the mask x > 0; the slope at 0")
def d_rrelu(x: Array, lower: float = 0.125, upper: float = 1 / 3) -> Array:
    return _mask(x > 0, x, 1.0, (lower + upper) / 2)


@hand("threshold", 0, "np.where(x > threshold, x, value)")
def threshold(x: Array, threshold: float = 1e-6, value: float = 0.0) -> Array:
    return np.where(x > threshold, x, value)


@hand("threshold", 1, "(x > threshold) as the dtype; 0 at the jump")
def d_threshold(x: Array, threshold: float = 1e-6, value: float = 0.0) -> Array:
    return _mask(x > threshold, x)


@hand("squared_relu", 0, "r = max(x, 0); r·r in place")
def squared_relu(x: Array) -> Array:
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        r *= r
    return r


@hand("squared_relu", 1, "2·max(x, 0), in place")
def d_squared_relu(x: Array) -> Array:
    r = np.maximum(x, 0.0)
    r *= 2
    return r


@hand("star_relu", 0, "r = max(x, 0); s·r² + b in place")
def star_relu(x: Array, s: float = 0.8944, b: float = -0.4472) -> Array:
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        r *= r
        r *= s
    r += b
    return r


@hand("star_relu", 1, "2s·max(x, 0), in place")
def d_star_relu(x: Array, s: float = 0.8944, b: float = -0.4472) -> Array:
    r = np.maximum(x, 0.0)
    r *= 2 * s
    return r


@hand("plu", 0, "y + alpha·(x − y) with y = clip(x, −c, c) (0 ≤ alpha ≤ 1; else the max/min form)")
def plu(x: Array, alpha: float = 0.1, c: float = 1.0) -> Array:
    if not 0 <= alpha <= 1:
        return np.maximum(alpha * (x + c) - c, np.minimum(x, alpha * (x - c) + c))
    y = np.clip(x, -float(c), float(c))
    return y + alpha * (x - y)


@hand("plu", 1, "1 or alpha on the mask |x| < c; alpha at the kinks")
def d_plu(x: Array, alpha: float = 0.1, c: float = 1.0) -> Array:
    return _mask(np.abs(x) < c, x, 1.0, alpha)


@hand("abs", 0, "np.abs(x)")
def abs_(x: Array) -> Array:
    return np.abs(x)


@hand("abs", 1, "np.sign(x); 0 at 0")
def d_abs(x: Array) -> Array:
    return np.sign(x)


# --- ELU-like ------------------------------------------------------------------------------


@hand("elu", 0, "np.where(x > 0, x, alpha·expm1(x))")
def elu(x: Array, alpha: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, x, _times(alpha, np.expm1(x)))


@hand("elu", 1, "np.where(x > 0, 1, alpha·exp(x)); alpha at 0")
def d_elu(x: Array, alpha: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, 1.0, _times(alpha, np.exp(x)))


@hand("celu", 0, "max(x, 0) + min(0, alpha·expm1(x/alpha)), the definition with expm1")
def celu(x: Array, alpha: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        neg = np.minimum(_times(alpha, np.expm1(_times(1 / alpha, x))), 0.0)
    neg += np.maximum(x, 0.0)
    return neg


@hand("celu", 1, "exp(min(x, 0)/alpha): 1 for x ≥ 0, exp(x/alpha) below; 1 at 0")
def d_celu(x: Array, alpha: float = 1.0) -> Array:
    return np.exp(_times(1 / alpha, np.minimum(x, 0.0)))


_SELU_ALPHA = 1.6732632423543772848170429916717
_SELU_SCALE = 1.0507009873554804934193349852946


@hand("selu", 0, "np.where(x > 0, scale·x, scale·alpha·expm1(x))")
def selu(x: Array, alpha: float = _SELU_ALPHA, scale: float = _SELU_SCALE) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, scale * x, (scale * alpha) * np.expm1(x))


@hand("selu", 1, "np.where(x > 0, scale, scale·alpha·exp(x)); scale·alpha at 0")
def d_selu(x: Array, alpha: float = _SELU_ALPHA, scale: float = _SELU_SCALE) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, scale, (scale * alpha) * np.exp(x))


@hand("pelu", 0, "np.where(x >= 0, (a/b)·x, a·expm1(x/b))")
def pelu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x >= 0, _times(a / b, x), _times(a, np.expm1(_times(1 / b, x))))


@hand("pelu", 1, "np.where(x > 0, a/b, (a/b)·exp(x/b)); a/b at 0")
def d_pelu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, a / b, _times(a / b, np.exp(_times(1 / b, x))))


@hand("isrlu", 0, "np.where(x >= 0, x, x/hypot(1, √alpha·x))")
def isrlu(x: Array, alpha: float = 1.0) -> Array:
    return np.where(x >= 0, x, x / np.hypot(1.0, _times(math.sqrt(alpha), x)))


@hand("isrlu", 1, "np.where(x > 0, 1, r³), r = 1/hypot(1, √alpha·x); 1 at 0")
def d_isrlu(x: Array, alpha: float = 1.0) -> Array:
    r = 1 / np.hypot(1.0, _times(math.sqrt(alpha), x))
    return np.where(x > 0, 1.0, r * r * r)


# --- softplus-like -------------------------------------------------------------------------


@hand("softplus", 0, "(max(u, 0) + log1p(exp(−|u|)))/beta, u = beta·x")
def softplus(x: Array, beta: float = 1.0) -> Array:
    return _times(1 / beta, _softplus(_times(beta, x)))


@hand("softplus", 1, "expit(beta·x)")
def d_softplus(x: Array, beta: float = 1.0) -> Array:
    return sc.expit(_times(beta, x))


@hand("logsigmoid", 0, "min(x, 0) − log1p(exp(−|x|)) = −softplus(−x) (scipy's log_expit is slower)")
def logsigmoid(x: Array) -> Array:
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


@hand("logsigmoid", 1, "expit(−x)")
def d_logsigmoid(x: Array) -> Array:
    return sc.expit(-x)


@hand("shifted_softplus", 0, "max(x, 0) + log1p(expm1(−|x|)/2): no cancellation near 0")
def shifted_softplus(x: Array) -> Array:
    return np.maximum(x, 0.0) + np.log1p(0.5 * np.expm1(-np.abs(x)))


@hand("shifted_softplus", 1, "expit(x)")
def d_shifted_softplus(x: Array) -> Array:
    return sc.expit(x)


@hand("squareplus", 0, "w = (hypot(x, √b) + |x|)/2; np.where(x >= 0, w, (b/4)/w)")
def squareplus(x: Array, b: float = 4.0) -> Array:
    w = np.hypot(x, math.sqrt(b))
    w += np.abs(x)
    w *= 0.5
    return np.where(x >= 0, w, (b / 4) / w)


@hand("squareplus", 1, "f/hypot(x, √b), f as squareplus's form")
def d_squareplus(x: Array, b: float = 4.0) -> Array:
    s = np.hypot(x, math.sqrt(b))
    w = 0.5 * (s + np.abs(x))
    return np.where(x >= 0, w, (b / 4) / w) / s


@hand("sparse_plus", 0, "np.where(x >= 1, x, clip(x + 1, 0, 2)²/4)")
def sparse_plus(x: Array) -> Array:
    t = np.clip(x + 1, 0.0, 2.0)
    return np.where(x >= 1, x, 0.25 * (t * t))


@hand("sparse_plus", 1, "clip(x + 1, 0, 2)/2, in place")
def d_sparse_plus(x: Array) -> Array:
    y = x + 1
    np.clip(y, 0.0, 2.0, out=y)
    y *= 0.5
    return y


# --- swish-like ----------------------------------------------------------------------------


@hand("silu", 0, "x·expit(x)")
def silu(x: Array) -> Array:
    return x * sc.expit(x)


@hand("silu", 1, "s = expit(x); s·(1 + x·(1 − s))")
def d_silu(x: Array) -> Array:
    s = sc.expit(x)
    return s * (1 + x * (1 - s))


@hand("swish_beta", 0, "x·expit(beta·x)")
def swish_beta(x: Array, beta: float = 1.0) -> Array:
    return x * sc.expit(_times(beta, x))


@hand("swish_beta", 1, "u = beta·x, s = expit(u); s·(1 + u·(1 − s))")
def d_swish_beta(x: Array, beta: float = 1.0) -> Array:
    u = _times(beta, x)
    s = sc.expit(u)
    return s * (1 + u * (1 - s))


@hand("gelu", 0, "x·ndtr(x)")
def gelu(x: Array) -> Array:
    return x * sc.ndtr(x)


@hand("gelu", 1, "ndtr(x) + x·exp(−x²/2)/√(2π)")
def d_gelu(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return sc.ndtr(x) + x * np.exp(-0.5 * (x * x)) * (1 / _SQRT_2PI)


_GELU_K, _GELU_C = 2 * math.sqrt(2 / math.pi), 0.044715


@hand(
    "gelu_tanh", 0, "x·expit(2u), u = √(2/π)(x + 0.044715x³): x(1 + tanh u)/2 without cancellation"
)
def gelu_tanh(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * sc.expit(_GELU_K * x * (1 + _GELU_C * (x * x)))


@hand("gelu_tanh", 1, "s = expit(2u); s + x·s(1 − s)·2u', x clipped to ±30 (where f' is 0 or 1)")
def d_gelu_tanh(x: Array) -> Array:
    x = np.clip(x, -30.0, 30.0)
    x2 = x * x
    s = sc.expit(_GELU_K * x * (1 + _GELU_C * x2))
    return s + x * (s * (1 - s)) * (_GELU_K * (1 + (3 * _GELU_C) * x2))


_GELU_SIG = 1.702


@hand("gelu_sigmoid", 0, "x·expit(1.702x)")
def gelu_sigmoid(x: Array) -> Array:
    return x * sc.expit(_GELU_SIG * x)


@hand("gelu_sigmoid", 1, "u = 1.702x, s = expit(u); s·(1 + u·(1 − s))")
def d_gelu_sigmoid(x: Array) -> Array:
    u = _GELU_SIG * x
    s = sc.expit(u)
    return s * (1 + u * (1 - s))


@hand("mish", 0, "x·n/(n + 2), n = e(e + 2), e = exp(min(x, 20)): tanh(softplus x) from one exp")
def mish(x: Array) -> Array:
    e = np.exp(np.minimum(x, 20.0))
    n = e * (e + 2)
    return x * (n / (n + 2))


@hand("mish", 1, "n/(n + 2) + 4x·e(1 + e)/(n + 2)², n = e(e + 2), e = exp(x), x ≤ 20")
def d_mish(x: Array) -> Array:
    x = np.minimum(x, 20.0)
    e = np.exp(x)
    n = e * (e + 2)
    q = n + 2
    return n / q + 4 * x * e * (1 + e) / (q * q)


@hand("hardswish", 0, "x·clip(x + 3, 0, 6)/6, in place")
def hardswish(x: Array) -> Array:
    y = x + 3
    np.clip(y, 0.0, 6.0, out=y)
    y *= x
    y /= 6
    return y


@hand("hardswish", 1, "(x + 3/2)/3 on the mask −3 < x < 3, plus (x ≥ 3); 0 at −3, 1 at 3")
def d_hardswish(x: Array) -> Array:
    d = x + 1.5
    d /= 3
    d *= (x > -3) & (x < 3)
    d += x >= 3
    return d


@hand("elish", 0, "np.where(x >= 0, x, expm1(x))·expit(x)")
def elish(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x >= 0, x, np.expm1(x)) * sc.expit(x)


@hand("elish", 1, "s·where(x >= 0, 1 + x(1 − s), eˣ + (eˣ − 1)(1 − s)), s = expit(x)")
def d_elish(x: Array) -> Array:
    s = sc.expit(x)
    t = 1 - s
    m = np.expm1(np.minimum(x, 0.0))
    return s * np.where(x >= 0, 1 + x * t, (m + 1) + m * t)


@hand("hard_elish", 0, "np.where(x >= 0, x, expm1(x))·clip(x + 1, 0, 2)/2")
def hard_elish(x: Array) -> Array:
    h = x + 1
    np.clip(h, 0.0, 2.0, out=h)
    h *= 0.5
    with np.errstate(over="ignore"):
        return np.where(x >= 0, x, np.expm1(x)) * h


@hand(
    "hard_elish",
    1,
    "where(x >= 0, where(x > 1, 1, x + 1/2), (eˣ(x + 2) − 1)/2·(x > −1)); left at ±1",
)
def d_hard_elish(x: Array) -> Array:
    neg = np.exp(np.minimum(x, 0.0)) * (x + 2) - 1
    neg *= 0.5
    neg *= x > -1
    return np.where(x >= 0, np.where(x > 1, 1.0, x + 0.5), neg)


# --- x·g(x) and others ---------------------------------------------------------------------


@hand("tanhexp", 0, "x·tanh(exp(x))")
def tanhexp(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * np.tanh(np.exp(x))


@hand("tanhexp", 1, "t + x·e·(1 − t²), e = exp(min(x, 20)), t = tanh e")
def d_tanhexp(x: Array) -> Array:
    e = np.exp(np.minimum(x, 20.0))
    t = np.tanh(e)
    return t + x * (e * (1 - t * t))


@hand("lisht", 0, "x·tanh(x)")
def lisht(x: Array) -> Array:
    return x * np.tanh(x)


@hand("lisht", 1, "t + x·(1 − t²), t = tanh x")
def d_lisht(x: Array) -> Array:
    t = np.tanh(x)
    return t + x * (1 - t * t)


@hand("serf", 0, "x·erf(softplus x), softplus stable")
def serf(x: Array) -> Array:
    return x * sc.erf(_softplus(x))


@hand("serf", 1, "erf(p) + x·2/√π·exp(−p²)·expit(x), p = softplus x")
def d_serf(x: Array) -> Array:
    p = _softplus(x)
    with np.errstate(over="ignore"):
        return sc.erf(p) + x * (_2_SQRT_PI * np.exp(-p * p)) * sc.expit(x)


@hand("logish", 0, "x·log1p(expit(x))")
def logish(x: Array) -> Array:
    return x * np.log1p(sc.expit(x))


@hand("logish", 1, "log1p(s) + x·s(1 − s)/(1 + s), s = expit(x)")
def d_logish(x: Array) -> Array:
    s = sc.expit(x)
    return np.log1p(s) + x * s * (1 - s) / (1 + s)


@hand("smish", 0, "x·tanh(log1p(expit(x)))")
def smish(x: Array) -> Array:
    return x * np.tanh(np.log1p(sc.expit(x)))


@hand("smish", 1, "T + x(1 − T²)·s(1 − s)/(1 + s), s = expit(x), T = tanh(log1p s)")
def d_smish(x: Array) -> Array:
    s = sc.expit(x)
    t = np.tanh(np.log1p(s))
    return t + x * (1 - t * t) * (s * (1 - s) / (1 + s))


@hand("gish", 0, "x·log1p(−expm1(−exp(x))): log(2 − e^(−eˣ)) without cancellation")
def gish(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * np.log1p(-np.expm1(-np.exp(x)))


@hand("gish", 1, "log1p(−m) + x·u(1 + m)/(1 − m), u = exp(min(x, 40)), m = expm1(−u)")
def d_gish(x: Array) -> Array:
    u = np.exp(np.minimum(x, 40.0))
    m = np.expm1(-u)
    return np.log1p(-m) + x * (u * (1 + m)) / (1 - m)


@hand("aptx", 0, "gamma·x·((alpha − 1) + 2·expit(2·beta·x)): alpha + tanh without cancellation")
def aptx(x: Array, alpha: float = 1.0, beta: float = 1.0, gamma: float = 0.5) -> Array:
    s = sc.expit(_times(2 * beta, x))
    if alpha == 1:
        return _times(2 * gamma, x * s)
    return gamma * x * ((alpha - 1) + 2 * s)


@hand("aptx", 1, "gamma·((alpha − 1) + 2s(1 + 2βx(1 − s))), s = expit(2βx)")
def d_aptx(x: Array, alpha: float = 1.0, beta: float = 1.0, gamma: float = 0.5) -> Array:
    u = _times(2 * beta, x)
    s = sc.expit(u)
    d = s * (1 + u * (1 - s))
    if alpha == 1:
        return _times(2 * gamma, d)
    return gamma * ((alpha - 1) + 2 * d)


# --- shrinkage, steps ----------------------------------------------------------------------


@hand("softshrink", 0, "x − clip(x, −lambd, lambd)")
def softshrink(x: Array, lambd: float = 0.5) -> Array:
    return x - np.clip(x, -float(lambd), float(lambd))


@hand("softshrink", 1, "(|x| > lambd) as the dtype; 0 at the kinks")
def d_softshrink(x: Array, lambd: float = 0.5) -> Array:
    return _mask(np.abs(x) > lambd, x)


@hand("hardshrink", 0, "x·(|x| > lambd)")
def hardshrink(x: Array, lambd: float = 0.5) -> Array:
    return x * (np.abs(x) > lambd)


@hand("hardshrink", 1, "(|x| > lambd) as the dtype; 0 at the jumps")
def d_hardshrink(x: Array, lambd: float = 0.5) -> Array:
    return _mask(np.abs(x) > lambd, x)


@hand("tanhshrink", 0, "x − tanh(x) (cancels for |x| < 1e−3)", cancels=1e-3)
def tanhshrink(x: Array) -> Array:
    return x - np.tanh(x)


@hand("tanhshrink", 1, "tanh(x)²")
def d_tanhshrink(x: Array) -> Array:
    t = np.tanh(x)
    return t * t


@hand("binary_step", 0, "(x >= 0) as the dtype")
def binary_step(x: Array) -> Array:
    return _mask(x >= 0, x)


@hand("binary_step", 1, "np.zeros_like(x); 0 at the jump")
def d_binary_step(x: Array) -> Array:
    return np.zeros_like(x)


@hand("sign", 0, "±1 on the mask x >= 0")
def sign(x: Array) -> Array:
    return _mask(x >= 0, x, 1.0, -1.0)


@hand("sign", 1, "np.zeros_like(x); 0 at the jump")
def d_sign(x: Array) -> Array:
    return np.zeros_like(x)


# --- periodic ------------------------------------------------------------------------------


@hand("sinusoid", 0, "np.sin(x)")
def sinusoid(x: Array) -> Array:
    return np.sin(x)


@hand("sinusoid", 1, "np.cos(x)")
def d_sinusoid(x: Array) -> Array:
    return np.cos(x)


@hand("siren", 0, "sin(w0·x) (NaN where w0·x overflows)")
def siren(x: Array, w0: float = 30.0) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.sin(w0 * x)


@hand("siren", 1, "w0·cos(w0·x) (NaN where w0·x overflows)")
def d_siren(x: Array, w0: float = 30.0) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        return w0 * np.cos(w0 * x)


@hand("sinc", 0, "sin(x)/x, 1 put at x = 0")
def sinc(x: Array) -> Array:
    with np.errstate(invalid="ignore"):
        y = np.sin(x) / x
    y[x == 0] = 1
    return y


@hand("sinc", 1, "(cos x − sin(x)/x)/x, 0 put at 0 (cancels for |x| < 1e−3)", cancels=1e-3)
def d_sinc(x: Array) -> Array:
    with np.errstate(invalid="ignore", divide="ignore"):
        y = (np.cos(x) - np.sin(x) / x) / x
    y[x == 0] = 0
    return y


@hand("gcu", 0, "x·cos(x)")
def gcu(x: Array) -> Array:
    return x * np.cos(x)


@hand("gcu", 1, "cos x − x·sin x")
def d_gcu(x: Array) -> Array:
    return np.cos(x) - x * np.sin(x)


@hand("snake", 0, "x + sin(a·x)²/a")
def snake(x: Array, a: float = 1.0) -> Array:
    s = np.sin(_times(a, x))
    s *= s
    return x + _times(1 / a, s)


@hand("snake", 1, "1 + sin(2a·x) (NaN where 2a·x overflows)")
def d_snake(x: Array, a: float = 1.0) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        return 1 + np.sin((2 * a) * x)


# --- others --------------------------------------------------------------------------------


@hand("identity", 0, "x.copy() (a new array, as every form returns)")
def identity(x: Array) -> Array:
    return x.copy()


@hand("identity", 1, "np.ones_like(x)")
def d_identity(x: Array) -> Array:
    return np.ones_like(x)


@hand("gaussian", 0, "exp(−x²)")
def gaussian(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(-x * x)


@hand("gaussian", 1, "−2x·exp(−x²)")
def d_gaussian(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return -2 * x * np.exp(-x * x)


@hand("exponential", 0, "np.exp(x)")
def exponential(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(x)


@hand("exponential", 1, "np.exp(x)")
def d_exponential(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(x)


@hand(
    "bent_identity",
    0,
    "x + x·(x/(h + 1))/2, h = hypot(x, 1): (√(x² + 1) − 1)/2 without cancellation",
)
def bent_identity(x: Array) -> Array:
    h = np.hypot(x, 1.0)
    h += 1
    with np.errstate(over="ignore"):
        return x + 0.5 * x * (x / h)


@hand("bent_identity", 1, "1 + x/(2·hypot(x, 1))")
def d_bent_identity(x: Array) -> Array:
    return 1 + 0.5 * x / np.hypot(x, 1.0)


@hand(
    "soft_exponential",
    0,
    "alpha > 0: alpha + expm1(alpha·x)/alpha; < 0: −log1p(−alpha(alpha + x))/alpha",
)
def soft_exponential(x: Array, alpha: float = 0.5) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        if alpha > 0:
            return alpha + np.expm1(_times(alpha, x)) / alpha
        if alpha < 0:
            return -np.log1p(-alpha * (alpha + x)) / alpha
        return x.copy()


@hand("soft_exponential", 1, "alpha > 0: exp(alpha·x); < 0: 1/(1 − alpha(alpha + x))")
def d_soft_exponential(x: Array, alpha: float = 0.5) -> Array:
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if alpha > 0:
            return np.exp(_times(alpha, x))
        if alpha < 0:
            return 1 / (1 - alpha * (alpha + x))
        return np.ones_like(x)


@hand("cube", 0, "x·x·x")
def cube(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * x * x


@hand("cube", 1, "3·x·x")
def d_cube(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return 3 * (x * x)
