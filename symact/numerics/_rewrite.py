"""Rewrite rules, kept as data, that make an expression safe to evaluate in floating point.

Each [`Rule`][symact.numerics._rewrite.Rule] is a `sympy.codegen.rewriting.ReplaceOptim` (a query
and a replacement) with a name, the reason it exists and an example it must change. The tests
prove every rule's output equal to its input, symbolically and with mpmath at many points, and
check that it leaves near misses alone.

[`stabilise`][symact.numerics._rewrite.stabilise] applies [`RULES`][symact.numerics._rewrite.RULES]
until nothing changes. SymPy's stock `optims_c99` rules (`expm1`, `log1p`, `log2`, `exp2`) are
part of the list; they are not enough alone: `log(1 + exp(x))` becomes `log1p(exp(x))`, which
still overflows at x = 710.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp
from sympy.codegen.rewriting import ReplaceOptim, expm1_opt, log1p_opt

from symact.functions import normal_cdf, normal_pdf, sigmoid, softplus
from symact.numerics._nodes import (
    expit,
    expit_prime,
    hypot,
    log1p,
    log_expit,
    log_ndtr,
    logaddexp,
    ndtr,
    sech_stable,
)

__all__ = ["RULES", "Rule", "stabilise"]

_u = sp.Symbol("u", real=True)
_w = sp.Wild("w")


@dataclass(frozen=True)
class Rule:
    """One rewrite: `optim` replaces what it matches by an equal, better-behaved expression."""

    name: str
    why: str
    optim: ReplaceOptim
    #: An expression (in the real symbol `u`) that the rule must change.
    example: sp.Expr
    #: An expression that looks alike but that the rule must leave alone (or `None`).
    near_miss: sp.Expr | None = None

    def __call__(self, expr: sp.Expr) -> sp.Expr:
        return self.optim(expr)  # type: ignore[no-any-return]


def _is(cls: type) -> Callable[[sp.Basic], bool]:
    return lambda e: isinstance(e, cls)


# --- complements: 1 ± g(u) written without cancellation ------------------------------------------

#: `c + sign·c·g(u)` is `c·repl(u)`: the pairs that cancel when g(u) → ∓1.
_COMPLEMENTS: tuple[
    tuple[Callable[[sp.Expr], sp.Expr | None], int, Callable[[sp.Expr], sp.Expr]]
] = (
    (lambda t: t.args[0] if isinstance(t, expit) else None, -1, lambda a: expit(-a)),
    (lambda t: t.args[0] if isinstance(t, expit) else None, -2, lambda a: -sp.tanh(a / 2)),
    (lambda t: t.args[0] if isinstance(t, ndtr) else None, -1, lambda a: ndtr(-a)),
    (lambda t: t.args[0] if isinstance(t, sp.erf) else None, 1, lambda a: sp.erfc(-a)),
    (lambda t: t.args[0] if isinstance(t, sp.erf) else None, -1, lambda a: sp.erfc(a)),
    (lambda t: t.args[0] if isinstance(t, sp.tanh) else None, 1, lambda a: 2 * expit(2 * a)),
    (lambda t: t.args[0] if isinstance(t, sp.tanh) else None, -1, lambda a: 2 * expit(-2 * a)),
    (
        lambda t: (
            t.base.args[0] if t.is_Pow and t.exp == 2 and isinstance(t.base, sp.tanh) else None
        ),
        -1,
        lambda a: sech_stable(a) ** 2,
    ),
    # 1 − tanh⁴u = sech²u·(1 + tanh²u) (TanhSoft-3's f″ holds tanh⁴x − 1 next to an e^(−x) term)
    (
        lambda t: (
            t.base.args[0] if t.is_Pow and t.exp == 4 and isinstance(t.base, sp.tanh) else None
        ),
        -1,
        lambda a: sech_stable(a) ** 2 * (1 + sp.tanh(a) ** 2),
    ),
    # 1 ± (2/π)·atan(u) nears 0 as u → ∓∞; π/2 ± atan(u) = atan(∓1/u) there (for |u| > 1
    # only: the sum loses at most a bit nearer 0, and 1/u there has no finite gradient at 0)
    (
        lambda t: t.args[0] if isinstance(t, sp.atan) else None,
        2 / sp.pi,
        lambda a: sp.Piecewise(
            (2 / sp.pi * sp.atan(-1 / a), a < -1), (1 + 2 / sp.pi * sp.atan(a), True)
        ),
    ),
    (
        lambda t: t.args[0] if isinstance(t, sp.atan) else None,
        -2 / sp.pi,
        lambda a: sp.Piecewise(
            (2 / sp.pi * sp.atan(1 / a), a > 1), (1 - 2 / sp.pi * sp.atan(a), True)
        ),
    ),
)  # type: ignore[assignment]


def _sigmoid_pair(e: sp.Basic) -> sp.Expr | None:
    """u where the product `e` has the factors σ(u) and σ(−u), else None."""
    if not e.is_Mul:
        return None
    args = {f.args[0] for f in e.args if isinstance(f, expit)}
    return next((u for u in args if -u in args and not u.could_extract_minus_sign()), None)


def _sigmoid_product(e: sp.Expr) -> sp.Expr:
    """σ(u)·σ(−u) = σ′(u), in the product `e`."""
    u = _sigmoid_pair(e)
    if u is None:  # pragma: no cover - the query matched, so the pair exists
        return e
    rest = [f for f in e.args if f not in (expit(u), expit(-u))]
    return sp.Mul(*rest) * expit_prime(u)


def _has_complement(e: sp.Basic) -> bool:
    return e.is_Add and _complement(e) is not e


def _complement(e: sp.Expr) -> sp.Expr:
    const, terms = e.as_coeff_add()
    if const == 0:
        return e
    for i, t in enumerate(terms):
        coeff, core = t.as_coeff_Mul()
        if core.is_Mul:  # a number that is no Number: atan(u)/π is (1/π)·atan(u)
            number, core = core.as_independent(*core.free_symbols, as_Add=False)
            coeff *= number
        for arg_of, sign, repl in _COMPLEMENTS:
            a = arg_of(core)
            if a is not None and coeff == sign * const:
                rest = terms[:i] + terms[i + 1 :]
                return sp.Add(const * repl(a), *rest)
    return e


def _factors(t: sp.Expr) -> list[sp.Expr]:
    """The factors g of the product `t` that a complement could apply to: each factor, and
    for a power bᵏ (k ≥ 2) also b and b²."""
    out: list[sp.Expr] = []
    for f in sp.Mul.make_args(t):
        out.append(f)
        if f.is_Pow and f.exp.is_Integer and f.exp >= 2:
            out += [f.base, f.base**2]
    return out


def _has_complement_of_products(e: sp.Basic) -> bool:
    return e.is_Add and _complement_of_products(e) is not e


def _complement_of_products(e: sp.Expr) -> sp.Expr:
    """c + sign·c·g(u) = c·repl(u) where c is a product, not a number: x·tanh(u) − x is
    −2x·σ(−2u), 6x·σ(u)² − 6x·σ(u) is −6x·σ(u)·σ(−u)."""
    terms = list(e.args)
    for i, t in enumerate(terms):
        for g in _factors(t):
            for arg_of, sign, repl in _COMPLEMENTS:
                a = arg_of(g)
                if a is None:
                    continue
                c = t / g / sign
                if c.is_number:
                    continue  # the rule "complement"
                rest = terms[:i] + terms[i + 1 :]
                if c in rest:
                    rest.remove(c)
                    return sp.Add(c * repl(a), *rest)
    return e


# --- square roots of sums of squares ------------------------------------------------------------


def _hypot_parts(e: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """(w, s) when e is k·w² + c with numbers k, c > 0: sqrt(e) = hypot(√k·w, √c)."""
    if not e.is_Add or len(e.args) != 2:
        return None
    const, terms = e.as_coeff_add()
    if not (const.is_Number and const > 0) or len(terms) != 1:
        return None
    k, core = terms[0].as_coeff_Mul()
    if not (k > 0 and core.is_Pow and core.exp == 2):
        return None
    return sp.sqrt(k) * core.base, sp.sqrt(const)


def _is_root_of_squares(e: sp.Basic) -> bool:
    return bool(
        e.is_Pow and e.exp.is_Rational and e.exp.q == 2 and _hypot_parts(e.base) is not None
    )


def _root_to_hypot(e: sp.Expr) -> sp.Expr:
    parts = _hypot_parts(e.base)
    if parts is None:  # pragma: no cover - the query matched, so the parts exist
        return e
    return hypot(*parts) ** (2 * e.exp)


def _on_sums(rewrite: Callable[[sp.Expr], sp.Expr]) -> ReplaceOptim:
    """A rule for sums that `rewrite` changes (it returns the sum itself where it does not)."""
    return ReplaceOptim(lambda e: e.is_Add and rewrite(e) is not e, rewrite)


def _log_shift(e: sp.Expr) -> sp.Expr:
    """log(u + c) − log(c), c > 0 a number, as log1p(u/c): SymPy's stock log1p rule factors
    log(x/2 + 1) into log(x + 2) − log(2) (NLReLU at beta = 1/2), losing every digit for
    tiny x."""
    terms = list(e.args)
    for t in terms:
        c = (-t).args[0] if isinstance(-t, sp.log) else None
        if c is None or not (c.is_number and c.is_positive):
            continue
        for other in terms:
            if isinstance(other, sp.log) and other.args[0].is_Add:
                rest = other.args[0] - c
                if rest.free_symbols and not rest.as_coeff_Add()[0]:
                    kept = [a for a in terms if a is not t and a is not other]
                    return sp.Add(*kept, log1p(rest / c))
    return e


def _hypot_cancel(e: sp.Expr) -> sp.Expr:
    """hypot(w, s) − s = w·w/(hypot + s); and k·w + k·hypot(w, s) for w < 0 = k·s·s/(hypot − w)."""
    terms = list(e.args)
    for i, t in enumerate(terms):
        k, core = t.as_coeff_Mul()
        if not isinstance(core, hypot):
            continue
        w, s = core.args
        rest = terms[:i] + terms[i + 1 :]
        if -k * s in rest:
            rest.remove(-k * s)
            return sp.Add(k * w * (w / (core + s)), *rest)
        if k * w in rest:
            rest.remove(k * w)
            safe = sp.Piecewise((k * s * (s / (core - w)), w < 0), (k * w + k * core, True))
            return sp.Add(safe, *rest)
    return e


def _hypot_ratio_cancel(e: sp.Expr) -> sp.Expr:
    """k + k·w/hypot(w, s) for w < −s (and k − k·w/hypot(w, s) for w > s), where w/hypot
    tends to ∓1, = k·(s/hypot)·(s/(hypot ∓ w)): no subtraction, no overflow."""
    terms = list(e.args)
    for i, t in enumerate(terms):
        k, core = t.as_coeff_Mul()
        ratio = _over_hypot(core)
        if ratio is None:
            continue
        h, w, s, scale = ratio
        k = k * scale  # core is c·w/h: swim's x/(2·hypot(x/2, 1)) is 1·(x/2)/hypot(x/2, 1)
        rest = terms[:i] + terms[i + 1 :]
        for c, side, far in ((k, w < -s, h - w), (-k, w > s, h + w)):
            if c in rest:
                rest.remove(c)
                if len(w.free_symbols) == 1:  # x/2 < −1 as x < −2
                    solved = _solved(side, next(iter(w.free_symbols)))
                    side = side if solved is None else solved
                safe = sp.Piecewise((c * (s / h) * (s / far), side), (c + k * w / h, True))
                return sp.Add(safe, *rest)
    return e


def _conjugate(e: sp.Expr) -> sp.Expr:
    """A + k·hypot(w, s)ᵐ (A a polynomial in x, m ≥ 3 odd) where A tends to −k·hypotᵐ, so that the
    leading terms cancel (pflu' has x⁵ + 3x³ + 2x + hypot(x, 1)⁵, which loses 2x² ULPs as
    x → −∞): where A and k have opposite signs it is (B² − A²)/(B − A), B = k·hypotᵐ, with
    B² − A² = k²(w² + s²)ᵐ − A² expanded exactly (its leading terms cancel symbolically) and
    no cancellation in B − A = B·(1 − A/B)."""
    terms = list(e.args)
    for i, t in enumerate(terms):
        k, core = t.as_coeff_Mul()
        g, m = (core.base, core.exp) if core.is_Pow else (core, sp.S.One)
        if not (isinstance(g, hypot) and m.is_Integer and m >= 3 and m % 2 == 1):
            continue  # m = 1 is the rule "hypot_cancellation"
        a = sp.Add(*(terms[:i] + terms[i + 1 :]))
        if len(e.free_symbols) != 1 or a.has(hypot) or a.is_number:
            continue
        (v,) = e.free_symbols
        if not a.is_polynomial(v):
            continue
        w, s = g.args
        b2 = sp.expand(k**2 * (w**2 + s**2) ** m)
        p = sp.expand(b2 - a**2)
        if sp.degree(p, v) >= sp.degree(b2, v):
            continue  # no leading terms cancel: no need
        side = _far_side(a, b2, k, v)
        if side is None:
            continue
        # B − A as B·(1 − A/B): no sum of this form again for the rule to take
        return sp.Piecewise((p / (t * (1 - a / t)), side), (e, True))
    return e


class _Guarded(ReplaceOptim):  # type: ignore[misc]
    """A rule for sums that `rewrite` turns into Piecewise((safe, side), (sum, True)): the same
    sum left as the fallback of such a Piecewise is not taken again (the next pass of
    `stabilise` would nest the Piecewise in itself)."""

    def __init__(
        self,
        rewrite: Callable[[sp.Expr], sp.Expr],
        kind: Callable[[sp.Basic], bool] = lambda e: bool(e.is_Add),
    ) -> None:
        super().__init__(lambda e: kind(e) and rewrite(e) is not e, rewrite)
        self._rewrite, self._kind = rewrite, kind

    def __call__(self, expr: sp.Expr) -> sp.Expr:
        done = {
            pw.args[-1].expr
            for pw in expr.atoms(sp.Piecewise)
            if len(pw.args) == 2
            and self._kind(pw.args[-1].expr)
            and pw == self._rewrite(pw.args[-1].expr)
        }
        return expr.replace(  # type: ignore[no-any-return]
            lambda e: self._kind(e) and e not in done and self._rewrite(e) is not e,
            self._rewrite,
        )


def _far_side(a: sp.Expr, b2: sp.Expr, k: sp.Expr, v: sp.Symbol) -> sp.Basic | None:
    """Where A + B cancels badly as v → ±∞ (B² = b2, k the sign of B): beyond the farthest
    real root of A and of 16A² − 9B², on each side where A and k differ in sign, |A| > ¾|B|
    (the sum loses more than 3 bits there). Nearer the origin the sum is the better form: the
    conjugate's B² carries 2m times the rounding of the root."""
    q = sp.Poly(sp.expand(16 * a**2 - 9 * b2) * a, v).sqf_part()
    if not all(c.is_Rational for c in q.all_coeffs()):
        return None
    roots = [sp.Float(r.evalf(20), 17) for r in sp.real_roots(q)]
    if not roots:
        return None
    lead = sp.Poly(a, v)
    out = []
    if k * lead.LC() * (-1) ** lead.degree() < 0:  # A(−∞) against B
        out.append(v < min(roots))
    if k * lead.LC() < 0:  # A(+∞) against B
        out.append(v > max(roots))
    return sp.Or(*out) if out else None


