"""Facts for every parameter value, against independent evidence.

Each general fact (`Fact.general`) is evaluated at parameter values inside the declared domain,
other than the defaults, and compared with the activation at those values evaluated by mpmath
(`act.at(**values)` lambdified, derivatives by `mpmath.diff`) — never with the analysis.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator
from typing import Any

import mpmath as mp
import pytest
import sympy as sp
from evidence import zoom

import symact
from symact import analyse
from symact.analysis import Analysis
from symact.analysis._facts import General
from symact.analysis._general import EPS
from symact.analysis._serial import fact_json
from symact.catalog import names
from symact.declare import Activation, Param
from symact.functions import to_elementary

PARAMETERISED = [n for n in names() if symact.get(n).params]
DPS = 40
#: Relative agreement asked of a general fact at other parameter values.
TOL = mp.mpf(10) ** -12
#: Far points for limits; where f' is checked to be below ε (left of a left threshold).
FAR = mp.mpf(10) ** 12

#: Values tried for each parameter, by declared domain (the defaults are checked elsewhere).
SAMPLES: dict[str, tuple[sp.Rational, ...]] = {
    "positive": (sp.Rational(1, 3), sp.Rational(5, 2), sp.Rational(7)),
    "nonnegative": (sp.Rational(0), sp.Rational(3, 4), sp.Rational(9)),
    "real": (sp.Rational(-3, 2), sp.Rational(1, 3), sp.Rational(3)),
}
#: ε values tried where a general fact is a function of ε.
EPSILONS = (sp.Rational(1, 100), sp.Rational(1, 5), sp.Rational(7, 10))


def kind(p: Param) -> str:
    return "positive" if p.positive else "nonnegative" if p.nonnegative else "real"


def points(act: Activation) -> Iterator[dict[str, sp.Rational]]:
    """Three parameter points: every parameter at its i-th sample (one declared above another
    is that other plus 1/2, 2 or 5)."""
    for i in range(3):
        point: dict[str, sp.Rational] = {}
        for p in act.params:
            point[p.name] = SAMPLES[kind(p)][i]
        for p in act.params:
            if p.above is not None:
                point[p.name] = point[p.above] + (sp.Rational(1, 2), 2, 5)[i]
        yield point


@functools.cache
def analysis(name: str) -> Analysis:
    return analyse(symact.get(name))


class At:
    """The activation at one parameter point, as an mpmath function."""

    def __init__(self, act: Activation, point: dict[str, sp.Rational]) -> None:
        self.raw = sp.lambdify(act.x, to_elementary(act.at(**point)), modules="mpmath")

    def _call(self, x: Any) -> mp.mpf:
        # At the current precision: mpmath.diff raises it as it needs.
        r = self.raw(x)
        return mp.mpf(r.real if isinstance(r, mp.mpc) else r)

    def f(self, x: Any) -> mp.mpf:
        with mp.workdps(DPS):
            return self._call(mp.mpf(x))

    def d(self, x: Any, n: int = 1, direction: int = 0) -> mp.mpf:
        with mp.workdps(DPS):
            return +mp.diff(self._call, mp.mpf(x), n, direction=direction)


def num(e: sp.Basic) -> mp.mpf:
    with mp.workdps(DPS):
        if e is sp.S.Infinity:
            return mp.inf
        if e is sp.S.NegativeInfinity:
            return -mp.inf
        return mp.mpf(sp.N(e, DPS))


def close(a: mp.mpf, b: mp.mpf, tol: mp.mpf = TOL) -> bool:
    if mp.isinf(a) or mp.isinf(b):
        return bool(a == b)
    return bool(abs(a - b) <= tol * (1 + abs(b)))


GRID = [mp.mpf(v) / 8 for v in range(-120, 121)] + [
    mp.mpf(s) * 10**k for s in (-1, 1) for k in range(2, 7)
]
SORTED_GRID = sorted(GRID)


def members(s: sp.Set, lo: float = -20, hi: float = 20) -> list[mp.mpf]:
    """Points of a set of reals: ends and middles of intervals (clipped to [lo, hi]), finite
    points, members of a family c + kT with |k| ≤ 3."""
    out: list[mp.mpf] = []
    parts = s.args if isinstance(s, sp.Union) else (s,)
    for part in parts:
        if isinstance(part, sp.FiniteSet):
            out += [num(v) for v in part.args]
        elif isinstance(part, sp.Interval):  # inside: an end may be a kink
            a, b = max(num(part.start), mp.mpf(lo)), min(num(part.end), mp.mpf(hi))
            out += [(3 * a + b) / 4, (a + b) / 2, (a + 3 * b) / 4]
        elif isinstance(part, sp.ImageSet):
            (k,) = part.lamda.variables
            out += [num(part.lamda.expr.subs(k, j)) for j in range(-3, 4)]
    return out


def check(name: str, g: General, fn: At, act: Activation, point: dict[str, Any]) -> str:
    """What is wrong with general fact `name` at `point` ("" if nothing)."""
    subs: dict[sp.Basic, Any] = {act.symbols[k]: v for k, v in point.items()}
    if g.value is None or not isinstance(g.value, sp.Basic):
        return check_shape(name, g.value, fn)
    if name.startswith("saturation_"):
        return check_saturation(name, g.value.subs(subs), fn)
    v = g.value.subs(subs)
    if isinstance(v, sp.Symbol):  # a word chosen case by case on a parameter's sign
        return check_shape(name, v.name, fn)
    checks: dict[str, Callable[[], bool]] = {
        "value_at_0": lambda: close(num(v), fn.f(0)),
        "derivative_at_0": lambda: close(num(v), fn.d(0)),
        "limit_-inf": lambda: limit_ok(num(v), fn, -1),
        "limit_+inf": lambda: limit_ok(num(v), fn, 1),
        "derivative_limit_-inf": lambda: close(num(v), fn.d(-(10**6)), mp.mpf(10) ** -6),
        "derivative_limit_+inf": lambda: close(num(v), fn.d(10**6), mp.mpf(10) ** -6),
        "minimum": lambda: extreme_ok(num(v), fn.f, -1),
        "maximum": lambda: extreme_ok(num(v), fn.f, 1),
        "lipschitz": lambda: mp.isinf(num(v)) or extreme_ok(num(v), lambda x: abs(fn.d(x)), 1),
        "range": lambda: range_ok(v, fn.f),
        "breakpoints": lambda: all(breaks_at(fn, b) for b in members(v)),
        "taylor": lambda: taylor_ok(v, fn, act),
        "asymptote_-inf": lambda: asymptote_ok(v, fn, -1),
        "asymptote_+inf": lambda: asymptote_ok(v, fn, 1),
    }
    if name in ("minimum_at", "maximum_at", "lipschitz_at"):
        target_name = {
            "minimum_at": "minimum",
            "maximum_at": "maximum",
            "lipschitz_at": "lipschitz",
        }[name]
        target = analysis(act.name)[target_name].general
        if target is None or not isinstance(target.value, sp.Basic):
            return ""
        t = num(target.value.subs(subs))
        get = (lambda x: abs(fn.d(x))) if name == "lipschitz_at" else fn.f
        bad = [x for x in members(v) if mp.isfinite(x) and not close(get(x), t, mp.mpf(10) ** -9)]
        return f"{name}: f there is not {t}: {bad[:3]}" if bad else ""
    ok = checks.get(name)
    if ok is None:
        return ""
    return "" if ok() else f"{name} = {v} at {point}"


def asymptote_ok(v: sp.Tuple, fn: At, side: int) -> bool:
    """f(x) − (a·x + b) → 0 far out on that side."""
    a, b = (num(e) for e in v)
    with mp.workdps(DPS):
        gaps = [abs(fn.f(side * x) - (a * side * x + b)) for x in (mp.mpf(10) ** 4, FAR)]
        return bool(gaps[-1] <= mp.mpf(10) ** -6 * (1 + abs(b)) and gaps[-1] <= gaps[0] + TOL)


def limit_ok(v: mp.mpf, fn: At, side: int) -> bool:
    far = fn.f(side * FAR)
    if not mp.isinf(v):
        return close(v, far, mp.mpf(10) ** -9)
    if far * v > 0 and abs(far) > 10**6:
        return True
    # Slow growth (a logarithm is 27.6 at 1e12): f keeps rising towards v's sign, and the rises
    # between |x| = 1e8, 1e16, 1e32 do not shrink (those of L − c/ln|x| halve; ln|x|'s double).
    a, b, c = (mp.sign(v) * fn.f(side * mp.mpf(10) ** k) for k in (8, 16, 32))
    return bool(a < b < c and c - b >= b - a)


def extreme_ok(v: mp.mpf, g: Callable[[mp.mpf], mp.mpf], sign: int) -> bool:
    """No value of g beyond v on GRID, nor where the most extreme grid value leads when zoomed
    into (a peak or a kink between grid points: inverse_quadratic's |f'| peaks at 1/(7√3) for
    a = 7, laplacian_rbf's tends to 3 at 0 for a = 1/3), and one of those values near v."""
    xs, samples = [], []
    for x in SORTED_GRID:
        s = g(x)
        if mp.isfinite(s):
            xs.append(x)
            samples.append(s)
    best = max(range(len(samples)), key=lambda i: sign * samples[i])
    if abs(xs[best]) <= 20:
        _, refined = zoom(lambda x: _finite(g(x)), xs, best, sign, rounds=8)
        if refined is not None:
            samples.append(refined)
    beyond = [s for s in samples if sign * (s - v) > TOL * (1 + abs(v))]
    nearest = min(abs(s - v) for s in samples)
    return not beyond and nearest < mp.mpf("0.05") * (1 + abs(v))


def _finite(v: mp.mpf) -> mp.mpf | None:
    return v if mp.isfinite(v) else None


def range_ok(s: sp.Set, g: Callable[[mp.mpf], mp.mpf]) -> bool:
    samples = [g(x) for x in GRID]
    lo, hi = num(s.inf), num(s.sup)  # type: ignore[attr-defined]
    inside = all(lo - TOL * (1 + abs(lo)) <= v <= hi + TOL * (1 + abs(hi)) for v in samples)
    return inside and extreme_ok(lo, g, -1) if mp.isfinite(lo) else inside


def breaks_at(fn: At, b: mp.mpf) -> bool:
    """f or one of its first four derivatives differs on the two sides of b."""
    h = mp.mpf(10) ** -15
    for n in range(5):
        left = fn.f(b - h) if n == 0 else fn.d(b - h, n, direction=-1)
        right = fn.f(b + h) if n == 0 else fn.d(b + h, n, direction=1)
        if not close(left, right, mp.mpf(10) ** -6):
            return True
    return False


def taylor_ok(poly: sp.Expr, fn: At, act: Activation) -> bool:
    with mp.workdps(DPS):
        coeffs = mp.taylor(fn._call, mp.mpf(0), 5)
    p = sp.Poly(poly, act.x)
    return all(
        close(num(p.coeff_monomial(act.x**k)), coeffs[k], mp.mpf(10) ** -8) for k in range(6)
    )


def check_shape(name: str, value: object, fn: At) -> str:
    xs = sorted(x for x in GRID if abs(x) <= 5)  # farther out, saturated values may tie
    vs = [fn.f(x) for x in xs]
    steps = [b - a for a, b in itertools.pairwise(vs)]
    verdicts: dict[str, bool] = {
        "increasing": all(s > 0 for s in steps),
        "non-decreasing": all(s >= -TOL for s in steps),
        "decreasing": all(s < 0 for s in steps),
        "non-increasing": all(s <= TOL for s in steps),
        "not monotonic": any(s > TOL for s in steps) and any(s < -TOL for s in steps),
    }
    if name == "monotonic" and isinstance(value, str) and value in verdicts:
        return "" if verdicts[value] else f"monotonic = {value} is refuted by samples"
    if name == "parity" and value in ("odd", "even"):
        sign = -1 if value == "odd" else 1
        bad = [x for x in xs if not close(fn.f(-x), sign * fn.f(x))]
        return f"parity {value} refuted at {bad[:3]}" if bad else ""
    return ""


def check_saturation(name: str, a: sp.Expr, fn: At) -> str:
    """|f'| < ε beyond the threshold, and ≥ ε somewhere just inside it, for each ε tried."""
    left = name == "saturation_-inf"
    for eps in EPSILONS if a.has(EPS) else (None,):
        at = num(a.subs(EPS, eps)) if eps is not None else num(a)
        e = num(eps) if eps is not None else mp.mpf("0.01")
        out = [at - d if left else at + d for d in (mp.mpf(10) ** -9, 1, 10, 1000)]
        beyond = [x for x in out if abs(fn.d(x, direction=-1 if left else 1)) >= e]
        if beyond:
            return f"{name}: |f'| ≥ {e} at {beyond[:2]} beyond {at}"
        inside = at + (mp.mpf(10) ** -9 if left else -(mp.mpf(10) ** -9))
        if abs(fn.d(inside, direction=1 if left else -1)) < e * (1 - mp.mpf(10) ** -6):
            return f"{name}: |f'| < {e} just inside the threshold {at}"
    return ""


@pytest.mark.parametrize("name", PARAMETERISED)
def test_general_facts_hold_at_other_parameter_values(name: str) -> None:
    act = symact.get(name)
    general = {
        k: f.general for k, f in analysis(name).items() if f.general and f.general.how == "exact"
    }
    problems = []
    for point in points(act):
        fn = At(act, point)
        for fact, g in general.items():
            why = check(fact, g, fn, act, point)
            if why:
                problems.append(why)
    assert not problems


@pytest.mark.parametrize("name", PARAMETERISED)
def test_general_facts_agree_with_the_default_facts_or_say_why_not(name: str) -> None:
    for fact, f in analysis(name).items():
        g = f.general
        if g is None:
            continue
        assert g.how in ("exact", "undetermined"), fact
        assert (g.value is None) == (g.how == "undetermined"), fact
        if g.how == "undetermined":
            assert g.note.strip(), fact
        json = fact_json(fact, f)["general"]
        assert set(json) == {"exact", "assumptions", "how", "note"}


def test_leaky_relu_is_monotonic_for_slopes_of_one_sign_only() -> None:
    """The answer to "for which slopes is leaky ReLU monotonic?", case by case."""
    g = analysis("leaky_relu")["monotonic"].general
    assert g is not None and g.how == "exact" and isinstance(g.value, sp.Basic)
    s = symact.get("leaky_relu").symbols["negative_slope"]
    words = {v: str(g.value.subs(s, v)) for v in (sp.Rational(1, 10), 0, -2)}
    assert words == {sp.Rational(1, 10): "increasing", 0: "non-decreasing", -2: "not monotonic"}


#: The general facts a researcher asks for, each with an independent closed form in the
#: parameters (from the definitions, worked by hand) evaluated with mpmath.
EXPECTED: list[tuple[str, str, Callable[..., Any]]] = [
    ("elu", "limit_-inf", lambda alpha: -alpha),
    ("celu", "limit_-inf", lambda alpha: -alpha),
    ("softplus", "value_at_0", lambda beta: mp.log(2) / beta),
    ("squareplus", "value_at_0", lambda b: mp.sqrt(b) / 2),
    ("swish_beta", "minimum", lambda beta: -mp.lambertw(1 / mp.e).real / beta),
    ("isru", "limit_+inf", lambda alpha: 1 / mp.sqrt(alpha)),
]


@pytest.mark.parametrize(
    ("name", "fact", "want"), EXPECTED, ids=[f"{n}-{f}" for n, f, _ in EXPECTED]
)
def test_the_general_facts_researchers_ask_for(
    name: str, fact: str, want: Callable[..., Any]
) -> None:
    act = symact.get(name)
    g = analysis(name)[fact].general
    assert g is not None and g.how == "exact" and isinstance(g.value, sp.Basic)
    for point in points(act):
        got = g.value.subs({act.symbols[k]: v for k, v in point.items()})
        with mp.workdps(DPS):
            assert close(num(got), want(*(mp.mpf(sp.N(v, DPS)) for v in point.values())))


def test_ranges_and_sets_for_every_parameter_value_read_as_intervals() -> None:
    """(−α, ∞) for ELU and CELU, (−1/√α, 1/√α) for ISRU, [min_val, max_val] for hardtanh,
    hardshrink breaking at ±λ, Swish-β's minimum at −(1 + W(1/e))/β; ELU's left threshold a
    function of α and ε (0 when α ≤ ε)."""
    a = sp.Symbol("alpha", positive=True)
    assert analysis("elu")["range"].general.value == sp.Interval.open(-a, sp.oo)  # type: ignore[union-attr]
    assert analysis("celu")["range"].general.value == sp.Interval.open(-a, sp.oo)  # type: ignore[union-attr]
    assert analysis("isru")["range"].general.value == sp.Interval.open(
        -1 / sp.sqrt(a), 1 / sp.sqrt(a)
    )  # type: ignore[union-attr]
    lo, hi = (symact.get("hardtanh").symbols[n] for n in ("min_val", "max_val"))
    assert analysis("hardtanh")["range"].general.value == sp.Interval(lo, hi)  # type: ignore[union-attr]
    lam = symact.get("hardshrink").symbols["lambd"]
    assert analysis("hardshrink")["breakpoints"].general.value == sp.FiniteSet(-lam, lam)  # type: ignore[union-attr]
    beta = symact.get("swish_beta").symbols["beta"]
    (at,) = analysis("swish_beta")["minimum_at"].general.value.args  # type: ignore[union-attr]
    assert close(num(at.subs(beta, 3)), -(1 + mp.lambertw(1 / mp.e).real) / 3)
    sat = analysis("elu")["saturation_-inf"].general.value  # type: ignore[union-attr]
    assert sat.has(EPS)
    assert sat.subs({a: sp.Rational(1, 200), EPS: sp.Rational(1, 100)}) == 0
    assert close(num(sat.subs({a: 2, EPS: sp.Rational(1, 10)})), mp.log(mp.mpf(1) / 20))


def test_show_prints_the_general_facts() -> None:
    from symact.report import format_show

    text = format_show(symact.get("elu"), analysis("elu"))
    assert "For every parameter value:" in text
    assert "for every α > 0: (−α, ∞)" in text


def test_general_json_has_the_documented_members() -> None:
    j = fact_json("range", analysis("elu")["range"])["general"]
    assert j == {
        "exact": "Interval.open(-alpha, oo)",
        "assumptions": "alpha > 0",
        "how": "exact",
        "note": j["note"],
    }


@pytest.mark.parametrize("name", PARAMETERISED)
def test_general_facts_read_back_from_the_store_as_they_were(name: str) -> None:
    """The store's codec keeps every general fact (a set, a Piecewise of words, …): one
    that does not read back would be re-derived on every run, and a parallel site build's
    worker could not hand it to the parent."""
    from symact.analysis import _dump_general, _parse_general

    act = symact.get(name)
    general = {k: f.general for k, f in analysis(name).items() if f.general is not None}
    back = _parse_general(
        {k: _dump_general(g) for k, g in general.items()},
        {"x", "y", "k", "epsilon", *act.symbols},
    )
    assert back is not None
    assert back == general


def test_analyses_from_worker_processes_keep_their_domains() -> None:
    """analyse_many's workers hand back JSON: a pickled `alpha > 0` of a positive symbol came
    back as True."""
    from symact.analysis import analyse, analyse_many

    acts = [symact.get("elu"), symact.get("softplus")]
    many = analyse_many(acts, jobs=2)
    for act, an in zip(acts, many, strict=True):
        one = analyse(act)
        for name, fact in one.items():
            assert an[name].value == fact.value, name
            if fact.general is not None:
                assert an[name].general == fact.general, name
    assert str(many[0]["range"].general.assumptions) == "alpha > 0"  # type: ignore[union-attr]


def test_a_scaling_is_looked_for_only_where_the_numbers_allow_it() -> None:
    """f(x; β) = x·σ(βx) is (1/β)·F(βx) with F = x·σ(x): at β = 1.37 the ratio f(u/β)/F(u) is
    1/1.37 at every u, so SymPy is asked to prove it; ELU's α does not scale x, so the ratio
    changes with u and SymPy is not asked at all."""
    from symact.analysis._general import _U, _may_scale

    beta, alpha = sp.Rational(137, 100), sp.Rational(137, 100)
    silu_f = _U * sp.exp(_U) / (1 + sp.exp(_U))
    assert _may_scale((_U / beta) / (1 + sp.exp(-_U)), silu_f)
    elu_f = sp.Piecewise((_U, _U > 0), (sp.exp(_U) - 1, True))
    elu_alpha = sp.Piecewise((_U / alpha, _U > 0), (alpha * (sp.exp(_U / alpha) - 1), True))
    assert not _may_scale(elu_alpha, elu_f)
