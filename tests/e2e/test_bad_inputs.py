"""A corpus of malformed and hostile inputs, all in one period beside a good file. Each is refused with its
own reason, the good file still loads, nothing received is changed or lost (checked by hash)."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from tests.conftest import LAI_CHAU, tree_hashes

PERIOD = "2023-08"
GOOD = dict(target_code="1", value="37,36%", unit="%", reference_period="năm 2023", as_of="18/8/2023")


def workbook(path: Path, rows: list[dict] | None = None, sheet: str | None = None, header: list | None = None):
    from chitieu.ingest.template import write_submission

    if header is None and sheet is None:
        return write_submission(path, reporter="x", period_label=PERIOD, rows=[LAI_CHAU | r for r in rows or []])
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = sheet or "SoLieu"
    if header:
        ws.append(header)
        ws.append(["1", "08-NQ/TU", "1", "Tỉnh Lai Châu", "37,36", "năm 2023", "18/8/2023"][: len(header)])
    else:
        ws.append(["Báo cáo", "không theo mẫu"])
    wb.save(path)
    return path


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def good_bytes(tmp: Path) -> bytes:
    return workbook(tmp / "good.xlsx", [GOOD]).read_bytes()


CASES: dict[str, tuple[str, object]] = {
    # name: (expected reason code, how to make it)
    "empty.xlsx": ("empty_file", b""),
    "csv_renamed.xlsx": ("not_a_zip", "Mã chỉ tiêu;Giá trị\n1;37,36\n".encode()),
    "truncated.xlsx": ("corrupt_zip", "truncated"),
    "zip_not_xlsx.xlsx": ("not_xlsx", zip_bytes({"readme.txt": b"hello"})),
    "zip_bomb.xlsx": ("zip_bomb", zip_bytes({"xl/workbook.xml": b"<w/>", "xl/worksheets/s1.xml": b"0" * 60_000_000})),
    "password_or_xls.xlsx": ("legacy_or_encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512),
    "export.csv": ("unsupported_type", b"a,b\n1,2\n"),
    "macro.xlsm": ("unsupported_type", "good"),
    "link.xlsx": ("symlink", "symlink"),
    "wrong_sheet.xlsx": ("missing_sheet", dict(sheet="Sheet1")),
    "no_header.xlsx": ("no_header", dict(sheet="SoLieu")),
    "missing_column.xlsx": (
        "missing_column",
        dict(
            header=[
                "STT",
                "Mã nghị quyết",
                "Mã chỉ tiêu",
                "Đơn vị hành chính",
                "Giá trị",
                "Kỳ số liệu",
                "Số liệu tính đến ngày",
            ]
        ),
    ),  # fmt: skip
    "header_only.xlsx": ("no_figures", []),
    "text_in_number.xlsx": ("not_a_number", [GOOD | dict(value="khoảng 40")]),
    "dot_decimal.xlsx": ("ambiguous_number", [GOOD | dict(value="99.5%")]),
    "ambiguous_thousands_in_percent.xlsx": ("ambiguous_number", [GOOD | dict(value="1.921")]),
    "negative_count.xlsx": ("negative_count", [GOOD | dict(numerator="-5", denominator="12")]),
    "unknown_target.xlsx": ("unknown_target", [GOOD | dict(target_code="99")]),
    "unknown_resolution.xlsx": ("unknown_resolution", [GOOD | dict(resolution_code="99-NQ/TU")]),
    "unknown_unit.xlsx": ("unknown_unit", [GOOD | dict(unit="lít")]),
    "unknown_province.xlsx": ("unknown_admin_unit", [GOOD | dict(admin_unit="Tỉnh Atlantis")]),
    "future_figure.xlsx": ("as_of_after_period", [GOOD | dict(as_of="15/9/2023")]),
    "bad_date.xlsx": ("bad_date", [GOOD | dict(as_of="32/8/2023")]),
    "bad_reference_period.xlsx": ("bad_reference_period", [GOOD | dict(reference_period="mùa hè 2023")]),
    "duplicate_rows.xlsx": ("duplicate_row", [GOOD, GOOD | dict(value="37,4%")]),
    "missing_value.xlsx": ("required", [GOOD | dict(value=None)]),
    "..%2F..%2Fescape.xlsx": ("corrupt_zip", "truncated"),
}


@pytest.fixture
def corpus(workspace):
    raw = workspace / "raw"
    folder = raw / "so-tttt" / PERIOD
    good = good_bytes(workspace)
    for name, (_, make) in CASES.items():
        path = folder / name
        if isinstance(make, bytes):
            path.write_bytes(make)
        elif make == "truncated":
            path.write_bytes(good[: len(good) // 2])
        elif make == "good":
            path.write_bytes(good)
        elif make == "symlink":
            os.symlink("/etc/hostname", path)
        elif isinstance(make, dict):
            workbook(path, **make)
        else:
            workbook(path, make)
    (folder / "copy_of_good.xlsx").write_bytes((raw / "so-tttt" / PERIOD).joinpath(
        "so-tttt_bao-cao-chi-tieu_2023-08.xlsx").read_bytes())  # fmt: skip
    return raw


def test_every_bad_input_is_refused_with_its_own_reason(corpus, workspace):
    from chitieu.config import settings
    from chitieu.pipeline import load_step

    before = tree_hashes(corpus)
    report = load_step(PERIOD)
    by_name = {Path(f["file_path"]).name: f for f in report["files"]}

    for name, (code, _) in CASES.items():
        f = by_name[name]
        assert (f["status"], f["reason_code"]) == ("quarantined", code), (name, f["reason"])
        assert f["reason"], name
        q = Path(f["quarantine_path"])
        assert q.resolve().is_relative_to(settings().quarantine_dir.resolve()), name  # never escapes its folder
        reason = json.loads(q.with_name(q.name + ".reason.json").read_text())
        assert reason["code"] == code
        if code != "symlink":  # a link is neither followed nor copied
            assert q.read_bytes() == (corpus / f["file_path"]).read_bytes(), name
            archived = Path(f["archived_path"])
            assert archived.read_bytes() == (corpus / f["file_path"]).read_bytes()

    # the cell is named where there is one
    assert "F6" in by_name["dot_decimal.xlsx"]["reason"] and "99.5%" in by_name["dot_decimal.xlsx"]["reason"]
    assert "K6" in by_name["bad_date.xlsx"]["reason"]
    assert "row 6" in by_name["duplicate_rows.xlsx"]["reason"]  # the first of the two rows

    # the same bytes received twice load once
    pair = [by_name["copy_of_good.xlsx"], by_name["so-tttt_bao-cao-chi-tieu_2023-08.xlsx"]]
    assert sorted(f["status"] for f in pair) == ["duplicate", "loaded"]
    assert pair[1]["duplicate_of"] == pair[0]["file_path"]
    # the period's other files still load
    assert by_name["so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx"]["status"] == "loaded"
    assert report["n_figures"] == 5
    # nothing received was changed or lost
    assert tree_hashes(corpus) == before
    assert len(CASES) >= 25


def test_the_period_still_publishes_with_bad_files_beside_it(corpus):
    from chitieu.pipeline import run_period

    result = run_period(PERIOD)
    assert result["publish"]["created"]


def test_a_month_that_has_not_begun_is_refused(workspace):
    from chitieu.pipeline import load_step

    folder = workspace / "raw" / "so-tttt" / "2099-01"
    folder.mkdir(parents=True)
    workbook(folder / "early.xlsx", [GOOD | dict(as_of="15/1/2099", reference_period="tháng 1/2099")])
    (f,) = load_step("2099-01")["files"]
    assert (f["status"], f["reason_code"]) == ("quarantined", "future_period")
