#!/usr/bin/env python3
"""Try the command line as a hostile user would (issue 13) and print what each attempt did.

    .venv/bin/python scripts/hostile.py [--budget SECONDS] [-k SUBSTRING]

Each attempt is a fresh `symact` process in a temporary directory that looks like a user's
checkout (a `.git`, `docs/` with an edit, an untracked file), with a cold temporary cache, under a
wall-clock limit of the budget plus a margin. An attempt passes when it ends in time with exit 0
(a correct answer), or with exit 2 and exactly one line on stderr, no traceback, and the
checkout unchanged. Prints one row per attempt and exits 1 if any failed. The tests
(`tests/test_site_safety.py`, `tests/test_hangs.py`, …) hold the same cases one by one; this
script is the end-to-end tour, worth running before a release.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent
SYMACT = [sys.executable, "-m", "symact"]


@dataclass(frozen=True)
class Attempt:
    label: str
    args: list[str]
    #: Exit statuses that count as a correct ending (0: an answer; 2: a refusal).
    ok: tuple[int, ...] = (2,)
    #: Shell redirection of stdout ("full": /dev/full, "closed": >&-), else a pipe.
    stdout: str = "pipe"


def nest(name: str, depth: int) -> str:
    return f"{name}(" * depth + "x" + ")" * depth


def attempts(budget: float) -> list[Attempt]:
    b = ["--budget", f"{budget:g}"]
    big = "9" * 320
    return [
        Attempt("build --out ''", ["site", "build", "--out", ""]),
        Attempt("build --out .", ["site", "build", "--out", "."]),
        Attempt("build --out docs", ["site", "build", "--out", "docs"]),
        Attempt("build --out ..", ["site", "build", "--out", ".."]),
        Attempt("build --out /", ["site", "build", "--out", "/"]),
        Attempt("build --out FILE/sub", ["site", "build", "--out", "notes.txt/sub"]),
        Attempt("build --out /proc/x", ["site", "build", "--out", "/proc/x"]),
        Attempt("build --out /sys/x", ["site", "build", "--out", "/sys/x"]),
        Attempt("derive silu^24", ["derive", nest("silu", 24), *b]),
        Attempt("diff elu^8", ["diff", nest("elu", 8)]),
        Attempt("diff -n 10 silu^3", ["diff", "-n", "10", nest("silu", 3)], ok=(0, 2)),
        Attempt("diff -n 10 mish^2", ["diff", "-n", "10", nest("mish", 2)], ok=(0, 2)),
        Attempt("diff x^x^...^x (99)", ["diff", "^".join(["x"] * 99)], ok=(0, 2)),
        Attempt("derive x^(x^x)", ["derive", "x^(x^x)", "--no-cache", *b], ok=(0,)),
        Attempt("derive silu^5", ["derive", nest("silu", 5), "--no-cache", *b], ok=(0,)),
        Attempt(
            "derive 3000 params",
            ["derive", "x", *[a for i in range(3000) for a in ("--param", f"p{i}=1")]],
        ),
        Attempt("codegen alpha=320 digits", ["codegen", "elu", "--param", f"alpha={big}"]),
        Attempt("codegen alpha=400 digits/7", ["codegen", "elu", "--param", f"alpha={big}9/7"]),
        Attempt("derive a=1e-999", ["derive", "a*x", "--param", "a=1e-999", *b], ok=(0, 2)),
        Attempt("derive a=arabic 1/2", ["derive", "a*x", "--param", "a=١/٢"]),
        Attempt("derive a=fullwidth 1.5", ["derive", "a*x", "--param", "a=１.５"]),
        Attempt("show gelu > /dev/full", ["show", "gelu"], stdout="full"),
        Attempt("list > /dev/full", ["list"], stdout="full"),
        Attempt("show gelu >&-", ["show", "gelu"], stdout="closed"),
        Attempt("diff '-x^2'", ["diff", "-x^2"]),
        Attempt("show (no name)", ["show"]),
        Attempt("serve on a busy port", ["site", "serve", "--address", "127.0.0.1:{busy}"]),
    ]


def snapshot(root: Path) -> str:
    digest = hashlib.sha256()
    for p in sorted(root.rglob("*")):
        digest.update(p.relative_to(root).as_posix().encode())
        if p.is_file() and not p.is_symlink():
            digest.update(p.read_bytes())
    return digest.hexdigest()


def checkout(root: Path) -> Path:
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Mine\n\nan uncommitted edit\n", encoding="utf-8")
    (root / "notes.txt").write_text("untracked\n", encoding="utf-8")
    return root


def run(a: Attempt, budget: float, cwd: Path, env: dict[str, str], busy: int) -> tuple[bool, str]:
    args = [x.replace("{busy}", str(busy)) for x in a.args]
    limit = budget + 30
    start = time.monotonic()
    with open(os.devnull if a.stdout != "full" else "/dev/full", "w") as sink:
        if a.stdout == "closed":
            cmd = ["/bin/sh", "-c", 'exec "$@" >&-', "sh", *SYMACT, *args]
            stdout = None
        else:
            cmd = [*SYMACT, *args]
            stdout = sink
        try:
            proc = subprocess.run(
                cmd,
                cwd=cwd,
                env=env,
                stdout=stdout,
                stderr=subprocess.PIPE,
                text=True,
                timeout=limit,
                check=False,
            )
        except subprocess.TimeoutExpired:
            return False, f"still running after {limit:g} s"
    took = time.monotonic() - start
    lines = proc.stderr.strip().splitlines()
    status = proc.returncode
    first = lines[0][:90] if lines else ""
    if "Traceback" in proc.stderr:
        return False, f"{took:5.1f} s  exit {status}  traceback: {lines[-1][:80]}"
    if status not in a.ok:
        return False, f"{took:5.1f} s  exit {status} (want {a.ok})  {first}"
    if status == 2 and len(lines) != 1:
        return False, f"{took:5.1f} s  exit 2 with {len(lines)} lines: {first}"
    return True, f"{took:5.1f} s  exit {status}  {first}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=float, default=30.0, help="--budget given to derive")
    parser.add_argument("-k", default="", help="only attempts whose label contains this")
    opts = parser.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp, socket.create_server(("127.0.0.1", 0)) as busy:
        root = checkout(Path(tmp) / "checkout")
        env = {**os.environ, "SYMACT_CACHE_DIR": str(Path(tmp) / "cache")}
        env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
        before = snapshot(root)
        port = busy.getsockname()[1]
        for a in attempts(opts.budget):
            if opts.k not in a.label:
                continue
            ok, what = run(a, opts.budget, root, env, port)
            if snapshot(root) != before:
                ok, what = False, what + "  CHECKOUT CHANGED"
                before = snapshot(root)
            failed += not ok
            print(f"{'ok  ' if ok else 'FAIL'} {a.label:28} {what}", flush=True)
    print(f"{failed} failed" if failed else "all ended in time, with an answer or one line")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
