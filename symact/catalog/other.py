"""Activations that fit no other family: linear, radial, exponential and polynomial units."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import WIKIPEDIA_TABLE, jax, keras
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

DECLARED: tuple[Activation, ...] = (
    identity,
    gaussian,
    exponential,
    bent_identity,
    soft_exponential,
    cube,
)
