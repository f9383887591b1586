"""The website's pages as Markdown, rendered from declarations and derived facts.

Pure functions: they take an activation, its analysis and what the build made for it (code,
plot file names) and return Markdown text. Nothing here derives a fact; every value shown comes
from [`Analysis`][symact.analysis._facts.Analysis] with its provenance. Every string that comes
from a declaration (titles, summaries, notes: user catalogues later) is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import sympy as sp

from symact.analysis._facts import FACT_NAMES, FACTS, Analysis, Asymptote, Breakpoint, Fact, Y
from symact.declare import Activation, X
from symact.functions import Primitive
from symact.report import (
    WITH_FRAMEWORKS,
    call_text,
    default_warnings,
    format_fact_value,
    format_general,
    format_value,
    latex,
)
from symact.site.concepts import CONCEPTS, PROPERTIES, has_property
from symact.site.mathml import MathError, expr_mathml, mathml

__all__ = [
    "CODE_TABS",
    "Entry",
    "Image",
    "activation_page",
    "catalogue_page",
    "compare_page",
    "escape",
    "fill_markers",
    "page_path",
]

#: Code tabs: target (as `symact codegen --target`) → tab title and code-block language.
CODE_TABS: dict[str, tuple[str, str]] = {
    "numpy": ("NumPy", "python"),
    "torch": ("PyTorch", "python"),
    "jax": ("JAX", "python"),
    "c": ("C", "c"),
    "js": ("JavaScript", "js"),
}
_FRAMEWORK_TITLES = {
    "pytorch": "PyTorch",
    "keras": "Keras",
    "jax": "JAX",
    "tensorflow": "TensorFlow",
    "mlx": "MLX",
    "flax": "Flax",
    "paddle": "PaddlePaddle",
    "timm": "timm",
    "transformers": "transformers",
    "nnlib": "NNlib (Julia)",
}


@dataclass(frozen=True)
class Image:
    """A plot file next to the page (`src` relative to the page) and its alternative text."""

    src: str
    alt: str


@dataclass(frozen=True)
class Twin:
    """Another catalogue entry that is the same function: `name` at the parameter values
    `params` (as text) is this entry at its defaults (`same`); or, for `generalises`, this
    entry at `params` is entry `name`. `how` and `note` say how it was shown."""

    name: str
    params: Mapping[str, str]
    at_defaults: bool
    how: str
    note: str = ""
    title: str = ""


@dataclass
class Entry:
    """One activation with everything its page shows."""

    act: Activation
    analysis: Analysis
    #: Generated source by target (`numpy`, `torch`, …), for f.
    code: Mapping[str, str] = field(default_factory=dict)
    images: Sequence[Image] = ()
    #: The entries this one is (`symact.analysis.same_as`), and those it generalises.
    same: Sequence[Twin] = ()
    generalises: Sequence[Twin] = ()
    #: The catalogue entry that is each named primitive (sigmoid, softplus …), by the
    #: primitive's name: where its symbol is explained, it links there.
    pages: Mapping[str, str] = field(default_factory=dict)
    #: The names this function shares with others (`catalog.sharing_names`): each with the
    #: other entries' names and titles (none: only functions outside the catalogue).
    shared: Mapping[str, Sequence[tuple[str, str]]] = field(default_factory=dict)


def page_path(name: str) -> str:
    """The page of activation `name`, relative to the docs directory."""
    return f"activations/{name}.md"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()+!|~$])")


def escape(text: str) -> str:
    """`text` safe in Markdown and HTML: shown as written, never interpreted.

    HTML's own characters become entities, and so do Markdown's (and `$`, which would start
    maths): a backslash escape would not do, as `\\$` is not an escape in Markdown."""
    return _MD_SPECIAL.sub(lambda m: f"&#{ord(m.group(1))};", html.escape(str(text), quote=False))


def _cell(text: str) -> str:
    """Escaped text for a table cell (no line breaks, no bare `|`)."""
    return escape(text.replace("\n", " "))


def _math_or_text(e: sp.Basic) -> str:
    """An exact value as MathML, or as escaped text where it cannot be typeset."""
    try:
        return expr_mathml(e, display=False)
    except ValueError:
        return _cell(str(e))


def _how(fact: Fact, accounts: dict[str, int] | None = None) -> str:
    """The provenance badge of a fact with its method; with `accounts` (a table's full
    accounts so far, each numbered once), a one-phrase method and a link to the fact's full
    account in the list below the table (`_accounts`), which this adds it to."""
    badge = f'<span class="symact-how symact-how-{fact.how}">{fact.how}</span>'
    if not fact.note:
        return badge
    if accounts is None:
        return f'{badge} <span class="symact-note">{_cell(fact.note)}</span>'
    if len(fact.note) <= _SHORT_NOTE:
        return f'{badge} <span class="symact-note">{_cell(fact.note)}</span>'
    short = _short_method(fact)
    k = accounts.setdefault(fact.note, len(accounts) + 1)
    link = f'<sup><a href="#how-{k}" title="the full account">{k}</a></sup>'
    return f'{badge} <span class="symact-note">{_cell(short)}</span>{link}'


#: A note this short is shown whole in its row, with no link to a full account.
_SHORT_NOTE = 80
#: Most words of the phrase that stands for a longer note in its row.
_SHORT_WORDS = 10


def _short_method(fact: Fact) -> str:
    """A fact's method in one phrase: its provenance's first method, or the reason it is
    undetermined, up to its first parenthesis, semicolon, colon or comma, and at most
    `_SHORT_WORDS` words ("roots by sign changes on a 1001-point grid")."""
    pr = fact.provenance
    first = pr.methods[0] if pr.methods else pr.attempts[0] if pr.attempts else fact.note
    stops = (first.find(mark) for mark in (" (", "; ", ": ", ", "))
    cut = min((i for i in stops if i > 0), default=len(first))
    words = first[:cut].split()
    return " ".join(words) if len(words) <= _SHORT_WORDS else " ".join(words[:_SHORT_WORDS]) + " …"


def _accounts(accounts: dict[str, int]) -> list[str]:
    """The full accounts a table's rows link to, each once, numbered."""
    if not accounts:
        return []
    items = "".join(
        f'<li id="how-{k}">{_cell(note)}</li>'
        for note, k in accounts.items()  # numbered in order
    )
    return [
        "How each fact was derived, in full (the numbers in the table link here):",
        "",
        f'<ol class="symact-accounts">{items}</ol>',
        "",
    ]


