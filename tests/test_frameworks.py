"""The declarations against the frameworks themselves: every declared PyTorch or JAX name,
called with its declared defaults, agrees with the SymPy expression, and the declared
gradients at kinks are what the framework's autodiff returns."""

from __future__ import annotations

import ast
import importlib
import importlib.util
import inspect
import json
import re
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
import sympy as sp

from symact.catalog import ACTIVATIONS
from symact.declare import Activation, FrameworkName, Number, X

RTOL = 1e-12

#: 50 float64 points in [-8, 8], on a grid that misses every kink of the catalogue
#: (0, ±1/2, ±1, ±3, 6, 10⁻⁶) by at least 0.01.
POINTS = [-8 + 0.0731 + 0.32 * k for k in range(50)]

#: Documented differences between a framework's float64 implementation and the mathematics,
#: as the interval of sample points that are compared (all others are skipped).
EXCEPTIONS: dict[tuple[str, str], tuple[float, float, str]] = {
    # x/2·(1 + erf(x/√2)) cancels for x ≪ 0 (PyTorch computes it this way): field notes.
    ("pytorch", "gelu"): (-3.5, 8.0, "1 + erf(x/√2) cancels for x ≪ 0"),
    # 1 + tanh(z) cancels for z ≪ 0 in the tanh approximation (both frameworks): field notes.
    ("pytorch", "gelu_tanh"): (-4.0, 8.0, "1 + tanh(z) cancels for z ≪ 0"),
    ("jax", "gelu_tanh"): (-4.0, 8.0, "1 + tanh(z) cancels for z ≪ 0"),
}


#: Tolerance of the autograd-versus-derivative check, and its documented exceptions.
GRAD_RTOL = 1e-9
GRAD_RTOL_EXCEPTIONS: dict[str, float] = {
    # PyTorch 2.13's hardsigmoid backward multiplies by 1/6 rounded to float32
    # (0.1666666716...), even for float64 tensors: measured here.
    "hardsigmoid": 1e-7,
}


def _number(value: Number) -> float:
    """A declared number as a float: ints, floats and exact strings such as "1/8"."""
    return float(sp.Rational(str(value)))


def _exact(value: Number) -> sp.Expr:
    return sp.Rational(str(value))


def _declared(framework: str) -> list[tuple[Activation, FrameworkName]]:
    return [
        (act, fw)
        for act in ACTIVATIONS.values()
        for fw in act.frameworks
        if fw.framework == framework
    ]


def _params(act: Activation, fw: FrameworkName) -> dict[str, sp.Expr]:
    """Parameter values for the expression: call arguments whose name is a parameter."""
    return {
        k: _exact(v)
        for k, v in fw.call.items()
        if k in act.symbols and not isinstance(v, bool) and v is not None
    }


def _reference(act: Activation, params: dict[str, sp.Expr]) -> Callable[[float], float]:
    expr = act.at(**params)

    def value(x: float) -> float:
        return float(sp.N(expr.subs(X, sp.Rational(x)), 30))

    return value


def _points(framework: str, act: Activation) -> list[float]:
    lo, hi, _ = EXCEPTIONS.get((framework, act.name), (-8.0, 8.0, ""))
    return [x for x in POINTS if lo <= x <= hi]


def _close(got: float, expected: float) -> bool:
    return abs(got - expected) <= RTOL * abs(expected) + 1e-300


TORCH = _declared("pytorch")
JAX = _declared("jax")
TORCH_KINKS = [(act, fw) for act, fw in TORCH if fw.gradient_at]
JAX_KINKS = [(act, fw) for act, fw in JAX if fw.gradient_at]


def _ids(pairs: list[tuple[Activation, FrameworkName]]) -> list[str]:
    return [act.name for act, _ in pairs]


def _torch_call(act: Activation, fw: FrameworkName) -> Callable[[Any], Any]:
    torch = pytest.importorskip("torch")
    functional = importlib.import_module("torch.nn.functional")
    fn = getattr(functional, fw.name.rsplit(".", 1)[1])
    kwargs = fw.kwargs
    if act.name == "prelu":
        weight = torch.tensor([float(act.defaults["a"])], dtype=torch.float64)
        return lambda t: fn(t, weight)
    return lambda t: fn(t, **kwargs)


@pytest.mark.parametrize(("act", "fw"), TORCH, ids=_ids(TORCH))
def test_torch_matches_the_expression(act: Activation, fw: FrameworkName) -> None:
    torch = pytest.importorskip("torch")
    call = _torch_call(act, fw)
    reference = _reference(act, _params(act, fw))
    points = _points("pytorch", act)
    got = call(torch.tensor(points, dtype=torch.float64)).tolist()
    bad = [(x, g, reference(x)) for x, g in zip(points, got, strict=True)]
    bad = [b for b in bad if not _close(b[1], b[2])]
    assert not bad, bad[:5]


@pytest.mark.parametrize(("act", "fw"), TORCH_KINKS, ids=_ids(TORCH_KINKS))
def test_torch_gradient_at_kinks(act: Activation, fw: FrameworkName) -> None:
    torch = pytest.importorskip("torch")
    call = _torch_call(act, fw)
    for point, declared in fw.gradient_at.items():
        t = torch.tensor(_number(point), dtype=torch.float64, requires_grad=True)
        call(t).backward()
        assert t.grad is not None
        assert _close(t.grad.item(), _number(declared)), (point, t.grad.item(), declared)


