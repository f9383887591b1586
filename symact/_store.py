"""symact's one on-disk store, and the registry of its in-process memos.

The store lives in `$SYMACT_CACHE_DIR`, else `~/.cache/symact`, one folder per kind of entry
([`KINDS`][symact._store.KINDS]): `analyses/` (the facts of each rule of the analysis, the
saturation thresholds per ε), `general/` (facts for every parameter value), `plans/` (numeric
plans) and `site/` (a page's code and plots). A [`Store`][symact._store.Store] names its kind,
the symact modules its entries are made by and the libraries whose versions decide them; its
keys hash [`fingerprint`][symact._store.fingerprint] of those with what the entry is of, so a
change to
any module in that import graph, an upgrade of one of those libraries, or a new symact version
is a miss (old entries are never read again).

Whatever is in the directory may have been written by someone else, so an entry is read as
untrusted input ([`read_json`][symact._store.read_json]): a regular file only (not a symlink, a
FIFO or a device), at most [`MAX_BYTES`][symact._store.MAX_BYTES], JSON nested at most
[`MAX_DEPTH`][symact._store.MAX_DEPTH] deep, and of the shape its reader expects
([`conforms`][symact._store.conforms]). Anything else is a miss. Entries are JSON written
atomically (a temporary file, then a rename), so a crash never leaves half an entry; a store
that cannot be written only costs time. Nothing read is ever evaluated (`eval`, `sympify`):
expressions are read back by their owners through `symact.analysis._serial.load_expr`.

[`clear_caches`][symact._store.clear_caches] empties every in-process memo (the functions
decorated with [`memo`][symact._store.memo]) and, with `disk=True`, removes the store's folders.

This module imports only the standard library and `symact._version`: it sits below every
other layer.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import json
import os
import re
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from symact._version import __version__

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "MAX_DEPTH",
    "Store",
    "cache_dir",
    "clear_caches",
    "conforms",
    "fingerprint",
    "memo",
    "read_json",
    "register_memo",
]

#: Largest entry read, in bytes (the largest real entries, a family's comparison plots on the
#: site, are about 100 kB).
MAX_BYTES = 4 << 20
#: Deepest nesting of lists and objects in an entry (real entries nest at most 5 deep).
MAX_DEPTH = 32
#: Version of the store's key layout: part of every key.
FORMAT = 1
#: The store's folders under the cache directory, one per kind of entry. These (and nothing
#: else) are what `clear_caches(disk=True)` removes.
KINDS = ("analyses", "general", "plans", "site")

_PACKAGE = Path(__file__).resolve().parent
#: A file name an entry may have (no separator, no leading dot).
_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,199}")

F = TypeVar("F", bound=Callable[..., Any])

# --- the memo registry --------------------------------------------------------------------------

_MEMOS: list[Any] = []


def memo(maxsize: int | None = 128) -> Callable[[F], F]:
    """`functools.lru_cache(maxsize)`, registered so that
    [`clear_caches`][symact._store.clear_caches] empties it."""

    def decorate(f: F) -> F:
        wrapped = functools.lru_cache(maxsize=maxsize)(f)
        _MEMOS.append(wrapped)
        return wrapped  # type: ignore[return-value]

    return decorate


def register_memo(f: Any) -> None:
    """Register a memo of another kind (anything with `cache_clear()`) with `clear_caches`."""
    _MEMOS.append(f)


def _module_memos() -> Iterable[Any]:
    """`lru_cache` wrappers at module level of the symact modules loaded so far, registered or
    not (a module that has not moved to `memo` yet is cleared all the same)."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == "symact" or name.startswith("symact.")):
            continue
        for value in list(vars(module).values()):
            if isinstance(value, functools._lru_cache_wrapper):
                yield value


def clear_caches(*, disk: bool = False) -> None:
    """Forget everything symact has memoised in this process (parsed expressions, derived
    roots and limits, numeric plans, …), so the next call computes afresh; with `disk`, also
    remove symact's on-disk store (the folders of [`KINDS`][symact._store.KINDS] under the
    cache directory, and nothing else in it)."""
    for f in [*_MEMOS, *_module_memos()]:
        f.cache_clear()
    if disk:
        root = cache_dir()
        for kind in KINDS:
            path = root / kind
            try:
                if path.is_symlink() or not path.is_dir():
                    if path.is_symlink():
                        path.unlink()  # the link, never what it points to
                    continue
                shutil.rmtree(path)
            except OSError:
                continue
        _remove_old_analyses(root)


def _remove_old_analyses(root: Path) -> None:
    """Analyses an earlier symact wrote at the top of the cache directory (`<sha256>.json`)."""
    try:
        with os.scandir(root) as entries:
            old = [e.path for e in entries if re.fullmatch(r"[0-9a-f]{64}\.json", e.name)]
    except OSError:
        return
    for path in old:
        try:
            if stat.S_ISREG(os.lstat(path).st_mode):
                os.unlink(path)
        except OSError:
            continue


# --- the fingerprint ----------------------------------------------------------------------------


def _module_file(module: str) -> Path | None:
    """The source file of the symact module `module`, if there is one."""
    parts = module.split(".")
    if parts[0] != "symact":
        return None
    base = _PACKAGE.joinpath(*parts[1:])
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def _module_name(path: Path) -> str:
    parts = path.relative_to(_PACKAGE).with_suffix("").parts
    return ".".join(["symact", *(p for p in parts if p != "__init__")])


