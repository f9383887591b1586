"""Run the `symact` commands shown in README.md and compare (or rewrite) their output.

    python scripts/readme_examples.py           # exit 1 and a diff if the README is stale
    python scripts/readme_examples.py --write   # rewrite the outputs in place

Only `$ symact …` lines inside ```console blocks are run (in-process, with the analysis cache);
lines with a pipe, and other commands, are left as they are.
"""

from __future__ import annotations

import contextlib
import difflib
import io
import shlex
import sys
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def _run(command: str) -> str:
    from symact.cli import main

    buf = io.BytesIO()
    stream = io.TextIOWrapper(buf, encoding="utf-8", newline="\n")
    with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
        main(shlex.split(command)[1:])
    stream.flush()
    return buf.getvalue().decode("utf-8")


def render(text: str) -> str:
    """`text` with the output of each runnable example replaced by what the command prints."""
    lines = text.splitlines(keepends=True)
    result: list[str] = []
    in_console = False
    i = 0
    while i < len(lines):
        line = lines[i]
        result.append(line)
        i += 1
        if line.startswith("```"):
            in_console = line.strip() == "```console" and not in_console
            continue
        if in_console and line.startswith("$ symact ") and "|" not in line:
            old: list[str] = []
            while i < len(lines) and not lines[i].startswith(("$ ", "```")):
                old.append(lines[i])  # the old output, replaced below
                i += 1
            out = _run(line[2:].strip())
            result.append(out if out.endswith("\n") or not out else out + "\n")
            if old and old[-1] == "\n" and i < len(lines) and lines[i].startswith("$ "):
                result.append("\n")  # keep the blank line between examples
    return "".join(result)


def main(argv: list[str]) -> int:
    old = README.read_text(encoding="utf-8")
    new = render(old)
    if "--write" in argv:
        README.write_text(new, encoding="utf-8")
        return 0
    if new != old:
        sys.stdout.writelines(
            difflib.unified_diff(
                old.splitlines(keepends=True),
                new.splitlines(keepends=True),
                "README.md",
                "rendered",
            )
        )
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