def _solved(cond: sp.Basic, v: sp.Symbol) -> sp.Basic | None:
    """`cond` (a polynomial inequality in v) as comparisons of v with numbers, or None."""
    try:
        out = cond.as_set().as_relational(v)
    except (NotImplementedError, TypeError, ValueError):
        return None
    if out is sp.false or any(
        not ((r.lhs == v and r.rhs.is_number) or (r.rhs == v and r.lhs.is_number))
        for r in out.atoms(sp.Rel)
    ):
        return None
    return out


def _over_hypot(e: sp.Expr) -> tuple[sp.Expr, sp.Expr, sp.Expr, sp.Expr] | None:
    """(hypot(w, s), w, s, c) when e is c·w/hypot(w, s), c a nonzero number."""
    for f in sp.Mul.make_args(e):
        if f.is_Pow and f.exp == -1 and isinstance(f.base, hypot):
            w, s = f.base.args
            c = sp.cancel(e * f.base / w)
            if c.is_number and c != 0:
                return f.base, w, s, c
    return None


def _exp_ratio_parts(e: sp.Basic) -> tuple[sp.Poly, sp.Poly, sp.Expr] | None:
    """(N, D, eᵘ) when e = N(eᵘ)/D(eᵘ), polynomials of degree ≥ 1 in eᵘ (u not a number)."""
    if not (e.is_Mul or e.is_Pow) or not any(a.is_Pow and a.exp < 0 for a in sp.Mul.make_args(e)):
        return None
    num, den = sp.fraction(sp.together(e))
    for t in den.atoms(sp.exp):
        u = t.args[0]
        if u.is_number or u.is_nonpositive:
            continue  # eᵘ ≤ 1 never overflows: nothing to flip
        if not u.is_positive and not _written_in(e, u):
            continue  # the ratio's own flipped form (in e⁻ᵘ) is not flipped back
        try:  # in a symbol for eᵘ: Poly itself would split e^(u² + 1) into e·e^(u²)
            top, bottom = (sp.Poly(p.xreplace({t: _T}), _T) for p in (num, den))
        except sp.PolynomialError:
            continue
        if top.degree() >= 1 and bottom.degree() >= 1:
            return top, bottom, t
    return None


