"""Rectifiers: piecewise-linear units built around max(0, x)."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import CLEVERT_2015, PFLU_2021, PISHCHIK_2023, jax, keras, torch
from symact.declare import Activation, Param, Reference, X
from symact.functions import sigmoid as _sigmoid

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


# ---------------------------------------------------------------------------------------------
# Row 1, relu_n / bounded ReLU / clipped ReLU  ->  declared as `clipped_relu`.
# Read: Chainer source chainer/chainer chainer/functions/activation/clipped_relu.py
#   (commit 0888b858): ClippedReLU(x, z) = min(max(0, x), z), z > 0 asserted, default z = 20.0,
#   docstring cites no paper. Mozilla DeepSpeech docs (deepspeech.readthedocs.io, DeepSpeech.html),
#   a reproduction of Hannun et al., quote the paper's g(z) = min{max{0, z}, 20} as "a clipped
#   rectified-linear (ReLu) activation". The Deep Speech paper itself (arXiv 1412.5567, ar5iv)
#   was read only up to its introduction, so the reference is marked unverified.
# Keras (keras-team/keras keras/src/activations/activations.py, commit 023fd468):
#   relu(x, negative_slope=0.0, max_value=None, threshold=0.0) applies relu then clip(0, max_value).
# PyTorch: F.hardtanh(x, min_val=0, max_val=z) is the same clamp; checked in torch 2.13 that the
#   autograd gradient is 0 at both x = 0 and x = 20.
# Liew et al. 2016 (Neurocomputing, doi 10.1016/j.neucom.2016.08.037) "bounded ReLU": only the
#   abstract was readable (name and authors, no formula or bound), so it is not the reference.
_z = Param("z", 20, "clipping value: the output never exceeds it", positive=True)
clipped_relu = Activation(
    name="clipped_relu",
    title="Clipped ReLU (bounded ReLU, ReLU-N)",
    family="rectifier",
    summary="A ReLU whose output is capped at a fixed level z, as in Deep Speech.",
    expr=sp.Min(sp.Max(0, X), _z.symbol),
    params=(_z,),
    aliases=("relu_n", "relun", "bounded_relu", "clipped_rectifier"),
    reference=Reference(
        "A. Hannun, C. Case, J. Casper, B. Catanzaro, G. Diamos, E. Elsen, R. Prenger, "
        "S. Satheesh, S. Sengupta, A. Coates, A. Y. Ng",
        2014,
        "Deep Speech: Scaling up end-to-end speech recognition",
        "https://arxiv.org/abs/1412.5567",
        verified=False,
    ),
    frameworks=(
        torch(
            "hardtanh",
            "hardtanh clamps to [min_val, max_val]; min_val=0 gives the clipped ReLU",
            gradient_at={0: 0, 20: 0},
            defaults={"min_val": -1.0, "max_val": 1.0},
            min_val=0.0,
            max_val=20.0,
        ),
        keras(
            "relu",
            "max_value clips the output after the rectification",
            defaults={"negative_slope": 0.0, "max_value": None, "threshold": 0.0},
            negative_slope=0.0,
            max_value=20.0,
            threshold=0.0,
        ),
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 2, SReLU (S-shaped ReLU), Jin et al.
# Read: the paper PDF (AAAI version, stored as PAPER.pdf in LucaTomei/NN-Project, converted with
#   pdftotext): Eqn. (7) h(x) = t^r + a^r (x - t^r) for x >= t^r; x for t^r > x > t^l;
#   t^l + a^l (x - t^l) for x <= t^l; "four learnable parameters", no constraints applied.
#   "Adaptive initialization": each {t^r, a^r, t^l, a^l} is first set to {t~, 1, 0, a~} with t~
#   any positive number and a~ in (0, 1), frozen for some epochs (a leaky ReLU); experiments use
#   a^l = 0.2; after freezing t^r is reset to a data quantile. So the initial function is a leaky
#   ReLU of slope 0.2 whatever t~ is; t_r = 1 is chosen here as a representative positive value.
# keras-contrib keras_contrib/layers/advanced_activations/srelu.py (commit 3fc5ef70): same three
#   pieces; its initialisers differ (t_left zeros, a_left U(0,1), t_right U(0,5), a_right ones)
#   and it keeps t_right = t_left + |t_right| so the right threshold stays to the right.
_srelu_tr = Param(
    "t_r",
    1,
    "right threshold (learnable; initialised to any positive value, inert while a_r = 1)",
    above="t_l",
)
_srelu_ar = Param("a_r", 1, "slope right of t_r (learnable; initial value 1)")
_srelu_tl = Param("t_l", 0, "left threshold (learnable; initial value 0)")
_srelu_al = Param("a_l", "1/5", "slope left of t_l (learnable; the paper's initial value 0.2)")
srelu_jin2016 = Activation(
    name="srelu_jin2016",
    title="S-shaped rectified linear unit (SReLU)",
    family="rectifier",
    summary="Three learnable line pieces: identity between two thresholds, own slopes outside.",
    expr=sp.Piecewise(
        (_srelu_tr.symbol + _srelu_ar.symbol * (X - _srelu_tr.symbol), _srelu_tr.symbol <= X),
        (X, _srelu_tl.symbol < X),
        (_srelu_tl.symbol + _srelu_al.symbol * (X - _srelu_tl.symbol), True),
    ),
    params=(_srelu_tr, _srelu_ar, _srelu_tl, _srelu_al),
    aliases=("s_shaped_relu",),
    shared_names=("srelu",),
    reference=Reference(
        "X. Jin, C. Xu, J. Feng, Y. Wei, J. Xiong, S. Yan",
        2016,
        "Deep Learning with S-shaped Rectified Linear Activation Units",
        "https://arxiv.org/abs/1512.07030",
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 9, NLReLU, Liu et al.
# Read: the paper's abstract as indexed by IEEE (record of the ICCC 2019 version, same title and
#   authors; the arXiv abstract page drops the formula): f(x) = ln(beta * max(0, x) + 1.0),
#   "parametric natural logarithmic transform". arXiv 1908.03682 abstract page: title, authors.
# Default beta: not in the abstract. Holocron (frgfm/Holocron holocron/nn/functional.py nl_relu)
#   (commit 0052519f) and Echo's NLReLU both default beta = 1.0.
_nlrelu_beta = Param("beta", 1, "scale of the rectified input inside the logarithm", positive=True)
nlrelu = Activation(
    name="nlrelu",
    title="Natural-logarithm-rectified linear unit (NLReLU)",
    family="rectifier",
    summary="The logarithm of one plus a scaled ReLU: zero for negatives, slow growth above.",
    expr=sp.log(_nlrelu_beta.symbol * sp.Max(0, X) + 1),
    params=(_nlrelu_beta,),
    aliases=("nl_relu", "natural_log_relu"),
    reference=Reference(
        "Y. Liu, J. Zhang, C. Gao, J. Qu, L. Ji",
        2019,
        "Natural-Logarithm-Rectified Activation Function in Convolutional Neural Networks",
        "https://arxiv.org/abs/1908.03682",
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 12, AReLU, Chen, Li, Xu.
# Read: arXiv abstract page (2006.13858) and the ICLR 2021 OpenReview page: title, authors,
#   "two extra learnable parameters per layer", code at densechen/AReLU. Authors' code
#   densechen/AReLU activations/arelu.py (commit 1c81adf6): alpha init 0.90, beta init 2.0;
#   output = relu(x) * (1 + sigmoid(beta)) - relu(-x) * clamp(alpha, 0.01, 0.99). The paper body
#   was not readable, so the reference is marked unverified; the clamp is kept in the expression.
_arelu_alpha = Param(
    "alpha", "9/10", "negative-side slope, clamped to [0.01, 0.99] (learnable; initial 0.90)"
)
_arelu_beta = Param("beta", 2, "positive side is scaled by 1 + sigmoid(beta) (learnable)")
arelu = Activation(
    name="arelu",
    title="Attention-based rectified linear unit (AReLU)",
    family="rectifier",
    summary="A two-parameter ReLU: positives amplified by 1 + sigmoid(beta), negatives damped.",
    expr=sp.Piecewise(
        ((1 + _sigmoid(_arelu_beta.symbol)) * X, X >= 0),
        (sp.Min(sp.Max(_arelu_alpha.symbol, sp.Rational(1, 100)), sp.Rational(99, 100)) * X, True),
    ),
    params=(_arelu_alpha, _arelu_beta),
    aliases=("attention_relu",),
    reference=Reference(
        "D. Chen, J. Li, K. Xu",
        2020,
        "AReLU: Attention-based Rectified Linear Unit",
        "https://arxiv.org/abs/2006.13858",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 17, MeLU (Mexican ReLU), Maguolo, Nanni, Ghidoni; the fixed k = 4 instance of the
# authors' code.
# Read: arXiv abstract (1905.02473, tomesphere copy): title, authors, "MATLAB code ... at
#   github.com/LorisNanni". Authors' repo LorisNanni/Ensemble-of-Convolutional-Neural-Networks-
#   Trained-with-Different-Activation-Functions (commit abb0dae4): README and
#   ToolActivationFunctions2019.rar -> Functions/learnableActivations/learnableReluLayer.m:
#   with u = x / maxInput, Z = maxInput * (max(0,u) + Alpha*min(0,u) + Beta*min(|u-2|-2, 0)
#   + Gamma*max(1-|u-1|, 0) + Delta*max(1-|u-3|, 0)); all four coefficients initialised to 0
#   ("When they are zero, we have ReLU"); MainTestAF.m sets maxInput = 1 ("or 255"). The README
#   says the Beta hat is the negative one. widerLearnableReluLayer.m is the 8-hat variant.
# The survey's general form PReLU + sum_j a_j max(c_j - |x - b_j|, 0) gives this with
#   (b, c) = (2, 2), (1, 1), (3, 1) and a_1 = -beta. Paper body not read -> unverified.
_melu_alpha = Param("alpha", 0, "slope for negative inputs (PReLU part; learnable, initial 0)")
_melu_beta = Param("beta", 0, "weight of the negative hat of half-width 2 at 2 (learnable)")
_melu_gamma = Param("gamma", 0, "weight of the hat of half-width 1 centred at 1 (learnable)")
_melu_delta = Param("delta", 0, "weight of the hat of half-width 1 centred at 3 (learnable)")
_melu_m = Param("max_input", 1, "input scale: hats sit at multiples of it", positive=True)
_u = X / _melu_m.symbol
melu = Activation(
    name="melu",
    title="Mexican ReLU (MeLU), four-parameter instance",
    family="rectifier",
    summary="A PReLU plus three learnable triangular bumps on the positive side (ReLU at start).",
    expr=_melu_m.symbol
    * (
        sp.Max(0, _u)
        + _melu_alpha.symbol * sp.Min(0, _u)
        + _melu_beta.symbol * sp.Min(sp.Abs(_u - 2) - 2, 0)
        + _melu_gamma.symbol * sp.Max(1 - sp.Abs(_u - 1), 0)
        + _melu_delta.symbol * sp.Max(1 - sp.Abs(_u - 3), 0)
    ),
    params=(_melu_alpha, _melu_beta, _melu_gamma, _melu_delta, _melu_m),
    aliases=("mexican_relu",),
    reference=Reference(
        "G. Maguolo, L. Nanni, S. Ghidoni",
        2019,
        "Ensemble of Convolutional Neural Networks Trained with Different Activation Functions",
        "https://arxiv.org/abs/1905.02473",
        verified=False,
    ),
    equals_at_defaults=("relu", "flexible_relu"),
)

# ---------------------------------------------------------------------------------------------
# Section 2g collision: "SReLU" as the shifted ReLU of the ELU paper.
# Read: the ELU paper's text (arXiv 1511.07289, experiments section, in a paper-text file found
#   by find_string "shifted ReLUs (SReLUs)"): "Shifted ReLUs (SReLUs) with activation
#   f(x) = max(-1, x)", used as a baseline against ELU. torch_activation's SReLU docstring gives
#   the same formula but its code computes relu(x - 1), a different function (a [TA] error).
# Same function as F.threshold(x, -1, -1) and as `threshold` at threshold = value = -1.
shifted_relu = Activation(
    name="shifted_relu",
    title="Shifted ReLU",
    family="rectifier",
    summary="A ReLU moved down by one: the identity above -1 and the constant -1 below.",
    expr=sp.Max(-1, X),
    aliases=("srelu_clevert2015", "shifted_rectifier"),
    shared_names=("srelu",),
    reference=CLEVERT_2015,
    frameworks=(
        torch(
            "threshold",
            "threshold=-1, value=-1 keeps x above -1 and replaces the rest by -1",
            gradient_at={-1: 0},
            defaults={},
            threshold=-1.0,
            value=-1.0,
        ),
    ),
)

fpflu = Activation(
    name="fpflu",
    title="Faster power function linear unit (FPFLU)",
    family="rectifier",
    summary="The identity for positive inputs, a rational bump for negative ones: a cheaper PFLU.",
    expr=sp.Piecewise((X, X >= 0), (X / (1 + X**2), True)),
    aliases=("faster_pflu",),
    reference=PFLU_2021,
)

# Row 104, PolyReLU at its initialisation. Read: the authors' code BryceZhuo/PolyCom
# (moe_model/olmo/model.py and dense_model/.../transformer.py: PolyReLU applies ReLU then
# poly(x) = w0 x^3 + w1 x^2 + w2 x + bias, with weight = ones(3)/3 and bias = 0 at
# initialisation) and README (title, authors, ICLR 2025, arXiv 2411.03884). The candidate row's
# "a_i = 1 init" is wrong: the code initialises each coefficient to 1/3.
_r = relu.expr
polyrelu = Activation(
    name="polyrelu",
    title="PolyReLU (order 3, initialisation)",
    family="rectifier",
    summary="A cubic polynomial of ReLU with learnable coefficients, here at their initial "
    "values; the PolyCom activation for large language models.",
    expr=(_r + _r**2 + _r**3) / 3,
    aliases=("poly_relu",),
    reference=Reference(
        "Z. Zhuo, Y. Wang, Y. Zeng, X. Li, X. Zhou, J. Ma",
        2024,
        "Polynomial Composition Activations: Unleashing the Dynamics of Large Language Models",
        "https://arxiv.org/abs/2411.03884",
        verified=False,
    ),
)

# Read: mlpack layer/flexible_relu.hpp: f(x) = max(0, x) + alpha, alpha trainable, default 0;
# header cites Qiu, Xu, Cai, "FReLU: Flexible Rectified Linear Units for Improving Convolutional
# Neural Networks". Abstract read (scholarfeed / paperswithcode pages for arXiv 1706.08098): the
# rectified point of ReLU is made a learnable parameter. Default 0 (mlpack) gives ReLU.
_fr_b = Param("b", 0, "learnable offset added to the ReLU output (initially 0)")
flexible_relu = Activation(
    name="flexible_relu",
    title="Flexible ReLU (FReLU)",
    family="rectifier",
    summary="ReLU plus a learnable constant, so the rectified level can move below zero.",
    expr=sp.Max(0, X) + _fr_b.symbol,
    params=(_fr_b,),
    reference=Reference(
        "S. Qiu, X. Xu, B. Cai",
        2018,
        "FReLU: Flexible Rectified Linear Units for Improving Convolutional Neural Networks",
        "https://arxiv.org/abs/1706.08098",
    ),
    equals_at_defaults=("relu",),
)

# Read: nd4j ActivationRectifiedTanh.java ("Essentially max(0, tanh(x))"), libnd4j ops.h class
# RectifiedTanh: max(0, tanh(d1)); DL4J reference docs page. No paper cited.
rectified_tanh = Activation(
    name="rectified_tanh",
    title="Rectified tanh",
    family="rectifier",
    summary="The hyperbolic tangent with its negative half cut off: a ReLU that levels out.",
    expr=sp.Max(0, sp.tanh(X)),
    reference=Reference(
        "Deeplearning4j contributors",
        2020,
        "Deeplearning4j reference: Activations (ActivationRectifiedTanh)",
        "https://github.com/KonduitAI/deeplearning4j-gitbook-sync/blob/en-1.0.0-m1.1/"
        "deeplearning4j/reference/activations.md",
    ),
)

# --------------------------------------------------------------------------------------------
# Parisi et al. quantum ReLUs (luca-parisi/quantum_relu src/constants.py, quantum_activations.py)
# --------------------------------------------------------------------------------------------

# Read: quantum_relu src/constants.py FIRST_COEFFICIENT=0.01, SECOND_COEFFICIENT_QRELU=2,
# SECOND_COEFFICIENT_M_QRELU=1; src/tf_keras/quantum_activations.py: x if x > 0 else
# 0.01 x - c2 x; tests: QReLU(-2) = 3.98, m-QReLU(-2) = 1.98. arXiv 2010.08031 abstract read.
#: The paper of QReLU and m-QReLU.
_PARISI_2020 = Reference(
    "L. Parisi, D. Neagu, R. Ma, F. Campean",
    2020,
    "QReLU and m-QReLU: Two novel quantum activation functions to aid medical diagnostics",
    "https://arxiv.org/abs/2010.08031",
)
qrelu = Activation(
    name="qrelu",
    title="Quantum ReLU (QReLU)",
    family="rectifier",
    summary="Identity for positive inputs and slope -1.99 for negative ones (a V shape).",
    expr=sp.Piecewise((X, X > 0), ((sp.Rational(1, 100) - 2) * X, True)),
    aliases=("quantum_relu",),
    reference=_PARISI_2020,
)

m_qrelu = Activation(
    name="m_qrelu",
    title="Modified quantum ReLU (m-QReLU)",
    family="rectifier",
    summary="Identity for positive inputs and slope -0.99 for negative ones.",
    expr=sp.Piecewise((X, X > 0), ((sp.Rational(1, 100) - 1) * X, True)),
    aliases=("modified_quantum_relu",),
    reference=_PARISI_2020,
)

# Read: NVIDIA PhysicsNeMo layers module (stored copy; documented as
# physicsnemo.models.layers.CappedLeakyReLU; file path in the repo not resolved)
# CappedLeakyReLU(cap_value=1.0, **kwargs):
# clamp(torch.nn.LeakyReLU(**kwargs)(x), max=cap) -- LeakyReLU's own default slope 0.01; docstring
# example [-2,-1,0,1,2,3] -> [-0.02,-0.01,0,1,1,1]. Reference = the PhysicsNeMo source/docs.
_clr_slope = Param("negative_slope", "1/100", "slope for negative inputs")
_clr_cap = Param("cap", 1, "largest output value", positive=True)
capped_leaky_relu = Activation(
    name="capped_leaky_relu",
    title="Capped leaky ReLU",
    family="rectifier",
    summary="Leaky ReLU with its output capped from above (PhysicsNeMo).",
    expr=sp.Min(_clr_cap.symbol, sp.Piecewise((X, X >= 0), (_clr_slope.symbol * X, True))),
    params=(_clr_slope, _clr_cap),
    reference=Reference(
        "NVIDIA PhysicsNeMo contributors",
        2024,
        "PhysicsNeMo: physicsnemo.models.layers.CappedLeakyReLU",
        "https://github.com/NVIDIA/physicsnemo",
        verified=False,
    ),
)


# --- ShiLU (adaptive shifted ReLU) ----------------------------------------------------------------
# Read: [Pishchik] README "ShiLU(x) = αReLU(x) + β"; activation.py ShiLU: alpha, beta Parameters,
# nn.init.constant_(alpha, 1.0), nn.init.constant_(beta, 1.0); CITATION.cff: E. Pishchik 2023,
# doi 10.20944/preprints202301.0463.v1. [Kunc] section 4.2.16 prose: "adds a trainable slope and a
# vertical shift ... They used the name shifted ReLU, but that name is already taken by the
# non-adaptive Shifted ReLU; hence ... adaptive shifted ReLU" (NAME COLLISION with wave-1
# `shifted_relu` = max(-1, x)). The flexible ReLU relu(x) + b (Qiu et al. 2018; mlpack
# FlexibleReLU, helper E) is ShiLU with α = 1.
_shilu_alpha = Param("alpha", 1, "trainable slope of the positive part (initialised to 1)")
_shilu_beta = Param("beta", 1, "trainable vertical shift (initialised to 1)")
shilu = Activation(
    name="shilu",
    title="ShiLU (adaptive shifted ReLU)",
    family="rectifier",
    summary="A ReLU with a trainable slope α and a trainable vertical offset β.",
    expr=_shilu_alpha.symbol * sp.Max(0, X) + _shilu_beta.symbol,
    params=(_shilu_alpha, _shilu_beta),
    aliases=("adaptive_shifted_relu",),
    shared_names=("shifted_relu",),
    reference=PISHCHIK_2023,
)


# ---------------------------------------------------------------------------------------------
# Row 5, tent, Rozsa & Boult.
# Read: the arXiv paper's opening (ar5iv and arxiv-vanity copies of 1908.02435): title, authors,
#   abstract ("tent activation function with bounded open space risk"); the body, where the
#   formula is, could not be read here. [Kunc] survey prose (section "Tent", survey text file in
#   the stored index): ReLU-based, centred on zero, a trainable parameter; "Rozsa and Boult
#   recommend using batch normalization and initializing a_i = 1". The formula max(0, a - |x|)
#   is as written in two transcriptions (torch_activation Tent: clamp(a - |x|, min=0), a = 1.0;
#   a Kunc-survey transcription module: relu(a - |z|), a = 1.0). Paper body not read.
_tent_a = Param(
    "a", 1, "half-width and height of the tent (learnable; initial value 1)", positive=True
)
tent = Activation(
    name="tent",
    title="Tent activation",
    family="rectifier",
    summary="A triangular bump centred on the origin, zero far from it, for robustness to attacks.",
    expr=sp.Max(0, _tent_a.symbol - sp.Abs(X)),
    params=(_tent_a,),
    aliases=("tent_activation",),
    reference=Reference(
        "A. Rozsa, T. E. Boult",
        2019,
        "Improved Adversarial Robustness by Reducing Open Space Risk via Tent Activations",
        "https://arxiv.org/abs/1908.02435",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 6, hat.
# Read: Hong, Siegel, Tan, Xu, arXiv 2208.04924 (abstract on ar5iv, paperswithcode, the arXiv
#   listing): switching ReLU for "a piecewise linear B-spline, namely the Hat function" removes
#   the spectral bias; it cites earlier work using the Hat on image classification. Paper body
#   not read. [Kunc] survey prose (section "Hat"): like the tent but positive only for positive
#   inputs; "Wang, Xu, and Zhu used a_i = 2 for the fixed variant; this value was also used"
#   (the earlier work, whose paper was not found). Formula as in activations-plus
#   (DanielAvdar/activations-plus activations_plus/simple/specialized_variants.py `hat`, commit
#   9dd4c56c: x on [0, a/2], a - x on [a/2, a], 0 elsewhere, default a = 1) and torch_activation
#   Hat (same pieces, default a = 2). Default a = 2 (the survey), the linear B-spline on [0, 2].
#   Written as max(0, min(x, a - x)), the same pieces.
_hat_a = Param("a", 2, "width of the support [0, a]; the peak a/2 is at x = a/2", positive=True)
hat = Activation(
    name="hat",
    title="Hat activation (linear B-spline)",
    family="rectifier",
    summary="A triangular bump on the positive side (a linear B-spline), against spectral bias.",
    expr=sp.Max(0, sp.Min(X, _hat_a.symbol - X)),
    params=(_hat_a,),
    aliases=("hat_function", "triangular_activation"),
    reference=Reference(
        "Q. Hong, J. W. Siegel, Q. Tan, J. Xu",
        2022,
        "On the Activation Function Dependence of the Spectral Bias of Neural Networks",
        "https://arxiv.org/abs/2208.04924",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 4, displaced ReLU (session 17, helper C).
# Read: the paper's abstract (ICLR 2018 submission, openreview.net/forum?id=H1DGha1CZ; the
#   journal version's abstract and record on bibbase and a Web of Science mirror: Macêdo,
#   Zanchettin, Oliveira, Ludermir, Expert Systems with Applications 2019, doi
#   10.1016/j.eswa.2019.01.066): DReLU is proposed "by conjecturing that extending the identity
#   function of ReLU to the third quadrant enhances compatibility with batch normalization" (no
#   formula there). The formula max(z, −a) is the Kunc-Kléma survey's (§3.6.44, Eq. 147, "DisReLU")
#   as transcribed by a PyTorch re-implementation of its section 3 (code-index id 69765866674,
#   whose default a = 1 is the transcriber's); torch_activation has no such class. The paper's
#   own displacement δ was not read: δ = 0.05 is chosen here as a small displacement (the value
#   the candidate list remembers, unconfirmed), and at δ = 1 the entry is `shifted_relu`.
#   Reference unverified. "DReLU" also names other functions, hence the longer name.
_disrelu_delta = Param(
    "delta", "0.05", "displacement: the identity extends down to −delta", positive=True
)
displaced_relu = Activation(
    name="displaced_relu",
    title="Displaced ReLU (DisReLU)",
    family="rectifier",
    summary="A ReLU whose identity part extends slightly below zero, to −delta, meant to suit "
    "batch normalisation.",
    expr=sp.Max(X, -_disrelu_delta.symbol),
    params=(_disrelu_delta,),
    aliases=("disrelu", "displaced_rectifier"),
    reference=Reference(
        "D. Macêdo, C. Zanchettin, A. L. I. Oliveira, T. Ludermir",
        2019,
        "Enhancing batch normalized convolutional networks using displaced rectifier linear "
        "units: A systematic comparative study",
        "https://doi.org/10.1016/j.eswa.2019.01.066",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 16, VLU (session 17, helper C).
# Read: arXiv 2110.12246 (ar5iv, up to the introduction; Ahuja and Gupta, "Parametric
#   Variational Linear Units (PVLUs) in Deep Convolutional Networks"): PVLU "adds a sinusoidal
#   function with trainable coefficients to ReLU". Two independent transcriptions of the
#   Kunc-Kléma survey (§3.6.9, "variational linear unit") agree on ReLU(x) + a·sin(b·x):
#   torch_activation VLU (hdmquan/torch_activation @f75a8a9, defaults a = b = 1, docstring and
#   code agree) and a PyTorch re-implementation of the survey's section 3 (code-index id
#   69765866674, defaults a = 0.1, b = 1). The paper's own coefficients were not read; the
#   defaults here are torch_activation's (a library one can call), and the reference is
#   unverified.
_vlu_a = Param("a", 1, "amplitude of the added sine (trainable in PVLU)")
_vlu_b = Param("b", 1, "frequency of the added sine (trainable in PVLU)")
vlu = Activation(
    name="vlu",
    title="Variational linear unit (VLU)",
    family="rectifier",
    summary="A ReLU plus a sine wave, so that negative inputs keep a gradient.",
    expr=sp.Max(0, X) + _vlu_a.symbol * sp.sin(_vlu_b.symbol * X),
    params=(_vlu_a, _vlu_b),
    aliases=("variational_linear_unit", "pvlu"),
    reference=Reference(
        "S. Ahuja, A. Gupta",
        2021,
        "Parametric Variational Linear Units (PVLUs) in Deep Convolutional Networks",
        "https://arxiv.org/abs/2110.12246",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 10, SineReLU, W. Rodrigues (2018; no paper).
# Read: keras-contrib keras_contrib/layers/advanced_activations/sinerelu.py (keras-team/
#   keras-contrib, stored snapshot): SineReLU(epsilon=0.0025); call computes
#   m = epsilon * (sin(Z) - cos(Z)) and returns maximum(m, Z); docstring: 0.0025 "works better
#   for CNN layers", try about 0.006 for dense networks; cites the author's Medium article
#   (wilder-rodrigues.medium.com, "SineReLU - An Alternative to the ReLU Activation Function",
#   June 2018; only its opening was readable). Declared as the code computes it: max(m, x).
#   Echo's docstring, torch_activation and [Kunc] write it as x for x > 0, epsilon*(sin x -
#   cos x) for x <= 0 instead: the two differ only on (x*, 0], x* ~ -0.0025 where x = m, where
#   the code's max is the identity (continuous) and the piecewise form jumps by epsilon at 0.
_sinerelu_eps = Param(
    "epsilon", "1/400", "amplitude of the sinusoid below zero (0.0025 for CNNs)", positive=True
)
sinerelu = Activation(
    name="sinerelu",
    title="SineReLU",
    family="rectifier",
    summary="A ReLU whose negative side follows a small sinusoid instead of zero.",
    expr=sp.Max(_sinerelu_eps.symbol * (sp.sin(X) - sp.cos(X)), X),
    params=(_sinerelu_eps,),
    aliases=("sine_relu",),
    reference=Reference(
        "W. Rodrigues",
        2018,
        "SineReLU (keras-contrib SineReLU layer, after the author's article "
        "'SineReLU - An Alternative to the ReLU Activation Function')",
        "https://github.com/keras-team/keras-contrib/blob/master/keras_contrib/layers/"
        "advanced_activations/sinerelu.py",
    ),
)


# ---------------------------------------------------------------------------------------------
# Row 8, RePU, Li, Tang, Yu.
# Read: the abstract of arXiv 1909.05136 (researchtrend, tomesphere and paperswithcode copies):
#   deep networks "with rectified power units (RePU)"; "a PowerNet with n layers can exactly
#   represent polynomials up to degree s^n, where s is the power of RePUs". Paper body not read.
#   [Kunc] survey prose (section "Power activation functions & rectified power units (RePU)"):
#   an earlier power activation function was "later independently proposed under the name
#   RePU"; a fixed parameter a; Heaviside at a = 0, ReLU at a = 1, "the case a = 2 is called
#   rectified quadratic unit (ReQU) ... and squared ReLU", a = 3 the rectified cubic unit. The
#   form max(0, x)^s is as in a Kunc-survey transcription module (RePU: relu(x)**p, p = 2).
#   Default s = 2 (ReQU), which is `squared_relu`.
_repu_s = Param("s", 2, "power of the rectified input (2: ReQU, 3: ReCU)", positive=True)
repu = Activation(
    name="repu",
    title="Rectified power unit (RePU)",
    family="rectifier",
    summary="A ReLU raised to a fixed power; the square is ReQU and the cube ReCU.",
    expr=sp.Max(0, X) ** _repu_s.symbol,
    params=(_repu_s,),
    aliases=("rectified_power_unit",),
    reference=Reference(
        "B. Li, S. Tang, H. Yu",
        2019,
        "PowerNet: Efficient Representations of Polynomials and Smooth Functions by Deep Neural "
        "Networks with Rectified Power Units",
        "https://arxiv.org/abs/1909.05136",
        verified=False,
    ),
    equals_at_defaults=("squared_relu",),
)


# ---------------------------------------------------------------------------------------------
# Row 14, PiLU, Inturrisi et al.
# Read: the arXiv listing of 2108.00700 (title, the four authors, abstract: "an adaptive
#   piecewise linear activation function, the Piecewise Linear Unit (PiLU) ... a generalised
#   rectifier unit", learned per dimension) and paperswithcode's page (same). Paper body not
#   read. [Kunc] survey prose (section "Piecewise linear unit (PiLU)"): extends the Dual Line by
#   a horizontal shift, a_i, b_i, c_i adaptive; it generalises ReLU, LReLU, PReLU, DPReLU and
#   Dual Line. The form a*x + c*(1 - a) for x >= c and b*x + c*(1 - b) below (two lines through
#   (c, c)) and the initial values a = 1, b = 0.01, c = 0 are as in torch_activation PiLU and a
#   Kunc-survey transcription module; at those values it is the leaky ReLU.
_pilu_a = Param("a", 1, "slope right of the hinge (learnable)")
_pilu_b = Param("b", "1/100", "slope left of the hinge (learnable)")
_pilu_c = Param("c", 0, "position of the hinge, on the identity line (learnable)")
pilu = Activation(
    name="pilu",
    title="Piecewise linear unit (PiLU)",
    family="rectifier",
    summary="Two straight pieces of learnable slope meeting on the identity at a learnable hinge.",
    expr=sp.Piecewise(
        (_pilu_a.symbol * X + _pilu_c.symbol * (1 - _pilu_a.symbol), _pilu_c.symbol <= X),
        (_pilu_b.symbol * X + _pilu_c.symbol * (1 - _pilu_b.symbol), True),
    ),
    params=(_pilu_a, _pilu_b, _pilu_c),
    reference=Reference(
        "J. Inturrisi, S. Y. Khoo, A. Kouzani, R. Pagliarella",
        2021,
        "Piecewise Linear Units Improve Deep Neural Networks",
        "https://arxiv.org/abs/2108.00700",
        verified=False,
    ),
    equals_at_defaults=("leaky_relu",),
)


# ---------------------------------------------------------------------------------------------
# Row 13, Dual Line, Balaji, Kavya, Sebastian.
# Read: the arXiv paper's opening (arxiv-vanity and vdocuments copies of 1912.10752, deepai's
#   introduction): learnable slope and mean-shift parameters added to ReLU give DP ReLU and
#   Dual Line; "the Dual Line activation function can be viewed as a combination of DP ReLU
#   with learn-able mean shift parameter"; the positive slope is a separate parameter. The
#   definitions (section 2) were not readable. [Kunc] survey prose (sections "DPReLU" and "Dual
#   Line"): DPReLU's slopes "are initialized the same as PReLU a_i = 1, b_i = 0.01"; Dual Line
#   adds a shift "m_i initialized to m_i = -0.22". The form a*x + m for x >= 0 and b*x + m below
#   is as in torch_activation DualLine (a = 1, b = 0.01, m = -0.22) and a Kunc-survey
#   transcription module (same).
_dl_a = Param("a", 1, "slope for non-negative inputs (learnable)")
_dl_b = Param("b", "1/100", "slope for negative inputs (learnable)")
_dl_m = Param("m", "-0.22", "mean shift added to both sides (learnable; initial value -0.22)")
dual_line = Activation(
    name="dual_line",
    title="Dual Line",
    family="rectifier",
    summary="A leaky ReLU with learnable slopes on both sides and a learnable vertical shift.",
    expr=sp.Piecewise(
        (_dl_a.symbol * X + _dl_m.symbol, X >= 0),
        (_dl_b.symbol * X + _dl_m.symbol, True),
    ),
    params=(_dl_a, _dl_b, _dl_m),
    aliases=("dualline",),
    reference=Reference(
        "S. Balaji, T. Kavya, N. Sebastian",
        2019,
        "Learn-able parameter guided Activation Functions",
        "https://arxiv.org/abs/1912.10752",
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
    srelu_jin2016,
    shifted_relu,
    clipped_relu,
    arelu,
    melu,
    fpflu,
    polyrelu,
    flexible_relu,
    rectified_tanh,
    qrelu,
    m_qrelu,
    shilu,
    nlrelu,
    capped_leaky_relu,
    tent,
    hat,
    repu,
    pilu,
    dual_line,
    displaced_relu,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
#:
#: sinerelu (keras-contrib's SineReLU, max(epsilon*(sin x - cos x), x)) waits: the analysis
#: cannot split it, since the crossing of the two solves a transcendental equation and SymPy's
#: boundary of {x >= epsilon*(sin x - cos x)} raises NotImplementedError (`_pieces.split`), so
#: every fact but parity is undetermined.
#:
#: vlu waits for the analysis of a function oscillating on one tail only: ReLU(x) + sin(x) is
#: sin(x) below 0 (periodic there) and x + sin(x) above, and `_derive.shape` gives up with "f
#: oscillates on a tail without a limit and is not periodic", so range, extrema, monotonicity,
#: Lipschitz constant and seven more facts are undetermined (15 of 32).
PENDING: tuple[Activation, ...] = (sinerelu, vlu)
