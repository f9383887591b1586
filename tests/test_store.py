"""symact's one store (`symact._store`): its fingerprint follows the import graph and the
library versions, `clear_caches` empties every memo and removes only the store's folders, and a
site build's workers hand their analyses back without the disk."""

from __future__ import annotations

import functools
import json
import shutil
from pathlib import Path

import pytest

import symact
from symact import _store
from symact.analysis import _cache as C  # noqa: N812 - the module under test, short
from symact.analysis import analyse
from symact.analysis._facts import Analysis
from symact.analysis._serial import analysis_json

ANALYSIS = ("symact.analysis",)


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the symact package that the fingerprint reads instead of the real one."""
    copy = tmp_path / "symact"
    shutil.copytree(_store._PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(_store, "_PACKAGE", copy)
    symact.clear_caches()
    yield copy
    symact.clear_caches()


def _fingerprint(modules: tuple[str, ...] = ANALYSIS, libraries: tuple[str, ...] = ()) -> str:
    symact.clear_caches()  # the fingerprint is memoised
    return _store.fingerprint(modules, libraries)


def test_the_fingerprint_follows_the_import_graph(package: Path) -> None:
    before = _fingerprint()
    graph = {p.relative_to(package).as_posix() for p in _store._graph(ANALYSIS)}
    assert {"analysis/__init__.py", "analysis/_serial.py", "functions.py"} <= graph
    assert not {"site/build.py", "cli.py", "plot.py", "catalog/__init__.py"} & graph

    with (package / "cli.py").open("a") as f:  # not imported by the analysis
        f.write("\n# a comment\n")
    assert _fingerprint() == before

    with (package / "functions.py").open("a") as f:  # imported, through _serial.py
        f.write("\n# a comment\n")
    changed = _fingerprint()
    assert changed != before

    with (package / "analysis" / "_serial.py").open("a") as f:  # a lazy import counts too
        f.write("\n\ndef _later() -> None:\n    import symact.plot  # noqa\n")
    assert "plot.py" in {p.relative_to(package).as_posix() for p in _store._graph(ANALYSIS)}
    assert _fingerprint() != changed


def _parsed_imports(path: Path) -> set[Path]:
    """The symact modules `path` imports, found by Python's own parser (the reference the
    store's pattern is checked against)."""
    import ast

    package = _store._module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: set[Path] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*up, *([base] if base else [])])
            subs = [f"{base}.{a.name}" for a in node.names]
            names = [m for m in subs if _store._module_file(m)] or [base]
        found |= {p for m in names if (p := _store._module_file(m)) is not None}
    return found


@pytest.mark.parametrize(
    "path",
    sorted(_store._PACKAGE.rglob("*.py")),
    ids=lambda p: p.relative_to(_store._PACKAGE).as_posix(),
)
def test_the_import_pattern_misses_no_import_the_parser_finds(path: Path) -> None:
    """The fingerprint reads imports by pattern, not by parsing (0.15 s of every command):
    it may find more (an import in a docstring), never fewer."""
    assert _parsed_imports(path) <= set(_store._imported(path))


