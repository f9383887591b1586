#!/usr/bin/env python3
"""Benchmark: symact's NumPy functions against hand-written NumPy, naive lambdify and PyTorch.

    .venv/bin/python scripts/bench_numerics.py [--only NAME ...] [--quick] [--no-accuracy]
    .venv/bin/python scripts/bench_numerics.py --kernels [--only NAME ...]

Speed: every catalogue function f and its first derivative f' on the same array of 10⁶ values
(10⁵ with `--quick`; normal with sd 5, 1% log-uniform up to ±10⁴), float64 and float32. The
time of each is the best of a few repeats, interleaved with one `np.exp` pass over the same
array, which is the unit: figures are in np.exp passes, measured in the same run. Ratios:

- ÷hand: to a careful hand-written NumPy/SciPy form of the same function (`scripts/handwritten.py`:
  one named, reviewed form of f and of f' per entry, written from the mathematics, stable and in
  the input's dtype, idiomatic rather than heroic; tests/test_handwritten.py checks each against
  mpmath), called with the same parameters as symact, float32 on the float32 array. It is timed
  in the same interleaved run as symact. Goals: median ≤ 1.25 and worst ≤ 2, for f and f',
  float64 and float32; piecewise-linear entries (`PIECEWISE_LINEAR`) ≤ 1.5 each.
- ÷naive: to `sympy.lambdify` of the declared expression (primitives in elementary form,
  modules scipy and numpy; f' is `sympy.diff` of it). Goal: ≤ 1 everywhere.
- ÷torch: to PyTorch on the CPU with one thread, where the catalogue names a PyTorch function
  (called with its declared defaults; symact is evaluated at the same parameters). For f' PyTorch
  runs autograd: the backward pass alone is timed (the forward pass is untimed). Goal: median
  ≤ 1, worst ≤ 2.
- mem: the peak memory the symact call allocates (tracemalloc, which NumPy reports to) for f,
  float64, in array sizes (the result itself is one).

Accuracy (float64, f and f'): `symact.numerics._accuracy.check` on
`grid(np.float64, breakpoints(plan))` for symact and for PyTorch: the largest error in ULPs, where
it is, and the number of points that miss the standard. Each activation is checked in a child
process with a time and memory limit (the mpmath reference can explode), `--jobs` at a time.
Speed and memory are only ever measured here, never asserted in tests.

`--kernels` measures instead the floor that NumPy and SciPy put under symact's time (about a
minute for ten activations, most of it building their plans; CPU time of the thread, which a
busy machine inflates less than wall time). First the cost of every kernel symact's NumPy
functions call (`KERNELS`: transcendental ufuncs, SciPy's special functions,
`symact.numerics._runtime`), of cheap passes (arithmetic, compare, where, take/put by index) and
of PyTorch's f, on the benchmark's array in both dtypes, in np.exp passes. Then, for f and f'
of each activation PyTorch has, its plan's kernel calls alone: each timed on the elements its
branch takes and the argument it gets there, in the cheapest way found (the function symact
calls, the same function from the other library, or fewer kernels: σ(u) and sech u from one
exp(−|u|), log(1 + eᵘ) from exp and log1p, an integer power by multiplication), float32 also in
float64; all cheap passes ignored. The sum is a LOWER BOUND on the time of any NumPy/SciPy
evaluation of the plan, so a ratio to PyTorch is at least its floor's ratio: where the floor
already misses a goal, no composition of these kernels meets it.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import importlib.util
import itertools
import json
import math
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import scipy.special
import sympy as sp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from symact.catalog import ACTIVATIONS, UnknownActivation, get  # noqa: E402
from symact.declare import Activation, FrameworkName, X  # noqa: E402
from symact.functions import to_elementary  # noqa: E402
from symact.numerics import _runtime as runtime  # noqa: E402
from symact.numerics import numpy_function  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from handwritten import HAND  # noqa: E402

Fn = Callable[[Any], Any]
SEED = 20240501
#: Goals (ratios of times).
GOAL_NAIVE = 1.0
GOAL_TORCH_MEDIAN = 1.0
GOAL_TORCH_WORST = 2.0
GOAL_HAND_MEDIAN = 1.25
GOAL_HAND_WORST = 2.0
GOAL_HAND_PIECEWISE_LINEAR = 1.5
#: Entries whose pieces are linear (and hardswish, which the issue counts with them): their
#: hand-written forms are one-liners of max, min, clip, abs and comparisons.
PIECEWISE_LINEAR = frozenset(
    {
        "relu",
        "relu6",
        "leaky_relu",
        "prelu",
        "rrelu",
        "threshold",
        "hardtanh",
        "hardsigmoid",
        "sparse_sigmoid",
        "hardswish",
        "hardshrink",
        "softshrink",
        "plu",
        "abs",
        "binary_step",
        "sign",
        "identity",
    }
)


# --- the functions under test -------------------------------------------------------------


def kwargs_for(act: Activation, fw: FrameworkName) -> dict[str, Any]:
    """The keyword arguments of a framework's built-in call for this function: the declared
    `call` (as tests/test_frameworks.py makes them); scripts/bench_targets.py uses it too."""
    return dict(fw.kwargs)


def torch_name(act: Activation) -> FrameworkName | None:
    """The catalogue's PyTorch name for `act`, if it declares one."""
    return next((fw for fw in act.frameworks if fw.framework == "pytorch"), None)


def params_for(act: Activation) -> dict[str, sp.Expr]:
    """Parameters symact is evaluated at: the PyTorch defaults where PyTorch has the function
    (so that both compute the same thing), else the catalogue's."""
    fw = torch_name(act)
    if fw is None:
        return {}
    return {
        k: sp.Rational(str(v))
        for k, v in fw.call.items()
        if k in act.symbols and not isinstance(v, bool) and v is not None
    }


def torch_function(act: Activation, dtype: Any) -> Fn | None:
    """The declared `torch.nn.functional` callable with its declared defaults (as
    tests/test_frameworks.py calls it), or None without PyTorch or a PyTorch name."""
    fw = torch_name(act)
    if fw is None or importlib.util.find_spec("torch") is None:
        return None
    import torch

    module, _, attr = fw.name.rpartition(".")
    fn = getattr(importlib.import_module(module), attr)
    kwargs = kwargs_for(act, fw)
    if attr == "prelu":  # the slope is a tensor argument, not a keyword
        weight = torch.tensor([float(act.defaults["a"])], dtype=dtype)
        return lambda t: fn(t, weight)
    return lambda t: fn(t, **kwargs)


def naive(act: Activation, n: int) -> Fn | None:
    """`lambdify` of the declared expression (or its derivative), as anyone would write it."""
    try:
        e = to_elementary(act.at(**params_for(act)))
        if n:
            e = sp.diff(e, X, n)
        f = sp.lambdify(X, e, modules=["scipy", "numpy"])
        f(np.linspace(-3, 3, 7))
    except Exception:
        return None
    return f  # type: ignore[no-any-return]


