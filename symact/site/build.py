"""Building the website: generated pages and plots, then MkDocs, into a temporary directory
that replaces the output only when the build succeeded.

`mkdocs.yml` (at the top of the repository) names [`symact.site.hooks`](hooks.py) as an MkDocs
hook; the hook asks [`generated_files`][symact.site.build.generated_files] for every generated
page and plot, so `mkdocs build`, `mkdocs serve`, `symact site build` and `symact site serve` all
make the same site. Nothing generated is written into `docs/`.

The costly part per activation — its NumPy functions, plots and generated code — is kept in
symact's store ([`symact._store`][symact._store], in `site/`), keyed by the declaration and the
store's fingerprint (the symact version; the SymPy, mpmath, NumPy, SciPy and matplotlib
versions; the source of the analysis, numerics, code generators and plots), so a second build
only renders Markdown. Worker processes return their results, analyses included, to the parent:
a build whose store cannot be written only takes longer.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import sympy as sp

from symact._interrupt import checkpoint
from symact._store import Store, cache_dir, conforms, memo, read_json
from symact.analysis import Analysis, analyse
from symact.analysis._cache import dump_analysis, load_analysis
from symact.catalog import ACTIVATIONS, FAMILIES, sharing_names
from symact.declare import Activation, X
from symact.functions import PRIMITIVES, to_elementary
from symact.site.pages import (
    Entry,
    Image,
    Twin,
    activation_page,
    catalogue_page,
    compare_page,
    concept_nav,
    page_path,
)

__all__ = [
    "SiteError",
    "build_site",
    "config_file",
    "generated_files",
    "nav",
    "serve_site",
]

Progress = Callable[[str], None]


class SiteError(Exception):
    """A build that cannot start or did not finish (the message is one line for the user)."""


def config_file() -> Path:
    """`mkdocs.yml` of the source checkout symact runs from."""
    path = Path(__file__).resolve().parents[2] / "mkdocs.yml"
    if not path.is_file():
        raise SiteError(
            f"the website is built from a source checkout: {path} is missing "
            "(clone the repository and install it with `pip install -e .`)"
        )
    return path


#: The store of a page's code and plots: made by the analysis, the numerics, the code
#: generators and the plots (and the modules they import); the SVG bytes depend on matplotlib.
STORE = Store(
    "site",
    depends_on=(
        "symact.analysis",
        "symact.analysis._derive",
        "symact.analysis._general",
        "symact.numerics.codegen",
        "symact.numerics._plan",
        "symact.plot",
    ),
    versions=("sympy", "mpmath", "numpy", "scipy", "matplotlib"),
)


def _asset_name(act: Activation) -> str:
    return f"{act.name}-{STORE.key(repr(act))[:32]}"


def _make_assets(act: Activation) -> dict[str, Any]:
    """Generated code and plots of one activation (the slow part of a page)."""
    from symact.numerics.codegen import TARGETS, generate
    from symact.plot import activation_svg, variants_svg

    analysis = analyse(act)
    code = {t: generate(act, t) for t in TARGETS}
    plots = {"plot": activation_svg(act, analysis)}
    variants = variants_svg(act, analysis)
    if variants is not None:
        plots["variants"] = variants
    return {"code": code, "plots": plots}


def _cached(
    name: str,
    make: Callable[[], dict[str, Any]],
    *,
    replace: bool = False,
    valid: Callable[[dict[str, Any]], bool] = lambda data: True,
) -> dict[str, Any]:
    """The JSON object stored as `name` if it is `valid` (read as any store entry: see
    [`read_json`][symact._store.read_json]), else `make()`'s, stored (written atomically; a
    store that cannot be written only costs time); with `replace`, `make()`'s whatever is
    stored."""
    if not replace:
        data = STORE.get(name)
        if isinstance(data, dict) and valid(data):
            return data
    data = make()
    STORE.put(name, data)
    return data


#: Elements a plot may hold (what matplotlib's SVG backend and `symact.plot` write, and their
#: plain relatives): no `script`, `foreignObject`, `a`, `animate` or `set`.
_SVG_ELEMENTS = frozenset(
    {
        *("svg", "title", "desc", "defs", "style", "g", "path", "use", "clipPath", "rect"),
        *("circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "symbol"),
        *("linearGradient", "radialGradient", "stop", "pattern", "mask", "marker"),
    }
)
_SVG = "{http://www.w3.org/2000/svg}"
#: A DTD (entities), CDATA or a processing instruction (a stylesheet); comments are harmless.
_DECLARATION = re.compile(r"<!(?!--)|<\?")
_FORBIDDEN_CSS = re.compile(r"@import|url\s*\(\s*['\"]?(?!#)|expression\s*\(|javascript:", re.I)


def _safe_svg(text: Any) -> bool:
    """Whether `text` is an `<svg>` document that runs nothing and loads nothing: a cached plot
    is published as is, so one that is not is a miss. No DTD (entities), only the elements of
    `_SVG_ELEMENTS`, no `on…` handler, no link but to an element of the document (`#id`), no
    CSS that imports or loads anything, no DTD or processing instruction."""
    if not isinstance(text, str) or _DECLARATION.search(text):
        return False
    try:
        root = ElementTree.fromstring(text)  # noqa: S314 - no DTD, so no entity to expand
    except ElementTree.ParseError:
        return False
    if root.tag != f"{_SVG}svg":
        return False
    for el in root.iter():
        if not (isinstance(el.tag, str) and el.tag.startswith(_SVG)):
            return False
        if el.tag[len(_SVG) :] not in _SVG_ELEMENTS:
            return False
        if el.tag == f"{_SVG}style" and _FORBIDDEN_CSS.search(el.text or ""):
            return False
        for name, value in el.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local.startswith("on") or _FORBIDDEN_CSS.search(value):
                return False
            if local == "href" and not value.startswith("#"):
                return False
    return True


def _valid_assets(data: dict[str, Any]) -> bool:
    """Whether `data` is what `_make_assets` makes: code by target, a plot and maybe variants."""
    if not conforms(data, {"code": {str: str}, "plots": {"plot": str}}):
        return False
    plots = data["plots"]
    return set(plots) <= {"plot", "variants"} and all(_safe_svg(v) for v in plots.values())


def _assets_path(act: Activation) -> Path:
    return STORE.path(_asset_name(act))


def _assets(act: Activation) -> dict[str, Any]:
    """The activation's code and plots, from the cache or made."""
    return _cached(_asset_name(act), lambda: _make_assets(act), valid=_valid_assets)


