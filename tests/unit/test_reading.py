"""The reading boundary: NFC before matching, and a parser's error turned into the file's own rejection."""

from __future__ import annotations

import unicodedata
import zipfile
from xml.etree.ElementTree import ParseError

import duckdb
import pytest

from chitieu.ingest.errors import RejectedFile
from chitieu.ingest.numbers import NumberTextError, parse_vi_number
from chitieu.ingest.reading import in_sheet, nfc, nfc_rows, read_guard, unreadable
from chitieu.ingest.submissions import read_submission


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_nfc_leaves_other_values_alone():
    assert nfd("tháng 8/2023") != "tháng 8/2023" and nfc(nfd("tháng 8/2023")) == "tháng 8/2023"
    assert nfc_rows([[nfd("Tỉnh Lai Châu"), 1.5, None]]) == [["Tỉnh Lai Châu", 1.5, None]]


def test_a_submission_in_decomposed_unicode_reads_like_any_other(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = nfd("Xếp hạng")
    ws.append([nfd(h) for h in ["Mã nghị quyết", "Mã chỉ tiêu", "Đơn vị hành chính", "Kết quả", "Đơn vị tính",
                                "Kỳ số liệu", "Số liệu tính đến ngày"]])  # fmt: skip
    ws.append([nfd(v) for v in ["08-NQ/TU", "1", "Tỉnh Lai Châu"]] + [0.3736] + [nfd(v) for v in
              ["phần trăm", "tháng 8/2023", "18/8/2023"]])  # fmt: skip
    ws["D2"].number_format = "0.00%"
    wb.save(tmp_path / "mac.xlsx")
    (fig,), errors = read_submission(tmp_path / "mac.xlsx")
    assert errors == []
    assert fig.sheet == "Xếp hạng" and fig.reference_period == "2023-08" and fig.admin_unit_code == "12"
    assert fig.unit == "%" and float(fig.value) == 37.36  # the percent format found under the NFC name
    assert fig.reference_period_raw == "tháng 8/2023"  # kept as NFC


@pytest.mark.parametrize(
    ("exc", "code"),
    [
        (type("XmlError", (Exception,), {})("at 0..0: unrecognized entity `&foo;`"), "xml_entity_rejected"),
        (ParseError("undefined entity: line 1, column 976"), "xml_entity_rejected"),
        (type("XmlError", (Exception,), {})("syntax error: tag not closed"), "malformed_xml"),
        (type("XmlError", (Exception,), {})("I/O error: corrupt deflate stream"), "corrupt_workbook"),
        (zipfile.BadZipFile("Bad CRC-32 for file 'xl/worksheets/sheet1.xml'"), "corrupt_workbook"),
        (type("WorksheetNotFound", (Exception,), {})("SoLieu"), "missing_part"),
        (KeyError("There is no item named 'xl/sharedStrings.xml' in the archive"), "missing_part"),
        (type("PasswordError", (Exception,), {})("workbook is encrypted"), "legacy_or_encrypted"),
        (duckdb.InvalidInputException("Invalid Input Error: CSV Error on Line: 4\nhints"), "malformed_csv"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "unknown_encoding"),
        (type("ZipError", (Exception,), {})("invalid Zip archive"), "unreadable_workbook"),
        (RuntimeError("anything else"), "unreadable_file"),
    ],
)
def test_a_parsers_error_gets_the_sharpest_code(exc, code):
    assert unreadable(exc).code == code


def test_the_guard_names_the_sheet_and_keeps_the_parsers_words():
    with pytest.raises(RejectedFile) as caught, read_guard(), in_sheet("SoLieu"):
        raise ValueError("unrecognized entity `&foo;`")
    assert caught.value.code == "xml_entity_rejected"
    assert "sheet 'SoLieu': ValueError: unrecognized entity `&foo;`" in caught.value.message
    assert isinstance(caught.value.__cause__, ValueError)
    with pytest.raises(RejectedFile) as caught, read_guard():
        raise duckdb.InvalidInputException("CSV Error on Line: 4\nPossible fixes: ...")
    assert caught.value.message.endswith("InvalidInputException: CSV Error on Line: 4")  # not DuckDB's hints


@pytest.mark.parametrize(
    "exc",
    [duckdb.ConnectionException("Connection already closed!"), duckdb.TransactionException("aborted"), MemoryError()],
)
def test_errors_of_the_warehouse_or_machine_are_not_the_files(exc):
    with pytest.raises(type(exc)), read_guard():
        raise exc


def test_a_rejection_passes_through_unchanged():
    with pytest.raises(RejectedFile) as caught, read_guard():
        raise RejectedFile("no_header", "no header")
    assert (caught.value.code, caught.value.message) == ("no_header", "no header")


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("37,36%%", "repeated_symbol"),
        ("1..5", "repeated_symbol"),
        ("1,07E+10", "scientific_notation"),
        (True, "wrong_type"),
        ("3x", "not_a_number"),
        ("đang cập nhật...", "not_a_number"),
    ],
)
def test_each_kind_of_non_number_has_its_code(value, code):
    with pytest.raises(NumberTextError) as caught:
        parse_vi_number(value)
    assert caught.value.code == code
