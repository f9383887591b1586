"""Exponential linear units: identity for x > 0, a saturating curve below."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import CARLILE_2017, jax, keras, torch
from symact.catalog.rectifiers import relu
from symact.catalog.sigmoidal import isru
from symact.declare import Activation, Param, Reference, X

_alpha = Param("alpha", 1, "value the negative side saturates to is −alpha", positive=True)
elu = Activation(
    name="elu",
    title="Exponential linear unit (ELU)",
    family="exponential linear",
    summary="The exponential linear unit: the identity above, an exponential curve below.",
    expr=sp.Piecewise((X, X > 0), (_alpha.symbol * (sp.exp(X) - 1), True)),
    params=(_alpha,),
    reference=Reference(
        "D.-A. Clevert, T. Unterthiner, S. Hochreiter",
        2015,
        "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
        "https://arxiv.org/abs/1511.07289",
    ),
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
_selu_scale = Param("scale", "1.0507009873554804934193349852946", "output scale λ", positive=True)
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

DECLARED: tuple[Activation, ...] = (elu, celu, selu, pelu, isrlu)
