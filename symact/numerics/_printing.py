"""What symact's printers share: numbers printed so that they round once, small integer
powers as multiplications, names checked before they are printed, and user text made safe for
the comments and docstrings of generated code."""

from __future__ import annotations

import keyword
import math
import re
from collections.abc import Callable, Iterable
from fractions import Fraction
from typing import Any, ClassVar

import sympy as sp
from sympy.codegen.cfunctions import hypot
from sympy.core.function import AppliedUndef
from sympy.printing.precedence import PRECEDENCE

__all__ = [
    "MAX_EXACT_INTEGER",
    "MAX_PRODUCT_POWER",
    "IntegerPowers",
    "MinMax",
    "RoundOnce",
    "check_names",
    "clip_bounds",
    "comment_text",
    "docstring_text",
    "fold_numbers",
    "is_input",
]


# ---------------------------------------------------------------------------------------------
# Names and user text in generated code


def _visible(ch: str) -> str:
    """A character that is not printable (a control character, a line or paragraph
    separator, a lone surrogate) as its Python escape, `\\x00` or `\\u2028`; others as is."""
    if ch == " " or ch.isprintable():
        return ch
    code = ord(ch)
    return (
        f"\\x{code:02x}"
        if code < 0x100
        else f"\\u{code:04x}"
        if code < 0x10000
        else f"\\U{code:08x}"
    )


