"""Sigmoidal activations: bounded, S-shaped."""

from __future__ import annotations

from dataclasses import replace

import sympy as sp

from symact.catalog._refs import (
    APA_2024,
    BLONDEL_2020,
    CARLILE_2017,
    ELFWING_2018,
    GOMES_2011,
    HOWARD_2019,
    KUNC_2024,
    LECUN_1998,
    WIKIPEDIA_TABLE,
    jax,
    keras,
    torch,
)
from symact.catalog.rectifiers import relu6
from symact.declare import Activation, Param, Reference, X
from symact.functions import normal_cdf
from symact.functions import sigmoid as _sigmoid

sigmoid = Activation(
    name="sigmoid",
    title="Logistic sigmoid",
    family="sigmoidal",
    summary="The logistic function: the classic neuron activation of backpropagation.",
    expr=_sigmoid(X),
    aliases=("logistic", "expit"),
    reference=Reference(
        "D. E. Rumelhart, G. E. Hinton, R. J. Williams",
        1986,
        "Learning representations by back-propagating errors",
        "https://doi.org/10.1038/323533a0",
    ),
    frameworks=(torch("sigmoid"), keras("sigmoid"), jax("sigmoid")),
)

tanh = Activation(
    name="tanh",
    title="Hyperbolic tangent",
    family="sigmoidal",
    summary="The hyperbolic tangent: a rescaled logistic sigmoid, the classic hidden-layer unit.",
    expr=sp.tanh(X),
    aliases=("hyperbolic_tangent",),
    reference=LECUN_1998,
    frameworks=(torch("tanh"), keras("tanh"), jax("tanh")),
)

_min_val = Param("min_val", -1, "lower clipping value")
_max_val = Param("max_val", 1, "upper clipping value", above="min_val")
hardtanh = Activation(
    name="hardtanh",
    title="Hard tanh",
    family="sigmoidal",
    summary="A piecewise-linear stand-in for tanh, from the NLP networks of Collobert et al.",
    expr=sp.Min(sp.Max(X, _min_val.symbol), _max_val.symbol),
    params=(_min_val, _max_val),
    aliases=("hard_tanh",),
    reference=Reference(
        "R. Collobert, J. Weston, L. Bottou, M. Karlen, K. Kavukcuoglu, P. Kuksa",
        2011,
        "Natural Language Processing (Almost) from Scratch",
        "https://jmlr.org/papers/v12/collobert11a.html",
    ),
    frameworks=(
        torch("hardtanh", gradient_at={-1: 0, 1: 0}, min_val=-1.0, max_val=1.0),
        keras("hard_tanh"),
        jax("hard_tanh", gradient_at={-1: 1, 1: 1}),
    ),
)

hardsigmoid = Activation(
    name="hardsigmoid",
    title="Hard sigmoid",
    family="sigmoidal",
    summary="A piecewise-linear stand-in for the sigmoid built from ReLU6, from MobileNetV3.",
    expr=relu6.of(X + 3) / 6,
    aliases=("hard_sigmoid",),
    reference=HOWARD_2019,
    frameworks=(
        torch("hardsigmoid", gradient_at={-3: 0, 3: 0}),
        keras("hard_sigmoid", "Keras 3 form x/6 + 1/2 clipped; Keras 2 used 0.2x + 0.5"),
        jax("hard_sigmoid", gradient_at={-3: 0, 3: 0}),
    ),
)

sparse_sigmoid = Activation(
    name="sparse_sigmoid",
    title="Sparse sigmoid",
    family="sigmoidal",
    summary="A piecewise-linear sigmoid from Fenchel-Young losses; the gate used by hard ELiSH.",
    expr=hardtanh.of((X + 1) / 2, min_val=sp.Integer(0), max_val=sp.Integer(1)),
    reference=BLONDEL_2020,
    frameworks=(
        keras("sparse_sigmoid"),
        jax("sparse_sigmoid", gradient_at={-1: "1/4", 1: "1/4"}),
    ),
)

softsign = Activation(
    name="softsign",
    title="Softsign",
    family="sigmoidal",
    summary="A rational sigmoid without exponentials (Glorot and Bengio); also called Elliott.",
    expr=X / (1 + sp.Abs(X)),
    aliases=("soft_sign", "elliott"),
    reference=Reference(
        "X. Glorot, Y. Bengio",
        2010,
        "Understanding the difficulty of training deep feedforward neural networks",
        "https://proceedings.mlr.press/v9/glorot10a.html",
    ),
    frameworks=(torch("softsign"), keras("softsign"), jax("soft_sign")),
)

