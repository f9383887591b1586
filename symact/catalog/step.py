"""Step functions: piecewise constant, jumping at the origin."""

from __future__ import annotations

import sympy as sp

from symact.declare import Activation, Reference, X

binary_step = Activation(
    name="binary_step",
    title="Binary step (Heaviside)",
    family="step",
    summary="The Heaviside step: the threshold unit of Rosenblatt's perceptron.",
    expr=sp.Piecewise((1, X >= 0), (0, True)),
    aliases=("step", "unit_step"),
    reference=Reference(
        "F. Rosenblatt",
        1958,
        "The perceptron: A probabilistic model for information storage and organization in "
        "the brain",
        "https://doi.org/10.1037/h0042519",
    ),
)

sign = Activation(
    name="sign",
    title="Sign (binarisation)",
    family="step",
    summary="The sign function: the activation of binarized neural networks.",
    expr=sp.Piecewise((1, X >= 0), (-1, True)),
    aliases=("signum", "binary_sign"),
    reference=Reference(
        "I. Hubara, M. Courbariaux, D. Soudry, R. El-Yaniv, Y. Bengio",
        2016,
        "Binarized Neural Networks",
        "https://arxiv.org/abs/1602.02830",
    ),
)

DECLARED: tuple[Activation, ...] = (binary_step, sign)
