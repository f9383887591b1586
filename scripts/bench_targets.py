#!/usr/bin/env python3
"""Benchmark: symact's generated PyTorch and JAX code against the frameworks' own built-ins.

    .venv/bin/python scripts/bench_targets.py [--only NAME ...] [--quick] [--no-accuracy]

For every catalogue entry that declares a PyTorch (`torch.nn.functional`) or JAX (`jax.nn`)
name, the code `symact codegen NAME --target torch|jax` prints
(`symact.numerics.codegen.generate`, evaluated at the framework's declared defaults, so that
both compute the same function) is run beside the built-in, called with those defaults.

Speed, on one CPU thread (`torch.set_num_threads(1)`; XLA with its multi-threaded Eigen off;
checked at the start by sampling which threads are on a CPU together, and by timing the work
pinned to one CPU against unpinned), on the same 10⁶ values as
scripts/bench_numerics.py (`sample`: normal, sd 5, 1% log-uniform up to ±10⁴; 10⁵ with
`--quick`), float64 and float32. Every figure is a ratio, generated ÷ built-in, of the best of
a few repeats, the two timed in turn in the same run (so that a busy machine slows both):

- t.f    PyTorch eager, f(x).
- t.f'   PyTorch autograd, f': the backward pass alone (the forward pass runs untimed first).
- j.eag  JAX eager, f(x) op by op (most `jax.nn` functions are jitted themselves).
- j.jit  JAX, `jax.jit(f)` (after compiling; `block_until_ready`).
- j.jit' JAX, `jax.jit(jax.grad(lambda x: f(x).sum()))`: f' (forward and backward, fused).

First it prints what one eager `add` and `where` cost in `exp` passes of each framework (the
yardstick for the generated code's chains of eager operations). A ratio above 2 is a finding,
not a failure: the summary lists each with what the two sides run, counted from the code
itself (ATen operators dispatched in PyTorch; primitives in the jaxpr in JAX; "kernels" are
the operators that are not elementwise arithmetic, comparisons or selects). Also listed:
points of the sample where the generated code (or its gradient) is NaN or inf but the
built-in is finite.

Accuracy, float64, f and f': `symact.numerics._accuracy.check` on
`grid(np.float64, breakpoints(make_plan(act, n, **params)))`, the grid the tests use, for the
generated function (f' through autograd / `jax.grad` of it, as a model trains), the built-in
(f' likewise), and the generated derivative itself (`generate(act, target, n=1)`, column d1).
Each cell is the largest error in ULPs and, after it, how many points miss the standard
(`2 + |x·f'/f|` ULPs; NaN, inf or 0 where they do not belong). Points where f' is undefined
(kinks: every autodiff returns a number there) are not counted. "cmp" says whether the
generated f is more accurate than the built-in (win), less (loss), or neither (=). Each entry
is checked in a child process with a time and memory limit (the mpmath reference can be slow);
nothing is cached on disk by this script.
"""

from __future__ import annotations

import os

# XLA reads its flags when JAX first loads it: before any import that might import jax.
os.environ["XLA_FLAGS"] = (
    os.environ.get("XLA_FLAGS", "")
    + " --xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1"
).strip()
os.environ.setdefault("JAX_PLATFORMS", "cpu")
for _var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import contextlib  # noqa: E402
import importlib  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import textwrap  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
import warnings  # noqa: E402
from collections import Counter  # noqa: E402
from collections.abc import Callable, Sequence  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from bench_numerics import _clock, accuracy_of, best_times, kwargs_for, sample  # noqa: E402

from symact.catalog import ACTIVATIONS, UnknownActivation, get  # noqa: E402
from symact.declare import Activation, FrameworkName  # noqa: E402
from symact.numerics.codegen import generate, source_name  # noqa: E402

Fn = Callable[[Any], Any]
Job = Callable[[], object]
FRAMEWORKS = {"torch": "pytorch", "jax": "jax"}  # codegen target -> catalogue framework
#: The speed columns: (key, header, framework).
COLUMNS = (
    ("t.f", "t.f", "torch"),
    ("t.d", "t.f'", "torch"),
    ("j.eag", "j.eag", "jax"),
    ("j.jit", "j.jit", "jax"),
    ("j.d", "j.jit'", "jax"),
)
DTYPES = ("float64", "float32")
SLOW = 2.0


