"""Rendering: activations and their analyses as JSON, terminal text and LaTeX.

Pure functions, no I/O: [`symact.cli`][symact.cli] decides where the text goes. Every function
that produces terminal text takes `unicode`; with `unicode=False` the output is plain ASCII
(SymPy's ASCII pretty printer, `inf` for ∞, and so on) for terminals that cannot show Unicode.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum
from typing import Any, Literal

import sympy as sp
from sympy.printing.latex import LatexPrinter, greek_letters_set
from sympy.printing.pycode import PythonCodePrinter

from symact.analysis._budget import bounded
from symact.analysis._facts import (
    FACT_NAMES,
    FACTS,
    Analysis,
    Asymptote,
    Breakpoint,
    DefaultDiffers,
    Ends,
    Fact,
    General,
    Value,
    spans,
)
from symact.analysis._same import Match
from symact.analysis._serial import analysis_json, to_json_number
from symact.declare import Activation, FrameworkName, Param
from symact.functions import to_elementary
from symact.pretty import PRETTY_MAX_NODES, TooLargeToDrawError, drawing, too_large

__all__ = [
    "PRETTY_MAX_NODES",
    "WITH_FRAMEWORKS",
    "DerivativeFormat",
    "TooLargeToDrawError",
    "activation_json",
    "call_text",
    "default_warnings",
    "format_default_differs",
    "format_derivative",
    "format_fact_value",
    "format_general",
    "format_latex",
    "format_list",
    "format_provenance",
    "format_same",
    "format_show",
    "format_value",
    "latex",
    "one_line",
    "printable",
    "same_json",
    "to_ascii",
]

DerivativeFormat = Literal["pretty", "latex", "python"]

#: The facts about the framework names, shown with them rather than among the properties.
WITH_FRAMEWORKS = frozenset(name for name, spec in FACTS.items() if spec.kind == "defaults")

#: Unicode characters used by the catalogue and the renderers, with their ASCII stand-ins.
_ASCII = {
    "−": "-",
    "–": "-",
    "—": "--",
    "·": "*",
    "×": "x",
    "∞": "inf",
    "≈": "~",
    "≤": "<=",
    "≥": ">=",
    "≠": "!=",
    "∪": "U",
    "ℝ": "R",
    "→": "->",
    "′": "'",
    "″": "''",
    "‴": "'''",
    "ε": "eps",
    "σ": "sigma",
    "Φ": "Phi",
    "φ": "phi",
    "α": "alpha",
    "β": "beta",
    "λ": "lambda",
    "√": "sqrt",
    "²": "^2",
    "³": "^3",
    "⁴": "^4",
    "⁵": "^5",
    "…": "...",
    "±": "+/-",
    "∓": "-/+",
    "μ": "mu",
    "π": "pi",
    "γ": "gamma",
    "θ": "theta",
    "½": "1/2",
    "ˣ": "^x",
    "⁻": "^-",
    "¹": "^1",
    "⁰": "^0",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "ü": "u",
    "é": "e",
    "ö": "o",
}

#: Sequences replaced before single characters.
_ASCII_SEQUENCES = {"⁻ˣ": "^(-x)", "⁻¹": "^(-1)"}


def to_ascii(text: str) -> str:
    """`text` with the Unicode symbols symact prints replaced by ASCII stand-ins.

    Characters without a stand-in become `?`, so the result always encodes as ASCII.
    """
    for multi, plain in _ASCII_SEQUENCES.items():
        text = text.replace(multi, plain)
    out = "".join(_ASCII.get(ch, ch) for ch in text)
    return out.encode("ascii", "replace").decode("ascii")


# ---------------------------------------------------------------------------------------------
# JSON


def _number(v: sp.Expr) -> int | float | str:
    """An exact SymPy number as JSON: an int where it is an integer, else a float."""
    if v.is_Integer:
        return int(v)
    f = float(v)
    if math.isinf(f):
        return "inf" if f > 0 else "-inf"
    return f


def _json_scalar(v: Any) -> Any:
    """A framework default or convention as JSON (numbers stay numbers, fractions become floats)."""
    if isinstance(v, bool) or v is None or isinstance(v, int | float):
        return v
    if isinstance(v, str):
        try:
            return _number(sp.Rational(v))
        except (TypeError, ValueError):
            return v
    return str(v)


def _framework_json(fw: FrameworkName) -> dict[str, Any]:
    return {
        "framework": fw.framework,
        "name": fw.name,
        "call": {k: _json_scalar(v) for k, v in fw.call.items()},
        "defaults": {k: _json_scalar(v) for k, v in fw.defaults.items()},
        "note": fw.note,
        "gradient_at": {str(k): _json_scalar(v) for k, v in fw.gradient_at.items()},
    }


def activation_json(act: Activation, analysis: Analysis) -> dict[str, Any]:
    """One activation and its analysis as a JSON-ready object (the `--json` format).

    Keys: `name`, `title`, `aliases`, `family`, `summary`, `params` (name → default),
    `expression` (SymPy string form), `derivatives` (order → SymPy string form, at the default
    parameters), `facts` (name → `{"value", "exact", "how", "note"}`), `reference` and
    `frameworks`.
    """
    ref = act.reference
    return {
        "name": act.name,
        "title": act.title,
        "aliases": list(act.aliases),
        "family": act.family,
        "summary": act.summary,
        "params": {p.name: _number(p.value) for p in act.params},
        "expression": str(act.expr),
        "derivatives": {str(n): s for n, s in sorted(analysis.derivatives.items())},
        "facts": analysis_json(analysis),
        "reference": (
            None
            if ref is None
            else {
                "authors": ref.authors,
                "year": ref.year,
                "title": ref.title,
                "url": ref.url,
                "verified": ref.verified,
            }
        ),
        "frameworks": [_framework_json(fw) for fw in act.frameworks],
    }


# ---------------------------------------------------------------------------------------------
# SymPy expressions


def _pretty(expr: sp.Expr, unicode: bool) -> str:
    """The 2-D drawing of `expr`, or a one-line note when it is too large to draw."""
    if too_large(expr):
        return f"(too large to draw: more than {PRETTY_MAX_NODES} nodes; see --latex or --json)"
    text = drawing(expr, unicode)
    return text if unicode else to_ascii(text)


def latex(expr: sp.Expr) -> str:
    """SymPy's LaTeX, with `negative_slope` as an upright name rather than `negative_{slope}`
    (a Greek letter or one letter before the underscore keeps its subscript: ω₀, a_l)."""
    names = {
        s: r"\mathrm{" + s.name.replace("_", r"\_") + "}"
        for s in expr.free_symbols
        if isinstance(s, sp.Symbol) and "_" in s.name and _word(s.name.split("_")[0])
    }
    return str(_Latex({"symbol_names": names}).doprint(expr))


#: LaTeX of each comparison, and the comparison with its sides swapped.
_OPS: dict[type, str] = {
    sp.Lt: "<",
    sp.Le: r"\leq",
    sp.Gt: ">",
    sp.Ge: r"\geq",
    sp.Eq: "=",
    sp.Ne: r"\neq",
}
_SWAPPED: dict[type, type] = {
    sp.Lt: sp.Gt,
    sp.Le: sp.Ge,
    sp.Gt: sp.Lt,
    sp.Ge: sp.Le,
    sp.Eq: sp.Eq,
    sp.Ne: sp.Ne,
}
#: Seconds for SymPy to turn a condition in x into a set (to print it minimally).
_AS_SET = 1.0


class _Latex(LatexPrinter):  # type: ignore[misc]
    """SymPy's LaTeX printer, with the conditions of a piecewise function written minimally:
    −½ < x < ½, |x| > λ, x ≠ ±½ rather than x > −½ ∧ x < ½, λ < −x ∨ λ < x and
    (x > −½ ∧ x < ½) ∨ x > ½ ∨ x < −½."""

    def _print_Piecewise(self, expr: sp.Piecewise) -> str:  # noqa: N802 - printer protocol
        pairs = []
        for e, c in expr.args:
            when = r"\text{otherwise}" if c is sp.true else r"\text{for}\: " + self._condition(c)
            pairs.append(f"{self._print(e)} & {when}")
        rows = r" \\".join(pairs)
        return rf"\begin{{cases}} {rows} \end{{cases}}"

    def _condition(self, c: sp.Basic) -> str:
        x = next((s for s in c.free_symbols if s.name == "x"), None)
        if x is None:
            return str(self._print(c))
        out = _bounds_text(self, c, x)
        if out is None and c.free_symbols == {x}:
            found = bounded(_AS_SET, lambda: c.as_set(), "condition as a set")
            if found.ok and isinstance(found.value, sp.Set):
                out = _set_text_tex(self, found.value, x)
        return out if out is not None else str(self._print(c))


def _bound(rel: sp.Basic, x: sp.Symbol) -> tuple[type, sp.Expr] | None:
    """A comparison linear in x as (op, c): x op c, c free of x; None for any other."""
    if type(rel) not in _OPS:
        return None
    d = sp.expand(rel.lhs - rel.rhs)
    k = d.coeff(x)
    rest = d - k * x
    if not (k.is_number and k != 0 and k.is_real) or rest.has(x):
        return None
    op = type(rel) if k.is_positive else _SWAPPED[type(rel)]
    return op, sp.cancel(-rest / k)


def _bounds_text(p: LatexPrinter, c: sp.Basic, x: sp.Symbol) -> str | None:
    """`c` as x op a, a < x < b, |x| > a or |x| < a, where it is one or two bounds on x."""
    if isinstance(c, sp.Rel):
        b = _bound(c, x)
        return None if b is None else f"{p._print(x)} {_OPS[b[0]]} {p._print(b[1])}"
    if not isinstance(c, sp.And | sp.Or) or len(c.args) != 2:
        return None
    bounds = [_bound(r, x) for r in c.args]
    if any(b is None for b in bounds):
        return None
    below = [b for b in bounds if b is not None and b[0] in (sp.Lt, sp.Le)]
    above = [b for b in bounds if b is not None and b[0] in (sp.Gt, sp.Ge)]
    if len(below) != 1 or len(above) != 1:
        return None
    (up_op, hi), (low_op, lo) = below[0], above[0]
    xs = p._print(x)
    # |x| < a and |x| > a where the bounds are ±a, both strict or both not
    symmetric = sp.expand(lo + hi) == 0 and _SWAPPED[low_op] is up_op
    if isinstance(c, sp.And):  # lo < x < hi
        if symmetric:
            return rf"\left|{xs}\right| {_OPS[up_op]} {p._print(hi)}"
        return f"{p._print(lo)} {_OPS[_SWAPPED[low_op]]} {xs} {_OPS[up_op]} {p._print(hi)}"
    if symmetric:  # x < −a or x > a
        return rf"\left|{xs}\right| {_OPS[low_op]} {p._print(lo)}"
    return rf"{xs} {_OPS[up_op]} {p._print(hi)} \vee {xs} {_OPS[low_op]} {p._print(lo)}"


def _set_text_tex(p: LatexPrinter, s: sp.Set, x: sp.Symbol) -> str | None:
    """The condition x ∈ `s` minimally: x ≠ a, x ≠ ±a, x ∉ {…} for all but finitely many
    points, an interval as a < x < b (or x < b, x > a); None for anything else."""
    xs = p._print(x)
    missing = sp.S.Reals - s
    if isinstance(missing, sp.FiniteSet) and missing.is_finite_set:
        pts = sorted(missing.args, key=lambda v: float(v))
        if len(pts) == 1:
            return rf"{xs} \neq {p._print(pts[0])}"
        if len(pts) == 2 and sp.expand(pts[0] + pts[1]) == 0:
            return rf"{xs} \neq \pm {p._print(pts[1])}"
        return rf"{xs} \notin {p._print(missing)}"
    if isinstance(s, sp.Interval):
        lo, hi = s.start, s.end
        parts = []
        if lo.is_finite:
            parts.append(f"{p._print(lo)} {'<' if s.left_open else chr(92) + 'leq'} ")
        parts.append(str(xs))
        if hi.is_finite:
            parts.append(f" {'<' if s.right_open else chr(92) + 'leq'} {p._print(hi)}")
        if not lo.is_finite and hi.is_finite:
            return f"{xs} {'<' if s.right_open else chr(92) + 'leq'} {p._print(hi)}"
        if lo.is_finite and not hi.is_finite:
            return f"{xs} {'>' if s.left_open else chr(92) + 'geq'} {p._print(lo)}"
        return "".join(parts)
    return None


def _word(head: str) -> bool:
    """Whether a symbol name's part before its underscore is a word, not a letter's name."""
    return len(head) > 1 and head not in greek_letters_set


def _total(expr: sp.Expr) -> sp.Expr:
    """`expr` with every Piecewise given a final `nan` branch, so that the Python code returns
    `math.nan` (not `None`) where the expression is undefined."""
    return expr.replace(  # type: ignore[no-any-return]
        lambda e: isinstance(e, sp.Piecewise) and e.args[-1].cond is not sp.true,
        lambda e: sp.Piecewise(*e.args, (sp.nan, True)),
    )


class _ElementaryPrinter(PythonCodePrinter):  # type: ignore[misc]
    """Python's `math`, plus `scipy.special` for what `math` lacks."""

    def _print_LambertW(self, expr: sp.Expr) -> str:  # noqa: N802 - SymPy printer protocol
        args = ", ".join(self._print(a) for a in expr.args)
        return f"{self._module_format('scipy.special.lambertw')}({args}).real"


