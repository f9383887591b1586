"""symact: activation functions declared once in SymPy, every fact derived.

```python
import symact

gelu = symact.get("gelu")
gelu.derivative(1)        # Φ(x) + x·φ(x)
gelu.analysis()["range"]  # Fact(value=..., how="numeric", ...)
```
"""

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
    "get",
    "names",
]
