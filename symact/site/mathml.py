"""Formulas as MathML, rendered when the site is built: no script, no font and no network
needed to read them.

SymPy prints LaTeX (`symact.report.latex`), and `latex2mathml` turns it into presentation
MathML, which browsers render natively. Hand-written pages write maths between `$…$` (inline)
and `$$…$$` (display, on lines of their own); [`markdown_maths`][symact.site.mathml.markdown_maths]
converts it, leaving code (fenced blocks and `inline code`) alone.
"""

from __future__ import annotations

import re

import sympy as sp
from latex2mathml.converter import convert

from symact.report import latex

__all__ = ["MathError", "expr_mathml", "markdown_maths", "mathml"]


class MathError(ValueError):
    """LaTeX that cannot be converted (the message names the formula)."""


_RAW_COMMAND = re.compile(r">(\\[A-Za-z]+)")


def mathml(tex: str, *, display: bool = False) -> str:
    """The presentation MathML of LaTeX `tex`, on one line."""
    unescaped = re.sub(r"\\[{}]", "", tex)
    if unescaped.count("{") != unescaped.count("}"):
        raise MathError(f"cannot convert LaTeX {tex!r} to MathML: unbalanced braces")
    try:
        out = convert(tex, display="block" if display else "inline")
    except Exception as e:  # latex2mathml raises many types for bad input
        raise MathError(f"cannot convert LaTeX {tex!r} to MathML: {e!r}") from e
    # latex2mathml keeps a command it does not know as text: the reader would see raw LaTeX.
    unknown = _RAW_COMMAND.search(out)
    if unknown:
        raise MathError(f"cannot convert LaTeX {tex!r} to MathML: unknown {unknown.group(1)}")
    # One line: Markdown would read a blank line inside a block as the end of the HTML.
    out = str(out).replace("\n", "")
    if display:
        return out
    # In a span: Markdown reads a line that starts with <math> as a block of HTML, which would
    # tear an inline formula out of its sentence.
    return f'<span class="symact-math">{out}</span>'


def expr_mathml(expr: sp.Expr, *, lhs: str | None = None, display: bool = True) -> str:
    """A SymPy expression as MathML, optionally as `lhs = expr` (`lhs` in LaTeX)."""
    tex = latex(expr)
    return mathml(f"{lhs} = {tex}" if lhs else tex, display=display)


_FENCE = re.compile(r"^(```|~~~)")
_DISPLAY = re.compile(r"^\s*\$\$(.+?)\$\$\s*$")
_INLINE = re.compile(
    r"(`+)(.+?)\1"  # inline code
    r"|\$\$(.+?)\$\$"  # a display formula within a line
    r"|(?<![\\$])\$(?!\s)([^$\n]+?)(?<![\s\\])\$(?!\$)"  # $x$, not $ 5 or \$
)


def _inline(line: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(1):  # inline code: unchanged
            return m.group(0)
        if m.group(3) is not None:
            return mathml(m.group(3).strip(), display=True)
        return mathml(m.group(4))

    return _INLINE.sub(repl, line)


def markdown_maths(markdown: str) -> str:
    """Markdown with `$…$` and `$$…$$` replaced by MathML; code blocks and spans unchanged.

    A display formula stands on its own line (`$$ … $$`) or spans lines between `$$` lines.
    """
    out: list[str] = []
    fence: str | None = None
    block: list[str] | None = None
    for line in markdown.split("\n"):
        if fence is not None:
            out.append(line)
            if line.lstrip().startswith(fence):
                fence = None
            continue
        if block is not None:
            if line.strip() == "$$":
                out.append(mathml(" ".join(block), display=True))
                block = None
            else:
                block.append(line.strip())
            continue
        m = _FENCE.match(line.lstrip())
        if m:
            fence = m.group(1)
            out.append(line)
        elif line.strip() == "$$":
            block = []
        elif d := _DISPLAY.match(line):
            out.append(mathml(d.group(1).strip(), display=True))
        else:
            out.append(_inline(line))
    if block is not None:
        raise MathError("a display formula opened with $$ is never closed")
    return "\n".join(out)
