"""Proofs that a function of one real variable has no zero on an interval: where SymPy leaves
the points at which a denominator vanishes as a ConditionSet (x·e^(x/3) + 2 = 0), `split`
asks here whether that set is empty before giving up.

The proof is interval arithmetic (mpmath's `iv` context, outward rounding):

- on a bounded interval, g is evaluated on pieces of it, bisected until each piece's interval
  of values excludes 0;
- on a half-line [L, ∞) (or (−∞, −L]), where interval arithmetic meets 0·∞, the sign of g is
  read factor by factor (an exponential is positive whatever its argument); failing that, g is
  strictly monotone there when g′ has a constant sign on the half-line (proved the same way),
  and when it moves away from 0 from its value at the end point, it never reaches 0.

Nothing is sampled or assumed: a step that cannot be proved leaves the proof undone (None), and
only functions with an interval extension (+, −, ·, /, integer and rational powers, exp, log,
sin, cos, |·|) are evaluated; anything else is refused.
"""

from __future__ import annotations

import functools

import mpmath as mp
import sympy as sp

__all__ = ["no_zero"]

#: Bits of working precision of the interval evaluations.
_PREC = 120
#: Where the half-lines begin (|x|), tried in turn.
_CUTS = (8, 32)
#: The most pieces a bounded interval is bisected into.
_MAX_PIECES = 1024
#: How many derivatives deep the monotonicity argument on a half-line may go.
_DEPTH = 3


class _RefusedError(ValueError):
    """An expression outside what the interval evaluation handles."""


def _iv(e: sp.Expr, x: sp.Symbol, at: mp.iv.mpf) -> mp.iv.mpf:
    """An interval containing every value of `e` for x in `at`."""
    iv = mp.iv
    if e == x:
        return at
    if e.is_Rational:  # the integers exactly, the quotient rounded outwards
        p, q = (iv.mpf(mp.make_mpf(mp.libmp.from_int(int(n)))) for n in (e.p, e.q))  # type: ignore[attr-defined]
        return p / q
    if e.is_Float:
        return iv.mpf(mp.make_mpf(e._mpf_))  # type: ignore[attr-defined]  # exactly the Float
    if e is sp.pi:
        return iv.pi
    if e is sp.E:
        return iv.e
    if isinstance(e, sp.Add):
        out = iv.mpf(0)
        for a in e.args:
            out += _iv(a, x, at)
        return out
    if isinstance(e, sp.Mul):
        out = iv.mpf(1)
        for a in e.args:
            out *= _iv(a, x, at)
        return out
    if isinstance(e, sp.Pow):
        base, k = e.args
        b = _iv(base, x, at)
        if k.is_Integer:
            n = int(k)
            if n >= 0:
                return b**n
            if 0 in b:
                raise _RefusedError("a negative power of an interval holding 0")
            return 1 / b ** (-n)
        if k == sp.S.Half:
            if b.a < 0:
                raise _RefusedError("a square root of an interval reaching below 0")
            return iv.sqrt(b)
        if b.a <= 0:
            raise _RefusedError("a real power of an interval reaching 0")
        return iv.exp(_iv(k, x, at) * iv.log(b))
    if isinstance(e, sp.exp):
        return iv.exp(_iv(e.args[0], x, at))
    if isinstance(e, sp.log):
        b = _iv(e.args[0], x, at)
        if b.a <= 0:
            raise _RefusedError("a logarithm of an interval reaching 0")
        return iv.log(b)
    if isinstance(e, sp.sin | sp.cos):
        return (iv.sin if isinstance(e, sp.sin) else iv.cos)(_iv(e.args[0], x, at))
    if isinstance(e, sp.Abs):
        b = _iv(e.args[0], x, at)
        return iv.mpf([0 if 0 in b else min(abs(b.a), abs(b.b)), max(abs(b.a), abs(b.b))])
    raise _RefusedError(f"no interval extension of {type(e).__name__}")


def _sign(e: sp.Expr, x: sp.Symbol, lo: mp.mpf, hi: mp.mpf) -> int:
    """+1 or −1 when `e` has that sign (never 0) for every x in [lo, hi]; 0 when unproved.
    A product's sign is its factors': an exponential is positive, and a factor whose interval
    is infinite (0·∞) cannot spoil the others."""
    sign = 1
    for f in sp.Mul.make_args(e):
        if isinstance(f, sp.exp):
            continue
        try:
            v = _iv(f, x, mp.iv.mpf([lo, hi]))
        except (_RefusedError, ArithmeticError, ValueError):
            return 0
        if v.a > 0:
            continue
        if v.b < 0:
            sign = -sign
            continue
        return 0
    return sign


