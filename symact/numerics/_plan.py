"""From an activation to a stable piecewise expression: the plan every target evaluates.

1. Take the expression (or its n-th derivative, as [`symact.analysis`][symact.analysis] derives
   it: undefined exactly at kinks and jumps) with the parameters set.
2. Lift every Max, Min, Abs and Piecewise to the top: a list of branches `(expr, condition)`.
3. Rewrite each branch with [`stabilise`][symact.numerics._rewrite.stabilise].
4. Where a sum cancels at x = 0 (x − tanh x, cos(x)/x − sin(x)/x²), evaluate its Taylor
   polynomial inside the radius where the polynomial is exact to 2⁻⁶⁰ (found with mpmath).
5. Find the limits at ±∞ (the analysis' `limit_at`: SymPy, cross-checked numerically), and,
   where f tends to a constant or a line, the threshold beyond which f equals that tail in
   floating point (mpmath, relative 2⁻⁶⁰, or below half the smallest subnormal): past it the
   plan returns the tail itself, so no intermediate can overflow into inf − inf or 0·inf.
   [`plan_without_tails`][symact.numerics._plan.plan_without_tails] skips this step, for a
   drawing on a finite window (the tails are most of the cost of a plan).

## The plan cache

A plan takes about a second to build, and its steps run under time budgets
([`bounded`][symact.analysis._budget.bounded]): budgets are CPU time, so load does not change a
plan, but a slower machine can run out of one where a faster did not. So
[`make_plan`][symact.numerics._plan.make_plan] keeps plans in symact's store
([`symact._store`][symact._store]): in the `plans/` folder of `$SYMACT_CACHE_DIR` (else
`~/.cache/symact`). The first plan built for a key is the one every later process reads, so
output built from plans is reproducible.

- The key is a SHA-256 of the activation's name, its expression with the parameters
  substituted (`srepr`), n, the parameter values, whether the tails are analysed, and the
  store's fingerprint of plans: the symact version, the SymPy, mpmath, NumPy and SciPy
  versions, and the source of this module and every symact module it imports (followed
  transitively, lazy imports included: the analysis modules it uses among them). A change to any of
  them never reuses an old plan.
- An entry is JSON, written atomically; expressions are `srepr` text
  ([`dump_expr`][symact.analysis._serial.dump_expr]) read back only through
  [`load_expr`][symact.analysis._serial.load_expr] (an `ast` whitelist of SymPy classes, here
  widened to the numeric nodes, and holding no symbol but `x`, `y` and the parameters:
  `lambdify` and the code generators print symbol names verbatim into code), never
  `sympify` or `eval`. The file itself is read as the store reads any entry
  ([`read_json`][symact._store.read_json]): a regular file of bounded size and nesting, of
  the expected shape.
- A plan is stored only if it reads back identical (every expression equal, node for node, and
  written the same). An entry that does not read back as a plan of the requested activation,
  order and parameters (tampered, truncated, of the wrong shape) is a miss: the plan is
  rebuilt and the entry replaced.
- Within a process, plans are also kept in memory (`functools.lru_cache`, emptied by
  `symact.clear_caches()`). [`build_plan`][symact.numerics._plan.build_plan] builds a plan
  afresh, with no cache at all.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import mpmath as mp
import numpy as np
import sympy as sp
from numpy.typing import NDArray
from sympy.codegen.cfunctions import exp2, log2

from symact._store import Store, conforms, memo
from symact.analysis._budget import bounded
from symact.analysis._derive import derivative, limit_at
from symact.analysis._numeric import evaluator
from symact.analysis._pieces import to_piecewise
from symact.analysis._serial import dump_expr, load_expr
from symact.declare import Activation, X, exact_value
from symact.functions import to_elementary
from symact.numerics._cells import cells_of, disjoint, minimal
from symact.numerics._kernels import lambdify_kernel
from symact.numerics._nodes import NODES, expm1, hypot, log1p, logaddexp, to_definition
from symact.numerics._reference import MAX_DPS, Reference
from symact.numerics._rewrite import stabilise

__all__ = [
    "Branch",
    "Plan",
    "build_plan",
    "holds_at",
    "make_plan",
    "plan_without_tails",
    "target_expression",
]

#: Budget (seconds) for each series expansion looking for cancellation at 0.
SERIES_BUDGET = 4.0
#: Most terms of a Taylor polynomial used near 0 beyond the leading one.
SERIES_TERMS = 64
#: The same for a plan without tails (`plan_without_tails`, for drawing on a window): its
#: polynomial holds to 2⁻⁶⁰ on a smaller radius, and beyond it the sum that cancels loses
#: digits relative to f near 0, never visibly on a plot; 64 terms of a series can take seconds.
WINDOW_SERIES_TERMS = 16
#: Relative truncation error the polynomial must reach at its radius.
SERIES_TOLERANCE = mp.mpf(2) ** -60
#: The polynomial's terms may cancel (condition number Σ|aᵢxⁱ| / |Σaᵢxⁱ|) up to this much,
#: or up to as much as the sum it replaces, whichever is more: it is used as far as it is
#: the better of the two.
SERIES_CONDITION = 2
#: Radii tried, largest first: multiples of 1/16 up to 4, then powers of 2 (all exact floats).
RADII = [sp.Rational(k, 16) for k in range(64, 1, -1)] + [
    sp.Rational(1, 2**k) for k in range(4, 60)
]


@dataclass(frozen=True)
class Branch:
    """One smooth piece: `expr` (stable form) wherever `cond` holds and no earlier branch did."""

    expr: sp.Expr
    cond: sp.Basic
    #: A tail branch whose value the branch beyond it already gives in floating point (the
    #: plan checked its NumPy kernel there): an evaluator may skip it. Autograd targets keep
    #: it, since a tail (a constant, a line) also has a finite gradient where the general
    #: branch's intermediates overflow.
    optional: bool = False


#: Parameter values of a plan: (name, value) pairs, sorted by name.
Params = tuple[tuple[str, sp.Expr], ...]


@dataclass(frozen=True)
class Plan:
    """The stable form of one activation (or derivative) at fixed parameters."""

    name: str
    n: int
    params: Params
    #: The expression as declared (or derived), before any rewriting: the mathematical truth.
    source: sp.Expr
    branches: tuple[Branch, ...]
    #: Values for inputs −inf and +inf (`None` where there is no limit or none was found).
    at_infinity: tuple[sp.Expr | None, sp.Expr | None] = (None, None)
    notes: tuple[str, ...] = field(default=())
    #: Whether the tails at ±∞ were analysed (limits, asymptotic branches). A plan without
    #: ([`plan_without_tails`][symact.numerics._plan.plan_without_tails]) is as accurate where
    #: |x| is below the thresholds of those branches, and gives NaN for inputs ±inf.
    tails: bool = True

    @property
    def evaluated(self) -> tuple[Branch, ...]:
        """The branches an evaluator needs: all but the optional tails."""
        return tuple(b for b in self.branches if not b.optional)

    @property
    def expression(self) -> sp.Expr:
        """The stable form as one SymPy expression (a Piecewise when there are branches), as
        evaluators compute it: without the optional tails."""
        return _joined(self.evaluated)

    @property
    def expression_with_tails(self) -> sp.Expr:
        """The stable form with the optional tails too, as autograd targets compute it."""
        return _joined(self.branches)


def _joined(branches: tuple[Branch, ...]) -> sp.Expr:
    if len(branches) == 1 and branches[0].cond is sp.true:
        return branches[0].expr
    return sp.Piecewise(*((b.expr, b.cond) for b in branches))


@memo(maxsize=4096)
def _leading_order(e: sp.Expr) -> sp.Expr | None:
    """The exponent of x in the leading term of `e` at 0 (memoised: `_near_zero` asks for a
    sum and for each of its terms, and a term that is a sum was asked before, on its own)."""
    out = bounded(SERIES_BUDGET, partial(_order, e), "leading term")
    return out.value if out.ok else None


def _order(e: sp.Expr) -> sp.Expr:
    lead = to_elementary(to_definition(e)).as_leading_term(X)
    return lead.as_coeff_exponent(X)[1]


def _truncated_series(f: sp.Expr, order: int) -> sp.Expr:
    return sp.series(f, X, 0, order).removeO()


def _series(e: sp.Expr, start: sp.Expr, most: int = SERIES_TERMS) -> list[sp.Expr] | None:
    """The terms of the Taylor series of `e` at 0 from its leading order on, lowest first: up
    to `most` terms beyond the leading one, fewer if those take too long."""
    f = to_elementary(to_definition(e))
    for terms in (most, most // 2, most // 4):
        order = int(sp.floor(start)) + terms
        out = bounded(SERIES_BUDGET, partial(_truncated_series, f, order), "series")
        if out.ok and out.value is not None:
            return sorted(sp.Add.make_args(out.value), key=lambda t: t.as_coeff_exponent(X)[1])
    return None


def _taylor(e: sp.Expr, terms: list[sp.Expr]) -> tuple[sp.Expr, sp.Rational] | None:
    """The shortest polynomial (first terms of the series) and the largest radius in RADII
    where it matches the sum `e` to SERIES_TOLERANCE at ±r and its terms cancel no more than
    SERIES_CONDITION or those of `e` (mpmath, 200 digits)."""
    f = sp.lambdify(X, to_elementary(to_definition(e)), "mpmath")
    parts = [sp.lambdify(X, to_elementary(to_definition(a)), "mpmath") for a in e.args]
    fs = [sp.lambdify(X, t, "mpmath") for t in terms]

    def needed(x: mp.mpf) -> int | None:
        """Terms needed at x, or None if no prefix of the series is good enough there."""
        fv = f(x)
        if fv == 0:
            return None
        bound = max(SERIES_CONDITION, sum(abs(p(x)) for p in parts) / abs(fv))
        total, size = mp.mpf(0), mp.mpf(0)
        for k, t in enumerate(fs, start=1):
            v = t(x)
            total, size = total + v, size + abs(v)
            if abs(fv - total) <= SERIES_TOLERANCE * abs(fv):
                return k if size <= bound * abs(total) else None
        return None

    with mp.workdps(200):
        for r in RADII:
            ks = [needed(s * mp.mpf(r)) for s in (1, -1)]
            if all(k is not None for k in ks):
                return sp.Add(*terms[: max(ks)]), r  # type: ignore[type-var]
    return None


def _cancels_at_zero(e: sp.Basic) -> bool:
    """Whether `e` is a sum whose terms are larger than their sum near 0."""
    if not (e.is_Add and e.has(X)):
        return False
    here = _leading_order(e)
    if here is None:
        return False
    orders = [_leading_order(t) for t in e.args]
    return all(o is not None for o in orders) and bool(min(orders) < here)  # type: ignore[type-var]


def _near_zero(e: sp.Expr, notes: list[str], most: int = SERIES_TERMS) -> sp.Expr:
    """`e` with each sum that cancels at 0 replaced by its Taylor polynomial near 0 (of at most
    `most` terms beyond the leading one)."""

    def fix(a: sp.Expr) -> sp.Expr:
        start = _leading_order(a)
        terms = None if start is None else _series(a, start, most)
        found = None if terms is None else _taylor(a, terms)
        if found is None:
            notes.append(f"{a} cancels near 0 and no Taylor polynomial could replace it")
            return a
        poly, r = found
        notes.append(f"Taylor polynomial of degree {sp.degree(poly, X)} for |x| < {r}")
        return sp.Piecewise((sp.horner(poly, X), sp.Abs(X) < r), (a, True))

    def walk(a: sp.Basic) -> sp.Basic:
        """`a` with its sums fixed bottom-up, as `replace` would, but for the branches of a
        Piecewise that no x near 0 reaches (2·log|x| + log1p(x⁻²) for |x| > 1)."""
        if not a.args:
            return a
        if isinstance(a, sp.Piecewise):
            left, args = set(_NEAR_ZERO), []
            for ei, ci in a.args:
                hit = {p for p in left if holds_at(ci, p)}
                left -= hit
                args.append((walk(ei) if hit else ei, ci))
            return sp.Piecewise(*args)
        args = [walk(b) for b in a.args]
        new = a if args == list(a.args) else a.func(*args)
        return fix(new) if _cancels_at_zero(new) else new

    return walk(e)  # type: ignore[return-value]


#: Points near 0, for which branches of a Piecewise are evaluated there.
_NEAR_ZERO = (sp.Float(-1e-300), sp.S.Zero, sp.Float(1e-300))


def _flatten(e: sp.Expr, cond: sp.Basic) -> list[Branch]:
    """Branches of `e` (which may contain Piecewise after rewriting) under `cond`."""
    folded = sp.piecewise_fold(e)
    if not isinstance(folded, sp.Piecewise):
        return [Branch(folded, cond)]
    out: list[Branch] = []
    for ei, ci in folded.args:
        c = cond if ci is sp.true else sp.And(cond, ci)
        if c is not sp.false:
            out.append(Branch(ei, c))
    return out


def target_expression(f: sp.Expr, n: int) -> sp.Expr:
    """The expression a plan evaluates: f itself (as declared) or its n-th derivative, which is
    undefined (NaN) exactly where the derivative does not exist."""
    return to_piecewise(f) if n == 0 else derivative(f, X, n)


def _on_x(cond: sp.Basic) -> sp.Basic:
    """`cond` solved for x (exp(x) − 1 ≥ 0 becomes x ≥ 0): a condition evaluated in floating
    point must not cancel."""
    if cond is sp.true or all(
        (r.lhs == X and not r.rhs.has(X)) or (r.rhs == X and not r.lhs.has(X))
        for r in cond.atoms(sp.Rel)
    ):
        return cond  # comparisons of x with numbers (x ≥ x·eˣ is not one: suish's Max)
    out = bounded(SERIES_BUDGET, lambda: cond.as_set().as_relational(X), "solve condition")
    return out.value if out.ok and out.value is not None else cond


_FLIP: dict[type, type] = {sp.Lt: sp.Gt, sp.Le: sp.Ge, sp.Gt: sp.Lt, sp.Ge: sp.Le}


def _in_floats(cond: sp.Basic) -> sp.Basic:
    """`cond` with every comparison of x against a number that is no float replaced by the
    same comparison against a float, so that evaluating it in floating point decides it
    exactly: x < 1/10⁶ becomes x ≤ 9.999999999999999e−7, the largest float below 10⁻⁶ (a
    float x is never 10⁻⁶; compared with the rounded 10⁻⁶ it would fall between the branches
    of threshold')."""
    return cond.replace(lambda r: isinstance(r, sp.Rel), _rel_in_floats)


def _x_against(rel: sp.Rel) -> tuple[type, sp.Expr] | None:
    """A comparison of x with a number as (kind, c): x kind c; None for any other."""
    if rel.lhs == X and rel.rhs.is_number:
        return type(rel), rel.rhs
    if rel.rhs == X and rel.lhs.is_number:
        return _FLIP.get(type(rel), type(rel)), rel.lhs
    return None


def _rel_in_floats(rel: sp.Rel) -> sp.Basic:
    against = _x_against(rel)
    if against is None:
        return rel
    kind, c = against
    if not (c.is_real and c.is_finite) or isinstance(c, sp.Float):
        return rel
    with mp.workdps(60):
        exact = mp.mpf(sp.N(c, 60))
        near = float(exact)
        if mp.mpf(near) == exact and sp.Rational(near) == c:
            return rel  # c is a float already
        below = near if mp.mpf(near) < exact else math.nextafter(near, -math.inf)
        above = near if mp.mpf(near) > exact else math.nextafter(near, math.inf)
    lo, hi = sp.Float(below, 17), sp.Float(above, 17)
    if kind in (sp.Lt, sp.Le):
        return sp.Le(X, lo)
    if kind in (sp.Gt, sp.Ge):
        return sp.Ge(X, hi)
    return sp.false if kind is sp.Eq else sp.true if kind is sp.Ne else rel


def _boundary(cond: sp.Basic) -> list[sp.Expr]:
    """The finite boundary points of the set where `cond` holds."""
    if cond is sp.true:
        return []
    if isinstance(cond, sp.Rel) and cond.lhs == X and cond.rhs.is_number:
        return [cond.rhs] if cond.rhs.is_finite else []  # x < c, x ≥ c, x ≠ c … (most branches)
    out = bounded(SERIES_BUDGET, lambda: sorted(cond.as_set().boundary), "boundary")
    if not out.ok or out.value is None:
        return [sp.S.Zero]  # unknown: keep the tail away from the origin at least
    return [b for b in out.value if b.is_finite]


def _covering(pieces: tuple[tuple[sp.Expr, sp.Basic], ...], side: sp.Expr) -> sp.Expr | None:
    for ei, ci in pieces:
        if holds_at(ci, side):
            return None if ei.has(sp.nan) else ei
    return None


def holds_at(cond: sp.Basic, v: sp.Expr) -> bool:
    """Whether the condition `cond` on x holds at x = `v` (False where SymPy cannot decide)."""
    try:
        return bool(cond.subs(X, v))
    except TypeError:
        return False


#: Digits at which `_condition_test` compares x with the numbers of a condition: a float and
#: an irrational number (log 2) differ long before this.
_CONDITION_DPS = 40


def _condition_test(cond: sp.Basic) -> Callable[[float], bool]:
    """Whether `cond` holds at a float x, as [`holds_at`][symact.numerics._plan.holds_at] says,
    computed by mpmath at `_CONDITION_DPS` digits (SymPy's own evaluation of a relation costs
    a millisecond, and a tail's status asks at a thousand points): `holds_at` where mpmath
    cannot say or the comparison is closer than its precision."""
    try:
        # lambdify prints our own condition (of a plan, never a user's string) as mpmath code.
        fn = sp.lambdify(X, cond, modules="mpmath")
        sides = [
            sp.lambdify(X, r.lhs - r.rhs, modules="mpmath")
            for r in cond.atoms(sp.core.relational.Relational)
        ]
    except Exception:  # a condition mpmath cannot print: SymPy decides each point
        fn = None

    def test(p: float) -> bool:
        if fn is not None:
            with mp.workdps(_CONDITION_DPS):
                x = mp.mpf(p)
                try:
                    tiny = mp.mpf(10) ** (10 - _CONDITION_DPS) * (1 + abs(x))
                    if not any(abs(d(x)) < tiny for d in sides):
                        return bool(fn(x))
                except (TypeError, ValueError, ZeroDivisionError, OverflowError):
                    pass
        return holds_at(cond, sp.Float(p, 17))

    return test


#: A condition decided at many floats at once: (holds, decided), two boolean arrays; where
#: `decided` is False the point is left to `_condition_test`.
_VectorTest = Callable[[NDArray[np.float64]], tuple[NDArray[np.bool_], NDArray[np.bool_]]]

_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    sp.Lt: np.less,
    sp.Le: np.less_equal,
    sp.Gt: np.greater,
    sp.Ge: np.greater_equal,
    sp.Eq: np.equal,
    sp.Ne: np.not_equal,
}


