"""Dossier-level exports of the public-service portals (CSV in UTF-8, UTF-8 with BOM or UTF-16; XLSX), loaded
row by row into raw.portal_dossiers with the file's sha256 and each row's number. The indicators (on-time,
online, digitised, paid online) are computed in dbt (marts/portal), not here."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

import duckdb

from chitieu.ingest.errors import RejectedFile

# canonical column -> header in the portal's export
COLUMNS: dict[str, str] = {
    "dossier_id": "Mã hồ sơ",
    "procedure": "Tên thủ tục",
    "field": "Lĩnh vực",
    "receiving_unit": "Đơn vị tiếp nhận",
    "level": "Cấp",
    "received_date": "Ngày tiếp nhận",
    "due_date": "Hạn xử lý",
    "returned_date": "Ngày trả kết quả",
    "channel": "Hình thức nộp",
    "service_type": "Loại dịch vụ công",
    "digitised": "Số hóa",
    "paid_online": "Thanh toán trực tuyến",
}
OPTIONAL = {"returned_date", "field"}
TEXT_COLUMNS = ["dossier_id", "procedure", "field", "receiving_unit"]
SUFFIXES = {".csv", ".xlsx"}

DDL = """
create schema if not exists raw;
create table if not exists raw.portal_dossiers (
    period varchar, source varchar, file_path varchar, file_sha256 varchar, row_number bigint,
    dossier_id varchar, procedure varchar, field varchar, receiving_unit varchar, level varchar,
    received_date date, due_date date, returned_date date, channel varchar, service_type varchar,
    digitised boolean, paid_online boolean);
"""


def _fold(text: str) -> str:
    s = " ".join(str(text).strip().lower().split()).replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_BY_HEADER = {_fold(v): k for k, v in COLUMNS.items()} | {k: k for k in COLUMNS}


def is_portal_source(source: str) -> bool:
    return source.startswith("portal-")


def detect_encoding(path: Path) -> str:
    """utf-8 (with or without BOM) or utf-16 (with BOM); anything else is refused, never guessed."""
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    cut = head.rfind(b"\n") if len(head) == 1 << 20 else len(head)
    try:
        head[: cut if cut > 0 else len(head)].decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RejectedFile(
            "unknown_encoding",
            f"not UTF-8, UTF-8 with BOM or UTF-16 (byte {exc.start}: {head[exc.start : exc.start + 4]!r}); "
            "export the file again as CSV UTF-8",
        ) from exc
    return "utf-8"


def _stage(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """The file's rows as text, in table `staged` with a row_number (the line or sheet row of the record)."""
    if path.suffix.lower() == ".csv":
        enc = detect_encoding(path)
        try:
            con.execute(
                f"""create or replace temp table staged as
                select row_number() over () + 1 as row_number, *
                from read_csv('{path}', header = true, all_varchar = true, encoding = '{enc}',
                              delim = ',', quote = '"', strict_mode = true, null_padding = false)"""
            )
        except duckdb.Error as exc:
            raise RejectedFile("malformed_csv", f"the CSV cannot be read as a table: {exc}".split("\n")[0]) from exc
    else:
        import fastexcel

        try:
            sheet = fastexcel.read_excel(str(path)).load_sheet(0, dtypes="string")
            table = sheet.to_arrow()
        except Exception as exc:
            raise RejectedFile("unreadable_workbook", f"not a readable .xlsx export: {exc}") from exc
        con.register("arrow_rows", table)
        con.execute(
            "create or replace temp table staged as select row_number() over () + 1 as row_number, * from arrow_rows"
        )
        con.unregister("arrow_rows")


