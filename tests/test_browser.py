"""The website in a real browser: Debian's Chromium driven by Playwright.

The site built once per session (`built_site`) is served on 127.0.0.1 by the standard library.
Each page below is opened once per colour scheme and what the browser saw is recorded — console
errors, every request, the box of every formula, every image, the visible text, the contrast of
the text and a full-page screenshot; each check is then its own test. Search, the sortable
catalogue and the code tabs are driven on pages of their own.

Every request is routed through a guard: anything not addressed to the local server is recorded
and aborted (so that a stray CDN link fails the test at once instead of hanging it).

Screenshots are written to `<repo>/.symact-cache/artifacts/screenshots/` (git-ignored; the path
is printed at the end of the module). Without Chromium (`/usr/bin/chromium`) or the `playwright`
package the tests are skipped — except in CI (`CI` set), where they fail.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import os
import re
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

try:
    from playwright.sync_api import Browser, Page, sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

REPO = Path(__file__).resolve().parent.parent
SCREENSHOTS = REPO / ".symact-cache" / "artifacts" / "screenshots"
#: Debian's Chromium (`apt-get install chromium`); Playwright's own browsers are not used.
CHROMIUM = Path(shutil.which("chromium") or "/usr/bin/chromium")
#: No sandbox (root in containers), no GPU, and none of Chromium's own traffic.
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 20_000

#: Pages visited: test id → path below the site's root.
PAGES = {
    "home": "",
    "catalogue": "activations/",
    "gelu": "activations/gelu/",
    "relu": "activations/relu/",
    "elu": "activations/elu/",
    "binary_step": "activations/binary_step/",
    "sigmoid": "activations/sigmoid/",
    "compare": "compare/",
    "non-linearity": "concepts/non-linearity/",
    "dying-relu": "concepts/dying-relu/",
    "smoothness": "concepts/smoothness/",
    "guide": "guide/",
}
ACTIVATION_PAGES = {
    k for k, v in PAGES.items() if v.startswith("activations/") and k != "catalogue"
}
#: Pages that must show at least one plot.
PLOT_PAGES = ACTIVATION_PAGES | {"compare"}
SCHEMES = ("light", "dark")

#: LaTeX that would mean a formula reached the reader unconverted.
RAW_LATEX = [
    re.compile(r"\\frac"),
    re.compile(r"\\left"),
    re.compile(r"\\begin"),
    re.compile(r"\$\$"),
    re.compile(r"\$\\?[A-Za-z]"),  # `$x`, `$\sigma`: an inline formula's opening dollar
    re.compile(r"\\[A-Za-z]+\{"),  # `\mathrm{`, `\sqrt{`: a command with an argument
]
#: An HTML entity shown as text (`&#95;`, `&amp;`): escaped twice on its way to the page.
ESCAPED = re.compile(r"&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);")
#: Lowest contrast ratio (WCAG) accepted between text and what is behind it: the level WCAG asks
#: of large text; the theme's own secondary text (54 % black on white) sits just above 4.5.
MIN_CONTRAST = 3.0


def _missing_browser() -> str | None:
    if sync_playwright is None:
        return "the playwright package is not installed (pip install -e '.[dev]')"
    if not CHROMIUM.is_file():
        return f"{CHROMIUM} is missing (apt-get install chromium)"
    return None


@pytest.fixture(scope="session", autouse=True)
def _browser_available() -> None:
    """Skip (fail in CI) before anything else: before the site is built (several minutes)."""
    missing = _missing_browser()
    if missing is not None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests, but {missing}")
        pytest.skip(missing)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Headless Chromium, launched once for the module."""
    assert sync_playwright is not None
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield b
        finally:
            b.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(browser: Browser, built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port) for the module: its root URL."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@dataclass
