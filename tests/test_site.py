"""The glossary website: pages from the catalogue, computed lists, offline maths, a strict build.

The whole site is built once per session (into a temporary directory) by the same code as
`symact site build`; the tests read the built HTML. Rendering helpers are tested on their own.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import sympy as sp
from hypothesis import given
from hypothesis import strategies as st

import symact
from symact.analysis._facts import FACTS, Fact
from symact.report import WITH_FRAMEWORKS, default_warnings
from symact.site import concepts
from symact.site.build import SiteError, build_site, nav
from symact.site.mathml import MathError, markdown_maths, mathml
from symact.site.pages import escape, page_path

NAMES = sorted(symact.ACTIVATIONS)
PAGES = re.compile(r"^activations/(?P<name>[a-z0-9_]+)/index\.html$")


# ---------------------------------------------------------------------------------------------
# Rendering helpers


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _rendered_text(md: str) -> str:
    """What a reader sees of Markdown `md`: its HTML's text."""
    parser = _Text()
    parser.feed(markdown.markdown(md, extensions=["tables"]))
    return "".join(parser.parts)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_escaped_text_reads_as_written(text: str) -> None:
    shown = _rendered_text(markdown_maths("x " + escape(text) + " x"))
    assert (
        shown.strip() == ("x " + text + " x").strip()
        or shown.split() == ("x " + text + " x").split()
    )


def test_escape_neutralises_markup() -> None:
    evil = "<script>alert(1)</script> *bold* [link](http://x) $x$ `code`"
    out = markdown.markdown(markdown_maths(escape(evil)))
    assert "<script>" not in out and "<em>" not in out and "<a " not in out
    assert "<code>" not in out and "&lt;script&gt;" in out


def test_maths_becomes_mathml_and_code_stays() -> None:
    md = "Inline $x^2$, `$not maths$`, price \\$5.\n\n```\n$x$\n```\n\n$$\n\\frac{1}{2}\n$$\n"
    out = markdown_maths(md)
    assert out.count("<math") == 2
    assert "`$not maths$`" in out and "\n$x$\n" in out and "\\$5" in out
    assert 'display="block"' in out


def test_inline_maths_at_the_start_of_a_line_stays_in_its_sentence() -> None:
    out = markdown.markdown(markdown_maths("$x$ is small\nand $y$ too"))
    assert out.startswith("<p>") and out.count("<p>") == 1 and out.count("<math") == 2


def test_bad_latex_is_an_error_naming_the_formula() -> None:
    with pytest.raises(MathError, match=r"\\frac\{1"):
        mathml("\\frac{1")
    with pytest.raises(MathError, match=r"unknown \\foo"):
        mathml("\\foo{x}")
    with pytest.raises(MathError, match="never closed"):
        markdown_maths("$$\nx\n")


def test_sigmoid_power_prints_in_latex() -> None:
    """SymPy passes `exp` to a function's LaTeX printer for powers (σ² as in sin²)."""
    x = sp.Symbol("x")
    assert sp.latex(symact.functions.sigmoid(x) ** 2) == r"\sigma^{2}\left(x\right)"


# ---------------------------------------------------------------------------------------------
# Properties decided from facts


@pytest.mark.parametrize(
    ("key", "name", "expected"),
    [
        # Textbook facts, independent of symact's derivations.
        ("saturating_both", "sigmoid", True),
        ("saturating_both", "tanh", True),
        ("saturating_both", "relu", False),
        ("dead_zone", "relu", True),
        ("dead_zone", "leaky_relu", False),
        ("dead_zone", "gelu", False),
        ("zero_centred", "tanh", True),
        ("zero_centred", "sigmoid", False),
        ("smooth", "gelu", True),
        ("kinked", "relu", True),
        ("discontinuous", "binary_step", True),
        ("monotonic", "gelu", False),
        ("monotonic", "elu", True),
        ("self_gated", "silu", True),
        ("identity_near_origin", "tanh", True),
        ("bounded", "tanh", True),
        ("unbounded_above", "softplus", True),
    ],
)
def test_properties_agree_with_textbooks(key: str, name: str, expected: bool) -> None:
    act = symact.get(name)
    assert concepts.has_property(key, act, symact.analyse(act)) is expected


def test_every_fact_linked_to_a_concept_has_a_concept_page(repo_root: Path) -> None:
    slugs = {c.slug for c in concepts.CONCEPTS}
    assert {f.concept for f in FACTS.values() if f.concept} <= slugs
    assert {p.concept for p in concepts.PROPERTIES.values()} <= slugs
    for slug in slugs:
        assert (repo_root / "docs" / "concepts" / f"{slug}.md").is_file(), slug