@pytest.mark.parametrize(("act", "fw"), TORCH, ids=_ids(TORCH))
def test_torch_autograd_matches_the_derivative_away_from_kinks(
    act: Activation, fw: FrameworkName
) -> None:
    torch = pytest.importorskip("torch")
    call = _torch_call(act, fw)
    derivative = sp.diff(act.at(**_params(act, fw)), X)
    points = [x for x in _points("pytorch", act) if -4 <= x <= 4]
    t = torch.tensor(points, dtype=torch.float64, requires_grad=True)
    call(t).sum().backward()
    assert t.grad is not None
    for x, g in zip(points, t.grad.tolist(), strict=True):
        expected = float(sp.N(derivative.subs(X, sp.Rational(x)), 30))
        rtol = GRAD_RTOL_EXCEPTIONS.get(act.name, GRAD_RTOL)
        assert abs(g - expected) <= rtol * max(1.0, abs(expected)), (x, g, expected)


#: JAX runs in a child process: it starts threads, and the analysis forks (its time budgets), which
#: JAX rightly warns may deadlock. The child evaluates every declared JAX function and gradient.
_JAX_CHILD = """
import inspect, json, sys
import jax, jax.numpy as jnp
jax.config.update("jax_enable_x64", True)
import jax.nn as nn
out = {}
for job in json.load(sys.stdin):
    fn, kw = getattr(nn, job["fn"]), job["kwargs"]
    call = lambda a, fn=fn, kw=kw: fn(a, **kw)
    values = [float(v) for v in call(jnp.asarray(job["points"], dtype=jnp.float64))]
    grads = [float(jax.grad(call)(jnp.float64(p))) for p in job["kinks"]]
    own = {
        k: p.default
        for k, p in inspect.signature(fn).parameters.items()
        if p.default is not inspect.Parameter.empty
    }
    out[job["name"]] = {"values": values, "grads": grads, "defaults": own}
json.dump(out, sys.stdout)
"""


@pytest.fixture(scope="module")
def jax_results() -> dict[str, dict[str, list[float]]]:
    if importlib.util.find_spec("jax") is None:
        pytest.skip("jax is not installed")
    jobs = [
        {
            "name": act.name,
            "fn": fw.name.rsplit(".", 1)[1],
            "kwargs": fw.kwargs,
            "points": _points("jax", act),
            "kinks": [_number(p) for p in fw.gradient_at],
        }
        for act, fw in JAX
    ]
    child = subprocess.run(  # noqa: S603 - a fixed script of ours, not input
        [sys.executable, "-c", _JAX_CHILD],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    return json.loads(child.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("act", "fw"), JAX, ids=_ids(JAX))
def test_jax_matches_the_expression(
    act: Activation, fw: FrameworkName, jax_results: dict[str, dict[str, list[float]]]
) -> None:
    reference = _reference(act, _params(act, fw))
    points = _points("jax", act)
    got = jax_results[act.name]["values"]
    bad = [(x, g, reference(x)) for x, g in zip(points, got, strict=True)]
    bad = [b for b in bad if not _close(b[1], b[2])]
    assert not bad, bad[:5]


@pytest.mark.parametrize(("act", "fw"), JAX_KINKS, ids=_ids(JAX_KINKS))
def test_jax_gradient_at_kinks(
    act: Activation, fw: FrameworkName, jax_results: dict[str, dict[str, list[float]]]
) -> None:
    grads = jax_results[act.name]["grads"]
    for (point, declared), g in zip(fw.gradient_at.items(), grads, strict=True):
        assert _close(g, _number(declared)), (point, g, declared)


def _torch_defaults(fn: Any) -> dict[str, Any]:
    """PyTorch's own defaults of `fn`: from its signature, or for a builtin from the first line
    of its docstring (`gelu(input, approximate = 'none') -> Tensor`)."""
    try:
        params = inspect.signature(fn).parameters.values()
        return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}
    except ValueError:
        head = (fn.__doc__ or "").strip().splitlines()[0]
        args = re.findall(r"(\w+)\s*=\s*([^,)]+)", head.partition("->")[0])
        return {k: ast.literal_eval(v.strip()) for k, v in args}


def _same(declared: Any, own: Any) -> bool:
    if isinstance(declared, bool) or declared is None or isinstance(own, str):
        return type(declared) is type(own) and declared == own
    return float(sp.Rational(str(declared))) == float(own)  # PyTorch's 1/3 is a float


@pytest.mark.parametrize(("act", "fw"), TORCH, ids=_ids(TORCH))
def test_torch_defaults_are_pytorchs_own(act: Activation, fw: FrameworkName) -> None:
    """The declared `defaults` are what PyTorch uses without the argument (read from the
    installed PyTorch); an argument missing from them has no default there."""
    pytest.importorskip("torch")
    functional = importlib.import_module("torch.nn.functional")
    own = _torch_defaults(getattr(functional, fw.name.rsplit(".", 1)[1]))
    for key in fw.call:
        assert (key in fw.defaults) == (key in own), (fw.name, key, own)
        if key in own:
            assert _same(fw.defaults[key], own[key]), (fw.name, key, fw.defaults[key], own[key])


@pytest.mark.parametrize(("act", "fw"), JAX, ids=_ids(JAX))
def test_jax_defaults_are_jaxs_own(
    act: Activation, fw: FrameworkName, jax_results: dict[str, dict[str, Any]]
) -> None:
    own = jax_results[act.name]["defaults"]
    for key in fw.call:
        assert (key in fw.defaults) == (key in own), (fw.name, key, own)
        if key in own:
            assert _same(fw.defaults[key], own[key]), (fw.name, key, fw.defaults[key], own[key])