def _fact_label(name: str) -> str:
    # In an attribute, inside a table: `|` would end the cell.
    spec = FACTS.get(name)
    meaning = html.escape(spec.meaning if spec else name, quote=True).replace("|", "&#124;")
    label = f'<span title="{meaning}">{_cell(spec.label if spec else name)}</span>'
    concept = spec.concept if spec else None
    if concept:
        label = f"[{label}](../concepts/{concept}.md)"
    return f"{label}<br><code>{html.escape(name)}</code>"


def _fact_value(fact: Fact, name: str = "") -> str:
    if fact.how == "undetermined":
        return "—"
    e = fact.value
    if isinstance(e, Asymptote | sp.Set):
        try:
            return _value_maths(e, name, fact.how)
        except (MathError, TypeError, ValueError):
            pass  # a set SymPy prints in LaTeX that latex2mathml does not take: as text
    if (
        fact.how == "exact"
        and isinstance(e, sp.Expr)
        and not e.is_Number
        and e.free_symbols <= {X, Y}
    ):
        shown = expr_mathml(e, display=False)
        if e.is_number:
            shown += f" ≈ {_cell(format(float(e), '.6g'))}"
        return shown
    return _cell(format_fact_value(fact))


#: Significant digits of a decimal in a fact's value (as `symact show` prints them).
_DIGITS = 6


def _decimal(n: sp.Expr) -> sp.Float:
    """A number to `_DIGITS` significant digits, as `symact show` prints it."""
    return sp.Float(format(float(n), f".{_DIGITS}g"))


def _rounded(e: sp.Basic) -> sp.Basic:
    """`e` with its decimals to `_DIGITS` significant digits, for reading."""
    return e.xreplace({f: _decimal(f) for f in e.atoms(sp.Float)})


