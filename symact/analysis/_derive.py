"""The calculus of the analysis: derivatives, limits at ±∞, roots, and the shape of a function
(monotonicity, range, extrema; of one period for a periodic one), each with provenance. The facts
are derived from these by the rules of [`rules`][symact.analysis._rules].

Every SymPy step that can hang (`limit`, `solveset`, `simplify`, `series`) runs under
[`budget.bounded`][symact.analysis._budget.bounded]. When SymPy fails or runs out of time the
derivation falls back to a high-precision numeric method (mpmath, `numeric.DPS` digits), named in
the fact's note, or reports the fact as undetermined with the reason. Nothing is guessed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

import mpmath as mp
import sympy as sp

from symact.analysis._budget import (
    bounded,
    bounded_each,
    crowded,
    memo_unless_crowded,
    simplified,
)
from symact.analysis._facts import Fact, How, Provenance, undetermined
from symact.analysis._numeric import (
    DPS,
    ESCALATION,
    ROOT_TOL,
    TINY,
    evaluator,
    sign_changes,
    sign_evaluator,
)
from symact.analysis._pieces import Region, Split, split, to_piecewise
from symact.functions import to_elementary

__all__ = ["INF", "NINF", "Limit", "Shape", "derivative", "limit_at", "shape", "simplest"]

#: Seconds allowed for one symbolic step.
STEP = 3.0
#: Seconds allowed for `solve` once `solveset` has given up. Its answers in the catalogue (the
#: LambertW minima of SiLU, ELiSH, APTx, GELU-sigmoid) take 0.1–0.5 s; it rarely succeeds late.
#: It is tried for the critical points of f only (`find_roots(..., fallback=True)`): there its
#: LambertW forms are the extrema people quote, while for the roots of f'' and for the points
#: where |f'| = ε it found nothing in the catalogue and spent 14 of the build's 180 CPU-seconds.
SOLVE = 1.0
#: Seconds for `solveset` on the points where |f'| = ε (saturation): its closed forms there
#: (sigmoid, tanh, softsign …) take at most 0.6 s in the catalogue; where it ran longer
#: (GELU-sigmoid, ELiSH) it ran out of `STEP` too, and the threshold is numeric either way.
CROSSING = 1.0
#: `solve` is tried only when the sign-change scan found at most this many roots: its answer is
#: used only when it accounts for every root found, and its lists are short (more roots than
#: this come from oscillation — sinc — or from rounding noise in a tail).
SOLVE_MAX_ROOTS = 8
#: Highest derivative order compared at breakpoints before calling a point smooth.
MAX_ORDER = 6
INF, NINF = sp.S.Infinity, sp.S.NegativeInfinity


# --- simplification and derivatives ------------------------------------------------------------


@lru_cache(maxsize=4096)
def simplest(e: sp.Expr, seconds: float = STEP) -> sp.Expr:
    """The shortest of `e`, `factor(e)` and `simplify(e)` (by operation count), each computed
    within the budget; ties keep the earlier, less rewritten form."""
    best = e
    for out in bounded_each(seconds, [partial(sp.factor, e), partial(sp.simplify, e)], "simplify"):
        if out.ok and out.value is not None and sp.count_ops(out.value) < sp.count_ops(best):
            best = out.value
    return best


def _strict(cond: sp.Basic) -> sp.Basic:
    """A condition with every non-strict inequality made strict (the derivative of a piecewise
    function is undefined on the boundaries until shown otherwise)."""
    return cond.replace(
        lambda c: isinstance(c, sp.GreaterThan | sp.LessThan),
        lambda c: (sp.StrictGreaterThan if isinstance(c, sp.GreaterThan) else sp.StrictLessThan)(
            c.lhs, c.rhs
        ),
    )


def derivative(expr: sp.Expr, x: sp.Symbol, n: int = 1) -> sp.Expr:
    """The `n`-th derivative of `expr`, simplified within a time budget.

    For a piecewise function (Max, Min, Abs, Piecewise …), each branch is differentiated. When the
    expression has no parameters the result is undefined (`nan`) exactly at the breakpoints where
    the `n`-th derivative does not exist; with symbolic parameters every boundary is excluded.
    """
    if n < 0:
        raise ValueError("the order of a derivative is at least 0")
    e = to_piecewise(expr)
    if not isinstance(e, sp.Piecewise):
        return expr if n == 0 else simplest(sp.diff(expr, x, n))
    if e.free_symbols - {x}:
        branches = [(simplest(sp.diff(ei, x, n)), _strict(ci)) for ei, ci in e.args]
        last = branches[-1]
        if last[1] is sp.true and n > 0:
            bounds = {b for _, ci in e.args for b in _boundaries(ci, x)}
            if bounds:
                away = sp.And(*(sp.Ne(x, b) for b in bounds))
                branches[-1] = (last[0], away)
        return sp.Piecewise(*branches) if n > 0 else e
    return _assemble(split(expr, x), x, n)


def _boundaries(cond: sp.Basic, x: sp.Symbol) -> set[sp.Expr]:
    out: set[sp.Expr] = set()
    for rel in cond.atoms(sp.Rel):
        sol = bounded(STEP, partial(sp.solve, sp.Eq(rel.lhs, rel.rhs), x), "solve")
        out |= set(sol.value or ())
    return out


def _assemble(s: Split, x: sp.Symbol, n: int) -> sp.Expr:
    """A Piecewise for the n-th derivative from a split, defined at a breakpoint only where the
    one-sided n-th derivatives agree with each other (and with the value, for n = 0)."""
    if n == 0:
        branches: list[tuple[sp.Expr, sp.Basic]] = []
        for i, r in enumerate(s.regions):
            branches.append((r.expr, _open(r, x)))
            if i < len(s.points) and s.points[i][1] is not None:
                branches.append((s.points[i][1], sp.Eq(x, s.points[i][0])))
        return _merge(branches, x)
    dr = [simplest(sp.diff(r.expr, x, n)) for r in s.regions]
    branches = []
    for i, r in enumerate(s.regions):
        branches.append((dr[i], _open(r, x)))
        if i < len(s.points):
            b, v = s.points[i]
            if v is None:
                continue
            ok = True
            left = _side_limit(dr[i], x, b, "-")
            right = _side_limit(dr[i + 1], x, b, "+")
            for k in range(n):
                lk = _side_limit(sp.diff(r.expr, x, k), x, b, "-")
                rk = _side_limit(sp.diff(s.regions[i + 1].expr, x, k), x, b, "+")
                ok = ok and _same(lk, rk) and (k > 0 or _same(lk, v))
                ok = ok and not (lk is not None and lk.is_infinite)
            # the same infinite limit from both sides is no derivative (x²·ln|x|'s f'' at 0)
            if ok and left is not None and not left.is_infinite and _same(left, right):
                branches.append((left, sp.Eq(x, b)))
    return _merge(branches, x)


def _open(r: Region, x: sp.Symbol) -> sp.Basic:
    return sp.Interval.open(r.lo, r.hi).as_relational(x)


def _merge(branches: list[tuple[sp.Expr, sp.Basic]], x: sp.Symbol) -> sp.Expr:
    """Join neighbouring branches with equal expressions into one condition."""
    out: list[tuple[sp.Expr, sp.Basic]] = []
    for e, c in branches:
        if out and out[-1][0] == e:
            joined = sp.Or(out[-1][1], c).as_set().as_relational(x)
            out[-1] = (e, joined)
        else:
            out.append((e, c))
    if len(out) == 1 and out[0][1] is sp.true:
        return out[0][0]
    return sp.Piecewise(*out)


# --- limits ---------------------------------------------------------------------------------------


def _same(a: sp.Expr | None, b: sp.Expr | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    if not (a.is_finite and b.is_finite):
        return False
    with mp.workdps(DPS):
        va, vb = mp.mpf(sp.N(a, DPS)), mp.mpf(sp.N(b, DPS))
        return bool(abs(va - vb) <= TINY * (1 + abs(va)))


@memo_unless_crowded(maxsize=4096)
def _side_limit(e: sp.Expr, x: sp.Symbol, b: sp.Expr, d: str) -> sp.Expr | None:
    """One-sided limit of a region's expression at a finite point (exact, or None)."""
    direct = e.subs(x, b)
    if direct.is_finite and not direct.has(sp.nan, sp.zoo):
        return sp.nsimplify(direct) if direct.is_Float else simplified(direct)
    out = bounded(STEP, lambda: sp.limit(to_elementary(e), x, b, d), "limit")
    if out.ok and out.value is not None and not out.value.has(sp.AccumBounds, sp.nan, sp.zoo):
        return out.value  # type: ignore[no-any-return]
    return None