def load_export(con: duckdb.DuckDBPyConnection, path: Path, *, period: str, source: str, rel: str, sha: str) -> int:
    """Append the export's rows to raw.portal_dossiers; raise RejectedFile (nothing appended) if any is bad."""
    _stage(con, path)
    cur = con.execute("select * from staged limit 0")
    cols = [d[0] for d in cur.description][1:]
    cur.fetchall()
    mapping = {c: _BY_HEADER[_fold(c)] for c in cols if _fold(c) in _BY_HEADER}
    missing = [COLUMNS[k] for k in COLUMNS if k not in mapping.values() and k not in OPTIONAL]
    if missing:
        raise RejectedFile("missing_column", "the export lacks the column(s) " + ", ".join(f"'{m}'" for m in missing))
    sel = {canon: f'"{orig}"' for orig, canon in mapping.items()}
    for k in OPTIONAL:
        sel.setdefault(k, "null")

    def q(expr: str):
        rows = con.execute(expr).fetchall()  # DuckDB 2: a result must be read to its end
        return rows[0] if rows else None

    # a cell a spreadsheet would run as a formula (CSV injection) is refused, not loaded
    for k in TEXT_COLUMNS:
        if sel[k] == "null":
            continue
        hit = q(f"select row_number, {sel[k]} from staged where regexp_matches({sel[k]}, '^[=+@\\-]') limit 1")
        if hit:
            raise RejectedFile(
                "formula_injection",
                f"row {hit[0]}, column '{COLUMNS[k]}': {hit[1]!r} starts like a spreadsheet formula; "
                "remove the leading character",
            )
    dates = {k: f"try_strptime({sel[k]}, '%d/%m/%Y')::date" for k in ("received_date", "due_date", "returned_date")}
    for k, expr in dates.items():
        if sel[k] == "null":
            continue
        hit = q(f"select row_number, {sel[k]} from staged where {sel[k]} is not null and {expr} is null limit 1")
        if hit:
            raise RejectedFile("bad_date", f"row {hit[0]}, column '{COLUMNS[k]}': {hit[1]!r} is not a date dd/mm/yyyy")
    flags = {
        "channel": ("lower(trim({c})) in ('trực tuyến', 'truc tuyen', 'online')", "trực tuyến | trực tiếp | bưu chính"),
        "service_type": ("lower(trim({c})) in ('toàn trình', 'toan trinh', 'một phần', 'mot phan')",
                         "toàn trình | một phần"),
        "digitised": ("lower(trim({c})) in ('có', 'co', 'không', 'khong', '1', '0')", "có | không"),
        "paid_online": ("lower(trim({c})) in ('có', 'co', 'không', 'khong', '1', '0')", "có | không"),
        "level": ("lower(trim({c})) in ('tỉnh', 'tinh', 'huyện', 'huyen', 'xã', 'xa')", "tỉnh | huyện | xã"),
    }  # fmt: skip
    for k, (ok, expected) in flags.items():
        if k == "channel":
            continue  # any channel other than online counts as not online
        hit = q(f"select row_number, {sel[k]} from staged where not coalesce({ok.format(c=sel[k])}, false) limit 1")
        if hit:
            raise RejectedFile("bad_value", f"row {hit[0]}, column '{COLUMNS[k]}': {hit[1]!r}; expected {expected}")
    hit = q(f"select {sel['dossier_id']}, count(*) from staged group by 1 having count(*) > 1 limit 1")
    if hit:
        raise RejectedFile("duplicate_row", f"dossier {hit[0]!r} appears {hit[1]} times in the export")
    yes = "lower(trim({c})) in ('có', 'co', '1')"
    n = con.execute(
        f"""
        insert into raw.portal_dossiers
        select '{period}', '{source}', $rel, '{sha}', row_number,
               {sel["dossier_id"]}, {sel["procedure"]}, {sel["field"]}, {sel["receiving_unit"]},
               case when lower(trim({sel["level"]})) in ('tỉnh', 'tinh') then 'province'
                    when lower(trim({sel["level"]})) in ('huyện', 'huyen') then 'district' else 'commune' end,
               {dates["received_date"]}, {dates["due_date"]},
               {dates["returned_date"] if sel["returned_date"] != "null" else "null"},
               case when {flags["channel"][0].format(c=sel["channel"])} then 'online' else 'in_person' end,
               case when lower(trim({sel["service_type"]})) in ('toàn trình', 'toan trinh') then 'fully_online'
                    else 'partly_online' end,
               {yes.format(c=sel["digitised"])}, {yes.format(c=sel["paid_online"])}
        from staged
        """,
        {"rel": rel},
    ).fetchall()[0][0]
    return n