def _vector_test(cond: sp.Basic) -> _VectorTest | None:
    """`cond` decided in floats at an array of points, where it is built with And, Or and Not
    from comparisons of x with numbers (the conditions of most branches, `_in_floats`): a
    comparison with a number c that is a float is exact; with any other number, whose nearest
    float is c̃, it is decided where x is more than two units in the last place from c̃ (x − c
    and x − c̃ have the same sign there). None for any other condition."""
    if cond is sp.true or cond is sp.false:
        value = cond is sp.true
        return lambda xs: (np.full(xs.shape, value), np.ones(xs.shape, bool))
    if isinstance(cond, sp.Rel) and type(cond) in _COMPARE:
        against = _x_against(cond)
        if against is None:
            return None
        kind, c = against
        if not c.is_real:
            return None
        with mp.workdps(60):
            exact = mp.mpf(sp.N(c, 60)) if c.is_finite else None
        near = float(c) if exact is None else float(exact)
        is_float = exact is None or (
            (c.is_Rational or c.is_Float) and sp.Rational(c) == sp.Rational(near)
        )
        compare, gap = _COMPARE[kind], 2 * float(np.spacing(abs(near)))

        def relation(xs: NDArray[np.float64]) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
            holds = np.asarray(compare(xs, near))
            if is_float:
                return holds, np.ones(xs.shape, bool)
            if kind is sp.Eq:
                holds = np.zeros(xs.shape, bool)  # x is a float, c is not
            elif kind is sp.Ne:
                holds = np.ones(xs.shape, bool)
            return holds, np.abs(xs - near) > gap

        return relation
    if isinstance(cond, sp.And | sp.Or | sp.Not):
        parts = [_vector_test(a) for a in cond.args]
        if any(t is None for t in parts):
            return None
        tests = [t for t in parts if t is not None]

        def combined(xs: NDArray[np.float64]) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
            got = [t(xs) for t in tests]
            if isinstance(cond, sp.Not):
                return ~got[0][0], got[0][1]
            every = np.logical_and.reduce([d for _, d in got])
            # And: false once a decided part is false; Or: true once a decided part is true
            want = isinstance(cond, sp.Or)
            settled = np.logical_or.reduce([d & (h == want) for h, d in got])
            holds = np.logical_and.reduce([h for h, _ in got])
            if want:
                holds = np.logical_or.reduce([h for h, _ in got])
            return holds, every | settled

        return combined
    return None


