"""The hand-written forms of `scripts/handwritten.py`, the yardstick `scripts/bench_numerics.py`
times symact against, are right: each agrees with mpmath values of the declared expression (f)
or of its SymPy derivative (f') to a relative 1e−9 over [−60, 60], a sweep of the float range and
a few ULPs around every kink; in float32 it keeps the dtype and makes no NaN or inf that float64
does not; its parameters are the catalogue's, with the catalogue's defaults."""

from __future__ import annotations

import importlib.util
import inspect
import math
import sys
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

from symact.analysis._pieces import to_piecewise
from symact.catalog import ACTIVATIONS, get
from symact.declare import X
from symact.numerics._reference import MAX_DPS, Reference, reference

ROOT = Path(__file__).resolve().parent.parent

#: Relative tolerance; below TINY an absolute one (subnormal and underflowing values).
REL = 1e-9
TINY = 1e-300
#: Absolute tolerance where a form says it cancels (`Hand.cancels`).
CANCEL_ABS = 1e-7
FMAX = float(np.finfo(np.float64).max)
EPS = float(np.finfo(np.float64).eps)
#: Relative changes of x of the size of float32 rounding.
SHIFTS = (2.0**-24, -(2.0**-24), 2.0**-23, -3 * 2.0**-24)


def _load() -> ModuleType:
    if "handwritten" in sys.modules:
        return sys.modules["handwritten"]
    spec = importlib.util.spec_from_file_location(
        "handwritten", ROOT / "scripts" / "handwritten.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["handwritten"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


HW = _load()
#: The forms of the catalogue's entries (forms of declarations still waiting in `PENDING` are
#: kept, ready, but not checked until their entry joins).
FORMS = sorted((h for h in HW.HAND.values() if h.name in ACTIVATIONS), key=lambda h: (h.name, h.n))


@cache
def _expr(name: str, n: int) -> sp.Expr:
    """f at the default parameters, or its SymPy derivative."""
    e = get(name).at()
    return e if n == 0 else sp.diff(to_piecewise(e), X, n)


def _kinks(e: sp.Expr) -> list[float]:
    """Where the conditions of `e`'s pieces switch."""
    out: set[float] = set()
    for rel in to_piecewise(e).atoms(sp.Rel):
        d = rel.lhs - rel.rhs
        if X not in d.free_symbols:
            continue
        sols = sp.solveset(d, X, sp.S.Reals)
        if isinstance(sols, sp.FiniteSet):
            out |= {float(s) for s in sols if s.is_real}
    return sorted(out)


def _grid(kinks: list[float]) -> np.ndarray:
    """[−60, 60] in steps of 0.6, [−3, 3] by tenths, a sweep of the float range (every 40
    binades), a few points where exp and friends overflow, and around each kink: 1 to 3 ULPs
    and relative 1e−9, 1e−6, 1e−3 either side."""
    pos = [
        *np.linspace(0, 60, 101)[1:],
        *np.linspace(0, 3, 31)[1:],
        *(2.0**e * (1.37 if e % 80 else 1.0) for e in range(-1070, 1024, 40)),
        *(0.1, 0.2, 0.3, 0.7, 20.5, 709.78, 711.5, 745.2, 1e-3, 1e-5, 1e-7),
    ]
    pts = [0.0, *pos, *(-p for p in pos)]
    for k in kinks:
        up = down = k
        for _ in range(3):
            up, down = np.nextafter(up, np.inf), np.nextafter(down, -np.inf)
            pts += [float(up), float(down)]
        pts += [k + d * max(1.0, abs(k)) for d in (-1e-3, -1e-6, -1e-9, 0, 1e-9, 1e-6, 1e-3)]
    xs = np.unique(np.array(pts, dtype=np.float64))
    return xs[np.isfinite(xs)]


def _near(kinks: list[float], xs: np.ndarray) -> np.ndarray:
    """The points within 4 ULPs of a kink, and within 1e−300 of a kink at 0: there the
    reference decides the pieces' conditions in finite precision (exp(x) ≥ 1 holds at
    x = −1e−322 to 40 digits)."""
    out = np.zeros(xs.shape, dtype=bool)
    for k in kinks:
        out |= np.abs(xs - k) <= max(4 * np.spacing(abs(k)), TINY if k == 0 else 0.0)
    return out


def _close(g: float, t: mp.mpf) -> bool:
    if math.isnan(g):
        return False
    if abs(t) >= FMAX * (1 + EPS / 2):  # overflows
        return g == math.copysign(math.inf, t)
    if math.isinf(g):
        return False
    return bool(abs(mp.mpf(g) - t) <= max(REL * abs(t), TINY))


def _neighbours(x: float) -> list[float]:
    out = []
    for toward in (math.inf, -math.inf):
        v = x
        for _ in range(4):
            v = math.nextafter(v, toward)
            out.append(v)
    return out


def _accepted(h: Any, x: float, g: float, t: mp.mpf, ref: Reference) -> bool:
    """Whether `g` is a right answer at `x` beyond plain closeness to `t`: within what the
    function's condition allows (an error of 1e−9 in x), NaN where no float value means
    anything (one ULP of x moves the value by more than its size), the value next to a
    kink, or within the absolute tolerance of a form's cancellation region."""
    if abs(x) < h.cancels and not math.isnan(g) and abs(mp.mpf(g) - t) <= CANCEL_ABS:
        return True
    slope = reference(_slope(h.name, h.n))(x)
    if slope is not None:
        spread = abs(mp.mpf(x) * slope)
        if math.isnan(g):
            if EPS * spread > 1 + abs(t):
                return True
        elif not math.isinf(g) and abs(mp.mpf(g) - t) <= REL * spread:
            return True
    for v in _neighbours(x):
        tv = ref(v)
        if tv is not None and _close(g, tv):
            return True
    return False


@cache
def _slope(name: str, n: int) -> sp.Expr:
    return sp.diff(to_piecewise(_expr(name, n)), X)


@pytest.mark.parametrize("h", FORMS, ids=lambda h: h.label)
def test_hand_form_agrees_with_mpmath(h: Any) -> None:
    e = _expr(h.name, h.n)
    kinks = _kinks(_expr(h.name, 0)) + _kinks(e)
    xs = _grid(kinks)
    got = h(xs)
    assert got.dtype == np.float64 and got.shape == xs.shape
    ref = reference(e)
    near = _near(kinks, xs)
    bad = []
    for x, g, skip in zip(xs.tolist(), got.tolist(), near.tolist(), strict=True):
        if skip:  # at a kink f' is undefined: a form may give either side, or between
            continue
        t = ref(x)
        if t == 0 and g != 0:  # a 0 the answer disputes: look closer (as accuracy.check does)
            t = ref(x, max_dps=4 * MAX_DPS, zero_dps=4 * MAX_DPS) or t
        if t is None or _close(g, t) or _accepted(h, x, g, t, ref):
            continue
        bad.append(f"x={x!r}: got {g!r}, true {mp.nstr(t, 17)}")
    assert not bad, f"{h.label} ({h.description}): {len(bad)} wrong, " + "; ".join(bad[:5])


@pytest.mark.parametrize("h", FORMS, ids=lambda h: h.label)
def test_hand_form_float32(h: Any) -> None:
    """float32 in, float32 out; no NaN or inf that float64 does not make, and within 1e−3 of
    float64, except where a float32 rounding of x moves the value by more than its size
    (sin(30x) at x = 1e37)."""
    with np.errstate(over="ignore"):
        xs = _grid(_kinks(_expr(h.name, h.n))).astype(np.float32)
    xs = np.unique(xs[np.isfinite(xs)])
    got = h(xs)
    assert got.dtype == np.float32 and got.shape == xs.shape
    x64 = xs.astype(np.float64)
    with np.errstate(all="ignore"):
        wide = h(x64)
        # What a float32 rounding of x (or of w0·x) can move: the largest of a few.
        shift = np.max([np.abs(h(x64 * (1 + d)) - wide) for d in SHIFTS], axis=0)
        meaningful = (shift <= 0.1 * (1 + np.abs(wide))) & (
            np.abs(wide) < 0.99 * float(np.finfo(np.float32).max)
        )
        error = np.abs(got - wide)
    spurious = meaningful & np.isfinite(wide) & ~np.isfinite(got)
    assert not spurious.any(), f"{h.label}: NaN/inf in float32 at x = {xs[spurious][:5]}"
    far = meaningful & np.isfinite(got) & (error > 1e-3 * np.maximum(1, np.abs(wide)) + 10 * shift)
    assert not far.any(), f"{h.label}: float32 far from float64 at x = {xs[far][:5]}"


def test_every_entry_has_hand_forms_of_f_and_f_prime() -> None:
    missing = [(name, n) for name in ACTIVATIONS for n in (0, 1) if (name, n) not in HW.HAND]
    assert not missing
    from symact.catalog import _MODULES

    waiting = {a.name for m in _MODULES for a in getattr(m, "PENDING", ())}
    assert set(HW.HAND) <= {(name, n) for name in {*ACTIVATIONS, *waiting} for n in (0, 1)}


@pytest.mark.parametrize("h", FORMS, ids=lambda h: h.label)
def test_hand_form_parameters_are_the_catalogue_s(h: Any) -> None:
    act = get(h.name)
    params = list(inspect.signature(h.fn).parameters.values())[1:]
    assert [p.name for p in params] == [p.name for p in act.params]
    for p in params:
        assert p.default == pytest.approx(float(act.defaults[p.name]), rel=1e-15), p.name
