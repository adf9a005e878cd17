"""The registry of evaluation methods: each a pure function ``(case, settings) -> result``.

Built-in methods register themselves with :func:`register` on import, the same way a later
method would; :func:`get_method` looks one up by name.
"""

from __future__ import annotations

from collections.abc import Callable

from planeval.domain.case import Case
from planeval.domain.result import IndicatorResult
from planeval.domain.settings import EvaluationSettings
from planeval.errors import MethodError

Method = Callable[[Case, EvaluationSettings], IndicatorResult]

_METHODS: dict[str, Method] = {}


def register(name: str) -> Callable[[Method], Method]:
    """Decorator: register ``function`` as the evaluation method ``name``.

    Raises:
        ValueError: ``name`` is already registered to another function.
    """

    def decorate(function: Method) -> Method:
        if _METHODS.get(name, function) is not function:
            raise ValueError(f"evaluation method {name!r} is already registered")
        _METHODS[name] = function
        return function

    return decorate


def get_method(name: str) -> Method:
    """The method registered as ``name``.

    Raises:
        MethodError: no such method; the message lists the registered names.
    """
    try:
        return _METHODS[name]
    except KeyError:
        raise MethodError(f"unknown method {name!r}; available: {', '.join(available_methods())}") from None


def available_methods() -> list[str]:
    """The registered method names, sorted."""
    return sorted(_METHODS)
