"""Periodic and oscillating activations."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symact.catalog._refs import KUNC_2024, NOEL_2021, RAMASINGHE_2021, WIKIPEDIA_TABLE
from symact.catalog.sigmoidal import tanh
from symact.declare import Activation, Param, Reference, X

sinusoid = Activation(
    name="sinusoid",
    title="Sinusoid",
    family="periodic",
    summary="The sine used as an activation, studied by Parascandolo et al.",
    expr=sp.sin(X),
    aliases=("sin", "sine"),
    reference=Reference(
        "G. Parascandolo, H. Huttunen, T. Virtanen",
        2016,
        "Taming the waves: sine as activation function in deep neural networks",
        "https://openreview.net/forum?id=Sks3zF9eg",
    ),
)

_w0 = Param("w0", 30, "frequency ω₀ of the first layer", positive=True, shown_as="omega_0")
siren = Activation(
    name="siren",
    title="SIREN sine",
    family="periodic",
    summary="The sine activation of sinusoidal representation networks, with a frequency factor.",
    expr=sinusoid.of(_w0.symbol * X),
    params=(_w0,),
    aliases=("sine_omega",),
    reference=Reference(
        "V. Sitzmann, J. N. P. Martel, A. W. Bergman, D. B. Lindell, G. Wetzstein",
        2020,
        "Implicit Neural Representations with Periodic Activation Functions",
        "https://arxiv.org/abs/2006.09661",
    ),
)

sinc = Activation(
    name="sinc",
    title="Sinc",
    family="periodic",
    summary="The cardinal sine, with its removable singularity filled in at the origin.",
    expr=sp.Piecewise((1, sp.Eq(X, 0)), (sinusoid.expr / X, True)),
    aliases=("cardinal_sine",),
    reference=WIKIPEDIA_TABLE,
)

gcu = Activation(
    name="gcu",
    title="Growing cosine unit (GCU)",
    family="periodic",
    summary="The growing cosine unit: the cosine multiplied by its input, an oscillatory unit.",
    expr=X * sp.cos(X),
    aliases=("growing_cosine_unit",),
    reference=Reference(
        "M. M. Noel, A. L, A. Trivedi, P. Dutta",
        2021,
        "Growing Cosine Unit: A Novel Oscillatory Activation Function That Can Speedup Training "
        "and Reduce Parameters in Convolutional Neural Networks",
        "https://arxiv.org/abs/2108.12943",
    ),
)

_snake_a = Param("a", 1, "frequency (learnable in the paper)", positive=True)
snake = Activation(
    name="snake",
    title="Snake",
    family="periodic",
    summary="The identity plus a periodic ripple, for learning periodic functions.",
    expr=X + sinusoid.of(_snake_a.symbol * X) ** 2 / _snake_a.symbol,
    params=(_snake_a,),
    reference=Reference(
        "L. Ziyin, T. Hartwig, M. Ueda",
        2020,
        "Neural Networks Fail to Learn Periodic Functions and How to Fix It",
        "https://arxiv.org/abs/2006.08195",
    ),
)


# ---------------------------------------------------------------------------------------------
# 2e. Periodic / INR / radial / polynomial family
# ---------------------------------------------------------------------------------------------

# Row 82, SnakeBeta. Read: NVIDIA/BigVGAN activations.py (SnakeBeta: x + 1/(beta+1e-9) *
# sin^2(alpha x); alpha, beta per channel, initialised to ones, or to zeros in log scale --
# exp(0) = 1; present since the initial code drop of 2023-02-18) and README (title, authors,
# arXiv 2206.04658; released checkpoints use snakebeta in log scale). NOT confirmed: that the
# paper itself describes the beta variant (its text was not readable; it may describe plain
# Snake only). At alpha = beta = 1 this is Snake at a = 1.
_sb_alpha = Param("alpha", 1, "frequency (trainable, per channel)", positive=True)
_sb_beta = Param("beta", 1, "inverse magnitude of the periodic term (trainable)", positive=True)
snake_beta = Activation(
    name="snake_beta",
    title="SnakeBeta",
    family="periodic",
    summary="Snake with separate trainable frequency and magnitude, the activation of the "
    "BigVGAN neural vocoder.",
    expr=X + sinusoid.of(_sb_alpha.symbol * X) ** 2 / _sb_beta.symbol,
    params=(_sb_alpha, _sb_beta),
    aliases=("snakebeta",),
    reference=Reference(
        "S. Lee, W. Ping, B. Ginsburg, B. Catanzaro, S. Yoon",
        2022,
        "BigVGAN: A Universal Neural Vocoder with Large-Scale Training",
        "https://arxiv.org/abs/2206.04658",
        verified=False,
    ),
    equals_at_defaults=("snake",),
)

# Row 83, FINER. Read: the authors' code liuzhen0212/FINER (models.py FinerLayer: scale =
# |x| + 1 on the pre-activation x, out = sin(omega_0 * scale * x), omega_0 = 30 by default for
# first and hidden layers) and README (title, authors, arXiv 2312.02434, CVPR 2024). Note: by
# default (scale_req_grad=False) the code computes the scale under no_grad, so its autograd
# derivative is omega (|x|+1) cos(...) -- not the derivative of this expression.
_finer_w0 = Param("w0", 30, "frequency factor ω₀", positive=True, shown_as="omega_0")
finer = Activation(
    name="finer",
    title="FINER variable-periodic sine",
    family="periodic",
    summary="A sine whose local frequency grows with the input's magnitude, widening the "
    "spectrum an implicit neural representation can fit.",
    expr=sinusoid.of(_finer_w0.symbol * (sp.Abs(X) + 1) * X),
    params=(_finer_w0,),
    aliases=("finer_sine",),
    reference=Reference(
        "Z. Liu, H. Zhu, Q. Zhang, J. Fu, W. Deng, Z. Ma, Y. Guo, X. Cao",
        2023,
        "FINER: Flexible spectral-bias tuning in Implicit NEural Representation by "
        "Variable-periodic Activation Functions",
        "https://arxiv.org/abs/2312.02434",
        verified=False,
    ),
)

# Row 84, HOSC. Read: the arXiv HTML page of 2401.10967v1 (title, authors D. Serrano,
# J. Szymkowiak, P. Musialski; "a controllable sharpness parameter") and the abstract of the
# same group's follow-up arXiv 2601.07870 (HOSC(x) = tanh(beta sin(omega_0 x)); this entry is
# omega_0 = 1, the 2024 form tanh(beta sin x)). The paper's value of beta was not readable;
# third-party reimplementations use beta = 1 or beta = 8. Default 1 here.
_hosc_beta = Param("beta", 1, "sharpness: large values approach a square wave", positive=True)
hosc = Activation(
    name="hosc",
    title="HOSC (hyperbolic oscillation)",
    family="periodic",
    summary="A sine squashed by tanh, tunable from a sine wave towards a square wave to "
    "keep sharp edges in implicit neural representations.",
    expr=tanh.of(_hosc_beta.symbol * sinusoid.expr),
    params=(_hosc_beta,),
    aliases=("hyperbolic_oscillation",),
    reference=Reference(
        "D. Serrano, J. Szymkowiak, P. Musialski",
        2024,
        "HOSC: A Periodic Activation Function for Preserving Sharp Features in Implicit "
        "Neural Representations",
        "https://arxiv.org/abs/2401.10967",
        verified=False,
    ),
)

_expsin_a = Param("a", 1, "frequency of the sine inside the exponential", positive=True)

# Row 89, super-Gaussian: NOT declared. Both reimplementations compute exp(-x^2/(2a^2))^b,
# which is only a Gaussian of scale a/sqrt(b) (SymPy folds it to exp(-b x^2/(2 a^2))), while
# the usual super-Gaussian raises the quadratic form inside the exponential,
# exp(-(x^2/(2a^2))^b). Which one the paper means could not be read: skipped.

expsin = Activation(
    name="expsin",
    title="ExpSin (coordinate-MLP)",
    family="periodic",
    summary="The exponential of a sine, a positive periodic activation for coordinate networks.",
    expr=sp.exp(-sinusoid.of(_expsin_a.symbol * X)),
    params=(_expsin_a,),
    aliases=("exp_sin",),
    reference=RAMASINGHE_2021,
)

# Rows 92-96 (Noel et al.). Read: the arXiv abstract pages of 2111.04020 (title, authors
# M. M. Noel, S. Bharadwaj, V. Muthiah-Nakarajan, P. Dutta, G. B. Amali; "four new oscillating
# activation functions"), and a detailed paper summary (code-index id 57013116527) that
# transcribes the paper's equations: SQU z^2 + z, NCU z - z^3, SSU pi sinc(z - pi), DSU
# (pi/2)(sinc(z - pi) - sinc(z + pi)), with sinc(z) = sin(z)/z and sinc(0) = 1, and the
# paper's requirements g(0) = 0, g'(0) = 1 -- which hold here only with the unnormalised sinc
# (check.py verifies both). The Kunc-Klema survey prose names SQU, NCU, SSU and DSU too.
# torch_activation's SSU uses the normalised sinc sin(pi t)/(pi t), which breaks g'(0) = 1.

dsu = Activation(
    name="dsu",
    title="Decaying sine unit (DSU)",
    family="periodic",
    summary="A difference of two shifted cardinal sines: an oscillation that decays away from "
    "the origin, letting one neuron separate XOR.",
    expr=sp.pi / 2 * (sinc.of(X - sp.pi) - sinc.of(X + sp.pi)),
    aliases=("decaying_sine_unit",),
    reference=NOEL_2021,
)

ssu = Activation(
    name="ssu",
    title="Shifted sinc unit (SSU)",
    family="periodic",
    summary="A cardinal sine shifted and scaled to pass through the origin with unit slope.",
    expr=sp.pi * sinc.of(X - sp.pi),
    aliases=("shifted_sinc_unit",),
    reference=NOEL_2021,
)

# Row 94, ASU. Read: arXiv abstract pages of 2304.09759 (scholarfeed, deepai: title, first
# author Jamshaid Ul Rahman, "the sine equivalent" role relative to GCU) and the Kunc-Klema
# survey prose (section "Amplifying sine unit (ASU)": "the sine equivalent of the GCU", GCU
# being x cos x). torch_activation: x sin x. Co-authors not confirmed here.
asu = Activation(
    name="asu",
    title="Amplifying sine unit (ASU)",
    family="periodic",
    summary="The sine counterpart of the growing cosine unit, proposed for recovering "
    "nonlinear oscillations of microelectromechanical systems.",
    expr=X * sinusoid.expr,
    aliases=("amplifying_sine_unit",),
    reference=Reference(
        "J. U. Rahman and others",
        2023,
        "Amplifying Sine Unit: An Oscillatory Activation Function for Deep Neural Networks "
        "to Recover Nonlinear Oscillations Efficiently",
        "https://arxiv.org/abs/2304.09759",
        verified=False,
    ),
)

# Read: fann_data.h FANN_COS_SYMMETRIC (cos(x*s)), fann_activation.h fann_cos_symmetric_real.
# Also PaddleScience ppsci/arch/activation.py Cos (paddle.cos). Declared at steepness 1.
cosine = Activation(
    name="cosine",
    title="Cosine",
    family="periodic",
    summary="The cosine function as an activation: the even counterpart of the sine unit.",
    expr=sp.cos(X),
    aliases=("cos",),
    reference=Reference(
        "S. Nissen",
        2003,
        "FANN: fann_activationfunc_enum (FANN_COS_SYMMETRIC)",
        "https://leenissen.dk/fann/html/files/fann_data-h.html#fann_activationfunc_enum",
    ),
)


# --- H-SIREN first-layer activation ---------------------------------------------------------------
# Read: arXiv 2410.04716v1 (arxiv.org/html, pages corpus) abstract: "changing the activation
# function
# at the first layer from sin(x) to sin(sinh(2x))".
h_siren = Activation(
    name="h_siren",
    title="H-SIREN hyperbolic sine activation",
    family="periodic",
    summary="A sine whose frequency grows away from the origin, for SIREN's first layer.",
    expr=sp.sin(sp.sinh(2 * X)),
    aliases=("hsiren",),
    reference=Reference(
        "R. Gao, R. K. Jaiman",
        2024,
        "H-SIREN: Improving implicit neural representations with hyperbolic periodic functions",
        "https://arxiv.org/abs/2410.04716",
    ),
)


# --- 98 Cosid and 99 Sinp ---------------------------------------------------------------------
# Read (Kunc-Kléma survey, arXiv 2402.09092, section 3): the survey's own text was not readable
# here; its formulas were read in two independent transcriptions that agree on this one:
# torch_activation (hdmquan/torch_activation @f75a8a9, whose docstrings have known errors) and a
# PyTorch re-implementation of the survey's section 3 (code-index id 69765866674). The original
# paper the survey cites was not found. Reference: the survey, marked unverified.
# Cosid: cos(x) − x. Sinp: sin(x) − a·x, a = 1 in both (the candidate list also names 1.5
# and 2).
_KUNC_UNREAD = replace(KUNC_2024, verified=False)
cosid = Activation(
    name="cosid",
    title="Cosid",
    family="periodic",
    summary="A cosine minus the identity: a falling line with a periodic ripple.",
    expr=sp.cos(X) - X,
    reference=_KUNC_UNREAD,
)

_sinp_a = Param("a", 1, "slope of the subtracted linear term")
sinp = Activation(
    name="sinp",
    title="Sinp",
    family="periodic",
    summary="A sine minus a multiple of the identity: a line with a periodic ripple.",
    expr=sinusoid.expr - _sinp_a.symbol * X,
    params=(_sinp_a,),
    reference=_KUNC_UNREAD,
)

# --- 85 Real Gabor wavelet (session 17, helper C) ----------------------------------------------
# Read: the authors' code, vishwa91/wire modules/wire.py (commit bf95232e), and its README
# (citation: Saragadam, LeJeune, Tan, Balakrishnan, Veeraraghavan, Baraniuk, arXiv 2301.05187).
# ComplexGaborLayer, the nonlinearity of every result in the paper, returns
# exp(1j·omega0·u − |sigma0·u|²) of one pre-activation u (complex in hidden layers): out of scope
# here. RealGaborLayer ("Implicit representation with Gabor nonlinearity") returns
# cos(omega0·u₁)·exp(−(sigma0·u₂)²) with defaults omega0 = 10, sigma0 = 10, where u₁ and u₂ are
# two linear maps of the input; declared here with u₁ = u₂ = x, which is also the real part of
# the complex Gabor wavelet at a real input. The defaults are RealGaborLayer's own (the INR
# wrapper passes first_omega_0 = 30, scale = 10; the scripts suggest 20 and 30 for images).
# The paper's text was read only through summaries (emergentmind: "continuous complex Gabor
# wavelet"), so its own real form is unread: unverified.
_gabor_w = Param("omega0", 10, "frequency of the cosine", positive=True)
_gabor_s = Param("sigma0", 10, "inverse width of the Gaussian window", positive=True)
gabor = Activation(
    name="gabor",
    title="Real Gabor wavelet (WIRE)",
    family="periodic",
    summary="A cosine under a Gaussian window: the real Gabor wavelet of wavelet implicit "
    "neural representations.",
    expr=sp.cos(_gabor_w.symbol * X) * sp.exp(-((_gabor_s.symbol * X) ** 2)),
    params=(_gabor_w, _gabor_s),
    aliases=("real_gabor", "gabor_wavelet"),
    reference=Reference(
        "V. Saragadam, D. LeJeune, J. Tan, G. Balakrishnan, A. Veeraraghavan, R. G. Baraniuk",
        2023,
        "WIRE: Wavelet Implicit Neural Representations",
        "https://arxiv.org/abs/2301.05187",
        verified=False,
    ),
)

DECLARED: tuple[Activation, ...] = (
    sinusoid,
    siren,
    sinc,
    gcu,
    snake,
    snake_beta,
    hosc,
    expsin,
    asu,
    cosine,
    cosid,
    sinp,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
PENDING: tuple[Activation, ...] = (
    finer,
    dsu,
    ssu,
    h_siren,
    # gabor: 15 of its 32 facts are undetermined (range, extrema, monotonicity, Lipschitz
    # constant ...): `_derive.shape` probes f' beyond the last root it finds, at x = −4, where
    # the window e^(−100x²) is below 1e−480 and the sign of f' is out of reach ("g' is undefined
    # at -4"), while cos(10x) keeps f' changing sign out to infinity.
    gabor,
)
