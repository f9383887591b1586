"""`--param NAME=VALUE` of `symact codegen` and `symact derive` given hostile values (issue 13):
huge and tiny numbers, other scripts' digits, thousands of parameters. Each is refused in one
line with status 2, never a traceback, and both commands agree."""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction

import pytest
from conftest import CliResult
from test_cli import assert_one_line_error

import symact
from symact.declare import MAX_PARAMS

Cli = Callable[..., CliResult]

BIG = "9" * 320


def _both(cli: Cli, value: str) -> list[CliResult]:
    """`codegen elu` and `derive` (which reads its parameters before analysing) with
    alpha=value."""
    return [
        cli("codegen", "elu", "--param", f"alpha={value}"),
        cli("derive", "alpha*x", "--param", f"alpha={value}", "--no-cache"),
    ]


@pytest.mark.parametrize(
    ("value", "needle"),
    [
        (BIG, "too many digits"),
        ("9" * 400 + "/7", "too many digits"),
        ("1/" + BIG, "too many digits"),
        ("1e-999", "out of range"),
        ("1.0e-999", "out of range"),
        ("1e999", "out of range"),
        ("1e-301", "out of range"),
    ],
    ids=[
        "320-digits",
        "400-digits-over-7",
        "over-320-digits",
        "1e-999",
        "1.0e-999",
        "1e999",
        "1e-301",
    ],
)
def test_out_of_range_values_are_one_line(cli: Cli, value: str, needle: str) -> None:
    """The range `derive` checks (formula's: 30 digits, 1e-300 to 1e300) holds for `codegen`
    too: 1e-999 no longer becomes 0 while 1.0e-999 is refused."""
    for result in _both(cli, value):
        assert_one_line_error(result, "alpha", needle)


@pytest.mark.parametrize("value", ["١/٢", "１.５", "1e٣", "٣", "½", "1_000"])
def test_only_ascii_digits_are_numbers(cli: Cli, value: str) -> None:
    """`\\d` matches every script's digits, which `Fraction` and `Decimal` then read: refused."""
    for result in _both(cli, value):
        assert result.status == 2, result
        assert result.out == ""
        assert "Traceback" not in result.err
        assert "alpha: expected a number" in result.err.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("1e-3", "alpha = 1/1000\n"),
        (".5", "alpha = 1/2\n"),
        ("+2", "alpha = 2\n"),
        ("0.012345678", "alpha = 6172839/500000000\n"),
    ],
)
def test_values_in_range_are_kept_exact(cli: Cli, value: str, shown: str) -> None:
    result = cli("codegen", "elu", "--param", f"alpha={value}")
    assert result.status == 0, result.err
    assert "Parameters: " + shown in result.out


@pytest.mark.parametrize(
    ("value", "exact"),
    [("0.0123456789", Fraction(123456789, 10**10)), ("1e-300", Fraction(1, 10**300))],
)
def test_codegen_keeps_a_value_nsimplify_would_change(
    cli: Cli, value: str, exact: Fraction
) -> None:
    """SymPy's nsimplify read 0.0123456789 as 1/81 and 1e-300 as 0; the plan keeps the value."""
    result = cli("codegen", "elu", "--param", f"alpha={value}")
    assert result.status == 0, result.err
    assert f"Parameters: alpha = {exact}" in result.out
    f = symact.numpy_function(symact.get("elu"), alpha=float(value))
    assert f(-800.0) == -float(exact)  # the limit -alpha, not -1/81 or 0


def test_codegen_parameter_at_the_range_limit_prints_a_double(cli: Cli) -> None:
    result = cli("codegen", "elu", "--param", "alpha=1e300", "--target", "c")
    assert result.status == 0, result.err
    body = result.out.split("*/")[-1]
    assert "1e+300" in body and "0" * 30 not in body


def test_derive_refuses_more_parameters_than_the_limit(cli: Cli) -> None:
    args = [a for i in range(MAX_PARAMS + 1) for a in ("--param", f"p{i}=1")]
    assert_one_line_error(cli("derive", "x", *args, "--no-cache"), "too many parameters", "32")


def test_derive_refuses_thousands_of_parameters_in_one_line(cli: Cli) -> None:
    """3000 parameters once took minutes (every lookup rebuilt every symbol); now refused."""
    args = [a for i in range(3000) for a in ("--param", f"p{i}=1")]
    assert_one_line_error(cli("derive", "x", *args, "--no-cache"), "too many parameters")


@pytest.mark.parametrize("value", ["١/٢", "１.５", "1e٣", "٣", "½", "1_000"])
def test_api_parameter_values_are_ascii_numbers(value: str) -> None:
    """`symact.from_formula(params=…)` reads values with the same rules as the CLI."""
    from symact.formula import FormulaError

    with pytest.raises(FormulaError, match="not a number"):
        symact.from_formula("f", "a*x", params={"a": value})
