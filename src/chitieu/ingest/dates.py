"""Reference periods ("quý 2/2023") and dates (18/8/2023) as Vietnamese offices write them, as the source gives
them: a period ("năm 2023", "từ 01/6/2021 đến 23/5/2023"), a day ("ngày 17/7/2023") or "to date" ("đến nay", a
stock on the figure's as-of date). A cell may mark its date or period as an assumption the source does not
state: "30/8/2023 (giả định)"."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from chitieu.errors import BadText


@dataclass(frozen=True)
class ReferencePeriod:
    code: str  # 2023, 2023-Q2, 2023-H1, 2023-06; a day 2023-07-17; a span 2021-06-01/2023-05-23
    start: dt.date
    end: dt.date


ASSUMED = re.compile(r"\s*\((giả định|gia dinh|assumed)\)\s*$", re.IGNORECASE)
TO_DATE = {"đến nay", "hiện nay", "đến thời điểm báo cáo", "tính đến nay"}  # a stock on the as-of date
_DAY = r"(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"


def assumed(value: object) -> tuple[object, bool]:
    """(the cell without its "(giả định)" mark, whether it had one): the source does not state this date or
    period; chitieu's file assumes it."""
    if isinstance(value, str) and (m := ASSUMED.search(value)):
        return value[: m.start()], True
    return value, False


def _day(m: re.Match, first: int = 1) -> dt.date:
    try:
        return dt.date(int(m[first + 2]), int(m[first + 1]), int(m[first]))
    except ValueError as exc:
        raise BadText(f"{m[0]!r} is not a date") from exc


def _point(day: dt.date) -> ReferencePeriod:
    return ReferencePeriod(day.isoformat(), day, day)


def _month(year: int, month: int) -> ReferencePeriod:
    return ReferencePeriod(
        f"{year}-{month:02d}",
        dt.date(year, month, 1),
        dt.date(year, month, calendar.monthrange(year, month)[1]),
    )


def parse_reference_period(text: str, as_of: dt.date | None = None) -> ReferencePeriod:
    """ "năm 2023", "2023", "tháng 6/2023", "quý 2/2023", "6 tháng đầu năm 2023"; "ngày 17/7/2023" (a day);
    "từ 01/6/2021 đến 23/5/2023" (a span); "đến nay" (to date: the day of `as_of`)."""
    t = " ".join(str(text).strip().lower().split())
    if t in TO_DATE:
        if as_of is None:
            raise BadText(f"{text!r} (to date) needs the figure's date ('Số liệu tính đến ngày')")
        return _point(as_of)
    if m := re.fullmatch(r"(?:ngày|đến ngày|tính đến ngày)\s*" + _DAY, t):
        return _point(_day(m))
    if m := re.fullmatch(r"(?:tính\s*)?từ(?: ngày)?\s*" + _DAY + r"\s*(?:đến|-)(?: ngày)?\s*" + _DAY, t):
        start, end = _day(m), _day(m, 4)
        if start < end:
            return ReferencePeriod(f"{start.isoformat()}/{end.isoformat()}", start, end)
    if m := re.fullmatch(r"(?:năm\s*)?(\d{4})", t):
        y = int(m[1])
        return ReferencePeriod(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31))
    if m := re.fullmatch(r"tháng\s*(\d{1,2})\s*/\s*(\d{4})", t):
        if 1 <= int(m[1]) <= 12:
            return _month(int(m[2]), int(m[1]))
    if m := re.fullmatch(r"quý\s*([1-4]|i{1,3}|iv)\s*/\s*(\d{4})", t):
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m[1]) or int(m[1])
        y = int(m[2])
        last = 3 * q
        return ReferencePeriod(f"{y}-Q{q}", dt.date(y, last - 2, 1), dt.date(y, last, calendar.monthrange(y, last)[1]))
    if m := re.fullmatch(r"6 tháng đầu năm\s*(\d{4})", t):
        y = int(m[1])
        return ReferencePeriod(f"{y}-H1", dt.date(y, 1, 1), dt.date(y, 6, 30))
    raise BadText(
        f"{text!r} is not a reference period; write 'năm 2023', 'quý 2/2023', 'tháng 6/2023', '6 tháng đầu năm 2023', "
        "'ngày 17/7/2023', 'từ 01/6/2021 đến 23/5/2023' or 'đến nay'"
    )


def parse_vi_date(value: object) -> dt.date:
    """A date cell, or text dd/mm/yyyy (day first, as written in Vietnam)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    t = str(value or "").strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):
        try:
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        except ValueError:
            pass
    raise BadText(f"{t!r} is not a date; write dd/mm/yyyy, e.g. 18/8/2023")