def format_derivative(
    expr: sp.Expr, fmt: DerivativeFormat = "pretty", *, unicode: bool = True
) -> str:
    """An expression as text.

    - `"pretty"`: SymPy's 2-D pretty printing (Unicode unless `unicode=False`); an expression
      of more than `PRETTY_MAX_NODES` nodes raises
      [`TooLargeToDrawError`][symact.report.TooLargeToDrawError];
    - `"latex"`: SymPy's LaTeX;
    - `"python"`: a Python expression in elementary functions (`math.exp`, `math.erf`, …,
      `scipy.special.lambertw` where needed), runnable once `math` (and `scipy.special`) are
      imported.
    """
    if fmt == "pretty":
        text = drawing(expr, unicode)  # TooLargeToDrawError past PRETTY_MAX_NODES
        return text if unicode else to_ascii(text)
    if fmt == "latex":
        return latex(expr)
    if fmt == "python":
        printer = _ElementaryPrinter({"fully_qualified_modules": True, "strict": False})
        return str(printer.doprint(_total(to_elementary(expr))))
    raise ValueError(f"unknown format {fmt!r}; expected pretty, latex or python")


# ---------------------------------------------------------------------------------------------
# Facts

#: Control characters but the line feed: C0 (ESC among them), DEL and C1.
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """`text` with every control character but the line feed written as `\\xNN`: a fact's
    value, exact form and note come from the analysis cache, which anyone may have written,
    and an escape sequence would reach the terminal as a command."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _num(v: Any, unicode: bool) -> str:
    """A number compactly: a SymPy number, a float, "inf"/"-inf", or yes/no for a bool."""
    inf = "∞" if unicode else "inf"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, sp.Basic):
        v = to_json_number(v)
    if v == "inf":
        return inf
    if v == "-inf":
        return "-" + inf
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isinf(v):
            return inf if v > 0 else "-" + inf
        if v.is_integer() and abs(v) < 1e15:
            return str(int(v))
        return f"{v:.6g}"
    return str(v)


def _set_text(s: sp.Set, unicode: bool) -> str:
    """A set of reals: intervals, points `{c}` and families `{c + Tk : k ∈ ℤ}`, joined by ∪."""
    parts = []
    for p in spans(s):
        lo, hi = _num(p.lo, unicode), _num(p.hi, unicode)
        if p.period is not None:  # the family lo + kT, k ∈ ℤ
            step = _num(p.period, unicode) + "k"
            family = step if p.lo == 0 else f"{lo} + {step}"
            parts.append("{" + family + (" : k ∈ ℤ}" if unicode else " : k in Z}"))
        elif p.lo == p.hi and p.lo_closed and p.hi_closed:
            parts.append("{" + lo + "}")
        else:
            parts.append(f"{'[' if p.lo_closed else '('}{lo}, {hi}{']' if p.hi_closed else ')'}")
    if not parts:
        return "∅" if unicode else "{}"
    return (" ∪ " if unicode else " U ").join(parts)


def _breakpoint_text(b: Breakpoint, unicode: bool) -> str:
    fields = {f.name: getattr(b, f.name) for f in dataclasses.fields(b)}
    return "{" + ", ".join(f"{k}: {_value(v, unicode)}" for k, v in fields.items()) + "}"


def format_fact_value(fact: Fact, *, unicode: bool = True) -> str:
    """A fact's value compactly: `(-1, 1)`, `[0, ∞)`, `-0.278465 = -LambertW(exp(-1))`, …

    Where the value is a number and its exact form says more than the number, both are shown.
    """
    if fact.how == "undetermined":
        return "?"
    v = fact.value
    text = _value(v, unicode)
    if fact.how == "exact" and isinstance(v, sp.Expr) and v.is_number and not _plain(v):
        exact_text = str(v) if unicode else to_ascii(str(v))
        text = f"{exact_text} ≈ {text}" if unicode else f"{exact_text} ~ {text}"
    return printable(text)


def format_value(v: Value, *, unicode: bool = True) -> str:
    """A value of a fact's kind (a number, a set, a breakpoint's limit, …) compactly."""
    return printable(_value(v, unicode))


def _plain(v: sp.Expr) -> bool:
    """Whether `v` is just its decimal written out (so showing both would repeat it)."""
    if v.is_infinite or isinstance(v, sp.Float):
        return True
    exact = str(v)
    try:
        return float(exact) == float(v) and len(exact) <= 12
    except (TypeError, ValueError):
        return False


def _value(v: Any, unicode: bool) -> str:
    if v is None:
        return "none"
    if isinstance(v, Ends) and unicode:
        return str(v).replace("-inf", "−∞").replace("+inf", "+∞")
    if isinstance(v, StrEnum):
        return str(v)
    if isinstance(v, sp.Set):
        return _set_text(v, unicode)
    if isinstance(v, Asymptote):
        return f"{{slope: {_num(v.slope, unicode)}, intercept: {_num(v.intercept, unicode)}}}"
    if isinstance(v, tuple):  # breakpoints, or framework defaults that differ
        if not v:
            return "∅" if unicode else "{}"
        return "; ".join(
            format_default_differs(b)
            if isinstance(b, DefaultDiffers)
            else _breakpoint_text(b, unicode)
            for b in v
        )
    if isinstance(v, sp.Expr) and not v.is_number:  # a polynomial in x, a function of y
        return str(v) if unicode else to_ascii(str(v))
    return _num(v, unicode)


def format_provenance(fact: Fact) -> str:
    """`exact`, `numeric: <method>` or `undetermined: <reason>`."""
    if fact.how == "exact" or not fact.note:
        return fact.how
    return printable(f"{fact.how}: {fact.note}")


# ---------------------------------------------------------------------------------------------
# Text


def _params_text(params: Sequence[Param], unicode: bool) -> list[str]:
    width = max(len(p.name) for p in params)
    lines = []
    for p in params:
        line = f"  {p.name:<{width}} = {p.default}"
        if p.description:
            line += f"  ({p.description})"
        lines.append(line if unicode else to_ascii(line))
    return lines


def _block(label: str, body: str) -> list[str]:
    """`label` then `body` indented by two spaces."""
    return [label, *("  " + line if line else "" for line in body.splitlines())]


_PRIMES = {1: "′", 2: "″", 3: "‴"}


def _prime(n: int, unicode: bool) -> str:
    return _PRIMES[n] if unicode and n in _PRIMES else "'" * n


def _framework_lines(act: Activation, analysis: Analysis, unicode: bool) -> list[str]:
    if not act.frameworks:
        return []
    lines = ["Frameworks:"]
    for fw in act.frameworks:
        line = f"  {fw.framework:<12} {fw.name}"
        if fw.call:
            line += "  (" + call_text(fw) + ")"
        lines.append(line)
        if fw.gradient_at:
            conv = ", ".join(f"f'({k}) = {_fmt_default(v)}" for k, v in fw.gradient_at.items())
            lines.append(f"           autodiff convention: {conv}")
        if fw.note:
            lines.append(f"           note: {fw.note}")
    lines.extend(f"  ! {d}" for d in default_warnings(analysis))
    return [line if unicode else to_ascii(line) for line in lines]


def call_text(fw: FrameworkName) -> str:
    """The arguments that make `fw` compute this function: `approximate=False`."""
    return ", ".join(f"{k}={_fmt_default(v)}" for k, v in fw.call.items())


def _fmt_default(v: Any) -> str:
    j = _json_scalar(v)
    if isinstance(j, float):
        return _num(j, unicode=False)
    return repr(j) if isinstance(j, str) else str(j)


def format_default_differs(d: DefaultDiffers) -> str:
    """One framework default that gives another function, as a sentence."""
    return (
        f"{d.function}: {d.argument} defaults to {_fmt_default(d.default)}; this function"
        f" needs {d.argument}={_fmt_default(d.call)}"
    )


def default_warnings(analysis: Analysis) -> list[str]:
    """The analysis' `defaults_differ` fact as sentences (none where it was not asked for)."""
    fact = analysis.get("defaults_differ")
    if fact is None or not isinstance(fact.value, tuple):
        return []
    return [format_default_differs(d) for d in fact.value if isinstance(d, DefaultDiffers)]


