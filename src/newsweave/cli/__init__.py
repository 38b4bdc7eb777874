"""The command-line interface: a thin shell over :mod:`newsweave` (the library) and the store queries."""

from __future__ import annotations

from ._main import cli, main
from . import _commands, _outputs  # noqa: F401,E402  (register the commands on `cli`)

__all__ = ["cli", "main"]
