"""The stored plan, who reports what, and the values with their workflow and history."""

from planeval.web.core.models.people import Department, Membership, Role
from planeval.web.core.models.plans import AnnualTarget, Indicator, Plan
from planeval.web.core.models.reporting import Evidence, ReportingRound, RoundState, Value, ValueState

__all__ = [
    "AnnualTarget",
    "Department",
    "Evidence",
    "Indicator",
    "Membership",
    "Plan",
    "ReportingRound",
    "Role",
    "RoundState",
    "Value",
    "ValueState",
]
