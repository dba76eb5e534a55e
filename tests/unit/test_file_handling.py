"""Fast checks of the parts a received file passes through: the guards before any parser, the archive, the
portal reader on DuckDB, and the verification of a published snapshot."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from pathlib import Path

import duckdb
import pytest

from chitieu.errors import RejectCode
from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.guards import check_file
from tests.conftest import ROOT

SMALL = ROOT / "tests" / "fixtures" / "portal_export_small.csv"


def refused(path: Path, **kw) -> RejectCode:
    with pytest.raises(RejectedFile) as exc:
        check_file(path, **kw)
    return exc.value.code


def test_guards_refuse_what_no_parser_should_see(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"x")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    (tmp_path / "ole.xlsx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    (tmp_path / "text.xlsx").write_bytes(b"hello, this is not a workbook")
    with zipfile.ZipFile(tmp_path / "nowb.xlsx", "w") as z:
        z.writestr("readme.txt", "x")
    with zipfile.ZipFile(tmp_path / "bomb.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<w/>")
        z.writestr("xl/worksheets/sheet1.xml", "0" * 5_000_000)  # compresses ~1000x
    (tmp_path / "link.xlsx").symlink_to(tmp_path / "text.xlsx")
    assert refused(tmp_path / "a.xls") == RejectCode.UNSUPPORTED_TYPE
    assert refused(tmp_path / "empty.xlsx") == RejectCode.EMPTY_FILE
    assert refused(tmp_path / "ole.xlsx") == RejectCode.LEGACY_OR_ENCRYPTED
    assert refused(tmp_path / "text.xlsx") == RejectCode.NOT_A_ZIP
    assert refused(tmp_path / "nowb.xlsx") == RejectCode.NOT_XLSX
    assert refused(tmp_path / "bomb.xlsx") == RejectCode.ZIP_BOMB
    assert refused(tmp_path / "link.xlsx") == RejectCode.SYMLINK
    assert refused(tmp_path / "a.xls", portal=True) == RejectCode.UNSUPPORTED_TYPE
    check_file(SMALL, portal=True)  # a portal export passes
    check_file(ROOT / "raw/so-noi-vu/2023-08/so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx")


def test_the_archive_keeps_one_read_only_copy_and_every_arrival(tmp_path, monkeypatch):
    from chitieu.ingest.archive import archived_copy, receive

    monkeypatch.setenv("CHITIEU_WAREHOUSE_DIR", str(tmp_path / "wh"))
    landed = tmp_path / "a.xlsx"
    landed.write_bytes(b"PK same bytes")
    first = receive(landed, "so-a", "2023-07", "so-a/2023-07/a.xlsx")
    again = receive(landed, "so-a", "2023-07", "so-a/2023-07/a.xlsx")
    other = receive(landed, "so-b", "2023-08", "so-b/2023-08/a.xlsx")
    assert first == again  # the same arrival: the same receipt, the first time kept
    assert other.archived == first.archived == archived_copy(hashlib.sha256(b"PK same bytes").hexdigest(), "a.xlsx")
    assert first.archived.read_bytes() == b"PK same bytes"
    assert not first.archived.stat().st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)
    log = json.loads(first.archived.with_name(f"{first.sha256}.receipts.json").read_text())
    assert [(r["source"], r["period"]) for r in log] == [("so-a", "2023-07"), ("so-b", "2023-08")]
    landed.write_bytes(b"PK changed in the landing zone")
    assert first.archived.read_bytes() == b"PK same bytes"


def _stage(path: Path, source: str = "portal-x") -> tuple[duckdb.DuckDBPyConnection, int]:
    from chitieu.ingest import portal, raw_schema
    from chitieu.ingest.records import FileEntry

    con = duckdb.connect()
    raw_schema.ensure(con)
    entry = FileEntry("2023-08", source, f"{source}/2023-08/{path.name}", path.name, file_sha256="ab" * 32,
                      received_at="2023-09-01T00:00:00+00:00")  # fmt: skip
    return con, portal.stage(con, path, entry)


def test_portal_export_rows_parse_with_their_row_numbers(tmp_path):
    con, n = _stage(SMALL)
    assert n == 50
    rows = con.execute(
        "select min(row_number), max(row_number), count(distinct dossier_id), count(received_date), "
        "count(*) filter (where level is null), any_value(received_at) from intake.portal_incoming"
    ).fetchone()
    assert rows == (2, 51, 50, 50, 0, "2023-09-01T00:00:00+00:00")


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda t: t.replace("01/08/2023", "2023-08-01", 1), RejectCode.BAD_DATE),
        (lambda t: t.replace(",Tỉnh,", ",Vùng,", 1), RejectCode.BAD_VALUE),
        (lambda t: t.replace("000.00.12.H32-00000031", "=1+1", 1), RejectCode.FORMULA_INJECTION),
        (lambda t: t + t.splitlines()[1] + "\n", RejectCode.DUPLICATE_ROW),
        (lambda t: t.replace("Mã hồ sơ", "Mã hồ sơ gốc", 1), RejectCode.MISSING_COLUMN),
    ],
)
def test_a_bad_portal_row_refuses_the_export_naming_it(tmp_path, change, code):
    path = tmp_path / "x.csv"
    path.write_text(change(SMALL.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RejectedFile) as exc:
        _stage(path)
    assert exc.value.code == code


def test_snapshot_verification_finds_a_changed_a_missing_and_an_extra_file(tmp_path):
    from chitieu.hashing import sha256_file
    from chitieu.publish.snapshot import verify

    (tmp_path / "a.parquet").write_bytes(b"rows")
    (tmp_path / "b.json").write_text("{}")
    manifest = {"files": {n: sha256_file(tmp_path / n) for n in ("a.parquet", "b.json")}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    assert verify(tmp_path) == []
    (tmp_path / "a.parquet").write_bytes(b"rows!")
    (tmp_path / "b.json").unlink()
    (tmp_path / "c.txt").write_text("added")
    problems = " | ".join(verify(tmp_path))
    assert "a.parquet does not match" in problems and "b.json is missing" in problems
    assert "c.txt is not listed" in problems


def test_snapshot_verification_covers_the_files_of_its_subfolders(tmp_path):
    from chitieu.hashing import sha256_file
    from chitieu.publish.snapshot import verify

    (tmp_path / "data_docs" / "static").mkdir(parents=True)
    (tmp_path / "data_docs" / "index.html").write_text("<html></html>")
    (tmp_path / "data_docs" / "static" / "app.js").write_text("1")
    listed = ("data_docs/index.html", "data_docs/static/app.js")
    (tmp_path / "manifest.json").write_text(json.dumps({"files": {n: sha256_file(tmp_path / n) for n in listed}}))
    assert verify(tmp_path) == []
    (tmp_path / "data_docs" / "static" / "app.js").write_text("2")
    (tmp_path / "data_docs" / "static" / "extra.js").write_text("")
    problems = " | ".join(verify(tmp_path))
    assert "data_docs/static/app.js does not match" in problems
    assert "data_docs/static/extra.js is not listed" in problems
