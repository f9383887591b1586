"""The derived facts of every catalogue entry, checked against independent numeric evidence.

The evidence (tests/evidence.py) never calls `symact.analysis`: the activation is evaluated from
its declared expression with mpmath at 40 digits, derivatives come from `mpmath.diff` or from
`sympy.diff` of the elementary expression, and the analysis' string forms are read by a whitelist
walker, not by SymPy. Breakpoint locations and orders of continuity are also written out by hand
below (`EXPECTED_BREAKS`), from the textbook definitions at the default parameters.

A fact the analysis gets wrong is listed in `KNOWN_WRONG` with the evidence; its test is marked
`xfail(strict=True)`, so it fails loudly once the analysis is fixed and the entry can go.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import mpmath as mp
import pytest
import sympy as sp
from evidence import (
    DERIVATIVE_POINTS,
    DPS,
    Fn,
    H,
    UndefinedError,
    close,
    finite,
    grid,
    mpf,
    read_sympy_str,
    value_of,
    zoom,
)
from hypothesis import example, given
from hypothesis import strategies as st

import symact
from symact.analysis import FACT_NAMES, Analysis, analyse_many
from symact.analysis._serial import analysis_json
from symact.functions import to_elementary

NAMES = symact.names()
ACTS = {n: symact.get(n) for n in NAMES}

#: Entries whose facts must all be determined.
CORE = (
    "sigmoid",
    "tanh",
    "relu",
    "leaky_relu",
    "elu",
    "selu",
    "softplus",
    "silu",
    "gelu",
    "mish",
    "hardswish",
    "hardsigmoid",
    "softsign",
)

#: Facts the analysis gets wrong, with the evidence: (entry, fact) → why. The tests covering
#: them are xfail(strict=True): fix the analysis, then delete the line. Facts are keyed by
#: their names; "saturation_±inf (ε = 0.05)" is the saturation fact of `analysis(eps=0.05)`.
KNOWN_WRONG: dict[tuple[str, str], str] = {}

#: Where each entry is not smooth at its default parameters, and the order of continuity there
#: (−1 jump, 0 kink, 1 = C¹ with a jump in f'', 2 …), worked out by hand from the definitions.
#: Entries not listed are smooth on ℝ (sinc's point at 0 is removable).
EXPECTED_BREAKS: dict[str, dict[str, int]] = {
    "hardtanh": {"-1": 0, "1": 0},
    "hardsigmoid": {"-3": 0, "3": 0},
    "sparse_sigmoid": {"-1": 0, "1": 0},
    "softsign": {"0": 1},  # x/(1−x) and x/(1+x): f'' = 2 and −2 at 0
    "sqnl": {"-2": 1, "0": 1, "2": 1},
    "penalized_tanh": {"0": 0},  # slopes 1/4 and 1
    "relu": {"0": 0},
    "leaky_relu": {"0": 0},
    "relu6": {"0": 0, "6": 0},
    "prelu": {"0": 0},
    "rrelu": {"0": 0},
    "threshold": {"1/1000000": -1},  # f jumps from 0 to 10⁻⁶
    "squared_relu": {"0": 1},
    "star_relu": {"0": 1},
    "plu": {"-1": 0, "1": 0},
    "abs": {"0": 0},
    "elu": {"0": 1},  # α = 1: f'(0±) = 1, f''(0−) = 1, f''(0+) = 0
    "celu": {"0": 1},
    "selu": {"0": 0},  # slopes λα and λ
    "pelu": {"0": 1},  # a = b = 1: the ELU again
    "isrlu": {"0": 2},  # x − x³/2 + … on the left: f''' = −3 and 0
    "sparse_plus": {"-1": 1, "1": 1},
    "hardswish": {"-3": 0, "3": 0},
    "elish": {"0": 1},  # f'' = 1/2 (xσ) and 1 ((eˣ−1)σ) at 0
    "hard_elish": {"-1": 0, "0": 1, "1": 0},
    "softshrink": {"-1/2": 0, "1/2": 0},
    "hardshrink": {"-1/2": -1, "1/2": -1},
    "binary_step": {"0": -1},
    "sign": {"0": -1},
    # entries added in session 13, worked out by hand the same way
    "smoothstep": {"-1/2": 1, "1/2": 1},  # −2x³ + 3x/2 + 1/2: f' = 0 at ±1/2, f'' = ±6
    "hard_sigmoid_affine": {"-5/2": 0, "5/2": 0},  # x/5 + 1/2 reaches 0 and 1
    "plse": {"-4": 0, "4": 0},  # slopes 1/100, 1/8, 1/100; values 0 and 1 match
    "elliott_sigmoid": {"0": 1},  # f'(0±) = 1/2, f''(0±) = ∓1
    "leaky_hardtanh": {"0": 0, "1": 0},
    "elliot2_sigmoid": {"0": 1},  # ±x²/(1 + x²): f'' = ±2 at 0
    # Theano's ultra-fast sigmoid: its pieces miss at ±3.4 (0.9444 against 0.9354) and, by
    # 4.5·10⁻¹⁶, at ±6; at 0, 1/2 + 3x/(4x + 8) and 1/2 + 3x/(8 − 4x): f'' = ∓3/8
    "ultra_fast_sigmoid": {"-6": -1, "-17/5": -1, "0": 1, "17/5": -1, "6": -1},
    "clipped_relu": {"0": 0, "20": 0},
    "srelu_jin2016": {"0": 0},  # t_r = 1 with a_r = 1 is no break at all
    "nlrelu": {"0": 0},
    "arelu": {"0": 0},
    "shifted_relu": {"-1": 0},
    "fpflu": {"0": 2},  # x/(1 + x²) = x − x³ + …: the third derivatives are −6 and 0
    "polyrelu": {"0": 0},
    "flexible_relu": {"0": 0},
    "rectified_tanh": {"0": 0},
    "qrelu": {"0": 0},
    "m_qrelu": {"0": 0},
    "capped_leaky_relu": {"0": 0, "1": 0},
    "shilu": {"0": 0},
    "mpelu": {"0": 1},
    "serlu": {"0": 0},  # slopes λα and λ
    "xielu": {"-1/1000000": 0, "0": -1},  # 0.8·expm1(ε) ≈ −8·10⁻⁷ left of 0, 0 right
    "elu_plus_one": {"0": 1},
    "delu_pishchik": {"0": 0},  # f'(0−) = σ(0) = 1/2, f'(0+) = 1/2 + 1
    "smelu": {"-2": 1, "2": 1},  # (x + 2)²/8: f'' = 1/4 against 0
    "hard_mish": {"-2": 0, "0": 1},  # x(x + 2)/2: f' = −1 at −2; f'' = 1 against 0 at 0
    "flatten_t_swish": {"0": 0},
    "lalu": {"0": 2},  # f'' = 1 either side; the third derivatives are −3/2 and 3/2
    "melu": {"0": 0},
    "hard_swish_affine": {"-5/2": 0, "5/2": 0},
    # the clipped polynomial is flat where |x|/√2 reaches 1.769 (f'' jumps); at 0 its sign flips
    "i_gelu": {"-1769*sqrt(2)/1000": 1, "0": 0, "1769*sqrt(2)/1000": 1},
    "shrink": {"-1/2": -1, "1/2": -1},
    "finer": {"0": 1},  # 30x(|x| + 1): x|x| has f'' = ±2
    "symlog": {"0": 1},  # f'' = ∓1
    "symexp": {"0": 1},  # f'' = ±1
    "laplacian_rbf": {"0": 0},
    "hyper_sinh": {"0": 0},  # f'(0+) = 1/3, f'(0−) = 0
    "m_arcsinh": {"0": 1},  # ~ x·√|x|/12: f' → 0, f'' unbounded
    "thin_plate_spline": {"0": 1},  # x²·ln|x|: f' = 2x·ln|x| + x → 0, f'' = 2·ln|x| + 3 → −∞
    "ada": {"0": 0},
    # rows 2a of shared/candidates.md, worked out by hand the same way
    "tent": {"-1": 0, "0": 0, "1": 0},  # max(0, 1 − |x|): slopes 0, 1, −1, 0
    "hat": {"0": 0, "1": 0, "2": 0},  # max(0, min(x, 2 − x)): slopes 0, 1, −1, 0
    "repu": {"0": 1},  # s = 2: max(0, x)², as squared_relu
    "pilu": {"0": 0},  # a = 1, b = 1/100, c = 0: the leaky ReLU
    "dual_line": {"0": 0},  # slopes 1/100 and 1, both −0.22 at 0
    "reu": {"0": 1},  # x·eˣ: f' = (1 + x)eˣ → 1, f'' = (2 + x)eˣ → 2 against 0
    "preu": {"0": 1},  # a = b = 1: REU
    "ptelu": {"0": 2},  # tanh x = x − x³/3 + …: the third derivatives are −2 and 0
    "slu": {"0": 1},  # 2·ln((eˣ + 1)/2): f' → 1, f'' = 2eˣ/(eˣ + 1)² → 1/2 against 0
    "sqlu": {"-2": 1, "0": 1},  # x + x²/4: f' = 0 at −2 and 1 at 0, f'' = 1/2 against 0
    "rsigelu": {"0": 0, "1": -1},  # α = 1/2: f'(0−) = 1/2; at 1 a jump of σ(1)/2
    "squish": {"-2": 0, "0": 1},  # x + x²/2 has f' = −1 at −2 against 0; f'' = 1 and 1/16 at 0
    "suish": {"0": 1},  # x·eˣ below 0, x above (as reu): f' = 1 both sides, f'' = 2 against 0
    "erfrelu": {"0": 0},  # a = 1: erf'(0) = 2/√π against 1
    "signed_sqrt": {"0": 0},  # continuous, the tangent vertical: |f'| → ∞ both sides
    # session 17, helper C, worked out by hand the same way
    "displaced_relu": {"-1/20": 0},  # δ = 1/20: slopes 0 and 1, both −1/20 at −1/20
    "hexpo": {"0": 1},  # 1 − e^(−x) and eˣ − 1: f' = 1 both sides, f'' = −1 against 1
}

#: Relative tolerance for comparing a reported float with 40-digit evidence, by provenance.
TOL = {"exact": 1e-12, "numeric": 1e-7}


# --- fixtures and helpers ---------------------------------------------------------------------


@dataclass(frozen=True)
class JsonFact:
    """A fact as the documented JSON format has it: these tests check that format (what users
    and other tools read) against the evidence."""

    value: Any
    exact: str | None
    how: str
    note: str


class Facts(dict[str, JsonFact]):
    """An analysis' facts in the JSON format, by name, with its ε and derivatives."""

    def __init__(self, an: Analysis) -> None:
        super().__init__(
            (n, JsonFact(d["value"], d["exact"], d["how"], d["note"]))
            for n, d in analysis_json(an).items()
        )
        self.eps = an.eps
        self.derivatives = an.derivatives


