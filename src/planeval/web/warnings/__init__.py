"""The early-warnings page of a plan: indicators, key tasks and departments' reports to act on."""
