"""Activations that fit no other family: linear, radial, exponential and polynomial units."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symact.catalog._refs import (
    HAFNER_2023,
    KUNC_2024,
    NOEL_2021,
    RAMASINGHE_2021,
    WIKIPEDIA_TABLE,
    jax,
    keras,
)
from symact.catalog.sigmoidal import tanh
from symact.declare import Activation, Param, Reference, X

identity = Activation(
    name="identity",
    title="Identity (linear)",
    family="linear",
    summary="No nonlinearity, as in the output layer of a regression network.",
    expr=X,
    aliases=("linear",),
    reference=Reference(
        "B. Widrow, M. E. Hoff",
        1960,
        "Adaptive Switching Circuits",
        "https://doi.org/10.21236/AD0241531",
    ),
    frameworks=(keras("linear"), jax("identity")),
)

gaussian = Activation(
    name="gaussian",
    title="Gaussian",
    family="radial",
    summary="A bell-shaped radial basis function, as in RBF networks (Broomhead and Lowe 1988).",
    expr=sp.exp(-(X**2)),
    aliases=("gauss", "rbf"),
    reference=Reference(
        "D. S. Broomhead, D. Lowe",
        1988,
        "Multivariable Functional Interpolation and Adaptive Networks",
        "https://www.complex-systems.com/abstracts/v02_i03_a05/",
        # Bibliographies agree on the citation; neither the abstract nor the paper could be
        # read here to confirm exp(−x²) in it (session 12).
        verified=False,
    ),
)

exponential = Activation(
    name="exponential",
    title="Exponential",
    family="other",
    summary="The natural exponential, offered as an activation by Keras.",
    expr=sp.exp(X),
    aliases=("exp",),
    reference=Reference(
        "F. Chollet and others",
        2015,
        "Keras: activations (exponential)",
        "https://keras.io/api/layers/activations/",
    ),
    frameworks=(keras("exponential"),),
)

bent_identity = Activation(
    name="bent_identity",
    title="Bent identity",
    family="other",
    summary="The identity bent by a hyperbola.",
    expr=(sp.sqrt(X**2 + 1) - 1) / 2 + X,
    reference=WIKIPEDIA_TABLE,
)

_soft_exp_alpha = Param(
    "alpha", "1/2", "interpolates: α < 0 logarithmic, 0 linear, α > 0 exponential"
)
soft_exponential = Activation(
    name="soft_exponential",
    title="Soft exponential",
    family="other",
    summary="A family through logarithmic, linear and exponential forms, set by one parameter.",
    expr=sp.Piecewise(
        (
            -sp.log(1 - _soft_exp_alpha.symbol * (X + _soft_exp_alpha.symbol))
            / _soft_exp_alpha.symbol,
            _soft_exp_alpha.symbol < 0,
        ),
        (X, sp.Eq(_soft_exp_alpha.symbol, 0)),
        (
            (sp.exp(_soft_exp_alpha.symbol * X) - 1) / _soft_exp_alpha.symbol
            + _soft_exp_alpha.symbol,
            True,
        ),
    ),
    params=(_soft_exp_alpha,),
    aliases=("softexp", "soft_exp"),
    reference=Reference(
        "L. B. Godfrey, M. S. Gashler",
        2015,
        "A continuum among logarithmic, linear, and exponential functions, and its potential "
        "to improve generalization in neural networks",
        "https://arxiv.org/abs/1602.01321",
    ),
)

cube = Activation(
    name="cube",
    title="Cube",
    family="other",
    summary="The cube activation of Chen and Manning's neural dependency parser.",
    expr=X**3,
    aliases=("cubic",),
    reference=Reference(
        "D. Chen, C. D. Manning",
        2014,
        "A Fast and Accurate Dependency Parser using Neural Networks",
        "https://aclanthology.org/D14-1082/",
    ),
)

# Row 97, square (session 17, helper C). Read: TenSEAL's Tutorial 4, "Encrypted Convolution on
# MNIST" (OpenMined/TenSEAL tutorials/, added 2021-02-18 in commit f108552; authors A. Benaissa
# and B. Retiat): "Here we use the square activation function for simplicity, and ease of use,
# given the limitation of the number of multiplications with the CKKS scheme"; the PyTorch model
# computes x * x after the convolution and after the first linear layer, and the encrypted
# model calls square_() at the same places. The usual citation for the square activation in
# encrypted inference, CryptoNets (Gilad-Bachrach et al., ICML 2016), was not readable here.
square = Activation(
    name="square",
    title="Square",
    family="other",
    summary="The square of the input: the activation of networks evaluated on homomorphically "
    "encrypted data, where only additions and multiplications are available.",
    expr=X**2,
    aliases=("square_activation", "x_squared"),
    reference=Reference(
        "A. Benaissa, B. Retiat",
        2021,
        "TenSEAL Tutorial 4: Encrypted Convolution on MNIST",
        "https://github.com/OpenMined/TenSEAL/blob/main/tutorials/"
        "Tutorial%204%20-%20Encrypted%20Convolution%20on%20MNIST.ipynb",
    ),
)


# Rows 74-75, symlog / symexp. Read: the authors' code danijar/dreamerv3
# (embodied/jax/nets.py: symlog = sign(x) log1p(|x|), symexp = sign(x) expm1(|x|)) and its
# README (title, authors, arXiv 2301.04104). DreamerV3 uses them to squash inputs and targets;
# the Kunc-Klema survey (section "Logarithmic activation function") says the older LAF "was
# independently proposed under the name symlog" (its formulas are stripped in the text read).
# torch_activation's "Logarithmic" (ln z + 1) is a garbled transcription.

symlog = Activation(
    name="symlog",
    title="Symlog (symmetric logarithm)",
    family="other",
    summary="A sign-preserving logarithmic compression, used by DreamerV3 to tame inputs and "
    "targets of very different scales.",
    expr=sp.sign(X) * sp.log(1 + sp.Abs(X)),
    aliases=("laf", "logarithmic_activation"),
    reference=HAFNER_2023,
)

symexp = Activation(
    name="symexp",
    title="Symexp (symmetric exponential)",
    family="other",
    summary="The inverse of symlog: a sign-preserving exponential expansion, used by "
    "DreamerV3 to decode predictions.",
    expr=sp.sign(X) * (sp.exp(sp.Abs(X)) - 1),
    reference=HAFNER_2023,
)

# Rows 86-90, Ramasinghe & Lucey. Read: two independent reimplementations that cite the paper
# and agree: kwea123/Coordinate-MLPs models.py (GaussianActivation exp(-x^2/(2a^2)),
# QuadraticActivation 1/(1+(ax)^2), MultiQuadraticActivation 1/sqrt(1+(ax)^2),
# LaplacianActivation exp(-|x|/a), SuperGaussianActivation exp(-x^2/(2a^2))^b (super_gaussian),
# ExpSinActivation exp(-sin(ax)); a = b = 1 by default) and a second library (code-index id
# 3942824484) with the same formulas in its docstrings (its ExpSin code drops the minus sign).
# The paper's text was not readable (arXiv 2111.15135, ECCV 2022); the defaults a = b = 1 are
# the implementations', not the paper's.
_rbf_a = Param("a", 1, "input scale (trainable in the reimplementations)", positive=True)

inv_quadratic = Activation(
    name="inv_quadratic",
    title="Inverse quadratic (coordinate-MLP)",
    family="radial",
    summary="A Cauchy-shaped bump offered as a non-periodic activation for coordinate networks.",
    expr=1 / (1 + (_rbf_a.symbol * X) ** 2),
    params=(_rbf_a,),
    aliases=("inverse_quadratic",),
    reference=RAMASINGHE_2021,
)

multiquadratic = Activation(
    name="multiquadratic",
    title="Multi-quadratic (coordinate-MLP)",
    family="radial",
    summary="The inverse multiquadric radial basis function, offered as an activation for "
    "coordinate networks.",
    expr=1 / sp.sqrt(1 + (_rbf_a.symbol * X) ** 2),
    params=(_rbf_a,),
    aliases=("multi_quadratic", "inverse_multiquadric"),
    reference=RAMASINGHE_2021,
)

laplacian_rbf = Activation(
    name="laplacian_rbf",
    title="Laplacian (coordinate-MLP)",
    family="radial",
    summary="A peaked exponential bump, offered as an activation for coordinate networks.",
    expr=sp.exp(-sp.Abs(X) / _rbf_a.symbol),
    params=(_rbf_a,),
    aliases=("laplacian_activation",),
    reference=RAMASINGHE_2021,
)

# Row 89, super-Gaussian (session 17, helper C). Read: kwea123/Coordinate-MLPs models.py
# (commit 08f1c38d): SuperGaussianActivation(a=1., b=1.) computes
# torch.exp(-x**2/(2*self.a**2))**self.b, offered by its MLP as act='super-gaussian' beside the
# paper's other activations; its README lists "Beyond Periodicity" (arXiv 2111.15135) among the
# related papers. ar5iv 2111.15135 was readable only up to its introduction (title, authors,
# abstract: "several non-periodic functions"), so the paper's own form and defaults are unread
# and the reference stays unverified. With a = b = 1 this is exp(−x²/2), not `gaussian`
# (exp(−x²), which it is at a = 1/√2, b = 1). b must be positive for a bump.
_sg_b = Param("b", 1, "power of the Gaussian: flattens its top as b grows", positive=True)
super_gaussian = Activation(
    name="super_gaussian",
    title="Super-Gaussian (coordinate-MLP)",
    family="radial",
    summary="A Gaussian bump raised to a power, offered as an activation for coordinate networks.",
    expr=sp.exp(-(X**2) / (2 * _rbf_a.symbol**2)) ** _sg_b.symbol,
    params=(_rbf_a, _sg_b),
    aliases=("supergaussian", "super_gaussian_activation"),
    reference=RAMASINGHE_2021,
)

ncu = Activation(
    name="ncu",
    title="Non-monotonic cubic unit (NCU)",
    family="other",
    summary="A cubic with three zeros, an oscillation-like unit that lets one neuron separate XOR.",
    expr=X - X**3,
    aliases=("non_monotonic_cubic_unit",),
    reference=NOEL_2021,
)

squ = Activation(
    name="squ",
    title="Shifted quadratic unit (SQU)",
    family="other",
    summary="A parabola through the origin with unit slope there, the simplest unit with two "
    "zeros.",
    expr=X**2 + X,
    aliases=("shifted_quadratic_unit",),
    reference=NOEL_2021,
)

# Row 100, logcosh. Read: FluxML/NNlib.jl src/activations.jl (logcosh is in the ACTIVATIONS
# list; docstring "Return log(cosh(x))", computed as x + softplus(-2x) - log 2; added
# 2019-04-04 in commit "add logcosh activation") and docs/src/reference.md (listed under
# "Activation Functions"). TensorFlow (tfp.math.log_cosh) and Keras/MLX have it only as a loss
# or a math helper, not as an activation.
logcosh = Activation(
    name="logcosh",
    title="Log-cosh",
    family="other",
    summary="The logarithm of the hyperbolic cosine, an antiderivative of tanh offered as an "
    "activation by Flux's NNlib.",
    expr=sp.log(sp.cosh(X)),
    aliases=("log_cosh",),
    reference=Reference(
        "FluxML contributors",
        2019,
        "NNlib.jl reference: activation functions (logcosh)",
        "https://fluxml.ai/NNlib.jl/stable/reference/",
    ),
)

# Row 101, m-arcsinh. Read: the author's own code (L. Parisi; code-index ids 30452054086,
# 30362655901: m_arcsinh(x) = (1/3 arcsinh x)(1/4 sqrt|x|), derivative sqrt|x|/(12 sqrt(x^2+1))
# + x arcsinh(x)/(24 |x|^(3/2))), a summary of the paper quoting the same formula, and the
# arXiv title/author via a page that reproduces the abstract. The candidate row and
# torch_activation write |x| instead of sqrt|x|: wrong.
m_arcsinh = Activation(
    name="m_arcsinh",
    title="Modified arcsinh (m-arcsinh)",
    family="other",
    summary="The inverse hyperbolic sine weighted by a square root of the input's size, "
    "offered both as a kernel for support vector machines and as an activation.",
    expr=sp.asinh(X) * sp.sqrt(sp.Abs(X)) / 12,
    aliases=("modified_arcsinh",),
    reference=Reference(
        "L. Parisi",
        2020,
        "m-arcsinh: An Efficient and Reliable Function for SVM and MLP in scikit-learn",
        "https://arxiv.org/abs/2009.07530",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# 2f. Rational / polynomial with learnable coefficients: fixed instances only
# ---------------------------------------------------------------------------------------------

# Row 102, PAU at its default initialisation. Read: the authors' original code ml-research/pau
# (pau/cuda/python_imp/Pade.py and pau/utils.py): PAU() uses init "pade_optimized_leakyrelu"
# with numerator a0..a5 and denominator b1..b4 below and the "safe" form
# P(x) / (1 + |b1||x| + |b2||x|^2 + |b3||x|^3 + |b4||x|^4); authors from the bibtex in
# k4ntz/activation-functions docs/source/refs.bib; title from the HF papers page. The candidate
# row's denominator 1 + |sum b_k x^k| is rational_activations' version "B", not the original
# PAU (whose form is that package's default version "A"). The paper's text was not read.
_PAU_A = ("0.0335583603", "0.505000375", "1.65343934", "2.01001052", "0.931901999", "0.152424124")
_PAU_B = ("0.00000330847488", "3.98021568", "0.000000512471206", "0.301830109")
pau = Activation(
    name="pau",
    title="Padé activation unit (leaky-ReLU initialisation)",
    family="other",
    summary="A safe rational function of degree five over four, fitted to leaky ReLU as the "
    "starting point of a learnable Padé activation.",
    expr=sum(sp.Rational(a) * X**j for j, a in enumerate(_PAU_A))
    / (1 + sum(sp.Rational(b) * sp.Abs(X) ** (k + 1) for k, b in enumerate(_PAU_B))),
    aliases=("pade_activation_unit",),
    shared_names=("rational",),
    reference=Reference(
        "A. Molina, P. Schramowski, K. Kersting",
        2019,
        "Padé Activation Units: End-to-end Learning of Flexible Activation Functions in Deep "
        "Networks",
        "https://arxiv.org/abs/1907.06732",
        verified=False,
    ),
)

# Row 103, Boullé's rational at its initialisation. Read: the authors' code NBoulle/RationalNets
# (src/RationalLayer.py: alpha_initializer [1.1915, 1.5957, 0.5, 0.0218], beta_initializer
# [2.383, 0.0, 1.0], evaluated with tf.math.polyval, highest degree first; the PyTorch port
# uses the same numbers with exponents 3, 2, 1, 0) and src/initial_rational_coeffs.m (the
# (3,2) minimax fit to ReLU on [-1, 1] via Chebfun); README (title, authors, NeurIPS 2020).
boulle_rational = Activation(
    name="boulle_rational",
    title="Rational activation (type (3,2), ReLU initialisation)",
    family="other",
    summary="A cubic over a quadratic, the best rational approximation of ReLU of that type "
    "on the unit interval, used to start training rational networks.",
    expr=(
        sp.Rational("1.1915") * X**3
        + sp.Rational("1.5957") * X**2
        + sp.Rational("0.5") * X
        + sp.Rational("0.0218")
    )
    / (sp.Rational("2.383") * X**2 + 1),
    aliases=("rational_3_2",),
    shared_names=("rational",),
    reference=Reference(
        "N. Boullé, Y. Nakatsukasa, A. Townsend",
        2020,
        "Rational neural networks",
        "https://arxiv.org/abs/2004.01902",
        verified=False,
    ),
)

# --------------------------------------------------------------------------------------------
# mlpack (src/mlpack/methods/ann/activation_functions/, layer/)
# --------------------------------------------------------------------------------------------

# Read: mlpack activation_functions/hyper_sinh_function.hpp (two stored versions; the newer
# header cites Parisi et al. 2021, Machine Learning with Applications 6:100112) and the authors'
# repo luca-parisi/hyper_sinh (src/tf_keras/hyper_sinh.py, src/constants.py: GT_COEFFICIENT=1/3,
# LE_FIRST_COEFFICIENT=1/4, power 3), whose README links arXiv 2011.07661. Both: sinh(x)/3 for
# x > 0, x^3/4 for x <= 0. The arXiv abstract page itself could not be read -> verified=False.
hyper_sinh = Activation(
    name="hyper_sinh",
    title="Hyper-sinh",
    family="other",
    summary="A third of sinh on the positive side and a quarter of the cube on the negative side.",
    expr=sp.Piecewise((sp.sinh(X) / 3, X > 0), (X**3 / 4, True)),
    aliases=("hypersinh",),
    reference=Reference(
        "L. Parisi, R. Ma, N. RaviChandran, M. Lanzillotta",
        2021,
        "hyper-sinh: An accurate and reliable function from shallow to deep learning in "
        "TensorFlow and Keras",
        "https://arxiv.org/abs/2011.07661",
        verified=False,
    ),
)

# Read: mlpack activation_functions/multi_quadratic_function.hpp (MultiQuadFunction):
# f(x) = sqrt(1 + x^2), f'(x) = x / f(x); no paper cited. This is the classical multiquadric
# radial basis function of Hardy (J. Geophys. Res. 76(8):1905-1915, 1971; citation seen on a
# stored page, paper not read -> verified=False). NOT the same as wave-1 'multiquadratic'
# (1/sqrt(1+(ax)^2), the inverse multiquadric of Ramasinghe & Lucey): name collision.
multiquadric = Activation(
    name="multiquadric",
    title="Multiquadric",
    family="radial",
    summary="Hardy's multiquadric radial basis function, growing like the absolute value.",
    expr=sp.sqrt(1 + X**2),
    reference=Reference(
        "R. L. Hardy",
        1971,
        "Multiquadric equations of topography and other irregular surfaces",
        "https://doi.org/10.1029/JB076i008p01905",
        verified=False,
    ),
)

# Read: fann_data.h FANN_GAUSSIAN_SYMMETRIC: y = exp(-x*s*x*s)*2 - 1, span -1 < y < 1;
# fann_activation.h fann_gaussian_symmetric_real. Declared at steepness 1.
gaussian_symmetric = Activation(
    name="gaussian_symmetric",
    title="Symmetric Gaussian",
    family="radial",
    summary="FANN's symmetric Gaussian: a bump rescaled to be one at zero and minus one far away.",
    expr=2 * sp.exp(-(X**2)) - 1,
    reference=Reference(
        "S. Nissen",
        2003,
        "FANN: fann_activationfunc_enum (FANN_GAUSSIAN_SYMMETRIC)",
        "https://leenissen.dk/fann/html/files/fann_data-h.html#fann_activationfunc_enum",
    ),
)

# --------------------------------------------------------------------------------------------
# Physics-informed libraries: NVIDIA PhysicsNeMo, PaddleScience
# --------------------------------------------------------------------------------------------

# Read: NVIDIA PhysicsNeMo layers module (class Stan, documented as physicsnemo.models.layers.Stan;
# the same class is in NVIDIA/modulus modulus/models/layers/activations.py): tanh(x) * (1 + beta*x),
# beta = torch.ones(out_features) (init 1), cites arXiv 2204.12589; PaddleScience
# ppsci/arch/activation.py class Stan: same formula, Constant(1) initializer. Abstract read
# (scholarfeed / paperswithcode / pubmed pages).
_stan_beta = Param("beta", 1, "learnable weight of the x*tanh(x) term (initially 1)")
stan = Activation(
    name="stan",
    title="Self-scalable tanh (Stan)",
    family="other",
    summary="A hyperbolic tangent plus a learnable self-scaled term, for physics-informed nets.",
    expr=tanh.of(X) * (1 + _stan_beta.symbol * X),
    params=(_stan_beta,),
    aliases=("self_scalable_tanh",),
    reference=Reference(
        "R. Gnanasambandam, B. Shen, J. Chung, X. Yue, Z. Kong",
        2022,
        "Self-scalable Tanh (Stan): Faster Convergence and Better Generalization in "
        "Physics-informed Neural Networks",
        "https://arxiv.org/abs/2204.12589",
    ),
)


# --- thin-plate spline ----------------------------------------------------------------------------
# Read: SNNS User Manual, RBF section (ra.cs.uni-tuebingen.de/SNNS/UserManual/node185.html, and a
# copy of the same text with its formulas in the pages corpus): Act_RBF_ThinPlateSpline
# h(r) = r² log(r) (with Act_RBF_Gaussian and Act_RBF_MultiQuadratic h(r) = sqrt(r² + c²)).
# As an elementwise activation r = |x|; the value 0 at x = 0 is the continuous extension.
thin_plate_spline = Activation(
    name="thin_plate_spline",
    title="Thin-plate spline radial function",
    family="radial",
    summary="The thin-plate spline radial basis function of the distance to the origin.",
    expr=sp.Piecewise((0, sp.Eq(X, 0)), (X**2 * sp.log(sp.Abs(X)), True)),
    aliases=("tps", "act_rbf_thinplatespline"),
    reference=Reference(
        "A. Zell et al. (SNNS)",
        1995,
        "SNNS Stuttgart Neural Network Simulator User Manual: radial basis functions",
        "https://www.ra.cs.uni-tuebingen.de/SNNS/UserManual/node185.html",
        verified=False,
    ),
)

# --- Seagull --------------------------------------------------------------------------------------
# Read: arXiv 2011.11713 abstract (thejournal.club, bzpeer, arxivlens copies): "the designated
# 'Seagull' activation function log(1 + x²)". [Echo] t_ops.py Seagull: torch.log(1 + x²) — agrees.
seagull = Activation(
    name="seagull",
    title="Seagull",
    family="other",
    summary="An even logarithmic activation for targets symmetric under swapping inputs.",
    expr=sp.log(1 + X**2),
    reference=Reference(
        "F. Gao, B. Zhang",
        2020,
        "A Use of Even Activation Functions in Neural Networks",
        "https://arxiv.org/abs/2011.11713",
    ),
)

# --- ADA (apical dendrite activation) -------------------------------------------------------------
# Read: [PyNADA] (authors' code, README cites arXiv 2003.03229): mlp/lenet/vgg eval_methods.py
# adaf(x, alpha=1.0) = maximum(x, 0)·exp(-x·alpha); char-cnn-moroco/CharCNNZhang.py also has
# adaf_3_opt = maximum(x, 0)·exp(-x·alpha + 1.0) and leaky variants (leak·min(x,0) added, leak
# 0.01).
# [Kunc] section 3.6 prose: ADA "similar to the ELU, but it applies an exponential function for
# positive inputs ... a and b are fixed parameters"; LADA adds a leak c (0.01). Declared with both
# parameters: max(0, x)·exp(-αx + β), defaults α = 1, β = 0 (eval_methods). Paper body not read.
_ada_alpha = Param("alpha", 1, "decay rate of the exponential", positive=True)
_ada_beta = Param("beta", 0, "log-scale of the output (exp(beta) multiplies it)")
ada = Activation(
    name="ada",
    title="Apical dendrite activation (ADA)",
    family="other",
    summary="A ReLU damped by a decaying exponential: a single bump, modelled on apical dendrites.",
    expr=sp.Max(0, X) * sp.exp(-_ada_alpha.symbol * X + _ada_beta.symbol),
    params=(_ada_alpha, _ada_beta),
    aliases=("apical_dendrite_activation",),
    reference=Reference(
        "M.-I. Georgescu, R. T. Ionescu, N.-C. Ristea, N. Sebe",
        2020,
        "Non-linear Neurons with Human-like Apical Dendrite Activations",
        "https://arxiv.org/abs/2003.03229",
    ),
)

# --- SoftModulusT ---------------------------------------------------------------------------------
# Read: [Kunc] section 3.6.31 prose: "a tanh based approximation of the vReLU. It is basically a
# parametric version of the LiSHT ... a is a predetermined parameter; the authors Vallés-Pérez et
# al.
# used a = 0.01 ... When a = 1, the SoftModulusT becomes the LiSHT" — which pins x·tanh(x/a); both
# transcriptions (69765866674 and [TA]) give x·tanh(x/a), a = 0.01. Paper identity from the arXiv
# 2301.05993 abstract pages (the modulus paper; its abstract does not state SoftModulusT).
_smt_a = Param("a", "1/100", "width of the smoothed corner at the origin", positive=True)
soft_modulus_t = Activation(
    name="soft_modulus_t",
    title="SoftModulusT",
    family="other",
    summary="A tanh-based soft approximation of the absolute value; it contains LiSHT.",
    expr=X * sp.tanh(X / _smt_a.symbol),
    params=(_smt_a,),
    aliases=("softmodulust",),
    reference=Reference(
        "I. Vallés-Pérez, E. Soria-Olivas, M. Martínez-Sober, A. J. Serrano-López, "
        "J. Vila-Francés, J. Gómez-Sanchís",
        2023,
        "Empirical study of the modulus as activation function in computer vision applications",
        "https://arxiv.org/abs/2301.05993",
        verified=False,
    ),
)


# --- 31 tanhLU ---------------------------------------------------------------------------------
# Read: the paper's abstract (research.polyu.edu.hk, bohrium, RMIT repository: authors, DOI,
# Expert Systems with Applications 199:117181): tanhLU "integrates hyperbolic tangent function
# (tanh) with a linear unit"; "Three variable parameters in tanhLU controlling activation
# values and gradients could be preconfigured as constants or adaptively optimized"; a summary
# names them α, β and λ. The formula itself, a·tanh(b·x) + c·x, is from torch_activation's
# TanhLU (defaults a = b = c = 1) and the Kunc-Kléma survey's transcriptions; which Greek
# letter is which, and the paper's constant values, were not read: reference unverified.
_tanhlu_a = Param("a", 1, "amplitude of the tanh term")
_tanhlu_b = Param("b", 1, "slope inside the tanh")
_tanhlu_c = Param("c", 1, "slope of the linear term")
tanhlu = Activation(
    name="tanhlu",
    title="tanhLU (tanh linear unit)",
    family="other",
    summary="A tanh plus a linear term: odd like tanh, but growing without limit.",
    expr=_tanhlu_a.symbol * tanh.of(_tanhlu_b.symbol * X) + _tanhlu_c.symbol * X,
    params=(_tanhlu_a, _tanhlu_b, _tanhlu_c),
    aliases=("tanh_linear_unit",),
    reference=Reference(
        "S.-L. Shen, N. Zhang, A. Zhou, Z.-Y. Yin",
        2022,
        "Enhancement of neural networks with an alternative activation function tanhLU",
        "https://doi.org/10.1016/j.eswa.2022.117181",
        verified=False,
    ),
)

# --- 81 Signed square root (SQRT) -----------------------------------------------------------
# Read (Kunc-Kléma survey, arXiv 2402.09092, section 3): the survey's own text was not readable
# here; its formulas were read in two independent transcriptions that agree on this one:
# torch_activation (hdmquan/torch_activation @f75a8a9, whose docstrings have known errors) and a
# PyTorch re-implementation of the survey's section 3 (code-index id 69765866674). The original
# paper the survey cites was not found. Reference: the survey, marked unverified.
# SQRT: sign(x)·√|x|. (Its scaled form SSAF, sign(x)·√(2a|x|), has a = 0.5 in one
# transcription and a = 1 in the candidate list: not declared.)
signed_sqrt = Activation(
    name="signed_sqrt",
    title="Signed square root (SQRT)",
    family="other",
    summary="The square root of the input's magnitude, keeping its sign: steep at the origin.",
    expr=sp.sign(X) * sp.sqrt(sp.Abs(X)),
    aliases=("sqrt_activation",),
    reference=replace(KUNC_2024, verified=False),
)

DECLARED: tuple[Activation, ...] = (
    identity,
    gaussian,
    exponential,
    bent_identity,
    soft_exponential,
    cube,
    square,
    multiquadratic,
    ncu,
    squ,
    boulle_rational,
    multiquadric,
    soft_modulus_t,
    symlog,
    symexp,
    inv_quadratic,
    laplacian_rbf,
    super_gaussian,
    stan,
    thin_plate_spline,
    seagull,
    logcosh,
    hyper_sinh,
    tanhlu,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
PENDING: tuple[Activation, ...] = (
    m_arcsinh,
    ada,
    pau,
    gaussian_symmetric,
    # signed_sqrt (session 17): f' → 0 like 1/(2√|x|) and its tangent at 0 is vertical, which
    # the evidence and the plot do not yet handle: tests/test_analysis.py
    # test_limit_of_derivative[signed_sqrt-±inf] (f' is still 5e−7 at x = 1e12, checked to
    # 1e−9), test_breakpoints_one_sided_limits_and_derivatives[signed_sqrt] (f(−1e−20) is
    # −1e−10, against the left limit 0 to 1e−12), and tests/test_plot.py
    # test_activation_plot[signed_sqrt] (f' drawn across 0, where both sides go to +∞) and
    # test_breaks_from_expressions_agree_with_facts[signed_sqrt] (f' at 0± read as 1.1e161,
    # not ∞).
    signed_sqrt,
)