_isru_alpha = Param("alpha", 1, "scale of x² under the square root", positive=True)
isru = Activation(
    name="isru",
    title="Inverse square root unit (ISRU)",
    family="sigmoidal",
    summary="The inverse square root unit: an algebraic sigmoid, and the negative side of ISRLU.",
    expr=X / sp.sqrt(1 + _isru_alpha.symbol * X**2),
    params=(_isru_alpha,),
    aliases=("inverse_square_root_unit",),
    reference=CARLILE_2017,
)

sqnl = Activation(
    name="sqnl",
    title="Square nonlinearity (SQNL)",
    family="sigmoidal",
    summary="The square nonlinearity: a piecewise-quadratic sigmoid that is cheap to compute.",
    expr=sp.Piecewise(
        (1, X > 2),
        (X - X**2 / 4, X >= 0),
        (X + X**2 / 4, X >= -2),
        (-1, True),
    ),
    aliases=("square_nonlinearity",),
    reference=Reference(
        "A. Wuraola, N. Patel",
        2018,
        "SQNL: A New Computationally Efficient Activation Function",
        "https://doi.org/10.1109/IJCNN.2018.8489043",
    ),
)

arctan = Activation(
    name="arctan",
    title="Arctangent",
    family="sigmoidal",
    summary="The inverse tangent used as a sigmoid-shaped activation.",
    expr=sp.atan(X),
    aliases=("atan", "arc_tan"),
    reference=WIKIPEDIA_TABLE,
)

erf = Activation(
    name="erf",
    title="Error function",
    family="sigmoidal",
    summary="The Gauss error function used as a sigmoid, as in Williams' infinite networks.",
    expr=sp.erf(X),
    aliases=("erf_activation",),
    reference=Reference(
        "C. K. I. Williams",
        1996,
        "Computing with Infinite Networks",
        "https://papers.nips.cc/paper_files/paper/1996/hash/"
        "ae5e3ce40e0404a45ecacaaf05e5f735-Abstract.html",
    ),
)

_penalty = Param("a", "1/4", "factor applied to tanh for negative inputs", positive=True)
penalized_tanh = Activation(
    name="penalized_tanh",
    title="Penalized tanh",
    family="sigmoidal",
    summary="A tanh whose negative side is damped by a penalty factor (Xu et al. 2016).",
    expr=sp.Piecewise((tanh.expr, X > 0), (_penalty.symbol * tanh.expr, True)),
    params=(_penalty,),
    reference=Reference(
        "B. Xu, R. Huang, M. Li",
        2016,
        "Revise Saturated Activation Functions",
        "https://arxiv.org/abs/1602.05980",
    ),
)

lecun_tanh = Activation(
    name="lecun_tanh",
    title="LeCun's scaled tanh",
    family="sigmoidal",
    summary="LeCun's scaled tanh, recommended in Efficient BackProp.",
    expr=sp.Rational(17159, 10000) * tanh.of(sp.Rational(2, 3) * X),
    aliases=("scaled_tanh",),
    reference=LECUN_1998,
)

dsilu = Activation(
    name="dsilu",
    title="Derivative of SiLU (dSiLU)",
    family="sigmoidal",
    summary="SiLU's derivative used as an activation, from the same reinforcement-learning paper.",
    expr=sigmoid.expr * (1 + X * (1 - sigmoid.expr)),
    reference=ELFWING_2018,
)

laplace = Activation(
    name="laplace",
    title="Laplace activation",
    family="sigmoidal",
    summary="The Laplace attention function of Mega: a Gaussian-CDF stand-in for squared ReLU.",
    expr=normal_cdf((X - sp.sqrt(sp.Rational(1, 2))) / sp.sqrt(1 / (4 * sp.pi))),
    reference=Reference(
        "X. Ma, C. Zhou, X. Kong, J. He, L. Gui, G. Neubig, J. May, L. Zettlemoyer",
        2022,
        "Mega: Moving Average Equipped Gated Attention",
        "https://arxiv.org/abs/2209.10655",
    ),
)


# --- 43 APA and AGLU ----------------------------------------------------------------------
# Read: the authors' repository (kostas1515/AGLU) README: "APA(z,λ,κ) = (λ exp(−κz) + 1)^(1/−λ)",
# "AGLU(z,λ,κ) = z APA(z,λ,κ)"; their class Unified computes
# exp((1/λ)·Softplus_{β=−1}(κz − ln λ)) = APA, with λ and κ initialised from U(0, 1) (the
# ResNet files draw κ from U(−1, 0)) and λ clamped to ≥ 1e−4. Ultralytics copies the class
# as ultralytics.nn.modules.activation.AGLU (it returns APA, not z·APA). There is no fixed
# initial value, so the defaults are λ = κ = 1, where APA is the logistic sigmoid and AGLU
# is SiLU (see report.md). arXiv abstract seen via the repo badge / README (ECCV 2024 oral).
_apa_lambd = Param(
    "lambd",
    1,
    "shape λ > 0 (trainable; U(0, 1) init in the code)",
    positive=True,
    shown_as="lambda",
)
_apa_kappa = Param("kappa", 1, "slope κ (trainable; U(0, 1) init in the code)")
apa = Activation(
    name="apa",
    title="Adaptive parametric activation (APA)",
    family="sigmoidal",
    summary="A generalised logistic gate with two learnable shape parameters.",
    expr=(1 + _apa_lambd.symbol * sp.exp(-_apa_kappa.symbol * X)) ** (-1 / _apa_lambd.symbol),
    params=(_apa_lambd, _apa_kappa),
    aliases=("adaptive_parametric_activation",),
    reference=APA_2024,
    equals_at_defaults=("sigmoid",),
)