_T = sp.Dummy("t", positive=True)


def _written_in(e: sp.Basic, u: sp.Expr) -> bool:
    """Whether `e` is written in eᵘ itself: e^(k·u) for no negative k."""
    ks = [a.args[0] / u for a in e.atoms(sp.exp)]
    ratios = [k for k in ks if k.is_number]
    return sp.exp(u) in e.atoms(sp.exp) and not any(k.is_negative for k in ratios)


def _exp_ratio(e: sp.Expr) -> sp.Expr:
    """N(eᵘ)/D(eᵘ) = (e⁻ᵐᵘ·N)/(e⁻ᵐᵘ·D), m the higher degree: polynomials in e⁻ᵘ ∈ (0, 1)."""
    parts = _exp_ratio_parts(e)
    if parts is None:  # pragma: no cover - the query matched, so the parts exist
        return e
    top, bottom, t = parts
    m = max(top.degree(), bottom.degree())
    s = sp.exp(-t.args[0])

    def flip(poly: sp.Poly) -> sp.Expr:
        return sp.Add(*(c * s ** (m - k) for (k,), c in poly.terms()))

    u = t.args[0]
    if u.is_positive:
        return flip(top) / flip(bottom)
    # u of either sign (eanaf'' holds N(eˣ)/(eˣ + 2)³: inf/inf from x = 709.8): in e⁻ᵘ where
    # u > 0, as it is where u < 0 (eᵘ ∈ (0, 1) there)
    side = u > 0
    if len(u.free_symbols) == 1:
        solved = _solved(side, next(iter(u.free_symbols)))
        side = side if solved is None else solved
    return sp.Piecewise((flip(top) / flip(bottom), side), (e, True))


