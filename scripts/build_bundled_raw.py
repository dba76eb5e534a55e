"""Write the bundled Lai Châu submissions (raw/) and the blank template, from the figures of the
2023 interim review of Resolution 08-NQ/TU (../shared/seeds/001, section II.1 and its footnotes).

Run once; raw files are never edited afterwards (a correction is a new file in a later folder).
Values are written as Vietnamese offices type them: text with comma decimals, sometimes a number cell.
Where the report gives no as-of date, the last day of the month the figure was submitted is used
and the note says so.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.ingest.template import write_submission

RAW = Path(__file__).resolve().parents[1] / "raw"
LC = "Tỉnh Lai Châu"
NQ = "08-NQ/TU"
NO_DATE = "báo cáo không ghi ngày số liệu; lấy ngày cuối kỳ báo cáo"


def fig(target, value, unit, ref, as_of, name="", num=None, den=None, note=None):
    return {
        "resolution_code": NQ, "target_code": target, "target_name": name, "admin_unit": LC, "value": value,
        "unit": unit, "numerator": num, "denominator": den, "reference_period": ref, "as_of": as_of,
        "note": note,
    }  # fmt: skip


SUBMISSIONS = {
    ("so-noi-vu", "2023-06"): (
        "Sở Nội vụ tỉnh Lai Châu",
        [
            fig("1", "37,7%", "%", "năm 2021", "31/12/2021", "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
                note="chú thích 7, Báo cáo sơ kết"),
            fig("1", "36,9%", "%", "năm 2022", "31/12/2022", "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
                note="chú thích 7, Báo cáo sơ kết"),
            fig("4", "11,29%", "%", "năm 2023", "30/6/2023", "ĐVSN công lập tự chủ từ 10% chi thường xuyên",
                num=49, den="434", note="chú thích 11: 49/434 đơn vị; " + NO_DATE),
            fig("8", "24", "hạng", "năm 2022", "30/6/2023", "Xếp hạng PAR INDEX", den="63",
                note="PAR INDEX 2022 xếp hạng 24/63"),
            fig("9", 57, "hạng", "năm 2022", "30/6/2023", "Xếp hạng PCI", den=63,
                note="PCI 2022 xếp hạng 57/63"),
        ],
    ),
    ("so-tttt", "2023-06"): (
        "Sở Thông tin và Truyền thông tỉnh Lai Châu",
        [
            fig("5", "58,3%", "%", "tháng 6/2023", "30/6/2023", "Hệ thống thông tin kết nối qua nền tảng LGSP",
                num="07", den="12", note="chú thích 12: 07/12 kết nối, tính đến hết tháng 6/2023"),
        ],
    ),
    ("so-tttt", "2023-07"): (
        "Sở Thông tin và Truyền thông tỉnh Lai Châu",
        [
            fig("2", "100%", "%", "tháng 7/2023", "31/7/2023", "TTHC cung cấp DVC trực tuyến mức độ 3, 4",
                num="930", den="930", note="chú thích 8: 930 thủ tục (603 toàn trình, 327 một phần); " + NO_DATE),
            fig("3", "100%", "%", "tháng 7/2023", "31/7/2023", "DVC mức độ 4 trên thiết bị di động",
                note=NO_DATE),
        ],
    ),
    ("so-noi-vu", "2023-08"): (
        "Sở Nội vụ tỉnh Lai Châu",
        [
            fig("1", "37,36%", "%", "năm 2023", "18/8/2023", "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
                note="chú thích 7: năm 2023 đạt 37,36% (đến 18/8/2023)"),
            fig("6.a", "99,8%", "%", "tháng 8/2023", "31/8/2023", "Hồ sơ công việc xử lý trên môi trường mạng - cấp tỉnh",
                note=NO_DATE),
            fig("6.b", "77%", "%", "tháng 8/2023", "31/8/2023", "Hồ sơ công việc xử lý trên môi trường mạng - cấp huyện",
                note=NO_DATE),
            fig("6.c", "94,2%", "%", "tháng 8/2023", "31/8/2023", "Hồ sơ công việc xử lý trên môi trường mạng - cấp xã",
                note=NO_DATE),
        ],
    ),
    ("so-tttt", "2023-08"): (
        "Sở Thông tin và Truyền thông tỉnh Lai Châu",
        [
            fig("7", "55%", "%", "tháng 8/2023", "31/8/2023", "Chế độ báo cáo định kỳ chia sẻ trên HTTT báo cáo",
                note=NO_DATE),
        ],
    ),
}  # fmt: skip


def main() -> None:
    write_submission(RAW / "templates" / "chitieu_submission_template.xlsx", reporter="", period_label="", rows=[])
    for (source, period), (reporter, rows) in SUBMISSIONS.items():
        y, m = period.split("-")
        path = RAW / source / period / f"{source}_bao-cao-chi-tieu_{period}.xlsx"
        if path.exists():
            print(f"kept {path.relative_to(RAW)} (raw files are never rewritten)")
            continue
        write_submission(path, reporter=reporter, period_label=f"tháng {int(m)}/{y}", rows=rows)
        print(f"wrote {path.relative_to(RAW)}")


if __name__ == "__main__":
    main()