def hand_function(
    act: Activation, n: int, params: dict[str, float], x: np.ndarray
) -> tuple[Fn | None, str]:
    """The hand-written form of f or f' (`scripts/handwritten.py`) at `params`, or None where
    there is none; and why it fails on x, if it does."""
    form = HAND.get((act.name, n))
    if form is None:
        return None, ""
    fn = partial(form.fn, **params)
    try:
        fn(x[:16])
    except Exception as e:
        return None, f"hand: {type(e).__name__}: {e}"[:60]
    return fn, ""


# --- speed ---------------------------------------------------------------------------------


def sample(size: int) -> np.ndarray:
    """The benchmark input: normal, sd 5, with 1% log-uniform magnitudes in [10, 10⁴]."""
    rng = np.random.default_rng(SEED)
    x = rng.normal(0.0, 5.0, size)
    k = size // 100
    big = 10.0 ** rng.uniform(1, 4, k) * rng.choice([-1.0, 1.0], k)
    x[rng.choice(size, k, replace=False)] = big
    return x


Clock = Callable[[], float]
#: The clock of `--kernels`: CPU time of this thread (system time included: page faults),
#: which other processes on a busy machine do not inflate as they do wall time. Everything
#: timed runs on this thread (NumPy; PyTorch with one thread, its CPU autograd too).
CPU_CLOCK: Clock = time.thread_time


def _clock(f: Callable[[], object], clock: Clock = time.perf_counter) -> float:
    t = clock()
    f()
    return clock() - t


def best_times(
    jobs: dict[str, Callable[[], object]], repeats: int, clock: Clock = time.perf_counter
) -> dict[str, float]:
    """Best time of each job over `repeats` rounds; the jobs are interleaved round by round so
    that a slow spell of the machine hits them all."""
    for job in jobs.values():
        job()  # warm up: lambdify's first call, page faults, torch's kernels
    best = dict.fromkeys(jobs, math.inf)
    for _ in range(repeats):
        for k, job in jobs.items():
            best[k] = min(best[k], _clock(job, clock))
    return best


def torch_backward(fn: Fn, x: np.ndarray) -> tuple[Callable[[], object], Callable[[], object]]:
    """(prepare, timed): `prepare` runs the forward pass on a fresh leaf; `timed` the backward."""
    import torch

    base = torch.from_numpy(x)
    ones = torch.ones_like(base)
    state: dict[str, Any] = {}

    def prepare() -> None:
        leaf = base.detach().clone().requires_grad_(True)
        state["leaf"], state["y"] = leaf, fn(leaf)

    def timed() -> None:
        state["y"].backward(ones)

    return prepare, timed


def time_backward(fn: Fn, x: np.ndarray, repeats: int, clock: Clock = time.perf_counter) -> float:
    prepare, timed = torch_backward(fn, x)
    best = math.inf
    for _ in range(repeats + 1):
        prepare()
        t = _clock(timed, clock)
        best = min(best, t)
    return best


def peak_arrays(f: Fn, x: np.ndarray) -> float:
    """Peak memory allocated during `f(x)` in units of x's size."""
    tracemalloc.start()
    try:
        f(x)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / x.nbytes


@dataclass
class Row:
    name: str
    dtype: str
    n: int
    unit: float
    symact: float | None = None
    hand: float | None = None
    naive: float | None = None
    torch: float | None = None
    mem: float | None = None
    error: str = ""

    def units(self, v: float | None) -> float | None:
        return None if v is None else v / self.unit

    @property
    def vs_hand(self) -> float | None:
        return None if self.symact is None or self.hand is None else self.symact / self.hand

    @property
    def hand_goal(self) -> float:
        """The largest ÷hand this row may have."""
        return GOAL_HAND_PIECEWISE_LINEAR if self.name in PIECEWISE_LINEAR else GOAL_HAND_WORST

    @property
    def vs_naive(self) -> float | None:
        return None if self.symact is None or self.naive is None else self.symact / self.naive

    @property
    def vs_torch(self) -> float | None:
        return None if self.symact is None or self.torch is None else self.symact / self.torch


def speed(act: Activation, x64: np.ndarray, repeats: int) -> list[Row]:
    rows: list[Row] = []
    params = {k: float(v) for k, v in params_for(act).items()}
    for dtype in (np.float64, np.float32):
        x = x64.astype(dtype)
        tdtype = None
        if torch_name(act) is not None and importlib.util.find_spec("torch") is not None:
            import torch

            tdtype = torch.float64 if dtype is np.float64 else torch.float32
        tfn = torch_function(act, tdtype) if tdtype is not None else None
        for n in (0, 1):
            row = Row(act.name, np.dtype(dtype).name, n, math.nan)
            try:
                f = numpy_function(act, n, **params)
            except Exception as e:
                f, row.error = None, f"{type(e).__name__}: {e}"[:60]
            g = naive(act, n)
            h, why = hand_function(act, n, params, x)
            row.error = row.error or why
            jobs: dict[str, Callable[[], object]] = {"unit": lambda x=x: np.exp(x)}
            if f is not None:
                jobs["symact"] = lambda f=f, x=x: f(x)
            if h is not None:
                jobs["hand"] = partial(h, x)
            if g is not None:
                jobs["naive"] = lambda g=g, x=x: g(x)
            tx = None
            if tfn is not None and n == 0:
                import torch

                tx = torch.from_numpy(x)
                jobs["torch"] = lambda t=tx, h=tfn: h(t)
            try:
                best = best_times(jobs, repeats)
            except Exception as e:
                row.error = f"{type(e).__name__}: {e}"[:60]
                rows.append(row)
                continue
            row.unit = best["unit"]
            row.symact, row.naive = best.get("symact"), best.get("naive")
            row.hand = best.get("hand")
            row.torch = best.get("torch")
            if tfn is not None and n == 1:
                row.torch = time_backward(tfn, x, repeats)
            if f is not None and n == 0 and dtype is np.float64:
                row.mem = peak_arrays(f, x)
            rows.append(row)
    return rows


# --- accuracy (in child processes) -----------------------------------------------------------


