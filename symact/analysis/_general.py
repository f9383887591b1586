"""Facts for every parameter value: the analysis with the parameters kept symbolic.

A researcher asks "what is the range of ELU as a function of α?". The default-parameter facts
answer at α = 1 only; here the same facts are derived with each parameter a SymPy symbol under its
declared domain (`Param.positive`, `Param.nonnegative`, `Param.above`). Every general fact is
exact — proved symbolically — or not given: nothing is sampled or guessed. Two methods:

- **Scaling.** When f(x; p) = R(p)·F(k(p)·x) for the one parameter p (positive), with F = f at
  the defaults — softplus and Swish with β, ISRU with √α, CELU with α, SIREN's ω₀, the
  shrinkages' λ — and SymPy proves the difference of both sides is 0 piece by piece, every exact
  fact of F carries over: values scale by R, points by 1/k, slopes by R·k, and shape (monotonic,
  parity, continuity, bounded) stays. Saturation carries over when R·k = 1 (f' unchanged in
  size), at the analysis' ε.
- **Pieces.** Otherwise the formula is cut at its breakpoints, which must be ordered for every
  parameter value (hardtanh's max_val is declared above min_val; a proof writes it as min_val +
  δ with δ > 0), and each piece is analysed with the parameters symbolic: f(0); the limits at
  ±∞; where f breaks; monotonicity from the sign of f' on each piece (SymPy's assumptions); the
  range and extrema of a continuous monotonic f; the saturation thresholds as functions of α
  and ε where |f'| is monotonic on a tail (ELU: log(ε/α) when α > ε, else 0).

A general fact is kept only if, at the default parameters, it equals the default-parameter fact
(checked to 30 digits); one that disagrees is dropped with the reason. Every step runs under a
budget; a step that runs out leaves only its facts undetermined.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

import mpmath as mp
import sympy as sp

from symact.analysis._budget import bounded
from symact.analysis._facts import SHAPE_FACTS, Asymptote, Breakpoint, Fact, General
from symact.analysis._numeric import evaluator
from symact.analysis._serial import interval_list
from symact.declare import Activation, X
from symact.functions import to_elementary

__all__ = ["EPS", "general_facts"]

#: ε, the saturation slope, as a symbol: general saturation thresholds are functions of it.
EPS = sp.Symbol("epsilon", positive=True)
#: Seconds for one general fact (or the search for a scaling, or the cutting into pieces).
STEP = 6.0
#: Highest derivative order compared at a breakpoint (as the default analysis does).
MAX_ORDER = 6
_U = sp.Symbol("u", real=True)
_T = sp.Symbol("t", positive=True)
_INF, _NINF = sp.S.Infinity, sp.S.NegativeInfinity
_DIGITS = 30

#: Facts whose value scales by R (values of f), by R·k (values of f'), or maps points by 1/k.
_VALUES = ("value_at_0", "limit_-inf", "limit_+inf", "minimum", "maximum")
_SLOPES = ("derivative_at_0", "derivative_limit_-inf", "derivative_limit_+inf", "lipschitz")
_POINTS = ("minimum_at", "maximum_at", "lipschitz_at")
#: Facts a positive rescaling of x and of f leaves as they are.
_SHAPE = (
    "monotonic",
    "derivative_monotonic",
    "parity",
    "continuity",
    "bounded_below",
    "bounded_above",
    "zero_centred",
    "bounded",
    "dead_zone",
    "saturates",
)


class _Failed(Exception):  # noqa: N818 - internal signal, not an error
    """A general derivation that cannot go on (the reason is the message)."""


@dataclass(frozen=True)
class Setting:
    """The parameters as the proofs see them.

    `assumptions` is the declared domain in the parameter symbols (`True` where every real is
    allowed). A parameter declared above another is written as the other plus a positive δ in
    proofs (`to_proof`), and back (`from_proof`), because SymPy's assumptions hold for single
    symbols only.
    """

    defaults: dict[sp.Symbol, sp.Expr]
    assumptions: sp.Basic
    to_proof: dict[sp.Symbol, sp.Expr]
    from_proof: dict[sp.Symbol, sp.Expr]
    #: Each parameter's kind of domain ("positive", "nonnegative", "real"), and for one
    #: declared above another, that other.
    kinds: dict[sp.Symbol, str]
    lower: dict[sp.Symbol, sp.Symbol]


def setting(act: Activation) -> Setting:
    """The proof setting of `act`'s parameters."""
    sym = act.symbols
    conds: list[sp.Basic] = []
    to_proof: dict[sp.Symbol, sp.Expr] = {}
    from_proof: dict[sp.Symbol, sp.Expr] = {}
    for p in act.params:
        s = sym[p.name]
        # Unevaluated: SymPy would turn `alpha > 0` into True for a positive symbol.
        if p.positive:
            conds.append(sp.StrictGreaterThan(s, 0, evaluate=False))
        elif p.nonnegative:
            conds.append(sp.GreaterThan(s, 0, evaluate=False))
        if p.above is not None:
            lower = sym[p.above]
            conds.append(sp.StrictGreaterThan(s, lower, evaluate=False))
            delta = sp.Dummy(f"{p.name}_minus_{p.above}", positive=True)
            to_proof[s] = lower + delta
            from_proof[delta] = s - lower
    kinds = {
        sym[p.name]: "positive" if p.positive else "nonnegative" if p.nonnegative else "real"
        for p in act.params
    }
    lower = {sym[p.name]: sym[p.above] for p in act.params if p.above is not None}
    return Setting(
        {sym[p.name]: p.value for p in act.params},
        sp.And(*conds, evaluate=False) if len(conds) > 1 else conds[0] if conds else sp.true,
        to_proof,
        from_proof,
        kinds,
        lower,
    )


