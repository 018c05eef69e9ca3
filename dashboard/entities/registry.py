"""Backends by name: the shipped CRF is `crf`; a stronger tagger can be registered.

    from dashboard.entities.registry import register_backend
    register_backend("mybert", lambda: MyBertBackend())   # any object with Backend's methods

`get_backend()` builds a backend once and keeps it (model loading is the slow part).
The environment variable `MARSAD_NER_BACKEND` picks the default by name.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from dashboard.entities.mention import Backend

DEFAULT_BACKEND = "crf"
ENV_VAR = "MARSAD_NER_BACKEND"


def _crf() -> Backend:
    from dashboard.entities.crf import CrfBackend

    return CrfBackend()


_FACTORIES: dict[str, Callable[[], Backend]] = {"crf": _crf}
_INSTANCES: dict[str, Backend] = {}


def register_backend(name: str, factory: Callable[[], Backend]) -> None:
    """Make `factory()` available as backend `name` (replacing any earlier one)."""
    _FACTORIES[name] = factory
    _INSTANCES.pop(name, None)


def available_backends() -> list[str]:
    """Registered backend names, sorted."""
    return sorted(_FACTORIES)


def get_backend(name: str | None = None) -> Backend:
    """The backend called `name` (default: $MARSAD_NER_BACKEND, else `crf`), built once."""
    name = name or os.environ.get(ENV_VAR) or DEFAULT_BACKEND
    if name not in _FACTORIES:
        raise KeyError(f"unknown entity backend {name!r}; known: {available_backends()}")
    if name not in _INSTANCES:
        _INSTANCES[name] = _FACTORIES[name]()
    return _INSTANCES[name]
