"""symact: activation functions declared once in SymPy, every fact derived.

```python
import symact

gelu = symact.get("gelu")
symact.derivative(gelu, 1)        # Φ(x) + x·φ(x)
symact.analyse(gelu)["range"]     # Fact(value=..., how="numeric", ...)
symact.numpy_function(gelu)       # a vectorised NumPy function
symact.clear_caches()             # forget what this process memoised (disk=True: the store too)
```

An [`Activation`][symact.declare.Activation] is a plain record; the functions above
(`symact._api`) are where the layers above it are reached from.
"""

from symact._api import analyse, derivative, from_formula, numpy_function
from symact._store import clear_caches
from symact._version import __version__
from symact.catalog import ACTIVATIONS, FAMILIES, UnknownActivation, get, names
from symact.declare import Activation, FrameworkName, Param, Reference, X

__all__ = [
    "ACTIVATIONS",
    "FAMILIES",
    "Activation",
    "FrameworkName",
    "Param",
    "Reference",
    "UnknownActivation",
    "X",
    "__version__",
    "analyse",
    "clear_caches",
    "derivative",
    "from_formula",
    "get",
    "names",
    "numpy_function",
]