@functools.lru_cache(maxsize=64)
def _forms(e: sp.Expr) -> tuple[sp.Expr, ...]:
    """`e` and forms of it with common factors pulled out, whose factors' signs may be read
    one by one (x·e^(x/3)/3 + e^(x/3) = (x + 3)·e^(x/3)/3)."""
    out = [e]
    for form in (sp.factor_terms(e), sp.factor_terms(sp.expand(e)), sp.factor(e)):
        if form not in out:
            out.append(form)
    return tuple(out)


def _signed(e: sp.Expr, x: sp.Symbol, lo: mp.mpf, hi: mp.mpf) -> int:
    for form in _forms(e):
        s = _sign(form, x, lo, hi)
        if s:
            return s
    return 0


def _bounded(e: sp.Expr, x: sp.Symbol, lo: mp.mpf, hi: mp.mpf) -> int | None:
    """The number of pieces [lo, hi] was bisected into for each to exclude 0; None if more
    than `_MAX_PIECES` would be needed."""
    todo, done = [(lo, hi)], 0
    while todo:
        a, b = todo.pop()
        if _signed(e, x, a, b):
            done += 1
            continue
        if done + len(todo) + 2 > _MAX_PIECES:
            return None
        m = (a + b) / 2
        todo += [(m, b), (a, m)]
    return done


def _half_line(e: sp.Expr, x: sp.Symbol, end: mp.mpf, side: int, depth: int) -> int:
    """The sign of `e` on [end, ∞) (side = +1) or (−∞, end] (side = −1), 0 if unproved."""
    lo, hi = (end, mp.inf) if side > 0 else (-mp.inf, end)
    s = _signed(e, x, lo, hi)
    if s or depth == 0:
        return s
    at_end = _signed(e, x, end, end)
    if not at_end:
        return 0
    slope = _half_line(sp.diff(e, x), x, end, side, depth - 1)
    # strictly monotone on the half-line, and moving away from 0 as x leaves the end point
    return at_end if slope * side * at_end > 0 else 0


def no_zero(g: sp.Expr, x: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> str | None:
    """How it was proved that `g` has no zero on the closed interval [lo, hi] ∩ ℝ (g real
    there; on a half-line, differentiable); None when no proof was found."""
    saved = mp.iv.prec  # mpmath's interval context has no workprec
    mp.iv.prec = _PREC
    try:
        with mp.workprec(_PREC):
            return _no_zero(g, x, lo, hi)
    finally:
        mp.iv.prec = saved


def _no_zero(g: sp.Expr, x: sp.Symbol, lo: sp.Expr, hi: sp.Expr) -> str | None:
    g = g.rewrite(sp.exp) if g.has(sp.tanh, sp.sinh, sp.cosh) else g
    try:  # the ends rounded outwards: the interval proved covers [lo, hi]
        lo_v = mp.mpf(_iv(lo, x, mp.iv.mpf(0)).a) if lo.is_finite else -mp.inf
        hi_v = mp.mpf(_iv(hi, x, mp.iv.mpf(0)).b) if hi.is_finite else mp.inf
    except _RefusedError:
        return None
    for cut in _CUTS:
        a = lo_v if lo.is_finite else min(mp.mpf(-cut), hi_v - 1)
        b = hi_v if hi.is_finite else max(mp.mpf(cut), a + 1)
        if lo is sp.S.NegativeInfinity and not _half_line(g, x, a, -1, _DEPTH):
            continue
        if hi is sp.S.Infinity and not _half_line(g, x, b, 1, _DEPTH):
            continue
        pieces = _bounded(g, x, a, b)
        if pieces is None:
            continue
        beyond = (
            ""
            if lo.is_finite and hi.is_finite
            else "; beyond it, the sign of its factors, or of its derivative's (monotone, "
            "away from 0)"
        )
        return (
            f"{g} ≠ 0 on [{lo}, {hi}]: interval arithmetic (mpmath.iv) on "
            f"[{mp.nstr(a, 6)}, {mp.nstr(b, 6)}] in {pieces} pieces{beyond}"
        )
    return None
