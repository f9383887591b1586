"""Nothing outside `--out` is touched, and `--out` is replaced only when it is empty or an earlier
site: the build's checks, run in temporary directories with MkDocs' build replaced by a fake (the
real build is tested in test_site.py), and the command line's handling of signals and output."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import CliResult
from test_cli import assert_one_line_error

import symact.site.build as build_module
from symact.site.build import MARKER, SiteError, build_site, check_output

Cli = Callable[..., CliResult]


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every path under `root` (links unfollowed) with its bytes, link target or `dir`."""
    out: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            rel = p.relative_to(root).as_posix()
            if p.is_symlink():
                out[rel] = "-> " + os.readlink(p)
            elif p.is_dir():
                out[rel] = "dir"
            else:
                out[rel] = p.read_bytes()
    return out


@pytest.fixture
def fake_mkdocs(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """MkDocs' build replaced by one that writes an index page (and reports progress); the list
    collects the directories it built into, so a test can tell whether any work started."""
    import mkdocs.commands.build

    built: list[Path] = []

    def fake(config: Any, **kwargs: Any) -> None:
        site = Path(config["site_dir"])
        built.append(site)
        build_module.progress_printer()("a progress line")
        (site / "index.html").write_text("<p>a site</p>\n", encoding="utf-8")

    monkeypatch.setattr(mkdocs.commands.build, "build", fake)
    return built


@pytest.fixture
def checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A directory like a user's checkout, as the current directory."""
    root = tmp_path / "checkout"
    (root / ".git").mkdir(parents=True)
    (root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    (root / "docs").mkdir()
    (root / "docs" / "index.md").write_text("# Mine\n\nan uncommitted edit\n", encoding="utf-8")
    (root / "notes.txt").write_text("untracked\n", encoding="utf-8")
    monkeypatch.chdir(root)
    yield root


def leftovers(parent: Path) -> list[str]:
    return [p.name for p in parent.iterdir() if ".building-" in p.name or ".old-" in p.name]


# ---------------------------------------------------------------------------------------------
# Refused before any work, with nothing touched


@pytest.mark.parametrize(
    "out",
    ["", "   ", ".", "./", "..", "docs", "docs/..", "/"],
    ids=["empty", "blank", "dot", "dot-slash", "parent", "docs", "docs-parent", "root"],
)
def test_build_refuses_what_it_must_not_replace(
    cli: Cli, checkout: Path, fake_mkdocs: list[Path], out: str
) -> None:
    before = snapshot(checkout.parent)
    result = cli("site", "build", "--out", out)
    assert_one_line_error(result, "refusing" if out.strip() not in ("", "/") else "")
    assert fake_mkdocs == []  # no work started
    assert snapshot(checkout.parent) == before


def test_build_refuses_a_non_empty_directory_that_is_not_a_site(
    cli: Cli, checkout: Path, fake_mkdocs: list[Path]
) -> None:
    (checkout / "site").mkdir()
    (checkout / "site" / "mine.html").write_text("keep me", encoding="utf-8")
    before = snapshot(checkout)
    assert_one_line_error(cli("site", "build", "--out", "site"), MARKER, "refusing")
    assert fake_mkdocs == [] and snapshot(checkout) == before


def test_a_marker_must_be_a_regular_file_with_the_builds_text(
    checkout: Path, fake_mkdocs: list[Path]
) -> None:
    target = checkout / "site"
    target.mkdir()
    (target / "data.txt").write_text("keep me", encoding="utf-8")
    (target / MARKER).write_text("hello", encoding="utf-8")  # not the text a build writes
    with pytest.raises(SiteError, match="not a site symact built"):
        check_output(target)
    genuine = checkout / "genuine"
    build_site(genuine)  # writes a genuine marker
    (target / MARKER).unlink()
    (target / MARKER).symlink_to(genuine / MARKER)
    with pytest.raises(SiteError, match="not a site symact built"):
        check_output(target)
    assert fake_mkdocs == [genuine.parent / fake_mkdocs[0].name]


def test_build_refuses_a_symbolic_link(checkout: Path, fake_mkdocs: list[Path]) -> None:
    (checkout / "empty").mkdir()
    (checkout / "link").symlink_to(checkout / "empty")
    with pytest.raises(SiteError, match="symbolic link"):
        build_site(checkout / "link")
    assert fake_mkdocs == []


def test_build_refuses_the_source_checkout_and_the_cache(
    fake_mkdocs: list[Path], cache_dir: Path, repo_root: Path
) -> None:
    for where in (repo_root, repo_root.parent, cache_dir, cache_dir.parent):
        with pytest.raises(SiteError, match="refusing"):
            build_site(where)
    assert fake_mkdocs == []


@pytest.mark.parametrize("out", ["notes.txt/sub", "/proc/symact-x", "/sys/symact-x"])
def test_build_into_an_impossible_place_is_one_line(
    cli: Cli, checkout: Path, fake_mkdocs: list[Path], out: str
) -> None:
    before = snapshot(checkout)
    assert_one_line_error(cli("site", "build", "--out", out))
    assert fake_mkdocs == [] and snapshot(checkout) == before


# ---------------------------------------------------------------------------------------------
# Replaced when empty or an earlier site


def test_build_replaces_an_empty_directory_and_an_earlier_site(
    cli: Cli, checkout: Path, fake_mkdocs: list[Path]
) -> None:
    (checkout / "site").mkdir()
    for _ in range(2):  # empty, then the site the first build made
        result = cli("site", "build", "--out", "site", "--quiet")
        assert result.status == 0, result
        assert (checkout / "site" / "index.html").is_file()
        assert (checkout / "site" / MARKER).is_file()
    assert len(fake_mkdocs) == 2
    assert leftovers(checkout) == []
    assert (checkout / "docs" / "index.md").read_text(encoding="utf-8").endswith("edit\n")


def test_a_directory_that_changes_during_the_build_is_kept(
    checkout: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs.commands.build

    target = checkout / "site"
    target.mkdir()

    def meanwhile(config: Any, **kwargs: Any) -> None:
        (target / "written-meanwhile.txt").write_text("keep me", encoding="utf-8")

    monkeypatch.setattr(mkdocs.commands.build, "build", meanwhile)
    with pytest.raises(SiteError, match="not a site symact built"):
        build_site(target)
    assert snapshot(target) == {"written-meanwhile.txt": b"keep me"}
    assert leftovers(checkout) == []


def test_quiet_build_prints_no_progress(cli: Cli, checkout: Path, fake_mkdocs: list[Path]) -> None:
    loud = cli("site", "build", "--out", "a")
    assert loud.status == 0 and "a progress line" in loud.err
    quiet = cli("site", "build", "--out", "b", "--quiet")
    assert quiet.status == 0 and quiet.err == ""


# ---------------------------------------------------------------------------------------------
# Serving


def test_serve_on_a_port_in_use_is_one_line_before_any_work(
    cli: Cli, fake_mkdocs: list[Path]
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = cli("site", "serve", "--address", f"127.0.0.1:{port}")
    assert_one_line_error(result, f"127.0.0.1:{port}")
    assert fake_mkdocs == []


# ---------------------------------------------------------------------------------------------
# Signals: a terminated build or server cleans up like an interrupted one


def _symact(args: list[str], env: dict[str, str], cwd: Path, **kw: Any) -> subprocess.Popen[str]:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "symact", *args],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **kw,
    )


def _wait_for(what: Callable[[], bool], proc: subprocess.Popen[str], seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not what():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def _processes_with(tag: str) -> list[int]:
    """Processes whose environment holds `tag` (the workers a build left behind)."""
    found = []
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                if tag.encode() in (d / "environ").read_bytes():
                    found.append(int(d.name))
            except OSError:
                continue
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads /proc")
def test_sigterm_during_a_build_leaves_nothing(tmp_path: Path) -> None:
    tag = f"SYMACT_TEST_TAG={uuid.uuid4().hex}"
    env = {
        **os.environ,
        "SYMACT_CACHE_DIR": str(tmp_path / "cache"),  # cold: the build takes a while
        "SYMACT_JOBS": "2",
        tag.split("=")[0]: tag.split("=")[1],
    }
    proc = _symact(["site", "build", "--out", "site"], env, tmp_path)

    def started() -> bool:  # the temporary directory and the workers exist
        building = [p for p in tmp_path.iterdir() if ".building-" in p.name]
        return bool(building) and len(_processes_with(tag)) >= 3

    _wait_for(started, proc, 120)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines()[-1] == "symact: terminated"
    assert "Traceback" not in err
    assert leftovers(tmp_path) == [] and not (tmp_path / "site").exists()
    deadline = time.monotonic() + 10
    while _processes_with(tag) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _processes_with(tag) == []


def test_sigterm_during_serve_removes_mkdocs_temporary_directory(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    with socket.create_server(("127.0.0.1", 0)) as s:
        port = s.getsockname()[1]
    env = {**os.environ, "TMPDIR": str(temp), "SYMACT_CACHE_DIR": str(tmp_path / "cache")}
    proc = _symact(["site", "serve", "--address", f"127.0.0.1:{port}"], env, tmp_path)
    _wait_for(lambda: any(p.name.startswith("mkdocs_") for p in temp.iterdir()), proc, 60)
    time.sleep(1.0)  # into the build
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    assert list(temp.iterdir()) == []


# ---------------------------------------------------------------------------------------------
# Output that cannot be written; usage errors


def test_output_to_a_full_device_is_one_line(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "symact", "list"],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            timeout=60,
            check=False,
        )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        "symact: cannot write the output: No space left on device"
    ]


def test_closed_output_is_one_line() -> None:
    proc = subprocess.run(
        ["/bin/sh", "-c", 'exec "$0" -m symact list >&-', sys.executable],
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["symact: standard output is closed"]


@pytest.mark.parametrize(
    "args",
    [["show"], ["list", "--bogus"], ["nonsense"], ["diff", "x", "-n", "abc"], []],
    ids=["missing-name", "unknown-option", "unknown-command", "bad-order", "nothing"],
)
def test_usage_errors_are_one_line(cli: Cli, args: list[str]) -> None:
    assert_one_line_error(cli(*args), "--help")


@pytest.mark.parametrize("command", ["diff", "derive"])
def test_a_formula_starting_with_a_dash_says_to_use_double_dash(cli: Cli, command: str) -> None:
    assert_one_line_error(cli(command, "-x^2"), f"symact {command} -- ")


def test_a_formula_after_double_dash_is_read(cli: Cli) -> None:
    result = cli("diff", "--", "-x^2")
    assert result.status == 0, result
    assert "2⋅x" in result.out


@pytest.mark.parametrize("jobs", ["abc", "0", "-1", "1e3", "９", "100000"])
def test_a_bad_jobs_variable_is_one_line_before_any_work(
    cli: Cli, checkout: Path, fake_mkdocs: list[Path], monkeypatch: pytest.MonkeyPatch, jobs: str
) -> None:
    monkeypatch.setenv("SYMACT_JOBS", jobs)
    assert_one_line_error(cli("site", "build", "--out", "site"), "SYMACT_JOBS")
    assert fake_mkdocs == [] and not (checkout / "site").exists()
