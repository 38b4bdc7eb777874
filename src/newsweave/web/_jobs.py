"""Uploads: size-limited, type-checked, stored under a server-chosen name, ingested in the background.

With ``serve --workers N`` every worker is a process of its own: a job started by one is polled through any
of them, and two of them must not run the pipeline on one store at once. So each job is also written to a
small JSON file, and pipeline runs (uploads and corrections) take a file lock, both in a private directory
next to the store (``news.db-jobs/``).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any, Iterator

from ..errors import NewsweaveError

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: one worker process, the thread lock suffices
    fcntl = None  # type: ignore[assignment]

__all__ = ["start_ingest", "pipeline_lock", "load_job"]

_LOCK = threading.Lock()
_JOB_ID = re.compile(r"[0-9a-f]{12}")


def _shared_dir(db: str) -> Path | None:
    """The directory the worker processes serving ``db`` share, next to it like SQLite's -wal and -shm files
    (None for an in-memory store)."""
    if db == ":memory:":
        return None
    path = Path(db).resolve()
    d = path.parent / f"{path.name}-jobs"
    d.mkdir(mode=0o700, exist_ok=True)
    if hasattr(os, "getuid") and d.stat().st_uid != os.getuid():
        raise NewsweaveError(f"{d} belongs to another user")
    return d


@contextlib.contextmanager
def pipeline_lock(db: str) -> Iterator[None]:
    """One pipeline run at a time on a store, across threads and worker processes."""
    with _LOCK:
        d = _shared_dir(db)
        if d is None or fcntl is None:
            yield
            return
        with open(d / "run.lock", "a+") as fh:
            fcntl.flock(fh, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fh, fcntl.LOCK_UN)


def _save(app: Any, job: dict[str, Any]) -> None:
    d = _shared_dir(app.state.nw.store.path)
    if d is None:
        return
    tmp = d / f"{job['id']}.json.tmp-{os.getpid()}-{threading.get_ident()}"
    tmp.write_text(json.dumps(job, default=str))
    os.replace(tmp, d / f"{job['id']}.json")


def load_job(app: Any, job_id: str) -> dict[str, Any] | None:
    """A job of this process, or one another worker process started on the same store."""
    job = app.state.jobs.get(job_id)
    if job is not None or not _JOB_ID.fullmatch(job_id):
        return job
    d = _shared_dir(app.state.nw.store.path)
    try:
        return json.loads((d / f"{job_id}.json").read_text()) if d is not None else None
    except (OSError, ValueError):
        return None


def _suffix(filename: str) -> str:
    from ._app import UPLOAD_SUFFIXES

    name = (filename or "").lower()
    for suf in sorted(UPLOAD_SUFFIXES, key=len, reverse=True):
        if name.endswith(suf):
            return suf
    raise NewsweaveError(f"unsupported file type; upload one of {', '.join(UPLOAD_SUFFIXES)}")


def _sniff_ok(head: bytes) -> bool:
    """Refuse obvious binaries (executables, images, archives other than gzip) before they are stored."""
    if head.startswith(b"\x1f\x8b"):
        return True
    bad = (b"MZ", b"\x7fELF", b"\x89PNG", b"\xff\xd8\xff", b"PK\x03\x04", b"%PDF", b"GIF8")
    return not any(head.startswith(b) for b in bad) and b"\x00" not in head[:4096]


async def start_ingest(app: Any, upload: Any, background: Any) -> dict[str, Any]:
    from ._app import MAX_UPLOAD_BYTES

    suffix = _suffix(upload.filename or "")
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise NewsweaveError(f"file too large (limit {MAX_UPLOAD_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise NewsweaveError("empty file")
    if not _sniff_ok(data[:4096]):
        raise NewsweaveError("binary file refused: upload text, HTML, JSON, feeds or WARC")
    if app.state.upload_dir is None:
        app.state.upload_dir = tempfile.mkdtemp(prefix="newsweave-uploads-")
    job_id = uuid.uuid4().hex[:12]
    # The client's file name never reaches the filesystem: the server picks the name.
    path = Path(app.state.upload_dir) / f"{job_id}{suffix}"
    path.write_bytes(data)
    job = {"id": job_id, "status": "queued", "filename": (upload.filename or "")[:200], "messages": [], "stats": None}
    app.state.jobs[job_id] = job
    _save(app, job)
    background.add_task(_run, app, job, str(path))
    return job


def _run(app: Any, job: dict[str, Any], path: str) -> None:
    nw = app.state.nw

    def message(m: str) -> None:
        job["messages"].append(m)
        _save(app, job)

    try:
        with pipeline_lock(nw.store.path):
            job["status"] = "running"
            _save(app, job)
            stats = nw.run([path], show_progress=False, on_message=message)
        job["stats"] = stats
        job["status"] = "done" if stats.get("ingest", {}).get("documents", 0) else "rejected"
    except Exception as exc:  # noqa: BLE001 - a failed job is reported to its page, never crashes the server
        job["status"] = "failed"
        job["messages"].append(f"{type(exc).__name__}: {exc}")
    _save(app, job)
