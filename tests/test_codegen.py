"""Generated code (`symact.numerics.codegen`) against the NumPy functions, for every catalogue
entry: NumPy run in-process, C compiled with gcc, JavaScript run in Node; PyTorch autograd and
jax.grad of the generated f against symact's derivative; and the `symact codegen` command."""

from __future__ import annotations

import importlib.util
import json
import math
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp
from conftest import CliResult

import symact
from symact.catalog import ACTIVATIONS, get
from symact.declare import X
from symact.numerics import make_plan, numpy_function
from symact.numerics.codegen import TARGETS, generate, source_name

NAMES = sorted(ACTIVATIONS)
ORDERS = (0, 1)

#: Tolerance of generated code against the NumPy function: 1e-13 relative, about 450 ULP.
#: Both evaluate the same stable expression with the same operations, so they agree to a few
#: ULP wherever the expression is well conditioned; what differs is the library (glibc's erfc
#: or Cody's in JavaScript against SciPy's ndtr, V8's Math.tanh against NumPy's), each within
#: an ULP or two, and the constants (folded into one literal here, rounded separately by
#: lambdify there). A library's ULP can be amplified by the condition number of the rest of
#: the expression: exp(−x²/2) near x = 38 turns a relative error δ of its argument into 722δ.
#: Below the smallest normal float, where SciPy flushes some subnormals (expit(−720) = 0),
#: values agree to the smallest normal. inf and NaN must agree exactly: a spurious one fails.
RTOL = 1e-13
TINY = np.finfo(np.float64).tiny

#: Inputs across the whole range: huge, the overflow edges of exp, the usual tail thresholds,
#: a grid on [−8, 8], tiny, signed zeros, ±inf and NaN; each entry adds the points around the
#: boundaries of its own branches.
SPECIAL = [
    *(
        s * v
        for v in (1e300, 1e100, 1e10, 1e5, 1000.0, 800.0, 750.0, 745.5, 740.0)
        for s in (1, -1)
    ),
    *(s * v for v in (709.5, 700.0, 100.0, 50.0, 40.0, 38.5, 30.0, 20.0, 12.0) for s in (1, -1)),
    *(s * v for v in (1e-300, 1e-200, 1e-10, 1e-6) for s in (1, -1)),
    0.0,
    -0.0,
    math.inf,
    -math.inf,
    math.nan,
]
GRID = [-8 + 0.0731 + 0.32 * k for k in range(50)]


def _boundaries(name: str, n: int) -> list[float]:
    """Numbers the plan compares x with, and their neighbours: where branches meet."""
    out: list[float] = []
    for rel in make_plan(get(name), n).expression.atoms(sp.Rel):
        for side in rel.args:
            if side.is_number and side.is_finite:
                b = float(side)
                out += [b, math.nextafter(b, -math.inf), math.nextafter(b, math.inf)]
                out += [b * (1 - 1e-9), b * (1 + 1e-9)]
    return out


def points(name: str, n: int) -> list[float]:
    return [*SPECIAL, *GRID, *_boundaries(name, n)]


def _close(got: float, want: float, rtol: float = RTOL) -> bool:
    if math.isnan(want) or math.isinf(want):
        return math.isnan(got) if math.isnan(want) else got == want
    if not math.isfinite(got):
        return False
    if abs(want) < TINY:
        return abs(got - want) <= TINY
    return abs(got - want) <= rtol * abs(want)


#: Where the stable expression itself loses digits to cancellation, so that two libraries'
#: last-bit differences are amplified beyond RTOL (the NumPy function is off there too).
CANCELS: dict[str, tuple[float, str]] = {
    "squareplus": (1e-9, "1 + x/hypot(x, 2) in f' cancels for x ≪ 0 (f' is off by 6e-11 at -1000)"),
    "tanhshrink": (
        1e-11,
        "x − tanh x cancels just outside the Taylor radius 1/16: 3/x² "
        "amplifies tanh's last bit (test_numerics lists it as inaccurate)",
    ),
}


def _misses(
    xs: list[float], got: list[float], want: list[float], rtols: list[float] | None = None
) -> list[tuple[float, ...]]:
    rtols = rtols or [RTOL] * len(xs)
    return [
        (x, g, w) for x, g, w, r in zip(xs, got, want, rtols, strict=True) if not _close(g, w, r)
    ]


def _expected(name: str, n: int, xs: list[float]) -> list[float]:
    return [float(v) for v in numpy_function(get(name), n)(np.array(xs))]