class Session:
    """One browser context (a colour scheme) with its guards: what every page of it did."""

    page: Page
    base: str
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def reset(self) -> None:
        """Forget what earlier pages did (the guards keep these very lists)."""
        for records in (self.errors, self.requests, self.outside, self.failed):
            records.clear()

    def snapshot(self) -> Session:
        """A copy of the records as they are now."""
        return dataclasses.replace(
            self,
            errors=[*self.errors],
            requests=[*self.requests],
            outside=[*self.outside],
            failed=[*self.failed],
        )

    def check_clean(self) -> None:
        """No console error, no request outside the server, no failed request."""
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.outside, f"requests leaving {self.base}: {self.outside}"
        assert not self.failed, f"failed requests: {self.failed}"


def _open_session(browser: Browser, base: str, scheme: str) -> tuple[Any, Session]:
    context = browser.new_context(
        viewport=VIEWPORT, color_scheme=scheme, service_workers="block", reduced_motion="reduce"
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    s = Session(page, base)

    def guard(route: Any) -> None:
        url = route.request.url
        if url.startswith(base):
            route.continue_()
        else:
            s.outside.append(url)
            route.abort()

    def on_request(request: Any) -> None:
        url = request.url
        s.requests.append(url)
        # data: and blob: URLs are made inside the page (they are never routed): no network.
        if not url.startswith((base, "data:", "blob:")) and url not in s.outside:
            s.outside.append(url)

    def on_response(response: Any) -> None:
        if response.status >= 400:
            s.failed.append(f"{response.status} {response.url}")

    def on_console(message: Any) -> None:
        if message.type == "error":
            s.errors.append(f"console: {message.text} ({message.location})")

    context.route("**/*", guard)
    context.on("request", on_request)
    context.on("response", on_response)
    context.on("requestfailed", lambda r: s.failed.append(f"{r.failure} {r.url}"))
    page.on("console", on_console)
    page.on("pageerror", lambda e: s.errors.append(f"pageerror: {e}"))
    return context, s


@pytest.fixture
def session(browser: Browser, site_url: str) -> Iterator[Session]:
    """A fresh light-scheme page for an interactive test, checked clean at the end."""
    context, s = _open_session(browser, site_url, "light")
    try:
        yield s
        s.check_clean()
    finally:
        context.close()


# What the page reports about itself once loaded (and every lazy image made eager).
_MATHS_JS = """() => Array.from(document.querySelectorAll("math")).map(m => {
  const box = m.getBoundingClientRect();
  return {
    visible: m.checkVisibility(),
    width: box.width,
    height: box.height,
    display: getComputedStyle(m).display,
    hidden_on_purpose: m.closest("details:not([open]), .tabbed-block") !== null,
    // An inline formula beside paragraphs rather than inside one: Markdown took it for a block
    // of HTML and cut its sentence in two.
    stray: m.getAttribute("display") !== "block" && Array.from(m.parentElement.children)
      .some(c => /^(P|H[1-6]|DIV|TABLE|PRE|BLOCKQUOTE|FIGURE|DETAILS)$/.test(c.tagName)),
    text: m.textContent.slice(0, 60),
  };
})"""

_IMAGES_JS = """() => Array.from(document.images).map(i => ({
  src: i.currentSrc || i.src,
  complete: i.complete,
  width: i.naturalWidth,
  height: i.naturalHeight,
}))"""

# The lowest contrast between a visible text's colour and the colours behind it (alpha-blended,
# as the reader sees them), per element that holds text directly; the worst few are returned.
_CONTRAST_JS = """() => {
  const parse = c => {
    const m = c.match(/rgba?\\(([\\d.]+),? ([\\d.]+),? ([\\d.]+)(?:,? ?\\/? ?([\\d.]+))?\\)/);
    return m ? [+m[1], +m[2], +m[3], m[4] === undefined ? 1 : +m[4]] : null;
  };
  const over = (top, bottom) => [0, 1, 2].map(i => top[i] * top[3] + bottom[i] * (1 - top[3]));
  const background = el => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
    }
    let colour = [255, 255, 255];
    for (const c of layers.reverse()) colour = over(c, colour);
    return colour;
  };
  const luminance = rgb => {
    const [r, g, b] = rgb.map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const el of document.querySelectorAll(".md-content *")) {
    const text = Array.from(el.childNodes)
      .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent).join("").trim();
    if (!text) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const fg = parse(getComputedStyle(el).color);
    if (!fg) continue;
    const bg = background(el);
    const [a, b] = [luminance(over(fg, bg)), luminance(bg)];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    out.push({ratio: Math.round(ratio * 100) / 100, tag: el.tagName.toLowerCase(),
              cls: el.className && el.className.baseVal === undefined ? el.className : "",
              text: text.slice(0, 40)});
  }
  out.sort((x, y) => x.ratio - y.ratio);
  return {count: out.length, worst: out.slice(0, 5)};
}"""


@dataclass
class Visit:
    """What the browser saw of one page in one colour scheme."""

    url: str
    scheme: str
    session: Session
    maths: list[dict[str, Any]]
    images: list[dict[str, Any]]
    text: str
    contrast: dict[str, Any]
    color_scheme: str
    screenshot: Path


def _load(s: Session, url: str) -> None:
    """Open `url` and wait until it and every image on it (lazy ones made eager) are loaded."""
    s.page.goto(url, wait_until="load")
    s.page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]')"
        ".forEach(i => { i.loading = 'eager'; })"
    )
    s.page.wait_for_function("() => Array.from(document.images).every(i => i.complete)")
    s.page.wait_for_load_state("networkidle")


