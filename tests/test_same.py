"""Same function as: a formula is found among the catalogue's entries, at their defaults or at
parameter values, and nothing else is (checked here by SymPy's own evaluation, independent of
the mpmath functions the search uses)."""

from __future__ import annotations

import pytest
import sympy as sp

import symact
from symact.analysis import Match, same_as
from symact.declare import X
from symact.formula import parse_activation

ENTRIES = list(symact.ACTIVATIONS.values())


def _found(formula: str) -> dict[str, Match]:
    act = parse_activation("mine", formula)
    return {m.name: m for m in same_as(act.at(), ENTRIES)}


def _really_same(formula: str, m: Match) -> None:
    """Independent evidence: SymPy's evalf of both at a few points, 30 digits."""
    _really_same_expr(parse_activation("mine", formula).at(), m)


def test_swish_with_beta_two() -> None:
    found = _found("x*sigmoid(2*x)")
    m = found["swish_beta"]
    assert m.params == {"beta": 2} and not m.at_defaults and m.how == "exact"
    _really_same("x*sigmoid(2*x)", m)


def test_elu_with_alpha_two() -> None:
    found = _found("where(x > 0, x, 2*expm1(x))")
    assert found["elu"].params == {"alpha": 2} and found["elu"].how == "exact"
    assert "celu" not in found  # CELU(α = 2) is 2·(e^(x/2) − 1) below 0: another function
    for m in found.values():
        _really_same("where(x > 0, x, 2*expm1(x))", m)


def test_sigmoid_and_tanh_forms_are_proved_the_same() -> None:
    """x·σ(1.702x) is APTx with α = 1, β = 0.851, γ = 1/2, since 1 + tanh(u) = 2σ(2u): proved
    by writing both with exp (simplify ran out of its 5 s on it, leaving the match numeric)."""
    found = _found("x*sigmoid(1.702*x)")
    m = found["aptx"]
    assert m.how == "exact" and "written with exp" in m.note, m
    assert m.params == {"alpha": 1, "beta": sp.Rational(851, 1000), "gamma": sp.Rational(1, 2)}
    _really_same("x*sigmoid(1.702*x)", m)


def test_a_solved_parameter_that_is_a_fraction_is_shown_as_one() -> None:
    """Not only fractions exact in binary: 11/48 and 1/100 too (their 60-digit values were
    compared with a 15-digit quotient, and shown as 0.229166… and 0.0100…)."""
    found = _found("where(x > 0, x, 11*x/48)")
    assert found["leaky_relu"].params == {"negative_slope": sp.Rational(11, 48)}
    assert found["prelu"].params == {"a": sp.Rational(11, 48)}
    assert _found("where(x > 0, x, x/100)")["prelu"].params == {"a": sp.Rational(1, 100)}
    _really_same("where(x > 0, x, 11*x/48)", found["prelu"])


def test_a_parameter_the_function_does_not_depend_on_keeps_its_default() -> None:
    """MPELU α·(e^(βx) − 1) below 0 is ReLU wherever α = 0 or β = 0, and exp(−b·x²/(2a²)) is
    exp(−x²) wherever b = 2a²: the match shows one parameter at its default (α = 1, β = 0;
    a = 1, b = 2), not an arbitrary pair the root search happened to reach."""
    found = _found("max(x, 0)")
    assert found["mpelu"].params in ({"alpha": 1, "beta": 0}, {"alpha": 0, "beta": 1})
    gauss = _found("exp(-x**2)")["super_gaussian"]
    assert gauss.params == {"a": 1, "b": 2} and gauss.how == "exact", gauss
    for formula, m in (("max(x, 0)", found["mpelu"]), ("exp(-x**2)", gauss)):
        _really_same(formula, m)