def test_the_import_pattern_reads_every_form(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "symact"
    (package / "numerics").mkdir(parents=True)
    for name in ("__init__.py", "a.py", "b.py", "c.py", "numerics/__init__.py", "numerics/d.py"):
        (package / name).write_text("")
    (package / "numerics" / "e.py").write_text(
        "import symact.a as x, symact.b  # two\n"
        "def f():\n"
        "    from .. import c; g()\n"
        "    from . import (\n"
        "        d,  # a module\n"
        "        thing as other,\n"
        "    )\n"
    )
    monkeypatch.setattr(_store, "_PACKAGE", package)
    found = {
        p.relative_to(package).as_posix() for p in _store._imported(package / "numerics" / "e.py")
    }
    assert found == {"a.py", "b.py", "c.py", "numerics/d.py"}  # thing: no module
    assert set(_store._imported(package / "numerics" / "e.py")) == _parsed_imports(
        package / "numerics" / "e.py"
    )


def test_a_library_version_is_part_of_the_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = _fingerprint(ANALYSIS, ("sympy",))
    assert _fingerprint(ANALYSIS, ("sympy", "mpmath")) != plain
    assert _fingerprint(ANALYSIS, ()) != plain
    real = _store._version_of
    monkeypatch.setattr(_store, "_version_of", lambda lib: "0.0" if lib == "sympy" else real(lib))
    assert _fingerprint(ANALYSIS, ("sympy",)) != plain
    assert _store._version_of("no-such-library-of-symact") == "absent"


def test_store_keys_hold_the_versions_of_their_kind() -> None:
    from symact.numerics import _plan as plan
    from symact.site import build

    assert C.STORES[""].versions == ("mpmath", "sympy")
    assert plan.STORE.versions == ("mpmath", "numpy", "scipy", "sympy")
    assert "matplotlib" in build.STORE.versions
    other = _store.Store("analyses", depends_on=ANALYSIS, versions=("sympy",))
    assert other.key("x") != C.STORES[""].key("x")
    with pytest.raises(ValueError, match="unknown kind"):
        _store.Store("elsewhere", depends_on=ANALYSIS, versions=())
    with pytest.raises(ValueError, match="name"):
        other.path("../outside")


def _memos() -> list[functools._lru_cache_wrapper[object]]:
    return [*_store._MEMOS, *_store._module_memos()]


def test_clear_caches_empties_every_memo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from symact.analysis import _derive as derive
    from symact.numerics import _plan as plan

    monkeypatch.setenv("SYMACT_CACHE_DIR", str(tmp_path))
    act = symact.get("relu")
    analyse(act, cache=False)
    plan.make_plan(act)
    full = {f.__wrapped__.__qualname__ for f in _memos() if f.cache_info().currsize}
    assert {"_make_plan", "fingerprint"} <= full
    assert any(f.cache_info().currsize for f in vars(derive).values() if f in _memos())

    symact.clear_caches()
    assert not [f for f in _memos() if f.cache_info().currsize]
    assert "clear_caches" in symact.__all__


def test_clear_caches_on_disk_removes_only_the_stores_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "cache"
    monkeypatch.setenv("SYMACT_CACHE_DIR", str(root))
    for kind in ("analyses", "general", "site"):
        (root / kind).mkdir(parents=True)
        (root / kind / "entry.json").write_text("{}")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.json").write_text("{}")
    (root / "plans").symlink_to(outside)  # a kind's folder that is a link: the link goes
    legacy = root / ("0" * 64 + ".json")  # an analysis of an earlier symact
    legacy.write_text("{}")
    (root / "notes.txt").write_text("mine")
    (root / "mine").mkdir()
    (root / "mine" / "a.json").write_text("{}")
    (root / ("1" * 64 + ".json")).mkdir()  # not a file: kept

    symact.clear_caches(disk=True)
    assert sorted(p.name for p in root.iterdir()) == sorted(
        ["notes.txt", "mine", "1" * 64 + ".json"]
    )
    assert (outside / "keep.json").is_file() and (root / "mine" / "a.json").is_file()
    symact.clear_caches(disk=True)  # nothing left to remove: no error


def _unwritable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache directory that cannot be created (its path is a file; root ignores modes)."""
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("SYMACT_CACHE_DIR", str(blocker / "cache"))
    symact.clear_caches()
    return blocker


def test_an_analysis_with_general_facts_round_trips_as_json() -> None:
    act = symact.get("leaky_relu")
    result = analyse(act)
    assert any(f.general is not None for f in result.facts.values())
    text = json.dumps(C.dump_analysis(result))
    back = C.load_analysis(json.loads(text), act)
    assert back == result
    assert [f.general for f in back.facts.values()] == [f.general for f in result.facts.values()]
    with pytest.raises(ValueError, match="not an analysis"):
        C.load_analysis({"analysis": {}, "eps": 0.01, "general": {}}, act)


def test_a_worker_returns_its_analysis_with_an_unwritable_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build's worker runs (`_prepare`) gives the parent the analysis, through JSON."""
    from symact.site import build

    blocker = _unwritable(tmp_path, monkeypatch)
    act = symact.get("relu")
    assets, took, data, same = build._prepare(act)
    assert took is not None and set(assets) == {"code", "plots"}
    assert "leaky_relu" in {t.name for t in same}  # at slope 0, found without the store
    got = build._analysis(act, json.loads(json.dumps(data)), None)
    assert isinstance(got, Analysis)
    assert analysis_json(got) == analysis_json(analyse(act, cache=False))
    assert not (blocker.parent / "cache").exists() and blocker.is_file()


def test_a_parallel_build_works_with_an_unwritable_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two activations, two worker processes, no store: every analysis comes from a worker
    (the parent analyses nothing: the workers' calls are recorded in their own memory)."""
    from symact.site import build

    _unwritable(tmp_path, monkeypatch)
    acts = {n: symact.get(n) for n in ("relu", "leaky_relu")}
    monkeypatch.setattr(build, "ACTIVATIONS", acts)
    monkeypatch.setenv("SYMACT_JOBS", "2")
    in_parent: list[str] = []

    def recording(act: symact.Activation, **kwargs: object) -> Analysis:
        in_parent.append(act.name)
        return analyse(act)

    monkeypatch.setattr(build, "analyse", recording)
    said: list[str] = []
    files = build.generated_files(said.append)
    assert in_parent == []
    assert {f"plots/{n}.svg" for n in acts} <= set(files)
    assert {e.act.name for e in build.entries()} == set(acts)
    for e in build.entries():
        assert analysis_json(e.analysis) == analysis_json(analyse(e.act, cache=False))
    assert not [s for s in said if "did not read back" in s]
