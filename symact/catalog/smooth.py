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


# ---------------------------------------------------------------------------------------------
# Row 7, SmeLU (smooth ReLU), Shamir, Lin, Coviello.
# Read: arXiv abstract (export.arxiv.org/abs/2010.09931; ar5iv): title, authors, SmeLU proposed;
#   the paper body and the Google Research blog (research.google/blog/reproducibility-in-deep-
#   learning-and-smooth-activations) were readable only up to their introductions.
# Formula from framework code: facebookresearch/xformers xformers/components/activations.py at
#   2bc3175c^ (removed in Aug 2024): SmeLU(beta=2.0) = (x+beta)^2/(4 beta) for |x| <= beta, x for
#   x >= beta, 0 below. Same three pieces in ChristophReich1996/SmeLU (default beta 2) and
#   r3v1/tf-SmeLU (default beta 1). The paper's own recommended beta was not read: the default
#   here is xformers' 2; the reference is marked unverified.
_smelu_beta = Param("beta", 2, "half-width of the quadratic transition around 0", positive=True)
smelu = Activation(
    name="smelu",
    title="Smooth ReLU (SmeLU)",
    family="smooth rectifier",
    summary="A ReLU whose corner is replaced by a quadratic on [-beta, beta], matching both sides.",
    expr=sp.Piecewise(
        (0, -_smelu_beta.symbol >= X),
        ((X + _smelu_beta.symbol) ** 2 / (4 * _smelu_beta.symbol), _smelu_beta.symbol >= X),
        (X, True),
    ),
    params=(_smelu_beta,),
    aliases=("smelu_shamir2020",),
    reference=Reference(
        "G. I. Shamir, D. Lin, L. Coviello",
        2020,
        "Smooth activations and reproducibility in deep networks",
        "https://arxiv.org/abs/2010.09931",
        verified=False,
    ),
)

# --------------------------------------------------------------------------------------------
# k2 / icefall (Zipformer): SwooshR, SwooshL
# --------------------------------------------------------------------------------------------

# Read: icefall Zipformer scaling.py (several stored copies) and k2's
# python test: SwooshRFunction "swoosh_r(x) = log(1 + exp(x-1)) - 0.08*x - 0.313261687"
# (code: logaddexp(0, x - 1) - 0.08 x - 0.313261687); SwooshLFunction "log(1 + exp(x-4)) -
# 0.08*x - 0.035". Zipformer abstract read (HF papers / ICLR 2024 pages): "new activation
# functions SwooshR and SwooshL". The constant 0.313261687 is log(1 + e^-1) rounded (so
# SwooshR(0) ~ 5e-10, not exactly 0); kept as the source writes it.
#: The paper of both Swoosh functions.
_ZIPFORMER = Reference(
    "Z. Yao, L. Guo, X. Yang, W. Kang, F. Kuang, Y. Yang, Z. Jin, L. Lin, D. Povey",
    2023,
    "Zipformer: A faster and better encoder for automatic speech recognition",
    "https://arxiv.org/abs/2310.11230",
)
swoosh_r = Activation(
    name="swoosh_r",
    title="SwooshR",
    family="smooth rectifier",
    summary="A softplus shifted right by 1 minus a small linear leak, passing (almost) through 0.",
    expr=softplus.of(X - 1, beta=sp.Integer(1))
    - sp.Rational(2, 25) * X
    - sp.Rational("0.313261687"),
    reference=_ZIPFORMER,
)

swoosh_l = Activation(
    name="swoosh_l",
    title="SwooshL",
    family="smooth rectifier",
    summary="A softplus shifted right by 4 minus a small linear leak; the left-shifted Swoosh.",
    expr=softplus.of(X - 4, beta=sp.Integer(1)) - sp.Rational(2, 25) * X - sp.Rational("0.035"),
    reference=_ZIPFORMER,
)


# --- Soft++ ---------------------------------------------------------------------------------------
# Read: abstract (discovery.researcher.life, paperexplained, bohrium; DOI
# 10.1016/j.neucom.2019.12.014,
# Neurocomputing 2020): "Soft++ that extends PReLU and Softplus, parametrizing the slope in the
# negative domain and the exponent" (no formula). [Kunc] section 3.10 prose: "a and b are fixed
# predetermined hyperparameters ... a = 1 and b = 2 were found to work well". Formula from two
# transcriptions of Kunc eq. 207 (69765866674: softplus(a·x) + x/b - log 2; [TA] SoftPlusPlus
# docstring: ln(1 + exp(a·z)) + z/b - ln 2) — they agree; the paper body was not read.
_spp_a = Param("a", 1, "multiplier of x inside the softplus (its 'exponent')", positive=True)
_spp_b = Param("b", 2, "inverse of the added linear slope", positive=True)
soft_plus_plus = Activation(
    name="soft_plus_plus",
    title="Soft++",
    family="smooth rectifier",
    summary="A softplus with a linear leak, shifted to pass through the origin.",
    expr=_softplus(_spp_a.symbol * X) + X / _spp_b.symbol - sp.log(2),
    params=(_spp_a, _spp_b),
    aliases=("softplusplus",),
    reference=Reference(
        "A. Ciuparu, A. Nagy-Dăbâcan, R. C. Mureşan",
        2020,
        "Soft++, a multi-parametric non-saturating non-linearity that improves convergence in "
        "deep neural architectures",
        "https://doi.org/10.1016/j.neucom.2019.12.014",
        verified=False,
    ),
)