# --- the two sides -------------------------------------------------------------------------


def framework_name(act: Activation, target: str) -> FrameworkName | None:
    """The catalogue's name for `act` in PyTorch (`target` "torch") or JAX, if it declares one."""
    return next((fw for fw in act.frameworks if fw.framework == FRAMEWORKS[target]), None)


def _declared(act: Activation, target: str) -> FrameworkName:
    fw = framework_name(act, target)
    if fw is None:
        raise ValueError(f"{act.name} has no {FRAMEWORKS[target]} name in the catalogue")
    return fw


def params_for(act: Activation, fw: FrameworkName) -> dict[str, sp.Expr]:
    """The framework's declared call arguments that are parameters of the expression, exactly:
    symact is evaluated at these (the catalogue's defaults for the others)."""
    return {
        k: sp.Rational(str(v))
        for k, v in fw.call.items()
        if k in act.symbols and not isinstance(v, bool) and v is not None
    }


def builtin(act: Activation, target: str, dtype: str) -> Fn:
    """The framework's own function with its declared defaults, on arrays of `dtype`."""
    fw = _declared(act, target)
    module, _, attr = fw.name.rpartition(".")
    fn = getattr(importlib.import_module(module), attr)
    kwargs = kwargs_for(act, fw)
    if target == "torch" and attr == "prelu":  # the slope is a tensor argument
        import torch

        weight = torch.tensor([float(act.defaults["a"])], dtype=getattr(torch, dtype))
        return lambda t: fn(t, weight)
    return lambda t: fn(t, **kwargs)


def generated_source(act: Activation, target: str, n: int = 0) -> str:
    fw = _declared(act, target)
    return generate(act, target, n, **params_for(act, fw))


def generated(act: Activation, target: str, n: int = 0) -> Fn:
    """The generated function, run from its source in a namespace of its own."""
    src = generated_source(act, target, n)
    namespace: dict[str, Any] = {}
    code = compile(src, f"<symact codegen {act.name} --target {target} -n {n}>", "exec")
    exec(code, namespace)  # noqa: S102 - the code symact itself just generated
    return namespace[source_name(act.name, n, "numpy")]  # type: ignore[no-any-return]


# --- one thread ----------------------------------------------------------------------------


def _thread_cpu_ns() -> dict[str, int]:
    out = {}
    for tid in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{tid}/schedstat") as fh:
                out[tid] = int(fh.read().split()[0])
        except (OSError, ValueError, IndexError):
            pass
    return out


def _thread_name(tid: str) -> str:
    try:
        with open(f"/proc/self/task/{tid}/comm") as fh:
            return fh.read().strip()
    except OSError:
        return "?"


def concurrency(job: Job, seconds: float = 1.5) -> tuple[float, str] | None:
    """The share of 2 ms samples, while `job` runs over and over, in which two or more threads
    of this process (the sampler aside) were each on a CPU for most of the sample (0 for
    single-threaded work, whatever the machine's load), and the names of the threads busy
    together most often. None where /proc cannot tell."""
    if not os.path.exists("/proc/self/task"):
        return None
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds / 3:  # warm up: compiling, thread pools
        job()
    stop = threading.Event()
    counts: list[int] = []
    together: Counter[tuple[str, ...]] = Counter()
    me: list[str] = []

    def sampler() -> None:
        me.append(str(threading.get_native_id()))
        prev, tp = _thread_cpu_ns(), time.perf_counter()
        while not stop.is_set():
            time.sleep(0.002)
            cur, tc = _thread_cpu_ns(), time.perf_counter()
            dt = (tc - tp) * 1e9
            busy = [t for t in cur if t not in me and cur[t] - prev.get(t, cur[t]) > 0.5 * dt]
            counts.append(len(busy))
            if len(busy) >= 2:
                together[tuple(sorted(_thread_name(t) for t in busy))] += 1
            prev, tp = cur, tc

    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        job()
    stop.set()
    th.join()
    share = sum(c >= 2 for c in counts) / max(1, len(counts))
    return share, "+".join(together.most_common(1)[0][0]) if together else ""