def _rtols(name: str, n: int, xs: list[float]) -> list[float]:
    """RTOL plus 8 ULP times the condition number |x·f'(x)/f(x)|, estimated by central
    differences (h = 1e-6 relative) of the NumPy function: one library's last-bit error in an
    argument is amplified that much by the rest of the expression."""
    base = CANCELS.get(name, (RTOL, ""))[0]
    a = np.array(xs)
    f = numpy_function(get(name), n)
    with np.errstate(all="ignore"):
        lo, mid, hi = f(a * (1 - 1e-6)), f(a), f(a * (1 + 1e-6))
        cond = np.abs((hi - lo) / (2e-6 * mid))
    cond = np.where(np.isfinite(cond), cond, 0.0)
    return [base + 8 * 2.0**-52 * float(c) for c in cond]


def _cases(orders: tuple[int, ...] = ORDERS) -> list[Any]:
    return [
        pytest.param(name, n, id=name if n == 0 else f"{name}-d{n}")
        for name in NAMES
        for n in orders
    ]


# ---------------------------------------------------------------------------------------------
# NumPy


def _load_python(code: str, name: str) -> Callable[..., Any]:
    namespace: dict[str, Any] = {}
    exec(compile(code, f"<generated {name}>", "exec"), namespace)  # noqa: S102 - our output
    return namespace[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "n"), _cases())
def test_numpy_target_matches_the_numpy_function(name: str, n: int) -> None:
    code = generate(get(name), "numpy", n)
    f = _load_python(code, source_name(name, n, "numpy"))
    xs = points(name, n)
    got = [float(v) for v in f(np.array(xs))]
    assert not _misses(xs, got, _expected(name, n, xs), _rtols(name, n, xs)), code
    scalar = f(0.5)
    assert isinstance(scalar, np.float64)
    assert _close(float(scalar), _expected(name, n, [0.5])[0])


# ---------------------------------------------------------------------------------------------
# C


_C_MAIN = """
#include <stdio.h>
int main(void)
{
    double x;
    while (scanf("%lf", &x) == 1) {
        printf("%.17g %.17g\\n", FUNCTION0(x), FUNCTION1(x));
    }
    return 0;
}
"""


@pytest.fixture(scope="session")
def gcc() -> str:
    path = shutil.which("gcc")
    if path is None:
        pytest.skip("gcc is not installed")
    return path


