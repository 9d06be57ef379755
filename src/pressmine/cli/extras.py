"""What the optional extras give the command line: Parquet (`pressmine[parquet]`) and a Dask
cluster (`pressmine[dask]`). Each is imported only when an option asks for it, and checked
before any work is done, so that a missing one is one `Error:` line naming the extra to
install, never a traceback or a run half done."""

from __future__ import annotations

import contextlib
import importlib
import logging
from collections.abc import Callable, Iterator

from pressmine.batch.runner import Engine
from pressmine.batch.tasks import Context
from pressmine.errors import PressmineError
from pressmine.io.output import Format

# The third-party packages of each extra: a module missing from here is not the user's to fix.
_EXTRA_OF = {"pyarrow": "parquet", "dask": "dask", "distributed": "dask", "pandas": "dask"}


@contextlib.contextmanager
def _importing(what: str) -> Iterator[None]:
    try:
        yield
    except ModuleNotFoundError as err:
        package = (err.name or "").split(".")[0]
        if package not in _EXTRA_OF:
            raise
        extra = _EXTRA_OF[package]
        problem = f"{what} needs {package}, which is not installed"
        raise PressmineError(f"{problem}: pip install 'pressmine[{extra}]'") from None


def require(fmt: Format | None, dask: str | None) -> None:
    """Import what `--format` and `--dask` need; `PressmineError` saying which extra to install."""
    if fmt is Format.parquet:
        with _importing("Parquet output"):
            importlib.import_module("pressmine.io.parquet")
    if dask is not None:
        with _importing("--dask"):
            importlib.import_module("pressmine.dask.engine")


@contextlib.contextmanager
def dask_engine(address: str, workers: int | None) -> Iterator[Callable[[Context], Engine]]:
    """The engine factory for `Run.main` on the cluster `--dask` names, with the client (and a
    local cluster) closed on leaving. `PressmineError` when the scheduler cannot be reached."""
    from functools import partial

    from pressmine.dask import engine

    # Dask's own log lines (a worker restarting, a slow event loop) are not for stderr, which
    # holds one line per problem: its problems reach the run as failed parts.
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    with engine.connect(address, workers) as client:
        yield partial(engine.DaskBatch, client)
