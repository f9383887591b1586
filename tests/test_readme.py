"""The README's examples are real: every `$ symact …` line in a console block prints exactly the
output shown under it (regenerate with `python scripts/readme_examples.py --write`)."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_examples_print_what_the_readme_shows() -> None:
    spec = importlib.util.spec_from_file_location(
        "readme_examples", ROOT / "scripts" / "readme_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rendered = module.render(text)
    diff = "".join(difflib.unified_diff(text.splitlines(True), rendered.splitlines(True)))
    assert not diff, f"README examples are stale (scripts/readme_examples.py --write):\n{diff}"


def test_the_readme_counts_the_catalogue() -> None:
    """The opening sentence's count of activations is the catalogue's (it is typed there)."""
    import re

    from symact.catalog import ACTIVATIONS

    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    counts = re.findall(r"catalogue's (\d+) activations", text)
    assert counts == [str(len(ACTIVATIONS))]
