"""Typed facts and their two codecs: the documented JSON format and the store's lossless form.

A fact's value is typed in memory (`symact.analysis._facts`); JSON exists only in
`symact.analysis._serial`. These tests check that every fact of the catalogue survives the store's
form exactly, that the JSON format keeps its documented shape, and that a hostile store entry is
refused without anything being executed.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
import sympy as sp

import symact
from symact.analysis import analyse
from symact.analysis._facts import (
    FACT_NAMES,
    FACTS,
    Asymptote,
    Breakpoint,
    Ends,
    Fact,
    Monotonicity,
    Parity,
    spans,
)
from symact.analysis._serial import dump_fact, fact_json, interval_list, load_fact
from symact.catalog import names
from symact.site.concepts import CONCEPTS

#: The Python type of a determined value, by kind.
TYPES: dict[str, type | tuple[type, ...]] = {
    "number": sp.Expr,
    "set": sp.Set,
    "asymptote": Asymptote,
    "breakpoints": tuple,
    "bool": bool,
    "monotonicity": Monotonicity,
    "parity": Parity,
    "ends": Ends,
    "order": sp.Expr,
    "expression": sp.Expr,
    "defaults": tuple,
}


def test_one_table_names_every_fact_once_with_a_label_and_kind() -> None:
    assert list(FACT_NAMES) == list(FACTS)
    assert all(name == spec.name for name, spec in FACTS.items())
    assert all(spec.label and spec.meaning and spec.kind in TYPES for spec in FACTS.values())
    slugs = {c.slug for c in CONCEPTS}
    assert {s.concept for s in FACTS.values() if s.concept} <= slugs


@pytest.mark.parametrize("name", names())
def test_every_fact_is_typed_and_survives_the_store(name: str) -> None:
    an = analyse(symact.get(name))
    assert list(an) == list(FACT_NAMES)
    for key, fact in an.items():
        kind = FACTS[key].kind
        if fact.value is not None:
            assert isinstance(fact.value, TYPES[kind]), (key, type(fact.value))
        if kind == "breakpoints" and fact.value is not None:
            assert all(isinstance(b, Breakpoint) for b in fact.value)  # type: ignore[union-attr]
        if kind == "bool" and fact.how != "undetermined":
            assert isinstance(fact.value, bool), key
        stored = json.loads(json.dumps(dump_fact(key, fact)))  # through text, as on disk
        back = load_fact(key, stored)
        assert back == dataclasses.replace(fact, general=None), key
        shown = fact_json(key, fact)
        assert fact_json(key, back) == {k: v for k, v in shown.items() if k != "general"}


@pytest.mark.parametrize("name", ["relu", "gelu", "sinusoid", "elu", "binary_step"])
def test_the_json_format_has_its_documented_shape(name: str) -> None:
    an = analyse(symact.get(name))
    for key, fact in an.items():
        j = fact_json(key, fact)
        assert {"value", "exact", "how", "note"} <= set(j) <= {*j, "general"}
        assert (j["exact"] is not None) <= (fact.how == "exact"), key
        kind, v = FACTS[key].kind, j["value"]
        if v is None:
            continue
        if kind == "set":
            assert all({"lo", "hi", "lo_closed", "hi_closed"} <= set(d) for d in v)
        elif kind == "number":
            assert isinstance(v, float) or v in ("inf", "-inf"), (key, v)
        elif kind == "asymptote":
            assert set(v) == {"slope", "intercept"}
        elif kind == "order":
            assert isinstance(v, int) or v == "inf"


def test_a_periodic_family_is_one_span_with_its_period() -> None:
    k = sp.Symbol("k", integer=True)
    family = sp.ImageSet(sp.Lambda(k, 2 * sp.pi * k - sp.pi / 2), sp.S.Integers)
    (span,) = spans(family)
    assert (span.lo, span.period) == (-sp.pi / 2, 2 * sp.pi)
    (d,) = interval_list(family)
    assert d["period"] == pytest.approx(2 * 3.141592653589793)
    both = spans(sp.Union(sp.Interval(-1, 0), sp.FiniteSet(3)))
    assert [(s.lo, s.hi, s.lo_closed) for s in both] == [(-1, 0, True), (3, 3, True)]


@pytest.mark.parametrize(
    ("fact", "entry"),
    [
        ("range", {"value": 'Symbol(\'__import__("os").system("true")\')', "how": "exact"}),
        ("range", {"value": "__import__('os').system('true')", "how": "exact"}),
        ("range", {"value": "Integer(3)", "how": "exact"}),  # a number where a set belongs
        ("minimum", {"value": "Interval(Integer(0), Integer(1))", "how": "exact"}),
        ("monotonic", {"value": "sideways", "how": "exact"}),
        ("parity", {"value": 1, "how": "exact"}),
        ("bounded_below", {"value": "yes", "how": "exact"}),
        ("asymptote_-inf", {"value": ["Integer(0)"], "how": "exact"}),
        ("breakpoints", {"value": [{"at": "Integer(0)"}], "how": "exact"}),
        ("range", {"value": None, "how": "guessed"}),
        ("not_a_fact", {"value": None, "how": "exact"}),
        ("minimum", {"value": "Integer(1)", "how": "undetermined"}),  # undetermined: no value
    ],
)
def test_a_hostile_or_malformed_stored_fact_is_refused(fact: str, entry: dict[str, Any]) -> None:
    how = {"methods": ["sympy.limit"], "attempts": [], "tolerance": None, "digits": None}
    with pytest.raises(ValueError):
        load_fact(fact, {"provenance": how, **entry})


@pytest.mark.parametrize(
    "how",
    [
        None,
        {"methods": "sympy.limit", "attempts": [], "tolerance": None, "digits": None},
        {"methods": [1], "attempts": [], "tolerance": None, "digits": None},
        {"methods": [], "attempts": [], "tolerance": "1e-30", "digits": None},
        {"methods": [], "attempts": [], "tolerance": None, "digits": 10**9},
        {"methods": [], "attempts": [], "tolerance": None},
    ],
)
def test_a_malformed_stored_provenance_is_refused(how: Any) -> None:
    with pytest.raises(ValueError):
        load_fact("minimum", {"value": "Integer(1)", "how": "exact", "provenance": how})


def test_provenance_is_data_and_its_text_is_the_note() -> None:
    from symact.analysis._facts import Provenance

    scan = Provenance(("roots by sign changes",), ("solveset gave ConditionSet",), 1e-30, 60)
    fact = Fact(sp.Float(-0.17), "numeric", provenance=scan)
    assert fact.note == (
        "roots by sign changes (to 1e-30 relative, 60-digit mpmath);"
        " tried first: solveset gave ConditionSet"
    )
    both = scan + Provenance(("value settles at |x| = 1e8 … 1e32",), (), None, 40)
    assert both.methods == ("roots by sign changes", "value settles at |x| = 1e8 … 1e32")
    assert (both.tolerance, both.digits) == (1e-30, 40)  # the loosest tolerance, fewest digits
    assert Fact(sp.S.One, "exact", "sympy.limit").provenance.methods == ("sympy.limit",)
    stored = json.loads(json.dumps(dump_fact("minimum", fact)))
    assert load_fact("minimum", stored).provenance == scan


def test_every_fact_is_derived_by_exactly_one_rule() -> None:
    from symact.analysis import _rules as rules  # noqa: F401 - registers the rules
    from symact.analysis._engine import RULES

    owners = [n for r in RULES.values() for n in r.facts]
    assert sorted(owners) == sorted(FACTS)


def test_asking_for_one_fact_runs_only_the_rules_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    from collections.abc import Callable

    from symact.analysis import _engine as engine
    from symact.analysis._budget import inline

    ran: list[str] = []

    def recording(seconds: float, fn: Callable[[], Any], what: str = "work") -> Any:
        ran.append(what)
        return inline(seconds, fn, what)

    monkeypatch.setattr(engine, "inline", recording)
    an = analyse(symact.get("elu"), facts=["zero_centred"], cache=False)
    assert list(an) == ["zero_centred"] and an["zero_centred"].value is True  # (−1, ∞) ∋ 0
    assert set(ran) == {"pieces", "value at 0", "slopes", "limits", "shape of f", "zero centred"}
    assert an.expressions == {}
    with pytest.raises(ValueError, match="no such fact"):
        analyse(symact.get("elu"), facts=["colour"])


def test_a_rule_that_fails_costs_only_its_own_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    from symact.analysis import _rules as rules

    def broken(*args: object) -> None:
        raise ArithmeticError("no series today")

    monkeypatch.setattr(rules, "_taylor", broken)
    an = analyse(symact.get("tanh"), cache=False)
    assert an["taylor"].how == "undetermined"
    assert "ArithmeticError: no series today" in an["taylor"].note
    assert [n for n, f in an.items() if f.how == "undetermined"] == ["taylor"]