def docstring_text(text: str) -> str:
    """`text` as it may stand between a Python docstring's triple quotes: backslashes and
    double quotes escaped (no `\"""` can close the string early, no backslash can escape the
    closing quote) and every character that is not printable, line breaks included, written
    as its escape. The docstring's value at run time is `text` itself."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return "".join(_visible(ch) for ch in out)


#: Runs that end or open a C or JavaScript block comment, or that C reads before comments are
#: removed (`??/` is a backslash in C99's trigraphs).
_COMMENT_HAZARD = re.compile(r"\*/|/\*|\?\?")


def comment_text(text: str) -> str:
    """`text` as one line inside a C or JavaScript block comment: `*/` and `/*` are split
    (`* /`, `/ *`), so are `??` (no trigraph), and every character that is not printable, line
    breaks included, is written as its escape (`\\x0a`): the text can neither end the comment
    nor start a line of its own."""
    out = "".join(_visible(ch) for ch in text)
    while True:  # `/*/` becomes `/ */`, which needs a second pass
        fixed = _COMMENT_HAZARD.sub(lambda m: " ".join(m.group()), out)
        if fixed == out:
            return out
        out = fixed


#: Python's keywords, which no name in generated Python may be.
PYTHON_KEYWORDS = frozenset(keyword.kwlist)


def check_names(expr: sp.Basic, reserved: Iterable[str], language: str) -> None:
    """Refuse (ValueError, one line) an expression a printer would turn into code other than
    the expression: a symbol or an undefined function whose name is not a plain ASCII
    identifier, or is reserved in the target language (a keyword, or a name the generated code
    or its library uses). Printers print names verbatim; this is the last check before."""
    taken = frozenset(reserved)
    names = [("symbol", s.name) for s in expr.free_symbols if isinstance(s, sp.Symbol)]
    names += [("function", type(f).__name__) for f in expr.atoms(AppliedUndef)]
    for kind, name in sorted(names):
        if not (name.isascii() and name.isidentifier()):
            raise ValueError(f"cannot print {kind} {name[:40]!r} in {language}: not an identifier")
        if name in taken:
            raise ValueError(f"cannot print {kind} {name!r} in {language}: a reserved word")


#: Integers beyond 2**53 are printed as the nearest double: they are not exact in double
#: precision anyway, and as integer literals C does not compile them (beyond `long long`),
#: nor do PyTorch and JAX take them (beyond 64 bits).
MAX_EXACT_INTEGER = 2**53
#: Beyond this a number is no finite double.
_DOUBLE_LIMIT = 2**1024


class RoundOnce:
    """Numbers as literals that round once: a Float is the nearest double (`repr`), and a
    rational coefficient divides (x/3) rather than multiplying by a rounded 1/3.

    Before printing, every name in the expression is checked ([`check_names`][
    symact.numerics._printing.check_names]) against the printer's `reserved_words` (SymPy's:
    the language's keywords), `reserved_names` and, for Python printers, Python's keywords."""

    _print: Callable[[Any], str]
    parenthesize: Callable[..., str]
    reserved_words: Iterable[str]
    #: Names reserved besides SymPy's `reserved_words`.
    reserved_names: ClassVar[frozenset[str]] = frozenset()
    #: The language named in a refusal.
    language: ClassVar[str] = "Python"

    def doprint(self, expr: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(expr, sp.Basic):
            reserved = self.reserved_names | frozenset(getattr(self, "reserved_words", ()))
            if self.language == "Python":
                reserved |= PYTHON_KEYWORDS
            check_names(expr, reserved, self.language)
        return super().doprint(expr, *args, **kwargs)  # type: ignore[misc]

    def _double(self, value: Fraction | float) -> str:
        """The nearest double as a literal (one rounding); ±infinity as the target writes it."""
        try:
            f = float(value)
        except OverflowError:
            f = math.inf if value > 0 else -math.inf
        if math.isinf(f):
            return self._print(sp.oo if f > 0 else -sp.oo)
        return repr(f)

    def _print_Float(self, expr: sp.Float) -> str:  # noqa: N802 - SymPy printer method name
        return self._double(float(expr))

    def _print_Integer(self, expr: sp.Integer) -> str:  # noqa: N802
        if abs(int(expr)) > MAX_EXACT_INTEGER:
            return self._double(Fraction(int(expr)))
        return super()._print_Integer(expr)  # type: ignore[misc,no-any-return]

    def _print_Rational(self, expr: sp.Rational) -> str:  # noqa: N802
        if max(abs(int(expr.p)), int(expr.q)) > MAX_EXACT_INTEGER:
            return self._double(Fraction(int(expr.p), int(expr.q)))
        return super()._print_Rational(expr)  # type: ignore[misc,no-any-return]

    def _print_Mul(self, expr: sp.Mul) -> str:  # noqa: N802
        c, rest = expr.as_coeff_Mul()
        if c.is_Rational and rest != 1 and max(abs(int(c.p)), int(c.q)) > MAX_EXACT_INTEGER:
            # (a series' p/q with 10¹⁰⁰ digits: SymPy prints p*x/q, whose integers no target
            # takes) the nearest double, as `_print_Rational` prints it
            body = self.parenthesize(rest, PRECEDENCE["Mul"])
            return f"{self._double(Fraction(int(c.p), int(c.q)))}*{body}"
        if c.is_Rational and not c.is_Integer and isinstance(rest, sp.Mul):
            # x·clip(u, 0, 6)/6 as x*(clip(u, 0, 6)/6): the bounded factor is divided first,
            # so the product cannot overflow where x·6 would (the same two roundings).
            bounded = [f for f in rest.args if clip_bounds(f) is not None]
            if len(bounded) == 1:
                others = sp.Mul(*(f for f in rest.args if f is not bounded[0]))
                scaled = self._print(sp.Mul(c, bounded[0], evaluate=False))
                return f"{self.parenthesize(others, PRECEDENCE['Mul'])}*({scaled})"
        if c.is_Rational and not c.is_Integer and rest != 1:
            inv = Fraction(int(c.q), abs(int(c.p)))
            if inv < _DOUBLE_LIMIT and Fraction(float(inv)) == inv:
                body = self.parenthesize(rest, PRECEDENCE["Mul"])
                sign = "-" if c < 0 else ""
                return f"{sign}{body}/{float(inv)!r}"
        return super()._print_Mul(expr)  # type: ignore[misc,no-any-return]


#: Largest |n| for which x**n is printed as multiplications: x**8 takes three.
MAX_PRODUCT_POWER = 8


def is_input(e: sp.Basic) -> bool:
    """Whether `e` is the input variable: a real symbol (x, or the x0, x1, … of generated
    code). SymPy's cse temporaries carry no assumptions: they stand for subexpressions."""
    return bool(e.is_Symbol and e.is_real)


def _nonnegative(e: sp.Basic) -> bool:
    """Whether `e` is known to be ≥ 0 (SymPy's codegen `hypot` does not say so itself)."""
    return bool(e.is_nonnegative) or isinstance(e, hypot)


