"""Plots for the glossary site: SVG text, byte for byte the same on every run.

```python
import symact
from symact.plot import activation_svg, compare_svg, variants_svg

gelu = symact.get("gelu")
svg = activation_svg(gelu, symact.analyse(gelu))  # f and f′, decorated from the facts
variants_svg(gelu, symact.analyse(gelu))           # None: GELU has no parameters
compare_svg([symact.get("relu"), gelu], n=1)  # the derivatives overlaid
```

Every function returns the text of one `<svg>` element (no XML declaration, no DOCTYPE), ready
to be written to a `.svg` file or embedded in a page. Its first child is a `<title>` describing
the plot in words, computed from the same facts as the drawing: browsers use it as the accessible
name of an inline SVG, and a page that embeds the file with `<img>` can copy it into `alt`
([`svg_title`][symact.plot.svg_title] reads it back). The root has a `viewBox` and a size in
points (7 × 4 in for one plot: 504 × 288), so CSS such as `svg {max-width: 100%; height: auto}`
scales it to the column.

## What is drawn, and from where

Curves are the NumPy functions (`numpy_function(act, 0)`, `numpy_function(act, 1)`) on 801
evenly spaced points plus the breakpoints and minima; NaN (a derivative where it is undefined)
breaks a line.
Decorations of the main plot come from the analysis' facts, none typed per activation:

- **x-range** ([`x_range`][symact.plot.x_range]): [−5, 5], widened to cover every breakpoint,
  saturation threshold and finite end of a minimum or maximum interval with |x| ≤ 10, plus a
  margin of 1/2, rounded outwards to integers. Features farther out (sinc saturates only past
  |x| ≈ 95) are left out rather than squeezing the interesting part. A steep bounded function
  (one that can cross its whole range within 1/4, such as SIREN's sin(30x)) gets a narrower
  range instead, a few times that distance.
- **Jumps**: where a breakpoint has continuity −1 (left limit ≠ right limit), f is split there
  (no vertical line joins the sides); a closed dot marks the value f takes and an open dot each
  one-sided limit it does not take. f′ is split at every breakpoint of continuity ≤ 0 (a kink or
  a jump of f): f′ is undefined there, so both one-sided values are open dots.
- **Saturation** (`saturation_-inf`, `saturation_+inf`): the tails where |f′| < ε are shaded
  where visible. When the two tails together cover the whole range (a step function) nothing is
  shaded: there would be nothing to contrast with.
- **Asymptotes** (`asymptote_-inf`, `asymptote_+inf`): dashed, each over its own half of the
  range only (left or right of 0). Not drawn: y = 0, which the zero line already draws, and a
  line the curve follows to within 1 % of the plot's height all over that half (ReLU's y = x
  would be drawn on top of the curve).
- **Minima** (`minimum`, `minimum_at`): an isolated minimum is a dot with "min … at x = …"; a
  minimum attained on an interval is a bar just below the curve along the visible part of the
  interval (ticks at its finite ends), labelled "min … for x ≤ …".

[`variants_svg`][symact.plot.variants_svg] and [`compare_svg`][symact.plot.compare_svg] draw
functions at other parameters, for which there is no analysis: their jumps are found from the
curve itself ([`curve_breaks`][symact.plot.curve_breaks]).

Curves come from a [`Build`][symact.plot.Build] (`build=`), by default
[`numpy_curve`][symact.plot.numpy_curve]: `numpy_function(act, n, **params)`; variants at other
parameters by default from [`window_curve`][symact.plot.window_curve], the same function
without the branches for its tails at ±∞, which would agree to 2⁻⁶⁰ on the plotted range and
cost most of the time of a plan. A caller that has the functions already, or wants cheaper
ones (the tests lambdify the expressions), passes its own.

## Determinism

Figures are [`matplotlib.figure.Figure`][matplotlib.figure.Figure] objects (never pyplot),
styled from matplotlib's defaults (a user's matplotlibrc does not leak in) inside
`matplotlib.style.context`, under a lock: rcParams are global, so two threads plotting at once
take turns. `svg.hashsalt` is fixed (the plot's kind and names), glyphs are paths, no date or
creator is written, and coordinates are rounded to 0.01 pt. No file is written.

Every id something refers to (clip paths, markers, glyphs) is made from that salt, so two plots
inlined on one page never define the same one; group ids (`figure_1`, and the `gid`s drawn
here: `f-0`, `fprime-open-0`, `minimum-0`, …) do repeat between plots, harmlessly.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal, Protocol
from xml.sax.saxutils import escape, unescape

import matplotlib.style
import numpy as np
import sympy as sp
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.transforms import offset_copy
from numpy.typing import NDArray

from symact.analysis import Analysis, analyse
from symact.analysis._facts import Asymptote, Breakpoint, spans
from symact.declare import Activation, Param, X
from symact.numerics import NumericFunction, numpy_function
from symact.numerics._plan import plan_without_tails

__all__ = [
    "DEFAULT_RANGE",
    "PALETTE",
    "Break",
    "Build",
    "Curve",
    "activation_svg",
    "compare_svg",
    "curve_breaks",
    "fact_breaks",
    "numpy_curve",
    "param_label",
    "segments",
    "svg_title",
    "variant_values",
    "variants_svg",
    "window_curve",
    "x_range",
]

Array = NDArray[np.float64]
Segment = tuple[Array, Array]

#: The x-range every plot covers at least (but a steep function's, see `x_range`).
DEFAULT_RANGE = (-5.0, 5.0)
#: Features (breakpoints, thresholds, extrema) farther from 0 than this do not widen the range.
FEATURE_CAP = 10.0
#: Room left beyond the outermost feature.
MARGIN = 0.5
#: A function crossing its whole range in less than this is steep (see `x_range`).
STEEP = 0.25
#: Evenly spaced samples per curve (breakpoints and minima are added).
POINTS = 801
#: Okabe and Ito's colour-blind-safe palette, without its yellow (too pale on white).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
#: Line styles cycled once the palette is used up (compare plots of many functions).
LINESTYLES = ("-", "--", ":", "-.")
#: Size in inches of one plot (504 × 288 pt): a 700 px column.
SIZE = (7.0, 4.0)

_F_COLOUR, _D_COLOUR = PALETTE[0], PALETTE[1]
_GREY = "#555555"
_SHADE = "#9a9a9a"
_LOCK = threading.Lock()
_RC: dict[str, Any] = {
    "svg.fonttype": "path",
    "svg.image_inline": True,
    "path.simplify": True,
    "path.simplify_threshold": 0.2,
    "font.family": "DejaVu Sans",
    "font.size": 9.0,
    "legend.fontsize": 9.0,
    "axes.unicode_minus": True,
    "axes.grid": True,
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.6,
    "axes.edgecolor": "#888888",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.xmargin": 0.0,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "legend.frameon": False,
    "legend.handlelength": 2.6,
}
#: No Creator (it holds a URL), Date, Format or Type: no `<metadata>` element at all.
_NO_METADATA: dict[str, Any] = {"Creator": None, "Date": None, "Format": None, "Type": None}
_COORDINATES = re.compile(r' (d|x|y)="([^"]*)"')
_NUMBER = re.compile(r"-?\d+\.\d+")
_GLYPH_ID = re.compile(r'(id="|href="#)(DejaVu[\w-]*")')
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


# ---------------------------------------------------------------------------------------------
# Pure helpers: ranges, breaks, segments


def _float(v: Any) -> float | None:
    """A fact's number as a float ("inf" and "-inf" included), `None` for a missing one."""
    if v is None or isinstance(v, bool):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _value(analysis: Analysis, name: str) -> Any:
    fact = analysis.get(name)
    return None if fact is None else fact.value


