"""Placeholder."""

from symact.declare import Activation

DECLARED: tuple[Activation, ...] = ()
