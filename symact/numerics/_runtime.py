"""Array functions that generated NumPy code calls where NumPy and SciPy have none.

Only general building blocks live here, never an activation.

Speed: each helper makes one `exp` pass and a few cheap passes, all in place (`out=`), with no
`numpy.where` and no masks — their data-dependent branches cost several `exp` passes on inputs of
mixed sign. Long arrays are done in blocks of `BLOCK` elements, so that the cheap passes run in
the cache rather than at the speed of memory; the only new array is the result (plus two
blocks of scratch). The results are bit for bit those of the plain formulas in the docstrings:
only the order of the passes changed, never the arithmetic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "BLOCK",
    "expit",
    "expit_prime",
    "hypot",
    "log1pexp",
    "log_expit",
    "sech",
    "sech_stable",
]

#: Elements per block: two float64 blocks of scratch (256 KiB) stay in a core's L2 cache.
BLOCK = 16384

_Kernel = Callable[[NDArray[np.floating], NDArray[np.floating], NDArray[np.floating]], None]


def _blockwise(kernel: _Kernel, u: ArrayLike) -> Any:
    """`kernel(a, out, scratch)` over `u` block by block; a NumPy scalar for a 0-d input, as
    a ufunc gives. The kernel reads `a` and writes its result into `out` (same shape)."""
    a = np.asarray(u)
    if a.dtype.kind != "f":
        a = a.astype(np.float64)
    out = np.empty_like(a, order="C")
    src = np.ascontiguousarray(a).reshape(-1)
    dst = out.reshape(-1)
    n = src.size
    scratch = np.empty(min(n, BLOCK), dtype=a.dtype)
    for i in range(0, n, BLOCK):
        j = min(i + BLOCK, n)
        kernel(src[i:j], dst[i:j], scratch[: j - i])
    return out if out.ndim else out[()]


def _exp_minus_abs(a: NDArray[np.floating], e: NDArray[np.floating]) -> None:
    """e = e^(−|a|): at most 1, so it never overflows (the start of every kernel below)."""
    np.copysign(a, -1.0, out=e)  # −|a| in one pass
    np.exp(e, out=e)


def _sech(a: NDArray[np.floating], e: NDArray[np.floating], d: NDArray[np.floating]) -> None:
    _exp_minus_abs(a, e)
    np.multiply(e, e, out=d)  # e^(−2|u|)
    d += 1
    e += e  # 2·e, exact
    e /= d


def sech_stable(u: ArrayLike) -> Any:
    """1/cosh(u) as 2·e^(−|u|)/(1 + e^(−2|u|)): no overflow, accurate to the last bits.

    Named like the node `symact.numerics._nodes.sech_stable` that calls it."""
    return _blockwise(_sech, u)


#: The same function under its mathematical name.
sech = sech_stable


def _expit(a: NDArray[np.floating], e: NDArray[np.floating], d: NDArray[np.floating]) -> None:
    _exp_minus_abs(a, e)
    np.add(e, 1, out=d)
    # The numerator without a branch: 1 where u ≥ 0 (there e ≤ 1), else e (= max(e, 0)).
    # NaN stays NaN (e is NaN).
    np.maximum(e, np.greater_equal(a, 0), out=e)
    e /= d


def expit(u: ArrayLike) -> Any:
    """The logistic sigmoid 1/(1 + e^(−u)), from e = e^(−|u|) so that nothing overflows:
    1/(1 + e) for u ≥ 0 and e/(1 + e) below. Unlike `scipy.special.expit` it keeps the
    subnormal values below u = −709 (and is faster)."""
    return _blockwise(_expit, u)


def _expit_prime(a: NDArray[np.floating], e: NDArray[np.floating], d: NDArray[np.floating]) -> None:
    _exp_minus_abs(a, e)
    np.add(e, 1, out=d)
    e /= d  # s = σ(−|a|) ≤ ½
    np.subtract(1, e, out=d)
    e *= d


def expit_prime(u: ArrayLike) -> Any:
    """σ′(u) = σ(u)·σ(−u) as s·(1 − s) with s = σ(−|u|) = e/(1 + e), e = e^(−|u|): one
    exponential where the product takes two logistic functions; nothing overflows (0 at
    ±inf, NaN for NaN). See the node `symact.numerics._nodes.expit_prime` for its accuracy."""
    return _blockwise(_expit_prime, u)


def _log_expit(a: NDArray[np.floating], e: NDArray[np.floating], d: NDArray[np.floating]) -> None:
    _exp_minus_abs(a, e)
    np.log1p(e, out=e)
    np.minimum(a, 0.0, out=d)  # NaN stays NaN
    np.subtract(d, e, out=e)


def log_expit(u: ArrayLike) -> Any:
    """log σ(u) = min(u, 0) − log1p(e^(−|u|)): nothing overflows, and the difference never
    cancels (both terms are ≤ 0). The formula of `scipy.special.log_expit`, in fewer passes
    (SciPy's branches on every element and calls the C library's `exp` one value at a time,
    where `numpy.exp` has a vector loop)."""
    return _blockwise(_log_expit, u)


def _log1pexp(a: NDArray[np.floating], e: NDArray[np.floating], d: NDArray[np.floating]) -> None:
    _exp_minus_abs(a, e)
    np.log1p(e, out=e)
    np.maximum(a, 0.0, out=d)  # NaN stays NaN
    e += d


def log1pexp(u: ArrayLike) -> Any:
    """log(1 + eᵘ) = max(u, 0) + log1p(e^(−|u|)): nothing overflows, and the sum never
    cancels (both terms are ≥ 0). The formula of `numpy.logaddexp(0, u)`, which costs five
    times more: it branches on every element and calls the C library's `exp` one value at a
    time, where `numpy.exp` has a vector loop (so the last bit can differ)."""
    return _blockwise(_log1pexp, u)


#: Per float type: beyond this |a|, hypot(a, b) is |a| (for |b| below `_HYPOT_B`), and a² is
#: finite below it.
_HYPOT_BIG = {np.dtype(np.float64): 2.0**500, np.dtype(np.float32): 2.0**60}
#: The largest |b| for which `hypot` takes its fast path: b²/a² is then below 2⁻²⁰⁰ (float64)
#: or 2⁻⁴⁰ (float32) beyond `_HYPOT_BIG`, far below half an ULP.
_HYPOT_B = {np.dtype(np.float64): 2.0**400, np.dtype(np.float32): 2.0**40}


def hypot(a: ArrayLike, b: ArrayLike) -> Any:
    """√(a² + b²) without overflow, for an array and a number (either way round): where
    |a| ≤ 2⁵⁰⁰ (2⁶⁰ in float32) it is √(a·a + b²), rounded three times (within 1.1 ULP,
    measured against mpmath, where `numpy.hypot` is within 0.5), and beyond, |a| itself,
    which √(a² + b²) rounds to there. A few cheap passes in blocks, against `numpy.hypot`'s
    C library call per element (3 times slower unblocked, 6 blocked). Anything else (two
    arrays, float16, a huge or NaN number) is `numpy.hypot`."""
    if np.ndim(a) == 0 and np.ndim(b) != 0:
        a, b = b, a
    arr = np.asarray(a)
    if np.ndim(b) != 0 or arr.dtype not in _HYPOT_BIG:
        return np.hypot(a, b)
    c = abs(float(b))  # type: ignore[arg-type]
    if not c < _HYPOT_B[arr.dtype]:
        return np.hypot(a, b)
    big, cc = _HYPOT_BIG[arr.dtype], c * c

    def kernel(a: NDArray[np.floating], h: NDArray[np.floating], m: NDArray[np.floating]) -> None:
        np.abs(a, out=m)
        np.minimum(m, big, out=h)
        h *= h
        h += cc
        np.sqrt(h, out=h)
        np.maximum(h, m, out=h)  # |a| beyond `big`; NaN stays NaN

    return _blockwise(kernel, arr)
