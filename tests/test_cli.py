"""The command line, run in-process through `symact.cli.main` (and once as a real process)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import CliResult
from test_report import JSON_KEYS

import symact
from symact.analysis._facts import FACT_NAMES
from symact.report import WITH_FRAMEWORKS

Cli = Callable[..., CliResult]


def assert_one_line_error(result: CliResult, *needles: str) -> None:
    assert result.status == 2, result
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert lines[0].startswith("symact: ")
    assert "Traceback" not in result.err
    for needle in needles:
        assert needle in lines[0]


# ---------------------------------------------------------------------------------------------
# version, list


def test_version_as_a_real_process(repo_root: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "symact", "--version"],
        capture_output=True,
        text=True,
        cwd=repo_root,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"symact {symact.__version__}"


def test_version_in_process(cli: Cli) -> None:
    result = cli("--version")
    assert result.status == 0
    assert result.out.strip() == f"symact {symact.__version__}"


def test_list(cli: Cli) -> None:
    result = cli("list")
    assert result.status == 0
    lines = result.out.splitlines()
    assert lines[0].split() == ["name", "family", "summary"]
    listed = [line.split()[0] for line in lines[1:]]
    assert listed == symact.names()


def test_list_family_filters(cli: Cli) -> None:
    family = symact.get("relu").family
    result = cli("list", "--family", family.upper())
    assert result.status == 0
    listed = [line.split()[0] for line in result.out.splitlines()[1:]]
    assert "relu" in listed
    assert listed == [a.name for a in symact.ACTIVATIONS.values() if a.family == family]


def test_list_unknown_family(cli: Cli) -> None:
    result = cli("list", "--family", "nonsense")
    assert_one_line_error(result, "unknown family 'nonsense'", *symact.FAMILIES)


def test_no_command_is_a_usage_error(cli: Cli) -> None:
    assert cli().status == 2


# ---------------------------------------------------------------------------------------------
# show


def test_show_gelu_prints_every_fact(cli: Cli) -> None:
    result = cli("show", "GELU")
    assert result.status == 0, result.err
    assert symact.get("gelu").title in result.out
    assert "Φ" in result.out
    for name in FACT_NAMES:
        if name not in WITH_FRAMEWORKS:  # those are told with the frameworks
            assert f"  {name} " in result.out, name
    assert "! jax.nn.gelu: approximate defaults to True; this function needs" in result.out
    for how in ("exact", "numeric", "undetermined"):
        assert how in result.out or how == "undetermined"


def test_show_accepts_aliases(cli: Cli) -> None:
    result = cli("show", "swish")
    assert result.status == 0, result.err
    assert symact.get("silu").title in result.out


def test_show_json(cli: Cli) -> None:
    result = cli("show", "gelu", "--json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert set(data) == JSON_KEYS | {"shared_names"}  # the catalogue's own, which the CLI adds
    assert data["name"] == "gelu"
    assert data["shared_names"] == {}
    assert set(data["derivatives"]) == {"1", "2", "3"}
    assert set(data["facts"]) == set(FACT_NAMES)
    for name, fact in data["facts"].items():
        assert set(fact) == {"value", "exact", "how", "note", "provenance"}, name
        assert fact["how"] in {"exact", "numeric", "undetermined"}, name
        if fact["how"] == "undetermined":
            assert fact["value"] is None
    assert data["facts"]["limit_+inf"]["value"] == "inf"
    assert data["facts"]["value_at_0"]["value"] == 0


def test_show_json_says_which_functions_share_a_name(cli: Cli) -> None:
    data = json.loads(cli("show", "shifted_relu", "--json").out)
    assert data["shared_names"]["srelu"] == ["srelu_jin2016"]
    assert json.loads(cli("show", "tanhexp", "--json").out)["shared_names"] == {"telu": []}


def test_show_json_is_strict_json_for_every_entry_with_infinities_as_strings(cli: Cli) -> None:
    result = cli("show", "relu", "--json")
    assert result.status == 0, result.err
    text = result.out
    assert "Infinity" not in text and "NaN" not in text
    data = json.loads(text)
    assert data["facts"]["limit_+inf"]["value"] == "inf"


def test_show_latex(cli: Cli) -> None:
    result = cli("show", "sigmoid", "--latex")
    assert result.status == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("f(x) = ")
    assert any(line.startswith("f'(x) = ") and r"\sigma" in line for line in lines)
    assert any(line.startswith("f''(x) = ") for line in lines)


def test_show_json_and_latex_exclude_each_other(cli: Cli) -> None:
    assert cli("show", "gelu", "--json", "--latex").status == 2


def test_show_eps_changes_saturation(cli: Cli) -> None:
    coarse = json.loads(cli("show", "tanh", "--json", "--eps", "0.1").out)
    fine = json.loads(cli("show", "tanh", "--json").out)
    a, b = coarse["facts"]["saturation_+inf"]["value"], fine["facts"]["saturation_+inf"]["value"]
    assert isinstance(a, float) and isinstance(b, float)
    assert a < b


@pytest.mark.parametrize("eps", ["0", "-1", "abc", "inf", "nan", "1", "5"])
def test_show_rejects_bad_eps(cli: Cli, eps: str) -> None:
    result = cli("show", "gelu", "--eps", eps)
    assert result.status == 2
    assert "Traceback" not in result.err


def test_unknown_name_suggests(cli: Cli) -> None:
    assert_one_line_error(cli("show", "gelo"), "unknown activation 'gelo'", "did you mean", "gelu")


# ---------------------------------------------------------------------------------------------
# diff


def test_diff_sigmoid_pretty(cli: Cli) -> None:
    result = cli("diff", "sigmoid")
    assert result.status == 0, result.err
    assert "σ" in result.out
    assert result.out.startswith("d/dx sigmoid(x) =")


def test_diff_latex_and_python(cli: Cli) -> None:
    latex = cli("diff", "sigmoid", "--format", "latex")
    assert latex.status == 0, latex.err
    assert r"\sigma" in latex.out
    python = cli("diff", "sigmoid", "--format", "python")
    assert python.status == 0, python.err
    x = 0.4
    s = 1 / (1 + math.exp(-x))
    value = eval(python.out.strip(), {"math": math, "x": x})  # noqa: S307 - our printer's output
    assert value == pytest.approx(s * (1 - s))


def test_diff_order_and_parameters(cli: Cli) -> None:
    symbolic = cli("diff", "elu", "--format", "python")
    assert symbolic.status == 0, symbolic.err
    assert "alpha" in symbolic.out
    at_defaults = cli("diff", "elu", "--format", "python", "--defaults")
    assert at_defaults.status == 0, at_defaults.err
    assert "alpha" not in at_defaults.out
    second = cli("diff", "tanh", "-n", "2")
    assert second.status == 0, second.err
    assert second.out.startswith("d²/dx² tanh(x) =")


def test_diff_formula(cli: Cli) -> None:
    result = cli("diff", "x*sigmoid(x)", "--format", "python")
    assert result.status == 0, result.err
    x = -1.3
    s = 1 / (1 + math.exp(-x))
    value = eval(result.out.strip(), {"math": math, "x": x})  # noqa: S307
    assert value == pytest.approx(s + x * s * (1 - s))


@pytest.mark.parametrize("order", ["0", "11", "two"])
def test_diff_rejects_bad_order(cli: Cli, order: str) -> None:
    assert cli("diff", "gelu", "-n", order).status == 2


def test_diff_unknown_name(cli: Cli) -> None:
    assert_one_line_error(cli("diff", "sigmoud"), "unknown activation 'sigmoud'", "sigmoid")


@pytest.mark.parametrize(
    "formula", ["x +* 2", "__import__('os').system('echo hacked')", "x**9**9**9", "exp(x"]
)
def test_diff_bad_formula(cli: Cli, formula: str) -> None:
    assert_one_line_error(cli("diff", formula))


# ---------------------------------------------------------------------------------------------
# derive


def test_derive_mish_formula(cli: Cli) -> None:
    result = cli("derive", "x*tanh(softplus(x))")
    assert result.status == 0, result.err
    for name in FACT_NAMES:
        if name not in WITH_FRAMEWORKS:  # a formula has no framework names
            assert f"  {name} " in result.out, name


def test_derive_with_parameters_json(cli: Cli) -> None:
    result = cli("derive", "x*sigmoid(beta*x)", "--param", "beta=1", "--name", "my_swish", "--json")
    assert result.status == 0, result.err
    data = json.loads(result.out)
    assert data["name"] == "my_swish"
    assert data["params"] == {"beta": 1}
    assert set(data["facts"]) == set(FACT_NAMES)
    # at β = 1 it is SiLU, and Swish-β at its default
    same = {m["name"]: m for m in data["same_as"]}
    assert same["silu"]["params"] == {} and same["silu"]["at_defaults"]
    assert same["swish_beta"]["params"] == {"beta": 1.0}
    assert {m["how"] for m in same.values()} <= {"exact", "numeric"}


def test_derive_says_which_entry_a_formula_is(cli: Cli) -> None:
    result = cli("derive", "where(x > 0, x, 2*expm1(x))")
    assert result.status == 0, result.err
    assert "Same function as: elu (alpha = 2), exact" in result.out
    novel = cli("derive", "sin(x)**3 + x/7", "--json")
    assert novel.status == 0, novel.err
    assert json.loads(novel.out)["same_as"] == []


@pytest.mark.parametrize(
    "args",
    [
        ["x +* 2"],
        ["open('/etc/passwd').read()"],
        ["x*sigmoid(beta*x)"],  # beta is not declared
        ["x", "--param", "beta"],
        ["x", "--param", "beta=abc"],
        ["x", "--name", "Not A Name"],
    ],
)
def test_derive_bad_input(cli: Cli, args: list[str]) -> None:
    result = cli("derive", *args)
    assert result.status == 2, result
    assert "Traceback" not in result.err
    # Our own errors are one line; argparse prints its usage, then one "error:" line.
    last = result.err.strip().splitlines()[-1]
    assert last.startswith(("symact: ", "symact derive: error: ")), result.err


# ---------------------------------------------------------------------------------------------
# Pipes and terminals without Unicode


def _run(repo_root: Path, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "symact", *args],
        capture_output=True,
        cwd=repo_root,
        env={**os.environ, **env},
        timeout=300,
        check=False,
    )


def test_ascii_terminal(repo_root: Path) -> None:
    proc = _run(repo_root, "diff", "sigmoid", PYTHONIOENCODING="ascii")
    assert proc.returncode == 0, proc.stderr
    text = proc.stdout.decode("ascii")
    assert "sigmoid(x)" in text
    proc = _run(repo_root, "show", "gelu", PYTHONIOENCODING="ascii")
    assert proc.returncode == 0, proc.stderr
    proc.stdout.decode("ascii")
    # JSON stays lossless: non-ASCII characters become \u escapes.
    ascii_json = _run(repo_root, "show", "gelu", "--json", PYTHONIOENCODING="ascii")
    utf8_json = _run(repo_root, "show", "gelu", "--json", PYTHONIOENCODING="utf-8")
    assert ascii_json.returncode == 0 and utf8_json.returncode == 0
    assert json.loads(ascii_json.stdout.decode("ascii")) == json.loads(utf8_json.stdout)


def test_closed_pipe_is_quiet(repo_root: Path) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "symact", "list"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=repo_root,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before symact writes
    err = proc.stderr.read()
    proc.wait(timeout=60)
    proc.stderr.close()
    assert b"Traceback" not in err
    assert proc.returncode in (0, 141)


def test_site_build_into_a_file_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "not-a-dir"
    target.write_text("keep me", encoding="utf-8")
    result = cli("site", "build", "--out", str(target))
    assert_one_line_error(result, "not a directory")
    assert target.read_text(encoding="utf-8") == "keep me"


@pytest.mark.parametrize("address", ["8000", "localhost:", ":80", "host:99999", "a:b"])
def test_site_serve_bad_address_is_a_usage_error(cli: Cli, address: str) -> None:
    result = cli("site", "serve", "--address", address)
    assert result.status == 2 and "HOST:PORT" in result.err


def test_site_needs_an_action(cli: Cli) -> None:
    assert cli("site").status == 2
