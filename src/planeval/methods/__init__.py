"""Evaluation methods, registered by name. Importing this package registers the built-ins."""

from planeval.methods import time_progress as _time_progress  # noqa: F401  (registers itself)
from planeval.methods.registry import Method, available_methods, get_method, register

__all__ = ["Method", "available_methods", "get_method", "register"]
