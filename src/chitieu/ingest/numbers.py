"""Vietnamese number text -> Decimal, strictly (Babel, locale vi: comma decimal, dot thousands)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from babel.numbers import NumberFormatError, parse_decimal

from chitieu.errors import BadText, RejectCode

# unit words people type after a figure; the figure's unit column says what it is
_UNIT_SUFFIX = re.compile(r"\s*(%|đồng|tỷ đồng|triệu đồng|điểm|phút|hạng|đơn vị|thủ tục|hồ sơ)\s*$", re.IGNORECASE)


_SCIENTIFIC = re.compile(r"^[-+]?[\d.,]+e[-+]?\d+$", re.IGNORECASE)  # 1,07E+10: Excel's display of a narrow cell
_REPEATED = re.compile(r"^[-+\d.,%\s]*([%,.+-])\1[-+\d.,%\s]*$")  # 37,36%% or 1..5: a slip, not to guess at


class NumberTextError(BadText):
    """`code` says what kind of not-a-number it is: not_a_number, wrong_type, scientific_notation, ..."""

    def __init__(self, message: str, code: str = RejectCode.NOT_A_NUMBER):
        super().__init__(message)
        self.code = RejectCode(code)


def parse_vi_number(value: object) -> tuple[Decimal | None, str]:
    """Return (value, raw_text). Numbers stored as numbers are taken as they are; text is parsed strictly.

    "37,36%" -> 37.36; "10.741.056.503 đồng" -> 10741056503; "99.5" -> error (a dot is a thousands
    separator in Vietnamese, so a lone dot with one decimal is ambiguous and refused).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, ""
    if isinstance(value, bool):
        raise NumberTextError(f"a yes/no value ({value}) where a number was expected", "wrong_type")
    if isinstance(value, int | float):
        text = repr(value)
        if isinstance(value, float) and value.is_integer():
            text = str(int(value))
        return Decimal(text), text
    if isinstance(value, dt.date | dt.datetime | dt.time):
        raise NumberTextError(f"a date ({value}) where a number was expected", "wrong_type")
    raw = str(value)
    text = _UNIT_SUFFIX.sub("", raw.strip()).replace("\u00a0", "").replace(" ", "")
    if not text:
        raise NumberTextError(f"no digits in {raw!r}")
    if m := _REPEATED.match(raw.strip()):
        raise NumberTextError(f"{raw!r} has {m[1] * 2!r}: a sign typed twice", "repeated_symbol")
    if _SCIENTIFIC.match(text):
        raise NumberTextError(
            f"{raw!r} is scientific notation, as Excel shows a number in a narrow cell with digits cut off; "
            "type the whole number",
            "scientific_notation",
        )
    try:
        return parse_decimal(text, locale="vi", strict=True), raw
    except NumberFormatError as exc:
        raise NumberTextError(
            f"{raw!r} is not a Vietnamese-formatted number (comma decimal, dot thousands: 37,36 or 1.921)"
        ) from exc