def _accuracy_child(name: str) -> dict[str, Any]:
    """Accuracy of symact and PyTorch for f and f' of `name` (runs in a child process)."""
    from symact.numerics._accuracy import breakpoints, check, grid

    act = get(name)
    params = {k: float(v) for k, v in params_for(act).items()}
    out: dict[str, Any] = {}
    tfn = None
    if torch_name(act) is not None and importlib.util.find_spec("torch") is not None:
        import torch

        torch.set_num_threads(1)
        tfn = torch_function(act, torch.float64)
    for n in (0, 1):
        f = numpy_function(act, n, **params)
        xs = grid(np.float64, breakpoints(f.plan))
        candidates: dict[str, Fn] = {"symact": f}
        if tfn is not None:
            candidates["torch"] = _torch_numpy(tfn, n)
        for who, fn in candidates.items():
            try:
                r = check(fn, f.plan, xs)
                out[f"{who}{n}"] = {
                    "ulps": r.worst_ulps,
                    "x": r.worst_x,
                    "misses": len(r.misses),
                    "checked": r.checked,
                    "first": str(r.misses[0]) if r.misses else "",
                }
            except Exception as e:
                out[f"{who}{n}"] = {"error": f"{type(e).__name__}: {e}"[:80]}
    return out


def _torch_numpy(fn: Fn, n: int) -> Fn:
    import torch

    def f(a: np.ndarray) -> np.ndarray:
        t = torch.from_numpy(np.array(a, dtype=np.float64))
        if n == 0:
            return fn(t).detach().numpy()  # type: ignore[no-any-return]
        t.requires_grad_(True)
        y = fn(t)
        y.backward(torch.ones_like(y))
        return t.grad.numpy()  # type: ignore[union-attr]  # type: ignore[no-any-return]

    return f


def _limit_memory(gib: float) -> Callable[[], None]:
    def limit() -> None:
        b = int(gib * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (b, b))

    return limit


