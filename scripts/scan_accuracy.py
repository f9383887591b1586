#!/usr/bin/env python3
"""Scan the accuracy standard over the catalogue and print what misses it.

    .venv/bin/python scripts/scan_accuracy.py [--only NAME ...] [--orders 0 1 2]
        [--dtypes float64 float32] [--jobs 2] [--known]

For every (activation, derivative order, dtype): `symact.numerics._accuracy.check` on the grid the
tests use (`grid(dtype, breakpoints(plan))`), each in a child process. Prints one line per
function that misses the standard: the miss that exceeds its allowance most (a spurious NaN, inf
or 0 first) and how many grid points miss. With `--known` it prints the entries of
`KNOWN_INACCURATE` in tests/test_numerics.py instead, ready to paste, so that the list of known
misses is measured rather than typed. The whole catalogue takes about half an hour on 2 cores.

Each miss of some ULPs is followed by its cause, as far as it can be measured (`cause`): the
plan's branch that computes the worst point, and the sum in it that cancels most there — its
terms' magnitudes against the sum's, the factor by which it amplifies the rounding of its terms
("terms 2.6× the sum") — or, where no sum cancels by 1.5× or more, that the error is the
roundings of the branch's operations adding up (how many there are).
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from symact.numerics._plan import Plan

ORDERS = {0: "f", 1: "f'", 2: "f''"}


@dataclass(frozen=True)
class Outcome:
    """The accuracy of one function in one dtype."""

    name: str
    n: int
    dtype: str
    points: int
    misses: int
    worst: str  # the worst miss, "" when none
    summary: str  # what KNOWN_INACCURATE says about it
    seconds: float


def cause(plan: Plan, x: float) -> str:
    """Why the plan's value at x is off by more ULPs than the standard allows, as measured:
    see the module's docstring. Terms are evaluated in float64 by the kernels the NumPy
    function uses: a ratio of 3 or 300 needs no more digits than that."""
    import numpy as np
    import sympy as sp

    from symact.declare import X
    from symact.numerics._kernels import lambdify_kernel

    v = np.float64(x)
    branches = plan.evaluated
    taken = next(
        (
            i
            for i, b in enumerate(branches)
            if b.cond is sp.true or lambdify_kernel(b.cond, False)(v)
        ),
        None,
    )
    if taken is None:
        return "no branch takes it"
    expr = branches[taken].expr
    where = f"branch {taken + 1} of {len(branches)}" if len(branches) > 1 else "its one branch"
    best: tuple[float, sp.Expr] | None = None
    with np.errstate(all="ignore"):
        for node in sp.preorder_traversal(expr):
            if not isinstance(node, sp.Add) or not node.has(X):
                continue
            terms = [float(lambdify_kernel(t, False)(v)) for t in node.args]
            total = sum(terms)
            if not all(np.isfinite(terms)) or total == 0:
                continue
            ratio = sum(abs(t) for t in terms) / abs(total)
            if best is None or ratio > best[0]:
                best = (ratio, node)
    ops = sum(1 for a in sp.preorder_traversal(expr) if not a.is_Atom)
    if best is None or best[0] < 1.5:
        if ops == 1:
            return f"{where}: {sp.sstr(expr)}, one kernel: its own error"
        return f"{where}: no sum cancels; the roundings of its {ops} operations add up"
    text = sp.sstr(best[1])
    text = text if len(text) <= 60 else text[:59] + "…"
    return f"{where}: {text} cancels (terms {best[0]:.2g}× the sum)"


def measure(job: tuple[str, int, str]) -> Outcome:
    """Check one (name, n, dtype) against the standard (runs in a child process)."""
    import numpy as np

    from symact.catalog import get
    from symact.numerics import numpy_function
    from symact.numerics._accuracy import breakpoints, check, grid

    name, n, dtype = job
    t0 = time.perf_counter()
    f = numpy_function(get(name), n)
    xs = grid(np.dtype(dtype).type, breakpoints(f.plan))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = check(f, f.plan, xs)
    worst = max(result.misses, key=lambda m: (m.spurious, m.ulps - m.allowed), default=None)
    summary = ""
    if worst is not None:
        where = f"x = {worst.x!r}"
        summary = (
            f"{worst.why} at {where}"
            if worst.spurious
            else f"{worst.ulps:.3g} ULP > {worst.allowed:.3g} allowed at {where}"
        )
        if len(result.misses) > 1:
            summary += f" ({len(result.misses)} points)"
        if not worst.spurious:
            summary += f"; {cause(f.plan, worst.x)}"
    return Outcome(
        name,
        n,
        dtype,
        len(xs),
        len(result.misses),
        str(worst) if worst else "",
        summary,
        time.perf_counter() - t0,
    )


def main(argv: Sequence[str] | None = None) -> int:
    from symact.catalog import ACTIVATIONS, UnknownActivation, get

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="NAME", help="only these activations")
    parser.add_argument("--orders", nargs="+", type=int, default=[0, 1, 2], choices=[0, 1, 2])
    parser.add_argument("--dtypes", nargs="+", default=["float64", "float32"])
    parser.add_argument("--jobs", type=int, default=2, help="child processes at once")
    parser.add_argument("--known", action="store_true", help="print KNOWN_INACCURATE entries")
    args = parser.parse_args(argv)
    try:
        names = sorted(get(n).name for n in args.only) if args.only else sorted(ACTIVATIONS)
    except UnknownActivation as e:
        print(f"scan_accuracy.py: {e}", file=sys.stderr)
        return 2
    jobs = [(nm, n, dt) for nm in names for n in args.orders for dt in args.dtypes]
    t0 = time.perf_counter()
    missed: list[Outcome] = []
    with ProcessPoolExecutor(max(1, args.jobs)) as pool:
        for out in pool.map(measure, jobs):
            if out.misses:
                missed.append(out)
                if not args.known:
                    label = f"{out.name} {ORDERS[out.n]} {out.dtype}"
                    print(f"{label:<28} {out.misses:4d} of {out.points}: {out.worst}", flush=True)
    if args.known:
        for o in missed:
            print(f'    ("{o.name}", {o.n}, "{o.dtype}"): "{o.summary}",')
    print(
        f"# {len(jobs) - len(missed)} of {len(jobs)} meet the standard "
        f"({time.perf_counter() - t0:.0f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
