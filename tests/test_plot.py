"""The glossary's plots: valid, self-contained, byte-for-byte reproducible SVG whose drawing
follows the facts (jumps drawn as jumps, minima marked, variants only where there are
parameters).

Building symact's NumPy functions for the whole catalogue takes minutes, so the tests over the
whole catalogue draw curves lambdified from the same expressions (`_fast`, through the plot
functions' `build=` hook): what they check (the SVG, the decorations from the facts, the breaks
found from the expressions) does not depend on how the values are computed. The real NumPy
functions (the default `numpy_curve`) are drawn for a handful of entries, in this process and
in a fresh one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from typing import Any

import mpmath as mp
import numpy as np
import pytest
import sympy as sp

import symact
from symact.analysis import Analysis
from symact.analysis._derive import derivative
from symact.analysis._facts import spans
from symact.analysis._pieces import to_piecewise
from symact.declare import Activation, X
from symact.functions import to_elementary
from symact.plot import (
    DEFAULT_RANGE,
    FEATURE_CAP,
    MARGIN,
    Break,
    Curve,
    activation_svg,
    compare_svg,
    curve_breaks,
    fact_breaks,
    param_label,
    segments,
    svg_title,
    variant_values,
    variants_svg,
    x_range,
)

NAMES = sorted(symact.ACTIVATIONS)
SVG = "{http://www.w3.org/2000/svg}"
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
#: Entries drawn with the real NumPy functions: cheap to build, and between them jumps, kinks,
#: minima on intervals, parameters (one and two) and a steep function.
REAL = ["binary_step", "hardshrink", "prelu", "relu", "siren", "threshold"]


@functools.cache
def _analysis(name: str) -> Analysis:
    return symact.analyse(symact.get(name))


@functools.cache
def _lambdified(name: str, n: int, params: tuple[tuple[str, float], ...]) -> Curve:
    act = symact.get(name)
    if n == 0:
        source = to_piecewise(act.at(**dict(params)))
    elif not params:
        source = _analysis(name).expressions[n]
    else:
        source = derivative(act.at(**dict(params)), X, n)
    return Curve(_hybrid(to_elementary(source)), source)


def _hybrid(expr: sp.Expr) -> Callable[[Any], Any]:
    """`expr` lambdified for NumPy, and for mpmath (50 digits) wherever the NumPy form is not
    finite: naive forms such as (x cos x − sin x)/x² are 0/0 next to 0."""
    rough = sp.lambdify(X, expr, modules=["scipy", "numpy"])
    exact = sp.lambdify(X, expr, modules="mpmath")

    def one(v: float) -> float:
        with mp.workdps(50):
            try:
                return float(exact(mp.mpf(v)))
            except (TypeError, ValueError, ZeroDivisionError):
                return math.nan

    def fn(x: Any) -> Any:
        a = np.asarray(x, dtype=np.float64)
        with np.errstate(all="ignore"):
            y = np.array(np.broadcast_to(rough(a), a.shape), dtype=np.float64)
        for i in np.flatnonzero(~np.isfinite(y) & np.isfinite(a)):
            y.flat[i] = one(float(a.flat[i]))
        return y

    return fn


def _fast(act: Activation, n: int, /, **params: float) -> Curve:
    """A cheap `Build`: the expression (as the plan's source is made) lambdified."""
    return _lambdified(act.name, n, tuple(sorted(params.items())))


@functools.cache
def _real(kind: str, name: str) -> str | None:
    act = symact.get(name)
    if kind == "f":
        return activation_svg(act, _analysis(name))
    return variants_svg(act, _analysis(name))


def _real_compare() -> str:
    return compare_svg([symact.get("relu"), symact.get("binary_step")], 1)


# ---------------------------------------------------------------------------------------------
# Reading SVG


def _parse(svg: str) -> ET.Element:
    """Check what every plot must be, and return its root."""
    assert svg.startswith("<svg"), svg[:80]
    root = ET.fromstring(svg)  # noqa: S314 - our own output
    assert root.tag == f"{SVG}svg"
    assert re.fullmatch(r"0 0 \d+(\.\d+)? \d+(\.\d+)?", root.get("viewBox", ""))
    assert root[0].tag == f"{SVG}title" and (root[0].text or "").strip()
    ids = [e.get("id") for e in root.iter() if e.get("id") is not None]
    assert len(ids) == len(set(ids)), "repeated ids"
    for e in root.iter():
        assert e.tag != f"{SVG}image"
        for key, value in e.attrib.items():
            if key.endswith("href"):
                assert value.startswith("#"), f"external reference {value}"
            assert "url(" not in value or re.fullmatch(r".*url\(#[^)]+\).*", value), value
    namespaces = re.sub(r'xmlns(:\w+)?="[^"]*"', "", svg)
    assert "http" not in namespaces and "<metadata" not in svg
    return root


def _groups(root: ET.Element, pattern: str) -> dict[str, ET.Element]:
    return {
        g.get("id", ""): g for g in root.iter(f"{SVG}g") if re.fullmatch(pattern, g.get("id") or "")
    }


def _path_xs(g: ET.Element) -> list[float]:
    """The x coordinates of the path(s) of a group (M/L commands only)."""
    xs = []
    for p in g.iter(f"{SVG}path"):
        numbers = [float(t) for t in p.get("d", "").split() if t not in "MLz"]
        assert "C" not in p.get("d", ""), "a line drawn with curves"
        xs += numbers[0::2]
    return xs


def _dot_xs(g: ET.Element) -> list[float]:
    return [float(u.get("x", "nan")) for u in g.iter(f"{SVG}use")]


def _assert_not_across(root: ET.Element, curve: str, dots: str) -> int:
    """No polyline of `curve` crosses the x of a break (where its dots are): returns how many
    breaks there are."""
    jumps = sorted({x for g in _groups(root, dots).values() for x in _dot_xs(g)})
    for gid, g in _groups(root, curve).items():
        xs = _path_xs(g)
        for jx in jumps:
            assert not (min(xs) < jx - 0.5 and max(xs) > jx + 0.5), f"{gid} crosses x = {jx}"
    return len(jumps)


# ---------------------------------------------------------------------------------------------
# The main plot over the whole catalogue


@pytest.mark.parametrize("name", NAMES)
def test_activation_plot(name: str) -> None:
    act, analysis = symact.get(name), _analysis(name)
    svg = activation_svg(act, analysis, build=_fast)
    root = _parse(svg)
    assert root.get("viewBox") == "0 0 504 288"
    assert activation_svg(act, analysis, build=_fast) == svg  # byte-identical

    lo, hi = x_range(analysis)
    assert _groups(root, r"f-\d+") and _groups(root, r"fprime-\d+")
    # Jumps: f split where the facts say it jumps, f′ at kinks and jumps; dots at each.
    f_jumps = [b for b in fact_breaks(analysis, 0) if lo < b.at < hi]
    d_jumps = [b for b in fact_breaks(analysis, 1) if lo < b.at < hi]
    assert _assert_not_across(root, r"f-\d+", r"f-(open|closed)-\d+") == len(f_jumps)
    assert _assert_not_across(root, r"fprime-\d+", r"fprime-(open|closed)-\d+") == len(d_jumps)
    assert len(_groups(root, r"f-\d+")) >= len(f_jumps) + 1
    assert not _groups(root, r"fprime-closed-\d+"), "f′ is undefined where it breaks"
    # Minima: marked exactly where the facts put them in view.
    minimum = analysis["minimum"].value
    shown = []  # a periodic point c + kT: each member in view
    where = analysis["minimum_at"].value
    for iv in spans(where) if where is not None else []:
        if iv.period is None:
            shown.append({"lo": float(iv.lo), "hi": float(iv.hi)})
            continue
        c, t = float(iv.lo), float(iv.period)
        ks = range(math.ceil((lo - c) / t), math.floor((hi - c) / t) + 1)
        shown += [{"lo": c + k * t, "hi": c + k * t} for k in ks]
    visible = [
        iv
        for iv in shown
        if minimum is not None and float(iv["lo"]) <= hi and float(iv["hi"]) >= lo
    ]
    assert len(_groups(root, r"minimum-\d+")) == len(visible)
    if visible:
        assert "Minimum" in svg_title(svg)


@pytest.mark.parametrize("name", NAMES)
def test_breaks_from_expressions_agree_with_facts(name: str) -> None:
    """The breaks variants and comparisons find from the expressions are the analysis' jumps
    (f) and kinks and jumps (f′)."""
    act, analysis = symact.get(name), _analysis(name)
    lo, hi = x_range(analysis)
    for n in (0, 1):
        found = curve_breaks(_fast(act, n), lo, hi)
        facts = [b for b in fact_breaks(analysis, n) if lo < b.at < hi]
        assert [b.at for b in found] == pytest.approx([b.at for b in facts])
        for a, b in zip(found, facts, strict=True):
            assert (a.left, a.right) == pytest.approx((b.left, b.right), abs=1e-9)
            assert a.value == pytest.approx(b.value, nan_ok=True)


@pytest.mark.parametrize("name", NAMES)
def test_variants_only_with_parameters(name: str) -> None:
    act, analysis = symact.get(name), _analysis(name)
    svg = variants_svg(act, analysis, build=_fast)
    if not act.params:
        assert svg is None
        return
    assert svg is not None
    root = _parse(svg)
    assert variants_svg(act, analysis, build=_fast) == svg
    for p in act.params:
        drawn = _groups(root, rf"{p.name}-\d-0")
        assert len(drawn) == len(variant_values(p)) == 3, sorted(drawn)
        assert f"{param_label(p)} = " in svg_title(svg)


# ---------------------------------------------------------------------------------------------
# Comparisons


def test_compare_overlays_by_name() -> None:
    acts = [symact.get(n) for n in ("relu", "gelu", "binary_step", "siren")]
    for n in (0, 1):
        svg = compare_svg(acts, n, build=_fast)
        root = _parse(svg)
        assert compare_svg(acts, n, build=_fast) == svg
        for act in acts:
            assert _groups(root, rf"{act.name}-\d+"), act.name
            assert act.name in svg_title(svg)
        # binary_step jumps at 0 (f) and f′ is undefined there.
        assert _assert_not_across(root, r"binary_step-\d+", r"binary_step-(open|closed)-\d+")
    # The common x-range covers each entry's own (siren's is narrow: the widest wins).
    ranges = [x_range(_analysis(a.name)) for a in acts]
    assert f"from {min(r[0] for r in ranges):g} to " in svg_title(svg).replace("−", "-")
    with pytest.raises(ValueError, match="nothing to compare"):
        compare_svg([])


# ---------------------------------------------------------------------------------------------
# Pure helpers


def _step(x: object) -> object:
    return np.where(np.asarray(x) >= 0, 1.0, 0.0)


def test_segments_end_at_the_one_sided_limits_and_never_cross_a_break() -> None:
    jump = Break(0.0, left=0.0, right=1.0, value=1.0)
    segs = segments(_step, -2.0, 2.0, [jump], points=41)
    assert len(segs) == 2
    (xl, yl), (xr, yr) = segs
    assert xl.max() == 0.0 and yl[-1] == 0.0 and np.all(yl == 0.0)
    assert xr.min() == 0.0 and yr[0] == 1.0 and np.all(yr == 1.0)
    assert xl[0] == -2.0 and xr[-1] == 2.0
    # Without the break the step is one polyline that climbs from 0 to 1 between two samples.
    (_, y), *rest = segments(_step, -2.0, 2.0, points=41)
    assert not rest and set(y) == {0.0, 1.0}
    assert jump.dots() == ([1.0], [0.0])


def test_segments_break_at_nan() -> None:
    def f(x: object) -> object:
        a = np.asarray(x, dtype=float)
        return np.where(np.abs(a) < 0.5, np.nan, a)

    segs = segments(f, -2.0, 2.0, points=81)
    assert len(segs) == 2
    assert all(np.isfinite(y).all() for _, y in segs)
    assert segs[0][0].max() < -0.5 + 1e-9 and segs[1][0].min() > 0.5 - 1e-9


def test_dots_of_a_kink_are_open() -> None:
    kink = Break(0.0, left=0.0, right=1.0)  # relu′: undefined at 0
    assert kink.dots() == ([], [0.0, 1.0])
    hole = Break(0.0, left=0.0, right=0.0)  # binary_step′: 0 on both sides, undefined at 0
    assert hole.dots() == ([], [0.0])


def test_fact_breaks() -> None:
    step = fact_breaks(_analysis("binary_step"), 0)
    assert step == [Break(0.0, 0.0, 1.0, 1.0)]
    assert fact_breaks(_analysis("relu"), 0) == []
    (kink,) = fact_breaks(_analysis("relu"), 1)
    assert (kink.at, kink.left, kink.right) == (0.0, 0.0, 1.0) and math.isnan(kink.value)
    assert fact_breaks(_analysis("elu"), 1) == []  # C¹ at 0: f′ continuous
    with pytest.raises(ValueError):
        fact_breaks(_analysis("relu"), 2)


def test_a_jump_set_by_a_line_in_float_arithmetic_is_found() -> None:
    """x/2 < 17/10: the jump is at 17/5, which no float is; the float 3.4 (below 17/5) halves to
    the float 1.7 and takes the upper piece, so the floats just around 17/5 are both on one side.
    The one-sided values come from a few floats out; the number comes from the line's root."""
    t = X / 2
    source = sp.Piecewise((1 - t, t < sp.Rational(17, 10)), (t, True))
    fn = sp.lambdify(X, source, "numpy")
    (b,) = curve_breaks(Curve(fn, source), -5.0, 5.0)
    assert b.at == 3.4 and b.value == pytest.approx(1.7)
    assert (b.left, b.right) == pytest.approx((1 - 1.7, 1.7))


def test_a_jump_too_small_to_draw_is_not_a_break() -> None:
    """Theano's ultra-fast sigmoid jumps by 2.2·10⁻¹⁶ at ±6 (its decimal constants almost meet):
    a fact of the analysis, not a break in the plot."""
    import symact.plot as plot

    assert plot._unseen(0.997527376843365, 0.9975273768433652, 0.997527376843365)
    assert not plot._unseen(0.9722, 0.9677) and not plot._unseen(None, 1.0)
    assert not plot._unseen(math.inf, 1.0)
    assert not plot._unseen(0.0, 0.0)  # binary_step′: undefined at 0, where both sides are 0
    assert not plot._unseen(1.0, 1.0 + 1e-15, 0.5)  # f itself is elsewhere at the point


def test_threshold_breaks_at_the_exact_point() -> None:
    """threshold(x) = x for x > 10⁻⁶, else `value`: at 10⁻⁶ (no float) f takes `value`."""
    curve = _fast(symact.get("threshold"), 0, value=0.5)
    (b,) = curve_breaks(curve, -5.0, 5.0)
    assert b.at == 1e-6 and b.value == 0.5 and b.left == 0.5
    assert b.right == pytest.approx(1e-6)
    assert b.dots() == ([0.5], [b.right])


@pytest.mark.parametrize("name", NAMES)
def test_x_range_shows_the_features(name: str) -> None:
    analysis = _analysis(name)
    lo, hi = x_range(analysis)
    if name == "siren":  # steep: sin(30x) would fill [−5, 5] with 48 periods
        assert (lo, hi) == (-0.5, 0.5)
        return
    assert lo <= DEFAULT_RANGE[0] and hi >= DEFAULT_RANGE[1]
    assert lo == math.floor(lo) and hi == math.ceil(hi)
    points = [float(b.at) for b in analysis["breakpoints"].value]
    points += [
        float(v)
        for k in ("saturation_-inf", "saturation_+inf")
        if (v := analysis[k].value) is not None
    ]
    for p in points:
        if abs(p) <= FEATURE_CAP:
            assert lo <= p - MARGIN and p + MARGIN <= hi, p


def test_x_range_examples() -> None:
    assert x_range(_analysis("relu6")) == (-5.0, 7.0)  # kink at 6
    assert x_range(_analysis("sinc")) == (-5.0, 5.0)  # saturates only past |x| ≈ 95
    assert x_range(_analysis("arctan")) == (-11.0, 11.0)  # |f′| < 0.01 past |x| ≈ 9.95


def test_variant_values() -> None:
    for act in symact.ACTIVATIONS.values():
        for p in act.params:
            values = variant_values(p)
            assert len(values) == 3 and values == sorted(values)
            assert float(p.value) in values
            if p.positive:
                assert min(values) > 0
    get = {p.name: p for p in symact.get("threshold").params}
    assert variant_values(get["value"]) == [0.0, 0.5, 1.0]
    assert variant_values(symact.get("elu").params[0]) == [0.5, 1.0, 2.0]


def test_param_labels() -> None:
    labels = {p.name: param_label(p) for a in symact.ACTIVATIONS.values() for p in a.params}
    assert labels["alpha"] == "α" and labels["beta"] == "β" and labels["w0"] == "w₀"
    assert labels["negative_slope"] == "negative_slope" and labels["lambd"] == "lambd"


# ---------------------------------------------------------------------------------------------
# The real NumPy functions, and reproducibility across processes and threads


@pytest.mark.parametrize("name", REAL)
def test_real_functions(name: str) -> None:
    act, analysis = symact.get(name), _analysis(name)
    svg = _real("f", name)
    assert svg is not None
    root = _parse(svg)
    lo, hi = x_range(analysis)
    f_jumps = [b for b in fact_breaks(analysis, 0) if lo < b.at < hi]
    assert _assert_not_across(root, r"f-\d+", r"f-(open|closed)-\d+") == len(f_jumps)
    assert activation_svg(act, analysis) == svg
    variants = _real("variants", name)
    assert (variants is None) == (not act.params)
    if variants is not None:
        _parse(variants)


def test_binary_step_is_drawn_as_a_jump() -> None:
    svg = _real("f", "binary_step")
    assert svg is not None
    root = _parse(svg)
    assert len(_groups(root, r"f-\d+")) == 2
    assert len(_dot_xs(_groups(root, r"f-closed-0")["f-closed-0"])) == 1  # f(0) = 1
    assert len(_dot_xs(_groups(root, r"f-open-0")["f-open-0"])) == 1  # the limit 0 from the left
    assert "f jumps at x = 0" in svg_title(svg)


_SCRIPT = """
import hashlib, json, sys
import symact
from symact.plot import activation_svg, compare_svg, variants_svg
out = {}
for name in sys.argv[1:]:
    act = symact.get(name)
    out["f", name] = activation_svg(act, symact.analyse(act))
    out["variants", name] = variants_svg(act, symact.analyse(act))
out["compare"] = compare_svg([symact.get("relu"), symact.get("binary_step")], 1)
print(json.dumps({"pyplot": "matplotlib.pyplot" in sys.modules, "hashes": {
    "/".join(k) if isinstance(k, tuple) else k: hashlib.sha256((v or "").encode()).hexdigest()
    for k, v in out.items()}}))
"""


def test_same_bytes_in_a_fresh_process(repo_root: Path) -> None:
    names = ["binary_step", "threshold"]
    env = {**os.environ, "PYTHONPATH": str(repo_root), "PYTHONHASHSEED": "4321"}
    run = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _SCRIPT, *names],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=300,
    )
    there = json.loads(run.stdout)
    assert there["pyplot"] is False
    here = {f"{kind}/{name}": _real(kind, name) for name in names for kind in ("f", "variants")}
    here["compare"] = _real_compare()
    assert there["hashes"] == {
        k: hashlib.sha256((v or "").encode()).hexdigest() for k, v in here.items()
    }


def _referenced(svg: str) -> set[str]:
    return set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))


def test_two_plots_on_one_page_refer_to_different_ids() -> None:
    relu, step = symact.get("relu"), symact.get("binary_step")
    a = activation_svg(relu, _analysis("relu"), build=_fast)
    b = activation_svg(step, _analysis("binary_step"), build=_fast)
    c = compare_svg([relu, step], build=_fast)
    assert _referenced(a) and _referenced(b) and _referenced(c)
    assert not _referenced(a) & _referenced(b)
    assert not (_referenced(a) | _referenced(b)) & _referenced(c)


def test_same_bytes_from_threads() -> None:
    act, analysis = symact.get("hardshrink"), _analysis("hardshrink")
    expected = activation_svg(act, analysis, build=_fast)
    results: list[str] = []

    def draw() -> None:
        results.append(activation_svg(act, analysis, build=_fast))

    threads = [threading.Thread(target=draw) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 3