def _intervals(
    analysis: Analysis, name: str, window: tuple[float, float] | None = None
) -> list[tuple[float, float, bool, bool]]:
    """A set-valued fact as (lo, hi, lo_closed, hi_closed) floats. A point with a period
    stands for its whole family: given a `window`, every member in it."""
    s = _value(analysis, name)
    out: list[tuple[float, float, bool, bool]] = []
    for p in spans(s) if isinstance(s, sp.Set) else []:
        lo, hi = float(p.lo), float(p.hi)
        if p.period is None or window is None:
            out.append((lo, hi, p.lo_closed, p.hi_closed))
            continue
        period = float(p.period)
        first, last = math.ceil((window[0] - lo) / period), math.floor((window[1] - lo) / period)
        out.extend((lo + k * period,) * 2 + (True, True) for k in range(first, last + 1))
    return out


def _period_of(analysis: Analysis, name: str) -> float | None:
    """The period of a fact's points (every c + kT), `None` where they are not periodic."""
    s = _value(analysis, name)
    periods = {p.period for p in spans(s)} if isinstance(s, sp.Set) else set()
    period = periods.pop() if len(periods) == 1 else None
    return None if period is None else float(period)


def _breakpoints(analysis: Analysis) -> tuple[Breakpoint, ...]:
    v = _value(analysis, "breakpoints")
    return v if isinstance(v, tuple) else ()


def _features(analysis: Analysis) -> Iterator[float]:
    """Points a plot should show: breakpoints, saturation thresholds, ends of extremum sets."""
    for bp in _breakpoints(analysis):
        yield float(bp.at)
    for side in ("saturation_-inf", "saturation_+inf"):
        v = _float(_value(analysis, side))
        if v is not None:
            yield v
    for name in ("minimum_at", "maximum_at"):
        for lo, hi, _, _ in _intervals(analysis, name):
            yield from (p for p in (lo, hi) if math.isfinite(p))


def x_range(analysis: Analysis) -> tuple[float, float]:
    """The x-range of the plots of one activation.

    [−5, 5], widened to show every feature (breakpoint, saturation threshold, finite end of a
    minimum or maximum interval) with |x| ≤ 10 and 1/2 beyond it, rounded outwards to integers.

    Except for a steep function: bounded, with a Lipschitz constant L so large that it could
    cross its whole range (height h) within s = h / L < 1/4; on [−5, 5] it would be a solid
    band (a SIREN's sin(30x) repeats 48 times). Its range is [−r, r] with r = 5s rounded up to
    1, 2 or 5 times a power of ten (SIREN: s = 1/15, [−1/2, 1/2]).
    """
    steep = _steepness(analysis)
    if steep is not None and steep < STEEP:
        r = _nice_ceil(5 * steep)
        return -r, r
    near = [p for p in _features(analysis) if math.isfinite(p) and abs(p) <= FEATURE_CAP]
    lo = min([DEFAULT_RANGE[0], *(p - MARGIN for p in near)])
    hi = max([DEFAULT_RANGE[1], *(p + MARGIN for p in near)])
    return float(math.floor(lo)), float(math.ceil(hi))


