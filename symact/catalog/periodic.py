"""Periodic and oscillating activations."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import WIKIPEDIA_TABLE
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

_w0 = Param("w0", 30, "frequency ω₀ of the first layer", positive=True)
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

DECLARED: tuple[Activation, ...] = (sinusoid, siren, sinc, gcu, snake)
