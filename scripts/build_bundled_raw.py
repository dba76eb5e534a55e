"""Write the bundled Lai Châu submissions (raw/) and the blank template, from the figures of the
2023 interim review of Resolution 08-NQ/TU (../shared/seeds/001, section II.1 and its footnotes).

Raw files are never edited: a department's correction is a new file. These files are this script's output: to
change one, change the script, delete the file and run it again (issue 11 did, so that the dates and periods are
the source's; git keeps the earlier bytes). Values are written as Vietnamese offices type them: text with comma
decimals, sometimes a number cell.

Dates and periods as the report gives them: a footnote's date where it has one ("Số liệu ngày 17/7/2023",
footnote 31); a figure the report gives "đến nay" (to date) has the reference period "đến nay" and the report's
date. The report states no date of its own: its latest figures are "cập nhật ngày 30/8/2023" (footnotes 17, 18,
32), which is taken as its date, marked "(giả định)" (assumed), as is every date or period the source does not
give (a year's figure dated at the year's end; the 2022 PAR INDEX and PCI ranks dated at the end of April 2023,
their month of publication). The loader publishes the mark as as_of_is_assumed / reference_period_is_assumed
and the report shows it.

The supporting figures (số liệu bổ trợ: indicators BT1 ... of the catalogue, never targets) are one file of the
provincial Party committee's office, as the report states them, its slips included: "115.061/15061" (100%) and
"11.383/11.160 đạt 98.0%" (the two counts are swapped: 11.160/11.383 = 98,04%; as written the part exceeds the
whole); the validation flags them (warnings). The report's dot decimals ("99.5%", "96.9%", "98.0%") are written
with a comma, as the template requires; the notes say so.
"""

from __future__ import annotations

from pathlib import Path

from chitieu.ingest.template import write_submission