def accuracy_of(name: str, timeout: float, gib: float, script: str = __file__) -> dict[str, Any]:
    """The accuracy of `name`, measured by `script --accuracy-child NAME` in a child process
    under a time and memory limit (its last line of output is the JSON result)."""
    cmd = [sys.executable, str(Path(script).resolve()), "--accuracy-child", name]
    try:
        child = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
            preexec_fn=_limit_memory(gib),
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:g} s"}
    if child.returncode != 0:
        last = (child.stderr.strip().splitlines() or ["?"])[-1]
        return {"error": f"exit {child.returncode}: {last}"[:100]}
    return json.loads(child.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- printing ------------------------------------------------------------------------------


def _fmt(v: float | None, spec: str = "7.2f") -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "n/a".rjust(int(spec.split(".")[0]))
    return format(v, spec)


def table(rows: list[Row], dtype: str, n: int) -> None:
    mark = "f" if n == 0 else "f'"
    sel = [r for r in rows if r.dtype == dtype and r.n == n]
    if not sel:
        return
    torch_col = "torch" if n == 0 else "t.bwd"
    mem = "  mem" if n == 0 and dtype == "float64" else ""
    print(f"\n{mark}, {dtype}: times in np.exp passes over the same array")
    head = (
        f"{'name':<17}{'symact':>8}{'hand':>8}{'naive':>8}{torch_col:>8}"
        f"{'÷hand':>8}{'÷naive':>8}{'÷torch':>8}{mem}"
    )
    print(head)
    print("-" * len(head))
    for r in sel:
        line = (
            f"{r.name:<17}{_fmt(r.units(r.symact), '8.2f')}{_fmt(r.units(r.hand), '8.2f')}"
            f"{_fmt(r.units(r.naive), '8.2f')}{_fmt(r.units(r.torch), '8.2f')}"
            f"{_fmt(r.vs_hand, '8.2f')}{_fmt(r.vs_naive, '8.2f')}{_fmt(r.vs_torch, '8.2f')}"
        )
        if mem:
            line += _fmt(r.mem, "5.1f")
        notes = []
        if r.vs_hand is not None and r.vs_hand > r.hand_goal:
            notes.append(f"÷hand>{r.hand_goal:g}")
        if r.vs_naive is not None and r.vs_naive > GOAL_NAIVE:
            notes.append("slower than naive")
        if r.error:
            notes.append(r.error)
        if notes:
            line += "  " + "; ".join(notes)
        print(line)


_MARKS = ("f", "f'")


def _label(r: Row) -> str:
    return r.name + "'" * r.n


def _wrapped(head: str, items: list[str], width: int = 100) -> None:
    """Print `head` and the items after it, wrapped at `width` columns with an indent."""
    line = head
    for i, item in enumerate(items):
        piece = item + (", " if i < len(items) - 1 else "")
        if len(line) + len(piece) > width and line.strip():
            print(line.rstrip())
            line = " " * 6
        line += piece
    print(line.rstrip())


def hand_summary(rows: list[Row]) -> None:
    """÷hand against its goals: the median and the worst of all rows and of each order and dtype
    (≤ 1.25, ≤ 2), of the piecewise-linear rows (each ≤ 1.5), and the rows that miss."""
    pairs = [(v, r) for r in rows if (v := r.vs_hand) is not None]
    if not pairs:
        return
    na = sum(1 for r in rows if r.vs_hand is None)

    def stats(sel: list[tuple[float, Row]]) -> str:
        med = statistics.median(v for v, _ in sel)
        worst, wr = max(sel, key=lambda p: p[0])
        return f"median {med:.2f}, worst {worst:.2f} ({_label(wr)} {wr.dtype})"

    def met(sel: list[tuple[float, Row]]) -> str:
        med = statistics.median(v for v, _ in sel)
        ok = med <= GOAL_HAND_MEDIAN and max(v for v, _ in sel) <= GOAL_HAND_WORST
        return "met" if ok else "NOT met"

    print(
        f"vs hand-written NumPy/SciPy ({len(pairs)} rows, {na} n/a; goals: median "
        f"≤ {GOAL_HAND_MEDIAN:g} and worst ≤ {GOAL_HAND_WORST:g}, piecewise-linear each "
        f"≤ {GOAL_HAND_PIECEWISE_LINEAR:g}):"
    )
    print(f"  {'all':<11}{stats(pairs)}: {met(pairs)}")
    for dtype in ("float64", "float32"):
        for n in (0, 1):
            sub = [(v, r) for v, r in pairs if r.dtype == dtype and r.n == n]
            if sub:
                print(f"  {_MARKS[n]:<3}{dtype:<8}{stats(sub)}: {met(sub)}")
    linear = [(v, r) for v, r in pairs if r.name in PIECEWISE_LINEAR]
    if linear:
        over = [p for p in linear if p[0] > GOAL_HAND_PIECEWISE_LINEAR]
        verdict = f"NOT met ({len(over)} over {GOAL_HAND_PIECEWISE_LINEAR:g})" if over else "met"
        print(f"  piecewise-linear ({len(linear)} rows): {stats(linear)}: {verdict}")
    misses = sorted(((v, r) for v, r in pairs if v > r.hand_goal), key=lambda p: -p[0])
    print(f"  rows over their goal: {len(misses)} of {len(pairs)}")
    for dtype in ("float64", "float32"):
        labels = [f"{_label(r)} {v:.2f}" for v, r in misses if r.dtype == dtype]
        if labels:
            _wrapped(f"    {dtype}: ", labels)


def summary(rows: list[Row]) -> None:
    vs_torch = [(r.vs_torch, r) for r in rows if r.vs_torch is not None]
    vs_naive = [(r.vs_naive, r) for r in rows if r.vs_naive is not None]
    print()
    hand_summary(rows)
    if vs_torch:
        vals = [v for v, _ in vs_torch]
        med = statistics.median(vals)
        worst, wr = max(vs_torch, key=lambda p: p[0])
        ok = med <= GOAL_TORCH_MEDIAN and worst <= GOAL_TORCH_WORST
        print(
            f"vs PyTorch (1 thread, {len(vals)} rows: f and f' backward, float64 and float32): "
            f"median {med:.2f}, worst {worst:.2f} ({_label(wr)} {wr.dtype}); "
            f"goal median ≤ {GOAL_TORCH_MEDIAN:g}, worst ≤ {GOAL_TORCH_WORST:g}: "
            f"{'met' if ok else 'NOT met'}"
        )
        for dtype in ("float64", "float32"):
            for n in (0, 1):
                sub = [v for v, r in vs_torch if r.dtype == dtype and r.n == n]
                if sub:
                    print(
                        f"  {_MARKS[n]:<2} {dtype}: median {statistics.median(sub):.2f}"
                        f", worst {max(sub):.2f}"
                    )
    if vs_naive:
        slower = [(v, r) for v, r in vs_naive if v > GOAL_NAIVE]
        worst, wr = max(vs_naive, key=lambda p: p[0])
        na = sum(1 for r in rows if r.naive is None)
        print(
            f"vs naive lambdify ({len(vs_naive)} rows, {na} n/a): median "
            f"{statistics.median(v for v, _ in vs_naive):.2f}, worst {worst:.2f} "
            f"({_label(wr)} {wr.dtype}); every function beats naive lambdify: "
            f"{'yes' if not slower else f'NO ({len(slower)} slower)'}"
        )
    mems = [r.mem for r in rows if r.mem is not None]
    if mems:
        worst_mem = max((r for r in rows if r.mem is not None), key=lambda r: r.mem or 0.0)
        print(
            f"peak memory of f (float64, array sizes): median {statistics.median(mems):.1f}, "
            f"worst {worst_mem.mem:.1f} ({worst_mem.name})"
        )


def _acc_cell(d: dict[str, Any] | None) -> str:
    if d is None:
        return f"{'':>10}{'':>13}{'':>7}"
    if "error" in d:
        return f"  {d['error'][:28]:<28}"
    return f"{d['ulps']:10.3g}{d['x']:13.5g}{d['misses']:7d}"


def accuracy_table(results: dict[str, dict[str, Any]]) -> None:
    print("\nAccuracy, float64 (max ULP error, worst x, points missing the standard):")
    head = (
        f"{'name':<19}{'symact ulp':>10}{'worst x':>13}{'misses':>7}   "
        f"{'torch ulp':>10}{'worst x':>13}{'misses':>7}"
    )
    print(head)
    print("-" * len(head))
    sym_miss = torch_miss = 0
    sym_bad: list[str] = []
    for name, res in results.items():
        for n in (0, 1):
            label = name + ("'" if n else "")
            if "error" in res:
                print(f"{label:<19}  {res['error']}")
                sym_bad.append(label)
                continue
            s, t = res.get(f"symact{n}"), res.get(f"torch{n}")
            print(f"{label:<19}{_acc_cell(s)}   {_acc_cell(t)}")
            if s and "error" not in s and s["misses"]:
                sym_miss += 1
                sym_bad.append(label)
            elif s and "error" in s:
                sym_bad.append(label)
            if t and "error" not in t and t["misses"]:
                torch_miss += 1
    total = 2 * len(results)
    torch_total = sum(1 for r in results.values() for n in (0, 1) if f"torch{n}" in r)
    print(
        f"\nsymact meets the accuracy standard in {total - len(sym_bad)} of {total} functions "
        f"(f and f'); PyTorch in {torch_total - torch_miss} of {torch_total}."
    )
    if sym_bad:
        print("symact misses or errors: " + ", ".join(sym_bad))


# --- the floor under symact's speed (--kernels) ----------------------------------------------


def _vec_lambdify(args: Sequence[sp.Symbol], e: sp.Basic) -> Fn:
    """`e` as the NumPy evaluator (`symact.numerics._vectorise`) lambdifies it: its printer and
    its namespace, so that a node calls the very function symact calls."""
    from symact.numerics import _vectorise as vectorise

    printer = vectorise._Printer(
        {"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True}
    )
    return sp.lambdify(args, e, vectorise._MODULES, printer=printer)  # type: ignore[no-any-return]


Job = Callable[[], object]
MakeJob = Callable[[np.ndarray], Job]


def _on(
    fn: Callable[..., object],
    prep: Fn | None = None,
    *,
    first: float | None = None,
    last: float | None = None,
) -> MakeJob:
    """A job calling `fn` on `prep(x)` (prepared untimed, in x's dtype), with a number before
    or after it (`np.logaddexp(0, a)`, `np.power(a, 3)`)."""

    def make(x: np.ndarray) -> Job:
        a = np.ascontiguousarray(x if prep is None else prep(x), dtype=x.dtype)
        if first is not None:
            return lambda: fn(x.dtype.type(first), a)
        if last is not None:
            return lambda: fn(a, last)
        return lambda: fn(a)

    return make


def _e_minus_abs(x: np.ndarray) -> Any:
    return np.exp(-np.abs(x))


def _one_plus_e_minus_abs(x: np.ndarray) -> Any:
    return 1 + np.exp(-np.abs(x))


def _where(x: np.ndarray) -> Job:
    mask, zero = x > 0, x.dtype.type(0)
    return lambda: np.where(mask, x, zero)


def _flatnonzero(x: np.ndarray) -> Job:
    mask = x < 0
    return lambda: np.flatnonzero(mask)


def _take(x: np.ndarray) -> Job:
    idx = np.flatnonzero(x < 0)
    return lambda: x.take(idx)


def _put(x: np.ndarray) -> Job:
    idx = np.flatnonzero(x < 0)
    out, values = np.empty_like(x), x.take(idx)

    def put() -> None:
        out[idx] = values

    return put


def _cast(x: np.ndarray) -> Job:
    other = np.float32 if x.dtype == np.float64 else np.float64
    return lambda: x.astype(other)


#: The kernels symact's NumPy functions call: (label, SymPy node it evaluates, input, who
#: calls it, job). "evaluator": the functions `numpy_function(act, n)` builds
#: (`symact.numerics._vectorise` lambdifies with modules [nodes, "scipy", "numpy"], so SciPy's
#: expm1 and log1p win over NumPy's); "codegen": the code `symact codegen --target numpy` prints.
#: Derived once (2026-11-23) from the numeric nodes (`symact.numerics._nodes.NODES` with the
#: functions the evaluator binds them to, and SymPy's expm1, log1p, hypot and logaddexp with the
#: ones codegen's `_SCIPY_CALLS` prints) and from the functions and powers of x in the plans
#: of f and f' of all 66 catalogue entries (`x**k` with k ∉ {−1, 0, 1, 2} goes to `np.power`;
#: ±1, 0, 2 are a division, nothing, or a square: cheap passes). log and log1p are timed on
#: what the plans feed them (log1p(e^−|x|), log(1 + e^−|x|)): positive values. The floor
#: table does not rely on this list: it finds and times each plan's calls itself, and names
#: any that is missing here.
KERNELS: tuple[tuple[str, str, str, str, MakeJob], ...] = (
    ("numpy.exp", "exp", "x", "both", _on(np.exp)),
    ("numpy.expm1", "expm1", "x", "codegen", _on(np.expm1)),
    ("scipy.special.expm1", "expm1", "x", "evaluator", _on(scipy.special.expm1)),
    ("numpy.log", "log", "1 + e^-|x|", "both", _on(np.log, _one_plus_e_minus_abs)),
    ("numpy.log1p", "log1p", "e^-|x|", "codegen", _on(np.log1p, _e_minus_abs)),
    ("scipy.special.log1p", "log1p", "e^-|x|", "evaluator", _on(scipy.special.log1p, _e_minus_abs)),
    ("numpy.tanh", "tanh", "x", "both", _on(np.tanh)),
    ("numpy.sin", "sin", "x", "both", _on(np.sin)),
    ("numpy.cos", "cos", "x", "both", _on(np.cos)),
    ("numpy.arctan", "atan", "x", "both", _on(np.arctan)),
    ("numpy.power(x, 3)", "Pow", "x", "both", _on(np.power, last=3)),
    ("numpy.power(x, -3)", "Pow", "x", "both", _on(np.power, last=-3)),
    ("numpy.hypot(x, 1)", "hypot", "x", "both", _on(np.hypot, last=1.0)),
    ("numpy.logaddexp(0, x)", "logaddexp", "x", "both", _on(np.logaddexp, first=0.0)),
    ("scipy.special.erf", "erf", "x", "both", _on(scipy.special.erf)),
    ("scipy.special.erfc", "erfc", "x", "both", _on(scipy.special.erfc)),
    ("scipy.special.ndtr", "ndtr", "x", "both", _on(scipy.special.ndtr)),
    ("scipy.special.log_ndtr", "log_ndtr", "x", "both", _on(scipy.special.log_ndtr)),
    ("scipy.special.log_expit", "log_expit", "x", "both", _on(scipy.special.log_expit)),
    ("scipy.special.expit", "expit", "x", "codegen", _on(scipy.special.expit)),
    ("runtime.expit", "expit", "x", "evaluator", _on(runtime.expit)),
    ("runtime.sech", "sech_stable", "x", "evaluator", _on(runtime.sech)),
)
#: Cheap passes: arithmetic, selection and moving data (the evaluator's own work).
PASSES: tuple[tuple[str, str, MakeJob], ...] = (
    ("x + 1", "x", _on(np.add, last=1.0)),
    ("x * x", "x", lambda x: lambda: x * x),
    ("numpy.abs", "x", _on(np.abs)),
    ("numpy.maximum(x, 0)", "x", _on(np.maximum, last=0.0)),
    ("x > 0", "x", _on(np.greater, last=0.0)),
    ("numpy.where(m, x, 0)", "m = x > 0", _where),
    ("numpy.flatnonzero(m)", "m = x < 0", _flatnonzero),
    ("x.take(idx)", "idx of x < 0", _take),
    ("out[idx] = v", "idx of x < 0", _put),
    ("x.copy()", "x", lambda x: x.copy),
    ("x.astype(other float)", "x", _cast),
)
_TABLED = frozenset(node for _, node, _, _, _ in KERNELS)


def _cheap_power(e: sp.Expr) -> bool:
    return bool(e.is_Integer and int(e) in (-1, 0, 1, 2))


def kernel_calls(e: sp.Expr) -> list[sp.Expr]:
    """The kernel calls in `e`, each once (lambdify's `cse` computes a repeated one once):
    every function of x except `Abs` (a cheap pass), and every power of x that NumPy computes
    with `np.power`. Arithmetic is not a kernel."""
    out: list[sp.Expr] = []
    for node in sp.postorder_traversal(e):
        if node in out or not node.has(X):
            continue
        if (isinstance(node, sp.Function) and not isinstance(node, sp.Abs)) or (
            isinstance(node, sp.Pow) and not _cheap_power(node.exp)
        ):
            out.append(node)
    return out


def _call_label(node: sp.Expr) -> str:
    name = "power" if isinstance(node, sp.Pow) else type(node).__name__
    text = sp.sstr(node)
    return text if len(text) <= 22 else f"{name}(…)"


def _qualified(fn: object) -> str:
    """`fn` under the module it is found in: numpy.expm1, scipy.special.expm1, runtime.expit."""
    name = getattr(fn, "__name__", "?")
    for module, label in ((runtime, "runtime"), (np, "numpy"), (scipy.special, "scipy.special")):
        if getattr(module, name, None) is fn:
            return f"{label}.{name}"
    return name


def _fingerprint(data: list[Any]) -> str:
    """A digest of a step's inputs: equal digests, equal inputs (the same work)."""
    h = hashlib.blake2b(digest_size=16)
    for d in data:
        a = np.asarray(d)
        h.update(f"{a.dtype}{a.shape}".encode())
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()


def _step_job(step: Callable[..., Any], inputs: list[Any], like: np.ndarray) -> Job:
    """`step` on `inputs`: a ufunc into a buffer, anything else making its own result."""
    if not isinstance(step, np.ufunc):
        return lambda: step(*inputs)
    buf = np.empty_like(like)
    return lambda: step(*inputs, out=buf)


@dataclass(frozen=True)
class Way:
    """One way to compute a node's values: `prepare` (untimed) turns the node's argument arrays
    into the first step's arguments; each later step takes the one before's result. The
    steps are kernels, each timed on its own, ufuncs into a buffer (the cheapest a composition
    can do). A step whose inputs another call's way computes too is counted once."""

    label: str
    prepare: Callable[[list[np.ndarray]], list[Any]]
    steps: tuple[Callable[..., Any], ...]

    def keys(self, args: list[np.ndarray]) -> list[str]:
        """One key per step: the steps so far and a digest of the prepared inputs."""
        if not self.steps:
            return []
        digest = _fingerprint(self.prepare(args))
        names = [_qualified(f) for f in self.steps]
        return [",".join(names[: i + 1]) + "@" + digest for i in range(len(names))]

    def jobs(self, args: list[np.ndarray]) -> list[Job]:
        """One job per step, its inputs computed untimed."""
        if not self.steps:
            return []
        inputs = self.prepare(args)
        out = []
        for i, step in enumerate(self.steps):
            out.append(_step_job(step, inputs, args[0]))
            if i + 1 < len(self.steps):
                inputs = [step(*inputs)]
        return out


def _neg_abs(args: list[np.ndarray]) -> list[Any]:
    return [-np.abs(args[0])]


def _same(args: list[np.ndarray]) -> list[Any]:
    return args


def _equivalents(kind: str, node: sp.Expr) -> list[Way]:
    """Other NumPy/SciPy ways to the node's values, by the kernels they need (the cheap passes
    that complete them are ignored, as everywhere in the floor): σ(u) and sech u from
    e = exp(−|u|); log(1 + e^u) = max(u, 0) + log1p(e); expm1 and log1p from either library;
    an integer power by multiplications (which rounds more than once: a bound, not a proposal)."""
    exp_neg_abs = Way("numpy.exp(-|u|)", _neg_abs, (np.exp,))
    if kind == "expit":
        return [Way("scipy.special.expit", _same, (scipy.special.expit,)), exp_neg_abs]
    if kind == "sech_stable":
        return [exp_neg_abs]
    if kind in ("expm1", "log1p"):
        return [
            Way(_qualified(f), _same, (f,))
            for f in (getattr(np, kind), getattr(scipy.special, kind))
        ]
    if kind == "log_expit" or (kind == "logaddexp" and node.args[0] == 0):
        return [Way("numpy.exp(-|u|)+numpy.log1p", _neg_abs, (np.exp, np.log1p))]
    if kind == "Pow" and node.exp.is_Integer and abs(int(node.exp)) <= 8:
        return [Way("multiplications", _same, ())]
    return []


def _evaluators_way(fn: Fn, node: sp.Expr) -> Way:
    """The function symact's evaluator calls for `node` (lambdified to `fn`), as a Way:
    constants in their places, a ufunc into a buffer."""
    import inspect
    import re

    found = re.search(r"return (\w+)\(", inspect.getsource(fn))
    namespace: dict[str, Any] = getattr(fn, "__globals__", {})
    target = namespace.get(found.group(1)) if found else None
    if isinstance(node, sp.Pow):
        k = int(node.exp) if node.exp.is_Integer else float(node.exp)
        return Way("numpy.power", lambda a: [a[0], k], (np.power,))
    if target is None:
        return Way("lambdified", _same, (fn,))
    constants = [None if a.has(X) else float(a) for a in node.args]

    def prepare(arrays: list[np.ndarray]) -> list[Any]:
        it = iter(arrays)
        return [next(it) if c is None else c for c in constants]

    return Way(_qualified(target), prepare, (target,))


@dataclass
class PlanCall:
    """One kernel call of a plan: on the elements its branch takes, with its own argument.
    `ways`: the function symact's evaluator calls, then its equivalents (`_equivalents`);
    `keys`: each way's step keys (from the float64 arguments)."""

    label: str
    node: str
    share: float  # of the elements
    ways: list[Way]
    args: list[np.ndarray]
    keys: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.keys = [w.keys(self.args) for w in self.ways]

    def jobs(self, dtype: Any) -> dict[str, Job]:
        args = [a.astype(dtype) for a in self.args]
        out: dict[str, Job] = {}
        for way, keys in zip(self.ways, self.keys, strict=True):
            out |= dict(zip(keys, way.jobs(args), strict=True))
        return out


def plan_calls(act: Activation, n: int, x: np.ndarray) -> list[PlanCall]:
    """The kernel calls of the stable plan of f⁽ⁿ⁾ (at the benchmark's parameters) on `x`,
    float64: the branches take elements as the evaluator's do (the first whose condition
    holds); each call's argument is computed, untimed, on its branch's elements."""
    from symact.numerics import make_plan

    params = {k: float(v) for k, v in params_for(act).items()}
    plan = make_plan(act, n, **params)
    taken = np.zeros(x.size, dtype=bool)
    out: list[PlanCall] = []
    for b in plan.branches:
        if b.cond is sp.true:
            mask = ~taken
        else:
            holds = np.broadcast_to(_vec_lambdify([X], b.cond)(x), x.shape)
            mask = np.greater(holds, taken)
        taken |= mask
        if not mask.any():
            continue
        w = x[mask]
        for node in kernel_calls(b.expr):
            dummies: list[sp.Symbol] = []
            args: list[sp.Basic] = []
            arrays: list[np.ndarray] = []
            for a in node.args:
                if a.has(X):
                    d = sp.Dummy("u", real=True)
                    dummies.append(d)
                    args.append(d)
                    value = np.broadcast_to(_vec_lambdify([X], a)(w), w.shape)
                    arrays.append(np.ascontiguousarray(value, dtype=np.float64))
                else:
                    args.append(a)
            fn = _vec_lambdify(dummies, node.func(*args))
            kind = "Pow" if isinstance(node, sp.Pow) else type(node).__name__
            ways = [_evaluators_way(fn, node)]
            if len(arrays) == 1:
                ways += [w for w in _equivalents(kind, node) if w.label != ways[0].label]
            out.append(PlanCall(_call_label(node), kind, float(mask.mean()), ways, arrays))
        if taken.all():
            break
    return out


@dataclass
class FloorRow:
    name: str
    n: int
    calls: list[PlanCall]
    #: dtype name → (calls, floor, torch) in np.exp passes of that dtype: the kernels as
    #: symact's evaluator calls them (in float64, as it computes), the floor, PyTorch (None
    #: without it).
    cost: dict[str, tuple[float, float, float | None]]
    #: The way each call takes in the float64 floor.
    chosen: tuple[int, ...]

    def ratio(self, dtype: str) -> float | None:
        _, floor, torch = self.cost[dtype]
        return None if torch is None or torch == 0 else floor / torch


def _torch_jobs(names: Sequence[str], x: np.ndarray) -> dict[str, Job]:
    """PyTorch's f (one thread) for each named activation it has, on x."""
    if importlib.util.find_spec("torch") is None:
        return {}
    import torch

    tdtype = torch.float64 if x.dtype == np.float64 else torch.float32
    t = torch.from_numpy(x)
    jobs: dict[str, Job] = {}
    for name in names:
        fn = torch_function(get(name), tdtype)
        if fn is not None:
            jobs[name] = partial(fn, t)
    return jobs


def kernel_table(x64: np.ndarray, names: Sequence[str], repeats: int) -> dict[str, float]:
    """Print the kernels', the cheap passes' and PyTorch's times in np.exp passes, float64 and
    float32; return PyTorch's f in passes, keyed `name/dtype`."""
    rows: dict[str, dict[str, float]] = {}
    units: dict[str, float] = {}
    torch_f: dict[str, float] = {}
    for dtype in (np.float64, np.float32):
        x = x64.astype(dtype)
        dt = np.dtype(dtype).name
        jobs: dict[str, Job] = {"unit": partial(np.exp, x)}
        jobs |= {label: make(x) for label, _, _, _, make in KERNELS}
        jobs |= {label: make(x) for label, _, make in PASSES}
        torch_jobs = _torch_jobs(names, x)
        jobs |= {f"torch {k}": job for k, job in torch_jobs.items()}
        best = best_times(jobs, repeats, CPU_CLOCK)
        units[dt] = best["unit"]
        for k, v in best.items():
            rows.setdefault(k, {})[dt] = v / best["unit"]
        torch_f |= {f"{k}/{dt}": best[f"torch {k}"] / best["unit"] for k in torch_jobs}

    def line(label: str, on: str) -> None:
        r = rows[label]
        print(f"{label:<26}{r['float64']:9.2f}{r['float32']:9.2f}  {on}")

    print(
        f"\nKernels: CPU times in np.exp passes over the same array, one thread (1 pass = "
        f"{units['float64'] * 1e3:.2f} ms float64, {units['float32'] * 1e3:.2f} ms float32)"
    )
    head = f"{'kernel':<26}{'float64':>9}{'float32':>9}  input; called by"
    print(head)
    print("-" * len(head))
    for label, _, on, who, _ in KERNELS:
        line(label, f"{on}; {who}")
    print(f"{'cheap passes':<26}")
    for label, on, _ in PASSES:
        line(label, on)
    if torch_f:
        print(f"{'PyTorch f':<26}")
    for name in names:
        if f"torch {name}" in rows:
            line(f"torch {name}", "x")
    return torch_f


#: Most combinations of ways tried exactly; beyond, a cruder bound (see `cheapest`).
MAX_COMBINATIONS = 20000


def cheapest(calls: list[PlanCall], cost: dict[str, float]) -> tuple[float, tuple[int, ...]]:
    """The least total cost of the calls over every choice of one way per call, a step shared
    by several calls counted once; and the choice. Past `MAX_COMBINATIONS` choices, each
    call's cheapest way with a shared step's cost split among every call that might share it:
    a lower bound still, if a looser one."""
    if not calls:
        return 0.0, ()
    if math.prod(len(c.ways) for c in calls) > MAX_COMBINATIONS:
        sharers: dict[str, int] = {}
        for c in calls:
            for k in {k for keys in c.keys for k in keys}:
                sharers[k] = sharers.get(k, 0) + 1
        total, picks = 0.0, []
        for c in calls:
            t, w = min((sum(cost[k] / sharers[k] for k in ks), w) for w, ks in enumerate(c.keys))
            total += t
            picks.append(w)
        return total, tuple(picks)
    best: tuple[float, tuple[int, ...]] = (math.inf, ())
    for choice in itertools.product(*(range(len(c.ways)) for c in calls)):
        keys = {k for c, w in zip(calls, choice, strict=True) for k in c.keys[w]}
        total = float(sum(cost[k] for k in keys))
        if total < best[0]:
            best = (total, tuple(choice))
    return best


def floor_rows(
    names: Sequence[str], x64: np.ndarray, repeats: int, torch_f: dict[str, float]
) -> list[FloorRow]:
    """The floor of f and f' of each activation PyTorch has, float64 and float32."""
    out: list[FloorRow] = []
    for name in names:
        act = get(name)
        if torch_function(act, _torch_dtype(np.float64)) is None:
            continue
        for n in (0, 1):
            calls = plan_calls(act, n, x64)
            cost: dict[str, tuple[float, float, float | None]] = {}
            seconds: dict[str, dict[str, float]] = {}
            chosen: tuple[int, ...] = ()
            for dtype in (np.float64, np.float32):
                dt = np.dtype(dtype).name
                x = x64.astype(dtype)
                jobs: dict[str, Job] = {"unit": partial(np.exp, x)}
                for c in calls:
                    jobs |= c.jobs(dtype)
                best = best_times(jobs, repeats, CPU_CLOCK)
                unit = best.pop("unit")
                seconds[dt] = best
                # float32: each step in float32 or in float64, whichever is faster.
                step = {k: min(v, seconds["float64"][k]) for k, v in best.items()}
                total, choice = cheapest(calls, step)
                chosen = chosen or choice
                if n == 0:
                    reference = torch_f.get(f"{name}/{dt}")
                else:
                    tfn = torch_function(act, _torch_dtype(dtype))
                    reference = (
                        None if tfn is None else time_backward(tfn, x, repeats, CPU_CLOCK) / unit
                    )
                as_called = sum(
                    seconds["float64"][k] for k in {k for c in calls for k in c.keys[0]}
                )
                cost[dt] = (as_called / unit, total / unit, reference)
            out.append(FloorRow(name, n, calls, cost, chosen))
    return out


def _torch_dtype(dtype: Any) -> Any:
    if importlib.util.find_spec("torch") is None:
        return None
    import torch

    return torch.float64 if dtype is np.float64 else torch.float32


def _calls_text(r: FloorRow) -> str:
    """The calls with the share of elements they run on; `*` where the float64 floor takes
    another way than the function symact's evaluator calls."""
    if not r.calls:
        return "none"
    parts = []
    rare = 0
    for c, w in zip(r.calls, r.chosen, strict=True):
        if c.share < 0.01:
            rare += 1
            continue
        share = "" if c.share > 0.995 else f" {100 * c.share:.0f}%"
        parts.append(c.label + ("*" if w else "") + share)
    if rare:
        parts.append(f"{rare} more on < 1%")
    return ", ".join(parts)


def _swaps(rows: list[FloorRow]) -> None:
    """Print the other ways the float64 floor took."""
    seen: dict[tuple[str, str], int] = {}
    for r in rows:
        for c, w in zip(r.calls, r.chosen, strict=True):
            if w:
                key = (c.ways[0].label, c.ways[w].label)
                seen[key] = seen.get(key, 0) + 1
    for (slow, fast), count in seen.items():
        what = "multiplications (cheap passes, no kernel)" if fast == "multiplications" else fast
        print(f"* {what} instead of {slow}, which symact's evaluator calls ({count}×)")


def _reach(r: FloorRow) -> str:
    """The best this row's ratio can be, by its floor: ≤1, ≤2, or "no" where the floor alone
    is more than the worst-case goal (and in which dtypes)."""
    ratios = {dt[-2:]: r.ratio(dt) for dt in ("float64", "float32")}
    known = [v for v in ratios.values() if v is not None]
    if not known:
        return "n/a"
    over = [f"f{dt}" for dt, v in ratios.items() if v is not None and v > GOAL_TORCH_WORST]
    if over:
        return "no: " + ", ".join(over)
    return "≤1" if max(known) <= GOAL_TORCH_MEDIAN else "≤2"


def floor_table(rows: list[FloorRow]) -> None:
    print(
        "\nFloor: the plan's kernel calls alone, each timed on the elements its branch takes "
        "and the\nargument it gets there, in the cheapest way found (* below); all else "
        "ignored: a LOWER BOUND\non any NumPy/SciPy evaluation of the plan. float32: each "
        "kernel in float32 or float64,\nwhichever is faster. calls: the same kernels as "
        "symact's evaluator calls them (float64).\nnp.exp passes of each dtype. PyTorch: f; "
        "for f' the autograd backward pass alone.\nreach: the best ratio to PyTorch the "
        f"floor leaves possible (no: the floor alone exceeds {GOAL_TORCH_WORST:g})."
    )
    head = (
        f"{'function':<13}{'calls':>6}{'floor':>7}{'torch':>7}{'÷torch':>7}  "
        f"{'calls':>6}{'floor':>7}{'torch':>7}{'÷torch':>7}  {'reach':<14}kernels (share)"
    )
    print(f"{'':<13}{'---------- float64 ----------':>27}  {'---------- float32 ----------':>27}")
    print(head)
    print("-" * len(head))
    for r in rows:
        cells = []
        for dt in ("float64", "float32"):
            calls, floor, torch = r.cost[dt]
            cells.append(
                f"{calls:6.1f}{floor:7.2f}{_fmt(torch, '7.2f')}{_fmt(r.ratio(dt), '7.2f')}"
            )
        print(
            f"{r.name + chr(39) * r.n:<13}{cells[0]}  {cells[1]}  {_reach(r):<14}{_calls_text(r)}"
        )
    _swaps(rows)
    missing = sorted({c.node for r in rows for c in r.calls} - _TABLED)
    if missing:
        print(f"(kernels not in the kernel table: {', '.join(missing)})")


def floor_summary(rows: list[FloorRow]) -> None:
    """Which goals no evaluation calling these kernels can meet: a ratio is at least its
    floor's, so the median and the worst ratio are at least the floors' median and worst."""
    ratios = [
        (v, f"{r.name}{chr(39) * r.n} {dt}")
        for r in rows
        for dt in ("float64", "float32")
        if (v := r.ratio(dt)) is not None
    ]
    if not ratios:
        print("\n(no PyTorch: no floor ratios)")
        return
    med = statistics.median(v for v, _ in ratios)
    worst, where = max(ratios)
    over_worst = [w for v, w in ratios if v > GOAL_TORCH_WORST]
    over_one = [w for v, w in ratios if v > GOAL_TORCH_MEDIAN]
    print(
        f"\nFloor ÷ PyTorch over {len(ratios)} rows (f and f', float64 and float32): "
        f"median {med:.2f}, worst {worst:.2f} ({where})."
    )
    print(
        f"- goal median ≤ {GOAL_TORCH_MEDIAN:g}: "
        + (
            "out of reach for any NumPy/SciPy evaluation of these plans (the floors' median "
            "is above it)"
            if med > GOAL_TORCH_MEDIAN
            else "not excluded by the floor"
        )
    )
    print(
        f"- goal worst ≤ {GOAL_TORCH_WORST:g}: "
        + (
            f"out of reach for any NumPy/SciPy evaluation of these plans: {len(over_worst)} "
            "rows' floors exceed it "
            f"({', '.join(over_worst)})"
            if over_worst
            else "not excluded by the floor"
        )
    )
    print(f"- rows whose floor alone is slower than PyTorch: {len(over_one)} of {len(ratios)}")


def kernels_report(names: Sequence[str], x: np.ndarray, repeats: int) -> None:
    """Print the kernel table, the floor table and what the floor rules out."""
    t0 = time.perf_counter()
    torch_f = kernel_table(x, names, repeats)
    sys.stdout.flush()
    rows = floor_rows(names, x, repeats, torch_f)
    skipped = [n for n in names if torch_name(get(n)) is None]
    floor_table(rows)
    if skipped:
        print(f"(no PyTorch function, no floor: {', '.join(skipped)})")
    floor_summary(rows)
    print(f"(measured in {time.perf_counter() - t0:.0f} s)")


# --- main ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these activations")
    parser.add_argument("--quick", action="store_true", help="10⁵ values, fewer repeats")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the accuracy table")
    parser.add_argument(
        "--kernels",
        action="store_true",
        help="only the kernels' costs and the floor they put under symact's time",
    )
    parser.add_argument("--size", type=int, help="number of values (default 10⁶; 10⁵ quick)")
    parser.add_argument("--repeats", type=int, help="timed repeats (default 7; 3 quick)")
    parser.add_argument("--jobs", type=int, default=2, help="accuracy child processes at once")
    parser.add_argument("--timeout", type=float, default=180, help="seconds per accuracy child")
    parser.add_argument("--memory", type=float, default=4, help="GiB per accuracy child")
    parser.add_argument("--accuracy-child", metavar="NAME", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    np.seterr(all="ignore")  # the naive lambdify overflows, as naive code does
    if args.accuracy_child:
        print(json.dumps(_accuracy_child(args.accuracy_child)))
        return 0

    try:
        names = [get(n).name for n in args.only] if args.only else list(ACTIVATIONS)
    except UnknownActivation as e:
        print(f"bench_numerics.py: {e}", file=sys.stderr)
        return 2
    size = args.size or (10**5 if args.quick else 10**6)
    repeats = args.repeats or (3 if args.quick else 5 if args.kernels else 7)
    has_torch = importlib.util.find_spec("torch") is not None
    torch_version = "not installed"
    if has_torch:
        import torch

        torch.set_num_threads(1)
        torch_version = f"{torch.__version__}, {torch.get_num_threads()} thread"
    print(
        f"{time.strftime('%Y-%m-%d')}  python {platform.python_version()}, numpy {np.__version__}"
        f", torch {torch_version}; {os.cpu_count()} CPUs ({platform.machine()})"
    )
    print(f"{len(names)} activations; {size:,} values per array; best of {repeats}", flush=True)

    x = sample(size)
    if args.kernels:
        kernels_report(names, x, repeats)
        return 0
    rows: list[Row] = []
    t0 = time.perf_counter()
    for name in names:
        rows += speed(get(name), x, repeats)
    print(f"(speed measured in {time.perf_counter() - t0:.0f} s)")
    for dtype in ("float64", "float32"):
        for n in (0, 1):
            table(rows, dtype, n)
    summary(rows)
    sys.stdout.flush()

    if not args.no_accuracy:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            done = pool.map(lambda nm: accuracy_of(nm, args.timeout, args.memory), names)
            results = dict(zip(names, done, strict=True))
        accuracy_table(results)
        print(f"(accuracy measured in {time.perf_counter() - t0:.0f} s)")
        summary(rows)  # again, last, for whoever reads only the end
    return 0


if __name__ == "__main__":
    sys.exit(main())