def same_json(matches: Sequence[Match] | None) -> list[dict[str, Any]] | None:
    """The `same_as` member of `derive --json`: each catalogue entry the formula is, with the
    parameter values that make it so; None where the search did not finish."""
    if matches is None:
        return None
    return [
        {
            "name": m.name,
            "params": {k: to_json_number(v) for k, v in m.params.items()},
            "at_defaults": m.at_defaults,
            "how": m.how,
            "note": m.note,
        }
        for m in matches
    ]


def format_same(matches: Sequence[Match] | None, *, unicode: bool = True) -> str:
    """ "Same function as: elu (alpha = 2), exact; …" — or that none is, or that the search
    did not finish."""
    if matches is None:
        return "Same function as: undetermined (the search of the catalogue ran out of time)"
    if not matches:
        return "Same function as: no catalogue entry"
    parts = []
    for m in matches:
        where = (
            ""
            if m.at_defaults or not m.params
            else (" (" + ", ".join(f"{k} = {v}" for k, v in m.params.items()) + ")")
        )
        parts.append(f"{m.name}{where}, {m.how}")
    text = "Same function as: " + "; ".join(parts)
    return text if unicode else to_ascii(text)


def shared_names_text(shared: dict[str, tuple[str, ...]]) -> str:
    """`catalog.sharing_names` as one line: "the name srelu also names shifted_relu; …" (the
    empty string where the function shares no name)."""
    parts = [
        f"the name {key} also names "
        + (", ".join(others) if others else "other functions, outside this catalogue")
        for key, others in shared.items()
    ]
    return "; ".join(parts)


