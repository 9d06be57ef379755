"""Run a function over items in worker processes and give back the results in the items' order,
with a bounded number in flight, so that memory stays flat however many items come.

`concurrent.futures` maps submit every item at once (and `multiprocessing.Pool.imap` queues them
all), which holds 100,000 paths and, behind one slow item, their results. Here at most `window`
items are out at a time: the next is submitted when the oldest is handed back. With one job, or
fewer than two items, everything runs in this process: no start-up cost, and what a test patches
is what runs.

What every item needs besides itself (the pattern packs) is the batch's `context`: it is handed
to each worker once, when the worker starts, rather than pickled with every item, and each call
gets it as an argument.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import chain, islice
from types import TracebackType
from typing import Any, Generic, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")


class Batch(Generic[C, T, R]):
    """`fn(item, context)` for items in `jobs` processes, results in order. Use it as a context
    manager: leaving it on an exception (Ctrl-C) stops the workers at once.

    `initializer(context)` runs once in each worker (load what every item needs there, not per
    item). `fn` and `initializer` must be module-level functions, so that a worker can import
    them; `context` must pickle where workers are spawned rather than forked.

    >>> with Batch(pow, 2, jobs=1) as batch:
    ...     list(batch.map([-2, 1, -3]))
    [4, 1, 9]
    """

    def __init__(
        self,
        fn: Callable[[T, C], R],
        context: C,
        jobs: int,
        initializer: Callable[[C], None] | None = None,
        window: int | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self._fn = fn
        self._context = context
        self._initializer = initializer
        self._window_size = window or 4 * self.jobs  # enough to keep every worker busy
        self._window: deque[Future[R]] = deque()
        self._pool: ProcessPoolExecutor | None = None

    @property
    def parallel(self) -> bool:
        """Whether worker processes were started."""
        return self._pool is not None

    def map(self, items: Iterable[T]) -> Iterator[R]:
        """`fn(item)` for each item, in order, as each becomes available (lazily: items are
        drawn only as the window has room)."""
        if self.jobs == 1:
            yield from (self._fn(item, self._context) for item in items)
            return
        rest = iter(items)
        head = list(islice(rest, 2))
        if len(head) < 2:
            yield from (self._fn(item, self._context) for item in head)
            return
        self._start()
        for item in chain(head, rest):
            self._window.append(self._submit(item))
            if len(self._window) >= self._window_size:
                yield self._next()
            # Whatever is done goes out now, not when the window fills: items may come
            # slowly (a list on a pipe), and output should not wait for them.
            yield from self.finished()
        while self._window:
            yield self._next()

    def finished(self) -> Iterator[R]:
        """The results already done at the head of the window: after an interruption, what can
        still be handed back in order without waiting."""
        while self._window and self._window[0].done() and not self._window[0].cancelled():
            if self._window[0].exception() is not None:
                return
            yield self._window.popleft().result()

    def close(self, abort: bool = False) -> None:
        """Wait for the workers to end; with `abort`, drop the work in flight and stop them now."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if abort:
            # A worker would otherwise finish its item first, and shutdown() offers no way to
            # stop it: end the pool's own processes (and only those). The pool sees them gone,
            # drops the rest, and shutdown() below waits for its thread to end.
            processes = list((getattr(pool, "_processes", None) or {}).values())
            for process in processes:
                process.terminate()
            for process in processes:
                process.join(5)
            # A worker ended halfway through sending a result leaves the pool's thread waiting
            # for the rest of it, for ever, and shutdown() waiting for that thread. With the
            # workers gone, this process holds the last write end of their results pipe:
            # closed, the wait ends (at the end of the pipe), and the pool winds up as broken.
            writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
            if writer is not None:
                with contextlib.suppress(OSError):
                    writer.close()
        pool.shutdown(wait=True, cancel_futures=abort)
        self._window.clear()

    def __enter__(self) -> Batch[C, T, R]:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(abort=exc_type is not None)

    def _start(self) -> None:
        # fork on Linux: workers start in milliseconds and share what this process loaded
        # (the packs). It is safe because no other thread runs yet: callers start theirs (a
        # progress bar) after the first result, and fork workers are all started at once by
        # the first submit, never later. Elsewhere, the platform's default (spawn).
        processes = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self._pool = ProcessPoolExecutor(
            self.jobs,
            processes,
            initializer=_init_worker,
            initargs=(self._initializer, self._context),
        )

    def _submit(self, item: T) -> Future[R]:
        assert self._pool is not None
        return self._pool.submit(_call, self._fn, item)

    def _next(self) -> R:
        result = self._window[0].result()  # may raise: the item's error, or Ctrl-C while waiting
        self._window.popleft()
        return result


# The batch's context, in a worker process: set once when the worker starts.
_context: Any = None


def _init_worker(initializer: Callable[[Any], None] | None, context: Any) -> None:
    # Ctrl-C reaches every process of the terminal's foreground group; the main process alone
    # decides what to do (write what is finished, then stop the workers). SIGTERM, which
    # stops a worker, must do just that, whatever handler a forked worker inherited.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    global _context
    _context = context
    if initializer is not None:
        initializer(context)


def _call(fn: Callable[[T, Any], R], item: T) -> R:
    """`fn(item, context)` in a worker, with the context it was started with."""
    return fn(item, _context)
