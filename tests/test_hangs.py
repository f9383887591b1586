"""Inputs that used to hang: every one gets a bounded answer (issue 13, hostile tester).

Each test bounds its own run: a regression fails (a budget runs out, or the clock says so) rather
than hanging the suite. Budgets are made small through the module constants the CLI reads.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
import sympy as sp
from conftest import CliResult
from test_cli import assert_one_line_error

from symact.analysis._budget import within
from symact.declare import X
from symact.formula import MAX_EXPANDED, FormulaError, parse

Cli = Callable[..., CliResult]


def _nested(name: str, depth: int) -> str:
    return f"{name}(" * depth + "x" + ")" * depth


def _parse_outcome(formula: str) -> str:
    """'ok', or the FormulaError's message; computed in a child with 20 s (a hang fails)."""

    def run() -> str:
        try:
            parse(formula)
        except FormulaError as exc:
            return str(exc)
        return "ok"

    out = within(20.0, run, "parse")
    assert out.ok, out.reason
    assert out.value is not None
    return out.value


# ---------------------------------------------------------------------------------------------
# 1. Catalogue names used as functions are expanded: the expanded size is limited


@pytest.mark.parametrize(("name", "depth"), [("silu", 24), ("mish", 24), ("gelu", 24), ("elu", 8)])
def test_deeply_nested_catalogue_functions_are_refused_at_once(name: str, depth: int) -> None:
    start = time.monotonic()
    message = _parse_outcome(_nested(name, depth))
    assert "too large once its catalogue functions are expanded" in message
    assert f"the limit is {MAX_EXPANDED}" in message
    assert time.monotonic() - start < 15


def test_the_limit_counts_nodes_of_the_expanded_tree() -> None:
    """gelu(u) is u*Φ(u): 7 levels make 319 nodes (accepted), 8 make 639 (refused)."""
    expr = parse(_nested("gelu", 7))
    assert sum(1 for _ in sp.preorder_traversal(expr)) <= MAX_EXPANDED
    with pytest.raises(FormulaError, match="too large once its catalogue"):
        parse(_nested("gelu", 8))
    assert parse("silu(silu(silu(x)))") is not None
    assert parse("mish(mish(x))") is not None


def test_many_small_expansions_count_together() -> None:
    """Each silu is small, but the whole formula is over the limit once expanded."""
    terms = [f"silu(x + {k})" for k in range(1, 60)]
    formula = " + ".join(terms)
    assert len(formula) < 1000
    with pytest.raises(FormulaError, match="too large once its catalogue") as info:
        parse(formula)
    assert info.value.column is None  # the whole formula, not one place in it


def test_cli_derive_refuses_a_deep_nesting_with_one_line(cli: Cli) -> None:
    from symact.analysis._budget import inline

    start = time.monotonic()
    run = inline(20.0, lambda: cli("derive", _nested("silu", 24), "--no-cache"), "derive")
    assert run.ok and run.value is not None, run.reason  # a hang fails after 20 s
    result = run.value
    assert_one_line_error(result, "too large once its catalogue functions are expanded")
    assert time.monotonic() - start < 15


# ---------------------------------------------------------------------------------------------
# 2. diff runs under a budget


