"""Time budgets: `within` (a child process), `bounded` (this process, a CPU-time timer) and
`inline` (this process, a wall-time timer).

Durations are only checked against generous bounds (many times the budget): the point is
that a step stops, not how fast."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from symact.analysis._budget import (
    bounded,
    bounded_each,
    inline,
    isolated,
    within,
    within_each,
)


def _spin(seconds: float) -> str:
    """Busy Python code (interruptible between operations)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "finished"


def _raise() -> None:
    raise ValueError("no such thing")


@pytest.mark.parametrize("run", [within, bounded, inline], ids=["within", "bounded", "inline"])
def test_a_value_comes_back(run):
    out = run(5.0, lambda: {"answer": 42}, "step")
    assert out.ok and out.value == {"answer": 42} and out.reason == ""


@pytest.mark.parametrize("run", [within, bounded, inline], ids=["within", "bounded", "inline"])
def test_an_exception_is_a_reason(run):
    out = run(5.0, _raise, "step")
    assert not out.ok and out.value is None
    assert out.reason == "SymPy raised ValueError: no such thing"


@pytest.mark.parametrize("run", [within, bounded, inline], ids=["within", "bounded", "inline"])
def test_running_out_of_time_stops_the_work(run):
    start = time.monotonic()
    out = run(0.3, lambda: _spin(30), "spinning")
    assert time.monotonic() - start < 10
    assert not out.ok and out.reason == "spinning exceeded its 0.3 s budget"


def test_within_keeps_effects_in_the_child_and_inline_keeps_them_here():
    seen: list[int] = []
    assert within(5.0, lambda: seen.append(1)).ok
    assert seen == []
    assert inline(5.0, lambda: seen.append(2)).ok
    assert seen == [2]


def test_inline_interrupts_a_child_it_waits_for():
    """The timer stops `within` waiting for its child, and the child is killed with it."""
    pids: list[int] = []

    def step() -> int:
        return os.getpid()

    def work() -> None:
        pids.append(within(5.0, step).value or 0)
        within(60.0, lambda: _spin(60), "a long step")

    start = time.monotonic()
    out = inline(0.5, work, "work")
    assert time.monotonic() - start < 10
    assert not out.ok and "work exceeded" in out.reason
    assert pids and pids[0] != os.getpid()


def _pid_from_a_thread(run) -> object:
    """The process `run(5.0, os.getpid)` ran in, called off the main thread."""
    found: list[object] = []
    t = threading.Thread(target=lambda: found.append(run(5.0, os.getpid).value))
    t.start()
    t.join()
    assert found
    return found[0]


def test_inline_nested_and_off_the_main_thread_fall_back_to_a_child():
    inner: list[object] = []

    def outer() -> None:
        inner.append(inline(5.0, os.getpid).value)

    assert inline(5.0, outer).ok
    assert inner and inner[0] != os.getpid()  # nested: ran in a child

    assert _pid_from_a_thread(inline) != os.getpid()


def test_inline_leaves_no_timer_behind():
    import signal

    before = signal.getsignal(signal.SIGALRM)
    inline(5.0, lambda: None)
    inline(0.2, lambda: _spin(30))
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_within_counts_cpu_time_not_waiting():
    """A child that waits (as one does on a busy machine, for a core) is not charged for it."""
    out = within(0.5, lambda: time.sleep(1.0) or "slept", "waiting")
    assert out.ok and out.value == "slept"


def test_within_stops_a_child_that_only_waits(monkeypatch):
    import symact.analysis._budget as budget

    monkeypatch.setattr(budget, "WALL_EXTRA", 0.0)
    start = time.monotonic()
    out = within(0.2, lambda: time.sleep(60), "sleeping")
    assert time.monotonic() - start < 10
    assert not out.ok and out.reason == "sleeping exceeded its 0.2 s budget"


def test_a_child_that_uses_no_cpu_is_stopped_early_and_counted(monkeypatch):
    """A child that waits (for a lock it inherited, say) is stopped once it has used no CPU
    for `STALL` seconds, long before the generous wall-clock cap; the stop is counted as
    one the load may have caused, while running out of the CPU budget is not."""
    import symact.analysis._budget as budget

    monkeypatch.setattr(budget, "STALL", 0.5)
    before = budget.crowded()
    start = time.monotonic()
    out = within(5.0, lambda: time.sleep(60), "sleeping")
    assert time.monotonic() - start < 5
    assert out.timed_out and budget.crowded() == before + 1
    assert within(0.2, lambda: _spin(30), "spinning").timed_out
    assert budget.crowded() == before + 1


