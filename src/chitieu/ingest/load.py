"""Load one period's raw files into the warehouse's `raw` schema, replacing that period only.

A file that cannot be read is copied to quarantine with a reason; the other files still load.
Raw files are only ever read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from chitieu.config import settings
from chitieu.ingest import admin_units, catalogue, portal
from chitieu.ingest.archive import receive
from chitieu.ingest.errors import CellError, RejectedFile
from chitieu.ingest.guards import check_file
from chitieu.ingest.periods import check_period, month_end
from chitieu.ingest.portal import is_portal_source
from chitieu.ingest.reading import read_guard
from chitieu.ingest.submissions import read_submission, safe_name
from chitieu.warehouse import connect

DDL = """
create schema if not exists raw;
create table if not exists raw.resolutions (
    resolution_id varchar, resolution_code varchar, title_vi varchar, title_en varchar, issuer varchar,
    adopted_on date, province_code varchar, source_document varchar, source_section varchar,
    catalogue_file varchar, catalogue_sha256 varchar);
create table if not exists raw.targets (
    resolution_id varchar, target_code varchar, parent_code varchar, is_multi_part boolean, kind varchar,
    target_value double, target_value_low double, tolerance double, unit varchar, horizon_year integer,
    level varchar, ranking_size integer, ranking_group varchar, baseline_value double, baseline_year integer,
    name_vi varchar, name_en varchar, source_section varchar);
create table if not exists raw.claims (
    resolution_id varchar, claim_id varchar, document varchar, section varchar, text_vi varchar,
    assessment_month varchar, horizon_year integer, claimed_met integer, claimed_total integer);
create table if not exists raw.admin_units (
    admin_unit_code varchar, name_vi varchar, division_type varchar, codename varchar, phone_code integer);
create table if not exists raw.files (
    period varchar, source varchar, file_path varchar, file_name varchar, file_sha256 varchar,
    size_bytes bigint, status varchar, reason_code varchar, reason varchar, n_figures integer,
    quarantine_path varchar, received_at varchar, archived_path varchar, duplicate_of varchar);
create table if not exists raw.figures (
    period varchar, source varchar, file_path varchar, file_sha256 varchar, sheet varchar, row_number integer,
    cell varchar, resolution_id varchar, resolution_code varchar, target_code varchar,
    admin_unit_raw varchar, admin_unit_code varchar,
    value_raw varchar, value decimal(38, 10), unit_raw varchar, unit varchar,
    numerator_raw varchar, numerator decimal(38, 10), numerator_cell varchar,
    denominator_raw varchar, denominator decimal(38, 10), denominator_cell varchar,
    reference_period_raw varchar, reference_period varchar, reference_start date, reference_end date,
    as_of_raw varchar, as_of date, note varchar, received_at varchar, cell_note varchar);
"""

# columns added after the first release, for warehouses created before them
MIGRATIONS = [
    "alter table raw.files add column if not exists received_at varchar",
    "alter table raw.files add column if not exists archived_path varchar",
    "alter table raw.files add column if not exists duplicate_of varchar",
    "alter table raw.figures add column if not exists received_at varchar",
    "alter table raw.figures add column if not exists cell_note varchar",
]

FIGURE_COLUMNS = [
    "period", "source", "file_path", "file_sha256", "sheet", "row_number", "cell", "resolution_id",
    "resolution_code", "target_code", "admin_unit_raw", "admin_unit_code", "value_raw", "value", "unit_raw",
    "unit", "numerator_raw", "numerator", "numerator_cell", "denominator_raw", "denominator",
    "denominator_cell", "reference_period_raw", "reference_period", "reference_start", "reference_end",
    "as_of_raw", "as_of", "note", "received_at", "cell_note",
]  # fmt: skip
FILE_COLUMNS = [
    "period", "source", "file_path", "file_name", "file_sha256", "size_bytes", "status", "reason_code",
    "reason", "n_figures", "quarantine_path", "received_at", "archived_path", "duplicate_of",
]  # fmt: skip


@dataclass
class LoadReport:
    period: str
    files: list[dict] = field(default_factory=list)
    n_figures: int = 0

    @property
    def quarantined(self) -> list[dict]:
        return [f for f in self.files if f["status"] == "quarantined"]

    def to_dict(self) -> dict:
        return {"period": self.period, "n_figures": self.n_figures, "files": self.files}


def period_files(period: str) -> list[tuple[str, Path]]:
    """(source, path) of every file received for the period: raw/<source>/<period>/*."""
    raw = settings().raw_dir
    out = []
    for folder in sorted(raw.glob(f"*/{check_period(period)}")):
        for path in sorted(folder.iterdir()):
            # editor lock files are not submissions; everything else received is accounted for
            if (path.is_file() or path.is_symlink()) and not path.name.startswith(("~$", ".~lock")):
                out.append((folder.parent.name, path))
    return out


