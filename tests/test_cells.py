"""Conditions as cells (`symact.numerics._cells`) and the minimal conditions of plans: a minimal
condition selects exactly the elements the original did, and is never longer."""

from __future__ import annotations

import itertools

import numpy as np
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symact.declare import X
from symact.numerics._cells import cells_of, disjoint, minimal, relationals
from symact.numerics._plan import Branch, _minimal_conditions

_OPS = (sp.Lt, sp.Le, sp.Gt, sp.Ge)


def _first_match(branches: list[Branch], xs: list[sp.Expr]) -> list[int | None]:
    """The index of the branch that takes each point (first condition that holds)."""
    out: list[int | None] = []
    for v in xs:
        out.append(next((i for i, b in enumerate(branches) if bool(b.cond.subs(X, v))), None))
    return out


def _probe(points: list[sp.Rational]) -> list[sp.Rational]:
    """Every point, and points between and beyond them."""
    ps = sorted(set(points))
    out = [ps[0] - 1, ps[-1] + 1, *ps]
    out += [(a + b) / 2 for a, b in itertools.pairwise(ps)]
    return out


numbers = st.integers(-6, 6).map(lambda k: sp.Rational(k, 2))
comparisons = st.tuples(st.sampled_from(_OPS), numbers).map(lambda t: t[0](X, t[1]))
conditions = st.recursive(
    comparisons,
    lambda inner: st.tuples(st.sampled_from((sp.And, sp.Or)), inner, inner).map(
        lambda t: t[0](t[1], t[2])
    ),
    max_leaves=3,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(conditions, min_size=1, max_size=4), st.booleans())
def test_minimal_conditions_take_the_same_elements(conds: list[sp.Basic], last: bool) -> None:
    branches = [Branch(sp.Integer(i), c) for i, c in enumerate(conds)]
    if last:
        branches.append(Branch(sp.Integer(len(conds)), sp.true))
    out = _minimal_conditions(branches)
    points = [r.rhs if r.lhs == X else r.lhs for c in conds for r in relationals(c) or []]
    xs = _probe(points or [sp.S.Zero])
    before = [None if i is None else branches[i].expr for i in _first_match(branches, xs)]
    after = [None if i is None else out[i].expr for i in _first_match(out, xs)]
    assert before == after
    sizes = {b.expr: len(relationals(b.cond) or ()) for b in out}
    for b in branches:
        if b.expr in sizes:
            assert sizes[b.expr] <= len(relationals(b.cond) or ())


def test_implied_comparisons_go() -> None:
    """relu6 as SymPy lifts it: (x >= 6) & (x > 0) is x >= 6, and the last branch is True."""
    lifted = [
        Branch(sp.Integer(6), sp.And(X >= 6, X > 0)),
        Branch(sp.S.Zero, X <= 0),
        Branch(X, sp.true),
    ]
    assert [b.cond for b in _minimal_conditions(lifted)] == [X >= 6, X <= 0, sp.true]


def test_neighbouring_floats_are_distinct_cells() -> None:
    """threshold': x ≤ 9.999999999999999e-7 and x ≥ 1.0000000000000002e-6 leave the one
    point between them (10⁻⁶, which no float is) to neither: both comparisons stay."""
    below = sp.Float(np.nextafter(1e-6, 0), 17)
    above = sp.Float(np.nextafter(1e-6, 1), 17)
    conds = [below >= X, above <= X]
    cells = cells_of(conds)
    assert cells is not None and len(cells.points) == 2
    taken = disjoint(cells, conds)
    left = (True,) * len(cells.samples)
    assert minimal(cells, left, taken[0], conds[0]) == conds[0]


def test_huge_thresholds_compare_exactly() -> None:
    """A tail at −5.63·10¹⁶⁰ keeps its branch (a sample below it compared as floats would
    round onto it)."""
    t = sp.Float(-5.63e160, 17)
    branches = [Branch(sp.S.Zero, t > X), Branch(sp.S.One, X < 0), Branch(sp.Integer(2), sp.true)]
    assert [b.cond for b in _minimal_conditions(branches)] == [t > X, X < 0, sp.true]
