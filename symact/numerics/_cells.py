"""Conditions on x as sets, decided exactly by cells, and written minimally.

A plan's conditions compare x with numbers (`x < -746.0`, `(x > 0) & (x < 6)`). Such a
condition is true or false on each *cell* of the line cut at its numbers: each number itself
and each open interval between two neighbours (and beyond the outermost). So a set of x is a
tuple of booleans, one per cell, found by evaluating the condition at one point of each cell —
exact arithmetic, no solving, nothing that can hang.

[`minimal`][symact.numerics._cells.minimal] finds, for a branch taken where its condition holds
and no earlier branch's did, the shortest condition that selects the same elements: no branch
implied by another (`(x >= 6) & (x > 0)` is `x >= 6`), and `True` for a branch that takes all
that is left. [`describe`][symact.numerics._cells.describe] writes a set as intervals.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

import sympy as sp

from symact.declare import X

__all__ = ["Cells", "cells_of", "describe", "minimal", "relationals"]

#: A set of x: one boolean per cell.
Bits = tuple[bool, ...]

_OPS: tuple[type[sp.Rel], ...] = (sp.Lt, sp.Le, sp.Gt, sp.Ge)


def relationals(cond: sp.Basic) -> list[sp.Rel] | None:
    """The comparisons in `cond` if each compares x with a finite real number (either side)
    and `cond` is built from them with And, Or and Not only; else None."""
    if cond is sp.true or cond is sp.false:
        return []
    if isinstance(cond, sp.Rel):
        lhs, rhs = cond.lhs, cond.rhs
        number = rhs if lhs == X else lhs if rhs == X else None
        if number is None or not (number.is_number and number.is_real and number.is_finite):
            return None
        return [cond]
    if isinstance(cond, sp.And | sp.Or | sp.Not):
        out: list[sp.Rel] = []
        for a in cond.args:
            r = relationals(a)
            if r is None:
                return None
            out += r
        return out
    return None


def _exact(v: sp.Expr) -> sp.Expr:
    """A float as the rational number it is (exact comparisons); other numbers as they are."""
    return sp.Rational(v) if isinstance(v, sp.Float) else v


def _number(rel: sp.Rel) -> sp.Expr:
    return rel.rhs if rel.lhs == X else rel.lhs


@dataclass(frozen=True)
class Cells:
    """The line cut at `points` (sorted, distinct): cells are (−∞, p₀), {p₀}, (p₀, p₁), …"""

    points: tuple[sp.Expr, ...]

    @cached_property
    def samples(self) -> tuple[sp.Expr, ...]:
        """One exact point of each cell, in order (floats as the rationals they are, so that
        the midpoint of two neighbouring floats is neither)."""
        p = [_exact(v) for v in self.points]
        if not p:
            return (sp.S.Zero,)
        out: list[sp.Expr] = [p[0] - 1 - abs(p[0])]
        for a, b in itertools.pairwise(p):
            out += [a, (a + b) / 2]
        out += [p[-1], p[-1] + 1 + abs(p[-1])]
        return tuple(out)

    def bits(self, cond: sp.Basic) -> Bits:
        """Where `cond` holds, cell by cell (`cond` compares x with these points only)."""
        n = len(self.samples)
        if cond is sp.true:
            return (True,) * n
        if cond is sp.false:
            return (False,) * n
        if isinstance(cond, sp.Not):
            return tuple(not b for b in self.bits(cond.args[0]))
        if isinstance(cond, sp.And | sp.Or):
            parts = [self.bits(a) for a in cond.args]
            pick = all if isinstance(cond, sp.And) else any
            return tuple(pick(col) for col in zip(*parts, strict=True))
        return self._rel_bits(cond)

    def _rel_bits(self, rel: sp.Rel) -> Bits:
        key = (type(rel), rel.lhs, rel.rhs)
        hit = self._memo.get(key)
        if hit is None:
            args = [None if a == X else _exact(a) for a in rel.args]
            hit = tuple(
                bool(rel.func(*(s if a is None else a for a in args))) for s in self.samples
            )
            self._memo[key] = hit
        return hit

    @cached_property
    def _memo(self) -> dict[tuple[object, ...], Bits]:
        return {}

    def condition(self, bits: Bits) -> sp.Basic:
        """A condition holding exactly on the cells in `bits`: a union of intervals."""
        n = len(bits)
        if all(bits):
            return sp.true
        if not any(bits):
            return sp.false
        parts: list[sp.Basic] = []
        i = 0
        while i < n:
            if not bits[i]:
                i += 1
                continue
            j = i
            while j + 1 < n and bits[j + 1]:
                j += 1
            parts.append(self._interval(i, j))
            i = j + 1
        return sp.Or(*parts)

    def _interval(self, i: int, j: int) -> sp.Basic:
        """The cells i … j (a run) as a condition. Cell 2k is an open interval, 2k+1 the
        point p_k."""
        if i == j and i % 2 == 1:
            return sp.Eq(X, self.points[i // 2], evaluate=False)
        lo: sp.Basic = sp.true
        hi: sp.Basic = sp.true
        if i > 0:
            lo = self.points[i // 2] <= X if i % 2 == 1 else self.points[i // 2 - 1] < X
        if j < len(self.samples) - 1:
            hi = self.points[j // 2] >= X if j % 2 == 1 else self.points[j // 2] > X
        return sp.And(lo, hi)


def cells_of(conds: Iterable[sp.Basic]) -> Cells | None:
    """The cells of all numbers the conditions compare x with, or None if one of them is not
    a comparison of x with numbers."""
    numbers: set[sp.Expr] = set()
    for c in conds:
        rels = relationals(c)
        if rels is None:
            return None
        numbers |= {_number(r) for r in rels}
    ordered = sorted(numbers, key=lambda v: sp.N(_exact(v), 40))
    distinct = [
        v for i, v in enumerate(ordered) if i == 0 or bool(_exact(v) > _exact(ordered[i - 1]))
    ]
    return Cells(tuple(distinct))


def _size(cond: sp.Basic) -> int:
    """How many comparisons a condition makes (`True`: none)."""
    return len(relationals(cond) or ())


def _candidates(cells: Cells) -> list[sp.Basic]:
    """Single comparisons of x with each point, then pairs of them (And, Or)."""
    singles: list[sp.Basic] = [op(X, p) for p in cells.points for op in _OPS]
    pairs: list[sp.Basic] = [
        kind(a, b) for a, b in itertools.combinations(singles, 2) for kind in (sp.And, sp.Or)
    ]
    return singles + pairs


def minimal(cells: Cells, left: Bits, taken: Bits, fallback: sp.Basic) -> sp.Basic:
    """The shortest condition D with D ∩ `left` = `taken` (the cells a branch takes, among
    those no earlier branch took): `True` if it takes all that is left; else one comparison,
    or two, or the intervals of `taken`, whichever is shortest, `fallback` on a tie with it
    (unless it holds for NaN: `x ≠ c`, a negation)."""
    if taken == left:
        return sp.true
    best, size = fallback, _size(fallback)
    if fallback.has(sp.Ne, sp.Not):
        # x ≠ c holds for NaN, which must reach no branch but a catch-all: written as
        # intervals instead (comparisons of NaN are false).
        best, size = cells.condition(taken), 10**9
    for cand in _candidates(cells):
        if _size(cand) >= size:
            break  # candidates come shortest first
        if tuple(b and c for b, c in zip(cells.bits(cand), left, strict=True)) == taken:
            return cand
    exact = cells.condition(taken)
    return exact if _size(exact) < size else best


def describe(cells: Cells, bits: Bits) -> sp.Basic:
    """The set `bits` as a condition (intervals and points)."""
    return cells.condition(bits)


def disjoint(cells: Cells, conds: Sequence[sp.Basic]) -> list[Bits]:
    """The cells each branch takes: those where its condition holds and no earlier one's did."""
    free = [True] * len(cells.samples)
    out: list[Bits] = []
    for c in conds:
        b = cells.bits(c)
        took = tuple(f and v for f, v in zip(free, b, strict=True))
        free = [f and not t for f, t in zip(free, took, strict=True)]
        out.append(took)
    return out
