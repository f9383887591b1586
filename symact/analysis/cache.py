"""On-disk cache of analyses, keyed by the expression (parameters substituted), ε, the symact
version and the analysis code.

The directory is `$SYMACT_CACHE_DIR`, else `~/.cache/symact`. Entries are JSON files written
atomically (a temporary file, then a rename), so a crash never leaves half an entry. Other
kinds of entry live in a subdirectory named after their `kind`: the numeric plans of
[`symact.numerics.plan`][symact.numerics.plan] in `plans/`, with their own key.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Any

import sympy as sp

from symact._version import __version__

__all__ = ["cache_dir", "key", "load", "store"]


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


def key(expr: sp.Expr, eps: float) -> str:
    """A stable key: `srepr` of the expression (parameters already substituted), ε, the symact
    version and a hash of the analysis code."""
    text = f"{__version__}\n{_code_hash()}\n{sp.srepr(expr)}\n{eps!r}"
    return hashlib.sha256(text.encode()).hexdigest()


def _folder(kind: str) -> Path:
    if kind and not kind.isidentifier():
        raise ValueError(f"a cache kind is a plain name, not {kind!r}")
    return cache_dir() / kind if kind else cache_dir()


def load(k: str, *, kind: str = "") -> dict[str, Any] | None:
    """The cached entry for `k` (of `kind`; analyses have none), or None (a missing or
    unreadable entry is a miss)."""
    path = _folder(kind) / f"{k}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):  # RecursionError: absurdly nested JSON
        return None
    return data if isinstance(data, dict) else None


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
