"""Time budgets that cannot hang the caller.

SymPy's `limit`, `solve` and `simplify` can run for minutes or forever on innocent input.
[`within`][symact.analysis._budget.within] runs one step in a forked child process and kills it
when its budget is spent, so even a step stuck in C code cannot hang the analysis. A budget is
CPU time where Linux' `/proc` reports it, so a result does not depend on how busy the machine is.
On platforms without `fork` the step runs inline, without a limit.

[`bounded`][symact.analysis._budget.bounded] runs a step in this process instead, stopped by a
CPU-time timer signal: a fork, and the copies of memory a child makes as it touches SymPy's
objects, cost 10–25 ms per step, and what a child learns (SymPy's cache) is lost with it — the
analysis of a typical activation takes half the CPU time with its steps run here. A timer
signal takes effect between Python operations only, so a step that could spend long in C code
(a huge integer power in a formula someone typed) needs a process of its own: inside
[`isolated`][symact.analysis._budget.isolated], `bounded` is `within`.

[`inline`][symact.analysis._budget.inline] bounds a longer piece of work made of such steps (a
whole analysis) in this process, with a timer signal: what the work learns on the way (the
memoised limits, roots and simplified derivatives) stays in the process for the next user —
the numeric plans built next need the same limits.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import pickle
import select
import signal
import sys
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any, Generic, TypeVar

from symact._interrupt import checkpoint
from symact._store import register_memo

__all__ = [
    "Outcome",
    "bounded",
    "bounded_each",
    "crowded",
    "inline",
    "isolated",
    "memo_unless_crowded",
    "simplified",
    "within",
    "within_each",
]

T = TypeVar("T")


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What a budgeted step produced: a value, or why it did not."""

    value: T | None
    ok: bool
    reason: str = ""
    #: Whether the step ran out of its budget (rather than failing).
    timed_out: bool = False
    #: The class name of the exception the step raised, if it raised one.
    exception: str = ""


def _raised(exc: BaseException) -> Outcome[Any]:
    """The outcome of a step that raised `exc`."""
    name = type(exc).__name__
    return Outcome(None, False, f"SymPy raised {name}: {exc}"[:300], exception=name)


def _prctl() -> Callable[..., int] | None:
    """Linux' `prctl`, or None."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        fn: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return fn


_PRCTL = _prctl()
_PR_SET_PDEATHSIG = 1


def _die_with(parent: int) -> None:
    """In a child: be killed when `parent` ends (a parent killed by SIGKILL or SIGTERM cannot
    stop its children itself, and a child stuck in SymPy would run on forever); and let SIGTERM
    end the child at once (not the handler the command line installed in the parent)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent ended before the line above
        os._exit(0)


def _child(fns: Sequence[Callable[[], Any]], w: int, parent: int) -> None:
    """Run each of `fns` in turn, writing each outcome (length-prefixed pickle) as it is done."""
    try:
        _STEPS.clear()  # the parent's running steps are not this process' (nor its clock)
        _die_with(parent)
        with os.fdopen(w, "wb", buffering=0) as out:
            for fn in fns:
                try:
                    payload = pickle.dumps(Outcome(fn(), True), protocol=pickle.HIGHEST_PROTOCOL)
                except BaseException as exc:
                    payload = pickle.dumps(_raised(exc))
                out.write(len(payload).to_bytes(8, "big") + payload)
    finally:
        os._exit(0)


#: How long, in wall time, a child may take per second of its CPU budget before it is stopped
#: anyway, and a fixed allowance on top: generous, as a child on a crowded machine gets a small
#: share of a core, and what it would have found must not depend on that.
WALL_FACTOR, WALL_EXTRA = 20.0, 30.0
#: Seconds of wall time after which a child that has used no CPU at all is stopped (it waits:
#: for a lock it inherited, for input); a child on a crowded machine still gets some CPU time.
STALL = 10.0
#: How many steps of this process were stopped by the wall clock before their CPU budget was
#: spent: on a crowded machine, or a child that waits. What such a step left undone depends on
#: the load, so results derived meanwhile are neither memoised nor stored (`crowded`).
_CROWDED = [0]
#: How often (seconds) the CPU time of a running child is read.
POLL = 0.05


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by process `pid`, from `/proc` (Linux); None
    where it cannot be read."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            fields = f.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def within(
    seconds: float, fn: Callable[[], T], what: str = "step", *, wall: bool = False
) -> Outcome[T]:
    """Run `fn()` in a child process with at most `seconds` of CPU time.

    Returns `Outcome(value, True)` on success; `Outcome(None, False, reason)` when `fn` raised
    or ran out of time (the child is killed). The budget is CPU time where the system reports
    it (Linux' `/proc`), so a step gets the same work done on a busy machine as on an idle one
    and a result does not depend on the load; a child that uses no CPU for `STALL` seconds, or
    `WALL_FACTOR` times its budget in wall time (plus `WALL_EXTRA` seconds), is stopped
    regardless, and counted (see [`crowded`][symact.analysis._budget.crowded]). Elsewhere the
    budget is wall time.
    """
    return within_each(seconds, [fn], what, wall=wall)[0]