def _takers(body: list[Branch], points: list[float]) -> set[int | None]:
    """The branches of `body` that take `points` (each point the first branch whose condition
    holds there; None for a point no branch takes): decided in floats where the condition is
    plain enough (`_vector_test`), else point by point (`_condition_test`)."""
    xs = np.array(points, dtype=np.float64)
    taker = np.full(xs.shape, -1)
    open_ = np.ones(xs.shape, bool)
    for i, b in enumerate(body):
        vector = _vector_test(b.cond)
        if vector is None:
            holds, decided = np.zeros(xs.shape, bool), np.zeros(xs.shape, bool)
        else:
            holds, decided = vector(xs)
        undecided = np.flatnonzero(open_ & ~decided)
        if len(undecided):
            test = _condition_test(b.cond)
            holds = holds.copy()
            holds[undecided] = [test(points[j]) for j in undecided]
        took = open_ & holds
        taker[took] = i
        open_ &= ~took
        if not open_.any():
            break
    return {None if i < 0 else int(i) for i in taker}


def _tail(
    e: sp.Expr,
    cond: sp.Basic,
    side: sp.Expr,
    limit: sp.Expr | None,
    notes: list[str],
    own: sp.Basic | None = None,
) -> Branch | None:
    """The branch for x beyond a threshold where f equals, to 2⁻⁶⁰, the first terms of its
    asymptotic series in powers of x (SymPy's `series` at ±∞: −2/x³ + 4/x⁵ − … for
    arctan''), or else its limit or asymptote line. The threshold is found with mpmath."""
    if limit is None:
        return None
    tail = _asymptotic_series(e, side)
    if tail is not None:
        found = _threshold(e, cond, side, tail, own)
        if found is not None:
            return _tail_branch(tail, side, found, notes)
    if limit.is_finite:
        tail = limit
    else:
        a = limit_at(e / X, X, side).value
        if a is None or not a.is_finite or a == 0:
            return None
        b = limit_at(e - a * X, X, side).value
        if b is None or not b.is_finite:
            return None
        tail = a * X + b
    found = _threshold(e, cond, side, tail, own)
    return None if found is None else _tail_branch(tail, side, found, notes)


