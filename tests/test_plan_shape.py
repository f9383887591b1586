"""The shape of plans, which decides their speed: kinks of linear arguments stay ufuncs,
optional tails are only those the function already gives, nothing is evaluated twice."""

from __future__ import annotations

import math

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

from symact.catalog import ACTIVATIONS, get
from symact.declare import X
from symact.numerics import NumericFunction, make_plan
from symact.numerics.codegen import generate

NAMES = sorted(ACTIVATIONS)


def _linear(e: sp.Expr) -> bool:
    return bool(e.is_polynomial(X) and sp.degree(e, X) <= 1)


def _lattice_of_lines(e: sp.Expr) -> bool:
    """Max, Min or Abs of lines (or of such), times or plus numbers and x: relu6, hardswish."""
    kinds = (sp.Max, sp.Min, sp.Abs)
    nodes = e.atoms(*kinds)
    # Times or plus: a polynomial in x and the outermost nodes (Elliott's x/(2(1 + |x|)) + ½ is a
    # rational function of |x|, whose plan may lift |x| into pieces it can factor).
    marks = {n: sp.Dummy() for n in nodes}
    # and no kink of another kind: symlog's sign(x)·log(1 + |x|) has its kink in sign(x),
    # which the plan lifts into branches (as it does a Piecewise or a Heaviside)
    return (
        bool(nodes)
        and not e.has(sp.sign, sp.Heaviside)
        and all(isinstance(a, kinds) or _linear(a) for node in nodes for a in node.args)
        and e.xreplace(marks).is_polynomial(X, *marks.values())
    )


LATTICE = [n for n in NAMES if not get(n).expr.has(sp.Piecewise) and _lattice_of_lines(get(n).expr)]


def test_the_lattice_entries_are_the_expected_ones() -> None:
    """An independent look at the catalogue: these are the declared Max/Min/Abs of lines."""
    assert {"relu", "relu6", "hardtanh", "hardsigmoid", "hardswish", "abs"} <= set(LATTICE)


@pytest.mark.parametrize("name", LATTICE)
def test_kinks_of_lines_stay_ufuncs(name: str) -> None:
    """Max, Min and Abs are not lifted into branches: the branch between the tails keeps them,
    and the code calls `maximum`, `minimum`, `clip` or `abs`."""
    plan = make_plan(get(name), 0)
    middle = plan.evaluated[-1]
    assert middle.cond is sp.true and middle.expr.has(sp.Max, sp.Min, sp.Abs), plan.evaluated
    code = generate(get(name), "numpy").split('"""')[-1]
    assert any(f"{u}(" in code for u in ("maximum", "minimum", "clip", "abs")), code


@pytest.mark.parametrize("name", ["leaky_relu", "prelu", "rrelu"])
def test_two_lines_meeting_are_a_max(name: str) -> None:
    code = generate(get(name), "numpy")
    assert "numpy.maximum(" in code and "numpy.where" not in code.split('"""')[-1], code


def test_soft_shrinkage_is_x_minus_its_clip() -> None:
    """x + λ, 0, x − λ is x − clip(x, −λ, λ): two passes, each piece rounded once as declared
    (its values against mpmath at the kinks, beside them and between)."""
    act = get("softshrink")
    code = generate(act, "numpy").split('"""')[-1]
    assert "x - numpy.clip(x, -1/2, 1/2)" in code, code
    f = NumericFunction(make_plan(act, 0))
    lam = float(act.defaults["lambd"])
    xs = [-3.0, -lam, math.nextafter(-lam, 0), -0.1, 0.0, 0.3, lam, math.nextafter(lam, 1), 7.5]
    with mpmath.workdps(50):  # independent: the shrinkage in exact arithmetic, then rounded
        want = [
            float(mpmath.mpf(x) - lam if x > lam else mpmath.mpf(x) + lam if x < -lam else 0)
            for x in xs
        ]
    assert np.array_equal(f(np.array(xs)), want)


def _beyond(threshold: float) -> list[float]:
    sign = math.copysign(1.0, threshold)
    m = abs(threshold)
    out = [m * (1 + k / 8) for k in range(9)] + [10.0**k for k in range(309) if 10.0**k > m]
    return [sign * v for v in out]