def _steepness(analysis: Analysis) -> float | None:
    """The height of f's range over its Lipschitz constant (`None` unless both are finite)."""
    spans = _intervals(analysis, "range")
    lipschitz = _float(_value(analysis, "lipschitz"))
    if not spans or lipschitz is None or not 0 < lipschitz < math.inf:
        return None
    height = max(s[1] for s in spans) - min(s[0] for s in spans)
    return height / lipschitz if math.isfinite(height) else None


def _nice_ceil(v: float) -> float:
    """The least of 1, 2 and 5 times a power of ten that is at least `v` (> 0)."""
    power = 10.0 ** math.floor(math.log10(v))
    return next(k * power for k in (1, 2, 5, 10) if k * power >= v * (1 - 1e-12))


@dataclass(frozen=True)
class Break:
    """A point where a curve is drawn in two pieces.

    `left` and `right` are the one-sided limits (the ends of the two pieces) and `value` the
    value there (NaN where the function is undefined at `at`).
    """

    at: float
    left: float
    right: float
    value: float = math.nan

    def dots(self) -> tuple[list[float], list[float]]:
        """The y of the closed dots (the value taken) and of the open dots (limits not taken)."""
        closed = [self.value] if math.isfinite(self.value) else []
        opened: list[float] = []
        for y in (self.left, self.right):
            if math.isfinite(y) and not any(_close(y, c) for c in closed + opened):
                opened.append(y)
        return closed, opened


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def fact_breaks(analysis: Analysis, n: int) -> list[Break]:
    """Where the analysis says f (n = 0) or f′ (n = 1) jumps.

    f breaks where a breakpoint has continuity −1; f′ where it has continuity ≤ 0, and f′ is
    undefined there (no closed dot). A jump too small to draw (`_unseen`) is left out.
    """
    if n not in (0, 1):
        raise ValueError(f"only f and f′ have one-sided values in the facts, not order {n}")
    out = []
    for bp in _breakpoints(analysis):
        at, c = float(bp.at), float(bp.continuity)
        if c > n - 1:
            continue
        if n == 0:
            sides = (bp.left_limit, bp.right_limit, bp.value)
        else:
            sides = (bp.left_derivative, bp.right_derivative, None)
        left, right, value = (_float(v) for v in sides)
        if _unseen(left, right, value):
            continue
        out.append(Break(at, _nan(left), _nan(right), _nan(value)))
    return out


def _unseen(left: float | None, right: float | None, value: float | None = None) -> bool:
    """Whether a jump from `left` to `right` is too small to draw: within the 10⁻⁹ by which
    [`curve_breaks`][symact.plot.curve_breaks] calls values equal, and `value` (where f is
    defined) with them (Theano's ultra-fast sigmoid jumps by 2.2·10⁻¹⁶ at x = ±6, where its
    decimal constants almost meet). Equal sides are no jump but a point where f or f′ is
    undefined or different: that is drawn. The analysis keeps every jump; a plot leaves these
    out."""
    sides = (left, right) if value is None or math.isnan(value) else (left, right, value)
    if any(v is None or not math.isfinite(v) for v in sides):
        return False
    finite = [float(v) for v in sides if v is not None]
    return left != right and all(_close(finite[0], v) for v in finite)


def _nan(v: float | None) -> float:
    return math.nan if v is None else v


def _call(fn: Callable[[Any], Any], x: Array) -> Array:
    with np.errstate(all="ignore"):
        return np.broadcast_to(np.asarray(fn(x), dtype=np.float64), x.shape)


@dataclass(frozen=True)
class Curve:
    """A function to draw: a vectorised callable and the exact SymPy expression it computes,
    whose conditions on x say where the curve may break."""

    fn: Callable[[Any], Any]
    source: sp.Expr


class Build(Protocol):
    """Makes the curve of an activation's `n`-th derivative at some parameters (the others at
    their defaults)."""

    def __call__(self, act: Activation, n: int, /, **params: float) -> Curve: ...


def numpy_curve(act: Activation, n: int, /, **params: float) -> Curve:
    """The default [`Build`][symact.plot.Build]: symact's NumPy function (`numpy_function`) and the
    expression its plan evaluates."""
    f = numpy_function(act, n, **params)
    return Curve(f, f.plan.source)


def window_curve(act: Activation, n: int, /, **params: float) -> Curve:
    """A [`Build`][symact.plot.Build] for a finite window: at the default parameters the
    curve of [`numpy_curve`][symact.plot.numpy_curve], at others symact's NumPy function of a
    plan without tails ([`plan_without_tails`][symact.numerics._plan.plan_without_tails])."""
    if not params:
        return numpy_curve(act, n)
    f = NumericFunction(plan_without_tails(act, n, **params))
    return Curve(f, f.plan.source)


