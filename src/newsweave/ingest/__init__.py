"""Ingest: read any pile of news (plain text, HTML, JSON/JSONL records, WARC, RSS/Atom) into RawDocuments.

Bad input never raises out of :func:`read_path`: it comes back as a :class:`~newsweave.models.Rejection`
naming the file, the record and the reason, so one broken file cannot stop a run.
"""

from __future__ import annotations

from ._detect import FORMATS, detect_format
from ._read import document_id, iter_files, read_file, read_path

__all__ = ["FORMATS", "read_path", "read_file", "iter_files", "detect_format", "document_id"]