class IntegerPowers:
    """Small integer powers without a general power where that is slow, and without losing
    accuracy.

    - x**n, x the input and 2 ≤ |n| ≤ `MAX_PRODUCT_POWER`, is multiplied out: NumPy's
      `np.power` costs about 90 `exp` passes on inputs of either sign (4 on positive ones)
      where x**2*x costs one, PyTorch's about 18 (beyond its fast 2, 3, −1, −2), and C's
      `pow` is a library call where x*x*x is two multiplications. Each multiplication (and
      the division of a negative power) rounds once, so x**n is off by up to |n| roundings
      where pow is off by one: inside the 2 + |n| ULPs the standard allows x**n (its
      condition number is |n|). A negative power is 1/(x*…*x): where x**|n| overflows, x**n
      is below 1/DBL_MAX, and the 0 it becomes is within one smallest normal of it.
    - b**n for any other base b keeps the general power, whose one rounding matters there:
      the condition number of b(x)**n can be far below |n| (softsign' is (x − 1)**(−2),
      whose condition number is 0.002 at x = −0.001: 2 ULPs allowed), so the |n| roundings
      of a product would miss the standard. In NumPy (`power_magnitude`) a base not known to
      be nonnegative is raised by magnitude, |b|**n, and given its sign back for odd n: pow
      of a positive number costs 4 passes, not 90, and is as accurate.

    Settings (class attributes) per target:

    - `power_binary`: squares are `r**2` and n's bits are read left to right (x**7 is
      ((x**2*x)**2)*x: four operations instead of six; `**2` is NumPy's and PyTorch's fastest
      pass); else x*x*…*x, for scalar code.
    - `power_reciprocal`: a negative power is (x**(-1))**|n| rather than 1/x**|n|: under
      autograd 1/x**|n| differentiates to 0·inf = NaN where x**|n| overflows.
    - `power_skip`: exponents the printer's own `_print_Pow` already prints fast.
    - `power_magnitude`: composite bases of unknown sign raised by magnitude (NumPy).
    """

    _print: Callable[[Any], str]
    parenthesize: Callable[..., str]
    _module_format: Callable[[str], str]

    power_binary: ClassVar[bool] = True
    power_reciprocal: ClassVar[bool] = False
    power_skip: ClassVar[frozenset[int]] = frozenset({2})
    power_magnitude: ClassVar[bool] = False
    #: The literal 1 in 1/(x*…*x).
    power_one: ClassVar[str] = "1"
    _temporaries: int = 0

    def _print_Mul(self, expr: sp.Mul) -> str:  # noqa: N802
        """c·x**(−k), k ≥ 2, as (c/x**⌈k/2⌉)/x**⌊k/2⌋, not c/x**k: where x**k overflows,
        c/x**k can still be a normal number (inverse_quadratic's 6/x⁴ is 3.3e−308 at
        x = 1.16e77, where x⁴ = inf made it 0). Neither half overflows before the quotient
        is far below the smallest normal."""
        powers = [
            f
            for f in expr.args
            if isinstance(f, sp.Pow) and is_input(f.base) and f.exp.is_Integer and f.exp <= -2
        ]
        if self.power_reciprocal or len(powers) != 1:
            return super()._print_Mul(expr)  # type: ignore[misc,no-any-return]
        (p,) = powers
        k = -int(p.exp)
        rest = sp.Mul(*(f for f in expr.args if f is not p))
        num = self.parenthesize(rest, PRECEDENCE["Mul"])
        high, low = (self._print(p.base**h) for h in (k - k // 2, k // 2))
        return f"(({num})/{high})/{low}"

    def _print_Pow(self, expr: sp.Pow, **kwargs: Any) -> str:  # noqa: N802
        out = self._product_power(expr)
        if out is None:
            return super()._print_Pow(expr, **kwargs)  # type: ignore[misc,no-any-return]
        return out

    def _temporary(self, text: str) -> tuple[str, str]:
        """`text` bound to a fresh name where it is first used, and the name: Python
        evaluates operands left to right, so later uses see the value."""
        name = f"_p{self._temporaries}"
        self._temporaries += 1
        return f"({name} := {text})", name

    def _product_power(self, expr: sp.Pow) -> str | None:
        """`expr` as this class prints it, or None where the printer's own power applies."""
        n = expr.exp
        if n == -1 and self.power_magnitude and not expr.base.is_number:
            return self._reciprocal(self.parenthesize(expr.base, PRECEDENCE["Mul"], strict=True))
        if not (n.is_Integer and 2 <= abs(n) <= MAX_PRODUCT_POWER) or expr.base.is_number:
            return None
        n = int(n)
        if not is_input(expr.base):
            return self._magnitude_power(expr.base, n) if self.power_magnitude else None
        if n in self.power_skip:
            return None
        k = abs(n)
        x = self._print(expr.base)
        first = rest = x
        if n < 0 and self.power_reciprocal:
            first = rest = f"({x}**(-1))"
            if (k.bit_count() if self.power_binary else k) > 1:
                first, rest = self._temporary(first[1:-1])
        if self.power_binary:
            r, atom = first, True  # a symbol or in parentheses
            for bit in bin(k)[3:]:
                r, atom = (f"{r}**2" if atom else f"({r})**2"), False
                if bit == "1":
                    r = f"{r}*{rest}"
        else:
            r = "*".join([first] + [rest] * (k - 1))
        if n < 0 and not self.power_reciprocal:
            return f"({self.power_one}/({r}))"
        return f"({r})"

    def _reciprocal(self, text: str) -> str:
        """1/text, `text` printed so that the division takes all of it."""
        return f"({self.power_one}/{text})"

    def _magnitude_power(self, b: sp.Expr, n: int) -> str | None:
        """|b|**n with b's sign for odd n, or None where b is known to be nonnegative."""
        if n == -2:  # a square is fast for any sign; 1/b**2 rounds twice (pow once), within
            # the standard as the accuracy tests measure (softsign′, elliott′)
            return self._reciprocal(f"{self.parenthesize(b, PRECEDENCE['Pow'], strict=True)}**2")
        if _nonnegative(b) or n == 2:  # b**2 is a square, fast for any sign
            return None
        exponent = f"({float(n)!r})" if n < 0 else str(n)
        text = self._print(b)
        if n % 2 == 0:
            return f"{self._module_format('numpy.abs')}({text})**{exponent}"
        first, name = self._temporary(text)
        magnitude = f"{self._module_format('numpy.abs')}({first})**{exponent}"
        return f"{self._module_format('numpy.copysign')}({magnitude}, {name})"


def clip_bounds(expr: sp.Basic) -> tuple[sp.Expr, sp.Expr, sp.Expr] | None:
    """(u, lo, hi) where `expr` is Min(hi, Max(lo, u)) or Max(lo, Min(hi, u)) with numbers
    lo < hi: u clipped to [lo, hi]."""
    if not isinstance(expr, sp.Min | sp.Max) or len(expr.args) != 2:
        return None
    inner_kind = sp.Max if isinstance(expr, sp.Min) else sp.Min
    numbers = [a for a in expr.args if a.is_number]
    inner = [a for a in expr.args if isinstance(a, inner_kind) and len(a.args) == 2]
    if len(numbers) != 1 or len(inner) != 1:
        return None
    inner_numbers = [a for a in inner[0].args if a.is_number]
    rest = [a for a in inner[0].args if not a.is_number]
    if len(inner_numbers) != 1 or len(rest) != 1:
        return None
    lo, hi = (
        (inner_numbers[0], numbers[0])
        if isinstance(expr, sp.Min)
        else (numbers[0], inner_numbers[0])
    )
    if not (lo.is_real and hi.is_real and bool(lo < hi)):
        return None
    return rest[0], lo, hi


class MinMax:
    """Max and Min as the target's binary `maximum` and `minimum` (the variable first:
    `maximum(x, 0)`), nested for more arguments, and u clipped to numbers lo < hi as one
    `clip(u, lo, hi)`. Both propagate NaN, as Max and Min of NaN are undefined. (SymPy's NumPy
    printer writes `amax((a, b), axis=0)`, which stacks its arguments into a new array.)

    `minmax_names`: the target's (maximum, minimum, clip) as dotted names, or None for clip
    where the target has none."""

    _print: Callable[[Any], str]
    _module_format: Callable[[str], str]

    minmax_names: ClassVar[tuple[str, str, str | None]] = (
        "numpy.maximum",
        "numpy.minimum",
        "numpy.clip",
    )

    def _minmax(self, expr: sp.Basic, name: str) -> str:
        args = sorted(expr.args, key=lambda a: (a.is_number, sp.default_sort_key(a)))
        out = self._print(args[0])
        for a in args[1:]:
            out = f"{self._module_format(name)}({out}, {self._print(a)})"
        return out

    def _print_Max(self, expr: sp.Basic) -> str:  # noqa: N802
        return self._clip(expr) or self._minmax(expr, self.minmax_names[0])

    def _print_Min(self, expr: sp.Basic) -> str:  # noqa: N802
        return self._clip(expr) or self._minmax(expr, self.minmax_names[1])

    def _clip(self, expr: sp.Basic) -> str | None:
        clip = self.minmax_names[2]
        found = clip_bounds(expr) if clip else None
        if found is None or clip is None:
            return None
        u, lo, hi = found
        return (
            f"{self._module_format(clip)}({self._print(u)}, {self._print(lo)}, {self._print(hi)})"
        )


def fold_numbers(e: sp.Basic) -> sp.Basic:
    """Every maximal number that is not rational (√2/(2√π), π/2, log 2) as one Float, so that
    the code rounds it once instead of computing it from rounded parts."""
    if e.is_number and not e.is_Rational and e.is_finite and e.is_real and not e.is_Float:
        return sp.Float(e.evalf(40), 40)
    if not e.args or e.is_Atom:
        return e
    args = [fold_numbers(a) for a in e.args]
    if args == list(e.args):
        return e
    if isinstance(e, sp.Function):  # erfc(−u) must not become 2 − erfc(u)
        return e.func(*args, evaluate=False)
    return e.func(*args)  # a product's numbers multiply into one Float here