def _compare_groups() -> list[tuple[str, list[Activation]]]:
    """Families with more than one member, each drawn together."""
    groups = []
    for family in FAMILIES:
        acts = [a for a in ACTIVATIONS.values() if a.family == family]
        if len(acts) > 1:
            groups.append((family.capitalize(), acts))
    return groups


def _compare_assets(acts: Sequence[Activation]) -> dict[str, Any]:
    from symact.plot import compare_svg

    return {"f": compare_svg(acts, n=0), "df": compare_svg(acts, n=1)}


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


def _cached_compare(title: str, acts: Sequence[Activation]) -> dict[str, str]:
    key = STORE.key("compare", *(repr(a) for a in acts))
    data = _cached(
        f"compare-{_slug(title)}-{key[:32]}",
        lambda: _compare_assets(acts),
        valid=lambda d: set(d) == {"f", "df"} and all(_safe_svg(v) for v in d.values()),
    )
    return {str(k): str(v) for k, v in data.items()}


def _report(progress: Progress | None, text: str) -> None:
    if progress is not None:
        progress(text)


def _jobs() -> int:
    """Worker processes of a build: `$SYMACT_JOBS` (1 to 256), else one per core."""
    text = os.environ.get("SYMACT_JOBS", "").strip()
    if not text:
        return os.cpu_count() or 1
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= 256):
        raise SiteError(f"SYMACT_JOBS must be a whole number from 1 to 256, not {text[:20]!r}")
    return int(text)


def _cost(act: Activation, timings: dict[str, float]) -> float:
    """How long `act` is expected to take to analyse and draw, to start the slowest first: the
    seconds it took in the last build (`timings`), else a guess from its expression (SymPy's
    `limit`, `solve` and `simplify` take longest over nested transcendental functions, and
    each parameter adds plots at two other values). Only the order of the work depends on it."""
    if act.name in timings:
        return timings[act.name]
    e = to_elementary(act.at())

    def depth(u: sp.Basic) -> int:
        inner = max((depth(a) for a in u.args), default=0)
        return inner + 1 if isinstance(u, _TRANSCENDENTAL) else inner

    calls = sum(1 for u in sp.preorder_traversal(e) if isinstance(u, _TRANSCENDENTAL))
    return 1.0 * depth(e) + 0.3 * calls + 0.6 * len(act.params) + 0.025 * int(sp.count_ops(e))


