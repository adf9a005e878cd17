"""Key tasks and major projects of a plan, with the departments' progress updates."""