# ---------------------------------------------------------------------------------------------
# 2d. Sigmoidal / squashing family
# ---------------------------------------------------------------------------------------------

# Row 66, SRS. Read: (1) the arXiv abstract pages of 2003.00547 (researchtrend.ai, emergentmind,
# deeppaper): title, authors Y. Zhou, D. Li, S. Huo, S.-Y. Kung, "a pair of independent
# trainable parameters"; (2) an independent TF implementation citing "arXiv:2003.00547v1"
# (code-index file id 1747602791): x / (x/alpha + exp(-x/beta)); (3) the Kunc-Klema survey
# text (section "Soft-root-sign (SRS)", formulas stripped): the authors propose a=2, b=3 and
# the output range is [ab/(b - a e), a] -- check.py confirms that this formula has exactly that
# minimum (at x = -beta) and supremum. The paper's own text was not readable here.
# torch_activation's SRS (z / (1+exp(-z/b))^(1/a)) is a different function.
_srs_alpha = Param("alpha", 2, "limit for large inputs (trainable in the paper)", positive=True)
_srs_beta = Param("beta", 3, "decay scale of the exponential term (trainable)", positive=True)
srs = Activation(
    name="srs",
    title="Soft-root-sign (SRS)",
    family="sigmoidal",
    summary="A non-monotone squashing unit with two trainable shape parameters, meant to "
    "give zero-mean outputs that sit well with batch normalisation.",
    expr=X / (X / _srs_alpha.symbol + sp.exp(-X / _srs_beta.symbol)),
    params=(_srs_alpha, _srs_beta),
    aliases=("soft_root_sign",),
    reference=Reference(
        "Y. Zhou, D. Li, S. Huo, S.-Y. Kung",
        2020,
        "Soft-Root-Sign Activation Function",
        "https://arxiv.org/abs/2003.00547",
        verified=False,
    ),
)

# Row 67, soft clipping. Read: the SciPost submission page of arXiv 1810.11509 (title, authors
# M. D. Klimek, M. Perelstein); four independent implementations that cite the paper and agree
# on (1/p) log((1 + e^{p x}) / (1 + e^{p (x-1)})): Echo docs/code (digantamisra98, alpha=0.5),
# a TF helper (parameter named p), a numpy collection (alpha=1.0), torch_activation SC (a=50).
# The paper's text (and so its value of p) was not readable; the default 1/2 is Echo's.
_sc_p = Param("p", "1/2", "sharpness of the two corners", positive=True)
soft_clipping = Activation(
    name="soft_clipping",
    title="Soft clipping",
    family="sigmoidal",
    summary="A soft version of clipping to the unit interval, near linear inside it, used as "
    "the output unit of a phase-space integration network.",
    expr=sp.log((1 + sp.exp(_sc_p.symbol * X)) / (1 + sp.exp(_sc_p.symbol * (X - 1))))
    / _sc_p.symbol,
    params=(_sc_p,),
    aliases=("soft_clip",),
    reference=Reference(
        "M. D. Klimek, M. Perelstein",
        2018,
        "Neural Network-Based Approach to Phase Space Integration",
        "https://arxiv.org/abs/1810.11509",
        verified=False,
    ),
)

# Rows 68-70. Read: the Springer abstract page of doi 10.1007/s00521-010-0407-3 and an
# index page (authors G. S. da S. Gomes, T. B. Ludermir, L. M. M. R. Lima; NCA 20:417-439; the
# paper proposes "complementary log-log, probit and log-log" as activation functions). The
# paper is written in the language of GLM link functions (its Portuguese companion paper, read
# at studylibpt, says so); the activation is the inverse link. Inverse links as statsmodels
# documents them: cloglog.inverse(z) = 1 - exp(-exp(z)); LogLog.inverse(z) = exp(-exp(-z));
# probit = standard normal CDF (also stated in prose by the Kunc-Klema survey, section
# "Sigmoid family"). The NCA paper's text was not readable here.