_TRANSCENDENTAL = (sp.exp, sp.log, sp.erf, sp.erfc, sp.tanh, sp.atan, sp.sin, sp.cos)


def _timings_file() -> Path:
    return STORE.path(_TIMINGS)


#: The entry of the seconds each activation took in the last build.
_TIMINGS = "timings"


def _timings() -> dict[str, float]:
    """Seconds per activation in the last build that made its analysis and plots."""
    data = read_json(_timings_file())
    if not isinstance(data, dict):
        return {}
    return {
        k: float(v)
        for k, v in data.items()
        if (conforms(v, float) or conforms(v, int)) and 0 <= v < 1e9  # not NaN, inf or 10**400
    }


#: A parameter value as `same_as` results are stored: an integer, fraction or decimal.
_VALUE = re.compile(r"-?[0-9]+(/[0-9]+|\.[0-9]+)?(e-?[0-9]+)?\Z", re.ASCII)


#: Seconds (wall time: the search runs in the build's worker, see `_same`) for finding the
#: entries one activation is (its page then lists none if the search does not finish;
#: `symact derive` gives a formula 30).
SAME_BUDGET = 30.0


class _Unfinished(Exception):  # noqa: N818 - a signal, not an error
    """The search for the entries an activation is did not finish within its budget."""


@memo(maxsize=1)
def _catalogue_key() -> str:
    """The store key of the whole catalogue, once per process: every entry's `repr` (a
    printed SymPy tree each), which a warm build would otherwise print 164 times over."""
    return STORE.key("catalogue", *(repr(a) for a in ACTIVATIONS.values()))


def _same(act: Activation) -> list[Twin]:
    """The catalogue entries `act` is, at their defaults or at parameter values
    ([`same_as`][symact.analysis._same.same_as]), from the store or found: keyed by every
    entry of the catalogue, so that a new entry is looked for."""
    from symact.analysis import same_as
    from symact.analysis._budget import inline

    key = STORE.key("same", repr(act), _catalogue_key())

    def find() -> dict[str, Any]:
        expr, acts = act.at(), list(ACTIVATIONS.values())
        # In this process, not a child: the candidates' compiled functions (`same_as` keeps
        # them) then serve every entry a worker searches for, which halves the search.
        outcome = inline(SAME_BUDGET, lambda: same_as(expr, acts, exclude=act.name), "same as")
        if not outcome.ok or outcome.value is None:
            raise _Unfinished  # not stored: the next build looks again
        found = outcome.value
        return {
            "matches": [
                {
                    "name": m.name,
                    "params": {k: str(v) for k, v in m.params.items()},
                    "at_defaults": m.at_defaults,
                    "how": m.how,
                    "note": m.note,
                }
                for m in found
            ]
        }

    try:
        data = _cached(f"same-{act.name}-{key[:32]}", find, valid=_valid_same)
    except _Unfinished:
        return []
    return [
        Twin(
            m["name"],
            m["params"],
            m["at_defaults"],
            m["how"],
            m["note"],
            ACTIVATIONS[m["name"]].title,
        )
        for m in data["matches"]
    ]


def _valid_same(data: dict[str, Any]) -> bool:
    """Whether a stored `_same` entry names catalogue entries and their parameters, with
    plain numbers (it is shown as text, never parsed)."""
    matches = data.get("matches")
    if not isinstance(matches, list):
        return False
    for m in matches:
        if not conforms(
            m, {"name": str, "params": {str: str}, "at_defaults": bool, "how": str, "note": str}
        ):
            return False
        act = ACTIVATIONS.get(m["name"])
        if act is None or m["how"] not in ("exact", "numeric") or len(m["note"]) > 500:
            return False
        if set(m["params"]) != {p.name for p in act.params}:
            return False
        if not all(_VALUE.match(v) and len(v) <= 40 for v in m["params"].values()):
            return False
    return True