def bundled_periods() -> list[str]:
    raw = settings().raw_dir
    found = set()
    for p in raw.glob("*/*"):
        try:
            found.add(check_period(p.name))
        except ValueError:
            continue
    return sorted(found)


def _quarantine(period: str, source: str, path: Path, sha: str, err: RejectedFile, copy_from: Path | None) -> Path:
    qdir = settings().quarantine_dir / period / source
    qdir.mkdir(parents=True, exist_ok=True)
    target = qdir / f"{sha[:16]}__{safe_name(path.name)}"
    if copy_from is not None and not target.exists():  # same bytes quarantined before: keep the first copy
        shutil.copyfile(copy_from, target)
    reason = {
        "period": period,
        "source": source,
        "original_path": str(path),
        "sha256": sha,
        **err.to_dict(),
    }
    target.with_name(target.name + ".reason.json").write_text(
        json.dumps(reason, ensure_ascii=False, indent=2, default=str), encoding="utf-8"
    )
    return target


def _check_against_catalogue(figs: list[dict], period: str, resolutions: list[dict], targets: list[dict]) -> None:
    """Figures must name a resolution and target of the catalogue and not be dated after the period."""
    by_key = {(r["province_code"], r["resolution_code"]): r["resolution_id"] for r in resolutions}
    leaf = {(t["resolution_id"], t["target_code"]) for t in targets if not t["is_multi_part"]}
    last_day = month_end(period)
    errors = []
    for f in figs:

        def bad(column: str, found: object, expected: str, code: str, f: dict = f) -> None:
            errors.append(CellError(f["sheet"], f"row {f['row_number']}", column, str(found), expected, code))

        rid = by_key.get((f["admin_unit_code"], f["resolution_code"]))
        f["resolution_id"] = rid
        if rid is None:
            bad("Mã nghị quyết", f["resolution_code"], f"a resolution of {f['admin_unit_raw']} in the catalogue",
                "unknown_resolution")  # fmt: skip
        elif (rid, f["target_code"]) not in leaf:
            bad("Mã chỉ tiêu", f["target_code"],
                f"a target code of {f['resolution_code']} (parts of multi-part targets: 6.a, 6.b ...)",
                "unknown_target")  # fmt: skip
        if f["as_of"] and (f["as_of"] - last_day).days > 366:
            bad("Số liệu tính đến ngày", f["as_of_raw"] or f["as_of"],
                f"a date within or before the reporting period {period}; {f['as_of'].year} is years away "
                "(a typo in the year?)", "implausible_date")  # fmt: skip
        elif f["as_of"] and f["as_of"] > last_day:
            bad("Số liệu tính đến ngày", f["as_of"], f"a date within or before the reporting period {period}",
                "as_of_after_period")  # fmt: skip
        if f["reference_start"] and f["reference_start"] > last_day:
            bad(
                "Kỳ số liệu",
                f["reference_period_raw"],
                f"a period that has begun by the end of the reporting period {period}",
                "reference_after_period",
            )
    if errors:
        code = errors[0].code
        raise RejectedFile(code, "; ".join(str(e) for e in errors[:20]), errors)


