"""Shrinkage functions: zero (or small) near the origin, pulled towards it elsewhere."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import keras, torch
from symact.catalog.sigmoidal import tanh
from symact.declare import Activation, Param, Reference, X

_soft_lambd = Param("lambd", "1/2", "half-width of the dead zone", positive=True, shown_as="lambda")
softshrink = Activation(
    name="softshrink",
    title="Soft shrinkage",
    family="shrinkage",
    summary="Soft thresholding from wavelet denoising: shrinks inputs toward zero.",
    expr=sp.Piecewise(
        (X - _soft_lambd.symbol, sp.Gt(X, _soft_lambd.symbol)),
        (X + _soft_lambd.symbol, sp.Lt(X, -_soft_lambd.symbol)),
        (0, True),
    ),
    params=(_soft_lambd,),
    aliases=("soft_shrink", "soft_threshold"),
    reference=Reference(
        "D. L. Donoho",
        1995,
        "De-noising by soft-thresholding",
        "https://doi.org/10.1109/18.382009",
    ),
    frameworks=(
        torch("softshrink", gradient_at={"-1/2": 0, "1/2": 0}, lambd=0.5),
        keras("soft_shrink", threshold=0.5),
    ),
)

_hard_lambd = Param("lambd", "1/2", "half-width of the dead zone", positive=True, shown_as="lambda")
hardshrink = Activation(
    name="hardshrink",
    title="Hard shrinkage",
    family="shrinkage",
    summary="Hard thresholding from wavelet shrinkage: zeroes small inputs and keeps the rest.",
    expr=sp.Piecewise(
        (X, sp.Gt(X, _hard_lambd.symbol)),
        (X, sp.Lt(X, -_hard_lambd.symbol)),
        (0, True),
    ),
    params=(_hard_lambd,),
    aliases=("hard_shrink", "hard_threshold"),
    reference=Reference(
        "D. L. Donoho, I. M. Johnstone",
        1994,
        "Ideal spatial adaptation by wavelet shrinkage",
        "https://doi.org/10.1093/biomet/81.3.425",
    ),
    frameworks=(
        torch("hardshrink", gradient_at={"-1/2": 0, "1/2": 0}, lambd=0.5),
        keras("hard_shrink", threshold=0.5),
    ),
)

tanhshrink = Activation(
    name="tanhshrink",
    title="Tanh shrinkage",
    family="shrinkage",
    summary="The input minus its tanh, as in Torch's TanhShrink.",
    expr=X - tanh.expr,
    aliases=("tanh_shrink",),
    reference=Reference(
        "R. Collobert, K. Kavukcuoglu, C. Farabet",
        2011,
        "Torch7 nn: transfer functions (TanhShrink)",
        "https://github.com/torch/nn/blob/master/doc/transfer.md",
    ),
    frameworks=(torch("tanhshrink"), keras("tanh_shrink")),
)


# Read: onnx/onnx docs/Operators.md, Shrink (opset 9): y = x + bias if x < -lambd,
# y = x - bias if x > lambd, 0 otherwise; lambd default 0.5, bias default 0. At the defaults it
# is hardshrink; with bias = lambd it is softshrink.
_sh_lambd = Param(
    "lambd", "1/2", "half-width of the zeroed interval", nonnegative=True, shown_as="lambda"
)
_sh_bias = Param("bias", 0, "amount pulled towards zero outside the interval")
shrink = Activation(
    name="shrink",
    title="Shrink (ONNX)",
    family="shrinkage",
    summary="Zero on [-lambd, lambd], shifted towards zero by bias outside; hard or soft shrink.",
    expr=sp.Piecewise(
        (X - _sh_bias.symbol, _sh_lambd.symbol < X),
        (X + _sh_bias.symbol, -_sh_lambd.symbol > X),
        (0, True),
    ),
    params=(_sh_lambd, _sh_bias),
    reference=Reference(
        "ONNX contributors",
        2018,
        "ONNX Operators: Shrink",
        "https://github.com/onnx/onnx/blob/main/docs/Operators.md#Shrink",
    ),
    equals_at_defaults=("hardshrink",),
)


DECLARED: tuple[Activation, ...] = (
    softshrink,
    hardshrink,
    tanhshrink,
    shrink,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
PENDING: tuple[Activation, ...] = ()
