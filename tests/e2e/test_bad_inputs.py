"""A corpus of malformed and hostile inputs, all in one period beside good files. Each is refused with its
own reason naming the file (and the sheet and cell where there is one), the good files still load, files in
decomposed Unicode load like the others, nothing received is changed or lost (checked by hash)."""

from __future__ import annotations

import io
import json
import os
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from chitieu.period import Period
from tests.conftest import LAI_CHAU, ROOT, tree_hashes

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


F6 = '<c r="F6" t="inlineStr"><is><t>37,36%</t></is></c>'  # the value cell of GOOD in the template's sheet XML


def rewritten(member: str, change) -> Callable[[Path, bytes], None]:
    """A valid workbook with one XML member of its zip changed as a broken tool would (None: left out)."""

    def make(path: Path, good: bytes) -> None:
        buf = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(good)) as src, zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == member:
                    data = change(data.decode())
                    if data is None:
                        continue
                    assert data != src.read(item.filename).decode(), member
                    data = data.encode()
                dst.writestr(item, data)
        path.write_bytes(buf.getvalue())

    return make


def damaged_member(path: Path, good: bytes) -> None:
    """The compressed bytes of the sheet flipped: the zip's directory is intact, its content does not unpack."""
    data = bytearray(good)
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 20, start + 60):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))


def table(header: list[str], rows: list[list], sheet: str = "SoLieu") -> Callable[[Path, bytes], None]:
    def make(path: Path, good: bytes) -> None:
        from openpyxl import Workbook

        wb = Workbook()
        wb.active.title = sheet
        for row in [header, *rows]:
            wb.active.append(row)
        wb.save(path)

    return make


HEADER = ["Mã nghị quyết", "Mã chỉ tiêu", "Đơn vị hành chính", "Giá trị", "Đơn vị tính", "Kỳ số liệu",
          "Số liệu tính đến ngày"]  # fmt: skip
ROW = ["08-NQ/TU", "1", "Tỉnh Lai Châu", "37,36%", "%", "năm 2023", "18/8/2023"]


def portal_csv(change: Callable[[str], str]) -> Callable[[Path, bytes], None]:
    return lambda path, good: path.write_bytes(change(SMALL.read_text(encoding="utf-8")).encode())


def portal_xlsx_with_entity(path: Path, good: bytes) -> None:
    import pandas as pd

    pd.read_csv(SMALL, dtype=str, keep_default_na=False).to_excel(path, index=False)
    rewritten("xl/worksheets/sheet1.xml", lambda x: x.replace("Tỉnh", "T&foo;", 1))(path, path.read_bytes())


def drop_column(text: str, header: str) -> str:
    rows = [line.split(",") for line in text.splitlines()]
    j = rows[0].index(header)
    return "\n".join(",".join(r[:j] + r[j + 1 :]) for r in rows) + "\n"


def extra_id_column(text: str) -> str:
    return "\n".join(f"{line},{line.split(',')[0]}" for line in text.splitlines()) + "\n"


def broken_row(text: str) -> str:
    lines = text.splitlines()
    lines[3] += ",một ô thừa"  # a field more than the header has
    return "\n".join(lines) + "\n"


SMALL = ROOT / "tests" / "fixtures" / "portal_export_small.csv"
PORTAL = "portal-dvc-laichau"