@dataclass(frozen=True)
class Limit:
    """A limit at ±∞: its value (SymPy), provenance and note."""

    value: sp.Expr | None
    how: How
    provenance: Provenance
    #: Where f keeps oscillating when it has no limit: (lower, upper) bounds of its limit points.
    oscillates: tuple[sp.Expr, sp.Expr] | None = None

    @property
    def note(self) -> str:
        return self.provenance.text()

    def fact(self) -> Fact:
        if self.value is None:
            if self.how == "exact":
                return Fact(None, "exact", provenance=self.provenance)
            return undetermined(self.note)
        return Fact(self.value, self.how, provenance=self.provenance)


def _band(v: sp.Expr) -> tuple[sp.Expr, sp.Expr] | None:
    """The bounds of SymPy's `AccumBounds` answer, when they can be read off soundly."""
    if isinstance(v, sp.AccumBounds):
        return (v.min, v.max)
    # `oo*sign(AccumBounds(-1, 1))`: unbounded in both directions.
    ends = [
        v.replace(lambda a: isinstance(a, sp.AccumBounds), lambda a, k=k: a.args[k]) for k in (0, 1)
    ]
    if {ends[0], ends[1]} == {INF, NINF} and v.as_coeff_Mul()[0] in (INF, NINF, 1):
        return (NINF, INF)
    return None