@pytest.fixture(scope="module")
def visit(
    browser: Browser, site_url: str, request: pytest.FixtureRequest
) -> Iterator[Callable[[str, str], Visit]]:
    """`visit(name, scheme)`: page `name` of PAGES seen in `scheme`, opened once per module."""
    if SCREENSHOTS.exists():
        shutil.rmtree(SCREENSHOTS)
    SCREENSHOTS.mkdir(parents=True)
    contexts: dict[str, tuple[Any, Session]] = {}
    seen: dict[tuple[str, str], Visit] = {}

    def get(name: str, scheme: str) -> Visit:
        if (name, scheme) in seen:
            return seen[name, scheme]
        if scheme not in contexts:
            contexts[scheme] = _open_session(browser, site_url, scheme)
        _, s = contexts[scheme]
        s.reset()
        url = site_url + PAGES[name]
        _load(s, url)
        shot = SCREENSHOTS / f"{name}-{scheme}.png"
        s.page.screenshot(path=str(shot), full_page=True)
        page = s.page
        v = Visit(
            url=url,
            scheme=scheme,
            session=s.snapshot(),
            maths=page.evaluate(_MATHS_JS),
            images=page.evaluate(_IMAGES_JS),
            text=page.evaluate("() => document.body.innerText"),
            contrast=page.evaluate(_CONTRAST_JS),
            color_scheme=page.evaluate("() => document.body.dataset.mdColorScheme"),
            screenshot=shot,
        )
        seen[name, scheme] = v
        return v

    try:
        yield get
    finally:
        for context, _ in contexts.values():
            context.close()
        plugins = request.config.pluginmanager
        reporter, capture = (
            plugins.get_plugin("terminalreporter"),
            plugins.get_plugin("capturemanager"),
        )
        if seen and reporter is not None and capture is not None:
            with capture.global_and_fixture_disabled():  # shown whatever the capture mode
                reporter.write(f"\nbrowser screenshots: {SCREENSHOTS}\n")


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_console_error(visit: Callable[[str, str], Visit], name: str, scheme: str):
    v = visit(name, scheme)
    errors = v.session.errors
    assert not errors, f"{v.url}: {errors}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_requests_stay_on_the_local_server(
    visit: Callable[[str, str], Visit], name: str, scheme: str
):
    v = visit(name, scheme)
    requests, outside, failed = v.session.requests, v.session.outside, v.session.failed
    assert requests, "the guard saw no request at all"
    assert not outside, f"{v.url} asked for {outside}"
    assert all(u.startswith(v.session.base) for u in requests if "://" in u)
    assert not failed, f"{v.url}: {failed}"