def _prepare(act: Activation) -> tuple[dict[str, Any], float | None, dict[str, Any], list[Twin]]:
    """Everything slow about one activation: its code and plots, the seconds they took (None
    when they were stored already), and its analysis as JSON
    ([`dump_analysis`][symact.analysis._cache.dump_analysis]: a SymPy expression would not come
    back through `pickle` as it was written). A worker returns all three to the parent, so a
    build does not depend on the store being writable."""
    start = time.monotonic()
    fresh = not _assets_path(act).exists()
    analysis = analyse(act)
    assets = _assets(act)
    took = (time.monotonic() - start) if fresh else None
    return assets, took, dump_analysis(analysis), _same(act)


def _analysis(act: Activation, data: dict[str, Any], progress: Progress | None) -> Analysis:
    """The analysis of `act` a worker returned (see `_prepare`); analysed here if it does not
    read back (which would be a bug in the codec: said, not hidden)."""
    try:
        return load_analysis(data, act)
    except ValueError as e:
        _report(progress, f"{act.name}: its analysis did not read back ({e}); analysing it here")
        return analyse(act)


def _worker_start() -> None:
    """In a build's worker process: SIGTERM ends it at once (the parent cleans up)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop `pool` now, its running tasks too (an interrupted or failed build)."""
    workers = list(getattr(pool, "_processes", None) or {})  # pids; a private attribute
    pool.shutdown(wait=False, cancel_futures=True)  # (which forgets them)
    for pid in workers:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)


def generated_files(progress: Progress | None = None) -> dict[str, str]:
    """Every generated file of the site: docs-relative path → text.

    Each activation is analysed and drawn by one task of a process pool, the costliest
    first (see `_cost`), so that no worker waits on another between the two stages. A
    family's comparison plots are a task too, queued once its members are done (it reuses their
    cached plans), so that they fill the pool's last seconds instead of following them."""
    started = time.monotonic()
    acts = list(ACTIVATIONS.values())
    _report(progress, f"analysing and drawing {len(acts)} activations in {_jobs()} processes")
    done: dict[str, tuple[dict[str, Any], float | None, dict[str, Any], list[Twin]]] = {}
    compared: dict[str, dict[str, str]] = {}

    def finished(
        act: Activation,
        result: tuple[dict[str, Any], float | None, dict[str, Any], list[Twin]],
    ) -> None:
        done[act.name] = result
        took = "cached" if result[1] is None else f"{result[1]:.1f} s"
        _report(progress, f"[{len(done)}/{len(acts)}] {act.name} ({took})")

    if _jobs() == 1:
        for a in acts:
            finished(a, _prepare(a))
    else:
        timings = _timings()
        if not all(a.name in timings for a in acts):
            timings = {}  # a guess for some and seconds for others would not compare
        order = sorted(acts, key=lambda a: _cost(a, timings), reverse=True)
        waiting = _compare_groups()
        pool = ProcessPoolExecutor(_jobs(), initializer=_worker_start)
        try:
            futures: dict[Future[Any], Activation | str] = {
                pool.submit(_prepare, a): a for a in order
            }
            while futures:
                ready, _ = wait(futures, timeout=0.25, return_when=FIRST_COMPLETED)
                checkpoint()
                for fut in ready:
                    item = futures.pop(fut)
                    if isinstance(item, str):
                        compared[item] = fut.result()
                    else:
                        finished(item, fut.result())
                for group in [g for g in waiting if all(a.name in done for a in g[1])]:
                    waiting.remove(group)
                    futures[pool.submit(_cached_compare, *group)] = group[0]
        except BaseException:
            _stop(pool)
            raise
        pool.shutdown()
        made = {name: took for name, (_, took, _, _) in done.items() if took is not None}
        if made:  # remember how long the work took, for the order of the next build's
            _cached(_TIMINGS, lambda: {**_timings(), **made}, replace=True)
    analyses = [_analysis(a, done[a.name][2], progress) for a in acts]
    assets = [done[a.name][0] for a in acts]
    _report(progress, f"analysed and drawn in {time.monotonic() - started:.1f} s; pages")
    files: dict[str, str] = {}
    entries = []
    pages = _primitive_pages()  # the entry that is each primitive: the same for every page
    for act, analysis, data in zip(acts, analyses, assets, strict=True):
        images = [Image(f"../plots/{act.name}.svg", f"{act.title}: f and its derivative f′")]
        files[f"plots/{act.name}.svg"] = data["plots"]["plot"]
        if "variants" in data["plots"]:
            names = ", ".join(p.name for p in act.params)
            images.append(
                Image(
                    f"../plots/{act.name}-variants.svg",
                    f"{act.title} for several values of its parameters ({names})",
                )
            )
            files[f"plots/{act.name}-variants.svg"] = data["plots"]["variants"]
        entry = Entry(act, analysis, data["code"], images, tuple(done[act.name][3]), pages=pages)
        entry.shared = {
            k: tuple((n, ACTIVATIONS[n].title) for n in others)
            for k, others in sharing_names(act.name).items()
        }
        entries.append(entry)
    for e in entries:  # the inverse of "special case of": which entries each one generalises
        e.generalises = tuple(
            Twin(o.act.name, m.params, False, m.how, m.note, o.act.title)
            for o in entries
            for m in o.same
            if m.name == e.act.name and not m.at_defaults
        )
    for e in entries:
        related = [o.act for o in entries if o.act.family == e.act.family and o.act is not e.act]
        files[page_path(e.act.name)] = activation_page(e, related=related)
    files["activations/index.md"] = catalogue_page(entries)
    groups = []
    for title, acts_ in _compare_groups():
        data = compared[title] if title in compared else _cached_compare(title, acts_)
        slug = _slug(title)
        files[f"plots/compare-{slug}.svg"] = data["f"]
        files[f"plots/compare-{slug}-derivative.svg"] = data["df"]
        images = [
            Image(f"plots/compare-{slug}.svg", f"{title} activations overlaid"),
            Image(
                f"plots/compare-{slug}-derivative.svg", f"Derivatives of the {title} activations"
            ),
        ]
        groups.append((title, acts_, images))
    files["compare.md"] = compare_page(groups)
    _ENTRIES.clear()
    _ENTRIES.extend(entries)
    _report(progress, f"generated {len(files)} files in {time.monotonic() - started:.1f} s")
    return files


