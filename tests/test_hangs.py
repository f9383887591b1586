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

from symact.analysis.budget import within
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
    start = time.monotonic()
    result = cli("derive", _nested("silu", 24), "--no-cache")
    assert_one_line_error(result, "too large once its catalogue functions are expanded")
    assert time.monotonic() - start < 15