RAW = Path(__file__).resolve().parents[1] / "raw"
LC = "Tỉnh Lai Châu"
NQ = "08-NQ/TU"
ASSUMED = " (giả định)"  # the source does not state this date or period (chitieu.ingest.dates)
REPORT_DATE = "30/8/2023" + ASSUMED  # the report's latest update (footnotes 17, 18, 32): taken as its date
AT_REPORT = (
    "báo cáo ghi 'đến nay', không ghi ngày: lấy ngày cập nhật mới nhất của báo cáo (30/8/2023, chú thích 17, 18, 32)"
)
YEAR_END = "số liệu cả năm; báo cáo không ghi ngày: lấy ngày cuối năm"
PUBLISHED = (
    "{index} {year} công bố tháng 4/{next}; báo cáo không ghi ngày công bố: lấy ngày cuối tháng 4/{next} (ngày giữ chỗ)"
)
# the loader has no period 'from 2021 to mid-2023' that its parts share: the cost saved (footnote 15) and its parts
# are filed under the year of the report, marked assumed, each part naming its own period in its code and note
COST = "kỳ số liệu ghi năm báo cáo (2023, giả định); chú thích 15: năm 2021: 7.124.335.344 đồng; năm 2022: "
COST += "761.796.212 đồng; 6 tháng đầu năm 2023: 2.854.924.947 đồng; tổng 10.741.056.503 đồng"
FN31 = "chú thích 31: Số liệu ngày 17/7/2023 tại Hệ thống Thông tin giải quyết thủ tục hành chính tỉnh"


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
            fig("1", "37,7%", "%", "năm 2021", "31/12/2021" + ASSUMED, "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
                note="chú thích 7: năm 2021 đạt 37,7%; " + YEAR_END),
            fig("1", "36,9%", "%", "năm 2022", "31/12/2022" + ASSUMED, "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
                note="chú thích 7: năm 2022 đạt 36,9%; " + YEAR_END),
            fig("8", "24", "hạng", "năm 2022", "30/4/2023" + ASSUMED, "Xếp hạng PAR INDEX", den="63",
                note="PAR INDEX 2022 xếp hạng 24/63 (tăng 14 bậc so với năm 2020); "
                + PUBLISHED.format(index="PAR INDEX", year=2022, next=2023)),
            fig("9", 57, "hạng", "năm 2022", "30/4/2023" + ASSUMED, "Xếp hạng PCI", den=63,
                note="PCI 2022 xếp hạng 57/63; " + PUBLISHED.format(index="PCI", year=2022, next=2023)),
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
            fig("2", "100%", "%", "ngày 17/7/2023", "17/7/2023", "TTHC cung cấp DVC trực tuyến mức độ 3, 4",
                num="930", den="930", note="chú thích 8: 930 thủ tục (603 toàn trình, 327 một phần); " + FN31),
        ],
    ),
    ("so-noi-vu", "2023-08"): (
        "Sở Nội vụ tỉnh Lai Châu",
        [
            fig("1", "37,36%", "%", "năm 2023", "18/8/2023", "Tỷ lệ cắt giảm thời gian giải quyết TTHC",
                note="chú thích 7: năm 2023 đạt 37,36% (đến 18/8/2023)"),
            fig("6.a", "99,8%", "%", "đến nay", REPORT_DATE, "Hồ sơ công việc xử lý trên môi trường mạng - cấp tỉnh",
                note=AT_REPORT),
            fig("6.b", "77%", "%", "đến nay", REPORT_DATE, "Hồ sơ công việc xử lý trên môi trường mạng - cấp huyện",
                note=AT_REPORT),
            fig("6.c", "94,2%", "%", "đến nay", REPORT_DATE, "Hồ sơ công việc xử lý trên môi trường mạng - cấp xã",
                note=AT_REPORT),
            fig("4", "11,29%", "%", "đến nay", REPORT_DATE, "ĐVSN công lập tự chủ từ 10% chi thường xuyên",
                num=49, den="434", note="chú thích 11: 49/434 đơn vị; mục 2.6: 'Đến nay, tổng số đơn vị sự nghiệp "
                "công lập ... là 434 đơn vị'; " + AT_REPORT),
        ],
    ),
    ("so-tttt", "2023-08"): (
        "Sở Thông tin và Truyền thông tỉnh Lai Châu",
        [
            fig("7", "55%", "%", "đến nay", REPORT_DATE, "Chế độ báo cáo định kỳ chia sẻ trên HTTT báo cáo",
                note=AT_REPORT),
            fig("3", "100%", "%", "đến nay", REPORT_DATE, "DVC mức độ 4 trên thiết bị di động",
                note="mục 2.3: 'đến thời điểm báo cáo 100% dịch vụ công trực tuyến toàn tỉnh được cung cấp trên "
                "nhiều phương tiện truy cập khác nhau'; " + AT_REPORT),
        ],
    ),
    ("van-phong-tinh-uy", "2023-08"): (
        "Văn phòng Tỉnh ủy Lai Châu",
        [
            fig("BT1", "52,6%", "%", "đến nay", REPORT_DATE, "Hồ sơ DVC thiết yếu tiếp nhận trực tuyến",
                num="52.072", den="98.946", note="tiếp nhận trực tuyến 52.072 hồ sơ trên tổng số 98.946 hồ sơ "
                "(đạt 52,6%); " + AT_REPORT),
            fig("BT2", "79,4%", "%", "đến nay", REPORT_DATE, "Tài khoản định danh điện tử kích hoạt",
                num="129.394", den="163.059", note="129.394/163.059 tài khoản định danh điện tử đạt 79,4% (ngày "
                "24/7/2023 trong cùng câu là của số 172.048 tài khoản thu nhận); " + AT_REPORT),
            fig("BT3", "96%", "%", "đến nay", REPORT_DATE, "Số ĐDCN/CCCD trong CSDL BHXH",
                num="372.922", den="390.319", note="372.922/390.319, đạt 96%; " + AT_REPORT),
            fig("BT4", "99,5%", "%", "đến nay", REPORT_DATE, "Mũi tiêm đã đồng bộ",
                num="1.196.584", den="1.202.272", note="báo cáo ghi '1.196.584/1.202.272 (đạt 99.5%)', dấu chấm "
                "thập phân viết lại bằng dấu phẩy; " + AT_REPORT),
            fig("BT5", "91%", "%", "đến nay", REPORT_DATE, "Dữ liệu hội viên Hội Nông dân",
                num="62.805", den="69.363", note="62.805/69.363 hội viên, đạt 91%; " + AT_REPORT),
            fig("BT6", "100%", "%", "đến nay", REPORT_DATE, "Dữ liệu đối tượng bảo trợ xã hội",
                num="115.061", den="15061", note="ghi đúng như báo cáo: 'hoàn thành 100% dữ liệu đối tượng bảo "
                "trợ xã hội (115.061/15061 đối tượng)'; " + AT_REPORT),
            fig("BT7", "96,9%", "%", "đến nay", REPORT_DATE, "Dữ liệu học sinh được xác thực",
                num="145.700", den="150.288", note="báo cáo ghi '145.700/150.288 dữ liệu học sinh đạt 96.9%', "
                "dấu chấm thập phân viết lại bằng dấu phẩy; " + AT_REPORT),
            fig("BT8", "98,0%", "%", "đến nay", REPORT_DATE, "Dữ liệu giáo viên",
                num="11.383", den="11.160", note="ghi đúng như báo cáo: 'dữ liệu giáo viên là 11.383/11.160 đạt "
                "98.0%' (hai số bị đảo: 11.160/11.383 = 98,04%; dấu chấm thập phân viết lại bằng dấu phẩy); "
                + AT_REPORT),
            fig("BT9", "64,7%", "%", "đến nay", REPORT_DATE, "Chi trả không dùng tiền mặt",
                num="1.997", den="3.083", note="chi trả không dùng tiền mặt cho 1.997/3.083 người, đạt 64,7%; "
                + AT_REPORT),
            fig("BT10", "15%", "%", "từ 01/6/2021 đến 23/5/2023", "23/5/2023",
                "Hồ sơ DVC một phần tiếp nhận, xử lý trực tuyến", num="13.820", den="92.123",
                note="tính từ 01/6/2021 đến 23/5/2023: 13.820/92.123 đạt 15%"),
            fig("BT11", "56,2%", "%", "từ 01/6/2021 đến 23/5/2023", "23/5/2023",
                "Hồ sơ DVC toàn trình tiếp nhận, xử lý trực tuyến", num="57.518", den="102.383",
                note="tính từ 01/6/2021 đến 23/5/2023: 57.518/102.383 đạt 56,2%"),
            fig("BT12", "930", "thủ tục", "ngày 17/7/2023", "17/7/2023", "TTHC cung cấp DVC trực tuyến",
                note="chú thích 8: hiện nay là 930 thủ tục (toàn trình là 603 thủ tục và một phần là 327 thủ tục); "
                + FN31),
            fig("BT13", "603", "thủ tục", "ngày 17/7/2023", "17/7/2023", "TTHC cung cấp DVC trực tuyến toàn trình",
                note="chú thích 8; " + FN31),
            fig("BT14", "327", "thủ tục", "ngày 17/7/2023", "17/7/2023", "TTHC cung cấp DVC trực tuyến một phần",
                note="chú thích 8; " + FN31),
            fig("BT15", "10.741.056.503", "đồng", "năm 2023" + ASSUMED, "30/6/2023", "Chi phí tiết kiệm do cắt giảm "
                "thời gian giải quyết TTHC, 2021 đến 6 tháng đầu năm 2023", note="tổng từ năm 2021 đến hết 6 tháng "
                "đầu năm 2023; " + COST),
            fig("BT16", "7.124.335.344", "đồng", "năm 2023" + ASSUMED, "30/6/2023", "Chi phí tiết kiệm, năm 2021",
                note="phần năm 2021; " + COST),
            fig("BT17", "761.796.212", "đồng", "năm 2023" + ASSUMED, "30/6/2023", "Chi phí tiết kiệm, năm 2022",
                note="phần năm 2022; " + COST),
            fig("BT18", "2.854.924.947", "đồng", "năm 2023" + ASSUMED, "30/6/2023",
                "Chi phí tiết kiệm, 6 tháng đầu năm 2023", note="phần 6 tháng đầu năm 2023; " + COST),
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
