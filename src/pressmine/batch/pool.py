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

Processes die: a worker killed (by the out-of-memory killer, or kill -9) takes the pool with it,
and every item in flight fails. Each of those items is tried again, alone, in a fresh worker;
one that kills that worker too is the culprit, and `lost(item)` stands for its result. The main
process killed, its workers notice and end (see `_die_with_parent`).
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import chain, islice
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Generic, TypeVar

C = TypeVar("C")
T = TypeVar("T")
R = TypeVar("R")


@dataclass
class _Pending(Generic[T, R]):
    """An item out for work, and its result to come."""

    item: T
    future: Future[R]


class Batch(Generic[C, T, R]):
    """`fn(item, context)` for items in `jobs` processes, results in order. Use it as a context
    manager: leaving it on an exception (Ctrl-C) stops the workers at once.

    `initializer(context)` runs once in each worker (load what every item needs there, not per
    item). `fn` and `initializer` must be module-level functions, so that a worker can import
    them; `context` must pickle where workers are spawned rather than forked. `lost(item)` is
    the result of an item whose worker died twice on it (without `lost`, BrokenProcessPool is
    raised in its place).

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
        lost: Callable[[T], R] | None = None,
    ) -> None:
        self.jobs = max(1, jobs)
        self._fn = fn
        self._context = context
        self._initializer = initializer
        self._lost = lost
        self._window_size = window or 4 * self.jobs  # enough to keep every worker busy
        self._window: deque[_Pending[T, R]] = deque()
        self._pool: ProcessPoolExecutor | None = None
        self.parallel = False  # whether worker processes were started

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
        for item in chain(head, rest):
            self._window.append(_Pending(item, self._submit(item)))
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
        while self._window and self._window[0].future.done():
            future = self._window[0].future
            if future.cancelled() or future.exception() is not None:
                return
            yield self._window.popleft().future.result()

    def close(self, abort: bool = False) -> None:
        """Wait for the workers to end; with `abort`, drop the work in flight and stop them now."""
        pool, self._pool = self._pool, None
        if pool is not None:
            _shut_down(pool, abort)
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

    def _new_pool(self, workers: int) -> ProcessPoolExecutor:
        # fork on Linux: workers start in milliseconds and share what this process loaded
        # (the packs). Callers start their threads (a progress bar) after the first result,
        # and a pool's fork workers are all started at once, by its first submit. Only the
        # pools that replace a broken one are forked while such threads run; their workers
        # touch nothing those threads hold (the screen). Elsewhere, the platform's default.
        processes = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
        self.parallel = True
        return ProcessPoolExecutor(
            workers,
            processes,
            initializer=_init_worker,
            initargs=(self._initializer, self._context),
        )

    def _submit(self, item: T) -> Future[R]:
        if self._pool is None:
            self._pool = self._new_pool(self.jobs)
        try:
            return self._pool.submit(_call, self._fn, item)
        except BrokenProcessPool as err:  # a worker died since the last result came
            return _failed(err)

    def _next(self) -> R:
        if _broken(self._window[0].future):
            self._recover()
        result = self._window[0].future.result()  # may raise: the item's error
        self._window.popleft()
        return result

    def _recover(self) -> None:
        """A worker died: try each item the broken pool failed again, alone, in a worker of
        its own; the items after them go to a fresh pool."""
        pool, self._pool = self._pool, None
        if pool is not None:
            # Broken, it has stopped its workers and failed every future in flight; its
            # thread ends at once. (Aborting would cancel the futures instead.)
            _shut_down(pool, abort=False)
        for pending in self._window:
            if _broken(pending.future):
                pending.future = self._alone(pending.item)

    def _alone(self, item: T) -> Future[R]:
        """`fn(item)` in a fresh pool of one worker, nothing else in flight: if that worker
        dies too, the item is the cause (or was unlucky twice) and `lost(item)` its result."""
        pool = self._new_pool(1)
        future: Future[R] | None = None
        try:
            future = pool.submit(_call, self._fn, item)
            wait([future])
        finally:
            _shut_down(pool, abort=future is None or not future.done())
        if _broken(future) and self._lost is not None:
            done: Future[R] = Future()
            done.set_result(self._lost(item))
            return done
        return future


def _broken(future: Future[Any]) -> bool:
    """Whether the item failed because its pool broke (waits for it to be done)."""
    return not future.cancelled() and isinstance(future.exception(), BrokenProcessPool)


def _failed(err: BaseException) -> Future[Any]:
    future: Future[Any] = Future()
    future.set_exception(err)
    return future


def _shut_down(pool: ProcessPoolExecutor, abort: bool) -> None:
    """Wait for the pool's workers to end; with `abort`, drop the work in flight and stop
    them now."""
    if abort:
        # A worker would otherwise finish its item first, and shutdown() offers no way to
        # stop it: end the pool's own processes (and only those). The pool sees them gone,
        # drops the rest, and shutdown() below waits for its thread to end.
        processes: list[BaseProcess] = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(2)
            # One that outlives SIGTERM would keep the pool's thread waiting for it for ever
            # (a sibling stopped halfway through sending a result holds the lock it needs).
            if process.is_alive():
                process.kill()
                process.join()
        # A worker ended halfway through sending a result leaves the pool's thread waiting
        # for the rest of it, for ever, and shutdown() waiting for that thread. With the
        # workers gone, this process holds the last write end of their results pipe:
        # closed, the wait ends (at the end of the pipe), and the pool winds up as broken.
        writer = getattr(getattr(pool, "_result_queue", None), "_writer", None)
        if writer is not None:
            with contextlib.suppress(OSError):
                writer.close()
    pool.shutdown(wait=True, cancel_futures=abort)


# The batch's context, in a worker process: set once when the worker starts.
_context: Any = None


def _init_worker(initializer: Callable[[Any], None] | None, context: Any) -> None:
    # Ctrl-C reaches every process of the terminal's foreground group; the main process alone
    # decides what to do (write what is finished, then stop the workers). SIGTERM, which
    # stops a worker, must do just that, whatever handler a forked worker inherited.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    global _context
    _context = context
    if initializer is not None:
        initializer(context)


def _die_with_parent() -> None:
    """End this worker when the main process dies. Killed with SIGKILL (kill -9, the out-of-
    memory killer), the main process cannot stop its workers, and they would wait for work
    for ever, holding their memory.

    On Linux the kernel does it (PR_SET_PDEATHSIG): it sends the worker SIGKILL the moment its
    parent dies, even while the worker is deep in a regex search that holds the GIL, and no
    thread of ours runs in the worker. Elsewhere a thread waits on multiprocessing's parent
    sentinel (a pipe whose other end the parent holds) and ends the worker when it closes.
    """
    parent = multiprocessing.parent_process()
    if parent is None or _kernel_kills_orphans(parent.pid):
        return
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _kernel_kills_orphans(parent: int | None) -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; whether it was done."""
    if sys.platform != "linux":
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):  # no C library to load, or no prctl in it
        return False
    if os.getppid() != parent:  # the parent died before the request: too late for the kernel
        _killed()
    return True


def _exit_with(parent: BaseProcess) -> None:
    parent.join()  # returns when the parent's end of the sentinel pipe closes: it has died
    _killed()


def _killed() -> None:
    # The end the kernel gives a worker on Linux: SIGKILL, at once, with nothing run on the
    # way out (the clean-up a forked worker inherited belongs to the dead main process).
    os.kill(os.getpid(), signal.SIGKILL)


def _call(fn: Callable[[T, Any], R], item: T) -> R:
    """`fn(item, context)` in a worker, with the context it was started with."""
    return fn(item, _context)
