"""A study's run folder: finished chunks stored as they come, crash-safe, then the tables.

While a study runs, its folder is ``results/<study>/<run-id>.partial/`` holding
``study.json`` (the variants, their chunks and the inputs' hashes, written before any solve)
and ``chunks/``: per finished chunk, ``chunk-NNNNN.outputs.parquet`` (its output rows) and
then ``chunk-NNNNN.variants.parquet`` (its variants' status). Each file is written under a
temporary name and renamed, so a chunk counts as done exactly when its variants file exists,
whatever killed the process (even SIGKILL). A resumed run solves only the chunks without
one. When every chunk is done, the tables are written and the folder is renamed
``<run-id>``: a folder without ``.partial`` is always complete.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from model.atomic import replacing
from model.study.execute import VariantResult

PARTIAL = ".partial"
OUTPUT_SCHEMA = pa.schema([("variant", pa.int64()), ("output", pa.string()),
                          ("item", pa.string()), ("year", pa.int64()),
                          ("value", pa.float64()), ("unit", pa.string())])
VARIANT_SCHEMA = pa.schema([("variant", pa.int64()), ("status", pa.string()),
                           ("message", pa.string()), ("objective", pa.float64()),
                           ("warm", pa.bool_()), ("seconds", pa.float64())])


def _atomic_parquet(table: pa.Table, path: Path) -> None:
    with replacing(path) as tmp:
        pq.write_table(table, tmp)


def write_json_atomic(path: Path, data: dict) -> None:
    with replacing(path) as tmp:
        tmp.write_text(json.dumps(data, indent=2, default=str), encoding="utf-8")


class ChunkStore:
    """The chunks folder of a running study."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.chunks = folder / "chunks"
        self.chunks.mkdir(parents=True, exist_ok=True)

    def done(self) -> set[int]:
        """Indexes of the chunks whose results are stored."""
        return {int(p.name.split("-")[1].split(".")[0])
                for p in self.chunks.glob("chunk-*.variants.parquet")}

    def save(self, index: int, results: list[VariantResult]) -> None:
        rows = [(r.variant, *row) for r in results for row in r.rows]
        outputs = pa.Table.from_pylist(
            [dict(zip(OUTPUT_SCHEMA.names, row, strict=True)) for row in rows],
            schema=OUTPUT_SCHEMA)
        variants = pa.Table.from_pylist(
            [{"variant": r.variant, "status": r.status, "message": r.message,
              "objective": r.objective, "warm": r.warm, "seconds": r.seconds}
             for r in results], schema=VARIANT_SCHEMA)
        _atomic_parquet(outputs, self.chunks / f"chunk-{index:05d}.outputs.parquet")
        _atomic_parquet(variants, self.chunks / f"chunk-{index:05d}.variants.parquet")

    def load(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """(variants, outputs) of every stored chunk, sorted by variant."""
        done = sorted(self.done())
        variants = [pq.read_table(self.chunks / f"chunk-{i:05d}.variants.parquet")
                    for i in done]
        outputs = [pq.read_table(self.chunks / f"chunk-{i:05d}.outputs.parquet")
                   for i in done]
        v = pa.concat_tables(variants).to_pandas() if variants else \
            VARIANT_SCHEMA.empty_table().to_pandas()
        o = pa.concat_tables(outputs).to_pandas() if outputs else \
            OUTPUT_SCHEMA.empty_table().to_pandas()
        v = v.sort_values("variant", kind="stable").reset_index(drop=True)
        o = o.sort_values(["variant"], kind="stable").reset_index(drop=True)
        return v, o