#: Functions of x tried in an asymptotic series at ±∞ (arctan x is ±π/2 − 1/x + …; powers
#: and roots need no function). Others (exp, log, erf, tanh, sin … of an argument that grows
#: with x) leave exponentially small, logarithmic or oscillating terms, which the tail refuses,
#: and SymPy takes a quarter of a second on average to find them, so they are not tried. A
#: function of a vanishing argument (exp(1/x)) could have such a series; its tail is then the
#: limit or asymptote instead, checked the same way, from a larger threshold.
_POWER_TAILS = (sp.atan, sp.acot)


def _asymptotic_series(e: sp.Expr, side: sp.Expr) -> sp.Expr | None:
    """The asymptotic series of `e` at `side` to O(x⁻⁸), if it is a sum of powers of x."""
    el = to_elementary(to_definition(e))
    if any(not isinstance(f, _POWER_TAILS) for f in el.atoms(sp.Function) if f.has(X)):
        return None
    s = sp.Symbol("s", positive=True)
    flip = X if side is sp.S.Infinity else -X
    g = el.subs(X, flip).subs(X, s)
    out = bounded(SERIES_BUDGET, lambda: sp.series(g, s, sp.oo, 8).removeO(), "series at ∞")
    if not out.ok or out.value is None:
        return None
    series = sp.expand(out.value.subs(s, flip))
    terms = sp.Add.make_args(series)
    for t in terms:
        c, p = t.as_coeff_exponent(X)
        if c.has(X) or not c.is_number or not p.is_Integer:
            return None
    return series if series != 0 and len(terms) > 1 else None


def _tail_branch(tail: sp.Expr, side: sp.Expr, hi: float, notes: list[str]) -> Branch:
    sign = 1 if side is sp.S.Infinity else -1
    threshold = sp.Float(repr(sign * hi), 17)  # from the shortest decimal: 38.0, not 37.99…
    notes.append(f"x {'>' if sign > 0 else '<'} {sign * hi!r}: f is {tail} to 2^-60 (mpmath)")
    return Branch(tail, threshold < X if sign > 0 else threshold > X)


def _threshold(
    e: sp.Expr, cond: sp.Basic, side: sp.Expr, tail: sp.Expr, own: sp.Basic | None = None
) -> float | None:
    """The smallest |x| (on `side`), to `THRESHOLD_DIGITS` significant digits and rounded up,
    from which `e` is `tail` to 2⁻⁶⁰ (or both underflow)."""
    ref = Reference(e)
    t = sp.lambdify(X, tail, "mpmath")
    sign = 1 if side is sp.S.Infinity else -1
    # The tail may not reach past a point the branch does not cover (a kink, a hole).
    # (`own`: the piece's own condition, whose edges these are; `cond` may be narrower)
    edges = _boundary(cond if own is None else own)
    holes = [abs(float(b)) for b in edges if (b > 0) == (sign > 0) or b == 0]
    edge = max(holes, default=-1.0)
    vanishing = tail.is_zero is True  # f tends to 0: the tail is 0 where f underflows

    def close(m: float) -> bool | None:
        """Whether f is its tail at sign·m; None where mpmath cannot tell (f holds e^(e^x),
        whose digits at x = 10³⁹ no memory could hold)."""
        x = sign * m
        # at 0 (is f its tail everywhere?) the piece's own condition is asked, else where it holds
        region = own if m == 0 and own is not None else cond
        if m <= edge or not holds_at(region, sp.Float(x)):
            return False
        with mp.workdps(40):
            tv = mp.mpf(t(mp.mpf(x)))
        if tv == 0 and not vanishing and m != 0:
            return False  # a root the tail shares with f (stan at −1) is no evidence (at 0,
            # f equal to its tail on both sides means it is its tail everywhere: see below)
        if tv == 0 and ref.far_below(x, _UNDERFLOW):
            return True
        v = ref(x)
        if v == 0 and tv != 0:
            # A 0 the tail disputes: look closer (1 + x/√(x² + 1) is 0 to 320 digits at
            # x = −10²⁰⁰, and 1/(2x²) at 640), as the accuracy check does.
            v = ref(x, max_dps=4 * MAX_DPS, zero_dps=4 * MAX_DPS) or v
        if v is None:  # the branch's condition holds, so f is defined here: mpmath gave up
            return None
        if v == 0 and ref.guarded:
            return None  # a guard's limit (exp(−x²) at x = 10³⁰⁸ is taken as 0), no value
        with mp.workdps(40):
            if tv == 0 and v == 0:
                # a root of f (serlu′ at −1), or digits mpmath cannot resolve (mish″ past
                # 371 cancels beyond its precision): only the second has tiny neighbours
                w = ref(x * (1 + 2.0**-20))
                return w is not None and bool(abs(w) < _UNDERFLOW)
            if tv == 0:
                return bool(abs(v) < _UNDERFLOW)
            return bool(abs(v - tv) <= SERIES_TOLERANCE * abs(tv))

    # The first decade where f is its tail, confirmed (or at least not contradicted: the
    # limit itself is proven) at points up to the largest float.
    decades = (k for k in range(0, 309) if close(10.0**k))
    for tries, k in enumerate(itertools.islice(decades, _TRIES)):
        if tries == 0 and any(close(10.0 ** (k + (308 - k) * i / 8)) is False for i in range(1, 9)):
            return None
        if k == 0 and close(0.0) and close(-0.0):
            return None  # f is its tail everywhere: nothing to gain
        found = _crossing(close, k)
        if found is not None:
            return found
        # f met its tail at 10ᵏ without staying there (lalu' crosses its tail 1 at x = 1,
        # where f' = 1 + (x − 1)e⁻ˣ/2): the next decade where it is its tail is tried.
    return None


