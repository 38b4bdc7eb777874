from __future__ import annotations

import json
import sys
from typing import Any

import click

from .. import __version__
from ..errors import NewsweaveError
from ..settings import DEFAULT_DB

__all__ = ["cli", "main"]

DB_OPTION = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    envvar="NEWSWEAVE_DB",
    help="SQLite database file (created if missing).",
)


def example(text: str) -> str:
    """Help epilogue: every command's help ends with an example (click keeps \\b blocks verbatim)."""
    return "\b\nExample:\n  " + text


def open_db(db: str):  # noqa: ANN201
    import newsweave

    return newsweave.open(db)


def echo_json(obj: Any) -> None:
    click.echo(json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=False, default=str))


def err(message: str) -> None:
    click.echo(message, err=True)


@click.group(
    epilog=example("newsweave run ../shared/seeds && newsweave brief --format md"),
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110},
)
@click.version_option(__version__, prog_name="newsweave")
def cli() -> None:
    """newsweave: deduplicated, sourced events from a pile of news articles."""


def main() -> None:
    """Console-script entry point: library errors become one clear line and exit status 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        err("Aborted.")
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except NewsweaveError as exc:
        err(f"error: {exc}")
        sys.exit(1)
