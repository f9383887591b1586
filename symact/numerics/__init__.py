"""Numeric functions from the SymPy source: stable, accurate over the whole float range.

```python
import numpy as np
from symact.catalog import get
from symact.numerics import numpy_function

gelu = numpy_function(get("gelu"))
dgelu = numpy_function(get("gelu"), 1)
gelu(np.array([-40.0, 0.0, 3.0]))
```

Every function is generated from the declared expression: it is split into smooth branches,
each rewritten by the rules in [`symact.numerics._rewrite`][symact.numerics._rewrite] and then
lambdified. Nothing is written per activation.
"""

from __future__ import annotations

from symact.declare import Activation
from symact.numerics._plan import Branch, Plan, make_plan
from symact.numerics._rewrite import RULES, Rule, stabilise
from symact.numerics._vectorise import NumericFunction

__all__ = [
    "RULES",
    "Branch",
    "NumericFunction",
    "Plan",
    "Rule",
    "make_plan",
    "numpy_function",
    "stabilise",
]


def numpy_function(act: Activation, n: int = 0, /, **params: float) -> NumericFunction:
    """A vectorised NumPy function computing the `n`-th derivative (n ≤ 3) of `act`.

    Parameters not given take their defaults. The same arguments give the same (cached) plan.
    """
    return NumericFunction(make_plan(act, n, **params))
