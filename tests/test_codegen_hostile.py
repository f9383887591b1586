"""Generated code given hostile input (issue 13): user text that would end a docstring or a
comment, names that are not plain identifiers, and numbers beyond what a target's literals
hold. The output must keep its structure, and running it must not run the payload."""

from __future__ import annotations

import ast
import dataclasses
import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import sympy as sp

import symact
import symact.numerics.codegen as codegen
from symact.catalog import get
from symact.declare import MAX_PARAMS, Activation, Param, X
from symact.numerics._printing import check_names, comment_text, docstring_text
from symact.numerics.codegen import TARGETS, generate, source_name

#: A payload for each way out of the generated text: Python's docstring quotes (and a
#: backslash that would escape the closing quote), C and JavaScript comment ends, a C trigraph
#: and a backslash-newline (which C reads before comments), line breaks, NUL and U+2028.
HOSTILE_TITLES = [
    'Mine """ + globals().__setitem__("PWNED", 1) + """',
    'Mine \\"""; PWNED = 1; """',
    "Mine */ int PWNED = 1; double pwned(void) { return 1; } /*",
    "Mine *\\\n/ int PWNED = 1; /*",
    "Mine *??/\n/ int PWNED = 1; /*",
    "Mine */ globalThis.PWNED = 1; /*",
    "Mine\n*/ PWNED = 1;\n/*",
    "Mine /*/ PWNED = 1; /*/",
    'Mine \\x00 \x00 \u2028 PWNED = 1; \u2029 "',
    "Mine \\",
]


def _hostile(title: str) -> Activation:
    return symact.from_formula("mine", "x*tanh(x)", title=title, summary=title.split("\n")[0])


def _run_python(code: str) -> dict[str, Any]:
    namespace: dict[str, Any] = {}
    exec(compile(code, "<generated>", "exec"), namespace)  # noqa: S102 - the code under test
    return namespace


