"""The boundary where a received file becomes text: what is read is NFC before anything matches or parses
it, and whatever goes wrong while reading one file rejects that file, never the period.

NFC because the same Vietnamese text can arrive composed ("ạ" one code point, as Windows and Excel write it)
or decomposed ("a" + U+0323, as macOS and some web tools write it): both read the same on screen, so both
must match the same. The raw text kept for provenance (value_raw, reference_period_raw, ...) is the NFC form:
canonically equivalent to the bytes received, which stay untouched in the archive.
"""

from __future__ import annotations

import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

import duckdb

from chitieu.ingest.errors import RejectedFile

# errors of the warehouse or the machine, not of the file being read: they stop the load as before
NOT_ABOUT_THE_FILE: tuple[type[BaseException], ...] = (
    MemoryError,
    duckdb.ConnectionException,
    duckdb.FatalException,
    duckdb.InternalException,
    duckdb.InterruptException,
    duckdb.OutOfMemoryException,
    duckdb.TransactionException,
)


def nfc(value: object) -> object:
    """Text in NFC; anything else (numbers, dates, None) as it is."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def nfc_rows(rows: list[list]) -> list[list]:
    return [[nfc(v) for v in row] for row in rows]


def fold(text: object) -> str:
    """Text reduced for matching a header or a name as people type it: lower case, single spaces, no
    diacritics (đ -> d), so "Mã  chỉ tiêu", "ma chi tieu" and "MÃ CHỈ TIÊU" are the same key."""
    s = " ".join(str(text or "").strip().lower().split()).replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@contextmanager
def in_sheet(sheet: str) -> Iterator[None]:
    """Say which sheet was being read in whatever error escapes (read_guard puts it in the message)."""
    try:
        yield
    except Exception as exc:
        if not isinstance(exc, RejectedFile):
            exc.add_note(f"sheet '{sheet}'")
        raise


@contextmanager
def read_guard() -> Iterator[None]:
    """The one place where an error reading a file becomes that file's rejection (the loader quarantines it
    and names the file); errors of the warehouse or the machine pass through."""
    try:
        yield
    except (RejectedFile, *NOT_ABOUT_THE_FILE):
        raise
    except Exception as exc:
        raise unreadable(exc) from exc


def unreadable(exc: Exception) -> RejectedFile:
    """A RejectedFile for an error a parser raised: the sharpest code the error allows, the sheet when known,
    and the parser's own words."""
    text = str(exc).split("\n")[0] if isinstance(exc, duckdb.Error) else str(exc)  # DuckDB appends hints
    detail = " ".join(text.split())[:500] or type(exc).__name__
    where = "".join(f"{n}: " for n in getattr(exc, "__notes__", []))
    kind = type(exc).__name__
    low = detail.lower()
    if "entity" in low:  # openpyxl's and DuckDB's read_xlsx words for an XML entity Excel never writes
        code, what = "xml_entity_rejected", "the workbook's XML uses an entity the parser refuses (not Excel's)"
    elif isinstance(exc, duckdb.Error):  # DuckDB reads only portal exports (CSV, or a sheet: read_xlsx)
        code, what = "malformed_csv", "the export cannot be read as a table"
    elif "deflate" in low or "crc" in low or isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        code, what = "corrupt_workbook", "a part of the workbook is damaged (its compressed data does not unpack)"
    elif kind in ("WorksheetNotFound", "SheetNotFoundError") or "not found" in low or "no item named" in low:
        code, what = "missing_part", "the workbook lists a part (a sheet, its shared strings) that is not in it"
    elif kind == "PasswordError" or "password" in low:
        code, what = "legacy_or_encrypted", "a password-protected workbook; save it without a password"
    elif kind == "XmlError" or "xml" in low or isinstance(exc, ParseError | ExpatError):
        code, what = "malformed_xml", "the workbook's XML is malformed (a tag not closed, text cut short)"
    elif isinstance(exc, UnicodeError):
        code, what = "unknown_encoding", "text that is not valid in its encoding"
    elif kind in ("CalamineError", "ZipError") or type(exc).__module__.lstrip("_") in ("fastexcel", "python_calamine"):
        code, what = "unreadable_workbook", "not a readable .xlsx workbook"
    else:
        code, what = "unreadable_file", "the file could not be read"
    return RejectedFile(code, f"{what}; {where}{kind}: {detail}")
