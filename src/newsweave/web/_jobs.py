"""Uploads: size-limited, type-checked, stored under a server-chosen name, ingested in the background."""

from __future__ import annotations

import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from ..errors import NewsweaveError

__all__ = ["start_ingest"]

_LOCK = threading.Lock()


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
    background.add_task(_run, app, job, str(path))
    return job


def _run(app: Any, job: dict[str, Any], path: str) -> None:
    nw = app.state.nw
    job["status"] = "running"
    try:
        with _LOCK:
            stats = nw.run([path], show_progress=False, on_message=job["messages"].append)
        job["stats"] = stats
        job["status"] = "done" if stats.get("ingest", {}).get("documents", 0) else "rejected"
    except Exception as exc:  # noqa: BLE001 - a failed job is reported to its page, never crashes the server
        job["status"] = "failed"
        job["messages"].append(f"{type(exc).__name__}: {exc}")