def within_each(
    seconds: float | Sequence[float],
    fns: Sequence[Callable[[], T]],
    what: str = "step",
    *,
    wall: bool = False,
) -> list[Outcome[T]]:
    """Run each of `fns` in turn, each with the budget of
    [`within`][symact.analysis._budget.within], in one child process (a fork costs more than a
    small step). After a step that runs out of time the later ones are not tried (their
    outcomes say so): callers order the steps from cheap to costly. `seconds` is every step's
    budget, or one budget per step; with `wall=True` the budgets are wall time. The steps
    share the child's memory: a step can leave its result there for the next one, and only
    what a step returns is sent back."""
    budgets = [float(seconds)] * len(fns) if isinstance(seconds, int | float) else list(seconds)
    if len(budgets) != len(fns):
        raise ValueError(f"{len(fns)} steps but {len(budgets)} budgets")
    if not hasattr(os, "fork"):  # pragma: no cover - Windows
        out: list[Outcome[T]] = []
        for fn in fns:
            try:
                out.append(Outcome(fn(), True))
            except Exception as exc:
                out.append(_raised(exc))
        return out
    r, w = os.pipe()
    parent = os.getpid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        os.close(r)
        _child(fns, w, parent)
    os.close(w)
    results: list[Outcome[T]] = []
    buffer = b""
    start = time.monotonic()
    cpu = not wall and _cpu_seconds(pid) is not None
    step_start, step_cpu = start, 0.0
    last_cpu, progress = 0.0, start
    timed_out = False
    try:
        while len(results) < len(fns):
            seconds = budgets[len(results)]
            allowed = seconds * WALL_FACTOR + WALL_EXTRA if cpu else seconds
            left = step_start + allowed - time.monotonic()
            used = _cpu_seconds(pid) if cpu else None
            now = time.monotonic()
            if used is not None and used > last_cpu:
                last_cpu, progress = used, now
            waits = used is not None and now - progress > STALL  # no CPU used at all lately
            if left <= 0 or waits or (used is not None and used - step_cpu > seconds):
                timed_out = True
                if cpu and (left <= 0 or waits):  # stopped by the wall clock, not its budget
                    _CROWDED[0] += 1
                break
            ready, _, _ = select.select([r], [], [], min(left, POLL))
            checkpoint()  # a SIGTERM whose exception Python dropped (see symact._interrupt)
            if not ready:
                continue
            chunk = os.read(r, 1 << 16)
            if not chunk:
                break  # the child ended early (it was killed, or it crashed)
            buffer += chunk
            while len(buffer) >= 8 and len(buffer) >= 8 + int.from_bytes(buffer[:8], "big"):
                size = int.from_bytes(buffer[:8], "big")
                results.append(_loaded(buffer[8 : 8 + size], what))
                buffer = buffer[8 + size :]
                step_start = time.monotonic()
                step_cpu = (_cpu_seconds(pid) or 0.0) if cpu else 0.0
    finally:
        os.close(r)
        if len(results) < len(fns):  # out of time, or interrupted (by `inline`'s timer)
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if os.environ.get("SYMACT_TRACE_BUDGET"):
        print(f"[budget] {what}: {time.monotonic() - start:.2f} s", flush=True)
    if len(results) < len(fns):
        seconds = budgets[len(results)]
        why = f"{what} exceeded its {seconds:g} s budget" if timed_out else f"{what} crashed"
        results.append(Outcome(None, False, why, timed_out))
    skipped = Outcome[T](
        None,
        False,
        f"{what} not tried: an earlier one {'ran out of time' if timed_out else 'crashed'}",
    )
    return results + [skipped] * (len(fns) - len(results))


def _loaded(payload: bytes, what: str) -> Outcome[Any]:
    try:
        result: Outcome[Any] = pickle.loads(payload)  # noqa: S301 - our own child
    except Exception as exc:
        return Outcome(None, False, f"{what} returned nothing usable ({type(exc).__name__})")
    return result


class _StepOutOfTime(BaseException):
    """Raised by `bounded`'s timer in the step whose budget is spent (a BaseException, so that
    no `except Exception` in SymPy swallows it); `args[0]` is that step's `_Step`."""


