"""The disk cache of numeric plans: a plan read back is the plan that was built (every field,
structurally and as `srepr`, and bit for bit once evaluated by NumPy), a fresh process reads it
instead of building, and a tampered or corrupt entry is ignored and rebuilt, never executed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

from symact import clear_caches
from symact._store import _graph
from symact.analysis._serial import load_expr
from symact.catalog import ACTIVATIONS, get
from symact.numerics import NumericFunction
from symact.numerics import _plan as P  # noqa: N812 - the module under test, short
from symact.numerics._nodes import NODES
from symact.numerics._plan import CACHE_FORMAT, Plan, build_plan, make_plan

#: (name, n, parameters): a Taylor polynomial near 0 (tanhshrink, sinc), asymptotic series and
#: limits as tails (arctan'', silu'), every numeric node a catalogue plan holds (ndtr, expit,
#: expit_prime, log_expit, hypot, log1p, sech_stable, logaddexp, …), a NaN at a kink (elu' at
#: α = 2), parameters given and defaulted to floats (softplus, selu).
CASES: list[tuple[str, int, dict[str, float]]] = [
    ("gelu", 0, {}),
    ("sigmoid", 1, {}),
    ("gelu_tanh", 2, {}),
    ("silu", 1, {}),
    ("mish", 1, {}),
    ("logsigmoid", 0, {}),
    ("logish", 0, {}),
    ("tanhshrink", 0, {}),
    ("sinc", 1, {}),
    ("arctan", 2, {}),
    ("squareplus", 0, {}),
    ("elu", 1, {"alpha": 2.0}),
    ("softplus", 0, {"beta": 3.0}),
    ("selu", 0, {}),
]


def _ids(case: tuple[str, int, dict[str, float]]) -> str:
    name, n, params = case
    return f"{name}-{n}" + "".join(f"-{k}={v}" for k, v in params.items())


def _fields(plan: Plan) -> list[str]:
    """Every field of `plan` as text (`srepr` for expressions)."""
    return [
        plan.name,
        str(plan.n),
        *(f"{k}={sp.srepr(v)}" for k, v in plan.params),
        sp.srepr(plan.source),
        *(f"{sp.srepr(b.expr)} if {sp.srepr(b.cond)}" for b in plan.branches),
        *(sp.srepr(v) for v in plan.at_infinity),
        *plan.notes,
    ]


def _refuse(*args: object) -> Plan:
    raise AssertionError("the plan was built, not read from the cache")


class Builds:
    """Counts (and keeps) the plans actually built, in place of the builder."""

    def __init__(self) -> None:
        self.plans: list[Plan] = []
        self._real = P._build_plan

    def __call__(self, *args: Any) -> Plan:
        plan = self._real(*args)
        self.plans.append(plan)
        return plan


@pytest.fixture(autouse=True)
def _fresh_memory() -> Iterator[None]:
    """Each test starts and ends without plans (or anything else) in memory, so the disk cache
    is what it tests."""
    clear_caches()
    yield
    clear_caches()


@pytest.fixture
def plans_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache directory for this test; the plans go in its `plans/` subdirectory."""
    monkeypatch.setenv("SYMACT_CACHE_DIR", str(tmp_path))
    return tmp_path / P.CACHE_KIND


def _built_and_read(
    directory: Path, name: str, n: int, params: dict[str, float]
) -> tuple[Plan, Plan]:
    """A plan built into an empty cache at `directory`, and the same plan read back from disk
    (with the builder refusing to run)."""
    builds = Builds()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SYMACT_CACHE_DIR", str(directory))
        mp.setattr(P, "_build_plan", builds)
        built = make_plan(get(name), n, **params)
        clear_caches()
        mp.setattr(P, "_build_plan", _refuse)
        read = make_plan(get(name), n, **params)
    clear_caches()
    assert builds.plans == [built] and builds.plans[0] is built
    assert read is not built
    return built, read