@pytest.mark.parametrize("name", NAMES)
def test_optional_tails_are_what_the_function_gives(name: str) -> None:
    """Beyond each optional tail's threshold (out to the largest float), the NumPy function,
    which skips the optional tails, gives the tail's value within the accuracy standard:
    1.5 + |x·t'/t| units in the last place of the tail t (SymPy at 40 digits; rounding it
    costs the other half unit of the standard's 2 + |x·f'/f|), or both below the smallest
    normal."""
    for n in (0, 1):
        plan = make_plan(get(name), n)
        f = NumericFunction(plan)
        for b in (b for b in plan.branches if b.optional):
            t = b.cond.rhs if b.cond.lhs == X else b.cond.lhs
            for dtype in (np.float64, np.float32):
                with np.errstate(over="ignore"):
                    xs = np.array(_beyond(float(t)), dtype=dtype)
                xs = xs[np.isfinite(xs)]
                got = f(xs).astype(np.float64)
                exact = [float(sp.N(b.expr.subs(X, sp.Float(float(x), 40)), 40)) for x in xs]
                slope = sp.diff(b.expr, X)
                cond = [
                    abs(float(sp.N((X * slope / b.expr).subs(X, sp.Float(float(x), 40)), 20)))
                    for x in xs
                ]
                want = np.array(exact).astype(dtype)
                tiny = np.finfo(dtype).smallest_normal
                with np.errstate(over="ignore"):
                    allowed = (1.5 + np.array(cond)) * np.spacing(np.abs(want)).astype(np.float64)
                    near = np.abs(got - want) <= allowed
                tiny_both = (np.abs(got) < tiny) & (np.abs(want) < tiny)
                assert (near | tiny_both).all(), (name, n, b, xs[~(near | tiny_both)])


def test_a_whole_number_limit_found_numerically_is_written_as_an_integer() -> None:
    """When sympy.limit fails (it runs out of its CPU budget under load), the limit is found
    numerically as a Float; a whole number is still written as the integer, so the generated
    code does not depend on the machine's load (gelu_tanh' printed `return 0.0;`)."""
    from symact.numerics._plan import whole_number

    for got, want in (("1.0000000000000000000", 1), ("0.0", 0), ("-3.00", -3)):
        v = whole_number(sp.Float(got, 20))
        assert isinstance(v, sp.Integer) and v == want
    assert isinstance(whole_number(sp.Float("0.5", 20)), sp.Float)
    assert whole_number(sp.oo) is sp.oo and whole_number(None) is None


_CONDITIONS = [
    X > 6,
    (X >= 6) & (X > 0),
    sp.Lt(X, sp.log(2)),
    sp.Abs(X) < sp.Rational(1, 3),
    sp.Or(sp.Le(X, -sp.pi), sp.Eq(X, 1)),
    sp.Not(sp.Gt(X, sp.sqrt(2))),
    sp.true,
]


@given(
    cond=st.sampled_from(_CONDITIONS),
    x=st.one_of(
        st.floats(allow_nan=False, allow_infinity=False),
        st.sampled_from([6.0, 1.0, float(sp.log(2)), -float(sp.pi), float(sp.sqrt(2)), 1 / 3]),
    ),
)
def test_a_condition_tested_in_mpmath_says_what_sympy_says(cond: sp.Basic, x: float) -> None:
    """A tail's status asks a thousand points which branch takes them: mpmath answers for
    SymPy (a millisecond each), and must answer the same, at a float exactly on a threshold
    (6.0) or nearest to an irrational one (log 2) too."""
    from symact.numerics._plan import _condition_test, holds_at

    assert _condition_test(cond)(x) == holds_at(cond, sp.Float(x, 17))


_FLOAT_CONDITIONS = [
    *_CONDITIONS,
    sp.Ne(X, sp.Rational(1, 3)),
    sp.And(sp.Ge(X, sp.Float(-0.5, 17)), sp.Lt(X, sp.Float(0.5, 17)), sp.Ne(X, 0)),
    sp.Or(sp.Lt(X, -sp.oo), sp.Ge(X, sp.E)),
    sp.false,
]


