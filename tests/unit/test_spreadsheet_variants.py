"""Submissions as people really produce them: title rows, merged cells, renamed and reordered columns without
diacritics, blank and totals rows, a formula with its cached value, a percent-formatted cell, two sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import Workbook

from chitieu.ingest.submissions import read_submission


def with_cached_values(path: Path, cached: dict[str, str]) -> None:
    """Excel stores a formula's last result beside it; openpyxl does not, so add it as Excel would."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename.startswith("xl/worksheets/"):
                text = data.decode()
                for formula, value in cached.items():
                    text = text.replace(f"<f>{formula}</f><v />", f"<f>{formula}</f><v>{value}</v>")
                data = text.encode()
            dst.writestr(item, data)
    tmp.replace(path)


def test_a_real_looking_submission(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Bao cao"
    ws["A1"] = "UBND TỈNH LAI CHÂU — SỞ NỘI VỤ"
    ws.merge_cells("A1:H1")
    ws["A2"] = "BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU NGHỊ QUYẾT 08-NQ/TU"
    ws.merge_cells("A2:H2")
    # row 4: renamed, reordered headers, no diacritics
    ws.append([])
    ws.append(["Ma CT", "Ket qua", "DVT", "So dat", "Tong so", "Nghi quyet", "Tinh", "Ky", "Ngay so lieu"])
    ws.append(["5", "=D5/E5*100", "%", 7, 12, "08-NQ/TU", "lai chau", "tháng 6/2023", "30/6/2023"])
    ws.append([])
    ws.append([4, 0.1129, "%", 49, 434, "08-NQ/TU", "TỈNH LAI CHÂU", "năm 2023", "30/6/2023"])
    ws["B7"].number_format = "0.00%"
    ws.append(["", "", "", 56, 446, "Tổng cộng"])
    second = wb.create_sheet("Xep hang")
    second.append(["Mã chỉ tiêu", "Giá trị", "Đơn vị tính", "Mẫu số", "Mã nghị quyết", "Đơn vị hành chính",
                   "Kỳ số liệu", "Số liệu tính đến ngày"])  # fmt: skip
    second.append(["8", "24", "hạng", "63", "08-NQ/TU", "Tỉnh Lai Châu", "năm 2022", "30/6/2023"])
    wb.create_sheet("Huong dan").append(["Hướng dẫn điền biểu"])
    path = tmp_path / "real.xlsx"
    wb.save(path)
    with_cached_values(path, {"D5/E5*100": "58.333333333333336"})

    figures, errors = read_submission(path)
    assert errors == []
    figs = {f.target_code: f for f in figures}
    assert sorted(figs) == ["4", "5", "8"]
    five = figs["5"]
    assert round(float(five.value), 3) == 58.333 and five.cell == "B5" and five.sheet == "Bao cao"
    assert five.cell_note == "B5: formula =D5/E5*100"
    four = figs["4"]
    assert float(four.value) == 11.29 and "percent format" in four.cell_note
    assert four.admin_unit_code == "12" and five.admin_unit_code == "12"
    eight = figs["8"]
    assert eight.sheet == "Xep hang" and eight.cell == "B2" and float(eight.denominator) == 63