probit = Activation(
    name="probit",
    title="Probit (standard normal CDF)",
    family="sigmoidal",
    summary="The Gaussian cumulative distribution used as a squashing unit; the gate of GELU.",
    expr=normal_cdf(X),
    aliases=("probit_activation",),
    reference=GOMES_2011,
)

cloglog = Activation(
    name="cloglog",
    title="Complementary log-log",
    family="sigmoidal",
    summary="The inverse complementary log-log link of binomial regression, an asymmetric "
    "sigmoid that approaches one faster than zero.",
    expr=1 - sp.exp(-sp.exp(X)),
    aliases=("complementary_log_log",),
    reference=GOMES_2011,
)

loglog = Activation(
    name="loglog",
    title="Log-log (Gompertz / Gumbel CDF)",
    family="sigmoidal",
    summary="The inverse log-log link, the Gumbel distribution function; the mirror image of "
    "the complementary log-log and the gate of GoLU.",
    expr=sp.exp(-sp.exp(-X)),
    aliases=("log_log", "gumbel_cdf"),
    reference=GOMES_2011,
)

# Row 71, Aranda-Ordaz. Read: the abstract/index pages of doi 10.1016/j.eswa.2013.05.053
# (G. S. da S. Gomes, T. B. Ludermir 2013, "an asymmetric activation functions family with free
# parameter"; DOI from bohrium.com); the Kunc-Klema survey prose (section "Aranda-Ordaz":
# a > 0 fixed, "Essai Ali, Abdel-Raman, and Badry used a = 2"); R survival code (code-index id
# 12587598603, link.AO) whose inverse link gives survival (1 + theta e^eta)^(-1/theta), i.e.
# CDF 1 - (1 + lambda e^x)^(-1/lambda) (lambda = 1: logistic; lambda -> 0: cloglog).
# NOT confirmed: that the 2013 paper's family is exactly this one (its text was not readable).
# torch_activation writes the exponent as -1, which is only the logistic shifted by log(a).
_ao_lambda = Param(
    "lambd",
    2,
    "asymmetry parameter (1 gives the logistic sigmoid)",
    positive=True,
    shown_as="lambda",
)
aranda_ordaz = Activation(
    name="aranda_ordaz",
    title="Aranda-Ordaz",
    family="sigmoidal",
    summary="The inverse of the Aranda-Ordaz asymmetric link family, a one-parameter sigmoid "
    "between the logistic and the complementary log-log.",
    expr=1 - (1 + _ao_lambda.symbol * sp.exp(X)) ** (-1 / _ao_lambda.symbol),
    params=(_ao_lambda,),
    reference=Reference(
        "G. S. da S. Gomes, T. B. Ludermir",
        2013,
        "Optimization of the weights and asymmetric activation function family of neural "
        "network for time series forecasting",
        "https://doi.org/10.1016/j.eswa.2013.05.053",
        verified=False,
    ),
)

# Row 72, smooth-step. Read: the ICML 2020 abstract page (authors H. Hazimeh, N. Ponomareva,
# P. Mol, Z. Tan, R. Mazumder; "a new sparse activation function for sample routing") and the
# authors' released code google-research/tf_trees (neural_trees_helpers.cc): 0 below -1/2, 1
# above 1/2, -2u^3 + 3u^2 with u = v + 1/2 in between, which is -2v^3 + 3v/2 + 1/2 -- this
# formula at gamma = 1. The gamma-scaled form (the standard C1 cubic of width gamma) could not
# be checked against the paper's text; the released kernel's smooth_step_param is a different
# parametrisation (tel.py says it is 1/gamma, the kernel uses it as a margin).
# torch_activation's SmoothStep has the cubic's signs flipped (it decreases).
_ss_gamma = Param("gamma", 1, "width of the transition region", positive=True)
_g = _ss_gamma.symbol
smoothstep = Activation(
    name="smoothstep",
    title="Smooth-step",
    family="sigmoidal",
    summary="A cubic step that is exactly zero or one outside a band, giving sparse soft "
    "routing in differentiable decision trees.",
    expr=sp.Piecewise(
        (0, -_g / 2 >= X),
        (1, _g / 2 <= X),
        (-2 * X**3 / _g**3 + 3 * X / (2 * _g) + sp.Rational(1, 2), True),
    ),
    params=(_ss_gamma,),
    aliases=("smooth_step",),
    reference=Reference(
        "H. Hazimeh, N. Ponomareva, P. Mol, Z. Tan, R. Mazumder",
        2020,
        "The Tree Ensemble Layer: Differentiability meets Conditional Computation",
        "https://arxiv.org/abs/2002.07772",
        verified=False,
    ),
)

