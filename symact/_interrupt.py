"""SIGTERM handled like Ctrl-C, so that the same clean-up runs (a build's temporary directory
and worker processes, MkDocs' server and its temporary directory).

[`install`][symact._interrupt.install] (called by the command line) makes SIGTERM raise
[`Terminated`][symact._interrupt.Terminated], a `KeyboardInterrupt`, in the main thread. Python
drops an exception raised by a signal handler while it runs a fork hook; so code that waits
in a loop calls [`checkpoint`][symact._interrupt.checkpoint], which raises it again once a
SIGTERM has arrived.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["Terminated", "checkpoint", "install", "requested"]


class Terminated(KeyboardInterrupt):
    """A SIGTERM arrived."""


_ARRIVED: list[bool] = []


def requested() -> bool:
    """Whether a SIGTERM arrived while the handler was installed."""
    return bool(_ARRIVED)


def checkpoint() -> None:
    """Raise [`Terminated`][symact._interrupt.Terminated] if a SIGTERM has arrived."""
    if _ARRIVED:
        raise Terminated


def _handler(signum: int, frame: FrameType | None) -> None:
    _ARRIVED.append(True)
    raise Terminated


@contextmanager
def install() -> Iterator[None]:
    """Within the block, SIGTERM raises `Terminated` (main thread only; elsewhere a no-op)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous: Callable[[int, FrameType | None], Any] | int | None = signal.signal(
        signal.SIGTERM, _handler
    )
    _ARRIVED.clear()
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