def _gcc(gcc: str, src: Path, exe: Path) -> subprocess.CompletedProcess[str]:
    """Compile generated C strictly (C99, every warning an error)."""
    return subprocess.run(  # noqa: S603 - gcc on our own generated file
        [gcc, "-std=c99", "-Wall", "-Werror", str(src), "-o", str(exe), "-lm"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("title", HOSTILE_TITLES)
@pytest.mark.parametrize("target", ["numpy", "torch", "jax"])
def test_python_docstring_holds_any_title(target: str, title: str) -> None:
    """The module is a docstring, imports and one function whose body is a docstring and
    plain statements; the docstring's value carries the title as given (line breaks as
    spaces)."""
    code = generate(_hostile(title), target)
    tree = ast.parse(code)
    kinds = [type(node) for node in tree.body]
    assert kinds[0] is ast.Expr and kinds[-1] is ast.FunctionDef, code
    assert set(kinds[1:-1]) <= {ast.Import}, code
    fn = tree.body[-1]
    assert isinstance(fn, ast.FunctionDef) and fn.name == "mine"
    doc = ast.get_docstring(fn, clean=False)
    assert doc is not None, code
    assert doc.startswith("Mine"), doc
    for line in title.splitlines():
        assert " ".join(line.split()) in doc, (line, doc)
    rest = fn.body[1:]
    assert not any(isinstance(s, ast.Expr) for s in rest), code  # no statement of the title's


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_numpy_code_does_not_run_the_title(title: str) -> None:
    namespace = _run_python(generate(_hostile(title), "numpy"))
    f = namespace["mine"]
    assert f(2.0) == pytest.approx(2 * np.tanh(2.0), rel=1e-15)
    assert "PWNED" not in namespace
    assert "Mine" in f.__doc__


@pytest.fixture(scope="module")
def gcc() -> str:
    path = shutil.which("gcc")
    if path is None:
        pytest.skip("gcc is not installed")
    return path


def test_c_comment_holds_any_title(gcc: str, tmp_path: Path) -> None:
    """Each title's code compiles strictly (C99: trigraphs on) and, once the preprocessor has
    removed the comments, is the function alone."""
    for i, title in enumerate(HOSTILE_TITLES):
        code = generate(_hostile(title), "c")
        src = tmp_path / f"mine{i}.c"
        src.write_text(code + "int main(void) { return mine(1.0) > 0.76 ? 0 : 1; }\n")
        exe = tmp_path / f"mine{i}"
        build = _gcc(gcc, src, exe)
        assert build.returncode == 0, (title, build.stderr, code)
        assert subprocess.run([str(exe)], check=False, timeout=60).returncode == 0  # noqa: S603
        pre = subprocess.run(  # noqa: S603 - the preprocessor on the same file
            [gcc, "-std=c99", "-E", "-P", str(src)], capture_output=True, text=True, check=True
        )
        assert "PWNED" not in pre.stdout, (title, code)


_NODE_CHECK = """
const vm = require('vm');
const out = [];
for (const code of JSON.parse(require('fs').readFileSync(0, 'utf8'))) {
  const ctx = vm.createContext({});
  vm.runInContext(code + '\\n;globalThis.__f = mine;', ctx);
  out.push([ctx.__f(1.0), typeof ctx.PWNED]);
}
process.stdout.write(JSON.stringify(out));
"""


def test_js_comment_holds_any_title() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    codes = [generate(_hostile(title), "js") for title in HOSTILE_TITLES]
    run = subprocess.run(  # noqa: S603 - node on our own generated code
        [node, "-e", _NODE_CHECK],
        input=json.dumps(codes),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    for value, pwned in json.loads(run.stdout):
        assert value == pytest.approx(np.tanh(1.0), rel=1e-15)
        assert pwned == "undefined"


def test_docstring_text_round_trips() -> None:
    for title in [*HOSTILE_TITLES, "plain", 'a "quoted" \\ path']:
        text = docstring_text(title)
        assert "\n" not in text and '"""' not in text
        assert ast.literal_eval(f'"""{text}"""') == title


def test_comment_text_cannot_end_a_comment_or_a_line() -> None:
    for title in [*HOSTILE_TITLES, "/*/", "**/", "???/", "*/*/"]:
        text = comment_text(title)
        for bad in ("*/", "/*", "??", "\n", "\r", "\x00", "\u2028"):
            assert bad not in text, (title, text)
    assert comment_text("plain: f(x) = x*tanh(x)") == "plain: f(x) = x*tanh(x)"


# ---------------------------------------------------------------------------------------------
# Names


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("__import__('os').getpid()", "numpy"),
        ("a b", "torch"),
        ("ｘ", "jax"),  # Python reads the fullwidth x as x (NFKC)
        ("lambda", "numpy"),
        ("int", "c"),
        ("exp", "c"),
        ("function", "js"),
        ("x; alert(1)", "js"),
    ],
)
def test_printers_refuse_names_that_are_not_identifiers(name: str, target: str) -> None:
    """The last line of defence: a printer never prints a name that is not a plain ASCII
    identifier, or is a keyword of its language."""
    printer = {
        "numpy": codegen._NumPyPrinter,
        "torch": codegen._TorchPrinter,
        "jax": codegen._JaxPrinter,
        "c": codegen._CPrinter,
        "js": codegen._JSPrinter,
    }[target]
    p = printer() if target in ("c", "js") else printer({"fully_qualified_modules": True})
    with pytest.raises(ValueError, match="cannot print symbol") as info:
        p.doprint(X + sp.Symbol(name, real=True))
    assert "\n" not in str(info.value)
    assert p.doprint(X + 1) in ("x + 1", "x + 1.0")


def test_printers_refuse_undefined_functions_with_odd_names() -> None:
    f = sp.Function("__import__('os').system")
    with pytest.raises(ValueError, match="cannot print function"):
        check_names(f(X), (), "Python")


def test_numpy_functions_refuse_names_that_are_not_identifiers() -> None:
    """`symact.numpy_function` lambdifies (and so runs) printed code: its printer checks too."""
    from symact.numerics._vectorise import _lambdify

    with pytest.raises(ValueError, match="not an identifier"):
        _lambdify(X + sp.Symbol("__import__('os').getpid()"), cse=False)


@pytest.mark.parametrize("target", TARGETS)
def test_generate_refuses_a_plan_with_names_other_than_x(
    target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan (read from a cache, say) with a stray symbol: the generated function takes x
    alone, so even a plain name (`y`, which the code uses itself) is refused."""
    real = codegen.make_plan

    for stray in ("__import__('os').getpid()", "y"):

        def tampered(act: Activation, n: int, _stray: str = stray, **params: Any) -> Any:
            plan = real(act, n, **params)
            s = sp.Symbol(_stray, real=True)
            bad = tuple(dataclasses.replace(b, expr=b.expr + s) for b in plan.branches)
            return dataclasses.replace(plan, branches=bad)

        monkeypatch.setattr(codegen, "make_plan", tampered)
        with pytest.raises(ValueError, match="names other than x"):
            generate(get("relu"), target)


@pytest.mark.parametrize("name", ["mine\n", "Mine", "mïne", "mine()"])
def test_names_that_are_not_snake_case_ascii_are_refused(name: str) -> None:
    with pytest.raises(ValueError):
        Activation(name=name, title="t", family="user", summary="s", expr=X)
    with pytest.raises(ValueError, match="snake_case"):
        source_name(name, 0)


def test_parameter_names_are_matched_whole() -> None:
    with pytest.raises(ValueError, match="bad parameter name"):
        Param("alpha\n", 1, "a parameter")


# ---------------------------------------------------------------------------------------------
# Numbers beyond a target's literals


def test_huge_parameters_print_as_doubles(gcc: str, tmp_path: Path) -> None:
    """ELU with alpha = 10**300 (within the CLI's range): C cannot compile a 301-digit integer
    literal, PyTorch and JAX refuse Python ints beyond 64 bits; the nearest double serves."""
    act = get("elu")
    for target in TARGETS:
        code = generate(act, target, alpha=sp.Integer(10) ** 300)
        assert "0" * 30 not in code.split("*/")[-1].split('"""')[-1], (target, code)
        assert "1e+300" in code
    src = tmp_path / "elu.c"
    src.write_text(
        generate(act, "c", alpha=sp.Integer(10) ** 300)
        + "int main(void) { return elu(-1e308) == -1e300 ? 0 : 1; }\n"
    )
    exe = tmp_path / "elu"
    build = _gcc(gcc, src, exe)
    assert build.returncode == 0, build.stderr
    assert subprocess.run([str(exe)], check=False, timeout=60).returncode == 0  # noqa: S603


# ---------------------------------------------------------------------------------------------
# Parameters: how many


def _params(n: int) -> tuple[Param, ...]:
    return tuple(Param(f"p{i}", 1, "a parameter") for i in range(n))


def test_parameter_count_is_capped() -> None:
    ok = Activation(name="many", title="t", family="user", summary="s", expr=X, params=_params(32))
    assert len(ok.symbols) == MAX_PARAMS == 32
    with pytest.raises(ValueError, match="too many parameters"):
        Activation(name="many", title="t", family="user", summary="s", expr=X, params=_params(33))


def test_from_formula_refuses_many_parameters_before_reading_them() -> None:
    from symact.formula import FormulaError

    with pytest.raises(FormulaError, match="too many parameters"):
        symact.from_formula("many", "x", params={f"p{i}": 1 for i in range(3000)})


def test_symbols_are_built_once() -> None:
    act = Activation(name="many", title="t", family="user", summary="s", expr=X, params=_params(8))
    assert act.symbols is act.symbols
    assert list(act.symbols) == [f"p{i}" for i in range(8)]
    assert act.at(p3=2) == X


def test_at_keeps_rational_parameters_exact() -> None:
    """SymPy's nsimplify turns 123456789/10**10 into 1/81 and 1/10**100 into 0."""
    elu = get("elu")
    alpha = elu.symbols["alpha"]
    for value in (sp.Rational(123456789, 10**10), sp.Rational(1, 10**100)):
        assert elu.at(alpha=value) == elu.expr.subs(alpha, value)
    assert elu.at(alpha=0.25) == elu.expr.subs(alpha, sp.Rational(1, 4))