def test_a_result_found_while_crowded_is_not_memoised(monkeypatch):
    """What a step stopped by the wall clock left undone depends on the load: the result is
    returned, but the next call computes it again."""
    import symact
    import symact.analysis._budget as budget

    calls: list[int] = []

    @budget.memo_unless_crowded(maxsize=2)
    def work(n: int) -> int:
        calls.append(n)
        if n < 0:
            budget._CROWDED[0] += 1  # as `within` counts a step the wall clock stopped
        return n * 2

    assert [work(1), work(1), work(-1), work(-1)] == [2, 2, -2, -2]
    assert calls == [1, -1, -1]
    work(2), work(3)  # the oldest is dropped beyond `maxsize`
    assert work(1) == 2 and calls == [1, -1, -1, 2, 3, 1]
    symact.clear_caches()
    assert work(3) == 6 and calls[-1] == 3


def test_within_each_budgets_every_step_and_stops_after_one_runs_out():
    """One child runs the steps in turn, each with the whole budget (CPU time since the last
    one finished); after a step that runs out of time the rest are not tried."""
    start = time.monotonic()
    outs = within_each(
        0.5,
        [lambda: _spin(0.3), _raise, lambda: _spin(0.3), lambda: _spin(30), lambda: "never"],
        "step",
    )
    assert time.monotonic() - start < 15
    assert [o.ok for o in outs] == [True, False, True, False, False]
    assert outs[0].value == outs[2].value == "finished"  # 0.6 s in all: budgets are per step
    assert outs[1].reason == "SymPy raised ValueError: no such thing"
    assert outs[3].reason == "step exceeded its 0.5 s budget"
    assert outs[4].reason == "step not tried: an earlier one ran out of time"


def test_within_each_of_a_child_that_dies():
    outs = within_each(5.0, [lambda: 1, lambda: os._exit(3), lambda: 2], "step")
    assert [o.ok for o in outs] == [True, False, False]
    assert outs[1].reason == "step crashed" and "not tried" in outs[2].reason


@pytest.mark.parametrize("run", [within, bounded, inline], ids=["within", "bounded", "inline"])
def test_an_outcome_says_whether_it_ran_out_of_time(run):
    assert run(0.3, lambda: _spin(30), "spinning").timed_out
    assert not run(5.0, _raise, "step").timed_out
    assert not run(5.0, lambda: 1, "step").timed_out


def test_within_each_takes_one_budget_per_step_and_steps_share_the_child():
    """Per-step budgets; a step can leave its result in the child for the next one."""
    state: dict[str, str] = {}

    def first() -> None:
        state["made"] = "in the child"

    start = time.monotonic()
    outs = within_each([5.0, 5.0, 0.3], [first, lambda: state["made"], lambda: _spin(30)], "step")
    assert time.monotonic() - start < 15
    assert outs[1].ok and outs[1].value == "in the child"
    assert state == {}  # the child's memory, not ours
    assert outs[2].timed_out and outs[2].reason == "step exceeded its 0.3 s budget"
    with pytest.raises(ValueError, match="2 steps but 1 budgets"):
        within_each([1.0], [first, first])


