"""Rectifiers: piecewise-linear units built around max(0, x)."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import jax, keras, torch
from symact.declare import Activation, Param, Reference, X

relu = Activation(
    name="relu",
    title="Rectified linear unit (ReLU)",
    family="rectifier",
    summary="The rectified linear unit: passes positive inputs and zeroes negative ones.",
    expr=sp.Max(0, X),
    aliases=("rectifier",),
    reference=Reference(
        "V. Nair, G. E. Hinton",
        2010,
        "Rectified Linear Units Improve Restricted Boltzmann Machines",
        "https://www.cs.toronto.edu/~hinton/absps/reluICML.pdf",
    ),
    frameworks=(
        torch("relu", gradient_at={0: 0}),
        keras("relu", negative_slope=0.0, max_value=None, threshold=0.0),
        jax("relu", gradient_at={0: 0}),
    ),
)

_slope = Param("negative_slope", "1/100", "slope for negative inputs")
leaky_relu = Activation(
    name="leaky_relu",
    title="Leaky ReLU",
    family="rectifier",
    summary="A ReLU with a small slope for negative inputs, so no unit dies (Maas et al. 2013).",
    expr=sp.Piecewise((X, X >= 0), (_slope.symbol * X, True)),
    params=(_slope,),
    aliases=("lrelu", "leaky_rectifier"),
    reference=Reference(
        "A. L. Maas, A. Y. Hannun, A. Y. Ng",
        2013,
        "Rectifier Nonlinearities Improve Neural Network Acoustic Models",
        "https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf",
    ),
    frameworks=(
        torch("leaky_relu", gradient_at={0: "1/100"}, negative_slope=0.01),
        keras(
            "leaky_relu",
            "keras.layers.LeakyReLU defaults to 0.3",
            defaults={"negative_slope": 0.2},
            negative_slope=0.01,
        ),
        jax("leaky_relu", gradient_at={0: 1}, negative_slope=0.01),
    ),
)

relu6 = Activation(
    name="relu6",
    title="ReLU6",
    family="rectifier",
    summary="A ReLU with a fixed cap, from Krizhevsky's CIFAR-10 networks and MobileNets.",
    expr=sp.Min(sp.Max(0, X), 6),
    aliases=("relu_6",),
    reference=Reference(
        "A. Krizhevsky",
        2010,
        "Convolutional Deep Belief Networks on CIFAR-10",
        "https://www.cs.toronto.edu/~kriz/conv-cifar10-aug2010.pdf",
    ),
    frameworks=(
        torch("relu6", gradient_at={0: 0, 6: 0}),
        keras("relu6"),
        jax("relu6", gradient_at={0: 0, 6: 0}),
    ),
)

_prelu_a = Param("a", "1/4", "learnable slope for negative inputs (its initial value)")
prelu = Activation(
    name="prelu",
    title="Parametric ReLU (PReLU)",
    family="rectifier",
    summary="A leaky ReLU whose negative slope is learned, from He et al.'s ImageNet work.",
    expr=leaky_relu.of(X, negative_slope=_prelu_a.symbol),
    params=(_prelu_a,),
    aliases=("parametric_relu",),
    reference=Reference(
        "K. He, X. Zhang, S. Ren, J. Sun",
        2015,
        "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet "
        "Classification",
        "https://arxiv.org/abs/1502.01852",
    ),
    frameworks=(
        torch(
            "prelu",
            "takes the slope as a tensor `weight`; torch.nn.PReLU initialises it to init=0.25",
            gradient_at={0: "1/4"},
        ),
    ),
)

_lower = Param("lower", "1/8", "lower bound of the random negative slope")
_upper = Param("upper", "1/3", "upper bound of the random negative slope")
rrelu = Activation(
    name="rrelu",
    title="Randomized leaky ReLU (RReLU), evaluation mode",
    family="rectifier",
    summary="A leaky ReLU with a random slope in training and its average slope in evaluation.",
    expr=leaky_relu.of(X, negative_slope=(_lower.symbol + _upper.symbol) / 2),
    params=(_lower, _upper),
    aliases=("randomized_leaky_relu",),
    reference=Reference(
        "B. Xu, N. Wang, T. Chen, M. Li",
        2015,
        "Empirical Evaluation of Rectified Activations in Convolutional Network",
        "https://arxiv.org/abs/1505.00853",
    ),
    frameworks=(
        torch(
            "rrelu",
            "training=True samples the slope uniformly from [lower, upper] per element",
            gradient_at={0: "11/48"},
            lower="1/8",
            upper="1/3",
            training=False,
        ),
    ),
)

_threshold = Param("threshold", "1/1000000", "inputs at or below this are replaced")
_value = Param("value", 0, "the replacement value")
threshold = Activation(
    name="threshold",
    title="Threshold",
    family="rectifier",
    summary="Torch's thresholded identity: keeps inputs above a threshold, else a constant.",
    expr=sp.Piecewise((X, sp.Gt(X, _threshold.symbol)), (_value.symbol, True)),
    params=(_threshold, _value),
    aliases=("thresholded_linear",),
    reference=Reference(
        "R. Collobert, K. Kavukcuoglu, C. Farabet",
        2011,
        "Torch7 nn: transfer functions (Threshold, default th = 1e-6, v = 0)",
        "https://github.com/torch/nn/blob/master/doc/transfer.md",
    ),
    frameworks=(
        torch(
            "threshold",
            "gradient checked at 1e-6",
            gradient_at={"1/1000000": 0},
            defaults={},
            threshold="1/1000000",
            value=0,
        ),
        keras("threshold", defaults={}, threshold="1/1000000", default_value=0),
    ),
)

squared_relu = Activation(
    name="squared_relu",
    title="Squared ReLU",
    family="rectifier",
    summary="The ReLU squared, found by architecture search in Primer.",
    expr=relu.expr**2,
    aliases=("relu_squared", "relu2"),
    reference=Reference(
        "D. R. So, W. Mańke, H. Liu, Z. Dai, N. Shazeer, Q. V. Le",
        2021,
        "Primer: Searching for Efficient Transformers for Language Modeling",
        "https://arxiv.org/abs/2109.08668",
    ),
)

_star_s = Param("s", "559/625", "scale (learnable; initial value 0.8944)")
_star_b = Param("b", "-559/1250", "bias (learnable; initial value −0.4472)")
star_relu = Activation(
    name="star_relu",
    title="StarReLU",
    family="rectifier",
    summary="A squared ReLU with learnable scale and bias, from the MetaFormer baselines.",
    expr=_star_s.symbol * relu.expr**2 + _star_b.symbol,
    params=(_star_s, _star_b),
    aliases=("starrelu",),
    reference=Reference(
        "W. Yu, C. Si, P. Zhou, M. Luo, Y. Zhou, J. Feng, S. Yan, X. Wang",
        2022,
        "MetaFormer Baselines for Vision",
        "https://arxiv.org/abs/2210.13452",
    ),
)

_plu_alpha = Param("alpha", "1/10", "slope outside [−c, c]", positive=True)
_plu_c = Param("c", 1, "half-width of the identity segment", positive=True)
plu = Activation(
    name="plu",
    title="Piecewise linear unit (PLU)",
    family="rectifier",
    summary="The piecewise linear unit: the identity in a central band, another slope outside.",
    expr=sp.Max(
        _plu_alpha.symbol * (X + _plu_c.symbol) - _plu_c.symbol,
        sp.Min(_plu_alpha.symbol * (X - _plu_c.symbol) + _plu_c.symbol, X),
    ),
    params=(_plu_alpha, _plu_c),
    aliases=("piecewise_linear_unit",),
    reference=Reference(
        "A. Nicolae",
        2018,
        "PLU: The Piecewise Linear Unit Activation Function",
        "https://arxiv.org/abs/1809.09534",
    ),
)

absolute = Activation(
    name="abs",
    title="Absolute value rectification",
    family="rectifier",
    summary="Absolute-value rectification, which keeps the magnitude of negative inputs.",
    expr=sp.Abs(X),
    aliases=("absolute_value", "abs_rectification"),
    reference=Reference(
        "K. Jarrett, K. Kavukcuoglu, M. Ranzato, Y. LeCun",
        2009,
        "What is the Best Multi-Stage Architecture for Object Recognition?",
        "https://doi.org/10.1109/ICCV.2009.5459469",
        # Bibliographies agree on the citation; the paper, where |x| rectification would be
        # defined, could not be read here (session 12).
        verified=False,
    ),
)

DECLARED: tuple[Activation, ...] = (
    relu,
    leaky_relu,
    relu6,
    prelu,
    rrelu,
    threshold,
    squared_relu,
    star_relu,
    plu,
    absolute,
)