#: The entries of the last generation (hand-written pages' markers are filled from them).
_ENTRIES: list[Entry] = []


def entries() -> list[Entry]:
    """The activations of the last [`generated_files`][symact.site.build.generated_files]."""
    return list(_ENTRIES)


def _primitive_pages() -> dict[str, str]:
    """The catalogue entry that is each named primitive (σ is `sigmoid`): one without
    parameters whose expression is the primitive of x."""
    return {
        name: act.name
        for name, kind in PRIMITIVES.items()
        for act in ACTIVATIONS.values()
        if not act.params and act.expr == kind(X)
    }


def nav() -> list[Any]:
    """The site's navigation: home, guide, catalogue, comparison, activations by family,
    glossary."""
    by_family: list[Any] = []
    for family in FAMILIES:
        acts = [a for a in ACTIVATIONS.values() if a.family == family]
        if acts:
            by_family.append({family.capitalize(): [{a.title: page_path(a.name)} for a in acts]})
    return [
        {"Home": "index.md"},
        {"How to choose": "guide.md"},
        {"Catalogue": "activations/index.md"},
        {"Compare": "compare.md"},
        {"Activations": by_family},
        {"Glossary": [{"Overview": "concepts/index.md"}, *concept_nav()]},
    ]


#: The file that marks a directory as a site symact built: only such a directory (or an empty
#: one) is ever replaced by a build.
MARKER = ".symact-site"
_MARKER_TEXT = (
    "This directory is a website built by `symact site build`; the next build replaces it.\n"
)