TAIL = (2, 4, 8, 16, 32)


def _tail_values(e: sp.Expr, x: sp.Symbol, side: sp.Expr) -> list[mp.mpf | None]:
    """f at x = ±1e2, ±1e4 … ±1e32; None where undefined or too slow (mpmath needs huge
    precision for tanh(exp(1e16)), so each value has a budget, and once one runs out the
    values farther out, slower still, are not tried)."""
    g = evaluator(e, x)
    sgn = 1 if side is INF else -1
    points = [mp.mpf(sgn) * mp.mpf(10) ** k for k in TAIL]
    return [
        v.value if v.ok else None
        for v in bounded_each(1.0, [partial(g, p) for p in points], "evaluation")
    ]


#: How many of the values at |x| = 1e2 … 1e32 a limit is checked against, at least.
EVIDENCE = 3


def _consistent(v: sp.Expr, vals: list[mp.mpf | None]) -> bool:
    """Whether values of f at |x| = 1e2 … 1e32 support the claimed limit `v` (True when
    fewer than `EVIDENCE` of them are known: no evidence either way; `limit_at` then asks
    every form)."""
    got = [t for t in vals if t is not None]
    if len(got) < EVIDENCE:
        return True
    if v in (INF, NINF):
        sgn = 1 if v is INF else -1
        if sgn * got[-1] > 10**6 and sgn * got[-1] >= sgn * got[-2]:
            return True
        # Slow growth (a logarithm: 73.7 at 1e32) supports ±∞ when the rises between
        # |x| = 1e8, 1e16, 1e32 do not shrink. Every convergent tail's rises shrink: those of
        # L − c/ln|x| halve as the exponent doubles, while those of ln|x| double and those of
        # ln ln|x| stay the same. The values must have grown past 1 (ln ln 1e32 is 4.3): rises
        # of rounding noise (x·10⁻⁶⁰ for a slope known to 60 digits: tsrelu's intercept) grow
        # too, but stay tiny.
        a, b, c = (sgn * t for t in got[-3:])
        return bool(c > 1 and b > a and c - b >= b - a)
    target = _num(v)
    target = _num(v)
    dist = [abs(t - target) for t in got]
    return bool(dist[-1] <= mp.mpf(10) ** -6 * (1 + abs(target)) and dist[-1] <= dist[0])


_HYPERBOLIC = (sp.tanh, sp.sinh, sp.cosh, sp.coth, sp.sech, sp.csch)