def as_json(an: Analysis) -> Facts:
    return Facts(an)


@pytest.fixture(scope="module", autouse=True)
def _precision() -> Iterator[None]:
    """All mpmath arithmetic in these tests at DPS digits (b − 1e-20 must not round to b)."""
    with mp.workdps(DPS):
        yield


class _Analyses(dict[str, "Facts"]):
    """Entries' analyses by name, each made (or read from the disk cache) when a test first
    asks for it: the test run splits this file by entry (conftest), and each pytest worker
    analyses only the entries of its tests. `everything()` analyses the rest in two processes."""

    def __init__(self, eps: float) -> None:
        super().__init__()
        self.eps = eps

    def __missing__(self, name: str) -> Facts:
        self[name] = as_json(symact.analyse(ACTS[name], eps=self.eps))
        return self[name]

    def everything(self) -> _Analyses:
        todo = [ACTS[n] for n in NAMES if n not in self]
        for a in analyse_many(todo, eps=self.eps, jobs=2):
            self[a.name] = as_json(a)
        return self


@pytest.fixture(scope="session")
def analyses() -> _Analyses:
    """Every entry's analysis, on demand (the disk cache makes reruns instant)."""
    return _Analyses(0.01)


@pytest.fixture(scope="session")
def analyses_05() -> _Analyses:
    """Every entry analysed with the saturation slope ε = 0.05, on demand."""
    return _Analyses(0.05)


def entries(*facts: str) -> pytest.MarkDecorator:
    """Parametrize over the catalogue; an entry whose covered fact is in KNOWN_WRONG is xfail."""
    params = []
    for n in NAMES:
        wrong = [KNOWN_WRONG[(n, f)] for f in facts if (n, f) in KNOWN_WRONG]
        marks = [pytest.mark.xfail(strict=True, reason="; ".join(wrong))] if wrong else []
        params.append(pytest.param(n, id=n, marks=marks))
    return pytest.mark.parametrize("name", params)


@functools.cache
def fn(name: str) -> Fn:
    return Fn(ACTS[name])


@functools.cache
def expected_breaks(name: str) -> dict[mp.mpf, int]:
    with mp.workdps(DPS):
        # the keys are this file's own literals (a fraction, or √2 times one)
        return {
            mp.mpf(sp.N(sp.sympify(k, rational=True), DPS)): v
            for k, v in EXPECTED_BREAKS.get(name, {}).items()
        }


def reported_breaks(a: Facts) -> list[mp.mpf]:
    bps = a["breakpoints"].value or []
    return [point(p) for p in bps]


def point(bp: dict[str, Any]) -> mp.mpf:
    """A breakpoint's location, from its exact form when there is one."""
    return value_of(bp["exact"]) if bp.get("exact") else mpf(bp["at"])


def breaks(name: str, a: Facts) -> list[mp.mpf]:
    return [*expected_breaks(name), *reported_breaks(a)]


@functools.cache
def _df_raw(name: str) -> Callable[[Any], Any]:
    """f' by sympy.diff of the elementary expression (Max, Min, Abs as Piecewise), lambdified."""
    act = ACTS[name]
    e = to_elementary(act.at()).rewrite(sp.Piecewise)
    return sp.lambdify(act.x, sp.diff(e, act.x), modules="mpmath")


def df(name: str, v: object) -> mp.mpf:
    """f'(v) from the symbolic derivative, to 40 digits (accurate far out in the tails, where
    finite differences lose every digit). Its terms may cancel in proportion to |v| (x·g(x) −
    x·g(x)² in EANAF's, each 1e12 at x = 1e12): it is evaluated with as many more digits."""
    with mp.workdps(DPS):
        x = mp.mpf(v)  # type: ignore[arg-type]
    extra = max(0, int(mp.log10(abs(x)))) if x else 0
    with mp.workdps(DPS + extra):
        r = _df_raw(name)(x)
        if isinstance(r, mp.mpc):
            r = r.real
        r = mp.mpf(r)
    with mp.workdps(DPS):
        return +r


@dataclass(frozen=True)
class Samples:
    """Sample points and values of f (and of f' away from breakpoints)."""

    xs: tuple[mp.mpf, ...]  # every point, breakpoints and b ± 1e-9 included
    fx: tuple[mp.mpf, ...]
    dxs: tuple[mp.mpf, ...]  # points at least 1e-3 from every breakpoint
    dfx: tuple[mp.mpf, ...]


_SAMPLES: dict[str, Samples] = {}


def samples(name: str, a: Facts) -> Samples:
    if name not in _SAMPLES:
        bs = breaks(name, a)
        away = grid(bs, reach=fn(name).reach)
        with mp.workdps(DPS):
            near = [b + d for b in bs for d in (-mp.mpf("1e-9"), 0, mp.mpf("1e-9"))]
        xs = tuple(sorted(set(away) | set(near)))
        f = fn(name)
        _SAMPLES[name] = Samples(
            xs, tuple(f.f(p) for p in xs), tuple(away), tuple(df(name, p) for p in away)
        )
    return _SAMPLES[name]


def determined(a: Facts, *facts: str) -> None:
    """Skip the test when one of the facts is undetermined (its note is checked elsewhere)."""
    for k in facts:
        if a[k].how == "undetermined":
            pytest.skip(f"{k} is undetermined: {a[k].note}")


def tol(a: Facts, fact: str) -> float:
    return TOL["exact" if a[fact].how == "exact" else "numeric"]


def number(a: Facts, fact: str) -> mp.mpf:
    """A fact's value as an mpf, from its exact form when there is one."""
    f = a[fact]
    if f.how == "exact" and f.exact is not None and f.value not in ("inf", "-inf"):
        return value_of(f.exact)
    return mpf(f.value)


def intervals(value: list[dict[str, Any]]) -> Iterator[tuple[mp.mpf, mp.mpf, bool, bool]]:
    for iv in value:
        yield mpf(iv["lo"]), mpf(iv["hi"]), iv["lo_closed"], iv["hi_closed"]


def points_in(value: list[dict[str, Any]]) -> list[mp.mpf]:
    """A few points of each reported interval: closed finite ends, the middle, or ±1 from a
    finite end of a half-line."""
    out: list[mp.mpf] = []
    for iv, (lo, hi, lc, hc) in zip(value, intervals(value), strict=True):
        if iv.get("period") is not None:  # c + kT: a few members of the family
            out += [lo + k * mpf(iv["period"]) for k in (-3, -1, 0, 1, 2)]
            continue
        if lo == hi:
            out.append(lo)
            continue
        if lc and mp.isfinite(lo):
            out.append(lo)
        if hc and mp.isfinite(hi):
            out.append(hi)
        if mp.isfinite(lo) and mp.isfinite(hi):
            out.append((lo + hi) / 2)
        elif mp.isfinite(lo):
            out += [lo + mp.mpf("0.37"), lo + 7]
        elif mp.isfinite(hi):
            out += [hi - mp.mpf("0.37"), hi - 7]
        else:
            out += [mp.mpf("0.37"), mp.mpf(-7)]
    return out


def near_any(p: mp.mpf, bs: Sequence[mp.mpf], gap: float = 1e-3) -> bool:
    return any(abs(p - b) < gap for b in bs)


# --- well-formedness and coverage -------------------------------------------------------------