def _pin(cpus: set[int]) -> None:
    for tid in os.listdir("/proc/self/task"):
        with contextlib.suppress(OSError):  # a thread that just ended
            os.sched_setaffinity(int(tid), cpus)


def pinned_ratio(job: Job, rounds: int = 9) -> float | None:
    """Best time of `job` with every thread of this process pinned to one CPU, divided by its
    best time unpinned, the two alternated: about 1 for work done on one thread at a time; 1/k
    for work split over k threads on an idle machine. None where affinity cannot be set."""
    if not hasattr(os, "sched_setaffinity") or not os.path.exists("/proc/self/task"):
        return None
    free = os.sched_getaffinity(0)
    best = {"free": math.inf, "pinned": math.inf}
    try:
        job()
        for _ in range(rounds):
            for k, cpus in (("free", free), ("pinned", {min(free)})):
                _pin(cpus)
                best[k] = min(best[k], _clock(job))
    finally:
        _pin(free)
    return best["pinned"] / best["free"]


def thread_check(x: np.ndarray) -> None:
    """Print how often PyTorch's and XLA's work ran on two threads at once, and how much slower
    it runs pinned to one CPU: a warning where it looks split over threads."""
    import jax
    import jax.numpy as jnp
    import torch

    t = torch.from_numpy(x)
    xj = jnp.asarray(x)
    heavy = jax.jit(lambda a: jnp.tanh(jnp.exp(a) * jnp.log1p(jnp.abs(a))))
    checks = {
        "torch": lambda: torch.tanh(torch.exp(t) * torch.log1p(t.abs())),
        "jax.jit": lambda: heavy(xj).block_until_ready(),
    }
    shares = {k: concurrency(job) for k, job in checks.items()}
    text = ", ".join(
        f"{k} {'n/a' if v is None else f'{100 * v[0]:.0f}%' + (f' ({v[1]})' if v[1] else '')}"
        for k, v in shares.items()
    )
    print(f"one thread? 2 ms samples with two threads busy at once: {text}")
    ratios = {k: pinned_ratio(job) for k, job in checks.items()}
    print(
        "  time pinned to one CPU ÷ unpinned (1: not split over threads): "
        + ", ".join(f"{k} {'n/a' if v is None else f'{v:.2f}'}" for k, v in ratios.items())
    )
    if any(v is not None and v > 1.25 for v in ratios.values()):
        print("WARNING: the work is split over threads; the ratios are not single-threaded")


def unit_costs(x64: np.ndarray, repeats: int) -> None:
    """Print what single eager operations cost on the benchmark's array, in passes of the same
    framework's `exp`: the yardstick for the generated code's long eager chains."""
    import jax.numpy as jnp
    import torch

    def jobs_on(x: np.ndarray) -> dict[str, Job]:
        t, j = torch.from_numpy(x), jnp.asarray(x)
        return {
            "torch exp": lambda: torch.exp(t),
            "torch add": lambda: t + 1,
            "torch where": lambda: torch.where(t > 0, t, 0.0),
            "jax exp": lambda: jnp.exp(j).block_until_ready(),
            "jax add": lambda: (j + 1).block_until_ready(),
            "jax where": lambda: jnp.where(j > 0, j, 0.0).block_until_ready(),
        }

    print("eager operations, in exp passes of the same framework (ms per exp pass):")
    for dtype in DTYPES:
        best = best_times(jobs_on(x64.astype(dtype)), repeats)
        cells = []
        for lib in ("torch", "jax"):
            unit = best[f"{lib} exp"]
            ops = ", ".join(f"{op} {best[f'{lib} {op}'] / unit:.1f}" for op in ("add", "where"))
            cells.append(f"{lib} ({unit * 1e3:.2f} ms) {ops}")
        print(f"  {dtype}: " + "; ".join(cells))


# --- what each side runs -------------------------------------------------------------------