@memo_unless_crowded(maxsize=1024)
def limit_at(e: sp.Expr, x: sp.Symbol, side: sp.Expr) -> Limit:
    """Limit of `e` as x → side (±∞).

    SymPy's `limit` (on the expression, on its `together` form and, with hyperbolic functions,
    on its exponential form, each within budget) is accepted only when those found agree and
    values at |x| = 1e2 … 1e32 support it: `limit` has known wrong answers (it gives 0 for
    SiLU' at +∞ in one form, and for TSReLU' at +∞). Where a crowded machine (steps stopped by
    the wall clock) left too few of those values, every form is asked and two must agree.
    Otherwise the values at large |x| must settle, and the result is numeric; else undetermined.
    """
    before = crowded()
    vals = _tail_values(e, x, side)
    evidence = sum(v is not None for v in vals) >= EVIDENCE
    # Values too slow to compute on any machine (gish″'s e^(−eˣ) at 1e4) leave SymPy's first
    # answer unchecked, as it always was; values lost to a crowded machine (their steps stopped
    # by the wall clock) ask every form, which must agree.
    strict = not evidence and crowded() != before
    el = to_elementary(e)
    found: list[sp.Expr] = []
    reason = ""
    forms = [el, sp.together(el)]
    if el.has(*_HYPERBOLIC):
        # limit has wrong answers for tanh of a function with a finite limit (tanh(σ(x)/2) → 1/2
        # at +∞); written with exponentials, the Gruntz algorithm gets it (tanh 1/2)
        forms.append(el.rewrite(_HYPERBOLIC, sp.exp))
    forms = list(dict.fromkeys(forms))  # a form twice would be no cross-check
    for form in forms:
        if found and not strict and _consistent(found[0], vals):
            break  # the later forms are only cross-checks when the first looks wrong
        out = bounded(STEP, partial(sp.limit, form, x, side), "limit")
        v = out.value
        if not out.ok or v is None:
            reason = out.reason
            if out.timed_out:
                break
            continue
        if v.has(sp.AccumBounds):
            band = _band(v)
            if band is None:
                return Limit(None, "undetermined", Provenance.of(f"sympy.limit returned {v}"))
            lo, hi = band
            why = Provenance.of(f"no limit: oscillates between {lo} and {hi}")
            return Limit(None, "exact", why, band)
        if v.has(sp.nan, sp.zoo) or not (v.is_extended_real or v in (INF, NINF)):
            reason = f"sympy.limit returned {v}"
            continue
        found.append(v)
    good = [v for v in found if _consistent(v, vals)]
    agree = bool(good) and all(_same(v, good[0]) or v == good[0] for v in good)
    if agree and strict and len(good) < 2:
        agree = False  # unchecked: two forms at least must give it
        reason = f"sympy.limit gave {good[0]} in one form only"
        reason += "; too few values at |x| = 1e2 … 1e32 to check it"
    elif not agree and strict and good:
        reason = f"sympy.limit gave {', '.join(map(str, good))} in its forms"
        reason += "; too few values at |x| = 1e2 … 1e32 to tell which is right"
    if agree and strict:
        note = f"sympy.limit: {len(good)} forms agree (too few values at large |x| to check)"
        return Limit(good[0], "exact", Provenance.of(note))
    if agree and not evidence:  # values too slow on any machine: said, not hidden
        note = "sympy.limit, unchecked: too few values at |x| = 1e2 … 1e32 could be computed"
        return Limit(good[0], "exact", Provenance.of(note))
    if agree:
        note = "sympy.limit, checked at |x| = 1e2 … 1e32"
        if len(good) < len(found):
            bad = ", ".join(str(v) for v in found if v not in good)
            note += f" (another form gave {bad}, rejected by those values)"
        return Limit(good[0], "exact", Provenance.of(note))
    if found and evidence:
        reason = f"sympy.limit gave {', '.join(map(str, found))}, not supported at large |x|"
    # Numeric: values at |x| = 1e8, 1e16, 1e32 must agree to DPS/2 digits.
    if all(v is not None for v in vals):
        a, b, c = (v for v in vals[-3:] if v is not None)
        if abs(c - b) <= TINY * (1 + abs(c)) and abs(b - a) <= TINY * (1 + abs(c)):
            if abs(c) <= TINY:
                c = mp.mpf(0)  # known to within TINY only, as every value here
            settles = ("value settles at |x| = 1e8 … 1e32",)
            why = Provenance(settles, (reason,) if reason else (), None, DPS)
            return Limit(sp.Float(mp.nstr(c, 20), 20), "numeric", why)
    return Limit(None, "undetermined", Provenance.of(reason or "no limit found"))