#: Decades where f is its tail that `_threshold` tries, in turn, as the start of the tail.
_TRIES = 3


def _crossing(close: Callable[[float], bool | None], k: int) -> float | None:
    """The threshold in the decade below 10ᵏ (where `close` holds): bisected to the first point
    where f is its tail, rounded up to `THRESHOLD_DIGITS` digits, and confirmed over the decade
    past it (else None)."""
    lo, hi = (10.0 ** (k - 1), 10.0**k) if k > 0 else (0.0, 1.0)
    for _ in range(40):  # bisect to (just past) the first point where f is its tail ...
        if hi - lo <= _unit(hi):
            break
        mid = (lo + hi) / 2
        if close(mid):
            hi = mid
        else:
            lo = mid
    # ... then take the first number of THRESHOLD_DIGITS significant digits past the crossing
    # (in (lo, hi], or just above), for code a reader can follow.
    u = _unit(hi)
    j = math.floor(lo / u) + 1
    while True:
        nice = float(f"{j * u:.{THRESHOLD_DIGITS}g}")
        if nice > lo and close(nice):
            break
        if nice >= hi:
            nice = hi
            break
        j += 1
    # The bisection assumed that f stays its tail beyond the crossing: confirm it on the
    # decade after the threshold, where a wrong crossing would show.
    if any(close(nice * 2 ** (i / 4)) is False for i in range(1, 14)):
        return None
    return nice


#: Significant digits of a tail's threshold (found to, and rounded up to, that many).
THRESHOLD_DIGITS = 3


def _unit(m: float) -> float:
    """One unit in the last of `THRESHOLD_DIGITS` significant digits of m > 0."""
    return 10.0 ** (math.floor(math.log10(m)) - THRESHOLD_DIGITS + 1)


#: Half the smallest subnormal float64: below it a value rounds to 0.
_UNDERFLOW = mp.mpf(2) ** -1075


def _kinks_kept(f: sp.Expr) -> sp.Expr | None:
    """`f` itself where its Max, Min and Abs can stay as they are (NumPy's `maximum`,
    `minimum`, `clip`, `abs`): every argument of each is a + b·x with real numbers a, b, or
    another such Max, Min or Abs, so it is finite and computed exactly or with one rounding,
    as the lifted branch would be; and `f` has no Piecewise, Heaviside or sign. Else None:
    the kinks are lifted into branches."""
    kinds = (sp.Max, sp.Min, sp.Abs)
    if not f.has(*kinds) or f.has(sp.Piecewise, sp.Heaviside, sp.sign):
        return None
    for node in f.atoms(*kinds):
        for a in node.args:
            if isinstance(a, kinds):
                continue
            if not (a.is_polynomial(X) and sp.degree(a, X) <= 1):
                return None
            if not all(c.is_real and c.is_finite for c in sp.Poly(a, X).all_coeffs()):
                return None
    return f


def _cancelling_rational(e: sp.Expr) -> bool:
    """A sum that is a rational function of x with x in a denominator: x/(2 − 2x) + ½ (the
    Elliott sigmoid for x < 0) loses log₂|x| bits as x → −∞, its factored form
    −1/(2(x − 1)) none."""
    return bool(e.is_Add and e.is_rational_function(X) and not e.is_polynomial(X))


def _factored(
    pieces: tuple[tuple[sp.Expr, sp.Basic], ...], notes: list[str]
) -> tuple[tuple[sp.Expr, sp.Basic], ...] | None:
    """The pieces with each rational sum of `_cancelling_rational` factored (over the
    rationals: a product of numerator and denominator factors, each of which cancels only near
    its own roots), or None when no piece is one, or factoring ran out of time."""
    if not any(_cancelling_rational(e) for e, _ in pieces):
        return None
    out = bounded(
        SERIES_BUDGET,
        lambda: tuple((sp.factor(e) if _cancelling_rational(e) else e, c) for e, c in pieces),
        "factoring a rational function",
    )
    if not out.ok or out.value is None:
        return None
    notes.append("rational sums factored (their terms cancel as |x| grows)")
    return out.value


def _symmetric_merged(pieces: tuple[tuple[sp.Expr, sp.Basic], ...]) -> sp.Expr | None:
    """One expression of |x| for pieces that split the line at 0 only, where the piece on
    x > 0 is e(x) and the function is even (e(−x) on x < 0, e(0) at 0: it is e(|x|)) or odd
    (−e(−x) on x < 0, 0 at 0: it is sign(x)·e(|x|), the sign exact). Softsign′ comes lifted
    as 1/(x − 1)² for x < 0, 1 at 0, 1/(x + 1)² for x > 0; it is 1/(|x| + 1)², one branch
    where there were three, with no mask; symlog, −log1p(−x) left of 0, is
    sign(x)·log1p(|x|). The equalities are proven by SymPy (`simplify` within the series
    budget; numbers at 0), so None where they are not, or the pieces are not so."""
    if len(pieces) < 2:
        return None
    conds = [c for _, c in pieces]
    cells = cells_of(conds)
    if cells is None or cells.points != (sp.S.Zero,):
        return None
    taken = disjoint(cells, conds)
    owner = [next((i for i, t in enumerate(taken) if t[k]), None) for k in range(3)]
    if None in owner:
        return None  # undefined somewhere
    neg, zero, pos = (pieces[i][0] for i in owner)  # type: ignore[index]
    at0 = zero.subs(X, 0)
    if neg.has(sp.nan, sp.Piecewise) or pos.has(sp.nan, sp.Piecewise):
        return None
    mirrored = pos.subs(X, -X)
    value = pos.subs(X, 0)
    if not (value.is_number and value.is_finite and at0.is_number):
        return None

    def symmetry() -> sp.Expr | None:
        if sp.simplify(at0 - value) == 0 and sp.simplify(neg - mirrored) == 0:
            return pos.subs(X, sp.Abs(X))
        if at0 == 0 and sp.simplify(neg + mirrored) == 0:
            return sp.sign(X) * pos.subs(X, sp.Abs(X))
        return None

    found = bounded(SERIES_BUDGET, symmetry, "simplify")
    return found.value if found.ok else None