def format_show(
    act: Activation,
    analysis: Analysis,
    *,
    unicode: bool = True,
    shared: dict[str, tuple[str, ...]] | None = None,
) -> str:
    """Everything about one activation, readable in a terminal.

    Title, summary, formula, parameters, f′, f″, f‴, a table of every fact with its provenance,
    the reference and the framework names (defaults that differ between frameworks called out).
    """
    t = (lambda s: s) if unicode else to_ascii
    lines = [t(f"{act.title}  [{act.name}]"), t(act.summary)]
    meta = f"family: {act.family}"
    if act.aliases:
        meta += "; aliases: " + ", ".join(act.aliases)
    lines.append(t(meta))
    if shared:
        lines.append(t("Name shared: " + shared_names_text(shared)))
    lines.append("")
    lines += _block("f(x) =", _pretty(act.expr, unicode))
    if act.params:
        lines += ["", "Parameters (defaults):", *_params_text(act.params, unicode)]
    at = " at the default parameters" if act.params else ""
    for n in sorted(analysis.expressions):
        lines.append("")
        body = _pretty(analysis.expressions[n], unicode)
        lines += _block(f"f{_prime(n, unicode)}(x){at} =", body)
    lines += ["", t(f"Facts (ε = {analysis.eps:g}{', at the default parameters' if at else ''}):")]
    lines += _facts_table(analysis, unicode)
    general = _general_lines(analysis, unicode)
    if general:
        lines += ["", "For every parameter value:", *general]
    ref = act.reference
    if ref is not None:
        lines += ["", t(f"Reference: {ref.authors} ({ref.year}). {ref.title}."), f"  {ref.url}"]
        if not ref.verified:
            lines.append("  (reference not verified: its source could not be read to confirm it)")
    fw = _framework_lines(act, analysis, unicode)
    if fw:
        lines += ["", *fw]
    return "\n".join(lines)


