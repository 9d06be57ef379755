"""Run a batch to its end: each finished part goes, in order, to the output, the database and the
screen; Ctrl-C and SIGTERM stop it cleanly; the result is the exit code.

What is written where is the caller's (the command line's): it hands in a `Sink` for the output,
a `ClaimStore` or None, and a `Screen` that shows progress and messages. Nothing here prints.

Ctrl-C is caught, not left to raise KeyboardInterrupt anywhere: while a part is being written
out it waits until the part is whole, so that an interrupted JSON array or CSV never holds half a
claim, and then what was finished is written, the output closed and the database committed.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import FrameType, TracebackType
from typing import Protocol

from pressmine.batch import tasks
from pressmine.batch.pool import Batch
from pressmine.io.db import ClaimStore
from pressmine.io.output import Format
from pressmine.packs.model import PackSet
from pressmine.text.decode import encoding_label


class Sink(Protocol):
    """Where claims are written: `write_part()` for each part, in order, then `close()`."""

    def write_part(self, part: tasks.Part) -> None: ...

    def close(self) -> None: ...


class Screen(Protocol):
    """What a person sees on stderr: progress and one-line messages."""

    def start(self) -> None: ...  # the first part is in: show progress from now on

    def advance(self, files: int, claims: int) -> None: ...

    def report(self, label: str, message: str) -> None: ...  # "Error:", "Note:" lines

    def stop(self) -> None: ...


class Engine(Protocol):
    """What runs the tasks, results in order: `pool.Batch`, or another engine with its
    interface (`pressmine.dask.engine.DaskBatch` runs them on a Dask cluster)."""

    def map(self, items: Iterable[tasks.Task | tasks.Part]) -> Iterator[tasks.Part]: ...

    def finished(self) -> Iterator[tasks.Part]: ...

    def close(self, abort: bool = False) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM, raised where it is safe: never halfway through writing a part."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum  # the shell's convention: 130 for Ctrl-C, 143 for SIGTERM


STDOUT_CLOSED = 128 + signal.SIGPIPE  # the exit code when the reader of stdout went away


@dataclass
class Outcome:
    """How a run ended: its exit code and what it did."""

    code: int
    files: int
    claims: int
    errors: int
    interrupted: bool


class Run:
    """One run: `Run(sink, store, screen, packs).main(items, jobs)`."""

    def __init__(
        self,
        sink: Sink | None,
        store: ClaimStore | None,
        screen: Screen,
        packs: PackSet,
        quiet: bool = False,
        fail_fast: bool = False,
        render: tasks.Render | None = None,
    ) -> None:
        self.sink = sink  # None: nothing to write (--db alone)
        # The workers render the claims for the sink; not when the store needs the claims
        # (the view's render hands them back as claims, with their text: it stays).
        if store is not None and render is not None and render.format is not Format.html:
            render = None
        self.context = tasks.Context(packs, render)
        self.store = store
        self.screen = screen
        self.quiet = quiet
        self.fail_fast = fail_fast
        self.files = self.claims = self.errors = 0
        self._document: int | None = None  # being stored
        self._signal: int | None = None  # caught, not yet raised
        self._shielded = False
        self._stopping = False

    def main(
        self,
        items: Iterable[tasks.Task | tasks.Part],
        jobs: int,
        engine: Callable[[tasks.Context], Engine] | None = None,
    ) -> Outcome:
        """Run the tasks in `jobs` processes (or on the engine `engine(context)` makes) and take
        their parts; close the sink and the store (the caller closes anything else, such as an
        atomic file, as the outcome says)."""
        interrupted: Interrupted | None = None
        try:
            batch: Engine = (
                engine(self.context)
                if engine is not None
                else Batch(tasks.run, self.context, jobs, initializer=tasks.warm_up)
            )
            with self._signals(), batch:
                completed, interrupted = self._process(batch, items)
                with self._shield():  # a second Ctrl-C does not cut the ending short
                    batch.close(abort=not completed)
                    self._finish()
        except BrokenPipeError:  # `| head`: the reader is gone, even while finishing
            if self.store is not None:
                self.store.close()
            return self._outcome(STDOUT_CLOSED, interrupted=False)
        if interrupted is not None:
            return self._outcome(interrupted.code, interrupted=True)
        return self._outcome(1 if self.errors else 0, interrupted=False)

    def _process(
        self,
        batch: Engine,
        items: Iterable[tasks.Task | tasks.Part],
    ) -> tuple[bool, Interrupted | None]:
        """Take every part; return whether all were taken, and the interruption if any."""
        try:
            for part in batch.map(items):
                self.screen.start()  # only now: the workers are forked before any thread starts
                if part.fatal:  # a bad pattern pack fails every document
                    self._fail(part.problem or "")
                    return False, None
                if not self._take(part) and self.fail_fast:
                    return False, None
            return True, None
        except Interrupted as err:
            for part in batch.finished():  # done while we waited: still in order
                self._take(part)
            return False, err
        except BrokenProcessPool:
            self._fail("a worker process died (out of memory, or killed)")
            return False, None
        finally:
            self.screen.stop()

    def _take(self, part: tasks.Part) -> bool:
        """Write out one finished part; False if it is a document's problem."""
        with self._shield():
            if part.first and part.encoding not in (None, "utf-8") and not self.quiet:
                label = encoding_label(part.encoding or "")
                self.screen.report("Note:", f"{part.path}: decoded as {label}")
            if self.sink is not None:
                self.sink.write_part(part)
            if self.store is not None:
                self._store(self.store, part)
            self.claims += part.count
            if part.problem is not None:
                self.errors += 1
                self.screen.report("Error:", f"{part.path}: {part.problem}")
            if part.last:
                self.files += 1
            self.screen.advance(self.files, self.claims)
        return part.problem is None

    def _store(self, store: ClaimStore, part: tasks.Part) -> None:
        if part.first and part.problem is None:
            encoding, size = part.encoding or "", part.size or 0
            self._document = store.begin_document(part.path, part.sha256 or "", encoding, size)
        if self._document is not None and part.claims:
            store.add_claims(self._document, part.claims)
        if part.last:
            if part.problem is None:
                store.end_document()
            else:
                store.abort_document()  # a big file that failed halfway: as if never begun
            self._document = None
            if self.files % 500 == 499:
                store.commit()  # a crash loses little; a commit per file would be slow

    def _finish(self) -> None:
        if self.sink is not None:
            self.sink.close()  # the closing ] of a JSON array, even when interrupted
        if self.store is not None:
            self.store.close()  # commits the finished documents, drops one in progress

    def _fail(self, message: str) -> None:
        self.screen.report("Error:", message)
        self.errors += 1

    def _outcome(self, code: int, interrupted: bool) -> Outcome:
        return Outcome(code, self.files, self.claims, self.errors, interrupted)

    @contextlib.contextmanager
    def _signals(self) -> Iterator[None]:
        """Ctrl-C and SIGTERM raise `Interrupted`: at once, or, while a part is being written,
        right after it. Once raised, more are ignored: the ending takes a moment."""

        def handler(signum: int, frame: FrameType | None) -> None:
            if self._stopping:
                return
            self._signal = signum
            if not self._shielded:
                self._deliver()

        try:
            previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
        except ValueError:  # not the main thread (an embedding app): leave signals alone
            yield
            return
        try:
            yield
        finally:
            for signum, old in previous.items():
                signal.signal(signum, old)

    @contextlib.contextmanager
    def _shield(self) -> Iterator[None]:
        self._shielded = True
        try:
            yield
        finally:
            self._shielded = False
        if self._signal is not None and not self._stopping:
            self._deliver()

    def _deliver(self) -> None:
        signum, self._signal = self._signal or signal.SIGINT, None
        self._stopping = True
        raise Interrupted(signum)
