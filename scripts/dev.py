#!/usr/bin/env python3
"""Set up a local virtual environment and run symact's main job or its tests.

    python3 scripts/dev.py site   # set up, then: symact site build; symact site serve
    python3 scripts/dev.py demo   # set up, then: symact diff gelu; symact show gelu
    python3 scripts/dev.py test   # set up, then: ruff check, ruff format --check, mypy,
                                  # lint-imports (the layers in pyproject.toml), pytest
    python3 scripts/dev.py test --fast         # the same, but only the tests not marked slow
    python3 scripts/dev.py test -- -k cli -x   # extra arguments after -- go to pytest

Needs only Python >= 3.11 and git. The environment is `.venv` in the repository: created when
missing, recreated when broken. `pip install -e .[dev]` (`.[dev,frameworks]` for the tests: the
pinned CPU PyTorch and JAX) runs only when pyproject.toml changed or those extras are missing
(a hash of pyproject.toml and the extras are kept in `.venv/symact-install.stamp`).

pytest runs in two worker processes (pytest-xdist: `-n 2 --dist loadfile`, a test file per work
unit; tests/conftest.py adjusts the units); `-- -n 0` runs it in one (needed for `--pdb`).
`--fast` adds `-m "not slow"`: tests over the whole catalogue run for a sample of entries only,
and the browser tests not at all (tests/conftest.py marks them); `.ci/run` runs everything.

tests/test_browser.py drives the system's Chromium (`chromium` on PATH; Debian: `apt-get install
chromium`) through Playwright, a dev extra; without it those tests are skipped, except in CI (`CI`
set) where they fail: `.ci/run` installs Chromium when it is missing.

Standard library only: this script runs before anything is installed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / "symact-install.stamp"
PYPROJECT = REPO / "pyproject.toml"

USAGE = """usage: python3 scripts/dev.py {site,demo} | test [--fast] [-- PYTEST_ARGS...]

  site   set up .venv, build the website into site/ and serve it at http://127.0.0.1:8000/
  demo   set up .venv, then run `symact diff gelu` and `symact show gelu`
  test   set up .venv, then run ruff check, ruff format --check, mypy, lint-imports (the
         layers in pyproject.toml) and pytest (two workers; `-- -n 0` for one); --fast: only the
         tests not marked slow (`-m "not slow"`)
"""

#: pytest's arguments before the user's: two workers, a test file per work unit.
PYTEST_ARGS = ("-n", "2", "--dist", "loadfile")
FAST_ARGS = ("-m", "not slow")


class StepFailedError(Exception):
    """A command failed; carries its exit status."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def _show(cmd: Sequence[str | Path]) -> str:
    parts = []
    for c in cmd:
        s = str(c)
        if isinstance(c, Path):
            with contextlib.suppress(ValueError):  # outside the repository: keep it absolute
                s = str(c.relative_to(REPO))
        parts.append(s)
    return shlex.join(parts)


def run(cmd: Sequence[str | Path], *, check: bool = True) -> int:
    """Print `$ cmd`, run it in the repository with the venv first on PATH; fail fast."""
    print(f"$ {_show(cmd)}", flush=True)
    env = dict(os.environ)
    env["VIRTUAL_ENV"] = str(VENV)
    env["PATH"] = str(BIN) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONHOME", None)
    status = subprocess.run([str(c) for c in cmd], cwd=REPO, env=env, check=False).returncode
    if check and status != 0:
        raise StepFailedError(status)
    return status


def _venv_works() -> bool:
    if not PYTHON.exists():
        return False
    try:
        probe = subprocess.run(
            [str(PYTHON), "-c", "import sys, pip; assert sys.version_info >= (3, 11)"],
            capture_output=True,
            timeout=120,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def _pyproject_hash() -> str:
    digest = hashlib.sha256(PYPROJECT.read_bytes())
    digest.update(sys.version.encode())  # a different interpreter means a fresh install too
    return digest.hexdigest()


def setup(extras: str) -> None:
    """Create (or repair) `.venv` and install the project with `extras` into it when
    pyproject.toml changed or those extras were not installed yet."""
    if sys.version_info < (3, 11):  # noqa: UP036 - run by whatever python3 the user has
        sys.exit(f"symact needs Python >= 3.11; this is {sys.version.split()[0]}")
    if VENV.exists() and not _venv_works():
        print(f"{VENV.relative_to(REPO)} is broken: recreating it", flush=True)
        shutil.rmtree(VENV)
    if not VENV.exists():
        run([sys.executable, "-m", "venv", VENV])
    wanted = _pyproject_hash()
    stamp = STAMP.read_text(encoding="utf-8").split() if STAMP.exists() else []
    have = set(stamp[1].split(",")) if len(stamp) == 2 and stamp[0] == wanted else set()
    if not set(extras.split(",")) <= have:
        run([PYTHON, "-m", "pip", "install", "-e", f".[{extras}]"])
        STAMP.write_text(f"{wanted} {extras}\n", encoding="utf-8")
    else:
        print("$ # .venv is up to date with pyproject.toml: nothing to install", flush=True)


def demo() -> None:
    symact = BIN / ("symact.exe" if os.name == "nt" else "symact")
    run([symact, "diff", "gelu"])
    run([symact, "show", "gelu"])


def site() -> None:
    symact = BIN / ("symact.exe" if os.name == "nt" else "symact")
    run([symact, "site", "build", "--out", "site"])
    print("$ # the site is in site/; serving it with live reload (Ctrl-C stops)", flush=True)
    run([symact, "site", "serve", "--address", "127.0.0.1:8000"])


def test(pytest_args: Sequence[str], *, fast: bool = False) -> None:
    if shutil.which("chromium") is None:
        skipped = "fail (CI is set)" if os.environ.get("CI") else "be skipped"
        print(
            f"$ # chromium is not installed: the browser tests will {skipped} "
            "(Debian: apt-get install chromium)",
            flush=True,
        )
    run([BIN / "ruff", "check", "."])
    run([BIN / "ruff", "format", "--check", "."])
    run([BIN / "mypy", "symact"])
    run([BIN / "lint-imports"])  # the one-way layers: [tool.importlinter] in pyproject.toml
    run([PYTHON, "-m", "pytest", *PYTEST_ARGS, *(FAST_ARGS if fast else ()), *pytest_args])


def main(argv: Sequence[str]) -> int:
    args = list(argv)
    extra: list[str] = []
    if "--" in args:
        i = args.index("--")
        args, extra = args[:i], args[i + 1 :]
    fast = args[1:] == ["--fast"] and args[0] == "test"
    if fast:
        args = args[:1]
    if len(args) != 1 or args[0] not in ("site", "demo", "test") or (extra and args[0] != "test"):
        print(USAGE, end="", file=sys.stderr)
        return 2
    try:
        # The tests also compare with PyTorch (the pinned CPU build) and JAX.
        setup("dev,frameworks" if args[0] == "test" else "dev")
        if args[0] == "site":
            site()
        elif args[0] == "demo":
            demo()
        else:
            test(extra, fast=fast)
    except StepFailedError as failed:
        print(f"dev.py: step failed with exit status {failed.status}", file=sys.stderr)
        return failed.status
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