# --- roots --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Roots:
    """Zeros of a function in an open interval: exact SymPy values, or numeric Floats."""

    values: tuple[sp.Expr, ...]
    exact: bool
    provenance: Provenance

    @property
    def note(self) -> str:
        return self.provenance.text()


def _as_expr(v: mp.mpf) -> sp.Expr:
    return sp.Float(mp.nstr(v, 25), 25)


@lru_cache(maxsize=1024)
def find_roots(
    g: sp.Expr,
    x: sp.Symbol,
    lo: sp.Expr,
    hi: sp.Expr,
    symbolic: bool = True,
    fallback: bool = False,
    seconds: float = STEP,
) -> Roots:
    """Zeros of `g` in (lo, hi): `solveset` (then, with `fallback`, `solve` on a ConditionSet)
    within budget (`seconds` for `solveset`), checked against a sign-change scan; otherwise the
    scan's refined roots. Without `symbolic`, only the scan (for a caller whose result is
    numeric already)."""
    ev = evaluator(g, x)
    with mp.workdps(DPS):
        mlo = mp.mpf(-mp.inf) if lo is NINF else mp.mpf(sp.N(lo, DPS))
        mhi = mp.mpf(mp.inf) if hi is INF else mp.mpf(sp.N(hi, DPS))
    scanned = sign_changes(sign_evaluator(g, x), mlo, mhi)
    if not symbolic:
        return _scanned(scanned, ["not solved symbolically (the result is numeric anyway)"])
    domain = sp.Interval.open(lo, hi)
    ge = to_elementary(g)
    out = bounded(seconds, lambda: sp.solveset(ge, x, domain), "solveset")
    exact: list[sp.Expr] | None = None
    complete = False
    tried = [out.reason] if out.reason else []  # what gave way, in order
    if out.ok and isinstance(out.value, sp.FiniteSet):
        exact, complete = list(out.value.args), True
    elif out.ok and out.value is sp.S.EmptySet:
        exact, complete = [], True
    elif out.ok and isinstance(out.value, sp.ConditionSet | sp.Intersection | sp.Complement):
        tried = ["solveset gave " + type(out.value).__name__]
        if fallback and len(scanned) <= SOLVE_MAX_ROOTS:
            sol = bounded(SOLVE, lambda: sp.solve(ge, x), "solve")
            if sol.ok and isinstance(sol.value, list):
                exact = [s for s in sol.value if s.is_real and bool(domain.contains(s))]
                tried.append(f"solve found {len(exact)} of the scan's {len(scanned)} roots")
            elif sol.timed_out:
                tried.append(sol.reason)  # "solve exceeded its 1 s budget"
            elif sol.exception:
                tried.append(f"solve: SymPy raised {sol.exception}")
            else:
                tried.append(f"solve: {sol.reason or 'it gave no list of roots'}")
        elif fallback:
            tried[-1] += f" and the scan {len(scanned)} roots (too many to try `solve`)"
    elif out.ok:
        tried = [f"solveset gave {type(out.value).__name__} (infinitely many or unknown roots)"]
    if exact is not None:
        good = [r for r in exact if _vanishes(ev, r)]
        if complete and len(good) == len(exact):
            return Roots(tuple(sorted(good, key=float)), True, Provenance.of("sympy.solveset"))
        if good and all(any(_close(s, r) for r in good) for s in scanned):
            how = Provenance.of("sympy.solve; no other root found by a sign-change scan")
            return Roots(tuple(sorted(good, key=float)), True, how)
    return _scanned(scanned, tried or ["no closed form"])


#: How the sign-change scan finds and refines roots (see `numeric.sign_changes`).
SCAN = (
    f"roots by sign changes on a 1001-point grid (|x| ≤ 1.1e4; up to {ESCALATION[-1] * DPS}"
    " digits for the sign of a value near 0), refined by regula falsi (Anderson–Björck)"
)


def _scanned(scanned: Sequence[mp.mpf], tried: Sequence[str]) -> Roots:
    """The roots found by the sign-change scan, and what was tried before."""
    how = Provenance((SCAN,), tuple(tried), ROOT_TOL, DPS)
    return Roots(tuple(_as_expr(s) for s in scanned), False, how)