class _Step:
    """A running `bounded` step: alive exactly as long as the frame that runs it, so an entry
    of `_STEPS` whose frame was left by any exception at any point is dead, not stale."""

    __slots__ = ("__weakref__", "deadline", "ended", "raised_at")

    def __init__(self, deadline: float) -> None:
        self.deadline = deadline
        #: CPU time when the timer last stopped it (None: not yet).
        self.raised_at: float | None = None
        #: Whether it is over (or being unwound with a step around it): never stopped again.
        self.ended = False


#: The running `bounded` steps of this process, outermost first.
_STEPS: list[weakref.ref[_Step]] = []
#: CPU seconds after which a step that was stopped but still runs is stopped again: a timer
#: signal that arrives while a weakref callback or `__del__` runs is printed by Python as
#: "Exception ignored" and lost (seen in a site build: a 3 s step ran for two minutes).
_AGAIN = 0.5
#: Whether `bounded` runs its steps in child processes (see `isolated`).
_ISOLATED = [0]


@contextlib.contextmanager
def isolated() -> Iterator[None]:
    """Within this block, [`bounded`][symact.analysis._budget.bounded] steps run in child
    processes (`within`): for work on input a user typed, where a step could spend long in C
    code, which a timer signal cannot stop."""
    _ISOLATED[0] += 1
    try:
        yield
    finally:
        _ISOLATED[0] -= 1


def _live() -> list[_Step]:
    steps = [s for r in _STEPS if (s := r()) is not None]
    _STEPS[:] = [weakref.ref(s) for s in steps]
    return steps


def _next(step: _Step) -> float:
    """When (CPU time) the timer should stop `step` next."""
    return step.deadline if step.raised_at is None else step.raised_at + _AGAIN


def _arm() -> None:
    """Set the CPU-time timer for the nearest time a running step is to be stopped, or clear
    it."""
    due = [_next(s) for s in _live() if not s.ended]
    left = min(due) - time.process_time() if due else 0.0
    signal.setitimer(signal.ITIMER_PROF, max(left, 1e-4) if due else 0.0)


def _in_callback(frame: Any) -> bool:
    """Whether the interrupted code is a garbage collector or weakref callback or a `__del__`:
    Python prints an exception raised there as "Exception ignored" and drops it (and pytest
    makes that an error)."""
    callbacks = {getattr(cb, "__code__", None) for cb in gc.callbacks}
    while frame is not None:  # the callback may have called other code
        code = frame.f_code
        if (
            code.co_name == "__del__"
            or code.co_filename.endswith(("weakref.py", "_weakrefset.py"))
            or code in callbacks
        ):
            return True
        frame = frame.f_back
    return False


def _expire(signum: int, frame: Any) -> None:
    """The timer's handler: stops the outermost running step that is due (the steps inside it
    are unwound with it, never stopped on their own after that); else sets the timer again.
    In a callback (see `_in_callback`) it only sets the timer again, a millisecond on."""
    if _in_callback(frame):
        signal.setitimer(signal.ITIMER_PROF, 1e-3)
        return
    now = time.process_time()
    steps = _live()
    for i, step in enumerate(steps):
        if not step.ended and now >= _next(step) - 1e-3:
            step.raised_at = now
            for inner in steps[i + 1 :]:
                inner.ended = True
            _arm()  # again in `_AGAIN`, should this exception be lost
            raise _StepOutOfTime(step)
    _arm()


def _here_possible() -> bool:
    if _ISOLATED[0] or not hasattr(signal, "SIGPROF"):
        return False
    if threading.current_thread() is not threading.main_thread():
        return False
    handler = signal.getsignal(signal.SIGPROF)
    if handler is _expire:
        return True
    if handler not in (signal.SIG_DFL, None):
        return False  # someone else's timer (a profiler)
    signal.signal(signal.SIGPROF, _expire)  # for good: a timer left set must find it
    return True


def bounded_each(
    seconds: float | Sequence[float], fns: Sequence[Callable[[], T]], what: str = "step"
) -> list[Outcome[T]]:
    """Like [`within_each`][symact.analysis._budget.within_each] (each step with at most its
    budget of CPU time; after one runs out the later ones are not tried), but each step runs in
    this process, stopped by a CPU-time timer: it keeps what it leaves in SymPy's cache, and
    costs no fork. Steps may nest (a step that runs steps); an inner step is stopped with its
    outer one. Off the main thread, or inside [`isolated`][symact.analysis._budget.isolated],
    this is `within_each`."""
    budgets = [float(seconds)] * len(fns) if isinstance(seconds, int | float) else list(seconds)
    if len(budgets) != len(fns):
        raise ValueError(f"{len(fns)} steps but {len(budgets)} budgets")
    if not _here_possible():
        return within_each(budgets, fns, what)
    start = time.monotonic()
    results: list[Outcome[T]] = []
    for fn, budget in zip(fns, budgets, strict=True):
        results.append(_run_here(fn, budget, what))
        if results[-1].timed_out:
            break
    if os.environ.get("SYMACT_TRACE_BUDGET"):
        print(f"[budget] {what}: {time.monotonic() - start:.2f} s", flush=True)
    skipped = Outcome[T](None, False, f"{what} not tried: an earlier one ran out of time")
    return results + [skipped] * (len(fns) - len(results))


