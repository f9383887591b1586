"""SymPy's 2-D pretty printing of an expression, as `symact diff` shows it and the generated
code's docstrings quote it: the one drawing of a formula that every renderer shares."""

from __future__ import annotations

import contextlib
import sys
import types
from collections.abc import Iterator

import sympy as sp
from sympy.printing.pretty.pretty import PrettyPrinter
from sympy.printing.pretty.pretty_symbology import pretty_use_unicode
from sympy.printing.pretty.stringpict import prettyForm

from symact.functions import count_nodes

__all__ = ["PRETTY_MAX_NODES", "TooLargeToDrawError", "drawing", "too_large"]

#: The largest expression (nodes of its SymPy tree) drawn by the 2-D pretty printer. Its time
#: grows faster than the size (1 s at 900 nodes, 3.5 s at 2000, 20 s at 5000, measured), while
#: the LaTeX and Python printers take under 1.5 s at 20000; and a drawing past a thousand nodes
#: is pages of unreadable text anyway.
PRETTY_MAX_NODES = 1000


class TooLargeToDrawError(ValueError):
    """An expression too large for the 2-D pretty printer (see `PRETTY_MAX_NODES`)."""


class _PrettyPrinter(PrettyPrinter):  # type: ignore[misc]
    """SymPy's pretty printer, except that `negative_slope` stays `negative_slope`.

    SymPy would print it as `negativeₛₗₒₚₑ` (underscores mean subscripts to SymPy).
    """

    def _print_Symbol(self, e: sp.Symbol, bold_name: bool = False) -> object:  # noqa: N802
        if "_" in e.name:
            return prettyForm(e.name)
        return super()._print_Symbol(e, bold_name)


@contextlib.contextmanager
def _no_units_import() -> Iterator[None]:
    """Spare the pretty printer the import of `sympy.physics.units` (a quarter of a second).

    SymPy's `PrettyPrinter._print_Mul` imports `sympy.physics.units.Quantity` only to move
    physical quantities to the end of a product; activations contain none. While printing, a
    stand-in module whose `Quantity` nothing is an instance of takes its place; it is removed
    afterwards, so a later real import of `sympy.physics.units` is unaffected.
    """
    name = "sympy.physics.units"
    if name in sys.modules:
        yield
        return

    class Quantity:
        pass

    stub = types.ModuleType(name)
    stub.Quantity = Quantity  # type: ignore[attr-defined]
    sys.modules[name] = stub
    try:
        yield
    finally:
        if sys.modules.get(name) is stub:
            del sys.modules[name]


def too_large(expr: sp.Basic) -> bool:
    """Whether `expr` has more than `PRETTY_MAX_NODES` nodes."""
    return count_nodes(expr, PRETTY_MAX_NODES) > PRETTY_MAX_NODES


def drawing(expr: sp.Expr, unicode: bool = True) -> str:
    """The 2-D drawing of `expr` (with SymPy's Unicode symbols unless `unicode` is false);
    [`TooLargeToDrawError`][symact.pretty.TooLargeToDrawError] past `PRETTY_MAX_NODES`."""
    if too_large(expr):
        raise TooLargeToDrawError(
            f"the expression is too large to pretty-print (more than {PRETTY_MAX_NODES}"
            " nodes); print it as LaTeX or Python instead"
        )
    printer = _PrettyPrinter({"use_unicode": unicode})
    flag = pretty_use_unicode(unicode)
    try:
        with _no_units_import():
            return str(printer.doprint(expr))
    finally:
        pretty_use_unicode(flag)