# --- 49/50 SMU and SMU-1 (smooth maximum units) ------------------------------------------------
# Read: the paper's abstract and introduction (ar5iv 2111.04682): title, authors, "a new novel
# activation function based on approximation of known activation functions like Leaky ReLU,
# and we call this function Smooth Maximum Unit (SMU)"; its formulas were not reachable. The
# formulas are from iFe1er/SMU_pytorch smu.py (a third party's implementation citing the
# paper; history read): SMU = ((1 + α)x + (1 − α)x·erf(μ(1 − α)x))/2 and SMU-1 = ((1 + α)x +
# √((x − αx)² + μ²))/2, both smooth maxima of x and αx (leaky ReLU). Its first version
# (2021-11) initialised α = 0.25, μ = 10⁶ (SMU) and μ = 4.352665993287951e−9 (SMU-1); the
# current one (102606c, 2022-07) α = 0.01, μ = 2.5 and μ = 4.332461424154261e−9; copies found
# by code search use one set or the other (a MindSpore port: α = 0.01, μ = 2.5). Defaults here
# are the current ones; the paper's own values were not read: reference unverified.
_SMU_2021 = Reference(
    "K. Biswas, S. Kumar, S. Banerjee, A. K. Pandey",
    2021,
    "SMU: smooth activation function for deep networks using smoothing maximum technique",
    "https://arxiv.org/abs/2111.04682",
    verified=False,
)
_smu_alpha = Param("alpha", "0.01", "slope of the leaky ReLU it smooths (fixed)")
_smu_mu = Param(
    "mu", "2.5", "smoothing parameter: larger is closer to leaky ReLU (trainable)", positive=True
)
smu = Activation(
    name="smu",
    title="Smooth maximum unit (SMU)",
    family="smooth rectifier",
    summary="A leaky ReLU with its corner rounded by the error function.",
    expr=(
        (1 + _smu_alpha.symbol) * X
        + (1 - _smu_alpha.symbol) * X * sp.erf(_smu_mu.symbol * (1 - _smu_alpha.symbol) * X)
    )
    / 2,
    params=(_smu_alpha, _smu_mu),
    aliases=("smooth_maximum_unit",),
    reference=_SMU_2021,
)

_smu1_alpha = Param("alpha", "0.01", "slope of the leaky ReLU it smooths (fixed)")
_smu1_mu = Param(
    "mu", "0.000000004332461424154261", "smoothing width near 0 (trainable)", positive=True
)
smu1 = Activation(
    name="smu1",
    title="Smooth maximum unit SMU-1",
    family="smooth rectifier",
    summary="A leaky ReLU with its corner rounded by a square root.",
    expr=(
        (1 + _smu1_alpha.symbol) * X
        + sp.sqrt((1 - _smu1_alpha.symbol) ** 2 * X**2 + _smu1_mu.symbol**2)
    )
    / 2,
    params=(_smu1_alpha, _smu1_mu),
    aliases=("smu_1",),
    reference=_SMU_2021,
)

# --- 53 TanhSoft-3 (session 17, helper C) -------------------------------------------------------
# Read: the abstract of the journal version, "TanhSoft—Dynamic Trainable Activation Functions for
# Faster Learning and Better Performance" (Biswas, Kumar, Banerjee, Pandey, IEEE Access 2021,
# open access; DOAJ record 93747f64774143ba898fc20ff41b06e0, read on a library mirror): it
# proposes "three novel activation functions with learnable parameters, namely TanhSoft-1,
# TanhSoft-2, and TanhSoft-3", without formulas. The formula ln(1 + eˣ·tanh(a·x)) and the
# initial a = 1 are torch_activation's (hdmquan/torch_activation @f75a8a9, TanhSoft3: docstring
# and code agree; a library with known transcription errors): the paper's text and its own
# parameter name and value were not read, so the reference is unverified. The arXiv preprint
# of the family (2009.03863, tanhsoft1/tanhsoft2) has no such member in its abstract.
# eˣ·tanh(a·x) > −1 for every x when a > 0 (|tanh| < 1 and eˣ < 1 below 0), so f is defined on
# the whole line; a < 0 would make 1 + eˣ·tanh(a·x) negative for large x.
_ts3_a = Param("a", 1, "slope inside the tanh (learnable)", positive=True)
tanhsoft3 = Activation(
    name="tanhsoft3",
    title="TanhSoft-3",
    family="smooth rectifier",
    summary="A softplus whose exponential is damped by a hyperbolic tangent: the TanhSoft-3 "
    "member, zero at the origin.",
    expr=sp.log(1 + sp.exp(X) * sp.tanh(_ts3_a.symbol * X)),
    params=(_ts3_a,),
    aliases=("tanhsoft_3",),
    reference=Reference(
        "K. Biswas, S. Kumar, S. Banerjee, A. K. Pandey",
        2021,
        "TanhSoft—Dynamic Trainable Activation Functions for Faster Learning and Better "
        "Performance",
        "https://doaj.org/article/93747f64774143ba898fc20ff41b06e0",
        verified=False,
    ),
)

DECLARED: tuple[Activation, ...] = (
    softplus,
    logsigmoid,
    shifted_softplus,
    squareplus,
    sparse_plus,
    smelu,
    swoosh_l,
    soft_plus_plus,
    tanhsoft3,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
PENDING: tuple[Activation, ...] = (
    swoosh_r,
    # smu: asymptote_-inf is undetermined ("intercept: sympy.limit gave 0, 0, not supported
    # at large |x|"), and scripts/scan_accuracy.py ran over 10 CPU minutes without finishing.
    smu,
    # smu1: numpy_function raises ZeroDivisionError in numerics/_plan.py (_tail → _threshold →
    # close, an mpmath division) for every order: the tiny μ² (1.9e−17) under the root.
    smu1,
)
