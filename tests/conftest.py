"""Shared fixtures: where the real seed articles and the labelled evaluation corpora live (outside the repo)."""

from __future__ import annotations

from pathlib import Path

import pytest

_SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _shared_dir(name: str) -> Path:
    path = _SHARED / name
    if not path.is_dir():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return _shared_dir("seeds")


@pytest.fixture(scope="session")
def eval_dir() -> Path:
    return _shared_dir("eval")