def _value_maths(v: Asymptote | sp.Set, name: str, how: str) -> str:
    """An asymptote as its line (y = x − 1), the range as an interval, the points where an
    extremum is attained as x = … (x ≈ … where numeric, x ∈ … for several), as MathML, with
    the decimals of an exact value beside it."""
    if isinstance(v, Asymptote):
        line = _rounded(v.slope * X + v.intercept)
        return mathml(f"y = {latex(line)}") + _approx(line)
    s = _rounded(v)
    if name != "range" and name.endswith("_at"):
        if isinstance(s, sp.FiniteSet) and len(s) == 1:
            (point,) = s.args
            rel = "=" if how == "exact" else r"\approx"
            return mathml(f"x {rel} {latex(point)}") + _approx(point)
        return mathml(f"x \\in {latex(s)}") + _approx(s)
    return mathml(latex(s)) + _approx(s)


def _approx(e: sp.Basic) -> str:
    """ " ≈ " and the decimals of `e`, where it holds a number that is not a decimal already."""
    numbers = [
        n for n in e.atoms(sp.Expr) if n.is_number and not n.is_Atom and n.free_symbols == set()
    ]
    if not numbers:
        return ""
    approx = e.xreplace({n: _decimal(n) for n in numbers})
    return " ≈ " + mathml(latex(approx))


#: Special functions SymPy prints by a symbol a reader may not know: LaTeX of the definition
#: and a few words (the named primitives carry their own: `Primitive.meaning`).
_SPECIAL: dict[type, tuple[str, str]] = {
    sp.erf: (
        r"\operatorname{erf}\left(x\right) = \frac{2}{\sqrt{\pi}} \int_{0}^{x} e^{-t^{2}} dt",
        "the error function",
    ),
    sp.erfc: (
        r"\operatorname{erfc}\left(x\right) = 1 - \operatorname{erf}\left(x\right)",
        "the complementary error function",
    ),
    sp.LambertW: (
        r"W\left(z\right) e^{W\left(z\right)} = z",
        "the Lambert W function (its principal branch)",
    ),
}


def _where(entry: Entry) -> list[str]:
    """ "where σ(x) = 1/(1 + e^(−x)) is the logistic sigmoid, …": every named function the
    page's formulas use (f, f′, f″ and the exact facts), defined where the formula is, linked
    to its own page where the catalogue has one (`Entry.pages`)."""
    act, an = entry.act, entry.analysis
    shown: list[sp.Basic] = [act.expr, *(e for n, e in an.expressions.items() if n <= 2)]
    shown += [f.value for f in an.values() if f.how == "exact" and isinstance(f.value, sp.Basic)]
    kinds: dict[type, None] = {}
    for e in shown:
        for fn in sorted(e.atoms(sp.Function), key=str):
            if isinstance(fn, Primitive) or type(fn) in _SPECIAL:
                kinds.setdefault(type(fn), None)
    parts = []
    for kind in kinds:
        if issubclass(kind, Primitive):
            u = sp.Symbol("x", real=True)
            tex, meaning = f"{latex(kind(u))} = {latex(kind.definition(u))}", kind.meaning
        else:
            tex, meaning = _SPECIAL[kind]
        text = _cell(meaning)
        page = entry.pages.get(kind.__name__)
        if page is not None and page != act.name:
            text = f"[{text}]({page}.md)"
        parts.append(f"{mathml(tex)} is {text}")
    if not parts:
        return []
    return ["where " + "; ".join(parts) + ".", ""]


def _shown(act: Activation, e: Any) -> Any:
    """`e` (an expression, a set, a condition) with each parameter of `act` written with its
    mathematical symbol (`Param.shown`: λ for `lambd`)."""
    swap = {p.symbol: p.shown for p in act.params if p.shown_as is not None}
    return e.xreplace(swap) if swap and isinstance(e, sp.Basic) else e


def _prime(n: int) -> str:
    return "'" * n