@pytest.mark.parametrize("name", PAGES)
def test_formulas_are_rendered_as_maths(visit: Callable[[str, str], Visit], name: str):
    v = visit(name, "light")
    shown = [m for m in v.maths if m["visible"]]
    if name in ACTIVATION_PAGES:
        assert shown, f"{v.url} shows no formula"
    for m in shown:
        assert m["width"] > 0 and m["height"] > 0, f"{v.url}: empty box for {m}"
        assert "math" in m["display"], f"{v.url}: not laid out as MathML: {m}"
    for m in v.maths:
        if not m["visible"]:  # only closed details and unselected tabs may hide maths
            assert m["hidden_on_purpose"], f"{v.url}: formula hidden: {m}"


@pytest.mark.parametrize("name", PAGES)
def test_inline_formulas_stay_in_their_sentence(visit: Callable[[str, str], Visit], name: str):
    v = visit(name, "light")
    stray = [m["text"] for m in v.maths if m["stray"]]
    assert not stray, f"{v.url}: inline formulas outside their paragraph: {stray}"


def _around(text: str, hit: re.Match[str]) -> str:
    """The visible text around a match, for a failure message."""
    return f"…{text[max(0, hit.start() - 40) : hit.end() + 40]}…"


@pytest.mark.parametrize("name", PAGES)
def test_no_raw_latex_is_visible(visit: Callable[[str, str], Visit], name: str):
    v = visit(name, "light")
    for pattern in RAW_LATEX:
        hit = pattern.search(v.text)
        assert hit is None, f"{v.url} shows raw LaTeX {pattern.pattern!r}: {_around(v.text, hit)}"


@pytest.mark.parametrize("name", PAGES)
def test_no_escaped_markup_is_visible(visit: Callable[[str, str], Visit], name: str):
    v = visit(name, "light")
    hit = ESCAPED.search(v.text)
    assert hit is None, f"{v.url} shows the escape {hit.group()!r}: {_around(v.text, hit)}"


@pytest.mark.parametrize("name", PAGES)
def test_every_image_loads(visit: Callable[[str, str], Visit], name: str):
    v = visit(name, "light")
    broken = [i["src"] for i in v.images if not (i["complete"] and i["width"] > 0)]
    assert not broken, f"{v.url}: images that did not load: {broken}"
    if name in PLOT_PAGES:
        plots = [i["src"] for i in v.images if i["src"].endswith(".svg")]
        assert plots, f"{v.url} shows no plot"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_text_is_readable(visit: Callable[[str, str], Visit], name: str, scheme: str):
    v = visit(name, scheme)
    assert v.color_scheme == {"light": "default", "dark": "slate"}[scheme]
    assert v.contrast["count"] > 0
    low = [w for w in v.contrast["worst"] if w["ratio"] < MIN_CONTRAST]
    assert not low, f"{v.url} ({scheme}): text with contrast below {MIN_CONTRAST}: {low}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("name", PAGES)
def test_screenshot_is_saved(visit: Callable[[str, str], Visit], name: str, scheme: str):
    v = visit(name, scheme)
    data = v.screenshot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    height = int.from_bytes(data[20:24], "big")  # the IHDR chunk: width, then height
    assert int.from_bytes(data[16:20], "big") == VIEWPORT["width"]
    assert height >= VIEWPORT["height"] or name == "home"


