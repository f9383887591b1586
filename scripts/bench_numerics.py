#!/usr/bin/env python3
"""Benchmark: symact's NumPy functions against naive lambdify, np.exp and PyTorch.

    .venv/bin/python scripts/bench_numerics.py [--only NAME ...] [--quick] [--no-accuracy]

Speed: every catalogue function f and its first derivative f' on the same array of 10⁶ values
(10⁵ with `--quick`; normal with sd 5, 1% log-uniform up to ±10⁴), float64 and float32. The
time of each is the best of a few repeats, interleaved with one `np.exp` pass over the same
array, which is the unit: figures are in np.exp passes, measured in the same run. Ratios:

- ÷naive: to `sympy.lambdify` of the declared expression (primitives in elementary form,
  modules scipy and numpy; f' is `sympy.diff` of it). Goal: ≤ 1 everywhere.
- ÷torch: to PyTorch on the CPU with one thread, where the catalogue names a PyTorch function
  (called with its declared defaults; symact is evaluated at the same parameters). For f' PyTorch
  runs autograd: the backward pass alone is timed (the forward pass is untimed). Goal: median
  ≤ 1, worst ≤ 2.
- mem: the peak memory the symact call allocates (tracemalloc, which NumPy reports to) for f,
  float64, in array sizes (the result itself is one).

Accuracy (float64, f and f'): `symact.numerics.accuracy.check` on
`grid(np.float64, breakpoints(plan))` for symact and for PyTorch: the largest error in ULPs, where
it is, and the number of points that miss the standard. Each activation is checked in a child
process with a time and memory limit (the mpmath reference can explode), `--jobs` at a time.
Speed and memory are only ever measured here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import sympy as sp

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from symact.catalog import ACTIVATIONS, UnknownActivation, get  # noqa: E402
from symact.declare import Activation, FrameworkName, X  # noqa: E402
from symact.functions import to_elementary  # noqa: E402

Fn = Callable[[Any], Any]
SEED = 20240501
#: Goals (ratios of times).
GOAL_NAIVE = 1.0
GOAL_TORCH_MEDIAN = 1.0
GOAL_TORCH_WORST = 2.0


# --- the functions under test -------------------------------------------------------------


def _number(value: object) -> float:
    return float(sp.Rational(str(value)))


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
        for k, v in fw.defaults.items()
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
    kwargs: dict[str, Any] = {}
    for key, value in fw.defaults.items():
        if isinstance(value, bool) or value is None:
            kwargs[key] = value
        elif isinstance(value, str) and not value[:1].isdigit() and value[:1] != "-":
            kwargs[key] = value  # an option such as approximate="tanh"
        else:
            kwargs[key] = _number(value)
    if attr == "threshold":
        kwargs.setdefault("threshold", float(act.defaults["threshold"]))
        kwargs.setdefault("value", float(act.defaults["value"]))
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


# --- speed ---------------------------------------------------------------------------------


def sample(size: int) -> np.ndarray:
    """The benchmark input: normal, sd 5, with 1% log-uniform magnitudes in [10, 10⁴]."""
    rng = np.random.default_rng(SEED)
    x = rng.normal(0.0, 5.0, size)
    k = size // 100
    big = 10.0 ** rng.uniform(1, 4, k) * rng.choice([-1.0, 1.0], k)
    x[rng.choice(size, k, replace=False)] = big
    return x


def _clock(f: Callable[[], object]) -> float:
    t = time.perf_counter()
    f()
    return time.perf_counter() - t


def best_times(jobs: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Best time of each job over `repeats` rounds; the jobs are interleaved round by round so
    that a slow spell of the machine hits them all."""
    for job in jobs.values():
        job()  # warm up: lambdify's first call, page faults, torch's kernels
    best = dict.fromkeys(jobs, math.inf)
    for _ in range(repeats):
        for k, job in jobs.items():
            best[k] = min(best[k], _clock(job))
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


def time_backward(fn: Fn, x: np.ndarray, repeats: int) -> float:
    prepare, timed = torch_backward(fn, x)
    best = math.inf
    for _ in range(repeats + 1):
        prepare()
        t = _clock(timed)
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
    naive: float | None = None
    torch: float | None = None
    mem: float | None = None
    error: str = ""

    def units(self, v: float | None) -> float | None:
        return None if v is None else v / self.unit

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
                f = act.numpy(n, **params)
            except Exception as e:
                f, row.error = None, f"{type(e).__name__}: {e}"[:60]
            g = naive(act, n)
            jobs: dict[str, Callable[[], object]] = {"unit": lambda x=x: np.exp(x)}
            if f is not None:
                jobs["symact"] = lambda f=f, x=x: f(x)
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
    from symact.numerics.accuracy import breakpoints, check, grid

    act = get(name)
    params = {k: float(v) for k, v in params_for(act).items()}
    out: dict[str, Any] = {}
    tfn = None
    if torch_name(act) is not None and importlib.util.find_spec("torch") is not None:
        import torch

        torch.set_num_threads(1)
        tfn = torch_function(act, torch.float64)
    for n in (0, 1):
        f = act.numpy(n, **params)
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


def accuracy_of(name: str, timeout: float, gib: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--accuracy-child", name]
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
        return {"error": f"exit {child.returncode}: {last}"[:80]}
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
    head = f"{'name':<17}{'symact':>8}{'naive':>8}{torch_col:>8}{'÷naive':>8}{'÷torch':>8}{mem}"
    print(head)
    print("-" * len(head))
    for r in sel:
        line = (
            f"{r.name:<17}{_fmt(r.units(r.symact), '8.2f')}{_fmt(r.units(r.naive), '8.2f')}"
            f"{_fmt(r.units(r.torch), '8.2f')}{_fmt(r.vs_naive, '8.2f')}{_fmt(r.vs_torch, '8.2f')}"
        )
        if mem:
            line += _fmt(r.mem, "5.1f")
        if r.vs_naive is not None and r.vs_naive > GOAL_NAIVE:
            line += "  slower than naive"
        if r.error:
            line += f"  {r.error}"
        print(line)


_MARKS = ("f", "f'")


def _label(r: Row) -> str:
    return r.name + "'" * r.n


def summary(rows: list[Row]) -> None:
    vs_torch = [(r.vs_torch, r) for r in rows if r.vs_torch is not None]
    vs_naive = [(r.vs_naive, r) for r in rows if r.vs_naive is not None]
    print()
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


# --- main ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these activations")
    parser.add_argument("--quick", action="store_true", help="10⁵ values, fewer repeats")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the accuracy table")
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
    repeats = args.repeats or (3 if args.quick else 7)
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