def general_facts(act: Activation, facts: Mapping[str, Fact], eps: float) -> dict[str, General]:
    """The general form of each fact of `act` that has one, checked against `facts` (the
    default-parameter analysis at slope `eps`). Empty for an activation without parameters."""
    if not act.params:
        return {}
    st = setting(act)
    found = bounded(STEP, partial(_scaling, act, st), "scaling")
    if found.ok and found.value is not None:
        p, k, r = found.value
        out = bounded(STEP, partial(_scaled, facts, X, k, r, eps), "scaled facts")
        how = f"f(x; {p}) = R·F(k·x) with R = {r}, k = {k}, F = f at the defaults (proved)"
        raw: dict[str, sp.Basic | str | None] = out.value or {} if out.ok else {}
        if not out.ok:
            return {n: _undetermined(st, out.reason) for n in _SCALED}
        return _checked(act, st, facts, raw, how, eps)
    return _pieces_facts(act, st, facts, eps)


_SCALED = (*_VALUES, *_SLOPES, *_POINTS, *_SHAPE, "range", "breakpoints", "taylor")


def _undetermined(st: Setting, why: str) -> General:
    return General(None, st.assumptions, "undetermined", why)


# --- scaling ----------------------------------------------------------------------------------


def _scaling(act: Activation, st: Setting) -> tuple[sp.Symbol, sp.Expr, sp.Expr] | None:
    """(p, k, R) with f(x; p) = R·F(k·x), proved; `None` where no such scaling is found."""
    if len(act.params) != 1 or not act.params[0].positive:
        return None
    p = act.symbols[act.params[0].name]
    p0 = st.defaults[p]
    f = to_elementary(act.expr)
    big_f = f.subs(p, p0).subs(X, _U)
    for k in (p / p0, p0 / p, sp.sqrt(p / p0), sp.sqrt(p0 / p)):
        e = f.subs(X, _U / k)
        if not _may_scale(e.subs(p, p0 * _OTHER), big_f):
            continue
        ratios = [sp.simplify(e.subs(_U, u) / big_f.subs(_U, u)) for u in (1, -1)]
        if any(not r.is_finite for r in ratios) or sp.simplify(ratios[0] - ratios[1]) != 0:
            continue
        r = ratios[0]
        if not ((r.is_positive and r.has(p)) or r == 1):
            continue
        if _is_zero(_pieces_of(e) - r * _pieces_of(big_f)):
            return p, sp.simplify(k), r
    return None


#: The parameter value, as a multiple of the default, at which `_may_scale` looks.
_OTHER = sp.Rational(137, 100)
#: Points u where it compares f(u/k)/F(u): generic, no usual kink among them.
_RATIO_POINTS = ("0.7", "-1.3", "2.9", "-0.45", "4.1")


def _may_scale(e: sp.Expr, big_f: sp.Expr) -> bool:
    """False where f(u/k; p)/F(u), at one parameter value other than the default (`e`, in u),
    differs between two of `_RATIO_POINTS` by more than 10⁻¹⁰ of its size (mpmath, 30
    digits): then no R makes f(u/k) = R·F(u) for every parameter value, and SymPy need not
    try to prove it (four `simplify` of a candidate k each that fail: 10 CPU-s for the
    catalogue). True where the ratios agree or too few could be computed (SymPy decides)."""
    g, h = evaluator(e, _U, 30), evaluator(big_f, _U, 30)
    ratios = []
    with mp.workdps(30):
        for text in _RATIO_POINTS:
            a, b = g(mp.mpf(text)), h(mp.mpf(text))
            if a is not None and b is not None and abs(b) > mp.mpf(10) ** -10:
                ratios.append(a / b)
        return len(ratios) < 2 or all(
            abs(r - ratios[0]) <= mp.mpf(10) ** -10 * max(1, abs(ratios[0])) for r in ratios
        )