# Read: mlpack activation_functions/bipolar_sigmoid_function.hpp: (1 - e^-x)/(1 + e^-x), no
# parameter; Darknet src/activations.h loggy_activate: 2/(1+e^-x) - 1 (same function); Accord.NET
# (AForge) BipolarSigmoidFunction source/doc comment: 2/(1+exp(-alpha*x)) - 1 with alpha default 2
# (which is exactly tanh). Declared with alpha, default 1 as in mlpack and Darknet.
# Note: 2*sigmoid(alpha*x) - 1 = tanh(alpha*x/2).
_bs_alpha = Param("alpha", 1, "steepness of the logistic curve", positive=True)
bipolar_sigmoid = Activation(
    name="bipolar_sigmoid",
    title="Bipolar sigmoid",
    family="sigmoidal",
    summary="The logistic sigmoid stretched to be odd around zero, a rescaled tanh.",
    expr=2 * sigmoid.of(_bs_alpha.symbol * X) - 1,
    params=(_bs_alpha,),
    aliases=("loggy",),
    reference=Reference(
        "Accord.NET contributors",
        2017,
        "Accord.NET Framework 3.8: BipolarSigmoidFunction Class",
        "https://raw.githubusercontent.com/accord-net/accord-net.github.io/master/docs/html/"
        "T_Accord_Neuro_BipolarSigmoidFunction.htm",
    ),
)

# --------------------------------------------------------------------------------------------
# ONNX, ncnn, DL4J, mlpack, Paddle, trax: the parametric hard sigmoid / hard swish
# --------------------------------------------------------------------------------------------

# Read: onnx/onnx docs/Operators.md, HardSigmoid: y = max(0, min(1, alpha*x + beta)),
# alpha default 0.2, beta default 0.5. Same default function in mlpack hard_sigmoid_function.hpp
# (min(1, max(0, 0.2x + 0.5))), DL4J ActivationHardSigmoid doc, ncnn HardSigmoid (0.2, 0.5).
# PyTorch/symact hardsigmoid is alpha=1/6, sparse_sigmoid alpha=1/2, trax HardSigmoid alpha=beta=1.
_hs_alpha = Param("alpha", "1/5", "slope of the linear part", positive=True)
_hs_beta = Param("beta", "1/2", "value at x = 0")
hard_sigmoid_affine = Activation(
    name="hard_sigmoid_affine",
    title="Hard sigmoid (affine, ONNX form)",
    family="sigmoidal",
    summary="A clipped straight-line sigmoid with a free slope and offset, as in Keras 2 and ONNX.",
    expr=sp.Min(1, sp.Max(0, _hs_alpha.symbol * X + _hs_beta.symbol)),
    params=(_hs_alpha, _hs_beta),
    reference=Reference(
        "ONNX contributors",
        2017,
        "ONNX Operators: HardSigmoid",
        "https://github.com/onnx/onnx/blob/main/docs/Operators.md#HardSigmoid",
    ),
)

# --------------------------------------------------------------------------------------------
# Deeplearning4j (nd4j ActivationRationalTanh / ActivationRectifiedTanh, libnd4j ops.h)
# --------------------------------------------------------------------------------------------

# Read: nd4j ActivationRationalTanh.java javadoc (cites arXiv 1508.01292v3) and libnd4j
# include/ops/ops.h class RationalTanh: y = (2/3) x; t = sgn(y) (1 - 1/(1 + |y| + y^2 +
# 1.41645 y^4)); f = 1.7159 t. DL4J docs page (KonduitAI/deeplearning4j-gitbook-sync
# deeplearning4j/reference/activations.md) states the same. Abstract of arXiv 1508.01292
# (Kalinovskii & Spitsyn, face-detection CNN cascade) read on paperswithcode/scholarfeed; it does
# not show the formula, so the attribution rests on DL4J's citation -> verified=False.
_y = sp.Rational(2, 3) * X
_rt_pos = 1 - 1 / (1 + _y + _y**2 + sp.Rational("1.41645") * _y**4)
_rt_neg = -(1 - 1 / (1 - _y + _y**2 + sp.Rational("1.41645") * _y**4))
rational_tanh = Activation(
    name="rational_tanh",
    title="Rational tanh (LeCun tanh via a rational approximation)",
    family="sigmoidal",
    summary="LeCun's scaled tanh with tanh replaced by a cheap rational approximation.",
    expr=sp.Rational("1.7159") * sp.Piecewise((_rt_pos, X >= 0), (_rt_neg, True)),
    reference=Reference(
        "I. Kalinovskii, V. Spitsyn",
        2015,
        "Compact Convolutional Neural Network Cascade for Face Detection",
        "https://arxiv.org/abs/1508.01292",
        verified=False,
    ),
)

