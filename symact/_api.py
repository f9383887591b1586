"""Functions over an [`Activation`][symact.declare.Activation], re-exported from `symact`.

```python
import symact

gelu = symact.get("gelu")
symact.derivative(gelu)             # Φ(x) + x·φ(x)
symact.analyse(gelu)["range"]       # Fact(value=..., how="numeric", ...)
symact.numpy_function(gelu, 1)      # a vectorised NumPy f'
symact.from_formula("mine", "x*tanh(x)")
```

An `Activation` is a plain record (`symact.declare` imports nothing from symact); these
functions sit above the layers they use — analysis, numerics, the formula parser — so that
data flows one way. Analysis and numerics are imported when first needed, so `import symact`
stays cheap (the command line imports it before it knows what it will need).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from symact.declare import MAX_PARAMS, Activation, Number, X
from symact.formula import FormulaError, parse_activation

if TYPE_CHECKING:  # pragma: no cover
    import sympy as sp

    from symact.analysis import Analysis
    from symact.numerics import NumericFunction

__all__ = ["analyse", "derivative", "from_formula", "numpy_function"]


def derivative(act: Activation, n: int = 1, *, at_defaults: bool = False) -> sp.Expr:
    """The `n`-th derivative of `act`, simplified within a time budget.

    Symbolic in the parameters unless `at_defaults`. Where the derivative is undefined (a
    kink or a jump) the returned expression is undefined too (SymPy's `nan`).
    """
    from symact.analysis._derive import derivative as _derivative

    return _derivative(act.at() if at_defaults else act.expr, X, n)


def analyse(
    act: Activation,
    *,
    eps: float = 0.01,
    cache: bool = True,
    facts: Iterable[str] | None = None,
) -> Analysis:
    """The derived facts about `act` at the default parameters (every one, or those named in
    `facts`), with how each was obtained."""
    from symact.analysis import analyse as _analyse

    return _analyse(act, eps=eps, cache=cache, facts=facts)


def numpy_function(act: Activation, n: int = 0, /, **params: float) -> NumericFunction:
    """A vectorised NumPy function for the `n`-th derivative (n ≤ 3) of `act`, accurate over
    the whole float range; parameters default to their declared values."""
    from symact.numerics import numpy_function as _numpy_function

    return _numpy_function(act, n, **params)


def from_formula(
    name: str,
    formula: str,
    *,
    params: Mapping[str, Number] | None = None,
    title: str | None = None,
    summary: str | None = None,
) -> Activation:
    """An activation (family `"user"`) from a user's formula, parsed with a whitelist (never
    `eval`); see [`symact.formula`][symact.formula] for the grammar. Raises
    [`FormulaError`][symact.formula.FormulaError]."""
    if params is not None and len(params) > MAX_PARAMS:  # before each name is checked
        raise FormulaError(f"too many parameters ({len(params)}; the limit is {MAX_PARAMS})")
    return parse_activation(name, formula, params=params, title=title, summary=summary)