def _is_symact_site(path: Path) -> bool:
    """Whether `path` holds the marker a build writes: a regular file (not a link) with the text."""
    marker = path / MARKER
    try:
        if not stat.S_ISREG(marker.lstat().st_mode):
            return False
        with marker.open("rb") as f:
            return f.read(len(_MARKER_TEXT) + 1) == _MARKER_TEXT.encode()
    except OSError:
        return False


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def check_output(out: str | os.PathLike[str]) -> Path:
    """`out` made absolute, if a build may write there; else `SiteError` saying why.

    A build writes a new directory beside `out` and then puts it in `out`'s place. It replaces
    an existing `out` only when that is empty or a site an earlier build made (it holds the
    [`MARKER`][symact.site.build.MARKER] file), never a directory that holds the current
    directory, the source checkout or the cache, and never through a symbolic link."""
    text = os.fspath(out)
    if not text.strip():
        raise SiteError("the output directory is empty text; name one, e.g. --out site")
    label = f"output directory {text!r}"
    out = Path(text)
    if out.is_symlink():
        raise SiteError(f"{label} is a symbolic link; name the directory itself")
    full = Path(os.path.abspath(out))
    try:
        full = full.parent.resolve() / full.name if full.name else full.resolve()
    except (OSError, RuntimeError) as e:
        raise SiteError(f"{label}: {e.strerror if isinstance(e, OSError) else e}") from None
    if full.parent == full or full.name in ("", ".", ".."):
        raise SiteError(f"{label} is the root of the file system; name one below it")
    for what, keep in (
        ("the current directory", Path(".")),
        ("symact's source checkout", Path(__file__).parents[2]),
        ("symact's cache", cache_dir()),
    ):
        try:
            keep = keep.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if _inside(keep, full):
            raise SiteError(f"{label} holds {what} ({keep}): refusing to replace it")
    if full.exists():
        if not full.is_dir():
            raise SiteError(f"{label} exists and is not a directory")
        try:
            with os.scandir(full) as entries:
                empty = next(entries, None) is None
        except OSError as e:
            raise SiteError(f"{label}: {e.strerror}") from None
        if not empty and not _is_symact_site(full):
            raise SiteError(
                f"{label} is not empty and not a site symact built (no {MARKER} "
                "file): refusing to replace it; name a new or empty directory"
            )
    ancestor = full.parent
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise SiteError(f"{label}: {ancestor} exists and is not a directory")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise SiteError(f"{label}: cannot write in {ancestor}")
    return full


def build_site(where: str | os.PathLike[str], *, progress: Progress | None = None) -> Path:
    """Build the site into directory `where`: into a temporary directory beside it first,
    which replaces it only when MkDocs finished without a warning (strict) and `where` is
    still a directory a build may replace (see
    [`check_output`][symact.site.build.check_output], checked before any work and again
    before the swap). Returns the directory, absolute."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    out = check_output(where)
    _jobs()  # a bad SYMACT_JOBS is an error before any work
    cfg_path = config_file()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=out.parent))
    except OSError as e:
        raise SiteError(f"cannot write in {out.parent}: {e.strerror or e}") from None
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _PROGRESS[:] = [progress if progress is not None else _quiet]
    old: Path | None = None
    try:
        config = load_config(str(cfg_path), site_dir=str(tmp), strict=True)
        build(config)
        (tmp / MARKER).write_text(_MARKER_TEXT, encoding="utf-8")
        check_output(out)  # it may have changed during the build
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old-", dir=out.parent))
            os.replace(out, old / "site")
        try:
            os.replace(tmp, out)
        except OSError:
            if old is not None:  # put the previous site back
                os.replace(old / "site", out)
            raise
    except MkDocsException as e:
        raise SiteError(f"the site did not build: {e}") from e
    except OSError as e:
        raise SiteError(f"cannot write the site to {out}: {e.strerror or e}") from None
    finally:
        _PROGRESS[:] = [None]
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not (old / "site").exists():
            shutil.rmtree(old, ignore_errors=True)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return out


def _quiet(text: str) -> None:
    """The progress callback of a quiet build."""


#: Where the hook reports progress during `build_site` (None: quiet).
_PROGRESS: list[Progress | None] = [None]


def progress_printer() -> Progress | None:
    """The progress callback of the running build (stderr lines for `mkdocs` itself)."""
    p = _PROGRESS[0]
    if p is not None:
        return p
    return lambda text: print(f"symact: {text}", file=sys.stderr, flush=True)


def serve_site(address: str = "127.0.0.1:8000", *, open_browser: bool = False) -> None:
    """Serve the site with live reload (MkDocs' development server) until interrupted."""
    from mkdocs.commands.serve import serve

    host, _, port = address.rpartition(":")
    try:  # before the build: a port in use is an error now, not after a minute of work
        socket.create_server((host.strip("[]"), int(port))).close()
    except (OSError, ValueError, OverflowError) as e:
        raise SiteError(f"cannot serve at {address}: {getattr(e, 'strerror', None) or e}") from None
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    try:
        serve(str(config_file()), dev_addr=address, livereload=True, open_in_browser=open_browser)
    except OSError as e:
        raise SiteError(f"cannot serve at {address}: {e.strerror or e}") from None
