"""Readers and writers: plan folders (CSV, YAML, the printed Excel table) and observations."""

from planeval.io.folder import PlanFolder, load_plan_folder

__all__ = ["PlanFolder", "load_plan_folder"]
