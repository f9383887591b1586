"""Cache entries written by someone else (issue 13): whatever the cache directory holds is read
as untrusted input. An entry that runs code, blocks, eats memory, has the wrong shape or would
publish markup is a miss: recomputed and overwritten, never executed or shown as is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import symact
from symact.analysis import _cache as C  # noqa: N812 - the module under test, short
from symact.analysis import _engine as E  # noqa: N812
from symact.analysis import analyse
from symact.analysis._facts import Analysis
from symact.analysis._serial import dump_fact, load_expr
from symact.numerics import _plan as P  # noqa: N812
from symact.numerics.codegen import TARGETS, generate
from symact.site import build
from symact.site.pages import Entry, activation_page

MARKER = "symact-cache-was-executed"
PAYLOAD = f"__import__('os').system('touch {MARKER}')"
X = "Symbol('x', real=True)"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache directory of this test; the working directory is where `touch MARKER`
    would land; nothing in memory."""
    directory = tmp_path / "cache"
    monkeypatch.setenv("SYMACT_CACHE_DIR", str(directory))
    monkeypatch.chdir(tmp_path)
    symact.clear_caches()
    yield directory
    symact.clear_caches()


def _child(code: str, cache: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `code` in a fresh interpreter limited to 2 GB of address space (so that an entry
    that eats memory fails there, not on the machine) and `timeout` seconds."""
    prelude = "import resource\nresource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "SYMACT_CACHE_DIR": str(cache)}
    return subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", prelude + code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


# --- 1. a symbol's name is printed into code: only plain names the entry may hold ------------


def test_a_symbol_holding_code_in_a_plan_never_runs(cache: Path, tmp_path: Path) -> None:
    """`lambdify` (numpy_function) and every code generator write symbol names verbatim: an entry
    naming a symbol after code is a miss, rebuilt, and the code is neither run nor printed."""
    act = symact.get("relu")
    P.make_plan(act)
    (path,) = (cache / P.CACHE_KIND).glob("*.json")
    text = path.read_text(encoding="utf-8")
    assert X in text
    path.write_text(text.replace(X, json.dumps(f"Symbol({PAYLOAD!r}, real=True)")[1:-1]))
    assert PAYLOAD in path.read_text(encoding="utf-8")
    symact.clear_caches()

    with np.errstate(all="ignore"):
        values = symact.numpy_function(act)(np.array([-1.0, 2.0]))
    assert np.array_equal(values, [0.0, 2.0])
    code = {t: generate(act, t) for t in TARGETS}
    assert not (tmp_path / MARKER).exists()
    assert not [t for t, src in code.items() if "__import__" in src]
    assert PAYLOAD not in path.read_text(encoding="utf-8")  # rebuilt and overwritten


@pytest.mark.parametrize(
    "name",
    [PAYLOAD, "x y", "x\ny", "x;", "lambda", "None", "\uff58", "x\u200b", ""],
    ids=repr,
)
def test_a_symbol_name_that_is_not_a_plain_identifier_is_refused(name: str) -> None:
    """Refused even where the caller allows it: the name would be printed as code."""
    with pytest.raises(ValueError, match="symbol"):
        load_expr(f"Symbol({name!r}, real=True)", names={"x", name})


def test_only_the_symbols_a_caller_allows_are_read() -> None:
    assert str(load_expr("Symbol('alpha', real=True)", names={"x", "alpha"})) == "alpha"
    with pytest.raises(ValueError, match="symbol"):
        load_expr("Symbol('alpha', real=True)", names={"x"})


# --- 2. entries of the wrong shape, deep, huge, or not files ----------------------------------


#: The rules whose entries these tests spoil: one with facts, one with the derivatives.
SHAPE, DERIVATIVES = "shape_of_f", "derivatives"


def entry_path(act: symact.Activation, rule: str) -> Path:
    """The store file of a rule's facts about `act` (at the default ε)."""
    return C.path(E.entry_key(act.at(), rule, 0.01))


@pytest.fixture(scope="module")
def relu_entries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """ReLU's store entries as the analysis writes them (in a store of its own), by rule."""
    directory = tmp_path_factory.mktemp("analysis")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SYMACT_CACHE_DIR", str(directory))
        act = symact.get("relu")
        analyse(act)
        return {
            name: json.loads(entry_path(act, name).read_text(encoding="utf-8"))
            for name, r in E.RULES.items()
            if r.stored
        }


@pytest.fixture
def relu_entry(relu_entries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every fact and derivative of ReLU's genuine entries."""
    facts = {n: f for e in relu_entries.values() for n, f in e["facts"].items()}
    exprs = {n: t for e in relu_entries.values() for n, t in e["expressions"].items()}
    return {"facts": facts, "expressions": exprs}


def test_genuine_analysis_entries_are_read(
    relu_entries: dict[str, dict[str, Any]],
    relu_entry: dict[str, Any],
    cache: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The checks refuse nothing the analysis writes: every entry is a hit, no rule runs."""
    act = symact.get("relu")
    for name, entry in relu_entries.items():
        path = entry_path(act, name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(entry), encoding="utf-8")
    monkeypatch.setattr(E, "inline", _refuse)
    assert facts_of(analyse(act)) == relu_entry["facts"]


def facts_of(an: Analysis) -> dict[str, Any]:
    """An analysis' facts as its store entries hold them (those read from the declaration are
    not stored)."""
    return {n: dump_fact(n, f) for n, f in an.facts.items() if E.PROVIDER[n].stored}


def _refuse(*args: object) -> None:
    raise AssertionError("recomputed, not read from the store")


def _nested(depth: int) -> Any:
    value: Any = 1.0
    for _ in range(depth):
        value = [value]
    return value


def _with_fact(entry: dict[str, Any], **fields: Any) -> dict[str, Any]:
    facts = {**entry["facts"], "minimum": {**entry["facts"]["minimum"], **fields}}
    return {**entry, "facts": facts}


#: Spoiled entries: the rule whose entry is spoiled, and a function of the real entry giving
#: its new JSON value.
SPOILED: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
    "facts a list": (SHAPE, lambda e: {**e, "facts": []}),
    "facts a string": (SHAPE, lambda e: {**e, "facts": "abc"}),
    "expressions a list": (DERIVATIVES, lambda e: {**e, "expressions": ["Integer(1)"]}),
    "a fact a list": (SHAPE, lambda e: {**e, "facts": {**e["facts"], "minimum": [1]}}),
    "a fact without provenance": (
        SHAPE,
        lambda e: {**e, "facts": {**e["facts"], "minimum": {"value": 1.0}}},
    ),
    "another rule's facts": (SHAPE, lambda e: {**e, "facts": {"parity": e["facts"]["range"]}}),
    "a value 900 lists deep": (SHAPE, lambda e: _with_fact(e, value=_nested(900), how="numeric")),
    "a number where a set belongs": (
        SHAPE,
        lambda e: {**e, "facts": {**e["facts"], "range": e["facts"]["minimum"]}},
    ),
    "an expression holding code": (
        DERIVATIVES,
        lambda e: {**e, "expressions": {"1": f"Symbol({PAYLOAD!r}, real=True)"}},
    ),
    "an expression with a symbol of no parameter": (
        DERIVATIVES,
        lambda e: {**e, "expressions": {"1": "Symbol('z', real=True)"}},
    ),
}


@pytest.mark.parametrize("how", sorted(SPOILED))
def test_a_spoiled_analysis_entry_is_recomputed(
    how: str,
    relu_entries: dict[str, dict[str, Any]],
    relu_entry: dict[str, Any],
    cache: Path,
    tmp_path: Path,
) -> None:
    act = symact.get("relu")
    rule, spoil = SPOILED[how]
    path = entry_path(act, rule)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(spoil(relu_entries[rule])), encoding="utf-8")

    facts = analyse(act)
    assert facts_of(facts) == relu_entry["facts"]
    assert {str(n): str(e) for n, e in facts.expressions.items()} == {
        n: str(load_expr(d, names={"x"})) for n, d in relu_entry["expressions"].items()
    }
    assert json.loads(path.read_text(encoding="utf-8")) == relu_entries[rule]
    assert not (tmp_path / MARKER).exists()


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _sparse(path: Path) -> None:
    with path.open("wb") as f:  # a hole: no disk used
        f.truncate(C.MAX_BYTES + 1)


def _link_to_entry(path: Path) -> None:
    elsewhere = path.parent / "elsewhere.json"
    elsewhere.write_text('{"facts": {}, "expressions": {}}', encoding="utf-8")
    path.symlink_to(elsewhere)


NOT_FILES: dict[str, Callable[[Path], None]] = {
    "a FIFO": _fifo,
    "a symlink to /dev/zero": _dev_zero,
    "larger than the cap": _sparse,
    "a symlink to an entry": _link_to_entry,
}


@pytest.mark.parametrize("how", sorted(NOT_FILES))
def test_an_entry_that_is_not_a_small_regular_file_is_a_miss(
    how: str, relu_entries: dict[str, dict[str, Any]], relu_entry: dict[str, Any], cache: Path
) -> None:
    """Read in a child process first (limited in time and memory: the FIFO blocked for ever
    and /dev/zero was read until memory ran out), then analysed here: recomputed, and the entry
    replaced by a regular file."""
    act = symact.get("relu")
    key = E.entry_key(act.at(), SHAPE)
    path = C.path(key)
    path.parent.mkdir(parents=True)
    NOT_FILES[how](path)
    child = _child(
        f"from symact.analysis import _cache\nprint(_cache.load({key!r}))\n", cache, timeout=60
    )
    assert (child.returncode, child.stdout) == (0, "None\n"), child.stderr[-2000:]

    assert facts_of(analyse(act)) == relu_entry["facts"]
    assert path.is_file() and not path.is_symlink()
    assert json.loads(path.read_text(encoding="utf-8")) == relu_entries[SHAPE]


@pytest.mark.parametrize(
    "text",
    [
        "Pow(Pow(Pow(Integer(2), Integer(64)), Integer(64)), Integer(64))",
        "Pow(Pow(Integer(3), Integer(10000)), Integer(10000))",
        "Mul(Symbol('x'), Pow(Integer(2), Pow(Integer(2), Integer(64))))",
        "floor(exp(Pow(Integer(2), Integer(60))))",
        "Pow(Integer(2), floor(exp(Integer(100))))",
    ],
)
def test_a_tower_of_powers_in_an_expression_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="too large"):
        load_expr(text, names={"x"})


def test_real_powers_of_numbers_read_back() -> None:
    x = "Symbol('x')"
    for text in [
        f"Pow({x}, Integer(64))",
        "Pow(Integer(2), Rational(-1, 2))",
        "Pow(Integer(3), Integer(10000))",
        "LambertW(exp(Integer(-1)))",
        f"Mul(Float('1.5', precision=53), exp(Mul(Integer(-1), Pow({x}, Integer(2)))))",
    ]:
        assert load_expr(text, names={"x"}) is not None


def test_read_json_refuses_deep_nesting(tmp_path: Path) -> None:
    path = tmp_path / "entry.json"
    path.write_text(json.dumps({"a": _nested(C.MAX_DEPTH - 2)}), encoding="utf-8")
    assert C.read_json(path) == {"a": _nested(C.MAX_DEPTH - 2)}
    path.write_text(json.dumps({"a": _nested(C.MAX_DEPTH)}), encoding="utf-8")
    assert C.read_json(path) is None


# --- 3. the site: cached code and plots are published -----------------------------------------

HOSTILE_CODE = (
    "def f(x):\n    return x\n```\n<script>alert(1)</script>\n````\r<img src=x onerror=alert(2)>\n"
)


def _html(markdown_text: str) -> str:
    """The page as MkDocs renders it (the Markdown extensions of mkdocs.yml that matter)."""
    import markdown

    md = markdown.Markdown(
        extensions=["attr_list", "md_in_html", "tables", "pymdownx.superfences", "pymdownx.tabbed"],
        extension_configs={"pymdownx.tabbed": {"alternate_style": True}},
    )
    return md.convert(markdown_text)


def test_cached_code_cannot_close_its_fence() -> None:
    act = symact.get("relu")
    page = activation_page(Entry(act, analyse(act), {"numpy": HOSTILE_CODE, "c": "int x;"}))
    html = _html(page)
    assert "<script>" not in html and "<img" not in html
    code = html[html.index('<div class="tabbed-block">') :]
    assert "alert" in code[: code.index("</code>")]  # shown as code, in its tab
    assert html.count('<div class="tabbed-block">') == 2  # and the next tab follows


@pytest.fixture(scope="module")
def relu_svg() -> str:
    from symact.plot import activation_svg

    act = symact.get("relu")
    return activation_svg(act, analyse(act))


def _spoil_svg(svg: str, insert: str) -> str:
    head = svg.index(">") + 1
    return svg[:head] + insert + svg[head:]


SVG_SPOILS: dict[str, Callable[[str], str]] = {
    "a script": lambda s: _spoil_svg(s, "<script>alert(1)</script>"),
    "an onload handler": lambda s: s.replace("<svg ", '<svg onload="alert(1)" ', 1),
    "a foreignObject": lambda s: _spoil_svg(s, "<foreignObject><p>hi</p></foreignObject>"),
    "an external href": lambda s: _spoil_svg(s, '<use href="https://example.com/a.svg#x"/>'),
    "a javascript link": lambda s: _spoil_svg(
        s, '<a xlink:href="javascript:alert(1)"><path d="M0 0"/></a>'
    ),
    "an entity": lambda s: '<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + s,
    "a stylesheet import": lambda s: _spoil_svg(
        s, "<style>@import url(https://e.com/x.css);</style>"
    ),
    "a processing instruction": lambda s: '<?xml-stylesheet href="https://e.com/x.css"?>' + s,
    "not SVG": lambda s: "<html><body>hi</body></html>",
    "not XML": lambda s: s[: len(s) // 2],
}


def test_a_real_plot_is_a_safe_svg(relu_svg: str) -> None:
    assert build._safe_svg(relu_svg)


@pytest.mark.parametrize("how", sorted(SVG_SPOILS))
def test_an_unsafe_svg_is_refused(how: str, relu_svg: str) -> None:
    assert not build._safe_svg(SVG_SPOILS[how](relu_svg))


class Made:
    """Stands in for `_make_assets`: counts the calls and returns what it was given."""

    def __init__(self, value: dict[str, Any]) -> None:
        self.value, self.calls = value, 0

    def __call__(self, *args: Any) -> dict[str, Any]:
        self.calls += 1
        return self.value


ASSET_SPOILS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "code and plots of the wrong type": lambda a: {"code": [], "plots": "x"},
    "no plot": lambda a: {**a, "plots": {}},
    "code not text": lambda a: {**a, "code": {"numpy": 1}},
    "a plot with a script": lambda a: {
        **a,
        "plots": {"plot": _spoil_svg(a["plots"]["plot"], "<script>alert(1)</script>")},
    },
    "variants with a handler": lambda a: {
        **a,
        "plots": {**a["plots"], "variants": '<svg xmlns="http://www.w3.org/2000/svg" onload="x"/>'},
    },
}


@pytest.mark.parametrize("how", sorted(ASSET_SPOILS))
def test_a_spoiled_site_asset_is_remade(
    how: str, relu_svg: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    act = symact.get("relu")
    assets = {"code": {"numpy": "def relu(x): ..."}, "plots": {"plot": relu_svg}}
    path = build._assets_path(act)
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(ASSET_SPOILS[how](assets)), encoding="utf-8")
    made = Made(assets)
    monkeypatch.setattr(build, "_make_assets", made)
    assert build._assets(act) == assets
    assert made.calls == 1
    assert json.loads(path.read_text(encoding="utf-8")) == assets
    assert build._assets(act) == assets and made.calls == 1  # read back: valid now


def test_a_spoiled_comparison_plot_is_remade(
    relu_svg: str, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    acts = [symact.get("relu"), symact.get("gelu")]
    made = Made({"f": relu_svg, "df": relu_svg})
    monkeypatch.setattr(build, "_compare_assets", made)
    assert build._cached_compare("Test", acts) == made.value
    (path,) = (cache / "site").glob("compare-test-*.json")
    path.write_text(json.dumps({"f": "<svg><script/></svg>", "df": relu_svg}), encoding="utf-8")
    assert build._cached_compare("Test", acts) == made.value
    assert made.calls == 2


@pytest.mark.parametrize(
    "text",
    ['{"relu": 1' + "0" * 400 + "}", '{"relu": NaN}', '{"relu": Infinity}', '{"relu": -1}'],
)
def test_timings_hold_only_plausible_seconds(text: str, cache: Path) -> None:
    build._timings_file().parent.mkdir(parents=True)
    build._timings_file().write_text(text[:-1] + ', "gelu": 2.5}', encoding="utf-8")
    assert build._timings() == {"gelu": 2.5}
    build._timings_file().unlink()
    os.mkfifo(build._timings_file())
    assert build._timings() == {}


# --- 4. the terminal: escape sequences from the cache ------------------------------------------


def test_show_writes_no_control_characters_from_the_cache(
    relu_entries: dict[str, dict[str, Any]], cache: Path, cli: Callable[..., Any]
) -> None:
    act = symact.get("relu")
    path = entry_path(act, SHAPE)
    path.parent.mkdir(parents=True)
    evil = "\x1b]0;pwned\x07\x1b[2J\x9b31m\x7f\x00"
    how = {"methods": [f"checked {evil}"], "attempts": [], "tolerance": None, "digits": None}
    entry = _with_fact(relu_entries[SHAPE], how="numeric", provenance=how)
    path.write_text(json.dumps(entry), encoding="utf-8")

    shown = cli("show", "relu")
    assert shown.status == 0
    assert "checked \\x1b]0;pwned\\x07\\x1b[2J\\x9b31m\\x7f\\x00" in shown.out
    assert not [c for c in shown.out if c != "\n" and (ord(c) < 32 or 0x7F <= ord(c) <= 0x9F)]
    as_json = cli("show", "relu", "--json")
    assert json.loads(as_json.out)["facts"]["minimum"]["note"] == f"checked {evil}"
