"""Parts as pandas frames, the rows of `pressmine.dask.claims()` and `claims_frame()`: pandas and
pyarrow only, no Dask (a Spark worker has these two)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd
import pyarrow as pa

from pressmine.batch import tasks
from pressmine.dask.extractor import Extractor, run, task_of
from pressmine.io import parquet

# One frame column more than a Parquet file's: `error`, the problem of a document that could not
# be read (its row has `doc` and `error`, every other column null); null on every claim.
ERROR = "error"
SCHEMA = pa.schema(
    [field.with_nullable(True) for field in parquet.SCHEMA] + [pa.field(ERROR, pa.string())]
)


def frame(parts: Iterable[tasks.Part]) -> pd.DataFrame:
    """Parts as rows of `SCHEMA` (pyarrow-backed columns): a row per claim, in order, and a row
    per problem. Rendered parts are not welcome here: the frame needs the claims."""
    rows: list[tuple[Any, ...]] = []
    fine = (None,)
    for part in parts:
        rows.extend(parquet.row(claim) + fine for claim in part.claims)
        if part.problem is not None:
            rows.append((part.path, *[None] * (len(SCHEMA) - 2), part.problem))
    columns = {name: [row[i] for row in rows] for i, name in enumerate(SCHEMA.names)}
    return pa.Table.from_pydict(columns, schema=SCHEMA).to_pandas(types_mapper=pd.ArrowDtype)


def partition(items: Sequence[Any], extractor: Extractor) -> pd.DataFrame:
    """One partition of `pressmine.dask.claims`: its items' claims and problems as a frame."""
    return frame(run([task_of(item) for item in items], extractor))


def meta() -> pd.DataFrame:
    """The frame's schema as Dask wants it: an empty frame with the columns' dtypes."""
    return frame([])