def _as_max_min(pw: sp.Expr) -> sp.Expr | None:
    """A continuous function of lines (numbers for coefficients), as Max and Min of them: at
    each kink, left to right, the Max of what came before and the next line where the slope
    rises (a convex kink), else their Min. Leaky ReLU (x for x ≥ 0, x/100 elsewhere) is
    Max(x/100, x); soft shrinkage (x + ½, 0, x − ½) is x − clip(x, −½, ½), x − Min(½, Max(−½,
    x)). The result is checked exactly,
    at every kink and every crossing of two lines and between and beyond them (two functions
    made of lines that agree there are equal), so None where it is not the function, or the
    function is not made so."""
    if not isinstance(pw, sp.Piecewise) or len(pw.args) > 6:
        return None
    lines = [e for e, _ in pw.args]
    if not all(e.is_polynomial(X) and sp.degree(e, X) <= 1 for e in lines):
        return None
    if not all(c.is_Rational for e in lines for c in sp.Poly(e, X).all_coeffs()):
        return None
    conds = [c for _, c in pw.args]
    cells = cells_of(conds)
    if cells is None or not all(p.is_Rational for p in cells.points):
        return None
    taken = disjoint(cells, conds)
    owner = [
        next((i for i, t in enumerate(taken) if t[k]), None) for k in range(len(cells.samples))
    ]
    if None in owner:
        return None  # undefined somewhere
    # The line of each open interval, left to right (cells 0, 2, 4, …).
    order = [lines[owner[k]] for k in range(0, len(owner), 2)]  # type: ignore[index]
    g = order[0]
    for prev, line in itertools.pairwise(order):
        if line == prev:
            continue
        rising = sp.diff(line, X) > sp.diff(prev, X)
        g = sp.Max(g, line) if bool(rising) else sp.Min(g, line)
    if len(order) == 3 and order[1] == 0 and all(sp.diff(e, X) == 1 for e in order[::2]):
        # x − p, 0, x − q (soft shrinkage): x − clip(x, p, q), two passes where the Max and
        # Min of the lines take four, with the same single rounding of x − p and x − q
        g = X - sp.Min(X - order[2], sp.Max(X - order[0], X))
    if not g.has(sp.Max, sp.Min):
        return None
    # Both sides are lines between the points below: equal at each and between, equal.
    points = set(cells.points)
    for u, v in itertools.combinations(set(order), 2):
        du = sp.diff(u - v, X)
        if du != 0:
            points.add(sp.solve(u - v, X)[0])
    ordered = sorted(points)
    probes = [*ordered, ordered[0] - 1, ordered[-1] + 1]
    probes += [(p + q) / 2 for p, q in itertools.pairwise(ordered)]
    for v in probes:
        i = next((i for i, c in enumerate(conds) if holds_at(c, v)), None)
        if i is None or g.subs(X, v) != lines[i].subs(X, v):
            return None
    return g


#: Largest float64.
_MAX_FLOAT = 1.7976931348623157e308


def _beyond(threshold: sp.Expr, dtype: type) -> list[float]:
    """Points at and beyond a tail's threshold, out to the largest float of `dtype`: just past
    it, every sixteenth of its magnitude up to twice it, then every power of 2 and of 10."""
    t = float(threshold)
    sign = 1.0 if t > 0 else -1.0
    m = abs(t)
    top = float(np.finfo(dtype).max)
    raw = [m * (1 + k / 16) for k in range(17)]
    r = m * 2
    while r < top:
        raw.append(r)
        r *= 2
    raw += [10.0**k for k in range(309) if m < 10.0**k < top]
    raw += [top]
    with np.errstate(over="ignore"):
        out = [float(dtype(r)) for r in raw if r <= top]
    return sorted({sign * r for r in out if r >= m and math.isfinite(r)})


#: Smallest normal float64 and float32: below them a value is subnormal, which the accuracy
#: standard does not hold to (a tail of 0 there is as right as the kernel's tiny value).
_TINY = {np.float64: float(np.finfo(np.float64).tiny), np.float32: float(np.finfo(np.float32).tiny)}


def _kernel_gives_tail(body: sp.Expr, tail: sp.Expr, threshold: sp.Expr) -> bool:
    """Whether the NumPy kernel of `body` returns the tail's value within the accuracy
    standard at every point of `_beyond(threshold)` (some 1100 per type, out to the largest
    float), in float64 and in float32: within 1.5 + |x·t'/t| units in the last place of the
    tail t (mpmath, 40 digits: the tail is f to 2⁻⁶⁰ there; the standard allows
    2 + |x·f'/f|, and rounding t costs half a unit), or below the smallest normal where the
    tail is too. (1.5 + |x·t'/t| ULPs: `(x + 1)⁻²` is 2 ULPs from its tail at 10¹⁶, where
    x + 1 rounds, and its condition number is 2.)"""
    k = lambdify_kernel(body, cse=True)
    t = sp.lambdify(X, tail, "mpmath")
    dt = sp.lambdify(X, sp.diff(tail, X), "mpmath")
    for dtype in (np.float64, np.float32):
        xs = np.array(_beyond(threshold, dtype), dtype=dtype)
        with mp.workdps(40):
            if tail.is_number:  # a limit: one value, condition number 0
                exact = [mp.mpf(sp.N(tail, 40))] * len(xs)
                cond = [0.0] * len(xs)
            else:
                exact = [t(mp.mpf(float(x))) for x in xs]
                cond = [
                    float(abs(mp.mpf(float(x)) * dt(mp.mpf(float(x))) / v)) if v else 0.0
                    for x, v in zip(xs, exact, strict=True)
                ]
        with np.errstate(all="ignore"):
            got = np.broadcast_to(np.asarray(k(xs), dtype=dtype), xs.shape)
            want: NDArray[Any] = np.array([float(v) for v in exact]).astype(dtype)
            allowed = (1.5 + np.array(cond)) * np.spacing(np.abs(want)).astype(np.float64)
            near = np.abs(got.astype(np.float64) - want) <= allowed
        tiny = _TINY[dtype]
        same = near | ((np.abs(got) < tiny) & (np.abs(want) < tiny))
        if not (np.isfinite(got).all() and same.all()):
            return False
    return True


#: What a tail branch is worth (`_tail_status`): needed, optional (the NumPy kernel beyond it
#: already gives its value), or nothing at all (the branch beyond it is the tail itself).
_NEEDED, _OPTIONAL, _NOTHING = "needed", "optional", "nothing"


def _tail_status(tail: Branch, body: list[Branch], notes: list[str]) -> str:
    """Whether the branch that takes the elements beyond a tail's threshold, without the tail,
    gives the tail's value there already: it is the tail itself (then the tail is dropped), or
    its kernel returns the tail's value (`_kernel_gives_tail`: then the tail is optional). A
    note says which."""
    rel = tail.cond
    threshold = rel.rhs if rel.lhs == X else rel.lhs
    points = _beyond(threshold, np.float64)
    takers = _takers(body, points)
    if len(takers) != 1 or None in takers:
        return _NEEDED
    b = body[takers.pop()]  # type: ignore[index]
    where = f"x {'>' if float(threshold) > 0 else '<'} {float(threshold)!r}"
    value = _shown(tail.expr)
    if b.expr == tail.expr or (
        _agree_at(b.expr, tail.expr, points[:8]) and _zero(b.expr - tail.expr)
    ):
        notes.append(f"{where}: no tail branch, the branch there is {value} itself")
        return _NOTHING
    if _kernel_gives_tail(b.expr, tail.expr, threshold):
        notes.append(
            f"{where}: tail optional, the NumPy kernel gives {value} there within the standard "
            f"(float64 and float32, at {len(points)} points out to the largest float)"
        )
        return _OPTIONAL
    return _NEEDED


