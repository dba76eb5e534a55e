"""Reference periods ("quý 2/2023") and dates (18/8/2023) as Vietnamese offices write them."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from chitieu.errors import BadText


@dataclass(frozen=True)
class ReferencePeriod:
    code: str  # 2023, 2023-Q2, 2023-H1, 2023-06
    start: dt.date
    end: dt.date


def _month(year: int, month: int) -> ReferencePeriod:
    return ReferencePeriod(
        f"{year}-{month:02d}",
        dt.date(year, month, 1),
        dt.date(year, month, calendar.monthrange(year, month)[1]),
    )


def parse_reference_period(text: str) -> ReferencePeriod:
    """ "năm 2023", "2023", "tháng 6/2023", "quý 2/2023", "6 tháng đầu năm 2023"."""
    t = " ".join(str(text).strip().lower().split())
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
        f"{text!r} is not a reference period; write 'năm 2023', 'quý 2/2023', 'tháng 6/2023' or '6 tháng đầu năm 2023'"
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
