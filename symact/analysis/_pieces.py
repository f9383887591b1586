"""Split a function of one real variable into smooth pieces on open intervals and the points
between them (kinks, jumps, isolated values, singularities)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from functools import partial

import sympy as sp
from sympy.calculus.util import continuous_domain

from symact._store import memo
from symact.analysis._budget import bounded, bounded_each, simplified
from symact.analysis._nozero import no_zero
from symact.functions import to_elementary

__all__ = ["Region", "Split", "split", "to_piecewise"]

_PIECEWISE_KINDS = (sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.Heaviside, sp.sign)


@dataclass(frozen=True)
class Region:
    """An open interval (lo, hi) on which the function is one expression."""

    lo: sp.Expr
    hi: sp.Expr
    expr: sp.Expr

    def sample(self) -> sp.Expr:
        """A rational point inside the interval."""
        if self.lo is sp.S.NegativeInfinity and self.hi is sp.S.Infinity:
            return sp.S.Zero
        if self.lo is sp.S.NegativeInfinity:
            return sp.floor(self.hi) - 1
        if self.hi is sp.S.Infinity:
            return sp.ceiling(self.lo) + 1
        return sp.nsimplify((self.lo + self.hi) / 2)

    def contains(self, v: sp.Expr) -> bool:
        return bool(self.lo < v) and bool(v < self.hi)


@dataclass(frozen=True)
class Split:
    """Regions in order, and the breakpoints between them with the value there (`None` where
    the function is undefined)."""

    regions: tuple[Region, ...]
    points: tuple[tuple[sp.Expr, sp.Expr | None], ...]
    note: str = ""
    #: How SymPy's unsolved equations for where f or f' is undefined were shown to have no
    #: real root (`no_zero`): the proofs the regions rest on.
    proofs: tuple[str, ...] = ()

    def region_at(self, v: sp.Expr) -> Region | None:
        for r in self.regions:
            if r.contains(v):
                return r
        return None


def to_piecewise(expr: sp.Expr) -> sp.Expr:
    """`expr` with Max, Min, Abs, Heaviside and sign rewritten and Piecewise lifted to the top."""
    if not expr.has(*_PIECEWISE_KINDS):
        return expr
    return sp.piecewise_fold(expr.rewrite(sp.Piecewise))


def _for_domain(e: sp.Expr) -> sp.Expr:
    """`e` with erf and erfc (entire, which `continuous_domain` cannot handle) replaced by exp,
    another entire function: the domain of continuity is unchanged."""
    return to_elementary(e).replace(
        lambda a: isinstance(a, sp.erf | sp.erfc), lambda a: sp.exp(a.args[0])
    )


def _finite_value(e: sp.Expr) -> sp.Expr | None:
    if e.has(sp.nan, sp.zoo, sp.oo, -sp.oo) or e.is_real is False:
        return None
    return e


def _rational_poles(t: sp.Expr, x: sp.Symbol, s: sp.Set, seconds: float) -> set[sp.Expr] | None:
    """Where the rational function `t` is undefined in `s`: the real roots of its reduced
    denominator (exact, as CRootOf where they have no radicals: `continuous_domain` gives up on
    a quartic); None when `t` is not a rational function of x or the roots take too long."""
    if not t.is_rational_function(x):
        return None

    def roots() -> list[sp.Expr]:
        den = sp.denom(sp.cancel(sp.together(t)))
        return [] if den.is_number else sp.Poly(den, x).real_roots()

    out = bounded(seconds, roots, "poles of a rational function")
    if not out.ok or out.value is None:
        return None
    return {r for r in out.value if s.contains(r) is sp.true}


def _empty_condition_sets(
    dom: sp.Set, s: sp.Set, seconds: float
) -> tuple[sp.Set, list[str]] | None:
    """`dom` with each ConditionSet {x | g(x) = 0} (points SymPy could not locate) replaced by
    the empty set where `no_zero` proves g has no zero in `s`, and the proofs; None when one
    is not proved."""
    swap: dict[sp.Set, sp.Set] = {}
    proofs: list[str] = []
    for cs in dom.atoms(sp.ConditionSet):
        if not isinstance(cs.condition, sp.Eq):
            return None
        g = cs.condition.lhs - cs.condition.rhs
        inside = s.intersect(cs.base_set)
        for part in inside.args if isinstance(inside, sp.Union) else (inside,):
            if part is sp.S.EmptySet:
                continue
            if isinstance(part, sp.FiniteSet):
                spans = [(p, p) for p in part]
            elif isinstance(part, sp.Interval):
                spans = [(part.start, part.end)]  # the closed interval: a stronger claim
            else:
                return None
            for lo, hi in spans:
                out = bounded(seconds, partial(no_zero, g, cs.sym, lo, hi), "no zero")
                if not out.ok or out.value is None:
                    return None
                proofs.append(out.value)
        swap[cs] = sp.S.EmptySet
    return dom.xreplace(swap), proofs


@memo(maxsize=1024)
def split(expr: sp.Expr, x: sp.Symbol, seconds: float = 4.0) -> Split:
    """Split `expr` (numbers only, no parameters) into smooth regions and breakpoints
    (memoised: the analysis and the numeric plans of f', f'' split the same expression)."""
    e = to_piecewise(expr)
    if isinstance(e, sp.Piecewise):
        remaining: sp.Set = sp.S.Reals
        pieces: list[tuple[sp.Expr, sp.Set]] = []
        for ei, ci in e.args:
            s = sp.S.Reals if ci is sp.true else ci.as_set().intersect(sp.S.Reals)
            s = s.intersect(remaining)
            remaining = remaining - s
            if s is not sp.S.EmptySet:
                pieces.append((ei, s))
    else:
        pieces = [(e, sp.S.Reals)]

    bounds: set[sp.Expr] = set()
    for _, s in pieces:
        bounds |= {b for b in s.boundary if b.is_finite}
    notes: list[str] = []
    proofs: list[str] = []
    # Singular points inside a piece (a user's 1/x, or x**(1/3) whose slope blows up).
    for ei, s in pieces:
        if s.measure == 0:
            continue
        targets = [_for_domain(sp.diff(ei, x, order)) for order in (0, 1)]
        steps = [partial(continuous_domain, t, x, s) for t in targets]
        for t, dom in zip(targets, bounded_each(seconds, steps, "domain"), strict=True):
            if dom.ok and dom.value is not None:
                try:
                    edge = (s - dom.value).boundary
                except NotImplementedError:  # a ConditionSet: zeros SymPy cannot locate
                    edge = _rational_poles(t, x, s, seconds)
                    empty = _empty_condition_sets(dom.value, s, seconds) if edge is None else None
                    if empty is not None:
                        edge = (s - empty[0]).boundary
                        proofs += [p for p in empty[1] if p not in proofs]
                    if edge is None:
                        raise ArithmeticError(
                            "SymPy could not locate where f or f' is undefined "
                            f"(continuous_domain gave {str(dom.value)[:80]})"
                        ) from None
                bounds |= {b for b in edge if b.is_finite}
            else:
                notes.append(f"continuity domain not checked ({dom.reason})")
    ordered = sorted(bounds, key=lambda b: float(b))

    def piece_at(v: sp.Expr) -> sp.Expr | None:
        for ei, s in pieces:
            if s.contains(v) is sp.true:
                return ei
        return None

    edges = [sp.S.NegativeInfinity, *ordered, sp.S.Infinity]
    regions: list[Region] = []
    for lo, hi in itertools.pairwise(edges):
        probe = Region(lo, hi, sp.S.Zero).sample()
        ei = piece_at(probe)
        if ei is None:
            raise ValueError(f"the function is undefined on ({lo}, {hi})")
        regions.append(Region(lo, hi, ei))
    points: list[tuple[sp.Expr, sp.Expr | None]] = []
    for b in ordered:
        ei = piece_at(b)
        points.append((b, None if ei is None else _finite_value(simplified(ei.subs(x, b)))))

    # Merge neighbours that are one expression across a point that is no break at all.
    merged_regions = [regions[0]]
    merged_points: list[tuple[sp.Expr, sp.Expr | None]] = []
    for (b, v), r in zip(points, regions[1:], strict=True):
        left = merged_regions[-1]
        same = left.expr == r.expr
        if same and v is not None:
            through = _finite_value(left.expr.subs(x, b))
            window = sp.Interval(b - 1, b + 1)
            dom = bounded(
                seconds, partial(continuous_domain, _for_domain(left.expr), x, window), "domain"
            )
            if (
                through is not None
                and simplified(through - v) == 0
                and dom.value is not None
                and dom.value.contains(b) is sp.true
            ):
                merged_regions[-1] = Region(left.lo, r.hi, left.expr)
                continue
        merged_points.append((b, v))
        merged_regions.append(r)
    return Split(
        tuple(merged_regions),
        tuple(merged_points),
        "; ".join(dict.fromkeys(notes)),
        tuple(proofs),
    )
