"""Commands that fill and read the store: ingest, run, articles, show, rejections, events, stories."""

from __future__ import annotations

import sys
from typing import Any

import click

from ._main import DB_OPTION, cli, echo_json, err, example, open_db

SEGMENT_MARKS = {
    "title": "T",
    "body": " ",
    "boilerplate": "B",
    "caption": "C",
    "metadata": "M",
    "related": "R",
    "commentary": "!",
}


def _messages(quiet: bool) -> dict[str, Any]:
    """Where a run's messages go. Quiet: the problems (rejected inputs, failed events) still print, since they
    are the errors; the progress bars and the stages' reports do not."""
    return {"on_message": None if quiet else err, "on_warning": err, "show_progress": False if quiet else None}


def _summarise(stats: dict) -> None:
    for stage, s in stats.items():
        parts = ", ".join(f"{k} {v}" for k, v in s.items() if k != "seconds")
        err(f"{stage:>8}: {parts} ({s.get('seconds', 0):.2f}s)")


def _exit_for(stats: dict) -> None:
    ing = stats.get("ingest", {})
    if ing.get("documents", 0) == 0:
        err("error: nothing could be ingested")
        sys.exit(1)


@cli.command(epilog=example("newsweave ingest ../shared/seeds examples/ --db news.db"))
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only print errors.")
def ingest(paths: tuple[str, ...], db: str, quiet: bool) -> None:
    """Ingest files and folders (text, HTML, JSON/JSONL, WARC, RSS/Atom) and clean them.

    Bad inputs are reported and recorded as rejections; the run goes on. The exit status is non-zero only when
    nothing could be ingested.
    """
    with open_db(db) as nw:
        stats = nw.ingest(paths, **_messages(quiet))
        if not quiet:
            _summarise(stats)
    _exit_for(stats)


@cli.command(epilog=example("newsweave run examples/demo --db demo.db"))
@click.argument("paths", nargs=-1)
@DB_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Only print errors.")
def run(paths: tuple[str, ...], db: str, quiet: bool) -> None:
    """Ingest PATHS (optional) and run every stage: clean, dedup, events, extract, compare."""
    with open_db(db) as nw:
        stats = nw.run(paths, **_messages(quiet))
        if not quiet:
            _summarise(stats)
            n_art = nw.store.count("articles")
            n_ev = nw.store.count("events")
            n_st = nw.store.count("stories")
            n_cg = nw.store.count("copy_groups")
            click.echo(f"{n_art} articles, {n_cg} copy groups, {n_ev} events in {n_st} stories -> {db}")
            for ev in nw.events():
                click.echo(f"  {ev.id}  {ev.date or '----------'}  {len(ev.article_ids):>3} art.  {ev.title[:80]}")
    if paths:
        _exit_for(stats)


@cli.command(epilog=example("newsweave articles --outlet BBC --json"))
@DB_OPTION
@click.option("--outlet", help="Only this outlet.")
@click.option("--limit", type=int, default=0, help="At most this many (0: all).")
@click.option("--json", "as_json", is_flag=True, help="JSON instead of a table.")
def articles(db: str, outlet: str | None, limit: int, as_json: bool) -> None:
    """List ingested articles."""
    with open_db(db) as nw:
        rows = []
        for i, a in enumerate(nw.store.articles(outlet=outlet)):
            if limit and i >= limit:
                break
            rows.append(
                {"id": a.id, "published": a.published, "outlet": a.outlet, "wire": a.wire, "title": a.title, "path": a.path}
            )
    if as_json:
        echo_json(rows)
        return
    for r in rows:
        click.echo(f"{r['id']}  {r['published'] or '----------'}  {(r['outlet'] or '-')[:16]:<16}  {(r['title'] or '')[:70]}")


@cli.command(epilog=example("newsweave show 3f2a9c --db news.db"))
@click.argument("article_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="JSON with segments instead of marked text.")
def show(article_id: str, db: str, as_json: bool) -> None:
    """Show an article's text with its labelled lines (id prefixes are accepted).

    Marks: T title, B boilerplate, C caption, M metadata, R related, ! commentary, blank = body.
    """
    with open_db(db) as nw:
        a = nw.article(article_id)
    if as_json:
        echo_json({"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "wire": a.wire,
                   "segments": [s.as_dict() | {"text": a.raw_text[s.start:s.end]} for s in a.segments]})
        return
    click.echo(f"{a.id}  {a.outlet or '-'}  {a.published or '-'}  wire={a.wire or '-'}  {a.path or a.url or ''}")
    click.echo(f"title: {a.title}")
    click.echo("")
    for s in a.segments:
        mark = SEGMENT_MARKS.get(s.kind, "?")
        for line in a.raw_text[s.start : s.end].splitlines() or [""]:
            if line.strip():
                click.echo(f"{mark} {s.kind[:4]:<4} | {line.strip()}")


@cli.command(epilog=example("newsweave rejections --db news.db"))
@DB_OPTION
def rejections(db: str) -> None:
    """List inputs that could not be ingested, with the reason."""
    with open_db(db) as nw:
        for r in nw.rejections():
            click.echo(r.message())


@cli.command(epilog=example("newsweave events --json"))
@DB_OPTION
@click.option("--json", "as_json", is_flag=True, help="Full JSON rows (as `export --what events`).")
def events(db: str, as_json: bool) -> None:
    """List events, oldest first, with their article count and story."""
    with open_db(db) as nw:
        if as_json:
            from ..report.events_export import event_rows

            echo_json(list(event_rows(nw.store)))
            return
        for ev in nw.events():
            click.echo(
                f"{ev.id}  {ev.date or '----------'} ({ev.date_precision:<7})  {len(ev.article_ids):>3} art.  "
                f"story {ev.story_id or '-'}  {ev.title[:70]}"
            )


@cli.command(epilog=example("newsweave stories"))
@DB_OPTION
def stories(db: str) -> None:
    """List story threads and their events."""
    with open_db(db) as nw:
        evs = {e.id: e for e in nw.events()}
        for st in nw.stories():
            click.echo(f"{st.id}  {st.title[:90]}")
            for eid in st.event_ids:
                e = evs.get(eid)
                if e:
                    click.echo(f"    {e.id}  {e.date or '----------'}  {e.title[:80]}")
