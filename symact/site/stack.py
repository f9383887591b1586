"""Why a stack of linear layers is one linear layer, shown by SymPy rather than typed in.

The glossary's non-linearity page shows two affine layers without an activation between them,
expanded by SymPy into one affine map: the weight is the product of the weights and the bias
collects the rest. The shapes are concrete (3 inputs, 4 hidden units, 2 outputs) so that SymPy
checks that every product is defined.
"""

from __future__ import annotations

import sympy as sp

from symact._store import memo
from symact.site.mathml import mathml

__all__ = ["linear_collapse"]


@memo(maxsize=None)
def linear_collapse() -> str:
    """Markdown: the two-layer expression, its expansion, and the single layer it equals."""
    x = sp.MatrixSymbol("x", 3, 1)
    w1, b1 = sp.MatrixSymbol("W_1", 4, 3), sp.MatrixSymbol("b_1", 4, 1)
    w2, b2 = sp.MatrixSymbol("W_2", 2, 4), sp.MatrixSymbol("b_2", 2, 1)
    stacked = w2 * (w1 * x + b1) + b2
    expanded = sp.expand(stacked)
    terms = expanded.args if isinstance(expanded, sp.MatAdd) else (expanded,)
    linear = [t for t in terms if x in t.free_symbols]
    rest = [t for t in terms if x not in t.free_symbols]
    if len(linear) != 1:  # pragma: no cover - SymPy's expansion is the claim being shown
        raise AssertionError(f"expansion did not isolate one term in x: {expanded}")
    weight = sp.MatMul(*[a for a in linear[0].args if a != x])
    bias = sp.MatAdd(*rest)
    product = sp.MatMul(weight, x)
    check = sp.expand(product + bias - stacked)
    if check != sp.ZeroMatrix(2, 1) and check != 0:  # pragma: no cover
        raise AssertionError(f"the single layer differs from the stack: {check}")
    tex = sp.latex
    lines = [
        "Two layers with no activation between them (3 inputs, 4 hidden units, 2 outputs), "
        "expanded by SymPy:",
        "",
        mathml(f"{tex(stacked)} = {tex(expanded)}", display=True),
        "",
        "which is one layer with weight and bias",
        "",
        mathml(
            f"W = {tex(weight)} \\in \\mathbb{{R}}^{{{weight.shape[0]} \\times {weight.shape[1]}}},"
            f" \\quad b = {tex(bias)}",
            display=True,
        ),
        "",
        "so the hidden layer adds nothing a single layer could not do. An activation between "
        "the layers is what stops this collapse.",
    ]
    return "\n".join(lines)
