"""The stage runner.

A pipeline is a list of named :class:`Stage` values, each declaring which store collections it reads and
writes (spaCy-style). Stages never import each other: they communicate only through the store, so any stage
can be re-run on its own, and a run that stops half-way resumes where the store says it stopped.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import sys
import time
from pathlib import Path
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator, Sequence, TypeVar

from .errors import PipelineError
from .settings import Settings, load_settings

if TYPE_CHECKING:  # pragma: no cover
    from .store import Store

__all__ = ["Stage", "Context", "Pipeline", "default_stages", "progress", "fingerprint", "Reuse"]

log = logging.getLogger("newsweave")
T = TypeVar("T")


def progress(items: Iterable[T], *, total: int | None = None, desc: str = "", enabled: bool | None = None) -> Iterator[T]:
    """Wrap ``items`` in a progress bar when attached to a terminal (tqdm), else pass through."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield from items
        return
    from tqdm import tqdm

    yield from tqdm(items, total=total, desc=desc, unit="doc", leave=False, file=sys.stderr)


@functools.lru_cache(maxsize=1)
def _code_fingerprint() -> str:
    """newsweave's own code and data files, Python's version and the installed libraries' versions, hashed
    (once per process, ~0.1 s): any change to them makes every fingerprint new."""
    import importlib.metadata

    h = hashlib.sha256(sys.version.encode())
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for dist in sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()):
        h.update(dist.encode())
    return h.hexdigest()


def fingerprint(*parts: str) -> str:
    """A hash of a stage's inputs for one item and of the code that turns them into its output: a stage may
    keep an item's stored output when its fingerprint is the one it was built from (a correction then
    re-extracts the few events it touched, not all of them; re-running on unchanged input redoes nothing)."""
    h = hashlib.sha256(_code_fingerprint().encode())
    for part in parts:
        h.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


class Reuse:
    """Which of a stage's stored outputs may be kept: store state ``key`` maps each item id to the
    ``[fingerprint, *extras]`` it was built from. :meth:`kept` carries an unchanged item over into ``current``;
    the stage adds what it rebuilt and :meth:`save` writes ``current`` back, dropping items gone since."""

    def __init__(self, store: "Store", key: str, stored: set[str]) -> None:
        self.store, self.key, self.stored = store, key, stored
        self.built: dict[str, list[Any]] = store.get_state(key, {})
        self.current: dict[str, list[Any]] = {}

    def kept(self, item_id: str, fp: str) -> list[Any] | None:
        """The recorded ``[fingerprint, *extras]`` when ``item_id``'s output is stored and built from ``fp``."""
        entry = self.built.get(item_id)
        if item_id in self.stored and entry and entry[0] == fp:
            self.current[item_id] = entry
            return entry
        return None

    def save(self) -> None:
        self.store.set_state(self.key, self.current)


@dataclass
class Context:
    """What a stage gets: the store, the settings, the run's inputs and a place to report."""

    store: "Store"
    settings: Settings = field(default_factory=load_settings)
    inputs: Sequence[str] = ()
    show_progress: bool | None = None
    stats: dict[str, Any] = field(default_factory=dict)
    on_message: Callable[[str], None] | None = None
    # Where problems go (a rejected input, an event that failed): ``on_message`` when unset. Kept apart so that a
    # quiet caller can take the problems and drop the progress reports.
    on_warning: Callable[[str], None] | None = None

    def say(self, message: str) -> None:
        """A progress report (what a stage did)."""
        if self.on_message is not None:
            self.on_message(message)
        else:
            log.info(message)

    def warn(self, message: str) -> None:
        """A problem the run went on past (a rejected input, an event that could not be extracted)."""
        if self.on_warning is not None:
            self.on_warning(message)
        elif self.on_message is not None:
            self.on_message(message)
        else:
            log.warning(message)

    def progress(self, items: Iterable[T], *, total: int | None = None, desc: str = "") -> Iterator[T]:
        return progress(items, total=total, desc=desc, enabled=self.show_progress)


@dataclass(frozen=True)
class Stage:
    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    run: Callable[[Context], dict[str, Any] | None]
    doc: str = ""


# What a store holds; a stage may read any of these even when the stage that writes them is not in this
# pipeline (e.g. re-running "extract" alone over a store filled earlier).
COLLECTIONS = frozenset(
    {"inputs", "documents", "rejections", "articles", "copy_groups", "events", "stories", "records", "comparisons"}
)


def _check_order(stages: Sequence[Stage]) -> None:
    """A stage may not read what only a later stage writes, nor a collection nobody knows."""
    written_later: dict[str, str] = {}
    for s in reversed(stages):
        for r in s.reads:
            if r not in COLLECTIONS and not any(r in t.writes for t in stages):
                raise PipelineError(f"stage {s.name!r} reads unknown collection {r!r}")
            if r in written_later and r not in s.writes:
                raise PipelineError(f"stage {s.name!r} reads {r!r} which the later stage {written_later[r]!r} writes")
        for w in s.writes:
            written_later[w] = s.name


def default_stages() -> list[Stage]:
    """The stages that exist, in order. Imported here, lazily, so stages stay independent of each other."""
    import importlib

    stages: list[Stage] = []
    for mod in ("ingest", "clean", "dedup", "events", "corrections", "extract", "compare"):
        try:
            m = importlib.import_module(f"newsweave.{mod}.stage")
        except ModuleNotFoundError as exc:
            if exc.name == f"newsweave.{mod}.stage":
                continue  # a stage not built yet
            raise
        stages.append(m.STAGE)
    return stages


class Pipeline:
    """Runs stages in order against one store, timing each and collecting their stats."""

    def __init__(self, stages: Sequence[Stage] | None = None) -> None:
        self.stages = list(stages if stages is not None else default_stages())
        _check_order(self.stages)

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def run(self, ctx: Context, *, only: Sequence[str] | None = None) -> dict[str, Any]:
        summary: dict[str, Any] = {}
        for stage in self.stages:
            if only is not None and stage.name not in only:
                continue
            t0 = time.perf_counter()
            result = stage.run(ctx) or {}
            result["seconds"] = round(time.perf_counter() - t0, 3)
            summary[stage.name] = result
            ctx.stats[stage.name] = result
        return summary
