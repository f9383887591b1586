"""Analysis: every derived fact about an activation, with its provenance.

```python
from symact.analysis import analyse
facts = analyse(symact.get("silu"))
facts["minimum"].value  # -(LambertW(exp(-1)) + 1)*sigmoid(-1 - LambertW(exp(-1))): a SymPy value
facts["minimum"].how  # 'exact'
analyse(symact.get("gelu"), facts=["range"])  # only the facts asked for
```

Facts are computed at the default parameters by the rules of [`rules`][symact.analysis._rules]
(one function per fact, run by [`engine`][symact.analysis._engine] with a budget and a store
entry each); what each fact is, and the type of its value, is in
[`FACTS`][symact.analysis._facts.FACTS].
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from typing import Any

import sympy as sp

from symact.analysis import _cache
from symact.analysis._budget import crowded, inline
from symact.analysis._facts import (
    FACT_NAMES,
    FACTS,
    Analysis,
    Asymptote,
    Breakpoint,
    DefaultDiffers,
    Ends,
    Fact,
    FactSpec,
    General,
    Monotonicity,
    Parity,
    Provenance,
    Span,
    spans,
)
from symact.analysis._same import Match, same_as
from symact.analysis._serial import dump_expr, load_expr
from symact.declare import Activation

#: The public API of the analysis: `analyse` and the types of its facts.
__all__ = [
    "FACTS",
    "FACT_NAMES",
    "Analysis",
    "Asymptote",
    "Breakpoint",
    "DefaultDiffers",
    "Ends",
    "Fact",
    "FactSpec",
    "General",
    "Match",
    "Monotonicity",
    "Parity",
    "Provenance",
    "Span",
    "analyse",
    "analyse_many",
    "same_as",
    "spans",
]

#: Seconds one whole analysis may take by default; the facts it has not reached by then are
#: reported undetermined.
TOTAL = 240.0


def analyse(
    act: Activation,
    *,
    eps: float = 0.01,
    cache: bool = True,
    budget: float = TOTAL,
    facts: Iterable[str] | None = None,
) -> Analysis:
    """The facts about `act` at its default parameters — all of them with f′, f″, f‴, or only
    those named in `facts` — where `eps` is the saturation slope.

    Each fact is derived by a rule of [`rules`][symact.analysis._rules] with its own budget and
    store entry ([`engine`][symact.analysis._engine]); the whole analysis may take `budget`
    seconds of wall time (`TOTAL` by default). A rule that runs out of time or fails leaves
    its facts, and those of the rules that need it, undetermined, with the reason.
    """
    if not 0 < eps < 1:
        raise ValueError(f"eps must be between 0 and 1, not {eps}")
    if not 0 < budget < float("inf"):
        raise ValueError(f"the budget must be a positive number of seconds, not {budget}")
    from symact.analysis import _rules as rules  # noqa: F401 - registers the rules with the engine
    from symact.analysis._engine import EXPRESSIONS, evaluate

    want = list(FACT_NAMES) if facts is None else list(dict.fromkeys(facts))
    unknown = [n for n in want if n not in FACT_NAMES]
    if unknown:
        raise ValueError(f"no such fact: {unknown[0]!r}")
    start = time.perf_counter()
    # f′, f″, f‴ come with the whole analysis; a request for some facts derives only those.
    extra = [EXPRESSIONS] if facts is None else []
    found, derivs, complete = evaluate(
        act.at(),
        act.x,
        eps,
        [*want, *extra],
        budget=budget,
        cache=cache,
        frameworks=act.frameworks,
    )
    result = Analysis(act.name, eps, found, derivs, time.perf_counter() - start)
    # What is left of the budget (the facts for every parameter value fit in it too); an
    # incomplete analysis' general facts are not stored.
    left = budget - (time.perf_counter() - start)
    return _with_general(act, result, cache and complete, left)


#: Seconds for the facts for every parameter value of one activation (each of their steps
#: has its own budget, `general.STEP`).
GENERAL_BUDGET = 60.0


def _with_general(act: Activation, result: Analysis, cache: bool, budget: float) -> Analysis:
    """`result` with each fact's form for every parameter value, where one is derived within
    `budget` seconds (at most `GENERAL_BUDGET`); none where there is no time left."""
    if not act.params:
        return result
    domains = repr([(p.name, p.positive, p.nonnegative, p.above) for p in act.params])
    k = _cache.key(act.expr, result.eps, f"general {domains}")
    names = {"x", "y", "k", "epsilon", *act.symbols}
    general = _load_general(k, names) if cache else None
    if general is None and budget < 1:
        return result
    if general is None:
        from symact.analysis._general import general_facts

        before = crowded()
        out = inline(
            min(GENERAL_BUDGET, budget),
            partial(general_facts, act, result.facts, result.eps),
            f"facts of {act.name} for every parameter value",
        )
        general = out.value if out.ok and out.value is not None else {}
        if cache and out.ok and crowded() == before:  # (see `_engine`: not when crowded)
            _cache.store(k, {n: _dump_general(g) for n, g in general.items()}, kind="general")
    facts = {n: replace(f, general=general.get(n)) for n, f in result.facts.items()}
    return replace(result, facts=facts)


#: The words a general fact may choose case by case (monotonicity by a parameter's sign).
_WORDS = frozenset(
    {"increasing", "non-decreasing", "decreasing", "non-increasing", "constant", "not monotonic"}
)


def _dump_general(g: General) -> dict[str, object]:
    value: object = g.value
    if isinstance(g.value, sp.Piecewise) and all(
        isinstance(a, sp.Symbol) and a.name in _WORDS for a, _ in g.value.args
    ):  # words are not symbols `load_expr` reads back: each case as [word, condition]
        value = {"cases": [[a.name, dump_expr(c)] for a, c in g.value.args]}
    elif isinstance(g.value, sp.Basic):
        value = {"expr": dump_expr(g.value)}
    return {"value": value, "assumptions": dump_expr(g.assumptions), "how": g.how, "note": g.note}


def _load_general(k: str, names: set[str]) -> dict[str, General] | None:
    return _parse_general(_cache.load(k, kind="general", shape={str: _GENERAL_ENTRY}), names)


def _parse_general(hit: dict[str, Any] | None, names: set[str]) -> dict[str, General] | None:
    if hit is None or not _cache.conforms(hit, {str: _GENERAL_ENTRY}):
        return None
    out = {}
    try:
        for n, d in hit.items():
            v = d["value"]
            value = v
            if isinstance(v, dict) and "cases" in v:
                cases = [(w, load_expr(c, names=names)) for w, c in v["cases"]]
                if not cases or any(w not in _WORDS for w, _ in cases):
                    return None
                value = sp.Piecewise(*((sp.Symbol(w), c) for w, c in cases))
            elif isinstance(v, dict):
                value = load_expr(v["expr"], names=names)
            if not (value is None or isinstance(value, str | bool | sp.Basic)):
                return None
            how = d["how"]
            if how not in ("exact", "undetermined"):
                return None
            out[n] = General(value, load_expr(d["assumptions"], names=names), how, d["note"])
    except (KeyError, TypeError, ValueError):
        return None  # an unreadable entry is a miss
    return out


_GENERAL_ENTRY = {
    "value": (str, bool, type(None), {"expr": str}, {"cases": [[str]]}),
    "assumptions": str,
    "how": str,
    "note": str,
}


def _one(args: tuple[Activation, float, bool]) -> dict[str, Any]:
    """One analysis in a worker, as JSON: pickling a SymPy relation re-evaluates it in the
    parent (`alpha > 0` of a positive symbol came back `True`)."""
    act, eps, cache = args
    return _cache.dump_analysis(analyse(act, eps=eps, cache=cache))


def analyse_many(
    acts: Iterable[Activation], *, eps: float = 0.01, cache: bool = True, jobs: int | None = None
) -> list[Analysis]:
    """Analyse several activations, in `jobs` worker processes (default: every core)."""
    todo = [(a, eps, cache) for a in acts]
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(todo) < 2:
        return [analyse(a, eps=e, cache=c) for a, e, c in todo]
    with ProcessPoolExecutor(jobs) as pool:
        dumped = list(pool.map(_one, todo))
    return [_cache.load_analysis(d, a) for d, (a, _, _) in zip(dumped, todo, strict=True)]