CASES: dict[str, tuple[str, object]] = {
    # name (in so-tttt, or source/name): (expected reason code, how to make it)
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
    # the parsers' own errors: one file, never the month
    "entity_in_cell.xlsx": ("xml_entity_rejected", rewritten("xl/worksheets/sheet1.xml",
                                                             lambda x: x.replace("37,36%", "37,36&foo;"))),
    "unclosed_tag.xlsx": ("malformed_xml", rewritten("xl/worksheets/sheet1.xml",
                                                     lambda x: x.replace("</sheetData>", "<row>"))),
    "sheet_xml_missing.xlsx": ("missing_part", rewritten("xl/worksheets/sheet1.xml", lambda x: None)),
    "shared_string_missing.xlsx": ("missing_part", rewritten("xl/worksheets/sheet1.xml",
                                                             lambda x: x.replace(F6, '<c r="F6" t="s"><v>7</v></c>'))),
    "damaged_member.xlsx": ("corrupt_workbook", damaged_member),
    # the table
    "duplicate_column.xlsx": ("duplicate_column", table([*HEADER, "Kết quả"], [[*ROW, "38%"]])),
    "only_titles.xlsx": ("only_titles", table(["BIỂU SỐ LIỆU THỰC HIỆN CHỈ TIÊU NGHỊ QUYẾT"],
                                              [["Đơn vị báo cáo: Sở TT&TT"], [], ["Kỳ báo cáo: tháng 8/2023"]])),
    "empty_column.xlsx": ("empty_column", [GOOD | dict(reference_period=None),
                                           GOOD | dict(target_code="4", value="11,29%", reference_period=None)]),
    # the cells
    "double_percent.xlsx": ("repeated_symbol", [GOOD | dict(value="37,36%%")]),
    "scientific_notation.xlsx": ("scientific_notation", [GOOD | dict(value="3,736E+01")]),
    "yes_in_value.xlsx": ("wrong_type", [GOOD | dict(value=True)]),
    "too_many_digits.xlsx": ("number_out_of_range", [GOOD | dict(value="1" + "0" * 30)]),
    "negative_percentage.xlsx": ("negative_value", [GOOD | dict(value="-37,36%")]),
    "fractional_rank.xlsx": ("not_a_whole_number", [GOOD | dict(value="3,5", unit="hạng")]),
    "formula_error_pasted.xlsx": ("formula_error", rewritten("xl/worksheets/sheet1.xml", lambda x: x.replace(
        F6, '<c r="F6" t="e"><v>#REF!</v></c>'))),
    "formula_div0.xlsx": ("formula_without_result", rewritten("xl/worksheets/sheet1.xml", lambda x: x.replace(
        F6, '<c r="F6" t="e"><f>E6/0</f><v>#DIV/0!</v></c>'))),
    "formula_never_calculated.xlsx": ("formula_without_result", [GOOD | dict(value="=1/0")]),
    "control_character.xlsx": ("control_character", [GOOD | dict(target_code="1\u202e")]),
    "year_typo.xlsx": ("implausible_date", [GOOD | dict(as_of="18/8/2203")]),
    "next_month.xlsx": ("reference_after_period", [GOOD | dict(reference_period="tháng 9/2023")]),
    # portal exports, beside a good one (dvc.csv, written in NFD)
    f"{PORTAL}/dvc_empty.csv": ("empty_file", b""),
    f"{PORTAL}/dvc_no_due_date.csv": ("missing_column", portal_csv(lambda t: drop_column(t, "Hạn xử lý"))),
    f"{PORTAL}/dvc_two_id_columns.csv": ("duplicate_column", portal_csv(extra_id_column)),
    f"{PORTAL}/dvc_broken_row.csv": ("malformed_csv", portal_csv(broken_row)),
    f"{PORTAL}/dvc_resent.csv": ("duplicate_dossier", portal_csv(lambda t: "\n".join(t.splitlines()[:-1]) + "\n")),
    f"{PORTAL}/dvc_entity.xlsx": ("xml_entity_rejected", portal_xlsx_with_entity),
}  # fmt: skip

# where the reason must point: the file, the sheet, the cell
POINTS_TO = {
    "dot_decimal.xlsx": ["F6", "99.5%"],
    "bad_date.xlsx": ["K6"],
    "duplicate_rows.xlsx": ["row 6"],  # the first of the two rows
    "entity_in_cell.xlsx": ["sheet 'SoLieu'", "&foo;"],
    "unclosed_tag.xlsx": ["sheet 'SoLieu'"],
    "sheet_xml_missing.xlsx": ["SoLieu"],
    "shared_string_missing.xlsx": ["sheet 'SoLieu'", "shared strings"],
    "damaged_member.xlsx": ["sheet 'SoLieu'", "deflate"],
    "duplicate_column.xlsx": ["D1 'Giá trị'", "H1 'Kết quả'"],
    "only_titles.xlsx": ["A1", "A4"],
    "empty_column.xlsx": ["J5", "Kỳ số liệu", "all 2 rows"],
    "double_percent.xlsx": ["F6", "'37,36%%'"],
    "scientific_notation.xlsx": ["F6", "3,736E+01"],
    "yes_in_value.xlsx": ["F6", "yes/no"],
    "too_many_digits.xlsx": ["F6"],
    "negative_percentage.xlsx": ["F6", "-37,36%"],
    "fractional_rank.xlsx": ["F6", "3,5"],
    "formula_error_pasted.xlsx": ["F6", "#REF!"],
    "formula_div0.xlsx": ["F6", "=E6/0"],
    "formula_never_calculated.xlsx": ["F6", "=1/0"],
    "control_character.xlsx": ["C6", "U+202E"],
    "year_typo.xlsx": ["row 6", "18/8/2203"],
    "next_month.xlsx": ["row 6", "tháng 9/2023"],
    f"{PORTAL}/dvc_no_due_date.csv": ["Hạn xử lý"],
    f"{PORTAL}/dvc_two_id_columns.csv": ["Mã hồ sơ"],
    f"{PORTAL}/dvc_broken_row.csv": ["cannot be read as a table", "InvalidInputException"],
    f"{PORTAL}/dvc_resent.csv": ["row 2", "000.00.12.H32-00000031", "dvc.csv row 2"],
    f"{PORTAL}/dvc_entity.xlsx": ["undefined entity", "line 1, column"],  # DuckDB read_xlsx names the place
}


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def key(f: dict) -> str:
    name = Path(f["file_path"]).name
    return name if f["source"] == "so-tttt" else f"{f['source']}/{name}"


