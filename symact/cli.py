"""The `symact` command line: the only module that reads arguments and writes to the terminal.

```text
symact list [--family F]
symact show NAME [--json] [--latex] [--eps EPS] [--no-cache] [--budget SECONDS]
symact diff NAME_OR_FORMULA [-n ORDER] [--format pretty|latex|python] [--defaults]
symact derive FORMULA [--param NAME=VALUE ...] [--json] [--name NAME] [--eps EPS] [--no-cache]
              [--budget SECONDS]
symact codegen NAME [--derivative N] [--target numpy|torch|jax|c|js] [--param NAME=VALUE ...]
symact site build [--out DIR] [--quiet]
symact site serve [--address HOST:PORT]
symact --version
```

Bad input (an unknown name, a formula that does not parse, an option out of range) gets one line
on stderr and exit status 2; never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, NoReturn, TextIO

from symact._version import __version__

if TYPE_CHECKING:  # pragma: no cover
    from symact.analysis import Match
    from symact.declare import Activation

__all__ = ["main"]

PROG = "symact"
MAX_ORDER = 10


class UsageError(Exception):
    """Bad input detected by the CLI itself: reported as one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error raised as one line (`UsageError`) instead of a usage block."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix(PROG).strip()
        where = f"{command}: " if command else ""
        raise UsageError(f"{where}{message} (see `{self.prog} --help`)")


# ---------------------------------------------------------------------------------------------
# Output


class _Out:
    """Where text goes, and whether the terminal takes Unicode."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.unicode = _can_encode(stream, "σΦφ∞−≈∪ℝ′⎛⎝⎞⎠─│")
        if not self.unicode:
            reconfigure: Callable[..., None] | None = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                with contextlib.suppress(ValueError, OSError):
                    reconfigure(errors="replace")

    def print(self, text: str) -> None:
        if not self.unicode:
            from symact.report import to_ascii

            text = to_ascii(text)
        try:
            self.stream.write(text + "\n")
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc

    def flush(self) -> None:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise OutputError(exc) from exc


class OutputError(Exception):
    """Writing to standard output failed (a full disk, `/dev/full`)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(f"cannot write the output: {cause.strerror or cause}")


def _can_encode(stream: TextIO, sample: str) -> bool:
    encoding = getattr(stream, "encoding", None) or "ascii"
    try:
        sample.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Argument types