def _run_here(fn: Callable[[], T], seconds: float, what: str) -> Outcome[T]:
    step = _Step(time.process_time() + seconds)
    try:
        return _attempt(step, fn)
    except _StepOutOfTime as exc:  # (also when the timer fired as the step ended)
        if exc.args[0] is not step:
            raise  # an outer step's time is up
        step.ended = True
        return Outcome(None, False, f"{what} exceeded its {seconds:g} s budget", True)


def _attempt(step: _Step, fn: Callable[[], T]) -> Outcome[T]:
    _STEPS.append(weakref.ref(step))
    try:
        _arm()
        return Outcome(fn(), True)
    except Exception as exc:
        return _raised(exc)
    finally:
        step.ended = True  # never stopped now
        _arm()


def bounded(seconds: float, fn: Callable[[], T], what: str = "step") -> Outcome[T]:
    """`fn()` with at most `seconds` of CPU time, in this process (see
    [`bounded_each`][symact.analysis._budget.bounded_each])."""
    return bounded_each(seconds, [fn], what)[0]


class _OutOfTime(BaseException):
    """Raised by `inline`'s timer (a BaseException, so that no `except Exception` swallows it)."""


def inline(seconds: float, fn: Callable[[], T], what: str = "work") -> Outcome[T]:
    """Run `fn()` in this process, interrupted after `seconds` of wall time.

    Like [`within`][symact.analysis._budget.within], but `fn` keeps its effects on this process
    (caches). The interruption is a `SIGALRM` timer, which takes effect between Python
    operations, so `fn` should run its risky steps (SymPy's `limit`, …) through `within`, whose
    children the timer also stops. Off the main thread, without `SIGALRM`, or when a timer is
    already running (a nested call), this is `within`.
    """
    if (
        not hasattr(signal, "SIGALRM")
        or threading.current_thread() is not threading.main_thread()
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        return within(seconds, fn, what)
    armed = [True]

    def expire(signum: int, frame: object) -> None:
        if armed[0]:
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return Outcome(fn(), True)
    except _OutOfTime:
        _CROWDED[0] += 1  # wall time: how far `fn` got depends on the load
        return Outcome(None, False, f"{what} exceeded its {seconds:g} s budget", True)
    except Exception as exc:
        return _raised(exc)
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def simplified(e: Any, seconds: float = 2.0) -> Any:
    """`sympy.simplify(e)` within the budget; `e` unchanged when it runs out."""
    import sympy as sp

    if isinstance(e, sp.Basic) and (e.is_Atom or e.is_Number):
        return e
    out = bounded(seconds, partial(sp.simplify, e), "simplify")
    return out.value if out.ok and out.value is not None else e


def crowded() -> int:
    """How many steps of this process have so far been stopped by the wall clock rather than
    by their CPU budget (`within`'s guard against a child that waits, `inline`'s timer). Work
    during which this count grew has results that depend on the machine's load: a caller
    compares the count before and after, and does not keep such results."""
    return _CROWDED[0]


def memo_unless_crowded(maxsize: int = 1024) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Like `functools.lru_cache(maxsize)` for positional hashable arguments, except that a
    result is not memoised when a step was stopped by the wall clock while it was computed
    (see [`crowded`][symact.analysis._budget.crowded]): the next call, on a quieter machine,
    computes it afresh. Registered with `symact.clear_caches`."""

    def decorate(f: Callable[..., T]) -> Callable[..., T]:
        memo: OrderedDict[tuple[Any, ...], T] = OrderedDict()
        counts = [0, 0]  # hits, misses

        @functools.wraps(f)
        def wrapper(*args: Any) -> T:
            try:
                value = memo[args]
            except KeyError:
                counts[1] += 1
            else:
                counts[0] += 1
                memo.move_to_end(args)
                return value
            before = _CROWDED[0]
            value = f(*args)
            if _CROWDED[0] == before:
                memo[args] = value
                if len(memo) > maxsize:
                    memo.popitem(last=False)
            return value

        wrapper.cache_clear = memo.clear  # type: ignore[attr-defined]
        wrapper.cache_info = lambda: functools._CacheInfo(  # type: ignore[attr-defined]
            counts[0], counts[1], maxsize, len(memo)
        )
        register_memo(wrapper)
        return wrapper

    return decorate
