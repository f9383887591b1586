"""Analysis: every derived fact about an activation, with its provenance.

```python
from symact.analysis import analyse
facts = analyse(symact.get("silu"))
facts["minimum"]    # Fact(value=-0.278…, exact='-(LambertW(exp(-1)) + 1)*…', how='exact')
```

Facts are computed at the default parameters, cached on disk (see
[`cache`][symact.analysis.cache]) and listed in
[`FACT_NAMES`][symact.analysis.facts.FACT_NAMES].
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

from symact.analysis import cache as _cache
from symact.analysis.budget import inline
from symact.analysis.facts import FACT_NAMES, Analysis, Fact, General, undetermined
from symact.analysis.serial import dump_expr, load_expr
from symact.declare import Activation

__all__ = ["FACT_NAMES", "Analysis", "Fact", "analyse", "analyse_many"]

#: Seconds one whole analysis may take by default; the facts it has not reached by then are
#: reported undetermined.
TOTAL = 240.0


def analyse(
    act: Activation, *, eps: float = 0.01, cache: bool = True, budget: float = TOTAL
) -> Analysis:
    """All facts about `act` at its default parameters; `eps` is the saturation slope.

    The analysis may take `budget` seconds of wall time (`TOTAL` by default). The facts it has
    not reached by then are undetermined ("the analysis ran out of its N s budget before this
    fact"); those it has are kept. Only a complete analysis is cached.
    """
    if not 0 < eps < 1:
        raise ValueError(f"eps must be between 0 and 1, not {eps}")
    if not 0 < budget < float("inf"):
        raise ValueError(f"the budget must be a positive number of seconds, not {budget}")
    expr = act.at()
    k = _cache.key(expr, eps)
    if cache:
        hit = _cache.load(k, shape=_cache.ENTRY)
        if hit is not None:
            try:
                loaded = _cache.from_entry(hit, act, eps)
            except (KeyError, TypeError, ValueError):
                pass  # an unreadable or foreign entry is a miss: recompute and overwrite
            else:
                return _with_general(act, loaded, cache)
    from symact.analysis.derive import derive_facts  # only on a cache miss: it is slow to import

    start = time.perf_counter()
    # derive_facts fills these as it goes: what it finished before running out of time stays.
    facts: dict[str, Fact] = {}
    derivs: dict[int, sp.Expr] = {}
    work = partial(derive_facts, expr, act.x, eps, facts, derivs)
    out = inline(budget, work, f"analysis of {act.name}")
    if out.ok and out.value is not None:
        facts, derivs = out.value
    else:
        from symact.analysis.derive import name_methods

        if out.timed_out:
            reason = f"the analysis ran out of its {budget:g} s budget before this fact"
        else:
            reason = out.reason or "the analysis failed"
        facts, derivs = dict(facts), dict(derivs)  # no longer written to
        name_methods(facts)
        for n in FACT_NAMES:
            facts.setdefault(n, undetermined(reason))
    ordered = {n: facts[n] for n in FACT_NAMES if n in facts}
    result = Analysis(act.name, eps, ordered, derivs, time.perf_counter() - start)
    if cache and out.ok:
        _cache.store(k, _cache.entry(result))
    return _with_general(act, result, cache)


#: Seconds for the facts for every parameter value of one activation (each of their steps
#: has its own budget, `general.STEP`).
GENERAL_BUDGET = 60.0


def _with_general(act: Activation, result: Analysis, cache: bool) -> Analysis:
    """`result` with each fact's form for every parameter value, where one is derived."""
    if not act.params:
        return result
    domains = repr([(p.name, p.positive, p.nonnegative, p.above) for p in act.params])
    k = _cache.key(act.expr, result.eps, f"general {domains}")
    names = {"x", "y", "k", "epsilon", *act.symbols}
    general = _load_general(k, names) if cache else None
    if general is None:
        from symact.analysis.general import general_facts

        out = inline(
            GENERAL_BUDGET,
            partial(general_facts, act, result.facts, result.eps),
            f"facts of {act.name} for every parameter value",
        )
        general = out.value if out.ok and out.value is not None else {}
        if cache and out.ok:
            _cache.store(k, {n: _dump_general(g) for n, g in general.items()}, kind="general")
    facts = {n: replace(f, general=general.get(n)) for n, f in result.facts.items()}
    return replace(result, facts=facts)


def _dump_general(g: General) -> dict[str, object]:
    value: object = g.value
    if isinstance(g.value, sp.Basic):
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
            value = load_expr(v["expr"], names=names) if isinstance(v, dict) else v
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
    "value": (str, bool, type(None), {"expr": str}),
    "assumptions": str,
    "how": str,
    "note": str,
}


def _one(args: tuple[Activation, float, bool]) -> Analysis:
    act, eps, cache = args
    return analyse(act, eps=eps, cache=cache)


def analyse_many(
    acts: Iterable[Activation], *, eps: float = 0.01, cache: bool = True, jobs: int | None = None
) -> list[Analysis]:
    """Analyse several activations, in `jobs` worker processes (default: every core)."""
    todo = [(a, eps, cache) for a in acts]
    jobs = jobs or os.cpu_count() or 1
    if jobs == 1 or len(todo) < 2:
        return [_one(t) for t in todo]
    with ProcessPoolExecutor(jobs) as pool:
        return list(pool.map(_one, todo))
