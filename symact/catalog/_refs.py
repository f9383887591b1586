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

# From the entry pflu and others that cite it.
PFLU_2021 = Reference(
    "M. Zhu, W. Min, Q. Wang, S. Zou, X. Chen",
    2021,
    "PFLU and FPFLU: Two novel non-monotonic activation functions in convolutional neural networks",
    "https://doi.org/10.1016/j.neucom.2020.11.068",
)
# From the entry eswish and others that cite it.
KUNC_2024 = Reference(
    "V. Kunc, J. Kléma",
    2024,
    "Three Decades of Activations: A Comprehensive Survey of 400 Activation Functions for "
    "Neural Networks",
    "https://arxiv.org/abs/2402.09092",
)
# From the entry swish_t and others that cite it.
SEO_2024 = Reference(
    "Y. Seo, J. Kim, U. Park",
    2024,
    "Swish-T : Enhancing Swish Activation with Tanh Bias for Improved Neural Network Performance",
    "https://arxiv.org/abs/2407.01012",
)
# From the entry apa and others that cite it.
APA_2024 = Reference(
    "K. P. Alexandridis, J. Deng, A. Nguyen, S. Luo",
    2024,
    "Adaptive Parametric Activation",
    "https://arxiv.org/abs/2407.08567",
)
# From the entry tanhsoft1 and others that cite it.
TANHSOFT_2020 = Reference(
    "K. Biswas, S. Kumar, S. Banerjee, A. K. Pandey",
    2020,
    "TanhSoft -- a family of activation functions combining Tanh and Softplus",
    "https://arxiv.org/abs/2009.03863",
)
# From the entry probit and others that cite it.
GOMES_2011 = Reference(
    "G. S. da S. Gomes, T. B. Ludermir, L. M. M. R. Lima",
    2011,
    "Comparison of new activation functions in neural network for forecasting financial "
    "time series",
    "https://doi.org/10.1007/s00521-010-0407-3",
    verified=False,
)
# From the entry symlog and others that cite it.
HAFNER_2023 = Reference(
    "D. Hafner, J. Pasukonis, J. Ba, T. Lillicrap",
    2023,
    "Mastering Diverse Domains through World Models",
    "https://arxiv.org/abs/2301.04104",
    verified=False,
)
# From the entry inv_quadratic and others that cite it.
RAMASINGHE_2021 = Reference(
    "S. Ramasinghe, S. Lucey",
    2021,
    "Beyond Periodicity: Towards a Unifying Framework for Activations in Coordinate-MLPs",
    "https://arxiv.org/abs/2111.15135",
    verified=False,
)
# From the entry dsu and others that cite it.
NOEL_2021 = Reference(
    "M. M. Noel, S. Bharadwaj, V. Muthiah-Nakarajan, P. Dutta, G. B. Amali",
    2021,
    "Biologically Inspired Oscillating Activation Functions Can Bridge the Performance Gap "
    "between Biological and Artificial Neurons",
    "https://arxiv.org/abs/2111.04020",
    verified=False,
)


def elsewhere(
    framework: Framework,
    name: str,
    note: str = "",
    defaults: Args | None = None,
    **call: Number | bool | None,
) -> FrameworkName:
    """A name in a framework beyond PyTorch, Keras and JAX (`name` fully qualified, as users
    write it), called with `call`; `defaults` where the framework's own differ."""
    return _name(framework, name, note, None, defaults, call)


# E. Pishchik's preprint introduced several trainable activations together (ShiLU, CosLU, DELU).
PISHCHIK_2023 = Reference(
    "E. Pishchik",
    2023,
    "Trainable Activations for Image Classification",
    "https://doi.org/10.20944/preprints202301.0463.v1",
)
# The ELU paper, which also names the shifted ReLU max(−1, x) ("SReLU") it compares against.
CLEVERT_2015 = Reference(
    "D.-A. Clevert, T. Unterthiner, S. Hochreiter",
    2015,
    "Fast and Accurate Deep Network Learning by Exponential Linear Units (ELUs)",
    "https://arxiv.org/abs/1511.07289",
)
