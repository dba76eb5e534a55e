"""The reporting period: a calendar month, parsed once where it enters (the CLI, the DAG, a folder name) and
passed around as a `Period` from there on.

A Period is its code, YYYY-MM, as a `str` (so it names folders, binds as a SQL parameter and sorts in time
order as it is), that can only be made valid, with the month's dates on it."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from chitieu.errors import BadText

PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"  # JSON Schema's too (the DAG's period param)
_CODE = re.compile(PATTERN)


class Period(str):
    __slots__ = ()

    def __new__(cls, text: object) -> Period:
        if isinstance(text, Period):
            return text
        if not (isinstance(text, str) and _CODE.match(text)):
            raise BadText(f"period must be YYYY-MM (a calendar month), got {text!r}")
        return super().__new__(cls, text)

    @classmethod
    def of(cls, day: dt.date) -> Period:
        return cls(f"{day.year:04d}-{day.month:02d}")

    @property
    def year(self) -> int:
        return int(self[:4])

    @property
    def month(self) -> int:
        return int(self[5:])

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def end(self) -> dt.date:
        """The month's last day."""
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def next(self) -> Period:
        return Period.of(self.end + dt.timedelta(days=1))

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"
