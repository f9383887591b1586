#!/usr/bin/env python3
"""Benchmark: cold analysis of the whole catalogue, and warm `symact show gelu`.

    .venv/bin/python scripts/bench_analysis.py [--jobs N] [--runs 5] [--against REV]

1. Cold: a fresh subprocess analyses every catalogue entry with an empty temporary
   SYMACT_CACHE_DIR; prints the total and the slowest 10 activations. With `--against REV`
   (a git revision), the same is measured first for REV's code (a temporary git worktree, the
   same Python environment), and the ratio of the two is printed: a change to the analysis is
   compared with its baseline in one run, on one machine.
2. Warm: the whole-process wall time of `python -m symact show gelu` with its cache filled
   (median of `--runs`), next to the whole-process time of `python -c "import sympy"` measured in
   the same run, and their ratio. Goal: warm show <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOAL_SECONDS = 1.0

# Runs in the fresh subprocess: analyse everything, report per-activation seconds as JSON.
_COLD = """
import json, sys, time
t0 = time.perf_counter()
import symact
from symact import analysis
acts = list(symact.ACTIVATIONS.values())
t1 = time.perf_counter()
jobs = int(sys.argv[1])
per = {}
if hasattr(analysis, "analyse_many"):
    results = analysis.analyse_many(acts, eps=0.01, cache=True, jobs=jobs)
    for act, a in zip(acts, results):
        per[act.name] = a.seconds
    how = f"analyse_many, jobs={jobs}"
else:
    for act in acts:
        s = time.perf_counter()
        analysis.analyse(act, eps=0.01, cache=True)
        per[act.name] = time.perf_counter() - s
    how = "analyse, one by one"
t2 = time.perf_counter()
print(json.dumps({"import": t1 - t0, "analysis": t2 - t1, "per": per, "how": how}))
"""


def _env(cache_dir: str, repo: Path = REPO) -> dict[str, str]:
    return {**os.environ, "SYMACT_CACHE_DIR": cache_dir, "PYTHONPATH": str(repo)}


def _wall(cmd: Sequence[str], env: dict[str, str]) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def cold(jobs: int, timeout: float, repo: Path = REPO, label: str = "") -> float | None:
    """The cold measurement of the code in `repo`: the analysis' seconds, or None if it did
    not finish within `timeout` seconds or failed."""
    with tempfile.TemporaryDirectory(prefix="symact-bench-") as cache:
        t = time.perf_counter()
        cmd = [sys.executable, "-c", _COLD, str(jobs)]
        child = subprocess.Popen(
            cmd,
            env=_env(cache, repo),
            cwd=repo,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        try:
            stdout, _ = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(child.pid, signal.SIGKILL)  # the analysis and its worker processes
            child.communicate()
            done = len(list(Path(cache).glob("*.json")))
            print(f"Cold analysis did NOT finish within {timeout:g} s ({done} analyses cached).")
            return None
        wall = time.perf_counter() - t
    if child.returncode != 0:
        print(f"Cold analysis FAILED with exit status {child.returncode}.")
        return None
    result = json.loads(stdout.strip().splitlines()[-1])
    per: dict[str, float] = result["per"]
    print(f"Cold analysis of the whole catalogue{label} ({len(per)} activations, {result['how']}):")
    print(f"  analysis      {result['analysis']:8.2f} s")
    print(f"  import        {result['import']:8.2f} s")
    print(f"  whole process {wall:8.2f} s")
    print("  slowest 10:")
    for name, seconds in sorted(per.items(), key=lambda kv: -kv[1])[:10]:
        print(f"    {name:<24} {seconds:7.2f} s")
    return float(result["analysis"])


def against(rev: str, jobs: int, timeout: float) -> float | None:
    """The cold measurement of revision `rev`, in a temporary git worktree."""
    with tempfile.TemporaryDirectory(prefix="symact-base-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(tree), rev], cwd=REPO, check=True
        )
        try:
            return cold(jobs, timeout, tree, f" at {rev}")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO)


def warm(runs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="symact-bench-") as cache:
        env = _env(cache)
        show = [sys.executable, "-m", "symact", "show", "gelu"]
        first = _wall(show, env)  # fills the cache
        shows = [_wall(show, env) for _ in range(runs)]
        imports = [_wall([sys.executable, "-c", "import sympy"], env) for _ in range(runs)]
    med_show, med_import = statistics.median(shows), statistics.median(imports)
    verdict = "meets" if med_show <= GOAL_SECONDS else "misses"
    print(f"Warm `symact show gelu`, whole process, median of {runs}:")
    print(f"  symact show gelu   {med_show:6.2f} s  ({verdict} the {GOAL_SECONDS:g} s goal)")
    print(f"  import sympy       {med_import:6.2f} s  (baseline, same machine, same run)")
    print(f"  ratio              {med_show / med_import:6.2f} x")
    print(f"  (first, cold run:  {first:6.2f} s)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="for analyse_many, if present"
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the warm show")
    parser.add_argument(
        "--timeout", type=float, default=1800, help="give up on the cold analysis after this long"
    )
    parser.add_argument("--skip-cold", action="store_true", help="only the warm measurement")
    parser.add_argument(
        "--against", metavar="REV", help="measure the cold analysis of git revision REV first"
    )
    args = parser.parse_args(argv)
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs", flush=True)
    ok = True
    if not args.skip_cold:
        base = against(args.against, args.jobs, args.timeout) if args.against else None
        sys.stdout.flush()
        now = cold(args.jobs, args.timeout, label=" (this checkout)" if args.against else "")
        ok = now is not None
        if base is not None and now is not None:
            print(f"Cold analysis, this checkout / {args.against}: {now / base:.2f}x")
    sys.stdout.flush()
    warm(args.runs)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