# --------------------------------------------------------------------------------------------
# FANN (libfann/fann src/include/fann_data.h doc comments, fann_activation.h macros)
# --------------------------------------------------------------------------------------------

# Read: fann_data.h doc block for fann_activationfunc_enum: FANN_ELLIOT "defined by David
# Elliott", y = ((x*s)/2)/(1 + |x*s|) + 0.5, span 0 < y < 1; fann_activation.h fann_elliot_real.
# s is the neuron steepness (FANN default 0.5, set per layer); declared at s = 1, the plain
# Elliott form (FANN call: steepness 1). It is (1 + softsign(x))/2.
elliott_sigmoid = Activation(
    name="elliott_sigmoid",
    title="Elliott sigmoid (unipolar)",
    family="sigmoidal",
    summary="Elliott's exponential-free sigmoid in its unipolar form: softsign shifted and halved.",
    expr=X / (2 * (1 + sp.Abs(X))) + sp.Rational(1, 2),
    aliases=("elliott_unipolar",),
    reference=Reference(
        "S. Nissen",
        2003,
        "FANN: fann_activationfunc_enum (FANN_ELLIOT)",
        "https://leenissen.dk/fann/html/files/fann_data-h.html#fann_activationfunc_enum",
    ),
)

# --------------------------------------------------------------------------------------------
# Darknet (pjreddie/darknet and AlexeyAB/darknet src/activations.h); no paper, no doc page
# --------------------------------------------------------------------------------------------

# Read: darknet src/activations.h plse_activate: x < -4: 0.01 (x + 4); x > 4: 0.01 (x - 4) + 1;
# else 0.125 x + 0.5. Identical in pjreddie and AlexeyAB forks. Reference = the source file.
plse = Activation(
    name="plse",
    title="PLSE (Darknet piecewise-linear sigmoid)",
    family="sigmoidal",
    summary="Darknet's piecewise-linear sigmoid: a gentle middle segment and leaky outer segments.",
    expr=sp.Piecewise(
        ((X + 4) / 100, X < -4),
        ((X - 4) / 100 + 1, X > 4),
        (X / 8 + sp.Rational(1, 2), True),
    ),
    reference=Reference(
        "J. Redmon",
        2016,
        "Darknet: src/activations.h (plse_activate)",
        "https://github.com/pjreddie/darknet/blob/master/src/activations.h",
        verified=False,
    ),
)

# Read: darknet src/activations.h lhtan_activate: x < 0: 0.001 x; x > 1: 0.001 (x - 1) + 1;
# else x (and lhtan_gradient 1 inside, 0.001 outside).
leaky_hardtanh = Activation(
    name="leaky_hardtanh",
    title="Leaky hard tanh (Darknet LHTAN)",
    family="sigmoidal",
    summary="Darknet's hard tanh variant: the identity on the unit interval, nearly flat outside.",
    expr=sp.Piecewise(
        (X / 1000, X < 0),
        ((X - 1) / 1000 + 1, X > 1),
        (X, True),
    ),
    aliases=("lhtan",),
    reference=Reference(
        "J. Redmon",
        2016,
        "Darknet: src/activations.h (lhtan_activate)",
        "https://github.com/pjreddie/darknet/blob/master/src/activations.h",
        verified=False,
    ),
)

# --------------------------------------------------------------------------------------------
# Encog (NEAT): steepened sigmoid
# --------------------------------------------------------------------------------------------

# Read: Encog ActivationSteepenedSigmoid (Java, C# and JS ports): 1/(1 + exp(-4.9 x)), "typically
# used with NEAT ... developed by Ken Stanley". NEAT paper identity (Evolutionary Computation
# 10(2):99-127, 2002) seen on stored pages with its abstract; the 4.9 slope itself was not seen
# in the paper text -> verified=False.
steepened_sigmoid = Activation(
    name="steepened_sigmoid",
    title="Steepened sigmoid (NEAT)",
    family="sigmoidal",
    summary="The logistic sigmoid with slope 4.9, the transfer function used by NEAT.",
    expr=sigmoid.of(sp.Rational(49, 10) * X),
    reference=Reference(
        "K. O. Stanley, R. Miikkulainen",
        2002,
        "Evolving Neural Networks through Augmenting Topologies",
        "https://nn.cs.utexas.edu/downloads/papers/stanley.ec02.pdf",
        verified=False,
    ),
)