#: The largest float64.
_MAX = sp.Float(1.7976931348623157e308, 53)


def _scaled_trig_parts(e: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """(k, w) when e is sin(k·w) or cos(k·w) with a number |k| > 1 and w not a number."""
    if not isinstance(e, (sp.sin, sp.cos)):
        return None
    k, w = e.args[0].as_coeff_Mul()
    if w.is_number or not (k.is_Number and abs(k) > 1):
        return None
    return k, w


def _scaled_trig(e: sp.Expr) -> sp.Expr:
    """sin(k·w) (or cos) where |w| ≤ max/|k|; beyond, where k·w overflows to ±inf (and sin(inf)
    is NaN), the same function of 2ᵐ·v, v = (k/2ᵐ)·w, by m double-angle steps (2ᵐ ≥ |k|, so
    |v| ≤ |w| is finite): sin 2v = 2·sin v·cos v, cos 2v = 1 − 2·sin² v. (Products of sums
    would be multiplied out by SymPy's expm1 rule, which factors; this form stays small.) Only
    the far branch is new, where the condition number |k·w·f'/f| is beyond 10³⁰⁰: any value
    of the right function of a nearby argument is as accurate as the standard asks.)"""
    parts = _scaled_trig_parts(e)
    if parts is None:  # pragma: no cover - the query matched, so the parts exist
        return e
    k, w = parts
    m = max(1, int(sp.ceiling(sp.log(abs(k), 2))))
    v = k / 2**m * w
    s, c = sp.sin(v), sp.cos(v)
    for _ in range(m):
        s, c = 2 * s * c, 1 - 2 * s**2
    far = s if isinstance(e, sp.sin) else c
    bound = sp.Float(float(_MAX) / abs(float(k)), 53)
    while bound * abs(k) > _MAX:  # pragma: no cover - float division rounded up
        bound = sp.Float(float(bound) * (1 - 2.0**-53), 53)
    return sp.Piecewise((e, sp.Abs(w) <= bound), (far, True))


#: The largest |u| whose sinh and cosh are finite floats (they overflow from 710.48 on).
_HYPERBOLIC_MAX = 710


def _scaled_hyperbolic_parts(e: sp.Basic) -> tuple[sp.Expr, sp.Function] | None:
    """(k, g) when e is k·g(u), g = sinh or cosh, with a number 0 < |k| < 1."""
    if not e.is_Mul:
        return None
    k, g = e.as_coeff_Mul()
    if not (k.is_Number and 0 < abs(k) < 1 and isinstance(g, (sp.sinh, sp.cosh))):
        return None
    return k, g


def _scaled_hyperbolic(e: sp.Expr) -> sp.Expr:
    """k·sinh(u) (or cosh) for |u| ≤ 710; beyond, where sinh(u) overflows though k·sinh(u) may
    not, the same by the addition theorem at |u| = a + c, c = ⌈log(1/|k|)⌉ + 1 (a whole number:
    a = |u| − c is exact): k·sinh(c)·cosh(a) + k·cosh(c)·sinh(a), terms that do not overflow
    before the value does and that never cancel (a > 0 there)."""
    parts = _scaled_hyperbolic_parts(e)
    if parts is None:  # pragma: no cover - the query matched, so the parts exist
        return e
    k, g = parts
    u = g.args[0]
    c = int(sp.ceiling(-sp.log(abs(k)))) + 1
    a = sp.Abs(u) - c
    if isinstance(g, sp.sinh):
        far = sp.sign(u) * (k * sp.sinh(c) * sp.cosh(a) + k * sp.cosh(c) * sp.sinh(a))
    else:
        far = k * sp.cosh(c) * sp.cosh(a) + k * sp.sinh(c) * sp.sinh(a)
    return sp.Piecewise((e, sp.Abs(u) <= _HYPERBOLIC_MAX), (far, True))


#: Beyond this |u|, 1/cosh(u) is below the smallest normal float (from 708.4 on).
_SECH_NORMAL = 700
#: The shift of the addition theorem in `_scaled_sech`.
_SECH_SHIFT = 64


def _scaled_sech_parts(e: sp.Basic) -> tuple[sp.Expr, sp.Expr] | None:
    """(p, u) when e is p·sech(u) (the node), p a factor that is not a number."""
    if not e.is_Mul:
        return None
    nodes = [f for f in e.args if isinstance(f, sech_stable)]
    if len(nodes) != 1:
        return None
    p, u = e / nodes[0], nodes[0].args[0]
    if p.is_number or p.has(sech_stable) or isinstance(u + _SECH_SHIFT, sp.Abs):
        return None  # a number times sech, or this rule's own far form
    return p, u


def _shifted(u: sp.Expr) -> sp.Expr:
    """|u| − c: the argument of sech in `_scaled_sech`'s far form."""
    return sp.Abs(u) - _SECH_SHIFT


def _scaled_sech(e: sp.Expr) -> sp.Expr:
    """p·sech(u) for |u| ≤ 700; beyond, where sech(u) is subnormal (its digits lost) though
    p·sech(u) may be normal (x·sech(x) at x = 711.5 is 1.4e−306), the addition theorem at
    |u| = a + c: p·sech(a)/(cosh(c) + sinh(c)·tanh(a)), whose numerator is normal (a ≥ 636)."""
    parts = _scaled_sech_parts(e)
    if parts is None:  # pragma: no cover - the query matched, so the parts exist
        return e
    p, u = parts
    c, a = _SECH_SHIFT, _shifted(u)
    far = p * sech_stable(a) / (sp.cosh(c) + sp.sinh(c) * sp.tanh(a))
    return sp.Piecewise((e, sp.Abs(u) <= _SECH_NORMAL), (far, True))


def _log_cosh(e: sp.Basic) -> bool:
    return isinstance(e, sp.log) and isinstance(e.args[0], sp.cosh)


def _log1p_of_square_parts(e: sp.Basic) -> sp.Expr | None:
    """w when e is log1p(w²) (log1p(k·v²) with a number k > 0: w = √k·v), v a polynomial
    (it grows like a power, so w² overflows long before the value)."""
    if not isinstance(e, log1p):
        return None
    k, core = e.args[0].as_coeff_Mul()
    if not (k.is_Number and k > 0 and core.is_Pow and core.exp == 2):
        return None
    if core.base.atoms(sp.Function):
        return None  # log1p(2·sinh²(u/2)) overflows only past 1420, where f has its tail
    return sp.sqrt(k) * core.base


def _log1p_of_square(e: sp.Expr) -> sp.Expr:
    """log1p(w²) for |w| ≤ 1; beyond, where w² overflows for |w| > 1e154 though the value is
    finite, 2·log|w| + log1p(w⁻²): a sum of two terms ≥ 0, which never cancels."""
    w = _log1p_of_square_parts(e)
    if w is None:  # pragma: no cover - the query matched, so the parts exist
        return e
    far = 2 * sp.log(sp.Abs(w)) + log1p(1 / w**2)
    return sp.Piecewise((e, sp.Abs(w) <= 1), (far, True))


def _inverse_cosh(e: sp.Basic) -> bool:
    return bool(e.is_Pow and e.exp.is_Integer and e.exp < 0 and isinstance(e.base, sp.cosh))


def _log_of(inner: type[sp.Function], node: type[sp.Function]) -> ReplaceOptim:
    """log(inner(u)) → node(u)."""
    return ReplaceOptim(
        lambda e: isinstance(e, sp.log) and isinstance(e.args[0], inner),
        lambda e: node(e.args[0].args[0]),
    )


def _softplus_pattern(e: sp.Basic) -> bool:
    if not isinstance(e, sp.log) or not e.args[0].is_Add:
        return False
    const, terms = e.args[0].as_coeff_add()
    return bool(const == 1 and len(terms) == 1 and isinstance(terms[0], sp.exp))


def _logistic_pattern(e: sp.Basic) -> bool:
    return bool(e.is_Pow and e.exp == -1 and _softplus_pattern(sp.log(e.base, evaluate=False)))


#: The rules, applied in this order until nothing changes.
RULES: tuple[Rule, ...] = (
    Rule(
        "sigmoid",
        "1/(1 + e^(−u)) overflows for u < −709; scipy.special.expit does not",
        ReplaceOptim(_is(sigmoid), lambda e: expit(e.args[0])),
        sigmoid(_u),
    ),
    Rule(
        "logistic",
        "the same sigmoid, written out in exponentials",
        ReplaceOptim(_logistic_pattern, lambda e: expit(-e.base.as_coeff_add()[1][0].args[0])),
        1 / (1 + sp.exp(-_u)),
        1 / (2 + sp.exp(-_u)),
    ),
    Rule(
        "softplus",
        "log(1 + e^u) overflows for u > 709; logaddexp(0, u) does not",
        ReplaceOptim(_is(softplus), lambda e: logaddexp(0, e.args[0])),
        softplus(_u),
    ),
    Rule(
        "softplus_written_out",
        "log(1 + e^u) overflows for u > 709 (log1p(e^u) too); logaddexp(0, u) does not",
        ReplaceOptim(
            _softplus_pattern, lambda e: logaddexp(0, e.args[0].as_coeff_add()[1][0].args[0])
        ),
        sp.log(1 + sp.exp(_u)),
        sp.log(2 + sp.exp(_u)),
    ),
    Rule(
        "normal_cdf",
        "(1 + erf(u/√2))/2 cancels to 0 for u < −8.3; scipy.special.ndtr does not",
        ReplaceOptim(_is(normal_cdf), lambda e: ndtr(e.args[0])),
        normal_cdf(_u),
    ),
    Rule(
        "normal_pdf",
        "the density in exponentials (NumPy has no normal density)",
        ReplaceOptim(_is(normal_pdf), lambda e: normal_pdf.definition(e.args[0])),
        normal_pdf(_u),
    ),
    Rule(
        "log_sigmoid",
        "log(expit(u)) is −inf for u < −745; scipy.special.log_expit is exact there",
        _log_of(expit, log_expit),
        sp.log(expit(_u)),
        sp.log(2 * expit(_u)),
    ),
    Rule(
        "log_normal_cdf",
        "log(ndtr(u)) is −inf for u < −38.5; scipy.special.log_ndtr is accurate there",
        _log_of(ndtr, log_ndtr),
        sp.log(ndtr(_u)),
        sp.log(2 * ndtr(_u)),
    ),
    Rule(
        "complement",
        "1 − σ(u), 1 − Φ(u), 1 ± erf(u), 1 ± tanh(u), 1 − tanh²(u), 1 ± (2/π)·atan(u) lose "
        "every digit where the function nears ∓1; σ(−u), Φ(−u), erfc(∓u), 2σ(±2u), sech²(u), "
        "(2/π)·atan(∓1/u) are the same, exactly",
        _Guarded(_complement),
        1 - sp.tanh(_u) ** 2,
        2 - sp.tanh(_u) ** 2,
    ),
    Rule(
        "complement_of_products",
        "the same where 1 is a product c (x·tanh(u) − x, x·σ(u)² − x·σ(u)): c − c·σ(u) loses "
        "every digit of c·σ(−u) where σ(u) nears 1; c·σ(−u) is the same, exactly",
        ReplaceOptim(_has_complement_of_products, _complement_of_products),
        _u * sp.tanh(_u) - _u,
        _u * sp.tanh(_u) - 2 * _u,
    ),
    Rule(
        "sigmoid_product",
        "σ(u)·σ(−u) (σ′, and a factor of many second derivatives) costs two logistic "
        "functions; σ′(u) = s·(1 − s) with s = σ(−|u|) = t/(1 + t), t = e^(−|u|), is the same "
        "from one exponential, which never overflows, with no cancellation (1 − s ≥ ½)",
        ReplaceOptim(lambda e: _sigmoid_pair(e) is not None, _sigmoid_product),
        _u * expit(_u) * expit(-_u),
        expit(_u) * expit(1 - _u),
    ),
    Rule(
        "expm1",
        "e^u − 1 loses every digit for tiny u (SymPy's stock rule)",
        expm1_opt,
        sp.exp(_u) - 1,
        sp.exp(_u) + _u,
    ),
    Rule(
        "log_shift",
        "log(u + c) − log(c) loses every digit for tiny u: it is log1p(u/c)",
        _on_sums(_log_shift),
        sp.log(_u**2 + 2) - sp.log(2),
        sp.log(_u**2 + 2) - sp.log(3),
    ),
    Rule(
        "log1p",
        "log(1 + u) loses every digit for tiny u (SymPy's stock rule)",
        log1p_opt,
        sp.log(1 + _u),
        sp.log(2 + _u),
    ),
    Rule(
        "hypot",
        "√(k·u² + c) overflows in u² for |u| > 1e154; hypot(√k·u, √c) does not",
        ReplaceOptim(_is_root_of_squares, _root_to_hypot),
        1 / sp.sqrt(1 + 3 * _u**2),
        sp.sqrt(1 - _u**2),
    ),
    Rule(
        "hypot_cancellation",
        "hypot(u, s) − s cancels near u = 0 and u + hypot(u, s) cancels for u ≪ 0: "
        "multiplying by the conjugate removes the subtraction",
        _on_sums(_hypot_cancel),
        _u + hypot(_u, 2),
        2 * _u + hypot(_u, 2),
    ),
    Rule(
        "hypot_ratio_cancellation",
        "k + k·u/hypot(u, s) cancels for u ≪ 0, where u/hypot tends to −1 (squareplus' was 0 "
        "from u = −1e8 on): multiplying by the conjugate removes the subtraction",
        _on_sums(_hypot_ratio_cancel),
        sp.Rational(1, 2) + _u / (2 * hypot(_u, 2)),
        1 + _u / (2 * hypot(_u, 2)),
    ),
    Rule(
        "hypot_conjugate",
        "A + k·hypot(w, s)ᵐ (m odd, A a polynomial tending to −k·hypotᵐ) loses the leading "
        "digits where A and k differ in sign (pflu' lost 2x² ULPs as x → −∞): there "
        "(k²(w² + s²)ᵐ − A²)/(k·hypotᵐ − A), the leading terms cancelled exactly",
        _Guarded(_conjugate),
        _u**3 + 3 * _u / 2 + hypot(_u, 1) ** 3,
        2 * _u**3 + hypot(_u, 1) ** 3,
    ),
    Rule(
        "exp_ratio",
        "a ratio of polynomials in e^u is inf/inf once e^u overflows (gish'' holds e^(e^x): "
        "from x = 6.57 on), though its value is finite: in e^(-u) it never overflows where "
        "u > 0 (a u of either sign keeps its form where u ≤ 0)",
        _Guarded(_exp_ratio, lambda e: bool(e.is_Mul or e.is_Pow)),
        (_u * sp.exp(_u**2 + 1) + 1) / (2 * sp.exp(_u**2 + 1) - 1) ** 2,
        1 / (2 * sp.exp(_u**2 + 1) - 1) ** 2,
    ),
    Rule(
        "scaled_trig",
        "sin(k·u) and cos(k·u) with |k| > 1 are NaN where k·u overflows (siren's sin(30x) for "
        "|x| > 6e306) though the true value is a normal float: there the same function by "
        "double-angle steps from an argument that does not overflow",
        ReplaceOptim(lambda e: _scaled_trig_parts(e) is not None, _scaled_trig),
        sp.sin(30 * _u),
        sp.sin(_u / 2),
    ),
    Rule(
        "scaled_hyperbolic",
        "k·sinh(u) and k·cosh(u) with |k| < 1 are inf from |u| = 710.5 on, where sinh(u) "
        "overflows, though the true value is a float up to 710.5 + log(1/|k|) (hyper-sinh's "
        "sinh(x)/3 at x = 711.5): there 2k·sinh(u/2)·cosh(u/2)",
        ReplaceOptim(lambda e: _scaled_hyperbolic_parts(e) is not None, _scaled_hyperbolic),
        sp.sinh(_u) / 3,
        3 * sp.sinh(_u),
    ),
    Rule(
        "scaled_sech",
        "p·sech(u) loses its digits from |u| = 708.4 on, where sech(u) is subnormal, though"
        " the product may be normal (x·sech(x) at x = 711.5): there by the addition theorem,"
        " from sech(|u| − 64)",
        ReplaceOptim(lambda e: _scaled_sech_parts(e) is not None, _scaled_sech),
        _u * sech_stable(_u),
        3 * sech_stable(_u),
    ),
    Rule(
        "log_cosh",
        "log(cosh(u)) is 0 for |u| < 1e−8, where cosh(u) rounds to 1, though it is u²/2:"
        " cosh(u) = 1 + 2·sinh²(u/2) exactly, and log1p keeps the small part",
        ReplaceOptim(_log_cosh, lambda e: log1p(2 * sp.sinh(e.args[0].args[0] / 2) ** 2)),
        sp.log(sp.cosh(_u)),
        sp.log(sp.sinh(_u)),
    ),
    Rule(
        "log1p_of_square",
        "log1p(u²) is inf for |u| > 1.3e154, where u² overflows, though it is 2·log|u| + …"
        " (the Seagull log(1 + x²) up to the largest float): there 2·log|u| + log1p(u⁻²)",
        ReplaceOptim(lambda e: _log1p_of_square_parts(e) is not None, _log1p_of_square),
        log1p(_u**2),
        log1p(_u**3),
    ),
    Rule(
        "sech",
        "1/cosh(u)^k overflows in cosh for |u| > 710 long before the true value underflows",
        ReplaceOptim(_inverse_cosh, lambda e: sech_stable(e.base.args[0]) ** (-e.exp)),
        1 / sp.cosh(_u) ** 2,
        sp.cosh(_u) ** 2,
    ),
    Rule(
        "sech_function",
        "SymPy's sech(u) is printed as 1/cosh(u), which overflows in cosh for |u| > 710",
        ReplaceOptim(_is(sp.sech), lambda e: sech_stable(e.args[0])),
        sp.sech(_u),
        sp.cosh(_u) ** 2,
    ),
)


def stabilise(expr: sp.Expr, rules: tuple[Rule, ...] = RULES, rounds: int = 8) -> sp.Expr:
    """`expr` rewritten by `rules` until it stops changing (at most `rounds` passes)."""
    for _ in range(rounds):
        before = expr
        for rule in rules:
            expr = rule(expr)
        if expr == before:
            break
    return expr
