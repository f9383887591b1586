"""Rendering: the README documents every fact; JSON structure; text, LaTeX and code formats."""

from __future__ import annotations

import dataclasses
import json
import math
import re
import typing
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

import symact
from symact.analysis._facts import (
    FACT_NAMES,
    FACTS,
    Analysis,
    Asymptote,
    DefaultDiffers,
    Ends,
    Fact,
    Monotonicity,
    Parity,
)
from symact.declare import Framework, X
from symact.functions import normal_cdf, sigmoid
from symact.report import (
    WITH_FRAMEWORKS,
    activation_json,
    format_derivative,
    format_fact_value,
    format_latex,
    format_list,
    format_provenance,
    format_show,
    to_ascii,
)

JSON_KEYS = {
    "name",
    "title",
    "aliases",
    "family",
    "summary",
    "params",
    "expression",
    "derivatives",
    "facts",
    "reference",
    "frameworks",
}


OO = sp.oo


def synthetic_analysis(name: str = "leaky_relu") -> Analysis:
    """An analysis with every fact name, built by hand: rendering is tested without SymPy work."""
    plain: dict[str, Any] = {
        "number": sp.S.Zero,
        "set": sp.FiniteSet(0),
        "asymptote": Asymptote(sp.S.Zero, sp.S.Zero),
        "breakpoints": (),
        "bool": False,
        "monotonicity": Monotonicity.INCREASING,
        "parity": Parity.NEITHER,
        "ends": Ends.NEITHER,
        "order": OO,
        "expression": symact.X,
        "defaults": (),
    }
    facts = {n: Fact(plain[FACTS[n].kind], "exact") for n in FACT_NAMES}
    facts["range"] = Fact(sp.Interval.open(-OO, OO), "exact")
    facts["minimum"] = Fact(sp.Float(-0.2784645427610738), "numeric", "brentq on f', tol 1e-12")
    facts["maximum"] = Fact(None, "undetermined", "solve timed out after 2 s")
    facts["limit_+inf"] = Fact(OO, "exact")
    facts["asymptote_+inf"] = Fact(Asymptote(sp.S.One, sp.S.Zero), "exact")
    facts["continuity"] = Fact(sp.S.Zero, "exact")
    facts["monotonic"] = Fact(Monotonicity.INCREASING, "exact")
    facts["zero_centred"] = Fact(True, "exact")
    facts["defaults_differ"] = Fact(
        (DefaultDiffers("keras", "keras.activations.leaky_relu", "negative_slope", 0.2, "1/100"),),
        "exact",
    )
    x = symact.X
    return Analysis(name, 0.01, facts, {1: sp.Piecewise((1, x > 0), (sp.Rational(1, 100), x < 0))})


# ---------------------------------------------------------------------------------------------
# The README documents every fact