@given(
    cond=st.sampled_from(_FLOAT_CONDITIONS),
    xs=st.lists(
        st.one_of(
            st.floats(allow_nan=False, allow_infinity=False),
            st.sampled_from([6.0, 1.0, 0.5, -0.5, 0.0, float(sp.log(2)), float(sp.E), 1 / 3]),
        ),
        min_size=1,
        max_size=8,
    ),
)
def test_a_condition_decided_in_floats_says_what_sympy_says(
    cond: sp.Basic, xs: list[float]
) -> None:
    """The same thousand points are decided in floats at once where a condition compares x
    with numbers: wherever it says the point is decided, SymPy agrees; the points beside an
    irrational threshold are left undecided (then mpmath and SymPy decide them), and a
    comparison with a float threshold is decided everywhere. A condition on anything but x
    (|x| < 1/3) gets no float test at all."""
    from symact.numerics._plan import _vector_test, holds_at

    test = _vector_test(cond)
    if cond.has(sp.Abs):
        assert test is None
        return
    assert test is not None
    holds, decided = test(np.array(xs))
    for x, h, d in zip(xs, holds, decided, strict=True):
        if d:
            assert bool(h) == holds_at(cond, sp.Float(x, 17)), (cond, x)
    if not cond.atoms(sp.Rel) or all(
        r.rhs.is_Float or r.rhs.is_Integer for r in cond.atoms(sp.Rel)
    ):
        assert decided.all()


_ABS_CASES = {
    "softsign'": (
        sp.Piecewise((1 / (X - 1) ** 2, X < 0), (1, sp.Eq(X, 0)), (1 / (X + 1) ** 2, True)),
        True,
    ),
    "laplace kernel": (sp.Piecewise((sp.exp(X), X <= 0), (sp.exp(-X), True)), True),
    "odd: symlog": (
        sp.Piecewise((-sp.log(1 - X), X < 0), (0, sp.Eq(X, 0)), (sp.log(1 + X), True)),
        True,
    ),
    "odd, one piece": (sp.Piecewise((X / (1 - X), X < 0), (X / (1 + X), True)), True),
    "odd but for the value at 0": (
        sp.Piecewise((-sp.log(1 - X), X < 0), (1, sp.Eq(X, 0)), (sp.log(1 + X), True)),
        False,
    ),
    "neither": (sp.Piecewise((X / (1 - X) + 1, X < 0), (X / (1 + X), True)), False),
    "another value at 0": (
        sp.Piecewise((1 / (1 - X), X < 0), (2, sp.Eq(X, 0)), (1 / (1 + X), True)),
        False,
    ),
    "a kink elsewhere": (sp.Piecewise((1 / (1 - X), X < 1), (1 / (1 + X), True)), False),
    "near miss": (
        sp.Piecewise((1 / (1 - X) + sp.Rational(1, 10**9), X < 0), (1 / (1 + X), True)),
        False,
    ),
}


@pytest.mark.parametrize("case", sorted(_ABS_CASES))
def test_pieces_even_about_zero_become_one_expression_of_abs(case: str) -> None:
    """Pieces that are e(−x) left of 0, e(0) at it and e(x) right of it are e(|x|), and
    −e(−x), 0, e(x) are sign(x)·e(|x|): the same function (checked with mpmath at points either
    side and at 0); anything else is left."""
    from symact.numerics._plan import _symmetric_merged

    pw, merges = _ABS_CASES[case]
    got = _symmetric_merged(pw.args)
    assert (got is not None) == merges, got
    if got is None:
        return
    assert got.has(sp.Abs) and not got.has(sp.Piecewise), got
    for v in ("-7.5", "-0.3", "0", "1e-9", "2.25"):
        want = mpmath.mpf(str(sp.N(pw.subs(X, sp.Rational(v)), 30)))
        assert mpmath.almosteq(mpmath.mpf(str(sp.N(got.subs(X, sp.Rational(v)), 30))), want, 1e-25)


def test_negative_powers_print_as_divisions() -> None:
    """1/b and 1/b² of a composite base are divisions (and a square, fast for either sign),
    not NumPy's general power `b**(-1.0)`, `|b|**(-2.0)`."""
    code = generate(get("softsign"), "numpy", 1).split('"""')[-1]
    assert "**(-" not in code and "1/(" in code, code
