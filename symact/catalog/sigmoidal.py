"""Sigmoidal activations: bounded, S-shaped."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import jax, keras, torch
from symact.declare import X, Activation, Reference
from symact.functions import sigmoid as _sigmoid

sigmoid = Activation(
    name="sigmoid",
    title="Logistic sigmoid",
    family="sigmoidal",
    summary="Squashes any real number into (0, 1); the classic neuron activation.",
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
    summary="A zero-centred sigmoid with range (−1, 1).",
    expr=sp.tanh(X),
    aliases=("hyperbolic_tangent",),
    reference=Reference(
        "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller",
        1998,
        "Efficient BackProp",
        "https://doi.org/10.1007/3-540-49430-8_2",
    ),
    frameworks=(torch("tanh"), keras("tanh"), jax("tanh")),
)

DECLARED: tuple[Activation, ...] = (sigmoid, tanh)
