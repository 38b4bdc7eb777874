"""Commands that produce outputs: export, brief, audit, eval, serve."""

from __future__ import annotations

import importlib
import sys

import click

from ._main import DB_OPTION, cli, echo_json, err, example, open_db

EXPORT_WHAT = ("articles", "events", "claims", "quotes", "acled", "geojson", "records")
EXPORT_FORMATS = ("jsonl", "json", "csv", "parquet", "geojson")


@cli.command(
    epilog=example("newsweave export --what events --format jsonl -o events.jsonl"),
)
@DB_OPTION
@click.option("--what", type=click.Choice(EXPORT_WHAT), default="articles", show_default=True)
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), help="Default: jsonl (csv for acled, geojson for geojson).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, writable=True), help="File (default: stdout).")
def export(db: str, what: str, fmt: str, out: str | None) -> None:
    """Export articles, events, claims, quotes, ACLED-style events, GeoJSON or event records.

    `--what acled` writes the ACLED-compatible event CSV; `--what geojson` a FeatureCollection of event points;
    `--what records` every extracted field of each event with its evidence (JSONL or JSON).
    """
    from ..report.exports import export as do_export
    from ..report.exports import formats_for

    fmt = fmt or formats_for(what)[0]
    if fmt == "parquet" and not out:
        raise click.UsageError("Parquet is binary: give -o FILE")
    with open_db(db) as nw:
        if out:
            with open(out, "wb") as fh:
                do_export(nw.store, what, fmt, fh)
            err(f"wrote {what} ({fmt}) to {out}")
        else:
            do_export(nw.store, what, fmt, sys.stdout.buffer)
            sys.stdout.flush()


@cli.command(epilog=example("newsweave brief --format html -o briefing.html"))
@click.argument("event_id", required=False)
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(("md", "html")), default="md", show_default=True)
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False, writable=True), help="File (default: stdout).")
def brief(event_id: str | None, db: str, fmt: str, out: str | None) -> None:
    """Write a briefing with citations: per story its events, per event what sources agree and disagree on."""
    from ..report.briefing import briefing

    with open_db(db) as nw:
        text = briefing(nw.store, event_id=event_id, fmt=fmt)
    if out:
        with open(out, "w", encoding="utf-8") as fh:
            fh.write(text)
        err(f"wrote {out}")
    else:
        click.echo(text)


@cli.command(epilog=example("newsweave audit --db news.db"))
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
def audit(db: str, as_json: bool) -> None:
    """Check that every generated sentence and field value is supported by the span it cites."""
    from ..audit import audit as do_audit

    with open_db(db) as nw:
        problems = do_audit(nw.store)
    if as_json:
        echo_json(problems)
    else:
        for p in problems:
            click.echo(f"UNSUPPORTED {p}")
        click.echo(f"{len(problems)} unsupported item(s)")
    if problems:
        sys.exit(1)


SCORERS = {
    "clustering": "clustering",
    "dates": "dates",
    "places": "places",
    "quotes": "quotes",
    "event-types": "event_types",
}


@cli.command(
    name="eval",
    epilog=example("newsweave eval clustering ../shared/eval/clustering/gva-a.jsonl --json"),
)
@click.argument("task", type=click.Choice(sorted(SCORERS)))
@click.argument("path", type=click.Path(exists=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object (key `score` is the headline metric).")
def eval_(task: str, path: str, as_json: bool) -> None:
    """Score the real pipeline on a labelled file: clustering, dates, places, quotes or event-types."""
    mod = importlib.import_module(f"newsweave.scoring.{SCORERS[task]}")
    result = mod.evaluate(path)
    if as_json:
        click.echo(__import__("json").dumps(result, ensure_ascii=False, default=str))
        return
    for k, v in result.items():
        if isinstance(v, (dict, list)):
            continue
        click.echo(f"{k:>20}: {v:.4f}" if isinstance(v, float) else f"{k:>20}: {v}")


@cli.command(epilog=example("newsweave serve --db news.db --port 8000"))
@DB_OPTION
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback by default.")
@click.option("--port", default=8000, show_default=True, type=int)
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes (one per core serves most).")
@click.option("--access-log/--no-access-log", default=False, show_default=True, help="Log every request.")
@click.option("--tiles", "tiles", metavar="URL", default=None,
              help="Put the event map on raster tiles from URL, a template with {z}, {x} and {y} "
                   "(default: the NEWSWEAVE_MAP_TILE_URL setting; none: an offline map).")
@click.option("--tiles-attribution", metavar="TEXT", default=None, help="Credit line for the tiles.")
def serve(
    db: str, host: str, port: int, workers: int, access_log: bool, tiles: str | None, tiles_attribution: str | None
) -> None:
    """Serve the web app and REST API (needs the `web` extra)."""
    import os

    from ..errors import require
    from ..store import SQLiteStore

    uvicorn = require("uvicorn", "web")
    if tiles:
        from ..web._map import tile_origin

        try:
            tile_origin(tiles)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--tiles") from exc
    # Create or migrate the store once, here, rather than racing in every worker process.
    SQLiteStore(db).close()
    opts = {"host": host, "port": port, "log_level": "info", "access_log": access_log}
    if workers > 1:
        # Worker processes build their app from the environment (newsweave.web.app_from_env).
        os.environ["NEWSWEAVE_DB"] = os.path.abspath(db)
        if tiles is not None:
            os.environ["NEWSWEAVE_MAP_TILE_URL"] = tiles
        if tiles_attribution is not None:
            os.environ["NEWSWEAVE_MAP_TILE_ATTRIBUTION"] = tiles_attribution
        uvicorn.run("newsweave.web:app_from_env", factory=True, workers=workers, **opts)
        return
    from ..web import create_app, tune_gc

    app = create_app(db, tile_url=tiles, tile_attribution=tiles_attribution)
    tune_gc()
    uvicorn.run(app, **opts)
