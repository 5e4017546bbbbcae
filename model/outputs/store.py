"""Result tables stored as Parquet in a run folder: ``tables/<name>.parquet``, one file per
table, in the order of ``tables/index.json``; read back as the same DataFrames.

Columns keep their dtypes (numbers exactly, text, bools, nullable integers). A column of
mixed Python values (the summary's ``value``: text, numbers, booleans) is stored as the JSON
text of each value and marked as such in the file's metadata, so it reads back as the same
values. Each column's declaration (key, unit, description, kind) is stored with it, so a
reader of the Parquet files alone knows what it holds.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from model.outputs.schema import TABLES, bind

FOLDER = "tables"
INDEX = "index.json"
_JSON_COLUMNS = b"cluster_pathways.json_columns"


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` as one Parquet file (zstd), without its index."""
    pq.write_table(arrow_table(frame), path, compression="zstd")


def arrow_table(frame: pd.DataFrame) -> pa.Table:
    """``frame`` as an Arrow table, converted in this thread. Arrow's default converts a long
    table's columns on a Python thread pool, whose locks a Ctrl-C raised in this thread at
    the wrong instant leaves held: the run then hung in the pool's shutdown, its folder half
    written (seen once in a few hundred signalled runs; see :mod:`model.interrupts`)."""
    return pa.Table.from_pandas(frame, preserve_index=False, nthreads=1)


def _mixed(column: pd.Series) -> bool:
    """Whether an object column holds values pyarrow would not store as one type."""
    if column.dtype != object:
        return False
    kinds = {type(v) for v in column.tolist() if v is not None and v == v}
    return len(kinds) > 1 or bool(kinds - {str})


def write_tables(folder: Path, tables: Mapping[str, pd.DataFrame]) -> list[Path]:
    """Write each table as ``folder/tables/<name>.parquet`` and the order in index.json."""
    out = folder / FOLDER
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    files: dict[str, str] = {}
    for i, (name, frame) in enumerate(tables.items()):
        file = f"{i:02d}_{''.join(ch if ch.isalnum() or ch in '-_' else '_' for ch in name)}"
        files[name] = file + ".parquet"
        frame = frame.copy()
        json_columns = [str(c) for c in frame.columns if _mixed(frame[c])]
        for c in json_columns:
            frame[c] = [None if v is None else json.dumps(v) for v in frame[c].tolist()]
        table = arrow_table(frame)
        table = table.replace_schema_metadata({
            **(table.schema.metadata or {}),
            _JSON_COLUMNS: json.dumps(json_columns).encode()})
        table = _describe(name, table)
        path = out / files[name]
        pq.write_table(table, path, compression="zstd")
        paths.append(path)
    (out / INDEX).write_text(json.dumps({"tables": files}, indent=2), encoding="utf-8")
    return paths


def _describe(name: str, table: pa.Table) -> pa.Table:
    """Attach each column's declaration to its field (Parquet field metadata)."""
    declaration = TABLES.get(name)
    if declaration is None:
        return table
    fields = []
    for f, b in zip(table.schema, bind(declaration, table.schema.names), strict=True):
        if b.column is not None:
            meta = {"key": b.key, "unit": b.column.unit, "kind": b.column.kind,
                    "description": b.column.description}
            f = f.with_metadata({k: str(v).encode() for k, v in meta.items()})
        fields.append(f)
    return table.cast(pa.schema(fields, metadata=table.schema.metadata))


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The tables written by :func:`write_tables`, in their order."""
    index = json.loads((folder / FOLDER / INDEX).read_text(encoding="utf-8"))
    tables = {}
    for name, file in index["tables"].items():
        table = pq.read_table(folder / FOLDER / file)
        meta = table.schema.metadata or {}
        frame = table.to_pandas()
        for c in json.loads(meta.get(_JSON_COLUMNS, b"[]")):
            frame[c] = pd.Series([None if v is None else json.loads(v) for v in frame[c]],
                                 dtype=object, index=frame.index)
        tables[name] = frame
    return tables