def _facts_table(analysis: Analysis, unicode: bool) -> list[str]:
    order = [n for n in FACT_NAMES if n in analysis] + [n for n in analysis if n not in FACT_NAMES]
    order = [n for n in order if n not in WITH_FRAMEWORKS]  # shown with the frameworks
    rows = [
        (
            printable(name),  # a name read from the cache, too
            format_fact_value(analysis[name], unicode=unicode),
            format_provenance(analysis[name]),
        )
        for name in order
    ]
    if not rows:
        return ["  (none)"]
    wn = max(len(r[0]) for r in rows)
    wv = min(max(len(r[1]) for r in rows), 40)
    out = []
    for name, value, how in rows:
        how = how if unicode else to_ascii(how)
        if len(value) > wv:
            out.append(f"  {name:<{wn}}  {value}")
            out.append(f"  {'':<{wn}}  {'':<{wv}}  {how}")
        else:
            out.append(f"  {name:<{wn}}  {value:<{wv}}  {how}")
    return [line.rstrip() for line in out]


def _general_lines(analysis: Analysis, unicode: bool) -> list[str]:
    """The facts that hold for every parameter value, one line each: `range  for every
    α > 0: (−α, ∞)`; those the analysis could not generalise are left out."""
    rows = [
        (printable(name), format_general(fact.general, unicode=unicode))
        for name, fact in analysis.items()
        if fact.general is not None and fact.general.how == "exact"
    ]
    if not rows:
        return []
    wn = max(len(r[0]) for r in rows)
    return [f"  {name:<{wn}}  {text}" for name, text in rows]