def _pieces_of(e: sp.Expr) -> sp.Expr:
    """`e` with Max, Min, Abs as Piecewise and each condition in its simplest form in u."""
    e = sp.piecewise_fold(e.rewrite(sp.Piecewise))
    if not isinstance(e, sp.Piecewise):
        return e
    return sp.Piecewise(*((a, c.replace(_is_relational, _normal)) for a, c in e.args))


def _is_relational(e: sp.Basic) -> bool:
    return isinstance(e, sp.core.relational.Relational)


def _normal(rel: sp.Basic) -> sp.Basic:
    """A relation in u with positive factors cancelled, solved for u where it has no
    parameter left (α·(eᵘ − 1) ≥ 0 becomes u ≥ 0)."""
    d = sp.factor_terms(rel.lhs - rel.rhs)
    if isinstance(d, sp.Mul):
        keep, flip = [], False
        for f in d.args:
            if not f.has(_U) and f.is_positive:
                continue
            if not f.has(_U) and f.is_negative:
                flip = not flip
                continue
            keep.append(f)
        d = sp.Mul(*keep) * (-1 if flip else 1)
    out = rel.func(d, 0)
    if out.free_symbols <= {_U} and out.has(_U):
        try:
            return sp.solve_univariate_inequality(out, _U, relational=True)
        except (NotImplementedError, ValueError, TypeError):
            return out
    return out


def _is_zero(d: sp.Expr) -> bool:
    """Whether SymPy proves `d` ≡ 0: it simplifies to 0, or to pieces that are all 0 and cover
    every u."""
    d = sp.simplify(d)
    if d == 0:
        return True
    if isinstance(d, sp.Piecewise) and all(a == 0 for a, _ in d.args):
        cover = sp.Or(*(c for _, c in d.args))
        return cover is sp.true or (
            cover.free_symbols <= {_U} and cover.as_set() == sp.S.Reals  # type: ignore[union-attr]
        )
    return False


def _scaled(
    facts: Mapping[str, Fact], x: sp.Symbol, k: sp.Expr, r: sp.Expr, eps: float
) -> dict[str, sp.Basic | str | None]:
    """Each exact default fact, carried over by the scaling f = R·F(k·x)."""
    out: dict[str, sp.Basic | str | None] = {}
    for name, fact in facts.items():
        if fact.how != "exact":
            continue
        v = _exact_of(fact)
        if name in _SHAPE:
            out[name] = str(fact.value) if isinstance(fact.value, StrEnum) else fact.value  # type: ignore[assignment]
        elif v is None:
            continue
        elif name in _VALUES:
            out[name] = r * v
        elif name in _SLOPES:
            out[name] = r * k * v
        elif name == "range":
            out[name] = _map_set(v, lambda e: r * e)
        elif name in _POINTS:
            out[name] = _map_set(v, lambda e: e / k)
        elif name.startswith("saturation_") and sp.simplify(r * k - 1) == 0:
            out[name] = v / k
        elif name.startswith("asymptote_") and isinstance(v, sp.Tuple) and len(v) == 2:
            out[name] = sp.Tuple(r * k * v[0], r * v[1])  # y = a·x + b becomes R·k·a, R·b
        elif name == "taylor":
            out[name] = sp.expand(r * v.subs(x, k * x))
    bps = facts.get("breakpoints")
    if bps is not None and bps.how == "exact" and isinstance(bps.value, tuple):
        out["breakpoints"] = sp.FiniteSet(*(b.at / k for b in bps.value))  # type: ignore[union-attr]
    return out


def _exact_of(fact: Fact) -> sp.Basic | None:
    """The exact value of `fact` as a SymPy object (an asymptote as the pair (slope,
    intercept)); None for a numeric fact or one that is not a SymPy value."""
    if fact.how != "exact":
        return None
    return _as_basic(fact.value)


def _as_basic(v: object) -> sp.Basic | None:
    if isinstance(v, Asymptote):
        return sp.Tuple(v.slope, v.intercept)
    return v if isinstance(v, sp.Basic) else None


