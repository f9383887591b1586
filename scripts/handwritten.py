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


def _sigmoid_cubic(x: Array, k: float, c: float) -> Array:
    """x·expit(k·x(1 + c·x²)): GELU's tanh form (k = 2√(2/π)) and MLX's fit."""
    with np.errstate(over="ignore"):
        return x * sc.expit(k * x * (1 + c * (x * x)))


def _d_sigmoid_cubic(x: Array, k: float, c: float) -> Array:
    """Its derivative s + x·s(1 − s)·k(1 + 3c·x²), s = expit(k·x(1 + c·x²)), x clipped to ±30
    (where it is 0 or 1)."""
    x = np.clip(x, -30.0, 30.0)
    x2 = x * x
    s = sc.expit(k * x * (1 + c * x2))
    return s + x * (s * (1 - s)) * (k * (1 + (3 * c) * x2))


_GELU_K, _GELU_C = 2 * math.sqrt(2 / math.pi), 0.044715


@hand(
    "gelu_tanh", 0, "x·expit(2u), u = √(2/π)(x + 0.044715x³): x(1 + tanh u)/2 without cancellation"
)
def gelu_tanh(x: Array) -> Array:
    return _sigmoid_cubic(x, _GELU_K, _GELU_C)


@hand("gelu_tanh", 1, "s = expit(2u); s + x·s(1 − s)·2u', x clipped to ±30 (where f' is 0 or 1)")
def d_gelu_tanh(x: Array) -> Array:
    return _d_sigmoid_cubic(x, _GELU_K, _GELU_C)


_GELU_SIG = 1.702


@hand("gelu_sigmoid", 0, "x·expit(1.702x)")
def gelu_sigmoid(x: Array) -> Array:
    return x * sc.expit(_GELU_SIG * x)


@hand("gelu_sigmoid", 1, "u = 1.702x, s = expit(u); s·(1 + u·(1 − s))")
def d_gelu_sigmoid(x: Array) -> Array:
    u = _GELU_SIG * x
    s = sc.expit(u)
    return s * (1 + u * (1 - s))


_MLX_K, _MLX_C = 1.60033, 0.0433603


@hand("gelu_sigmoid_cubic", 0, "x·expit(u), u = 1.60033x(1 + 0.0433603x²)")
def gelu_sigmoid_cubic(x: Array) -> Array:
    return _sigmoid_cubic(x, _MLX_K, _MLX_C)


@hand("gelu_sigmoid_cubic", 1, "s = expit(u); s + x·s(1 − s)·u', x clipped to ±30")
def d_gelu_sigmoid_cubic(x: Array) -> Array:
    return _d_sigmoid_cubic(x, _MLX_K, _MLX_C)


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


# --- session 14, batch 0 -----------------------------------------------------------------


@hand("apa", 0, "lambd = 1: expit(kappa·x); else exp(−softplus(v)/lambd), v = log lambd − kappa·x")
def apa(x: Array, lambd: float = 1.0, kappa: float = 1.0) -> Array:
    u = _times(kappa, x)
    if lambd == 1:
        return sc.expit(u)
    return np.exp(_softplus(math.log(lambd) - u) * (-1 / lambd))


@hand(
    "apa",
    1,
    "u = kappa·x; lambd = 1: kappa·e/(1 + e)², e = exp(−|u|); else kappa/lambd·f·expit(v)",
)
def d_apa(x: Array, lambd: float = 1.0, kappa: float = 1.0) -> Array:
    u = _times(kappa, x)
    if lambd == 1:
        e = np.exp(-np.abs(u))
        p = 1 + e
        return _times(kappa, e / (p * p))
    v = math.log(lambd) - u
    return (kappa / lambd) * np.exp(_softplus(v) * (-1 / lambd)) * sc.expit(v)