#: Symbols of a general fact that are not parameters.
_NOT_PARAMS = frozenset({"x", "y", "k", "epsilon"})
#: Parameter names shown as the letters they stand for (Python names avoid `lambda`).
_LETTERS = {"lambd": "λ", "epsilon": "ε", "w0": "ω₀"}


class _OneLine(sp.printing.str.StrPrinter):  # type: ignore[misc]
    """SymPy's `str`, with parameters as their letters, ∞, sets as intervals, ≤ and ≥."""

    def __init__(self, unicode: bool) -> None:
        super().__init__({"order": "none"})
        self.unicode = unicode

    def _print_Symbol(self, e: sp.Symbol) -> str:  # noqa: N802 - SymPy printer method
        if not self.unicode:
            return str(e.name)
        if "-" in e.name or " " in e.name:  # a word ("non-decreasing"), not a parameter
            return str(e.name).replace("-", "\u2011")  # a hyphen no minus sign replaces
        from sympy.printing.pretty.pretty_symbology import greek_unicode

        return _LETTERS.get(e.name) or str(greek_unicode.get(e.name, e.name))

    def _print_Pi(self, e: sp.Basic) -> str:  # noqa: N802 - SymPy printer method
        return "π" if self.unicode else "pi"

    def _print_Infinity(self, e: sp.Basic) -> str:  # noqa: N802 - SymPy printer method
        return "∞" if self.unicode else "inf"

    def _print_NegativeInfinity(self, e: sp.Basic) -> str:  # noqa: N802 - SymPy printer method
        return "−∞" if self.unicode else "-inf"

    def _print_Interval(self, e: sp.Interval) -> str:  # noqa: N802 - SymPy printer method
        lo, hi = self._print(e.start), self._print(e.end)
        left = "(" if e.left_open or e.start.is_infinite else "["
        right = ")" if e.right_open or e.end.is_infinite else "]"
        return f"{left}{lo}, {hi}{right}"

    def _print_Union(self, e: sp.Union) -> str:  # noqa: N802 - SymPy printer method
        return (" ∪ " if self.unicode else " U ").join(self._print(a) for a in e.args)

    def _print_EmptySet(self, e: sp.Basic) -> str:  # noqa: N802 - SymPy printer method
        return "∅" if self.unicode else "{}"

    def _print_FiniteSet(self, e: sp.FiniteSet) -> str:  # noqa: N802 - SymPy printer method
        return "{" + ", ".join(self._print(a) for a in e.args) + "}"

    def _print_ImageSet(self, e: sp.ImageSet) -> str:  # noqa: N802 - SymPy printer method
        body = str(self._print(e.lamda.expr))
        return "{" + body + (" : k ∈ ℤ}" if self.unicode else " : k in Z}")

    def _print_Relational(self, e: sp.Basic) -> str:  # noqa: N802 - SymPy printer method
        words = {">=": "≥", "<=": "≤", "!=": "≠", "==": "="} if self.unicode else {"==": "="}
        op = words.get(e.rel_op, e.rel_op)
        return f"{self._print(e.lhs)} {op} {self._print(e.rhs)}"

    def _print_And(self, e: sp.Basic) -> str:  # noqa: N802 - SymPy printer method
        return ", ".join(self._print(a) for a in e.args)

    def _print_Piecewise(self, e: sp.Piecewise) -> str:  # noqa: N802 - SymPy printer method
        parts = []
        for value, cond in e.args:
            when = "otherwise" if cond is sp.true else f"if {self._print(cond)}"
            parts.append(f"{self._print(value)} {when}")
        return "; ".join(parts)