def load_period(period: str) -> LoadReport:
    """Every file of the period is read, checked and quarantined or kept one by one; then one transaction
    replaces the period's rows. Portal exports are staged before it, as a file DuckDB cannot read would abort it."""
    check_period(period)
    s = settings()
    resolutions, targets, claims = catalogue.load_all(s.catalogue_dir)
    report = LoadReport(period)
    all_figs: list[dict] = []
    seen: dict[str, str] = {}
    not_begun = dt.date.fromisoformat(f"{period}-01") > dt.date.today()
    with connect() as con:
        con.execute(DDL)
        for m in MIGRATIONS:
            con.execute(m)
        con.execute(portal.DDL)
        loaded_elsewhere = dict(
            con.execute(
                "select file_sha256, any_value(file_path) from raw.files "
                "where period <> ? and status = 'loaded' group by 1",
                [period],
            ).fetchall()
        )
        for source, path in period_files(period):
            rel = str(path.relative_to(s.raw_dir))
            entry = {
                "period": period, "source": source, "file_path": rel, "file_name": path.name, "file_sha256": None,
                "size_bytes": path.lstat().st_size, "status": "loaded", "reason_code": None, "reason": None,
                "n_figures": 0, "quarantine_path": None, "received_at": None, "archived_path": None,
                "duplicate_of": None,
            }  # fmt: skip
            receipt = None
            figs: list[dict] = []
            try:
                if path.is_symlink():
                    check_file(path)  # refuses it; a link is never followed nor archived
                receipt = receive(path, source, period, rel)  # everything received is kept, the bad files too
                entry.update(
                    file_sha256=receipt.sha256, received_at=receipt.received_at, archived_path=str(receipt.archived)
                )
                # the one place a file's content is read: whatever goes wrong in there rejects this file only
                with read_guard():
                    check_file(receipt.archived, portal=is_portal_source(source))
                    first = seen.get(receipt.sha256) or loaded_elsewhere.get(receipt.sha256)
                    if first:
                        entry.update(
                            status="duplicate", duplicate_of=first, reason=f"the same bytes as {first}: loaded once"
                        )
                    else:
                        seen[receipt.sha256] = rel
                        if not_begun:
                            raise RejectedFile("future_period", f"filed under {period}, a month that has not begun yet")
                        if is_portal_source(source):
                            entry["n_figures"] = portal.stage(
                                con, receipt.archived, period=period, source=source, rel=rel, sha=receipt.sha256
                            )
                        else:
                            figs = read_submission(receipt.archived)
                _check_against_catalogue(figs, period, resolutions, targets)
            except RejectedFile as err:
                err.message = f"{path.name}: {err.message}"  # every reason names its file
                # without a receipt the file was a symlink: named by a hash of where it points, never read
                sha = receipt.sha256 if receipt else hashlib.sha256(f"symlink:{os.readlink(path)}".encode()).hexdigest()
                q = _quarantine(period, source, path, sha, err, receipt.archived if receipt else None)
                entry.update(status="quarantined", reason_code=err.code, reason=err.message, quarantine_path=str(q))
            else:
                for f in figs:
                    f.update(
                        period=period, source=source, file_path=rel, file_sha256=receipt.sha256,
                        received_at=receipt.received_at,
                    )  # fmt: skip
                if not is_portal_source(source):
                    entry["n_figures"] = len(figs)
                all_figs.extend(figs)
            report.files.append(entry)
        report.files.sort(key=lambda e: e["file_path"])
        report.n_figures = len(all_figs)
        _replace_period(con, period, report, all_figs, resolutions, targets, claims)
    return report


def _replace_period(con, period: str, report: LoadReport, all_figs, resolutions, targets, claims) -> None:
    figures_df = pd.DataFrame(all_figs, columns=FIGURE_COLUMNS)
    for c in ("value", "numerator", "denominator"):
        figures_df[c] = figures_df[c].map(lambda v: None if v is None else str(v)).astype("object")
    res_df = pd.DataFrame(resolutions)
    tgt_df = pd.DataFrame(targets)
    claims_df = pd.DataFrame(
        claims,
        columns=["resolution_id", "claim_id", "document", "section", "text_vi", "assessment_month",
                 "horizon_year", "claimed_met", "claimed_total"],
    )  # fmt: skip
    au_df = pd.DataFrame(admin_units.provinces())
    # reference tables hold the catalogue as it stands now: recreated, so their columns follow the code
    con.execute(
        "drop table if exists raw.resolutions; drop table if exists raw.targets; "
        "drop table if exists raw.admin_units; drop table if exists raw.claims"
    )
    con.execute(DDL)
    con.execute("begin transaction")
    try:
        # reference data: the whole catalogue as it stands in raw/catalogue
        for table, df in (
            ("resolutions", res_df), ("targets", tgt_df), ("admin_units", au_df), ("claims", claims_df)
        ):  # fmt: skip
            con.execute(f"delete from raw.{table}")
            if df.empty:
                continue
            con.register("incoming", df)
            con.execute(f"insert into raw.{table} by name select * from incoming")
            con.unregister("incoming")
        # the period: replaced, nothing else touched
        con.execute("delete from raw.files where period = ?", [period])
        con.execute("delete from raw.figures where period = ?", [period])
        con.execute("delete from raw.portal_dossiers where period = ?", [period])
        portal.publish_staged(con)
        files_df = pd.DataFrame(report.files, columns=FILE_COLUMNS)
        if len(files_df):
            con.register("incoming", files_df)
            con.execute("insert into raw.files by name select * from incoming")
            con.unregister("incoming")
        if len(figures_df):
            con.register("incoming", figures_df)
            con.execute(
                "insert into raw.figures by name select * replace ("
                "cast(value as decimal(38,10)) as value, cast(numerator as decimal(38,10)) as numerator, "
                "cast(denominator as decimal(38,10)) as denominator) from incoming"
            )
            con.unregister("incoming")
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
