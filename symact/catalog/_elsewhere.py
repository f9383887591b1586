"""Names the catalogue's functions have in frameworks beyond PyTorch, Keras and JAX (data).

Read in each framework's own source (session 13, helper report), at these revisions: MLX
`python/mlx/nn/layers/activations.py` @846d176 (and @0252bc6, session 15: its `gelu_approx` is
x·σ(1.60033x(1 + 0.0433603x²)), a fit of its own, not the tanh form it was listed under);
Flax `flax/linen/activation.py` @18f8f31;
PaddlePaddle `python/paddle/nn/functional/activation.py` @00c732d; tensorflow-addons
`tensorflow_addons/activations/*.py` @d208d75 and the tensorflow.org pages of `tf.nn.leaky_relu`,
`tf.nn.silu`, `tf.nn.gelu`; timm `timm/layers/activations.py` and `create_act.py` @aa4b585;
transformers `src/transformers/activations.py` (`ACT2FN`); NNlib `src/activations.jl` @f71b71c.
Only names whose call gives exactly the catalogue's function at its defaults are listed (MLX's
`selu` and transformers' `gelu_fast` use rounded constants and are left out); `defaults` is
given where the framework's own differ from that call, and the analysis derives the warning.
"""

from __future__ import annotations

from symact.catalog._refs import elsewhere
from symact.declare import FrameworkName, Number


def _mlx(name: str, note: str = "", **call: Number | bool | None) -> FrameworkName:
    return elsewhere("mlx", f"mlx.nn.{name}", note, None, **call)


def _flax(name: str, note: str = "", **call: Number | bool | None) -> FrameworkName:
    return elsewhere("flax", f"flax.linen.{name}", note, None, **call)


def _paddle(name: str, note: str = "", **call: Number | bool | None) -> FrameworkName:
    return elsewhere("paddle", f"paddle.nn.functional.{name}", note, None, **call)


def _timm(name: str) -> FrameworkName:
    return elsewhere("timm", f'timm.layers.get_act_fn("{name}")')


def _hf(key: str) -> FrameworkName:
    return elsewhere("transformers", f'transformers.activations.ACT2FN["{key}"]')


def _nnlib(name: str, note: str = "", **call: Number | bool | None) -> FrameworkName:
    return elsewhere("nnlib", f"NNlib.{name}", note, None, **call)


#: Catalogue name → its names in other frameworks.
ELSEWHERE: dict[str, tuple[FrameworkName, ...]] = {
    "sigmoid": (
        _mlx("sigmoid"),
        _flax("sigmoid"),
        _timm("sigmoid"),
        _hf("sigmoid"),
        _nnlib("sigmoid"),
    ),
    "tanh": (
        _mlx("tanh"),
        _flax("tanh"),
        _paddle("tanh"),
        _timm("tanh"),
        _hf("tanh"),
        _nnlib("tanh"),
    ),
    "hardtanh": (
        _mlx("hard_tanh", min_val=-1, max_val=1),
        _flax("hard_tanh"),
        _paddle("hardtanh", min=-1, max=1),
        _nnlib("hardtanh"),
    ),
    "hardsigmoid": (
        _flax("hard_sigmoid"),
        elsewhere(
            "paddle",
            "paddle.nn.functional.hardsigmoid",
            "its default slope is the decimal 0.1666667, not 1/6",
            defaults={"slope": "0.1666667", "offset": "0.5"},
            slope="1/6",
            offset="0.5",
        ),
        _timm("hard_sigmoid"),
        _nnlib("hardsigmoid"),
    ),
    "softsign": (_mlx("softsign"), _flax("soft_sign"), _paddle("softsign"), _nnlib("softsign")),
    "relu": (
        _mlx("relu"),
        _flax("relu"),
        _paddle("relu"),
        _timm("relu"),
        _hf("relu"),
        _nnlib("relu"),
    ),
    "leaky_relu": (
        _mlx("leaky_relu", negative_slope="0.01"),
        _flax("leaky_relu", negative_slope="0.01"),
        _paddle("leaky_relu", negative_slope="0.01"),
        elsewhere(
            "tensorflow",
            "tf.nn.leaky_relu",
            defaults={"alpha": "0.2"},
            alpha="0.01",
        ),
        _timm("leaky_relu"),
        _hf("leaky_relu"),
        _nnlib("leakyrelu", a="0.01"),
    ),
    "relu6": (
        _mlx("relu6"),
        _flax("relu6"),
        _paddle("relu6"),
        _timm("relu6"),
        _hf("relu6"),
        _nnlib("relu6"),
    ),
    "squared_relu": (_mlx("relu2"), _hf("relu2")),
    "elu": (
        _mlx("elu", alpha=1),
        _flax("elu"),
        _paddle("elu", alpha=1),
        _timm("elu"),
        _nnlib("elu"),
    ),
    "celu": (
        _mlx("celu", alpha=1),
        _flax("celu"),
        _paddle("celu", alpha=1),
        _timm("celu"),
        _nnlib("celu"),
    ),
    "selu": (_flax("selu"), _paddle("selu"), _timm("selu"), _nnlib("selu")),
    "softplus": (_mlx("softplus"), _flax("softplus"), _nnlib("softplus")),
    "logsigmoid": (
        _mlx("log_sigmoid"),
        _flax("log_sigmoid"),
        _paddle("log_sigmoid"),
        _nnlib("logsigmoid"),
    ),
    "silu": (
        _mlx("silu"),
        _flax("silu"),
        _paddle("silu"),
        elsewhere("tensorflow", "tf.nn.silu", beta=1),
        _timm("silu"),
        _hf("silu"),
        _nnlib("swish"),
    ),
    "gelu": (
        _mlx("gelu"),
        elsewhere("flax", "flax.linen.gelu", defaults={"approximate": True}, approximate=False),
        elsewhere("tensorflow", "tf.nn.gelu", defaults={"approximate": False}, approximate=False),
        _timm("gelu"),
        _hf("gelu"),
    ),
    "gelu_tanh": (
        elsewhere("flax", "flax.linen.gelu", defaults={"approximate": True}, approximate=True),
        elsewhere("tensorflow", "tf.nn.gelu", defaults={"approximate": False}, approximate=True),
        _timm("gelu_tanh"),
        _hf("gelu_new"),
        _nnlib("gelu_tanh", "NNlib's gelu is this tanh form too"),
    ),
    "gelu_sigmoid": (_mlx("gelu_fast_approx"), _timm("quick_gelu"), _hf("quick_gelu")),
    "mish": (_mlx("mish"), _paddle("mish"), _timm("mish"), _hf("mish"), _nnlib("mish")),
    "hardswish": (
        _mlx("hardswish"),
        _flax("hard_swish"),
        _paddle("hardswish"),
        _timm("hard_swish"),
        _nnlib("hardswish"),
    ),
    "lisht": (_nnlib("lisht"),),
    "softshrink": (
        _mlx("softshrink", lambd="0.5"),
        _paddle("softshrink", threshold="0.5"),
        _nnlib("softshrink"),
    ),
    "hardshrink": (_mlx("hard_shrink", lambd="0.5"), _paddle("hardshrink", threshold="0.5")),
    "tanhshrink": (_paddle("tanhshrink"), _nnlib("tanhshrink")),
    "identity": (_timm("identity"), _hf("linear")),
}
