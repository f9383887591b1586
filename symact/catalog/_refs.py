"""Framework names shared by many declarations (data, not logic)."""

from __future__ import annotations

from symact.declare import Framework, FrameworkName, Number, Reference

Args = dict[str, Number | bool | None]


def _name(
    framework: Framework,
    name: str,
    note: str,
    gradient_at: dict[Number, Number] | None,
    defaults: Args | None,
    call: Args,
) -> FrameworkName:
    """`defaults` None: the framework's own defaults are the `call` arguments themselves."""
    own = dict(call) if defaults is None else defaults
    return FrameworkName(framework, name, own, note, gradient_at or {}, call)


def torch(
    name: str,
    note: str = "",
    gradient_at: dict[Number, Number] | None = None,
    defaults: Args | None = None,
    **call: Number | bool | None,
) -> FrameworkName:
    """`torch.nn.functional.<name>`, called with `call`; `defaults` where PyTorch's own differ
    (a missing key: the argument is required)."""
    return _name("pytorch", f"torch.nn.functional.{name}", note, gradient_at, defaults, call)


def keras(
    name: str, note: str = "", defaults: Args | None = None, **call: Number | bool | None
) -> FrameworkName:
    """`keras.activations.<name>`, called with `call`; `defaults` where Keras' own differ."""
    return _name("keras", f"keras.activations.{name}", note, None, defaults, call)


def jax(
    name: str,
    note: str = "",
    gradient_at: dict[Number, Number] | None = None,
    defaults: Args | None = None,
    **call: Number | bool | None,
) -> FrameworkName:
    """`jax.nn.<name>`, called with `call`; `defaults` where JAX's own differ."""
    return _name("jax", f"jax.nn.{name}", note, gradient_at, defaults, call)


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