@pytest.fixture
def corpus(workspace):
    raw = workspace / "raw"
    folder = raw / "so-tttt" / PERIOD
    good = good_bytes(workspace)
    for name, (_, make) in CASES.items():
        path = folder / name if "/" not in name else raw / name.split("/")[0] / PERIOD / name.split("/")[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(make, bytes):
            path.write_bytes(make)
        elif make == "truncated":
            path.write_bytes(good[: len(good) // 2])
        elif make == "good":
            path.write_bytes(good)
        elif make == "symlink":
            os.symlink("/etc/hostname", path)
        elif callable(make):
            make(path, good)
        elif isinstance(make, dict):
            workbook(path, **make)
        else:
            workbook(path, make)
    (folder / "copy_of_good.xlsx").write_bytes((raw / "so-tttt" / PERIOD).joinpath(
        "so-tttt_bao-cao-chi-tieu_2023-08.xlsx").read_bytes())  # fmt: skip
    # decomposed Unicode (macOS, some web tools): reads the same on screen, so it loads the same
    row = ["08-NQ/TU", "1", "Tỉnh Lai Châu", "37,36%", "phần trăm", "tháng 8/2023", "18/8/2023"]
    table([nfd(h) for h in HEADER], [[nfd(v) for v in row]])(folder / "nfd_mac.xlsx", good)
    (raw / PORTAL / PERIOD / "dvc.csv").write_text(nfd(SMALL.read_text(encoding="utf-8")), encoding="utf-8")
    return raw


def test_every_bad_input_is_refused_with_its_own_reason(corpus, workspace):
    from chitieu.config import settings
    from chitieu.errors import RejectCode
    from chitieu.pipeline import load_step
    from chitieu.warehouse import connect

    before = tree_hashes(corpus)
    report = load_step(Period(PERIOD))
    by_name = {key(f): f for f in report["files"]}

    for name, (code, _) in CASES.items():
        f = by_name[name]
        assert (f["status"], f["reason_code"]) == ("quarantined", RejectCode(code)), (name, f["reason"])
        assert f["reason"].startswith(Path(name).name + ": "), (name, f["reason"])  # every reason names its file
        for where in POINTS_TO.get(name, []):
            assert where in f["reason"], (name, where, f["reason"])
        q = Path(f["quarantine_path"])
        assert q.resolve().is_relative_to(settings().quarantine_dir.resolve()), name  # never escapes its folder
        reason = json.loads(q.with_name(q.name + ".reason.json").read_text())
        assert reason["code"] == code and reason["message"] == f["reason"]
        letter = q.with_name(q.name + ".tra-lai.txt").read_text(encoding="utf-8")  # sent back, in Vietnamese
        assert letter.startswith(f"Tệp {Path(name).name}, gửi cho kỳ tháng ") and "Lý do: " in letter, name
        for cell in reason["cells"]:
            assert f"ô {cell['cell']} " in letter, (name, cell)
        if code != "symlink":  # a link is neither followed nor copied
            assert q.read_bytes() == (corpus / f["file_path"]).read_bytes(), name
            archived = Path(f["archived_path"])
            assert archived.read_bytes() == (corpus / f["file_path"]).read_bytes()

    # the same bytes received twice load once
    pair = [by_name["copy_of_good.xlsx"], by_name["so-tttt_bao-cao-chi-tieu_2023-08.xlsx"]]
    assert sorted(f["status"] for f in pair) == ["duplicate", "loaded"]
    assert pair[1]["duplicate_of"] == pair[0]["file_path"]
    # the period's other files still load, the decomposed-Unicode ones too
    assert by_name["so-noi-vu/so-noi-vu_bao-cao-chi-tieu_2023-08.xlsx"]["status"] == "loaded"
    assert (by_name["nfd_mac.xlsx"]["status"], by_name["nfd_mac.xlsx"]["n_figures"]) == ("loaded", 1)
    assert (by_name[f"{PORTAL}/dvc.csv"]["status"], by_name[f"{PORTAL}/dvc.csv"]["n_figures"]) == ("loaded", 50)
    assert report["n_figures"] == 26  # 1 (nfd_mac) + 7 (so-noi-vu, so-tttt) + 18 supporting figures (van-phong-tinh-uy)
    with connect(read_only=True) as con:
        fig = con.execute(
            "select reference_period, reference_period_raw, admin_unit_code, unit, value::double from raw.figures "
            "where file_path like '%nfd_mac.xlsx'"
        ).fetchall()
        assert fig == [("2023-08", "tháng 8/2023", "12", "%", 37.36)]  # the raw text kept is NFC
        portal = con.execute(
            "select count(*), count(level), count(service_type), count(*) filter (where receiving_unit = ?) "
            "from raw.portal_dossiers where period = ?",
            ["Sở Kế hoạch và Đầu tư", PERIOD],
        ).fetchone()
        assert portal[:3] == (50, 50, 50) and portal[3] > 0
    # nothing received was changed or lost
    assert tree_hashes(corpus) == before
    # the codes the corpus met are the enum's: a code quarantined under a name it does not list would have failed
    met = {f["reason_code"] for f in report["files"] if f["status"] == "quarantined"}
    assert met == {RejectCode(code) for code, _ in CASES.values()}


def test_a_reader_failing_in_any_way_rejects_that_file_only(workspace, monkeypatch):
    """An error no one foresaw, raised inside the reader for one file: that file is quarantined as
    unreadable_file, naming the error; the month's other files load and the load step returns."""
    from chitieu.ingest import intake
    from chitieu.pipeline import load_step

    folder = workspace / "raw" / "so-tttt" / PERIOD
    rewritten("xl/worksheets/sheet1.xml", lambda x: x.replace("37,36%", "37,36&foo;"))(
        folder / "entity.xlsx", good_bytes(workspace)
    )
    odd = workbook(folder / "odd.xlsx", [GOOD | dict(value="12,5%")]).read_bytes()
    read = intake.read_submission

    def flaky(path: Path) -> list[dict]:
        if path.read_bytes() == odd:
            raise RuntimeError("the parser lost its way")
        return read(path)

    monkeypatch.setattr(intake, "read_submission", flaky)
    files = {Path(f["file_path"]).name: f for f in load_step(Period(PERIOD))["files"]}
    assert files["odd.xlsx"]["reason_code"] == "unreadable_file"
    assert files["odd.xlsx"]["reason"] == "odd.xlsx: the file could not be read; RuntimeError: the parser lost its way"
    assert files["entity.xlsx"]["reason_code"] == "xml_entity_rejected"
    assert "XmlError" in files["entity.xlsx"]["reason"] and "sheet 'SoLieu'" in files["entity.xlsx"]["reason"]
    others = [f for n, f in files.items() if n not in ("odd.xlsx", "entity.xlsx")]
    assert others and all(f["status"] == "loaded" and f["n_figures"] > 0 for f in others)


def test_an_error_of_the_warehouse_is_not_blamed_on_a_file(workspace, monkeypatch):
    """Only errors about the file are the file's: a failing DuckDB connection still stops the load."""
    import duckdb

    from chitieu.ingest import portal
    from chitieu.pipeline import load_step

    path = workspace / "raw" / PORTAL / PERIOD / "dvc.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes(SMALL.read_bytes())

    def lost(*args, **kwargs):
        raise duckdb.ConnectionException("Connection already closed!")

    monkeypatch.setattr(portal, "stage", lost)
    with pytest.raises(duckdb.ConnectionException):
        load_step(Period(PERIOD))


def test_the_period_still_publishes_with_bad_files_beside_it(corpus):
    from chitieu.pipeline import run_period

    result = run_period(PERIOD)
    assert result["publish"]["created"]


def test_a_month_that_has_not_begun_is_refused(workspace):
    from chitieu.pipeline import load_step

    folder = workspace / "raw" / "so-tttt" / "2099-01"
    folder.mkdir(parents=True)
    workbook(folder / "early.xlsx", [GOOD | dict(as_of="15/1/2099", reference_period="tháng 1/2099")])
    (f,) = load_step(Period("2099-01"))["files"]
    assert (f["status"], f["reason_code"]) == ("quarantined", "future_period")
