"""Claims as data frames, for clusters: `claims()` gives a Dask DataFrame (`pip install
'pressmine[dask]'`), `claims_frame()` a pandas one (what a Spark `mapInPandas` function
returns), with the columns of `spark_schema()`.

The columns are those of a Parquet file (`pressmine.io.parquet.SCHEMA`: the CSV columns, exact
values as strings in `value_exact` and `value_max_exact`, dates as dates), all nullable and
pyarrow-backed, plus `error`: a document that cannot be read is a row with its `doc` and its
`error`, every other column null, where its claims would be; a claim's `error` is null. So no
document is dropped in silence: `df[df.error.notnull()]` lists the failures.

The schema is `pressmine.dask.frames.SCHEMA` (an Arrow schema; `ERROR` names the error column).
Nothing is imported before it is used: `claims_frame` needs pandas and pyarrow alone, which is
all a Spark worker has, and the command line's `--dask` engine (`engine.py`) neither.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pressmine.batch import inputs, tasks
from pressmine.dask import extractor
from pressmine.errors import InputError
from pressmine.packs.loader import load_packs
from pressmine.packs.model import PackSet
from pressmine.regex.guard import DEFAULT_SECONDS
from pressmine.text.documents import DEFAULT_GLOBS, STDIN, iter_inputs

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas as pd

__all__ = ["claims", "claims_frame", "spark_schema"]

# Tasks (documents, or blocks of a big file) per partition: a partition costs the scheduler
# about a millisecond, a release about ten to search.
PARTITION = 16

Packs = PackSet | Sequence[str | Path] | None


def claims(
    paths_or_bag: Iterable[str] | dask.bag.Bag,
    *,
    packs: Packs = None,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    regex_timeout: float = DEFAULT_SECONDS,
    globs: Sequence[str] = DEFAULT_GLOBS,
    partition_size: int = PARTITION,
) -> dask.dataframe.DataFrame:
    """The claims of the documents, lazily, as a Dask DataFrame of `SCHEMA` (see the module).

    `paths_or_bag`: files and folders as the command line takes them (folders walked here
    with `globs`; files over 4 MB read here and cut into the blocks a plain run uses, so the
    claims are a plain run's), partitioned `partition_size` tasks at a time; or a
    `dask.bag.Bag` of paths (each read whole by a worker: absolute, or relative to the
    workers' folder, since a bag is theirs) or of (doc, text) pairs, one
    partition per partition of the bag. Rows come in the order of the inputs. `packs` is a
    `PackSet`, or pack folders for `load_packs` with `only`, `exclude` and `regex_timeout`.
    Each worker process loads the packs and jieba once, on its first partition.
    """
    import dask
    import dask.bag
    import dask.dataframe

    from pressmine.dask import frames

    handle = extractor.Extractor(tasks.Context(_packs(packs, only, exclude, regex_timeout)))
    # One key of the graph, so that each worker gets the 2.7 MB once, not with every partition.
    shared = dask.delayed(handle, name=f"pressmine-extractor-{handle.key}")
    if isinstance(paths_or_bag, str):  # one path, not its characters
        paths_or_bag = [paths_or_bag]
    if isinstance(paths_or_bag, dask.bag.Bag):
        chunks: list[Any] = paths_or_bag.to_delayed()
    else:
        planned = map(extractor.located, inputs.plan(_files(paths_or_bag, globs), io.BytesIO()))
        size = max(1, partition_size)
        chunks = list(iter(lambda: list(islice(planned, size)), []))
    if not chunks:
        return dask.dataframe.from_pandas(frames.meta(), npartitions=1)
    parts = [dask.delayed(frames.partition)(chunk, shared) for chunk in chunks]
    return dask.dataframe.from_delayed(parts, meta=frames.meta())


def claims_frame(
    items: Iterable[str | tuple[str, str]],
    *,
    packs: Packs = None,
    only: Iterable[str] | None = None,
    exclude: Iterable[str] = (),
    regex_timeout: float = DEFAULT_SECONDS,
) -> pd.DataFrame:
    """The claims of `items` (paths of files, or (doc, text) pairs), now, as a pandas DataFrame
    of `SCHEMA`. The packs are loaded once per process (`load_packs` keeps them).

    >>> df = claims_frame([("a.txt", "已建成5G基站483.8万座"), "no/such.txt"])
    >>> for row in df[["doc", "text", "value_exact", "subject", "error"]].values.tolist():
    ...     print(row)
    ['a.txt', '483.8万座', '4838000', '5G基站', <NA>]
    ['no/such.txt', <NA>, <NA>, <NA>, 'no such file or directory']
    """
    from pressmine.dask import frames

    context = tasks.Context(_packs(packs, only, exclude, regex_timeout))
    return frames.frame(tasks.run(extractor.task_of(item), context) for item in items)


def spark_schema() -> str:
    """`SCHEMA` as a Spark DDL string, for `mapInPandas(fn, spark_schema())`.

    >>> spark_schema()[:60]
    '`doc` string, `start` bigint, `end` bigint, `text` string, `'
    """
    import pyarrow as pa

    from pressmine.dask.frames import SCHEMA

    types = {pa.string(): "string", pa.int64(): "bigint", pa.float64(): "double"}
    types[pa.date32()] = "date"
    return ", ".join(f"`{field.name}` {types[field.type]}" for field in SCHEMA)


def _packs(
    packs: Packs, only: Iterable[str] | None, exclude: Iterable[str], regex_timeout: float
) -> PackSet:
    if isinstance(packs, PackSet):
        return packs
    return load_packs(packs or (), only=only, exclude=exclude, regex_timeout=regex_timeout)


def _files(paths: Iterable[str], globs: Sequence[str]) -> Iterator[str | InputError]:
    """The files to read, as `iter_inputs` names them; `-` is a problem in its place: a
    cluster's documents are files, or a bag of texts."""
    for item in iter_inputs(paths, globs):
        if item == STDIN:
            yield InputError(STDIN, "stdin is not read on a cluster: pass a bag of (doc, text)")
        else:
            yield item
