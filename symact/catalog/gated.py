"""Self-gated activations: x times a gate that depends on x."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import ELFWING_2018, HOWARD_2019, jax, keras, torch
from symact.catalog.sigmoidal import hardsigmoid, sigmoid, sparse_sigmoid, tanh
from symact.catalog.smooth import softplus
from symact.declare import Activation, Param, Reference, X
from symact.functions import normal_cdf

#: softplus at its default sharpness (beta = 1), the form every gate below uses.
_softplus1 = softplus.of(X, beta=sp.Integer(1))

_HENDRYCKS = Reference(
    "D. Hendrycks, K. Gimpel",
    2016,
    "Gaussian Error Linear Units (GELUs)",
    "https://arxiv.org/abs/1606.08415",
)

silu = Activation(
    name="silu",
    title="Sigmoid linear unit (SiLU, Swish)",
    family="self-gated",
    summary="The sigmoid linear unit, or Swish: the input gated by its own sigmoid.",
    expr=X * sigmoid.expr,
    aliases=("swish", "swish1"),
    reference=ELFWING_2018,
    frameworks=(torch("silu"), keras("silu"), jax("silu")),
)

_swish_beta = Param(
    "beta", 1, "gate sharpness (trainable; positive, as in the paper's figures)", positive=True
)
swish_beta = Activation(
    name="swish_beta",
    title="Swish-β",
    family="self-gated",
    summary="Swish with a learnable gate sharpness, found by activation search; generalises SiLU.",
    expr=X * sigmoid.of(_swish_beta.symbol * X),
    params=(_swish_beta,),
    aliases=("parametric_swish",),
    reference=Reference(
        "P. Ramachandran, B. Zoph, Q. V. Le",
        2017,
        "Searching for Activation Functions",
        "https://arxiv.org/abs/1710.05941",
    ),
    equals_at_defaults=("silu",),
)

gelu = Activation(
    name="gelu",
    title="Gaussian error linear unit (GELU)",
    family="self-gated",
    summary="The Gaussian error linear unit: the input weighted by the normal CDF, in erf form.",
    expr=X * normal_cdf(X),
    aliases=("gelu_erf",),
    reference=_HENDRYCKS,
    frameworks=(
        torch("gelu", approximate="none"),
        keras("gelu", approximate=False),
        jax("gelu", defaults={"approximate": True}, approximate=False),
    ),
)

gelu_tanh = Activation(
    name="gelu_tanh",
    title="GELU, tanh approximation",
    family="self-gated",
    summary="The tanh approximation of GELU used by BERT and GPT-2.",
    expr=X / 2 * (1 + tanh.of(sp.sqrt(2 / sp.pi) * (X + sp.Rational(44715, 1000000) * X**3))),
    aliases=("gelu_approximate", "approximate_gelu", "gelu_new"),
    reference=_HENDRYCKS,
    frameworks=(
        torch("gelu", defaults={"approximate": "none"}, approximate="tanh"),
        keras("gelu", defaults={"approximate": False}, approximate=True),
        jax("gelu", approximate=True),
    ),
)

gelu_sigmoid = Activation(
    name="gelu_sigmoid",
    title="GELU, sigmoid approximation (QuickGELU)",
    family="self-gated",
    summary="The sigmoid approximation of GELU, known as QuickGELU in CLIP.",
    expr=X * sigmoid.of(sp.Rational(1702, 1000) * X),
    aliases=("quick_gelu", "quickgelu"),
    reference=_HENDRYCKS,
)

mish = Activation(
    name="mish",
    title="Mish",
    family="self-gated",
    summary="Self-gated: the input times the tanh of its softplus (Misra 2019).",
    expr=X * tanh.of(_softplus1),
    reference=Reference(
        "D. Misra",
        2019,
        "Mish: A Self Regularized Non-Monotonic Activation Function",
        "https://arxiv.org/abs/1908.08681",
    ),
    frameworks=(torch("mish"), keras("mish"), jax("mish")),
)

hardswish = Activation(
    name="hardswish",
    title="Hard swish (hard SiLU)",
    family="self-gated",
    summary="The input gated by the hard sigmoid: a piecewise stand-in for Swish from MobileNetV3.",
    expr=X * hardsigmoid.expr,
    aliases=("hard_swish", "hard_silu", "h_swish"),
    reference=HOWARD_2019,
    frameworks=(
        torch("hardswish", gradient_at={-3: 0, 3: 1}),
        keras("hard_silu", "alias keras.activations.hard_swish"),
        jax("hard_silu", "alias jax.nn.hard_swish", gradient_at={-3: 0, 3: 1}),
    ),
)

_GOLDEN = Reference(
    "M. Basirat, P. M. Roth",
    2018,
    "The Quest for the Golden Activation Function",
    "https://arxiv.org/abs/1808.00783",
)

elish = Activation(
    name="elish",
    title="Exponential linear squashing (ELiSH)",
    family="self-gated",
    summary="SiLU on the positive side and a sigmoid-weighted exponential on the negative side.",
    expr=sp.Piecewise((silu.expr, X >= 0), ((sp.exp(X) - 1) * sigmoid.expr, True)),
    reference=_GOLDEN,
)

hard_elish = Activation(
    name="hard_elish",
    title="Hard ELiSH",
    family="self-gated",
    summary="ELiSH with its sigmoid gate replaced by the piecewise-linear sparse sigmoid.",
    expr=sp.Piecewise(
        (X * sparse_sigmoid.expr, X >= 0),
        ((sp.exp(X) - 1) * sparse_sigmoid.expr, True),
    ),
    aliases=("hardelish",),
    reference=_GOLDEN,
)

tanhexp = Activation(
    name="tanhexp",
    title="TanhExp",
    family="self-gated",
    summary="The input times the tanh of its exponential, proposed for lightweight networks.",
    expr=X * tanh.of(sp.exp(X)),
    aliases=("tanh_exp",),
    reference=Reference(
        "X. Liu, X. Di",
        2020,
        "TanhExp: A Smooth Activation Function with High Convergence Speed for Lightweight "
        "Neural Networks",
        "https://arxiv.org/abs/2003.09855",
    ),
)

lisht = Activation(
    name="lisht",
    title="Linearly scaled hyperbolic tangent (LiSHT)",
    family="self-gated",
    summary="The linearly scaled hyperbolic tangent: the input times its own tanh.",
    expr=X * tanh.expr,
    reference=Reference(
        "S. K. Roy, S. Manna, S. R. Dubey, B. B. Chaudhuri",
        2019,
        "LiSHT: Non-Parametric Linearly Scaled Hyperbolic Tangent Activation Function for "
        "Neural Networks",
        "https://arxiv.org/abs/1901.05894",
    ),
)

serf = Activation(
    name="serf",
    title="Serf (log-softplus error)",
    family="self-gated",
    summary="The input times the error function of its softplus: Mish with erf in place of tanh.",
    expr=X * sp.erf(_softplus1),
    reference=Reference(
        "S. Nag, M. Bhattacharyya",
        2021,
        "SERF: Towards better training of deep neural networks using log-Softplus ERror "
        "activation Function",
        "https://arxiv.org/abs/2108.09598",
    ),
)

logish = Activation(
    name="logish",
    title="Logish",
    family="self-gated",
    summary="A self-gated unit with a logarithm of the sigmoid as its gate (Zhu et al. 2021).",
    expr=X * sp.log(1 + sigmoid.expr),
    reference=Reference(
        "H. Zhu, H. Zeng, J. Liu, X. Zhang",
        2021,
        "Logish: A new nonlinear nonmonotonic activation function for convolutional neural network",
        "https://doi.org/10.1016/j.neucom.2021.06.067",
    ),
)

smish = Activation(
    name="smish",
    title="Smish",
    family="self-gated",
    summary="Logish with a tanh applied to the gate, in the manner of Mish (Wang et al. 2022).",
    expr=X * tanh.of(sp.log(1 + sigmoid.expr)),
    reference=Reference(
        "X. Wang, H. Ren, A. Wang",
        2022,
        "Smish: A Novel Activation Function for Deep Learning Methods",
        "https://doi.org/10.3390/electronics11040540",
    ),
)

gish = Activation(
    name="gish",
    title="Gish",
    family="self-gated",
    summary="A self-gated unit with a logarithmic double-exponential gate (Kaytan et al.).",
    expr=X * sp.log(2 - sp.exp(-sp.exp(X))),
    reference=Reference(
        "M. Kaytan, İ. B. Aydilek, C. Yeroğlu",
        2023,
        "Gish: a novel activation function for image classification",
        "https://doi.org/10.1007/s00521-023-09035-5",
    ),
)

_aptx_alpha = Param("alpha", 1, "offset added to the tanh gate")
_aptx_beta = Param("beta", 1, "slope inside the tanh gate")
_aptx_gamma = Param("gamma", "1/2", "output scale")
aptx = Activation(
    name="aptx",
    title="APTx",
    family="self-gated",
    summary="A tanh-gated unit with three parameters, proposed as a rival to Mish and Swish.",
    expr=(_aptx_alpha.symbol + tanh.of(_aptx_beta.symbol * X)) * _aptx_gamma.symbol * X,
    params=(_aptx_alpha, _aptx_beta, _aptx_gamma),
    reference=Reference(
        "R. Kumar",
        2022,
        "APTx: better activation function than MISH, SWISH, and ReLU's variants used in deep "
        "learning",
        "https://arxiv.org/abs/2209.06119",
    ),
)

DECLARED: tuple[Activation, ...] = (
    silu,
    swish_beta,
    gelu,
    gelu_tanh,
    gelu_sigmoid,
    mish,
    hardswish,
    elish,
    hard_elish,
    tanhexp,
    lisht,
    serf,
    logish,
    smish,
    gish,
    aptx,
)
