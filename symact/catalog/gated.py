"""Self-gated activations: x times a gate that depends on x."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symact.catalog._refs import (
    APA_2024,
    ELFWING_2018,
    HOWARD_2019,
    KUNC_2024,
    PFLU_2021,
    PISHCHIK_2023,
    SEO_2024,
    TANHSOFT_2020,
    elsewhere,
    jax,
    keras,
    torch,
)
from symact.catalog.sigmoidal import hardsigmoid, isru, sigmoid, sparse_sigmoid, tanh
from symact.catalog.smooth import softplus
from symact.declare import Activation, Param, Reference, X
from symact.functions import normal_cdf
from symact.functions import softplus as _softplus

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

# Read: ml-explore/mlx python/mlx/nn/layers/activations.py (@0252bc6): `gelu_approx(x)` returns
# x * sigmoid(1.60033 * x * (1 + 0.0433603 * x²)), documented as within 0.0003 of GELU on [−6, 6];
# `nn.GELU(approx="precise")` calls it. Not the tanh form (whose sigmoid argument would be
# 1.5957691·x·(1 + 0.044715x²)): a fit of its own, with no paper; the source is the reference.
gelu_sigmoid_cubic = Activation(
    name="gelu_sigmoid_cubic",
    title="GELU, sigmoid-of-a-cubic approximation (MLX)",
    family="self-gated",
    summary="GELU approximated by the input times a sigmoid of a cubic, as MLX computes it.",
    expr=X * sigmoid.of(sp.Rational("1.60033") * X * (1 + sp.Rational("0.0433603") * X**2)),
    aliases=("mlx_gelu_approx",),
    reference=Reference(
        "MLX contributors",
        2023,
        "MLX: mlx.nn.gelu_approx (python/mlx/nn/layers/activations.py)",
        "https://github.com/ml-explore/mlx/blob/main/python/mlx/nn/layers/activations.py",
    ),
    frameworks=(elsewhere("mlx", "mlx.nn.gelu_approx"),),
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
    aliases=("tanh_exp", "telu_fernandez2024"),
    shared_names=("telu",),
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


# ---------------------------------------------------------------------------------------------
# Row 11, Hard Mish (H-Mish), D. Misra.
# Read: the H-Mish README (commits by Misra's account "Xa9aX", May 2020), kept in the fork
#   geochri/H-Mish (the original digantamisra98/H-Mish is not in the index): "Formula -
#   (x/2).min(2, max(0, x+2))". timm huggingface/pytorch-image-models timm/layers/activations.py
#   hard_mish = 0.5 * x * clamp(x + 2, 0, 2), citing that README.
#   Tenstorrent's tt-metal uses a different "hard mish", x * clamp(x + 2.8, 0, 5) / 5 (not this).
hard_mish = Activation(
    name="hard_mish",
    title="Hard Mish (H-Mish)",
    family="self-gated",
    summary="A piecewise-quadratic stand-in for Mish, cheap enough for mobile networks.",
    expr=X / 2 * sp.Min(2, sp.Max(0, X + 2)),
    aliases=("h_mish", "hardmish"),
    reference=Reference("D. Misra", 2020, "H-Mish", "https://github.com/digantamisra98/H-Mish"),
)

# ---------------------------------------------------------------------------------------------
# Row 15, Flatten-T Swish (FTS), Chieng et al.
# Read: arXiv abstract (1812.06247, via emergentmind / tomesphere): title, authors, "FTS with a
#   threshold value, T=-0.20 has the best overall performance". Formula from mlpack
#   src/mlpack/methods/ann/layer/ftswish.hpp / ftswish_impl.hpp: f(x) = x / (1 + exp(-x)) + T for
#   x >= 0, T for x < 0, default T = -0.20 "as suggested in the paper"; the MachineCurve article
#   (christianversloot/machine-learning-articles) gives the same two pieces. Echo's fts.py
#   docstring drops T (not used). Paper body not read -> reference unverified. The parameter is
#   named `t` because symact parameter names are lower-case.
_fts_t = Param("t", "-0.20", "threshold T: output for negative inputs, shift of the positive side")
flatten_t_swish = Activation(
    name="flatten_t_swish",
    title="Flatten-T Swish (FTS)",
    family="self-gated",
    summary="A swish on positive inputs and a flat level T on negative ones, shifted by T.",
    expr=sp.Piecewise((X * sigmoid.of(X) + _fts_t.symbol, X >= 0), (_fts_t.symbol, True)),
    params=(_fts_t,),
    aliases=("fts", "ftswish"),
    reference=Reference(
        "H. H. Chieng, N. Wahid, P. Ong, S. R. K. Perla",
        2018,
        "Flatten-T Swish: a thresholded ReLU-Swish-like activation function for deep learning",
        "https://arxiv.org/abs/1812.06247",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Rows 24 and 25, PFLU and FPFLU.
# Read: the abstract (discovery.researcher.life page of the Neurocomputing article) naming PFLU
# and "faster PFLU" (FPFLU); the authors' repository mengzhu0308/PFLU-FPFLU, whose README cites
# M. Zhu, W. Min, Q. Wang, S. Zou, X. Chen, Neurocomputing 429:110-117 (2021),
# doi 10.1016/j.neucom.2020.11.068. Code (Keras/pflu.py, PyTorch/PFLU.py):
#   pflu(x) = x * (1 + x / sqrt(1 + x*x)) / 2.
# Code (Keras/fpflu.py, PyTorch/FPFLU.py, all stored versions): fpflu(x) = max(x, x / (1 + x*x)),
#   i.e. x for x >= 0 and x / (1 + x^2) for x < 0. candidates.md (from [TA]) gives
#   x + x^2/sqrt(1+x^2) for x < 0: a different function; the authors' code is followed here.
# Paper body not read; formulas from the authors' code. No parameters.
pflu = Activation(
    name="pflu",
    title="Power function linear unit (PFLU)",
    family="self-gated",
    summary="A self-gated unit whose gate is an algebraic sigmoid (from ISRU): no exponentials.",
    expr=X * (1 + isru.of(X, alpha=sp.Integer(1))) / 2,
    aliases=("power_function_linear_unit",),
    reference=PFLU_2021,
)

# --- 35 E-swish --------------------------------------------------------------------------
# Read: the paper PDF shipped in the author's repo (EricAlcaide/E-swish, e_swish_paper.pdf,
# text extracted with pypdf): eq. (1) f(x) = βx·sigmoid(x); "a great choice of the parameter
# might be 1 ≤ β ≤ 2"; β = 1 gives Swish (i.e. SiLU). The same repo's README reports the best
# WRN-10-2 result on CIFAR-10 and CIFAR-100 with β = 1.375, which is taken as the default.
# (Echo's Swish(eswish=True) defaults to beta=1.735, [TA] ESwish to a=1.5.)
_eswish_beta = Param(
    "beta", "1.375", "output scale (fixed; the paper recommends 1 ≤ β ≤ 2)", positive=True
)
eswish = Activation(
    name="eswish",
    title="E-swish",
    family="self-gated",
    summary="SiLU multiplied by a constant factor β, tuned to the depth of the network.",
    expr=_eswish_beta.symbol * X * sigmoid.expr,
    params=(_eswish_beta,),
    aliases=("e_swish",),
    reference=Reference(
        "E. Alcaide",
        2018,
        "E-swish: Adjusting Activations to Different Network Depths",
        "https://arxiv.org/abs/1801.07145",
    ),
)

# --- 37 Phish ----------------------------------------------------------------------------
# Read: the TechRxiv abstract (techrxiv.org/doi/full/10.36227/techrxiv.17283824.v1 and the
# v2 landing page, posted 2022-01-19): "f(x) = xTanH(GELU(x))". GELU is taken in its exact
# (erf) form, as [TA] (torch.nn.functional.gelu default) does; the abstract does not say.
phish = Activation(
    name="phish",
    title="Phish",
    family="self-gated",
    summary="The input times the tanh of its own GELU: Mish with GELU in place of softplus.",
    expr=X * tanh.of(gelu.of(X)),
    reference=Reference(
        "P. Naveen",
        2022,
        "Phish: A Novel Hyper-Optimizable Activation Function",
        "https://doi.org/10.36227/techrxiv.17283824.v1",
    ),
)

# --- 38 CoLU -----------------------------------------------------------------------------
# Read: the arXiv abstract (mirrors: paperswithcode, arxivlens, deepai, emergentmind):
# "It is defined as f(x)=x/(1-xe^-(x+e^x))". No parameters.
colu = Activation(
    name="colu",
    title="Collapsing linear unit (CoLU)",
    family="self-gated",
    summary="A self-gated unit built from a Gumbel-like factor, proposed as a Swish alternative.",
    expr=X / (1 - X * sp.exp(-(X + sp.exp(X)))),
    aliases=("collapsing_linear_unit",),
    reference=Reference(
        "A. Vagerwal",
        2021,
        "Deeper Learning with CoLU Activation",
        "https://arxiv.org/abs/2112.12078",
    ),
)

# --- 39 SinLU ----------------------------------------------------------------------------
# Read: the MDPI abstract (mdpi.com/2227-7390/10/3/337, DOAJ, RePEc): SinLU(x) = (x + a·sin bx)·σ(x)
# with two trainable parameters; the authors' code (ashis0013/SinLU, sinlu.py) and README:
# a and b are nn.Parameter(torch.ones(1)), "We start with the value 1 for both a and b".
_sinlu_a = Param("a", 1, "amplitude of the sine term (trainable; initial value)")
_sinlu_b = Param("b", 1, "frequency of the sine term (trainable; initial value)")
sinlu = Activation(
    name="sinlu",
    title="Sinu-sigmoidal linear unit (SinLU)",
    family="self-gated",
    summary="SiLU with a trainable sine wave added to the input before the sigmoid gate.",
    expr=(X + _sinlu_a.symbol * sp.sin(_sinlu_b.symbol * X)) * sigmoid.expr,
    params=(_sinlu_a, _sinlu_b),
    aliases=("sinu_sigmoidal_linear_unit",),
    reference=Reference(
        "A. Paul, R. Bandyopadhyay, J. H. Yoon, Z. W. Geem, R. Sarkar",
        2022,
        "SinLU: Sinu-Sigmoidal Linear Unit",
        "https://doi.org/10.3390/math10030337",
    ),
)

# --- 40 CosLU ----------------------------------------------------------------------------
# Read: the author's repository (epishchik/TrainableActivation): README
# "CosLU(x) = (x + α cos(βx))σ(x)"; activation.py class CosLU initialises a and b to 1.0;
# CITATION.cff gives author, title and DOI. The preprints.org page (abstract only) was seen.
_coslu_alpha = Param("alpha", 1, "amplitude of the cosine term (trainable; initial value)")
_coslu_beta = Param("beta", 1, "frequency of the cosine term (trainable; initial value)")
coslu = Activation(
    name="coslu",
    title="Cosinu-sigmoidal linear unit (CosLU)",
    family="self-gated",
    summary="SiLU with a trainable cosine wave added to the input before the sigmoid gate.",
    expr=(X + _coslu_alpha.symbol * sp.cos(_coslu_beta.symbol * X)) * sigmoid.expr,
    params=(_coslu_alpha, _coslu_beta),
    aliases=("cosinu_sigmoidal_linear_unit",),
    reference=PISHCHIK_2023,
)

# --- 41 GoLU -----------------------------------------------------------------------------
# Read: arXiv 2502.03654 abstract and opening (markdown mirror of arxiv.org/html/2502.03654):
# GoLU(x) = x·Gompertz(x), Gompertz(x) = e^(−e^(−x)); the authors' repo (automl/GoLU, README
# and golu/golu_activation.py: a CUDA kernel with optional alpha·exp(−beta·exp(−gamma·x)),
# all three defaulting to 1.0, which is this function). Venue per the repo badge: NeurIPS 2025.
# Same function as ExpExpish ([K] §3.3, [TA] ExpExpish).
golu = Activation(
    name="golu",
    title="Gompertz linear unit (GoLU)",
    family="self-gated",
    summary="The input gated by the Gompertz function, the CDF of the standard Gumbel law.",
    expr=X * sp.exp(-sp.exp(-X)),
    aliases=("gompertz_linear_unit", "expexpish"),
    reference=Reference(
        "I. Das, M. Safari, S. Adriaensen, F. Hutter",
        2025,
        "Gompertz Linear Units: Leveraging Asymmetry for Enhanced Learning Dynamics",
        "https://arxiv.org/abs/2502.03654",
    ),
)

# --- 42 Swish-T family ---------------------------------------------------------------------
# Read: ar5iv 2407.01012 abstract (the Swish-T family; "We ultimately propose the Swish-T_C
# function"); the authors' code (ictseoyoungmin/Swish-T-pytorch, swisht.py):
#   SwishT:   x·sigmoid(beta·x) + alpha·tanh(x),             beta_init=1.0 (trainable), alpha=0.1
#   SwishT_C: sigmoid(beta·x)·(x + 2·alpha/beta) − alpha/beta, same defaults
# (SwishT_A and SwishT_B are byproducts; SwishT_C = x·σ(βx) + (α/β)·tanh(βx/2)).
_swt_beta = Param("beta", 1, "gate sharpness (trainable; initial value)", positive=True)
_swt_alpha = Param("alpha", "1/10", "weight of the tanh bias (fixed)")
swish_t = Activation(
    name="swish_t",
    title="Swish-T",
    family="self-gated",
    summary="Swish-β plus a small tanh bias that lets more negative values through.",
    expr=X * sigmoid.of(_swt_beta.symbol * X) + _swt_alpha.symbol * tanh.expr,
    params=(_swt_beta, _swt_alpha),
    aliases=("swisht",),
    reference=SEO_2024,
)

_swtc_beta = Param("beta", 1, "gate sharpness (trainable; initial value)", positive=True)
_swtc_alpha = Param("alpha", "1/10", "size of the tanh bias (fixed)")
swish_t_c = Activation(
    name="swish_t_c",
    title="Swish-T_C",
    family="self-gated",
    summary="The final Swish-T variant: a tanh bias whose scale and slope follow the gate's β.",
    expr=(
        sigmoid.of(_swtc_beta.symbol * X) * (X + 2 * _swtc_alpha.symbol / _swtc_beta.symbol)
        - _swtc_alpha.symbol / _swtc_beta.symbol
    ),
    params=(_swtc_beta, _swtc_alpha),
    aliases=("swisht_c",),
    reference=SEO_2024,
)

_aglu_lambd = Param(
    "lambd",
    1,
    "shape λ > 0 (trainable; U(0, 1) init in the code)",
    positive=True,
    shown_as="lambda",
)
_aglu_kappa = Param("kappa", 1, "slope κ (trainable; U(0, 1) init in the code)")
aglu = Activation(
    name="aglu",
    title="Adaptive generalised linear unit (AGLU)",
    family="self-gated",
    summary="The input gated by the adaptive parametric activation (APA); it contains SiLU.",
    expr=X
    * (1 + _aglu_lambd.symbol * sp.exp(-_aglu_kappa.symbol * X)) ** (-1 / _aglu_lambd.symbol),
    params=(_aglu_lambd, _aglu_kappa),
    aliases=("adaptive_generalised_linear_unit",),
    reference=APA_2024,
    equals_at_defaults=("silu", "swish_beta"),
)

# --- 44 ACON-C -----------------------------------------------------------------------------
# Read: the authors' code (nmaac/acon, acon.py): "AconC: (p1*x-p2*x) * sigmoid(beta*(p1*x-p2*x))
# + p2*x", p1, p2 = nn.Parameter(torch.randn(...)), beta = torch.ones(...); YOLOv5-style
# utils/activations.py copies are identical. [K] §4.4.6 prose: "Ma et al. used initial values
# a = 1, b = 0, and c = 1", i.e. p1 = 1, p2 = 0, β = 1 (which is SiLU); taken as defaults.
# ACON-B ([K] §4.4.5, b init 0.25) is this function with p1 = 1, p2 = b.
_acon_p1 = Param("p1", 1, "slope of the upper linear piece (trainable)")
_acon_p2 = Param("p2", 0, "slope of the lower linear piece (trainable)")
_acon_beta = Param("beta", 1, "switching sharpness between the pieces (trainable)")
acon_c = Activation(
    name="acon_c",
    title="ACON-C (activate or not)",
    family="self-gated",
    summary="A soft maximum of two learnable linear pieces that learns whether to activate.",
    expr=(
        (_acon_p1.symbol - _acon_p2.symbol)
        * X
        * sigmoid.of(_acon_beta.symbol * (_acon_p1.symbol - _acon_p2.symbol) * X)
        + _acon_p2.symbol * X
    ),
    params=(_acon_p1, _acon_p2, _acon_beta),
    aliases=("aconc", "activate_or_not"),
    reference=Reference(
        "N. Ma, X. Zhang, M. Liu, J. Sun",
        2021,
        "Activate or Not: Learning Customized Activation",
        "https://arxiv.org/abs/2009.04759",
    ),
    equals_at_defaults=("silu", "swish_beta"),
)

# --- 45 LipSwish ---------------------------------------------------------------------------
# Read: the authors' code (rtqichen/residual-flows, resflows/layers/base/activations.py):
# class Swish: beta = nn.Parameter(torch.tensor([0.5])); forward = x·sigmoid(x·softplus(beta))/1.1
# (README: "LipSwish activation function"). The paper's opening (NeurIPS 2019 text and
# arXiv markdown mirror) names authors and title; its LipSwish section was not reached.
# The raw parameter b is declared, so the default is the code's initial value exactly.
_lip_b = Param("b", "1/2", "raw gate parameter; the gate slope is softplus(b) (trainable)")
lipswish = Activation(
    name="lipswish",
    title="LipSwish",
    family="self-gated",
    summary="Swish with slope softplus(b) divided by 1.1, so its Lipschitz constant stays below 1.",
    expr=X * sigmoid.of(softplus.of(_lip_b.symbol, beta=sp.Integer(1)) * X) / sp.Rational(11, 10),
    params=(_lip_b,),
    aliases=("lip_swish",),
    reference=Reference(
        "R. T. Q. Chen, J. Behrmann, D. Duvenaud, J.-H. Jacobsen",
        2019,
        "Residual Flows for Invertible Generative Modeling",
        "https://arxiv.org/abs/1906.02735",
    ),
)

# --- 46 CaLU -------------------------------------------------------------------------------
# Read: [K] §3.3 "Cauchy linear unit (CaLU)": uses "the CDF of the standard Cauchy distribution
# instead of the Gaussian CDF in GELU", i.e. x·(arctan(x)/π + 1/2). [TA] CaLU agrees. The
# survey's cited original could not be identified from the readable text.
calu = Activation(
    name="calu",
    title="Cauchy linear unit (CaLU)",
    family="self-gated",
    summary="GELU with the standard Cauchy CDF in place of the Gaussian CDF.",
    expr=X * (sp.atan(X) / sp.pi + sp.Rational(1, 2)),
    aliases=("cauchy_linear_unit",),
    reference=KUNC_2024,
)

# --- 47 LaLU -------------------------------------------------------------------------------
# Read: [K] §3.3 "Laplace linear unit (LaLU)": x times "the CDF of the Laplace distribution"
# (location 0, scale 1 in both transcriptions and in [TA]): ½eˣ below 0, 1 − ½e^(−x) above.
lalu = Activation(
    name="lalu",
    title="Laplace linear unit (LaLU)",
    family="self-gated",
    summary="GELU with the standard Laplace CDF in place of the Gaussian CDF.",
    expr=sp.Piecewise(
        (X * (1 - sp.exp(-X) / 2), X >= 0),
        (X * sp.exp(X) / 2, True),
    ),
    aliases=("laplace_linear_unit",),
    reference=KUNC_2024,
)

# --- 56 Self arctan ----------------------------------------------------------------------------
# Read: [K] §3.3 "Self arctan": "whose formula resembles the SiLU ... where tan⁻¹(z) is the
# arctangent function", i.e. z·tan⁻¹(z). [TA] SelfArctan agrees.
self_arctan = Activation(
    name="self_arctan",
    title="Self arctan",
    family="self-gated",
    summary="The input times its own arctangent: an even, LiSHT-like unit with an arctan gate.",
    expr=X * sp.atan(X),
    aliases=("selfarctan",),
    reference=KUNC_2024,
)

# --- 57 Rectified hyperbolic secant ------------------------------------------------------------
# Read: [K] §3.3 "Rectified hyperbolic secant": classed in the z·s(z) family with s = sech;
# "symmetric about the origin, ... approaching zero for inputs going to positive or negative
# infinity ... where sech(z) is the hyperbolic secant". [TA] ReHSec agrees.
rehsec = Activation(
    name="rehsec",
    title="Rectified hyperbolic secant",
    family="self-gated",
    summary="The input times its hyperbolic secant: odd, and decaying to zero at both ends.",
    expr=X * sp.sech(X),
    aliases=("rectified_hyperbolic_secant",),
    reference=KUNC_2024,
)

# --- 59 EANAF ------------------------------------------------------------------------------
# Read: [K] §3.3 "EANAF": defined as z·g(h(z)) with h the softplus and g(z) = tanh(z/2),
# "which can be simplified to" z·eᶻ/(eᶻ + 2) (tanh(ln(1 + eᶻ)/2) = eᶻ/(eᶻ + 2)). [TA] agrees.
# Original: E. Chai, W. Yu, T. Cui, J. Ren, S. Ding, "An Efficient Asymmetric Nonlinear
# Activation Function for Deep Neural Networks", Symmetry 14(5):1027, 2022,
# doi 10.3390/sym14051027 (abstract read; its formula section was not reachable).
eanaf = Activation(
    name="eanaf",
    title="Efficient asymmetric nonlinear activation function (EANAF)",
    family="self-gated",
    summary="The input gated by a shifted sigmoid-like factor, an efficient Swish alternative.",
    expr=X * sp.exp(X) / (sp.exp(X) + 2),
    reference=KUNC_2024,
)

# --- 60 TSReLU and PSGU -----------------------------------------------------------------------
# Read: [K] §3.3 "TSReLU": like phish/mish/TanhExp but "uses the logistic sigmoid instead":
# z·tanh(σ(z)). [K] §4.4.7 "PSGU": "basically a LiSHT with gated input with learnable scaling
# parameter ... where a is a learnable parameter and σ the logistic sigmoid"; "also proposed
# ... under the name TSReLU learnable (TSReLUl) ... Mercioni, Tat, and Holban used a = 0.5
# as the initial value" → z·tanh(a·σ(z)). [TA] TSReLU and PSGU (a = 0.5) agree. The PSGU
# paper (Li et al., "PSGU: Parametric self-circulation gating unit for deep neural networks",
# abstract seen on researcher.life) states no initial value in its abstract.
tsrelu = Activation(
    name="tsrelu",
    title="Tangent-sigmoid ReLU (TSReLU)",
    family="self-gated",
    summary="The input times the tanh of its sigmoid: Mish with the sigmoid in place of softplus.",
    expr=X * tanh.of(sigmoid.expr),
    aliases=("tangent_sigmoid_relu",),
    reference=KUNC_2024,
)

_psgu_a = Param("a", "1/2", "scale inside the tanh (trainable; initial value used for TSReLUl)")
psgu = Activation(
    name="psgu",
    title="Parameterized self-circulating gating unit (PSGU)",
    family="self-gated",
    summary="TSReLU with a learnable scale on the sigmoid inside the tanh.",
    expr=X * tanh.of(_psgu_a.symbol * sigmoid.expr),
    params=(_psgu_a,),
    aliases=("tsrelul", "tsrelu_learnable"),
    reference=KUNC_2024,
)

# --- 51/52 TanhSoft-1 and TanhSoft-2 ------------------------------------------------------------
# Read: arXiv 2009.03863 abstract (deeppaper, arcxiv, deepai, scholarfeed mirrors): the family
# tanh(αx + βe^(γx))·ln(δ + eˣ); examples "xtanh(0.6e^x)" (α = 0, δ = 0, β = 0.6, γ = 1) and
# "tanh(0.87x)ln(1+e^x)" (β = 0, δ = 1, α = 0.87). Those are the defaults. Echo's TanhSoft
# defaults (alpha=0, beta=0.6, gamma=1, delta=0) are the same TanhSoft-2. The names TanhSoft-1/2
# come from the later IEEE Access version (2021, trainable parameters; not read).
_ts1_alpha = Param("alpha", "0.87", "slope inside the tanh (the paper's CIFAR-100 choice)")
tanhsoft1 = Activation(
    name="tanhsoft1",
    title="TanhSoft-1",
    family="self-gated",
    summary="Softplus gated by a scaled hyperbolic tangent: the first TanhSoft member.",
    expr=tanh.of(_ts1_alpha.symbol * X) * _softplus1,
    params=(_ts1_alpha,),
    aliases=("tanhsoft_1",),
    reference=TANHSOFT_2020,
)

_ts2_beta = Param(
    "beta", "0.6", "scale of the exponential (the paper's CIFAR-10 choice)", nonnegative=True
)
_ts2_gamma = Param("gamma", 1, "rate of the exponential", positive=True)
tanhsoft2 = Activation(
    name="tanhsoft2",
    title="TanhSoft-2",
    family="self-gated",
    summary="The input gated by a hyperbolic tangent of an exponential: the TanhSoft-2 member.",
    expr=X * tanh.of(_ts2_beta.symbol * sp.exp(_ts2_gamma.symbol * X)),
    params=(_ts2_beta, _ts2_gamma),
    aliases=("tanhsoft_2",),
    reference=TANHSOFT_2020,
)

# --- 61 Swim -------------------------------------------------------------------------------
# Read: ar5iv 2303.02640 (title, authors, abstract); the authors' code (maryam-abdool/
# Swim-Control, TD3.py, README: "Swim is defined within the new() function"):
#   x * ((0.5 * (x * rsqrt(1.0 + (0.5*x)**2)) + 1.0) / 2.0)
# i.e. x/2·(1 + kx/√(1 + k²x²)) with k = 0.5 (k also inside the root). NOTE: [TA] Swim and the
# survey transcriptions write x/2·(1 + a·x/√(1 + x²)), which differs from this code for a ≠ 1.
# [K] §4.4.14 prose: adaptive variant of PFLU, "Abdool and Dear used fixed a = 0.5".
# The paper's own symbol for the parameter was not seen; "a" follows the survey.
_swim_a = Param(
    "a", "1/2", "input scale inside the PFLU gate (fixed at 0.5 in the paper's code)", positive=True
)
swim = Activation(
    name="swim",
    title="Swim",
    family="self-gated",
    summary="PFLU with a scale on its algebraic gate, fixed by its authors at one half.",
    expr=X / 2 * (1 + _swim_a.symbol * X / sp.sqrt(1 + _swim_a.symbol**2 * X**2)),
    params=(_swim_a,),
    reference=Reference(
        "M. Abdool, T. Dear",
        2023,
        "Swim: A General-Purpose, High-Performing, and Efficient Activation Function for "
        "Locomotion Control Tasks",
        "https://arxiv.org/abs/2303.02640",
    ),
)

# Read: Tencent/ncnn docs/developer-guide/operators.md, HardSwish: y = x * clamp(x*alpha + beta,
# 0, 1), alpha default 0.2, beta default 0.5; src/layer/hardswish.cpp load_param has the same
# defaults with a comment that TensorFlow/PyTorch use 1/6 and 0.5. At alpha=1/6 it is symact's
# hardswish (and ONNX HardSwish, whose alpha is fixed to 1/6).
_hw_alpha = Param("alpha", "1/5", "slope of the gate's linear part", positive=True)
_hw_beta = Param("beta", "1/2", "gate value at x = 0")
hard_swish_affine = Activation(
    name="hard_swish_affine",
    title="Hard swish (affine gate, ncnn form)",
    family="self-gated",
    summary="Hard swish with a free slope and offset in its clipped gate, as ncnn declares it.",
    expr=X * sp.Min(1, sp.Max(0, _hw_alpha.symbol * X + _hw_beta.symbol)),
    params=(_hw_alpha, _hw_beta),
    reference=Reference(
        "ncnn contributors",
        2017,
        "ncnn operators: HardSwish",
        "https://github.com/Tencent/ncnn/blob/master/docs/developer-guide/operators.md",
    ),
)

# --------------------------------------------------------------------------------------------
# HF transformers I-BERT: integer GELU
# --------------------------------------------------------------------------------------------

# Read: huggingface/transformers src/transformers/models/ibert/quant_modules.py class IntGELU:
# k = 1.4142, coeff = [-0.2888, -1.769, 1] ("a(x+b)**2 + c"); int_erf: sign(x) * (a (min(|x|, -b)
# + b)^2 + c) on x/k, output x * (erf + 1) / 2. keras_cv_attention_models gelu_linear computes the
# same curve (0.7071, 1.769, 0.1444 = a/2). I-BERT abstract read (ICML text on a stored page:
# GELU approximated by a second-order polynomial). Declared with exact sqrt(2) (HF rounds it to
# 1.4142) and the paper/code's a, b as parameters.
_ig_a = Param("a", "-0.2888", "curvature of the quadratic erf approximation")
_ig_b = Param("b", "-1.769", "minus the clipping point of the quadratic")
_u = sp.Min(sp.Abs(X) / sp.sqrt(2), -_ig_b.symbol)
_l = _ig_a.symbol * (_u + _ig_b.symbol) ** 2 + 1
i_gelu = Activation(
    name="i_gelu",
    title="i-GELU (I-BERT integer GELU)",
    family="self-gated",
    summary="GELU with erf replaced by a clipped quadratic, computable in integer arithmetic.",
    expr=X / 2 * (1 + sp.Piecewise((_l, X >= 0), (-_l, True))),
    params=(_ig_a, _ig_b),
    aliases=("int_gelu",),
    reference=Reference(
        "S. Kim, A. Gholami, Z. Yao, M. W. Mahoney, K. Keutzer",
        2021,
        "I-BERT: Integer-only BERT Quantization",
        "https://arxiv.org/abs/2101.01321",
    ),
)


# --- 65 Clipped GELU (HF transformers "gelu_10") ------------------------------------------------
# Read: huggingface/transformers src/transformers/activations.py (stored version 00e12e7):
# class ClippedGELUActivation(min, max) returns torch.clip(gelu(x), min, max), where gelu is
# GELUActivation (nn.functional.gelu, the erf form); ACT2FN registers "gelu_10" as
# ClippedGELUActivation(-10, 10). Its docstring cites arXiv 2004.09602 for the quantisation
# trick; that paper was not read, so the framework source is the reference.
_cg_min = Param("min_val", -10, "lower clipping value (below GELU's minimum at the default)")
_cg_max = Param("max_val", 10, "upper clipping value", above="min_val")
gelu_clipped = Activation(
    name="gelu_clipped",
    title="Clipped GELU (gelu_10)",
    family="self-gated",
    summary="GELU with its output clipped to [min_val, max_val], for quantised transformers.",
    expr=sp.Min(sp.Max(gelu.expr, _cg_min.symbol), _cg_max.symbol),
    params=(_cg_min, _cg_max),
    aliases=("gelu_10", "clipped_gelu"),
    reference=Reference(
        "Hugging Face contributors",
        2021,
        "transformers: ClippedGELUActivation (src/transformers/activations.py)",
        "https://github.com/huggingface/transformers/blob/main/src/transformers/activations.py",
    ),
    frameworks=(elsewhere("transformers", 'transformers.activations.ACT2FN["gelu_10"]'),),
)

# --- 54/55 ErfAct and Pserf ----------------------------------------------------------------------
# Read: the paper's abstract and introduction (ar5iv 2109.04386; scholarfeed 2109.04386v4):
# title, "two novel non-monotonic smooth trainable activation functions, called ErfAct and
# Pserf"; authors from a PSerf implementation's docstring citing "Biswas, K., Kumar, S.,
# Banerjee, S., Pandey, A.K., 2021. ErfAct and PSerf: ... arXiv:2109.04386". The formulas were
# not reachable in the paper's text; they are from code:
# DanielAvdar/activations-plus activations_plus/simple/specialized_variants.py (9dd4c56):
# erf_act = x·erf(a·exp(b·x)), a = 0.5, b = 1; pserf = x·erf(gamma·log(1 + exp(delta·x))),
# gamma = 1.25, delta = 0.85. torch_activation agrees on both formulas but not on the defaults
# (ErfAct a = 1, b = 0.5; PSerf 1, 1), and a third copy (code search) has PSerf gamma = 1,
# delta = 1.25. The paper's initial values were not read: defaults here are activations-plus',
# and the reference is marked unverified.
_BISWAS_ERF = Reference(
    "K. Biswas, S. Kumar, S. Banerjee, A. K. Pandey",
    2021,
    "ErfAct and Pserf: Non-monotonic Smooth Trainable Activation Functions",
    "https://arxiv.org/abs/2109.04386",
    verified=False,
)
_erfact_a = Param("a", "1/2", "scale of the exponential inside erf (trainable)", positive=True)
_erfact_b = Param("b", 1, "rate of the exponential inside erf (trainable)", positive=True)
erfact = Activation(
    name="erfact",
    title="ErfAct",
    family="self-gated",
    summary="The input gated by the error function of a scaled exponential, a trainable unit.",
    expr=X * sp.erf(_erfact_a.symbol * sp.exp(_erfact_b.symbol * X)),
    params=(_erfact_a, _erfact_b),
    aliases=("erf_act",),
    reference=_BISWAS_ERF,
)

_pserf_gamma = Param("gamma", "1.25", "scale of the softplus inside erf (trainable)", positive=True)
_pserf_delta = Param("delta", "0.85", "sharpness of the softplus (trainable)", positive=True)
pserf = Activation(
    name="pserf",
    title="Pserf (parametric Serf)",
    family="self-gated",
    summary="Serf with trainable scales on its softplus and on the softplus' input.",
    expr=X * sp.erf(_pserf_gamma.symbol * _softplus(_pserf_delta.symbol * X)),
    params=(_pserf_gamma, _pserf_delta),
    aliases=("parametric_serf",),
    reference=_BISWAS_ERF,
)

# --- 64 LAU (logmoid activation unit) ---------------------------------------------------------
# Read: the ICLR 2023 submission "LAU: A novel two-parameter learnable Logmoid activation unit"
# (OpenReview uwBUzlm0GS; first page, from the ICLR 2023 text dump): "f(x) = x ln(1 +
# α sigmoid(βx)) ... two hyperparameters α and β that are optimized via back-propagation";
# Logmoid-1 is its α = β = 1 member, which is Logish. The submission is anonymous. The initial
# values of α, β were not read in the paper; torch_activation's LAU initialises both to 1.
_lau_alpha = Param(
    "alpha", 1, "scale of the sigmoid inside the logarithm (trainable)", positive=True
)
_lau_beta = Param("beta", 1, "sharpness of the sigmoid (trainable)")
lau = Activation(
    name="lau",
    title="Logmoid activation unit (LAU)",
    family="self-gated",
    summary="Logish with trainable scale and sharpness in its logarithmic sigmoid gate.",
    expr=X * sp.log(1 + _lau_alpha.symbol * sigmoid.of(_lau_beta.symbol * X)),
    params=(_lau_alpha, _lau_beta),
    aliases=("logmoid_activation_unit", "logmoid"),
    reference=Reference(
        "Anonymous (ICLR 2023 submission)",
        2022,
        "LAU: A Novel Two-Parameter Learnable Logmoid Activation Unit",
        "https://openreview.net/forum?id=uwBUzlm0GS",
    ),
    equals_at_defaults=("logish",),
)

# --- 58 SinSig and 62 Suish -------------------------------------------------------------------
# Read (Kunc-Kléma survey, arXiv 2402.09092, section 3): the survey's own text was not readable
# here; its formulas were read in two independent transcriptions that agree on this one:
# torch_activation (hdmquan/torch_activation @f75a8a9, whose docstrings have known errors) and a
# PyTorch re-implementation of the survey's section 3 (code-index id 69765866674). The original
# paper the survey cites was not found. Reference: the survey, marked unverified.
# SinSig: x·sin((π/2)·σ(x)). Suish: max(x, x·e^(−|x|)), which is x for x ≥ 0 and x·eˣ below
# (the negative side of REU, Ying et al. 2019, whose paper was not read).
_KUNC_UNREAD = replace(KUNC_2024, verified=False)
sinsig = Activation(
    name="sinsig",
    title="SinSig",
    family="self-gated",
    summary="The input gated by the sine of a quarter-turn scaled sigmoid, a SiLU-like unit.",
    expr=X * sp.sin(sp.pi / 2 * sigmoid.expr),
    aliases=("sine_sigmoid",),
    reference=_KUNC_UNREAD,
)

suish = Activation(
    name="suish",
    title="Suish",
    family="self-gated",
    summary="The larger of the input and an exponentially damped copy of it.",
    expr=sp.Max(X, X * sp.exp(-sp.Abs(X))),
    # x·e^(−|x|) > x exactly when x < 0: suish is x·eˣ below 0 and x above, REU.
    equals_at_defaults=("reu", "preu"),
    reference=_KUNC_UNREAD,
)

# --- 48 SGELU ----------------------------------------------------------------------------------
# Read: the paper's abstract (deepai, scholarfeed 1911.03925v1): SGELU integrates "the property
# of the stochastic regularizer in the Gaussian Error Linear Unit (GELU) with the symmetrical
# characteristics", with "bidirection convergence"; a review (sh-tsang on Medium, formulas as
# images) adds "in which α represents the hyper-parameter" and calls it a two-to-one mapping,
# i.e. even. The formula α·x·erf(x/√2) is from torch_activation's SGELU and the survey
# transcription described above (both α = 1); a text copy of the review that writes x·Φ(αx)
# is not even, so not this function. The paper's α was not read: reference unverified.
_sgelu_alpha = Param("alpha", 1, "output scale (a hyper-parameter)", positive=True)
sgelu = Activation(
    name="sgelu",
    title="Symmetrical Gaussian error linear unit (SGELU)",
    family="self-gated",
    summary="An even, GELU-like unit: the input gated by the error function, negatives mapped up.",
    expr=_sgelu_alpha.symbol * X * sp.erf(X / sp.sqrt(2)),
    params=(_sgelu_alpha,),
    aliases=("symmetrical_gelu",),
    reference=Reference(
        "authors not read (Southeast University, Nanjing, per the review)",
        2019,
        "Symmetrical Gaussian Error Linear Units (SGELUs)",
        "https://arxiv.org/abs/1911.03925",
        verified=False,
    ),
)

# --- 36 ARiA2 ------------------------------------------------------------------------------------
# Read: the paper's abstract and first page (docslib copy of arXiv 1805.08878v1; paperswithcode):
# authors, title, ARiA is "a two parameter version of the specialized Richard's Curve",
# "non-monotonous, analogous to ... Swish" (so the curve weights x). achaiah/pywick
# pywick/functions/swish.py (citing the paper and a fast.ai forum thread): class Aria computes
# x·(A + (K − A)/(C + Q·e^(−Bx))^(1/v)) and its docstring names ARiA2 the special case
# (A, K, C, Q) = (0, 1, 1, 1), B = b, v = 1/a, with a = 1.5, b = 2 — i.e. x·(1 + e^(−bx))^(−a)
# (pywick's own Aria2.forward miscomputes it). Echo's Aria2 returns the gate alone, without x,
# and activations-plus another variant. The paper's section with ARiA2 was not reached:
# reference unverified. (1 + e^(−bx))^(−a) is σ(bx)^a, declared so; a = 1 gives Swish-β.
_aria2_alpha = Param("alpha", "3/2", "exponent of the Richards gate (a)", positive=True)
_aria2_beta = Param("beta", 2, "growth rate inside the gate (b)", positive=True)
aria2 = Activation(
    name="aria2",
    title="ARiA2 (adaptive Richards curve weighted activation)",
    family="self-gated",
    summary="The input gated by a two-parameter Richards curve: Swish-β with an exponent.",
    expr=X * sigmoid.of(_aria2_beta.symbol * X) ** _aria2_alpha.symbol,
    params=(_aria2_alpha, _aria2_beta),
    aliases=("aria_2",),
    reference=Reference(
        "N. Patwardhan, M. Ingalhalikar, R. Walambe",
        2018,
        "ARiA: Utilizing Richard's Curve for Controlling the Non-monotonicity of the Activation "
        "Function in Deep Neural Nets",
        "https://arxiv.org/abs/1805.08878",
        verified=False,
    ),
)

# =====================================================================================
# Named activations, 2017-2024
# =====================================================================================

# --- EIS ------------------------------------------------------------------------------------------
# Read: arXiv 2009.13501 abstract (researchtrend, deeplearn.org, astro.paperswithcode copies):
# EIS = x(ln(1+e^x))^α / (sqrt(β + γx²) + δe^{-θx}), five hyper-parameters; examples
# x ln(1+e^x)/(x + 1.16e^{-x}) and x ln(1+e^x)/sqrt(1+x²). [Echo] t_ops.py EIS implements the same
# formula with presets version1 (α=1, β=0, γ=1, δ=1.16, θ=1), version2 (α=1, β=1, γ=1, δ=0, θ=0),
# version3 (α=0, β=1, γ=0, δ=0.68, θ=1.7) and range checks α∈[0,1], β,γ,δ,θ ≥ 0. Defaults here are
# the abstract's second example (= Echo version 2; θ is inert when δ = 0, set to 1).
_eis_alpha = Param("alpha", 1, "power of the softplus factor", nonnegative=True)
_eis_beta = Param("beta", 1, "constant under the square root", nonnegative=True)
_eis_gamma = Param("gamma", 1, "weight of x² under the square root", nonnegative=True)
_eis_delta = Param(
    "delta", 0, "weight of the exponential term in the denominator", nonnegative=True
)
_eis_theta = Param("theta", 1, "rate of the exponential term", nonnegative=True)
eis = Activation(
    name="eis",
    title="EIS (Exponential, ISRU, Softplus)",
    family="self-gated",
    summary="A five-parameter self-gated family built from softplus, a root and an exponential.",
    expr=X
    * _softplus(X) ** _eis_alpha.symbol
    / (
        sp.sqrt(_eis_beta.symbol + _eis_gamma.symbol * X**2)
        + _eis_delta.symbol * sp.exp(-_eis_theta.symbol * X)
    ),
    params=(_eis_alpha, _eis_beta, _eis_gamma, _eis_delta, _eis_theta),
    reference=Reference(
        "K. Biswas, S. Kumar, S. Banerjee, A. K. Pandey",
        2020,
        "EIS -- a family of activation functions combining Exponential, ISRU, and Softplus",
        "https://arxiv.org/abs/2009.13501",
    ),
)

# --- β-Mish ---------------------------------------------------------------------------------------
# Read: [Echo] echoAI/Activation/Torch/beta_mish.py (commit 7bb1476^): βmish(x) =
# x·tanh(ln((1+e^x)^β)),
# "beta: hyperparameter (default = 1.5)", reference "β-Mish: An uni-parametric adaptive activation
# function derived from Mish: https://github.com/digantamisra98/Beta-Mish"; functional.py:
# input * tanh(log(pow(1 + exp(input), beta))). ln((1+e^x)^β) = β·softplus(x). No paper exists to
# read; the cited repository is not in the index. β = 1 gives `mish`.
_bm_beta = Param("beta", "3/2", "power of (1 + eˣ) inside the logarithm", positive=True)
beta_mish = Activation(
    name="beta_mish",
    title="β-Mish",
    family="self-gated",
    summary="Mish with a scaled softplus inside its gate, from the author of Mish.",
    expr=X * sp.tanh(_bm_beta.symbol * _softplus(X)),
    params=(_bm_beta,),
    aliases=("betamish",),
    reference=Reference(
        "D. Misra",
        2019,
        "β-Mish: An uni-parametric adaptive activation function derived from Mish",
        "https://github.com/digantamisra98/Beta-Mish",
        verified=False,
    ),
)

# --- Mila -----------------------------------------------------------------------------------------
# Read: [Echo] echoAI/Activation/Torch/mila.py (commit 7bb1476^): mila(x) = x·tanh(ln(1 + e^(β +
# x)))
# = x·tanh(softplus(β + x)), "beta ... (default = -0.25)", reference github.com/digantamisra98/Mila;
# functional.py: input * tanh(softplus(input + beta)). No paper; the repo is not in the index.
# β = 0 gives `mish`.
_mila_beta = Param("beta", "-1/4", "shift added to x inside the softplus")
mila = Activation(
    name="mila",
    title="Mila",
    family="self-gated",
    summary="Mish with a shifted softplus argument inside its gate, from the author of Mish.",
    expr=X * sp.tanh(_softplus(X + _mila_beta.symbol)),
    params=(_mila_beta,),
    reference=Reference(
        "D. Misra",
        2019,
        "Mila: uniparametric activation function inspired from Mish",
        "https://github.com/digantamisra98/Mila",
        verified=False,
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
    eswish,
    sinlu,
    golu,
    swish_t_c,
    acon_c,
    lipswish,
    self_arctan,
    tsrelu,
    tanhsoft2,
    beta_mish,
    mila,
    hard_mish,
    flatten_t_swish,
    rehsec,
    psgu,
    lalu,
    hard_swish_affine,
    pserf,
    lau,
    sgelu,
    aria2,
    suish,
    eanaf,
    erfact,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
PENDING: tuple[Activation, ...] = (
    colu,
    pflu,
    phish,
    coslu,
    swish_t,
    aglu,
    calu,
    tanhsoft1,
    swim,
    i_gelu,
    eis,
    gelu_sigmoid_cubic,
    # gelu_clipped: the analysis cannot split Min/Max where x·Φ(x) = max_val (transcendental):
    # every fact is undetermined ("needs split ... SymPy raised NotImplementedError").
    gelu_clipped,
    # sinsig: f'' is "wrong below the normal range" at large x (float64: 160 of 1283 grid
    # points, first x = 376.6: got −9.8e−178, true −1.4e−324; float32 likewise from x = 46.5),
    # and f' misses by 1.43× (5.52 ULP at x = −1.875).
    sinsig,
)
