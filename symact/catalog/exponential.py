"""Exponential linear units: identity for x > 0, a saturating curve below."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import CARLILE_2017, CLEVERT_2015, PISHCHIK_2023, jax, keras, torch
from symact.catalog.rectifiers import relu
from symact.catalog.sigmoidal import isru, sigmoid
from symact.declare import Activation, Param, Reference, X

_alpha = Param("alpha", 1, "value the negative side saturates to is −alpha", positive=True)
elu = Activation(
    name="elu",
    title="Exponential linear unit (ELU)",
    family="exponential linear",
    summary="The exponential linear unit: the identity above, an exponential curve below.",
    expr=sp.Piecewise((X, X > 0), (_alpha.symbol * (sp.exp(X) - 1), True)),
    params=(_alpha,),
    reference=CLEVERT_2015,
    frameworks=(
        torch("elu", alpha=1.0),
        keras("elu", alpha=1.0),
        jax("elu", alpha=1.0),
    ),
)

_celu_alpha = Param("alpha", 1, "scale of the exponential; saturation at −alpha", positive=True)
celu = Activation(
    name="celu",
    title="Continuously differentiable ELU (CELU)",
    family="exponential linear",
    summary="An ELU reparametrised by its alpha, proposed by Barron.",
    expr=relu.expr + sp.Min(0, _celu_alpha.symbol * (sp.exp(X / _celu_alpha.symbol) - 1)),
    params=(_celu_alpha,),
    reference=Reference(
        "J. T. Barron",
        2017,
        "Continuously Differentiable Exponential Linear Units",
        "https://arxiv.org/abs/1704.07483",
    ),
    frameworks=(
        torch("celu", alpha=1.0),
        keras("celu", alpha=1.0),
        jax("celu", alpha=1.0),
    ),
    equals_at_defaults=("elu",),
)

_selu_alpha = Param(
    "alpha", "1.6732632423543772848170429916717", "ELU alpha of SELU", positive=True
)
_selu_scale = Param(
    "scale",
    "1.0507009873554804934193349852946",
    "output scale λ",
    positive=True,
    shown_as="lambda",
)
#: λ·α: SELU's slope just left of 0, where both frameworks take the negative branch.
_SELU_LEFT_SLOPE = "1.75809934084737685994021752081231934206024580891220830977098"
selu = Activation(
    name="selu",
    title="Scaled exponential linear unit (SELU)",
    family="exponential linear",
    summary="An ELU scaled by the constants that make activations self-normalising.",
    expr=_selu_scale.symbol * elu.of(X, alpha=_selu_alpha.symbol),
    params=(_selu_alpha, _selu_scale),
    reference=Reference(
        "G. Klambauer, T. Unterthiner, A. Mayr, S. Hochreiter",
        2017,
        "Self-Normalizing Neural Networks",
        "https://arxiv.org/abs/1706.02515",
    ),
    frameworks=(
        torch("selu", gradient_at={0: _SELU_LEFT_SLOPE}),
        keras("selu"),
        jax("selu", gradient_at={0: _SELU_LEFT_SLOPE}),
    ),
)

_pelu_a = Param("a", 1, "saturation and slope scale (learnable; initial value)", positive=True)
_pelu_b = Param("b", 1, "exponential decay scale (learnable; initial value)", positive=True)
pelu = Activation(
    name="pelu",
    title="Parametric ELU (PELU)",
    family="exponential linear",
    summary="An ELU with two learnable parameters shaping both sides (Trottier et al.).",
    expr=sp.Piecewise(
        (_pelu_a.symbol / _pelu_b.symbol * X, X >= 0),
        (_pelu_a.symbol * (sp.exp(X / _pelu_b.symbol) - 1), True),
    ),
    params=(_pelu_a, _pelu_b),
    aliases=("parametric_elu",),
    reference=Reference(
        "L. Trottier, P. Giguère, B. Chaib-draa",
        2017,
        "Parametric Exponential Linear Unit for Deep Convolutional Neural Networks",
        "https://arxiv.org/abs/1605.09332",
    ),
    equals_at_defaults=("elu", "celu"),
)

_isrlu_alpha = Param("alpha", 1, "scale of x² under the square root", positive=True)
isrlu = Activation(
    name="isrlu",
    title="Inverse square root linear unit (ISRLU)",
    family="exponential linear",
    summary="The identity on the positive side and ISRU on the negative side: an algebraic ELU.",
    expr=sp.Piecewise((X, X >= 0), (isru.of(X, alpha=_isrlu_alpha.symbol), True)),
    params=(_isrlu_alpha,),
    aliases=("inverse_square_root_linear_unit",),
    reference=CARLILE_2017,
)


# ---------------------------------------------------------------------------------------------
# Row 18, MPELU.
# Read: the arXiv abstract page (via emergentmind.com/articles/1606.00305): title, five authors
# Yang Li, Chunxiao Fan, Yong Li, Qiong Wu, Yue Ming (candidates.md's "Li, Fan, Wang" is wrong),
# and the pointer to the authors' code. Authors' repository Coldmooon/Code-for-MPELU:
#   torch/extra/nn/lib/THNN/generic/MPELU.c -> output = x if x > 0 else w*(exp(b*x) - 1),
#   with w = alpha, b = beta; README: Torch `nn.MPELU(alpha=1, beta=1)`, the Caffe layer M2PELU
#   initialises both to 1; CIFAR runs used alpha = 0.25 or 1 and beta = 1; the later PyTorch port
#   (pytorch/mpelu.py) initialises a = 0.25, b = 1. README citation: Neurocomputing 301:11-24
#   (2018), doi 10.1016/j.neucom.2018.01.084. Paper body not read; formula from the authors' code.
# Defaults: alpha = beta = 1 (the authors' Torch/Caffe initial values), which gives ELU.
# No sign constraint on alpha or beta appears in the code (alpha = 0 configs exist: ReLU).
_mpelu_alpha = Param("alpha", 1, "scale of the negative side; saturation at -alpha (learnable)")
_mpelu_beta = Param("beta", 1, "rate of the exponential on the negative side (learnable)")
mpelu = Activation(
    name="mpelu",
    title="Multiple parametric exponential linear unit (MPELU)",
    family="exponential linear",
    summary="An ELU whose negative branch has a learnable scale and a learnable exponential rate.",
    expr=sp.Piecewise(
        (X, X > 0),
        (_mpelu_alpha.symbol * (sp.exp(_mpelu_beta.symbol * X) - 1), True),
    ),
    params=(_mpelu_alpha, _mpelu_beta),
    aliases=("multiple_parametric_elu",),
    reference=Reference(
        "Y. Li, C. Fan, Y. Li, Q. Wu, Y. Ming",
        2016,
        "Improving Deep Neural Network with Multiple Parametric Exponential Linear Units",
        "https://arxiv.org/abs/1606.00305",
    ),
    equals_at_defaults=("elu", "celu", "pelu"),
)

# ---------------------------------------------------------------------------------------------
# Row 26, SERLU.
# Read: the abstract (paperswithcode / tomesphere pages for arXiv 1807.10117): authors G. Zhang,
# H. Li; a bump-shaped negative branch built by regularising a linear function with a scaled
# exponential, keeping SELU's self-normalising property. Formula and constants seen only in
# third-party code (e.g. Ballarin's torch `serlu(x, lambd=1.07862, alph=2.90427)`: lambd*x for
# x >= 0, lambd*alph*x*exp(x) otherwise; two TF copies with scale = 1.07862, alpha = 2.90427),
# consistent with the paperswithcode method page's lambda*x / lambda*alpha*x*e^x. One copy seen
# drops the factor x (a*b*exp(x)): a transcription error. Paper body not read -> verified=False.
_serlu_scale = Param(
    "scale",
    "1.07862",
    "output scale λ (self-normalising constant)",
    positive=True,
    shown_as="lambda",
)
_serlu_alpha = Param("alpha", "2.90427", "scale of the x*e^x bump below zero", positive=True)
serlu = Activation(
    name="serlu",
    title="Scaled exponentially-regularized linear unit (SERLU)",
    family="exponential linear",
    summary="A self-normalising SELU variant whose negative side is a bump that returns to zero.",
    expr=_serlu_scale.symbol
    * sp.Piecewise((X, X >= 0), (_serlu_alpha.symbol * X * sp.exp(X), True)),
    params=(_serlu_scale, _serlu_alpha),
    reference=Reference(
        "G. Zhang, H. Li",
        2018,
        "Effectiveness of Scaled Exponentially-Regularized Linear Units (SERLUs)",
        "https://arxiv.org/abs/1807.10117",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 27, xIELU.
# Read: the arXiv abstract (arxiv.org/html/2411.13010v3 and abs mirrors): A. H. Huang, I. Schlag,
# "Deriving Activation Functions Using Integration"; xIELU integrates trainable affine maps of
# ELU: linearly growing gradient for x > 0 (like ReLU^2), trainable gradient that may go
# negative for x <= 0. Formula and defaults: HF transformers src/transformers/activations.py,
# class XIELUActivation (read in the transformers 5.25.0 wheel; ACT2CLS key "xielu"):
#   __init__(alpha_p_init=0.8, alpha_n_init=0.8, beta=0.5, eps=-1e-6, dtype=torch.bfloat16)
#   stored alpha_p = log(expm1(alpha_p_init))          = softplus^-1(0.8)
#   stored alpha_n = log(expm1(alpha_n_init - beta))   = softplus^-1(0.3)
#   forward: a_p = softplus(stored alpha_p)           -> effective alpha_p = 0.8 = 4/5
#            a_n = beta + softplus(stored alpha_n)    -> effective alpha_n = 0.5 + 0.3 = 4/5
#            x > 0:  a_p*x^2 + beta*x
#            x <= 0: (expm1(min(x, eps)) - x)*a_n + beta*x
# So the reparametrisation keeps alpha_p > 0 and alpha_n > beta; beta = 1/2 and
# eps = -1/1000000 are fixed buffers. The effective defaults declared are exact:
# alpha_p = 4/5, alpha_n = 4/5, beta = 1/2, eps = -1/1000000. (At HF's default bfloat16 the
# stored values round: effective alpha_p = alpha_n = 0.80078125, eps = -9.98377799987793e-07.)
# eps only matters on (eps, 0]: there min(x, eps) = eps, so the function is linear and jumps by
# alpha_n*expm1(eps) (about -8e-7) at 0; with eps = 0 the function is C^1 at 0.
# Same formula and defaults seen in MLX-LM (mlx_lm/models/activations.py `xielu`, `XieLU`),
# Tenstorrent ttnn.xielu docs, levanter, nickjbrowning/XIELU's XIELUPy.
_xielu_alpha_p = Param(
    "alpha_p",
    "4/5",
    "curvature of the x^2 branch above zero (softplus-reparametrised)",
    positive=True,
)
_xielu_alpha_n = Param(
    "alpha_n",
    "4/5",
    "scale of the integrated-ELU branch below zero; kept above beta by the reparametrisation",
    above="beta",
)
_xielu_beta = Param("beta", "1/2", "slope at zero, shared by both branches (fixed)")
_xielu_eps = Param(
    "eps", "-1/1000000", "clamp on the exponent's argument below zero (fixed, tiny negative)"
)
xielu = Activation(
    name="xielu",
    title="Expanded integral of the exponential linear unit (xIELU)",
    family="exponential linear",
    summary="A squared-ReLU-like parabola above zero, a trainable integrated-ELU curve below it.",
    expr=sp.Piecewise(
        (_xielu_alpha_p.symbol * X**2 + _xielu_beta.symbol * X, X > 0),
        (
            _xielu_alpha_n.symbol * (sp.exp(sp.Min(X, _xielu_eps.symbol)) - 1 - X)
            + _xielu_beta.symbol * X,
            True,
        ),
    ),
    params=(_xielu_alpha_p, _xielu_alpha_n, _xielu_beta, _xielu_eps),
    reference=Reference(
        "A. H. Huang, I. Schlag",
        2024,
        "Deriving Activation Functions Using Integration",
        "https://arxiv.org/abs/2411.13010",
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 34, ELU + 1.
# Read: the arXiv abstract listing (paperswithcode: A. Katharopoulos, A. Vyas, N. Pappas,
# F. Fleuret; ICML 2020) and the authors' library idiap/fast-transformers,
# fast_transformers/feature_maps/base.py: `elu_feature_map` = element-wise
# torch.nn.functional.elu(x) + 1 (PyTorch default alpha = 1), the positive feature map of linear
# attention. Paper body not read; formula from the authors' code. No parameters.
elu_plus_one = Activation(
    name="elu_plus_one",
    title="ELU plus one (linear-attention feature map)",
    family="exponential linear",
    summary="ELU shifted up by one, used as the positive feature map of linear attention.",
    expr=elu.of(X, alpha=sp.Integer(1)) + 1,
    aliases=("elu_feature_map",),
    reference=Reference(
        "A. Katharopoulos, A. Vyas, N. Pappas, F. Fleuret",
        2020,
        "Transformers are RNNs: Fast Autoregressive Transformers with Linear Attention",
        "https://arxiv.org/abs/2006.16236",
    ),
)


# --- DELU (Pishchik) ------------------------------------------------------------------------------
# Read: [Pishchik] README: DELU(x) = SiLU(x) for x <= 0, (n + 0.5)x + |e^{-x} - 1| for x > 0;
# activation.py DELU: n Parameter, nn.init.constant_(n, 0.0); HELU class = the same with n fixed
# at 0. [Kunc] transcription 69379884078 eq. 302 agrees. For x > 0, |e^{-x} - 1| = 1 - e^{-x}.
# NAME COLLISION: "DELU" also names Catalbas & Morgül 2023 and Hu et al. 2020 (see helper A's
# report); hence the suffixed key.
_delu_n = Param("n", 0, "trainable offset of the positive slope 1/2 + n (initialised to 0)")
delu_pishchik = Activation(
    name="delu_pishchik",
    title="DELU (Pishchik)",
    family="exponential linear",
    summary="SiLU for negative inputs and a learnable-slope exponential curve for positive ones.",
    expr=sp.Piecewise(
        (X * sigmoid.of(X), X <= 0),
        ((_delu_n.symbol + sp.Rational(1, 2)) * X + 1 - sp.exp(-X), True),
    ),
    params=(_delu_n,),
    aliases=("helu",),
    shared_names=("delu",),
    reference=PISHCHIK_2023,
)


# ---------------------------------------------------------------------------------------------
# Rows 20 and 21, REU and PREU, Ying et al.
# Read: the IEEE Access record (DOAJ page): title, the six authors, vol. 7 pp. 101633-101640,
#   doi 10.1109/ACCESS.2019.2928442; abstract: REU is inspired by ELU and Swish ("flexible
#   exponent and multiplication function form"), PREU is its parametric version. The paper body
#   was not read. [Kunc] survey prose (sections "Rectified exponential unit (REU)" and "PREU"):
#   PREU extends REU as PReLU extends ReLU, a_i and b_i trainable, it "uses the negative
#   information near zero". The formulas, x for x >= 0 and x*e^x below (REU), a*x and
#   a*x*e^(b*x) (PREU, a = b = 1), are as written in a Kunc-survey transcription module and in
#   torch_activation PREU (defaults a = b = 1.0). Unverified against the paper.
_YING_2019 = Reference(
    "Y. Ying, J. Su, P. Shan, L. Miao, X. Wang, S. Peng",
    2019,
    "Rectified Exponential Units for Convolutional Neural Networks",
    "https://doi.org/10.1109/ACCESS.2019.2928442",
    verified=False,
)
reu = Activation(
    name="reu",
    title="Rectified exponential unit (REU)",
    family="exponential linear",
    summary="The identity above zero and an exponential dip below it, after ELU and Swish.",
    expr=sp.Piecewise((X, X >= 0), (X * sp.exp(X), True)),
    aliases=("rectified_exponential_unit",),
    reference=_YING_2019,
)

_preu_a = Param("a", 1, "scale of both sides (learnable; initial value 1)")
_preu_b = Param("b", 1, "rate of the exponential below zero (learnable; initial value 1)")
preu = Activation(
    name="preu",
    title="Parametric rectified exponential unit (PREU)",
    family="exponential linear",
    summary="REU with a learnable scale and a learnable exponential rate.",
    expr=sp.Piecewise(
        (_preu_a.symbol * X, X >= 0),
        (_preu_a.symbol * X * sp.exp(_preu_b.symbol * X), True),
    ),
    params=(_preu_a, _preu_b),
    aliases=("parametric_rectified_exponential_unit", "parametric_reu"),
    reference=_YING_2019,
    equals_at_defaults=("reu",),
)

# ---------------------------------------------------------------------------------------------
# Row 30, P-TELU, Duggal & Gupta.
# Read: the CVF open-access page of the ICCV 2017 workshop paper (title, authors, abstract,
#   bibtex): inspired by PReLU and ELU, tuning parameters from the data, tanh's "larger gradient
#   and early saturation" below zero. The paper body was not read. [Kunc] survey prose (section
#   "Parametric tanh linear unit (PTELU)"): identity for positive inputs, a parameterised tanh
#   for negative ones, a_i >= 0 and b_i >= 0, "output range of [-a_i, inf)", a controls the
#   saturation value and b the convergence rate; "the nonadaptive variant ... with a_i = 1 and
#   b_i = 1 was proposed". Formula x / a*tanh(b*x) as in torch_activation PTELU and a
#   Kunc-survey transcription module (both a = b = 1).
_ptelu_a = Param("a", 1, "saturation level below zero is -a (learnable)", nonnegative=True)
_ptelu_b = Param("b", 1, "rate of the tanh below zero (learnable)", nonnegative=True)
ptelu = Activation(
    name="ptelu",
    title="Parametric tan hyperbolic linear unit (P-TELU)",
    family="exponential linear",
    summary="An ELU-like unit with a hyperbolic tangent of learnable scale and rate below zero.",
    expr=sp.Piecewise((X, X >= 0), (_ptelu_a.symbol * sp.tanh(_ptelu_b.symbol * X), True)),
    params=(_ptelu_a, _ptelu_b),
    aliases=("p_telu", "parametric_tanh_linear_unit"),
    reference=Reference(
        "R. Duggal, A. Gupta",
        2017,
        "P-TELU: Parametric Tan Hyperbolic Linear Unit Activation for Deep Neural Networks",
        "https://openaccess.thecvf.com/content_ICCV_2017_workshops/w18/html/"
        "Duggal_P-TELU_Parametric_Tan_ICCV_2017_paper.html",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 29, ErfReLU, Rajanand & Singh.
# Read: the arXiv abstract (bohrium copy of 2306.01822; the later Pattern Analysis and
#   Applications version, doi 10.1007/s10044-024-01277-w, same abstract): a trainable function
#   "based on the erf function and ReLU". Paper body not read. [Kunc] survey prose (section
#   "Erf-based ReLU (ErfReLU)"): similar to ELU, a_i learnable. Formula x for x >= 0 and
#   a*erf(x) below, as in torch_activation ErfReLU (a = 1.0) and a Kunc-survey transcription
#   module; the initial value a = 1 is theirs, not confirmed in the paper.
_erfrelu_a = Param("a", 1, "scale of erf below zero; saturates at -a (learnable)")
erfrelu = Activation(
    name="erfrelu",
    title="Erf-based ReLU (ErfReLU)",
    family="exponential linear",
    summary="The identity for positive inputs and a scaled error function for negative ones.",
    expr=sp.Piecewise((X, X >= 0), (_erfrelu_a.symbol * sp.erf(X), True)),
    params=(_erfrelu_a,),
    aliases=("erf_relu",),
    reference=Reference(
        "A. Rajanand, P. Singh",
        2023,
        "ErfReLU: Adaptive Activation Function for Deep Neural Network",
        "https://arxiv.org/abs/2306.01822",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 22, SLU, Zhao, Liu, Li.
# Read: the journal's page for the article (hit.alljournals.cn, J. Harbin Inst. Technol.
#   50(4):117-123, 2018, doi 10.11918/j.issn.0367-6234.201703117; English title and abstract):
#   softplus on the negative inputs, the positive part's parameters fixed, the negative part's
#   set so that the function is continuous and differentiable at zero. An English version:
#   Zhao, Liu, Li, Luo, Applied Intelligence 48(7):1707-1720 (abstract read). [Kunc] survey
#   prose: parameters a = 1, b = 2 and c = 2 ln 2 "to ensure that the function is continuous,
#   differentiable at zero". torch_activation SLU writes the general form a*z (z >= 0),
#   b*ln(e^z + 1) - c (z < 0), and with those values 2*ln((e^z + 1)/2); the paper's formula
#   itself was not read. No free parameters.
slu = Activation(
    name="slu",
    title="Softplus linear unit (SLU)",
    family="exponential linear",
    summary="The identity above zero and a shifted softplus below it, with slopes matched at zero.",
    expr=sp.Piecewise((X, X >= 0), (2 * sp.log((sp.exp(X) + 1) / 2), True)),
    aliases=("softplus_linear_unit",),
    reference=Reference(
        "H. Zhao, F. Liu, L. Li",
        2018,
        "A novel softplus linear unit for deep CNN",
        "https://doi.org/10.11918/j.issn.0367-6234.201703117",
        verified=False,
    ),
)

# ---------------------------------------------------------------------------------------------
# Row 23, PoLU, Li, Ding, Li.
# Read: the arXiv abstract (arXiv listing and ar5iv opening of 1802.00212): identity for
#   positive inputs, non-zero output and a saturation for negative inputs, "by using the power
#   function". Paper body not read. [Kunc] survey prose (section "Power linear unit (PoLU)"):
#   similar to ELU, "a is a fixed parameter. Li, Ding, and Li used a in {1, 1.5, 2}". The form
#   (1 - x)^(-n) - 1 below zero is as written in a Kunc-survey transcription module (default 1)
#   and the candidates list, and in activations-plus `power_linear_unit` (a = 1.0); n = 1
#   gives PolyLU / FPLUS, x/(1 - x) below zero. Accuracy scan (scripts/scan_accuracy.py, float64):
#   f' 1.02 and f'' 1.59 times the allowance (3.18 ULP for 2 at x = -1.6e-7, rounding 1 - x
#   in 2/(1 - x)^3): an UNREVIEWED line in tests/test_numerics.py when it joins.
_polu_n = Param("n", 1, "power of the negative branch (1, 1.5 and 2 in the paper)", positive=True)
polu = Activation(
    name="polu",
    title="Power linear unit (PoLU)",
    family="exponential linear",
    summary="The identity above zero and a power-law curve below it: an ELU alternative.",
    expr=sp.Piecewise((X, X >= 0), ((1 - X) ** (-_polu_n.symbol) - 1, True)),
    params=(_polu_n,),
    aliases=("power_linear_unit",),
    reference=Reference(
        "Y. Li, P. L. K. Ding, B. Li",
        2018,
        "Training Neural Networks by Using Power Linear Units (PoLUs)",
        "https://arxiv.org/abs/1802.00212",
        verified=False,
    ),
)


# ---------------------------------------------------------------------------------------------
# Row 77, SQLU, A. Wuraola.
# Read: the author's repository awur978/Activation-Functions (stored snapshot): README
#   "tf_SQLU is the replacement for the computationally expensive ELU"; sqlu.m (commit
#   a797bc36, 2019-02-14; deleted from the branch in April 2019):
#   a = n.*(n>0) + alpha1.*((n + n.^2/4).*(-2 <= n & n <= 0) + (-1).*(n < -2)), alpha1 = 1;
#   tf_SQLU.py (commit 53c57881): x > 0 -> x, else x + x^2/4, after clipping the input to
#   [-2, 200] (the clip at 200 is a guard of that script, not of the MATLAB definition, and is
#   left out). The arXiv summary "Efficient Non-linear Calculators" (2109.12686, opening read)
#   points to the authors' peer-reviewed article, doi 10.1016/j.neucom.2021.02.030 (not read).
#   Below zero it is the negative half of SQNL (`sqnl`, same author).
sqlu = Activation(
    name="sqlu",
    title="Square linear unit (SQLU)",
    family="exponential linear",
    summary="An ELU without exponentials: the identity above zero, a levelling quadratic below.",
    expr=sp.Piecewise((X, X > 0), (X + X**2 / 4, X >= -2), (-1, True)),
    aliases=("square_linear_unit",),
    reference=Reference(
        "A. Wuraola",
        2019,
        "SQLU, the square linear unit (sqlu.m in the author's Activation-Functions repository)",
        "https://github.com/awur978/Activation-Functions/blob/"
        "a797bc36b65e5e376065d7d8a5275ac151abe050/sqlu.m",
    ),
)


# ---------------------------------------------------------------------------------------------
# Row 28, RSigELU, Kiliçarslan & Celik.
# Read: the journal page of doi 10.1016/j.eswa.2021.114805 (highlights and abstract): RSigELUS
#   (one parameter) and RSigELUD (two) combine ReLU, sigmoid and ELU and work "in positive,
#   negative, and linear activation regions". The paper body was not read. The first author's
#   code serhatklc/P-RsigELU-Activation-Function PRSigELU.py (commit e60507a6), whose docstring
#   cites that paper: the single-parameter line, kept as a comment, is
#   where(x > 1, x*sigmoid(x)*alpha + x, where(x <= 0, alpha*(exp(x) - 1), x)); the active
#   line is the two-parameter variant with beta on the negative side. It jumps by
#   alpha*sigmoid(1) at x = 1, as written. [Kunc] survey prose (section "RSigELU"): a
#   predetermined parameter with 0 < a < 1; ReLU at a = 0. No value is fixed by these sources:
#   alpha = 1/2 is chosen here as a representative value in (0, 1).
_rsigelu_alpha = Param(
    "alpha", "1/2", "weight of the sigmoid term above 1 and scale of the ELU part below 0"
)
rsigelu = Activation(
    name="rsigelu",
    title="RSigELU (single-parameter, RSigELUS)",
    family="exponential linear",
    summary="ELU below zero, the identity up to one, a sigmoid-weighted boost above one.",
    expr=sp.Piecewise(
        (_rsigelu_alpha.symbol * X * sigmoid.of(X) + X, X > 1),
        (X, X > 0),
        (_rsigelu_alpha.symbol * (sp.exp(X) - 1), True),
    ),
    params=(_rsigelu_alpha,),
    aliases=("rsigelus",),
    reference=Reference(
        "S. Kiliçarslan, M. Celik",
        2021,
        "RSigELU: A nonlinear activation function for deep neural networks",
        "https://doi.org/10.1016/j.eswa.2021.114805",
        verified=False,
    ),
)


# ---------------------------------------------------------------------------------------------
# Row 78, squish, A. Wuraola.
# Read: the author's repository awur978/msu ("Effect of parameterizing square-based asymmetric
#   activation functions"), activation_functions.py (commit dcd2aed1, 2020-10-19):
#   sqish(x, beta) = max(0, a + a^2/32) + beta*min(0, a + a^2/2) with a = x clipped to
#   [-2, 200], beta = 1 by default (Psqish_neg); the clip at 200 is a guard of that script and is
#   left out. So x + x^2/32 above zero, x + x^2/2 on [-2, 0] and 0 below -2, as in [Kunc]'s
#   transcriptions (a Kunc-survey transcription module, "Squish", eq. 185) and
#   torch_activation Squish. The arXiv summary 2109.12686 of the authors' square-based functions
#   (opening read) points to their article, doi 10.1016/j.neucom.2021.02.030 (not read). The
#   author's code spells it "sqish", a name Biswas et al. give another function (arXiv
#   2310.10126); "squish" here, as in the survey.
squish = Activation(
    name="squish",
    title="Squish (square-based ReLU-like unit)",
    family="exponential linear",
    summary="A Swish-like unit without exponentials: a quadratic dip below zero, a bend above.",
    expr=sp.Piecewise((X + X**2 / 32, X > 0), (X + X**2 / 2, X >= -2), (0, True)),
    reference=Reference(
        "A. Wuraola",
        2020,
        "Squish (sqish in activation_functions.py of the author's msu repository)",
        "https://github.com/awur978/msu/blob/dcd2aed1eb66336d4ba0914ab50224ed6e72d6c2/"
        "activation_functions.py",
    ),
)


DECLARED: tuple[Activation, ...] = (
    elu,
    celu,
    selu,
    pelu,
    isrlu,
    mpelu,
    elu_plus_one,
    delu_pishchik,
    reu,
    preu,
    ptelu,
    slu,
    sqlu,
    squish,
    rsigelu,
    erfrelu,
)

#: Declarations verified against their sources and not in the catalogue: SymPy cannot locate
#: where they are undefined (`continuous_domain` gives a ConditionSet), so the analysis cannot
#: split them into pieces (colu: 1 − x·e^(−x − eˣ) = 0, srs: x·e^(x/3) + 2 = 0, neither with a
#: real root). `PENDING` of every family module lists them; `tests/test_catalog.py` checks
#: they are ready to join.
#:
#: polu (helper session on rows 2a of shared/candidates.md) waits for tests whose evidence
#: falls short, not for a wrong fact: tests/test_general.py checks its (correct) limit -1 at
#: -inf for n = 1/3 at x = -1e12 to 1e-9, but (1 + 1e12)^(-1/3) is still 1e-4 there;
#: tests/test_numerics.py test_a_plan_without_tails_is_accurate_on_a_window[polu-n=0.5] misses
#: (2.62 ULP against 2.12 allowed at x = -0.0428); and f', f'' in float64 miss by 1.02 and 1.59.
PENDING: tuple[Activation, ...] = (
    serlu,
    xielu,
    polu,
)