#: An import statement anywhere in a module (at module level or inside a function): `import a.b
#: as c, d` or `from .base import (x, y as z)`, its names over several lines in parentheses.
#: Read by pattern, not parsed: parsing every source file on each start cost a command 0.15 s.
#: Text in a string that looks like an import counts too: one dependency too many only means
#: entries are remade more often, never that a changed module is missed.
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?P<base>\.*[\w.]*)[ \t]+import[ \t]+(?P<names>\([^)]*\)|[^\n]*)"
    r"|import[ \t]+(?P<modules>[^\n]*))",
    re.MULTILINE,
)


def _listed(text: str) -> list[str]:
    """The names of an import list: comments, parentheses, line continuations, `as` aliases
    and anything after a `;` removed."""
    text = re.sub(r"#[^\n]*", "", text).split(";")[0]
    text = text.replace("(", " ").replace(")", " ").replace("\\", " ")
    return [n.split()[0] for n in text.split(",") if n.split()]


def _imported(path: Path) -> list[Path]:
    """The symact modules `path` imports anywhere in it (at module level, inside functions,
    relative or absolute: a module imported lazily runs all the same)."""
    found: list[Path] = []
    package = _module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    for m in _IMPORT.finditer(path.read_text(encoding="utf-8")):
        if m.group("modules") is not None:
            names = _listed(m.group("modules"))
        else:
            base = m.group("base")
            level = len(base) - len(base.lstrip("."))
            base = base.lstrip(".")
            if level:
                up = package.split(".")[: len(package.split(".")) - (level - 1)]
                base = ".".join([*up, *([base] if base else [])])
            # `from symact.numerics import _runtime as runtime` imports a module, not a name
            subs = [f"{base}.{a}" for a in _listed(m.group("names"))]
            names = [s for s in subs if _module_file(s)] or [base]
        # the modules named, not the packages around them: `from symact.numerics._nodes import
        # …` runs `symact/numerics/__init__.py` too, but what nodes.py computes does not
        # depend on it unless it imports from it
        found.extend(p for n in names if (p := _module_file(n)) is not None)
    return found


def _graph(modules: Iterable[str]) -> list[Path]:
    """The source files of `modules` and of every symact module they import, transitively."""
    seen: set[Path] = set()
    todo: list[Path] = []
    for m in modules:
        path = _module_file(m)
        if path is None:
            raise ValueError(f"{m!r} is not a symact module")
        todo.append(path)
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(_imported(path))
    return sorted(seen)


def _version_of(library: str) -> str:
    try:
        return importlib.metadata.version(library)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


@memo(maxsize=64)
def fingerprint(modules: tuple[str, ...], libraries: tuple[str, ...]) -> str:
    """A hash of what an entry made by `modules` depends on besides its own arguments: the
    symact version, the source of `modules` and of every symact module they import
    (transitively, lazy imports inside functions included; a package's `__init__.py` only
    where it is imported from), and the installed versions of
    `libraries` (distribution names, e.g. `("sympy", "mpmath")`; "absent" where one is not
    installed)."""
    h = hashlib.sha256(f"symact {__version__}\n".encode())
    for lib in sorted(libraries):
        h.update(f"{lib} {_version_of(lib)}\n".encode())
    for path in _graph(modules):
        h.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


# --- reading and writing entries ----------------------------------------------------------------


def cache_dir() -> Path:
    """Where the store is: `$SYMACT_CACHE_DIR`, else `~/.cache/symact`."""
    env = os.environ.get("SYMACT_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "symact"


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
    [`MAX_DEPTH`][symact._store.MAX_DEPTH]."""
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


class Store:
    """The entries of one kind: `Store("plans", depends_on=("symact.numerics._plan",),
    versions=("sympy", "mpmath", "numpy", "scipy"))`.

    [`key`][symact._store.Store.key] hashes what an entry is of with the
    [`fingerprint`][symact._store.fingerprint] of `depends_on` and `versions`;
    [`get`][symact._store.Store.get] and [`put`][symact._store.Store.put] read and write the
    entry of a name (a key, or a key with a readable prefix) in the kind's folder.
    """

    def __init__(self, kind: str, *, depends_on: Iterable[str], versions: Iterable[str]) -> None:
        if kind not in KINDS:
            raise ValueError(f"an unknown kind of store entry: {kind!r}")
        self.kind = kind
        self.depends_on = tuple(sorted(depends_on))
        self.versions = tuple(sorted(versions))

    def __repr__(self) -> str:
        return f"Store({self.kind!r}, depends_on={self.depends_on}, versions={self.versions})"

    def fingerprint(self) -> str:
        """The fingerprint of this kind's code and libraries (see
        [`fingerprint`][symact._store.fingerprint])."""
        return fingerprint(self.depends_on, self.versions)

    def key(self, *parts: str) -> str:
        """A SHA-256 (hex) of `parts` (what the entry is of), the kind and its fingerprint."""
        text = "\n".join([f"store {FORMAT}", self.kind, self.fingerprint(), *parts])
        return hashlib.sha256(text.encode()).hexdigest()

    def folder(self) -> Path:
        """The kind's folder in the cache directory (read when called: the environment may
        change)."""
        return cache_dir() / self.kind

    def path(self, name: str) -> Path:
        """The file of the entry `name`."""
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a store entry's name: {name!r}")
        return self.folder() / f"{name}.json"

    def get(self, name: str, shape: Any = dict) -> Any:
        """The entry `name`, or None: a missing or unreadable entry, or one not of `shape` (see
        [`conforms`][symact._store.conforms]), is a miss."""
        data = read_json(self.path(name))
        return data if data is not None and conforms(data, shape) else None

    def put(self, name: str, data: Any) -> bool:
        """Write the entry `name` atomically; whether it was written (a store that cannot be
        written is skipped)."""
        path = self.path(name)
        tmp = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out)
            os.replace(tmp, path)
        except (OSError, TypeError, ValueError):
            if tmp is not None:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
            return False
        return True