@entries()
def test_every_fact_is_reported_with_provenance(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    assert list(a) == list(FACT_NAMES)
    assert set(a.derivatives) == {1, 2, 3}
    for k, f in a.items():
        assert f.how in ("exact", "numeric", "undetermined"), k
        if f.how == "undetermined":
            assert f.value is None and f.note.strip(), k
    silent = [k for k, f in a.items() if f.how == "numeric" and not f.note.strip()]
    assert not silent, f"numeric facts that do not name their method: {silent}"


@pytest.mark.parametrize("name", CORE)
def test_core_entries_have_every_fact_determined(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    missing = {k: f.note for k, f in a.items() if f.how == "undetermined"}
    assert not missing


def test_at_most_5_percent_of_facts_are_undetermined(analyses: _Analyses) -> None:
    analyses.everything()
    pairs = [(n, k) for n in NAMES for k in FACT_NAMES]
    und = [(n, k) for n, k in pairs if analyses[n][k].how == "undetermined"]
    assert len(und) <= 0.05 * len(pairs), und


@entries()
def test_exact_forms_agree_with_values(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    for k in (
        "value_at_0",
        "derivative_at_0",
        "limit_-inf",
        "limit_+inf",
        "derivative_limit_-inf",
        "derivative_limit_+inf",
        "minimum",
        "maximum",
        "lipschitz",
        "saturation_-inf",
        "saturation_+inf",
    ):
        f = a[k]
        if f.how != "exact" or f.value is None:
            continue
        assert f.exact is not None, k
        v = value_of(f.exact)
        assert close(v, f.value, 1e-14), f"{k}: {f.exact} = {v} but value {f.value}"


# --- derivatives ----------------------------------------------------------------------------------


def derivative_points(name: str, a: Facts) -> list[mp.mpf]:
    bs = breaks(name, a)
    pts = [mpf(p) for p in DERIVATIVE_POINTS]
    return [p for p in pts if not near_any(p, bs)]


@pytest.mark.parametrize("n", [1, 2, 3])
@entries()
def test_reported_derivatives_match_numeric_differentiation(
    name: str, n: int, analyses: dict[str, Facts]
) -> None:
    a = analyses[name]
    g = read_sympy_str(a.derivatives[n])
    f = fn(name)
    for p in derivative_points(name, a):
        want = f.d(p, n)
        got = g(p)
        assert close(got, want, 1e-12), f"f^({n})({p}): reported {got}, numeric {want}"


@entries("breakpoints")
def test_reported_derivatives_at_breakpoints(name: str, analyses: dict[str, Facts]) -> None:
    # f^(n) is defined at a breakpoint exactly when f is Cⁿ there (checked numerically), and
    # then equals the numeric derivative; elsewhere the reported form is undefined (nan).
    a = analyses[name]
    determined(a, "breakpoints")
    f = fn(name)
    for bp in a["breakpoints"].value:
        b = point(bp)
        order = numeric_order(f, b, 3)
        for n in (1, 2, 3):
            g = read_sympy_str(a.derivatives[n])
            if n <= order:
                assert close(g(b), f.d(b, n), 1e-12), f"f^({n})({b})"
            else:
                with pytest.raises(UndefinedError):
                    g(b)


@pytest.mark.parametrize("n", [1, 2, 3])
@entries()
def test_derivative_method_matches_numeric_differentiation(
    name: str, n: int, analyses: dict[str, Facts]
) -> None:
    act = ACTS[name]
    d = sp.lambdify(act.x, to_elementary(symact.derivative(act, n, at_defaults=True)), "mpmath")
    f = fn(name)
    for p in derivative_points(name, analyses[name]):
        with mp.workdps(DPS):
            got = mp.mpf(d(p))
        want = f.d(p, n)
        assert close(got, want, 1e-12), f"f^({n})({p}): derivative() {got}, numeric {want}"


@entries()
def test_symbolic_derivative_at_defaults_matches(name: str, analyses: dict[str, Facts]) -> None:
    act = ACTS[name]
    sym = symact.derivative(act, 1).subs({act.symbols[k]: v for k, v in act.defaults.items()})
    d = sp.lambdify(act.x, to_elementary(sym), "mpmath")
    f = fn(name)
    for p in derivative_points(name, analyses[name]):
        with mp.workdps(DPS):
            got = mp.mpf(d(p))
        assert close(got, f.d(p), 1e-12), f"f'({p}) with symbolic parameters: {got}"


@entries()
def test_symbolic_derivative_evidence_agrees_with_finite_differences(
    name: str, analyses: dict[str, Facts]
) -> None:
    # The tests below use `df` (sympy.diff, lambdified) for f' far out; check it against mpmath.
    f = fn(name)
    for p in derivative_points(name, analyses[name]):
        assert close(df(name, p), f.d(p), 1e-20)


# --- values at 0 ----------------------------------------------------------------------------------


@entries("value_at_0")
def test_value_at_0(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "value_at_0")
    assert close(number(a, "value_at_0"), fn(name).f(0), tol(a, "value_at_0"))


@entries("derivative_at_0")
def test_derivative_at_0(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "derivative_at_0")
    f = fn(name)
    with mp.workdps(DPS):
        left, left_100 = ((f.f(0) - f.f(-h)) / h for h in (H, 100 * H))
        right, right_100 = ((f.f(h) - f.f(0)) / h for h in (H, 100 * H))
    # The quotients settle as the step shrinks 100-fold unless the tangent is vertical
    # (sign(x)·√|x|: both sides 1/√h, equal but growing).
    settles = close(left, left_100, 1e-6) and close(right, right_100, 1e-6)
    differentiable = settles and close(left, right, 1e-12)
    if a["derivative_at_0"].value is None:
        assert not differentiable, f"f'(0−) = {left} = f'(0+) = {right}, settled: f' exists at 0"
    else:
        assert differentiable, f"f'(0−) = {left}, f'(0+) = {right}"
        assert close(number(a, "derivative_at_0"), f.d(0), tol(a, "derivative_at_0"))


# --- limits and asymptotes ------------------------------------------------------------------------


#: Where a slowly growing f (a logarithm: ln 10¹² ≈ 28) is seen to pass `big` after all.
BEYOND = mp.mpf(10) ** (10**7)


def _beyond(name: str, side: int) -> mp.mpf:
    """f at side·10^(10⁷) (ln of it is 2.3·10⁷), for an f whose growth no power of ten up to
    10¹² shows; not for a nested exponential (its value there would have 10^(10⁷) digits)."""
    f = fn(name)
    if f.reach < 10**12:
        return mp.mpf(0)
    return f.f(side * BEYOND)


def _check_limit(
    values: Sequence[mp.mpf],
    patch: Sequence[mp.mpf],
    fact: JsonFact,
    target: object,
    big: int,
    beyond: Callable[[], mp.mpf] = lambda: mp.mpf(0),
) -> None:
    """Values at |x| = far[0] < far[1] < far[2] against a reported limit `target` ("inf",
    "-inf" or a number); `patch` holds values on [far[1], far[1] + 7], which must spread
    where the fact says there is no limit (value null, provenance not undetermined);
    `beyond()` is f much further out, for a growth too slow to pass `big` by far[2]."""
    if fact.value is None:
        spread = max(patch) - min(patch)
        assert spread > 1e-3, f"no limit reported, but f settles: {values}"
        return
    if target in ("inf", "-inf"):
        sgn = 1 if target == "inf" else -1
        assert sgn * values[-1] > big or sgn * beyond() > big, f"{values} do not grow to {target}"
        assert all(sgn * q >= sgn * p for p, q in itertools.pairwise(values)), (
            f"{values} do not grow steadily to {target}"
        )
        return
    rel = TOL["exact" if fact.how == "exact" else "numeric"]
    t = mpf(target)
    dist = [abs(v - t) for v in values]
    assert dist[-1] <= max(rel, 1e-9) * (1 + abs(t)), f"{values} vs {target}"
    assert dist[-1] <= dist[0] + 1e-30, f"{values} move away from {target}"


def _limit_target(a: Facts, k: str) -> object:
    v = a[k].value
    return v if v in ("inf", "-inf", None) else number(a, k)


@pytest.mark.parametrize("side", [-1, 1], ids=["-inf", "+inf"])
@entries("limit_-inf", "limit_+inf")
def test_limit_of_f(name: str, side: int, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    k = "limit_-inf" if side < 0 else "limit_+inf"
    determined(a, k)
    f = fn(name)
    values = [f.f(side * p) for p in f.far]
    patch = [f.f(side * (mpf(f.far[1]) + mp.mpf(j) / 4)) for j in range(29)]
    big = min(10**6, f.reach // 10)
    _check_limit(values, patch, a[k], _limit_target(a, k), big, lambda: _beyond(name, side))


@pytest.mark.parametrize("side", [-1, 1], ids=["-inf", "+inf"])
@entries("derivative_limit_-inf", "derivative_limit_+inf")
def test_limit_of_derivative(name: str, side: int, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    k = "derivative_limit_-inf" if side < 0 else "derivative_limit_+inf"
    determined(a, k)
    f = fn(name)
    values = [df(name, side * p) for p in f.far]
    patch = [df(name, side * (mpf(f.far[1]) + mp.mpf(j) / 4)) for j in range(29)]
    _check_limit(values, patch, a[k], _limit_target(a, k), min(10**6, f.reach // 10))


@pytest.mark.parametrize("side", [-1, 1], ids=["-inf", "+inf"])
@entries("asymptote_-inf", "asymptote_+inf")
def test_asymptote(name: str, side: int, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    k = "asymptote_-inf" if side < 0 else "asymptote_+inf"
    lim = "limit_-inf" if side < 0 else "limit_+inf"
    determined(a, k)
    f = fn(name)
    fact = a[k]
    far = f.far
    if fact.value is None:
        # No asymptote: the line through f at x₁ and x₁ + 1 (x₁ = ±1e12) misses f further in.
        assert a[lim].how == "undetermined" or a[lim].value in ("inf", "-inf", None), (
            f"f → {a[lim].value} but no asymptote"
        )
        x1 = side * mpf(far[-1])
        slope = (f.f(x1 + side) - f.f(x1)) * side
        intercept = f.f(x1) - slope * x1
        xs = [side * (mpf(far[1]) + mp.mpf(j) / 4) for j in range(29)]
        misses = max(abs(f.f(p) - (slope * p + intercept)) for p in xs)
        assert misses > 1e-3, f"f approaches y = {slope}·x + {intercept}: an asymptote"
        return
    if fact.exact is not None:
        slope, intercept = value_of(fact.exact)
        rel, per_x = 1e-9, 1e-30
    else:
        slope, intercept = mpf(fact.value["slope"]), mpf(fact.value["intercept"])
        rel, per_x = 1e-6, 1e-15
    res = []
    for p in far:
        xv = side * mpf(p)
        res.append(abs(f.f(xv) - (slope * xv + intercept)))
    assert res[-1] <= rel * (1 + abs(intercept)) + per_x * far[-1], f"residuals {res}"
    assert res[-1] <= res[0] + 1e-12, f"residuals {res} do not shrink"


# --- range, bounds, extrema -----------------------------------------------------------------------


def _extreme(name: str, a: Facts, sign: int) -> mp.mpf:
    """The most extreme sampled value (sign = +1: largest), refined by zooming in."""
    s = samples(name, a)
    vals = [sign * v for v in s.fx]
    i = max(range(len(vals)), key=vals.__getitem__)
    best = s.fx[i]
    if abs(s.xs[i]) <= 60:
        _, v = zoom(lambda p: fn(name).f(p), s.xs, i, sign)
        if sign * (v - best) > 0:
            best = v
    return best


@entries("range", "bounded_below", "bounded_above")
def test_range_contains_every_sample_and_is_approached(
    name: str, analyses: dict[str, Facts]
) -> None:
    a = analyses[name]
    determined(a, "range")
    ivs = list(intervals(a["range"].value))
    rel = tol(a, "range")
    s = samples(name, a)

    def inside(v: mp.mpf) -> bool:
        return any(
            lo - rel * (1 + abs(lo)) <= v <= hi + rel * (1 + abs(hi)) for lo, hi, _, _ in ivs
        )

    outside = [(x, v) for x, v in zip(s.xs, s.fx, strict=True) if not inside(v)]
    assert not outside, f"f(x) outside the reported range at {outside[:3]}"
    # Every reported piece is reached (a point piece exactly, up to the tolerance).
    for lo, hi, _, _ in ivs:
        assert any(lo - 1e-6 * (1 + abs(lo)) <= v <= hi + 1e-6 * (1 + abs(hi)) for v in s.fx), (
            f"no sample in [{lo}, {hi}]"
        )
    inf, sup = min(lo for lo, *_ in ivs), max(hi for _, hi, *_ in ivs)
    for bound, sign in ((inf, -1), (sup, 1)):
        best = _extreme(name, a, sign)
        if mp.isinf(bound):
            big = min(10**6, fn(name).reach // 10)
            assert sign * best > big or any(sign * _beyond(name, s) > big for s in (-1, 1)), (
                f"sampled extreme {best}, reported unbounded"
            )
        else:
            assert abs(best - bound) <= max(rel, 1e-6) * (1 + abs(bound)), (
                f"sampled extreme {best}, reported bound {bound}"
            )
    if a["bounded_below"].how != "undetermined":
        assert a["bounded_below"].value == bool(mp.isfinite(inf))
    if a["bounded_above"].how != "undetermined":
        assert a["bounded_above"].value == bool(mp.isfinite(sup))


def in_set(p: mp.mpf, value: list[dict[str, Any]], gap: float = 1e-4) -> bool:
    """Whether p is in one of the intervals, or in a family c + kT (a point with a period)."""
    for iv, (lo, hi, _, _) in zip(value, intervals(value), strict=True):
        if iv.get("period") is not None:
            t = mpf(iv["period"])
            off = (p - lo) / t
            if abs(off - mp.nint(off)) * t <= gap:
                return True
        elif lo - gap <= p <= hi + gap:
            return True
    return False


def _attained_outside(
    g: Callable[[mp.mpf], mp.mpf],
    xs: Sequence[mp.mpf],
    vs: Sequence[mp.mpf],
    target: mp.mpf,
    where: list[dict[str, Any]],
    sign: int,
    kinks: Sequence[mp.mpf] = (),
) -> list[mp.mpf]:
    """Points where g reaches `target` (its sup for sign = +1, inf for −1) that are not in
    `where`: samples equal to it, and local extremes of the samples (|x| ≤ 50) refined by
    zooming in until they equal it to 1e-9, except where the zoom closes in on one of `kinks`
    (g = |f'| tends to a one-sided limit there, which f' does not take)."""
    out = []
    near = 0.05 * (1 + abs(target))
    for i, (p, v) in enumerate(zip(xs, vs, strict=True)):
        if abs(v - target) <= mp.mpf(10) ** -25 * (1 + abs(target)):
            if not in_set(p, where):
                out.append(p)
            continue
        if abs(p) > 50 or i == 0 or i + 1 == len(xs) or abs(v - target) > near:
            continue
        if sign * (v - vs[i - 1]) >= 0 and sign * (v - vs[i + 1]) >= 0:
            q, w = zoom(g, xs, i, sign, rounds=8)
            reached = abs(w - target) <= 1e-9 * (1 + abs(target))
            if reached and not in_set(q, where) and not near_any(q, kinks, 1e-6):
                out.append(q)
    return out


@pytest.mark.parametrize("kind", ["minimum", "maximum"])
@entries("minimum", "minimum_at", "maximum", "maximum_at")
def test_extremum(name: str, kind: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, kind, kind + "_at", "range")
    ivs = list(intervals(a["range"].value))
    f = fn(name)
    if kind == "minimum":
        bound, closed = min((lo, lc) for lo, _, lc, _ in ivs)
    else:
        bound, closed = max((hi, hc) for _, hi, _, hc in ivs)
    if a[kind].value is None:
        assert a[kind + "_at"].value is None
        assert mp.isinf(bound) or not closed, f"the range is closed at {bound}, but no {kind}"
        if mp.isfinite(bound):
            # Not attained: no sample reaches the bound (|x| ≤ 3, where 40 digits resolve the
            # approach of tanh, erf and the rest to their bounds).
            s = samples(name, a)
            hit = [x for x, v in zip(s.xs, s.fx, strict=True) if abs(x) <= 3 and v == bound]
            assert not hit, f"f = {bound} at {hit[:3]}: the {kind} is attained"
        return
    m = number(a, kind)
    rel = tol(a, kind)
    assert close(m, bound, rel), f"{kind} {m} is not the range's end {bound}"
    assert closed
    where = points_in(a[kind + "_at"].value)
    assert where
    for p in where:
        assert close(f.f(p), m, max(rel, tol(a, kind + "_at"))), f"f({p}) = {f.f(p)} ≠ {m}"
    sign = -1 if kind == "minimum" else 1
    s = samples(name, a)
    pairs = zip(s.xs, s.fx, strict=True)
    beyond = [(x, v) for x, v in pairs if sign * (v - m) > rel * (1 + abs(m))]
    assert not beyond, f"samples beyond the {kind}: {beyond[:3]}"
    missed = _attained_outside(f.f, s.xs, s.fx, m, a[kind + "_at"].value, sign)
    assert not missed, f"f = {m} also at {missed[:3]}, not in {kind}_at"


# --- monotonicity ---------------------------------------------------------------------------------


def _check_monotonic(
    kind: str, xs: Sequence[mp.mpf], vs: Sequence[mp.mpf], flat: Callable[[mp.mpf], bool]
) -> None:
    """`kind` against values vs at sorted points xs; `flat(x)` says whether the function is
    exactly constant near x (a witness for non-decreasing / non-increasing / constant)."""
    steps = [(p, q, v, w) for p, q, v, w in zip(xs, xs[1:], vs, vs[1:], strict=False) if p != q]

    def slack(v: mp.mpf) -> mp.mpf:
        return mp.mpf(10) ** (-30) * (1 + abs(v))

    ups = [(p, q) for p, q, v, w in steps if w - v > slack(v)]
    downs = [(p, q) for p, q, v, w in steps if v - w > slack(v)]
    if kind == "not monotonic":
        assert ups and downs, f"no witness: rises {ups[:1]}, falls {downs[:1]}"
        return
    if kind == "constant":
        assert not ups and not downs
        return
    up = kind in ("increasing", "non-decreasing")
    wrong = downs if up else ups
    assert not wrong, f"{kind}, but it {'falls' if up else 'rises'} on {wrong[:3]}"
    # Flat stretches are looked for where 40 digits still resolve f' (tanh' = 1 − tanh² would
    # round to 0 far out): every constant piece of the catalogue lies within |x| ≤ 20.
    inner = [(p, q) for p, q, v, w in steps if abs(p) <= 20 and abs(q) <= 20]
    flats = [(p, q) for p, q in inner if flat((p + q) / 2)]
    if kind in ("increasing", "decreasing"):
        assert not flats, f"{kind}, but constant on {flats[:3]}"
    else:
        assert flats, f"{kind}, but no interval where it is constant"


@entries("monotonic")
def test_monotonic(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "monotonic")
    s = samples(name, a)
    bs = breaks(name, a)

    def flat(p: mp.mpf) -> bool:
        return not near_any(p, bs, 1e-6) and df(name, p) == 0

    _check_monotonic(a["monotonic"].value, s.xs, s.fx, flat)


@entries("derivative_monotonic")
def test_derivative_monotonic(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "derivative_monotonic")
    s = samples(name, a)
    f = fn(name)
    # f' at the samples, and its one-sided limits at each breakpoint where f is continuous
    # (at a jump f' is undefined and the one-sided slopes are those of the pieces).
    pts = list(zip(s.dxs, s.dfx, strict=True))
    bs = breaks(name, a)
    for b in sorted(set(bs)):
        pts += [(b - H, f.d(b - H)), (b + H, f.d(b + H))]
    pts.sort(key=lambda t: t[0])
    xs, vs = [p for p, _ in pts], [v for _, v in pts]

    def flat(p: mp.mpf) -> bool:
        if near_any(p, bs, 1e-6):
            return False
        with mp.workdps(DPS):
            return bool(abs(f.d(p, 2)) < mp.mpf(10) ** -25)

    _check_monotonic(a["derivative_monotonic"].value, xs, vs, flat)


# --- parity, identity, zero-centred ---------------------------------------------------------------


@entries("parity")
def test_parity(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "parity")
    f = fn(name)
    # 0 included: an odd function vanishes there (sign(0) = 1 makes `sign` neither).
    pts = [mp.mpf(0), *[p for p in samples(name, a).xs if 0 < p <= 50][::3]]
    pairs = [(p, f.f(p), f.f(-p)) for p in pts]
    even = all(close(u, v, 1e-25) for _, v, u in pairs)
    odd = all(close(u, -v, 1e-25) for _, v, u in pairs)
    want = "even" if even else "odd" if odd else "neither"
    assert a["parity"].value == want


@pytest.mark.parametrize(
    ("formula", "want"),
    [("x^(x^x)", "neither"), ("sqrt(x)", "neither"), ("log(x)", "neither"), ("x*tanh(x)", "even")],
)
def test_parity_of_a_function_real_on_one_side_only(formula: str, want: str) -> None:
    """Points where f is not real on either side are skipped; a point where it is real on one
    side only shows a domain that is not symmetric, so f is neither even nor odd (x^(x^x) was
    called even from f(0) alone)."""
    from symact.analysis._rules import _parity

    f = symact.from_formula("f", formula)
    p = mp.mpf(1) / 7
    with mp.workdps(30):  # independent evidence: mpmath's own principal branch at ±1/7
        g = {"x^(x^x)": lambda t: t ** (t**t), "sqrt(x)": mp.sqrt, "log(x)": mp.log}.get(formula)
        if g is not None:
            assert abs(mp.im(g(mp.mpc(-p)))) > 1e-3 and mp.im(g(mp.mpc(p))) == 0
    assert _parity(f.expr, f.x).value == want


@entries("identity_near_origin")
def test_identity_near_origin(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "identity_near_origin")
    f = fn(name)
    # f'(0) from both sides (one-sided differences): a central difference across a kink
    # averages the slopes (DELU's 1/2 and 3/2 give 1), and f is no identity there.
    want = close(f.f(0), 0, 0, 1e-30) and all(
        close(f.d(0, 1, direction=side), 1, 1e-20) for side in (-1, 1)
    )
    assert a["identity_near_origin"].value == want


@entries("zero_centred")
def test_zero_centred(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "zero_centred")
    s = samples(name, a)
    tiny = mp.mpf(10) ** -30
    both = any(v < -tiny for v in s.fx) and any(v > tiny for v in s.fx)
    want = close(fn(name).f(0), 0, 0, 1e-30) and both
    assert a["zero_centred"].value == want


# --- continuity and breakpoints -------------------------------------------------------------------


#: A second distance from a breakpoint: f^(n) is unbounded near b when |f^(n)| at b ± 1e-20
#: is more than 1 + twice what it is at b ± 1e-5 (2·ln|x| + 3, the thin-plate spline's f'':
#: −89 against −20; a smooth f^(n) barely changes, √|x| shrinks).
H2 = mp.mpf(10) ** -5


def numeric_order(f: Fn, b: mp.mpf, top: int = 4) -> int:
    """The order of continuity at b from one-sided limits of f, f', …, f^(top): −1 for a jump,
    k when f^(k+1) jumps or has no finite one-sided limit; `top` when all agree (smooth as far
    as checked)."""
    with mp.workdps(DPS):
        try:
            at = f.f(b)
        except ValueError:
            return -1
        # One-sided limits extrapolated from b ± H and b ± 2H (2·f(b + H) − f(b + 2H): the
        # slope's share cancels), so that a jump of 2·10⁻¹⁶ (Theano's ultra-fast sigmoid at ±6,
        # where its decimal constants almost meet) is told from a steep slope.
        b = mp.mpf(b)
        left = 2 * f.f(b - H) - f.f(b - 2 * H)
        right = 2 * f.f(b + H) - f.f(b + 2 * H)
        tol = mp.mpf(10) ** -25 * (1 + abs(right))
        if abs(right - left) > tol or abs(at - right) > tol:
            return -1
        for n in range(1, top + 1):
            lo, hi = f.left(b, n), f.right(b, n)
            if not close(lo, hi, 1e-9):
                return n - 1
            if abs(lo) > 1 + 2 * abs(f.d(b - H2, n)) or abs(hi) > 1 + 2 * abs(f.d(b + H2, n)):
                return n - 1  # f^(n) is unbounded near b: no finite one-sided limits
        return top


@entries("breakpoints", "continuity")
def test_breakpoints_are_where_the_definition_breaks(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "breakpoints", "continuity")
    got = sorted(reported_breaks(a))
    want = sorted(expected_breaks(name))
    assert len(got) == len(want) and all(close(g, w, 1e-14) for g, w in zip(got, want, strict=True))
    orders = [p["continuity"] for p in a["breakpoints"].value]
    assert orders == [expected_breaks(name)[w] for w in want]
    overall = a["continuity"].value
    assert overall == (min(orders) if orders else "inf")


@entries("breakpoints")
def test_breakpoints_one_sided_limits_and_derivatives(
    name: str, analyses: dict[str, Facts]
) -> None:
    a = analyses[name]
    determined(a, "breakpoints")
    f = fn(name)
    rel = tol(a, "breakpoints")
    for bp in a["breakpoints"].value:
        b = point(bp)
        assert close(bp["left_limit"], f.left(b), rel), bp
        assert close(bp["right_limit"], f.right(b), rel), bp
        if bp["value"] is not None:
            assert close(bp["value"], f.f(b), rel), bp
        for k, side in (("left_derivative", -1), ("right_derivative", 1)):
            if bp[k] is not None:
                assert close(bp[k], f.d(b + side * H), 1e-9), (k, bp)
        assert bp["continuity"] == numeric_order(f, b), bp


@entries("continuity")
def test_smooth_entries_have_no_kinks_at_samples(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "continuity")
    if a["continuity"].value != "inf":
        assert a["breakpoints"].value, "not smooth, yet no breakpoint"
        return
    assert not a["breakpoints"].value
    f = fn(name)
    for p in [mpf(q) for q in DERIVATIVE_POINTS] + [mpf(0)]:
        assert numeric_order(f, p, 2) == 2, f"f is not C² at {p}"


def _differentiable_at(f: Fn, b: mp.mpf) -> bool:
    return numeric_order(f, b, 1) >= 1


# --- Lipschitz constant -------------------------------------------------------------------------


@entries("lipschitz", "lipschitz_at")
def test_lipschitz(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "lipschitz")
    s = samples(name, a)
    f = fn(name)
    bs = breaks(name, a)
    one_sided = [abs(f.d(b + d * H)) for b in bs for d in (-1, 1)]
    slopes = [abs(v) for v in s.dfx]
    if a["lipschitz"].value == "inf":
        jumps = [abs(f.secant(b)) for b in bs]
        assert max([*slopes, *jumps]) > 1e6, "reported unbounded, sampled max |f'| is small"
        return
    big = number(a, "lipschitz")
    rel = max(tol(a, "lipschitz"), 1e-9)
    worst = max([*slopes, *one_sided])
    assert worst <= big + rel * (1 + big), f"|f'| reaches {worst} > {big}"
    i = max(range(len(slopes)), key=slopes.__getitem__)
    best = slopes[i]
    if abs(s.dxs[i]) <= 60:
        _, v = zoom(lambda p: abs(df(name, p)), s.dxs, i, 1)
        best = max(best, v)
    best = max([best, *one_sided])
    assert best >= big - 1e-6 * (1 + big), f"sup |f'| sampled {best}, reported {big}"
    where = a["lipschitz_at"]
    if where.how != "undetermined" and where.value is None:
        hit = [x for x, v in zip(s.dxs, slopes, strict=True) if abs(x) <= 3 and v == big]
        hit += [b for b in bs if mp.isfinite(b) and _differentiable_at(f, b) and abs(f.d(b)) == big]
        assert not hit, f"|f'| = {big} at {hit[:3]}, reported not attained"
    if where.how != "undetermined" and where.value is not None:
        # at a kink f' has one-sided limits, not a value: |f'| approaching the supremum
        # there does not attain it (hardswish's 3/2 at 3⁻, hard_mish's 1 at −2⁺)
        kinks = [b for b in bs if mp.isfinite(b) and not _differentiable_at(f, b)]
        missed = _attained_outside(
            lambda p: abs(df(name, p)), s.dxs, slopes, big, where.value, 1, kinks
        )
        assert not missed, f"|f'| = {big} also at {missed[:3]}, not in lipschitz_at"
        for p in points_in(where.value):
            if near_any(p, bs, 1e-9):
                got = [abs(f.d(p - H)), abs(f.d(p + H))]
            else:
                got = [abs(df(name, p))]
            assert all(close(g, big, rel) for g in got), f"|f'({p})| = {got}, not {big}"


# --- saturation -------------------------------------------------------------------------------


def _saturation(name: str, a: Facts, side: int) -> None:
    k = "saturation_-inf" if side < 0 else "saturation_+inf"
    determined(a, k)
    eps = mp.mpf(repr(a.eps))
    f = fn(name)
    bs = breaks(name, a)
    thr = a[k].value
    reach = f.far[1]  # 1e6 (1e3 for a double exponential)
    far = [side * mpf(p) for p in (10**3, 10**4, 10**5, 10**6) if p <= reach]
    far += [side * (mpf(reach) + mpf(j) / 4) for j in range(29)]  # a patch: oscillations show
    if thr is None:
        # f' does not vanish on that side (it may tend to a small slope, or oscillate), and
        # the reported limit of f' agrees.
        dl_key = "derivative_limit_-inf" if side < 0 else "derivative_limit_+inf"
        dl = a[dl_key]
        assert dl.value != 0, f"no saturation reported, but f' → {dl.value}"
        slopes = [abs(df(name, p)) for p in far]
        if finite(dl.value):
            # f' tends to that nonzero slope far out (leaky_hardtanh's 1/1000 on x < 0: a
            # slope of exactly 10⁻³ is no vanishing slope, however close to ε)
            limit = abs(number(a, dl_key))
            assert all(close(v, limit, 1e-6) for v in slopes[-29:]), f"f' ↛ {dl.value}"
        else:
            assert max(slopes) >= 1e-3, f"f' vanishes at {side}∞"
        return
    t = number(a, k)
    s = samples(name, a)
    if mp.isinf(t):
        assert t == -side * mp.inf, f"{k} = {t}"
        assert all(abs(v) < eps for v in s.dfx), "|f'| reaches ε somewhere"
        return
    # |f'| < ε beyond the threshold: grid points, far points and a dense strip next to it.
    with mp.workdps(DPS):
        strip = [t + side * (mp.mpf("1e-9") + mp.mpf(j) / 50) for j in range(500)]
    beyond = [p for p in [*s.dxs, *far, *strip] if side * (p - t) > 0 and not near_any(p, bs)]
    big = [(p, v) for p in beyond if (v := abs(df(name, p))) >= eps * (1 + mp.mpf(10) ** -9)]
    assert not big, f"|f'| ≥ {eps} beyond the threshold {t}: {big[:3]}"
    # Tight: |f'| reaches ε at the threshold or within 1/2 before it (or f jumps there).
    with mp.workdps(DPS):
        inner = [t - side * mp.mpf(j) / 100 for j in range(51)]
        vals = [abs(df(name, p)) for p in inner if not near_any(p, bs, 1e-12)]
        at_break = [b for b in bs if abs(b - t) < 1e-12]
        vals += [abs(f.d(b - side * H)) for b in at_break]
        vals += [abs(f.secant(b)) for b in at_break]
    assert max(vals) >= eps * (1 - mp.mpf(10) ** -6), f"|f'| < {eps} on [{t} ∓ 1/2] too"


@pytest.mark.parametrize("side", [-1, 1], ids=["-inf", "+inf"])
@entries("saturation_-inf", "saturation_+inf")
def test_saturation(name: str, side: int, analyses: dict[str, Facts]) -> None:
    _saturation(name, analyses[name], side)


@pytest.mark.parametrize("side", [-1, 1], ids=["-inf", "+inf"])
@entries("saturation_-inf (ε = 0.05)", "saturation_+inf (ε = 0.05)")
def test_saturation_eps_005(name: str, side: int, analyses_05: dict[str, Facts]) -> None:
    _saturation(name, analyses_05[name], side)


@entries("saturation order")
def test_a_larger_eps_saturates_sooner(
    name: str, analyses: dict[str, Facts], analyses_05: dict[str, Facts]
) -> None:
    a, b = analyses[name], analyses_05[name]
    assert b.eps == 0.05
    for k, side in (("saturation_-inf", -1), ("saturation_+inf", 1)):
        if a[k].how == "undetermined" or b[k].how == "undetermined":
            continue
        assert (a[k].value is None) == (b[k].value is None), k
        if a[k].value is None:
            continue
        t01, t05 = mpf(a[k].value), mpf(b[k].value)
        # |f'| < 0.01 beyond t01 implies |f'| < 0.05 there: the ε = 0.05 threshold is no farther.
        assert side * (t05 - t01) <= 1e-9 * (1 + abs(t01)), f"{k}: {t05} vs {t01}"


# --- Taylor polynomial and f' in terms of the output ------------------------------------------


@entries("taylor")
def test_taylor(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "taylor")
    f = fn(name)
    with mp.workdps(DPS):
        left = mp.taylor(f._call, 0, 5, direction=-1)
        right = mp.taylor(f._call, 0, 5, direction=1)
    analytic = all(close(u, v, 1e-10) for u, v in zip(left, right, strict=True))
    if a["taylor"].value is None:
        assert not analytic or 0 in expected_breaks(name), "f looks analytic at 0"
        return
    assert analytic, f"one-sided Taylor coefficients differ: {left} vs {right}"
    poly = read_sympy_str(a["taylor"].value)
    with mp.workdps(DPS):
        want = mp.taylor(f._call, 0, 5)
        got = mp.taylor(poly, 0, 7)
    assert all(close(g, w, 1e-20) for g, w in zip(got, want, strict=False)), (got, want)
    assert all(abs(c) < 1e-25 for c in got[6:]), "the polynomial has terms beyond x⁵"


def _on_open_end(y: mp.mpf, a: Facts) -> bool:
    """Whether y is an open end of the reported range (erf(−19.96) is −1 to 40 digits)."""
    if a["range"].how == "undetermined":
        return False
    return any(
        (y == lo and not lc) or (y == hi and not hc)
        for lo, hi, lc, hc in intervals(a["range"].value)
    )


@entries("derivative_of_output")
def test_derivative_of_output(name: str, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    determined(a, "derivative_of_output")
    fact = a["derivative_of_output"]
    if fact.value is None:
        return  # the reason ("not monotonic", …) is checked with the monotonicity
    g = read_sympy_str(fact.value, ("y",))
    f = fn(name)
    bs = breaks(name, a)
    pts = [p for p in samples(name, a).dxs if abs(p) <= 20 and not near_any(p, bs)][::2]
    for p in pts:
        y = f.f(p)
        try:
            got = g(y)
        except UndefinedError:
            if _on_open_end(y, a):  # f never reaches it: 40 digits rounded f(p) onto it
                continue
            pytest.fail(f"g(y) undefined at y = f({p}) = {y}")
        want = df(name, p)
        assert close(got, want, 1e-20, 1e-30 + 1e-20 * abs(want)), f"x = {p}: {got} ≠ f' {want}"
    # Where f is differentiable at a breakpoint (C¹ there), the identity holds there too.
    for bp in a["breakpoints"].value or []:
        if bp["continuity"] == "inf" or bp["continuity"] < 1:
            continue
        b = point(bp)
        try:
            got = g(f.f(b))
        except UndefinedError:
            pytest.fail(f"g(y) undefined at y = f({b}) = {f.f(b)}, where f' = {f.d(b)}")
        assert close(got, f.d(b), 1e-15), f"x = {b}: {got} ≠ f' {f.d(b)}"


# --- property: the range holds every value -----------------------------------------------------


@given(name=st.sampled_from(NAMES), x=st.floats(-30, 30, allow_nan=False))
def test_range_contains_f_at_random_points(name: str, x: float, analyses: dict[str, Facts]) -> None:
    a = analyses[name]
    if a["range"].how == "undetermined" or (name, "range") in KNOWN_WRONG:
        return
    v = fn(name).f(repr(x))
    rel = 1e-12
    assert any(
        lo - rel * (1 + abs(lo)) <= v <= hi + rel * (1 + abs(hi))
        for lo, hi, _, _ in intervals(a["range"].value)
    ), f"f({x}) = {v} outside {a['range'].value}"


# --- identically zero: a numeric shortcut that must not mistake rounding noise for a value ------


@pytest.mark.parametrize(
    ("lo", "hi"),
    [(sp.S.NegativeInfinity, sp.S.Infinity), (sp.Integer(100), sp.S.Infinity)],
    ids=["whole-line", "far-out"],
)
def test_cancelling_terms_are_still_identically_zero(lo, hi):
    """(eˣ + 1)² − e²ˣ − 2eˣ − 1 is 0, but at x ≈ 101 its terms are 10⁸⁸ and 60-digit
    arithmetic leaves noise of 10²⁷: the two precisions disagree, so `simplify` decides."""
    from symact.analysis._derive import _identically_zero
    from symact.analysis._pieces import Region

    x = symact.X
    e = (sp.exp(x) + 1) ** 2 - sp.exp(2 * x) - 2 * sp.exp(x) - 1
    assert _identically_zero(e, x, Region(lo, hi, e))


def test_a_plainly_nonzero_derivative_needs_no_simplify(monkeypatch):
    import symact.analysis._derive as derive
    from symact.analysis._pieces import Region

    def no_simplify(e: sp.Expr, seconds: float = 0) -> sp.Expr:
        raise AssertionError("simplify was called")

    monkeypatch.setattr(derive, "simplified", no_simplify)
    x = symact.X
    e = sp.diff(sp.tanh(sp.sqrt(2) * x * (1 + x**2 / 20)), x, 2)
    assert not derive._identically_zero(e, x, Region(sp.S.NegativeInfinity, sp.S.Infinity, e))


# --- roots: when SymPy is asked ------------------------------------------------------------------


def _recording(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Patch the analysis' budgeted steps to record their names (and still run them)."""
    import symact.analysis._derive as derive

    asked: list[str] = []
    real = derive.bounded

    def bounded(seconds: float, fn: Callable[[], Any], what: str = "step") -> Any:
        asked.append(what)
        return real(seconds, fn, what)

    monkeypatch.setattr(derive, "bounded", bounded)
    symact.clear_caches()
    return asked


def test_roots_of_a_numeric_fact_are_only_scanned(monkeypatch):
    from symact.analysis._derive import find_roots

    asked = _recording(monkeypatch)
    x = symact.X
    roots = find_roots(sp.exp(x) - 2, x, sp.S.NegativeInfinity, sp.S.Infinity, False)
    assert asked == [] and not roots.exact and "not solved symbolically" in roots.note
    with mp.workdps(30):
        assert [mp.mpf(str(r)) for r in roots.values] == [pytest.approx(mp.log(2), rel=1e-25)]
    exact = find_roots(sp.exp(x) - 2, x, sp.S.NegativeInfinity, sp.S.Infinity)
    assert exact.exact and exact.values == (sp.log(2),) and asked == ["solveset"]


def test_solve_is_not_tried_for_more_roots_than_it_lists(monkeypatch):
    """sin x = x/20 has 11 roots: solveset gives a ConditionSet, and `solve` could not list
    them all, so it is not asked; the scan's roots are the (numeric) answer."""
    from symact.analysis._derive import SOLVE_MAX_ROOTS, find_roots

    asked = _recording(monkeypatch)
    x = symact.X
    roots = find_roots(sp.sin(x) - x / 20, x, sp.S.NegativeInfinity, sp.S.Infinity, fallback=True)
    assert "solve" not in asked and "solveset" in asked
    assert not roots.exact and len(roots.values) == 11 > SOLVE_MAX_ROOTS
    assert "too many to try" in roots.note
    asked.clear()
    few = find_roots(x * sp.exp(x) - 1, x, sp.S.NegativeInfinity, sp.S.Infinity, fallback=True)
    assert few.exact and few.values == (sp.LambertW(1),) and "solve" in asked


def test_solve_is_tried_only_when_asked(monkeypatch):
    """Without `fallback` (roots of f'' and the ε-crossings of f'), a ConditionSet from solveset
    leaves the scan's roots, numeric, and `solve` is not run."""
    from symact.analysis._derive import find_roots

    asked = _recording(monkeypatch)
    x = symact.X
    roots = find_roots(x * sp.exp(x) - 1, x, sp.S.NegativeInfinity, sp.S.Infinity)
    assert asked == ["solveset"] and not roots.exact and len(roots.values) == 1
    assert "solveset gave ConditionSet" in roots.note
    with mp.workdps(30):
        assert mp.mpf(str(roots.values[0])) == pytest.approx(mp.lambertw(1), rel=1e-20)


def test_the_poles_of_a_rational_function_are_found_where_sympy_cannot_place_them():
    """For a quartic denominator `continuous_domain` writes the roots in radicals through
    complex numbers, and SymPy cannot tell which are real (the boundary raises); `split` then
    takes the real roots of the denominator itself, checked here with mpmath's polyroots.
    A transcendental equation it cannot solve is still refused."""
    from sympy.calculus.util import continuous_domain

    from symact.analysis._pieces import split

    x = symact.X
    coeffs = [sp.Rational(9443, 33750), 0, sp.Rational(4, 9), sp.Rational(-2, 3), -1]
    den = sum(c * x ** (4 - k) for k, c in enumerate(coeffs))
    with pytest.raises(NotImplementedError):  # what `split` had to give up on before
        _ = (sp.S.Reals - continuous_domain(1 / den, x, sp.S.Reals)).boundary
    edges = [float(r.hi) for r in split(1 / den, x).regions[:-1]]
    real = sorted(
        float(mp.re(r)) for r in mp.polyroots([float(c) for c in coeffs]) if abs(mp.im(r)) < 1e-20
    )
    assert len(edges) == len(real) == 2
    assert edges == pytest.approx(real, rel=1e-12)
    assert len(split(1 / (x**4 + x + 3), x).regions) == 1  # no real root: one region
    with pytest.raises(ArithmeticError, match="could not locate"):
        split(x / (sp.exp(x) - 3 * x), x)  # e^x = 3x at 0.62 and 1.51


def test_a_denominator_without_real_zeros_is_proved_so_by_interval_arithmetic():
    """SymPy leaves x·e^(x/3) + 2 = 0 (SRS's denominator times 2e^(x/3)) as a ConditionSet;
    x·e^(x/3) is smallest at x = −3, −3/e ≈ −1.10, so the denominator has no real zero, and
    `split` proves it (mpmath.iv) and says how. With + 1 instead of + 2 there are two zeros
    (mpmath's findroot finds them), and nothing is proved; nor for x·eˣ + 0.36 (−1/e ≈ −0.368),
    while x·eˣ + 0.37 (no zero) is proved."""
    from symact.analysis._nozero import no_zero
    from symact.analysis._pieces import split

    x = symact.X
    s = split(x / (x * sp.exp(x / 3) + 2), x)
    assert len(s.regions) == 1 and not s.points and not s.note
    assert len(s.proofs) == 1 and "interval arithmetic (mpmath.iv)" in s.proofs[0]
    g = sp.lambdify(x, x * sp.exp(x / 3) + 1, "mpmath")
    roots = [mp.findroot(g, a) for a in (-1, -8)]
    assert all(abs(g(r)) < 1e-30 for r in roots) and abs(roots[0] - roots[1]) > 1
    with pytest.raises(ArithmeticError, match="could not locate"):
        split(x / (x * sp.exp(x / 3) + 1), x)
    oo = sp.oo
    assert no_zero(x * sp.exp(x) + sp.Rational(37, 100), x, -oo, oo) is not None
    assert no_zero(x * sp.exp(x) + sp.Rational(36, 100), x, -oo, oo) is None
    assert no_zero(x - 100, x, sp.S.Zero, oo) is None  # its zero is on the half-line
    assert no_zero(x - 100, x, sp.S.Zero, sp.S(50)) is not None


def test_a_limit_without_values_to_check_it_needs_its_forms_to_agree(monkeypatch):
    """Where a crowded machine (steps stopped by the wall clock) left the values at large |x|
    uncomputed, SymPy's answer is not taken on trust: TSReLU's f′ = tanh σ + x σ′ sech² σ tends
    to tanh 1 at +∞, where SymPy's `limit` on the expression as written gives 0 and on its
    `together` form the right value. Disagreeing forms leave the limit undetermined (never the
    0); forms that agree give it, and the note says it was not checked."""
    import symact.analysis._budget as budget
    import symact.analysis._derive as derive

    def crowded_out(e: object, x: object, side: object) -> list[None]:
        budget._CROWDED[0] += 1  # as `within` counts a step the wall clock stopped
        return [None] * len(derive.TAIL)

    monkeypatch.setattr(derive, "_tail_values", crowded_out)
    symact.clear_caches()
    from symact.functions import to_elementary

    x = symact.X
    tsrelu_d = sp.diff(ACTS["tsrelu"].at(), x)
    assert sp.limit(to_elementary(tsrelu_d), x, sp.oo) == 0  # the wrong answer guarded against
    lim = derive.limit_at(tsrelu_d, x, sp.S.Infinity)
    assert lim.value is None and lim.how == "undetermined"
    assert "too few values" in lim.note and "0" in lim.note
    sig = derive.limit_at(1 / (1 + sp.exp(-x)), x, sp.S.Infinity)
    assert sig.value == 1 and sig.how == "exact" and "forms agree" in sig.note
    symact.clear_caches()


def test_a_limit_whose_values_are_too_slow_says_it_is_unchecked(monkeypatch):
    """Values at large |x| that no machine computes in time (gish″'s e^(−eˣ) at 1e4) leave
    SymPy's answer as it was, but the note says it was not checked, never "checked at …"."""
    import symact.analysis._derive as derive

    monkeypatch.setattr(derive, "_tail_values", lambda e, x, side: [None] * len(derive.TAIL))
    symact.clear_caches()
    x = symact.X
    sig = derive.limit_at(1 / (1 + sp.exp(-x)), x, sp.S.Infinity)
    assert sig.value == 1 and sig.how == "exact"
    assert "unchecked" in sig.note and "checked at" not in sig.note
    symact.clear_caches()


def test_tail_values_stop_after_one_runs_out_of_time(monkeypatch):
    """Past a value too slow for its budget (mpmath's precision grows with |x|), the values
    farther out are not tried: they count as unknown. All five are asked of one child."""
    import symact.analysis._derive as derive
    from symact.analysis._budget import Outcome

    asked: list[list[float]] = []

    def bounded_each(seconds: float, fns: list[Callable[[], Any]], what: str = "step") -> Any:
        xs = [float(fn.args[0]) for fn in fns]  # type: ignore[attr-defined]
        asked.append(xs)
        done = [Outcome(fn(), True) for fn, x in zip(fns, xs, strict=True) if x < 1e8]
        late = Outcome(None, False, "evaluation exceeded its 1 s budget")
        return done + [late] * (len(fns) - len(done))

    monkeypatch.setattr(derive, "bounded_each", bounded_each)
    vals = derive._tail_values(sp.tanh(symact.X), symact.X, sp.S.Infinity)
    assert asked == [[1e2, 1e4, 1e8, 1e16, 1e32]]
    assert vals[:2] == [1, 1] and vals[2:] == [None, None, None]


# --- signs that a fixed precision cannot tell ----------------------------------------------------

_KINKED = (sp.Piecewise, sp.Heaviside, sp.Abs, sp.Max, sp.Min, sp.sign, sp.floor, sp.ceiling)
SMOOTH = [n for n in NAMES if not ACTS[n].at().has(*_KINKED)]


@functools.cache
def _at_digits(name: str, n: int, digits: int) -> Callable[[mp.mpf], mp.mpf]:
    """f⁽ⁿ⁾ of the declared expression (sympy.diff, elementary form), evaluated by mpmath with
    `digits` digits: the evidence for the scan's signs."""
    x = symact.X
    fn = sp.lambdify(x, to_elementary(sp.diff(ACTS[name].at(), x, n)), "mpmath")

    def at(v: mp.mpf) -> mp.mpf:
        with mp.workdps(digits):
            return mp.mpf(mp.re(fn(mp.mpf(v))))

    return at


@pytest.mark.parametrize(
    ("name", "n"),
    [
        pytest.param(name, n, id=f"{name}-{'f' + chr(39) * n}")
        for name in SMOOTH
        for n in (1, 2)
        if sp.diff(ACTS[name].at(), symact.X, n) != 0  # the identity's f″
    ],
)
def test_every_scanned_root_is_a_sign_change(name: str, n: int) -> None:
    """Far out, 1 + erf(u), 1 + tanh(u) and 1 − σ(x) are exactly 0 at 60 digits, and their
    rounding noise once made the scan report hundreds of roots (325 for GELU′). Every root the
    scan reports must be a sign change of f⁽ⁿ⁾ at 400 digits, or an exact zero at x = 0."""
    from symact.analysis._numeric import sign_changes, sign_evaluator

    x = symact.X
    g = sign_evaluator(sp.diff(ACTS[name].at(), x, n), x)
    ev = _at_digits(name, n, 400)
    for r in sign_changes(g, mp.mpf("-inf"), mp.mpf("inf")):
        if r == 0 and ev(r) == 0:
            continue
        d = mp.mpf(10) ** -9 * (1 + abs(r))
        left, right = ev(r - d), ev(r + d)
        assert left * right < 0, f"no sign change at {mp.nstr(r, 8)}: {left}, {right}"


_CANCELLING = {
    "1 + tanh(x)": 1 + sp.tanh(symact.X),
    "1 - sigmoid(x)": 1 - symact.functions.sigmoid(symact.X),
    "log(1 + exp(x)) - exp(x)": sp.log(1 + sp.exp(symact.X)) - sp.exp(symact.X),
    "x*(1 + erf(x)) + exp(-x**2)/sqrt(pi)": symact.X * (1 + sp.erf(symact.X))
    + sp.exp(-(symact.X**2)) / sp.sqrt(sp.pi),
}


@pytest.mark.parametrize("text", list(_CANCELLING))
@given(v=st.floats(min_value=-400, max_value=400))
def test_a_signed_value_is_right_or_none(text: str, v: float) -> None:
    """The sign evaluator's value, where it gives one, agrees with 1000-digit mpmath to 1e−9
    (relative): agreement of two precisions is not taken for accuracy when a term of order 1
    could have been absorbed (log(1 + e⁻¹⁵⁰) is 0 at 60 digits)."""
    from symact.analysis._numeric import sign_evaluator

    x = symact.X
    expr = _CANCELLING[text]
    got = sign_evaluator(expr, x)(mp.mpf(v))
    if got is None:
        return
    fn = sp.lambdify(x, to_elementary(expr), "mpmath")
    with mp.workdps(1000):  # enough: a value given has at most 230 leading zeros
        want = fn(mp.mpf(v))
    assert want != 0 and abs(got - want) <= 1e-9 * abs(want)


def test_signed_values_too_small_to_confirm_are_none() -> None:
    from symact.analysis._numeric import sign_evaluator

    x = symact.X
    assert sign_evaluator(1 + sp.tanh(x), x)(mp.mpf(-(10**4))) is None  # 2e^(−20000)
    assert sign_evaluator(x * symact.functions.normal_cdf(x), x)(mp.mpf(-100)) is None


@pytest.mark.parametrize(
    ("expr", "at"),
    [
        (sp.diff(symact.functions.sigmoid(symact.X), symact.X, 2), 0),
        (sp.Max(0, symact.X), -3),
        (sp.Piecewise((0, symact.X < 0), (symact.X, True)), mp.mpf("-0.7")),
    ],
    ids=["sigmoid''(0)", "relu(-3)", "piecewise(-0.7)"],
)
def test_exact_zeros_stay_zero(expr: sp.Expr, at: object) -> None:
    """A value that is 0 at every precision is 0 where SymPy, given the point, says so."""
    from symact.analysis._numeric import sign_evaluator

    assert sign_evaluator(expr, symact.X)(mp.mpf(at)) == 0


def test_scan_notes_say_why_solve_gave_no_roots() -> None:
    """GELU′ has one real root; the note says what solveset and solve did, and counts no
    phantom roots."""
    from symact.analysis._derive import find_roots

    x = symact.X
    gelu1 = sp.diff(ACTS["gelu"].at(), x)
    roots = find_roots(gelu1, x, sp.S.NegativeInfinity, sp.S.Infinity, fallback=True)
    assert len(roots.values) == 1 and not roots.exact
    assert "solve: SymPy raised NotImplementedError" in roots.note
    assert "too many" not in roots.note


@pytest.mark.parametrize("name", sorted(symact.functions.PRIMITIVES))
def test_primitives_evaluate_as_defined(name: str) -> None:
    """The analysis evaluates some primitives with mpmath's own functions (ncdf, log1p), whose
    tails do not cancel: they equal the definitions, evaluated with 3000 digits, to 50 digits."""
    from symact.analysis._numeric import evaluator

    x = symact.X
    cls = symact.functions.PRIMITIVES[name]
    ev = evaluator(cls(x), x)
    fn = sp.lambdify(x, cls.definition(x), "mpmath")
    for v in (-60, -30, -3, -0.5, 0, 0.25, 2, 30, 60):
        with mp.workdps(3000):
            want = fn(mp.mpf(v))
        assert abs(ev(mp.mpf(v)) - want) <= mp.mpf(10) ** -50 * abs(want), v


def test_two_roots_between_grid_points_are_found() -> None:
    """A parabola whose two roots lie between neighbouring grid points changes sign at no grid
    point; the local minimum of |g| on the grid leads to them (sinc′ = ±0.01 at x ≈ 97.6)."""
    from symact.analysis._numeric import GRID, sign_changes, sign_evaluator

    x = symact.X
    k = next(i for i, p in enumerate(GRID) if p > 1)
    lo, h = GRID[k], GRID[k + 1] - GRID[k]
    a, b = lo + h * mp.mpf("0.3"), lo + h * mp.mpf("0.6")
    g = sign_evaluator((x - sp.Float(a, 60)) * (x - sp.Float(b, 60)), x)
    roots = sign_changes(g, mp.mpf(-10), mp.mpf(10))
    assert len(roots) == 2
    assert abs(roots[0] - a) < 1e-25 and abs(roots[1] - b) < 1e-25


def test_scans_of_a_shifted_function_share_its_grid_values(monkeypatch):
    """The scans for h = 0 and h = ±ε (critical points and saturation of f, h = f') evaluate h
    at each grid point once, and find the same roots as h ∓ ε evaluated whole would."""
    import symact.analysis._numeric as numeric

    x = symact.X
    h = sp.atan(x / 3) * sp.exp(-(x**2) / 50)
    seen: list[mp.mpf] = []
    real = numeric.evaluator

    def counting(expr: sp.Expr, xx: sp.Symbol, dps: int = numeric.DPS) -> Any:
        fn = real(expr, xx, dps)

        def at(v: mp.mpf) -> Any:
            if dps == numeric.DPS and v in numeric.GRID.members:
                seen.append(v)  # h, or h ± ε evaluated whole
            return fn(v)

        return at

    monkeypatch.setattr(numeric, "evaluator", counting)
    symact.clear_caches()
    eps = sp.Rational(1, 100)
    found = {
        c: numeric.sign_changes(numeric.sign_evaluator(h + c, x), -mp.inf, mp.inf)
        for c in (0, -eps, eps)
    }
    assert seen and max(seen.count(v) for v in set(seen)) == 1
    assert len(found[0]) == 1 and len(found[-eps]) == 2 and len(found[eps]) == 2
    whole = sp.lambdify(x, h, "mpmath")
    for c, roots in found.items():
        with mp.workdps(60):
            for r in roots:
                assert abs(whole(r) + c) < mp.mpf(10) ** -25


_SHAPES: dict[str, Callable[[mp.mpf], mp.mpf]] = {
    "linear": lambda u: 3 * u,
    "triple root": lambda u: u**3,
    "exp": lambda u: mp.exp(u) - 1,
    "steep exp": lambda u: mp.exp(40 * u) - 1,
    "atan": lambda u: mp.atan(u / 1000),
    "flat": lambda u: u * mp.exp(-1 / u**2) if u != 0 else mp.mpf(0),
}


@given(
    st.floats(-50, 50),
    st.floats(0.01, 100),
    st.floats(0.01, 0.99),
    st.sampled_from(sorted(_SHAPES)),
)
@example(c=5.876561150384277e-75, width=1.0, frac=0.5, shape="flat")  # 300 evaluations
def test_refine_closes_in_on_the_root(c: float, width: float, frac: float, shape: str) -> None:
    """Regula falsi with the Anderson–Björck rule and a bisection safeguard brackets the root of
    each shape (a triple root and an almost flat one included) to ROOT_TOL, in fewer evaluations
    than plain bisection's ~100 when the root is simple, and at most three times bisection's
    otherwise (two steps that did not halve the bracket, then a bisection: x·e^(−1/x²) near
    0 takes that path all the way)."""
    from symact.analysis._numeric import DPS, ROOT_TOL, _refine

    calls = [0]
    f = _SHAPES[shape]

    def g(v: mp.mpf) -> mp.mpf:
        calls[0] += 1
        with mp.workdps(DPS):
            return f(v - mp.mpf(c))

    with mp.workdps(DPS):
        a, b = mp.mpf(c) - width * frac, mp.mpf(c) + width * (1 - frac)
        root = _refine(g, a, b, g(a), g(b))
        assert abs(root - mp.mpf(c)) <= 2 * ROOT_TOL * max(1, abs(c)) or g(root) == 0
    bisections = int(mp.ceil(mp.log(width / (ROOT_TOL * max(1, abs(c))), 2)))
    assert calls[0] <= 2 + 3 * bisections
    if shape in ("linear", "exp", "steep exp", "atan"):
        assert calls[0] <= 2 + 75


def test_the_evaluator_keeps_every_digit_of_its_argument() -> None:
    """An argument given at 30 digits is evaluated at 30 digits, not rounded to the caller's
    53 bits first (that rounding made every f′ = g(f) check fail in session 12)."""
    from symact.analysis._numeric import DPS, evaluator

    with mp.workdps(DPS):
        v = mp.mpf(1) / 3
    got = evaluator(3 * symact.X, symact.X)(v)
    assert got is not None
    with mp.workdps(DPS):
        assert abs(got - 1) < mp.mpf(10) ** (5 - DPS)


def test_a_logarithmic_growth_supports_an_infinite_limit() -> None:
    """ln|x| is only 73.7 at 1e32, yet it tends to ∞; L − 1/ln|x| rises too, but by less and
    less: the check of SymPy's ∞ tells them apart by whether the rises shrink."""
    from symact.analysis._derive import TAIL, _consistent, limit_at

    x = symact.X
    grows = [mp.log(mp.mpf(10) ** k) for k in TAIL]
    settles = [2 - 1 / mp.log(mp.mpf(10) ** k) for k in TAIL]
    assert _consistent(sp.oo, grows)
    assert not _consistent(sp.oo, settles)
    assert not _consistent(sp.oo, [-v for v in grows])
    lim = limit_at(sp.log(1 + x), x, sp.oo)
    assert (lim.value, lim.how) == (sp.oo, "exact")
