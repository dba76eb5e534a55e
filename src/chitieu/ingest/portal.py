"""Dossier-level exports of the public-service portals (CSV in UTF-8, UTF-8 with BOM or UTF-16; XLSX), loaded
row by row into raw.portal_dossiers with the file's sha256 and each row's number. The indicators (on-time,
online, digitised, paid online) are computed in dbt (marts/portal), not here."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import duckdb

from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.reading import fold, nfc
from chitieu.ingest.records import FileEntry
from chitieu.lake import extension_directory

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

_BY_HEADER = {fold(v): k for k, v in COLUMNS.items()} | {k: k for k in COLUMNS}


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


def _source(con: duckdb.DuckDBPyConnection, path: Path) -> str:
    """A SQL table expression over the file's rows, every column as text."""
    if path.suffix.lower() == ".csv":
        enc = detect_encoding(path)
        return (
            f"read_csv('{path}', header = true, all_varchar = true, encoding = '{enc}', delim = ',', "
            "quote = '\"', strict_mode = true, null_padding = false)"
        )
    # DuckDB's excel extension streams the sheet (a 1M-row export in ~300 MB, where reading it whole takes 1,2 GB);
    # every row, blank ones too (a blank row reads as a bad row, never as the end of the export)
    con.execute(f"set extension_directory = '{extension_directory()}'; load excel")
    return f"read_xlsx('{path}', all_varchar = true, header = true, stop_at_empty = false)"


def _map_columns(cols: list[str]) -> dict[str, str]:
    """Header as read -> canonical column. DuckDB names a repeated header 'Mã hồ sơ_1'."""
    mapping: dict[str, str] = {}
    for c in cols:
        base = re.sub(r"_\d+$", "", c) if fold(nfc(c)) not in _BY_HEADER else c
        if (canon := _BY_HEADER.get(fold(nfc(base)))) is None:
            continue
        if canon in mapping.values():
            first = next(o for o, k in mapping.items() if k == canon)
            raise RejectedFile(
                "duplicate_column", f"the columns {first!r} and {c!r} are both '{COLUMNS[canon]}'; keep one"
            )
        mapping[c] = canon
    return mapping


def stage(con: duckdb.DuckDBPyConnection, path: Path, entry: FileEntry) -> int:
    """Read the export and append its rows to the staging table (STAGING); raise RejectedFile (nothing
    appended) if any is bad. Run outside the period's transaction: a file DuckDB cannot read would abort it.

    The file is read once into `staged`: the text of each mapped column (NFC) and its parsed value, with the
    row number (the CSV line, or the sheet row); the checks and the append then work on that table. Errors of
    the parsers themselves are raised as they are; the loader's read_guard rejects the file for them."""
    src = _source(con, path)
    cur = con.execute(f"select * from {src} limit 0")
    cols = [d[0] for d in cur.description]
    cur.fetchall()
    mapping = _map_columns(cols)
    missing = [COLUMNS[k] for k in COLUMNS if k not in mapping.values() and k not in OPTIONAL]
    if missing:
        raise RejectedFile("missing_column", "the export lacks the column(s) " + ", ".join(f"'{m}'" for m in missing))
    sel = {canon: f'vi_nfc("{orig}")' for orig, canon in mapping.items()}
    for k in OPTIONAL:
        sel.setdefault(k, "cast(null as varchar)")
    text_cols = ", ".join(f"{sel[k]} as {k}_text" for k in COLUMNS)
    con.execute(PARSE_MACROS)
    parsed_cols = ", ".join(f"{macro}({k}_text) as {k}_p" for k, macro in PARSED_BY.items())
    # rows keep the file's order (DuckDB preserves insertion order), so rowid + 2 is the CSV line / sheet row
    con.execute(
        f"create or replace temp table staged_rows as "
        f"with t as (select {text_cols} from {src}) select *, {parsed_cols} from t"
    )
    con.execute(
        "create or replace temp view staged as "
        "select rowid - (select min(rowid) from staged_rows) + 2 as row_number, * from staged_rows"
    )
    _staging(con)
    _check(con, entry.source)
    return con.execute(
        f"""
        insert into {STAGING} by name
        select $period as period, $source as source, $rel as file_path, $sha as file_sha256, row_number,
               dossier_id_text as dossier_id, procedure_text as procedure, field_text as field,
               receiving_unit_text as receiving_unit, level_p as level, received_date_p as received_date,
               due_date_p as due_date, returned_date_p as returned_date, channel_p as channel,
               service_type_p as service_type, digitised_p as digitised, paid_online_p as paid_online,
               $received_at as received_at
        from staged
        """,
        {
            "period": entry.period,
            "source": entry.source,
            "rel": entry.file_path,
            "sha": entry.file_sha256,
            "received_at": entry.received_at,
        },
    ).fetchall()[0][0]


STAGING = "intake.portal_incoming"  # the accepted exports' rows, until the period's transaction takes them


