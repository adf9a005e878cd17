"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

EXAMPLE_DIR = Path(__file__).parent.parent / "examples" / "cn-14th-fyp"


@pytest.fixture
def example_dir() -> Path:
    """The real 14th Five-Year Plan example folder (indicators, observations, annual targets)."""
    return EXAMPLE_DIR
