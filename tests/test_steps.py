"""Piecewise-constant plans evaluated as a chain of steps give, element by element, what the
general evaluation gives: at the kinks, beside them, at ±inf, NaN and subnormals."""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import symact
from symact.numerics import make_plan
from symact.numerics._vectorise import NumericFunction, _exact32

#: Functions that keep a plan piecewise polynomial: only these can have a chain of steps.
_PIECEWISE = (sp.Piecewise, sp.Max, sp.Min, sp.Abs, sp.sign, sp.Heaviside)


def _piecewise_polynomial(expr: sp.Expr) -> bool:
    """Whether `expr` is built from numbers (constant function values included), x, sums,
    products, whole powers and the functions above: a structural test, cheap, with no plan
    built (a cold plan costs seconds)."""
    funcs = expr.atoms(sp.Function)
    powers = expr.atoms(sp.Pow)
    return all(isinstance(f, _PIECEWISE) or not f.free_symbols for f in funcs) and all(
        p.exp.is_Integer and p.exp >= 0 for p in powers if p.base.has(sp.Symbol)
    )


#: Every (entry, order) whose plan may be a chain of steps; the test skips those whose plan is
#: not one. Chosen without building a plan, so that collecting the file costs nothing (building
#: every plan at import took minutes in each worker on a cold cache).
CANDIDATES = [
    (name, n)
    for name in symact.names()
    if _piecewise_polynomial(symact.get(name).at())
    for n in (0, 1, 2)
]


def _stepped(name: str, n: int) -> NumericFunction:
    f = _pair(name, n)[0]
    if f._steps is None:
        pytest.skip("its plan is not a chain of steps")
    return f


@cache
def _pair(name: str, n: int) -> tuple[NumericFunction, NumericFunction]:
    plan = make_plan(symact.get(name), n)
    stepped = NumericFunction(plan)
    general = NumericFunction(plan)
    general._steps = None  # the masked or selected evaluation, as before steps
    general._float32 = _exact32(plan) or general._float32_agrees()
    general._specials_done = general._specials_right()
    return stepped, general


def _near_kinks(f: NumericFunction) -> np.ndarray:
    xs: list[float] = [np.inf, -np.inf, np.nan, 5e-324, -5e-324, 0.0, -0.0, 1e308, -1e308]
    assert f._steps is not None
    for runs in f._steps.runs.values():
        for _, s in runs[1:]:
            for dt in (np.float64, np.float32):
                q = dt(s)
                xs += [float(q), float(np.nextafter(q, dt(np.inf))), float(np.nextafter(q, dt(-1)))]
    return np.array(xs + list(np.linspace(-10, 10, 401)))


def test_the_relu_family_is_stepped() -> None:
    for name, n in [("relu", 1), ("leaky_relu", 1), ("threshold", 1), ("relu6", 2)]:
        assert (name, n) in CANDIDATES and _pair(name, n)[0]._steps is not None


@pytest.mark.parametrize(("name", "n"), CANDIDATES, ids=[f"{a}-{n}" for a, n in CANDIDATES])
def test_steps_equal_the_general_evaluation(name: str, n: int) -> None:
    _stepped(name, n)
    stepped, general = _pair(name, n)
    xs = _near_kinks(stepped)
    for dtype in (np.float64, np.float32, np.float16):
        with np.errstate(over="ignore"):
            a = xs.astype(dtype)
        got, want = stepped(a), general(a)
        assert got.dtype == want.dtype == dtype
        assert np.array_equal(got, want, equal_nan=True), a[got != want]


_FIRST = [
    (a, n)
    for a, n in CANDIDATES
    if a in {"relu", "leaky_relu", "relu6", "hardtanh", "threshold", "hardsigmoid", "binary_step"}
]


@pytest.mark.parametrize(("name", "n"), _FIRST, ids=[f"{a}-{n}" for a, n in _FIRST])
@settings(max_examples=60, deadline=None)
@given(data=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=40))
def test_steps_equal_the_general_evaluation_anywhere(name: str, n: int, data: list[float]) -> None:
    _stepped(name, n)
    stepped, general = _pair(name, n)
    for dtype in (np.float64, np.float32):
        with np.errstate(over="ignore"):
            a = np.array(data).astype(dtype)
        assert np.array_equal(stepped(a), general(a), equal_nan=True)


def test_runs_are_exact_in_their_type() -> None:
    """hardsigmoid' is 1/6 between −3 and 3, 0 outside: 1/6·[−3 < x < 3] in both types."""
    f = NumericFunction(make_plan(symact.get("hardsigmoid"), 1))
    assert f._steps is not None and set(f._steps.runs) == {
        np.dtype("float64"),
        np.dtype("float32"),
    }
    x = np.array([-4.0, -3.0, 0.0, 3.0, 4.0])
    assert np.array_equal(f(x), [0.0, np.nan, 1 / 6, np.nan, 0.0], equal_nan=True)
    assert dataclasses.is_dataclass(f._steps)