def curve_breaks(curve: Curve, lo: float, hi: float) -> list[Break]:
    """Where a curve jumps or is undefined inside (lo, hi), found without an analysis.

    Candidates are the numbers x is compared with in the exact source (1/10⁶ for threshold).
    At each, the value is the source's at that exact point and the one-sided values are the
    function's a few floats below and above it (`_SIDE_ULPS`); the curve breaks unless the three
    agree (to 10⁻⁹ relative).
    """
    out = []
    for c in sorted(_compared(curve.source), key=float):
        at = float(c)
        if not lo < at < hi:
            continue
        left, right = _call(curve.fn, np.array(_floats_around(c)))
        value = _exact_value(curve.source, c)
        if value is None:
            value = float(_call(curve.fn, np.array([at]))[0])
        if not (math.isfinite(value) and _close(left, value) and _close(right, value)):
            out.append(Break(at, float(left), float(right), value))
    return out


def _compared(e: sp.Basic) -> set[sp.Expr]:
    """The finite real numbers x is compared with in `e`."""
    out = set()
    for rel in e.atoms(sp.Rel):
        c = rel.rhs if rel.lhs == X else rel.lhs if rel.rhs == X else _root_of_line(rel)
        if c is not None and c.is_number and c.is_real and c.is_finite:
            out.add(c)
    return out


def _root_of_line(rel: sp.Rel) -> sp.Expr | None:
    """c when `rel` compares a line a·x + b (numbers a ≠ 0, b) with a number: x/2 < 17/10."""
    d = rel.lhs - rel.rhs
    if d.free_symbols != {X}:
        return None
    a, b = d.diff(X), d.subs(X, 0)
    if not (a.is_number and b.is_number and a != 0 and d == sp.expand(a * X + b)):
        return None
    return -b / a


#: How many floats away from a compared number its one-sided values are taken: a condition
#: such as x/2 < 17/10, evaluated in floats, moves the jump by an ulp (x = 3.4 is taken as
#: 17/5 there, while the float 3.4 is below it).
_SIDE_ULPS = 4


def _floats_around(c: sp.Expr) -> tuple[float, float]:
    """Floats `_SIDE_ULPS` below and above `c` (counted from the floats just below and above)."""
    near = float(c)
    diff = sp.Rational(near) - c
    below = near if diff.is_negative else math.nextafter(near, -math.inf)
    above = near if diff.is_positive else math.nextafter(near, math.inf)
    for _ in range(_SIDE_ULPS - 1):
        below, above = math.nextafter(below, -math.inf), math.nextafter(above, math.inf)
    return below, above


def _exact_value(source: sp.Expr, c: sp.Expr) -> float | None:
    """The source expression at the exact point `c` (NaN where it is undefined), or `None` where
    SymPy does not give a real number."""
    try:
        v = source.subs(X, c)
        return math.nan if v is sp.nan else float(v) if v.is_number and v.is_real else None
    except (TypeError, ValueError):
        return None


def segments(
    fn: Callable[[Any], Any],
    lo: float,
    hi: float,
    breaks: Iterable[Break] = (),
    *,
    points: int = POINTS,
    extra: Iterable[float] = (),
) -> list[Segment]:
    """The polylines drawing `fn` over [lo, hi]: one per piece between breaks, each ending at
    the break's one-sided value, and split again wherever `fn` is not finite.

    `extra` x values are sampled besides the `points` evenly spaced ones (kinks, minima).
    """
    cuts = sorted((b for b in breaks if lo < b.at < hi), key=lambda b: b.at)
    grid = np.union1d(np.linspace(lo, hi, points), [e for e in extra if lo <= e <= hi])
    edges = [lo, *(b.at for b in cuts), hi]
    out: list[Segment] = []
    for i in range(len(edges) - 1):
        a, b = edges[i], edges[i + 1]
        inside = grid[(grid > a) & (grid < b)]
        xs = [inside]
        if i == 0:
            xs.insert(0, np.array([a]))
        if i == len(edges) - 2:
            xs.append(np.array([b]))
        x = np.concatenate(xs)
        y = _call(fn, x)
        if i > 0:
            x, y = np.concatenate([[a], x]), np.concatenate([[cuts[i - 1].right], y])
        if i < len(edges) - 2:
            x, y = np.concatenate([x, [b]]), np.concatenate([y, [cuts[i].left]])
        out.extend(_finite_runs(x, y))
    return out


def _finite_runs(x: Array, y: Array) -> Iterator[Segment]:
    """The runs of at least two consecutive points where y is finite."""
    ok = np.isfinite(y)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], ok.astype(np.int8), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        if stop - start >= 2:
            yield x[start:stop], y[start:stop]


# ---------------------------------------------------------------------------------------------
# Labels


def _num(v: float, digits: int = 3) -> str:
    """A short number with a real minus sign."""
    text = f"{v:.{digits}g}"
    if "e" in text:
        mantissa, exp = text.split("e")
        power = str(int(exp)).translate(_SUPERSCRIPT)
        text = f"10{power}" if mantissa == "1" else f"{mantissa}·10{power}"
    return text.replace("-", "−")


def param_label(p: Param) -> str:
    """A parameter's name as SymPy prints it when that is a Greek letter or a subscript
    (α, w₀), else as declared (negative_slope)."""
    pretty = sp.pretty(p.symbol, use_unicode=True)
    return p.name if "_" in p.name or "\n" in pretty else str(pretty)


