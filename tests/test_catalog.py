"""The catalogue: declarations are well formed, names resolve, expressions evaluate, and
values agree with textbook formulas computed independently here with mpmath."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import mpmath
import pytest
import sympy as sp

from symact.catalog import (
    ACTIVATIONS,
    FAMILIES,
    SHARED_NAMES,
    UnknownActivation,
    exponential,
    gated,
    names,
    periodic,
    rectifiers,
    resolve,
    shrinkage,
    sigmoidal,
    smooth,
)
from symact.catalog import get as get_activation
from symact.declare import Activation, FrameworkName, X

ENTRIES = list(ACTIVATIONS.values())
ALL = pytest.mark.parametrize("act", ENTRIES, ids=[a.name for a in ENTRIES])

#: Sample points away from every kink and jump of the catalogue at default parameters
#: (0, ±1/2, ±1, ±2, ±3, 6, 10⁻⁶).
SAMPLES = (sp.Rational(-27, 10), sp.Rational(-7, 10), sp.Rational(3, 10), sp.Rational(19, 10))

KNOWN_FAMILIES = {
    "sigmoidal",
    "rectifier",
    "exponential linear",
    "smooth rectifier",
    "self-gated",
    "shrinkage",
    "step",
    "periodic",
    "radial",
    "linear",
    "other",
}


def test_the_catalogue_has_at_least_65_entries() -> None:
    assert len(ACTIVATIONS) >= 65
    assert names() == list(ACTIVATIONS)


@ALL
def test_entry_validates(act: Activation) -> None:
    # Re-running the constructor re-runs every check of Activation.__post_init__.
    assert dataclasses.replace(act) == act
    assert act.title.strip()
    assert act.family in KNOWN_FAMILIES
    assert act.expr.free_symbols <= {X, *act.symbols.values()}
    assert X in act.expr.free_symbols or act.expr.is_constant()


def test_families_are_the_known_ones() -> None:
    assert set(FAMILIES) <= KNOWN_FAMILIES
    assert len(FAMILIES) == len(set(FAMILIES))


def test_names_and_aliases_are_unique() -> None:
    keys = [k for a in ENTRIES for k in (a.name, *a.aliases)]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    assert not duplicates


@ALL
def test_name_and_aliases_resolve_case_insensitively(act: Activation) -> None:
    for key in (act.name, *act.aliases):
        assert get_activation(key) is act
        assert get_activation(key.upper()) is act
        assert get_activation(f"  {key.title()} ") is act
        assert resolve(key.replace("_", "-")) == act.name


def test_unknown_name_suggests_close_names() -> None:
    with pytest.raises(UnknownActivation) as info:
        get_activation("reluu")
    assert "relu" in info.value.suggestions
    assert "did you mean" in str(info.value)
    with pytest.raises(UnknownActivation) as info:
        get_activation("geluu_tanh")
    assert "gelu_tanh" in info.value.suggestions


def test_unknown_name_without_anything_close() -> None:
    with pytest.raises(UnknownActivation) as info:
        get_activation("qqqqqqqqqqqq")
    assert info.value.suggestions == []
    assert "did you mean" not in str(info.value)


@ALL
def test_reference_is_complete(act: Activation) -> None:
    ref = act.reference
    assert ref is not None
    assert ref.authors.strip()
    assert ref.title.strip()
    assert isinstance(ref.year, int)
    assert 1940 <= ref.year <= 2026
    assert re.fullmatch(r"https://[^\s]+", ref.url)


#: Characters and words that would make a summary restate (or contradict) the formula.
_FORMULA_CHARS = set("·×/^=√σφΦε∞≥≤<>") | {chr(c) for c in range(0x2070, 0x20A0)} | set("²³¹")
_FORMULA_PATTERNS = (
    re.compile(r"\(\s*[^)]*\bx\b"),
    re.compile(r"(^|[\s(])x([\s·*+)]|$)"),
    re.compile(r"monotonic|bounded|smooth|saturat|zero-centred|range", re.IGNORECASE),
)


@ALL
def test_summaries_do_not_restate_the_formula(act: Activation) -> None:
    # The SymPy expression is the only formula; the summary says what the function is for.
    assert not _FORMULA_CHARS & set(act.summary), act.summary
    for pattern in _FORMULA_PATTERNS:
        assert not pattern.search(act.summary), (pattern.pattern, act.summary)


@ALL
def test_param_defaults_are_numbers(act: Activation) -> None:
    for p in act.params:
        v = p.value
        assert isinstance(v, sp.Number), (p.name, v)
        assert v.is_finite
        if p.positive:
            assert v > 0
    # a string default is exact: a fraction or a decimal with every digit given
    for p in act.params:
        if isinstance(p.default, str):
            assert re.fullmatch(r"-?\d+(/\d+|\.\d+)?", p.default), p.default


@ALL
def test_framework_entries_are_well_formed(act: Activation) -> None:
    names = {
        "pytorch": r"torch\.nn\.functional\.{}",
        "keras": r"keras\.activations\.{}",
        "jax": r"jax\.nn\.{}",
        "tensorflow": r"tf\.nn\.{}",
        "mlx": r"mlx\.nn\.{}",
        "flax": r"flax\.linen\.{}",
        "paddle": r"paddle\.nn\.functional\.{}",
        "timm": r'timm\.layers\.get_act_fn\("{}"\)',
        "transformers": r'transformers\.activations\.ACT2FN\["{}"\]',
        "nnlib": r"NNlib\.{}",
    }
    for fw in act.frameworks:
        assert re.fullmatch(names[fw.framework].format("[a-z][a-z0-9_]*"), fw.name), fw.name
        for value in (*fw.call.values(), *fw.defaults.values()):
            if isinstance(value, str) and value not in ("none", "tanh"):
                assert sp.Rational(value).is_finite
        # `defaults` are the framework's own for the arguments of `call` (a missing one is
        # required), and a call argument named as a parameter holds that parameter's default
        assert set(fw.defaults) <= set(fw.call)
        for key, value in fw.call.items():
            if key in act.symbols:
                assert sp.Rational(str(value)) == act.defaults[key], (fw.name, key)
        for point, grad in fw.gradient_at.items():
            assert sp.Rational(str(point)).is_finite
            assert sp.Rational(str(grad)).is_finite


def test_framework_names_with_defaults_are_unique() -> None:
    seen: dict[tuple[str, tuple[tuple[str, object], ...]], str] = {}
    for act in ENTRIES:
        for fw in act.frameworks:
            key = (fw.name, tuple(sorted(fw.call.items())))
            assert key not in seen, f"{act.name} and {seen[key]} both claim {key}"
            seen[key] = act.name


def _declared(framework: str) -> set[str]:
    return {
        fw.name.rsplit(".", 1)[1]
        for a in ENTRIES
        for fw in a.frameworks
        if fw.framework == framework
    }


def test_every_elementwise_pytorch_activation_is_declared() -> None:
    wanted = {
        "threshold", "relu", "rrelu", "hardtanh", "relu6", "sigmoid", "hardsigmoid", "tanh",
        "silu", "mish", "hardswish", "elu", "celu", "selu", "gelu", "hardshrink", "leaky_relu",
        "logsigmoid", "softplus", "softshrink", "prelu", "softsign", "tanhshrink",
    }  # fmt: skip
    assert wanted <= _declared("pytorch")


def test_every_elementwise_keras_activation_is_declared() -> None:
    wanted = {
        "relu", "leaky_relu", "relu6", "elu", "selu", "celu", "softplus", "softsign", "silu",
        "gelu", "squareplus", "sparse_plus", "sparse_sigmoid", "soft_shrink", "hard_shrink",
        "tanh_shrink", "hard_tanh", "threshold", "sigmoid", "exponential", "linear",
        "hard_sigmoid", "hard_silu", "log_sigmoid", "mish", "tanh",
    }  # fmt: skip
    assert wanted <= _declared("keras")


def test_every_elementwise_jax_activation_is_declared() -> None:
    wanted = {
        "relu", "relu6", "sigmoid", "softplus", "sparse_plus", "sparse_sigmoid", "soft_sign",
        "silu", "log_sigmoid", "leaky_relu", "hard_sigmoid", "hard_silu", "hard_tanh", "tanh",
        "elu", "celu", "selu", "gelu", "squareplus", "mish", "identity",
    }  # fmt: skip
    assert wanted <= _declared("jax")


def test_gelu_and_its_approximations_are_separate_entries() -> None:
    exact = get_activation("gelu")
    approx = get_activation("gelu_tanh")
    assert exact is not approx

    def three(act: Activation) -> list[FrameworkName]:
        return [fw for fw in act.frameworks if fw.framework in ("pytorch", "keras", "jax")]

    assert [fw.call["approximate"] for fw in three(exact)] == ["none", False, False]
    assert [fw.call["approximate"] for fw in three(approx)] == ["tanh", True, True]
    # what each framework does without the argument: PyTorch and Keras give GELU, JAX GELU-tanh
    for act in (exact, approx):
        assert [fw.defaults["approximate"] for fw in three(act)] == ["none", False, True]


def _value(act: Activation, x: sp.Expr, digits: int = 30) -> sp.Expr:
    return sp.N(act.at().subs(X, x), digits)


@ALL
def test_expression_is_finite_and_real_at_samples(act: Activation) -> None:
    for x in SAMPLES:
        v = _value(act, x)
        assert v.is_real, (x, v)
        assert v.is_finite, (x, v)
        assert mpmath.isfinite(mpmath.mpf(str(v)))


# Composites are built from other entries, not retyped.
_r, _s, _g, _e = rectifiers, sigmoidal, gated, exponential
COMPOSITES: dict[str, Callable[[], bool]] = {
    "silu": lambda: _g.silu.expr == X * _s.sigmoid.expr,
    "swish_beta": lambda: _g.swish_beta.expr.has(_s.sigmoid.of(_g.swish_beta.symbols["beta"] * X)),
    "hardswish": lambda: _g.hardswish.expr == X * _s.hardsigmoid.expr,
    "hardsigmoid": lambda: _s.hardsigmoid.expr.has(_r.relu6.of(X + 3)),
    "logsigmoid": lambda: smooth.logsigmoid.expr == sp.log(_s.sigmoid.expr),
    "mish": lambda: _g.mish.expr.has(smooth.softplus.of(X, beta=sp.Integer(1))),
    "serf": lambda: _g.serf.expr.has(smooth.softplus.of(X, beta=sp.Integer(1))),
    "shifted_softplus": lambda: smooth.shifted_softplus.expr.has(
        smooth.softplus.of(X, beta=sp.Integer(1))
    ),
    "lisht": lambda: _g.lisht.expr == X * _s.tanh.expr,
    "tanhshrink": lambda: shrinkage.tanhshrink.expr == X - _s.tanh.expr,
    "dsilu": lambda: _s.dsilu.expr.has(_s.sigmoid.expr),
    "logish": lambda: _g.logish.expr.has(_s.sigmoid.expr),
    "elish": lambda: _g.elish.expr.has(_g.silu.expr),
    "hard_elish": lambda: _g.hard_elish.expr.has(_s.sparse_sigmoid.expr),
    "prelu": lambda: _r.prelu.expr == _r.leaky_relu.of(X, negative_slope=_r.prelu.symbols["a"]),
    "rrelu": lambda: (
        _r.rrelu.expr == _r.leaky_relu.of(X, negative_slope=sum(_r.rrelu.symbols.values()) / 2)
    ),
    "squared_relu": lambda: _r.squared_relu.expr == _r.relu.expr**2,
    "star_relu": lambda: _r.star_relu.expr.has(_r.relu.expr**2),
    "celu": lambda: _e.celu.expr.has(_r.relu.expr),
    "selu": lambda: (
        _e.selu.expr == _e.selu.symbols["scale"] * _e.elu.of(X, alpha=_e.selu.symbols["alpha"])
    ),
    "isrlu": lambda: _e.isrlu.expr.has(_s.isru.expr),
    "sparse_sigmoid": lambda: (
        _s.sparse_sigmoid.expr
        == _s.hardtanh.of((X + 1) / 2, min_val=sp.Integer(0), max_val=sp.Integer(1))
    ),
    "siren": lambda: periodic.siren.expr == periodic.sinusoid.of(periodic.siren.symbols["w0"] * X),
    "sinc": lambda: periodic.sinc.expr.has(periodic.sinusoid.expr),
}


@pytest.mark.parametrize("name", sorted(COMPOSITES))
def test_composites_reuse_their_components(name: str) -> None:
    assert name in ACTIVATIONS
    assert COMPOSITES[name]()


# Independent evidence: textbook formulas written here with mpmath, at default parameters.
mp = mpmath
SELU_ALPHA = "1.6732632423543772848170429916717"  # parsed inside workdps(40), not at 15 digits
SELU_SCALE = "1.0507009873554804934193349852946"


def _phi(x: mpmath.mpf) -> mpmath.mpf:
    return (1 + mp.erf(x / mp.sqrt(2))) / 2


REFERENCE: dict[str, Callable[[mpmath.mpf], mpmath.mpf]] = {
    "sigmoid": lambda x: 1 / (1 + mp.exp(-x)),
    "tanh": lambda x: (mp.exp(x) - mp.exp(-x)) / (mp.exp(x) + mp.exp(-x)),
    "softsign": lambda x: x / (1 + abs(x)),
    "isru": lambda x: x / mp.sqrt(1 + x**2),
    "softplus": lambda x: mp.log1p(mp.exp(x)),
    "logsigmoid": lambda x: -mp.log1p(mp.exp(-x)),
    "silu": lambda x: x / (1 + mp.exp(-x)),
    "gelu": lambda x: x * _phi(x),
    "gelu_tanh": lambda x: (
        x / 2 * (1 + mp.tanh(mp.sqrt(2 / mp.pi) * (x + mp.mpf("0.044715") * x**3)))
    ),
    "gelu_sigmoid": lambda x: x / (1 + mp.exp(-mp.mpf("1.702") * x)),
    "mish": lambda x: x * mp.tanh(mp.log(1 + mp.exp(x))),
    "elu": lambda x: x if x > 0 else mp.exp(x) - 1,
    "celu": lambda x: x if x > 0 else mp.expm1(x),
    "selu": lambda x: mp.mpf(SELU_SCALE) * (x if x > 0 else mp.mpf(SELU_ALPHA) * (mp.exp(x) - 1)),
    "leaky_relu": lambda x: x if x >= 0 else x / 100,
    "rrelu": lambda x: x if x >= 0 else x * (mp.mpf(1) / 8 + mp.mpf(1) / 3) / 2,
    "hardsigmoid": lambda x: min(max(x / 6 + mp.mpf(1) / 2, 0), 1),
    "hardswish": lambda x: x * min(max(x + 3, 0), 6) / 6,
    "squareplus": lambda x: (x + mp.sqrt(x**2 + 4)) / 2,
    "sparse_plus": lambda x: 0 if x <= -1 else (x if x >= 1 else (x + 1) ** 2 / 4),
    "softshrink": lambda x: x - mp.mpf("0.5") if x > 0.5 else (x + 0.5 if x < -0.5 else 0),
    "hardshrink": lambda x: x if abs(x) > 0.5 else 0,
    "tanhshrink": lambda x: x - mp.tanh(x),
    "sqnl": lambda x: (
        1 if x > 2 else (x - x**2 / 4 if x >= 0 else (x + x**2 / 4 if x >= -2 else -1))
    ),
    "bent_identity": lambda x: (mp.sqrt(x**2 + 1) - 1) / 2 + x,
    "gcu": lambda x: x * mp.cos(x),
    "snake": lambda x: x + mp.sin(x) ** 2,
    "tanhexp": lambda x: x * mp.tanh(mp.exp(x)),
    "serf": lambda x: x * mp.erf(mp.log(1 + mp.exp(x))),
    "lecun_tanh": lambda x: mp.mpf("1.7159") * mp.tanh(2 * x / 3),
    "soft_exponential": lambda x: (mp.exp(x / 2) - 1) / mp.mpf("0.5") + mp.mpf("0.5"),
    "laplace": lambda x: _phi((x - mp.sqrt(0.5)) / mp.sqrt(1 / (4 * mp.pi))),
    "plu": lambda x: max(x / 10 + mp.mpf("0.1") - 1, min(x / 10 - mp.mpf("0.1") + 1, x)),
    "gaussian": lambda x: mp.exp(-(x**2)),
}

POINTS = ("-2.7", "-0.7", "0.3", "1.9", "4.25")


@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_values_match_independent_textbook_formulas(name: str) -> None:
    act = ACTIVATIONS[name]
    with mp.workdps(40):
        for text in POINTS:
            expected = REFERENCE[name](mp.mpf(text))
            got = mp.mpf(str(_value(act, sp.Rational(text), 35)))
            assert mp.almosteq(
                got, expected, rel_eps=mp.mpf(10) ** -28, abs_eps=mp.mpf(10) ** -30
            ), (
                text,
                got,
                expected,
            )


def test_selu_constants_keep_every_digit() -> None:
    selu = ACTIVATIONS["selu"]
    assert str(selu.defaults["alpha"]).startswith("1.673263242354377284817042991671")
    assert str(selu.defaults["scale"]).startswith("1.050700987355480493419334985294")


def test_sinc_takes_the_value_one_at_zero() -> None:
    assert ACTIVATIONS["sinc"].at().subs(X, 0) == 1


def test_breakpoint_values_follow_the_frameworks() -> None:
    # threshold: y = x if x > threshold else value; hardshrink: x if |x| > lambd else 0.
    th = ACTIVATIONS["threshold"]
    assert th.at(threshold=1, value=7).subs(X, 1) == 7
    hs = ACTIVATIONS["hardshrink"].at()
    assert hs.subs(X, sp.Rational(1, 2)) == 0
    assert hs.subs(X, -sp.Rational(1, 2)) == 0
    assert ACTIVATIONS["binary_step"].expr.subs(X, 0) == 1


SHARED = sorted(SHARED_NAMES)


@pytest.mark.parametrize("key", SHARED)
def test_a_shared_name_is_no_alias_and_looks_up_only_when_unambiguous(key: str) -> None:
    """A name several functions are published under is never an alias (an alias names one
    function); carried by several entries, it names none of them and says which it could be."""
    from symact.catalog import AmbiguousName, resolve

    holders = SHARED_NAMES[key]
    assert all(key not in ACTIVATIONS[n].aliases for n in ACTIVATIONS), key
    if key in ACTIVATIONS:
        assert resolve(key) == key and key not in holders
    elif len(holders) == 1:
        assert resolve(key) == holders[0]
    else:
        with pytest.raises(AmbiguousName) as info:
            resolve(key.upper())
        assert info.value.suggestions == list(holders)
        assert all(n in str(info.value) for n in holders)


@ALL
def test_sharing_a_name_is_mutual(act: Activation) -> None:
    from symact.catalog import sharing_names

    for key, others in sharing_names(act.name).items():
        for other in others:
            assert act.name in sharing_names(other)[key], (key, other)


def test_srelu_names_two_functions_and_the_cli_says_which() -> None:
    """The survey's example: SReLU is Jin et al.'s S-shaped ReLU and Clevert et al.'s shifted
    ReLU, two different functions (they differ at −1); `show SReLU` says so in one line."""
    import subprocess
    import sys

    from symact.catalog import sharing_names

    assert sharing_names("srelu_jin2016")["srelu"] == ("shifted_relu",)
    a, b = (get_activation(n).at() for n in ("srelu_jin2016", "shifted_relu"))
    assert a.subs(X, -1) != b.subs(X, -1)
    run = subprocess.run(
        [sys.executable, "-m", "symact", "show", "SReLU"], capture_output=True, text=True
    )
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr.count("\n") == 1 and "srelu_jin2016" in run.stderr
    assert "shifted_relu" in run.stderr


def test_framework_names_elsewhere_are_for_entries_and_add_to_their_own() -> None:
    """`_elsewhere.ELSEWHERE` names catalogue entries only, never repeats a framework name of
    the declaration, and the catalogue's entry carries both."""
    from symact.catalog import _elsewhere

    for name, extra in _elsewhere.ELSEWHERE.items():
        act = ACTIVATIONS[name]
        assert act.frameworks[-len(extra) :] == extra
        own = act.frameworks[: -len(extra)]
        assert not {(f.framework, f.name, tuple(f.call.items())) for f in own} & {
            (f.framework, f.name, tuple(f.call.items())) for f in extra
        }
        assert all(f.framework not in ("pytorch", "keras", "jax") for f in extra)


def test_pending_declarations_are_ready_to_join_the_catalogue() -> None:
    """The declarations waiting in the family modules' `PENDING` (session 13) take no name or
    alias of the catalogue, and their references are complete, so registering one is a move."""
    from symact.catalog import _MODULES

    taken = {k for a in ACTIVATIONS.values() for k in (a.name, *a.aliases)}
    for module in _MODULES:
        for act in getattr(module, "PENDING", ()):
            assert act.name not in ACTIVATIONS
            assert not {act.name, *act.aliases} & taken, act.name
            assert act.reference is not None and act.reference.url.startswith("https://")
