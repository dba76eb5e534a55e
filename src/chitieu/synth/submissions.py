"""SYNTHETIC department submissions: 8-15 workbooks per province and month, each reporting some of the
province's targets and supporting indicators, in the variants departments really send (see
tests/unit/test_spreadsheet_variants.py):

  template   chitieu's template (chitieu.ingest.template.write_submission), figures as Vietnamese text
  report     sheet "Bao cao": title rows (merged), header on row 4 renamed without diacritics and reordered, a
             percent-formatted cell, a formula with its cached value, a blank and a totals row; ranks on a second
             sheet "Xep hang"; a help sheet
  aliases    sheet "Sheet1": a title, the header on row 3 in other words (Số nghị quyết, Kết quả thực hiện ...),
             numbers as numbers, dates as date cells

Every row's note says "synthetic"; every file is named synthetic_<province>_<department>_<period>.xlsx. The
workbooks are written with fixed timestamps (in the zip too): the same seed writes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chitieu.ingest.template import UNITS, write_submission
from chitieu.period import Period
from chitieu.synth.catalogues import Leaf, Province

NOTE = "synthetic (dữ liệu tổng hợp)"
DEPARTMENTS = [
    ("van-phong-tinh-uy", "Văn phòng Tỉnh ủy"), ("van-phong-ubnd", "Văn phòng UBND tỉnh"), ("so-noi-vu", "Sở Nội vụ"),
    ("so-khcn", "Sở Khoa học và Công nghệ"), ("so-tai-chinh", "Sở Tài chính"), ("so-tu-phap", "Sở Tư pháp"),
    ("so-xay-dung", "Sở Xây dựng"), ("so-cong-thuong", "Sở Công Thương"),
    ("so-nnmt", "Sở Nông nghiệp và Môi trường"), ("so-y-te", "Sở Y tế"), ("so-gddt", "Sở Giáo dục và Đào tạo"),
    ("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch"), ("cong-an-tinh", "Công an tỉnh"),
    ("bql-kkt", "Ban Quản lý các khu kinh tế"), ("ttphvcc", "Trung tâm Phục vụ hành chính công"),
]  # fmt: skip
VARIANTS = ("template", "report", "aliases")
FIXED = dt.datetime(2025, 1, 1)
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_TYPED = {canon: [t for t, c in UNITS.items() if c == canon] for canon in set(UNITS.values())}


@dataclass(frozen=True)
class Value:
    """A figure of a leaf, before it is written one way or another."""

    leaf: Leaf
    value: float
    reference: str  # "tháng 8/2025", "năm 2024" ...
    numerator: int | None = None
    denominator: int | None = None


def province_values(leaves: list[Leaf], period: Period, rng: np.random.Generator) -> list[Value]:
    """The month's figures of every leaf of the province (drawn once, so a total equals its parts)."""
    y, m = period.year, period.month
    monthly = [f"tháng {m}/{y}", f"quý {(m - 1) // 3 + 1}/{y}", f"năm {y}"] + (
        [f"6 tháng đầu năm {y}"] if m >= 7 else []
    )
    out: list[Value] = []
    parts: dict[tuple[str, str], float] = {}
    for leaf in sorted(leaves, key=lambda x: bool(x.parts)):  # parts before their totals
        ref = monthly[int(rng.integers(0, len(monthly)))]
        k, t = leaf.kind, leaf.value
        if k is None:
            v = (
                sum(parts[(leaf.resolution_code, p)] for p in leaf.parts)
                if leaf.parts
                else float(rng.integers(50, 900))
            )
            parts[(leaf.resolution_code, leaf.code)] = v
            out.append(Value(leaf, v, ref))
        elif k in ("at_least", "reduction"):
            d = int(rng.integers(40, 4000))
            n = min(d, round(d * min(100.0, t * rng.uniform(0.75, 1.12)) / 100))
            out.append(Value(leaf, round(100 * n / d, 2), ref, n, d))
        elif k == "at_most":
            out.append(Value(leaf, round(t * rng.uniform(0.7, 1.3), 1), ref))
        elif k == "milestone":
            out.append(Value(leaf, float(rng.random() < 0.6), ref))
        elif leaf.ranking_size:  # rank_band, rank_top_n, regional_rank: last year's ranking
            rank = int(np.clip(round(t + rng.normal(0, 4)), 1, leaf.ranking_size))
            out.append(Value(leaf, float(rank), f"năm {y - 1}", None, leaf.ranking_size))
        elif k == "approx_count":
            out.append(Value(leaf, float(round(t * rng.uniform(0.85, 1.08))), ref))
        elif k == "yearly_increment":  # the two latest yearly scores
            score = round(rng.uniform(55, 70), 2)
            out.append(Value(leaf, score, f"năm {y - 2}"))
            out.append(Value(leaf, round(score + rng.uniform(0, 1.2), 2), f"năm {y - 1}"))
        else:
            raise RuntimeError(f"no synthetic figures for the kind {k!r}")
    return out