#: Operators that are elementwise arithmetic, comparisons, selects or bookkeeping: not kernels.
_CHEAP = frozenset(
    """add sub mul div neg abs maximum minimum clamp clamp_min clamp_max where lt gt le ge eq
    ne bitwise_not bitwise_or bitwise_and logical_not logical_or logical_and ones_like
    zeros_like full_like empty_like fill fill_ detach alias view expand copy copy_ lift_fresh
    _to_copy sign reciprocal masked_fill sum scalar_tensor _local_scalar_dense mul_ add_
    new_empty new_zeros new_ones zero_ threshold_backward square integer_pow max min select_n
    convert_element_type broadcast_in_dim reshape squeeze reduce_sum stop_gradient and or not
    rsub sgn masked_fill_ add_any
    pjit jit custom_jvp_call custom_vjp_call closed_call remat pow_scalar""".split()  # noqa: SIM905
)


def _summary(ops: Counter[str]) -> str:
    """The operators, kernels first in brackets: `12 ops: [exp log1p] where×3 mul×2 …`."""
    kernels = sorted(k for k in ops if k not in _CHEAP)
    rest = [k for k, _ in ops.most_common() if k in _CHEAP]
    words = [f"{k}×{ops[k]}" if ops[k] > 1 else k for k in rest]
    return f"{sum(ops.values())} ops: " + " ".join(
        ([f"[{' '.join(kernels)}]"] if kernels else []) + words
    )


def torch_ops(fn: Fn, x: Any, backward: bool) -> Counter[str]:
    """ATen operators dispatched by `fn(x)`, or by its backward pass."""
    import torch
    from torch.utils._python_dispatch import TorchDispatchMode

    class Count(TorchDispatchMode):
        def __init__(self) -> None:
            super().__init__()
            self.ops: Counter[str] = Counter()

        def __torch_dispatch__(self, func, types, args=(), kwargs=None):  # type: ignore[no-untyped-def]
            self.ops[func.overloadpacket.__name__] += 1
            return func(*args, **(kwargs or {}))

    t = torch.from_numpy(x[:16].copy())
    mode = Count()
    if not backward:
        with mode:
            fn(t)
        return mode.ops
    leaf = t.requires_grad_(True)
    y = fn(leaf)
    with mode:
        y.backward(torch.ones_like(y))
    return mode.ops


def jax_ops(fn: Fn, x: Any) -> Counter[str]:
    """Primitives in the jaxpr of `fn(x)`, nested jaxprs (jit, custom_jvp) opened."""
    import jax

    ops: Counter[str] = Counter()

    def walk(jaxpr: Any) -> None:
        for eqn in jaxpr.eqns:
            subs = []
            for v in eqn.params.values():
                for w in v if isinstance(v, tuple | list) else (v,):
                    inner = getattr(w, "jaxpr", w)
                    if hasattr(inner, "eqns"):
                        subs.append(inner)
            if subs:
                for s in subs:
                    walk(s)
            else:
                ops[eqn.primitive.name] += 1

    walk(jax.make_jaxpr(fn)(x[:16]).jaxpr)
    return ops


# --- speed ---------------------------------------------------------------------------------


@dataclass
class Row:
    """One entry, one dtype: ratios keyed by column; what each side runs; trouble seen."""

    name: str
    dtype: str
    ratio: dict[str, float] = field(default_factory=dict)
    anatomy: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _pair_backward(fns: dict[str, Fn], x: np.ndarray, repeats: int) -> dict[str, float]:
    """Best backward-pass time of each function, the forward pass untimed before each, the
    functions interleaved round by round."""
    import torch

    base = torch.from_numpy(x)
    ones = torch.ones_like(base)
    state: dict[str, Any] = {}

    def prepare(fn: Fn) -> None:
        leaf = base.detach().clone().requires_grad_(True)
        state["leaf"], state["y"] = leaf, fn(leaf)

    def timed() -> None:
        state["y"].backward(ones)

    best = dict.fromkeys(fns, math.inf)
    for i in range(repeats + 1):
        for k, fn in fns.items():
            prepare(fn)
            t = _clock(timed)
            if i:  # the first round warms up
                best[k] = min(best[k], t)
    return best


def _nonfinite(gen: Any, ref: Any, x: np.ndarray, what: str) -> str | None:
    """A note where the generated values are NaN or inf and the built-in's are finite."""
    g, r = np.asarray(gen, dtype=np.float64), np.asarray(ref, dtype=np.float64)
    bad = ~np.isfinite(g) & np.isfinite(r)
    if not bad.any():
        return None
    k = int(np.flatnonzero(bad)[0])
    return f"{what}: {int(bad.sum())} NaN/inf where the built-in is finite (x = {x[k]:.6g})"


