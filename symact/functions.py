"""Named primitives: SymPy functions whose derivatives stay readable.

Each primitive is defined once, by [`definition`][symact.functions.Primitive.definition],
in elementary functions. Its derivative (`fdiff`) is written with other primitives, so that
SymPy prints $\\sigma'(x) = \\sigma(x)\\,(1 - \\sigma(x))$ rather than a tower of exponentials.
The analysis rewrites primitives with [`to_elementary`][symact.functions.to_elementary] when it
needs limits, roots or ranges.
"""

from __future__ import annotations

from typing import ClassVar

import sympy as sp

__all__ = [
    "PRIMITIVES",
    "Primitive",
    "count_nodes",
    "normal_cdf",
    "normal_pdf",
    "sigmoid",
    "softplus",
    "to_elementary",
]


class Primitive(sp.Function):  # type: ignore[misc]
    """A named one-argument function with an elementary definition."""

    nargs = 1
    #: How the primitive is printed in LaTeX (the argument follows in parentheses).
    latex_name: ClassVar[str] = ""
    #: How the primitive is printed by `sympy.pretty` (the argument follows in parentheses).
    pretty_name: ClassVar[str] = ""
    #: What the primitive is, in a few words, for a reader who meets its symbol in a formula.
    meaning: ClassVar[str] = ""

    @classmethod
    def definition(cls, u: sp.Expr) -> sp.Expr:
        """The primitive at `u`, in elementary functions."""
        raise NotImplementedError

    def _eval_rewrite_as_exp(self, u: sp.Expr, **kwargs: object) -> sp.Expr:
        return self.definition(u)

    def _eval_is_real(self) -> bool | None:
        return self.args[0].is_real  # type: ignore[no-any-return]

    def _eval_evalf(self, prec: int) -> sp.Expr:
        return self.definition(self.args[0])._eval_evalf(prec)  # type: ignore[no-any-return]

    def _latex(self, printer: sp.printing.latex.LatexPrinter, exp: str | None = None) -> str:
        # SymPy passes `exp` for a power: σ(x)² prints as σ^{2}(x), as it prints sin²(x).
        name = self.latex_name if exp is None else f"{self.latex_name}^{{{exp}}}"
        return rf"{name}\left({printer._print(self.args[0])}\right)"

    def _pretty(self, printer: sp.printing.pretty.pretty.PrettyPrinter) -> object:
        unicode = bool(getattr(printer, "_use_unicode", True))
        name = self.pretty_name if unicode and self.pretty_name else type(self).__name__
        return printer._print_Function(self, func_name=name)

    def _sympystr(self, printer: sp.printing.str.StrPrinter) -> str:
        return f"{type(self).__name__}({printer._print(self.args[0])})"


class sigmoid(Primitive):  # noqa: N801 - named like the function it is
    r"""The logistic sigmoid $\sigma(u) = 1/(1 + e^{-u})$."""

    latex_name = r"\sigma"
    pretty_name = "σ"
    meaning = "the logistic sigmoid"

    @classmethod
    def definition(cls, u: sp.Expr) -> sp.Expr:
        return 1 / (1 + sp.exp(-u))

    @classmethod
    def eval(cls, u: sp.Expr) -> sp.Expr | None:
        if u.is_zero:
            return sp.S.Half
        if u is sp.S.Infinity:
            return sp.S.One
        if u is sp.S.NegativeInfinity:
            return sp.S.Zero
        return None

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_extended_real else None


class softplus(Primitive):  # noqa: N801
    r"""The softplus $\operatorname{softplus}(u) = \log(1 + e^{u})$."""

    latex_name = r"\operatorname{softplus}"
    pretty_name = "softplus"
    meaning = "the softplus, a smooth ReLU"

    @classmethod
    def definition(cls, u: sp.Expr) -> sp.Expr:
        return sp.log(1 + sp.exp(u))

    @classmethod
    def eval(cls, u: sp.Expr) -> sp.Expr | None:
        if u.is_zero:
            return sp.log(2)
        if u is sp.S.Infinity:
            return sp.S.Infinity
        if u is sp.S.NegativeInfinity:
            return sp.S.Zero
        return None

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return sigmoid(self.args[0])

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_extended_real else None


class normal_cdf(Primitive):  # noqa: N801
    r"""The standard normal CDF $\Phi(u) = \tfrac12\,(1 + \operatorname{erf}(u/\sqrt2))$."""

    latex_name = r"\Phi"
    pretty_name = "Φ"
    meaning = "the cumulative distribution function of the standard normal distribution"

    @classmethod
    def definition(cls, u: sp.Expr) -> sp.Expr:
        return (1 + sp.erf(u / sp.sqrt(2))) / 2

    @classmethod
    def eval(cls, u: sp.Expr) -> sp.Expr | None:
        if u.is_zero:
            return sp.S.Half
        if u is sp.S.Infinity:
            return sp.S.One
        if u is sp.S.NegativeInfinity:
            return sp.S.Zero
        return None

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        return normal_pdf(self.args[0])

    def _eval_rewrite_as_erf(self, u: sp.Expr, **kwargs: object) -> sp.Expr:
        return self.definition(u)

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_extended_real else None


class normal_pdf(Primitive):  # noqa: N801
    r"""The standard normal density $\varphi(u) = e^{-u^2/2}/\sqrt{2\pi}$."""

    latex_name = r"\varphi"
    pretty_name = "φ"
    meaning = "the density of the standard normal distribution"

    @classmethod
    def definition(cls, u: sp.Expr) -> sp.Expr:
        return sp.exp(-(u**2) / 2) / sp.sqrt(2 * sp.pi)

    @classmethod
    def eval(cls, u: sp.Expr) -> sp.Expr | None:
        if u.is_zero:
            return 1 / sp.sqrt(2 * sp.pi)
        if u in (sp.S.Infinity, sp.S.NegativeInfinity):
            return sp.S.Zero
        return None

    def fdiff(self, argindex: int = 1) -> sp.Expr:
        u = self.args[0]
        return -u * normal_pdf(u)

    def _eval_is_positive(self) -> bool | None:
        return True if self.args[0].is_extended_real else None


#: The primitives by name (the names users may call in formulas).
PRIMITIVES: dict[str, type[Primitive]] = {
    cls.__name__: cls for cls in (sigmoid, softplus, normal_cdf, normal_pdf)
}


def to_elementary(expr: sp.Expr) -> sp.Expr:
    """`expr` with every primitive replaced by its elementary definition."""
    return expr.replace(  # type: ignore[no-any-return]
        lambda e: isinstance(e, Primitive),
        lambda e: type(e).definition(e.args[0]),
    )


def count_nodes(expr: sp.Basic, stop: int) -> int:
    """The nodes of `expr`'s tree (a shared subtree counts each time), counted up to `stop + 1`:
    a size check that costs no more than the limit, however large the tree."""
    n = 0
    for _ in sp.preorder_traversal(expr):
        n += 1
        if n > stop:
            break
    return n