def test_markers_in_hand_written_pages_are_known(repo_root: Path) -> None:
    marker = re.compile(r"<!--\s*symact:([a-z-]+)(?:\s+([a-z_]+))?\s*-->")
    for md in (repo_root / "docs").rglob("*.md"):
        for kind, key in marker.findall(md.read_text(encoding="utf-8")):
            assert kind in ("activations", "continuity-table", "linear-collapse"), (md, kind)
            if kind == "activations":
                assert key in concepts.PROPERTIES, (md, key)


def test_nav_lists_every_activation_once() -> None:
    def leaves(items: object) -> Iterator[str]:
        if isinstance(items, str):
            yield items
        elif isinstance(items, list):
            for i in items:
                yield from leaves(i)
        elif isinstance(items, dict):
            for v in items.values():
                yield from leaves(v)

    pages = [
        p for p in leaves(nav()) if p.startswith("activations/") and p != "activations/index.md"
    ]
    assert sorted(pages) == sorted(page_path(n) for n in NAMES)


# ---------------------------------------------------------------------------------------------
# The built site


@pytest.fixture(scope="session")
def site(built_site: Path) -> Path:
    return built_site


def _html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


@pytest.mark.slow
def test_every_entry_has_a_page_and_every_page_an_entry(site: Path) -> None:
    pages = {
        m.group("name")
        for p in site.rglob("index.html")
        if (m := PAGES.match(p.relative_to(site).as_posix()))
    }
    assert pages == set(NAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_activation_page(site: Path, name: str) -> None:
    act = symact.get(name)
    page = _html(site, f"activations/{name}/index.html")
    assert html.escape(act.title, quote=False) in page
    # In the navigation of its own page, linked.
    assert f'href="../{name}/"' in page or 'href="./"' in page
    assert "<math" in page and "$" not in re.sub(r"<(pre|code)[^>]*>.*?</\1>", "", page, flags=re.S)
    # Its plots exist and are referenced.
    for src in re.findall(r'<img src="([^"]+)"', page):
        assert (site / "activations" / name / src).resolve().is_file(), src
    # Code for every target, in tabs.
    for title in ("NumPy", "PyTorch", "JAX", "C", "JavaScript"):
        assert f">{title}</label>" in page, title
    # Every fact is in the properties table, with its provenance (the breakpoints and the
    # frameworks' differing defaults have sections of their own).
    an = symact.analyse(act)
    text = " ".join(html.unescape(page).split())
    for fact_name, fact in an.items():
        if fact_name != "breakpoints" and fact_name not in WITH_FRAMEWORKS:
            assert f"<code>{fact_name}</code>" in page, fact_name
            assert f"symact-how-{fact.how}" in page
            # its provenance is on the page, in its row or in the list of accounts: its method
            # (what was tried first and ran out of time may differ between the build and this
            # analysis on a loaded machine: budgets are CPU time)
            pr = fact.provenance
            method = pr.methods[0] if pr.methods else fact.note
            assert " ".join(method.split()) in text, (fact_name, fact.note)
    # No long note is repeated row after row: each full account is there once, and every
    # number in the table links to one.
    section = page[page.index('id="properties"') :]
    section = section[: section.index("</ol>") + 5] if "symact-accounts" in section else section
    notes = re.findall(r'<span class="symact-note">(.*?)</span>', section)
    long = [n for n in notes if len(html.unescape(n)) > 80]
    assert len(long) == len(set(long)), long
    accounts = re.findall(r'<li id="how-(\d+)">(.*?)</li>', section)
    assert len({text for _, text in accounts}) == len(accounts)
    for k in re.findall(r'<a href="#how-(\d+)"', section):
        assert k in {i for i, _ in accounts}, k
    for warning in default_warnings(an):
        assert warning in html.unescape(page)


@pytest.mark.slow
def test_catalogue_lists_every_activation(site: Path) -> None:
    page = _html(site, "activations/index.html")
    for name in NAMES:
        assert f'href="../activations/{name}/"' in page or f'href="{name}/"' in page, name
    assert "symact-sortable" in page and "sortable.js" in page
    assert "symact-filterable" in page and "filter.js" in page
    for act in symact.ACTIVATIONS.values():  # every name `symact show` takes is in the table
        for key in (act.name, *act.aliases):
            assert f"<code>{html.escape(key)}</code>" in page, key


@pytest.mark.slow
def test_concept_lists_are_computed(site: Path) -> None:
    page = _html(site, "concepts/dying-relu/index.html")
    act = symact.get("relu")
    assert concepts.has_property("dead_zone", act, symact.analyse(act))
    assert 'href="../../activations/relu/"' in page
    assert "<!-- symact:" not in page


@pytest.mark.slow
def test_site_requests_nothing_from_the_network(site: Path) -> None:
    external = re.compile(
        r"""<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)=["']"""
        r"""(?:https?:)?//(?!127\.0\.0\.1)""",
        re.I,
    )
    css_url = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)
    for p in site.rglob("*"):
        if p.suffix in (".html", ".css", ".js", ".svg"):
            text = p.read_text(encoding="utf-8", errors="replace")
            assert not external.search(text), p
            assert not css_url.search(text), p
            if p.suffix == ".svg":
                assert "http://" not in text.replace("http://www.w3.org/", ""), p


