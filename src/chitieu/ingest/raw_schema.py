"""The warehouse's `raw` schema: what the loaders write, as they received it (plus provenance).

raw.files and raw.figures take their columns from the records (chitieu.ingest.records); a column added to a
record is added to a warehouse created before it (`ensure`), older rows reading null. The reference tables
hold the catalogue as it stands now and are recreated by every load, so their columns follow the code.
"""

from __future__ import annotations

import duckdb

from chitieu.ingest.records import Figure, FileEntry, columns

REFERENCE_DDL = """
create or replace table raw.resolutions (
    resolution_id varchar, resolution_code varchar, title_vi varchar, title_en varchar, issuer varchar,
    adopted_on date, province_code varchar, province_code_on date, source_document varchar, source_section varchar,
    catalogue_file varchar, catalogue_sha256 varchar, province_structure varchar);
create or replace table raw.targets (
    resolution_id varchar, target_code varchar, parent_code varchar, is_multi_part boolean, kind varchar,
    target_value double, target_value_low double, tolerance double, tolerance_parameter varchar, unit varchar,
    horizon_year integer, level varchar, ranking_size integer, ranking_group varchar, baseline_value double,
    baseline_year integer, name_vi varchar, name_en varchar, component_codes varchar[], reading_vi varchar,
    reading_en varchar, source_section varchar);
create or replace table raw.claims (
    resolution_id varchar, claim_id varchar, document varchar, section varchar, text_vi varchar,
    assessment_month varchar, horizon_year integer, claimed_met integer, claimed_total integer);
create or replace table raw.indicators (
    resolution_id varchar, indicator_code varchar, name_vi varchar, name_en varchar, unit varchar,
    part_codes varchar[]);
create or replace table raw.admin_units (
    admin_unit_code varchar, name_vi varchar, division_type varchar, codename varchar, phone_code integer);
"""

# the rows of the portals' dossier exports (chitieu.ingest.portal reads them with DuckDB, row by row)
PORTAL_DOSSIERS: list[tuple[str, str]] = [
    ("period", "varchar"), ("source", "varchar"), ("file_path", "varchar"), ("file_sha256", "varchar"),
    ("row_number", "bigint"), ("dossier_id", "varchar"), ("procedure", "varchar"), ("field", "varchar"),
    ("receiving_unit", "varchar"), ("level", "varchar"), ("received_date", "date"), ("due_date", "date"),
    ("returned_date", "date"), ("channel", "varchar"), ("service_type", "varchar"), ("digitised", "boolean"),
    ("paid_online", "boolean"), ("received_at", "varchar"),
]  # fmt: skip

PERIOD_TABLES: dict[str, list[tuple[str, str]]] = {
    "files": columns(FileEntry),
    "figures": columns(Figure),
    "portal_dossiers": PORTAL_DOSSIERS,
}


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw schema's period tables, or add the columns a warehouse made by an older chitieu lacks."""
    con.execute("create schema if not exists raw")
    for table, cols in PERIOD_TABLES.items():
        con.execute(f"create table if not exists raw.{table} ({', '.join(f'{c} {t}' for c, t in cols)})")
        for c, t in cols:
            con.execute(f"alter table raw.{table} add column if not exists {c} {t}")
