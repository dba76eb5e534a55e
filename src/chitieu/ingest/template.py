"""chitieu's submission template: the one place that says which columns a department fills in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SHEET = "SoLieu"

# (field, header as printed in the template, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("row_no", "STT", False),
    ("resolution_code", "Mã nghị quyết", True),
    ("target_code", "Mã chỉ tiêu", True),
    ("target_name", "Tên chỉ tiêu", False),
    ("admin_unit", "Đơn vị hành chính", True),
    ("value", "Giá trị", True),
    ("unit", "Đơn vị tính", True),
    ("numerator", "Tử số", False),
    ("denominator", "Mẫu số", False),
    ("reference_period", "Kỳ số liệu", True),
    ("as_of", "Số liệu tính đến ngày", True),
    ("note", "Ghi chú", False),
]

# other headers people give the same columns (matched with or without diacritics, any case)
ALIASES: dict[str, list[str]] = {
    "resolution_code": ["Số nghị quyết", "Nghị quyết", "Số NQ"],
    "target_code": ["Mã CT", "Chỉ tiêu số", "Số thứ tự chỉ tiêu"],
    "target_name": ["Chỉ tiêu", "Nội dung chỉ tiêu"],
    "admin_unit": ["Tỉnh", "Địa bàn", "Đơn vị"],
    "value": ["Kết quả", "Kết quả thực hiện", "Giá trị thực hiện", "Số liệu"],
    "unit": ["ĐVT"],
    "numerator": ["Số đạt"],
    "denominator": ["Tổng số"],
    "reference_period": ["Kỳ", "Năm số liệu", "Kỳ báo cáo số liệu"],
    "as_of": ["Ngày số liệu", "Thời điểm số liệu", "Tính đến ngày"],
}

# units as typed -> canonical unit
UNITS = {
    "%": "%", "phần trăm": "%",
    "hạng": "rank", "thứ hạng": "rank", "xếp hạng": "rank",
    "phút": "minutes",
    "doanh nghiệp": "enterprises",
    "điểm": "points",
    "xếp loại": "tier", "nhóm xếp hạng": "tier",
    "đô thị": "smart cities",
    "thủ tục": "procedures",
    "đồng": "VND",
}  # fmt: skip

INSTRUCTIONS = [
    "Hướng dẫn / Instructions",
    "Mỗi dòng là một số liệu của một chỉ tiêu (mã chỉ tiêu theo danh mục của Nghị quyết, ví dụ 1, 6.b)"
    " hoặc của một số liệu bổ trợ (mã BT1, BT2 ... theo danh mục).",
    "Giá trị: viết theo cách Việt Nam (37,36 hoặc 37,36%); thứ hạng viết số hạng, Mẫu số = số tỉnh được xếp hạng.",
    "Đơn vị tính: %, hạng, phút, doanh nghiệp, điểm, xếp loại, đô thị, thủ tục, đồng.",
    "Xếp loại (ví dụ PCI): ghi tên nhóm như đơn vị công bố (ví dụ Khá); Mẫu số = số nhóm của thang xếp loại.",
    "Kỳ số liệu: năm 2023 | quý 2/2023 | tháng 6/2023 | 6 tháng đầu năm 2023 | ngày 17/7/2023 |"
    " từ 01/6/2021 đến 23/5/2023 | đến nay (số liệu tại ngày ở cột Số liệu tính đến ngày).",
    "Số liệu tính đến ngày: dd/mm/yyyy.  Không sửa tên cột; có thể thêm dòng.",
    "Ngày hoặc kỳ số liệu mà nguồn không ghi, do đơn vị tự xác định: ghi thêm (giả định), ví dụ 30/8/2023 (giả định).",
]


def write_submission(
    path: Path,
    *,
    reporter: str,
    period_label: str,
    rows: list[dict],
) -> Path:
    """Write a submission in the template (an empty `rows` gives the blank template)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ncol = len(COLUMNS)
    ws.cell(1, 1, "BIỂU SỐ LIỆU THỰC HIỆN CHỈ TIÊU NGHỊ QUYẾT").font = Font(bold=True, size=13)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncol)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.cell(2, 1, f"Đơn vị báo cáo: {reporter}")
    ws.cell(3, 1, f"Kỳ báo cáo: {period_label}")
    header_row = 5
    for j, (_, header, required) in enumerate(COLUMNS, start=1):
        c = ws.cell(header_row, j, header)
        c.font = Font(bold=True, color="C00000" if required else "000000")
    for i, row in enumerate(rows, start=1):
        r = header_row + i
        for j, (field, _, _) in enumerate(COLUMNS, start=1):
            v = i if field == "row_no" else row.get(field)
            if v is not None:
                ws.cell(r, j, v)
    widths = {"target_name": 60, "note": 40, "admin_unit": 20, "as_of": 14, "reference_period": 18}
    for j, (field, _, _) in enumerate(COLUMNS, start=1):
        ws.column_dimensions[ws.cell(header_row, j).column_letter].width = widths.get(field, 12)
    help_ws = wb.create_sheet("HuongDan")
    for i, line in enumerate(INSTRUCTIONS, start=1):
        help_ws.cell(i, 1, line)
    fixed = dt.datetime(2023, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path
