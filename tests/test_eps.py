"""Another ε re-derives only the saturation thresholds: every other fact is the same for
every ε, and comes from the stored analysis."""

from __future__ import annotations

import dataclasses

import pytest

import symact
from symact.analysis import SATURATION, analyse
from symact.analysis import derive as derive_module


@pytest.mark.parametrize("name", ["sigmoid", "elu", "hardtanh"])
def test_another_eps_rederives_only_the_saturation_thresholds(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    act = symact.get(name)
    fresh = analyse(act, eps=0.05, cache=False)  # everything derived at ε = 0.05
    analyse(act, eps=0.01)  # stored at ε = 0.01

    def no_full_analysis(*args: object, **kwargs: object) -> None:
        raise AssertionError("the whole analysis ran again for another ε")

    monkeypatch.setattr(derive_module, "derive_facts", no_full_analysis)
    again = analyse(act, eps=0.05)
    assert again.eps == 0.05
    for n, f in fresh.items():
        if n in SATURATION:
            assert again[n] == dataclasses.replace(f, general=again[n].general), n
        else:
            assert (again[n].value, again[n].how) == (f.value, f.how), n
    # … and from the store the second time, thresholds included.
    monkeypatch.setattr(derive_module, "derive_saturation", no_full_analysis)
    assert analyse(act, eps=0.05)[SATURATION[0]] == again[SATURATION[0]]
