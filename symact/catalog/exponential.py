"""Exponential linear units: identity for x > 0, a saturating exponential below."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import jax, keras, torch
from symact.declare import X, Activation, Param, Reference

_alpha = Param("alpha", 1, "value the negative side saturates to is −alpha", positive=True)
elu = Activation(
    name="elu",
    title="Exponential linear unit (ELU)",
    family="exponential linear",
    summary="Identity for x > 0 and α(eˣ − 1) below: smooth negative saturation at −α.",
    expr=sp.Piecewise((X, X > 0), (_alpha.symbol * (sp.exp(X) - 1), True)),
    params=(_alpha,),
    reference=Reference(
        "D.-A. Clevert, T. Unterthiner, S. Hochreiter",
        2015,
        "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
        "https://arxiv.org/abs/1511.07289",
    ),
    frameworks=(torch("elu", alpha=1.0), keras("elu", alpha=1.0), jax("elu", alpha=1.0)),
)

DECLARED: tuple[Activation, ...] = (elu,)
