"""Write the bundled Lai Châu submissions (raw/) and the blank template, from the figures of the
2023 interim review of Resolution 08-NQ/TU (../shared/seeds/001, section II.1 and its footnotes).

Run once; raw files are never edited afterwards (a correction is a new file in a later folder).
Values are written as Vietnamese offices type them: text with comma decimals, sometimes a number cell.
Where the report gives no as-of date, the last day of the month the figure was submitted is used
and the note says so.

The supporting figures (số liệu bổ trợ: indicators BT1 ... of the catalogue, never targets) are one file of the
provincial Party committee's office, as the report states them, its slips included: "115.061/15061" (100%) and
"11.383/11.160 đạt 98.0%" (the part exceeds the whole); the validation flags them (warnings). The report's dot
decimals ("99.5%", "96.9%", "98.0%") are written with a comma, as the template requires; the notes say so.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.ingest.template import write_submission

RAW = Path(__file__).resolve().parents[1] / "raw"
LC = "Tỉnh Lai Châu"
NQ = "08-NQ/TU"
NO_DATE = "báo cáo không ghi ngày số liệu; lấy ngày cuối kỳ báo cáo"
REVIEW_DATE = "30/8/2023"  # the interim review's figures "updated 30/8/2023" (seeds README)
ON_REVIEW = "báo cáo không ghi ngày số liệu; lấy ngày cập nhật của báo cáo sơ kết (30/8/2023)"
# the loader has no period 'from 2021 to mid-2023': the cost saved (footnote 15) and its parts are filed under
# the year of the report, each part naming its own period in its code and note
COST = "kỳ số liệu ghi năm báo cáo (2023); chú thích 15: năm 2021: 7.124.335.344 đồng; năm 2022: 761.796.212 đồng; "
COST += "6 tháng đầu năm 2023: 2.854.924.947 đồng; tổng 10.741.056.503 đồng"


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
    ("van-phong-tinh-uy", "2023-08"): (
        "Văn phòng Tỉnh ủy Lai Châu",
        [
            fig("BT1", "52,6%", "%", "năm 2023", REVIEW_DATE, "Hồ sơ DVC thiết yếu tiếp nhận trực tuyến",
                num="52.072", den="98.946", note="tiếp nhận trực tuyến 52.072 hồ sơ trên tổng số 98.946 hồ sơ "
                "(đạt 52,6%); " + ON_REVIEW),
            fig("BT2", "79,4%", "%", "năm 2023", REVIEW_DATE, "Tài khoản định danh điện tử kích hoạt",
                num="129.394", den="163.059", note="129.394/163.059 tài khoản định danh điện tử đạt 79,4%; "
                + ON_REVIEW),
            fig("BT3", "96%", "%", "năm 2023", REVIEW_DATE, "Số ĐDCN/CCCD trong CSDL BHXH",
                num="372.922", den="390.319", note="372.922/390.319, đạt 96%; " + ON_REVIEW),
            fig("BT4", "99,5%", "%", "năm 2023", REVIEW_DATE, "Mũi tiêm đã đồng bộ",
                num="1.196.584", den="1.202.272", note="báo cáo ghi '1.196.584/1.202.272 (đạt 99.5%)', dấu chấm "
                "thập phân viết lại bằng dấu phẩy; " + ON_REVIEW),
            fig("BT5", "91%", "%", "năm 2023", REVIEW_DATE, "Dữ liệu hội viên Hội Nông dân",
                num="62.805", den="69.363", note="62.805/69.363 hội viên, đạt 91%; " + ON_REVIEW),
            fig("BT6", "100%", "%", "năm 2023", REVIEW_DATE, "Dữ liệu đối tượng bảo trợ xã hội",
                num="115.061", den="15061", note="ghi đúng như báo cáo: 'hoàn thành 100% dữ liệu đối tượng bảo "
                "trợ xã hội (115.061/15061 đối tượng)'; " + ON_REVIEW),
            fig("BT7", "96,9%", "%", "năm 2023", REVIEW_DATE, "Dữ liệu học sinh được xác thực",
                num="145.700", den="150.288", note="báo cáo ghi '145.700/150.288 dữ liệu học sinh đạt 96.9%', "
                "dấu chấm thập phân viết lại bằng dấu phẩy; " + ON_REVIEW),
            fig("BT8", "98,0%", "%", "năm 2023", REVIEW_DATE, "Dữ liệu giáo viên",
                num="11.383", den="11.160", note="ghi đúng như báo cáo: 'dữ liệu giáo viên là 11.383/11.160 đạt "
                "98.0%' (dấu chấm thập phân viết lại bằng dấu phẩy); " + ON_REVIEW),
            fig("BT9", "64,7%", "%", "năm 2023", REVIEW_DATE, "Chi trả không dùng tiền mặt",
                num="1.997", den="3.083", note="chi trả không dùng tiền mặt cho 1.997/3.083 người, đạt 64,7%; "
                + ON_REVIEW),
            fig("BT10", "15%", "%", "năm 2023", "23/5/2023", "Hồ sơ DVC một phần tiếp nhận, xử lý trực tuyến",
                num="13.820", den="92.123", note="tính từ 01/6/2021 đến 23/5/2023: 13.820/92.123 đạt 15% "
                "(kỳ số liệu ghi năm 2023, ngày số liệu 23/5/2023)"),
            fig("BT11", "56,2%", "%", "năm 2023", "23/5/2023", "Hồ sơ DVC toàn trình tiếp nhận, xử lý trực tuyến",
                num="57.518", den="102.383", note="tính từ 01/6/2021 đến 23/5/2023: 57.518/102.383 đạt 56,2% "
                "(kỳ số liệu ghi năm 2023, ngày số liệu 23/5/2023)"),
            fig("BT12", "930", "thủ tục", "năm 2023", REVIEW_DATE, "TTHC cung cấp DVC trực tuyến",
                note="chú thích 8: hiện nay là 930 thủ tục (toàn trình là 603 thủ tục và một phần là 327 thủ tục); "
                + ON_REVIEW),
            fig("BT13", "603", "thủ tục", "năm 2023", REVIEW_DATE, "TTHC cung cấp DVC trực tuyến toàn trình",
                note="chú thích 8; " + ON_REVIEW),
            fig("BT14", "327", "thủ tục", "năm 2023", REVIEW_DATE, "TTHC cung cấp DVC trực tuyến một phần",
                note="chú thích 8; " + ON_REVIEW),
            fig("BT15", "10.741.056.503", "đồng", "năm 2023", "30/6/2023", "Chi phí tiết kiệm do cắt giảm thời gian "
                "giải quyết TTHC, 2021 đến 6 tháng đầu năm 2023", note="tổng từ năm 2021 đến hết 6 tháng đầu năm "
                "2023; " + COST),
            fig("BT16", "7.124.335.344", "đồng", "năm 2023", "30/6/2023", "Chi phí tiết kiệm, năm 2021",
                note="phần năm 2021; " + COST),
            fig("BT17", "761.796.212", "đồng", "năm 2023", "30/6/2023", "Chi phí tiết kiệm, năm 2022",
                note="phần năm 2022; " + COST),
            fig("BT18", "2.854.924.947", "đồng", "năm 2023", "30/6/2023", "Chi phí tiết kiệm, 6 tháng đầu năm 2023",
                note="phần 6 tháng đầu năm 2023; " + COST),
        ],
    ),
}  # fmt: skip
FILE_KIND = {("van-phong-tinh-uy", "2023-08"): "so-lieu-bo-tro"}  # else bao-cao-chi-tieu


def main() -> None:
    write_submission(RAW / "templates" / "chitieu_submission_template.xlsx", reporter="", period_label="", rows=[])
    for (source, period), (reporter, rows) in SUBMISSIONS.items():
        y, m = period.split("-")
        kind = FILE_KIND.get((source, period), "bao-cao-chi-tieu")
        path = RAW / source / period / f"{source}_{kind}_{period}.xlsx"
        if path.exists():
            print(f"kept {path.relative_to(RAW)} (raw files are never rewritten)")
            continue
        write_submission(path, reporter=reporter, period_label=f"tháng {int(m)}/{y}", rows=rows)
        print(f"wrote {path.relative_to(RAW)}")


if __name__ == "__main__":
    main()
