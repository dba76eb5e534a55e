"""What the loader records: a received file (`FileEntry`, a row of raw.files) and a figure read from a cell
(`Figure`, a row of raw.figures). Their fields are the tables' columns, in order (see raw_schema)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from chitieu.errors import RejectCode


class FileStatus(StrEnum):
    LOADED = "loaded"
    QUARANTINED = "quarantined"
    DUPLICATE = "duplicate"


@dataclass
class FileEntry:
    """One file found under raw/<source>/<period>/ and what became of it."""

    period: str
    source: str
    file_path: str  # relative to raw/
    file_name: str
    file_sha256: str | None = None
    size_bytes: int | None = dataclasses.field(default=None, metadata={"sql": "bigint"})
    status: FileStatus = FileStatus.LOADED
    reason_code: RejectCode | None = None
    reason: str | None = None
    n_figures: int = 0
    quarantine_path: str | None = None
    received_at: str | None = None  # UTC ISO: when the file first arrived
    archived_path: str | None = None
    duplicate_of: str | None = None


@dataclass
class Figure:
    """One figure of a department's submission, with its provenance down to the cell."""

    period: str | None = None  # the provenance of the file, set by the loader
    source: str | None = None
    file_path: str | None = None
    file_sha256: str | None = None
    sheet: str = ""
    row_number: int = 0
    cell: str = ""  # the value's cell, A1
    resolution_id: str | None = None  # from the catalogue, by (province, resolution code)
    resolution_code: str = ""
    target_code: str = ""
    admin_unit_raw: str = ""
    admin_unit_code: str | None = None
    value_raw: str | None = None
    value: Decimal | None = None
    unit_raw: str = ""
    unit: str | None = None
    numerator_raw: str | None = None
    numerator: Decimal | None = None
    numerator_cell: str | None = None
    denominator_raw: str | None = None
    denominator: Decimal | None = None
    denominator_cell: str | None = None
    reference_period_raw: str = ""
    reference_period: str | None = None
    reference_start: dt.date | None = None
    reference_end: dt.date | None = None
    as_of_raw: str = ""
    as_of: dt.date | None = None
    as_of_is_assumed: bool = False  # marked "(giả định)": the source gives no such date
    reference_period_is_assumed: bool = False  # marked "(giả định)": the source gives no such period
    note: str | None = None
    received_at: str | None = None
    cell_note: str | None = None  # formulas, error values, percent formats met in the row's number cells


_SQL_TYPES = {"str": "varchar", "int": "integer", "Decimal": "decimal(38, 10)", "dt.date": "date",
              "bool": "boolean", "FileStatus": "varchar", "RejectCode": "varchar"}  # fmt: skip


def columns(record: type) -> list[tuple[str, str]]:
    """(column, SQL type) of a record's table, from its fields."""
    out = []
    for f in dataclasses.fields(record):
        base = str(f.type).split("|")[0].strip()
        out.append((f.name, f.metadata.get("sql") or _SQL_TYPES[base]))
    return out


def column_names(record: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record)]
