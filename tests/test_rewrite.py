"""Every rewrite rule, in both directions: it changes what it is for, the result is equal to
the input (symbolically where SymPy can show it, and with mpmath at many points), and it leaves
look-alikes alone."""

from __future__ import annotations

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from symact.functions import to_elementary
from symact.numerics._nodes import NODES, expit, to_definition
from symact.numerics._rewrite import RULES, Rule, stabilise

_u = sp.Symbol("u", real=True)
POINTS = [-800, -40, -3.5, -1, -1e-9, 0.25, 2, 37, 710, 1e5]


def _value(e: sp.Expr, u: float) -> mp.mpf | None:
    f = sp.lambdify(_u, to_elementary(to_definition(e)), "mpmath")
    with mp.workdps(400):
        try:
            v = f(mp.mpf(u))
        except (ValueError, ZeroDivisionError):
            return None
        return None if isinstance(v, mp.mpc) or v is None else +v


def _assert_equal_at_points(expr: sp.Expr, out: sp.Expr) -> None:
    """`out` equals `expr` to 60 digits wherever mpmath gives `expr` a finite value."""
    for u in POINTS:
        a, b = _value(expr, u), _value(out, u)
        if a is None or not mp.isfinite(a):
            continue
        assert b is not None
        with mp.workdps(400):
            assert abs(a - b) <= mp.mpf(10) ** -60 * (1 + abs(a)), (u, a, b)


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.name) for r in RULES])
def test_rule_changes_its_example(rule: Rule) -> None:
    assert rule(rule.example) != rule.example


@pytest.mark.parametrize("rule", [pytest.param(r, id=r.name) for r in RULES])
def test_rule_is_an_identity(rule: Rule) -> None:
    out = rule(rule.example)
    for u in POINTS:
        a, b = _value(rule.example, u), _value(out, u)
        if a is None or not mp.isfinite(a):
            continue  # mpmath's own range ends (erfc(565) is 0 to it)
        assert b is not None, (u, out)
        with mp.workdps(400):
            assert abs(a - b) <= mp.mpf(10) ** -60 * (1 + abs(a)), (u, a, b)
    # Each branch of a rule that splits (hypot's, scaled_trig's) is the input everywhere.
    folded = sp.piecewise_fold(out)
    pieces = [p for p, _ in folded.args] if isinstance(folded, sp.Piecewise) else [out]
    for piece in pieces:
        diff = sp.simplify(to_elementary(to_definition(piece - rule.example)).rewrite(sp.exp))
        # SymPy proves most rules; where it cannot (hypot with its |u|), mpmath above decides.
        assert diff == 0 or diff.has(sp.Abs, sp.erf, sp.erfc, sp.sign), diff


@pytest.mark.parametrize(
    "rule", [pytest.param(r, id=r.name) for r in RULES if r.near_miss is not None]
)
def test_rule_leaves_near_misses_alone(rule: Rule) -> None:
    assert rule.near_miss is not None
    assert rule(rule.near_miss) == rule.near_miss


@pytest.mark.parametrize("name", sorted(NODES))
def test_nodes_portable_form_is_the_definition(name: str) -> None:
    node = NODES[name]
    for u in POINTS:
        a = _value(node.definition(_u), u)
        b = _value(node.portable(_u), u)
        if a is None or not mp.isfinite(a):
            continue
        assert b is not None
        with mp.workdps(400):
            assert abs(a - b) <= mp.mpf(10) ** -60 * (1 + abs(a)), (name, u)


def test_stabilise_reaches_a_fixed_point() -> None:
    e = sp.log(1 + sp.exp(_u)) * (1 - sp.tanh(_u) ** 2) * (sp.exp(_u) - 1)
    once = stabilise(e)
    assert stabilise(once) == once
    assert not once.has(sp.tanh)


_RULES = {r.name: r for r in RULES}


@pytest.mark.parametrize(
    "expr",
    [
        6 * _u * expit(_u) ** 2 - 6 * _u * expit(_u),  # dsilu''
        2 * _u * expit(_u) - _u - 2,  # dsilu': c − 2c·σ(u) = −c·tanh(u/2)
        _u**2 * sp.erf(_u) + _u**2,
        sp.exp(_u) * sp.tanh(_u) ** 2 - sp.exp(_u),
    ],
)
def test_complement_of_products_on_more_forms(expr: sp.Expr) -> None:
    rule = _RULES["complement_of_products"]
    out = rule(expr)
    assert out != expr
    _assert_equal_at_points(expr, out)


def test_complement_of_tanh_to_the_fourth() -> None:
    """tanh⁴u − 1 beside a small term (TanhSoft-3's f″: e^(−u)·… + tanh⁴u − 1) is written
    −sech²u·(1 + tanh²u): in floats the small term is no longer lost in 1 + … − 1."""
    expr = sp.exp(-_u) * (2 * sp.tanh(_u) ** 3 - sp.tanh(_u)) + sp.tanh(_u) ** 4 - 1
    out = _RULES["complement"](expr)
    assert not any(p.exp == 4 for p in out.atoms(sp.Pow) if isinstance(p.base, sp.tanh))
    _assert_equal_at_points(expr, out)
    got = sp.lambdify(_u, to_definition(out), "numpy")(40.0)
    assert got == pytest.approx(float(_value(expr, 40)), rel=1e-12)  # 4.2e−18, not 0


@pytest.mark.parametrize("k", [2, 3, 30, 7, sp.Rational(5, 2)])
@pytest.mark.parametrize("trig", [sp.sin, sp.cos])
def test_scaled_trig_far_branch(trig: type[sp.Function], k: sp.Expr) -> None:
    """The branch for |u| beyond max/|k| is the same function (mpmath, at ordinary and huge
    u), and in floats it is finite where k·u overflows."""
    out = _RULES["scaled_trig"](trig(k * _u))
    assert isinstance(out, sp.Piecewise)
    far = out.args[1][0]
    (bound,) = (v for v in out.args[0][1].args if v.is_number)
    for u in [*POINTS, float(bound) * 1.5, -1.7e308]:
        with mp.workdps(400):
            a = sp.lambdify(_u, trig(k * _u), "mpmath")(mp.mpf(u))
            b = sp.lambdify(_u, far, "mpmath")(mp.mpf(u))
            assert abs(a - b) <= mp.mpf(10) ** -60, (u, a, b)
    big = np.array([float(bound), np.nextafter(float(bound), np.inf), 1.7e308, -1.7e308])
    assert np.isfinite(float(k) * float(bound))  # the near branch's k·u never overflows
    with np.errstate(all="raise"):
        vals = sp.lambdify(_u, far, "numpy")(big)
    assert np.isfinite(vals).all() and (np.abs(vals) <= 1).all()