def test_diff_that_runs_out_of_its_budget_says_so(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import symact.cli

    monkeypatch.setattr(symact.cli, "DIFF_BUDGET", 0.5)
    start = time.monotonic()
    result = cli("diff", "-n", "10", "silu(silu(silu(x)))")
    assert_one_line_error(result, "the derivative of order 10 exceeded its 0.5 s budget")
    assert time.monotonic() - start < 20


def test_diff_reading_budget_and_errors_come_back_from_the_child(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import symact.cli

    monkeypatch.setattr(symact.cli, "READ_BUDGET", 10.0)
    result = cli("diff", "x^")
    assert_one_line_error(result, "invalid syntax at column 3")
    result = cli("diff", _nested("elu", 8))
    assert_one_line_error(result, "too large once its catalogue")
    monkeypatch.setattr(symact.cli, "READ_BUDGET", 0.3)
    import symact.formula

    def slow(*args: object) -> sp.Expr:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            pass
        raise AssertionError("not stopped")

    monkeypatch.setattr(symact.formula, "parse", slow)
    result = cli("diff", "x^2")
    assert_one_line_error(result, "reading the formula exceeded its 0.3 s budget")


def test_diff_still_prints(cli: Cli) -> None:
    result = cli("diff", "x^3", "--format", "python")
    assert result.status == 0 and result.out.strip() == "3*x**2"
    result = cli("diff", "gelu")
    assert result.status == 0 and "d/dx gelu(x) =" in result.out


# ---------------------------------------------------------------------------------------------
# 3. printing is bounded


def _large(n: int) -> sp.Expr:
    return sp.Add(*(sp.exp(k * X) / (k + X) for k in range(1, n)))


def test_pretty_printing_refuses_a_large_expression_quickly() -> None:
    from symact.report import PRETTY_MAX_NODES, TooLargeToDrawError, _pretty, format_derivative

    big = _large(PRETTY_MAX_NODES // 5)
    assert sum(1 for _ in sp.preorder_traversal(big)) > PRETTY_MAX_NODES
    start = time.monotonic()
    with pytest.raises(TooLargeToDrawError, match="too large to pretty-print"):
        format_derivative(big, "pretty")
    assert "too large to draw" in _pretty(big, True)
    assert time.monotonic() - start < 2
    assert "math.exp(" in format_derivative(big, "python")
    assert r"e^{" in format_derivative(big, "latex")


def test_diff_too_large_to_pretty_print_suggests_python(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    import symact.pretty

    monkeypatch.setattr(symact.pretty, "PRETTY_MAX_NODES", 10)
    result = cli("diff", "x^x^x")
    assert_one_line_error(result, "too large to pretty-print", "--format python")
    result = cli("diff", "x^x^x", "--format", "python")
    assert result.status == 0 and "x**" in result.out


def test_diff_printing_runs_under_a_budget(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    import symact.cli
    import symact.report

    def slow(*args: object, **kwargs: object) -> str:
        end = time.monotonic() + 60
        while time.monotonic() < end:
            pass
        raise AssertionError("not stopped")

    monkeypatch.setattr(symact.cli, "PRINT_BUDGET", 0.3)
    monkeypatch.setattr(symact.report, "format_derivative", slow)
    start = time.monotonic()
    result = cli("diff", "x^2", "--format", "latex")
    assert_one_line_error(result, "printing the derivative exceeded its 0.3 s budget")
    assert time.monotonic() - start < 15


# ---------------------------------------------------------------------------------------------
# 4. An analysis keeps what it finished within its budget


def _fresh(formula: str) -> object:
    """A user activation whose analysis is in no cache (the formula is made unique)."""
    from symact.formula import parse_activation

    return parse_activation("custom", f"({formula})*(1 + 1/{time.time_ns() % 10**9 + 10**9})")


def test_a_rule_out_of_time_leaves_only_its_facts_and_their_dependents_undetermined(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The time runs out while the shapes of f and f′ are worked out (the timer's exception
    raised where a period is looked for): those rules' facts, and the facts that need them
    (zero-centred needs the range, f′ in the output needs monotonicity), are undetermined with
    the reason; every other fact is derived, and stored, while the shapes are not."""
    import symact.analysis._rules as rules
    from symact.analysis import FACT_NAMES, analyse
    from symact.analysis import _cache as cache
    from symact.analysis._budget import _OutOfTime
    from symact.analysis._engine import entry_key

    def out_of_time(*args: object, **kwargs: object) -> None:
        raise _OutOfTime

    monkeypatch.setattr(rules, "_period", out_of_time)
    act = _fresh("x*sigmoid(x)")
    a = analyse(act, cache=True, budget=200)  # type: ignore[arg-type]
    for name in ("value_at_0", "limit_-inf", "limit_+inf", "asymptote_+inf", "taylor"):
        assert a[name].how == "exact", (name, a[name])
    assert a["limit_-inf"].value == 0 and a["value_at_0"].value == 0
    assert a["parity"].value == "neither" and a["derivative_limit_-inf"].value == 0
    for name in ("breakpoints", "continuity", "saturation_+inf"):
        assert a[name].how != "undetermined", (name, a[name])
    for name in ("range", "minimum", "monotonic"):
        assert a[name].how == "undetermined", (name, a[name])
        assert a[name].note == "shape of f exceeded its 120 s budget", (name, a[name])
    assert a["lipschitz"].note == "shape of derivative exceeded its 120 s budget"
    assert a["zero_centred"].how == "undetermined" and "120 s" in a["zero_centred"].note
    assert a["derivative_of_output"].note == "monotonicity unknown"
    assert list(a) == list(FACT_NAMES)
    assert sorted(a.expressions) == [1, 2, 3]
    expr = act.at()  # type: ignore[attr-defined]
    assert cache.load(entry_key(expr, "shape_of_f")) is None
    assert cache.load(entry_key(expr, "limits")) is not None


def test_facts_found_on_a_crowded_machine_are_used_but_not_stored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A step the wall clock stopped (a child that got too little of a core) may have left a
    rule's facts poorer than they are: the analysis shows them, and the next one derives them
    again instead of reading them from the store."""
    import symact.analysis._budget as budget
    import symact.analysis._rules as rules
    from symact.analysis import _cache as cache
    from symact.analysis import analyse
    from symact.analysis._engine import entry_key

    real = rules._taylor

    def crowded_taylor(*args: object) -> object:
        budget._CROWDED[0] += 1  # as `within` counts a step stopped by the wall clock
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(rules, "_taylor", crowded_taylor)
    act = _fresh("x*sigmoid(x)")
    a = analyse(act, cache=True)  # type: ignore[arg-type]
    assert a["taylor"].how == "exact"
    expr = act.at()  # type: ignore[attr-defined]
    assert cache.load(entry_key(expr, "taylor")) is None
    assert cache.load(entry_key(expr, "limits")) is not None


def test_an_analysis_that_runs_out_of_time_returns_within_its_budget() -> None:
    from symact.analysis import FACT_NAMES, analyse
    from symact.analysis import _cache as cache

    act = _fresh("x^(x^x)")
    start = time.monotonic()
    a = analyse(act, cache=True, budget=1.0)  # type: ignore[arg-type]
    assert time.monotonic() - start < 15
    assert list(a) == list(FACT_NAMES)
    late = "the analysis ran out of its 1 s budget before this fact"
    assert any(f.note == late for f in a.values())
    assert all(f.how != "undetermined" or f.note == late for f in a.values())
    from symact.analysis._engine import entry_key

    assert cache.load(entry_key(act.at(), "shape_of_f")) is None  # type: ignore[attr-defined]


def test_analyse_refuses_a_budget_that_is_not_positive() -> None:
    from symact.analysis import analyse
    from symact.catalog import get

    for bad in (0.0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="budget"):
            analyse(get("relu"), budget=bad)


def test_cli_derive_budget_prints_the_rest_and_says_what_ran_out(cli: Cli) -> None:
    start = time.monotonic()
    result = cli("derive", "x^(x^x)", "--no-cache", "--budget", "1")
    assert time.monotonic() - start < 20
    assert result.status == 0, result
    assert "Facts (ε = 0.01):" in result.out
    assert "the analysis ran out of its 1 s budget before this fact" in result.out
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and "the analysis ran out of its 1 s budget" in lines[0], result.err
    assert "--budget SECONDS" in lines[0]


@pytest.mark.parametrize("bad", ["0", "-3", "abc", "inf", "nan", "1e9"])
def test_cli_rejects_a_bad_budget(cli: Cli, bad: str) -> None:
    result = cli("show", "relu", "--budget", bad)
    assert result.status == 2 and result.out == ""
    assert "SECONDS must be" in result.err and "Traceback" not in result.err


def test_cli_show_within_its_budget_prints_no_warning(cli: Cli) -> None:
    result = cli("show", "relu", "--budget", "120")
    assert result.status == 0 and result.err == ""
    assert "ran out of" not in result.out


def test_cli_derive_reads_its_formula_under_a_budget(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """hardsigmoid nested 8 deep has 51 nodes (within every limit) but SymPy takes over 15 s
    to build its nested Min/Max: the reading budget stops it."""
    import symact.cli

    monkeypatch.setattr(symact.cli, "READ_BUDGET", 1.0)
    start = time.monotonic()
    result = cli("derive", _nested("hardsigmoid", 8), "--no-cache")
    assert_one_line_error(result, "reading the formula exceeded its 1 s budget")
    assert time.monotonic() - start < 15
    result = cli("derive", "x^", "--no-cache")
    assert_one_line_error(result, "invalid syntax at column 3")
    result = cli("derive", "x", "--name", "Bad Name")
    assert_one_line_error(result, "invalid activation name")
