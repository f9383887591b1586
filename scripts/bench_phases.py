#!/usr/bin/env python3
"""Benchmark: where a cold site build's CPU goes, phase by phase, entry by entry.

    .venv/bin/python scripts/bench_phases.py [--every K | --only NAME ...] [--jobs N]
                                             [--against REV]

Each of `--jobs` fresh processes (an empty temporary SYMACT_CACHE_DIR each) takes every
`jobs`-th of the chosen entries (every `--every`-th of the catalogue, or `--only` these) and
runs, for one entry after another, what a site build's worker does for it, timing each phase in
CPU seconds of the process and its children: the analysis at the defaults, the facts for every
parameter value, the code for each target (with the plan of f), the plot of f and f′ (the plan
of f′), the parameter variants, and "same function as". It prints each phase's total and the
entries that cost most. With `--against REV` (a git revision), REV's code is measured the same
way first, from a temporary git worktree with the same Python environment, and each phase's
ratio is printed: a change is compared with its baseline in one run, on one machine. The cold
site build (`scripts/bench_site.py`) is about this total divided among the cores, plus MkDocs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PHASES = ("analysis", "general", "code", "plot", "variants", "same")

# Runs in each fresh subprocess: argv = names (comma-separated); prints one JSON line.
_CHILD = """
import json, resource, sys
import symact.analysis as A
from symact.analysis import analyse
from symact.catalog import ACTIVATIONS
from symact.numerics.codegen import TARGETS, generate
from symact.plot import activation_svg, variants_svg
from symact.site import build

def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

general = [0.0]
real = A._with_general
def timed_general(*args, **kwargs):
    start = cpu()
    try:
        return real(*args, **kwargs)
    finally:
        general[0] += cpu() - start
A._with_general = timed_general

out = {}
for name in sys.argv[1].split(","):
    act = ACTIVATIONS[name]
    row = {}
    general[0] = 0.0
    start = cpu(); result = analyse(act); took = cpu() - start
    row["analysis"], row["general"] = took - general[0], general[0]
    start = cpu()
    for target in TARGETS:
        generate(act, target)
    row["code"] = cpu() - start
    start = cpu(); activation_svg(act, result); row["plot"] = cpu() - start
    start = cpu(); variants_svg(act, result); row["variants"] = cpu() - start
    start = cpu(); build._same(act); row["same"] = cpu() - start
    out[name] = row
print(json.dumps(out))
"""


def _names(repo: Path, every: int, only: Sequence[str]) -> list[str]:
    """The entries to measure, as `repo`'s catalogue has them."""
    code = "import symact; print(','.join(symact.ACTIVATIONS))"
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(repo)},
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    names = run.stdout.strip().split(",")
    if only:
        missing = [n for n in only if n not in names]
        if missing:
            sys.exit(f"bench_phases.py: no entry {missing[0]!r} in {repo}")
        return list(only)
    return names[::every]


def measure(repo: Path, names: list[str], jobs: int) -> dict[str, dict[str, float]]:
    """CPU seconds per entry and phase for the code in `repo`, in `jobs` processes."""
    with tempfile.TemporaryDirectory(prefix="symact-phases-") as tmp:
        children = []
        for k in range(jobs):
            part = names[k::jobs]
            if not part:
                continue
            env = {
                **os.environ,
                "PYTHONPATH": str(repo),
                "SYMACT_CACHE_DIR": str(Path(tmp) / str(k)),
                "SYMACT_JOBS": "1",
            }
            children.append(
                subprocess.Popen(
                    [sys.executable, "-c", _CHILD, ",".join(part)],
                    cwd=repo,
                    env=env,
                    stdout=subprocess.PIPE,
                    text=True,
                )
            )
        per: dict[str, dict[str, float]] = {}
        for child in children:
            stdout, _ = child.communicate()
            if child.returncode != 0:
                sys.exit(f"bench_phases.py: a measuring process failed ({child.returncode})")
            per.update(json.loads(stdout.strip().splitlines()[-1]))
    return per


def _totals(per: dict[str, dict[str, float]]) -> dict[str, float]:
    return {p: sum(row[p] for row in per.values()) for p in PHASES}


def report(
    per: dict[str, dict[str, float]], base: dict[str, dict[str, float]] | None, rev: str
) -> None:
    now = _totals(per)
    was = _totals(base) if base is not None else None
    head = f"{'phase':<10} {'CPU-s':>8}" + (f" {rev[:12]:>12} {'ratio':>7}" if was else "")
    print(head)
    for p in (*PHASES, "total"):
        value = sum(now.values()) if p == "total" else now[p]
        line = f"{p:<10} {value:8.1f}"
        if was is not None:
            old = sum(was.values()) if p == "total" else was[p]
            ratio = f"{value / old:7.2f}" if old > 0 else "      –"
            line += f" {old:12.1f} {ratio}"
        print(line)
    print("costliest entries (CPU-s; phases above 0.5 s):")
    for name, row in sorted(per.items(), key=lambda kv: -sum(kv[1].values()))[:10]:
        parts = ", ".join(f"{p} {row[p]:.1f}" for p in PHASES if row[p] > 0.5)
        print(f"  {name:<24} {sum(row.values()):6.1f}  ({parts})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--every", type=int, default=1, help="every K-th entry (default: all)")
    parser.add_argument("--only", nargs="+", default=(), metavar="NAME", help="these entries")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes")
    parser.add_argument("--against", metavar="REV", help="measure git revision REV first")
    args = parser.parse_args(argv)
    if args.every < 1 or args.jobs < 1:
        parser.error("--every and --jobs are at least 1")
    print(f"python {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs", flush=True)
    names = _names(REPO, args.every, args.only)
    base = None
    if args.against:
        with tempfile.TemporaryDirectory(prefix="symact-base-") as tmp:
            tree = Path(tmp) / "tree"
            subprocess.run(
                ["git", "worktree", "add", "--detach", "-q", str(tree), args.against],
                cwd=REPO,
                check=True,
            )
            try:
                known = set(_names(tree, 1, ()))
                names = [n for n in names if n in known]  # entries both revisions have
                base = measure(tree, names, args.jobs)
            finally:
                subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=REPO)
    print(f"{len(names)} entries, {args.jobs} processes, an empty cache each")
    report(measure(REPO, names, args.jobs), base, args.against or "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
