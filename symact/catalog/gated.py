"""Self-gated activations: x times a gate that depends on x."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import jax, keras, torch
from symact.catalog.sigmoidal import sigmoid
from symact.catalog.smooth import softplus
from symact.declare import X, Activation, Reference
from symact.functions import normal_cdf

silu = Activation(
    name="silu",
    title="Sigmoid linear unit (SiLU, Swish)",
    family="self-gated",
    summary="x gated by its own sigmoid: smooth, non-monotonic, unbounded above.",
    expr=X * sigmoid.expr,
    aliases=("swish", "swish1"),
    reference=Reference(
        "S. Elfwing, E. Uchibe, K. Doya",
        2018,
        "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in "
        "Reinforcement Learning",
        "https://arxiv.org/abs/1702.03118",
    ),
    frameworks=(torch("silu"), keras("silu"), jax("silu")),
)

gelu = Activation(
    name="gelu",
    title="Gaussian error linear unit (GELU)",
    family="self-gated",
    summary="x weighted by the standard normal CDF Φ(x): the exact (erf) form.",
    expr=X * normal_cdf(X),
    reference=Reference(
        "D. Hendrycks, K. Gimpel",
        2016,
        "Gaussian Error Linear Units (GELUs)",
        "https://arxiv.org/abs/1606.08415",
    ),
    frameworks=(
        torch("gelu", approximate="none"),
        keras("gelu", approximate=False),
        jax("gelu", "jax.nn.gelu defaults to the tanh approximation", approximate=False),
    ),
)

mish = Activation(
    name="mish",
    title="Mish",
    family="self-gated",
    summary="x · tanh(softplus(x)): smooth, non-monotonic, unbounded above.",
    expr=X * sp.tanh(softplus.expr),
    reference=Reference(
        "D. Misra",
        2019,
        "Mish: A Self Regularized Non-Monotonic Activation Function",
        "https://arxiv.org/abs/1908.08681",
    ),
    frameworks=(torch("mish"), keras("mish"), jax("mish")),
)

DECLARED: tuple[Activation, ...] = (silu, gelu, mish)
