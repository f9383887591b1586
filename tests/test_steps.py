"""Piecewise-constant plans evaluated as a chain of steps give, element by element, what the
general evaluation gives: at the kinks, beside them, at ±inf, NaN and subnormals."""

from __future__ import annotations

import dataclasses
from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import symact
from symact.numerics import make_plan
from symact.numerics._vectorise import NumericFunction, _exact32

#: Every (entry, order) whose plan is a chain of steps.
STEPPED = [
    (name, n)
    for name in symact.names()
    for n in (0, 1, 2)
    if NumericFunction(make_plan(symact.get(name), n))._steps is not None
]


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
    for chain in f._steps.chains.values():
        for s, _, _ in chain:
            for dt in (np.float64, np.float32):
                q = dt(s)
                xs += [float(q), float(np.nextafter(q, dt(np.inf))), float(np.nextafter(q, dt(-1)))]
    return np.array(xs + list(np.linspace(-10, 10, 401)))


def test_the_relu_family_is_stepped() -> None:
    assert {("relu", 1), ("leaky_relu", 1), ("threshold", 1), ("relu6", 2)} <= set(STEPPED)


@pytest.mark.parametrize(("name", "n"), STEPPED, ids=[f"{a}-{n}" for a, n in STEPPED])
def test_steps_equal_the_general_evaluation(name: str, n: int) -> None:
    stepped, general = _pair(name, n)
    xs = _near_kinks(stepped)
    for dtype in (np.float64, np.float32, np.float16):
        with np.errstate(over="ignore"):
            a = xs.astype(dtype)
        got, want = stepped(a), general(a)
        assert got.dtype == want.dtype == dtype
        assert np.array_equal(got, want, equal_nan=True), a[got != want]


@pytest.mark.parametrize(("name", "n"), STEPPED[:12], ids=[f"{a}-{n}" for a, n in STEPPED[:12]])
@settings(max_examples=60, deadline=None)
@given(data=st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=40))
def test_steps_equal_the_general_evaluation_anywhere(name: str, n: int, data: list[float]) -> None:
    stepped, general = _pair(name, n)
    for dtype in (np.float64, np.float32):
        with np.errstate(over="ignore"):
            a = np.array(data).astype(dtype)
        assert np.array_equal(stepped(a), general(a), equal_nan=True)


def test_a_chain_is_exact_in_its_type() -> None:
    """hardsigmoid' is 1/6 between −3 and 3: 1/6 − 1/6 sums to 0 exactly, in both types."""
    f = NumericFunction(make_plan(symact.get("hardsigmoid"), 1))
    assert f._steps is not None and set(f._steps.chains) == {
        np.dtype("float64"),
        np.dtype("float32"),
    }
    x = np.array([-4.0, -3.0, 0.0, 3.0, 4.0])
    assert np.array_equal(f(x), [0.0, np.nan, 1 / 6, np.nan, 0.0], equal_nan=True)
    assert dataclasses.is_dataclass(f._steps)
