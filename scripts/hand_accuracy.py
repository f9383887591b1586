#!/usr/bin/env python3
"""Accuracy of the hand-written NumPy forms (`scripts/handwritten.py`) against symact's standard.

    .venv/bin/python scripts/hand_accuracy.py [--dtype float32|float64] [--only NAME ...]

`scripts/bench_numerics.py` times symact's functions against these forms. A form that is
faster but misses the accuracy standard (error ≤ 2 + |x·f'/f| ULPs, `symact.numerics._accuracy`)
is not a yardstick symact could meet without losing accuracy. This script measures, for f and
f' of every catalogue entry that has a form, the form and symact's function on the standard's
grid (the whole float range, and a few ULPs around every breakpoint of the plan) against
mpmath, and prints the forms that miss: by ULPs beyond the allowance (`ulps`), or by a wrong
kind of answer (`kind`: NaN, inf or 0 where the value is finite, or a value at a kink where the
derivative is undefined, which symact returns as NaN and a hand form as one side's value).
"""

from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench_numerics import params_for
from handwritten import HAND

from symact.catalog import ACTIVATIONS
from symact.numerics import make_plan, numpy_function
from symact.numerics._accuracy import Result, breakpoints, check, grid


def _worst_ratio(r: Result) -> float:
    return max((m.ulps / m.allowed for m in r.misses if m.allowed), default=0.0)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dtype", choices=("float32", "float64"), default="float32")
    ap.add_argument("--only", nargs="+", metavar="NAME", help="only these activations")
    args = ap.parse_args(argv)
    unknown = sorted(set(args.only or ()) - set(ACTIVATIONS))
    if unknown:
        print(f"hand_accuracy.py: unknown activation {unknown[0]!r}", file=sys.stderr)
        return 2
    dtype = np.dtype(args.dtype).type
    forms = [
        (name, n, form)
        for (name, n), form in sorted(HAND.items())
        if name in ACTIVATIONS and (not args.only or name in args.only)
    ]
    ulps = kind = sym_misses = 0
    print(f"{'function':24s} {'hand worst ULP':>15s} {'÷allowed':>9s} {'kind':>5s}  symact")
    for name, n, form in forms:
        act = ACTIVATIONS[name]
        plan = make_plan(act, n)
        xs = grid(dtype, breakpoints(plan))
        params = {k: float(v) for k, v in params_for(act).items()}
        fn = partial(form.fn, **params)
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hand = check(fn, plan, xs)
            ours = check(numpy_function(act, n), plan, xs)
        sym_misses += not ours.ok
        by_ulps = len(hand.misses) - len(hand.spurious)
        ulps += by_ulps > 0
        kind += bool(hand.spurious)
        if not hand.ok:
            label = f"{name}{chr(39) * n}"
            print(
                f"{label:24s} {hand.worst_ulps:15.3g} {_worst_ratio(hand):9.3g} "
                f"{len(hand.spurious):5d}  {'ok' if ours.ok else 'misses'}"
            )
    print(
        f"\n{args.dtype}: {len(forms)} hand forms; {ulps} miss the standard by ULPs, {kind} by a "
        f"wrong kind of answer; symact's functions miss it in {sym_misses} of them"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