@pytest.mark.parametrize("name", NAMES)
def test_c_target_compiles_and_matches(name: str, gcc: str, tmp_path: Path) -> None:
    codes = [generate(get(name), "c", n) for n in ORDERS]
    fns = [source_name(name, n, "c") for n in ORDERS]
    main = _C_MAIN.replace("FUNCTION0", fns[0]).replace("FUNCTION1", fns[1])
    src = tmp_path / f"{name}.c"
    src.write_text("\n".join(codes) + main)
    exe = tmp_path / name
    build = subprocess.run(  # noqa: S603 - gcc on our own generated file
        [gcc, "-O2", "-std=c99", "-Wall", "-Werror", str(src), "-o", str(exe), "-lm"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert build.returncode == 0, build.stderr
    xs = [*sorted({*points(name, 0), *points(name, 1)} - {math.nan}), math.nan]
    run = subprocess.run(  # noqa: S603 - the program just compiled
        [str(exe)],
        input="\n".join(repr(x) for x in xs) + "\n",
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    rows = [line.split() for line in run.stdout.splitlines()]
    assert len(rows) == len(xs)
    for n in ORDERS:
        got = [float(r[n]) for r in rows]
        assert not _misses(xs, got, _expected(name, n, xs), _rtols(name, n, xs)), codes[n]


# ---------------------------------------------------------------------------------------------
# JavaScript

#: Runs each job's code in its own context (generated snippets are standalone scripts) and
#: prints the values; inf and NaN travel as strings, JSON having neither.
_NODE_HARNESS = """
const vm = require('vm');
let input = '';
process.stdin.on('data', (d) => { input += d; });
process.stdin.on('end', () => {
  const out = [];
  for (const job of JSON.parse(input)) {
    const ctx = vm.createContext({});
    vm.runInContext(job.code + '\\n;globalThis.__f = ' + job.name + ';', ctx);
    out.push(job.points.map((p) => {
      const v = ctx.__f(Number(p));
      return Number.isFinite(v) ? v : String(v);
    }));
  }
  process.stdout.write(JSON.stringify(out));
});
"""


def _json_number(x: float) -> float | str:
    return x if math.isfinite(x) else {"inf": "Infinity", "-inf": "-Infinity"}.get(repr(x), "NaN")


@pytest.fixture(scope="session")
def node() -> str:
    path = shutil.which("node")
    if path is None:
        pytest.skip("node is not installed")
    return path


def run_node(node: str, jobs: list[dict[str, Any]]) -> list[list[float]]:
    run = subprocess.run(  # noqa: S603 - node on our own generated code
        [node, "-e", _NODE_HARNESS],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return [[float(v) for v in values] for values in json.loads(run.stdout)]


@pytest.mark.parametrize("name", NAMES)
def test_js_target_runs_in_node_and_matches(name: str, node: str) -> None:
    codes = [generate(get(name), "js", n) for n in ORDERS]
    xs = [*sorted({*points(name, 0), *points(name, 1)} - {math.nan}), math.nan]
    jobs = [
        {"code": code, "name": source_name(name, n, "js"), "points": [_json_number(x) for x in xs]}
        for n, code in zip(ORDERS, codes, strict=True)
    ]
    results = run_node(node, jobs)
    for n, got in zip(ORDERS, results, strict=True):
        assert not _misses(xs, got, _expected(name, n, xs), _rtols(name, n, xs)), codes[n]


def test_js_erf_support_function_against_mpmath(node: str) -> None:
    """The JavaScript erf and erfc alone against mpmath, to 1e-15 relative (about 4 ULP)."""
    mp = pytest.importorskip("mpmath")
    code = generate(get("erf"), "js")
    xs = [s * 10**e for e in np.linspace(-8, math.log10(27), 400) for s in (1, -1)]
    xs += [0.46875, -0.46875, 0.5, 4.0, -4.0, 4.0000001, 26.5, 27.2]
    jobs = [
        {"code": code, "name": fn, "points": [_json_number(x) for x in xs]}
        for fn in ("erf", "erfc")
    ]
    got_erf, got_erfc = run_node(node, jobs)
    with mp.workdps(40):
        for x, e, c in zip(xs, got_erf, got_erfc, strict=True):
            te, tc = float(mp.erf(x)), float(mp.erfc(x))
            assert abs(e - te) <= 1e-15 * abs(te), (x, e, te)
            if tc >= TINY:
                assert abs(c - tc) <= 1e-15 * abs(tc), (x, c, tc)
            else:
                assert abs(c - tc) <= TINY, (x, c, tc)


# ---------------------------------------------------------------------------------------------
# Autograd: PyTorch in process, JAX in a child process

#: Autograd against the symbolic derivative: relative 1e-12, plus an absolute 1e-17·max(1, |f|)
#: for the tails, where f is replaced by its asymptote to 2⁻⁶⁰ (f = 1 beyond x ≈ 41.6 for the
#: sigmoid, whose derivative is below 2⁻⁶⁰ ≈ 8.7e-19 there; autograd of the constant says 0).
GRAD_RTOL = 1e-12


def _grad_close(g: float, d: float, f: float) -> bool:
    return math.isfinite(g) and abs(g - d) <= GRAD_RTOL * abs(d) + 1e-17 * max(1.0, abs(f))


def grad_points(name: str) -> list[float]:
    """Points away from kinks: the grid (0.01 from 0, ±1/2, ±1, ±3, 6, 10⁻⁶) on [−4, 4], none
    within 1e-3 relative of a branch boundary. Not further out: there the derivative's own
    terms cancel (GELU' = Φ(x) + x·φ(x) for x ≪ 0), and autograd adds them as written."""
    edges = [b for b in _boundaries(name, 0) if b != 0]
    candidates = [x for x in GRID if -4 <= x <= 4]
    return [x for x in candidates if all(abs(x - b) > 1e-3 * max(1.0, abs(b)) for b in edges)]


def _derivative_misses(name: str, xs: list[float], grads: list[float]) -> list[tuple[float, ...]]:
    """Points where autograd disagrees with numpy_function(act, 1) and also with the symbolic
    derivative evaluated to 30 digits (numpy_function(act, 1) is itself off at a few points:
    squareplus' at −1000, where 1 + x/hypot(x, 2) cancels)."""
    d = _expected(name, 1, xs)
    f = _expected(name, 0, xs)
    misses = [
        (x, g, di, fi)
        for x, g, di, fi in zip(xs, grads, d, f, strict=True)
        if math.isfinite(di) and not _grad_close(g, di, fi)
    ]
    if not misses:
        return []
    exact = symact.derivative(get(name), 1, at_defaults=True)
    out = []
    for x, g, di, fi in misses:
        truth = float(sp.N(exact.subs(X, sp.Rational(x)), 30))
        if not _grad_close(g, truth, fi):
            out.append((x, g, di, truth))
    return out


def _nan_points(name: str) -> list[float]:
    """Finite points for the no-NaN-gradient checks: all but subnormals, where the quotient
    rule of sin(x)/x (sinc) squares x to 0 — the plan has no series branch at 0 there."""
    return [x for x in points(name, 0) if math.isfinite(x) and (x == 0 or abs(x) >= TINY)]


def _torch_grad(torch: Any, y: Any, t: Any) -> list[float]:
    """d(sum y)/dt; 0 where y is a constant (a step function's output has no graph)."""
    if not y.requires_grad:
        return [0.0] * len(t)
    (g,) = torch.autograd.grad(y.sum(), t, allow_unused=True, materialize_grads=True)
    return [float(v) for v in g]


@pytest.fixture(scope="session")
def torch() -> Any:
    return pytest.importorskip("torch")


@pytest.mark.parametrize("name", NAMES)
def test_torch_autograd_matches_the_derivative(name: str, torch: Any) -> None:
    code = generate(get(name), "torch")
    f = _load_python(code, source_name(name, 0, "torch"))
    xs = grad_points(name)
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    y = f(t)
    assert y.dtype == torch.float64
    values = [float(v) for v in y.detach()]
    assert not _misses(xs, values, _expected(name, 0, xs), _rtols(name, 0, xs)), code
    assert not _derivative_misses(name, xs, _torch_grad(torch, y, t)), code


@pytest.mark.parametrize("name", NAMES)
def test_torch_gradients_are_never_nan(name: str, torch: Any) -> None:
    """The double where: no NaN gradient from a branch that is not taken, anywhere."""
    code = generate(get(name), "torch")
    f = _load_python(code, source_name(name, 0, "torch"))
    xs = _nan_points(name)
    t = torch.tensor(xs, dtype=torch.float64, requires_grad=True)
    g = _torch_grad(torch, f(t), t)
    d = _expected(name, 1, xs)
    bad = [(x, gi) for x, gi, di in zip(xs, g, d, strict=True) if math.isnan(gi)]
    bad = [(x, gi) for x, gi in bad if not math.isnan(d[xs.index(x)])]
    assert not bad, code


#: JAX in a child process (it starts threads; the analysis forks). The child execs each
#: generated function and returns its values and jax.grad at the points.
_JAX_CHILD = """
import json, math, sys
import jax
jax.config.update("jax_enable_x64", True)
import jax.numpy as jnp
out = {}
for job in json.load(sys.stdin):
    ns = {}
    exec(job["code"], ns)
    f = ns[job["name"]]
    x = jnp.asarray(job["points"], dtype=jnp.float64)
    grads = jax.vmap(jax.grad(f))(x)
    nan_x = jnp.asarray(job["all_points"], dtype=jnp.float64)
    nan_grads = jax.vmap(jax.grad(f))(nan_x)
    out[job["key"]] = {
        "values": [float(v) for v in f(x)],
        "grads": [float(v) for v in grads],
        "all_grads": [repr(float(v)) for v in nan_grads],
    }
json.dump(out, sys.stdout)
"""


@pytest.fixture(scope="module")
def jax_results() -> dict[str, dict[str, list[Any]]]:
    if importlib.util.find_spec("jax") is None:
        pytest.skip("jax is not installed")
    jobs = [
        {
            "key": name,
            "name": source_name(name, 0, "jax"),
            "code": generate(get(name), "jax"),
            "points": grad_points(name),
            "all_points": _nan_points(name),
        }
        for name in NAMES
    ]
    child = subprocess.run(  # noqa: S603 - a fixed script of ours, on our generated code
        [sys.executable, "-c", _JAX_CHILD],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-3000:]
    return json.loads(child.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", NAMES)
def test_jax_grad_matches_the_derivative(
    name: str, jax_results: dict[str, dict[str, list[Any]]]
) -> None:
    xs = grad_points(name)
    result = jax_results[name]
    assert not _misses(xs, result["values"], _expected(name, 0, xs), _rtols(name, 0, xs))
    assert not _derivative_misses(name, xs, result["grads"])
    all_xs = _nan_points(name)
    d = _expected(name, 1, all_xs)
    grads = [float(g) for g in result["all_grads"]]
    bad = [
        (x, g)
        for x, g, di in zip(all_xs, grads, d, strict=True)
        if math.isnan(g) and not math.isnan(di)
    ]
    assert not bad


# ---------------------------------------------------------------------------------------------
# What the code says about itself


@pytest.mark.parametrize("target", TARGETS)
def test_output_names_formula_parameters_and_origin(target: str) -> None:
    code = generate(get("elu"), target, 1, alpha=2)
    assert "elu_d1" in code
    assert "alpha = 2" in code
    assert "Generated by symact" in code
    assert "--derivative 1" in code
    assert "f'(x) =" in code


def test_parameters_change_the_code() -> None:
    act = get("leaky_relu")
    p = act.params[0].name
    f = _load_python(generate(act, "numpy", **{p: 0.25}), "leaky_relu")  # not reserved
    assert f(-2.0) == -0.5


def test_unknown_target() -> None:
    with pytest.raises(ValueError, match="unknown target"):
        generate(get("gelu"), "fortran")


def test_torch_printer_folds_constants(torch: Any) -> None:
    """SymPy's torch printer emits torch.sqrt(2), which fails on an int: folded here."""
    code = generate(get("gelu"), "torch", 1)
    assert "sqrt(2)" not in code
    assert "math." not in generate(get("erf"), "jax")


def test_js_support_function_only_when_needed() -> None:
    assert "function erfc" in generate(get("gelu"), "js")
    assert "function erfc" not in generate(get("silu"), "js")


#: isru' is x**-3, x**-5, x**-7 in its tails and hypot(x, 1)**-3 between them; softsign''
#: is (x - 1)**-3 for x < 0: how each target must write them (must appear, must not appear;
#: the numeric tests above check the values).
_POWERS: dict[str, tuple[list[str], list[str]]] = {
    "numpy": (
        ["/(x**2*x)", "numpy.hypot(x, 1)**(-3.0)", "numpy.abs((_p0 := x - 1))**3, _p0)"],
        ["x**(-", "x**3", "x**5", "x**7", "(x - 1)**"],
    ),
    "torch": (["((_p0 := x0**(-1))**2*_p0)"], ["x0**(-3)", "x0**(-5)", "x0**(-7)"]),
    "jax": (["x1**(-3)", "x1**(-7)", "jax.numpy.hypot(x2, 1)**(-3)"], ["**(-3.0)"]),
    # c·x⁻⁷ as (c/x⁴)/x³: neither power overflows before the quotient is far below normal
    "c": (["(x*x*x*x))/(x*x*x)", "pow(hypot(x, 1), -3)", "pow(x - 1, 3)"], ["pow(x,"]),
    "js": (["(x*x*x*x))/(x*x*x)", "Math.pow(Math.hypot(x, 1), -3)"], ["Math.pow(x,"]),
}


@pytest.mark.parametrize("target", TARGETS)
def test_small_integer_powers_of_x_are_multiplied_out(target: str) -> None:
    """A general power costs tens of multiplications (NumPy's np.power on negative numbers,
    C's pow): powers of x are products, negative ones differentiable (PyTorch) or integer
    (JAX, which multiplies them out itself); other bases keep the power's single rounding
    (NumPy: by magnitude, the base computed once)."""
    code = "".join(
        generate(get(name), target, n).split("*/" if target in ("c", "js") else '"""')[-1]
        for name, n in (("isru", 1), ("softsign", 2), ("arctan", 2))
    )  # the code after the docstring, which has the formula
    must, never = _POWERS[target]
    for text in must:
        assert text in code, (text, code)
    for text in never:
        assert text not in code, (text, code)


@pytest.mark.parametrize("target", ["numpy", "torch", "jax"])
def test_python_output_compiles(target: str) -> None:
    for name in ("gelu", "hardswish", "sinc"):
        compile(generate(get(name), target), name, "exec")


# ---------------------------------------------------------------------------------------------
# The command


Cli = Callable[..., CliResult]


def test_cli_codegen_prints_numpy_by_default(cli: Cli) -> None:
    result = cli("codegen", "gelu")
    assert result.status == 0, result.err
    assert result.out.rstrip("\n") == generate(get("gelu"), "numpy").rstrip("\n")


@pytest.mark.parametrize("target", TARGETS)
def test_cli_codegen_targets(cli: Cli, target: str) -> None:
    result = cli("codegen", "GELU", "--derivative", "1", "--target", target)
    assert result.status == 0, result.err
    assert "gelu_d1" in result.out


def test_cli_codegen_parameters(cli: Cli) -> None:
    result = cli("codegen", "elu", "--param", "alpha=1/2")
    assert result.status == 0, result.err
    assert "alpha = 1/2" in result.out
    result = cli("codegen", "elu", "--param", "alpha=0.25", "--target", "c")
    assert "alpha = 1/4" in result.out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("codegen", "gelo"), "unknown activation 'gelo'"),
        (("codegen", "gelu", "--target", "fortran"), "fortran"),
        (("codegen", "gelu", "--param", "alpha=2"), "alpha"),
        (("codegen", "elu", "--param", "alpha=1", "--param", "alpha=2"), "twice"),
    ],
    ids=["name", "target", "param", "twice"],
)
def test_cli_codegen_bad_input_is_one_line(cli: Cli, args: tuple[str, ...], needle: str) -> None:
    result = cli(*args)
    assert result.status == 2, result
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("symact: "), result.err
    assert "Traceback" not in result.err
    assert needle in lines[0]


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("codegen", "elu", "--param", "alpha=abc"), "alpha"),
        (("codegen", "elu", "--param", "alpha=1/0"), "zero"),
        (("codegen", "gelu", "--derivative", "4"), "between 0 and 3"),
        (("codegen", "gelu", "--derivative", "x"), "integer"),
    ],
    ids=["value", "zero", "order", "order-text"],
)
def test_cli_codegen_bad_arguments_are_usage_errors(
    cli: Cli, args: tuple[str, ...], needle: str
) -> None:
    """argparse's own errors: its usage, then one "error:" line; status 2, no traceback."""
    result = cli(*args)
    assert result.status == 2, result
    assert result.out == ""
    assert "Traceback" not in result.err
    assert needle in result.err.strip().splitlines()[-1]


