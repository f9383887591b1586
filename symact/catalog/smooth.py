"""Smooth rectifiers: differentiable approximations of max(0, x)."""

from __future__ import annotations

from symact.catalog._refs import jax, keras, torch
from symact.declare import X, Activation, Reference
from symact.functions import softplus as _softplus

softplus = Activation(
    name="softplus",
    title="Softplus",
    family="smooth rectifier",
    summary="log(1 + eˣ): a smooth ReLU whose derivative is the sigmoid.",
    expr=_softplus(X),
    reference=Reference(
        "C. Dugas, Y. Bengio, F. Bélisle, C. Nadeau, R. Garcia",
        2000,
        "Incorporating Second-Order Functional Knowledge for Better Option Pricing",
        "https://papers.nips.cc/paper/1920-incorporating-second-order-functional-knowledge-for-better-option-pricing",
    ),
    frameworks=(
        torch("softplus", "PyTorch returns x itself where beta·x > threshold", beta=1, threshold=20),
        keras("softplus"),
        jax("softplus"),
    ),
)

DECLARED: tuple[Activation, ...] = (softplus,)