def torch_speed(act: Activation, x: np.ndarray, dtype: str, repeats: int, row: Row) -> None:
    import torch

    gen, ref = generated(act, "torch"), builtin(act, "torch", dtype)
    t = torch.from_numpy(x)
    best = best_times({"gen": lambda: gen(t), "ref": lambda: ref(t)}, repeats)
    row.ratio["t.f"] = best["gen"] / best["ref"]
    bwd = _pair_backward({"gen": gen, "ref": ref}, x, repeats)
    row.ratio["t.d"] = bwd["gen"] / bwd["ref"]
    for key, back in (("t.f", False), ("t.d", True)):
        row.anatomy[key] = (
            f"{_summary(torch_ops(gen, x, back))} vs {_summary(torch_ops(ref, x, back))}"
        )
    with torch.no_grad():
        note = _nonfinite(gen(t).numpy(), ref(t).numpy(), x, "torch f")
    grads = []
    for fn in (gen, ref):
        leaf = t.detach().clone().requires_grad_(True)
        fn(leaf).backward(torch.ones_like(leaf))
        grads.append(leaf.grad.numpy())  # type: ignore[union-attr]
    note2 = _nonfinite(grads[0], grads[1], x, "torch f' (autograd)")
    row.notes += [n for n in (note, note2) if n]


def jax_speed(act: Activation, x: np.ndarray, dtype: str, repeats: int, row: Row) -> None:
    import jax
    import jax.numpy as jnp

    gen, ref = generated(act, "jax"), builtin(act, "jax", dtype)
    xj = jnp.asarray(x)

    def grad(f: Fn) -> Fn:
        return jax.jit(jax.grad(lambda a: jnp.sum(f(a))))

    jg, jr = jax.jit(gen), jax.jit(ref)
    dg, dr = grad(gen), grad(ref)
    jobs: dict[str, Job] = {
        "eag.g": lambda: gen(xj).block_until_ready(),
        "eag.r": lambda: ref(xj).block_until_ready(),
        "jit.g": lambda: jg(xj).block_until_ready(),
        "jit.r": lambda: jr(xj).block_until_ready(),
        "d.g": lambda: dg(xj).block_until_ready(),
        "d.r": lambda: dr(xj).block_until_ready(),
    }
    best = best_times(jobs, repeats)
    row.ratio["j.eag"] = best["eag.g"] / best["eag.r"]
    row.ratio["j.jit"] = best["jit.g"] / best["jit.r"]
    row.ratio["j.d"] = best["d.g"] / best["d.r"]
    f_text = f"{_summary(jax_ops(gen, xj))} vs {_summary(jax_ops(ref, xj))}"
    row.anatomy["j.eag"] = row.anatomy["j.jit"] = f_text
    row.anatomy["j.d"] = f"{_summary(jax_ops(dg, xj))} vs {_summary(jax_ops(dr, xj))}"
    notes = [
        _nonfinite(jg(xj), jr(xj), x, "jax f"),
        _nonfinite(dg(xj), dr(xj), x, "jax f' (jax.grad)"),
    ]
    row.notes += [n for n in notes if n]


def speed(act: Activation, x64: np.ndarray, repeats: int) -> list[Row]:
    rows = []
    for dtype in DTYPES:
        x = x64.astype(dtype)
        row = Row(act.name, dtype)
        for target, measure in (("torch", torch_speed), ("jax", jax_speed)):
            if framework_name(act, target) is None:
                continue
            try:
                measure(act, x, dtype, repeats, row)
            except Exception as e:
                row.notes.append(f"{target}: {type(e).__name__}: {e}"[:100])
        rows.append(row)
    return rows


# --- accuracy (in child processes) ---------------------------------------------------------


def _torch_numpy(fn: Fn, n: int) -> Fn:
    import torch

    def f(a: np.ndarray) -> np.ndarray:
        t = torch.from_numpy(np.array(a, dtype=np.float64))
        if n == 0:
            with torch.no_grad():
                return fn(t).numpy()  # type: ignore[no-any-return]
        t.requires_grad_(True)
        y = fn(t)
        y.backward(torch.ones_like(y))
        return t.grad.numpy()  # type: ignore[union-attr]

    return f


