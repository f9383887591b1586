#!/usr/bin/env python3
"""Benchmark: where the analysis' CPU goes, by budgeted step and how the step ended.

    .venv/bin/python scripts/bench_steps.py [--every K] [--jobs N]

Each of `--jobs` fresh processes (an empty temporary SYMACT_CACHE_DIR each) analyses every
`jobs`-th of the chosen entries (every `--every`-th of the catalogue) and times each outermost
budgeted step (`symact.analysis._budget.bounded`: `simplify`, `limit`, `solveset`, `solve` …) in
CPU seconds, by how it ended: with a value (`ok`), with a ConditionSet (`solveset` found no
closed form), with nothing (`none`), raising (`raised`) or out of its budget (`timeout`). Steps
that end with nothing are the analysis' waste, and what a numeric-first order could avoid.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Runs in each fresh subprocess: argv = start, step, every; prints one JSON line.
_CHILD = """
import json, sys, time
import sympy as sp
import symact.analysis._budget as B
from symact.analysis import analyse
from symact.catalog import ACTIVATIONS

agg, depth, run_here = {}, [0], B._run_here

def ending(out):
    if out.timed_out:
        return "timeout"
    if not out.ok:
        return "raised"
    if isinstance(out.value, sp.ConditionSet):
        return "conditionset"
    if out.value is None or (isinstance(out.value, (list, tuple)) and not out.value):
        return "none"
    return "ok"

def timed(fn, seconds, what):
    start = time.process_time()
    depth[0] += 1
    try:
        out = run_here(fn, seconds, what)
    finally:
        depth[0] -= 1
    if depth[0] == 0:
        key = what + "|" + ending(out)
        took, n = agg.get(key, (0.0, 0))
        agg[key] = (took + time.process_time() - start, n + 1)
    return out

B._run_here = timed
start, step, every = (int(a) for a in sys.argv[1:4])
begin = time.process_time()
for name in list(ACTIVATIONS)[::every][start::step]:
    analyse(ACTIVATIONS[name])
print(json.dumps({"total": time.process_time() - begin, "steps": agg}))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--every", type=int, default=1, help="every K-th entry (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    args = parser.parse_args()
    if args.every < 1 or args.jobs < 1:
        parser.error("--every and --jobs are at least 1")
    with tempfile.TemporaryDirectory(prefix="symact-steps-") as tmp:
        children = [
            subprocess.Popen(
                [sys.executable, "-c", _CHILD, str(k), str(args.jobs), str(args.every)],
                cwd=REPO,
                env={
                    **os.environ,
                    "PYTHONPATH": str(REPO),
                    "SYMACT_CACHE_DIR": str(Path(tmp) / str(k)),
                    "SYMACT_JOBS": "1",
                },
                stdout=subprocess.PIPE,
                text=True,
            )
            for k in range(args.jobs)
        ]
        total, steps = 0.0, defaultdict(lambda: [0.0, 0])
        for child in children:
            stdout, _ = child.communicate()
            if child.returncode != 0:
                sys.exit(f"bench_steps.py: a measuring process failed ({child.returncode})")
            data = json.loads(stdout.strip().splitlines()[-1])
            total += data["total"]
            for key, (took, n) in data["steps"].items():
                steps[key][0] += took
                steps[key][1] += n
    inside = sum(took for took, _ in steps.values())
    rest = total - inside
    print(f"analysis {total:.1f} CPU-s; in budgeted steps {inside:.1f}, elsewhere {rest:.1f}")
    print(f"{'step':<28} {'ended':<13} {'CPU-s':>7} {'calls':>6}")
    for key, (took, n) in sorted(steps.items(), key=lambda kv: -kv[1][0]):
        what, end = key.rsplit("|", 1)
        if took >= 0.05:
            print(f"{what:<28} {end:<13} {took:7.1f} {n:6d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