def _map_set(s: sp.Basic, fn: Callable[[sp.Expr], sp.Expr]) -> sp.Basic:
    """The set of fn(v) for v in `s`, for an increasing fn."""
    if isinstance(s, sp.Interval):
        return sp.Interval(_mapped(s.start, fn), _mapped(s.end, fn), s.left_open, s.right_open)
    if isinstance(s, sp.FiniteSet):
        return sp.FiniteSet(*(_mapped(v, fn) for v in s.args))
    if isinstance(s, sp.Union):
        return sp.Union(*(_map_set(a, fn) for a in s.args))
    if isinstance(s, sp.ImageSet):
        (k,) = s.lamda.variables
        return sp.ImageSet(sp.Lambda(k, sp.expand(fn(s.lamda.expr))), s.base_sets[0])
    if s is sp.S.EmptySet:
        return s
    raise _Failed(f"cannot map the set {s}")


def _mapped(v: sp.Expr, fn: Callable[[sp.Expr], sp.Expr]) -> sp.Expr:
    return v if v.is_infinite else fn(v)


# --- pieces -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    lo: sp.Expr
    hi: sp.Expr
    g: sp.Expr


def _pieces_facts(
    act: Activation, st: Setting, facts: Mapping[str, Fact], eps: float
) -> dict[str, General]:
    f = to_elementary(act.expr).subs(st.to_proof)
    raw: dict[str, sp.Basic | str | None] = {}
    why: dict[str, str] = {}

    def run(names: tuple[str, ...], fn: Callable[[], dict[str, Any]]) -> None:
        out = bounded(STEP, fn, names[0])
        if out.ok and out.value is not None:
            raw.update(out.value)
        for n in names:
            if n not in raw:
                why[n] = out.reason if not out.ok else "no closed form for every parameter value"

    cut = bounded(STEP, partial(_cut, f), "pieces")
    run(("value_at_0",), lambda: {"value_at_0": _simplest(f.subs(X, 0))})
    if cut.ok and cut.value is not None:
        pieces, points = cut.value
        run(
            ("limit_-inf", "limit_+inf", "asymptote_-inf", "asymptote_+inf"),
            partial(_limits, pieces),
        )
        run(("breakpoints",), partial(_breaks, pieces, points))
        run(_SHAPE_OF_PIECES, partial(_monotonic_shape, pieces, points))
        run(
            ("saturation_-inf", "saturation_+inf"),
            partial(_saturations, pieces, facts),
        )
    if "monotonic" not in raw:
        # Where the sign of f' hangs on a parameter of any sign: one case per sign of it.
        for p in (s for s, kind in st.kinds.items() if kind == "real" and f.has(s)):
            run(("monotonic",), partial(_monotonic_by_sign, f, p))
            if "monotonic" in raw:
                break
    else:
        for n in ("limit_-inf", "limit_+inf", "breakpoints", *_SHAPE_OF_PIECES):
            why[n] = cut.reason or "the pieces of f are not ordered for every parameter value"
    raw = {n: _back(v, st) for n, v in raw.items()}
    out = _checked(act, st, facts, raw, "the pieces of f with symbolic parameters", eps)
    for n, reason in why.items():
        if n not in out and _applies(facts.get(n)):
            out[n] = _undetermined(st, reason)
    return out


_SHAPE_OF_PIECES = SHAPE_FACTS


def _applies(fact: Fact | None) -> bool:
    """Whether a general form of this default fact is worth asking for (it has a value)."""
    return fact is not None and fact.how != "undetermined" and fact.value is not None


def _back(v: sp.Basic | str | None, st: Setting) -> sp.Basic | str | None:
    if isinstance(v, sp.Basic) and st.from_proof:
        return sp.simplify(v.subs(st.from_proof))
    return v


def _simplest(e: sp.Expr) -> sp.Expr:
    out = sp.simplify(sp.piecewise_fold(e))
    if out.has(sp.nan, sp.zoo) or out.is_finite is False:
        raise _Failed("f(0) is not finite for every parameter value")
    return out  # type: ignore[no-any-return]


def _cut(f: sp.Expr) -> tuple[list[_Piece], list[sp.Expr]]:
    """f as pieces between its breakpoints, ordered for every parameter value."""
    e = sp.piecewise_fold(f.rewrite(sp.Piecewise))
    if not isinstance(e, sp.Piecewise):
        if e.has(sp.Piecewise):
            raise _Failed("nested pieces")
        return [_Piece(_NINF, _INF, e)], []
    bounds: list[sp.Expr] = []
    for _, c in e.args:
        for rel in c.atoms(sp.core.relational.Relational):
            if not rel.has(X):
                raise _Failed("a condition on the parameters alone")
            d = sp.expand(rel.lhs - rel.rhs)
            if not d.is_polynomial(X) or sp.degree(d, X) != 1:
                raise _Failed(f"a condition not linear in x: {rel}")
            a = d.coeff(X)
            if not (a.is_positive or a.is_negative):
                raise _Failed(f"the sign of {a} depends on the parameters")
            b = sp.simplify(-(d - a * X) / a)
            if not any(sp.simplify(b - q) == 0 for q in bounds):
                bounds.append(b)
    bounds.sort(key=functools.cmp_to_key(_compare))
    edges = [_NINF, *bounds, _INF]
    pieces = []
    for lo, hi in itertools.pairwise(edges):
        probe = hi - 1 if lo is _NINF else lo + 1 if hi is _INF else (lo + hi) / 2
        pieces.append(_Piece(lo, hi, _branch(e, probe)))
    return pieces, bounds


