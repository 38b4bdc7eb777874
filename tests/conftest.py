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


@pytest.fixture
def power_cut(monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201 - returns the function below
    """``power_cut(obj, name, call)``: ``obj.name`` raises RuntimeError("power cut") on its ``call``-th call
    (the calls before go through), as a crash mid-run would; returns the real method, to put back."""

    def cut(obj: object, name: str, call: int):  # noqa: ANN202
        real = getattr(obj, name)
        calls = {"n": 0}

        def flaky(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            calls["n"] += 1
            if calls["n"] == call:
                raise RuntimeError("power cut")
            return real(*args, **kwargs)

        monkeypatch.setattr(obj, name, flaky)
        return real

    return cut