def _jax_numpy(fn: Fn, n: int) -> Fn:
    import jax
    import jax.numpy as jnp

    g = jax.jit(fn if n == 0 else jax.grad(lambda a: jnp.sum(fn(a))))

    def f(a: np.ndarray) -> np.ndarray:
        return np.asarray(g(jnp.asarray(a, dtype=jnp.float64)), dtype=np.float64)

    return f


def _accuracy_child(name: str) -> dict[str, Any]:
    """Worst ULPs and misses of each side, f and f', float64 (runs in a child process)."""
    import jax
    import torch

    from symact.numerics import make_plan
    from symact.numerics._accuracy import breakpoints, check, grid

    torch.set_num_threads(1)
    jax.config.update("jax_enable_x64", True)
    act = get(name)
    out: dict[str, Any] = {}
    for target in ("torch", "jax"):
        fw = framework_name(act, target)
        if fw is None:
            continue
        wrap = _torch_numpy if target == "torch" else _jax_numpy
        gen, ref = generated(act, target), builtin(act, target, "float64")
        for n in (0, 1):
            plan = make_plan(act, n, **params_for(act, fw))
            xs = grid(np.float64, breakpoints(plan))
            sides: dict[str, Callable[[], Fn]] = {
                "gen": lambda gen=gen, n=n, wrap=wrap: wrap(gen, n),
                "ref": lambda ref=ref, n=n, wrap=wrap: wrap(ref, n),
            }
            if n:
                sides["d1"] = lambda wrap=wrap, target=target: wrap(generated(act, target, 1), 0)
            for side, make in sides.items():
                key = f"{target}.{side}{n}"
                try:
                    r = check(make(), plan, xs)
                except Exception as e:
                    out[key] = {"error": f"{type(e).__name__}: {e}"[:80]}
                    continue
                real = [m for m in r.misses if m.true != "undefined"]
                out[key] = {
                    "ulps": r.worst_ulps,
                    "x": r.worst_x,
                    "misses": len(real),
                    "kinks": len(r.misses) - len(real),
                    "first": str(max(real, key=lambda m: (m.spurious, m.ulps))) if real else "",
                }
    return out


def compare(gen: dict[str, Any] | None, ref: dict[str, Any] | None) -> str:
    """The verdict: "win" where the generated function is more accurate than the built-in,
    "loss" where it is less, "=" otherwise: meeting the standard first, then the worst error
    (by more than a factor 2 and 1 ULP), then the number of misses."""
    if not gen or not ref or "error" in gen or "error" in ref:
        return "?"
    gm, rm = gen["misses"], ref["misses"]
    if (gm == 0) != (rm == 0):
        return "win" if gm == 0 else "loss"
    gu, ru = gen["ulps"], ref["ulps"]
    if gu > 2 * ru and gu > ru + 1:
        return "loss"
    if ru > 2 * gu and ru > gu + 1:
        return "win"
    if gm != rm:
        return "win" if gm < rm else "loss"
    return "="


# --- printing ------------------------------------------------------------------------------


def _fmt(v: float | None, width: int = 7) -> str:
    if v is None or math.isnan(v):
        return "·".rjust(width)
    return f"{v:{width}.2f}"


def speed_table(rows: list[Row]) -> None:
    print("\nSpeed: generated ÷ built-in time (1 thread; best of the repeats, interleaved)")
    half = "".join(f"{h:>7}" for _, h, _ in COLUMNS)
    print(f"{'':<16}{'float64':-^35}  {'float32':-^35}")
    print(f"{'name':<16}{half}  {half}")
    print("-" * (16 + 2 * 35 + 2))
    by_name: dict[str, dict[str, Row]] = {}
    for r in rows:
        by_name.setdefault(r.name, {})[r.dtype] = r
    for name, pair in by_name.items():
        cells = [
            "".join(_fmt(pair[dt].ratio.get(k)) for k, _, _ in COLUMNS) if dt in pair else ""
            for dt in DTYPES
        ]
        print(f"{name:<16}{cells[0]}  {cells[1]}")
    print("(· : the framework has no such function)")


