"""Evaluation methods, registered by name. Importing this package registers the built-ins."""

from planeval.methods import cagr_ratio as _cagr_ratio  # noqa: F401  (registers itself)
from planeval.methods import escap as _escap  # noqa: F401  (registers itself)
from planeval.methods import time_progress as _time_progress  # noqa: F401  (registers itself)
from planeval.methods import trend_shortfall as _trend_shortfall  # noqa: F401  (registers itself)
from planeval.methods import unsd_projection as _unsd_projection  # noqa: F401  (registers itself)
from planeval.methods.registry import Method, available_methods, get_method, register

__all__ = ["Method", "available_methods", "get_method", "register"]