def _compare(a: sp.Expr, b: sp.Expr) -> int:
    less = sp.simplify(a < b)
    if less is sp.true:
        return -1
    if less is sp.false and sp.simplify(a > b) is sp.true:
        return 1
    raise _Failed(f"the order of {a} and {b} depends on the parameters")


def _branch(e: sp.Piecewise, at: sp.Expr) -> sp.Expr:
    """The expression of the piece of `e` that holds at `at` for every parameter value."""
    for a, c in e.args:
        holds = sp.simplify(c.subs(X, at))
        if holds is sp.true:
            return a  # type: ignore[no-any-return]
        if holds is not sp.false:
            raise _Failed(f"which piece holds at {at} depends on the parameters")
    raise _Failed(f"no piece holds at {at}")


def _limits(pieces: Sequence[_Piece]) -> dict[str, sp.Basic]:
    """The limits of f at ±∞ and the asymptotes y = a·x + b there (a = lim f/x, b = lim
    f − a·x; none where either is infinite or unknown)."""
    out: dict[str, sp.Basic] = {}
    for name, asymptote, g, side in (
        ("limit_-inf", "asymptote_-inf", pieces[0].g, _NINF),
        ("limit_+inf", "asymptote_+inf", pieces[-1].g, _INF),
    ):
        lim = _limit(g, side)
        if lim is None:
            continue
        out[name] = lim
        a = sp.S.Zero if lim.is_finite else _limit(g / X, side)
        b = None if a is None or not a.is_finite else _limit(g - a * X, side)
        if a is not None and b is not None and b.is_finite and (a.is_nonzero or lim.is_finite):
            out[asymptote] = sp.Tuple(a, b)
    return out


def _limit(g: sp.Expr, side: sp.Expr) -> sp.Expr | None:
    lim = sp.limit(g, X, side)
    if isinstance(lim, sp.Limit | sp.AccumBounds) or lim.has(sp.nan):
        return None
    return sp.simplify(lim)  # type: ignore[no-any-return]


def _breaks(pieces: Sequence[_Piece], points: Sequence[sp.Expr]) -> dict[str, sp.Basic]:
    """The breakpoints: where neighbouring pieces differ in value or in some derivative, for
    every parameter value."""
    out = []
    for b, (left, right) in zip(points, itertools.pairwise(pieces), strict=True):
        # A break for every parameter value: some order differs for every value (ELU at 0:
        # f' jumps from α to 1 unless α = 1, but f'' from α to 0 always).
        diffs = [
            sp.simplify((sp.diff(left.g, X, n) - sp.diff(right.g, X, n)).subs(X, b))
            for n in range(MAX_ORDER + 1)
        ]
        if any(d.is_nonzero for d in diffs):
            out.append(b)
        elif not all(d.is_zero for d in diffs) or sp.simplify(left.g - right.g) != 0:
            raise _Failed(f"whether f breaks at {b} depends on the parameters")
    return {"breakpoints": sp.FiniteSet(*out)}


def _on(piece: _Piece, e: sp.Expr) -> sp.Expr:
    """`e` with x written as a point of the piece's interval through t > 0."""
    if piece.lo is _NINF and piece.hi is _INF:
        return e
    if piece.lo is _NINF:
        x = piece.hi - _T
    elif piece.hi is _INF:
        x = piece.lo + _T
    else:
        x = piece.hi - (piece.hi - piece.lo) / (1 + _T)
    return sp.simplify(e.subs(X, x))


def _sign(piece: _Piece, e: sp.Expr) -> int:
    """+1, −1 or 0 (identically) for the sign of `e` on the piece, for every parameter value."""
    v = _on(piece, e)
    if v.is_zero:
        return 0
    if v.is_positive:
        return 1
    if v.is_negative:
        return -1
    raise _Failed(f"the sign of {e} depends on x or the parameters")