def _formulas(entry: Entry) -> list[str]:
    act, an = entry.act, entry.analysis
    out = ["## Formula", "", expr_mathml(_shown(act, act.expr), lhs="f(x)"), ""]
    if act.params:
        out += ["| Parameter | Default | Meaning |", "|---|---|---|"]
        for p in act.params:
            code = "" if p.shown_as is None else f" <code>{html.escape(p.name)}</code>"
            out.append(
                f"| {mathml(sp.latex(p.shown))}{code} | {mathml(sp.latex(p.value))} "
                f"| {_cell(p.description)} |"
            )
        out.append("")
    out += _where(entry)
    at = " (at the default parameters)" if act.params else ""
    out += [f"## Derivatives{at}", ""]
    for n in sorted(an.expressions):
        if n > 2:
            continue
        out += [expr_mathml(an.expressions[n], lhs=f"f{_prime(n)}(x)"), ""]
    dy = an.get("derivative_of_output")
    if dy is not None:
        e = dy.value if dy.how != "undetermined" else None
        if isinstance(e, sp.Expr):
            out += [
                "In terms of the output $y = f(x)$ (what backpropagation can reuse):",
                "",
                expr_mathml(e, lhs="f'(x)"),
                "",
            ]
        elif dy.note:
            out += [f"*Not a function of the output:* {_cell(dy.note)}", ""]
    return out


def _plots(entry: Entry) -> list[str]:
    if not entry.images:
        return []
    out = ["## Plots", ""]
    for img in entry.images:
        out += [_image(img), ""]
    return out


def _image(img: Image) -> str:
    """Markdown image syntax, so that MkDocs checks the file and rewrites its path for the
    page's URL."""
    alt = escape(img.alt).replace("[", "&#91;").replace("]", "&#93;")
    return f"![{alt}]({img.src}){{ .symact-plot loading=lazy }}"


def _properties(entry: Entry) -> list[str]:
    an = entry.analysis
    out = [
        "## Properties",
        "",
        f"Derived from the formula (ε = {an.eps:g} for saturation); *exact* means symbolic, "
        "*numeric* names the method and its tolerance."
        + (
            " Values are at the default parameters; below a value, where one was proved, the"
            " same fact for every parameter value of the declared domain."
            if entry.act.params
            else ""
        ),
        "",
        "| Property | Value | How it was derived |",
        "|---|---|---|",
    ]
    order = [n for n in FACT_NAMES if n in an] + [n for n in an if n not in FACT_NAMES]
    accounts: dict[str, int] = {}
    for name in order:
        if name == "breakpoints" or name in WITH_FRAMEWORKS:
            continue  # their own sections below
        fact = an[name]
        value = _fact_value(fact, name)
        if fact.general is not None and fact.general.how == "exact":
            g = fact.general
            g = replace(
                g, value=_shown(entry.act, g.value), assumptions=_shown(entry.act, g.assumptions)
            )
            value += f"<br><small>{_cell(format_general(g))}</small>"
        out.append(f"| {_fact_label(name)} | {value} | {_how(fact, accounts)} |")
    return [*out, "", *_accounts(accounts)]


def _kinks(entry: Entry) -> list[str]:
    act, an = entry.act, entry.analysis
    fact = an.get("breakpoints")
    if fact is None:
        return []
    if fact.how == "undetermined":
        return ["## Breakpoints", "", f"Undetermined: {_cell(fact.note)}", ""]
    points = fact.value
    if not isinstance(points, tuple) or not points:
        return []
    fws = [fw for fw in act.frameworks if fw.framework in ("pytorch", "jax")]
    head = "| x | Continuity | f(x) | Left, right limit | Left, right derivative |"
    sep = "|---|---|---|---|---|"
    for fw in fws:
        head += f" {_FRAMEWORK_TITLES[fw.framework]} gradient |"
        sep += "---|"
    out = [
        "## Breakpoints",
        "",
        "Points where the formula changes and smoothness may break. Where f or f′ jumps the "
        "derivative is undefined, and frameworks return a value there anyway (a "
        "[subgradient convention](../concepts/differentiability.md)).",
        "",
        head,
        sep,
    ]
    for p in points:
        if not isinstance(p, Breakpoint):
            continue
        c = p.continuity
        cont = "jump" if c == -1 else "kink (C⁰)" if c == 0 else f"C{c}"
        row = (
            f"| {_math_or_text(p.at)} | {cont} | {_num(p.value)} "
            f"| {_num(p.left_limit)}, {_num(p.right_limit)} "
            f"| {_num(p.left_derivative)}, {_num(p.right_derivative)} |"
        )
        for fw in fws:
            defined = bool(c >= 1)
            row += " f′ defined |" if defined else f" {_gradient_at(fw.gradient_at, p.at)} |"
        out.append(row)
    return [*out, ""]


