"""The rules that derive every fact: one short function per fact or small group.

Each rule is registered with [`rule`][symact.analysis._engine.rule], naming the facts it derives,
the intermediates it gives other rules and what it needs; [`evaluate`][
symact.analysis._engine.evaluate] runs them in this order, each with its own budget and store
entry. Search for a fact's name here to find the rule that derives it; the helpers above the
rules compute one fact each, with the calculus of [`derive`][symact.analysis._derive]
(derivatives, limits, roots, the shape of a function).

Intermediates (never stored): `split` (f in pieces), `slopes` (f′ and f″ per piece), `f0` and
`df0` (f(0) and f′(0), None where they do not exist), `limits` and `slope_limits` (of f and f′
at ±∞), `points` (every breakpoint, removable ones too, with f′ there) and `order` (the lowest
order of continuity).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any

import mpmath as mp
import sympy as sp

from symact.analysis._budget import bounded as step
from symact.analysis._budget import simplified
from symact.analysis._derive import (
    CROSSING,
    INF,
    MAX_ORDER,
    NINF,
    STEP,
    Limit,
    Shape,
    _assemble,
    _constant,
    _families,
    _num,
    _period,
    _periodic_shape,
    _same,
    _side_limit,
    _Undetermined,
    find_roots,
    limit_at,
    periodic_points,
    shape,
    simplest,
)
from symact.analysis._engine import EXPRESSIONS, Given, rule
from symact.analysis._facts import (
    SHAPE_FACTS,
    Asymptote,
    Breakpoint,
    DefaultDiffers,
    Ends,
    Fact,
    How,
    Monotonicity,
    Parity,
    Provenance,
    Value,
    Y,
    spans,
    undetermined,
)
from symact.analysis._numeric import DPS, GRID, TINY, evaluator
from symact.analysis._pieces import Region, Split, split, to_piecewise
from symact.declare import argument_value
from symact.functions import to_elementary

__all__: list[str] = []


# --- how each fact is computed ----------------------------------------------------------------


def _fact(value: Value, exact: bool, how: str | Provenance = "") -> Fact:
    """A fact, exact or numeric, with its provenance (a phrase, or structured)."""
    if isinstance(how, Provenance):
        return Fact(value, "exact" if exact else "numeric", provenance=how)
    return Fact(value, "exact" if exact else "numeric", how)


def _asymptote(e: sp.Expr, x: sp.Symbol, side: sp.Expr, lim: Limit) -> Fact:
    if lim.value is None:
        if lim.oscillates is not None:
            return Fact(None, "exact", f"no asymptote: {lim.note}")
        return undetermined("the limit is unknown")
    if lim.value.is_finite:
        return Fact(Asymptote(sp.S.Zero, lim.value), lim.how, "horizontal")
    a = limit_at(e / x, x, side)
    if a.value is None:
        if a.oscillates is not None:
            return Fact(None, "exact", f"no asymptote: f/x has {a.note}")
        return undetermined(f"slope: {a.note}")
    if not a.value.is_finite or a.value.is_zero:
        why = "f grows faster than linearly" if not a.value.is_finite else "f/x → 0 but f → ±∞"
        return Fact(None, a.how, f"no asymptote: {why}")
    b = limit_at(e - a.value * x, x, side)
    if b.value is None:
        if b.oscillates is not None:
            return Fact(None, "exact", f"no asymptote: f − {a.value}·x has {b.note}")
        return undetermined(f"intercept: {b.note}")
    if not b.value.is_finite:
        if a.how != "exact":
            # f − a·x with a rounded slope grows like the rounding error times x
            return undetermined("intercept: the slope is known to 20 digits only")
        return Fact(None, b.how, "no asymptote: f − a·x is unbounded")
    how: How = "exact" if a.how == b.how == "exact" else "numeric"
    return Fact(
        Asymptote(a.value, b.value), how, "oblique" if not a.value.is_zero else "horizontal"
    )


@dataclass(frozen=True)
class _Point:
    """A breakpoint of the split, with f'(b) where f is differentiable there (for the shape of
    f'); a removable one (one analytic expression through b) is kept for f'(b) but is no
    breakpoint of the fact."""

    point: Breakpoint
    derivative: sp.Expr | None
    removable: bool


def _breakpoints(s: Split, x: sp.Symbol) -> tuple[list[_Point], sp.Expr, bool, str]:
    """Each breakpoint with its order of continuity, one-sided limits and derivatives."""
    out: list[_Point] = []
    overall: sp.Expr = INF
    exact = True
    notes: list[str] = []
    for i, (b, v) in enumerate(s.points):
        le, re = s.regions[i].expr, s.regions[i + 1].expr
        order: int | None = None
        sides: list[tuple[sp.Expr | None, sp.Expr | None]] = []
        for k in range(MAX_ORDER + 1):
            lk = _side_limit(sp.diff(le, x, k), x, b, "-")
            rk = _side_limit(sp.diff(re, x, k), x, b, "+")
            sides.append((lk, rk))
            if lk is None or rk is None:
                exact = False
                notes.append(f"one-sided limit at {b} unknown")
                order = k - 1
                break
            if not _same(lk, rk) or (k == 0 and not _same(lk, v)):
                order = k - 1
                break
            if lk.is_infinite or rk.is_infinite:
                # the same infinite limit from both sides is no value: f^(k) is unbounded
                # (x²·ln|x| has f'' = 2·ln|x| + 3 → −∞ either side of 0, so it is C¹)
                order = k - 1
                break
        point_order: sp.Expr = sp.Integer(order) if order is not None else INF
        if order is None and le != re:
            point_order = sp.Integer(MAX_ORDER)
            notes.append(f"at {b} one-sided derivatives agree up to order {MAX_ORDER}")
        if point_order < overall:
            overall = point_order
        if len(sides) > 1:
            slopes = sides[1]
        else:
            slopes = (
                _side_limit(sp.diff(le, x), x, b, "-"),
                _side_limit(sp.diff(re, x), x, b, "+"),
            )
        point = Breakpoint(b, point_order, v, *sides[0], *slopes)
        smooth1 = point_order == INF or bool(point_order >= 1)
        out.append(
            _Point(
                point,
                sides[1][0] if smooth1 and len(sides) > 1 else None,
                point_order == INF and order is None and le == re,
            )
        )
    return out, overall, exact, "; ".join(notes)


def _lipschitz(dsh: Shape, order: sp.Expr) -> tuple[Fact, Fact]:
    if order == -1:
        return (Fact(INF, "exact", "f jumps"), Fact(None, "exact", "at the jumps"))
    lo, hi = dsh.image.inf, dsh.image.sup
    sup = sp.Max(sp.Abs(lo), sp.Abs(hi)) if lo.is_finite and hi.is_finite else INF
    if sup is INF:
        return (
            _fact(INF, dsh.exact, "f' is unbounded"),
            Fact(None, "exact", "f' is unbounded"),
        )
    sup = simplified(sup)
    where: sp.Set = sp.S.EmptySet
    if dsh.maximum is not None and _same(sp.Abs(dsh.maximum), sup):
        where = where | dsh.maximum_at
    if dsh.minimum is not None and _same(sp.Abs(dsh.minimum), sup):
        where = where | dsh.minimum_at
    fam = _families(where) if where is not sp.S.EmptySet else None
    if fam is not None:
        where = periodic_points(*fam)
    how: How = "exact" if dsh.exact else "numeric"
    at = (
        _fact(where, dsh.exact)
        if where is not sp.S.EmptySet
        else Fact(None, how, "the supremum is approached, not attained")
    )
    method = Provenance() if dsh.exact else dsh.provenance
    if at.how == "numeric" and not at.note:
        at = Fact(at.value, at.how, provenance=method)
    sup_of = Provenance.of("sup |f'| over the range of f'") + method
    return _fact(sup, dsh.exact, sup_of), at


def _parity(expr: sp.Expr, x: sp.Symbol) -> Fact:
    ev = evaluator(expr, x)
    # 0 is a point too: an odd f has f(0) = −f(0) = 0 (sign(0) = 1 is not odd).
    pts = [mp.mpf(p) / 7 for p in (0, 1, 3, 5, 8, 13, 21, 34, 55, 89, 144)]
    witness = {"even": "", "odd": ""}
    compared, nonzero = 0, 0
    for p in pts:
        a, b = ev(p), ev(-p)
        if (a is None) != (b is None):  # real on one side only: the domain is not symmetric
            q, v = (p, a) if b is None else (-p, b)
            where = f"f({mp.nstr(q, 6)}) = {mp.nstr(v, 8)} but f({mp.nstr(-q, 6)}) is not real"
            return _fact(Parity.NEITHER, False, Provenance((where,), digits=DPS))
        if a is None or b is None:
            continue
        compared += 1
        nonzero += p != 0
        tol = TINY * (1 + abs(a))
        shown = f"f({mp.nstr(p, 6)}) = {mp.nstr(a, 8)}, f(−{mp.nstr(p, 6)}) = {mp.nstr(b, 8)}"
        if p == 0:
            shown = f"f(0) = {mp.nstr(a, 8)} ≠ 0"
        for kind, off in (("even", abs(a - b)), ("odd", abs(a + b))):
            if off > tol and not witness[kind]:
                witness[kind] = shown
    even, odd = not witness["even"], not witness["odd"]
    if (even or odd) and not nonzero:
        return undetermined("f is real at none of the sample points ±p (p ≠ 0) it was tried at")
    if not (even or odd):
        shown = "; ".join(f"not {k}: {w}" for k, w in witness.items())
        if witness["even"] == witness["odd"]:
            shown = witness["odd"]
        counter = Provenance((f"counterexample: {shown}",), digits=DPS)
        return _fact(Parity.NEITHER, False, counter)
    kind = Parity.EVEN if even else Parity.ODD
    diff = expr.subs(x, -x) - expr if even else expr.subs(x, -x) + expr
    proof = step(STEP, lambda: sp.simplify(to_elementary(to_piecewise(diff))), "simplify")
    if proof.ok and proof.value == 0:
        return Fact(kind, "exact", f"f(−x) {'−' if even else '+'} f(x) simplifies to 0")
    agree = f"f(−x) = {'' if even else '−'}f(x) at {compared} points"
    return _fact(kind, False, Provenance((agree,), (), float(TINY), DPS))


def _saturation(
    s: Split,
    d1: list[sp.Expr],
    dpoints: list[tuple[sp.Expr, sp.Expr | None]],
    dlim: tuple[Limit, Limit],
    x: sp.Symbol,
    side: sp.Expr,
    eps: float,
) -> Fact:
    lim = dlim[0] if side is NINF else dlim[1]
    if lim.value is None and lim.oscillates is not None:
        return Fact(None, "exact", f"does not saturate: f' has {lim.note}")
    if lim.value is None:
        return undetermined(f"the limit of f' is unknown: {lim.note}")
    if not lim.value.is_zero:  # a numeric 0.0 is a Float, and Float(0) != 0 in SymPy
        return Fact(None, lim.how, f"does not saturate: f' → {lim.value}")
    e = sp.nsimplify(eps)
    order = list(range(len(s.regions)))
    if side is INF:
        order.reverse()
    exact = lim.how == "exact"
    tried: list[Provenance] = []
    for i in order:
        r = s.regions[i]
        crossings: list[sp.Expr] = []
        for target in (d1[i] - e, d1[i] + e):
            roots = find_roots(target, x, r.lo, r.hi, exact, seconds=CROSSING)
            exact = exact and roots.exact
            if not roots.exact:
                tried.append(roots.provenance)
            crossings.extend(roots.values)
        if crossings:
            a = min(crossings, key=_num) if side is NINF else max(crossings, key=_num)
            return _threshold(a, exact, tried, side, eps)
        # No crossing inside: does |f'| reach ε at the next breakpoint?
        j = i if side is NINF else i - 1
        if 0 <= j < len(dpoints):
            b, dv = dpoints[j]
            nxt = s.regions[i + 1 if side is NINF else i - 1]
            onside = _side_limit(
                d1[i + 1 if side is NINF else i - 1], x, b, "+" if side is NINF else "-"
            )
            vals = [v for v in (dv, onside) if v is not None]
            jump = not _same(
                _side_limit(s.regions[i].expr, x, b, "-" if side is NINF else "+"),
                _side_limit(nxt.expr, x, b, "+" if side is NINF else "-"),
            )
            if jump or onside is None or any(_num(sp.Abs(v)) >= _num(e) for v in vals):
                return _threshold(b, exact, tried, side, eps)
    return _fact(INF if side is NINF else NINF, exact, f"|f'| < {eps:g} everywhere")


def _threshold(a: sp.Expr, exact: bool, tried: list[Provenance], side: sp.Expr, eps: float) -> Fact:
    rel = "x < a" if side is NINF else "x > b"
    how = Provenance.of(f"|f'(x)| < {eps:g} for every {rel}")
    return _fact(a, exact, how + tried[0] if tried else how)


def _taylor(s: Split, x: sp.Symbol, order: sp.Expr) -> Fact:
    r = s.region_at(sp.S.Zero)
    if r is None:
        for i, (b, _) in enumerate(s.points):
            if b == 0 and s.regions[i].expr == s.regions[i + 1].expr:
                r = s.regions[i]
    if r is None:
        return Fact(None, "exact", "0 is a breakpoint: f is not analytic there")
    out = step(STEP, lambda: sp.series(r.expr, x, 0, 6).removeO(), "series")
    if not out.ok or out.value is None:
        return undetermined(out.reason)
    poly = sp.expand(out.value)
    if not poly.is_polynomial(x):
        return Fact(None, "exact", "no Taylor series: f is not analytic at 0")
    coeffs = sp.Poly(poly, x).all_coeffs()[::-1]
    poly = sp.Add(*(_constant(c) * x**k for k, c in enumerate(coeffs)))
    return Fact(poly, "exact", "sympy.series to order 5")


def _output_identity(
    s: Split,
    d1: list[sp.Expr],
    dpoints: list[tuple[sp.Expr, sp.Expr | None]],
    x: sp.Symbol,
    mono: object,
) -> Fact:
    """f' in terms of y = f(x), region by region, checked numerically. The output f(b) of a
    breakpoint where f' exists joins a region whose g gives f'(b) there."""
    y = Y
    if mono == "not monotonic":
        return Fact(
            None,
            "exact",
            "f is not monotonic, so one output has several slopes: f' is not a function of f",
        )
    if mono is None:
        return undetermined("monotonicity unknown")
    pieces: list[tuple[sp.Expr, sp.Set]] = []
    for i, r in enumerate(s.regions):
        f, df = r.expr, d1[i]
        if not df.has(x):
            g: sp.Expr | None = df
        else:
            g = _in_output(f, df, x, y, r)
        if g is None:
            return undetermined("no closed form g with f' = g(f) found (SymPy could not invert f)")
        img = _region_image(f, x, r)
        if img is None:
            return undetermined("image of a region unknown")
        for g2, other in pieces:
            overlap = other.intersect(img)
            if overlap is not sp.S.EmptySet and simplified(g2 - g) != 0:
                return Fact(
                    None,
                    "exact",
                    "f' is not a function of f: two parts of the "
                    "graph share outputs with different slopes",
                )
        pieces.append((g, img))
    for (_, fb), (_, db) in zip(s.points, dpoints, strict=True):
        if fb is None or db is None or any(img.contains(fb) is sp.true for _, img in pieces):
            continue
        for k, (g, img) in enumerate(pieces):
            if simplified(g.subs(y, fb) - db) == 0:
                pieces[k] = (g, img | sp.FiniteSet(fb))
                break
    if len(pieces) == 1:
        res: sp.Expr = pieces[0][0]
    else:
        merged: list[tuple[sp.Expr, sp.Set]] = []
        for g, img in pieces:
            if merged and simplified(merged[-1][0] - g) == 0:
                merged[-1] = (merged[-1][0], merged[-1][1] | img)
            else:
                merged.append((g, img))
        res = (
            sp.Piecewise(*((g, img.as_relational(y)) for g, img in merged))
            if len(merged) > 1
            else merged[0][0]
        )
    return Fact(res, "exact", "f' = g(y) with y = f(x); checked at sample points")


def _region_image(f: sp.Expr, x: sp.Symbol, r: Region) -> sp.Set | None:
    if not f.has(x):
        return sp.FiniteSet(f)
    lo = _side_limit(f, x, r.lo, "+") if r.lo.is_finite else limit_at(f, x, NINF).value
    hi = _side_limit(f, x, r.hi, "-") if r.hi.is_finite else limit_at(f, x, INF).value
    if lo is None or hi is None:
        return None
    a, b = (lo, hi) if _num(lo) <= _num(hi) else (hi, lo)
    return sp.Interval.open(a, b)


def _in_output(f: sp.Expr, df: sp.Expr, x: sp.Symbol, y: sp.Symbol, r: Region) -> sp.Expr | None:
    candidates: list[sp.Expr] = []
    direct = df.subs(f, y)
    if not direct.has(x):
        candidates.append(direct)
    inv = step(STEP, lambda: sp.solveset(sp.Eq(y, to_elementary(f)), x, sp.S.Reals), "solveset")
    sols = inv.value
    while inv.ok and isinstance(sols, sp.Intersection | sp.Complement):
        sols = next(
            (a for a in sols.args if isinstance(a, sp.FiniteSet | sp.Intersection | sp.Complement)),
            None,
        )
    if inv.ok and isinstance(sols, sp.FiniteSet):
        for sol in sols.args:
            g = step(STEP, partial(sp.simplify, to_elementary(df).subs(x, sol)), "simplify")
            if g.ok and g.value is not None and not g.value.has(x):
                candidates.append(g.value)
    fe, de = evaluator(f, x), evaluator(df, x)
    lo, hi = _num(r.lo), _num(r.hi)
    pts = [p for p in GRID[::50] if lo < p < hi] or [_num(r.sample())]
    for g in candidates:
        gy = evaluator(g, y)
        ok = True
        for p in pts:
            fv, dv = fe(p), de(p)
            gv = gy(fv) if fv is not None else None
            if dv is None or gv is None or abs(gv - dv) > TINY * (1 + abs(dv)):
                ok = False
                break
        if ok:
            return simplest(g)
    return None


# --- the rules ----------------------------------------------------------------------------------


@rule(gives=("split",))
def pieces(g: Given) -> dict[str, Any]:
    return {"split": split(g.expr, g.x)}


@rule(facts=("value_at_0",), gives=("f0",), needs=("split",))
def value_at_0(g: Given) -> dict[str, Any]:
    s, x = g["split"], g.x
    r0 = s.region_at(sp.S.Zero)
    if r0 is not None:
        f0 = _constant(r0.expr.subs(x, 0))
    else:
        f0 = next((v for b, v in s.points if b == 0), None)
    fact = Fact(f0, "exact") if f0 is not None else Fact(None, "exact", "f is undefined at 0")
    return {"value_at_0": fact, "f0": f0}


@rule(facts=("limit_-inf", "limit_+inf"), gives=("limits",), needs=("split",))
def limits(g: Given) -> dict[str, Any]:
    s, x = g["split"], g.x
    lim = (limit_at(s.regions[0].expr, x, NINF), limit_at(s.regions[-1].expr, x, INF))
    return {"limit_-inf": lim[0].fact(), "limit_+inf": lim[1].fact(), "limits": lim}


@rule(facts=("asymptote_-inf", "asymptote_+inf"), needs=("split", "limits"))
def asymptotes(g: Given) -> dict[str, Any]:
    s, x, lim = g["split"], g.x, g["limits"]
    return {
        "asymptote_-inf": _asymptote(s.regions[0].expr, x, NINF, lim[0]),
        "asymptote_+inf": _asymptote(s.regions[-1].expr, x, INF, lim[1]),
    }


@rule(facts=("parity",))
def parity(g: Given) -> dict[str, Any]:
    return {"parity": _parity(g.expr, g.x)}


@rule(gives=("slopes",), needs=("split",))
def slopes(g: Given) -> dict[str, Any]:
    """f′ and f″ per piece: the same calls as `_assemble` makes (memoised), not f″ from f′."""
    s, x = g["split"], g.x
    d1 = [simplest(sp.diff(r.expr, x)) for r in s.regions]
    d2 = [simplest(sp.diff(r.expr, x, 2)) for r in s.regions]
    return {"slopes": (d1, d2)}


@rule(gives=(EXPRESSIONS,), needs=("split", "slopes"))
def derivatives(g: Given) -> dict[str, Any]:
    """f′, f″ and f‴ whole (an `Analysis`'s `expressions`)."""
    return {EXPRESSIONS: {n: _assemble(g["split"], g.x, n) for n in (1, 2, 3)}}


@rule(
    facts=("derivative_limit_-inf", "derivative_limit_+inf"),
    gives=("slope_limits",),
    needs=("slopes",),
)
def derivative_limits(g: Given) -> dict[str, Any]:
    d1, x = g["slopes"][0], g.x
    dlim = (limit_at(d1[0], x, NINF), limit_at(d1[-1], x, INF))
    return {
        "derivative_limit_-inf": dlim[0].fact(),
        "derivative_limit_+inf": dlim[1].fact(),
        "slope_limits": dlim,
    }


@rule(facts=("breakpoints", "continuity"), gives=("points", "order"), needs=("split",))
def breakpoints(g: Given) -> dict[str, Any]:
    s, x = g["split"], g.x
    bp, order, exact, note = _breakpoints(s, x)
    shown = tuple(p.point for p in bp if not p.removable)
    out: dict[str, Any] = {
        "breakpoints": Fact(shown, "exact" if exact else "numeric", note),
        "points": bp,
        "order": order,
    }
    cont_note = "no breakpoints; elementary on ℝ" if not shown else "lowest order over breakpoints"
    if s.proofs:  # where SymPy could not tell whether a denominator vanishes
        cont_note += "; " + "; ".join(s.proofs)
    if s.note:
        # SymPy could not confirm the pieces have no singular points: look for one numerically.
        grid = list(GRID[::4])
        defined = all(
            all(evaluator(r.expr, x)(p) is not None for p in grid if r.contains(p))
            for r in s.regions
        )
        if not defined:
            out["continuity"] = undetermined(f"{s.note}; f is undefined at a grid point")
            return out
        exact = False
        finite = Provenance((f"f is finite at {len(grid)} grid points",), (s.note,), None, DPS)
        out["continuity"] = _fact(order, exact, finite)
        return out
    out["continuity"] = _fact(order, exact, cont_note)
    return out


@rule(facts=("derivative_at_0",), gives=("df0",), needs=("split", "slopes", "points"))
def derivative_at_0(g: Given) -> dict[str, Any]:
    s, x, d1 = g["split"], g.x, g["slopes"][0]
    r0 = s.region_at(sp.S.Zero)
    df0 = _constant(d1[s.regions.index(r0)].subs(x, 0)) if r0 is not None else None
    kink0 = next((p for p in g["points"] if p.point.at == 0), None)
    if df0 is None and kink0 is not None:
        df0 = kink0.derivative
    if df0 is not None:
        return {"derivative_at_0": Fact(df0, "exact"), "df0": df0}
    note = "f is not differentiable at 0"
    if kink0 is not None:
        sides = (kink0.point.left_derivative, kink0.point.right_derivative)
        left, right = (None if d is None else float(d) for d in sides)
        note += f": f'(0−) = {left}, f'(0+) = {right}"
    return {"derivative_at_0": Fact(None, "exact", note), "df0": None}


def _shape_of(
    regions: list[tuple[Any, sp.Expr, sp.Expr]],
    points: Any,
    ends: Any,
    x: sp.Symbol,
    fallback: bool = False,
) -> Shape | str:
    """The shape of g from its regions (of one period where g is periodic: f′ can be periodic
    while f is not, snake's 1 + sin 2x), or why it is undetermined."""
    try:
        period = _period(regions[0][1], x, ends) if len(regions) == 1 else None
        if period is None:
            return shape(regions, points, ends, x, fallback)
        return _periodic_shape(regions[0][1], regions[0][2], x, period)
    except _Undetermined as exc:
        return str(exc)


@rule(facts=SHAPE_FACTS, needs=("split", "slopes", "limits"))
def shape_of_f(g: Given) -> dict[str, Any]:
    """Range, bounds, extrema and monotonicity: the shape of f."""
    s, d1 = g["split"], g["slopes"][0]
    regions = [(r, r.expr, d1[i]) for i, r in enumerate(s.regions)]
    sh = _shape_of(regions, s.points, g["limits"], g.x, fallback=True)
    if isinstance(sh, str):
        return {n: undetermined(sh) for n in SHAPE_FACTS}
    nt = sh.provenance or Provenance.of("critical points, one-sided limits and values")
    how: How = "exact" if sh.exact else "numeric"
    method = Provenance() if sh.exact else nt
    out: dict[str, Any] = {
        "range": _fact(sh.image, sh.exact, nt),
        "bounded_below": _fact(bool(sh.image.inf.is_finite), sh.exact, method),
        "bounded_above": _fact(bool(sh.image.sup.is_finite), sh.exact, method),
        "monotonic": _fact(
            Monotonicity(sh.monotonic),
            sh.exact,
            "sign of f' between exact critical points" if sh.exact else nt,
        ),
    }
    for key, where_key, val, at, word in (
        ("minimum", "minimum_at", sh.minimum, sh.minimum_at, "infimum"),
        ("maximum", "maximum_at", sh.maximum, sh.maximum_at, "supremum"),
    ):
        bound = sh.image.inf if key == "minimum" else sh.image.sup
        if val is None:
            why = Provenance.of(f"{word} {bound} is not attained") + method
            out[key] = out[where_key] = Fact(None, how, provenance=why)
        else:
            out[key] = _fact(val, sh.exact, method)
            out[where_key] = _fact(at, sh.exact, method)
    return out


@rule(facts=("zero_centred",), needs=("range", "f0"))
def zero_centred(g: Given) -> dict[str, Any]:
    rng: Fact = g["range"]
    if not isinstance(rng.value, sp.Set):
        return {"zero_centred": undetermined(rng.note)}
    image = rng.value
    both_signs = bool(
        image.intersect(sp.Interval.open(NINF, 0)) is not sp.S.EmptySet
        and image.intersect(sp.Interval.open(0, INF)) is not sp.S.EmptySet
    )
    zc = g["f0"] == 0 and both_signs
    how = Provenance.of("f(0) = 0 and f takes both signs")
    if rng.how != "exact":
        how = how + rng.provenance
    return {"zero_centred": _fact(bool(zc), rng.how == "exact", how)}


@rule(
    facts=("derivative_monotonic", "lipschitz", "lipschitz_at"),
    needs=("split", "slopes", "points", "slope_limits", "order"),
)
def shape_of_derivative(g: Given) -> dict[str, Any]:
    """Monotonicity of f′ and the Lipschitz constant: the shape of f′."""
    s, (d1, d2) = g["split"], g["slopes"]
    regions = [(r, d1[i], d2[i]) for i, r in enumerate(s.regions)]
    points = [(p.point.at, p.derivative) for p in g["points"]]
    dsh = _shape_of(regions, points, g["slope_limits"], g.x)
    if isinstance(dsh, str):
        return dict.fromkeys(
            ("derivative_monotonic", "lipschitz", "lipschitz_at"), undetermined(dsh)
        )
    lipschitz, at = _lipschitz(dsh, g["order"])
    return {
        "derivative_monotonic": _fact(
            Monotonicity(dsh.monotonic),
            dsh.exact,
            dsh.provenance or Provenance.of("sign of f'' between the critical points of f'"),
        ),
        "lipschitz": lipschitz,
        "lipschitz_at": at,
    }


@rule(facts=("identity_near_origin",), needs=("f0", "df0"))
def identity_near_origin(g: Given) -> dict[str, Any]:
    ident = g["f0"] == 0 and g["df0"] == 1
    return {"identity_near_origin": Fact(bool(ident), "exact", "f(0) = 0 and f'(0) = 1")}


@rule(
    facts=("saturation_-inf", "saturation_+inf"),
    needs=("split", "slopes", "points", "slope_limits"),
    by_eps=True,
)
def saturation(g: Given) -> dict[str, Any]:
    """Where |f′| stays below ε: the only facts that depend on ε."""
    s, d1, dlim = g["split"], g["slopes"][0], g["slope_limits"]
    points = [(p.point.at, p.derivative) for p in g["points"]]
    return {
        "saturation_-inf": _saturation(s, d1, points, dlim, g.x, NINF, g.eps),
        "saturation_+inf": _saturation(s, d1, points, dlim, g.x, INF, g.eps),
    }


@rule(facts=("taylor",), needs=("split", "order"))
def taylor(g: Given) -> dict[str, Any]:
    return {"taylor": _taylor(g["split"], g.x, g["order"])}


@rule(facts=("derivative_of_output",), needs=("split", "slopes", "points", "monotonic"))
def derivative_of_output(g: Given) -> dict[str, Any]:
    """f′ written in the output y = f(x), where f is monotonic."""
    points = [(p.point.at, p.derivative) for p in g["points"]]
    mono = g["monotonic"].value
    fact = _output_identity(g["split"], g["slopes"][0], points, g.x, mono)
    return {"derivative_of_output": fact}


# --- properties the glossary and the catalogue show, read off the facts above ---------------------


def _from(names: tuple[str, ...], facts: tuple[Fact, ...]) -> tuple[bool, str]:
    """Whether a fact read off `facts` (named `names`) is exact, and its note: which facts it
    was read off (their own notes say how they were derived)."""
    exact = all(f.how == "exact" for f in facts)
    return exact, f"read off {' and '.join(names)}"


def _unknown(*facts: Fact) -> Fact | None:
    """An undetermined fact for a fact read off `facts` when one of them is undetermined."""
    for f in facts:
        if f.how == "undetermined":
            return undetermined(f.note)
    return None


@rule(facts=("saturates",), needs=("derivative_limit_-inf", "derivative_limit_+inf"))
def saturates(g: Given) -> dict[str, Any]:
    """At which ends f′ → 0 (its limits there are 0)."""
    left, right = g["derivative_limit_-inf"], g["derivative_limit_+inf"]
    unknown = _unknown(left, right)
    if unknown is not None:
        return {"saturates": unknown}
    flat = [isinstance(f.value, sp.Expr) and bool(f.value.is_zero) for f in (left, right)]
    ends = {
        (False, False): Ends.NEITHER,
        (True, False): Ends.BELOW,
        (False, True): Ends.ABOVE,
        (True, True): Ends.BOTH,
    }[(flat[0], flat[1])]
    exact, note = _from(("derivative_limit_-inf", "derivative_limit_+inf"), (left, right))
    return {"saturates": _fact(ends, exact, note)}


@rule(facts=("bounded",), needs=("bounded_below", "bounded_above"))
def bounded(g: Given) -> dict[str, Any]:
    below, above = g["bounded_below"], g["bounded_above"]
    unknown = _unknown(below, above)
    if unknown is not None:
        return {"bounded": unknown}
    exact, note = _from(("bounded_below", "bounded_above"), (below, above))
    return {"bounded": _fact(bool(below.value and above.value), exact, note)}


@rule(facts=("dead_zone",), needs=("minimum_at", "maximum_at"))
def dead_zone(g: Given) -> dict[str, Any]:
    """Whether f is constant on a half-line: its minimum or maximum is attained on an
    unbounded interval."""
    where = (g["minimum_at"], g["maximum_at"])
    unknown = _unknown(*where)
    if unknown is not None:
        return {"dead_zone": unknown}
    half_line = any(
        isinstance(f.value, sp.Set)
        and any(p.lo.is_infinite or p.hi.is_infinite for p in spans(f.value))
        for f in where
    )
    exact, note = _from(("minimum_at", "maximum_at"), where)
    return {"dead_zone": _fact(half_line, exact, note)}


@rule(facts=("defaults_differ",), seconds=5.0, declared=True)
def defaults_differ(g: Given) -> dict[str, Any]:
    """The framework functions that compute another function when called without arguments:
    every argument of a framework's declared `call` whose declared default is another value
    (an argument without a default is required, so it cannot be left out)."""
    found = tuple(
        DefaultDiffers(fw.framework, fw.name, k, fw.defaults[k], v)
        for fw in g.frameworks
        for k, v in fw.call.items()
        if k in fw.defaults and not _same_argument(fw.defaults[k], v)
    )
    how = Provenance(("each framework's declared call compared with its declared defaults",))
    return {"defaults_differ": Fact(found, "exact", provenance=how)}


def _same_argument(a: Any, b: Any) -> bool:
    """Whether two declared arguments are one value: 0.01 and "1/100" are; True and 1 are not."""
    va, vb = argument_value(a), argument_value(b)
    return type(va) is type(vb) and va == vb