def vi_number(x: float, decimals: int | None = None) -> str:
    """37.36 -> '37,36'; 2150 -> '2.150' (Vietnamese: comma decimal, dot thousands)."""
    if decimals is None:
        decimals = 0 if float(x).is_integer() else 2
    text = f"{x:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def _unit_text(leaf: Leaf, rng) -> str:
    typed = _TYPED[leaf.unit]
    return typed[int(rng.integers(0, len(typed)))]


def _province_text(p: Province, rng) -> str:
    if p.name.startswith("Thành phố"):
        options = [p.name, p.name.upper()]
    else:
        options = [p.name, f"Tỉnh {p.name}", f"TỈNH {p.name.upper()}"]
    return options[int(rng.integers(0, len(options)))]


def _save(wb, path: Path, cached: dict[str, str] | None = None, source: Path | None = None) -> None:
    """The workbook (or the file `source`) with fixed timestamps (zip entries, modified date), and formulas'
    cached values as Excel keeps them beside the formula (openpyxl writes none)."""
    if source is None:
        wb.properties.created = wb.properties.modified = FIXED
        buf = io.BytesIO()
        wb.save(buf)
        data_in = buf.getvalue()
    else:
        data_in = source.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data_in)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if cached and item.filename.startswith("xl/worksheets/"):
                text = data.decode()
                for formula, value in cached.items():
                    for empty in ("<v />", "<v></v>", "<v/>"):
                        text = text.replace(f"<f>{formula}</f>{empty}", f"<f>{formula}</f><v>{value}</v>")
                data = text.encode()
            if item.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                data = _MODIFIED.sub(rb"\g<1>2025-01-01T00:00:00Z\g<2>", data)
            info = zipfile.ZipInfo(item.filename, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            dst.writestr(info, data)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(out.getvalue())


def _template(path, dept_name, period, p, values, as_of, rng) -> None:
    rows = []
    for v in values:
        pct = v.leaf.unit == "%"
        text = vi_number(v.value) + ("%" if pct and rng.random() < 0.5 else "")
        rows.append(
            {
                "resolution_code": v.leaf.resolution_code, "target_code": v.leaf.code,
                "admin_unit": _province_text(p, rng), "value": text, "unit": _unit_text(v.leaf, rng),
                "numerator": v.numerator, "denominator": v.denominator, "reference_period": v.reference,
                "as_of": f"{as_of.day}/{as_of.month}/{as_of.year}", "note": NOTE,
            }
        )  # fmt: skip
    write_submission(path, reporter=f"{dept_name} tỉnh {p.name} (tổng hợp / synthetic)",
                     period_label=f"tháng {period.month}/{period.year}", rows=rows)  # fmt: skip
    _save(None, path, source=path)


def _report(path, dept_name, period, p, values, as_of, rng) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Bao cao"
    ws["A1"] = f"UBND TỈNH {p.name.upper()} — {dept_name.upper()} (DỮ LIỆU TỔNG HỢP / SYNTHETIC)"
    ws.merge_cells("A1:J1")
    ws["A2"] = f"BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU NGHỊ QUYẾT THÁNG {period.month}/{period.year}"
    ws.merge_cells("A2:J2")
    ws.append([])
    ws.append(["Ma CT", "Ket qua", "DVT", "So dat", "Tong so", "Nghi quyet", "Tinh", "Ky", "Ngay so lieu", "Ghi chu"])
    ranks = [v for v in values if v.leaf.unit == "rank"]
    cached: dict[str, str] = {}
    tricks = iter(["formula", "percent"])
    for v in values:
        if v.leaf.unit == "rank":
            continue
        r = ws.max_row + 1
        value: object = vi_number(v.value) if rng.random() < 0.6 else v.value
        trick = next(tricks, None) if v.numerator is not None else None
        if trick:
            if trick == "formula":
                value = f"=D{r}/E{r}*100"
                cached[f"D{r}/E{r}*100"] = repr(v.numerator / v.denominator * 100)
            else:
                value = round(v.value / 100, 6)
        ws.append([v.leaf.code, value, _unit_text(v.leaf, rng), v.numerator, v.denominator, v.leaf.resolution_code,
                   _province_text(p, rng), v.reference, f"{as_of.day}/{as_of.month}/{as_of.year}", NOTE])  # fmt: skip
        if trick == "percent":  # the fraction, shown as a percent: the loader reads the cell's format
            ws.cell(r, 2).number_format = "0.00%"
        if rng.random() < 0.15:
            ws.append([])
    nums = [v.numerator for v in values if v.numerator is not None and v.leaf.unit != "rank"]
    ws.append(["", "", "", sum(nums), sum(v.denominator for v in values if v.numerator is not None), "Tổng cộng"])
    if ranks:
        second = wb.create_sheet("Xep hang")
        second.append(["Mã chỉ tiêu", "Giá trị", "Đơn vị tính", "Mẫu số", "Mã nghị quyết", "Đơn vị hành chính",
                       "Kỳ số liệu", "Số liệu tính đến ngày", "Ghi chú"])  # fmt: skip
        for v in ranks:
            second.append([v.leaf.code, str(int(v.value)), _unit_text(v.leaf, rng), str(v.denominator),
                           v.leaf.resolution_code, _province_text(p, rng), v.reference,
                           f"{as_of.day:02d}/{as_of.month:02d}/{as_of.year}", NOTE])  # fmt: skip
    wb.create_sheet("Huong dan").append(["Hướng dẫn điền biểu (dữ liệu tổng hợp / synthetic)"])
    _save(wb, path, cached)


def _aliases(path, dept_name, period, p, values, as_of, rng) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws["A1"] = f"{dept_name} - số liệu chỉ tiêu tháng {period.month}/{period.year} (synthetic)"
    ws.append([])
    ws.append(["STT", "Số nghị quyết", "Chỉ tiêu số", "Nội dung chỉ tiêu", "Địa bàn", "Kết quả thực hiện", "ĐVT",
               "Số đạt", "Tổng số", "Kỳ báo cáo số liệu", "Tính đến ngày", "Ghi chú"])  # fmt: skip
    for i, v in enumerate(values, start=1):
        code: object = int(v.leaf.code) if v.leaf.code.isdigit() else v.leaf.code
        ws.append([i, v.leaf.resolution_code, code, f"Chỉ tiêu {v.leaf.code} (synthetic)", _province_text(p, rng),
                   v.value, _unit_text(v.leaf, rng), v.numerator, v.denominator, v.reference,
                   dt.datetime(as_of.year, as_of.month, as_of.day), NOTE])  # fmt: skip
        ws.cell(ws.max_row, 11).number_format = "DD/MM/YYYY"
    _save(wb, path, None)


WRITERS = {"template": _template, "report": _report, "aliases": _aliases}


def write_province(raw_dir: Path, period: Period, p: Province, leaves: list[Leaf], seed: int, index: int) -> list[Path]:
    """The province's 8-15 department workbooks of the month, into raw/<department>/<period>/."""
    rng = np.random.default_rng([seed, index, 11])
    values = province_values(leaves, period, rng)
    n = int(rng.integers(8, 16))
    depts = [DEPARTMENTS[int(i)] for i in sorted(rng.choice(len(DEPARTMENTS), n, replace=False))]
    # each leaf to one department; a leaf's rows (two years of a yearly increment) stay together
    codes = sorted({(v.leaf.resolution_code, v.leaf.code) for v in values})
    owner = {c: int(i) % n for c, i in zip(codes, rng.permutation(len(codes)), strict=True)}
    paths = []
    for k, (source, name) in enumerate(depts):
        mine = [v for v in values if owner[(v.leaf.resolution_code, v.leaf.code)] == k]
        day = int(rng.integers(1, period.end.day + 1))
        variant = VARIANTS[int(rng.integers(0, len(VARIANTS)))]
        path = raw_dir / source / str(period) / f"synthetic_{p.slug}_{source}_{period}.xlsx"
        WRITERS[variant](path, name, period, p, mine, dt.date(period.year, period.month, day), rng)
        paths.append(path)
    return paths