def one_line(e: sp.Basic, *, unicode: bool = True) -> str:
    """An expression, set or condition on one line, parameters shown as their letters."""
    text = str(_OneLine(unicode).doprint(e))
    if not unicode:
        return text
    return text.replace("**", "^").replace("*", "·").replace("-", "−")


def format_general(g: General, *, unicode: bool = True) -> str:
    """`for every α > 0: (−α, ∞)`: a general fact with the domain it holds on."""
    if g.how != "exact" or g.value is None:
        return "?"
    if any(isinstance(e, sp.Basic) and too_large(e) for e in (g.value, g.assumptions)):
        return f"(too large to print here: over {PRETTY_MAX_NODES} nodes; see --json)"
    value = g.value if isinstance(g.value, sp.Basic) else sp.Symbol(str(g.value))
    if isinstance(g.value, bool):
        value_text = "yes" if g.value else "no"
    elif isinstance(g.value, str):
        value_text = g.value
    elif isinstance(g.value, sp.Tuple) and len(g.value) == 2:  # an asymptote
        slope, intercept = g.value
        value_text = "y = " + one_line(slope * sp.Symbol("x") + intercept, unicode=unicode)
    else:
        value_text = one_line(value, unicode=unicode)
    if g.assumptions is sp.true:  # every real value of the parameters it depends on
        words = {a for a, _ in g.value.args} if isinstance(g.value, sp.Piecewise) else set()
        params = sorted(
            (
                s
                for s in getattr(g.value, "free_symbols", ())
                if s.name not in _NOT_PARAMS and s not in words
            ),
            key=lambda s: s.name,
        )
        where = "for every " + (", ".join(one_line(p, unicode=unicode) for p in params) or "value")
    else:
        where = "for every " + one_line(g.assumptions, unicode=unicode)
    return printable(f"{where}: {value_text}")


def format_latex(act: Activation, analysis: Analysis) -> str:
    """LaTeX lines for f (symbolic parameters), f′ and f″ (at the default parameters)."""
    lines = [f"f(x) = {latex(act.expr)}"]
    if act.params:
        defaults = ", ".join(f"{p.name} = {p.default}" for p in act.params)
        lines.append(f"% derivatives at the default parameters: {defaults}")
    for n in (1, 2):
        if n not in analysis.expressions:
            continue
        body = latex(analysis.expressions[n])
        primes = "'" * n
        lines.append(f"f{primes}(x) = {body}")
    return "\n".join(lines)


def format_list(acts: Iterable[Activation], *, unicode: bool = True) -> str:
    """A table of activations: name, family and summary."""
    rows = [(a.name, a.family, a.summary) for a in acts]
    if not rows:
        return ""
    wn = max(len("name"), *(len(r[0]) for r in rows))
    wf = max(len("family"), *(len(r[1]) for r in rows))
    lines = [f"{'name':<{wn}}  {'family':<{wf}}  summary"]
    lines += [f"{n:<{wn}}  {f:<{wf}}  {s}" for n, f, s in rows]
    text = "\n".join(lines)
    return text if unicode else to_ascii(text)
