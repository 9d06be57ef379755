"""What a Dask worker runs: a picklable extractor that each worker process builds once, and the
tasks of a batch done with it.

A run's `Context` (the pattern packs, 2.7 MB pickled) travels to each worker as the bytes of an
`Extractor`; the first task there that needs it loads it and jieba, and keeps it in this
process by its hash, so that a worker builds it once however many partitions it runs and
however often Dask hands it the same bytes again (each task of the processes scheduler does).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import threading
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pressmine.batch import tasks
from pressmine.text.documents import is_html

# Contexts this process built, by the hash of their bytes, and how often each was built: a cache
# that lives as long as the worker process does, which is what "once per worker" asks.
_BUILT: dict[str, tasks.Context] = {}
BUILDS: Counter[str] = Counter()
_LOCK = threading.Lock()  # a worker with several threads still builds once


class Extractor:
    """A run's `Context`, pickled as its bytes and built (with jieba loaded) on first use in each
    process. Create it where the run starts; hand it to the tasks."""

    def __init__(
        self, context: tasks.Context | None = None, data: bytes | None = None, key: str = ""
    ) -> None:
        if data is None:
            data = pickle.dumps(context, protocol=pickle.HIGHEST_PROTOCOL)
        self.data = data
        self.key = key or hashlib.sha256(data).hexdigest()
        if context is not None:
            with _LOCK:
                _BUILT.setdefault(self.key, context)  # where it was made, it is built

    @property
    def context(self) -> tasks.Context:
        """The context, built now if this process has not built it yet."""
        with _LOCK:
            context = _BUILT.get(self.key)
            if context is None:
                context = pickle.loads(self.data)
                tasks.warm_up(context)  # jieba and OpenCC, before the first document
                _BUILT[self.key] = context
                BUILDS[self.key] += 1
            return context

    def __reduce__(self) -> tuple[Any, ...]:
        return Extractor, (None, self.data, self.key)  # the key travels: no hashing there


def run(items: Iterable[tasks.Task | tasks.Part], extractor: Extractor) -> list[tasks.Part]:
    """Each task done (`tasks.run`) with the extractor's context, in order."""
    context = extractor.context
    return [tasks.run(item, context) for item in items]


def located(item: tasks.Task | tasks.Part) -> tasks.Task | tasks.Part:
    """A file to read on a worker, with where to open it there: its absolute path, since a
    worker's current folder is not this one's (its name stays as given)."""
    if isinstance(item, tasks.ReadFile) and item.file is None and not os.path.isabs(item.path):
        return replace(item, file=os.path.abspath(item.path))
    return item


def task_of(item: str | tuple[str, str] | tasks.Task | tasks.Part) -> tasks.Task | tasks.Part:
    """A task for an item of a bag or a Spark column: a path to read, or a (doc, text) pair."""
    if isinstance(item, str):
        return tasks.ReadFile(item)
    if isinstance(item, tuple):
        doc, text = item
        return tasks.Block(doc, text, 0, html=is_html(doc))
    return item
