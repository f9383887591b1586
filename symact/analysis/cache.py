"""On-disk cache of analyses, keyed by the expression (parameters substituted), ε, the symact
version and the analysis code.

The directory is `$SYMACT_CACHE_DIR`, else `~/.cache/symact`. Entries are JSON files written
atomically (a temporary file, then a rename), so a crash never leaves half an entry. Other
kinds of entry live in a subdirectory named after their `kind`: the numeric plans of
[`symact.numerics.plan`][symact.numerics.plan] in `plans/`, with their own key.

Whatever is in the directory may have been written by someone else, so an entry is read as
untrusted input ([`read_json`][symact.analysis.cache.read_json]): a regular file only (not a
symlink, a FIFO or a device), at most [`MAX_BYTES`][symact.analysis.cache.MAX_BYTES], JSON
nested at most [`MAX_DEPTH`][symact.analysis.cache.MAX_DEPTH] deep, and of the shape its
reader expects ([`conforms`][symact.analysis.cache.conforms]). Anything else is a miss: the
entry is recomputed and overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import sympy as sp

from symact._version import __version__

__all__ = ["MAX_BYTES", "MAX_DEPTH", "cache_dir", "conforms", "key", "load", "read_json", "store"]

#: Largest entry read, in bytes (the largest real entries, a family's comparison plots on the
#: site, are about 100 kB).
MAX_BYTES = 4 << 20
#: Deepest nesting of lists and objects in an entry (real entries nest at most 5 deep).
MAX_DEPTH = 32


def cache_dir() -> Path:
    """Where analyses are cached."""
    env = os.environ.get("SYMACT_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "symact"


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """A hash of the code that derives facts, so that a change to it invalidates old entries
    even before the version number moves."""
    root = Path(__file__).resolve().parent
    h = hashlib.sha256()
    for path in sorted([*root.glob("*.py"), root.parent / "functions.py"]):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


@lru_cache(maxsize=1)
def _versions() -> str:
    """The versions of the libraries that decide facts (SymPy's `limit`, `solveset`; mpmath's
    digits): an upgrade of either recomputes them."""
    import mpmath

    return f"sympy {sp.__version__}, mpmath {mpmath.__version__}"


def key(expr: sp.Expr, eps: float, extra: str = "") -> str:
    """A stable key: `srepr` of the expression (parameters already substituted), ε, `extra`
    (what else the entry depends on), the symact, SymPy and mpmath versions and a hash of the
    analysis code."""
    text = f"{__version__}\n{_versions()}\n{_code_hash()}\n{sp.srepr(expr)}\n{eps!r}\n{extra}"
    return hashlib.sha256(text.encode()).hexdigest()


def _folder(kind: str) -> Path:
    if kind and not kind.isidentifier():
        raise ValueError(f"a cache kind is a plain name, not {kind!r}")
    return cache_dir() / kind if kind else cache_dir()


def _read_regular(path: Path, limit: int) -> bytes | None:
    """The bytes of `path` if it is a regular file (not a symlink) of at most `limit` bytes.

    Opened without following a symlink and without blocking (a FIFO would wait for a writer),
    then checked to be a regular file, and read to at most `limit` + 1 bytes (a file may grow).
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return None if size > limit else b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(fd)


def _depth(data: Any) -> int:
    """How deep lists and objects nest in `data` (without recursion)."""
    deepest, todo = 0, [(data, 1)]
    while todo:
        item, d = todo.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, d)
            if d <= MAX_DEPTH:
                todo.extend((v, d + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_json(path: Path, limit: int = MAX_BYTES) -> Any:
    """The JSON value in the file at `path`, or None where there is none to trust: not a
    regular file, larger than `limit` bytes, not UTF-8 JSON, or nested deeper than
    [`MAX_DEPTH`][symact.analysis.cache.MAX_DEPTH]."""
    raw = _read_regular(path, limit)
    if raw is None:
        return None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None
    return None if _depth(data) > MAX_DEPTH else data


def conforms(data: Any, shape: Any) -> bool:
    """Whether `data` (read from JSON) has `shape`.

    A shape is a type (`isinstance`; a bool is not an `int` or a `float` here; `object` is
    anything), a tuple of shapes (any one of them), `[s]` (a list of `s`), `{str: s}` (an object
    of `s` under any keys) or `{"key": s, …}` (an object with those keys at least, each `s`).
    """
    if isinstance(shape, tuple):
        return any(conforms(data, s) for s in shape)
    if isinstance(shape, list):
        return isinstance(data, list) and all(conforms(v, shape[0]) for v in data)
    if isinstance(shape, dict):
        if not isinstance(data, dict):
            return False
        if str in shape:
            return all(conforms(v, shape[str]) for v in data.values())
        return all(k in data and conforms(data[k], s) for k, s in shape.items())
    if shape is object:
        return True
    if isinstance(data, bool) and shape is not bool:
        return False
    return isinstance(data, shape)


def load(k: str, *, kind: str = "", shape: Any = dict) -> dict[str, Any] | None:
    """The cached entry for `k` (of `kind`; analyses have none), or None: a missing or
    unreadable entry, or one not of `shape` (see [`conforms`][symact.analysis.cache.conforms]),
    is a miss."""
    data = read_json(_folder(kind) / f"{k}.json")
    return data if isinstance(data, dict) and conforms(data, shape) else None


def store(k: str, data: dict[str, Any], *, kind: str = "") -> None:
    """Write an entry atomically; a cache that cannot be written is silently skipped."""
    d = _folder(kind)
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, d / f"{k}.json")
    except OSError:
        return