def _staging(con: duckdb.DuckDBPyConnection, empty: bool = False) -> None:
    """The staging table, shaped as raw.portal_dossiers: made if missing, or emptied (`empty`)."""
    create = "create or replace table" if empty else "create table if not exists"
    con.execute(f"create schema if not exists intake; {create} {STAGING} as from raw.portal_dossiers limit 0")


def start_staging(con: duckdb.DuckDBPyConnection) -> None:
    """An empty staging table, before the period's exports are read (by any number of connections)."""
    _staging(con, empty=True)


def publish_staged(con: duckdb.DuckDBPyConnection) -> None:
    """Inside the period's transaction: the staged rows of every accepted export into raw.portal_dossiers."""
    _staging(con)
    con.execute(f"insert into raw.portal_dossiers by name select * from {STAGING}")
    con.execute(f"drop table {STAGING}")


# vi_nfc: the text in NFC, an empty cell as null (read_csv reads one so, read_xlsx as ''). Text made only of
# ASCII, Latin-1, Latin Extended-A/B and Latin Extended Additional (all precomposed Vietnamese) is NFC already,
# and skipping it halves the cost of the read.
# How the portals write a date, a level, a service type, a channel, yes or no: SQL macros, applied to the
# text of each mapped column (a value none of them knows reads null, and _check names its row)
PARSE_MACROS = """
create or replace temp macro vi_nfc(t) as
    if(regexp_matches(t, '[^\\x00-\\x{24F}\\x{1E00}-\\x{1EFF}]'), nfc_normalize(t), nullif(t, ''));
create or replace temp macro vi_date(t) as try_strptime(t, '%d/%m/%Y')::date;
create or replace temp macro vi_level(t) as case lower(trim(t))
    when 'tỉnh' then 'province' when 'tinh' then 'province' when 'huyện' then 'district'
    when 'huyen' then 'district' when 'xã' then 'commune' when 'xa' then 'commune' end;
create or replace temp macro vi_service_type(t) as case lower(trim(t))
    when 'toàn trình' then 'fully_online' when 'toan trinh' then 'fully_online'
    when 'một phần' then 'partly_online' when 'mot phan' then 'partly_online' end;
create or replace temp macro vi_channel(t) as
    case when lower(trim(t)) in ('trực tuyến', 'truc tuyen', 'online') then 'online' else 'in_person' end;
create or replace temp macro vi_yes_no(t) as case lower(trim(t))
    when 'có' then true when 'co' then true when '1' then true
    when 'không' then false when 'khong' then false when '0' then false end;
"""
PARSED_BY = {
    "received_date": "vi_date", "due_date": "vi_date", "returned_date": "vi_date", "level": "vi_level",
    "service_type": "vi_service_type", "channel": "vi_channel", "digitised": "vi_yes_no", "paid_online": "vi_yes_no",
}  # fmt: skip


def _check(con: duckdb.DuckDBPyConnection, source: str) -> None:
    """The first bad row of `staged`, if any, as a RejectedFile."""
    checks: list[tuple[str, str, str, str]] = []  # (code, column, condition on staged, what was expected)
    for k in TEXT_COLUMNS:  # a cell a spreadsheet would run as a formula (CSV injection) is refused
        checks.append(("formula_injection", k, f"regexp_matches({k}_text, '^[=+@\\-]')",
                       "no leading =, +, - or @ (remove it)"))  # fmt: skip
    for k in ("received_date", "due_date", "returned_date"):
        checks.append(("bad_date", k, f"{k}_text is not null and {k}_p is null", "a date dd/mm/yyyy"))
    for k, expected in (("level", "tỉnh | huyện | xã"), ("service_type", "toàn trình | một phần"),
                        ("digitised", "có | không"), ("paid_online", "có | không")):  # fmt: skip
        checks.append(("bad_value", k, f"{k}_p is null", expected))
    aggs = ", ".join(f"min(row_number) filter (where {cond})" for _, _, cond, _ in checks)
    firsts = con.execute(f"select {aggs} from staged").fetchall()[0]
    for (code, k, _, expected), row in zip(checks, firsts, strict=True):
        if row is not None:
            value = con.execute(f"select {k}_text from staged where row_number = ?", [row]).fetchall()[0][0]
            raise RejectedFile(code, f"row {row}, column '{COLUMNS[k]}': {value!r}; expected {expected}")
    dup = con.execute("select dossier_id_text, count(*) from staged group by 1 having count(*) > 1 limit 1").fetchall()
    if dup:
        raise RejectedFile("duplicate_row", f"dossier {dup[0][0]!r} appears {dup[0][1]} times in the export")
    again = con.execute(  # the exports of one portal staged before this one, this month
        f"select s.row_number, s.dossier_id_text, p.file_path, p.row_number from staged s join {STAGING} p "
        "on p.dossier_id = s.dossier_id_text and p.source = ? order by s.row_number limit 1",
        [source],
    ).fetchall()
    if again:
        r, dossier, other, other_row = again[0]
        raise RejectedFile(
            "duplicate_dossier",
            f"row {r}, column '{COLUMNS['dossier_id']}': dossier {dossier!r} is already in {other} row "
            f"{other_row} of this month; send each dossier once (one export, or exports that do not overlap)",
        )
