"""Shared test set-up: a session-wide analysis cache, Hypothesis profiles, CLI helpers, and the
`slow` marker that `python3 scripts/dev.py test --fast` leaves out.

symact's store lives in `<repo>/.symact-cache/tests/store` (git-ignored) so that a second test
run reuses the first run's analyses and plans; `SYMACT_CACHE_DIR` is set before any test imports
`symact.analysis`, and inherited by subprocesses the tests start.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
CACHE_ROOT = REPO / ".symact-cache" / "tests"


#: Every key of symact's store holds the fingerprint of the code and libraries that made the
#: entry, so one directory serves every version of the code: a change starts afresh where it
#: matters and nowhere else.
CACHE_DIR = CACHE_ROOT / "store"
CACHE_DIR.mkdir(parents=True, exist_ok=True)
for _old in CACHE_ROOT.iterdir():  # caches of earlier test set-ups (one per code hash)
    if _old.is_dir() and _old != CACHE_DIR:
        shutil.rmtree(_old, ignore_errors=True)
os.environ["SYMACT_CACHE_DIR"] = str(CACHE_DIR)

# SymPy's run time varies a lot between the first call (caches cold) and later ones, so a
# per-example deadline only produces flaky failures: none in either profile.
settings.register_profile(
    "ci", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


# --- the fast tier ------------------------------------------------------------------------------
# `scripts/dev.py test --fast` runs `pytest -m "not slow"`. A test over the whole catalogue runs
# there for the entries of FAST_SAMPLE only: the other entries' cases, the files in SLOW_FILES and
# the tests in SLOW_TESTS are marked `slow` here rather than test by test, so that a new test over
# the catalogue is sampled without anyone remembering to.

#: Representative entries: a kink (relu), a smooth saturating one (sigmoid), a special function
#: (gelu: erf), a parameter and a C¹ join (elu), a tail needing care (softplus), a piecewise
#: polynomial (hardswish).
FAST_SAMPLE = frozenset({"relu", "sigmoid", "gelu", "elu", "softplus", "hardswish"})

#: Whole files left out of the fast tier: the browser tests need the whole site built.
SLOW_FILES = frozenset({"test_browser.py"})

#: Tests left out of the fast tier whatever their entry: their module's fixture runs JAX on the
#: generated code of the whole catalogue in one child process (80 s of a 5-minute fast run).
SLOW_TESTS = frozenset({"test_codegen.py::test_jax_grad_matches_the_derivative"})


def _entry_of(item: pytest.Item, catalogue: frozenset[str]) -> str | None:
    """The catalogue entry a parametrized test case is about, if any: a parameter that is an
    entry's name or an `Activation`."""
    from symact.declare import Activation

    params: dict[str, Any] = getattr(getattr(item, "callspec", None), "params", {})
    for value in params.values():
        if isinstance(value, Activation):
            return value.name
        if isinstance(value, str) and value in catalogue:
            return value
    return None


def _test_of(item: pytest.Item) -> str:
    """`test_file.py::test_function`, without the parameters."""
    name = item.originalname if isinstance(item, pytest.Function) else item.name
    return f"{item.path.name}::{name}"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark `slow` what the fast tier leaves out (see above)."""
    from symact.catalog import names

    catalogue = frozenset(names())
    entries: dict[str, set[str]] = {}
    for item in items:
        entry = _entry_of(item, catalogue)
        if entry is not None:
            entries.setdefault(_test_of(item), set()).add(entry)
    for item in items:
        test, entry = _test_of(item), _entry_of(item, catalogue)
        if (
            item.path.name in SLOW_FILES
            or test in SLOW_TESTS
            or (
                entry is not None
                and entry not in FAST_SAMPLE
                and 2 * len(entries[test]) >= len(catalogue)
            )
        ):
            item.add_marker(pytest.mark.slow)


# --- pytest-xdist ---------------------------------------------------------------------------------
# `scripts/dev.py test` runs pytest with `-n 2 --dist loadfile`: each file is one work unit, so a
# module's and the session's fixtures (every analysis, JAX over the catalogue) run once, on one
# worker, not once per worker. The files that use the built site are one unit together, so that
# the site is built once; test_numerics.py and test_analysis.py, the longest files (their fixtures
# analyse an entry when a test first asks for it), are one unit per catalogue entry, so that both
# workers share them. (Not `--dist loadgroup` with
# `xdist_group` marks: pytest-xdist 3.8.0 renames the tests for it through `item._nodeid`, which
# pytest 9.2 no longer reads, so every test would be a unit of its own.)

#: Files whose tests use the `built_site` fixture.
BUILT_SITE_FILES = frozenset({"test_site.py", "test_browser.py"})
#: Files split into one work unit per catalogue entry (named first in a test's parameters).
BY_ENTRY_FILES = frozenset({"test_numerics.py", "test_analysis.py"})


@pytest.hookimpl(optionalhook=True, tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """`--dist loadfile`, but with the files of BUILT_SITE_FILES in one work unit, and those of
    BY_ENTRY_FILES in one unit per entry."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    from symact.catalog import names

    catalogue = frozenset(names())

    class Scheduling(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::", 1)[0]
            if Path(path).name in BUILT_SITE_FILES:
                return "built_site"
            entry = nodeid.partition("[")[2].split("-", 1)[0].rstrip("]")
            if Path(path).name in BY_ENTRY_FILES and entry in catalogue:
                return f"{path}[{entry}]"
            return path

    return Scheduling(config, log)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root directory."""
    return REPO


@pytest.fixture(scope="session")
def cache_dir() -> Path:
    """The analysis cache shared by the whole test session (`SYMACT_CACHE_DIR`)."""
    return CACHE_DIR


@dataclass(frozen=True)
class CliResult:
    """What one in-process run of the CLI produced."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `symact.cli.main(args)` in-process: `cli("show", "gelu")` → CliResult."""
    from symact.cli import main

    def run(*args: str | Sequence[str]) -> CliResult:
        argv = [a for arg in args for a in ([arg] if isinstance(arg, str) else arg)]
        capsys.readouterr()  # drop anything printed before
        status = main(argv)
        captured = capsys.readouterr()
        return CliResult(status, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole website, built once per session by `symact site build`'s code."""
    from symact.site.build import build_site

    return build_site(tmp_path_factory.mktemp("site") / "site")