# --- Elliot 2 symmetric sigmoid (MATLAB elliot2sig) -----------------------------------------
# Read: MATLAB Deep Learning Toolbox +elliot2sig/apply.m: n2 = n.*n; a = sign(n).*n2./(1+n2);
# da_dn.m: 2*sign(n).*n./((1+n2).^2) (consistent). Doc page (mathworks.com/help/deeplearning/
# ref/elliot2sig.html, read): "a variation on the original Elliot sigmoid function ... steeper
# slope, closer to tansig ... [-1, 1]", introduced R2012b. sign(x)·x² written as x·|x|.
elliot2_sigmoid = Activation(
    name="elliot2_sigmoid",
    title="Elliot 2 symmetric sigmoid",
    family="sigmoidal",
    summary="A rational odd sigmoid, flat at the origin and steeper than softsign, from MATLAB.",
    expr=X * sp.Abs(X) / (1 + X**2),
    aliases=("elliot2sig",),
    reference=Reference(
        "The MathWorks",
        2012,
        "elliot2sig: Elliot 2 symmetric sigmoid transfer function (Deep Learning Toolbox)",
        "https://www.mathworks.com/help/deeplearning/ref/elliot2sig.html",
    ),
)

# --- Theano ultra-fast sigmoid ---------------------------------------------------------------
# Read: Aesara UltraFastScalarSigmoid.st_impl (id 176879918), identical constants in mlpack's
# FastLSTM and other ports: t = x/2; for t >= 0: z = 1.5t/(1+t) if t < 1.7,
# 0.935409070603099 + 0.0458812946797165(t - 1.7) if t < 3, else 0.99505475368673; odd for t < 0;
# output 0.5(z + 1). Note: the pieces do not meet at t = 1.7 (1.5·1.7/2.7 = 0.9444 vs 0.9354), so
# the function has small jumps at x = ±3.4; it is continuous at x = ±6. The Theano doc page was
# not read; the constants are taken from the code as exact decimals.
_UFS_C1 = sp.Rational("0.935409070603099")
_UFS_C2 = sp.Rational("0.0458812946797165")
_UFS_C3 = sp.Rational("0.99505475368673")


def _ufs_half(t: sp.Expr) -> sp.Expr:
    """Theano's tanh approximation for t >= 0."""
    return sp.Piecewise(
        (sp.Rational(3, 2) * t / (1 + t), t < sp.Rational(17, 10)),
        (_UFS_C1 + _UFS_C2 * (t - sp.Rational(17, 10)), t < 3),
        (_UFS_C3, True),
    )


ultra_fast_sigmoid = Activation(
    name="ultra_fast_sigmoid",
    title="Ultra-fast sigmoid (Theano)",
    family="sigmoidal",
    summary="Theano's piecewise rational-and-linear approximation of the logistic sigmoid.",
    expr=sp.Piecewise(
        ((1 + _ufs_half(X / 2)) / 2, X >= 0),
        ((1 - _ufs_half(-X / 2)) / 2, True),
    ),
    aliases=("theano_ultra_fast_sigmoid",),
    reference=Reference(
        "Theano Development Team",
        2016,
        "Theano: A Python framework for fast computation of mathematical expressions",
        "https://arxiv.org/abs/1605.02688",
        verified=False,
    ),
)


# --- 76 Soboleva modified hyperbolic tangent ----------------------------------------------------
# Read: the Wikipedia article "Soboleva modified hyperbolic tangent" (copies on wikiwand,
# cavac.at, wikisum, artikel.siakadpt): smht(x) = (e^(ax) − e^(−bx)) / (e^(cx) + e^(−dx)),
# bounded when a ≤ c and b ≤ d; a = b = c = d = 1 gives tanh, a = b = 1 with c = d = 0 gives
# sinh. Proposed by E. V. Soboleva (2008, a Ukrainian conference paper on utility functions,
# not readable here) and later used as a neural network activation; the article is the
# reference. It fixes no default: all four are 1 here, where it is tanh.
_smht_a = Param("a", 1, "growth rate of the numerator's rising exponential", nonnegative=True)
_smht_b = Param("b", 1, "decay rate of the numerator's falling exponential", nonnegative=True)
_smht_c = Param("c", 1, "rate of the denominator's rising exponential", nonnegative=True)
_smht_d = Param("d", 1, "rate of the denominator's falling exponential", nonnegative=True)
smht = Activation(
    name="smht",
    title="Soboleva modified hyperbolic tangent",
    family="sigmoidal",
    summary="Tanh with separate rates in each of its four exponentials, tuning both tails.",
    expr=(sp.exp(_smht_a.symbol * X) - sp.exp(-_smht_b.symbol * X))
    / (sp.exp(_smht_c.symbol * X) + sp.exp(-_smht_d.symbol * X)),
    params=(_smht_a, _smht_b, _smht_c, _smht_d),
    aliases=("soboleva_modified_tanh", "psmhtaf"),
    reference=Reference(
        "Wikipedia contributors",
        2023,
        "Soboleva modified hyperbolic tangent",
        "https://en.wikipedia.org/wiki/Soboleva_modified_hyperbolic_tangent",
    ),
    equals_at_defaults=("tanh",),
)

