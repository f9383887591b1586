"""Sigmoidal activations: bounded, S-shaped."""

from __future__ import annotations

import sympy as sp

from symact.catalog._refs import (
    BLONDEL_2020,
    CARLILE_2017,
    ELFWING_2018,
    HOWARD_2019,
    LECUN_1998,
    WIKIPEDIA_TABLE,
    jax,
    keras,
    torch,
)
from symact.catalog.rectifiers import relu6
from symact.declare import Activation, Param, Reference, X
from symact.functions import normal_cdf
from symact.functions import sigmoid as _sigmoid

sigmoid = Activation(
    name="sigmoid",
    title="Logistic sigmoid",
    family="sigmoidal",
    summary="The logistic function: the classic neuron activation of backpropagation.",
    expr=_sigmoid(X),
    aliases=("logistic", "expit"),
    reference=Reference(
        "D. E. Rumelhart, G. E. Hinton, R. J. Williams",
        1986,
        "Learning representations by back-propagating errors",
        "https://doi.org/10.1038/323533a0",
    ),
    frameworks=(torch("sigmoid"), keras("sigmoid"), jax("sigmoid")),
)

tanh = Activation(
    name="tanh",
    title="Hyperbolic tangent",
    family="sigmoidal",
    summary="The hyperbolic tangent: a rescaled logistic sigmoid, the classic hidden-layer unit.",
    expr=sp.tanh(X),
    aliases=("hyperbolic_tangent",),
    reference=LECUN_1998,
    frameworks=(torch("tanh"), keras("tanh"), jax("tanh")),
)

_min_val = Param("min_val", -1, "lower clipping value")
_max_val = Param("max_val", 1, "upper clipping value", above="min_val")
hardtanh = Activation(
    name="hardtanh",
    title="Hard tanh",
    family="sigmoidal",
    summary="A piecewise-linear stand-in for tanh, from the NLP networks of Collobert et al.",
    expr=sp.Min(sp.Max(X, _min_val.symbol), _max_val.symbol),
    params=(_min_val, _max_val),
    aliases=("hard_tanh",),
    reference=Reference(
        "R. Collobert, J. Weston, L. Bottou, M. Karlen, K. Kavukcuoglu, P. Kuksa",
        2011,
        "Natural Language Processing (Almost) from Scratch",
        "https://jmlr.org/papers/v12/collobert11a.html",
    ),
    frameworks=(
        torch("hardtanh", gradient_at={-1: 0, 1: 0}, min_val=-1.0, max_val=1.0),
        keras("hard_tanh"),
        jax("hard_tanh", gradient_at={-1: 1, 1: 1}),
    ),
)

hardsigmoid = Activation(
    name="hardsigmoid",
    title="Hard sigmoid",
    family="sigmoidal",
    summary="A piecewise-linear stand-in for the sigmoid built from ReLU6, from MobileNetV3.",
    expr=relu6.of(X + 3) / 6,
    aliases=("hard_sigmoid",),
    reference=HOWARD_2019,
    frameworks=(
        torch("hardsigmoid", gradient_at={-3: 0, 3: 0}),
        keras("hard_sigmoid", "Keras 3 form x/6 + 1/2 clipped; Keras 2 used 0.2x + 0.5"),
        jax("hard_sigmoid", gradient_at={-3: 0, 3: 0}),
    ),
)

sparse_sigmoid = Activation(
    name="sparse_sigmoid",
    title="Sparse sigmoid",
    family="sigmoidal",
    summary="A piecewise-linear sigmoid from Fenchel-Young losses; the gate used by hard ELiSH.",
    expr=hardtanh.of((X + 1) / 2, min_val=sp.Integer(0), max_val=sp.Integer(1)),
    reference=BLONDEL_2020,
    frameworks=(
        keras("sparse_sigmoid"),
        jax("sparse_sigmoid", gradient_at={-1: "1/4", 1: "1/4"}),
    ),
)

softsign = Activation(
    name="softsign",
    title="Softsign",
    family="sigmoidal",
    summary="A rational sigmoid without exponentials (Glorot and Bengio); also called Elliott.",
    expr=X / (1 + sp.Abs(X)),
    aliases=("soft_sign", "elliott"),
    reference=Reference(
        "X. Glorot, Y. Bengio",
        2010,
        "Understanding the difficulty of training deep feedforward neural networks",
        "https://proceedings.mlr.press/v9/glorot10a.html",
    ),
    frameworks=(torch("softsign"), keras("softsign"), jax("soft_sign")),
)