class Pairs:
    """`pairs(name, n, params)`: the plan built and the plan read back, once per module, each
    case in a cache directory of its own (`pairs.directory(name, n, params)`)."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        self._factory = factory
        self._memo: dict[str, tuple[Path, Plan, Plan]] = {}

    def _get(self, name: str, n: int, params: dict[str, float]) -> tuple[Path, Plan, Plan]:
        k = _ids((name, n, params))
        if k not in self._memo:
            d = self._factory.mktemp(k)
            self._memo[k] = (d, *_built_and_read(d, name, n, params))
        return self._memo[k]

    def __call__(self, name: str, n: int, params: dict[str, float]) -> tuple[Plan, Plan]:
        _, built, read = self._get(name, n, params)
        return built, read

    def directory(self, name: str, n: int, params: dict[str, float]) -> Path:
        return self._get(name, n, params)[0]


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> Pairs:
    return Pairs(tmp_path_factory)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_a_plan_read_back_is_the_plan_built(
    case: tuple[str, int, dict[str, float]],
    pairs: Pairs,
) -> None:
    built, read = pairs(*case)
    assert read == built
    assert _fields(read) == _fields(built)
    assert read.expression == built.expression
    assert all(type(a) is type(b) for a, b in zip(read.at_infinity, built.at_infinity, strict=True))


def test_the_cases_cover_every_numeric_node(
    pairs: Pairs,
) -> None:
    """The round trip above meets every class the cache reads beyond the analysis layer's
    (`expit`, `hypot`, …), except those no catalogue plan holds today."""
    held = {
        type(f).__name__
        for case in CASES
        for b in pairs(*case)[1].branches
        for f in b.expr.atoms(sp.Function)
    }
    assert set(P._NODE_CLASSES) - {"log_ndtr", "exp2", "log2"} <= held


#: Inputs over the whole float range: the tails, subnormals, signed zeros, ±inf and NaN.
GRID = np.concatenate(
    [
        np.linspace(-40.0, 40.0, 4001),
        np.geomspace(1e-320, 1.7e308, 2000),
        -np.geomspace(1e-320, 1.7e308, 2000),
        [0.0, -0.0, np.inf, -np.inf, np.nan, 5e-324, -5e-324, 1e-8, -1e-8],
    ]
)


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_numpy_from_a_cached_plan_is_bit_identical(
    case: tuple[str, int, dict[str, float]],
    pairs: Pairs,
) -> None:
    built, read = pairs(*case)
    with np.errstate(all="ignore"):
        want = np.asarray(NumericFunction(built)(GRID))
        got = np.asarray(NumericFunction(read)(GRID))
    assert want.dtype == got.dtype == np.float64
    assert np.array_equal(want.view(np.uint64), got.view(np.uint64))
    assert np.isfinite(got).any()


def test_a_fresh_process_reads_the_plan(pairs: Pairs, repo_root: Path) -> None:
    """A second process gets the plan from disk: its builder raises if it is ever called."""
    built, _ = pairs("gelu_tanh", 2, {})
    child = (
        "import json, sys\n"
        "from symact.catalog import get\n"
        "from symact.numerics import _plan as P\n"
        "def refuse(*args):\n"
        "    raise AssertionError('built')\n"
        "P._build_plan = refuse\n"
        "p = P.make_plan(get('gelu_tanh'), 2)\n"
        "sys.stdout.write(json.dumps(P._encode(p)))\n"
    )
    directory = pairs.directory("gelu_tanh", 2, {})
    env = {**os.environ, "PYTHONPATH": str(repo_root), "SYMACT_CACHE_DIR": str(directory)}
    out = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", child], env=env, capture_output=True, text=True, check=True
    )
    assert json.loads(out.stdout) == P._encode(built)
    assert len(list((directory / P.CACHE_KIND).glob("*.json"))) == 1


def test_parameters_and_orders_are_kept_apart(plans_dir: Path) -> None:
    act = get("leaky_relu")
    plans = [
        make_plan(act),
        make_plan(act, 1),
        make_plan(act, negative_slope=0.5),
        make_plan(act, negative_slope=sp.Rational(1, 100)),  # the default, given
    ]
    assert plans[2].params == (("negative_slope", sp.Rational(1, 2)),)
    assert len({tuple(_fields(p)) for p in plans}) == 4
    assert len(list(plans_dir.glob("*.json"))) == 4


def test_a_change_to_the_code_is_a_miss(plans_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_plan(get("relu"))
    builds = Builds()
    monkeypatch.setattr(P, "_build_plan", builds)
    real = P.STORE.fingerprint
    monkeypatch.setattr(P.STORE, "fingerprint", lambda: real() + " and another numerics")
    clear_caches()
    make_plan(get("relu"))
    assert len(builds.plans) == 1
    assert len(list(plans_dir.glob("*.json"))) == 2


def test_the_fingerprint_covers_what_builds_plans() -> None:
    root = Path(P.__file__).resolve().parent.parent
    files = {p.relative_to(root).as_posix() for p in _graph(P.STORE.depends_on)}
    assert {
        "numerics/_plan.py",
        "numerics/_nodes.py",
        "numerics/_rewrite.py",
        "numerics/_reference.py",
        "analysis/_derive.py",
        "analysis/_budget.py",
        "analysis/_serial.py",
        "declare.py",
        "functions.py",
    } <= files
    assert not files & {"numerics/codegen.py", "numerics/_vectorise.py", "catalog/__init__.py"}


def test_a_plan_that_would_not_read_back_is_not_stored(
    plans_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """silu's plan holds `expit`: with the nodes unknown to the reader it is returned, not
    stored (an entry that reads back different would change the output)."""
    monkeypatch.setattr(P, "_NODE_CLASSES", {})
    plan = make_plan(get("silu"))
    assert any(b.expr.has(NODES["expit"]) for b in plan.branches)
    assert not list(plans_dir.glob("*.json"))


MARKER = "symact-plan-cache-was-executed"


def _swap(field: str, value: object) -> Callable[[dict[str, Any]], object]:
    def edit(entry: dict[str, Any]) -> object:
        return {**entry, field: value}

    return edit


def _branch(expr: str) -> Callable[[dict[str, Any]], object]:
    def edit(entry: dict[str, Any]) -> object:
        return {**entry, "branches": [[expr, "true"], *entry["branches"]]}

    return edit


#: How an entry is spoiled: a function of the entry's JSON (or its text, for `str` results).
TAMPERED: dict[str, Callable[[dict[str, Any]], object]] = {
    "os.system in the source": _swap("source", f"__import__('os').system('touch {MARKER}')"),
    "os.system in a branch": _branch(f"__import__('os').system('touch {MARKER}')"),
    "eval in a branch": _branch(f"eval(\"__import__('os').system('touch {MARKER}')\")"),
    "attribute walk": _branch("Symbol('x').__class__.__base__.__subclasses__()"),
    "a symbol named with code": _branch(
        f"Symbol(\"__import__('os').system('touch {MARKER}')\", real=True)"
    ),
    "a symbol the plan does not hold": _branch("Symbol('z', real=True)"),
    "a symbol named with a newline": _branch("Symbol('x\\ny', real=True)"),
    "a tower of powers": _branch(
        "Pow(Pow(Pow(Integer(2), Integer(64)), Integer(64)), Integer(64))"
    ),
    "a huge number under a floor": _branch("floor(exp(Pow(Integer(2), Integer(60))))"),
    "lambda": _branch("(lambda: Integer(1))()"),
    "a class not whitelisted": _branch("Function('f')(Symbol('x'))"),
    "2 to a huge power": _swap("source", f"Pow(Integer(2), Integer({10**1000}))"),
    "a float of absurd precision": _branch("Float('1.5', precision=1000000000)"),
    "an integer from a string": _branch("Integer('1e100000000')"),
    "deep nesting": _branch("-" * 100_000 + "Integer(1)"),
    "a call a constructor refuses": _branch("exp(Integer(1), Integer(2))"),
    "a condition that is a number": lambda e: {**e, "branches": [["Integer(1)", "Integer(1)"]]},
    "an expression that is a condition": _swap("source", "true"),
    "n as text": _swap("n", "0"),
    "n as a float": _swap("n", 0.0),
    "n of another plan": _swap("n", 1),
    "another activation": _swap("name", "gelu"),
    "other parameters": _swap("params", [["alpha", "Integer(2)"]]),
    "notes not text": _swap("notes", [1, 2]),
    "branches a mapping": _swap("branches", {"a": 1}),
    "a branch of three": _swap("branches", [["Integer(1)", "true", "true"]]),
    "one limit": _swap("at_infinity", ["Integer(0)"]),
    "an expression as a number": _swap("source", 3),
    "another format": _swap("format", CACHE_FORMAT + 1),
    "a missing field": lambda e: {k: v for k, v in e.items() if k != "branches"},
    "a list, not an entry": lambda e: [e],
    "truncated JSON": lambda e: json.dumps(e)[: len(json.dumps(e)) // 2],
    "empty file": lambda e: "",
    "not UTF-8": lambda e: "\udcff\udcfe",
    "absurdly nested JSON": lambda e: "[" * 100_000 + "]" * 100_000,
}


@pytest.mark.parametrize("how", sorted(TAMPERED))
def test_a_tampered_entry_is_ignored_and_rebuilt(
    how: str, plans_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)  # where `touch MARKER` would land
    act = get("relu")
    original = make_plan(act)
    (path,) = plans_dir.glob("*.json")
    spoiled = TAMPERED[how](json.loads(path.read_text(encoding="utf-8")))
    text = spoiled if isinstance(spoiled, str) else json.dumps(spoiled)
    path.write_bytes(text.encode("utf-8", "surrogateescape"))

    builds = Builds()
    monkeypatch.setattr(P, "_build_plan", builds)
    clear_caches()
    rebuilt = make_plan(act)
    assert len(builds.plans) == 1
    assert _fields(rebuilt) == _fields(original)
    assert not (tmp_path / MARKER).exists()

    # the entry is whole again: the next process reads it
    monkeypatch.setattr(P, "_build_plan", _refuse)
    clear_caches()
    assert _fields(make_plan(act)) == _fields(original)


def test_build_plan_ignores_every_cache(plans_dir: Path) -> None:
    act = get("relu")
    assert _fields(build_plan(act, 1)) == _fields(make_plan(act, 1))
    assert build_plan(act, 1) is not build_plan(act, 1)
    assert len(list(plans_dir.glob("*.json"))) == 1
    with pytest.raises(ValueError, match="no parameter"):
        build_plan(act, 0, alpha=1.0)


def test_the_reader_needs_the_nodes_named() -> None:
    """The analysis layer's reader does not know the numeric nodes unless told: it never
    imports the numerics layer; and a name it knows cannot be redefined."""
    text = "expit(Symbol('x', real=True))"
    with pytest.raises(ValueError, match="not an allowed"):
        load_expr(text, names={"x"})
    x = sp.Symbol("x", real=True)
    assert load_expr(text, P._NODE_CLASSES, names={"x"}) == NODES["expit"](x)
    mixed = load_expr("Add(Integer(1), Symbol('y'))", {"Add": sp.Mul}, names={"y"})
    assert mixed == 1 + sp.Symbol("y")


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_catalogue_plan_is_cached_and_reads_back(name: str) -> None:
    """f, f' and f'' of every entry, in the session's cache (warm after the first run): each
    plan is on disk and what the next process reads is the plan this one has."""
    for n in range(3):
        plan = make_plan(get(name), n)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(P, "_build_plan", _refuse)
            clear_caches()
            read = make_plan(get(name), n)
        assert read == plan
        assert _fields(read) == _fields(plan)
