"""Reviewed snapshots ("golden files") of the generated code: any change to what `symact codegen`
prints shows up in review as a diff of `tests/golden/`.

The snapshots were read and accepted as code a careful person would write. After a deliberate
change to the generator, rewrite them and review the diff before committing:

    SYMACT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_codegen_golden.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from symact.catalog import get
from symact.numerics.codegen import TARGETS, generate

GOLDEN = Path(__file__).parent / "golden"
#: The entries the issue named: one of each kind of plan (a clip, a kink, a masked piecewise
#: plan, the logistic family, a tail, the error function, a Taylor-free smooth composite).
NAMES = (
    "relu",
    "relu6",
    "leaky_relu",
    "hardswish",
    "sigmoid",
    "softplus",
    "gelu",
    "gelu_tanh",
    "mish",
    "elu",
)
SUFFIX = {"numpy": "py", "torch": "py", "jax": "py", "c": "c", "js": "js"}
CASES = [(name, n, target) for name in NAMES for n in (0, 1) for target in TARGETS]


def _path(name: str, n: int, target: str) -> Path:
    stem = name if n == 0 else f"{name}_d{n}"
    return GOLDEN / target / f"{stem}.{SUFFIX[target]}"


@pytest.mark.parametrize(
    ("name", "n", "target"),
    CASES,
    ids=[f"{name}{chr(39) * n}-{target}" for name, n, target in CASES],
)
def test_generated_code_matches_its_reviewed_snapshot(name: str, n: int, target: str) -> None:
    code = generate(get(name), target, n)
    path = _path(name, n, target)
    if os.environ.get("SYMACT_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(code, encoding="utf-8")
    assert path.is_file(), f"no snapshot {path}: run with SYMACT_UPDATE_GOLDEN=1 and review it"
    assert code == path.read_text(encoding="utf-8"), (
        f"the generated code changed: review it, then rewrite {path} with SYMACT_UPDATE_GOLDEN=1"
    )


def test_every_snapshot_is_still_generated() -> None:
    """No stale snapshot: every file under tests/golden/ is one a case above writes."""
    expected = {_path(*case) for case in CASES}
    found = {p for p in GOLDEN.rglob("*") if p.is_file()}
    assert found <= expected, sorted(str(p) for p in found - expected)