# --- 80 Rootsig ---------------------------------------------------------------------------------
# Read (Kunc-Kléma survey, arXiv 2402.09092, section 3): the survey's own text was not readable
# here; its formulas were read in two independent transcriptions that agree on this one:
# torch_activation (hdmquan/torch_activation @f75a8a9, whose docstrings have known errors) and a
# PyTorch re-implementation of the survey's section 3 (code-index id 69765866674). The original
# paper the survey cites was not found. Reference: the survey, marked unverified.
# Rootsig: a·x / (1 + √(1 + a²x²)), a = 1 in both (the survey calls a a fixed parameter).
_rootsig_a = Param("a", 1, "input scale", positive=True)
rootsig = Activation(
    name="rootsig",
    title="Rootsig",
    family="sigmoidal",
    summary="An algebraic S-curve built from a square root, a cheap stand-in for tanh.",
    expr=_rootsig_a.symbol * X / (1 + sp.sqrt(1 + _rootsig_a.symbol**2 * X**2)),
    params=(_rootsig_a,),
    aliases=("root_sigmoid",),
    reference=replace(KUNC_2024, verified=False),
)

# --- 73 Hexpo (session 17, helper C) ----------------------------------------------------------
# Read: the paper's abstract (Kong and Takatsuka, "Hexpo: A vanishing-proof activation
# function", IJCNN 2017; Semantic Scholar record 170eaec31e64c21ec6b80a322e03230933b5671e,
# read on a mirror): "Unlike rectified linear units family which produces identity mapping on
# positive inputs, Hexpo has scalable limits on both positive and negative values"; no formula.
# Formula: the Kunc-Kléma survey (§3.2.12, Eq. 19) as transcribed "literally" by a PyTorch
# re-implementation of its section 3 (code-index id 69765866674): −a(e^(−x/b) − 1) for x ≥ 0 and
# c(e^(−x/d) − 1) for x < 0. That negative piece grows without bound as x → −∞, against the
# abstract's limits on both sides; the exponent's sign there is taken as a typo and declared as
# c(e^(x/d) − 1), with limit −c (the candidate list's form). torch_activation's Hexpo
# (−a·e^(−x/b) − 1, c·e^(−x/d) − 1) is garbled further and is not used. Defaults a = b = c = d = 1
# are both transcriptions' (the paper's values were not read). Reference unverified.
_hexpo_a = Param("a", 1, "upper limit: f → a as x → ∞", positive=True)
_hexpo_b = Param("b", 1, "scale of the positive input", positive=True)
_hexpo_c = Param("c", 1, "lower limit: f → −c as x → −∞", positive=True)
_hexpo_d = Param("d", 1, "scale of the negative input", positive=True)
hexpo = Activation(
    name="hexpo",
    title="Hexpo",
    family="sigmoidal",
    summary="Two exponential arms meeting at the origin, with adjustable limits on both sides, "
    "proposed against vanishing gradients.",
    expr=sp.Piecewise(
        (-_hexpo_a.symbol * (sp.exp(-X / _hexpo_b.symbol) - 1), X >= 0),
        (_hexpo_c.symbol * (sp.exp(X / _hexpo_d.symbol) - 1), True),
    ),
    params=(_hexpo_a, _hexpo_b, _hexpo_c, _hexpo_d),
    reference=Reference(
        "S. Kong, M. Takatsuka",
        2017,
        "Hexpo: A vanishing-proof activation function",
        "https://www.semanticscholar.org/paper/170eaec31e64c21ec6b80a322e03230933b5671e",
        verified=False,
    ),
)

DECLARED: tuple[Activation, ...] = (
    sigmoid,
    tanh,
    hardtanh,
    hardsigmoid,
    sparse_sigmoid,
    softsign,
    isru,
    sqnl,
    arctan,
    erf,
    penalized_tanh,
    lecun_tanh,
    dsilu,
    laplace,
    probit,
    cloglog,
    loglog,
    bipolar_sigmoid,
    hard_sigmoid_affine,
    plse,
    steepened_sigmoid,
    leaky_hardtanh,
    elliot2_sigmoid,
    elliott_sigmoid,
    ultra_fast_sigmoid,
    rootsig,
    hexpo,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
PENDING: tuple[Activation, ...] = (
    srs,
    apa,
    soft_clipping,
    aranda_ordaz,
    smoothstep,
    rational_tanh,
    # smht: f'' gives a spurious NaN at x = 373.6 (float64 and float32: e^(ax) and e^(cx)
    # overflow together), and f misses by 1.71× (3.42 ULP at x = 13.5).
    smht,
)