@pytest.mark.slow
def test_search_index_has_the_activations(site: Path) -> None:
    index = json.loads(_html(site, "search/search_index.json"))
    locations = {d["location"] for d in index["docs"]}
    assert "activations/gelu/" in locations


@pytest.mark.slow
def test_a_second_build_is_identical_and_a_failed_one_keeps_the_site(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    again = build_site(site.parent / "again")
    for p in site.rglob("*.html"):
        assert p.read_bytes() == (again / p.relative_to(site)).read_bytes(), p
    for p in site.rglob("*.svg"):
        assert p.read_bytes() == (again / p.relative_to(site)).read_bytes(), p

    before = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.html")}

    def broken(progress: object = None) -> dict[str, str]:
        return {"activations/broken.md": "# Broken\n\n[nowhere](missing.md)\n"}

    monkeypatch.setattr("symact.site.hooks.generated_files", broken, raising=False)
    import symact.site.build as build_module

    monkeypatch.setattr(build_module, "generated_files", broken)
    with pytest.raises(SiteError):
        build_site(again)
    after = {p.relative_to(again): p.read_bytes() for p in again.rglob("*.html")}
    assert after == before
    assert not [p for p in again.parent.iterdir() if ".building-" in p.name]


# --- the order of the build's work ------------------------------------------------------------


def test_the_slowest_work_starts_first(tmp_path, monkeypatch):
    """Without timings, a guess from the expression: a nested transcendental function before a
    rectifier. With the last build's timings for every activation, those decide."""
    from symact.site import build

    monkeypatch.setenv("SYMACT_CACHE_DIR", str(tmp_path))
    smish, relu = symact.get("smish"), symact.get("relu")
    assert build._cost(smish, {}) > build._cost(relu, {})
    assert build._cost(relu, {"relu": 9.0, "smish": 1.0}) == 9.0
    assert build._timings() == {}  # none yet
    build._timings_file().parent.mkdir(parents=True)
    build._timings_file().write_text('{"relu": 2.5, "smish": "slow"}', encoding="utf-8")
    assert build._timings() == {"relu": 2.5}  # what is not a number is ignored
    build._timings_file().write_text("[1, 2", encoding="utf-8")
    assert build._timings() == {}


def test_a_page_says_which_entries_it_is() -> None:
    from symact.analysis import analyse
    from symact.site.pages import Entry, Twin, activation_page

    act = symact.get("silu")
    same = [
        Twin("swish_beta", {"beta": "1"}, True, "exact", "SymPy simplifies f − g to 0", "Swish-β"),
        Twin("aptx", {"alpha": "1", "beta": "1/2", "gamma": "1/2"}, False, "numeric", "n", "APTx"),
    ]
    page = activation_page(
        Entry(act, analyse(act), same=same, generalises=[Twin("x", {"a": "0"}, False, "exact")])
    )
    assert "## Same function as" in page
    assert "- **Also published as:** [Swish-β](swish_beta.md) " in page
    assert "- **Special case of:** [APTx](aptx.md) with alpha = 1, beta = 1/2, gamma = 1/2" in page
    assert "- **Generalises:** [x](x.md) with a = 0" in page
    assert "## Same function as" not in activation_page(Entry(act, analyse(act)))


def test_stored_same_function_entries_are_checked() -> None:
    from symact.site.build import _valid_same

    good = {
        "name": "elu",
        "params": {"alpha": "2"},
        "at_defaults": False,
        "how": "exact",
        "note": "",
    }
    assert _valid_same({"matches": [good]})
    for bad in (
        {**good, "name": "no_such_entry"},
        {**good, "params": {"alpha": "<script>alert(1)</script>"}},
        {**good, "params": {"beta": "2"}},
        {**good, "how": "guessed"},
        {**good, "note": "x" * 600},
        {**good, "at_defaults": "yes"},
    ):
        assert not _valid_same({"matches": [bad]}), bad
    assert not _valid_same({"matches": "elu"})


def _shown(mathml_or_text: str) -> str:
    """What a reader sees of a cell: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", mathml_or_text))


@pytest.mark.parametrize(
    ("name", "value", "how", "seen"),
    [
        ("asymptote_+inf", "asymptote 1 -1", "exact", "y=x−1"),
        ("asymptote_-inf", "asymptote 0 0", "exact", "y=0"),
        ("range", sp.Interval(-1, 1, True, True), "exact", "(−1,1)"),
        ("range", sp.Interval(sp.Float("-0.16997120314", 30), sp.oo), "numeric", "[−0.169971,∞)"),
        ("minimum_at", sp.FiniteSet(sp.Float("-0.75179164", 30)), "numeric", "x≈−0.751792"),
        ("lipschitz_at", sp.FiniteSet(sp.sqrt(2)), "exact", "x=2 ≈ 1.41421"),  # √ is a tag
        ("minimum_at", sp.Interval(-sp.oo, 0), "exact", "x∈(−∞,0]"),
    ],
)
def test_fact_values_read_as_maths(name: str, value: Any, how: str, seen: str) -> None:
    """An asymptote is its line, a range an interval, the points of an extremum x = … (≈ where
    numeric), typeset as MathML, with the decimals beside an exact form: not
    {slope: 1, intercept: -1} or {-0.751792}."""
    from symact.analysis._facts import Asymptote
    from symact.site.pages import _fact_value

    if isinstance(value, str):
        _, slope, intercept = value.split()
        value = Asymptote(sp.Integer(slope), sp.Integer(intercept))
    cell = _fact_value(Fact(value, how, "" if how == "exact" else "a method"), name)
    assert "<math" in cell
    assert _shown(cell) == seen


@pytest.mark.parametrize(
    "name", [a.name for a in symact.ACTIVATIONS.values() if any(p.shown_as for p in a.params)]
)
def test_parameters_are_written_with_their_symbols(name: str) -> None:
    """A parameter whose name is a word (PyTorch's `lambd`) is λ in the formula and the
    parameter table; its name stays beside it, as code, for those who call it."""
    from symact.analysis import analyse
    from symact.site.pages import Entry, activation_page

    act = symact.get(name)
    page = activation_page(Entry(act, analyse(act)))
    formula = page[page.index("## Formula") : page.index("## Derivatives")]
    for p in act.params:
        if p.shown_as is None:
            continue
        shown = markdown_maths(f"${sp.latex(p.shown)}$")
        symbol = re.search(r"<mi>([^<]+)</mi>", shown)
        assert symbol is not None and symbol.group(1) in formula, (p.name, shown)
        assert f"<code>{p.name}</code>" in formula
        maths = "".join(re.findall(r"<math.*?</math>", formula))
        assert p.name not in html.unescape(re.sub(r"<[^>]+>", "", maths)), p.name


def test_every_named_function_is_defined_on_the_page() -> None:
    """A student meets Φ and φ in GELU's formula and derivative: both are defined under the
    formula, by their elementary definition and in words; σ on SiLU's page links to the
    sigmoid's own page, and the Lambert W of its minimum is named too."""
    from symact.analysis import analyse
    from symact.site.build import _primitive_pages
    from symact.site.pages import Entry, activation_page

    def where(name: str) -> str:
        act = symact.get(name)
        page = activation_page(Entry(act, analyse(act), pages=_primitive_pages()))
        formula = page[page.index("## Formula") : page.index("## Derivatives")]
        line = next(t for t in formula.splitlines() if t.startswith("where "))
        return html.unescape(re.sub(r"<[^>]+>", "", line))

    gelu = where("gelu")
    assert "Φ(x)=" in gelu and "standard normal distribution" in gelu
    assert "φ(x)=" in gelu and "density" in gelu
    silu = where("silu")
    assert "σ(x)=" in silu and "[the logistic sigmoid](sigmoid.md)" in silu
    assert "Lambert W" in silu