def _monotonic_shape(
    pieces: Sequence[_Piece], points: Sequence[sp.Expr]
) -> dict[str, sp.Basic | str | bool | None]:
    """Range, extrema and monotonicity of a continuous f that is monotonic for every
    parameter value."""
    for b, (left, right) in zip(points, itertools.pairwise(pieces), strict=True):
        if sp.simplify(left.g.subs(X, b) - right.g.subs(X, b)) != 0:
            raise _Failed(f"f may jump at {b}")
    signs = [_sign(p, sp.diff(p.g, X)) for p in pieces]
    if set(signs) <= {0}:
        raise _Failed("f is constant")
    if set(signs) <= {0, 1}:
        up = True
    elif set(signs) <= {0, -1}:
        up = False
    else:  # f' > 0 on one piece and < 0 on another, for every parameter value
        return {"monotonic": "not monotonic"}
    flat = 0 in signs
    mono = (
        ("increasing" if up else "decreasing")
        if not flat
        else ("non-" + ("decreasing" if up else "increasing"))
    )
    ends = []
    for side, piece, sign in ((_NINF, pieces[0], signs[0]), (_INF, pieces[-1], signs[-1])):
        if sign == 0:
            ends.append((sp.simplify(piece.g), True))
        else:
            lim = sp.limit(piece.g, X, side)
            if isinstance(lim, sp.Limit | sp.AccumBounds) or lim.has(sp.nan):
                raise _Failed("a limit at ±∞ is unknown")
            ends.append((sp.simplify(lim), False))
    (lo, lo_closed), (hi, hi_closed) = ends if up else ends[::-1]
    out: dict[str, sp.Basic | str | bool | None] = {
        "monotonic": mono,
        "range": sp.Interval(lo, hi, not lo_closed, not hi_closed),
        "bounded_below": bool(lo.is_finite),
        "bounded_above": bool(hi.is_finite),
    }
    if (not lo.is_finite and lo_closed) or (not hi.is_finite and hi_closed):
        raise _Failed("an infinite end is attained")
    for key, closed, value, from_left in (
        ("minimum", lo_closed, lo, up),
        ("maximum", hi_closed, hi, not up),
    ):
        if closed:
            out[key] = value
            out[key + "_at"] = _flat_end(pieces, signs, from_left)
    return out


def _monotonic_by_sign(f: sp.Expr, p: sp.Symbol) -> dict[str, sp.Basic]:
    """Monotonicity case by case on the sign of `p`: p > 0, p = 0, p < 0 (leaky ReLU is
    increasing for a positive slope, non-decreasing for 0, not monotonic for a negative one)."""
    q = sp.Dummy(p.name, positive=True)
    cases = []
    for cond, value in (
        (sp.StrictGreaterThan(p, 0), q),
        (sp.Eq(p, 0), sp.S.Zero),
        (sp.StrictLessThan(p, 0), -q),
    ):
        pieces, points = _cut(f.subs(p, value))
        if len(pieces) == 1 and not pieces[0].g.has(X):
            word = "constant"
        else:
            word = str(_monotonic_shape(pieces, points)["monotonic"])
        cases.append((sp.Symbol(word), cond))
    merged: list[tuple[sp.Basic, sp.Basic]] = []
    for word, cond in cases:  # neighbouring cases with one answer are one
        if merged and merged[-1][0] == word:
            merged[-1] = (word, sp.Or(merged[-1][1], cond))
        else:
            merged.append((word, cond))
    if len(merged) == 1:
        return {"monotonic": merged[0][0]}
    last = merged[-1][0]
    return {"monotonic": sp.Piecewise(*merged[:-1], (last, True))}


def _flat_end(pieces: Sequence[_Piece], signs: Sequence[int], left: bool) -> sp.Set:
    """Where a monotonic f takes its value on its constant tail: the tail and every constant
    piece next to it, closed at the inner end (f is continuous)."""
    order = list(range(len(pieces))) if left else list(range(len(pieces)))[::-1]
    last = order[0]
    for i in order[1:]:
        if signs[i] != 0:
            break
        last = i
    if left:
        return sp.Interval(_NINF, pieces[last].hi)
    return sp.Interval(pieces[last].lo, _INF)


def _saturations(pieces: Sequence[_Piece], facts: Mapping[str, Fact]) -> dict[str, sp.Basic]:
    out = {}
    for name, tail, nxt, left in (
        ("saturation_-inf", pieces[0], pieces[1] if len(pieces) > 1 else None, True),
        ("saturation_+inf", pieces[-1], pieces[-2] if len(pieces) > 1 else None, False),
    ):
        if not _applies(facts.get(name)) or not _saturates(facts.get(name)):
            continue
        try:
            out[name] = _threshold(tail, nxt, left)
        except _Failed:
            continue
    return out


def _saturates(fact: Fact | None) -> bool:
    """Whether the default fact is a finite threshold (not ±∞: |f'| < ε everywhere)."""
    v = None if fact is None else fact.value
    return isinstance(v, sp.Expr) and bool(v.is_finite)