def _int_between(label: str, lo: int, hi: int) -> Callable[[str], int]:
    """An argparse type: an integer `label` in [lo, hi], with one clear line otherwise."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{label} must be an integer, got {text!r}") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"{label} must be between {lo} and {hi}, got {n}")
        return n

    return parse


def _eps(text: str) -> float:
    try:
        eps = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"EPS must be a number, got {text!r}") from None
    if not 0 < eps < 1:
        raise argparse.ArgumentTypeError(f"EPS must be between 0 and 1 (exclusive), got {text}")
    return eps


#: `NAME=VALUE`, ASCII only: `\s`, `\d` and `\w` would also match other scripts' spaces and
#: digits (`١/٢`, `１.５`), which Python's own number parsers then accept.
_PARAM = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(\S+)\s*", re.ASCII)
#: A number as `_param` takes it: an integer, a decimal (`.5`, `1e-3`) or a fraction `p/q`.
_NUMBER = re.compile(
    r"[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?[0-9]+/[0-9]+", re.ASCII
)


def _param(text: str) -> tuple[str, str]:
    """`NAME=VALUE` with VALUE an integer, a decimal or a fraction such as `1/100`, in ASCII
    digits; the value is returned as its text, to be read exactly and range-checked by the
    command (`derive` and `codegen` alike: see `_exact`), so that an error there is one line."""
    m = _PARAM.fullmatch(text)
    if not m:
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    name, value = m.groups()
    if not _NUMBER.fullmatch(value):
        raise argparse.ArgumentTypeError(f"{name}: expected a number, got {value[:40]!r}")
    if "/" in value and not value.split("/")[1].strip("0"):
        raise argparse.ArgumentTypeError(f"{name}: division by zero in {value[:40]!r}")
    return name, value.removeprefix("+")


#: Highest derivative `codegen` prints (the numeric plans go to 3).
CODEGEN_MAX_ORDER = 3


# ---------------------------------------------------------------------------------------------
# Parser


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (exposed for documentation and tests)."""
    parser = _Parser(
        prog=PROG,
        description="Activation functions declared once in SymPy; every fact derived.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("list", help="list the catalogue: name, family, summary")
    p.add_argument("--family", metavar="F", help="only this family")

    p = sub.add_parser("show", help="formula, derivatives and every fact of an activation")
    p.add_argument("name", metavar="NAME", help="a catalogue name or alias (any case)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="print the JSON object")
    fmt.add_argument("--latex", action="store_true", help="print f, f' and f'' in LaTeX")
    _analysis_options(p, budget=SHOW_BUDGET)

    p = sub.add_parser("diff", help="the n-th derivative of a catalogue entry or a formula")
    p.add_argument("target", metavar="NAME_OR_FORMULA", help='e.g. gelu or "x*sigmoid(x)"')
    p.add_argument(
        "-n",
        "--order",
        type=_int_between("ORDER", 1, MAX_ORDER),
        default=1,
        metavar="ORDER",
        help="1 to 10 (default 1)",
    )
    p.add_argument(
        "--format",
        choices=("pretty", "latex", "python"),
        default="pretty",
        help="pretty Unicode (default), LaTeX or a Python expression",
    )
    p.add_argument(
        "--defaults",
        action="store_true",
        help="substitute the default parameters (symbolic parameters otherwise)",
    )

    p = sub.add_parser("derive", help="analyse your own formula like `show`")
    p.add_argument("formula", metavar="FORMULA", help='e.g. "x*tanh(softplus(x))"')
    p.add_argument(
        "--param",
        type=_param,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="declare a parameter and its default (repeatable)",
    )
    p.add_argument("--name", default="custom", help="a snake_case name (default: custom)")
    p.add_argument("--json", action="store_true", help="print the JSON object")
    _analysis_options(p, budget=CLI_BUDGET)

    p = sub.add_parser("codegen", help="a standalone function in NumPy, PyTorch, JAX, C or JS")
    p.add_argument("name", metavar="NAME", help="a catalogue name or alias (any case)")
    p.add_argument(
        "--derivative",
        type=_int_between("N", 0, CODEGEN_MAX_ORDER),
        default=0,
        metavar="N",
        help=f"the N-th derivative, 0 to {CODEGEN_MAX_ORDER} (default 0: the function)",
    )
    p.add_argument(
        "--target",
        default="numpy",
        metavar="TARGET",
        help="numpy (default), torch, jax, c or js",
    )
    p.add_argument(
        "--param",
        type=_param,
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter value instead of its default (repeatable)",
    )
    p = sub.add_parser("site", help="build or serve the glossary website")
    site = p.add_subparsers(dest="site_command", metavar="ACTION", required=True)
    b = site.add_parser("build", help="render the website into a directory (default: site/)")
    b.add_argument("--out", default="site", metavar="DIR", help="output directory (default site)")
    b.add_argument("--quiet", action="store_true", help="no progress lines")
    s = site.add_parser("serve", help="serve the website with live reload")
    s.add_argument(
        "--address",
        default="127.0.0.1:8000",
        type=_address,
        metavar="HOST:PORT",
        help="where to serve (default 127.0.0.1:8000)",
    )
    return parser


def _address(text: str) -> str:
    host, sep, port = text.rpartition(":")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, got {text!r}")
    return text


#: Seconds (wall time) `derive` gives an analysis of a user's formula by default: a terminal
#: deserves an answer in reasonable time; what the analysis has not reached by then is
#: "undetermined".
CLI_BUDGET = 30.0
#: `show`'s default: a catalogue entry's analysis gets the library's whole budget (the slowest
#: take a few minutes cold on 2 cores, and only a complete analysis is cached).
SHOW_BUDGET = 240.0


def _budget(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"SECONDS must be a number, got {text!r}") from None
    if not 0 < seconds <= 86400:
        raise argparse.ArgumentTypeError(f"SECONDS must be between 0 and 86400, got {text}")
    return seconds


def _analysis_options(p: argparse.ArgumentParser, *, budget: float) -> None:
    p.add_argument(
        "--eps", type=_eps, default=0.01, help="saturation threshold on |f'| (default 0.01)"
    )
    p.add_argument("--no-cache", action="store_true", help="analyse afresh, ignoring the cache")
    p.add_argument(
        "--budget",
        type=_budget,
        default=budget,
        metavar="SECONDS",
        help=f"time the analysis may take (default {budget:g}); facts not reached by then"
        " are reported undetermined (a cached complete analysis is used at once)",
    )


# ---------------------------------------------------------------------------------------------
# Commands


def _cmd_list(args: argparse.Namespace, out: _Out) -> int:
    from symact.catalog import ACTIVATIONS, FAMILIES
    from symact.report import format_list

    acts = list(ACTIVATIONS.values())
    if args.family is not None:
        family = args.family.strip().lower()
        if family not in FAMILIES:
            raise UsageError(
                f"unknown family {args.family!r}; valid families: {', '.join(FAMILIES)}"
            )
        acts = [a for a in acts if a.family == family]
    out.print(format_list(acts, unicode=out.unicode))
    return 0


def _print_activation(
    act: Activation, args: argparse.Namespace, out: _Out, *, same: bool = False
) -> None:
    """`show` or `derive`: the analysis as text, JSON or LaTeX; with `same`, also which
    catalogue entries the function is (`derive`)."""
    from symact.analysis import analyse
    from symact.report import activation_json, format_latex, format_same, format_show, same_json

    waiting = None
    if sys.stderr is not None and sys.stderr.isatty():  # say why nothing happens yet
        waiting = threading.Timer(
            1.5,
            lambda: print(
                f"{PROG}: analysing {act.name} (at most {args.budget:g} s; --budget SECONDS"
                " changes it) …",
                file=sys.stderr,
                flush=True,
            ),
        )
        waiting.daemon = True
        waiting.start()
    try:
        analysis = analyse(act, eps=args.eps, cache=not args.no_cache, budget=args.budget)
    finally:
        if waiting is not None:
            waiting.cancel()
    late = [f for f in analysis.values() if f.how == "undetermined" and "budget before" in f.note]
    if late:
        print(
            f"{PROG}: the analysis ran out of its {args.budget:g} s budget; {len(late)} of"
            f" {len(analysis)} facts are undetermined (--budget SECONDS allows more time)",
            file=sys.stderr,
            flush=True,
        )
    matches = _same_as(act) if same else None
    if args.json:
        # On a terminal without Unicode, JSON's \u escapes keep every character (lossless).
        data = activation_json(act, analysis)
        data["shared_names"] = {k: list(v) for k, v in _shared(act).items()}
        if same:
            data["same_as"] = same_json(matches)
        out.print(json.dumps(data, indent=2, ensure_ascii=not out.unicode))
    elif getattr(args, "latex", False):
        out.print(format_latex(act, analysis))
    else:
        text = format_show(act, analysis, unicode=out.unicode, shared=_shared(act))
        if same:
            text += "\n\n" + format_same(matches, unicode=out.unicode)
        out.print(text)


#: CPU seconds for finding a formula among the catalogue's entries (`derive`).
SAME_BUDGET = 30.0


def _shared(act: Activation) -> dict[str, tuple[str, ...]]:
    """The names `act` shares with other functions (`catalog.sharing_names`); none for a
    function that is not the catalogue's own entry (a user's formula)."""
    from symact.catalog import ACTIVATIONS, sharing_names

    return sharing_names(act.name) if ACTIVATIONS.get(act.name) is act else {}


def _same_as(act: Activation) -> list[Match] | None:
    """The catalogue entries `act` is (at its defaults), searched in a child process within
    `SAME_BUDGET`; None where the search did not finish."""
    from symact.analysis import same_as
    from symact.analysis._budget import within
    from symact.catalog import ACTIVATIONS

    expr, acts = act.at(), list(ACTIVATIONS.values())
    outcome = within(SAME_BUDGET, lambda: same_as(expr, acts), "finding the same function")
    return outcome.value if outcome.ok else None


def _cmd_show(args: argparse.Namespace, out: _Out) -> int:
    from symact.catalog import get

    _print_activation(get(args.name), args, out)
    return 0


_IDENTIFIER = re.compile(r"^\s*[A-Za-z][A-Za-z0-9_]*\s*$")


#: Seconds (wall time: someone is waiting) `diff` may spend on each of its steps: reading a
#: formula, differentiating (with any simplification) and printing; `derive` reads its formula
#: within the first. They run in a child process that is stopped when a budget is spent, so a
#: formula whose derivative explodes gets one line, not a hang.
READ_BUDGET, DIFF_BUDGET, PRINT_BUDGET = 10.0, 30.0, 10.0


def _cmd_diff(args: argparse.Namespace, out: _Out) -> int:
    import sympy as sp

    from symact.analysis._budget import within_each
    from symact.catalog import UnknownActivation, get
    from symact.formula import FormulaError

    target: str = args.target
    act: Activation | None
    try:
        act = get(target)
    except UnknownActivation:
        if _IDENTIFIER.match(target) and target.strip().lower() != "x":
            raise  # a bare name that is not in the catalogue: say so, with suggestions
        act = None
    # The steps run in turn in one child process, each with its own budget; they hand their
    # results on in `state` (the child's memory), so that only the text comes back.
    state: dict[str, sp.Expr] = {}

    def read() -> tuple[str, str]:
        from symact.formula import parse

        try:
            if act is None:
                state["f"] = parse(target, {})
        except FormulaError as exc:
            return ("error", str(exc))
        return ("ok", "")

    def differentiate() -> tuple[str, str]:
        from symact.analysis._derive import derivative
        from symact.declare import X

        if act is None:
            state["d"] = derivative(state["f"], X, args.order)
        else:
            state["d"] = derivative(act.at() if args.defaults else act.expr, X, args.order)
        return ("ok", "")

    def show() -> tuple[str, str]:
        from symact.report import PRETTY_MAX_NODES, TooLargeToDrawError, format_derivative

        try:
            return ("ok", format_derivative(state["d"], args.format, unicode=out.unicode))
        except TooLargeToDrawError:
            limit = f"more than {PRETTY_MAX_NODES} nodes"
            return (
                "error",
                f"the derivative is too large to pretty-print ({limit}):"
                " use --format python or --format latex",
            )

    steps = [
        ("reading the formula", read, READ_BUDGET),
        (f"the derivative of order {args.order}", differentiate, DIFF_BUDGET),
        ("printing the derivative", show, PRINT_BUDGET),
    ]
    budgets = [b for _, _, b in steps]
    outcomes = within_each(budgets, [fn for _, fn, _ in steps], "diff", wall=True)
    text = ""
    for (what, _, budget), outcome in zip(steps, outcomes, strict=True):
        if outcome.timed_out:
            raise UsageError(
                f"{what} exceeded its {budget:g} s budget"
                + ("; try --format python" if what.startswith("printing") else "")
            )
        if not outcome.ok or outcome.value is None:
            raise UsageError(f"{what} failed: {outcome.reason}")
        kind, text = outcome.value
        if kind == "error":
            if what.startswith("reading"):
                raise FormulaError(text)
            raise UsageError(text)
    label = "f" if act is None else act.name
    if args.format == "pretty":
        out.print(f"{_d_dx(args.order, out.unicode)} {label}(x) =\n\n{text}")
    else:
        out.print(text)
    return 0


_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _d_dx(n: int, unicode: bool) -> str:
    if n == 1:
        return "d/dx"
    if unicode:
        s = str(n).translate(_SUPERSCRIPT)
        return f"d{s}/dx{s}"
    return f"d^{n}/dx^{n}"


def _cmd_derive(args: argparse.Namespace, out: _Out) -> int:
    from symact.analysis._budget import isolated, within
    from symact.declare import Activation
    from symact.formula import FormulaError, parse_activation

    params: dict[str, int | float | str] = {}
    for name, value in args.param:
        if name in params:
            raise UsageError(f"parameter {name!r} is given twice")
        params[name] = value

    def read() -> tuple[str, object]:
        try:
            return ("ok", parse_activation(args.name, args.formula, params=params))
        except FormulaError as exc:
            return ("formula", str(exc))
        except ValueError as exc:  # the declaration refused it: a bad --name or parameter
            return ("usage", str(exc))

    # Read in a child process under a budget: SymPy builds nested min/max and piecewise
    # definitions slowly (a few dozen nodes can take a minute), and the limits cannot see it.
    outcome = within(READ_BUDGET, read, "reading the formula", wall=True)
    if not outcome.ok or outcome.value is None:
        raise UsageError(outcome.reason)
    kind, value = outcome.value
    if kind == "formula":
        raise FormulaError(str(value))
    if kind == "usage" or not isinstance(value, Activation):
        raise UsageError(str(value))
    with isolated():  # a formula someone typed: every step in a child a timer cannot miss
        _print_activation(value, args, out, same=True)
    return 0


def _exact(name: str, value: int | float | str) -> Fraction:
    """A `--param` value as an exact fraction, never sympified, after the checks `derive`'s
    parameters get (`symact.formula`'s: at most 30 digits, magnitudes from 1e-300 to 1e300,
    exactly 0 allowed); a `FormulaError` (one line) otherwise."""
    from symact.formula import _param_default

    return Fraction(_param_default(name, value))


def _cmd_codegen(args: argparse.Namespace, out: _Out) -> int:
    import sympy as sp

    from symact.catalog import get
    from symact.numerics.codegen import TARGETS, generate

    target = args.target.strip().lower()
    if target not in TARGETS:
        raise UsageError(f"unknown target {args.target!r}; valid targets: {', '.join(TARGETS)}")
    act = get(args.name)
    params: dict[str, sp.Expr] = {}
    for name, value in args.param:
        if name in params:
            raise UsageError(f"parameter {name!r} is given twice")
        if name not in act.symbols:
            valid = ", ".join(act.symbols) or "none"
            raise UsageError(f"{act.name} has no parameter {name!r} (parameters: {valid})")
        exact = _exact(name, value)
        params[name] = sp.Rational(exact.numerator, exact.denominator)
    from symact.analysis._budget import isolated

    try:
        with isolated() if params else contextlib.nullcontext():  # values someone typed
            code = generate(act, target, args.derivative, **params)
    except ValueError as exc:  # a parameter the plan cannot keep, a name it cannot print
        raise UsageError(str(exc)) from None
    out.print(code.rstrip("\n"))
    return 0


def _cmd_site(args: argparse.Namespace, out: _Out) -> int:
    from symact._interrupt import checkpoint
    from symact.site.build import SiteError, build_site, serve_site

    def progress(text: str) -> None:
        print(f"{PROG} site: {text}", file=sys.stderr, flush=True)

    try:
        if args.site_command == "build":
            done = build_site(args.out, progress=None if args.quiet else progress)
            out.print(f"built the site in {done}")
        else:
            serve_site(args.address)
            checkpoint()  # MkDocs' server returns after a SIGTERM, once it has cleaned up
    except SiteError as exc:
        return _error(_one_line(str(exc)))
    return 0


_COMMANDS: dict[str, Callable[[argparse.Namespace, _Out], int]] = {
    "list": _cmd_list,
    "show": _cmd_show,
    "diff": _cmd_diff,
    "derive": _cmd_derive,
    "codegen": _cmd_codegen,
    "site": _cmd_site,
}


# ---------------------------------------------------------------------------------------------
# Entry point


def _error(message: str) -> int:
    err = sys.stderr
    line = f"{PROG}: {message}"
    if not _can_encode(err, line):
        from symact.report import to_ascii

        line = to_ascii(line)
    try:
        err.write(line + "\n")
        err.flush()
    except (BrokenPipeError, OSError):  # pragma: no cover - nowhere left to complain
        pass
    return 2


def _silence_stdout() -> None:
    """After a broken pipe: point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI with `argv` (default: `sys.argv[1:]`); returns the exit status."""
    from symact._interrupt import Terminated, install

    try:
        with install():
            return _main(argv)
    except Terminated:
        _error("terminated")
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        _error("interrupted")
        return 130


def _dash_hint(argv: Sequence[str]) -> str:
    """A hint when a formula that starts with `-` was read as an option."""
    words = list(argv)
    command = next((w for w in words if not w.startswith("-")), "")
    if command in ("diff", "derive") and any(
        re.match(r"-[^-]", w) and w not in ("-n", "-h") and not w.startswith("-n") for w in words
    ):
        return f"; a formula that starts with '-' goes after '--': {PROG} {command} -- '-x^2'"
    return ""


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    words = sys.argv[1:] if argv is None else list(argv)
    try:
        args = parser.parse_args(words)
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except UsageError as exc:
        return _error(_one_line(str(exc)) + _dash_hint(words))

    from symact.catalog import UnknownActivation
    from symact.formula import FormulaError

    if sys.stdout is None:
        return _error("standard output is closed")
    out = _Out(sys.stdout)
    try:
        status = _COMMANDS[args.command](args, out)
        out.flush()
        return status
    except UnknownActivation as exc:
        return _error(str(exc))
    except (FormulaError, UsageError) as exc:
        return _error(_one_line(str(exc)))
    except BrokenPipeError:
        _silence_stdout()
        return 141  # 128 + SIGPIPE, as a shell reports a process killed by a closed pipe
    except OutputError as exc:
        _silence_stdout()
        return _error(str(exc))


def _one_line(message: str) -> str:
    return " ".join(message.split()) or "invalid input"