def test_the_float_search_finds_what_the_mpmath_search_finds() -> None:
    """The root search runs in floats where both functions evaluate there, else in mpmath
    (Lambert W has no `math` function): both give x·σ(2x) as Swish with β = 2."""
    from symact.analysis import _same

    f = parse_activation("mine", "x*sigmoid(2*x)").at()
    swish = symact.ACTIVATIONS["swish_beta"]
    beta = (swish.symbols["beta"],)
    g = _same._compiled(swish.expr, beta)
    fixed = _same._Fixed(_same._compiled(f, ()))
    floats = (_same._compiled_float(f, ()), _same._compiled_float(swish.expr, beta))
    by_floats, by_mpmath = (
        _same._solve(fixed, g, swish, floats),
        _same._solve(fixed, g, swish, None),
    )
    assert by_floats is not None and by_mpmath is not None
    assert "scipy" in by_floats[1] and "scipy" not in by_mpmath[1]
    for q in (by_floats[0], by_mpmath[0]):
        assert abs(q[0] - 2) < 1e-50


def test_a_definition_written_out_is_the_entry_at_its_defaults() -> None:
    found = _found("x/(1 + exp(-x))")
    assert found["silu"].at_defaults and found["silu"].how == "exact"
    assert found["swish_beta"].params == {"beta": 1}


@pytest.mark.parametrize(
    "formula",
    ["x*tanh(x) + 0.001*x", "max(x, 0) + x/10**12", "sin(x)**3 + x/7", "x*sigmoid(x) + 1e-30"],
)
def test_a_nearby_function_is_never_a_match(formula: str) -> None:
    found = _found(formula)
    assert not {"lisht", "relu", "silu", "swish_beta"} & set(found), found
    for m in found.values():  # APTx with α = 1/1000 is x·tanh(x) + x/1000: a true match
        _really_same(formula, m)


@pytest.mark.slow
@pytest.mark.parametrize("act", ENTRIES, ids=[a.name for a in ENTRIES])
def test_no_entry_is_another_at_the_defaults_unless_declared(act: symact.Activation) -> None:
    """Every entry is itself; the others it equals, both at their defaults, are exactly those
    declared (`equals_at_defaults`, either way round): an accidental duplicate fails here."""
    found = {m.name: m for m in same_as(act.at(), ENTRIES)}
    assert act.name in found and found[act.name].at_defaults
    twins = {n for n, m in found.items() if m.at_defaults and n != act.name}
    declared = set(act.equals_at_defaults) | {
        a.name for a in ENTRIES if act.name in a.equals_at_defaults
    }
    assert twins == declared
    for m in found.values():
        _really_same_expr(act.at(), m)


def _really_same_expr(f: sp.Expr, m: Match) -> None:
    g = symact.get(m.name).at(**m.params)
    for x in ("-7.3", "-1.1", "0.45", "2.2", "13.7"):
        a, b = (sp.N(e.subs(X, sp.Rational(x)), 30) for e in (f, g))
        assert abs(a - b) <= sp.Float("1e-25") * max(1, abs(a)), (m.name, x, a, b)


def test_declared_twins_are_entries() -> None:
    names = set(symact.names())
    for act in ENTRIES:
        assert set(act.equals_at_defaults) <= names - {act.name}, act.name


def test_parameters_outside_the_declared_domain_are_no_match() -> None:
    """Hard tanh min(max_val, max(min_val, x)) is the constant max_val wherever min_val >
    max_val, which its declaration rules out (max_val is `above` min_val): the constant ½ is not
    Hard tanh, whatever values would reproduce it."""
    from symact.analysis._same import _admitted

    hardtanh = symact.ACTIVATIONS["hardtanh"]
    values = {"min_val": sp.Integer(1), "max_val": sp.Rational(1, 2)}
    assert not _admitted(hardtanh, [values[p.name] for p in hardtanh.params])
    assert _admitted(hardtanh, [values[p.name] for p in reversed(hardtanh.params)])
    assert "hardtanh" not in {m.name for m in same_as(sp.Rational(1, 2) + 0 * X, ENTRIES)}


def test_importing_symact_does_not_import_scipy_optimize() -> None:
    """The parameter search imports SciPy's optimiser when it runs: at import time it would
    cost every command (`symact show`) a third of a second."""
    import subprocess
    import sys

    script = (
        "import sys, symact, symact.analysis, symact.cli\n"
        "assert 'scipy.optimize' not in sys.modules, 'scipy.optimize was imported'\n"
    )
    run = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