def _threshold(tail: _Piece, nxt: _Piece | None, left: bool) -> sp.Expr:
    """Where |f'| falls below ε on a tail on which |f'| is monotonic, as a function of ε and
    the parameters."""
    d1 = sp.diff(tail.g, X)
    inner = tail.hi if left else tail.lo
    s1 = _sign(tail, d1)
    if s1 == 0:
        crossing = None
    else:
        s2 = _sign(tail, sp.diff(tail.g, X, 2))
        # |f'| must grow towards the inner end: f' and f'' of the same sign on the left tail.
        if s2 == 0 or (s1 * s2 > 0) != left:
            raise _Failed("|f'| is not monotonic on the tail")
        sols = sp.solveset(sp.Eq(d1, s1 * EPS), X, sp.S.Reals)
        if not isinstance(sols, sp.FiniteSet) or len(sols) != 1:
            raise _Failed("no unique point where |f'| = ε")
        crossing = sp.simplify(next(iter(sols)))
        if inner.is_infinite:
            return crossing
    if nxt is None:
        raise _Failed("f' is below ε on the whole line")
    # At the inner end the next piece must start with |f'| ≥ ε for every ε < 1.
    start = sp.simplify(sp.Abs(sp.diff(nxt.g, X).subs(X, inner)))
    if not (start.is_number and bool(start >= 1)):
        raise _Failed("|f'| just past the tail depends on the parameters")
    if crossing is None:
        return inner
    inside = _tidy(crossing < inner if left else crossing > inner)
    return sp.Piecewise((crossing, inside), (inner, True))


def _tidy(rel: sp.Basic) -> sp.Basic:
    """A relation in its plainest form: log w < c as w < eᶜ, and positive denominators
    multiplied out (log(ε/α) < 0 is ε < α)."""
    rel = sp.simplify(rel)
    if not _is_relational(rel):
        return rel
    lhs, rhs = rel.lhs, rel.rhs
    if isinstance(lhs, sp.log):
        lhs, rhs = lhs.args[0], sp.exp(rhs)
    n, d = sp.fraction(sp.together(lhs))
    if d.is_positive:
        lhs, rhs = n, rhs * d
    return rel.func(lhs, rhs)


# --- checks against the default-parameter facts --------------------------------------------


def _checked(
    act: Activation,
    st: Setting,
    facts: Mapping[str, Fact],
    raw: Mapping[str, sp.Basic | str | None],
    how: str,
    eps: float,
) -> dict[str, General]:
    """The general facts that agree with the default-parameter facts at the defaults."""
    out: dict[str, General] = {}
    for name, value in raw.items():
        fact = facts.get(name)
        if fact is None or fact.how == "undetermined" or value is None:
            continue
        ok = bounded(STEP, partial(_refuted, value, fact, st, eps), f"check {name}")
        assumptions = st.assumptions
        if isinstance(value, sp.Basic) and value.has(EPS):
            eps_range = (sp.StrictLessThan(0, EPS, evaluate=False), EPS < 1)
            assumptions = sp.And(assumptions, *eps_range, evaluate=False)
            how += f"; ε symbolic (the default fact is at ε = {eps:g})"
        if ok.ok and ok.value == "":
            out[name] = General(value, assumptions, "exact", how)
        else:
            why = ok.reason or f"the general form {value} is refused: {ok.value}"
            out[name] = General(None, assumptions, "undetermined", why)
    return out


def _refuted(value: sp.Basic | str, fact: Fact, st: Setting, eps: float) -> str:
    """Why `value` cannot be the general form of `fact` ("" if it can): it must equal the
    fact at the defaults (and ε = `eps`) to 30 digits, and be defined across the domain."""
    if isinstance(value, str | bool) or name_is_shape(value, fact):
        same = value == fact.value or str(value) == str(fact.value)
        return "" if same else "it disagrees with the fact at the defaults"
    if (
        isinstance(value, sp.Expr)
        and value.has(_INF)
        and value.free_symbols
        and value.is_infinite is not True
    ):
        return "±∞ times a sign that depends on the parameters"
    if not _defined(value, st):
        return "it is undefined at some parameter values of the domain"
    return "" if _agrees(value, fact, st, eps) else "it disagrees with the fact at the defaults"


def name_is_shape(value: object, fact: Fact) -> bool:
    """Whether `value` is a shape fact's integer (continuity), compared as it is."""
    return isinstance(value, sp.Integer) and isinstance(fact.value, sp.Integer)