@hand("loglog", 0, "exp(−exp(−x))")
def loglog(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(-np.exp(-x))


@hand("loglog", 1, "exp(−x − exp(−x)): 0, not inf·0, where exp(−x) overflows")
def d_loglog(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(-x - np.exp(-x))


@hand("hard_sigmoid_affine", 0, "clip(alpha·x + beta, 0, 1), in place")
def hard_sigmoid_affine(x: Array, alpha: float = 0.2, beta: float = 0.5) -> Array:
    y = alpha * x
    y += beta
    np.clip(y, 0.0, 1.0, out=y)
    return y


@hand("hard_sigmoid_affine", 1, "alpha on the mask 0 < alpha·x + beta < 1; 0 at the kinks")
def d_hard_sigmoid_affine(x: Array, alpha: float = 0.2, beta: float = 0.5) -> Array:
    y = alpha * x + beta
    return _mask((y > 0) & (y < 1), x, alpha)


@hand("steepened_sigmoid", 0, "expit(4.9x)")
def steepened_sigmoid(x: Array) -> Array:
    return sc.expit(4.9 * x)


@hand("steepened_sigmoid", 1, "4.9·e/(1 + e)², e = exp(−|4.9x|)")
def d_steepened_sigmoid(x: Array) -> Array:
    e = np.exp(-4.9 * np.abs(x))
    p = 1 + e
    return 4.9 * e / (p * p)


@hand("nlrelu", 0, "log1p(beta·max(x, 0))")
def nlrelu(x: Array, beta: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.log1p(_times(beta, np.maximum(x, 0.0)))


@hand("nlrelu", 1, "(x > 0)/(max(x, 0) + 1/beta); 0 at 0")
def d_nlrelu(x: Array, beta: float = 1.0) -> Array:
    r = np.maximum(x, 0.0)
    r += 1 / beta
    return _mask(x > 0, x) / r


@hand("polyrelu", 0, "r = max(x, 0); r·((r(r + 1) + 1)/3), in place (÷3 before the last ×r)")
def polyrelu(x: Array) -> Array:
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        y = r + 1
        y *= r
        y += 1
        y /= 3
        y *= r
    return y


@hand("polyrelu", 1, "r = max(x, 0); (r(r + 2/3) + 1/3)·(x > 0), in place; 0 at 0")
def d_polyrelu(x: Array) -> Array:
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        d = r + 2 / 3
        d *= r
    d += 1 / 3
    d *= x > 0
    return d


@hand("m_qrelu", 0, "np.maximum(x, −0.99x) (x above 0, −0.99x below)")
def m_qrelu(x: Array) -> Array:
    return np.maximum(x, -0.99 * x)


@hand("m_qrelu", 1, "1 or −0.99 on the mask x > 0; −0.99 at 0")
def d_m_qrelu(x: Array) -> Array:
    return _mask(x > 0, x, 1.0, -0.99)


@hand("serlu", 0, "np.where(x >= 0, scale·x, scale·alpha·x·exp(x))")
def serlu(x: Array, scale: float = 1.07862, alpha: float = 2.90427) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x >= 0, scale * x, (scale * alpha) * x * np.exp(x))


@hand("serlu", 1, "np.where(x >= 0, scale, scale·alpha·(x + 1)·exp(x)); scale at 0")
def d_serlu(x: Array, scale: float = 1.07862, alpha: float = 2.90427) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x >= 0, scale, (scale * alpha) * (x + 1) * np.exp(x))


@hand("smelu", 0, "np.where(x >= beta, x, clip(x + beta, 0, 2beta)²/(4beta))")
def smelu(x: Array, beta: float = 2.0) -> Array:
    t = np.clip(x + beta, 0.0, 2.0 * beta)
    return np.where(x >= beta, x, (1 / (4 * beta)) * (t * t))


@hand("smelu", 1, "clip(x + beta, 0, 2beta)/(2beta), in place")
def d_smelu(x: Array, beta: float = 2.0) -> Array:
    y = x + beta
    np.clip(y, 0.0, 2.0 * beta, out=y)
    y *= 1 / (2 * beta)
    return y


@hand("hard_mish", 0, "x·clip(x + 2, 0, 2)/2, in place (halved before the product)")
def hard_mish(x: Array) -> Array:
    y = x + 2
    np.clip(y, 0.0, 2.0, out=y)
    y *= 0.5
    y *= x
    return y


@hand("hard_mish", 1, "min(x + 1, 1)·(x > −2), in place; 0 at −2")
def d_hard_mish(x: Array) -> Array:
    d = x + 1
    np.minimum(d, 1.0, out=d)
    d *= x > -2
    return d


@hand("phish", 0, "x·tanh(x·ndtr(x))")
def phish(x: Array) -> Array:
    return x * np.tanh(x * sc.ndtr(x))


@hand("phish", 1, "tanh u + x(x·φ(x) + ndtr x)·sech²u, u = x·ndtr(x), sech² one-exp")
def d_phish(x: Array) -> Array:
    c = sc.ndtr(x)
    u = x * c
    with np.errstate(over="ignore"):
        pdf = np.exp(-0.5 * (x * x)) * (1 / _SQRT_2PI)
    return np.tanh(u) + x * (x * pdf + c) * _sech2(u)


@hand("swish_t", 0, "x·expit(beta·x) + alpha·tanh(x)")
def swish_t(x: Array, beta: float = 1.0, alpha: float = 0.1) -> Array:
    return x * sc.expit(_times(beta, x)) + _times(alpha, np.tanh(x))


@hand("swish_t", 1, "u = beta·x, s = expit(u); s·(1 + u(1 − s)) + alpha·sech²x (one-exp form)")
def d_swish_t(x: Array, beta: float = 1.0, alpha: float = 0.1) -> Array:
    u = _times(beta, x)
    s = sc.expit(u)
    return s * (1 + u * (1 - s)) + _times(alpha, _sech2(x))


def _softplus_b0(b: float) -> float:
    """log(1 + eᵇ) of a Python float, without overflow."""
    return max(b, 0.0) + math.log1p(math.exp(-abs(b)))


@hand("lipswish", 0, "(10/11)·x·expit(c·x), c = softplus(b)")
def lipswish(x: Array, b: float = 0.5) -> Array:
    return (10 / 11) * x * sc.expit(_softplus_b0(b) * x)


@hand("lipswish", 1, "u = c·x, s = expit(u); (10/11)·s·(1 + u(1 − s)), c = softplus(b)")
def d_lipswish(x: Array, b: float = 0.5) -> Array:
    u = _softplus_b0(b) * x
    s = sc.expit(u)
    return (10 / 11) * s * (1 + u * (1 - s))


@hand("rehsec", 0, "x·2e/(1 + e²), e = exp(−|x|): x·sech x without overflow of cosh")
def rehsec(x: Array) -> Array:
    e = np.exp(-np.abs(x))
    return 2 * x * e / (1 + e * e)


@hand("rehsec", 1, "sech x·(1 − x·tanh x), sech x = 2e/(1 + e²), e = exp(−|x|)")
def d_rehsec(x: Array) -> Array:
    e = np.exp(-np.abs(x))
    return 2 * e / (1 + e * e) * (1 - x * np.tanh(x))


@hand("tanhsoft1", 0, "tanh(alpha·x)·softplus(x), softplus stable")
def tanhsoft1(x: Array, alpha: float = 0.87) -> Array:
    return np.tanh(_times(alpha, x)) * _softplus(x)


@hand("tanhsoft1", 1, "tanh(alpha·x)·expit(x) + alpha·sech²(alpha·x)·softplus(x)")
def d_tanhsoft1(x: Array, alpha: float = 0.87) -> Array:
    u = _times(alpha, x)
    return np.tanh(u) * sc.expit(x) + _times(alpha, _sech2(u) * _softplus(x))


@hand("i_gelu", 0, "h = (a/2)·min(|x|/√2 + b, 0)²; np.where(x >= 0, x·(1 + h), −x·h)")
def i_gelu(x: Array, a: float = -0.2888, b: float = -1.769) -> Array:
    u = np.minimum(np.abs(x) * math.sqrt(0.5) + b, 0.0)
    h = (a / 2) * (u * u)
    return np.where(x >= 0, x * (1 + h), -x * h)


@hand(
    "i_gelu",
    1,
    "g = a·u(u/2 + |x|/√2), u = min(|x|/√2 + b, 0); where(x >= 0, 1 + g, −g); the right side at 0",
)
def d_i_gelu(x: Array, a: float = -0.2888, b: float = -1.769) -> Array:
    v = np.abs(x) * math.sqrt(0.5)
    u = np.minimum(v + b, 0.0)
    g = a * u * (0.5 * u + v)
    return np.where(x >= 0, 1 + g, -g)


@hand("shrink", 0, "x·(|x| > lambd) at bias = 0, else (x − bias·sign x)·(|x| > lambd)")
def shrink(x: Array, lambd: float = 0.5, bias: float = 0.0) -> Array:
    m = np.abs(x) > lambd
    if bias:
        return (x - bias * np.sign(x)) * m
    return x * m


@hand("shrink", 1, "(|x| > lambd) as the dtype; 0 at the jumps")
def d_shrink(x: Array, lambd: float = 0.5, bias: float = 0.0) -> Array:
    return _mask(np.abs(x) > lambd, x)


@hand("expsin", 0, "exp(−sin(a·x))")
def expsin(x: Array, a: float = 1.0) -> Array:
    return np.exp(-np.sin(_times(a, x)))


@hand("expsin", 1, "−a·cos(a·x)·exp(−sin(a·x))")
def d_expsin(x: Array, a: float = 1.0) -> Array:
    u = _times(a, x)
    return _times(-a, np.cos(u) * np.exp(-np.sin(u)))


@hand("cosine", 0, "np.cos(x)")
def cosine(x: Array) -> Array:
    return np.cos(x)


@hand("cosine", 1, "−np.sin(x)")
def d_cosine(x: Array) -> Array:
    return -np.sin(x)


@hand("inv_quadratic", 0, "1/(1 + u²), u = a·x")
def inv_quadratic(x: Array, a: float = 1.0) -> Array:
    u = _times(a, x)
    with np.errstate(over="ignore"):
        return 1 / (1 + u * u)


@hand("inv_quadratic", 1, "−2a·(u·r)·r, u = a·x, r = 1/(1 + u²): no overflow of (1 + u²)²")
def d_inv_quadratic(x: Array, a: float = 1.0) -> Array:
    u = _times(a, x)
    with np.errstate(over="ignore"):
        r = 1 / (1 + u * u)
    return (-2 * a) * (u * r) * r


@hand("squ", 0, "x·(x + 1)")
def squ(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * (x + 1)


@hand("squ", 1, "2x + 1")
def d_squ(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return 2 * x + 1


@hand(
    "hyper_sinh",
    0,
    "np.where(x > 0, ((2/3)sinh(x/2))·cosh(x/2), (x/4)·x·x): finite wherever sinh(x)/3 is",
)
def hyper_sinh(x: Array) -> Array:
    h = 0.5 * x
    with np.errstate(over="ignore"):
        return np.where(x > 0, (2 / 3) * np.sinh(h) * np.cosh(h), (0.25 * x) * x * x)


@hand(
    "hyper_sinh",
    1,
    "np.where(x > 0, exp(x − ln 6) + exp(−x)/6, (0.75x)·x): cosh(x)/3 without overflow; 0 at 0",
)
def d_hyper_sinh(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, np.exp(x - math.log(6)) + np.exp(-x) / 6, (0.75 * x) * x)


@hand("thin_plate_spline", 0, "scipy.special.xlogy(x·x, |x|): x²·log|x|, 0 at 0")
def thin_plate_spline(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return sc.xlogy(x * x, np.abs(x))


@hand("thin_plate_spline", 1, "2·xlogy(x, |x|) + x: x(2 log|x| + 1), 0 at 0")
def d_thin_plate_spline(x: Array) -> Array:
    return 2 * sc.xlogy(x, np.abs(x)) + x


# --- session 14, batch 1 -----------------------------------------------------------------


@hand(
    "soft_clipping",
    0,
    "log((1 + eᵘ)/(1 + eᵘ⁻ᵖ))/p, u = p·x, from e = exp(−|u|): log1p(k·e/(1 + c·e)) (u ≤ 0), "
    "−log1p(−k/(1 + e)) (u > 0), c = e⁻ᵖ, k = 1 − c",
)
def soft_clipping(x: Array, p: float = 0.5) -> Array:
    u = _times(p, x)
    e = np.exp(-np.abs(u))
    c = math.exp(-p)
    k = -math.expm1(-p)
    with np.errstate(divide="ignore"):
        y = np.where(u > 0, -np.log1p(-k / (1 + e)), np.log1p(k * e / (1 + c * e)))
    return _times(1 / p, y)


@hand("soft_clipping", 1, "σ(u) − σ(u − p) = (1 − e⁻ᵖ)·expit(u)·expit(p − u), u = p·x")
def d_soft_clipping(x: Array, p: float = 0.5) -> Array:
    u = _times(p, x)
    return -math.expm1(-p) * sc.expit(u) * sc.expit(p - u)


@hand(
    "aranda_ordaz",
    0,
    "−expm1(−softplus(x + log lambd)/lambd): 1 − (1 + lambd·eˣ)^(−1/lambd) without cancellation",
)
def aranda_ordaz(x: Array, lambd: float = 2.0) -> Array:
    return -np.expm1(_times(-1 / lambd, _softplus(x + math.log(lambd))))


@hand("aranda_ordaz", 1, "exp(x − (1 + 1/lambd)·softplus(x + log lambd)): no overflow")
def d_aranda_ordaz(x: Array, lambd: float = 2.0) -> Array:
    return np.exp(x - (1 + 1 / lambd) * _softplus(x + math.log(lambd)))


@hand("elliott_sigmoid", 0, "(1/2 + max(x, 0))/(1 + |x|): x/(2(1 + |x|)) + 1/2, no cancellation")
def elliott_sigmoid(x: Array) -> Array:
    return (0.5 + np.maximum(x, 0.0)) / (1 + np.abs(x))


@hand("elliott_sigmoid", 1, "1/(2(1 + |x|)²)")
def d_elliott_sigmoid(x: Array) -> Array:
    p = 1 + np.abs(x)
    with np.errstate(over="ignore"):
        return 0.5 / (p * p)


@hand("elliot2_sigmoid", 0, "r·|r|, r = x/hypot(1, x): x·|x|/(1 + x²) without overflow of x²")
def elliot2_sigmoid(x: Array) -> Array:
    r = x / np.hypot(1.0, x)
    return r * np.abs(r)


@hand("elliot2_sigmoid", 1, "2|x|·s·s, s = 1/(1 + x²)")
def d_elliot2_sigmoid(x: Array) -> Array:
    with np.errstate(over="ignore"):
        s = 1 / (1 + x * x)
    return 2 * np.abs(x) * s * s


def _arelu_slopes_b1(alpha: float, beta: float) -> tuple[float, float]:
    """arelu's slopes: 1 + σ(beta) for x ≥ 0, alpha clipped to [0.01, 0.99] below."""
    return 1 + float(sc.expit(beta)), min(0.99, max(0.01, alpha))


@hand("arelu", 0, "a·max(x, (b/a)·x), a = 1 + σ(beta) > 1, b = clip(alpha, 0.01, 0.99) < a")
def arelu(x: Array, alpha: float = 0.9, beta: float = 2.0) -> Array:
    a, b = _arelu_slopes_b1(alpha, beta)
    y = _leaky(x, b / a)
    with np.errstate(over="ignore"):
        y *= a
    return y


@hand("arelu", 1, "1 + σ(beta) or clip(alpha, 0.01, 0.99) on the mask x >= 0; 1 + σ(beta) at 0")
def d_arelu(x: Array, alpha: float = 0.9, beta: float = 2.0) -> Array:
    a, b = _arelu_slopes_b1(alpha, beta)
    return _mask(x >= 0, x, a, b)


@hand("flexible_relu", 0, "max(x, 0) + b (b = 0 skipped)")
def flexible_relu(x: Array, b: float = 0.0) -> Array:
    y = np.maximum(x, 0.0)
    if b:
        y += b
    return y


@hand("flexible_relu", 1, "(x > 0) as the dtype; 0 at 0")
def d_flexible_relu(x: Array, b: float = 0.0) -> Array:
    return _mask(x > 0, x)


@hand("capped_leaky_relu", 0, "min(max(x, negative_slope·x), cap), in place (slope ≤ 1)")
def capped_leaky_relu(x: Array, negative_slope: float = 0.01, cap: float = 1.0) -> Array:
    y = _leaky(x, negative_slope)
    np.minimum(y, cap, out=y)
    return y


@hand(
    "capped_leaky_relu",
    1,
    "1 or negative_slope on the mask x > 0, times x < cap (cap > 0); negative_slope at 0, 0 at cap",
)
def d_capped_leaky_relu(x: Array, negative_slope: float = 0.01, cap: float = 1.0) -> Array:
    d = _mask(x > 0, x, 1.0, negative_slope)
    d *= x < cap
    return d


@hand(
    "xielu",
    0,
    "np.where(x > 0, x(alpha_p·x + beta), alpha_n·expm1(min(x, eps)) + (beta − alpha_n)·x)",
)
def xielu(
    x: Array, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6
) -> Array:
    with np.errstate(over="ignore"):
        pos = x * (alpha_p * x + beta)
    neg = alpha_n * np.expm1(np.minimum(x, eps)) + (beta - alpha_n) * x
    return np.where(x > 0, pos, neg)


@hand(
    "xielu",
    1,
    "np.where(x > 0, 2alpha_p·x + beta, alpha_n·eˣ·(x < eps) + beta − alpha_n); "
    "beta − alpha_n at 0 and at eps",
)
def d_xielu(
    x: Array, alpha_p: float = 0.8, alpha_n: float = 0.8, beta: float = 0.5, eps: float = -1e-6
) -> Array:
    neg = _times(alpha_n, np.exp(np.minimum(x, 0.0)))
    neg *= x < eps
    neg += beta - alpha_n
    return np.where(x > 0, (2 * alpha_p) * x + beta, neg)


# log(1 + e⁻¹) − 0.313261687 (so swoosh_r(0)), to 16 digits: the sum would lose 7 of them.
_SWOOSH_R_0_b1 = 5.182228340489955e-10
_SIG_1_b1, _SIG_M1_b1 = 1 / (1 + math.exp(-1)), 1 / (1 + math.exp(1))


@hand(
    "swoosh_r",
    0,
    "softplus(x − 1) − softplus(−1) as max(x, 0) + log1p(σ(±1)·expm1(−|x|)), "
    "− 0.08x + swoosh_r(0): no cancellation near 0",
)
def swoosh_r(x: Array) -> Array:
    m = np.expm1(-np.abs(x))
    m *= _mask(x >= 0, x, _SIG_1_b1, _SIG_M1_b1)
    y = np.log1p(m)
    y += np.maximum(x, 0.0)
    y -= 0.08 * x
    y += _SWOOSH_R_0_b1
    return y


@hand("swoosh_r", 1, "expit(x − 1) − 0.08")
def d_swoosh_r(x: Array) -> Array:
    return sc.expit(x - 1) - 0.08


@hand("flatten_t_swish", 0, "max(x, 0)·expit(x) + t")
def flatten_t_swish(x: Array, t: float = -0.2) -> Array:
    y = np.maximum(x, 0.0)
    y *= sc.expit(x)
    y += t
    return y


@hand("flatten_t_swish", 1, "s·(1 + x(1 − s))·(x >= 0), s = expit(x); 1/2 at 0")
def d_flatten_t_swish(x: Array, t: float = -0.2) -> Array:
    s = sc.expit(x)
    d = s * (1 + x * (1 - s))
    d *= x >= 0
    return d


@hand("sinlu", 0, "(x + a·sin(b·x))·expit(x)")
def sinlu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    return (x + _times(a, np.sin(_times(b, x)))) * sc.expit(x)


@hand("sinlu", 1, "s·(1 + ab·cos(bx) + (x + a·sin(bx))(1 − s)), s = expit(x)")
def d_sinlu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    bx = _times(b, x)
    s = sc.expit(x)
    return s * (1 + _times(a * b, np.cos(bx)) + (x + _times(a, np.sin(bx))) * (1 - s))


@hand(
    "swish_t_c",
    0,
    "x·expit(beta·x) + (alpha/beta)·tanh(beta·x/2): (x + 2alpha/beta)σ(beta·x) − alpha/beta "
    "without cancellation at 0",
)
def swish_t_c(x: Array, beta: float = 1.0, alpha: float = 0.1) -> Array:
    u = _times(beta, x)
    return x * sc.expit(u) + (alpha / beta) * np.tanh(0.5 * u)


@hand("swish_t_c", 1, "u = beta·x, s = expit(u); s·(1 + (u + 2alpha)(1 − s))")
def d_swish_t_c(x: Array, beta: float = 1.0, alpha: float = 0.1) -> Array:
    u = _times(beta, x)
    s = sc.expit(u)
    return s * (1 + (u + 2 * alpha) * (1 - s))


@hand("calu", 0, "x·arctan2(1, −x)/π: x(arctan(x)/π + 1/2) without cancellation as x → −∞")
def calu(x: Array) -> Array:
    return x * np.arctan2(1.0, -x) * (1 / math.pi)


@hand(
    "calu",
    1,
    "(arctan2(1, −x) + x/(1 + x²))/π; for x < −20, where the two cancel, "
    "betainc(3/2, 1/2, 1/(1 + x²))/2 (f' = ∫ 2/(π(1 + t²)²) from −∞ to x)",
)
def d_calu(x: Array) -> Array:
    r = 1 / np.hypot(1.0, x)
    y = np.arctan2(1.0, -x)
    y += (x * r) * r
    y *= 1 / math.pi
    tail = x < -20
    if tail.any():
        t = x[tail]
        with np.errstate(over="ignore"):
            y[tail] = 0.5 * sc.betainc(1.5, 0.5, 1 / (1 + t * t))
    return y


_LOG2_b1 = math.log(2)


@hand("eanaf", 0, "x·expit(x − log 2): x·eˣ/(eˣ + 2)")
def eanaf(x: Array) -> Array:
    return x * sc.expit(x - _LOG2_b1)


@hand("eanaf", 1, "s = expit(x − log 2); s·(1 + x(1 − s))")
def d_eanaf(x: Array) -> Array:
    s = sc.expit(x - _LOG2_b1)
    return s * (1 + x * (1 - s))


@hand("tanhsoft2", 0, "x·tanh(beta·exp(gamma·x))")
def tanhsoft2(x: Array, beta: float = 0.6, gamma: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return x * np.tanh(beta * np.exp(_times(gamma, x)))


@hand(
    "tanhsoft2",
    1,
    "t + g·(u(1 − t²)), g = gamma·x, u = beta·exp(min(g, 40)), t = tanh u",
)
def d_tanhsoft2(x: Array, beta: float = 0.6, gamma: float = 1.0) -> Array:
    g = _times(gamma, x)
    u = beta * np.exp(np.minimum(g, 40.0))
    t = np.tanh(u)
    d = u * (1 - t * t)
    d *= g
    d += t
    return d


@hand(
    "eis",
    0,
    "(x/D)·softplus(x)^alpha, D = hypot(√beta, √gamma·x) (+ delta·exp(−theta·x) if delta ≠ 0)",
)
def eis(
    x: Array,
    alpha: float = 1.0,
    beta: float = 1.0,
    gamma: float = 1.0,
    delta: float = 0.0,
    theta: float = 1.0,
) -> Array:
    p = _softplus(x)
    if alpha != 1:
        p **= alpha
    d = np.hypot(math.sqrt(beta), _times(math.sqrt(gamma), x))
    if delta:
        with np.errstate(over="ignore"):
            d += delta * np.exp(_times(-theta, x))
    return x / d * p


@hand(
    "eis",
    1,
    "P^(alpha−1)·(alpha·x·s + P·(beta/q + E(1 + theta·x))/D)/D, P = softplus x, s = expit x, "
    "q = hypot(√beta, √gamma·x), E = delta·exp(−theta·x), D = q + E",
)
def d_eis(
    x: Array,
    alpha: float = 1.0,
    beta: float = 1.0,
    gamma: float = 1.0,
    delta: float = 0.0,
    theta: float = 1.0,
) -> Array:
    p = _softplus(x)
    q = np.hypot(math.sqrt(beta), _times(math.sqrt(gamma), x))
    with np.errstate(over="ignore", invalid="ignore"):
        if delta:
            e = delta * np.exp(_times(-theta, x))
            den = q + e
            n = p * (beta / q + e * (1 + _times(theta, x))) / den
        else:
            den = q
            n = p * (beta / q) / q
        n += _times(alpha, x * sc.expit(x))
        n /= den
        if alpha != 1:
            n *= p ** (alpha - 1)
    return n


@hand("snake_beta", 0, "x + sin(alpha·x)²/beta")
def snake_beta(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    s = np.sin(_times(alpha, x))
    s *= s
    return x + _times(1 / beta, s)


@hand("snake_beta", 1, "1 + (alpha/beta)·sin(2alpha·x) (NaN where 2alpha·x overflows)")
def d_snake_beta(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        return 1 + _times(alpha / beta, np.sin((2 * alpha) * x))


def _pi_b1(x: Array) -> tuple[Any, Any]:
    """π in x's dtype and the rest of π, for π − |x| to full accuracy near |x| = π."""
    hi = x.dtype.type(math.pi)
    return hi, x.dtype.type((math.pi - float(hi)) + 1.2246467991473532e-16)


def _dsu_d_b1(x: Array) -> Array:
    """π² − x² as (π − |x|)(π + |x|), π − |x| with the rest of π."""
    hi, lo = _pi_b1(x)
    a = np.abs(x)
    with np.errstate(over="ignore"):
        return ((hi - a) + lo) * (hi + a)


@hand(
    "dsu",
    0,
    "π²·sin(x)/((π − |x|)(π + |x|)), π − |x| with the rest of π: π/2 at ±π without a case",
)
def dsu(x: Array) -> Array:
    return (math.pi**2) * np.sin(x) / _dsu_d_b1(x)


@hand(
    "dsu",
    1,
    "π²(cos x + 2x·sin(x)/d)/d, d = π² − x² as in f; within 0.01 of ±π, where that cancels, "
    "(π/2)(j1(π − |x|) + j1(π + |x|)) with scipy's spherical_jn",
)
def d_dsu(x: Array) -> Array:
    d = _dsu_d_b1(x)
    with np.errstate(invalid="ignore", divide="ignore"):
        y = np.cos(x) + 2 * x * np.sin(x) / d
        y *= math.pi**2
        y /= d
    a = np.abs(x)
    near = np.abs(a - math.pi) < 0.01
    if near.any():
        hi, lo = _pi_b1(x)
        b = a[near]
        j = sc.spherical_jn(1, (hi - b) + lo) + sc.spherical_jn(1, hi + b)
        y[near] = (math.pi / 2) * j
    return y


@hand("h_siren", 0, "sin(sinh(2x)) (NaN where sinh(2x) overflows)")
def h_siren(x: Array) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.sin(np.sinh(2 * x))


@hand("h_siren", 1, "2cos(sinh(2x))·cosh(2x) (NaN where sinh(2x) overflows)")
def d_h_siren(x: Array) -> Array:
    u = 2 * x
    with np.errstate(over="ignore", invalid="ignore"):
        return 2 * np.cos(np.sinh(u)) * np.cosh(u)


@hand("multiquadratic", 0, "1/hypot(1, a·x)")
def multiquadratic(x: Array, a: float = 1.0) -> Array:
    return 1 / np.hypot(1.0, _times(a, x))


@hand("multiquadratic", 1, "−a·(u·r)·r², u = a·x, r = 1/hypot(1, u): −a²x/(1 + a²x²)^(3/2)")
def d_multiquadratic(x: Array, a: float = 1.0) -> Array:
    u = _times(a, x)
    r = 1 / np.hypot(1.0, u)
    return _times(-a, u * r) * (r * r)


@hand(
    "logcosh",
    0,
    "np.where(|x| < 1, log1p(2sinh²(x/2)), |x| + log1p(expm1(−2|x|)/2)): no cancellation near 0",
)
def logcosh(x: Array) -> Array:
    a = np.abs(x)
    with np.errstate(over="ignore"):
        s = np.sinh(0.5 * x)
        small = np.log1p(2 * (s * s))
    return np.where(a < 1, small, a + np.log1p(0.5 * np.expm1(-2 * a)))


@hand("logcosh", 1, "np.tanh(x)")
def d_logcosh(x: Array) -> Array:
    return np.tanh(x)


@hand("multiquadric", 0, "np.hypot(x, 1)")
def multiquadric(x: Array) -> Array:
    return np.hypot(x, 1.0)


@hand("multiquadric", 1, "x/hypot(x, 1)")
def d_multiquadric(x: Array) -> Array:
    return x / np.hypot(x, 1.0)


@hand(
    "seagull",
    0,
    "2·log1p(x·x/(1 + hypot(x, 1))): 2·log(hypot(x, 1)) without cancellation or overflow",
)
def seagull(x: Array) -> Array:
    h = np.hypot(x, 1.0)
    h += 1
    return 2 * np.log1p(x * (x / h))


@hand("seagull", 1, "2(x·r)·r, r = 1/hypot(x, 1): 2x/(1 + x²) without overflow of x²")
def d_seagull(x: Array) -> Array:
    r = 1 / np.hypot(x, 1.0)
    return 2 * (x * r) * r


# --- session 14, batch 2 -----------------------------------------------------------------


@hand("probit", 0, "ndtr(x)")
def probit(x: Array) -> Array:
    return sc.ndtr(x)


@hand("probit", 1, "exp(−x²/2)/√(2π)")
def d_probit(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(-0.5 * (x * x)) * (1 / _SQRT_2PI)


@hand("smoothstep", 0, "t²(3 − 2t), t = clip(x/gamma, −1/2, 1/2) + 1/2: exact as f → 0 at −gamma/2")
def smoothstep(x: Array, gamma: float = 1.0) -> Array:
    t = np.clip(_times(1 / gamma, x), -0.5, 0.5)
    t += 0.5
    y = t * t
    t *= -2
    t += 3
    y *= t
    return y


@hand("smoothstep", 1, "(6/gamma)(1/2 + y)(1/2 − y), y = clip(x/gamma, −1/2, 1/2); 0 at the kinks")
def d_smoothstep(x: Array, gamma: float = 1.0) -> Array:
    y = np.clip(_times(1 / gamma, x), -0.5, 0.5)
    return (6 / gamma) * (0.5 + y) * (0.5 - y)


@hand("plse", 0, "y/8 + 1/2 + (x − y)/100 with y = clip(x, −4, 4)")
def plse(x: Array) -> Array:
    y = np.clip(x, -4.0, 4.0)
    d = x - y
    d *= 0.01
    y *= 0.125
    y += 0.5
    y += d
    return y


@hand("plse", 1, "1/8 or 1/100 on the mask |x| <= 4; 1/8 at the kinks")
def d_plse(x: Array) -> Array:
    return _mask(np.abs(x) <= 4, x, 0.125, 0.01)


_UFS_A, _UFS_B, _UFS_C = 0.02294064733985825, 0.857410869647581, 0.99505475368673


@hand(
    "ultra_fast_sigmoid",
    0,
    "(1 + copysign(g, x))/2, g = where(|x| <= 3.4, 1.5|x|/(|x| + 2), min(A|x| + B, C)),"
    " Theano's A, B, C (|x| ≤ fl(3.4) is |x| < 17/5)",
)
def ultra_fast_sigmoid(x: Array) -> Array:
    a = np.abs(x)
    g = np.where(a <= 3.4, 1.5 * (a / (a + 2)), np.minimum(_UFS_A * a + _UFS_B, _UFS_C))
    np.copysign(g, x, out=g)
    g *= 0.5
    g += 0.5
    return g


@hand(
    "ultra_fast_sigmoid",
    1,
    "where(|x| <= 3.4, 1.5/(|x| + 2)², A/2·(|x| < 6)); 0 at ±6 (the outer side)",
)
def d_ultra_fast_sigmoid(x: Array) -> Array:
    a = np.abs(x)
    p = a + 2
    with np.errstate(over="ignore"):
        return np.where(a <= 3.4, 1.5 / (p * p), _mask(a < 6, x, 0.5 * _UFS_A))


def _melu_hats_b2(m: float, beta: float, gamma: float, delta: float) -> list[tuple[float, ...]]:
    """(weight, start, middle, end) of MeLU's hats with a nonzero weight (max_input m > 0)."""
    hats = ((-beta, 0.0, 2 * m, 4 * m), (gamma, 0.0, m, 2 * m), (delta, 2 * m, 3 * m, 4 * m))
    return [hat for hat in hats if hat[0]]


@hand(
    "melu",
    0,
    "max(x, alpha·x) (alpha ≤ 1) plus each nonzero hat w·max(0, min(x − start, end − x)):"
    " exact near the ends",
)
def melu(
    x: Array,
    alpha: float = 0.0,
    beta: float = 0.0,
    gamma: float = 0.0,
    delta: float = 0.0,
    max_input: float = 1.0,
) -> Array:
    y = np.maximum(x, 0.0) if alpha == 0 else _leaky(x, alpha)
    for w, start, _, end in _melu_hats_b2(max_input, beta, gamma, delta):
        t = np.minimum(x - start if start else x, end - x)
        np.maximum(t, 0.0, out=t)
        y += _times(w, t)
    return y


@hand(
    "melu",
    1,
    "1 or alpha on the mask x > 0, plus each nonzero hat's ±w on its two halves; left sides"
    " at the kinks (alpha at 0)",
)
def d_melu(
    x: Array,
    alpha: float = 0.0,
    beta: float = 0.0,
    gamma: float = 0.0,
    delta: float = 0.0,
    max_input: float = 1.0,
) -> Array:
    d = _mask(x > 0, x, 1.0, alpha)
    for w, start, middle, end in _melu_hats_b2(max_input, beta, gamma, delta):
        s = _mask(x <= middle, x, w, -w)
        s *= (x > start) & (x <= end)
        d += s
    return d


@hand("rectified_tanh", 0, "tanh(max(x, 0))")
def rectified_tanh(x: Array) -> Array:
    return np.tanh(np.maximum(x, 0.0))


@hand("rectified_tanh", 1, "sech²x (one-exp form) on the mask x > 0; 0 at 0")
def d_rectified_tanh(x: Array) -> Array:
    d = _sech2(x)
    d *= x > 0
    return d


@hand("shilu", 0, "alpha·max(x, 0) + beta, in place")
def shilu(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    y = _times(alpha, np.maximum(x, 0.0))
    if beta:
        y += beta
    return y


@hand("shilu", 1, "alpha on the mask x > 0; 0 at 0")
def d_shilu(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    return _mask(x > 0, x, alpha)


@hand("elu_plus_one", 0, "np.where(x > 0, x + 1, exp(x))")
def elu_plus_one(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, x + 1, np.exp(x))


@hand("elu_plus_one", 1, "exp(min(x, 0)): 1 for x ≥ 0, exp(x) below; 1 at 0")
def d_elu_plus_one(x: Array) -> Array:
    return np.exp(np.minimum(x, 0.0))


@hand("swoosh_l", 0, "softplus(x − 4) − (0.08x + 0.035), softplus stable")
def swoosh_l(x: Array) -> Array:
    y = _softplus(x - 4)
    y -= 0.08 * x + 0.035
    return y


@hand("swoosh_l", 1, "expit(x − 4) − 0.08")
def d_swoosh_l(x: Array) -> Array:
    d = sc.expit(x - 4)
    d -= 0.08
    return d


def _pflu_b2(u: Array) -> Array:
    """u(1 + q)/2, q = u/hypot(u, 1); below 0 as q/(2(hypot(u, 1) + |u|)): 1 + q without
    cancellation."""
    h = np.hypot(u, 1.0)
    q = u / h
    with np.errstate(over="ignore"):
        s = h + np.abs(u)
    return np.where(u >= 0, (0.5 * u) * (1 + q), 0.5 * q / s)


def _d_pflu_b2(u: Array) -> Array:
    """(1 + q(1 + r²))/2, r = 1/hypot(u, 1), q = u·r; below 0 as r(q + r²)/(2(hypot + |u|))."""
    h = np.hypot(u, 1.0)
    r = 1 / h
    q = u * r
    r2 = r * r
    with np.errstate(over="ignore"):
        s = h + np.abs(u)
    return np.where(u >= 0, 0.5 * (1 + q * (1 + r2)), 0.5 * r * (q + r2) / s)


@hand("pflu", 0, "x(1 + q)/2, q = x/hypot(x, 1); below 0 q/(2(hypot(x, 1) + |x|)): no cancellation")
def pflu(x: Array) -> Array:
    return _pflu_b2(x)


@hand(
    "pflu",
    1,
    "(1 + q(1 + r²))/2, r = 1/hypot(x, 1), q = x·r; below 0 r(q + r²)/(2(hypot(x, 1) + |x|))",
)
def d_pflu(x: Array) -> Array:
    return _d_pflu_b2(x)


@hand("coslu", 0, "(x + alpha·cos(beta·x))·expit(x)")
def coslu(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    return (x + _times(alpha, np.cos(_times(beta, x)))) * sc.expit(x)


@hand("coslu", 1, "s(1 − alpha·beta·sin(beta·x) + (x + alpha·cos(beta·x))(1 − s)), s = expit(x)")
def d_coslu(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    s = sc.expit(x)
    u = _times(beta, x)
    g = x + _times(alpha, np.cos(u))
    g *= 1 - s
    g += 1
    g -= _times(alpha * beta, np.sin(u))
    g *= s
    return g


@hand(
    "aglu",
    0,
    "lambd = 1: x·expit(kappa·x); else x·exp(−softplus(log(lambd) − kappa·x)/lambd), softplus"
    " stable",
)
def aglu(x: Array, lambd: float = 1.0, kappa: float = 1.0) -> Array:
    if lambd == 1:
        return x * sc.expit(_times(kappa, x))
    return x * np.exp(_softplus(math.log(lambd) - _times(kappa, x)) * (-1 / lambd))


@hand(
    "aglu",
    1,
    "p(1 + (kappa/lambd)·x·expit(w)), w = log(lambd) − kappa·x, p = exp(−softplus(w)/lambd)"
    " (= expit(kappa·x) when lambd = 1)",
)
def d_aglu(x: Array, lambd: float = 1.0, kappa: float = 1.0) -> Array:
    if lambd == 1:
        u = _times(kappa, x)
        s = sc.expit(u)
        return s * (1 + u * (1 - s))
    w = math.log(lambd) - _times(kappa, x)
    p = np.exp(_softplus(w) * (-1 / lambd))
    return p * (1 + (kappa / lambd) * x * sc.expit(w))


@hand("lalu", 0, "x·where(x >= 0, 1 − h, h), h = exp(−|x|)/2")
def lalu(x: Array) -> Array:
    h = np.exp(-np.abs(x))
    h *= 0.5
    return x * np.where(x >= 0, 1 - h, h)


@hand("lalu", 1, "where(x >= 0, 1 + (x − 1)h, (1 + x)h), h = exp(−|x|)/2")
def d_lalu(x: Array) -> Array:
    h = np.exp(-np.abs(x))
    h *= 0.5
    return np.where(x >= 0, 1 + (x - 1) * h, (1 + x) * h)


@hand("tsrelu", 0, "x·tanh(expit(x))")
def tsrelu(x: Array) -> Array:
    return x * np.tanh(sc.expit(x))


@hand("tsrelu", 1, "t + x(1 − t²)·s(1 − s), s = expit(x), t = tanh s")
def d_tsrelu(x: Array) -> Array:
    s = sc.expit(x)
    t = np.tanh(s)
    return t + x * (1 - t * t) * (s * (1 - s))


@hand("swim", 0, "pflu(a·x)/a, pflu's form")
def swim(x: Array, a: float = 0.5) -> Array:
    return _times(1 / a, _pflu_b2(_times(a, x)))


@hand("swim", 1, "pflu'(a·x), the pflu' form")
def d_swim(x: Array, a: float = 0.5) -> Array:
    return _d_pflu_b2(_times(a, x))


@hand("beta_mish", 0, "x·tanh(beta·softplus(x)), softplus stable")
def beta_mish(x: Array, beta: float = 1.5) -> Array:
    return x * np.tanh(_times(beta, _softplus(x)))


@hand("beta_mish", 1, "t + beta·x(1 − t²)·expit(x), t = tanh(beta·softplus(x))")
def d_beta_mish(x: Array, beta: float = 1.5) -> Array:
    t = np.tanh(_times(beta, _softplus(x)))
    return t + _times(beta, x * (1 - t * t)) * sc.expit(x)


@hand("finer", 0, "sin(w0·x(|x| + 1)) (NaN where w0·x(|x| + 1) overflows, beyond 10¹⁵³)")
def finer(x: Array, w0: float = 30.0) -> Array:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.sin(w0 * (x * (np.abs(x) + 1)))


@hand("finer", 1, "w0(2|x| + 1)·cos(w0·x(|x| + 1)) (NaN where w0·x(|x| + 1) overflows)")
def d_finer(x: Array, w0: float = 30.0) -> Array:
    a = np.abs(x)
    with np.errstate(over="ignore", invalid="ignore"):
        c = np.cos(w0 * (x * (a + 1)))
        a *= 2 * w0
        a += w0
        c *= a
    return c


_PI_LO_B2 = 1.2246467991473532e-16  # π − fl(π), fl(π) = math.pi


def _pi_minus_b2(x: Array) -> Array:
    """π − x as (p − x) + (π − p), p = π rounded to x's dtype: right to the last bit near
    x = π (p − x is exact there), and never 0 at a float x."""
    p = x.dtype.type(math.pi)
    d = p - x
    d += x.dtype.type(_PI_LO_B2 + (math.pi - float(p)))
    return d


@hand("ssu", 0, "π·sin(x)/d, d = π − x in two parts: right near x = π, never 0 at a float")
def ssu(x: Array) -> Array:
    return math.pi * np.sin(x) / _pi_minus_b2(x)


@hand(
    "ssu",
    1,
    "π·spherical_jn(1, d) = −π·sinc'(d), d = π − x in two parts: no cancellation near x = π"
    " (computed in float64)",
)
def d_ssu(x: Array) -> Array:
    return (math.pi * sc.spherical_jn(1, _pi_minus_b2(x))).astype(x.dtype, copy=False)


@hand("symlog", 0, "copysign(log1p(|x|), x)")
def symlog(x: Array) -> Array:
    return np.copysign(np.log1p(np.abs(x)), x)


@hand("symlog", 1, "1/(1 + |x|); 1 at 0 (both sides)")
def d_symlog(x: Array) -> Array:
    return 1 / (1 + np.abs(x))


@hand("laplacian_rbf", 0, "exp(−|x|/a)")
def laplacian_rbf(x: Array, a: float = 1.0) -> Array:
    return np.exp(-_times(1 / a, np.abs(x)))


@hand("laplacian_rbf", 1, "−copysign(exp(−|x|/a), x)/a; −1/a at 0 (the right side)")
def d_laplacian_rbf(x: Array, a: float = 1.0) -> Array:
    d = np.exp(-_times(1 / a, np.abs(x)))
    np.copysign(d, x, out=d)
    d *= -1 / a
    return d


@hand("m_arcsinh", 0, "√|x|·asinh(x)/12")
def m_arcsinh(x: Array) -> Array:
    y = np.sqrt(np.abs(x))
    y *= np.arcsinh(x)
    y /= 12
    return y


@hand("m_arcsinh", 1, "√a/(12·hypot(a, 1)) + asinh(a)/(24√a), a = |x|; 0 put at 0")
def d_m_arcsinh(x: Array) -> Array:
    a = np.abs(x)
    r = np.sqrt(a)
    with np.errstate(invalid="ignore"):
        d = r / (12 * np.hypot(a, 1.0)) + np.arcsinh(a) / (24 * r)
    d[a == 0] = 0
    return d


@hand("gaussian_symmetric", 0, "2·exp(−x²) − 1")
def gaussian_symmetric(x: Array) -> Array:
    with np.errstate(over="ignore"):
        y = np.exp(-x * x)
    y *= 2
    y -= 1
    return y


@hand("gaussian_symmetric", 1, "−4·(x·exp(−x²))")
def d_gaussian_symmetric(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return -4 * (x * np.exp(-x * x))


@hand("ada", 0, "r·exp(beta − alpha·r), r = max(x, 0): no overflow below 0")
def ada(x: Array, alpha: float = 1.0, beta: float = 0.0) -> Array:
    r = np.maximum(x, 0.0)
    return r * np.exp(beta - _times(alpha, r))


@hand("ada", 1, "(1 − alpha·r)·exp(beta − alpha·r) on the mask x > 0, r = max(x, 0); 0 at 0")
def d_ada(x: Array, alpha: float = 1.0, beta: float = 0.0) -> Array:
    r = np.maximum(x, 0.0)
    u = _times(alpha, r)
    d = np.exp(beta - u)
    d *= 1 - u
    d *= x > 0
    return d


# --- session 14, batch 3 -----------------------------------------------------------------


@hand("cloglog", 0, "−expm1(−exp(x)): 1 − e^(−eˣ) without cancellation")
def cloglog(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return -np.expm1(-np.exp(x))


@hand("cloglog", 1, "exp(x − exp(x)): eˣ·e^(−eˣ) from one exp, no inf·0")
def d_cloglog(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(x - np.exp(x))


@hand("bipolar_sigmoid", 0, "tanh(alpha·x/2): 2σ(alpha·x) − 1 without cancellation")
def bipolar_sigmoid(x: Array, alpha: float = 1.0) -> Array:
    return np.tanh(_times(alpha / 2, x))


@hand("bipolar_sigmoid", 1, "(alpha/2)·sech²(alpha·x/2) (one-exp form)")
def d_bipolar_sigmoid(x: Array, alpha: float = 1.0) -> Array:
    return (alpha / 2) * _sech2(_times(alpha / 2, x))


@hand("leaky_hardtanh", 0, "y + (x − y)/1000 with y = clip(x, 0, 1)")
def leaky_hardtanh(x: Array) -> Array:
    y = np.clip(x, 0.0, 1.0)
    return y + 0.001 * (x - y)


@hand("leaky_hardtanh", 1, "1 or 1/1000 on the mask 0 < x < 1; 1/1000 at the kinks")
def d_leaky_hardtanh(x: Array) -> Array:
    return _mask((x > 0) & (x < 1), x, 1.0, 0.001)


@hand("clipped_relu", 0, "np.clip(x, 0, z)")
def clipped_relu(x: Array, z: float = 20.0) -> Array:
    return np.clip(x, 0.0, float(z))


@hand("clipped_relu", 1, "mask 0 < x < z as the dtype; 0 at the kinks")
def d_clipped_relu(x: Array, z: float = 20.0) -> Array:
    return _mask((x > 0) & (x < z), x)


@hand("fpflu", 0, "np.where(x >= 0, x, x·r·r), r = 1/hypot(1, x): x/(1 + x²) without overflow")
def fpflu(x: Array) -> Array:
    r = 1 / np.hypot(1.0, x)
    return np.where(x >= 0, x, (x * r) * r)


@hand(
    "fpflu",
    1,
    "np.where(x >= 0, 1, (1 − x)r·(1 + x)r·r²), r = 1/hypot(1, x): (1 − x²)/(1 + x²)²; 1 at 0",
)
def d_fpflu(x: Array) -> Array:
    r = 1 / np.hypot(1.0, x)
    return np.where(x >= 0, 1.0, ((1 - x) * r) * ((1 + x) * r) * (r * r))


_QRELU_NEG = -1.99


@hand("qrelu", 0, "np.maximum(x, −1.99·x) (a negative slope: the max picks the piece)")
def qrelu(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.maximum(x, _QRELU_NEG * x)


@hand("qrelu", 1, "1 or −1.99 on the mask x > 0; −1.99 at 0")
def d_qrelu(x: Array) -> Array:
    return _mask(x > 0, x, 1.0, _QRELU_NEG)


@hand("mpelu", 0, "np.where(x > 0, x, alpha·expm1(beta·x))")
def mpelu(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, x, _times(alpha, np.expm1(_times(beta, x))))


@hand("mpelu", 1, "np.where(x > 0, 1, alpha·beta·exp(beta·x)); alpha·beta at 0")
def d_mpelu(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x > 0, 1.0, _times(alpha * beta, np.exp(_times(beta, x))))


@hand("delu_pishchik", 0, "np.where(x <= 0, x·expit(x), (n + 1/2)·x − expm1(−x))")
def delu_pishchik(x: Array, n: float = 0.0) -> Array:
    with np.errstate(over="ignore"):
        return np.where(x <= 0, x * sc.expit(x), (n + 0.5) * x - np.expm1(-x))


@hand(
    "delu_pishchik",
    1,
    "np.where(x <= 0, s·(1 + x(1 − s)), n + 1/2 + exp(−x)), s = expit(x); the left (1/2) at 0",
)
def d_delu_pishchik(x: Array, n: float = 0.0) -> Array:
    s = sc.expit(x)
    with np.errstate(over="ignore"):
        return np.where(x <= 0, s * (1 + x * (1 - s)), (n + 0.5) + np.exp(-x))


@hand(
    "soft_plus_plus",
    0,
    "max(u, 0) + log1p(expm1(−|u|)/2) + x/b, u = a·x: softplus − log 2 without cancellation",
)
def soft_plus_plus(x: Array, a: float = 1.0, b: float = 2.0) -> Array:
    u = _times(a, x)
    y = np.log1p(0.5 * np.expm1(-np.abs(u)))
    y += np.maximum(u, 0.0)
    with np.errstate(over="ignore"):
        y += _times(1 / b, x)
    return y


@hand("soft_plus_plus", 1, "a·expit(a·x) + 1/b")
def d_soft_plus_plus(x: Array, a: float = 1.0, b: float = 2.0) -> Array:
    d = _times(a, sc.expit(_times(a, x)))
    return d + 1 / b


@hand("eswish", 0, "beta·(x·expit(x))")
def eswish(x: Array, beta: float = 1.375) -> Array:
    return _times(beta, x * sc.expit(x))


@hand("eswish", 1, "s = expit(x); beta·s·(1 + x·(1 − s))")
def d_eswish(x: Array, beta: float = 1.375) -> Array:
    s = sc.expit(x)
    return _times(beta, s * (1 + x * (1 - s)))


@hand("golu", 0, "x·exp(−exp(−x))")
def golu(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * np.exp(-np.exp(-x))


@hand("golu", 1, "g·(1 + x·m), m = exp(−x), g = exp(−m), x ≥ −40 (where f' underflows to 0)")
def d_golu(x: Array) -> Array:
    x = np.maximum(x, -40.0)
    m = np.exp(-x)
    return np.exp(-m) * (1 + x * m)


@hand("acon_c", 0, "p2·x + d·x·expit(beta·d·x), d = p1 − p2 (terms of 1 or 0 skipped)")
def acon_c(x: Array, p1: float = 1.0, p2: float = 0.0, beta: float = 1.0) -> Array:
    d = p1 - p2
    y = _times(d, x * sc.expit(_times(beta * d, x)))
    if p2:
        y = y + p2 * x
    return y


@hand("acon_c", 1, "p2 + d·s·(1 + u·(1 − s)), u = beta·d·x, s = expit(u), d = p1 − p2")
def d_acon_c(x: Array, p1: float = 1.0, p2: float = 0.0, beta: float = 1.0) -> Array:
    d = p1 - p2
    u = _times(beta * d, x)
    s = sc.expit(u)
    g = _times(d, s * (1 + u * (1 - s)))
    if p2:
        g = g + p2
    return g


@hand("self_arctan", 0, "x·arctan(x)")
def self_arctan(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * np.arctan(x)


@hand("self_arctan", 1, "arctan(x) + x/(1 + x²) (x² overflowing gives the 0 it rounds to)")
def d_self_arctan(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.arctan(x) + x / (1 + x * x)


@hand("psgu", 0, "x·tanh(a·expit(x))")
def psgu(x: Array, a: float = 0.5) -> Array:
    return x * np.tanh(_times(a, sc.expit(x)))


@hand("psgu", 1, "t + x·(1 − t²)·a·s(1 − s), s = expit(x), t = tanh(a·s)")
def d_psgu(x: Array, a: float = 0.5) -> Array:
    s = sc.expit(x)
    t = np.tanh(_times(a, s))
    return t + x * ((1 - t * t) * _times(a, s * (1 - s)))


@hand("hard_swish_affine", 0, "x·clip(alpha·x + beta, 0, 1), in place")
def hard_swish_affine(x: Array, alpha: float = 0.2, beta: float = 0.5) -> Array:
    y = alpha * x
    y += beta
    np.clip(y, 0.0, 1.0, out=y)
    y *= x
    return y


@hand(
    "hard_swish_affine",
    1,
    "v + alpha·x on the mask 0 < v < 1, plus (v ≥ 1), v = alpha·x + beta; 0 at v = 0, 1 at v = 1",
)
def d_hard_swish_affine(x: Array, alpha: float = 0.2, beta: float = 0.5) -> Array:
    ax = alpha * x
    v = ax + beta
    d = v + ax
    d *= (v > 0) & (v < 1)
    d += v >= 1
    return d


@hand("mila", 0, "x·n/(n + 2), n = e(e + 2), e = exp(min(x + beta, 20)): tanh(softplus) by one exp")
def mila(x: Array, beta: float = -0.25) -> Array:
    e = np.exp(np.minimum(x + beta, 20.0))
    n = e * (e + 2)
    return x * (n / (n + 2))


@hand(
    "mila",
    1,
    "n/q + x·4e(1 + e)/q², q = n + 2, n = e(e + 2), e = exp(x + beta), x ≤ 20 − beta",
)
def d_mila(x: Array, beta: float = -0.25) -> Array:
    x = np.minimum(x, 20.0 - beta)
    e = np.exp(x + beta)
    n = e * (e + 2)
    q = n + 2
    return n / q + x * (4 * e * (1 + e) / (q * q))


@hand("hosc", 0, "tanh(beta·sin x)")
def hosc(x: Array, beta: float = 1.0) -> Array:
    return np.tanh(_times(beta, np.sin(x)))


@hand("hosc", 1, "beta·cos x·(1 − t²), t = tanh(beta·sin x)")
def d_hosc(x: Array, beta: float = 1.0) -> Array:
    t = np.tanh(_times(beta, np.sin(x)))
    return _times(beta, np.cos(x)) * (1 - t * t)


@hand("asu", 0, "x·sin(x)")
def asu(x: Array) -> Array:
    return x * np.sin(x)


@hand("asu", 1, "sin x + x·cos x")
def d_asu(x: Array) -> Array:
    return np.sin(x) + x * np.cos(x)


@hand("symexp", 0, "copysign(expm1(|x|), x)")
def symexp(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.copysign(np.expm1(np.abs(x)), x)


@hand("symexp", 1, "exp(|x|); 1 at 0")
def d_symexp(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(np.abs(x))


@hand("ncu", 0, "x·(1 − x)·(1 + x): x − x³ without cancellation near ±1")
def ncu(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return (x * (1 - x)) * (1 + x)


@hand("ncu", 1, "1 − 3x²")
def d_ncu(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return 1 - 3 * (x * x)


# P/Q = x/2 + c + r/Q by polynomial division (the x³ and x² coefficients of P are 1/2 and c
# times Q's x² coefficient k): no overflow of x³.
_BOULLE_K = 2383 / 1000
_BOULLE_C = 15957 / 23830
_BOULLE_R = 109 / 5000 - _BOULLE_C


@hand("boulle_rational", 0, "x/2 + c + r/(1 + k·x²), k = 2.383 (P/Q divided out: no x³ overflow)")
def boulle_rational(x: Array) -> Array:
    with np.errstate(over="ignore"):
        q = 1 + _BOULLE_K * (x * x)
    y = _BOULLE_R / q
    y += _BOULLE_C
    y += 0.5 * x
    return y


@hand("boulle_rational", 1, "1/2 − 2k·r·x/(1 + k·x²)², from the divided-out form")
def d_boulle_rational(x: Array) -> Array:
    with np.errstate(over="ignore"):
        q = 1 + _BOULLE_K * (x * x)
        return 0.5 - (2 * _BOULLE_K * _BOULLE_R) * x / (q * q)


@hand("stan", 0, "(beta·x + 1)·tanh(x)")
def stan(x: Array, beta: float = 1.0) -> Array:
    return (_times(beta, x) + 1) * np.tanh(x)


@hand("stan", 1, "beta·tanh x + (beta·x + 1)·sech²x (one-exp form)")
def d_stan(x: Array, beta: float = 1.0) -> Array:
    return _times(beta, np.tanh(x)) + (_times(beta, x) + 1) * _sech2(x)


@hand("soft_modulus_t", 0, "x·tanh(x/a)")
def soft_modulus_t(x: Array, a: float = 0.01) -> Array:
    with np.errstate(over="ignore"):
        return x * np.tanh(_times(1 / a, x))


@hand("soft_modulus_t", 1, "tanh u + u·sech²u (one-exp form), u = clip(x/a, ±40)")
def d_soft_modulus_t(x: Array, a: float = 0.01) -> Array:
    with np.errstate(over="ignore"):
        u = np.clip(_times(1 / a, x), -40.0, 40.0)
    return np.tanh(u) + u * _sech2(u)


# --- session 14, batch 4 -----------------------------------------------------------------

# rational_tanh: u = 2|x|/3, q = 1 + u + u² + c·u⁴, f = 1.7159·sgn(x)·(1 − 1/q) = ·s/(1 + s) with
# s = q − 1 (no cancellation near 0). For u ≥ 1 both are divided by u⁴ (w = 1/u): no overflow.
_RT_C_B4 = 1.41645


@hand("rational_tanh", 0, "1.7159·sgn x·s/(1+s), s = u+u²+c·u⁴, u = 2|x|/3; ÷u⁴ for u ≥ 1")
def rational_tanh(x: Array) -> Array:
    u = (2 / 3) * np.abs(x)
    v = np.minimum(u, 1)
    w = 1 / np.maximum(u, 1)
    s = v * (1 + v * (1 + _RT_C_B4 * (v * v)))
    w2 = w * w
    big = (_RT_C_B4 + w2 * (1 + w)) / (_RT_C_B4 + w2 * (1 + w * (1 + w)))
    return 1.7159 * np.copysign(np.where(u < 1, s / (1 + s), big), x)


@hand("rational_tanh", 1, "1.7159·(2/3)·q'(u)/q(u)², u = 2|x|/3; ÷u⁸ for u ≥ 1 (w = 1/u)")
def d_rational_tanh(x: Array) -> Array:
    u = (2 / 3) * np.abs(x)
    v = np.minimum(u, 1)
    w = 1 / np.maximum(u, 1)
    q = 1 + v * (1 + v * (1 + _RT_C_B4 * (v * v)))
    small = (1 + v * (2 + (4 * _RT_C_B4) * (v * v))) / (q * q)
    w2 = w * w
    qw = _RT_C_B4 + w2 * (1 + w * (1 + w))
    big = (w2 * w2 * w) * ((4 * _RT_C_B4) + w2 * (2 + w)) / (qw * qw)
    return (1.7159 * 2 / 3) * np.where(u < 1, small, big)


# pau: P(x)/Q(x), P = Σ a_j x^j (degree 5), Q = 1 + Σ b_k |x|^k (k = 1..4), by Horner; for
# |x| > 1 both are divided by x⁴ (t = 1/x): no overflow of x⁵ (f) or of x⁸ (f').
_PAU_A_B4 = (0.0335583603, 0.505000375, 1.65343934, 2.01001052, 0.931901999, 0.152424124)
_PAU_B_B4 = (0.00000330847488, 3.98021568, 0.000000512471206, 0.301830109)


def _pau_parts_b4(x: Array) -> tuple[Array, Array, Array, Array]:
    """v = x clipped to [−1, 1], t = 1/x clipped to [−1, 1] (0 → +1), and their moduli."""
    v = np.clip(x, -1, 1)
    t = 1 / np.where(np.abs(x) > 1, x, 1)
    return v, t, np.abs(v), np.abs(t)


@hand("pau", 0, "P(x)/Q(x) by Horner, a and b as declared; both ÷x⁴ for |x| > 1")
def pau(x: Array) -> Array:
    a0, a1, a2, a3, a4, a5 = _PAU_A_B4
    b1, b2, b3, b4 = _PAU_B_B4
    v, t, av, at = _pau_parts_b4(x)
    small = (a0 + v * (a1 + v * (a2 + v * (a3 + v * (a4 + v * a5))))) / (
        1 + av * (b1 + av * (b2 + av * (b3 + av * b4)))
    )
    big = (a5 * x + (a4 + t * (a3 + t * (a2 + t * (a1 + t * a0))))) / (
        b4 + at * (b3 + at * (b2 + at * (b1 + at)))
    )
    return np.where(np.abs(x) > 1, big, small)


@hand("pau", 1, "(P'Q − PQ')/Q², both ÷x⁴ for |x| > 1; at 0 the x ≥ 0 side (Q' = +b1)")
def d_pau(x: Array) -> Array:
    a0, a1, a2, a3, a4, a5 = _PAU_A_B4
    b1, b2, b3, b4 = _PAU_B_B4
    v, t, av, at = _pau_parts_b4(x)
    sv = np.where(x >= 0, 1, -1).astype(v.dtype)
    p = a0 + v * (a1 + v * (a2 + v * (a3 + v * (a4 + v * a5))))
    dp = a1 + v * (2 * a2 + v * (3 * a3 + v * (4 * a4 + v * (5 * a5))))
    q = 1 + av * (b1 + av * (b2 + av * (b3 + av * b4)))
    dq = sv * (b1 + av * (2 * b2 + av * (3 * b3 + av * (4 * b4))))
    small = (dp * q - p * dq) / (q * q)
    # With t = 1/x: P/x⁴ = a5·x + a4 + a3·t + …, d/dx of it = a5 − t²·(a3 + 2a2·t + …);
    # Q/x⁴ = b4 + b3|t| + … + t⁴, d/dx of it = −t·(b3|t| + 2b2·t² + 3b1|t|³ + 4t⁴).
    pt = a5 * x + (a4 + t * (a3 + t * (a2 + t * (a1 + t * a0))))
    dpt = a5 - (t * t) * (a3 + t * (2 * a2 + t * (3 * a1 + t * (4 * a0))))
    qt = b4 + at * (b3 + at * (b2 + at * (b1 + at)))
    dqt = -t * (at * (b3 + at * (2 * b2 + at * (3 * b1 + at * 4))))
    big = (dpt * qt - pt * dqt) / (qt * qt)
    return np.where(np.abs(x) > 1, big, small)


# colu: x/(1 − x·E), E = e^(−x−eˣ). For x < −1 both sides times w = e^(x+eˣ) (below 1):
# x·w/(w − x) never overflows where x·e^(−x) would (x < −709). f' = (1 − x²·E·(1 + eˣ))/(1 − x·E)²,
# with x²·E·(1 + eˣ) = x·(x·E) + x·(x·e^(−eˣ)) (no 0·∞ once eˣ overflows); for x < −1, with
# t = w/x, f' = w·(t/x − 1 − eˣ)/(t − 1)².
def _colu_sides(x: Array) -> tuple[Array, Array]:
    """x where x < −1 (else −2), and x where x ≥ −1 (else 0): each branch's own argument."""
    far = x < -1
    return np.where(far, x, x.dtype.type(-2)), np.where(far, x.dtype.type(0), x)


@hand("colu", 0, "x/(1 − x·e^(−x−eˣ)); x·w/(w − x), w = e^(x+eˣ), for x < −1")
def colu(x: Array) -> Array:
    neg, near = _colu_sides(x)
    with np.errstate(over="ignore"):
        w = np.exp(neg + np.exp(neg))
        direct = near / (1 - near * np.exp(-near - np.exp(near)))
    return np.where(x < -1, neg * w / (w - neg), direct)


@hand(
    "colu",
    1,
    "(1 − x(xE) − x(x·e^(−eˣ)))/(1 − xE)², E = e^(−x−eˣ); w(t/x − 1 − eˣ)/(t − 1)² for x < −1",
)
def d_colu(x: Array) -> Array:
    neg, near = _colu_sides(x)
    w = np.exp(neg + np.exp(neg))
    t = w / neg
    far = w * ((t / neg - 1 - np.exp(neg)) / ((t - 1) * (t - 1)))
    with np.errstate(over="ignore"):
        ep = np.exp(near)
        xe = near * np.exp(-near - ep)
        d = 1 - xe
        direct = (1 - near * xe - near * (near * np.exp(-ep))) / (d * d)
    return np.where(x < -1, far, direct)


# srs: x/(x/alpha + e^(−x/beta)); for x < 0 both sides times v = e^(x/beta) (≤ 1):
# x·v/(x·v/alpha + 1), which stays normal where e^(−x/beta) overflows (x < −709·beta).
# f' = e^(−x/beta)·(1 + x/beta)/D², D the denominator; for x < 0, v·(1 + x/beta)/(x·v/alpha + 1)².
@hand("srs", 0, "x/(x/alpha + e^(−x/beta)); x·v/(x·v/alpha + 1), v = e^(x/beta), for x < 0")
def srs(x: Array, alpha: float = 2.0, beta: float = 3.0) -> Array:
    neg, pos = np.minimum(x, 0), np.maximum(x, 0)
    v = np.exp(neg / beta)
    xv = neg * v
    with np.errstate(over="ignore"):
        big = pos / (pos / alpha + np.exp(-pos / beta))
    return np.where(x < 0, xv / (xv / alpha + 1), big)


@hand("srs", 1, "e^(−x/beta)(1 + x/beta)/D²; v(1 + x/beta)/(x·v/alpha + 1)² for x < 0")
def d_srs(x: Array, alpha: float = 2.0, beta: float = 3.0) -> Array:
    neg, pos = np.minimum(x, 0), np.maximum(x, 0)
    v = np.exp(neg / beta)
    q = neg * v / alpha + 1
    u = np.exp(-pos / beta)
    with np.errstate(over="ignore"):
        d = pos / alpha + u
        big = u * (1 + pos / beta) / (d * d)
    return np.where(x < 0, v * (1 + neg / beta) / (q * q), big)


# --- session 17 ----------------------------------------------------------------------------


@hand("tent", 0, "max(a − |x|, 0)")
def tent(x: Array, a: float = 1.0) -> Array:
    return np.maximum(a - np.abs(x), 0.0)


@hand("tent", 1, "−sign(x) on the mask |x| < a; 0 at 0 and at the kinks ±a")
def d_tent(x: Array, a: float = 1.0) -> Array:
    return -np.sign(x) * _mask(np.abs(x) < a, x)


@hand("hat", 0, "max(min(x, a − x), 0)")
def hat(x: Array, a: float = 2.0) -> Array:
    return np.maximum(np.minimum(x, a - x), 0.0)


@hand("hat", 1, "sign(a/2 − x) on the mask 0 < x < a; 0 at a/2 and at the kinks 0, a")
def d_hat(x: Array, a: float = 2.0) -> Array:
    return np.sign(a / 2 - x) * _mask((x > 0) & (x < a), x)


@hand("repu", 0, "r·r (s = 2) or r**s, r = max(x, 0)")
def repu(x: Array, s: float = 2.0) -> Array:
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        return r * r if s == 2 else r**s


@hand("repu", 1, "2r (s = 2) or s·r**(s − 1), r = max(x, 0)")
def d_repu(x: Array, s: float = 2.0) -> Array:
    r = np.maximum(x, 0.0)
    with np.errstate(over="ignore"):
        return 2 * r if s == 2 else s * r ** (s - 1)


@hand("pilu", 0, "max(a·d, b·d) + c, d = x − c, when a ≥ b (min when a < b; c = 0 skipped)")
def pilu(x: Array, a: float = 1.0, b: float = 0.01, c: float = 0.0) -> Array:
    d = x - c if c else x
    with np.errstate(over="ignore"):
        y = np.maximum(_times(a, d), b * d) if a >= b else np.minimum(_times(a, d), b * d)
    if c:
        y += c
    return y


@hand("pilu", 1, "a or b on the mask x >= c; a at c")
def d_pilu(x: Array, a: float = 1.0, b: float = 0.01, c: float = 0.0) -> Array:
    return _mask(x >= c, x, a, b)


@hand("dual_line", 0, "max(a·x, b·x) + m when a ≥ b (min when a < b), in place")
def dual_line(x: Array, a: float = 1.0, b: float = 0.01, m: float = -0.22) -> Array:
    with np.errstate(over="ignore"):
        y = np.maximum(_times(a, x), b * x) if a >= b else np.minimum(_times(a, x), b * x)
    y += m
    return y


@hand("dual_line", 1, "a or b on the mask x >= 0; a at 0")
def d_dual_line(x: Array, a: float = 1.0, b: float = 0.01, m: float = -0.22) -> Array:
    return _mask(x >= 0, x, a, b)


@hand("reu", 0, "x·exp(min(x, 0)): x for x ≥ 0, x·eˣ below, one pass of exp")
def reu(x: Array) -> Array:
    return x * np.exp(np.minimum(x, 0.0))


@hand("reu", 1, "(1 + m)·exp(m), m = min(x, 0): 1 for x ≥ 0")
def d_reu(x: Array) -> Array:
    m = np.minimum(x, 0.0)
    return (1 + m) * np.exp(m)


@hand("preu", 0, "a·x·exp(b·min(x, 0))")
def preu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return _times(a, x * np.exp(_times(b, np.minimum(x, 0.0))))


@hand("preu", 1, "a·(1 + u)·exp(u), u = b·min(x, 0): a for x ≥ 0")
def d_preu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    u = _times(b, np.minimum(x, 0.0))
    return _times(a, (1 + u) * np.exp(u))


@hand("ptelu", 0, "np.where(x >= 0, x, a·tanh(b·x))")
def ptelu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    return np.where(x >= 0, x, _times(a, np.tanh(_times(b, x))))


@hand("ptelu", 1, "np.where(x >= 0, 1, a·b·sech²(b·x)); 1 at 0")
def d_ptelu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    return np.where(x >= 0, 1.0, _times(a * b, _sech2(_times(b, x))))


@hand("slu", 0, "np.where(x >= 0, x, 2·log1p(expm1(x)/2)): 2·log((eˣ + 1)/2), no cancellation")
def slu(x: Array) -> Array:
    return np.where(x >= 0, x, 2 * np.log1p(0.5 * np.expm1(np.minimum(x, 0.0))))


@hand("slu", 1, "np.where(x >= 0, 1, 2·expit(x)); 1 at 0")
def d_slu(x: Array) -> Array:
    return np.where(x >= 0, 1.0, 2 * sc.expit(x))


@hand("sqlu", 0, "c·(1 + c/4) + max(x, 0), c = clip(x, −2, 0)")
def sqlu(x: Array) -> Array:
    c = np.clip(x, -2.0, 0.0)
    return c * (1 + 0.25 * c) + np.maximum(x, 0.0)


@hand("sqlu", 1, "1 + clip(x, −2, 0)/2: 1 above 0, 0 below −2")
def d_sqlu(x: Array) -> Array:
    return 1 + 0.5 * np.clip(x, -2.0, 0.0)


@hand("squish", 0, "p·(1 + p/32) + c·(1 + c/2), p = max(x, 0), c = clip(x, −2, 0)")
def squish(x: Array) -> Array:
    p, c = np.maximum(x, 0.0), np.clip(x, -2.0, 0.0)
    with np.errstate(over="ignore"):
        return p * (1 + p / 32) + c * (1 + 0.5 * c)


@hand("squish", 1, "(1 + p/16 + c) on the mask x >= −2 (p, c as in f); the right side at −2")
def d_squish(x: Array) -> Array:
    d = 1 + np.maximum(x, 0.0) / 16 + np.clip(x, -2.0, 0.0)
    d *= x >= -2
    return d


@hand("rsigelu", 0, "x·(1 + alpha·expit(x)) above 1, x on (0, 1], alpha·expm1(x) below")
def rsigelu(x: Array, alpha: float = 0.5) -> Array:
    y = np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0.0)))
    return np.where(x > 1, x * (1 + alpha * sc.expit(x)), y)


@hand(
    "rsigelu",
    1,
    "1 + alpha·σ(x)·(1 + x·σ(−x)) above 1, 1 on (0, 1], alpha·eˣ below; the left side at 0, 1",
)
def d_rsigelu(x: Array, alpha: float = 0.5) -> Array:
    y = np.where(x > 0, 1.0, alpha * np.exp(np.minimum(x, 0.0)))
    return np.where(x > 1, 1 + alpha * sc.expit(x) * (1 + x * sc.expit(-x)), y)


@hand("pserf", 0, "x·erf(gamma·softplus(delta·x)), softplus without overflow")
def pserf(x: Array, gamma: float = 1.25, delta: float = 0.85) -> Array:
    return x * sc.erf(gamma * _softplus(delta * x))


@hand("pserf", 1, "erf(s) + x·(2γδ/√π·e^(−s²)·σ(δx)), s = γ·softplus(δx)")
def d_pserf(x: Array, gamma: float = 1.25, delta: float = 0.85) -> Array:
    u = delta * x
    s = gamma * _softplus(u)
    with np.errstate(over="ignore"):
        return sc.erf(s) + x * (gamma * delta * _2_SQRT_PI * np.exp(-s * s) * sc.expit(u))


@hand("lau", 0, "x·log1p(alpha·expit(beta·x))")
def lau(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    return x * np.log1p(_times(alpha, sc.expit(_times(beta, x))))


@hand(
    "lau",
    1,
    "log1p(ασ) + x·(σ(−βx)·αβσ/(1 + ασ)), σ = σ(βx): σ(1 − σ) without cancellation",
)
def d_lau(x: Array, alpha: float = 1.0, beta: float = 1.0) -> Array:
    u = _times(beta, x)
    s = _times(alpha, sc.expit(u))
    return np.log1p(s) + x * (sc.expit(-u) * _times(beta, s / (1 + s)))


@hand("sgelu", 0, "alpha·x·erf(x/√2)")
def sgelu(x: Array, alpha: float = 1.0) -> Array:
    return _times(alpha, x * sc.erf(x * (1 / math.sqrt(2))))


@hand("sgelu", 1, "alpha·(erf(x/√2) + x·√(2/π)·e^(−x²/2))")
def d_sgelu(x: Array, alpha: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        g = np.exp(-0.5 * (x * x))
    return _times(alpha, sc.erf(x * (1 / math.sqrt(2))) + x * (math.sqrt(2 / math.pi) * g))


@hand("aria2", 0, "x·expit(beta·x)**alpha")
def aria2(x: Array, alpha: float = 1.5, beta: float = 2.0) -> Array:
    return x * sc.expit(beta * x) ** alpha


@hand(
    "aria2",
    1,
    "p + (p·x)·(αβ·σ(−βx)), p = σ(βx)^α: p·x first, so no 0·∞ at either end",
)
def d_aria2(x: Array, alpha: float = 1.5, beta: float = 2.0) -> Array:
    with np.errstate(over="ignore"):
        u = beta * x
    p = sc.expit(u) ** alpha
    return p + (p * x) * (alpha * beta * sc.expit(-u))


@hand("tanhlu", 0, "a·tanh(b·x) + c·x")
def tanhlu(x: Array, a: float = 1.0, b: float = 1.0, c: float = 1.0) -> Array:
    return _times(a, np.tanh(_times(b, x))) + _times(c, x)


@hand("tanhlu", 1, "a·b·sech²(b·x) + c, sech² as in tanh'")
def d_tanhlu(x: Array, a: float = 1.0, b: float = 1.0, c: float = 1.0) -> Array:
    return _times(a * b, _sech2(_times(b, x))) + c


@hand("cosid", 0, "cos(x) − x")
def cosid(x: Array) -> Array:
    return np.cos(x) - x


@hand("cosid", 1, "−1 − sin(x)")
def d_cosid(x: Array) -> Array:
    return -1 - np.sin(x)


@hand("sinp", 0, "sin(x) − a·x (cancels for |x| < 2e−3 when a = 1)", cancels=2e-3)
def sinp(x: Array, a: float = 1.0) -> Array:
    return np.sin(x) - _times(a, x)


@hand("sinp", 1, "cos(x) − a; −2·sin²(x/2) when a = 1, no cancellation near 0")
def d_sinp(x: Array, a: float = 1.0) -> Array:
    if a == 1:
        s = np.sin(0.5 * x)
        return -2 * (s * s)
    return np.cos(x) - a


@hand("rootsig", 0, "u/(1 + hypot(1, u)), u = a·x: no overflow of u²")
def rootsig(x: Array, a: float = 1.0) -> Array:
    u = _times(a, x)
    return u / (1 + np.hypot(1.0, u))


@hand("rootsig", 1, "a/(h·(1 + h)), h = hypot(1, a·x)")
def d_rootsig(x: Array, a: float = 1.0) -> Array:
    h = np.hypot(1.0, _times(a, x))
    with np.errstate(over="ignore"):
        return a / (h * (1 + h))


@hand("erfact", 0, "x·erf(a·exp(b·x)); exp overflows to inf and erf(inf) = 1")
def erfact(x: Array, a: float = 0.5, b: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return x * sc.erf(_times(a, np.exp(_times(b, x))))


@hand("erfact", 1, "erf(u) + x·(2b/√π·e^(log a + bx − u²)), u = a·e^(bx): u·e^(−u²) with no ∞·0")
def d_erfact(x: Array, a: float = 0.5, b: float = 1.0) -> Array:
    bx = _times(b, x)
    with np.errstate(over="ignore"):
        u = _times(a, np.exp(bx))
        g = np.exp((math.log(a) + bx) - u * u)
    return sc.erf(u) + x * ((b * _2_SQRT_PI) * g)


# suish, max(x, x·e^(−|x|)), is x·eˣ below 0 and x above: REU's forms.
hand("suish", 0, "reu's: x·exp(min(x, 0))")(reu)
hand("suish", 1, "reu's: (1 + m)·exp(m), m = min(x, 0)")(d_reu)


@hand("erfrelu", 0, "np.where(x >= 0, x, a·erf(x))")
def erfrelu(x: Array, a: float = 1.0) -> Array:
    return np.where(x >= 0, x, _times(a, sc.erf(x)))


@hand("erfrelu", 1, "np.where(x >= 0, 1, a·(2/√π)·e^(−x²)); 1 at 0")
def d_erfrelu(x: Array, a: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        g = np.exp(-(x * x))
    return np.where(x >= 0, 1.0, (a * _2_SQRT_PI) * g)


@hand("signed_sqrt", 0, "sign(x)·√|x|")
def signed_sqrt(x: Array) -> Array:
    return np.sign(x) * np.sqrt(np.abs(x))


@hand("signed_sqrt", 1, "1/(2√|x|): inf at 0")
def d_signed_sqrt(x: Array) -> Array:
    with np.errstate(divide="ignore"):
        return 0.5 / np.sqrt(np.abs(x))


# --- session 17, helper C ------------------------------------------------------------------


@hand("super_gaussian", 0, "exp(−(b/2a²)·x²)")
def super_gaussian(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    with np.errstate(over="ignore"):
        return np.exp(-(b / (2 * a * a)) * (x * x))


@hand("super_gaussian", 1, "−(b/a²)·x·exp(−(b/2a²)·x²)")
def d_super_gaussian(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    c = b / (a * a)
    with np.errstate(over="ignore"):
        g = np.exp(-(0.5 * c) * (x * x))
    return (-c * x) * g


@hand("displaced_relu", 0, "np.maximum(x, −delta)")
def displaced_relu(x: Array, delta: float = 0.05) -> Array:
    return np.maximum(x, -delta)


@hand("displaced_relu", 1, "mask x > −delta as the dtype; 0 at the kink")
def d_displaced_relu(x: Array, delta: float = 0.05) -> Array:
    return _mask(x > -delta, x)


@hand("hexpo", 0, "u = −|x|: np.where(x >= 0, −a·expm1(u/b), c·expm1(u/d)), no overflow")
def hexpo(x: Array, a: float = 1.0, b: float = 1.0, c: float = 1.0, d: float = 1.0) -> Array:
    u = -np.abs(x)
    return np.where(x >= 0, _times(-a, np.expm1(u / b)), _times(c, np.expm1(u / d)))


@hand("hexpo", 1, "u = −|x|: np.where(x >= 0, (a/b)·exp(u/b), (c/d)·exp(u/d)); a/b at 0")
def d_hexpo(x: Array, a: float = 1.0, b: float = 1.0, c: float = 1.0, d: float = 1.0) -> Array:
    u = -np.abs(x)
    return np.where(x >= 0, _times(a / b, np.exp(u / b)), _times(c / d, np.exp(u / d)))


@hand("square", 0, "x·x (inf where x² overflows)")
def square(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return x * x


@hand("square", 1, "2·x")
def d_square(x: Array) -> Array:
    with np.errstate(over="ignore"):
        return 2 * x


# Forms of entries still in PENDING (tanhsoft3, vlu, gabor), ready for when they join.


@hand(
    "tanhsoft3",
    0,
    "t = tanh(a·x): x + log1p(t + expm1(−x)) above 0, log1p(eˣ·t) below (no overflow of eˣ)",
)
def tanhsoft3(x: Array, a: float = 1.0) -> Array:
    p, n = np.maximum(x, 0.0), np.minimum(x, 0.0)  # each side on its own half-line
    up = p + np.log1p(np.tanh(_times(a, p)) + np.expm1(-p))
    down = np.log1p(np.exp(n) * np.tanh(_times(a, n)))
    return np.where(x > 0, up, down)


@hand(
    "tanhsoft3",
    1,
    "s = t + a·sech²(a·x): s/(t + e^(−x)) above 0, eˣ·s/(1 + eˣ·t) below",
)
def d_tanhsoft3(x: Array, a: float = 1.0) -> Array:
    p, n = np.maximum(x, 0.0), np.minimum(x, 0.0)  # each side on its own half-line
    up_t, down_t = np.tanh(_times(a, p)), np.tanh(_times(a, n))
    up = (up_t + _times(a, _sech2(_times(a, p)))) / (up_t + np.exp(-p))
    e = np.exp(n)
    down = e * (down_t + _times(a, _sech2(_times(a, n)))) / (1 + e * down_t)
    return np.where(x > 0, up, down)


@hand("vlu", 0, "max(x, 0) + a·sin(b·x)")
def vlu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    return np.maximum(x, 0.0) + _times(a, np.sin(_times(b, x)))


@hand("vlu", 1, "mask x > 0 + a·b·cos(b·x); a·b at the kink")
def d_vlu(x: Array, a: float = 1.0, b: float = 1.0) -> Array:
    return _mask(x > 0, x) + _times(a * b, np.cos(_times(b, x)))


def _gabor_parts(x: Array, omega0: float, sigma0: float) -> tuple[Array, Array, Array]:
    """(ω₀x, the window exp(−(σ₀x)²), where the window is not 0): the cosine of an
    overflowed ω₀x is NaN, so the forms give 0 wherever the window underflows."""
    with np.errstate(over="ignore"):
        s = _times(sigma0, x)
        g = np.exp(-(s * s))
        u = _times(omega0, x)
    return u, g, g > 0


@hand("gabor", 0, "cos(ω₀x)·exp(−(σ₀x)²); 0 where the window underflows")
def gabor(x: Array, omega0: float = 10.0, sigma0: float = 10.0) -> Array:
    u, g, live = _gabor_parts(x, omega0, sigma0)
    with np.errstate(invalid="ignore"):
        return np.where(live, np.cos(u) * g, 0.0)


@hand("gabor", 1, "−(ω₀·sin(ω₀x) + 2σ₀²x·cos(ω₀x))·exp(−(σ₀x)²); 0 where the window underflows")
def d_gabor(x: Array, omega0: float = 10.0, sigma0: float = 10.0) -> Array:
    u, g, live = _gabor_parts(x, omega0, sigma0)
    with np.errstate(invalid="ignore", over="ignore"):
        d = -(_times(omega0, np.sin(u)) + _times(2 * sigma0 * sigma0, x) * np.cos(u)) * g
    return np.where(live, d, 0.0)
