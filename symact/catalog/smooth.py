"""Smooth rectifiers: differentiable approximations of max(0, x) (or of min(0, x))."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import BLONDEL_2020, jax, keras, torch
from symact.catalog.sigmoidal import sigmoid
from symact.declare import Activation, Param, Reference, X
from symact.functions import softplus as _softplus

_beta = Param("beta", 1, "sharpness: larger beta is closer to ReLU", positive=True)
softplus = Activation(
    name="softplus",
    title="Softplus",
    family="smooth rectifier",
    summary="A soft version of ReLU with adjustable sharpness, from Dugas et al.",
    expr=_softplus(_beta.symbol * X) / _beta.symbol,
    params=(_beta,),
    aliases=("smooth_relu",),
    reference=Reference(
        "C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia",
        2000,
        "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
        "https://papers.nips.cc/paper/1920-incorporating-second-order-functional-knowledge-for-better-option-pricing",
    ),
    frameworks=(
        torch(
            "softplus", "PyTorch returns x itself where beta·x > threshold", beta=1, threshold=20
        ),
        keras("softplus"),
        jax("softplus"),
    ),
)

logsigmoid = Activation(
    name="logsigmoid",
    title="Log-sigmoid",
    family="smooth rectifier",
    summary="The logarithm of the logistic sigmoid, as in Torch's LogSigmoid.",
    expr=sp.log(sigmoid.expr),
    aliases=("log_sigmoid",),
    reference=Reference(
        "R. Collobert, K. Kavukcuoglu, C. Farabet",
        2011,
        "Torch7 nn: transfer functions (LogSigmoid)",
        "https://github.com/torch/nn/blob/master/doc/transfer.md",
    ),
    frameworks=(torch("logsigmoid"), keras("log_sigmoid"), jax("log_sigmoid")),
)

shifted_softplus = Activation(
    name="shifted_softplus",
    title="Shifted softplus",
    family="smooth rectifier",
    summary="Softplus shifted by a constant, as used in SchNet.",
    expr=softplus.of(X, beta=sp.Integer(1)) - sp.log(2),
    aliases=("ssp",),
    reference=Reference(
        "K. T. Schütt, P.-J. Kindermans, H. E. Sauceda, S. Chmiela, A. Tkatchenko, K.-R. Müller",
        2017,
        "SchNet: A continuous-filter convolutional neural network for modeling quantum "
        "interactions",
        "https://arxiv.org/abs/1706.08566",
    ),
)

_b = Param("b", 4, "curvature near 0 (b = 0 gives ReLU); must not be negative", nonnegative=True)
squareplus = Activation(
    name="squareplus",
    title="Squareplus",
    family="smooth rectifier",
    summary="An algebraic softplus-like rectifier without exponentials (Barron 2021).",
    expr=(X + sp.sqrt(X**2 + _b.symbol)) / 2,
    params=(_b,),
    reference=Reference(
        "J. T. Barron",
        2021,
        "Squareplus: A Softplus-Like Algebraic Rectifier",
        "https://arxiv.org/abs/2112.11687",
    ),
    frameworks=(keras("squareplus", b=4), jax("squareplus", b=4)),
)

sparse_plus = Activation(
    name="sparse_plus",
    title="Sparse plus",
    family="smooth rectifier",
    summary="A piecewise-quadratic softplus from Fenchel-Young losses; pairs with sparse sigmoid.",
    expr=sp.Piecewise((0, X <= -1), (X, X >= 1), ((X + 1) ** 2 / 4, True)),
    aliases=("sparseplus",),
    reference=BLONDEL_2020,
    frameworks=(keras("sparse_plus"), jax("sparse_plus")),
)

DECLARED: tuple[Activation, ...] = (
    softplus,
    logsigmoid,
    shifted_softplus,
    squareplus,
    sparse_plus,
)
