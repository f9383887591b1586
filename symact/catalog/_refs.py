"""Framework names shared by many declarations (data, not logic)."""

from __future__ import annotations

from symact.declare import FrameworkName, Number


def torch(
    name: str,
    note: str = "",
    gradient_at: dict[Number, Number] | None = None,
    **defaults: Number | bool | None,
) -> FrameworkName:
    """`torch.nn.functional.<name>` with its defaults."""
    return FrameworkName(
        "pytorch", f"torch.nn.functional.{name}", defaults, note, gradient_at or {}
    )


def keras(name: str, note: str = "", **defaults: Number | bool | None) -> FrameworkName:
    """`keras.activations.<name>` with its defaults."""
    return FrameworkName("keras", f"keras.activations.{name}", defaults, note)


def jax(
    name: str,
    note: str = "",
    gradient_at: dict[Number, Number] | None = None,
    **defaults: Number | bool | None,
) -> FrameworkName:
    """`jax.nn.<name>` with its defaults."""
    return FrameworkName("jax", f"jax.nn.{name}", defaults, note, gradient_at or {})