def test_every_fact_name_is_documented_in_the_readme(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    missing = [name for name in FACT_NAMES if f"`{name}`" not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_readme_fact_table_matches_fact_names(repo_root: Path) -> None:
    """The README's table of facts is FACT_NAMES, row for row (meanings cannot drift either)."""
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    rows = [line for line in readme.splitlines() if re.match(r"^\| `[^`]+` \| ", line)]
    expected = [f"| `{k}` | {v.replace('|', chr(92) + '|')} |" for k, v in FACT_NAMES.items()]
    assert rows == expected


def test_readme_quick_start_is_exactly_the_two_commands(repo_root: Path) -> None:
    readme = (repo_root / "README.md").read_text(encoding="utf-8")
    assert "python3 scripts/dev.py demo" in readme
    assert "python3 scripts/dev.py test" in readme
    ci = (repo_root / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 scripts/dev.py test" in ci


# ---------------------------------------------------------------------------------------------
# JSON


def test_activation_json_structure() -> None:
    act = symact.get("leaky_relu")
    data = activation_json(act, synthetic_analysis())
    assert set(data) == JSON_KEYS
    assert data["name"] == "leaky_relu"
    assert data["expression"] == str(act.expr)
    assert data["params"] == {"negative_slope": 0.01}
    assert data["derivatives"] == {"1": "Piecewise((1, x > 0), (1/100, x < 0))"}
    assert set(data["facts"]) == set(FACT_NAMES)
    for fact in data["facts"].values():
        assert set(fact) == {"value", "exact", "how", "note", "provenance"}
        assert fact["how"] in {"exact", "numeric", "undetermined"}
    assert data["facts"]["limit_+inf"]["value"] == "inf"
    ref = data["reference"]
    assert set(ref) == {"authors", "year", "title", "url", "verified"}
    assert ref["verified"] is True
    frameworks = {f["framework"]: f for f in data["frameworks"]}
    assert {"pytorch", "keras", "jax"} <= set(frameworks) <= set(typing.get_args(Framework))
    for fw in frameworks.values():
        assert set(fw) == {"framework", "name", "call", "defaults", "note", "gradient_at"}
    # how to call Keras for this function, and what Keras does without the argument
    assert frameworks["keras"]["call"]["negative_slope"] == 0.01
    assert frameworks["keras"]["defaults"]["negative_slope"] == 0.2
    # Valid JSON, no NaN or Infinity literals.
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data


def test_activation_json_params_are_numbers_and_gradient_conventions_have_string_keys() -> None:
    relu = activation_json(symact.get("relu"), synthetic_analysis("relu"))
    assert relu["params"] == {}
    torch = next(f for f in relu["frameworks"] if f["framework"] == "pytorch")
    assert torch["gradient_at"] == {"0": 0}
    for act in symact.ACTIVATIONS.values():
        data = activation_json(act, synthetic_analysis(act.name))
        for value in data["params"].values():
            assert isinstance(value, int | float) and math.isfinite(value)
        json.dumps(data, allow_nan=False)


# ---------------------------------------------------------------------------------------------
# Facts


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (sp.Interval.open(-1, 1), "(-1, 1)"),
        (sp.Interval(0, OO), "[0, ∞)"),
        (sp.Interval(-OO, OO), "(-∞, ∞)"),
        (sp.FiniteSet(0), "{0}"),
        (sp.Interval.Ropen(-1, 0) | sp.Interval.Lopen(1, 2), "[-1, 0) ∪ (1, 2]"),
        (sp.S.EmptySet, "∅"),
        (True, "yes"),
        (False, "no"),
        (None, "none"),
        (Monotonicity.NOT_MONOTONIC, "not monotonic"),
        (sp.Float(0.5), "0.5"),
        (sp.Integer(2), "2"),
        (Asymptote(sp.S.One, sp.S.Zero), "{slope: 1, intercept: 0}"),
    ],
)
def test_fact_values_render_compactly(value: Any, expected: str) -> None:
    assert format_fact_value(Fact(value, "exact")) == expected


def test_fact_value_shows_exact_form_and_number() -> None:
    w = -sp.LambertW(sp.exp(-1))
    assert format_fact_value(Fact(w, "exact")) == "-LambertW(exp(-1)) ≈ -0.278465"
    assert format_fact_value(Fact(sp.Float(-0.2784645427610738), "numeric", "brentq")) == (
        "-0.278465"
    )
    assert format_fact_value(Fact(sp.Rational(1, 2), "exact")) == "1/2 ≈ 0.5"
    assert format_fact_value(Fact(sp.S.One, "exact")) == "1"
    assert format_fact_value(Fact(OO, "exact")) == "∞"
    assert format_fact_value(Fact(OO, "exact"), unicode=False) == "inf"


def test_provenance() -> None:
    assert format_provenance(Fact(sp.S.One, "exact")) == "exact"
    assert format_provenance(Fact(sp.Float(1.0), "numeric", "brentq, tol 1e-12")) == (
        "numeric: brentq, tol 1e-12"
    )
    assert format_provenance(Fact(None, "undetermined", "timed out")) == ("undetermined: timed out")


# ---------------------------------------------------------------------------------------------
# Text


def test_format_show_lists_every_fact_with_provenance() -> None:
    act = symact.get("leaky_relu")
    text = format_show(act, synthetic_analysis())
    assert act.title in text
    assert act.summary in text
    for name in FACT_NAMES:
        if name not in WITH_FRAMEWORKS:
            assert re.search(rf"^  {re.escape(name)}\s", text, re.MULTILINE), name
    assert "numeric: brentq on f', tol 1e-12" in text
    assert "undetermined: solve timed out after 2 s" in text
    assert "f′(x) at the default parameters =" in text
    assert "negative_slope = 1/100" in text
    # Frameworks whose defaults give another function are called out, from the fact.
    assert "keras.activations.leaky_relu  (negative_slope=0.01)" in text
    assert (
        "! keras.activations.leaky_relu: negative_slope defaults to 0.2; this function needs"
        " negative_slope=0.01" in text
    )


def test_format_show_ascii_is_ascii() -> None:
    text = format_show(symact.get("gelu"), synthetic_analysis("gelu"), unicode=False)
    text.encode("ascii")
    assert "normal_cdf(x)" in text
    assert "inf" in text


def test_format_list() -> None:
    acts = list(symact.ACTIVATIONS.values())
    text = format_list(acts)
    lines = text.splitlines()
    assert lines[0].split() == ["name", "family", "summary"]
    assert len(lines) == len(acts) + 1
    for act, line in zip(acts, lines[1:], strict=True):
        assert line.startswith(act.name + " ")
        assert act.family in line
    format_list(acts, unicode=False).encode("ascii")


def test_to_ascii() -> None:
    assert to_ascii("range (−1, 1) ∪ [0, ∞) — σ·x") == "range (-1, 1) U [0, inf) -- sigma*x"
    to_ascii("Müller ✓").encode("ascii")


# ---------------------------------------------------------------------------------------------
# Expressions


def test_format_derivative_pretty_latex_python() -> None:
    d = sp.diff(sigmoid(X), X)
    assert "σ" in format_derivative(d, "pretty")
    ascii_text = format_derivative(d, "pretty", unicode=False)
    ascii_text.encode("ascii")
    assert "sigmoid" in ascii_text
    assert r"\sigma" in format_derivative(d, "latex")
    code = format_derivative(d, "python")
    value = eval(code, {"math": math, "x": 0.3})  # noqa: S307 - our own printer's output
    s = 1 / (1 + math.exp(-0.3))
    assert value == pytest.approx(s * (1 - s), rel=1e-12)


def test_format_derivative_python_handles_erf_piecewise_and_lambertw() -> None:
    g = sp.diff(X * normal_cdf(X), X)
    code = format_derivative(g, "python")
    assert "math.erf" in code
    x = 0.7
    expected = 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(
        2 * math.pi
    )
    assert eval(code, {"math": math, "x": x}) == pytest.approx(expected)  # noqa: S307
    pw = sp.Piecewise((X, X >= 0), (X / 100, True))
    code = format_derivative(pw, "python")
    assert eval(code, {"math": math, "x": -2.0}) == pytest.approx(-0.02)  # noqa: S307
    w = format_derivative(sp.LambertW(sp.exp(-1)) * X, "python")
    assert "scipy.special.lambertw" in w


def test_format_derivative_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        format_derivative(X, "svg")  # type: ignore[arg-type]


def test_format_latex() -> None:
    act = symact.get("leaky_relu")
    text = format_latex(act, synthetic_analysis())
    lines = text.splitlines()
    assert lines[0].startswith("f(x) = ")
    assert any(line.startswith("f'(x) = ") for line in lines)
    assert r"\begin{cases}" in text


def test_pretty_printing_leaves_sympy_physics_units_importable() -> None:
    format_derivative(X * sigmoid(X) * normal_cdf(X), "pretty")
    import sympy.physics.units as units

    assert units.Quantity.__module__ == "sympy.physics.units.quantities"
    assert isinstance(units.meter, units.Quantity)


def test_a_periodic_family_of_points_reads_as_c_plus_k_periods() -> None:
    k = sp.Symbol("k", integer=True)
    fam = sp.ImageSet(sp.Lambda(k, -sp.pi / 2 + sp.Rational(25, 4) * k), sp.S.Integers)
    at0 = sp.ImageSet(sp.Lambda(k, sp.Rational(7, 2) * k), sp.S.Integers)
    assert format_fact_value(Fact(fam, "exact")) == "{-1.5708 + 6.25k : k ∈ ℤ}"
    assert format_fact_value(Fact(at0, "exact")) == "{3.5k : k ∈ ℤ}"
    assert format_fact_value(Fact(at0, "exact"), unicode=False) == "{3.5k : k in Z}"


def test_a_general_fact_too_large_to_print_says_so() -> None:
    from symact.analysis._facts import General
    from symact.report import format_general

    a = sp.Symbol("alpha", positive=True)
    assumption = sp.StrictGreaterThan(a, 0, evaluate=False)
    shown = format_general(General(sp.Interval.open(-a, sp.oo), assumption, "exact"))
    assert shown == "for every α > 0: (−α, ∞)"
    huge = sp.Add(*(a**i for i in range(3000)))
    assert "too large to print" in format_general(General(huge, assumption, "exact"))


def test_an_unverified_reference_is_said_so_in_text_json_and_page() -> None:
    from symact.site.pages import Entry, activation_page

    act = symact.get("leaky_relu")
    ref = dataclasses.replace(act.reference, verified=False)  # type: ignore[type-var]
    unverified = dataclasses.replace(act, reference=ref)
    an = synthetic_analysis()
    assert "reference not verified" in format_show(unverified, an)
    assert "reference not verified" not in format_show(act, an)
    assert activation_json(unverified, an)["reference"]["verified"] is False
    page = activation_page(Entry(unverified, an))
    assert '!!! note "Reference not verified"' in page
    assert "Reference not verified" not in activation_page(Entry(act, an))


_L = sp.Symbol("l", positive=True)


@pytest.mark.parametrize(
    ("cond", "tex"),
    [
        (
            sp.Or(
                sp.And(sp.Gt(X, sp.Rational(-1, 2)), sp.Lt(X, sp.Rational(1, 2))),
                sp.Gt(X, sp.Rational(1, 2)),
                sp.Lt(X, sp.Rational(-1, 2)),
            ),
            r"x \neq \pm \frac{1}{2}",
        ),
        (sp.Or(sp.Lt(_L, X), sp.Lt(_L, -X)), r"\left|x\right| > l"),
        (sp.And(X > -1, X < 2), r"-1 < x < 2"),
        (sp.And(X >= -1, X < 1), r"-1 \leq x < 1"),
        (sp.And(X >= -1, X <= 1), r"\left|x\right| \leq 1"),
        (sp.Or(X < -2, X >= 2), r"x < -2 \vee x \geq 2"),
        (sp.Ne(X, 0), r"x \neq 0"),
        (sp.Lt(2 * X, 3), r"x < \frac{3}{2}"),
        (sp.Gt(-X, 1), r"x < -1"),
    ],
)
def test_piecewise_conditions_are_printed_minimally(cond: sp.Basic, tex: str) -> None:
    """A piece's condition in its simplest form: x ≠ ±½, not (x > −½ ∧ x < ½) ∨ x > ½ ∨
    x < −½; |x| > λ, not λ < −x ∨ λ < x; a < x < b, not x > a ∧ x < b."""
    from symact.report import latex

    out = latex(sp.Piecewise((1, cond), (0, True)))
    assert rf"\text{{for}}\: {tex} \\" in out, out
    assert r"\wedge" not in out