def _interval_text(lo: float, hi: float, lo_closed: bool, hi_closed: bool) -> str:
    le, ge = ("≤" if hi_closed else "<"), ("≤" if lo_closed else "<")
    if math.isinf(lo) and math.isinf(hi):
        return "all x"
    if math.isinf(lo):
        return f"x {le} {_num(hi)}"
    if math.isinf(hi):
        return f"x {'≥' if lo_closed else '>'} {_num(lo)}"
    return f"{_num(lo)} {ge} x {le} {_num(hi)}"


def svg_title(svg: str) -> str:
    """The description in an SVG's `<title>` (for an `<img>`'s alt text)."""
    m = _TITLE.search(svg)
    return unescape(m.group(1)) if m else ""


# ---------------------------------------------------------------------------------------------
# Rendering


@contextmanager
def _style(salt: str) -> Iterator[None]:
    with _LOCK, matplotlib.style.context(["default", {**_RC, "svg.hashsalt": salt}]):
        yield


def _finish(svg: str, title: str, salt: str) -> str:
    """The `<svg>` element alone, with a `<title>`, coordinates (path data, x and y of `<use>`)
    rounded to 0.01 pt, path data on one line, and glyph ids (matplotlib names them after the
    font: DejaVuSans-31) made as unique as its other ids, so that plots inlined on one page do
    not define the same id twice."""
    svg = svg[svg.index("<svg") :]
    tag = hashlib.sha256(salt.encode()).hexdigest()[:8]
    svg = _GLYPH_ID.sub(lambda m: f"{m[1]}g{tag}-{m[2]}", svg)
    head = svg.index(">") + 1
    svg = f"{svg[:head]}\n <title>{escape(title)}</title>{svg[head:]}"
    return _COORDINATES.sub(lambda m: f' {m[1]}="{_round_numbers(m[2])}"', svg)


def _round_numbers(data: str) -> str:
    def short(m: re.Match[str]) -> str:
        text = f"{float(m.group(0)):.2f}".rstrip("0").rstrip(".")
        return "0" if text == "-0" else text

    return " ".join(_NUMBER.sub(short, data).split())


def _render(
    build: Callable[[Figure], str], salt: str, size: tuple[float, float], fmt: str = "svg"
) -> Any:
    """Build a figure with `build` (which returns its description) and save it: SVG text, or
    PNG bytes for looking at it (`fmt="png"`)."""
    with _style(salt):
        fig = Figure(figsize=size, layout="constrained")
        title = build(fig)
        buf = io.BytesIO()
        if fmt == "png":
            fig.savefig(buf, format="png", dpi=100)
            return buf.getvalue()
        fig.savefig(buf, format="svg", metadata=_NO_METADATA)
    return _finish(buf.getvalue().decode("utf-8"), title, salt)


def _axes(fig: Figure, lo: float, hi: float) -> Axes:
    ax = fig.add_subplot()
    _frame(ax, lo, hi)
    return ax


def _frame(ax: Axes, lo: float, hi: float) -> None:
    ax.set_xlim(lo, hi)
    ax.set_xlabel("x")
    ax.set_ylabel("y")
    ax.axhline(0.0, color="#9a9a9a", lw=0.8, zorder=1.5)
    if lo < 0 < hi:
        ax.axvline(0.0, color="#9a9a9a", lw=0.8, zorder=1.5)


def _draw(
    ax: Axes,
    segs: list[Segment],
    *,
    colour: str,
    gid: str,
    label: str,
    lw: float = 2.0,
    ls: str = "-",
    z: float = 3.0,
) -> None:
    for i, (x, y) in enumerate(segs):
        ax.plot(
            x,
            y,
            color=colour,
            lw=lw,
            ls=ls,
            label=label if i == 0 else "_nolegend_",
            gid=f"{gid}-{i}",
            zorder=z,
            solid_capstyle="round",
            dash_capstyle="round",
        )


def _draw_breaks(
    ax: Axes, breaks: list[Break], *, colour: str, gid: str, lo: float, hi: float, z: float = 5.0
) -> None:
    """Closed dots at the values taken, open dots (above them) at the limits not taken."""
    for i, b in enumerate(bb for bb in breaks if lo < bb.at < hi):
        closed, opened = b.dots()
        if closed:
            ax.plot(
                [b.at] * len(closed),
                closed,
                ls="none",
                marker="o",
                ms=5.5,
                color=colour,
                gid=f"{gid}-closed-{i}",
                zorder=z,
                label="_nolegend_",
            )
        if opened:
            ax.plot(
                [b.at] * len(opened),
                opened,
                ls="none",
                marker="o",
                ms=5.5,
                mfc="white",
                mec=colour,
                mew=1.4,
                gid=f"{gid}-open-{i}",
                zorder=z + 0.5,
                label="_nolegend_",
            )


def _limits(curves: Iterable[list[Segment]], breaks: Iterable[Break] = ()) -> tuple[float, float]:
    """y-limits showing every curve and break, with a margin of 6 %."""
    ys = [y for segs in curves for _, y in segs]
    ys += [np.array([b.left, b.right, b.value]) for b in breaks]
    finite = np.concatenate([y[np.isfinite(y)] for y in ys]) if ys else np.empty(0)
    if finite.size == 0:
        return -1.0, 1.0
    lo, hi = float(finite.min()), float(finite.max())
    pad = 0.06 * (hi - lo) if hi > lo else max(1.0, abs(hi))
    return lo - pad, hi + pad