def _shown(e: sp.Expr) -> str:
    """A tail for a note: a float as its shortest decimal (6.0, not 6.00000000000000)."""
    return repr(float(e)) if e.is_Float else str(e)


def _agree_at(a: sp.Expr, b: sp.Expr, points: list[float]) -> bool:
    """False where `a` and `b` differ by more than 10⁻¹² (relative, and 10⁻²⁰ absolute) at
    one of `points`, evaluated to 30 digits, or where both are below 10⁻²⁰ there and their
    difference is the same to 6 digits at 30 and at 60 digits (a value of 10⁻³²⁴ against a
    tail of 0 is no rounding noise, which changes with the precision): then `_zero(a − b)`
    cannot be True, and SymPy's `simplify` need not try (it runs to its budget on many a
    nonzero difference). True where they agree or either cannot be evaluated (SymPy decides)."""
    try:
        fa, fb, fa60, fb60 = (
            evaluator(to_elementary(to_definition(e)), X, dps) for dps in (30, 60) for e in (a, b)
        )
        values = [(fa(mp.mpf(p)), fb(mp.mpf(p))) for p in points]
    except Exception:  # a function mpmath does not know: SymPy decides
        return True
    for p, (va, vb) in zip(points, values, strict=True):
        if va is None or vb is None:
            return True
        if abs(va - vb) > max(mp.mpf(10) ** -12 * max(abs(va), abs(vb)), mp.mpf(10) ** -20):
            return False
        if va == vb:
            continue
        # both near 0: a tiny value, or terms that cancel to noise (which 60 digits shrink)
        try:
            wa, wb = fa60(mp.mpf(p)), fb60(mp.mpf(p))
        except Exception:
            return True
        if wa is None or wb is None:
            return True
        with mp.workdps(60):
            here, there = va - vb, wa - wb
            if there != 0 and abs(here - there) <= mp.mpf(10) ** -6 * abs(there):
                return False
    return True


def _zero(e: sp.Expr) -> bool:
    """Whether SymPy simplifies `e` to 0 within the series budget (False if it cannot)."""
    out = bounded(SERIES_BUDGET, partial(sp.simplify, e), "simplify")
    return bool(out.ok and out.value == 0)


def _minimal_conditions(branches: list[Branch]) -> list[Branch]:
    """The branches with each condition the shortest that takes the same elements in order
    (first match wins): no comparison implied by an earlier branch, `True` for a branch that
    takes all that is left, and no branch that takes nothing. Conditions that are not
    comparisons of x with numbers are left as they are."""
    conds = [b.cond for b in branches]
    cells = cells_of(conds)
    if cells is None:
        return branches
    taken = disjoint(cells, conds)
    left = (True,) * len(cells.samples)
    out: list[Branch] = []
    for b, bits in zip(branches, taken, strict=True):
        if not any(bits):
            continue
        out.append(Branch(b.expr, minimal(cells, left, bits, b.cond)))
        left = tuple(lf and not t for lf, t in zip(left, bits, strict=True))
        if not any(left):
            break
    return out


def whole_number(value: sp.Expr | None) -> sp.Expr | None:
    """A limit found numerically as a whole number (0.0 when sympy.limit ran out of its CPU
    budget under load) as that integer: the same double in every target, and generated code
    that does not depend on the machine's load. Anything else unchanged. (SymPy's
    `Float(1.0) == 1` is False: the test is on the float.)"""
    if isinstance(value, sp.Float) and value.is_finite and float(value).is_integer():
        return sp.Integer(int(value))
    return value


def _build_plan(name: str, f: sp.Expr, n: int, params: Params, tails: bool = True) -> Plan:
    source = target_expression(f, n)
    pw = to_piecewise(source)
    lattice = _kinks_kept(_as_max_min(pw) or sp.S.Zero)  # two lines meeting: f or f' …
    kept = lattice if n else _kinks_kept(f) or lattice
    pieces = pw.args if isinstance(pw, sp.Piecewise) else ((pw, sp.true),)
    # conditions solved for x first: the limits take the piece whose condition holds at ±∞
    pieces = tuple((ei, _on_x(ci)) for ei, ci in pieces)
    notes: list[str] = []
    factored = _factored(pieces, notes)
    if factored is not None:
        pieces, kept = factored, None  # the sums of |x| that cancel become products
    if kept is None:
        kept = _symmetric_merged(pieces)
        if kept is not None:
            notes.append(f"one expression of |x| on the whole line: {_shown(kept)}")
    else:
        notes.append("Max, Min and Abs kept as they are (of a + b·x: finite, rounded once)")
    tail_branches: list[Branch] = []
    limits: list[sp.Expr | None] = [None, None]
    if not tails:
        notes.append("tails at ±∞ not analysed: no limits, no asymptotic branches")
    for i, side in enumerate((sp.S.NegativeInfinity, sp.S.Infinity) if tails else ()):
        e = _covering(pieces, side)
        lim = None if e is None else limit_at(e, X, side)
        value = None if lim is None else whole_number(lim.value)
        limits[i] = value
        if lim is not None:
            notes.append(f"f({side}) = {value!s}: {lim.how}, {lim.note}")
        if e is not None and lim is not None:
            # where the piece holds: its own condition, less the earlier pieces' (which take
            # precedence); the tail may not reach into those, nor past the piece's own edges
            k = next(k for k, (ei, _) in enumerate(pieces) if ei == e)
            cond = sp.And(pieces[k][1], *(sp.Not(c) for _, c in pieces[:k]))
            tail = _tail(e, cond, side, value, notes, pieces[k][1])
            if tail is not None:
                tail_branches.append(tail)
    body: list[Branch] = []
    # The limits and tails come from the lifted pieces; the branches keep Max, Min and Abs.
    for ei, ci in pieces if kept is None else ((kept, sp.true),):
        if ei.has(sp.nan):
            continue  # undefined there: the evaluator leaves NaN
        ci = _in_floats(_on_x(ci))
        stable = stabilise(ei)
        # a plan for drawing makes do with a shorter polynomial (a smaller radius)
        stable = _near_zero(stable, notes, SERIES_TERMS if tails else WINDOW_SERIES_TERMS)
        body.extend(_flatten(stable, ci))
    status = [_tail_status(t, body, notes) for t in tail_branches]
    kept_tails = [t for t, s in zip(tail_branches, status, strict=True) if s == _NEEDED]
    skipped = [
        Branch(t.expr, t.cond, True)
        for t, s in zip(tail_branches, status, strict=True)
        if s == _OPTIONAL
    ]
    # Conditions are minimised without the optional tails, which an evaluator may skip.
    branches = skipped + _minimal_conditions(kept_tails + body)
    return Plan(
        name, n, params, source, tuple(branches), (limits[0], limits[1]), tuple(notes), tails
    )


# --- the disk cache ------------------------------------------------------------------------------

