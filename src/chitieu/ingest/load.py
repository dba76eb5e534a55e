"""Load one period's raw files into the warehouse's `raw` schema, replacing that period only.

A file that cannot be read is copied to quarantine with a reason; the other files still load. Raw files are
only ever read. The period's rows are replaced in one transaction; portal exports are staged before it (a file
DuckDB cannot read would abort it).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass

import duckdb
import pandas as pd

from chitieu.config import settings
from chitieu.ingest import admin_units, catalogue, portal, raw_schema
from chitieu.ingest.crosscheck import Catalogue
from chitieu.ingest.intake import Intake
from chitieu.ingest.landing import received_files
from chitieu.ingest.records import Figure, FileEntry, column_names
from chitieu.period import Period
from chitieu.warehouse import connect

READERS = min(os.cpu_count() or 1, 4)  # files read at the same time
INDICATOR_COLUMNS = ["resolution_id", "indicator_code", "name_vi", "name_en", "unit", "part_codes"]


@dataclass
class LoadReport:
    period: Period
    files: list[FileEntry]
    n_figures: int

    def to_dict(self) -> dict:
        files = [dataclasses.asdict(f) for f in self.files]
        return {"period": str(self.period), "n_figures": self.n_figures, "files": files}


def load_period(period: Period) -> LoadReport:
    """Every file of the period is received and checked (in order), read (READERS at a time), then kept or
    quarantined; one transaction then replaces the period's rows and the reference tables."""
    resolutions, targets, claims, indicators = catalogue.load_all(settings().catalogue_dir)
    with connect() as con:
        raw_schema.ensure(con)
        intake = Intake(con, period, Catalogue(resolutions, targets, indicators), _loaded_elsewhere(con, period))
        files = received_files(period)
        admitted = [(entry, archived) for entry in files if (archived := intake.admit(entry)) is not None]
        portal.start_staging(con)
        figures = intake.read_all(admitted, workers=READERS)
        reference = {
            "resolutions": pd.DataFrame(resolutions),
            "targets": pd.DataFrame(targets),
            "claims": pd.DataFrame(claims),
            "indicators": pd.DataFrame(indicators, columns=INDICATOR_COLUMNS),
            "admin_units": pd.DataFrame(admin_units.provinces()),
        }
        con.execute("begin transaction")
        try:
            _replace_reference(con, reference)
            _replace_period(con, period, files, figures)
            con.execute("commit")
        except Exception:
            con.execute("rollback")
            raise
    return LoadReport(period, files, len(figures))


def _loaded_elsewhere(con: duckdb.DuckDBPyConnection, period: Period) -> dict[str, str]:
    """sha256 -> a file that loaded these bytes for another period."""
    rows = con.execute(
        "select file_sha256, any_value(file_path) from raw.files where period <> ? and status = 'loaded' group by 1",
        [str(period)],
    ).fetchall()
    return dict(rows)


def _insert(con: duckdb.DuckDBPyConnection, table: str, df: pd.DataFrame, select: str = "*") -> None:
    if len(df):
        con.register("incoming", df)
        con.execute(f"insert into raw.{table} by name select {select} from incoming")
        con.unregister("incoming")


def _replace_reference(con: duckdb.DuckDBPyConnection, reference: dict[str, pd.DataFrame]) -> None:
    """The catalogue as it stands in raw/catalogue, and the provinces."""
    con.execute(raw_schema.REFERENCE_DDL)
    for table, df in reference.items():
        _insert(con, table, df)


def _replace_period(con: duckdb.DuckDBPyConnection, period: Period, files: list[FileEntry], figures: list[Figure]):
    """The period's files, figures and dossiers replaced; nothing else touched."""
    for table in raw_schema.PERIOD_TABLES:
        con.execute(f"delete from raw.{table} where period = ?", [str(period)])
    portal.publish_staged(con)
    _insert(con, "files", pd.DataFrame([dataclasses.asdict(f) for f in files], columns=column_names(FileEntry)))
    figures_df = pd.DataFrame([dataclasses.asdict(f) for f in figures], columns=column_names(Figure))
    for c in ("value", "numerator", "denominator"):  # exact decimals through pandas as text
        figures_df[c] = figures_df[c].map(lambda v: None if v is None else str(v)).astype("object")
    _insert(
        con,
        "figures",
        figures_df,
        "* replace (cast(value as decimal(38,10)) as value, "
        "cast(numerator as decimal(38,10)) as numerator, cast(denominator as decimal(38,10)) as denominator)",
    )