def test_search_finds_gelu(session: Session) -> None:
    page = session.page
    _load(session, session.base)
    box = page.locator("input.md-search__input")
    box.click()
    # Typed key by key: the theme reads the query on keyup, which `fill` does not send.
    box.press_sequentially("gelu", delay=50)
    # The search worker builds its index first: slow on a busy machine.
    meta = page.locator(".md-search-result__meta", has_text="matching")
    meta.wait_for(state="visible", timeout=3 * TIMEOUT_MS)
    items = page.locator(".md-search-result__item a")
    hrefs = items.evaluate_all("links => links.map(a => a.href)")
    gelu = session.base + PAGES["gelu"]
    # Results link to the page with the query to highlight (`?h=gelu`) and maybe a section.
    pages = {h.split("?")[0].split("#")[0] for h in hrefs}
    assert gelu in pages, f"no result links to {gelu}: {sorted(pages)}"


def test_catalogue_sorts_by_a_clicked_heading(session: Session) -> None:
    page = session.page
    _load(session, session.base + PAGES["catalogue"])
    table = page.locator(".symact-sortable table")
    assert table.count() == 1
    heading = table.locator("thead th", has_text=re.compile(r"^\s*Activation\s*$"))

    def names() -> list[str]:
        return table.locator("tbody tr td:first-child").all_inner_texts()

    before = names()
    assert len(before) > 10
    heading.click()
    ascending = names()
    assert heading.get_attribute("aria-sort") == "ascending"
    assert ascending == sorted(before, key=str.lower)
    heading.click()
    descending = names()
    assert heading.get_attribute("aria-sort") == "descending"
    assert descending == ascending[::-1]
    assert descending[0] != ascending[0]


def test_catalogue_filters_by_name_family_and_property(session: Session) -> None:
    import symact

    page = session.page
    _load(session, session.base + PAGES["catalogue"])
    table = page.locator(".symact-filterable table")
    rows = table.locator("tbody tr")
    total = rows.count()
    assert total == len(symact.ACTIVATIONS)

    def shown() -> set[str]:
        return set(table.locator("tbody tr:visible td:first-child").all_inner_texts())

    # a name or an alias: every entry one of whose names or title holds the text
    page.locator(".symact-filter input").fill("swish")
    want = {
        a.title
        for a in symact.ACTIVATIONS.values()
        if any("swish" in n.lower() for n in (a.title, a.name, *a.aliases))
    }
    assert want and shown() == want
    assert page.locator(".symact-filter output").inner_text() == f"{len(want)} of {total} shown"
    page.locator(".symact-filter input").fill("")
    assert len(shown()) == total
    # a family
    family = page.locator(".symact-filter select").first
    family.select_option("shrinkage")
    assert shown() == {a.title for a in symact.ACTIVATIONS.values() if a.family == "shrinkage"}
    family.select_option("")
    # a property: every row left says yes in its column
    heads = table.locator("thead th").all_inner_texts()
    col = [h.strip() for h in heads].index("Saturating")
    page.locator(".symact-filter label", has_text="Saturating").locator("select").select_option(
        "yes"
    )
    cells = table.locator(f"tbody tr:visible td:nth-child({col + 1})").all_inner_texts()
    assert 0 < len(cells) < total and set(cells) == {"yes"}


def test_code_tabs_switch(session: Session) -> None:
    page = session.page
    _load(session, session.base + PAGES["gelu"])
    tabs = page.locator(".tabbed-set").filter(
        has=page.locator(".tabbed-labels > label", has_text=re.compile(r"^C$"))
    )
    assert tabs.count() >= 1
    tabset = tabs.first
    labels = tabset.locator(".tabbed-labels > label")
    titles = [t.strip() for t in labels.all_inner_texts()]
    c = titles.index("C")
    blocks = tabset.locator(".tabbed-content > .tabbed-block")
    assert blocks.count() == len(titles)
    assert blocks.nth(0).is_visible()
    assert not blocks.nth(c).is_visible()
    labels.nth(c).click()
    code = blocks.nth(c).locator("pre code")
    code.wait_for(state="visible")
    assert not blocks.nth(0).is_visible()
    box = code.bounding_box()
    assert box is not None and box["height"] > 0
    assert "double" in code.inner_text()  # the generated C works in doubles