#: Cache subdirectory of plans.
CACHE_KIND = "plans"
#: Version of the entry layout; part of the key.
CACHE_FORMAT = 2
#: The classes a plan may hold beyond those `load_expr` knows: the numeric nodes, and the
#: codegen functions the rewrite rules (SymPy's `optims_c99` among them) put in.
_NODE_CLASSES: dict[str, type] = {
    **NODES,
    **{c.__name__: c for c in (expm1, log1p, hypot, logaddexp, exp2, log2)},
}


#: The store of plans: what a plan depends on besides its arguments is this module and the
#: symact modules it imports (transitively), and the versions of the libraries it computes with.
STORE = Store(
    CACHE_KIND,
    depends_on=("symact.numerics._plan",),
    versions=("sympy", "mpmath", "numpy", "scipy"),
)


def _key(name: str, f: sp.Expr, n: int, params: Params, tails: bool) -> str:
    return STORE.key(
        f"plan {CACHE_FORMAT}",
        f"name {name!r}",
        f"n {n}",
        *(f"param {k!r} {sp.srepr(v)}" for k, v in params),
        f"expr {sp.srepr(f)}",
        *([] if tails else ["no tails"]),
    )


def _dump(e: sp.Basic | None) -> str | None:
    return None if e is None else dump_expr(e)


def _encode(plan: Plan) -> dict[str, Any]:
    return {
        "format": CACHE_FORMAT,
        "name": plan.name,
        "n": plan.n,
        "params": [[k, dump_expr(v)] for k, v in plan.params],
        "source": dump_expr(plan.source),
        "branches": [
            [dump_expr(b.expr), dump_expr(b.cond), *(["optional"] if b.optional else [])]
            for b in plan.branches
        ],
        "at_infinity": [_dump(v) for v in plan.at_infinity],
        "notes": list(plan.notes),
        "tails": plan.tails,
    }


def _expr(text: Any, names: frozenset[str]) -> sp.Expr:
    e = load_expr(text, _NODE_CLASSES, names=names)
    if not isinstance(e, sp.Expr):
        raise ValueError("not an expression")
    return e


def _condition(text: Any, names: frozenset[str]) -> sp.Basic:
    c = load_expr(text, _NODE_CLASSES, names=names)
    if not isinstance(c, sp.logic.boolalg.Boolean):
        raise ValueError("not a condition")
    return c


def _optional(item: list[Any]) -> bool:
    """Whether an entry's branch `[expr, cond]` or `[expr, cond, "optional"]` is optional."""
    if len(item) == 2:
        return False
    if len(item) == 3 and item[2] == "optional":
        return True
    raise ValueError("not a branch")


def _pair(item: list[Any]) -> list[Any]:
    if len(item) != 2:
        raise ValueError("not a pair")
    return item


#: The shape of an entry (see `symact._store.conforms`); pairs are checked apart.
_ENTRY = {
    "format": int,
    "name": str,
    "n": int,
    "params": [[str]],
    "source": str,
    "branches": [[str]],
    "at_infinity": [(str, type(None))],
    "notes": [str],
    "tails": bool,
}


def _names(f: sp.Expr, params: Params) -> frozenset[str]:
    """The symbol names a plan of `f` may hold: `x`, `y`, the parameters given and those of
    `f` (the parameters left symbolic)."""
    return frozenset({"x", "y", *(k for k, _ in params), *(str(s) for s in f.free_symbols)})


def _decode(data: dict[str, Any], names: frozenset[str]) -> Plan:
    """The plan an entry holds, with no symbols but `names`; `ValueError` (or `KeyError`,
    `TypeError`) if it holds none."""
    if data.get("format") != CACHE_FORMAT:
        raise ValueError("another format")
    if not conforms(data, _ENTRY):
        raise ValueError("wrong types")
    name, n, notes, tails = data["name"], data["n"], data["notes"], data["tails"]
    params = []
    for item in data["params"]:
        k, v = _pair(item)
        params.append((k, _expr(v, names)))
    branches = tuple(
        Branch(_expr(b[0], names), _condition(b[1], names), _optional(b)) for b in data["branches"]
    )
    lo, hi = (None if v is None else _expr(v, names) for v in _pair(data["at_infinity"]))
    source = _expr(data["source"], names)
    return Plan(name, n, tuple(params), source, branches, (lo, hi), tuple(notes), tails)


def _same(a: Plan, b: Plan) -> bool:
    """Whether two plans are equal field by field, and so are their expressions' `srepr`."""
    return a == b and _encode(a) == _encode(b)


def _cached(name: str, f: sp.Expr, n: int, params: Params, tails: bool) -> Plan:
    """The plan from the disk cache, or built (and stored, if it reads back identical)."""
    k = _key(name, f, n, params, tails)
    names = _names(f, params)
    hit = STORE.get(k)
    if hit is not None:
        try:
            plan = _decode(hit, names)
        except (KeyError, TypeError, ValueError):
            pass  # tampered, truncated or foreign: a miss, rebuilt and overwritten below
        else:
            if (plan.name, plan.n, plan.params, plan.tails) == (name, n, params, tails):
                return plan
    plan = _build_plan(name, f, n, params, tails)
    entry = _encode(plan)
    try:
        readable = _same(_decode(entry, names), plan)
    except (KeyError, TypeError, ValueError):
        readable = False
    if readable:
        STORE.put(k, entry)
    return plan


@memo(maxsize=1024)
def _make_plan(name: str, f: sp.Expr, n: int, params: Params, tails: bool = True) -> Plan:
    return _cached(name, f, n, params, tails)


def _arguments(
    act: Activation, n: int, params: dict[str, float | sp.Expr]
) -> tuple[str, sp.Expr, int, Params]:
    if not 0 <= n <= 3:
        raise ValueError(f"derivative order must be 0 … 3, not {n}")
    unknown = set(params) - set(act.symbols)
    if unknown:
        raise ValueError(f"{act.name} has no parameter {sorted(unknown)[0]!r}")
    chosen = {k: exact_value(v) for k, v in params.items()}
    if any(v.free_symbols for v in chosen.values()):
        raise ValueError("a numeric plan needs numbers as parameter values, not symbols")
    return act.name, act.at(**chosen), n, tuple(sorted(chosen.items()))


def make_plan(act: Activation, n: int = 0, /, **params: float | sp.Expr) -> Plan:
    """The stable plan for the `n`-th derivative of `act` at the given parameters, from the
    disk cache when it holds it (see the module's documentation), else built and stored."""
    return _make_plan(*_arguments(act, n, params))


def plan_without_tails(act: Activation, n: int = 0, /, **params: float | sp.Expr) -> Plan:
    """Like [`make_plan`][symact.numerics._plan.make_plan], but the tails at ±∞ are not
    analysed (`Plan.tails` is false): for drawing on a finite window, where the branches for
    the tails would agree with the others to 2⁻⁶⁰ and finding them (limits, thresholds in
    mpmath) is most of the cost of a plan."""
    return _make_plan(*_arguments(act, n, params), False)


def build_plan(act: Activation, n: int = 0, /, **params: float | sp.Expr) -> Plan:
    """The plan [`make_plan`][symact.numerics._plan.make_plan] returns, built afresh: no cache
    (on disk or in memory) is read or written."""
    return _build_plan(*_arguments(act, n, params))
