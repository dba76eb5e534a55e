"""Checks on a received file before any parser sees it: what it is, how big it is, how big it would become."""

from __future__ import annotations

import zipfile
from pathlib import Path

from chitieu.ingest.errors import RejectedFile

MAX_BYTES = 50 * 1024 * 1024  # a department submission is a few hundred kB
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200  # compressed -> uncompressed; sheet XML compresses ~10-20x, a zip bomb by thousands
SUPPORTED = {".xlsx"}


PORTAL_MAX_BYTES = 4 * 1024 * 1024 * 1024  # a portal export of a few million dossiers
PORTAL_MAX_UNCOMPRESSED = 16 * 1024 * 1024 * 1024  # a 1M-row export is ~760 MB of sheet XML


def check_file(path: Path, *, portal: bool = False) -> None:
    if path.is_symlink():
        raise RejectedFile("symlink", "the file is a symbolic link; send the file itself (links are not followed)")
    allowed = {".csv", ".xlsx"} if portal else SUPPORTED
    if path.suffix.lower() not in allowed:
        raise RejectedFile(
            "unsupported_type",
            f"'{path.suffix or '(no extension)'}' files are not read; "
            + ("send the export as .csv or .xlsx" if portal else "send the .xlsx template"),
        )
    size = path.stat().st_size
    if size == 0:
        raise RejectedFile("empty_file", "the file is empty (0 bytes)")
    limit = PORTAL_MAX_BYTES if portal else MAX_BYTES
    if size > limit:
        raise RejectedFile("too_large", f"{size} bytes; at most {limit} bytes are accepted")
    if path.suffix.lower() == ".csv":
        return
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise RejectedFile(
            "legacy_or_encrypted",
            "an OLE file: an old .xls saved as .xlsx, or a password-protected workbook; save as plain .xlsx",
        )
    if not head.startswith(b"PK"):
        raise RejectedFile("not_a_zip", "not an .xlsx workbook (an .xlsx file is a zip archive; this one is not)")
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
    except zipfile.BadZipFile as exc:
        raise RejectedFile("corrupt_zip", f"a damaged or truncated .xlsx (zip: {exc}); send the file again") from exc
    if "xl/workbook.xml" not in names:
        raise RejectedFile("not_xlsx", "a zip archive without xl/workbook.xml: not an Excel workbook")
    if total > (PORTAL_MAX_UNCOMPRESSED if portal else MAX_UNCOMPRESSED) or total > MAX_RATIO * size:
        raise RejectedFile(
            "zip_bomb",
            f"would expand from {size} to {total} bytes ({total // max(size, 1)}x); refused without reading it",
        )
