"""A batch's tasks on a Dask cluster (`pressmine extract --dask`): the engine `batch/runner.py`
runs instead of its process pool, with the same interface and the same promises: parts in the
order of the inputs, a bounded number in flight (memory stays flat), what is finished handed
back after an interruption.

Tasks go to the cluster a chunk at a time (a chunk is one future: a few documents, so that the
scheduler's cost per future stays small next to the work), at most `window` chunks ahead of
the part being written. The run's `Context` is scattered once; each worker builds it on its
first chunk (`extractor.Extractor`).
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from types import TracebackType

from distributed import Client, Future, LocalCluster

from pressmine.batch import tasks
from pressmine.dask import extractor
from pressmine.errors import PressmineError

LOCAL = "local"
CHUNK = 16  # tasks per future: fewer cost the scheduler more than the work (benchmarks/cluster.py)
CONNECT_SECONDS = 10  # to reach a scheduler, and for a running one to have a worker


class DaskBatch:
    """Tasks run on `client`'s cluster with `context`, parts in order (see the module)."""

    def __init__(
        self,
        client: Client,
        context: tasks.Context,
        chunk: int | None = None,
        window: int | None = None,
    ) -> None:
        self._client = client
        self._chunk = max(1, chunk or CHUNK)
        threads = sum(client.nthreads().values())
        self._window_size = window or 2 * max(1, threads)
        self._window: deque[Future] = deque()
        self._ready: deque[tasks.Part] = deque()  # of a chunk taken, not yet handed back
        # hash=False: a key of its own, released with this batch, whatever ran before.
        self._extractor = client.scatter(extractor.Extractor(context), hash=False)

    def map(self, items: Iterable[tasks.Task | tasks.Part]) -> Iterator[tasks.Part]:
        """The part of each task, in order, as each becomes available."""
        rest = iter(items)
        while chunk := [extractor.located(item) for item in islice(rest, self._chunk)]:
            self._window.append(
                self._client.submit(extractor.run, chunk, self._extractor, pure=False)
            )
            if len(self._window) >= self._window_size:
                self._take()
            yield from self.finished()
        while self._window or self._ready:
            if not self._ready:
                self._take()
            yield from self.finished()

    def finished(self) -> Iterator[tasks.Part]:
        """The parts already done at the head of the window, without waiting."""
        while True:
            while self._ready:
                yield self._ready.popleft()
            if not (self._window and self._window[0].done()):
                return
            self._take()

    def close(self, abort: bool = False) -> None:
        """Forget the chunks in flight (cancelled on the cluster) and the scattered context."""
        with contextlib.suppress(Exception):  # a cluster already gone has nothing to cancel
            self._client.cancel([*self._window, self._extractor])
        self._window.clear()
        self._ready.clear()

    def _take(self) -> None:
        """Wait for the oldest chunk and move its parts to the ready ones. A chunk that failed
        (a worker died again and again, the scheduler went away) is a fatal part."""
        future = self._window[0]
        try:
            parts: list[tasks.Part] = future.result()
        except Exception as err:
            self._window.popleft()
            problem = f"the Dask cluster failed: {type(err).__name__}: {err}"
            self._ready.append(tasks.Part("", problem=problem, fatal=True))
            return
        self._window.popleft()
        self._ready.extend(parts)

    def __enter__(self) -> DaskBatch:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close(abort=exc_type is not None)


@contextlib.contextmanager
def connect(address: str, workers: int | None = None) -> Iterator[Client]:
    """A client of the scheduler at `address`, or of a new `LocalCluster` for "local" (`workers`
    processes of one thread each), closed on leaving. `PressmineError` when there is none."""
    with contextlib.ExitStack() as stack:
        try:
            if address == LOCAL:
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        # Any free port: its HTTP server starts even without a dashboard,
                        # and 8787 may be another cluster's.
                        dashboard_address=":0",
                        silence_logs=logging.ERROR,
                    )
                )
                client = stack.enter_context(Client(cluster))
            else:
                client = stack.enter_context(Client(address, timeout=CONNECT_SECONDS))
                client.wait_for_workers(1, timeout=CONNECT_SECONDS)
        except Exception as err:  # no scheduler there, a bad address, workers that do not start
            raise PressmineError(f"Dask scheduler {address}: {_problem(err)}") from None
        yield client


def _problem(err: BaseException) -> str:
    text = str(err).strip() or type(err).__name__
    return text.splitlines()[0]