def _gradient_at(conv: Mapping[Any, Any], at: Any) -> str:
    for k, v in conv.items():
        try:
            if float(k) == float(at):
                return _num(v)
        except (TypeError, ValueError):
            continue
    return "not declared"


def _num(v: Any) -> str:
    if v is None:
        return "—"
    return _cell(format_value(v))


def _code(entry: Entry) -> list[str]:
    if not entry.code:
        return []
    out = [
        "## Code",
        "",
        "Generated from the same stable plan as `symact.numpy_function(act)` "
        f"(<code>symact codegen {html.escape(entry.act.name)} --target …</code>):",
        "",
    ]
    for target, (title, lang) in CODE_TABS.items():
        src = entry.code.get(target)
        if src is None:
            continue
        fence = _fence(src)
        out += [f'=== "{title}"', "", f"    {fence}{lang}"]
        # every line break Markdown knows (\r too): an unindented line would end the tab
        out += [f"    {line}" if line else "" for line in src.rstrip("\r\n").splitlines()]
        out += [f"    {fence}", ""]
    return out


def _fence(code: str) -> str:
    """A code fence longer than any run of backticks in `code`, which then cannot close it
    (generated code comes from a cache, and is treated as any text from outside)."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    return "`" * max(3, longest + 1)


def _frameworks(entry: Entry) -> list[str]:
    act = entry.act
    if not act.frameworks:
        return []
    out = [
        "## In frameworks",
        "",
        "| Framework | Name | Called with | Note |",
        "|---|---|---|---|",
    ]
    for fw in act.frameworks:
        args = call_text(fw) or "—"
        out.append(
            f"| {_FRAMEWORK_TITLES.get(fw.framework, _cell(fw.framework))} "
            f"| <code>{_cell(fw.name)}</code> | {_cell(args)} | {_cell(fw.note) or '—'} |"
        )
    out.append("")
    diffs = default_warnings(entry.analysis)
    if diffs:
        out += ['!!! warning "Defaults differ"', ""]
        out += [f"    - {_cell(d)}" for d in diffs]
        out += ["", f"    <small>{_how(entry.analysis['defaults_differ'])}</small>"]
        out.append("")
    return out


def _twin_text(t: Twin) -> str:
    """A linked entry with the parameter values that make it so: "[ELU](elu.md) with α = 2"."""
    link = f"[{_cell(t.title or t.name)}]({t.name}.md)"
    if t.params and not t.at_defaults:
        link += " with " + ", ".join(f"{_cell(k)} = {_cell(v)}" for k, v in t.params.items())
    note = html.escape(t.note, quote=True)
    return f'{link} <span class="symact-how symact-how-{t.how}" title="{note}">{t.how}</span>'


def _same_section(entry: Entry) -> list[str]:
    """Which catalogue entries this function is: the same at both defaults ("also published
    as"), another at some parameter values ("special case of"), and those it gives at some of
    its own ("generalises"); found by `symact.analysis.same_as`, never typed."""
    rows = [
        ("Also published as", [t for t in entry.same if t.at_defaults]),
        ("Special case of", [t for t in entry.same if not t.at_defaults]),
        ("Generalises", list(entry.generalises)),
    ]
    rows = [(label, ts) for label, ts in rows if ts]
    if not rows:
        return []
    out = ["## Same function as", ""]
    for label, ts in rows:
        out.append(f"- **{label}:** " + "; ".join(_twin_text(t) for t in ts))
    out += [
        "",
        "<small>Found by comparing this function with every entry, at its defaults or at "
        "parameter values solved for, to 40 digits over the whole line; `exact` where SymPy "
        "proves it.</small>",
        "",
    ]
    return out


def _reference(act: Activation) -> list[str]:
    ref = act.reference
    if ref is None:
        return []
    url = html.escape(ref.url, quote=True)
    out = [
        "## Reference",
        "",
        f'{_cell(ref.authors)} ({ref.year}). <a href="{url}">{_cell(ref.title)}</a>.',
        "",
    ]
    if not ref.verified:
        out += [
            '!!! note "Reference not verified"',
            "",
            "    Its source could not be read to confirm the authors, title or formula.",
            "",
        ]
    return out


def _see_also(entry: Entry, related: Sequence[Activation]) -> list[str]:
    if not related:
        return []
    links = ", ".join(f"[{_cell(a.title)}]({a.name}.md)" for a in related)
    return ["## See also", "", links, ""]


def _glossary_links(entry: Entry) -> list[str]:
    have = [
        p
        for p in PROPERTIES.values()
        if p.key not in ("all",) and has_property(p.key, entry.act, entry.analysis)
    ]
    if not have:
        return []
    items = ", ".join(f"[{_cell(p.label)}](../concepts/{p.concept}.md)" for p in have)
    return [f"**In the glossary:** {items}.", ""]


def activation_page(entry: Entry, *, related: Sequence[Activation] = ()) -> str:
    """The Markdown page of one activation."""
    act = entry.act
    head = [
        "---",
        f"title: {_yaml(act.title)}",
        f"description: {_yaml(act.summary)}",
        "---",
        "",
        f"# {_cell(act.title)}",
        "",
        f"{_cell(act.summary)}",
        "",
        f"**Name:** `{html.escape(act.name)}`"
        + (
            " · **Aliases:** " + ", ".join(f"`{html.escape(a)}`" for a in act.aliases)
            if act.aliases
            else ""
        )
        + f" · **Family:** {_cell(act.family)}",
        "",
        *_shared_line(entry),
    ]
    parts = [
        head,
        _glossary_links(entry),
        _formulas(entry),
        _plots(entry),
        _properties(entry),
        _kinks(entry),
        _code(entry),
        _same_section(entry),
        _frameworks(entry),
        _reference(act),
        _see_also(entry, related),
    ]
    return "\n".join(line for part in parts for line in part) + "\n"


def _shared_line(entry: Entry) -> list[str]:
    """Which other functions are published under one of this one's names (SReLU names two)."""
    if not entry.shared:
        return []
    parts = []
    for key, others in entry.shared.items():
        who = (
            ", ".join(f"[{_cell(title)}]({name}.md)" for name, title in others)
            if others
            else "other functions, outside this catalogue"
        )
        parts.append(f"`{html.escape(key)}` also names {who}")
    return ["**Name shared:** " + "; ".join(parts) + ".", ""]


def _yaml(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _yes_no(v: bool | None) -> str:
    return "?" if v is None else ("yes" if v else "no")


#: Columns of the catalogue table: heading and how to show the entry's value.
_COLUMNS: tuple[tuple[str, Callable[[Entry], str]], ...] = (
    ("Range", lambda e: _fact_cell(e.analysis, "range")),
    ("Continuity", lambda e: _continuity_cell(e.analysis)),
    ("Monotonic", lambda e: _fact_cell(e.analysis, "monotonic")),
    ("Zero-centred", lambda e: _yes_no(has_property("zero_centred", e.act, e.analysis))),
    ("Saturating", lambda e: _yes_no(has_property("saturating", e.act, e.analysis))),
    (
        "Identity near 0",
        lambda e: _yes_no(has_property("identity_near_origin", e.act, e.analysis)),
    ),
)


def _continuity_cell(an: Analysis) -> str:
    fact = an.get("continuity")
    if fact is None or fact.how == "undetermined":
        return "?"
    v = fact.value
    if v == sp.oo:
        return "C∞"
    return "jump" if v == -1 else f"C{v}".translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _fact_cell(an: Analysis, name: str) -> str:
    fact = an.get(name)
    if fact is None or fact.how == "undetermined":
        return "?"
    return _cell(format_fact_value(fact))


def _names_cell(act: Activation) -> str:
    """The names `symact show` takes for `act`: its own, then its aliases."""
    return ", ".join(f"`{html.escape(n)}`" for n in (act.name, *act.aliases))


def catalogue_page(entries: Sequence[Entry]) -> str:
    """The table of every activation with its names and key derived properties; sortable by
    column, and filtered by text (a name or alias), family and property
    (`docs/javascripts/filter.js` builds the controls from the table itself)."""
    head = "| Activation | Names | Family | " + " | ".join(h for h, _ in _COLUMNS) + " |"
    sep = "|---|---|---|" + "---|" * len(_COLUMNS)
    rows = [
        f"| [{_cell(e.act.title)}]({e.act.name}.md) | {_names_cell(e.act)} | "
        f"{_cell(e.act.family)} | " + " | ".join(f(e) for _, f in _COLUMNS) + " |"
        for e in entries
    ]
    return "\n".join(
        [
            "# Catalogue",
            "",
            f"All {len(entries)} activations with their key properties, each derived from the "
            "formula (follow a row to see how). Type a name or alias, or choose a family or a "
            "property, to narrow the table; click a column heading to sort; "
            "? marks a fact that could not be determined.",
            "",
            '<div class="symact-sortable symact-filterable" markdown>',
            "",
            head,
            sep,
            *rows,
            "",
            "</div>",
            "",
        ]
    )


def compare_page(groups: Sequence[tuple[str, Sequence[Activation], Sequence[Image]]]) -> str:
    """Overlays of activations and their derivatives, group by group."""
    out = [
        "# Compare",
        "",
        "Activations of one family drawn together: f first, then f′. Every curve is computed "
        "by the same NumPy functions as `symact.numpy_function(act)`; each name links to its page.",
        "",
    ]
    for title, acts, images in groups:
        names = ", ".join(f"[{_cell(a.title)}](activations/{a.name}.md)" for a in acts)
        out += [f"## {_cell(title)}", "", names, ""]
        for img in images:
            out += [_image(img), ""]
    return "\n".join(out)


_MARKER = re.compile(r"^<!--\s*symact:([a-z-]+)(?:\s+([a-z_]+))?\s*-->\s*$", re.MULTILINE)


def fill_markers(
    markdown: str,
    entries: Sequence[Entry],
    *,
    prefix: str,
    extra: Mapping[str, str] | None = None,
) -> str:
    """Markdown with each `<!-- symact:… -->` marker replaced by what it asks for.

    `<!-- symact:activations KEY -->`: links to the activations that have property KEY
    (those where a needed fact is undetermined are named apart); `<!-- symact:continuity-table
    -->`: activations by order of continuity; other markers come from `extra` (name → Markdown).
    `prefix` is the path from the page to the docs directory (`../` for `concepts/x.md`).
    An unknown marker or key is an error: a page must not silently lose a list.
    """

    def link(a: Activation) -> str:
        return f"[{_cell(a.title)}]({prefix}{page_path(a.name)})"

    def repl(m: re.Match[str]) -> str:
        kind, key = m.group(1), m.group(2)
        if kind == "activations":
            if key not in PROPERTIES:
                raise ValueError(f"unknown property {key!r} in marker {m.group(0)!r}")
            yes = [e.act for e in entries if has_property(key, e.act, e.analysis) is True]
            unknown = [e.act for e in entries if has_property(key, e.act, e.analysis) is None]
            text = (", ".join(link(a) for a in yes) + ".") if yes else "None in the catalogue."
            if unknown:
                text += " Undetermined for: " + ", ".join(link(a) for a in unknown) + "."
            return text
        if kind == "continuity-table":
            return _continuity_table(entries, link)
        if extra and kind in extra:
            return extra[kind]
        raise ValueError(f"unknown marker {m.group(0)!r}")

    return _MARKER.sub(repl, markdown)


def _continuity_table(entries: Sequence[Entry], link: Callable[[Activation], str]) -> str:
    groups: dict[str, list[Activation]] = {}
    for e in entries:
        fact = e.analysis.get("continuity")
        v = None if fact is None or fact.how == "undetermined" else fact.value
        if v is None:
            label = "undetermined"
        elif v == sp.oo:
            label = "C∞: smooth"
        else:
            words = {-1: "discontinuous", 0: "C⁰: continuous, with kinks"}
            label = words.get(int(v), f"C{v}") if isinstance(v, sp.Integer) else f"C{v}"
        groups.setdefault(label, []).append(e.act)

    def order(label: str) -> tuple[int, str]:
        ranks = {"discontinuous": -1, "C⁰: continuous, with kinks": 0, "C∞: smooth": 99}
        return (ranks.get(label, 50 if label != "undetermined" else 100), label)

    lines = ["| Order of continuity | Activations |", "|---|---|"]
    for label in sorted(groups, key=order):
        lines.append(f"| {label} | {', '.join(link(a) for a in groups[label])} |")
    return "\n".join(lines)


def concept_nav() -> list[dict[str, str]]:
    """The glossary's navigation entries, in reading order."""
    return [{c.title: f"concepts/{c.slug}.md"} for c in CONCEPTS]