def _style_for(i: int) -> tuple[str, str]:
    return PALETTE[i % len(PALETTE)], LINESTYLES[(i // len(PALETTE)) % len(LINESTYLES)]


#: Characters of legend text (9 pt) that fit across one plot, and the width of a line sample and
#: the gap to the next column, in characters.
_LEGEND_WIDTH, _LEGEND_ENTRY = 84, 8


def _legend_above(ax: Axes) -> None:
    """The legend above the axes, in as many columns as fit the width (estimated from the
    labels' lengths), read row by row."""
    handles, labels = ax.get_legend_handles_labels()
    ncols = max(1, len(labels))
    while ncols > 1 and _legend_chars(labels, ncols) > _LEGEND_WIDTH:
        ncols -= 1
    order = _row_major(len(labels), ncols)
    ax.legend(
        [handles[i] for i in order],
        [labels[i] for i in order],
        loc="lower left",
        bbox_to_anchor=(0.0, 1.02),
        ncols=ncols,
        borderaxespad=0.0,
        columnspacing=1.6,
    )


def _row_major(n: int, ncols: int) -> list[int]:
    """The order to hand n entries to a legend of `ncols` columns so that they read row by row:
    matplotlib fills columns one after the other, the first n mod ncols one entry longer."""
    rows = -(-n // ncols)
    return [i * ncols + j for j in range(ncols) for i in range(rows) if i * ncols + j < n]


def _legend_chars(labels: list[str], ncols: int) -> int:
    """The legend's width in characters: each column as wide as its longest label."""
    columns: dict[int, list[str]] = {}
    for k, label in enumerate(labels):
        columns.setdefault(k % ncols, []).append(label)
    return sum(max(len(s) for s in c) + _LEGEND_ENTRY for c in columns.values())


# ---------------------------------------------------------------------------------------------
# The main plot: f and f′ with the facts drawn on them


def activation_svg(act: Activation, analysis: Analysis, *, build: Build = numpy_curve) -> str:
    """f and f′ of `act` on one axes, decorated from `analysis` (see the module's docstring)."""
    return str(_activation(act, analysis, build, "svg"))


def _activation(act: Activation, analysis: Analysis, build: Build, fmt: str) -> Any:
    f, df = build(act, 0).fn, build(act, 1).fn
    return _render(
        lambda fig: _build_activation(fig, act, analysis, f, df),
        f"symact-{act.name}-f",
        SIZE,
        fmt,
    )


def _build_activation(
    fig: Figure,
    act: Activation,
    analysis: Analysis,
    f: Callable[[Any], Any],
    df: Callable[[Any], Any],
) -> str:
    lo, hi = x_range(analysis)
    ax = _axes(fig, lo, hi)
    kinks = [p for p in (float(bp.at) for bp in _breakpoints(analysis)) if p is not None]
    minima = [a for a, b, _, _ in _intervals(analysis, "minimum_at", (lo, hi)) if a == b]
    f_breaks, d_breaks = fact_breaks(analysis, 0), fact_breaks(analysis, 1)
    f_segs = segments(f, lo, hi, f_breaks, extra=[*kinks, *minima])
    d_segs = segments(df, lo, hi, d_breaks, extra=kinks)
    ylo, yhi = _limits([f_segs, d_segs], [b for b in f_breaks + d_breaks if lo < b.at < hi])

    words = [
        f"{act.title}: f(x) (solid blue) and f′(x) (thin orange) for x from {_num(lo)} "
        f"to {_num(hi)}."
    ]
    _draw(ax, f_segs, colour=_F_COLOUR, gid="f", label="f(x)", lw=2.2)
    _draw(ax, d_segs, colour=_D_COLOUR, gid="fprime", label="f′(x)", lw=1.4, z=3.2)
    _draw_breaks(ax, d_breaks, colour=_D_COLOUR, gid="fprime", lo=lo, hi=hi, z=5.0)
    _draw_breaks(ax, f_breaks, colour=_F_COLOUR, gid="f", lo=lo, hi=hi, z=6.0)
    jumps = [b.at for b in f_breaks if lo < b.at < hi]
    if jumps:
        words.append(f"f jumps at x = {', '.join(_num(b) for b in jumps)}.")
    ylo = min(ylo, _mark_minima(fig, ax, analysis, lo, hi, ylo, yhi, words))
    ax.set_ylim(ylo, yhi)
    _asymptotes(ax, analysis, f, lo, hi, yhi - ylo, words)
    _saturation(ax, analysis, lo, hi, words)
    _legend_above(ax)
    return " ".join(words)


def _mark_minima(
    fig: Figure,
    ax: Axes,
    analysis: Analysis,
    lo: float,
    hi: float,
    ylo: float,
    yhi: float,
    words: list[str],
) -> float:
    """Mark where the minimum is attained; return the lower y-limit leaving room for labels."""
    m = _float(_value(analysis, "minimum"))
    if m is None or not math.isfinite(m):
        return ylo
    room = ylo
    marks = _intervals(analysis, "minimum_at", (lo, hi))
    # A periodic minimum (every c + kT) is a dot at each c + kT shown, labelled once.
    period = _period_of(analysis, "minimum_at")
    labelled = min(range(len(marks)), key=lambda j: abs(marks[j][0])) if period else None
    for i, (a, b, a_closed, b_closed) in enumerate(marks):
        va, vb = max(a, lo), min(b, hi)
        if va > vb:
            continue
        if a == b:
            ax.plot(
                [a],
                [m],
                ls="none",
                marker="o",
                ms=6,
                color="#222222",
                zorder=7,
                gid=f"minimum-{i}",
                label="_nolegend_",
            )
            text = f"min {_num(m)} at x = {_num(a)}"
            if period is not None:
                if i != labelled:
                    continue
                text += f" + {_num(period)}k"
            x = a
        else:
            below = offset_copy(ax.transData, fig=fig, y=-5.0, units="points")
            ends = [e for e in (a, b) if lo <= e <= hi]
            ax.plot(
                [va, vb],
                [m, m],
                lw=1.2,
                color="#222222",
                zorder=7,
                transform=below,
                gid=f"minimum-{i}",
                label="_nolegend_",
            )
            if ends:
                ax.plot(
                    ends,
                    [m] * len(ends),
                    ls="none",
                    marker="|",
                    ms=6,
                    mew=1.2,
                    color="#222222",
                    zorder=7,
                    transform=below,
                    label="_nolegend_",
                )
            text = f"min {_num(m)} for {_interval_text(a, b, a_closed, b_closed)}"
            x = (va + vb) / 2
        where = (x - lo) / (hi - lo)
        ha = "left" if where < 0.2 else "right" if where > 0.8 else "center"
        ax.annotate(
            text,
            (x, m),
            xytext=(0, -9 if a == b else -11),
            textcoords="offset points",
            ha=ha,
            va="top",
            fontsize=8,
            color="#222222",
            zorder=7,
            gid=f"minimum-label-{i}",
            bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
        )
        words.append(f"Minimum {text[4:]}.")
        room = min(room, m - 0.14 * (yhi - ylo))
    return room


def _asymptotes(
    ax: Axes,
    analysis: Analysis,
    f: Callable[[Any], Any],
    lo: float,
    hi: float,
    height: float,
    words: list[str],
) -> None:
    mid = 0.0 if lo < 0 < hi else (lo + hi) / 2
    labelled = False
    for side, (a, b) in (("-inf", (lo, mid)), ("+inf", (mid, hi))):
        line = _value(analysis, f"asymptote_{side}")
        if not isinstance(line, Asymptote):
            continue
        slope, intercept = _float(line.slope), _float(line.intercept)
        if (
            slope is None
            or intercept is None
            or not (math.isfinite(slope) and math.isfinite(intercept))
        ):
            continue
        if slope == 0 and intercept == 0:
            continue  # the zero line is drawn already
        x = np.linspace(a, b, 201)
        gap = np.abs(_call(f, x) - (slope * x + intercept))
        if np.all(np.isfinite(gap)) and float(gap.max()) < 0.01 * height:
            continue  # the curve is on the line all over its half
        ax.plot(
            [a, b],
            [slope * a + intercept, slope * b + intercept],
            color=_GREY,
            lw=1.0,
            ls=(0, (5, 3)),
            zorder=2.5,
            gid=f"asymptote-{'minus' if side == '-inf' else 'plus'}",
            label="_nolegend_" if labelled else "asymptote",
        )
        labelled = True
        where = "−∞" if side == "-inf" else "+∞"
        words.append(f"Dashed: asymptote y = {_line_text(slope, intercept)} as x → {where}.")


def _line_text(slope: float, intercept: float) -> str:
    parts = [] if slope == 0 else ["x" if slope == 1 else f"{_num(slope)}x"]
    if intercept != 0 or not parts:
        sign = "−" if intercept < 0 and parts else "+" if parts else ""
        parts.append(f"{sign} {_num(abs(intercept))}" if parts else _num(intercept))
    return " ".join(parts)


def _saturation(ax: Axes, analysis: Analysis, lo: float, hi: float, words: list[str]) -> None:
    a = _float(_value(analysis, "saturation_-inf"))
    b = _float(_value(analysis, "saturation_+inf"))
    if a is not None and b is not None and a >= b:
        return  # the tails meet: shading everything would contrast with nothing
    eps = _num(analysis.eps)
    label = f"|f′| < {eps}"
    for side, span in (("minus", (lo, a)), ("plus", (b, hi))):
        start, stop = span
        if start is None or stop is None or not start < stop:
            continue
        ax.axvspan(
            start,
            stop,
            color=_SHADE,
            alpha=0.16,
            lw=0,
            zorder=0.5,
            gid=f"saturation-{side}",
            label=label,
        )
        label = "_nolegend_"
        edge = _num(stop if side == "minus" else start)
        words.append(f"Shaded: |f′(x)| < {eps} for x {'<' if side == 'minus' else '>'} {edge}.")


# ---------------------------------------------------------------------------------------------
# Variants: f at other values of each parameter


def variant_values(p: Param) -> list[float]:
    """The values of `p` a variants plot draws, ascending: the default d with d/2 and 2d; or,
    where |d| < 1/10 (so small that halving and doubling it would draw three times the same
    curve), d with 1/2 and 1."""
    d = float(p.value)
    values = [d / 2, d, 2 * d] if abs(d) >= 0.1 else [d, 0.5, 1.0]
    return sorted(set(values))


def variants_svg(act: Activation, analysis: Analysis, *, build: Build = window_curve) -> str | None:
    """f at three values of each parameter (the others at their defaults), one panel per
    parameter; `None` when `act` has no parameters."""
    out = _variants(act, analysis, build, "svg")
    return None if out is None else str(out)


def _variants(act: Activation, analysis: Analysis, build: Build, fmt: str) -> Any:
    if not act.params:
        return None
    lo, hi = x_range(analysis)
    curves = {
        p.name: [
            (v, build(act, 0) if v == float(p.value) else build(act, 0, **{p.name: v}))
            for v in variant_values(p)
        ]
        for p in act.params
    }
    k = len(act.params)
    size = SIZE if k == 1 else (SIZE[0], 2.7 * k + 0.3)
    return _render(
        lambda fig: _build_variants(fig, act, curves, lo, hi),
        f"symact-{act.name}-variants",
        size,
        fmt,
    )


def _build_variants(
    fig: Figure,
    act: Activation,
    curves: dict[str, list[tuple[float, Curve]]],
    lo: float,
    hi: float,
) -> str:
    axes = fig.subplots(len(act.params), 1, squeeze=False).ravel()
    words = [f"{act.title}: f(x) for x from {_num(lo)} to {_num(hi)} at other parameter values."]
    for ax, p in zip(axes, act.params, strict=False):
        _frame(ax, lo, hi)
        name = param_label(p)
        drawn: list[list[Segment]] = []
        all_breaks: list[Break] = []
        for i, (v, curve) in enumerate(curves[p.name]):
            breaks = curve_breaks(curve, lo, hi)
            segs = segments(curve.fn, lo, hi, breaks, extra=[b.at for b in breaks])
            default = " (default)" if v == float(p.value) else ""
            colour, ls = _style_for(i)
            _draw(
                ax,
                segs,
                colour=colour,
                ls=ls,
                lw=1.8,
                gid=f"{p.name}-{i}",
                label=f"{name} = {_num(v)}{default}",
            )
            _draw_breaks(ax, breaks, colour=colour, gid=f"{p.name}-{i}", lo=lo, hi=hi)
            drawn.append(segs)
            all_breaks += breaks
        ax.set_ylim(*_limits(drawn, all_breaks))
        _legend_above(ax)
        others = [q for q in act.params if q is not p]
        rest = f", {', '.join(param_label(q) for q in others)} at the default" if others else ""
        values = ", ".join(_num(v) for v, _ in curves[p.name])
        words.append(f"{name} = {values}{rest}.")
    return " ".join(words)


# ---------------------------------------------------------------------------------------------
# Comparison: several activations on one axes


def compare_svg(
    acts: Sequence[Activation],
    n: Literal[0, 1] = 0,
    *,
    xlim: tuple[float, float] | None = None,
    build: Build = numpy_curve,
) -> str:
    """Several activations overlaid (n = 0: f, n = 1: f′), legend by name.

    The x-range is `xlim`, or else the smallest covering every activation's own
    [`x_range`][symact.plot.x_range] (which reads its analysis, cached on disk).
    """
    return str(_compare(acts, n, xlim, build, "svg"))


def _compare(
    acts: Sequence[Activation],
    n: int,
    xlim: tuple[float, float] | None,
    build: Build,
    fmt: str,
) -> Any:
    if not acts:
        raise ValueError("nothing to compare")
    if n not in (0, 1):
        raise ValueError(f"compare plots draw f (n=0) or f′ (n=1), not order {n}")
    if xlim is None:
        ranges = [x_range(analyse(a)) for a in acts]
        xlim = (min(r[0] for r in ranges), max(r[1] for r in ranges))
    fns = [(a, build(a, n)) for a in acts]
    names = "-".join(a.name for a in acts)
    return _render(
        lambda fig: _build_compare(fig, fns, n, xlim),
        f"symact-compare-{n}-{names}",
        SIZE,
        fmt,
    )


def _build_compare(
    fig: Figure,
    fns: list[tuple[Activation, Curve]],
    n: int,
    xlim: tuple[float, float],
) -> str:
    lo, hi = xlim
    ax = _axes(fig, lo, hi)
    drawn: list[list[Segment]] = []
    all_breaks: list[Break] = []
    for i, (act, curve) in enumerate(fns):
        breaks = curve_breaks(curve, lo, hi)
        segs = segments(curve.fn, lo, hi, breaks, extra=[b.at for b in breaks])
        colour, ls = _style_for(i)
        _draw(ax, segs, colour=colour, ls=ls, lw=1.8, gid=f"{act.name}", label=act.name)
        _draw_breaks(ax, breaks, colour=colour, gid=f"{act.name}", lo=lo, hi=hi)
        drawn.append(segs)
        all_breaks += breaks
    ax.set_ylim(*_limits(drawn, all_breaks))
    _legend_above(ax)
    what = "f(x)" if n == 0 else "f′(x)"
    listed = ", ".join(a.name for a, _ in fns)
    return f"{what} of {listed} for x from {_num(lo)} to {_num(hi)}."
