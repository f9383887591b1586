"""The fact engine: rules that derive facts, each with what it needs, its budget and its entry
in the store.

A [`Rule`][symact.analysis._engine.Rule] is a short function registered with
[`rule`][symact.analysis._engine.rule]. It names the facts it derives (`facts`, keys of
[`FACTS`][symact.analysis._facts.FACTS]), the intermediate values it hands to other rules
(`gives`: the split into pieces, f′ per piece, the limits, …) and what it reads (`needs`:
intermediates or facts). The rules live in [`rules`][symact.analysis._rules]; searching for a
fact's name there finds the one function that derives it.

[`evaluate`][symact.analysis._engine.evaluate] derives what is asked for, in dependency order:
- a rule whose facts are in the store is not run (its entry is keyed by the expression, the rule
  and — for a rule `by_eps` — ε, so `--eps` re-derives only the saturation thresholds);
- every rule run gets its own budget (its `seconds`, at most what is left of the whole
  analysis'); one that runs out of time or fails leaves only its own facts undetermined, and
  the facts of the rules that need what it would have given;
- a rule's facts are stored only when it and everything it needed completed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import sympy as sp

from symact.analysis import _cache
from symact.analysis._budget import Outcome, crowded, inline
from symact.analysis._facts import FACTS, Fact, undetermined
from symact.analysis._serial import FACT_ENTRY, dump_expr, dump_fact, load_expr, load_fact
from symact.declare import FrameworkName

__all__ = ["EXPRESSIONS", "RULES", "Given", "Rule", "entry_key", "evaluate", "rule"]

#: Seconds one rule may take by default (at most what is left of the analysis' budget).
SECONDS = 120.0


@dataclass(frozen=True)
class Given:
    """What a rule reads: the expression, its variable, ε, the values it `needs` and the
    framework names the declaration gives (for the facts read from the declaration)."""

    expr: sp.Expr
    x: sp.Symbol
    eps: float
    values: Mapping[str, Any]
    frameworks: tuple[FrameworkName, ...] = ()

    def __getitem__(self, name: str) -> Any:
        return self.values[name]


@dataclass(frozen=True)
class Rule:
    """One step of the analysis: `fn(given)` returns a value for each name in `facts` (a
    `Fact`) and `gives` (anything), and `expressions` when `derives_expressions`."""

    name: str
    fn: Callable[[Given], dict[str, Any]]
    facts: tuple[str, ...] = ()
    gives: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    seconds: float = SECONDS
    #: Whether the rule's facts depend on ε (its store entry is then keyed by ε too).
    by_eps: bool = False
    #: Whether the rule reads the declaration's framework names, not the expression (its
    #: facts are cheap and not stored: the store is keyed by the expression).
    declared: bool = False

    @property
    def stored(self) -> bool:
        """Whether the rule's results are kept in the store: only facts (and the derivatives'
        expressions) are, and not those read from the declaration; intermediates are cheap
        to recompute or not serialisable."""
        return not self.declared and (bool(self.facts) or EXPRESSIONS in self.gives)


#: The name under which the derivatives f′, f″, f‴ (an `Analysis`'s `expressions`) are given.
EXPRESSIONS = "expressions"

#: Every rule, in registration order (a rule registers after the rules it needs).
RULES: dict[str, Rule] = {}
#: The rule that derives each fact or gives each intermediate.
PROVIDER: dict[str, Rule] = {}


def rule(
    *,
    facts: tuple[str, ...] = (),
    gives: tuple[str, ...] = (),
    needs: tuple[str, ...] = (),
    seconds: float = SECONDS,
    by_eps: bool = False,
    declared: bool = False,
) -> Callable[[Callable[[Given], dict[str, Any]]], Callable[[Given], dict[str, Any]]]:
    """Register the decorated function as the rule deriving `facts` and giving `gives`."""

    def register(fn: Callable[[Given], dict[str, Any]]) -> Callable[[Given], dict[str, Any]]:
        r = Rule(fn.__name__, fn, facts, gives, needs, seconds, by_eps, declared)
        for n in facts:
            if n not in FACTS:
                raise ValueError(f"rule {r.name}: {n!r} is not a fact of FACTS")
        for n in needs:
            if n not in PROVIDER:
                raise ValueError(f"rule {r.name} needs {n!r}, which no earlier rule provides")
        for n in (*facts, *gives):
            if n in PROVIDER:
                raise ValueError(f"{n!r} is provided by {PROVIDER[n].name} and {r.name}")
            PROVIDER[n] = r
        RULES[r.name] = r
        return fn

    return register


@dataclass
class _Failed:
    """An intermediate a rule could not give, and why."""

    reason: str


@dataclass
class _Run:
    """One evaluation: the results so far, the deadline and whether each rule completed."""

    expr: sp.Expr
    x: sp.Symbol
    eps: float
    deadline: float
    budget: float
    cache: bool
    frameworks: tuple[FrameworkName, ...] = ()
    results: dict[str, Any] = field(default_factory=dict)
    #: Whether each rule evaluated so far completed, with complete inputs.
    complete: dict[str, bool] = field(default_factory=dict)
    #: The rules whose facts came from the store, and those that ran.
    loaded: set[str] = field(default_factory=set)
    ran: set[str] = field(default_factory=set)

    def value(self, name: str) -> Any:
        """A fact or intermediate, deriving it (and what it needs) if it is not known yet: an
        intermediate of a rule whose facts came from the store runs that rule after all."""
        if name not in self.results:
            self.evaluate(PROVIDER[name], use_store=name in FACTS)
        return self.results[name]

    def evaluate(self, r: Rule, *, use_store: bool = True) -> None:
        if r.name in self.ran or (use_store and r.name in self.loaded):
            return
        if use_store and self.cache and r.stored and self._load(r):
            self.loaded.add(r.name)
            self.complete[r.name] = True
            return
        self.ran.add(r.name)
        inputs = {n: self.value(n) for n in r.needs}
        missing = [(n, v) for n, v in inputs.items() if isinstance(v, _Failed)]
        complete = all(self.complete.get(PROVIDER[n].name, False) for n in r.needs)
        late = f"the analysis ran out of its {self.budget:g} s budget before this fact"
        left = self.deadline - time.perf_counter()
        if left <= 0:
            self._fail(r, late)
            return
        if missing:
            n, v = missing[0]
            self._fail(r, f"needs {n.replace('_', ' ')}, which is unknown: {v.reason}")
            return
        seconds = min(r.seconds, left)
        given = Given(self.expr, self.x, self.eps, inputs, self.frameworks)
        before = crowded()
        if r.declared:  # a comparison of declared data, linear in its size: no child needed
            out = Outcome(r.fn(given), True)
        else:
            out = inline(seconds, partial(r.fn, given), r.name.replace("_", " "))
        # A step stopped by the wall clock (a crowded machine) may have left the facts poorer
        # than they are: they are used, but not stored for the next run.
        complete = complete and crowded() == before
        if not (out.ok and isinstance(out.value, dict)):
            # Out of time: its own budget, or what was left of the analysis'.
            self._fail(r, late if out.timed_out and seconds < r.seconds else out.reason)
            return
        missing_out = [n for n in (*r.facts, *r.gives) if n not in out.value]
        if missing_out or any(not isinstance(out.value[n], Fact) for n in r.facts):
            self._fail(r, f"rule {r.name} gave no {(missing_out or r.facts)[0]}")
            return
        self.results.update(out.value)
        self.complete[r.name] = complete and self.complete.get(r.name, True)
        if self.cache and r.stored and complete:
            self._store(r)

    def _fail(self, r: Rule, reason: str) -> None:
        self.complete[r.name] = False
        for n in r.facts:
            if r.name not in self.loaded:  # facts read from the store stay
                self.results[n] = undetermined(reason)
        for n in r.gives:
            self.results[n] = _Failed(reason)

    def _key(self, r: Rule) -> str:
        return entry_key(self.expr, r.name, self.eps)

    def _load(self, r: Rule) -> bool:
        hit = _cache.load(self._key(r), shape=_ENTRY)
        if hit is None or set(hit["facts"]) != set(r.facts):
            return False
        try:
            facts = {n: load_fact(n, d) for n, d in hit["facts"].items()}
            names = {"x", "y"}
            exprs = {int(n): load_expr(t, names=names) for n, t in hit["expressions"].items()}
        except (KeyError, TypeError, ValueError):
            return False  # an unreadable entry is a miss, recomputed and overwritten
        if (EXPRESSIONS in r.gives) != bool(exprs):
            return False
        self.results.update(facts)
        if exprs:
            self.results[EXPRESSIONS] = exprs
        return True

    def _store(self, r: Rule) -> None:
        exprs = self.results.get(EXPRESSIONS, {}) if EXPRESSIONS in r.gives else {}
        entry = {
            "facts": {n: dump_fact(n, self.results[n]) for n in r.facts},
            "expressions": {str(n): dump_expr(e) for n, e in exprs.items()},
        }
        _cache.store(self._key(r), entry)


def entry_key(expr: sp.Expr, name: str, eps: float = 0.0) -> str:
    """The store key of the facts rule `name` derives about `expr` (ε counts only for a rule
    `by_eps`)."""
    return _cache.key(expr, eps if RULES[name].by_eps else 0.0, f"rule {name}")


#: The shape of a rule's store entry.
_ENTRY = {"facts": {str: FACT_ENTRY}, "expressions": {str: str}}


def evaluate(
    expr: sp.Expr,
    x: sp.Symbol,
    eps: float,
    want: Iterable[str],
    *,
    budget: float,
    cache: bool = True,
    frameworks: tuple[FrameworkName, ...] = (),
) -> tuple[dict[str, Fact], dict[int, sp.Expr], bool]:
    """The facts named in `want` about `expr` (numbers only, no free parameters) and about
    the declaration's `frameworks`, f′, f″, f‴ where `want` holds `expressions`, and whether
    every rule completed."""
    run = _Run(expr, x, eps, time.perf_counter() + budget, budget, cache, frameworks)
    names = list(want)
    if not RULES:
        raise RuntimeError("no rules registered: import symact.analysis._rules first")
    for name in names:
        if name not in PROVIDER:
            raise ValueError(f"no rule derives {name!r}")
    for r in RULES.values():  # registration order: dependencies first, cheap steps early
        if any(n in names for n in (*r.facts, *r.gives)):
            run.evaluate(r)
    facts = {n: run.results[n] for n in FACTS if n in names}
    _name_methods(facts)
    exprs = run.results.get(EXPRESSIONS)
    derivs = exprs if isinstance(exprs, dict) else {}
    return facts, derivs, all(run.complete.values())


def _name_methods(facts: dict[str, Fact]) -> None:
    """Give every numeric fact without a note its method (in place)."""
    for name, f in facts.items():
        if f.how == "numeric" and not f.note:
            facts[name] = Fact(f.value, f.how, "from numeric facts: range and extrema")
