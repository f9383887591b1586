"""Framework names shared by many declarations (data, not logic)."""

from __future__ import annotations

from symact.declare import FrameworkName, Number, Reference


def torch(
    name: str,
    note: str = "",
    gradient_at: dict[Number, Number] | None = None,
    **defaults: Number | bool | None,
) -> FrameworkName:
    """`torch.nn.functional.<name>` with its defaults."""
    return FrameworkName(
        "pytorch", f"torch.nn.functional.{name}", defaults, note, gradient_at or {}
    )


def keras(name: str, note: str = "", **defaults: Number | bool | None) -> FrameworkName:
    """`keras.activations.<name>` with its defaults."""
    return FrameworkName("keras", f"keras.activations.{name}", defaults, note)


def jax(
    name: str,
    note: str = "",
    gradient_at: dict[Number, Number] | None = None,
    **defaults: Number | bool | None,
) -> FrameworkName:
    """`jax.nn.<name>` with its defaults."""
    return FrameworkName("jax", f"jax.nn.{name}", defaults, note, gradient_at or {})


# References shared by several entries (one paper introduced them together).
BLONDEL_2020 = Reference(
    "M. Blondel, A. F. T. Martins, V. Niculae",
    2019,
    "Learning with Fenchel-Young Losses",
    "https://arxiv.org/abs/1901.02324",
)
CARLILE_2017 = Reference(
    "B. Carlile, G. Delamarter, P. Kinney, A. Marti, B. Whitney",
    2017,
    "Improving Deep Learning by Inverse Square Root Linear Units (ISRLUs)",
    "https://arxiv.org/abs/1710.09967",
)
ELFWING_2018 = Reference(
    "S. Elfwing, E. Uchibe, K. Doya",
    2018,
    "Sigmoid-Weighted Linear Units for Neural Network Function Approximation in "
    "Reinforcement Learning",
    "https://arxiv.org/abs/1702.03118",
)
HOWARD_2019 = Reference(
    "A. Howard, M. Sandler, G. Chu, L.-C. Chen, B. Chen, M. Tan, W. Wang, Y. Zhu, R. Pang, "
    "V. Vasudevan, Q. V. Le, H. Adam",
    2019,
    "Searching for MobileNetV3",
    "https://arxiv.org/abs/1905.02244",
)
LECUN_1998 = Reference(
    "Y. LeCun, L. Bottou, G. B. Orr, K.-R. Müller",
    1998,
    "Efficient BackProp",
    "https://doi.org/10.1007/3-540-49430-8_2",
)
WIKIPEDIA_TABLE = Reference(
    "Wikipedia contributors",
    2017,
    "Activation function (table of functions)",
    "https://en.wikipedia.org/wiki/Activation_function",
)
