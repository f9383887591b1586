"""The rules that derive every fact: one short function per fact or small group.

Each rule is registered with [`rule`][symact.analysis.engine.rule], naming the facts it derives,
the intermediates it gives other rules and what it needs; [`evaluate`][
symact.analysis.engine.evaluate] runs them in this order, each with its own budget and store
entry. The calculus they use (derivatives, limits, roots, the shape of a function) is in
[`derive`][symact.analysis.derive].

Intermediates (never stored): `split` (f in pieces), `slopes` (f′ and f″ per piece), `f0` and
`df0` (f(0) and f′(0), None where they do not exist), `limits` and `slope_limits` (of f and f′
at ±∞), `points` (every breakpoint, removable ones too, with f′ there), `order` (the lowest
order of continuity), `shape` and `slope_shape` (of f and of f′).
"""

from __future__ import annotations

from typing import Any

import sympy as sp

from symact.analysis.derive import (
    INF,
    NINF,
    Shape,
    _assemble,
    _asymptote,
    _breakpoints,
    _constant,
    _fact,
    _lipschitz,
    _output_identity,
    _parity,
    _period,
    _periodic_shape,
    _saturation,
    _taylor,
    _Undetermined,
    limit_at,
    shape,
    simplest,
)
from symact.analysis.engine import EXPRESSIONS, Given, rule
from symact.analysis.facts import (
    SHAPE_FACTS,
    Ends,
    Fact,
    How,
    Monotonicity,
    spans,
    undetermined,
)
from symact.analysis.numeric import DPS, GRID, evaluator
from symact.analysis.pieces import split

__all__: list[str] = []


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
        cont_note = f"{s.note}; f is finite at {len(grid)} grid points ({DPS}-digit mpmath)"
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
    nt = "; ".join(dict.fromkeys(sh.notes)) or "critical points, one-sided limits and values"
    how: How = "exact" if sh.exact else "numeric"
    method = "" if sh.exact else nt
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
            why = f"{word} {bound} is not attained" + (f"; {method}" if method else "")
            out[key] = out[where_key] = Fact(None, how, why)
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
    method = "" if rng.how == "exact" else f"; {rng.note}"
    note = f"f(0) = 0 and f takes both signs{method}"
    return {"zero_centred": _fact(bool(zc), rng.how == "exact", note)}


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
            "; ".join(dict.fromkeys(dsh.notes)) or "sign of f'' between the critical points of f'",
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


def _from(*facts: Fact) -> tuple[bool, str]:
    """Whether facts derived from `facts` are exact, and the note they carry: the inputs'
    method where one is numeric."""
    exact = all(f.how == "exact" for f in facts)
    notes = [f.note for f in facts if f.how == "numeric" and f.note]
    return exact, "; ".join(dict.fromkeys(notes))


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
    exact, note = _from(left, right)
    return {"saturates": _fact(ends, exact, note or "where the limits of f' are 0")}


@rule(facts=("bounded",), needs=("bounded_below", "bounded_above"))
def bounded(g: Given) -> dict[str, Any]:
    below, above = g["bounded_below"], g["bounded_above"]
    unknown = _unknown(below, above)
    if unknown is not None:
        return {"bounded": unknown}
    exact, note = _from(below, above)
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
    exact, note = _from(*where)
    return {"dead_zone": _fact(half_line, exact, note or "where the extrema are attained")}