def _vanishes(ev: Callable[[mp.mpf], mp.mpf | None], r: sp.Expr) -> bool:
    with mp.workdps(DPS):
        v = ev(mp.mpf(sp.N(r, DPS)))
        return v is not None and abs(v) < mp.mpf(10) ** (-DPS // 3)


def _close(a: mp.mpf, r: sp.Expr) -> bool:
    with mp.workdps(DPS):
        return bool(abs(a - mp.mpf(sp.N(r, DPS))) <= mp.mpf(10) ** (-20) * (1 + abs(a)))


# --- shape: monotonicity, range, extrema ---------------------------------------------------------


@dataclass
class Shape:
    """Monotonicity, image and extrema of a function over a split, with provenance."""

    monotonic: str
    image: sp.Set
    minimum: sp.Expr | None
    minimum_at: sp.Set
    maximum: sp.Expr | None
    maximum_at: sp.Set
    exact: bool
    #: How a numeric shape was found (empty for an exact one).
    provenance: Provenance = field(default_factory=Provenance)
    critical: list[sp.Expr] = field(default_factory=list)


def _num(v: sp.Expr) -> mp.mpf:
    with mp.workdps(DPS):
        if v is INF:
            return mp.inf
        if v is NINF:
            return -mp.inf
        return mp.mpf(sp.N(v, DPS))


def shape(
    regions: Sequence[tuple[Region, sp.Expr, sp.Expr]],
    points: Sequence[tuple[sp.Expr, sp.Expr | None]],
    ends: tuple[Limit, Limit],
    x: sp.Symbol,
    fallback: bool = False,
) -> Shape:
    """Analyse g given, per region, (region, g, g'), the values of g at the breakpoints and the
    limits of g at −∞ and +∞. With `fallback`, `solve` is tried for the roots of g' where
    `solveset` gives up (see `SOLVE`)."""
    exact = all(e.how == "exact" for e in ends)
    if any(e.oscillates == (NINF, INF) for e in ends):
        # Continuous and swinging to ±∞ on a tail: every real value is taken (intermediate
        # values), infinitely often, so f is not monotonic and has no extrema.
        return Shape(
            "not monotonic",
            sp.S.Reals,
            None,
            sp.S.EmptySet,
            None,
            sp.S.EmptySet,
            exact,
            Provenance.of("f oscillates without bound on a tail, so it takes every value"),
        )
    if any(e.oscillates is not None for e in ends):
        raise _Undetermined("f oscillates on a tail without a limit and is not periodic")
    how = Provenance()
    for e in ends:
        if e.how != "exact":
            how = how + e.provenance
    image: sp.Set = sp.S.EmptySet
    region_kind: list[str] = []
    sides: list[tuple[sp.Expr | None, sp.Expr | None]] = []
    attained: list[tuple[sp.Expr, sp.Set]] = []  # value, where
    critical: list[sp.Expr] = []
    for i, (r, g, dg) in enumerate(regions):
        left = ends[0].value if r.lo is NINF else _side_limit(g, x, r.lo, "+")
        right = ends[1].value if r.hi is INF else _side_limit(g, x, r.hi, "-")
        sides.append((left, right))
        if left is None or right is None:
            raise _Undetermined(f"a one-sided limit of region {i} is unknown")
        if _identically_zero(dg, x, r):
            region_kind.append("constant")
            c = simplified(g)
            image = image | sp.FiniteSet(c)
            attained.append((c, sp.Interval.open(r.lo, r.hi)))
            continue
        roots = find_roots(dg, x, r.lo, r.hi, fallback=fallback)
        exact = exact and roots.exact
        if not roots.exact:
            how = how + roots.provenance
        critical.extend(roots.values)
        cuts = [r.lo, *roots.values, r.hi]
        ev = sign_evaluator(dg, x)
        signs: set[int] = set()
        for a, b in itertools.pairwise(cuts):
            probe = Region(a, b, g).sample() if (a.is_infinite or b.is_infinite) else (a + b) / 2
            v = ev(_num(probe))
            if v is None:
                raise _Undetermined(f"g' is undefined at {probe}")
            if v != 0:
                signs.add(1 if v > 0 else -1)
        region_kind.append(
            "increasing" if signs == {1} else "decreasing" if signs == {-1} else "mixed"
        )
        cands: list[tuple[sp.Expr, bool, sp.Expr | None]] = [
            (left, False, None),
            (right, False, None),
        ]
        gv = []
        for c in roots.values:
            val = simplified(g.subs(x, c)) if roots.exact else _as_expr(evaluator(g, x)(_num(c)))
            gv.append(val)
            cands.append((val, True, c))
            attained.append((val, sp.FiniteSet(c)))
        lo_v = min(cands, key=lambda t: _num(t[0]))
        hi_v = max(cands, key=lambda t: _num(t[0]))
        lo_att = any(t[1] and _same(t[0], lo_v[0]) for t in cands)
        hi_att = any(t[1] and _same(t[0], hi_v[0]) for t in cands)
        lo_val = next((t[0] for t in cands if t[1] and _same(t[0], lo_v[0])), lo_v[0])
        hi_val = next((t[0] for t in cands if t[1] and _same(t[0], hi_v[0])), hi_v[0])
        image = image | sp.Interval(lo_val, hi_val, not lo_att, not hi_att)
    for b, v in points:
        if v is not None:
            image = image | sp.FiniteSet(v)
            attained.append((v, sp.FiniteSet(b)))

    # Monotonicity across breakpoints.
    def ordered(up: bool) -> bool:
        for i, (_b, v) in enumerate(points):
            lft, rgt = sides[i][1], sides[i + 1][0]
            seq = [lft, *([] if v is None else [v]), rgt]
            nums = [_num(s) for s in seq if s is not None]
            with mp.workdps(DPS):  # q + TINY at 53 bits could round below q itself
                for p, q in itertools.pairwise(nums):
                    slack = TINY * (1 + abs(p))
                    if (up and p > q + slack) or (not up and q > p + slack):
                        return False
        return True

    kinds = set(region_kind)
    if (
        kinds == {"constant"}
        and len(image.args if isinstance(image, sp.FiniteSet) else [0, 1]) == 1
    ):
        mono = "constant"
    elif kinds <= {"increasing", "constant"} and ordered(True):
        mono = "increasing" if "constant" not in kinds else "non-decreasing"
    elif kinds <= {"decreasing", "constant"} and ordered(False):
        mono = "decreasing" if "constant" not in kinds else "non-increasing"
    else:
        mono = "not monotonic"

    def extreme(low: bool) -> tuple[sp.Expr | None, sp.Set]:
        bound = image.inf if low else image.sup
        if bound.is_infinite or not bool(image.contains(bound)):
            return None, sp.S.EmptySet
        where: sp.Set = sp.S.EmptySet
        for val, at in attained:
            if _same(val, bound):
                where = where | at
        return bound, where

    mn, mn_at = extreme(True)
    mx, mx_at = extreme(False)
    return Shape(mono, image, mn, mn_at, mx, mx_at, exact, how, critical)


def _constant(c: sp.Expr) -> sp.Expr:
    """The shortest form of a constant among itself, `simplify` and `simplify` of its
    exponential form (tanh(log 2) becomes 3/5)."""
    best = simplified(c)
    if best.is_Atom or best.free_symbols:
        return best
    other = simplified(best.rewrite(sp.exp))
    return other if sp.count_ops(other) < sp.count_ops(best) else best


class _Undetermined(Exception):  # noqa: N818 - internal signal, not an error
    pass


def _identically_zero(e: sp.Expr, x: sp.Symbol, r: Region) -> bool:
    """Whether `e` is 0 on the whole region: structurally, or after `simplify` (budgeted) —
    which is not tried when a value inside the region is plainly not 0 (`simplify` of a
    derivative can take seconds to fail)."""
    if e == 0:
        return True
    if e.has(x) and _somewhere_nonzero(e, x, r):
        return False
    return bool(simplified(e) == 0)


def _somewhere_nonzero(e: sp.Expr, x: sp.Symbol, r: Region) -> bool:
    """Whether `e` has a value clearly away from 0 at a point of the region: the same value, to
    15 digits, at `DPS` and at `DPS` + 30 digits of working precision (rounding noise of terms
    that cancel would differ between the two)."""
    lo, hi = evaluator(e, x), evaluator(e, x, DPS + 30)
    mid = r.sample()
    for p in (mid, mid + sp.Rational(1, 3), mid - sp.Rational(7, 5)):
        if not r.contains(p):
            continue
        a, b = lo(_num(p)), hi(_num(p))
        if a is not None and b is not None and abs(a) > TINY:
            with mp.workdps(DPS):
                if abs(a - b) <= mp.mpf(10) ** -15 * abs(b):
                    return True
    return False


# --- periodic functions -----------------------------------------------------------------------


def _period(e: sp.Expr, x: sp.Symbol, ends: tuple[Limit, Limit]) -> sp.Expr | None:
    """The period of `e` (one expression, oscillating on both tails) when it is periodic."""
    if not all(lim.oscillates for lim in ends):
        return None
    out = bounded(STEP, partial(sp.periodicity, to_elementary(e), x), "period")
    t = out.value
    if out.ok and t is not None and t.is_positive and t.is_finite:
        return t  # type: ignore[no-any-return]
    return None


#: The integer of a periodic family c + kT.
K = sp.Symbol("k", integer=True)


def periodic_points(points: Sequence[sp.Expr], period: sp.Expr) -> sp.Set:
    """The points c + kT (k ∈ ℤ) for every c in `points`.

    Each family is written with its representative in (−T/2, T/2]; m families evenly spaced
    T/m apart are one family of period T/m (|cos x| = 1 at 0 + 2πk and π + 2πk: at πk).
    """
    reps: list[sp.Expr] = []
    for c in points:
        r = simplified(c - period * int(mp.nint(_num(c) / _num(period))))
        if _same(r, -period / 2):
            r = simplified(r + period)
        if not any(_same(r, q) for q in reps):
            reps.append(r)
    reps.sort(key=_num)
    m = len(reps)
    step = period / m if m else period
    gaps = [b - a for a, b in itertools.pairwise([*reps, reps[0] + period])] if m else []
    if m > 1 and all(_same(simplified(g), step) for g in gaps):
        return periodic_points([min(reps, key=lambda r: abs(_num(r)))], simplified(step))
    out: sp.Set = sp.S.EmptySet
    for r in reps:
        out = out | sp.ImageSet(sp.Lambda(K, r + period * K), sp.S.Integers)
    return out


def _families(s: sp.Set) -> tuple[list[sp.Expr], sp.Expr] | None:
    """The representatives and common period of a union of families c + kT, else `None`."""
    parts = s.args if isinstance(s, sp.Union) else (s,)
    reps, periods = [], set()
    for part in parts:
        if not isinstance(part, sp.ImageSet):
            return None
        e = part.lamda.expr
        periods.add(e.coeff(part.lamda.variables[0]))
        reps.append(e.subs(part.lamda.variables[0], 0))
    return (reps, periods.pop()) if len(periods) == 1 else None


def _periodic_shape(g: sp.Expr, dg: sp.Expr, x: sp.Symbol, period: sp.Expr) -> Shape:
    """Shape of a continuous periodic g from one period [0, T): the image is closed (every
    value of the period is attained) and each extremum is attained at families c + kT."""
    g0 = simplified(g.subs(x, 0))
    ends = (Limit(g0, "exact", Provenance()), Limit(g0, "exact", Provenance()))
    sh = shape([(Region(sp.S.Zero, period, g), g, dg)], [], ends, x)
    image = sp.Interval(sh.image.inf, sh.image.sup)
    if isinstance(sh.image, sp.FiniteSet):
        image = sh.image
    mono = "constant" if isinstance(image, sp.FiniteSet) else "not monotonic"

    def where(bound: sp.Expr, found: sp.Set) -> sp.Set:
        pts = list(found.args) if isinstance(found, sp.FiniteSet) else []
        if _same(g0, bound):
            pts.append(sp.S.Zero)
        return periodic_points(pts, period) if pts else sp.S.EmptySet

    note = f"periodic with period {period}: analysed on [0, {period}); extrema repeat every period"
    return Shape(
        mono,
        image,
        image.inf,
        where(image.inf, sh.minimum_at),
        image.sup,
        where(image.sup, sh.maximum_at),
        sh.exact,
        sh.provenance + Provenance.of(note),
        sh.critical,
    )
