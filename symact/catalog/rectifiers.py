"""Rectifiers: piecewise-linear units built around max(0, x)."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import jax, keras, torch
from symact.declare import X, Activation, Param, Reference

relu = Activation(
    name="relu",
    title="Rectified linear unit (ReLU)",
    family="rectifier",
    summary="Passes positive inputs unchanged and zeroes negative ones.",
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
    summary="A ReLU with a small slope for negative inputs, so no unit dies.",
    expr=sp.Piecewise((X, X >= 0), (_slope.symbol * X, True)),
    params=(_slope,),
    aliases=("lrelu",),
    reference=Reference(
        "A. L. Maas, A. Y. Hannun, A. Y. Ng",
        2013,
        "Rectifier Nonlinearities Improve Neural Network Acoustic Models",
        "https://ai.stanford.edu/~amaas/papers/relu_hybrid_icml2013_final.pdf",
    ),
    frameworks=(
        torch("leaky_relu", negative_slope=0.01),
        keras("leaky_relu", "keras.layers.LeakyReLU defaults to 0.3", negative_slope=0.2),
        jax("leaky_relu", negative_slope=0.01),
    ),
)

DECLARED: tuple[Activation, ...] = (relu, leaky_relu)