def test_a_wall_time_budget_stops_a_child_that_only_waits():
    """With wall=True (someone is waiting) the budget is wall time, not CPU time."""
    start = time.monotonic()
    out = within(0.5, lambda: time.sleep(60), "waiting", wall=True)
    assert time.monotonic() - start < 10
    assert out.timed_out and out.reason == "waiting exceeded its 0.5 s budget"
    outs = within_each([5.0, 0.3], [lambda: "quick", lambda: time.sleep(60)], "step", wall=True)
    assert outs[0].value == "quick" and outs[1].timed_out


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl(PR_SET_PDEATHSIG)")
def test_a_step_ends_with_its_parent_even_a_killed_one() -> None:
    """A parent killed by SIGKILL cannot stop its step; the step must not run on (orphaned,
    stuck in SymPy) for ever."""
    script = (
        "import time\n"
        "from symact.analysis._budget import within\n"
        "within(300, lambda: [time.sleep(0.01) for _ in iter(int, 1)], 'forever')\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script])  # noqa: S603 - our own script
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 60
    kids: list[int] = []
    while not kids:
        assert time.monotonic() < deadline, "the step never started"
        time.sleep(0.05)
        kids = [int(p) for p in children.read_text().split()]
    proc.kill()
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while Path(f"/proc/{kids[0]}").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(kids[0], os.WNOHANG)  # reaped by init, normally
    stat = Path(f"/proc/{kids[0]}/stat")
    assert not stat.exists() or stat.read_text().split(") ")[1].startswith("Z"), "still running"


def _busy(seconds: float) -> str:
    """Busy Python code for `seconds` of this process' CPU time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
    return "finished"


def test_bounded_runs_here_and_keeps_its_effects():
    seen: list[int] = []
    out = bounded(5.0, lambda: seen.append(os.getpid()) or "done")
    assert out.ok and out.value == "done"
    assert seen == [os.getpid()]


def test_bounded_counts_cpu_time_not_waiting():
    out = bounded(0.3, lambda: time.sleep(1.0) or "slept", "waiting")
    assert out.ok and out.value == "slept"


def test_bounded_each_stops_after_a_step_runs_out_and_leaves_no_timer():
    import signal

    outs = bounded_each([5.0, 0.2, 5.0], [lambda: 1, lambda: _busy(30), lambda: 3], "step")
    assert [o.ok for o in outs] == [True, False, False]
    assert outs[1].timed_out and outs[1].reason == "step exceeded its 0.2 s budget"
    assert outs[2].reason == "step not tried: an earlier one ran out of time"
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert bounded(5.0, lambda: _busy(0.5)).ok  # no stale deadline stops the next step


def test_a_nested_step_is_stopped_by_its_own_budget_or_with_its_outer_one():
    def outer_short_inner() -> tuple[bool, str]:
        inner = bounded(0.2, lambda: _busy(30), "inner")
        return inner.ok, inner.reason

    out = bounded(10.0, outer_short_inner, "outer")
    assert out.ok and out.value == (False, "inner exceeded its 0.2 s budget")

    reached: list[str] = []

    def outer_runs_out() -> None:
        bounded(60.0, lambda: _busy(30), "inner")
        reached.append("after the inner step")  # never: the outer step's time is up

    start = time.process_time()
    out = bounded(0.3, outer_runs_out, "outer")
    assert time.process_time() - start < 5
    assert not out.ok and out.reason == "outer exceeded its 0.3 s budget"
    assert reached == []


def test_a_step_that_raises_after_its_inner_one_ran_out_still_says_why():
    def work() -> None:
        bounded(0.1, lambda: _busy(30), "inner")
        raise ValueError("afterwards")

    out = bounded(5.0, work)
    assert not out.ok and out.reason == "SymPy raised ValueError: afterwards"


def test_bounded_inside_isolated_and_off_the_main_thread_runs_in_a_child():
    with isolated():
        out = bounded(5.0, os.getpid)
    assert out.ok and out.value != os.getpid()
    assert _pid_from_a_thread(bounded) != os.getpid()


def test_inline_stops_a_bounded_step_with_its_wall_clock():
    start = time.monotonic()
    out = inline(0.3, lambda: bounded(60.0, lambda: _spin(30)), "work")
    assert time.monotonic() - start < 10
    assert not out.ok and out.timed_out
    assert bounded(5.0, lambda: "next").value == "next"


def test_a_stop_that_is_lost_is_repeated():
    """A timer signal that arrives in a weakref callback or `__del__` is printed by Python as
    "Exception ignored" and lost (a site build's 3 s step once ran for two minutes): the step
    is stopped again, half a CPU second later."""
    caught: list[str] = []

    def swallows_the_first_stop() -> str:
        end = time.process_time() + 30
        while time.process_time() < end:
            try:
                _busy(30)
            except BaseException as exc:  # as Python does with an exception in a callback
                if caught:
                    raise
                caught.append(type(exc).__name__)
        return "finished"

    start = time.process_time()
    out = bounded(0.2, swallows_the_first_stop, "stubborn")
    assert time.process_time() - start < 5
    assert caught == ["_StepOutOfTime"]
    assert not out.ok and out.timed_out and out.reason == "stubborn exceeded its 0.2 s budget"


def test_a_stop_waits_while_a_finaliser_or_callback_runs():
    """Raised in a `__del__` or a weakref or GC callback, the stop would be dropped (and pytest
    would report the "Exception ignored" as an error): the handler then only sets the timer
    again; in ordinary code it stops the step."""
    import signal
    import weakref

    from symact.analysis import _budget

    def __del__() -> object:  # noqa: N807 - a frame of the name a finaliser has
        return sys._getframe()

    step = _budget._Step(time.process_time() - 1.0)  # due
    _budget._STEPS.append(weakref.ref(step))
    try:
        _budget._expire(signal.SIGPROF, __del__())  # no exception
        with pytest.raises(_budget._StepOutOfTime):
            _budget._expire(signal.SIGPROF, sys._getframe())
    finally:
        step.ended = True
        _budget._arm()
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