def _agrees(value: sp.Basic, fact: Fact, st: Setting, eps: float) -> bool:
    """Whether `value` at the defaults (and ε = `eps`) is `fact`, to 30 digits."""
    at = value.subs({**st.defaults, EPS: sp.nsimplify(eps)})
    if isinstance(at, sp.Symbol):  # a word chosen case by case ("increasing")
        return bool(at.name == fact.value)
    if isinstance(at, sp.Set):
        return _same_set(at, fact)
    if isinstance(fact.value, sp.Expr) and fact.value.is_infinite:
        return bool(at == fact.value)
    if isinstance(at, sp.FiniteSet):
        return False
    # A numeric default fact is compared to its own precision, an exact one to 30 digits.
    digits = _DIGITS if fact.how == "exact" else 12
    want = _as_basic(fact.value)
    if isinstance(at, sp.Tuple):  # an asymptote's slope and intercept
        return (
            isinstance(want, sp.Tuple)
            and len(want) == len(at) == 2
            and all(_close(g, w, digits) for g, w in zip(at, want, strict=True))
        )
    if at.free_symbols:  # a polynomial in x (taylor) or a function of y (f' in the output)
        return want is not None and sp.simplify(sp.expand(at - want)) == 0
    return want is not None and _close(at, want, digits)


#: Parameter values a general fact must be defined at, by declared domain.
_SAMPLES = {
    "positive": (sp.Rational(1, 4), sp.Rational(1, 2), sp.Integer(1), sp.Integer(2), 5),
    "nonnegative": (sp.Integer(0), sp.Rational(1, 2), sp.Integer(1), sp.Integer(3), 7),
    "real": (sp.Integer(-2), sp.Rational(-1, 2), sp.Integer(0), sp.Rational(1, 2), 3),
}


def _defined(value: sp.Basic, st: Setting) -> bool:
    """Whether `value` is defined (no nan, no complex infinity) with each parameter at each
    sample of its domain, the others at their defaults (and ε = 1/10): SymPy's answers for a
    symbolic parameter can hold only for most values (−∞·a/|a| is a limit for a ≠ 0 only)."""
    for p, kind in st.kinds.items():
        for v in _SAMPLES[kind]:
            point = {**st.defaults, p: sp.sympify(v), EPS: sp.Rational(1, 10)}
            if p in st.to_proof:  # above another parameter: that one plus the sample
                point[p] = st.defaults[st.lower[p]] + abs(sp.sympify(v)) + 1
            at = value.subs(point)
            parts = (at.start, at.end) if isinstance(at, sp.Interval) else (at,)
            for e in parts:
                if not isinstance(e, sp.Expr) or not e.is_number:
                    continue
                if e.has(sp.nan, sp.zoo) or e.is_extended_real is False:
                    return False  # undefined, or complex (a log of a negative number)
    return True


def _close(a: sp.Basic, b: sp.Basic, digits: int = _DIGITS) -> bool:
    """Whether two numbers agree to `digits` digits (relative)."""
    if a.is_infinite or b.is_infinite:
        return bool(a == b)
    x, y = sp.N(a, _DIGITS + 5), sp.N(b, _DIGITS + 5)
    if not (x.is_number and y.is_number):
        return False
    return bool(abs(x - y) <= sp.Float(10) ** -digits * (1 + abs(y)))


def _num(v: Any) -> sp.Expr | None:
    """A JSON number of a fact ("inf" and "-inf" included) as SymPy's; None for anything
    else."""
    if isinstance(v, str):
        return {"inf": _INF, "-inf": _NINF}.get(v)
    return sp.Float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _same_set(s: sp.Set, fact: Fact) -> bool:
    """`s` (numbers only) against a fact holding intervals, end by end."""
    if fact.value is None:
        return s is sp.S.EmptySet
    if isinstance(fact.value, tuple):  # breakpoints
        got = sorted(s.args, key=lambda v: float(v)) if isinstance(s, sp.FiniteSet) else []
        want = [b.at for b in fact.value if isinstance(b, Breakpoint)]
        return len(got) == len(want) and all(_close(g, w) for g, w in zip(got, want, strict=True))
    if not isinstance(fact.value, sp.Set):
        return False
    got_list, want_list = interval_list(s), interval_list(fact.value)
    if len(got_list) != len(want_list):
        return False
    for g, w in zip(got_list, want_list, strict=True):
        for key in ("lo_closed", "hi_closed"):
            if g[key] != w[key]:
                return False
        for key in ("lo", "hi", "period"):
            gv, wv = g.get(key), w.get(key)
            if (gv is None) != (wv is None):
                return False
            if gv is not None and gv != wv:
                g_num, w_num = _num(gv), _num(wv)
                if g_num is None or w_num is None or not _close(g_num, w_num, digits=12):
                    return False
    return True
