"""Fixtures shared by the ingest tests."""

from __future__ import annotations

import pytest

import newsweave.ingest._read as reader


@pytest.fixture
def no_whole_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail (the file becomes an "unexpected error" rejection) if a file goes through the whole-file reader."""

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise AssertionError("read whole")

    monkeypatch.setattr(reader, "_read_bytes", refuse)