def speed_summary(rows: list[Row]) -> None:
    print("\nPer column, generated ÷ built-in: median, worst (where), rows > 2")
    for dtype in DTYPES:
        for key, head, _ in COLUMNS:
            vals = [(r.ratio[key], r.name) for r in rows if r.dtype == dtype and key in r.ratio]
            if not vals:
                continue
            med = statistics.median(v for v, _ in vals)
            worst, where = max(vals)
            slow = sum(v > SLOW for v, _ in vals)
            print(
                f"  {head:<7}{dtype}: median {med:5.2f}, worst {worst:6.2f} ({where}), "
                f"{slow} of {len(vals)} > {SLOW:g}"
            )
    slow_rows = [
        (r, key, head)
        for r in rows
        for key, head, _ in COLUMNS
        if r.ratio.get(key, 0.0) > SLOW and r.dtype == "float64"
    ]
    print(
        f"\nSlower than {SLOW:g}× the built-in (float64; float32 alongside), with what each side "
        "runs\n(operators: generated vs built-in; [kernels]; eager: one dispatch per op, under "
        "jit fused):"
    )
    if not slow_rows:
        print("  none")
    f32 = {(r.name, k): v for r in rows if r.dtype == "float32" for k, v in r.ratio.items()}
    for r, key, head in slow_rows:
        other = f32.get((r.name, key))
        text = (
            f"{r.name} {head} {r.ratio[key]:.2f} (f32 {_fmt(other, 4).strip()}): "
            f"{r.anatomy.get(key, '')}"
        )
        print(textwrap.fill(text, 108, initial_indent="  ", subsequent_indent="      "))
    notes = [(r, n) for r in rows for n in r.notes]
    if notes:
        print("\nTrouble on the benchmark sample (generated code):")
        for r, n in notes:
            print(textwrap.fill(f"{r.name} {r.dtype}: {n}", 108, initial_indent="  "))
    else:
        print("\nNo NaN or inf from the generated code (f or f') where the built-in is finite.")


def _cell(d: dict[str, Any] | None) -> str:
    if d is None:
        return " " * 14
    if "error" in d:
        return f"{'error':>14}"
    miss = f"{d['misses']}m" if d["misses"] else ""
    return f"{d['ulps']:9.3g}{miss:>5}"


_TARGETS = (("torch", "PyTorch"), ("jax", "JAX"))
_GROUP = 3 * 14 + 5


def accuracy_table(results: dict[str, dict[str, Any]]) -> None:
    print(
        "\nAccuracy, float64: worst ULPs, then points missing the standard (m); f' of gen and "
        "built-in\nthrough autodiff, d1 the generated derivative; cmp: gen against built-in"
    )
    group = f"{'gen':>14}{'built-in':>14}{'d1':>14}{'cmp':>5}"
    print(f"{'':<14}{' PyTorch ':-^{_GROUP}}  {' JAX ':-^{_GROUP}}")
    print(f"{'name':<14}{group}  {group}")
    print("-" * (14 + 2 * _GROUP + 2))
    tally: Counter[tuple[str, int, str]] = Counter()
    worse: list[str] = []
    errors: list[str] = []
    kinks = 0
    for name, res in results.items():
        if "error" in res:
            print(f"{name:<14}  {res['error']}")
            errors.append(name)
            continue
        for n in (0, 1):
            cells = []
            for target, _ in _TARGETS:
                g, r = res.get(f"{target}.gen{n}"), res.get(f"{target}.ref{n}")
                if g is None and r is None:
                    cells.append(" " * _GROUP)
                    continue
                verdict = compare(g, r)
                tally[target, n, verdict] += 1
                if verdict == "loss" and g is not None:
                    worse.append(f"{name}{chr(39) * n} ({target}): {g.get('first') or g['ulps']}")
                kinks += sum(d.get("kinks", 0) for d in (g, r) if d)
                d1 = res.get(f"{target}.d1{n}") if n else None
                cells.append(f"{_cell(g)}{_cell(r)}{_cell(d1)}{verdict:>5}")
            print(f"{name + chr(39) * n:<14}{cells[0]}  {cells[1]}".rstrip())
    accuracy_summary(results, tally)
    if worse:
        print("Less accurate than the built-in (the worst miss, or the worst ULPs):")
        for w in worse:
            print(textwrap.fill(w, 108, initial_indent="  ", subsequent_indent="      "))
    if kinks:
        print(f"({kinks} points where f' is undefined, at kinks, are not counted)")
    if errors:
        print("Accuracy not measured: " + ", ".join(errors))


