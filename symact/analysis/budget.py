"""Time budgets that cannot hang the caller.

SymPy's `limit`, `solve` and `simplify` can run for minutes or forever on innocent input.
[`within`][symact.analysis.budget.within] runs one step in a forked child process and kills it
when its budget is spent, so even a step stuck in C code cannot hang the analysis. On platforms
without `fork` the step runs inline, without a limit.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

__all__ = ["Outcome", "simplified", "within"]

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a budgeted step produced: a value, or why it did not."""

    value: T | None
    ok: bool
    reason: str = ""


def _child(fn: Callable[[], T], w: int) -> None:
    try:
        try:
            payload = pickle.dumps(Outcome(fn(), True), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException as exc:
            name = type(exc).__name__
            payload = pickle.dumps(Outcome(None, False, f"SymPy raised {name}: {exc}"[:300]))
        with os.fdopen(w, "wb") as out:
            out.write(payload)
    finally:
        os._exit(0)


def within(seconds: float, fn: Callable[[], T], what: str = "step") -> Outcome[T]:
    """Run `fn()` with at most `seconds` of wall time.

    Returns `Outcome(value, True)` on success; `Outcome(None, False, reason)` when `fn` raised
    or ran out of time (the child is killed).
    """
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        try:
            return Outcome(fn(), True)
        except Exception as exc:
            return Outcome(None, False, f"SymPy raised {type(exc).__name__}: {exc}"[:300])
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(r)
        _child(fn, w)
    os.close(w)
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([r], [], [], left)
            if not ready:
                continue
            chunk = os.read(r, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(r)
        if timed_out:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if os.environ.get("SYMACT_TRACE_BUDGET"):
        print(f"[budget] {what}: {time.monotonic() - deadline + seconds:.2f} s", flush=True)
    if timed_out:
        return Outcome(None, False, f"{what} exceeded its {seconds:g} s budget")
    try:
        result: Outcome[T] = pickle.loads(b"".join(chunks))  # noqa: S301 - our own child
    except Exception as exc:
        return Outcome(None, False, f"{what} returned nothing usable ({type(exc).__name__})")
    return result


def simplified(e: Any, seconds: float = 2.0) -> Any:
    """`sympy.simplify(e)` within the budget; `e` unchanged when it runs out."""
    import sympy as sp

    if isinstance(e, sp.Basic) and (e.is_Atom or e.is_Number):
        return e
    out = within(seconds, partial(sp.simplify, e), "simplify")
    return out.value if out.ok and out.value is not None else e