@pytest.mark.parametrize("target", TARGETS)
def test_formula_in_docstring_is_drawn_as_symact_diff_draws_it(target: str) -> None:
    """The header quotes f as declared (Max kept, not the lifted branches) in the drawing
    `symact diff` and `symact show` print, and a derivative as derived."""
    from symact.report import format_derivative

    for name, n in (("mish", 0), ("relu6", 0), ("hardswish", 1)):
        act = get(name)
        formula = act.expr if n == 0 else make_plan(act, n).source
        drawn = format_derivative(formula, "pretty")
        code = generate(act, target, n)
        for line in drawn.splitlines():
            assert line.rstrip() in code, (name, n, line)
    assert "Piecewise" not in generate(get("relu6"), target)
    assert X.name == "x"


def test_printing_pytorch_code_does_not_import_torch():
    """SymPy's PyTorch printer module imports torch on import; codegen hides it (a site
    build's workers would carry 240 MB more into every forked step). The printer still
    works, and torch still imports afterwards."""
    script = (
        "import sys\n"
        "from symact.catalog import get\n"
        "from symact.numerics.codegen import generate\n"
        "code = generate(get('gelu'), 'torch')\n"
        "assert 'torch' not in sys.modules, 'torch was imported'\n"
        "assert 'torch.erf' in code or 'torch.special' in code, code\n"
        "import torch\n"
        "print(torch.__name__)\n"
    )
    run = subprocess.run(  # noqa: S603 - this interpreter on a fixed script
        [sys.executable, "-W", "error", "-c", script], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "torch"


@pytest.mark.parametrize("printer", ["numpy", "torch", "jax", "c", "javascript"])
def test_a_huge_rational_coefficient_is_printed_as_its_nearest_double(printer: str) -> None:
    """A tail series' coefficient p/q with 30-digit integers (pau's): no target takes such an
    integer literal (JAX refused it, C has no such `long long`); the nearest double is what
    every target computes with anyway."""
    from symact.numerics import codegen

    make = {
        "numpy": lambda: codegen._NumPyPrinter({"fully_qualified_modules": True}),
        "torch": lambda: codegen._TorchPrinter({"fully_qualified_modules": True}),
        "jax": lambda: codegen._JaxPrinter({"fully_qualified_modules": True}),
        "c": codegen._CPrinter,
        "javascript": codegen._JSPrinter,
    }[printer]
    c = sp.Rational(6195343570099512909856823410879, 1718571870539928026749064312500000000)
    for e in (c / X, c / X**3, -c * X):
        text = make().doprint(e)
        assert not re.search(r"\d{17,}", text.replace(repr(float(c)), "")), text
        assert repr(float(c)) in text, text