def accuracy_summary(
    results: dict[str, dict[str, Any]], tally: Counter[tuple[str, int, str]]
) -> None:
    """Wins, ties and losses of the generated code; how often each side meets the standard."""
    print(
        "\nGenerated against built-in (win: more accurate, loss: less); meets the standard: "
        "generated,\nbuilt-in (and d1, the generated derivative)"
    )
    for target, title in _TARGETS:
        for n in (0, 1):
            c = {v: tally[target, n, v] for v in ("win", "=", "loss", "?")}
            if not sum(c.values()):
                continue
            meets = []
            for side in ("gen", "ref", "d1") if n else ("gen", "ref"):
                have = [
                    d
                    for r in results.values()
                    if "error" not in r and (d := r.get(f"{target}.{side}{n}")) and "error" not in d
                ]
                meets.append(f"{sum(1 for d in have if not d['misses'])} of {len(have)}")
            print(
                f"  {title:<8}{'f' + chr(39) * n:<3}{c['win']:3d} wins, {c['=']:2d} ties, "
                f"{c['loss']:2d} losses{f', {c[chr(63)]} n/a' if c['?'] else ''};  "
                f"meets: {', '.join(meets)}"
            )


# --- main ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these activations")
    parser.add_argument("--quick", action="store_true", help="10⁵ values, fewer repeats")
    parser.add_argument("--no-accuracy", action="store_true", help="skip the accuracy table")
    parser.add_argument("--size", type=int, help="number of values (default 10⁶; 10⁵ quick)")
    parser.add_argument("--repeats", type=int, help="timed repeats (default 7; 5 quick)")
    parser.add_argument("--jobs", type=int, default=2, help="accuracy child processes at once")
    parser.add_argument("--timeout", type=float, default=300, help="seconds per accuracy child")
    parser.add_argument("--memory", type=float, default=6, help="GiB per accuracy child")
    parser.add_argument("--accuracy-child", metavar="NAME", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.accuracy_child:
        print(json.dumps(_accuracy_child(args.accuracy_child)))
        return 0
    try:
        names = [get(n).name for n in args.only] if args.only else list(ACTIVATIONS)
    except UnknownActivation as e:
        print(f"bench_targets.py: {e}", file=sys.stderr)
        return 2
    names = [n for n in names if any(framework_name(get(n), t) is not None for t in FRAMEWORKS)]
    import jax
    import torch

    torch.set_num_threads(1)
    jax.config.update("jax_enable_x64", True)
    size = args.size or (10**5 if args.quick else 10**6)
    repeats = args.repeats or (5 if args.quick else 7)
    print(
        f"{time.strftime('%Y-%m-%d')}  python {platform.python_version()}, numpy "
        f"{np.__version__}, torch {torch.__version__} ({torch.get_num_threads()} thread), "
        f"jax {jax.__version__} ({jax.default_backend()}); {os.cpu_count()} CPUs"
    )
    print(f"{len(names)} activations; {size:,} values per array; best of {repeats}")
    x = sample(size)
    thread_check(x)
    unit_costs(x, repeats)
    sys.stdout.flush()
    rows: list[Row] = []
    t0 = time.perf_counter()
    for name in names:
        rows += speed(get(name), x, repeats)
    print(f"(speed measured in {time.perf_counter() - t0:.0f} s)")
    speed_table(rows)
    speed_summary(rows)
    sys.stdout.flush()
    if not args.no_accuracy:
        t0 = time.perf_counter()
        with ThreadPoolExecutor(max(1, args.jobs)) as pool:
            done = pool.map(lambda nm: accuracy_of(nm, args.timeout, args.memory, __file__), names)
            results = dict(zip(names, done, strict=True))
        accuracy_table(results)
        print(f"(accuracy measured in {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