_isru_alpha = Param("alpha", 1, "scale of x² under the square root", positive=True)
isru = Activation(
    name="isru",
    title="Inverse square root unit (ISRU)",
    family="sigmoidal",
    summary="The inverse square root unit: an algebraic sigmoid, and the negative side of ISRLU.",
    expr=X / sp.sqrt(1 + _isru_alpha.symbol * X**2),
    params=(_isru_alpha,),
    aliases=("inverse_square_root_unit",),
    reference=CARLILE_2017,
)

sqnl = Activation(
    name="sqnl",
    title="Square nonlinearity (SQNL)",
    family="sigmoidal",
    summary="The square nonlinearity: a piecewise-quadratic sigmoid that is cheap to compute.",
    expr=sp.Piecewise(
        (1, X > 2),
        (X - X**2 / 4, X >= 0),
        (X + X**2 / 4, X >= -2),
        (-1, True),
    ),
    aliases=("square_nonlinearity",),
    reference=Reference(
        "A. Wuraola, N. Patel",
        2018,
        "SQNL: A New Computationally Efficient Activation Function",
        "https://doi.org/10.1109/IJCNN.2018.8489043",
    ),
)

arctan = Activation(
    name="arctan",
    title="Arctangent",
    family="sigmoidal",
    summary="The inverse tangent used as a sigmoid-shaped activation.",
    expr=sp.atan(X),
    aliases=("atan", "arc_tan"),
    reference=WIKIPEDIA_TABLE,
)

erf = Activation(
    name="erf",
    title="Error function",
    family="sigmoidal",
    summary="The Gauss error function used as a sigmoid, as in Williams' infinite networks.",
    expr=sp.erf(X),
    aliases=("erf_activation",),
    reference=Reference(
        "C. K. I. Williams",
        1996,
        "Computing with Infinite Networks",
        "https://papers.nips.cc/paper_files/paper/1996/hash/"
        "ae5e3ce40e0404a45ecacaaf05e5f735-Abstract.html",
    ),
)

_penalty = Param("a", "1/4", "factor applied to tanh for negative inputs", positive=True)
penalized_tanh = Activation(
    name="penalized_tanh",
    title="Penalized tanh",
    family="sigmoidal",
    summary="A tanh whose negative side is damped by a penalty factor (Xu et al. 2016).",
    expr=sp.Piecewise((tanh.expr, X > 0), (_penalty.symbol * tanh.expr, True)),
    params=(_penalty,),
    reference=Reference(
        "B. Xu, R. Huang, M. Li",
        2016,
        "Revise Saturated Activation Functions",
        "https://arxiv.org/abs/1602.05980",
    ),
)

lecun_tanh = Activation(
    name="lecun_tanh",
    title="LeCun's scaled tanh",
    family="sigmoidal",
    summary="LeCun's scaled tanh, recommended in Efficient BackProp.",
    expr=sp.Rational(17159, 10000) * tanh.of(sp.Rational(2, 3) * X),
    aliases=("scaled_tanh",),
    reference=LECUN_1998,
)

dsilu = Activation(
    name="dsilu",
    title="Derivative of SiLU (dSiLU)",
    family="sigmoidal",
    summary="SiLU's derivative used as an activation, from the same reinforcement-learning paper.",
    expr=sigmoid.expr * (1 + X * (1 - sigmoid.expr)),
    reference=ELFWING_2018,
)

laplace = Activation(
    name="laplace",
    title="Laplace activation",
    family="sigmoidal",
    summary="The Laplace attention function of Mega: a Gaussian-CDF stand-in for squared ReLU.",
    expr=normal_cdf((X - sp.sqrt(sp.Rational(1, 2))) / sp.sqrt(1 / (4 * sp.pi))),
    reference=Reference(
        "X. Ma, C. Zhou, X. Kong, J. He, L. Gui, G. Neubig, J. May, L. Zettlemoyer",
        2022,
        "Mega: Moving Average Equipped Gated Attention",
        "https://arxiv.org/abs/2209.10655",
    ),
)

DECLARED: tuple[Activation, ...] = (
    sigmoid,
    tanh,
    hardtanh,
    hardsigmoid,
    sparse_sigmoid,
    softsign,
    isru,
    sqnl,
    arctan,
    erf,
    penalized_tanh,
    lecun_tanh,
    dsilu,
    laplace,
)
