"""Another ε re-derives only the saturation thresholds: every other fact is the same for
every ε, and comes from the store."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import symact
from symact.analysis import _engine as engine_module
from symact.analysis import analyse
from symact.analysis._budget import inline

SATURATION = ("saturation_-inf", "saturation_+inf")


@pytest.mark.parametrize("name", ["sigmoid", "elu", "hardtanh"])
def test_another_eps_rederives_only_the_saturation_thresholds(
    name: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SYMACT_CACHE_DIR", str(tmp_path))  # a store of its own
    act = symact.get(name)
    fresh = analyse(act, eps=0.05, cache=False)  # everything derived at ε = 0.05
    analyse(act, eps=0.01)  # stored at ε = 0.01
    ran: list[str] = []

    def recording(seconds: float, fn: Callable[[], Any], what: str = "work") -> Any:
        ran.append(what)
        return inline(seconds, fn, what)

    monkeypatch.setattr(engine_module, "inline", recording)
    again = analyse(act, eps=0.05)
    assert again.eps == 0.05
    # The thresholds' rule ran, with the steps it needs (the pieces, f′, its limits and the
    # breakpoints); the rules of every other fact did not.
    assert "saturation" in ran
    assert not {"shape of f", "shape of derivative", "taylor", "parity"} & set(ran), ran
    for n, f in fresh.items():
        if n in SATURATION:
            assert again[n] == dataclasses.replace(f, general=again[n].general), n
        else:
            assert (again[n].value, again[n].how) == (f.value, f.how), n
    # … and from the store the second time, thresholds included: nothing runs.
    ran.clear()
    assert analyse(act, eps=0.05)[SATURATION[0]] == again[SATURATION[0]]
    assert ran == []
